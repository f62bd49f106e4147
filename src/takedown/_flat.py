"""Records flattened into tables: the one walk behind the CSV and SQLite exports and
:mod:`takedown.frames`, whose docstring states its rules.

The models are walked field by field (:func:`shape_of`, which the JSON Schema export reads
too), so a field added to a model shows up in every export.
"""

from __future__ import annotations

import builtins
import datetime as dt
import enum
import functools
import json
import re
import typing
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._fields import CITATIONS, DISTINCT, IDS_OF, REF_KIND, REF_MANY, SLUG
from .enums import Circumstance
from .models import PartialDate

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["JSON", "Column", "FieldShape", "Table", "flatten", "id_pattern", "shape_of"]

#: The leaf types a field may hold; anything else is a nested attrs class.
SCALARS: tuple[type, ...] = (str, int, float, bool, dt.date, PartialDate)

#: The item of a field typed ``Any`` (a claim's value): any JSON value.
JSON: type = object

Container = Literal["one", "tuple", "set"]


@attrs.frozen
class FieldShape:
    """One field of a record class as the exports see it: ``item`` is one value's type (a
    scalar, an enum, a nested attrs class or :data:`JSON`), held one, in a tuple or in a set;
    ``ref_kind`` is the kind of record referred to by id, ``cites`` marks ``citations``."""

    name: str
    item: type
    container: Container
    optional: bool
    required: bool
    ref_kind: str | None = None
    distinct: bool = False
    cites: bool = False

    @property
    def is_nested(self) -> bool:
        """Whether values are nested attrs objects (not records referred to by id)."""
        return self.ref_kind is None and attrs.has(self.item) and self.item not in SCALARS


@functools.cache
def shape_of(cls: type) -> tuple[FieldShape, ...]:
    """The fields of the attrs class ``cls`` in declaration order."""
    hints = typing.get_type_hints(cls)
    shapes = []
    for field in attrs.fields(cls):
        hint = hints[field.name]
        args = typing.get_args(hint)
        optional = type(None) in args
        if optional and len(args) == 2:  # X | None; a wider union is refused below
            hint = next(a for a in args if a is not type(None))
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
        elif hint is Any:
            hint = JSON
        leaf = (
            hint in SCALARS
            or hint is JSON
            or (isinstance(hint, type) and issubclass(hint, enum.Enum))
        )
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
                cites=bool(field.metadata.get(CITATIONS)),
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

    ``type`` is ``str``, ``int``, ``float``, ``bool`` or ``datetime.date`` (a partial date and
    a JSON value are ``str``); with ``is_list`` each cell is a list of them.  For schemas:
    ``item`` is the field's own item type, ``required`` whether a value must be there (a
    nested field with a default need not be), ``ref`` the table a reference points into.
    """

    name: str
    type: type
    optional: bool = False
    is_list: bool = False
    item: builtins.type = str  # "type" in this class is the field above
    required: bool = True
    ref: str | None = None


#: A cell from an object and its JSON form as the data file writes it.
Getter = Callable[[Any, Any], Any]
#: A row's lead cells (its owner's key), the object the rest of the row comes from, its JSON.
Item = tuple[tuple[Any, ...], Any, Any]


def _column(
    name: str,
    item: type,
    optional: bool = False,
    required: bool | None = None,
    ref: str | None = None,
    is_list: bool = False,
) -> Column:
    # An enum column holds the enum's values; a partial date and a JSON value are text.
    if issubclass(item, enum.Enum):
        leaf = type(next(iter(item)).value)
    else:
        leaf = str if item in (PartialDate, JSON) else item
    required = not optional if required is None else required
    return Column(name, leaf, optional, is_list, item, required, ref)


@attrs.frozen
class ForeignKey:
    """Columns of a table holding the key (``key``, columns of ``table``) of another row."""

    columns: list[str]
    table: str
    key: list[str]


@attrs.define
class Table:
    """One table: its columns and rows of plain values; ``source`` is the class whose objects
    make the rows (None for a link table), ``owner`` the table a side table hangs off and
    ``attr`` the owner's field it holds; ``key`` names the columns telling rows apart."""

    name: str
    columns: list[Column]
    source: type | None = None
    owner: Table | None = None
    attr: str = ""
    rows: list[tuple[Any, ...]] = attrs.Factory(list)
    key: list[str] = attrs.Factory(list)

    @property
    def foreign_keys(self) -> list[ForeignKey]:
        """A side table's lead columns into its owner, then each reference column's key."""
        keys = []
        if self.owner is not None:
            lead = [c.name for c in self.columns[: len(self.owner.key)]]
            keys.append(ForeignKey(lead, self.owner.name, self.owner.key))
        keys += [ForeignKey([c.name], c.ref, ["id"]) for c in self.columns if c.ref is not None]
        return keys


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    return str(value) if isinstance(value, PartialDate) else value


def _nested(outer: str, inner: str) -> Getter:
    return lambda obj, _: _plain(getattr(getattr(obj, outer), inner, None))


def _ordered(values: Iterable[Any]) -> list[Any]:
    """A tuple as it is; a set sorted, so that every export comes out the same."""
    if isinstance(values, (set, frozenset)):
        return sorted(values, key=lambda v: getattr(v, "id", v))
    return list(values)


class _Walk:
    """Walks the models' fields into :class:`Table` objects, side tables after their owner."""

    def __init__(self) -> None:
        from ._tables import table_specs

        self.table_of_kind = {spec.kind: spec.name for spec in table_specs()}
        self.tables: list[Table] = []

    def add(self, table: Table, stem: str, items: list[Item], keys: tuple[Column, ...]) -> None:
        """Add ``table``, a row per item led by the item's cells; ``keys`` name a row in the
        tables hanging off it (``film_id``; ``conflict_id`` and ``claim_position``)."""
        assert table.source is not None
        self.tables.append(table)
        getters: list[Getter] = []
        for shape in shape_of(table.source):
            getters += self._field(table, stem, shape, items, keys)
        names = [c.name for c in table.columns]
        if len(set(names)) != len(names):
            raise TypeError(f"{table.name}: two columns share a name in {names}")
        table.rows = [cells + tuple(get(obj, raw) for get in getters) for cells, obj, raw in items]

    def _field(
        self,
        table: Table,
        stem: str,
        shape: FieldShape,
        items: list[Item],
        keys: tuple[Column, ...],
    ) -> list[Getter]:
        """Add the columns, or the side table, of one field; return a getter per column."""
        attr = shape.name
        if shape.container == "one" and shape.ref_kind is not None:
            target = self.table_of_kind[shape.ref_kind]
            table.columns.append(_column(f"{attr}_id", str, shape.optional, ref=target))
            return [_nested(attr, "id")]
        if shape.container == "one" and shape.is_nested:
            getters: list[Getter] = []
            for inner in shape_of(shape.item):
                if inner.container != "one" or inner.ref_kind is not None or inner.is_nested:
                    raise TypeError(
                        f"{shape.item.__name__}.{inner.name}: only scalars nest in a row"
                    )
                optional = shape.optional or inner.optional
                required = inner.required and not optional
                table.columns.append(
                    _column(f"{attr}_{inner.name}", inner.item, optional, required)
                )
                getters.append(_nested(attr, inner.name))
            return getters
        if shape.container == "one":
            table.columns.append(_column(attr, shape.item, shape.optional))
            if shape.item is JSON:  # as the data file writes it, which knows the value's type
                return [lambda _, raw: json.dumps(raw[attr], ensure_ascii=False)]
            return [lambda obj, _: _plain(getattr(obj, attr))]
        if shape.ref_kind is None and not shape.is_nested:
            table.columns.append(_column(attr, shape.item, required=False, is_list=True))
            return [lambda obj, _: [_plain(v) for v in _ordered(getattr(obj, attr))]]
        owned = [
            (cells or (obj.id,), _ordered(getattr(obj, attr)), raw[attr])
            for cells, obj, raw in items
        ]
        side = Table(f"{stem}_{attr}", [*keys], owner=table, attr=attr)
        if not shape.cites and shape.ref_kind is None:  # nested objects: a child table
            child = snake(shape.item.__name__)
            side.source = shape.item
            side.columns.append(_column("position", int))
            side.key = [c.name for c in side.columns]
            children: list[Item] = [
                ((*key, i), value, raws[i - 1])
                for key, values, raws in owned
                for i, value in enumerate(values, 1)
            ]
            self.add(side, f"{stem}_{child}", children, (*keys, _column(f"{child}_position", int)))
            return []
        if shape.cites:
            # One row per citation and source: the simplest table to join to the sources.
            side.columns += [
                _column("position", int),
                _column("source_id", str, ref="sources"),
                _column("field", str),
                _column("item", str, optional=True),
                _column("circumstance", Circumstance, optional=True),
                _column("reason", str, optional=True),
            ]
            side.rows = [
                (*key, n, s, c.field, c.item, c.circumstance and c.circumstance.value, c.reason)
                for key, values, _ in owned
                for n, c in enumerate(values, start=1)
                for s in sorted(c.sources)
            ]
        elif shape.ref_kind is not None:  # references: a link table
            ordered = shape.container == "tuple"
            if ordered:
                side.columns.append(_column("position", int))
            target = self.table_of_kind[shape.ref_kind]
            side.columns.append(_column(f"{snake(shape.ref_kind)}_id", str, ref=target))
            for key, values, _ in owned:
                for i, value in enumerate(values, start=1):
                    target_id = value if isinstance(value, str) else value.id
                    side.rows.append((*key, *((i,) if ordered else ()), target_id))
        # A citation's key is its position and source; a reference's, its position or target.
        side.key = [c.name for c in side.columns[: len(keys) + (2 if shape.cites else 1)]]
        self.tables.append(side)
        return []


def flatten(ds: Dataset) -> list[Table]:
    """Every table of ``ds``: record tables in load order, each followed by its side tables."""
    from ._convert import converter
    from ._tables import table_specs

    walk = _Walk()
    for spec in table_specs():
        stem = snake(spec.kind)
        records = getattr(ds.tables, spec.name)
        items: list[Item] = [((), r, converter.unstructure(r)) for r in records]
        table = Table(spec.name, [], spec.record, key=["id"])
        walk.add(table, stem, items, (_column(f"{stem}_id", str),))
    names = [t.name for t in walk.tables]
    if len(set(names)) != len(names):
        raise TypeError(f"two tables share a name in {names}")
    return walk.tables
