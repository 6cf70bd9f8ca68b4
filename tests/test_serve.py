"""`mkdocs serve` for real: an edit reaches the page; a broken save keeps the last good site."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import MINI, ROOT

PAGE = "themes/the-fleet/"
CLAIMS = Path("data/claims/the-fleet.yml")
ORIGINAL = "The Ruritanian fleet has been on high alert near Vučić Bay since March 2021."


def copy_project(target: Path) -> None:
    """The site's configuration and hand-written pages, with the mini dataset as its data."""
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("overrides", "scripts"):
        shutil.copytree(
            ROOT / folder, target / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copytree(ROOT / "docs", target / "docs", ignore=_generated)
    shutil.copytree(MINI / "data", target / "data")


def _generated(folder: str, names: list[str]) -> list[str]:
    if Path(folder).resolve() != (ROOT / "docs").resolve():
        return []
    return [name for name in names if name not in ("about.md", "stylesheets", "javascripts")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 60) -> float:
    """Poll until `condition` holds; return the seconds it took."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if condition():
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


class Served:
    def __init__(self, root: Path, port: int, log: Path) -> None:
        self.root, self.port, self.log = root, port, log

    def page(self) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{PAGE}", timeout=5) as r:
                return str(r.read().decode("utf-8"))
        except OSError:
            return ""

    def edit(self, old: str, new: str) -> None:
        path = self.root / CLAIMS
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    copy_project(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=tmp_path, stdout=output, stderr=output, env=env)
    try:
        server = Served(tmp_path, port, log)
        wait_for(lambda: ORIGINAL.replace(".", "") in server.page(), "the first build")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_edit_break_and_fix_while_serving(served: Served) -> None:
    served.edit("near Vučić Bay", "near Vučić Harbour")
    seconds = wait_for(lambda: "near Vučić Harbour" in served.page(), "the edited claim")
    print(f"edit visible after {seconds:.1f}s")

    served.edit("kind: fact", "kind: rumour")
    wait_for(lambda: "error: claim 'fleet-on-alert'" in served.log.read_text("utf-8"), "the error")
    wait_for(lambda: "Serving the last good version" in served.log.read_text("utf-8"), "the notice")
    log = served.log.read_text("utf-8")
    assert "data/claims/the-fleet.yml:3:9: error: claim 'fleet-on-alert': field 'kind'" in log
    assert "Traceback" not in log
    assert "near Vučić Harbour" in served.page()  # still up, still the last good site

    served.edit("kind: rumour", "kind: fact")
    served.edit("near Vučić Harbour", "near Vučić Point")
    wait_for(lambda: "near Vučić Point" in served.page(), "the fixed claim")
