"""The data manifest: schema version and a SHA-256 digest of every table file.

:func:`takedown.export.write_json` writes it beside the tables (``python tools/manifest.py``
rewrites the packaged data that way); :func:`verify` compares the files against it, so a
corrupted install is detected.
"""

from __future__ import annotations

import hashlib
import sys
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from .loader import check_digest, read_bytes, read_manifest
from .tables import SCHEMA_VERSION, table_specs

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["build", "packaged_data", "verify"]


def packaged_data() -> Traversable:
    """The packaged data directory (zip-safe: never a filesystem path)."""
    return files("takedown") / "data"


def build(root: Traversable) -> dict[str, Any]:
    """The manifest that describes the table files under ``root`` as they are now."""
    digests = {
        spec.file: hashlib.sha256(root.joinpath(spec.file).read_bytes()).hexdigest()
        for spec in table_specs()
    }
    return {"schema_version": SCHEMA_VERSION, "sha256": digests}


def verify(root: Traversable | None = None) -> None:
    """Raise DataError if a table file under ``root`` (default: packaged) is not as recorded."""
    root = packaged_data() if root is None else root
    digests = read_manifest(root, require_digests=True)
    for spec in table_specs():
        check_digest(spec.file, read_bytes(root, spec.file), digests)
