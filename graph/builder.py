"""Turn a parsed document (and what was extracted from it) into graph nodes and edges."""

from __future__ import annotations

import re
import unicodedata

from scrutiny.graph.model import Edge, GraphBatch, Node
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.ingest.records import ParsedDocument


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def council_id(name: str) -> str:
    return f"council:{slug(name)}"


def committee_id(name: str, council: str | None) -> str:
    return f"committee:{slug(f'{council} {name}' if council else name)}"


def document_batch(document_id: str, parsed: ParsedDocument) -> GraphBatch:
    """Document, meeting, committee and council nodes stated by the document's metadata."""
    meta = parsed.metadata
    nodes = [
        Node(
            id=document_id,
            kind=NodeKind.DOCUMENT,
            label=meta.title,
            document_id=document_id,
            start=0,
            end=len(parsed.canonical_text),
            attributes={
                "council": meta.council,
                "committee": meta.committee,
                "date": meta.meeting_date,
                "source_path": parsed.source_path,
                "source_url": meta.source_url,
            },
        )
    ]
    edges: list[Edge] = []
    if meta.council:
        nodes.append(Node(id=council_id(meta.council), kind=NodeKind.COUNCIL, label=meta.council))
        edges.append(
            Edge(document_id, EdgeKind.PUBLISHED_BY, council_id(meta.council), document_id)
        )
    if meta.committee:
        committee = committee_id(meta.committee, meta.council)
        nodes.append(
            Node(
                id=committee,
                kind=NodeKind.COMMITTEE,
                label=meta.committee,
                attributes={"council": meta.council},
            )
        )
        if meta.council:
            edges.append(Edge(committee, EdgeKind.PART_OF, council_id(meta.council), document_id))
        if meta.meeting_date:
            meeting = f"{document_id}-meeting"
            nodes.append(
                Node(
                    id=meeting,
                    kind=NodeKind.MEETING,
                    label=f"{meta.committee}, {meta.meeting_date}",
                    document_id=document_id,
                    attributes={
                        "council": meta.council,
                        "committee": meta.committee,
                        "date": meta.meeting_date,
                    },
                )
            )
            edges.append(Edge(document_id, EdgeKind.RECORDS, meeting, document_id))
            edges.append(Edge(meeting, EdgeKind.HELD_BY, committee, document_id))
    return GraphBatch(tuple(nodes), tuple(edges))
