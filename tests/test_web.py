"""The web layer over a real KnowledgeBase: the five sample documents, hashing embedder."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.errors import StoreError
from scrutiny.results import PassageView
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web import create_app
from scrutiny.web.knowledge import EXTENSION_KEY
from scrutiny.web.rendering import highlight, query_terms, render_document_text

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
#: A phrase found in a sample passage that also contains raw ``<p>`` tags.
QUERY_NEAR_RAW_TAGS = "In My Shoes"
ERROR_KEYS = {"code", "message", "status"}
HIT_KEYS = {"rank", "score", "kind", "id", "text", "start", "end", "document"}
DOCUMENT_REF_KEYS = {"id", "title", "council", "date"}


def open_knowledge_base(store: Path) -> KnowledgeBase:
    return KnowledgeBase(Settings(store=store, embedder="hashing"), embedder=HashingEmbedder())


@pytest.fixture()
def empty_client(tmp_path: Path) -> Iterator[FlaskClient]:
    with open_knowledge_base(tmp_path / "store") as kb:
        yield create_app({"TESTING": True}, knowledge_base=kb).test_client()


def get_json(client: FlaskClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response.get_json()


def assert_error_shape(body: Any, code: str, status: int) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == ERROR_KEYS
    assert body["error"]["code"] == code
    assert body["error"]["status"] == status
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def document_text_html(page: str) -> str:
    match = re.search(r'<div class="document-text" id="document-text">(.*?)</div>', page, re.S)
    assert match, "document text container missing"
    return match.group(1)


def strip_tags(fragment: str) -> str:
    """Visible text of the document container: our anchors and marks removed, unescaped."""
    our_markup = r'<a class="passage-anchor" id="[^"]*"></a>|</?mark[^>]*>'
    without_markup = re.sub(our_markup, "", fragment)
    assert "<" not in without_markup, "unexpected markup inside the document text"
    return html.unescape(without_markup)


# home -------------------------------------------------------------------------------


def test_home_has_labelled_autofocused_search_box_and_document_count(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert re.search(r'<label for="q">[^<]+</label>', page)
    assert re.search(r'<input id="q" name="q" type="search"[^>]*autofocus', page)
    assert 'action="/search"' in page
    assert "holds 5 documents" in page


def test_home_says_when_the_knowledge_base_is_empty(empty_client: FlaskClient) -> None:
    page = empty_client.get("/").get_data(as_text=True)
    assert "The knowledge base is empty" in page


# JSON search ------------------------------------------------------------------------


def test_api_search_returns_the_service_contract_unchanged(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    body = get_json(client, "/api/search?q=care+leavers+housing&limit=5")
    assert body == knowledge_base.search("care leavers housing", 5).to_json()
    assert {"query", "results"} <= set(body)
    assert set(body) - {"query", "results"} <= {"total", "facets", "interpretation"}
    assert body["query"] == "care leavers housing"
    assert [hit["rank"] for hit in body["results"]] == [1, 2, 3, 4, 5]
    for hit in body["results"]:
        assert HIT_KEYS <= set(hit) <= HIT_KEYS | {"entity", "explain", "passage"}
        assert set(hit["document"]) == DOCUMENT_REF_KEYS
        assert hit["kind"] == "passage"
        assert isinstance(hit["score"], float)
        assert 0 <= hit["start"] < hit["end"]


def test_every_api_hit_is_the_exact_span_of_its_document(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=training+for+members&limit=10")
    assert body["results"]
    for hit in body["results"]:
        document = get_json(client, f"/api/documents/{hit['document']['id']}")
        assert hit["text"] == document["text"][hit["start"] : hit["end"]]
        # The hit is a window of passages; the passage it cites lies inside it.
        cited = hit["passage"]
        assert cited["id"] == hit["id"]
        assert cited["start"] < hit["end"] and hit["start"] < cited["end"]
        assert {"id": cited["id"], "start": cited["start"], "end": cited["end"]}.items() <= next(
            passage for passage in document["passages"] if passage["id"] == hit["id"]
        ).items()


def test_api_search_uses_the_default_limit_when_none_is_given(client: FlaskClient) -> None:
    body = get_json(client, "/api/search?q=children")
    assert len(body["results"]) == Settings().default_limit


def test_api_search_honours_the_limit(client: FlaskClient) -> None:
    assert len(get_json(client, "/api/search?q=children&limit=2")["results"]) == 2


def test_api_search_without_q_is_invalid_query(client: FlaskClient) -> None:
    assert_error_shape(get_json(client, "/api/search", 400), "invalid_query", 400)


def test_api_search_with_blank_q_is_invalid_query(client: FlaskClient) -> None:
    assert_error_shape(get_json(client, "/api/search?q=+++", 400), "invalid_query", 400)


@pytest.mark.parametrize("limit", ["abc", "0", "-1", "2.5", "101", "9" * 5000])
def test_api_search_rejects_bad_limits(client: FlaskClient, limit: str) -> None:
    body = get_json(client, f"/api/search?q=children&limit={limit}", 400)
    assert_error_shape(body, "invalid_query", 400)
    assert "limit" in body["error"]["message"]


def test_api_search_accepts_the_largest_limit(client: FlaskClient) -> None:
    assert get_json(client, f"/api/search?q=children&limit={Settings().max_limit}")["results"]


# JSON documents ---------------------------------------------------------------------


def test_api_document_returns_metadata_text_and_passages(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    ref = knowledge_base.documents()[0]
    body = get_json(client, f"/api/documents/{ref.id}")
    assert body == knowledge_base.document(ref.id).to_json()
    assert {
        "id",
        "title",
        "council",
        "date",
        "committee",
        "source_path",
        "source_url",
        "format",
        "text",
        "passages",
    } == set(body)
    assert body["id"] == ref.id and body["title"] == ref.title
    assert body["passages"]
    for passage in body["passages"]:
        assert set(passage) == {"id", "kind", "start", "end", "section"}
        assert 0 <= passage["start"] < passage["end"] <= len(body["text"])


def test_api_unknown_document_is_a_404_in_the_pinned_shape(client: FlaskClient) -> None:
    body = get_json(client, "/api/documents/no-such-document", 404)
    assert_error_shape(body, "not_found", 404)
    assert "no-such-document" in body["error"]["message"]


def test_api_unknown_route_is_a_404_in_the_pinned_shape(client: FlaskClient) -> None:
    assert_error_shape(get_json(client, "/api/nothing-here", 404), "not_found", 404)


def test_api_wrong_method_is_a_405_in_the_pinned_shape(client: FlaskClient) -> None:
    response = client.post("/api/search?q=children")
    assert response.status_code == 405
    assert_error_shape(response.get_json(), "method_not_allowed", 405)
    assert "GET" in response.headers["Allow"]


def test_a_service_failure_keeps_the_pinned_shape(
    client: FlaskClient, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_search(query: str, limit: int | None = None, **options: object) -> None:
        raise StoreError("the knowledge base is locked")

    monkeypatch.setattr(knowledge_base, "search", broken_search)
    body = get_json(client, "/api/search?q=children", 500)
    assert_error_shape(body, "store_error", 500)
    assert body["error"]["message"] == "the knowledge base is locked"


def test_an_unexpected_failure_is_a_500_that_hides_internals(
    client: FlaskClient, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashing_document(document_id: str) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(knowledge_base, "document", crashing_document)
    body = get_json(client, "/api/documents/anything", 500)
    assert_error_shape(body, "internal_error", 500)
    assert "secret" not in body["error"]["message"]
    page = client.get("/documents/anything")
    assert page.status_code == 500 and "secret" not in page.get_data(as_text=True)


def test_concurrent_requests_share_one_knowledge_base_safely(app: Flask) -> None:
    expected = app.test_client().get("/api/search?q=safeguarding&limit=5").get_json()

    def search_once(_: int) -> Any:
        return app.test_client().get("/api/search?q=safeguarding&limit=5").get_json()

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(search_once, range(32)))
    assert all(answer == expected for answer in answers)


# HTML search ------------------------------------------------------------------------


def test_search_page_lists_ranked_results_with_highlights_and_citation_links(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    expected = knowledge_base.search("safeguarding partnership", 3)
    page = client.get("/search?q=safeguarding+partnership&limit=3").get_data(as_text=True)
    items = re.findall(r'<li class="result[^"]*" id="result-(\d+)">(.*?)</li>', page, re.S)
    # Grouped by document: each document's hits together, documents by their best hit.
    grouped = sorted(
        expected.results,
        key=lambda hit: (
            next(h.rank for h in expected.results if h.document.id == hit.document.id),
            hit.rank,
        ),
    )
    assert [int(rank) for rank, _ in items] == [hit.rank for hit in grouped]
    assert sorted(int(rank) for rank, _ in items) == [1, 2, 3]
    for (_, item), hit in zip(items, grouped, strict=True):
        assert f'href="/documents/{hit.document.id}#{hit.id}"' in item
        assert html.escape(hit.document.title, quote=False) in item
        if hit.document.council:
            assert html.escape(hit.document.council) in item
    assert re.search(r"<mark>safeguarding</mark>", page, re.I)
    assert re.search(r"<mark>partnerships?</mark>", page, re.I)
    assert 'value="safeguarding partnership"' in page


def test_search_page_shows_dates_of_dated_documents(client: FlaskClient) -> None:
    page = client.get("/search?q=Safer+Schools+Officers").get_data(as_text=True)
    assert '<time datetime="2024-09-11">11 September 2024</time>' in page


def test_raw_tags_in_documents_show_as_text_in_results(client: FlaskClient) -> None:
    page = client.get(f"/search?q={QUERY_NEAR_RAW_TAGS}").get_data(as_text=True)
    assert "&lt;p&gt;" in page
    assert "<p>We have" not in page
    assert re.search(r"<mark>In</mark> <mark>My</mark> <mark>Shoes</mark>", page) is None
    assert "<mark>My</mark> <mark>Shoes</mark>" in page  # "in" is a stopword


def test_query_text_is_escaped_in_the_results_page(empty_client: FlaskClient) -> None:
    page = empty_client.get("/search?q=<script>alert(1)</script>").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_no_results_message_is_honest(empty_client: FlaskClient) -> None:
    response = empty_client.get("/search?q=adoption+panel")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "No results for “adoption panel”" in page
    assert '<li class="result' not in page


def test_empty_query_shows_only_the_search_box(client: FlaskClient) -> None:
    for url in ("/search", "/search?q=", "/search?q=+++"):
        response = client.get(url)
        assert response.status_code == 200
        page = response.get_data(as_text=True)
        assert '<input id="q" name="q" type="search"' in page
        assert "results-heading" not in page and "No results" not in page


def test_search_page_bad_limit_is_an_html_400(client: FlaskClient) -> None:
    response = client.get("/search?q=children&limit=0")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "limit must be between 1 and 100" in response.get_data(as_text=True)


# HTML documents ---------------------------------------------------------------------


def test_document_page_shows_metadata_and_verbatim_text_with_passage_anchors(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    hit = knowledge_base.search(QUERY_NEAR_RAW_TAGS, 1).results[0]
    view = knowledge_base.document(hit.document.id)
    page = client.get(f"/documents/{view.ref.id}").get_data(as_text=True)
    assert html.escape(view.ref.title, quote=False) in page
    assert html.escape(view.ref.council or "", quote=False) in page
    assert "<dt>Committee</dt>" in page and "<dt>Source</dt>" in page
    assert Path(view.source_path).name in page
    text_html = document_text_html(page)
    assert strip_tags(text_html) == view.canonical_text
    assert "&lt;p&gt;" in text_html and "<p>" not in text_html
    anchors = re.findall(r'<a class="passage-anchor" id="([^"]+)"></a>', text_html)
    assert sorted(anchors) == sorted(passage.id for passage in view.passages)
    assert "<mark" not in text_html


def test_document_page_embeds_passage_offsets_for_the_script(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    view = knowledge_base.document(knowledge_base.documents()[1].id)
    page = client.get(f"/documents/{view.ref.id}").get_data(as_text=True)
    match = re.search(r'<script type="application/json" id="passage-offsets">(.*?)</script>', page)
    assert match
    assert json.loads(match.group(1)) == {p.id: [p.start, p.end] for p in view.passages}
    assert '<script src="/static/document.js" defer></script>' in page


def test_passage_query_parameter_marks_the_passage_without_script(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    hit = knowledge_base.search(QUERY_NEAR_RAW_TAGS, 1).results[0]
    page = client.get(f"/documents/{hit.document.id}?passage={hit.id}").get_data(as_text=True)
    marks = re.findall(r'<mark class="cited-passage">(.*?)</mark>', document_text_html(page), re.S)
    assert len(marks) == 1
    text = knowledge_base.document(hit.document.id).canonical_text
    assert strip_tags(marks[0]) == text[hit.passage_start : hit.passage_end]
    assert f"Cited passage <code>{hit.id}</code>" in page


def test_unknown_passage_parameter_marks_nothing(
    client: FlaskClient, knowledge_base: KnowledgeBase
) -> None:
    document_id = knowledge_base.documents()[0].id
    page = client.get(f"/documents/{document_id}?passage=nope").get_data(as_text=True)
    assert "<mark" not in document_text_html(page)


def test_unknown_document_page_is_an_html_404(client: FlaskClient) -> None:
    response = client.get("/documents/no-such-document")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Not found" in page and "no-such-document" in page


def test_unknown_page_is_an_html_404(client: FlaskClient) -> None:
    response = client.get("/nowhere")
    assert response.status_code == 404 and response.mimetype == "text/html"


def test_pages_forbid_external_resources(client: FlaskClient) -> None:
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "http://" not in response.get_data(as_text=True)
    assert "https://" not in response.get_data(as_text=True)


def test_static_assets_are_served(client: FlaskClient) -> None:
    assert client.get("/static/style.css").status_code == 200
    assert client.get("/static/document.js").status_code == 200


# the factory ------------------------------------------------------------------------


def test_create_app_opens_the_knowledge_base_named_by_settings(tmp_path: Path) -> None:
    with open_knowledge_base(tmp_path / "store") as kb:
        kb.ingest([SAMPLES / "001_e6f87c9fb8f3a54e.txt"])
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    app = create_app({"TESTING": True}, settings=settings)
    try:
        page = app.test_client().get("/").get_data(as_text=True)
    finally:
        app.extensions[EXTENSION_KEY].close()
    assert re.search(r"holds 1 document\s+from 1 council\.", page)


# rendering --------------------------------------------------------------------------


def test_highlight_escapes_before_marking() -> None:
    assert highlight("<p>Care leavers</p>", "care") == (
        "&lt;p&gt;<mark>Care</mark> leavers&lt;/p&gt;"
    )


def test_highlight_never_splits_character_references() -> None:
    text = "<b>Tom & Jerry's</b> plan"
    assert highlight(text, "lt gt amp 39 b") == (
        "&lt;<mark>b</mark>&gt;Tom &amp; Jerry&#39;s&lt;/<mark>b</mark>&gt; plan"
    )
    assert highlight(text, "lt gt amp") == str(html.escape(text)).replace("&#x27;", "&#39;")


def test_highlight_matches_whole_words_and_plurals_only() -> None:
    assert highlight("careful carers care cares", "care") == (
        "careful carers <mark>care</mark> <mark>cares</mark>"
    )


def test_query_terms_drop_stopwords_and_duplicates() -> None:
    assert query_terms("The care of the Care leavers") == ["leavers", "care"]


def test_render_document_text_handles_overlapping_passages_and_carriage_returns() -> None:
    text = "ab<c>\r\ndefgh"
    passages = [
        PassageView("p0", 0, "paragraph", 0, 5, None),
        PassageView("p1", 1, "paragraph", 3, 9, None),
        PassageView("p2", 2, "paragraph", 9, 12, None),
    ]
    rendered = render_document_text(text, passages, marked=passages[0])
    assert rendered == (
        '<a class="passage-anchor" id="p0"></a><mark class="cited-passage">ab&lt;'
        '<a class="passage-anchor" id="p1"></a>c&gt;</mark>&#13;\nde'
        '<a class="passage-anchor" id="p2"></a>fgh'
    )
    assert html.unescape(strip_tags(str(rendered))) == text
