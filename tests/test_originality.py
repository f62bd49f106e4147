"""No sentence of a source is copied into the data: prose is in the project's own words.

Reads the source documents from ``$TAKEDOWN_SOURCES`` (see ``scripts.source_documents``);
without them the module is skipped. ``.ci/run`` provides them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

import takedown
from scripts import source_documents
from takedown._manifest import packaged_data
from takedown._tables import table_specs
from takedown._text import words

SOURCES = source_documents()
#: A run this long shared with a source is copying, not a coincidence of common words.
RUN = 8


#: Titles are long proper names: quoting one is naming the film, not copying a source.
TITLES = sorted(
    {" ".join(words(t)) for f in takedown.load().films for t in (f.title, f.original_title)},
    key=len,
    reverse=True,
)


def shingles(text: str) -> set[tuple[str, ...]]:
    folded = f" {' '.join(words(text))} "
    for title in TITLES:
        folded = folded.replace(f" {title} ", " title ")
    tokens = folded.split()
    return {tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1)}


def strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


SOURCE_SHINGLES = set().union(
    *(shingles(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt"))
)


@pytest.mark.parametrize("spec", table_specs(), ids=lambda s: s.file)
def test_no_run_of_words_is_copied_from_a_source(spec: Any) -> None:
    data = json.loads(packaged_data().joinpath(spec.file).read_text(encoding="utf-8"))
    copied = [" ".join(run) for text in strings(data) for run in shingles(text) & SOURCE_SHINGLES]
    assert copied == []


def test_the_check_would_notice_a_copied_sentence() -> None:
    sentence = next(SOURCES.glob("plot-*.txt")).read_text(encoding="utf-8").split("\n")[4]
    assert shingles(sentence) & SOURCE_SHINGLES


def test_every_source_document_is_a_source_record() -> None:
    files = {s.file for s in takedown.load().sources}
    assert files == {p.name for p in SOURCES.glob("*.txt")}
