"""Claim permalinks, `/c/<id>/`: a small HTML document per claim id and former id (alias) that
redirects to the claim's section. Written straight into the built site (see `hooks.py`), not
through the theme: no stylesheet, script, font or icon, so a cold visit costs one request."""

from __future__ import annotations

import functools
from collections.abc import Callable

import jinja2

from briefing.data.records import Briefing
from briefing.model import Claim, Theme
from briefing.pages import labels
from briefing.pages.markup import html_text

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("briefing", "pages/templates"),
    undefined=jinja2.StrictUndefined,
    auto_reload=False,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
    autoescape=False,  # every value goes through the `html` filter, as in the Markdown pages
)
ENV.filters.update(html=html_text, kind_label=labels.kind_label)


def claim_url(claim: Claim) -> str:
    """The claim's section, from the site root (as in the exports' `url`)."""
    return f"themes/{claim.theme}/#{claim.id}"


def render_permalinks(briefing: Briefing, site_name: str, site_url: str = "") -> dict[str, str]:
    """`c/<name>/index.html` -> its HTML, for every claim id and alias. The redirect is relative,
    so the site works under any path; the canonical link is absolute when `site_url` is set."""
    page = _permalink_macro()
    pages: dict[str, str] = {}
    base = site_url.rstrip("/") + "/" if site_url else "../../"
    for claim in briefing.claims.values():
        theme = briefing.themes[claim.theme]
        url = claim_url(claim)
        for name in (claim.id, *claim.aliases):
            alias = name if name != claim.id else ""
            pages[f"c/{name}/index.html"] = page(
                claim, theme, alias, "../../" + url, base + url, site_name
            )
    return pages


PermalinkMacro = Callable[[Claim, Theme, str, str, str, str], str]


@functools.cache
def _permalink_macro() -> PermalinkMacro:
    """The template's macro: a call per page costs less than a template render per page."""
    module = ENV.get_template("permalink.html.j2").make_module()
    macro: PermalinkMacro = getattr(module, "permalink")  # noqa: B009 (mypy knows no macros)
    return macro
