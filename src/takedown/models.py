"""The record classes: frozen, slotted, fully typed and validated on creation.

In the data files a reference to another record is its id (``"person/omar-sy"``); once
loaded, the field holds the record itself (``credit.person.name``).  Fields marked with
:func:`~takedown._fields.ref` are those references.

Annotations are evaluated when the classes are made (no ``from __future__ import
annotations``): cattrs reads every field's type when it builds its hooks, and string
annotations would each be compiled then, which made the first load measurably slower.
"""

import datetime as dt
from typing import Any, ClassVar

import attrs

from ._fields import (
    date,
    items,
    number,
    optional_text,
    positive_int,
    record_id,
    ref,
    sources,
    text,
    texts,
)
from .enums import (
    Audience,
    CompanyRole,
    DatePrecision,
    Department,
    EventKind,
    FilmingStatus,
    LocationKind,
    ReleaseKind,
    SourceKind,
)

__all__ = [
    "Admissions",
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


@attrs.frozen(kw_only=True)
class Source:
    """One of the documents the dataset is built from."""

    KIND: ClassVar[str] = "source"
    id: str = record_id("source")
    title: str = text()
    kind: SourceKind
    file: str = text()
    #: 1 is the most trusted; ties are allowed.
    trust: int = positive_int()
    published: dt.date | None = date(optional=True)
    notes: str | None = optional_text()

    @property
    def sources(self) -> frozenset[str]:
        """A source vouches for itself, so every record answers ``sources`` alike."""
        return frozenset({self.id})


@attrs.frozen(kw_only=True)
class Film:
    """A film of the franchise."""

    KIND: ClassVar[str] = "film"
    id: str = record_id("film")
    title: str = text()
    original_title: str = text()
    aliases: tuple[str, ...] = texts()
    year: int = number(low=1888, high=2100)
    release_date: dt.date | None = date(optional=True)
    runtime_minutes: int | None = positive_int(optional=True)
    countries: tuple[str, ...] = texts()
    languages: tuple[str, ...] = texts()
    genres: tuple[str, ...] = texts()
    predecessor: "Film | None" = ref("film", optional=True)
    synopsis: str | None = optional_text()
    #: How critics and audiences took the film overall, in our words.
    reception: str | None = optional_text()
    budget: Money | None = None
    sources: frozenset[str] = sources()

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

    def _repr_html_(self) -> str:
        """An HTML card of the film's own fields, shown by Jupyter."""
        from ._html import film_html

        return film_html(self)


@attrs.frozen(kw_only=True)
class Person:
    """A real person: actor, crew member or critic."""

    KIND: ClassVar[str] = "person"
    id: str = record_id("person")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    #: Who they are, in our words, from what the sources say (None when they say nothing).
    description: str | None = optional_text()
    sources: frozenset[str] = sources()

    def _repr_html_(self) -> str:
        """An HTML card of the person's own fields, shown by Jupyter."""
        from ._html import person_html

        return person_html(self)


@attrs.frozen(kw_only=True)
class Company:
    """A production company or distributor."""

    KIND: ClassVar[str] = "company"
    id: str = record_id("company")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    description: str | None = optional_text()
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class Location:
    """A place, real or from the story, with the place it lies in."""

    KIND: ClassVar[str] = "location"
    id: str = record_id("location")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    kind: LocationKind
    fictional: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    parent: "Location | None" = ref("location", optional=True)
    description: str | None = optional_text()
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        # A longer cycle cannot be built: a record exists before any record that refers to
        # it, and the loader refuses two records with one id.
        if self.parent is not None and self.parent.id == self.id:
            raise ValueError(f"{self.id} lies inside itself")


@attrs.frozen(kw_only=True)
class Character:
    """A character of the story, whether or not a source names the actor."""

    KIND: ClassVar[str] = "character"
    id: str = record_id("character")
    name: str = text()
    aliases: tuple[str, ...] = texts()
    description: str | None = optional_text()
    films: tuple[Film, ...] = ref("film", many=True)
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if not self.films:
            raise ValueError(f"{self.id} must appear in at least one film")

    def _repr_html_(self) -> str:
        """An HTML card of the character's own fields, shown by Jupyter."""
        from ._html import character_html

        return character_html(self)


@attrs.frozen(kw_only=True)
class CastCredit:
    """An actor in a film, as a character when a source says which, in billing order."""

    KIND: ClassVar[str] = "cast"
    id: str = record_id("cast")
    film: Film = ref("film")
    person: Person = ref("person")
    character: Character | None = ref("character", optional=True)
    order: int = positive_int()
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if self.character is not None and self.film not in self.character.films:
            raise ValueError(f"{self.character.id} does not appear in {self.film.id}")


@attrs.frozen(kw_only=True)
class CrewCredit:
    """A person's job on a film."""

    KIND: ClassVar[str] = "crew"
    id: str = record_id("crew")
    film: Film = ref("film")
    person: Person = ref("person")
    department: Department
    job: str = text()
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class CompanyCredit:
    """A company's part in a film: production or distribution."""

    KIND: ClassVar[str] = "company-credit"
    id: str = record_id("company-credit")
    film: Film = ref("film")
    company: Company = ref("company")
    role: CompanyRole
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class Release:
    """How and when a film came out: on which platform or in cinemas, and where."""

    KIND: ClassVar[str] = "release"
    id: str = record_id("release")
    film: Film = ref("film")
    kind: ReleaseKind
    date: dt.date = date()
    #: Countries named by the source; empty with ``worldwide`` for a global launch.
    countries: tuple[str, ...] = texts()
    worldwide: bool = False
    distributor: Company | None = ref("company", optional=True)
    notes: str | None = optional_text()
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if self.worldwide and self.countries:
            raise ValueError("a worldwide release lists no countries")


@attrs.frozen(kw_only=True)
class ProductionEvent:
    """A dated step in making or launching a film; ``precision`` says how exact the date is."""

    KIND: ClassVar[str] = "event"
    id: str = record_id("event")
    film: Film = ref("film")
    kind: EventKind
    date: dt.date = date()
    precision: DatePrecision = DatePrecision.DAY
    summary: str = text()
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if self.precision is not DatePrecision.DAY and self.date.day != 1:
            raise ValueError("a date known to the month or year is stored as its first day")
        if self.precision is DatePrecision.YEAR and self.date.month != 1:
            raise ValueError("a date known to the year is stored as 1 January")

    @property
    def latest_date(self) -> dt.date:
        """The last day the event can have happened on, given ``precision``."""
        if self.precision is DatePrecision.DAY:
            return self.date
        if self.precision is DatePrecision.YEAR:
            return dt.date(self.date.year, 12, 31)
        next_month = dt.date(self.date.year + self.date.month // 12, self.date.month % 12 + 1, 1)
        return next_month - dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class FilmingLocation:
    """A real place where a film was shot (or scouted), and what was shot there."""

    KIND: ClassVar[str] = "filming"
    id: str = record_id("filming")
    film: Film = ref("film")
    location: Location = ref("location")
    status: FilmingStatus = FilmingStatus.SHOT
    scenes: str | None = optional_text()
    #: The story's place that this real place played, when a source says so.
    stands_in_for: Location | None = ref("location", optional=True)
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if self.location.fictional:
            raise ValueError(f"{self.location.id} is fictional and cannot be a filming location")
        if self.stands_in_for is not None and self.stands_in_for.id == self.location.id:
            raise ValueError(f"{self.location.id} cannot stand in for itself")


@attrs.frozen(kw_only=True)
class PlotEvent:
    """One step of a film's story, summarised in the project's own words."""

    KIND: ClassVar[str] = "plot"
    id: str = record_id("plot")
    film: Film = ref("film")
    #: Position in story order, 1..n within the film.
    order: int = positive_int()
    summary: str = text()
    characters: tuple[Character, ...] = ref("character", many=True)
    locations: tuple[Location, ...] = ref("location", many=True)
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        for character in self.characters:
            if self.film not in character.films:
                raise ValueError(f"{character.id} does not appear in {self.film.id}")


@attrs.frozen(kw_only=True)
class Rating:
    """An aggregate score from critics or the audience, as of a date."""

    KIND: ClassVar[str] = "rating"
    id: str = record_id("rating")
    film: Film = ref("film")
    aggregator: str = text()
    audience: Audience
    #: What is measured, e.g. "approval" (share of positive reviews) or "average".
    metric: str = text()
    value: float = number(low=0)
    scale_min: float = number()
    scale_max: float = number()
    count: int | None = positive_int(optional=True)
    #: True when the source gives the count as a floor ("over 109,000").
    count_is_minimum: bool = False
    as_of: dt.date | None = date(optional=True)
    as_of_precision: DatePrecision = DatePrecision.DAY
    sources: frozenset[str] = sources()

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
class Review:
    """A named critic's or outlet's review: its score if any, and its gist in our words."""

    KIND: ClassVar[str] = "review"
    id: str = record_id("review")
    film: Film = ref("film")
    outlet: str | None = optional_text()
    critic: str | None = optional_text()
    score: Score | None = None
    gist: str = text()
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class ChartPeak:
    """The best place a film reached on one country's chart (``country`` None if unnamed)."""

    rank: int = positive_int()
    country: str | None = optional_text()
    chart: str | None = optional_text()


@attrs.frozen(kw_only=True)
class Viewership:
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
    as_of: dt.date | None = date(optional=True)
    as_of_precision: DatePrecision = DatePrecision.DAY
    #: What the source adds that has no field of its own (e.g. weeks in a chart).
    notes: str | None = optional_text()
    sources: frozenset[str] = sources()

    def __attrs_post_init__(self) -> None:
        if self.rank is None and self.category is not None:
            raise ValueError("a category needs a rank")


@attrs.frozen(kw_only=True)
class Admissions:
    """Cinema tickets sold in one market."""

    KIND: ClassVar[str] = "admissions"
    id: str = record_id("admissions")
    film: Film = ref("film")
    count: int = positive_int()
    count_is_minimum: bool = False
    market: str = text()
    sources: frozenset[str] = sources()


@attrs.frozen(kw_only=True)
class Claim:
    """One source's version of a disputed fact."""

    value: str = text()
    sources: frozenset[str] = sources()
    preferred: bool = False


@attrs.frozen(kw_only=True)
class Conflict:
    """Sources disagree about ``field`` of ``subject``: every claim, the preferred one, and why."""

    KIND: ClassVar[str] = "conflict"
    id: str = record_id("conflict")
    #: The id of the record the disputed fact belongs to.
    subject: str = text()
    field: str = text()
    claims: tuple[Claim, ...] = items()
    reason: str = text()

    def __attrs_post_init__(self) -> None:
        if len(self.claims) < 2:
            raise ValueError("a conflict needs at least two claims")
        if sum(claim.preferred for claim in self.claims) != 1:
            raise ValueError("exactly one claim must be preferred")
        if len({claim.value.casefold() for claim in self.claims}) != len(self.claims):
            raise ValueError("two claims state the same value")

    @property
    def preferred(self) -> Claim:
        """The claim the dataset uses."""
        return next(claim for claim in self.claims if claim.preferred)

    @property
    def sources(self) -> frozenset[str]:
        """Every source that takes part in the disagreement."""
        return frozenset().union(*(claim.sources for claim in self.claims))


Record = Any
"""Any record class above (kept loose: queries accept them all)."""
