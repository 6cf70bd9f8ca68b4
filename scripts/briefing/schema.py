"""JSON Schemas derived from the model: one per data file kind, and one for the whole folder."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from briefing.load import COLLECTIONS
from briefing.model import Article

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def file_schema(kind: str) -> dict[str, Any]:
    """The schema of one data file: `article` is a mapping, every other kind a list of records."""
    if kind == "article":
        schema = Article.model_json_schema()
    else:
        schema = TypeAdapter(list[COLLECTIONS[kind]]).json_schema()  # type: ignore[valid-type]
        schema["title"] = f"{kind}.yml"
    return {"$schema": SCHEMA_URI, **schema}


def briefing_schema() -> dict[str, Any]:
    """All file schemas under one document, keyed by the file they describe."""
    files = {f"{kind}.yml": file_schema(kind) for kind in ("article", *COLLECTIONS)}
    return {"$schema": SCHEMA_URI, "title": "Briefing data files", "files": files}
