"""Every kind of page, in a real browser: it works offline, runs without errors, fits a phone, and
has no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from .harness import DESKTOP, PAGE_TYPES, PHONE

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from playwright.sync_api import Browser, Page

    from .harness import Site

pytestmark = pytest.mark.browser

# The permalink page only redirects: it is checked for requests and errors, not for layout.
LOADED_PAGE_TYPES = (*PAGE_TYPES, "permalink")


def _path(site: Site, page_type: str) -> str:
    if page_type == "permalink":
        return f"c/{site.deep_claim['id']}/"
    return site.page_types[page_type]


def _open(site: Site, page: Page, page_type: str) -> None:
    page.goto(site.page(_path(site, page_type)))


@dataclass
class Visit:
    """What one page did while it loaded and settled."""

    host: str
    requested: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="module", params=LOADED_PAGE_TYPES)
def visit(request: pytest.FixtureRequest, real_site: Site, browser: Browser) -> Iterator[Visit]:
    """Load one kind of page once, recording every request and every console error, until the
    network is idle; on the home page, use the search box too (it loads the index in a worker)."""
    record = Visit(host=urlsplit(real_site.url).netloc)
    context = browser.new_context(viewport=DESKTOP)
    context.on("request", lambda r: record.requested.append(r.url))
    page = context.new_page()
    page.on("console", lambda m: record.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: record.errors.append(f"uncaught: {error}"))
    page.goto(real_site.page(_path(real_site, request.param)), wait_until="networkidle")
    if request.param == "home":
        page.locator("input.md-search__input").fill("Moscow")
        page.locator("input.md-search__input").press("End")
        page.locator(".md-search-result__item").first.wait_for()
        page.wait_for_load_state("networkidle")
    yield record
    context.close()


def test_no_request_leaves_the_host(visit: Visit) -> None:
    away = [
        url
        for url in visit.requested
        if urlsplit(url).scheme not in ("data", "blob") and urlsplit(url).netloc != visit.host
    ]
    assert visit.requested, "no request was recorded at all"
    assert not away, f"requests to other hosts: {away}"


def test_no_console_error(visit: Visit) -> None:
    assert not visit.errors, f"console errors: {visit.errors}"


# Elements that stick out to the right of the page, for the failure message.
_WIDE_ELEMENTS = """() => {
  const width = document.scrollingElement.clientWidth;
  return [...document.querySelectorAll("body *")]
    .filter(el => el.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map(el => el.tagName.toLowerCase() + (el.className ? "." + String(el.className) : ""));
}"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_fits_a_phone(real_site: Site, new_context: Callable[..., Any], page_type: str) -> None:
    page = new_context(viewport=PHONE).new_page()
    _open(real_site, page, page_type)
    width = page.evaluate(
        "() => ({scroll: document.scrollingElement.scrollWidth,"
        " client: document.scrollingElement.clientWidth, inner: window.innerWidth})"
    )
    # clientWidth is innerWidth less a vertical scrollbar: anything wider scrolls sideways.
    assert width["scroll"] <= width["client"] <= width["inner"], (
        f"{page_type} scrolls horizontally at {PHONE['width']}px: {width}, "
        f"too wide: {page.evaluate(_WIDE_ELEMENTS)}"
    )


def _axe_script() -> Path:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        pytest.fail(
            "axe-core is missing: pip install -e '.[test]' (it comes with axe-playwright-python)",
            pytrace=False,
        )
    return Path(AXE_FILE_PATH)


# In the dark scheme only the colour rules can find anything new.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
_RUN_AXE = """async rules => {
  const options = {resultTypes: ["violations"]};
  if (rules) options.runOnly = {type: "rule", values: rules};
  const results = await axe.run(document, options);
  return results.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}));
}"""


# Dark mode changes colours only, and the same everywhere: the pages with the most kinds of
# coloured element (badges, quotes, tables, links) stand for all.
DARK_PAGE_TYPES = ("home", "theme", "actor", "timeline", "article")  # the article: quote marks
AXE_CASES = [(page_type, "light") for page_type in PAGE_TYPES]
AXE_CASES += [(page_type, "dark") for page_type in DARK_PAGE_TYPES]


@pytest.mark.parametrize(("page_type", "scheme"), AXE_CASES)
def test_axe_finds_no_serious_violation(
    real_site: Site, new_context: Callable[..., Any], page_type: str, scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    _open(real_site, page, page_type)
    expected = "slate" if scheme == "dark" else "default"
    assert page.locator("body").get_attribute("data-md-color-scheme") == expected
    page.add_script_tag(path=_axe_script())
    violations = page.evaluate(_RUN_AXE, COLOUR_RULES if scheme == "dark" else None)
    assert not violations, f"{page_type} ({scheme}): " + "\n".join(map(str, violations))
