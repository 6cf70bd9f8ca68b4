"""JSON Schemas derived from the model: one per data file kind, and one for the whole folder.

The per-kind schemas in data/schemas/ also list the ids each reference may take, read from the
data, so that an editor completes them; the downloadable `schema.json` stays generic.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from briefing.data.load import read_data
from briefing.data.published import published_schema
from briefing.data.records import (
    ARTICLE_FILE,
    COLLECTIONS,
    PUBLISHED_FILE,
    SCHEMA_DIR,
    data_files,
    schema_comment,
)
from briefing.model import REFERENCES_KEY, Article

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
COMMENT_PREFIX = "# yaml-language-server:"
KnownIds = Mapping[str, Sequence[str]]
"""{kind: its ids}, for the enumerations of references."""
KINDS = ("article", *COLLECTIONS, "published")
"""Every kind of data file, each with its schema."""


def file_schema(kind: str, ids: KnownIds | None = None) -> dict[str, Any]:
    """The schema of one data file: `article` is a mapping, every other kind a list of records.
    With `ids`, each reference lists the ids of its kind (where the kind has any)."""
    if kind == "article":
        schema = Article.model_json_schema()
    elif kind == "published":
        schema = published_schema()
    else:
        schema = TypeAdapter(list[COLLECTIONS[kind]]).json_schema()  # type: ignore[valid-type]
        schema["title"] = f"{kind}.yml"
    return {"$schema": SCHEMA_URI, **_with_ids(schema, ids or {})}


def _with_ids(node: Any, ids: KnownIds) -> Any:
    """The schema with each reference marker replaced by its kind's ids (or just dropped)."""
    if isinstance(node, list):
        return [_with_ids(item, ids) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _with_ids(value, ids) for key, value in node.items() if key != REFERENCES_KEY}
    known = ids.get(node.get(REFERENCES_KEY, ""))
    if known:  # an empty enum would refuse every value: the loader says it better
        result["enum"] = list(known)
    return result


def known_ids(data_dir: Path) -> dict[str, list[str]]:
    """{kind: its ids, sorted} for each kind whose references the loader checks: the ids of its
    records, valid or not, and `paragraphs` when the article loads. A kind with an unreadable or
    misnamed file is left out, as the loader leaves its references unchecked: the schema must not
    refuse what the loader lets pass."""
    loaded = read_data(data_dir)
    ids = {
        kind: sorted({*collection.records, *loaded.invalid_ids.get(kind, ())})
        for kind, collection in loaded.collections.items()
        if kind not in loaded.unreadable
    }
    if loaded.article is not None:
        ids["paragraphs"] = sorted(paragraph.id for paragraph in loaded.article.paragraphs)
    return ids


def briefing_schema() -> dict[str, Any]:
    """All file schemas under one document, keyed by the file they describe: generic, with no
    ids of any briefing."""
    files = {f"{kind}.yml": file_schema(kind) for kind in KINDS}
    return {"$schema": SCHEMA_URI, "title": "Briefing data files", "files": files}


def schema_files(ids: KnownIds | None = None) -> dict[str, str]:
    """{file name: JSON text} of the per-kind schemas kept in data/schemas/ for editors."""
    kinds = KINDS
    return {
        f"{kind}.schema.json": json.dumps(file_schema(kind, ids), indent=2, ensure_ascii=False)
        + "\n"
        for kind in kinds
    }


def with_schema_line(text: str, comment: str) -> str:
    """The text with `comment` as its first line, replacing an older schema line."""
    lines = text.split("\n")
    if lines and lines[0].startswith(COMMENT_PREFIX):
        lines = lines[1:]
    return "\n".join([comment, *lines])


def write_schemas(data_dir: Path) -> list[Path]:
    """Write the schemas, with the data's ids, and put the schema line first in every data file;
    return what changed."""
    folder = data_dir / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = [
        folder / name
        for name, text in schema_files(known_ids(data_dir)).items()
        if _update(folder / name, text)
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
