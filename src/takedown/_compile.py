"""Fast structuring of raw JSON records: the loader's fast path.

The cattrs converter in :mod:`takedown._convert` is the reference: it decides what a data
file may hold and says where and why a record is wrong.  It is also slow per record and
costly to import, so the loader first tries the functions made here.  They accept only
what the converter accepts and build the same record (same constructor, so the same
validators run); anything else they merely refuse (any exception), and the loader then asks
the converter, which either builds the record or explains the problem.  A refusal costs
time, never correctness; the tests check that no input is accepted here and refused there.

Two forms share one plan per class (which key, which check, which default):

- :func:`binder`: the plan as straight-line code with the simple checks inlined, markedly
  faster per record.  The code for the packaged record classes is generated ahead of time
  into :mod:`takedown._generated` by :mod:`takedown._codegen`, so that it costs no
  compilation at run time; a class whose plan no longer matches the generated code is
  compiled when first needed (about a millisecond), and a test keeps the module current;
- :func:`interpreted` walks the plan for each record: no set-up cost, for short tables of
  a class without generated code.
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

__all__ = [
    "Binder",
    "Compiled",
    "Plan",
    "Refs",
    "Refuse",
    "Signature",
    "Structure",
    "ahead_of_time",
    "binder",
    "check",
    "checks",
    "generated_key",
    "interpreted",
    "signature",
]

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


#: Sets of text already built, by their items in file order.  Most such sets are the few
#: combinations of sources that records cite, so one set serves thousands of records: less
#: work per record and less memory.  Bounded, so odd data cannot grow it forever.
_text_sets: dict[tuple[str, ...], frozenset[str]] = {}


def _text_set(value: Any) -> frozenset[str]:
    if type(value) is not list:
        raise Refuse
    # A hit was checked when first built: a tuple holding anything but text equals no key.
    key = tuple(value)
    found = _text_sets.get(key)
    if found is not None:
        return found
    for item in value:
        if type(item) is not str:
            raise Refuse
    unique = frozenset(value)
    if len(unique) != len(value):  # the converter refuses repeats rather than merge them
        raise Refuse
    if len(_text_sets) < 4096:
        _text_sets[key] = unique
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
    plan = _plan_of(cls)
    if plan is None:
        raise _Unsupported(cls)
    compiled = _generated(cls, plan)
    return interpreted(cls, {}) if compiled is None else compiled({}, cls, plan)  # type: ignore[return-value]


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
        lookup = table.__getitem__

        def many_(value: Any) -> Any:
            if type(value) is not list:
                raise Refuse
            return tuple(map(lookup, value))

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


#: A class's plan: how each of its fields is read.
Plan = tuple[_Field, ...]


def check(field: _Field, refs: Refs) -> _Check:
    """A field's check, a reference bound to ``refs`` (a plan's checks hold no records)."""
    if field.ref is None:
        return field.check  # type: ignore[return-value]
    return _reference(*field.ref, refs[field.ref[0]])


def checks(plan: Plan, refs: Refs) -> list[_Check]:
    """Each field's :func:`check`."""
    return [check(f, refs) for f in plan]


# -- the interpreted form ----------------------------------------------------------------------


def interpreted(cls: type, refs: Refs) -> Structure | None:
    """A function structuring a raw object into ``cls``, resolving references in ``refs``.

    None if ``cls`` has a field type the fast path leaves to the converter.
    """
    plan = _plan_of(cls)
    if plan is None:
        return None
    bound = checks(plan, refs)
    required = [(f.key, f.alias, c) for f, c in zip(plan, bound, strict=True) if f.required]
    optional = [
        (f.key, f.alias, f.default, c) for f, c in zip(plan, bound, strict=True) if not f.required
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

#: What the compiled form of a plan depends on, field by field: the key, the constructor's
#: name, whether required, the inlined scalar check, the reference, and whether the field
#: is a set of text (looked up among the sets already built).  Equal signatures give equal
#: code, so ahead-of-time code made for one signature serves any class that has it.
Signature = tuple[tuple[str, str, bool, str | None, tuple[str, bool, bool] | None, str | None], ...]
#: The compiled form: binds to the loader's records, given the class and its plan.
Compiled = Callable[[Refs, type, tuple[_Field, ...]], Structure]


def signature(plan: tuple[_Field, ...]) -> Signature:
    """What the compiled code of ``plan`` depends on (see :data:`Signature`)."""
    return tuple(
        (
            f.key,
            f.alias,
            f.required,
            f.scalar.__name__ if f.scalar else None,
            f.ref,
            "text set" if f.check is _text_set else None,
        )
        for f in plan
    )


def binder(cls: type, *, compile_now: bool = True) -> Binder | None:
    """The compiled form of ``cls``'s plan, or None if the fast path leaves it to the converter.

    Ahead-of-time code from :mod:`takedown._generated` when it matches the class's plan (no
    set-up cost); otherwise compiled now, once per class and process (about a millisecond),
    unless ``compile_now`` is false (then None).  Each load binds it to its own records.
    """
    try:
        return _binders[cls]
    except KeyError:
        pass
    plan = _plan_of(cls)
    with _lock:
        if cls not in _binders:
            if plan is None:
                _binders[cls] = None
            else:
                compiled = _generated(cls, plan)
                if compiled is None:
                    if not compile_now:
                        return None
                    compiled = _compile_now(cls, plan)
                _binders[cls] = _bound(cls, plan, compiled)
        return _binders[cls]


def ahead_of_time(cls: type) -> bool:
    """Whether :mod:`takedown._generated` holds current code for ``cls``."""
    plan = _plan_of(cls)
    return plan is not None and _generated(cls, plan) is not None


def _bound(cls: type, plan: tuple[_Field, ...], compiled: Compiled) -> Binder:
    return lambda refs: compiled(refs, cls, plan)


def generated_key(cls: type) -> str:
    """The key of ``cls``'s entry in :data:`takedown._generated.COMPILED`."""
    return f"{cls.__module__}.{cls.__qualname__}"


def _generated(cls: type, plan: tuple[_Field, ...]) -> Compiled | None:
    from . import _generated

    found = _generated.COMPILED.get(generated_key(cls))
    if found is None or found[0] != signature(plan):
        return None  # the class changed since the module was made: compile it now
    return found[1]


def _compile_now(cls: type, plan: tuple[_Field, ...]) -> Compiled:
    from ._codegen import function_name, source_of

    name = function_name(cls)
    namespace: dict[str, Any] = {
        "Refuse": Refuse,
        "check": check,
        "Any": Any,
        "_text_sets": _text_sets,
    }
    source = "\n".join(source_of(name, plan))
    exec(compile(source, f"<takedown structure {cls.__qualname__}>", "exec"), namespace)
    compiled: Compiled = namespace[name]
    return compiled
