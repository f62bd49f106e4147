"""The cattrs converter that reads and writes the data files.

Strict on purpose: ``"12"`` is not an int, ``1.5`` is not truncated, ``true`` is not a number,
a sequence must be an array and a record an object without unknown keys.  Sets are written
sorted, so output is reproducible byte for byte.  A reference is written as its record's id and
read back from the records handed to :func:`resolving` (a ContextVar: concurrent loads never
see each other's).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, get_args, get_origin

import attrs
from cattrs import Converter
from cattrs.cols import homogenous_tuple_structure_factory, is_any_set
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from ._fields import REF_KIND, REF_MANY, id_kind
from ._tables import table_specs
from .errors import short
from .models import Citation, Conflict, PartialDate

__all__ = ["converter", "make_converter", "resolving", "structure_field", "unstructure_field"]

#: The records loaded so far, by kind and id; set only while :func:`resolving` is active.
_loaded: ContextVar[Mapping[str, Mapping[str, object]]] = ContextVar("takedown_loaded")

#: Dates are ``YYYY-MM-DD`` only: ``date.fromisoformat`` accepts more on Python 3.11+.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@contextmanager
def resolving(records: Mapping[str, Mapping[str, object]]) -> Iterator[None]:
    """While active, reference fields are read as ids of ``records`` (``{kind: {id: record}}``),
    read live: records added to it while structuring are found too."""
    token = _loaded.set(records)
    try:
        yield
    finally:
        _loaded.reset(token)


def _expect(value: object, what: str, *accepted: type) -> None:
    """Raise TypeError unless ``value`` is of an ``accepted`` JSON type (a bool only if named)."""
    if not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted):
        names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
        got = names.get(type(value), type(value).__name__)
        raise TypeError(f"expected {what}, got {got} {short(value)}")


def _strict(kind: type, *accepted: type) -> Callable[[object, type], Any]:
    """A structure hook taking ``accepted`` JSON types as ``kind``, and nothing else."""

    exact = frozenset(accepted)  # a bool is an int, but only the bool hook takes one

    def hook(value: object, type_: type) -> Any:
        if type_ is not kind and _is_enum(type_):
            # str-valued enums reach the str hook first (single dispatch follows the MRO).
            return _structure_enum(value, type_)
        if type(value) not in exact:
            _expect(value, kind.__name__, *accepted)
        return float(value) if kind is float else value  # type: ignore[arg-type]

    return hook


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise TypeError(f"expected a date as 'YYYY-MM-DD', got {short(value)}")
    return dt.date.fromisoformat(value)


def _structure_partial_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected a date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', got {short(value)}")
    return PartialDate.parse(value)


def _structure_enum(value: object, type_: type[enum.Enum]) -> enum.Enum:
    if isinstance(value, str):
        try:
            return type_(value)
        except ValueError:
            pass
    raise ValueError(f"expected one of {[m.value for m in type_]}, got {short(value)}")


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _reference_hooks(field: attrs.Attribute[Any]) -> tuple[Any, Any]:
    """Structure and unstructure hooks for a field that refers to other records; ``null`` only
    where it is optional (a credit without its film would break every query reading it)."""
    kind: str = field.metadata[REF_KIND]
    optional = field.default is None

    def one(value: object) -> object:
        if not isinstance(value, str):
            raise TypeError(f"expected the id of a {kind}, got {short(value)}")
        try:
            return _loaded.get()[kind][value]
        except LookupError:
            raise LookupError(f"refers to unknown {kind} {short(value)}") from None

    def structure(value: object, _: Any) -> object:
        return None if value is None and optional else one(value)

    def structure_many(value: object, _: Any) -> tuple[object, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of {kind} ids, got {short(value)}")
        return tuple(map(one, value))

    if field.metadata[REF_MANY]:
        return structure_many, lambda value: [v.id for v in value]
    return structure, lambda value: None if value is None else value.id


def _reference_overrides(cls: type) -> dict[str, Any]:
    """cattrs field overrides that read and write each reference field of ``cls`` as ids."""
    return {
        field.name: override(struct_hook=structure, unstruct_hook=unstructure)
        for field in attrs.fields(cls)
        if REF_KIND in field.metadata
        for structure, unstructure in [_reference_hooks(field)]
    }


def _json_checked(what: str, json_type: type, make: Callable[[Any], Any]) -> Any:
    """A hook factory: the hooks ``make`` makes, refusing first all but a JSON ``json_type``
    (cattrs takes any iterable, ``"abc"`` for ``("a", "b", "c")``, and fails deep inside on a
    list where an object belongs)."""

    def factory(type_: Any) -> Any:
        structure = make(type_)

        def checked(value: object, type_: Any) -> Any:
            if type(value) is not json_type:  # the usual case in one test, as it runs often
                _expect(value, what, json_type)
            return structure(value, type_)

        return checked

    return factory


def _configure(converter: Converter) -> None:
    """Register this project's strict primitive hooks and record hooks on ``converter``."""
    for kind, accepted in ((str, [str]), (int, [int]), (float, [int, float]), (bool, [bool])):
        converter.register_structure_hook(kind, _strict(kind, *accepted))
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(PartialDate, _structure_partial_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook_func(_is_enum, _structure_enum)

    def set_hook(type_: Any) -> Any:
        (item,) = get_args(type_) or (Any,)
        structure_item = converter.get_structure_hook(item)

        def structure_set(value: list[Any], _: Any) -> frozenset[Any]:
            items = frozenset([structure_item(v, item) for v in value])
            if len(items) != len(value):
                raise ValueError(f"repeated entries in {short(value)}")
            return items

        return structure_set

    def conflict_factory(_: type) -> Any:
        unstructure_conflict = make_dict_unstructure_fn(Conflict, converter)
        classes = {spec.kind: spec.record for spec in table_specs()}

        def unstructure_conflict_claims(conflict: Conflict) -> dict[str, Any]:
            # A claim's value has the type of the disputed field: written as that field is.
            raw = unstructure_conflict(conflict)
            cls = classes.get(id_kind(conflict.subject) or "")
            if cls is not None and conflict.field in attrs.fields_dict(cls):
                for claim, out in zip(conflict.claims, raw["claims"], strict=True):
                    out["value"] = unstructure_field(cls, conflict.field, claim.value, converter)
            return raw

        return unstructure_conflict_claims

    structure_record = _json_checked(
        "a JSON object",
        dict,
        lambda cls: make_dict_structure_fn(cls, converter, **_reference_overrides(cls)),
    )
    structure_tuple = _json_checked(
        "a list", list, lambda type_: homogenous_tuple_structure_factory(type_, converter)
    )
    converter.register_structure_hook_factory(is_any_set, _json_checked("a list", list, set_hook))
    converter.register_structure_hook_factory(_is_homogeneous_tuple, structure_tuple)
    converter.register_structure_hook_factory(attrs.has, structure_record)
    converter.register_unstructure_hook_func(
        is_any_set, lambda s: sorted(converter.unstructure(v) for v in s)
    )
    # A citation writes its item, circumstance and reason only where it has them: most have
    # none, and the data files stay readable.
    converter.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=cls is Citation, **_reference_overrides(cls)
        ),
    )
    converter.register_unstructure_hook_factory(lambda type_: type_ is Conflict, conflict_factory)


def structure_field(cls: type, name: str, value: object) -> Any:
    """``value`` read from a data file as the field ``name`` of ``cls`` would be (a reference
    is looked up in the records handed to :func:`resolving`)."""
    field = attrs.fields_dict(attrs.resolve_types(cls))[name]
    if REF_KIND in field.metadata:
        return _reference_hooks(field)[0](value, field.type)
    return converter.structure(value, field.type)  # type: ignore[arg-type]


def unstructure_field(cls: type, name: str, value: object, using: Converter | None = None) -> Any:
    """``value`` written as the field ``name`` of ``cls`` is in a data file."""
    field = attrs.fields_dict(attrs.resolve_types(cls))[name]
    if REF_KIND in field.metadata:
        return _reference_hooks(field)[1](value)
    return (using or converter).unstructure(value, field.type)


def make_converter(*, detailed_validation: bool = True) -> Converter:
    """A new converter between the record classes and JSON-ready values; with
    ``detailed_validation`` a failure says where in the value it happened (slower hooks)."""
    made = Converter(
        forbid_extra_keys=True,
        prefer_attrib_converters=False,
        detailed_validation=detailed_validation,
    )
    _configure(made)
    return made


#: The converter the loader and the exports use.  Valid data, the usual case, never pays for
#: cattrs' detailed validation: the loader explains a failure by structuring it again with it.
converter = make_converter(detailed_validation=False)
