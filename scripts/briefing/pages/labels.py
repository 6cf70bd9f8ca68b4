"""Words and number formats the pages share: kind names, dates, figures, paragraph numbers."""

from __future__ import annotations

from briefing.model import Figure

CLAIM_KIND_LABELS = {
    "fact": "reported",
    "assessment": "assessment",
    "forecast": "forecast",
    "allegation": "allegation",
}
"""How a claim's kind is shown: a `fact` is what the article reports, not a verified fact."""
CLAIM_KIND_HELP = {
    "fact": "the article states it as fact; not verified here",
    "assessment": "the author's own judgment",
    "forecast": "what the article says could or would happen",
    "allegation": "what the article says is suspected, believed or alleged",
}
ACTOR_KIND_TITLES = {
    "state": "States",
    "territory": "Territories",
    "person": "People",
    "organization": "Organizations",
    "institution": "Institutions",
    "company": "Companies",
    "armed-group": "Armed forces and groups",
    "population": "Populations and groups of people",
}
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
"""Month names by number. Not `calendar.month_name`: it formats a date for every lookup, in the
process's locale, and the pages must not depend on the environment."""
SINGULARS = {
    "States": "State",
    "Territories": "Territory",
    "People": "Person",
    "Organizations": "Organization",
    "Institutions": "Institution",
    "Companies": "Company",
    "Armed forces and groups": "Armed force or group",
    "Populations and groups of people": "Population or group of people",
}


def kind_label(kind: str) -> str:
    """The word shown for a claim's kind: 'reported' for a fact, which the article states."""
    return CLAIM_KIND_LABELS[kind]


def paragraph_number(paragraph_id: str) -> str:
    """'p07' -> '7', as a reader counts paragraphs (¶7)."""
    return str(int(paragraph_id[1:]))


def precision(when: str) -> str:
    """How precise a date is: year, month or day."""
    return {4: "year", 7: "month"}.get(len(when), "day")


def date_label(when: str) -> str:
    """'2022' -> '2022', '2022-12' -> 'December 2022', '2022-12-15' -> '15 December 2022'."""
    parts = when.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def figure_value(figure: Figure) -> str:
    """The number as a reader expects it: thousands separated, '≈' where the article hedges."""
    value = int(figure.value) if float(figure.value).is_integer() else figure.value
    number = str(value) if figure.unit == "year" else f"{value:,}"  # 2025, not 2,025
    return f"≈ {number}" if figure.approximate else number


def figure_label(figure: Figure) -> str:
    """Value, unit and label in one phrase: '51 percent: Gazprom's share of NIS'."""
    from briefing.pages.markup import md

    return f"{figure_value(figure)} {md(figure.unit)}: {md(figure.label)}"


def shorten(text: str, limit: int = 90) -> str:
    """The text cut at a word boundary to about `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return f"{cut}…"


def relation_label(kind: str) -> str:
    """'owns-share-of' -> 'owns share of'."""
    return kind.replace("-", " ")


def singular(title: str) -> str:
    """The singular of an actor-kind heading, for one actor's page."""
    return SINGULARS.get(title, title)
