"""YAML files -> validated model: parse with positions, validate each record, cross-check.

Returns problems; never prints. Everything is loaded and checked before anything is rendered.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from briefing.data.check import check_briefing
from briefing.data.messages import model_problems, validated
from briefing.data.problems import Problem, has_errors
from briefing.data.published import check_published
from briefing.data.records import (
    ARTICLE_FILE,
    COLLECTIONS,
    PUBLISHED_FILE,
    SINGULAR,
    Briefing,
    Collection,
    Loaded,
    Origin,
    data_files,
    display_path,
)
from briefing.data.yamlio import Document, parse_document
from briefing.model import Article
from briefing.perf import without_gc

__all__ = [
    "ARTICLE_FILE",
    "COLLECTIONS",
    "PUBLISHED_FILE",
    "Briefing",
    "data_files",
    "load_briefing",
]


@dataclass(frozen=True)
class LoadResult:
    """The briefing (None when there are errors) and every problem found, in file order."""

    briefing: Briefing | None
    problems: list[Problem]


@without_gc
def load_briefing(data_dir: Path) -> LoadResult:
    """Read and check every data file under `data_dir`; return the briefing or the problems."""
    loaded = read_data(data_dir)
    if loaded.article is not None:
        loaded.problems.extend(check_briefing(loaded, complete=not has_errors(loaded.problems)))
    loaded.problems.extend(check_published(data_dir, loaded))
    problems = sorted(set(loaded.problems))
    if has_errors(problems) or loaded.article is None:
        return LoadResult(None, problems)
    return LoadResult(_assemble(loaded, loaded.article), problems)


def read_data(data_dir: Path) -> Loaded:
    """Every file read and every record validated on its own, before any cross-check."""
    loaded = Loaded(collections={kind: Collection() for kind in COLLECTIONS})
    misnamed = _misnamed_files(data_dir, loaded)
    _load_article(data_dir, loaded, report_missing="article" not in misnamed)
    for kind, model in COLLECTIONS.items():
        paths = data_files(data_dir, kind)
        for path in paths:
            _load_collection(path, kind, model, loaded)
        if not paths and kind == "claims" and _no_themes(loaded):
            continue  # one claims file per theme: a briefing with no theme yet has none
        if not paths and kind not in misnamed and data_dir.is_dir():  # no folder: the article
            message = (
                f"missing file: the {kind} belong in {kind}.yml or {kind}/*.yml"
                " (write [] if there are none)"
            )
            loaded.problems.append(Problem(display_path(data_dir / f"{kind}.yml"), 1, 1, message))
        if not paths or kind in misnamed:  # its records are elsewhere: references are not checked
            loaded.unreadable.add(kind)
            loaded.incomplete.add(kind)
    return loaded


def _no_themes(loaded: Loaded) -> bool:
    """The themes were read, and there are none."""
    return "themes" not in loaded.incomplete and not loaded.collections["themes"].records


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


def _load_article(data_dir: Path, loaded: Loaded, *, report_missing: bool) -> None:
    path = data_dir / ARTICLE_FILE
    if not path.is_file():
        if not report_missing:  # a misnamed article.yml is reported once, as misnamed
            return
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
        loaded.problems.extend(model_problems(document, (), "article", error, Article))


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
        if isinstance(data, dict) and "id" in data:  # one record without its '- '
            message += f"; for one {SINGULAR[kind]}, write '- id: ...' and indent its other fields"
        loaded.problems.append(document.problem((), message))
        return
    collection = loaded.collections[kind]
    for number, (item, record) in enumerate(validated(model, data)):
        if isinstance(record, ValidationError):
            _reject(document, kind, number, item, record, loaded)
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


def _reject(
    document: Document, kind: str, number: int, item: object, error: ValidationError, loaded: Loaded
) -> None:
    """Report an invalid record, and keep its id (if it has one) as known: references to it are
    not reported again."""
    raw_id = item.get("id") if isinstance(item, dict) else None
    label = (
        f"{SINGULAR[kind]} '{raw_id}'"
        if isinstance(raw_id, str)
        else f"{SINGULAR[kind]} #{number + 1}"
    )
    loaded.problems.extend(model_problems(document, (number,), label, error, COLLECTIONS[kind]))
    loaded.incomplete.add(kind)
    if isinstance(raw_id, str):
        loaded.raw_ids.add(raw_id)
        loaded.invalid_ids.setdefault(kind, set()).add(raw_id)


def _shape(data: object) -> str:
    if data is None:
        return "nothing"
    names: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
    return names.get(type(data), type(data).__name__)


def _misnamed_files(data_dir: Path, loaded: Loaded) -> set[str]:
    """Report every YAML file the loader would not read, once per file (once per unknown folder),
    naming the names expected; return the kinds ("article", "claims", ...) they seem meant for.

    A misspelt name would silently drop its records. Only `.yml` is read: one spelling keeps a
    kind's files, its schema association and its documentation in one form, and `x.yml` beside
    `x.yaml` could never both be meant.
    """
    known = {data_dir / ARTICLE_FILE, data_dir / PUBLISHED_FILE}
    for kind in COLLECTIONS:
        known.update(data_files(data_dir, kind))
    kinds: set[str] = set()
    folders: set[str] = set()
    for path in sorted(data_dir.rglob("*.y*ml")):
        if path in known or not path.is_file():
            continue
        parts = path.relative_to(data_dir).parts
        if len(parts) > 1 and parts[0] not in COLLECTIONS:
            if parts[0] in folders:
                continue  # one error for a misnamed folder, not one per file in it
            folders.add(parts[0])
        meant, message = _misnamed(parts, path)
        if meant is not None:
            kinds.add(meant)
        loaded.problems.append(Problem(display_path(path), 1, 1, message))
    return kinds


def _misnamed(parts: tuple[str, ...], path: Path) -> tuple[str | None, str]:
    """The kind an unread file seems meant for (None if unclear), and what to do about it."""
    names = ["article", *COLLECTIONS]
    if len(parts) == 1:
        stem = path.name.split(".")[0]
        if stem in names:
            return stem, f"data files end in .yml, not {path.suffix}: rename it to '{stem}.yml'"
        close = difflib.get_close_matches(stem, names, n=1)
        expected = ", ".join(f"{name}.yml" for name in names)
        guess = f"; did you mean '{close[0]}.yml'?" if close else ""
        message = f"unknown data file '{path.name}'{guess} (data files: {expected})"
        return (close[0] if close else None), message
    folder = parts[0]
    if folder in COLLECTIONS and len(parts) == 2:
        return folder, (
            f"data files end in .yml, not {path.suffix}: rename it to '{path.stem}.yml'"
        )
    if folder in COLLECTIONS:
        return folder, f"not read: the {folder} files sit directly in {folder}/, not in a subfolder"
    close = difflib.get_close_matches(folder, list(COLLECTIONS), n=1)
    expected = ", ".join(f"{kind}/" for kind in COLLECTIONS)
    guess = f"; did you mean '{close[0]}/'?" if close else ""
    message = f"unknown data folder '{folder}/'{guess} (data folders: {expected})"
    return (close[0] if close else None), message


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
