"""The claim explorer (/claims/), checked against the data: each filter keeps exactly the claims
that have its value (computed here from claims.json, the YAML's export), filters combine with AND,
the counts say what a choice would show, the address keeps the filters, and without JavaScript
the page is the full list. Keyboard, screen-reader and axe checks on a phone-size page."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from .harness import PHONE

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from .harness import Site

pytestmark = pytest.mark.browser

SLOW = 30_000  # Pagefind may wait 5 s for its web worker on a busy machine
Claim = dict[str, Any]


def _year(claim: Claim) -> str:
    return (claim["when"] or "")[:4]


MATCHES: dict[str, Callable[[Claim, str], bool]] = {
    "kind": lambda claim, value: claim["kind"] == value,
    "theme": lambda claim, value: claim["theme"] == value,
    "lever": lambda claim, value: value in claim["levers"],
    "target": lambda claim, value: value in claim["targets"],
    # An actor's claims are those about it or attributed to it, as on the actor's page.
    "actor": lambda claim, value: value in claim["actors"] or claim["attributed_to"] == value,
    "evidence": lambda claim, value: bool(claim["sources"]) == (value == "cited"),
    "key": lambda claim, value: claim["key_judgment"] == (value == "yes"),
    "from": lambda claim, value: bool(claim["when"]) and _year(claim) >= value,
    "to": lambda claim, value: bool(claim["when"]) and _year(claim) <= value,
}


def expected(site: Site, chosen: dict[str, str]) -> list[str]:
    """The ids of the claims that match every chosen filter, in the page's order."""
    return [
        claim["id"]
        for claim in site.claims
        if all(MATCHES[name](claim, value) for name, value in chosen.items())
    ]


def _most_common(values: list[str]) -> str:
    return Counter(values).most_common(1)[0][0]


def sample_choices(site: Site) -> dict[str, str]:
    """One value per filter, taken from the data so that each narrows the list."""
    claims = site.claims
    years = sorted(_year(claim) for claim in claims if claim["when"])
    return {
        "kind": _most_common([c["kind"] for c in claims if c["kind"] != "fact"]),
        "theme": claims[len(claims) // 2]["theme"],
        "lever": _most_common([lever for c in claims for lever in c["levers"]]),
        "target": _most_common([target for c in claims for target in c["targets"]]),
        "actor": _most_common([actor for c in claims for actor in c["actors"]]),
        "evidence": "uncited",
        "key": "yes",
        "from": years[len(years) // 2],
        "to": years[len(years) // 2],
    }


def status_text(site: Site, ids: list[str]) -> str:
    total = len(site.claims)
    if len(ids) == total:
        return f"Showing all {total} claims."
    return f"Showing {len(ids)} of {total} claims."


def shown_ids(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".claim-list li", "items => items.filter(li => !li.hidden).map(li => li.dataset.claim)"
    )


def settle(site: Site, page: Page, ids: list[str]) -> None:
    """Wait until the explorer shows `ids`' count, then check it shows exactly those claims."""
    status = page.locator(".claim-explorer__status")
    expect(status).to_have_text(status_text(site, ids), timeout=SLOW)
    assert shown_ids(page) == ids


FILTERS = ["kind", "theme", "lever", "target", "actor", "evidence", "key", "from", "to"]


@pytest.mark.parametrize("name", FILTERS)
def test_each_filter_keeps_exactly_its_claims(real_site: Site, page: Page, name: str) -> None:
    value = sample_choices(real_site)[name]
    ids = expected(real_site, {name: value})
    assert 0 < len(ids) < len(real_site.claims), f"{name}={value} does not narrow the list"
    page.goto(real_site.page("claims/"))
    page.locator(f'select[name="{name}"]').select_option(value)
    settle(real_site, page, ids)


def test_filters_combine_with_and(real_site: Site, page: Page) -> None:
    sample = sample_choices(real_site)
    chosen = {"kind": "fact", "actor": sample["actor"], "from": sample["from"]}
    ids = expected(real_site, chosen)
    assert ids, f"no claim has all of {chosen}"
    assert all(len(ids) < len(expected(real_site, {k: v})) for k, v in chosen.items())
    page.goto(real_site.page("claims/"))
    for name, value in chosen.items():
        page.locator(f'select[name="{name}"]').select_option(value)
    settle(real_site, page, ids)


def _option_texts(page: Page, name: str) -> list[str]:
    return page.eval_on_selector_all(
        f'select[name="{name}"] option', "options => options.map(o => o.dataset.label)"
    )


def test_counts_say_what_each_choice_would_show(real_site: Site, page: Page) -> None:
    actor = sample_choices(real_site)["actor"]
    page.goto(real_site.page("claims/"))
    page.locator('select[name="actor"]').select_option(actor)
    settle(real_site, page, expected(real_site, {"actor": actor}))
    options = page.locator('select[name="kind"] option')
    values = [option.get_attribute("value") or "" for option in options.all()]
    labels = _option_texts(page, "kind")
    counts = [
        len(expected(real_site, {"actor": actor, **({"kind": value} if value else {})}))
        for value in values
    ]
    expect(options).to_have_text(
        [f"{label} ({count})" for label, count in zip(labels, counts, strict=True)], timeout=SLOW
    )
    # Within its own filter, a count is what choosing that value instead would show.
    actor_option = page.locator(f'select[name="actor"] option[value="{actor}"]')
    expect(actor_option).to_contain_text(f"({len(expected(real_site, {'actor': actor}))})")
    expect(page.locator('select[name="actor"] option').first).to_have_text(
        f"Any ({len(real_site.claims)})"
    )


def test_the_address_keeps_the_filters(real_site: Site, page: Page) -> None:
    sample = sample_choices(real_site)
    chosen = {"kind": "fact", "theme": sample["theme"], "to": sample["to"]}
    ids = expected(real_site, chosen)
    page.goto(real_site.page("claims/"))
    for name, value in chosen.items():
        page.locator(f'select[name="{name}"]').select_option(value)
    settle(real_site, page, ids)
    for name, value in chosen.items():
        expect(page).to_have_url(re.compile(rf"[?&]{name}={re.escape(value)}(&|$)"))
    linked = page.context.new_page()
    linked.goto(page.url)
    settle(real_site, linked, ids)
    for name, value in chosen.items():
        expect(linked.locator(f'select[name="{name}"]')).to_have_value(value)


def test_without_javascript_the_page_is_the_full_list(
    real_site: Site, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    page.goto(real_site.page("claims/?kind=allegation"))
    items = page.locator(".claim-list li")
    expect(items).to_have_count(len(real_site.claims))
    assert all(item.is_visible() for item in items.all())
    expect(page.locator("form.claim-explorer")).to_be_hidden()
    first = real_site.claims[0]
    expect(items.first.get_by_role("link")).to_have_text(first["text"])
    expect(items.first.get_by_role("link")).to_have_attribute(
        "href", re.compile(re.escape(first["url"]) + "$")
    )


def test_the_explorer_works_from_the_keyboard(real_site: Site, page: Page) -> None:
    page.goto(real_site.page("claims/"))
    kind = page.get_by_label("Kind", exact=True)
    expect(kind).to_be_visible()
    status = page.locator("article").get_by_role("status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(status_text(real_site, expected(real_site, {})))
    kind.focus()
    page.keyboard.press("ArrowDown")  # the first kind after "Any"
    first_kind = kind.locator("option").nth(1).get_attribute("value") or ""
    settle(real_site, page, expected(real_site, {"kind": first_kind}))
    page.keyboard.press("Tab")
    expect(page.get_by_label("Theme", exact=True)).to_be_focused()
    for label in ("Theme", "Lever", "Target", "Actor", "Evidence", "Key judgment", "Dated from"):
        expect(page.get_by_label(label, exact=True)).to_be_visible()
    page.get_by_role("button", name="Clear all filters").press("Enter")
    settle(real_site, page, expected(real_site, {}))


def _axe_script() -> Path:
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH)


WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def test_axe_finds_no_serious_violation_on_a_phone(
    real_site: Site, new_context: Callable[..., BrowserContext]
) -> None:
    page = new_context(viewport=PHONE).new_page()
    chosen = {"kind": "fact"}
    page.goto(real_site.page("claims/?kind=fact"))
    settle(real_site, page, expected(real_site, chosen))
    page.add_script_tag(path=_axe_script())
    violations = page.evaluate(
        """async tags => {
          const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
          return results.violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}));
        }""",
        WCAG_22_AA,
    )
    assert not violations, "\n".join(map(str, violations))
