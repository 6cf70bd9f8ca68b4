"""`briefing new` on an article it has never seen: a complete project that builds with
`mkdocs build --strict` at once, says it is a draft, and carries no word of the Balkans briefing.
Also the plugin's `data` option, and the repository's mkdocs.yml against the project template."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from briefing.cli import main
from conftest import ROOT, TESTS, mini_project

ARTICLE = TESTS / "fixtures" / "articles" / "harbour-lights.md"
BALKANS = re.compile(
    r"Moscow|Balkan|Kosovo|Serbia|Kremlin|Russia|Vu[čc]i[ćc]|Globetrotter|Ruehl|Demostat|"
    r"Gazprom|Ni[šs]\b|Dodik|Yugoslav",
    re.IGNORECASE,
)


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, check=False
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "harbour"
    assert main(["new", str(ARTICLE), str(folder)]) == 0
    built = mkdocs_build(folder)
    assert built.returncode == 0, built.stderr
    return folder


def test_new_lays_out_a_complete_project(project: Path) -> None:
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8").replace("!ENV", ""))
    assert (
        config["site_name"]
        == "Harbour Lights: How a Small Port Rebuilt Its Fishing Fleet: a briefing"
    )
    assert "Mara Quill" in config["site_description"]
    assert config["plugins"] == ["briefing"]
    for path in sorted((project / "data").glob("*.yml")):
        assert path.read_text("utf-8").startswith("# yaml-language-server: $schema=schemas/"), path
    assert (project / "data" / "schemas" / "claims.schema.json").is_file()
    about = (project / "docs" / "about.md").read_text("utf-8")
    assert "Harbour Lights" in about and "Mara Quill" in about
    assert "## How claims are classified" in about  # the pages' legends link there
    ignored = (project / ".gitignore").read_text("utf-8").split()
    assert {"site/", "docs/index.md", "docs/themes/", "docs/sources/"} <= set(ignored)
    assert "mkdocs serve" in (project / "README.md").read_text("utf-8")


def test_every_generated_page_says_it_is_a_draft(project: Path) -> None:
    pages = [p for p in (project / "site").rglob("index.html") if p.parent.name != "about"]
    assert len(pages) >= 8
    for page in pages:
        if page.parent.parent.name != "c":  # permalinks only redirect
            assert "marked as a draft" in page.read_text("utf-8"), page


def test_no_word_of_the_balkans_briefing_appears(project: Path) -> None:
    material = project / "site" / "assets" / "javascripts"  # the theme's own scripts
    pagefind = project / "site" / "pagefind"  # Pagefind's scripts and its compressed index
    for path in sorted((project / "site").rglob("*")):
        vendored = material in path.parents or pagefind in path.parents
        if path.is_file() and not vendored and path.suffix != ".png":
            found = BALKANS.search(path.read_text("utf-8", errors="replace"))
            assert found is None, f"{path.relative_to(project)}: {found and found.group()}"


def test_addresses_are_links_where_kept_and_said_lost_where_not(project: Path) -> None:
    register = (project / "site" / "sources" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/fleet?year=2021&amp;count=12"' in register
    assert "2 of these 5 links lost their address" in register
    assert register.count("<em>address not preserved</em>") == 2
    home = (project / "site" / "index.html").read_text("utf-8")
    assert "3 of the article&#39;s 5 citation markers kept their address" in home or (
        "3 of the article's 5 citation markers kept their address" in home
    )


def test_new_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "keep.txt").write_text("mine", "utf-8")
    assert main(["new", str(ARTICLE), str(tmp_path)]) == 1
    assert (
        capsys.readouterr().err
        == f"{tmp_path}: error: exists and is not empty; choose a new folder\n"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_the_plugin_reads_the_data_folder_its_option_names(tmp_path: Path) -> None:
    mini_project(tmp_path)
    (tmp_path / "data").rename(tmp_path / "content")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("  - briefing", "  - briefing:\n      data: content"),
        "utf-8",
    )
    assert mkdocs_build(tmp_path).returncode == 0
    assert "A Test Article" in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert not (tmp_path / "docs" / "index.md").exists()  # pages are built in memory


def test_the_repository_config_follows_the_project_template(tmp_path: Path) -> None:
    def settings(path: Path) -> dict[str, object]:
        text = re.sub(r"(?m)\s*#.*$", "", path.read_text("utf-8")).replace("!ENV", "")
        config = yaml.safe_load(text)
        return {k: v for k, v in config.items() if k not in ("site_name", "site_description")}

    assert main(["new", str(ARTICLE), str(tmp_path / "p")]) == 0
    assert settings(ROOT / "mkdocs.yml") == settings(tmp_path / "p" / "mkdocs.yml")


def test_every_generated_page_lies_where_gitignore_expects_it() -> None:
    from briefing.data.load import load_briefing
    from briefing.pages.render import GENERATED_ROOTS, render_site

    briefing = load_briefing(ROOT / "data").briefing
    assert briefing is not None
    for path in render_site(briefing):
        assert any(path == root or path.startswith(root) for root in GENERATED_ROOTS), path
    ignored = set((ROOT / ".gitignore").read_text("utf-8").split())
    assert {f"docs/{root}" for root in GENERATED_ROOTS} <= ignored
