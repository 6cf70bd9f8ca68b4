"""The timeline: date order with imprecise dates last of their span, labels that say the
precision, and a figure in which every dated claim is a link to its section."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from briefing.data.load import Briefing, load_briefing
from briefing.model import Claim
from briefing.pages.timeline import render_timeline_svg, timeline_order, when_key, when_label
from conftest import MINI, ROOT

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real() -> Briefing:
    briefing = load_briefing(ROOT / "data").briefing
    assert briefing is not None
    return briefing


def test_a_month_comes_after_its_days_and_a_year_after_its_months() -> None:
    dates = ["2022", "2022-12", "2022-12-14", "2022-11", "2021", "2022-01-02", "2022-12-01"]
    ordered = sorted(dates, key=when_key)
    assert ordered == [
        "2021",
        "2022-01-02",
        "2022-11",
        "2022-12-01",
        "2022-12-14",
        "2022-12",
        "2022",
    ]


@pytest.mark.parametrize(
    ("when", "label"),
    [
        ("2022", "2022 (year only)"),
        ("2022-11", "November 2022 (month only)"),
        ("2022-12-15", "15 December 2022"),
    ],
)
def test_a_date_says_how_precise_it_is(when: str, label: str) -> None:
    assert when_label(when) == label


def test_claims_of_one_date_keep_their_order(real: Briefing) -> None:
    claims = list(real.claims.values())
    ordered = timeline_order(claims)
    assert [c.when for c in ordered] == sorted((c.when for c in claims if c.when), key=when_key)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.when == later.when:
            assert claims.index(earlier) < claims.index(later)


def _links(svg: str) -> dict[str, str]:
    root = ET.fromstring(svg)
    return {a.get("href", ""): a.get("aria-label", "") for a in root.iter(f"{SVG}a")}


def test_every_dated_claim_is_a_link_in_the_figure(real: Briefing) -> None:
    ordered = timeline_order(real.claims.values())
    urls = {claim.id: f"../themes/{claim.theme}/#{claim.id}" for claim in ordered}
    svg = render_timeline_svg(ordered, urls)
    links = _links(svg)
    assert len(links) == len(ordered) > 40
    for claim in ordered:
        assert links[urls[claim.id]] == f"{when_label(claim.when or '')}: {claim.text}"
    assert svg == render_timeline_svg(ordered, urls)  # deterministic
    name = ET.fromstring(svg).get("aria-label", "")
    assert name.startswith(f"Timeline of {len(ordered)} dated claims, 1995 to 15 December 2022")


def test_the_figure_escapes_the_data() -> None:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    claim = next(c for c in briefing.claims.values() if c.when)
    hostile: Claim = claim.model_copy(update={"text": 'A <b>"bold"</b> & \x01 claim'})
    svg = render_timeline_svg([hostile], {hostile.id: "x/#y"})
    assert _links(svg) == {"x/#y": f'{when_label(claim.when or "")}: A <b>"bold"</b> & claim'}
