"""A networkx view of the stored graph, for traversals the SQL store does not do well.

Only plain values leave this module: node ids, kinds, labels and edge kinds.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import networkx as nx

from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import Store


@dataclass(frozen=True)
class PathStep:
    source: str
    edge: str
    target: str


class GraphView:
    """Documents, passages, entities and their edges as one directed multigraph."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self._graph = graph

    @classmethod
    def from_store(cls, store: Store) -> GraphView:
        graph = nx.MultiDiGraph()
        for node in store.nodes():
            graph.add_node(node.id, kind=node.kind.value, label=node.label)
        for document in store.documents():
            for passage in store.passages_of(document.id):
                graph.add_node(
                    passage.id, kind=NodeKind.PASSAGE.value, label=passage.search_text[:80]
                )
                graph.add_edge(document.id, passage.id, key=EdgeKind.HAS_PASSAGE.value)
        for edge in store.edges():
            graph.add_edge(edge.source, edge.target, key=edge.kind.value)
        return cls(graph)

    @property
    def node_count(self) -> int:
        return int(self._graph.number_of_nodes())

    @property
    def edge_count(self) -> int:
        return int(self._graph.number_of_edges())

    def kind(self, node_id: str) -> str | None:
        data = self._graph.nodes.get(node_id)
        return None if data is None else str(data.get("kind"))

    def neighbours(self, node_id: str) -> list[tuple[str, str, str]]:
        """(edge kind, direction "out" or "in", neighbour id) for every edge of a node."""
        if node_id not in self._graph:
            return []
        out = [(str(k), "out", str(t)) for _, t, k in self._graph.out_edges(node_id, keys=True)]
        into = [(str(k), "in", str(s)) for s, _, k in self._graph.in_edges(node_id, keys=True)]
        return out + into

    def path(self, source: str, target: str) -> list[PathStep]:
        """The shortest chain of edges linking two nodes, in either direction; [] if none."""
        if source not in self._graph or target not in self._graph:
            return []
        undirected = self._graph.to_undirected(as_view=True)
        try:
            nodes = nx.shortest_path(undirected, source, target)
        except nx.NetworkXNoPath:
            return []
        steps = []
        for a, b in pairwise(nodes):
            if self._graph.has_edge(a, b):
                steps.append(PathStep(a, str(next(iter(self._graph[a][b]))), b))
            else:
                steps.append(PathStep(b, str(next(iter(self._graph[b][a]))), a))
        return steps

    def most_connected(self, kind: NodeKind, top: int = 10) -> list[tuple[str, int]]:
        """Nodes of a kind with the most distinct neighbours (e.g. the bodies named most)."""
        ranked = [
            (str(node), len(set(nx.all_neighbors(self._graph, node))))
            for node, data in self._graph.nodes(data=True)
            if data.get("kind") == kind.value
        ]
        ranked.sort(key=lambda pair: (-pair[1], pair[0]))
        return ranked[:top]
