"""The search records: each claim a record with its kind and the explorer's filters, escaped
when laid out for Pagefind; the built pages the records hold are left out of the index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.utils import clean_directory

from briefing.data.load import load_briefing
from briefing.pages.labels import kind_label
from briefing.plugin import WORKSPACE, BriefingPlugin
from briefing.search import (
    OUTPUT,
    Record,
    indexed_pages,
    record_html,
    record_name,
    search_records,
    write_search_index,
)
from conftest import MINI, mini_project


def test_each_claim_is_a_record_landing_on_its_section() -> None:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    records = {record.url: record for record in search_records(briefing)}
    for claim in briefing.claims.values():
        record = records[f"/themes/{claim.theme}/#{claim.id}"]
        assert record.meta["title"] == claim.text
        assert record.meta["kind"] == kind_label(claim.kind.value)
        assert record.filters["claim"] == [claim.id]
        assert record.filters["kind"] == [claim.kind.value]
        assert record.filters["evidence"] == ["cited" if claim.sources else "uncited"]


def test_a_record_is_text_in_its_html() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    record = Record("/x/", hostile, {"title": hostile, "kind": hostile}, {"actor": [hostile]})
    html = record_html(record)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 4


def test_pages_the_records_hold_are_not_indexed(tmp_path: Path) -> None:
    for page in ("index.html", "about/index.html", "levers/index.html", "themes/x/index.html",
                 "actors/y/index.html", "article/index.html", "claims/index.html",
                 "c/z/index.html", "404.html", "pagefind/playground/index.html",
                 ".briefing-serve/staging/index.html"):  # fmt: skip
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>", "utf-8")
    indexed = [path.relative_to(tmp_path).as_posix() for path in indexed_pages(tmp_path)]
    assert indexed == ["about/index.html", "index.html", "levers/index.html"]


def _site(folder: Path) -> Path:
    (folder / "about").mkdir(parents=True)
    (folder / "about" / "index.html").write_text(
        '<html><body><article class="md-content__inner"><h1>About</h1><p>Sources.</p>'
        "</article></body></html>",
        "utf-8",
    )
    return folder


RECORDS = [
    Record(f"/themes/t/#c{n}", f"claim number {n} about the fleet", {"title": f"Claim {n}"})
    for n in range(3)
]


def test_record_names_are_their_addresses() -> None:
    assert record_name("/themes/energy/#gas-deal") == "themes_energy_gas-deal"
    assert record_name("/actors/vucic/") == "actors_vucic"
    assert record_name("/article/#p01") == "article_p01"
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    urls = [record.url for record in search_records(briefing)]
    assert len({record_name(url) for url in urls}) == len(urls)


def test_a_serving_workspace_keeps_the_index_and_rewrites_only_what_changed(
    tmp_path: Path,
) -> None:
    """While serving, the index lives in the workspace and the site links to it; a rebuild
    rewrites the staged files that changed, removes those no longer staged, and gives the same
    index as a first build."""
    site, workspace = _site(tmp_path / "site"), tmp_path / "site" / ".briefing-serve"
    write_search_index(site, RECORDS, workspace)
    staged = workspace / "staging" / "_records"
    kept = (staged / "themes_t_c0" / "index.html").stat()
    clean_directory(str(site))  # as MkDocs does before each build: the link and workspace stay
    assert (site / OUTPUT).is_symlink() and workspace.is_dir()
    _site(site)  # MkDocs writes the pages again
    changed = [RECORDS[0], Record(RECORDS[1].url, "claim one rewritten", {"title": "Claim 1"})]
    write_search_index(site, changed, workspace)
    assert (site / OUTPUT).resolve() == (workspace / OUTPUT).resolve()
    after = (staged / "themes_t_c0" / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert "rewritten" in (staged / "themes_t_c1" / "index.html").read_text("utf-8")
    assert not (staged / "themes_t_c2").exists()
    fresh = _site(tmp_path / "fresh")
    write_search_index(fresh, changed)
    assert not (fresh / OUTPUT).is_symlink()
    entry = json.loads((site / OUTPUT / "pagefind-entry.json").read_text("utf-8"))
    assert entry == json.loads((fresh / OUTPUT / "pagefind-entry.json").read_text("utf-8"))


def test_serving_permalinks_are_rewritten_in_the_workspace(tmp_path: Path) -> None:
    """While serving, the site's `c/` links to the workspace's permalinks: a rebuild leaves an
    unchanged one alone and removes one whose claim is gone."""
    plugin = BriefingPlugin()
    site = tmp_path / "site"
    site.mkdir()
    plugin.workspace = site / ".briefing-serve"
    pages = {"c/a/index.html": "<p>a</p>\n", "c/b/index.html": "<p>b</p>\n"}
    plugin._write_permalinks(pages, site)
    kept = (site / "c" / "a" / "index.html").stat()
    clean_directory(str(site))
    plugin._write_permalinks({"c/a/index.html": "<p>a</p>\n"}, site)
    assert (site / "c").is_symlink()
    after = (site / "c" / "a" / "index.html").stat()
    assert (after.st_ino, after.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert not (site / "c" / "b").exists()
    plugin.workspace = None  # a plain build: files of its own in the site
    plugin._write_permalinks(pages, tmp_path / "built")
    assert not (tmp_path / "built" / "c").is_symlink()
    assert (tmp_path / "built" / "c" / "b" / "index.html").read_text("utf-8") == "<p>b</p>\n"


@pytest.mark.parametrize("command", ["serve", "build", "gh-deploy"])
def test_only_serving_keeps_a_workspace_in_the_site(tmp_path: Path, command: str) -> None:
    mini_project(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "served"))
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)
    plugin.on_startup(command=command, dirty=False)  # type: ignore[arg-type]
    plugin.on_config(config)
    expected = tmp_path / "served" / WORKSPACE if command == "serve" else None
    assert plugin.workspace == expected
