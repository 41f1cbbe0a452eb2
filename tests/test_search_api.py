"""Search precision controls through the JSON API: filters, facets, exact phrases, the
relevance floor and explain (fast tier: the deterministic hashing embedder)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient

from scrutiny.service import KnowledgeBase
from scrutiny.web import create_app


@pytest.fixture
def client(sample_kb: KnowledgeBase) -> Iterator[FlaskClient]:
    app = create_app({"TESTING": True}, knowledge_base=sample_kb)
    with app.test_client() as test_client:
        yield test_client


def search(client: FlaskClient, **args: Any) -> dict[str, Any]:
    response = client.get("/api/search", query_string=args)
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def test_council_filter_keeps_only_that_council(client: FlaskClient) -> None:
    body = search(client, q="care leavers housing", council="Hackney", limit=20)
    assert body["results"]
    assert {hit["document"]["council"] for hit in body["results"]} == {"London Borough of Hackney"}
    assert set(body["facets"]["council"]) == {"London Borough of Hackney"}
    unfiltered = search(client, q="care leavers housing", limit=20)
    assert len(unfiltered["facets"]["council"]) > 1


def test_kind_filter_returns_passages_carrying_that_entity(client: FlaskClient) -> None:
    body = search(client, q="care leavers", kind="recommendation", limit=10)
    assert body["results"]
    for hit in body["results"]:
        assert hit["entity"]["kind"] == "recommendation"
        assert "Recommendation" in hit["text"]


def test_status_filter_and_facet_counts(client: FlaskClient) -> None:
    body = search(client, q="recommendation", status="partially accepted", limit=10)
    numbers = sorted(int(hit["entity"]["attributes"]["number"]) for hit in body["results"])
    assert numbers == [5, 10, 12]
    everything = search(client, q="recommendation services council", limit=50)
    assert everything["facets"]["status"]["partially accepted"] == 3
    assert body["total"] == 3


def test_year_filter(client: FlaskClient) -> None:
    body = search(client, q="findings review", year=2020, limit=10)
    assert body["results"]
    assert all(hit["document"]["date"].startswith("2020") for hit in body["results"])
    assert search(client, q="findings review", year=1999)["results"] == []


def test_quoted_phrases_must_appear_verbatim(client: FlaskClient) -> None:
    body = search(client, q='"leaving care coach"', limit=10)
    assert len(body["results"]) == 1
    assert "leaving care coach" in body["results"][0]["text"]
    assert body["interpretation"]["phrases"] == ["leaving care coach"]


def test_a_quoted_single_word_is_required_too(client: FlaskClient) -> None:
    body = search(client, q='"leavers" housing', limit=20)
    assert body["results"] and body["interpretation"]["phrases"] == ["leavers"]
    assert all("leavers" in hit["text"].lower() for hit in body["results"])
    unquoted = search(client, q="leavers housing", limit=20)
    assert body["total"] <= unquoted["total"]


def test_nonsense_gets_an_honest_empty_answer(client: FlaskClient) -> None:
    body = search(client, q="zzqxv blorptangle")
    assert body["results"] == []
    assert body["total"] == 0


def test_explain_shows_each_stage(client: FlaskClient) -> None:
    body = search(client, q="Action By Director", explain=1, limit=3)
    explained = body["results"][0]["explain"]
    assert {"retrievers", "fused", "boosts", "final"} <= set(explained)
    assert "window_keyword" in explained["retrievers"]
    assert explained["final"] == pytest.approx(body["results"][0]["score"], abs=1e-5)
    assert "explain" not in search(client, q="Action By Director", limit=3)["results"][0]


def test_a_case_name_never_ranks_a_look_alike_case_first(client: FlaskClient) -> None:
    body = search(client, q="Child Q learning", limit=5)
    assert body["interpretation"]["cases"] == ["case:child-q"]
    top = body["results"][0]["text"].lower()
    assert "child q" in top or "child queue" in top or "child cue" in top
    body = search(client, q="Child C learning review", limit=5)
    assert "child c" in body["results"][0]["text"].lower()


def test_promise_questions_are_read_as_commitments(client: FlaskClient) -> None:
    body = search(client, q="what was promised on care leaver housing", limit=5)
    assert body["interpretation"]["intent"] == "commitments"
    assert any(hit["entity"] and hit["entity"]["kind"] == "commitment" for hit in body["results"])


def test_organisation_aliases_expand(client: FlaskClient) -> None:
    body = search(client, q="MPS safer schools officers", limit=5)
    assert "organisation:metropolitan-police-service" in body["interpretation"]["organisations"]
    assert "Metropolitan Police Service" in body["interpretation"]["expanded_with"]


@pytest.mark.parametrize("year", ["twenty", "20.5"])
def test_bad_year_is_a_clear_400(client: FlaskClient, year: str) -> None:
    response = client.get("/api/search", query_string={"q": "housing", "year": year})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "invalid_query"
