"""Read a data directory into :class:`~takedown.tables.Tables`, or fail with a DataError.

One record's own rules are checked by its validators while it is structured; what needs
several records (unique ids, references, cited sources) is checked here.  Nothing is
returned unless everything passed, so no caller ever sees a half-built dataset, and every
failure, whatever the input, is a :class:`~takedown.DataError` naming the file, the place
in it and the problem.

Speed: each record goes through the fast function :mod:`takedown._compile` made for its
class ahead of time (:mod:`takedown._generated`; failing that, compiled at run time for
long tables, interpreted for short ones); only a record it refuses is handed
to the cattrs converter of :mod:`takedown._convert`, which either builds it or explains
what is wrong.  cattrs is not even imported while the data is valid.
"""

from __future__ import annotations

import functools
import gc
import json
import operator
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import attrs

from . import _compile
from ._fields import REF_KIND
from .errors import DataError
from .tables import SCHEMA_VERSION, Tables, TableSpec, table_specs

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["MANIFEST", "load_tables", "paused_gc", "read_json"]

MANIFEST = "manifest.json"

#: A class without ahead-of-time code (see :mod:`takedown._generated`) is compiled for tables
#: this long; shorter ones would not repay the compilation (about a millisecond a class) and
#: are structured by the interpreted plan.
COMPILE_FROM = 512

# The converter resolves references through one process-wide slot; the slow path is the
# only user and takes this lock, so concurrent loads of bad data do not cross wires.
_slow_lock = threading.Lock()


def read_json(root: Traversable, name: str) -> Any:
    """Parse ``root/name`` as UTF-8 JSON, or raise DataError naming the file."""
    try:
        data = root.joinpath(name).read_bytes()
    except FileNotFoundError:
        raise DataError("file is missing", file=name) from None
    except IsADirectoryError:
        raise DataError("is a directory, not a file", file=name) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"is not UTF-8 (byte {exc.start})", file=name) from None
    del data  # the text alone is parsed; keep the peak at one copy of the file
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataError(
            f"is not valid JSON: {exc.msg}", file=name, location=f":{exc.lineno}:{exc.colno}"
        ) from None
    except RecursionError:
        raise DataError("is nested too deeply to parse", file=name) from None


def _check_manifest(root: Traversable) -> None:
    manifest = read_json(root, MANIFEST)
    if not isinstance(manifest, dict) or "schema_version" not in manifest:
        raise DataError("must be an object with a schema_version", file=MANIFEST)
    version = manifest["schema_version"]
    if type(version) is not int or version != SCHEMA_VERSION:
        raise DataError(
            f"unknown schema version {version!r}; this takedown reads version {SCHEMA_VERSION}",
            file=MANIFEST,
            location=".schema_version",
        )


def _format(exc: BaseException, _: object) -> str:
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        names = ", ".join(repr(name) for name in sorted(exc.extra_fields))
        return f"unknown field {names}"
    return str(exc) or type(exc).__name__


def _explain(exc: BaseException, index: int) -> tuple[str, str]:
    """The place (``[12].person``) and the problem of a structuring failure."""
    import cattrs

    if isinstance(exc, cattrs.BaseValidationError):
        messages = cattrs.transform_error(exc, path="", format_exception=_format)
        first = messages[0] if messages else str(exc)
        problem, _, path = first.rpartition(" @ ")
        if not problem:
            problem, path = first, ""
        return f"[{index}]{path}", problem
    return f"[{index}]", _format(exc, None)


def _structure_slowly(item: Any, index: int, spec: TableSpec, loaded: _Loaded) -> Any:
    """Structure ``item`` with the reference converter: the record, or a DataError."""
    if not isinstance(item, dict):
        raise DataError(
            f"must be a JSON object, not {type(item).__name__}",
            file=spec.file,
            location=f"[{index}]",
        )
    from ._convert import resolving, structure_hook

    def resolve(kind: str, record_id: str) -> object:
        try:
            return loaded[kind][record_id]
        except KeyError:
            raise LookupError(f"refers to unknown {kind} {record_id!r}") from None

    with _slow_lock, resolving(resolve):
        try:
            return structure_hook(spec.record)(item, spec.record)
        except Exception as exc:  # every failure becomes a DataError with its place
            location, problem = _explain(exc, index)
            raise DataError(problem, file=spec.file, location=location) from exc


_Loaded = dict[str, dict[str, Any]]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building records and their indexes.

    Loading makes objects by the million and no garbage cycles, so the collector would only
    walk the growing tables again and again: a fifth of the load time at 100k records, and
    more the larger the heap.  It is resumed only if it ran before (a caller who switched it
    off keeps it off; nested pauses resume once, at the outermost).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def load_tables(root: Traversable) -> Tables:
    """Load and check every table under ``root``; raise DataError on the first problem."""
    with paused_gc():
        return _load_tables(root)


def _load_tables(root: Traversable) -> Tables:
    _check_manifest(root)
    specs = table_specs()
    loaded: _Loaded = {spec.record.KIND: {} for spec in specs}  # type: ignore[attr-defined]
    tables: dict[str, tuple[Any, ...]] = {}
    for spec in specs:
        tables[spec.name] = _load_table(root, spec, loaded)
    _check_citations(tables, loaded)
    return Tables(**tables)


def _fast_structurer(spec: TableSpec, size: int, loaded: _Loaded) -> Callable[[Any], Any] | None:
    # Compiled code ahead of time (or earlier in this process) serves any table; compiling
    # now pays off for long tables only.
    bind = _compile.binder(spec.record, compile_now=size >= COMPILE_FROM)
    if bind is not None:
        return bind(loaded)
    return _compile.interpreted(spec.record, loaded)


def _load_table(root: Traversable, spec: TableSpec, loaded: _Loaded) -> tuple[Any, ...]:
    items = read_json(root, spec.file)
    if not isinstance(items, list):
        raise DataError(f"must hold a JSON array, not {type(items).__name__}", file=spec.file)
    by_id = loaded[spec.record.KIND]  # type: ignore[attr-defined]
    fast = _fast_structurer(spec, len(items), loaded)
    order = _load_order(items, spec)
    records: list[Any] = [None] * len(items)
    for i in range(len(items)) if order is None else order:
        item = items[i]
        try:
            if fast is None:
                raise _compile.Refuse
            record = fast(item)
        except Exception:  # the converter decides, and explains a failure
            record = _structure_slowly(item, i, spec, loaded)
        record_id = record.id
        if record_id in by_id:
            raise DataError(
                f"duplicate id {record_id!r} (also at [{_index_of(records, record_id)}])",
                file=spec.file,
                location=f"[{i}].id",
            )
        by_id[record_id] = record
        records[i] = record
    return tuple(records)


def _index_of(records: list[Any], record_id: str) -> int:
    return next(j for j, r in enumerate(records) if r is not None and r.id == record_id)


@functools.cache
def _self_references(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that refer to records of its own kind (a class's fixed trait)."""
    kind = cls.KIND  # type: ignore[attr-defined]
    return tuple(f.name for f in attrs.fields(cls) if f.metadata.get(REF_KIND) == kind)


def _load_order(items: list[Any], spec: TableSpec) -> list[int] | None:
    """Indexes of ``items`` such that a record comes after those of its table it refers to.

    None when the table does not refer to itself: file order then does.
    """
    self_refs = _self_references(spec.record)
    if not self_refs or _in_file_order(items, self_refs):
        return None
    position: dict[Any, int] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            position.setdefault(item["id"], i)
    order: list[int] = []
    state: dict[int, int] = {}  # 1: being placed, 2: placed
    for start in range(len(items)):
        stack: list[tuple[int, bool]] = [(start, False)]
        while stack:
            i, expanded = stack.pop()
            if expanded:
                state[i] = 2
                order.append(i)
                continue
            if state.get(i) == 2:
                continue
            if state.get(i) == 1:
                raise DataError(
                    "records refer to each other in a cycle", file=spec.file, location=f"[{i}]"
                )
            state[i] = 1
            stack.append((i, True))
            item = items[i]
            for name in self_refs:
                target = item.get(name) if isinstance(item, dict) else None
                j = position.get(target) if isinstance(target, str) else None
                if j is not None and state.get(j) != 2:
                    if state.get(j) == 1:
                        raise DataError(
                            f"{name} makes a cycle through {target!r}",
                            file=spec.file,
                            location=f"[{i}].{name}",
                        )
                    stack.append((j, False))
    return order


def _in_file_order(items: list[Any], self_refs: tuple[str, ...]) -> bool:
    """Whether every record of ``items`` refers only to records before it (the usual case)."""
    seen: set[str] = set()
    for item in items:
        if type(item) is not dict or type(record_id := item.get("id")) is not str:
            return False  # the full walk below copes with whatever this is
        for name in self_refs:
            target = item.get(name)
            if target is not None and (type(target) is not str or target not in seen):
                return False
        seen.add(record_id)
    return True


def _check_citations(tables: Mapping[str, tuple[Any, ...]], loaded: _Loaded) -> None:
    known_sources = frozenset(loaded.get("source", ()))
    for spec in table_specs():
        table = tables[spec.name]
        cites, has_subject = _cross_checked_fields(spec.record)
        # Records share their few source sets (see _compile._text_set): check each set once,
        # and only when one fails look for the first record holding it, so that the error
        # names the same place whatever order the sets come in.
        if cites:
            unknown = {s for s in set(map(_sources_of, table)) if not known_sources >= s}
            if unknown:
                i = next(i for i, r in enumerate(table) if r.sources in unknown)
                _explain_citation(spec, i, table[i], known_sources)
        if has_subject:
            subjects = {record.subject for record in table}
            missing = {s for s in subjects if not any(s in ids for ids in loaded.values())}
            if missing:
                i = next(i for i, r in enumerate(table) if r.subject in missing)
                raise DataError(
                    f"is about unknown record {table[i].subject!r}",
                    file=spec.file,
                    location=f"[{i}].subject",
                )


_sources_of = operator.attrgetter("sources")


@functools.cache
def _cross_checked_fields(cls: type) -> tuple[bool, bool]:
    """Whether records of ``cls`` cite sources, and whether they are about another record."""
    return hasattr(cls, "sources"), "subject" in attrs.fields_dict(cls)


def _explain_citation(spec: TableSpec, index: int, record: Any, known: Any) -> None:
    claims = getattr(record, "claims", ())
    cited: list[tuple[str, frozenset[str]]] = []
    if "sources" in attrs.fields_dict(type(record)):
        cited.append((".sources", record.sources))
    cited += [(f".claims[{k}].sources", c.sources) for k, c in enumerate(claims)]
    for where, ids in cited:
        for source_id in sorted(ids):
            if source_id not in known:
                raise DataError(
                    f"cites unknown source {source_id!r}",
                    file=spec.file,
                    location=f"[{index}]{where}",
                )
    raise DataError("cites an unknown source", file=spec.file, location=f"[{index}]")
