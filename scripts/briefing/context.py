"""What the templates see: the records plus the groupings derived once from them (claims by
theme, paragraph, actor and source; relations both ways), so no page scans the whole briefing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from briefing import labels
from briefing.load import Briefing
from briefing.model import Actor, Claim, SourceRole


def claim_order(briefing: Briefing) -> list[Claim]:
    """Claims in reading order: by paragraph, then as written in the data."""
    position = {claim_id: n for n, claim_id in enumerate(briefing.claims)}
    return sorted(briefing.claims.values(), key=lambda c: (c.paragraph, position[c.id]))


def build_context(briefing: Briefing) -> dict[str, Any]:
    """Every name a template may use."""
    claims = claim_order(briefing)
    sources = list(briefing.sources.values())
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
        "claim_link": {c.id: f"themes/{c.theme}.md#{c.id}" for c in claims},
        "claim_url": {c.id: f"themes/{c.theme}/#{c.id}" for c in claims},
        "citations": [s for s in sources if s.role is SourceRole.CITATION],
        "credits": [s for s in sources if s.role is SourceRole.CREDIT],
        "key_judgments": [claim for claim in claims if claim.key_judgment],
        "figures": [claim for claim in claims if claim.figure is not None],
        "by_kind": _actors_by_kind(briefing),
        "kind_titles": labels.ACTOR_KIND_TITLES,
        "kind_help": labels.CLAIM_KIND_HELP,
        "address_note": labels.ADDRESS_NOTE,
    }


def _claim_groups(briefing: Briefing, claims: list[Claim]) -> dict[str, Any]:
    by_theme: dict[str, list[Claim]] = {theme_id: [] for theme_id in briefing.themes}
    by_paragraph: dict[str, list[Claim]] = defaultdict(list)
    by_actor: dict[str, list[Claim]] = {actor_id: [] for actor_id in briefing.actors}
    supports: dict[str, list[Claim]] = {source_id: [] for source_id in briefing.sources}
    for claim in claims:
        by_theme[claim.theme].append(claim)
        by_paragraph[claim.paragraph].append(claim)
        for actor_id in dict.fromkeys([*claim.actors, *filter(None, [claim.attributed_to])]):
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


@dataclass(frozen=True)
class RelationRow:
    """One row of an actor's relations table."""

    label: str
    """The relation, read from this actor ('supplies', or '← supplies' when the other acts)."""
    other: str
    """The other actor's id."""
    detail: str
    claim: str
    """The evidencing claim's id."""


def _relations_by_actor(briefing: Briefing) -> dict[str, list[RelationRow]]:
    """Each actor's relations, its own first, then those of others pointing at it (marked ←)."""
    outgoing: dict[str, list[RelationRow]] = {actor_id: [] for actor_id in briefing.actors}
    incoming: dict[str, list[RelationRow]] = {actor_id: [] for actor_id in briefing.actors}
    for actor in briefing.actors.values():
        for relation in actor.relations:
            label = labels.relation_label(relation.kind)
            detail, claim = relation.detail, relation.claim
            outgoing[actor.id].append(RelationRow(label, relation.to, detail, claim))
            incoming[relation.to].append(RelationRow(f"← {label}", actor.id, detail, claim))
    return {actor_id: outgoing[actor_id] + incoming[actor_id] for actor_id in briefing.actors}


def _actors_by_kind(briefing: Briefing) -> list[tuple[str, list[Actor]]]:
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in briefing.actors.values():
        groups[actor.kind.value].append(actor)
    return [(kind, groups[kind]) for kind in labels.ACTOR_KIND_TITLES if groups[kind]]
