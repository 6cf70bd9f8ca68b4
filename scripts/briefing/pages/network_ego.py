"""One actor's relations as a small diagram for its page: the actor at the top left, each
relation a line (styled by its family, as in the network) down and across to the other actor,
named with the relation's words. One row per relation, so it reads on a phone however many
relations there are; the legend names the families drawn.

A picture of the relations table that follows it on the page, so it is one image to assistive
technology, with no links of its own: the table holds the links and the evidence.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Protocol

from briefing.model import Actor
from briefing.pages.markup import xml_text as xml
from briefing.pages.network import LEGEND_SAMPLE, legend_mark, marker
from briefing.pages.network import coord as n
from briefing.pages.network_labels import FONT_SIZE, LINE_HEIGHT, Label, text_width, wrap_label
from briefing.pages.relation_families import Family, families_present, relation_family

WIDTH = 360.0
"""Width in SVG units. The page shows it at most this many CSS pixels wide (briefing.css), so
its text is never smaller than on the network at its legible width."""
NODE_X, TOP, OTHER_X, TEXT_X = 10.0, 10.0, 120.0, 130.0
NAME_CHARS = 28
ROW_GAP = 8.0
WORDS_SIZE = 12.0
"""Size of the relation's words under the other actor's name."""


class Row(Protocol):
    """What the diagram needs of a relations-table row (`context.RelationRow`)."""

    @property
    def label(self) -> str: ...
    @property
    def other(self) -> str: ...
    @property
    def kind(self) -> str: ...


def render_ego_svg(actor: Actor, rows: Sequence[Row], actors: Mapping[str, Actor]) -> str:
    """The diagram of `actor`'s relations (its own, then others' towards it, marked ←), on
    lines of their own without blank lines; empty when it has none."""
    if not rows:
        return ""
    body: list[str] = [
        f'<circle class="network-kind--{actor.kind.value}" cx="{_NODE_X}" cy="{n(TOP)}" r="7"/>',
        f'<text class="ego-actor" x="{n(NODE_X + 14)}" y="{n(TOP + 5)}">{xml(actor.name)}</text>',
    ]
    y, width = TOP + 22.0, WIDTH
    for row in rows:
        elements, height, row_width = _row(row, actors[row.other], y)
        body.extend(elements)
        width = max(width, row_width)
        y += height
    defs, legend, y = _legend(tuple(families_present(row.kind for row in rows)), y + 12.0)
    count = len(rows)
    summary = (
        f"{actor.name}: {count} relation{'s' * (count != 1)}, drawn;"
        f" the table below lists {'them' if count != 1 else 'it'}"
    )
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="network network-ego" role="img"'
            f' aria-label="{xml(summary)}" viewBox="0 0 {n(width)} {n(y)}" width="100%"'
            f' font-size="{FONT_SIZE:g}" style="max-width: {n(width)}px">',
            defs,
            *body,
            legend,
            "</svg>",
        ]
    )


# Coordinates every diagram repeats, written out once.
_NODE_X, _OTHER_X, _TEXT_X = n(NODE_X), n(OTHER_X), n(TEXT_X)
_FROM_ACTOR, _TO_OTHER = f"{_NODE_X} {n(TOP + 8)}", n(OTHER_X - 7)
_FROM_OTHER, _TO_ACTOR = n(OTHER_X - 6), f"{_NODE_X} {n(TOP + 9)}"


def _row(row: Row, other: Actor, y: float) -> tuple[list[str], float, float]:
    """One relation drawn from `y` down: its line, the other actor's node, name and the
    relation's words; with the height the row takes and the width it needs."""
    name, lines = _name(other.name)
    words, words_width = _words(row.label)
    middle = n(y + (name.height + WORDS_SIZE) / 2)
    family = relation_family(row.kind)
    # Down from the actor, then across: each line ends level with its row, where its dash
    # pattern shows clearly. A relation towards the actor runs the other way.
    bend = f"C{_NODE_X} {middle} {_NODE_X} {middle}"
    if row.label.startswith("←"):
        path = f"M{_FROM_OTHER} {middle}{bend} {_TO_ACTOR}"
    else:
        path = f"M{_FROM_ACTOR}{bend} {_TO_OTHER} {middle}"
    tspans = "".join(
        f'<tspan x="{_TEXT_X}" y="{n(y + FONT_SIZE + k * LINE_HEIGHT - 2)}">{line}</tspan>'
        for k, line in enumerate(lines)
    )
    words_y = n(y + name.height + WORDS_SIZE - 1)
    elements = [
        f'<path class="network-edge network-edge--{family}" d="{path}"'
        f' marker-end="url(#network-arrow--{family})"/>',
        f'<circle class="network-kind--{other.kind.value}" cx="{_OTHER_X}" cy="{middle}" r="5"/>',
        f'<text>{tspans}<tspan class="ego-words" x="{_TEXT_X}" y="{words_y}">'
        f"{words}</tspan></text>",
    ]
    return elements, name.height + WORDS_SIZE + ROW_GAP, TEXT_X + max(name.width, words_width) + 4.0


@functools.lru_cache(maxsize=1024)  # diagrams with the same families and height share them
def _legend(families: tuple[Family, ...], y: float) -> tuple[str, str, float]:
    """The arrowheads' definitions and the legend of `families` from `y` down, and the height
    below the legend."""
    defs = "\n".join(["<defs>", *(marker(group.id) for group in families), "</defs>"])
    legend = []
    for group in families:
        legend.append(legend_mark("line", group.id, NODE_X, y))
        legend.append(
            f'<text class="ego-legend" x="{n(NODE_X + LEGEND_SAMPLE + 8)}" y="{n(y + 4.5)}">'
            f"{xml(group.title)}</text>"
        )
        y += LINE_HEIGHT + 4.0
    return defs, "\n".join(legend), y


@functools.lru_cache(maxsize=8192)  # a name is drawn on the page of every actor it relates to
def _name(name: str) -> tuple[Label, tuple[str, ...]]:
    """An actor's name wrapped into lines, and those lines escaped for SVG."""
    label = wrap_label(name, NAME_CHARS)
    return label, tuple(xml(line) for line in label.lines)


@functools.lru_cache(maxsize=1024)  # a briefing has few relation kinds and many relations
def _words(label: str) -> tuple[str, float]:
    """A relation's words escaped for SVG, and their width at WORDS_SIZE."""
    return xml(label), text_width(label) * WORDS_SIZE / FONT_SIZE
