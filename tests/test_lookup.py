"""Lookup and search properties over the packaged records."""

from __future__ import annotations

import copy
import pickle
import unicodedata
from typing import Any

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import takedown
from takedown._text import fold, words

ds = takedown.load()
LOOKUPS = {
    "film": (ds.films, ds.film),
    "person": (ds.people, ds.person),
    "character": (ds.characters, ds.character),
    "company": (ds.companies, ds.company),
    "location": (ds.locations, ds.location),
}
KEYED = [(kind, r) for kind, (records, _) in LOOKUPS.items() for r in records]


def keys_of(record: Any) -> list[str]:
    keys = [record.id, getattr(record, "name", None), getattr(record, "original_title", None)]
    return [k for k in (*keys, *getattr(record, "aliases", ())) if k]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


@given(st.sampled_from(KEYED), st.data())
def test_every_record_is_found_by_each_of_its_keys(
    pair: tuple[str, Any], data: st.DataObject
) -> None:
    kind, record = pair
    key = data.draw(st.sampled_from(keys_of(record)))
    lookup = LOOKUPS[kind][1]
    assert lookup(key) is record
    assert lookup(key.upper()) is record
    assert lookup(strip_accents(key)) is record
    assert lookup(f"  {key.lower()} ") is record


def test_the_shortcuts_use_the_packaged_dataset() -> None:
    assert takedown.load() is ds
    assert takedown.film("LOIN DU PERIPH") is ds.film("film/the-takedown")
    assert takedown.person("izia higelin").name == "Izïa Higelin"
    assert takedown.character("Ousmane Diakhité") is takedown.character("ousmane diakite")
    assert takedown.search("Omar Sy")[0].record is ds.person("Omar Sy")


def test_a_record_can_be_looked_up_by_itself() -> None:
    film = ds.films[0]
    assert ds.film(film) is film


@pytest.mark.parametrize("lookup", [ds.film, ds.person, ds.character])
def test_unknown_keys_raise_a_lookup_error(lookup: Any) -> None:
    with pytest.raises(LookupError):
        lookup("no such thing anywhere")


def test_not_found_suggests_the_closest_names() -> None:
    with pytest.raises(takedown.NotFoundError) as info:
        ds.person("Omar Sai")
    assert "Omar Sy" in info.value.suggestions
    assert "Omar Sy" in str(info.value)
    with pytest.raises(takedown.NotFoundError) as info:
        ds.film("The Takedwn")
    assert info.value.suggestions[0] == "The Takedown"


def one_typo(name: str, data: st.DataObject) -> str:
    """``name`` with one letter replaced, dropped or doubled."""
    letters = [i for i, ch in enumerate(name) if ch.isalpha()]
    assume(len(letters) >= 4)
    i = data.draw(st.sampled_from(letters))
    edit = data.draw(st.sampled_from(["replace", "drop", "double"]))
    if edit == "replace":
        new = "x" if fold(name[i]) != "x" else "z"
        return name[:i] + new + name[i + 1 :]
    if edit == "drop":
        return name[:i] + name[i + 1 :]
    return name[:i] + name[i] + name[i:]


SEARCHABLE = [r for r in ds.tables.records() if isinstance(getattr(r, "name", None), str)]


@given(st.sampled_from(SEARCHABLE))
def test_search_of_a_name_ranks_its_record_first(record: Any) -> None:
    hits = ds.search(record.name, limit=len(ds.tables.records()))
    # Two works may share a title (two people's Lupin): the record is among the best.
    assert record in [h.record for h in hits if h.score == hits[0].score]


@given(st.sampled_from([r for r in SEARCHABLE if len(r.name) >= 6]), st.data())
@example(ds.person("Omar Sy"), None).via("a short name: one typo changes a third of it")
def test_search_finds_a_record_from_its_name_with_one_typo(record: Any, data: Any) -> None:
    typo = "Omar Si" if data is None else one_typo(record.name, data)
    hits = [h.record for h in ds.search(typo, limit=10)]
    assert record in hits


def test_search_tolerates_accents_and_case() -> None:
    assert ds.search("IZIA HIGELIN")[0].record is ds.person("Izïa Higelin")
    assert ds.search("loin du periph")[0].record is ds.film("The Takedown")


def test_search_reaches_prose_below_names() -> None:
    hits = ds.search("methamphetamine")
    assert hits
    assert any(h.kind == "plot" for h in hits)
    assert all(h.score < 1 for h in hits)


@pytest.mark.parametrize(
    "query", ["Diakhite", "Diakité", unicodedata.normalize("NFD", "Diakité"), "DIAKITE"]
)
def test_a_part_of_a_name_ranks_above_the_prose_that_mentions_it(query: str) -> None:
    hits = ds.search(query, limit=50)
    assert hits[0].record is ds.character("Ousmane Diakité")
    named = [h for h in hits if h.field in ("name", "title", "original_title", "aliases")]
    prose = [h for h in hits if h not in named]
    assert prose  # the sources and the synopsis mention him
    assert min(h.score for h in named) > max(h.score for h in prose)


def test_search_of_nothing_finds_nothing() -> None:
    assert ds.search("   ") == ()
    assert ds.search("zzzzqqqq") == ()


@pytest.mark.parametrize(
    "clone",
    [
        lambda ds: pickle.loads(pickle.dumps(ds)),
        copy.copy,
        copy.deepcopy,
    ],
    ids=["pickle", "copy", "deepcopy"],
)
def test_a_dataset_survives_pickling_and_copying(clone: Any) -> None:
    ds = takedown.load()
    ds.search("omar")  # build an index (and its lock) first: neither may travel
    again = clone(ds)
    assert again == ds
    film = again.film("The Takedown")
    assert film == ds.film("The Takedown")
    assert [c.person.name for c in again.cast(film)] == [c.person.name for c in ds.cast(film)]
    assert [h.record.id for h in again.search("omar sy")] == [
        h.record.id for h in ds.search("omar sy")
    ]


# -- partial names, consistent search, hit labels ------------------------------------------------


@pytest.mark.parametrize(
    ("lookup", "key", "expected"),
    [
        ("person", "laurent", "Laurent Lafitte"),  # a whole word of one name
        ("person", "omar", "Omar Sy"),  # a prefix of one name
        ("film", "takedown", "The Takedown"),
        ("film", "2012", "On the Other Side of the Tracks"),  # the one film of that year
        ("character", "brunner", "Antoine Brunner"),
    ],
)
def test_a_part_of_one_name_finds_its_record(lookup: str, key: str, expected: str) -> None:
    assert getattr(ds, lookup)(key).name == expected


def test_a_part_of_several_names_is_refused_with_every_candidate() -> None:
    with pytest.raises(takedown.NotFoundError) as info:
        ds.person("altmayer")
    assert info.value.ambiguous
    assert set(info.value.suggestions) == {"Eric Altmayer", "Nicolas Altmayer"}
    assert "give more of the name" in str(info.value)


MULTI_WORD_NAMES = sorted({n for r in SEARCHABLE for n in [r.name] if len(words(n)) >= 2})


@given(st.sampled_from(MULTI_WORD_NAMES), st.data())
def test_fewer_words_never_lose_a_record_that_more_words_found(name: str, data: Any) -> None:
    query_words = words(name)
    kept = data.draw(st.lists(st.sampled_from(query_words), min_size=1, unique=True))
    fewer = " ".join(w for w in query_words if w in kept)
    everything = len(ds.tables.records())
    found_by_more = {h.record.id for h in ds.search(name, limit=everything)}
    found_by_fewer = {h.record.id for h in ds.search(fewer, limit=everything)}
    assert found_by_more <= found_by_fewer


def test_search_omar_keeps_what_omar_sy_finds() -> None:
    everything = len(ds.tables.records())
    assert {h.record.id for h in ds.search("omar sy", limit=everything)} <= {
        h.record.id for h in ds.search("omar", limit=everything)
    }


def test_a_hit_is_labelled_with_its_own_name_and_says_where_it_matched() -> None:
    (leterrier,) = [h for h in ds.search("leterier") if h.kind == "person"]
    assert leterrier.label == "Louis Leterrier (person), also written 'Letterier'"
    assert leterrier.field == "aliases"
    monge = next(h for h in ds.search("paris", limit=50) if h.record.name == "François Monge")
    assert monge.label == "François Monge (character), in its description"
    assert all("(paris)" not in h.label for h in ds.search("paris", limit=50))
    assert ds.search("Omar Sy")[0].label == "Omar Sy (person)"
