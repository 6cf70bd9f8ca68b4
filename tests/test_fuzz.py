"""Whatever the YAML holds, the outcome is a valid site or clean errors: never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.load import load_briefing
from briefing.render import render_site
from conftest import MINI

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


def check_outcome(data: Path) -> None:
    result = load_briefing(data)
    assert result.briefing is not None or result.problems
    for problem in result.problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    if result.briefing is not None:
        assert all(isinstance(text, str) for text in render_site(result.briefing).values())


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
    claims = yaml.safe_load(path.read_text("utf-8"))
    claims[0][field] = value
    path.write_text(yaml.safe_dump(claims, allow_unicode=True), "utf-8")
    check_outcome(data)


@SETTINGS
@given(text=st.text(min_size=1, max_size=200).filter(lambda t: t.strip()))
def test_any_text_in_a_claim_renders(data: Path, text: str) -> None:
    path = data / "claims" / "the-fleet.yml"
    claims = yaml.safe_load(path.read_text("utf-8"))
    claims[0]["text"] = text
    path.write_text(yaml.safe_dump(claims, allow_unicode=True), "utf-8")
    result = load_briefing(data)
    if result.briefing is None:  # control characters YAML cannot carry are refused cleanly
        assert all(problem.line >= 1 for problem in result.problems)
        return
    page = render_site(result.briefing)["themes/the-fleet.md"]
    assert "<script" not in page.split("---", 2)[2].replace("<span", "")
