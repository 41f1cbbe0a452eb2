"""Documents are processed again when the ingest pipeline changes, and re-processing
embeds only passage texts the store does not already hold."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scrutiny.graph.store import SCHEMA_VERSION, Store
from scrutiny.ingest.fingerprint import pipeline_fingerprint
from scrutiny.search.embedder import HashingEmbedder, Vectors
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings


class RecordingEmbedder(HashingEmbedder):
    """The hashing embedder, keeping every batch of texts it was asked to embed."""

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def embed(self, texts: list[str]) -> Vectors:
        self.batches.append(list(texts))
        return super().embed(texts)

    @property
    def embedded(self) -> list[str]:
        return [text for batch in self.batches for text in batch]


def write(folder: Path, name: str, paragraphs: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def long(sentence: str) -> str:
    """A paragraph long enough to be a passage of its own."""
    return " ".join([sentence] * (800 // len(sentence) + 1))


PARAGRAPHS = [
    long("1. The Board agreed to review the housing protocol for care leavers."),
    long("2. The Director will report back on council tax exemptions in March."),
    long("3. The Board noted the Ofsted letter."),
]


def test_the_fingerprint_follows_the_code_and_the_reference_data(tmp_path: Path) -> None:
    data = tmp_path / "gazetteer.csv"
    data.write_text("key,label\n", encoding="utf-8")
    first = pipeline_fingerprint(data)
    assert first == pipeline_fingerprint(data) and len(first) == 16
    data.write_text("key,label\norg:x,X\n", encoding="utf-8")
    assert pipeline_fingerprint(data) != first


def test_a_new_pipeline_reprocesses_unchanged_files_without_embedding_again(
    settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path / "docs", "minutes.txt", PARAGRAPHS)
    embedder = RecordingEmbedder()
    with KnowledgeBase(settings, embedder=embedder) as kb:
        assert kb.ingest([path]).added
        first_embedded = len(embedder.embedded)
        assert kb.ingest([path]).unchanged  # same file, same pipeline

        kb.pipeline = "a-newer-pipeline"  # as after upgrading the project
        report = kb.ingest([path])
        assert len(report.updated) == 1
        assert len(embedder.embedded) == first_embedded  # every vector reused
        passages = kb.store.passage_count()
        assert kb.index.count == passages
        assert kb.store.document_state(kb.documents()[0].id)[1] == "a-newer-pipeline"
        assert kb.search("housing protocol for care leavers", limit=1).results


def test_an_edited_file_embeds_only_its_changed_passages(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "docs"
    path = write(folder, "minutes.txt", PARAGRAPHS)
    embedder = RecordingEmbedder()
    with KnowledgeBase(settings, embedder=embedder) as kb:
        kb.ingest([path])
        embedder.batches.clear()
        edited = [*PARAGRAPHS[:2], long("3. The Board noted the letter and thanked staff.")]
        write(folder, "minutes.txt", edited)
        assert kb.ingest([path]).updated
        assert embedder.embedded == [edited[2]]
        assert kb.store.passage_count() == 3 == kb.index.count


def test_repeated_passage_texts_are_embedded_once(settings: Settings, tmp_path: Path) -> None:
    embedder = RecordingEmbedder()
    paths = [
        write(tmp_path / "docs", f"copy{i}.txt", [PARAGRAPHS[0], long(f"Item {i} was noted.")])
        for i in range(3)
    ]
    with KnowledgeBase(settings, embedder=embedder) as kb:
        kb.ingest(paths)
        assert embedder.embedded.count(PARAGRAPHS[0]) == 1
        assert kb.store.passage_count() == 6 == kb.index.count


def test_a_version_1_store_is_upgraded_and_its_documents_reprocessed(
    settings: Settings, tmp_path: Path
) -> None:
    path = write(tmp_path / "docs", "minutes.txt", PARAGRAPHS)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([path])
    with sqlite3.connect(settings.database_path) as db:  # make it look like version 1
        db.execute("ALTER TABLE documents DROP COLUMN pipeline")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(settings.database_path) as store:
        assert store.get_meta("schema_version") == SCHEMA_VERSION
        (document,) = store.documents()
        assert store.document_state(document.id) == (document.sha256, "")
    embedder = RecordingEmbedder()
    with KnowledgeBase(settings, embedder=embedder) as kb:
        report = kb.ingest([path])
        assert len(report.updated) == 1 and embedder.embedded == []
