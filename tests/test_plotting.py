"""The timeline figure: which events it plots, where, and with what labels (not pixels)."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import pytest

import takedown
from takedown.dataset import Dataset
from takedown.enums import DatePrecision, EventKind, ReleaseKind
from takedown.plotting import timeline, timeline_events

mdates = pytest.importorskip("matplotlib.dates")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return takedown.load()


@pytest.fixture(scope="module")
def figure(ds: Dataset) -> Any:
    return timeline(ds)


def _by_gid(figure: Any) -> dict[str, Any]:
    return {
        artist.get_gid(): (ax, artist)
        for ax in figure.axes
        for artist in [*ax.collections, *ax.texts]
        if artist.get_gid()
    }


def test_the_events_are_every_production_event_oldest_film_first(ds: Dataset) -> None:
    events = timeline_events(ds)
    assert {e.id for e in events} == {e.id for e in ds.tables.events}
    films = [e.film.year for e in events]
    assert films == sorted(films)
    for film in ds.films:
        dates = [e.date for e in events if e.film == film]
        assert dates == sorted(dates)


def test_a_date_known_to_the_month_spans_the_month(ds: Dataset) -> None:
    by_id = {e.id: e for e in timeline_events(ds)}
    for event in ds.tables.events:
        shown = by_id[event.id]
        assert shown.date == event.date.first_day
        if event.date.precision is DatePrecision.MONTH:
            assert shown.latest.month == event.date.first_day.month
            assert (shown.latest + dt.timedelta(days=1)).day == 1
        elif event.date.precision is DatePrecision.DAY:
            assert shown.latest == event.date.first_day


def test_release_labels_say_how_the_film_came_out(ds: Dataset) -> None:
    for event in timeline_events(ds):
        if event.kind is not EventKind.RELEASE:
            continue
        (release,) = [r for r in ds.releases(event.film) if r.date == event.date]
        if release.kind is ReleaseKind.STREAMING:
            assert release.distributor is not None
            assert f"on {release.distributor.name}" in event.label
        else:
            assert "in cinemas" in event.label
        assert str(event.date.year) in event.label


def test_every_event_is_a_point_on_its_film_row(ds: Dataset, figure: Any) -> None:
    artists = _by_gid(figure)
    first = figure.axes[0]
    labels = [t.get_text() for t in first.get_yticklabels()]
    rows = dict(zip(labels, first.get_yticks(), strict=True))
    oldest, newest = sorted(ds.films, key=lambda f: f.year)
    assert rows[f"{oldest.title}\n({oldest.year})"] > rows[f"{newest.title}\n({newest.year})"]
    for event in timeline_events(ds):
        ax, point = artists[event.id]
        ((x, y),) = point.get_offsets()
        assert x == mdates.date2num(event.date)
        assert y == rows[f"{event.film.title}\n({event.film.year})"]
        low, high = ax.get_xlim()
        assert low < x < high
        _, text = artists[f"{event.id}:label"]
        assert text.get_text() == event.label


def test_the_years_between_the_films_are_cut_out(ds: Dataset, figure: Any) -> None:
    artists = _by_gid(figure)
    releases = [e for e in timeline_events(ds) if e.kind is EventKind.RELEASE]
    panels = {id(artists[e.id][0]) for e in releases}
    assert len(panels) == len(figure.axes) == 2
    for ax in figure.axes:
        low, high = ax.get_xlim()
        assert high - low < 2 * 365


def test_a_month_long_date_is_drawn_as_a_bar_over_the_month(ds: Dataset, figure: Any) -> None:
    vague = next(e for e in timeline_events(ds) if e.latest > e.date)
    ax, _ = _by_gid(figure)[vague.id]
    spans = [tuple(line.get_xdata()) for line in ax.lines]
    assert (mdates.date2num(vague.date), mdates.date2num(vague.latest)) in spans


def test_missing_matplotlib_names_the_plot_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(ImportError, match=r"pip install 'takedown-film\[plot\]'"):
        timeline()


def test_the_relationship_graph_draws_every_end_of_the_film_s_relationships(ds: Dataset) -> None:
    from takedown.plotting import relationship_graph

    film = ds.film("The Takedown")
    figure = relationship_graph(film, ds)
    drawn = {
        artist.get_gid()
        for ax in figure.axes
        for artist in ax.collections
        if artist.get_gid() is not None
    }
    ends = {e.id for r in ds.relationships if r.film == film for e in (r.character, r.target)}
    assert drawn == ends
    labels = {t.get_text() for ax in figure.axes for t in ax.texts}
    assert {r.kind.value.replace("-", " ") for r in ds.relationships if r.film == film} <= labels


def _drawn(figure: Any) -> Any:
    """The renderer of ``figure``, drawn once by Agg, so that its texts have extents."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(figure)
    canvas.draw()  # lays the figure out and parses every text
    return canvas.get_renderer()


def test_text_from_the_data_is_drawn_as_written_not_as_mathtext(tmp_path: Any) -> None:
    from takedown.plotting import relationship_graph
    from test_reliability import edited, write_copy

    title = "The $Takedown^$ for $\\frac$"  # no formulas: mathtext would fail to parse them

    def retitle(films: Any) -> None:
        films[0]["title"] = title

    ds = Dataset.from_path(write_copy(tmp_path / "data", edited("films.json", retitle)))
    film = ds.film(title)
    for figure in (timeline(ds), relationship_graph(film, ds)):
        _drawn(figure)
        texts = [t.get_text() for ax in figure.axes for t in [ax.title, *ax.get_yticklabels()]]
        assert any(title in text for text in texts)


def test_a_dataset_argument_of_another_type_is_a_type_error(ds: Dataset) -> None:
    from takedown.plotting import relationship_graph

    for call in (timeline, timeline_events, lambda bad: relationship_graph("The Takedown", bad)):
        with pytest.raises(TypeError, match=r"^ds must be a takedown\.Dataset, not int$"):
            call(42)


def _texts_by_gid(figure: Any) -> dict[str, Any]:
    return {t.get_gid(): t for ax in figure.axes for t in ax.texts if t.get_gid()}


def test_relationships_between_the_same_ends_have_labels_apart(ds: Dataset) -> None:
    from takedown.plotting import relationship_graph

    film = ds.film("The Takedown")
    texts = _texts_by_gid(relationship_graph(film, ds))
    pairs: dict[frozenset[str], list[str]] = {}
    for r in ds.relationships:
        if r.film == film:
            pairs.setdefault(frozenset((r.character.id, r.target.id)), []).append(r.id)
    parallel = [ids for ids in pairs.values() if len(ids) > 1]
    assert parallel  # "partner of" and "former partner of", at least
    for ids in parallel:
        places = [texts[f"{i}:label"].get_position() for i in ids]
        for k, (x, y) in enumerate(places):
            for other in places[k + 1 :]:
                assert abs(x - other[0]) + abs(y - other[1]) > 0.04  # a line's height and more


def test_a_node_s_name_never_covers_the_node(ds: Dataset) -> None:
    from takedown.plotting import relationship_graph

    for film in ds.films:
        figure = relationship_graph(film, ds)
        renderer = _drawn(figure)
        texts = _texts_by_gid(figure)
        (ax,) = figure.axes
        for node in ax.collections:
            ((x, y),) = node.get_offsets()
            centre = ax.transData.transform((x, y))
            box = texts[f"{node.get_gid()}:label"].get_window_extent(renderer)
            assert not box.contains(*centre), node.get_gid()
