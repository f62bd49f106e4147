"""The knowledge model on the packaged data: relationships, organisations, themes, works,
awards and comparisons hold together, and the queries answer what the sources say."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import takedown
from takedown import models as m
from takedown.enums import RelationshipKind

ds = takedown.load()
KNOWLEDGE: tuple[Any, ...] = (
    ds.tables.organizations
    + ds.tables.relationships
    + ds.tables.themes
    + ds.tables.works
    + ds.tables.awards
    + ds.tables.comparisons
)
MEMBERSHIP = {RelationshipKind.MEMBER_OF, RelationshipKind.LEADER_OF}


@given(st.sampled_from(ds.tables.relationships))
def test_both_ends_of_a_relationship_exist_and_appear_in_its_film(rel: m.Relationship) -> None:
    assert ds.get(rel.character.id) is rel.character
    assert ds.get(rel.target.id) is rel.target
    assert rel.film in rel.character.films
    assert rel.film in rel.target.films
    assert rel.character in ds.characters_of(rel.film)


@given(st.sampled_from([r for r in ds.tables.relationships if r.kind in MEMBERSHIP]))
def test_members_and_leaders_of_an_organisation_are_characters_of_its_film(
    rel: m.Relationship,
) -> None:
    assert isinstance(rel.target, m.Organization)
    assert rel.character in ds.characters_of(rel.film)
    assert rel in ds.relations(rel.target, film=rel.film)


@given(st.sampled_from(ds.tables.themes))
def test_every_theme_cites_a_source_and_belongs_to_a_film(theme: m.Theme) -> None:
    assert theme.sources
    assert ds.sources_for(theme, "name")
    for film in theme.films:
        assert theme in ds.themes(film)


@given(st.sampled_from(KNOWLEDGE))
def test_every_new_record_is_found_by_its_id(record: Any) -> None:
    assert ds.get(record.id) is record
    assert record.sources


@given(st.sampled_from(ds.tables.organizations))
def test_an_organisation_is_found_by_its_name_and_aliases(org: m.Organization) -> None:
    for name in (org.name, *org.aliases):
        assert ds.organization(name) is org


@given(st.sampled_from(ds.tables.themes))
def test_a_theme_is_found_by_its_name(theme: m.Theme) -> None:
    assert ds.theme(theme.name) is theme


def test_the_credited_companies_are_organisations_too_and_not_duplicated() -> None:
    assert ds.organization("Mandarin Films") is ds.company("Mandarin et Compagnie")
    names = {o.name for o in ds.organizations}
    assert not names & {c.name for c in ds.companies}


def _links(record: Any, film: Any = None) -> set[tuple[str, str]]:
    return {(r.kind.value, r.target.name) for r in ds.relations(record, film=film)}


def test_brunner_speaks_for_the_sons_of_clovis_but_no_source_makes_him_their_leader() -> None:
    links = _links("Brunner")
    assert ("associated-with", "The Sons of Clovis") in links
    assert ("leader-of", "The Sons of Clovis") not in links
    assert ("member-of", "Brunner's party") in links


def test_the_tattooed_men_bear_the_symbol_and_are_not_called_members() -> None:
    clovis = ds.organization("Sons of Clovis")
    kinds = {(r.character.id, r.kind) for r in ds.relations(clovis)}
    assert kinds == {
        ("character/strip-club-bouncer", RelationshipKind.BEARS_SYMBOL_OF),
        ("character/security-company-boss", RelationshipKind.BEARS_SYMBOL_OF),
        ("character/antoine-brunner", RelationshipKind.ASSOCIATED_WITH),
    }


def test_ousmane_and_francois_are_partners_in_both_films_and_estranged_at_first() -> None:
    for film in ds.films:
        assert ("partner-of", "François Monge") in _links("Ousmane", film)
    assert ("former-partner-of", "François Monge") in _links("Ousmane", "The Takedown")


def test_the_title_comes_from_the_recap_and_grokipedia_and_the_review_disagrees() -> None:
    chief = ds.get("relationship/ousmane-leads-criminal-division")
    assert chief.title == "Chief"
    cited = {s.id for s in ds.sources_for(chief, "title")}
    assert cited == {"source/plot-recap", "source/grokipedia"}  # "police chief"
    assert {c.value for c in ds.claims(chief, "title")} == {"Chief", "captain"}


def test_jessica_is_kevins_former_friend_and_the_falling_out_keeps_both_accounts() -> None:
    assert ("former-friend-of", "Kevin") in _links("Jessica")
    falling_out = ds.get("relationship/nadir-kevin-former-associates")
    claims = ds.claims(falling_out, "notes")
    assert len(claims) == 2
    assert next(c for c in claims if c.preferred).value == falling_out.notes


def test_themes_per_film_follow_the_sources() -> None:
    the_takedown = {t.name for t in ds.themes("The Takedown")}
    assert {"Far-right extremism", "Rural-urban divide", "Partnership"} <= the_takedown
    assert {t.name for t in ds.themes("On the Other Side of the Tracks")} == {
        "Class divisions",
        "Partnership",
    }


def test_works_and_awards_are_those_the_sources_name() -> None:
    assert {w.title for w in ds.works("Louis Leterrier")} == {
        "The Transporter",
        "Now You See Me",
        "Lupin",
    }
    modern_love = ds.works("Stéphane Kazandjian")[0]
    assert (modern_love.title, modern_love.kind, modern_love.role) == ("Modern Love", None, None)
    (emmy,) = ds.awards("Letterier")
    assert (emmy.name, emmy.year, emmy.work) == ("Primetime Emmy", None, None)
    assert ds.awards("Omar Sy") == ()


def test_comparisons_name_the_works_the_sources_compare_with() -> None:
    others = {c.other for c in ds.comparisons("The Takedown")}
    assert {"Extraction", "Lethal Weapon", "1980s American buddy cop movies"} <= others
    assert ds.comparisons("On the Other Side of the Tracks") == ()


@pytest.mark.parametrize(
    ("record_id", "field", "expected"),
    [
        ("film/the-takedown", "budget", ["source/grokipedia"]),
        ("film/the-takedown", "runtime_minutes", ["source/wikipedia", "source/grokipedia"]),
        ("viewership/the-takedown-netflix-first-28-days", "hours_viewed", None),
    ],
)
def test_sources_for_a_field_narrow_to_its_citation(
    record_id: str, field: str, expected: list[str] | None
) -> None:
    record = ds.get(record_id)
    found = [s.id for s in ds.sources_for(record, field)]
    assert found == (expected or [s.id for s in ds.sources_for(record)])


def test_the_chart_placings_keep_lost_countries_unknown() -> None:
    (views,) = ds.viewership("The Takedown")
    assert views.as_of is None
    assert all(peak.country is None for peak in views.peaks)
    top100 = next(p for p in views.peaks if p.within == 100)
    assert (top100.weeks, top100.weeks_is_minimum) == (2, True)
    assert views.top10_countries == 91


def _inside(place: Any, outer: Any) -> bool:
    while place is not None:
        if place.id == outer.id:
            return True
        place = place.parent
    return False


@given(st.sampled_from(ds.locations))
def test_events_at_a_place_are_those_at_it_or_anywhere_inside_it(place: Any) -> None:
    expected = [
        e
        for film in sorted(ds.films, key=lambda f: f.chronology())
        for e in ds.plot(film)
        if any(_inside(where, place) for where in e.locations)
    ]
    assert list(ds.events_at(place)) == expected


def test_an_event_that_only_mentions_a_place_is_not_at_it() -> None:
    centre = ds.location("location/immigrant-centre")
    mentioning = [e for e in ds.tables.plot if centre in e.mentioned_locations]
    assert mentioning  # the bomb plans found at Brunner's house, the drive towards the centre
    at = ds.events_at(centre)
    assert at
    assert not set(at) & set(mentioning)
    assert all(centre in e.locations for e in at)


def test_events_at_paris_include_those_at_places_inside_paris() -> None:
    paris = ds.location("Paris")
    inner = {place.id for place in ds.locations if place.parent == paris}
    found = ds.events_at(paris)
    assert any(any(p.id in inner for p in e.locations) for e in found)
    assert set(ds.events_at("France")) >= set(found)


@given(st.sampled_from(ds.characters))
def test_played_by_gives_the_cast_credits_of_a_character(character: Any) -> None:
    credits = ds.played_by(character)
    assert all(c.character == character for c in credits)
    assert {c.id for c in credits} == {c.id for c in ds.tables.cast if c.character == character}
    for film in character.films:
        assert ds.played_by(character, film) == tuple(c for c in credits if c.film == film)


@given(st.sampled_from(ds.people))
def test_roles_pair_each_film_with_the_character_played(person: Any) -> None:
    expected = {
        (c.film.id, c.character.id)
        for c in ds.tables.cast
        if c.person == person and c.character is not None
    }
    assert {(f.id, ch.id) for f, ch in ds.roles(person)} == expected


def test_omar_sy_played_ousmane_in_both_films() -> None:
    roles = [(film.year, character.name) for film, character in ds.roles("Omar Sy")]
    assert roles == [(2012, "Ousmane Diakité"), (2022, "Ousmane Diakité")]
