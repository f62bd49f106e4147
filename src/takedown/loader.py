"""Read a data directory into :class:`~takedown.tables.Tables`, or fail with a DataError.

Every record is structured by the cattrs converter of :mod:`takedown._convert`, which runs
the record's own validators; what needs several records (unique ids, references, cited
sources) is checked here.  Nothing is returned unless everything passed, so no caller ever
sees a half-built dataset, and every failure, whatever the input, is a
:class:`~takedown.DataError` naming the file, the place in it and the problem.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import converter, resolving, structure_field
from ._fields import REF_KIND
from .errors import DataError
from .models import Conflict
from .tables import SCHEMA_VERSION, Tables, TableSpec, table_specs

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["MANIFEST", "load_tables", "read_json"]

MANIFEST = "manifest.json"
CONFLICTS = "conflicts.json"

_Loaded = dict[str, dict[str, Any]]


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


def load_tables(root: Traversable) -> Tables:
    """Load and check every table under ``root``; raise DataError on the first problem."""
    _check_manifest(root)
    specs = table_specs()
    loaded: _Loaded = {spec.record.KIND: {} for spec in specs}  # type: ignore[attr-defined]
    tables: dict[str, tuple[Any, ...]] = {}
    with resolving(loaded):
        for spec in specs:
            tables[spec.name] = _load_table(root, spec, loaded[spec.record.KIND])  # type: ignore[attr-defined]
        for spec in specs:
            _check_citations(spec, tables[spec.name], loaded)
        tables["conflicts"] = _typed_claims(tables["conflicts"], loaded)
    return Tables(**tables)


def _load_table(root: Traversable, spec: TableSpec, by_id: dict[str, Any]) -> tuple[Any, ...]:
    items = read_json(root, spec.file)
    if not isinstance(items, list):
        raise DataError(f"must hold a JSON array, not {type(items).__name__}", file=spec.file)
    structure = converter.get_structure_hook(spec.record)
    position: dict[str, int] = {}
    records: list[Any] = [None] * len(items)
    for i in _load_order(items, spec):
        try:
            record = structure(items[i], spec.record)
        except Exception as exc:  # every failure becomes a DataError with its place
            location, problem = _explain(exc, i)
            raise DataError(problem, file=spec.file, location=location) from exc
        if record.id in by_id:
            raise DataError(
                f"duplicate id {record.id!r} (also at [{position[record.id]}])",
                file=spec.file,
                location=f"[{i}].id",
            )
        by_id[record.id] = record
        position[record.id] = i
        records[i] = record
        # Drop the parsed object as soon as its record exists: the collector then never
        # walks both at once, which kept the load time per record growing with the size.
        items[i] = None
    return tuple(records)


def _self_references(cls: type) -> tuple[str, ...]:
    """The fields of ``cls`` that refer to records of its own kind."""
    kind = cls.KIND  # type: ignore[attr-defined]
    return tuple(f.name for f in attrs.fields(cls) if f.metadata.get(REF_KIND) == kind)


def _load_order(items: list[Any], spec: TableSpec) -> range | list[int]:
    """Indexes of ``items`` such that a record comes after those of its table it refers to.

    Records may refer to records later in their file; a cycle is a DataError.
    """
    self_refs = _self_references(spec.record)
    if not self_refs:
        return range(len(items))
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


def _citations(record: Any) -> Iterator[tuple[str, frozenset[str]]]:
    """Where in ``record`` sources are cited (``.sources``), and the ids cited there."""
    if "sources" in attrs.fields_dict(type(record)):
        yield ".sources", record.sources
    for k, claim in enumerate(getattr(record, "claims", ())):
        yield f".claims[{k}].sources", claim.sources


def _check_citations(spec: TableSpec, table: tuple[Any, ...], loaded: _Loaded) -> None:
    """Every cited source exists."""
    known = loaded["source"]
    for i, record in enumerate(table):
        for where, cited in _citations(record):
            unknown = sorted(source for source in cited if source not in known)
            if unknown:
                raise DataError(
                    f"cites unknown source {unknown[0]!r}", file=spec.file, location=f"[{i}]{where}"
                )


#: Fields a conflict cannot be about: they say what a record is and where it comes from.
_NOT_DISPUTABLE = frozenset({"id", "sources", "citations"})


def _typed_claims(conflicts: tuple[Conflict, ...], loaded: _Loaded) -> tuple[Conflict, ...]:
    """The conflicts, each claim's value read as the disputed field's type.

    A conflict must be about a record that exists and a field that record has.
    """
    typed = []
    for i, conflict in enumerate(conflicts):
        place = f"[{i}]"
        subject = next(
            (ids[conflict.subject] for ids in loaded.values() if conflict.subject in ids), None
        )
        if subject is None:
            raise DataError(
                f"is about unknown record {conflict.subject!r}",
                file=CONFLICTS,
                location=f"{place}.subject",
            )
        cls = type(subject)
        if conflict.field in _NOT_DISPUTABLE or conflict.field not in attrs.fields_dict(cls):
            raise DataError(
                f"is about {conflict.field!r}, which is not a field of {cls.__name__}",
                file=CONFLICTS,
                location=f"{place}.field",
            )
        claims = []
        for k, claim in enumerate(conflict.claims):
            try:
                value = structure_field(cls, conflict.field, claim.value)
            except Exception as exc:  # a claim that is not of the field's type
                _, problem = _explain(exc, i)
                raise DataError(
                    f"not a value of {cls.__name__}.{conflict.field}: {problem}",
                    file=CONFLICTS,
                    location=f"{place}.claims[{k}].value",
                ) from exc
            claims.append(attrs.evolve(claim, value=value))
        typed.append(attrs.evolve(conflict, claims=tuple(claims)))
    return tuple(typed)
