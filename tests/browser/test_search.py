"""The search box, typed into as a reader would: Pagefind finds a name with or without its
diacritics, a claim shows as a claim (its text and kind), and it all works from the keyboard."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from briefing.pages.labels import kind_label

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

# Pagefind starts in a web worker and waits up to 5 s for it before running without one: on a
# busy machine the first search can take that long.
SLOW = 30_000


def search(site: Site, page: Page, query: str) -> list[str]:
    """Type `query` into the search box; every result's address ('themes/x/#claim'), in order."""
    if not page.url.startswith(site.url):
        page.goto(site.page("about/"))
    box = page.locator("input.md-search__input")
    box.fill(query)
    status = page.locator("#briefing-search-status")
    expect(status).to_have_text(re.compile(rf"results? for “{re.escape(query)}”$"), timeout=SLOW)
    more = page.locator(".briefing-search__more")
    while more.is_visible():
        shown = page.locator(".md-search-result__item").count()
        more.click()
        expect(page.locator(".md-search-result__item")).not_to_have_count(shown, timeout=SLOW)
    links = page.locator(".md-search-result__link").all()
    return [_site_path(site, link.get_attribute("href") or "") for link in links]


def _site_path(site: Site, href: str) -> str:
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(site.url).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


@pytest.mark.parametrize(
    ("accented", "plain", "actor"),
    [
        ("Vučić", "Vucic", "aleksandar-vucic"),
        ("Milošević", "Milosevic", "slobodan-milosevic"),
        ("Niš", "Nis", "nis-humanitarian-center"),
        ("Srpska Čast", "Srpska Cast", "serbian-honor"),
    ],
)
def test_a_name_without_its_accents_finds_what_the_accented_name_finds(
    real_site: Site, page: Page, accented: str, plain: str, actor: str
) -> None:
    with_accents = search(real_site, page, accented)
    without = search(real_site, page, plain)
    assert with_accents, f"{accented!r} found nothing"
    missing = [url for url in with_accents if url not in without]
    assert not missing, f"{plain!r} misses what {accented!r} finds: {missing}"
    assert f"actors/{actor}/" in without, f"{plain!r} did not find the actor: {without}"


@pytest.mark.parametrize("kind", ["fact", "assessment", "forecast", "allegation"])
def test_a_claim_shows_as_a_claim(real_site: Site, page: Page, kind: str) -> None:
    claim = next(claim for claim in real_site.claims if claim["kind"] == kind)
    urls = search(real_site, page, claim["text"])
    assert claim["url"] in urls, f"searching a claim's own text did not find it: {urls}"
    result = page.locator(".md-search-result__item").nth(urls.index(claim["url"]))
    expect(result.locator(".briefing-search__title")).to_have_text(claim["text"])
    expect(result.locator(".claim-kind")).to_have_text(kind_label(kind))


def test_search_works_from_the_keyboard(real_site: Site, page: Page) -> None:
    page.goto(real_site.page("about/"))
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("Gazprom")
    status = page.locator("#briefing-search-status")
    expect(status).to_have_text(re.compile("results? for “Gazprom”$"), timeout=SLOW)
    page.keyboard.press("ArrowDown")
    first = page.locator(".md-search-result__link").first
    expect(first).to_be_focused()
    target = first.get_attribute("href") or ""
    page.keyboard.press("Enter")
    page.wait_for_url(target)
