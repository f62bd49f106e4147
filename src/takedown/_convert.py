"""The one cattrs converter that reads and writes the data files.

Strict on purpose: JSON ``"12"`` is not an int and ``1.5`` is not silently truncated, a
sequence must be a JSON array and a record a JSON object, unknown keys are refused, and sets
are written sorted so that output is reproducible byte for byte.  Reference fields are
written as ids and read back through the :class:`Resolver` passed to :func:`structure_hook`;
``null`` only where the reference is optional.

This converter is the reference for what a data file may hold.  The loader reads valid
records faster through :mod:`takedown._compile` and asks this converter about the rest.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.preconf.json import make_converter

from ._fields import REF_KIND, REF_MANY

__all__ = ["Resolver", "converter", "structure_hook"]

T = TypeVar("T")

#: Maps a kind (``"person"``) and an id to the record already loaded.
Resolver = Callable[[str, str], object]


class _NoResolver:
    def __call__(self, kind: str, record_id: str) -> object:
        raise LookupError(f"cannot resolve {record_id!r}: no records loaded")


def _strict(kind: type, *accepted: type) -> Callable[[object, type], Any]:
    def hook(value: object, type_: type) -> Any:
        if type_ is not kind and issubclass(type_, enum.Enum):
            # str-valued enums reach the str hook first (single dispatch follows the MRO).
            return _structure_enum(value, type_)
        if isinstance(value, bool) and bool not in accepted:
            raise TypeError(f"expected {kind.__name__}, got {value!r}")
        if not isinstance(value, accepted):
            raise TypeError(f"expected {kind.__name__}, got {type(value).__name__} {value!r}")
        return float(value) if kind is float else value  # type: ignore[arg-type]

    return hook


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected an ISO date string, got {value!r}")
    return dt.date.fromisoformat(value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    if not isinstance(value, str):
        raise TypeError(f"expected one of {[m.value for m in type_]}, got {value!r}")
    try:
        return type_(value)
    except ValueError:
        raise ValueError(f"expected one of {[m.value for m in type_]}, got {value!r}") from None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_set(type_: Any) -> bool:
    return get_origin(type_) in (frozenset, set) or type_ in (frozenset, set)


def _ref_hooks(
    kind: str, many: bool, cell: list[Resolver], optional: bool = False
) -> tuple[Any, Any]:
    """Structure and unstructure hooks for a field that refers to records of ``kind``.

    ``null`` is accepted only where the field is optional: a credit without its film would
    load and then break every query that reads it.
    """

    def one(value: object) -> object:
        if not isinstance(value, str):
            raise TypeError(f"expected the id of a {kind}, got {value!r}")
        return cell[0](kind, value)

    def structure(value: object, _: Any) -> object:
        if value is None and optional:
            return None
        if many:
            if not isinstance(value, list):
                raise TypeError(f"expected a list of {kind} ids, got {value!r}")
            return tuple(one(v) for v in value)
        return one(value)

    def unstructure(value: Any) -> Any:
        if value is None:
            return None
        if many:
            return [v.id for v in value]
        return value.id

    return structure, unstructure


def _build() -> tuple[Converter, list[Resolver]]:
    conv = make_converter(forbid_extra_keys=True, prefer_attrib_converters=False)
    cell: list[Resolver] = [_NoResolver()]
    conv.register_structure_hook(str, _strict(str, str))
    conv.register_structure_hook(int, _strict(int, int))
    conv.register_structure_hook(float, _strict(float, int, float))
    conv.register_structure_hook(bool, _strict(bool, bool))
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_structure_hook_func(
        lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _structure_enum
    )

    def structure_set(value: object, type_: Any) -> frozenset[Any]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        (item,) = get_args(type_) or (Any,)
        items = [conv.structure(v, item) for v in value]
        if len(set(items)) != len(items):
            raise ValueError(f"repeated entries in {value!r}")
        return frozenset(items)

    conv.register_structure_hook_func(_is_set, structure_set)

    def tuple_factory(type_: Any) -> Any:
        # cattrs turns any iterable into a tuple: "abc" would become ("a", "b", "c").
        structure = homogenous_tuple_structure_factory(type_, conv)

        def structure_tuple(value: object, type_: Any) -> tuple[Any, ...]:
            if not isinstance(value, list):
                raise TypeError(f"expected a list, got {_json_type(value)} {value!r}")
            return structure(value, type_)  # type: ignore[no-any-return]

        return structure_tuple

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_factory)
    conv.register_unstructure_hook_func(_is_set, lambda s: sorted(conv.unstructure(v) for v in s))

    def structure_factory(cls: type) -> Any:
        overrides = {}
        for field in attrs.fields(cls):
            if REF_KIND in field.metadata:
                hook, _ = _ref_hooks(
                    field.metadata[REF_KIND],
                    field.metadata[REF_MANY],
                    cell,
                    optional=field.default is None,
                )
                overrides[field.name] = override(struct_hook=hook)
        # Field overrides travel in **kwargs, which the stubs cannot type.
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(
            cls,
            conv,
            _cattrs_forbid_extra_keys=True,
            **overrides,  # type: ignore[arg-type]
        )

        def structure_object(value: Any, type_: Any) -> Any:
            # Without this, a list or a string fails deep inside cattrs with an AttributeError.
            if not isinstance(value, dict):
                raise TypeError(f"expected a JSON object, got {_json_type(value)} {value!r}")
            return structure(value, type_)

        return structure_object

    def unstructure_factory(cls: type) -> Any:
        overrides = {}
        for field in attrs.fields(cls):
            if REF_KIND in field.metadata:
                _, hook = _ref_hooks(field.metadata[REF_KIND], field.metadata[REF_MANY], cell)
                overrides[field.name] = override(unstruct_hook=hook)
        return make_dict_unstructure_fn(cls, conv, **overrides)  # type: ignore[arg-type]

    conv.register_structure_hook_factory(attrs.has, structure_factory)
    conv.register_unstructure_hook_factory(attrs.has, unstructure_factory)
    return conv, cell


converter, _resolver_cell = _build()


class resolving:
    """Context manager: while active, reference fields are resolved through ``resolver``.

    Not re-entrant across threads; the loader holds its lock while it structures.
    """

    def __init__(self, resolver: Resolver | Mapping[str, Mapping[str, object]]) -> None:
        if isinstance(resolver, Mapping):
            tables = resolver

            def lookup(kind: str, record_id: str) -> object:
                try:
                    return tables[kind][record_id]
                except KeyError:
                    raise LookupError(f"no {kind} with id {record_id!r}") from None

            self._resolver: Resolver = lookup
        else:
            self._resolver = resolver

    def __enter__(self) -> None:
        self._previous = _resolver_cell[0]
        _resolver_cell[0] = self._resolver

    def __exit__(self, *exc: object) -> None:
        _resolver_cell[0] = self._previous


def structure_hook(cls: type[T]) -> Callable[[Any, type[T]], T]:
    """The converter's structure function for ``cls`` (fetched once, called per record)."""
    return converter.get_structure_hook(cls)


def unstructure_all(records: Iterable[Any]) -> list[dict[str, Any]]:
    """Unstructure records into JSON-ready dicts, references as ids."""
    return [converter.unstructure(r) for r in records]
