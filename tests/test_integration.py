"""The real site, built strictly: every exported URL resolves to a page and a unique anchor."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, mini_project


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids[value] += 1


def page_ids(site: Path, url: str) -> Counter[str]:
    path = url.split("#")[0]
    parser = _Ids()
    parser.feed((site / path / "index.html").read_text("utf-8"))
    return parser.ids


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real data built with `mkdocs build --strict` in a copy of the project."""
    project = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "data", "docs"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, project / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, project / name)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return project / "site"


def load_export(site: Path, name: str) -> list[dict[str, object]]:
    records = json.loads((site / "data" / name).read_text("utf-8"))
    assert isinstance(records, list)
    return records


def test_every_claim_url_lands_on_a_unique_anchor(site: Path) -> None:
    claims = load_export(site, "claims.json")
    assert len(claims) > 100
    for claim in claims:
        url = str(claim["url"])
        assert url == f"themes/{claim['theme']}/#{claim['id']}"
        assert page_ids(site, url)[claim["id"]] == 1, url


def test_every_claim_has_a_permalink_page(site: Path) -> None:
    for claim in load_export(site, "claims.json"):
        page = (site / "c" / str(claim["id"]) / "index.html").read_text("utf-8")
        assert f'url=../../{claim["url"]}"' in page


def test_every_permalink_link_on_a_theme_page_resolves(site: Path) -> None:
    """The theme pages link to /c/<id>/ in raw HTML, which MkDocs does not check."""
    for page in sorted((site / "themes").glob("*/index.html")):
        links = re.findall(r'href="(\.\./\.\./c/[^"]+)"', page.read_text("utf-8"))
        assert links, page
        for link in links:
            assert (page.parent / link / "index.html").resolve().is_file(), (page, link)


def test_every_actor_url_is_a_page(site: Path) -> None:
    for actor in load_export(site, "actors.json"):
        assert actor["url"] == f"actors/{actor['id']}/"
        assert (site / str(actor["url"]) / "index.html").is_file()


def test_every_source_page_url_lands_on_a_unique_anchor(site: Path) -> None:
    sources = load_export(site, "sources.json")
    assert len(sources) == 75
    ids = page_ids(site, "sources/")
    for source in sources:
        assert source["page_url"] == f"sources/#{source['id']}"
        assert ids[str(source["id"])] == 1
        assert source["url"] == ""  # the supplied text lost every address


def test_every_paragraph_is_anchored_on_the_article_page(site: Path) -> None:
    ids = page_ids(site, "article/")
    paragraphs = {str(claim["paragraph"]) for claim in load_export(site, "claims.json")}
    assert paragraphs == {f"p{n:02d}" for n in range(1, 25)}
    for paragraph in paragraphs:
        assert ids[paragraph] == 1


def test_the_site_requests_nothing_from_other_hosts(site: Path) -> None:
    for page in site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html
        for marker in ('src="http', "src='http", 'href="//', 'src="//'):
            assert marker not in html, f"{page.relative_to(site)} loads {marker}"


def test_published_site_has_absolute_canonicals_and_a_sitemap_without_redirects(
    tmp_path: Path,
) -> None:
    """With SITE_URL set (as the GitHub Pages workflow does), a permalink's canonical link is the
    claim's own section, and the sitemap lists pages, not the redirects to them."""
    mini_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/brief/"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    permalink = (tmp_path / "site" / "c" / "fleet-alert" / "index.html").read_text("utf-8")
    canonical = "https://example.org/brief/themes/the-fleet/#fleet-on-alert"
    assert f'<link rel="canonical" href="{canonical}">' in permalink
    assert permalink.count('rel="canonical"') == 1
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://example.org/brief/themes/the-fleet/</loc>" in sitemap
    assert "/c/" not in sitemap


def test_an_alias_anchors_its_claim_section_and_mkdocs_knows_it(tmp_path: Path) -> None:
    """An old `themes/<theme>/#<old-id>` link still lands: the alias is an anchor right before
    the claim's heading, which MkDocs' anchor validation accepts (strict, without --quiet:
    MkDocs 1.6 drops the warnings strict mode counts when --quiet is given)."""
    mini_project(tmp_path)
    links = tmp_path / "docs" / "links.md"
    links.write_text("[The fleet, by its old name](themes/the-fleet.md#fleet-alert)\n", "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    result = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    ids = page_ids(site, "themes/the-fleet/")
    assert ids["fleet-alert"] == 1 and ids["fleet-on-alert"] == 1
    assert max(ids.values()) == 1  # every id on the page is unique
    html = (site / "themes" / "the-fleet" / "index.html").read_text("utf-8")
    between = html[html.index('id="fleet-alert"') : html.index('id="fleet-on-alert"')]
    assert between.count("<") == 2 and "<h2" in between, between  # </div>, then the heading
