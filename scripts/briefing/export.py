"""Machine-readable exports: claims, actors and sources as JSON, claims as CSV."""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Callable
from functools import partial
from typing import Any

from pydantic import BaseModel

from briefing.load import Briefing
from briefing.model import Claim

FORMULA_STARTS = frozenset("=+-@\t\r")
CSV_FIELDS = (
    *("id", "text", "kind", "hedge", "attributed_to", "theme", "levers", "actors", "targets"),
    *("sources", "paragraph", "quote", "when", "figure_value", "figure_unit", "figure_label"),
    *("key_judgment", "url"),
)


def export_makers(briefing: Briefing, claim_url: dict[str, str]) -> dict[str, Callable[[], str]]:
    """{docs path: its renderer} for data/claims.json, actors.json, sources.json, claims.csv and
    schema.json (see `render.Pages`)."""
    claims = _ordered(briefing, claim_url)
    return {
        "data/claims.json": partial(_claims_json, claims, claim_url),
        "data/actors.json": partial(_actors_json, briefing),
        "data/sources.json": partial(_sources_json, briefing, claims),
        "data/claims.csv": partial(_csv, claims, claim_url),
        "data/schema.json": _schema_json,
    }


def render_exports(briefing: Briefing, claim_url: dict[str, str]) -> dict[str, str]:
    """{docs path: text} for every export."""
    return {path: make() for path, make in export_makers(briefing, claim_url).items()}


def _claims_json(claims: list[Claim], claim_url: dict[str, str]) -> str:
    return _json_array([_json_line(c, {"url": claim_url[c.id]}) for c in claims])


def _actors_json(briefing: Briefing) -> str:
    actors = briefing.actors.values()
    return _json_array([_json_line(a, {"url": f"actors/{a.id}/"}) for a in actors])


def _sources_json(briefing: Briefing, claims: list[Claim]) -> str:
    supports: dict[str, list[str]] = {source_id: [] for source_id in briefing.sources}
    for claim in claims:
        for source_id in claim.sources:
            supports[source_id].append(claim.id)
    return _json_array(
        [
            _json_line(s, {"claims": supports[s.id], "page_url": f"sources/#{s.id}"})
            for s in briefing.sources.values()
        ]
    )


def _schema_json() -> str:
    return json.dumps(data_schema(), ensure_ascii=False, indent=2) + "\n"


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # built once, not per call


def _json_line(record: BaseModel, extra: dict[str, Any]) -> str:
    """A record as one line of JSON with the site's fields added (pydantic serialises in Rust)."""
    added = _ENCODER.encode(extra)
    return f"{record.model_dump_json()[:-1]},{added[1:]}"


def _json_array(lines: list[str]) -> str:
    """One record per line: diff-friendly and still plain JSON."""
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"


@functools.cache
def data_schema() -> dict[str, Any]:
    """One JSON Schema for the whole data folder, generated from the model (once a process)."""
    from briefing.schema import briefing_schema

    return briefing_schema()


def _ordered(briefing: Briefing, claim_url: dict[str, str]) -> list[Claim]:
    return [briefing.claims[claim_id] for claim_id in claim_url]


def _csv(claims: list[Claim], claim_url: dict[str, str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    writer.writerows(_csv_row(claim, claim_url[claim.id]) for claim in claims)
    return buffer.getvalue()


def _csv_row(claim: Claim, url: str) -> list[str]:
    """One claim as CSV cells, in CSV_FIELDS order; free text is guarded against formulas."""
    figure = claim.figure
    return [
        claim.id,
        _cell(claim.text),
        claim.kind,
        _cell(claim.hedge),
        claim.attributed_to or "",
        claim.theme,
        "; ".join(claim.levers),
        "; ".join(claim.actors),
        "; ".join(claim.targets),
        "; ".join(claim.sources),
        claim.paragraph,
        _cell(claim.quote),
        claim.when or "",
        *((str(figure.value), _cell(figure.unit), _cell(figure.label)) if figure else ("", "", "")),
        "true" if claim.key_judgment else "false",
        url,
    ]


def _cell(text: str | None) -> str:
    """Spreadsheet-safe text: no formula can start a cell (CSV injection)."""
    if not text:
        return ""
    return "'" + text if text[0] in FORMULA_STARTS else text
