"""The loader and the queries under attack: no wrong answer, no hang, no stray exception.

Each hazard is written into a copy of the packaged data (see test_reliability.write_copy)
and must be refused with a DataError naming the file and the place; each bad query
argument must be a TypeError, a ValueError or a NotFoundError saying what is accepted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import takedown
from takedown import DataError, Dataset, NotFoundError
from takedown._loader import MAX_INT, MAX_NAME_CHARS, MIN_INT
from takedown._tables import SCHEMA_VERSION
from takedown._text import fold, suggest
from takedown.dataset import MAX_QUERY_CHARS
from test_reliability import ORIGINAL, _set, edited, load_error, write_copy

ds = takedown.load()
FILM = ds.film("The Takedown")


def raw_change(name: str, old: bytes, new: bytes) -> dict[str, bytes | None]:
    """``name`` with the first ``old`` replaced by ``new``, byte for byte."""
    assert old in ORIGINAL[name]
    return {name: ORIGINAL[name].replace(old, new, 1)}


# -- no silent wrong answer ---------------------------------------------------------------------

PEOPLE = json.loads(ORIGINAL["people.json"])
LAFITTE = next(i for i, p in enumerate(PEOPLE) if p["id"] == "person/laurent-lafitte")
OMAR = next(i for i, p in enumerate(PEOPLE) if p["id"] == "person/omar-sy")


@pytest.mark.parametrize(
    ("alias", "other"),
    [
        ("person/laurent-lafitte", "id"),  # another record's id
        ("LAURENT  Lafitte", "name"),  # another record's name, folded
        ("film/the-takedown", "id"),  # an id of another kind
    ],
)
def test_a_name_that_would_answer_for_another_record_is_refused(
    tmp_path: Path, alias: str, other: str
) -> None:
    error = load_error(tmp_path, edited("people.json", _set(OMAR, "aliases", [alias])))
    assert error.file == "people.json"
    assert f"is also the {other} of" in error.problem
    # Both places: the one found second is the error's, the first is in its problem.
    places = {f"people.json{error.location}", error.problem.rpartition(" of ")[2]}
    if alias.startswith("film/"):
        assert places == {f"people.json[{OMAR}].aliases[0]", "films.json[0]"}
    else:
        assert f"people.json[{OMAR}].aliases[0]" in places or f"people.json[{OMAR}]" in places
        assert any(p.startswith(f"people.json[{LAFITTE}]") for p in places)


def test_two_films_with_one_predecessor_are_refused(tmp_path: Path) -> None:
    def third_film(films: list[dict[str, Any]]) -> None:
        sequel = next(f for f in films if f.get("predecessor"))
        films.append(
            {
                **sequel,
                "id": "film/another",
                "title": "Another",
                "original_title": "Autre",
                "aliases": [],
            }
        )

    error = load_error(tmp_path, edited("films.json", third_film))
    assert (error.file, error.location) == ("films.json", "[2].predecessor")
    assert "also the predecessor of films.json[" in error.problem


CONFLICTS = json.loads(ORIGINAL["conflicts.json"])


@pytest.mark.parametrize(
    ("key", "value", "location", "problem"),
    [
        ("subject", CONFLICTS[0]["id"], ".subject", "is about itself"),
        ("field", "shoe_size", ".field", "'shoe_size' is not a field of a"),
        ("subject", "person/nobody", ".subject", "unknown record 'person/nobody'"),
    ],
)
def test_a_conflict_about_itself_or_a_missing_field_is_refused(
    tmp_path: Path, key: str, value: str, location: str, problem: str
) -> None:
    error = load_error(tmp_path, edited("conflicts.json", _set(0, key, value)))
    assert (error.file, error.location) == ("conflicts.json", f"[0]{location}")
    assert problem in error.problem


def test_every_packaged_conflict_is_about_a_real_field_of_its_subject() -> None:
    for conflict in ds.conflicts():
        assert conflict.field in attrs.fields_dict(type(ds.get(conflict.subject)))


PLOT = json.loads(ORIGINAL["plot.json"])


@pytest.mark.parametrize(("order", "problem"), [(2, "order 2 of"), (99, "skips")])
def test_plot_orders_must_run_one_to_n(tmp_path: Path, order: int, problem: str) -> None:
    index = next(i for i, e in enumerate(PLOT) if e["order"] == 1)
    error = load_error(tmp_path, edited("plot.json", _set(index, "order", order)))
    assert error.file == "plot.json"
    assert error.location.endswith(".order")
    assert problem in error.problem


# -- every file problem is a DataError --------------------------------------------------------

HAZARDS = {
    "NaN": (b'"order": 1', b'"order": NaN', "NaN is not a number"),
    "Infinity": (b'"order": 1', b'"order": Infinity', "Infinity is not a number"),
    "-Infinity": (b'"order": 1', b'"order": -Infinity', "-Infinity is not a number"),
    "overflow": (b'"order": 1', b'"order": 1e999', "overflows to infinity"),
    # Beyond Python's own limit on converting text to int (4,300 digits).
    "huge int": (b'"order": 1', b'"order": ' + b"7" * 4301, "digits"),
    "duplicate key": (b'"order": 1', b'"order": 1, "order": 1', "appears twice"),
}


@pytest.mark.parametrize("hazard", list(HAZARDS))
def test_json_that_python_would_accept_is_refused_with_its_line_and_column(
    tmp_path: Path, hazard: str
) -> None:
    old, new, problem = HAZARDS[hazard]
    error = load_error(tmp_path, raw_change("cast.json", old, new))
    assert error.file == "cast.json"
    assert problem in error.problem
    line, column = map(int, error.location.lstrip(":").split(":"))
    text = raw_change("cast.json", old, new)["cast.json"].decode()  # type: ignore[union-attr]
    token_line = text.count("\n", 0, text.index(new.decode())) + 1
    if hazard == "duplicate key":  # the object holding the key
        assert text.splitlines()[line - 1][column - 1] == "{"
    else:  # the number itself
        assert line == token_line
        assert text.splitlines()[line - 1][column - 1 :].startswith(new.split(b": ")[1].decode())
    assert len(str(error)) < 400


def test_an_int_that_fits_the_limit_is_just_a_bad_value(tmp_path: Path) -> None:
    error = load_error(
        tmp_path, raw_change("films.json", b'"year": 2022', b'"year": ' + str(MAX_INT).encode())
    )
    assert error.location == "[0]"  # reached the record: refused by its range
    assert "year must be within" in error.problem
    assert len(str(error)) < 600


@pytest.mark.parametrize("value", [MAX_INT + 1, MIN_INT - 1, 10**40])
def test_an_int_beyond_64_bits_is_refused_where_it_is_written(tmp_path: Path, value: int) -> None:
    # It would load, then overflow the sqlite export and the frames.
    error = load_error(
        tmp_path, raw_change("cast.json", b'"order": 1', f'"order": {value}'.encode())
    )
    assert error.file == "cast.json"
    assert "does not fit a signed 64-bit integer" in error.problem
    assert error.location.startswith(":")  # line and column


CONFLICTS = json.loads(ORIGINAL["conflicts.json"])
NAME_CLAIM = next(i for i, c in enumerate(CONFLICTS) if c["field"] == "name")
PROSE_CLAIM = next(i for i, c in enumerate(CONFLICTS) if c["field"] == "summary")


@pytest.mark.parametrize("claim", [NAME_CLAIM, PROSE_CLAIM], ids=["name", "prose"])
@pytest.mark.parametrize("value", ["Omar\x1b[2J", "Omar\x07", "Omar\x00", "Omar \ud800"])
def test_a_claim_value_is_held_to_what_its_field_accepts(
    tmp_path: Path, claim: int, value: str
) -> None:
    def edit(data: Any) -> None:
        data[claim]["claims"][1]["value"] = value

    error = load_error(tmp_path, edited("conflicts.json", edit))
    assert (error.file, error.location) == ("conflicts.json", f"[{claim}].claims[1].value")
    assert "control character or lone surrogate" in error.problem


def test_a_name_longer_than_the_cap_is_refused(tmp_path: Path) -> None:
    longest = "Omar " * (MAX_NAME_CHARS // 5)
    Dataset.from_path(
        write_copy(tmp_path / "ok", edited("people.json", _set(OMAR, "name", longest)))
    )
    for file, field in [("people.json", "aliases"), ("sources.json", "title")]:
        value = ["x" * (MAX_NAME_CHARS + 1)] if field == "aliases" else "x" * (MAX_NAME_CHARS + 1)
        error = load_error(tmp_path / field, edited(file, _set(0, field, value)))
        where = ".aliases[0]" if field == "aliases" else f".{field}"
        assert (error.file, error.location) == (file, f"[0]{where}")
        assert f"at most {MAX_NAME_CHARS}" in error.problem


BAD_TEXT = {
    "lone surrogate": "Omar \ud800",
    "NUL": "Omar\x00Sy",
    "escape": "Omar\x1b[31m",
    "new line in a name": "Omar\nSy",
    "empty": "",
    "blank": " \t ",
    "zero-width only": "\u200b\u200d\ufeff",
}


@pytest.mark.parametrize("case", list(BAD_TEXT))
def test_text_that_shows_as_nothing_or_breaks_output_is_refused(tmp_path: Path, case: str) -> None:
    value = BAD_TEXT[case]
    # json.dumps writes a lone surrogate as the escape "\ud800", which json.loads accepts.
    error = load_error(tmp_path, edited("people.json", _set(OMAR, "name", value)))
    # A validator's failure is placed at its record; the problem names the field.
    assert (error.file, error.location) == ("people.json", f"[{OMAR}]")
    assert error.problem.startswith("name ")
    alias_error = load_error(
        tmp_path / "alias", edited("people.json", _set(OMAR, "aliases", [value]))
    )
    # Refused at the alias, or at its citation, which names it again.
    assert alias_error.location.startswith(f"[{OMAR}]")
    assert alias_error.problem.startswith(("each of aliases ", "item "))


def test_prose_may_run_over_lines_but_holds_no_other_control_character(tmp_path: Path) -> None:
    reviews = "reviews.json"
    Dataset.from_path(write_copy(tmp_path / "ok", edited(reviews, _set(0, "gist", "One.\n\tTwo."))))
    error = load_error(tmp_path / "bad", edited(reviews, _set(0, "gist", "One.\x07")))
    assert (error.file, error.location) == (reviews, "[0]")
    assert "gist holds a control character" in error.problem


@pytest.mark.parametrize("date", ["20220506", "2022-W18-5", "2022-5-6", "2022-05-06T00:00"])
def test_dates_are_only_year_month_day(tmp_path: Path, date: str) -> None:
    error = load_error(tmp_path, edited("films.json", _set(0, "release_date", date)))
    assert (error.file, error.location) == ("films.json", "[0].release_date")
    assert "YYYY-MM-DD" in error.problem


def test_a_huge_value_is_quoted_short(tmp_path: Path) -> None:
    error = load_error(tmp_path, edited("cast.json", _set(0, "person", "x" * 1_000_000)))
    assert len(str(error)) < 500
    error = load_error(tmp_path / "key", edited("cast.json", _set(0, "k" * 1_000_000, 1)))
    assert len(str(error)) < 500


def test_a_path_with_a_nul_is_a_data_error() -> None:
    with pytest.raises(DataError, match="NUL"):
        Dataset.from_path("data\0dir")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("nope", "the data directory 'nope' does not exist"),
        ("", "the data directory's path is empty"),
        ("README.md", "the data directory 'README.md' is not a directory"),
        ("x" * 1_000_000, "cannot be read"),
    ],
)
def test_a_missing_directory_is_named(path: str, problem: str) -> None:
    with pytest.raises(DataError) as info:
        Dataset.from_path(path)
    assert problem in str(info.value)
    assert len(str(info.value)) < 400


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"path": b"data"}, "path must be a str or os.PathLike of a str, not bytes"),
        ({"path": 3}, "path must be a str or os.PathLike of a str, not int"),
        ({"path": "data", "check_digests": "no"}, "check_digests must be a bool, not str"),
        ({"path": "data", "check_digests": 0}, "check_digests must be a bool, not int"),
    ],
)
def test_from_path_arguments_of_another_type_are_type_errors(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError, match=f"^{message}$"):
        Dataset.from_path(**kwargs)


# -- special and oversized files ----------------------------------------------------------------


def _quickly_refused(root: Path, name: str, words: str, **kwargs: Any) -> None:
    start = time.monotonic()
    with pytest.raises(DataError) as info:
        Dataset.from_path(root, **kwargs)
    assert time.monotonic() - start < 30
    assert info.value.file == name
    assert words in info.value.problem


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_an_endless_device_is_refused_unread(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data", {"plot.json": None})
    (root / "plot.json").symlink_to("/dev/zero")
    _quickly_refused(root, "plot.json", "is a device")


def test_a_sparse_file_beyond_the_cap_is_refused_unread(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data", {"plot.json": None})
    with open(root / "plot.json", "wb") as sparse:
        sparse.truncate(8 * 1024**3)  # 8 GiB on disk as a hole: reading it would not end well
    _quickly_refused(root, "plot.json", "larger than the 67108864-byte cap")


def test_the_cap_is_configurable(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data")
    _quickly_refused(root, "sources.json", "100-byte cap", max_file_bytes=100)
    big = max(len(content) for content in ORIGINAL.values())
    assert Dataset.from_path(root, max_file_bytes=big) == ds
    with pytest.raises(ValueError, match="at least 1"):
        Dataset.from_path(root, max_file_bytes=0)
    with pytest.raises(TypeError, match="must be an int"):
        Dataset.from_path(root, max_file_bytes="64")  # type: ignore[arg-type]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_file_that_grows_past_the_cap_is_read_no_further(tmp_path: Path) -> None:
    from takedown._loader import read_bytes

    root = write_copy(tmp_path / "data")

    class Lying:
        """A resource whose stream never ends: as a zip member may claim any size."""

        def joinpath(self, name: str) -> Any:
            return self

        def open(self, mode: str) -> Any:
            return open("/dev/zero", "rb")

    with pytest.raises(DataError, match="cap"):
        read_bytes(Lying(), "plot.json", 1000)  # type: ignore[arg-type]
    assert read_bytes(root, "plot.json") == ORIGINAL["plot.json"]


def test_a_file_grown_since_its_stat_is_read_whole_up_to_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from takedown._loader import read_bytes

    root = write_copy(tmp_path / "data")
    real_stat = os.stat

    def stale(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        fields = list(real_stat(path, *args, **kwargs)[:10])
        fields[6] = 10  # st_size, as it was before the file grew
        return os.stat_result(fields)

    monkeypatch.setattr(os, "stat", stale)
    assert read_bytes(root, "plot.json") == ORIGINAL["plot.json"]
    with pytest.raises(DataError, match="100-byte cap"):
        read_bytes(root, "plot.json", 100)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data", {"cast.json": None})
    os.mkfifo(root / "cast.json")
    code = f"""
        import takedown
        try:
            takedown.Dataset.from_path({str(root)!r})
        except takedown.DataError as error:
            print(error.file, error.problem)
    """
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=60,  # a regression fails here instead of hanging the suite
        check=True,
    )
    assert done.stdout.strip() == "cast.json is a FIFO, not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_socket_or_directory_is_refused(tmp_path: Path) -> None:
    import socket

    root = write_copy(tmp_path / "d", {"crew.json": None, "films.json": None})
    (root / "films.json").mkdir()
    _quickly_refused(root, "films.json", "is a directory")
    (root / "films.json").rmdir()
    (root / "films.json").write_bytes(ORIGINAL["films.json"])
    short_dir = Path("/tmp") / f"td-sock-{os.getpid()}"  # AF_UNIX paths are short
    short_dir.mkdir(exist_ok=True)
    try:
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(short_dir / "s"))
            (root / "crew.json").symlink_to(short_dir / "s")
            _quickly_refused(root, "crew.json", "is a socket")
    finally:
        (short_dir / "s").unlink(missing_ok=True)
        short_dir.rmdir()


# -- the packaged data is verified ------------------------------------------------------------


@pytest.mark.parametrize(
    ("manifest", "location"),
    [
        ({"schema_version": SCHEMA_VERSION, "sha256": {}}, ".sha256"),
        ({"schema_version": SCHEMA_VERSION, "sha256": {"films.json": "nope"}}, ".sha256"),
        ({"schema_version": SCHEMA_VERSION, "extra": True}, "."),
        ({"schema_version": SCHEMA_VERSION - 1}, ".schema_version"),
    ],
)
def test_the_manifest_shape_is_checked(tmp_path: Path, manifest: Any, location: str) -> None:
    error = load_error(tmp_path, {"manifest.json": json.dumps(manifest).encode()})
    assert (error.file, error.location) == ("manifest.json", location)


def test_a_bad_digest_is_named(tmp_path: Path) -> None:
    manifest = json.loads(ORIGINAL["manifest.json"])
    manifest["sha256"]["films.json"] = "A" * 64
    error = load_error(tmp_path, {"manifest.json": json.dumps(manifest).encode()})
    assert error.location == ".sha256.films.json"


def test_load_refuses_a_packaged_manifest_without_digests(tmp_path: Path) -> None:
    from takedown._loader import load_tables

    root = write_copy(tmp_path / "data")  # its manifest has no digests
    with pytest.raises(DataError, match="records no sha256 digests"):
        load_tables(root, require_digests=True)


# -- bounded cost -------------------------------------------------------------------------------


def _location(i: int, parent: int | None) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": f"location/deep-{i}",
        "name": f"Deep {i}",
        "kind": "city",
        "fictional": False,
        "sources": ["source/wikipedia"],
        "citations": [{"field": "name", "sources": ["source/wikipedia"]}],
    }
    if parent is not None:
        record["parent"] = f"location/deep-{parent}"
    return record


def test_a_ten_thousand_deep_chain_of_places_loads_compares_and_hashes(tmp_path: Path) -> None:
    depth = 10_000
    chain = [_location(i, i - 1 if i else None) for i in range(depth)][::-1]  # deepest first
    locations = json.loads(ORIGINAL["locations.json"]) + chain
    changes = {"locations.json": json.dumps(locations).encode()}
    first = Dataset.from_path(write_copy(tmp_path / "a", changes))
    second = Dataset.from_path(write_copy(tmp_path / "b", changes))
    deepest_a, deepest_b = (
        first.get(f"location/deep-{depth - 1}"),
        second.get(f"location/deep-{depth - 1}"),
    )
    assert deepest_a == deepest_b
    assert deepest_a is not deepest_b
    assert hash(deepest_a) == hash(deepest_b)
    assert len(repr(deepest_a)) < 400
    assert first == second
    assert hash(first) == hash(second)


def test_forty_thousand_aliases_on_one_record_load(tmp_path: Path) -> None:
    aliases = [f"Omar {n}" for n in range(40_000)]
    changes = edited("people.json", _set(OMAR, "aliases", aliases))
    loaded = Dataset.from_path(write_copy(tmp_path / "ok", changes))
    assert loaded.person("omar 39999").id == "person/omar-sy"
    error = load_error(
        tmp_path / "bad", edited("people.json", _set(OMAR, "aliases", [*aliases, "Omar 7"]))
    )
    assert "repeats 'Omar 7'" in error.problem


def test_a_failed_lookup_compares_only_a_shortlist() -> None:
    import difflib

    names = [f"name number {n}" for n in range(100_000)]
    seen: list[int] = []
    real = difflib.get_close_matches

    def counting(word: str, possibilities: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(len(possibilities))
        return real(word, possibilities, *args, **kwargs)

    difflib.get_close_matches = counting
    try:
        assert suggest("name numbr 4242", names)[0] == "name number 4242"
    finally:
        difflib.get_close_matches = real
    assert seen == [50]


def test_a_suggestion_for_a_huge_key_reads_only_its_start() -> None:
    with pytest.raises(NotFoundError) as info:
        ds.person("Omar Sy" + "x" * 1_000_000)
    assert len(str(info.value)) < 500


# -- query arguments ----------------------------------------------------------------------------

OMAR_SY = ds.person("Omar Sy")


@pytest.mark.parametrize("query", ["sources_for", "conflicts"])
@pytest.mark.parametrize("key", [FILM, FILM.id, "loin du periph", "LOIN DU PÉRIPH"])
def test_provenance_queries_take_a_record_its_id_or_a_name(query: str, key: Any) -> None:
    assert getattr(ds, query)(key) == getattr(ds, query)(FILM)


def test_claims_take_a_name_and_refuse_unknown_fields() -> None:
    conflict = next(c for c in ds.conflicts() if c.subject.startswith("character/"))
    character = ds.get(conflict.subject)
    assert ds.claims(character.name, conflict.field) == ds.claims(character, conflict.field)
    with pytest.raises(ValueError, match="has no field 'height'"):
        ds.claims(character, "height")
    with pytest.raises(TypeError, match="field must be a str"):
        ds.claims(character, None)  # type: ignore[arg-type]


def test_a_name_several_kinds_answer_to_lists_their_ids(tmp_path: Path) -> None:
    changes = edited("locations.json", _set(0, "aliases", ["Omar Sy"]))
    loaded = Dataset.from_path(write_copy(tmp_path / "data", changes))
    with pytest.raises(NotFoundError) as info:
        loaded.sources_for("omar sy")
    assert set(info.value.suggestions) == {"person/omar-sy", loaded.locations[0].id}
    assert loaded.sources_for("person/omar-sy")  # the id is never ambiguous


BAD_KEYS = [None, 3, 2.5, b"omar", ["omar"], object()]


@pytest.mark.parametrize("key", BAD_KEYS, ids=repr)
def test_a_key_of_another_type_is_a_type_error_naming_the_argument(key: Any) -> None:
    for call, argument in [
        (ds.film, "film"),
        (ds.person, "person"),
        (ds.cast, "film"),
        (ds.filmography, "person"),
        (ds.sources_for, "record"),
        (ds.conflicts, "record"),
        (lambda k: ds.claims(k, "name"), "record"),
        (ds.card, "record"),  # at once, not when the card is shown
    ]:
        if key is None and call == ds.conflicts:
            continue  # conflicts() with nothing: every conflict
        with pytest.raises(TypeError, match=f"^{argument} must be a "):
            call(key)
    with pytest.raises(TypeError, match="record_id must be a str"):
        ds.get(key)
    with pytest.raises(TypeError, match="text must be a str"):
        ds.search(key)


def test_a_record_of_the_wrong_kind_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="film must be a Film, its id or a name"):
        ds.cast(OMAR_SY)  # type: ignore[arg-type]


@pytest.mark.parametrize("limit", ["3", 2.0, True, None])
def test_search_limit_must_be_an_int(limit: Any) -> None:
    with pytest.raises(TypeError, match="limit must be an int"):
        ds.search("omar", limit)


@pytest.mark.parametrize("limit", [0, -1])
def test_search_limit_must_be_at_least_one(limit: int) -> None:
    with pytest.raises(ValueError, match="limit must be at least 1"):
        ds.search("omar", limit)


def test_an_export_of_something_else_than_a_dataset_is_a_type_error(tmp_path: Path) -> None:
    from takedown import export

    with pytest.raises(TypeError, match=r"^ds must be a takedown\.Dataset, not NoneType$"):
        export.jsonld(None, "The Takedown")  # type: ignore[arg-type]
    for format in export.FORMATS:
        with pytest.raises(TypeError, match=r"^ds must be a takedown\.Dataset, not int$"):
            export.write(42, format, tmp_path / format)  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())  # refused before anything was written


def test_a_query_longer_than_the_cap_is_refused() -> None:
    assert ds.search("omar " + "x" * (MAX_QUERY_CHARS - 5)) == ()
    with pytest.raises(ValueError, match=f"at most {MAX_QUERY_CHARS}"):
        ds.search("omar " * 200_000)


def test_a_card_takes_a_name_as_other_queries_do() -> None:
    assert ds.card("omar sy").record is OMAR_SY
    assert ds.card(OMAR_SY.id).record is OMAR_SY
    with pytest.raises(NotFoundError):
        ds.card("nobody at all here")


def test_organization_takes_a_company_as_its_signature_says() -> None:
    company = ds.companies[0]
    assert ds.organization(company) is company
    with pytest.raises(ValueError, match="of another Dataset"):
        ds.organization(attrs.evolve(company, id="company/nobody-here"))


def test_works_awards_and_comparisons_without_argument_are_all_of_them() -> None:
    assert ds.works() == ds.tables.works
    assert ds.awards() == ds.tables.awards
    assert ds.comparisons() == ds.tables.comparisons
    assert set(ds.works()) == {w for p in ds.people for w in ds.works(p)}
    assert set(ds.comparisons()) == {c for f in ds.films for c in ds.comparisons(f)}


def test_an_unknown_job_is_a_value_error_listing_the_jobs() -> None:
    with pytest.raises(ValueError, match=r"unknown job 'dirctor'; known: .*director"):
        ds.crew(FILM, job="dirctor")
    assert ds.crew(FILM, job="DIRECTOR")
    with pytest.raises(TypeError, match="job must be a str"):
        ds.crew(FILM, job=3)  # type: ignore[arg-type]


def test_a_record_of_another_dataset_is_refused_unless_equal(tmp_path: Path) -> None:
    changes = edited("people.json", _set(OMAR, "name", "Omar Sy Jr"))
    other = Dataset.from_path(write_copy(tmp_path / "data", changes))
    twin = Dataset.from_path(write_copy(tmp_path / "twin"))
    assert ds.person(twin.person("Omar Sy")) is OMAR_SY  # equal: the local one answers
    for call in (ds.person, ds.filmography, ds.sources_for, ds.conflicts):
        with pytest.raises(ValueError, match="of another Dataset"):
            call(other.person("Omar Sy Jr"))
    stranger = attrs.evolve(OMAR_SY, id="person/nobody-here")
    with pytest.raises(ValueError, match="of another Dataset"):
        ds.person(stranger)


@pytest.mark.parametrize(
    "table",
    ["films", "people", "companies", "locations", "organizations", "plot", "ratings", "themes"],
)
def test_a_card_refuses_a_record_of_another_dataset_of_any_kind(table: str) -> None:
    record = getattr(ds.tables, table)[0]
    stranger = attrs.evolve(record, id=f"{record.KIND}/nobody-here")
    with pytest.raises(ValueError, match="of another Dataset"):
        ds.card(stranger)


def test_the_indexes_and_search_hits_cannot_be_changed() -> None:
    index = ds._indexes.films
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        index.kind = "person"  # type: ignore[misc]
    hit = ds.search("omar")[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        hit.record = None  # type: ignore[misc]
    public = [name for name in dir(ds) if not name.startswith("_")]
    for name in public:
        value = getattr(ds, name)
        assert not isinstance(value, (dict, list, set)), name


# -- properties ---------------------------------------------------------------------------------


@given(st.text(max_size=30))
def test_any_text_key_is_found_or_not_found(key: str) -> None:
    for call in (ds.film, ds.person, ds.get, ds.sources_for):
        message = ""
        try:
            call(key)
        except NotFoundError as error:
            message = str(error)
        assert len(message) < 1000
    hits = ds.search(key)
    assert all(0 < hit.score <= 1 for hit in hits)


@given(st.sampled_from([r for r in ds.tables.records() if hasattr(r, "aliases")]))
@example(ds.get("location/security-company-office"))  # its alias is an organisation's name
def test_every_name_finds_its_record_whatever_the_case(record: Any) -> None:
    for name in (record.name, *record.aliases):
        owners = [
            r
            for r in ds.tables.records()
            if fold(name)
            in {fold(n) for n in (getattr(r, "name", None) or "", *getattr(r, "aliases", ()))}
        ]
        if len(owners) == 1:
            assert ds._record(name.upper()) is record
        else:  # a name two kinds answer to (a firm and its office) names both, never one
            with pytest.raises(NotFoundError) as info:
                ds._record(name.upper())
            assert record.id in info.value.suggestions


def test_a_file_of_no_known_kind_is_named_once_as_special() -> None:
    from takedown._loader import _refuse_special

    whiteout = 0o160000  # BSD's S_IFWHT: a type the loader has no name for
    with pytest.raises(DataError) as error:
        _refuse_special(whiteout, "cast.json")
    assert error.value.problem == "is a special file, not a regular file"
