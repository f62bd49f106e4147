"""Text folding for lookups and search: case-, accent- and punctuation-insensitive."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "trigrams", "words"]

# Typographic quotes and dashes, as sources type them, fold to their ASCII forms.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u2013": "-", "\u2014": "-"})
_NON_WORD = re.compile(r"[^\w']+|_")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold ``text`` for comparison: no case, no accents, single spaces, plain punctuation.

    >>> fold("  Izïa   HIGELIN ")
    'izia higelin'
    >>> fold("Loin du Périph") == fold("loin du periph")
    True
    """
    # Indexes fold every name of the dataset, so ASCII text (most names) skips the costly
    # passes: str.translate looks each character up, and combining marks are never ASCII.
    if not text.isascii() or "`" in text:
        text = text.translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = (
        decomposed
        if decomposed.isascii()
        else "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )
    return _SPACES.sub(" ", stripped.casefold()).strip()


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
