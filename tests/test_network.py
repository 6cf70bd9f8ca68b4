"""The actor network: a well-formed, deterministic SVG with every actor a link to its page and
every relation drawn once; data is escaped; labels keep clear of each other; the page and nav."""

from __future__ import annotations

import dataclasses
import math
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from itertools import combinations

import pytest

from briefing.data.load import Briefing, load_briefing
from briefing.model import Actor, ActorKind, Relation
from briefing.pages.labels import relation_label
from briefing.pages.network import LEGIBLE_PX, drawn_actors, render_network_svg
from briefing.pages.network_labels import FONT_SIZE, boxes
from briefing.pages.network_layout import central_actor, layout_network
from briefing.pages.relation_families import FAMILIES, OTHER, relation_family
from briefing.pages.render import render_site, site_nav
from conftest import MINI, ROOT

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "<script>alert('x')</script> & \"Co\" </svg>"


def _load(folder: str) -> Briefing:
    briefing = load_briefing((MINI if folder == "mini" else ROOT) / "data").briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module", params=["mini", "real"])
def briefing(request: pytest.FixtureRequest) -> Briefing:
    return _load(request.param)


def _with_actors(briefing: Briefing, *actors: Actor) -> Briefing:
    """The briefing with these actors added or replaced (same id)."""
    return dataclasses.replace(briefing, actors={**briefing.actors, **{a.id: a for a in actors}})


def _links(svg: str) -> list[ET.Element]:
    return list(ET.fromstring(svg).iter(f"{SVG}a"))


def _edge_titles(svg: str) -> list[str]:
    edges = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "network-edges")
    return [path.findtext(f"{SVG}title", "") for path in edges.iter(f"{SVG}path")]


def test_the_same_briefing_gives_the_same_bytes(briefing: Briefing) -> None:
    copy = dataclasses.replace(
        briefing, actors={a: x.model_copy() for a, x in briefing.actors.items()}
    )
    assert render_network_svg(briefing.actors) == render_network_svg(copy.actors)


def test_the_bytes_do_not_depend_on_string_hashing() -> None:
    """Set and dict order of strings varies between interpreters unless PYTHONHASHSEED is set."""
    script = (
        "import hashlib; from pathlib import Path; from briefing.data.load import load_briefing;"
        "from briefing.pages.network import render_network_svg;"
        "b = load_briefing(Path('data')).briefing;"
        "print(hashlib.sha256(render_network_svg(b.actors).encode()).hexdigest())"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(digests) == 1 and len(digests.pop().strip()) == 64


def test_every_actor_is_one_link_to_its_page_named_by_its_title(briefing: Briefing) -> None:
    links = _links(render_network_svg(briefing.actors))
    assert sorted(link.get("href", "") for link in links) == sorted(
        f"../{actor_id}/" for actor_id in briefing.actors
    )
    for link in links:
        actor = briefing.actors[link.get("href", "").strip("./")]
        assert link.findtext(f"{SVG}title") == f"{actor.name}: {actor.role}"
        label = " ".join("".join(text.itertext()) for text in link.iter(f"{SVG}text"))
        assert " ".join(label.split()) == " ".join(actor.name.split())


def test_every_relation_is_drawn_once_with_its_words(briefing: Briefing) -> None:
    expected = Counter(
        f"{actor.name} {relation_label(r.kind)} {briefing.actors[r.to].name}: {r.detail}"
        for actor in briefing.actors.values()
        for r in actor.relations
    )
    assert Counter(_edge_titles(render_network_svg(briefing.actors))) == expected


def test_parallel_and_self_relations_each_get_their_own_path() -> None:
    mini = _load("mini")
    duchy = mini.actors["duchy"]
    extra = (
        Relation(kind="arms", to="militia", detail="Rifles", claim="duchy-trained-militia"),
        Relation(kind="funds", to="duchy", detail="Itself", claim="duchy-trained-militia"),
    )
    briefing = _with_actors(mini, duchy.model_copy(update={"relations": duchy.relations + extra}))
    svg = render_network_svg(briefing.actors)
    paths = [p.get("d") for p in ET.fromstring(svg).iter(f"{SVG}path") if p.findtext(f"{SVG}title")]
    relations = sum(len(actor.relations) for actor in briefing.actors.values())
    assert relations == sum(len(actor.relations) for actor in mini.actors.values()) + 2
    assert len(paths) == relations
    assert len(set(paths)) == relations


def test_text_from_the_data_is_escaped() -> None:
    mini = _load("mini")
    hostile = mini.actors["duchy"].model_copy(update={"name": HOSTILE, "role": HOSTILE})
    svg = render_network_svg(_with_actors(mini, hostile).actors)
    assert "<script" not in svg
    assert "</svg>" not in svg[:-6]
    link = next(a for a in _links(svg) if a.get("href") == "../duchy/")
    assert link.findtext(f"{SVG}title") == f"{HOSTILE}: {HOSTILE}"
    assert any(HOSTILE in title for title in _edge_titles(svg))


def test_it_is_one_raw_html_block_with_a_name_and_a_legible_width(briefing: Briefing) -> None:
    svg = render_network_svg(briefing.actors)
    root = ET.fromstring(svg)
    assert svg.startswith("<svg ")
    assert "\n\n" not in svg and not any(line != line.lstrip() for line in svg.splitlines())
    # No role: the Nu HTML Checker allows none but img, document and application on <svg>, and
    # img would hide the links inside it.
    assert root.get("role") is None
    assert f"{len(briefing.actors)} actors" in root.get("aria-label", "")
    assert root.get("viewBox") and root.get("width") == "100%"
    width = float(root.get("viewBox", "").split()[2])
    legible = f"--legible-width: {math.ceil(width * LEGIBLE_PX / FONT_SIZE)}px"
    assert root.get("style") == legible


def test_labels_keep_clear_of_other_labels_and_nodes(briefing: Briefing) -> None:
    places = layout_network(briefing.actors).places.values()
    circles = [boxes(place)[0] for place in places]
    labels = [boxes(place)[1] for place in places]
    for one, other in [*combinations(labels, 2), *((a, b) for a in labels for b in circles)]:
        overlap_x = min(one[2], other[2]) - max(one[0], other[0])
        overlap_y = min(one[3], other[3]) - max(one[1], other[1])
        assert overlap_x <= 1 or overlap_y <= 1, (one, other)


def test_the_centre_is_the_actor_with_most_relations() -> None:
    assert central_actor(_load("real").actors) == "russia"
    assert central_actor(_load("mini").actors) == "ruritania"  # two relations, the others one
    lone = Actor(id="lone", name="Lone", kind=ActorKind.PERSON, role="Alone.")
    assert central_actor({"lone": lone}) is None
    assert _links(render_network_svg(_with_actors(_load("mini"), lone).actors))


def test_the_page_lists_every_relation_and_is_in_the_nav(briefing: Briefing) -> None:
    pages = render_site(briefing)
    page = pages["actors/network.md"]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == sum(len(actor.relations) for actor in briefing.actors.values())
    assert "\n<svg " in page and render_network_svg(briefing.actors) in page
    assert "See the [actor network](network.md)" in pages["actors/index.md"]
    nav = site_nav(briefing)
    position = nav.index({"Actors": "actors/index.md"})
    assert nav[position + 1] == {"Actor network": "actors/network.md"}


def test_a_large_briefing_draws_its_most_connected_actors_only() -> None:
    from briefing.model import Actor, Relation

    actors = {
        f"a{n:03d}": Actor(
            id=f"a{n:03d}",
            name=f"Actor {n}",
            kind="state",
            role="Test.",
            relations=tuple(
                Relation(kind="backs", to=f"a{m:03d}", detail="x", claim="c")
                for m in range(n + 1, min(n + 1 + n % 4, 200))
            ),
        )
        for n in range(200)
    }
    drawn = drawn_actors(actors, limit=50)
    assert len(drawn) == 50
    assert all(r.to in drawn for actor in drawn.values() for r in actor.relations)
    assert drawn_actors(actors, limit=500) == actors


def _edge_families(svg: str) -> list[str]:
    edges = next(g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "network-edges")
    classes = [path.get("class", "").split() for path in edges.iter(f"{SVG}path")]
    assert all(names[0] == "network-edge" and len(names) == 2 for names in classes), classes
    return [names[1].removeprefix("network-edge--") for names in classes]


def test_each_edge_is_styled_by_its_relation_family(briefing: Briefing) -> None:
    svg = render_network_svg(briefing.actors)
    expected = [relation_family(r.kind) for a in briefing.actors.values() for r in a.relations]
    assert _edge_families(svg) == expected
    markers = {m.get("id") for m in ET.fromstring(svg).iter(f"{SVG}marker")}
    assert {f"network-arrow--{family}" for family in expected} <= markers
    assert f'marker-end="url(#network-arrow--{expected[0]})"' in svg


@pytest.mark.parametrize(
    ("kind", "family"),
    [
        ("supplies", "energy"),
        ("supplies-oil-to", "energy"),
        ("owns-share-of", "membership"),
        ("supports", "support"),
        ("supported", "support"),  # any tense
        ("expressed-support-for", "support"),  # the first word of a family decides
        ("condemned-invasion-of", "opposition"),  # the verb, not the object
        ("imports-weaponry-from", "military"),
        ("sanctioned", "opposition"),
        ("took-leading-role-in-breakup-of", OTHER),  # a listed phrase decides first
        ("opposed-sanctions-on", OTHER),
        ("operates-in", OTHER),
        ("never-heard-of", OTHER),  # unknown: other, never an error
        ("", OTHER),
    ],
)
def test_a_relation_kind_falls_in_the_family_its_words_say(kind: str, family: str) -> None:
    assert relation_family(kind) == family


def test_the_real_data_uses_every_family() -> None:
    real = _load("real")
    kinds = {r.kind for actor in real.actors.values() for r in actor.relations}
    assert {relation_family(kind) for kind in kinds} == {family.id for family in FAMILIES}


def test_the_legend_names_each_family_drawn_in_the_svg_and_on_the_page(briefing: Briefing) -> None:
    svg = render_network_svg(briefing.actors)
    legend = next(
        g for g in ET.fromstring(svg).iter(f"{SVG}g") if g.get("class") == "network-legend"
    )
    texts = [text.text for text in legend.iter(f"{SVG}text")]
    drawn = set(_edge_families(svg))
    titles = [family.title for family in FAMILIES if family.id in drawn]
    assert [text for text in texts if text in {f.title for f in FAMILIES}] == titles
    page = render_site(briefing)["actors/network.md"]
    for family in FAMILIES:
        count = sum(
            relation_family(r.kind) == family.id
            for actor in briefing.actors.values()
            for r in actor.relations
        )
        assert (f"**{family.title}** ({count}):" in page) == bool(count), family


def test_the_page_names_the_actors_without_a_relation() -> None:
    mini = _load("mini")
    tail = " — the article gives no relation between {} and another actor."
    assert "Not connected" not in render_site(mini)["actors/network.md"]  # all are linked
    lone = Actor(id="lone", name="Lone", kind=ActorKind.PERSON, role="Alone.")
    page = render_site(_with_actors(mini, lone))["actors/network.md"]
    assert "**Not connected:** [Lone](lone.md)" + tail.format("it") in page
    other = Actor(id="alone", name="Alone Too", kind=ActorKind.PERSON, role="Alone.")
    page = render_site(_with_actors(mini, lone, other))["actors/network.md"]
    listed = "**Not connected:** [Lone](lone.md), [Alone Too](alone.md)"
    assert listed + tail.format("them") in page


def test_an_actor_page_groups_every_claim_about_it_by_kind(briefing: Briefing) -> None:
    pages = render_site(briefing)
    for actor in briefing.actors.values():
        page = pages[f"actors/{actor.id}.md"]
        about = [
            c
            for c in briefing.claims.values()
            if actor.id in c.actors or c.attributed_to == actor.id
        ]
        for kind in ("fact", "assessment", "forecast", "allegation"):
            count = sum(c.kind == kind for c in about)
            heading = f"{{#claims-{kind}}}"
            assert (heading in page) == bool(count), (actor.id, kind)
        items = [
            line for line in page.split("## Claims", 1)[1].splitlines() if line.startswith("- [")
        ]
        assert len(items) == len(about), actor.id
        assert all('<span class="claim-theme">' in item for item in items)
        if about:
            plural = "s name" if len(about) != 1 else " names"
            assert f"{len(about)} claim{plural} " in page, actor.id
        else:
            assert "No claim names" in page


def test_each_actor_page_draws_its_own_relations_one_row_each(briefing: Briefing) -> None:
    pages = render_site(briefing)
    for actor in briefing.actors.values():
        page = pages[f"actors/{actor.id}.md"]
        outgoing = [(r.kind, r.to) for r in actor.relations]
        incoming = [
            (r.kind, a.id)
            for a in briefing.actors.values()
            for r in a.relations
            if r.to == actor.id
        ]
        if not outgoing + incoming:
            assert "<svg" not in page
            continue
        svg = page[page.index("<svg") : page.index("</svg>") + 6]
        root = ET.fromstring(svg)
        assert root.get("role") == "img" and actor.name in root.get("aria-label", "")
        assert not _links(svg), "the table holds the links"
        edges = [
            p.get("class", "").split()[1].removeprefix("network-edge--")
            for p in root.iter(f"{SVG}path")
            if p.get("marker-end")
        ]
        assert edges == [relation_family(kind) for kind, _ in outgoing + incoming]
        words = [t.text for t in root.iter(f"{SVG}tspan") if t.get("class") == "ego-words"]
        assert words == [relation_label(k) for k, _ in outgoing] + [
            f"← {relation_label(k)}" for k, _ in incoming
        ]
        legend = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "ego-legend"]
        assert legend == [f.title for f in FAMILIES if f.id in edges]


def test_an_actor_diagram_escapes_the_data() -> None:
    mini = _load("mini")
    hostile = mini.actors["militia"].model_copy(update={"name": HOSTILE})
    page = render_site(_with_actors(mini, hostile))["actors/duchy.md"]
    svg = page[page.index("<svg") : page.index("</svg>\n</div>") + 6]
    assert "<script" not in svg
    text = "".join(ET.fromstring(svg).itertext())  # wrapped: one word a line at most
    assert "<script>alert('x')</script>" in text and '& "Co" </svg>' in text
