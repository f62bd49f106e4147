"""HTML views for Jupyter: the ``_repr_html_`` of every record, of search hits and of a
dataset, and the cards of :meth:`takedown.Dataset.card`.

A record's own card shows only the record's own fields, so that displaying a record never
loads or consults a dataset; :meth:`~takedown.Dataset.card` adds what a dataset says about
it (a film's director, cast and ratings; a person's roles; who played a character).  Every
piece of text goes through :func:`html.escape`.  Colours follow the notebook's theme (the
current text colour, fainter), so cards read on dark themes too.

Only the standard library is imported here: the models import this module lazily.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from ._text import fold, unnamed_note

if TYPE_CHECKING:
    from ._search import SearchHit
    from .dataset import Dataset

__all__ = [
    "card_html",
    "dataset_html",
    "directors",
    "heading",
    "hit_html",
    "record_html",
    "record_rows",
    "value_text",
]

Row = tuple[str, str | None]

# Inline styles: notebooks strip <style> blocks in some viewers, and classic Jupyter
# right-aligns table cells unless told otherwise.  No fixed colours: faint text is the
# theme's own colour at a lower opacity.
_BOX = "font-family:sans-serif;font-size:0.9em;line-height:1.4;max-width:46em"
_TH = (
    "text-align:left;vertical-align:top;padding:1px 12px 1px 0;font-weight:600;"
    "color:inherit;opacity:0.75;white-space:nowrap"
)
_TD = "text-align:left;vertical-align:top;padding:1px 8px 1px 0"
_ID = "color:inherit;opacity:0.65;font-size:0.85em"
_ASIDE = "font-weight:normal;color:inherit;opacity:0.75"
_COUNTS_PER_ROW = 3

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


def _join(items: Iterable[str]) -> str | None:
    return ", ".join(items) or None


def value_text(value: Any) -> str | None:
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
        if items and hasattr(items[0], "year") and hasattr(items[0], "title"):
            items = sorted(items, key=lambda film: film.chronology())  # films: oldest first
        return _join(t for t in map(value_text, items) if t)
    if hasattr(value, "describe"):  # a partial date
        return str(value.describe())
    if hasattr(value, "amount") and hasattr(value, "currency"):
        return f"{value.amount:,} {value.currency}"
    if hasattr(value, "year") and hasattr(value, "title"):  # a film
        return f"{value.title} ({value.year})"
    if hasattr(value, "preferred"):  # a claim
        mark = " (preferred)" if value.preferred else ""
        return f"{value.text}{mark} [{', '.join(sorted(value.sources))}]"
    if hasattr(value, "scale"):  # a critic's score
        return f"{value.value:g}/{value.scale:g}"
    if hasattr(value, "within"):  # a chart placing
        place = f"#{value.rank}" if value.rank else f"top {value.within}"
        where = ", ".join(x for x in (value.chart, getattr(value.country, "name", None)) if x)
        weeks = f", {'at least ' if value.weeks_is_minimum else ''}{value.weeks} weeks"
        return f"{place}{f' ({where})' if where else ''}{weeks if value.weeks else ''}"
    name = getattr(value, "name", None)
    if isinstance(name, str):  # a record, a country, a language
        return name
    return str(value)


def record_rows(record: Any) -> list[Row]:
    """A record's own fields as (label, text) rows, those with nothing to show as None.

    A name the project wrote for someone unnamed says so; a value no source states, or one
    that is a reading of its sources, says that after the value.
    """
    import attrs

    note = unnamed_note(record)
    rows: list[Row] = [("name", note)] if note else []
    citations = getattr(record, "citations", None)
    for field in attrs.fields(type(record)):
        if field.name in _UNSHOWN:
            continue
        label = _LABELS.get(field.name, field.name.replace("_", " "))
        value = getattr(record, field.name)
        if field.name == "runtime_minutes" and value:
            text: str | None = f"{value} min"
        else:
            text = value_text(value)
        if text and citations is not None and field.name != "sources":
            text += qualifier(record, field.name)
        rows.append((label, text))
    return rows


def qualifier(record: Any, field: str) -> str:
    """What the citations of a record's field add to its value: that no source states it,
    or why it is a reading (``" [presumably: ...]"``); empty for a plain statement."""
    cited = [c for c in getattr(record, "citations", ()) if c.field == field]
    if not cited:
        return " [stated by no source]"
    return "".join(
        f" [{c.circumstance.value}: {c.reason}]" for c in cited if c.circumstance is not None
    )


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


def heading(record: Any) -> tuple[str, str | None]:
    """A record's heading (its name or title, else its id) and an aside."""
    title = getattr(record, "title", None) or getattr(record, "name", None)
    if hasattr(record, "original_title"):  # a film
        original = f"{record.original_title}, " if record.original_title != record.title else ""
        return record.title, f"{original}{record.year}"
    return (title or record.id), ("unnamed in the sources" if unnamed_note(record) else None)


def record_html(record: Any, extra: Sequence[Row] = ()) -> str:
    """A card of any record: its own fields, then ``extra`` rows (what a dataset adds)."""
    title, aside = heading(record)
    rows = record_rows(record)
    sources = next((i for i, (label, _) in enumerate(rows) if label == "sources"), len(rows))
    rows[sources:sources] = list(extra)  # the dataset's facts before the sources
    return _card(type(record).KIND, title, aside, record.id, rows)


def directors(ds: Dataset, film: Any) -> list[Any]:
    """The people credited as ``film``'s director, if any: a dataset may credit no one as
    director at all, where ``ds.crew(film, job="director")`` refuses the unknown job."""
    return [c.person for c in ds.crew(film) if fold(c.job) == "director"]


def card_html(ds: Dataset, record: Any) -> str:
    """A record's card with what ``ds`` says about it: a film's director, cast and ratings,
    a person's roles, who played a character and how they stand to others."""
    extra: list[Row] = []
    kind = type(record).KIND
    if kind == "film":
        ratings = ds.ratings(record)
        extra += [
            ("directed by", _join(p.name for p in directors(ds, record))),
            ("written by", _join(c.person.name for c in ds.crew(record, job="writing"))),
            ("cast", _join(_credit(c) for c in ds.cast(record))),
            (
                "ratings",
                _join(f"{r.aggregator or 'unnamed'} {r.metric} {r.value:g}" for r in ratings),
            ),
            ("themes", _join(t.name for t in ds.themes(record))),
        ]
        sequel = ds.sequel(record)
        extra.append(("followed by", f"{sequel.title} ({sequel.year})" if sequel else None))
    elif kind == "person":
        extra += [
            ("roles", _join(f"{c.name} in {f.title} ({f.year})" for f, c in ds.roles(record))),
            ("other works", _join(w.title for w in ds.works(record))),
            ("awards", _join(a.name for a in ds.awards(record))),
        ]
    elif kind in ("character", "organization"):
        if kind == "character":
            played = (f"{c.person.name} ({c.film.year})" for c in ds.played_by(record))
            extra.append(("played by", _join(played)))
        relations = (
            f"{r.character.name} {r.kind.value} {r.target.name} ({r.film.year})"
            for r in ds.relations(record)
        )
        extra.append(("relationships", _join(relations)))
    return record_html(record, extra)


def _credit(credit: Any) -> str:
    character = f" as {credit.character.name}" if credit.character else ""
    return f"{credit.person.name}{character}"


def hit_html(hit: SearchHit) -> str:
    """A search hit: the record's name and kind, and the matched text if it differs."""
    title, _ = heading(hit.record)
    rows = [("matched", hit.where), ("score", f"{hit.score:.2f}")]
    return _card(hit.kind, title, None, hit.record.id, rows)


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
            value_text(f.release_date) or "",
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
    version = f" · data {ds.version.data}" if ds.version else ""
    return (
        f'<div class="takedown-dataset" style="{_BOX}">'
        f'<div style="font-size:1.15em;font-weight:bold">takedown dataset</div>'
        f'<div style="{_ID}">{len(films)} films · {len(counts)} tables · {total:,} records'
        f"{escape(version)}</div>"
        + _grid(("film", "original title", "year", "released", "runtime", "follows"), film_rows)
        + _grid(("table", "records") * min(per_row, len(counts)), count_rows)
        + "</div>"
    )
