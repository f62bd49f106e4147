"""The indexes behind :class:`~takedown.Dataset`'s queries, each built when first asked for.

Loading reads and checks every record; the indexes are derived from the checked tables
and can never fail, so they wait for a query that needs them.  A notebook asking for one
film then pays for the film index only, and a million-record directory is not indexed
twice over before its first lookup.  Each index is built once per dataset, under the
dataset's lock, and is read-only afterwards.
"""

from __future__ import annotations

import itertools
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, NoReturn, TypeVar

from . import models as m
from ._search import SearchIndex, names_of
from ._text import fold
from .errors import NotFoundError
from .tables import Tables

__all__ = ["Indexes", "NameIndex", "chronology"]

R = TypeVar("R")

#: How many close names a NotFoundError suggests.
SUGGESTIONS = 3


class NameIndex:
    """Folded id, name, title and alias -> record, for one kind of record."""

    __slots__ = ("_by_key", "_display", "kind")

    def __init__(self, kind: str, records: Iterable[Any]) -> None:
        self.kind = kind
        by_key: dict[str, Any] = {}
        display: dict[str, str] = {}
        for record in records:
            for name in names_of(record):
                key = fold(name)
                # First record wins on a shared name; the dataset's tests forbid sharing.
                by_key.setdefault(key, record)
                display.setdefault(key, name)
        self._by_key = MappingProxyType(by_key)
        self._display = MappingProxyType(display)

    def get(self, key: object) -> Any:
        if isinstance(key, str):
            record = self._by_key.get(fold(key))
            if record is not None:
                return record
        elif getattr(key, "id", None) is not None and getattr(type(key), "KIND", None) == self.kind:
            record = self._by_key.get(key.id)  # type: ignore[attr-defined]
            if record is not None:
                return record
        raise NotFoundError(self.kind, key, self.suggest(key))

    def suggest(self, key: object) -> list[str]:
        if not isinstance(key, str):
            return []
        import difflib  # only a failed lookup needs it

        keys = difflib.get_close_matches(fold(key), list(self._by_key), n=SUGGESTIONS, cutoff=0.5)
        names: list[str] = []
        for k in keys:
            record_name = getattr(self._by_key[k], "name", None) or self._display[k]
            if record_name not in names:
                names.append(record_name)
        return names


def chronology(film: m.Film) -> tuple[int, int, str]:
    """Sort key putting films in release order."""
    day = film.release_date.toordinal() if film.release_date else 0
    return (film.year, day, film.id)


def _group(records: Iterable[R], key: Callable[[R], str]) -> Mapping[str, tuple[R, ...]]:
    groups: dict[str, list[R]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _by_film(
    records: Iterable[Any], order: Callable[[Any], Any] | None = None
) -> Mapping[str, tuple[Any, ...]]:
    groups = _group(records, lambda r: r.film.id)
    if order is None:
        return groups
    return MappingProxyType({k: tuple(sorted(v, key=order)) for k, v in groups.items()})


def _filmographies(tables: Tables) -> Mapping[str, tuple[m.Film, ...]]:
    # Keyed by film id: hashing a Film record would hash every field it holds.
    films_of: dict[str, dict[str, m.Film]] = defaultdict(dict)
    credits: Iterable[m.CastCredit | m.CrewCredit] = itertools.chain(tables.cast, tables.crew)
    for credit in credits:
        films_of[credit.person.id][credit.film.id] = credit.film
    return MappingProxyType(
        {k: tuple(sorted(v.values(), key=chronology)) for k, v in films_of.items()}
    )


def _characters_by_film(tables: Tables) -> Mapping[str, tuple[m.Character, ...]]:
    by_film: dict[str, list[m.Character]] = defaultdict(list)
    for character in tables.characters:
        for appearance in character.films:
            by_film[appearance.id].append(character)
    return MappingProxyType({k: tuple(v) for k, v in by_film.items()})


_BUILDERS: dict[str, Callable[[Tables], Any]] = {
    "films": lambda t: NameIndex("film", t.films),
    "people": lambda t: NameIndex("person", t.people),
    "characters": lambda t: NameIndex("character", t.characters),
    "companies": lambda t: NameIndex("company", t.companies),
    "locations": lambda t: NameIndex("location", t.locations),
    "by_id": lambda t: MappingProxyType({r.id: r for r in t.records()}),
    "cast": lambda t: _by_film(t.cast, lambda c: c.order),
    "crew": lambda t: _by_film(t.crew),
    "company_credits": lambda t: _by_film(t.company_credits),
    "releases": lambda t: _by_film(t.releases),
    "events": lambda t: _by_film(t.events, lambda e: (e.date, e.latest_date)),
    "filming_locations": lambda t: _by_film(t.filming_locations),
    "plot": lambda t: _by_film(t.plot, lambda e: e.order),
    "ratings": lambda t: _by_film(t.ratings),
    "reviews": lambda t: _by_film(t.reviews),
    "viewership": lambda t: _by_film(t.viewership),
    "admissions": lambda t: _by_film(t.admissions),
    "sequels": lambda t: MappingProxyType(
        {f.predecessor.id: f for f in t.films if f.predecessor is not None}
    ),
    "filmographies": _filmographies,
    "characters_by_film": _characters_by_film,
    "conflicts_by_subject": lambda t: _group(t.conflicts, lambda c: c.subject),
    # The search index defers its own (much larger) build to the first query.
    "search": lambda t: SearchIndex(r for r in t.records() if not isinstance(r, m.Conflict)),
}


class Indexes:
    """A dataset's indexes; an attribute is built on first access, then kept.

    The per-film attributes (``cast``, ``plot``...) map a film id to that film's records of
    the table of the same name, in the order the queries return them.
    """

    __slots__ = ("_lock", "_tables", *_BUILDERS)

    films: NameIndex
    people: NameIndex
    characters: NameIndex
    companies: NameIndex
    locations: NameIndex
    by_id: Mapping[str, Any]
    cast: Mapping[str, tuple[m.CastCredit, ...]]
    crew: Mapping[str, tuple[m.CrewCredit, ...]]
    company_credits: Mapping[str, tuple[m.CompanyCredit, ...]]
    releases: Mapping[str, tuple[m.Release, ...]]
    events: Mapping[str, tuple[m.ProductionEvent, ...]]
    filming_locations: Mapping[str, tuple[m.FilmingLocation, ...]]
    plot: Mapping[str, tuple[m.PlotEvent, ...]]
    ratings: Mapping[str, tuple[m.Rating, ...]]
    reviews: Mapping[str, tuple[m.Review, ...]]
    viewership: Mapping[str, tuple[m.Viewership, ...]]
    admissions: Mapping[str, tuple[m.Admissions, ...]]
    sequels: Mapping[str, m.Film]
    filmographies: Mapping[str, tuple[m.Film, ...]]
    characters_by_film: Mapping[str, tuple[m.Character, ...]]
    conflicts_by_subject: Mapping[str, tuple[m.Conflict, ...]]
    search: SearchIndex

    def __init__(self, tables: Tables) -> None:
        object.__setattr__(self, "_tables", tables)
        # A lock per dataset, so that indexing a large one never delays another's first
        # lookup; reentrant in case one index is ever built from another.
        object.__setattr__(self, "_lock", threading.RLock())

    def __getattr__(self, name: str) -> Any:
        # Called only while the slot is empty: once built, reads go straight to the slot.
        build = _BUILDERS.get(name)
        if build is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        from .loader import paused_gc

        with self._lock:
            try:  # another thread may have built it while this one waited
                return object.__getattribute__(self, name)
            except AttributeError:
                pass
            with paused_gc():
                value = build(self._tables)
            object.__setattr__(self, name, value)
            return value

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"a dataset's indexes are read-only (tried to set {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"a dataset's indexes are read-only (tried to delete {name!r})")
