from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from scrutiny.errors import IndexMismatchError
from scrutiny.search import vector_index
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.search.vector_index import FLAT, HNSW, VectorIndex, index_type_for
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings


def unit_vectors(count: int, dimension: int, seed: int = 7) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, dimension)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_index_type_follows_corpus_size() -> None:
    assert index_type_for(10) == FLAT
    assert index_type_for(vector_index.HNSW_THRESHOLD) == HNSW


def test_hnsw_recall_against_exact_search() -> None:
    vectors = unit_vectors(3000, 32)
    ids = np.arange(100, 3100, dtype=np.int64)
    exact, approximate = VectorIndex("m", 32, FLAT), VectorIndex("m", 32, HNSW)
    exact.add(ids, vectors)
    approximate.add(ids, vectors)
    queries = unit_vectors(50, 32, seed=11)
    found = 0
    for query in queries:
        truth = {i for i, _ in exact.search(query, 10)}
        found += len(truth & {i for i, _ in approximate.search(query, 10)})
    assert found / (10 * len(queries)) >= 0.9


@pytest.mark.parametrize("index_type", [FLAT, HNSW])
def test_one_query_gives_the_same_hits_and_leaves_the_thread_count(index_type: str) -> None:
    import faiss

    vectors = unit_vectors(2000, 32)
    index = VectorIndex("m", 32, index_type)
    index.add(np.arange(2000, dtype=np.int64), vectors)
    query = unit_vectors(1, 32, seed=3)[0]
    threads = faiss.omp_get_max_threads()
    found = index.search(query, 20)
    assert faiss.omp_get_max_threads() == threads
    # The same hits as a batch search with every thread.
    scores, ids = index._index.search(query.reshape(1, -1), 20)
    assert [i for i, _ in found] == [int(i) for i in ids[0]]
    assert [s for _, s in found] == pytest.approx([float(s) for s in scores[0]])


def test_saved_index_round_trips_with_its_manifest(tmp_path: Path) -> None:
    index = VectorIndex("m", 16, HNSW)
    index.add(np.arange(5, dtype=np.int64), unit_vectors(5, 16))
    index.remove([2])
    index.save(tmp_path, generation=3)
    loaded, manifest = VectorIndex.load(tmp_path, "m", 16)
    assert (manifest.index_type, manifest.count, manifest.stale, manifest.generation) == (
        HNSW, 5, 1, 3,
    )  # fmt: skip
    assert loaded.live_count == 4
    with pytest.raises(IndexMismatchError, match="dimension 16"):
        VectorIndex.load(tmp_path, "m", 8)


def test_a_large_corpus_switches_to_hnsw_and_deletes_without_rebuilding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, samples: Path
) -> None:
    monkeypatch.setattr(vector_index, "HNSW_THRESHOLD", 50)
    monkeypatch.setattr(vector_index, "STALE_SHARE_LIMIT", 0.9)
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([samples])
        assert kb.index.index_type == HNSW
        total = kb.index.count
        victim = next(d for d in kb.documents() if d.council == "London Borough of Camden")
        kb.delete(victim.id)
        assert kb.index.count == total, "HNSW keeps the vectors until a rebuild"
        assert kb.index.stale == total - kb.store.passage_count()
        results = kb.search("Action By Director", limit=10).results
        assert results and all(hit.document.id != victim.id for hit in results)
    monkeypatch.setattr(vector_index, "STALE_SHARE_LIMIT", 0.0)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as reopened:
        assert reopened.index.stale == 0, "a stale index is rebuilt on open"
        assert reopened.index.count == reopened.store.passage_count()
