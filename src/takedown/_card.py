"""A record's card as (label, text) rows, laid out by the text, HTML and command-line views.

Only the record's own fields are here (:meth:`takedown.Dataset.card` adds the dataset's); a
field that no source states, or that is a reading of its sources, says so after its value."""

from __future__ import annotations

import datetime as dt
import enum
import textwrap
from typing import Any

import attrs

from . import models as m
from ._text import unnamed_note

__all__ = ["WIDTH", "Card", "Row", "credit", "heading", "record_rows", "runtime", "wrap"]

#: A row of a card: a label and its text, or lines shown one per line, or None (nothing).
Row = tuple[str, str | tuple[str, ...] | None]

#: The width plain text wraps to when none is given.
WIDTH = 80

#: Labels kinder than a field's name; any other field is labelled by its name.
_LABELS = {
    "aliases": "also known as",
    "release_date": "released",
    "runtime_minutes": "runtime",
    "predecessor": "follows",
    "films": "appears in",
    "stands_in_for": "stands in for",
}
#: Fields a card leaves out: the heading shows the name and the id line the id.
_UNSHOWN = frozenset({"id", "name", "title", "citations", "unnamed"})


def value_text(value: object) -> str | None:
    """A field's value as a reader would write it, or None for nothing to show."""
    if value is None or value == () or value == frozenset():
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, int):
        return f"{value:,}" if value >= 10_000 else str(value)
    if isinstance(value, (tuple, frozenset)):
        items = value if isinstance(value, tuple) else sorted(value)
        if items and isinstance(items[0], m.Film):
            items = sorted(items, key=m.Film.chronology)
        return ", ".join(t for t in map(value_text, items) if t) or None
    if isinstance(value, m.PartialDate):
        return value.describe()
    if isinstance(value, m.Money):
        return f"{value.amount:,} {value.currency}"
    if isinstance(value, m.Film):
        return f"{value.title} ({value.year})"
    if isinstance(value, m.Claim):
        mark = " (preferred)" if value.preferred else ""
        return f"{value.text}{mark} [{', '.join(sorted(value.sources))}]"
    if isinstance(value, m.Score):
        return f"{value.value:g}/{value.scale:g}"
    if isinstance(value, m.ChartPeak):
        place = f"#{value.rank}" if value.rank else f"top {value.within}"
        where = ", ".join(x for x in (value.chart, value.country and value.country.name) if x)
        weeks = f", {'at least ' if value.weeks_is_minimum else ''}{value.weeks} weeks"
        return f"{place}{f' ({where})' if where else ''}{weeks if value.weeks else ''}"
    name = getattr(value, "name", None)
    if isinstance(name, str):  # a record, a country, a language
        return name
    return str(value)


def qualifier(record: object, field: str) -> str:
    """What the citations of a record's field add to its value: that no source states it,
    or why it is a reading (``" [presumably: ...]"``); empty for a plain statement."""
    cited = [c for c in getattr(record, "citations", ()) if c.field == field]
    if not cited:
        return " [stated by no source]"
    return "".join(
        f" [{c.circumstance.value}: {c.reason}]" for c in cited if c.circumstance is not None
    )


def record_rows(record: Any) -> list[Row]:
    """A record's own fields as rows, those with nothing to show as None."""
    note = unnamed_note(record)
    rows: list[Row] = [("name", note)] if note else []
    cites = hasattr(record, "citations")
    for field in attrs.fields(type(record)):
        if field.name in _UNSHOWN:
            continue
        value = getattr(record, field.name)
        text = runtime(record) if field.name == "runtime_minutes" else value_text(value)
        if text and cites and field.name != "sources":
            text += qualifier(record, field.name)
        rows.append((_LABELS.get(field.name, field.name.replace("_", " ")), text))
    return rows


def heading(record: object) -> tuple[str, str | None]:
    """A record's heading (its name or title, else its id) and an aside."""
    if isinstance(record, m.Film):
        original = f"{record.original_title}, " if record.original_title != record.title else ""
        return record.title, f"{original}{record.year}"
    title = getattr(record, "title", None) or getattr(record, "name", None)
    aside = "unnamed in the sources" if unnamed_note(record) else None
    return (title or str(getattr(record, "id", record))), aside


def runtime(film: m.Film) -> str | None:
    """A film's runtime, ``"114 min"``, or None if unknown."""
    return f"{film.runtime_minutes} min" if film.runtime_minutes else None


def credit(cast: m.CastCredit) -> str:
    """A cast credit as billed: ``"Omar Sy as Ousmane Diakité"``."""
    return f"{cast.person.name} as {cast.character.name}" if cast.character else cast.person.name


def wrap(text: str, width: int, indent: str = "  ", hang: str = "    ") -> list[str]:
    """``text`` wrapped at ``width``: the first line indented by ``indent``, the rest ``hang``."""
    return textwrap.wrap(
        text,
        width=max(width, 20),
        initial_indent=indent,
        subsequent_indent=hang,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


@attrs.frozen
class Card:
    """A record with what a dataset says about it, as rows: printed as text, displayed by
    Jupyter as an HTML card.  Made by :meth:`takedown.Dataset.card`."""

    record: object = attrs.field(repr=lambda r: repr(getattr(r, "id", r)))
    #: The record's own fields, with the dataset's facts before its sources.
    rows: tuple[Row, ...] = attrs.field(repr=False)

    def text(self, width: int = WIDTH) -> str:
        """The card as plain text wrapped at ``width`` columns, one fact per line."""
        title, aside = heading(self.record)
        if isinstance(self.record, m.Film):
            title, aside = f"{title} ({self.record.original_title}), {self.record.year}", None
        lines = [f"{title} ({aside})" if aside else title]
        lines.append(f"  {getattr(self.record, 'KIND', '')} {getattr(self.record, 'id', '')}")
        for label, value in self.rows:
            if isinstance(value, tuple):
                lines.append(f"  {label}:")
                for line in value:
                    lines += wrap(line, width, indent="    ", hang="      ")
            elif value:
                lines += wrap(f"{label}: {value}", width)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.text()
