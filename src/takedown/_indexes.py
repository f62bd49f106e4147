"""The lookup indexes behind :class:`~takedown.Dataset`'s queries: read-only, and derived
from tables the loader has checked, so building them cannot fail."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from . import models as m
from ._fields import references
from ._tables import Tables, table_specs
from ._text import KEY_CHARS, fold, named, suggest, words
from .enums import Department
from .errors import NotFoundError, short

if TYPE_CHECKING:
    from ._search import SearchIndex

__all__ = ["Indexes", "NameIndex", "local_record"]

R = TypeVar("R")
#: How many names starting with a key are looked at: enough to show it is ambiguous.
_MAX_CANDIDATES = 20


def local_record(by_id: Mapping[str, Any], record: Any, argument: str) -> Any:
    """The dataset's own record for ``record``: itself, or the local record equal to it; a
    record of another dataset with no equal local twin is a ValueError, never swapped."""
    local = by_id.get(record.id)
    if local is record or (local is not None and local == record):
        return local
    raise ValueError(
        f"{argument} is a {type(record).KIND} of another Dataset ({short(record.id)}), "
        "not equal to this one's; pass its id or name instead"
    )


@attrs.frozen
class NameIndex:
    """Folded id, name, title and alias -> record, for one kind of record.  Immutable.

    A key that is no whole name may still name one record: a prefix of a name (``"omar"``),
    a whole word of one (``"laurent"``, ``"takedown"``), or, for films, a year.  Given to
    several records, it is refused with the candidates.
    """

    kind: str
    #: The class of the records (``"Film"``), as error messages name it.
    class_name: str
    _by_key: Mapping[str, Any]
    _display: Mapping[str, str]
    _by_word: Mapping[str, Mapping[str, Any]]

    @classmethod
    def build(cls, type_: type, records: Iterable[Any]) -> NameIndex:
        """The index of ``records``, all of class ``type_``."""
        kind: str = type_.KIND  # type: ignore[attr-defined]
        by_key: dict[str, Any] = {}
        display: dict[str, str] = {}
        by_word: dict[str, dict[str, Any]] = defaultdict(dict)
        for record in records:
            for name in (record.id, *(name for _, name in named(record))):
                key = fold(name)
                # The loader refuses a name shared by two records, or equal to an id.
                by_key.setdefault(key, record)
                display.setdefault(key, name)
                for word in {*words(name), *([str(record.year)] if kind == "film" else [])}:
                    by_word[word][record.id] = record
        return cls(
            kind,
            type_.__name__,
            MappingProxyType(by_key),
            MappingProxyType(display),
            MappingProxyType({w: MappingProxyType(found) for w, found in by_word.items()}),
        )

    def find(self, name: str) -> Any:
        """The record with this id, name or alias (folded), or None."""
        return self._by_key.get(fold(name))

    def get(self, key: object) -> Any:
        """The record answering to ``key``: a name, an id, the record itself, or a part of
        a name that only one record has.  Raises NotFoundError for an unknown or ambiguous
        name, TypeError for a key of another type, ValueError for another dataset's record."""
        if isinstance(key, str):
            record = self.find(key)
            if record is not None:
                return record
            partial = self._partial(fold(key[:KEY_CHARS]))
            if len(partial) == 1:
                return next(iter(partial.values()))
            if partial:
                names = sorted(getattr(r, "name", r.id) for r in partial.values())
                raise NotFoundError(self.kind, key, names, ambiguous=True)
            raise NotFoundError(self.kind, key, self.suggest(key))
        if getattr(type(key), "KIND", None) == self.kind:
            return local_record(self._by_key, key, self.kind)
        raise TypeError(
            f"{self.kind} must be a {self.class_name}, its id or a name (str), "
            f"not {type(key).__name__}"
        )

    def _partial(self, folded: str) -> dict[str, Any]:
        """The records with a name starting with ``folded``, or with it as a whole word."""
        if len(folded) < 2:
            return {}
        found: dict[str, Any] = dict(self._by_word.get(folded, {}))
        for key in sorted(k for k in self._by_key if k.startswith(folded))[:_MAX_CANDIDATES]:
            record = self._by_key[key]
            found[record.id] = record
        return found

    def suggest(self, key: str) -> list[str]:
        """The names closest to ``key``, each record named once."""
        closest = suggest(fold(key[:KEY_CHARS]), self._by_key)
        names = (getattr(self._by_key[k], "name", None) or self._display[k] for k in closest)
        return list(dict.fromkeys(names))


def _name_index(type_: type, table: str) -> functools.cached_property[NameIndex]:
    """The :class:`NameIndex` of a table of named records, built by the first lookup."""

    def build(self: Indexes) -> NameIndex:
        return NameIndex.build(type_, getattr(self.tables, table))

    return functools.cached_property(build)


def _group(records: Iterable[R], keys: Callable[[R], Iterable[str]]) -> Mapping[str, tuple[R, ...]]:
    """Key -> the records filed under it, in the order given; a record may have several."""
    groups: dict[str, list[R]] = defaultdict(list)
    for record in records:
        for key in keys(record):
            groups[key].append(record)
    return MappingProxyType({k: tuple(v) for k, v in groups.items()})


#: How the tables that are not in file order are sorted.
_ORDER: Mapping[str, Callable[[Any], Any]] = {
    "cast": lambda c: (c.order is None, c.order or 0),
    "events": lambda e: (e.date.first_day, e.date.last_day),
    "plot": lambda e: e.order,
}


def _referred(record: Any) -> Iterable[str]:
    """The ids of the records ``record`` refers to (a conflict, to its subject), each once."""
    if isinstance(record, m.Conflict):
        return (record.subject,)
    return dict.fromkeys(target.id for _, target in references(record))


@attrs.frozen
class Indexes:
    """The lookup indexes of a dataset's tables, each built by the first query that needs it."""

    tables: Tables

    films = _name_index(m.Film, "films")
    people = _name_index(m.Person, "people")
    characters = _name_index(m.Character, "characters")
    companies = _name_index(m.Company, "companies")
    locations = _name_index(m.Location, "locations")
    organizations = _name_index(m.Organization, "organizations")
    themes = _name_index(m.Theme, "themes")

    def named(self) -> tuple[NameIndex, ...]:
        """The name index of every table of named records (those with aliases)."""
        specs = table_specs()
        return tuple(
            getattr(self, s.name) for s in specs if "aliases" in attrs.fields_dict(s.record)
        )

    @functools.cached_property
    def jobs(self) -> frozenset[str]:
        """Every job and department a crew credit can be asked for, folded."""
        crew = self.tables.crew
        return frozenset({fold(c.job) for c in crew} | {fold(d.value) for d in Department})

    @functools.cached_property
    def by_id(self) -> Mapping[str, Any]:
        return MappingProxyType({r.id: r for r in self.tables.records()})

    @functools.cached_property
    def referring(self) -> Mapping[str, Mapping[str, tuple[Any, ...]]]:
        """Table name -> a record's id -> the records of that table that refer to it (a film's
        cast, a person's works, a character's relationships, a subject's conflicts), in file
        order or as :data:`_ORDER` sorts them."""
        groups = {}
        for spec in table_specs():
            records = getattr(self.tables, spec.name)
            if spec.name in _ORDER:
                records = sorted(records, key=_ORDER[spec.name])
            groups[spec.name] = _group(records, _referred)
        return MappingProxyType(groups)

    @functools.cached_property
    def search(self) -> SearchIndex:
        from ._search import SearchIndex  # a dataset never searched never imports it

        return SearchIndex(r for r in self.tables.records() if not isinstance(r, m.Conflict))
