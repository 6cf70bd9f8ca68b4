"""The fast YAML path builds exactly what PyYAML builds, or steps aside for the careful path."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.data.yamlio import _SLOW, _fast_load, _Loader
from conftest import ROOT, TESTS

FILES = sorted(
    path
    for folder in (ROOT / "data", TESTS / "fixtures", TESTS / "cases")
    for path in folder.rglob("*.yml")
)


def careful(text: str) -> object:
    return yaml.load(text, Loader=_Loader)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_data_file_loads_the_same_either_way(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    fast = _fast_load(text)
    assert _fast_load(text.encode("utf-8")) == fast  # the bytes, as a build passes them
    if fast is _SLOW:
        return  # the careful path handles it (and reports what is wrong)
    assert fast == careful(text)
    assert type(fast) is type(careful(text))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !fact 1\n",  # a tag
        "a: 1\na: 2\n",  # duplicate key
        "<<: {a: 1}\n",  # merge key
        "? [a, b]\n: c\n",  # a key that is not text
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # a syntax error
        "",  # nothing
        "# only a comment\n",
        "[" * 40 + "]" * 40 + "\n",  # deeper than 32 levels
        "[" * 34 + "]" * 34 + "\n",  # a node at level 33, the first too deep
        "a:\n" + "".join(f"{'  ' * n}- b:\n" for n in range(1, 17)) + "  " * 17 + "- c\n",
    ],
)
def test_unusual_text_takes_the_careful_path(text: str) -> None:
    assert _fast_load(text) is _SLOW


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("when: 2009\norder: 3\nflag: yes\nnone: ~\nratio: 1.5\n",
         {"when": 2009, "order": 3, "flag": True, "none": None, "ratio": 1.5}),
        ("date: 2022-12-15\nquoted: '12'\n", {"date": "2022-12-15", "quoted": "12"}),
        ("- a\n- [b, {c: d}]\n- |\n  block\n", ["a", ["b", {"c": "d"}], "block\n"]),
    ],
)  # fmt: skip
def test_scalars_resolve_as_the_project_loader_resolves_them(text: str, data: object) -> None:
    assert _fast_load(text) == data == careful(text)


scalars = st.one_of(
    st.text(max_size=12), st.integers(), st.booleans(), st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
)  # fmt: skip
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from([None, False, True]))
def test_generated_documents_load_the_same_either_way(document: object, flow: object) -> None:
    text = yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True)
    fast = _fast_load(text)
    if fast is not _SLOW:
        assert fast == careful(text)
