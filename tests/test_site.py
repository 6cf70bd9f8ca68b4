"""The writer: changed files rewritten, stale ones removed, hand-written ones never touched."""

from __future__ import annotations

import json
import os
from pathlib import Path

from briefing.site import MANIFEST, read_manifest, write_pages


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


def test_manifest_entries_cannot_point_outside_docs(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (tmp_path / "precious.md").write_text("keep\n", "utf-8")
    (docs / MANIFEST).write_text(json.dumps(["../precious.md", "/etc/passwd", "ok.md"]), "utf-8")
    assert read_manifest(docs) == {"ok.md"}
    write_pages({"index.md": "home\n"}, docs)
    assert (tmp_path / "precious.md").exists()
