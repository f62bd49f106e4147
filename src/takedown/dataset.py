"""The :class:`Dataset`: every table, and the query API over its indexes."""

from __future__ import annotations

import functools
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from . import models as m
from ._indexes import Indexes, local_record
from ._tables import Tables
from ._text import fold, suggest
from .errors import NotFoundError, short

if TYPE_CHECKING:
    import sys

    from ._card import Card, Row
    from ._manifest import DataVersion
    from ._search import SearchHit

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["MAX_QUERY_CHARS", "Dataset", "expect_dataset"]

#: The longest text :meth:`Dataset.search` takes, in characters: each word of a query is
#: compared with the indexed words, so a longer one would only take longer to answer.
MAX_QUERY_CHARS = 1000

FilmKey = m.Film | str
PersonKey = m.Person | str


@attrs.frozen(repr=False)
class Dataset:
    """A loaded and checked dataset.  Immutable; build it with :func:`takedown.load` (the
    packaged data) or :meth:`Dataset.from_path` (a directory of your own)."""

    tables: Tables
    #: The data version, schema version and digest of the files it was loaded from (None
    #: for a dataset built from tables in memory).
    version: DataVersion | None = attrs.field(default=None, kw_only=True, eq=False)
    _indexes: Indexes = attrs.field(
        init=False, eq=False, default=attrs.Factory(lambda ds: Indexes(ds.tables), takes_self=True)
    )

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

        Raises :class:`~takedown.DataError` naming the file, the place and the problem (or
        the missing directory), TypeError for an argument of the wrong type.  A file larger
        than ``max_file_bytes`` (default :data:`takedown.MAX_FILE_BYTES`) is refused unread;
        each file must match its digest in the manifest unless ``check_digests`` is false.
        """
        from ._loader import MAX_FILE_BYTES
        from .errors import DataError

        if max_file_bytes is None:
            max_file_bytes = MAX_FILE_BYTES
        elif isinstance(max_file_bytes, bool) or not isinstance(max_file_bytes, int):
            raise TypeError(f"max_file_bytes must be an int, not {type(max_file_bytes).__name__}")
        elif max_file_bytes < 1:
            raise ValueError(f"max_file_bytes must be at least 1, not {max_file_bytes}")
        if not isinstance(check_digests, bool):
            raise TypeError(f"check_digests must be a bool, not {type(check_digests).__name__}")
        fs_path = os.fspath(path) if isinstance(path, (str, os.PathLike)) else None
        if not isinstance(fs_path, str):
            shown = type(path if fs_path is None else fs_path).__name__
            raise TypeError(f"path must be a str or os.PathLike of a str, not {shown}")
        if "\0" in fs_path:
            raise DataError("the directory's path holds a NUL character")
        if not fs_path:  # Path("") is the working directory: never what was meant
            raise DataError("the data directory's path is empty")
        problem = _directory_problem(fs_path)
        if problem is not None:
            raise DataError(f"the data directory {short(fs_path)} {problem}")
        return cls._read(Path(fs_path), max_file_bytes=max_file_bytes, check_digests=check_digests)

    @classmethod
    def _read(cls, root: Traversable, **options: Any) -> Dataset:
        """The dataset under ``root``, read with the loader's ``options``: the one path by which
        :func:`takedown.load` and :meth:`from_path` build a dataset from files."""
        from ._loader import load_tables

        tables, version = load_tables(root, **options)
        return cls(tables, version=version)

    def __repr__(self) -> str:
        counts = ", ".join(f"{size} {name}" for name, size in self.tables.sizes().items())
        return f"<takedown.Dataset: {counts}>"

    def card(self, record: Any) -> Card:
        """``record`` (a record of this dataset, its id or a name) with what this dataset says
        about it, as a card printed as text or shown by Jupyter as HTML.  Anything else is a
        TypeError, another dataset's record a ValueError."""
        from ._card import Card, record_rows

        found = self._record(record)
        rows = record_rows(found)
        sources = next((i for i, (label, _) in enumerate(rows) if label == "sources"), len(rows))
        rows[sources:sources] = self._about(found)  # the dataset's facts before the sources
        return Card(found, tuple(rows))

    def _about(self, record: Any) -> list[Row]:
        """The rows of what this dataset says about ``record`` beyond its own fields."""
        from ._card import credit

        def join(items: Iterable[str]) -> str | None:
            return ", ".join(items) or None

        if isinstance(record, m.Film):
            sequel = self.sequel(record)
            return [
                ("directed by", join(p.name for p in directors(self, record)) or "unknown"),
                ("written by", join(c.person.name for c in self.crew(record, job="writing"))),
                ("followed by", f"{sequel.title} ({sequel.year})" if sequel else None),
                ("ratings", join(_rating(r) for r in self.ratings(record))),
                ("cast", tuple(credit(c) for c in self.cast(record)) or None),
                ("relationships", tuple(map(_relation, self.relationships_of(record))) or None),
                ("organisations", join(o.name for o in self.organizations_of(record))),
                ("themes", join(t.name for t in self.themes(record))),
            ]
        if isinstance(record, m.Person):
            roles = self.roles(record)
            jobs = []
            for film in self.filmography(record):
                done = [c.job for c in self.crew(film) if c.person == record]
                if any(c.person == record and c.character is None for c in self.cast(film)):
                    done.insert(0, "in the cast")
                if done:
                    jobs.append(f"{film.title} ({film.year}): {', '.join(done)}")
            return [
                ("roles", tuple(f"as {c.name} in {f.title} ({f.year})" for f, c in roles) or None),
                ("work on the films", tuple(jobs) or None),
                ("other works", join(_work(w) for w in self.works(record))),
                ("awards", join(_award(a) for a in self.awards(record))),
            ]
        rows: list[Row] = []
        if isinstance(record, m.Character):
            played = (f"{c.person.name} ({c.film.year})" for c in self.played_by(record))
            rows.append(("played by", join(played)))
        if isinstance(record, (m.Character, m.Organization)):
            rows.append(("relationships", tuple(map(_relation, self.relations(record))) or None))
        return rows

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (and copied) as its tables: the indexes are rebuilt on the other side.
        return functools.partial(Dataset, version=self.version), (self.tables,)

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

    @property
    def organizations(self) -> tuple[m.Organization, ...]:
        """Every organisation other than the credited companies (see :attr:`companies`)."""
        return self.tables.organizations

    @property
    def relationships(self) -> tuple[m.Relationship, ...]:
        """Every relationship, in every film."""
        return self.tables.relationships

    # -- lookups --------------------------------------------------------------------------

    def film(self, key: FilmKey) -> m.Film:
        """The film with this id, title, original title or alias (case and accents ignored);
        else a :class:`~takedown.NotFoundError` suggesting the closest titles."""
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

    def organization(self, key: m.Organization | m.Company | str) -> m.Organization | m.Company:
        """The organisation or company with this id, name or alias (case and accents ignored):
        organisations are looked up first, then the companies credited on the films."""
        if isinstance(key, m.Company):
            return self.company(key)
        try:
            return self._indexes.organizations.get(key)  # type: ignore[no-any-return]
        except NotFoundError as missing:
            try:
                return self._indexes.companies.get(key)  # type: ignore[no-any-return]
            except NotFoundError:
                raise missing from None

    def theme(self, key: m.Theme | str) -> m.Theme:
        """The theme with this id, name or alias; its ``films`` are the films that have it."""
        return self._indexes.themes.get(key)  # type: ignore[no-any-return]

    def get(self, record_id: str) -> Any:
        """Any record by its exact id (``"plot/the-takedown-01"``)."""
        if not isinstance(record_id, str):
            raise TypeError(f"record_id must be a str, not {type(record_id).__name__}")
        found = self._indexes.by_id.get(record_id)
        if found is None:
            raise NotFoundError("record", record_id, suggest(record_id, self._indexes.by_id))
        return found

    def _record(self, key: object) -> Any:
        """The record of any kind that ``key`` names: a record, an exact id or a name of a
        named record (a name several records answer to is a NotFoundError naming them)."""
        indexes = self._indexes
        if isinstance(key, str):
            found = indexes.by_id.get(key)
            if found is not None:
                return found
            named = [r for index in indexes.named() if (r := index.find(key)) is not None]
            if len(named) == 1:
                return named[0]
            raise NotFoundError("record", key, [r.id for r in named] or suggest(key, indexes.by_id))
        if isinstance(getattr(type(key), "KIND", None), str) and isinstance(
            getattr(key, "id", None), str
        ):
            return local_record(indexes.by_id, key, "record")
        raise TypeError(
            f"record must be a record, its id or a name (str), not {type(key).__name__}"
        )

    # -- relations ------------------------------------------------------------------------

    def predecessor(self, film: FilmKey) -> m.Film | None:
        """The film this one follows, or None."""
        return self.film(film).predecessor

    def sequel(self, film: FilmKey) -> m.Film | None:
        """The film that follows this one, or None."""
        sequels = self._indexes.referring["films"].get(self.film(film).id, ())  # by predecessor
        return sequels[0] if sequels else None

    def _of(self, table: str, film: FilmKey) -> tuple[Any, ...]:
        return self._indexes.referring[table].get(self.film(film).id, ())

    def cast(self, film: FilmKey) -> tuple[m.CastCredit, ...]:
        """The cast in billing order."""
        return self._of("cast", film)

    def crew(self, film: FilmKey, job: str | None = None) -> tuple[m.CrewCredit, ...]:
        """The crew; with ``job``, only credits whose job or department matches it (a
        ``job`` that is no department and no job of any credit is a ValueError)."""
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
        who = self.person(person).id
        referring = self._indexes.referring
        credits = (*referring["cast"].get(who, ()), *referring["crew"].get(who, ()))
        films = {c.film.id: c.film for c in credits}
        return tuple(sorted(films.values(), key=m.Film.chronology))

    def appearances(self, character: m.Character | str) -> tuple[m.Film, ...]:
        """The films a character appears in, oldest first."""
        return tuple(sorted(self.character(character).films, key=m.Film.chronology))

    def played_by(
        self, character: m.Character | str, film: FilmKey | None = None
    ) -> tuple[m.CastCredit, ...]:
        """The cast credits of the actors who played ``character``, oldest film first; with
        ``film``, in that film only."""
        wanted = self.character(character)
        films = self.appearances(wanted) if film is None else (self.film(film),)
        return tuple(c for f in films for c in self.cast(f) if c.character == wanted)

    def roles(self, person: PersonKey) -> tuple[tuple[m.Film, m.Character], ...]:
        """The (film, character) pairs a person played, oldest film first."""
        who = self.person(person)
        return tuple(
            (film, credit.character)
            for film in self.filmography(who)
            for credit in self.cast(film)
            if credit.person == who and credit.character is not None
        )

    def events_at(self, place: m.Location | str) -> tuple[m.PlotEvent, ...]:
        """The plot events at ``place`` or anywhere inside it, film by film in story order."""
        referring = self._indexes.referring
        places: set[str] = set()
        todo = [self.location(place)]
        while todo:  # the place, and the places referring to it as their parent, and so on
            here = todo.pop()
            if here.id not in places:
                places.add(here.id)
                todo += referring["locations"].get(here.id, ())
        events = {
            e.id: e
            for p in places
            for e in referring["plot"].get(p, ())
            if any(where.id == p for where in e.locations)  # not one that only mentions it
        }
        return tuple(sorted(events.values(), key=lambda e: (e.film.chronology(), e.order)))

    def characters_of(self, film: FilmKey) -> tuple[m.Character, ...]:
        """The characters who appear in a film."""
        return self._of("characters", film)

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

    def relations(
        self, record: m.Character | m.Organization | str, film: FilmKey | None = None
    ) -> tuple[m.Relationship, ...]:
        """The relationships of a character or an organisation, at either end; with
        ``film``, only those that hold in that film."""
        end: m.Character | m.Organization
        organizations = self._indexes.organizations
        if isinstance(record, m.Organization) or (
            isinstance(record, str) and organizations.find(record) is not None
        ):
            end = organizations.get(record)
        else:
            end = self.character(record)
        found: tuple[m.Relationship, ...] = self._indexes.referring["relationships"].get(end.id, ())
        if film is None:
            return found
        film_id = self.film(film).id
        return tuple(r for r in found if r.film.id == film_id)

    def relationships_of(self, film: FilmKey) -> tuple[m.Relationship, ...]:
        """The relationships that hold in ``film``, in file order."""
        return self._of("relationships", film)

    def organizations_of(self, film: FilmKey) -> tuple[m.Organization, ...]:
        """The organisations that appear in ``film``, in file order."""
        return self._of("organizations", film)

    def themes(self, film: FilmKey | None = None) -> tuple[m.Theme, ...]:
        """Every theme, or only the themes of ``film``."""
        return self.tables.themes if film is None else self._of("themes", film)

    def comparisons(self, film: FilmKey | None = None) -> tuple[m.Comparison, ...]:
        """What the sources compare ``film`` with; without ``film``, every comparison."""
        return self.tables.comparisons if film is None else self._of("comparisons", film)

    def works(self, person: PersonKey | None = None) -> tuple[m.Work, ...]:
        """The works other than the two films that the sources credit ``person`` with;
        without ``person``, every such work."""
        if person is None:
            return self.tables.works
        return self._indexes.referring["works"].get(self.person(person).id, ())

    def awards(self, person: PersonKey | None = None) -> tuple[m.Award, ...]:
        """The awards the sources say ``person`` won; without ``person``, every award."""
        if person is None:
            return self.tables.awards
        return self._indexes.referring["awards"].get(self.person(person).id, ())

    # -- provenance -----------------------------------------------------------------------

    # ``record`` below is a record of this dataset, its id or a name (of a film, person,
    # character, company, place, organisation or theme) that only one record answers to.

    def sources_for(
        self, record: Any, field: str | None = None, *, item: str | None = None
    ) -> tuple[m.Source, ...]:
        """The sources behind a record, most trusted first; with ``field``, exactly those that
        state that field (for ``aliases``, any alias; with ``item``, that alias alone).

        A field no source states (a name the project wrote, an unknown value) has none.  A
        ``field`` the record does not have is a ValueError listing those it has.
        """
        found = self._record(record)
        cited = found.sources
        if field is not None:
            if not isinstance(field, str):
                raise TypeError(f"field must be a str or None, not {type(field).__name__}")
            if field not in attrs.fields_dict(type(found)):
                names = ", ".join(f.name for f in attrs.fields(type(found)))
                raise ValueError(f"a {found.KIND} has no field {short(field)}; fields: {names}")
            if item is not None and not isinstance(item, str):
                raise TypeError(f"item must be a str or None, not {type(item).__name__}")
            if item is not None and item not in getattr(found, field):
                raise ValueError(f"{found.id}.{field} has no item {short(item)}")
            citations = getattr(found, "citations", None)
            if citations is not None:
                stating = [c for c in citations if c.field == field and item in (None, c.item)]
                cited = frozenset(s for c in stating for s in c.sources)
        elif item is not None:
            raise ValueError("item needs a field")
        by_id = self._indexes.by_id
        return tuple(sorted((by_id[s] for s in cited), key=lambda s: (s.trust, s.id)))

    def conflicts(self, record: Any = None) -> tuple[m.Conflict, ...]:
        """Every disagreement between sources, or only those about ``record``."""
        if record is None:
            return self.tables.conflicts
        return self._indexes.referring["conflicts"].get(self._record(record).id, ())

    def claims(self, record: Any, field: str) -> tuple[m.Claim, ...]:
        """What each source says about ``field`` of ``record`` (empty if they all agree); a
        ``field`` that the record does not have (and no conflict names) is a ValueError."""
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

        ``limit`` (an int of at least 1) caps the number of hits; a ``text`` longer than
        :data:`MAX_QUERY_CHARS` (1,000 characters) is a ValueError."""
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        if len(text) > MAX_QUERY_CHARS:
            raise ValueError(
                f"text is {len(text)} characters long; a search takes at most {MAX_QUERY_CHARS}"
            )
        if isinstance(limit, bool) or not isinstance(limit, int):
            raise TypeError(f"limit must be an int, not {type(limit).__name__}")
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        return self._indexes.search.search(text, limit)


def directors(ds: Dataset, film: m.Film) -> list[m.Person]:
    """The people credited as ``film``'s director, if any: a dataset may credit no one as
    director at all, where ``ds.crew(film, job="director")`` refuses the unknown job."""
    return [c.person for c in ds.crew(film) if fold(c.job) == "director"]


def _rating(r: m.Rating) -> str:
    return f"{r.aggregator or 'unnamed'} {r.audience.value} {r.metric} {r.value:g}"


def _relation(r: m.Relationship) -> str:
    title = f" ({r.title})" if r.title else ""
    return f"{r.character.name} {r.kind.value} {r.target.name}{title} ({r.film.year})"


def _work(w: m.Work) -> str:
    about = ", ".join(str(x) for x in (w.kind and w.kind.value, w.year, w.role) if x)
    return f"{w.title} ({about})" if about else w.title


def _award(a: m.Award) -> str:
    return f"{a.name} for {a.work}" if a.work else a.name


def expect_dataset(value: object, argument: str = "ds") -> Dataset:
    """``value`` if it is a :class:`Dataset`; a TypeError naming ``argument`` otherwise, so
    that a function given something else fails at once rather than deep inside."""
    if not isinstance(value, Dataset):
        raise TypeError(f"{argument} must be a takedown.Dataset, not {type(value).__name__}")
    return value


def _directory_problem(path: str) -> str | None:
    """Why there is no directory to load at ``path`` (``"does not exist"``), or None."""
    try:
        if stat.S_ISDIR(os.stat(path).st_mode):
            return None
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    return "is not a directory"
