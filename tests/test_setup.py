"""Set-up on a fresh machine: `make test` gets Chromium itself where it can, and otherwise stops
at once with one line saying what to run (never a wall of failed browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "ensure_chromium.sh"


def run(tmp_path: Path, chromium: Path) -> subprocess.CompletedProcess[str]:
    tools = tmp_path / "bin"  # a PATH with no apt-get: nothing can be installed
    tools.mkdir(exist_ok=True)
    for tool in ("id", "sh"):
        found = shutil.which(tool)
        assert found is not None
        (tools / tool).symlink_to(found)
    env = {**os.environ, "PATH": str(tools), "CHROMIUM": str(chromium)}
    return subprocess.run(["sh", str(SCRIPT)], env=env, capture_output=True, text=True, check=False)


def test_without_chromium_and_no_way_to_install_it_make_stops_with_one_line(
    tmp_path: Path,
) -> None:
    result = run(tmp_path, tmp_path / "no-chromium")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"make: the browser tests need Debian's Chromium at {tmp_path / 'no-chromium'};"
        " run: sudo apt-get install chromium"
    ]


def test_with_chromium_there_is_nothing_to_do(tmp_path: Path) -> None:
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n", "utf-8")
    chromium.chmod(0o755)
    result = run(tmp_path, chromium)
    assert (result.returncode, result.stderr) == (0, "")


def test_make_test_checks_for_chromium_before_the_tests() -> None:
    plan = subprocess.run(
        ["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert plan.index("sh scripts/ensure_chromium.sh") < plan.index("-m pytest")


def test_make_build_is_strict_and_not_quiet() -> None:
    # MkDocs 1.6 with --quiet drops the warnings that --strict counts: a broken link would pass.
    plan = subprocess.run(
        ["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    build = next(line for line in plan.splitlines() if "mkdocs build" in line)
    assert "--strict" in build and "--quiet" not in build.split("#")[0]
