"""Typo-tolerant search over every record, through a trigram index built once per dataset."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain
from typing import Any

import attrs

from ._text import fold, names_of, text_of, trigrams, words

__all__ = ["SearchHit", "SearchIndex"]

#: A hit on prose (a plot summary, a review's gist) never outranks a hit on a name.
_PROSE_WEIGHT = 0.5


@attrs.frozen
class SearchHit:
    """One search result: the record, how well it matched (0..1] and the text that matched."""

    record: Any = attrs.field(repr=lambda r: repr(getattr(r, "id", r)))
    score: float
    matched: str

    @property
    def kind(self) -> str:
        """The kind of record hit, e.g. ``"film"``."""
        return str(type(self.record).KIND)

    def _repr_html_(self) -> str:
        """A card naming the record and its kind, shown by Jupyter."""
        from ._html import hit_html

        return hit_html(self)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class SearchIndex:
    """Trigram postings for names, word postings for prose, built once per dataset.

    A query touches only the postings of its own trigrams and words: its cost grows with
    the number of names and prose passages that share them (a rare name: a handful; a
    common word: every record that uses it), not with the size of the dataset as such.
    Only the best ``limit`` candidates become :class:`SearchHit` objects.
    """

    __slots__ = ("_entries", "_exact", "_grams", "_prose", "_records", "_word_grams", "_word_sizes")

    def __init__(self, records: Iterable[Any]) -> None:
        self._records: tuple[Any, ...] = tuple(records)
        self._entries: list[tuple[Any, str, int]] = []  # (record, name, number of trigrams)
        self._exact: dict[str, list[int]] = {}
        self._grams: dict[str, list[int]] = {}
        self._prose: dict[str, list[int]] = {}  # word -> positions of records using it
        self._word_grams: dict[str, list[str]] = {}  # trigram -> words
        self._word_sizes: dict[str, int] = {}  # word -> number of its trigrams
        entries, exact, grams_of, prose = self._entries, self._exact, self._grams, self._prose
        for position, record in enumerate(self._records):
            for name in names_of(record):
                entry = len(entries)
                grams = trigrams(name)
                entries.append((record, name, len(grams)))
                exact.setdefault(fold(name), []).append(entry)
                for gram in grams:
                    grams_of.setdefault(gram, []).append(entry)
            used: set[str] = set()
            for passage in text_of(record):
                used.update(w for w in words(passage) if len(w) > 2)
            for word in used:
                prose.setdefault(word, []).append(position)
        for word in prose:
            grams = trigrams(word)
            self._word_sizes[word] = len(grams)
            for gram in grams:
                self._word_grams.setdefault(gram, []).append(word)

    def search(self, text: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """The best ``limit`` hits for ``text``, best first."""
        query = fold(text)
        if not query or limit <= 0:
            return ()
        # record id() -> [score, matched text, record]; the first text to reach the best
        # score is kept.
        best: dict[int, list[Any]] = {}

        def offer(record: Any, score: float, matched: str) -> None:
            held = best.get(id(record))
            if held is None:
                best[id(record)] = [round(score, 6), matched, record]
            elif held[0] < score:
                held[0], held[1] = round(score, 6), matched

        for entry in self._exact.get(query, ()):
            record, name, _ = self._entries[entry]
            offer(record, 1.0, name)
        grams = trigrams(text)
        # Counting in C: a common trigram's postings name a good share of the dataset.
        shared = Counter(chain.from_iterable(self._grams.get(gram, ()) for gram in grams))
        # A name sharing `count` trigrams scores at most 2 * count / (len(grams) + 1) * 0.99:
        # below `fewest` it cannot reach 0.3, whatever its length.
        fewest = 0.3 * (len(grams) + 1) / (2 * 0.99)
        entries = self._entries
        for entry, count in shared.items():
            if count < fewest:
                continue
            record, name, name_grams = entries[entry]
            score = 2 * count / (len(grams) + name_grams) * 0.99
            if score >= 0.3:
                offer(record, score, name)
        self._search_prose(query, offer)
        top = heapq.nsmallest(
            limit,
            best.values(),
            key=lambda h: (-h[0], type(h[2]).KIND, h[2].id),
        )
        return tuple(SearchHit(record, score, matched) for score, matched, record in top)

    def _search_prose(self, query: str, offer: Any) -> None:
        query_words = [w for w in words(query) if len(w) > 2]
        if not query_words:
            return
        hits: dict[int, float] = defaultdict(float)
        for word in query_words:
            for candidate, closeness in self._similar_words(word):
                for position in self._prose[candidate]:
                    hits[position] += closeness / len(query_words)
        for position, score in hits.items():
            offer(self._records[position], min(score, 1.0) * _PROSE_WEIGHT, query)

    def _similar_words(self, word: str) -> list[tuple[str, float]]:
        if word in self._prose:
            return [(word, 1.0)]
        grams = trigrams(word)
        counts = Counter(chain.from_iterable(self._word_grams.get(gram, ()) for gram in grams))
        fewest = 0.6 * (len(grams) + 1) / 2  # as in search(): no fewer can reach 0.6
        sizes = self._word_sizes
        similar = []
        for candidate, count in counts.items():
            if count < fewest:
                continue
            closeness = 2 * count / (len(grams) + sizes[candidate])
            if closeness >= 0.6:
                similar.append((candidate, closeness))
        return similar
