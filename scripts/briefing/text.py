"""Text rules shared by the checks and the pages: citation markers, plain text, normalisation."""

from __future__ import annotations

import re

MARKER = re.compile(r"\[([^\[\]]+)\]")
QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "“": '"', "”": '"', "„": '"',
                        "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " "})  # fmt: skip


def markers(text: str) -> list[str]:
    """The citation markers of a paragraph, in order: its `[bracketed]` anchor texts."""
    return MARKER.findall(text)


def plain(text: str) -> str:
    """The paragraph as a reader sees it: the marker brackets removed."""
    return MARKER.sub(r"\1", text)


def normalize(text: str) -> str:
    """Fold typographic quotes and dashes and collapse white space, for verbatim comparisons."""
    folded = text if text.isascii() else text.translate(QUOTES)  # QUOTES maps no ASCII: skip it
    return " ".join(folded.split())


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
    pieces = [normalize(plain(sentence)) for sentence in sentences(text)]
    at = " ".join(pieces).find(normalize(quote))
    if at < 0:
        return range(0)
    end, first, last = at + len(normalize(quote)), -1, -1
    offset = 0
    for number, piece in enumerate(pieces):
        if first < 0 and at < offset + len(piece):
            first = number
        if end > offset:
            last = number
        offset += len(piece) + 1
    return range(first, last + 1)


def marker_sentences(text: str) -> list[tuple[str, int]]:
    """Each citation marker of `text`, in order, with the index of the sentence it stands in."""
    return [(marker, number) for number, s in enumerate(sentences(text)) for marker in markers(s)]


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
