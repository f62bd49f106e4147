"""``takedown export FORMAT DIR``: every format, JSON output, and errors on bad arguments."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import takedown
from takedown import export
from takedown._tables import table_specs
from takedown.cli import EXIT_CANNOT_WRITE, EXIT_MISSING_DEPENDENCY, _parser, main
from takedown.dataset import Dataset
from takedown.export import FORMATS, _write, write


def test_export_json_writes_a_loadable_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "json", str(tmp_path / "data")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out
    assert str(tmp_path / "data") in out
    assert Dataset.from_path(tmp_path / "data") == takedown.load()


@pytest.mark.parametrize(
    ("format", "expected"),
    [
        ("csv", {"datapackage.json", "films.csv", "plot_characters.csv"}),
        ("jsonld", {"the-takedown.jsonld", "on-the-other-side-of-the-tracks.jsonld"}),
        ("schema", {f"{spec.name}.schema.json" for spec in table_specs()}),
    ],
)
def test_each_format_writes_its_files(
    format: str, expected: set[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--json", "export", format, str(tmp_path)]) == 0
    listed = json.loads(capsys.readouterr().out)
    on_disk = sorted(str(p) for p in tmp_path.iterdir())
    assert sorted(listed) == on_disk
    assert expected <= {Path(p).name for p in on_disk}


def test_the_formats_offered_are_those_implemented() -> None:
    assert set(FORMATS) == {"json", "csv", "jsonld", "schema", "sqlite", "turtle"}


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["export", "xml", "out"], "invalid choice: 'xml'"),
        (["export", "json"], "the following arguments are required: PATH"),
        (["export"], "the following arguments are required: format, PATH"),
    ],
)
def test_bad_arguments_exit_2_with_the_choices(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "{json,csv,jsonld,schema,sqlite,turtle}" in err


def test_a_file_in_place_of_the_directory_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "taken"
    taken.write_text("keep me", encoding="utf-8")
    assert main(["export", "csv", str(taken)]) == EXIT_CANNOT_WRITE
    assert "not a directory" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "keep me"


def test_python_m_takedown_export(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "jsonld", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == f"wrote 3 .jsonld files in {tmp_path}\n"
    movie = json.loads((tmp_path / "the-takedown.jsonld").read_text(encoding="utf-8"))
    assert movie["@type"] == "Movie"
    assert movie["name"] == "The Takedown"
    bad = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "yaml", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "invalid choice" in bad.stderr


def _listing(directory: Path) -> dict[str, str]:
    """Every file below ``directory`` with its content, hidden ones included."""
    return {
        str(p.relative_to(directory)): p.read_text(encoding="utf-8")
        for p in sorted(directory.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize(
    ("writer", "what"),
    [
        (lambda ds, path: write(ds, "csv", path, force=True), "export directory"),
        (lambda ds, path: write(ds, "sqlite", path, force=True), "database"),
        (export.write_json, "export directory"),
        (export.write_csv, "export directory"),
        (export.write_jsonld, "export directory"),
        (lambda _, path: export.write_schemas(path), "export directory"),
        (export.write_turtle, "export directory"),
        (export.write_sqlite, "database"),
    ],
)
def test_the_library_refuses_an_empty_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: Any, what: str
) -> None:
    # Path("") is the current directory: an unset variable would write into it.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ValueError, match=f"^the {what}'s path is empty$"):
        writer(takedown.load(), "")
    assert _listing(tmp_path) == {"mine.txt": "keep me"}


def test_the_library_refuses_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError, match="not empty"):
        write(takedown.load(), "jsonld", tmp_path / "out")
    assert _listing(tmp_path) == {"out/mine.txt": "keep me"}


def test_the_library_replaces_a_directory_when_forced(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mine.txt").write_text("old", encoding="utf-8")
    written = write(takedown.load(), "jsonld", tmp_path / "out", force=True)
    assert sorted(written) == sorted((tmp_path / "out").iterdir())
    assert "mine.txt" not in {p.name for p in written}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # nothing set aside is left


def _fail_after_one_file(exc: BaseException) -> Callable[[Dataset, str | os.PathLike[str]], Any]:
    def writer(ds: Dataset, directory: str | os.PathLike[str]) -> list[Path]:
        (Path(directory) / "films.csv").write_text("id\n", encoding="utf-8")
        raise exc

    return writer


@pytest.mark.parametrize(
    "exc",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"),
    ],
    ids=["disk full", "unencodable"],
)
def test_a_failure_midway_leaves_nothing_behind(
    exc: BaseException,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setitem(_write._WRITERS, "csv", _fail_after_one_file(exc))
    assert main(["export", "csv", str(tmp_path / "new" / "deeper" / "out")]) == EXIT_CANNOT_WRITE
    assert "cannot write" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # not the export, its temporary directory or parents


def test_a_failure_midway_keeps_the_directory_it_would_replace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "films.csv").write_text("old", encoding="utf-8")
    monkeypatch.setitem(_write._WRITERS, "csv", _fail_after_one_file(OSError(errno.EIO, "I/O")))
    assert main(["export", "csv", "--force", str(tmp_path / "out")]) == EXIT_CANNOT_WRITE
    assert _listing(tmp_path) == {"out/films.csv": "old"}


def test_an_empty_path_is_refused_as_bad_usage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "csv", "", "--force"])
    assert exit_info.value.code == 2
    assert "argument PATH: an empty path" in capsys.readouterr().err
    assert _listing(tmp_path) == {"mine.txt": "keep me"}


def test_a_directory_that_is_not_empty_is_kept_without_force(tmp_path: Path) -> None:
    (tmp_path / "out" / "sub").mkdir(parents=True)
    (tmp_path / "out" / "films.csv").write_text("mine", encoding="utf-8")
    (tmp_path / "out" / "sub" / "notes.txt").write_text("mine too", encoding="utf-8")
    before = _listing(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "--json", "export", "csv", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == EXIT_CANNOT_WRITE
    error = json.loads(result.stdout)
    assert error["error"] == "cannot_write"
    assert "--force" in error["message"]
    assert error["path"] == str(tmp_path / "out")
    assert _listing(tmp_path) == before


def test_force_replaces_a_directory_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "old.txt").write_text("old", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "schema", str(tmp_path / "out"), "--force"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    names = {p.name for p in (tmp_path / "out").iterdir()}
    assert names == {f"{spec.name}.schema.json" for spec in table_specs()} | {"dataset.schema.json"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_the_message_says_what_was_written_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "sqlite", str(tmp_path / "db" / "t.db")]) == 0
    assert capsys.readouterr().out == f"wrote t.db and metadata.json in {tmp_path / 'db'}\n"
    assert main(["export", "turtle", str(tmp_path / "ttl")]) == 0
    assert capsys.readouterr().out == f"wrote takedown.ttl in {tmp_path / 'ttl'}\n"
    assert main(["export", "csv", str(tmp_path / "csv")]) == 0
    tables = len(list((tmp_path / "csv").glob("*.csv")))
    assert tables > 1
    expected = f"wrote {tables} .csv files and datapackage.json in {tmp_path / 'csv'}\n"
    assert capsys.readouterr().out == expected


def test_the_help_names_the_argument_force_replaces() -> None:
    (commands,) = (a for a in _parser()._actions if a.dest == "command")
    assert commands.choices is not None
    text = commands.choices["export"].format_help()
    assert "DIR" not in text
    assert "replace what is at PATH" in " ".join(text.split())


#: ``takedown`` where rdflib cannot be imported, as if the rdf extra were not installed.
WITHOUT_RDFLIB = """
import sys
sys.modules["rdflib"] = None  # what `import rdflib` then raises ImportError for
from takedown.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_turtle_without_rdflib_names_the_extra_to_install(tmp_path: Path) -> None:
    argv = [sys.executable, "-c", WITHOUT_RDFLIB, "export", "turtle", str(tmp_path / "a" / "b")]
    result = subprocess.run(argv, capture_output=True, text=True)
    assert (result.returncode, result.stdout) == (EXIT_MISSING_DEPENDENCY, "")
    expected = "the Turtle export needs rdflib: pip install 'takedown-film[rdf]'"
    assert result.stderr == f"takedown: {expected}\n"
    assert list(tmp_path.iterdir()) == []
    result = subprocess.run([*argv, "--json"], capture_output=True, text=True)
    assert result.returncode == EXIT_MISSING_DEPENDENCY
    assert json.loads(result.stdout) == {"error": "missing_dependency", "message": expected}
    assert list(tmp_path.iterdir()) == []
