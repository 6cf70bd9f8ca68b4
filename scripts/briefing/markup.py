"""Escaping: text from YAML is data, never markup, in Markdown, HTML and front matter alike."""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Callable
from urllib.parse import quote

# json.dumps builds an encoder per call when given options; this is the C function it ends in.
_json_string: Callable[[str], str] = json.encoder.encode_basestring

# Python-Markdown's backslash-escapable characters (ESCAPED_CHARS, with `|` from the tables
# extension) get a backslash; `<`, `>` and `&` become entities instead, so no raw HTML or entity
# survives. One translation table does it all in a single pass.
_MARKDOWN_ESCAPES = str.maketrans(
    {**{char: "\\" + char for char in "\\`*_{}[]()#+-.!|"}, "&": "&amp;", "<": "&lt;", ">": "&gt;"}
)


@functools.lru_cache(maxsize=65536)  # names and titles recur on many pages
def md(text: object) -> str:
    """Text for a Markdown line: every character that could start markup is escaped."""
    flat = " ".join(str(text).split())  # a newline could start a block (list, heading, HTML)
    return flat.translate(_MARKDOWN_ESCAPES)


def html_text(text: object) -> str:
    """Text for raw HTML: tags, entities and quotes escaped, white space collapsed."""
    return html.escape(" ".join(str(text).split()), quote=True)


def yaml_string(text: object) -> str:
    """A scalar for YAML front matter: a JSON string is valid YAML and stays on its line."""
    return _json_string(" ".join(str(text).split()))


def meta(text: object) -> str:
    """A page's title or description for front matter: HTML-escaped first, because MkDocs'
    templates (Material's too) print page titles and descriptions without escaping them."""
    return yaml_string(html_text(text))


def md_url(url: object) -> str:
    """An http(s) URL as a Markdown link destination: anything that could end or bend it is
    percent-encoded (parentheses, quotes, angle brackets, spaces)."""
    return quote(str(url), safe=":/?#@!$&*+,;=%~-._")
