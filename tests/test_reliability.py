"""Bad data directories: a DataError naming file, place and problem, or a sound dataset.

Every case starts from a copy of the packaged data and breaks it in one way, by hand
(each kind of fault the loader must name) or at random with hypothesis (drop, retype,
duplicate, truncate, corrupt bytes).
"""

from __future__ import annotations

import json
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import takedown
from takedown import DataError, Dataset
from takedown._convert import converter
from takedown._fields import REF_KIND, references
from takedown._loader import verify
from takedown._tables import SCHEMA_VERSION, table_specs
from takedown.export import write_json

DATA_FILES = sorted(["manifest.json", *(spec.file for spec in table_specs())])
_PACKAGED = files("takedown") / "data"
ORIGINAL: dict[str, bytes] = {name: _PACKAGED.joinpath(name).read_bytes() for name in DATA_FILES}


#: A manifest without digests: a copy changed on purpose is loaded, not refused as corrupt.
UNSIGNED = json.dumps({"schema_version": SCHEMA_VERSION}).encode()


def write_copy(root: Path, changes: dict[str, bytes | None] | None = None) -> Path:
    """The packaged data under ``root``, with ``changes`` (None: the file is removed).

    Unless ``changes`` has its own, the manifest records no digests (see UNSIGNED).
    """
    root.mkdir(parents=True, exist_ok=True)
    for name, content in {**ORIGINAL, "manifest.json": UNSIGNED, **(changes or {})}.items():
        if content is not None:
            (root / name).write_bytes(content)
    return root


def edited(name: str, edit: Callable[[Any], Any]) -> dict[str, bytes | None]:
    """A change to one file: ``edit`` gets its parsed JSON and mutates or returns it."""
    data = json.loads(ORIGINAL[name])
    result = edit(data)
    return {name: json.dumps(data if result is None else result).encode()}


def load_error(tmp_path: Path, changes: dict[str, bytes | None]) -> DataError:
    with pytest.raises(DataError) as info:
        Dataset.from_path(write_copy(tmp_path / "data", changes))
    return info.value


def first_index(name: str, predicate: Callable[[dict[str, Any]], bool]) -> int:
    return next(i for i, r in enumerate(json.loads(ORIGINAL[name])) if predicate(r))


# -- every kind of fault, by hand ---------------------------------------------------------------

PERSON_OF_CAST_3 = json.loads(ORIGINAL["cast.json"])[3]["person"]


def _set(index: int, key: str, value: Any) -> Callable[[Any], None]:
    """Set one value of a record; new aliases or sources are cited as the rules ask, so that
    the edit meets the check it is aimed at, not the citation rules first."""

    def edit(data: Any) -> None:
        record = data[index]
        record[key] = value
        if "citations" not in record or not isinstance(value, list):
            return
        if key == "sources":
            for citation in record["citations"]:
                citation["sources"] = value
        elif key == "aliases" and all(isinstance(v, str) for v in value):
            kept = [c for c in record["citations"] if c["field"] != "aliases"]
            cited = sorted(record["sources"])[:1]
            record["citations"] = kept + [
                {"field": "aliases", "item": alias, "sources": cited} for alias in value
            ]

    return edit


def _drop(index: int, key: str) -> Callable[[Any], None]:
    def edit(data: Any) -> None:
        del data[index][key]

    return edit


FAULTS: dict[str, tuple[dict[str, bytes | None], str, str, str]] = {
    # name: (changes, file, location, words of the problem)
    "missing file": ({"crew.json": None}, "crew.json", "", "missing"),
    "invalid JSON": ({"plot.json": b'[{"id": '}, "plot.json", ":1:9", "not valid JSON"),
    "not UTF-8": ({"people.json": b'["\xff"]'}, "people.json", "", "not UTF-8"),
    "not an array": ({"films.json": b"{}"}, "films.json", "", "JSON array"),
    "record not an object": ({"cast.json": b"[[]]"}, "cast.json", "[0]", "JSON object"),
    "wrong type": (edited("cast.json", _set(3, "order", "4")), "cast.json", "[3].order", "int"),
    "number for text": (
        edited("people.json", _set(2, "name", 12)),
        "people.json",
        "[2].name",
        "expected str",
    ),
    "text for a list": (
        edited("people.json", _set(0, "aliases", "Omar")),
        "people.json",
        "[0].aliases",
        "expected a list",
    ),
    "missing field": (
        edited("people.json", _drop(1, "name")),
        "people.json",
        "[1].name",
        "required field missing",
    ),
    "unknown field": (
        edited("films.json", _set(0, "directr", "x")),
        "films.json",
        "[0]",
        "unknown field 'directr'",
    ),
    "invalid value": (edited("cast.json", _set(2, "order", 0)), "cast.json", "[2]", "positive"),
    "null reference": (
        edited("crew.json", _set(0, "film", None)),
        "crew.json",
        "[0].film",
        "expected the id of a film",
    ),
    "dangling reference": (
        edited("cast.json", _set(3, "person", "person/nobody-at-all")),
        "cast.json",
        "[3].person",
        "unknown person 'person/nobody-at-all'",
    ),
    "removed target": (
        edited("people.json", lambda d: [p for p in d if p["id"] != PERSON_OF_CAST_3]),
        "cast.json",
        "",  # whichever credit names the person first
        f"unknown person {PERSON_OF_CAST_3!r}",
    ),
    "duplicate id": (
        edited("plot.json", lambda d: [*d, d[4]]),
        "plot.json",
        f"[{len(json.loads(ORIGINAL['plot.json']))}].id",
        "duplicate id",
    ),
    "unknown source": (
        edited("people.json", _set(0, "sources", ["source/nowhere"])),
        "people.json",
        "[0].sources",
        "unknown source 'source/nowhere'",
    ),
    "unknown schema version": (
        edited("manifest.json", lambda m: {**m, "schema_version": 99}),
        "manifest.json",
        ".schema_version",
        "unknown schema version 99",
    ),
    "schema version as text": (
        edited("manifest.json", lambda m: {**m, "schema_version": "1"}),
        "manifest.json",
        ".schema_version",
        "unknown schema version '1'",
    ),
}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_each_kind_of_fault_is_named_with_file_place_and_problem(
    tmp_path: Path, fault: str
) -> None:
    changes, file, location, problem = FAULTS[fault]
    error = load_error(tmp_path, changes)
    assert error.file == file
    if location:
        assert error.location == location
    assert problem in error.problem
    assert str(error) == f"{file}{error.location}: {error.problem}"


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data", {"ratings.json": None})
    (root / "ratings.json").mkdir()
    with pytest.raises(DataError) as info:
        Dataset.from_path(root)
    error = info.value
    assert error.file == "ratings.json"
    assert "directory" in error.problem


def test_a_reference_cycle_is_named(tmp_path: Path) -> None:
    def cycle(films: list[dict[str, Any]]) -> None:
        films[0]["predecessor"], films[1]["predecessor"] = films[1]["id"], films[0]["id"]

    error = load_error(tmp_path, edited("films.json", cycle))
    assert error.file == "films.json"
    assert "cycle" in error.problem


@pytest.mark.parametrize("name", ["films.json", "locations.json"])
def test_records_may_refer_to_records_later_in_their_file(tmp_path: Path, name: str) -> None:
    reversed_ = edited(name, lambda records: records[::-1])
    records = json.loads(reversed_[name] or b"")
    assert any(r.get("predecessor") or r.get("parent") for r in records)  # refers to later ones
    ds = Dataset.from_path(write_copy(tmp_path / "data", reversed_))
    table = "films" if name == "films.json" else "locations"
    packaged = {r.id: r for r in getattr(takedown.load().tables, table)}
    assert [r.id for r in getattr(ds.tables, table)] == list(packaged)[::-1]
    assert {r.id: r for r in getattr(ds.tables, table)} == packaged


def test_of_several_unknown_citations_the_first_in_the_file_is_named(tmp_path: Path) -> None:
    def cite_unknown(plot: list[dict[str, Any]]) -> None:
        # Sets of sources are checked once each, in no particular order; the error must
        # still name the first record, whatever order the sets come in.
        for i in range(3, len(plot)):
            plot[i]["sources"] = [f"source/unknown-{i}"]
        plot[2]["sources"] = ["source/unknown-2", "source/wikipedia"]
        for record in plot:  # a record's sources are those its citations name
            record["citations"] = [{"field": "summary", "sources": record["sources"]}]

    error = load_error(tmp_path, edited("plot.json", cite_unknown))
    assert (error.file, error.location) == ("plot.json", "[2].sources")
    assert "source/unknown-2" in error.problem


def test_a_failed_load_leaves_no_records_to_resolve_behind(tmp_path: Path) -> None:
    from takedown import _convert

    load_error(tmp_path, FAULTS["dangling reference"][0])
    assert _convert._loaded.get(None) is None


# -- random damage, with hypothesis ------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=4,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


#: Tokens that json.loads accepts and a data file may not hold.
BAD_TOKENS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e400", "9" * 4301, "-" + "1" * 5000]
#: Strings that load as text and show as nothing, or break an export or a terminal.
BAD_STRINGS = ["\ud800", "a\udfffb", "\x00", "Omar\x1bSy", "\u200b", "\ufeff\u200d", " \t", ""]
_MARK = "\ue000takedown-hazard\ue000"  # private use: never in the data


def _hazard(draw: st.DrawFn, document: Any, paths: list[tuple[Any, ...]], how: str) -> bytes:
    """``document`` with a hazard of kind ``how`` at a drawn place, as bytes."""
    parent, last = _place(draw, document, paths)
    if how == "token":
        parent[last] = _MARK
        text = json.dumps(document).replace(json.dumps(_MARK), draw(st.sampled_from(BAD_TOKENS)))
    elif how == "text":
        parent[last] = draw(st.sampled_from(BAD_STRINGS))
        text = json.dumps(document)
    else:  # "key": a key repeated in one object
        objects = [
            p for p in [(), *paths] if isinstance(_at(document, p), dict) and _at(document, p)
        ]
        target = _at(document, draw(st.sampled_from(objects)))
        key = draw(st.sampled_from(sorted(target)))
        target[_MARK] = draw(JSON_VALUES)
        text = json.dumps(document).replace(json.dumps(_MARK), json.dumps(key))
    return text.encode("utf-8", "surrogatepass")


def _place(draw: st.DrawFn, document: Any, paths: list[tuple[Any, ...]]) -> tuple[Any, Any]:
    """A drawn place in ``document``: the list or object holding it, and its index or key."""
    path = draw(st.sampled_from(paths))
    return _at(document, path[:-1]), path[-1]


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


@st.composite
def damage(draw: st.DrawFn) -> tuple[str, dict[str, bytes | None]]:
    """One file of the packaged data, damaged in one of the ways a file gets damaged."""
    name = draw(st.sampled_from(DATA_FILES))
    raw = ORIGINAL[name]
    how = draw(
        st.sampled_from(
            ["drop", "retype", "duplicate", "truncate", "corrupt", "file", "token", "text", "key"]
        )
    )
    if how == "file":
        return how, {name: None}
    if how == "truncate":
        return how, {name: raw[: draw(st.integers(0, len(raw) - 1))]}
    if how == "corrupt":
        data = bytearray(raw)
        for _ in range(draw(st.integers(1, 4))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return how, {name: bytes(data)}
    document = json.loads(raw)
    paths = [p for p in _paths(document) if p]
    if not paths:
        return how, {name: raw}
    if how in ("token", "text", "key"):
        return how, {name: _hazard(draw, document, paths, how)}
    parent, last = _place(draw, document, paths)
    if how == "drop":
        del parent[last]
    elif how == "retype":
        parent[last] = draw(JSON_VALUES)
    elif isinstance(parent, list):  # duplicate an element: a record, an alias, a source
        parent.insert(last, parent[last])
    else:  # duplicate a value under another key of the same object
        parent[draw(st.sampled_from(sorted(parent)))] = parent[last]
    return how, {name: json.dumps(document).encode()}


def assert_consistent(ds: Dataset) -> None:
    """Ids are unique, every reference is to the very record loaded under that id, and
    every lookup, by id and by each name and alias, answers with the record it names."""
    records = ds.tables.records()
    assert len({r.id for r in records}) == len(records)
    lookups = {
        "film": ds.film,
        "person": ds.person,
        "character": ds.character,
        "company": ds.company,
        "location": ds.location,
    }
    for record in records:
        assert ds.get(record.id) is record
        for name, target in references(record):
            assert ds.get(target.id) is target
            assert attrs.fields_dict(type(record))[name].metadata[REF_KIND] == type(target).KIND
        lookup = lookups.get(type(record).KIND)
        if lookup is not None:
            for name in (record.id, record.name, *record.aliases):
                assert lookup(name) is record, name
            assert lookup(record) is record
        json.dumps(converter.unstructure(record), ensure_ascii=False).encode()  # exportable
    for film in ds.films:
        ds.cast(film), ds.crew(film), ds.plot(film), ds.sequel(film)
        assert [e.order for e in ds.plot(film)] == list(range(1, len(ds.plot(film)) + 1))


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, instead of hanging, if the block runs longer than ``seconds`` (where possible)."""
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(*_: object) -> None:
        raise TimeoutError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@settings(suppress_health_check=[HealthCheck.data_too_large])
@given(damage())
def test_damaged_data_loads_soundly_or_raises_a_data_error(
    case: tuple[str, dict[str, bytes | None]],
) -> None:
    _, changes = case
    with tempfile.TemporaryDirectory() as tmp:
        root = write_copy(Path(tmp) / "data", changes)
        error: DataError | None = None
        try:
            with deadline(60):
                ds = Dataset.from_path(root)
        except DataError as raised:  # any other exception fails the test
            error = raised
        if error is None:
            assert_consistent(ds)
        else:
            assert error.file in DATA_FILES
            assert error.problem
            assert str(error).startswith(f"{error.file}{error.location}: ")


# -- the packaged data and the process ---------------------------------------------------------


def test_the_packaged_files_match_their_manifest_digests() -> None:
    verify()  # raises DataError on any mismatch
    manifest = json.loads(ORIGINAL["manifest.json"])
    assert sorted(manifest["sha256"]) == sorted(spec.file for spec in table_specs())


def test_a_corrupted_install_is_detected(tmp_path: Path) -> None:
    damaged = bytearray(ORIGINAL["reviews.json"])
    letter = ORIGINAL["reviews.json"].index(b'"gist": "') + 10
    damaged[letter] ^= 0x20  # one letter's case in prose: still valid data
    signed = {"manifest.json": ORIGINAL["manifest.json"], "reviews.json": bytes(damaged)}
    root = write_copy(tmp_path / "data", signed)
    with pytest.raises(DataError) as info:
        verify(root)
    assert info.value.file == "reviews.json"
    assert "digest" in info.value.problem
    with pytest.raises(DataError) as loading:
        Dataset.from_path(root)
    assert (loading.value.file, loading.value.location) == ("reviews.json", "")
    assert "python tools/manifest.py DIR" in loading.value.problem
    # The way out the message names: load unchecked, write back with a fresh manifest.
    write_json(Dataset.from_path(root, check_digests=False), root)
    verify(root)
    assert Dataset.from_path(root).tables.reviews != takedown.load().tables.reviews


def test_thirty_two_threads_loading_at_once_get_one_dataset(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from takedown import dataset as dataset_module

    monkeypatch.setattr(takedown, "_dataset", None)
    built: list[object] = []
    original_init = dataset_module.Dataset.__init__

    def counting_init(self: Dataset, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(dataset_module.Dataset, "__init__", counting_init)
    start = threading.Barrier(32)
    results: list[object] = []

    def worker() -> None:
        start.wait()
        results.append(takedown.load())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 32
    assert all(result is results[0] for result in results)
    assert len(built) == 1


def test_threads_loading_directories_and_searching_at_once_agree(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data")
    bad = write_copy(tmp_path / "bad", FAULTS["dangling reference"][0])
    start = threading.Barrier(8)
    results: list[object] = []

    def worker(n: int) -> None:
        start.wait()
        if n % 2:
            with pytest.raises(DataError):
                Dataset.from_path(bad)
            results.append("error")
        else:
            ds = Dataset.from_path(root)
            results.append([hit.record.id for hit in ds.search("ousmane")])

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    expected = [hit.record.id for hit in takedown.search("ousmane")]
    assert results.count("error") == 4
    assert [r for r in results if r != "error"] == [expected] * 4


def test_a_datasets_indexes_cannot_be_replaced() -> None:
    ds = takedown.load()
    for name in ("films", "search"):  # one built before, one maybe not
        getattr(ds._indexes, name)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            setattr(ds._indexes, name, None)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds._indexes = None  # type: ignore[misc]


def test_a_lookup_builds_only_the_index_it_needs() -> None:
    ds = Dataset(takedown.load().tables)
    ds.film("The Takedown")
    slots = [n for n in type(ds._indexes).__slots__ if n not in ("tables", "__weakref__")]
    built = {n for n in slots if _is_set(ds._indexes, n)}
    assert built == {"films"}
    ds.cast("The Takedown")
    assert {n for n in slots if _is_set(ds._indexes, n)} == {"films", "referring"}


def _is_set(obj: object, slot: str) -> bool:
    try:
        object.__getattribute__(obj, slot)
    except AttributeError:
        return False
    return True


IMMUTABLE_LEAVES = (str, int, float, bool, type(None), bytes)


def test_nothing_reachable_from_the_dataset_can_be_mutated() -> None:
    import datetime as dt
    import enum
    from types import MappingProxyType

    from takedown._search import SearchIndex

    ds = takedown.load()
    seen: set[int] = set()
    # Every index, built: each slot of the indexes beside the tables is a cached index.
    indexes = ds._indexes
    built = [n for n in type(indexes).__slots__ if n not in ("tables", "__weakref__")]
    stack: list[tuple[str, object]] = [("ds", ds)]
    stack += [(f"ds._indexes.{name}", getattr(indexes, name)) for name in built]
    kinds: set[str] = set()
    while stack:
        where, value = stack.pop()
        if id(value) in seen or isinstance(value, (*IMMUTABLE_LEAVES, dt.date, enum.Enum)):
            continue
        seen.add(id(value))
        kinds.add(type(value).__name__)
        if isinstance(value, (tuple, frozenset)):
            stack += [(f"{where}[{i}]", item) for i, item in enumerate(value)]
        elif isinstance(value, MappingProxyType):
            stack += [(f"{where}[{k!r}]", item) for k, item in value.items()]
        elif isinstance(value, SearchIndex):
            # Private word indexes, reachable only through private names; the records they
            # serve are the tables' records, walked through the tables.
            continue
        elif attrs.has(type(value)):
            for field in attrs.fields(type(value)):
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    setattr(value, field.name, None)
                stack.append((f"{where}.{field.name}", getattr(value, field.name)))
        elif hasattr(type(value), "__slots__") and not hasattr(value, "__dict__"):
            for slot in type(value).__slots__:
                stack.append((f"{where}.{slot}", getattr(value, slot)))
        else:
            pytest.fail(f"{where} is a mutable {type(value).__name__}")
    assert {"Film", "CastCredit", "PlotEvent", "mappingproxy", "Tables"} <= kinds


def test_query_results_are_immutable() -> None:
    ds = takedown.load()
    film = ds.film("The Takedown")
    for result in (ds.cast(film), ds.crew(film), ds.plot(film), ds.films, ds.search("paris")):
        assert isinstance(result, tuple)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ds.search("paris")[0].score = 2.0  # type: ignore[misc]


def test_loading_a_directory_twice_gives_equal_independent_datasets(tmp_path: Path) -> None:
    root = write_copy(tmp_path / "data")
    first, second = Dataset.from_path(root), Dataset.from_path(root)
    assert first == second
    assert first.film("The Takedown") is not second.film("The Takedown")
    assert first == takedown.load()


def test_the_packaged_data_is_read_through_importlib_resources() -> None:
    with as_file(_PACKAGED) as path:
        assert Dataset.from_path(path) == takedown.load()
