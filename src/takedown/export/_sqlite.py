"""SQLite export (standard library :mod:`sqlite3` only): the tables of the CSV export and
:mod:`takedown.frames` in one database, with typed columns, primary and indexed foreign
keys, views joining what users ask most (``cast_credits``, ``plot_events``,
``claims_with_sources``) and, where this SQLite has FTS5, a full-text ``search`` table.
``metadata.json`` beside it describes the database in Datasette's format, under the name
Datasette gives it: the file's stem.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import errno
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._cite import LICENSE, LICENSE_URL, NAME, URL
from .._flat import Column, Table, flatten
from .._text import named, text_of
from ._io import SUMMARY, dumps, given, place

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["METADATA", "write_sqlite"]

#: The name of the Datasette metadata file written beside the database.
METADATA = "metadata.json"

_SQL_TYPES: dict[type, str] = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}


def _linked_names(links: str, table: str, column: str) -> str:
    """A subquery joining, with "; ", the names a plot event's ``links`` table points to."""
    return (
        f"(SELECT group_concat(t.name, '; ') FROM {links} AS k"
        f" JOIN {table} AS t ON t.id = k.{column} WHERE k.plot_id = e.id)"
    )


#: The views, each with its description and query.
_VIEWS = {
    "cast_credits": (
        "The cast of each film with the names of the people and the characters.",
        """
        SELECT c.film_id, f.title AS film, c."order" AS billing, c.person_id, p.name AS person,
               c.character_id, ch.name AS character
        FROM "cast" AS c
        JOIN films AS f ON f.id = c.film_id
        JOIN people AS p ON p.id = c.person_id
        LEFT JOIN characters AS ch ON ch.id = c.character_id
        """,
    ),
    "plot_events": (
        "Each plot event in story order, with who takes part and where it happens, and"
        " whom and which places it only mentions.",
        f"""
        SELECT e.id, e.film_id, e."order", e.summary,
               {_linked_names("plot_characters", "characters", "character_id")} AS characters,
               {_linked_names("plot_locations", "locations", "location_id")} AS places,
               {_linked_names("plot_mentioned_characters", "characters", "character_id")}
                   AS mentioned_characters,
               {_linked_names("plot_mentioned_locations", "locations", "location_id")}
                   AS mentioned_places
        FROM plot AS e
        """,
    ),
    "claims_with_sources": (
        "Each claim of a disagreement between sources, with its sources.",
        """
        SELECT k.id AS conflict_id, k.subject, k.field, c.position, c.value, c.preferred,
               s.id AS source_id, s.title AS source
        FROM conflicts AS k
        JOIN conflict_claims AS c ON c.conflict_id = k.id
        JOIN conflict_claim_sources AS cs
             ON cs.conflict_id = c.conflict_id AND cs.claim_position = c.position
        JOIN sources AS s ON s.id = cs.source_id
        """,
    ),
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _column(column: Column) -> str:
    sql_type = "TEXT" if column.is_list else _SQL_TYPES.get(column.type, "TEXT")
    name = _quote(column.name)
    parts = [name, sql_type]
    if column.required:
        parts.append("NOT NULL")
    if issubclass(column.item, enum.Enum) and not column.is_list:
        values = ", ".join("'" + str(m.value).replace("'", "''") + "'" for m in column.item)
        parts.append(f"CHECK ({name} IN ({values}))")
    elif column.type is bool:
        parts.append(f"CHECK ({name} IN (0, 1))")
    return " ".join(parts)


def _names(columns: list[str]) -> str:
    return ", ".join(map(_quote, columns))


def _create(table: Table) -> list[str]:
    """The statements that make ``table`` and the indexes of its foreign keys."""
    lines = [_column(c) for c in table.columns]
    lines.append(f"PRIMARY KEY ({_names(table.key)})")
    keys = table.foreign_keys
    lines += [
        f"FOREIGN KEY ({_names(k.columns)}) REFERENCES {_quote(k.table)} ({_names(k.key)})"
        for k in keys
    ]
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(lines) + "\n)"]
    for k in keys:
        index = _quote(f"{table.name}__{'__'.join(k.columns)}")
        statements.append(f"CREATE INDEX {index} ON {_quote(table.name)} ({_names(k.columns)})")
    return statements


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _has_fts5(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x)")
    except sqlite3.OperationalError:
        return False
    connection.execute("DROP TABLE temp.fts5_probe")
    return True


def _search_rows(ds: Dataset) -> list[tuple[str, str, str, str]]:
    rows = []
    for record in ds.tables.records():
        names = " ".join(name for _, name in named(record))
        prose = " ".join(passage for _, passage in text_of(record))
        rows.append((type(record).KIND, record.id, names, prose))
    return rows


def _fill(connection: sqlite3.Connection, ds: Dataset, tables: list[Table]) -> bool:
    """Make and fill every table, view and index; whether the search index was made."""
    for table in tables:
        for statement in _create(table):
            connection.execute(statement)
        marks = ", ".join("?" for _ in table.columns)
        connection.executemany(
            f"INSERT INTO {_quote(table.name)} VALUES ({marks})",
            [tuple(map(_value, row)) for row in table.rows],
        )
    for name, (_, query) in _VIEWS.items():
        connection.execute(f"CREATE VIEW {_quote(name)} AS {query}")
    fts = _has_fts5(connection)
    if fts:
        connection.execute("CREATE VIRTUAL TABLE search USING fts5(kind, id, names, prose)")
        connection.executemany("INSERT INTO search VALUES (?, ?, ?, ?)", _search_rows(ds))
    broken = connection.execute("PRAGMA foreign_key_check").fetchall()
    if broken:  # the loader checked every reference: this is a bug of the export
        raise AssertionError(f"foreign keys do not hold in the export: {broken[:5]}")
    return fts


def _describe(table: Table) -> str:
    """A table's one-line description: its records' class, or what it lists for its owner."""
    if table.owner is not None:
        return f"Rows of {table.owner.name}.{table.attr}, one per item."
    if table.source is None:  # every table is a record table or hangs off one
        return ""
    return f"{table.source.__name__} records: {(table.source.__doc__ or '').split('.')[0]}."


def metadata(ds: Dataset, tables: list[Table], *, fts: bool, database: str) -> dict[str, Any]:
    """The Datasette metadata of the database made from ``ds``, named ``database``."""
    from .. import __version__

    described = {table.name: {"description": _describe(table)} for table in tables}
    described.update({name: {"description": text} for name, (text, _) in _VIEWS.items()})
    if fts:
        described["search"] = {
            "description": "FTS5 full-text index over every record's names and prose."
        }
    version = ds.version
    return {
        "title": NAME,
        "description": SUMMARY
        + (f" Data version {version.data}." if version else " Data version unknown.")
        + ("" if fts else " This SQLite has no FTS5: the database has no search table."),
        "license": LICENSE,
        "license_url": LICENSE_URL,
        "source": "Five public documents about the films; see the sources table.",
        "source_url": URL,
        "about": f"takedown-film {__version__}"
        + (f", data {version.data}, sha256 {version.digest}" if version else ""),
        "databases": {database: {"tables": described}},
    }


def write_sqlite(ds: Dataset, path: str | os.PathLike[str], *, replace: bool = True) -> list[Path]:
    """Write ``ds`` as the SQLite database ``path``, and ``metadata.json`` beside it.

    An existing file or link there is replaced once the new database is complete, or with
    ``replace`` false raises :class:`FileExistsError`.  Raises :class:`IsADirectoryError`
    if ``path`` is a directory, and another :class:`OSError` naming ``path`` if it cannot
    be written.  Returns the paths written.
    """
    target = given(path, "database")
    if target.name in ("", ".."):
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a file", str(path))
    described = target.with_name(METADATA)
    tables = flatten(ds)

    def make(staged: list[Path]) -> None:
        database, beside = staged
        try:
            with contextlib.closing(sqlite3.connect(database)) as connection:
                # The file is this export's own until it is complete: no journal beside it.
                connection.execute("PRAGMA journal_mode = MEMORY")
                with connection:
                    fts = _fill(connection, ds, tables)
                    connection.execute(
                        "CREATE TABLE dataset_version (data TEXT, schema INTEGER, sha256 TEXT)"
                    )
                    if (version := ds.version) is not None:
                        connection.execute(
                            "INSERT INTO dataset_version VALUES (?, ?, ?)",
                            (version.data, version.schema, version.digest),
                        )
        except sqlite3.OperationalError as exc:  # a full disk, an I/O error: not the data's fault
            message = f"SQLite cannot write the database ({exc})"
            raise OSError(errno.EIO, message, str(target)) from exc
        text = dumps(metadata(ds, tables, fts=fts, database=target.stem))
        beside.write_bytes(text.encode("utf-8"))

    place([target, described], make, folder=False, replace=replace)
    return [target, described]
