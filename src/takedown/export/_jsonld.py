"""schema.org JSON-LD: a ``Movie`` per film and a ``MovieSeries`` linking them.

Only types and properties that schema.org (release 30.0) allows where they are used: the
tests check every one against the vocabulary.  Records become nodes with an ``@id`` of
``urn:takedown:<record id>``, so documents merged into one graph share their people and places.
Things schema.org has no property for on a Movie (budget, viewing hours, the languages of a
release's subtitles) are left out.

Where each kind of record goes:

* countries are ``Country`` nodes with the ISO 3166 code as ``identifier``; languages are
  ``Language`` nodes with the ISO 639 code as ``alternateName`` (as schema.org's own
  examples write it);
* the film's sources are its ``citation``s (``CreativeWork``);
* the dataset itself is a ``Dataset`` node with the data ``version`` and ``dateModified``
  (the data version's release), which each Movie is ``subjectOf``;
* a field with sources of its own becomes, in the whole-dataset graph
  (:func:`jsonld_graph`), a ``Statement`` node (schema.org's statement about something,
  a ``CreativeWork``): ``about`` the record's node, ``name`` the field, ``text`` the value
  as the JSON export writes it, and a ``citation`` of each of its sources.  So each
  statement's sources travel with it in plain schema.org, and the Turtle export, which is
  this graph, carries them too;
* characters are the Movie's ``character`` (``Person`` nodes, as schema.org models
  fictional people), carrying the relationships that hold in that film, as
  ``_CHARACTER_PROPERTY`` and ``_ORGANIZATION_PROPERTY`` below map them (an
  ``OrganizationRole`` names a post or a role); kinds with no fitting property are left
  out, and a kind that reads both ways is written on both characters;
* organisations of the story or the world that appear in a film are what the Movie
  ``mentions`` (``Organization``);
* themes are what the Movie is ``about`` (``Thing`` nodes);
* comparisons are ``CreativeWork`` nodes the Movie is ``subjectOf``, whose ``text`` is the
  comparison and which ``mentions`` the work compared with;
* a person's awards are their ``award`` (text); their other works are nodes under
  ``@reverse`` (schema.org has no property from a person to their works), the property
  named by the role (``_WORK_PROPERTY``), else ``contributor``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._cite import NAME
from .._text import unnamed_note
from ..enums import (
    Audience,
    CompanyRole,
    Department,
    LocationKind,
    RelationshipKind,
    WorkKind,
)
from ._io import SUMMARY, dumps, prepare, write_text

if TYPE_CHECKING:
    from ..dataset import Dataset, FilmKey
    from ..models import (
        Country,
        Film,
        Language,
        Location,
        Person,
        Relationship,
    )

__all__ = ["CONTEXT", "jsonld", "jsonld_graph", "jsonld_series", "write_jsonld"]

#: Inline context: plain names are schema.org terms, so no network is needed to read it.
CONTEXT: dict[str, Any] = {"@vocab": "https://schema.org/"}

_ID_PREFIX = "urn:takedown:"

#: Crew departments with a Movie property of their own; others are ``contributor`` roles.
_CREW_PROPERTY = {
    Department.DIRECTING: "director",
    Department.WRITING: "author",
    Department.PRODUCTION: "producer",
    Department.MUSIC: "musicBy",
}

#: The most specific schema.org Place subtype that surely fits; the rest are plain Places.
_PLACE_TYPE = {
    LocationKind.COUNTRY: "Country",
    LocationKind.REGION: "AdministrativeArea",
    LocationKind.DEPARTMENT: "AdministrativeArea",
    LocationKind.CITY: "City",
    LocationKind.TOWN: "City",
    LocationKind.RIVER: "RiverBodyOfWater",
    LocationKind.LAKE: "LakeBodyOfWater",
    LocationKind.MOUNTAINS: "Mountain",
    LocationKind.LANDMARK: "LandmarksOrHistoricalBuildings",
}


_R = RelationshipKind

#: Between characters: the property on the character, and the one written on the other
#: (the same for a kind that reads both ways, ``parent`` for a parent, else none).
_CHARACTER_PROPERTY: dict[RelationshipKind, tuple[str, str | None]] = {
    _R.PARTNER_OF: ("colleague", "colleague"),
    _R.FORMER_PARTNER_OF: ("colleague", "colleague"),
    _R.SUPERIOR_OF: ("colleague", None),
    _R.FRIEND_OF: ("knows", "knows"),
    _R.FORMER_FRIEND_OF: ("knows", "knows"),
    _R.FORMER_ROMANTIC_PARTNER_OF: ("knows", "knows"),
    _R.FORMER_ASSOCIATE_OF: ("knows", "knows"),
    _R.ASSOCIATED_WITH: ("knows", "knows"),
    _R.ALLY_OF: ("knows", "knows"),
    _R.PATIENT_OF: ("knows", None),
    _R.SOUGHT_HELP_FROM: ("knows", None),
    _R.SPOUSE_OF: ("spouse", "spouse"),
    _R.PARENT_OF: ("children", "parent"),
}

#: Towards an organisation: the property, and the role named in an OrganizationRole.
_ORGANIZATION_PROPERTY: dict[RelationshipKind, tuple[str, str | None]] = {
    _R.MEMBER_OF: ("memberOf", None),
    _R.LEADER_OF: ("memberOf", "leader"),
    _R.MAYOR_OF: ("memberOf", "mayor"),
    _R.EMPLOYEE_OF: ("worksFor", None),
    _R.OWNER_OF: ("owns", None),
}

_WORK_TYPE = {
    WorkKind.FILM: "Movie",
    WorkKind.FILM_SERIES: "MovieSeries",
    WorkKind.SERIES: "TVSeries",
}

#: The property of a work that a role names, by a word of the role ("lead actor").
_WORK_PROPERTY = (
    ("direct", "director"),
    ("actor", "actor"),
    ("actress", "actor"),
    ("star", "actor"),
    ("writ", "author"),
    ("produc", "producer"),
    ("creat", "creator"),
)


def _node_id(record_id: str) -> str:
    return _ID_PREFIX + record_id


def _node(type_: str, record: Any) -> dict[str, Any]:
    """A node named as the record is, saying so where the name is the project's description."""
    node: dict[str, Any] = {"@type": type_, "@id": _node_id(record.id), "name": record.name}
    note = unnamed_note(record)
    if note:
        node["disambiguatingDescription"] = note
    return node


def _person(ds: Dataset, person: Person) -> dict[str, Any]:
    node = _node("Person", person)
    awards = [_award_text(a.name, a.work, a.year) for a in ds.awards(person)]
    if awards:
        node["award"] = awards
    works: dict[str, list[dict[str, Any]]] = {}
    for work in ds.works(person):
        role = (work.role or "").casefold()  # unknown: a contributor, no more is said
        prop = next((p for word, p in _WORK_PROPERTY if word in role), "contributor")
        done: dict[str, Any] = {
            "@type": _WORK_TYPE[work.kind] if work.kind else "CreativeWork",
            "@id": _node_id(work.id),
            "name": work.title,
        }
        if work.year is not None:
            done["dateCreated"] = str(work.year)
        works.setdefault(prop, []).append(done)
    if works:
        # The work is the subject: "Lupin has actor Omar Sy".
        node["@reverse"] = works
    return node


def _award_text(name: str, work: str | None, year: int | None) -> str:
    detail = ", ".join(part for part in (work, str(year) if year else None) if part)
    return f"{name} ({detail})" if detail else name


def _described(node: dict[str, Any], record: Any) -> dict[str, Any]:
    """``node`` with the record's aliases and description, where it has them."""
    if record.aliases:
        node["alternateName"] = list(record.aliases)
    if record.description is not None:
        node["description"] = record.description
    return node


def _characters(ds: Dataset, film: Film) -> list[dict[str, Any]]:
    """The film's characters, each with the relationships that hold in the film."""
    characters = ds.characters_of(film)
    nodes = {c.id: _described(_node("Person", c), c) for c in characters}
    for character in characters:
        for relationship in ds.relations(character, film):
            if relationship.character.id == character.id:  # not where it is the other end
                _relate(nodes, relationship)
    return list(nodes.values())


def _link(node: dict[str, Any], prop: str, target: dict[str, Any]) -> None:
    """``node``'s ``prop`` gains ``target``, once: partners and former partners are both
    colleagues, the same statement."""
    linked = node.setdefault(prop, [])
    if all(t.get("@id") != target["@id"] for t in linked):
        linked.append(target)


def _relate(nodes: dict[str, dict[str, Any]], relationship: Relationship) -> None:
    holder = nodes[relationship.character.id]
    other, organization = relationship.other, relationship.organization
    if other is not None and relationship.kind in _CHARACTER_PROPERTY:
        prop, inverse = _CHARACTER_PROPERTY[relationship.kind]
        _link(holder, prop, _node("Person", other))
        if inverse is not None and other.id in nodes:
            _link(nodes[other.id], inverse, _node("Person", relationship.character))
    elif organization is not None and relationship.kind in _ORGANIZATION_PROPERTY:
        prop, role_name = _ORGANIZATION_PROPERTY[relationship.kind]
        target: dict[str, Any] = _node("Organization", organization)
        if prop != "owns" and (role_name or relationship.title):
            # The Role pattern: the role node carries the same property as its holder.
            target = {"@type": "OrganizationRole", prop: target}
            if role_name is not None:
                target["roleName"] = role_name
            if relationship.title is not None:
                target["namedPosition"] = relationship.title
        holder.setdefault(prop, []).append(target)


def _knowledge(ds: Dataset, film: Film, movie: dict[str, Any]) -> None:
    """The film's characters, the organisations and themes of its story, its comparisons."""
    characters = _characters(ds, film)
    if characters:
        movie["character"] = characters
    organizations = [
        _described(_node("Organization", o), o)
        for o in ds.organizations
        if any(f.id == film.id for f in o.films)
    ]
    if organizations:
        movie["mentions"] = organizations
    themes = [_described(_node("Thing", t), t) for t in ds.themes(film)]
    if themes:
        movie["about"] = themes
    comparisons = [
        {
            "@type": "CreativeWork",
            "@id": _node_id(c.id),
            "name": f"{film.title} compared with {c.other}",
            "text": c.summary,
            "mentions": {"@type": "CreativeWork", "name": c.other},
        }
        for c in ds.comparisons(film)
    ]
    if comparisons:
        movie["subjectOf"] = comparisons


def _place(location: Location) -> dict[str, Any]:
    place = _node(_PLACE_TYPE.get(location.kind, "Place"), location)
    if location.description is not None:
        place["description"] = location.description
    if location.parent is not None:
        place["containedInPlace"] = _place(location.parent)
    return place


def _source(ds: Dataset, source_id: str) -> dict[str, Any]:
    source = ds.get(source_id)
    node: dict[str, Any] = {
        "@type": "CreativeWork",
        "@id": _node_id(source.id),
        "name": source.title,
    }
    if source.published is not None:
        node["datePublished"] = source.published.isoformat()
    return node


def _named(type_: str, name: str) -> dict[str, str]:
    return {"@type": type_, "name": name}


def _country(country: Country) -> dict[str, str]:
    return {"@type": "Country", "name": country.name, "identifier": country.code}


def _language(language: Language) -> dict[str, str]:
    return {"@type": "Language", "name": language.name, "alternateName": language.code}


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _distinct(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The nodes of one record are equal: keeping the last of them keeps the first's place.
    return list({node["@id"]: node for node in nodes}.values())


def _series_chain(ds: Dataset, film: Film) -> list[Film]:
    """The films linked to ``film`` by predecessor and sequel, oldest first."""
    first = film
    while first.predecessor is not None:
        first = first.predecessor
    chain = [first]
    while (sequel := ds.sequel(chain[-1])) is not None:
        chain.append(sequel)
    return chain


def _series_id(chain: list[Film]) -> str:
    return _node_id("series/" + chain[0].id.partition("/")[2])


def _crew(ds: Dataset, film: Film, movie: dict[str, Any]) -> None:
    for credit in ds.crew(film):
        prop = _CREW_PROPERTY.get(credit.department)
        if prop is None:
            # The Role pattern: the role node carries the same property as its holder.
            node: dict[str, Any] = {
                "@type": "Role",
                "roleName": credit.job,
                "contributor": _person(ds, credit.person),
            }
            movie.setdefault("contributor", []).append(node)
        else:
            movie.setdefault(prop, []).append(_person(ds, credit.person))


def _companies(ds: Dataset, film: Film, movie: dict[str, Any]) -> None:
    companies = [
        _node("Organization", c.company)
        for c in ds.companies_of(film)
        if c.role is CompanyRole.PRODUCTION
    ]
    if companies:
        movie["productionCompany"] = companies
    events = []
    for release in ds.releases(film):
        event: dict[str, Any] = {
            "@type": "PublicationEvent",
            "@id": _node_id(release.id),
            "name": f"{release.kind.value} release",
            "startDate": release.date.isoformat(),
        }
        if release.countries:
            event["location"] = [_country(c) for c in release.countries]
        if release.audio_languages:
            event["inLanguage"] = [_language(lang) for lang in release.audio_languages]
        if release.distributor is not None:
            event["publishedBy"] = _node("Organization", release.distributor)
        events.append(event)
    if events:
        movie["releasedEvent"] = events


def _reception(ds: Dataset, film: Film, movie: dict[str, Any]) -> None:
    ratings = []
    for rating in ds.ratings(film):
        node: dict[str, Any] = {
            "@type": "AggregateRating",
            "@id": _node_id(rating.id),
            "name": f"{rating.aggregator or 'Unnamed aggregator'} {rating.audience.value} "
            f"{rating.metric}",
            "ratingValue": rating.value,
            "bestRating": rating.scale_max,
            "worstRating": rating.scale_min,
        }
        if rating.aggregator is not None:
            node["author"] = _named("Organization", rating.aggregator)
        if rating.count is not None:
            counted = "reviewCount" if rating.audience is Audience.CRITICS else "ratingCount"
            node[counted] = rating.count
        ratings.append(node)
    if ratings:
        movie["aggregateRating"] = ratings
    reviews = []
    for review in ds.reviews(film):
        node = {"@type": "Review", "@id": _node_id(review.id), "reviewBody": review.gist}
        if review.critic is not None:
            node["author"] = _named("Person", review.critic)
        if review.outlet is not None:
            node["publisher"] = _named("Organization", review.outlet)
        if review.score is not None:
            node["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": review.score.value,
                "bestRating": review.score.scale,
                "worstRating": 0,
            }
        reviews.append(node)
    if reviews:
        movie["review"] = reviews
    admissions = [
        {
            "@type": "InteractionCounter",
            "@id": _node_id(a.id),
            "interactionType": {"@type": "WatchAction"},
            "userInteractionCount": a.count,
            "location": _country(a.market),
        }
        for a in ds.admissions(film)
    ]
    if admissions:
        movie["interactionStatistic"] = admissions


def _movie(ds: Dataset, film: Film) -> dict[str, Any]:
    movie: dict[str, Any] = {
        "@type": "Movie",
        "@id": _node_id(film.id),
        "identifier": film.id,
        "name": film.title,
        "alternateName": [film.original_title, *film.aliases],
        "datePublished": (film.release_date.isoformat() if film.release_date else str(film.year)),
    }
    if film.runtime_minutes is not None:
        movie["duration"] = _duration(film.runtime_minutes)
    if film.countries:
        movie["countryOfOrigin"] = [_country(c) for c in film.countries]
    if film.languages:
        movie["inLanguage"] = [_language(lang) for lang in film.languages]
    if film.genres:
        movie["genre"] = list(film.genres)
    if film.synopsis is not None:
        movie["description"] = film.synopsis
    movie["citation"] = [_source(ds, source_id) for source_id in sorted(film.sources)]
    _crew(ds, film, movie)
    _companies(ds, film, movie)
    cast = []
    for credit in ds.cast(film):
        role: dict[str, Any] = {"@type": "PerformanceRole", "actor": _person(ds, credit.person)}
        if credit.character is not None:
            role["characterName"] = credit.character.name
        cast.append(role)
    if cast:
        movie["actor"] = cast
    _knowledge(ds, film, movie)
    _reception(ds, film, movie)
    shot = [_place(f.location) for f in ds.filming_locations(film)]
    if shot:
        movie["locationCreated"] = _distinct(shot)
    depicted = [_place(place) for event in ds.plot(film) for place in event.locations]
    if depicted:
        movie["contentLocation"] = _distinct(depicted)
    chain = _series_chain(ds, film)
    if len(chain) > 1:
        movie["isPartOf"] = {"@type": "MovieSeries", "@id": _series_id(chain)}
        movie["position"] = chain.index(film) + 1
    return movie


_DATASET_ID = _ID_PREFIX + "dataset"

#: The schema.org type of a record's node, where the export makes one; others are Things.
_TYPE_OF_KIND = {
    "film": "Movie",
    "person": "Person",
    "character": "Person",
    "company": "Organization",
    "organization": "Organization",
    "location": "Place",
    "source": "CreativeWork",
}


def _dataset_node(ds: Dataset) -> dict[str, Any]:
    """The dataset as a ``Dataset`` node: its data version and when that was released."""
    node: dict[str, Any] = {
        "@type": "Dataset",
        "@id": _DATASET_ID,
        "name": NAME,
        "description": SUMMARY,
    }
    if ds.version is not None:
        node["version"] = ds.version.data
        if ds.version.released is not None:
            node["dateModified"] = ds.version.released.isoformat()
    return node


def _statements(ds: Dataset) -> list[dict[str, Any]]:
    """A ``Statement`` for each field that cites sources of its own, citing them."""
    from .._convert import unstructure_field

    statements = []
    for record in ds.tables.records():
        for citation in getattr(record, "citations", ()):
            if citation.item is None:
                value = unstructure_field(
                    type(record), citation.field, getattr(record, citation.field)
                )
                anchor = citation.field
            else:  # one alias
                value, anchor = citation.item, f"{citation.field}/{quote(citation.item)}"
            statement = {
                "@type": "Statement",
                "@id": f"{_node_id(record.id)}#{anchor}",
                "about": {
                    "@type": _TYPE_OF_KIND.get(record.KIND, "Thing"),
                    "@id": _node_id(record.id),
                },
                "name": citation.field,
                "text": value if isinstance(value, str) else json.dumps(value),
                "citation": [_source(ds, s) for s in sorted(citation.sources)],
            }
            if citation.circumstance is not None:
                statement["description"] = f"{citation.circumstance.value}: {citation.reason}"
            statements.append(statement)
    return statements


def jsonld(ds: Dataset, film: FilmKey) -> dict[str, Any]:
    """The schema.org ``Movie`` of ``film`` as a JSON-LD document with an inline context.

    Cast members are ``PerformanceRole`` nodes (actor and character name), filming places
    are ``locationCreated`` and places of the story ``contentLocation``.

    >>> import takedown
    >>> doc = jsonld(takedown.load(), "Loin du périph")
    >>> doc["duration"], doc["position"]
    ('PT1H59M', 2)
    """
    from ..dataset import expect_dataset

    movie = _movie(ds, expect_dataset(ds).film(film))
    movie.setdefault("subjectOf", []).append(_dataset_node(ds))
    return {"@context": CONTEXT, **movie}


def jsonld_series(ds: Dataset) -> list[dict[str, Any]]:
    """A ``MovieSeries`` document for each chain of films linked as predecessor and sequel."""
    documents = []
    for film in ds.films:
        chain = _series_chain(ds, film)
        if len(chain) < 2 or chain[0] is not film:
            continue
        documents.append(
            {
                "@context": CONTEXT,
                "@type": "MovieSeries",
                "@id": _series_id(chain),
                "name": " / ".join(f.title for f in chain),
                "hasPart": [
                    {"@type": "Movie", "@id": _node_id(f.id), "name": f.title} for f in chain
                ],
            }
        )
    return documents


def jsonld_graph(ds: Dataset) -> dict[str, Any]:
    """Every film and series, the dataset and each field's own sources, in one JSON-LD
    document (an ``@graph``)."""
    nodes = [{k: v for k, v in jsonld(ds, f).items() if k != "@context"} for f in ds.films]
    nodes += [{k: v for k, v in s.items() if k != "@context"} for s in jsonld_series(ds)]
    nodes += _statements(ds)
    return {"@context": CONTEXT, "@graph": nodes}


def write_jsonld(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``<film slug>.jsonld`` for each film and ``series-<slug>.jsonld`` for each series."""
    root = prepare(directory)
    written = [
        write_text(root / f"{film.id.partition('/')[2]}.jsonld", dumps(jsonld(ds, film)))
        for film in ds.films
    ]
    for series in jsonld_series(ds):
        slug = series["@id"].rpartition("/")[2]
        written.append(write_text(root / f"series-{slug}.jsonld", dumps(series)))
    return written
