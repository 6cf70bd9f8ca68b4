"""Style that carries meaning: links in running text are told apart from the text around them
without colour (WCAG 1.4.1). axe-core's rule passes even with the underline gone, so the
browser's computed style is asserted instead."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

# Links in paragraphs and in table cells; the ¶ number beside each paragraph of the article is
# a self-link styled as a marker, not a link in the text.
RUNNING_TEXT_LINKS = ", ".join(
    f".md-typeset {block} a:not(.headerlink):not(.paragraph-number)" for block in ("p", "li", "td")
)
# Each page and where its links sit (a paragraph, a list item, a table cell).
PAGES = {
    "": {"p", "li", "td"},
    "themes/the-ports/": {"p"},
    "sources/": {"p", "td"},
    "levers/": {"p", "li", "td"},
    "article/": {"p", "li"},  # the text, and the claims listed under each paragraph
}


@pytest.mark.parametrize("path", list(PAGES))
def test_links_in_running_text_are_underlined(mini_site: Site, page: Page, path: str) -> None:
    page.goto(mini_site.page(path))
    styles = page.eval_on_selector_all(
        RUNNING_TEXT_LINKS,
        """links => links.map(a => [
            a.closest('td') ? 'td' : a.closest('li') ? 'li' : 'p',
            a.textContent.trim(),
            getComputedStyle(a).textDecorationLine])""",
    )
    assert {where for where, _, _ in styles} == PAGES[path]
    plain = [(where, text) for where, text, line in styles if "underline" not in line]
    assert plain == []
