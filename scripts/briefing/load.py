"""YAML files -> validated model: parse with positions, validate each record, cross-check.

Returns problems; never prints. Everything is loaded and checked before anything is rendered.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from briefing.messages import describe_error
from briefing.model import Actor, Article, Claim, Lever, Source, Target, Theme
from briefing.perf import without_gc
from briefing.problems import Problem, Severity, has_errors
from briefing.yamlio import Document, Loc, parse_document

R = TypeVar("R", bound=BaseModel)

ARTICLE_FILE = "article.yml"
PUBLISHED_FILE = "published.yml"
"""The claim ids ever published (see `briefing.published`)."""
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
    unreadable: set[str] = field(default_factory=set)
    """Kinds with a file that could not be read at all: references into them are not checked."""
    incomplete: set[str] = field(default_factory=set)
    """Kinds with an unreadable file or an invalid record: checks that need them all are skipped."""
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class LoadResult:
    """The briefing (None when there are errors) and every problem found, in file order."""

    briefing: Briefing | None
    problems: list[Problem]


@without_gc
def load_briefing(data_dir: Path) -> LoadResult:
    """Read and check every data file under `data_dir`; return the briefing or the problems."""
    from briefing.check import check_briefing  # the cross-checks import this module's types

    loaded = Loaded(collections={kind: Collection() for kind in COLLECTIONS})
    _load_article(data_dir, loaded)
    for kind, model in COLLECTIONS.items():
        for path in data_files(data_dir, kind):
            _load_collection(path, kind, model, loaded)
    loaded.problems.extend(_unknown_files(data_dir))
    if loaded.article is not None:
        loaded.problems.extend(check_briefing(loaded, complete=not has_errors(loaded.problems)))
    loaded.problems.extend(_check_published(data_dir, loaded))
    problems = sorted(set(loaded.problems))
    if has_errors(problems) or loaded.article is None:
        return LoadResult(None, problems)
    return LoadResult(_assemble(loaded, loaded.article), problems)


def _check_published(data_dir: Path, loaded: Loaded) -> list[Problem]:
    from briefing.published import check_published  # it imports this module's types

    return check_published(data_dir, loaded)


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


def _read(path: Path, loaded: Loaded) -> tuple[Document | None, Any]:
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        loaded.problems.append(Problem(name, 1, 1, f"cannot read file: {error.strerror}"))
        return None, None
    document, data, problems = parse_document(name, raw)
    loaded.problems.extend(problems)
    return document, data


def _load_article(data_dir: Path, loaded: Loaded) -> None:
    path = data_dir / ARTICLE_FILE
    if not path.is_file():
        message = f"missing file: the article's metadata and paragraphs belong in {ARTICLE_FILE}"
        loaded.problems.append(Problem(display_path(path), 1, 1, message))
        return
    document, data = _read(path, loaded)
    if document is None:
        return
    if not isinstance(data, dict):
        message = f"expected a mapping of article fields (title: ...), found {_shape(data)}"
        loaded.problems.append(document.problem((), message))
        return
    try:
        loaded.article = Article.model_validate(data)
        loaded.article_origin = Origin(document, ())
    except ValidationError as error:
        loaded.problems.extend(_model_problems(document, (), "article", error, Article))


def _load_collection(path: Path, kind: str, model: type[BaseModel], loaded: Loaded) -> None:
    document, data = _read(path, loaded)
    if document is None or not isinstance(data, list):
        loaded.unreadable.add(kind)
        loaded.incomplete.add(kind)
    if document is None:
        return
    if not isinstance(data, list):
        found = _shape(data)
        message = f"expected a list of {kind} (each item starting with '- '), found {found}"
        loaded.problems.append(document.problem((), message))
        return
    collection = loaded.collections[kind]
    for number, item in enumerate(data):
        raw_id = item.get("id") if isinstance(item, dict) else None
        label = (
            f"{SINGULAR[kind]} '{raw_id}'"
            if isinstance(raw_id, str)
            else f"{SINGULAR[kind]} #{number + 1}"
        )
        try:
            record = model.model_validate(item)
        except ValidationError as error:
            loaded.problems.extend(_model_problems(document, (number,), label, error, model))
            loaded.incomplete.add(kind)
            if isinstance(raw_id, str):
                loaded.raw_ids.add(raw_id)
            continue
        record_id: str = record.id  # type: ignore[attr-defined]
        if record_id in collection.records:
            first = collection.origins[record_id].problem("id", message="")
            where = f"{first.path}:{first.line}"
            message = f"duplicate {SINGULAR[kind]} id '{record_id}' (first defined at {where})"
            loaded.problems.append(document.problem((number, "id"), message))
            continue
        collection.records[record_id] = record
        collection.origins[record_id] = Origin(document, (number,))


def _model_problems(
    document: Document, loc: Loc, label: str, error: ValidationError, model: type[BaseModel]
) -> list[Problem]:
    problems = []
    for detail in error.errors(include_url=False):
        where: Loc = (*loc, *detail["loc"])
        message = f"{label}: {describe_error(detail, model)}"
        at_key = detail["type"] == "extra_forbidden"
        problems.append(document.problem(where, message, at_key=at_key))
    return problems


def _shape(data: object) -> str:
    if data is None:
        return "nothing"
    names: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
    return names.get(type(data), type(data).__name__)


def _unknown_files(data_dir: Path) -> list[Problem]:
    """A misspelt file name would silently drop its records, so every YAML file must be known."""
    known = {data_dir / ARTICLE_FILE, data_dir / PUBLISHED_FILE}
    for kind in COLLECTIONS:
        known.update(data_files(data_dir, kind))
    problems = []
    for path in sorted(data_dir.rglob("*.y*ml")):
        if path not in known:
            expected = ", ".join([ARTICLE_FILE, *(f"{kind}.yml" for kind in COLLECTIONS)])
            hint = difflib.get_close_matches(path.name, expected.split(", "), n=1)
            tip = (
                f"; did you mean '{hint[0]}'?"
                if hint
                else f" (expected {expected} or <kind>/*.yml)"
            )
            problems.append(Problem(display_path(path), 1, 1, f"unknown data file{tip}"))
    return problems


def _assemble(loaded: Loaded, article: Article) -> Briefing:
    records = {kind: collection.records for kind, collection in loaded.collections.items()}
    return Briefing(
        article=article,
        themes=dict(sorted(records["themes"].items(), key=lambda item: (item[1].order, item[0]))),
        levers=dict(sorted(records["levers"].items(), key=lambda item: (item[1].order, item[0]))),
        targets=dict(sorted(records["targets"].items(), key=lambda item: (item[1].order, item[0]))),
        actors=dict(sorted(records["actors"].items(), key=lambda item: item[1].name.casefold())),
        claims=records["claims"],
        sources=records["sources"],
    )
