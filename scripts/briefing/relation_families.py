"""Families of relation kinds, so the network can style and explain its lines by what they mean.

A relation's `kind` is a free slug in the data (`supplies`, `owns-share-of`, ...). A small table
maps the verbs this project's articles use to a family; a slug the table does not know falls back
on its leading words (`owns-stake-in` -> `owns`), and past that into "other", never an error, so
another article's briefing gets its lines grouped without touching the engine.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Family(NamedTuple):
    """A family of relation kinds: its id (a CSS class suffix), legend title and meaning."""

    id: str
    title: str
    meaning: str


FAMILIES = (
    Family("support", "Support and alliance", "backing, aid, alliance, cooperation"),
    Family("opposition", "Opposition and pressure", "blocking, sanctions, pressure, hostility"),
    Family("energy", "Energy and trade", "supplies and deals"),
    Family("membership", "Ownership, membership and leadership", "who owns, leads or belongs"),
    Family("military", "Military and security", "force, arms, intelligence, training"),
    Family("other", "Other", "any other relation"),
)
"""In legend order; `other` last, as the fallback."""
OTHER = "other"

_KINDS: dict[str, tuple[str, ...]] = {
    "support": (
        "supports", "backs", "allied-with", "aids", "assists", "cooperates-with",
        "has-close-relations-with", "forged-closer-relations-with", "approves-support-for",
        "offered-protection-to", "consults-with", "admires", "recognizes",
        "pursues-integration-with", "endorses", "funds", "protects",
    ),
    "opposition": (
        "opposes", "blocks", "sanctions", "condemns", "pressures", "resents", "in-tension-with",
        "refuses-to-recognize", "considers-enemy", "holds-responsible", "explores-exploiting",
        "keeps-at-arms-length", "seeks-secession-from", "threatens", "criticizes", "rivals",
    ),
    "energy": ("supplies", "signed-gas-deal-with", "trades-with", "exports-to", "buys"),
    "membership": (
        "member-of", "leads", "runs", "serves", "owns", "part-of", "operates", "applied-to",
        "candidate-for", "sought-accession-to", "negotiates-membership-with", "holds-veto-in",
        "controls", "heads", "founded",
    ),
    "military": (
        "invaded", "occupied", "fights-in", "intervened-in", "exercises-with", "imports-arms-from",
        "equipped-with-weapons-from", "helped-seize", "believed-trained-at", "shut-down-camps-of",
        "played-role-in-coup-attempt-in", "suspected-of-spying-on", "clashed-with", "attacked",
        "arms", "trains", "spies-on", "supplies-arms-to", "supplies-weapons-to",
    ),
    OTHER: ("operates-in",),  # where a body works, not what it does there
}  # fmt: skip
"""Each family's verbs: a relation kind is in a family if it is one of them, or starts with one
followed by a hyphen (`owns` covers `owns-share-of`)."""
FAMILY_OF = {kind: family for family, kinds in _KINDS.items() for kind in kinds}


def relation_family(kind: str) -> str:
    """The id of the family of a relation kind: the longest known leading part of the slug
    decides (`owns-share-of` -> `owns` -> membership); unknown kinds are 'other'."""
    words = kind.split("-")
    for end in range(len(words), 0, -1):
        family = FAMILY_OF.get("-".join(words[:end]))
        if family:
            return family
    return OTHER


def families_present(kinds: Iterable[str]) -> list[Family]:
    """The families these relation kinds fall into, in legend order."""
    present = {relation_family(kind) for kind in kinds}
    return [family for family in FAMILIES if family.id in present]
