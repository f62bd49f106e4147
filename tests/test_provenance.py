"""Every name, number and date is stated by each source cited for it.

Reads the source documents from ``$TAKEDOWN_SOURCES`` (see ``scripts.source_documents``);
without them the module is skipped. ``.ci/run`` provides them.
The rules (which fields are checked, how a value may be written) are in
``tools/provenance.py``, which ``tools/datadoc.py`` also uses for the data page.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import takedown
from scripts import script, source_documents
from takedown.models import Money, PartialDate

SOURCES = source_documents()

provenance = script("tools/provenance.py")
ds = takedown.load()
TEXTS = provenance.source_texts(ds, SOURCES)


def test_every_checkable_value_is_stated_by_each_source_cited_for_it() -> None:
    checked, failures = provenance.check(ds, TEXTS)
    assert checked > 900  # the check reaches the data, not an empty walk
    assert [str(f) for f in failures] == []


def test_a_value_no_cited_source_states_fails_naming_record_field_and_source() -> None:
    film = ds.film("The Takedown")
    wrong = attrs.evolve(film, runtime_minutes=121)
    tables = attrs.evolve(ds.tables, films=(wrong, *ds.films[1:]))
    _, failures = provenance.check(takedown.Dataset(tables), TEXTS)
    named = {(f.record, f.field, f.source) for f in failures}
    assert ("film/the-takedown", "runtime_minutes", "source/wikipedia") in named


def test_an_alias_stands_for_the_name_and_a_reference_is_checked_by_its_name() -> None:
    recap = TEXTS["source/plot-recap"]
    assert "diakité" not in recap
    assert provenance.states(recap, ds.character("Ousmane Diakité"))  # written Diakhité
    assert provenance.states(TEXTS["source/review"], ds.person("Louis Leterrier"))


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (dt.date(2022, 5, 6), {"6 May 2022", "May 6, 2022", "2022-05-06"}),
        (PartialDate.parse("2021-03"), {"March 2021"}),
        (78_630_000, {"78.63 million", "78,630,000"}),
        (Money(amount=17_000_000, currency="EUR"), {"€17 million", "€17,000,000"}),
        (7, {"7th", "seventh"}),
    ],
)
def test_the_usual_ways_of_writing_a_value_are_accepted(value: object, written: set[str]) -> None:
    assert written <= provenance.spellings(value)


def test_a_dated_article_states_a_day_and_month_in_its_own_year() -> None:
    news = ds.get("source/news-trailer")
    assert provenance.states(TEXTS[news.id], dt.date(2022, 5, 6), news.published)
    assert not provenance.states(TEXTS[news.id], dt.date(2022, 5, 6))


def test_prose_ids_and_flags_are_not_checked() -> None:
    fields = provenance.checked_fields(ds.get("event/the-takedown-teaser"))
    assert "date" in fields
    assert not {"id", "summary", "sources", "kind"} & set(fields)
