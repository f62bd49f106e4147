"""Typo-tolerant search over every record, through word indexes built once per dataset.

A record is found when *every* word of the query matches a word of one of its names, or of
one of its prose passages (a plot summary, a description).  Words match when equal, when
the query's word begins the other, when their trigrams mostly agree, or when one letter is
changed, added or dropped: fewer words never lose a record, and a typo costs a little score.
Names rank above prose; among names, those whose words the query covers best rank first.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable
from itertools import chain
from typing import Any

import attrs

from ._text import fold, named, text_of, trigrams, unnamed_note, words

__all__ = ["SearchHit", "SearchIndex"]

#: A hit on prose scores at most this, a hit on a name above it: a name that matches only
#: in part still outranks the documents that mention it.
_PROSE_WEIGHT = 0.5
#: How close two words' trigrams must be for one to stand for the other.
_CLOSE = 0.6


@attrs.frozen
class SearchHit:
    """One search result: the record, how well it matched (0..1], the text that matched
    and the field it is in: ``"name"``, ``"title"``, ``"original_title"`` or ``"aliases"``
    (``matched`` is then that name), ``"id"`` for the exact id, or a prose field such as
    ``"summary"`` (``matched`` is then the query)."""

    record: Any = attrs.field(repr=lambda r: repr(getattr(r, "id", r)))
    score: float
    matched: str
    field: str = "name"

    @property
    def kind(self) -> str:
        """The kind of record hit, e.g. ``"film"``."""
        return str(type(self.record).KIND)

    @property
    def where(self) -> str | None:
        """What matched, where that is not the record's own name (``"also written
        'Letterier'"``, ``"in its description"``), or None.  Made from the match alone, so
        a name that reads like it cannot pass for it."""
        if self.field == "aliases":
            return f"also written {self.matched!r}"
        if self.field == "original_title":
            return f"originally {self.matched!r}"
        if self.field not in ("name", "title", "id"):
            return f"in its {self.field.replace('_', ' ')}"
        return None

    @property
    def label(self) -> str:
        """The record's own name and kind, then :attr:`where` it matched, if anywhere
        else: ``"Louis Leterrier (person), also written 'Letterier'"``.  A record the sources
        leave unnamed says so: ``"Strip-club bouncer (character; unnamed in the sources; ...)"``."""
        record = self.record
        name = getattr(record, "name", None) or getattr(record, "title", None) or record.id
        note = unnamed_note(record)
        label = f"{name} ({self.kind}{'; ' + note if note else ''})"
        return label if self.where is None else f"{label}, {self.where}"


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


class _Words:
    """The words of one kind of text (names, or prose), where each occurs, and postings of
    their trigrams and one-letter deletions: a search reads only the words near its own."""

    __slots__ = ("_deletions", "_grams", "_sizes", "places")

    def __init__(self, texts: list[list[str]]) -> None:
        """Index the words of each text; a text's place is its position in ``texts``."""
        self.places: dict[str, list[int]] = defaultdict(list)
        for place, text_words in enumerate(texts):
            for word in dict.fromkeys(text_words):
                self.places[word].append(place)
        self._sizes: dict[str, int] = {}  # word -> number of its trigrams
        self._grams: dict[str, list[str]] = defaultdict(list)  # trigram -> words
        self._deletions: dict[str, list[str]] = defaultdict(list)  # a word less one letter
        for word in self.places:
            grams = trigrams(word)
            self._sizes[word] = len(grams)
            for gram in grams:
                self._grams[gram].append(word)
            for i in range(len(word)):
                self._deletions[word[:i] + word[i + 1 :]].append(word)

    def similar(self, word: str) -> dict[str, float]:
        """The indexed words that ``word`` stands for, with how close each is (0..1]."""
        found: dict[str, float] = {word: 1.0} if word in self.places else {}
        grams = trigrams(word)
        counts = Counter(chain.from_iterable(self._grams.get(gram, ()) for gram in grams))
        for candidate, count in counts.items():
            closeness = 2 * count / (len(grams) + self._sizes[candidate])
            if candidate.startswith(word) and len(word) >= 2:
                closeness = max(closeness, 0.8)  # a prefix: what is typed so far
            if closeness >= _CLOSE:
                found[candidate] = max(found.get(candidate, 0.0), closeness)
        # One letter changed, added or dropped: the words that share a one-letter deletion.
        shorter = [word[:i] + word[i + 1 :] for i in range(len(word))]
        neighbours = chain(
            (k for k in shorter if k in self.places),  # a letter added to the word
            chain.from_iterable(self._deletions.get(k, ()) for k in [word, *shorter]),
        )
        for candidate in neighbours:
            if candidate != word and _one_letter_apart(word, candidate):
                found[candidate] = max(found.get(candidate, 0.0), _CLOSE)
        return found


class SearchIndex:
    """Word indexes for names and for prose, built once per dataset (see the module)."""

    __slots__ = ("_exact", "_named", "_names", "_passages", "_prose")

    def __init__(self, records: Iterable[Any]) -> None:
        self._named: list[tuple[Any, str, str, int]] = []  # (record, field, name, its words)
        self._passages: list[tuple[Any, str]] = []  # (record, field)
        self._exact: dict[str, list[tuple[Any, str, str]]] = defaultdict(list)
        name_words: list[list[str]] = []
        prose_words: list[list[str]] = []
        for record in records:
            self._exact[fold(record.id)].append((record, "id", record.id))
            for field, name in named(record):
                self._exact[fold(name)].append((record, field, name))
                name_words.append(words(name))
                self._named.append((record, field, name, len(set(name_words[-1]))))
            for field, passage in text_of(record):
                prose_words.append(words(passage))
                self._passages.append((record, field))
        self._names = _Words(name_words)
        self._prose = _Words(prose_words)

    def search(self, text: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """The best ``limit`` hits for ``text``, best first."""
        query = fold(text)
        if not query or limit <= 0:
            return ()
        # record id() -> (score, matched text, field, record): a record's best match.
        best: dict[int, tuple[float, str, str, Any]] = {}

        def offer(record: Any, score: float, matched: str, field: str) -> None:
            held = best.get(id(record))
            if held is None or held[0] < score:
                best[id(record)] = (round(score, 6), matched, field, record)

        for record, field, name in self._exact.get(query, ()):
            # A record's own name before another's alias that happens to read the same.
            offer(record, 0.995 if field == "aliases" else 1.0, name, field)
        query_words = list(dict.fromkeys(words(query)))
        for place, closeness in _everywhere(self._names, query_words).items():
            record, field, name, size = self._named[place]
            covered = len(query_words) / max(len(query_words), size)
            offer(record, _PROSE_WEIGHT + (0.99 - _PROSE_WEIGHT) * closeness * covered, name, field)
        for place, closeness in _everywhere(self._prose, query_words).items():
            record, field = self._passages[place]
            offer(record, _PROSE_WEIGHT * closeness, text, field)
        top = heapq.nsmallest(limit, best.values(), key=lambda h: (-h[0], h[3].KIND, h[3].id))
        return tuple(
            SearchHit(record, score, matched, field) for score, matched, field, record in top
        )


def _everywhere(index: _Words, query_words: list[str]) -> dict[int, float]:
    """The places where every query word matches some word, with the mean closeness."""
    if not query_words:
        return {}
    found: dict[int, float] = {}
    for n, word in enumerate(query_words):
        here: dict[int, float] = {}
        for candidate, closeness in index.similar(word).items():
            for place in index.places[candidate]:
                if closeness > here.get(place, 0.0):
                    here[place] = closeness
        found = here if n == 0 else {p: found[p] + c for p, c in here.items() if p in found}
        if not found:
            return {}
    return {place: total / len(query_words) for place, total in found.items()}
