"""Fast structuring of raw JSON records: the loader's fast path.

The cattrs converter in :mod:`takedown._convert` is the reference: it decides what a data
file may hold and says where and why a record is wrong.  It is also slow per record and
costly to import, so the loader first tries the functions made here.  They accept only
what the converter accepts and build the same record (same constructor, so the same
validators run); anything else they merely refuse (any exception), and the loader then asks
the converter, which either builds the record or explains the problem.  A refusal costs
time, never correctness; the tests check that no input is accepted here and refused there.

Two forms share one plan per class (which key, which check, which default):

- :func:`interpreted` walks the plan for each record: no set-up cost, for short tables;
- :func:`binder` compiles the plan into straight-line code with the simple checks inlined:
  about a millisecond to build, then markedly faster per record, for long tables.
"""

from __future__ import annotations

import builtins
import datetime as dt
import enum
import sys
import threading
import types
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from ._fields import REF_KIND, REF_MANY

__all__ = ["Binder", "Refuse", "binder", "interpreted"]

#: The loader's records already loaded, by kind and id.
Refs = Mapping[str, Mapping[str, Any]]
#: Structures one raw JSON value into a record, or raises.
Structure = Callable[[Any], Any]
#: Binds a compiled structuring function to the loader's records.
Binder = Callable[[Refs], Structure]
_Check = Callable[[Any], Any]


class Refuse(Exception):
    """The fast path does not take this value; the converter decides."""


class _Unsupported(Exception):
    """A field type the fast path leaves to the converter."""


# -- checks for one value ------------------------------------------------------------------


def _exact(kind: type) -> _Check:
    def check(value: Any) -> Any:
        if type(value) is not kind:
            raise Refuse
        return value

    return check


def _float(value: Any) -> float:
    if type(value) is not float:
        if type(value) is not int:
            raise Refuse
        return float(value)
    return value


def _date(value: Any) -> dt.date:
    if type(value) is not str:
        raise Refuse
    return dt.date.fromisoformat(value)


def _texts(value: Any) -> tuple[str, ...]:
    if type(value) is not list:
        raise Refuse
    for item in value:
        if type(item) is not str:
            raise Refuse
    return tuple(value)


def _text_set(value: Any) -> frozenset[str]:
    if type(value) is not list:
        raise Refuse
    for item in value:
        if type(item) is not str:
            raise Refuse
    unique = frozenset(value)
    if len(unique) != len(value):  # the converter refuses repeats rather than merge them
        raise Refuse
    return unique


def _optional(inner: _Check) -> _Check:
    def check(value: Any) -> Any:
        return None if value is None else inner(value)

    return check


def _enum(kind: type[enum.Enum]) -> _Check:
    members = {m.value: m for m in kind if isinstance(m.value, str)}

    def check(value: Any) -> Any:
        if type(value) is not str:
            raise Refuse
        return members[value]

    return check


def _sequence(item: _Check, into: type) -> _Check:
    def check(value: Any) -> Any:
        if type(value) is not list:
            raise Refuse
        items = [item(v) for v in value]
        if into is tuple:
            return tuple(items)
        unique = frozenset(items)
        if len(unique) != len(items):
            raise Refuse
        return unique

    return check


def _nested(cls: type) -> _Check:
    # Value classes (Money, Score, Claim...) refer to no record, so they bind to nothing.
    structure = interpreted(cls, {})
    if structure is None:
        raise _Unsupported(cls)
    return structure


def _non_none(type_: Any) -> Any | None:
    """``X`` for ``X | None`` (either spelling), else None."""
    if typing.get_origin(type_) in (typing.Union, types.UnionType):
        args = typing.get_args(type_)
        if len(args) == 2 and type(None) in args:
            return args[0] if args[1] is type(None) else args[1]
        raise _Unsupported(type_)
    return None


def _check_for(type_: Any) -> _Check:
    inner = _non_none(type_)
    if inner is not None:
        return _optional(_check_for(inner))
    if type_ in (str, int, bool):
        return _exact(type_)
    if type_ is float:
        return _float
    if type_ is dt.date:
        return _date
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return _enum(type_)
    if isinstance(type_, type) and attrs.has(type_):
        return _nested(type_)
    origin, args = typing.get_origin(type_), typing.get_args(type_)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _texts if args[0] is str else _sequence(_check_for(args[0]), tuple)
    if origin is frozenset and len(args) == 1:
        return _text_set if args[0] is str else _sequence(_check_for(args[0]), frozenset)
    raise _Unsupported(type_)


def _reference(kind: str, many: bool, optional: bool, table: Mapping[str, Any]) -> _Check:
    # An unknown id, or a value that cannot be one, misses the table: KeyError, TypeError.
    if many:

        def many_(value: Any) -> Any:
            if type(value) is not list:
                raise Refuse
            return tuple([table[v] for v in value])

        return many_

    def one(value: Any) -> Any:
        if value is None and optional:
            return None
        return table[value]

    return one


# -- the plan of a class ---------------------------------------------------------------------


class _Field:
    """How one field is read.  A plain class: an attrs one would cost a compile at import."""

    __slots__ = ("alias", "check", "default", "key", "ref", "required", "scalar")

    def __init__(
        self,
        field: attrs.Attribute[Any],
        default: Callable[[], Any],
        check: _Check | None,
        scalar: type | None,
        ref: tuple[str, bool, bool] | None,
    ) -> None:
        self.key = field.name  # in the JSON object
        self.alias = field.alias or field.name  # in the constructor
        self.required = field.default is attrs.NOTHING
        self.default = default  # the value when the key is absent
        self.check = check  # None for a reference: bound per load
        self.scalar = scalar  # str, int or bool: the compiled form inlines the check
        self.ref = ref  # (kind, many, optional)


_types: dict[tuple[str, str], Any] = {}


def _resolve(cls: type, annotation: Any) -> Any:
    """The type a (possibly postponed, string) annotation names.

    Cached by text: ``typing.get_type_hints`` compiles every annotation anew, which would
    cost more than compiling the structuring functions themselves.
    """
    if not isinstance(annotation, str):
        return annotation
    key = (cls.__module__, annotation)
    if key not in _types:
        namespace = vars(sys.modules[cls.__module__])
        if annotation in namespace:
            _types[key] = namespace[annotation]
        elif annotation.isidentifier() and hasattr(builtins, annotation):
            _types[key] = getattr(builtins, annotation)
        else:
            _types[key] = eval(annotation, namespace)
    return _types[key]


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _plan(cls: type) -> tuple[_Field, ...]:
    fields = []
    for field in attrs.fields(cls):
        if not field.init:
            continue  # the converter leaves such fields to the class too
        if field.default is attrs.NOTHING:
            default = _constant(None)
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            if field.default.takes_self:
                raise _Unsupported(field)
            default = field.default.factory
        else:
            default = _constant(field.default)
        if REF_KIND in field.metadata:
            ref = (field.metadata[REF_KIND], field.metadata[REF_MANY], field.default is None)
            check, scalar = None, None
        else:
            type_ = _resolve(cls, field.type)
            ref, check = None, _check_for(type_)
            scalar = type_ if type_ in (str, int, bool) else None
        fields.append(_Field(field, default, check, scalar, ref))
    return tuple(fields)


_lock = threading.RLock()  # a class's plan needs the plans of the value classes it holds
_plans: dict[type, tuple[_Field, ...] | None] = {}
_binders: dict[type, Binder | None] = {}


def _plan_of(cls: type) -> tuple[_Field, ...] | None:
    with _lock:
        if cls not in _plans:
            try:
                _plans[cls] = _plan(cls)
            except _Unsupported:
                _plans[cls] = None
        return _plans[cls]


def _checks(plan: tuple[_Field, ...], refs: Refs) -> list[_Check]:
    return [
        f.check if f.ref is None else _reference(*f.ref, refs[f.ref[0]])  # type: ignore[misc]
        for f in plan
    ]


# -- the interpreted form ----------------------------------------------------------------------


def interpreted(cls: type, refs: Refs) -> Structure | None:
    """A function structuring a raw object into ``cls``, resolving references in ``refs``.

    None if ``cls`` has a field type the fast path leaves to the converter.
    """
    plan = _plan_of(cls)
    if plan is None:
        return None
    checks = _checks(plan, refs)
    required = [(f.key, f.alias, c) for f, c in zip(plan, checks, strict=True) if f.required]
    optional = [
        (f.key, f.alias, f.default, c) for f, c in zip(plan, checks, strict=True) if not f.required
    ]
    count = len(required)

    def structure(raw: Any) -> Any:
        if type(raw) is not dict:
            raise Refuse
        # A missing required key is a KeyError: refused like any other exception.
        arguments = {alias: check(raw[key]) for key, alias, check in required}
        known = count
        for key, alias, default, check in optional:
            if key in raw:
                known += 1
                arguments[alias] = check(raw[key])
            else:
                arguments[alias] = default()
        if known != len(raw):  # the converter forbids keys that are no field's
            raise Refuse
        return cls(**arguments)

    return structure


# -- the compiled form ---------------------------------------------------------------------------


def binder(cls: type) -> Binder | None:
    """The compiled form of ``cls``'s plan, or None if the fast path leaves it to the converter.

    Compiled once per class and process; each load binds it to its own records.
    """
    try:
        return _binders[cls]
    except KeyError:
        pass
    plan = _plan_of(cls)
    with _lock:
        if cls not in _binders:
            _binders[cls] = None if plan is None else _compile(cls, plan)
        return _binders[cls]


def _compile(cls: type, plan: tuple[_Field, ...]) -> Binder:
    namespace: dict[str, Any] = {"_Refuse": Refuse, "_cls": cls, "_plan": plan}
    namespace["_checks"] = _checks
    lines = ["    if type(o) is not dict: raise _Refuse"]
    optional: list[str] = []
    required = 0
    arguments = []
    for n, field in enumerate(plan):
        var, key = f"v{n}", repr(field.key)
        arguments.append(f"{field.alias}={var}")
        if field.scalar is not None:
            check = [f"if type({var}) is not {field.scalar.__name__}: raise _Refuse"]
        elif field.ref is not None and not field.ref[1]:
            check = [f"{var} = {_ref_lookup(var, n, field.ref[2])}"]
        else:
            check = [f"{var} = c{n}({var})"]
        if field.required:
            required += 1
            lines += [f"    {var} = o[{key}]", *("    " + c for c in check)]
        else:
            optional += [
                f"    if {key} in o:",
                f"        {var} = o[{key}]",
                *("        " + c for c in check),
                "        _n += 1",
                "    else:",
                f"        {var} = _plan[{n}].default()",
            ]
    lines += [f"    _n = {required}", *optional, "    if len(o) != _n: raise _Refuse"]
    lines.append(f"    return _cls({', '.join(arguments)})")
    prologue = ["    c = _checks(_plan, refs)"]
    prologue += [f"    c{n} = c[{n}]" for n in range(len(plan))]
    prologue += [f"    r{n} = refs[_plan[{n}].ref[0]]" for n, f in enumerate(plan) if f.ref]
    source = "\n".join(
        ["def bind(refs):", *prologue, "    def structure(o):"]
        + ["    " + line for line in lines]
        + ["    return structure"]
    )
    exec(compile(source, f"<takedown structure {cls.__qualname__}>", "exec"), namespace)
    bind: Binder = namespace["bind"]
    return bind


def _ref_lookup(var: str, n: int, optional: bool) -> str:
    if optional:
        return f"None if {var} is None else r{n}[{var}]"
    return f"r{n}[{var}]"
