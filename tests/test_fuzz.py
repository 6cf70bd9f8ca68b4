"""Whatever the YAML holds, the outcome is a valid site or clean errors, never an exception:
a valid input renders the same bytes twice and its pages pass the strict build's link rules; an
invalid one is reported at positions inside the files, and the build writes nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sitecheck import broken_links

from briefing.cli import main as build
from briefing.data.load import LoadResult, load_briefing
from briefing.data.problems import Problem, has_errors
from briefing.pages.render import render_site
from conftest import MINI

FLEET = MINI / "data" / "claims" / "the-fleet.yml"
SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CLAIM_FIELDS = ["id", "text", "kind", "hedge", "attributed_to", "theme", "levers", "actors",
                "targets", "sources", "paragraph", "quote", "when", "figure", "key_judgment",
                "aliases", "extra"]  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["fleet-on-alert", "p01", "2021-02-29", "<script>", "javascript:x", "duchy"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def inside_its_file(problem: Problem) -> bool:
    """The position is a character of the file, or just past the end of a line (or of the
    file) where something is missing. Lines are split as YAML splits them; a file that is not
    UTF-8 is counted in bytes, as its error is."""
    raw = Path(problem.path).read_bytes()
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        lines: list[str] | list[bytes] = raw.split(b"\n")
    else:
        lines = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)
    if (problem.line, problem.column) == (len(lines) + 1, 1):
        return True  # the end of a file without a final line break: what was expected is missing
    if not 1 <= problem.line <= len(lines):
        return False
    return 1 <= problem.column <= len(lines[problem.line - 1]) + 1


def check_outcome(data: Path) -> LoadResult:
    """The properties every input must have; returns the load result for further checks."""
    result = load_briefing(data)
    if result.briefing is not None and not has_errors(result.problems):
        pages = render_site(result.briefing)
        first = dict(pages.items())
        assert first == dict(render_site(result.briefing).items())
        assert broken_links(first) == []
        return result
    assert has_errors(result.problems)
    for problem in result.problems:
        assert problem.message and inside_its_file(problem), str(problem)
    docs = data.parent / "docs"
    assert build(["build", "--data", str(data), "--docs", str(docs)]) == 1
    assert not docs.exists()
    return result


def names_the_change(result: LoadResult, field: str, old: object, new: object) -> bool:
    """Some error names the edited key, its new value or a value it replaced (an id that the
    edit left unused, say)."""
    names = {field}
    for value in (old, new):
        items = value if isinstance(value, list) else [value]
        names |= {str(item) for item in items if isinstance(item, str | int | float) and item != ""}
    return any(
        f"'{name}" in problem.message or f" {name}" in problem.message
        for problem in result.problems
        for name in names
    )


def pristine_claims() -> list[dict[str, object]]:
    """The fixture's claims, as before any example: examples share one copy of the data folder
    (the fixture runs once per test), so an edit starts from the original, not the last one."""
    claims: list[dict[str, object]] = yaml.safe_load(FLEET.read_text("utf-8"))
    return claims


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINI / "data", target)
    return target


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_as_a_claims_file(data: Path, text: str) -> None:
    (data / "claims" / "the-fleet.yml").write_text(text, "utf-8")
    check_outcome(data)


@SETTINGS
@given(raw=st.binary(max_size=300))
def test_any_bytes_as_a_sources_file(data: Path, raw: bytes) -> None:
    (data / "sources.yml").write_bytes(raw)
    check_outcome(data)


@SETTINGS
@given(document=values)
def test_any_yaml_document_as_an_actors_file(data: Path, document: object) -> None:
    (data / "actors.yml").write_text(yaml.safe_dump(document, allow_unicode=True), "utf-8")
    check_outcome(data)


@SETTINGS
@given(field=st.sampled_from(CLAIM_FIELDS), value=values)
def test_any_value_in_any_claim_field(data: Path, field: str, value: object) -> None:
    path = data / "claims" / "the-fleet.yml"
    claims = pristine_claims()
    old = claims[0].get(field)
    claims[0][field] = value
    path.write_text(yaml.safe_dump(claims, allow_unicode=True), "utf-8")
    result = check_outcome(data)
    if result.briefing is None:
        assert names_the_change(result, field, old, value), [str(p) for p in result.problems]


@SETTINGS
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_text_in_a_claim_renders(data: Path, text: str) -> None:
    path = data / "claims" / "the-fleet.yml"
    claims = pristine_claims()
    claims[0]["text"] = text
    path.write_text(yaml.safe_dump(claims, allow_unicode=True), "utf-8")
    result = load_briefing(data)
    if result.briefing is None:  # control characters YAML cannot carry are refused cleanly
        assert all(problem.line >= 1 for problem in result.problems)
        return
    page = render_site(result.briefing)["themes/the-fleet.md"]
    assert "<script" not in page.split("---", 2)[2].replace("<span", "")
