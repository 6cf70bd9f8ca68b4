"""The briefing's schema: fields defined once; pages, exports and schemas derive from it."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARAGRAPH_PATTERN = r"^p[0-9]{2,5}$"
WHEN_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# What the Python validators below also check, as far as a JSON Schema pattern can say it: the
# editor's schema then refuses what the loader refuses (a month 13, a blank text, a javascript:
# URL), though only the loader knows that 2022-02-30 is not a day.
WHEN_SCHEMA_PATTERN = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
TEXT_SCHEMA_PATTERN = r"\S"
URL_SCHEMA_PATTERN = r"^$|^[hH][tT][tT][pP][sS]?://[^/?#\s]+[^\s]*$"
YEARS = (1000, 9999)
"""The years an unquoted `when: 2009` may give: four digits, as the pattern wants."""
RESERVED_ACTOR_IDS = frozenset({"index", "network"})
"""Actor pages share actors/ with the index and the network page."""
RESERVED_TARGET_IDS = frozenset({"none"})
"""`none` is the leverage matrix's column for claims that name no target."""
REFERENCES_KEY = "x-references"
"""Marks an id field's JSON Schema with the kind it names; `schema.py` turns it into the list
of that kind's ids."""


@dataclass(frozen=True)
class SchemaPattern:
    """In the JSON Schema only, the pattern that stands for a Python validator's rule."""

    pattern: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), "pattern": self.pattern}


@dataclass(frozen=True)
class YearAsInteger:
    """In the JSON Schema, what `_year_as_text` lets through: a bare four-digit year."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        low, high = YEARS
        year = {"type": "integer", "minimum": low, "maximum": high}
        return {"anyOf": [handler(core_schema), year]}


@dataclass(frozen=True)
class Reserved:
    """In the JSON Schema, the ids a kind may not take (see `check._check_reserved_ids`)."""

    ids: frozenset[str]

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), "not": {"enum": sorted(self.ids)}}


@dataclass(frozen=True)
class References:
    """An id field that names a record of `kind`: the editors' schemas list that kind's ids."""

    kind: str

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(core_schema), REFERENCES_KEY: self.kind}


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
Text = Annotated[
    str,
    Strict(),
    Field(max_length=2000),
    AfterValidator(_check_text),
    SchemaPattern(TEXT_SCHEMA_PATTERN),
]
When = Annotated[
    str,
    Strict(),
    Field(pattern=WHEN_PATTERN),
    AfterValidator(_check_when),
    SchemaPattern(WHEN_SCHEMA_PATTERN),
    BeforeValidator(_year_as_text),  # listed last so that it runs first
    YearAsInteger(),
]
Url = Annotated[
    str,
    Strict(),
    Field(max_length=2000),
    AfterValidator(_check_url),
    SchemaPattern(URL_SCHEMA_PATTERN),
]
Name = Annotated[str, Strict(), Field(min_length=1, max_length=200)]
Number = Annotated[float, Strict()]
Flag = Annotated[bool, Strict()]
Order = Annotated[int, Strict(), Field(ge=1)]
ThemeId = Annotated[Slug, References("themes")]
LeverId = Annotated[Slug, References("levers")]
TargetId = Annotated[Slug, References("targets")]
ActorId = Annotated[Slug, References("actors")]
ClaimId = Annotated[Slug, References("claims")]
SourceId = Annotated[Slug, References("sources")]
ParagraphRef = Annotated[ParagraphId, References("paragraphs")]


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
    claims: tuple[ClaimId, ...] = Field(min_length=1)
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
    id: Annotated[Slug, Reserved(RESERVED_TARGET_IDS)]
    """Lowercase slug; a column of the leverage matrix."""
    title: Text
    """Who or what the leverage is aimed at."""
    order: Order
    """Column position in the leverage matrix."""


class Relation(Record):
    kind: Slug
    """What the relation is, as a verb phrase slug: `supplies`, `owns-share-of`, `allied-with`."""
    to: ActorId
    """The other actor's id."""
    detail: Text
    """The relation in a few plain words."""
    claim: ClaimId
    """The claim that evidences it."""


class Actor(Record):
    id: Annotated[Slug, Reserved(RESERVED_ACTOR_IDS)]
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
    attributed_to: ActorId | None = None
    """The actor the article attributes the statement or number to."""
    theme: ThemeId
    """The chapter the claim belongs to."""
    levers: tuple[LeverId, ...] = ()
    """The instruments (levers) the claim shows at work."""
    actors: tuple[ActorId, ...] = ()
    """The actors it concerns."""
    targets: tuple[TargetId, ...] = ()
    """Whom the leverage it shows is aimed at."""
    sources: tuple[SourceId, ...] = ()
    """The citation markers that back it."""
    paragraph: ParagraphRef
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
    paragraph: ParagraphRef
    """The paragraph the marker sits in."""
    url: Url = ""
    """The cited address; empty where the supplied text lost it (never invented)."""
    role: SourceRole = SourceRole.CITATION
    """`citation`, or `credit` for the publisher's credit line."""
    publisher: Text | None = None
    """Who published the cited item, where the article names them (e.g. a pollster)."""
