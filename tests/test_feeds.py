"""The Atom feeds over the sample corpus (hashing embedder): they parse with feedparser
without errors, carry what RFC 4287 requires, and hold what /api/search and
/api/tracker give for the same filters."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import pytest
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase, document_id_for
from scrutiny.settings import Settings
from scrutiny.tracker import TrackerRow
from scrutiny.web import create_app
from scrutiny.web.feeds import ATOM_NS, Entry, Feed, Link, render, status_entry

A = f"{{{ATOM_NS}}}"
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")


@pytest.fixture(scope="module")
def feed_client(app: Flask) -> FlaskClient:
    return app.test_client()


def fetch(client: FlaskClient, url: str, base_url: str = "http://localhost/") -> Any:
    response = client.get(url, base_url=base_url)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == "application/atom+xml"
    assert response.mimetype_params.get("charset") == "utf-8"
    parsed = feedparser.parse(response.data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    check_rfc_4287(response.data)
    return parsed


def check_rfc_4287(data: bytes) -> None:
    """What RFC 4287 requires of a feed and its entries (section 4.1)."""
    root = ElementTree.fromstring(data)
    assert root.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(f"{A}{name}")) == 1, f"feed needs exactly one {name}"
    assert RFC3339.match(root.findtext(f"{A}updated") or "")
    feed_author = root.find(f"{A}author/{A}name") is not None
    assert any(link.get("rel") == "self" for link in root.findall(f"{A}link"))
    ids = []
    for entry in root.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, f"entry needs exactly one {name}"
        ids.append(entry.findtext(f"{A}id"))
        assert RFC3339.match(entry.findtext(f"{A}updated") or "")
        assert feed_author or entry.find(f"{A}author/{A}name") is not None
        alternates = [link for link in entry.findall(f"{A}link") if link.get("rel") == "alternate"]
        assert alternates, "an entry without content needs an alternate link; give one anyway"
        assert entry.find(f"{A}content") is not None or entry.find(f"{A}summary") is not None
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    assert all(
        re.match(r"^urn:uuid:[0-9a-f-]{36}$", i or "") for i in [root.findtext(f"{A}id"), *ids]
    )


# --- the saved search ---------------------------------------------------------------------


def test_search_feed_holds_the_latest_results_of_the_search(feed_client: FlaskClient) -> None:
    parsed = fetch(feed_client, "/feeds/search.atom?q=care+leavers+housing&limit=8")
    api = feed_client.get("/api/search?q=care+leavers+housing&limit=8").get_json()
    assert api["results"]
    assert "care leavers housing" in parsed.feed.title
    links = {hit["id"]: hit for hit in api["results"]}
    entries = parsed.entries
    assert len(entries) == len(api["results"])
    found = [re.search(r"passage=([^&#]+)", entry.link).group(1) for entry in entries]
    assert sorted(found) == sorted(links)
    # Newest document first; documents without a date last.
    dates = [links[passage]["document"]["date"] for passage in found]
    dated = [d for d in dates if d]
    assert dated == sorted(dated, reverse=True)
    assert dates == dated + [None] * (len(dates) - len(dated))
    for entry, passage in zip(entries, found, strict=True):
        hit = links[passage]
        assert entry.link.startswith(f"http://localhost/documents/{hit['document']['id']}?")
        assert entry.link.endswith(f"#{passage}")
        assert hit["text"] in entry.content[0].value  # the citation, verbatim
        if hit["document"]["date"]:
            assert entry.updated.startswith(hit["document"]["date"] + "T00:00:00")
        if hit["document"]["council"]:
            assert entry.author == hit["document"]["council"]
    assert parsed.feed.updated == max(entry.updated for entry in entries)


def test_search_feed_applies_the_search_filters(feed_client: FlaskClient) -> None:
    url = "q=recommendation&council=London+Borough+of+Hackney&year=2024&limit=20"
    parsed = fetch(feed_client, f"/feeds/search.atom?{url}")
    api = feed_client.get(f"/api/search?{url}").get_json()
    assert api["results"] and len(parsed.entries) == len(api["results"])
    assert {entry.author for entry in parsed.entries} == {"London Borough of Hackney"}
    assert "council London Borough of Hackney" in parsed.feed.title
    everywhere = fetch(feed_client, "/feeds/search.atom?q=recommendation&limit=20")
    assert len({entry.author for entry in everywhere.entries}) > 1


def test_search_feed_ids_are_stable_and_host_independent(feed_client: FlaskClient) -> None:
    url = "/feeds/search.atom?q=Child+Q&limit=5"
    first = fetch(feed_client, url)
    second = fetch(feed_client, url, base_url="https://scrutiny.example.org/")
    assert first.feed.id == second.feed.id
    assert [e.id for e in first.entries] == [e.id for e in second.entries]
    assert second.entries[0].link.startswith("https://scrutiny.example.org/documents/")
    other = fetch(feed_client, "/feeds/search.atom?q=Child+Q&limit=5&council=Camden")
    assert other.feed.id != first.feed.id


def test_search_feed_needs_a_query_and_valid_filters(feed_client: FlaskClient) -> None:
    assert feed_client.get("/feeds/search.atom").status_code == 400
    assert feed_client.get("/feeds/search.atom?q=+").status_code == 400
    assert feed_client.get("/feeds/search.atom?q=x&limit=0").status_code == 400
    assert feed_client.get("/feeds/search.atom?q=x&year=soon").status_code == 400


def test_a_search_with_no_results_is_still_a_valid_feed(feed_client: FlaskClient) -> None:
    parsed = fetch(feed_client, "/feeds/search.atom?q=care&council=Nowhere+Borough")
    assert parsed.entries == []
    assert RFC3339.match(parsed.feed.updated)


def test_the_search_page_links_its_feed(feed_client: FlaskClient) -> None:
    page = feed_client.get("/search?q=care+leavers&council=London+Borough+of+Hackney")
    text = page.get_data(as_text=True)
    feed = "/feeds/search.atom?q=care+leavers&amp;council=London+Borough+of+Hackney"
    assert re.search(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" '
        rf'href="{re.escape(feed)}">',
        text,
    )
    assert re.search(rf'<a href="{re.escape(feed)}" type="application/atom\+xml">', text)
    assert "/feeds/" not in feed_client.get("/search").get_data(as_text=True)


def test_feeds_answer_conditional_requests(feed_client: FlaskClient) -> None:
    for url in ("/feeds/search.atom?q=care+leavers", "/feeds/status.atom?council=Hackney"):
        first = feed_client.get(url)
        assert first.status_code == 200 and first.headers["ETag"]
        assert first.headers["Last-Modified"]
        again = feed_client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and not again.data
        since = feed_client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
        assert since.status_code == 304


def test_the_tracker_page_links_its_status_feed(feed_client: FlaskClient) -> None:
    text = feed_client.get("/tracker?council=Hackney&status=none&sort=due&limit=10").get_data(
        as_text=True
    )
    feed = re.escape("/feeds/status.atom?council=Hackney&amp;status=none")
    assert re.search(
        rf'<link rel="alternate" type="application/atom\+xml" [^>]*href="{feed}">', text
    )
    assert re.search(rf'<a href="{feed}" type="application/atom\+xml">', text)


# --- status changes -----------------------------------------------------------------------


def tracker_rows(client: FlaskClient, arguments: str) -> list[dict[str, Any]]:
    body = client.get(f"/api/tracker?sort=-date&{arguments}").get_json()
    rows: list[dict[str, Any]] = body["rows"]
    return rows


@pytest.mark.parametrize(
    "arguments",
    [
        "council=Hackney",
        "council=Waltham+Forest&limit=200",
        "theme=housing",
        "council=Waltham+Forest&kind=recommendation",
        "body=partnership",  # no sample document names a body: an empty feed
    ],
)
def test_status_feed_holds_the_tracker_rows_newest_documents_first(
    feed_client: FlaskClient, arguments: str
) -> None:
    parsed = fetch(feed_client, f"/feeds/status.atom?{arguments}")
    rows = tracker_rows(feed_client, arguments)
    assert rows or arguments.startswith("body=")
    assert [entry.link for entry in parsed.entries] == [
        f"http://localhost/entities/{row['id']}" for row in rows
    ]
    for entry, row in zip(parsed.entries, rows, strict=True):
        status = row["status"] or "no response recorded"
        assert status in entry.title
        assert entry.title.startswith(row["kind"].capitalize())
        content = entry.content[0].value
        assert content.startswith(row["text"])
        if row["progress"]:
            assert f"Latest progress: {row['progress']}" in content
        if row["owners"]:
            assert "; ".join(row["owners"]) in content
        assert any(link.href.endswith(row["source"]["link"]) for link in entry.links)
        assert entry.author == (row["body"] or row["council"])
        if row["date"]:
            assert entry.updated.startswith(row["date"] + "T00:00:00")


def test_status_feed_shows_response_statuses(feed_client: FlaskClient) -> None:
    parsed = fetch(feed_client, "/feeds/status.atom?status=accepted")
    assert parsed.entries
    assert all("accepted" in entry.title for entry in parsed.entries)
    assert all("accepted" in {tag.term for tag in entry.tags} for entry in parsed.entries)


def test_status_feed_limits_and_checks_its_arguments(feed_client: FlaskClient) -> None:
    assert len(fetch(feed_client, "/feeds/status.atom").entries) == 50
    assert len(fetch(feed_client, "/feeds/status.atom?limit=3").entries) == 3
    for bad in ("limit=201", "limit=all", "year=soon", "status=maybe", "kind=finding"):
        assert feed_client.get(f"/feeds/status.atom?{bad}").status_code == 400, bad
    nothing = fetch(feed_client, "/feeds/status.atom?council=Nowhere")
    assert nothing.entries == []
    assert "council Nowhere" in nothing.feed.title
    assert nothing.feed.links[1].href == "http://localhost/tracker?council=Nowhere"


def test_a_status_change_is_a_new_entry(app: Flask) -> None:
    row = TrackerRow(
        id="d1-recommendation-1", kind="recommendation", council="A Council", body=None,
        document_id="d1", document_title="Report", date="2024-01-31", number="1",
        text="Do the thing.", owners=("Director",), due="March 2025", due_date="2025-03-31",
        status=None, progress=None, response=None, complete=False, overdue=False,
        passage_id=None, start=0, end=10,
    )  # fmt: skip
    moment = datetime(2024, 1, 31, tzinfo=UTC)
    with app.test_request_context():
        ids = {
            status_entry(variant, moment).id
            for variant in (
                row,
                replace(row, status="accepted"),
                replace(row, status="accepted", progress="Green"),
            )
        }
        assert len(ids) == 3
        assert status_entry(row, moment).id == status_entry(row, moment).id


def test_text_xml_cannot_hold_is_dropped() -> None:
    entry = Entry(
        id="urn:uuid:00000000-0000-5000-8000-000000000000",
        title="a\x01b\x0bc",
        updated=datetime(2024, 1, 1, tzinfo=UTC),
        links=(Link("http://localhost/x"),),
        content="text\x00 with\x1f controls & <markup>",
    )
    data = render(
        Feed(
            id="urn:uuid:00000000-0000-5000-8000-000000000001",
            title="t",
            subtitle="s",
            links=(Link("http://localhost/feed", rel="self"),),
            entries=(entry,),
        )
    )
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.entries[0].title == "abc"
    assert parsed.entries[0].content[0].value == "text with controls & <markup>"


# --- who may read what --------------------------------------------------------------------

MARKER = "Zorblax"


@pytest.fixture(scope="module")
def restricted_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Flask, str, str]]:
    """A public sample and a restricted one (with a marker word): (app, token, restricted
    document id)."""
    root = tmp_path_factory.mktemp("feeds-visibility")
    (root / "public").mkdir()
    (root / "restricted").mkdir()
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", root / "public" / "minutes.txt")
    text = (SAMPLES / "000_d36982314f02b529.txt").read_text(encoding="utf-8")
    review = root / "restricted" / "review.txt"
    review.write_text(f"{text}\nThe {MARKER} panel met monthly.\n", encoding="utf-8")
    settings = Settings(store=root / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest([root / "public"]).ok
        assert kb.ingest([root / "restricted"], visibility="restricted").ok
        app = create_app({"TESTING": True}, knowledge_base=kb)
        yield app, kb.create_token("Feed Reader"), document_id_for(str(review.resolve()))


def test_feeds_show_restricted_documents_to_officers_only(
    restricted_corpus: tuple[Flask, str, str],
) -> None:
    app, token, restricted = restricted_corpus
    client = app.test_client()
    officer = {"Authorization": f"Bearer {token}"}
    for url in (f"/feeds/search.atom?q={MARKER.lower()}", "/feeds/status.atom?limit=200"):
        anonymous = feedparser.parse(client.get(url).data)
        signed_in = feedparser.parse(client.get(url, headers=officer).data)
        assert not anonymous.bozo and not signed_in.bozo

        def shows_restricted(parsed: Any) -> bool:
            return any(
                f"/documents/{restricted}" in link.href or f"/entities/{restricted}" in link.href
                for entry in parsed.entries
                for link in entry.links
            )

        assert not shows_restricted(anonymous), url
        assert shows_restricted(signed_in), url
        assert MARKER not in client.get(url).get_data(as_text=True)
    assert (
        client.get("/feeds/status.atom", headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )
