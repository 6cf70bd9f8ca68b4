"""What a reader would notice if it broke, asserted on the mini dataset's pages: orders, counts,
labels and escaping. The fixture is irregular on purpose (see tests/fixtures/mini/data): themes,
levers and targets have an `order` unlike their id and file order, actor names sort differently
with and without case folding, a theme's claims are written out of paragraph order, one claim
bears on two targets, figures are exact and approximate, dates are full, one paragraph cites
`[here]` twice, and a claim's text holds a `|` that lands in table cells."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html.parser import HTMLParser

import markdown
import pytest

from briefing.data.load import Briefing, load_briefing
from briefing.pages.labels import date_label
from briefing.pages.render import render_site, site_nav
from conftest import MINI


@pytest.fixture(scope="module")
def mini() -> Briefing:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    return briefing


@pytest.fixture(scope="module")
def pages(mini: Briefing) -> dict[str, str]:
    return dict(render_site(mini).items())


def anchors_in_order(page: str) -> list[str]:
    """The claim sections of a theme page, top to bottom."""
    return re.findall(r"\{: #([a-z0-9-]+) \.claim-title \}", page)


class _Tables(HTMLParser):
    """Each <table> of an HTML page as rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _json(text: str) -> list[dict[str, str]]:
    records: list[dict[str, str]] = json.loads(text)
    return records


def tables(page: str) -> list[list[list[str]]]:
    """The page's tables as Python-Markdown (the tables MkDocs uses) renders them."""
    body = page.split("---\n", 2)[2]
    html = markdown.markdown(body, extensions=["tables", "attr_list", "md_in_html"])
    parser = _Tables()
    parser.feed(html)
    return parser.tables


# Order ------------------------------------------------------------------------------------------


def test_themes_follow_their_order_in_the_nav(mini: Briefing) -> None:
    themes = next(item["Themes"] for item in site_nav(mini) if "Themes" in item)
    assert themes == [
        {"The militia": "themes/the-militia.md"},
        {"The ports": "themes/the-ports.md"},
        {"The fleet": "themes/the-fleet.md"},
    ]


def test_nav_lists_the_sections_in_reading_order(mini: Briefing) -> None:
    assert [next(iter(item)) for item in site_nav(mini)] == [
        "Briefing",
        "Themes",
        "Leverage matrix",
        "Actors",
        "Actor network",
        "Timeline",
        "Claim explorer",
        "Figures",
        "Sources",
        "The article",
        "Downloads",
    ]


def test_themes_follow_their_order_on_the_home_page(pages: dict[str, str]) -> None:
    themes = next(t for t in tables(pages["index.md"]) if t[0][0] == "Theme")
    assert [(row[0], row[2]) for row in themes[1:]] == [
        ("The militia", "2"),
        ("The ports", "3"),
        ("The fleet", "1"),
    ]


def test_levers_and_targets_follow_their_order_in_the_matrix(pages: dict[str, str]) -> None:
    for matrix in tables(pages["levers/index.md"])[:2]:  # reported, then judged
        assert matrix[0] == ["Lever", "The Duchy", "Ruritania", "No single target", "Claims"]
        assert [row[0] for row in matrix[1:]] == ["Proxies", "Naval power"]


def test_actors_sort_by_case_folded_name(pages: dict[str, str]) -> None:
    # Not by id, not by file order, and not by code point ('de Vries' after 'The Duchy').
    names = [actor["name"] for actor in _json(pages["data/actors.json"])]
    assert names == [
        "Bay Militia",
        "de Vries Yard",
        "harbour master of Vučić Bay",
        "Ruritania",
        "The Duchy",
    ]


def test_actor_index_lists_each_kind_by_case_folded_name(pages: dict[str, str]) -> None:
    links = re.findall(r"\]\(([a-z-]+)\.md\)", pages["actors/index.md"])
    assert [link for link in links if link != "network"] == [
        "ruritania",  # States: Ruritania, The Duchy
        "duchy",
        "harbour-master",  # People
        "vries-yard",  # Companies
        "militia",  # Armed forces and groups
    ]


def test_theme_page_lists_claims_in_paragraph_order(pages: dict[str, str]) -> None:
    # the-ports.yml holds them as p05, p04, p04; within a paragraph, file order stays.
    assert anchors_in_order(pages["themes/the-ports.md"]) == [
        "warships-launched",
        "record-dues",
        "bay-harbours",
    ]
    assert "drawn from [¶4](../article/index.md#p04), [¶5]" in pages["themes/the-ports.md"]


def test_actor_page_lists_each_kind_of_claim_in_reading_order(pages: dict[str, str]) -> None:
    page = pages["actors/ruritania.md"]
    headings = re.findall(r"^### (.+)$", page, flags=re.MULTILINE)
    assert headings == ["Reported: 5 claims {#claims-fact}"]
    claims = re.findall(r"\]\(\.\./themes/[a-z-]+\.md#([a-z-]+)\)", page.split("## Claims")[1])
    assert claims == [  # by paragraph, whatever the theme and file order
        "fleet-on-alert",
        "ruritanians-welcome-integration",
        "warships-launched",
        "record-dues",
        "bay-harbours",
    ]


def test_exports_list_claims_in_reading_order(pages: dict[str, str]) -> None:
    ids = [claim["id"] for claim in _json(pages["data/claims.json"])]
    assert ids == [
        "fleet-on-alert",
        "duchy-trained-militia",
        "ruritanians-welcome-integration",
        "warships-launched",
        "record-dues",
        "bay-harbours",
    ]


# Counts -----------------------------------------------------------------------------------------


def test_a_claim_with_two_targets_counts_once_per_cell_and_once_per_lever(
    pages: dict[str, str],
) -> None:
    reported, judged = tables(pages["levers/index.md"])[:2]
    assert reported[1:] == [
        ["Proxies", "·", "1", "·", "1"],
        ["Naval power", "1", "2", "·", "2"],  # warships-launched bears on both targets
    ]
    assert judged[1:] == [["Proxies", "·", "·", "·", "0"], ["Naval power", "·", "·", "·", "0"]]
    page = pages["levers/index.md"]
    duchy = page.split("{#navy--duchy-coast}")[1].split("###")[0]
    assert re.findall(r"#([a-z-]+)\)", duchy) == ["warships-launched"]
    ruritania = page.split("{#navy--target-ruritania}")[1].split("##")[0]
    assert re.findall(r"#([a-z-]+)\)", ruritania) == ["fleet-on-alert", "warships-launched"]


def test_home_page_counts(pages: dict[str, str]) -> None:
    counts = "**6** claims · **5** actors · **5** citation markers · **5** paragraphs"
    assert counts in pages["index.md"]


def test_repeated_markers_each_link_to_their_own_source(pages: dict[str, str]) -> None:
    paragraph = next(line for line in pages["article/index.md"].splitlines() if 'id="p04"' in line)
    links = re.findall(r"\[([^\]]+)\]\(\.\./sources/index\.md#([a-z0-9-]+)\)", paragraph)
    assert links == [("here", "src-here-dues"), ("here", "src-here-warships")]


def test_sources_register_counts_what_each_source_supports(pages: dict[str, str]) -> None:
    register = [row for table in tables(pages["sources/index.md"]) for row in table[1:]]
    supports = {row[0]: row[1] for row in register}
    assert len(register) == 5  # the citations, by paragraph; the credit is listed apart
    assert (
        supports["“March”"]
        == "The Ruritanian fleet has been on high alert near Vučić Bay since March 2021."
    )


# Labels -----------------------------------------------------------------------------------------


def test_approximate_sign_only_on_approximate_figures(pages: dict[str, str]) -> None:
    figures = tables(pages["figures/index.md"])[0]
    assert [row[0] for row in figures[1:]] == [
        "≈ 1,200 people",
        "≈ 40 percent",
        "12 warships",
        "2.5 billion euros",
    ]
    ports = pages["themes/the-ports.md"]
    assert "**Figure:** 12 warships: warships launched\n" in ports
    assert "(approximate)" not in ports
    assert (
        "**Figure:** ≈ 1,200 people: militia members trained (approximate)"
        in (pages["themes/the-militia.md"])
    )


def test_dates_read_as_a_reader_writes_them(pages: dict[str, str]) -> None:
    years = tables(pages["timeline/index.md"])  # a table per year
    # A month-only date after the days of its month, a year-only one after its year, each marked.
    assert [row[0] for table in years for row in table[1:]] == [
        "March 2021 (month only)",
        "2021 (year only)",
        "15 December 2022",
        "15 December 2022",
    ]
    assert '<span class="claim-when">15 December 2022</span>' in pages["themes/the-ports.md"]
    assert "latest event is 15 December 2022" in pages["index.md"]


def test_claim_kind_and_attribution_labels(pages: dict[str, str]) -> None:
    ports = pages["themes/the-ports.md"]
    dues = ports.split("{: #record-dues")[1].split("{: #")[0]
    assert "; attributed to [harbour master of Vučić Bay](../actors/harbour-master.md)" in dues
    alert = pages["themes/the-fleet.md"]
    assert "claim-kind--fact" in alert and "hedge:" not in alert
    militia = pages["themes/the-militia.md"]
    assert "hedge: “is believed to”" in militia


# Escaping ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["figures/index.md", "timeline/index.md"])
def test_a_bar_in_text_stays_inside_its_table_cell(pages: dict[str, str], page: str) -> None:
    found = tables(pages[page])
    assert found
    for table in found:
        assert {len(row) for row in table} == {len(table[0])}
    cells = [cell for table in found for row in table for cell in row]
    assert any("(berths | anchorage)" in cell for cell in cells)


# CSV --------------------------------------------------------------------------------------------

FREE_TEXT = ("text", "hedge", "quote", "figure_unit", "figure_label")


def _csv_rows(briefing: Briefing) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render_site(briefing)["data/claims.csv"])))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"], ids=repr)
@pytest.mark.parametrize("field", FREE_TEXT)
def test_no_free_text_cell_can_start_a_formula(mini: Briefing, field: str, start: str) -> None:
    value = f"{start}SUM(A1:A9)"
    claim = mini.claims["duchy-trained-militia"]
    assert claim.figure is not None
    if field.startswith("figure_"):
        figure = claim.figure.model_copy(update={field.removeprefix("figure_"): value})
        claim = claim.model_copy(update={"figure": figure})
    else:
        claim = claim.model_copy(update={field: value})
    briefing = dataclasses.replace(mini, claims={**mini.claims, claim.id: claim})
    text = render_site(briefing)["data/claims.csv"]
    # Searched, not parsed: a lone carriage return is left unquoted (as Python 3.11's csv.writer
    # leaves it) and the csv module's reader refuses that.
    assert text.count(value) == text.count("'" + value) == 1


def test_csv_figures_are_plain_numbers(mini: Briefing) -> None:
    """A spreadsheet reads `1200` and `2.5` as numbers: no thousands separator, no '≈' (the
    column is a value) and no float's trailing `.0`."""
    values = {row["id"]: row["figure_value"] for row in _csv_rows(mini) if row["figure_value"]}
    assert values == {
        "duchy-trained-militia": "1200",
        "ruritanians-welcome-integration": "40",
        "warships-launched": "12",
        "record-dues": "2.5",
    }


def test_an_actor_page_lists_the_claims_attributed_to_it(pages: dict[str, str]) -> None:
    # The harbour master is named by record-dues only through `attributed_to`.
    claims = pages["actors/harbour-master.md"].split("\n## Claims\n")[1]
    assert "(../themes/the-ports.md#record-dues)" in claims


@pytest.mark.parametrize(
    ("when", "label"),
    [("2022", "2022"), ("2022-03", "March 2022"), ("2022-03-05", "5 March 2022")],
)
def test_date_labels_at_each_precision(when: str, label: str) -> None:
    assert date_label(when) == label
