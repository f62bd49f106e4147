"""DataFrame export: every table flattened by the documented rules, in pandas and polars."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sys
import typing
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import takedown
from knowledge import knowledge_dataset
from takedown import frames
from takedown._convert import converter
from takedown._fields import REF_KIND, REF_MANY
from takedown._tables import Tables, table_specs
from takedown.dataset import Dataset
from takedown.models import PartialDate
from takedown.strategies import STRATEGIES

TABLE_OF = {spec.record: spec.name for spec in table_specs()}


def _stem(record: Any) -> str:
    return str(type(record).KIND).replace("-", "_")


def _rows(frame: frames.Frame) -> list[dict[str, Any]]:
    names = [c.name for c in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in frame.rows]


def _linked(frame: frames.Frame, key: dict[str, Any]) -> list[Any]:
    """The last cell of the rows of a side table that belong to ``key``, in position order."""
    rows = [r for r in _rows(frame) if all(r[k] == v for k, v in key.items())]
    if any(c.name == "position" for c in frame.columns):
        assert [r["position"] for r in rows] == list(range(1, len(rows) + 1))
    return [list(r.values())[-1] for r in rows]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def _plain(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return str(value)
    return value.value if isinstance(value, enum.Enum) else value


def _check_object(
    built: dict[str, frames.Frame],
    obj: Any,
    row: dict[str, Any],
    stem: str,
    key: dict[str, Any],
    raw: dict[str, Any],
) -> None:
    """``row`` (and the side tables under ``stem``) hold every field of ``obj`` by the rules.

    ``raw`` is ``obj`` as the data file writes it.
    """
    hints = typing.get_type_hints(type(obj))
    for field in attrs.fields(type(obj)):
        name, value = field.name, getattr(obj, field.name)
        (item, *_) = typing.get_args(hints[name]) or (None,)
        if hints[name] is Any:  # a claim's value: its JSON text
            assert json.loads(row[name]) == raw[name]
        elif name == "citations":  # a row per field and source
            cited = [r for r in _rows(built[f"{stem}_citations"]) if r.items() >= key.items()]
            assert [(r["field"], r["source_id"]) for r in cited] == [
                (c.field, s) for c in value for s in sorted(c.sources)
            ]
        elif REF_KIND in field.metadata and field.metadata[REF_MANY]:
            assert _linked(built[f"{stem}_{name}"], key) == [v.id for v in value]
        elif REF_KIND in field.metadata:
            assert row[f"{name}_id"] == (None if value is None else value.id)
        elif isinstance(value, frozenset):
            assert _linked(built[f"{stem}_{name}"], key) == sorted(value)
        elif isinstance(value, tuple) and attrs.has(item):
            child = built[f"{stem}_{name}"]
            child_stem = f"{stem}_{_snake(item.__name__)}"
            child_rows = [r for r in _rows(child) if all(r[k] == v for k, v in key.items())]
            assert len(child_rows) == len(value)
            for position, (nested, child_row) in enumerate(zip(value, child_rows, strict=True), 1):
                assert child_row["position"] == position
                inner_key = {**key, f"{_snake(item.__name__)}_position": position}
                inner_raw = raw[name][position - 1]
                _check_object(built, nested, child_row, child_stem, inner_key, inner_raw)
        elif isinstance(value, tuple):
            assert row[name] == [_plain(v) for v in value]
        elif name not in row:  # a nested object, spread over <name>_<subfield> columns
            spread = {k[len(name) + 1 :]: v for k, v in row.items() if k.startswith(f"{name}_")}
            assert spread
            for sub, cell in spread.items():
                assert cell == (None if value is None else _plain(getattr(value, sub)))
        else:
            assert row[name] == _plain(value)
            assert type(row[name]) is type(_plain(value)) or isinstance(value, float)


def _check_record(built: dict[str, frames.Frame], record: Any) -> None:
    table = TABLE_OF[type(record)]
    matching = [r for r in _rows(built[table]) if r["id"] == record.id]
    assert len(matching) == 1
    stem = _stem(record)
    raw = converter.unstructure(record)
    _check_object(built, record, matching[0], stem, {f"{stem}_id": record.id}, raw)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@pytest.fixture(scope="module")
def built(ds: Dataset) -> dict[str, frames.Frame]:
    return frames.build(ds)


def test_a_reference_column_names_the_table_it_points_into(
    built: dict[str, frames.Frame],
) -> None:
    cast = {c.name: c.ref for c in built["cast"].columns}
    assert cast == {
        "id": None,
        "film_id": "films",
        "person_id": "people",
        "character_id": "characters",
        "order": None,
    }
    for frame in built.values():
        for column in frame.columns:
            if column.ref is not None:
                ids = set(built[column.ref].column("id"))
                assert set(frame.column(column.name)) - {None} <= ids, (frame.name, column)


def test_every_packaged_record_is_in_its_table_and_side_tables(
    ds: Dataset, built: dict[str, frames.Frame]
) -> None:
    for record in ds.tables.records():
        _check_record(built, record)
    for spec in table_specs():
        assert len(built[spec.name].rows) == len(getattr(ds.tables, spec.name))


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_any_record_of_each_kind_is_flattened_by_the_rules(cls: type, data: st.DataObject) -> None:
    record = data.draw(STRATEGIES[cls])
    tables = {spec.name: () for spec in table_specs()}
    tables[TABLE_OF[cls]] = (record,)
    _check_record(frames.build(Dataset(Tables(**tables))), record)


def test_the_knowledge_records_and_their_citations_are_in_their_tables() -> None:
    ds = knowledge_dataset()
    built = frames.build(ds)
    for record in ds.tables.records():
        _check_record(built, record)
    relationships = _rows(built["relationships"])
    assert [c.name for c in built["relationships"].columns] == [
        "id",
        "film_id",
        "character_id",
        "kind",
        "other_id",
        "organization_id",
        "title",
        "notes",
    ]
    assert {
        (r["character_id"], r["kind"], r["other_id"] or r["organization_id"]) for r in relationships
    } == {(r.character.id, r.kind.value, r.target.id) for r in ds.relationships}
    citations = built["work_citations"]
    assert [c.name for c in citations.columns] == [
        "work_id",
        "position",
        "source_id",
        "field",
        "item",
        "circumstance",
        "reason",
    ]
    assert [row[:4] for row in citations.rows if row[0] == "work/test-lupin"][:3] == [
        ("work/test-lupin", 1, "source/wikipedia", "year"),
        ("work/test-lupin", 2, "source/plot-recap", "title"),
        ("work/test-lupin", 2, "source/wikipedia", "title"),
    ]
    expected = {
        (work.id, n, source, citation.field, citation.item, None, None)
        for work in ds.tables.works
        for n, citation in enumerate(work.citations, start=1)
        for source in citation.sources
    }
    assert set(citations.rows) == expected
    assert [c.name for c in built["film_countries"].columns] == [
        "film_id",
        "position",
        "code",
        "name",
    ]


def test_every_foreign_key_names_a_record_of_its_kind(
    ds: Dataset, built: dict[str, frames.Frame]
) -> None:
    kinds = {spec.record.KIND.replace("-", "_"): spec.record for spec in table_specs()}  # type: ignore[attr-defined]
    checked = 0
    for frame in built.values():
        for column in frame.columns:
            if not column.name.endswith("_id"):
                continue
            kind = kinds.get(column.name.removesuffix("_id"))
            for value in frame.column(column.name):
                if value is None:
                    assert column.optional
                    continue
                record = ds.get(value)  # raises NotFoundError for a dangling id
                assert kind is None or isinstance(record, kind), (frame.name, column.name)
                checked += 1
    assert checked > 500


def test_the_documented_tables_hold_the_records_of_the_dataset(
    ds: Dataset, built: dict[str, frames.Frame]
) -> None:
    """The tables the module docstring names, checked against the records that Dataset gives."""
    films = {row["id"]: row for row in _rows(built["films"])}
    assert sorted(films) == sorted(f.id for f in ds.films)
    film = ds.film("The Takedown")
    predecessor = ds.predecessor(film)
    assert predecessor is not None
    assert films[film.id]["predecessor_id"] == predecessor.id
    assert films[predecessor.id]["predecessor_id"] is None
    assert film.budget is not None
    assert films[film.id]["budget_amount"] == film.budget.amount
    assert films[film.id]["budget_currency"] == film.budget.currency
    assert films[predecessor.id]["genres"] == list(predecessor.genres)

    plot = [event for f in ds.films for event in ds.plot(f)]
    characters = built["plot_characters"]
    assert [c.name for c in characters.columns] == ["plot_id", "position", "character_id"]
    assert sorted(characters.rows) == sorted(
        (event.id, position, character.id)
        for event in plot
        for position, character in enumerate(event.characters, 1)
    )

    sources = built["film_sources"]
    assert [c.name for c in sources.columns] == ["film_id", "source_id"]
    assert sorted(sources.rows) == sorted((f.id, s) for f in ds.films for s in f.sources)

    conflicts = ds.conflicts()
    claims = built["conflict_claims"]
    assert [c.name for c in claims.columns][:2] == ["conflict_id", "position"]
    assert len(claims.rows) == sum(len(c.claims) for c in conflicts)
    cited = built["conflict_claim_sources"]
    assert [c.name for c in cited.columns] == ["conflict_id", "claim_position", "source_id"]
    assert sorted(cited.rows) == sorted(
        (conflict.id, position, source)
        for conflict in conflicts
        for position, claim in enumerate(conflict.claims, 1)
        for source in claim.sources
    )


def _pandas_cells(series: Any) -> list[Any]:
    import pandas as pd

    if series.dtype.kind == "M":
        return [None if pd.isna(v) else v.date() for v in series]
    return [v if isinstance(v, list) or not pd.isna(v) else None for v in series]


def test_pandas_frames_hold_the_same_cells_with_typed_columns(
    built: dict[str, frames.Frame],
) -> None:
    pytest.importorskip("pandas")
    dfs = frames.to_pandas()
    assert list(dfs) == list(built)
    for name, frame in built.items():
        df = dfs[name]
        assert list(df.columns) == [c.name for c in frame.columns]
        for column in frame.columns:
            assert _pandas_cells(df[column.name]) == frame.column(column.name), (name, column)
            dtype = str(df[column.name].dtype)
            if column.type is dt.date:
                assert dtype.startswith("datetime64")
            elif column.type is int and not column.is_list:
                assert dtype == ("Int64" if column.optional else "int64")
    films = dfs["films"].set_index("id")
    assert films.loc["film/the-takedown", "release_date"] == dt.datetime(2022, 5, 6)
    assert (
        films.loc["film/the-takedown", "predecessor_id"] == "film/on-the-other-side-of-the-tracks"
    )
    assert set(dfs["events"]["kind"]) <= {k.value for k in takedown.enums.EventKind}


def test_polars_frames_hold_the_same_cells_with_typed_columns(
    built: dict[str, frames.Frame],
) -> None:
    pl = pytest.importorskip("polars")
    dfs = frames.to_polars()
    assert list(dfs) == list(built)
    expected = {
        str: pl.String,
        int: pl.Int64,
        float: pl.Float64,
        bool: pl.Boolean,
        dt.date: pl.Date,
    }
    for name, frame in built.items():
        df = dfs[name]
        for column in frame.columns:
            dtype = expected[column.type]
            assert df.schema[column.name] == (pl.List(dtype) if column.is_list else dtype)
            assert df[column.name].to_list() == frame.column(column.name), (name, column)
    cast = dfs["cast"].join(dfs["people"], left_on="person_id", right_on="id")
    assert "Omar Sy" in cast["name"].to_list()


def test_one_table_in_either_library(ds: Dataset) -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("polars")
    pandas_df = frames.table_frame("plot_characters")
    polars_df = frames.table_frame("plot_characters", backend="polars", ds=ds)
    assert list(pandas_df.columns) == ["plot_id", "position", "character_id"]
    assert polars_df.rows() == list(pandas_df.itertuples(index=False, name=None))
    opening = ds.plot("The Takedown")[0]
    assert polars_df.filter(plot_id=opening.id)["character_id"].to_list() == [
        c.id for c in opening.characters
    ]


def test_unknown_tables_and_backends_are_refused_with_suggestions() -> None:
    pytest.importorskip("pandas")
    with pytest.raises(takedown.NotFoundError, match="did you mean 'plot_characters'"):
        frames.table_frame("plot_character")
    with pytest.raises(takedown.NotFoundError, match="'pandas', 'polars'"):
        frames.table_frame("films", backend="arrow")  # type: ignore[call-overload]


@pytest.mark.parametrize(
    ("module", "call"),
    [
        ("pandas", lambda: frames.to_pandas()),
        ("polars", lambda: frames.to_polars()),
        ("pandas", lambda: frames.table_frame("films")),
        ("polars", lambda: frames.table_frame("films", backend="polars")),
    ],
)
def test_a_missing_library_names_the_extra_to_install(
    module: str, call: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what an uninstalled module looks like
    with pytest.raises(ImportError, match=rf"pip install 'takedown-film\[{module}\]'") as error:
        call()
    assert isinstance(error.value.__cause__, ImportError)
