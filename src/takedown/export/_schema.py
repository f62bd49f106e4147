"""JSON Schema (draft 2020-12) of the data files, generated from the record classes.

What one file can show is checked (types, required and unknown keys, id formats, enums,
dates, non-blank text, repeated items, cited field names); what needs several records or
arithmetic (references resolve, a value within its scale, a claim's type) is the loader's.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from pathlib import Path
from typing import Any

from .._fields import UNCITABLE
from .._flat import JSON, FieldShape, id_pattern, shape_of
from .._text import suggest
from ..errors import NotFoundError
from ..models import PartialDate
from ._io import dumps, write_files

__all__ = ["DIALECT", "json_schema", "write_schemas"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The schema of a value of each leaf type but enums.  A claim's value (JSON) is whatever
#: the disputed field holds: text, a number, a date, an id, a list, an object or null.
_ITEM_SCHEMAS: dict[type, dict[str, Any]] = {
    str: {"type": "string", "pattern": r"\S"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
    dt.date: {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    PartialDate: {
        "type": "string",
        "description": "A date known to the year, the month or the day.",
        "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
    },
    JSON: {"description": "A value of the disputed field's type, as that field is written."},
}


class _Definitions:
    """Builds object schemas, one ``$defs`` entry per class reached."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder first: a class may refer to itself
            self.defs[name] = self.object(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object(self, cls: type) -> dict[str, Any]:
        kind: str | None = getattr(cls, "KIND", None)
        properties = {}
        for shape in shape_of(cls):
            own_id = shape.name == "id" and kind is not None
            properties[shape.name] = self.field(shape, id_kind=kind if own_id else None)
            if shape.cites:
                cited = [s.name for s in shape_of(cls) if s.name not in UNCITABLE]
                citation = properties[shape.name]["items"]
                citation["properties"] = {"field": {"enum": cited}}
        doc = (cls.__doc__ or "").strip()
        schema: dict[str, Any] = {"type": "object"}
        if doc:
            schema["description"] = " ".join(doc.split())
        schema["properties"] = properties
        schema["required"] = [s.name for s in shape_of(cls) if s.required]
        schema["additionalProperties"] = False
        return schema

    def item(self, shape: FieldShape, id_kind: str | None) -> dict[str, Any]:
        if shape.ref_kind is not None or id_kind is not None:
            return {"type": "string", "pattern": id_pattern(shape.ref_kind or id_kind)}
        if shape.is_nested:
            return self.ref(shape.item)
        if issubclass(shape.item, enum.Enum):
            return {"type": "string", "enum": [m.value for m in shape.item]}
        return dict(_ITEM_SCHEMAS[shape.item])

    def field(self, shape: FieldShape, id_kind: str | None = None) -> dict[str, Any]:
        schema = self.item(shape, id_kind)
        if shape.container != "one":
            schema = {"type": "array", "items": schema}
            if shape.distinct:
                schema["uniqueItems"] = True
            if shape.ref_kind == "source":
                schema["minItems"] = 1
        if shape.optional:
            schema = {"anyOf": [schema, {"type": "null"}]}
        return schema


def _table_schema(name: str, record: type, defs: _Definitions) -> dict[str, Any]:
    return {
        "type": "array",
        "description": f"The {name} table: one object per record.",
        "items": defs.ref(record),
    }


def json_schema(table: str | None = None) -> dict[str, Any]:
    """The JSON Schema of one data file (``"films"`` or ``"films.json"``), or with no
    ``table`` of the whole dataset as one document (see :func:`takedown.export.document`).

    Raises :class:`~takedown.NotFoundError` for an unknown table name.

    >>> json_schema("films")["$defs"]["Film"]["properties"]["year"]
    {'type': 'integer'}
    """
    from .._tables import SCHEMA_VERSION, table_specs

    specs = {spec.name: spec for spec in table_specs()}
    defs = _Definitions()
    if table is not None:
        name = table.removesuffix(".json")
        if name not in specs:
            raise NotFoundError("table", table, suggest(name, specs))
        body = _table_schema(name, specs[name].record, defs)
        return {"$schema": DIALECT, "title": specs[name].file, **body, "$defs": defs.defs}
    tables = {name: _table_schema(name, spec.record, defs) for name, spec in specs.items()}
    return {
        "$schema": DIALECT,
        "title": "takedown dataset",
        "type": "object",
        "properties": {
            "schema_version": {"const": SCHEMA_VERSION},
            "tables": {
                "type": "object",
                "properties": tables,
                "required": list(tables),
                "additionalProperties": False,
            },
        },
        "required": ["schema_version", "tables"],
        "additionalProperties": False,
        "$defs": defs.defs,
    }


def write_schemas(directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``<table>.schema.json`` for every data file and ``dataset.schema.json``."""
    from .._tables import table_specs

    files = {f"{spec.name}.schema.json": dumps(json_schema(spec.name)) for spec in table_specs()}
    files["dataset.schema.json"] = dumps(json_schema())
    return write_files(directory, files)
