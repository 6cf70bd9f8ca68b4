"""The build command: exit codes, messages on stderr, and nothing written when the data is bad."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

import pytest

from briefing.cli import main
from conftest import MINI, ROOT, TESTS, mini_project, overlay_case


def run_build(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    shutil.copytree(MINI / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text("hand-written\n", "utf-8")
    return tmp_path


def test_build_writes_pages_and_reports_counts(workdir: Path) -> None:
    result = run_build(cwd=workdir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("6 claims, 5 actors, 6 sources, 3 themes; ")
    written = result.stdout.split("; ")[1].split()[0]
    assert (workdir / "docs" / "themes" / "the-fleet.md").is_file()
    assert (workdir / "docs" / "data" / "claims.json").is_file()
    assert not (workdir / "docs" / "c").exists()  # permalinks are written into the site only
    assert run_build(cwd=workdir).stdout.endswith(
        f"0 file(s) written, {written} unchanged, 0 stale removed\n"
    )


def test_check_validates_without_writing(workdir: Path) -> None:
    result = run_build("--check", cwd=workdir)
    assert result.returncode == 0
    assert result.stdout == "6 claims, 5 actors, 6 sources, 3 themes\n"
    assert sorted(p.name for p in (workdir / "docs").iterdir()) == ["about.md"]


def test_bad_data_exits_1_with_every_error_and_writes_nothing(workdir: Path) -> None:
    assert run_build(cwd=workdir).returncode == 0
    before = {p: p.read_bytes() for p in (workdir / "docs").rglob("*") if p.is_file()}
    fleet = workdir / "data" / "claims" / "the-fleet.yml"
    fleet.write_text(fleet.read_text("utf-8").replace("kind: fact", "kind: rumour"), "utf-8")
    sources = workdir / "data" / "sources.yml"
    sources.write_text(sources.read_text("utf-8").replace("https://", "javascript://", 1), "utf-8")
    result = run_build(cwd=workdir)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "data/claims/the-fleet.yml:3:9: error: claim 'fleet-on-alert': field 'kind':"
        " expected one of 'fact', 'assessment', 'forecast' or 'allegation', found 'rumour'\n"
        "data/sources.yml:7:8: error: source 'src-high-alert': field 'url':"
        " 'javascript://example.org/alert?a=1&b=2' is not an http(s) URL; leave it empty if the"
        " address is unknown\n"
        "2 error(s); nothing written\n"
    )
    after = {p: p.read_bytes() for p in (workdir / "docs").rglob("*") if p.is_file()}
    assert after == before


def test_data_and_docs_options_point_elsewhere(tmp_path: Path) -> None:
    shutil.copytree(MINI / "data", tmp_path / "in")  # a build writes data/published.yml too
    data, docs = str(tmp_path / "in"), str(tmp_path / "out")
    result = run_build("--data", data, "--docs", docs, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.md").is_file()


def test_missing_data_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_build("--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "nowhere/article.yml:1:1: error: missing file: the article's metadata and paragraphs belong"
        " in article.yml\n1 error(s); nothing written\n"
    )


CASES = sorted(path for path in (TESTS / "cases" / "invalid").iterdir() if path.is_dir())


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_every_bad_input_exits_1_and_leaves_docs_as_they_were(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(MINI / "data", tmp_path / "good")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("hand-written\n", "utf-8")
    assert main(["build", "--data", str(tmp_path / "good"), "--docs", str(docs)]) == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    overlay_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    assert main(["build", "--docs", "docs"]) == 1
    out, err = capsys.readouterr()
    expected = (case / "expected.err").read_text("utf-8")
    errors = expected.count(": error: ")
    assert (out, err) == ("", f"{expected}{errors} error(s); nothing written\n")
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in docs.rglob("*") if p.is_file()}
    assert after == before


def test_a_hand_written_page_with_a_generated_name_is_refused(workdir: Path) -> None:
    index = workdir / "docs" / "index.md"
    index.write_text("my own home page\n", "utf-8")
    result = run_build(cwd=workdir)
    assert result.returncode == 1
    assert result.stderr == (
        "docs/index.md:1:1: error: hand-written file has the name of a generated page;"
        " rename or move it\n1 error(s); nothing written\n"
    )
    assert index.read_text("utf-8") == "my own home page\n"
    assert sorted(p.name for p in (workdir / "docs").iterdir()) == ["about.md", "index.md"]


def test_mkdocs_build_with_bad_data_fails_cleanly_and_keeps_the_last_site(tmp_path: Path) -> None:
    mini_project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    build = partial(subprocess.run, command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert build().returncode == 0
    site = {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    fleet = tmp_path / "data" / "claims" / "the-fleet.yml"
    fleet.write_text(fleet.read_text("utf-8").replace("kind: fact", "kind: rumour"), "utf-8")
    failed = build()
    assert failed.returncode == 1
    assert "data/claims/the-fleet.yml:3:9: error: claim 'fleet-on-alert'" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert {p: p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()} == site
