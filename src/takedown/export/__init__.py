"""Export a dataset: JSON data files, CSV with a Frictionless Data Package, schema.org
JSON-LD, RDF Turtle, JSON Schema and a SQLite database.

Nothing heavy is imported here; each export imports what it needs when called.  Every
writer refuses an empty string as path with :class:`ValueError` rather than read it as
the current directory.

>>> import takedown, takedown.export
>>> takedown.export.jsonld(takedown.load(), "The Takedown")["@type"]
'Movie'
"""

from __future__ import annotations

from ._csv import LIST_SEPARATOR, datapackage, write_csv
from ._json import document, table_records, write_json
from ._jsonld import CONTEXT, jsonld, jsonld_graph, jsonld_series, write_jsonld
from ._schema import json_schema, write_schemas
from ._sqlite import write_sqlite
from ._turtle import turtle, write_turtle
from ._write import FORMATS, write

__all__ = [
    "CONTEXT",
    "FORMATS",
    "LIST_SEPARATOR",
    "datapackage",
    "document",
    "json_schema",
    "jsonld",
    "jsonld_graph",
    "jsonld_series",
    "table_records",
    "write",
    "write_csv",
    "write_json",
    "write_jsonld",
    "write_schemas",
    "turtle",
    "write_sqlite",
    "write_turtle",
]
