"""The shipped strategies: every graph they draw is a dataset the loader accepts."""

from __future__ import annotations

import tempfile

import attrs
from hypothesis import given

from takedown import models as m
from takedown.dataset import Dataset
from takedown.export import write_json
from takedown.strategies import STRATEGIES, consistent, datasets


def _written_and_loaded(ds: Dataset) -> Dataset:
    with tempfile.TemporaryDirectory() as tmp:
        write_json(ds, tmp)
        return Dataset.from_path(tmp)


@given(datasets())
def test_drawn_datasets_load_from_their_files(ds: Dataset) -> None:
    # Any kinds, a lone plot event or conflict among them: written, they read back equal.
    assert _written_and_loaded(ds) == ds


@given(place=STRATEGIES[m.Location].filter(lambda p: p.parent is not None))
def test_a_name_equal_to_another_records_id_is_not_consistent(place: m.Location) -> None:
    assert consistent(place)
    assert place.parent is not None
    assert not consistent(attrs.evolve(place, name=place.parent.id))


@given(event=STRATEGIES[m.PlotEvent])
def test_a_plot_that_does_not_start_at_one_is_not_consistent(event: m.PlotEvent) -> None:
    assert consistent(event)
    assert not consistent(attrs.evolve(event, order=2))
    second = attrs.evolve(event, id=f"{event.id}-2", order=2)
    assert consistent(event, second)
    assert not consistent(event, attrs.evolve(second, order=3))  # skips 2


@given(conflict=STRATEGIES[m.Conflict])
def test_a_conflict_about_no_record_is_not_consistent(conflict: m.Conflict) -> None:
    assert consistent(conflict)  # about a source it cites, which its graph holds
    assert not consistent(attrs.evolve(conflict, subject="film/absent"))
