"""What loading gathers, named once for every stage that reads it: the data files and where
each lives, the records of each kind with where each was written, and the validated briefing.
`load` fills these; `check`, `published` and the pages only read them, so no stage imports back."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from briefing.data.hints import Hints
from briefing.data.problems import Problem, Severity
from briefing.data.yamlio import Document, Loc
from briefing.model import Actor, Article, Claim, Lever, Source, Target, Theme

SCHEMA_DIR = "schemas"
"""Where the per-kind schemas live, under the data folder."""
R = TypeVar("R", bound=BaseModel)

ARTICLE_FILE = "article.yml"
PUBLISHED_FILE = "published.yml"
"""The claim ids ever published (see `briefing.data.published`)."""
COLLECTIONS: dict[str, type[BaseModel]] = {
    "themes": Theme,
    "levers": Lever,
    "targets": Target,
    "actors": Actor,
    "claims": Claim,
    "sources": Source,
}
SINGULAR = {"themes": "theme", "levers": "lever", "targets": "target", "actors": "actor",
            "claims": "claim", "sources": "source"}  # fmt: skip


@dataclass(frozen=True)
class Origin:
    """Where a record was written: its document and its location in it."""

    document: Document
    loc: Loc

    def problem(
        self, *sub: str | int, message: str, severity: Severity = Severity.ERROR
    ) -> Problem:
        """A problem at a field of the record (or the record itself)."""
        return self.document.problem((*self.loc, *sub), message, severity)


@dataclass
class Collection(Generic[R]):
    """The valid records of one kind, by id, in file order, each with its origin."""

    records: dict[str, R] = field(default_factory=dict)
    origins: dict[str, Origin] = field(default_factory=dict)


@dataclass(frozen=True)
class Briefing:
    """The whole validated briefing: what every page and export is rendered from."""

    article: Article
    themes: Mapping[str, Theme]
    levers: Mapping[str, Lever]
    targets: Mapping[str, Target]
    actors: Mapping[str, Actor]
    claims: Mapping[str, Claim]
    sources: Mapping[str, Source]


@dataclass
class Loaded:
    """Everything read from a data folder, valid or not, for the cross-checks."""

    article: Article | None = None
    article_origin: Origin | None = None
    collections: dict[str, Collection[Any]] = field(default_factory=dict)
    raw_ids: set[str] = field(default_factory=set)
    """Ids of records that failed validation: known, so references to them are not reported too."""
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    """The same ids by kind, for the editors' lists of ids (`schema.known_ids`)."""
    unreadable: set[str] = field(default_factory=set)
    """Kinds with a file that could not be read at all: references into them are not checked."""
    incomplete: set[str] = field(default_factory=set)
    """Kinds with an unreadable file or an invalid record: checks that need them all are skipped."""
    problems: list[Problem] = field(default_factory=list)
    hints: Hints = field(default_factory=Hints)
    """The 'did you mean' hints given so far: a few per kind of id."""


def data_files(data_dir: Path, kind: str) -> list[Path]:
    """`<kind>.yml` and `<kind>/*.yml`, sorted by name: glob order is not stable across machines."""
    single = data_dir / f"{kind}.yml"
    return ([single] if single.is_file() else []) + sorted((data_dir / kind).glob("*.yml"))


def display_path(path: Path) -> str:
    """The path as an editor types it: relative to the working directory when it is below it."""
    if not path.is_absolute():
        return path.as_posix()
    try:
        relative = Path(os.path.relpath(path))
    except ValueError:  # another drive on Windows
        return path.as_posix()
    return path.as_posix() if relative.parts[:1] == ("..",) else relative.as_posix()


def schema_comment(data_dir: Path, path: Path) -> str:
    """The first line that points yaml-language-server (VS Code, Neovim, ...) at a file's schema."""
    kind = path.stem if path.parent == data_dir else path.parent.name
    relative = os.path.relpath(data_dir / SCHEMA_DIR / f"{kind}.schema.json", path.parent)
    return f"# yaml-language-server: $schema={Path(relative).as_posix()}"
