"""Machine-readable exports: claims, actors and sources as JSON, claims as CSV."""

from __future__ import annotations

import csv
import functools
import io
import json
from typing import Any

from briefing.load import Briefing

LIST_FIELDS = ("levers", "actors", "targets", "sources")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_FIELDS = (
    *("id", "text", "kind", "hedge", "attributed_to", "theme", "levers", "actors", "targets"),
    *("sources", "paragraph", "quote", "when", "figure_value", "figure_unit", "figure_label"),
    *("key_judgment", "url"),
)


def render_exports(briefing: Briefing, claim_url: dict[str, str]) -> dict[str, str]:
    """{docs path: text} for data/claims.json, actors.json, sources.json and claims.csv."""
    claims = [
        {**claim.model_dump(mode="json"), "url": claim_url[claim.id]}
        for claim in _ordered(briefing, claim_url)
    ]
    supports: dict[str, list[str]] = {source_id: [] for source_id in briefing.sources}
    for claim in claims:
        for source_id in claim["sources"]:
            supports[source_id].append(claim["id"])
    actors = [
        {**actor.model_dump(mode="json"), "url": f"actors/{actor.id}/"}
        for actor in briefing.actors.values()
    ]
    sources = [
        {
            **source.model_dump(mode="json"),
            "claims": supports[source.id],
            "page_url": f"sources/#{source.id}",
        }
        for source in briefing.sources.values()
    ]
    return {
        "data/claims.json": _json(claims),
        "data/actors.json": _json(actors),
        "data/sources.json": _json(sources),
        "data/claims.csv": _csv(claims),
        "data/schema.json": _json(data_schema()),
    }


@functools.cache
def data_schema() -> dict[str, Any]:
    """One JSON Schema for the whole data folder, generated from the model (once a process)."""
    from briefing.schema import briefing_schema

    return briefing_schema()


def _ordered(briefing: Briefing, claim_url: dict[str, str]) -> list[Any]:
    return [briefing.claims[claim_id] for claim_id in claim_url]


def _json(records: object) -> str:
    """One record per line: diff-friendly, and fast (an indented dump bypasses the C encoder)."""
    if not isinstance(records, list):
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"[\n{lines}\n]\n" if records else "[]\n"


def _csv(claims: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for claim in claims:
        figure = claim["figure"] or {}
        row = {**claim, **{f"figure_{key}": value for key, value in figure.items()}}
        for field in LIST_FIELDS:
            row[field] = "; ".join(claim[field])
        writer.writerow([_cell(row.get(field)) for field in CSV_FIELDS])
    return buffer.getvalue()


def _cell(value: object) -> str:
    """Spreadsheet-safe text: no formula can start a cell (CSV injection)."""
    if value is None:
        return ""
    text = str(value).lower() if isinstance(value, bool) else str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text
