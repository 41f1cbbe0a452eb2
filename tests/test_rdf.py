"""Linked-data export: the graph built from a real store, its IRIs, vocabularies and
serialisations."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.builder import committee_id, council_id, document_batch
from scrutiny.graph.concepts import load_concept_scheme
from scrutiny.graph.model import Edge, GraphBatch, Node
from scrutiny.graph.rdf import (
    ID_BASE,
    ExportFormat,
    build_rdf_graph,
    export,
    node_iri,
)
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import Store, passage_id
from scrutiny.graph.vocabulary import (
    DEFAULT_VOCABULARY_PATH,
    NAMESPACE_IRI,
    SCHEMA,
    SG,
    TERMS,
    declared_terms,
    vocabulary_turtle,
    write_vocabulary,
)
from scrutiny.ingest.records import (
    DocumentMetadata,
    ParsedDocument,
    Passage,
    PassageKind,
    SourceFormat,
    Span,
)

DOCUMENT_ID = "wf-response"
COUNCIL = "London Borough of Waltham Forest"
COMMITTEE = "Children and Families Scrutiny Committee"
CARE_LEAVERS = "https://w3id.org/scrutiny-graph/themes/care-leavers"
ORGANISATION_ID = "organisation:children-and-families-services"
PERSON_ID = "person:jane-doe"

ROWS = (
    ("1", "Every care leaver is offered a personal adviser by 18.", "Accept", "accepted"),
    ("2", "Publish the local offer for care leavers online.", "Accept", "accepted"),
    ("3", "Review the leaving care coach criteria with Child Q's family.", "Partially accept",
     "partially accepted"),
)  # fmt: skip


def _canonical_text() -> tuple[str, list[Span]]:
    text = f"{COMMITTEE}\n\n"
    spans = [Span(0, len(COMMITTEE))]
    for number, wording, status_text, _ in ROWS:
        line = f"Recommendation {number}: {wording} | {status_text} |"
        spans.append(Span(len(text), len(text) + len(line)))
        text += line + "\n"
    return text, spans


def response_table_document() -> ParsedDocument:
    text, spans = _canonical_text()
    passages = [Passage(0, PassageKind.HEADING, spans[0], COMMITTEE)]
    for ordinal, span in enumerate(spans[1:], start=1):
        passages.append(
            Passage(ordinal, PassageKind.TABLE_ROW, span, span.slice(text), section=COMMITTEE)
        )
    return ParsedDocument(
        source_path="samples/wf-response.txt",
        sha256="a" * 64,
        format=SourceFormat.TEXT,
        canonical_text=text,
        metadata=DocumentMetadata(
            title="Response to the care leavers scrutiny review",
            council=COUNCIL,
            committee=COMMITTEE,
            meeting_date="2023-03-01",
            source_url="https://democracy.example.gov.uk/documents/response 1.pdf",
        ),
        passages=tuple(passages),
    )


def response_table_batch(parsed: ParsedDocument) -> GraphBatch:
    """A response table: 3 recommendations and their responses (accepted, accepted,
    partially accepted), an owner organisation, a commitment, a finding, a person, a
    theme and a case."""
    base = document_batch(DOCUMENT_ID, parsed)
    nodes = list(base.nodes)
    edges = list(base.edges)
    owner = "Children and Families Services"
    nodes.append(
        Node(ORGANISATION_ID, NodeKind.ORGANISATION, owner,
             attributes={"aliases": ["CFS"], "identifier": None})
    )  # fmt: skip
    for number, wording, status_text, status in ROWS:
        passage = passage_id(DOCUMENT_ID, int(number))
        passage_span = parsed.passages[int(number)].span
        recommendation = f"{DOCUMENT_ID}-recommendation-{number}"
        response = f"{DOCUMENT_ID}-response-{number}"
        nodes.append(
            Node(recommendation, NodeKind.RECOMMENDATION, f"Recommendation {number}",
                 DOCUMENT_ID, passage_span.start, passage_span.end, 0.95, wording,
                 {"number": number, "section": COMMITTEE, "status": status,
                  "owners": [owner], "comment": None})
        )  # fmt: skip
        nodes.append(
            Node(response, NodeKind.RESPONSE, f"Response to recommendation {number}",
                 DOCUMENT_ID, passage_span.start, passage_span.end, 0.9, status_text,
                 {"status": status, "status_text": status_text, "owners": [owner],
                  "comment": ""})
        )  # fmt: skip
        edges += [
            Edge(recommendation, EdgeKind.EXTRACTED_FROM, passage, DOCUMENT_ID),
            Edge(response, EdgeKind.EXTRACTED_FROM, passage, DOCUMENT_ID),
            Edge(response, EdgeKind.RESPONDS_TO, recommendation, DOCUMENT_ID),
            Edge(response, EdgeKind.OWNED_BY, ORGANISATION_ID, DOCUMENT_ID),
            Edge(recommendation, EdgeKind.HAS_THEME, "theme:care-leavers", DOCUMENT_ID, 0.8),
        ]
    commitment = f"{DOCUMENT_ID}-commitment-1"
    finding = f"{DOCUMENT_ID}-finding-1"
    nodes += [
        Node(commitment, NodeKind.COMMITMENT, "Review the coach criteria by March 2024",
             DOCUMENT_ID, 120, 160, 0.75, "We will review the criteria by 31 March 2024.",
             {"made_by": [owner], "actor": [owner], "due": "2024-03-31"}),
        Node(finding, NodeKind.FINDING, "Finding 1", DOCUMENT_ID, 0, 10, 0.6, "Finding 1",
             {"number": "1", "subject": "Access to coaches", "leads": [owner],
              "no_recommendation": True}),
        Node(PERSON_ID, NodeKind.PERSON, "Jane Doe",
             attributes={"roles": ["Chair", "Councillor"]}),
        Node("theme:care-leavers", NodeKind.THEME, "Care leavers",
             attributes={"concept": CARE_LEAVERS, "score": 0.8}),
        Node("case:child-q", NodeKind.CASE, "Child Q", attributes={"aliases": ["child queue"]}),
    ]  # fmt: skip
    meeting = f"{DOCUMENT_ID}-meeting"
    edges += [
        Edge(commitment, EdgeKind.ANSWERS, f"{DOCUMENT_ID}-recommendation-3", DOCUMENT_ID),
        Edge(commitment, EdgeKind.MADE_BY, ORGANISATION_ID, DOCUMENT_ID),
        Edge(commitment, EdgeKind.ACTOR, ORGANISATION_ID, DOCUMENT_ID),
        Edge(commitment, EdgeKind.EXTRACTED_FROM, passage_id(DOCUMENT_ID, 3), DOCUMENT_ID),
        Edge(finding, EdgeKind.LED_BY, ORGANISATION_ID, DOCUMENT_ID),
        Edge(PERSON_ID, EdgeKind.ATTENDED, meeting, DOCUMENT_ID),
        Edge(PERSON_ID, EdgeKind.MEMBER_OF, council_id(COUNCIL), DOCUMENT_ID),
        Edge(passage_id(DOCUMENT_ID, 3), EdgeKind.MENTIONS, "case:child-q", DOCUMENT_ID),
        Edge(passage_id(DOCUMENT_ID, 1), EdgeKind.HAS_THEME, "theme:care-leavers", DOCUMENT_ID),
        Edge(DOCUMENT_ID, EdgeKind.HAS_PASSAGE, passage_id(DOCUMENT_ID, 0), DOCUMENT_ID),
    ]
    return GraphBatch(tuple(nodes), tuple(edges))


def make_store(path: Path) -> Store:
    store = Store(path / "kb.sqlite")
    parsed = response_table_document()
    embeddings = np.zeros((len(parsed.passages), 8), np.float32)
    store.replace_document(DOCUMENT_ID, parsed, embeddings, response_table_batch(parsed))
    return store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with make_store(tmp_path) as opened:
        yield opened


@pytest.fixture
def graph(store: Store) -> rdflib.Graph:
    built: rdflib.Graph = build_rdf_graph(store)
    return built


def iri(node_id: str) -> rdflib.URIRef:
    return rdflib.URIRef(node_iri(node_id))


# --- serialisations ----------------------------------------------------------------------


def test_turtle_export_parses_back_isomorphic_to_the_graph(
    store: Store, graph: rdflib.Graph
) -> None:
    turtle = export(store, "turtle")
    assert isinstance(turtle, str)
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(parsed) == len(graph) > 100
    assert isomorphic(parsed, graph)


def test_jsonld_export_parses_back_to_the_same_triples(store: Store, graph: rdflib.Graph) -> None:
    document = export(store, "jsonld")
    assert isinstance(document, str)
    assert json.loads(document)["@context"]["sg"] == NAMESPACE_IRI
    parsed = rdflib.Graph().parse(data=document, format="json-ld")
    assert len(parsed) == len(graph)
    assert isomorphic(parsed, graph)


def test_csv_export_is_a_zip_of_a_nodes_table_and_an_edges_table(store: Store) -> None:
    payload = export(store, ExportFormat.CSV)
    assert isinstance(payload, bytes)
    with zipfile.ZipFile(io.BytesIO(payload)) as bundle:
        assert sorted(bundle.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(bundle.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(bundle.read("edges.csv").decode("utf-8"))))
    passages = store.passages_of(DOCUMENT_ID)
    assert len(nodes) == len(store.nodes()) + len(passages)
    assert len(edges) == len(store.edges())
    by_id = {row["id"]: row for row in nodes}
    response = by_id[f"{DOCUMENT_ID}-response-3"]
    assert response["kind"] == "response"
    assert json.loads(response["attributes"])["status"] == "partially accepted"
    assert by_id["theme:care-leavers"]["iri"] == CARE_LEAVERS
    text = store.canonical_text(DOCUMENT_ID) or ""
    first_row = by_id[passage_id(DOCUMENT_ID, 1)]
    assert first_row["text"] == text[passages[1].start : passages[1].end]
    assert first_row["text"].startswith("Recommendation 1:")
    responds = [e for e in edges if e["kind"] == "responds_to"]
    assert len(responds) == 3
    assert responds[0]["predicate"] == NAMESPACE_IRI + "respondsTo"


def test_export_is_deterministic(store: Store) -> None:
    assert export(store, "csv") == export(store, "csv")


def test_unknown_export_format_is_refused(store: Store) -> None:
    with pytest.raises(InvalidQueryError, match="unknown export format 'rdfxml'"):
        export(store, "rdfxml")


# --- IRIs -----------------------------------------------------------------------------


def test_iris_are_minted_from_ids_and_percent_encoded() -> None:
    assert node_iri("council:london-borough-of-waltham-forest") == (
        ID_BASE + "council:london-borough-of-waltham-forest"
    )
    encoded = node_iri("doc 1/p#2?x=é")
    assert encoded == ID_BASE + "doc%201%2Fp%232%3Fx%3D%C3%A9"
    assert node_iri("doc 1/p#2?x=é") == encoded


def test_every_node_and_passage_is_a_subject(store: Store, graph: rdflib.Graph) -> None:
    subjects = set(graph.subjects())
    for node in store.nodes():
        expected = rdflib.URIRef(CARE_LEAVERS) if node.kind is NodeKind.THEME else iri(node.id)
        assert expected in subjects, node.id
    for passage in store.passages_of(DOCUMENT_ID):
        assert iri(passage.id) in subjects


def test_themes_use_the_skos_scheme_iris_and_the_scheme_is_included(
    graph: rdflib.Graph,
) -> None:
    scheme = load_concept_scheme()
    care_leavers = rdflib.URIRef(CARE_LEAVERS)
    assert (None, rdflib.URIRef(ID_BASE + "theme:care-leavers"), None) not in graph
    assert (iri(f"{DOCUMENT_ID}-recommendation-1"), SG.hasTheme, care_leavers) in graph
    assert (iri(passage_id(DOCUMENT_ID, 1)), SG.hasTheme, care_leavers) in graph
    assert (rdflib.URIRef(scheme.uri), RDF.type, SKOS.ConceptScheme) in graph
    concepts = set(graph.subjects(RDF.type, SKOS.Concept))
    assert {rdflib.URIRef(c.uri) for c in scheme} == concepts
    assert (care_leavers, SKOS.broader, rdflib.URIRef(scheme.uri + "children-in-care")) in graph


# --- mapping to standard vocabularies ------------------------------------------------------


def test_organisations_follow_w3c_org(graph: rdflib.Graph) -> None:
    council = iri(council_id(COUNCIL))
    committee = iri(committee_id(COMMITTEE, COUNCIL))
    assert (council, RDF.type, ORG.FormalOrganization) in graph
    assert (committee, RDF.type, ORG.OrganizationalUnit) in graph
    assert (committee, ORG.subOrganizationOf, council) in graph
    organisation = iri(ORGANISATION_ID)
    assert (organisation, RDF.type, ORG.Organization) in graph
    assert (organisation, SKOS.altLabel, rdflib.Literal("CFS")) in graph
    person = iri(PERSON_ID)
    assert (person, RDF.type, FOAF.Person) in graph
    assert (person, ORG.memberOf, council) in graph
    memberships = list(graph.subjects(ORG.member, person))
    assert len(memberships) == 1
    assert (memberships[0], RDF.type, ORG.Membership) in graph
    assert (memberships[0], ORG.organization, council) in graph
    assert set(graph.objects(person, SG.role)) == {
        rdflib.Literal("Chair"),
        rdflib.Literal("Councillor"),
    }


def test_documents_meetings_and_passages_carry_typed_literals(
    store: Store, graph: rdflib.Graph
) -> None:
    document = iri(DOCUMENT_ID)
    assert (document, RDF.type, FOAF.Document) in graph
    assert (document, DCTERMS.date, rdflib.Literal("2023-03-01", datatype=rdflib.XSD.date)) in graph
    assert (document, DCTERMS.publisher, iri(council_id(COUNCIL))) in graph
    meeting = iri(f"{DOCUMENT_ID}-meeting")
    assert (document, SG.records, meeting) in graph
    assert (meeting, RDF.type, SCHEMA.Event) in graph
    day = rdflib.Literal("2023-03-01", datatype=rdflib.XSD.date)
    assert (meeting, SCHEMA.startDate, day) in graph
    assert (meeting, SCHEMA.organizer, iri(committee_id(COMMITTEE, COUNCIL))) in graph
    assert (meeting, SCHEMA.attendee, iri(PERSON_ID)) in graph

    text = store.canonical_text(DOCUMENT_ID) or ""
    row = store.passages_of(DOCUMENT_ID)[2]
    passage = iri(row.id)
    assert (passage, RDF.type, SG.Passage) in graph
    assert (passage, DCTERMS.isPartOf, document) in graph
    assert (passage, PROV.wasQuotedFrom, document) in graph
    assert (document, DCTERMS.hasPart, passage) in graph
    assert graph.value(passage, SG.start) == rdflib.Literal(row.start, datatype=rdflib.XSD.integer)
    assert graph.value(passage, SG.end) == rdflib.Literal(row.end, datatype=rdflib.XSD.integer)
    assert str(graph.value(passage, SCHEMA.text)) == text[row.start : row.end]


def test_extracted_entities_link_to_their_passage_and_are_typed(graph: rdflib.Graph) -> None:
    recommendation = iri(f"{DOCUMENT_ID}-recommendation-2")
    response = iri(f"{DOCUMENT_ID}-response-2")
    assert (recommendation, RDF.type, SG.Recommendation) in graph
    assert (recommendation, PROV.wasDerivedFrom, iri(passage_id(DOCUMENT_ID, 2))) in graph
    assert (recommendation, DCTERMS.source, iri(DOCUMENT_ID)) in graph
    assert graph.value(recommendation, SG.number) == rdflib.Literal("2")
    confidence = graph.value(recommendation, SG.confidence)
    assert isinstance(confidence, rdflib.Literal)
    assert confidence.datatype == rdflib.XSD.decimal and float(confidence) == pytest.approx(0.95)
    assert (response, SG.respondsTo, recommendation) in graph
    assert (response, SG.owner, iri(ORGANISATION_ID)) in graph
    assert graph.value(response, SG.status) == rdflib.Literal("accepted")

    commitment = iri(f"{DOCUMENT_ID}-commitment-1")
    assert (commitment, SG.answers, iri(f"{DOCUMENT_ID}-recommendation-3")) in graph
    assert (commitment, SG.madeBy, iri(ORGANISATION_ID)) in graph
    assert graph.value(commitment, SG.due) == rdflib.Literal("2024-03-31", datatype=rdflib.XSD.date)
    finding = iri(f"{DOCUMENT_ID}-finding-1")
    assert graph.value(finding, SG.noRecommendation) == rdflib.Literal(True)
    assert (finding, SG.lead, iri(ORGANISATION_ID)) in graph
    assert (iri(passage_id(DOCUMENT_ID, 3)), SCHEMA.mentions, iri("case:child-q")) in graph
    assert (iri("case:child-q"), RDF.type, SG.Case) in graph


def test_graph_uses_only_declared_project_terms(graph: rdflib.Graph) -> None:
    declared = set(declared_terms())
    used = {
        term
        for triple in graph
        for term in (triple[1], triple[2])
        if isinstance(term, rdflib.URIRef) and str(term).startswith(NAMESPACE_IRI)
    }
    assert used
    assert used <= declared


# --- vocabulary -----------------------------------------------------------------------------


def test_vocabulary_is_closed_and_rejects_unknown_terms() -> None:
    assert str(SG.respondsTo) == NAMESPACE_IRI + "respondsTo"
    with pytest.raises(AttributeError):
        _ = SG.respondTo


def test_every_declared_term_is_described_in_the_vocabulary_document(tmp_path: Path) -> None:
    assert set(declared_terms()) == set(TERMS)
    written = write_vocabulary(tmp_path / "vocabulary.ttl")
    description = rdflib.Graph().parse(written, format="turtle")
    for term in declared_terms():
        assert (term, rdflib.RDFS.label, None) in description, term
    assert (SG.Meeting, rdflib.RDFS.subClassOf, SCHEMA.Event) in description


def test_committed_vocabulary_document_is_up_to_date() -> None:
    committed = rdflib.Graph().parse(DEFAULT_VOCABULARY_PATH, format="turtle")
    assert isomorphic(committed, rdflib.Graph().parse(data=vocabulary_turtle(), format="turtle"))
