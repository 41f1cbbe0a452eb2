"""An ingest killed with SIGKILL part-way leaves whole documents only; the next open
repairs the vector index and the next ingest completes the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import faiss
import numpy as np

from scrutiny.graph.builder import build_document_graph
from scrutiny.graph.store import Store
from scrutiny.ingest.pipeline import parse_document, read_file
from scrutiny.ingest.windows import build_windows
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.search.vector_index import MANIFEST_FILE, read_manifest
from scrutiny.service import KnowledgeBase, document_id_for
from scrutiny.settings import Settings

SCRUTINY = Path(sys.executable).with_name("scrutiny")
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "samples" / "003_1ba45f4be686293e.txt"
FILES = 400  # ~1,100 passages: several embedding batches, each stored document by document
#: Killed once this many documents are stored: inside the second batch's stores.
KILL_AFTER = 200
#: Bounded waits: for the documents to kill after, and for a whole ingest.
STORE_TIMEOUT = 120.0
INGEST_TIMEOUT = 180.0


def generate(folder: Path) -> list[Path]:
    """Many small documents: a heading, a recommendation and a slice of a real report."""
    source = SAMPLE.read_text(encoding="utf-8")
    folder.mkdir()
    paths = []
    for i in range(FILES):
        start = (i * 997) % (len(source) - 3000)
        path = folder / f"doc_{i:04d}.txt"
        path.write_text(
            f"Scrutiny Committee meeting {i}\n\nRecommendation {i}: The Council should review "
            f"housing for care leavers by March 2025.\n\n{source[start : start + 1500]}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def ingest(store: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(SCRUTINY), "ingest", str(folder), "--store", str(store), "--no-progress"],
        env={**os.environ, "SCRUTINY_EMBEDDER": "hashing"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def stored_documents(database: Path) -> int:
    """Documents committed so far (0 while the store is not there yet)."""
    if not database.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as db:
            return int(db.execute("SELECT count(*) FROM documents").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def kill_midway(store: Path, folder: Path) -> None:
    process = ingest(store, folder)
    database = store / "knowledge.sqlite3"
    deadline = time.monotonic() + STORE_TIMEOUT
    try:
        while stored_documents(database) < KILL_AFTER:
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the documents were not stored in time"
            time.sleep(0.01)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def assert_index_agrees(kb: KnowledgeBase) -> None:
    with Store(kb.settings.database_path) as store:
        rows = {int(r[0]) for r in store._db.execute("SELECT row_id FROM passages")}
    ids = faiss.vector_to_array(kb.index._index.id_map)
    assert kb.index.live_count == len(rows)
    assert set(ids.tolist()) >= rows
    assert len(set(ids.tolist()) - rows) == kb.index.stale


def assert_whole(kb: KnowledgeBase, store: Store, document_id: str, source_path: str) -> None:
    """Everything the document contributes is stored, as a fresh run would store it."""
    path = Path(source_path)
    parsed = parse_document(path, read_file(path), kb.councils, kb.settings.max_file_bytes)
    text = store.canonical_text(document_id)
    assert text == parsed.canonical_text
    passages = store.passages_of(document_id)
    assert [(p.ordinal, p.start, p.end, p.search_text) for p in passages] == [
        (p.ordinal, p.span.start, p.span.end, p.search_text) for p in parsed.passages
    ]
    db = store._db
    windows = db.execute(
        'SELECT start, "end" FROM windows WHERE document_id = ? ORDER BY row_id', (document_id,)
    ).fetchall()
    expected_windows = build_windows(
        parsed.canonical_text, list(parsed.passages), parsed.metadata.title
    )
    assert [tuple(w) for w in windows] == [(w.span.start, w.span.end) for w in expected_windows]
    vectors = kb.embedder.embed([p.search_text for p in parsed.passages])
    extraction = kb.extractor.extract(parsed.canonical_text, parsed.metadata.title)
    batch = kb._with_themes_by_meaning(
        build_document_graph(document_id, parsed, extraction), document_id, parsed, vectors
    )
    nodes = {r[0] for r in db.execute("SELECT id FROM nodes WHERE document_id = ?", (document_id,))}
    assert nodes == {n.id for n in batch.nodes if n.document_id == document_id}
    edges = set(
        db.execute("SELECT source, kind, target FROM edges WHERE document_id = ?", (document_id,))
    )
    assert edges == {
        (e.source, e.kind.value, e.target) for e in batch.edges if e.document_id == document_id
    }
    mentions = sorted(
        db.execute(
            'SELECT node_id, start, "end" FROM mentions WHERE document_id = ?', (document_id,)
        )
    )
    assert mentions == sorted((m.node_id, m.start, m.end) for m in batch.mentions)
    assert all(0 <= start <= end <= len(text) for _, start, end in mentions)


def test_an_ingest_killed_midway_leaves_whole_documents_and_the_next_completes(
    tmp_path: Path,
) -> None:
    folder, store = tmp_path / "many", tmp_path / "store"
    paths = generate(folder)
    kill_midway(store, folder)
    with Store(store / "knowledge.sqlite3") as opened:
        generation = opened.generation
    manifest = read_manifest(store)
    # The killed run never saved its vector index: opening must repair it.
    assert manifest is None or manifest.generation != generation

    settings = Settings(store=store, embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:  # opens, repairs the index
        assert_index_agrees(kb)
        with Store(settings.database_path) as opened:
            documents = opened.documents()
            assert 0 < len(documents) < FILES, "the kill came too late to test anything"
            for document in documents:
                assert document.id == document_id_for(document.source_path)
                assert document.passage_count > 0
                assert_whole(kb, opened, document.id, document.source_path)
            orphans = opened._db.execute(
                "SELECT count(*) FROM passages WHERE document_id NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            assert orphans == 0
    survivors = len(documents)

    second = ingest(store, folder)
    out, err = second.communicate(timeout=INGEST_TIMEOUT)
    assert second.returncode == 0, err
    assert f"{FILES - survivors} added, 0 updated, {survivors} unchanged, 0 failed" in out

    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert_index_agrees(kb)
        stored = {d.source_path for d in kb.store.documents()}
        assert stored == {str(p.resolve()) for p in paths}
        # The index the second ingest saved is the one opened (not a rebuild).
        assert kb.index.count == kb.store.passage_count()
        hits = kb.index.search(np.asarray(kb.embedder.embed(["care leavers housing"])[0]), 5)
        assert len(hits) == 5


def test_a_kill_between_saving_the_index_and_its_manifest_is_repaired_on_open(
    samples: Path, tmp_path: Path
) -> None:
    """The index file is replaced first, then its manifest: a kill in between leaves a
    new index file under the previous generation's manifest."""
    files = sorted(p for p in samples.iterdir() if p.suffix == ".txt")
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest(files[:1]).ok
        previous = (settings.store / MANIFEST_FILE).read_text()
        assert kb.ingest(files[1:2]).ok
    (settings.store / MANIFEST_FILE).write_text(previous)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert_index_agrees(kb)
        assert kb.search("scrutiny committee recommendation", limit=3).results
        assert kb.ingest(files[2:]).ok
