"""JSON Schema generated from the models: the data files pass, broken records do not."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import takedown
from takedown._convert import converter
from takedown._manifest import packaged_data
from takedown._tables import table_specs
from takedown.export import document, json_schema, write_schemas
from takedown.strategies import STRATEGIES

TABLES = [spec.name for spec in table_specs()]


def validator(schema: dict[str, Any]) -> Any:
    """A draft 2020-12 validator that also checks formats (dates)."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@cache
def table_validator(table: str | None) -> Any:
    return validator(json_schema(table))


def packaged(table: str) -> Any:
    return json.loads(packaged_data().joinpath(f"{table}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", TABLES)
def test_every_packaged_data_file_validates(table: str) -> None:
    errors = [e.message for e in validator(json_schema(table)).iter_errors(packaged(table))]
    assert errors == []


def test_the_whole_dataset_document_validates() -> None:
    doc = document(takedown.load())
    assert list(validator(json_schema()).iter_errors(doc)) == []
    doc["tables"].pop("films")
    assert not validator(json_schema()).is_valid(doc)


def _set(path: str, value: Any) -> Any:
    """A mutation: set ``value`` at the dotted ``path`` of the first record."""

    def mutate(records: list[Any]) -> None:
        *parents, last = path.split(".")
        target: Any = records[0]
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = value

    return mutate


_DELETE = object()

BROKEN = [
    ("films", "year", "2022"),
    ("films", "year", 2022.5),
    ("films", "title", "   "),
    ("films", "title", _DELETE),
    ("films", "rating", 5),
    ("films", "id", "film/The Takedown"),
    ("films", "budget.amount", "17 million"),
    ("films", "budget.note", "extra"),
    ("films", "sources", []),
    ("films", "sources.1", "source/wikipedia"),
    ("films", "genres", "comedy"),
    ("films", "release_date", "6 May 2022"),
    ("films", "release_date", "2022-02-30"),
    ("cast", "person", "film/the-takedown"),
    ("cast", "order", 0.5),
    ("cast", "citations", [{"field": "nickname", "sources": ["source/wikipedia"]}]),
    ("cast", "citations", [{"field": "order", "sources": []}]),
    ("events", "date", "2021-3"),
    ("events", "date", "March 2021"),
    ("films", "countries.0.code", 7),
    ("films", "countries.0", "FR"),
    ("admissions", "market.name", _DELETE),
    ("conflicts", "claims.0.value", _DELETE),
    ("cast", "character", 7),
    ("events", "kind", "premiere"),
    ("plot", "characters.0", "person/omar-sy"),
    ("conflicts", "claims.0.sources", _DELETE),
    ("locations", "fictional", "no"),
]


@pytest.mark.parametrize(("table", "path", "value"), BROKEN, ids=lambda v: str(v)[:20])
def test_a_broken_record_does_not_validate(table: str, path: str, value: Any) -> None:
    records = copy.deepcopy(packaged(table))
    if path == "sources.1":  # repeat the first citation
        value = records[0]["sources"][0]
        records[0]["sources"] = [value, value]
    else:
        _set(path, value)(records)
    assert not table_validator(table).is_valid(records)


@pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda cls: cls.__name__)
@settings(max_examples=10)
@given(data=st.data())
def test_any_valid_record_of_each_kind_validates(cls: type, data: st.DataObject) -> None:
    record = data.draw(STRATEGIES[cls])
    table = next(spec.name for spec in table_specs() if spec.record is cls)
    raw = json.loads(json.dumps(converter.unstructure(record)))
    assert list(table_validator(table).iter_errors([raw])) == []


def test_references_and_ids_name_their_kind() -> None:
    cast = json_schema("cast.json")["$defs"]["CastCredit"]
    assert cast["properties"]["person"]["pattern"].startswith("^person/")
    assert cast["properties"]["id"]["pattern"].startswith("^cast/")
    character = cast["properties"]["character"]["anyOf"]
    assert {"type": "null"} in character
    assert cast["required"] == ["id", "film", "person", "sources"]  # the rest have defaults
    assert cast["additionalProperties"] is False


def test_an_unknown_table_is_not_found_with_a_suggestion() -> None:
    with pytest.raises(takedown.NotFoundError, match="'films'"):
        json_schema("flims")


def test_write_schemas_writes_one_per_table(tmp_path: Path) -> None:
    written = write_schemas(tmp_path)
    assert sorted(p.name for p in written) == sorted(
        [f"{t}.schema.json" for t in TABLES] + ["dataset.schema.json"]
    )
    for table in TABLES:
        on_disk = json.loads((tmp_path / f"{table}.schema.json").read_text(encoding="utf-8"))
        assert on_disk == json_schema(table)
