"""Hostile text in every YAML field is data: each page shows it as text, and nothing runs."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import BrowserContext

from .harness import MINI_DATA, Site, build_sites, serve

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMAGE = '<img src=x onerror="window.__pwned=2;alert(2)">'
ATTRIBUTES = '{: onclick="window.__pwned=3" }'
BLOCK = '<div onmouseover="window.__pwned=4">raw block</div>'
LINK = (
    "[click](javascript:window.__pwned=5)"  # brackets: not in paragraph text (they mark citations)
)
ALL = (SCRIPT, IMAGE, ATTRIBUTES, BLOCK, LINK)
IN_TEXT = (SCRIPT, IMAGE, ATTRIBUTES, BLOCK)
PAGES = [
    "",
    "themes/the-fleet/",
    "themes/the-militia/",
    "actors/",
    "actors/duchy/",
    "actors/militia/",
    "sources/",
    "levers/",
    "timeline/",
    "claims/",
    "figures/",
    "article/",
    "data/",
    "c/fleet-on-alert/",
]


def hostile_data(target: Path) -> None:
    """The mini dataset with markup in every text field; still valid data."""
    shutil.copytree(MINI_DATA, target)

    def edit(name: str, change: Callable[[Any], None]) -> None:
        path = target / name
        document = yaml.safe_load(path.read_text("utf-8"))
        change(document)
        path.write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")

    def article(doc: dict[str, Any]) -> None:
        doc["title"] += " " + SCRIPT
        doc["author"] += " " + IMAGE
        doc["author_bio"] += " " + " ".join(ALL)
        doc["source_note"] += " " + BLOCK
        doc["date_note"] += " " + ATTRIBUTES
        doc["paragraphs"][0]["text"] += " " + " ".join(IN_TEXT)
        doc["paragraphs"][1]["text"] = doc["paragraphs"][1]["text"].replace(
            "[roughly 40 percent]", f"[roughly 40 percent {IMAGE}]"
        )

    def themes(doc: list[dict[str, Any]]) -> None:
        for theme in doc:
            theme["title"] += " " + SCRIPT
            theme["summary"] += " " + " ".join(ALL)

    def titled(doc: list[dict[str, Any]]) -> None:
        for record in doc:
            record["title"] += " " + IMAGE
            record.get("summary") and record.update(summary=record["summary"] + " " + LINK)

    def actors(doc: list[dict[str, Any]]) -> None:
        for actor in doc:
            actor["name"] += " " + SCRIPT
            actor["role"] += " " + " ".join(ALL)
            actor["native_name"] = IMAGE
            actor["other_names"] = [LINK, BLOCK]
            for relation in actor.get("relations", []):
                relation["detail"] += " " + " ".join(ALL)

    def claims(doc: list[dict[str, Any]]) -> None:
        for claim in doc:
            claim["text"] += " " + " ".join(ALL)
            if claim.get("figure"):
                claim["figure"]["unit"] = IMAGE
                claim["figure"]["label"] += " " + SCRIPT
        if doc[0]["paragraph"] == "p01":
            doc[0]["quote"] = f"near Vučić Bay. {SCRIPT} {IMAGE}"
            doc[0]["hedge"] = BLOCK
        elif doc[0]["paragraph"] == "p02":
            doc[1]["quote"] = "of Ruritanians would"

    def sources(doc: list[dict[str, Any]]) -> None:
        doc[2]["cited_as"] = f"roughly 40 percent {IMAGE}"
        doc[2]["publisher"] = SCRIPT + " " + LINK

    edit("article.yml", article)
    edit("themes.yml", themes)
    edit("levers.yml", titled)
    edit("targets.yml", titled)
    edit("actors.yml", actors)
    edit("claims/the-fleet.yml", claims)
    edit("claims/the-militia.yml", claims)
    edit("claims/the-ports.yml", claims)
    edit("sources.yml", sources)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("hostile")
    hostile_data(folder / "data")
    (folder / "project").mkdir()
    built = build_sites({"hostile": (folder / "data", folder / "project")})
    with serve(built["hostile"]) as site:
        yield site


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_hostile_text_is_shown_and_never_runs(
    hostile_site: Site, new_context: Callable[..., BrowserContext], path: str
) -> None:
    context = new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site.url + path, wait_until="load")
    if path.startswith("c/"):  # a permalink: its dialogs would have been caught on the way
        page.wait_for_url(re.compile(r"/themes/the-fleet/#fleet-on-alert$"))
        page.wait_for_load_state("load")
    page.evaluate(  # fire what a planted handler would wait for, on every element
        """for (const element of document.querySelectorAll('article *')) {
               for (const type of ['mouseover', 'error', 'focus']) {
                   element.dispatchEvent(new Event(type));
               }
           }"""
    )
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    planted = "[onerror], [onclick], [onmouseover], a[href^='javascript:'], script:not([src])"
    inline_scripts = page.evaluate(
        f"""[...document.querySelectorAll("{planted}")]
            .filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('__pwned'))
            .map(e => e.outerHTML.slice(0, 120))"""
    )
    assert inline_scripts == []
    if path != "data/":
        text = page.inner_text("article")
        assert SCRIPT in text or IMAGE in text  # the markup is there, as text


@pytest.mark.browser
def test_hostile_text_reaches_the_exports_verbatim(hostile_site: Site) -> None:
    claims = hostile_site.claims
    assert all(SCRIPT in claim["text"] and LINK in claim["text"] for claim in claims)


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Vucic Bay", "window pwned", "fleet"])
def test_hostile_text_in_search_results_is_shown_and_never_runs(
    hostile_site: Site, new_context: Callable[..., BrowserContext], query: str
) -> None:
    page = new_context().new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile_site.url + "about/")
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    for element in page.locator(".md-search-result *").all():
        element.dispatch_event("mouseover")
    assert dialogs == []
    assert page.evaluate("window.__pwned") is None
    planted = page.locator(".md-search-result").locator("[onerror], [onclick], [onmouseover], img")
    assert planted.count() == 0
    shown = page.locator(".md-search-result").inner_text()
    assert SCRIPT in shown or IMAGE in shown or BLOCK in shown  # the markup is there, as text
