"""The knowledge graph as linked data: RDF built from the store, and its exports.

Mapping (standard vocabularies first, the project vocabulary ``sg:`` for the rest):

* IRIs: every node and passage gets ``https://w3id.org/scrutiny-graph/id/<id>``, the
  id percent-encoded (only unreserved characters and ``:`` are kept as they are), so
  the IRI is stable for as long as the id is. Themes keep the SKOS concept IRIs of
  ``data/themes.ttl`` (``https://w3id.org/scrutiny-graph/themes/<key>``) and the whole
  concept scheme is included. A membership of a person in an organisation is
  ``<person IRI>/membership/<organisation id>``.
* Documents: ``foaf:Document``, ``prov:Entity``; ``dcterms:title``, ``dcterms:date``
  (``xsd:date``), ``dcterms:format``, ``dcterms:publisher`` (the council),
  ``schema:url``, ``prov:generatedAtTime`` (ingestion time), ``sg:sourcePath``,
  ``sg:sha256``, ``dcterms:hasPart`` each passage.
* Passages: ``sg:Passage``; ``sg:ordinal``, ``sg:start``/``sg:end`` (``xsd:integer``
  character offsets into the canonical text), ``sg:passageKind``, ``sg:section``,
  ``schema:text`` (the verbatim span), ``dcterms:isPartOf`` and ``prov:wasQuotedFrom``
  the document.
* Councils ``org:FormalOrganization``; committees ``org:OrganizationalUnit`` with
  ``org:subOrganizationOf`` the council; organisations ``org:Organization`` (all three
  also typed ``org:Organization``, named with ``skos:prefLabel``, aliases as
  ``skos:altLabel``). People ``foaf:Person`` and ``schema:Person`` (``foaf:name``,
  ``sg:role``), ``org:memberOf`` plus an ``org:Membership`` (``org:member``,
  ``org:organization``).
* Meetings ``schema:Event`` and ``sg:Meeting``: ``schema:startDate``/``dcterms:date``,
  ``schema:organizer`` the committee, ``schema:attendee`` each person who attended;
  the document ``sg:records`` the meeting.
* Extracted entities ``sg:Recommendation``, ``sg:Response``, ``sg:Finding``,
  ``sg:Commitment`` (all ``prov:Entity``), ``sg:Case``: ``prov:wasDerivedFrom`` the
  passage they were extracted from, ``dcterms:source`` their document, ``sg:start``/
  ``sg:end``, ``sg:confidence`` (``xsd:decimal``; document-scoped nodes only) and
  ``schema:text``; relations
  ``sg:respondsTo``, ``sg:owner``, ``sg:lead``, ``sg:answers``, ``sg:madeBy``,
  ``sg:actor``, ``sg:hasTheme`` (to ``skos:Concept``); passages ``schema:mentions``
  cases, organisations and people. Names as written stay as ``sg:ownerName``,
  ``sg:leadName``, ``sg:madeByName``, ``sg:actorName``, ``sg:attendeeName``.

Edge confidences and the document an edge came from are not represented in RDF (the
CSV export keeps them).

rdflib objects do not leave ``scrutiny.graph``: ``export`` returns ``str`` or ``bytes``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS, SKOS, XSD

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.concepts import DEFAULT_SCHEME_PATH, load_concept_scheme
from scrutiny.graph.fields import (
    CaseFields,
    CommitmentFields,
    DocumentFields,
    FindingFields,
    MeetingFields,
    NodeFields,
    OrganisationFields,
    PersonFields,
    RecommendationFields,
    ResponseFields,
    ThemeFields,
    fields_of,
)
from scrutiny.graph.history import LINKED_KINDS, StatusLink
from scrutiny.graph.model import Edge, Node, StoredDocument
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import Store
from scrutiny.graph.vocabulary import NAMESPACE_IRI, SCHEMA, SG

ID_BASE = "https://w3id.org/scrutiny-graph/id/"
ID = Namespace(ID_BASE)

#: Prefixes bound in exports and pre-declared for SPARQL queries.
PREFIXES: dict[str, str] = {
    "sg": NAMESPACE_IRI,
    "id": ID_BASE,
    "theme": "https://w3id.org/scrutiny-graph/themes/",
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "foaf": str(FOAF),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}


class ExportFormat(StrEnum):
    TURTLE = "turtle"
    JSONLD = "jsonld"
    CSV = "csv"


#: Media type and file extension of each export format.
EXPORT_MEDIA_TYPES: dict[ExportFormat, tuple[str, str]] = {
    ExportFormat.TURTLE: ("text/turtle; charset=utf-8", "ttl"),
    ExportFormat.JSONLD: ("application/ld+json", "jsonld"),
    ExportFormat.CSV: ("application/zip", "zip"),
}

_NODE_TYPES: dict[NodeKind, tuple[URIRef, ...]] = {
    NodeKind.DOCUMENT: (FOAF.Document, PROV.Entity),
    NodeKind.PASSAGE: (SG.Passage, PROV.Entity),
    NodeKind.MEETING: (SCHEMA.Event, SG.Meeting),
    NodeKind.COMMITTEE: (ORG.OrganizationalUnit, ORG.Organization),
    NodeKind.COUNCIL: (ORG.FormalOrganization, ORG.Organization),
    NodeKind.RECOMMENDATION: (SG.Recommendation, PROV.Entity),
    NodeKind.RESPONSE: (SG.Response, PROV.Entity),
    NodeKind.FINDING: (SG.Finding, PROV.Entity),
    NodeKind.COMMITMENT: (SG.Commitment, PROV.Entity),
    NodeKind.ORGANISATION: (ORG.Organization,),
    NodeKind.PERSON: (FOAF.Person, SCHEMA.Person),
    NodeKind.THEME: (SKOS.Concept,),
    NodeKind.CASE: (SG.Case,),
}

_ORGANISATION_KINDS = frozenset({NodeKind.COUNCIL, NodeKind.COMMITTEE, NodeKind.ORGANISATION})

#: Edge kind -> (predicate, whether the triple runs target -> source).
_EDGE_PREDICATES: dict[EdgeKind, tuple[URIRef, bool]] = {
    EdgeKind.HAS_PASSAGE: (DCTERMS.hasPart, False),
    EdgeKind.RECORDS: (SG.records, False),
    EdgeKind.HELD_BY: (SCHEMA.organizer, False),
    EdgeKind.PART_OF: (ORG.subOrganizationOf, False),
    EdgeKind.PUBLISHED_BY: (DCTERMS.publisher, False),
    EdgeKind.EXTRACTED_FROM: (PROV.wasDerivedFrom, False),
    EdgeKind.RESPONDS_TO: (SG.respondsTo, False),
    EdgeKind.OWNED_BY: (SG.owner, False),
    EdgeKind.LED_BY: (SG.lead, False),
    EdgeKind.ANSWERS: (SG.answers, False),
    EdgeKind.MADE_BY: (SG.madeBy, False),
    EdgeKind.ACTOR: (SG.actor, False),
    EdgeKind.ATTENDED: (SCHEMA.attendee, True),  # meeting schema:attendee person
    EdgeKind.MEMBER_OF: (ORG.memberOf, False),
    EdgeKind.HAS_THEME: (SG.hasTheme, False),
    EdgeKind.MENTIONS: (SCHEMA.mentions, False),
}

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def node_iri(node_id: str) -> str:
    """The stable IRI minted for a node or passage id (themes excepted: see module doc)."""
    return ID_BASE + quote(node_id, safe=":")


def _minted(node_id: str) -> URIRef:
    return URIRef(node_iri(node_id))


def _date_literal(value: str) -> Literal:
    """``xsd:date`` for a valid ISO date, a plain string literal otherwise."""
    if _ISO_DATE.match(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return Literal(value)
        return Literal(value, datatype=XSD.date)
    return Literal(value)


def _decimal(value: float) -> Literal:
    return Literal(Decimal(repr(round(value, 6))), datatype=XSD.decimal)


def _integer(value: int) -> Literal:
    return Literal(value, datatype=XSD.integer)


def _strings(value: str | tuple[str, ...] | None) -> list[str]:
    """A field's values as strings: none for null or blank, several for a list."""
    if value is None:
        return []
    if isinstance(value, tuple):
        return [item for item in value if item.strip()]
    return [str(value)] if value.strip() else []


def _literals(fields: NodeFields) -> list[tuple[URIRef, str | tuple[str, ...] | None]]:
    """The fields a node's kind copies as plain literals, with their predicates (dates,
    due dates, URLs and flags are typed literals, added by ``add_attributes``)."""
    if isinstance(fields, DocumentFields):
        return [(SG.sourcePath, fields.source_path)]
    if isinstance(fields, MeetingFields):
        return [
            (SG.attendeeName, fields.attendees),
            (SG.agendaItem, fields.items),
            (SG.decision, fields.decisions),
        ]
    if isinstance(fields, RecommendationFields):
        return [
            (SG.number, fields.number),
            (SG.section, fields.section),
            (SG.status, fields.status),
            (SG.ownerName, fields.owners),
            (RDFS.comment, fields.comment),
        ]
    if isinstance(fields, ResponseFields):
        return [
            (SG.status, fields.status),
            (SG.statusText, fields.status_text),
            (SG.ownerName, fields.owners),
            (RDFS.comment, fields.comment),
        ]
    if isinstance(fields, FindingFields):
        return [
            (SG.number, fields.number),
            (SG.subject, fields.subject),
            (SG.leadName, fields.leads),
        ]
    if isinstance(fields, CommitmentFields):
        return [
            (SG.madeByName, fields.made_by),
            (SG.actorName, fields.actor),
            (SG.status, fields.status),
        ]
    if isinstance(fields, OrganisationFields):
        return [(SKOS.altLabel, fields.aliases), (DCTERMS.identifier, fields.identifier)]
    if isinstance(fields, CaseFields):
        return [(SKOS.altLabel, fields.aliases)]
    if isinstance(fields, PersonFields):
        return [(SG.role, fields.roles)]
    return []


@lru_cache(maxsize=1)
def _theme_scheme_graph() -> Graph:
    graph = Graph()
    graph.parse(str(DEFAULT_SCHEME_PATH), format="turtle")
    return graph


@lru_cache(maxsize=1)
def _theme_iris_by_key() -> dict[str, str]:
    return {concept.key: concept.uri for concept in load_concept_scheme()}


def _node_ref(node: Node) -> URIRef:
    """A theme's SKOS concept IRI; the minted IRI of any other node."""
    if node.kind is NodeKind.THEME:
        fields = fields_of(node)
        concept = fields.concept if isinstance(fields, ThemeFields) else None
        if concept is not None and concept.startswith(("http://", "https://")):
            return URIRef(concept)
        known = _theme_iris_by_key().get(node.id)
        if known is not None:
            return URIRef(known)
    return _minted(node.id)


class _Builder:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.graph = Graph()
        for prefix, namespace in PREFIXES.items():
            self.graph.bind(prefix, Namespace(namespace), override=True, replace=True)
        self.nodes = {node.id: node for node in store.nodes()}
        self.iris = {node_id: _node_ref(node) for node_id, node in self.nodes.items()}

    def iri(self, node_id: str) -> URIRef:
        known = self.iris.get(node_id)
        if known is not None:
            return known
        theme = _theme_iris_by_key().get(node_id)
        return URIRef(theme) if theme is not None else _minted(node_id)

    def add(self, subject: URIRef, predicate: URIRef, value: Literal | URIRef) -> None:
        self.graph.add((subject, predicate, value))

    def build(self) -> Graph:
        self.graph += _theme_scheme_graph()
        for node in self.nodes.values():
            self.add_node(node)
        for document in self.store.documents():
            self.add_document(document)
        for edge in self.store.edges():
            self.add_edge(edge)
        for node in self.nodes.values():
            if node.kind in LINKED_KINDS:
                for link in self.store.status_links(node.id):
                    self.add_status_report(link)
        return self.graph

    def add_status_report(self, link: StatusLink) -> None:
        """A later passage reporting on an entity (``scrutiny.graph.history``)."""
        entity, passage = self.iri(link.entity_id), self.iri(link.passage_id)
        report = URIRef(f"{entity}/report/{quote(link.document_id, safe=':')}")
        self.add(passage, SG.reportsOn, entity)
        self.add(report, RDF.type, SG.StatusReport)
        self.add(report, SG.reportsOn, entity)
        self.add(report, PROV.wasQuotedFrom, passage)
        self.add(report, DCTERMS.source, self.iri(link.document_id))
        self.add(report, SG.confidence, _decimal(link.confidence))
        self.add(report, SG.start, _integer(link.start))
        self.add(report, SG.end, _integer(link.end))
        if link.date:
            self.add(report, DCTERMS.date, _date_literal(link.date))
        if link.status is not None:
            self.add(report, SG.status, Literal(link.status.value))
        if link.progress:
            self.add(report, SG.progress, Literal(link.progress))

    def add_node(self, node: Node) -> None:
        subject = self.iris[node.id]
        for rdf_type in _NODE_TYPES[node.kind]:
            self.add(subject, RDF.type, rdf_type)
        if node.kind is NodeKind.THEME:
            # The concept scheme already describes the theme; only make sure it has a name.
            if not any(self.graph.objects(subject, SKOS.prefLabel)):
                self.add(subject, SKOS.prefLabel, Literal(node.label, lang="en"))
            return
        self.add(subject, RDFS.label, Literal(node.label))
        if node.kind in _ORGANISATION_KINDS:
            self.add(subject, SKOS.prefLabel, Literal(node.label))
        elif node.kind is NodeKind.PERSON:
            self.add(subject, FOAF.name, Literal(node.label))
        if node.kind is not NodeKind.DOCUMENT:
            if node.document_id is not None:
                self.add(subject, DCTERMS.source, self.iri(node.document_id))
                self.add(subject, SG.confidence, _decimal(node.confidence))
            if node.start is not None:
                self.add(subject, SG.start, _integer(node.start))
            if node.end is not None:
                self.add(subject, SG.end, _integer(node.end))
        if node.text:
            self.add(subject, SCHEMA.text, Literal(node.text))
        self.add_attributes(subject, node)

    def add_attributes(self, subject: URIRef, node: Node) -> None:
        """The node's typed fields: literals by kind (``_literals``), whether a finding
        came without a recommendation, due dates, dates and a document's URL."""
        fields = fields_of(node)
        for predicate, value in _literals(fields):
            for text in _strings(value):
                self.add(subject, predicate, Literal(text))
        if isinstance(fields, FindingFields) and fields.no_recommendation is not None:
            self.add(subject, SG.noRecommendation, Literal(fields.no_recommendation))
        if isinstance(fields, RecommendationFields | CommitmentFields):
            for due in _strings(fields.due):
                self.add(subject, SG.due, _date_literal(due))
        if isinstance(fields, DocumentFields | MeetingFields):
            for when in _strings(fields.date):
                self.add(subject, DCTERMS.date, _date_literal(when))
                if isinstance(fields, MeetingFields):
                    self.add(subject, SCHEMA.startDate, _date_literal(when))
        if isinstance(fields, DocumentFields):
            for url in _strings(fields.source_url):
                self.add(subject, SCHEMA.url, Literal(url, datatype=XSD.anyURI))

    def add_document(self, document: StoredDocument) -> None:
        subject = self.iri(document.id)
        for rdf_type in _NODE_TYPES[NodeKind.DOCUMENT]:
            self.add(subject, RDF.type, rdf_type)
        self.add(subject, DCTERMS.title, Literal(document.title))
        self.add(subject, RDFS.label, Literal(document.title))
        self.add(subject, DCTERMS.format, Literal(document.format))
        self.add(subject, SG.sourcePath, Literal(document.source_path))
        self.add(subject, SG.sha256, Literal(document.sha256))
        ingested = Literal(document.ingested_at, datatype=XSD.dateTime)
        self.add(subject, PROV.generatedAtTime, ingested)
        if document.meeting_date:
            self.add(subject, DCTERMS.date, _date_literal(document.meeting_date))
        if document.source_url:
            self.add(subject, SCHEMA.url, Literal(document.source_url, datatype=XSD.anyURI))
        text = self.store.canonical_text(document.id) or ""
        for passage in self.store.passages_of(document.id):
            passage_iri = self.iri(passage.id)
            self.add(subject, DCTERMS.hasPart, passage_iri)
            self.add(passage_iri, RDF.type, SG.Passage)
            self.add(passage_iri, RDF.type, PROV.Entity)
            self.add(passage_iri, DCTERMS.isPartOf, subject)
            self.add(passage_iri, PROV.wasQuotedFrom, subject)
            self.add(passage_iri, SG.ordinal, _integer(passage.ordinal))
            self.add(passage_iri, SG.start, _integer(passage.start))
            self.add(passage_iri, SG.end, _integer(passage.end))
            self.add(passage_iri, SG.passageKind, Literal(passage.kind))
            if passage.section:
                self.add(passage_iri, SG.section, Literal(passage.section))
            quoted = text[passage.start : passage.end]
            if quoted:
                self.add(passage_iri, SCHEMA.text, Literal(quoted))

    def add_edge(self, edge: Edge) -> None:
        predicate, reversed_direction = _EDGE_PREDICATES[edge.kind]
        source, target = self.iri(edge.source), self.iri(edge.target)
        if reversed_direction:
            source, target = target, source
        self.add(source, predicate, target)
        if edge.kind is EdgeKind.MEMBER_OF:
            membership = URIRef(f"{source}/membership/{quote(edge.target, safe=':')}")
            self.add(membership, RDF.type, ORG.Membership)
            self.add(membership, ORG.member, source)
            self.add(membership, ORG.organization, target)


def build_rdf_graph(store: Store) -> Graph:
    """Every node, passage and edge of the store as RDF, plus the theme concept scheme."""
    return _Builder(store).build()


#: JSON-LD context of the export: the prefixes, so keys read as ``sg:status``.
JSONLD_CONTEXT: dict[str, str] = dict(PREFIXES)


def export(store: Store, fmt: str) -> str | bytes:
    """The whole knowledge graph in one of the ``ExportFormat`` formats.

    * ``turtle``: Turtle text (``str``).
    * ``jsonld``: JSON-LD text (``str``), compacted with ``JSONLD_CONTEXT``.
    * ``csv``: ``bytes`` of a ZIP archive holding two UTF-8 CSV files with header rows
      (two tables do not fit one CSV file without inventing a convention):
      ``nodes.csv`` — ``id, iri, kind, label, document_id, start, end, confidence,
      text, attributes`` (attributes as a JSON object; passages are included as rows of
      kind ``passage`` with their verbatim text) and ``edges.csv`` — ``source, kind,
      target, document_id, confidence, predicate`` (``predicate`` is the RDF property
      the edge becomes).

    Raises ``InvalidQueryError`` for an unknown format.
    """
    try:
        chosen = ExportFormat(fmt.lower().replace("-", ""))
    except ValueError:
        known = ", ".join(f.value for f in ExportFormat)
        raise InvalidQueryError(f"unknown export format {fmt!r}; use one of {known}") from None
    if chosen is ExportFormat.CSV:
        return _csv_zip(store)
    graph = build_rdf_graph(store)
    if chosen is ExportFormat.TURTLE:
        return graph.serialize(format="turtle")
    return graph.serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)


_NODE_COLUMNS = (
    "id", "iri", "kind", "label", "document_id", "start", "end", "confidence", "text", "attributes"
)  # fmt: skip
_EDGE_COLUMNS = ("source", "kind", "target", "document_id", "confidence", "predicate")


def _node_rows(store: Store) -> Iterable[Sequence[object]]:
    for node in store.nodes():
        yield [
            node.id, str(_node_ref(node)), node.kind.value, node.label,
            node.document_id or "", _blank(node.start), _blank(node.end), node.confidence,
            node.text, node.attributes_json(),
        ]  # fmt: skip
    for document in store.documents():
        text = store.canonical_text(document.id) or ""
        for passage in store.passages_of(document.id):
            attributes = {"ordinal": passage.ordinal, "kind": passage.kind}
            if passage.section:
                attributes["section"] = passage.section
            yield [
                passage.id, node_iri(passage.id), NodeKind.PASSAGE.value,
                f"{document.title}, passage {passage.ordinal}", document.id, passage.start,
                passage.end, 1.0, text[passage.start : passage.end],
                json.dumps(attributes, sort_keys=True),
            ]  # fmt: skip


def _blank(value: int | None) -> int | str:
    return "" if value is None else value


def _csv_text(header: tuple[str, ...], rows: Iterable[Sequence[object]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_zip(store: Store) -> bytes:
    edges = sorted(store.edges(), key=lambda e: (e.source, e.kind, e.target, e.document_id or ""))
    edge_rows = [
        [e.source, e.kind.value, e.target, e.document_id or "", e.confidence,
         str(_EDGE_PREDICATES[e.kind][0])]
        for e in edges
    ]  # fmt: skip
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, payload in (
            ("nodes.csv", _csv_text(_NODE_COLUMNS, _node_rows(store))),
            ("edges.csv", _csv_text(_EDGE_COLUMNS, edge_rows)),
        ):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, payload)
    return archive.getvalue()


__all__ = [
    "EXPORT_MEDIA_TYPES",
    "ID_BASE",
    "JSONLD_CONTEXT",
    "PREFIXES",
    "ExportFormat",
    "build_rdf_graph",
    "export",
    "node_iri",
]
