# ruff: noqa: E501
"""Status over time: a scrutiny review, the cabinet's response and the twelve-month
update of one council are linked, each link citing its evidence, and the position
as at a date is the latest entry on or before it; another council's review with the
same recommendation numbers is never linked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from scrutiny.graph.history import (
    LinkBasis,
    LinkDocument,
    LinkPassage,
    TrackedEntity,
    link_documents,
    link_pair,
    referenced_numbers,
    stated_progress,
    stated_status,
)
from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import ResponseStatus
from scrutiny.ingest.extract.tables import progress_of
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.tracker import TrackerQuery
from scrutiny.web import create_app

REVIEW = """TITLE: Northvale Borough Council - Children and Young People Scrutiny Committee, 10 January 2023: Scrutiny Review of School Exclusions - final report

Scrutiny Review of School Exclusions

Report of the Children and Young People Scrutiny Committee, 10 January 2023.

Recommendations

Recommendation 1: The Council should publish termly data on permanent exclusions by school and by pupil group.

Recommendation 2: The Council should fund a reintegration mentor for every pupil returning from alternative provision.

Recommendation 3: Schools should be offered training on trauma-informed behaviour policies.
"""

RESPONSE = """TITLE: Northvale Borough Council - Cabinet, 14 March 2023: Cabinet response to the Scrutiny Review of School Exclusions

Cabinet response to the Scrutiny Review of School Exclusions

Cabinet met on 14 March 2023 and considered the recommendations of the Scrutiny Review of School Exclusions.

Recommendation 1 is accepted. The first termly report on permanent exclusions will be published in the summer term.

Recommendation 2 is accepted in part: mentors will be funded for pupils returning from alternative provision in the three largest secondary schools.

Recommendation 3 is rejected because behaviour policies are a matter for governing bodies.
"""

UPDATE = """TITLE: Northvale Borough Council - Children and Young People Scrutiny Committee, 20 March 2024: Scrutiny Review of School Exclusions - twelve-month update

Scrutiny Review of School Exclusions: twelve-month update

This report gives the twelve-month update on the action plan agreed by Cabinet in March 2023.

Recommendation 1 has been completed: termly exclusion data by school and pupil group is now published on the Council's website.

Recommendation 2 is in progress: two of the three schools have appointed reintegration mentors.
"""

OTHER_COUNCIL = """TITLE: Southmere City Council - Cabinet, 2 May 2023: Cabinet response to the Review of Youth Services

Cabinet response to the Review of Youth Services

Recommendation 1 has been completed: the youth bus now visits every estate.

Recommendation 2 is accepted.
"""


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("review.txt", REVIEW),
        ("response.txt", RESPONSE),
        ("update.txt", UPDATE),
        ("other.txt", OTHER_COUNCIL),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def chain(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("history")
    settings = Settings(store=root / "store", embedder="hashing")
    knowledge_base = KnowledgeBase(settings, embedder=HashingEmbedder())
    report = knowledge_base.ingest([_write(root / "files")])
    assert report.ok and len(report.added) == 4
    return knowledge_base


def _recommendation(kb: KnowledgeBase, number: str) -> str:
    review = next(d for d in kb.documents() if d.title.endswith("final report"))
    for node in kb.store.nodes(NodeKind.RECOMMENDATION):
        if node.document_id == review.id and node.attributes.get("number") == number:
            return node.id
    raise AssertionError(f"recommendation {number} was not extracted")


def _document(kb: KnowledgeBase, ending: str) -> str:
    documents = kb.documents(include_restricted=True)
    return next(d.id for d in documents if d.title.endswith(ending))


# --- the pure linker --------------------------------------------------------------------


def test_references_name_numbers_in_the_ways_documents_write_them() -> None:
    assert set(referenced_numbers("Recommendation 3 is accepted")) == {"3"}
    assert set(referenced_numbers("R3 and R12 were agreed")) == {"3", "12"}
    assert set(referenced_numbers("recommendations 2 and 4 were agreed")) == {"2", "4"}
    assert set(referenced_numbers("Recommendations 1 to 3 are complete")) == {"1", "2", "3"}
    assert set(referenced_numbers("recommendation three was noted")) == {"3"}
    assert referenced_numbers("the recommendations for 2024 are for Cabinet") == {}


def test_stated_status_and_progress_use_the_project_vocabularies() -> None:
    assert stated_status("Recommendation 2 is accepted in part.") is (
        ResponseStatus.PARTIALLY_ACCEPTED
    )
    assert stated_status("The government agrees with this.") is ResponseStatus.ACCEPTED
    assert stated_status("Recommendation 3 is rejected.") is ResponseStatus.REJECTED
    for sentence, words in (
        ("Recommendation 1 has been completed.", "complete"),
        ("This work is in progress.", "in progress"),
        ("Delivery has been delayed by the pandemic.", "delayed"),
        ("Work on this has not started.", "not started"),
    ):
        assert stated_progress(sentence) == words
        assert progress_of(words) == words  # a word of the response tables' vocabulary


def _doc(doc_id: str, council: str, when: str | None, title: str, text: str) -> LinkDocument:
    passages, offset = [], 0
    for ordinal, block in enumerate(text.split("\n\n")):
        start = text.index(block, offset)
        passages.append(LinkPassage(f"{doc_id}-p{ordinal}", start, start + len(block)))
        offset = start + len(block)
    return LinkDocument(doc_id, title, council, when, text, tuple(passages))


def test_link_pair_cites_the_sentence_and_keeps_scope() -> None:
    review = _doc("r", "Northvale", "2023-01-10", "Review of School Exclusions", "x")
    entity = TrackedEntity("r-rec-2", NodeKind.RECOMMENDATION, "r", "2", "fund mentors")
    text = "Cabinet response.\n\nRecommendation 2 is accepted in part. Mentors are funded."
    later = _doc("c", "Northvale", "2023-03-14", "Cabinet response", text)
    (link,) = link_pair(review, [entity], later)
    assert text[link.start : link.end] == "Recommendation 2 is accepted in part."
    assert link.status is ResponseStatus.PARTIALLY_ACCEPTED
    assert link.basis is LinkBasis.REFERENCE and link.date == "2023-03-14"
    assert 0.5 <= link.confidence <= 1.0
    # another council, or an earlier date, is out of scope
    elsewhere = _doc("o", "Southmere", "2023-03-14", "Cabinet response", text)
    before = _doc("b", "Northvale", "2022-12-01", "Cabinet response", text)
    assert link_pair(review, [entity], elsewhere) == []
    assert link_pair(review, [entity], before) == []


def test_a_bare_number_two_reviews_share_goes_to_neither() -> None:
    first = _doc("a", "Northvale", "2023-01-10", "Review of School Exclusions", "x")
    second = _doc("b", "Northvale", "2023-02-10", "Review of Youth Services", "x")
    entities = [
        TrackedEntity("a-1", NodeKind.RECOMMENDATION, "a", "1", "publish data"),
        TrackedEntity("b-1", NodeKind.RECOMMENDATION, "b", "1", "open a youth hub"),
    ]
    later = _doc(
        "u", "Northvale", "2024-01-01", "Update", "Update.\n\nRecommendation 1 is complete."
    )
    assert link_documents([first, second, later], entities) == []
    named = _doc(
        "v", "Northvale", "2024-01-01", "Update on the Review of School Exclusions",
        "Review of School Exclusions update.\n\nRecommendation 1 is complete.",
    )  # fmt: skip
    (link,) = link_documents([first, second, named], entities)
    assert link.entity_id == "a-1" and link.progress == "complete"


# --- stored and served ------------------------------------------------------------------


def test_the_chain_is_linked_with_evidence_spans(chain: KnowledgeBase) -> None:
    first = chain.history(_recommendation(chain, "1"))
    response, update = (
        _document(chain, "Review of School Exclusions"),
        _document(chain, "twelve-month update"),
    )
    assert [e.document_id for e in first.entries[1:]] == [response, update]
    assert [e.date for e in first.entries] == ["2023-01-10", "2023-03-14", "2024-03-20"]
    assert first.entries[1].status is ResponseStatus.ACCEPTED
    assert first.entries[2].progress == "complete"
    for entry in first.entries[1:]:
        text = chain.document(entry.document_id).canonical_text
        assert entry.start is not None and entry.end is not None
        evidence = text[entry.start : entry.end]
        assert "Recommendation 1" in evidence
        passage = next(
            p for p in chain.document(entry.document_id).passages if p.id == entry.passage_id
        )
        assert passage.start <= entry.start < entry.end <= passage.end
    second = chain.history(_recommendation(chain, "2"))
    assert [e.status for e in second.entries[1:]] == [ResponseStatus.PARTIALLY_ACCEPTED, None]
    assert second.entries[2].progress == "in progress"
    third = chain.history(_recommendation(chain, "3"))
    assert [e.status for e in third.entries[1:]] == [ResponseStatus.REJECTED]


def test_position_as_at_a_date(chain: KnowledgeBase) -> None:
    entity = _recommendation(chain, "1")
    assert chain.history(entity, date(2022, 12, 31)).position is None
    before = chain.history(entity, date(2023, 2, 1)).position
    assert before is not None and before.basis == "recorded"
    accepted = chain.history(entity, date(2023, 3, 14)).position
    assert accepted is not None and accepted.status is ResponseStatus.ACCEPTED
    done = chain.history(entity, date(2025, 1, 1)).position
    assert done is not None and done.progress == "complete" and done.date == "2024-03-20"


def test_no_link_to_another_council_s_review(chain: KnowledgeBase) -> None:
    other = _document(chain, "Review of Youth Services")
    for number in ("1", "2", "3"):
        history = chain.history(_recommendation(chain, number))
        assert other not in {e.document_id for e in history.entries}


def test_the_tracker_shows_the_latest_linked_position(chain: KnowledgeBase) -> None:
    entity = _recommendation(chain, "1")
    rows = {r.id: r for r in chain.tracker(TrackerQuery(limit=None, as_at=date(2025, 1, 1))).rows}
    assert rows[entity].status == "accepted" and rows[entity].progress == "complete"
    assert rows[entity].complete
    then = {r.id: r for r in chain.tracker(TrackerQuery(limit=None, as_at=date(2023, 6, 1))).rows}
    assert then[entity].status == "accepted" and then[entity].progress is None


def test_reingest_does_not_duplicate_links(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    files = _write(tmp_path / "files")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([files])
        entity = _recommendation(kb, "1")
        before = kb.history(entity).entries
        (files / "update.txt").write_text(UPDATE + "\nAppendix 1 follows.\n", encoding="utf-8")
        (files / "review.txt").write_text(REVIEW + "\nEnd of report.\n", encoding="utf-8")
        report = kb.ingest([files])
        assert len(report.updated) == 2
        after = kb.history(_recommendation(kb, "1")).entries
        assert len(after) == len(before) == 3
        count = kb.store._db.execute("SELECT count(*) FROM status_links").fetchone()[0]
        assert count == len({(link[0], link[1]) for link in kb.store._db.execute(
            "SELECT entity_id, document_id FROM status_links")})  # fmt: skip
        kb.delete(_document(kb, "twelve-month update"))
        assert len(kb.history(_recommendation(kb, "1")).entries) == 2


def test_api_history_and_as_at(chain: KnowledgeBase) -> None:
    client: FlaskClient = create_app({"TESTING": True}, knowledge_base=chain).test_client()
    entity = _recommendation(chain, "2")
    body = client.get(f"/api/entities/{entity}/history?as_at=2023-12-31").get_json()
    assert body["as_at"] == "2023-12-31"
    assert body["position"]["status"] == "partially accepted"
    assert [e["basis"] for e in body["entries"]] == ["recorded", "reference", "reference"]
    evidence = body["entries"][1]["evidence"]
    assert evidence["link"].endswith(f"#{evidence['id']}")
    assert client.get(f"/api/entities/{entity}/history?as_at=soon").status_code == 400
    assert client.get("/api/entities/nobody/history").status_code == 404


def test_entity_page_shows_the_history(chain: KnowledgeBase) -> None:
    client: FlaskClient = create_app({"TESTING": True}, knowledge_base=chain).test_client()
    entity = _recommendation(chain, "1")
    page = client.get(f"/entities/{entity}").get_data(as_text=True)
    assert 'id="history-heading"' in page
    update = _document(chain, "twelve-month update")
    assert f'href="/documents/{update}"' in page
    assert "complete" in page and "accepted" in page
    assert page.count('class="history-entry"') == 3


def test_rdf_export_carries_the_status_reports(chain: KnowledgeBase) -> None:
    turtle = str(chain.export("turtle"))
    assert "sg:StatusReport" in turtle and "sg:reportsOn" in turtle
    assert 'sg:progress "complete"' in turtle


def test_a_restricted_update_is_left_out_of_the_public_history(tmp_path: Path) -> None:
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    files = _write(tmp_path / "files")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([files])
        kb.ingest([files / "update.txt"], visibility="restricted")
        entity = _recommendation(kb, "1")
        update = _document(kb, "twelve-month update")
        officer = kb.history(entity, include_restricted=True)
        public = kb.history(entity, date(2025, 1, 1))
        assert update in {e.document_id for e in officer.entries}
        assert update not in {e.document_id for e in public.entries}
        assert public.position is not None and public.position.progress is None


def test_links_of_another_linker_version_are_made_again_by_the_next_ingest(
    tmp_path: Path,
) -> None:
    """Opening a store never writes links (readers and server processes open it at
    once); the next ingest, holding the writer lock, makes them all again."""
    import sqlite3

    settings = Settings(store=tmp_path / "store", embedder="hashing")
    files = _write(tmp_path / "files")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([files])
        pairs = "SELECT entity_id, document_id FROM status_links"
        expected = set(kb.store._db.execute(pairs).fetchall())
    assert expected
    with sqlite3.connect(settings.database_path) as db:
        db.execute("DELETE FROM status_links")
        db.execute("UPDATE meta SET value = 'older' WHERE key = 'status_linker'")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.store._db.execute("SELECT count(*) FROM status_links").fetchone()[0] == 0
        (tmp_path / "extra.txt").write_text(OTHER_COUNCIL + "\nAnnex.\n", encoding="utf-8")
        assert kb.ingest([tmp_path / "extra.txt"]).ok
        assert set(kb.store._db.execute(pairs).fetchall()) >= expected
