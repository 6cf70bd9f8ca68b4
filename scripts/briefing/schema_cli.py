"""`python scripts/write_schemas.py`: keep data/schemas/ and each file's schema line in step."""

from __future__ import annotations

import argparse
from pathlib import Path

from briefing.load import ARTICLE_FILE, COLLECTIONS, data_files
from briefing.schema import SCHEMA_DIR, schema_comment, schema_files

COMMENT_PREFIX = "# yaml-language-server:"


def main(argv: list[str] | None = None) -> int:
    """Write the schemas and put the schema line first in every data file; print what changed."""
    parser = argparse.ArgumentParser(prog="write_schemas.py", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"), help="data folder")
    args = parser.parse_args(argv)
    folder = args.data / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        _update(folder / name, text)
    for path in [
        args.data / ARTICLE_FILE,
        *(p for k in COLLECTIONS for p in data_files(args.data, k)),
    ]:
        _update(path, with_schema_line(path.read_text("utf-8"), schema_comment(args.data, path)))
    return 0


def with_schema_line(text: str, comment: str) -> str:
    """The text with `comment` as its first line, replacing an older schema line."""
    lines = text.split("\n")
    if lines and lines[0].startswith(COMMENT_PREFIX):
        lines = lines[1:]
    return "\n".join([comment, *lines])


def _update(path: Path, text: str) -> None:
    if not path.exists() or path.read_text("utf-8") != text:
        path.write_text(text, "utf-8", newline="\n")
        print(f"wrote {path}")
