"""YAML with positions: parse each file once, index its nodes, refuse what YAML lets slip."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import yaml
from yaml import (  # names, not attributes: looked up for each of a file's events
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from briefing.data.problems import Problem, Severity

try:  # the C loader is several times faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _SafeLoader  # type: ignore[assignment]

Loc = tuple[str | int, ...]
Position = tuple[int, int]  # line and column, from 1
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
    """One parsed file, kept as its text: positions are found again only when a problem needs
    one, so a large briefing does not hold a node or position for every value while it loads."""

    path: str
    text: str

    @functools.cached_property
    def _positions(self) -> Index:
        """Where each value and each mapping key starts, by location."""
        loader = _Loader(self.text)
        try:
            index: Index = ({}, {})
            node = loader.get_single_node()
            if node is not None:
                list(_index(self.path, node, (), index, set()))
            return index
        finally:
            loader.dispose()

    def problem(
        self, loc: Loc, message: str, severity: Severity = Severity.ERROR, *, at_key: bool = False
    ) -> Problem:
        """A problem at `loc`, or at the nearest enclosing node when `loc` is a missing key."""
        values, keys = self._positions
        if at_key and loc in keys:
            return Problem(self.path, *keys[loc], message, severity)
        while loc and loc not in values:
            loc = loc[:-1]
        line, column = values.get(loc, (1, 1))
        return Problem(self.path, line, column, message, severity)


def _position(node: yaml.Node) -> Position:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def _at(
    path: str, node: yaml.Node | yaml.Event, message: str, severity: Severity = Severity.ERROR
) -> Problem:
    mark = node.start_mark
    if mark is None:  # events built by hand carry no position
        return Problem(path, 1, 1, message, severity)
    return Problem(path, mark.line + 1, mark.column + 1, message, severity)


def parse_document(path: str, raw: bytes) -> tuple[Document | None, Any, list[Problem]]:
    """Parse one file into its document and data; on any problem, no document and every
    problem found."""
    if len(raw) > MAX_BYTES:
        message = f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,}"
        return None, None, [Problem(path, 1, 1, message)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return None, None, [_decode_problem(path, raw, error)]
    fast = _fast_load(raw)  # the bytes, as libyaml reads them: no encoding of `text` again
    if fast is not _SLOW:
        return Document(path, text), fast, []
    alias = _first_alias(path, text)
    if alias is not None:
        return None, None, [alias]
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None, [Problem(path, 1, 1, "file is empty; expected a YAML document")]
        problems = list(_index(path, node, (), None, set()))
        if problems:
            return None, None, problems
        return Document(path, text), loader.construct_document(node), []
    except yaml.MarkedYAMLError as error:
        return None, None, [_yaml_problem(path, error, text)]
    except (yaml.YAMLError, RecursionError) as error:
        message = f"cannot parse YAML: {type(error).__name__}"
        return None, None, [Problem(path, 1, 1, message)]
    finally:
        loader.dispose()


_SLOW = object()
"""`_fast_load`'s answer when the text needs the careful path: that path reports each problem."""
_STR = "tag:yaml.org,2002:str"


def _fast_load(text: str | bytes) -> Any:
    """The data of a plain, valid document (as text, or as UTF-8 bytes, which libyaml reads
    without the text being encoded for it), built straight from libyaml's events: no node tree,
    no second walk, no constructor machinery (most of a large briefing's load time went there).
    Anything unusual (a tag, an anchor or alias, a merge key, a duplicate or non-text key, deep
    nesting, several documents, a syntax error) returns `_SLOW`, and the careful path parses the
    text again to report it exactly. Positions are found later, only when a problem needs one."""
    loader = _SafeLoader(text)
    # None after the last event; typed loosely (a hot loop). `yaml.parse` wraps it more slowly.
    next_event: Callable[[], Any] = loader.get_event
    resolvers, no_key, slow, string = _RESOLVERS, _NO_KEY, _SLOW, _STR  # locals: read per event
    parents: list[tuple[Any, Any, bool]] = []  # each enclosing collection, its key and kind
    documents: list[Any] = []  # the root value of each document: a list, as a sequence is
    collection: Any = documents  # the innermost open list or dict
    in_list = True  # whether `collection` is a list
    key: Any = no_key  # in a dict: the key read, waiting for its value
    try:
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                    return slow
                value: Any = event.value
                # Most plain scalars start with a letter no implicit type can start with.
                if value[:1] in resolvers and event.implicit[0]:
                    tag = _resolve(value)
                    if tag != string:
                        value = _construct_scalar(tag, event)
                        if value is slow:
                            return slow
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or event.tag is not None or len(parents) >= MAX_DEPTH:
                    return slow
                parents.append((collection, key, in_list))
                in_list = kind is SequenceStartEvent
                collection, key = ([] if in_list else {}), no_key
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = collection
                collection, key, in_list = parents.pop()
            elif kind is AliasEvent or (kind is DocumentStartEvent and documents):
                return slow  # an alias, or a second document
            else:
                continue  # stream start and end, the first document's start, document end
            if in_list:
                collection.append(value)
            elif key is no_key:
                if (type(value) is not str and not isinstance(value, _KEY_TYPES)) or value == "<<":
                    return slow  # a key that is not text, or a merge key
                key = value
            elif key in collection:
                return slow  # a duplicate key
            else:
                collection[key] = value
                key = no_key
    except yaml.YAMLError:
        return slow
    finally:
        loader.dispose()
    return slow if len(documents) != 1 or documents[0] is None else documents[0]


_NO_KEY = object()
"""In `_fast_load`, the pending key of a dict whose next scalar is a key."""
_KEY_TYPES = (str, int, float, bool)
"""What a plain key may be: text, or a scalar YAML reads as a number or boolean."""


_RESOLVERS: dict[str, list[tuple[str, Any]]] = {
    first or "": [*resolvers, *_Loader.yaml_implicit_resolvers.get(None, [])]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
    if first is not None
}
"""The project loader's implicit resolvers (YAML 1.1, dates left as text) by first character."""


@functools.lru_cache(maxsize=4096)  # keys, kinds and ids recur in every record
def _resolve(value: str) -> str:
    """The tag PyYAML's resolver gives a plain scalar."""
    for tag, regexp in _RESOLVERS.get(value[:1], []):
        if regexp.match(value):
            return str(tag)
    return _STR


def _construct_scalar(tag: str, event: Any) -> Any:
    """A plain scalar that is not text (a number, true/false, null), as PyYAML constructs it."""
    constructor = _SafeLoader.yaml_constructors.get(tag)
    if constructor is None:
        return _SLOW
    node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    return constructor(_CONSTRUCTOR, node)


_CONSTRUCTOR = yaml.SafeLoader("")
"""An idle loader whose construct_yaml_int, _float, _bool and _null turn scalars into values."""


def _first_alias(path: str, text: str) -> Problem | None:
    """The first alias (`*name`), from the event stream: aliases share nodes, so only events know
    where each one is written. Refusing them defuses alias bombs before anything is built."""
    if "*" not in text:  # every alias starts with one
        return None
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


Index = tuple[dict[Loc, Position], dict[Loc, Position]]  # values, keys


def _index(
    path: str, node: yaml.Node, loc: Loc, index: Index | None, seen: set[int]
) -> Iterator[Problem]:
    """Walk `node` and its children (recording positions into `index`, if given); yield
    duplicate keys, aliases and excessive nesting."""
    if id(node) in seen:  # a node reached twice is an alias: refusing them defuses alias bombs
        yield _at(path, node, "YAML anchors and aliases are not allowed")
        return
    seen.add(id(node))
    if index is not None:
        index[0][loc] = _position(node)
    if len(loc) > MAX_DEPTH:
        yield _at(path, node, f"nested deeper than {MAX_DEPTH} levels")
    elif isinstance(node, yaml.MappingNode):
        yield from _index_mapping(path, node, loc, index, seen)
    elif isinstance(node, yaml.SequenceNode):
        for number, item in enumerate(node.value):
            yield from _index(path, item, (*loc, number), index, seen)


def _index_mapping(
    path: str, node: yaml.MappingNode, loc: Loc, index: Index | None, seen: set[int]
) -> Iterator[Problem]:
    first_keys: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            yield _at(path, key, "keys must be plain text")
            continue
        if key.value in first_keys:
            line = first_keys[key.value].start_mark.line + 1
            if loc and isinstance(loc[-1], int) and key.value == node.value[0][0].value:
                # A list item's first key again: the next item lost its '- '. Its other fields
                # would each be a duplicate too; one error says it all.
                yield _at(
                    path,
                    key,
                    f"'{key.value}' again in one item (first at line {line}): a new item starts"
                    f" here without '- '; write '- {key.value}: ...'",
                )
                return
            yield _at(
                path,
                key,
                f"duplicate key '{key.value}' (first at line {line}); YAML keeps only the last",
            )
            continue
        first_keys[key.value] = key
        if index is not None:
            index[1][(*loc, key.value)] = _position(key)
        yield from _index(path, value, (*loc, key.value), index, seen)


def _yaml_problem(path: str, error: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if error.problem == "could not find expected ':'" and error.context_mark is not None:
        mark = error.context_mark  # where the line without a colon starts, not the end of file
    message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
    if mark is None:
        return Problem(path, 1, 1, f"invalid YAML: {message}")
    hint = syntax_hint(text.split("\n"), mark.line, error.problem or "")
    return Problem(path, mark.line + 1, mark.column + 1, f"invalid YAML: {message}{hint}")


_FIELD = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"][^:#]*?):(?:\s+(.*))?$")
_STRUCTURE = ("did not find expected", "mapping values are not allowed", "expected <block end>")


def syntax_hint(lines: list[str], number: int, problem: str) -> str:
    """Plain words for the usual causes of a YAML syntax error at line `number` (from 0): a tab,
    an unquoted ': ' in a value, a list item without '- ', a line indented unlike its neighbours.
    Empty when none of them fits."""
    line = lines[number] if number < len(lines) else ""
    indent = len(line) - len(line.lstrip(" \t"))
    if "\t" in line[:indent] or "tab character" in problem:
        return "; indent with spaces only: this line's indentation has a tab in it"
    field = _FIELD.match(line)
    value = (field.group(2) or "") if field else ""
    if problem.startswith("mapping values are not allowed") and field and ": " in f"{value} ":
        return f"; a value with ': ' in it must be quoted: {field.group(1)}: {_quoted(value)}"
    above = [(n, text) for n, text in enumerate(lines[:number]) if _is_content(text)]
    if not above or not any(part in problem for part in (*_STRUCTURE, "expected ':'")):
        return ""
    sibling = next((text for _, text in reversed(above) if _indent(text) <= indent), None)
    stripped = line.strip()
    if sibling is not None and _indent(sibling) == indent:
        if sibling.lstrip().startswith("- ") and not stripped.startswith("-"):
            if field is None:
                return f"; a list item needs '- ' before it: - {stripped}"
            if field.group(1) == "id":
                return f"; a new item starts here without '- ': - {stripped}"
            return (
                "; this line stands at the level of the list's '- ' items: indent it like the"
                " fields above it, or start a new item with '- '"
            )
        if stripped.startswith("- ") and not sibling.lstrip().startswith("-"):
            return (
                "; the lines above at this indentation have no '- ': every item of a list"
                " starts with '- ', the first one too"
            )
    previous = above[-1][1]
    if previous.lstrip().startswith("-") and not previous.lstrip().startswith(("- ", "--")):
        return "; a list item starts with '- ' (a dash, then a space)"
    column = _indent(previous) + len(previous.lstrip(" ")) - len(previous.lstrip(" -"))
    opens = previous.rstrip().endswith(":") and indent > _indent(previous)
    if indent not in (_indent(previous), column) and not opens:
        return (
            f"; this line is indented by {_spaces(indent)}, the line above by {_spaces(column)}:"
            " the fields of one record line up"
        )
    return ""


def _spaces(count: int) -> str:
    return "1 space" if count == 1 else f"{count} spaces"


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.lstrip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted(value: str) -> str:
    """`value` as a YAML quoted string: double quotes unless it holds one, then single quotes."""
    value = value.rstrip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _decode_problem(path: str, raw: bytes, error: UnicodeDecodeError) -> Problem:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    return Problem(path, line, column, f"file is not UTF-8 text (byte 0x{raw[error.start]:02x})")


class _Dumper(yaml.SafeDumper):
    """Writes shared values out in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(document: object, name: str = "") -> str:
    """YAML text for a data file, in a stable layout an editor can read."""
    del name
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
