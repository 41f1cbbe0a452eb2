"""Fusion over the real store: candidates outside the dense list still get their cosine."""

from __future__ import annotations

import dataclasses

import numpy as np

from scrutiny.service import KnowledgeBase


def test_keyword_candidates_beyond_the_dense_list_are_scored_by_meaning(
    sample_kb: KnowledgeBase,
) -> None:
    sample_kb.settings = dataclasses.replace(sample_kb.settings, candidate_pool=5)
    query = "care leavers housing register priority band"
    response = sample_kb.search(query, limit=10, explain=True)
    assert len(response.results) == 10
    query_vector = sample_kb.embedder.embed_query(query)
    stored = sample_kb.store.embeddings_by_row_ids(
        [row for row in range(1, sample_kb.store.passage_count() + 1)]
    )
    by_text = {}
    for hit in response.results:
        explained = hit.explanation
        assert explained is not None
        retrievers = explained["retrievers"]
        assert "dense" in retrievers  # every stored passage has a vector to compare
        by_text[hit.text] = retrievers["dense"]
    filled = [d for d in by_text.values() if d["rank"] is None]
    assert filled, "with a pool of 5, some keyword hits lie outside the dense list"
    cosines = {round(float(v @ query_vector), 6) for v in stored.values()}
    assert all(d["score"] in cosines for d in filled)
    assert all(isinstance(v, np.ndarray) and v.shape == (512,) for v in stored.values())
