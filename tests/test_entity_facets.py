from __future__ import annotations

from scrutiny.results import EntityQuery
from scrutiny.service import KnowledgeBase


def test_council_facet_counts_agree_with_the_council_filter(sample_kb: KnowledgeBase) -> None:
    everything = sample_kb.entities(EntityQuery(limit=1))
    for council, count in everything.facets["council"].items():
        filtered = sample_kb.entities(EntityQuery(council=council, limit=1))
        assert filtered.total == count, council


def test_status_facet_of_the_sample_response_table(sample_kb: KnowledgeBase) -> None:
    page = sample_kb.entities(EntityQuery(kind="recommendation", limit=1))
    assert page.facets["status"] == {"accepted": 9, "partially accepted": 3}
