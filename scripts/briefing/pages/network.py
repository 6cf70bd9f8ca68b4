"""The actor network as inline SVG: every actor a link to its page, every relation an arrow.

Pure and deterministic: no clock, no randomness, coordinates rounded to a tenth. Colours come
from CSS classes (docs/stylesheets/briefing.css), so the diagram follows the light/dark scheme.
The layout is in `network_layout`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping

from briefing.model import Actor
from briefing.pages.labels import ACTOR_KIND_TITLES, relation_label
from briefing.pages.markup import xml_text
from briefing.pages.network_labels import FONT_SIZE, LINE_HEIGHT, Place, label_position, text_width
from briefing.pages.network_layout import ASPECT, ROW_CAPTION, layout_network
from briefing.pages.relation_families import Family, families_present, relation_family

FAN = 6.0
"""How far apart parallel relations between the same two actors bow, at their middle."""
MARGIN = 10.0
MAX_DRAWN = 120
LEGEND_ARROW = "Arrows point from an actor to the other"
LEGEND_SAMPLE = 34.0
"""Length of a line sample in the legend: long enough to show its dash pattern."""
LEGIBLE_PX = 11.0
"""The smallest label size, in CSS pixels, the diagram is shown at."""


def drawn_actors(actors: Mapping[str, Actor], limit: int = MAX_DRAWN) -> dict[str, Actor]:
    """The actors the diagram shows: all of them, or past `limit` the most connected ones (by
    relations either way, then id), with only the relations among them. Past a hundred or so
    nodes a diagram is no longer legible, and its layout cost would grow with the briefing."""
    if len(actors) <= limit:
        return dict(actors)
    degree = dict.fromkeys(actors, 0)
    for actor in actors.values():
        for relation in actor.relations:
            degree[actor.id] += 1
            degree[relation.to] += 1
    keep = set(sorted(actors, key=lambda a: (-degree[a], a))[:limit])
    return {
        a: actor.model_copy(update={"relations": tuple(r for r in actor.relations if r.to in keep)})
        for a, actor in actors.items()
        if a in keep
    }


def render_network_svg(actors: Mapping[str, Actor]) -> str:
    """The network diagram of `actors` (see `drawn_actors`): an `<svg>` element on lines of its
    own, without blank lines."""
    layout = layout_network(actors)
    left, top, right, bottom = layout.box
    right = max(right, left + 600.0)  # room for the legend, however few the actors
    legend, legend_bottom = _legend(actors, left, bottom + 26.0, right)
    box = (left - MARGIN, top - MARGIN, right + MARGIN, legend_bottom + MARGIN)
    return "\n".join(
        [
            _svg_tag(actors, box),
            "<defs>",
            *(marker(family.id) for family in _families(actors)),
            marker("plain"),
            "</defs>",
            '<g class="network-rings" aria-hidden="true">',
            *(
                f'<ellipse cx="0" cy="0" rx="{_n(ASPECT * height)}" ry="{_n(height)}"/>'
                for height in layout.rings
            ),
            "</g>",
            '<g class="network-edges" aria-hidden="true">',
            *_edges(actors, layout.places),
            "</g>",
            '<g class="network-nodes">',
            *(_node(actors[a], place) for a, place in layout.places.items()),
            "</g>",
            *(_caption(*layout.caption) if layout.caption else []),
            *legend,
            "</svg>",
        ]
    )


def _families(actors: Mapping[str, Actor]) -> list[Family]:
    """The families of the relations drawn, in legend order."""
    return families_present(r.kind for actor in actors.values() for r in actor.relations)


def marker(family: str) -> str:
    """The arrowhead of one family's lines, in its colour ('plain' for the legend's arrow)."""
    return (
        f'<marker id="network-arrow--{family}" class="network-arrow network-arrow--{family}"'
        ' viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9"'
        ' markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0.5L10 5L0 9.5z"/></marker>'
    )


def _svg_tag(actors: Mapping[str, Actor], box: tuple[float, float, float, float]) -> str:
    """The opening tag: as wide as its column, named for assistive technology, and never
    narrower than its labels need to read at LEGIBLE_PX (narrower columns scroll it sideways,
    briefing.css)."""
    left, top, right, bottom = box
    count = sum(len(actor.relations) for actor in actors.values())
    summary = (
        f"Network of {len(actors)} actors and {count} relation{'s' * (count != 1)};"
        " each actor links to its page"
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="network"'
        f' aria-label="{_xml(summary)}" viewBox="{_n(left)} {_n(top)} {_n(right - left)}'
        f' {_n(bottom - top)}" width="100%" font-size="{FONT_SIZE:g}"'
        f' style="--legible-width: {math.ceil((right - left) * LEGIBLE_PX / FONT_SIZE)}px">'
    )


def coord(value: float) -> str:
    """A coordinate: one decimal, and never `-0.0`."""
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


_n, _xml = coord, xml_text  # short names: they are on every line here


def _node(actor: Actor, place: Place) -> str:
    """An actor: a link around its circle and its label, with name and role as tooltip."""
    x, anchor, baselines = label_position(place)
    lines = " ".join(  # a space between lines keeps the link's text words apart
        f'<tspan x="{_n(x)}" y="{_n(y)}">{_xml(line)}</tspan>'
        for line, y in zip(place.label.lines, baselines, strict=True)
    )
    return (
        f'<a class="network-node" href="../{actor.id}/">'
        f"<title>{_xml(f'{actor.name}: {actor.role}')}</title>"
        f'<circle class="network-kind--{actor.kind.value}" cx="{_n(place.x)}" cy="{_n(place.y)}"'
        f' r="{_n(place.radius)}"/><text text-anchor="{anchor}">{lines}</text></a>'
    )


def _edges(actors: Mapping[str, Actor], places: Mapping[str, Place]) -> Iterator[str]:
    """One arrow per relation; relations between the same two actors bow apart."""
    pairs = Counter(_pair(a.id, r.to) for a in actors.values() for r in a.relations)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for actor in actors.values():
        for relation in actor.relations:
            pair = _pair(actor.id, relation.to)
            offset = (seen[pair] - (pairs[pair] - 1) / 2) * FAN
            seen[pair] += 1
            path = _arrow_path(places[actor.id], places[relation.to], pair[0] == actor.id, offset)
            title = (
                f"{actor.name} {relation_label(relation.kind)} {actors[relation.to].name}:"
                f" {relation.detail}"
            )
            family = relation_family(relation.kind)
            yield (
                f'<path class="network-edge network-edge--{family}" d="{path}"'
                f' marker-end="url(#network-arrow--{family})"><title>{_xml(title)}</title></path>'
            )


def _pair(one: str, other: str) -> tuple[str, str]:
    return (one, other) if one <= other else (other, one)


def _arrow_path(source: Place, target: Place, forward: bool, offset: float) -> str:
    """A straight or gently bowed path from the rim of one circle to the rim of the other."""
    if source is target:
        return _loop_path(source)
    dx, dy = target.x - source.x, target.y - source.y
    length = math.hypot(dx, dy) or 1.0
    bow = 2 * offset / length * (1 if forward else -1)  # the same side whichever way it points
    cx, cy = (source.x + target.x) / 2 - dy * bow, (source.y + target.y) / 2 + dx * bow
    x0, y0 = _towards(source, cx, cy, source.radius + 1.0)
    x1, y1 = _towards(target, cx, cy, target.radius + 2.0)
    if offset == 0:
        return f"M{_n(x0)} {_n(y0)}L{_n(x1)} {_n(y1)}"
    return f"M{_n(x0)} {_n(y0)}Q{_n(cx)} {_n(cy)} {_n(x1)} {_n(y1)}"


def _towards(place: Place, x: float, y: float, distance: float) -> tuple[float, float]:
    """The point `distance` from a node's centre in the direction of (x, y)."""
    dx, dy = x - place.x, y - place.y
    length = math.hypot(dx, dy) or 1.0
    return place.x + dx / length * distance, place.y + dy / length * distance


def _loop_path(place: Place) -> str:
    """A relation of an actor to itself: a small loop on the outer side of its node."""
    angle = math.atan2(place.y, place.x) if place.ring > 0 else -math.pi / 2
    turns = [(-0.5, place.radius + 1), (-0.6, place.radius + 28)]
    turns += [(0.6, place.radius + 28), (0.5, place.radius + 2)]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = (
        (place.x + math.cos(angle + turn) * reach, place.y + math.sin(angle + turn) * reach)
        for turn, reach in turns
    )
    return f"M{_n(x0)} {_n(y0)}C{_n(x1)} {_n(y1)} {_n(x2)} {_n(y2)} {_n(x3)} {_n(y3)}"


def _caption(x: float, y: float) -> list[str]:
    return [f'<text class="network-caption" x="{_n(x)}" y="{_n(y + 4.5)}">{ROW_CAPTION}</text>']


def _legend(
    actors: Mapping[str, Actor], left: float, top: float, right: float
) -> tuple[list[str], float]:
    """At the bottom, in rows: the line of each relation family drawn, what an arrow means, and
    the colour of each actor kind present. The page repeats it as text (network.md.j2)."""
    present = {actor.kind.value for actor in actors.values()}
    kinds = [(kind, title) for kind, title in ACTOR_KIND_TITLES.items() if kind in present]
    lines = ['<g class="network-legend" aria-hidden="true">']
    x, y = left, top
    rows: list[list[tuple[str, str, str]]] = [
        [("line", family.id, family.title) for family in _families(actors)],
        [("arrow", "", LEGEND_ARROW)] if any(actor.relations for actor in actors.values()) else [],
        [("kind", kind, title) for kind, title in kinds],
    ]
    for row in filter(None, rows):
        for mark, css, title in row:
            lead = LEGEND_SAMPLE + 8.0 if mark == "line" else 22.0
            width = lead + text_width(title) * 1.1 + 30.0  # the estimate runs short
            if x + width > right and x > left:
                x, y = left, y + LINE_HEIGHT + 8.0
            lines.append(f"{legend_mark(mark, css, x, y)}" + _legend_text(x + lead, y, title))
            x += width
        x, y = left, y + LINE_HEIGHT + 8.0
    lines.append("</g>")
    return lines, y - 8.0


def legend_mark(mark: str, css: str, x: float, y: float) -> str:
    """A line sample of a family, a plain arrow, or a node of an actor kind."""
    if mark == "kind":
        return f'<circle class="network-kind--{css}" cx="{_n(x + 7)}" cy="{_n(y)}" r="7"/>'
    if mark == "arrow":
        return (
            f'<path class="network-edge network-edge--plain" d="M{_n(x - 2)} {_n(y)}H{_n(x + 16)}"'
            ' marker-end="url(#network-arrow--plain)"/>'
        )
    end = _n(x + LEGEND_SAMPLE)
    return f'<path class="network-edge network-edge--{css}" d="M{_n(x)} {_n(y)}H{end}"/>'


def _legend_text(x: float, y: float, title: str) -> str:
    return f'<text x="{_n(x)}" y="{_n(y + 4.5)}">{_xml(title)}</text>'
