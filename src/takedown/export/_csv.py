"""CSV export: a file per table and list field, described by a Frictionless ``datapackage.json``.

Flattening rules, applied to every model by walking its fields (see :mod:`._shape`):

* a scalar field is a column; an enum is its value; a date is ISO 8601; unknown is empty;
* a reference is an ``<field>_id`` column with a foreign key to the referred table;
* a nested object (``budget``, ``score``) is spread into ``<field>_<subfield>`` columns;
* a list of plain strings (aliases, genres, countries) is one column joined with ``;``;
* a list or set of references (``plot.characters``, every ``sources``) is a link table
  ``<kind>_<field>.csv`` with foreign keys both ways, and ``position`` when order matters;
* a list of nested objects (``conflicts.claims``) is a child table keyed by its owner and
  ``position``, whose own lists become link tables in turn.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import DataError
from ._io import dumps, prepare, write_text
from ._shape import FieldShape, shape_of, snake

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["LIST_SEPARATOR", "datapackage", "write_csv"]

#: Joins the items of a list of plain strings in one CSV cell.
LIST_SEPARATOR = ";"

_TABLE_SCHEMA_TYPES: dict[type, str] = {
    str: "string",
    bool: "boolean",
    int: "integer",
    float: "number",
    dt.date: "date",
}

_LICENSE = {
    "name": "MIT",
    "path": "https://opensource.org/licenses/MIT",
    "title": "MIT License",
}


@attrs.define
class _Table:
    """One CSV file: its Table Schema and its rows of cells."""

    name: str
    title: str
    fields: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = attrs.Factory(list)
    rows: list[list[str]] = attrs.Factory(list)

    def resource(self) -> dict[str, Any]:
        """The Data Package resource that describes this table."""
        schema: dict[str, Any] = {
            "fields": self.fields,
            "primaryKey": self.primary_key,
            "missingValues": [""],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = self.foreign_keys
        return {
            "name": self.name,
            "title": self.title,
            "path": f"{self.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }

    def text(self) -> str:
        """The CSV file (RFC 4180: header row, CRLF line ends, quotes only where needed)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([f["name"] for f in self.fields])
        writer.writerows(self.rows)
        return out.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _scalar_field(name: str, shape: FieldShape, required: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name}
    constraints: dict[str, Any] = {}
    if shape.is_enum:
        field["type"] = "string"
        constraints["enum"] = [member.value for member in shape.item]  # type: ignore[attr-defined]
    else:
        field["type"] = _TABLE_SCHEMA_TYPES[shape.item]
    if required:
        constraints["required"] = True
    if constraints:
        field["constraints"] = constraints
    return field


def _key_field(name: str, kind_type: str = "string") -> dict[str, Any]:
    return {"name": name, "type": kind_type, "constraints": {"required": True}}


def _foreign_key(columns: list[str], resource: str, fields: list[str]) -> dict[str, Any]:
    return {"fields": columns, "reference": {"resource": resource, "fields": fields}}


@attrs.frozen
class _Owner:
    """A table being laid out, as the link and child tables hanging off it see it.

    ``items`` holds, per row, the leading cells (the key columns a child table starts
    with), the cells of the row's key and the object itself; ``ref_columns`` are the key's
    columns as they appear in the tables that hang off this one.
    """

    name: str
    stem: str
    primary_key: list[str]
    items: list[tuple[list[str], list[str], Any]]
    ref_columns: list[dict[str, Any]]

    @property
    def ref_names(self) -> list[str]:
        """The names of :attr:`ref_columns`."""
        return [c["name"] for c in self.ref_columns]


class _Builder:
    """Turns the records of every table into :class:`_Table` objects."""

    def __init__(self) -> None:
        from ..tables import table_specs

        self.table_of_kind = {spec.record.KIND: spec.name for spec in table_specs()}  # type: ignore[attr-defined]
        self.tables: list[_Table] = []

    def add(self, owner: _Owner, cls: type, lead: list[dict[str, Any]], fks: list[Any]) -> None:
        """Add the table of ``cls`` objects, starting with the ``lead`` columns."""
        doc = (cls.__doc__ or cls.__name__).strip().splitlines()[0]
        table = _Table(owner.name, doc, list(lead), owner.primary_key, list(fks))
        self.tables.append(table)
        getters: list[Any] = []
        for shape in shape_of(cls):
            getters.extend(self._columns(table, owner, shape))
        columns = [f["name"] for f in table.fields]
        if len(set(columns)) != len(columns):
            raise TypeError(f"{owner.name}: two columns share a name in {columns}")
        for lead_cells, _, obj in owner.items:
            table.rows.append(lead_cells + [_cell(get(obj)) for get in getters])

    def _columns(self, table: _Table, owner: _Owner, shape: FieldShape) -> list[Any]:
        """Add the columns (or side tables) for one field; return a getter per column added."""
        attr = shape.name
        if shape.container == "one" and shape.ref_kind is not None:
            column = f"{attr}_id"
            field = _scalar_field(column, shape, required=not shape.optional)
            target = self.table_of_kind[shape.ref_kind]
            field["description"] = f"Id of a record in {target}.csv"
            table.fields.append(field)
            # A reference into the table being built is a self-reference: "" in Table Schema.
            resource = "" if target == owner.name else target
            table.foreign_keys.append(_foreign_key([column], resource, ["id"]))
            return [lambda obj: getattr(getattr(obj, attr), "id", None)]
        if shape.container == "one" and shape.is_nested:
            return self._spread(table, shape)
        if shape.container == "one":
            table.fields.append(_scalar_field(attr, shape, required=not shape.optional))
            return [lambda obj: getattr(obj, attr)]
        if shape.ref_kind is None and not shape.is_nested:
            field = _scalar_field(attr, shape, required=False)
            field["description"] = f"A list: items separated by '{LIST_SEPARATOR}'"
            table.fields.append(field)
            return [lambda obj: _joined(obj, attr, owner.name)]
        if shape.ref_kind is not None:
            self._link_table(owner, shape)
        else:
            self._child_table(owner, shape)
        return []

    def _spread(self, table: _Table, shape: FieldShape) -> list[Any]:
        getters: list[Any] = []
        for inner in shape_of(shape.item):
            if inner.container != "one" or inner.ref_kind is not None or inner.is_nested:
                raise TypeError(f"{shape.item.__name__}.{inner.name}: only scalars nest in a row")
            required = inner.required and not inner.optional and not shape.optional
            column = f"{shape.name}_{inner.name}"
            table.fields.append(_scalar_field(column, inner, required=required))
            getters.append(
                lambda obj, outer=shape.name, name=inner.name: getattr(
                    getattr(obj, outer), name, None
                )
            )
        return getters

    def _link_table(self, owner: _Owner, shape: FieldShape) -> None:
        assert shape.ref_kind is not None
        ordered = shape.container == "tuple"
        target = f"{snake(shape.ref_kind)}_id"
        fields = list(owner.ref_columns)
        if ordered:
            fields.append(_key_field("position", "integer"))
        fields.append(_key_field(target))
        link = _Table(
            name=f"{owner.stem}_{shape.name}",
            title=f"The {shape.name} of each record of {owner.name}.csv",
            fields=fields,
            primary_key=[*owner.ref_names, "position" if ordered else target],
            foreign_keys=[
                _foreign_key(owner.ref_names, owner.name, owner.primary_key),
                _foreign_key([target], self.table_of_kind[shape.ref_kind], ["id"]),
            ],
        )
        self.tables.append(link)
        for _, key, obj in owner.items:
            ids = [v if isinstance(v, str) else v.id for v in getattr(obj, shape.name)]
            if not ordered:
                ids.sort()
            for i, target_id in enumerate(ids, start=1):
                link.rows.append([*key, *([str(i)] if ordered else []), target_id])

    def _child_table(self, owner: _Owner, shape: FieldShape) -> None:
        child_stem = snake(shape.item.__name__)
        children = []
        for _, key, obj in owner.items:
            for i, child in enumerate(getattr(obj, shape.name), start=1):
                cells = [*key, str(i)]
                children.append((cells, cells, child))
        child = _Owner(
            name=f"{owner.stem}_{shape.name}",
            stem=f"{owner.stem}_{child_stem}",
            primary_key=[*owner.ref_names, "position"],
            items=children,
            ref_columns=[*owner.ref_columns, _key_field(f"{child_stem}_position", "integer")],
        )
        lead = [*owner.ref_columns, _key_field("position", "integer")]
        self.add(
            child, shape.item, lead, [_foreign_key(owner.ref_names, owner.name, owner.primary_key)]
        )


def _joined(obj: Any, attr: str, table: str) -> str:
    items = [_cell(v) for v in getattr(obj, attr)]
    for item in items:
        if LIST_SEPARATOR in item:
            where = getattr(obj, "id", type(obj).__name__)
            raise DataError(
                f"{where}: {attr} item {item!r} contains {LIST_SEPARATOR!r}, "
                "the CSV export's list separator",
                file=f"{table}.csv",
            )
    return LIST_SEPARATOR.join(items)


def _tables(ds: Dataset) -> list[_Table]:
    from ..tables import table_specs

    builder = _Builder()
    for spec in table_specs():
        stem = snake(spec.record.KIND)  # type: ignore[attr-defined]
        records = getattr(ds.tables, spec.name)
        owner = _Owner(
            name=spec.name,
            stem=stem,
            primary_key=["id"],
            items=[([], [r.id], r) for r in records],
            ref_columns=[_key_field(f"{stem}_id")],
        )
        builder.add(owner, spec.record, lead=[], fks=[])
    names = [t.name for t in builder.tables]
    if len(set(names)) != len(names):
        raise TypeError(f"two CSV tables share a name in {names}")
    return builder.tables


def _source(record: Any) -> dict[str, Any]:
    source: dict[str, Any] = {"title": record.title, "id": record.id, "kind": record.kind.value}
    if record.published is not None:
        source["published"] = record.published.isoformat()
    return source


def datapackage(ds: Dataset) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV export of ``ds``.

    Every table has field types, a primary key and foreign keys; the dataset's sources are
    listed as the package's ``sources`` and its licence is the project's (MIT).
    """
    return _descriptor(ds, _tables(ds))


def _descriptor(ds: Dataset, tables: list[_Table]) -> dict[str, Any]:
    from .. import __doc__ as summary
    from .. import __version__

    return {
        "profile": "tabular-data-package",
        "name": "takedown",
        "title": "The Takedown (2022) and its 2012 predecessor",
        "description": (summary or "").strip().splitlines()[0],
        "version": __version__,
        "licenses": [_LICENSE],
        "sources": [_source(s) for s in ds.sources],
        "resources": [t.resource() for t in tables],
    }


def write_csv(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write every table of ``ds`` as CSV, plus ``datapackage.json`` describing them.

    Lists of references become link tables (``plot_characters.csv``...), so every foreign
    key can be checked, e.g. with ``frictionless validate datapackage.json``.  Raises
    :class:`~takedown.DataError` if an item of a list of strings contains
    :data:`LIST_SEPARATOR`.  Returns the paths written.
    """
    tables = _tables(ds)
    root = prepare(directory)
    written = [write_text(root / f"{t.name}.csv", t.text()) for t in tables]
    written.append(write_text(root / "datapackage.json", dumps(_descriptor(ds, tables))))
    return written
