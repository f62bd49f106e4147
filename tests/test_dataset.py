"""Invariants of the packaged dataset, drawn record by record with hypothesis."""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import takedown
from takedown import models as m
from takedown._fields import REF_KIND
from takedown._fields import references as walk
from takedown._text import fold
from takedown.enums import EventKind

ds = takedown.load()
EVERY_RECORD: tuple[Any, ...] = ds.tables.records()
NAMED = [r for r in EVERY_RECORD if hasattr(r, "name") or hasattr(r, "title")]


def references(record: Any) -> list[tuple[str, str, Any]]:
    """(field, kind, target) for every reference a record holds."""
    fields = attrs.fields_dict(type(record))
    return [(name, fields[name].metadata[REF_KIND], t) for name, t in walk(record)]


def test_both_films_are_there_with_their_original_titles() -> None:
    titles = {(f.title, f.original_title, f.year) for f in ds.films}
    assert titles == {
        ("The Takedown", "Loin du périph", 2022),
        ("On the Other Side of the Tracks", "De l'autre côté du périph", 2012),
    }


def test_ids_are_unique_across_the_dataset() -> None:
    counts = Counter(r.id for r in EVERY_RECORD)
    assert [i for i, n in counts.items() if n > 1] == []


@given(st.sampled_from(EVERY_RECORD))
def test_every_reference_resolves_to_the_loaded_record(record: Any) -> None:
    for _, kind, target in references(record):
        assert kind == target.KIND
        assert ds.get(target.id) is target


@given(st.sampled_from(EVERY_RECORD))
def test_every_record_cites_a_known_source(record: Any) -> None:
    cited = ds.sources_for(record)
    assert cited
    assert all(source in ds.sources for source in cited)


def test_every_source_is_cited_by_some_record() -> None:
    cited = set().union(*(r.sources for r in EVERY_RECORD if not isinstance(r, m.Source)))
    assert {s.id for s in ds.sources} <= cited


@pytest.mark.parametrize("film", ds.films, ids=lambda f: f.id)
def test_plot_events_are_numbered_one_to_n(film: m.Film) -> None:
    orders = [e.order for e in ds.plot(film)]
    assert orders == list(range(1, len(orders) + 1))
    assert orders, "every film has at least its premise"


def test_the_2022_plot_runs_from_the_opening_to_the_last_scene() -> None:
    story = ds.plot("The Takedown")
    assert len(story) >= 25
    assert ds.character("Jordan Diaz") in story[0].characters
    assert ds.location("Eiffel Tower") in story[-1].locations


@given(st.sampled_from(ds.tables.plot))
def test_plot_characters_are_reachable_from_the_film(event: m.PlotEvent) -> None:
    in_film = ds.characters_of(event.film)
    for character in event.characters:
        assert character in in_film
        assert event.film in ds.appearances(character)
    for place in event.locations:
        assert ds.location(place.id) is place


@given(st.sampled_from(ds.tables.cast))
def test_cast_characters_belong_to_the_credit_film(credit: m.CastCredit) -> None:
    if credit.character is not None:
        assert credit.film in credit.character.films
    assert credit.film in ds.filmography(credit.person)


@pytest.mark.parametrize("film", ds.films, ids=lambda f: f.id)
def test_billing_orders_are_distinct_and_unbilled_actors_come_last(film: m.Film) -> None:
    orders = [c.order for c in ds.cast(film)]
    billed = [order for order in orders if order is not None]
    assert billed == sorted(set(billed))
    assert orders == billed + [None] * (len(orders) - len(billed))


def _release_of(film: m.Film) -> Any:
    assert film.release_date is not None
    return film.release_date


@given(st.sampled_from(ds.tables.events))
def test_production_events_happen_in_a_possible_order(event: m.ProductionEvent) -> None:
    release = _release_of(event.film)
    if event.kind in (
        EventKind.ANNOUNCEMENT,
        EventKind.PRINCIPAL_PHOTOGRAPHY_START,
        EventKind.PRINCIPAL_PHOTOGRAPHY_END,
        EventKind.TEASER,
        EventKind.TRAILER,
    ):
        assert event.date.first_day < release
    if event.kind is EventKind.RELEASE:
        assert event.date.first_day <= release <= event.date.last_day
    starts = [e for e in ds.events(event.film) if e.kind is EventKind.PRINCIPAL_PHOTOGRAPHY_START]
    if event.kind is EventKind.PRINCIPAL_PHOTOGRAPHY_END:
        assert all(s.date.first_day <= event.date.last_day for s in starts)


def test_teasers_come_before_trailers_and_trailers_before_release() -> None:
    for film in ds.films:
        events = ds.events(film)
        kinds = [e.kind for e in events]
        if EventKind.TEASER in kinds and EventKind.TRAILER in kinds:
            assert kinds.index(EventKind.TEASER) < kinds.index(EventKind.TRAILER)


@pytest.mark.parametrize("film", ds.films, ids=lambda f: f.id)
def test_a_predecessor_comes_out_before_its_sequel(film: m.Film) -> None:
    sequel = ds.sequel(film)
    if sequel is not None:
        assert ds.predecessor(sequel) is film
        assert _release_of(film) < _release_of(sequel)


@given(st.sampled_from(ds.tables.releases))
def test_releases_match_the_film_release_date(release: m.Release) -> None:
    assert release.date >= _release_of(release.film)
    first = min(r.date for r in ds.releases(release.film))
    assert first == release.film.release_date


@given(st.sampled_from(ds.tables.ratings))
def test_ratings_lie_inside_their_scale(rating: m.Rating) -> None:
    assert rating.scale_min <= rating.value <= rating.scale_max
    if rating.scale_max == 100:
        assert 0 <= rating.value <= 100
    assert rating.count is None or rating.count > 0


@given(st.sampled_from(ds.tables.reviews))
def test_review_scores_lie_inside_their_scale(review: m.Review) -> None:
    if review.score is not None:
        assert 0 <= review.score.value <= review.score.scale


@given(st.sampled_from(ds.tables.viewership + ds.tables.admissions))
def test_audience_counts_are_positive(record: Any) -> None:
    for name in ("hours_viewed", "window_days", "count", "top10_countries", "rank"):
        value = getattr(record, name, None)
        assert value is None or value > 0


def test_no_two_records_of_a_kind_share_a_name_or_alias() -> None:
    owners: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for record in NAMED:
        # A work or an award belongs to its person: two people may share a title (Lupin).
        person = getattr(record, "person", None)
        scope = person.id if person is not None else ""
        names = [getattr(record, "name", None), getattr(record, "original_title", None)]
        for name in itertools.chain(names, getattr(record, "aliases", ())):
            if name:
                owners[(record.KIND, scope, fold(name))].add(record.id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@given(st.sampled_from(ds.tables.conflicts))
def test_conflicts_are_about_real_records_and_prefer_one_claim(conflict: m.Conflict) -> None:
    subject = ds.get(conflict.subject)
    assert conflict in ds.conflicts(subject)
    claims = ds.claims(subject, conflict.field)
    assert all(claim in claims for claim in conflict.claims)
    assert sum(c.preferred for c in conflict.claims) == 1
    assert conflict.reason.strip()


def test_the_leads_director_and_runtimes_are_known() -> None:
    takedown_2022 = ds.film("The Takedown")
    tracks_2012 = ds.film("On the Other Side of the Tracks")
    assert [c.person.name for c in ds.crew(takedown_2022, job="director")] == ["Louis Leterrier"]
    assert [c.person.name for c in ds.crew(tracks_2012, job="director")] == ["David Charhon"]
    assert (takedown_2022.runtime_minutes, tracks_2012.runtime_minutes) == (119, 96)
    leads = [(c.person.name, c.character and c.character.name) for c in ds.cast(takedown_2022)[:2]]
    assert leads == [("Omar Sy", "Ousmane Diakité"), ("Laurent Lafitte", "François Monge")]


@given(st.sampled_from([c for c in ds.tables.conflicts if c.field == "name"]))
def test_a_disputed_name_keeps_the_preferred_spelling_and_the_others_as_aliases(
    conflict: m.Conflict,
) -> None:
    subject = ds.get(conflict.subject)
    assert subject.name == conflict.preferred.value
    for claim in conflict.claims:
        assert LOOKUP_BY_KIND[subject.KIND](claim.value) is subject


LOOKUP_BY_KIND = {
    "film": ds.film,
    "person": ds.person,
    "character": ds.character,
    "company": ds.company,
    "location": ds.location,
}


def test_claims_expose_every_side_of_a_disagreement() -> None:
    lead = ds.character("Ousmane Diakité")
    spellings = {c.value: c.preferred for c in ds.claims(lead, "name")}
    assert spellings["Ousmane Diakité"] is True
    assert spellings["Ousmane Diakhité"] is False
    assert ds.claims(lead, "aliases") == ()  # a field no source disputes
    with pytest.raises(ValueError, match="no field 'no-such-field'; fields: aliases"):
        ds.claims(lead, "no-such-field")
    sources_of_claims = {s for c in ds.claims(lead, "name") for s in c.sources}
    assert "source/plot-recap" in sources_of_claims


@given(st.sampled_from(ds.tables.filming_locations))
def test_filming_locations_are_real_and_stand_in_for_story_places(
    filming: m.FilmingLocation,
) -> None:
    assert not filming.location.fictional
    if filming.stands_in_for is not None:
        story_places = {p for e in ds.plot(filming.film) for p in e.locations}
        assert filming.stands_in_for in story_places
