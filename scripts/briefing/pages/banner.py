"""What a served site shows while the data is broken: a banner above every page's last good
content, or, when there is no good content yet, a page listing the errors. Pure."""

from __future__ import annotations

import html
import re

from briefing.data.problems import Problem

_BODY = re.compile(r"<body[^>]*>")
# Inline styles: the banner must show even when the stylesheet is what broke.
_STYLE = (
    "position:sticky;top:0;z-index:10;margin:0;padding:.8rem 1.2rem;max-height:40vh;"
    "overflow:auto;background:#b71c1c;color:#fff;font:14px/1.45 monospace;white-space:pre-wrap"
)


def _listing(problems: list[Problem]) -> str:
    return "\n".join(html.escape(str(problem)) for problem in problems)


def error_banner(page_html: str, problems: list[Problem], *, stale: bool) -> str:
    """`page_html` with the problems in a banner right after `<body>`."""
    count = len(problems)
    heading = f"The briefing's data has {count} error{'s' * (count != 1)}"
    tail = "; this page is the last good version." if stale else "."
    banner = (
        f'<div class="briefing-errors" role="alert" style="{_STYLE}">'
        f"<strong>{heading}{tail}</strong>\n{_listing(problems)}</div>"
    )
    match = _BODY.search(page_html)
    at = match.end() if match else 0
    return page_html[:at] + banner + page_html[at:]


def error_page(problems: list[Problem]) -> str:
    """The only page of a site whose data has never loaded: what is wrong, where."""
    return (
        "---\ntitle: Data errors\n---\n\n# The briefing's data has errors\n\n"
        "Nothing can be shown until they are fixed; this page updates when a file is saved.\n\n"
        f'<pre class="briefing-errors-list">{_listing(problems)}</pre>\n'
    )


def error_report(problems: list[Problem], *, stale: bool) -> str:
    """The errors for the terminal, framed so that they stand out from the build's lines."""
    count = len(problems)
    rule = "=" * 72
    notice = (
        "Serving the last good version, with these errors on every page, until they are fixed."
        if stale
        else "The served site lists these errors until they are fixed."
    )
    lines = [rule, f"The briefing's data has {count} error{'s' * (count != 1)}:"]
    return "\n".join([*lines, *(str(problem) for problem in problems), notice, rule])
