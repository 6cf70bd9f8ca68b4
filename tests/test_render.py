"""Rendering: the mini dataset's pages match tests/golden/ byte for byte, and rendering is pure."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from briefing.data.load import Briefing, load_briefing
from briefing.pages.export import csv_text
from briefing.pages.render import render_site, separated
from conftest import MINI, TESTS, assert_matches_goldens

GOLDEN = TESTS / "golden" / "mini"


@pytest.fixture(scope="module")
def mini() -> Briefing:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    return briefing


def test_pages_match_goldens(mini: Briefing, update_goldens: bool) -> None:
    assert_matches_goldens(dict(render_site(mini).items()), GOLDEN, update_goldens)


def test_rendering_is_deterministic(mini: Briefing) -> None:
    assert render_site(mini) == render_site(mini)


def test_claim_section_is_anchored_at_its_id(mini: Briefing) -> None:
    page = render_site(mini)["themes/the-fleet.md"]
    assert "{: #fleet-on-alert .claim-title }" in page


def test_claims_json_lists_each_claims_aliases(mini: Briefing) -> None:
    claims = json.loads(render_site(mini)["data/claims.json"])
    assert {claim["id"]: claim["aliases"] for claim in claims} == {
        "fleet-on-alert": ["fleet-alert"],
        "duchy-trained-militia": [],
        "ruritanians-welcome-integration": [],
        "warships-launched": [],
        "record-dues": [],
        "bay-harbours": [],
    }


def test_each_alias_anchors_its_claim_section(mini: Briefing) -> None:
    page = render_site(mini)["themes/the-fleet.md"]
    alias = '<div id="fleet-alert" class="claim-alias"></div>\n\n## The Ruritanian fleet'
    assert alias in page


def test_exports_carry_the_design_fields(mini: Briefing) -> None:
    pages = render_site(mini)
    claims = json.loads(pages["data/claims.json"])
    required = {"id", "text", "kind", "theme", "levers", "actors", "sources", "paragraph"}
    assert required | {"quote", "when", "url"} <= set(claims[0])
    assert claims[0]["url"] == "themes/the-fleet/#fleet-on-alert"
    actors = json.loads(pages["data/actors.json"])
    assert {"id", "name", "kind", "url"} <= set(actors[0])
    sources = json.loads(pages["data/sources.json"])
    assert sources[0] == {
        "id": "src-march",
        "cited_as": "March",
        "paragraph": "p01",
        "url": "",
        "role": "citation",
        "publisher": None,
        "claims": ["fleet-on-alert"],
        "page_url": "sources/#src-march",
    }


def test_missing_addresses_are_said_never_invented(mini: Briefing) -> None:
    page = render_site(mini)["sources/index.md"]
    # march, 40 percent, the first "here"
    assert page.count("| *address not preserved* |") == 3
    assert "(https://example.org/alert?a=1&b=2)" in page


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(lambda raw: b"\xef\xbb\xbf" + raw, id="utf8-byte-order-mark"),
        pytest.param(lambda raw: raw.replace(b"\n", b"\r\n"), id="crlf-line-endings"),
        pytest.param(lambda raw: raw.rstrip(b"\n"), id="no-trailing-newline"),
    ],
)
def test_harmless_file_variants_build_the_same_site(
    mini: Briefing, tmp_path: Path, variant: Callable[[bytes], bytes]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    for path in data.rglob("*.yml"):
        path.write_bytes(variant(path.read_bytes()))
    result = load_briefing(data)
    assert result.problems == []
    assert result.briefing is not None
    assert render_site(result.briefing) == render_site(mini)


def test_csv_cells_cannot_start_a_spreadsheet_formula(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    fleet = data / "claims" / "the-fleet.yml"
    formula = '=HYPERLINK("http://evil.example","x")'
    claims = yaml.safe_load(fleet.read_text("utf-8"))
    claims[0]["text"] = f"{formula} The fleet is on alert."
    fleet.write_text(yaml.safe_dump(claims, allow_unicode=True), "utf-8")
    briefing = load_briefing(data).briefing
    assert briefing is not None
    rows = list(csv.reader(io.StringIO(render_site(briefing)["data/claims.csv"])))
    assert rows[1][:2] == ["fleet-on-alert", f"'{formula} The fleet is on alert."]


@pytest.mark.parametrize(
    "text",
    ["plain", "a, b", 'say "x"', "two\nlines", "carriage\rreturn", "semi; colon", "'quoted'", " "],
)
def test_csv_text_is_quoted_as_csv_writer_quotes_it(text: str) -> None:
    line = io.StringIO()
    csv.writer(line, lineterminator="\n").writerow([text, "next"])
    assert f"{csv_text(text)},next\n" == line.getvalue()


def test_separated_puts_the_separator_between_items_only() -> None:
    assert list(separated(["a", "b", "c"], " · ")) == [("", "a"), (" · ", "b"), (" · ", "c")]
    assert list(separated([], " · ")) == []
