"""Shared fixtures: the mini dataset, invalid cases laid over it, the golden-file switch."""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
ROOT = TESTS.parent
MINI = TESTS / "fixtures" / "mini"


def pytest_addoption(parser: pytest.Parser) -> None:
    # Three switches, so that a change to error messages or to the real data's pages is reviewed
    # on its own, not hidden in a rewrite of the mini pages.
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the mini dataset's golden pages (tests/golden/mini/) from the current output",
    )
    parser.addoption(
        "--update-errors",
        action="store_true",
        help="rewrite each invalid case's expected.err from the current output",
    )
    parser.addoption(
        "--update-snapshot",
        action="store_true",
        help="rewrite tests/golden/real.digests.json from the real data's pages",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def assert_matches_goldens(pages: Mapping[str, str], golden: Path, update: bool) -> None:
    """`pages` ({path: text}) equal the files under `golden`, byte for byte, none missing or
    extra; with `update` (--update-goldens), rewrite `golden` from `pages` first."""
    if update:
        shutil.rmtree(golden, ignore_errors=True)
        for path, text in pages.items():
            (golden / path).parent.mkdir(parents=True, exist_ok=True)
            (golden / path).write_text(text, "utf-8", newline="\n")
    expected = {
        path.relative_to(golden).as_posix(): path.read_text("utf-8")
        for path in sorted(golden.rglob("*"))
        if path.is_file()
    }
    assert sorted(pages) == sorted(expected)
    for path, text in pages.items():
        assert text == expected[path], f"{path} differs from its golden file"


@pytest.fixture
def update_errors(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-errors"))


@pytest.fixture
def update_snapshot(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-snapshot"))


def overlay_case(case: Path, workdir: Path) -> Path:
    """Copy the mini data to workdir/data, then apply the case: its data/ files replace or add,
    and each path listed in its `delete` file is removed. Returns workdir/data."""
    data = workdir / "data"
    shutil.copytree(MINI / "data", data)
    if (case / "data").is_dir():
        shutil.copytree(case / "data", data, dirs_exist_ok=True)
    deletions = case / "delete"
    if deletions.is_file():
        for line in deletions.read_text("utf-8").split():
            (workdir / line).unlink()
    return data


def mini_project(target: Path) -> None:
    """A MkDocs project in `target`: this repository's config (with the `briefing` plugin) and
    hand-written pages, with the mini dataset as its data/."""
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "docs" / "about.md", target / "docs" / "about.md")
    shutil.copytree(MINI / "data", target / "data")
