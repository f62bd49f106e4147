"""schema.org JSON-LD: checked offline against the schema.org vocabulary, and against the data.

The vocabulary is ``tests/data/schemaorg-subset.json``: the part of the schema.org 30.0
release the export uses, derived by ``tools/vocabulary.py`` (run it again when the export
gains a type or property: the checks below name the one the subset lacks).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import takedown
from knowledge import knowledge_dataset
from scripts import script
from takedown.dataset import Dataset
from takedown.enums import Department
from takedown.export import CONTEXT, jsonld, jsonld_graph, jsonld_series, write_jsonld

vocabulary_tool = script("tools/vocabulary.py")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


class Vocabulary:
    """The classes, their superclasses and each property's domain, from the release file."""

    def __init__(self, graph: list[dict[str, Any]]) -> None:
        def ids(value: Any) -> list[str]:
            items = value if isinstance(value, list) else [value] if value else []
            return [i["@id"].removeprefix("schema:") for i in items]

        self.parents: dict[str, list[str]] = {}
        self.domains: dict[str, set[str]] = {}
        for node in graph:
            types = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
            name = node["@id"].removeprefix("schema:")
            if "rdfs:Class" in types:
                self.parents[name] = ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in types:
                self.domains[name] = set(ids(node.get("schema:domainIncludes")))

    def ancestry(self, cls: str) -> set[str]:
        seen, stack = set(), [cls]
        while stack:
            current = stack.pop()
            if current not in seen:
                seen.add(current)
                stack.extend(self.parents.get(current, []))
        return seen

    def admits(self, prop: str, cls: str) -> bool:
        return bool(self.domains.get(prop, set()) & self.ancestry(cls))


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(json.loads(vocabulary_tool.OUT.read_text(encoding="utf-8"))["@graph"])


def nodes(value: Any, via: tuple[str, str] | None = None) -> Iterator[tuple[dict[str, Any], Any]]:
    """Every typed node with how it was reached: (the holder's type, the property).

    A node under ``@reverse`` holds the property itself: it is reached with no ``via``.
    """
    if isinstance(value, list):
        for item in value:
            yield from nodes(item, via)
    elif isinstance(value, dict):
        yield value, via
        for key, inner in value.items():
            if not key.startswith("@"):
                yield from nodes(inner, (value["@type"], key))
        for inner in value.get("@reverse", {}).values():
            yield from nodes(inner)


@pytest.mark.parametrize("doc", vocabulary_tool.documents(), ids=lambda d: d.get("@id", "graph"))
def test_every_type_and_property_is_schema_org_and_fits_its_domain(doc: dict[str, Any]) -> None:
    vocab = vocabulary()
    assert doc["@context"] == CONTEXT  # inline: nothing to fetch
    body = doc.get("@graph", {k: v for k, v in doc.items() if k != "@context"})
    for node, via in nodes(body):
        assert "@type" in node, node
        cls = node["@type"]
        assert cls in vocab.parents, f"{cls} is not a schema.org class the subset holds"
        for prop in node:
            if prop.startswith("@"):
                continue
            assert prop in vocab.domains, f"{prop} is not a schema.org property the subset holds"
            # The Role pattern: a role node repeats the property of the node that holds it
            # (a Movie's `actor` is a PerformanceRole whose `actor` is the Person).
            repeated = via is not None and prop == via[1] and "Role" in vocab.ancestry(cls)
            holder = via[0] if repeated and via is not None else cls
            assert vocab.admits(prop, holder), f"{prop} is not allowed on {holder}"
        for prop, held in node.get("@reverse", {}).items():
            # "@reverse": {"actor": work} says the work has the node as its actor.
            for work in held if isinstance(held, list) else [held]:
                assert vocab.admits(prop, work["@type"]), f"{prop} is not allowed on {work}"


def test_the_check_would_catch_a_property_outside_its_domain() -> None:
    vocab = vocabulary()
    assert not vocab.admits("partOfSeries", "Movie")
    assert not vocab.admits("characterName", "Movie")
    assert vocab.admits("characterName", "PerformanceRole")
    assert vocab.admits("name", "Movie")  # through Thing


def test_the_subset_holds_what_the_export_uses_and_nothing_else() -> None:
    vocab = vocabulary()
    classes, properties = vocabulary_tool.names_used(vocabulary_tool.documents())
    stale = "tests/data/schemaorg-subset.json is stale: run `python tools/vocabulary.py RELEASE`"
    assert set(vocab.domains) == properties | vocabulary_tool.PROBES, stale
    assert set(vocab.parents) == set().union(*map(vocab.ancestry, classes)), stale


def test_the_subset_keeps_superclasses_and_domains_drops_prose_and_refuses_unknown_names() -> None:
    def node(name: str, kind: str, **more: Any) -> dict[str, Any]:
        return {"@id": f"schema:{name}", "@type": kind, "rdfs:comment": "Prose.", **more}

    release = {
        "@context": {"rdfs": "R", "rdf": "P", "schema": "S", "unused": "U"},
        "@graph": [
            node("Thing", "rdfs:Class"),
            node("CreativeWork", "rdfs:Class", **{"rdfs:subClassOf": {"@id": "schema:Thing"}}),
            node("Movie", "rdfs:Class", **{"rdfs:subClassOf": [{"@id": "schema:CreativeWork"}]}),
            node("Place", "rdfs:Class", **{"rdfs:subClassOf": {"@id": "schema:Thing"}}),
            node("name", "rdf:Property", **{"schema:domainIncludes": {"@id": "schema:Thing"}}),
            node("genre", "rdf:Property", **{"schema:rangeIncludes": {"@id": "schema:Text"}}),
        ],
    }
    found = vocabulary_tool.subset(release, {"Movie"}, {"name"})
    assert found["@context"] == {"rdfs": "R", "rdf": "P", "schema": "S"}
    assert found["@graph"] == [
        {
            "@id": "schema:CreativeWork",
            "@type": "rdfs:Class",
            "rdfs:subClassOf": {"@id": "schema:Thing"},
        },
        {
            "@id": "schema:Movie",
            "@type": "rdfs:Class",
            "rdfs:subClassOf": [{"@id": "schema:CreativeWork"}],
        },
        {"@id": "schema:Thing", "@type": "rdfs:Class"},
        {
            "@id": "schema:name",
            "@type": "rdf:Property",
            "schema:domainIncludes": {"@id": "schema:Thing"},
        },
    ]
    with pytest.raises(ValueError, match=r"release: schema:Film, schema:name, schema:sequel$"):
        vocabulary_tool.subset(release, {"Film", "name"}, {"sequel"})


def test_the_movie_carries_the_film(ds: Dataset) -> None:
    film = ds.film("The Takedown")
    doc = jsonld(ds, film)
    assert doc["@type"] == "Movie"
    assert doc["name"] == "The Takedown"
    assert film.original_title in doc["alternateName"]
    assert doc["datePublished"] == "2022-05-06"
    hours, minutes = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?", doc["duration"]).groups()  # type: ignore[union-attr]
    assert int(hours or 0) * 60 + int(minutes or 0) == film.runtime_minutes
    assert [(c["identifier"], c["name"]) for c in doc["countryOfOrigin"]] == [
        (c.code, c.name) for c in film.countries
    ]
    assert [(lang["alternateName"], lang["name"]) for lang in doc["inLanguage"]] == [
        (lang.code, lang.name) for lang in film.languages
    ]
    assert [s["@id"].removeprefix("urn:takedown:") for s in doc["citation"]] == sorted(film.sources)
    assert doc["genre"] == list(film.genres)
    directors = [c.person.name for c in ds.crew(film) if c.department is Department.DIRECTING]
    assert [p["name"] for p in doc["director"]] == directors
    assert all(p["@type"] == "Person" for p in doc["producer"] + doc["author"])
    companies = {o["name"] for o in doc["productionCompany"]}
    assert companies
    assert all(o["@type"] == "Organization" for o in doc["productionCompany"])
    assert companies <= {c.name for c in ds.companies}


def test_the_cast_are_performance_roles_in_billing_order(ds: Dataset) -> None:
    for film in ds.films:
        doc = jsonld(ds, film)
        got = [(r["actor"]["name"], r.get("characterName")) for r in doc.get("actor", [])]
        expected = [
            (c.person.name, c.character.name if c.character else None) for c in ds.cast(film)
        ]
        assert got == expected
        assert all(r["@type"] == "PerformanceRole" for r in doc.get("actor", []))


def test_ratings_and_reviews(ds: Dataset) -> None:
    film = ds.film("The Takedown")
    doc = jsonld(ds, film)
    ratings = {r["@id"].removeprefix("urn:takedown:"): r for r in doc["aggregateRating"]}
    for rating in ds.ratings(film):
        node = ratings[rating.id]
        assert (node["ratingValue"], node["bestRating"], node["worstRating"]) == (
            rating.value,
            rating.scale_max,
            rating.scale_min,
        )
        counts = [node.get("ratingCount"), node.get("reviewCount")]
        assert [c for c in counts if c is not None] == ([rating.count] if rating.count else [])
    reviews = doc["review"]
    assert [r["reviewBody"] for r in reviews] == [r.gist for r in ds.reviews(film)]
    scored = next(r for r in ds.reviews(film) if r.score is not None)
    node = next(n for n in reviews if n["reviewBody"] == scored.gist)
    assert scored.score is not None
    assert node["reviewRating"]["ratingValue"] == scored.score.value
    assert node["reviewRating"]["bestRating"] == scored.score.scale
    if scored.outlet is None:  # a critic's own review, under no outlet
        assert "publisher" not in node
    else:
        assert node["publisher"]["name"] == scored.outlet


def test_places_shot_in_and_places_of_the_story(ds: Dataset) -> None:
    film = ds.film("The Takedown")
    doc = jsonld(ds, film)
    shot = [p["name"] for p in doc["locationCreated"]]
    assert shot == list(dict.fromkeys(f.location.name for f in ds.filming_locations(film)))
    story = {p["name"] for p in doc["contentLocation"]}
    plot = ds.plot(film)
    at = {place.name for event in plot for place in event.locations}
    mentioned = {place.name for event in plot for place in event.mentioned_locations}
    # schema.org: the location "depicted or described", so a place only mentioned counts
    assert mentioned - at, "the story mentions places it never happens at"
    assert story == at | mentioned
    for place in doc["locationCreated"]:
        location = ds.location(place["@id"].removeprefix("urn:takedown:"))
        parent = place.get("containedInPlace")
        assert (parent["name"] if parent else None) == (
            location.parent.name if location.parent else None
        )


def test_the_films_are_linked_through_a_movie_series(ds: Dataset) -> None:
    (series,) = jsonld_series(ds)
    first = ds.film("On the Other Side of the Tracks")
    second = ds.sequel(first)
    assert second is not None
    parts = [part["@id"] for part in series["hasPart"]]
    assert parts == [jsonld(ds, first)["@id"], jsonld(ds, second)["@id"]]
    for position, film in enumerate((first, second), start=1):
        doc = jsonld(ds, film)
        assert doc["isPartOf"]["@id"] == series["@id"]
        assert doc["position"] == position


def test_the_graph_holds_every_film_the_series_and_each_field_s_own_sources(
    ds: Dataset,
) -> None:
    graph = jsonld_graph(ds)["@graph"]
    statements = [n for n in graph if n["@type"] == "Statement"]
    others = [n["@type"] for n in graph if n["@type"] != "Statement"]
    assert others == ["Movie"] * len(ds.films) + ["MovieSeries"]
    assert all("@context" not in n for n in graph)
    cited = {
        (r.id, c.field, frozenset(c.sources))
        for r in ds.tables.records()
        for c in getattr(r, "citations", ())
    }
    assert {
        (
            s["about"]["@id"].removeprefix("urn:takedown:"),
            s["name"],
            frozenset(c["@id"].removeprefix("urn:takedown:") for c in s["citation"]),
        )
        for s in statements
    } == cited
    assert cited  # the packaged data cites fields of their own


def test_each_movie_names_the_data_version(ds: Dataset) -> None:
    assert ds.version is not None
    for film in ds.films:
        (dataset,) = [n for n in jsonld(ds, film)["subjectOf"] if n["@type"] == "Dataset"]
        assert dataset["version"] == ds.version.data
        assert ds.version.released is not None
        assert dataset["dateModified"] == ds.version.released.isoformat()


def test_write_jsonld_writes_a_file_per_film_and_the_series(ds: Dataset, tmp_path: Path) -> None:
    written = write_jsonld(ds, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)
    by_name = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in written}
    for film in ds.films:
        assert by_name.pop(f"{film.id.removeprefix('film/')}.jsonld") == jsonld(ds, film)
    assert list(by_name.values()) == jsonld_series(ds)


def test_an_unknown_film_is_not_found(ds: Dataset) -> None:
    with pytest.raises(takedown.NotFoundError, match="Takedown"):
        jsonld(ds, "The Takedwn")


def test_the_knowledge_records_have_their_places() -> None:
    ds = knowledge_dataset()
    film = ds.film("The Takedown")
    doc = jsonld(ds, film)
    characters = {c["@id"].removeprefix("urn:takedown:"): c for c in doc["character"]}
    assert set(characters) == {c.id for c in ds.characters_of(film)}
    assert all(c["@type"] == "Person" for c in characters.values())
    ousmane = characters["character/ousmane-diakite"]
    francois = characters["character/francois-monge"]
    # Partners are colleagues both ways; enemies have no schema.org property and are left out.
    assert "François Monge" in [c["name"] for c in ousmane["colleague"]]
    assert "Ousmane Diakité" in [c["name"] for c in francois["colleague"]]
    for node in characters.values():  # each statement once
        for prop in ("colleague", "knows"):
            ids = [c["@id"] for c in node.get(prop, [])]
            assert len(ids) == len(set(ids))
    (membership,) = [
        m
        for m in ousmane["memberOf"]
        if m.get("memberOf", m)["@id"] == "urn:takedown:organization/test-police-unit"
    ]
    assert membership["@type"] == "OrganizationRole"
    assert membership["namedPosition"] == "inspector"
    in_film = [o.name for o in ds.organizations if film in o.films]
    assert [o["name"] for o in doc["mentions"]] == in_film
    assert [t["name"] for t in doc["about"]] == [t.name for t in ds.themes(film)]
    compared = [c for c in doc["subjectOf"] if c.get("mentions", {}).get("name") == "Lethal Weapon"]
    assert len(compared) == len([c for c in ds.comparisons(film) if c.other == "Lethal Weapon"])
    assert all(c["text"] for c in compared)
    omar = next(r["actor"] for r in doc["actor"] if r["actor"]["name"] == "Omar Sy")
    assert "César Award for Best Actor (The Intouchables, 2012)" in omar["award"]
    assert {
        "@type": "TVSeries",
        "@id": "urn:takedown:work/test-lupin",
        "name": "Lupin",
        "dateCreated": "2021",
    } in omar["@reverse"]["actor"]
    # The earlier film has its own relationships only: none of the test's 2022 ones.
    earlier = jsonld(ds, "On the Other Side of the Tracks")
    for node in earlier["character"]:
        member_of = [m.get("memberOf", m)["@id"] for m in node.get("memberOf", [])]
        assert "urn:takedown:organization/test-police-unit" not in member_of
