"""The loader structures every record with the cattrs converter, and nothing else.

Whatever a data file holds, loading it gives the records the converter makes of it, or a
DataError naming the record's place: the converter is the one definition of a valid file.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
import types
import typing
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import takedown
from scripts import script
from takedown._convert import converter, resolving
from takedown._tables import SCHEMA_VERSION, table_specs

ds = takedown.load()
SPECS = {spec.record: spec for spec in table_specs()}
LOADED = {
    spec.record.KIND: {r.id: r for r in getattr(ds.tables, spec.name)}  # type: ignore[attr-defined]
    for spec in table_specs()
}
RAW = {
    spec.record: json.loads((files("takedown") / "data" / spec.file).read_bytes())
    for spec in table_specs()
}
RAW_RECORDS = [(cls, i) for cls, items in RAW.items() for i in range(len(items))]
EVERY_ID = sorted(r.id for r in ds.tables.records())
PACKAGED = files("takedown") / "data"


def by_converter(cls: type, raw: Any) -> Any:
    with resolving(LOADED):
        return converter.structure(raw, cls)


def same_record(a: Any, b: Any) -> bool:
    # repr tells 40 from 40.0, which == does not
    return bool(a == b) and repr(a) == repr(b)


@pytest.mark.parametrize("cls", list(RAW), ids=lambda c: c.__name__)
def test_every_packaged_record_is_what_the_converter_makes_of_it(cls: type) -> None:
    table = getattr(ds.tables, SPECS[cls].name)
    assert len(table) == len(RAW[cls])
    for record, raw in zip(table, RAW[cls], strict=True):
        if cls is takedown.Conflict:  # the loader types each claim as its field: see below
            assert converter.unstructure(record) == raw
            continue
        assert same_record(record, by_converter(cls, raw)), raw["id"]


def test_a_claim_has_the_type_of_the_field_it_disputes() -> None:
    for conflict in ds.conflicts():
        hint = typing.get_type_hints(type(ds.get(conflict.subject)))[conflict.field]
        # An optional field's claim may be None: the claim that the value is unknown.
        kinds = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
        for claim in conflict.claims:
            assert isinstance(claim.value, kinds), (conflict.id, claim.value)


def test_records_unstructure_to_the_data_files() -> None:
    for cls, items in RAW.items():
        table = getattr(ds.tables, SPECS[cls].name)
        assert [converter.unstructure(r) for r in table] == items, cls.__name__


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3000)
    | st.floats(-1, 1e4, allow_nan=False)
    | st.sampled_from(["", " ", "12", "2022-05-06", "20220506", "2022-13-01", "film", "x"])
    | st.sampled_from(EVERY_ID)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("ab"), inner),
    max_leaves=4,
)


@st.composite
def altered_records(draw: st.DrawFn) -> tuple[type, int, dict[str, Any]]:
    """A packaged record with fields dropped, added or given other JSON values."""
    cls, index = draw(st.sampled_from(RAW_RECORDS))
    raw = json.loads(json.dumps(RAW[cls][index]))
    keys = [f.name for f in cls.__attrs_attrs__]  # type: ignore[attr-defined]
    for _ in range(draw(st.integers(1, 3))):
        key = draw(st.sampled_from([*keys, "unknown"]))
        action = draw(st.sampled_from(["drop", "set", "set", "wrap"]))
        if action == "drop":
            raw.pop(key, None)
        elif action == "wrap" and key in raw:
            raw[key] = [raw[key]] if not isinstance(raw[key], list) else raw[key][:1] * 2
        else:
            raw[key] = draw(JSON_VALUES)
    return cls, index, raw


def _write_with(root: Path, cls: type, index: int, raw: dict[str, Any]) -> Path:
    """The packaged data under ``root``, with ``raw`` in place of the record at ``index``."""
    root.mkdir(parents=True, exist_ok=True)
    for name in [s.file for s in table_specs()]:
        (root / name).write_bytes(PACKAGED.joinpath(name).read_bytes())
    # No digests in the manifest: the copy is changed on purpose.
    (root / "manifest.json").write_text(json.dumps({"schema_version": SCHEMA_VERSION}))
    changed = [raw if i == index else item for i, item in enumerate(RAW[cls])]
    (root / SPECS[cls].file).write_text(json.dumps(changed), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("field", "value", "location", "problem"),
    [
        ("aliases", ["Omar", 7], "[0].aliases[1]", "expected str, got int 7"),
        ("citations", [{"field": "name"}], "[0].citations[0].sources", "required field missing"),
        ("sources", ["source/grokipedia", None], "[0].sources", "expected str, got null None"),
    ],
)
def test_a_failure_inside_a_record_is_named_to_its_item(
    tmp_path: Path, field: str, value: object, location: str, problem: str
) -> None:
    # The loader's converter skips cattrs' detailed validation; a failing record is
    # structured again with it, to say where in the record the failure is.
    raw = {**RAW[takedown.Person][0], field: value}
    root = _write_with(tmp_path, takedown.Person, 0, raw)
    with pytest.raises(takedown.DataError) as info:
        takedown.Dataset.from_path(root)
    assert (info.value.file, info.value.location) == ("people.json", location)
    assert problem in info.value.problem


@given(altered_records())
@example((takedown.Rating, 0, {**RAW[takedown.Rating][0], "value": 40}))
@example((takedown.Rating, 0, {**RAW[takedown.Rating][0], "count": "12"}))
@example((takedown.Rating, 0, {**RAW[takedown.Rating][0], "count": 1.5}))
@example((takedown.Rating, 0, {**RAW[takedown.Rating][0], "count": True}))
@example((takedown.Person, 0, {**RAW[takedown.Person][0], "aliases": "Omar"}))
@example((takedown.CrewCredit, 0, {**RAW[takedown.CrewCredit][0], "film": None}))
@example((takedown.Film, 0, {**RAW[takedown.Film][0], "release_date": "20220506"}))
def test_an_altered_record_loads_as_the_converter_makes_it_or_is_named(
    tmp_path_factory: pytest.TempPathFactory, case: tuple[type, int, dict[str, Any]]
) -> None:
    cls, index, raw = case
    try:
        expected = by_converter(cls, raw)
    except Exception:
        expected = None
    root = _write_with(tmp_path_factory.mktemp("data"), cls, index, raw)
    error: takedown.DataError | None = None
    try:
        loaded = takedown.Dataset.from_path(root)
    except takedown.DataError as raised:
        error = raised
    if error is not None:
        assert error.file is not None
        if expected is None and error.file == SPECS[cls].file:
            assert error.location.startswith("[")
        return
    assert expected is not None, f"loaded what the converter refuses: {raw}"
    assert same_record(loaded.tables.records()[_position(cls, index)], expected)


def _position(cls: type, index: int) -> int:
    """Where the record at ``index`` of ``cls``'s table is among all records."""
    before = table_specs()[: list(SPECS).index(cls)]
    return sum(len(RAW[s.record]) for s in before) + index


def test_strict_primitives_are_refused_with_their_place(tmp_path: Path) -> None:
    raw = {**RAW[takedown.Film][0], "runtime_minutes": "119"}
    with pytest.raises(takedown.DataError) as info:
        takedown.Dataset.from_path(_write_with(tmp_path, takedown.Film, 0, raw))
    assert (info.value.file, info.value.location) == ("films.json", "[0].runtime_minutes")
    assert "expected int" in info.value.problem


def _synth() -> Any:
    return script("benchmarks/synth.py")


def test_a_synthetic_dataset_loads_and_answers(tmp_path: Path) -> None:
    count = _synth().write(2500, tmp_path)
    loaded = takedown.Dataset.from_path(tmp_path)
    assert len(loaded.tables.records()) == count
    film = loaded.films[1]
    assert loaded.predecessor(film) is loaded.films[0]
    assert [c.order for c in loaded.cast(film)] == sorted(c.order for c in loaded.cast(film))
    person = loaded.cast(film)[0].person
    assert loaded.person(person.name) is person
    assert loaded.search(person.name)[0].record is person


def test_a_fault_deep_in_a_long_table_is_named(tmp_path: Path) -> None:
    _synth().write(2500, tmp_path)
    plot = json.loads((tmp_path / "plot.json").read_bytes())
    plot[700]["characters"] = [plot[700]["characters"][0], "character/nobody"]
    (tmp_path / "plot.json").write_text(json.dumps(plot))
    with pytest.raises(takedown.DataError) as info:
        takedown.Dataset.from_path(tmp_path, check_digests=False)
    assert (info.value.file, info.value.location) == ("plot.json", "[700].characters")
    assert "unknown character 'character/nobody'" in info.value.problem


def test_two_threads_loading_different_directories_never_cross_wires(tmp_path: Path) -> None:
    renamed = {**RAW[takedown.Person][0], "name": "Omar Sy the Second"}
    first = _write_with(tmp_path / "first", takedown.Person, 0, RAW[takedown.Person][0])
    second = _write_with(tmp_path / "second", takedown.Person, 0, renamed)
    start = threading.Barrier(8)
    seen: list[tuple[int, str, bool]] = []

    def worker(n: int) -> None:
        start.wait()
        for _ in range(3):
            loaded = takedown.Dataset.from_path(second if n % 2 else first)
            person_id = RAW[takedown.Person][0]["id"]
            person = loaded.get(person_id)
            own = all(c.person is loaded.get(c.person.id) for c in loaded.tables.cast)
            seen.append((n % 2, person.name, own))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 24
    assert {(parity, name) for parity, name, _ in seen} == {
        (0, RAW[takedown.Person][0]["name"]),
        (1, "Omar Sy the Second"),
    }
    assert all(own for _, _, own in seen)


def test_the_library_never_switches_the_collector_off(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("takedown called gc.disable()")

    monkeypatch.setattr(gc, "disable", refuse)
    with as_file(PACKAGED) as path:
        fresh = takedown.Dataset.from_path(path)
    fresh.film("The Takedown")
    fresh.search("omar")
    assert gc.isenabled()


_PAST_STRING = '[{"a": "x\\" {1e999 NaN", "b": {"c": 2}, "d": 1e999}]'
_REPEATED = '[{"a": "\\"k\\": 1, \\"k\\": 2", "k": 1, "o": {"k": 1}},\n {"k": 1, "k": 2}]'
_NESTED = '[{"k": {"n": NaN}, "k": 1}]'


@pytest.mark.parametrize(
    ("text", "position"),
    [
        # Text that looks like JSON inside a string is not a token: the number after it is.
        (_PAST_STRING, _PAST_STRING.rindex("1e999")),
        # A repeated key is placed at its object; keys inside strings and other objects are not.
        (_REPEATED, _REPEATED.rindex("{")),
        (_NESTED, _NESTED.index("NaN")),  # a value is read before its object closes
    ],
)
def test_a_refused_token_is_placed_past_strings_and_nested_objects(
    text: str, position: int
) -> None:
    from takedown._loader import parse_json

    with pytest.raises(takedown.DataError) as info:
        parse_json(text.encode(), "t.json")
    line = text.count("\n", 0, position) + 1
    column = position - text.rfind("\n", 0, position)
    assert info.value.location == f":{line}:{column}"


def test_a_load_reads_the_manifest_once_and_cite_reads_it_no_more() -> None:
    code = """
        import json, sys
        opened = []
        sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == "open" else None)
        import takedown
        takedown.load()
        takedown.cite("bibtex")
        print(json.dumps(sum(path.endswith("manifest.json") for path in opened)))
    """
    import subprocess
    import sys
    import textwrap

    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert json.loads(done.stdout) == 1
    assert ds.version is not None
    assert f"version = {{{ds.version.data}}}" in takedown.cite("bibtex")


def test_write_json_hashes_what_it_writes_without_reading_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from takedown._loader import verify
    from takedown.export import write_json

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"read back {self}")

    with monkeypatch.context() as patched:
        patched.setattr(Path, "read_bytes", refuse)
        write_json(ds, tmp_path)
    verify(tmp_path)
    assert takedown.Dataset.from_path(tmp_path).version == ds.version


def test_a_schema_3_copy_loads_once_its_manifest_says_4(tmp_path: Path) -> None:
    # What docs/data-changelog.md promises a copy written before the mentioned_ fields.
    from takedown._manifest import MANIFEST
    from takedown.export import write_json

    write_json(takedown.load(), tmp_path)
    plot = tmp_path / "plot.json"
    events = json.loads(plot.read_text(encoding="utf-8"))
    for event in events:
        del event["mentioned_characters"], event["mentioned_locations"]
        event["citations"] = [c for c in event["citations"] if "mentioned" not in c["field"]]
    plot.write_text(json.dumps(events), encoding="utf-8")
    manifest_path = tmp_path / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["sha256"]["plot.json"] = hashlib.sha256(plot.read_bytes()).hexdigest()
    manifest["schema_version"] = 3
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(takedown.DataError, match="unknown schema version 3"):
        takedown.Dataset.from_path(tmp_path)

    manifest["schema_version"] = SCHEMA_VERSION
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    ds = takedown.Dataset.from_path(tmp_path)
    assert len(ds.tables.plot) == len(events)
    assert all(e.mentioned_characters == e.mentioned_locations == () for e in ds.tables.plot)
