"""One entry point for every export format, as the command line offers them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ._csv import write_csv
from ._io import given, place
from ._json import write_json
from ._jsonld import write_jsonld
from ._schema import write_schemas
from ._sqlite import write_sqlite
from ._turtle import write_turtle

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["FORMATS", "write"]

_WRITERS: dict[str, Callable[[Dataset, str | os.PathLike[str]], list[Path]]] = {
    "json": write_json,
    "csv": write_csv,
    "jsonld": write_jsonld,
    "schema": lambda _, directory: write_schemas(directory),
    "turtle": write_turtle,
}

#: The export formats and what each writes.
FORMATS: dict[str, str] = {
    "json": "one JSON file per table and manifest.json (loads back with Dataset.from_path)",
    "csv": "one CSV file per table and link table, with a Frictionless datapackage.json",
    "jsonld": "a schema.org Movie per film and the MovieSeries linking them",
    "schema": "a JSON Schema per data file and one for the whole dataset",
    "sqlite": "one SQLite database file (PATH.db), with metadata.json beside it",
    "turtle": "the JSON-LD graph as RDF Turtle, takedown.ttl (needs the rdf extra)",
}


def write(
    ds: Dataset, format: str, directory: str | os.PathLike[str], *, force: bool = False
) -> list[Path]:
    """Export ``ds`` in ``format`` (a key of :data:`FORMATS`) into ``directory``; return the
    paths written.

    ``directory`` may be missing (it is made) or empty (filled in place); anything else
    there, a symbolic link included, raises :class:`FileExistsError` unless ``force``, which
    replaces it (the link itself, never what it points to) once the new export is complete;
    a directory that is or holds the current directory is never replaced (:class:`OSError`).
    The export is written beside ``directory`` and moved into place, so a failure leaves
    nothing behind, and of two exports at once without ``force`` one wins.  For
    ``"sqlite"``, ``directory`` is the database file, refused likewise if it or the
    ``metadata.json`` beside it exists.

    Raises :class:`ValueError` for an unknown format or an empty string as path,
    :class:`NotADirectoryError` if ``directory`` or a parent is a file,
    :class:`IsADirectoryError` if the database path is a directory, and another
    :class:`OSError` naming the path if it cannot be written.
    """
    from ..dataset import expect_dataset

    expect_dataset(ds)
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    if format == "sqlite":  # a file, not a directory
        return write_sqlite(ds, directory, replace=force)
    given(directory, "export directory")
    writer = _WRITERS[format]

    def make(staged: list[Path]) -> list[Path]:
        (staging,) = staged
        return [Path(directory, path.relative_to(staging)) for path in writer(ds, staging)]

    return place([Path(directory)], make, folder=True, replace=force)
