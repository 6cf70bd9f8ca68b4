"""Validation: every rule has a failing input with its exact message, line and column."""

from __future__ import annotations

import resource
import shutil
import time
from pathlib import Path

import pytest

from briefing.data.load import load_briefing
from briefing.data.problems import Severity
from briefing.data.yamlio import parse_document
from conftest import MINI, TESTS, overlay_case

CASES = sorted(path for path in (TESTS / "cases" / "invalid").iterdir() if path.is_dir())


def report(data: Path) -> str:
    return "".join(f"{problem}\n" for problem in load_briefing(data).problems)


@pytest.mark.parametrize("case", CASES, ids=lambda path: path.name)
def test_invalid_data_is_reported_exactly(
    case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, update_errors: bool
) -> None:
    overlay_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)  # so messages read data/..., as an editor sees them
    result = load_briefing(Path("data"))
    text = "".join(f"{problem}\n" for problem in result.problems)
    expected = case / "expected.err"
    if update_errors:
        expected.write_text(text, "utf-8")
    assert result.briefing is None
    assert any(problem.severity is Severity.ERROR for problem in result.problems)
    assert text == expected.read_text("utf-8")


def test_mini_fixture_is_valid(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(MINI)
    result = load_briefing(Path("data"))
    assert result.problems == []
    assert result.briefing is not None
    assert list(result.briefing.claims) == [
        "fleet-on-alert",
        "duchy-trained-militia",
        "ruritanians-welcome-integration",
        "bay-harbours",
        "warships-launched",
        "record-dues",
    ]


def test_real_data_is_valid() -> None:
    result = load_briefing(TESTS.parent / "data")
    assert [str(problem) for problem in result.problems] == []


def test_draft_briefing_reports_coverage_as_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    article = data / "article.yml"
    text = article.read_text("utf-8").split("argument:")[0]  # it cites the claims removed below
    article.write_text(text + "draft: true\n", "utf-8")
    (data / "claims" / "the-fleet.yml").write_text("[]\n", "utf-8")
    (data / "published.yml").unlink()  # a draft never built: nothing published yet
    monkeypatch.chdir(tmp_path)
    result = load_briefing(Path("data"))
    assert result.briefing is not None
    assert [str(problem) for problem in result.problems] == [
        "data/article.yml:9:7: warning: paragraph p01 yields no claim",
        "data/sources.yml:1:7: warning: source 'src-march' backs no claim",
        "data/sources.yml:4:7: warning: source 'src-high-alert' backs no claim",
        "data/themes.yml:1:7: warning: theme 'the-fleet' has no claims",
    ]


def test_oversized_file_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    (data / "levers.yml").write_text("# padding\n" * 600_000, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert report(Path("data")) == (
        "data/levers.yml:1:1: error: file is 6,000,000 bytes; the limit is 5,000,000\n"
    )


def test_alias_bomb_is_refused_fast_with_bounded_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Twenty levels of nine-fold aliases would expand to 9**20 items if anything followed them.
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 20)]
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    (data / "levers.yml").write_text("\n".join(lines) + "\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.process_time()
    text = report(Path("data"))
    assert time.process_time() - started < 5  # generous: expansion would never finish
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB
    assert text.startswith("data/levers.yml:2:10: error: YAML aliases are not allowed: *a0 repeats")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- id: a\n\ttext: b\n", "2:1: ...; indent with spaces only: this line's indentation has"),
        (
            "- id: a\n  text: Note: this\n",
            "2:13: ...; a value with ': ' in it must be quoted: text: \"Note: this\"",
        ),
        (
            '- id: a\n  quote: say "x: y"\n',
            "2:16: ...; a value with ': ' in it must be quoted: quote: 'say \"x: y\"'",
        ),
        (
            "- id: a\n  text: b\n kind: c\n",
            "3:2: ...; this line is indented by 1 space, the line above by 2 spaces",
        ),
        ("- id: a\n  text: b\nid: c\n", "3:1: ...; a new item starts here without '- ': - id: c"),
        ("- id: a\ntext: b\n", "2:1: ...; this line stands at the level of the list's '- ' items"),
        ("id: a\ntext: b\n- id: c\n", "3:1: ...; the lines above at this indentation have no '- '"),
        (
            "- id: a\n  levers:\n    - navy\n    army\n",
            "4:5: ...; a list item needs '- ' before it: - army",
        ),
        ("-id: a\n  text: b\n", "2:7: ...; a list item starts with '- ' (a dash, then a space)"),
        ("- id: a\n  levers: [navy\n  actors: [b]\n", "3:9: ...did not find expected ',' or ']'"),
    ],
    ids=[
        "tab",
        "colon",
        "colon-with-quotes",
        "indentation",
        "new-item",
        "field-at-list-level",
        "first-item",
        "list-item",
        "dash-without-space",
        "no-hint",
    ],
)
def test_yaml_syntax_errors_say_the_likely_cause(text: str, expected: str) -> None:
    _, _, problems = parse_document("x.yml", text.encode())
    [problem] = problems
    where, hint = expected.split(": ...", 1)
    assert f"{problem.line}:{problem.column}" == where
    message = problem.message
    assert message.startswith("invalid YAML: ")
    if hint.startswith(";"):
        assert hint in message
    else:  # no cause that fits: the parser's words alone
        assert message.endswith(hint) and "; " not in message


def test_a_relation_end_may_be_named_through_attributed_to() -> None:
    """The invalid case relation-end-not-attributed is the other way: without the attribution,
    the same relation is refused."""
    result = load_briefing(MINI / "data")
    assert result.problems == [] and result.briefing is not None
    master = result.briefing.actors["harbour-master"]
    (relation,) = master.relations
    claim = result.briefing.claims[relation.claim]
    assert "harbour-master" not in claim.actors and claim.attributed_to == "harbour-master"
