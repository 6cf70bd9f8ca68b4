"""Claim permalinks, /c/<id>/: one small HTML document per claim id and alias, exactly as in
tests/golden/permalinks/, escaped, and following a claim that moves."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from briefing.data.load import Briefing, load_briefing
from briefing.model import Claim
from briefing.pages.permalink import render_permalinks
from conftest import MINI, TESTS, assert_matches_goldens

GOLDEN = TESTS / "golden" / "permalinks"
SITE_NAME = "Moscow's Leverage in the Balkans: a briefing"


@pytest.fixture(scope="module")
def mini() -> Briefing:
    briefing = load_briefing(MINI / "data").briefing
    assert briefing is not None
    return briefing


def test_permalinks_match_goldens(mini: Briefing, update_goldens: bool) -> None:
    assert_matches_goldens(dict(render_permalinks(mini, SITE_NAME).items()), GOLDEN, update_goldens)


def test_every_claim_and_alias_has_a_permalink(mini: Briefing) -> None:
    pages = render_permalinks(mini, SITE_NAME)
    names = {name for claim in mini.claims.values() for name in (claim.id, *claim.aliases)}
    assert set(pages) == {f"c/{name}/index.html" for name in names}
    assert "c/fleet-alert/index.html" in pages  # the alias


def test_canonical_is_absolute_when_the_site_url_is_known(mini: Briefing) -> None:
    page = render_permalinks(mini, SITE_NAME, "https://example.org/brief/")[
        "c/fleet-alert/index.html"
    ]
    canonical = "https://example.org/brief/themes/the-fleet/#fleet-on-alert"
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert (
        '<meta http-equiv="refresh" content="0; url=../../themes/the-fleet/#fleet-on-alert">'
        in page
    )


def test_every_value_is_escaped(mini: Briefing) -> None:
    hostile = "<script>alert(\"x\")</script> & 'quoted'"
    claim = mini.claims["fleet-on-alert"]
    changed: dict[str, Claim] = {
        **mini.claims,
        claim.id: claim.model_copy(update={"text": hostile}),
    }
    briefing = dataclasses.replace(mini, claims=changed)
    page = render_permalinks(briefing, '"site" <b>')["c/fleet-on-alert/index.html"]
    assert "<script>" not in page and "<b>" not in page
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;quoted&#x27;"
    assert f'<meta property="og:title" content="{escaped}">' in page
    assert "<title>" + escaped + " - &quot;site&quot; &lt;b&gt;</title>" in page


def test_a_permalink_is_small(mini: Briefing) -> None:
    for path, text in render_permalinks(mini, SITE_NAME).items():
        assert len(text.encode("utf-8")) < 2048, path


def test_moving_a_claim_to_another_theme_keeps_its_permalinks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    fleet = data / "claims" / "the-fleet.yml"
    fleet.write_text(fleet.read_text("utf-8").replace("theme: the-fleet", "theme: the-militia"))
    themes = data / "themes.yml"  # the fleet theme would be left empty: retire it
    text = themes.read_text("utf-8")
    themes.write_text(text[text.index("- id: the-ports") :], "utf-8")
    briefing = load_briefing(data).briefing
    assert briefing is not None
    pages = render_permalinks(briefing, SITE_NAME)
    for name in ("fleet-on-alert", "fleet-alert"):
        page = pages[f"c/{name}/index.html"]
        assert 'content="0; url=../../themes/the-militia/#fleet-on-alert"' in page
