"""What the service returns: the search contract shared by the CLI and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scrutiny.search.engine import Filters as SearchFilters
from scrutiny.search.query import Interpretation
from scrutiny.search.ranking import Explanation

__all__ = ["Explanation", "Interpretation", "SearchFilters"]


@dataclass(frozen=True)
class DocumentRef:
    id: str
    title: str
    council: str | None
    date: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "council": self.council, "date": self.date}


@dataclass(frozen=True)
class EntityRef:
    """The graph entity a hit belongs to (a recommendation with its response, a commitment)."""

    id: str
    kind: str
    label: str
    attributes: dict[str, Any]
    start: int | None
    end: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "attributes": self.attributes,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class SearchHit:
    """One result; ``text`` is always ``canonical_text[start:end]`` of its document.

    The result is a window of consecutive passages; ``id`` names the best passage inside
    it, whose span ``passage_start``..``passage_end`` lies within ``start``..``end``.
    """

    rank: int
    score: float
    kind: str
    id: str
    text: str
    start: int
    end: int
    document: DocumentRef
    section: str | None = None
    entity: EntityRef | None = None
    explanation: Explanation | None = None
    passage_start: int | None = None
    passage_end: int | None = None

    def to_json(self) -> dict[str, Any]:
        payload = {
            "rank": self.rank,
            "score": round(self.score, 6),
            "kind": self.kind,
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "passage": {
                "id": self.id,
                "start": self.start if self.passage_start is None else self.passage_start,
                "end": self.end if self.passage_end is None else self.passage_end,
            },
            "document": self.document.to_json(),
            "entity": self.entity.to_json() if self.entity else None,
        }
        if self.explanation is not None:
            payload["explain"] = self.explanation.to_json()
        return payload


@dataclass(frozen=True)
class SearchResponse:
    query: str
    results: tuple[SearchHit, ...] = field(default_factory=tuple)
    total: int = 0  # candidates above the relevance floor that pass the filters
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    interpretation: Interpretation = field(default_factory=lambda: Interpretation("general"))

    def to_json(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "results": [hit.to_json() for hit in self.results],
            "total": self.total,
            "facets": self.facets,
            "interpretation": self.interpretation.to_json(),
        }


@dataclass(frozen=True)
class PassageView:
    id: str
    ordinal: int
    kind: str
    start: int
    end: int
    section: str | None


@dataclass(frozen=True)
class DocumentView:
    ref: DocumentRef
    source_path: str
    committee: str | None
    source_url: str | None
    format: str
    canonical_text: str
    passages: tuple[PassageView, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.ref.to_json(),
            "committee": self.committee,
            "source_path": self.source_path,
            "source_url": self.source_url,
            "format": self.format,
            "text": self.canonical_text,
            "passages": [
                {"id": p.id, "kind": p.kind, "start": p.start, "end": p.end, "section": p.section}
                for p in self.passages
            ],
        }


@dataclass(frozen=True)
class Officer:
    """Who an API token belongs to: an officer sees restricted documents; an
    administrator also adds documents over the web."""

    name: str
    admin: bool = False


@dataclass(frozen=True)
class TokenInfo:
    name: str
    created_at: str
    role: str


@dataclass(frozen=True)
class IngestFailure:
    path: str
    message: str


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)
    passages: int = 0
    #: Files ingested with a workaround (e.g. text decoded as Windows-1252).
    warnings: list[IngestFailure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(frozen=True)
class EntityQuery:
    """Filters of an entity listing; ``None`` means no constraint."""

    kind: str | None = None
    council: str | None = None
    theme: str | None = None
    organisation: str | None = None
    status: str | None = None
    q: str | None = None
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class EntityView:
    """One node of the graph as the entities API shows it."""

    id: str
    kind: str
    label: str
    text: str
    attributes: dict[str, Any]
    document: DocumentRef | None
    start: int | None
    end: int | None
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
            "text": self.text,
            "attributes": self.attributes,
            "document": self.document.to_json() if self.document else None,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 4),
        }


@dataclass(frozen=True)
class EntityPage:
    total: int
    facets: dict[str, dict[str, int]]
    entities: tuple[EntityView, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "facets": self.facets,
            "entities": [entity.to_json() for entity in self.entities],
        }


@dataclass(frozen=True)
class Neighbour:
    edge: str
    direction: str  # "out": this entity -> neighbour; "in": neighbour -> this entity
    id: str
    kind: str
    label: str

    def to_json(self) -> dict[str, Any]:
        return {
            "edge": self.edge,
            "direction": self.direction,
            "id": self.id,
            "kind": self.kind,
            "label": self.label,
        }


@dataclass(frozen=True)
class MentionView:
    document: DocumentRef
    passage_id: str | None
    start: int
    end: int
    text: str
    repaired_from: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "document": self.document.to_json(),
            "passage": self.passage_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "repaired_from": self.repaired_from,
        }


@dataclass(frozen=True)
class EntityDetail:
    entity: EntityView
    neighbours: tuple[Neighbour, ...]
    mentions: tuple[MentionView, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            **self.entity.to_json(),
            "neighbours": [n.to_json() for n in self.neighbours],
            "mentions": [m.to_json() for m in self.mentions],
        }
