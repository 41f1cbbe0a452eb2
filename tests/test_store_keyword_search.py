"""Keyword search skips scoring passages it can prove irrelevant, and still returns the
ranking that scoring every passage holding a query word gives (real SQLite FTS5)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from scrutiny.graph.model import GraphBatch
from scrutiny.graph.store import CONTEXT_WEIGHT, Store
from scrutiny.ingest.records import (
    DocumentMetadata,
    ParsedDocument,
    Passage,
    PassageKind,
    SourceFormat,
    Span,
)
from scrutiny.search import keyword as keyword_module
from scrutiny.search.keyword import SCORING_BUDGET, KeywordSearch, keyword_words

FILLER = [f"filler{i}" for i in range(300)]
RARE = [f"rare{i}" for i in range(12)]


def keyword_query(text: str) -> str | None:
    """The FTS5 MATCH expression that scores every passage holding a query word."""
    return " OR ".join(f'"{w}"' for w in keyword_words(text)) or None


def keyword_search(store: Store, text: str, limit: int) -> list[tuple[int, float]]:
    return KeywordSearch(store).search("passages", text, limit)


def add_document(store: Store, number: int, texts: list[str]) -> None:
    canonical = "\n\n".join(texts)
    passages, start = [], 0
    for ordinal, text in enumerate(texts):
        passages.append(
            Passage(ordinal, PassageKind.PARAGRAPH, Span(start, start + len(text)), text)
        )
        start += len(text) + 2
    parsed = ParsedDocument(
        source_path=f"/docs/{number}.txt",
        sha256=f"{number:064d}",
        format=SourceFormat.TEXT,
        canonical_text=canonical,
        # "council" is in every passage's context, as a council's name is in practice.
        metadata=DocumentMetadata(title=f"Minutes {number}", council="Testshire Council"),
        passages=tuple(passages),
    )
    store.replace_document(
        f"d{number}", parsed, np.zeros((len(texts), 4), np.float32), GraphBatch()
    )


def passage_text(rng: random.Random) -> str:
    words = rng.sample(FILLER, rng.randint(3, 30))
    if rng.random() < 0.35:
        words += ["county"] * rng.randint(1, 3)  # frequent
    if rng.random() < 0.2:
        words.append("budget")  # frequent
    if rng.random() < 0.06:
        words += [rng.choice(RARE)] * rng.randint(1, 2)
    rng.shuffle(words)
    return " ".join(words)


def reference(store: Store, text: str, limit: int) -> list[tuple[int, float]]:
    """Every passage holding a query word, scored by FTS5's BM25."""
    expression = keyword_query(text)
    if expression is None:
        return []
    rows = store._db.execute(
        "SELECT rowid, -bm25(passages_fts, 1.0, ?) AS score FROM passages_fts "
        "WHERE passages_fts MATCH ? ORDER BY score DESC, rowid LIMIT ?",
        (CONTEXT_WEIGHT, expression, limit),
    )
    return [(int(r[0]), float(r[1])) for r in rows]


def assert_same_ranking(store: Store, query: str, limit: int) -> None:
    """The reference ranking, except that a word held by at least half of the passages
    adds nothing instead of under 2.2e-6: near-ties may swap, nothing else moves."""
    found = keyword_search(store, query, limit)
    expected = reference(store, query, limit)
    if not any(2 * holding(store, word) >= passages(store) for word in words(query)):
        assert found == expected, query
        return
    assert len(found) == len(expected), query
    exact = dict(reference(store, query, 10_000))
    for (row, score), (_, wanted) in zip(found, expected, strict=True):
        assert score == pytest.approx(exact[row], abs=3e-6), query
        assert exact[row] >= wanted - 3e-6, query


def words(query: str) -> list[str]:
    expression = keyword_query(query) or ""
    return [w.strip('"') for w in expression.split(" OR ") if w]


def holding(store: Store, word: str) -> int:
    found = store._db.execute(
        "SELECT count(*) FROM passages_fts WHERE passages_fts MATCH ?", (f'"{word}"',)
    ).fetchone()
    return int(found[0])


def passages(store: Store) -> int:
    return store.passage_count()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    rng = random.Random(7)
    with Store(tmp_path / "kb.sqlite3") as opened:
        for number in range(8):
            add_document(opened, number, [passage_text(rng) for _ in range(50)])
        yield opened


QUERIES = [
    "rare1 rare2 county",  # frequent word, rare words
    "rare3 county budget",
    "county budget",  # frequent words only
    "council rare4 rare5",  # a word in every passage
    "council county rare6",
    "council",  # only a word in every passage
    "the council of the county",
    "rare7",
    "nothing matches this",
    "the of and",  # stopwords only
]


@pytest.mark.parametrize("limit", [1, 5, 20, 200, 1000])
def test_keyword_search_ranks_as_scoring_every_matching_passage(store: Store, limit: int) -> None:
    for query in QUERIES:
        assert_same_ranking(store, query, limit)


def holders(store: Store, word: str) -> set[int]:
    found = store._db.execute(
        "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", (f'"{word}"',)
    )
    return {int(r[0]) for r in found}


def test_beyond_the_budget_only_passages_with_a_rarer_word_are_scored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keyword_module, "SCORING_BUDGET", 0)
    # rare8 holders outscore any passage holding only "county": the same list as
    # scoring every passage (MaxScore), without scoring the county-only passages.
    limit = len(holders(store, "rare8"))
    assert limit > 0
    assert_same_ranking(store, "rare8 county council", limit)
    # One more than the rare word's passages: all passages are scored again.
    assert_same_ranking(store, "rare8 county council", limit + 1)
    # Two frequent words: only passages holding the rarer one ("budget") are scored, each
    # exactly; a passage holding only "county" is left out even where it would rank.
    with_budget = holders(store, "budget")
    limit = len(with_budget) - 1
    found = keyword_search(store, "county budget", limit)
    exact = reference(store, "county budget", 10_000)
    assert found == [(row, score) for row, score in exact if row in with_budget][:limit]
    assert found != exact[:limit]


def test_within_the_budget_every_passage_is_scored(store: Store) -> None:
    assert sum(len(holders(store, w)) for w in ("county", "budget")) < SCORING_BUDGET
    assert_same_ranking(store, "county budget", 20)


def test_word_counts_follow_changes_to_the_store(store: Store) -> None:
    assert_same_ranking(store, "rare10 county", 20)
    before = keyword_search(store, "rare10 county", 20)
    # rare10 becomes a word most passages hold; the counts must not be stale.
    add_document(store, 99, [f"rare10 rare10 filler{i}" for i in range(500)])
    assert_same_ranking(store, "rare10 county", 20)
    assert keyword_search(store, "rare10 county", 20) != before
