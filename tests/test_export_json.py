"""JSON export: the packaged layout, loaded back equal, canonical bytes, one-document form."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import takedown
from knowledge import knowledge_dataset
from refs import referenced
from takedown import _loader, _manifest
from takedown import models as m
from takedown._tables import SCHEMA_VERSION, Tables, table_specs
from takedown._text import fold
from takedown.dataset import Dataset
from takedown.enums import SourceKind
from takedown.export import document, write_json
from takedown.strategies import records

TABLE_FILES = sorted(spec.file for spec in table_specs())


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("json")
    write_json(takedown.load(), root)
    return root


def test_the_export_loads_back_into_an_equal_dataset(exported: Path) -> None:
    again = Dataset.from_path(exported)
    assert again == takedown.load()
    assert again.film("loin du periph").original_title == "Loin du périph"


def test_the_export_has_the_packaged_layout_and_a_manifest_that_verifies(exported: Path) -> None:
    packaged = sorted(
        p.name for p in _manifest.packaged_data().iterdir() if p.name.endswith(".json")
    )
    assert sorted(p.name for p in exported.iterdir()) == packaged
    assert sorted([*TABLE_FILES, "manifest.json"]) == packaged
    _loader.verify(exported)
    assert json.loads((exported / "manifest.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_a_changed_export_fails_the_manifest(exported: Path, tmp_path: Path) -> None:
    for path in exported.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    films = tmp_path / "films.json"
    films.write_bytes(films.read_bytes().replace(b"The Takedown", b"The Take-down"))
    with pytest.raises(takedown.DataError, match=r"films\.json"):
        _loader.verify(tmp_path)


def test_files_are_indented_utf8_with_a_final_newline(exported: Path) -> None:
    films = (exported / "films.json").read_bytes()
    assert films.startswith(b'[\n  {\n    "id": "film/')
    assert "Loin du périph".encode() in films  # not \u00e9
    assert b"\r" not in films
    for name in TABLE_FILES:
        text = (exported / name).read_text(encoding="utf-8")
        assert text.endswith("]\n")
        assert not text.endswith("\n\n")


def test_references_are_ids_and_sets_are_sorted(exported: Path) -> None:
    cast = json.loads((exported / "cast.json").read_text(encoding="utf-8"))
    first = takedown.load().cast("The Takedown")[0]
    row = next(r for r in cast if r["id"] == first.id)
    assert row["film"] == "film/the-takedown"
    assert row["person"] == first.person.id
    for name in TABLE_FILES:
        for record in json.loads((exported / name).read_text(encoding="utf-8")):
            lists = [record.get("sources")] + [c["sources"] for c in record.get("claims", [])]
            for ids in filter(None, lists):
                assert ids == sorted(set(ids)), (name, record["id"])


def test_exporting_an_export_gives_the_same_bytes(exported: Path, tmp_path: Path) -> None:
    write_json(Dataset.from_path(exported), tmp_path)
    for path in sorted(exported.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_exporting_the_packaged_dataset_reproduces_the_packaged_files(exported: Path) -> None:
    data = _manifest.packaged_data()
    different = [
        name
        for name in [*TABLE_FILES, "manifest.json"]
        if (exported / name).read_bytes() != data.joinpath(name).read_bytes()
    ]
    assert different == []


def test_the_export_overwrites_its_files_and_keeps_others(tmp_path: Path) -> None:
    (tmp_path / "films.json").write_text("stale", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    written = write_json(takedown.load(), tmp_path / ".")
    assert sorted(p.name for p in written) == sorted([*TABLE_FILES, "manifest.json"])
    assert Dataset.from_path(tmp_path) == takedown.load()
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_the_export_refuses_a_file_in_place_of_the_directory(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        write_json(takedown.load(), target)


def test_the_single_document_holds_every_table_as_its_file_does(exported: Path) -> None:
    doc = document(takedown.load())
    assert doc["schema_version"] == SCHEMA_VERSION
    assert list(doc["tables"]) == [spec.name for spec in table_specs()]
    for spec in table_specs():
        on_disk = json.loads((exported / spec.file).read_text(encoding="utf-8"))
        assert doc["tables"][spec.name] == on_disk
    json.dumps(doc, allow_nan=False)  # plain JSON all the way down


# -- generated datasets -------------------------------------------------------------------


def _citations(record: Any) -> set[str]:
    cited = set(getattr(record, "sources", ()))
    for claim in getattr(record, "claims", ()):
        cited |= claim.sources
    return cited


def dataset_of(drawn: list[Any]) -> Dataset | None:
    """A dataset holding ``drawn``, what they refer to and a source for every citation.

    None when two drawn records share an id, or break a rule across records (a name twice,
    two sequels to one film): independent draws can collide.
    """
    by_id: dict[str, Any] = {}
    for record in drawn:
        if isinstance(record, m.Conflict):
            # A conflict must be about a field of a record of the dataset: the title of a
            # source it cites.
            record = attrs.evolve(record, subject=min(record.sources), field="title")
        reachable = [record] + [r for group in referenced(record).values() for r in group.values()]
        for r in reachable:
            if by_id.setdefault(r.id, r) != r:
                return None
    cited = set().union(*(_citations(r) for r in by_id.values()))
    for source_id in sorted(cited - set(by_id)):
        by_id[source_id] = m.Source(
            id=source_id, title="A source", kind=SourceKind.ARTICLE, file="a.txt", trust=1
        )
    if _breaks_a_dataset_rule(list(by_id.values())):
        return None
    plot_orders: dict[str, int] = {}
    tables: dict[str, list[Any]] = {spec.name: [] for spec in table_specs()}
    table_of = {spec.record: spec.name for spec in table_specs()}
    for record in by_id.values():
        if isinstance(record, m.PlotEvent):  # each film's plot runs 1..n
            order = plot_orders[record.film.id] = plot_orders.get(record.film.id, 0) + 1
            record = attrs.evolve(record, order=order)
        tables[table_of[type(record)]].append(record)
    return Dataset(Tables(**tables))


def _breaks_a_dataset_rule(records: list[Any]) -> bool:
    """Whether two records share a folded name within a kind, or follow one film."""
    names: set[tuple[str, str]] = set()
    followed: set[str] = set()
    for record in records:
        if getattr(record, "predecessor", None) is not None:
            if record.predecessor.id in followed:
                return True
            followed.add(record.predecessor.id)
        if not hasattr(record, "aliases"):
            continue
        own = {fold(n) for n in (record.name, getattr(record, "original_title", record.name))}
        own |= {fold(a) for a in record.aliases}
        own.discard(record.id)
        keys = {(record.KIND, name) for name in own} | {(record.KIND, record.id)}
        if keys & names or any("/" in name for name in own):
            return True
        names |= keys
    return False


@given(drawn=st.lists(records(), min_size=1, max_size=4))
def test_any_dataset_round_trips_through_the_json_export(drawn: list[Any]) -> None:
    ds = dataset_of(drawn)
    assume(ds is not None)
    assert ds is not None
    with tempfile.TemporaryDirectory() as tmp:
        write_json(ds, tmp)
        again = Dataset.from_path(tmp)
        assert again == ds
        with tempfile.TemporaryDirectory() as tmp2:
            write_json(again, tmp2)
            for spec in table_specs():
                first = (Path(tmp) / spec.file).read_bytes()
                assert (Path(tmp2) / spec.file).read_bytes() == first


def test_the_knowledge_records_and_their_citations_round_trip(tmp_path: Path) -> None:
    ds = knowledge_dataset()
    write_json(ds, tmp_path)
    assert Dataset.from_path(tmp_path) == ds
    works = json.loads((tmp_path / "works.json").read_text(encoding="utf-8"))
    (work,) = [w for w in works if w["id"] == "work/test-lupin"]
    assert work["citations"][:2] == [  # a citation writes no item or reading it lacks
        {"field": "year", "sources": ["source/wikipedia"]},
        {"field": "title", "sources": ["source/plot-recap", "source/wikipedia"]},
    ]
    written = json.loads((tmp_path / "conflicts.json").read_text(encoding="utf-8"))
    values = [claim["value"] for c in written for claim in c["claims"]]
    typed = [claim.value for c in ds.conflicts() for claim in c.claims]
    # A claim about a reference is written as the id, a count as a number, a date as text.
    assert values == [
        str(v) if isinstance(v, m.PartialDate) else getattr(v, "id", v) for v in typed
    ]
    assert any(hasattr(v, "id") for v in typed)
    assert any(isinstance(v, int) for v in typed)


def test_a_data_version_without_digests_is_not_invented(exported: Path, tmp_path: Path) -> None:
    # A manifest without digests gives a dataset that does not know its data version.
    shutil.copytree(exported, tmp_path / "edited")
    described = json.loads((tmp_path / "edited" / "manifest.json").read_text(encoding="utf-8"))
    del described["sha256"]
    (tmp_path / "edited" / "manifest.json").write_text(json.dumps(described), encoding="utf-8")
    unversioned = Dataset.from_path(tmp_path / "edited")
    assert unversioned.version is None
    write_json(unversioned, tmp_path / "again")
    again = json.loads((tmp_path / "again" / "manifest.json").read_text(encoding="utf-8"))
    assert "data_version" not in again
    assert Dataset.from_path(tmp_path / "again").version is None
