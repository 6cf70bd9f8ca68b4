"""Command line of the build: arguments, printing and exit codes; the work is done elsewhere."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.load import load_briefing
from briefing.problems import has_errors


def main(argv: list[str] | None = None) -> int:
    """Validate the data; unless --check, render and write the pages. Exit 1 on any error."""
    parser = argparse.ArgumentParser(
        prog="build.py", description="Validate data/ and render docs/."
    )
    parser.add_argument("--check", action="store_true", help="validate only; write nothing")
    parser.add_argument(
        "--data", type=Path, default=Path("data"), help="data folder (default: data)"
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
    )
    args = parser.parse_args(argv)
    result = load_briefing(args.data)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if has_errors(result.problems) or result.briefing is None:
        errors = sum(1 for problem in result.problems if problem.severity == "error")
        print(f"{errors} error(s); nothing written", file=sys.stderr)
        return 1
    if args.check:
        print(_summary(result.briefing))
        return 0
    from briefing.site import write_site  # rendering is only needed when writing

    report = write_site(result.briefing, args.docs)
    if report.refused:
        for problem in report.refused:
            print(problem, file=sys.stderr)
        print(f"{len(report.refused)} error(s); nothing written", file=sys.stderr)
        return 1
    print(f"{_summary(result.briefing)}; {report}")
    return 0


def _summary(briefing: object) -> str:
    counts = {
        kind: len(getattr(briefing, kind)) for kind in ("claims", "actors", "sources", "themes")
    }
    return ", ".join(f"{count} {kind}" for kind, count in counts.items())
