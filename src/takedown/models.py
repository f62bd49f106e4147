"""The record classes: frozen, slotted, fully typed and validated on creation.

In the data files a reference to another record is its id (``"person/omar-sy"``); once
loaded, the field holds the record itself (``credit.person.name``).  Fields marked with
:func:`~takedown._fields.ref` are those references.

Annotations are evaluated when the classes are made (no ``from __future__ import
annotations``): cattrs reads every field's type when it builds its hooks, and string
annotations would each be compiled then, which made the first load measurably slower.
"""

import datetime as dt
import re
from typing import Any, ClassVar

import attrs

from ._fields import (
    EARLIEST_DATE,
    LATEST_DATE,
    citations,
    date,
    items,
    number,
    optional_text,
    positive_int,
    prose,
    record_id,
    ref,
    sources,
    text,
    texts,
    year,
)
from .enums import (
    SYMMETRIC_KINDS,
    Audience,
    CompanyRole,
    DatePrecision,
    Department,
    EventKind,
    FilmingStatus,
    LocationKind,
    OrganizationKind,
    RelationshipKind,
    ReleaseKind,
    SourceKind,
    WorkKind,
)

__all__ = [
    "Admissions",
    "Award",
    "Citation",
    "Comparison",
    "Country",
    "Language",
    "Organization",
    "PartialDate",
    "Relationship",
    "Theme",
    "Work",
    "CastCredit",
    "ChartPeak",
    "Character",
    "Claim",
    "Company",
    "CompanyCredit",
    "Conflict",
    "CrewCredit",
    "Film",
    "FilmingLocation",
    "Location",
    "Money",
    "Person",
    "PlotEvent",
    "ProductionEvent",
    "Rating",
    "Record",
    "Release",
    "Review",
    "Score",
    "Source",
    "Viewership",
]


class _Card:
    """Gives a record class the HTML card Jupyter shows (:func:`takedown._html.record_html`)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """An HTML card of the record's own fields, shown by Jupyter."""
        from ._html import record_html

        return record_html(self)


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money in whole units of an ISO 4217 ``currency`` (e.g. ``"EUR"``)."""

    amount: int = positive_int()
    currency: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{3}"))


@attrs.frozen(kw_only=True)
class Score:
    """A single critic's score, ``value`` out of ``scale`` (e.g. 1.5 out of 4)."""

    value: float = number(low=0)
    scale: float = number(low=0)

    def __attrs_post_init__(self) -> None:
        if self.scale <= 0 or self.value > self.scale:
            raise ValueError(f"score {self.value} does not fit a scale of {self.scale}")


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@attrs.frozen(kw_only=True)
class PartialDate:
    """A date known to the year, the month or the day: written ``2021``, ``2021-03`` or
    ``2021-03-15``.  Its precision travels with it, so no record has one without the other.
    """

    year: int = number(low=EARLIEST_DATE.year, high=LATEST_DATE.year)
    month: int | None = attrs.field(default=None)
    day: int | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month!r} is not 1..12")
        if self.day is not None:
            dt.date(self.year, self.month or 1, self.day)  # raises ValueError for 31 April

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; anything else is a ValueError."""
        match = _PARTIAL_DATE.fullmatch(text)
        if match is None:
            raise ValueError(f"expected 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', got {text[:40]!r}")
        year, month, day = (int(part) if part else None for part in match.groups())
        return cls(year=year, month=month, day=day)  # type: ignore[arg-type]

    @property
    def precision(self) -> DatePrecision:
        """How much of the date is known."""
        if self.day is not None:
            return DatePrecision.DAY
        return DatePrecision.YEAR if self.month is None else DatePrecision.MONTH

    @property
    def first_day(self) -> dt.date:
        """The earliest day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        """The latest day the date can mean."""
        if self.day is not None:
            return self.first_day
        if self.month is None:
            return dt.date(self.year, 12, 31)
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    def describe(self, *, abbreviate: bool = False) -> str:
        """The date for people: ``"6 May 2022"``, ``"May 2022"`` or ``"2022"``.

        >>> PartialDate.parse("2021-03").describe()
        'March 2021'
        """
        month = f"{self.first_day:{'%b' if abbreviate else '%B'}} " if self.month else ""
        day = f"{self.day} " if self.day else ""
        return f"{day}{month}{self.year}"

    def __str__(self) -> str:
        return "-".join(
            [f"{self.year:04d}"]
            + [f"{part:02d}" for part in (self.month, self.day) if part is not None]
        )


@attrs.frozen(kw_only=True)
class Country:
    """A country: its ISO 3166-1 alpha-2 ``code`` (``"FR"``) and English ``name``."""

    code: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{2}"))
    name: str = text()


@attrs.frozen(kw_only=True)
class Language:
    """A language: its ISO 639-1 ``code`` (``"fr"``) and English ``name``."""

    code: str = attrs.field(validator=attrs.validators.matches_re(r"[a-z]{2}"))
    name: str = text()


@attrs.frozen(kw_only=True)
class Citation:
    """The sources that state one field of a record (``field`` names it)."""

    field: str = text()
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class Source(_Card):
    """One of the documents the dataset is built from."""

    KIND: ClassVar[str] = "source"
    id: str = record_id("source")
    title: str = text()
    kind: SourceKind
    file: str = text()
    #: 1 is the most trusted; ties are allowed.
    trust: int = positive_int()
    published: dt.date | None = date(optional=True)
    notes: str | None = prose(optional=True)

    @property
    def sources(self) -> frozenset[str]:
        """A source vouches for itself, so every record answers ``sources`` alike."""
        return frozenset({self.id})


@attrs.frozen(kw_only=True)
class Film(_Card):
    """A film of the franchise."""

    KIND: ClassVar[str] = "film"
    id: str = record_id("film")
    title: str = text()
    original_title: str = text()
    aliases: tuple[str, ...] = texts()
    year: int = number(low=1888, high=2100)
    release_date: dt.date | None = date(optional=True)
    runtime_minutes: int | None = positive_int(optional=True)
    countries: tuple[Country, ...] = items(optional=True)
    languages: tuple[Language, ...] = items(optional=True)
    genres: tuple[str, ...] = texts()
    predecessor: "Film | None" = ref("film", optional=True)
    synopsis: str | None = prose(optional=True)
    #: How critics and audiences took the film overall, in our words.
    reception: str | None = prose(optional=True)
    budget: Money | None = None
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise TypeError(f"year must be an int, got {self.year!r}")
        if self.release_date is not None and self.release_date.year != self.year:
            raise ValueError(f"release_date {self.release_date} is not in year {self.year}")
        if self.predecessor is not None and self.predecessor.id == self.id:
            raise ValueError(f"{self.id} cannot be its own predecessor")

    @property
    def name(self) -> str:
        """The English title (every named record has a ``name``)."""
        return self.title

    def chronology(self) -> tuple[int, int, str]:
        """The key that sorts films oldest first: ``sorted(films, key=Film.chronology)``."""
        day = self.release_date.toordinal() if self.release_date else 0
        return (self.year, day, self.id)


@attrs.frozen(kw_only=True)
class Person(_Card):
    """A real person: actor, crew member or critic."""

    KIND: ClassVar[str] = "person"
    id: str = record_id("person")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    #: Who they are, in our words, from what the sources say (None when they say nothing).
    description: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Company(_Card):
    """A production company or distributor."""

    KIND: ClassVar[str] = "company"
    id: str = record_id("company")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    description: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Location(_Card):
    """A place, real or from the story, with the place it lies in."""

    KIND: ClassVar[str] = "location"
    id: str = record_id("location")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    kind: LocationKind
    fictional: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    parent: "Location | None" = ref("location", optional=True)
    description: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        # A longer cycle cannot be built: a record exists before any record that refers to
        # it, and the loader refuses two records with one id.
        if self.parent is not None and self.parent.id == self.id:
            raise ValueError(f"{self.id} lies inside itself")


@attrs.frozen(kw_only=True)
class Character(_Card):
    """A character of the story, whether or not a source names the actor."""

    KIND: ClassVar[str] = "character"
    id: str = record_id("character")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    description: str | None = prose(optional=True)
    films: tuple[Film, ...] = ref("film", many=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if not self.films:
            raise ValueError(f"{self.id} must appear in at least one film")


@attrs.frozen(kw_only=True)
class Organization(_Card):
    """A body in the story (a police unit, a party, a secret society) or in the world.

    The companies credited on the films are :class:`Company` records; ``ds.organization``
    finds both.
    """

    KIND: ClassVar[str] = "organization"
    id: str = record_id("organization")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    kind: OrganizationKind
    #: True for the story's own bodies, False for real ones.
    fictional: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    #: The films it appears in, or is part of the story of.
    films: tuple[Film, ...] = ref("film", many=True)
    description: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Relationship(_Card):
    """How a character stands to another character or to an organisation, in one film.

    Read as "``character`` *kind* ``other``" (or ``organization``): exactly one of the two
    is set.  Relationships change between films, so each holds in the film it names.
    """

    KIND: ClassVar[str] = "relationship"
    id: str = record_id("relationship")
    film: Film = ref("film")
    character: Character = ref("character")
    kind: RelationshipKind
    other: Character | None = ref("character", optional=True)
    organization: Organization | None = ref("organization", optional=True)
    #: The character's title or post in it, where a source gives one ("chief", "inspector").
    title: str | None = optional_text()
    #: What the sources add: when it started or ended, how sure the story is of it.
    notes: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if (self.other is None) == (self.organization is None):
            raise ValueError("a relationship links its character to one other or organization")
        if self.other is not None and self.other.id == self.character.id:
            raise ValueError(f"{self.character.id} cannot be related to itself")
        for end in (self.character, self.other):
            if end is not None and self.film not in end.films:
                raise ValueError(f"{end.id} does not appear in {self.film.id}")
        if self.organization is not None and self.film not in self.organization.films:
            raise ValueError(f"{self.organization.id} does not appear in {self.film.id}")

    @property
    def symmetric(self) -> bool:
        """Whether the relationship reads the same both ways (partners, friends, spouses)."""
        return self.kind in SYMMETRIC_KINDS

    @property
    def target(self) -> "Character | Organization":
        """The other end: the other character or the organisation."""
        return self.other if self.other is not None else self.organization  # type: ignore[return-value]


@attrs.frozen(kw_only=True)
class Theme(_Card):
    """A theme the sources see in one or more films."""

    KIND: ClassVar[str] = "theme"
    id: str = record_id("theme")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    films: tuple[Film, ...] = ref("film", many=True)
    #: How the sources treat it, in our words.
    description: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if not self.films:
            raise ValueError(f"{self.id} must belong to at least one film")


@attrs.frozen(kw_only=True)
class Work(_Card):
    """A work other than the two films that a source credits a person with."""

    KIND: ClassVar[str] = "work"
    id: str = record_id("work")
    person: Person = ref("person")
    title: str = text()
    #: None where no source says whether it is a film or a series.
    kind: WorkKind | None = None
    #: The person's part in it, e.g. "director" or "lead actor"; None where no source says.
    role: str | None = optional_text()
    #: Only where a source states it.
    year: int | None = year()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    @property
    def name(self) -> str:
        """The title (every named record has a ``name``)."""
        return self.title


@attrs.frozen(kw_only=True)
class Award(_Card):
    """An award a source says a person won."""

    KIND: ClassVar[str] = "award"
    id: str = record_id("award")
    person: Person = ref("person")
    name: str = text()
    #: The work it was for, where a source says.
    work: str | None = optional_text()
    year: int | None = year()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Comparison(_Card):
    """A source setting a film beside another work or kind of film."""

    KIND: ClassVar[str] = "comparison"
    id: str = record_id("comparison")
    film: Film = ref("film")
    #: The work or group of works compared with, e.g. "Lethal Weapon".
    other: str = text()
    #: What is compared, and how, in our words.
    summary: str = prose()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class CastCredit(_Card):
    """An actor in a film, as a character when a source says which, in billing order."""

    KIND: ClassVar[str] = "cast"
    id: str = record_id("cast")
    film: Film = ref("film")
    person: Person = ref("person")
    character: Character | None = ref("character", optional=True)
    #: Billing position; None where no source bills the actor.
    order: int | None = positive_int(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if self.character is not None and self.film not in self.character.films:
            raise ValueError(f"{self.character.id} does not appear in {self.film.id}")


@attrs.frozen(kw_only=True)
class CrewCredit(_Card):
    """A person's job on a film."""

    KIND: ClassVar[str] = "crew"
    id: str = record_id("crew")
    film: Film = ref("film")
    person: Person = ref("person")
    department: Department
    job: str = text()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class CompanyCredit(_Card):
    """A company's part in a film: production or distribution."""

    KIND: ClassVar[str] = "company-credit"
    id: str = record_id("company-credit")
    film: Film = ref("film")
    company: Company = ref("company")
    role: CompanyRole
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Release(_Card):
    """How and when a film came out: on which platform or in cinemas, and where."""

    KIND: ClassVar[str] = "release"
    id: str = record_id("release")
    film: Film = ref("film")
    kind: ReleaseKind
    date: dt.date = date()
    #: Countries named by the source; empty with ``worldwide`` for a global launch.
    countries: tuple[Country, ...] = items(optional=True)
    worldwide: bool = False
    #: Languages of the audio tracks offered, as far as the sources name them.
    audio_languages: tuple[Language, ...] = items(optional=True)
    #: Languages of the subtitles offered, as far as the sources name them.
    subtitle_languages: tuple[Language, ...] = items(optional=True)
    distributor: Company | None = ref("company", optional=True)
    notes: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if self.worldwide and self.countries:
            raise ValueError("a worldwide release lists no countries")


@attrs.frozen(kw_only=True)
class ProductionEvent(_Card):
    """A dated step in making or launching a film, its date as precise as the sources say."""

    KIND: ClassVar[str] = "event"
    id: str = record_id("event")
    film: Film = ref("film")
    kind: EventKind
    date: PartialDate = attrs.field(validator=attrs.validators.instance_of(PartialDate))
    summary: str = prose()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class FilmingLocation(_Card):
    """A real place where a film was shot (or scouted), and what was shot there."""

    KIND: ClassVar[str] = "filming"
    id: str = record_id("filming")
    film: Film = ref("film")
    location: Location = ref("location")
    status: FilmingStatus = FilmingStatus.SHOT
    scenes: str | None = prose(optional=True)
    #: The story's place that this real place played, when a source says so.
    stands_in_for: Location | None = ref("location", optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if self.location.fictional:
            raise ValueError(f"{self.location.id} is fictional and cannot be a filming location")
        if self.stands_in_for is not None and self.stands_in_for.id == self.location.id:
            raise ValueError(f"{self.location.id} cannot stand in for itself")


@attrs.frozen(kw_only=True)
class PlotEvent(_Card):
    """One step of a film's story, summarised in the project's own words."""

    KIND: ClassVar[str] = "plot"
    id: str = record_id("plot")
    film: Film = ref("film")
    #: Position in story order, 1..n within the film.
    order: int = positive_int()
    summary: str = prose()
    characters: tuple[Character, ...] = ref("character", many=True)
    locations: tuple[Location, ...] = ref("location", many=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        for character in self.characters:
            if self.film not in character.films:
                raise ValueError(f"{character.id} does not appear in {self.film.id}")


@attrs.frozen(kw_only=True)
class Rating(_Card):
    """An aggregate score from critics or the audience, as of a date."""

    KIND: ClassVar[str] = "rating"
    id: str = record_id("rating")
    film: Film = ref("film")
    #: None where the source lost the aggregator's name.
    aggregator: str | None = optional_text()
    audience: Audience
    #: What is measured, e.g. "approval" (share of positive reviews) or "average".
    metric: str = text()
    value: float = number(low=0)
    scale_min: float = number()
    scale_max: float = number()
    count: int | None = positive_int(optional=True)
    #: True when the source gives the count as a floor ("over 109,000").
    count_is_minimum: bool = False
    as_of: PartialDate | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(PartialDate))
    )
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if not self.scale_min < self.scale_max:
            raise ValueError(f"scale [{self.scale_min}, {self.scale_max}] is empty")
        if not self.scale_min <= self.value <= self.scale_max:
            raise ValueError(
                f"value {self.value} is outside the scale [{self.scale_min}, {self.scale_max}]"
            )
        if self.count is None and self.count_is_minimum:
            raise ValueError("count_is_minimum needs a count")


@attrs.frozen(kw_only=True)
class Review(_Card):
    """A named critic's or outlet's review: its score if any, and its gist in our words."""

    KIND: ClassVar[str] = "review"
    id: str = record_id("review")
    film: Film = ref("film")
    outlet: str | None = optional_text()
    critic: str | None = optional_text()
    score: Score | None = None
    gist: str = prose()
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class ChartPeak:
    """Where a film placed on one chart: its best ``rank``, or that it stayed ``within`` the
    top N, for how many ``weeks``.  ``country`` is None where the source lost its name.
    """

    rank: int | None = positive_int(optional=True)
    within: int | None = positive_int(optional=True)
    chart: str | None = optional_text()
    country: Country | None = None
    weeks: int | None = positive_int(optional=True)
    #: True when the source gives the weeks as a floor ("for several weeks": at least 2).
    weeks_is_minimum: bool = False

    def __attrs_post_init__(self) -> None:
        if self.rank is None and self.within is None:
            raise ValueError("a chart placing needs a rank or a top it stayed within")
        if self.weeks is None and self.weeks_is_minimum:
            raise ValueError("weeks_is_minimum needs weeks")


@attrs.frozen(kw_only=True)
class Viewership(_Card):
    """Streaming figures over a window after release."""

    KIND: ClassVar[str] = "viewership"
    id: str = record_id("viewership")
    film: Film = ref("film")
    hours_viewed: int = positive_int()
    window_days: int = positive_int()
    rank: int | None = positive_int(optional=True)
    #: The ranking the rank is within, e.g. "non-English films".
    category: str | None = optional_text()
    #: How many countries had the film in their top 10.
    top10_countries: int | None = positive_int(optional=True)
    peaks: tuple[ChartPeak, ...] = items(optional=True)
    as_of: PartialDate | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(PartialDate))
    )
    #: What the source adds that has no field of its own (e.g. weeks in a chart).
    notes: str | None = prose(optional=True)
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()

    def __attrs_post_init__(self) -> None:
        if self.rank is None and self.category is not None:
            raise ValueError("a category needs a rank")


@attrs.frozen(kw_only=True)
class Admissions(_Card):
    """Cinema tickets sold in one market."""

    KIND: ClassVar[str] = "admissions"
    id: str = record_id("admissions")
    film: Film = ref("film")
    count: int = positive_int()
    count_is_minimum: bool = False
    market: Country
    sources: frozenset[str] = sources()
    citations: tuple[Citation, ...] = citations()


@attrs.frozen(kw_only=True)
class Claim:
    """One source's version of a disputed fact."""

    #: The value this source gives, of the disputed field's type (a date for a date field,
    #: a record for a reference); the loader checks and converts it.
    value: Any
    sources: frozenset[str] = sources()
    preferred: bool = False

    @property
    def text(self) -> str:
        """The value as a reader would write it: a record by its name, a date in ISO form,
        ``unknown`` for a claim that the value is not known."""
        value = self.value
        if value is None:
            return "unknown"
        if isinstance(value, (dt.date, PartialDate)):
            return value.isoformat() if isinstance(value, dt.date) else str(value)
        name = getattr(value, "name", None)
        return name if isinstance(name, str) else str(value)


@attrs.frozen(kw_only=True)
class Conflict(_Card):
    """Sources disagree about ``field`` of ``subject``: every claim, the preferred one, and why."""

    KIND: ClassVar[str] = "conflict"
    id: str = record_id("conflict")
    #: The id of the record the disputed fact belongs to.
    subject: str = text()
    field: str = text()
    claims: tuple[Claim, ...] = items()
    reason: str = prose()

    def __attrs_post_init__(self) -> None:
        if len(self.claims) < 2:
            raise ValueError("a conflict needs at least two claims")
        if sum(claim.preferred for claim in self.claims) != 1:
            raise ValueError("exactly one claim must be preferred")
        if len({_claim_key(claim.value) for claim in self.claims}) != len(self.claims):
            raise ValueError("two claims state the same value")

    @property
    def preferred(self) -> Claim:
        """The claim the dataset uses."""
        return next(claim for claim in self.claims if claim.preferred)

    @property
    def sources(self) -> frozenset[str]:
        """Every source that takes part in the disagreement."""
        return frozenset().union(*(claim.sources for claim in self.claims))


def _claim_key(value: Any) -> Any:
    """What two claims are compared by: text without case, a record by its id."""
    if isinstance(value, str):
        return value.casefold()
    return getattr(value, "id", value)


Record = Any
"""Any record class above (kept loose: queries accept them all)."""
