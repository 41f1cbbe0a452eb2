"""Themes across councils and years: what the knowledge base holds on one theme.

A ``ThemeOverview`` gathers, for a theme of the closed vocabulary (and the themes
narrower than it), the documents, recommendations, findings and commitments tagged
with it, counted per year and per council (or other body); the councils and bodies
that address it; findings that recur across reviews; and how each council answered
the theme's recommendations.

What carries a theme: a document, passage or entity with a ``has_theme`` edge to it
(by label or by meaning). A recommendation, finding or commitment carries the theme
when it has such an edge itself or when a passage it was extracted from does.
Decisions (commitments whose ``category`` is ``decision``) record what a meeting
resolved and are left out, as in the tracker.

Recurring findings: the theme's findings are embedded (each distinct text once, kept
across store generations) and grouped by complete linkage: two groups merge when
every pair of their findings from different documents is at least ``threshold``
apart in cosine similarity, so a chain of loosely similar findings never forms a group.
A group is shown when it holds findings of two documents or more ("appears in N
reviews since YEAR"). ``benchmarks/recurring_findings.py`` measures the threshold.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlencode

import numpy as np
import numpy.typing as npt

from scrutiny.errors import NotFoundError
from scrutiny.graph.concepts import KEY_PREFIX, Concept, ConceptScheme
from scrutiny.graph.fields import CommitmentFields, DocumentFields, fields_of
from scrutiny.graph.model import Node, StoredDocument
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import Store, passage_order
from scrutiny.tracker import NO_STATUS, TrackerQuery, TrackerRow, tracker_page

Vectors = npt.NDArray[np.float32]
Embed = Callable[[list[str]], Vectors]

#: The kinds of entity a theme's timeline counts, in the order shown.
MEASURES = ("documents", "recommendations", "findings", "commitments")
#: Publisher name of documents that state neither a council nor a body.
NOT_RECORDED = "Not recorded"
#: Example rows shown per council in the side-by-side responses.
EXAMPLES_PER_COUNCIL = 5
#: Distinct finding texts whose vectors are kept between store generations.
VECTOR_CACHE_SIZE = 20_000
_ENTITY_KINDS = {
    NodeKind.RECOMMENDATION: "recommendations",
    NodeKind.FINDING: "findings",
    NodeKind.COMMITMENT: "commitments",
}


def theme_slug(key: str) -> str:
    """``care-leavers`` from ``theme:care-leavers`` (the key as a URL path segment)."""
    return key.removeprefix(KEY_PREFIX)


def _year(value: str | None) -> int | None:
    if value and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


@dataclass(frozen=True)
class Counts:
    """How many documents, recommendations, findings and commitments."""

    documents: int = 0
    recommendations: int = 0
    findings: int = 0
    commitments: int = 0

    def get(self, measure: str) -> int:
        value: int = getattr(self, measure)
        return value

    def to_json(self) -> dict[str, int]:
        return {measure: self.get(measure) for measure in MEASURES}


@dataclass(frozen=True)
class Publisher:
    """A council or other body (a partnership, a parliament, an inquiry) that published
    documents on the theme; ``kind`` is council, body or unknown (neither recorded)."""

    name: str
    kind: str
    counts: Counts

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, **self.counts.to_json()}


@dataclass(frozen=True)
class TimelineCell:
    """What one publisher published on the theme in one year (None: undated)."""

    year: int | None
    publisher: str
    counts: Counts

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "publisher": self.publisher, **self.counts.to_json()}


@dataclass(frozen=True)
class FindingRef:
    """A finding with where it was made, linked to its source passage."""

    id: str
    text: str
    document_id: str
    document_title: str
    publisher: str
    date: str | None
    passage_id: str | None

    @property
    def year(self) -> int | None:
        return _year(self.date)

    @property
    def source_link(self) -> str:
        document = f"/documents/{self.document_id}"
        if self.passage_id is None:
            return document
        return f"{document}?passage={self.passage_id}#{self.passage_id}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "document": {"id": self.document_id, "title": self.document_title,
                         "date": self.date, "link": f"/documents/{self.document_id}"},
            "publisher": self.publisher,
            "source": {"passage": self.passage_id, "link": self.source_link},
        }  # fmt: skip


@dataclass(frozen=True)
class RecurringGroup:
    """Near-identical findings made by different reviews, earliest first."""

    findings: tuple[FindingRef, ...]
    similarity: float  # the lowest cosine between two of its findings from different reviews

    @property
    def reviews(self) -> int:
        return len({finding.document_id for finding in self.findings})

    @property
    def since(self) -> int | None:
        years = [finding.year for finding in self.findings if finding.year is not None]
        return min(years) if years else None

    @property
    def label(self) -> str:
        since = f" since {self.since}" if self.since is not None else ""
        return f"appears in {self.reviews} reviews{since}"

    def to_json(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "reviews": self.reviews,
            "since": self.since,
            "similarity": round(self.similarity, 4),
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass(frozen=True)
class CouncilResponses:
    """How one council (or body) answered the theme's recommendations."""

    publisher: str
    total: int
    statuses: tuple[tuple[str, int], ...]  # (status, or "none"; count), most frequent first
    examples: tuple[TrackerRow, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "total": self.total,
            "statuses": [{"status": status, "count": count} for status, count in self.statuses],
            "examples": [row.to_json() for row in self.examples],
        }


@dataclass(frozen=True)
class ThemeSummary:
    """A theme with its totals, for the list of themes."""

    key: str
    label: str
    broader: tuple[str, ...]  # keys
    counts: Counts
    publishers: int

    @property
    def slug(self) -> str:
        return theme_slug(self.key)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "slug": self.slug,
            "label": self.label,
            "broader": list(self.broader),
            **self.counts.to_json(),
            "publishers": self.publishers,
        }


@dataclass(frozen=True)
class ThemeOverview:
    """Everything the knowledge base holds on one theme (see the module docstring)."""

    key: str
    label: str
    definition: str | None
    alt_labels: tuple[str, ...]
    broader: tuple[tuple[str, str], ...]  # (key, label)
    narrower: tuple[tuple[str, str], ...]  # (key, label), counted in with the theme
    counts: Counts
    years: tuple[int | None, ...]  # ascending, None (undated) last
    timeline: tuple[TimelineCell, ...]
    publishers: tuple[Publisher, ...]  # most documents first
    recurring: tuple[RecurringGroup, ...]
    recurring_threshold: float
    responses: tuple[CouncilResponses, ...]  # most recommendations first

    @property
    def slug(self) -> str:
        return theme_slug(self.key)

    @property
    def search_link(self) -> str:
        """Search restricted to the theme, for its label."""
        return "/search?" + urlencode({"q": self.label, "theme": self.slug})

    @property
    def tracker_link(self) -> str:
        return "/tracker?" + urlencode({"theme": self.slug})

    @property
    def councils(self) -> tuple[Publisher, ...]:
        return tuple(p for p in self.publishers if p.kind == "council")

    def cell(self, year: int | None, publisher: str) -> Counts:
        return next(
            (c.counts for c in self.timeline if c.year == year and c.publisher == publisher),
            Counts(),
        )

    def year_total(self, year: int | None) -> Counts:
        cells = [c.counts for c in self.timeline if c.year == year]
        return Counts(*(sum(c.get(m) for c in cells) for m in MEASURES))

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "slug": self.slug,
            "label": self.label,
            "definition": self.definition,
            "alt_labels": list(self.alt_labels),
            "broader": [{"key": key, "label": label} for key, label in self.broader],
            "narrower": [{"key": key, "label": label} for key, label in self.narrower],
            **self.counts.to_json(),
            "years": list(self.years),
            "timeline": [cell.to_json() for cell in self.timeline],
            "publishers": [publisher.to_json() for publisher in self.publishers],
            "recurring_findings": {
                "threshold": self.recurring_threshold,
                "groups": [group.to_json() for group in self.recurring],
            },
            "responses": [council.to_json() for council in self.responses],
            "links": {"search": self.search_link, "tracker": self.tracker_link},
        }


# --- recurring findings ------------------------------------------------------------------


def recurring_groups(
    findings: Sequence[FindingRef], vectors: Vectors, threshold: float
) -> tuple[RecurringGroup, ...]:
    """Findings of different documents grouped by complete linkage at ``threshold``
    (cosine of L2-normalised ``vectors``, one row per finding); only groups spanning
    two documents or more, the most reviews first."""
    count = len(findings)
    if count < 2:
        return ()
    similarity = np.asarray(vectors @ vectors.T, dtype=np.float64)
    documents = [finding.document_id for finding in findings]
    other = np.array([[a != b for b in documents] for a in documents])
    clusters: dict[int, list[int]] = {i: [i] for i in range(count)}
    owner = list(range(count))
    pairs = [
        (float(similarity[i, j]), i, j)
        for i in range(count)
        for j in range(i + 1, count)
        if other[i, j] and similarity[i, j] >= threshold
    ]
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        a, b = owner[i], owner[j]
        if a == b:
            continue
        block = similarity[np.ix_(clusters[a], clusters[b])]
        mask = other[np.ix_(clusters[a], clusters[b])]
        if not bool(np.all(block[mask] >= threshold)):
            continue
        for member in clusters[b]:
            owner[member] = a
        clusters[a].extend(clusters.pop(b))
    groups = []
    for members in clusters.values():
        if len({documents[m] for m in members}) < 2:
            continue
        cross = [
            float(similarity[i, j])
            for i in members
            for j in members
            if i < j and documents[i] != documents[j]
        ]
        ordered = sorted(
            (findings[m] for m in members), key=lambda f: (f.date is None, f.date or "", f.id)
        )
        groups.append(RecurringGroup(tuple(ordered), min(cross)))
    groups.sort(key=lambda g: (-g.reviews, -g.similarity, g.findings[0].id))
    return tuple(groups)


class _VectorCache:
    """Vectors of finding texts, each distinct text embedded once (least recently used
    texts are dropped past ``VECTOR_CACHE_SIZE``)."""

    def __init__(self, embed: Embed) -> None:
        self._embed = embed
        self._vectors: OrderedDict[str, Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def vectors(self, texts: Sequence[str]) -> Vectors:
        with self._lock:
            missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
            if missing:
                for text, vector in zip(missing, self._embed(missing), strict=True):
                    self._vectors[text] = np.asarray(vector, dtype=np.float32)
            for text in texts:
                self._vectors.move_to_end(text)
            rows = [self._vectors[text] for text in texts]
            while len(self._vectors) > VECTOR_CACHE_SIZE:
                self._vectors.popitem(last=False)
        if not rows:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack(rows)


# --- what the store says of every theme --------------------------------------------------


@dataclass
class _Snapshot:
    """Theme membership read once from one state of the store."""

    documents: dict[str, StoredDocument]
    bodies: dict[str, str | None]
    entities: dict[str, Node]  # recommendations, findings, commitments (not decisions)
    sources: dict[str, list[str]]  # entity -> passages it was extracted from
    themed_documents: dict[str, set[str]] = field(default_factory=dict)  # theme -> documents
    themed_entities: dict[str, set[str]] = field(default_factory=dict)  # theme -> entities
    recommendation_rows: dict[str, TrackerRow] = field(default_factory=dict)

    def publisher(self, document_id: str | None) -> tuple[str, str]:
        """(name, kind) of whoever published a document."""
        document = self.documents.get(document_id or "")
        if document is not None and document.council:
            return document.council, "council"
        body = self.bodies.get(document_id or "")
        if body:
            return body, "body"
        return NOT_RECORDED, "unknown"


def read_snapshot(store: Store, today: date) -> _Snapshot:
    """Every theme's documents and entities in the store's current state."""
    documents = {document.id: document for document in store.documents()}
    bodies: dict[str, str | None] = {}
    for node in store.nodes(NodeKind.DOCUMENT):
        fields = fields_of(node)
        body = fields.body if isinstance(fields, DocumentFields) else None
        bodies[node.id] = body if body and body.strip() else None
    entities: dict[str, Node] = {}
    for kind in _ENTITY_KINDS:
        for node in store.nodes(kind):
            fields = fields_of(node)
            if isinstance(fields, CommitmentFields) and fields.is_decision:
                continue
            if node.document_id in documents:
                entities[node.id] = node
    sources: dict[str, list[str]] = {}
    themes_of: dict[str, set[str]] = {}  # tagged node (document, passage, entity) -> themes
    snapshot = _Snapshot(documents, bodies, entities, sources)
    for edge in store.edges():
        if edge.kind is EdgeKind.HAS_THEME:
            themes_of.setdefault(edge.source, set()).add(edge.target)
            if edge.document_id in documents:
                snapshot.themed_documents.setdefault(edge.target, set()).add(edge.document_id)
        elif edge.kind is EdgeKind.EXTRACTED_FROM and edge.source in entities:
            sources.setdefault(edge.source, []).append(edge.target)
    for passages in sources.values():
        passages.sort(key=passage_order)
    for entity_id in entities:
        themes = set(themes_of.get(entity_id, ()))
        for passage in sources.get(entity_id, ()):
            themes |= themes_of.get(passage, set())
        for theme in themes:
            snapshot.themed_entities.setdefault(theme, set()).add(entity_id)
    page = tracker_page(store, TrackerQuery(kind="recommendation", limit=None), _no_theme, today)
    snapshot.recommendation_rows = {row.id: row for row in page.rows}
    return snapshot


def _no_theme(_: str) -> tuple[str, ...]:
    return ()


class ThemeAtlas:
    """Theme overviews over a store, cached per store state and audience (``state``:
    any hashable naming them, e.g. (generation, restricted))."""

    def __init__(self, scheme: ConceptScheme, embed: Embed, threshold: float) -> None:
        self.scheme = scheme
        self.threshold = threshold
        self._vectors = _VectorCache(embed)
        self._snapshots: OrderedDict[tuple[object, date], _Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def concept(self, key: str) -> Concept:
        """A theme by key (``theme:care-leavers`` or ``care-leavers``) or label, any case."""
        wanted = key.strip().casefold()
        for concept in self.scheme:
            names = {concept.key.casefold(), theme_slug(concept.key).casefold()}
            names |= {label.casefold() for label in concept.labels}
            if wanted in names:
                return concept
        raise NotFoundError(f"no theme '{key[:80]}'")

    def family(self, concept: Concept) -> tuple[Concept, ...]:
        """The concept and every concept narrower than it, at any depth."""
        found = [concept]
        seen = {concept.uri}
        for current in found:
            for narrower in self.scheme.narrower(current.uri):
                if narrower.uri not in seen:
                    seen.add(narrower.uri)
                    found.append(narrower)
        return tuple(found)

    def _snapshot(self, store: Store, state: object, today: date) -> _Snapshot:
        key = (state, today)
        with self._lock:
            cached = self._snapshots.get(key)
        if cached is not None:
            return cached
        snapshot = read_snapshot(store, today)
        with self._lock:
            self._snapshots[key] = snapshot
            while len(self._snapshots) > 4:
                self._snapshots.popitem(last=False)
        return snapshot

    def _members(self, snapshot: _Snapshot, concept: Concept) -> tuple[set[str], set[str]]:
        documents: set[str] = set()
        entities: set[str] = set()
        for member in self.family(concept):
            documents |= snapshot.themed_documents.get(member.key, set())
            entities |= snapshot.themed_entities.get(member.key, set())
        # An entity on the theme puts its document on it too.
        for entity_id in entities:
            document_id = snapshot.entities[entity_id].document_id
            if document_id is not None:
                documents.add(document_id)
        return documents, entities

    def summaries(self, store: Store, state: object, today: date) -> tuple[ThemeSummary, ...]:
        """Every theme of the vocabulary with its totals, most documents first."""
        snapshot = self._snapshot(store, state, today)
        summaries = []
        for concept in self.scheme:
            documents, entities = self._members(snapshot, concept)
            counts = _counts(snapshot, documents, entities)
            publishers = {snapshot.publisher(d)[0] for d in documents} - {NOT_RECORDED}
            broader = tuple(
                parent.key for uri in concept.broader if (parent := self.scheme.by_uri(uri))
            )
            summaries.append(
                ThemeSummary(concept.key, concept.pref_label, broader, counts, len(publishers))
            )
        summaries.sort(key=lambda s: (-s.counts.documents, s.label.casefold()))
        return tuple(summaries)

    def overview(self, store: Store, key: str, state: object, today: date) -> ThemeOverview:
        concept = self.concept(key)
        snapshot = self._snapshot(store, state, today)
        documents, entities = self._members(snapshot, concept)
        cells: dict[tuple[int | None, str], Counter[str]] = {}
        publishers: dict[str, tuple[str, Counter[str]]] = {}

        def count(document_id: str | None, measure: str) -> None:
            document = snapshot.documents.get(document_id or "")
            name, kind = snapshot.publisher(document_id)
            year = _year(document.meeting_date) if document else None
            cells.setdefault((year, name), Counter())[measure] += 1
            publishers.setdefault(name, (kind, Counter()))[1][measure] += 1

        for document_id in documents:
            count(document_id, "documents")
        for entity_id in entities:
            node = snapshot.entities[entity_id]
            count(node.document_id, _ENTITY_KINDS[node.kind])
        years = sorted({year for year, _ in cells}, key=lambda y: (y is None, y or 0))
        ranked = sorted(
            publishers.items(),
            key=lambda item: (item[0] == NOT_RECORDED, -item[1][1]["documents"],
                              -sum(item[1][1].values()), item[0].casefold()),
        )  # fmt: skip
        order = {name: rank for rank, (name, _) in enumerate(ranked)}
        timeline = tuple(
            TimelineCell(year, name, _counter_counts(counter))
            for (year, name), counter in sorted(
                cells.items(), key=lambda c: ((c[0][0] is None, c[0][0] or 0), order[c[0][1]])
            )
        )
        return ThemeOverview(
            key=concept.key,
            label=concept.pref_label,
            definition=concept.definition,
            alt_labels=concept.alt_labels,
            broader=tuple(
                (parent.key, parent.pref_label)
                for uri in concept.broader
                if (parent := self.scheme.by_uri(uri))
            ),
            narrower=tuple((c.key, c.pref_label) for c in self.family(concept)[1:]),
            counts=_counts(snapshot, documents, entities),
            years=tuple(years),
            timeline=timeline,
            publishers=tuple(
                Publisher(name, kind, _counter_counts(counter)) for name, (kind, counter) in ranked
            ),
            recurring=self._recurring(snapshot, entities),
            recurring_threshold=self.threshold,
            responses=_responses(snapshot, entities),
        )

    def _recurring(
        self, snapshot: _Snapshot, entities: Iterable[str]
    ) -> tuple[RecurringGroup, ...]:
        findings = []
        for entity_id in sorted(entities):
            node = snapshot.entities[entity_id]
            if node.kind is not NodeKind.FINDING or node.document_id is None:
                continue
            document = snapshot.documents[node.document_id]
            passages = snapshot.sources.get(entity_id)
            findings.append(
                FindingRef(
                    id=node.id,
                    text=(node.text or node.label).strip(),
                    document_id=document.id,
                    document_title=document.title,
                    publisher=snapshot.publisher(document.id)[0],
                    date=document.meeting_date,
                    passage_id=passages[0] if passages else None,
                )
            )
        if len({finding.document_id for finding in findings}) < 2:
            return ()
        vectors = self._vectors.vectors([finding.text for finding in findings])
        return recurring_groups(findings, vectors, self.threshold)


def _counter_counts(counter: Counter[str]) -> Counts:
    return Counts(*(counter[measure] for measure in MEASURES))


def _counts(snapshot: _Snapshot, documents: set[str], entities: set[str]) -> Counts:
    kinds = Counter(_ENTITY_KINDS[snapshot.entities[e].kind] for e in entities)
    return Counts(len(documents), kinds["recommendations"], kinds["findings"], kinds["commitments"])


def _responses(snapshot: _Snapshot, entities: set[str]) -> tuple[CouncilResponses, ...]:
    by_publisher: dict[str, list[TrackerRow]] = {}
    for row in snapshot.recommendation_rows.values():
        if row.id in entities:
            name = snapshot.publisher(row.document_id)[0]
            by_publisher.setdefault(name, []).append(row)
    councils = []
    for name, rows in by_publisher.items():
        statuses = Counter((row.status or NO_STATUS).lower() for row in rows)
        # Answered rows first, then the newest documents, then document order.
        examples = sorted(
            rows,
            key=lambda r: (r.status is None, r.date is None, _negated(r.date or ""),
                           r.document_id or "", r.start or 0),
        )[:EXAMPLES_PER_COUNCIL]  # fmt: skip
        councils.append(
            CouncilResponses(
                name,
                len(rows),
                tuple(sorted(statuses.items(), key=lambda s: (-s[1], s[0]))),
                tuple(examples),
            )
        )
    councils.sort(key=lambda c: (c.publisher == NOT_RECORDED, -c.total, c.publisher.casefold()))
    return tuple(councils)


def _negated(iso: str) -> str:
    """A string that sorts in the reverse order of ISO dates."""
    return "".join(chr(0x10FFFF - ord(char)) for char in iso)
