"""Every (record, field, source) citation is backed: that source states that value.

Reads the source documents from ``$TAKEDOWN_SOURCES`` (see ``scripts.source_documents``);
without them the module is skipped. ``.ci/run`` provides them.
The rules (how a name, number or date may be written; which fields a reviewed phrase backs)
are in ``tools/provenance.py``, which ``tools/datadoc.py`` and ``tools/datasheet.py`` also use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

import takedown
from scripts import script, source_documents
from takedown.models import Citation, Money, PartialDate

SOURCES = source_documents()

provenance = script("tools/provenance.py")
ds = takedown.load()
TEXTS = provenance.source_texts(ds, SOURCES)


def test_every_cited_pair_is_backed_by_its_source() -> None:
    checked, failures = provenance.check(ds, TEXTS)
    pairs = sum(1 for _ in provenance.pairs(ds))
    assert checked == pairs > 1000  # every pair of the data, not an empty walk
    assert [str(f) for f in failures] == []


def test_every_value_of_a_cited_record_is_cited_or_stated_by_no_source() -> None:
    # No fallback: a field without a citation has no sources, and a record's sources are
    # exactly those its fields cite.
    for record in ds.tables.records():
        citations = getattr(record, "citations", None)
        if citations is None:
            continue
        assert record.sources == frozenset().union(*(c.sources for c in citations))
        for field in attrs.fields(type(record)):
            cited = {s.id for s in ds.sources_for(record, field.name)} if citations else set()
            assert cited == {s for c in citations if c.field == field.name for s in c.sources}


def _with_citation(
    record: object, field: str, sources: set[str], item: str | None = None
) -> object:
    citations = [c for c in record.citations if (c.field, c.item) != (field, item)]  # type: ignore[attr-defined]
    cited = Citation(field=field, item=item, sources=frozenset(sources))
    union = frozenset(sources).union(*(c.sources for c in citations))
    return attrs.evolve(record, citations=(*citations, cited), sources=union)


def _failures(record: Any) -> set[tuple[str, str, str]]:
    kind = type(record)
    tables = {spec.name: spec for spec in takedown._tables.table_specs()}
    name = next(n for n, spec in tables.items() if spec.record is kind)
    rows = tuple(record if r.id == record.id else r for r in getattr(ds.tables, name))
    changed = takedown.Dataset(attrs.evolve(ds.tables, **{name: rows}))
    _, failures = provenance.check(changed, TEXTS)
    return {(f.record, f.field, f.source) for f in failures}


def test_a_name_is_checked_as_written_not_through_an_alias() -> None:
    # The recap spells him "Diakhité": it cannot back the name "Ousmane Diakité".
    ousmane = ds.character("Ousmane Diakité")
    assert "diakité" not in TEXTS["source/plot-recap"]
    wrong = _with_citation(ousmane, "name", {"source/plot-recap"})
    assert (ousmane.id, "name", "source/plot-recap") in _failures(wrong)


def test_each_alias_is_checked_against_each_of_its_own_sources() -> None:
    leterrier = ds.person("Louis Leterrier")
    wrong = _with_citation(leterrier, "aliases", {"source/review", "source/wikipedia"}, "Letterier")
    failures = _failures(wrong)
    assert (leterrier.id, "aliases[Letterier]", "source/wikipedia") in failures
    assert (leterrier.id, "aliases[Letterier]", "source/review") not in failures


def test_a_kind_or_prose_needs_a_reviewed_phrase_its_source_writes() -> None:
    film = ds.film("The Takedown")
    citation = next(c for c in film.citations if c.field == "synopsis")
    source = min(citation.sources)
    key = provenance.key(film, citation)
    phrases = provenance.backing()
    assert phrases[key][source]  # the packaged data is backed
    for phrase in (None, "words no source has ever written", "one two three four five six seven"):
        changed = {**phrases, key: {**phrases[key], source: phrase}}
        _, failures = provenance.check(ds, TEXTS, changed)
        assert (film.id, "synopsis", source) in {(f.record, f.field, f.source) for f in failures}


def test_every_backing_phrase_is_short_and_backs_a_citation_of_the_data() -> None:
    cited = {(provenance.key(r, c), s) for r, c, s in provenance.pairs(ds)}
    for key, phrases in provenance.backing().items():
        for source, phrase in phrases.items():
            assert (key, source) in cited, f"{key} {source}: no such citation"
            assert len(phrase.split()) <= provenance.PHRASE_WORDS


def test_a_value_no_cited_source_states_fails_naming_record_field_and_source() -> None:
    film = ds.film("The Takedown")
    wrong = attrs.evolve(film, runtime_minutes=121)
    tables = attrs.evolve(ds.tables, films=(wrong, *ds.films[1:]))
    _, failures = provenance.check(takedown.Dataset(tables), TEXTS)
    named = {(f.record, f.field, f.source) for f in failures}
    assert ("film/the-takedown", "runtime_minutes", "source/wikipedia") in named


def test_a_reference_is_checked_by_any_name_of_the_record_it_names() -> None:
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


def test_a_name_no_source_capitalises_belongs_to_an_unnamed_record() -> None:
    cased = provenance.source_texts(ds, SOURCES, cased=True)
    assert provenance.common_nouns(ds, cased) == []
    # The rule sees a description counted as a name: the recap writes only "a mosque".
    mosque = attrs.evolve(
        ds.location("location/mosque"),
        unnamed=False,
        citations=(
            Citation(field="name", sources=frozenset({"source/plot-recap"})),
            *ds.location("location/mosque").citations,
        ),
    )
    tables = attrs.evolve(
        ds.tables, locations=[mosque if r.id == mosque.id else r for r in ds.locations]
    )
    assert provenance.common_nouns(takedown.Dataset(tables), cased) == [mosque.id]
