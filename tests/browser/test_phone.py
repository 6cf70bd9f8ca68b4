"""On a phone: the home page's evidence links and the leverage matrix's counts are big enough to
tap (WCAG 2.2 target size, 24 x 24 CSS px) and say what they open; axe with the WCAG 2.2 AA tags
finds no serious or critical violation on the pages a reader meets first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from .axe import WCAG22_AA, serious_violations
from .harness import PHONE

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

_BOXES = """selector => [...document.querySelectorAll(selector)].map(a => {
  const box = a.getBoundingClientRect();
  return {text: a.textContent, label: a.getAttribute("aria-label"), hash: a.hash,
          width: box.width, height: box.height};
})"""


def _links(page: Page, selector: str) -> list[dict[str, Any]]:
    links: list[dict[str, Any]] = page.evaluate(_BOXES, selector)
    assert links, f"no {selector} on {page.url}"
    return links


def _assert_big_enough(links: list[dict[str, Any]]) -> None:
    small = [link for link in links if link["width"] < 24 or link["height"] < 24]
    assert not small, f"targets under 24 x 24 px: {small[:3]}"


@pytest.fixture
def phone(new_context: Callable[..., Any]) -> Page:
    return new_context(viewport=PHONE).new_page()


def test_evidence_links_are_big_and_say_what_they_open(real_site: Site, phone: Page) -> None:
    phone.goto(real_site.page(""))
    links = _links(phone, ".argument-evidence a")
    _assert_big_enough(links)
    texts = {claim["id"]: claim["text"] for claim in real_site.claims}
    for link in links:
        line = re.fullmatch(rf"Evidence {link['text']} for line (\d+): (.+)", link["label"] or "")
        assert line, link
        assert line.group(2) == texts[link["hash"][1:]], link


def test_matrix_counts_are_big_and_say_what_they_count(real_site: Site, phone: Page) -> None:
    phone.goto(real_site.page("levers/"))
    links = _links(phone, ".leverage-matrix td a[href*='--']")
    _assert_big_enough(links)
    for link in links:
        label = link["label"] or ""
        counted = rf"{link['text']} (reported or alleged|judged or forecast) claims?: (.+)"
        match = re.fullmatch(counted, label)
        assert match, link
        heading = phone.locator(f"h3{link['hash']}").inner_text()
        assert match.group(2) == heading.rstrip("¶ ").replace(": ", ", ", 1), link


def test_the_timeline_figure_fits_and_its_claims_are_big_enough(
    real_site: Site, phone: Page
) -> None:
    phone.goto(real_site.page("timeline/"))
    links = _links(phone, "svg.timeline a.timeline-event")
    assert len(links) == len([claim for claim in real_site.claims if claim["when"]])
    # The squares are 24 units in a figure about a phone's width: allow for rounding.
    small = [link for link in links if link["width"] < 23.5 or link["height"] < 23.5]
    assert not small, small[:3]
    fits = phone.evaluate(
        "() => document.querySelector('svg.timeline').getBoundingClientRect().right"
        " <= document.scrollingElement.clientWidth"
        " && document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"
    )
    assert fits, "the timeline figure is wider than the phone"


@pytest.mark.parametrize("page_type", ["home", "theme", "levers", "network", "timeline"])
def test_axe_wcag22_aa_on_a_phone(real_site: Site, phone: Page, page_type: str) -> None:
    path = "actors/network/" if page_type == "network" else real_site.page_types[page_type]
    phone.goto(real_site.page(path))
    violations = serious_violations(phone, tags=WCAG22_AA)
    assert not violations, f"{page_type}: " + "\n".join(map(str, violations))
