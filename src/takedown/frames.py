"""Every table of a dataset as a pandas or polars DataFrame, foreign keys as id columns.

The tables and columns are those of the CSV and SQLite exports (the same walk of the models'
fields makes all three):

* a scalar field is a column: an enum holds its value (``"streaming"``), a date is a date
  (polars ``Date``; pandas ``datetime64``), a date known only to the year or month
  (``events.date``) is text (``"2021-03"``), a claim's ``value`` is its JSON text;
* a reference is an ``<field>_id`` column (``film_id``, ``predecessor_id``);
* a nested object (``budget``, ``market``) is spread into ``<field>_<subfield>`` columns
  (``market_code``, ``market_name``); a list of strings (``aliases``) is a column of lists;
* a list or set of references is a link table ``<kind>_<field>``: ``plot_characters``
  (``plot_id``, ``position``, ``character_id``), and ``film_sources`` and its kin (no
  ``position``: a set has no order);
* a list of nested objects is a child table keyed by its owner and ``position``
  (``conflict_claims``), whose own lists become link tables in turn
  (``conflict_claim_sources``, keyed by ``conflict_id`` and ``claim_position``);
* the per-field sources are ``<kind>_citations`` (``film_id``, ``position``, ``source_id``,
  ``field``, ``item``, ``circumstance``, ``reason``): a row per citation and source, none for
  a field that no source states.

A missing value is ``None`` in polars and ``NaN``/``NaT``/``<NA>`` in pandas.  pandas and
polars are optional: install ``takedown-film[pandas]`` or ``takedown-film[polars]``.

>>> frames = to_polars()  # doctest: +SKIP
>>> frames["cast"].join(frames["people"], left_on="person_id", right_on="id")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal, overload

import attrs

from ._flat import Column, Table, flatten
from ._optional import require
from ._text import suggest
from .errors import NotFoundError

if TYPE_CHECKING:
    # pandas ships no type hints (pandas-stubs is separate); without them pd.DataFrame is Any.
    import pandas as pd  # type: ignore[import-untyped, import-not-found, unused-ignore]
    import polars as pl

    from .dataset import Dataset

__all__ = ["Column", "Frame", "build", "require", "table_frame", "to_pandas", "to_polars"]

Backend = Literal["pandas", "polars"]


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


def _frame(table: Table) -> Frame:
    columns = tuple(table.columns)
    # A float field may hold an int (attrs does not convert); both libraries want floats.
    floats = [i for i, c in enumerate(columns) if c.type is float and not c.is_list]
    rows = tuple(
        tuple(float(v) if i in floats and v is not None else v for i, v in enumerate(row))
        for row in table.rows
    )
    return Frame(table.name, columns, rows)


def build(ds: Dataset | None = None) -> dict[str, Frame]:
    """Every table of ``ds`` (the packaged dataset by default), needing no DataFrame library:
    the record tables in load order, each followed by the tables that hang off it."""
    from . import load

    return {table.name: _frame(table) for table in flatten(load() if ds is None else ds)}


#: The pandas dtypes of plain and of optional columns; strings get pandas' default string type.
_PANDAS = {int: "int64", bool: "bool", float: "float64"}
_PANDAS_OPTIONAL = {int: "Int64", bool: "boolean", float: "float64"}


def _to_pandas(pd: ModuleType, frame: Frame) -> Any:
    series = {}
    for c in frame.columns:
        values = frame.column(c.name)
        if c.is_list:
            series[c.name] = pd.Series(values, dtype=object)
        elif c.type is dt.date:
            series[c.name] = pd.to_datetime(pd.Series(values, dtype=object))
        else:
            dtype = (_PANDAS_OPTIONAL if c.optional else _PANDAS).get(c.type)
            series[c.name] = pd.Series(values, dtype=dtype)
    return pd.DataFrame(series, columns=[c.name for c in frame.columns])


def _to_polars(pl: ModuleType, frame: Frame) -> Any:
    types = {str: pl.String, int: pl.Int64, float: pl.Float64, bool: pl.Boolean, dt.date: pl.Date}
    series = []
    for c in frame.columns:
        dtype = pl.List(types[c.type]) if c.is_list else types[c.type]
        series.append(pl.Series(c.name, frame.column(c.name), dtype=dtype))
    return pl.DataFrame(series)


_BACKENDS: dict[str, Callable[[ModuleType, Frame], Any]] = {
    "pandas": _to_pandas,
    "polars": _to_polars,
}


def _library(backend: str, feature: str) -> ModuleType:
    if backend not in _BACKENDS:
        raise NotFoundError("DataFrame backend", backend, sorted(_BACKENDS))
    return require(backend, backend, feature)


def _every_table(backend: Backend, ds: Dataset | None) -> dict[str, Any]:
    library = _library(backend, f"takedown.frames.to_{backend}")
    return {name: _BACKENDS[backend](library, frame) for name, frame in build(ds).items()}


def to_pandas(ds: Dataset | None = None) -> dict[str, pd.DataFrame]:
    """Every table of ``ds`` (the packaged dataset by default) as a pandas DataFrame; an
    :class:`ImportError` names the ``pandas`` extra when pandas is missing."""
    return _every_table("pandas", ds)


def to_polars(ds: Dataset | None = None) -> dict[str, pl.DataFrame]:
    """Every table of ``ds`` (the packaged dataset by default) as a polars DataFrame; an
    :class:`ImportError` names the ``polars`` extra when polars is missing."""
    return _every_table("polars", ds)


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
        raise NotFoundError("table", name, suggest(name, built))
    return _BACKENDS[backend](library, built[name])
