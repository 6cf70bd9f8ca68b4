"""Sentences, quotes and markers: the text rules behind the one-sentence sourcing rule."""

from __future__ import annotations

import pytest

from briefing.text import marker_sentences, place_markers, quote_sentences, sentences


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
    assert marker_sentences(text) == [("same", 0), ("same", 1), ("other", 1)]
    placed = place_markers(text, [("src-a", "same"), ("src-b", "same"), ("src-c", "other")])
    assert placed == {"src-a": (0, 0), "src-b": (1, 1), "src-c": (2, 1)}
