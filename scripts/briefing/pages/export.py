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

from briefing.data.records import Briefing
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


def _claims_json(claims: list[Claim], claim_url: dict[str, str]) -> str:
    return _json_array([_json_line(c, _member("url", claim_url[c.id])) for c in claims])


def _actors_json(briefing: Briefing) -> str:
    actors = briefing.actors.values()
    return _json_array([_json_line(a, _member("url", f"actors/{a.id}/")) for a in actors])


def _sources_json(briefing: Briefing, claims: list[Claim]) -> str:
    supports: dict[str, list[str]] = {source_id: [] for source_id in briefing.sources}
    for claim in claims:
        for source_id in claim.sources:
            supports[source_id].append(claim.id)
    return _json_array(
        [
            _json_line(
                s, f"{_member('claims', supports[s.id])},{_member('page_url', f'sources/#{s.id}')}"
            )
            for s in briefing.sources.values()
        ]
    )


def _schema_json() -> str:
    return json.dumps(data_schema(), ensure_ascii=False, indent=2) + "\n"


# json.dumps and JSONEncoder.encode build a C encoder per call; this is the C function they end in.
_json_string: Callable[[str], str] = json.encoder.encode_basestring


def _json_line(record: BaseModel, added: str) -> bytes:
    """A record as one line of JSON, with the site's fields (JSON members, see `_member`) added:
    what `model_dump_json` does, less its decoding to str. The lines stay bytes until the whole
    file is joined, so each record's text is decoded once, in one piece, not decoded, sliced and
    copied; and the serializer is called without `model_dump_json`'s dozen keyword arguments."""
    return b"%s,%s}" % (record.__pydantic_serializer__.to_json(record)[:-1], added.encode())


def _member(key: str, value: str | list[str]) -> str:
    """`"key":value` for a string or a list of strings."""
    if isinstance(value, str):
        return f"{_json_string(key)}:{_json_string(value)}"
    return f"{_json_string(key)}:[{','.join(map(_json_string, value))}]"


def _json_array(lines: list[bytes]) -> str:
    """One record per line: diff-friendly and still plain JSON."""
    return (b"[\n" + b",\n".join(lines) + b"\n]\n").decode() if lines else "[]\n"


@functools.cache
def data_schema() -> dict[str, Any]:
    """One JSON Schema for the whole data folder, generated from the model (once a process)."""
    from briefing.data.schema import briefing_schema

    return briefing_schema()


def _ordered(briefing: Briefing, claim_url: dict[str, str]) -> list[Claim]:
    return [briefing.claims[claim_id] for claim_id in claim_url]


def _csv(claims: list[Claim], claim_url: dict[str, str]) -> str:
    """The claims as CSV, written as `csv.writer` (QUOTE_MINIMAL, "\\n" line ends) writes them.
    Only free text is checked for quoting: ids, dates, numbers and the URLs built from ids
    cannot hold a comma, quote or line break (see the patterns in `model`). `csv.writer` copies
    every character of every cell one by one, several times slower than `str` methods."""
    lines = [",".join(CSV_FIELDS), *(_csv_row(claim, claim_url[claim.id]) for claim in claims)]
    return "\n".join(lines) + "\n"


def _csv_row(claim: Claim, url: str) -> str:
    """One claim as a CSV line, in CSV_FIELDS order."""
    figure = claim.figure
    return ",".join(
        [
            claim.id,
            csv_text(claim.text),
            claim.kind,
            csv_text(claim.hedge),
            claim.attributed_to or "",
            claim.theme,
            "; ".join(claim.levers),
            "; ".join(claim.actors),
            "; ".join(claim.targets),
            "; ".join(claim.sources),
            claim.paragraph,
            csv_text(claim.quote),
            claim.when or "",
            *(
                (csv_number(figure.value), csv_text(figure.unit), csv_text(figure.label))
                if figure
                else ("", "", "")
            ),
            "true" if claim.key_judgment else "false",
            url,
        ]
    )


def csv_number(value: float) -> str:
    """A figure as a spreadsheet reads a number: `1200`, `2.5`; no thousands separator (a comma
    would need quoting and reads as text), no '≈' (the column holds the value; the hedge is the
    page's to show), and no float's trailing `.0` (YAML's `1200` is stored as 1200.0)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def csv_text(text: str | None) -> str:
    """Free text as one CSV cell: spreadsheet-safe (no formula can start it: CSV injection),
    then quoted where `csv.writer` would quote it."""
    if not text:
        return ""
    if text[0] in FORMULA_STARTS:
        text = "'" + text
    if any(char in text for char in _CSV_SPECIALS):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_quotes(char: str) -> bool:
    """Whether `csv.writer` quotes a cell holding `char`."""
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([f"a{char}", ""])
    return line.getvalue().startswith('"')


# Python 3.11's csv.writer quotes a cell holding a comma, quote or "\n" but not a lone "\r";
# 3.13 quotes that too. Asking the module keeps the bytes those of the running Python's writer.
_CSV_SPECIALS = tuple(char for char in ',"\n\r' if _csv_quotes(char))
