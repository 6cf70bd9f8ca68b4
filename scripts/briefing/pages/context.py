"""What the templates see: the records plus the groupings derived once from them (claims by
theme, paragraph, actor and source; relations both ways), so no page scans the whole briefing."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from operator import attrgetter
from typing import Any, NamedTuple

from briefing.data.records import Briefing
from briefing.model import Actor, Claim, Source, SourceRole
from briefing.pages import labels
from briefing.pages.evidence import Status, claim_evidence, evidence_words, place_sources


def claim_order(briefing: Briefing) -> list[Claim]:
    """Claims in reading order: by paragraph, then as written in the data (the sort is stable)."""
    return sorted(briefing.claims.values(), key=attrgetter("paragraph"))


def build_context(briefing: Briefing) -> dict[str, Any]:
    """Every name a template may use."""
    claims = claim_order(briefing)
    sources = list(briefing.sources.values())
    citations = [s for s in sources if s.role is SourceRole.CITATION]
    places = place_sources(briefing)
    evidence = claim_evidence(briefing, places)
    statuses = Counter(item.status for item in evidence.values())
    return {
        "article": briefing.article,
        "paragraphs": briefing.article.paragraphs,
        "themes": briefing.themes,
        "levers": briefing.levers,
        "targets": briefing.targets,
        "actors": briefing.actors,
        "sources": briefing.sources,
        "claims": claims,
        **_claim_groups(briefing, claims),
        "relations_by_actor": _relations_by_actor(briefing),
        **_claim_addresses(claims),
        "citations": citations,
        "citations_by_paragraph": _by_paragraph(briefing, citations),
        "evidence": evidence,
        "evidence_words": functools.partial(evidence_words, evidence, briefing.sources),
        "places": places,
        "evidence_counts": {status.value: statuses[status] for status in Status},
        "addressed": sum(1 for source in citations if source.url),
        "credits": [s for s in sources if s.role is SourceRole.CREDIT],
        "key_judgments": [claim for claim in claims if claim.key_judgment],
        "figures": [claim for claim in claims if claim.figure is not None],
        "by_kind": _actors_by_kind(briefing),
        "kind_titles": labels.ACTOR_KIND_TITLES,
        "kind_help": labels.CLAIM_KIND_HELP,
        "kind_labels": labels.CLAIM_KIND_LABELS,
    }


def _claim_groups(briefing: Briefing, claims: list[Claim]) -> dict[str, Any]:
    by_theme: dict[str, list[Claim]] = {theme_id: [] for theme_id in briefing.themes}
    by_paragraph: dict[str, list[Claim]] = defaultdict(list)
    by_actor: dict[str, list[Claim]] = {actor_id: [] for actor_id in briefing.actors}
    supports: dict[str, list[Claim]] = {source_id: [] for source_id in briefing.sources}
    for claim in claims:
        by_theme[claim.theme].append(claim)
        by_paragraph[claim.paragraph].append(claim)
        actor_ids, attributed_to = claim.actors, claim.attributed_to
        if attributed_to:
            actor_ids = (*actor_ids, attributed_to)
        for actor_id in dict.fromkeys(actor_ids):
            by_actor[actor_id].append(claim)
        for source_id in claim.sources:
            supports[source_id].append(claim)
    return {
        "claims_by_theme": by_theme,
        "claims_by_paragraph": by_paragraph,
        "claims_by_actor": by_actor,
        "supports": supports,
        "theme_counts": {theme_id: len(group) for theme_id, group in by_theme.items()},
        "claim_counts": {actor_id: len(group) for actor_id, group in by_actor.items()},
    }


def _claim_addresses(claims: list[Claim]) -> dict[str, dict[str, str]]:
    """Each claim's section: `claim_link` from a page in docs/, `claim_url` from the site root."""
    links: dict[str, str] = {}
    urls: dict[str, str] = {}
    for claim in claims:
        claim_id, theme = claim.id, claim.theme
        links[claim_id] = f"themes/{theme}.md#{claim_id}"
        urls[claim_id] = f"themes/{theme}/#{claim_id}"
    return {"claim_link": links, "claim_url": urls}


def _by_paragraph(briefing: Briefing, sources: list[Source]) -> list[tuple[str, list[Source]]]:
    """Sources grouped by their paragraph, in the article's order."""
    groups: dict[str, list[Source]] = defaultdict(list)
    for source in sources:
        groups[source.paragraph].append(source)
    return [(p.id, groups[p.id]) for p in briefing.article.paragraphs if groups[p.id]]


class RelationRow(NamedTuple):
    """One row of an actor's relations table. A named tuple: two are built per relation, and
    that costs half as much as a frozen dataclass."""

    label: str
    """The relation, read from this actor ('supplies', or '← supplies' when the other acts)."""
    other: str
    """The other actor's id."""
    detail: str
    claim: str
    """The evidencing claim's id."""
    kind: str
    """The relation's kind, as in the data ('supplies')."""


def _relations_by_actor(briefing: Briefing) -> dict[str, list[RelationRow]]:
    """Each actor's relations, its own first, then those of others pointing at it (marked ←)."""
    outgoing: dict[str, list[RelationRow]] = {actor_id: [] for actor_id in briefing.actors}
    incoming: dict[str, list[RelationRow]] = {actor_id: [] for actor_id in briefing.actors}
    for actor_id, actor in briefing.actors.items():
        for relation in actor.relations:
            label = labels.relation_label(relation.kind)
            other, detail, claim = relation.to, relation.detail, relation.claim
            kind = relation.kind
            outgoing[actor_id].append(RelationRow(label, other, detail, claim, kind))
            incoming[other].append(RelationRow(f"← {label}", actor_id, detail, claim, kind))
    return {actor_id: outgoing[actor_id] + incoming[actor_id] for actor_id in briefing.actors}


def _actors_by_kind(briefing: Briefing) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in briefing.actors.values():
        groups[actor.kind.value].append(actor)
    return [(kind, groups[kind]) for kind in labels.ACTOR_KIND_TITLES if groups[kind]]
