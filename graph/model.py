"""Typed rows of the knowledge base, as the store reads and writes them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from scrutiny.graph.schema import EdgeKind, NodeKind

AttributeValue = str | int | float | bool | None | tuple[str, ...] | list[str]


@dataclass(frozen=True)
class StoredDocument:
    id: str
    source_path: str
    sha256: str
    format: str
    title: str
    council: str | None
    committee: str | None
    meeting_date: str | None
    source_url: str | None
    passage_count: int
    ingested_at: str
    visibility: str = "public"


@dataclass(frozen=True)
class StoredPassage:
    row_id: int
    id: str
    document_id: str
    ordinal: int
    kind: str
    start: int
    end: int
    section: str | None
    search_text: str


@dataclass(frozen=True)
class StoredWindow:
    """A ranking window: passages ``first_ordinal``..``last_ordinal`` of a document, cited
    as ``canonical_text[start:end]``."""

    row_id: int
    document_id: str
    first_ordinal: int
    last_ordinal: int
    start: int
    end: int


@dataclass(frozen=True)
class Node:
    """A node of the graph. ``attributes`` holds its kind-specific fields as the store
    keeps them (a JSON object); ``scrutiny.graph.fields.fields_of`` reads them as the
    kind's typed record."""

    id: str
    kind: NodeKind
    label: str
    document_id: str | None = None  # None for nodes shared across documents
    start: int | None = None
    end: int | None = None
    confidence: float = 1.0
    text: str = ""
    attributes: dict[str, AttributeValue] = field(default_factory=dict, hash=False)

    def attributes_json(self) -> str:
        return json.dumps(self.attributes, sort_keys=True, default=list)

    @staticmethod
    def parse_attributes(raw: str | None) -> dict[str, Any]:
        return dict(json.loads(raw)) if raw else {}


@dataclass(frozen=True)
class Edge:
    source: str
    kind: EdgeKind
    target: str
    document_id: str | None = None  # the document this edge was extracted from
    confidence: float = 1.0


@dataclass(frozen=True)
class MentionRow:
    """Where a node is named in a document; ``repaired_from`` keeps a corrected mis-hearing."""

    node_id: str
    document_id: str
    passage_id: str | None
    start: int
    end: int
    surface: str
    repaired_from: str | None = None


@dataclass(frozen=True)
class GraphBatch:
    """Everything one document contributes to the graph."""

    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    mentions: tuple[MentionRow, ...] = ()


@dataclass(frozen=True)
class NodeFilter:
    """Which nodes an entity listing wants; ``None`` means no constraint."""

    kind: NodeKind | None = None
    council: str | None = None  # part of the council's name, any case
    theme_ids: tuple[str, ...] | None = None  # linked by has_theme to one of these
    organisation_ids: tuple[str, ...] | None = None  # linked either way to one of these
    status: str | None = None
    text: str | None = None  # every word appears in the label or the text
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class NodeRecord:
    """A node with the document it was extracted from, as listings return it."""

    node: Node
    document: StoredDocument | None


@dataclass(frozen=True)
class NodePage:
    total: int
    records: tuple[NodeRecord, ...]
    facets: dict[str, dict[str, int]]


@dataclass(frozen=True)
class PassageContext:
    """What the graph knows about a passage: entities extracted from it, what it names."""

    entities: tuple[Node, ...] = ()
    mentioned: frozenset[str] = frozenset()  # case and organisation node ids
    themes: frozenset[str] = frozenset()
