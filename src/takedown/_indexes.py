"""The lookup indexes behind :class:`~takedown.Dataset`'s queries, built together from its tables.

The indexes are derived from tables the loader has already checked, so building them
cannot fail.  Every mapping is read-only.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from . import models as m
from ._search import names_of
from ._text import Shortlist, fold, suggest
from .enums import Department
from .errors import NotFoundError, short
from .tables import Tables

__all__ = ["Indexes", "NameIndex", "local_record"]

R = TypeVar("R")


def local_record(by_id: Mapping[str, Any], record: Any, argument: str) -> Any:
    """The dataset's own record for ``record``: itself, or the local record equal to it.

    A record of another dataset that differs from the local one with its id (or has no
    local twin) is a ValueError: it is never silently swapped for the local record.
    """
    local = by_id.get(record.id)
    if local is record or (local is not None and local == record):
        return local
    raise ValueError(
        f"{argument} is a {type(record).KIND} of another Dataset ({short(record.id)}), "
        "not equal to this one's; pass its id or name instead"
    )


@attrs.frozen
class NameIndex:
    """Folded id, name, title and alias -> record, for one kind of record.  Immutable."""

    kind: str
    #: The class of the records (``"Film"``), as error messages name it.
    class_name: str
    _by_key: Mapping[str, Any]
    _display: Mapping[str, str]
    _shortlist: Shortlist

    @classmethod
    def build(cls, type_: type, records: Iterable[Any]) -> NameIndex:
        """The index of ``records``, all of class ``type_``."""
        by_key: dict[str, Any] = {}
        display: dict[str, str] = {}
        for record in records:
            for name in names_of(record):
                key = fold(name)
                # The loader refuses a name shared by two records, or equal to an id.
                by_key.setdefault(key, record)
                display.setdefault(key, name)
        return cls(
            type_.KIND,  # type: ignore[attr-defined]
            type_.__name__,
            MappingProxyType(by_key),
            MappingProxyType(display),
            Shortlist(by_key),
        )

    def find(self, name: str) -> Any:
        """The record with this id, name or alias (folded), or None."""
        return self._by_key.get(fold(name))

    def get(self, key: object, argument: str | None = None) -> Any:
        """The record answering to ``key`` (a name, an id or the record itself).

        Raises NotFoundError for an unknown name, TypeError for a key of another type and
        ValueError for a record of another dataset.
        """
        if isinstance(key, str):
            record = self.find(key)
            if record is not None:
                return record
            raise NotFoundError(self.kind, key, self.suggest(key))
        argument = argument or self.kind
        if getattr(type(key), "KIND", None) == self.kind:
            return local_record(self._by_key, key, argument)
        raise TypeError(
            f"{argument} must be a {self.class_name}, its id or a name (str), "
            f"not {type(key).__name__}"
        )

    def suggest(self, key: object) -> list[str]:
        """The names closest to ``key``, each record named once."""
        if not isinstance(key, str):
            return []
        names: list[str] = []
        for k in suggest(fold(key[:200]), self._shortlist):
            record_name = getattr(self._by_key[k], "name", None) or self._display[k]
            if record_name not in names:
                names.append(record_name)
        return names


def _group(records: Iterable[R], key: Callable[[R], str]) -> Mapping[str, tuple[R, ...]]:
    groups: dict[str, list[R]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _by_film(
    records: Iterable[Any], order: Callable[[Any], Any] | None = None
) -> Mapping[str, tuple[Any, ...]]:
    """A film's id -> its records, in file order or sorted by ``order``."""
    if order is not None:
        records = sorted(records, key=order)
    return _group(records, lambda r: r.film.id)


def _filmographies(tables: Tables) -> Mapping[str, tuple[m.Film, ...]]:
    films_of: dict[str, dict[str, m.Film]] = defaultdict(dict)
    credits: Iterable[m.CastCredit | m.CrewCredit] = itertools.chain(tables.cast, tables.crew)
    for credit in credits:
        films_of[credit.person.id][credit.film.id] = credit.film
    return MappingProxyType(
        {k: tuple(sorted(v.values(), key=m.Film.chronology)) for k, v in films_of.items()}
    )


def _characters_by_film(tables: Tables) -> Mapping[str, tuple[m.Character, ...]]:
    by_film: dict[str, list[m.Character]] = defaultdict(list)
    for character in tables.characters:
        for appearance in character.films:
            by_film[appearance.id].append(character)
    return MappingProxyType({k: tuple(v) for k, v in by_film.items()})


@attrs.frozen
class Indexes:
    """A dataset's lookup indexes, all built at once by :meth:`build`.

    The per-film attributes (``cast``, ``plot``...) map a film id to that film's records of
    the table of the same name, in the order the queries return them.
    """

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
    #: Every job and department that ``crew(film, job=...)`` accepts, folded.
    jobs: frozenset[str]

    def named(self) -> tuple[NameIndex, ...]:
        """The name indexes, in the order a name of any kind is looked up."""
        return (self.films, self.people, self.characters, self.companies, self.locations)

    @classmethod
    def build(cls, t: Tables) -> Indexes:
        """Every index of the tables ``t``."""
        return cls(
            films=NameIndex.build(m.Film, t.films),
            people=NameIndex.build(m.Person, t.people),
            characters=NameIndex.build(m.Character, t.characters),
            companies=NameIndex.build(m.Company, t.companies),
            locations=NameIndex.build(m.Location, t.locations),
            by_id=MappingProxyType({r.id: r for r in t.records()}),
            cast=_by_film(t.cast, lambda c: c.order),
            crew=_by_film(t.crew),
            company_credits=_by_film(t.company_credits),
            releases=_by_film(t.releases),
            events=_by_film(t.events, lambda e: (e.date, e.latest_date)),
            filming_locations=_by_film(t.filming_locations),
            plot=_by_film(t.plot, lambda e: e.order),
            ratings=_by_film(t.ratings),
            reviews=_by_film(t.reviews),
            viewership=_by_film(t.viewership),
            admissions=_by_film(t.admissions),
            sequels=MappingProxyType(
                {f.predecessor.id: f for f in t.films if f.predecessor is not None}
            ),
            filmographies=_filmographies(t),
            characters_by_film=_characters_by_film(t),
            conflicts_by_subject=_group(t.conflicts, lambda c: c.subject),
            jobs=frozenset({fold(c.job) for c in t.crew} | {fold(d.value) for d in Department}),
        )
