"""HTML views for Jupyter: the ``_repr_html_`` of films, people, characters and datasets.

A record's card shows only the record's own fields, so that displaying a record never
loads or consults a dataset.  Every piece of text goes through :func:`html.escape`.
Only the standard library is imported here: the models import this module lazily.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import models as m
    from .dataset import Dataset

__all__ = ["character_html", "dataset_html", "film_html", "person_html"]

Row = tuple[str, str | None]

# Inline styles: notebooks strip <style> blocks in some viewers, and classic Jupyter
# right-aligns table cells unless told otherwise.
_BOX = "font-family:sans-serif;font-size:0.9em;line-height:1.4;max-width:46em"
_TH = (
    "text-align:left;vertical-align:top;padding:1px 12px 1px 0;font-weight:600;color:#555;"
    "white-space:nowrap"
)
_TD = "text-align:left;vertical-align:top;padding:1px 8px 1px 0"
_ID = "color:#777;font-size:0.85em"
_ASIDE = "font-weight:normal;color:#555"
_COUNTS_PER_ROW = 3


def _join(items: Iterable[str]) -> str | None:
    return ", ".join(items) or None


def _day(date: dt.date | None) -> str | None:
    return f"{date.day} {date:%B %Y}" if date else None


def _table(rows: Iterable[Row]) -> str:
    cells = "".join(
        f'<tr><th style="{_TH}">{escape(label)}</th><td style="{_TD}">{escape(value)}</td></tr>'
        for label, value in rows
        if value
    )
    return f'<table style="border-collapse:collapse;margin:4px 0">{cells}</table>'


def _card(kind: str, heading: str, aside: str | None, record_id: str, rows: Sequence[Row]) -> str:
    aside_html = f' <span style="{_ASIDE}">({escape(aside)})</span>' if aside else ""
    return (
        f'<div class="takedown-{escape(kind)}" style="{_BOX}">'
        f'<div style="font-size:1.15em;font-weight:bold">{escape(heading)}{aside_html}</div>'
        f'<div style="{_ID}">{escape(kind)} · <code>{escape(record_id)}</code></div>'
        f"{_table(rows)}</div>"
    )


def _sources(record_sources: Iterable[str]) -> Row:
    return ("sources", _join(sorted(record_sources)))


def film_html(film: m.Film) -> str:
    """A card of a film's own fields: titles, dates, runtime, origin, budget, synopsis."""
    predecessor = film.predecessor
    budget = film.budget
    rows: list[Row] = [
        ("released", _day(film.release_date)),
        ("runtime", f"{film.runtime_minutes} min" if film.runtime_minutes else None),
        ("countries", _join(c.name for c in film.countries)),
        ("languages", _join(lang.name for lang in film.languages)),
        ("genres", _join(film.genres)),
        ("also known as", _join(film.aliases)),
        ("follows", f"{predecessor.title} ({predecessor.year})" if predecessor else None),
        ("budget", f"{budget.amount:,} {budget.currency}" if budget else None),
        ("synopsis", film.synopsis),
        _sources(film.sources),
    ]
    original = f"{film.original_title}, " if film.original_title != film.title else ""
    aside = f"{original}{film.year}"
    return _card("film", film.title, aside, film.id, rows)


def person_html(person: m.Person) -> str:
    """A card of a person's own fields: name, other spellings, description and sources."""
    rows = [
        ("also known as", _join(person.aliases)),
        ("description", person.description),
        _sources(person.sources),
    ]
    return _card("person", person.name, None, person.id, rows)


def character_html(character: m.Character) -> str:
    """A card of a character's own fields: description and the films they appear in."""
    films = sorted(character.films, key=lambda f: f.chronology())
    rows = [
        ("also known as", _join(character.aliases)),
        ("appears in", _join(f"{f.title} ({f.year})" for f in films)),
        ("description", character.description),
        _sources(character.sources),
    ]
    return _card("character", character.name, None, character.id, rows)


def _grid(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f'<th style="{_TH}">{escape(h)}</th>' for h in header)
    body = "".join(
        "<tr>" + "".join(f'<td style="{_TD}">{escape(cell)}</td>' for cell in row) + "</tr>"
        for row in rows
    )
    return (
        f'<table style="border-collapse:collapse;margin:4px 0">'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def dataset_html(ds: Dataset) -> str:
    """The films of a dataset, then every table with its number of records."""
    films = sorted(ds.films, key=lambda f: f.chronology())
    film_rows = [
        (
            f.title,
            f.original_title,
            str(f.year),
            _day(f.release_date) or "",
            f"{f.runtime_minutes} min" if f.runtime_minutes else "",
            f.predecessor.title if f.predecessor else "",
        )
        for f in films
    ]
    counts = list(ds.tables.sizes().items())
    total = sum(count for _, count in counts)
    # Table names and sizes side by side, a few pairs a row, to keep the summary short.
    per_row = _COUNTS_PER_ROW
    count_rows = [
        [cell for name, count in counts[i : i + per_row] for cell in (name, f"{count:,}")]
        for i in range(0, len(counts), per_row)
    ]
    return (
        f'<div class="takedown-dataset" style="{_BOX}">'
        f'<div style="font-size:1.15em;font-weight:bold">takedown dataset</div>'
        f'<div style="{_ID}">{len(films)} films · {len(counts)} tables · {total:,} records</div>'
        + _grid(("film", "original title", "year", "released", "runtime", "follows"), film_rows)
        + _grid(("table", "records") * min(per_row, len(counts)), count_rows)
        + "</div>"
    )
