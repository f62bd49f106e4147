"""The :class:`Dataset`: every table, and the query API over its indexes."""

from __future__ import annotations

import functools
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from . import models as m
from ._indexes import Indexes, local_record
from ._search import SearchHit, SearchIndex
from ._text import Shortlist, fold, suggest
from .errors import NotFoundError, short
from .tables import Tables

__all__ = ["Dataset"]

FilmKey = m.Film | str
PersonKey = m.Person | str


@attrs.frozen(eq=False, repr=False)
class Dataset:
    """A loaded and checked dataset.  Immutable; build it with :func:`takedown.load` (the
    packaged data) or :meth:`Dataset.from_path` (a directory of your own).

    The lookup indexes are built together by the first query that needs them, the search
    index by the first search.
    """

    tables: Tables

    @functools.cached_property
    def _indexes(self) -> Indexes:
        return Indexes.build(self.tables)

    @functools.cached_property
    def _ids(self) -> Shortlist:
        return Shortlist(self._indexes.by_id)

    @functools.cached_property
    def _search_index(self) -> SearchIndex:
        return SearchIndex(r for r in self.tables.records() if not isinstance(r, m.Conflict))

    # -- construction ---------------------------------------------------------------------

    @classmethod
    def from_path(
        cls,
        path: str | os.PathLike[str],
        *,
        max_file_bytes: int | None = None,
        check_digests: bool = True,
    ) -> Dataset:
        """Load and check the data directory at ``path`` (same layout as the packaged one).

        Raises :class:`~takedown.DataError` naming the file, the place and the problem.
        A file larger than ``max_file_bytes`` (default
        :data:`takedown.loader.MAX_FILE_BYTES`, 64 MiB) is refused unread.  When the
        manifest records digests, each file must match its own, unless ``check_digests``
        is false (``python tools/manifest.py DIR`` rewrites the manifest after an edit).
        """
        from .errors import DataError
        from .loader import MAX_FILE_BYTES, load_tables

        if max_file_bytes is None:
            max_file_bytes = MAX_FILE_BYTES
        elif isinstance(max_file_bytes, bool) or not isinstance(max_file_bytes, int):
            raise TypeError(f"max_file_bytes must be an int, not {type(max_file_bytes).__name__}")
        elif max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be at least 1, not {max_file_bytes}")
        if "\0" in os.fspath(path):
            raise DataError("the directory's path holds a NUL character")
        return cls(
            load_tables(Path(path), max_file_bytes=max_file_bytes, check_digests=check_digests)
        )

    def __repr__(self) -> str:
        counts = ", ".join(f"{size} {name}" for name, size in self.tables.sizes().items())
        return f"<takedown.Dataset: {counts}>"

    def _repr_html_(self) -> str:
        """An HTML table of the films and of every table's size, shown by Jupyter."""
        from ._html import dataset_html

        return dataset_html(self)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dataset) and self.tables == other.tables

    def __hash__(self) -> int:
        return hash(self.tables)

    def __reduce__(self) -> tuple[type[Dataset], tuple[Tables]]:
        # Pickled (and copied) as its tables: the indexes are rebuilt on the other side.
        return (Dataset, (self.tables,))

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
        return self._indexes.films.get(key)  # type: ignore[no-any-return]

    def person(self, key: PersonKey) -> m.Person:
        """The person with this id, name or alias (case and accents ignored)."""
        return self._indexes.people.get(key)  # type: ignore[no-any-return]

    def character(self, key: m.Character | str) -> m.Character:
        """The character with this id, name or alias (case and accents ignored)."""
        return self._indexes.characters.get(key)  # type: ignore[no-any-return]

    def company(self, key: m.Company | str) -> m.Company:
        """The company with this id, name or alias (case and accents ignored)."""
        return self._indexes.companies.get(key)  # type: ignore[no-any-return]

    def location(self, key: m.Location | str) -> m.Location:
        """The place with this id, name or alias (case and accents ignored)."""
        return self._indexes.locations.get(key)  # type: ignore[no-any-return]

    def get(self, record_id: str) -> Any:
        """Any record by its exact id (``"plot/the-takedown-01"``)."""
        if not isinstance(record_id, str):
            raise TypeError(f"record_id must be a str, not {type(record_id).__name__}")
        try:
            return self._indexes.by_id[record_id]
        except KeyError:
            raise NotFoundError("record", record_id, suggest(record_id, self._ids)) from None

    def _record(self, key: object, argument: str = "record") -> Any:
        """The record of any kind that ``key`` names: a record, an exact id or a name.

        A name is looked up among films, people, characters, companies and places; a name
        that more than one of them answers to is a NotFoundError naming their ids.
        """
        indexes = self._indexes
        if isinstance(key, str):
            found = indexes.by_id.get(key)
            if found is not None:
                return found
            named = [r for index in indexes.named() if (r := index.find(key)) is not None]
            if len(named) == 1:
                return named[0]
            raise NotFoundError("record", key, [r.id for r in named] or suggest(key, self._ids))
        if isinstance(getattr(type(key), "KIND", None), str) and isinstance(
            getattr(key, "id", None), str
        ):
            return local_record(indexes.by_id, key, argument)
        raise TypeError(
            f"{argument} must be a record, its id or a name (str), not {type(key).__name__}"
        )

    # -- relations ------------------------------------------------------------------------

    def predecessor(self, film: FilmKey) -> m.Film | None:
        """The film this one follows, or None."""
        return self.film(film).predecessor

    def sequel(self, film: FilmKey) -> m.Film | None:
        """The film that follows this one, or None."""
        return self._indexes.sequels.get(self.film(film).id)

    def _of(self, table: str, film: FilmKey) -> tuple[Any, ...]:
        by_film: Mapping[str, tuple[Any, ...]] = getattr(self._indexes, table)
        return by_film.get(self.film(film).id, ())

    def cast(self, film: FilmKey) -> tuple[m.CastCredit, ...]:
        """The cast in billing order."""
        return self._of("cast", film)

    def crew(self, film: FilmKey, job: str | None = None) -> tuple[m.CrewCredit, ...]:
        """The crew; with ``job``, only credits whose job or department matches it.

        A ``job`` that is no department and no job of any credit is a ValueError.
        """
        credits: tuple[m.CrewCredit, ...] = self._of("crew", film)
        if job is None:
            return credits
        if not isinstance(job, str):
            raise TypeError(f"job must be a str or None, not {type(job).__name__}")
        wanted = fold(job)
        known = self._indexes.jobs
        if wanted not in known:
            raise ValueError(f"unknown job {short(job)}; known: {', '.join(sorted(known))}")
        return tuple(c for c in credits if wanted in (fold(c.job), fold(c.department.value)))

    def companies_of(self, film: FilmKey) -> tuple[m.CompanyCredit, ...]:
        """The production companies and distributors."""
        return self._of("company_credits", film)

    def filmography(self, person: PersonKey) -> tuple[m.Film, ...]:
        """The films a person is credited on, oldest first."""
        return self._indexes.filmographies.get(self.person(person).id, ())

    def appearances(self, character: m.Character | str) -> tuple[m.Film, ...]:
        """The films a character appears in, oldest first."""
        return tuple(sorted(self.character(character).films, key=m.Film.chronology))

    def characters_of(self, film: FilmKey) -> tuple[m.Character, ...]:
        """The characters who appear in a film."""
        return self._indexes.characters_by_film.get(self.film(film).id, ())

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
        return self._of("events", film)

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

    # ``record`` below is a record of this dataset, its id or a name (of a film, person,
    # character, company or place; a name several of them answer to is a NotFoundError).

    def sources_for(self, record: Any) -> tuple[m.Source, ...]:
        """The sources behind a record, most trusted first."""
        by_id = self._indexes.by_id
        found = [by_id[s] for s in self._record(record).sources]
        return tuple(sorted(found, key=lambda s: (s.trust, s.id)))

    def conflicts(self, record: Any = None) -> tuple[m.Conflict, ...]:
        """Every disagreement between sources, or only those about ``record``."""
        if record is None:
            return self.tables.conflicts
        return self._indexes.conflicts_by_subject.get(self._record(record).id, ())

    def claims(self, record: Any, field: str) -> tuple[m.Claim, ...]:
        """What each source says about ``field`` of ``record`` (empty if they all agree).

        A ``field`` that the record does not have (and no conflict names) is a ValueError.
        """
        found = self._record(record)
        if not isinstance(field, str):
            raise TypeError(f"field must be a str, not {type(field).__name__}")
        conflicts = self.conflicts(found)
        known = {*attrs.fields_dict(type(found)), *(c.field for c in conflicts)}
        if field not in known:
            raise ValueError(
                f"a {type(found).KIND} has no field {short(field)}; "
                f"fields: {', '.join(sorted(known))}"
            )
        return tuple(
            claim for conflict in conflicts if conflict.field == field for claim in conflict.claims
        )

    # -- search ---------------------------------------------------------------------------

    def search(self, text: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """Records matching ``text`` best first: names before prose, tolerant of typos.

        ``limit`` (an int of at least 1) caps the number of hits.
        """
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError(f"limit must be an int, not {type(limit).__name__}")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        return self._search_index.search(text, limit)
