"""Records flattened into tables: the one walk behind the CSV export and :mod:`takedown.frames`.

Every model is walked field by field (see :mod:`._shape`), so a field added to a model
shows up in both:

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

import enum
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from ..frames import Column
from ._shape import FieldShape, shape_of, snake

if TYPE_CHECKING:
    from ..dataset import Dataset

__all__ = ["Field", "Table", "flatten"]

Getter = Callable[[Any], Any]
#: A row's lead cells (its owner's key) and the object the rest of the row comes from.
Item = tuple[tuple[Any, ...], Any]


@attrs.frozen
class Field:
    """A column and what a Table Schema says of it beyond :class:`~takedown.frames.Column`.

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
        from ..tables import table_specs

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
    from ..tables import table_specs

    walk = _Walk()
    for spec in table_specs():
        stem = snake(spec.record.KIND)  # type: ignore[attr-defined]
        items: list[Item] = [((), record) for record in getattr(ds.tables, spec.name)]
        walk.add(Table(spec.name, [], spec.record), stem, items, (_field(f"{stem}_id", str),))
    names = [t.name for t in walk.tables]
    if len(set(names)) != len(names):
        raise TypeError(f"two tables share a name in {names}")
    return walk.tables
