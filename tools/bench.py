"""Measured speed: synthetic briefings at 1x, 10x and 100x the real claim count, and the real one.

    .venv/bin/python tools/bench.py [--scales 1 10 100] [--no-mkdocs] [--repeat 3]

Prints figures; asserts nothing. Each measurement runs in a fresh interpreter so that peak memory
and import costs are those of one build, not of the benchmark. A developer tool beside the
package, not part of it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from briefing.data.yamlio import dump_yaml

ROOT = Path(__file__).resolve().parents[1]


def synthetic_data(source: Path, target: Path, factor: int) -> None:
    """Write `factor` copies of every paragraph, source, actor and claim of `source` to `target`;
    copy k gets ids suffixed `-xk`, so every reference still resolves."""
    target.mkdir(parents=True)
    article = _read(source / "article.yml")
    body = [p for p in article["paragraphs"] if p.get("role", "body") == "body"]
    rest = [p for p in article["paragraphs"] if p not in body]
    numbers: dict[tuple[int, str], str] = {}
    paragraphs: list[dict[str, Any]] = []
    for copy in range(factor):
        for paragraph in [*body, *(rest if copy == factor - 1 else [])]:
            new_id = f"p{len(paragraphs) + 1:02d}"
            numbers[(copy, paragraph["id"])] = new_id
            paragraphs.append({**paragraph, "id": new_id})
    _write(target / "article.yml", {**article, "paragraphs": paragraphs})
    for name in ("themes.yml", "levers.yml", "targets.yml"):
        shutil.copy2(source / name, target / name)
    sources = [  # the credit line's source only once, with the one credit paragraph
        _copy_source(s, copy, numbers[(copy, s["paragraph"])])
        for copy in range(factor)
        for s in _read(source / "sources.yml")
        if (copy, s["paragraph"]) in numbers
    ]
    _write(target / "sources.yml", sources)
    actors = _read(source / "actors.yml")
    claims = [c for path in sorted((source / "claims").glob("*.yml")) for c in _read(path)]
    (target / "actors").mkdir()
    (target / "claims").mkdir()
    for k in range(factor):  # one file per copy, as editors would split a large briefing
        _write(target / "actors" / f"copy-{k:03d}.yml", [_copy_actor(a, k) for a in actors])
        claims_k = [_copy_claim(c, k, numbers) for c in claims]
        _write(target / "claims" / f"copy-{k:03d}.yml", claims_k)


def _suffix(identifier: str, copy: int) -> str:
    return identifier if copy == 0 else f"{identifier}-x{copy}"


def _copy_source(source: dict[str, Any], copy: int, paragraph: str) -> dict[str, Any]:
    return {**source, "id": _suffix(source["id"], copy), "paragraph": paragraph}


def _copy_actor(actor: dict[str, Any], copy: int) -> dict[str, Any]:
    relations = [
        {**r, "to": _suffix(r["to"], copy), "claim": _suffix(r["claim"], copy)}
        for r in actor.get("relations", [])
    ]
    return {**actor, "id": _suffix(actor["id"], copy), "relations": relations}


def _copy_claim(
    claim: dict[str, Any], copy: int, numbers: dict[tuple[int, str], str]
) -> dict[str, Any]:
    copied = {
        **claim,
        "id": _suffix(claim["id"], copy),
        "paragraph": numbers[(copy, claim["paragraph"])],
    }
    for field in ("actors", "sources", "aliases"):
        copied[field] = [_suffix(value, copy) for value in claim.get(field, [])]
    if claim.get("attributed_to"):
        copied["attributed_to"] = _suffix(claim["attributed_to"], copy)
    return copied


def _read(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def _write(path: Path, document: object) -> None:
    path.write_text(dump_yaml(document), "utf-8")


def measure_render(data: Path, docs: Path) -> dict[str, float]:
    """Import, load, render every page and permalink, then write the site (which renders the
    pages again, as a build does), in this process; peak memory is this process's. Times are CPU
    seconds of this process: the work is single-threaded, and CPU time is far less disturbed than
    wall time by whatever else a shared machine is running."""
    clock = time.process_time
    started = clock()
    from briefing.data.load import load_briefing
    from briefing.pages.permalink import render_permalinks
    from briefing.pages.render import render_site
    from briefing.perf import paused_gc
    from briefing.site import write_site

    imported = clock()
    result = load_briefing(data)
    assert result.briefing is not None, [str(p) for p in result.problems[:5]]
    loaded = clock()
    with paused_gc():  # as in write_site
        pages = render_site(result.briefing)
        for _text in pages.values():
            pass
        permalinks = render_permalinks(result.briefing, "Benchmark")  # written after MkDocs
    rendered = clock()
    write_site(result.briefing, docs)
    written = clock()
    return {
        "claims": len(result.briefing.claims),
        "pages": len(pages) + len(permalinks),
        "import_s": imported - started,
        "load_s": loaded - imported,
        "render_s": rendered - loaded,
        "write_s": written - rendered,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _measure_in_child(data: Path, docs: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--measure", str(data), str(docs)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(output))


def _mkdocs_build(project: Path) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project, env=env, check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - started


def make_project(folder: Path, data: Path | None) -> Path:
    """A MkDocs project in `folder`: this repository's config and hand-written pages, with `data`
    moved in as its data/ (or a copy of the real data)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "about.md", folder / "docs" / "about.md")
    if data is not None:
        shutil.move(str(data), folder / "data")
    else:
        shutil.copytree(ROOT / "data", folder / "data")
    return folder


def build_command(project: Path, docs: Path) -> tuple[float, float]:
    """`briefing build` of the project into `docs` as a whole process: (wall s, CPU s). The
    pages earlier runs wrote are flushed to disk first, not while this one runs."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "briefing.cli", "build", "--docs", str(docs)]
    subprocess.run(command, cwd=project, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(factors: list[int], with_mkdocs: bool, repeat: int) -> None:
    """Print one row per scale, the marginal costs and growth between scales, then the real
    data's share of `make build`.

    The build command runs `repeat` times per scale, the scales taking turns, each time into a
    new folder, and nothing is deleted until every scale is measured: on a disk that discards
    freed blocks (ext4 `discard`), creating files just after deleting thousands is slow, and a
    scale measured after the previous one's cleanup read seconds of system time too many."""
    print("CPU seconds: load and render in one process; `briefing build` as a whole process,")
    print(f"least and median of {repeat} runs, scales in turn. Wall seconds: the MkDocs build.")
    print(
        "scale  claims  pages   load s  render s  build cmd s least/median  µs/claim"
        "  peak MB  mkdocs s"
    )
    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        projects, rows = [], []
        for factor in factors:
            folder = root / f"{factor}x-{len(projects)}"
            synthetic_data(ROOT / "data", folder / "synthetic", factor)
            project = make_project(folder / "project", folder / "synthetic")
            projects.append(project)
            rows.append(_measure_in_child(project / "data", folder / "docs"))
        runs: list[list[float]] = [[] for _ in factors]
        for turn in range(repeat):
            for index, project in enumerate(projects):
                runs[index].append(build_command(project, project / f"out-{turn}")[1])
        for factor, project, row, times in zip(factors, projects, rows, runs, strict=True):
            row["command_s"], row["command_median_s"] = min(times), statistics.median(times)
            row["build_s"] = _mkdocs_build(project) if with_mkdocs else float("nan")
            per_claim = row["command_s"] / row["claims"] * 1e6
            print(
                f"{factor:>4}x {row['claims']:>7.0f} {row['pages']:>6.0f} {row['load_s']:>8.3f}"
                f" {row['render_s']:>9.3f} {row['command_s']:>13.3f}"
                f" / {row['command_median_s']:<6.3f}"
                f" {per_claim:>9.1f} {row['peak_mb']:>8.1f} {row['build_s']:>9.2f}"
            )
    _growth(rows)
    _real_share()


def _growth(rows: list[dict[str, float]]) -> None:
    """Marginal cost per claim (the slope, free of fixed costs such as imports and template
    compilation) and how each measure grows per tenfold data: 10.0 is linear."""
    first, last = rows[0], rows[-1]
    added = last["claims"] - first["claims"]
    if added <= 0:
        return  # one scale, or the largest not last: no slope to show
    span = f"{first['claims']:.0f} to {last['claims']:.0f} claims"
    measures = (
        ("command_s", "the build command (least of its runs)"),
        ("command_median_s", "the build command (median of its runs)"),
        ("render_s", "render"),
        ("load_s", "load"),
    )
    for key, what in measures:
        slope = (last[key] - first[key]) / added * 1e6
        print(f"marginal cost per claim of {what}, {span}: {slope:.1f} µs")
    for small, large in itertools.pairwise(rows):
        tenfolds = math.log10(large["claims"] / small["claims"])  # 2.0 from 1x to 100x
        if tenfolds <= 0:
            continue  # the same scale twice (or in decreasing order): no growth to show
        growth = {
            key: (large[key] / small[key]) ** (1 / tenfolds)
            for key in ("load_s", "render_s", "command_s", "peak_mb", "build_s")
        }
        print(
            f"growth {small['claims']:.0f} -> {large['claims']:.0f} claims, per tenfold:"
            + "".join(f" {key.removesuffix('_s')} x{v:.1f}" for key, v in growth.items())
        )


def _real_share() -> None:
    """`make build` is one `mkdocs build`, whose plugin loads and renders the pages in memory:
    the render's share of it."""
    with tempfile.TemporaryDirectory() as temporary:
        project = make_project(Path(temporary) / "project", None)
        mkdocs = _mkdocs_build(project)
        row = _measure_in_child(project / "data", Path(temporary) / "docs")
    print(
        f"real data: make build (mkdocs build) {mkdocs:.2f}s;"
        f" load {row['load_s'] * 1000:.0f} ms and render {row['render_s'] * 1000:.0f} ms,"
        f" {(row['load_s'] + row['render_s']) / mkdocs:.1%} of it"
    )


def main(argv: list[str] | None = None) -> int:
    """`bench.py [--scales 1 10 100] [--no-mkdocs] [--repeat 3]`."""
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--no-mkdocs", action="store_true", help="skip the MkDocs build timings")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of the build command per scale (3)"
    )
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure_render(*args.measure)))
        return 0
    run(args.scales, not args.no_mkdocs, max(1, args.repeat))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
