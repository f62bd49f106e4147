"""The names and prose of records, folded for lookups and search: case-, accent- and
punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

__all__ = ["fold", "names_of", "suggest", "text_of", "trigrams", "words"]

# Typographic quotes and dashes, as sources type them, fold to their ASCII forms.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})
_TYPOGRAPHIC = re.compile("[\u2018\u2019\u2013\u2014]")
_NON_WORD = re.compile(r"[^\w']+|_")
# The combining marks of U+0300..U+036F (all but U+034F, which combines nothing).
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]")


def fold(text: str) -> str:
    """Fold ``text`` for comparison: no case, no accents, single spaces, plain punctuation.

    >>> fold("  Izïa   HIGELIN ")
    'izia higelin'
    >>> fold("Loin du Périph") == fold("loin du periph")
    True
    """
    # Indexes fold every name of the dataset, so ASCII text (most names) skips the costly
    # passes: str.translate looks each character up, and combining marks are never ASCII.
    if "`" in text or (not text.isascii() and _TYPOGRAPHIC.search(text)):
        text = text.translate(_APOSTROPHES)
    stripped = unicodedata.normalize("NFKD", text)
    if not stripped.isascii():
        # Latin accents first, in one pass; what is left of non-ASCII, char by char.
        stripped = _LATIN_MARKS.sub("", stripped)
        if not stripped.isascii():
            stripped = "".join(ch for ch in stripped if not unicodedata.combining(ch))
    # split() and \s agree on what is white space; this is the faster of the two.
    return " ".join(stripped.casefold().split())


def words(text: str) -> list[str]:
    """The folded words of ``text``, punctuation dropped."""
    return [w.strip("'") for w in _NON_WORD.split(fold(text)) if w.strip("'")]


def trigrams(text: str) -> frozenset[str]:
    """The character trigrams of the folded words of ``text``, padded so short words count."""
    grams: set[str] = set()
    for word in words(text):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return frozenset(grams)


#: How many close names a "did you mean" suggests.
SUGGESTIONS = 3


def suggest(key: str, candidates: Iterable[str]) -> list[str]:
    """The candidates closest to ``key``, best first: the "did you mean" of every lookup.

    >>> suggest("omar si", ["omar sy", "izia higelin"])
    ['omar sy']
    """
    import difflib  # only a failed lookup needs it

    return difflib.get_close_matches(key, list(candidates), n=SUGGESTIONS, cutoff=0.5)


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
# class -> (its name attributes, whether it has aliases, its prose attributes).  Indexes ask
# every record, and a getattr that misses costs an exception inside the interpreter.
_attributes_of: dict[type, tuple[tuple[str, ...], bool, tuple[str, ...]]] = {}


def _attributes(cls: type) -> tuple[tuple[str, ...], bool, tuple[str, ...]]:
    found = _attributes_of.get(cls)
    if found is None:
        if attrs.has(cls):  # slotted: what the class has, every instance has
            found = (
                tuple(a for a in _NAME_ATTRIBUTES if hasattr(cls, a)),
                hasattr(cls, "aliases"),
                tuple(a for a in _PROSE_ATTRIBUTES if hasattr(cls, a)),
            )
            _attributes_of[cls] = found
        else:
            found = (_NAME_ATTRIBUTES, True, _PROSE_ATTRIBUTES)
    return found


def names_of(record: Any) -> tuple[str, ...]:
    """Every name a record answers to: id, name or title, original title, aliases."""
    name_attributes, has_aliases, _ = _attributes(type(record))
    names = [record.id]
    for attribute in name_attributes:
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value not in names:
            names.append(value)
    if has_aliases:
        for alias in getattr(record, "aliases", ()):
            if alias not in names:
                names.append(alias)
    return tuple(names)


def text_of(record: Any) -> tuple[str, ...]:
    """The prose a record carries, searched with a lower weight than names."""
    _, _, prose_attributes = _attributes(type(record))
    return tuple(v for f in prose_attributes if isinstance(v := getattr(record, f, None), str))
