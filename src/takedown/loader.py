"""Read a data directory into :class:`~takedown.tables.Tables`, or fail with a DataError.

One record's own rules are checked by its validators while it is structured; what needs
several records (unique ids, references, cited sources) is checked here.  Nothing is
returned unless everything passed, so no caller ever sees a half-built dataset.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import attrs
import cattrs

from ._convert import resolving, structure_hook
from ._fields import REF_KIND
from .errors import DataError
from .tables import SCHEMA_VERSION, Tables, TableSpec, table_specs

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["MANIFEST", "load_tables", "read_json"]

MANIFEST = "manifest.json"


def read_json(root: Traversable, name: str) -> Any:
    """Parse ``root/name`` as UTF-8 JSON, or raise DataError naming the file."""
    try:
        data = root.joinpath(name).read_bytes()
    except FileNotFoundError:
        raise DataError("file is missing", file=name) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    try:
        return json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise DataError(f"is not UTF-8 (byte {exc.start})", file=name) from None
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
    if version != SCHEMA_VERSION:
        raise DataError(
            f"unknown schema version {version!r}; this takedown reads version {SCHEMA_VERSION}",
            file=MANIFEST,
            location=".schema_version",
        )


def _explain(exc: BaseException, index: int) -> tuple[str, str]:
    """The place (``[12].person``) and the problem of a structuring failure."""
    if isinstance(exc, (cattrs.BaseValidationError)):
        messages = cattrs.transform_error(exc, path="", format_exception=lambda e, _: f"{e}")
        first = messages[0] if messages else str(exc)
        problem, _, path = first.rpartition(" @ ")
        if not problem:
            problem, path = first, ""
        return f"[{index}]{path}", problem
    return f"[{index}]", str(exc) or type(exc).__name__


def _load_order(items: list[Any], spec: TableSpec) -> list[int]:
    """Indexes of ``items`` such that a record comes after those of its table it refers to."""
    kind = spec.record.KIND  # type: ignore[attr-defined]
    self_refs = [f.name for f in attrs.fields(spec.record) if f.metadata.get(REF_KIND) == kind]
    if not self_refs:
        return list(range(len(items)))
    position = {
        item["id"]: i
        for i, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("id"), str)
    }
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


def load_tables(root: Traversable) -> Tables:
    """Load and check every table under ``root``; raise DataError on the first problem."""
    _check_manifest(root)
    loaded: dict[str, dict[str, Any]] = {}

    def resolve(kind: str, record_id: str) -> object:
        try:
            return loaded[kind][record_id]
        except KeyError:
            raise LookupError(f"refers to unknown {kind} {record_id!r}") from None

    tables: dict[str, tuple[Any, ...]] = {}
    with resolving(resolve):
        for spec in table_specs():
            tables[spec.name] = _load_table(root, spec, loaded.setdefault(spec.record.KIND, {}))  # type: ignore[attr-defined]
    _check_citations(tables, loaded)
    return Tables(**tables)


def _load_table(root: Traversable, spec: TableSpec, by_id: dict[str, Any]) -> tuple[Any, ...]:
    items = read_json(root, spec.file)
    if not isinstance(items, list):
        raise DataError(f"must hold a JSON array, not {type(items).__name__}", file=spec.file)
    structure: Callable[[Any, type], Any] = structure_hook(spec.record)
    records: list[Any] = [None] * len(items)
    for i in _load_order(items, spec):
        item = items[i]
        if not isinstance(item, dict):
            raise DataError(
                f"must be a JSON object, not {type(item).__name__}",
                file=spec.file,
                location=f"[{i}]",
            )
        try:
            record = structure(item, spec.record)
        except Exception as exc:  # every failure becomes a DataError with its place
            location, problem = _explain(exc, i)
            raise DataError(problem, file=spec.file, location=location) from exc
        if record.id in by_id:
            first = next(j for j, r in enumerate(records) if r is not None and r.id == record.id)
            raise DataError(
                f"duplicate id {record.id!r} (also at [{first}])",
                file=spec.file,
                location=f"[{i}].id",
            )
        by_id[record.id] = record
        records[i] = record
    return tuple(records)


def _check_citations(tables: dict[str, tuple[Any, ...]], loaded: dict[str, dict[str, Any]]) -> None:
    known_sources = loaded.get("source", {})
    every_id = {record_id for table in loaded.values() for record_id in table}
    for spec in table_specs():
        for i, record in enumerate(tables[spec.name]):
            claims = getattr(record, "claims", ())
            cited: list[tuple[str, frozenset[str]]] = [
                (".sources", getattr(record, "sources", frozenset()))
            ]
            cited += [(f".claims[{k}].sources", c.sources) for k, c in enumerate(claims)]
            for where, ids in cited:
                for source_id in sorted(ids):
                    if source_id not in known_sources:
                        raise DataError(
                            f"cites unknown source {source_id!r}",
                            file=spec.file,
                            location=f"[{i}]{where}",
                        )
            subject = getattr(record, "subject", None)
            if subject is not None and subject not in every_id:
                raise DataError(
                    f"is about unknown record {subject!r}",
                    file=spec.file,
                    location=f"[{i}].subject",
                )
