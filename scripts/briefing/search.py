"""Built site -> search index: Pagefind records for what the data holds (each claim with its kind
and the explorer's filters; actors, themes, levers, article paragraphs) and the built pages the data
does not cover (about, the matrix, the timeline, ...). Runs after MkDocs has written the site.

Pagefind folds diacritics (Vucic finds Vučić), loads only the index chunks a query needs, and its
filters drive the claim explorer. A claim is a record of its own, so a search shows the claim
(text and kind) and lands on its section, not on a page that holds many claims.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.service import get_executable

from briefing.data.records import Briefing
from briefing.pages import labels
from briefing.pages.context import claim_order
from briefing.pages.explorer import claim_actors, claim_facets, evidence_label

OUTPUT = "pagefind"
"""The index's folder under the site; the pages load `pagefind/pagefind.js` from there."""
ROOT_SELECTOR = "article.md-content__inner"
"""A built page's content: Material's article, without navigation, header and footer."""
COVERED_PAGES = ("themes/", "actors/", "article/", "claims/", "c/")
"""Folders of pages whose text the records hold (claims, actors, paragraphs) or that only redirect
(`c/`): indexing them too would answer a query with a whole page of claims. The actors index and the
network are lists of records too."""
RECORDS = "_records"
"""Where the records are laid out for indexing; a result's `url` meta is its real address."""


@dataclass(frozen=True)
class Record:
    """One search result that is not a built page: where it lands and what it says."""

    url: str
    """Site-relative, from the root ('/themes/energy/#gas-deal')."""
    content: str
    meta: dict[str, str]
    """`title` and, for a claim, `type`, `kind`, `theme`, `date`: what the result shows."""
    filters: dict[str, list[str]] = field(default_factory=dict)


def search_records(briefing: Briefing) -> list[Record]:
    """Every record, in a fixed order: claims, actors, themes, levers, paragraphs. Pure."""
    return [
        *_claim_records(briefing),
        *_actor_records(briefing),
        *(
            Record(f"/themes/{t.id}/", t.summary, {"title": t.title, "type": "theme"})
            for t in briefing.themes.values()
        ),
        *(
            Record(f"/levers/#{lever.id}", lever.summary, {"title": lever.title, "type": "lever"})
            for lever in briefing.levers.values()
        ),
        *(
            Record(
                f"/article/#{p.id}",
                p.text,
                {"title": f"The article, ¶{labels.paragraph_number(p.id)}", "type": "paragraph"},
            )
            for p in briefing.article.paragraphs
        ),
    ]


def _claim_records(briefing: Briefing) -> Iterator[Record]:
    for claim in claim_order(briefing):
        meta = {
            "title": claim.text,
            "type": "claim",
            "kind": labels.kind_label(claim.kind.value),
            "theme": briefing.themes[claim.theme].title,
            "evidence": evidence_label(claim),
            "quote": claim.quote,
        }
        if claim.when:
            meta["date"] = labels.date_label(claim.when)
        words = [claim.quote, claim.hedge or ""]
        words += [briefing.actors[a].name for a in claim_actors(claim)]
        filters = {"type": ["claim"], "claim": [claim.id], **claim_facets(claim)}
        yield Record(
            f"/themes/{claim.theme}/#{claim.id}", " ".join(w for w in words if w), meta, filters
        )


def _actor_records(briefing: Briefing) -> Iterator[Record]:
    for actor in briefing.actors.values():
        names = [actor.native_name or "", *actor.other_names]  # the name is the title
        details = [relation.detail for relation in actor.relations]
        yield Record(
            f"/actors/{actor.id}/",
            " ".join(w for w in (*names, actor.role, *details) if w),
            {"title": actor.name, "type": "actor"},
        )


def indexed_pages(site_dir: Path) -> list[Path]:
    """The built pages to index as pages: all but those the records cover (COVERED_PAGES); the
    actors index and the network are lists of actors, which are records, so they go too."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative == "404.html" or relative.startswith((*COVERED_PAGES, OUTPUT + "/")):
            continue
        pages.append(path)
    return pages


def record_html(record: Record) -> str:
    """A record as a small HTML document that Pagefind indexes like a page: its title and text
    are the content; its real address, kind and the like are meta; the filters are filters."""
    tags = [
        f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>'
        for key, value in {**record.meta, "url": record.url}.items()
        if key != "title"
    ]
    tags += [
        f'<span data-pagefind-filter="{key}">{html.escape(value)}</span>'
        for key, values in record.filters.items()
        for value in values
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>'
        f'<article class="md-content__inner"><h1>{html.escape(record.meta["title"])}</h1>'
        f"<p>{html.escape(record.content)}</p>"
        f"<div data-pagefind-ignore>{''.join(tags)}</div></article></body></html>\n"
    )


def write_search_index(site_dir: Path, records: list[Record]) -> None:
    """Index `records` and the built pages into `site_dir/pagefind/`. Raises RuntimeError.

    Both go through one folder (the pages copied, each record as `record_html`) that Pagefind's
    command indexes in one run. Not its Python API: that answers one call per 0.1 s (0.1 s a
    record) and, on a busy machine, has left a bundle file cut short when it stopped."""
    with tempfile.TemporaryDirectory(prefix="briefing-search-") as folder:
        staging = Path(folder)
        for page in indexed_pages(site_dir):
            target = staging / page.relative_to(site_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, target)
        for number, record in enumerate(records):
            target = staging / RECORDS / str(number) / "index.html"
            target.parent.mkdir(parents=True)
            target.write_text(record_html(record), "utf-8")
        shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # no chunk left from an earlier run
        _run_pagefind(staging, site_dir / OUTPUT)


def _run_pagefind(staging: Path, output: Path) -> None:
    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind's program is missing: pip install 'pagefind[bin]'")
    command = [str(binary), "--site", str(staging), "--output-path", str(output)]
    command += ["--root-selector", ROOT_SELECTOR, "--force-language", "en", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"Pagefind failed to index the site:\n{done.stdout}{done.stderr}")
