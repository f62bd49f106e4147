"""The :class:`Dataset`: every table, with indexes built once and the query API over them."""

from __future__ import annotations

import difflib
import itertools
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from . import models as m
from ._search import SearchHit, SearchIndex, names_of
from ._text import fold
from .errors import NotFoundError
from .tables import Tables

__all__ = ["Dataset"]

R = TypeVar("R")
FilmKey = m.Film | str
PersonKey = m.Person | str

#: How many close names a NotFoundError suggests.
_SUGGESTIONS = 3


class _NameIndex:
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
        keys = difflib.get_close_matches(fold(key), list(self._by_key), n=_SUGGESTIONS, cutoff=0.5)
        names: list[str] = []
        for k in keys:
            record_name = getattr(self._by_key[k], "name", None) or self._display[k]
            if record_name not in names:
                names.append(record_name)
        return names


def _group(records: Iterable[R], key: Callable[[R], str]) -> Mapping[str, tuple[R, ...]]:
    groups: dict[str, list[R]] = defaultdict(list)
    for record in records:
        groups[key(record)].append(record)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


def _by_film(records: Iterable[Any]) -> Mapping[str, tuple[Any, ...]]:
    return _group(records, lambda r: r.film.id)


@attrs.frozen(eq=False, repr=False, init=False)
class Dataset:
    """A loaded, checked and indexed dataset.  Immutable; build it with :func:`takedown.load`
    (the packaged data) or :meth:`Dataset.from_path` (a directory of your own)."""

    tables: Tables
    _films: _NameIndex
    _people: _NameIndex
    _characters: _NameIndex
    _companies: _NameIndex
    _locations: _NameIndex
    _by_id: Mapping[str, Any]
    _per_film: Mapping[str, Mapping[str, tuple[Any, ...]]]
    _sequels: Mapping[str, m.Film]
    _filmographies: Mapping[str, tuple[m.Film, ...]]
    _characters_by_film: Mapping[str, tuple[m.Character, ...]]
    _conflicts_by_subject: Mapping[str, tuple[m.Conflict, ...]]
    _search: SearchIndex

    def __init__(self, tables: Tables) -> None:
        set_ = object.__setattr__  # the class is frozen; these are set once, here
        set_(self, "tables", tables)
        set_(self, "_films", _NameIndex("film", tables.films))
        set_(self, "_people", _NameIndex("person", tables.people))
        set_(self, "_characters", _NameIndex("character", tables.characters))
        set_(self, "_companies", _NameIndex("company", tables.companies))
        set_(self, "_locations", _NameIndex("location", tables.locations))
        set_(self, "_by_id", MappingProxyType({r.id: r for r in tables.records()}))
        per_film = {
            name: _by_film(getattr(tables, name))
            for name in (
                "cast",
                "crew",
                "company_credits",
                "releases",
                "events",
                "filming_locations",
                "plot",
                "ratings",
                "reviews",
                "viewership",
                "admissions",
            )
        }
        per_film["cast"] = MappingProxyType(
            {k: tuple(sorted(v, key=lambda c: c.order)) for k, v in per_film["cast"].items()}
        )
        per_film["plot"] = MappingProxyType(
            {k: tuple(sorted(v, key=lambda e: e.order)) for k, v in per_film["plot"].items()}
        )
        set_(self, "_per_film", MappingProxyType(per_film))
        set_(
            self,
            "_sequels",
            MappingProxyType(
                {f.predecessor.id: f for f in tables.films if f.predecessor is not None}
            ),
        )
        # Keyed by film id: hashing a Film record would hash every field it holds.
        films_of: dict[str, dict[str, m.Film]] = defaultdict(dict)
        credits: Iterable[m.CastCredit | m.CrewCredit] = itertools.chain(tables.cast, tables.crew)
        for credit in credits:
            films_of[credit.person.id][credit.film.id] = credit.film
        set_(
            self,
            "_filmographies",
            MappingProxyType(
                {k: tuple(sorted(v.values(), key=_chronology)) for k, v in films_of.items()}
            ),
        )
        by_film: dict[str, list[m.Character]] = defaultdict(list)
        for character in tables.characters:
            for appearance in character.films:
                by_film[appearance.id].append(character)
        set_(
            self,
            "_characters_by_film",
            MappingProxyType({k: tuple(v) for k, v in by_film.items()}),
        )
        set_(self, "_conflicts_by_subject", _group(tables.conflicts, lambda c: c.subject))
        set_(
            self,
            "_search",
            SearchIndex(r for r in tables.records() if not isinstance(r, m.Conflict)),
        )

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_path(cls, path: str | os.PathLike[str]) -> Dataset:
        """Load and check the data directory at ``path`` (same layout as the packaged one).

        Raises :class:`~takedown.DataError` naming the file, the place and the problem.
        """
        from .loader import load_tables, paused_gc

        with paused_gc():  # the indexes, too, are objects by the million
            return cls(load_tables(Path(path)))

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{len(getattr(self.tables, f.name))} {f.name}" for f in attrs.fields(Tables)
        )
        return f"<takedown.Dataset: {counts}>"

    def _repr_html_(self) -> str:
        """An HTML table of the films and of every table's size, shown by Jupyter."""
        from ._html import dataset_html

        return dataset_html(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and self.tables == other.tables

    def __hash__(self) -> int:
        return hash(self.tables)

    # -- tables ---------------------------------------------------------------------------

    @property
    def films(self) -> tuple[m.Film, ...]:
        """Every film."""
        return self.tables.films

    @property
    def people(self) -> tuple[m.Person, ...]:
        """Every person."""
        return self.tables.people

    @property
    def characters(self) -> tuple[m.Character, ...]:
        """Every character."""
        return self.tables.characters

    @property
    def sources(self) -> tuple[m.Source, ...]:
        """Every source document."""
        return self.tables.sources

    @property
    def companies(self) -> tuple[m.Company, ...]:
        """Every company."""
        return self.tables.companies

    @property
    def locations(self) -> tuple[m.Location, ...]:
        """Every place, real or from the story."""
        return self.tables.locations

    # -- lookups --------------------------------------------------------------------------

    def film(self, key: FilmKey) -> m.Film:
        """The film with this id, title, original title or alias (case and accents ignored).

        Raises :class:`~takedown.NotFoundError` suggesting the closest titles.
        """
        return self._films.get(key)  # type: ignore[no-any-return]

    def person(self, key: PersonKey) -> m.Person:
        """The person with this id, name or alias (case and accents ignored)."""
        return self._people.get(key)  # type: ignore[no-any-return]

    def character(self, key: m.Character | str) -> m.Character:
        """The character with this id, name or alias (case and accents ignored)."""
        return self._characters.get(key)  # type: ignore[no-any-return]

    def company(self, key: m.Company | str) -> m.Company:
        """The company with this id, name or alias (case and accents ignored)."""
        return self._companies.get(key)  # type: ignore[no-any-return]

    def location(self, key: m.Location | str) -> m.Location:
        """The place with this id, name or alias (case and accents ignored)."""
        return self._locations.get(key)  # type: ignore[no-any-return]

    def get(self, record_id: str) -> Any:
        """Any record by its exact id (``"plot/the-takedown-01"``)."""
        try:
            return self._by_id[record_id]
        except KeyError:
            close = difflib.get_close_matches(record_id, list(self._by_id), n=_SUGGESTIONS)
            raise NotFoundError("record", record_id, close) from None

    # -- relations ------------------------------------------------------------------------

    def predecessor(self, film: FilmKey) -> m.Film | None:
        """The film this one follows, or None."""
        return self.film(film).predecessor

    def sequel(self, film: FilmKey) -> m.Film | None:
        """The film that follows this one, or None."""
        return self._sequels.get(self.film(film).id)

    def _of(self, table: str, film: FilmKey) -> tuple[Any, ...]:
        return self._per_film[table].get(self.film(film).id, ())

    def cast(self, film: FilmKey) -> tuple[m.CastCredit, ...]:
        """The cast in billing order."""
        return self._of("cast", film)

    def crew(self, film: FilmKey, job: str | None = None) -> tuple[m.CrewCredit, ...]:
        """The crew; with ``job``, only credits whose job or department matches it."""
        credits: tuple[m.CrewCredit, ...] = self._of("crew", film)
        if job is None:
            return credits
        wanted = fold(job)
        return tuple(c for c in credits if wanted in (fold(c.job), fold(c.department.value)))

    def companies_of(self, film: FilmKey) -> tuple[m.CompanyCredit, ...]:
        """The production companies and distributors."""
        return self._of("company_credits", film)

    def filmography(self, person: PersonKey) -> tuple[m.Film, ...]:
        """The films a person is credited on, oldest first."""
        return self._filmographies.get(self.person(person).id, ())

    def appearances(self, character: m.Character | str) -> tuple[m.Film, ...]:
        """The films a character appears in, oldest first."""
        return tuple(sorted(self.character(character).films, key=_chronology))

    def characters_of(self, film: FilmKey) -> tuple[m.Character, ...]:
        """The characters who appear in a film."""
        return self._characters_by_film.get(self.film(film).id, ())

    def plot(self, film: FilmKey) -> tuple[m.PlotEvent, ...]:
        """The story in order.  Spoilers, naturally."""
        return self._of("plot", film)

    def filming_locations(self, film: FilmKey) -> tuple[m.FilmingLocation, ...]:
        """Where the film was shot (or scouted), and what was shot there."""
        return self._of("filming_locations", film)

    def releases(self, film: FilmKey) -> tuple[m.Release, ...]:
        """How and when the film came out."""
        return self._of("releases", film)

    def events(self, film: FilmKey) -> tuple[m.ProductionEvent, ...]:
        """Production and launch milestones, oldest first."""
        return tuple(sorted(self._of("events", film), key=lambda e: (e.date, e.latest_date)))

    def ratings(self, film: FilmKey) -> tuple[m.Rating, ...]:
        """Aggregate scores from critics and audiences."""
        return self._of("ratings", film)

    def reviews(self, film: FilmKey) -> tuple[m.Review, ...]:
        """Named reviews."""
        return self._of("reviews", film)

    def viewership(self, film: FilmKey) -> tuple[m.Viewership, ...]:
        """Streaming figures."""
        return self._of("viewership", film)

    def admissions(self, film: FilmKey) -> tuple[m.Admissions, ...]:
        """Cinema tickets sold."""
        return self._of("admissions", film)

    # -- provenance -----------------------------------------------------------------------

    def sources_for(self, record: Any) -> tuple[m.Source, ...]:
        """The sources behind a record, most trusted first."""
        found = [self._by_id[s] for s in record.sources]
        return tuple(sorted(found, key=lambda s: (s.trust, s.id)))

    def conflicts(self, record: Any = None) -> tuple[m.Conflict, ...]:
        """Every disagreement between sources, or only those about ``record``."""
        if record is None:
            return self.tables.conflicts
        return self._conflicts_by_subject.get(record.id, ())

    def claims(self, record: Any, field: str) -> tuple[m.Claim, ...]:
        """What each source says about ``field`` of ``record`` (empty if they all agree)."""
        return tuple(
            claim
            for conflict in self.conflicts(record)
            if conflict.field == field
            for claim in conflict.claims
        )

    # -- search ---------------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """Records matching ``text`` best first: names before prose, tolerant of typos."""
        return self._search.search(text, limit)


def _chronology(film: m.Film) -> tuple[int, int, str]:
    day = film.release_date.toordinal() if film.release_date else 0
    return (film.year, day, film.id)
