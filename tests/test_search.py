"""The search records: each claim a record with its kind and the explorer's filters, escaped
when laid out for Pagefind; the built pages the records hold are left out of the index."""

from __future__ import annotations

from pathlib import Path

from briefing.data.load import load_briefing
from briefing.pages.labels import kind_label
from briefing.search import Record, indexed_pages, record_html, search_records
from conftest import MINI


def test_each_claim_is_a_record_landing_on_its_section() -> None:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    records = {record.url: record for record in search_records(briefing)}
    for claim in briefing.claims.values():
        record = records[f"/themes/{claim.theme}/#{claim.id}"]
        assert record.meta["title"] == claim.text
        assert record.meta["kind"] == kind_label(claim.kind.value)
        assert record.filters["claim"] == [claim.id]
        assert record.filters["kind"] == [claim.kind.value]
        assert record.filters["evidence"] == ["cited" if claim.sources else "uncited"]


def test_a_record_is_text_in_its_html() -> None:
    hostile = '<img src=x onerror="alert(1)">'
    record = Record("/x/", hostile, {"title": hostile, "kind": hostile}, {"actor": [hostile]})
    html = record_html(record)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;") == 4


def test_pages_the_records_hold_are_not_indexed(tmp_path: Path) -> None:
    for page in ("index.html", "about/index.html", "levers/index.html", "themes/x/index.html",
                 "actors/y/index.html", "article/index.html", "claims/index.html",
                 "c/z/index.html", "404.html", "pagefind/playground/index.html"):  # fmt: skip
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text("<html></html>", "utf-8")
    indexed = [path.relative_to(tmp_path).as_posix() for path in indexed_pages(tmp_path)]
    assert indexed == ["about/index.html", "index.html", "levers/index.html"]
