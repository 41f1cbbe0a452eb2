"""Search facets count every kept passage once: its document's council, committee and
year, the kinds and statuses of the entities extracted from it (or "passage"), and its
themes (real SQLite store of the sample corpus, hashing embedder)."""

from __future__ import annotations

from collections import Counter

import pytest

from scrutiny.graph.model import PassageContext, StoredPassage
from scrutiny.service import KnowledgeBase


def recount(kb: KnowledgeBase, passage_ids: list[str]) -> dict[str, dict[str, int]]:
    labels = {c.key: c.pref_label for c in kb.concepts.concepts}
    facets: dict[str, Counter[str]] = {
        name: Counter() for name in ("kind", "council", "committee", "year", "status", "theme")
    }
    contexts = kb.store.passage_contexts(passage_ids)
    for passage_id in passage_ids:
        passage = kb.store.passage(passage_id)
        assert passage is not None
        document = kb.store.document(passage.document_id)
        assert document is not None
        context = contexts[passage_id]
        facets["kind"].update({n.kind.value for n in context.entities} or {"passage"})
        for name, value in (
            ("council", document.council),
            ("committee", document.committee),
            ("year", document.meeting_date[:4] if document.meeting_date else None),
        ):
            if value:
                facets[name][value] += 1
        facets["status"].update(
            {str(n.attributes["status"]) for n in context.entities if n.attributes.get("status")}
        )
        facets["theme"].update(labels.get(t, t) for t in context.themes)
    return {
        name: dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20])
        for name, counts in facets.items()
        if counts
    }


@pytest.mark.parametrize(
    "query",
    [
        "care leavers council tax exemption",
        "which recommendations were accepted",
        "police officers in schools",
        "Child Q strip search",
    ],
)
def test_search_facets_count_each_kept_passage(
    sample_kb: KnowledgeBase, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept: list[str] = []
    facets = sample_kb._search_facets

    def spy(passages: list[tuple[StoredPassage, PassageContext]]) -> dict[str, dict[str, int]]:
        kept.extend(passage.id for passage, _ in passages)
        return facets(passages)

    monkeypatch.setattr(sample_kb, "_search_facets", spy)
    response = sample_kb.search(query, 10)
    assert len(kept) == response.total > 10
    assert response.facets == recount(sample_kb, kept)
