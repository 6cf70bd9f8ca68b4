"""The claim explorer's facets: the values a claim has for each filter, and the form's choices with
their counts. The page (`claims.md.j2`) and the search index (`search.py`) both read them, so the
filters the page offers are exactly those the index holds."""

from __future__ import annotations

from typing import Any, NamedTuple

from briefing.data.records import Briefing
from briefing.model import Claim
from briefing.pages import labels

FACETS = {
    "kind": "Kind",
    "theme": "Theme",
    "lever": "Lever",
    "target": "Target",
    "actor": "Actor",
    "evidence": "Evidence",
    "key": "Key judgment",
}
"""The filters chosen from a list, by the name the URL and the index give them; the date range
(`from`, `to`, over the index's `year`) comes after them."""
EVIDENCE = {"cited": "cites a marker of its own", "uncited": "no citation marker of its own"}
KEY = {"yes": "key judgments only", "no": "not key judgments"}


class Choice(NamedTuple):
    """One value of a filter as the form offers it."""

    value: str
    """What the URL and the index carry: an id, a year, `cited`..."""
    label: str
    total: int
    """Claims with this value, before any filter is chosen."""


class Facet(NamedTuple):
    """One filter of the form."""

    name: str
    label: str
    choices: list[Choice]


def claim_actors(claim: Claim) -> list[str]:
    """The actors a claim is about or attributed to: those whose page lists it."""
    ids = (*claim.actors, claim.attributed_to) if claim.attributed_to else claim.actors
    return list(dict.fromkeys(ids))


def claim_facets(claim: Claim) -> dict[str, list[str]]:
    """A claim's values for each filter (and its `year`, for the date range)."""
    return {
        "kind": [claim.kind.value],
        "theme": [claim.theme],
        "lever": list(claim.levers),
        "target": list(claim.targets),
        "actor": claim_actors(claim),
        "evidence": ["cited" if claim.sources else "uncited"],
        "key": ["yes" if claim.key_judgment else "no"],
        "year": [claim.when[:4]] if claim.when else [],
    }


def evidence_label(claim: Claim) -> str:
    """Whether the claim cites a citation marker of its own, and how many."""
    count = len(claim.sources)
    if not count:
        return EVIDENCE["uncited"]
    return f"cites {count} marker{'s' if count != 1 else ''}"


def explorer_facets(briefing: Briefing) -> list[Facet]:
    """The form's filters in order, each value with its count over all claims; values no claim
    has are left out. The last facet is `year`, the choices of the date range."""
    counts: dict[str, dict[str, int]] = {name: {} for name in (*FACETS, "year")}
    for claim in briefing.claims.values():
        for name, values in claim_facets(claim).items():
            for value in values:
                counts[name][value] = counts[name].get(value, 0) + 1
    names: dict[str, dict[str, str]] = {
        "kind": {kind: labels.kind_label(kind) for kind in labels.CLAIM_KIND_LABELS},
        "theme": {theme.id: theme.title for theme in briefing.themes.values()},
        "lever": {lever.id: lever.title for lever in briefing.levers.values()},
        "target": {target.id: target.title for target in briefing.targets.values()},
        "actor": {
            actor.id: actor.name
            for actor in sorted(briefing.actors.values(), key=lambda a: a.name.casefold())
        },
        "evidence": EVIDENCE,
        "key": KEY,
        "year": {year: year for year in sorted(counts["year"])},
    }
    return [
        Facet(name, FACETS.get(name, "Year"), _choices(names[name], counts[name])) for name in names
    ]


def _choices(names: dict[str, str], counts: dict[str, int]) -> list[Choice]:
    return [
        Choice(value, label, counts[value]) for value, label in names.items() if value in counts
    ]


def explorer_context(briefing: Briefing) -> dict[str, Any]:
    """What `claims.md.j2` needs beyond the shared context."""
    facets = explorer_facets(briefing)
    return {
        "facets": facets[:-1],
        "years": facets[-1].choices,
        "evidence_of": {claim.id: evidence_label(claim) for claim in briefing.claims.values()},
    }
