"""The article's paragraphs as Markdown with every citation marker a link anchored `#m-<source>`
and every claim's quoted words marked and anchored `#q-<claim>`. Pure.

Quotes may overlap or cross a marker's edge, so the text is cut wherever a quote or a marker
starts or ends, and each piece is marked with the claims whose quotes cover it: a quote that
crosses a marker is then two marks, one inside the link and one outside, never crossed tags.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from typing import NamedTuple

from briefing.data.text import ESCAPED, fold, marker_matches, normalize
from briefing.pages.markup import html_text, md_text


@dataclass(frozen=True)
class Quote:
    """A claim's quoted words, and what a reader is told about them."""

    claim: str
    words: str
    tip: str
    """The claim it carries, shortened, for the tooltip."""


class _Piece(NamedTuple):
    """A stretch of the paragraph with one marker (or none) and one set of quoting claims. A
    named tuple: a paragraph has dozens, and a frozen dataclass costs twice as much to build."""

    start: int
    end: int
    marker: int | None
    claims: tuple[str, ...]
    words: str
    """The text shown: `text[start:end]` less any hidden character."""


def annotate_paragraph(
    text: str, quotes: Sequence[Quote], marker_sources: Mapping[int, str], sources_page: str
) -> str:
    """Markdown for one paragraph. `marker_sources` maps each marker's number in the paragraph
    to its source id; `sources_page` is the register's path from the article page."""
    text = " ".join(text.split())
    markers = [(m.start(1), m.end(1)) for m in marker_matches(text)]
    # Hidden: markers' brackets and escapes' backslashes, which the page does not show.
    hidden = {i for start, end in markers for i in (start - 1, end)}
    hidden |= {match.start() for match in ESCAPED.finditer(text)}
    spans = _quote_spans(text, quotes, hidden)
    starts: dict[int, list[str]] = {}
    for claim, (start, _) in spans.items():
        starts.setdefault(start, []).append(claim)
    anchors = sorted(starts.items())
    tips = {quote.claim: quote.tip for quote in quotes}
    out: list[str] = []
    pieces = _pieces(text, markers, hidden, spans)
    for marker, run in groupby(pieces, key=lambda piece: piece.marker):
        body = "".join(_marked(piece, anchors, tips) for piece in run)
        if marker is None:
            out.append(body)
        else:
            source = marker_sources[marker]
            out.append(f"[{body}]({sources_page}#{source}){{: #m-{source} .marker }}")
    return "".join(out)


def _pieces(
    text: str, markers: list[tuple[int, int]], hidden: set[int], spans: dict[str, tuple[int, int]]
) -> list[_Piece]:
    """The paragraph cut at every edge of a quote or a marker; markers' brackets left out."""
    edges = {0, len(text), *hidden, *(i + 1 for i in hidden)}
    edges.update(i for span in (*markers, *spans.values()) for i in span)
    cuts = sorted(edge for edge in edges if 0 <= edge <= len(text))
    pieces = []
    for start, end in pairwise(cuts):
        if start in hidden:
            continue
        marker = next((n for n, (a, b) in enumerate(markers) if a <= start < b), None)
        claims = tuple([claim for claim, (a, b) in spans.items() if a <= start < b])
        pieces.append(_Piece(start, end, marker, claims, text[start:end]))
    # Neighbours with the same marker and claims, apart at most by hidden characters, are one.
    merged: list[_Piece] = []
    for piece in pieces:
        last = merged[-1] if merged else None
        if (
            last
            and (last.marker, last.claims) == (piece.marker, piece.claims)
            and hidden.issuperset(range(last.end, piece.start))
        ):
            words = last.words + piece.words
            merged[-1] = _Piece(last.start, piece.end, piece.marker, piece.claims, words)
        else:
            merged.append(piece)
    return merged


def _marked(piece: _Piece, anchors: list[tuple[int, list[str]]], tips: dict[str, str]) -> str:
    """One piece of text covered by the same claims, marked. Inside a marker's link it is not
    focusable itself (HTML allows no tabindex inside a link): the link takes the focus and
    shows the tip instead. `anchors`: where quotes start, in order, with their claims."""
    words = md_text(piece.words)
    if not piece.claims:
        return words
    first, *others = [
        c for at, claims in anchors if piece.start <= at < piece.end for c in claims
    ] or [""]
    extra = "".join([f'<span class="quote-anchor" id="q-{claim}"></span>' for claim in others])
    # Only where a quote starts can it be focused: one stop per quote for the keyboard, and a
    # tap there shows the tooltip on phones, which have no hover.
    focus = f' id="q-{first}"' if first else ""
    focus += ' tabindex="0"' if first and piece.marker is None else ""
    lead = "Claim" if len(piece.claims) == 1 else f"{len(piece.claims)} claims"
    tip = html_text(f"{lead}: " + " · ".join([tips[claim] for claim in piece.claims]))
    described = " ".join([f"pc-{claim}" for claim in piece.claims])
    return (
        f'{extra}<mark class="quote"{focus} data-claims="{" ".join(piece.claims)}"'
        f' data-tip="{tip}" aria-describedby="{described}">{words}</mark>'
    )


def _quote_spans(
    text: str, quotes: Sequence[Quote], hidden: set[int]
) -> dict[str, tuple[int, int]]:
    """Where each quote lies in `text` (white space already collapsed), compared as the quote
    check compares: the `hidden` characters (markers' brackets, escapes' backslashes) dropped,
    quotes and dashes folded."""
    shown: list[str] = []  # the stretches of text between hidden characters
    shown_starts: list[int] = []  # where each stretch starts in the shown text...
    text_starts: list[int] = []  # ...and in `text`
    position, length = 0, 0
    for end in (*sorted(hidden), len(text)):
        if end > position:
            shown_starts.append(length)
            text_starts.append(position)
            shown.append(text[position:end])
            length += end - position
        position = end + 1
    folded = fold("".join(shown))  # one character for one

    def in_text(at: int) -> int:
        stretch = bisect_right(shown_starts, at) - 1
        return text_starts[stretch] + at - shown_starts[stretch]

    spans: dict[str, tuple[int, int]] = {}
    for quote in quotes:
        wanted = normalize(quote.words)
        at = folded.find(wanted) if wanted else -1
        if at >= 0:
            spans[quote.claim] = (in_text(at), in_text(at + len(wanted) - 1) + 1)
    return spans
