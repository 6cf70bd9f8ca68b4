"""The claim ids ever published, in data/published.yml, so that no published link breaks silently.

Every claim id and alias is an address (`/c/<id>/`, `themes/<theme>/#<id>`). The file lists each
one a build has published, with the paragraph and quote it last showed: the clue to where a
renamed claim went. An id listed there must stay a claim's id or alias, or be marked
`retired: true` (its old links then break on purpose); anything else is an error.

When it is written: by `briefing build` after the pages are written, and by the MkDocs plugin at
the end of a `mkdocs build` (or `gh-deploy`) that succeeded; never by `briefing build --check`,
never while serving, never when the data has errors. The text is a function of the previous
file and the briefing (entries sorted by id), written atomically, and only when it changes.
A missing file means nothing is published yet.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from briefing.data.messages import model_problems, validated
from briefing.data.problems import Problem, Severity
from briefing.data.published_yaml import entry_yaml, read_as_written
from briefing.data.records import (
    PUBLISHED_FILE,
    Briefing,
    Loaded,
    data_files,
    display_path,
    schema_comment,
)
from briefing.data.text import normalize
from briefing.data.yamlio import Document, parse_document
from briefing.model import Claim, Flag, ParagraphId, Record, Slug, Text

HEADER = """\
# Every claim id and alias this briefing has published, with the paragraph and quote it last
# showed. `briefing build` and `mkdocs build` add to it: never remove an entry. To rename a claim,
# keep its old id in the claim's `aliases`; to let an old id's links break on purpose, mark its
# entry `retired: true`.
"""


class PublishedId(Record):
    """One published address: a claim id or alias, as a build last showed it."""

    id: Slug
    """A claim id or alias that a build has published."""
    paragraph: ParagraphId | None = None
    """The paragraph of the claim it named when last published."""
    quote: Text | None = None
    """That claim's quote when last published: where a renamed claim went is found by it."""
    retired: Flag = False
    """True when the id may no longer resolve: its old links break on purpose."""


PUBLISHED = TypeAdapter(list[PublishedId])


def published_schema() -> dict[str, Any]:
    """The JSON Schema of data/published.yml."""
    schema = PUBLISHED.json_schema()
    schema["title"] = PUBLISHED_FILE
    return schema


def read_published(data_dir: Path) -> tuple[list[PublishedId], Document | None, list[Problem]]:
    """The entries of the published file, its document (for positions) and its problems. A
    missing file is nothing published yet; an entry that is not valid is left out."""
    path = data_dir / PUBLISHED_FILE
    name = display_path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], None, []
    except OSError as error:
        return [], None, [Problem(name, 1, 1, f"cannot read file: {error.strerror}")]
    entries, document, problems = _parse(name, raw)
    return list(entries), document, list(problems)


@functools.lru_cache(maxsize=1)
def _parse(
    name: str, raw: bytes
) -> tuple[tuple[PublishedId, ...], Document | None, tuple[Problem, ...]]:
    """Parse and validate the file's bytes. Cached: a build reads the file when it loads the data
    and again when it records the ids, and at scale parsing it costs as much as writing it."""
    as_written = read_as_written(raw)
    if as_written is None:
        document, data, problems = parse_document(name, raw)
    else:  # as a build wrote it: read without the YAML parser
        document, data, problems = Document(name, as_written[0]), as_written[1], []
    if document is None:
        return (), None, tuple(problems)
    if not isinstance(data, list):
        shapes: dict[type, str] = {dict: "a mapping", str: "text"}
        found = shapes.get(type(data), type(data).__name__)
        message = f"expected a list of published ids (each item starting with '- '), found {found}"
        return (), document, (document.problem((), message),)
    return _validate(document, data)


def _validate(
    document: Document, data: list[Any]
) -> tuple[tuple[PublishedId, ...], Document, tuple[Problem, ...]]:
    """The valid entries, and a problem for each field of the others."""
    entries: list[PublishedId] = []
    problems: list[Problem] = []
    for number, (item, entry) in enumerate(validated(PublishedId, data)):
        if not isinstance(entry, ValidationError):
            entries.append(entry)
            continue
        raw_id = item.get("id") if isinstance(item, dict) else None
        label = (
            f"published id '{raw_id}'"
            if isinstance(raw_id, str)
            else f"published entry #{number + 1}"
        )
        problems.extend(model_problems(document, (number,), label, entry, PublishedId))
    return tuple(entries), document, tuple(problems)


def check_published(data_dir: Path, loaded: Loaded) -> list[Problem]:
    """Every published id must still be a claim's id or alias, unless retired: a problem at its
    entry in the published file, suggesting the claim it most likely belongs to now."""
    entries, document, problems = read_published(data_dir)
    if document is None or problems or not _claims_are_sound(data_dir, loaded):
        return problems
    claims: Mapping[str, Claim] = loaded.collections["claims"].records
    names = set(claims).union(*(claim.aliases for claim in claims.values()))
    vanished = [
        (number, entry)
        for number, entry in enumerate(entries)
        if not entry.retired and entry.id not in names
    ]
    if not vanished:
        return problems
    published = {entry.id for entry in entries}
    guess = _Guess(claims, published)
    for number, entry in vanished:
        home = guess.home(entry)
        advice = (
            f"add '{entry.id}' to the aliases of '{home}'?"
            if home
            else f"add '{entry.id}' to the aliases of the claim that replaced it, or mark it"
            " 'retired: true' here"
        )
        message = f"claim '{entry.id}' was published but is no longer an id or alias; {advice}"
        problems.append(document.problem((number, "id"), message))
    return problems


def _claims_are_sound(data_dir: Path, loaded: Loaded) -> bool:
    """True when no claim file has an error: a claim rejected for another reason (invalid, or a
    duplicate) would also be reported as a vanished id, as coverage would report it missing."""
    claim_files = {display_path(path) for path in data_files(data_dir, "claims")}
    return "claims" not in loaded.incomplete and not any(
        problem.path in claim_files and problem.severity is Severity.ERROR
        for problem in loaded.problems
    )


class _Guess:
    """Where vanished ids most likely went, with the claims indexed once for all of them."""

    def __init__(self, claims: Mapping[str, Claim], published: set[str]) -> None:
        self.by_quote: dict[tuple[str, str], list[str]] = {}
        for claim_id, claim in claims.items():
            key = (claim.paragraph, normalize(claim.quote))
            self.by_quote.setdefault(key, []).append(claim_id)
        self.published = published
        self.new = [claim_id for claim_id in claims if claim_id not in published]

    def home(self, entry: PublishedId) -> str | None:
        """A claim with the same paragraph and quote (a new id first), else the new id closest
        by spelling (a renamed claim's id is new; comparing with every id would take seconds per
        vanished id at thousands of claims), else none."""
        if entry.paragraph is not None and entry.quote is not None:
            same = self.by_quote.get((entry.paragraph, normalize(entry.quote)), [])
            new = [claim_id for claim_id in same if claim_id not in self.published]
            for candidates in (new, same):
                if candidates:
                    return difflib.get_close_matches(entry.id, candidates, n=1, cutoff=0)[0]
        close = difflib.get_close_matches(entry.id, self.new, n=1)
        return close[0] if close else None


def published_text(briefing: Briefing, previous: list[PublishedId], data_dir: Path) -> str:
    """The published file after publishing `briefing`: the previous entries, each current claim
    id and alias (re)recorded with its claim's paragraph and quote (a retired id in use again is
    published again), sorted by id."""
    # Each entry's fields (paragraph, quote, retired) by id: no model needed to write them.
    entries = {entry.id: (entry.paragraph, entry.quote, entry.retired) for entry in previous}
    for claim in briefing.claims.values():
        for name in (claim.id, *claim.aliases):
            entries[name] = (claim.paragraph, claim.quote, False)
    body = "".join(entry_yaml(name, *entries[name]) for name in sorted(entries))
    return _file_text(data_dir, body)


def published_file_text(data_dir: Path, entries: list[PublishedId]) -> str:
    """The published file holding `entries`, in their order."""
    body = "".join(
        entry_yaml(entry.id, entry.paragraph, entry.quote, entry.retired) for entry in entries
    )
    return _file_text(data_dir, body)


def _file_text(data_dir: Path, body: str) -> str:
    """The file around its entries' text: the schema line, the header, and `[]` for no entry."""
    schema_line = schema_comment(data_dir, data_dir / PUBLISHED_FILE)
    return f"{schema_line}\n{HEADER}{body}" if body else f"{schema_line}\n{HEADER}[]\n"
