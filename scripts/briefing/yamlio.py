"""YAML with positions: parse each file once, index its nodes, refuse what YAML lets slip."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

from briefing.problems import Problem, Severity

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
MAX_BYTES = 5_000_000
MAX_DEPTH = 32
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_SafeLoader):
    """Safe loader that keeps dates as text: the model checks them and reports bad ones."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != TIMESTAMP]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """One parsed file: its data and every node under its location, for positions in messages."""

    path: str
    data: Any
    nodes: dict[Loc, yaml.Node]
    keys: dict[Loc, yaml.Node]
    """The key node of each mapping entry, for messages about the key itself (an unknown field)."""

    def problem(
        self, loc: Loc, message: str, severity: Severity = Severity.ERROR, *, at_key: bool = False
    ) -> Problem:
        """A problem at `loc`, or at the nearest enclosing node when `loc` is a missing key."""
        if at_key and loc in self.keys:
            return _at(self.path, self.keys[loc], message, severity)
        while loc and loc not in self.nodes:
            loc = loc[:-1]
        if loc not in self.nodes:
            return Problem(self.path, 1, 1, message, severity)
        return _at(self.path, self.nodes[loc], message, severity)


def _at(
    path: str, node: yaml.Node | yaml.Event, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    mark = node.start_mark
    if mark is None:  # events built by hand carry no position
        return Problem(path, 1, 1, message, severity)
    return Problem(path, mark.line + 1, mark.column + 1, message, severity)


def parse_document(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse one file; on any problem return no document and every problem found."""
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(path, 1, 1, f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}")
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, [_decode_problem(path, raw, error)]
    alias = _first_alias(path, text)
    if alias is not None:
        return None, [alias]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [Problem(path, 1, 1, "file is empty; expected a YAML document")]
        nodes: dict[Loc, yaml.Node] = {}
        keys: dict[Loc, yaml.Node] = {}
        problems = list(_index(path, node, (), (nodes, keys), set()))
        if problems:
            return None, problems
        return Document(path, loader.construct_document(node), nodes, keys), []
    except yaml.MarkedYAMLError as error:
        return None, [_yaml_problem(path, error)]
    except (yaml.YAMLError, RecursionError) as error:
        return None, [Problem(path, 1, 1, f"cannot parse YAML: {type(error).__name__}")]
    finally:
        loader.dispose()


def _first_alias(path: str, text: str) -> Problem | None:
    """The first alias (`*name`), from the event stream: aliases share nodes, so only events know
    where each one is written. Refusing them defuses alias bombs before anything is built."""
    count, first = 0, None
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                count += 1
                first = first or event
    except yaml.YAMLError:
        return None  # the composer reports syntax errors with their position
    if first is None:
        return None
    more = f" ({count} aliases in this file)" if count > 1 else ""
    message = f"YAML aliases are not allowed: *{first.anchor} repeats a node; write it out{more}"
    return _at(path, first, message)


Index = tuple[dict[Loc, yaml.Node], dict[Loc, yaml.Node]]  # value nodes, key nodes


def _index(path: str, node: yaml.Node, loc: Loc, index: Index, seen: set[int]) -> Iterator[Problem]:
    """Index `node` and its children; yield duplicate keys, aliases and excessive nesting."""
    if id(node) in seen:  # a node reached twice is an alias: refusing them defuses alias bombs
        yield _at(path, node, "YAML anchors and aliases are not allowed")
        return
    seen.add(id(node))
    index[0][loc] = node
    if len(loc) > MAX_DEPTH:
        yield _at(path, node, f"nested deeper than {MAX_DEPTH} levels")
    elif isinstance(node, yaml.MappingNode):
        yield from _index_mapping(path, node, loc, index, seen)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            yield from _index(path, item, (*loc, number), index, seen)


def _index_mapping(
    path: str, node: yaml.MappingNode, loc: Loc, index: Index, seen: set[int]
) -> Iterator[Problem]:
    first_keys: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            yield _at(path, key, "keys must be plain text")
            continue
        if key.value in first_keys:
            line = first_keys[key.value].start_mark.line + 1
            yield _at(
                path,
                key,
                f"duplicate key '{key.value}' (first at line {line}); YAML keeps only the last",
            )
            continue
        first_keys[key.value] = key
        index[1][(*loc, key.value)] = key
        yield from _index(path, value, (*loc, key.value), index, seen)


def _yaml_problem(path: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(path, line, column, f"invalid YAML: {message}")


def _decode_problem(path: str, raw: bytes, error: UnicodeDecodeError) -> Problem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return Problem(path, line, column, f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})")


def dump_yaml(document: object, name: str = "") -> str:
    """YAML text for a data file, in a stable layout an editor can read."""
    del name
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
