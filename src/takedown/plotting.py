"""Figures drawn from the dataset with matplotlib (the ``plot`` extra), imported only when drawing.

>>> fig = timeline()  # doctest: +SKIP
>>> fig.savefig("timeline.png")  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import importlib
import itertools
import math
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

_XY = tuple[float, float]

#: Text drawn from the data is shown as written ("$5 Bail$"), never read as mathtext or TeX.
_LITERAL: dict[str, Any] = {"parse_math": False, "usetex": False}

#: Events further apart than this go in separate panels: a decade between the films would
#: squeeze each film's months into a dot.
GAP = dt.timedelta(days=365)

#: Each kind of event's label and colour.
_STYLE = {
    EventKind.ANNOUNCEMENT: ("announced", "#7570b3"),
    EventKind.PRINCIPAL_PHOTOGRAPHY_START: ("shooting starts", "#d95f02"),
    EventKind.PRINCIPAL_PHOTOGRAPHY_END: ("shooting ends", "#d95f02"),
    EventKind.TEASER: ("teaser", "#1b9e77"),
    EventKind.TRAILER: ("trailer", "#1b9e77"),
    EventKind.RELEASE: ("released", "#e7298a"),
}


@attrs.frozen
class TimelineEvent:
    """A film's dated step and its label; ``date`` to ``latest``: the days it may have happened."""

    id: str
    film: m.Film
    kind: EventKind
    date: dt.date
    latest: dt.date
    label: str


def _release_detail(release: m.Release) -> str:
    if release.kind is not ReleaseKind.STREAMING:
        return "in cinemas"
    return f"on {release.distributor.name}" if release.distributor else "for streaming"


def timeline_events(ds: Dataset | None = None) -> tuple[TimelineEvent, ...]:
    """The production and release events of every film, oldest film first, then by date;
    a release says how the film came out (``"released on Netflix"``) if the dataset knows."""
    ds = _dataset(ds)
    found = []
    for film in sorted(ds.films, key=lambda f: f.chronology()):
        releases = ds.releases(film)
        for event in ds.events(film):
            label = _STYLE[event.kind][0]
            if event.kind is EventKind.RELEASE:
                on_the_day = (r for r in releases if r.date == event.date.first_day)
                label = f"{label} {'; '.join(map(_release_detail, on_the_day))}".rstrip()
            when = event.date
            label = f"{label}\n{when.describe(abbreviate=True)}"
            found.append(
                TimelineEvent(event.id, film, event.kind, when.first_day, when.last_day, label)
            )
    return tuple(found)


def _dataset(ds: object) -> Dataset:
    """``ds``, or the packaged dataset for None; anything else is a TypeError."""
    from . import load
    from .dataset import expect_dataset

    return load() if ds is None else expect_dataset(ds)


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
    for event in events:
        x = to_share(event.date)
        taken = {
            level
            for film, other, level in placed
            if film == event.film.id and abs(x - other) < _LABEL_WIDTH
        }
        level = next((lv for lv in _LEVELS if lv not in taken), _LEVELS[0])
        placed.append((event.film.id, x, level))
    return [level for _, _, level in placed]


def _mark(ax: Axes, xy: _XY, gid: str, label: str, offset: _XY, **point: Any) -> None:
    """A point at ``xy`` with its ``gid``, and its label ``offset`` points away, on its far side."""
    ax.scatter([xy[0]], [xy[1]], gid=gid, **point)
    ax.annotate(
        label,
        xy=xy,
        xytext=offset,
        textcoords="offset points",
        ha="left" if offset[0] > 3 else "right" if offset[0] < -3 else "center",
        va="bottom" if offset[1] > 3 else "top" if offset[1] < -3 else "center",
        fontsize=8,
        gid=f"{gid}:label",
        **_LITERAL,
    )


def _draw_panel(
    ax: Axes,
    events: Sequence[TimelineEvent],
    rows: dict[str, int],
    span: tuple[dt.date, dt.date],
    share: float,
) -> None:
    """Draw the events within ``span`` on ``ax``, which takes ``share`` of the figure's width."""
    mdates: Any = importlib.import_module("matplotlib.dates")  # untyped

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
        colour = _STYLE[event.kind][1]
        if end > start:  # known to the month or year only: show the whole stretch
            ax.plot([start, end], [y, y], color=colour, linewidth=6, alpha=0.35, zorder=1)
        _mark(ax, (start, y), event.id, event.label, (0, level), s=60, color=colour, zorder=2)
    # A few ticks on a wide panel, one on a narrow one.
    locator = mdates.AutoDateLocator(
        minticks=max(1, round(4 * share)), maxticks=max(2, round(7 * share))
    )
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
    ax.tick_params(axis="x", labelsize=8)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)


def timeline(ds: Dataset | None = None) -> Figure:
    """The production and release timeline, one row per film, with the empty years cut out.

    Each event is a point whose ``gid`` is its record id, with a bar over the month if known
    only to the month.  Needs matplotlib: ``pip install 'takedown-film[plot]'``."""
    from ._optional import require

    require("matplotlib", "plot", "takedown.plotting.timeline")
    from matplotlib.figure import Figure

    events = timeline_events(ds)
    films = list(dict.fromkeys(e.film for e in events))  # the oldest on top
    rows = {film.id: len(films) - 1 - i for i, film in enumerate(films)}
    spans = _spans(events)
    widths = [max((end - start).days, 120) for start, end in spans] or [1]
    fig = Figure(figsize=(10, 1.4 + 1.1 * len(films)), layout="constrained")
    axes = fig.subplots(1, len(widths), sharey=True, width_ratios=widths, squeeze=False)[0]
    for ax, span, width in zip(axes, spans, widths, strict=False):
        _draw_panel(ax, events, rows, span, share=width / sum(widths))
    for left, right in itertools.pairwise(axes):  # the usual // where empty years are cut out
        for ax, x in ((left, 1.0), (right, 0.0)):
            ax.plot(
                [x - 0.012, x + 0.012],
                [-0.03, 0.03],
                transform=ax.transAxes,
                color="#555555",
                linewidth=1,
                clip_on=False,
            )
    first = axes[0]
    first.set_ylim(-0.8, len(films) - 0.2)
    labels = [f"{film.title}\n({film.year})" for film in films]
    first.set_yticks(list(rows.values()), labels, fontsize=9, **_LITERAL)
    first.tick_params(axis="y", length=0)
    for ax in axes[1:]:
        ax.tick_params(axis="y", left=False)
    fig.suptitle("Making and releasing the films", fontsize=11)
    return fig


#: How far apart arrows between the same two ends pass at their middle (nodes: the unit circle).
_PARALLEL_GAP = 0.1
#: The graph's size in inches, its data units per point (the axes span 3.1 units), and a
#: 7-point label's character width and line height in points.
_GRAPH_INCHES = 12
_UNIT = 3.1 / (_GRAPH_INCHES * 72 * 0.96)
_CHAR, _LINE = 4.2, 9.0
#: Where along its arrow a label may go (0 is the character's end), tried in turn.
_ALONG = (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8)


def _label_points(x: float, y: float, degrees: float, text: str) -> list[_XY]:
    """Points along a label's baseline, a line's height apart: what it covers."""
    half = len(text) * _CHAR * _UNIT / 2
    steps = max(1, round(2 * half / (_LINE * _UNIT)))
    cos, sin = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return [
        (x + t * cos, y + t * sin) for t in (-half + 2 * half * k / steps for k in range(steps + 1))
    ]


def _edge_labels(
    relationships: Sequence[m.Relationship], where: dict[str, _XY]
) -> list[tuple[float, float, float, float]]:
    """Each relationship's label place (x, y), upright angle in degrees and ``arc3`` ``rad``.

    Arrows between the same two ends bend apart; a label takes the first place along its arrow
    touching no node or earlier label, else the one touching fewest."""
    pairs: dict[tuple[str, str], list[int]] = {}
    for i, r in enumerate(relationships):
        key = (r.character.id, r.target.id)
        pairs.setdefault((min(key), max(key)), []).append(i)
    rads = [0.0] * len(relationships)
    for (a, b), members in pairs.items():
        length = math.dist(where[a], where[b]) or 1.0
        for k, i in enumerate(members):
            # arc3 puts the curve's middle rad / 2 chords from the chord's, turned clockwise.
            rad = 2 * (k - (len(members) - 1) / 2) * _PARALLEL_GAP / length
            rads[i] = rad if relationships[i].character.id == a else -rad
    taken = list(where.values())
    placed = []
    for r, rad in zip(relationships, rads, strict=True):
        (xa, ya), (xb, yb) = where[r.character.id], where[r.target.id]
        cx, cy = (xa + xb) / 2 + rad * (yb - ya), (ya + yb) / 2 - rad * (xb - xa)
        candidates = []
        for t in _ALONG:  # a point on the quadratic Bézier curve, and its tangent's angle
            x = (1 - t) ** 2 * xa + 2 * (1 - t) * t * cx + t**2 * xb
            y = (1 - t) ** 2 * ya + 2 * (1 - t) * t * cy + t**2 * yb
            tx, ty = (1 - t) * (cx - xa) + t * (xb - cx), (1 - t) * (cy - ya) + t * (yb - cy)
            degrees = math.degrees(math.atan2(ty, tx))
            degrees += 180 if degrees <= -90 else -180 if degrees > 90 else 0
            points = _label_points(x, y, degrees, r.kind.value)
            touching = sum(math.dist(p, q) <= _LINE * _UNIT for p in points for q in taken)
            candidates.append((touching, x, y, degrees, points))
            if not touching:
                break
        _, x, y, degrees, points = min(candidates, key=lambda c: c[0])
        taken.extend(points)
        placed.append((x, y, degrees, rad))
    return placed


def relationship_graph(film: m.Film | str, ds: Dataset | None = None) -> Figure:
    """The relationships that hold in ``film``: characters (dark dots) and organisations (light
    squares) on a circle, each relationship an arrow from the character labelled with its
    kind (no head where it reads both ways).  Each node's ``gid`` is its record id.  Needs
    matplotlib: ``pip install 'takedown-film[plot]'``."""
    from ._optional import require

    require("matplotlib", "plot", "takedown.plotting.relationship_graph")
    from matplotlib.figure import Figure

    ds = _dataset(ds)
    chosen = ds.film(film)
    relationships = ds.relationships_of(chosen)
    ends = list(dict.fromkeys(e for r in relationships for e in (r.character, r.target)))
    angle = {e.id: 2 * math.pi * i / max(len(ends), 1) for i, e in enumerate(ends)}
    where = {key: (math.cos(a), math.sin(a)) for key, a in angle.items()}
    fig = Figure(figsize=(_GRAPH_INCHES, _GRAPH_INCHES * 0.82), layout="constrained")
    ax = fig.subplots()
    placed = _edge_labels(relationships, where)
    for r, (x, y, degrees, rad) in zip(relationships, placed, strict=True):
        ax.annotate(
            "",
            xy=where[r.target.id],
            xytext=where[r.character.id],
            arrowprops={
                "arrowstyle": "-" if r.symmetric else "-|>",
                "color": "0.55",
                "shrinkA": 8,
                "shrinkB": 8,
                "connectionstyle": f"arc3,rad={rad:.4f}",
            },
        )
        ax.text(
            x,
            y,
            r.kind.value.replace("-", " "),
            fontsize=7,
            ha="center",
            va="center",
            rotation=degrees,
            rotation_mode="anchor",
            color="0.3",
            # A backdrop: a line crossing the label does not strike it through.
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"},
            gid=f"{r.id}:label",
            **_LITERAL,
        )
    for end in ends:
        x, y = where[end.id]
        organisation = type(end).KIND == "organization"
        # The name outside the circle, anchored on the side that faces the node: never over it.
        _mark(
            ax,
            (x, y),
            end.id,
            end.name,
            (10 * x, 10 * y),
            s=90,
            marker="s" if organisation else "o",
            color="#9ecae1" if organisation else "#08519c",
            zorder=3,
        )
    ax.set_xlim(-1.55, 1.55)
    ax.set_ylim(-1.25, 1.25)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"Relationships in {chosen.title} ({chosen.year})", fontsize=11, **_LITERAL)
    return fig
