"""The loader's fast paths agree with the cattrs converter, record by record and in full.

The loader structures records with functions of its own (:mod:`takedown._compile`, compiled
for long tables, interpreted for short ones) and hands only what they refuse to the
converter.  These tests hold the fast paths to the converter: whatever they accept, the
converter accepts and builds into the very same record.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import takedown
from takedown import _compile, loader
from takedown._convert import converter, resolving
from takedown.tables import table_specs

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
RAW_RECORDS = [(cls, raw) for cls, items in RAW.items() for raw in items]
EVERY_ID = sorted(r.id for r in ds.tables.records())


def by_converter(cls: type, raw: Any) -> Any:
    with resolving(LOADED):
        return converter.structure(raw, cls)


def fast_forms(cls: type) -> dict[str, Any]:
    assert _compile.ahead_of_time(cls), f"{cls.__name__} has no current generated code"
    bind = _compile.binder(cls)
    assert bind is not None
    plan = _compile._plan_of(cls)
    assert plan is not None
    compiled_now = _compile._bound(cls, plan, _compile._compile_now(cls, plan))
    interpreted = _compile.interpreted(cls, LOADED)
    assert interpreted is not None
    return {
        "generated": bind(LOADED),
        "compiled now": compiled_now(LOADED),
        "interpreted": interpreted,
    }


def same_record(a: Any, b: Any) -> bool:
    # repr tells 40 from 40.0, which == does not
    return bool(a == b) and repr(a) == repr(b)


@pytest.mark.parametrize("cls", list(RAW), ids=lambda c: c.__name__)
def test_every_packaged_record_takes_the_fast_path_to_the_same_record(cls: type) -> None:
    for form, structure in fast_forms(cls).items():
        for raw in RAW[cls]:
            assert same_record(structure(raw), by_converter(cls, raw)), (form, raw["id"])


JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3000)
    | st.floats(-1, 1e4, allow_nan=False)
    | st.sampled_from(["", " ", "12", "2022-05-06", "2022-13-01", "film", "critics", "x"])
    | st.sampled_from(EVERY_ID)
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("ab"), inner),
    max_leaves=4,
)


@st.composite
def altered_records(draw: st.DrawFn) -> tuple[type, dict[str, Any]]:
    """A packaged record with fields dropped, added or given other JSON values."""
    cls, raw = draw(st.sampled_from(RAW_RECORDS))
    raw = json.loads(json.dumps(raw))
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
    return cls, raw


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(altered_records())
@example((takedown.Rating, {**RAW[takedown.Rating][0], "value": 40}))
@example((takedown.Person, {**RAW[takedown.Person][0], "aliases": "Omar"}))
@example((takedown.CrewCredit, {**RAW[takedown.CrewCredit][0], "film": None}))
def test_the_fast_paths_never_accept_what_the_converter_refuses(
    case: tuple[type, dict[str, Any]],
) -> None:
    cls, raw = case
    try:
        expected = by_converter(cls, raw)
    except Exception:
        expected = None
    for form, structure in fast_forms(cls).items():
        try:
            got = structure(raw)
        except Exception:
            continue  # a refusal only sends the record to the converter
        assert expected is not None, f"{form} accepted what the converter refuses: {raw}"
        assert same_record(got, expected), form


def test_the_generated_structuring_code_is_current() -> None:
    # If this fails, run: python -m takedown._codegen src/takedown/_generated.py
    from takedown import _codegen

    path = Path(_compile.__file__).with_name("_generated.py")
    assert path.read_text(encoding="utf-8") == _codegen.generate(_codegen.record_classes())
    assert set(SPECS) <= set(_codegen.record_classes())


def test_a_class_whose_plan_changed_since_generation_is_compiled_at_run_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from takedown import _generated, models

    name = "takedown.models.Person"
    signature, code = _generated.COMPILED[name]
    stale = (signature[0], *signature[2:])  # as if a field had been added since
    monkeypatch.setitem(_generated.COMPILED, name, (stale, code))
    monkeypatch.setattr(_compile, "_binders", {})
    compiled: list[type] = []
    compile_now = _compile._compile_now

    def spy(cls: type, plan: Any) -> Any:
        compiled.append(cls)
        return compile_now(cls, plan)

    monkeypatch.setattr(_compile, "_compile_now", spy)
    assert not _compile.ahead_of_time(models.Person)
    bind = _compile.binder(models.Person)
    assert bind is not None
    assert compiled == [models.Person]
    structure = bind(LOADED)
    for raw in RAW[models.Person]:
        assert same_record(structure(raw), by_converter(models.Person, raw))


def _load_with(monkeypatch: pytest.MonkeyPatch, root: Any, compile_from: int | None) -> Any:
    """Load ``root`` without the generated code, compiling every table (0) or none (huge),
    or with the converter alone (None)."""
    if compile_from is None:
        monkeypatch.setattr(loader, "_fast_structurer", lambda *args: None)
    else:
        monkeypatch.setattr(_compile, "_binders", {})
        monkeypatch.setattr(_compile, "_generated", lambda *args: None)
        monkeypatch.setattr(loader, "COMPILE_FROM", compile_from)
    try:
        return loader.load_tables(root)
    finally:
        monkeypatch.undo()


def test_both_fast_paths_and_the_converter_alone_load_the_same_tables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from takedown.manifest import packaged_data

    root = packaged_data()
    generated = loader.load_tables(root)
    compiled = _load_with(monkeypatch, root, 0)
    interpreted = _load_with(monkeypatch, root, 10**9)
    slow = _load_with(monkeypatch, root, None)
    assert generated == compiled == interpreted == slow == ds.tables
    assert repr(generated.records()) == repr(slow.records())
    assert repr(compiled.records()) == repr(slow.records())


def test_valid_data_never_reaches_the_converter(monkeypatch: pytest.MonkeyPatch) -> None:
    from takedown.manifest import packaged_data

    def refuse(*args: Any) -> Any:
        raise AssertionError(f"the converter was asked about {args[0]!r}")

    monkeypatch.setattr(loader, "_structure_slowly", refuse)
    assert loader.load_tables(packaged_data()) == ds.tables


def _synth() -> Any:
    # benchmarks/ is not a package: load its generator by path.
    path = Path(__file__).parent.parent / "benchmarks" / "synth.py"
    if not path.exists():
        pytest.skip("the benchmarks are not part of this checkout")
    spec = importlib.util.spec_from_file_location("takedown_bench_synth", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_a_synthetic_dataset_loads_the_same_compiled_or_interpreted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synth = _synth()
    count = synth.write(2500, tmp_path)
    compiled = _load_with(monkeypatch, tmp_path, 0)
    interpreted = _load_with(monkeypatch, tmp_path, 10**9)
    assert compiled == interpreted
    assert len(compiled.records()) == count
    loaded = takedown.Dataset(compiled)
    film = loaded.films[1]
    assert loaded.predecessor(film) is loaded.films[0]
    assert [c.order for c in loaded.cast(film)] == sorted(c.order for c in loaded.cast(film))
    person = loaded.cast(film)[0].person
    assert loaded.person(person.name) is person
    assert loaded.search(person.name)[0].record is person


def test_the_collector_pause_restores_what_it_found() -> None:
    import gc

    assert gc.isenabled()
    with loader.paused_gc():
        assert not gc.isenabled()
        with loader.paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # only the outermost pause resumes
    assert gc.isenabled()
    with pytest.raises(KeyError), loader.paused_gc():
        raise KeyError("a failed load")
    assert gc.isenabled()
    gc.disable()
    try:
        with loader.paused_gc():
            pass
        assert not gc.isenabled()  # switched off by the caller: stays off
    finally:
        gc.enable()


def test_a_fault_in_a_long_compiled_table_is_named_like_any_other(tmp_path: Path) -> None:
    synth = _synth()
    synth.write(2500, tmp_path)
    plot = json.loads((tmp_path / "plot.json").read_bytes())
    assert len(plot) >= loader.COMPILE_FROM  # so the compiled form reads it
    plot[700]["characters"] = [plot[700]["characters"][0], "character/nobody"]
    (tmp_path / "plot.json").write_text(json.dumps(plot))
    with pytest.raises(takedown.DataError) as info:
        takedown.Dataset.from_path(tmp_path)
    assert (info.value.file, info.value.location) == ("plot.json", "[700].characters")
    assert "unknown character 'character/nobody'" in info.value.problem
