"""`mkdocs serve` for real: an edit reaches the page; a broken save keeps the last good site."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import mini_project

PAGE = "themes/the-fleet/"
CLAIMS = Path("data/claims/the-fleet.yml")
ORIGINAL = "The Ruritanian fleet has been on high alert near Vučić Bay since March 2021."


def copy_project(target: Path) -> None:
    """The site's configuration and hand-written pages, with the mini dataset as its data."""
    mini_project(target)


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

    def page(self, path: str = PAGE) -> str:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=5) as r:
                return str(r.read().decode("utf-8"))
        except OSError:
            return ""

    def permalink(self, name: str) -> str:
        return self.page(f"c/{name}/")

    def edit(self, old: str, new: str) -> None:
        path = self.root / CLAIMS
        path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")


def start_server(root: Path) -> tuple[subprocess.Popen[bytes], Served]:
    """`mkdocs serve --strict`, as `make serve` runs it, logging to root/serve.log."""
    port = free_port()
    log = root / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=root, stdout=output, stderr=output, env=env)
    return process, Served(root, port, log)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    copy_project(tmp_path)
    process, server = start_server(tmp_path)
    try:
        wait_for(lambda: ORIGINAL.replace(".", "") in server.page(), "the first build")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def builds(server: Served) -> int:
    return server.log.read_text("utf-8").count("Building documentation")


def test_a_save_rebuilds_once_and_prints_a_few_lines(served: Served) -> None:
    before_builds, before_lines = builds(served), len(served.log.read_text("utf-8").splitlines())
    index = served.page("pagefind/pagefind-entry.json")
    assert '"page_count"' in index
    served.edit("near Vučić Bay", "near Vučić Harbour")
    seconds = wait_for(lambda: "near Vučić Harbour" in served.page(), "the edited claim")
    # The search index (kept between builds while serving) was rebuilt with the edit.
    assert served.page("pagefind/pagefind-entry.json") not in ("", index)
    print(f"edit visible after {seconds:.1f}s")
    time.sleep(3)  # a second build, if the first wrote anything the server watches, starts now
    assert builds(served) == before_builds + 1
    new_lines = served.log.read_text("utf-8").splitlines()[before_lines:]
    assert len(new_lines) <= 5, new_lines


def test_serving_never_writes_the_published_ids(tmp_path: Path) -> None:
    """A new id is published by a build, not by a save: writing data/ while serving would also
    wake the watcher for a second build. Checked until the server has shut down."""
    copy_project(tmp_path)
    published = tmp_path / "data" / "published.yml"
    before = published.read_bytes()
    process, server = start_server(tmp_path)
    try:
        wait_for(lambda: ORIGINAL.replace(".", "") in server.page(), "the first build")
        server.edit("aliases: [fleet-alert]", "aliases: [fleet-alert, fleet-readiness]")
        wait_for(lambda: 'id="fleet-readiness"' in server.page(), "the new alias")
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl-C, as an editor stops it: MkDocs shuts down
        process.wait(timeout=10)
    assert "Shutting down" in server.log.read_text("utf-8")
    assert published.read_bytes() == before


def test_broken_data_shows_in_every_served_page_until_fixed(served: Served) -> None:
    assert 'url=../../themes/the-fleet/#fleet-on-alert"' in served.permalink("fleet-alert")
    served.edit("near Vučić Bay", "near Vučić Harbour")
    wait_for(lambda: "near Vučić Harbour" in served.page(), "the edited claim")
    wait_for(lambda: "near Vučić Harbour" in served.permalink("fleet-on-alert"), "the permalink")

    served.edit("kind: fact", "kind: rumour")
    error = "data/claims/the-fleet.yml:3:9: error: claim &#x27;fleet-on-alert&#x27;: field"
    wait_for(lambda: error in served.page(), "the error banner")
    page = served.page()
    assert page.index('class="briefing-errors" role="alert"') < page.index("near Vučić Harbour")
    assert "this page is the last good version" in page
    about = served.page("about/")
    assert 'class="briefing-errors"' in about and error in about  # every page, not only one
    log = served.log.read_text("utf-8")
    assert "data/claims/the-fleet.yml:3:9: error: claim 'fleet-on-alert': field 'kind'" in log
    assert "Serving the last good version" in log
    assert "Traceback" not in log
    # The errors come after the build's own lines, framed, not scrolled away among them.
    last_build = log.rindex("Building documentation")
    assert last_build < log.rindex("The briefing's data has 1 error:")
    assert "near Vučić Harbour" in served.permalink("fleet-on-alert")  # the last good one

    served.edit("kind: rumour", "kind: fact")
    served.edit("near Vučić Harbour", "near Vučić Point")
    wait_for(lambda: "near Vučić Point" in served.page(), "the fixed claim")
    assert 'class="briefing-errors"' not in served.page()


def test_the_server_starts_with_broken_data_and_shows_the_errors(tmp_path: Path) -> None:
    copy_project(tmp_path)
    claims = tmp_path / CLAIMS
    claims.write_text(claims.read_text("utf-8").replace("kind: fact", "kind: rumour"), "utf-8")
    process, server = start_server(tmp_path)
    try:
        wait_for(lambda: "found &#x27;rumour&#x27;" in server.page(""), "the error page")
        assert "data has errors" in server.page("")
        claims.write_text(claims.read_text("utf-8").replace("kind: rumour", "kind: fact"))
        wait_for(lambda: ORIGINAL.replace(".", "") in server.page(), "the briefing")
        assert 'class="briefing-errors"' not in server.page("")
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_server_watches_the_data_and_the_engines_templates_and_assets(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from briefing.plugin import PACKAGE, BriefingPlugin

    mini_project(tmp_path)
    config = load_config(str(tmp_path / "mkdocs.yml"))
    plugin = config.plugins["briefing"]
    assert isinstance(plugin, BriefingPlugin)

    class Server:
        def __init__(self) -> None:
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Server()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert set(server.watched) == {
        str(tmp_path / "data"),
        *(str(PACKAGE / folder) for folder in ("pages/templates", "theme", "assets")),
    }
