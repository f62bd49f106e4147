"""Read a data directory into :class:`~takedown._tables.Tables` and its data version, or fail
with a DataError naming the file, the place in it and the problem.

The converter of :mod:`takedown._convert` structures each record (running its validators);
what needs several records (unique ids and names, references, cited sources) is checked here.
"""

from __future__ import annotations

import graphlib
import hashlib
import json
import math
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from ._convert import converter, make_converter, resolving, structure_field
from ._fields import NAME_FIELDS, REF_KIND, UNCITABLE, id_kind
from ._manifest import MANIFEST, DataVersion, check, packaged_data
from ._tables import Tables, TableSpec, table_specs
from ._text import fold
from .errors import DataError, short
from .models import Conflict

if TYPE_CHECKING:
    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_INT",
    "MAX_NAME_CHARS",
    "MIN_INT",
    "load_tables",
    "parse_json",
    "read_bytes",
    "verify",
]

#: The largest data file read, in bytes (``Dataset.from_path(max_file_bytes=...)`` sets
#: another cap); no more is ever read, so no file can exhaust memory.
MAX_FILE_BYTES = 64 * 1024 * 1024

#: The range of an integer in a data file: a signed 64-bit int, what SQLite and the frames
#: store.  A bigger one would load, then break the sqlite export and the frames.
MIN_INT = -(2**63)
MAX_INT = 2**63 - 1

#: The longest name, title or alias, in characters: lookups and search fold every name, at
#: a cost per character, and no real name comes near this.
MAX_NAME_CHARS = 1000

_Loaded = dict[str, dict[str, Any]]


_SPECIAL_FILES = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
}


def _refuse_special(mode: int, name: str) -> None:
    """Raise DataError unless ``mode`` is a regular file's."""
    if not stat.S_ISREG(mode):
        kind = _SPECIAL_FILES.get(stat.S_IFMT(mode), "a special file")
        raise DataError(f"is {kind}, not a regular file", file=name)


def read_bytes(root: Traversable, name: str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``root/name``, or DataError: missing, special, too big.

    A filesystem path is checked with ``os.stat`` before it is opened (a FIFO would block
    ``open`` forever); no more than ``max_bytes + 1`` bytes are read, whatever its size says.
    """
    path = root.joinpath(name)
    # Not a filesystem path in a zip: then only the cap applies.
    fs_path = os.fsdecode(path) if isinstance(path, os.PathLike) else None
    too_big = f"is larger than the {max_bytes}-byte cap (Dataset.from_path's max_file_bytes)"
    try:
        if fs_path is None:
            with path.open("rb") as stream:
                data = stream.read(max_bytes + 1)
        else:
            if "\0" in fs_path:
                raise DataError("its path holds a NUL character", file=name)
            status = os.stat(fs_path)
            _refuse_special(status.st_mode, name)
            if status.st_size > max_bytes:
                raise DataError(too_big, file=name)
            flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
            with open(os.open(fs_path, flags), "rb") as stream:
                # Swapped for something else since the stat: refuse it all the same.
                _refuse_special(os.fstat(stream.fileno()).st_mode, name)
                # Asking for the size read, not the cap: read() allocates what it is asked.
                data = stream.read(status.st_size + 1)
                if len(data) > status.st_size:  # grown since the stat: read on, to the cap
                    data += stream.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise DataError("file is missing", file=name) from None
    except IsADirectoryError:
        raise DataError("is a directory, not a file", file=name) from None
    except OSError as exc:
        raise DataError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    if len(data) > max_bytes:
        raise DataError(too_big, file=name)
    return data


class _Hazard(ValueError):
    """A JSON token or object the loader refuses although :mod:`json` would accept it."""


def _refuse_constant(token: str) -> Any:
    raise _Hazard(f"{token} is not a number a data file may hold")


def _finite_float(token: str) -> float:
    value = float(token)
    if value in (math.inf, -math.inf):
        shown = token if len(token) <= 40 else f"{token[:40]}..."
        raise _Hazard(f"number {shown} overflows to infinity")
    return value


def _bounded_int(token: str) -> int:
    digits = len(token.lstrip("-"))
    # A token too long for the range is refused unread: int() costs the square of its length.
    if digits <= len(str(MAX_INT)):
        value = int(token)
        if MIN_INT <= value <= MAX_INT:
            return value
    shown = token if digits <= 40 else f"of {digits} digits"
    raise _Hazard(f"integer {shown} does not fit a signed 64-bit integer")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made = dict(pairs)
    if len(made) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Hazard(f"key {short(key)} appears twice in one object")
            seen.add(key)
    return made


_DECODER = json.JSONDecoder(
    parse_constant=_refuse_constant,
    parse_float=_finite_float,
    parse_int=_bounded_int,
    object_pairs_hook=_unique_keys,
)

#: The JSON tokens a refusal can be about: a string (a key when a colon follows), a brace,
#: a number or a constant.
_TOKEN = re.compile(r'("(?:[^"\\]|\\.)*")(\s*:)?|[{}]|-?(?:Infinity|[0-9][-+.eE0-9]*)|NaN')


def _hazard_position(text: str) -> int:
    """Where the token or object is that :data:`_DECODER` refused in ``text``: its hooks see
    no positions, so the tokens are walked again in the order it read them."""
    objects: list[tuple[int, set[str], bool]] = []  # start, keys, a key repeated
    for token in _TOKEN.finditer(text):
        string, key = token.group(1, 2)
        if token[0] == "{":
            objects.append((token.start(), set(), False))
        elif token[0] == "}":
            start, _, repeated = objects.pop()
            if repeated:
                return start
        elif key:
            start, keys, repeated = objects[-1]
            name = json.loads(string)
            objects[-1] = (start, keys, repeated or name in keys)
            keys.add(name)
        elif not string:
            try:
                _DECODER.decode(token[0])
            except _Hazard:
                return token.start()
    return 0  # pragma: no cover - the decoder refused one of the tokens walked


def parse_json(data: bytes, name: str) -> Any:
    """Parse ``data`` as UTF-8 JSON, strictly, or raise DataError naming ``name`` and the place.

    Stricter than :func:`json.loads`: ``NaN``, ``Infinity``, numbers that overflow to
    infinity, integers outside :data:`MIN_INT`..:data:`MAX_INT` (a signed 64-bit int) and a
    key repeated in one object are refused.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"is not UTF-8 (byte {exc.start})", file=name) from None
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        error, problem = exc, f"is not valid JSON: {exc.msg}"
    except _Hazard as exc:
        problem = str(exc)
        error = json.JSONDecodeError(problem, text, _hazard_position(text))
    except RecursionError:
        raise DataError("is nested too deeply to parse", file=name) from None
    raise DataError(problem, file=name, location=f":{error.lineno}:{error.colno}")


def verify(root: Traversable | None = None) -> None:
    """Raise DataError unless the data under ``root`` (default: packaged) loads and every table
    file matches its digest in the manifest, which must record them."""
    load_tables(packaged_data() if root is None else root, require_digests=True)


def _format(exc: BaseException, _: object = None) -> str:
    """The problem ``exc`` reports, as an error message says it."""
    from cattrs.errors import ForbiddenExtraKeysError

    if isinstance(exc, KeyError):
        return "required field missing"
    if isinstance(exc, ForbiddenExtraKeysError):
        names = sorted(exc.extra_fields)
        more = f" and {len(names) - 3} more" if len(names) > 3 else ""
        return f"unknown field {', '.join(short(name) for name in names[:3])}{more}"
    return str(exc) or type(exc).__name__


def _explain(exc: BaseException) -> tuple[str, str]:
    """The place in the record (``.person``) and the problem of a structuring failure."""
    import cattrs

    if not isinstance(exc, cattrs.BaseValidationError):
        return "", _cut(_format(exc))
    messages = cattrs.transform_error(exc, path="", format_exception=_format)
    first = messages[0] if messages else str(exc)
    problem, at, path = first.rpartition(" @ ")
    return (_cut(path), _cut(problem)) if at else ("", _cut(first))


def _cut(text: str, limit: int = 400) -> str:
    """``text``, no longer than ``limit`` characters: error messages stay readable."""
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def load_tables(
    root: Traversable,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    check_digests: bool = True,
    require_digests: bool = False,
) -> tuple[Tables, DataVersion | None]:
    """Every table under ``root``, loaded and checked, and the data version its manifest
    records; raise DataError on the first problem.

    Each file must match the manifest's digest when it records one (it must when
    ``require_digests``), unless ``check_digests`` is false, and be at most ``max_file_bytes``.
    """
    manifest = parse_json(read_bytes(root, MANIFEST, max_file_bytes), MANIFEST)
    digests, version = check(manifest, require_digests=require_digests)
    specs = table_specs()
    loaded: _Loaded = {spec.kind: {} for spec in specs}
    tables: dict[str, tuple[Any, ...]] = {}
    with resolving(loaded):
        for spec in specs:
            data = read_bytes(root, spec.file, max_file_bytes)
            digest = digests[spec.file] if check_digests and digests is not None else None
            if digest is not None and hashlib.sha256(data).hexdigest() != digest:
                raise DataError(
                    f"content does not match its sha256 digest in {MANIFEST}; after editing,"
                    " rewrite the manifest: python tools/manifest.py DIR, or"
                    " takedown.export.write_json(ds, DIR)",
                    file=spec.file,
                )
            tables[spec.name] = _load_table(parse_json(data, spec.file), spec, loaded[spec.kind])
        for spec in specs:
            _check_citations(spec, tables[spec.name], loaded)
        tables["conflicts"] = _check_dataset(tables, loaded)
    return Tables(**tables), version


def _load_table(items: Any, spec: TableSpec, by_id: dict[str, Any]) -> tuple[Any, ...]:
    if not isinstance(items, list):
        raise DataError(f"must hold a JSON array, not {type(items).__name__}", file=spec.file)
    structure = converter.get_structure_hook(spec.record)
    records: list[Any] = [None] * len(items)
    for i in _load_order(items, spec):
        try:
            record = structure(items[i], spec.record)
        except Exception as exc:  # every failure becomes a DataError with its place
            failure: Exception = exc
            try:  # again, with cattrs' detailed validation, which says where it failed
                make_converter().structure(items[i], spec.record)
            except Exception as detailed:
                failure = detailed
            where, problem = _explain(failure)
            raise DataError(problem, file=spec.file, location=f"[{i}]{where}") from exc
        if record.id in by_id:
            first = next(j for j, r in enumerate(records) if r is by_id[record.id])
            raise DataError(
                f"duplicate id {short(record.id)} (also at [{first}])",
                file=spec.file,
                location=f"[{i}].id",
            )
        by_id[record.id] = records[i] = record
    return tuple(records)


def _load_order(items: list[Any], spec: TableSpec) -> Iterable[int]:
    """Indexes of ``items`` such that a record comes after those of its table it refers to.

    Records may refer to records later in their file; a cycle is a DataError.
    """
    fields = attrs.fields(spec.record)
    self_refs = [f.name for f in fields if f.metadata.get(REF_KIND) == spec.kind]
    if not self_refs:
        return range(len(items))
    position: dict[str, int] = {}
    for i, item in enumerate(items):
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            position.setdefault(item["id"], i)
    refers: dict[int, list[int]] = {}
    for i, item in enumerate(items):
        targets = [item.get(name) for name in self_refs] if isinstance(item, dict) else []
        refers[i] = [position[t] for t in targets if isinstance(t, str) and t in position]
    try:
        return list(graphlib.TopologicalSorter(refers).static_order())
    except graphlib.CycleError as cycle:
        raise DataError(
            "records refer to each other in a cycle",
            file=spec.file,
            location=f"[{min(cycle.args[1])}]",
        ) from None


def _check_citations(spec: TableSpec, table: tuple[Any, ...], loaded: _Loaded) -> None:
    """Every cited source exists."""
    known = loaded["source"].keys()
    cites = "sources" in attrs.fields_dict(spec.record)
    for i, record in enumerate(table):
        cited = [(f"[{i}].sources", record.sources)] if cites else []
        for k, claim in enumerate(getattr(record, "claims", ())):
            cited.append((f"[{i}].claims[{k}].sources", claim.sources))
        for location, sources in cited:
            if not sources <= known:
                unknown = min(sources - known)  # the first in order: the same error every run
                raise DataError(
                    f"cites unknown source {unknown!r}", file=spec.file, location=location
                )


def _place(tables: dict[str, tuple[Any, ...]], record: Any) -> str:
    """Where ``record`` is: ``people.json[3]`` (found by a scan: only errors need it)."""
    spec = next(spec for spec in table_specs() if spec.record is type(record))
    index = next(i for i, r in enumerate(tables[spec.name]) if r is record)
    return f"{spec.file}[{index}]"


def _names(record: Any, fields: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    """Each name ``record`` answers to besides its id, with its place (``.aliases[2]``)."""
    for field in fields:
        if field == "aliases":
            for k, alias in enumerate(record.aliases):
                yield f".aliases[{k}]", alias
        else:
            yield f".{field}", getattr(record, field)


def _check_names(tables: dict[str, tuple[Any, ...]], loaded: _Loaded) -> None:
    """No name or alias is longer than :data:`MAX_NAME_CHARS`; in the kinds looked up by
    name (those with aliases), none is another record's id or shared by two records, compared
    folded as lookups compare them (else a lookup would answer whichever came first)."""
    named = {*NAME_FIELDS, "aliases"}
    for spec in table_specs():
        fields = tuple(f.name for f in attrs.fields(spec.record) if f.name in named)
        table = tables[spec.name]
        seen: dict[str, Any] = {record.id: record for record in table}
        for i, record in enumerate(table):
            for where, name in _names(record, fields):
                location = f"[{i}]{where}"
                if name is not None and len(name) > MAX_NAME_CHARS:  # before fold() reads it
                    raise DataError(
                        f"{len(name)} characters long; a name holds at most {MAX_NAME_CHARS}",
                        file=spec.file,
                        location=location,
                    )
                if "aliases" not in fields:  # not looked up by name (a source's title)
                    continue
                key = fold(name)
                other = seen.setdefault(key, record)
                if other is record and "/" in key:  # ids hold a slash: another kind's?
                    other = next((ids[key] for ids in loaded.values() if key in ids), record)
                if other is not record:
                    what = "id" if other.id == key else "name"
                    problem = f"{short(name)} is also the {what} of {_place(tables, other)}"
                    raise DataError(problem, file=spec.file, location=location)


def _check_dataset(tables: dict[str, tuple[Any, ...]], loaded: _Loaded) -> tuple[Conflict, ...]:
    """Check what no single record can (unique names, sequels, plot order, what conflicts are
    about); return the conflicts with their claims read as the disputed fields' types."""
    _check_names(tables, loaded)
    _check_unique(
        "films.json",
        "predecessor",
        {i: f.predecessor.id for i, f in enumerate(tables["films"]) if f.predecessor},
        lambda film, first: f"{film} is also the predecessor of films.json[{first}]",
    )
    _check_plot_order(tables["plot"])
    return _typed_conflicts(tables["conflicts"], loaded)


def _check_unique(
    file: str, field: str, keys: dict[int, Any], problem: Callable[[Any, int], str]
) -> None:
    """Raise DataError at the first record whose key (``keys``, by index) an earlier record
    has; ``problem(key, index of the earlier record)`` says what is wrong."""
    first: dict[Any, int] = {}
    for i, key in keys.items():
        if first.setdefault(key, i) != i:
            raise DataError(problem(key, first[key]), file=file, location=f"[{i}].{field}")


def _check_plot_order(plot: tuple[Any, ...]) -> None:
    """Within each film, the plot's orders are exactly 1..n."""
    _check_unique(
        "plot.json",
        "order",
        {i: (event.film.id, event.order) for i, event in enumerate(plot)},
        lambda key, first: f"order {key[1]} of {key[0]} is also at [{first}]",
    )
    by_film: dict[str, dict[int, int]] = {}
    for i, event in enumerate(plot):
        by_film.setdefault(event.film.id, {})[event.order] = i
    for film, positions in by_film.items():
        count = len(positions)
        beyond = [(order, i) for order, i in positions.items() if order > count]
        if beyond:
            order, i = min(beyond)
            missing = next(n for n in range(1, count + 1) if n not in positions)
            problem = f"order {order} of {film} skips {missing}: orders run 1..{count}"
            raise DataError(problem, file="plot.json", location=f"[{i}].order")


def _typed_conflicts(conflicts: tuple[Conflict, ...], loaded: _Loaded) -> tuple[Conflict, ...]:
    """The conflicts, each checked to be about another record and a citable field of it,
    each claim's value read as that field's type (a date, the record for a reference) and
    checked by its validator: no control character reaches a view."""
    typed = []
    for i, conflict in enumerate(conflicts):
        kind = id_kind(conflict.subject)
        subject: Any = loaded.get(kind, {}).get(conflict.subject) if kind else None
        where, problem = ".subject", None
        if subject is None:
            problem = f"is about unknown record {short(conflict.subject)}"
        elif subject is conflict:
            problem = "is about itself"
        elif conflict.field not in attrs.fields_dict(type(subject)) or conflict.field in UNCITABLE:
            where, problem = ".field", f"{short(conflict.field)} is not a field of a {kind}"
        if problem is not None:
            raise DataError(problem, file="conflicts.json", location=f"[{i}]{where}")
        cls = type(subject)
        field = attrs.fields_dict(cls)[conflict.field]
        claims = []
        for k, claim in enumerate(conflict.claims):
            try:
                value = structure_field(cls, conflict.field, claim.value)
                if field.validator is not None:
                    field.validator(subject, field, value)
            except Exception as exc:  # a claim that is not a value of the field
                raise DataError(
                    f"not a value of {cls.__name__}.{conflict.field}: {_explain(exc)[1]}",
                    file="conflicts.json",
                    location=f"[{i}].claims[{k}].value",
                ) from exc
            claims.append(attrs.evolve(claim, value=value))
        typed.append(attrs.evolve(conflict, claims=tuple(claims)))
    return tuple(typed)
