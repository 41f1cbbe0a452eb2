"""Keyword search: BM25 over a store's full-text tables, pruned where that is safe.

The store runs the SQL (FTS5's ``bm25()``) and counts rows; this module decides what to
score. A common word would mean scoring most of the store, so:

- A word in at least half of the rows (such as "council", which every row's context
  names) has its IDF clamped to 1e-6 by FTS5, so it adds less than 2.2e-6 to any score:
  it is left out of the MATCH unless too few rows hold another word. Scores differ by
  under 2.2e-6 per such word.
- When the rows holding the words number more than ``SCORING_BUDGET``, only the rows
  holding one of the rarer words (as many as the budget allows) are scored, with all
  the words. The list is exact (as MaxScore) when its last score beats the most the
  frequent words alone could give a row, (k1 + 1) * idf each; otherwise a row holding
  only frequent words is missed even if it should have made the list: the one
  approximation beyond the budget.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Protocol

from scrutiny.text import STOPWORDS

#: FTS5's BM25 (fts5_aux.c): k1, and the IDF it gives a word found in at least half of
#: all rows. One word adds less than (k1 + 1) * idf to a row's score.
FTS5_BM25_K1 = 1.2
FTS5_MIN_IDF = 1e-6
#: Rows keyword search scores for one query before it stops scoring rows that hold only
#: the query's most frequent words (FTS5 scores ~1.3 million rows/s here).
SCORING_BUDGET = 30_000

_TOKEN = re.compile(r"\w+")


class FullTextIndex(Protocol):
    """The SQL side: row counts and BM25 over a named full-text table."""

    @property
    def generation(self) -> int: ...
    def fts_row_count(self, table: str) -> int: ...
    def fts_rows_with_word(self, table: str, word: str, cap: int) -> int: ...
    def fts_bm25(
        self, table: str, words: Sequence[str], limit: int, within: Sequence[str] = ()
    ) -> list[tuple[int, float]]: ...


def keyword_words(text: str) -> list[str]:
    """The query's content words (all its words when it has only stopwords), once each."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]
    if not words:
        words = _TOKEN.findall(text.lower())
    return list(dict.fromkeys(words))


def bm25_bound(rows_with_word: int, rows: int) -> float:
    """More than any one word can add to a row's FTS5 BM25 score."""
    idf = math.log((rows - rows_with_word + 0.5) / (rows_with_word + 0.5))
    return (FTS5_BM25_K1 + 1) * max(idf, FTS5_MIN_IDF) * (1 + 1e-9)


class KeywordSearch:
    """BM25 rankings of one index's tables, with row counts per word cached until the
    index changes."""

    def __init__(self, index: FullTextIndex) -> None:
        self.index = index
        self._counts: dict[str, tuple[int, int, dict[str, int]]] = {}

    def search(self, table: str, text: str, limit: int) -> list[tuple[int, float]]:
        """(row id, BM25 score — higher is better) of ``table``'s rows for the words."""
        words = keyword_words(text)
        if not words:
            return []
        total, counts = self._rows_with_words(table, words)
        scored = [w for w in words if 2 * counts[w] < total]
        below = (len(words) - len(scored)) * bm25_bound(total, total)
        found = self._without_frequent_words(table, scored, counts, limit)
        if found is not None and found[-1][1] > below:
            return found
        if scored and len(scored) < len(words) and limit > 0:
            found = self.index.fts_bm25(table, scored, limit)
            if len(found) == limit and found[-1][1] > below:
                return found
        return self.index.fts_bm25(table, words, limit)

    def _without_frequent_words(
        self, table: str, words: Sequence[str], counts: dict[str, int], limit: int
    ) -> list[tuple[int, float]] | None:
        """Scored within the rows holding the rarer words; None when that cannot fill
        the list (see the module's docstring)."""
        if limit <= 0 or len(words) < 2 or sum(counts[w] for w in words) <= SCORING_BUDGET:
            return None
        rare: list[str] = []
        held = 0
        for word in sorted(words, key=lambda w: (counts[w], w))[:-1]:
            if rare and held + counts[word] > SCORING_BUDGET:
                break
            rare.append(word)
            held += counts[word]
        found = self.index.fts_bm25(table, words, limit, within=rare)
        return found if len(found) == limit else None

    def _rows_with_words(self, table: str, words: Sequence[str]) -> tuple[int, dict[str, int]]:
        """The row count and, per word, the rows holding it (counted up to half of all
        rows: beyond that only "at least half" matters)."""
        generation = self.index.generation
        cached, total, counts = self._counts.get(table, (-1, 0, {}))
        if cached != generation or len(counts) > 100_000:
            total, counts = self.index.fts_row_count(table), {}
            self._counts[table] = (generation, total, counts)
        half = (total + 1) // 2
        for word in words:
            if word not in counts:
                counts[word] = self.index.fts_rows_with_word(table, word, half)
        return total, counts
