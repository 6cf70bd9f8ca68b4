"""The real briefing's data against the article itself: every citation marker is recorded."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from briefing.data.load import Briefing, load_briefing
from briefing.data.text import normalize
from briefing.model import ClaimKind, SourceRole
from conftest import ROOT, TESTS

SOURCE = TESTS / "fixtures" / "source" / "moscows-leverage-in-the-balkans.md"
SHARED = ROOT.parent / "shared" / "source" / SOURCE.name


def briefing() -> Briefing:
    result = load_briefing(ROOT / "data")
    assert result.briefing is not None, [str(p) for p in result.problems]
    return result.briefing


def markers_by_paragraph() -> list[tuple[int, str]]:
    """Each `[text](#)` marker of the supplied Markdown with its paragraph number, derived from
    the text alone: blocks split on blank lines, a block cut mid-sentence joined to the next."""
    body = SOURCE.read_text("utf-8").split("*Author Bio:*")[0]
    blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
    blocks = [b for b in blocks if not b.startswith(("#", "*"))]
    paragraphs: list[str] = []
    for block in blocks:
        if paragraphs and not re.search(r"[.!?”\"’]$", paragraphs[-1]):
            paragraphs[-1] = paragraphs[-1] + " " + block  # a page break cut this one
        else:
            paragraphs.append(block)
    found = []
    for number, paragraph in enumerate(paragraphs, start=1):
        paragraph = re.sub(r"\]\(#\)\s+\[", " ", paragraph)  # the link cut in two
        found += [(number, text) for text in re.findall(r"\[([^\]]+)\]\(#\)", paragraph)]
    return found


def test_the_fixture_copy_is_the_supplied_article() -> None:
    if not SHARED.is_file():  # it sits beside a checkout; CI has it too
        pytest.skip(f"{SHARED} is absent: the fixture copy cannot be compared with the original")
    assert SOURCE.read_bytes() == SHARED.read_bytes()


def test_every_marker_of_the_article_is_a_source_in_its_paragraph() -> None:
    sources = briefing().sources.values()
    recorded = Counter(
        (int(s.paragraph[1:]), normalize(s.cited_as))
        for s in sources
        if s.role is SourceRole.CITATION
    )
    markers = Counter((number, normalize(text)) for number, text in markers_by_paragraph())
    # 76 links: 75 in the body, one of them cut in two by a page break, and the closing credit.
    assert sum(markers.values()) == 74
    assert markers == recorded


def test_the_closing_marker_is_the_publishers_credit() -> None:
    credits = [s for s in briefing().sources.values() if s.role is SourceRole.CREDIT]
    assert [(s.cited_as, s.publisher) for s in credits] == [("Globetrotter", "Globetrotter")]


def test_no_address_is_invented() -> None:
    assert all(source.url == "" for source in briefing().sources.values())


def test_demostat_is_recorded_as_the_polls_publisher() -> None:
    poll = briefing().sources["src-51-percent-of-serbs"]
    assert poll.publisher == "Demostat"


def test_the_content_is_complete() -> None:
    data = briefing()
    kinds = Counter(claim.kind for claim in data.claims.values())
    assert len(data.claims) > 100
    assert set(kinds) == set(ClaimKind)
    dated = [claim.when for claim in data.claims.values() if claim.when]
    assert min(dated).startswith("1995") and max(dated) == "2022-12-15"
    assert any(claim.key_judgment for claim in data.claims.values() if claim.paragraph == "p24")
    assert data.article.latest_event == "2022-12-15"
