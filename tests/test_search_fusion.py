"""Fusion over the real store: every window is scored by the meaning of its passages,
including windows that only keyword search found."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from scrutiny.service import KnowledgeBase


def test_keyword_windows_beyond_the_dense_list_are_scored_by_meaning(
    sample_kb: KnowledgeBase,
) -> None:
    sample_kb.settings = dataclasses.replace(sample_kb.settings, candidate_pool=5)
    query = "care leavers housing register priority band"
    response = sample_kb.search(query, limit=5, explain=True)
    assert response.results
    query_vector = sample_kb.embedder.embed_query(query)
    stored = sample_kb.store.embeddings_by_row_ids(
        list(range(1, sample_kb.store.passage_count() + 1))
    )
    passages = {p.id: p for p in sample_kb.store.passages_by_row_ids(list(stored)).values()}
    for hit in response.results:
        explained = hit.explanation
        assert explained is not None
        dense = explained.to_json()["retrievers"]["dense"]  # every passage has a vector
        inside = [
            p for p in passages.values()
            if p.document_id == hit.document.id and p.start < hit.end and hit.start < p.end
        ]  # fmt: skip
        cosines = [float(stored[p.row_id] @ query_vector) for p in inside]
        contained = [
            float(stored[p.row_id] @ query_vector)
            for p in inside
            if hit.start <= p.start and p.end <= hit.end
        ]
        # The window's score is its best passage's: one of those it overlaps, and at
        # least that of each passage wholly inside it.
        assert any(dense["score"] == pytest.approx(c, abs=1e-5) for c in cosines)
        assert all(dense["score"] >= c - 1e-5 for c in contained)
    assert all(isinstance(v, np.ndarray) and v.shape == (512,) for v in stored.values())
