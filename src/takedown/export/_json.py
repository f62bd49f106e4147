"""JSON export in the packaged layout: one file per table plus ``manifest.json``.

The output is canonical (every field written, sets sorted, the project's indentation), so
exporting a dataset loaded from an export gives the same bytes again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._io import dumps, write_files

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["document", "table_records", "write_json"]


def table_records(ds: Dataset) -> dict[str, list[dict[str, Any]]]:
    """Every table as JSON-ready records (references as ids), keyed by table name."""
    from .._convert import converter
    from .._tables import table_specs

    return {
        spec.name: [converter.unstructure(r) for r in getattr(ds.tables, spec.name)]
        for spec in table_specs()
    }


def document(ds: Dataset) -> dict[str, Any]:
    """The whole dataset as one JSON-ready object: ``{"schema_version": 1, "tables": {...}}``.

    >>> import takedown
    >>> doc = document(takedown.load())
    >>> doc["tables"]["films"][0]["id"]
    'film/the-takedown'
    """
    from .._tables import SCHEMA_VERSION

    return {"schema_version": SCHEMA_VERSION, "tables": table_records(ds)}


def write_json(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
    """Write ``ds`` as a data directory that :meth:`Dataset.from_path` loads back equal.

    Writes ``<table>.json`` for every table and a ``manifest.json`` with their digests and
    the dataset's data version, if it has one; other files in ``directory`` are left
    alone.  Returns the paths written.
    """
    from .._manifest import MANIFEST, build
    from .._tables import table_specs

    tables = table_records(ds)
    files = {spec.file: dumps(tables[spec.name]) for spec in table_specs()}
    digests = {
        name: hashlib.sha256(text.encode("utf-8")).hexdigest() for name, text in files.items()
    }
    # The packaged manifest is written this way too (tools/manifest.py), so it is reproduced.
    # A dataset that does not know its data version gets none rather than an invented one.
    version = ds.version
    data, released = (None, None) if version is None else (version.data, version.released)
    described = build(digests, data, released)
    files[MANIFEST] = json.dumps(described, indent=2, sort_keys=True) + "\n"
    return write_files(directory, files)
