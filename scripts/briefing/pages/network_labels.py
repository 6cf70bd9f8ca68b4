"""Labels of the network diagram: their lines, estimated size and position, and a last pass
that moves a label to another side of its node where that avoids an overlap."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

FONT_SIZE = 14.0
"""Label size in SVG units."""
LINE_HEIGHT = 16.0
LINE_CHARS = 14
"""A label beside its node wraps at about this many characters..."""
OVER_CHARS = 22
"""...and one above or below it, with more room sideways, at about this many."""
ANCHORS = ("start", "end", "above", "below")
"""The sides of its node a label can take: right, left, above, below."""
SWITCH_COST = 60.0
"""What moving a label off the side the layout chose costs, in square units of overlap..."""
OVERLAP_COST = 4.0
"""...and what a square unit of overlap costs; labels keep PADDING clear of each other."""
PADDING = 2.0
_NARROW, _WIDE = set("fijlrtI.,;:'!|()[]- "), set("mwMW")
_DIRECTIONS = {"start": (1, 0), "end": (-1, 0), "above": (0, -1), "below": (0, 1)}

Box = tuple[float, float, float, float]
"""left, top, right, bottom"""


@dataclass(frozen=True)
class Label:
    """An actor's name wrapped into lines, with its estimated size in SVG units."""

    lines: tuple[str, ...]
    width: float
    height: float


@dataclass(frozen=True)
class Place:
    """An actor's node: centre, radius, ring (-1 for the row of unrelated actors), label."""

    x: float
    y: float
    radius: float
    ring: int
    anchor: str
    """The side of the node its label takes, one of ANCHORS."""
    beside: Label
    """The label as it reads to the right or left of the node."""
    over: Label
    """The label as it reads above or below the node."""

    @property
    def label(self) -> Label:
        """The label as it reads on its side of the node."""
        return self.over if self.anchor in ("above", "below") else self.beside


def text_width(text: str) -> float:
    """Rough rendered width of `text` at FONT_SIZE in a sans-serif face."""
    return sum(map(_EMS.__getitem__, text)) * FONT_SIZE


class _CharacterWidths(dict[str, float]):
    """Each character's width in ems, worked out the first time it is asked for: the labels of
    thousands of actor pages are measured a character at a time."""

    def __missing__(self, c: str) -> float:
        width = 0.3 if c in _NARROW else 0.85 if c in _WIDE else 0.66 if c.isupper() else 0.53
        self[c] = width
        return width


_EMS = _CharacterWidths()


def wrap_label(name: str, chars: int = LINE_CHARS) -> Label:
    """The name in lines of about `chars` characters, broken between words."""
    lines: list[str] = []
    for word in name.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    lines = lines or [name]
    return Label(tuple(lines), max(map(text_width, lines)), LINE_HEIGHT * len(lines))


def name_labels(name: str) -> tuple[Label, Label]:
    """A name wrapped to go beside its node, and to go above or below it."""
    return wrap_label(name, LINE_CHARS), wrap_label(name, OVER_CHARS)


def label_position(place: Place) -> tuple[float, str, list[float]]:
    """x, text-anchor and the baseline of each line of a node's label."""
    gap, count = place.radius + 4.0, len(place.label.lines)
    if place.anchor in ("start", "end"):
        x = place.x + gap if place.anchor == "start" else place.x - gap
        first = place.y - (count - 1) * LINE_HEIGHT / 2 + 0.35 * FONT_SIZE
        return x, place.anchor, [first + n * LINE_HEIGHT for n in range(count)]
    if place.anchor == "below":
        first = place.y + gap + 0.75 * FONT_SIZE
    else:
        first = place.y - gap - (count - 1) * LINE_HEIGHT - 0.25 * FONT_SIZE
    return place.x, "middle", [first + n * LINE_HEIGHT for n in range(count)]


def boxes(place: Place) -> tuple[Box, Box]:
    """The box around a node's circle and the box around its label."""
    r, (x, anchor, baselines), width = place.radius, label_position(place), place.label.width
    left = {"start": x, "end": x - width}.get(anchor, x - width / 2)
    return (
        (place.x - r, place.y - r, place.x + r, place.y + r),
        (left, baselines[0] - 0.8 * FONT_SIZE, left + width, baselines[-1] + 4.0),
    )


def bounds(places: Iterable[Place]) -> Box:
    """The box around the given nodes and their labels."""
    found = [box for place in places for box in boxes(place)]
    if not found:
        return (0.0, 0.0, 0.0, 0.0)
    return (
        min(b[0] for b in found),
        min(b[1] for b in found),
        max(b[2] for b in found),
        max(b[3] for b in found),
    )


def settle_labels(places: Mapping[str, Place]) -> dict[str, Place]:
    """Give each label, in turn, the side of its node where it overlaps least with the nodes
    and the labels settled before it; leaving the layout's side costs a little."""
    grid = _Grid()
    for place in places.values():
        grid.add(boxes(place)[0])
    settled = {}
    for actor_id, place in places.items():
        anchor = min(ANCHORS, key=lambda side: _cost(place, side, grid))
        settled[actor_id] = replace(place, anchor=anchor)
        grid.add(boxes(settled[actor_id])[1])
    return settled


def _cost(place: Place, anchor: str, grid: _Grid) -> float:
    """Overlap of the label on that side, plus the cost of the move (more if it faces inwards)."""
    left, top, right, bottom = boxes(replace(place, anchor=anchor))[1]
    overlap = OVERLAP_COST * grid.overlap(
        (left - PADDING, top - PADDING, right + PADDING, bottom + PADDING)
    )
    if anchor == place.anchor:
        return overlap
    dx, dy = _DIRECTIONS[anchor]
    outward = (dx * place.x + dy * place.y) / (math.hypot(place.x, place.y) or 1.0)
    return overlap + SWITCH_COST * (2.0 - outward)


class _Grid:
    """Boxes bucketed by cell, to find those near a box without comparing every pair."""

    def __init__(self, cell: float = 120.0) -> None:
        self.cell = cell
        self.boxes: list[Box] = []
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self.cells[key].append(len(self.boxes))
        self.boxes.append(box)

    def overlap(self, box: Box) -> float:
        """Total area `box` shares with the boxes added."""
        near = sorted({n for key in self._keys(box) for n in self.cells.get(key, ())})
        return sum(_shared(box, self.boxes[n]) for n in near)

    def _keys(self, box: Box) -> list[tuple[int, int]]:
        left, top, right, bottom = (math.floor(v / self.cell) for v in box)
        return [(i, j) for i in range(left, right + 1) for j in range(top, bottom + 1)]


def _shared(one: Box, other: Box) -> float:
    width = min(one[2], other[2]) - max(one[0], other[0])
    height = min(one[3], other[3]) - max(one[1], other[1])
    return width * height if width > 0 and height > 0 else 0.0
