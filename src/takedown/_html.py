"""HTML views for Jupyter: the cards of records, of :meth:`takedown.Dataset.card`, of
search hits and of a dataset, registered with IPython's HTML formatter by :func:`register`.

The records and the dataset know nothing of this module: ``import takedown`` registers it
when it runs inside IPython (see docs/architecture.md).  A record's own card shows only its
own fields, so displaying a record never loads or consults a dataset.  Every piece of text
goes through :func:`html.escape`.  Colours follow the notebook's theme (the current text
colour, fainter), so cards read on dark themes too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from . import models as m
from ._card import Card, Row, heading, record_rows, value_text
from ._search import SearchHit
from .dataset import Dataset

__all__ = ["card_html", "dataset_html", "hit_html", "record_html", "register"]

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


def _table(rows: Iterable[tuple[str, str | None]]) -> str:
    cells = "".join(
        f'<tr><th style="{_TH}">{escape(label)}</th><td style="{_TD}">{escape(value)}</td></tr>'
        for label, value in rows
        if value
    )
    return f'<table style="border-collapse:collapse;margin:4px 0">{cells}</table>'


def _card(
    kind: str, title: str, aside: str | None, record_id: str, rows: Sequence[tuple[str, str | None]]
) -> str:
    aside_html = f' <span style="{_ASIDE}">({escape(aside)})</span>' if aside else ""
    return (
        f'<div class="takedown-{escape(kind)}" style="{_BOX}">'
        f'<div style="font-size:1.15em;font-weight:bold">{escape(title)}{aside_html}</div>'
        f'<div style="{_ID}">{escape(kind)} · <code>{escape(record_id)}</code></div>'
        f"{_table(rows)}</div>"
    )


def _cell(value: str | tuple[str, ...] | None) -> str | None:
    return ", ".join(value) if isinstance(value, tuple) else value


def _record_card(record: Any, rows: Iterable[Row]) -> str:
    title, aside = heading(record)
    return _card(record.KIND, title, aside, record.id, [(k, _cell(v)) for k, v in rows])


def record_html(record: Any) -> str:
    """A card of any record: its own fields."""
    return _record_card(record, record_rows(record))


def card_html(card: Card) -> str:
    """A :class:`~takedown._card.Card`: the record's fields and what the dataset says."""
    return _record_card(card.record, card.rows)


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


def register(shell: Any) -> None:
    """Have IPython ``shell`` display records, cards, search hits and datasets as HTML."""
    formatter = shell.display_formatter.formatters["text/html"]
    for name in m.__all__:
        kind = getattr(m, name)
        if isinstance(getattr(kind, "KIND", None), str):
            formatter.for_type(kind, record_html)
    formatter.for_type(Card, card_html)
    formatter.for_type(SearchHit, hit_html)
    formatter.for_type(Dataset, dataset_html)
