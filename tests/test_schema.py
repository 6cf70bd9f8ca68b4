"""Editors' JSON Schemas: generated from the model, kept in data/schemas/, named by each file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.load import ARTICLE_FILE, COLLECTIONS, data_files
from briefing.schema import SCHEMA_DIR, schema_comment, schema_files
from conftest import ROOT

DATA = ROOT / "data"
DATA_FILES = [DATA / ARTICLE_FILE, *(p for kind in COLLECTIONS for p in data_files(DATA, kind))]


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schemas_match_the_model(name: str) -> None:
    committed = (DATA / SCHEMA_DIR / name).read_text("utf-8")
    assert committed == schema_files()[name], "run: python scripts/write_schemas.py"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_each_data_file_points_at_its_schema(path: Path) -> None:
    first_line = path.read_text("utf-8").split("\n", 1)[0]
    assert first_line == schema_comment(DATA, path), "run: python scripts/write_schemas.py"
    target = first_line.split("$schema=", 1)[1]
    assert (path.parent / target).resolve().is_file()


def test_schema_rejects_what_the_loader_rejects() -> None:
    claims = json.loads(schema_files()["claims.schema.json"])
    claim = claims["$defs"]["Claim"]
    assert claims["type"] == "array"
    assert claim["additionalProperties"] is False
    assert claim["properties"]["kind"]["$ref"] == "#/$defs/ClaimKind"
    assert claims["$defs"]["ClaimKind"]["enum"] == ["fact", "assessment", "forecast", "allegation"]
    assert claim["properties"]["id"]["pattern"] == "^[a-z0-9]+(-[a-z0-9]+)*$"
    assert (
        claim["properties"]["quote"]["description"] == "A short verbatim extract of that paragraph."
    )
    assert set(claim["required"]) == {"id", "text", "kind", "theme", "paragraph", "quote"}
