"""MkDocs hook: validate data/ and render the pages before each build; a thin adapter.

MkDocs loads this file by path as a top-level module, so imports are absolute. It also loads it
afresh on every rebuild of `mkdocs serve`: what must outlive a rebuild is in `briefing.session`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.exceptions import PluginError

from briefing import session
from briefing.load import load_briefing
from briefing.markup import html_text
from briefing.problems import has_errors
from briefing.render import site_nav
from briefing.site import write_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

DATA_DIR = "data"


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Remember whether we are serving: a bad save must not take the live site down."""
    session.STATE.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Render the pages into docs/ and set the navigation from the data (themes in order)."""
    _escape_site_description(config)
    result = load_briefing(Path(config.config_file_path).parent / DATA_DIR)
    text = "\n".join(str(problem) for problem in result.problems)
    if result.briefing is None or has_errors(result.problems):
        return _keep_last_good(config, f"the briefing's data has errors:\n{text}")
    if text:
        print(text, file=sys.stderr)
    report = write_site(result.briefing, Path(config.docs_dir))
    if report.refused:
        return _keep_last_good(config, "\n".join(str(problem) for problem in report.refused))
    session.STATE.nav = site_nav(result.briefing)
    config.nav = session.STATE.nav + list(config.nav or [])
    return config


def _escape_site_description(config: MkDocsConfig) -> None:
    """HTML-escape `site_description`: Material prints it unescaped into the content attribute
    of `<meta name="description">` on every page without a description of its own (about/,
    404.html), where a quote in it would end the attribute. Pages' own descriptions arrive
    escaped already (the `meta` filter). MkDocs loads the config afresh for every build, so this
    runs once per value."""
    if config.site_description:
        config.site_description = html_text(config.site_description)


def _keep_last_good(config: MkDocsConfig, message: str) -> MkDocsConfig:
    """While serving, print the errors and rebuild from the last good pages (nothing was
    written); otherwise, and before any good build, fail the build."""
    if session.STATE.command != "serve" or session.STATE.nav is None:
        raise PluginError(message)
    print(f"{message}\nServing the last good version until the data is fixed.", file=sys.stderr)
    config.nav = session.STATE.nav + list(config.nav or [])
    return config
