"""Honest evidence: every view says what the data holds. Each claim's evidence in words, the
home page's evidence base, the sources register, the split leverage matrix and the annotated
article, rendered from small briefings written here (independent of the mini fixture)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.data.load import Briefing, load_briefing
from briefing.pages.evidence import Status, claim_evidence, place_sources
from briefing.pages.render import render_site

PARAGRAPH = (
    "The [fleet sailed] in May and the crews cheered. Nobody [knows why] it left. "
    "It will return, analysts think."
)


def claim(claim_id: str, quote: str, **fields: Any) -> dict[str, Any]:
    return {"id": claim_id, "text": f"Claim {claim_id}.", "kind": "fact", "theme": "t",
            "paragraph": "p01", "quote": quote, **fields}  # fmt: skip


def write_briefing(
    folder: Path,
    claims: list[dict[str, Any]],
    sources: list[dict[str, Any]] | None = None,
    paragraphs: list[str] | None = None,
) -> Briefing:
    data = folder / "data"
    (data / "claims").mkdir(parents=True)
    texts = paragraphs or [PARAGRAPH]
    article = {
        "title": "T", "author": "A", "author_bio": "A writes.", "publisher": "P",
        "source_note": "Written for a test.", "date_note": "Undated.",
        "paragraphs": [{"id": f"p{n + 1:02d}", "text": t} for n, t in enumerate(texts)],
    }  # fmt: skip
    if sources is None:
        sources = [
            {"id": "src-fleet", "cited_as": "fleet sailed", "paragraph": "p01"},
            {"id": "src-knows", "cited_as": "knows why", "paragraph": "p01"},
        ]
    files = {
        "article.yml": article,
        "themes.yml": [{"id": "t", "title": "Theme", "summary": "What it argues.", "order": 1}],
        "levers.yml": [
            {"id": "ships", "title": "Ships", "summary": "Naval power.", "order": 1},
            {"id": "words", "title": "Words", "summary": "Talk.", "order": 2},
        ],
        "targets.yml": [
            {"id": "bay", "title": "The bay", "order": 1},
            {"id": "port", "title": "The port", "order": 2},
        ],
        "actors.yml": [{"id": "fleet", "name": "Fleet", "kind": "armed-group", "role": "Sails."}],
        "sources.yml": sources,
        "claims/t.yml": claims,
    }
    for name, content in files.items():
        (data / name).write_text(yaml.safe_dump(content, allow_unicode=True), "utf-8")
    result = load_briefing(data)
    assert result.briefing is not None, [str(p) for p in result.problems]
    return result.briefing


@pytest.fixture
def three_statuses(tmp_path: Path) -> Briefing:
    """One claim citing a marker, one whose sentence cites a marker it does not, one uncited."""
    return write_briefing(
        tmp_path,
        [
            claim("sailed", "The fleet sailed in May", sources=["src-fleet"]),
            claim("cheered", "the crews cheered"),
            claim("why", "Nobody knows why it left", kind="assessment", sources=["src-knows"]),
            claim("return", "It will return", kind="forecast", key_judgment=True),
        ],
    )


def test_each_claim_gets_its_evidence_status(three_statuses: Briefing) -> None:
    evidence = claim_evidence(three_statuses, place_sources(three_statuses))
    assert {cid: (e.status, e.cited, e.sentence) for cid, e in evidence.items()} == {
        "sailed": (Status.CITED, ("src-fleet",), ()),
        "cheered": (Status.SENTENCE, (), ("src-fleet",)),
        "why": (Status.CITED, ("src-knows",), ()),
        "return": (Status.NONE, (), ()),
    }


def test_a_claim_section_says_its_evidence_in_words(three_statuses: Briefing) -> None:
    page = render_site(three_statuses)["themes/t.md"]
    sections = dict(re.findall(r"\{: #([a-z-]+) \.claim-title \}(.*?)(?=\n## |\Z)", page, re.S))
    assert (
        "**Evidence:** cites [“fleet sailed”](../article/index.md#m-src-fleet)"
        in sections["sailed"]
    )
    assert "([register](../sources/index.md#src-fleet))" in sections["sailed"]
    assert (
        "**Evidence:** no citation of its own; its sentence cites [“fleet sailed”]"
        in sections["cheered"]
    )
    assert "**Evidence:** no citation in the article." in sections["return"]


def test_kinds_are_labelled_as_what_they_are_with_a_visible_legend(
    three_statuses: Briefing,
) -> None:
    pages = render_site(three_statuses)
    for path in ("themes/t.md", "index.md", "levers/index.md", "article/index.md"):
        assert "**How the article holds each claim:**" in pages[path], path
        assert "the article states it as fact; not verified here" in pages[path], path
    theme = pages["themes/t.md"]
    assert (
        'claim-kind--fact" title="the article states it as fact; not verified here">reported<'
        in theme
    )
    assert ">fact<" not in theme


def test_the_home_page_states_the_evidence_base(three_statuses: Briefing) -> None:
    home = render_site(three_statuses)["index.md"]
    assert "Of the 4 claims, **2** cite one of the article's citation markers;" in home
    assert "**1** has no citation of its own but stands in a sentence" in home
    assert "**1** carries no citation at all." in home
    assert "None of the article's 2 citation markers kept its address" in home
    key = home[home.index("## Key judgments") :]
    assert "Claim return\\." in key and "Evidence: no citation in the article." in key


@pytest.mark.parametrize(
    ("urls", "home_words", "register_words"),
    [
        (["", ""], "None of the article's 2 citation markers kept its address",
         "No address survived"),
        (["https://a.example/x", ""], "1 of the article's 2 citation markers kept their address",
         "1 of these 2 links lost their address"),
        (["https://a.example/x", "https://b.example/y"], "Every one of the article's 2 citation",
         None),
    ],
)  # fmt: skip
def test_address_status_is_said_once_and_only_when_true(
    tmp_path: Path, urls: list[str], home_words: str, register_words: str | None
) -> None:
    sources = [
        {"id": "src-fleet", "cited_as": "fleet sailed", "paragraph": "p01", "url": urls[0]},
        {"id": "src-knows", "cited_as": "knows why", "paragraph": "p01", "url": urls[1]},
    ]
    briefing = write_briefing(
        tmp_path,
        [claim("sailed", "The fleet sailed", sources=["src-fleet"]),
         claim("why", "Nobody knows why", sources=["src-knows"])],
        sources,
    )  # fmt: skip
    pages = render_site(briefing)
    assert home_words in pages["index.md"]
    register = pages["sources/index.md"]
    if register_words is None:
        assert "!!! note" not in register
    else:
        assert register.count(register_words) == 1
    missing = sum(1 for url in urls if not url)
    # Per row only where some addresses survive; when none does, the note at the top says it.
    assert register.count("*address not preserved*") == (missing if missing < len(urls) else 0)
    for url in filter(None, urls):
        escaped = url.replace(".", "\\.")
        assert f"[{escaped}]({url})" in register


def test_the_register_is_grouped_by_paragraph_and_links_to_markers(tmp_path: Path) -> None:
    briefing = write_briefing(
        tmp_path,
        [claim("sailed", "The fleet sailed", sources=["src-fleet"]),
         claim("later", "Later it sank", paragraph="p02", sources=["src-it"])],
        [{"id": "src-fleet", "cited_as": "fleet sailed", "paragraph": "p01"},
         {"id": "src-it", "cited_as": "it", "paragraph": "p02"}],
        [PARAGRAPH.replace("[knows why]", "knows why"), "Later [it] sank."],
    )  # fmt: skip
    register = render_site(briefing)["sources/index.md"]
    assert register.index("## ¶1 {#sources-p01}") < register.index("src-fleet")
    assert register.index("## ¶2 {#sources-p02}") < register.index("src-it")
    assert '<span id="src-it"></span>[“it”](../article/index.md#m-src-it)' in register
    assert "[Claim later\\.](../themes/t.md#later)" in register


def test_the_matrix_counts_reported_and_judged_apart(tmp_path: Path) -> None:
    briefing = write_briefing(
        tmp_path,
        [
            claim("sailed", "The fleet sailed", levers=["ships"], targets=["bay", "port"],
                  sources=["src-fleet"]),
            claim("cheered", "the crews cheered", kind="allegation", levers=["ships"],
                  targets=["bay"]),
            claim("why", "Nobody knows why", kind="assessment", levers=["ships"],
                  targets=["bay"], sources=["src-knows"]),
            claim("return", "It will return", kind="forecast", levers=["ships", "words"]),
        ],
    )  # fmt: skip
    page = render_site(briefing)["levers/index.md"]
    reported, judged = page.split("## Judged: assessments and forecasts")
    reported = reported.split("## Reported: facts and allegations")[1]

    def row(table: str, lever: str) -> list[str]:
        line = next(x for x in table.splitlines() if x.startswith(f"| [{lever}]"))
        return [re.sub(r"\{.*?\}|\[|\]\(.*?\)", "", cell).strip() for cell in line.split("|")[2:-1]]

    # Columns: The bay, The port, No single target, Claims (each claim once).
    assert row(reported, "Ships") == ["2", "1", "·", "**2**"]
    assert row(judged, "Ships") == ["1", "·", "1", "**2**"]
    assert row(reported, "Words") == ["·", "·", "·", "**0**"]
    assert row(judged, "Words") == ["·", "·", "1", "**1**"]
    assert "[1](#words--none)" in judged
    assert '{ aria-label="2 reported or alleged claims: Ships, The bay" }' in reported
    section = page[page.index("### Ships: The bay") :]
    assert section.index("*Reported: facts and allegations:*") < section.index("Claim sailed")
    assert section.index("*Judged: assessments and forecasts:*") < section.index("Claim why")


def test_the_article_marks_quotes_and_markers_with_anchors(three_statuses: Briefing) -> None:
    page = render_site(three_statuses)["article/index.md"]
    paragraph = page[page.index('<p id="p01"') :]
    for claim_id in ("sailed", "cheered", "why", "return"):
        assert paragraph.count(f'id="q-{claim_id}"') == 1, claim_id
    # A quote that starts inside a marker is marked inside the link and outside it, uncrossed.
    assert '<mark class="quote" id="q-sailed" tabindex="0" data-claims="sailed"' in paragraph
    assert '[<mark class="quote" data-claims="sailed"' in paragraph  # the piece inside the link
    assert "](../sources/index.md#src-fleet){: #m-src-fleet .marker }" in paragraph
    assert "](../sources/index.md#src-knows){: #m-src-knows .marker }" in paragraph
    assert 'data-tip="Claim: Claim cheered."' in paragraph
    assert '<span id="pc-cheered">[Claim cheered\\.](../themes/t.md#cheered)</span>' in page
    assert "[cheered](" not in page  # claims are listed by their text, never by id
    theme = render_site(three_statuses)["themes/t.md"]
    assert "[¶1](../article/index.md#q-cheered)" in theme


def test_overlapping_quotes_are_cut_into_pieces_that_never_cross(tmp_path: Path) -> None:
    briefing = write_briefing(
        tmp_path,
        [claim("a", "The fleet sailed in May", sources=["src-fleet"]),
         claim("b", "sailed in May and the crews", sources=["src-fleet"]),
         claim("c", "Nobody knows why", sources=["src-knows"])],
    )  # fmt: skip
    page = render_site(briefing)["article/index.md"]
    paragraph = page[page.index('<p id="p01"') : page.index("</p>")]
    assert '<mark class="quote" id="q-a" tabindex="0" data-claims="a"' in paragraph
    # Inside the marker's link: anchored, but the link takes the focus (tests/browser/test_html.py).
    assert 'id="q-b" data-claims="a b"' in paragraph
    assert 'data-tip="2 claims: Claim a. · Claim b."' in paragraph
    assert re.sub(r"<[^>]+>|\{:[^}]*\}|\]\([^)]*\)|\[|\\", "", paragraph.split("</a> ", 1)[1]) == (
        PARAGRAPH.replace("[", "").replace("]", "")
    )
