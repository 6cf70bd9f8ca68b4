"""One actor's relations as a small diagram for its page: the actor at the top left, each
relation a line (styled by its family, as in the network) down and across to the other actor,
named with the relation's words. One row per relation, so it reads on a phone however many
relations there are; the legend names the families drawn.

A picture of the relations table that follows it on the page, so it is one image to assistive
technology, with no links of its own: the table holds the links and the evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from briefing.model import Actor
from briefing.pages.markup import xml_text as xml
from briefing.pages.network import LEGEND_SAMPLE, legend_mark, marker
from briefing.pages.network import coord as n
from briefing.pages.network_labels import FONT_SIZE, LINE_HEIGHT, text_width, wrap_label
from briefing.pages.relation_families import families_present, relation_family

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
        f'<circle class="network-kind--{actor.kind.value}" cx="{n(NODE_X)}" cy="{n(TOP)}" r="7"/>',
        f'<text class="ego-actor" x="{n(NODE_X + 14)}" y="{n(TOP + 5)}">{xml(actor.name)}</text>',
    ]
    y, width = TOP + 22.0, WIDTH
    for row in rows:
        name = wrap_label(actors[row.other].name, NAME_CHARS)
        middle = y + (name.height + WORDS_SIZE) / 2
        family = relation_family(row.kind)
        # Down from the actor, then across: each line ends level with its row, where its dash
        # pattern shows clearly. A relation towards the actor runs the other way.
        bend = f"C{n(NODE_X)} {n(middle)} {n(NODE_X)} {n(middle)}"
        if row.label.startswith("←"):
            path = f"M{n(OTHER_X - 6)} {n(middle)}{bend} {n(NODE_X)} {n(TOP + 9)}"
        else:
            path = f"M{n(NODE_X)} {n(TOP + 8)}{bend} {n(OTHER_X - 7)} {n(middle)}"
        body.append(
            f'<path class="network-edge network-edge--{family}" d="{path}"'
            f' marker-end="url(#network-arrow--{family})"/>'
        )
        body.append(
            f'<circle class="network-kind--{actors[row.other].kind.value}" cx="{n(OTHER_X)}"'
            f' cy="{n(middle)}" r="5"/>'
        )
        tspans = [
            f'<tspan x="{n(TEXT_X)}" y="{n(y + FONT_SIZE + k * LINE_HEIGHT - 2)}">'
            f"{xml(line)}</tspan>"
            for k, line in enumerate(name.lines)
        ]
        words_y = y + name.height + WORDS_SIZE - 1
        tspans.append(
            f'<tspan class="ego-words" x="{n(TEXT_X)}" y="{n(words_y)}">{xml(row.label)}</tspan>'
        )
        body.append(f"<text>{''.join(tspans)}</text>")
        words = text_width(row.label) * WORDS_SIZE / FONT_SIZE
        width = max(width, TEXT_X + max(name.width, words) + 4.0)
        y += name.height + WORDS_SIZE + ROW_GAP
    families = families_present(row.kind for row in rows)
    y += 12.0
    legend = []
    for group in families:
        legend.append(legend_mark("line", group.id, NODE_X, y))
        legend.append(
            f'<text class="ego-legend" x="{n(NODE_X + LEGEND_SAMPLE + 8)}" y="{n(y + 4.5)}">'
            f"{xml(group.title)}</text>"
        )
        y += LINE_HEIGHT + 4.0
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
            "<defs>",
            *(marker(group.id) for group in families),
            "</defs>",
            *body,
            *legend,
            "</svg>",
        ]
    )
