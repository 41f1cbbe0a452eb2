"""The commitment tracker (``/tracker``, ``/api/tracker``, ``scrutiny tracker``) on real
SQLite stores: the sample corpus, and a store whose nodes carry the attributes the
extractors write (due dates, statuses, progress) so overdue can be checked on fixed
dates."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.cli import main
from scrutiny.errors import InvalidQueryError
from scrutiny.graph.model import AttributeValue, Edge, GraphBatch, Node
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import passage_id
from scrutiny.ingest.records import (
    DocumentMetadata,
    ParsedDocument,
    Passage,
    PassageKind,
    SourceFormat,
    Span,
)
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.tracker import CSV_COLUMNS, TrackerQuery, is_complete, parse_due
from scrutiny.web import create_app

COUNCIL_DOC = "dtrackercouncil"
BODY_DOC = "dtrackerbody"
MAY_2024 = "2024-05-01"


# --- a store with known attributes -----------------------------------------------------------

Item = tuple[str, NodeKind, str, dict[str, AttributeValue], tuple[str, ...]]


def _add_document(
    kb: KnowledgeBase, document_id: str, metadata: DocumentMetadata, items: list[Item]
) -> None:
    """Store a document of one passage per item, with a node per item extracted from it."""
    lines = [metadata.title, *(text for _, _, text, _, _ in items)]
    canonical = "\n\n".join(lines) + "\n"
    passages, nodes, edges, position = [], [], [], 0
    for ordinal, line in enumerate(lines):
        span = Span(position, position + len(line))
        kind = PassageKind.HEADING if ordinal == 0 else PassageKind.PARAGRAPH
        passages.append(Passage(ordinal, kind, span, line))
        if ordinal:
            key, node_kind, text, attributes, themes = items[ordinal - 1]
            node_id = f"{document_id}-{key}"
            nodes.append(
                Node(node_id, node_kind, text[:40], document_id, span.start, span.end,
                     text=text, attributes=attributes)
            )  # fmt: skip
            source = passage_id(document_id, ordinal)
            edges.append(Edge(node_id, EdgeKind.EXTRACTED_FROM, source, document_id))
            for theme in themes:
                nodes.append(Node(theme, NodeKind.THEME, "Care leavers"))
                edges.append(Edge(node_id, EdgeKind.HAS_THEME, theme, document_id))
        position = span.end + 2
    document = Node(document_id, NodeKind.DOCUMENT, metadata.title, document_id, 0,
                    len(canonical), attributes={"council": metadata.council,
                                                "body": metadata.body,
                                                "date": metadata.meeting_date})  # fmt: skip
    parsed = ParsedDocument(
        f"/tracker/{document_id}.md", document_id, SourceFormat.MARKDOWN, canonical, metadata,
        tuple(passages),
    )  # fmt: skip
    vectors = kb.embedder.embed([p.search_text for p in passages])
    batch = GraphBatch((document, *nodes), tuple(edges))
    kb.store.replace_document(document_id, parsed, vectors, batch, kb.pipeline)


def _rec(number: str, text: str, **attributes: AttributeValue) -> dict[str, AttributeValue]:
    base: dict[str, AttributeValue] = {"number": number, "section": None, "due": None}
    return {**base, **attributes}


def _commitment(actor: str, due: str | None, category: str = "commitment") -> dict[str, Any]:
    return {"actor": [actor], "made_by": [actor], "due": due, "category": category}


COUNCIL_ITEMS: list[Item] = [
    ("recommendation-1", NodeKind.RECOMMENDATION,
     "The council should publish a care leavers housing protocol.",
     _rec("1", "", due="March 2024", status="accepted", progress="Amber",
          owners=["Housing Service"], comment="Accepted. The protocol will be published."),
     ("theme:care-leavers",)),
    ("recommendation-2", NodeKind.RECOMMENDATION,
     "The partnership should review the training offer for foster carers.",
     _rec("2", "", due="Q2 2026", status="partially accepted", progress="Green",
          owners=["Fostering Service"], comment="Partially accepted."), ()),
    ("recommendation-10", NodeKind.RECOMMENDATION,
     "The council should appoint a lead member for corporate parenting.",
     _rec("10", "", due="2023-12-31", status="accepted", progress="Complete",
          owners=["Democratic Services"], comment="Accepted."), ()),
    ("recommendation-4", NodeKind.RECOMMENDATION,
     "The council should fund free bus travel for every care leaver.",
     _rec("4", "", due="April 2024", status="rejected", owners=["Transport Service"],
          comment="Rejected. The cost cannot be met."), ()),
    ("commitment-1", NodeKind.COMMITMENT,
     "The service will publish the sufficiency strategy by 30 June 2024.",
     _commitment("Director of Children's Services", "by 30 June 2024"), ()),
    ("commitment-2", NodeKind.COMMITMENT,
     "The Head of Fostering will report back in the next quarter.",
     _commitment("Head of Fostering", "in the next quarter"), ()),
    ("commitment-3", NodeKind.COMMITMENT, "The committee noted the report.",
     _commitment("The committee", None, category="decision"), ()),
]  # fmt: skip
BODY_ITEMS: list[Item] = [
    ("recommendation-1", NodeKind.RECOMMENDATION,
     "Partners should agree a joint protocol for care leavers at risk.",
     _rec("1", "", due="Q1 2024", owners=["Police"]), ("theme:care-leavers",)),
    # Read defensively: a number for the number, owners as one string, a list for a due date.
    ("recommendation-2", NodeKind.RECOMMENDATION,
     "Health partners should audit their training records every year.",
     {"number": 2, "owners": "Health", "due": ["by", "2025"]}, ()),
]  # fmt: skip

COUNCIL_ROWS = {f"{COUNCIL_DOC}-{key}" for key, *_ in COUNCIL_ITEMS if key != "commitment-3"}
BODY_ROWS = {f"{BODY_DOC}-{key}" for key, *_ in BODY_ITEMS}
ALL_ROWS = COUNCIL_ROWS | BODY_ROWS


def row_id(document: str, key: str) -> str:
    return f"{document}-{key}"


@pytest.fixture(scope="module")
def tracker_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    store = tmp_path_factory.mktemp("tracker") / "store"
    with KnowledgeBase(Settings(store=store, embedder="hashing"), HashingEmbedder()) as kb:
        _add_document(
            kb, COUNCIL_DOC,
            DocumentMetadata("Children's Scrutiny Committee", council="London Borough of Testham",
                             committee="Children's Scrutiny Committee", meeting_date="2024-01-12"),
            COUNCIL_ITEMS,
        )  # fmt: skip
        _add_document(
            kb, BODY_DOC,
            DocumentMetadata("Annual report of the Testham Safeguarding Children Partnership",
                             meeting_date="2023-06-01",
                             body="Testham Safeguarding Children Partnership"),
            BODY_ITEMS,
        )  # fmt: skip
        yield kb


@pytest.fixture(scope="module")
def tracker_app(tracker_kb: KnowledgeBase) -> Flask:
    flask_app: Flask = create_app({"TESTING": True}, knowledge_base=tracker_kb)
    return flask_app


@pytest.fixture
def tracker_client(tracker_app: Flask) -> FlaskClient:
    return tracker_app.test_client()


def ids(kb: KnowledgeBase, **query: Any) -> list[str]:
    return [row.id for row in kb.tracker(TrackerQuery(limit=None, **query)).rows]


# --- due dates and completion ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("by March 2025", date(2025, 3, 31)),
        ("end of Feb 2024", date(2024, 2, 29)),
        ("Q2 2024", date(2024, 6, 30)),
        ("2024 Q4", date(2024, 12, 31)),
        ("31 March 2025", date(2025, 3, 31)),
        ("by the 1st of September 2024", date(2024, 9, 1)),
        ("September 30, 2024", date(2024, 9, 30)),
        ("31/03/2025", date(2025, 3, 31)),
        ("2024/25", date(2025, 3, 31)),
        ("in 2024-2025", date(2025, 3, 31)),
        ("summer term 2024", date(2024, 8, 31)),
        ("by 2026", date(2026, 12, 31)),
    ],
)
def test_due_dates_written_as_dates_are_read(text: str, expected: date) -> None:
    assert parse_due(text) == expected


@pytest.mark.parametrize(
    "text",
    [None, "", "in the next quarter", "shortly", "after the summer recess", "by the end of "
     "September", "within the next 12 months", "2025-02-30", "31/02/2025", "2024/27", "ongoing"],
)  # fmt: skip
def test_due_dates_naming_no_calendar_date_are_unknown(text: str | None) -> None:
    assert parse_due(text) is None


def test_complete_means_done_not_partly_done() -> None:
    for done in ("Complete", "Completed", "Blue", "Implemented", "closed", "Already in place"):
        assert is_complete(done), done
    for open_ in ("Partially implemented", "Not complete", "Amber", "Green", "in progress", None):
        assert not is_complete(open_), open_


# --- the service -----------------------------------------------------------------------------


def test_one_row_per_recommendation_and_commitment_without_decisions(
    tracker_kb: KnowledgeBase,
) -> None:
    page = tracker_kb.tracker(TrackerQuery(limit=None))
    assert {row.id for row in page.rows} == ALL_ROWS
    assert page.total == len(ALL_ROWS)
    row = next(r for r in page.rows if r.id == row_id(COUNCIL_DOC, "recommendation-1"))
    assert (row.council, row.body, row.date) == ("London Borough of Testham", None, "2024-01-12")
    assert row.document_title == "Children's Scrutiny Committee"
    assert (row.number, row.owners, row.due, row.due_date) == (
        "1", ("Housing Service",), "March 2024", "2024-03-31")  # fmt: skip
    assert (row.status, row.progress, row.response) == (
        "accepted", "Amber", "Accepted. The protocol will be published.")  # fmt: skip
    assert row.text == "The council should publish a care leavers housing protocol."
    assert row.passage_id == passage_id(COUNCIL_DOC, 1)
    assert row.source_link == f"/documents/{COUNCIL_DOC}?passage={row.passage_id}#{row.passage_id}"
    body_row = next(r for r in page.rows if r.id == row_id(BODY_DOC, "recommendation-1"))
    assert (body_row.council, body_row.body) == (None, "Testham Safeguarding Children Partnership")
    commitment = next(r for r in page.rows if r.id == row_id(COUNCIL_DOC, "commitment-1"))
    assert commitment.owners == ("Director of Children's Services",)
    assert commitment.status is None and commitment.due_date == "2024-06-30"
    odd = next(r for r in page.rows if r.id == row_id(BODY_DOC, "recommendation-2"))
    assert (odd.number, odd.owners, odd.due, odd.due_date) == ("2", ("Health",), None, None)


@pytest.mark.parametrize(
    ("as_at", "overdue"),
    [
        ("2023-12-31", set()),  # due that day is not yet overdue
        (MAY_2024, {row_id(COUNCIL_DOC, "recommendation-1"), row_id(BODY_DOC, "recommendation-1")}),
        ("2024-07-01", {row_id(COUNCIL_DOC, "recommendation-1"),
                        row_id(BODY_DOC, "recommendation-1"),
                        row_id(COUNCIL_DOC, "commitment-1")}),
        ("2026-07-01", {row_id(COUNCIL_DOC, "recommendation-1"),
                        row_id(BODY_DOC, "recommendation-1"),
                        row_id(COUNCIL_DOC, "commitment-1"),
                        row_id(COUNCIL_DOC, "recommendation-2")}),
    ],
)  # fmt: skip
def test_overdue_as_at_a_date_skips_complete_rejected_and_unknown_due_dates(
    tracker_kb: KnowledgeBase, as_at: str, overdue: set[str]
) -> None:
    query = TrackerQuery(limit=None, as_at=date.fromisoformat(as_at))
    page = tracker_kb.tracker(query)
    assert page.as_at == as_at
    assert {row.id for row in page.rows if row.overdue} == overdue
    assert set(ids(tracker_kb, overdue=True, as_at=date.fromisoformat(as_at))) == overdue
    assert set(ids(tracker_kb, overdue=False, as_at=date.fromisoformat(as_at))) == (
        ALL_ROWS - overdue
    )


def test_overdue_defaults_to_today(tracker_kb: KnowledgeBase) -> None:
    early = tracker_kb.tracker(TrackerQuery(overdue=True), today=date(2024, 5, 1))
    assert early.as_at == MAY_2024 and early.total == 2
    # as_at wins over today
    fixed = tracker_kb.tracker(
        TrackerQuery(overdue=True, as_at=date(2026, 7, 1)), today=date(2024, 5, 1)
    )
    assert fixed.total == 4
    assert tracker_kb.tracker(TrackerQuery()).as_at == date.today().isoformat()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"council": "testham"}, COUNCIL_ROWS),
        ({"body": "PARTNERSHIP"}, BODY_ROWS),
        ({"year": 2023}, BODY_ROWS),
        ({"year": 2024}, COUNCIL_ROWS),
        ({"year": 2020}, set()),
        ({"theme": "Care leavers"}, {row_id(COUNCIL_DOC, "recommendation-1"),
                                     row_id(BODY_DOC, "recommendation-1")}),
        ({"theme": "care-leavers", "council": "Testham"},
         {row_id(COUNCIL_DOC, "recommendation-1")}),
        ({"owner": "fostering"}, {row_id(COUNCIL_DOC, "recommendation-2"),
                                  row_id(COUNCIL_DOC, "commitment-2")}),
        ({"status": "rejected"}, {row_id(COUNCIL_DOC, "recommendation-4")}),
        ({"status": "none"}, {row_id(COUNCIL_DOC, "commitment-1"),
                              row_id(COUNCIL_DOC, "commitment-2"), *BODY_ROWS}),
        ({"kind": "commitment"}, {row_id(COUNCIL_DOC, "commitment-1"),
                                  row_id(COUNCIL_DOC, "commitment-2")}),
        ({"kind": "recommendation", "status": "accepted"},
         {row_id(COUNCIL_DOC, "recommendation-1"), row_id(COUNCIL_DOC, "recommendation-10")}),
    ],
)  # fmt: skip
def test_filters(tracker_kb: KnowledgeBase, query: dict[str, Any], expected: set[str]) -> None:
    assert set(ids(tracker_kb, **query)) == expected


def test_sorting_puts_unknown_values_last_either_way(tracker_kb: KnowledgeBase) -> None:
    c, b = COUNCIL_DOC, BODY_DOC
    by_due = ids(tracker_kb, sort="due")
    assert by_due[:6] == [
        f"{c}-recommendation-10", f"{c}-recommendation-1", f"{b}-recommendation-1",
        f"{c}-recommendation-4", f"{c}-commitment-1", f"{c}-recommendation-2",
    ]  # fmt: skip
    assert set(by_due[6:]) == {f"{c}-commitment-2", f"{b}-recommendation-2"}
    by_due_descending = ids(tracker_kb, sort="-due")
    assert by_due_descending[0] == f"{c}-recommendation-2"
    assert set(by_due_descending[6:]) == {f"{c}-commitment-2", f"{b}-recommendation-2"}
    numbers = [
        row.number for row in tracker_kb.tracker(TrackerQuery(limit=None, sort="number")).rows
    ]
    assert numbers == ["1", "1", "2", "2", "4", "10", "", ""]  # numerically, not as text
    newest_first = tracker_kb.tracker(TrackerQuery(limit=None)).rows
    assert [row.date for row in newest_first] == ["2024-01-12"] * 6 + ["2023-06-01"] * 2
    # ties keep document order
    assert [r.id for r in newest_first[:2]] == [f"{c}-recommendation-1", f"{c}-recommendation-2"]
    owners = [row.owners[0] for row in tracker_kb.tracker(TrackerQuery(sort="-owner")).rows]
    assert owners == sorted(owners, key=str.casefold, reverse=True)


def test_paging_covers_every_row_once(tracker_kb: KnowledgeBase) -> None:
    everything = ids(tracker_kb, sort="due")
    pages = [
        tracker_kb.tracker(TrackerQuery(sort="due", limit=3, offset=offset))
        for offset in (0, 3, 6, 9)
    ]
    assert [page.total for page in pages] == [8] * 4
    assert [row.id for page in pages for row in page.rows] == everything
    assert pages[-1].rows == ()


@pytest.mark.parametrize(
    "query",
    [
        TrackerQuery(limit=0),
        TrackerQuery(limit=1001),
        TrackerQuery(offset=-1),
        TrackerQuery(sort="colour"),
        TrackerQuery(sort="--due"),
        TrackerQuery(kind="finding"),
        TrackerQuery(status="approved"),
        TrackerQuery(year=0),
    ],
)
def test_invalid_queries_are_refused(tracker_kb: KnowledgeBase, query: TrackerQuery) -> None:
    with pytest.raises(InvalidQueryError):
        tracker_kb.tracker(query)


# --- the JSON API and the CSV export ---------------------------------------------------------


def api_rows(client: FlaskClient, arguments: str) -> list[dict[str, Any]]:
    response = client.get(f"/api/tracker?{arguments}&limit=all")
    assert response.status_code == 200, response.data
    rows: list[dict[str, Any]] = response.json["rows"]  # type: ignore[index]
    return rows


def csv_rows(client: FlaskClient, url: str) -> list[dict[str, str]]:
    response = client.get(url)
    assert response.status_code == 200, response.data
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = csv.DictReader(io.StringIO(response.get_data(as_text=True)))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


def test_api_shape_and_paging(tracker_client: FlaskClient) -> None:
    response = tracker_client.get(f"/api/tracker?as_at={MAY_2024}&sort=due&limit=2&offset=2")
    assert response.status_code == 200
    payload = response.json
    assert payload is not None
    assert {k: payload[k] for k in ("total", "as_at", "offset", "limit", "sort")} == {
        "total": 8, "as_at": MAY_2024, "offset": 2, "limit": 2, "sort": "due"}  # fmt: skip
    first = payload["rows"][0]
    assert first["id"] == row_id(BODY_DOC, "recommendation-1")
    assert first["document"] == {
        "id": BODY_DOC, "title": "Annual report of the Testham Safeguarding Children Partnership",
        "date": "2023-06-01", "link": f"/documents/{BODY_DOC}"}  # fmt: skip
    assert first["overdue"] is True and first["due_date"] == "2024-03-31"
    assert first["source"]["passage"] == passage_id(BODY_DOC, 1)
    assert tracker_client.get("/api/tracker").json["limit"] == 50  # type: ignore[index]


def test_source_link_marks_the_passage(tracker_client: FlaskClient) -> None:
    row = api_rows(tracker_client, "kind=commitment&sort=due")[0]
    page = tracker_client.get(row["source"]["link"])
    assert page.status_code == 200
    assert f"Cited passage <code>{row['source']['passage']}</code>" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "arguments",
    [
        "",
        f"as_at={MAY_2024}&overdue=1",
        f"as_at={MAY_2024}&overdue=0&sort=-due",
        "council=Testham&sort=number",
        "theme=care-leavers",
        "owner=service&kind=recommendation",
        "status=none&year=2023",
        "body=partnership&sort=owner",
    ],
)
def test_csv_export_holds_exactly_the_rows_of_the_json(
    tracker_client: FlaskClient, arguments: str
) -> None:
    expected = api_rows(tracker_client, arguments)
    for url in (f"/api/tracker.csv?{arguments}", f"/api/tracker?format=csv&{arguments}"):
        exported = csv_rows(tracker_client, url)
        assert [row["id"] for row in exported] == [row["id"] for row in expected]
        for got, want in zip(exported, expected, strict=True):
            assert got["owners"] == "; ".join(want["owners"])
            assert got["due_date"] == (want["due_date"] or "")
            assert got["status"] == (want["status"] or "")
            assert got["overdue"] == ("yes" if want["overdue"] else "no")
            assert got["text"] == want["text"]
            assert got["source_link"] == want["source"]["link"]


def test_csv_export_pages_only_when_asked(tracker_client: FlaskClient) -> None:
    paged = csv_rows(tracker_client, "/api/tracker.csv?sort=due&limit=3&offset=3")
    expected = api_rows(tracker_client, "sort=due")[3:6]
    assert [row["id"] for row in paged] == [row["id"] for row in expected]


@pytest.mark.parametrize(
    "arguments",
    [
        "limit=0", "limit=1001", "limit=ten", "offset=-1", "sort=colour", "kind=finding",
        "status=approved", "overdue=maybe", "year=20x4", "as_at=2024-13-01",
        "as_at=1%20May%202024", "format=xml",
    ],
)  # fmt: skip
def test_invalid_parameters_answer_400_in_the_json_error_shape(
    tracker_client: FlaskClient, arguments: str
) -> None:
    for url in (f"/api/tracker?{arguments}", f"/api/tracker.csv?{arguments}"):
        if arguments.startswith("format") and ".csv" in url:
            continue  # the .csv route has no format argument
        response = tracker_client.get(url)
        assert response.status_code == 400, url
        payload = response.json
        assert payload is not None and set(payload) == {"error"}
        assert set(payload["error"]) == {"code", "message", "status"}
        assert payload["error"]["code"] == "invalid_query"
        assert payload["error"]["status"] == 400
        assert payload["error"]["message"]


# --- the page --------------------------------------------------------------------------------


def test_page_is_an_accessible_table_with_labelled_filters(tracker_client: FlaskClient) -> None:
    response = tracker_client.get(f"/tracker?as_at={MAY_2024}&sort=due")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<caption" in html and "Rows 1–8 of 8" in html
    assert html.count('<th scope="col"') == 9
    assert html.count('<th scope="row"') == 8
    assert 'aria-sort="ascending"' in html
    controls = re.findall(r'<(?:input|select) id="([^"]+)"', html)
    assert len(controls) >= 9
    for control in controls:
        assert f'<label for="{control}"' in html, control
    assert html.count('class="overdue"') == 2
    assert f'href="/documents/{COUNCIL_DOC}?passage={COUNCIL_DOC}-p1#{COUNCIL_DOC}-p1"' in html
    assert 'href="/tracker"' in html  # the site navigation links to it
    assert f'href="/api/tracker.csv?as_at={MAY_2024}&amp;sort=due"' in html
    assert "tracker.css" in html


def test_page_filters_and_pages(tracker_client: FlaskClient) -> None:
    html = tracker_client.get("/tracker?council=Testham&limit=2&offset=2").get_data(as_text=True)
    assert "Rows 3–4 of 6" in html
    assert 'rel="prev" href="/tracker?council=Testham&amp;limit=2"' in html
    assert 'rel="next" href="/tracker?council=Testham&amp;limit=2&amp;offset=4"' in html
    assert 'href="/api/tracker.csv?council=Testham"' in html  # the export is not paged
    empty = tracker_client.get("/tracker?owner=nobody").get_data(as_text=True)
    assert "No recommendations or commitments match" in empty


def test_page_with_invalid_parameters_is_a_400_page(tracker_client: FlaskClient) -> None:
    response = tracker_client.get("/tracker?as_at=yesterday")
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert "as_at must be a date" in response.get_data(as_text=True)


# --- the sample corpus -----------------------------------------------------------------------


def test_sample_corpus_rows_match_the_graph(client: FlaskClient) -> None:
    payload = client.get("/api/tracker?limit=all").json
    assert payload is not None
    rows = payload["rows"]
    assert payload["total"] == len(rows) > 50
    recommendations = client.get("/api/entities?kind=recommendation&limit=100").json
    assert recommendations is not None
    assert {r["id"] for r in rows if r["kind"] == "recommendation"} == {
        e["id"] for e in recommendations["entities"]
    }
    assert all(row["source"]["link"] for row in rows)
    statuses = {row["status"] for row in rows if row["kind"] == "recommendation"}
    assert statuses <= {"accepted", "partially accepted", "rejected", "noted", None}
    hackney = api_rows(client, "council=hackney")
    assert hackney and all("Hackney" in row["council"] for row in hackney)
    exported = csv_rows(client, "/api/tracker.csv?council=hackney")
    assert [row["id"] for row in exported] == [row["id"] for row in hackney]


def test_sample_corpus_filters_by_owner_and_status(client: FlaskClient) -> None:
    partial = api_rows(client, "status=partially%20accepted")
    assert partial and {row["kind"] for row in partial} == {"recommendation"}
    owned = api_rows(client, "owner=corporate%20parenting")
    assert owned and all(
        any("corporate parenting" in owner.lower() for owner in row["owners"]) for row in owned
    )
    page = client.get("/tracker?council=Waltham").get_data(as_text=True)
    assert "<caption" in page and "Waltham Forest" in page


# --- the command line ------------------------------------------------------------------------


@pytest.fixture
def tracker_runner(monkeypatch: pytest.MonkeyPatch, tracker_kb: KnowledgeBase) -> CliRunner:
    monkeypatch.setenv("SCRUTINY_EMBEDDER", "hashing")
    monkeypatch.setenv("SCRUTINY_STORE", str(tracker_kb.settings.store))
    return CliRunner()


def test_cli_csv_and_json_match_the_api(
    tracker_runner: CliRunner, tracker_client: FlaskClient
) -> None:
    arguments = ["tracker", "--as-at", MAY_2024, "--overdue", "--sort", "due"]
    result = tracker_runner.invoke(main, [*arguments, "--format", "csv"])
    assert result.exit_code == 0, result.output
    web = tracker_client.get(f"/api/tracker.csv?as_at={MAY_2024}&overdue=1&sort=due")
    assert result.stdout_bytes == web.get_data()
    result = tracker_runner.invoke(main, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    api = tracker_client.get(f"/api/tracker?as_at={MAY_2024}&overdue=1&sort=due&limit=all").json
    assert payload == api


def test_cli_lists_rows_readably(tracker_runner: CliRunner) -> None:
    result = tracker_runner.invoke(main, ["tracker", "--as-at", MAY_2024, "--council", "testham"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"6 rows; overdue as at {MAY_2024}")
    assert f"{COUNCIL_DOC}-recommendation-1  recommendation 1 [accepted] OVERDUE" in result.output
    assert "due: March 2024 (2024-03-31); progress: Amber" in result.output
    assert f"/documents/{COUNCIL_DOC}?passage={COUNCIL_DOC}-p1#{COUNCIL_DOC}-p1" in result.output
    paged = tracker_runner.invoke(main, ["tracker", "--kind", "commitment", "-n", "1"])
    assert paged.output.startswith("2 rows") and paged.output.count("  commitment [") == 1


@pytest.mark.parametrize(
    "arguments",
    [["--as-at", "May 2024"], ["--sort", "colour"], ["--status", "approved"], ["--limit", "0"]],
)
def test_cli_refuses_invalid_options(tracker_runner: CliRunner, arguments: list[str]) -> None:
    result = tracker_runner.invoke(main, ["tracker", *arguments])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")


def test_readme_documents_the_tracker() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert "scrutiny tracker" in readme
    assert "GET /tracker" in readme and "/api/tracker" in readme
