"""A dependent's code, type-checked with ``mypy --strict`` by tests/test_typing.py.

It uses the public API the way another project would, and pins the types a checker must
infer with ``assert_type``: a name that silently became ``Any`` would pass a plain
annotation, but fails here.  The functions also run, so the script cannot drift from what
the library does at run time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import given
from hypothesis import strategies as st

import takedown
from takedown import (
    CastCredit,
    Character,
    DataError,
    Dataset,
    Film,
    NotFoundError,
    Person,
    PlotEvent,
    SearchHit,
    Source,
    TakedownError,
)
from takedown import strategies as td_st
from takedown.enums import Department

if TYPE_CHECKING:
    from typing_extensions import assert_type
else:

    def assert_type(value, _type):
        return value


def explore() -> list[str]:
    """Walk the packaged dataset through the documented entry points."""
    ds = assert_type(takedown.load(), Dataset)
    film = assert_type(ds.film("loin du periph"), Film)
    lines = [film.title, film.original_title, str(film.year)]

    runtime = assert_type(film.runtime_minutes, int | None)
    if runtime is not None:
        lines.append(f"{runtime} min")
    released = assert_type(film.release_date, dt.date | None)
    if released is not None:
        lines.append(released.isoformat())

    before = assert_type(ds.predecessor(film), Film | None)
    if before is not None:
        assert_type(ds.sequel(before), Film | None)

    for credit in assert_type(ds.cast(film), tuple[CastCredit, ...]):
        person = assert_type(credit.person, Person)
        role = assert_type(credit.character, Character | None)
        lines.append(f"{credit.order}. {person.name} as {role.name if role else '?'}")

    directors = ds.crew(film, job="director")
    lines += [c.person.name for c in directors if c.department is Department.DIRECTING]
    assert_type(ds.filmography(directors[0].person), tuple[Film, ...])

    event = assert_type(ds.plot(film)[0], PlotEvent)
    lines.append(event.summary)
    lines += [c.name for c in event.characters] + [p.name for p in event.locations]

    sources = assert_type(ds.sources_for(film), tuple[Source, ...])
    lines += [s.title for s in sources]
    lines += [f"{r.aggregator}: {r.value}/{r.scale_max}" for r in ds.ratings(film)]
    lines += [f"{v.hours_viewed} h" for v in ds.viewership(film)]
    lines += [c.preferred.text for c in ds.conflicts()]
    return lines


def shortcuts() -> tuple[Film, Person, Character, tuple[SearchHit, ...]]:
    """The module-level shortcuts return the same types as the Dataset methods."""
    hits = assert_type(takedown.search("omar si", limit=3), tuple[SearchHit, ...])
    score = assert_type(hits[0].score, float)
    assert 0 < score <= 1
    return (
        assert_type(takedown.film("the takedown"), Film),
        assert_type(takedown.person("omar sy"), Person),
        assert_type(takedown.character("ousmane"), Character),
        hits,
    )


def suggestions(name: str) -> tuple[str, ...]:
    """What a dependent shows a user who mistyped a name."""
    try:
        takedown.person(name)
    except NotFoundError as error:
        return assert_type(error.suggestions, tuple[str, ...])
    return ()


def is_ours(error: Exception) -> bool:
    """Every error the library raises on purpose shares one base class."""
    return isinstance(error, TakedownError)


def load_copy(directory: str) -> Dataset | str:
    """Load a corrected copy of the data, reporting a broken one instead of crashing."""
    try:
        return Dataset.from_path(directory)
    except DataError as error:
        where = assert_type(error.file, str | None)
        return f"{where}{error.location}: {error.problem}"


@given(td_st.films(), st.integers(1, 3))
def check_generated_films(film: Film, limit: int) -> None:
    """A dependent's property test built on the shipped strategies."""
    assert_type(film.predecessor, Film | None)
    assert film.title.strip()
    assert limit >= 1
