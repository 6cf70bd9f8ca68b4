"""MkDocs hook: validate data/ and render the pages before each build; a thin adapter.

MkDocs loads this file by path as a top-level module, so imports are absolute.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from briefing.load import load_briefing
from briefing.problems import Severity
from briefing.render import site_nav
from briefing.site import write_site

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

DATA_DIR = "data"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Render the pages into docs/ and set the navigation from the data (themes in order)."""
    root = Path(config.config_file_path).parent
    result = load_briefing(root / DATA_DIR)
    text = "\n".join(str(problem) for problem in result.problems)
    if result.briefing is None or any(p.severity is Severity.ERROR for p in result.problems):
        raise PluginError(f"the briefing's data has errors:\n{text}")
    if text:
        print(text)
    report = write_site(result.briefing, Path(config.docs_dir))
    if report.refused:
        raise PluginError("\n".join(f"{problem}" for problem in report.refused))
    config.nav = site_nav(result.briefing) + list(config.nav or [])
    return config
