"""The importer: a Markdown article becomes a data skeleton that validates; the supplied article
reproduces the project's paragraphs and every citation marker."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from briefing.importer import import_article, join_cut_blocks, split_blocks
from briefing.load import load_briefing
from briefing.problems import Severity
from conftest import ROOT, TESTS

SOURCE = TESTS / "fixtures" / "source" / "moscows-leverage-in-the-balkans.md"


def project_article() -> dict[str, object]:
    article = yaml.safe_load((ROOT / "data" / "article.yml").read_text("utf-8"))
    assert isinstance(article, dict)
    return article


def test_the_supplied_article_has_76_link_markers() -> None:
    assert len(re.findall(r"\]\(#\)", SOURCE.read_text("utf-8"))) == 76


def test_import_reproduces_the_projects_paragraphs() -> None:
    imported = import_article(SOURCE.read_text("utf-8"))
    paragraphs = project_article()["paragraphs"]
    assert isinstance(paragraphs, list)
    assert [(pid, text) for pid, text, _ in imported.paragraphs] == [
        (p["id"], p["text"]) for p in paragraphs
    ]
    assert imported.title == project_article()["title"]
    assert imported.author == "John P. Ruehl"
    assert imported.publisher == "Globetrotter"
    assert imported.author_bio.startswith("John P. Ruehl is an Australian-American journalist")


def test_import_finds_every_marker_and_joins_the_one_cut_in_two() -> None:
    imported = import_article(SOURCE.read_text("utf-8"))
    assert len(imported.sources) == 75  # 76 markers, one of them cut in two by a page break
    joined = [s for s in imported.sources if s.cited_as.startswith("accepted power-sharing")]
    assert [s.cited_as for s in joined] == [
        "accepted power-sharing stipulations as part of the Dayton Peace Agreement in 1995"
    ]
    assert all(source.url == "" for source in imported.sources)
    project = yaml.safe_load((ROOT / "data" / "sources.yml").read_text("utf-8"))
    assert [(s.paragraph, s.cited_as) for s in imported.sources] == [
        (s["paragraph"], s["cited_as"]) for s in project
    ]


def test_page_break_cuts_are_joined() -> None:
    blocks = split_blocks("One sentence through growing\n\neconomic ties.\n\nNext one.\n")
    assert join_cut_blocks(blocks) == ["One sentence through growing economic ties.", "Next one."]


def test_links_keep_their_addresses(tmp_path: Path) -> None:
    article = "# T\n\n*A B*\n\nSee [the report](https://example.org/r) and [this](#).\n"
    imported = import_article(article)
    assert [(s.cited_as, s.url) for s in imported.sources] == [
        ("the report", "https://example.org/r"),
        ("this", ""),
    ]


def test_command_writes_a_skeleton_that_validates_with_coverage_warnings(tmp_path: Path) -> None:
    out = tmp_path / "data"
    command = [sys.executable, str(ROOT / "scripts" / "import_article.py"), str(SOURCE)]
    result = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote 6 files to {out}\n"
    loaded = load_briefing(out)
    assert loaded.briefing is not None
    assert len(loaded.briefing.sources) == 75
    assert {problem.severity for problem in loaded.problems} == {Severity.WARNING}
    again = subprocess.run([*command, "--out", str(out)], capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.startswith(f"{out}/article.yml: error: exists already")
