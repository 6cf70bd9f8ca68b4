"""Sentences, quotes and markers: the text rules behind the one-sentence sourcing rule."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.data.text import (
    QUOTES,
    fold,
    marker_sentences,
    markers,
    normalize,
    place_markers,
    plain,
    quote_sentences,
    sentences,
)
from briefing.pages.annotate import Quote, annotate_paragraph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        (
            "It rose. [Clashes between] them followed.",
            ["It rose.", "[Clashes between] them followed."],
        ),
        ("A “quoted end.” Then more.", ["A “quoted end.”", "Then more."]),
        ("By John P. Ruehl today. Next.", ["By John P. Ruehl today.", "Next."]),
        ("Keeping the U.S. at arm's length. Next.", ["Keeping the U.S. at arm's length.", "Next."]),
        (
            "The UK and the U.S. [placed sanctions] on them.",
            ["The UK and the U.S. [placed sanctions] on them."],
        ),
        ("Is it? Yes! In 2009 it was.", ["Is it?", "Yes!", "In 2009 it was."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_sentences_split_where_a_reader_would(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_a_quote_lies_in_the_sentences_it_spans() -> None:
    text = "First [one] here. Second “two” there. Third [three]."
    assert quote_sentences(text, "one here") == range(0, 1)
    assert quote_sentences(text, 'Second "two" there') == range(1, 2)  # quotes normalised
    assert quote_sentences(text, "here. Second") == range(0, 2)
    assert quote_sentences(text, "not in it") == range(0)


def test_markers_know_their_sentence_and_repeats_go_in_order() -> None:
    text = "A [same] thing. Then [same] again and [other]."
    assert marker_sentences(text) == (("same", 0), ("same", 1), ("other", 1))
    placed = place_markers(text, [("src-a", "same"), ("src-b", "same"), ("src-c", "other")])
    assert placed == {"src-a": (0, 0), "src-b": (1, 1), "src-c": (2, 1)}


@pytest.mark.parametrize(
    ("text", "found", "shown"),
    [
        ("It [sic] rose [here].", ["sic", "here"], "It sic rose here."),
        (r"It \[sic\] rose [here].", ["here"], "It [sic] rose here."),
        (r"Cut \[...\] and [a \[b\] c].", ["a [b] c"], "Cut [...] and a [b] c."),
        (r"A backslash \\[marker].", ["marker"], "A backslash \\marker."),
    ],
)
def test_escaped_brackets_are_text_and_no_marker(text: str, found: list[str], shown: str) -> None:
    assert (markers(text), plain(text)) == (found, shown)


def test_the_page_shows_an_escaped_bracket_without_its_backslash() -> None:
    text = r"It will recieve \[sic\] funding, [they said]."
    page = annotate_paragraph(text, [Quote("c", "recieve [sic] funding", "tip")], {0: "s"}, "x/")
    assert "recieve \\[sic\\] funding</mark>" in page  # Markdown for a literal [sic]
    assert "[they said](x/#s)" in page


def _quote_sentences_by_walking(text: str, quote: str) -> range:
    """`quote_sentences` as first written: a walk over the sentences, the oracle of the search."""
    pieces = [normalize(plain(sentence)) for sentence in sentences(text)]
    at = " ".join(pieces).find(normalize(quote))
    if at < 0:
        return range(0)
    end, first, last, offset = at + len(normalize(quote)), -1, -1, 0
    for number, piece in enumerate(pieces):
        if first < 0 and at < offset + len(piece):
            first = number
        if end > offset:
            last = number
        offset += len(piece) + 1
    return range(first, last + 1)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["A [b] c.", "D “e” f!", "G\\[h\\]?", "I. J", " ", "k—l", "M."])),
    st.integers(0, 60),
    st.integers(1, 30),
)
def test_quote_sentences_agrees_with_a_walk_over_the_sentences(
    parts: list[str], start: int, length: int
) -> None:
    text = " ".join(parts)
    shown = " ".join(plain(text).split())
    for quote in (shown[start : start + length], shown[start:], "not there"):
        if quote.strip():
            assert quote_sentences(text, quote) == _quote_sentences_by_walking(text, quote)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b ", "  ", "[m]", "[n o]", "\\[s\\]", "“q”", "—", ". X"])),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 12)), max_size=5),
)
def test_every_quote_found_is_marked_and_anchored_once(
    parts: list[str], cuts: list[tuple[int, int]]
) -> None:
    text = "".join(parts) or "a"
    shown = " ".join(plain(text).split())
    quotes = [Quote(f"c{n}", shown[a : a + size], "tip") for n, (a, size) in enumerate(cuts)]
    sources = {number: f"s{number}" for number in range(len(markers(text)))}
    page = annotate_paragraph(text, quotes, sources, "x/")
    for quote in quotes:
        found = normalize(quote.words) in normalize(shown) if quote.words.strip() else False
        assert page.count(f'id="q-{quote.claim}"') == (1 if found else 0), quote


@given(st.text(alphabet=st.sampled_from([*QUOTES, "'", '"', "-", " ", "a", "é", "\n"])))
def test_fold_makes_each_typographic_character_its_ascii_one(text: str) -> None:
    assert fold(text) == "".join(QUOTES.get(char, char) for char in text)
