"""The entities API and pages over a real KnowledgeBase: the five sample documents,
hashing embedder, ingested once for the module."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from flask.testing import FlaskClient
from markupsafe import escape

from scrutiny.results import EntityQuery
from scrutiny.service import KnowledgeBase

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
HACKNEY = "London Borough of Hackney"
WALTHAM_FOREST = "London Borough of Waltham Forest"
MET_POLICE = "organisation:metropolitan-police-service"
PAGE_KEYS = {"total", "facets", "entities"}
ENTITY_KEYS = {
    "id",
    "kind",
    "label",
    "text",
    "attributes",
    "document",
    "start",
    "end",
    "confidence",
}
DETAIL_KEYS = ENTITY_KEYS | {"neighbours", "mentions"}
NEIGHBOUR_KEYS = {"edge", "direction", "id", "kind", "label"}
MENTION_KEYS = {"document", "passage", "start", "end", "text", "repaired_from"}
DOCUMENT_REF_KEYS = {"id", "title", "council", "date"}
ERROR_KEYS = {"code", "message", "status"}


def get_json(client: FlaskClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def get_page(client: FlaskClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "text/html"
    page: str = response.get_data(as_text=True)
    return page


def assert_error_shape(body: Any, code: str, status: int) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def hrefs(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'href="([^"]*)"', page)]


def recommendation(knowledge_base: KnowledgeBase, number: str) -> dict[str, Any]:
    page = knowledge_base.entities(EntityQuery(kind="recommendation", limit=100))
    found = [e for e in page.entities if e.attributes.get("number") == number]
    assert len(found) == 1
    entity: dict[str, Any] = found[0].to_json()
    return entity


# JSON: the listing ----------------------------------------------------------------------


def test_api_entities_returns_the_service_contract(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    body = get_json(client, "/api/entities")
    assert body == knowledge_base.entities(EntityQuery()).to_json()
    assert set(body) == PAGE_KEYS
    assert body["total"] > 20 and len(body["entities"]) == 20  # the default limit
    assert set(body["facets"]) >= {"kind", "council", "status", "theme"}
    assert all(
        isinstance(count, int) for counts in body["facets"].values() for count in counts.values()
    )
    for entity in body["entities"]:
        assert set(entity) == ENTITY_KEYS
        assert entity["document"] is None or set(entity["document"]) == DOCUMENT_REF_KEYS
    assert sum(body["facets"]["kind"].values()) == body["total"]


def test_items_with_spans_are_the_exact_text_of_their_document(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities?kind=recommendation&limit=100")
    assert body["total"] == 12
    texts: dict[str, str] = {}
    for entity in body["entities"]:
        document_id = entity["document"]["id"]
        if document_id not in texts:
            texts[document_id] = get_json(client, f"/api/documents/{document_id}")["text"]
        assert 0 <= entity["start"] < entity["end"] <= len(texts[document_id])
        span = texts[document_id][entity["start"] : entity["end"]]
        assert f"Recommendation {entity['attributes']['number']}" in span


def test_partially_accepted_recommendations_are_5_10_and_12(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities?kind=recommendation&status=partially%20accepted")
    assert body["total"] == 3
    entities = body["entities"]
    assert sorted(int(e["attributes"]["number"]) for e in entities) == [5, 10, 12]
    assert {e["kind"] for e in entities} == {"recommendation"}
    assert {e["attributes"]["status"] for e in entities} == {"partially accepted"}
    assert {e["document"]["council"] for e in entities} == {WALTHAM_FOREST}
    assert body["facets"]["status"] == {"partially accepted": 3}


def test_status_facet_counts_the_recommendations(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities?kind=recommendation&limit=1")
    assert body["total"] == 12 and len(body["entities"]) == 1
    assert body["facets"]["status"] == {"accepted": 9, "partially accepted": 3}
    assert body["facets"]["kind"] == {"recommendation": 12}
    assert body["facets"]["council"] == {WALTHAM_FOREST: 12}


def test_council_filter_keeps_hackney_only(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities?council=Hackney&limit=100")
    assert body["total"] > 0
    # Shared nodes (organisations, themes) named by Hackney documents count for Hackney,
    # and also for any other council whose documents name them.
    assert body["facets"]["council"][HACKNEY] == body["total"]
    councils = {e["document"]["council"] for e in body["entities"] if e["document"]}
    assert councils == {HACKNEY}
    everything = get_json(client, "/api/entities?limit=1")
    assert body["total"] < everything["total"]


def test_organisation_filter_resolves_the_mps_alias(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    by_alias = get_json(client, "/api/entities?organisation=MPS")
    by_name = get_json(client, "/api/entities?organisation=Metropolitan%20Police%20Service")
    assert by_alias["total"] > 0
    assert by_alias == by_name
    linked = {n.id for n in knowledge_base.entity(MET_POLICE).neighbours}
    assert {e["id"] for e in by_alias["entities"]} <= linked


def test_theme_filter_takes_the_theme_key(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities?theme=care-leavers&limit=100")
    assert body["total"] > 0
    assert body["facets"]["theme"]["Care leavers"] == body["total"]
    by_label = get_json(client, "/api/entities?theme=Care%20leavers&limit=100")
    assert by_label == body


def test_filters_combine_and_text_filter_narrows(client: FlaskClient) -> None:
    training = get_json(client, "/api/entities?kind=recommendation&q=training")
    assert training["total"] == 3
    assert all("training" in e["text"].lower() for e in training["entities"])
    body = get_json(client, "/api/entities?kind=recommendation&theme=care-leavers&q=training")
    assert body["total"] == 2
    numbers = {e["attributes"]["number"] for e in body["entities"]}
    assert numbers < {e["attributes"]["number"] for e in training["entities"]}


def test_blank_filters_mean_no_constraint(client: FlaskClient) -> None:
    blank = get_json(client, "/api/entities?kind=&council=&theme=&organisation=&status=&q=")
    assert blank == get_json(client, "/api/entities")


def test_limit_and_offset_page_through_the_matches(client: FlaskClient) -> None:
    first = get_json(client, "/api/entities?kind=recommendation&limit=5")
    second = get_json(client, "/api/entities?kind=recommendation&limit=5&offset=5")
    last = get_json(client, "/api/entities?kind=recommendation&limit=5&offset=10")
    ids = [e["id"] for page in (first, second, last) for e in page["entities"]]
    assert [len(p["entities"]) for p in (first, second, last)] == [5, 5, 2]
    assert len(set(ids)) == 12
    assert first["total"] == second["total"] == last["total"] == 12


@pytest.mark.parametrize(
    "arguments",
    [
        "limit=abc",
        "limit=2.5",
        "offset=x",
        "offset=1e3",
        "limit=0",
        "limit=101",
        "offset=-1",
        "kind=spaceship",
        "kind=passage",
    ],
)
def test_bad_arguments_are_invalid_query_in_the_pinned_shape(
    client: FlaskClient, arguments: str
) -> None:
    body = get_json(client, f"/api/entities?{arguments}", 400)
    assert_error_shape(body, "invalid_query", 400)


# JSON: one entity -----------------------------------------------------------------------


def test_api_entity_child_q_has_repaired_mentions_in_two_documents(client: FlaskClient) -> None:
    body = get_json(client, "/api/entities/case:child-q")
    assert set(body) == DETAIL_KEYS
    assert body["id"] == "case:child-q" and body["kind"] == "case"
    mentions = body["mentions"]
    assert all(set(m) == MENTION_KEYS for m in mentions)
    assert len({m["document"]["id"] for m in mentions}) == 2
    repaired = [m for m in mentions if m["repaired_from"] is not None]
    assert repaired and all(m["text"].lower() != "child q" for m in repaired)
    document_id = repaired[0]["document"]["id"]
    text = get_json(client, f"/api/documents/{document_id}")["text"]
    for mention in (m for m in mentions if m["document"]["id"] == document_id):
        assert text[mention["start"] : mention["end"]] == mention["text"]


def test_api_entity_neighbours_carry_edge_kind_and_direction(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    number_10 = recommendation(knowledge_base, "10")
    body = get_json(client, f"/api/entities/{number_10['id']}")
    assert body == knowledge_base.entity(number_10["id"]).to_json()
    neighbours = body["neighbours"]
    assert all(set(n) == NEIGHBOUR_KEYS for n in neighbours)
    assert {n["direction"] for n in neighbours} <= {"in", "out"}
    edges = {(n["edge"], n["direction"], n["kind"]) for n in neighbours}
    assert ("extracted_from", "out", "passage") in edges
    assert ("responds_to", "in", "response") in edges
    assert any(edge == "has_theme" and kind == "theme" for edge, _, kind in edges)


def test_api_entity_ids_with_colons_route(client: FlaskClient) -> None:
    body = get_json(client, f"/api/entities/{MET_POLICE}")
    assert body["label"] == "Metropolitan Police Service"
    assert "MPS" in body["attributes"]["aliases"]


@pytest.mark.parametrize("entity_id", ["case:child-z", "nothing", "with/a/slash", "a:b:c"])
def test_api_unknown_entity_is_a_404_in_the_pinned_shape(
    client: FlaskClient, entity_id: str
) -> None:
    body = get_json(client, f"/api/entities/{entity_id}", 404)
    assert_error_shape(body, "not_found", 404)
    assert entity_id in body["error"]["message"]


# pages: the list ------------------------------------------------------------------------


def test_entity_list_offers_facets_as_links_with_counts(client: FlaskClient) -> None:
    page = get_page(client, "/entities?kind=recommendation")
    status_facet = re.search(
        r'<section class="facet" id="facet-status">(.*?)</section>', page, re.S
    )
    assert status_facet
    links = re.findall(
        r'<a href="([^"]+)"[^>]*>([^<]+)</a>\s*<span class="count">(\d+)</span>',
        status_facet.group(1),
    )
    counts = {label: int(count) for _, label, count in links}
    assert counts == {"accepted": 9, "partially accepted": 3}
    for section in ("kind", "council", "theme"):
        assert f'id="facet-{section}"' in page
    href = next(html.unescape(href) for href, label, _ in links if label == "partially accepted")
    assert parse_qs(urlsplit(href).query) == {
        "kind": ["recommendation"],
        "status": ["partially accepted"],
    }
    filtered = get_page(client, href)
    labels = re.findall(r'class="entity-label" href="[^"]+">([^<]+)</a>', filtered)
    assert sorted(labels) == ["Recommendation 10", "Recommendation 12", "Recommendation 5"]
    assert "1–3 of 3 entities" in filtered


def test_entity_list_shows_and_removes_active_filters(client: FlaskClient) -> None:
    page = get_page(client, "/entities?kind=recommendation&theme=Care+leavers")
    assert "Filtered by" in page
    removers = {
        label: html.unescape(href)
        for href, label in re.findall(r'<a href="([^"]+)" aria-label="Remove the ([^"]+)">', page)
    }
    assert removers == {
        "kind filter recommendation": "/entities?theme=Care+leavers",
        "theme filter Care leavers": "/entities?kind=recommendation",
    }
    # the text filter keeps the other filters as hidden fields
    assert '<input type="hidden" name="kind" value="recommendation">' in page


def test_entity_list_paginates(client: FlaskClient, knowledge_base: KnowledgeBase) -> None:
    total = knowledge_base.entities(EntityQuery()).total
    first = get_page(client, "/entities")
    assert f"1–20 of {total} entities" in first
    assert 'rel="prev"' not in first
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert next_link
    second_url = html.unescape(next_link.group(1))
    assert parse_qs(urlsplit(second_url).query) == {"offset": ["20"]}
    second = get_page(client, second_url)
    assert f"21–40 of {total} entities" in second
    assert '<a rel="prev" href="/entities">' in second
    first_ids = set(re.findall(r'class="entity-label" href="/entities/([^"]+)"', first))
    second_ids = set(re.findall(r'class="entity-label" href="/entities/([^"]+)"', second))
    assert len(first_ids) == len(second_ids) == 20 and not first_ids & second_ids


def test_entity_list_text_filter_is_escaped(client: FlaskClient) -> None:
    page = get_page(client, "/entities?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "No entities match" in page


def test_entity_list_bad_limit_is_an_html_400(client: FlaskClient) -> None:
    page = get_page(client, "/entities?limit=lots", 400)
    assert "limit must be a whole number" in page


# pages: one entity ----------------------------------------------------------------------


def test_recommendation_page_shows_status_owners_section_comment_and_source(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    number_10 = recommendation(knowledge_base, "10")
    detail = knowledge_base.entity(number_10["id"])
    page = get_page(client, f"/entities/{number_10['id']}")
    attributes = number_10["attributes"]
    assert "<h1>Recommendation 10</h1>" in page
    assert f"<dt>Status</dt><dd>{attributes['status']}</dd>" in page
    owners = "".join(f"<li>{escape(owner)}</li>" for owner in attributes["owners"])
    assert f"<dt>Owners</dt><dd><ul>{owners}</ul></dd>" in page
    assert f"<dt>Section</dt><dd>{escape(attributes['section'])}</dd>" in page
    assert f"<dt>Response comment</dt><dd>{escape(attributes['comment'])}</dd>" in page
    source = next(n.id for n in detail.neighbours if n.edge == "extracted_from")
    document_id = number_10["document"]["id"]
    assert f'From <a href="/documents/{document_id}#{source}">' in page
    links = hrefs(page)
    for neighbour in detail.neighbours:
        if neighbour.kind != "passage":
            assert f"/entities/{neighbour.id}" in links
    assert 'data-edge="has_theme" data-direction="out"' in page
    assert 'data-edge="responds_to" data-direction="in"' in page


def test_case_page_links_mentions_and_says_what_was_heard(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    detail = knowledge_base.entity("case:child-q")
    page = get_page(client, "/entities/case:child-q")
    assert "<h1>Child Q</h1>" in page
    repaired = [m for m in detail.mentions if m.repaired_from]
    assert repaired
    for mention in repaired:
        assert f"heard as “{escape(mention.repaired_from)}”" in page
    links = hrefs(page)
    for mention in detail.mentions:
        assert f"/documents/{mention.document.id}#{mention.passage_id}" in links
    # passages that mention the case link to their place in the document
    passage_links = [link for link in links if link.startswith("/documents/") and "#" in link]
    mentioning = [n.id for n in detail.neighbours if n.kind == "passage"]
    assert mentioning and all(
        any(link.endswith(f"#{pid}") for link in passage_links) for pid in mentioning
    )
    assert "<li>child cue</li>" in page  # aliases shown as a list


def test_organisation_page_groups_neighbours_by_edge(client: FlaskClient) -> None:
    page = get_page(client, f"/entities/{MET_POLICE}")
    assert "<h1>Metropolitan Police Service</h1>" in page
    groups = re.findall(r'data-edge="([^"]+)" data-direction="([^"]+)"', page)
    assert len(groups) == len(set(groups)) and ("mentions", "in") in groups
    assert "/entities/person:paul-ridley" in hrefs(page)


def test_unknown_entity_page_is_an_escaped_html_404(client: FlaskClient) -> None:
    page = get_page(client, "/entities/%3Cscript%3Ealert(1)%3C/script%3E", 404)
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_home_and_search_pages_link_to_the_entities(client: FlaskClient) -> None:
    assert "/entities" in hrefs(get_page(client, "/"))
    assert "Browse recommendations" in get_page(client, "/")
    results = get_page(client, "/search?q=care+leavers")
    assert "/entities?q=care+leavers" in hrefs(results)


def test_entity_page_draws_its_neighbourhood(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    detail = knowledge_base.entity("case:child-q")
    page = get_page(client, "/entities/case:child-q")
    svg = re.search(r"<svg class=\"neighbourhood\".*?</svg>", page, re.S)
    assert svg, "the entity page draws its neighbourhood"
    drawn = svg.group(0)
    assert 'role="img"' in drawn and "<title" in drawn and "<desc" in drawn
    labels = {n.label for n in detail.neighbours if n.kind != "passage"}
    shown = re.findall(r'<text [^>]*font-size="12"[^>]*>([^<]*)</text>', drawn)
    assert len(shown) == min(len(labels), 14) + (len(labels) > 14) + 1 + any(
        n.kind == "passage" for n in detail.neighbours
    )
    assert html.unescape(shown[-1]).startswith("Child Q"[:10])
    for label in list(labels)[:5]:
        assert label[:20] in html.unescape(drawn) or len(label) > 25


def test_neighbourhood_labels_are_escaped() -> None:
    from scrutiny.web.neighbourhood import neighbourhood_svg, spokes_of

    spokes = spokes_of([("mentions", "in", "person", "<script>x</script>")] * 2)
    drawn = str(neighbourhood_svg("A & B", "organisation", spokes))
    assert "<script>" not in drawn and "&lt;script&gt;" in drawn and "A &amp; B" in drawn
    assert drawn.count('class="node node-person"') == 1, "a neighbour is drawn once"
