"""Browser fixtures: the real site and the mini site, built in a temporary folder and served on
127.0.0.1, and one Debian Chromium for the whole session, driven by Playwright's sync API.

tests/browser is a package (it has an __init__.py) so that this conftest does not take the module
name `conftest` from tests/conftest.py, which test modules import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from .harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    MINI_DATA,
    REAL_DATA,
    BuildError,
    Site,
    build_sites,
    chromium_missing,
    serve,
)


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both sites, built once per session (in parallel) into a temporary folder."""
    projects = {
        "real": (REAL_DATA, tmp_path_factory.mktemp("real-site")),
        "mini": (MINI_DATA, tmp_path_factory.mktemp("mini-site")),
    }
    try:
        return build_sites(projects)
    except BuildError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def real_site(built_sites: dict[str, Path]) -> Iterator[Site]:
    """The briefing built from data/, served over HTTP."""
    with serve(built_sites["real"]) as site:
        yield site


@pytest.fixture(scope="session")
def mini_site(built_sites: dict[str, Path]) -> Iterator[Site]:
    """The site built from tests/fixtures/mini/data (it has an alias), served over HTTP."""
    with serve(built_sites["mini"]) as site:
        yield site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the session; a missing Chromium fails the tests, it never skips."""
    problem = chromium_missing()
    if problem:
        pytest.fail(problem, pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Factory for browser contexts (desktop size unless told); all are closed after the test."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", DESKTOP)
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context: Callable[..., BrowserContext]) -> Page:
    """A desktop-size page with JavaScript."""
    return new_context().new_page()
