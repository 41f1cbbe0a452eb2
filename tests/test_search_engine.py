"""The ranking pipeline against a fake index: no SQLite, faiss or model, only the protocol."""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

import numpy as np
import pytest

from scrutiny.search.engine import Filters, Lookups, SearchEngine
from scrutiny.search.query import Lexicon, analyse


class Kind(Enum):
    RECOMMENDATION = "recommendation"


@dataclass(frozen=True)
class P:
    row_id: int
    id: str
    document_id: str
    ordinal: int
    start: int
    end: int
    section: str | None
    search_text: str


@dataclass(frozen=True)
class W:
    row_id: int
    document_id: str
    first_ordinal: int
    last_ordinal: int
    start: int
    end: int


@dataclass(frozen=True)
class N:
    id: str
    kind: Kind
    attributes: Mapping[str, Any]


@dataclass(frozen=True)
class C:
    entities: tuple[N, ...] = ()
    mentioned: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class D:
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None


def words(text: str) -> set[str]:
    return {w.strip(".,").lower() for w in text.split()}


@dataclass
class FakeIndex:
    """Passages of two documents; each window covers two neighbouring passages."""

    passages: dict[int, P] = field(default_factory=dict)
    windows: dict[int, W] = field(default_factory=dict)
    vectors: dict[int, np.ndarray] = field(default_factory=dict)
    contexts: dict[str, C] = field(default_factory=dict)

    def add_document(self, document_id: str, texts: Sequence[str]) -> None:
        offset = 0
        first_row = len(self.passages) + 1
        for ordinal, text in enumerate(texts):
            row = len(self.passages) + 1
            self.passages[row] = P(
                row, f"{document_id}-p{ordinal}", document_id, ordinal, offset,
                offset + len(text), None, text,
            )  # fmt: skip
            self.vectors[row] = np.zeros(4, dtype=np.float32)
            offset += len(text) + 1
        for ordinal in range(len(texts)):
            last = min(ordinal + 1, len(texts) - 1)
            if ordinal and last == ordinal:
                break
            a, b = self.passages[first_row + ordinal], self.passages[first_row + last]
            row = len(self.windows) + 1
            self.windows[row] = W(row, document_id, ordinal, last, a.start, b.end)

    def _text(self, window: W) -> str:
        return " ".join(p.search_text for p in self._inside(window))

    def _inside(self, window: W) -> list[P]:
        return [
            p
            for p in self.passages.values()
            if p.document_id == window.document_id
            and window.first_ordinal <= p.ordinal <= window.last_ordinal
        ]

    generation = 0
    concurrent_reads = True

    def snapshot(self) -> AbstractContextManager[None]:
        return nullcontext()

    def _rows(self, table: str) -> dict[int, str]:
        if table == "windows":
            return {r: self._text(w) for r, w in self.windows.items()}
        return {r: p.search_text for r, p in self.passages.items()}

    def fts_row_count(self, table: str) -> int:
        return len(self._rows(table))

    def fts_rows_with_word(self, table: str, word: str, cap: int) -> int:
        return min(cap, sum(word in words(t) for t in self._rows(table).values()))

    def fts_bm25(
        self, table: str, wanted: Sequence[str], limit: int, within: Sequence[str] = ()
    ) -> list[tuple[int, float]]:
        scored = [(r, float(len(set(wanted) & words(t)))) for r, t in self._rows(table).items()]
        return sorted([s for s in scored if s[1] > 0], key=lambda s: (-s[1], s[0]))[:limit]

    def phrase_search(self, text: str, limit: int, min_words: int = 2) -> list[tuple[int, float]]:
        if len(text.split()) < min_words:
            return []
        found = [r for r, p in self.passages.items() if text.lower() in p.search_text.lower()]
        return [(r, 1.0) for r in found[:limit]]

    def windows_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, W]:
        return {r: self.windows[r] for r in row_ids if r in self.windows}

    def windows_of_passages(self, row_ids: Sequence[int]) -> Mapping[int, list[int]]:
        out: dict[int, list[int]] = {}
        for row in row_ids:
            p = self.passages[row]
            out[row] = [
                r for r, w in self.windows.items()
                if w.document_id == p.document_id
                and w.first_ordinal <= p.ordinal <= w.last_ordinal
            ]  # fmt: skip
        return out

    def passages_of_windows(self, row_ids: Sequence[int]) -> Mapping[int, list[int]]:
        return {r: [p.row_id for p in self._inside(self.windows[r])] for r in row_ids}

    def passages_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, P]:
        return {r: self.passages[r] for r in row_ids}

    def embeddings_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, np.ndarray]:
        return {r: self.vectors[r] for r in row_ids}

    def passage_contexts(self, passage_ids: Sequence[str]) -> Mapping[str, C]:
        return {i: self.contexts.get(i, C()) for i in passage_ids}


class NoVectors:
    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        return []


def engine(index: FakeIndex) -> SearchEngine:
    lookups = Lookups(
        document=lambda _: D(council="Testshire County Council"),
        theme_ids=lambda _: (),
        organisation_ids=lambda _: (),
        linked_ids=lambda _: set(),
    )
    return SearchEngine(index, NoVectors(), lookups)


def rank(index: FakeIndex, query: str, limit: int = 10, filters: Filters | None = None) -> Any:
    analysis = analyse(query, Lexicon([]))
    return engine(index).rank(analysis, np.zeros(4, dtype=np.float32), limit, 50, filters)


def test_the_window_holding_subject_and_answer_wins_and_cites_its_best_passage() -> None:
    index = FakeIndex()
    index.add_document("a", ["Care leavers housing.", "The register gives priority band A."])
    index.add_document("b", ["Housing register review.", "Unrelated minutes."])
    ranking = rank(index, "care leavers housing register priority")
    top = ranking.results[0]
    assert top.window.document_id == "a"
    assert top.passage.id in {"a-p0", "a-p1"}
    assert [p.ordinal for p in top.passages] == [0, 1]


def test_overlapping_windows_are_shown_once() -> None:
    index = FakeIndex()
    index.add_document("a", ["alpha beta", "alpha gamma", "alpha delta"])
    ranking = rank(index, "alpha")
    spans = [(r.window.first_ordinal, r.window.last_ordinal) for r in ranking.results]
    for i, (first, last) in enumerate(spans):
        for other_first, other_last in spans[i + 1 :]:
            assert last < other_first or other_last < first
    assert ranking.total == len(ranking.results)


def test_an_overlapping_lower_window_widens_the_better_one() -> None:
    index = FakeIndex()
    # Windows p0-p1 and p1-p2: the first ranks higher, the answer sits in p2 alone.
    index.add_document("a", ["looked after children panel", "panel children", "monitor plan"])
    ranking = rank(index, "looked after children panel monitor")
    top = ranking.results[0]
    assert (top.window.first_ordinal, top.window.last_ordinal) == (0, 2)
    assert [p.ordinal for p in top.passages] == [0, 1, 2]
    assert top.passage.id == "a-p0", "the cited passage stays the better window's"
    assert len(ranking.results) == 1 and ranking.total == 1


def test_a_hit_grows_no_longer_than_the_merge_limit(monkeypatch: Any) -> None:
    monkeypatch.setattr("scrutiny.search.engine.MERGED_MAX_CHARS", 20)
    index = FakeIndex()
    index.add_document("a", ["looked after children panel", "panel children", "monitor plan"])
    ranking = rank(index, "looked after children panel monitor")
    top = ranking.results[0]
    assert top.window.last_ordinal - top.window.first_ordinal == 1, "not merged"
    assert len(ranking.results) == 1, "the overlapping lower window is dropped"


def test_one_document_does_not_take_every_place(monkeypatch: Any) -> None:
    # The fake's windows all overlap their neighbours: with no merging, each is a hit.
    monkeypatch.setattr("scrutiny.search.engine.MERGED_MAX_CHARS", 0)
    index = FakeIndex()
    many = [f"exclusions topic {i} exclusions" for i in range(20)]
    index.add_document("a", many)
    index.add_document("b", ["exclusions once", "nothing"])
    ranking = rank(index, "exclusions topic", limit=4)
    documents = [r.window.document_id for r in ranking.results]
    assert documents.count("a") == 3 and "b" in documents


def test_a_quoted_phrase_is_required() -> None:
    index = FakeIndex()
    index.add_document("a", ["leaving care coach offered", "other text"])
    index.add_document("b", ["care for the coach", "leaving"])
    ranking = rank(index, '"leaving care coach"')
    assert ranking.results and all(r.window.document_id == "a" for r in ranking.results)


def test_a_status_filter_cites_the_passage_carrying_that_status() -> None:
    index = FakeIndex()
    index.add_document("a", ["Recommendation 1 housing accepted", "Recommendation 2 housing"])
    index.contexts["a-p1"] = C(entities=(N("rec-2", Kind.RECOMMENDATION, {"status": "rejected"}),))
    ranking = rank(index, "recommendation housing", filters=Filters(status="rejected"))
    assert [r.passage.id for r in ranking.results] == ["a-p1"]
    assert [e.id for e in ranking.results[0].entities] == ["rec-2"]
    assert ranking.facets["status"] == {"rejected": 1}


def test_no_match_is_an_honest_empty_ranking() -> None:
    index = FakeIndex()
    index.add_document("a", ["alpha", "beta"])
    ranking = rank(index, "zebra")
    assert ranking.results == () and ranking.total == 0 and ranking.facets == {}


class NearestVectors:
    """The passages nearest a vector, by the index's stored vectors (recording each
    vector searched with)."""

    def __init__(self, index: FakeIndex) -> None:
        self.index = index
        self.searched: list[np.ndarray] = []

    def search(self, vector: np.ndarray, k: int) -> list[tuple[int, float]]:
        self.searched.append(vector)
        scores = {row: float(v @ vector) for row, v in self.index.vectors.items()}
        return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]


def test_a_query_vector_computed_in_another_thread_ranks_as_the_vector_does() -> None:
    index = FakeIndex()
    index.add_document("a", ["Care leavers housing.", "The register gives priority band A."])
    index.add_document("b", ["Housing register review.", "Unrelated minutes."])
    rng = np.random.default_rng(5)
    for row in index.vectors:
        found = rng.normal(size=4).astype(np.float32)
        index.vectors[row] = found / np.linalg.norm(found)
    lookups = engine(index).lookups
    vector = np.array([0.6, 0.8, 0.0, 0.0], dtype=np.float32)
    analysis = analyse("housing register", Lexicon([]))
    given = SearchEngine(index, NearestVectors(index), lookups).rank(analysis, vector, 10, 50)
    threads: list[str] = []

    def compute() -> np.ndarray:
        threads.append(threading.current_thread().name)
        return vector

    nearest = NearestVectors(index)
    computed = SearchEngine(index, nearest, lookups).rank(analysis, compute, 10, 50)
    assert threads and threads[0] != threading.current_thread().name
    assert [v.tolist() for v in nearest.searched] == [vector.tolist()]
    assert computed.total == given.total and computed.facets == given.facets
    assert [(r.window.row_id, r.candidate.score) for r in computed.results] == [
        (r.window.row_id, r.candidate.score) for r in given.results
    ]


def test_a_query_vector_that_cannot_be_computed_fails_the_ranking() -> None:
    index = FakeIndex()
    index.add_document("a", ["alpha", "beta"])

    def fail() -> np.ndarray:
        raise RuntimeError("no model")

    with pytest.raises(RuntimeError, match="no model"):
        engine(index).rank(analyse("alpha", Lexicon([])), fail, 10, 50)


class RecordingIndex(FakeIndex):
    """Records the threads reading the passage table; with ``later``, another thread
    sees it at a later generation (a write committed between the caller's snapshot and
    the other thread's)."""

    def __init__(self, later: bool) -> None:
        super().__init__()
        self.owner = threading.get_ident()
        self.later = later
        self.readers: set[int] = set()

    @property  # type: ignore[override]
    def generation(self) -> int:
        return int(self.later and threading.get_ident() != self.owner)

    def fts_bm25(
        self, table: str, words: Sequence[str], limit: int, within: Sequence[str] = ()
    ) -> list[tuple[int, float]]:
        if table == "passages":
            self.readers.add(threading.get_ident())
        return super().fts_bm25(table, words, limit, within)


@pytest.mark.parametrize("later", [False, True])
def test_passage_lists_are_read_beside_the_window_list_at_the_callers_generation(
    later: bool,
) -> None:
    index, fake = RecordingIndex(later), FakeIndex()
    for each in (index, fake):
        each.add_document("a", ["Care leavers housing.", "The register gives priority band A."])
        each.add_document("b", ["Housing register review.", "Unrelated minutes."])
    query = "housing register priority"
    assert [(r.window.row_id, r.candidate.score) for r in rank(index, query).results] == [
        (r.window.row_id, r.candidate.score) for r in rank(fake, query).results
    ]
    # Read by another thread, or again by the caller when that saw another generation.
    assert index.readers == ({index.owner} if later else index.readers - {index.owner})
    assert index.readers
