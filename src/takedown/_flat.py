"""Records flattened into tables: the one walk behind the CSV export and :mod:`takedown.frames`.

Read top to bottom: what each field of a model holds (:func:`shape_of`, which the JSON
Schema export reads too), the columns and tables it becomes (:class:`Column`,
:class:`Field`, :class:`Table`), and the walk that fills them (:func:`flatten`).  Every
model is walked field by field, so a field added to a model shows up in every export:

* a scalar field is a column; an enum holds its value;
* a reference is an ``<field>_id`` column;
* a nested object (``budget``, ``score``) is spread into ``<field>_<subfield>`` columns;
* a list of plain strings (aliases, genres, countries) is one column of lists;
* a list or set of references (``plot.characters``, every ``sources``) is a link table
  ``<kind>_<field>`` keyed by its owner, and by ``position`` when order matters;
* a list of nested objects (``conflicts.claims``) is a child table keyed by its owner and
  ``position``, whose own lists become link tables in turn.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._fields import DISTINCT, IDS_OF, REF_KIND, REF_MANY, SLUG

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "SCALARS",
    "Column",
    "Field",
    "FieldShape",
    "Table",
    "flatten",
    "id_pattern",
    "shape_of",
    "snake",
]

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


@attrs.frozen
class Column:
    """A column: its name, the type of its values and whether a value may be missing.

    ``type`` is ``str``, ``int``, ``float``, ``bool`` or ``datetime.date``; with ``is_list``
    each cell is a list of such values.
    """

    name: str
    type: type
    optional: bool = False
    is_list: bool = False


Getter = Callable[[Any], Any]
#: A row's lead cells (its owner's key) and the object the rest of the row comes from.
Item = tuple[tuple[Any, ...], Any]


@attrs.frozen
class Field:
    """A column and what a Table Schema says of it beyond :class:`Column`.

    ``item`` is the scalar type or enum of one value; ``required`` whether a value must be
    there (a nested object's field with a default need not be); ``ref`` is the table that a
    reference column points into.
    """

    column: Column
    item: type
    required: bool
    ref: str | None = None


def _field(
    name: str,
    item: type,
    optional: bool = False,
    required: bool | None = None,
    ref: str | None = None,
    is_list: bool = False,
) -> Field:
    # An enum column holds the enum's values.
    leaf = type(next(iter(item)).value) if issubclass(item, enum.Enum) else item
    column = Column(name, leaf, optional, is_list)
    return Field(column, item, not optional if required is None else required, ref)


@attrs.define
class Table:
    """One table: its fields, its rows of plain values and where it hangs.

    ``source`` is the class whose objects make the rows (None for a link table); ``owner``
    is the table a link or child table hangs off, and ``attr`` the owner's field it holds.
    """

    name: str
    fields: list[Field]
    source: type | None = None
    owner: Table | None = None
    attr: str = ""
    rows: list[tuple[Any, ...]] = attrs.Factory(list)


def _id(record: Any) -> str | None:
    return None if record is None else str(record.id)


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _nested(outer: str, inner: str) -> Getter:
    return lambda obj: _plain(getattr(getattr(obj, outer), inner, None))


def _ordered(values: Iterable[Any]) -> list[Any]:
    """A tuple as it is; a set sorted, so that every export comes out the same."""
    if isinstance(values, (set, frozenset)):
        return sorted(values, key=lambda v: getattr(v, "id", v))
    return list(values)


class _Walk:
    """Walks the models' fields into :class:`Table` objects, side tables after their owner."""

    def __init__(self) -> None:
        from .tables import table_specs

        self.table_of_kind = {spec.record.KIND: spec.name for spec in table_specs()}  # type: ignore[attr-defined]
        self.tables: list[Table] = []

    def add(self, table: Table, stem: str, items: list[Item], keys: tuple[Field, ...]) -> None:
        """Add ``table``, a row per item, each led by the cells its item brings.

        ``keys`` names the key of a row in the tables that hang off this one: ``film_id``
        for a record (whose key is its id), ``conflict_id`` and ``claim_position`` for a
        nested object (whose key is its lead cells).
        """
        assert table.source is not None
        self.tables.append(table)
        getters: list[Getter] = []
        for shape in shape_of(table.source):
            getters += self._field(table, stem, shape, items, keys)
        names = [f.column.name for f in table.fields]
        if len(set(names)) != len(names):
            raise TypeError(f"{table.name}: two columns share a name in {names}")
        table.rows = [cells + tuple(get(obj) for get in getters) for cells, obj in items]

    def _field(
        self, table: Table, stem: str, shape: FieldShape, items: list[Item], keys: tuple[Field, ...]
    ) -> list[Getter]:
        """Add the columns, or the side table, of one field; return a getter per column."""
        attr = shape.name
        if shape.container == "one" and shape.ref_kind is not None:
            target = self.table_of_kind[shape.ref_kind]
            table.fields.append(_field(f"{attr}_id", str, shape.optional, ref=target))
            return [lambda obj: _id(getattr(obj, attr))]
        if shape.container == "one" and shape.is_nested:
            getters: list[Getter] = []
            for inner in shape_of(shape.item):
                if inner.container != "one" or inner.ref_kind is not None or inner.is_nested:
                    raise TypeError(
                        f"{shape.item.__name__}.{inner.name}: only scalars nest in a row"
                    )
                optional = shape.optional or inner.optional
                required = inner.required and not optional
                table.fields.append(_field(f"{attr}_{inner.name}", inner.item, optional, required))
                getters.append(_nested(attr, inner.name))
            return getters
        if shape.container == "one":
            table.fields.append(_field(attr, shape.item, shape.optional))
            return [lambda obj: _plain(getattr(obj, attr))]
        if shape.ref_kind is None and not shape.is_nested:
            table.fields.append(_field(attr, shape.item, required=False, is_list=True))
            return [lambda obj: [_plain(v) for v in _ordered(getattr(obj, attr))]]
        owned = [(cells or (obj.id,), _ordered(getattr(obj, attr))) for cells, obj in items]
        if shape.ref_kind is not None:
            ordered = shape.container == "tuple"
            position = (_field("position", int),) if ordered else ()
            target = self.table_of_kind[shape.ref_kind]
            fields = [*keys, *position, _field(f"{snake(shape.ref_kind)}_id", str, ref=target)]
            link = Table(f"{stem}_{attr}", fields, owner=table, attr=attr)
            self.tables.append(link)
            for key, values in owned:
                for i, value in enumerate(values, start=1):
                    target_id = value if isinstance(value, str) else value.id
                    link.rows.append((*key, *((i,) if ordered else ()), target_id))
        else:
            child = snake(shape.item.__name__)
            children = [
                ((*key, i), value) for key, values in owned for i, value in enumerate(values, 1)
            ]
            lead = [*keys, _field("position", int)]
            side = Table(f"{stem}_{attr}", lead, shape.item, table, attr)
            child_keys = (*keys, _field(f"{child}_position", int))
            self.add(side, f"{stem}_{child}", children, child_keys)
        return []


def flatten(ds: Dataset) -> list[Table]:
    """Every table of ``ds``: record tables in load order, each followed by its side tables."""
    from .tables import table_specs

    walk = _Walk()
    for spec in table_specs():
        stem = snake(spec.record.KIND)  # type: ignore[attr-defined]
        items: list[Item] = [((), record) for record in getattr(ds.tables, spec.name)]
        walk.add(Table(spec.name, [], spec.record), stem, items, (_field(f"{stem}_id", str),))
    names = [t.name for t in walk.tables]
    if len(set(names)) != len(names):
        raise TypeError(f"two tables share a name in {names}")
    return walk.tables
