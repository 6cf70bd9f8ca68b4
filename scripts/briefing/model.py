"""The briefing's schema: fields defined once; pages, exports and schemas derive from it."""

from __future__ import annotations

import datetime
import re
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARAGRAPH_PATTERN = r"^p[0-9]{2,5}$"
WHEN_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


def _check_when(value: str) -> str:
    """A year, year-month or full date that exists in the calendar (no 2022-02-30)."""
    parts = [int(part) for part in value.split("-")]
    try:
        datetime.date(parts[0], *(parts[1:] or [1]), *([1] if len(parts) < 3 else []))
    except ValueError as error:
        raise ValueError(f"'{value}' is not a real date ({error})") from None
    return value


def _year_as_text(value: object) -> object:
    """Let an editor write `when: 2022` unquoted: a bare YAML integer year means the same text."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _check_url(value: str) -> str:
    """Empty (address not preserved) or an absolute http(s) URL: never javascript: or data:."""
    if value == "":
        return value
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or re.search(r"\s", value):
        raise ValueError(
            f"'{value}' is not an http(s) URL; leave it empty if the address is unknown"
        )
    return value


def _check_text(value: str) -> str:
    """Reject text that is only white space: it would render as an empty heading or cell."""
    if not value.strip():
        raise ValueError("text is empty")
    return value


# Strict scalars: YAML turns `yes` into True and `1.0` into a float; neither may pass as text.
Slug = Annotated[str, Strict(), Field(pattern=SLUG_PATTERN, max_length=80)]
ParagraphId = Annotated[str, Strict(), Field(pattern=PARAGRAPH_PATTERN)]
Text = Annotated[str, Strict(), Field(max_length=2000), AfterValidator(_check_text)]
When = Annotated[
    str,
    Strict(),
    Field(pattern=WHEN_PATTERN),
    AfterValidator(_check_when),
    BeforeValidator(_year_as_text),  # listed last so that it runs first
]
Url = Annotated[str, Strict(), Field(max_length=2000), AfterValidator(_check_url)]
Name = Annotated[str, Strict(), Field(min_length=1, max_length=200)]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Order = Annotated[int, Strict(), Field(ge=1)]


class Record(BaseModel):
    """Base of every record: unknown keys are errors and values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class ClaimKind(StrEnum):
    """How the article holds a claim."""

    FACT = "fact"
    ASSESSMENT = "assessment"
    FORECAST = "forecast"
    ALLEGATION = "allegation"


class ActorKind(StrEnum):
    """What sort of actor a record is."""

    STATE = "state"
    TERRITORY = "territory"
    PERSON = "person"
    ORGANIZATION = "organization"
    COMPANY = "company"
    ARMED_GROUP = "armed-group"
    POPULATION = "population"
    INSTITUTION = "institution"


class ParagraphRole(StrEnum):
    """Body paragraphs carry the argument; the credit line only names the publisher."""

    BODY = "body"
    CREDIT = "credit"


class SourceRole(StrEnum):
    """A citation backs claims; the publisher's credit backs none."""

    CITATION = "citation"
    CREDIT = "credit"


class Paragraph(Record):
    id: ParagraphId
    """`p01`, `p02`, ...: the anchor on the article page and the provenance of its claims."""
    text: Text
    """The paragraph as printed; each citation marker is kept in square brackets, `[like this]`."""
    role: ParagraphRole = ParagraphRole.BODY
    """`body` for the argument, `credit` for the publisher's credit line."""


class ArgumentLine(Record):
    text: Text
    """One line of the article's argument, in plain words."""
    claims: tuple[Slug, ...] = Field(min_length=1)
    """The claims that line rests on: a reader goes from the summary to the evidence."""


class Article(Record):
    title: Text
    """The article's headline."""
    author: Text
    """Who wrote it."""
    author_bio: Text
    """The author's biography as the article gives it."""
    publisher: Text
    """Who produced and distributed it."""
    source_note: Text
    """How this copy of the text was supplied and what was lost from it."""
    date_note: Text
    """What is known of the publication date (the supplied text carries none)."""
    latest_event: When | None = None
    """Date of the latest event the article mentions, where the text gives no publication date."""
    levers_label: Text = "The levers"
    """Whose instruments the levers are, as the matrix names them ("The government's levers")."""
    argument: tuple[ArgumentLine, ...] = Field(default=(), max_length=7)
    """What the article argues, in about five lines, for the home page."""
    draft: Flag = False
    """True while the data is incomplete: coverage gaps are warnings, not errors."""
    paragraphs: tuple[Paragraph, ...] = Field(min_length=1)
    """The text, in order."""


class Theme(Record):
    id: Slug
    """Lowercase slug; the theme's page is `/themes/<id>/`."""
    title: Text
    """Chapter title."""
    summary: Text
    """What the chapter argues, in a sentence or two."""
    order: Order
    """Position in the navigation."""


class Lever(Record):
    id: Slug
    """Lowercase slug; anchors the lever's section on `/levers/`."""
    title: Text
    """Name of the instrument."""
    summary: Text
    """How the instrument is used, in a sentence."""
    order: Order
    """Position in the leverage matrix."""


class Target(Record):
    id: Slug
    """Lowercase slug; a column of the leverage matrix."""
    title: Text
    """Who or what the leverage is aimed at."""
    order: Order
    """Column position in the leverage matrix."""


class Relation(Record):
    kind: Slug
    """What the relation is, as a verb phrase slug: `supplies`, `owns-share-of`, `allied-with`."""
    to: Slug
    """The other actor's id."""
    detail: Text
    """The relation in a few plain words."""
    claim: Slug
    """The claim that evidences it."""


class Actor(Record):
    id: Slug
    """Lowercase slug; the actor's page is `/actors/<id>/`."""
    name: Text
    """The name as the article writes it, diacritics included."""
    native_name: Text | None = None
    """The name in its own script or spelling, where it differs."""
    kind: ActorKind
    """State, territory, person, organization, company, armed group, population or institution."""
    role: Text
    """Its role in the article, in one line."""
    relations: tuple[Relation, ...] = ()
    """Its relations to other actors, each evidenced by a claim."""
    other_names: tuple[Name, ...] = ()
    """Other names a reader may search for, as the article or common usage attests them (a
    spelling without diacritics, a capital standing for its state)."""


class Figure(Record):
    value: Number
    """The number as given (51 for "51 percent", 3700 for "roughly 3,700")."""
    unit: Text
    """What it counts: percent, troops, share, year."""
    label: Text
    """What the number measures, in a few words."""
    approximate: Flag = False
    """True where the article hedges the number ("roughly", "almost")."""


class Claim(Record):
    id: Slug
    """Lowercase slug; also the anchor of the claim's section, so keep renamed ids in `aliases`."""
    text: Text
    """One checkable statement in plain, neutral words."""
    kind: ClaimKind
    """fact, assessment (the author's judgment), forecast or allegation."""
    hedge: Text | None = None
    """The article's own hedging words ("is suspected of"), verbatim, where it hedges."""
    attributed_to: Slug | None = None
    """The actor the article attributes the statement or number to."""
    theme: Slug
    """The chapter the claim belongs to."""
    levers: tuple[Slug, ...] = ()
    """The instruments (levers) the claim shows at work."""
    actors: tuple[Slug, ...] = ()
    """The actors it concerns."""
    targets: tuple[Slug, ...] = ()
    """Whom the leverage it shows is aimed at."""
    sources: tuple[Slug, ...] = ()
    """The citation markers that back it."""
    paragraph: ParagraphId
    """The paragraph it comes from."""
    quote: Text
    """A short verbatim extract of that paragraph."""
    when: When | None = None
    """The date of the event: YYYY, YYYY-MM or YYYY-MM-DD."""
    figure: Figure | None = None
    """The number it gives, if any."""
    key_judgment: Flag = False
    """True for the article's main analytical judgments, shown on the home page."""
    aliases: tuple[Slug, ...] = ()
    """Former ids of this claim, kept so that old links still land on it."""


class Source(Record):
    id: Slug
    """Lowercase slug; anchors the source's entry on `/sources/`."""
    cited_as: Text
    """The citation marker's anchor text, exactly as in the article."""
    paragraph: ParagraphId
    """The paragraph the marker sits in."""
    url: Url = ""
    """The cited address; empty where the supplied text lost it (never invented)."""
    role: SourceRole = SourceRole.CITATION
    """`citation`, or `credit` for the publisher's credit line."""
    publisher: Text | None = None
    """Who published the cited item, where the article names them (e.g. a pollster)."""
