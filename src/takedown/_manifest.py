"""The data manifest: the data version, the schema version and a SHA-256 digest of every
table file.

The data version (``data_version``, ``MAJOR.MINOR.PATCH``) moves with the facts, apart from
the code's version: ``docs/data-changelog.md`` says what changed in each.

:func:`takedown.export.write_json` writes it beside the tables (``python tools/manifest.py``
rewrites the packaged data that way); :func:`verify` compares the files against it, so a
corrupted install is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import attrs

from .loader import check_digest, read_bytes, read_manifest
from .tables import SCHEMA_VERSION, table_specs

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["DataVersion", "build", "packaged_data", "read_version", "verify"]


def packaged_data() -> Traversable:
    """The packaged data directory (zip-safe: never a filesystem path)."""
    return files("takedown") / "data"


@attrs.frozen
class DataVersion:
    """Which data a dataset holds: ``data`` (``"2.0.0"``), the file layout's ``schema``
    version, and ``digest``, one SHA-256 over every table file's digest."""

    data: str
    schema: int
    digest: str
    #: The day the data version was released, when the manifest says.
    released: dt.date | None = None

    def __str__(self) -> str:
        return f"data {self.data} (schema {self.schema}, sha256 {self.digest[:12]})"


def build(
    root: Traversable, data_version: str | None, released: dt.date | None = None
) -> dict[str, Any]:
    """The manifest that describes the table files under ``root`` as they are now, with
    ``data_version`` unless it is None (unknown)."""
    digests = {
        spec.file: hashlib.sha256(root.joinpath(spec.file).read_bytes()).hexdigest()
        for spec in table_specs()
    }
    manifest: dict[str, Any] = {} if data_version is None else {"data_version": data_version}
    if released is not None:
        manifest["data_released"] = released.isoformat()
    return {**manifest, "schema_version": SCHEMA_VERSION, "sha256": digests}


def read_version(root: Traversable) -> DataVersion | None:
    """The version the manifest under ``root`` records (None if it records no data version
    or no digests), or a DataError naming what is wrong with the manifest."""
    manifest = read_manifest(root)
    digests = manifest.get("sha256")
    if "data_version" not in manifest or digests is None:
        return None
    combined = hashlib.sha256("".join(f"{k}:{v}\n" for k, v in sorted(digests.items())).encode())
    released = manifest.get("data_released")
    day = None if released is None else dt.date.fromisoformat(released)
    return DataVersion(manifest["data_version"], SCHEMA_VERSION, combined.hexdigest(), day)


def verify(root: Traversable | None = None) -> None:
    """Raise DataError if a table file under ``root`` (default: packaged) is not as recorded."""
    root = packaged_data() if root is None else root
    digests = read_manifest(root, require_digests=True)["sha256"]
    for spec in table_specs():
        check_digest(spec.file, read_bytes(root, spec.file), digests)
