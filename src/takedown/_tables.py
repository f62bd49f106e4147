"""The registry of record kinds: each table, its record class and its data file, in load order."""

from __future__ import annotations

from typing import Any

import attrs

from . import models as m
from ._fields import as_tuple

__all__ = ["SCHEMA_VERSION", "TableSpec", "Tables", "table_specs"]

#: Bumped whenever a data file changes shape; the loader refuses other versions.
SCHEMA_VERSION = 4


def _table(record: type) -> Any:
    return attrs.field(converter=as_tuple, metadata={"record": record})


@attrs.frozen(kw_only=True)
class Tables:
    """Every record of a dataset, table by table.

    Field order is load order: a table refers only to tables above it (or to itself).
    Each table is stored in ``<field name>.json``.
    """

    sources: tuple[m.Source, ...] = _table(m.Source)
    films: tuple[m.Film, ...] = _table(m.Film)
    people: tuple[m.Person, ...] = _table(m.Person)
    companies: tuple[m.Company, ...] = _table(m.Company)
    locations: tuple[m.Location, ...] = _table(m.Location)
    characters: tuple[m.Character, ...] = _table(m.Character)
    organizations: tuple[m.Organization, ...] = _table(m.Organization)
    relationships: tuple[m.Relationship, ...] = _table(m.Relationship)
    themes: tuple[m.Theme, ...] = _table(m.Theme)
    works: tuple[m.Work, ...] = _table(m.Work)
    awards: tuple[m.Award, ...] = _table(m.Award)
    comparisons: tuple[m.Comparison, ...] = _table(m.Comparison)
    cast: tuple[m.CastCredit, ...] = _table(m.CastCredit)
    crew: tuple[m.CrewCredit, ...] = _table(m.CrewCredit)
    company_credits: tuple[m.CompanyCredit, ...] = _table(m.CompanyCredit)
    releases: tuple[m.Release, ...] = _table(m.Release)
    events: tuple[m.ProductionEvent, ...] = _table(m.ProductionEvent)
    filming_locations: tuple[m.FilmingLocation, ...] = _table(m.FilmingLocation)
    plot: tuple[m.PlotEvent, ...] = _table(m.PlotEvent)
    ratings: tuple[m.Rating, ...] = _table(m.Rating)
    reviews: tuple[m.Review, ...] = _table(m.Review)
    viewership: tuple[m.Viewership, ...] = _table(m.Viewership)
    admissions: tuple[m.Admissions, ...] = _table(m.Admissions)
    conflicts: tuple[m.Conflict, ...] = _table(m.Conflict)

    def sizes(self) -> dict[str, int]:
        """The number of records of each table, in load order."""
        return {spec.name: len(getattr(self, spec.name)) for spec in _SPECS}

    def records(self) -> tuple[Any, ...]:
        """Every record of every table, in load order."""
        return tuple(r for spec in _SPECS for r in getattr(self, spec.name))


@attrs.frozen
class TableSpec:
    """Where a table lives and what it holds."""

    name: str
    record: type

    @property
    def kind(self) -> str:
        """The kind of its records (``"film"``), the prefix of their ids."""
        return self.record.KIND  # type: ignore[attr-defined,no-any-return]

    @property
    def file(self) -> str:
        """The data file's name."""
        return f"{self.name}.json"


def table_specs() -> tuple[TableSpec, ...]:
    """The tables in load order."""
    return _SPECS


_SPECS = tuple(TableSpec(f.name, f.metadata["record"]) for f in attrs.fields(Tables))
