"""Figures drawn from the dataset with matplotlib (the ``plot`` extra), imported only when drawing.

>>> fig = timeline()  # doctest: +SKIP
>>> fig.savefig("timeline.png")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from .enums import EventKind, ReleaseKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from . import models as m
    from .dataset import Dataset

__all__ = ["TimelineEvent", "relationship_graph", "timeline", "timeline_events"]

#: Events further apart than this go in separate panels, so that a decade between the
#: films does not squeeze each film's months into a dot.
GAP = dt.timedelta(days=365)

_WHAT = {
    EventKind.ANNOUNCEMENT: "announced",
    EventKind.PRINCIPAL_PHOTOGRAPHY_START: "shooting starts",
    EventKind.PRINCIPAL_PHOTOGRAPHY_END: "shooting ends",
    EventKind.TEASER: "teaser",
    EventKind.TRAILER: "trailer",
    EventKind.RELEASE: "released",
}
_COLOURS = {
    EventKind.ANNOUNCEMENT: "#7570b3",
    EventKind.PRINCIPAL_PHOTOGRAPHY_START: "#d95f02",
    EventKind.PRINCIPAL_PHOTOGRAPHY_END: "#d95f02",
    EventKind.TEASER: "#1b9e77",
    EventKind.TRAILER: "#1b9e77",
    EventKind.RELEASE: "#e7298a",
}


@attrs.frozen
class TimelineEvent:
    """One point of the timeline: a film's dated step and how it is labelled.

    ``date`` is the first day the event can have happened on and ``latest`` the last,
    equal unless the sources give only the month or the year.
    """

    id: str
    film: m.Film
    kind: EventKind
    date: dt.date
    latest: dt.date
    label: str


def _release_detail(releases: Sequence[m.Release]) -> str:
    parts = []
    for release in releases:
        if release.kind is ReleaseKind.STREAMING:
            where = f"on {release.distributor.name}" if release.distributor else "for streaming"
        else:
            where = "in cinemas"
        parts.append(where)
    return "; ".join(parts)


def timeline_events(ds: Dataset | None = None) -> tuple[TimelineEvent, ...]:
    """The production and release events of every film, oldest film first, then by date.

    A release event says how the film came out (``"released on Netflix"``) when
    the dataset has a release on that day.
    """
    if ds is None:
        from . import load

        ds = load()
    found = []
    for film in sorted(ds.films, key=lambda f: f.chronology()):
        releases = ds.releases(film)
        for event in ds.events(film):
            label = _WHAT[event.kind]
            if event.kind is EventKind.RELEASE:
                detail = _release_detail([r for r in releases if r.date == event.date.first_day])
                label = f"{label} {detail}" if detail else label
            found.append(
                TimelineEvent(
                    id=event.id,
                    film=film,
                    kind=event.kind,
                    date=event.date.first_day,
                    latest=event.date.last_day,
                    label=f"{label}\n{event.date.describe(abbreviate=True)}",
                )
            )
    return tuple(found)


def _spans(events: Sequence[TimelineEvent]) -> list[tuple[dt.date, dt.date]]:
    """The stretches of time with events in them, split where nothing happens for a year."""
    spans: list[tuple[dt.date, dt.date]] = []
    for event in sorted(events, key=lambda e: e.date):
        if spans and event.date - spans[-1][1] <= GAP:
            spans[-1] = (spans[-1][0], max(spans[-1][1], event.latest))
        else:
            spans.append((event.date, event.latest))
    return spans


#: Label positions, tried in turn: points above (+) or below (-) the film's line.
_LEVELS = (14, -14, 40, -40)
#: How close two labels may be, as a share of the figure's width, before one moves.
_LABEL_WIDTH = 0.11


def _levels(events: Sequence[TimelineEvent], to_share: Callable[[dt.date], float]) -> list[int]:
    """An offset for each label (events in date order) so that no two neighbours collide."""
    placed: list[tuple[str, float, int]] = []
    chosen = []
    for event in events:
        x = to_share(event.date)
        taken = {
            level
            for film, other, level in placed
            if film == event.film.id and abs(x - other) < _LABEL_WIDTH
        }
        level = next((lv for lv in _LEVELS if lv not in taken), _LEVELS[0])
        placed.append((event.film.id, x, level))
        chosen.append(level)
    return chosen


def _draw_panel(
    ax: Axes,
    events: Sequence[TimelineEvent],
    rows: dict[str, int],
    span: tuple[dt.date, dt.date],
    share: float,
) -> None:
    """Draw the events within ``span`` on ``ax``, which takes ``share`` of the figure's width."""
    # matplotlib.dates has no type hints; the module is used as Any.
    mdates: Any = importlib.import_module("matplotlib.dates")

    margin = max(dt.timedelta(days=40), (span[1] - span[0]) / 7)
    low, high = span[0] - margin, span[1] + margin
    ax.set_xlim(mdates.date2num(low), mdates.date2num(high))
    for row in rows.values():
        ax.axhline(row, color="#bbbbbb", linewidth=1, zorder=0)
    shown = sorted((e for e in events if span[0] <= e.date <= span[1]), key=lambda e: e.date)
    levels = _levels(shown, lambda day: share * (day - low).days / (high - low).days)
    for event, level in zip(shown, levels, strict=True):
        y = rows[event.film.id]
        start, end = mdates.date2num(event.date), mdates.date2num(event.latest)
        colour = _COLOURS[event.kind]
        if end > start:  # known to the month or year only: show the whole stretch
            ax.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.35, zorder=1)
        ax.scatter([start], [y], s=60, color=colour, zorder=2, gid=event.id)
        ax.annotate(
            event.label,
            xy=(start, y),
            xytext=(0, level),
            textcoords="offset points",
            ha="center",
            va="bottom" if level > 0 else "top",
            fontsize=8,
            gid=f"{event.id}:label",
        )
    # A few ticks on a wide panel, one on a narrow one.
    locator = mdates.AutoDateLocator(
        minticks=max(1, round(4 * share)), maxticks=max(2, round(7 * share))
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def _mark_break(left: Axes, right: Axes) -> None:
    """The usual // on the time axis where years without events are cut out."""
    for ax, x in ((left, 1.0), (right, 0.0)):
        ax.plot(
            [x - 0.012, x + 0.012],
            [-0.03, 0.03],
            transform=ax.transAxes,
            color="#555555",
            linewidth=1,
            clip_on=False,
        )


def timeline(ds: Dataset | None = None) -> Figure:
    """The production and release timeline of every film, one row per film.

    Years with nothing in them are cut out (the axis breaks between panels).  Each event is a
    point whose ``gid`` is its record id; a date known only to the month is drawn as a bar
    over that month.  Needs matplotlib: ``pip install 'takedown-film[plot]'``.
    """
    from ._optional import require

    require("matplotlib", "plot", "takedown.plotting.timeline")
    from matplotlib.figure import Figure

    events = timeline_events(ds)
    films = list(dict.fromkeys(e.film for e in events))
    # Oldest film on top.
    rows = {film.id: len(films) - 1 - i for i, film in enumerate(films)}
    spans = _spans(events)
    widths = [max((end - start).days, 120) for start, end in spans] or [1]
    fig = Figure(figsize=(10, 1.4 + 1.1 * len(films)), layout="constrained")
    axes = fig.subplots(1, len(widths), sharey=True, width_ratios=widths, squeeze=False)[0]
    for ax, span, width in zip(axes, spans, widths, strict=False):
        _draw_panel(ax, events, rows, span, share=width / sum(widths))
    for left, right in itertools.pairwise(axes):
        _mark_break(left, right)
    first = axes[0]
    first.set_ylim(-0.8, len(films) - 0.2)
    first.set_yticks(
        list(rows.values()), [f"{film.title}\n({film.year})" for film in films], fontsize=9
    )
    first.tick_params(axis="y", length=0)
    for ax in axes[1:]:
        ax.tick_params(axis="y", left=False)
    fig.suptitle("Making and releasing the films", fontsize=11)
    return fig


def relationship_graph(film: m.Film | str, ds: Dataset | None = None) -> Figure:
    """The relationships that hold in ``film``: characters and organisations as nodes on a
    circle, each relationship an arrow from the character to the other end, labelled with
    its kind (a line with no head where the kind reads both ways).

    Characters are dark dots, organisations light squares; each node's ``gid`` is its
    record id.  Needs matplotlib: ``pip install 'takedown-film[plot]'``.
    """
    import math

    from ._optional import require

    require("matplotlib", "plot", "takedown.plotting.relationship_graph")
    from matplotlib.figure import Figure

    if ds is None:
        from . import load

        ds = load()
    chosen = ds.film(film)
    relationships = [r for r in ds.relationships if r.film == chosen]
    ends = list(dict.fromkeys(e for r in relationships for e in (r.character, r.target)))
    angle = {e.id: 2 * math.pi * i / max(len(ends), 1) for i, e in enumerate(ends)}
    where = {key: (math.cos(a), math.sin(a)) for key, a in angle.items()}
    fig = Figure(figsize=(10, 10), layout="constrained")
    ax = fig.subplots()
    for r in relationships:
        (x1, y1), (x2, y2) = where[r.character.id], where[r.target.id]
        style = "-" if r.symmetric else "-|>"
        ax.annotate(
            "",
            xy=(x2, y2),
            xytext=(x1, y1),
            arrowprops={"arrowstyle": style, "color": "0.55", "shrinkA": 8, "shrinkB": 8},
        )
        ax.text(
            (x1 + x2) / 2,
            (y1 + y2) / 2,
            r.kind.value.replace("-", " "),
            fontsize=7,
            ha="center",
            va="center",
            color="0.3",
        )
    for end in ends:
        x, y = where[end.id]
        organisation = type(end).KIND == "organization"
        ax.scatter(
            [x],
            [y],
            s=90,
            marker="s" if organisation else "o",
            color="#9ecae1" if organisation else "#08519c",
            zorder=3,
            gid=end.id,
        )
        ax.text(1.12 * x, 1.12 * y, end.name, fontsize=8, ha="center", va="center")
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.35, 1.35)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"Relationships in {chosen.title} ({chosen.year})", fontsize=11)
    return fig
