"""Typo-tolerant search over every record, through a trigram index built once per dataset."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import attrs

from ._text import fold, trigrams, words

__all__ = ["SearchHit", "SearchIndex", "names_of", "text_of"]

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


def names_of(record: Any) -> tuple[str, ...]:
    """Every name a record answers to: id, name or title, original title, aliases."""
    names = [record.id]
    for attribute in ("name", "title", "original_title"):
        value = getattr(record, attribute, None)
        if isinstance(value, str) and value not in names:
            names.append(value)
    names.extend(a for a in getattr(record, "aliases", ()) if a not in names)
    return tuple(names)


def text_of(record: Any) -> tuple[str, ...]:
    """The prose a record carries, searched with a lower weight than names."""
    fields = (
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
    return tuple(v for f in fields if isinstance(v := getattr(record, f, None), str))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


class SearchIndex:
    """Trigram postings for names, word postings for prose.

    A query touches only the postings of its own trigrams and words, so its cost grows with
    the number of records sharing them, not with the size of the dataset.
    """

    __slots__ = ("_entries", "_exact", "_grams", "_prose", "_vocabulary", "_word_grams")

    def __init__(self, records: Iterable[Any]) -> None:
        self._entries: list[tuple[Any, str, frozenset[str]]] = []
        self._exact: dict[str, list[int]] = defaultdict(list)
        self._grams: dict[str, list[int]] = defaultdict(list)
        self._prose: dict[str, set[int]] = defaultdict(set)  # word -> record positions
        self._word_grams: dict[str, set[str]] = defaultdict(set)  # trigram -> words
        self._vocabulary: list[Any] = []
        for record in records:
            position = len(self._vocabulary)
            self._vocabulary.append(record)
            for name in names_of(record):
                entry = len(self._entries)
                grams = trigrams(name)
                self._entries.append((record, name, grams))
                self._exact[fold(name)].append(entry)
                for gram in grams:
                    self._grams[gram].append(entry)
            for prose in text_of(record):
                for word in words(prose):
                    if len(word) > 2:
                        self._prose[word].add(position)
        for word in self._prose:
            for gram in trigrams(word):
                self._word_grams[gram].add(word)

    def search(self, text: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """The best ``limit`` hits for ``text``, best first."""
        best: dict[int, SearchHit] = {}

        def offer(record: Any, score: float, matched: str) -> None:
            key = id(record)
            if key not in best or best[key].score < score:
                best[key] = SearchHit(record, round(score, 6), matched)

        query = fold(text)
        if not query:
            return ()
        for entry in self._exact.get(query, ()):
            record, name, _ = self._entries[entry]
            offer(record, 1.0, name)
        grams = trigrams(text)
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            for entry in self._grams.get(gram, ()):
                shared[entry] += 1
        for entry, count in shared.items():
            record, name, name_grams = self._entries[entry]
            score = 2 * count / (len(grams) + len(name_grams)) * 0.99
            if score >= 0.3:
                offer(record, score, name)
        self._search_prose(query, offer)
        ranked = sorted(best.values(), key=lambda h: (-h.score, h.kind, h.record.id))
        return tuple(ranked[:limit])

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
            offer(self._vocabulary[position], min(score, 1.0) * _PROSE_WEIGHT, query)

    def _similar_words(self, word: str) -> list[tuple[str, float]]:
        if word in self._prose:
            return [(word, 1.0)]
        grams = trigrams(word)
        counts: dict[str, int] = defaultdict(int)
        for gram in grams:
            for candidate in self._word_grams.get(gram, ()):
                counts[candidate] += 1
        similar = []
        for candidate, count in counts.items():
            closeness = 2 * count / (len(grams) + len(trigrams(candidate)))
            if closeness >= 0.6:
                similar.append((candidate, closeness))
        return similar
