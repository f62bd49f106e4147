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

import datetime as dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .._cite import NAME
from .._text import unnamed_note
from ..enums import Audience, CompanyRole, Department, LocationKind, RelationshipKind, WorkKind
from ._io import SUMMARY, dumps, write_files

if TYPE_CHECKING:
    from .. import models
    from ..dataset import Dataset, FilmKey

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
    **dict.fromkeys((_R.PARTNER_OF, _R.FORMER_PARTNER_OF), ("colleague", "colleague")),
    _R.SUPERIOR_OF: ("colleague", None),
    **dict.fromkeys(
        (
            _R.FRIEND_OF,
            _R.FORMER_FRIEND_OF,
            _R.FORMER_ROMANTIC_PARTNER_OF,
            _R.FORMER_ASSOCIATE_OF,
            _R.ASSOCIATED_WITH,
            _R.ALLY_OF,
        ),
        ("knows", "knows"),
    ),
    **dict.fromkeys((_R.PATIENT_OF, _R.SOUGHT_HELP_FROM), ("knows", None)),
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


def _put(node: dict[str, Any], prop: str, value: Any) -> None:
    """Set ``prop`` unless ``value`` is None or an empty list: the unknown is left out."""
    if value is not None and value != []:
        node[prop] = value


def _thing(type_: str, record_id: str, **properties: Any) -> dict[str, Any]:
    return {"@type": type_, "@id": _ID_PREFIX + record_id, **properties}


def _node(type_: str, record: Any) -> dict[str, Any]:
    """A node named as the record is, saying so where the name is the project's description."""
    node = _thing(type_, record.id, name=record.name)
    _put(node, "disambiguatingDescription", unnamed_note(record) or None)
    return node


def _described(node: dict[str, Any], record: Any) -> dict[str, Any]:
    """``node`` with the record's aliases and description, where it has them."""
    _put(node, "alternateName", list(record.aliases))
    _put(node, "description", record.description)
    return node


def _named(type_: str, name: str | None) -> dict[str, str] | None:
    return None if name is None else {"@type": type_, "name": name}


def _date(date: dt.date | None) -> str | None:
    return None if date is None else date.isoformat()


def _country(country: models.Country) -> dict[str, str]:
    return {"@type": "Country", "name": country.name, "identifier": country.code}


def _language(language: models.Language) -> dict[str, str]:
    return {"@type": "Language", "name": language.name, "alternateName": language.code}


def _person(ds: Dataset, person: models.Person) -> dict[str, Any]:
    node = _node("Person", person)
    _put(node, "award", [_award_text(a.name, a.work, a.year) for a in ds.awards(person)])
    works: dict[str, list[dict[str, Any]]] = {}
    for work in ds.works(person):
        role = (work.role or "").casefold()  # unknown: a contributor, no more is said
        prop = next((p for word, p in _WORK_PROPERTY if word in role), "contributor")
        kind = _WORK_TYPE[work.kind] if work.kind else "CreativeWork"
        done = _thing(kind, work.id, name=work.title)
        _put(done, "dateCreated", None if work.year is None else str(work.year))
        works.setdefault(prop, []).append(done)
    if works:  # the work is the subject: "Lupin has actor Omar Sy"
        node["@reverse"] = works
    return node


def _award_text(name: str, work: str | None, year: int | None) -> str:
    detail = ", ".join(part for part in (work, str(year) if year else None) if part)
    return f"{name} ({detail})" if detail else name


def _characters(ds: Dataset, film: models.Film) -> list[dict[str, Any]]:
    """The film's characters, each with the relationships that hold in the film."""
    characters = ds.characters_of(film)
    nodes = {c.id: _described(_node("Person", c), c) for c in characters}
    for character in characters:
        for relationship in ds.relations(character, film):
            if relationship.character.id == character.id:  # not where it is the other end
                _relate(nodes, relationship)
    return list(nodes.values())


def _link(node: dict[str, Any], prop: str, target: dict[str, Any]) -> None:
    """``node``'s ``prop`` gains ``target`` once (partners and former partners are colleagues)."""
    linked = node.setdefault(prop, [])
    if all(t.get("@id") != target["@id"] for t in linked):
        linked.append(target)


def _relate(nodes: dict[str, dict[str, Any]], relationship: models.Relationship) -> None:
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
            _put(target, "roleName", role_name)
            _put(target, "namedPosition", relationship.title)
        holder.setdefault(prop, []).append(target)


def _place(location: models.Location) -> dict[str, Any]:
    place = _node(_PLACE_TYPE.get(location.kind, "Place"), location)
    _put(place, "description", location.description)
    if location.parent is not None:
        place["containedInPlace"] = _place(location.parent)
    return place


def _source(ds: Dataset, source_id: str) -> dict[str, Any]:
    source = ds.get(source_id)
    node = _thing("CreativeWork", source.id, name=source.title)
    _put(node, "datePublished", _date(source.published))
    return node


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")


def _distinct(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # The nodes of one record are equal: keeping the last of them keeps the first's place.
    return list({node["@id"]: node for node in nodes}.values())


def _series_chain(ds: Dataset, film: models.Film) -> list[models.Film]:
    """The films linked to ``film`` by predecessor and sequel, oldest first."""
    first = film
    while first.predecessor is not None:
        first = first.predecessor
    chain = [first]
    while (sequel := ds.sequel(chain[-1])) is not None:
        chain.append(sequel)
    return chain


def _series_id(chain: list[models.Film]) -> str:
    return f"{_ID_PREFIX}series/{chain[0].id.partition('/')[2]}"


def _crew(ds: Dataset, film: models.Film, movie: dict[str, Any]) -> None:
    for credit in ds.crew(film):
        prop = _CREW_PROPERTY.get(credit.department, "contributor")
        person = _person(ds, credit.person)
        if prop == "contributor":  # the Role pattern: the role carries its holder's property
            person = {"@type": "Role", "roleName": credit.job, "contributor": person}
        movie.setdefault(prop, []).append(person)


def _release(release: models.Release) -> dict[str, Any]:
    event = _thing(
        "PublicationEvent",
        release.id,
        name=f"{release.kind.value} release",
        startDate=release.date.isoformat(),
    )
    _put(event, "location", [_country(c) for c in release.countries])
    _put(event, "inLanguage", [_language(lang) for lang in release.audio_languages])
    if release.distributor is not None:
        event["publishedBy"] = _node("Organization", release.distributor)
    return event


def _rating(rating: models.Rating) -> dict[str, Any]:
    aggregator = rating.aggregator
    node = _thing(
        "AggregateRating",
        rating.id,
        name=f"{aggregator or 'Unnamed aggregator'} {rating.audience.value} {rating.metric}",
        ratingValue=rating.value,
        bestRating=rating.scale_max,
        worstRating=rating.scale_min,
    )
    _put(node, "author", _named("Organization", aggregator))
    counted = "reviewCount" if rating.audience is Audience.CRITICS else "ratingCount"
    _put(node, counted, rating.count)
    return node


def _review(review: models.Review) -> dict[str, Any]:
    node = _thing("Review", review.id, reviewBody=review.gist)
    _put(node, "author", _named("Person", review.critic))
    _put(node, "publisher", _named("Organization", review.outlet))
    if review.score is not None:
        node["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": review.score.value,
            "bestRating": review.score.scale,
            "worstRating": 0,
        }
    return node


def _performance(ds: Dataset, credit: models.CastCredit) -> dict[str, Any]:
    role: dict[str, Any] = {"@type": "PerformanceRole", "actor": _person(ds, credit.person)}
    if credit.character is not None:
        role["characterName"] = credit.character.name
    return role


def _comparison(film: models.Film, comparison: models.Comparison) -> dict[str, Any]:
    return _thing(
        "CreativeWork",
        comparison.id,
        name=f"{film.title} compared with {comparison.other}",
        text=comparison.summary,
        mentions=_named("CreativeWork", comparison.other),
    )


def _movie(ds: Dataset, film: models.Film) -> dict[str, Any]:
    movie = _thing(
        "Movie",
        film.id,
        identifier=film.id,
        name=film.title,
        alternateName=[film.original_title, *film.aliases],
        datePublished=film.release_date.isoformat() if film.release_date else str(film.year),
    )
    minutes = film.runtime_minutes
    _put(movie, "duration", None if minutes is None else _duration(minutes))
    _put(movie, "countryOfOrigin", [_country(c) for c in film.countries])
    _put(movie, "inLanguage", [_language(lang) for lang in film.languages])
    _put(movie, "genre", list(film.genres))
    _put(movie, "description", film.synopsis)
    movie["citation"] = [_source(ds, source_id) for source_id in sorted(film.sources)]
    _crew(ds, film, movie)
    companies = ds.companies_of(film)
    producers = [c.company for c in companies if c.role is CompanyRole.PRODUCTION]
    _put(movie, "productionCompany", [_node("Organization", c) for c in producers])
    _put(movie, "releasedEvent", [_release(r) for r in ds.releases(film)])
    _put(movie, "actor", [_performance(ds, credit) for credit in ds.cast(film)])
    _put(movie, "character", _characters(ds, film))
    organizations = ds.organizations_of(film)
    _put(movie, "mentions", [_described(_node("Organization", o), o) for o in organizations])
    _put(movie, "about", [_described(_node("Thing", t), t) for t in ds.themes(film)])
    _put(movie, "subjectOf", [_comparison(film, c) for c in ds.comparisons(film)])
    _put(movie, "aggregateRating", [_rating(r) for r in ds.ratings(film)])
    _put(movie, "review", [_review(r) for r in ds.reviews(film)])
    admissions = [
        _thing(
            "InteractionCounter",
            a.id,
            interactionType={"@type": "WatchAction"},
            userInteractionCount=a.count,
            location=_country(a.market),
        )
        for a in ds.admissions(film)
    ]
    _put(movie, "interactionStatistic", admissions)
    shot = [_place(f.location) for f in ds.filming_locations(film)]
    _put(movie, "locationCreated", _distinct(shot))
    # schema.org's contentLocation is a place "depicted or described": the
    # places an event only mentions count as well as those it happens at.
    depicted = [
        _place(place)
        for event in ds.plot(film)
        for place in (*event.locations, *event.mentioned_locations)
    ]
    _put(movie, "contentLocation", _distinct(depicted))
    chain = _series_chain(ds, film)
    if len(chain) > 1:
        movie["isPartOf"] = {"@type": "MovieSeries", "@id": _series_id(chain)}
        movie["position"] = chain.index(film) + 1
    return movie


def _dataset_node(ds: Dataset) -> dict[str, Any]:
    """The dataset as a ``Dataset`` node: its data version and when that was released."""
    node = _thing("Dataset", "dataset", name=NAME, description=SUMMARY)
    if ds.version is not None:
        node["version"] = ds.version.data
        _put(node, "dateModified", _date(ds.version.released))
    return node


def _statements(ds: Dataset) -> list[dict[str, Any]]:
    """A ``Statement`` for each field that cites sources of its own, citing them."""
    from .._convert import unstructure_field

    statements = []
    for record in ds.tables.records():
        for citation in getattr(record, "citations", ()):
            field = citation.field
            if citation.item is None:
                value = unstructure_field(type(record), field, getattr(record, field))
                anchor = field
            else:  # one alias
                value, anchor = citation.item, f"{field}/{quote(citation.item)}"
            statement = {
                "@type": "Statement",
                "@id": f"{_ID_PREFIX}{record.id}#{anchor}",
                "about": _thing(_TYPE_OF_KIND.get(record.KIND, "Thing"), record.id),
                "name": field,
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
    chains = [_series_chain(ds, film) for film in ds.films if film.predecessor is None]
    return [
        {
            "@context": CONTEXT,
            "@type": "MovieSeries",
            "@id": _series_id(chain),
            "name": " / ".join(f.title for f in chain),
            "hasPart": [_thing("Movie", f.id, name=f.title) for f in chain],
        }
        for chain in chains
        if len(chain) > 1
    ]


def jsonld_graph(ds: Dataset) -> dict[str, Any]:
    """Every film and series, the dataset and each field's own sources, in one JSON-LD
    document (an ``@graph``)."""
    documents = [jsonld(ds, f) for f in ds.films] + jsonld_series(ds)
    nodes = [{k: v for k, v in d.items() if k != "@context"} for d in documents]
    return {"@context": CONTEXT, "@graph": nodes + _statements(ds)}


def write_jsonld(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``<film slug>.jsonld`` for each film and ``series-<slug>.jsonld`` for each series."""
    files = {f"{film.id.partition('/')[2]}.jsonld": dumps(jsonld(ds, film)) for film in ds.films}
    for series in jsonld_series(ds):
        files[f"series-{series['@id'].rpartition('/')[2]}.jsonld"] = dumps(series)
    return write_files(directory, files)
