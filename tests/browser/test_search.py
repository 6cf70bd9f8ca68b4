"""Material's search, typed into the search box as a reader would: it finds names with and without
their diacritics (actors carry ASCII spellings in `other_names`)."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("query", "actor"),
    [
        ("Gazprom", "gazprom"),
        ("Vucic", "aleksandar-vucic"),
        ("Vučić", "aleksandar-vucic"),
        ("Nis", "nis-humanitarian-center"),
    ],
)
def test_search_finds_the_actor(real_site: Site, page: Page, query: str, actor: str) -> None:
    page.goto(real_site.page(""))
    box = page.locator("input.md-search__input")
    box.click()
    # One query, as typed: Material searches on keyup, so fill the box and release a key.
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    wanted = results.and_(page.locator(f'[href*="/actors/{actor}/"]'))
    try:
        wanted.first.wait_for(timeout=10_000)
    except PlaywrightTimeoutError:  # say what the search found instead
        meta = page.locator(".md-search-result__meta").inner_text()
        paths = [urlsplit(link.get_attribute("href") or "").path for link in results.all()]
        pytest.fail(f"searching {query!r} did not find /actors/{actor}/: {meta!r}, {paths}")
