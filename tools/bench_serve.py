"""The editor's loop, measured: save a claim under a running `mkdocs serve` and time until the
served page shows it, against a plain `mkdocs build` of the same site, in one run.

    .venv/bin/python tools/bench_serve.py [--scales 1 10] [--saves 3]

Prints figures; asserts nothing. Wall seconds (the editor waits in wall time); compare the ratio
within one run, since this machine is shared. It also counts the builds each save triggered.
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
from pathlib import Path

from bench import ROOT, make_project, synthetic_data

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


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


def serve_saves(project: Path, saves: int) -> tuple[list[float], list[int]]:
    """Seconds from each save of a claim to the served page showing it, and the number of
    builds each save started."""
    port = _free_port()
    log = project / "serve.log"
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "serve",
        "--strict",
        "--dev-addr",
        f"127.0.0.1:{port}",
    ]
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
        seconds, builds = [], []
        for number in range(saves):
            word = f"Benchmarked{number}x"
            before = log.read_text("utf-8").count("Building documentation")
            claims.write_text(text[:at] + word + " " + text[at:], "utf-8")
            seconds.append(_wait(lambda w=word: w in _fetch(url)))
            time.sleep(2.0)  # a second build, if the save caused one, would start by now
            builds.append(log.read_text("utf-8").count("Building documentation") - before)
        return seconds, builds
    finally:
        server.terminate()
        server.wait(timeout=30)
        claims.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument("--saves", type=int, default=3)
    args = parser.parse_args(argv)
    print("scale  claims  mkdocs build s  save-to-visible s (median of saves)  ratio  builds/save")
    for factor in args.scales:
        with tempfile.TemporaryDirectory() as temporary:
            folder = Path(temporary)
            synthetic_data(ROOT / "data", folder / "synthetic", factor)
            project = make_project(folder / "project", folder / "synthetic")
            claims = sum(
                len(re.findall(r"(?m)^- id: ", path.read_text("utf-8")))
                for path in (project / "data" / "claims").glob("*.yml")
            )
            build = plain_build(project)
            seconds, builds = serve_saves(project, args.saves)
            visible = statistics.median(seconds)
            print(
                f"{factor:>4}x {claims:>7} {build:>15.2f} {visible:>36.2f} {visible / build:>6.2f}"
                f"  {','.join(map(str, builds))}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
