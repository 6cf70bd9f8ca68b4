"""'Did you mean' hints: difflib's answer, found by fewer comparisons, for a few values per kind."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.data.hints import HINT_LIMIT, Hints, by_length, closest
from briefing.data.load import load_briefing
from conftest import MINI, ROOT

ids = st.text(alphabet="ab-c", max_size=7)


@settings(max_examples=500, deadline=None)
@given(ids, st.lists(ids, max_size=30))
@example("ab", ["a", "abcc"])  # lengths 1 and 4 bound alike: the tie goes to the greater id
def test_closest_is_what_get_close_matches_returns(word: str, known: list[str]) -> None:
    expected = difflib.get_close_matches(word, known, n=1)
    assert closest(word, by_length(known)) == (expected[0] if expected else None)


REAL_IDS = sorted(
    record["id"]
    for path in sorted((ROOT / "data").rglob("*.yml"))
    if path.name not in ("article.yml", "published.yml")
    for record in yaml.safe_load(path.read_text("utf-8")) or ()
)


@pytest.mark.parametrize("position", [0, 5, -1])
def test_closest_finds_a_typos_id_as_get_close_matches_does(position: int) -> None:
    index = by_length(REAL_IDS)
    for name in REAL_IDS[::3]:
        typo = name[:position] + "x" + name[position:][1:] if position != -1 else name[:-1]
        expected = difflib.get_close_matches(typo, REAL_IDS, n=1)
        assert closest(typo, index) == (expected[0] if expected else None), typo


class _CountingMatcher(difflib.SequenceMatcher[str]):
    comparisons = 0

    def set_seq1(self, a: str) -> None:
        _CountingMatcher.comparisons += 1
        super().set_seq1(a)


def test_many_unknown_references_get_a_few_hints_in_linear_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A claims file removed from a large briefing leaves thousands of references unknown; a
    hint for each, compared with every claim id, took minutes (73 s at 100x the real data)."""
    data = tmp_path / "data"
    data.joinpath("claims").mkdir(parents=True)
    for path in MINI.joinpath("data").rglob("*.yml"):
        data.joinpath(path.relative_to(MINI / "data")).write_bytes(path.read_bytes())
    actors = yaml.safe_load((data / "actors.yml").read_text("utf-8"))
    claims = ["duchy-trained-militia", "warships-launched", "record-dues"]
    actors[1]["relations"] += [  # near spellings of claim ids: each would get a hint
        {"kind": "trains", "to": "militia", "detail": "d", "claim": f"{claims[n % 3]}-{n}"}
        for n in range(60)
    ]
    (data / "actors.yml").write_text(yaml.safe_dump(actors), "utf-8")
    monkeypatch.setattr(difflib, "SequenceMatcher", _CountingMatcher)
    monkeypatch.chdir(tmp_path)
    messages = [problem.message for problem in load_briefing(Path("data")).problems]
    unknown = [message for message in messages if "evidenced by unknown claim" in message]
    assert len(unknown) == 60
    assert sum("; did you mean" in message for message in unknown) == HINT_LIMIT
    assert unknown[0].endswith("'duchy-trained-militia-0'; did you mean 'duchy-trained-militia'?")
    assert _CountingMatcher.comparisons <= HINT_LIMIT * 6  # the mini data has six claims


def test_a_value_gets_its_hint_once_and_kinds_are_counted_apart() -> None:
    hints = Hints(limit=1)
    known = ["gas-deal", "oil-deal"]
    assert hints.hint("claims", "gas-dea", known) == "; did you mean 'gas-deal'?"
    assert hints.hint("claims", "gas-dea", known) == "; did you mean 'gas-deal'?"
    assert hints.hint("claims", "oil-dea", known) == ""  # the limit reached
    assert hints.hint("actors", "oil-dea", known) == "; did you mean 'oil-deal'?"
