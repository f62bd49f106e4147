"""Hypothesis strategies for every record type, for our tests and for dependents' tests.

Importing this module imports :mod:`hypothesis` (the ``test`` extra); nothing else in
:mod:`takedown` does.  Every strategy draws valid records whose references point to records
drawn alongside them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import attrs

from . import models as m
from ._fields import EARLIEST_DATE, LATEST_DATE, UNCITABLE, references, text_problem
from ._optional import require
from .enums import (
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

# Before hypothesis is imported by name: without it, say which extra brings it.
require("hypothesis", "test", "takedown.strategies")

from hypothesis import strategies as st  # noqa: E402

__all__ = [
    "admissions",
    "awards",
    "comparisons",
    "countries",
    "languages",
    "organizations",
    "partial_dates",
    "relationships",
    "themes",
    "works",
    "cast_credits",
    "characters",
    "companies",
    "company_credits",
    "conflicts",
    "consistent",
    "crew_credits",
    "dates",
    "filming_locations",
    "films",
    "ids",
    "locations",
    "people",
    "plot_events",
    "production_events",
    "ratings",
    "records",
    "releases",
    "reviews",
    "sources",
    "texts",
    "viewerships",
]

T = TypeVar("T")

_SLUG = r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}"


def ids(kind: str) -> st.SearchStrategy[str]:
    """Well-formed ids of ``kind``."""
    return st.from_regex(_SLUG, fullmatch=True).map(lambda slug: f"{kind}/{slug}")


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a record accepts: any Unicode that JSON can carry but control characters, and
    not blank or invisible."""
    alphabet = st.characters(codec="utf-8", exclude_categories=["Cc"])
    return st.text(alphabet, min_size=1, max_size=max_size).filter(
        lambda s: text_problem(s) is None
    )


def dates() -> st.SearchStrategy[dt.date]:
    """Plausible dates."""
    return st.dates(EARLIEST_DATE, LATEST_DATE)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


R = TypeVar("R")


def _cited() -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(ids("source"), min_size=1, max_size=3)


@st.composite
def _record(draw: st.DrawFn, /, cls: type[R], **fields: Any) -> R:
    """A ``cls`` record of the drawn ``fields``, each field with a value cited by some of its
    sources (each alias on its own, the name unless the record is unnamed), so that the
    record's sources are exactly those its citations name."""
    values = {k: draw(v) if isinstance(v, st.SearchStrategy) else v for k, v in fields.items()}
    pool = sorted(values["sources"])
    cited: list[tuple[str, str | None]] = []
    for field in attrs.fields(cls):  # type: ignore[arg-type]
        value = values.get(field.name)
        if field.name in UNCITABLE or value is None or value == () or value is False:
            continue
        if field.name == "name" and values.get("unnamed"):
            continue
        items = value if field.name == "aliases" else (None,)
        cited += [(field.name, item) for item in items]
    some = st.lists(st.sampled_from(pool), min_size=1, max_size=2).map(frozenset)
    citations = [m.Citation(field=name, item=item, sources=draw(some)) for name, item in cited]
    missing = frozenset(pool).difference(*(c.sources for c in citations))
    if missing:  # every source of the record states something
        first = citations[0]
        citations[0] = attrs.evolve(first, sources=first.sources | missing)
    return cls(**values, citations=tuple(citations))  # type: ignore[call-arg]


def countries() -> st.SearchStrategy[m.Country]:
    """Countries: a two-letter code and a name (the code is well formed, not checked)."""
    return st.builds(m.Country, code=st.from_regex(r"[A-Z]{2}", fullmatch=True), name=texts(20))


def languages() -> st.SearchStrategy[m.Language]:
    """Languages: a two-letter code and a name (the code is well formed, not checked)."""
    return st.builds(m.Language, code=st.from_regex(r"[a-z]{2}", fullmatch=True), name=texts(20))


@st.composite
def partial_dates(draw: st.DrawFn) -> m.PartialDate:
    """Dates known to the year, the month or the day."""
    day = draw(dates())
    precision = draw(st.sampled_from(DatePrecision))
    return m.PartialDate(
        year=day.year,
        month=None if precision is DatePrecision.YEAR else day.month,
        day=day.day if precision is DatePrecision.DAY else None,
    )


def _distinct(
    strategy: st.SearchStrategy[T], max_size: int = 3
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=max_size, unique=True).map(tuple)


def _distinct_texts(max_size: int = 3) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(texts(20), max_size=max_size, unique=True).map(tuple)


def sources() -> st.SearchStrategy[m.Source]:
    """Source records."""
    return st.builds(
        m.Source,
        id=ids("source"),
        title=texts(),
        kind=st.sampled_from(SourceKind),
        file=texts(),
        trust=st.integers(1, 5),
        published=_optional(dates()),
        notes=_optional(texts()),
    )


@st.composite
def films(draw: st.DrawFn, *, with_predecessor: bool | None = None) -> m.Film:
    """Films, some with a predecessor film (itself without one)."""
    release = draw(_optional(dates()))
    year = release.year if release else draw(st.integers(1888, 2100))
    has_predecessor = draw(st.booleans()) if with_predecessor is None else with_predecessor
    film_id = draw(ids("film"))
    predecessor = None
    if has_predecessor:
        predecessor = draw(films(with_predecessor=False).filter(lambda f: f.id != film_id))
    return draw(
        _record(
            m.Film,
            id=film_id,
            title=draw(texts()),
            original_title=draw(texts()),
            aliases=draw(_distinct_texts()),
            year=year,
            release_date=release,
            runtime_minutes=draw(_optional(st.integers(1, 600))),
            countries=draw(_distinct(countries())),
            languages=draw(_distinct(languages())),
            genres=draw(_distinct_texts()),
            predecessor=predecessor,
            synopsis=draw(_optional(texts(200))),
            reception=draw(_optional(texts(200))),
            budget=draw(
                _optional(
                    st.builds(
                        m.Money,
                        amount=st.integers(1, 10**12),
                        currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
                    )
                )
            ),
            sources=draw(_cited()),
        )
    )


def people() -> st.SearchStrategy[m.Person]:
    """Person records."""
    return _record(
        m.Person,
        id=ids("person"),
        name=texts(),
        aliases=_distinct_texts(),
        unnamed=st.booleans(),
        description=_optional(texts(100)),
        sources=_cited(),
    )


def companies() -> st.SearchStrategy[m.Company]:
    """Company records."""
    return _record(
        m.Company,
        id=ids("company"),
        name=texts(),
        aliases=_distinct_texts(),
        description=_optional(texts(100)),
        sources=_cited(),
    )


@st.composite
def locations(draw: st.DrawFn, depth: int = 2) -> m.Location:
    """Places, nested up to ``depth`` parents."""
    location_id = draw(ids("location"))
    parent = None
    if depth > 0 and draw(st.booleans()):
        parent = draw(locations(depth - 1).filter(lambda p: location_id not in _ancestry(p)))
    return draw(
        _record(
            m.Location,
            id=location_id,
            name=draw(texts()),
            aliases=draw(_distinct_texts()),
            kind=draw(st.sampled_from(LocationKind)),
            fictional=draw(st.booleans()),
            parent=parent,
            description=draw(_optional(texts(100))),
            sources=draw(_cited()),
        )
    )


def _ancestry(place: m.Location | None) -> set[str]:
    found = set()
    while place is not None:
        found.add(place.id)
        place = place.parent
    return found


@st.composite
def characters(draw: st.DrawFn, film: m.Film | None = None) -> m.Character:
    """Characters; with ``film``, characters who appear in it."""
    others = draw(st.lists(films(with_predecessor=False), max_size=2, unique_by=lambda f: f.id))
    appears_in = [film] if film is not None else []
    appears_in += [f for f in others if film is None or f.id != film.id]
    if not appears_in:
        appears_in = [draw(films(with_predecessor=False))]
    return draw(
        _record(
            m.Character,
            id=draw(ids("character")),
            name=draw(texts()),
            aliases=draw(_distinct_texts()),
            description=draw(_optional(texts(100))),
            films=tuple(appears_in),
            sources=draw(_cited()),
        )
    )


@st.composite
def cast_credits(draw: st.DrawFn) -> m.CastCredit:
    """Cast credits whose character (if any) appears in the credit's film."""
    film = draw(films())
    return draw(
        _record(
            m.CastCredit,
            id=draw(ids("cast")),
            film=film,
            person=draw(people()),
            character=draw(_optional(characters(film))),
            order=draw(st.integers(1, 200)),
            sources=draw(_cited()),
        )
    )


def crew_credits() -> st.SearchStrategy[m.CrewCredit]:
    """Crew credits."""
    return _record(
        m.CrewCredit,
        id=ids("crew"),
        film=films(),
        person=people(),
        department=st.sampled_from(Department),
        job=texts(),
        sources=_cited(),
    )


def company_credits() -> st.SearchStrategy[m.CompanyCredit]:
    """Company credits."""
    return _record(
        m.CompanyCredit,
        id=ids("company-credit"),
        film=films(),
        company=companies(),
        role=st.sampled_from(CompanyRole),
        sources=_cited(),
    )


@st.composite
def releases(draw: st.DrawFn) -> m.Release:
    """Releases: worldwide, or in the countries listed."""
    worldwide = draw(st.booleans())
    return draw(
        _record(
            m.Release,
            id=draw(ids("release")),
            film=draw(films()),
            kind=draw(st.sampled_from(ReleaseKind)),
            date=draw(dates()),
            countries=() if worldwide else draw(_distinct(countries())),
            worldwide=worldwide,
            audio_languages=draw(_distinct(languages())),
            subtitle_languages=draw(_distinct(languages())),
            distributor=draw(_optional(companies())),
            notes=draw(_optional(texts())),
            sources=draw(_cited()),
        )
    )


def production_events() -> st.SearchStrategy[m.ProductionEvent]:
    """Production events, dated to the year, the month or the day."""
    return _record(
        m.ProductionEvent,
        id=ids("event"),
        film=films(),
        kind=st.sampled_from(EventKind),
        date=partial_dates(),
        summary=texts(),
        sources=_cited(),
    )


@st.composite
def filming_locations(draw: st.DrawFn) -> m.FilmingLocation:
    """Filming locations at real places, some standing in for a place of the story."""
    place = draw(locations().filter(lambda p: not p.fictional))
    stand_in = draw(_optional(locations(0).filter(lambda p: p.id != place.id)))
    return draw(
        _record(
            m.FilmingLocation,
            id=draw(ids("filming")),
            film=draw(films()),
            location=place,
            status=draw(st.sampled_from(FilmingStatus)),
            scenes=draw(_optional(texts())),
            stands_in_for=stand_in,
            sources=draw(_cited()),
        )
    )


@st.composite
def plot_events(draw: st.DrawFn) -> m.PlotEvent:
    """Plot events whose characters appear in the event's film."""
    film = draw(films())
    cast = draw(st.lists(characters(film), max_size=3, unique_by=lambda c: c.id))
    return draw(
        _record(
            m.PlotEvent,
            id=draw(ids("plot")),
            film=film,
            order=draw(st.integers(1, 500)),
            summary=draw(texts(200)),
            characters=tuple(cast),
            locations=tuple(draw(st.lists(locations(1), max_size=3, unique_by=lambda p: p.id))),
            sources=draw(_cited()),
        )
    )


@st.composite
def ratings(draw: st.DrawFn) -> m.Rating:
    """Ratings whose value lies inside their scale."""
    low = draw(st.sampled_from([0.0, 1.0]))
    high = draw(st.sampled_from([4.0, 5.0, 10.0, 100.0]))
    count = draw(_optional(st.integers(1, 10**7)))
    return draw(
        _record(
            m.Rating,
            id=draw(ids("rating")),
            film=draw(films()),
            aggregator=draw(_optional(texts())),
            audience=draw(st.sampled_from(Audience)),
            metric=draw(texts()),
            value=draw(st.floats(low, high, allow_nan=False)),
            scale_min=low,
            scale_max=high,
            count=count,
            count_is_minimum=count is not None and draw(st.booleans()),
            as_of=draw(_optional(partial_dates())),
            sources=draw(_cited()),
        )
    )


@st.composite
def _scores(draw: st.DrawFn) -> m.Score:
    scale = draw(st.sampled_from([4.0, 5.0, 10.0, 100.0]))
    return m.Score(value=draw(st.floats(0, scale, allow_nan=False)), scale=scale)


def reviews() -> st.SearchStrategy[m.Review]:
    """Reviews, with or without a score."""
    return _record(
        m.Review,
        id=ids("review"),
        film=films(),
        outlet=_optional(texts()),
        critic=_optional(texts()),
        score=_optional(_scores()),
        gist=texts(200),
        sources=_cited(),
    )


@st.composite
def _peaks(draw: st.DrawFn) -> m.ChartPeak:
    weeks = draw(_optional(st.integers(1, 52)))
    rank = draw(_optional(st.integers(1, 10)))
    return m.ChartPeak(
        rank=rank,
        within=draw(st.integers(1, 100)) if rank is None else draw(_optional(st.integers(1, 100))),
        chart=draw(_optional(texts())),
        country=draw(_optional(countries())),
        weeks=weeks,
        weeks_is_minimum=weeks is not None and draw(st.booleans()),
    )


@st.composite
def viewerships(draw: st.DrawFn) -> m.Viewership:
    """Viewership figures."""
    rank = draw(_optional(st.integers(1, 100)))
    return draw(
        _record(
            m.Viewership,
            id=draw(ids("viewership")),
            film=draw(films()),
            hours_viewed=draw(st.integers(1, 10**10)),
            window_days=draw(st.integers(1, 365)),
            rank=rank,
            category=draw(_optional(texts())) if rank else None,
            top10_countries=draw(_optional(st.integers(1, 200))),
            peaks=tuple(draw(st.lists(_peaks(), max_size=3))),
            as_of=draw(_optional(partial_dates())),
            notes=draw(_optional(texts())),
            sources=draw(_cited()),
        )
    )


def admissions() -> st.SearchStrategy[m.Admissions]:
    """Admissions figures."""
    return _record(
        m.Admissions,
        id=ids("admissions"),
        film=films(),
        count=st.integers(1, 10**9),
        count_is_minimum=st.booleans(),
        market=countries(),
        sources=_cited(),
    )


def organizations() -> st.SearchStrategy[m.Organization]:
    """Organisations, fictional or real, in one or two films."""
    return _record(
        m.Organization,
        id=ids("organization"),
        name=texts(),
        aliases=_distinct_texts(),
        kind=st.sampled_from(OrganizationKind),
        fictional=st.booleans(),
        films=st.lists(films(), min_size=1, max_size=2, unique_by=lambda f: f.id).map(tuple),
        description=_optional(texts(100)),
        sources=_cited(),
    )


@st.composite
def relationships(draw: st.DrawFn) -> m.Relationship:
    """Relationships in a film between two of its characters, or a character and one of its
    organisations."""
    film = draw(films())
    character = draw(characters(film))
    other = organization = None
    if draw(st.booleans()):
        other = draw(characters(film).filter(lambda c: c.id != character.id))
    else:
        organization = attrs.evolve(draw(organizations()), films=(film,))
    return draw(
        _record(
            m.Relationship,
            id=draw(ids("relationship")),
            film=film,
            character=character,
            kind=draw(st.sampled_from(RelationshipKind)),
            other=other,
            organization=organization,
            title=draw(_optional(texts())),
            notes=draw(_optional(texts(100))),
            sources=draw(_cited()),
        )
    )


def themes() -> st.SearchStrategy[m.Theme]:
    """Themes of one or two films."""
    return _record(
        m.Theme,
        id=ids("theme"),
        name=texts(),
        aliases=_distinct_texts(),
        films=st.lists(films(), min_size=1, max_size=2, unique_by=lambda f: f.id).map(tuple),
        description=_optional(texts(100)),
        sources=_cited(),
    )


def works() -> st.SearchStrategy[m.Work]:
    """Other works of a person."""
    return _record(
        m.Work,
        id=ids("work"),
        person=people(),
        title=texts(),
        kind=_optional(st.sampled_from(WorkKind)),
        role=_optional(texts()),
        year=_optional(st.integers(EARLIEST_DATE.year, LATEST_DATE.year)),
        sources=_cited(),
    )


def awards() -> st.SearchStrategy[m.Award]:
    """Awards of a person."""
    return _record(
        m.Award,
        id=ids("award"),
        person=people(),
        name=texts(),
        work=_optional(texts()),
        year=_optional(st.integers(EARLIEST_DATE.year, LATEST_DATE.year)),
        sources=_cited(),
    )


def comparisons() -> st.SearchStrategy[m.Comparison]:
    """Comparisons of a film with other works."""
    return _record(
        m.Comparison,
        id=ids("comparison"),
        film=films(),
        other=texts(),
        summary=texts(100),
        sources=_cited(),
    )


@st.composite
def conflicts(draw: st.DrawFn) -> m.Conflict:
    """Conflicts with two or more distinct claims, exactly one preferred."""
    values = draw(st.lists(texts(), min_size=2, max_size=4, unique_by=str.casefold))
    preferred = draw(st.integers(0, len(values) - 1))
    claims = tuple(
        m.Claim(value=v, sources=draw(_cited()), preferred=i == preferred)
        for i, v in enumerate(values)
    )
    return m.Conflict(
        id=draw(ids("conflict")),
        subject=draw(ids("film")),
        field=draw(st.sampled_from(["title", "original_title"])),  # text fields of a film
        claims=claims,
        reason=draw(texts(100)),
    )


def _reachable(record: Any) -> list[Any]:
    found, stack = [], [record]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(target for _, target in references(current))
    return found


def consistent(record: Any) -> bool:
    """Whether no two different records reachable from ``record`` share an id.

    Independent draws can collide on an id; such a graph is not a dataset the loader accepts.
    """
    seen: dict[str, Any] = {}
    return all(seen.setdefault(r.id, r) == r for r in _reachable(record))


#: One strategy per top-level record class.
STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    m.Source: sources(),
    m.Film: films(),
    m.Person: people(),
    m.Company: companies(),
    m.Location: locations(),
    m.Character: characters(),
    m.Organization: organizations(),
    m.Relationship: relationships(),
    m.Theme: themes(),
    m.Work: works(),
    m.Award: awards(),
    m.Comparison: comparisons(),
    m.CastCredit: cast_credits(),
    m.CrewCredit: crew_credits(),
    m.CompanyCredit: company_credits(),
    m.Release: releases(),
    m.ProductionEvent: production_events(),
    m.FilmingLocation: filming_locations(),
    m.PlotEvent: plot_events(),
    m.Rating: ratings(),
    m.Review: reviews(),
    m.Viewership: viewerships(),
    m.Admissions: admissions(),
    m.Conflict: conflicts(),
}
STRATEGIES = {cls: strategy.filter(consistent) for cls, strategy in STRATEGIES.items()}


def records() -> st.SearchStrategy[Any]:
    """Any record of any kind."""
    return st.one_of(*STRATEGIES.values())
