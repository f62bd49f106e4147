"""CSV export: a file per table (the tables of :mod:`takedown.frames`, whose docstring
states the flattening rules), described by a Frictionless ``datapackage.json``.  An enum is
its value, a date ISO 8601, unknown is empty, a list of plain strings one ``;``-joined cell.

Every cell holds its value exactly, even one starting with ``=``, ``+``, ``-`` or ``@``
that a spreadsheet may run as a formula: the files are data for programs, which must read
back what the dataset says, and OWASP's ``'`` prefix would change the value for all of
them.  To open untrusted data in a spreadsheet, import the columns as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cite import AUTHOR, LICENSE, LICENSE_URL, NAME, URL
from .._flat import JSON, Column, Table, flatten
from ..errors import DataError
from ..models import PartialDate
from ._io import SUMMARY, dumps, write_files

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["LIST_SEPARATOR", "datapackage", "write_csv"]

#: Joins the items of a list of plain strings in one CSV cell.
LIST_SEPARATOR = ";"

#: The Table Schema type of each type of cell.
_FIELD_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number", dt.date: "date"}

#: A partial date, as a Table Schema pattern (implicitly anchored at both ends).
_PARTIAL_DATE = "[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _joined(table: Table, row: tuple[Any, ...], name: str, values: list[Any]) -> str:
    items = [_cell(v) for v in values]
    for item in items:
        if LIST_SEPARATOR in item:
            names = [c.name for c in table.columns]
            where = (
                row[names.index("id")] if "id" in names else getattr(table.source, "__name__", "")
            )
            raise DataError(
                f"{where}: {name} item {item!r} contains {LIST_SEPARATOR!r}, "
                "the CSV export's list separator",
                file=f"{table.name}.csv",
            )
    return LIST_SEPARATOR.join(items)


def _text(table: Table) -> str:
    """The CSV file (RFC 4180: header row, CRLF line ends, quotes only where needed)."""
    names = [c.name for c in table.columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(names)
    for row in table.rows:
        writer.writerow(
            _joined(table, row, name, v) if isinstance(v, list) else _cell(v)
            for name, v in zip(names, row, strict=True)
        )
    return out.getvalue()


def _schema_field(table: Table, column: Column) -> dict[str, Any]:
    schema: dict[str, Any] = {"name": column.name, "type": _FIELD_TYPES[column.type]}
    constraints: dict[str, Any] = {}
    if issubclass(column.item, enum.Enum):
        constraints["enum"] = [member.value for member in column.item]
    if column.item is PartialDate:
        constraints["pattern"] = _PARTIAL_DATE
        schema["description"] = "A date known to the year, the month or the day"
    if column.item is JSON:
        schema["description"] = "JSON text of the value, typed as the disputed field"
    if column.required:
        constraints["required"] = True
    if constraints:
        schema["constraints"] = constraints
    # Every column of a link table is a key: only a record's own references are described.
    if column.ref is not None and table.source is not None:
        schema["description"] = f"Id of a record in {column.ref}.csv"
    if column.is_list:
        schema["description"] = f"A list: items separated by '{LIST_SEPARATOR}'"
    return schema


def _resource(table: Table) -> dict[str, Any]:
    """The Data Package resource that describes ``table``."""
    keys = [
        # A reference into the table itself is a self-reference: "" in Table Schema.
        {
            "fields": k.columns,
            "reference": {"resource": "" if k.table == table.name else k.table, "fields": k.key},
        }
        for k in table.foreign_keys
    ]
    schema: dict[str, Any] = {
        "fields": [_schema_field(table, c) for c in table.columns],
        "primaryKey": table.key,
        "missingValues": [""],
    }
    if keys:
        schema["foreignKeys"] = keys
    if table.source is not None:
        title = (table.source.__doc__ or table.source.__name__).strip().splitlines()[0]
    else:
        assert table.owner is not None
        title = f"The {table.attr} of each record of {table.owner.name}.csv"
    return {
        "name": table.name,
        "title": title,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    }


#: Licences the sources may have, as a Data Package describes a licence.
_SOURCE_LICENSES = {
    "CC-BY-SA-4.0": {
        "name": "CC-BY-SA-4.0",
        "path": "https://creativecommons.org/licenses/by-sa/4.0/",
        "title": "Creative Commons Attribution-ShareAlike 4.0",
    },
}

#: What a source's licence means for the facts drawn from it.
_FACTS_NOTE = (
    " A source's licence covers its wording, which this package never copies: every"
    " summary is written anew, and each fact drawn from a source is cited to it, so that"
    " the source is attributed wherever the fact travels."
)


def _source(record: Any) -> dict[str, Any]:
    source: dict[str, Any] = {"title": record.title, "path": record.file, "id": record.id}
    source["kind"] = record.kind.value
    if record.published is not None:
        source["published"] = record.published.isoformat()
    if record.license is not None:
        source["licenses"] = [_SOURCE_LICENSES.get(record.license, {"name": record.license})]
    return source


def datapackage(ds: Dataset) -> dict[str, Any]:
    """The Frictionless Data Package descriptor of the CSV export of ``ds``.

    Every table has field types, a primary key and foreign keys; the dataset's sources are
    listed as the package's ``sources`` and its licence is the project's (MIT).
    """
    tables = flatten(ds)
    for table in tables:
        _text(table)  # refuses a list item holding the separator, as write_csv does
    return _descriptor(ds, tables)


def _descriptor(ds: Dataset, tables: list[Table]) -> dict[str, Any]:
    version = ds.version
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "The Takedown (2022) and its 2012 predecessor",
        "description": SUMMARY + _FACTS_NOTE,
        "homepage": URL,
        "contributors": [{"title": AUTHOR, "role": "author"}],
        "licenses": [{"name": LICENSE, "path": LICENSE_URL, "title": f"{LICENSE} License"}],
        "sources": [_source(s) for s in ds.sources],
        "resources": [_resource(t) for t in tables],
    }
    # The data's own version, never the code's; "created" is that version's release, so the
    # package comes out the same every time.
    if version is not None:
        descriptor["version"] = version.data
        if version.released is not None:
            descriptor["created"] = f"{version.released.isoformat()}T00:00:00Z"
        descriptor["takedown"] = {"schema_version": version.schema, "sha256": version.digest}
    return descriptor


def write_csv(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write every table of ``ds`` as CSV, plus ``datapackage.json`` describing them.

    Lists of references become link tables (``plot_characters.csv``...), so every foreign
    key can be checked, e.g. with ``frictionless validate datapackage.json``.  Raises
    :class:`~takedown.DataError` if an item of a list of strings contains
    :data:`LIST_SEPARATOR`.  Returns the paths written.
    """
    tables = flatten(ds)
    files = {f"{t.name}.csv": _text(t) for t in tables}
    files["datapackage.json"] = dumps(_descriptor(ds, tables))
    return write_files(directory, files)
