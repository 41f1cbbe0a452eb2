"""A running server notices another process's changes to its store (new generation) and
answers from the new state without a restart, never mixing two versions of a document."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.search.vector_index import VectorIndex
from scrutiny.service import KnowledgeBase, document_id_for
from scrutiny.settings import Settings
from scrutiny.web import create_app

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
NEW_WORD = "quillfeather"
EDIT_WORD = "brambleworth"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[KnowledgeBase, FlaskClient, Path, Settings]]:
    """A server-side knowledge base over two ingested samples, and its test client."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", sources / "a.txt")
    shutil.copy(SAMPLES / "000_d36982314f02b529.txt", sources / "b.txt")
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as writer:
        assert writer.ingest([sources]).ok
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as server:
        client = create_app({"TESTING": True}, knowledge_base=server).test_client()
        yield server, client, sources, settings


def cited(client: FlaskClient, query: str) -> list[dict[str, object]]:
    body = client.get("/api/search", query_string={"q": query, "explain": "1"}).get_json()
    results: list[dict[str, object]] = body["results"]
    return results


def assert_citations_exact(client: FlaskClient, results: list[dict[str, object]]) -> None:
    for hit in results:
        document = hit["document"]
        assert isinstance(document, dict)
        text = client.get(f"/api/documents/{document['id']}").get_json()["text"]
        assert hit["text"] == text[hit["start"] : hit["end"]]  # type: ignore[index]


def test_the_server_answers_from_another_processes_ingest_without_restart(
    served: tuple[KnowledgeBase, FlaskClient, Path, Settings],
) -> None:
    server, client, sources, settings = served
    edited = sources / "b.txt"
    # Warm every cache first: documents, texts, lexicon, engine, graph view.
    before = cited(client, "recommendation children in care")
    assert before
    assert_citations_exact(client, before)
    client.get("/api/entities")
    client.get("/tracker")
    index_before = server.index
    generation_before = server.refresh()

    # Another process: a new file, and an edit that moves every offset of the other.
    (sources / "c.txt").write_text(
        f"Fostering panel minutes\n\nThe {NEW_WORD} project placed twelve children with "
        "foster carers in the borough this year.\n",
        encoding="utf-8",
    )
    original = edited.read_text(encoding="utf-8")
    preface = (
        f"The {EDIT_WORD} addendum was added later, and it moves every passage after it "
        "along by its length.\n\n"
    )
    at = original.index("Proposed Response")
    edited.write_text(original[:at] + preface + original[at:], encoding="utf-8")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as other:
        report = other.ingest([sources])
        assert len(report.added) == 1 and len(report.updated) == 1

    # The server answers from the new state at once: keyword and dense search.
    new_hits = cited(client, f"{NEW_WORD} project foster carers")
    new_id = document_id_for(str((sources / "c.txt").resolve()))
    assert new_hits and new_hits[0]["document"]["id"] == new_id  # type: ignore[index]
    explanation = new_hits[0]["explain"]
    assert isinstance(explanation, dict)
    assert explanation["retrievers"]["dense"]["score"] > 0.3
    assert server.refresh() > generation_before
    assert server.index is not index_before and server.index.count == server.store.passage_count()
    vector = server.embedder.embed_query(f"{NEW_WORD} project placed twelve children")
    new_rows = {p.row_id for p in server.store.passages_of(new_id)}
    assert {row for row, _ in server.index.search(vector, 5)} & new_rows
    # The edited document is cited at its new offsets.
    edit_hits = cited(client, f"{EDIT_WORD} addendum")
    assert edit_hits and EDIT_WORD in str(edit_hits[0]["text"])
    assert_citations_exact(client, edit_hits)
    after = cited(client, "recommendation children in care")
    assert_citations_exact(client, after)
    moved = document_id_for(str(edited.resolve()))
    old = {h["start"] for h in before if h["document"]["id"] == moved}  # type: ignore[index]
    new = {h["start"] for h in after if h["document"]["id"] == moved}  # type: ignore[index]
    assert old != new  # offsets after the insertion moved with the edit
    # Listings see the new document too.
    page = client.get(f"/documents/{new_id}").get_data(as_text=True)
    assert NEW_WORD in page


def test_a_read_costs_one_meta_read_when_nothing_changed(
    served: tuple[KnowledgeBase, FlaskClient, Path, Settings],
) -> None:
    server, client, _, _ = served
    client.get("/api/search", query_string={"q": "children"})
    index = server.index
    engine = server._engine_cache.get(False)
    client.get("/api/search", query_string={"q": "children"})
    assert server.index is index and server._engine_cache.get(False) is engine


def test_an_index_saved_after_the_last_commit_is_still_picked_up(
    served: tuple[KnowledgeBase, FlaskClient, Path, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read between the writer's last commit and its saving the index keeps the old
    index; the next read after the save loads it (the generation has not moved)."""
    server, client, sources, settings = served
    (sources / "c.txt").write_text(
        f"Adoption panel\n\nThe {NEW_WORD} scheme matched nine families.\n", encoding="utf-8"
    )
    client.get("/api/search", query_string={"q": "children"})
    old_index = server.index
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as other:
        save = VectorIndex.save
        monkeypatch.setattr(VectorIndex, "save", lambda self, directory, generation: None)
        other.ingest([sources])
        client.get("/api/search", query_string={"q": NEW_WORD})  # the writer has not saved
        assert server.index is old_index
        client.get("/api/search", query_string={"q": NEW_WORD})  # nothing new: no reload
        assert server.index is old_index
        monkeypatch.setattr(VectorIndex, "save", save)
        other.index.save(settings.store, other.store.generation)
    hits = cited(client, f"{NEW_WORD} scheme families")
    assert server.index is not old_index
    assert server.index.count == server.store.passage_count()
    assert hits and NEW_WORD in str(hits[0]["text"])
