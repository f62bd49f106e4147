"""HTML views for Jupyter of records, :class:`~takedown._card.Card`, search hits and datasets,
registered with IPython by :func:`register` (``import takedown`` does, inside IPython).

A record's card shows only its own fields: displaying a record never loads a dataset.  Every
text is escaped; faint text is the theme's own colour, so cards read on dark themes too."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from . import models as m
from ._card import Card, Row, heading, record_rows, runtime, value_text
from ._search import SearchHit
from .dataset import Dataset

__all__ = ["card_html", "dataset_html", "hit_html", "record_html", "register"]

# Inline styles: some viewers strip <style> blocks; classic Jupyter right-aligns table cells.
_BOX = "font-family:sans-serif;font-size:0.9em;line-height:1.4;max-width:46em"
_TH = (
    "text-align:left;vertical-align:top;padding:1px 12px 1px 0;font-weight:600;"
    "color:inherit;opacity:0.75;white-space:nowrap"
)
_TD = "text-align:left;vertical-align:top;padding:1px 8px 1px 0"
_ID = "color:inherit;opacity:0.65;font-size:0.85em"
_ASIDE = "font-weight:normal;color:inherit;opacity:0.75"


def _cells(tag: str, style: str, texts: Iterable[str]) -> str:
    return "".join(f'<{tag} style="{style}">{escape(text)}</{tag}>' for text in texts)


def _table(inner: str) -> str:
    return f'<table style="border-collapse:collapse;margin:4px 0">{inner}</table>'


def _box(kind: str, title: str, subtitle: str, body: str) -> str:
    """A card's frame; ``title`` and ``subtitle`` are markup, already escaped."""
    return (
        f'<div class="takedown-{escape(kind)}" style="{_BOX}">'
        f'<div style="font-size:1.15em;font-weight:bold">{title}</div>'
        f'<div style="{_ID}">{subtitle}</div>{body}</div>'
    )


def _card(kind: str, title: str, aside: str | None, record_id: str, rows: Iterable[Row]) -> str:
    aside_html = f' <span style="{_ASIDE}">({escape(aside)})</span>' if aside else ""
    body = ""
    for label, value in rows:
        if value:
            text = value if isinstance(value, str) else ", ".join(value)
            body += f"<tr>{_cells('th', _TH, [label])}{_cells('td', _TD, [text])}</tr>"
    subtitle = f"{escape(kind)} · <code>{escape(record_id)}</code>"
    return _box(kind, escape(title) + aside_html, subtitle, _table(body))


def record_html(record: Any, rows: Iterable[Row] | None = None) -> str:
    """A card of any record: its own fields, or ``rows``."""
    rows = record_rows(record) if rows is None else rows
    return _card(record.KIND, *heading(record), record.id, rows)


def card_html(card: Card) -> str:
    """A :class:`~takedown._card.Card`: the record's fields and what the dataset says."""
    return record_html(card.record, card.rows)


def hit_html(hit: SearchHit) -> str:
    """A search hit: the record's name and kind, and the matched text if it differs."""
    title, _ = heading(hit.record)
    rows = [("matched", hit.where), ("score", f"{hit.score:.2f}")]
    return _card(hit.kind, title, None, hit.record.id, rows)


def _grid(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    body = "".join(f"<tr>{_cells('td', _TD, row)}</tr>" for row in rows)
    return _table(f"<thead><tr>{_cells('th', _TH, header)}</tr></thead><tbody>{body}</tbody>")


def dataset_html(ds: Dataset) -> str:
    """The films of a dataset, then every table with its number of records."""
    films = sorted(ds.films, key=lambda f: f.chronology())
    film_rows = [
        (
            f.title,
            f.original_title,
            str(f.year),
            value_text(f.release_date) or "",
            runtime(f) or "",
            f.predecessor.title if f.predecessor else "",
        )
        for f in films
    ]
    counts = list(ds.tables.sizes().items())
    total = sum(count for _, count in counts)
    per_row = 3  # (table, size) pairs side by side, to keep the summary short
    count_rows = [
        [cell for name, count in counts[i : i + per_row] for cell in (name, f"{count:,}")]
        for i in range(0, len(counts), per_row)
    ]
    version = f" · data {ds.version.data}" if ds.version else ""
    subtitle = f"{len(films)} films · {len(counts)} tables · {total:,} records{version}"
    return _box(
        "dataset",
        "takedown dataset",
        escape(subtitle),
        _grid(("film", "original title", "year", "released", "runtime", "follows"), film_rows)
        + _grid(("table", "records") * min(per_row, len(counts)), count_rows),
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
