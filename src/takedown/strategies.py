"""Hypothesis strategies for every record type, for our tests and for dependents' tests.

Importing this module imports :mod:`hypothesis` (the ``test`` extra); nothing else in
:mod:`takedown` does.  Each field is drawn from its declaration (its type, and the reference
or source ids its metadata marks); a strategy spells out only the fields tied to others by a
rule.  Every graph drawn loads: written with :func:`takedown.export.write_json` (with a Source
for each source it cites), it reads back with :meth:`Dataset.from_path
<takedown.Dataset.from_path>`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any, TypeVar, get_args, get_origin

import attrs

from . import models as m
from ._fields import (
    EARLIEST_DATE,
    IDS_OF,
    LATEST_DATE,
    REF_KIND,
    REF_MANY,
    UNCITABLE,
    references,
    text_problem,
)
from ._loader import _check_dataset
from ._optional import require
from ._tables import Tables, table_specs
from .dataset import Dataset
from .enums import DatePrecision, SourceKind
from .errors import DataError

# Before hypothesis is imported by name: without it, say which extra brings it.
require("hypothesis", "test", "takedown.strategies")

from hypothesis import assume  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

__all__ = [
    "STRATEGIES",
    "admissions",
    "awards",
    "comparisons",
    "countries",
    "datasets",
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
_F = TypeVar("_F", bound=Callable[..., Any])

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


def _some(
    strategy: st.SearchStrategy[Any], min_size: int = 0, max_size: int = 2
) -> st.SearchStrategy[tuple[Any, ...]]:
    """A tuple of records of distinct ids."""
    drawn = st.lists(strategy, min_size=min_size, max_size=max_size, unique_by=lambda r: r.id)
    return drawn.map(tuple)


def _cited() -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(ids(m.Source.KIND), min_size=1, max_size=3)


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


@st.composite
def _scores(draw: st.DrawFn) -> m.Score:
    scale = draw(st.sampled_from([4.0, 5.0, 10.0, 100.0]))
    return m.Score(value=draw(st.floats(0, scale, allow_nan=False)), scale=scale)


@st.composite
def _peaks(draw: st.DrawFn) -> m.ChartPeak:
    rank = draw(st.none() | st.integers(1, 10))
    within = st.integers(1, 100) if rank is None else st.none() | st.integers(1, 100)
    weeks = draw(st.none() | st.integers(1, 52))
    minimum = weeks is not None and draw(st.booleans())
    return draw(
        _record(m.ChartPeak, rank=rank, within=within, weeks=weeks, weeks_is_minimum=minimum)
    )


#: What a field of each plain type holds; an int is a count, a rank or a position.
_PLAIN: dict[Any, st.SearchStrategy[Any]] = {
    bool: st.booleans(),
    int: st.integers(1, 10**10),
    dt.date: dates(),
    m.PartialDate: partial_dates(),
    m.Country: countries(),
    m.Language: languages(),
    m.Score: _scores(),
    m.ChartPeak: _peaks(),
    m.Money: st.builds(
        m.Money,
        amount=st.integers(1, 10**12),
        currency=st.from_regex(r"[A-Z]{3}", fullmatch=True),
    ),
}


def _of_type(kind: Any, field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    args = get_args(kind)
    if type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        return st.none() | _of_type(inner, field)
    if get_origin(kind) is tuple:
        items = texts(20) if args[0] is str else _of_type(args[0], field)
        return st.lists(items, max_size=3, unique=True).map(tuple)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return st.sampled_from(kind)
    if kind is str:
        return texts(200 if not field.repr else 40)  # prose stays out of the repr
    if kind is int and field.name == "year":
        return st.integers(EARLIEST_DATE.year, LATEST_DATE.year)
    return _PLAIN[kind]


def _field(cls: Any, field: attrs.Attribute[Any]) -> st.SearchStrategy[Any]:
    """What ``field`` of ``cls`` holds, read from its declaration."""
    if field.name == "id":
        return ids(cls.KIND)
    if IDS_OF in field.metadata:
        return _cited()
    kind = field.metadata.get(REF_KIND)
    if kind is None:
        return _of_type(field.type, field)
    target = st.deferred(lambda: _BY_KIND[kind])
    if field.metadata[REF_MANY]:
        return _some(target)
    return (st.none() | target) if field.default is None else target


#: The strategy function of each record class; :data:`STRATEGIES` calls them.
_STRATEGY_OF: dict[type, Callable[[], st.SearchStrategy[Any]]] = {}


def _draws(cls: type) -> Callable[[_F], _F]:
    """Register the decorated strategy function as the one drawing ``cls`` records."""

    def register(strategy: _F) -> _F:
        _STRATEGY_OF[cls] = strategy
        return strategy

    return register


@st.composite
def _record(draw: st.DrawFn, /, cls: type[T], **given: Any) -> T:
    """A ``cls`` record: the ``given`` fields (values or strategies), the others drawn from
    their declarations.  Each field with a value is cited by some of the record's sources
    (each alias on its own, the name unless the record is unnamed), so that the record's
    sources are exactly those its citations name."""
    fields = attrs.fields_dict(cls)  # type: ignore[arg-type]
    values = {}
    for name, field in fields.items():
        if name != "citations":
            value = given[name] if name in given else _field(cls, field)
            values[name] = draw(value) if isinstance(value, st.SearchStrategy) else value
    if "citations" not in fields:
        return cls(**values)
    pool = sorted(values["sources"])
    cited: list[tuple[str, str | None]] = []
    for name, value in values.items():
        if name in UNCITABLE or value is None or value == () or value is False:
            continue
        if name == "name" and values.get("unnamed"):
            continue
        cited += [(name, item) for item in (value if name == "aliases" else (None,))]
    some = st.lists(st.sampled_from(pool), min_size=1, max_size=2).map(frozenset)
    citations = [m.Citation(field=name, item=item, sources=draw(some)) for name, item in cited]
    missing = frozenset(pool).difference(*(c.sources for c in citations))
    if missing:  # every source of the record states something
        first = citations[0]
        citations[0] = attrs.evolve(first, sources=first.sources | missing)
    record = cls(**values, citations=tuple(citations))  # type: ignore[call-arg]
    assume(consistent(record))  # independent draws can collide
    return record


@_draws(m.Film)
@st.composite
def films(draw: st.DrawFn, *, with_predecessor: bool | None = None) -> m.Film:
    """Films, some with a predecessor film (itself without one)."""
    release = draw(st.none() | dates())
    year = release.year if release else draw(st.integers(1888, 2100))
    has_predecessor = draw(st.booleans()) if with_predecessor is None else with_predecessor
    film_id = draw(ids(m.Film.KIND))
    predecessor = None
    if has_predecessor:
        predecessor = draw(films(with_predecessor=False).filter(lambda f: f.id != film_id))
    return draw(
        _record(m.Film, id=film_id, year=year, release_date=release, predecessor=predecessor)
    )


@_draws(m.Location)
@st.composite
def locations(draw: st.DrawFn, depth: int = 2) -> m.Location:
    """Places, nested up to ``depth`` parents."""
    location_id = draw(ids(m.Location.KIND))
    parent = None
    if depth > 0 and draw(st.booleans()):
        parent = draw(locations(depth - 1))
        assume(location_id not in {r.id for r in _reachable(parent)})  # else inside itself
    return draw(_record(m.Location, id=location_id, parent=parent))


@_draws(m.Character)
@st.composite
def characters(draw: st.DrawFn, film: m.Film | None = None) -> m.Character:
    """Characters; with ``film``, characters who appear in it."""
    appears_in = list(draw(_some(films(with_predecessor=False), min_size=film is None)))
    if film is not None:
        appears_in = [film, *(f for f in appears_in if f.id != film.id)]
    return draw(_record(m.Character, films=tuple(appears_in)))


@_draws(m.CastCredit)
@st.composite
def cast_credits(draw: st.DrawFn) -> m.CastCredit:
    """Cast credits whose character (if any) appears in the credit's film."""
    film = draw(films())
    return draw(_record(m.CastCredit, film=film, character=st.none() | characters(film)))


@_draws(m.Release)
@st.composite
def releases(draw: st.DrawFn) -> m.Release:
    """Releases: worldwide, or in the countries listed."""
    worldwide = draw(st.booleans())
    listed = {"countries": ()} if worldwide else {}
    return draw(_record(m.Release, worldwide=worldwide, **listed))


@_draws(m.FilmingLocation)
@st.composite
def filming_locations(draw: st.DrawFn) -> m.FilmingLocation:
    """Filming locations at real places, some standing in for a place of the story."""
    place = draw(locations().filter(lambda p: not p.fictional))
    stand_in = st.none() | locations(0).filter(lambda p: p.id != place.id)
    return draw(_record(m.FilmingLocation, location=place, stands_in_for=stand_in))


@_draws(m.PlotEvent)
@st.composite
def plot_events(draw: st.DrawFn) -> m.PlotEvent:
    """Plot events whose characters, taking part or mentioned, appear in the event's film,
    none both taking part and mentioned, nor any place both its setting and mentioned; each
    is the first of its film's plot, which runs 1..n."""
    film = draw(films())
    people = draw(_some(characters(film), max_size=4))
    places = draw(_some(locations(), max_size=3))
    split, where = draw(st.integers(0, len(people))), draw(st.integers(0, len(places)))
    return draw(
        _record(
            m.PlotEvent,
            film=film,
            order=1,
            characters=people[:split],
            mentioned_characters=people[split:],
            locations=places[:where],
            mentioned_locations=places[where:],
        )
    )


@_draws(m.Rating)
@st.composite
def ratings(draw: st.DrawFn) -> m.Rating:
    """Ratings whose value lies inside their scale."""
    low = draw(st.sampled_from([0.0, 1.0]))
    high = draw(st.sampled_from([4.0, 5.0, 10.0, 100.0]))
    count = draw(st.none() | st.integers(1, 10**7))
    return draw(
        _record(
            m.Rating,
            value=st.floats(low, high, allow_nan=False),
            scale_min=low,
            scale_max=high,
            count=count,
            count_is_minimum=count is not None and draw(st.booleans()),
        )
    )


@_draws(m.Viewership)
@st.composite
def viewerships(draw: st.DrawFn) -> m.Viewership:
    """Viewership figures; a category only with a rank."""
    rank = draw(st.none() | st.integers(1, 100))
    category = (st.none() | texts()) if rank else None
    return draw(_record(m.Viewership, rank=rank, category=category))


@_draws(m.Relationship)
@st.composite
def relationships(draw: st.DrawFn) -> m.Relationship:
    """Relationships in a film between two of its characters, or a character and one of its
    organisations."""
    film = draw(films())
    character = draw(characters(film))
    if draw(st.booleans()):
        other = draw(characters(film).filter(lambda c: c.id != character.id))
        related: dict[str, Any] = {"other": other, "organization": None}
    else:
        related = {"other": None, "organization": draw(_record(m.Organization, films=(film,)))}
    return draw(_record(m.Relationship, film=film, character=character, **related))


@_draws(m.Conflict)
@st.composite
def conflicts(draw: st.DrawFn) -> m.Conflict:
    """Conflicts with two or more distinct claims, exactly one preferred, about a required
    text field of one of the sources they cite (a record every graph written with its sources
    holds)."""
    about = [f.name for f in attrs.fields(m.Source) if f.type is str and f.name not in UNCITABLE]
    values = draw(st.lists(texts(), min_size=2, max_size=4, unique_by=str.casefold))
    preferred = draw(st.integers(0, len(values) - 1))
    claims = tuple(
        m.Claim(value=v, sources=draw(_cited()), preferred=i == preferred)
        for i, v in enumerate(values)
    )
    return m.Conflict(
        id=draw(ids(m.Conflict.KIND)),
        subject=draw(st.sampled_from(sorted(frozenset().union(*(c.sources for c in claims))))),
        field=draw(st.sampled_from(about)),
        claims=claims,
        reason=draw(texts(100)),
    )


#: A strategy function: called with no argument, it gives a strategy drawing records.
_Drawing = Callable[[], st.SearchStrategy[T]]


def _plain(cls: type[T], **given: Any) -> _Drawing[T]:
    """The strategy function drawing ``cls`` records: the ``given`` fields, the others drawn
    from their declarations."""

    def strategy() -> st.SearchStrategy[T]:
        """Records: the fields tied by a rule as that rule says, the others as declared."""
        return _record(cls, **given)

    return _draws(cls)(strategy)


sources: _Drawing[m.Source] = _plain(m.Source, trust=st.integers(1, 5))
"""Source records."""
people: _Drawing[m.Person] = _plain(m.Person)
"""Person records."""
companies: _Drawing[m.Company] = _plain(m.Company)
"""Company records."""
crew_credits: _Drawing[m.CrewCredit] = _plain(m.CrewCredit)
"""Crew credits."""
company_credits: _Drawing[m.CompanyCredit] = _plain(m.CompanyCredit)
"""Company credits."""
production_events: _Drawing[m.ProductionEvent] = _plain(m.ProductionEvent)
"""Production events, dated to the year, the month or the day."""
reviews: _Drawing[m.Review] = _plain(m.Review)
"""Reviews, with or without a score."""
admissions: _Drawing[m.Admissions] = _plain(m.Admissions)
"""Admissions figures."""
works: _Drawing[m.Work] = _plain(m.Work)
"""Other works of a person."""
awards: _Drawing[m.Award] = _plain(m.Award)
"""Awards of a person."""
comparisons: _Drawing[m.Comparison] = _plain(m.Comparison)
"""Comparisons of a film with other works."""
organizations: _Drawing[m.Organization] = _plain(m.Organization, films=_some(films(), min_size=1))
"""Organisations, fictional or real, in one or two films."""
themes: _Drawing[m.Theme] = _plain(m.Theme, films=_some(films(), min_size=1))
"""Themes of one or two films."""


def _reachable(record: Any) -> list[Any]:
    """``record`` and every record it refers to, directly or not."""
    found, stack = [], [record]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(target for _, target in references(current))
    return found


def _tables(records: tuple[Any, ...]) -> Tables | None:
    """The tables of ``records``, every record they refer to and a Source for each source
    they cite; None where the loader would refuse them."""
    by_id: dict[str, Any] = {}
    for record in (r for top in records for r in _reachable(top)):
        if by_id.setdefault(record.id, record) != record:
            return None
    for source_id in sorted(frozenset().union(*(r.sources for r in by_id.values())) - by_id.keys()):
        by_id[source_id] = m.Source(
            id=source_id, title="A source", kind=SourceKind.ARTICLE, file="a.txt", trust=1
        )
    tables: dict[str, tuple[Any, ...]] = {
        spec.name: tuple(r for r in by_id.values() if type(r) is spec.record)
        for spec in table_specs()
    }
    loaded = {spec.kind: {r.id: r for r in tables[spec.name]} for spec in table_specs()}
    try:
        _check_dataset(tables, loaded)
    except DataError:
        return None
    return Tables(**tables)


def consistent(*records: Any) -> bool:
    """Whether the loader accepts ``records`` with every record they refer to and a Source
    for each source they cite: independent draws can collide (two records with one id, a
    name used twice, a plot that does not run 1..n, a conflict about no record)."""
    return _tables(records) is not None


STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    spec.record: _STRATEGY_OF[spec.record]()
    if spec.record in _STRATEGY_OF
    else _record(spec.record)
    for spec in table_specs()
}
"""The strategy of each record class, in load order: a kind no function above draws is drawn
from its declared fields."""
_BY_KIND = {spec.kind: STRATEGIES[spec.record] for spec in table_specs()}


def records() -> st.SearchStrategy[Any]:
    """Any record of any kind."""
    return st.one_of(*STRATEGIES.values())


@st.composite
def datasets(
    draw: st.DrawFn, elements: st.SearchStrategy[Any] | None = None, max_size: int = 4
) -> Dataset:
    """Datasets the loader accepts: up to ``max_size`` records drawn by ``elements`` (any
    kind by default), with every record they refer to and a Source for each source they
    cite."""
    drawn = st.lists(records() if elements is None else elements, min_size=1, max_size=max_size)
    tables = _tables(tuple(draw(drawn)))
    assume(tables is not None)
    return Dataset(tables)  # type: ignore[arg-type]
