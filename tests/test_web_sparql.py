"""The read-only SPARQL 1.1 protocol endpoint and its HTML form, over a real
KnowledgeBase of the five sample documents, ingested once for the module."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from rdflib import Graph, Literal, Namespace
from werkzeug.test import TestResponse

from scrutiny.service import KnowledgeBase

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
SG = Namespace("https://w3id.org/scrutiny-graph/ns#")
RESULTS_JSON = "application/sparql-results+json"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
BY_STATUS = (
    "SELECT ?status (COUNT(?r) AS ?n) WHERE { ?r a sg:Recommendation ; sg:status ?status } "
    "GROUP BY ?status"
)
STATUSES_AS_TRIPLES = (
    "CONSTRUCT { ?r sg:status ?status } WHERE { ?r a sg:Recommendation ; sg:status ?status }"
)
INSERT = 'INSERT DATA { <urn:a> <urn:b> "c" }'
#: Takes about a second: every triple paired with every recommendation.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d a sg:Recommendation }"
ERROR_KEYS = {"code", "message", "status"}


def assert_error(response: TestResponse, code: str, status: int) -> str:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code and body["error"]["status"] == status
    message: str = body["error"]["message"]
    assert message
    return message


def counts_by_status(body: Any) -> dict[str, int]:
    assert body["head"]["vars"] == ["status", "n"]
    counts: dict[str, int] = {}
    for binding in body["results"]["bindings"]:
        assert binding["status"]["type"] == "literal"
        assert binding["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
        counts[binding["status"]["value"]] = int(binding["n"]["value"])
    return counts


# the protocol ---------------------------------------------------------------------------


def test_get_select_counts_recommendations_by_status(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": BY_STATUS})
    assert response.status_code == 200
    assert response.mimetype == RESULTS_JSON
    assert counts_by_status(response.get_json(force=True)) == {
        "accepted": 9,
        "partially accepted": 3,
    }
    assert "X-Scrutiny-Truncated" not in response.headers
    assert "Accept" in response.headers["Vary"]


def test_post_form_and_post_query_body_answer_the_same(client: FlaskClient) -> None:
    expected = client.get("/sparql", query_string={"query": BY_STATUS}).get_data()
    form = client.post("/sparql", data={"query": BY_STATUS})
    body = client.post("/sparql", data=BY_STATUS.encode(), content_type="application/sparql-query")
    for response in (form, body):
        assert response.status_code == 200 and response.mimetype == RESULTS_JSON
        assert response.get_data() == expected


def test_a_json_client_gets_sparql_json(client: FlaskClient) -> None:
    for accept in (RESULTS_JSON, "application/json", "*/*"):
        response = client.get(
            "/sparql", query_string={"query": BY_STATUS}, headers={"Accept": accept}
        )
        assert response.status_code == 200 and response.mimetype == RESULTS_JSON, accept


def test_ask_answers_a_boolean(client: FlaskClient) -> None:
    yes = client.get("/sparql", query_string={"query": "ASK { ?r a sg:Recommendation }"})
    no = client.get("/sparql", query_string={"query": 'ASK { ?r sg:status "rejected" }'})
    assert yes.mimetype == no.mimetype == RESULTS_JSON
    assert yes.get_json(force=True) == {"head": {}, "boolean": True}
    assert no.get_json(force=True) == {"head": {}, "boolean": False}


def test_construct_returns_turtle(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": STATUSES_AS_TRIPLES})
    assert response.status_code == 200
    assert response.mimetype == "text/turtle"
    assert response.mimetype_params.get("charset") == "utf-8"
    graph = Graph().parse(data=response.get_data(as_text=True), format="turtle")
    assert len(graph) == 12
    statuses = [str(status) for status in graph.objects(None, SG.status)]
    assert sorted(set(statuses)) == ["accepted", "partially accepted"]
    assert statuses.count("partially accepted") == 3
    assert (None, SG.status, Literal("accepted")) in graph


def test_truncated_results_are_flagged_in_a_header(
    client: FlaskClient, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = dataclasses.replace(knowledge_base.settings, sparql_max_rows=1)
    monkeypatch.setattr(knowledge_base, "settings", small)
    response = client.get("/sparql", query_string={"query": BY_STATUS})
    assert response.status_code == 200
    assert response.headers["X-Scrutiny-Truncated"] == "true"
    assert len(response.get_json(force=True)["results"]["bindings"]) == 1
    turtle = client.get("/sparql", query_string={"query": STATUSES_AS_TRIPLES})
    assert turtle.headers["X-Scrutiny-Truncated"] == "true"
    assert len(Graph().parse(data=turtle.get_data(as_text=True), format="turtle")) == 1


def test_a_query_past_the_time_limit_is_a_503(
    client: FlaskClient, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    client.get("/sparql", query_string={"query": "ASK { ?s ?p ?o }"})  # builds the graph
    hurried = dataclasses.replace(knowledge_base.settings, sparql_timeout=0.05)
    monkeypatch.setattr(knowledge_base, "settings", hurried)
    message = assert_error(
        client.get("/sparql", query_string={"query": SLOW}), "query_timeout", 503
    )
    assert "time limit" in message


# refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "send",
    [
        pytest.param(lambda c: c.get("/sparql", query_string={"update": INSERT}), id="get-update"),
        pytest.param(lambda c: c.post("/sparql", data={"update": INSERT}), id="form-update"),
        pytest.param(
            lambda c: c.post("/sparql", data=INSERT, content_type="application/sparql-update"),
            id="update-body",
        ),
        pytest.param(lambda c: c.get("/sparql", query_string={"query": INSERT}), id="update-text"),
        pytest.param(
            lambda c: c.post("/sparql", data=INSERT, content_type="application/sparql-query"),
            id="update-text-as-query",
        ),
    ],
)
def test_updates_are_refused(client: FlaskClient, send: Any) -> None:
    message = assert_error(send(client), "invalid_query", 400)
    assert "read-only" in message
    ask = client.get("/sparql", query_string={"query": "ASK { <urn:a> <urn:b> ?c }"})
    assert ask.get_json(force=True)["boolean"] is False


def test_a_malformed_query_is_a_400_saying_what_is_wrong(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELEC ?x WHERE { ?x ?y ?z }"})
    message = assert_error(response, "invalid_query", 400)
    assert message.startswith("malformed SPARQL query")
    assert "SELEC" in message


def test_an_unknown_prefix_is_a_400(client: FlaskClient) -> None:
    response = client.get("/sparql", query_string={"query": "SELECT ?x WHERE { ?x a nope:T }"})
    assert "nope" in assert_error(response, "invalid_query", 400)


@pytest.mark.parametrize(
    "query_string",
    [
        {},
        {"query": ""},
        {"query": [BY_STATUS, BY_STATUS]},
        {"query": BY_STATUS, "default-graph-uri": "http://example.org/g"},
        {"query": BY_STATUS, "named-graph-uri": "http://example.org/g"},
    ],
    ids=["missing", "empty", "repeated", "default-graph", "named-graph"],
)
def test_a_protocol_request_without_one_usable_query_is_a_400(
    client: FlaskClient, query_string: dict[str, Any]
) -> None:
    assert_error(client.get("/sparql", query_string=query_string), "invalid_query", 400)


def test_a_post_of_another_content_type_is_a_415(client: FlaskClient) -> None:
    response = client.post("/sparql", json={"query": BY_STATUS})
    assert "application/sparql-query" in assert_error(response, "unsupported_media_type", 415)


def test_other_methods_are_a_405_with_allow(client: FlaskClient) -> None:
    response = client.put("/sparql", data=BY_STATUS)
    assert_error(response, "method_not_allowed", 405)
    assert {"GET", "POST"} <= {m.strip() for m in response.headers["Allow"].split(",")}


# the HTML form --------------------------------------------------------------------------


def browser_get(client: FlaskClient, status: int = 200, **query: str) -> str:
    response = client.get("/sparql", query_string=query, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    page: str = response.get_data(as_text=True)
    return page


def textarea(page: str) -> str:
    match = re.search(r'<textarea id="query" name="query"[^>]*>(.*?)</textarea>', page, re.S)
    assert match, "query form missing"
    return html.unescape(match.group(1))


def test_a_browser_without_a_query_gets_the_form_with_the_example(client: FlaskClient) -> None:
    page = browser_get(client)
    assert '<form class="sparql-form" action="/sparql" method="get">' in page
    example = textarea(page)
    assert "SELECT ?status (COUNT(?r) AS ?n)" in example
    assert "?r a sg:Recommendation ; sg:status ?status" in example
    assert "<table" not in page


def test_the_example_query_renders_as_a_table(client: FlaskClient) -> None:
    example = textarea(browser_get(client))
    page = browser_get(client, query=example)
    assert textarea(page) == example
    assert '<th scope="col">?status</th><th scope="col">?n</th>' in page
    cells = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td></tr>", page)
    values = {re.sub(r"<[^>]+>", "", a): re.sub(r"<[^>]+>", "", b) for a, b in cells}
    assert values == {"accepted": "9", "partially accepted": "3"}
    assert "2 rows" in page


def test_uris_show_compacted_with_the_full_uri_as_title(client: FlaskClient) -> None:
    page = browser_get(client, query="SELECT DISTINCT ?type WHERE { ?r a ?type } ORDER BY ?type")
    assert (
        '<span class="term-uri" title="https://w3id.org/scrutiny-graph/ns#Recommendation">'
        "sg:Recommendation</span>"
    ) in page


def test_construct_shows_turtle_in_the_page(client: FlaskClient) -> None:
    page = browser_get(client, query=STATUSES_AS_TRIPLES)
    assert "12 triples (Turtle)" in page
    assert "sg:status &#34;partially accepted&#34;" in page


def test_a_bad_query_in_the_browser_shows_the_message_and_keeps_the_query(
    client: FlaskClient,
) -> None:
    bad = "SELECT ?x WHERE { ?x ?y '<script>alert(1)</script>' "
    page = browser_get(client, status=400, query=bad)
    assert "The query could not be run" in page
    assert "malformed SPARQL query" in page
    assert textarea(page) == bad
    assert "<script>alert(1)" not in page


def test_an_update_in_the_browser_is_refused_on_the_form(client: FlaskClient) -> None:
    page = browser_get(client, status=400, query=INSERT)
    assert "read-only" in page and textarea(page) == INSERT


def test_the_site_links_to_the_sparql_form(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert 'href="/sparql"' in page
