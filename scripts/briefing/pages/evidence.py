"""What backs each claim, derived from the data: the markers it cites, or else the markers that
stand elsewhere in its sentence. Nobody types this; every briefing gets it."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from briefing.data.records import Briefing
from briefing.data.text import Marker, quote_sentences
from briefing.data.text import place_sources as place_markers_of
from briefing.model import Claim, Source
from briefing.pages.markup import md


class Status(StrEnum):
    """How a claim is backed in the article."""

    CITED = "cited"
    """It cites at least one citation marker."""
    SENTENCE = "sentence"
    """It cites none, but its sentence carries a marker (for another statement)."""
    NONE = "none"
    """Neither it nor its sentence carries a marker."""


@dataclass(frozen=True)
class Evidence:
    """A claim's evidence: its own markers, or (when it has none) those of its sentence."""

    cited: tuple[str, ...]
    sentence: tuple[str, ...]

    @property
    def status(self) -> Status:
        """Cited, backed only by its sentence's context, or uncited."""
        if self.cited:
            return Status.CITED
        return Status.SENTENCE if self.sentence else Status.NONE


def place_sources(briefing: Briefing) -> dict[str, Marker]:
    """Each source's marker in the article text (see `text.place_sources`)."""
    texts = {paragraph.id: paragraph.text for paragraph in briefing.article.paragraphs}
    return place_markers_of(texts, briefing.sources)


def claim_evidence(briefing: Briefing, places: dict[str, Marker]) -> dict[str, Evidence]:
    """Every claim's evidence, by claim id."""
    texts = {paragraph.id: paragraph.text for paragraph in briefing.article.paragraphs}
    by_sentence: dict[tuple[str, int], list[str]] = defaultdict(list)
    for source_id, place in sorted(places.items(), key=lambda item: item[1].number):
        by_sentence[(place.paragraph, place.sentence)].append(source_id)
    return {
        claim.id: _evidence(claim, texts[claim.paragraph], by_sentence)
        for claim in briefing.claims.values()
    }


def _evidence(claim: Claim, text: str, by_sentence: dict[tuple[str, int], list[str]]) -> Evidence:
    if claim.sources:
        return Evidence(claim.sources, ())
    context = [
        source_id
        for sentence in quote_sentences(text, claim.quote)
        for source_id in by_sentence.get((claim.paragraph, sentence), [])
    ]
    return Evidence((), tuple(context))


def evidence_words(
    evidence: Mapping[str, Evidence], sources: Mapping[str, Source], claim_id: str, up: str
) -> str:
    """What backs a claim, in words: the markers it cites, each linking to its place in the
    article and to the register; or the markers elsewhere in its sentence; or none. Python, not
    a template macro: it is said once for every claim, and a macro call costs several times
    more than the text it writes. `up` leads from the page to the site's root."""
    found = evidence[claim_id]
    if found.cited:
        return f"cites {_marker_links(found.cited, sources, up)}"
    if found.sentence:
        links = _marker_links(found.sentence, sources, up)
        return f"no citation of its own; its sentence cites {links}"
    return "no citation in the article"


def _marker_links(ids: Sequence[str], sources: Mapping[str, Source], up: str) -> str:
    return ", ".join(
        f"[“{md(sources[source_id].cited_as)}”]({up}article/index.md#m-{source_id})"
        f" ([register]({up}sources/index.md#{source_id}))"
        for source_id in ids
    )
