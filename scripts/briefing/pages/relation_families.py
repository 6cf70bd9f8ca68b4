"""Families of relation kinds, so the network can style and explain its lines by what they mean.

A relation's `kind` is a free slug in the data (`supplies-oil-to`, `owns-share-of`, `sanctioned`).
Its family comes from its words, in any tense (`supports`, `supported`, `expressed-support-for`),
by a small table of words per family, with a few whole phrases listed where the words would
mislead; a kind with none of these words is "other", never an error, so another article's
briefing gets its lines grouped without touching the engine.
"""

from __future__ import annotations

import functools
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

_PHRASES = {
    # Kinds whose words would mislead the word test below: shielding from sanctions is not
    # opposition to the shielded, nor a leading role in a breakup leadership of it.
    "opposed-sanctions-on": OTHER,
    "refused-to-sanction": OTHER,
    "refuses-to-sanction": OTHER,
    "took-leading-role-in-breakup-of": OTHER,
    "kept-at-arms-length": "opposition",
    "keeps-at-arms-length": "opposition",
    "seceded-from": OTHER,
    "military-of": "membership",
    "ran-camps-in": "military",
    "accepted-into": "membership",
    "operates-in": OTHER,  # where a body works, not what it does there
}
"""Whole kinds, or their leading words (`opposed-sanctions-on-...`), that decide the family
before the words do."""
_WORDS: tuple[tuple[str, str], ...] = (
    ("military", "invad* invasion occup* fight* war troop* exercis* spy* spies coup* seiz*"
     " train* clash* interven* camp* base deploy* bogged weapon* arms armed militar*"),
    ("energy", "suppl* gas oil energy trade* pipeline*"),
    ("membership", "member* membership lead leads led run runs ran serv* own owns owned part"
     " head heads candidat* acced* accession applied applies veto president chair*"),
    ("opposition", "oppos* block* sanction* condemn* pressur* press pressed presses resent*"
     " tension enem* responsib* exploit* deni* deny refus* rival* threat* critic* secession"
     " hostil* against"),
    ("support", "support* back* allied alli* aid aids aided assist* cooperat* coordinat* close"
     " closer admir* recogni* protect* endors* fund* integrat* consult* friend*"),
)  # fmt: skip
"""Each family's words (`word*` stands for any word that begins so). A kind's first word that
belongs to a family decides, so the verb does: `condemned-invasion-of` is opposition."""
_FAMILY_WORDS = tuple((family, tuple(words.split())) for family, words in _WORDS)


def _matches(word: str, pattern: str) -> bool:
    return word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern


@functools.cache  # a briefing has few kinds and many relations
def relation_family(kind: str) -> str:
    """The id of the family of a relation kind: a listed phrase decides first (the longest
    leading part of the slug listed), then its first word that belongs to a family; a kind
    with no such word is 'other'."""
    words = kind.split("-")
    for end in range(len(words), 0, -1):
        family = _PHRASES.get("-".join(words[:end]))
        if family:
            return family
    for word in words:
        for family, patterns in _FAMILY_WORDS:
            if any(_matches(word, pattern) for pattern in patterns):
                return family
    return OTHER


def families_present(kinds: Iterable[str]) -> list[Family]:
    """The families these relation kinds fall into, in legend order."""
    present = {relation_family(kind) for kind in kinds}
    return [family for family in FAMILIES if family.id in present]
