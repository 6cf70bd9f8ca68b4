"""Built site -> search index: Pagefind records for what the data holds (each claim with its kind
and the explorer's filters; actors, themes, levers, article paragraphs) and the built pages the data
does not cover (about, the matrix, the timeline, ...). Runs after MkDocs has written the site.

Pagefind folds diacritics (Vucic finds Vučić), loads only the index chunks a query needs, and its
filters drive the claim explorer. A claim is a record of its own, so a search shows the claim
(text and kind) and lands on its section, not on a page that holds many claims.
"""

from __future__ import annotations

import html
import os
import re
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
from briefing.site import link_into_site, write_into_site, write_pages

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
    actors index and the network are lists of actors, which are records, so they go too. Hidden
    folders are not the site's (MkDocs never writes one): the serving workspace is one."""
    skipped = {*(folder.rstrip("/") for folder in COVERED_PAGES), OUTPUT}
    pages = []
    for folder, subfolders, files in os.walk(site_dir):
        top = Path(folder) == site_dir
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".") and not (top and name in skipped)
        ]
        pages += [Path(folder, name) for name in files if name.endswith(".html")]
    return sorted(page for page in pages if page != site_dir / "404.html")


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


def write_search_index(
    site_dir: Path, records: list[Record], workspace: Path | None = None
) -> None:
    """Index `records` and the built pages into `site_dir/pagefind/`. Raises RuntimeError.

    Both go through one folder (the pages copied, each record as `record_html`) that Pagefind's
    command indexes in one run. Not its Python API: that answers one call per 0.1 s (0.1 s a
    record) and, on a busy machine, has left a bundle file cut short when it stopped.

    With a `workspace`, a folder kept from one build to the next while serving, that folder and
    the index stay in it and a build rewrites only the files that changed; the site's `pagefind/`
    links to the index (`link_into_site`). Creating thousands of files just after the site was
    emptied is what made a rebuild slower than a first build."""
    if workspace is None:
        with tempfile.TemporaryDirectory(prefix="briefing-search-") as folder:
            write_into_site(staged_files(site_dir, records), Path(folder))
            shutil.rmtree(site_dir / OUTPUT, ignore_errors=True)  # no chunk left from before
            _run_pagefind(Path(folder), site_dir / OUTPUT)
        return
    write_pages(staged_files(site_dir, records), workspace / "staging")
    # Index files are named by their content: those of an earlier build that no longer count
    # stay in the workspace, unreferenced, until the server stops.
    _run_pagefind(workspace / "staging", workspace / OUTPUT)
    link_into_site(site_dir / OUTPUT, workspace / OUTPUT)


def staged_files(site_dir: Path, records: list[Record]) -> dict[str, str]:
    """What Pagefind indexes, by path: the built pages to index as pages, and each record as a
    document named after its address, so that a record keeps its file from build to build."""
    staged = {
        page.relative_to(site_dir).as_posix(): page.read_text("utf-8")
        for page in indexed_pages(site_dir)
    }
    for record in records:
        staged[f"{RECORDS}/{record_name(record.url)}/index.html"] = record_html(record)
    return staged


def record_name(url: str) -> str:
    """A record's folder: its address with each run of '/' and '#' as '_' ('/themes/energy/#gas'
    -> 'themes_energy_gas'). Ids never hold '_', so two addresses never share a name."""
    return re.sub(r"[/#]+", "_", url.strip("/#"))


def _run_pagefind(staging: Path, output: Path) -> None:
    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind's program is missing: pip install 'pagefind[bin]'")
    command = [str(binary), "--site", str(staging), "--output-path", str(output)]
    command += ["--root-selector", ROOT_SELECTOR, "--force-language", "en", "--silent"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"Pagefind failed to index the site:\n{done.stdout}{done.stderr}")
