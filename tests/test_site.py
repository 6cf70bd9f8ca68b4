"""The writer: changed files rewritten, stale ones removed, hand-written ones never touched."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import site
from briefing.data.load import load_briefing
from briefing.pages.render import render_site
from briefing.site import MANIFEST, TEMPORARY_PREFIX, read_manifest, write_pages, write_site
from conftest import MINI


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_first_write_creates_pages_and_manifest(tmp_path: Path) -> None:
    report = write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
    assert report.written == ("index.md", "themes/a.md")
    assert (tmp_path / "themes" / "a.md").read_text("utf-8") == "a\n"
    assert json.loads((tmp_path / MANIFEST).read_text("utf-8")) == ["index.md", "themes/a.md"]


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    pages = {"index.md": "home\n", "themes/a.md": "a\n"}
    write_pages(pages, tmp_path)
    os.utime(tmp_path / "index.md", ns=(1, 1))  # any rewrite would change this
    before = snapshot(tmp_path)
    report = write_pages(pages, tmp_path)
    assert report.written == () and report.unchanged == 2
    assert snapshot(tmp_path) == before


def test_only_changed_pages_are_rewritten(tmp_path: Path) -> None:
    write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
    report = write_pages({"index.md": "home\n", "themes/a.md": "a2\n"}, tmp_path)
    assert report.written == ("themes/a.md",)


def test_stale_generated_pages_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
    report = write_pages({"index.md": "home\n"}, tmp_path)
    assert report.removed == ("themes/a.md",)
    assert not (tmp_path / "themes").exists()
    assert read_manifest(tmp_path) == {"index.md"}


@pytest.mark.parametrize("umask", [0o022, 0o027])
def test_generated_files_get_the_permissions_of_a_plain_open(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
        (tmp_path / "plain.txt").write_text("made by open()\n", "utf-8")
    finally:
        os.umask(previous)
    expected = 0o666 & ~umask  # 0644 under the usual umask 022
    for name in ("index.md", "themes/a.md", MANIFEST, "plain.txt"):
        assert (tmp_path / name).stat().st_mode & 0o777 == expected, name


def test_hand_written_files_are_never_touched(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("mine\n", "utf-8")
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "notes.md").write_text("mine too\n", "utf-8")
    write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
    write_pages({"index.md": "home\n"}, tmp_path)
    assert (tmp_path / "about.md").read_text("utf-8") == "mine\n"
    assert (tmp_path / "themes" / "notes.md").read_text("utf-8") == "mine too\n"


def test_a_hand_written_file_with_a_generated_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("my own home page\n", "utf-8")
    before = snapshot(tmp_path)
    report = write_pages({"index.md": "home\n", "themes/a.md": "a\n"}, tmp_path)
    assert [str(problem) for problem in report.refused] == [
        f"{tmp_path.as_posix()}/index.md:1:1: error: hand-written file has the name of a generated"
        " page; rename or move it"
    ]
    assert snapshot(tmp_path) == before  # nothing written, not even the manifest


def _three_writes(docs: Path) -> list[object]:
    """A clash refused, a first write, a rewrite of one changed page: the reports and files."""
    (docs / "themes").mkdir(parents=True)
    (docs / "themes" / "b.md").write_text("mine\n", "utf-8")
    pages = {"index.md": "home\n", "themes/a.md": "a\n", "themes/b.md": "b\n"}
    refused = [
        str(problem).replace(docs.as_posix(), "") for problem in write_pages(pages, docs).refused
    ]
    (docs / "themes" / "b.md").unlink()
    first = write_pages(pages, docs)
    second = write_pages({**pages, "themes/a.md": "a2\n"}, docs)
    files = {path: text for path, (text, _) in snapshot(docs).items()}
    return [refused, first.written, second.written, second.unchanged, files]


def test_a_folder_that_cannot_be_listed_is_written_as_one_that_can(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The writer lists each folder once to skip looking for files that are not there; where a
    folder cannot be listed, it looks for each file, with the same outcome."""
    listed = _three_writes(tmp_path / "listed")

    def unlistable(path: object) -> list[str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "listdir", unlistable)
    assert _three_writes(tmp_path / "unlisted") == listed
    assert listed[0] and listed[1] == ("index.md", "themes/a.md", "themes/b.md")
    assert listed[2:4] == [("themes/a.md",), 2]


def test_a_new_folder_is_written_whole_and_renamed_into_place_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build renames each new folder once, not each of its files; pages in folders that
    exist are still each renamed into place."""
    (tmp_path / "levers").mkdir()
    renamed: list[str] = []
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        renamed.append(Path(target).relative_to(tmp_path).as_posix())
        real_replace(source, target)

    monkeypatch.setattr(site.os, "replace", replace)
    pages = {
        "index.md": "home\n",
        "levers/index.md": "levers\n",
        **{f"actors/{k}.md": f"actor {k}\n" for k in range(5)},
        **{f"themes/a/{k}.md": f"theme {k}\n" for k in range(3)},
    }
    report = write_pages(pages, tmp_path)
    assert sorted(renamed) == [MANIFEST, "actors", "index.md", "levers/index.md", "themes"]
    assert set(report.written) == set(pages)
    assert {path: text.decode() for path, (text, _) in snapshot(tmp_path).items()} == {
        **pages,
        MANIFEST: json.dumps(sorted(pages), indent=1) + "\n",
    }
    assert not list(tmp_path.rglob(f"{TEMPORARY_PREFIX}*"))


def test_a_new_folder_that_appears_meanwhile_gets_the_files_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def replace(source: str, target: str) -> None:
        if os.path.isdir(source) and not os.path.exists(target):  # made while the build ran
            os.mkdir(target)
            Path(target, "notes.md").write_text("mine\n", "utf-8")
        real_replace(source, target)

    monkeypatch.setattr(site.os, "replace", replace)
    write_pages({"themes/a.md": "a\n", "themes/b/c.md": "c\n"}, tmp_path)
    assert (tmp_path / "themes" / "a.md").read_text("utf-8") == "a\n"
    assert (tmp_path / "themes" / "b" / "c.md").read_text("utf-8") == "c\n"
    assert (tmp_path / "themes" / "notes.md").read_text("utf-8") == "mine\n"
    assert not list(tmp_path.rglob(f"{TEMPORARY_PREFIX}*"))


def test_a_failed_write_leaves_no_staging_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_create = site._create_new
    created = 0

    def create_new(path: str, data: bytes) -> None:
        nonlocal created
        created += 1
        if created == 3:
            raise OSError(28, "No space left on device")
        real_create(path, data)

    monkeypatch.setattr(site, "_create_new", create_new)
    with pytest.raises(OSError, match="No space"):
        write_pages({f"actors/{k}.md": f"{k}\n" for k in range(5)}, tmp_path)
    assert not (tmp_path / "actors").exists()
    assert not list(tmp_path.rglob(f"{TEMPORARY_PREFIX}*"))


def test_manifest_entries_cannot_point_outside_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "precious.md").write_text("keep\n", "utf-8")
    (docs / MANIFEST).write_text(json.dumps(["../precious.md", "/etc/passwd", "ok.md"]), "utf-8")
    assert read_manifest(docs) == {"ok.md"}
    write_pages({"index.md": "home\n"}, docs)
    assert (tmp_path / "precious.md").exists()


def test_a_one_claim_edit_rewrites_only_the_pages_that_show_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(MINI / "data", data)
    briefing = load_briefing(data).briefing
    assert briefing is not None
    before = render_site(briefing)
    write_site(briefing, tmp_path / "docs")
    fleet = data / "claims" / "the-fleet.yml"
    fleet.write_text(fleet.read_text("utf-8").replace("Bay since", "Harbour since"), "utf-8")
    edited = load_briefing(data).briefing
    assert edited is not None
    report = write_site(edited, tmp_path / "docs")
    showing = {path for path, text in before.items() if "near Vučić Bay since" in text}
    assert set(report.written) == showing
    assert {"themes/the-fleet.md", "data/claims.json", "data/claims.csv"} <= showing
    assert "actors/index.md" not in showing and "themes/the-militia.md" not in showing


KILLER = """
import os, signal, sys
from pathlib import Path
import briefing.site as site
from briefing.data.load import load_briefing

after, stage = int(sys.argv[3]), sys.argv[4]
calls = 0
real_replace, real_write = os.replace, os.write

def counted() -> None:
    global calls
    calls += 1
    if calls > after:
        os.kill(os.getpid(), signal.SIGKILL)

def replace(source, target):
    if stage == "rename":
        counted()
    real_replace(source, target)

def half_write(handle, data):  # half of a file's bytes written when it is killed
    data, half = bytes(data), len(data) // 2
    written = real_write(handle, data[:half])
    counted()
    return written + real_write(handle, data[half:])

site.os.replace = replace
if stage == "write":
    site.os.write = half_write
site.write_site(load_briefing(Path(sys.argv[1])).briefing, Path(sys.argv[2]))
"""


def _generated_state(docs: Path) -> dict[str, str]:
    return {
        path.relative_to(docs).as_posix(): path.read_text("utf-8")
        for path in sorted(docs.rglob("*"))
        if path.is_file() and path.name not in ("about.md", MANIFEST)
    }


@pytest.mark.parametrize("first", [False, True], ids=["over-a-build", "first-build"])
@pytest.mark.parametrize("stage", ["write", "rename"])
@pytest.mark.parametrize("after", [0, 3, 11])
def test_a_killed_build_leaves_no_half_file_and_the_next_run_recovers(
    tmp_path: Path, stage: str, after: int, first: bool
) -> None:
    """Killed while writing a file or before renaming one (or a staged folder) into place: every
    page MkDocs can see is whole, the old one or the new one."""
    old_data, new_data, docs = tmp_path / "old", tmp_path / "new", tmp_path / "docs"
    shutil.copytree(MINI / "data", old_data)
    shutil.copytree(MINI / "data", new_data)
    militia = new_data / "claims" / "the-militia.yml"  # drop a claim: its pages go stale
    militia.write_text(militia.read_text("utf-8").split("- id: ruritanians")[0], "utf-8")
    (new_data / "published.yml").unlink()  # else the dropped claim's id must be retired
    sources = new_data / "sources.yml"
    sources.write_text(sources.read_text("utf-8").replace("  publisher: Test Polling\n", ""))
    article = new_data / "article.yml"
    article.write_text(article.read_text("utf-8") + "draft: true\n", "utf-8")
    docs.mkdir()
    (docs / "about.md").write_text("hand-written\n", "utf-8")
    old, new = (load_briefing(d).briefing for d in (old_data, new_data))
    assert old is not None and new is not None
    old_pages, new_pages = render_site(old), render_site(new)
    if first:
        old_pages = {}
        if stage == "rename":
            after = min(after, 5)  # a first build renames once per folder: a dozen renames
    else:
        write_site(old, docs)

    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(new_data), str(docs), str(after), stage], check=False
    )
    assert killed.returncode == -signal.SIGKILL
    seen = 0
    for path, text in _generated_state(docs).items():
        if any(part.startswith(TEMPORARY_PREFIX) for part in Path(path).parts):
            continue  # not a page: MkDocs skips dot-names and the next run removes them
        assert text in (old_pages.get(path), new_pages.get(path)), f"{path} is half-written"
        seen += 1
    assert seen >= len(old_pages)  # the old pages stay until the new ones are written

    write_site(new, docs)
    assert _generated_state(docs) == new_pages
    assert (docs / "about.md").read_text("utf-8") == "hand-written\n"
    assert read_manifest(docs) == set(new_pages)
