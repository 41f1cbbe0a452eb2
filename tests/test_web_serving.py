"""Production serving: waitress behind `scrutiny serve`, concurrent reads on SQLite."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from scrutiny.graph.store import Store
from scrutiny.settings import Settings

SCRUTINY = Path(sys.executable).with_name("scrutiny")


def test_each_thread_reads_through_its_own_connection(
    sample_store_template: tuple[Path, Path], tmp_path: Path
) -> None:
    shutil.copytree(sample_store_template[1], tmp_path / "store")
    store = Store(tmp_path / "store" / "knowledge.sqlite3")
    barrier = threading.Barrier(4)
    seen: list[tuple[int, int]] = []

    def read(_: int) -> tuple[int, int]:
        barrier.wait()  # all four threads hold their connection at the same time
        return id(store._db), store.passage_count()

    with ThreadPoolExecutor(max_workers=4) as pool:
        seen = list(pool.map(read, range(4)))
    connections = {connection for connection, _ in seen}
    assert len(connections) == 4 and id(store._main_db) not in connections
    assert {count for _, count in seen} == {store.passage_count()}
    store.close()
    assert not store._others


def test_a_thread_that_ended_gives_its_connection_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "knowledge.sqlite3")
    for _ in range(5):
        worker = threading.Thread(target=store.passage_count)
        worker.start()
        worker.join()
    worker = threading.Thread(target=store.passage_count)
    worker.start()
    worker.join()
    assert len(store._others) <= 2
    store.close()


def test_concurrent_api_reads_all_answer(client: FlaskClient) -> None:
    paths = [
        "/api/search?q=care+leavers+housing&limit=5",
        "/api/entities?kind=recommendation&limit=5",
        "/api/entities?limit=3&offset=2",
    ]
    expected = {path: client.get(path).get_json() for path in paths}

    def fetch(i: int) -> bool:
        path = paths[i % len(paths)]
        return bool(client.get(path).get_json() == expected[path])

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(fetch, range(48)))


def test_server_threads_follow_the_cores_unless_set() -> None:
    cores = os.cpu_count() or 1
    assert Settings().server_threads == min(32, max(4, 2 * cores))
    assert Settings(threads=3).server_threads == 3
    assert Settings.from_env({"SCRUTINY_THREADS": "7"}).server_threads == 7


def error_status(request: str | urllib.request.Request) -> tuple[int, str]:
    try:
        urllib.request.urlopen(request, timeout=30)
    except urllib.error.HTTPError as exc:
        assert exc.headers.get_content_type() == "application/json"
        return exc.code, json.loads(exc.read())["error"]["code"]
    raise AssertionError("expected an error")


def raw_error(port: int, request: bytes) -> tuple[int, str]:
    """Send raw bytes; the status and JSON error code of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        with contextlib.suppress(OSError):  # the server may answer and close mid-send
            connection.sendall(request)
        answer = b""
        with contextlib.suppress(ConnectionResetError):  # closed with unread bytes left
            while chunk := connection.recv(65536):
                answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status = int(head.split()[1])
    assert b"content-type: application/json" in head.lower(), head
    return status, json.loads(body)["error"]["code"]


def test_scrutiny_serve_runs_waitress(
    sample_store_template: tuple[Path, Path], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(sample_store_template[1], store)
    env = {**os.environ, "SCRUTINY_EMBEDDER": "hashing"}
    server = subprocess.Popen(
        [
            str(SCRUTINY),
            "serve",
            "--store",
            str(store),
            "--port",
            "0",
            "--threads",
            "3",
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        line = server.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/ \(3 threads in each of 2 processes\)", line)
        assert match, line
        base = f"http://127.0.0.1:{match.group(1)}"
        with urllib.request.urlopen(f"{base}/api/entities?limit=1", timeout=30) as response:
            assert response.headers["Server"] == "scrutiny-graph"
            body = json.loads(response.read())
        assert body["total"] > 0 and len(body["entities"]) == 1
        # Limits answer in the JSON shape through waitress too.
        assert error_status(f"{base}/api/search?q={'a' * 9000}") == (414, "uri_too_long")
        big = urllib.request.Request(
            f"{base}/sparql",
            data=b"ASK {} #" + b"x" * 1_500_000,
            headers={"Content-Type": "application/sparql-query", "Accept": "application/json"},
        )
        assert error_status(big) == (413, "payload_too_large")
        # What waitress refuses before the app sees it answers in the same shape.
        port = int(match.group(1))
        headers = b"GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nX-Big: " + b"x" * 263_000
        assert raw_error(port, headers + b"\r\n\r\n") == (431, "headers_too_large")
        declared = (
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
            b"Content-Length: 900000000\r\n\r\nASK {}"
        )
        assert raw_error(port, declared) == (413, "payload_too_large")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # pragma: no cover
            server.kill()
            pytest.fail("the server did not stop on SIGTERM")
