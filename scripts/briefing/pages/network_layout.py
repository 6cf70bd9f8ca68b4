"""Where each actor sits in the network diagram: a deterministic radial layout, pure Python.

The most connected actor is the centre; the others lie on concentric ellipses by their distance
from it (actors it cannot reach share the outermost ring), and actors without any relation sit
in a row underneath. Each ring starts in the order of actor kinds, then a few barycentre passes
turn every actor towards its neighbours, and a last pass swaps neighbours where that shortens
the lines. Angles are handed out by the room each label needs where it sits (a label beside its
node needs vertical room, one above or below it horizontal room) and by the number of relations,
so hubs do not bunch; `network_labels.settle_labels` then resolves the remaining overlaps.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import accumulate

from briefing.model import Actor
from briefing.pages.labels import ACTOR_KIND_TITLES
from briefing.pages.network_labels import (
    LINE_HEIGHT,
    Box,
    Label,
    Place,
    bounds,
    boxes,
    name_labels,
    settle_labels,
    text_width,
    wrap_label,
)

ASPECT = 1.3
"""Rings are ellipses this much wider than tall: screens are wide and labels run sideways."""
MAX_RING = 3
"""Actors further from the centre than this share the outermost ring."""
PASSES = 4
FILL = 0.9
"""At most this share of a ring's circumference goes to labels; the rest is spacing."""
RING_GAP = 28.0
"""Space between the farthest label of a ring and the next ring."""
EVEN = 0.3
"""Share of a ring split among its nodes by their number of relations, so hubs do not bunch."""
PREFER_OVER = 1.5
"""A label goes above or below its node unless that needs this many times more room."""
GAP_X, GAP_Y = 16.0, 8.0
"""Least space between neighbouring labels on a ring."""
ROW_CAPTION = "Not connected:"


@dataclass(frozen=True)
class Layout:
    """The places of all actors, the box around them, and where the row's caption goes."""

    places: dict[str, Place]
    box: Box
    caption: tuple[float, float] | None
    rings: tuple[float, ...] = ()
    """Half-height of each ring's ellipse, from the innermost out (half-width: ASPECT times)."""


@dataclass(frozen=True)
class _Graph:
    neighbours: Mapping[str, list[str]]
    labels: Mapping[str, tuple[Label, Label]]
    radii: Mapping[str, float]
    footprints: Mapping[str, tuple[float, float, float, float]]


def layout_network(actors: Mapping[str, Actor]) -> Layout:
    """Every actor's place around (0, 0). Same actors, same places."""
    neighbours = _neighbours(actors)
    labels = {a: name_labels(actor.name) for a, actor in actors.items()}
    radii = {a: 5.0 + 1.6 * math.sqrt(len(neighbours[a])) for a in actors}
    footprints = {a: _footprint(labels[a], radii[a]) for a in actors}
    graph = _Graph(neighbours, labels, radii, footprints)
    by_kind = sorted(actors, key=lambda a: (_kind_order(actors[a]), actors[a].name, a))
    linked = [a for a in by_kind if neighbours[a]]
    places: dict[str, Place] = {}
    heights: list[float] = []
    if linked:
        centre = _centre(linked, neighbours)
        places, heights = _ring_places(_rings(linked, neighbours, centre), graph)
        places = settle_labels(places)
    box = bounds(places.values())
    unlinked = [a for a in by_kind if not neighbours[a]]
    row, caption = _row(unlinked, actors, box) if unlinked else ({}, None)
    places.update(row)
    box = bounds(places.values())
    return Layout({a: places[a] for a in actors}, box, caption, tuple(heights[1:]))


def central_actor(actors: Mapping[str, Actor]) -> str | None:
    """The actor with the most relations (either way), the first by id on a tie; None if no
    actor has a relation. It is drawn at the centre."""
    neighbours = _neighbours(actors)
    linked = [a for a in actors if neighbours[a]]
    return _centre(linked, neighbours) if linked else None


def _centre(linked: list[str], neighbours: Mapping[str, list[str]]) -> str:
    return min(linked, key=lambda a: (-len(neighbours[a]), a))


def _kind_order(actor: Actor) -> int:
    return list(ACTOR_KIND_TITLES).index(actor.kind.value)


def _neighbours(actors: Mapping[str, Actor]) -> dict[str, list[str]]:
    """Each actor's relations in both directions, one entry per relation, in id order."""
    found: dict[str, list[str]] = defaultdict(list)
    for actor in actors.values():
        for relation in actor.relations:
            if relation.to != actor.id:
                found[actor.id].append(relation.to)
                found[relation.to].append(actor.id)
    return {actor_id: sorted(found[actor_id]) for actor_id in actors}


def _rings(linked: list[str], neighbours: Mapping[str, list[str]], centre: str) -> list[list[str]]:
    """Actors by distance from the centre (breadth first), each ring in the given order."""
    distance, queue = {centre: 0}, [centre]
    for actor_id in queue:
        for other in neighbours[actor_id]:
            if other not in distance:
                distance[other] = distance[actor_id] + 1
                queue.append(other)
    outer = min(max(distance.values()) + (len(distance) < len(linked)), MAX_RING) or 1
    rings: list[list[str]] = [[] for _ in range(outer + 1)]
    for actor_id in linked:
        rings[min(distance.get(actor_id, outer), outer)].append(actor_id)
    return [ring for ring in rings if ring]


def _ring_places(rings: list[list[str]], graph: _Graph) -> tuple[dict[str, Place], list[float]]:
    """Order and space every ring: a sweep outwards, then passes inwards and out again; each
    outward sweep sizes a ring to clear the labels of the ring inside it."""
    centre = rings[0][0]
    radius = max(graph.radii[centre], 14.0)
    places = {centre: Place(0.0, 0.0, radius, 0, "below", *graph.labels[centre])}
    angles: dict[str, float] = {}
    heights = [0.0] * len(rings)
    for sweep in range(PASSES + 1):
        for number in range(len(rings) - 1, 0, -1) if sweep else ():
            _order_ring(rings[number], graph, angles, heights[number])
        for number in range(1, len(rings)):
            least = _clearance([places[a] for a in rings[number - 1]], heights[number - 1])
            heights[number] = _order_ring(rings[number], graph, angles, least)
            if sweep == PASSES:  # last: swap neighbours where that shortens relations
                reach = {a: heights[n] for n, ring in enumerate(rings) for a in ring}
                _untangle(rings[number], graph, angles, reach)
                heights[number] = _order_ring(rings[number], graph, angles, least, sort=False)
            for a in rings[number]:
                places[a] = _place(angles[a], heights[number], number, graph, a)
    return places, heights


def _clearance(inner: list[Place], inner_height: float) -> float:
    """Least half-height of the next ring: clear of the inner ring's nodes and labels."""
    reach = max(
        math.hypot(x / ASPECT, y)
        for place in inner
        for left, top, right, bottom in boxes(place)
        for x in (left, right)
        for y in (top, bottom)
    )
    return max(reach + RING_GAP, inner_height + 2 * RING_GAP)


def _order_ring(
    ring: list[str], graph: _Graph, angles: dict[str, float], height: float, sort: bool = True
) -> float:
    """Sort the ring by its neighbours' mean angle, then hand out angles by label room; grow
    the ring if its labels need it. Returns the ring's half-height."""
    wanted = {a: _mean_angle([angles[b] for b in graph.neighbours[a] if b in angles]) for a in ring}
    fallback = {a: angles.get(a, math.pi + 1e-3 * n) for n, a in enumerate(ring)}
    if sort:
        ring.sort(key=lambda a: _wrap(w if (w := wanted[a]) is not None else fallback[a]))
    spread = [2 * math.pi * (n + 0.5) / len(ring) - math.pi / 2 for n in range(len(ring))]
    share = EVEN * 2 * math.pi / sum(len(graph.neighbours[a]) for a in ring)
    even = {a: share * len(graph.neighbours[a]) for a in ring}
    for _ in range(3):
        rooms = [max(even[a], _anchor(spread[n], graph, a, height)[1]) for n, a in enumerate(ring)]
        height *= max(1.0, sum(rooms) / (2 * math.pi))  # a room shrinks as its ring grows
        scale = 2 * math.pi / sum(rooms)
        ends = list(accumulate(rooms))
        spread = [scale * (end - room / 2) for end, room in zip(ends, rooms, strict=True)]
        turns = [w - spread[n] for n, a in enumerate(ring) if (w := wanted[a]) is not None]
        shift = _mean_angle(turns)
        spread = [s + (-math.pi / 2 if shift is None else shift) for s in spread]
    angles.update({a: _wrap(spread[n]) for n, a in enumerate(ring)})
    return height


def _untangle(
    ring: list[str], graph: _Graph, angles: dict[str, float], reach: Mapping[str, float]
) -> None:
    """Swap neighbours on the ring, in a few sweeps, wherever that shortens their relations."""

    def length(actor_id: str, angle: float, other: str) -> float:
        here = _point(angle, reach[actor_id])
        return sum(
            math.dist(here, _point(angles.get(b, 0.0), reach[b]))
            for b in graph.neighbours[actor_id]
            if b != other
        )

    for _ in range(3):
        for n in range(len(ring) - 1 if len(ring) > 2 else 0):
            a, b = ring[n], ring[n + 1]
            now = length(a, angles[a], b) + length(b, angles[b], a)
            if length(a, angles[b], b) + length(b, angles[a], a) < now - 1e-6:
                ring[n], ring[n + 1] = b, a
                angles[a], angles[b] = angles[b], angles[a]


def _point(angle: float, height: float) -> tuple[float, float]:
    return ASPECT * height * math.cos(angle), height * math.sin(angle)


def _mean_angle(values: Sequence[float]) -> float | None:
    """Circular mean, or None when there is nothing to average or it points nowhere."""
    x, y = sum(map(math.cos, values)), sum(map(math.sin, values))
    return math.atan2(y, x) if math.hypot(x, y) > 1e-6 * max(len(values), 1) else None


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2 * math.pi) - math.pi


def _anchor(angle: float, graph: _Graph, actor_id: str, height: float) -> tuple[str, float]:
    """Where the node's label goes and the angle the node needs on its ring: neighbours must
    clear each other's box of node and label, sideways or up and down (their centres move
    step_x, step_y per radian). A label above or below its node is preferred, as it widens
    the drawing less than one beside it."""
    side_x, side_y, over_x, over_y = graph.footprints[actor_id]
    sin, cos = math.sin(angle), math.cos(angle)
    step_x, step_y = max(ASPECT * height * abs(sin), 1e-9), max(height * abs(cos), 1e-9)
    beside, over = min(side_x / step_x, side_y / step_y), min(over_x / step_x, over_y / step_y)
    if over <= PREFER_OVER * beside:
        return ("below" if sin >= 0 else "above"), over / FILL
    return ("start" if cos >= 0 else "end"), beside / FILL


def _footprint(labels: tuple[Label, Label], radius: float) -> tuple[float, float, float, float]:
    """Width and height a node takes on its ring, with its label beside it and above it."""
    side, over = labels
    return (
        2 * radius + 4.0 + side.width + GAP_X,
        max(2 * radius, side.height) + GAP_Y,
        max(2 * radius, over.width) + GAP_X,
        2 * radius + 4.0 + over.height + GAP_Y,
    )


def _place(angle: float, height: float, ring: int, graph: _Graph, actor_id: str) -> Place:
    anchor, _ = _anchor(angle, graph, actor_id, height)
    x, y = _point(angle, height)
    return Place(x, y, graph.radii[actor_id], ring, anchor, *graph.labels[actor_id])


def _row(
    unlinked: list[str], actors: Mapping[str, Actor], box: Box
) -> tuple[dict[str, Place], tuple[float, float]]:
    """Actors without a relation, in rows under the rings after a caption."""
    left, right = box[0], max(box[2], box[0] + 600.0)
    top = box[3] + 28.0 if box[3] > box[1] else 0.0
    start = left + text_width(ROW_CAPTION) + 16.0
    x, y, places = start, top, {}
    for actor_id in unlinked:
        label = wrap_label(actors[actor_id].name, chars=200)
        width = 2 * 6.0 + 4.0 + label.width + 22.0
        if x + width > right and x > start:
            x, y = start, y + LINE_HEIGHT + 10.0
        places[actor_id] = Place(x + 6.0, y, 6.0, -1, "start", label, label)
        x += width
    return places, (left, top)
