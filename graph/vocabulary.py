"""The project's own RDF vocabulary, for what the standard vocabularies lack.

``SG`` is a closed rdflib ``DefinedNamespace``: referring to a term that is not
declared here (a typo such as ``SG.respondTo``) raises ``AttributeError`` instead of
silently minting a new IRI. Every term is also described in ``TERMS`` (label,
comment, RDFS domain/range, super-class or super-property), from which
``vocabulary_turtle`` writes an RDFS/OWL description (``docs/vocabulary.ttl``).

rdflib objects stay inside ``scrutiny.graph``; ``vocabulary_turtle`` returns text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

NAMESPACE_IRI = "https://w3id.org/scrutiny-graph/ns#"
SCHEMA = Namespace("https://schema.org/")
DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().parents[1] / "docs" / "vocabulary.ttl"


class SG(DefinedNamespace):
    """Terms of ``https://w3id.org/scrutiny-graph/ns#``."""

    _NS = Namespace(NAMESPACE_IRI)
    _fail = True

    # classes
    Recommendation: URIRef
    Response: URIRef
    Finding: URIRef
    Commitment: URIRef
    Meeting: URIRef
    Case: URIRef
    Passage: URIRef
    StatusReport: URIRef

    # relations between entities
    respondsTo: URIRef
    owner: URIRef
    lead: URIRef
    answers: URIRef
    madeBy: URIRef
    actor: URIRef
    records: URIRef
    hasTheme: URIRef
    reportsOn: URIRef

    # attributes of entities
    status: URIRef
    statusText: URIRef
    progress: URIRef
    number: URIRef
    section: URIRef
    subject: URIRef
    noRecommendation: URIRef
    due: URIRef
    confidence: URIRef
    start: URIRef
    end: URIRef
    ordinal: URIRef
    passageKind: URIRef
    ownerName: URIRef
    leadName: URIRef
    madeByName: URIRef
    actorName: URIRef
    attendeeName: URIRef
    agendaItem: URIRef
    decision: URIRef
    role: URIRef
    sourcePath: URIRef
    sha256: URIRef


@dataclass(frozen=True)
class TermDescription:
    label: str
    comment: str
    is_class: bool = False
    domain: tuple[URIRef, ...] = ()
    range: URIRef | None = None
    parents: tuple[URIRef, ...] = ()  # rdfs:subClassOf / rdfs:subPropertyOf
    is_object_property: bool = False


_ENTITIES = (SG.Recommendation, SG.Response, SG.Finding, SG.Commitment)

TERMS: dict[URIRef, TermDescription] = {
    SG.Recommendation: TermDescription(
        "Recommendation",
        "A numbered recommendation made by a scrutiny review or inquiry.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.Response: TermDescription(
        "Response",
        "A body's formal response to a recommendation: accepted, partially accepted, "
        "rejected or noted, with the owners who will act on it.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.Finding: TermDescription(
        "Finding",
        "A finding of a review (for example a safeguarding practice review), possibly "
        "with no recommendation attached.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.Commitment: TermDescription(
        "Commitment",
        "A promise by an organisation or person to act, possibly by a due date.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.Meeting: TermDescription(
        "Meeting",
        "A meeting of a council committee, recorded by minutes or a transcript.",
        is_class=True,
        parents=(SCHEMA.Event,),
    ),
    SG.Case: TermDescription(
        "Case",
        "A child or family case named in reviews (for example Child Q), under its anonymised name.",
        is_class=True,
    ),
    SG.Passage: TermDescription(
        "Passage",
        "A retrievable span of a document's canonical text (a paragraph, table row, "
        "heading, list or transcript turn), cited by character offsets.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.StatusReport: TermDescription(
        "Status report",
        "A later document's passage reporting on an earlier recommendation or commitment: "
        "the status and progress it states, its date and the linker's confidence.",
        is_class=True,
        parents=(PROV.Entity,),
    ),
    SG.reportsOn: TermDescription(
        "reports on",
        "The earlier recommendation or commitment a passage or status report reports on.",
        domain=(SG.Passage, SG.StatusReport),
        is_object_property=True,
    ),
    SG.progress: TermDescription(
        "progress",
        'Progress a later document states ("complete", "in progress", "ongoing", …).',
        domain=(SG.StatusReport,),
        range=XSD.string,
    ),
    SG.respondsTo: TermDescription(
        "responds to",
        "The recommendation a response answers.",
        domain=(SG.Response,),
        range=SG.Recommendation,
        is_object_property=True,
    ),
    SG.owner: TermDescription(
        "owner",
        "An organisation that owns (must carry out) a response or recommendation.",
        domain=(SG.Response, SG.Recommendation),
        range=ORG.Organization,
        is_object_property=True,
    ),
    SG.lead: TermDescription(
        "lead",
        "An organisation named as lead for a finding.",
        domain=(SG.Finding,),
        range=ORG.Organization,
        is_object_property=True,
    ),
    SG.answers: TermDescription(
        "answers",
        "The recommendation or finding a commitment answers.",
        domain=(SG.Commitment,),
        is_object_property=True,
    ),
    SG.madeBy: TermDescription(
        "made by",
        "The organisation or person who made a commitment.",
        domain=(SG.Commitment,),
        is_object_property=True,
    ),
    SG.actor: TermDescription(
        "actor",
        "The organisation or person who must act to fulfil a commitment.",
        domain=(SG.Commitment,),
        is_object_property=True,
    ),
    SG.records: TermDescription(
        "records",
        "The meeting a document (minutes, transcript) records.",
        domain=(FOAF.Document,),
        range=SG.Meeting,
        parents=(SCHEMA.about,),
        is_object_property=True,
    ),
    SG.hasTheme: TermDescription(
        "has theme",
        "A theme (a skos:Concept of the scrutiny theme scheme) an entity or passage is about.",
        range=SKOS.Concept,
        parents=(DCTERMS.subject,),
        is_object_property=True,
    ),
    SG.status: TermDescription(
        "status",
        'Normalised response status: "accepted", "partially accepted", "rejected" or "noted".',
        domain=(SG.Response, SG.Recommendation, SG.StatusReport),
        range=XSD.string,
    ),
    SG.statusText: TermDescription(
        "status text",
        "The response status as the document words it.",
        domain=(SG.Response, SG.Recommendation),
        range=XSD.string,
    ),
    SG.number: TermDescription(
        "number",
        'The number of a recommendation or finding as printed ("7", "3a").',
        domain=(SG.Recommendation, SG.Finding),
        range=XSD.string,
    ),
    SG.section: TermDescription(
        "section",
        "The heading of the document section a recommendation or passage sits in.",
        range=XSD.string,
    ),
    SG.subject: TermDescription(
        "subject",
        "The short subject line of a finding, as written.",
        domain=(SG.Finding,),
        range=XSD.string,
    ),
    SG.noRecommendation: TermDescription(
        "no recommendation",
        "True when a finding is explicitly left without a recommendation.",
        domain=(SG.Finding,),
        range=XSD.boolean,
    ),
    SG.due: TermDescription(
        "due",
        "When a commitment is due: an xsd:date where the text gives a date, otherwise "
        "the words used.",
        domain=(SG.Commitment,),
    ),
    SG.confidence: TermDescription(
        "confidence",
        "The extractor's confidence in an entity, from 0 to 1.",
        range=XSD.decimal,
    ),
    SG.start: TermDescription(
        "start offset",
        "Character offset where the span starts in the document's canonical text.",
        range=XSD.integer,
    ),
    SG.end: TermDescription(
        "end offset",
        "Character offset just after the span ends in the document's canonical text.",
        range=XSD.integer,
    ),
    SG.ordinal: TermDescription(
        "ordinal",
        "Position of a passage within its document, from 0.",
        domain=(SG.Passage,),
        range=XSD.integer,
    ),
    SG.passageKind: TermDescription(
        "passage kind",
        '"heading", "paragraph", "list", "table_row" or "transcript".',
        domain=(SG.Passage,),
        range=XSD.string,
    ),
    SG.ownerName: TermDescription(
        "owner name",
        "An owner as named in the text, whether or not it was resolved to an organisation.",
        domain=(SG.Response, SG.Recommendation),
        range=XSD.string,
    ),
    SG.leadName: TermDescription(
        "lead name",
        "A lead as named in the text.",
        domain=(SG.Finding,),
        range=XSD.string,
    ),
    SG.madeByName: TermDescription(
        "made-by name",
        "Who made a commitment, as named in the text.",
        domain=(SG.Commitment,),
        range=XSD.string,
    ),
    SG.actorName: TermDescription(
        "actor name",
        "Who must act on a commitment, as named in the text.",
        domain=(SG.Commitment,),
        range=XSD.string,
    ),
    SG.attendeeName: TermDescription(
        "attendee name",
        "An attendee of a meeting as listed in the minutes.",
        domain=(SG.Meeting,),
        range=XSD.string,
    ),
    SG.agendaItem: TermDescription(
        "agenda item",
        "An item on a meeting's agenda, as titled.",
        domain=(SG.Meeting,),
        range=XSD.string,
    ),
    SG.decision: TermDescription(
        "decision",
        "A decision or resolution recorded for a meeting.",
        domain=(SG.Meeting,),
        range=XSD.string,
    ),
    SG.role: TermDescription(
        "role",
        "A role or post a person is named with (for example Chair, Director of "
        "Children's Services).",
        domain=(FOAF.Person,),
        range=XSD.string,
    ),
    SG.sourcePath: TermDescription(
        "source path",
        "The path of the file a document was ingested from.",
        domain=(FOAF.Document,),
        range=XSD.string,
    ),
    SG.sha256: TermDescription(
        "SHA-256",
        "Hex SHA-256 digest of the ingested file's bytes.",
        domain=(FOAF.Document,),
        range=XSD.string,
    ),
}


def declared_terms() -> tuple[URIRef, ...]:
    """Every term the closed namespace accepts."""
    return tuple(URIRef(NAMESPACE_IRI + name) for name in SG.__annotations__)


def _vocabulary_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in (
        ("sg", Namespace(NAMESPACE_IRI)),
        ("schema", SCHEMA),
        ("org", ORG),
        ("prov", PROV),
        ("skos", SKOS),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("owl", OWL),
    ):
        graph.bind(prefix, namespace)
    ontology = URIRef(NAMESPACE_IRI.rstrip("#"))
    graph.add((ontology, RDF.type, OWL.Ontology))
    graph.add((ontology, DCTERMS.title, Literal("scrutiny-graph vocabulary", lang="en")))
    graph.add(
        (
            ontology,
            RDFS.comment,
            Literal(
                "Terms for council scrutiny documents that W3C ORG, PROV-O, SKOS, Dublin "
                "Core, FOAF and schema.org do not cover.",
                lang="en",
            ),
        )
    )
    for term, description in TERMS.items():
        graph.add((term, RDFS.isDefinedBy, ontology))
        graph.add((term, RDFS.label, Literal(description.label, lang="en")))
        graph.add((term, RDFS.comment, Literal(description.comment, lang="en")))
        if description.is_class:
            graph.add((term, RDF.type, OWL.Class))
            for parent in description.parents:
                graph.add((term, RDFS.subClassOf, parent))
            continue
        kind = OWL.ObjectProperty if description.is_object_property else OWL.DatatypeProperty
        graph.add((term, RDF.type, kind))
        for parent in description.parents:
            graph.add((term, RDFS.subPropertyOf, parent))
        # rdfs:domain with several values would mean their intersection, so terms
        # shared by several classes list them with schema:domainIncludes instead.
        if len(description.domain) == 1:
            graph.add((term, RDFS.domain, description.domain[0]))
        else:
            for domain in description.domain:
                graph.add((term, SCHEMA.domainIncludes, domain))
        if description.range is not None:
            graph.add((term, RDFS.range, description.range))
    return graph


def vocabulary_turtle() -> str:
    """The vocabulary described in RDFS/OWL, as Turtle."""
    return _vocabulary_graph().serialize(format="turtle")


def write_vocabulary(path: Path | str = DEFAULT_VOCABULARY_PATH) -> Path:
    """Write ``vocabulary_turtle()`` to ``path`` (``docs/vocabulary.ttl`` by default)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(vocabulary_turtle(), encoding="utf-8")
    return target
