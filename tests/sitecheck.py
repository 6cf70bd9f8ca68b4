"""The rules `mkdocs build --strict` enforces on links, checked on rendered pages without MkDocs:
every relative link lands on a page that exists, every `#anchor` on an id that page defines, and
no page defines an id twice. Fast enough to run on every example of a fuzz test."""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Iterator, Mapping

from conftest import ROOT

# `](dest)` not preceded by a backslash (an escaped `\]` is text). Raw HTML's hrefs are site
# URLs, which MkDocs does not check either.
_MARKDOWN_LINK = re.compile(r"(?<!\\)\]\(([^)\s]+)\)")
# Ids: attribute lists (`{: #id .class }`, `{#id}`) and raw HTML (`id="..."`).
_ATTR_ID = re.compile(r"\{:?\s*#([^\s}]+)")
_HTML_ID = re.compile(r'\sid="([^"]+)"')
HAND_WRITTEN = frozenset(
    path.relative_to(ROOT / "docs").as_posix() for path in (ROOT / "docs").rglob("*.md")
)


def page_ids(text: str) -> list[str]:
    """Every id a page defines, in order, repeats included."""
    return _ATTR_ID.findall(text) + _HTML_ID.findall(text)


def _links(text: str) -> Iterator[str]:
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    body = re.sub(r"`[^`\n]*`", "", body)  # code spans show link syntax, they do not link
    yield from _MARKDOWN_LINK.findall(body)


def broken_links(pages: Mapping[str, str]) -> list[str]:
    """`page: problem` for each link or id that would fail the strict build; empty if none."""
    ids = {path: page_ids(text) for path, text in pages.items() if path.endswith(".md")}
    problems = [
        f"{path}: id '{name}' defined {count} times"
        for path, found in ids.items()
        for name, count in Counter(found).items()
        if count > 1
    ]
    for path, text in pages.items():
        if not path.endswith(".md"):
            continue
        for link in _links(text):
            if re.match(r"[a-z][a-z0-9+.-]*:", link):  # http:, https:, mailto:
                continue
            target, _, anchor = link.partition("#")
            if target:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            else:
                target = path
            if target not in pages and target not in HAND_WRITTEN:
                problems.append(f"{path}: link to missing page '{link}'")
            elif anchor and target in ids and anchor not in ids[target]:
                problems.append(f"{path}: link to missing anchor '{link}'")
    return problems
