"""Search facets count every kept window once: its document's council, committee and
year, the kinds and statuses of the entities extracted from its passages (or "passage"),
and the themes of the passage it cites (real SQLite store of the sample corpus, hashing
embedder)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pytest

from scrutiny.search.engine import RankedWindow, SearchEngine
from scrutiny.service import KnowledgeBase


def recount(kb: KnowledgeBase, kept: Sequence[RankedWindow]) -> dict[str, dict[str, int]]:
    labels = {c.key: c.pref_label for c in kb.concepts.concepts}
    facets: dict[str, Counter[str]] = {
        name: Counter() for name in ("kind", "council", "committee", "year", "status", "theme")
    }
    for result in kept:
        document = kb.store.document(result.window.document_id)
        assert document is not None
        ids = [p.id for p in result.passages]
        contexts = kb.store.passage_contexts(ids)
        entities = [n for i in ids for n in contexts[i].entities]
        facets["kind"].update({n.kind.value for n in entities} or {"passage"})
        for name, value in (
            ("council", document.council),
            ("committee", document.committee),
            ("year", document.meeting_date[:4] if document.meeting_date else None),
        ):
            if value:
                facets[name][value] += 1
        facets["status"].update(
            {str(n.attributes["status"]) for n in entities if n.attributes.get("status")}
        )
        facets["theme"].update(labels.get(t, t) for t in contexts[result.passage.id].themes)
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
def test_search_facets_count_each_kept_window(
    sample_kb: KnowledgeBase, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept: list[RankedWindow] = []
    facets = SearchEngine._facets

    def spy(engine: SearchEngine, results: Sequence[RankedWindow]) -> dict[str, dict[str, int]]:
        kept.extend(results)
        return facets(engine, results)

    monkeypatch.setattr(SearchEngine, "_facets", spy)
    response = sample_kb.search(query, 10)
    assert len(kept) == response.total > 10
    assert response.facets == recount(sample_kb, kept)
