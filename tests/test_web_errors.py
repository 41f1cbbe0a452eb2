"""Edge cases of the HTTP surface: every error under /api/ in the pinned JSON shape."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from flask.testing import FlaskClient

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web import create_app

ERROR_KEYS = {"code", "message", "status"}
JSON = {"Accept": "application/json"}


def assert_error(response: Any, code: str, status: int) -> None:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/entities?offset=99999999999999999999",
        "/api/entities?offset=-1",
        "/api/entities?offset=1000000001",
        "/api/entities?limit=99999999999999999999",
        "/api/entities?limit=1_0",
        "/api/entities?offset=%D9%A1%D9%A2",  # Arabic-Indic digits
        "/api/entities?limit=1e3",
        "/api/entities?offset=0x10",
        "/api/search?q=care&limit=99999999999999999999",
        "/api/search?q=care&year=99999999999999999999",
        "/api/search?q=care&year=0",
        "/api/search?q=care&limit=" + "9" * 5000,
    ],
)
def test_numbers_out_of_range_or_form_are_a_400(client: FlaskClient, url: str) -> None:
    assert_error(client.get(url), "invalid_query", 400)


def test_offset_overflow_on_the_entities_page_is_an_html_400(client: FlaskClient) -> None:
    response = client.get("/entities?offset=99999999999999999999")
    assert response.status_code == 400 and response.mimetype == "text/html"


def test_an_offset_past_the_end_is_an_empty_page(client: FlaskClient) -> None:
    response = client.get("/api/entities?offset=1000000000")
    assert response.status_code == 200
    assert response.get_json()["entities"] == []


def test_a_url_over_the_limit_is_a_414(client: FlaskClient) -> None:
    assert_error(client.get("/api/search?q=" + "a" * 9000), "uri_too_long", 414)
    assert_error(client.get("/api/entities/" + "x" * 9000), "uri_too_long", 414)


def test_a_body_over_the_limit_is_a_413(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", embedder="hashing", max_request_bytes=1000)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        client = create_app({"TESTING": True}, knowledge_base=kb).test_client()
        big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 2000
        response = client.post(
            "/sparql", data=big, content_type="application/sparql-query", headers=JSON
        )
        assert_error(response, "payload_too_large", 413)
        response = client.post("/sparql", data={"query": big}, headers=JSON)
        assert_error(response, "payload_too_large", 413)


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_every_other_method_is_a_405_with_allow(client: FlaskClient, method: str) -> None:
    response = getattr(client, method)("/api/search?q=care")
    assert_error(response, "method_not_allowed", 405)
    assert "GET" in response.headers["Allow"]


def test_unknown_api_paths_are_a_json_404(client: FlaskClient) -> None:
    for url in ("/api/", "/api/nothing", "/api/entities/", "/api/documents/", "/api/x/y/z"):
        assert_error(client.get(url), "not_found", 404)


HOSTILE = [
    "\x00",
    '"',
    "*",
    "NEAR(a b)",
    'a"b',
    "a:b",
    "^",
    "{a}",
    "OR NOT",
    "\n",
    "\ufffd",
    "😀" * 300,
    "-1",
    "99999999999999999999",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_parameters_never_break_the_api(client: FlaskClient, value: str) -> None:
    v = quote(value)
    urls = [
        f"/api/search?q={v}",
        f"/api/search?q=care&council={v}&committee={v}&kind={v}&theme={v}"
        f"&organisation={v}&status={v}",
        f"/api/entities?q={v}&kind={v}",
        f"/api/entities?council={v}&theme={v}&organisation={v}&status={v}",
        f"/api/entities/{v}",
        f"/api/documents/{v}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, (url, response.get_data(as_text=True))
        assert response.mimetype == "application/json"
        if response.status_code >= 400:
            body = response.get_json()
            assert set(body["error"]) == ERROR_KEYS
            assert body["error"]["status"] == response.status_code
