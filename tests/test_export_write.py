"""``takedown.export.write`` on the file system: exports at once, links, the current
directory, and errors that say what is wrong."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import takedown
from takedown.cli import EXIT_CANNOT_WRITE
from takedown.dataset import Dataset
from takedown.export import _sqlite, _write, write

_DATASET = takedown.load()


def _files(directory: Path) -> set[str]:
    """Every name below ``directory``, hidden ones included."""
    return {str(p.relative_to(directory)) for p in directory.rglob("*")}


def _tables(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])


def _waiting(make: Callable[..., Any], barrier: Any) -> Callable[..., Any]:
    """``make``, waiting once it is done for the other export to be done too."""

    def waiting(*args: Any) -> Any:
        result = make(*args)
        barrier.wait(timeout=120)
        return result

    return waiting


def _export(barrier: Any, format: str, path: str, force: bool, results: Any) -> None:
    """One of the exports run at once (in a process of its own): its data is written when
    the other's is, so both move into place together."""
    if format == "sqlite":
        _sqlite._fill = _waiting(_sqlite._fill, barrier)  # type: ignore[method-assign]
    else:
        _write._WRITERS[format] = _waiting(_write._WRITERS[format], barrier)
    try:
        written = write(_DATASET, format, path, force=force)
    except Exception as exc:  # reported to the test, which checks its type
        results.put((type(exc).__name__, str(exc)))
    else:
        results.put(("done", sorted(map(str, written))))


def _at_once(format: str, path: Path, *, force: bool) -> list[tuple[str, Any]]:
    """The outcomes of two processes exporting ``format`` to ``path`` at the same time."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=_export, args=(barrier, format, str(path), force, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    return sorted(outcomes, key=lambda outcome: outcome[0])


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_two_database_exports_at_once_leave_one_whole_database(tmp_path: Path, force: bool) -> None:
    target = tmp_path / "out" / "t.db"
    alone = tmp_path / "alone.db"
    write(_DATASET, "sqlite", alone)
    outcomes = _at_once("sqlite", target, force=force)
    kinds = [kind for kind, _ in outcomes]
    assert kinds == (["done", "done"] if force else ["FileExistsError", "done"]), outcomes
    assert _tables(target) == _tables(alone)
    assert _files(tmp_path / "out") == {"t.db", "metadata.json"}  # nothing partial left


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_two_directory_exports_at_once_leave_one_whole_export(tmp_path: Path, force: bool) -> None:
    alone = write(_DATASET, "csv", tmp_path / "alone")
    outcomes = _at_once("csv", tmp_path / "out", force=force)
    kinds = [kind for kind, _ in outcomes]
    assert kinds == (["done", "done"] if force else ["FileExistsError", "done"]), outcomes
    assert _files(tmp_path / "out") == {p.name for p in alone}
    assert {p.name for p in tmp_path.iterdir()} == {"alone", "out"}  # nothing set aside left


def test_a_dangling_link_beside_the_database_is_refused_not_written_through(
    tmp_path: Path,
) -> None:
    (tmp_path / "out").mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out" / "metadata.json").symlink_to(elsewhere / "metadata.json")
    with pytest.raises(FileExistsError, match=r"metadata\.json"):
        write(_DATASET, "sqlite", tmp_path / "out" / "t.db")
    assert _files(elsewhere) == set()
    assert _files(tmp_path / "out") == {"metadata.json"}


@pytest.mark.parametrize("format", ["sqlite", "json"])
def test_a_link_at_the_target_is_refused_and_force_replaces_the_link_only(
    tmp_path: Path, format: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    if format == "sqlite":
        elsewhere.write_text("mine", encoding="utf-8")
    else:
        elsewhere.mkdir()
    link = tmp_path / "out" / "t.db" if format == "sqlite" else tmp_path / "out"
    link.parent.mkdir(exist_ok=True)
    link.symlink_to(elsewhere)
    with pytest.raises(FileExistsError):
        write(_DATASET, format, link)
    assert link.is_symlink()
    written = write(_DATASET, format, link, force=True)
    assert not link.is_symlink()
    assert all(path.exists() for path in written)
    if format == "sqlite":
        assert elsewhere.read_text(encoding="utf-8") == "mine"
    else:
        assert list(elsewhere.iterdir()) == []


def test_an_empty_current_directory_is_filled_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    before = os.stat(".")
    written = write(_DATASET, "json", ".")
    after = os.stat(".")
    assert (after.st_dev, after.st_ino) == (before.st_dev, before.st_ino)
    assert sorted(Path(p).name for p in os.listdir(".")) == sorted(p.name for p in written)
    assert Dataset.from_path(".") == _DATASET
    assert _files(tmp_path) == {"here", *(f"here/{p.name}" for p in written)}


def test_the_command_line_fills_its_empty_working_directory(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "--json", "export", "schema", "."],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = json.loads(result.stdout)
    assert listed
    assert all((tmp_path / path).is_file() for path in listed)


def test_a_path_back_out_of_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as error:
        write(_DATASET, "json", tmp_path / "nothere" / ".." / "out")
    assert error.value.filename == str(tmp_path / "nothere" / "..")
    assert _files(tmp_path) == set()


@pytest.mark.parametrize("format", ["json", "sqlite"])
@pytest.mark.parametrize("where", ["new/deeper/out", "made/../out"])
def test_every_path_returned_exists(tmp_path: Path, format: str, where: str) -> None:
    (tmp_path / "made").mkdir()
    target = str(tmp_path / where) + (".db" if format == "sqlite" else "")
    written = write(_DATASET, format, target)
    assert written
    assert all(path.is_file() for path in written)


@pytest.mark.parametrize("format", ["sqlite", "csv"])
@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
def test_a_file_in_place_of_a_parent_folder_is_named_and_not_taken_for_the_target(
    tmp_path: Path, format: str, force: bool
) -> None:
    (tmp_path / "f").write_text("mine", encoding="utf-8")
    with pytest.raises(NotADirectoryError) as error:
        write(_DATASET, format, tmp_path / "f" / "deeper" / "t.db", force=force)
    assert not isinstance(error.value, FileExistsError)
    assert error.value.filename == str(tmp_path / "f")
    assert "folder" in str(error.value)
    assert _files(tmp_path) == {"f"}


def test_the_command_line_offers_force_only_where_it_would_help(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("mine", encoding="utf-8")

    def export(path: Path) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "takedown", "export", "sqlite", str(path)],
            capture_output=True,
            text=True,
        )
        assert result.returncode == EXIT_CANNOT_WRITE
        return result.stderr

    assert "--force" not in export(tmp_path / "f" / "t.db")
    assert "--force replaces it" in export(tmp_path / "f")


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_a_database_where_no_file_can_be_made_raises_an_os_error_naming_it() -> None:
    with pytest.raises(OSError, match=r"/proc/x\.db") as error:
        write(_DATASET, "sqlite", "/proc/x.db")
    assert error.value.filename == "/proc/x.db"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="needs a user that permissions bind"
)
def test_a_database_in_a_folder_that_cannot_be_written_raises_an_os_error(
    tmp_path: Path,
) -> None:
    (tmp_path / "ro").mkdir(mode=0o500)
    with pytest.raises(PermissionError) as error:
        write(_DATASET, "sqlite", tmp_path / "ro" / "t.db")
    assert error.value.filename == str(tmp_path / "ro" / "t.db")


def test_sqlite_failing_to_write_is_an_os_error_leaving_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*args: Any) -> bool:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(_sqlite, "_fill", full)
    with pytest.raises(OSError, match="disk is full") as error:
        write(_DATASET, "sqlite", tmp_path / "out" / "t.db")
    assert error.value.filename == str(tmp_path / "out" / "t.db")
    assert _files(tmp_path) == set()


@pytest.mark.parametrize("target", [".", ".."])
@pytest.mark.parametrize("force", [False, True])
def test_a_folder_holding_the_current_directory_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, force: bool
) -> None:
    here = tmp_path / "out" / "here"
    here.mkdir(parents=True)
    (here / "mine.txt").write_text("keep me", encoding="utf-8")
    monkeypatch.chdir(here)
    with pytest.raises(OSError, match="current directory") as error:
        write(_DATASET, "json", target, force=force)
    assert error.value.errno == errno.EBUSY
    assert not isinstance(error.value, FileExistsError)  # --force would not help
    assert os.path.samefile(".", here)
    assert _files(tmp_path) == {"out", "out/here", "out/here/mine.txt"}


def test_the_command_line_says_force_does_not_replace_the_current_directory(
    tmp_path: Path,
) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "json", ".", "--force"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == EXIT_CANNOT_WRITE
    assert "holds the current directory" in result.stderr
    assert "--force replaces it" not in result.stderr
    assert _files(tmp_path) == {"mine.txt"}
