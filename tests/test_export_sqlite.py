"""The SQLite export, opened with the standard library's sqlite3: keys, joins, views, search."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import takedown
from takedown.dataset import Dataset
from takedown.export import write, write_sqlite


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory, ds: Dataset) -> Path:
    path = tmp_path_factory.mktemp("sqlite") / "takedown.db"
    written = write_sqlite(ds, path)
    assert written == [path, path.with_name("metadata.json")]
    return path


@pytest.fixture
def db(database: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def test_every_table_holds_as_many_rows_as_the_dataset_records(
    db: sqlite3.Connection, ds: Dataset
) -> None:
    for name, size in ds.tables.sizes().items():
        (count,) = db.execute(f'SELECT count(*) FROM "{name}"').fetchone()
        assert count == size, name


def test_foreign_keys_are_declared_indexed_and_hold(db: sqlite3.Connection) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    keys = db.execute('PRAGMA foreign_key_list("cast")').fetchall()
    assert {(k[2], k[3]) for k in keys} == {
        ("films", "film_id"),
        ("people", "person_id"),
        ("characters", "character_id"),
    }
    indexed = {row[1] for row in db.execute('PRAGMA index_list("cast")')}
    for column in ("film_id", "person_id", "character_id"):
        assert any(column in name for name in indexed), column


def test_columns_are_typed_and_every_table_has_a_primary_key(db: sqlite3.Connection) -> None:
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        if table.startswith("search") or table == "dataset_version":
            continue
        columns = db.execute(f'PRAGMA table_info("{table}")').fetchall()
        assert any(c[5] for c in columns), f"{table} has no primary key"
        assert all(c[2] in ("TEXT", "INTEGER", "REAL") for c in columns), table
    films = {c[1]: c[2] for c in db.execute("PRAGMA table_info(films)")}
    assert (films["year"], films["title"], films["release_date"]) == ("INTEGER", "TEXT", "TEXT")


def test_the_cast_join_has_no_orphan_and_matches_the_dataset(
    db: sqlite3.Connection, ds: Dataset
) -> None:
    rows = db.execute(
        'SELECT c.id, p.name, ch.name FROM "cast" c '
        "LEFT JOIN people p ON p.id = c.person_id "
        "LEFT JOIN characters ch ON ch.id = c.character_id ORDER BY c.id"
    ).fetchall()
    expected = sorted(
        (c.id, c.person.name, c.character.name if c.character else None) for c in ds.tables.cast
    )
    assert rows == expected
    assert all(person is not None for _, person, _ in rows)


def test_the_views_join_names_characters_places_and_sources(
    db: sqlite3.Connection, ds: Dataset
) -> None:
    film = ds.film("The Takedown")
    credits = db.execute(
        "SELECT person, character FROM cast_credits WHERE film_id = ? AND billing = 1",
        (film.id,),
    ).fetchall()
    first = ds.cast(film)[0]
    assert credits == [(first.person.name, first.character.name if first.character else None)]
    event = next(e for e in ds.plot(film) if e.characters and e.locations)
    (characters, places) = db.execute(
        "SELECT characters, places FROM plot_events WHERE id = ?", (event.id,)
    ).fetchone()
    assert characters.split("; ") == [c.name for c in event.characters]
    assert places.split("; ") == [p.name for p in event.locations]
    event = next(e for e in ds.plot(film) if e.mentioned_characters and e.mentioned_locations)
    (mentioned, mentioned_places) = db.execute(
        "SELECT mentioned_characters, mentioned_places FROM plot_events WHERE id = ?",
        (event.id,),
    ).fetchone()
    assert mentioned.split("; ") == [c.name for c in event.mentioned_characters]
    assert mentioned_places.split("; ") == [p.name for p in event.mentioned_locations]
    conflict = ds.conflicts()[0]
    sources = {
        row[0]
        for row in db.execute(
            "SELECT source_id FROM claims_with_sources WHERE conflict_id = ?", (conflict.id,)
        )
    }
    assert sources == conflict.sources


def test_full_text_search_finds_names_and_prose(db: sqlite3.Connection) -> None:
    has_fts = db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'search'").fetchone()
    if not has_fts[0]:
        pytest.skip("this interpreter's SQLite has no FTS5")
    ids = {r[0] for r in db.execute("SELECT id FROM search WHERE search MATCH 'clovis'")}
    assert "organization/sons-of-clovis" in ids
    assert "character/antoine-brunner" in ids  # from his description


def test_the_metadata_is_datasette_s_and_carries_the_data_version(
    database: Path, ds: Dataset
) -> None:
    meta = json.loads(database.with_name("metadata.json").read_text(encoding="utf-8"))
    assert {"title", "license", "source", "databases"} <= set(meta)
    described = meta["databases"]["takedown"]["tables"]
    assert set(ds.tables.sizes()) <= set(described)
    assert all(table["description"] for table in described.values())
    assert ds.version is not None
    assert ds.version.data in meta["description"]
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT data, schema, sha256 FROM dataset_version").fetchone()
    assert row == (ds.version.data, ds.version.schema, ds.version.digest)


def test_an_existing_database_is_replaced_only_when_forced(tmp_path: Path, ds: Dataset) -> None:
    path = tmp_path / "t.db"
    path.write_bytes(b"not a database")
    with pytest.raises(FileExistsError):
        write(ds, "sqlite", path)
    with pytest.raises(FileExistsError):
        write_sqlite(ds, path, replace=False)
    assert path.read_bytes() == b"not a database"
    write(ds, "sqlite", path, force=True)
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM films").fetchone() == (2,)
    assert not list(tmp_path.glob(".*partial"))


def test_the_command_line_writes_a_database(tmp_path: Path) -> None:
    path = tmp_path / "out" / "takedown.db"
    done = subprocess.run(
        [sys.executable, "-m", "takedown", "export", "sqlite", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM people").fetchone()[0] > 0


@pytest.mark.parametrize("name", ["t.db", "my films.sqlite3"])
def test_the_metadata_names_the_database_as_datasette_does(
    tmp_path: Path, ds: Dataset, name: str
) -> None:
    # Datasette names a database after its file, without the suffix.
    write_sqlite(ds, tmp_path / name)
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert list(meta["databases"]) == [Path(name).stem]
    assert "films" in meta["databases"][Path(name).stem]["tables"]


def test_a_dataset_without_a_data_version_says_so(tmp_path: Path, ds: Dataset) -> None:
    from takedown import __version__

    write_sqlite(Dataset(ds.tables), tmp_path / "t.db")
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert "Data version unknown." in meta["description"]
    assert __version__ not in meta["description"]
    with sqlite3.connect(tmp_path / "t.db") as connection:
        assert connection.execute("SELECT * FROM dataset_version").fetchall() == []
