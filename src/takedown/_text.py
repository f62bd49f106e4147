"""The names and prose of records, folded for lookups and search: case-, accent- and
punctuation-insensitive."""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

__all__ = ["fold", "named", "suggest", "text_of", "trigrams", "words"]

# Typographic quotes and dashes, as sources type them, fold to their ASCII forms.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})
_TYPOGRAPHIC = re.compile("[\u2018\u2019\u2013\u2014]")
# Apostrophes split words too: "d'Hères" is found by "Hères", "Monge's" by "Monge".
_NON_WORD = re.compile(r"\W+|_")
# The combining marks of U+0300..U+036F (all but U+034F, which combines nothing).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def fold(text: str) -> str:
    """Fold ``text`` for comparison: no case, no accents, single spaces, plain punctuation.

    >>> fold("  Izïa   HIGELIN ")
    'izia higelin'
    """
    # Loading and every lookup fold names, most of them ASCII: such text skips the passes
    # that only non-ASCII text needs.
    if "`" in text or (not text.isascii() and _TYPOGRAPHIC.search(text)):
        text = text.translate(_APOSTROPHES)
    stripped = unicodedata.normalize("NFKD", text)
    if not stripped.isascii():
        stripped = _LATIN_MARKS.sub("", stripped)
        if not stripped.isascii():
            stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation dropped.

    >>> words("Saint-Martin-d'Hères")
    ['saint', 'martin', 'd', 'heres']
    """
    return [w for w in _NON_WORD.split(fold(text)) if w]


def trigrams(text: str) -> frozenset[str]:
    """The character trigrams of the folded words of ``text``, padded so short words count."""
    grams: set[str] = set()
    for word in words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


#: How many close names a "did you mean" suggests.
SUGGESTIONS = 3
#: How many candidates, those sharing the most trigrams with the key, difflib compares.
SHORTLIST = 50
#: How much of a key is compared: a longer key is cut (nobody mistypes 200 characters).
KEY_CHARS = 200


def suggest(key: str, candidates: Iterable[str]) -> list[str]:
    """The candidates closest to ``key``, best first: the "did you mean" of every lookup.

    >>> suggest("omar si", ["omar sy", "izia higelin"])
    ['omar sy']
    """
    import difflib  # only a failed lookup needs it

    key = key[:KEY_CHARS]
    grams = trigrams(key)
    shortlist = heapq.nlargest(SHORTLIST, candidates, key=lambda name: len(grams & trigrams(name)))
    return difflib.get_close_matches(key, shortlist, n=SUGGESTIONS, cutoff=0.5)


_NAME_ATTRIBUTES = ("name", "title", "original_title")
_PROSE_ATTRIBUTES = (
    "summary",
    "gist",
    "description",
    "synopsis",
    "scenes",
    "outlet",
    "critic",
    "job",
    "aggregator",
    "notes",
)


def named(record: Any) -> list[tuple[str, str]]:
    """The (field, name) pairs a record is called by: its name or title, its original
    title and each alias, in that order, each text once."""
    found: dict[str, str] = {}
    for attribute in _NAME_ATTRIBUTES:
        value = getattr(record, attribute, None)
        if isinstance(value, str):
            found.setdefault(value, attribute)
    for alias in getattr(record, "aliases", ()):
        found.setdefault(alias, "aliases")
    return [(field, name) for name, field in found.items()]


def text_of(record: Any) -> list[tuple[str, str]]:
    """The (field, passage) pairs of prose a record carries, searched after its names."""
    return [(f, v) for f in _PROSE_ATTRIBUTES if isinstance(v := getattr(record, f, None), str)]


def unnamed_note(record: Any) -> str | None:
    """How every view shows a name the project wrote for someone or somewhere the sources
    leave unnamed (``"unnamed in the sources; described as 'Strip-club bouncer'"``), else None."""
    if not getattr(record, "unnamed", False):
        return None
    return f"unnamed in the sources; described as {record.name!r}"
