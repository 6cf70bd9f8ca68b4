"""JSON Schemas derived from the model: one per data file kind, and one for the whole folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from briefing.load import ARTICLE_FILE, COLLECTIONS, PUBLISHED_FILE, data_files
from briefing.model import Article

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = "schemas"
"""Where the per-kind schemas live, under the data folder."""
COMMENT_PREFIX = "# yaml-language-server:"
KINDS = ("article", *COLLECTIONS, "published")
"""Every kind of data file, each with its schema."""


def file_schema(kind: str) -> dict[str, Any]:
    """The schema of one data file: `article` is a mapping, every other kind a list of records."""
    if kind == "article":
        schema = Article.model_json_schema()
    elif kind == "published":
        from briefing.published import published_schema  # it imports the loader too

        schema = published_schema()
    else:
        schema = TypeAdapter(list[COLLECTIONS[kind]]).json_schema()  # type: ignore[valid-type]
        schema["title"] = f"{kind}.yml"
    return {"$schema": SCHEMA_URI, **schema}


def briefing_schema() -> dict[str, Any]:
    """All file schemas under one document, keyed by the file they describe."""
    files = {f"{kind}.yml": file_schema(kind) for kind in KINDS}
    return {"$schema": SCHEMA_URI, "title": "Briefing data files", "files": files}


def schema_files() -> dict[str, str]:
    """{file name: JSON text} of the per-kind schemas kept in data/schemas/ for editors."""
    import json

    return {
        f"{kind}.schema.json": json.dumps(file_schema(kind), indent=2, ensure_ascii=False) + "\n"
        for kind in KINDS
    }


def schema_comment(data_dir: Path, path: Path) -> str:
    """The first line that points yaml-language-server (VS Code, Neovim, ...) at a file's schema."""
    kind = path.stem if path.parent == data_dir else path.parent.name
    relative = os.path.relpath(data_dir / SCHEMA_DIR / f"{kind}.schema.json", path.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"


def with_schema_line(text: str, comment: str) -> str:
    """The text with `comment` as its first line, replacing an older schema line."""
    lines = text.split("\n")
    if lines and lines[0].startswith(COMMENT_PREFIX):
        lines = lines[1:]
    return "\n".join([comment, *lines])


def write_schemas(data_dir: Path) -> list[Path]:
    """Write the schemas and put the schema line first in every data file; return what changed."""
    folder = data_dir / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = [
        folder / name for name, text in schema_files().items() if _update(folder / name, text)
    ]
    kinds = (path for kind in COLLECTIONS for path in data_files(data_dir, kind))
    published = [data_dir / PUBLISHED_FILE] if (data_dir / PUBLISHED_FILE).is_file() else []
    for path in [data_dir / ARTICLE_FILE, *kinds, *published]:
        text = with_schema_line(path.read_text("utf-8"), schema_comment(data_dir, path))
        if _update(path, text):
            written.append(path)
    return written


def _update(path: Path, text: str) -> bool:
    if path.exists() and path.read_text("utf-8") == text:
        return False
    path.write_text(text, "utf-8", newline="\n")
    return True
