"""The article's paragraphs as Markdown with every citation marker a link anchored `#m-<source>`
and every claim's quoted words marked and anchored `#q-<claim>`. Pure.

Quotes may overlap or cross a marker's edge, so the text is cut wherever a quote or a marker
starts or ends, and each piece is marked with the claims whose quotes cover it: a quote that
crosses a marker is then two marks, one inside the link and one outside, never crossed tags.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from briefing.markup import html_text, md_text
from briefing.text import MARKER, QUOTES


@dataclass(frozen=True)
class Quote:
    """A claim's quoted words, and what a reader is told about them."""

    claim: str
    words: str
    tip: str
    """The claim it carries, shortened, for the tooltip."""


@dataclass(frozen=True)
class _Char:
    marker: int | None
    claims: tuple[str, ...]


def annotate_paragraph(
    text: str, quotes: Sequence[Quote], marker_sources: Mapping[int, str], sources_page: str
) -> str:
    """Markdown for one paragraph. `marker_sources` maps each marker's number in the paragraph
    to its source id; `sources_page` is the register's path from the article page."""
    text = " ".join(text.split())
    chars = _chars(text, quotes)
    starts: dict[int, list[str]] = {}
    tips = {quote.claim: quote.tip for quote in quotes}
    for quote in quotes:
        span = _span(text, quote.words)
        if span is not None:
            starts.setdefault(span[0], []).append(quote.claim)
    pieces: list[str] = []
    positions = [i for i, char in enumerate(chars) if char is not None]
    for marker, run in groupby(positions, key=lambda i: _at(chars, i).marker):
        body = "".join(
            _marked(text, list(group), chars, starts, tips, focusable=marker is None)
            for group in _pieces(run, chars)
        )
        if marker is None:
            pieces.append(body)
        else:
            source = marker_sources[marker]
            pieces.append(f"[{body}]({sources_page}#{source}){{: #m-{source} .marker }}")
    return "".join(pieces)


def _at(chars: list[_Char | None], index: int) -> _Char:
    char = chars[index]
    assert char is not None
    return char


def _pieces(run: Iterator[int], chars: list[_Char | None]) -> Iterator[Iterator[int]]:
    """Consecutive characters covered by the same claims."""
    for _, group in groupby(run, key=lambda i: _at(chars, i).claims):
        yield group


def _marked(
    text: str,
    indices: list[int],
    chars: list[_Char | None],
    starts: dict[int, list[str]],
    tips: dict[str, str],
    focusable: bool,
) -> str:
    """One piece of text covered by the same claims, marked. Inside a marker's link it is not
    focusable itself (no interactive content inside a link, HTML says): the link takes the focus
    and shows the tip instead."""
    words = md_text(text[indices[0] : indices[-1] + 1])
    claims = _at(chars, indices[0]).claims
    anchors = [claim for i in indices for claim in starts.get(i, [])]
    if not claims:
        return words
    first, *others = anchors or [""]
    extra = "".join(f'<span class="quote-anchor" id="q-{claim}"></span>' for claim in others)
    # Only where a quote starts can it be focused: one stop per quote for the keyboard, and a
    # tap there shows the tooltip on phones, which have no hover.
    focus = f' id="q-{first}"' if first else ""
    focus += ' tabindex="0"' if first and focusable else ""
    lead = "Claim" if len(claims) == 1 else f"{len(claims)} claims"
    tip = html_text(f"{lead}: " + " · ".join(tips[claim] for claim in claims))
    described = " ".join(f"pc-{claim}" for claim in claims)
    return (
        f'{extra}<mark class="quote"{focus} data-claims="{" ".join(claims)}"'
        f' data-tip="{tip}" aria-describedby="{described}">{words}</mark>'
    )


def _chars(text: str, quotes: Sequence[Quote]) -> list[_Char | None]:
    """Per character of `text`: its marker number and the claims quoting it; None for a
    marker's brackets, which the page does not show."""
    marker_of: list[int | None] = [None] * len(text)
    hidden: set[int] = set()
    for number, match in enumerate(MARKER.finditer(text)):
        hidden.update((match.start(), match.end() - 1))
        for i in range(match.start(1), match.end(1)):
            marker_of[i] = number
    covered: list[list[str]] = [[] for _ in text]
    for quote in quotes:
        span = _span(text, quote.words)
        for i in range(*span) if span else ():
            covered[i].append(quote.claim)
    return [
        None if i in hidden else _Char(marker_of[i], tuple(covered[i])) for i in range(len(text))
    ]


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as the quote check sees it (markers' brackets dropped, quotes and dashes
    folded), with the index in `text` of each of its characters."""
    hidden = {i for m in MARKER.finditer(text) for i in (m.start(), m.end() - 1)}
    kept = [i for i in range(len(text)) if i not in hidden]
    return "".join(text[i] for i in kept).translate(QUOTES), kept


def _span(text: str, words: str) -> tuple[int, int] | None:
    """Where the quote starts and ends in `text` (white space already collapsed), or None."""
    folded, kept = _folded(text)
    wanted = " ".join(words.translate(QUOTES).split())
    at = folded.find(wanted)
    if at < 0 or not wanted:
        return None
    return kept[at], kept[at + len(wanted) - 1] + 1
