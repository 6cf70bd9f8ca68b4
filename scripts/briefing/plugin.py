"""The MkDocs plugin `briefing`: validate the data, add the pages in memory, report problems.

A thin adapter over `load`, `render` and `search`, as mkdocs-gen-files is: `plugins: [briefing]`
(no `search`: after each build the plugin indexes the site with Pagefind).
It defines `on_startup`, so MkDocs keeps one instance for a whole `mkdocs serve`: the last good
briefing outlives a broken save, and the served pages show the errors above the last good content.
A `mkdocs build` (or `gh-deploy`) that succeeds records the claim ids it published in the data's
published.yml (see `briefing.data.published`); serving never writes into the data.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as opt
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from briefing.data.load import Briefing, load_briefing
from briefing.data.problems import Problem, Severity
from briefing.data.version import data_version
from briefing.pages.banner import error_banner, error_page, error_report
from briefing.pages.markup import html_text
from briefing.pages.permalink import render_permalinks
from briefing.pages.render import render_site, site_nav
from briefing.search import search_records, write_search_index
from briefing.site import (
    link_into_site,
    read_manifest,
    update_published,
    write_into_site,
    write_pages,
)

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.briefing")
PACKAGE = Path(__file__).parent
THEME_DIR = PACKAGE / "theme"
"""Template overrides every briefing needs (the printed colophon, the search box)."""
ASSETS = {
    "assets/briefing/briefing.css": "briefing.css",
    "assets/briefing/quotes.js": "quotes.js",
    "assets/briefing/search.js": "search.js",
    "assets/briefing/explorer.js": "explorer.js",  # loaded by the claim explorer's page only
}
"""The engine's stylesheet and script, served from the package: the pages' markup and its
styles change together, so a briefing never carries a stale copy."""


WORKSPACE = ".briefing-serve"
"""MkDocs empties the site before each build but keeps its hidden entries (it never copies a
hidden file, so it never deletes one either)."""


class BriefingPlugin(BasePlugin[base.LegacyConfig]):  # type: ignore[no-untyped-call]
    """Adds the briefing's pages, generated from its data, to the MkDocs build."""

    # Declared as a scheme, not as a typed `Config` attribute: an attribute named `data` would
    # shadow the dictionary that MkDocs' Config (a UserDict) keeps its values in.
    config_scheme = (("data", opt.Type(str, default="data")),)
    """`data`: the briefing's data folder, relative to mkdocs.yml (default: data)."""

    def __init__(self) -> None:
        self.serving = False
        self.briefing: Briefing | None = None
        """The briefing the pages are built from: the last good one while serving."""
        self.version = ""
        """The data's version (`briefing.data.version`) of `briefing`, printed on every page."""
        self.errors: list[Problem] = []
        """The errors of the latest load; while serving they are shown on every page."""
        self.data: Path | None = None
        """The data folder of a build that has published its pages, until MkDocs shuts down."""
        self.workspace: Path | None = None
        """While serving: the permalinks and the search index, kept from one build to the next
        in a hidden folder of the served site, which MkDocs does not empty and removes when it
        stops."""

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember whether we serve: a broken save must not take the live site down."""
        self.serving = command == "serve"

    def data_dir(self, config: MkDocsConfig) -> Path:
        """The data folder, relative to the config file (not the working directory)."""
        return Path(config.config_file_path or ".").parent / str(self.config["data"])

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load and check the data; set the navigation from it (themes in their order)."""
        _escape_site_description(config)
        self.workspace = Path(config.site_dir) / WORKSPACE if self.serving else None
        result = load_briefing(self.data_dir(config))
        self.errors = [p for p in result.problems if p.severity is Severity.ERROR]
        # Warnings are a draft's coverage gaps, which its pages announce: information, not a
        # reason for `mkdocs build --strict` to fail.
        for warning in (p for p in result.problems if p.severity is Severity.WARNING):
            log.info(str(warning))
        if result.briefing is not None and not self.errors:
            self.briefing = result.briefing
            self.version = data_version(self.data_dir(config))
        else:
            text = "\n".join(str(problem) for problem in self.errors)
            if not self.serving:
                raise PluginError(f"the briefing's data has errors:\n{text}")
            # Printed by on_post_build, after the build's own lines, so that they stand out;
            # not logged: a logged error or warning would abort `mkdocs serve --strict`.
        if self.briefing is None:
            # Only the error page exists: the hand-written pages' links to the briefing's pages
            # cannot resolve, and must not abort a strict `mkdocs serve` before it can show it.
            config.validation.links.not_found = logging.DEBUG
            config.validation.links.anchors = logging.DEBUG
        own = site_nav(self.briefing) if self.briefing else [{"Data errors": "index.md"}]
        config.nav = own + list(config.nav or [])
        # After the project's own custom_dir, so that a project can still override ours.
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.extra["data_version"] = self.version
        config.extra_css.append("assets/briefing/briefing.css")
        config.extra_javascript.append("assets/briefing/quotes.js")
        config.extra_javascript.append("assets/briefing/search.js")
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page as an in-memory file, replacing any copy that `briefing
        build` wrote into docs/ (and any stale page it left there)."""
        for path in read_manifest(Path(config.docs_dir)):
            stale = files.get_file_from_path(path)
            if stale is not None:
                files.remove(stale)
        pages = (
            render_site(self.briefing) if self.briefing else {"index.md": error_page(self.errors)}
        )
        in_nav = _nav_paths(config.nav or [])
        for path in pages:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            inclusion = (
                InclusionLevel.INCLUDED
                if path in in_nav or not path.endswith(".md")
                else InclusionLevel.NOT_IN_NAV  # actor pages: linked, not listed
            )
            files.append(File.generated(config, path, content=pages[path], inclusion=inclusion))
        for uri, name in ASSETS.items():
            files.append(File.generated(config, uri, abs_src_path=str(PACKAGE / "assets" / name)))
        return files

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """While the data is broken, every served page says so above its last good content."""
        if not self.errors:
            return output
        return error_banner(output, self.errors, stale=self.briefing is not None)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site for search (Pagefind), from the last good data, then write the
        claim permalinks, `/c/<id>/`, into it: small HTML documents of their own, which neither
        the theme nor the index sees. While serving broken data, print the errors after
        everything else the build printed."""
        if self.briefing is not None:
            try:
                records = search_records(self.briefing)
                write_search_index(Path(config.site_dir), records, self.workspace)
            except RuntimeError as error:
                raise PluginError(str(error)) from error
            permalinks = render_permalinks(self.briefing, config.site_name, config.site_url or "")
            self._write_permalinks(permalinks, Path(config.site_dir))
        if self.errors:
            print(error_report(self.errors, stale=self.briefing is not None), file=sys.stderr)
        elif not self.serving:
            # Recorded at shutdown: a strict build still fails after this event, on its warnings.
            self.data = self.data_dir(config)

    def _write_permalinks(self, permalinks: dict[str, str], site_dir: Path) -> None:
        """Into the site; while serving, into the workspace, rewriting only those that changed,
        with the site's `c/` a link to them (see `write_search_index`)."""
        if self.workspace is None:
            write_into_site(permalinks, site_dir)
            return
        write_pages(permalinks, self.workspace / "permalinks")
        link_into_site(site_dir / "c", self.workspace / "permalinks" / "c")

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build published nothing."""
        self.data = None

    def on_shutdown(self) -> None:
        """After a build that succeeded: record its claim ids in the published file."""
        if self.data is not None and self.briefing is not None:
            if update_published(self.briefing, self.data):
                log.info(f"briefing: recorded the published claim ids in {self.data}")
            self.data = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild when a data file is saved, and when the engine's templates, theme or assets
        change (an editable install: the package is the working copy)."""
        server.watch(str(self.data_dir(config)))
        for folder in ("pages/templates", "theme", "assets"):
            server.watch(str(PACKAGE / folder))
        return server


def _nav_paths(nav: list[Any]) -> set[str]:
    """Every page path that a `nav` structure lists."""
    paths: set[str] = set()
    for item in nav:
        if isinstance(item, str):
            paths.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                paths |= _nav_paths(value) if isinstance(value, list) else {value}
    return paths


def _escape_site_description(config: MkDocsConfig) -> None:
    """HTML-escape `site_description`: Material prints it unescaped into the content attribute
    of `<meta name="description">` on every page without a description of its own (about/,
    404.html), where a quote in it would end the attribute. Pages' own descriptions arrive
    escaped already (the `meta` filter). MkDocs reads mkdocs.yml afresh for every build, even
    while serving, so a value is escaped once."""
    if config.site_description:
        config.site_description = html_text(config.site_description)
