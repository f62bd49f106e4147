"""Check every (record, field, source) citation of the data against the source texts.

    python tools/provenance.py [SOURCES_DIR]

The source documents are read from ``SOURCES_DIR``, else from the folder named by the
``TAKEDOWN_SOURCES`` environment variable, else from ``shared/sources`` beside the
repository.

A maintainer's tool, kept out of the wheel; ``tests/test_provenance.py``, ``tools/datadoc.py``
and ``tools/datasheet.py`` use it.  Each citation names a field (or one alias) and the sources
that state it; the walk takes every such pair and asks whether that source states that value:

* a name, title or alias must be written in the source as it is, up to case and accents;
* a number, amount, date or reference must be written in one of the usual ways (see
  :func:`spellings`, the one place for those rules; a record is written by any of its names);
* a kind, flag, list of labels or text in the project's own words (see :data:`PHRASED`) is
  backed by a reviewed phrase of at most :data:`PHRASE_WORDS` words from that source, listed in
  ``tools/backing/``, which must be written in it.

A pair that passes none of these is *unbacked*.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from takedown import Dataset, load
from takedown.models import (
    ChartPeak,
    Country,
    Language,
    Money,
    PartialDate,
    Score,
)

__all__ = [
    "Failure",
    "backing",
    "check",
    "common_nouns",
    "pairs",
    "share",
    "source_texts",
    "spellings",
]

#: The one definition of where the source documents are: the tests read it too.
SOURCES = Path(
    os.environ.get("TAKEDOWN_SOURCES") or Path(__file__).resolve().parents[2] / "shared" / "sources"
)

#: Kinds, flags, labels and text in the project's own words: a source supports them with a
#: phrase, not by writing the value.
PHRASED = frozenset(
    {
        *("kind", "fictional", "worldwide", "status", "unnamed"),
        *("description", "summary", "notes", "gist", "synopsis", "reception", "reason", "scenes"),
        *("genres", "job", "department", "metric", "audience", "category", "role"),
        *("order", "scale_min", "scale_max", "count_is_minimum", "weeks_is_minimum"),
    }
)
#: Names written as they are: no alias stands in for them.
NAMES = frozenset({"name", "title", "original_title", "aliases"})
#: A backing phrase is short: a few words to find, never a sentence of the source.
PHRASE_WORDS = 6
#: The reviewed phrases, a file per data file (``plot.json`` backs the plot events).
BACKING = Path(__file__).resolve().parent / "backing"

#: One file holds two sources: each takes its part, from its heading to the next.
PARTS = {
    "source/wikipedia": ("from Wikipedia", "from Grokipedia"),
    "source/grokipedia": ("from Grokipedia", None),
}

#: The reprinted infobox lost the break between a label and its value
#: ("CinematographyThomas Hardmeier"): the break is put back.
INFOBOX = re.compile(
    r"^(French|Directed by|Written by|Cinematography|Edited by|Music by|Distributed by|"
    r"Country|Language)(?=\S)",
    re.MULTILINE,
)

QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
CURRENCY = {"EUR": "€", "USD": "$"}
ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


@attrs.frozen
class Failure:
    """A (record, field, source) pair that no check backs: the source does not state the value."""

    record: str
    field: str
    source: str
    value: str

    def __str__(self) -> str:
        return f"{self.record}.{self.field} = {self.value!r}: not stated by {self.source}"


def normal(text: str, *, cased: bool = False) -> str:
    """Text compared without case (unless ``cased``), with straight quotes and single spaces."""
    text = unicodedata.normalize("NFC", text)
    text = text if cased else text.casefold()
    text = text.translate(QUOTES)
    return " ".join(text.split())


def source_texts(ds: Dataset, folder: Path = SOURCES, *, cased: bool = False) -> dict[str, str]:
    """Each source's text (its own part of a shared file), normalised (case kept if ``cased``)."""
    texts = {}
    for source in ds.sources:
        text = (folder / source.file).read_text(encoding="utf-8")
        if source.id in PARTS:
            start, end = PARTS[source.id]
            text = text[text.index(start) : text.index(end) if end else None]
        texts[source.id] = normal(INFOBOX.sub(r"\1 ", text), cased=cased)
    return texts


def _int_spellings(n: int) -> set[str]:
    found = {str(n), f"{n:,}"}
    if n >= 10**6 and n % 10**4 == 0:
        found.add(f"{n / 10**6:g} million")
    if 1 <= n <= 10:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n, "th")
        found |= {f"{n}{suffix}", ORDINALS[n - 1], f"number {NUMBERS[n - 1]}"}
    return found


def _date_spellings(day: dt.date, published: dt.date | None) -> set[str]:
    month = f"{day:%B}"
    found = {day.isoformat(), f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"}
    if published is not None and published.year == day.year:
        found.add(f"{month} {day.day}")  # a dated article's "May 6" is in its own year
    return found


def spellings(value: Any, published: dt.date | None = None) -> set[str]:
    """The usual ways a source writes ``value``: every rule of the check is here.

    A record is written by its name or an alias; a number in digits, with thousands
    commas, in millions, or as a small ordinal ("7th", "seventh", "number one"); an
    amount with its currency sign; a date in day-month-year, month-day-year or ISO form.
    """
    if isinstance(value, bool):
        return set()
    if isinstance(value, int):
        return _int_spellings(value)
    if isinstance(value, float):
        return {f"{value:g}", f"{value:g}%"}
    if isinstance(value, str):
        return {value}
    if isinstance(value, Money):
        sign = CURRENCY.get(value.currency, value.currency)
        return {sign + spelt for spelt in _int_spellings(value.amount)}
    if isinstance(value, Score):
        return {f"{value.value:g} out of {value.scale:g}"}
    if isinstance(value, dt.date):
        return _date_spellings(value, published)
    if isinstance(value, PartialDate):
        if value.day is not None:
            return _date_spellings(value.first_day, published)
        return {value.describe()}
    if isinstance(value, (Country, Language)):
        return {value.name}
    names = {getattr(value, "name", None), getattr(value, "original_title", None)}
    return {n for n in names if n} | set(getattr(value, "aliases", ()))


def states(text: str, value: Any, published: dt.date | None = None) -> bool:
    """Whether the normalised ``text`` writes ``value`` in one of its spellings, as words."""
    return any(
        re.search(rf"(?<!\w){re.escape(normal(s))}(?!\w)", text)
        for s in spellings(value, published)
    )


def _parts(value: Any) -> Iterator[tuple[str, Any]]:
    """The checkable values inside one field's value: items of a tuple, a chart placing's
    parts.  "Several weeks" states a floor of two weeks."""
    if isinstance(value, tuple):
        for item in value:
            yield from _parts(item)
    elif isinstance(value, ChartPeak):
        for name in ("rank", "within", "chart"):
            part = getattr(value, name)
            if part is not None:
                yield name, (f"top {part}" if name == "within" else part)
        if value.weeks is not None:
            floor = value.weeks_is_minimum and value.weeks == 2
            yield "weeks", ("multiple weeks" if floor else f"{value.weeks} weeks")
    elif value is not None:
        yield "", value


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _written(text: str, name: str) -> bool:
    """Whether ``text`` writes ``name`` as a whole, up to accents (and case, if folded)."""
    return re.search(rf"(?<!\w){re.escape(_unaccented(name))}(?!\w)", _unaccented(text)) is not None


def common_nouns(ds: Dataset, cased_texts: dict[str, str]) -> list[str]:
    """The ids of records counted as named whose name every source citing it writes only in
    lower case ("a strip club"): a common noun describes, it does not name, so such a record
    is ``unnamed``.  ``cased_texts`` is ``source_texts(ds, cased=True)``."""
    found = []
    for record in ds.tables.records():
        if getattr(record, "unnamed", True):
            continue
        name = normal(record.name, cased=True)
        cited = [c.sources for c in record.citations if (c.field, c.item) == ("name", None)]
        if not any(_written(cased_texts[s], name) for sources in cited for s in sources):
            found.append(record.id)
    return found


def pairs(ds: Dataset) -> Iterator[tuple[Any, Any, str]]:
    """Every (record, citation, source id) of the data: one claim that a source states a value."""
    for record in ds.tables.records():
        for citation in getattr(record, "citations", ()):
            for source in sorted(citation.sources):
                yield record, citation, source


def backing(folder: Path = BACKING) -> dict[str, dict[str, str]]:
    """The reviewed phrases: ``{"record-id field[item]": {"source/id": "phrase"}}``."""
    phrases: dict[str, dict[str, str]] = {}
    for path in sorted(folder.glob("*.json")):
        phrases.update(json.loads(path.read_text(encoding="utf-8")))
    return phrases


def key(record: Any, citation: Any) -> str:
    """How the backing table names a cited value: ``"film/x genres"``, ``"person/y aliases[Z]"``."""
    item = f"[{citation.item}]" if citation.item is not None else ""
    return f"{record.id} {citation.field}{item}"


def _stated(text: str, record: Any, citation: Any, source: Any, phrases: dict[str, Any]) -> bool:
    field = citation.field
    value = citation.item if citation.item is not None else getattr(record, field)
    if field in PHRASED or isinstance(value, (bool, enum.Enum)):
        phrase = phrases.get(key(record, citation), {}).get(source.id)
        return (
            isinstance(phrase, str)
            and 0 < len(phrase.split()) <= PHRASE_WORDS
            and states(text, phrase)
        )
    if field in NAMES:
        return all(
            _written(text, normal(name)) for name in ((value,) if isinstance(value, str) else value)
        )
    return all(states(text, item, source.published) for _, item in _parts(value))


def check(
    ds: Dataset, texts: dict[str, str], phrases: dict[str, Any] | None = None
) -> tuple[int, list[Failure]]:
    """How many (record, field, source) pairs were checked, and those no check backs."""
    phrases = backing() if phrases is None else phrases
    sources = {source.id: source for source in ds.sources}
    checked, failures = 0, []
    for record, citation, source_id in pairs(ds):
        checked += 1
        if not _stated(texts[source_id], record, citation, sources[source_id], phrases):
            value = citation.item if citation.item is not None else getattr(record, citation.field)
            shown = value.id if hasattr(value, "id") else str(value)
            where = key(record, citation).partition(" ")[2]
            failures.append(Failure(record.id, where, source_id, shown[:60]))
    return checked, failures


def share(ds: Dataset | None = None, folder: Path = SOURCES) -> tuple[int, int] | None:
    """(backed, checked) pairs of the data, or None where the sources are absent."""
    if not folder.is_dir():
        return None
    ds = ds or load()
    checked, failures = check(ds, source_texts(ds, folder))
    return checked - len(failures), checked


def main(argv: list[str] | None = None) -> None:
    """Print every value a cited source does not state."""
    args = sys.argv[1:] if argv is None else argv
    folder = Path(args[0]) if args else SOURCES
    ds = load()
    checked, failures = check(ds, source_texts(ds, folder))
    for failure in failures:
        print(failure)
    print(f"{checked - len(failures)} of {checked} cited pairs backed")


if __name__ == "__main__":
    main()
