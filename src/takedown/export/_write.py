"""One entry point for every export format, as the command line offers them."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ._csv import write_csv
from ._json import write_json
from ._jsonld import write_jsonld
from ._schema import write_schemas

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["FORMATS", "write"]

_WRITERS: dict[str, Callable[[Dataset, str | os.PathLike[str]], list[Path]]] = {
    "json": write_json,
    "csv": write_csv,
    "jsonld": write_jsonld,
    "schema": lambda _, directory: write_schemas(directory),
}

#: The export formats and what each writes.
FORMATS: dict[str, str] = {
    "json": "one JSON file per table and manifest.json (loads back with Dataset.from_path)",
    "csv": "one CSV file per table and link table, with a Frictionless datapackage.json",
    "jsonld": "a schema.org Movie per film and the MovieSeries linking them",
    "schema": "a JSON Schema per data file and one for the whole dataset",
}


def write(ds: Dataset, format: str, directory: str | os.PathLike[str]) -> list[Path]:
    """Export ``ds`` in ``format`` (a key of :data:`FORMATS`) into ``directory``.

    Raises :class:`ValueError` for an unknown format and :class:`OSError` if the directory
    cannot be written.  Returns the paths written.
    """
    try:
        writer = _WRITERS[format]
    except KeyError:
        raise ValueError(
            f"unknown export format {format!r}; choose from {', '.join(FORMATS)}"
        ) from None
    return writer(ds, directory)
