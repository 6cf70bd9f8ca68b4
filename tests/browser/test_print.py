"""Printing on A4 (Chromium's print emulation): every page names the briefing, its own address and
the data's version; navigation and search are gone; nothing is wider than the printable width,
the leverage matrix included; links that leave the page say where they go."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

from .harness import PAGE_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

# A4 is 210 mm wide; the print stylesheet's @page leaves 12 mm on each side: 186 mm at 96 px/in.
PRINTABLE_WIDTH = round(186 / 25.4 * 96)

_HIDDEN = """() => [".md-header", ".md-sidebar", ".md-footer", ".md-search", ".md-top"]
  .filter(selector => [...document.querySelectorAll(selector)]
    .some(el => el.getClientRects().length > 0 && getComputedStyle(el).display !== "none"))"""


def _print_page(new_context: Callable[..., Any], site: Site, path: str) -> Page:
    page: Page = new_context(viewport={"width": PRINTABLE_WIDTH, "height": 1100}).new_page()
    page.goto(site.page(path))
    page.emulate_media(media="print")
    return page


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_a_printed_page_says_what_where_and_which_version(
    real_site: Site, new_context: Callable[..., Any], page_type: str
) -> None:
    path = real_site.page_types[page_type]
    page = _print_page(new_context, real_site, path)
    colophon = page.locator(".print-colophon")
    assert colophon.is_visible()
    version = page.locator('meta[name="briefing-data-version"]').get_attribute("content") or ""
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    site_name = page.evaluate("() => document.title.split(' - ').pop()")
    lines = colophon.inner_text().splitlines()
    assert lines == [site_name, f"/{path} · data version {version}"]
    assert page.evaluate(_HIDDEN) == [], "navigation, search or footer is printed"
    widths = page.evaluate(
        "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page_type} is wider than A4's printable width: {widths}"


def test_the_colophon_is_for_paper_only(real_site: Site, page: Page) -> None:
    page.goto(real_site.page(""))
    assert page.locator(".print-colophon").is_hidden()


# A browser may print with wider margins than the stylesheet's: 25 mm a side leaves 160 mm.
WIDE_MARGINS_WIDTH = round(160 / 25.4 * 96)


@pytest.mark.parametrize("width", [PRINTABLE_WIDTH, WIDE_MARGINS_WIDTH])
def test_the_printed_leverage_matrix_fits_a4(
    real_site: Site, new_context: Callable[..., Any], width: int
) -> None:
    page: Page = new_context(viewport={"width": width, "height": 1100}).new_page()
    page.goto(real_site.page("levers/"))
    page.emulate_media(media="print")
    table = page.evaluate(
        "() => { const t = document.querySelector('.leverage-matrix table');"
        " const cells = t.rows[0].cells;"
        " return {right: t.getBoundingClientRect().right, scroll: t.scrollWidth,"
        " client: t.clientWidth, last: cells[cells.length - 1].getBoundingClientRect().right}; }"
    )
    assert table["right"] <= width and table["last"] <= width, table
    assert table["scroll"] <= table["client"], table
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 595" in pdf  # A4: 595 x 842 pt


_AFTER = """selector => [...document.querySelectorAll(selector)]
  .map(a => [a.getAttribute("href"), getComputedStyle(a, "::after").content])"""


def test_printed_links_say_where_they_go_except_within_the_page(
    real_site: Site, new_context: Callable[..., Any]
) -> None:
    page = _print_page(new_context, real_site, "")
    evidence = page.evaluate(_AFTER, ".argument-evidence a")
    assert evidence
    assert all(after == f'" ({href})"' for href, after in evidence), evidence[:3]
    page = _print_page(new_context, real_site, "levers/")
    counts = page.evaluate(_AFTER, ".leverage-matrix td a")
    assert counts and all(after == "none" for _, after in counts), counts[:3]
    external = page.evaluate(
        "() => { const a = document.createElement('a'); a.href = 'https://example.org/x';"
        " a.textContent = 'x'; document.querySelector('.md-typeset p').append(a);"
        " return getComputedStyle(a, '::after').content; }"
    )
    assert external == '" (https://example.org/x)"'
