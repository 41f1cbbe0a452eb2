"""Read-only SPARQL over the knowledge graph of a real store."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import rdflib

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.rdf import build_rdf_graph
from scrutiny.graph.sparql import QueryTimeoutError, QueryType, SparqlResult, run_query
from scrutiny.graph.store import Store


def _load_rdf_test_module() -> ModuleType:
    """tests/test_rdf.py builds the response-table store both test modules use."""
    path = Path(__file__).with_name("test_rdf.py")
    spec = importlib.util.spec_from_file_location("scrutiny_tests_rdf_fixture", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fixture_module = _load_rdf_test_module()
DOCUMENT_ID: str = fixture_module.DOCUMENT_ID

RECOMMENDATIONS_BY_STATUS = """
SELECT ?status (COUNT(?recommendation) AS ?count) WHERE {
    ?recommendation a sg:Recommendation ; sg:status ?status .
} GROUP BY ?status ORDER BY ?status
"""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with fixture_module.make_store(tmp_path) as opened:
        yield opened


def query(store: Store, text: str, *, max_rows: int = 1000) -> SparqlResult:
    return run_query(store, text, timeout_s=30.0, max_rows=max_rows)


def select_values(result: SparqlResult) -> list[dict[str, str]]:
    return [{name: term.value for name, term in row.items()} for row in result.rows]


def test_counts_recommendations_by_status(store: Store) -> None:
    result = query(store, RECOMMENDATIONS_BY_STATUS)
    assert result.query_type is QueryType.SELECT
    assert result.variables == ("status", "count")
    assert select_values(result) == [
        {"status": "accepted", "count": "2"},
        {"status": "partially accepted", "count": "1"},
    ]
    assert not result.truncated


def test_counts_responses_by_status_through_responds_to(store: Store) -> None:
    result = query(
        store,
        """SELECT ?status (COUNT(DISTINCT ?recommendation) AS ?count) WHERE {
               ?response sg:respondsTo ?recommendation ; sg:status ?status ;
                         sg:owner/skos:prefLabel "Children and Families Services" .
           } GROUP BY ?status ORDER BY DESC(?count)""",
    )
    assert select_values(result) == [
        {"status": "accepted", "count": "2"},
        {"status": "partially accepted", "count": "1"},
    ]


def test_select_results_use_the_w3c_json_format(store: Store) -> None:
    result = query(
        store,
        """SELECT ?concept ?label ?count ?anonymous WHERE {
               BIND(theme:care-leavers AS ?concept)
               ?concept skos:prefLabel ?label .
               BIND(3 AS ?count)
               BIND(BNODE() AS ?anonymous)
               OPTIONAL { ?concept sg:status ?unbound }
           }""",
    )
    payload = result.to_json()
    assert isinstance(payload, dict)
    assert payload["head"] == {"vars": ["concept", "label", "count", "anonymous"]}
    [binding] = payload["results"]["bindings"]
    assert binding["concept"] == {
        "type": "uri",
        "value": "https://w3id.org/scrutiny-graph/themes/care-leavers",
    }
    assert binding["label"] == {"type": "literal", "value": "Care leavers", "xml:lang": "en"}
    assert binding["count"] == {
        "type": "literal",
        "value": "3",
        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
    }
    assert binding["anonymous"]["type"] == "bnode"
    assert result.media_type == "application/sparql-results+json"


def test_unbound_variables_are_left_out_of_a_binding(store: Store) -> None:
    result = query(
        store,
        "SELECT ?passage ?theme WHERE { ?passage a sg:Passage ; sg:ordinal 0 . "
        "OPTIONAL { ?passage sg:hasTheme ?theme } }",
    )
    payload = result.to_json()
    assert isinstance(payload, dict)
    assert payload["results"]["bindings"] == [
        {
            "passage": {
                "type": "uri",
                "value": f"https://w3id.org/scrutiny-graph/id/{DOCUMENT_ID}-p0",
            }
        }
    ]


def test_ask_answers_a_boolean(store: Store) -> None:
    yes = query(store, "ASK { ?c a org:FormalOrganization ; skos:prefLabel ?name }")
    no = query(store, 'ASK { ?r sg:status "rejected" }')
    assert yes.to_json() == {"head": {}, "boolean": True}
    assert no.to_json() == {"head": {}, "boolean": False}


def test_construct_returns_turtle_of_the_built_triples(store: Store) -> None:
    result = query(
        store,
        "CONSTRUCT { ?response sg:respondsTo ?recommendation } "
        "WHERE { ?response sg:respondsTo ?recommendation }",
    )
    turtle = result.to_json()
    assert isinstance(turtle, str)
    assert result.media_type.startswith("text/turtle")
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(parsed) == result.triple_count == 3
    assert not result.truncated


def test_describe_returns_the_resource_description(store: Store) -> None:
    result = query(store, f"DESCRIBE id:{DOCUMENT_ID}-recommendation-3")
    assert result.query_type is QueryType.DESCRIBE
    turtle = result.to_json()
    assert isinstance(turtle, str)
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    subject = rdflib.URIRef(f"https://w3id.org/scrutiny-graph/id/{DOCUMENT_ID}-recommendation-3")
    status = parsed.value(subject, rdflib.URIRef("https://w3id.org/scrutiny-graph/ns#status"))
    assert status == rdflib.Literal("partially accepted")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX sg: <https://w3id.org/scrutiny-graph/ns#>\n"
        'DELETE { ?r sg:status ?s } INSERT { ?r sg:status "rejected" } WHERE { ?r sg:status ?s }',
        "CLEAR ALL",
        "LOAD <http://example.org/data.ttl>",
    ],
)
def test_updates_are_refused_and_change_nothing(store: Store, update: str) -> None:
    with pytest.raises(InvalidQueryError, match=r"SPARQL Update is not allowed.*read-only"):
        query(store, update)
    assert select_values(query(store, RECOMMENDATIONS_BY_STATUS))[0]["count"] == "2"


def test_malformed_query_reports_the_parser_message(store: Store) -> None:
    with pytest.raises(InvalidQueryError) as caught:
        query(store, "SELECT ?x WHERE { ?x ?y }")
    message = str(caught.value)
    assert message.startswith("malformed SPARQL query: Expected")
    assert "line:1" in message and "col:" in message
    assert caught.value.http_status == 400


def test_unknown_prefix_and_empty_query_are_invalid(store: Store) -> None:
    with pytest.raises(InvalidQueryError, match="Unknown namespace prefix : nope"):
        query(store, "SELECT ?x WHERE { ?x nope:thing ?y }")
    with pytest.raises(InvalidQueryError, match="empty"):
        query(store, "  \n ")


def test_service_and_from_clauses_are_refused(store: Store) -> None:
    with pytest.raises(InvalidQueryError, match="SERVICE"):
        query(store, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(InvalidQueryError, match="FROM"):
        query(store, "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }")


def test_row_limit_truncates_select_results(store: Store) -> None:
    passages = "SELECT ?p WHERE { ?p a sg:Passage } ORDER BY ?p"
    limited = query(store, passages, max_rows=2)
    assert len(limited.rows) == 2
    assert limited.truncated
    complete = query(store, passages, max_rows=4)
    assert len(complete.rows) == 4
    assert not complete.truncated
    assert complete.rows[:2] == limited.rows


def test_row_limit_truncates_constructed_graphs(store: Store) -> None:
    result = query(store, "CONSTRUCT { ?p a sg:Passage } WHERE { ?p a sg:Passage }", max_rows=3)
    assert result.triple_count == 3
    assert result.truncated


def test_time_limit_raises_a_timeout_error(store: Store) -> None:
    cross_product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a ?type }"
    with pytest.raises(QueryTimeoutError, match=r"exceeded the time limit of 0\.02 s") as caught:
        run_query(store, cross_product, timeout_s=0.02, max_rows=10)
    assert caught.value.code == "query_timeout"
    assert caught.value.http_status == 503


def test_invalid_limits_are_refused(store: Store) -> None:
    with pytest.raises(InvalidQueryError, match="time limit"):
        run_query(store, "ASK {}", timeout_s=0, max_rows=10)
    with pytest.raises(InvalidQueryError, match="row limit"):
        run_query(store, "ASK {}", timeout_s=1, max_rows=-1)


def test_queries_see_the_store_after_it_changes(store: Store) -> None:
    assert query(store, "ASK { ?r a sg:Recommendation }").boolean is True
    store.delete_document(DOCUMENT_ID)
    assert query(store, "ASK { ?r a sg:Recommendation }").boolean is False
    assert query(store, RECOMMENDATIONS_BY_STATUS).rows == ()


def test_graph_is_built_once_per_store_generation(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds: list[int] = []

    def counting_build(built_from: Store) -> rdflib.Graph:
        builds.append(built_from.generation)
        graph: rdflib.Graph = build_rdf_graph(built_from)
        return graph

    monkeypatch.setattr("scrutiny.graph.sparql.build_rdf_graph", counting_build)
    store.set_meta("generation", str(store.generation + 1))  # start from a fresh cache entry
    for _ in range(3):
        query(store, RECOMMENDATIONS_BY_STATUS)
    assert len(builds) == 1
    store.set_meta("generation", str(store.generation + 1))
    query(store, RECOMMENDATIONS_BY_STATUS)
    assert builds == [builds[0], builds[0] + 1]
