"""Build a briefing site in a temporary folder, serve it on 127.0.0.1, launch Debian's Chromium.

Shared by the browser tests (through conftest.py) and by screenshots.py, so it imports nothing
relative and nothing from pytest.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REAL_DATA = ROOT / "data"
MINI_DATA = ROOT / "tests" / "fixtures" / "mini" / "data"
MANIFEST = ".generated.json"

CHROMIUM = Path("/usr/bin/chromium")
# Quiet, offline Chromium: nothing it does on its own may reach the network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
# The kinds of page a reader meets; Site.page_types gives one URL for each.
PAGE_TYPES = (
    "home",
    "theme",
    "actors-index",
    "actor",
    "sources",
    "levers",
    "timeline",
    "claims",
    "figures",
    "article",
    "data",
    "about",
)
PHONE = {"width": 390, "height": 844}


class BuildError(RuntimeError):
    """`mkdocs build --strict` failed for a temporary project."""


def _hand_written(docs: Path) -> list[Path]:
    """Files under docs/ that the build did not generate (about.md, stylesheets, ...)."""
    try:
        generated = set(json.loads((docs / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError):
        generated = set()
    return [
        path
        for path in sorted(docs.rglob("*"))
        if path.is_file()
        and path.name != MANIFEST
        and path.relative_to(docs).as_posix() not in generated
    ]


def lay_out_project(data: Path, dest: Path) -> Path:
    """A MkDocs project in `dest`: the repository's config and hand-written pages, with `data` as
    its data/ folder (the `briefing` plugin is installed with the package). Returns the path of
    its mkdocs.yml."""
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for path in _hand_written(ROOT / "docs"):
        target = dest / "docs" / path.relative_to(ROOT / "docs")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    shutil.copytree(data, dest / "data")
    return dest / "mkdocs.yml"


def build_sites(projects: dict[str, tuple[Path, Path]]) -> dict[str, Path]:
    """Build several sites at once: {name: (data, dest)} -> {name: dest/site}. Raises BuildError."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    running = {}
    for name, (data, dest) in projects.items():
        config = lay_out_project(data, dest)
        command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
        command += ["-f", str(config), "-d", str(dest / "site")]
        running[name] = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    failures = []
    for name, process in running.items():
        output, _ = process.communicate(timeout=300)
        if process.returncode:
            failures.append(f"{name} site: mkdocs build --strict failed:\n{output}")
    if failures:
        raise BuildError("\n".join(failures))
    return {name: dest / "site" for name, (_, dest) in projects.items()}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep test output clean."""


@dataclass(frozen=True)
class Site:
    """A built site served over HTTP."""

    root: Path
    url: str
    """Base URL, ending in '/'."""

    def page(self, path: str) -> str:
        """Absolute URL of a site-relative path such as 'themes/x/#claim'."""
        return self.url + path.lstrip("/")

    @cached_property
    def claims(self) -> list[dict[str, Any]]:
        return json.loads((self.root / "data" / "claims.json").read_text("utf-8"))

    @cached_property
    def actors(self) -> list[dict[str, Any]]:
        return json.loads((self.root / "data" / "actors.json").read_text("utf-8"))

    def claim(self, claim_id: str) -> dict[str, Any]:
        return next(claim for claim in self.claims if claim["id"] == claim_id)

    @cached_property
    def deep_claim(self) -> dict[str, Any]:
        """The middle claim of the longest theme page: far below the fold, so landing on it takes
        a real scroll, and far from the end, so the page can bring it right under the header."""
        themes = [claim["theme"] for claim in self.claims]
        theme = max(dict.fromkeys(themes), key=themes.count)
        claims = [claim for claim in self.claims if claim["theme"] == theme]
        return claims[len(claims) // 2]

    @cached_property
    def page_types(self) -> dict[str, str]:
        """One site-relative path per kind of page (PAGE_TYPES): the longest theme page, the actor
        with the most relations (the widest table)."""
        theme = self.deep_claim["theme"]
        actor = max(self.actors, key=lambda actor: len(actor.get("relations") or []))
        return {
            "home": "",
            "theme": f"themes/{theme}/",
            "actors-index": "actors/",
            "actor": actor["url"],
            "sources": "sources/",
            "levers": "levers/",
            "timeline": "timeline/",
            "claims": "claims/",
            "figures": "figures/",
            "article": "article/",
            "data": "data/",
            "about": "about/",
        }


@contextmanager
def serve(root: Path) -> Iterator[Site]:
    """Serve `root` on 127.0.0.1 on a free port with a threaded http.server until the block ends."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http {root}", daemon=True)
    thread.start()
    try:
        yield Site(root, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return (
            f"Debian's Chromium is not at {CHROMIUM}: install it (apt-get install chromium); "
            "the browser tests never download a browser"
        )
    return None
