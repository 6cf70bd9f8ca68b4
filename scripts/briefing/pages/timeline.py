"""The timeline: dated claims in date order, and the same as an SVG figure, one row per year and
one column per month, each claim a link to its section.

A date is as precise as the article gives it: a day, a month or a year. Within its year, a
month-only date is placed after the days of that month, and a year-only date after the whole
year: such a claim cannot be put before an event it may follow, so it comes last of its span.
Pure and deterministic; colours come from CSS classes (docs/stylesheets/briefing.css).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

from briefing.model import Claim
from briefing.pages.labels import MONTHS, date_label, precision
from briefing.pages.markup import xml_text

ORDER_NOTE = (
    "Where the article gives only a month, the claim comes after the days of that month; where it"
    " gives only a year, after everything else in that year."
)
YEAR_ONLY = 13
"""The column of year-only dates: after December."""
LABEL_WIDTH = 40
CELL = 24
"""A claim's square, in CSS pixels at a phone's width: a tap target of WCAG 2.2's minimum size."""
HEADER = 22


def when_key(when: str) -> tuple[int, int, int]:
    """Sort key of a date: (year, month, day), month-only as day 32, year-only as month 13."""
    parts = [int(part) for part in when.split("-")]
    month = parts[1] if len(parts) > 1 else YEAR_ONLY
    day = parts[2] if len(parts) > 2 else 32
    return parts[0], month, day


def timeline_order(claims: Iterable[Claim]) -> list[Claim]:
    """The dated claims in date order (see `when_key`); claims of the same date stay in reading
    order (the sort is stable)."""
    return sorted((claim for claim in claims if claim.when), key=lambda c: when_key(c.when or ""))


def when_label(when: str) -> str:
    """The date as shown, with its precision when it is not a day: '2022 (year only)',
    'November 2022 (month only)', '15 December 2022'."""
    extra = {"year": " (year only)", "month": " (month only)"}.get(precision(when), "")
    return date_label(when) + extra


def render_timeline_svg(ordered: list[Claim], urls: Mapping[str, str]) -> str:
    """The figure of `ordered` (from `timeline_order`), each claim a link to `urls[claim.id]`
    (relative to the timeline page): an `<svg>` element on lines of its own, no blank lines."""
    years: dict[int, dict[int, list[Claim]]] = defaultdict(lambda: defaultdict(list))
    for claim in ordered:
        year, month, _ = when_key(claim.when or "")
        years[year][month].append(claim)
    width = LABEL_WIDTH + YEAR_ONLY * CELL
    body, top = [], HEADER
    for year, columns in years.items():
        rows = max(len(claims) for claims in columns.values())
        body.append(_year_row(year, top, rows * CELL, width))
        for month, claims in columns.items():
            x = LABEL_WIDTH + (month - 1) * CELL
            body.extend(_event(claim, x, top + i * CELL, urls) for i, claim in enumerate(claims))
        top += rows * CELL
    dates = [claim.when or "" for claim in ordered]
    span = f"{date_label(min(dates))} to {date_label(max(dates))}"
    name = (
        f"Timeline of {len(ordered)} dated claim{'s' * (len(ordered) != 1)}, {span}: one row per"
        " year, one column per month, then one for the year only; each claim links to its section"
    )
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline"'
            f' aria-label="{xml_text(name)}" viewBox="0 0 {width + 6} {top + 2}" width="100%">',
            _header(top),
            *body,
            "</svg>",
        ]
    )


def _header(bottom: int) -> str:
    """Month initials over the columns, and a rule before the year-only column."""
    letters = [(MONTHS[m][0], m) for m in range(1, 13)] + [("year", YEAR_ONLY)]
    texts = "".join(
        f'<text x="{LABEL_WIDTH + (m - 0.5) * CELL:g}" y="15">{letter}</text>'
        for letter, m in letters
    )
    rule = LABEL_WIDTH + 12 * CELL
    return (
        f'<g class="timeline-axis" aria-hidden="true">{texts}'
        f'<line class="timeline-rule--year" x1="{rule}" y1="4" x2="{rule}" y2="{bottom}"/></g>'
    )


def _year_row(year: int, top: int, height: int, width: int) -> str:
    """A year's label and the rule above its row (`height` tall)."""
    return (
        f'<g class="timeline-year" aria-hidden="true"><line x1="0" y1="{top}" x2="{width}"'
        f' y2="{top}"/><text x="2" y="{top + min(height, CELL) // 2 + 4}">{year}</text></g>'
    )


def _event(claim: Claim, x: int, y: int, urls: Mapping[str, str]) -> str:
    """One claim: a 24 x 24 link with its dot in the middle, named by its date and text."""
    when = claim.when or ""
    name = xml_text(f"{when_label(when)}: {claim.text}")
    return (
        f'<a class="timeline-event" href="{xml_text(urls[claim.id])}" aria-label="{name}">'
        f"<title>{name}</title>"
        f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}"/>'
        f'<circle class="timeline-dot--{precision(when)} timeline-kind--{claim.kind.value}"'
        f' cx="{x + CELL // 2}" cy="{y + CELL // 2}" r="7"/></a>'
    )
