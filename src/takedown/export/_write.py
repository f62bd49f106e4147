"""One entry point for every export format, as the command line offers them.

:func:`write` never leaves half an export: the files go into a new directory beside the
target, which is moved into place only once every file is written (see
:func:`~takedown.export._io.place`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ._csv import write_csv
from ._io import place
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
    """Export ``ds`` in ``format`` (a key of :data:`FORMATS`) into ``directory``.

    ``directory`` may be missing (it is created, with its parents) or an empty directory
    (filled in place).  Any other existing ``directory`` raises :class:`FileExistsError`
    unless ``force`` is true, in which case it is replaced, its old content removed only
    once the new export is complete.  The files are written into a new hidden directory
    beside ``directory`` and renamed into place, so a failure part way leaves neither
    half an export nor the temporary directory behind, and of two exports at once without
    ``force`` one wins and the other raises :class:`FileExistsError`.  A symbolic link
    at ``directory`` counts as existing, and is never written through: ``force``
    replaces the link itself.

    For ``"sqlite"``, ``directory`` is the database file to write instead, refused like a
    directory if it or the ``metadata.json`` beside it exists, unless ``force`` is true.

    Raises :class:`ValueError` for an unknown format or an empty path;
    :class:`FileExistsError` only when what is in the way is the target (or the
    ``metadata.json`` beside a database), which ``force`` replaces;
    :class:`NotADirectoryError` if ``directory`` or a parent is a file (``force`` does not
    help), :class:`IsADirectoryError` if the database path is a directory, and another
    :class:`OSError` naming the path if it cannot be written.  Returns the paths written,
    under ``directory``.
    """
    from ..dataset import expect_dataset

    expect_dataset(ds)
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    if not os.fspath(directory):
        raise ValueError("the export directory is an empty path")
    if format == "sqlite":  # a file, not a directory
        return write_sqlite(ds, directory, replace=force)
    writer = _WRITERS[format]

    def make(staged: list[Path]) -> list[Path]:
        (staging,) = staged
        return [Path(directory, path.relative_to(staging)) for path in writer(ds, staging)]

    return place([Path(directory)], make, folder=True, replace=force)
