"""One writer per store: a second ingest waits (saying for whom) or fails clearly."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scrutiny.errors import StoreBusyError
from scrutiny.graph.store import Store
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.storelock import StoreLock

SCRUTINY = Path(sys.executable).with_name("scrutiny")


def ingest_process(store: Path, folder: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [str(SCRUTINY), "ingest", str(folder), "--store", str(store), "--no-progress"],
        env={**os.environ, "SCRUTINY_EMBEDDER": "hashing", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_ingest_waits_for_the_writer_and_says_so(samples: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    lock = StoreLock(store)
    lock.acquire()
    try:
        process = ingest_process(store, samples)
        assert process.stderr is not None
        line = process.stderr.readline()
        assert f"waiting for another writer (pid {os.getpid()}" in line
        assert str(store) in line
        time.sleep(0.5)
        assert process.poll() is None  # still waiting
    finally:
        lock.release()
    out, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "5 added" in out


def test_a_second_ingest_fails_clearly_when_the_wait_runs_out(
    samples: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    store.mkdir()
    with StoreLock(store):
        process = ingest_process(store, samples, SCRUTINY_LOCK_TIMEOUT="0.3")
        _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert f"is being written by another process (pid {os.getpid()}" in err
    assert "Error:" in err


def test_two_concurrent_ingests_both_land_and_the_index_holds_every_passage(
    samples: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    halves = [tmp_path / "a", tmp_path / "b"]
    for half in halves:
        half.mkdir()
    for i, path in enumerate(sorted(samples.iterdir())):
        shutil.copy(path, halves[i % 2] / path.name)
    # Open the store first so neither process has to create it.
    with KnowledgeBase(Settings(store=store, embedder="hashing"), embedder=HashingEmbedder()):
        pass
    processes = [ingest_process(store, half) for half in halves]
    results = [process.communicate(timeout=300) for process in processes]
    for process, (_, err) in zip(processes, results, strict=True):
        assert process.returncode == 0, err
    with Store(store / "knowledge.sqlite3") as opened:
        assert len(opened.documents()) == 5
        passages, generation = opened.passage_count(), opened.generation
    manifest = json.loads((store / "vectors.json").read_text())
    assert manifest["count"] - manifest.get("stale", 0) == passages
    assert manifest["generation"] == generation


def test_the_lock_is_reentrant_and_released_by_its_holder(tmp_path: Path) -> None:
    first, second = StoreLock(tmp_path), StoreLock(tmp_path)
    with first:
        first.acquire()
        first.release()
        assert first.held
        with pytest.raises(StoreBusyError):
            second.acquire(timeout=0)
    second.acquire(timeout=0)
    assert second.held
    second.release()


def test_a_knowledge_base_reloads_an_index_another_writer_moved_on(
    settings: Settings, samples: Path
) -> None:
    files = sorted(samples.iterdir())
    with (
        KnowledgeBase(settings, embedder=HashingEmbedder()) as first,
        KnowledgeBase(settings, embedder=HashingEmbedder()) as second,
    ):
        first.ingest(files[:2])
        second.ingest(files[2:])  # opened before the first ingest: must not lose its passages
        assert second.index.count - second.index.stale == second.store.passage_count()
