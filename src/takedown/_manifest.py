"""The data manifest: the data version (``MAJOR.MINOR.PATCH``, moving with the facts, apart
from the code's version), the schema version and a SHA-256 digest of every table file.  The
loader reads it once per load and checks it with :func:`check`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import sys
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import converter
from ._tables import SCHEMA_VERSION, table_specs
from .errors import DataError, short

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["MANIFEST", "DataVersion", "build", "check", "packaged_data"]

MANIFEST = "manifest.json"

_DATA_VERSION = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+")
_SHA256 = re.compile("[0-9a-f]{64}")


def packaged_data() -> Traversable:
    """The packaged data directory (zip-safe: never a filesystem path)."""
    return files("takedown") / "data"


@attrs.frozen
class DataVersion:
    """Which data a dataset holds: ``data`` (``"3.0.0"``), the file layout's ``schema``
    version, and ``digest``, one SHA-256 over every table file's digest."""

    data: str
    schema: int
    digest: str
    released: dt.date | None = None
    """The day the data version was released, when the manifest says."""

    def __str__(self) -> str:
        return f"data {self.data} (schema {self.schema}, sha256 {self.digest[:12]})"


def _problem(problem: str, location: str) -> DataError:
    return DataError(problem, file=MANIFEST, location=location)


def check(
    manifest: Any, *, require_digests: bool = False
) -> tuple[dict[str, str] | None, DataVersion | None]:
    """The digests and the data version the parsed ``manifest`` records, or a DataError
    naming what is wrong with it.  The digests are None when it records none (an error when
    ``require_digests``), the version unless it records both a data version and digests."""
    if not isinstance(manifest, dict) or "schema_version" not in manifest:
        raise DataError("must be an object with a schema_version", file=MANIFEST)
    unknown = sorted(set(manifest) - {"data_released", "data_version", "schema_version", "sha256"})
    if unknown:
        raise _problem(f"unknown key {short(unknown[0])}", ".")
    schema = manifest["schema_version"]
    if type(schema) is not int or schema != SCHEMA_VERSION:
        raise _problem(
            f"unknown schema version {short(schema)}; this takedown reads version {SCHEMA_VERSION}",
            ".schema_version",
        )
    data = manifest.get("data_version")
    if data is not None and (not isinstance(data, str) or not _DATA_VERSION.fullmatch(data)):
        raise _problem(
            f"data_version must be 'MAJOR.MINOR.PATCH', got {short(data)}", ".data_version"
        )
    released = manifest.get("data_released")
    try:
        day = None if released is None else converter.structure(released, dt.date)
    except (TypeError, ValueError):  # not written so, or no such day: 2023-02-30
        raise _problem(
            f"data_released must be 'YYYY-MM-DD', got {short(released)}", ".data_released"
        ) from None
    if "sha256" not in manifest:
        if require_digests:
            raise _problem("records no sha256 digests", ".sha256")
        return None, None
    digests = manifest["sha256"]
    names = sorted(spec.file for spec in table_specs())
    if not isinstance(digests, dict) or sorted(digests) != names:
        raise _problem("must map every table file, and nothing else, to its digest", ".sha256")
    for file, digest in digests.items():
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            raise _problem(
                f"expected 64 lower-case hex digits, got {short(digest)}", f".sha256.{file}"
            )
    if data is None:
        return digests, None
    combined = hashlib.sha256("".join(f"{k}:{v}\n" for k, v in sorted(digests.items())).encode())
    return digests, DataVersion(data, SCHEMA_VERSION, combined.hexdigest(), day)


def build(
    digests: dict[str, str], data_version: str | None, released: dt.date | None = None
) -> dict[str, Any]:
    """The manifest recording the table files' ``digests`` (``{file: sha256 hex}``), with
    ``data_version`` and ``released`` unless they are None (unknown)."""
    manifest: dict[str, Any] = {} if data_version is None else {"data_version": data_version}
    if released is not None:
        manifest["data_released"] = released.isoformat()
    return {**manifest, "schema_version": SCHEMA_VERSION, "sha256": digests}
