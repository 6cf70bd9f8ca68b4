"""data/published.yml: a published claim id stays an id or alias, or is retired; builds add to
the file (sorted, only when it changes); `--check`, bad data and failed builds never write."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.cli import main
from briefing.data.load import load_briefing
from briefing.data.published import (
    PublishedId,
    _parse,
    published_file_text,
    published_text,
    read_published,
)
from briefing.data.published_yaml import read_as_written
from briefing.data.yamlio import _Loader, parse_document
from briefing.model import SLUG_PATTERN
from briefing.site import update_published
from conftest import MINI, ROOT, TESTS, mini_project

MILITIA = Path("claims/the-militia.yml")
RURITANIANS = "- id: ruritanians-welcome-integration"


def mini_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), "utf-8")


def entries(data: Path) -> list[dict[str, object]]:
    loaded = yaml.safe_load((data / "published.yml").read_text("utf-8"))
    assert isinstance(loaded, list)
    return loaded


def errors(data: Path) -> list[str]:
    return [str(problem) for problem in load_briefing(data).problems]


@pytest.mark.parametrize("data", [ROOT / "data", MINI / "data"], ids=["real", "mini"])
def test_the_committed_published_file_is_what_the_build_writes(data: Path) -> None:
    briefing = load_briefing(data).briefing
    assert briefing is not None
    previous, _, problems = read_published(data)
    assert problems == []
    expected = published_text(briefing, previous, data)
    assert (data / "published.yml").read_text("utf-8") == expected, "run: briefing build"


def test_a_missing_file_means_nothing_is_published_yet(tmp_path: Path) -> None:
    data = mini_data(tmp_path)
    (data / "published.yml").unlink()
    edit(data / MILITIA, RURITANIANS, "- id: integration-poll")
    assert errors(data) == []


def test_a_retired_id_may_vanish_and_stays_retired(tmp_path: Path) -> None:
    data = mini_data(tmp_path)
    edit(data / MILITIA, RURITANIANS, "- id: integration-poll")
    assert len(errors(data)) == 1
    edit(
        data / "published.yml",
        'further integration"\n',
        'further integration"\n  retired: true\n',
    )
    assert errors(data) == []
    briefing = load_briefing(data).briefing
    assert briefing is not None and update_published(briefing, data)
    by_id = {entry["id"]: entry for entry in entries(data)}
    assert by_id["ruritanians-welcome-integration"]["retired"] is True
    assert "retired" not in by_id["integration-poll"]


def test_a_retired_id_in_use_again_is_published_again(tmp_path: Path) -> None:
    data = mini_data(tmp_path)
    retired = 'further integration"\n  retired: true\n'
    edit(data / "published.yml", 'further integration"\n', retired)
    briefing = load_briefing(data).briefing
    assert briefing is not None and update_published(briefing, data)
    assert (data / "published.yml").read_bytes() == (MINI / "data" / "published.yml").read_bytes()


def test_a_new_id_with_the_same_quote_is_the_first_guess(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = mini_data(tmp_path)
    monkeypatch.chdir(tmp_path)
    fleet = data / "claims" / "the-fleet.yml"
    edit(fleet, "  aliases: [fleet-alert]\n", "")
    claim = fleet.read_text("utf-8")
    copy = claim.replace("- id: fleet-on-alert", "- id: navy-readiness")
    fleet.write_text(claim + copy.replace("  sources: [src-march, src-high-alert]\n", ""), "utf-8")
    assert errors(data) == [
        "data/published.yml:12:7: error: claim 'fleet-alert' was published but is no longer an id"
        " or alias; add 'fleet-alert' to the aliases of 'navy-readiness'?"
    ]


def test_the_build_adds_new_ids_sorted_keeps_old_ones_and_rewrites_only_on_change(
    tmp_path: Path,
) -> None:
    data = mini_data(tmp_path)
    published = data / "published.yml"
    edit(
        published,
        "- id: fleet-alert\n",
        "- id: zz-first-name\n  retired: true\n- id: fleet-alert\n",
    )
    edit(data / "claims" / "the-fleet.yml", "aliases: [fleet-alert]", "aliases: [fleet-alert, a-b]")
    briefing = load_briefing(data).briefing
    assert briefing is not None
    assert update_published(briefing, data)
    ids = [entry["id"] for entry in entries(data)]
    assert ids == sorted(ids) and {"a-b", "zz-first-name", "fleet-alert"} <= set(ids)
    assert published.read_text("utf-8").startswith(
        "# yaml-language-server: $schema=schemas/published.schema.json\n"
    )
    os.utime(published, ns=(1, 1))
    assert not update_published(briefing, data)
    assert published.stat().st_mtime_ns == 1  # unchanged: not rewritten


def test_briefing_build_records_ids_and_check_or_bad_data_never_write(tmp_path: Path) -> None:
    data = mini_data(tmp_path)
    published = data / "published.yml"
    edit(data / "claims" / "the-fleet.yml", "aliases: [fleet-alert]", "aliases: [fleet-alert, a-b]")
    before = published.read_bytes()
    assert main(["build", "--check", "--data", str(data), "--docs", str(tmp_path / "d")]) == 0
    assert published.read_bytes() == before
    edit(data / "claims" / "the-fleet.yml", "kind: fact", "kind: rumour")
    assert main(["build", "--data", str(data), "--docs", str(tmp_path / "d")]) == 1
    assert published.read_bytes() == before
    edit(data / "claims" / "the-fleet.yml", "kind: rumour", "kind: fact")
    assert main(["build", "--data", str(data), "--docs", str(tmp_path / "d")]) == 0
    assert "a-b" in {entry["id"] for entry in entries(data)}
    assert published.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def mkdocs_build(project: Path) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict`, without --quiet: MkDocs 1.6 then drops the warnings that strict
    mode counts, and a build with warnings succeeds."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, env=env, check=False
    )


def test_mkdocs_build_records_ids_only_when_it_succeeds(tmp_path: Path) -> None:
    mini_project(tmp_path)
    published = tmp_path / "data" / "published.yml"
    before = published.read_bytes()
    fleet = tmp_path / "data" / "claims" / "the-fleet.yml"
    edit(fleet, "aliases: [fleet-alert]", "aliases: [fleet-alert, a-b]")
    broken = tmp_path / "docs" / "broken.md"
    broken.write_text("[a link to nowhere](nowhere.md)\n", "utf-8")
    failed = mkdocs_build(tmp_path)
    assert failed.returncode == 1
    assert "Aborted with 1 warnings in strict mode" in failed.stdout + failed.stderr
    assert published.read_bytes() == before  # the build failed: nothing was published
    broken.unlink()
    built = mkdocs_build(tmp_path)
    assert built.returncode == 0, built.stderr
    assert "a-b" in {entry["id"] for entry in entries(tmp_path / "data")}


def test_a_new_project_starts_with_an_empty_published_file(tmp_path: Path) -> None:
    article = TESTS / "fixtures" / "articles" / "harbour-lights.md"
    assert main(["new", str(article), str(tmp_path / "p")]) == 0
    data = tmp_path / "p" / "data"
    assert entries(data) == []
    assert (data / "schemas" / "published.schema.json").is_file()
    assert load_briefing(data).briefing is not None


slugs = st.from_regex(SLUG_PATTERN, fullmatch=True).filter(lambda slug: len(slug) <= 80)
EDITS = [
    *("", " ", "\n", "#", "-", "- ", ":", '"', "\\", "\\n", "'", "\t", "\r", "\u2028", "\x85"),
    *("a", "7", "yes", "[]", "\ud800", "  retired: true\n", '  quote: "x"\n', "- id: b\n"),
]
"""Small hand edits: what YAML gives meaning to, and what the published file's layout holds."""
quotes = st.text(min_size=1, max_size=60).filter(str.strip)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(slugs, st.tuples(quotes, st.booleans()), max_size=6))
def test_the_written_file_reads_back_as_written(records: dict[str, tuple[str, bool]]) -> None:
    """The file is written without PyYAML's emitter; whatever a quote holds (quotes, backslashes,
    line breaks, NEL, separators, controls) and whatever an id looks like ('123', 'yes', 'null'),
    the loader reads back exactly the entries written."""
    written = [
        PublishedId(id=name, paragraph="p01", quote=quote, retired=retired)
        for name, (quote, retired) in sorted(records.items())
    ]
    data = Path("/nonexistent")  # only for the schema line
    text = published_file_text(data, written)
    entries, document, problems = _parse("published.yml", text.encode("utf-8"))
    assert problems == () and document is not None
    assert list(entries) == written
    read = yaml.load(text, Loader=_Loader)
    assert read == [entry.model_dump(exclude_defaults=True) for entry in written]
    as_written = read_as_written(text.encode("utf-8"))  # without the YAML parser
    quoted_id = any(f"- id: {entry.id}\n" not in text for entry in written)
    assert as_written is None if quoted_id else as_written == (text, read)


@pytest.mark.parametrize("data", [ROOT / "data", MINI / "data"], ids=["real", "mini"])
def test_a_file_as_the_build_writes_it_is_read_without_the_yaml_parser(data: Path) -> None:
    raw = (data / "published.yml").read_bytes()
    as_written = read_as_written(raw)
    assert as_written is not None
    assert as_written[1] == parse_document("published.yml", raw)[1]


edits = st.lists(
    st.tuples(st.integers(0, 400), st.integers(0, 3), st.sampled_from(EDITS)),
    min_size=1,
    max_size=3,
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(slugs, st.tuples(quotes, st.booleans()), min_size=1, max_size=4), edits)
def test_an_edited_file_is_read_as_the_yaml_loader_reads_it(
    records: dict[str, tuple[str, bool]], changes: list[tuple[int, int, str]]
) -> None:
    """A hand edit: the text is read without the YAML parser only while it is laid out as a
    build writes it, and then to the same entries; anything else goes to the YAML loader."""
    written = [
        PublishedId(id=name, paragraph="p01", quote=quote, retired=retired)
        for name, (quote, retired) in sorted(records.items())
    ]
    text = published_file_text(Path("/nonexistent"), written)
    for at, removed, inserted in changes:
        text = text[:at] + inserted + text[at + removed :]
    as_written = read_as_written(text.encode("utf-8", "surrogatepass"))
    if as_written is not None:
        document, data, problems = parse_document("p.yml", text.encode("utf-8", "surrogatepass"))
        assert problems == [] and document is not None
        assert as_written[1] == data


@pytest.mark.parametrize(
    ("text", "as_written"),
    [
        ('# c\n- id: a\n  paragraph: p01\n  quote: "q \\"r\\" \\\\ s"\n  retired: true\n', True),
        ("# c\n[]\n", True),
        ("- id: a\n- id: a\n", True),  # one id twice: the validation's to report, either way
        ("- id: 0x1f\n", False),  # YAML 1.1 reads a hexadecimal number
        ("- id: yes\n", False),  # and a boolean
        ("- id: -\n  paragraph: p01\n", False),  # a list in a list
        ("- id: a \n", False),  # a trailing space
        ('- id: a\n  quote: "q"\n  paragraph: p01\n', False),  # fields in another order
        ("- id: a\n  retired: false\n", False),
        ('- id: a\n  quote: "x\ty"\n', False),  # a tab, which the writer escapes
        ('- id: a\n  quote: "\\ud83d\\ude00"\n', False),  # two surrogates, not one character
        ('- id: a\n  quote: "\\/"\n', False),  # an escape the writer does not write
        ("# a\rb: c\n- id: a\n", False),  # a carriage return ends a comment
        ("# only a comment\n", False),
    ],
)
def test_only_the_layout_a_build_writes_is_read_without_the_yaml_parser(
    text: str, as_written: bool
) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    found = read_as_written(raw)
    assert (found is not None) == as_written
    if found is not None:
        document, data, problems = parse_document("p.yml", raw)
        assert problems == [] and document is not None and found[1] == data
