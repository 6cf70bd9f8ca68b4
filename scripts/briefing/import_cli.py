"""Command line of the importer: read a Markdown article, write a data skeleton that validates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.data.importer import import_article, skeleton_files
from briefing.data.yamlio import dump_yaml


def main(argv: list[str] | None = None) -> int:
    """Write DIR/article.yml, DIR/sources.yml and empty files for themes, levers, targets and
    actors (claims come later, one file per theme in DIR/claims/); refuse to overwrite."""
    parser = argparse.ArgumentParser(prog="import_article.py", description=__doc__)
    parser.add_argument("article", type=Path, help="the article as Markdown")
    parser.add_argument("--out", type=Path, required=True, help="the new data folder")
    parser.add_argument("--force", action="store_true", help="overwrite files already in --out")
    args = parser.parse_args(argv)
    try:
        markdown = args.article.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.article}: error: cannot read the article: {error}", file=sys.stderr)
        return 1
    files = skeleton_files(import_article(markdown), args.article.name)
    clashes = [name for name in files if (args.out / name).exists()]
    if clashes and not args.force:
        for name in clashes:
            print(
                f"{args.out / name}: error: exists already (use --force to overwrite)",
                file=sys.stderr,
            )
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, document in files.items():
        (args.out / name).write_text(dump_yaml(document, name), encoding="utf-8", newline="\n")
    print(f"wrote {len(files)} files to {args.out}")
    print(f"claims go in {args.out / 'claims'}/<theme id>.yml, one file per theme")
    return 0
