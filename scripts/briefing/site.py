"""The only writer: generated pages and exports into docs/, tracked by a manifest.

A file is rewritten only when its bytes change (`mkdocs serve` watches docs/), written atomically
with the permissions a plain open() gives (0666 less the umask), and never written over a
hand-written file. Atomically: a file in a folder that exists goes through a temporary file and a
rename; a folder that does not exist yet (every folder of a first build) is written whole in a
hidden staging folder and renamed into place once, which spares a rename per file (on ext4 the
renames doubled the system time of writing 7,000 pages). Either way no reader, and no run killed
mid-way, leaves a half-written page where MkDocs looks.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import secrets
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from briefing.data.problems import Problem
from briefing.data.published import (
    published_file_text,
    published_text,
    read_published,
)
from briefing.data.records import PUBLISHED_FILE, Briefing
from briefing.pages.render import render_site
from briefing.perf import without_gc

MANIFEST = ".generated.json"
TEMPORARY_PREFIX = ".briefing-tmp-"
"""Temporary files are dotfiles (MkDocs skips them) with a prefix no hand-written file has."""


@dataclass(frozen=True)
class WriteReport:
    """What a write did: files written, left as they were, removed; or why it refused."""

    written: tuple[str, ...] = ()
    unchanged: int = 0
    removed: tuple[str, ...] = ()
    refused: tuple[Problem, ...] = ()

    def __str__(self) -> str:
        return (
            f"{len(self.written)} file(s) written, {self.unchanged} unchanged, "
            f"{len(self.removed)} stale removed"
        )


@without_gc
def write_site(briefing: Briefing, docs_dir: Path) -> WriteReport:
    """Render and write every page; remove generated files that are no longer generated."""
    return write_pages(render_site(briefing), docs_dir)


def write_pages(pages: Mapping[str, str], docs_dir: Path) -> WriteReport:
    """Write `pages` under `docs_dir`, leaving hand-written files untouched."""
    previous = read_manifest(docs_dir)
    folders = _Folders()
    clashes = tuple(
        Problem(
            (docs_dir / path).as_posix(),
            1,
            1,
            "hand-written file has the name of a generated page; rename or move it",
        )
        for path in pages
        if path not in previous
        and folders.may_hold(os.path.join(docs_dir, path))
        and (docs_dir / path).exists()
    )
    if clashes:
        return WriteReport(refused=clashes)
    # Record every file that may exist before touching any: a run killed mid-way leaves no
    # generated file the next run would mistake for a hand-written one.
    _write_manifest(docs_dir, previous | set(pages))
    _remove_leftover_temporaries(docs_dir)
    staged = _Staging(os.fspath(docs_dir), folders)
    try:
        written = tuple(path for path, text in pages.items() if staged.write(path, text))
        staged.move_into_place()
    finally:
        staged.discard()
    removed = tuple(sorted(path for path in previous - set(pages) if _remove(docs_dir, path)))
    _write_manifest(docs_dir, set(pages))
    return WriteReport(written, len(pages) - len(written), removed)


class _Folders:
    """What one write has learnt of the folders it writes into, to spare thousands of system
    calls: the names each folder held when first listed, and the folders already made. Paths
    are strings here: pathlib's objects cost more than the system calls spared."""

    def __init__(self) -> None:
        self._names: dict[str, set[str] | None] = {}
        self._made: set[str] = set()

    def may_hold(self, path: str) -> bool:
        """False only when `path` was not in its folder's listing (or its folder did not
        exist): no file to compare with or to clash with. True when unsure."""
        folder, name = os.path.split(path)
        if folder not in self._names:
            try:
                self._names[folder] = set(os.listdir(folder or os.curdir))
            except (FileNotFoundError, NotADirectoryError):
                self._names[folder] = set()
            except OSError:  # unreadable: look for each file, as if not listed
                self._names[folder] = None
        names = self._names[folder]
        return names is None or name in names

    def make(self, folder: str) -> None:
        """Make `folder` and its parents, once per write."""
        if folder not in self._made:
            os.makedirs(folder or os.curdir, exist_ok=True)
            self._made.add(folder)


class _Staging:
    """Pages whose folder does not exist yet, written straight into a hidden staging folder per
    new folder, then each staging folder renamed to the new folder's name: one rename for all its
    pages. Pages in folders that exist are written one by one (`write_if_changed`)."""

    def __init__(self, docs_dir: str, folders: _Folders) -> None:
        self._docs_dir, self._folders = docs_dir, folders
        self._staging: dict[str, str] = {}  # new folder (docs-relative) -> its staging folder

    def write(self, path: str, text: str) -> bool:
        """Write one page; whether it was written (False: unchanged)."""
        new_folder = self._new_folder(path)
        if new_folder is None:
            target = os.path.join(self._docs_dir, path)
            return write_if_changed(target, text, self._folders)
        staging = self._staging.get(new_folder)
        if staging is None:
            parent = os.path.join(self._docs_dir, os.path.dirname(new_folder))
            self._folders.make(parent)
            staging = _create_temporary_folder(parent)
            self._staging[new_folder] = staging
        target = os.path.join(staging, path[len(new_folder) + 1 :])
        self._folders.make(os.path.dirname(target))
        _create_new(target, text.encode("utf-8"))
        return True

    def _new_folder(self, path: str) -> str | None:
        """The outermost folder of `path` that does not exist yet (docs-relative), if any."""
        folder = self._docs_dir
        parts = path.split("/")[:-1]
        for depth, part in enumerate(parts):
            folder = os.path.join(folder, part)
            if not self._folders.may_hold(folder):
                return "/".join(parts[: depth + 1])
        return None

    def move_into_place(self) -> None:
        """Rename each staging folder to its folder's name. Should the folder have appeared
        meanwhile, its files are moved in one by one instead."""
        for new_folder, staging in self._staging.items():
            target = os.path.join(self._docs_dir, new_folder)
            try:
                os.replace(staging, target)  # a folder: one rename (os.replace, as for files)
            except OSError:
                _move_files(staging, target)
                shutil.rmtree(staging)  # only emptied folders are left
        self._staging.clear()

    def discard(self) -> None:
        """Remove what is still staged (a write failed): nothing half-done is left behind."""
        for staging in self._staging.values():
            shutil.rmtree(staging, ignore_errors=True)
        self._staging.clear()


def _move_files(source: str, target: str) -> None:
    for folder, _, names in os.walk(source):
        into = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(into, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), os.path.join(into, name))


def write_into_site(pages: Mapping[str, str], site_dir: Path) -> None:
    """Write `pages` into the built site, after MkDocs has built it: MkDocs empties that folder
    before each build, so there is no manifest and nothing stale to remove."""
    for path, text in pages.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, "utf-8", newline="\n")


def link_into_site(path: Path, target: Path) -> None:
    """Make `path`, a folder of the built site, a link to `target`, a folder kept between builds
    while serving. MkDocs empties the site before each build but cannot remove a link (rmtree
    refuses one), and a link already in place is left alone. Where links cannot be made, the
    folder is copied."""
    if path.is_symlink() and Path(os.readlink(path)) == target:
        return
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
    try:
        path.symlink_to(target, target_is_directory=True)
    except OSError:  # e.g. Windows without the right to make links
        shutil.copytree(target, path)


def read_manifest(docs_dir: Path) -> set[str]:
    """Paths (relative to docs/) that an earlier run generated."""
    try:
        paths = json.loads((docs_dir / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return set()
    return (
        {path for path in paths if isinstance(path, str) and _is_safe(path)}
        if isinstance(paths, list)
        else set()
    )


def _is_safe(path: str) -> bool:
    """A manifest entry must stay inside docs/: the manifest is a file anyone could edit."""
    parts = Path(path).parts
    return bool(parts) and not Path(path).is_absolute() and ".." not in parts


def _write_manifest(docs_dir: Path, paths: set[str]) -> None:
    write_if_changed(docs_dir / MANIFEST, json.dumps(sorted(paths), indent=1) + "\n")


def write_if_changed(
    path: str | os.PathLike[str], text: str, folders: _Folders | None = None
) -> bool:
    """Write `text` to `path` atomically, unless the file already holds exactly these bytes (a
    rewrite would wake every watcher); return whether it was written. `folders`: what this
    write has learnt of the folders so far, if it writes many files."""
    target, data = os.fspath(path), text.encode("utf-8")
    if (folders is None or folders.may_hold(target)) and _holds(target, data):
        return False
    folder = os.path.dirname(target)
    if folders is None:
        os.makedirs(folder or os.curdir, exist_ok=True)
    else:
        folders.make(folder)
    handle, temporary = _create_temporary(folder)
    try:
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)
        raise
    return True


def _holds(path: str, data: bytes) -> bool:
    """Whether the file at `path` holds exactly `data` (False if it cannot be read)."""
    try:
        with open(path, "rb") as file:
            return file.read() == data
    except OSError:
        return False


def _write_all(handle: int, data: bytes) -> None:
    """All of `data` into the open file `handle`, straight through the descriptor: a file
    object would first ask whether it is a terminal and where it stands, two system calls."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _create_new(path: str, data: bytes) -> None:
    """A file that does not exist yet, holding `data` (in a staging folder no one reads)."""
    handle = os.open(path, _NEW_FILE, 0o666)
    try:
        _write_all(handle, data)
    finally:
        os.close(handle)


def _create_temporary_folder(folder: str) -> str:
    """A new, empty staging folder in `folder`, named as temporary files are."""
    while True:
        temporary = os.path.join(folder, f"{TEMPORARY_PREFIX}{_RUN}-{next(_SERIAL)}")
        try:
            os.mkdir(temporary)
        except FileExistsError:  # another process drew the same name: the next one
            continue
        return temporary


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _create_temporary(folder: str) -> tuple[int, str]:
    """A new, empty temporary file in `folder`, opened for writing. Not `tempfile.mkstemp`: its
    files are private (0600), and the rename would leave every generated page unreadable to
    others; created with 0666, the umask gives the mode a plain open() would."""
    while True:
        temporary = os.path.join(folder, f"{TEMPORARY_PREFIX}{_RUN}-{next(_SERIAL)}")
        try:
            return os.open(temporary, _NEW_FILE, 0o666), temporary
        except FileExistsError:  # another process drew the same 64 random bits: the next name
            continue


_RUN = secrets.token_hex(8)
"""This process's part of a temporary name, drawn once: another writer's differs..."""
_SERIAL = itertools.count()
"""...and a serial number tells this process's temporary files apart."""


def _remove_leftover_temporaries(docs_dir: Path) -> None:
    """A run killed between writing a temporary file or staging folder and renaming it leaves
    one behind."""
    for path in list(docs_dir.rglob(f"{TEMPORARY_PREFIX}*")):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _remove(docs_dir: Path, relative: str) -> bool:
    path = docs_dir / relative
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    for parent in path.parents:  # drop folders the generator emptied, never docs/ itself
        if parent == docs_dir or any(parent.iterdir()):
            break
        parent.rmdir()
    return True


@without_gc
def update_published(briefing: Briefing, data_dir: Path) -> bool:
    """Record the briefing's claim ids and aliases in the published file; True if it changed.
    Call it only once the briefing is published (its pages written or built)."""
    entries, _, problems = read_published(data_dir)
    if problems:  # the load reported them and refused the briefing; never overwrite them
        return False
    return write_if_changed(data_dir / PUBLISHED_FILE, published_text(briefing, entries, data_dir))


def start_published(data_dir: Path) -> Path:
    """An empty published file for a new project: nothing is published until its first build."""
    path = data_dir / PUBLISHED_FILE
    write_if_changed(path, published_file_text(data_dir, []))
    return path
