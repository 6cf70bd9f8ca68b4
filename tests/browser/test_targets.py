"""A deep link shows where it lands: the target (a claim's whole section, a paragraph, a row of
the sources register, a section of the leverage matrix) is marked, in both colour schemes, also
when only the address's #fragment changes; the mark keeps every text readable (axe)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from .axe import serious_violations

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import Page

    from .harness import Site

pytestmark = pytest.mark.browser

_LOOK = """selector => {
  const element = document.querySelector(selector);
  if (!element) return null;
  const style = getComputedStyle(element);
  return style.backgroundColor + " | " + style.boxShadow;
}"""


def _look(page: Page, selector: str) -> str:
    look = page.evaluate(_LOOK, selector)
    assert look is not None, f"nothing matches {selector} on {page.url}"
    return str(look)


def assert_marked(page: Page, marked: str, plain: str) -> None:
    """`marked` (in the target) looks different from `plain`, its like outside the target."""
    assert _look(page, marked) != _look(page, plain), f"{marked} is not marked on {page.url}"


def _three_claims(site: Site) -> tuple[str, str, str]:
    """The deep claim, the first claim of its page (before it) and the next one (after it)."""
    claim = site.deep_claim
    ids = [c["id"] for c in site.claims if c["theme"] == claim["theme"]]
    return claim["id"], ids[0], ids[ids.index(claim["id"]) + 1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_claim_link_marks_the_claims_whole_section(
    real_site: Site, new_context: Callable[..., Any], scheme: str
) -> None:
    claim, before, after = _three_claims(real_site)
    page = new_context(color_scheme=scheme).new_page()
    page.goto(real_site.page(real_site.deep_claim["url"]))
    assert_marked(page, f"h2#{claim}", f"h2#{before}")
    # The section's last part, its links, is marked too; the next claim's section is not.
    meta = "h2#{} ~ .claim-meta"
    assert_marked(page, meta.format(claim), meta.format(before))
    assert _look(page, f"h2#{after}") == _look(page, f"h2#{before}")
    assert _look(page, meta.format(after)) == _look(page, meta.format(before))


def test_a_paragraph_link_marks_the_paragraph_also_after_a_hash_change(
    page: Page, real_site: Site
) -> None:
    page.goto(real_site.page("article/#p10"))
    assert_marked(page, "p#p10", "p#p11")
    page.evaluate("() => { location.hash = 'p11'; }")  # no reload: only the fragment changes
    page.wait_for_function("() => location.hash === '#p11'")
    assert_marked(page, "p#p11", "p#p10")


def test_a_source_link_marks_its_row_in_the_register(page: Page, real_site: Site) -> None:
    register = json.loads((real_site.root / "data" / "sources.json").read_text("utf-8"))
    sources = [source for source in register if source["claims"]]
    target, other = sources[3]["id"], sources[4]["id"]
    page.goto(real_site.page(f"sources/#{target}"))
    row = "tr:has(#{}) > td:last-child"
    assert_marked(page, row.format(target), row.format(other))


def test_a_matrix_cell_link_marks_its_section(page: Page, real_site: Site) -> None:
    page.goto(real_site.page("levers/"))
    cells = page.eval_on_selector_all(
        ".leverage-matrix td a[href*='--']", "links => links.map(a => a.hash.slice(1))"
    )
    target, other = list(dict.fromkeys(cells))[:2]
    page.goto(real_site.page(f"levers/#{target}"))
    assert_marked(page, f"h3#{target}", f"h3#{other}")
    assert_marked(page, f"h3#{target} ~ ul", f"h3#{other} ~ ul")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_marked_target_keeps_its_text_readable(
    real_site: Site, new_context: Callable[..., Any], scheme: str
) -> None:
    """Only the marked part is checked: the rest of the page is the page tests' business."""
    rules = ["color-contrast", "link-in-text-block"]
    page = new_context(color_scheme=scheme).new_page()
    claim = real_site.deep_claim
    page.goto(real_site.page(claim["url"]))
    assert not serious_violations(page, rules=rules, within=f"h2#{claim['id']}")
    section = f"h2#{claim['id']} ~ .claim-meta"
    assert not serious_violations(page, rules=rules, within=section)
    page.goto(real_site.page("article/#p10"))
    assert not serious_violations(page, rules=rules, within="p#p10")


def test_words_and_markers_in_a_paragraph_are_marked_when_linked(
    page: Page, real_site: Site
) -> None:
    """Quotes (#q-<claim>) and citation markers (#m-<source>) are spans and links inside a
    paragraph: the generic rule marks them too."""
    page.goto(real_site.page("article/"))
    page.evaluate(
        """() => { const p = document.getElementById("p10");
                   const added = [["span", "q-test"], ["a", "m-test"], ["span", "plain"]];
                   for (const [tag, id] of added) {
                     const el = document.createElement(tag); el.id = id; el.textContent = id;
                     p.append(" ", el); } }"""
    )
    for target in ("q-test", "m-test"):
        page.evaluate("id => { location.hash = id; }", target)
        page.wait_for_function("id => location.hash === '#' + id", arg=target)
        assert_marked(page, f"#{target}", "#plain")


def test_a_former_id_marks_the_renamed_claims_section(mini_site: Site, page: Page) -> None:
    section = ["h2#fleet-on-alert", "h2#fleet-on-alert ~ .claim-meta"]
    page.goto(mini_site.page("themes/the-fleet/"))
    plain = [_look(page, selector) for selector in section]
    page.goto(mini_site.page("themes/the-fleet/#fleet-alert"))  # the alias of fleet-on-alert
    page.wait_for_function("() => location.hash === '#fleet-alert'")
    marked = [_look(page, selector) for selector in section]
    assert all(a != b for a, b in zip(plain, marked, strict=True)), (plain, marked)
