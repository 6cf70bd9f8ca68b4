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
