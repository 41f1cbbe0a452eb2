"""The theme vocabulary: a SKOS concept scheme read from Turtle into plain records.

rdflib is used only inside this module; callers get frozen dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

DEFAULT_SCHEME_PATH = Path(__file__).resolve().parents[1] / "data" / "themes.ttl"
KEY_PREFIX = "theme:"


@dataclass(frozen=True)
class Concept:
    uri: str
    key: str  # "theme:care-leavers", the graph node key for the theme
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    broader: tuple[str, ...] = ()  # URIs
    definition: str | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels)


@dataclass(frozen=True)
class ConceptScheme:
    uri: str
    title: str | None
    concepts: tuple[Concept, ...]

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def __len__(self) -> int:
        return len(self.concepts)

    def by_key(self, key: str) -> Concept | None:
        return next((concept for concept in self.concepts if concept.key == key), None)

    def by_uri(self, uri: str) -> Concept | None:
        return next((concept for concept in self.concepts if concept.uri == uri), None)

    def narrower(self, uri: str) -> tuple[Concept, ...]:
        return tuple(concept for concept in self.concepts if uri in concept.broader)

    def top_concepts(self) -> tuple[Concept, ...]:
        return tuple(concept for concept in self.concepts if not concept.broader)


def concept_key(uri: str) -> str:
    """ "theme:care-leavers" from ".../themes/care-leavers"."""
    local_name = uri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return KEY_PREFIX + local_name


def _english_or_plain(literals: list[Literal]) -> list[str]:
    english = [str(lit) for lit in literals if lit.language in (None, "en")]
    return english or [str(lit) for lit in literals]


def _literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    return sorted(
        _english_or_plain([o for o in graph.objects(subject, predicate) if isinstance(o, Literal)])
    )


def load_concept_scheme(path: str | Path = DEFAULT_SCHEME_PATH) -> ConceptScheme:
    graph = Graph()
    graph.parse(str(path), format="turtle")
    schemes = sorted(str(s) for s in graph.subjects(RDF.type, SKOS.ConceptScheme))
    if len(schemes) != 1:
        raise ValueError(f"{path}: expected one skos:ConceptScheme, found {len(schemes)}")
    scheme = URIRef(schemes[0])
    titles = _english_or_plain(
        [o for o in graph.objects(scheme, DCTERMS.title) if isinstance(o, Literal)]
    )

    concepts = []
    subjects = {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}
    for subject in sorted(subjects, key=str):
        pref_labels = _literals(graph, subject, SKOS.prefLabel)
        if not pref_labels:
            raise ValueError(f"{path}: concept {subject} has no skos:prefLabel")
        definitions = _literals(graph, subject, SKOS.definition)
        concepts.append(
            Concept(
                uri=str(subject),
                key=concept_key(str(subject)),
                pref_label=pref_labels[0],
                alt_labels=tuple(_literals(graph, subject, SKOS.altLabel)),
                broader=tuple(sorted(str(o) for o in graph.objects(subject, SKOS.broader))),
                definition=definitions[0] if definitions else None,
            )
        )
    return ConceptScheme(
        uri=str(scheme), title=titles[0] if titles else None, concepts=tuple(concepts)
    )
