"""The names and prose of records, folded for lookups and search: case-, accent- and
punctuation-insensitive."""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from operator import itemgetter
from typing import Any

__all__ = ["Shortlist", "fold", "named", "names_of", "suggest", "text_of", "trigrams", "words"]

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
#: How many trigram postings a shortlist reads at most, rarest trigrams first.
POSTINGS_READ = 20_000
#: How much of a key is compared: a longer key is cut (nobody mistypes 200 characters).
KEY_CHARS = 200


class Shortlist:
    """Candidate names and their trigram postings: a bounded "did you mean" at any size.

    The postings are built by the first call (a failed lookup), not before.
    """

    __slots__ = ("_names", "_postings")

    def __init__(self, names: Iterable[str]) -> None:
        self._names = tuple(names)
        self._postings: dict[str, list[int]] | None = None

    def _built(self) -> dict[str, list[int]]:
        if self._postings is None:
            postings: dict[str, list[int]] = {}
            for position, name in enumerate(self._names):
                for gram in trigrams(name):
                    postings.setdefault(gram, []).append(position)
            self._postings = postings  # two threads may both build it: same result
        return self._postings

    def __call__(self, key: str, size: int = SHORTLIST) -> list[str]:
        """Up to ``size`` names sharing the most trigrams with ``key``; bounded work."""
        if len(self._names) <= size:
            return list(self._names)
        postings = self._built()
        lists = sorted((p for p in map(postings.get, trigrams(key[:KEY_CHARS])) if p), key=len)
        shared: Counter[int] = Counter()
        budget = POSTINGS_READ
        for positions in lists:
            if budget <= 0:
                break
            shared.update(islice(positions, budget))
            budget -= len(positions)
        best = heapq.nlargest(size, shared.items(), key=itemgetter(1))
        return [self._names[position] for position, _ in best]


def suggest(key: str, candidates: Iterable[str] | Shortlist) -> list[str]:
    """The candidates closest to ``key``, best first: the "did you mean" of every lookup.

    difflib compares ``key`` with a :class:`Shortlist` of at most :data:`SHORTLIST`
    candidates, so a failed lookup costs the same among a million names as among ten.

    >>> suggest("omar si", ["omar sy", "izia higelin"])
    ['omar sy']
    """
    import difflib  # only a failed lookup needs it

    shortlist = candidates if isinstance(candidates, Shortlist) else Shortlist(candidates)
    key = key[:KEY_CHARS]
    return difflib.get_close_matches(key, shortlist(key), n=SUGGESTIONS, cutoff=0.5)


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


def names_of(record: Any) -> tuple[str, ...]:
    """Every name a record answers to: id, name or title, original title, aliases."""
    return (record.id, *(name for _, name in named(record) if name != record.id))


def text_of(record: Any) -> list[tuple[str, str]]:
    """The (field, passage) pairs of prose a record carries, searched after its names."""
    return [(f, v) for f in _PROSE_ATTRIBUTES if isinstance(v := getattr(record, f, None), str)]


def unnamed_note(record: Any) -> str | None:
    """How every view shows a name the project wrote for someone or somewhere the sources
    leave unnamed (``"unnamed in the sources; described as 'Strip-club bouncer'"``), else None."""
    if not getattr(record, "unnamed", False):
        return None
    return f"unnamed in the sources; described as {record.name!r}"
