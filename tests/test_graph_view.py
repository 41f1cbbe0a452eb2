from __future__ import annotations

from scrutiny.graph.schema import NodeKind
from scrutiny.graph.view import GraphView
from scrutiny.service import KnowledgeBase


def test_the_view_holds_every_stored_node_edge_and_passage(sample_kb: KnowledgeBase) -> None:
    view = GraphView.from_store(sample_kb.store)
    stored_nodes = len(sample_kb.store.nodes())
    assert view.node_count >= stored_nodes + sample_kb.store.passage_count()
    assert view.edge_count >= len(sample_kb.store.edges())


def test_a_recommendation_links_to_its_response_owner_and_passage(
    sample_kb: KnowledgeBase,
) -> None:
    view = GraphView.from_store(sample_kb.store)
    recommendation = next(
        n.id
        for n in sample_kb.store.nodes(NodeKind.RECOMMENDATION)
        if n.attributes.get("number") == "7"
    )
    edges = {(kind, direction) for kind, direction, _ in view.neighbours(recommendation)}
    assert ("responds_to", "in") in edges
    assert ("owned_by", "out") in edges
    assert ("extracted_from", "out") in edges


def test_paths_connect_a_case_to_the_councils_that_discussed_it(
    sample_kb: KnowledgeBase,
) -> None:
    view = GraphView.from_store(sample_kb.store)
    steps = view.path("case:child-q", "council:london-borough-of-camden")
    assert steps, "Child Q is mentioned in a passage of a Camden document"
    touched = {step.source for step in steps} | {step.target for step in steps}
    assert "case:child-q" in touched and "council:london-borough-of-camden" in touched
    assert view.path("case:child-q", "no-such-node") == []


def test_most_connected_organisations(sample_kb: KnowledgeBase) -> None:
    view = GraphView.from_store(sample_kb.store)
    ranked = view.most_connected(NodeKind.ORGANISATION, top=5)
    assert len(ranked) == 5
    assert all(view.kind(node) == "organisation" for node, _ in ranked)
    assert [count for _, count in ranked] == sorted((c for _, c in ranked), reverse=True)
