"""Turn a parsed document (and what was extracted from it) into graph nodes and edges."""

from __future__ import annotations

import bisect
import re
import unicodedata

from scrutiny.graph.fields import (
    CaseFields,
    CommitmentFields,
    CommitteeFields,
    CouncilFields,
    DocumentFields,
    FindingFields,
    MeetingFields,
    NodeFields,
    OrganisationFields,
    PersonFields,
    RecommendationFields,
    ResponseFields,
    ThemeFields,
    fields_for,
)
from scrutiny.graph.model import Edge, GraphBatch, MentionRow, Node
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import passage_id
from scrutiny.ingest.extract.records import (
    Case,
    Commitment,
    Committee,
    Council,
    Entity,
    Extraction,
    Finding,
    Meeting,
    Organisation,
    Person,
    Recommendation,
    Response,
    Theme,
)
from scrutiny.ingest.records import ParsedDocument, Span

#: Most passages an extracted entity is linked to as its provenance.
MAX_SOURCE_PASSAGES = 3


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def council_id(name: str) -> str:
    return f"council:{slug(name)}"


def committee_id(name: str, council: str | None) -> str:
    return f"committee:{slug(f'{council} {name}' if council else name)}"


def build_document_graph(
    document_id: str, parsed: ParsedDocument, extraction: Extraction
) -> GraphBatch:
    """Everything a document contributes: its metadata nodes and what was extracted."""
    extracted_meeting = next((e for e in extraction.entities if isinstance(e, Meeting)), None)
    base = document_batch(document_id, parsed, with_meeting=extracted_meeting is None)
    extracted = _ExtractionGraph(document_id, parsed, extraction).batch()
    edges = list(extracted.edges)
    if extracted_meeting is not None:
        meeting = f"{document_id}-{extracted_meeting.key}"
        edges.append(Edge(document_id, EdgeKind.RECORDS, meeting, document_id))
        committee_name = extracted_meeting.committee or parsed.metadata.committee
        if committee_name:
            council = extracted_meeting.council or parsed.metadata.council
            committee = committee_id(committee_name, parsed.metadata.council)
            edges.append(Edge(meeting, EdgeKind.HELD_BY, committee, document_id))
            if not any(n.id == committee for n in base.nodes):
                fields = CommitteeFields(council=council)
                extra = Node(committee, NodeKind.COMMITTEE, committee_name,
                             attributes=fields.to_attributes())  # fmt: skip
                base = GraphBatch((*base.nodes, extra), base.edges)
    return GraphBatch(
        nodes=(*base.nodes, *extracted.nodes),
        edges=(*base.edges, *edges),
        mentions=extracted.mentions,
    )


def document_batch(
    document_id: str, parsed: ParsedDocument, *, with_meeting: bool = True
) -> GraphBatch:
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
            attributes=DocumentFields(
                council=meta.council,
                committee=meta.committee,
                date=meta.meeting_date,
                source_path=parsed.source_path,
                source_url=meta.source_url,
                body=meta.body,
            ).to_attributes(),
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
                attributes=CommitteeFields(council=meta.council).to_attributes(),
            )
        )
        if meta.council:
            edges.append(Edge(committee, EdgeKind.PART_OF, council_id(meta.council), document_id))
        if meta.meeting_date and with_meeting:
            meeting = f"{document_id}-meeting"
            nodes.append(
                Node(
                    id=meeting,
                    kind=NodeKind.MEETING,
                    label=f"{meta.committee}, {meta.meeting_date}",
                    document_id=document_id,
                    attributes=MeetingFields(
                        council=meta.council, committee=meta.committee, date=meta.meeting_date
                    ).to_attributes(),
                )
            )
            edges.append(Edge(document_id, EdgeKind.RECORDS, meeting, document_id))
            edges.append(Edge(meeting, EdgeKind.HELD_BY, committee, document_id))
    return GraphBatch(tuple(nodes), tuple(edges))


class _ExtractionGraph:
    """Nodes, edges and mentions for one document's extraction."""

    def __init__(self, document_id: str, parsed: ParsedDocument, extraction: Extraction) -> None:
        self.document_id = document_id
        self.extraction = extraction
        self.passages = [(p.span, passage_id(document_id, p.ordinal)) for p in parsed.passages]
        self._starts = [span.start for span, _ in self.passages]
        self._ends = [span.end for span, _ in self.passages]
        # Passages come in text order (transcript windows overlap but still advance), so
        # the ones touching a span are found by bisection; otherwise every one is tried.
        self._ordered = self._starts == sorted(self._starts) and self._ends == sorted(self._ends)
        self.local_keys = {e.key for e in extraction.entities if not e.global_scope}

    def node_id(self, key: str) -> str:
        return f"{self.document_id}-{key}" if key in self.local_keys else key

    def passages_for(self, span: Span) -> list[str]:
        """Passages holding the span: those containing it whole, else those overlapping it."""
        if self._ordered:
            low = bisect.bisect_left(self._ends, span.start)
            high = bisect.bisect_right(self._starts, span.end)
            near = self.passages[low:high] if high > low else []
        else:
            near = self.passages
        containing = [pid for s, pid in near if s.start <= span.start and span.end <= s.end]
        if containing:
            return containing[:1]
        overlapping = [pid for s, pid in near if s.start < span.end and span.start < s.end]
        return overlapping[:MAX_SOURCE_PASSAGES]

    def batch(self) -> GraphBatch:
        responses = {
            e.recommendation_key: e for e in self.extraction.entities if isinstance(e, Response)
        }
        nodes: list[Node] = []
        edges: list[Edge] = []
        for entity in self.extraction.entities:
            nodes.append(self._node(entity, responses))
            if entity.global_scope:
                continue
            for source in self.passages_for(entity.span):
                edges.append(
                    Edge(self.node_id(entity.key), EdgeKind.EXTRACTED_FROM, source,
                         self.document_id, entity.confidence)
                )  # fmt: skip
        recommendation_of = {
            e.key: e.recommendation_key for e in self.extraction.entities if isinstance(e, Response)
        }
        for link in self.extraction.links:
            if link.kind.value == EdgeKind.OWNED_BY and link.source_key in recommendation_of:
                # The recommendation is owned by whoever its response names.
                owner = Edge(self.node_id(recommendation_of[link.source_key]), EdgeKind.OWNED_BY,
                             self.node_id(link.target_key), self.document_id)  # fmt: skip
                edges.append(owner)
            edges.append(
                Edge(self.node_id(link.source_key), EdgeKind(link.kind.value),
                     self.node_id(link.target_key), self.document_id)
            )  # fmt: skip
        edges.extend(self._theme_edges())
        mentions = []
        for mention in self.extraction.mentions:
            sources = self.passages_for(mention.span)
            mentions.append(
                MentionRow(
                    node_id=self.node_id(mention.entity_key),
                    document_id=self.document_id,
                    passage_id=sources[0] if sources else None,
                    start=mention.span.start,
                    end=mention.span.end,
                    surface=mention.surface,
                    repaired_from=mention.repaired_from,
                )
            )
            if sources and not mention.entity_key.startswith("theme:"):
                edges.append(
                    Edge(sources[0], EdgeKind.MENTIONS, self.node_id(mention.entity_key),
                         self.document_id)
                )  # fmt: skip
        return GraphBatch(tuple(nodes), tuple(dict.fromkeys(edges)), tuple(mentions))

    def _node(self, entity: Entity, responses: dict[str, Response]) -> Node:
        text = entity.label
        if isinstance(entity, Recommendation):
            text = entity.text
        elif isinstance(entity, Response):
            text = entity.comment
        elif isinstance(entity, Finding):
            text = entity.subject
        elif isinstance(entity, Commitment):
            text = entity.text
        attributes = entity_fields(entity, responses.get(entity.key)).to_attributes()
        if entity.global_scope:
            return Node(self.node_id(entity.key), NodeKind(entity.kind.value), entity.label,
                        confidence=entity.confidence, text=text, attributes=attributes)  # fmt: skip
        return Node(
            id=self.node_id(entity.key),
            kind=NodeKind(entity.kind.value),
            label=entity.label,
            document_id=self.document_id,
            start=entity.span.start,
            end=entity.span.end,
            confidence=entity.confidence,
            text=text,
            attributes=attributes,
        )

    def _theme_edges(self) -> list[Edge]:
        """Document -> theme (scored), and passages and entities -> the themes they name."""
        edges = [
            Edge(self.document_id, EdgeKind.HAS_THEME, theme.key, self.document_id,
                 round(theme.score, 4))
            for theme in self.extraction.entities
            if isinstance(theme, Theme)
        ]  # fmt: skip
        theme_mentions = [m for m in self.extraction.mentions if m.entity_key.startswith("theme:")]
        local = [e for e in self.extraction.entities if not e.global_scope]
        for mention in theme_mentions:
            for source in self.passages_for(mention.span)[:1]:
                edges.append(Edge(source, EdgeKind.HAS_THEME, mention.entity_key, self.document_id))
            for entity in local:
                if entity.span.start <= mention.span.start and mention.span.end <= entity.span.end:
                    edges.append(
                        Edge(self.node_id(entity.key), EdgeKind.HAS_THEME, mention.entity_key,
                             self.document_id)
                    )  # fmt: skip
        return edges


def entity_fields(entity: Entity, response: Response | None = None) -> NodeFields:
    """The typed fields of an extracted entity's node; a recommendation takes its status,
    comment and (when it names them) owners from ``response``, the response to it in the
    same document. A theme's score is per document and kept on its has_theme edge. An
    entity of another class is read from its ``attributes()``."""
    if isinstance(entity, Recommendation):
        return RecommendationFields(
            number=entity.number,
            section=entity.section,
            due=entity.due,
            owners=(response.owners if response else ()) or entity.owners,
            progress=entity.progress or None,
            status=response.status if response else None,
            comment=response.comment if response else None,
        )
    if isinstance(entity, Response):
        return ResponseFields(status=entity.status, status_text=entity.status_text,
                              owners=entity.owners, comment=entity.comment)  # fmt: skip
    if isinstance(entity, Finding):
        return FindingFields(number=entity.number, subject=entity.subject, leads=entity.leads,
                             no_recommendation=entity.no_recommendation)  # fmt: skip
    if isinstance(entity, Commitment):
        return CommitmentFields(made_by=entity.made_by, actor=entity.actor, due=entity.due,
                                category=entity.category)  # fmt: skip
    if isinstance(entity, Meeting):
        return MeetingFields(
            council=entity.council,
            committee=entity.committee,
            date=entity.date,
            attendees=entity.attendees,
            items=entity.items,
            decisions=entity.decisions,
        )
    if isinstance(entity, Committee):
        return CommitteeFields(council=entity.council)
    if isinstance(entity, Organisation):
        return OrganisationFields(aliases=entity.aliases, identifier=entity.identifier)
    if isinstance(entity, Person):
        return PersonFields(roles=entity.roles)
    if isinstance(entity, Theme):
        return ThemeFields(concept=entity.concept_uri)
    if isinstance(entity, Case):
        return CaseFields(aliases=entity.aliases)
    if isinstance(entity, Council):
        return CouncilFields()
    return fields_for(entity.kind.value, entity.attributes())
