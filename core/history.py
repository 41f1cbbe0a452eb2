"""An entity's history: what its own document recorded, then what later documents said
of it (``scrutiny.graph.history`` finds those links), each step dated and cited, and the
position as at a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote

from scrutiny.errors import NotFoundError
from scrutiny.graph.fields import CommitmentFields, RecommendationFields, fields_of, status_of
from scrutiny.graph.history import (
    LINKED_KINDS,
    RECORDED,
    HistoryEntry,
    history_entries,
    latest_stated,
    position_at,
)
from scrutiny.graph.model import Node
from scrutiny.graph.schema import EdgeKind
from scrutiny.graph.store import Store
from scrutiny.ingest.extract.records import ResponseStatus

__all__ = ["EntityHistory", "HistoryEntry", "entity_history", "latest_position"]


def _recorded(store: Store, node: Node) -> HistoryEntry | None:
    """The entity's own document: the status its response there gives (else the
    entity's own), the progress it records, cited at the response or the entity."""
    if node.document_id is None:
        return None
    document = store.document(node.document_id)
    if document is None:
        return None
    cited = node
    fields = fields_of(node)
    status = status_of(fields)
    for edge in store.edges_touching(node.id):
        if edge.kind is EdgeKind.RESPONDS_TO and edge.target == node.id:
            response = store.node(edge.source)
            if response is not None and response.document_id == node.document_id:
                status = status_of(fields_of(response)) or status
                cited = response
                break
    progress = (
        fields.progress if isinstance(fields, RecommendationFields | CommitmentFields) else None
    )
    return HistoryEntry(
        date=document.meeting_date,
        document_id=document.id,
        document_title=document.title,
        status=status,
        progress=progress or None,
        passage_id=store.source_passage(cited.id),
        start=cited.start,
        end=cited.end,
        confidence=cited.confidence,
        basis=RECORDED,
    )


def _linked(store: Store, entity_id: str) -> list[HistoryEntry]:
    entries = []
    for link in store.status_links(entity_id):
        document = store.document(link.document_id)
        if document is None:
            continue
        entries.append(
            HistoryEntry(
                date=link.date,
                document_id=link.document_id,
                document_title=document.title,
                status=link.status,
                progress=link.progress,
                passage_id=link.passage_id,
                start=link.start,
                end=link.end,
                confidence=link.confidence,
                basis=link.basis.value,
            )
        )
    return entries


def _document_link(document_id: str) -> str:
    return f"/documents/{quote(document_id, safe='')}"


def _entry_json(entry: HistoryEntry) -> dict[str, Any]:
    link = _document_link(entry.document_id)
    passage = None
    if entry.passage_id is not None:
        quoted = quote(entry.passage_id, safe="")
        passage = {
            "id": entry.passage_id,
            "start": entry.start,
            "end": entry.end,
            "link": f"{link}?passage={quoted}#{quoted}",
        }
    return {
        "date": entry.date,
        "document": {"id": entry.document_id, "title": entry.document_title, "link": link},
        "status": None if entry.status is None else entry.status.value,
        "progress": entry.progress,
        "evidence": passage,
        "confidence": round(entry.confidence, 4),
        "basis": entry.basis,
    }


@dataclass(frozen=True)
class EntityHistory:
    """An entity's dated history; with ``as_at``, ``position`` is the latest entry on or
    before that date (None when nothing was recorded by then)."""

    entity_id: str
    kind: str
    entries: tuple[HistoryEntry, ...]
    as_at: str | None = None
    position: HistoryEntry | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity_id,
            "kind": self.kind,
            "as_at": self.as_at,
            "position": None if self.position is None else _entry_json(self.position),
            "entries": [_entry_json(entry) for entry in self.entries],
        }


def entity_history(store: Store, entity_id: str, as_at: date | None = None) -> EntityHistory:
    """The history of an entity (recommendations and commitments have one; other kinds
    an empty one), and its position ``as_at`` a date when given."""
    node = store.node(entity_id)
    if node is None:
        raise NotFoundError(f"no entity with id '{entity_id}'")
    if node.kind not in LINKED_KINDS:
        entries: tuple[HistoryEntry, ...] = ()
    else:
        entries = history_entries(_recorded(store, node), _linked(store, entity_id))
    when = None if as_at is None else as_at.isoformat()
    position = None if when is None else position_at(entries, when)
    return EntityHistory(node.id, node.kind.value, entries, when, position)


def latest_position(
    store: Store, entity_id: str, as_at: date
) -> tuple[ResponseStatus | None, str | None] | None:
    """The latest status and progress later documents stated of an entity on or before
    ``as_at`` (each from the last one stating it), or None when none reports on it."""
    links = store.status_links(entity_id)
    if not links:
        return None
    entries = [
        HistoryEntry(link.date, link.document_id, "", link.status, link.progress,
                     link.passage_id, link.start, link.end, link.confidence, link.basis.value)
        for link in links
    ]  # fmt: skip
    return latest_stated(history_entries(None, entries), as_at.isoformat())
