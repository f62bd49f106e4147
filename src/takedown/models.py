"""The record classes: frozen, slotted, fully typed and validated on creation.

A reference (:func:`~takedown._fields.ref`) is an id in the data files (``"person/omar-sy"``)
and the record itself once loaded (``credit.person.name``).  No ``from __future__ import
annotations``: cattrs then gets types, not strings to resolve, when it builds its hooks.
An optional field is None, or empty, when no source states it.

Every record class derives from ``_Record`` (``KIND`` and ``id``); all but :class:`Source`
and :class:`Conflict` from ``_Cited`` (``sources`` and ``citations``); the records looked up
by name from ``_Aliased`` (``name`` and ``aliases``), those the sources may leave unnamed
from ``_Named``, and the records about one film from ``_OfFilm``.
"""

import calendar
import datetime as dt
import re
from typing import Any, ClassVar, Protocol

import attrs

from ._fields import (
    citations,
    date,
    items,
    number,
    of_type,
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
    Circumstance,
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


@attrs.frozen(kw_only=True)
class Money:
    """An amount of money in whole units of an ISO 4217 ``currency`` (e.g. ``"EUR"``)."""

    amount: int = positive_int()
    """The amount in whole units of ``currency`` (euros, not cents); at least 1."""
    currency: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{3}"))
    """The ISO 4217 code of the currency, three capital letters (``"EUR"``)."""


@attrs.frozen(kw_only=True)
class Score:
    """A single critic's score, ``value`` out of ``scale`` (e.g. 1.5 out of 4)."""

    value: float = number(low=0)
    """The score given, from 0 up to ``scale`` (1.5 in "1.5 out of 4")."""
    scale: float = number(low=0)
    """The top of the critic's scale, above 0 (4 in "1.5 out of 4")."""

    def __attrs_post_init__(self) -> None:
        if self.scale <= 0 or self.value > self.scale:
            raise ValueError(f"score {self.value} does not fit a scale of {self.scale}")


_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@attrs.frozen(kw_only=True)
class PartialDate:
    """A date known to the year, the month or the day: written ``2021``, ``2021-03`` or
    ``2021-03-15``.  Its precision travels with it, so no record has one without the other.
    """

    year: int = year()
    """The year, 1888 to 2100."""
    month: int | None = attrs.field(default=None)
    """The month, 1 to 12; None when only the year is known."""
    day: int | None = attrs.field(default=None)
    """The day of the month; None when only the year or the month is known."""

    def __attrs_post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None:  # a ValueError for month 13, day 0 or 31 April
            dt.date(self.year, self.month, 1 if self.day is None else self.day)

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
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def describe(self, *, abbreviate: bool = False) -> str:
        """The date for people: ``"6 May 2022"``, ``"May 2022"`` or ``"2022"``.

        >>> PartialDate.parse("2021-03").describe()
        'March 2021'
        """
        month = f"{self.first_day:{'%b' if abbreviate else '%B'}} " if self.month else ""
        day = f"{self.day} " if self.day else ""
        return f"{day}{month}{self.year}"

    def __str__(self) -> str:
        parts = (self.year, self.month, self.day)
        return "-".join(f"{part:02d}" for part in parts if part is not None)


@attrs.frozen(kw_only=True)
class Country:
    """A country: its ISO 3166-1 alpha-2 ``code`` (``"FR"``) and English ``name``."""

    code: str = attrs.field(validator=attrs.validators.matches_re(r"[A-Z]{2}"))
    """The ISO 3166-1 alpha-2 code, two capital letters (``"FR"``)."""
    name: str = text()
    """The English name (``"France"``)."""


@attrs.frozen(kw_only=True)
class Language:
    """A language: its ISO 639-1 ``code`` (``"fr"``) and English ``name``."""

    code: str = attrs.field(validator=attrs.validators.matches_re(r"[a-z]{2}"))
    """The ISO 639-1 code, two lower-case letters (``"fr"``)."""
    name: str = text()
    """The English name (``"French"``)."""


@attrs.frozen(kw_only=True)
class Citation:
    """The sources that state one field of a record (``field`` names it), or one item of a
    list of names (``item``: each alias cites the sources that spell it that way).

    A value that fills a gap in its sources carries a ``circumstance`` and the ``reason`` for
    it; every other cited value is stated by each of its sources as it stands.
    """

    field: str = text()
    """The name of the field it backs (``"runtime_minutes"``); never ``id``, ``sources`` or
    ``citations``."""
    sources: frozenset[str] = sources()
    """Ids of the sources that state the field: some of the record's own ``sources``."""
    item: str | None = text(optional=True)
    """The one item of a list of names it backs (an alias: ``"Kazadjian"``); None when it backs
    the whole field."""
    circumstance: Circumstance | None = None
    """Why the value is a reading rather than the sources' words (Wikidata's "sourcing
    circumstances"); None when the sources state it."""
    reason: str | None = prose(optional=True)
    """What the reading rests on, in the project's own words; set exactly when
    ``circumstance`` is."""

    def __attrs_post_init__(self) -> None:
        if (self.circumstance is None) != (self.reason is None):
            raise ValueError("a circumstance and its reason go together")


class Record(Protocol):
    """What every record class has: its kind, its id, and the ids of its sources."""

    KIND: ClassVar[str]

    @property
    def id(self) -> str:
        """The record's id: its kind, ``/`` and lower-case words joined by hyphens."""

    @property
    def sources(self) -> frozenset[str]:
        """The ids of the sources that back the record."""


_PLACE = {"id": 0, "sources": 2, "citations": 3}


def _in_order(_: type, fields: "list[attrs.Attribute[Any]]") -> "list[attrs.Attribute[Any]]":
    """Id first, sources and citations last: the order of the data files and exports."""
    return sorted(fields, key=lambda field: _PLACE.get(field.name, 1))


@attrs.frozen(kw_only=True)
class _Record:
    """A record: a ``KIND`` of its class and an ``id`` that begins with it."""

    KIND: ClassVar[str]
    """The kind of record, which begins every id of the class."""
    id: str = record_id()
    """The record's id: its ``KIND``, ``/`` and lower-case words joined by hyphens
    (``"film/the-takedown"``)."""


@attrs.frozen(kw_only=True)
class _Cited(_Record):
    """A record that cites its sources field by field."""

    sources: frozenset[str] = sources()
    """Ids of the sources behind the record (``"source/wikipedia"``): exactly those its
    ``citations`` name. ``ds.sources_for(record)`` gives the Source records, most trusted first."""
    citations: tuple[Citation, ...] = citations()
    """Which sources state which field, or which alias; ``sources`` is their union.  A field
    cited nowhere here is stated by no source. ``ds.sources_for(record, field)`` reads it."""


@attrs.frozen(kw_only=True)
class Source(_Record):
    """One of the documents the dataset is built from."""

    KIND: ClassVar[str] = "source"
    title: str = text()
    """What the document is, as the dataset names it."""
    kind: SourceKind
    """What sort of document it is: encyclopedia, plot recap, review, news, article."""
    file: str = text()
    """The name of the document's text file in the material the dataset was compiled from; the
    documents themselves are not distributed."""
    trust: int = positive_int()
    """Rank of trust, 1 the most trusted; ties are allowed. ``ds.sources_for`` lists sources in this
    order."""
    published: dt.date | None = date(optional=True)
    """The day the document was published; None when it does not say."""
    license: str | None = text(optional=True)
    """The SPDX identifier of the licence of the document's text (``"CC-BY-SA-4.0"``); None
    where none is known.  It covers the wording, which the dataset never copies; the facts
    drawn from the document are cited to it."""
    notes: str | None = prose(optional=True)
    """What the document covers and why it ranks where it does, in the project's own words; None
    when there is nothing to add."""

    @property
    def sources(self) -> frozenset[str]:
        """A source vouches for itself, so every record answers ``sources`` alike."""
        return frozenset({self.id})


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class _Aliased(_Cited):
    """A record with a name and the other spellings that lookups and search match."""

    name: str = text()
    """The name as most sources spell it (for an ``unnamed`` record, a description)."""
    aliases: tuple[str, ...] = texts()
    """Other names and spellings found in the sources."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class _Named(_Aliased):
    """A record the sources may name, or leave unnamed: a person, a place, a character, a body."""

    unnamed: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    """True when the sources give no name: ``name`` is then the project's own description
    (``"Strip-club bouncer"``), cites no source, and views show it as a description."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Film(_Cited):
    """A film of the franchise."""

    KIND: ClassVar[str] = "film"
    title: str = text()
    """The English title (``"The Takedown"``)."""
    original_title: str = text()
    """The title in the original language (``"Loin du périph"``)."""
    aliases: tuple[str, ...] = texts()
    """Other titles the film is known by, matched by ``ds.film`` and search; empty when there are
    none."""
    year: int = year()
    """The year of first release."""
    release_date: dt.date | None = date(optional=True)
    """The day of first release, within ``year``; None when no source states it."""
    runtime_minutes: int | None = positive_int(optional=True)
    """The running time in minutes; None when no source states it."""
    countries: tuple[Country, ...] = items(optional=True)
    """The countries of production; empty when no source names one."""
    languages: tuple[Language, ...] = items(optional=True)
    """The original languages; empty when no source names one."""
    genres: tuple[str, ...] = texts()
    """Genres in lower case, as the sources word them (``"buddy cop"``); empty when none is
    named."""
    predecessor: "Film | None" = ref("film", optional=True)
    """The Film this one follows; None for the first film."""
    synopsis: str | None = prose(optional=True)
    """A short summary of the story, in the project's own words; None when there is none."""
    reception: str | None = prose(optional=True)
    """How critics and audiences took the film overall, in the project's own words; None when the
    sources say nothing."""
    budget: Money | None = None
    """The production budget; None when no source states it."""

    def __attrs_post_init__(self) -> None:
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


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class _OfFilm(_Cited):
    """A record about one film: its credits, releases, story, reception and relationships."""

    film: Film = ref("film")
    """The Film the record is about."""

    def _check_in_film(self, *records: "Character | Organization | None") -> None:
        for record in records:
            if record is not None and self.film not in record.films:
                raise ValueError(f"{record.id} does not appear in {self.film.id}")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Person(_Named):
    """A real person: actor, crew member or critic."""

    KIND: ClassVar[str] = "person"
    description: str | None = prose(optional=True)
    """Who they are, in the project's own words, from what the sources say; None when they say
    nothing."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Company(_Aliased):
    """A production company or distributor."""

    KIND: ClassVar[str] = "company"
    description: str | None = prose(optional=True)
    """What the company is and did for the films, in the project's own words; None when the sources
    say nothing."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Location(_Named):
    """A place, real or from the story, with the place it lies in."""

    KIND: ClassVar[str] = "location"
    kind: LocationKind
    """What sort of place it is: country, region, city, street, building..."""
    fictional: bool = of_type(bool)
    """True for a place of the story only, False for a real place."""
    parent: "Location | None" = ref("location", optional=True)
    """The Location it lies in (France for Paris); None for a country, or when no source says."""
    description: str | None = prose(optional=True)
    """What the place is and what happens there, in the project's own words; None when the sources
    say nothing."""

    def __attrs_post_init__(self) -> None:
        # A longer cycle cannot be built: a record exists before any record that refers to
        # it, and the loader refuses two records with one id.
        if self.parent is not None and self.parent.id == self.id:
            raise ValueError(f"{self.id} lies inside itself")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Character(_Named):
    """A character of the story, whether or not a source names the actor."""

    KIND: ClassVar[str] = "character"
    description: str | None = prose(optional=True)
    """Who the character is, in the project's own words; None when the sources say nothing."""
    films: tuple[Film, ...] = ref("film", many=True)
    """The Films the character appears in; at least one."""

    def __attrs_post_init__(self) -> None:
        if not self.films:
            raise ValueError(f"{self.id} must appear in at least one film")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Organization(_Named):
    """A body in the story (a police unit, a party, a secret society) or in the world.

    The companies credited on the films are :class:`Company` records; ``ds.organization``
    finds both.
    """

    KIND: ClassVar[str] = "organization"
    kind: OrganizationKind
    """What sort of body it is: police unit, political party, company..."""
    fictional: bool = of_type(bool)
    """True for the story's own bodies, False for real ones."""
    films: tuple[Film, ...] = ref("film", many=True)
    """The Films it appears in, or is part of the story of."""
    description: str | None = prose(optional=True)
    """What the body is, in the project's own words; None when the sources say nothing."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Relationship(_OfFilm):
    """How a character stands to another character or to an organisation, in one film.

    Read as "``character`` *kind* ``other``" (or ``organization``): exactly one of the two
    is set.  Relationships change between films, so each holds in the film it names.
    """

    KIND: ClassVar[str] = "relationship"
    character: Character = ref("character")
    """The Character it is read from: "character *kind* other"."""
    kind: RelationshipKind
    """How ``character`` stands to the other end."""
    other: Character | None = ref("character", optional=True)
    """The Character at the other end; None when the other end is ``organization``."""
    organization: Organization | None = ref("organization", optional=True)
    """The Organization at the other end; None when the other end is ``other``."""
    title: str | None = text(optional=True)
    """The character's title or post in it, where a source gives one (``"chief"``, ``"inspector"``);
    None otherwise."""
    notes: str | None = prose(optional=True)
    """What the sources add (when it started or ended, how sure the story is of it), in the
    project's own words; None when they add nothing."""

    def __attrs_post_init__(self) -> None:
        if (self.other is None) == (self.organization is None):
            raise ValueError("a relationship links its character to one other or organization")
        if self.other is not None and self.other.id == self.character.id:
            raise ValueError(f"{self.character.id} cannot be related to itself")
        self._check_in_film(self.character, self.other, self.organization)

    @property
    def symmetric(self) -> bool:
        """Whether the relationship reads the same both ways (partners, friends, spouses)."""
        return self.kind in SYMMETRIC_KINDS

    @property
    def target(self) -> "Character | Organization":
        """The other end: the other character or the organisation."""
        return self.other if self.other is not None else self.organization  # type: ignore[return-value]


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Theme(_Aliased):
    """A theme the sources see in one or more films."""

    KIND: ClassVar[str] = "theme"
    films: tuple[Film, ...] = ref("film", many=True)
    """The Films the sources see it in; at least one."""
    description: str | None = prose(optional=True)
    """How the sources treat it, in the project's own words; None when they only name it."""

    def __attrs_post_init__(self) -> None:
        if not self.films:
            raise ValueError(f"{self.id} must belong to at least one film")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Work(_Cited):
    """A work other than the two films that a source credits a person with."""

    KIND: ClassVar[str] = "work"
    person: Person = ref("person")
    """The Person the work is credited to."""
    title: str = text()
    """The work's title."""
    kind: WorkKind | None = None
    """Film, film series or series; None where no source says which."""
    role: str | None = text(optional=True)
    """The person's part in it (``"director"``, ``"lead actor"``); None where no source says."""
    year: int | None = year(optional=True)
    """The year it came out; None when no source states it."""

    @property
    def name(self) -> str:
        """The title (every named record has a ``name``)."""
        return self.title


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Award(_Cited):
    """An award a source says a person won."""

    KIND: ClassVar[str] = "award"
    person: Person = ref("person")
    """The Person who won it."""
    name: str = text()
    """The award's name, as the source gives it."""
    work: str | None = text(optional=True)
    """The work it was for, as plain text; None when no source states it."""
    year: int | None = year(optional=True)
    """The year it was given; None when no source states it."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Comparison(_OfFilm):
    """A source setting a film beside another work or kind of film."""

    KIND: ClassVar[str] = "comparison"
    other: str = text()
    """The work or group of works it is compared with, as plain text (``"Lethal Weapon"``)."""
    summary: str = prose()
    """What is compared, and how, in the project's own words."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class CastCredit(_OfFilm):
    """An actor in a film, as a character when a source says which, in billing order."""

    KIND: ClassVar[str] = "cast"
    person: Person = ref("person")
    """The actor, a Person."""
    character: Character | None = ref("character", optional=True)
    """The Character played; None when no source says which."""
    order: int | None = positive_int(optional=True)
    """The billing position, 1 first; None when no source bills the actor."""

    def __attrs_post_init__(self) -> None:
        self._check_in_film(self.character)


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class CrewCredit(_OfFilm):
    """A person's job on a film."""

    KIND: ClassVar[str] = "crew"
    person: Person = ref("person")
    """The Person who did the job."""
    department: Department
    """The department the job belongs to."""
    job: str = text()
    """The job in lower case, as credited (``"director"``, ``"screenwriter"``)."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class CompanyCredit(_OfFilm):
    """A company's part in a film: production or distribution."""

    KIND: ClassVar[str] = "company-credit"
    company: Company = ref("company")
    """The Company credited."""
    role: CompanyRole
    """Production or distribution."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Release(_OfFilm):
    """How and when a film came out: on which platform or in cinemas, and where."""

    KIND: ClassVar[str] = "release"
    kind: ReleaseKind
    """Streaming or theatrical."""
    date: dt.date = date()
    """The day it came out."""
    countries: tuple[Country, ...] = items(optional=True)
    """The countries named by the source; empty with ``worldwide`` for a global launch, or when no
    source names them."""
    worldwide: bool = False
    """True for a launch everywhere at once (then ``countries`` is empty)."""
    audio_languages: tuple[Language, ...] = items(optional=True)
    """The languages of the audio tracks offered, as far as the sources name them; empty when they
    name none."""
    subtitle_languages: tuple[Language, ...] = items(optional=True)
    """The languages of the subtitles offered, as far as the sources name them; empty when they name
    none."""
    distributor: Company | None = ref("company", optional=True)
    """The Company that put it out; None when no source states it."""
    notes: str | None = prose(optional=True)
    """What the sources add, in the project's own words; None when nothing."""

    def __attrs_post_init__(self) -> None:
        if self.worldwide and self.countries:
            raise ValueError("a worldwide release lists no countries")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class ProductionEvent(_OfFilm):
    """A dated step in making or launching a film, its date as precise as the sources say."""

    KIND: ClassVar[str] = "event"
    kind: EventKind
    """Which step: announcement, start or end of principal photography, teaser, trailer, release."""
    date: PartialDate = of_type(PartialDate)
    """When, to the year, month or day, as precisely as the sources say."""
    summary: str = prose()
    """What happened, in the project's own words."""


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class FilmingLocation(_OfFilm):
    """A real place where a film was shot (or scouted), and what was shot there."""

    KIND: ClassVar[str] = "filming"
    location: Location = ref("location")
    """The real Location (never a fictional one)."""
    status: FilmingStatus = FilmingStatus.SHOT
    """Whether a source says the film was shot there or only that the place was scouted."""
    scenes: str | None = prose(optional=True)
    """What was shot there, in the project's own words; None when no source states it."""
    stands_in_for: Location | None = ref("location", optional=True)
    """The story's Location that this real place played, when a source says so; None otherwise."""

    def __attrs_post_init__(self) -> None:
        if self.location.fictional:
            raise ValueError(f"{self.location.id} is fictional and cannot be a filming location")
        if self.stands_in_for is not None and self.stands_in_for.id == self.location.id:
            raise ValueError(f"{self.location.id} cannot stand in for itself")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class PlotEvent(_OfFilm):
    """One step of a film's story, summarised in the project's own words."""

    KIND: ClassVar[str] = "plot"
    order: int = positive_int()
    """The position in story order, 1 to n within the film."""
    summary: str = prose()
    """What happens, in the project's own words (spoilers)."""
    characters: tuple[Character, ...] = ref("character", many=True)
    """The Characters who take part; empty when none is named."""
    locations: tuple[Location, ...] = ref("location", many=True)
    """The Locations where it happens; empty when none is named."""
    mentioned_characters: tuple[Character, ...] = ref("character", many=True)
    """Characters the event speaks of who take no part in it (the dead, the absent); empty
    when it speaks of none (and in a schema-3 copy, which did not record them)."""
    mentioned_locations: tuple[Location, ...] = ref("location", many=True)
    """Places the event speaks of where it does not happen (a target, a destination); empty
    when it speaks of none (and in a schema-3 copy, which did not record them)."""

    def __attrs_post_init__(self) -> None:
        self._check_in_film(*self.characters, *self.mentioned_characters)
        for present, mentioned, role in (
            (self.characters, self.mentioned_characters, "take part"),
            (self.locations, self.mentioned_locations, "be where it happens"),
        ):
            both = {r.id for r in present} & {r.id for r in mentioned}
            if both:
                raise ValueError(f"{min(both)} cannot both {role} and be only mentioned")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Rating(_OfFilm):
    """An aggregate score from critics or the audience, as of a date."""

    KIND: ClassVar[str] = "rating"
    aggregator: str | None = text(optional=True)
    """Who publishes the figure (``"Rotten Tomatoes"``, ``"IMDb"``); None where the source
    lost the name."""
    audience: Audience
    """Whose opinion it sums up: critics or the audience."""
    metric: str = text()
    """What is measured, e.g. ``"approval"`` (share of positive reviews) or ``"average"``."""
    value: float = number(low=0)
    """The figure, on the scale from ``scale_min`` to ``scale_max`` (40 for 40%)."""
    scale_min: float = number()
    """The bottom of the scale (usually 0)."""
    scale_max: float = number()
    """The top of the scale (100 for a percentage, 10 for an average out of 10)."""
    count: int | None = positive_int(optional=True)
    """How many reviews or votes it sums up; None when no source states it."""
    count_is_minimum: bool = False
    """True when the source gives the count as a floor ("over 109,000")."""
    as_of: PartialDate | None = of_type(PartialDate, optional=True)
    """When the figure was read, to the year, month or day; None when no source states it."""

    def __attrs_post_init__(self) -> None:
        if not self.scale_min < self.scale_max:
            raise ValueError(f"scale [{self.scale_min}, {self.scale_max}] is empty")
        if not self.scale_min <= self.value <= self.scale_max:
            raise ValueError(
                f"value {self.value} is outside the scale [{self.scale_min}, {self.scale_max}]"
            )
        if self.count is None and self.count_is_minimum:
            raise ValueError("count_is_minimum needs a count")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Review(_OfFilm):
    """A named critic's or outlet's review: its score if any, and its gist in our words."""

    KIND: ClassVar[str] = "review"
    outlet: str | None = text(optional=True)
    """Where it was published (``"Variety"``); None when the source does not name it."""
    critic: str | None = text(optional=True)
    """Who wrote it; None when the source does not name them."""
    score: Score | None = None
    """The critic's score; None when the review gives none or no source states it."""
    gist: str = prose()
    """What the review says, in the project's own words."""


@attrs.frozen(kw_only=True)
class ChartPeak:
    """Where a film placed on one chart: its best ``rank``, or that it stayed ``within`` the
    top N, for how many ``weeks``.  ``country`` is None where the source lost its name.
    """

    rank: int | None = positive_int(optional=True)
    """The best position reached, 1 the top; None when only ``within`` is known."""
    within: int | None = positive_int(optional=True)
    """The size of the top it stayed within (10 for "in the top 10"); None when ``rank`` says
    more."""
    chart: str | None = text(optional=True)
    """The chart's name (``"daily movies chart"``); None when the source does not name it."""
    country: Country | None = None
    """The country of the chart; None when the source lost its name."""
    weeks: int | None = positive_int(optional=True)
    """How many weeks it stayed there; None when no source states it."""
    weeks_is_minimum: bool = False
    """True when the source gives the weeks as a floor ("for several weeks": at least 2)."""

    def __attrs_post_init__(self) -> None:
        if self.rank is None and self.within is None:
            raise ValueError("a chart placing needs a rank or a top it stayed within")
        if self.weeks is None and self.weeks_is_minimum:
            raise ValueError("weeks_is_minimum needs weeks")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Viewership(_OfFilm):
    """Streaming figures over a window after release."""

    KIND: ClassVar[str] = "viewership"
    hours_viewed: int = positive_int()
    """Total hours watched in the window, as the platform reports them."""
    window_days: int = positive_int()
    """The length of the window in days, from the release (28 for the first four weeks)."""
    rank: int | None = positive_int(optional=True)
    """The film's position in ``category`` over the window; None when no source states it."""
    category: str | None = text(optional=True)
    """The ranking the rank is within (``"non-English films"``); None when no ranking is named."""
    top10_countries: int | None = positive_int(optional=True)
    """How many countries had the film in their top 10; None when no source states it."""
    peaks: tuple[ChartPeak, ...] = items(optional=True)
    """Where the film placed on individual charts; empty when no source says."""
    as_of: PartialDate | None = of_type(PartialDate, optional=True)
    """When the figures were reported, to the year, month or day; None when no source states
    it, or when the date a source gives cannot hold (``notes`` then says why)."""
    notes: str | None = prose(optional=True)
    """What the source adds that has no field of its own, in the project's own words; None when
    nothing."""

    def __attrs_post_init__(self) -> None:
        if self.rank is None and self.category is not None:
            raise ValueError("a category needs a rank")


@attrs.frozen(kw_only=True, field_transformer=_in_order)
class Admissions(_OfFilm):
    """Cinema tickets sold in one market."""

    KIND: ClassVar[str] = "admissions"
    count: int = positive_int()
    """Tickets sold."""
    count_is_minimum: bool = False
    """True when the source gives the count as a floor ("over 2 million")."""
    market: Country
    """The country where the tickets were sold."""


@attrs.frozen(kw_only=True)
class Claim:
    """One source's version of a disputed fact."""

    value: Any
    """The value this source gives, of the disputed field's type (text, a number, a date, or a
    record for a reference); the loader checks and converts it."""
    sources: frozenset[str] = sources()
    """Ids of the sources that give this value."""
    preferred: bool = False
    """True for the one claim of its conflict that the dataset uses."""

    @property
    def text(self) -> str:
        """The value as text: a record by its name, a date in ISO form, or ``unknown``."""
        if self.value is None:
            return "unknown"
        name = getattr(self.value, "name", None)
        return name if isinstance(name, str) else str(self.value)


@attrs.frozen(kw_only=True)
class Conflict(_Record):
    """Sources disagree about ``field`` of ``subject``: every claim, the preferred one, and why."""

    KIND: ClassVar[str] = "conflict"
    subject: str = text()
    """The id of the record the disputed fact belongs to (``"character/ousmane-diakite"``): an id,
    not the record."""
    field: str = text()
    """The name of the disputed field of ``subject`` (``"name"``)."""
    claims: tuple[Claim, ...] = items()
    """Every value the sources give, with its sources: at least two, exactly one preferred."""
    reason: str = prose()
    """Why the preferred claim was chosen, in the project's own words."""

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
