"""``/api/openapi.json`` describes the real API: every ``/api/*`` route (and ``/sparql``,
``/feeds/*``) of the app's url_map is documented, and real responses from the sample
corpus (hashing embedder) validate against the document's schemas with ``jsonschema``."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012
from werkzeug.test import TestResponse

from scrutiny.graph.schema import NodeKind
from scrutiny.service import KnowledgeBase
from scrutiny.web.openapi import OPENAPI_PATH, openapi_document

#: Routes the document must describe: the JSON API, the SPARQL endpoint, the feeds.
DESCRIBED_PREFIXES = ("/api/", "/feeds/")
DESCRIBED_PATHS = ("/sparql",)
IGNORED_METHODS = {"HEAD", "OPTIONS"}
BASE = "urn:scrutiny-graph:openapi"
JSON_TYPES = {"application/json", "application/sparql-results+json"}
HISTORY = "/api/entities/{entity_id}/history"


@dataclass(frozen=True)
class Call:
    """One real request: the documented path it exercises and the status it must get."""

    template: str
    url: str
    status: int = 200
    method: str = "GET"
    headers: dict[str, str] = field(default_factory=dict)
    data: str | dict[str, str] | None = None
    content_type: str | None = None


def template_of(rule: str) -> str:
    """A Flask rule as an OpenAPI path: ``<path:entity_id>`` becomes ``{entity_id}``."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule)


def app_operations(app: Flask) -> set[tuple[str, str]]:
    """(path, method) of every route the document must describe."""
    operations = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(DESCRIBED_PREFIXES) or rule.rule in DESCRIBED_PATHS:
            for method in (rule.methods or set()) - IGNORED_METHODS:
                operations.add((template_of(rule.rule), method.lower()))
    return operations


def document_operations(document: dict[str, Any]) -> set[tuple[str, str]]:
    methods = {"get", "post", "put", "patch", "delete"}
    return {
        (path, method)
        for path, item in document["paths"].items()
        for method in item
        if method in methods
    }


@pytest.fixture(scope="module")
def api_client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="module")
def document(api_client: FlaskClient) -> dict[str, Any]:
    response = api_client.get(OPENAPI_PATH)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    body: dict[str, Any] = response.get_json()
    return body


@pytest.fixture(scope="module")
def calls(knowledge_base: KnowledgeBase) -> list[Call]:
    document_id = knowledge_base.documents()[0].id
    hackney = next(d for d in knowledge_base.documents() if d.date)
    recommendation = next(
        row.id for row in knowledge_base.entities(_query("recommendation")).entities
    )
    select = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } LIMIT 5"
    entity_kinds = [kind.value for kind in NodeKind if kind is not NodeKind.PASSAGE]
    return [
        Call("/api/search", "/api/search?q=care+leavers+housing+register&limit=5"),
        Call("/api/search", "/api/search?q=housing&explain=1&limit=3"),
        Call("/api/search", f"/api/search?q=recommendation&council={hackney.council}&year=2024"),
        Call("/api/search", "/api/search?q=%22Child+Q%22&kind=recommendation&theme=education"),
        Call("/api/search", "/api/search", 400),
        Call("/api/search", "/api/search?q=x&limit=0", 400),
        Call("/api/search", "/api/search?q=x&year=soon", 400),
        Call("/api/search", "/api/search?q=x", 401, headers={"Authorization": "Bearer nope"}),
        Call("/api/documents/{document_id}", f"/api/documents/{document_id}"),
        Call("/api/documents/{document_id}", "/api/documents/nowhere", 404),
        *(Call("/api/entities", f"/api/entities?kind={kind}&limit=100") for kind in entity_kinds),
        Call("/api/entities", "/api/entities?council=Hackney&theme=housing&status=accepted&q=a"),
        Call("/api/entities", "/api/entities?kind=passage", 400),
        Call("/api/entities", "/api/entities?offset=-1", 400),
        Call("/api/entities/{entity_id}", "/api/entities/case:child-q"),
        Call("/api/entities/{entity_id}", f"/api/entities/{recommendation}"),
        Call("/api/entities/{entity_id}", f"/api/entities/{document_id}"),
        Call("/api/entities/{entity_id}", "/api/entities/case:nobody", 404),
        Call(HISTORY, f"/api/entities/{recommendation}/history"),
        Call(HISTORY, f"/api/entities/{recommendation}/history?as_at=2025-01-01"),
        Call(HISTORY, "/api/entities/case:child-q/history"),
        Call(HISTORY, f"/api/entities/{recommendation}/history?as_at=soon", 400),
        Call(HISTORY, "/api/entities/case:nobody/history", 404),
        Call("/api/tracker", "/api/tracker"),
        Call("/api/tracker", "/api/tracker?limit=all&as_at=2025-01-01"),
        Call("/api/tracker", "/api/tracker?sort=-due&status=accepted&kind=recommendation"),
        Call("/api/tracker", "/api/tracker?format=csv&limit=3"),
        Call("/api/tracker", "/api/tracker?sort=sideways", 400),
        Call("/api/tracker", "/api/tracker?format=xml", 400),
        Call("/api/tracker.csv", "/api/tracker.csv?overdue=1&as_at=2030-01-01"),
        Call("/api/tracker.csv", "/api/tracker.csv?overdue=maybe", 400),
        Call("/api/themes", "/api/themes"),
        Call("/api/themes/{key}", "/api/themes/care-leavers"),
        Call("/api/themes/{key}", "/api/themes/theme:education"),
        Call("/api/themes/{key}", "/api/themes/nowhere", 404),
        Call(OPENAPI_PATH, OPENAPI_PATH),
        Call("/sparql", f"/sparql?query={select}"),
        Call("/sparql", "/sparql?query=ASK { ?s a sg:Recommendation }"),
        Call(
            "/sparql",
            "/sparql?query=CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3",
            headers={"Accept": "text/turtle"},
        ),
        Call("/sparql", f"/sparql?query={select}", headers={"Accept": "text/html"}),
        Call("/sparql", "/sparql", 400),
        Call("/sparql", "/sparql?query=SELECT nonsense", 400),
        Call("/sparql", "/sparql", method="POST", data={"query": select}),
        Call(
            "/sparql",
            "/sparql",
            method="POST",
            data=select,
            content_type="application/sparql-query",
        ),
        Call("/sparql", "/sparql", 400, method="POST", data={"update": "CLEAR ALL"}),
        Call("/sparql", "/sparql", 415, method="POST", data=select, content_type="text/plain"),
        Call("/feeds/search.atom", "/feeds/search.atom?q=care+leavers&council=Hackney&limit=5"),
        Call("/feeds/search.atom", "/feeds/search.atom", 400),
        Call("/feeds/status.atom", "/feeds/status.atom?council=Hackney&theme=housing"),
        Call("/feeds/status.atom", "/feeds/status.atom?body=board&status=none&limit=3"),
        Call("/feeds/status.atom", "/feeds/status.atom?year=soon", 400),
        Call(
            "/feeds/status.atom", "/feeds/status.atom", 401, headers={"Authorization": "Bearer x"}
        ),
    ]


def _query(kind: str) -> Any:
    from scrutiny.results import EntityQuery

    return EntityQuery(kind=kind, limit=1)


def send(client: FlaskClient, call: Call) -> TestResponse:
    return client.open(
        call.url,
        method=call.method,
        headers=call.headers,
        data=call.data,
        content_type=call.content_type,
    )


def validator_for(document: dict[str, Any], pointer: str) -> Draft202012Validator:
    registry: Registry[Any] = Registry().with_resource(BASE, DRAFT202012.create_resource(document))
    return Draft202012Validator(
        {"$ref": f"{BASE}#{pointer}"},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def escape(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def resolve(document: dict[str, Any], reference: str) -> tuple[list[str], Any]:
    parts = reference.removeprefix("#/").split("/")
    node: Any = document
    for part in parts:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return parts, node


def response_schema_pointer(
    document: dict[str, Any], template: str, method: str, status: int, media_type: str
) -> str:
    """The JSON pointer of the schema a response must match; fails when undocumented."""
    responses = document["paths"][template][method]["responses"]
    key = next((k for k in (str(status), f"{status // 100}XX", "default") if k in responses), None)
    assert key is not None, f"{method.upper()} {template}: status {status} is not documented"
    parts = ["paths", escape(template), method, "responses", key]
    response = responses[key]
    if "$ref" in response:
        parts, response = resolve(document, response["$ref"])
    assert media_type in response["content"], (
        f"{method.upper()} {template} {status}: {media_type} is not documented"
    )
    return "/" + "/".join([*parts, "content", escape(media_type), "schema"])


def body_of(response: TestResponse) -> Any:
    if response.mimetype in JSON_TYPES:
        return json.loads(response.get_data(as_text=True))
    return response.get_data(as_text=True)


def check(document: dict[str, Any], call: Call, response: TestResponse) -> None:
    method = call.method.lower()
    operation = document["paths"][call.template][method]
    documented = {parameter["name"] for parameter in operation.get("parameters", [])}
    sent = {name for name, _ in parse_qsl(urlsplit(call.url).query)}
    assert sent <= documented, f"{call.url}: undocumented parameters {sent - documented}"
    pointer = response_schema_pointer(
        document, call.template, method, response.status_code, response.mimetype
    )
    errors = sorted(
        validator_for(document, pointer).iter_errors(body_of(response)), key=lambda e: e.path
    )
    assert not errors, f"{call.method} {call.url}: " + "; ".join(
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}" for e in errors[:5]
    )


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    validator = pytest.importorskip("openapi_spec_validator")
    assert document["openapi"].startswith("3.1.")
    validator.validate(document)
    for schema in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_the_served_document_is_the_module_s(app: Flask, document: dict[str, Any]) -> None:
    max_limit = app.extensions["scrutiny.knowledge_base"].max_limit
    assert document == json.loads(json.dumps(openapi_document(max_limit)))


def test_every_route_is_documented_and_every_documented_route_exists(
    app: Flask, document: dict[str, Any]
) -> None:
    routes = app_operations(app)
    described = document_operations(document)
    assert routes - described == set(), "routes without a description in web/openapi.py"
    assert described - routes == set(), "described routes the app does not have"


#: Routes that change the knowledge base, exercised on a store of their own below.
EXERCISED_ON_THEIR_OWN_STORE = {("/api/documents", "post")}


def test_every_route_is_exercised_here(app: Flask, calls: list[Call]) -> None:
    """A new route needs calls in this file, a 200 among them, as well as a schema."""
    successes = {(call.template, call.method.lower()) for call in calls if call.status == 200}
    assert app_operations(app) - successes == EXERCISED_ON_THEIR_OWN_STORE


def test_adding_a_document_answers_as_documented(document: dict[str, Any], tmp_path: Path) -> None:
    from scrutiny.search.embedder import HashingEmbedder
    from scrutiny.settings import Settings
    from scrutiny.web import create_app

    minutes = b"Slough Borough Council\nCabinet\nMinutes of 4 May 2023\n\nCare leavers.\n"
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        admin = {"Authorization": f"Bearer {kb.create_token('Admin', admin=True)}"}
        officer = {"Authorization": f"Bearer {kb.create_token('Officer')}"}
        client = create_app({"TESTING": True}, knowledge_base=kb).test_client()
        cases = [
            (201, admin, "minutes.txt", minutes),
            (201, admin, "minutes.txt", minutes),  # unchanged
            (422, admin, "broken.pdf", b"%PDF-1.4 nothing"),  # fails to ingest: the report
            (422, admin, "virus.exe", b"MZ"),  # refused: the error shape
            (400, admin, None, b""),
            (401, {}, "minutes.txt", minutes),
            (403, officer, "minutes.txt", minutes),
        ]
        for status, headers, name, data in cases:
            form: dict[str, Any] = {"visibility": "public"}
            if name is not None:
                form["file"] = (io.BytesIO(data), name)
            response = client.post("/api/documents", data=form, headers=headers)
            assert response.status_code == status, (name, response.get_data(as_text=True))
            check(document, Call("/api/documents", "/api/documents", status, "POST"), response)


def test_real_responses_match_the_document(
    api_client: FlaskClient, document: dict[str, Any], calls: list[Call]
) -> None:
    for call in calls:
        response = send(api_client, call)
        assert response.status_code == call.status, (
            f"{call.method} {call.url}: {response.status_code} "
            f"{response.get_data(as_text=True)[:300]}"
        )
        check(document, call, response)


def test_search_responses_with_entities_and_explanations_are_covered(
    api_client: FlaskClient,
) -> None:
    """The search calls above reach the optional parts of the contract."""
    body = api_client.get("/api/search?q=housing&explain=1&limit=3").get_json()
    assert body["results"] and all("explain" in hit for hit in body["results"])
    body = api_client.get("/api/search?q=care+leavers+housing+register&limit=5").get_json()
    assert any(hit["entity"] for hit in body["results"])


@pytest.mark.parametrize(
    ("method", "url", "status"),
    [("POST", "/api/search?q=x", 405), ("GET", "/api/" + "x" * 9000, 414), ("GET", "/api/x", 404)],
)
def test_errors_outside_operations_have_the_documented_shape(
    api_client: FlaskClient, document: dict[str, Any], method: str, url: str, status: int
) -> None:
    response = api_client.open(url, method=method)
    assert response.status_code == status
    errors = list(
        validator_for(document, "/components/schemas/Error").iter_errors(response.get_json())
    )
    assert not errors, errors
