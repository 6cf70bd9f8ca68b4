"""Text rules shared by the checks and the pages: citation markers, plain text, normalisation."""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.model import Source

# A citation marker is a bracket pair, `[anchor text]`. A bracket that is no marker (an editor's
# `[sic]` in the article) is escaped, `\[sic\]`, and a backslash is `\\`. The escape is the second
# alternative, so a scan from the left never opens or closes a marker at an escaped bracket.
MARKER = re.compile(r"\[((?:\\.|[^\[\]\\])+)\]|\\([\\\[\]])")
ESCAPED = re.compile(r"\\([\\\[\]])")
QUOTES = {"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
          "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "}  # fmt: skip
"""Typographic quotes, dashes and the no-break space, each with the ASCII character it folds to."""


def marker_matches(text: str) -> list[re.Match[str]]:
    """The citation markers of a paragraph, in order, as matches: group 1 is the anchor text."""
    if "[" not in text:  # most sentences have no marker, and each one opens with a bracket
        return []
    return [match for match in MARKER.finditer(text) if match.group(1) is not None]


def unescape(text: str) -> str:
    r"""`\[`, `\]` and `\\` as the characters they stand for."""
    return ESCAPED.sub(r"\1", text)


def markers(text: str) -> list[str]:
    """The citation markers of a paragraph, in order: its `[bracketed]` anchor texts."""
    return [unescape(match.group(1)) for match in marker_matches(text)]


def plain(text: str) -> str:
    """The paragraph as a reader sees it: the marker brackets removed, escapes resolved."""
    return unescape(MARKER.sub(lambda match: match.group(1) or match.group(0), text))


def fold(text: str) -> str:
    """The text with its typographic quotes and dashes made ASCII (see QUOTES), one for one.
    A replace() per character present: `str.translate` looks every character of a paragraph up
    in a table, thirty times slower. The replacements are ASCII, never replaced themselves."""
    if text.isascii():
        return text
    for char, ascii_char in QUOTES.items():
        if char in text:
            text = text.replace(char, ascii_char)
    return text


# Cached: a quote or anchor text is compared by the checks, then again by the pages.
@functools.lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold typographic quotes and dashes and collapse white space, for verbatim comparisons."""
    return " ".join(fold(text).split())


# A sentence ends at . ! or ?, perhaps followed by closing quotes or brackets, then white space
# and a capital or digit (perhaps after an opening bracket or quote). A lone capital before the
# full stop is an initial ("John P. Ruehl"), not the end of a sentence.
_SENTENCE_END = re.compile(r"[.!?][\"”’)\]]*\s+(?=[\[(\"“‘]*[A-Z0-9])")
_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph as written (markers kept in brackets), in order."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if _INITIAL.search(text, 0, match.start() + 1):
            continue
        found.append(text[start : match.end()].strip())
        start = match.end()
    found.append(text[start:].strip())
    return [sentence for sentence in found if sentence]


def quote_sentences(text: str, quote: str) -> range:
    """The sentences of `text` (by index) that the verbatim `quote` lies in; empty if it is not
    in the text. Compared after the same normalisation as the quote check."""
    joined, starts, ends = _sentence_spans(text)
    wanted = normalize(quote)
    at = joined.find(wanted)
    if at < 0 or not wanted:
        return range(0)
    # From the first sentence ending after the quote starts to the last starting before it ends.
    return range(bisect_right(ends, at), bisect_left(starts, at + len(wanted)))


@functools.lru_cache(maxsize=1024)  # every claim of a paragraph asks again
def _sentence_spans(text: str) -> tuple[str, list[int], list[int]]:
    """The normalised sentences joined by spaces, and where each starts and ends in that text."""
    pieces = [normalize(plain(sentence)) for sentence in sentences(text)]
    starts, ends, offset = [], [], 0
    for piece in pieces:
        starts.append(offset)
        ends.append(offset + len(piece))
        offset += len(piece) + 1
    return " ".join(pieces), starts, ends


@functools.lru_cache(maxsize=4096)  # the checks place every paragraph's markers, then the pages
def marker_sentences(text: str) -> tuple[tuple[str, int], ...]:
    """Each citation marker of `text`, in order, with the index of the sentence it stands in."""
    return tuple(
        (marker, number) for number, s in enumerate(sentences(text)) for marker in markers(s)
    )


def place_markers(text: str, cited: list[tuple[str, str]]) -> dict[str, tuple[int, int]]:
    """Which marker of `text` each source stands for, given `(source id, cited_as)` pairs in
    file order: {source id: (marker number, sentence number)}. A marker written twice in one
    paragraph goes to the sources with that anchor text in their order."""
    waiting: dict[str, list[str]] = {}
    for source_id, cited_as in cited:
        waiting.setdefault(normalize(cited_as), []).append(source_id)
    placed: dict[str, tuple[int, int]] = {}
    for number, (marker, sentence) in enumerate(marker_sentences(text)):
        queue = waiting.get(normalize(marker))
        if queue:
            placed[queue.pop(0)] = (number, sentence)
    return placed


@dataclass(frozen=True)
class Marker:
    """Where a source's marker stands: its paragraph, its number there, its sentence."""

    paragraph: str
    number: int
    sentence: int


def place_sources(texts: Mapping[str, str], sources: Mapping[str, Source]) -> dict[str, Marker]:
    """Each source's marker in the paragraph `texts` (by paragraph id), for the sources whose
    paragraph is there (see `place_markers`: a marker written twice goes to the sources with
    that anchor text in file order, as the article page links them)."""
    cited: dict[str, list[tuple[str, str]]] = {}
    for source_id, source in sources.items():
        cited.setdefault(source.paragraph, []).append((source_id, source.cited_as))
    places: dict[str, Marker] = {}
    for paragraph_id, pairs in cited.items():
        if paragraph_id in texts:
            for source_id, (number, sentence) in place_markers(texts[paragraph_id], pairs).items():
                places[source_id] = Marker(paragraph_id, number, sentence)
    return places
