"""SPARQL queries in worker processes: killed at the deadline, capped in memory, few at once.

rdflib cannot interrupt a query, and a thread that keeps evaluating an abandoned one
keeps its CPU and memory. Each query here runs in a worker process of its own
(``python -m scrutiny.graph.sparql_worker``), one query at a time per worker:

- the deadline covers parsing, evaluation and building the result; past it the worker
  is killed (SIGKILL) and a fresh one is started for the next query. Building the RDF
  graph after the store changed is not counted (the worker says when it starts);
- the worker's address space is capped (``RLIMIT_AS``: what it uses after its imports
  plus ``memory_mb``), so a query that would exhaust memory fails alone;
- at most ``max_workers`` queries run at once; one more is refused straight away with
  ``ServiceBusyError`` (a 503 with Retry-After on the web).

Workers stay alive between queries, keeping the store's RDF graph (rebuilt when the
store's generation moves on), and exit when their standard input closes: the process
that started them ending is enough.

Parent and worker exchange pickled tuples, each preceded by its length (4 bytes).
"""

from __future__ import annotations

import math
import os
import pickle
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

from scrutiny.errors import (
    InvalidQueryError,
    QueryMemoryError,
    QueryTimeoutError,
    ScrutinyError,
    ServiceBusyError,
    StoreError,
)

#: Seconds a new worker may take to import rdflib and open the store.
STARTUP_TIMEOUT = 60.0
#: Seconds a worker may take to (re)build the RDF graph of a changed store.
BUILD_TIMEOUT = 600.0
_HEADER = struct.Struct(">I")
_ERRORS: dict[str, type[ScrutinyError]] = {
    "InvalidQueryError": InvalidQueryError,
    "QueryTimeoutError": QueryTimeoutError,
    "QueryMemoryError": QueryMemoryError,
}


class _Timeout(Exception):
    pass


class _Worker:
    """One worker process and its pipes (parent side)."""

    def __init__(self, database_path: Path, memory_mb: int) -> None:
        env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scrutiny.graph.sparql_worker", str(database_path),
             str(memory_mb)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, env=env, bufsize=0,
        )  # fmt: skip
        assert self.process.stdin is not None and self.process.stdout is not None
        self._stdin: IO[bytes] = self.process.stdin
        self._stdout: IO[bytes] = self.process.stdout

    def send(self, message: tuple[Any, ...]) -> None:
        data = pickle.dumps(message)
        self._stdin.write(_HEADER.pack(len(data)) + data)
        self._stdin.flush()

    def receive(self, timeout: float) -> tuple[Any, ...]:
        """The next message; ``_Timeout`` past ``timeout`` s, ``EOFError`` if it died."""
        deadline = time.monotonic() + timeout
        header = self._read(_HEADER.size, deadline)
        (length,) = _HEADER.unpack(header)
        message = pickle.loads(self._read(length, deadline))
        assert isinstance(message, tuple)
        return message

    def _read(self, size: int, deadline: float) -> bytes:
        chunks: list[bytes] = []
        wanted = size
        fd = self._stdout.fileno()
        while wanted:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise _Timeout
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                raise _Timeout
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                raise EOFError
            chunks.append(chunk)
            wanted -= len(chunk)
        return b"".join(chunks)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self._stdin, self._stdout):
            stream.close()

    @property
    def died_of_memory(self) -> bool:
        return self.process.poll() == MEMORY_EXIT


MEMORY_EXIT = 3


class SparqlWorkers:
    """At most ``max_workers`` SPARQL queries at once, each in a worker process."""

    def __init__(self, database_path: Path, *, max_workers: int, memory_mb: int) -> None:
        if max_workers < 1:
            raise InvalidQueryError("sparql_workers must be at least 1")
        self.database_path = database_path
        self.memory_mb = memory_mb
        self.max_workers = max_workers
        self._slots = threading.BoundedSemaphore(max_workers)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, query: str, *, timeout_s: float, max_rows: int, public_only: bool = False) -> Any:
        """A ``SparqlResult``, as ``scrutiny.graph.sparql.run_query`` answers, or its
        errors; ``ServiceBusyError`` when ``max_workers`` queries are running.
        ``public_only``: the query sees the graph of public documents only."""
        if timeout_s <= 0:
            raise InvalidQueryError("the SPARQL time limit must be a positive number of seconds")
        if max_rows < 0:
            raise InvalidQueryError("the SPARQL row limit must not be negative")
        if not self._slots.acquire(blocking=False):
            raise ServiceBusyError(
                f"{self.max_workers} SPARQL queries are already running; try again shortly",
                retry_after=max(1, math.ceil(timeout_s)),
            )
        try:
            return self._run(query, timeout_s, max_rows, public_only)
        finally:
            self._slots.release()

    def _run(self, query: str, timeout_s: float, max_rows: int, public_only: bool) -> Any:
        worker = self._take()
        healthy = False
        try:
            try:
                worker.send(("query", query, max_rows, public_only))
                message = worker.receive(BUILD_TIMEOUT)
                if message[0] == "started":
                    message = worker.receive(timeout_s)
            except _Timeout:
                raise QueryTimeoutError(
                    f"query exceeded the time limit of {timeout_s:g} s"
                ) from None
            except (EOFError, OSError):
                worker.kill()
                if worker.died_of_memory or worker.process.returncode == -9:
                    raise QueryMemoryError(
                        f"the query needed more than the {self.memory_mb} MB allowed"
                    ) from None
                raise StoreError(
                    f"the SPARQL worker stopped unexpectedly (exit {worker.process.returncode})"
                ) from None
            kind = message[0]
            if kind == "ok":
                healthy = True
                return message[1]
            if kind == "error":
                healthy = message[1] != "QueryMemoryError"
                raise _ERRORS.get(message[1], InvalidQueryError)(message[2])
            raise StoreError(f"unexpected message from the SPARQL worker: {kind!r}")
        finally:
            if healthy and not self._closed:
                with self._lock:
                    self._idle.append(worker)
            else:
                worker.kill()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.poll() is None:
                    return worker
                worker.kill()
        worker = _Worker(self.database_path, self.memory_mb)
        try:
            message = worker.receive(STARTUP_TIMEOUT)
        except (_Timeout, EOFError, OSError):
            worker.kill()
            raise StoreError("the SPARQL worker did not start") from None
        if message[0] != "ready":
            worker.kill()
            raise StoreError(f"the SPARQL worker did not start: {message[1:]}")
        return worker

    def close(self) -> None:
        self._closed = True
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


# --- the worker process ------------------------------------------------------------------


def _write(stream: IO[bytes], message: tuple[Any, ...]) -> None:
    data = pickle.dumps(message)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> tuple[Any, ...] | None:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (length,) = _HEADER.unpack(header)
    message = pickle.loads(stream.read(length))
    assert isinstance(message, tuple)
    return message


def _cap_memory(memory_mb: int) -> None:
    """Limit the address space to what is mapped now plus ``memory_mb``."""
    import resource

    status = Path("/proc/self/status").read_text()
    mapped_kib = next(
        int(line.split()[1]) for line in status.splitlines() if line.startswith("VmSize:")
    )
    limit = mapped_kib * 1024 + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the process that started it dies."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: stdin closing still ends the worker
        pass


def worker_main(argv: list[str]) -> int:
    database_path, memory_mb = Path(argv[0]), int(argv[1])
    _die_with_parent()
    inbox, outbox = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write to the message stream
    try:
        from scrutiny.graph import sparql as engine
        from scrutiny.graph.store import Store

        # The whole graph, and (opened on first use) the graph of public documents only.
        stores = {False: Store(database_path)}
        _cap_memory(memory_mb)
    except Exception as exc:
        _write(outbox, ("failed", f"{type(exc).__name__}: {exc}"))
        return 1
    _write(outbox, ("ready",))
    while (message := _read(inbox)) is not None:
        _, query, max_rows, public_only = message
        try:
            if public_only not in stores:
                stores[public_only] = Store(database_path, public_only=True)
            graph = engine._graph_for(stores[public_only])
            _write(outbox, ("started",))
            started = time.monotonic()
            query_type, prepared = engine._prepare_query(query)
            result = graph.query(prepared)
            answer = engine._materialise(query_type, result, max_rows, started)
            _write(outbox, ("ok", answer))
        except MemoryError:
            try:
                _write(outbox, ("error", "QueryMemoryError", "the query needed too much memory"))
            finally:
                os._exit(MEMORY_EXIT)
        except ScrutinyError as exc:
            _write(outbox, ("error", type(exc).__name__, str(exc)))
        except Exception as exc:  # rdflib raises bare Exceptions while evaluating
            _write(outbox, ("error", "InvalidQueryError", f"SPARQL query failed: {exc}"))
    return 0


if __name__ == "__main__":
    sys.exit(worker_main(sys.argv[1:]))
