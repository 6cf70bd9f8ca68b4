"""The published file's text: each entry written here rather than by PyYAML's emitter, and the
file read back here, without the YAML parser, while it is exactly as written. Any other text (a
hand edit) is for the YAML loader, which reports each problem where it is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import yaml

from briefing.data.yamlio import MAX_BYTES


def entry_yaml(name: str, paragraph: str | None, quote: str | None, retired: bool) -> str:
    """One entry as YAML, written here rather than by PyYAML: at 13,100 claims its emitter takes
    1.4 s (libyaml's 0.4 s) for what this does in 0.01 s. Ids and paragraph ids are slugs, plain
    scalars unless YAML would read them as something else; the quote is always double-quoted."""
    lines = [f"- id: {_plain(name)}\n"]
    if paragraph is not None:
        lines.append(f"  paragraph: {_plain(paragraph)}\n")
    if quote is not None:
        lines.append(f"  quote: {_double_quoted(quote)}\n")
    if retired:
        lines.append("  retired: true\n")
    return "".join(lines)


def _plain(slug: str) -> str:
    """A slug as written: plain, unless YAML 1.1 reads it as a number, boolean or null."""
    resolvers = yaml.SafeLoader.yaml_implicit_resolvers.get(slug[:1], [])
    return _double_quoted(slug) if any(regexp.match(slug) for _, regexp in resolvers) else slug


_JSON_STRING: Callable[[str], str] = json.encoder.encode_basestring
# A JSON string is a YAML double-quoted scalar, except for characters JSON leaves as they are and
# YAML does not: DEL and the C1 controls (NEL is a line break), the line and paragraph
# separators, lone surrogates and the two non-characters. They are written as \u escapes.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _double_quoted(text: str) -> str:
    return _NOT_YAML.sub(lambda match: f"\\u{ord(match.group()):04x}", _JSON_STRING(text))


# What the writer never leaves as it is: line breaks and other control characters, and what
# `_double_quoted` escapes (DEL, the C1 controls, the separators, surrogates, non-characters).
_ESCAPED = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff"
_AS_IS = f'[^"\\\\{_ESCAPED}]'
"""A character a quote holds as it is."""
_WRITTEN_COMMENTS = re.compile(f"(?:#[^{_ESCAPED}]*\n)*")
_WRITTEN_ENTRY = re.compile(
    "- id: ([a-z0-9][a-z0-9-]*)\n"
    "(?:  paragraph: ([a-z0-9][a-z0-9-]*)\n)?"
    f'(?:  quote: ("{_AS_IS}*(?:\\\\.{_AS_IS}*)*")\n)?'  # a run of characters, then escapes
    "(  retired: true\n)?"
)


def read_as_written(raw: bytes) -> tuple[str, list[dict[str, Any]]] | None:
    """The text and entries of a published file laid out exactly as a build writes
    it, read without the YAML parser (0.1 s at 13,100 claims); None for any other text (a hand
    edit), which the YAML loader reads, reporting each problem where it is."""
    if len(raw) > MAX_BYTES:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    comments = _WRITTEN_COMMENTS.match(text)
    assert comments is not None  # it matches no comment at all too
    if text[comments.end() :] == "[]\n":
        return text, []
    entries, position = [], comments.end()
    while position < len(text):
        match = _WRITTEN_ENTRY.match(text, position)
        entry = _entry_as_written(*match.groups()) if match else None
        if match is None or entry is None:
            return None
        entries.append(entry)
        position = match.end()
    return (text, entries) if entries else None


def _entry_as_written(
    name: str, paragraph: str | None, quote: str | None, retired: str | None
) -> dict[str, Any] | None:
    """One entry's data, if `entry_yaml` writes it so: ids it leaves plain, and a quote that
    decodes to text it writes back the same (a quote without a backslash is its text)."""
    if _plain(name) != name or (paragraph is not None and _plain(paragraph) != paragraph):
        return None
    entry: dict[str, Any] = {"id": name}
    if paragraph is not None:
        entry["paragraph"] = paragraph
    if quote is not None:
        try:
            text = json.loads(quote) if "\\" in quote else quote[1:-1]
        except ValueError:
            return None
        if "\\" in quote and _double_quoted(text) != quote:
            return None
        entry["quote"] = text
    if retired:
        entry["retired"] = True
    return entry
