"""What each field of a record class holds, read from its attrs definition and type hints.

The JSON Schema export and the one walk that flattens records into tables (``_flatten``,
behind the CSV export and :mod:`takedown.frames`) read the models through :func:`shape_of`,
so a field added to a model shows up in every export without touching them.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from typing import Any, Literal

import attrs

from .._fields import DISTINCT, IDS_OF, REF_KIND, REF_MANY, SLUG

__all__ = ["SCALARS", "FieldShape", "id_pattern", "shape_of", "snake"]

#: The leaf types a field may hold; anything else is a nested attrs class.
SCALARS: tuple[type, ...] = (str, int, float, bool, dt.date)

Container = Literal["one", "tuple", "set"]


@attrs.frozen
class FieldShape:
    """One field of a record class, as the exports see it.

    ``item`` is what one value is: a scalar type, an :class:`enum.Enum` subclass or a nested
    attrs class; ``container`` says whether the field holds one of them, an ordered tuple or
    a set.  ``ref_kind`` is the kind of record referred to (the values are then ids);
    ``distinct`` is true when the items of a tuple or set may not repeat.
    """

    name: str
    item: type
    container: Container
    optional: bool
    required: bool
    ref_kind: str | None = None
    distinct: bool = False

    @property
    def is_nested(self) -> bool:
        """Whether values are nested attrs objects (not records referred to by id)."""
        return self.ref_kind is None and attrs.has(self.item)

    @property
    def is_enum(self) -> bool:
        """Whether values are members of an enumeration."""
        return isinstance(self.item, type) and issubclass(self.item, enum.Enum)


def _unwrap_optional(hint: Any) -> tuple[Any, bool]:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1 and len(args) < len(typing.get_args(hint)):
            return args[0], True
    return hint, False


@functools.cache
def shape_of(cls: type) -> tuple[FieldShape, ...]:
    """The fields of the attrs class ``cls`` in declaration order."""
    hints = typing.get_type_hints(cls)
    shapes = []
    for field in attrs.fields(cls):
        hint, optional = _unwrap_optional(hints[field.name])
        origin = typing.get_origin(hint)
        container: Container = "one"
        if origin is tuple:
            container, hint = "tuple", typing.get_args(hint)[0]
        elif origin in (frozenset, set):
            container, hint = "set", typing.get_args(hint)[0]
        ref_kind: str | None = field.metadata.get(REF_KIND)
        if ref_kind is not None:
            container = "tuple" if field.metadata.get(REF_MANY) else "one"
            hint = str
        elif IDS_OF in field.metadata:
            # The citations are plain id strings in the model, but refer to sources all the same.
            ref_kind, hint = field.metadata[IDS_OF], str
        leaf = hint in SCALARS or (isinstance(hint, type) and issubclass(hint, enum.Enum))
        if not (leaf or attrs.has(hint)):
            raise TypeError(f"{cls.__name__}.{field.name}: cannot export a {hint!r}")
        shapes.append(
            FieldShape(
                name=field.name,
                item=hint,
                container=container,
                optional=optional,
                required=field.default is attrs.NOTHING,
                ref_kind=ref_kind,
                distinct=container == "set" or bool(field.metadata.get(DISTINCT)),
            )
        )
    return tuple(shapes)


def id_pattern(kind: str | None = None) -> str:
    """A regular expression matching whole ids of ``kind`` (of any kind when None)."""
    prefix = re.escape(kind) if kind else "[a-z]+(?:-[a-z]+)*"
    return f"^{prefix}/{SLUG}$"


def snake(name: str) -> str:
    """``"company-credit"`` and ``"ChartPeak"`` as ``company_credit`` and ``chart_peak``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()
