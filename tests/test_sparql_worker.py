"""SPARQL in worker processes: killed at the deadline, memory-capped, a few at a time."""

from __future__ import annotations

import dataclasses
import os
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from scrutiny.errors import (
    InvalidQueryError,
    QueryMemoryError,
    QueryTimeoutError,
    ServiceBusyError,
)
from scrutiny.graph.sparql_worker import SparqlWorkers
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

CROSS_PRODUCT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?a ?b ?c }"
SORTED_CROSS_PRODUCT = "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } ORDER BY ?o ?c"
#: Slow to parse: some 1.4 s of pyparsing on an idle core.
LONG_VALUES = "SELECT * WHERE { VALUES ?x { " + " ".join(f'"{i}"' for i in range(3000)) + " } }"


@pytest.fixture(scope="module")
def database(
    sample_store_template: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    store = tmp_path_factory.mktemp("sparql-workers") / "store"
    shutil.copytree(sample_store_template[1], store)
    return store / "knowledge.sqlite3"


@pytest.fixture
def workers(database: Path) -> Iterator[SparqlWorkers]:
    pool = SparqlWorkers(database, max_workers=1, memory_mb=64)
    yield pool
    pool.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A killed child not yet reaped is a zombie: count it as gone.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "zombie" not in status.read_text()


def test_queries_are_answered_by_a_reused_worker(workers: SparqlWorkers) -> None:
    assert workers.run("ASK { ?s a sg:Recommendation }", timeout_s=30, max_rows=10).boolean
    (worker,) = workers._idle
    result = workers.run("SELECT ?s WHERE { ?s a sg:Recommendation }", timeout_s=30, max_rows=3)
    assert len(result.rows) == 3 and result.truncated
    assert workers._idle == [worker]


def test_a_query_past_the_deadline_kills_its_worker(workers: SparqlWorkers) -> None:
    workers.run("ASK {}", timeout_s=30, max_rows=1)
    pid = workers._idle[0].process.pid
    started = time.monotonic()
    with pytest.raises(QueryTimeoutError, match=r"time limit of 0\.5 s"):
        workers.run(CROSS_PRODUCT, timeout_s=0.5, max_rows=10)
    assert time.monotonic() - started < 5
    assert not alive(pid) and not workers._idle
    assert workers.run("ASK {}", timeout_s=30, max_rows=1).boolean is True  # a fresh worker


def test_parsing_counts_against_the_deadline(workers: SparqlWorkers) -> None:
    workers.run("ASK {}", timeout_s=30, max_rows=1)
    with pytest.raises(QueryTimeoutError):
        workers.run(LONG_VALUES, timeout_s=0.2, max_rows=10)


def test_a_query_over_the_memory_cap_fails_alone(database: Path) -> None:
    pool = SparqlWorkers(database, max_workers=1, memory_mb=32)
    try:
        with pytest.raises(QueryMemoryError):
            pool.run(SORTED_CROSS_PRODUCT, timeout_s=60, max_rows=10)
        assert pool.run("ASK {}", timeout_s=30, max_rows=1).boolean is True
    finally:
        pool.close()


def test_one_query_more_than_the_workers_is_refused_at_once(workers: SparqlWorkers) -> None:
    workers.run("ASK {}", timeout_s=30, max_rows=1)
    outcome: list[BaseException] = []

    def slow() -> None:
        try:
            workers.run(CROSS_PRODUCT, timeout_s=3, max_rows=10)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=slow)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while workers._slots._value and time.monotonic() < deadline:  # type: ignore[attr-defined]
            time.sleep(0.01)
        started = time.monotonic()
        with pytest.raises(ServiceBusyError) as caught:
            workers.run("ASK {}", timeout_s=3, max_rows=1)
        assert time.monotonic() - started < 0.5
        assert caught.value.retry_after == 3
    finally:
        thread.join()
    assert isinstance(outcome[0], QueryTimeoutError)


def test_errors_from_the_worker_keep_their_kind(workers: SparqlWorkers) -> None:
    with pytest.raises(InvalidQueryError, match="malformed SPARQL query"):
        workers.run("SELECT WHERE", timeout_s=30, max_rows=1)
    with pytest.raises(InvalidQueryError, match="read-only"):
        workers.run("INSERT DATA { <a:b> <a:b> <a:b> }", timeout_s=30, max_rows=1)
    assert len(workers._idle) == 1  # the worker survives a bad query


def test_closing_the_knowledge_base_stops_its_workers(database: Path, tmp_path: Path) -> None:
    shutil.copytree(database.parent, tmp_path / "store")
    settings = Settings(store=tmp_path / "store", embedder="hashing")
    kb = KnowledgeBase(settings, embedder=HashingEmbedder())
    assert kb.sparql("ASK {}").boolean is True
    pid = kb.sparql_workers._idle[0].process.pid
    kb.close()
    assert not alive(pid)


def test_the_endpoint_answers_503_with_retry_after_when_busy(
    client: FlaskClient, knowledge_base: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    def busy(query: str, *, timeout_s: float, max_rows: int, public_only: bool) -> None:
        raise ServiceBusyError("2 SPARQL queries are already running", retry_after=10)

    monkeypatch.setattr(knowledge_base.sparql_workers, "run", busy)
    response = client.get(
        "/sparql", query_string={"query": "ASK {}"}, headers={"Accept": "application/json"}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "10"
    assert response.get_json()["error"]["code"] == "busy"


def test_workers_follow_the_settings(tmp_path: Path) -> None:
    settings = dataclasses.replace(
        Settings(store=tmp_path / "store", embedder="hashing"),
        sparql_workers=3,
        sparql_memory_mb=77,
    )
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.sparql_workers.max_workers == 3 and kb.sparql_workers.memory_mb == 77
    assert Settings.from_env({"SCRUTINY_SPARQL_WORKERS": "4"}).sparql_workers == 4
