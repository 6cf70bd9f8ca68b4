"""The actor network and an actor's own diagram in a real browser: the legend is there as text,
each line is styled by the family of its relation in the data, and on a 390 px phone the page
does not scroll sideways, the diagram's labels stay legible, the relation table is linked before
the diagram, and axe finds no serious or critical violation."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import pytest

from briefing.pages.relation_families import FAMILIES, relation_family

from .harness import PHONE
from .test_pages import _RUN_AXE, _axe_script

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

NETWORK = "actors/network/"
LEGIBLE_PX = 11


def _families(site: Site) -> Counter[str]:
    """How many relations of each family the built site's data holds."""
    return Counter(
        relation_family(relation["kind"])
        for actor in site.actors
        for relation in actor.get("relations") or []
    )


def _busiest(site: Site) -> dict[str, Any]:
    return max(site.actors, key=lambda actor: len(actor.get("relations") or []))


def test_the_legend_names_each_family_in_visible_text(real_site: Site, page: Page) -> None:
    page.goto(real_site.page(NETWORK))
    families = _families(real_site)
    items = page.locator(".network-legend-text li")
    expected = [f"{f.title} ({families[f.id]}):" for f in FAMILIES if families[f.id]]
    assert [text.strip().split(":")[0] + ":" for text in items.all_inner_texts()] == expected
    for n in range(items.count()):
        item = items.nth(n)
        assert item.is_visible()
        size = item.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 12, size
        assert item.locator("svg.network-swatch").is_visible()
        stroke = item.locator("svg.network-swatch path").evaluate(
            "el => getComputedStyle(el).stroke"
        )
        assert stroke not in ("none", "rgb(0, 0, 0)"), f"the sample line is unstyled: {stroke}"
    drawn = page.locator("svg.network .network-legend text").all_text_contents()
    assert [f.title for f in FAMILIES if families[f.id]] == [
        text for text in drawn if text in {f.title for f in FAMILIES}
    ]


def test_lines_are_styled_by_the_family_of_their_relation(real_site: Site, page: Page) -> None:
    page.goto(real_site.page(NETWORK))
    classes = page.locator("svg.network .network-edges path").evaluate_all(
        "paths => paths.map(p => p.getAttribute('class'))"
    )
    assert Counter(c.removeprefix("network-edge network-edge--") for c in classes) == _families(
        real_site
    )
    styles = page.locator("svg.network .network-legend path[class*='network-edge--']").evaluate_all(
        "paths => paths.filter(p => !p.classList.contains('network-edge--plain')).map(p =>"
        " [getComputedStyle(p).stroke, getComputedStyle(p).strokeDasharray,"
        " getComputedStyle(p).strokeWidth].join('|'))"
    )
    dashes = [style.split("|")[1] for style in styles]
    assert len(set(styles)) == len(styles), "each family looks different"
    assert len(set(dashes)) == len(dashes), f"each family differs without colour too: {dashes}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_network_fits_reads_and_links_the_table_first(
    real_site: Site, new_context: Callable[..., Any], scheme: str
) -> None:
    page = new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(real_site.page(NETWORK))
    width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width[0] <= width[1], f"the page scrolls sideways at {PHONE['width']}px: {width}"
    label = page.locator("svg.network .network-nodes text").first
    size = label.evaluate(
        "el => el.getBoundingClientRect().height / el.querySelectorAll('tspan').length"
    )
    assert size >= LEGIBLE_PX, f"labels render {size:.1f}px tall on a phone"
    figure = page.locator(".network-figure")
    assert figure.evaluate("el => el.scrollWidth > el.clientWidth"), "the diagram scrolls"
    before = page.evaluate(
        """() => {
          const figure = document.querySelector('.network-figure');
          return [...document.querySelectorAll('a[href="#relations"]')].some(a =>
            a.compareDocumentPosition(figure) & Node.DOCUMENT_POSITION_FOLLOWING);
        }"""
    )
    assert before, "no link to the relation table before the diagram"
    page.add_script_tag(path=_axe_script())
    violations = page.evaluate(_RUN_AXE, None)
    assert not violations, "\n".join(map(str, violations))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_an_actor_page_draws_its_relations_legibly_on_a_phone(
    real_site: Site, new_context: Callable[..., Any], scheme: str
) -> None:
    actor = _busiest(real_site)
    page = new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(real_site.page(actor["url"]))
    svg = page.locator("svg.network-ego")
    assert svg.get_attribute("role") == "img"
    words = svg.locator(".ego-words")
    assert words.count() >= len(actor["relations"])
    size = words.first.evaluate("el => el.getBoundingClientRect().height")
    assert size >= LEGIBLE_PX, f"relation words render {size:.1f}px tall"
    width = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width[0] <= width[1], width
    page.add_script_tag(path=_axe_script())
    violations = page.evaluate(_RUN_AXE, None)
    assert not violations, "\n".join(map(str, violations))
