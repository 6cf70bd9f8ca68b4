"""The build command: exit codes, messages on stderr, and nothing written when the data is bad."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MINI, ROOT


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
    assert result.stdout.startswith("3 claims, 3 actors, 4 sources, 2 themes; ")
    assert (workdir / "docs" / "themes" / "the-fleet.md").is_file()
    assert (workdir / "docs" / "data" / "claims.json").is_file()
    assert run_build(cwd=workdir).stdout.endswith(
        "0 file(s) written, 23 unchanged, 0 stale removed\n"
    )


def test_check_validates_without_writing(workdir: Path) -> None:
    result = run_build("--check", cwd=workdir)
    assert result.returncode == 0
    assert result.stdout == "3 claims, 3 actors, 4 sources, 2 themes\n"
    assert sorted(p.name for p in (workdir / "docs").iterdir()) == ["about.md"]


def test_bad_data_exits_1_with_every_error_and_writes_nothing(workdir: Path) -> None:
    assert run_build(cwd=workdir).returncode == 0
    before = {p: p.read_bytes() for p in (workdir / "docs").rglob("*") if p.is_file()}
    fleet = workdir / "data" / "claims" / "the-fleet.yml"
    fleet.write_text(fleet.read_text("utf-8").replace("kind: fact", "kind: rumour"), "utf-8")
    sources = workdir / "data" / "sources.yml"
    sources.write_text(sources.read_text("utf-8").replace("https://", "javascript://"), "utf-8")
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
    result = run_build("--data", str(MINI / "data"), "--docs", str(tmp_path / "out"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.md").is_file()


def test_missing_data_folder_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_build("--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "nowhere/article.yml:1:1: error: missing file: the article's metadata and paragraphs belong"
        " in article.yml\n1 error(s); nothing written\n"
    )
