"""One entry point for every export format, as the command line offers them.

:func:`write` never leaves half an export: the files go into a new directory beside the
target, which is renamed into place only once every file is written.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ._csv import write_csv
from ._json import write_json
from ._jsonld import write_jsonld
from ._schema import write_schemas
from ._sqlite import METADATA, write_sqlite
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

    ``directory`` may be missing (it is created, with its parents) or empty.  An existing
    directory that is not empty raises :class:`FileExistsError` unless ``force`` is true,
    in which case it is replaced, its old content removed only once the new export is
    complete.  The files are written into a new hidden directory beside ``directory`` and
    renamed into place, so a failure part way leaves neither half an export nor the
    temporary directory behind.

    For ``"sqlite"``, ``directory`` is the database file to write instead (see
    :func:`~takedown.export.write_sqlite`), refused if it or the ``metadata.json`` beside it
    exists, unless ``force`` is true.

    Raises :class:`ValueError` for an unknown format or an empty path,
    :class:`NotADirectoryError` if ``directory`` is a file, and :class:`OSError` if it
    cannot be written.  Returns the paths written, under ``directory``.
    """
    from ..dataset import expect_dataset

    expect_dataset(ds)
    if format not in FORMATS:
        raise ValueError(f"unknown export format {format!r}; choose from {', '.join(FORMATS)}")
    if not os.fspath(directory):
        raise ValueError("the export directory is an empty path")
    if format == "sqlite":  # a file, not a directory
        return _write_database(ds, Path(directory), force=force)
    writer = _WRITERS[format]
    # The real place, so that a symbolic link to a directory has that directory replaced.
    target = Path(os.path.realpath(directory))
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a directory", str(directory))
    if not force and target.is_dir() and any(target.iterdir()):
        raise FileExistsError(errno.EEXIST, "exists and is not empty", str(directory))
    created = _make_parents(target.parent)
    try:
        staging = _new_directory(target)
        try:
            written = writer(ds, staging)
            _move_into_place(staging, target, replace=force)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    except BaseException:
        for parent in created:  # the deepest first; only those this call made, if empty
            try:
                parent.rmdir()
            except OSError:
                break
        raise
    return [Path(directory, path.relative_to(staging)) for path in written]


def _make_parents(directory: Path) -> list[Path]:
    """Create ``directory`` and its missing parents; return those created, deepest first."""
    missing = []
    while not directory.exists() and directory != directory.parent:
        missing.append(directory)
        directory = directory.parent
    if missing:
        missing[0].mkdir(parents=True, exist_ok=True)
    return missing


def _new_directory(target: Path) -> Path:
    """A new empty directory beside ``target``, hidden, named after it.

    Made with :meth:`Path.mkdir` rather than :func:`tempfile.mkdtemp`, so that the export
    gets the usual permissions rather than ``0o700``.
    """
    while True:
        path = target.with_name(f".{target.name}-{secrets.token_hex(4)}")
        try:
            path.mkdir()
        except FileExistsError:
            continue
        except OSError as exc:  # name the directory the user knows, not the hidden one
            raise type(exc)(exc.errno, exc.strerror, str(target.parent)) from exc
        return path


def _move_into_place(staging: Path, target: Path, *, replace: bool) -> None:
    """Rename ``staging`` to ``target``, which is missing, empty or (if ``replace``) any
    directory; an old ``target`` is set aside until the rename succeeds, then removed."""
    if not target.is_dir():
        staging.rename(target)
        return
    if not replace:
        target.rmdir()  # empty when checked; refuses if something was written there since
        try:
            staging.rename(target)
        except BaseException:
            target.mkdir(exist_ok=True)
            raise
        return
    aside = _new_directory(target)
    target.rename(aside / target.name)
    try:
        staging.rename(target)
    except BaseException:
        (aside / target.name).rename(target)
        aside.rmdir()
        raise
    # The new export is in place: what is left of the old one cannot be put back anyway.
    shutil.rmtree(aside, ignore_errors=True)


def _write_database(ds: Dataset, path: Path, *, force: bool) -> list[Path]:
    """The SQLite export: one file, replaced only with ``force``, and only once complete."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory, not a database file", str(path))
    beside = path.with_name(METADATA)
    if not force:
        for existing in (path, beside):
            if existing.exists():
                raise FileExistsError(errno.EEXIST, "exists", str(existing))
    return write_sqlite(ds, path)
