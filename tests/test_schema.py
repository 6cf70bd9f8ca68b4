"""Editors' JSON Schemas: generated from the model and the data's ids, kept in data/schemas/,
named by each file, and agreeing with the loader wherever JSON Schema can state the rule."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from briefing.data.load import ARTICLE_FILE, COLLECTIONS, data_files, load_briefing
from briefing.data.problems import Severity
from briefing.data.schema import SCHEMA_DIR, file_schema, known_ids, schema_comment, schema_files
from conftest import MINI, ROOT, TESTS, overlay_case

DATA = ROOT / "data"
DATA_FILES = [DATA / ARTICLE_FILE, *(p for kind in COLLECTIONS for p in data_files(DATA, kind))]
INVALID = sorted(path for path in (TESTS / "cases" / "invalid").iterdir() if path.is_dir())

# The invalid cases whose rule no JSON Schema can state, each with why: the loader refuses a file
# that the schema accepts. The test fails if one of them comes to agree, so the list stays true.
BEYOND_JSON_SCHEMA = {
    "alias-bomb": "aliases are resolved by the YAML parser before a schema sees the data",
    "yaml-anchor-and-alias": "aliases are resolved by the YAML parser before a schema sees data",
    "merge-key": "`<<:` keys are merged by the YAML parser before a schema sees the data",
    "duplicate-yaml-key": "the YAML parser keeps the last of two equal keys; a schema sees one",
    "yaml-missing-dash": "the lost '- ' makes duplicate keys, which the YAML parser drops",
    "date-impossible-day": "the calendar (2022-02-30) is checked in Python, not by a pattern",
    "date-unquoted-yaml-date": "the calendar (2021-02-29) is checked in Python, not by a pattern",
    "duplicate-id-same-kind": "unique ids across items: uniqueItems compares whole items only",
    "duplicate-id-across-kinds": "unique ids across files: a schema sees one file",
    "alias-is-an-existing-id": "an alias taking an id: a cross-record rule",
    "alias-is-another-claims-alias": "an alias taking another claim's alias: a cross-record rule",
    "quote-not-in-paragraph": "a quote must occur in its paragraph's text, held in another file",
    "hedge-not-in-paragraph": "a hedge must occur in its paragraph's text, held in another file",
    "cited-as-not-a-marker": "a marker must occur in its paragraph's text, held in another file",
    "marker-not-recorded": "each marker in the text needs a source: a cross-file rule",
    "marker-recorded-twice": "each marker is recorded by exactly one source: a cross-file rule",
    "claim-cites-marker-of-another-sentence": "the cited marker's sentence: a cross-file rule",
    "claim-cites-source-of-other-paragraph": "the cited source's paragraph: a cross-record rule",
    "source-unknown-paragraph": "the claim citing it then cites another paragraph's source",
    "credit-cited-by-claim": "the cited source's role lives in another file",
    "credit-role-in-body-paragraph": "a source's role must match its paragraph's, in article.yml",
    "relation-claim-does-not-name-actor": "the evidencing claim must name both actors",
    "relation-end-not-attributed": "the evidencing claim must name both actors",
    "relation-other-end-not-named": "the evidencing claim must name both actors",
    "paragraphs-out-of-order": "numbering by position: p01 first, p02 second, in any length",
    "paragraph-yields-no-claim": "coverage: every paragraph needs a claim from another file",
    "source-backs-no-claim": "coverage: every source needs a claim from another file",
    "theme-has-no-claims": "coverage: every theme needs a claim from another file",
}


class PlainLoader(yaml.SafeLoader):
    """PyYAML's safe loader with dates kept as text, as the briefing's loader keeps them."""


PlainLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def kind_of(data: Path, path: Path) -> str:
    return path.stem if path.parent == data else path.parent.name


def schema_accepts(schema: dict[str, Any], path: Path) -> bool:
    """The editor's verdict: the file parses as YAML and its data fits the schema."""
    try:
        text = path.read_text("utf-8")
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, PlainLoader)):
            return True  # no schema speaks of aliases; and an alias bomb would never finish
        document = yaml.load(text, Loader=PlainLoader)
    except (UnicodeDecodeError, yaml.YAMLError):
        return False
    return jsonschema.Draft202012Validator(schema).is_valid(document)


def disagreements(data: Path) -> list[str]:
    """The data files on which the loader (any error located in the file) and the schemas
    written for this data (`briefing schemas`) give different verdicts."""
    refused = {
        (Path.cwd() / problem.path).resolve()
        for problem in load_briefing(data).problems
        if problem.severity is Severity.ERROR
    }
    ids = known_ids(data)
    files = [data / ARTICLE_FILE, *(p for kind in COLLECTIONS for p in data_files(data, kind))]
    found = []
    for path in (path for path in files if path.is_file()):
        loader_accepts = path.resolve() not in refused
        if loader_accepts != schema_accepts(file_schema(kind_of(data, path), ids), path):
            verdict = "accepts" if loader_accepts else "refuses"
            found.append(f"{path.relative_to(data).as_posix()}: the loader {verdict} it")
    return found


@pytest.mark.parametrize("data", [MINI / "data", DATA], ids=["mini", "real"])
def test_schema_and_loader_accept_the_valid_data(data: Path) -> None:
    assert disagreements(data) == []


@pytest.mark.parametrize("case", INVALID, ids=lambda path: path.name)
def test_schema_and_loader_agree_on_each_invalid_case(case: Path, tmp_path: Path) -> None:
    found = disagreements(overlay_case(case, tmp_path))
    if case.name in BEYOND_JSON_SCHEMA:
        assert found, f"{case.name} now agrees: remove it from BEYOND_JSON_SCHEMA"
    else:
        assert found == []


@pytest.mark.parametrize("name", sorted(schema_files()))
def test_committed_schemas_are_what_briefing_schemas_writes(name: str) -> None:
    committed = (DATA / SCHEMA_DIR / name).read_text("utf-8")
    assert committed == schema_files(known_ids(DATA))[name], "run: briefing schemas"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_each_data_file_points_at_its_schema(path: Path) -> None:
    first_line = path.read_text("utf-8").split("\n", 1)[0]
    assert first_line == schema_comment(DATA, path), "run: briefing schemas"
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


def test_an_unquoted_year_fits_the_schema_as_it_builds() -> None:
    schema = file_schema("claims")
    claim = {"id": "a", "text": "t", "kind": "fact", "theme": "t", "paragraph": "p01", "quote": "q"}
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid([{**claim, "when": 2009}])
    assert not validator.is_valid([{**claim, "when": 209}])
    assert not validator.is_valid([{**claim, "when": "2009-13"}])


def test_references_list_the_data_ids_and_the_export_stays_generic() -> None:
    ids = known_ids(MINI / "data")
    claims = file_schema("claims", ids)["$defs"]["Claim"]["properties"]
    assert claims["theme"]["enum"] == ["the-fleet", "the-militia", "the-ports"]
    assert claims["sources"]["items"]["enum"] == ids["sources"]
    assert claims["attributed_to"]["anyOf"][0]["enum"] == ids["actors"]
    relation = file_schema("actors", ids)["$defs"]["Relation"]["properties"]
    assert relation["to"]["enum"] == ids["actors"] and relation["claim"]["enum"] == ids["claims"]
    assert "x-references" not in json.dumps(file_schema("claims"))
    assert '"enum": ["the-fleet"' not in json.dumps(file_schema("claims"))
