"""Honest evidence in a real browser, on the real briefing: the kind legend is visible text, each
claim states its evidence as the data holds it, quote and marker anchors land and show, the
matrix's cells equal the data's split, and every badge meets text contrast."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

import pytest
import yaml

if TYPE_CHECKING:
    from collections.abc import Callable

    from playwright.sync_api import BrowserContext, Page

    from .harness import Site

pytestmark = pytest.mark.browser

REPORTED = {"fact", "allegation"}


def data_claims(site: Site) -> list[dict[str, object]]:
    claims: list[dict[str, object]] = []
    for path in sorted((site.root.parent / "data" / "claims").glob("*.yml")):
        claims += yaml.safe_load(path.read_text("utf-8"))
    return claims


def test_the_kind_legend_is_visible_text(real_site: Site, page: Page) -> None:
    for path in (real_site.page_types["theme"], "", "levers/", "article/"):
        page.goto(real_site.page(path))
        legend = page.locator(".kind-legend").first
        assert legend.is_visible(), path
        text = legend.inner_text()
        assert "REPORTED the article states it as fact; not verified here" in text, path


def test_every_claim_states_its_evidence_as_the_data_holds_it(real_site: Site, page: Page) -> None:
    sources = {s["id"]: s for s in yaml.safe_load(
        (real_site.root.parent / "data" / "sources.yml").read_text("utf-8"))}  # fmt: skip
    claims = data_claims(real_site)
    for theme in sorted({str(c["theme"]) for c in claims}):
        page.goto(real_site.page(f"themes/{theme}/"))
        shown = dict(page.eval_on_selector_all(
            "h2.claim-title",
            """hs => hs.map(h => {
                let node = h.nextElementSibling;
                while (node && !node.matches('.claim-meta')) node = node.nextElementSibling;
                const lines = [...node.querySelectorAll('p')];
                const line = lines.find(p => p.innerText.startsWith('Evidence:'));
                return [h.id, line.innerText];
            })""",
        ))  # fmt: skip
        for claim in (c for c in claims if c["theme"] == theme):
            line = shown[str(claim["id"])]
            cited = claim.get("sources") or []
            if cited:
                assert line.startswith("Evidence: cites “"), claim["id"]
                for source_id in cited:  # type: ignore[union-attr]
                    assert f"“{sources[source_id]['cited_as']}” (register)" in line, claim["id"]
            else:
                assert line.startswith(
                    ("Evidence: no citation of its own; its sentence cites “",
                     "Evidence: no citation in the article.")
                ), claim["id"]  # fmt: skip


def test_the_evidence_links_land_on_the_marker_in_the_article(real_site: Site, page: Page) -> None:
    page.goto(real_site.page(real_site.page_types["theme"]))
    link = page.locator(".claim-meta a[href*='article/#m-']").first
    target = (link.get_attribute("href") or "").split("#")[1]
    link.click()
    page.wait_for_url(re.compile(f"#{target}$"))
    marker = page.locator(f"a.marker#{target}")
    assert marker.is_visible()
    assert marker.evaluate("el => el.matches(':target')")
    background = marker.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")


def test_a_quote_link_lands_and_lights_the_whole_quote(real_site: Site, page: Page) -> None:
    # A quote crossing citation markers is marked in pieces; every piece is lit.
    claim = "serbian-officials-say-military-could-deploy-to-north-kosovo"
    page.goto(real_site.page(f"themes/{real_site.claim(claim)['theme']}/#{claim}"))
    page.locator(f"#{claim} ~ blockquote a[href*='#q-{claim}']").first.click()
    page.wait_for_url(re.compile(f"#q-{claim}$"))
    pieces = page.locator(f"mark.quote[data-claims~='{claim}']")
    assert pieces.count() >= 1
    lit = page.locator("mark.quote.quote--target")
    assert lit.count() == pieces.count()
    assert page.locator(f"#q-{claim}").is_visible()
    other = page.locator("mark.quote:not(.quote--target)").first
    style = "el => getComputedStyle(el).backgroundColor"
    assert lit.first.evaluate(style) != other.evaluate(style)


def test_a_quote_says_which_claim_it_carries_on_focus(real_site: Site, page: Page) -> None:
    page.goto(real_site.page("article/"))
    mark = page.locator("mark.quote[tabindex]").first
    claim_id = (mark.get_attribute("data-claims") or "").split()[0]
    mark.focus()
    tip = mark.evaluate("el => getComputedStyle(el, '::after').content")
    text = page.locator(f"#pc-{claim_id} a").inner_text().rstrip("…")
    assert tip.startswith('"Claim') and text[:40] in tip
    described = (mark.get_attribute("aria-describedby") or "").split()
    assert f"pc-{claim_id}" in described
    page.locator("body").click(position={"x": 5, "y": 5})  # blur: the tip goes away
    assert mark.evaluate("el => getComputedStyle(el, '::after').content") == "none"


def test_the_matrix_cells_equal_the_datas_split(real_site: Site, page: Page) -> None:
    expected: dict[str, Counter[tuple[str, str]]] = {"reported": Counter(), "judged": Counter()}
    for claim in data_claims(real_site):
        split = "reported" if claim["kind"] in REPORTED else "judged"
        for lever in claim.get("levers") or []:  # type: ignore[union-attr]
            for target in claim.get("targets") or ["none"]:  # type: ignore[union-attr]
                expected[split][(lever, target)] += 1
    page.goto(real_site.page("levers/"))
    for split in expected:
        cells = page.eval_on_selector_all(
            f"h2#{split} + .leverage-matrix a[href*='--']",
            "links => links.map(a => [a.getAttribute('href').slice(1), a.innerText])",
        )
        shown = Counter({tuple(href.split("--")): int(n) for href, n in cells})
        assert shown == expected[split], split


def _contrast(foreground: list[float], background: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        channels = [c / 255 for c in rgb[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_badge_meets_text_contrast(
    real_site: Site, new_context: Callable[..., BrowserContext], scheme: str
) -> None:
    page = new_context(color_scheme=scheme).new_page()
    key = next(c for c in real_site.claims if c["key_judgment"])
    colours = []
    for path in ("", f"themes/{key['theme']}/"):
        page.goto(real_site.page(path))
        colours += page.eval_on_selector_all(
            ".claim-kind, .claim-key",
            """els => els.map(el => [el.className, getComputedStyle(el).color,
                                     getComputedStyle(el).backgroundColor])""",
        )
    assert {c.split()[-1] for c, _, _ in colours} >= {"claim-key", "claim-kind--fact"}
    for name, fg, bg in colours:
        numbers = [[float(x) for x in re.findall(r"[\d.]+", value)] for value in (fg, bg)]
        assert _contrast(*numbers) >= 4.5, f"{name}: {fg} on {bg}"
