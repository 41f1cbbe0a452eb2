"""Abusive SPARQL queries against a real `scrutiny serve` (waitress) do not hold up
search: each ends with its error in the JSON shape, the server's memory stays flat."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

SCRUTINY = Path(sys.executable).with_name("scrutiny")
TIMEOUT_S = 3  # sparql_timeout of the server under test
MEMORY_MB = 256  # sparql_memory_mb of the server under test
ABUSE = {
    "sorted cross product": "SELECT * WHERE { ?s ?p ?o . ?a ?b ?c } ORDER BY ?o ?c",
    "3-way count": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . ?a ?b ?c . ?d ?e ?f }",
    # Some 40 KB of one expression: a parse bomb for pyparsing.
    "parse bomb": "SELECT * WHERE { ?s ?p ?o FILTER(" + "1+" * 20_000 + "1) }",
}
#: What an abusive query may end with: killed at the deadline or at the memory cap,
#: or the documented error of a query the engine cannot take (400).
ENDINGS = {(503, "query_timeout"), (503, "query_memory_limit"), (400, "invalid_query")}
SEARCH_LIMIT_S = 1.0


def rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # ended meanwhile
        return 0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) if match else 0


def children(pid: int) -> list[int]:
    """Child processes of ``pid``, whichever of its threads started them."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):  # the thread ended meanwhile
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def address_space_limit(pid: int) -> int | None:
    """The worker's RLIMIT_AS in bytes (None: unlimited or gone)."""
    try:
        limits = Path(f"/proc/{pid}/limits").read_text()
    except OSError:
        return None
    match = re.search(r"Max address space\s+(\S+)", limits)
    return int(match.group(1)) if match and match.group(1).isdigit() else None


@pytest.fixture
def server(
    sample_store_template: tuple[Path, Path], tmp_path: Path
) -> Iterator[tuple[subprocess.Popen[str], str]]:
    store = tmp_path / "store"
    shutil.copytree(sample_store_template[1], store)
    env = {
        **os.environ,
        "SCRUTINY_EMBEDDER": "hashing",
        "SCRUTINY_SPARQL_TIMEOUT": str(TIMEOUT_S),
        "SCRUTINY_SPARQL_WORKERS": "3",
        "SCRUTINY_SPARQL_MEMORY_MB": str(MEMORY_MB),
    }
    process = subprocess.Popen(
        [str(SCRUTINY), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", "0",
         "--threads", "4", "--workers", "1"],  # one process: its SPARQL workers are its children
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # printed once it listens
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert match, line
        yield process, f"http://127.0.0.1:{match.group(1)}"
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:  # pragma: no cover
            process.kill()
            process.wait()
            pytest.fail("the server did not stop on SIGTERM")


def sparql(base: str, query: str) -> tuple[int, dict[str, object]]:
    request = urllib.request.Request(
        f"{base}/sparql",
        data=query.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        assert exc.headers.get_content_type() == "application/json"
        return exc.code, json.loads(exc.read())


def search(base: str) -> float:
    """Seconds one search took (it must answer 200 with results)."""
    started = time.monotonic()
    query = urllib.parse.quote("care leavers housing")
    with urllib.request.urlopen(f"{base}/api/search?q={query}&limit=5", timeout=60) as response:
        body = json.loads(response.read())
    elapsed = time.monotonic() - started
    assert response.status == 200 and body["results"]
    return elapsed


def test_abusive_sparql_neither_blocks_search_nor_grows_the_server(
    server: tuple[subprocess.Popen[str], str],
) -> None:
    process, base = server
    search(base)  # warm the caches
    # Start the workers and build their RDF graphs (not counted against the deadline).
    warm = [threading.Thread(target=sparql, args=(base, "ASK {}")) for _ in ABUSE]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join(120)
    base_kib = rss_kib(process.pid)

    outcomes: dict[str, tuple[int, dict[str, object], float]] = {}
    peaks: dict[int, int] = {}
    done = threading.Event()

    def abuse(name: str) -> None:
        started = time.monotonic()
        status, body = sparql(base, ABUSE[name])
        outcomes[name] = (status, body, time.monotonic() - started)

    def sample() -> None:
        while not done.is_set():
            for pid in [process.pid, *children(process.pid)]:
                peaks[pid] = max(peaks.get(pid, 0), rss_kib(pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    attackers = [threading.Thread(target=abuse, args=(name,)) for name in ABUSE]
    for thread in attackers:
        thread.start()
    workers = children(process.pid)
    limits = {pid: address_space_limit(pid) for pid in workers}
    searches: list[float] = []
    try:
        time.sleep(0.3)  # the queries are being parsed and evaluated
        deadline = time.monotonic() + 120
        while any(t.is_alive() for t in attackers) and time.monotonic() < deadline:
            searches.append(search(base))
            time.sleep(0.2)
        for thread in attackers:
            thread.join(max(1.0, deadline - time.monotonic()))
    finally:
        done.set()
        sampler.join()

    assert searches, "the abusive queries ended before a search could be made"
    assert max(searches) < SEARCH_LIMIT_S, searches
    assert set(outcomes) == set(ABUSE), "an abusive query got no answer"
    for name, (status, body, elapsed) in outcomes.items():
        error = body["error"]
        assert isinstance(error, dict) and set(error) == {"code", "message", "status"}, name
        assert (status, error["code"]) in ENDINGS, (name, status, error)
        assert error["status"] == status and isinstance(error["message"], str)
        assert elapsed < TIMEOUT_S + 30, (name, elapsed)  # ended near the deadline
    # The server itself does not grow with the queries; each worker stays under its cap.
    assert peaks[process.pid] < base_kib + MEMORY_MB * 1024
    for pid in workers:
        limit = limits[pid]
        assert limit is not None, "a SPARQL worker runs without a memory cap"
        assert peaks.get(pid, 0) * 1024 <= limit
    # And SPARQL still answers: killed workers were replaced.
    status, body = sparql(base, "ASK { ?s a sg:Recommendation }")
    assert status == 200 and body["boolean"] is True
