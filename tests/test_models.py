"""Property tests over generated records: round trips and rejected values."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import cattrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import takedown
from refs import cited, referenced
from takedown import models as m
from takedown._convert import converter, make_converter, resolving
from takedown.enums import Audience, DatePrecision, EventKind, ReleaseKind
from takedown.strategies import (
    STRATEGIES,
    characters,
    films,
    locations,
    partial_dates,
    people,
    plot_events,
    ratings,
    texts,
)


def _round_trip(record: Any, through_json: bool) -> Any:
    raw = converter.unstructure(record)
    if through_json:
        raw = json.loads(json.dumps(raw))
    with resolving(referenced(record)):
        return converter.structure(raw, type(record))


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
@given(data=st.data())
def test_unstructure_then_structure_is_identity(cls: type, data: st.DataObject) -> None:
    record = data.draw(STRATEGIES[cls])
    assert _round_trip(record, through_json=False) == record
    assert _round_trip(record, through_json=True) == record


@given(record=st.one_of(*STRATEGIES.values()))
def test_unstructured_json_is_reproducible(record: Any) -> None:
    first = json.dumps(converter.unstructure(record), sort_keys=True)
    again = json.dumps(
        converter.unstructure(_round_trip(record, through_json=True)), sort_keys=True
    )
    assert first == again


@given(record=st.one_of(*STRATEGIES.values()))
def test_records_are_frozen(record: Any) -> None:
    field = attrs.fields(type(record))[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(record, field.name, getattr(record, field.name))


@given(person=people(), blank=st.text(" \t\n", max_size=3))
def test_blank_names_are_rejected(person: m.Person, blank: str) -> None:
    with pytest.raises(ValueError, match="name"):
        attrs.evolve(person, name=blank)


@given(person=people(), bad=st.text(max_size=20).filter(lambda s: not s.startswith("person/")))
def test_ids_of_the_wrong_shape_are_rejected(person: m.Person, bad: str) -> None:
    with pytest.raises(ValueError, match="id"):
        attrs.evolve(person, id=bad)


@given(rating=ratings(), excess=st.floats(0.001, 1e6, allow_nan=False))
def test_ratings_outside_their_scale_are_rejected(rating: m.Rating, excess: float) -> None:
    with pytest.raises(ValueError, match="outside the scale"):
        attrs.evolve(rating, value=rating.scale_max + excess)
    with pytest.raises(ValueError, match="must be within"):
        attrs.evolve(rating, value=-excess)


@given(event=plot_events(), data=st.data())
def test_a_plot_event_cannot_both_have_and_mention_the_same_character_or_place(
    event: m.PlotEvent, data: st.DataObject
) -> None:
    who = data.draw(characters(event.film))
    where = data.draw(locations(0))
    with pytest.raises(ValueError, match=f"{who.id} cannot both take part and be only mentioned"):
        attrs.evolve(event, characters=(who,), mentioned_characters=(who,))
    with pytest.raises(ValueError, match=f"{where.id} cannot both be where it happens and"):
        attrs.evolve(event, locations=(where,), mentioned_locations=(where,))


@given(event=plot_events(), stranger=characters())
def test_a_plot_event_mentions_only_characters_of_its_film(
    event: m.PlotEvent, stranger: m.Character
) -> None:
    if event.film in stranger.films:
        assert attrs.evolve(event, mentioned_characters=(stranger,)).mentioned_characters
    else:
        with pytest.raises(ValueError, match=f"{stranger.id} does not appear in"):
            attrs.evolve(event, mentioned_characters=(stranger,))


@given(film=films(), runtime=st.integers(max_value=0))
def test_non_positive_counts_are_rejected(film: m.Film, runtime: int) -> None:
    with pytest.raises(ValueError, match="runtime_minutes"):
        attrs.evolve(film, runtime_minutes=runtime)


@given(
    film=films(),
    year=st.integers(1888, 2100),
    day=st.dates(dt.date(1888, 1, 1), dt.date(2100, 12, 31)),
)
def test_release_date_must_fall_in_the_film_year(film: m.Film, year: int, day: dt.date) -> None:
    if day.year == year:
        assert attrs.evolve(film, year=year, release_date=day).year == year
    else:
        with pytest.raises(ValueError, match="not in year"):
            attrs.evolve(film, year=year, release_date=day)


@given(
    film=films(),
    day=st.dates(max_value=dt.date(1887, 12, 31)) | st.dates(min_value=dt.date(2101, 1, 1)),
)
def test_implausible_dates_are_rejected(film: m.Film, day: dt.date) -> None:
    with pytest.raises(ValueError, match="outside"):
        m.Release(
            id="release/x",
            film=film,
            kind=ReleaseKind.THEATRICAL,
            date=day,
            sources={"source/a"},
        )
    with pytest.raises(ValueError, match="within"):
        m.PartialDate(year=day.year)


@given(partial_dates())
def test_a_partial_date_is_written_as_it_is_read_and_spans_its_precision(
    date: m.PartialDate,
) -> None:
    assert m.PartialDate.parse(str(date)) == date
    assert date.first_day <= date.last_day
    assert (date.first_day == date.last_day) is (date.precision is DatePrecision.DAY)
    assert date.first_day.year == date.last_day.year == date.year
    if date.precision is DatePrecision.MONTH:
        assert date.first_day.day == 1
        assert (date.last_day + dt.timedelta(days=1)).day == 1


@pytest.mark.parametrize(
    "text", ["2022-13", "2022-02-30", "20220506", "2022-W18-5", "2022-5", "22", "2022-05-06T00"]
)
def test_a_malformed_partial_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"2022|month|day|YYYY"):
        m.PartialDate.parse(text)


def test_a_production_event_takes_only_a_partial_date() -> None:
    film = takedown.load().films[0]
    with pytest.raises(TypeError, match="date"):
        m.ProductionEvent(
            id="event/x",
            film=film,
            kind=EventKind.RELEASE,
            date=dt.date(2022, 5, 6),  # type: ignore[arg-type]
            summary="s",
            sources={"source/a"},
        )


@given(film=films(), rating=ratings())
def test_a_required_date_or_number_is_never_none(film: m.Film, rating: m.Rating) -> None:
    # Only optional fields let None through; a required one names its field.
    with pytest.raises(TypeError, match=r"^date must be a date, got None$"):
        m.Release(
            id="release/x",
            film=film,
            kind=ReleaseKind.THEATRICAL,
            date=None,  # type: ignore[arg-type]
            sources={"source/a"},
        )
    with pytest.raises(TypeError, match=r"^scale_max must be a number, got None$"):
        attrs.evolve(rating, scale_max=None)


@given(person=people())
def test_records_must_cite_a_source(person: m.Person) -> None:
    with pytest.raises(ValueError, match="at least one source"):
        attrs.evolve(person, sources=frozenset())


@given(value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False)))
def test_structuring_refuses_values_of_the_wrong_json_type(value: object) -> None:
    raw = {"id": "person/x", "name": "X", "sources": ["source/a"], "aliases": [value]}
    with pytest.raises(TypeError, match="expected str"):
        converter.structure(raw, m.Person)
    # The detailed converter the loader explains failures with also says where.
    with pytest.raises(cattrs.ClassValidationError) as info:
        make_converter().structure(raw, m.Person)
    (message,) = cattrs.transform_error(info.value, format_exception=lambda e, _: str(e))
    assert message.startswith("expected str, got ")
    assert message.endswith(" @ $.aliases[0]")


@pytest.mark.parametrize("value", ["40", True, None])
def test_numbers_are_not_coerced(value: object) -> None:
    raw = {
        "id": "rating/x",
        "film": "film/a",
        "aggregator": "A",
        "audience": "critics",
        "metric": "approval",
        "value": value,
        "scale_min": 0,
        "scale_max": 100,
        "sources": ["source/a"],
    }
    film = m.Film(
        id="film/a",
        title="A",
        original_title="A",
        year=2000,
        sources={"source/a"},
        citations=cited({"source/a"}, "title"),
    )
    with resolving({"film": {"film/a": film}}), pytest.raises(TypeError, match="expected float"):
        converter.structure(raw, m.Rating)


@given(text=texts())
def test_a_conflict_needs_one_preferred_claim(text: str) -> None:
    claims = (
        m.Claim(value=text, sources={"source/a"}),
        m.Claim(value=text + "!", sources={"source/b"}),
    )
    with pytest.raises(ValueError, match="exactly one"):
        m.Conflict(id="conflict/x", subject="film/a", field="title", claims=claims, reason="r")


def test_audience_enum_round_trips_by_value() -> None:
    assert converter.unstructure(Audience.CRITICS) == "critics"
