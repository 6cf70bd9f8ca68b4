"""The `briefing` command: arguments, printing and exit codes; the work is done elsewhere.

briefing build [--check] [--data DIR] [--docs DIR]   validate; write the pages into docs/ and
                                                     record the published ids (data/published.yml)
briefing new ARTICLE.md DIR                          a new briefing project from an article
briefing schemas [--data DIR]                        the editors' JSON Schemas, up to date
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from briefing.data.load import Briefing, load_briefing
from briefing.data.problems import has_errors
from briefing.perf import paused_gc


def main(argv: list[str] | None = None) -> int:
    """Run one subcommand; exit status 1 on any error, 2 on bad arguments."""
    parser = argparse.ArgumentParser(prog="briefing", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build = commands.add_parser("build", help="validate the data and write the pages into docs/")
    build.add_argument("--check", action="store_true", help="validate only; write nothing")
    build.add_argument("--data", type=Path, default=Path("data"), help="data folder (data)")
    build.add_argument("--docs", type=Path, default=Path("docs"), help="docs folder (docs)")
    new = commands.add_parser("new", help="lay out a new briefing project from an article")
    new.add_argument("article", type=Path, help="the article as Markdown")
    new.add_argument("dir", type=Path, help="the new project's folder (new or empty)")
    schemas = commands.add_parser("schemas", help="write data/schemas/ and each file's schema line")
    schemas.add_argument("--data", type=Path, default=Path("data"), help="data folder (data)")
    args = parser.parse_args(argv)
    if args.command == "new":
        return _new(args.article, args.dir)
    if args.command == "schemas":
        return _schemas(args.data)
    return _build(args.data, args.docs, check=args.check)


def _build(data: Path, docs: Path, *, check: bool) -> int:
    with paused_gc():
        result = load_briefing(data)
        # The briefing lives as long as the build: frozen, it is left out of every collection
        # (the first, as the collector resumes, would scan all 160,000 of its objects at 100x),
        # and still freed as usual once nothing refers to it.
        gc.freeze()
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if has_errors(result.problems) or result.briefing is None:
        errors = sum(1 for problem in result.problems if problem.severity == "error")
        print(f"{errors} error(s); nothing written", file=sys.stderr)
        return 1
    if check:
        print(_summary(result.briefing))
        return 0
    from briefing.site import (
        update_published,
        write_site,  # rendering is only needed when writing
    )

    report = write_site(result.briefing, docs)
    if report.refused:
        for problem in report.refused:
            print(problem, file=sys.stderr)
        print(f"{len(report.refused)} error(s); nothing written", file=sys.stderr)
        return 1
    recorded = "; published ids recorded" if update_published(result.briefing, data) else ""
    print(f"{_summary(result.briefing)}; {report}{recorded}")
    return 0


def _new(article: Path, folder: Path) -> int:
    from briefing.project import ProjectError, new_project

    try:
        written = new_project(article, folder)
    except ProjectError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {folder}; next: cd {folder} && mkdocs serve")
    return 0


def _schemas(data: Path) -> int:
    from briefing.data.schema import write_schemas

    for path in write_schemas(data):
        print(f"wrote {path}")
    return 0


def _summary(briefing: Briefing) -> str:
    counts = {
        kind: len(getattr(briefing, kind)) for kind in ("claims", "actors", "sources", "themes")
    }
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())


if __name__ == "__main__":
    raise SystemExit(main())
