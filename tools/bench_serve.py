"""The editor's loop, measured: save a claim under a running `mkdocs serve` and time until the
served page shows it, against a plain `mkdocs build` of the same site, in one run.

    .venv/bin/python tools/bench_serve.py [--scales 1 10] [--saves 3]

Prints figures; asserts nothing. Wall seconds (the editor waits in wall time); compare the ratio
within one run, since this machine is shared. It also counts the builds each save triggered, and
says where a save's time goes: from the save to the end of the plugin's load (MkDocs reads its
config; the plugin validates the data), the plugin's pages (`on_files`), MkDocs' own page build
(Markdown, theme, writing), then the search index and permalinks (`on_post_build`), timed by a
hook added to the benchmarked project.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench import ROOT, make_project, synthetic_data

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
PHASES = ("load", "pages", "mkdocs", "index")
"""A save's time, in order: save -> config loaded (the watcher's wait, the plugin's load) -> files
(the plugin's pages) -> built (MkDocs' page build) -> visible (the plugin's search index and
permalinks, then the server answers)."""
HOOK = """
import sys, time
from mkdocs.plugins import event_priority

def _stamp(name):
    print(f"bench-phase {name} {time.time():.3f}", file=sys.stderr, flush=True)

def on_config(config):
    _stamp("config")

def on_files(files, config):
    _stamp("files")

@event_priority(100)  # before the briefing plugin's: MkDocs has built every page
def on_post_build(config):
    _stamp("built")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait(condition: object, timeout: float = 900.0) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if condition():  # type: ignore[operator]
            return time.perf_counter() - started
        time.sleep(0.05)
    raise TimeoutError("the served page did not change")


def plain_build(project: Path) -> float:
    """Wall seconds of `mkdocs build` of the project, as a whole process."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    subprocess.run(command, cwd=project, env=ENV, check=True, capture_output=True)
    return time.perf_counter() - started


@dataclass(frozen=True)
class Save:
    """One save under the server: seconds until the page showed it, the builds it started, and
    the seconds of each phase (PHASES)."""

    seconds: float
    builds: int
    phases: dict[str, float]


def add_hook(project: Path) -> None:
    """The phase-stamping hook (HOOK), in the project's config."""
    (project / "bench_hook.py").write_text(HOOK, "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nhooks:\n  - bench_hook.py\n", "utf-8")


def serve_saves(project: Path, saves: int) -> list[Save]:
    """Each save of a claim under `mkdocs serve`, measured until the served page shows it."""
    port = _free_port()
    log = project / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
    command += ["--dev-addr", f"127.0.0.1:{port}"]
    claims = sorted((project / "data" / "claims").glob("*.yml"))[0]
    text = claims.read_text("utf-8")
    marker = "  text: "
    at = text.index(marker) + len(marker)
    theme = text[text.index("  theme: ", at) + 9 :].split("\n", 1)[0]
    url = f"http://127.0.0.1:{port}/themes/{theme}/"
    with log.open("w") as output:
        server = subprocess.Popen(command, cwd=project, env=ENV, stdout=output, stderr=output)
    try:
        _wait(lambda: "claim-title" in _fetch(url))
        measured = []
        for number in range(saves):
            word = f"Benchmarked{number}x"
            before = log.read_text("utf-8")
            claims.write_text(text[:at] + word + " " + text[at:], "utf-8")
            saved = time.time()
            seconds = _wait(lambda w=word: w in _fetch(url))
            time.sleep(2.0)  # a second build, if the save caused one, would start by now
            after = log.read_text("utf-8")[len(before) :]
            builds = after.count("Building documentation")
            measured.append(Save(seconds, builds, _phases(after, saved, saved + seconds)))
        return measured
    finally:
        server.terminate()
        server.wait(timeout=30)
        claims.write_text(text, "utf-8")


def _phases(log: str, saved: float, visible: float) -> dict[str, float]:
    """The phases of the save's first build, from the hook's stamps in `log`."""
    stamps: dict[str, float] = {}
    for name, at in re.findall(r"bench-phase (\w+) ([0-9.]+)", log):
        stamps.setdefault(name, float(at))
    ends = [saved, stamps["config"], stamps["files"], stamps["built"], visible]
    return {phase: ends[i + 1] - ends[i] for i, phase in enumerate(PHASES)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args(argv)
    print(
        "scale  claims  mkdocs build s  save-to-visible s (median of saves)  ratio  builds/save"
        "  phases s (median): " + " ".join(PHASES)
    )
    for factor in args.scales:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            synthetic_data(ROOT / "data", folder / "synthetic", factor)
            project = make_project(folder / "project", folder / "synthetic")
            add_hook(project)
            claims = sum(
                len(re.findall(r"(?m)^- id: ", path.read_text("utf-8")))
                for path in (project / "data" / "claims").glob("*.yml")
            )
            build = plain_build(project)
            saves = serve_saves(project, args.saves)
            visible = statistics.median(save.seconds for save in saves)
            phases = " ".join(
                f"{statistics.median(save.phases[phase] for save in saves):.2f}" for phase in PHASES
            )
            print(
                f"{factor:>4}x {claims:>7} {build:>15.2f} {visible:>36.2f} {visible / build:>6.2f}"
                f"  {','.join(str(save.builds) for save in saves):>11}  {phases}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
