"""Links that must keep working: a claim's deep link, its permalink /c/<id>/ (with and without
JavaScript, also for an alias), an old in-page anchor (an alias), and the permalink page's own
title and preview metadata."""

from __future__ import annotations

import re
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

import pytest
import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from briefing.pages.labels import kind_label

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

# Where the element sits against the viewport and below Material's sticky header.
_GEOMETRY = """id => {
  const element = document.getElementById(id);
  if (!element) return null;
  const box = element.getBoundingClientRect();
  const header = document.querySelector(".md-header");
  return {
    tag: element.tagName,
    top: box.top,
    bottom: box.bottom,
    headerBottom: header ? header.getBoundingClientRect().bottom : 0,
    viewportHeight: window.innerHeight,
    scrollY: window.scrollY,
  };
}"""
_IN_VIEW = f"""id => {{
  const g = ({_GEOMETRY})(id);
  return g !== null && g.top >= g.headerBottom - 1 && g.bottom <= g.viewportHeight;
}}"""


def assert_heading_in_view(page: Page, claim_id: str) -> None:
    """The claim's section heading is on screen, not hidden under the header, after a scroll."""
    try:
        page.wait_for_function(_IN_VIEW, arg=claim_id, timeout=5_000)
    except PlaywrightTimeoutError:  # say where the heading is instead
        geometry = page.evaluate(_GEOMETRY, claim_id)
        pytest.fail(f"#{claim_id} on {page.url} is not in the viewport: {geometry}")
    geometry = page.evaluate(_GEOMETRY, claim_id)
    assert geometry["tag"] == "H2", f"#{claim_id} should be the claim's heading: {geometry}"
    assert geometry["scrollY"] > 0, f"the page did not scroll to #{claim_id}: {geometry}"


def test_deep_link_lands_on_the_claim(real_site: Site, page: Page) -> None:
    claim = real_site.deep_claim
    page.goto(real_site.page(claim["url"]))
    assert page.url == real_site.page(claim["url"])
    assert_heading_in_view(page, claim["id"])


def _landing_url(site: Site, claim: dict[str, Any]) -> re.Pattern[str]:
    return re.compile(re.escape(site.page(claim["url"])) + "$")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_permalink_lands_on_the_claim(
    real_site: Site, new_context: Callable[..., Any], javascript: bool
) -> None:
    claim = real_site.deep_claim
    page = new_context(java_script_enabled=javascript).new_page()
    page.goto(real_site.page(f"c/{claim['id']}/"))
    page.wait_for_url(_landing_url(real_site, claim))
    page.wait_for_load_state()
    assert_heading_in_view(page, claim["id"])


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_cold_permalink_visit_costs_one_small_request(
    real_site: Site, new_context: Callable[..., Any], javascript: bool
) -> None:
    """Before the claim's page, the browser fetches the permalink document and nothing else (no
    stylesheet, script, font or icon), and that document is small."""
    claim = real_site.deep_claim
    permalink = real_site.page(f"c/{claim['id']}/")
    landing = real_site.page(claim["url"]).split("#")[0]
    context = new_context(java_script_enabled=javascript)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(permalink)
    page.wait_for_url(_landing_url(real_site, claim))
    assert landing in requested, requested
    assert requested[: requested.index(landing)] == [permalink]
    with urllib.request.urlopen(permalink, timeout=10) as response:
        size = len(response.read())
    assert size < 2_500, f"{permalink} weighs {size} bytes"


def test_alias_permalink_lands_on_the_renamed_claim(
    mini_site: Site, new_context: Callable[..., Any]
) -> None:
    claim = mini_site.claim("fleet-on-alert")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(mini_site.page("c/fleet-alert/"))
    page.wait_for_url(_landing_url(mini_site, claim))
    page.wait_for_load_state()
    assert page.locator("h2#fleet-on-alert").is_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_an_alias_in_page_anchor_lands_on_the_renamed_claim(
    mini_site: Site, new_context: Callable[..., Any], javascript: bool
) -> None:
    # A short window puts the claim below the fold: landing on it takes a real scroll.
    context = new_context(java_script_enabled=javascript, viewport={"width": 1280, "height": 400})
    page = context.new_page()
    page.goto(mini_site.page("themes/the-fleet/#fleet-alert"))
    assert_heading_in_view(page, "fleet-on-alert")


class _Head(HTMLParser):
    """The <title>, <meta> and <link rel=canonical> of a page, entities decoded."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.refresh = ""
        self.canonical = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and values.get("http-equiv") == "refresh":
            self.refresh = values.get("content", "")
        elif tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta[key] = values.get("content", "")
        elif tag == "link" and values.get("rel") == "canonical":
            self.canonical = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _read_head(url: str) -> _Head:
    """The page as a link preview or a browser sees it before the redirect runs."""
    with urllib.request.urlopen(url, timeout=10) as response:
        head = _Head()
        head.feed(response.read().decode("utf-8"))
    return head


def _claim_with_quotes(site: Site) -> dict[str, Any]:
    """A claim whose text has a double quote or an apostrophe: it tests the escaping too."""
    return next(
        (claim for claim in site.claims if '"' in claim["text"] or "'" in claim["text"]),
        site.deep_claim,
    )


def test_permalink_page_previews_the_claim(real_site: Site) -> None:
    claim = _claim_with_quotes(real_site)
    url = real_site.page(f"c/{claim['id']}/")
    head = _read_head(url)
    themes = yaml.safe_load((real_site.root.parent / "data" / "themes.yml").read_text("utf-8"))
    theme_title = next(theme["title"] for theme in themes if theme["id"] == claim["theme"])

    assert head.title.strip() == f"{claim['text']} - {head.meta['og:site_name']}"
    assert head.meta["og:title"] == claim["text"]
    kind = kind_label(claim["kind"])
    assert head.meta["og:description"] == f"{kind} · {theme_title} · {claim['quote']}"
    assert head.meta["description"] == head.meta["og:description"]
    target = real_site.page(claim["url"])
    assert urllib.parse.urljoin(url, head.canonical) == target
    assert re.fullmatch(r"0; url=(.+)", head.refresh), head.refresh
    assert urllib.parse.urljoin(url, head.refresh.split("url=", 1)[1]) == target
    assert head.meta["robots"] == "noindex"
