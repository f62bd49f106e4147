"""Every table of a dataset as a pandas or polars DataFrame, foreign keys as id columns.

The tables and columns are those of the CSV export (:mod:`takedown.export`), built by
walking the models' fields, so a field added to a model appears here too:

* a scalar field is a column; an enum holds its value (``"streaming"``); a date is a date
  (polars ``Date``; pandas ``datetime64``, pandas having no date-only type of its own);
* a reference is an ``<field>_id`` column (``film_id``, ``predecessor_id``);
* a nested object (``budget``, ``score``) is spread into ``<field>_<subfield>`` columns;
* a list of plain strings (``aliases``, ``genres``) is one column of lists;
* a list or set of references is a link table ``<kind>_<field>``: ``plot_characters``
  (``plot_id``, ``position``, ``character_id``), and ``film_sources`` and its kin for the
  sources every record cites (no ``position``: a set has no order);
* a list of nested objects is a child table keyed by its owner and ``position``
  (``conflict_claims``), whose own lists become link tables in turn
  (``conflict_claim_sources``, keyed by ``conflict_id`` and ``claim_position``).

A missing value is ``None`` in polars and ``NaN``/``NaT``/``<NA>`` in pandas.  pandas and
polars are optional: install ``takedown-film[pandas]`` or ``takedown-film[polars]``.

>>> frames = to_polars()  # doctest: +SKIP
>>> frames["cast"].join(frames["people"], left_on="person_id", right_on="id")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Callable, Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs

from ._optional import require
from .errors import NotFoundError

if TYPE_CHECKING:
    # pandas ships no type hints (pandas-stubs is separate); without them pd.DataFrame is Any.
    import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]
    import polars as pl

    from .dataset import Dataset
    from .export._shape import FieldShape

__all__ = ["Column", "Frame", "build", "require", "table_frame", "to_pandas", "to_polars"]

Backend = Literal["pandas", "polars"]
Getter = Callable[[Any], Any]
#: A row's lead cells (its owner's key) and the object the rest of the row comes from.
Item = tuple[tuple[Any, ...], Any]


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


@attrs.frozen
class Frame:
    """One table, independent of any DataFrame library: its columns and its rows."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]

    def column(self, name: str) -> list[Any]:
        """The values of one column, top to bottom."""
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _leaf(item: type) -> type:
    """The type a column holds for values of ``item`` (an enum holds its values)."""
    if issubclass(item, enum.Enum):
        return type(next(iter(item)).value)
    return item


def _nested(outer: str, inner: str) -> Getter:
    return lambda obj: _plain(getattr(getattr(obj, outer), inner, None))


def _id(record: Any) -> str | None:
    return None if record is None else str(record.id)


@attrs.define
class _Draft:
    name: str
    columns: list[Column]
    rows: list[tuple[Any, ...]] = attrs.Factory(list)

    def seal(self) -> Frame:
        names = [c.name for c in self.columns]
        if len(set(names)) != len(names):
            raise TypeError(f"{self.name}: two columns share a name in {names}")
        # A float field may hold an int (attrs does not convert); both libraries want floats.
        floats = [i for i, c in enumerate(self.columns) if c.type is float and not c.is_list]
        rows = tuple(
            tuple(float(v) if i in floats and v is not None else v for i, v in enumerate(row))
            for row in self.rows
        )
        return Frame(self.name, tuple(self.columns), rows)


class _Builder:
    """Walks the models' fields (see :mod:`takedown.export._shape`) into tables."""

    def __init__(self) -> None:
        self.drafts: dict[str, _Draft] = {}

    def add(
        self,
        name: str,
        stem: str,
        cls: type,
        items: list[Item],
        lead: tuple[Column, ...],
        keys: tuple[Column, ...],
    ) -> None:
        """Add the table of ``cls`` objects, each row led by the cells its item brings.

        ``keys`` names the key of a row in the tables that hang off this one: ``film_id``
        for a record (whose key is its id), ``conflict_id`` and ``claim_position`` for a
        nested object (whose key is its lead cells).
        """
        from .export._shape import shape_of

        draft = self.drafts[name] = _Draft(name, list(lead))
        getters: list[Getter] = []
        for shape in shape_of(cls):
            getters += self._field(draft, stem, shape, items, keys)
        draft.rows = [cells + tuple(get(obj) for get in getters) for cells, obj in items]

    def _field(
        self,
        draft: _Draft,
        stem: str,
        shape: FieldShape,
        items: list[Item],
        keys: tuple[Column, ...],
    ) -> list[Getter]:
        """Add the columns, or the side table, of one field; return a getter per column."""
        from .export._shape import shape_of, snake

        attr: str = shape.name
        if shape.container == "one" and shape.ref_kind is not None:
            draft.columns.append(Column(f"{attr}_id", str, shape.optional))
            return [lambda obj: _id(getattr(obj, attr))]
        if shape.container == "one" and shape.is_nested:
            getters: list[Getter] = []
            for inner in shape_of(shape.item):
                optional = shape.optional or inner.optional
                draft.columns.append(Column(f"{attr}_{inner.name}", _leaf(inner.item), optional))
                getters.append(_nested(attr, inner.name))
            return getters
        if shape.container == "one":
            draft.columns.append(Column(attr, _leaf(shape.item), shape.optional))
            return [lambda obj: _plain(getattr(obj, attr))]
        if shape.ref_kind is None and not shape.is_nested:
            draft.columns.append(Column(attr, _leaf(shape.item), is_list=True))
            return [lambda obj: [_plain(v) for v in _ordered(getattr(obj, attr))]]
        owned = [(cells or (obj.id,), _ordered(getattr(obj, attr))) for cells, obj in items]
        if shape.ref_kind is not None:
            ordered = shape.container == "tuple"
            position = (Column("position", int),) if ordered else ()
            link = _Draft(
                f"{stem}_{attr}", [*keys, *position, Column(f"{snake(shape.ref_kind)}_id", str)]
            )
            self.drafts[link.name] = link
            for key, values in owned:
                for i, value in enumerate(values, start=1):
                    target = value if isinstance(value, str) else value.id
                    link.rows.append((*key, *((i,) if ordered else ()), target))
        else:
            child = snake(shape.item.__name__)
            children = [
                ((*key, i), value) for key, values in owned for i, value in enumerate(values, 1)
            ]
            self.add(
                f"{stem}_{attr}",
                f"{stem}_{child}",
                shape.item,
                children,
                lead=(*keys, Column("position", int)),
                keys=(*keys, Column(f"{child}_position", int)),
            )
        return []


def _ordered(values: Iterable[Any]) -> list[Any]:
    """A tuple as it is; a set sorted, so that every export comes out the same."""
    if isinstance(values, (set, frozenset)):
        return sorted(values, key=lambda v: getattr(v, "id", v))
    return list(values)


def build(ds: Dataset | None = None) -> dict[str, Frame]:
    """Every table of ``ds`` (the packaged dataset by default), needing no DataFrame library.

    Record tables come in load order, each followed by the tables that hang off it.
    """
    from .export._shape import snake
    from .tables import table_specs

    if ds is None:
        from . import load

        ds = load()
    builder = _Builder()
    for spec in table_specs():
        stem = snake(spec.record.KIND)  # type: ignore[attr-defined]
        items: list[Item] = [((), record) for record in getattr(ds.tables, spec.name)]
        builder.add(spec.name, stem, spec.record, items, lead=(), keys=(Column(f"{stem}_id", str),))
    return {name: draft.seal() for name, draft in builder.drafts.items()}


def _pandas_series(pd: ModuleType, column: Column, values: list[Any]) -> Any:
    if column.is_list:
        return pd.Series(values, dtype=object)
    if column.type is dt.date:
        return pd.to_datetime(pd.Series(values, dtype=object))
    dtypes: dict[type, str] = {
        int: "Int64" if column.optional else "int64",
        bool: "boolean" if column.optional else "bool",
        float: "float64",
    }
    # Strings get pandas' own default string type (object before pandas 3).
    return pd.Series(values, dtype=dtypes.get(column.type))


def _to_pandas(pd: ModuleType, frame: Frame) -> Any:
    return pd.DataFrame(
        {c.name: _pandas_series(pd, c, frame.column(c.name)) for c in frame.columns},
        columns=[c.name for c in frame.columns],
    )


def _polars_type(pl: ModuleType, column: Column) -> Any:
    types = {str: pl.String, int: pl.Int64, float: pl.Float64, bool: pl.Boolean, dt.date: pl.Date}
    inner = types[column.type]
    return pl.List(inner) if column.is_list else inner


def _to_polars(pl: ModuleType, frame: Frame) -> Any:
    return pl.DataFrame(
        [pl.Series(c.name, frame.column(c.name), dtype=_polars_type(pl, c)) for c in frame.columns]
    )


_BACKENDS: dict[str, Callable[[ModuleType, Frame], Any]] = {
    "pandas": _to_pandas,
    "polars": _to_polars,
}


def _library(backend: str, feature: str) -> ModuleType:
    if backend not in _BACKENDS:
        raise NotFoundError("DataFrame backend", backend, sorted(_BACKENDS))
    return require(backend, backend, feature)


def to_pandas(ds: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """Every table of ``ds`` (the packaged dataset by default) as a pandas DataFrame.

    Raises :class:`ImportError` naming the ``pandas`` extra when pandas is missing.
    """
    pd = _library("pandas", "takedown.frames.to_pandas")
    return {name: _to_pandas(pd, frame) for name, frame in build(ds).items()}


def to_polars(ds: Dataset | None = None) -> dict[str, pl.DataFrame]:
    """Every table of ``ds`` (the packaged dataset by default) as a polars DataFrame.

    Raises :class:`ImportError` naming the ``polars`` extra when polars is missing.
    """
    pl = _library("polars", "takedown.frames.to_polars")
    return {name: _to_polars(pl, frame) for name, frame in build(ds).items()}


@overload
def table_frame(
    name: str, backend: Literal["pandas"] = "pandas", ds: Dataset | None = None
) -> pd.DataFrame: ...
@overload
def table_frame(
    name: str, backend: Literal["polars"], ds: Dataset | None = None
) -> pl.DataFrame: ...
def table_frame(name: str, backend: Backend = "pandas", ds: Dataset | None = None) -> Any:
    """One table (``"cast"``, ``"plot_characters"``...) as a pandas or polars DataFrame.

    Raises :class:`~takedown.NotFoundError` for an unknown table or backend, suggesting the
    closest names, and :class:`ImportError` naming the extra when the library is missing.
    """
    library = _library(backend, f"takedown.frames.table_frame(backend={backend!r})")
    built = build(ds)
    if name not in built:
        raise NotFoundError("table", name, difflib.get_close_matches(name, list(built), cutoff=0.5))
    return _BACKENDS[backend](library, built[name])
