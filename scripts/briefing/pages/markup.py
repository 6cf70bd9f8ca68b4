"""Escaping: text from YAML is data, never markup, in Markdown, HTML and front matter alike."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from urllib.parse import quote

# json.dumps builds an encoder per call when given options; this is the C function it ends in.
_json_string: Callable[[str], str] = json.encoder.encode_basestring

# Python-Markdown's backslash-escapable characters (ESCAPED_CHARS, with `|` from the tables
# extension) get a backslash; `<`, `>` and `&` become entities instead, so no raw HTML or entity
# survives. Applied one after the other, so the order matters: the backslash comes first (the
# others add backslashes), then `&` (the other entities add ampersands).
_MARKDOWN_ESCAPES = (
    *((char, "\\" + char) for char in "\\`*_{}[]()#+-.!|"),
    *(("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")),
)
_HTML_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&#x27;"))
"""What `html.escape(text, quote=True)` replaces, in its order (`&` first)."""


def one_line(text: object) -> str:
    """The text with each run of white space made one space and its ends trimmed, so that it
    stays on its line: a newline could start a Markdown block or end a front-matter value."""
    flat = str(text)
    # Nearly all text is one line already; checking that is cheaper than splitting and joining.
    # `isprintable` is false for every white space character but the ASCII space.
    if flat.isprintable() and "  " not in flat and flat[:1] != " " and flat[-1:] != " ":
        return flat
    return " ".join(flat.split())


@functools.lru_cache(maxsize=65536)  # names and titles recur on many pages
def md(text: object) -> str:
    """Text for a Markdown line: every character that could start markup is escaped."""
    return _replaced(one_line(text), _MARKDOWN_ESCAPES)


def md_text(text: str) -> str:
    """A piece of running text for Markdown, escaped like `md` but with its white space kept:
    a space at either end separates it from the link or mark beside it."""
    return _replaced(text, _MARKDOWN_ESCAPES)


# Characters XML 1.0 cannot hold at all (most control characters): dropped from SVG text.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: object) -> str:
    """Text from the data for an SVG drawing: safe in XML content and attributes alike."""
    return html_text(_NOT_XML.sub("", str(text)))


def html_text(text: object) -> str:
    """Text for raw HTML: tags, entities and quotes escaped, white space collapsed."""
    return _replaced(one_line(text), _HTML_ESCAPES)


def _replaced(text: str, replacements: tuple[tuple[str, str], ...]) -> str:
    """`text` with each replacement applied in turn. Looking for a character costs less than a
    replace() that finds none, and a replace() per character present a third of the time of
    str.translate with multi-character replacements (it looks every character up in a dict)."""
    for char, replacement in replacements:
        if char in text:
            text = text.replace(char, replacement)
    return text


def yaml_string(text: object) -> str:
    """A scalar for YAML front matter: a JSON string is valid YAML and stays on its line."""
    return _json_string(one_line(text))


def meta(text: object) -> str:
    """A page's title or description for front matter: HTML-escaped first, because MkDocs'
    templates (Material's too) print page titles and descriptions without escaping them."""
    return _json_string(html_text(text))  # html_text's text is one line already


def md_url(url: object) -> str:
    """An http(s) URL as a Markdown link destination: anything that could end or bend it is
    percent-encoded (parentheses, quotes, angle brackets, spaces)."""
    return quote(str(url), safe=":/?#@!$&*+,;=%~-._")
