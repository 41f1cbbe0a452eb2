"""Load benchmark of `scrutiny serve` (waitress): throughput, latency and memory.

Starts the server as a subprocess on 127.0.0.1 (port chosen by the system) over a
store (by default a fresh one built from data/samples with the hashing embedder),
then drives it with keep-alive HTTP/1.1 connections sending a mix of read requests
(search, entity listings, one entity, one document). For each connection count it
runs for at most ``--seconds`` and prints requests per second and the 50th/95th/99th
percentile latency. A soak at ``--soak-connections`` for ``--soak-seconds`` then
samples the server's resident memory (RSS, from /proc) every few seconds.

The client is ``wrk`` (Debian's package; ``apt-get install wrk``) when it is installed:
written in C, it leaves the two cores to the server, so the figures measure the server
rather than the client. Otherwise (or with ``--client python``) a bounded client of
its own, one thread per connection, which also stops after ``--requests`` requests; in
Python it competes with the server for the cores, so it understates how throughput
grows with connections.

    .venv/bin/python benchmarks/load.py                        # 1, 8, 32 connections
    .venv/bin/python benchmarks/load.py --soak-seconds 180 --store ~/my-store

Only loopback addresses are ever contacted.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SCRUTINY = Path(sys.executable).with_name("scrutiny")
SEARCHES = (
    "care leavers housing",
    "what was promised on mental health",
    "who monitors the recommendations",
    "safeguarding partnership training",
    "which recommendations were rejected",
    "Child Q strip search",
    "exclusions from school",
    "youth justice",
)
#: Hard bounds, whatever the options say.
MAX_CONNECTIONS = 64
MAX_REQUESTS = 100_000
MAX_SECONDS = 3600


@dataclass
class Level:
    connections: int
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    elapsed: float = 0.0

    def line(self) -> str:
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            if not ordered:
                return float("nan")
            return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000

        rate = len(ordered) / self.elapsed if self.elapsed else 0.0
        return (
            f"{self.connections:>3} conn  {len(ordered):>6} req  {rate:8.1f} req/s  "
            f"p50 {pct(50):7.1f} ms  p95 {pct(95):7.1f} ms  p99 {pct(99):7.1f} ms  "
            f"errors {self.errors}"
        )


def rss_kib(pid: int) -> int:
    """Resident memory of the server: its process and every process under it (the
    server processes of a multi-process server, their SPARQL workers)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    total = int(match.group(1)) if match else 0
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in children.read_text().split():
            total += rss_kib(int(child))
    return total


def build_store(directory: Path, embedder: str) -> Path:
    store = directory / "store"
    env = {**os.environ, "SCRUTINY_EMBEDDER": embedder}
    subprocess.run(
        [str(SCRUTINY), "ingest", str(ROOT / "data" / "samples"), "--store", str(store),
         "--no-progress"],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    return store


def start_server(
    store: Path, embedder: str, threads: int | None, workers: int | None = None
) -> tuple[subprocess.Popen[str], int]:
    command = [str(SCRUTINY), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", "0"]
    if threads:
        command += ["--threads", str(threads)]
    if workers:
        command += ["--workers", str(workers)]
    env = {**os.environ, "SCRUTINY_EMBEDDER": embedder}
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert server.stdout is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        if not line:
            break
        match = re.search(
            r"http://127\.0\.0\.1:(\d+)/ \((\d+) threads(?: in each of (\d+) processes)?\)",
            line,
        )
        if match:
            processes = match.group(3) or "1"
            print(f"server pid {server.pid}, {match.group(2)} threads x {processes} processes",
                  flush=True)  # fmt: skip
            return server, int(match.group(1))
        break  # the server says something else: it did not start as expected
    server.kill()
    raise SystemExit("the server did not start")


def request_paths(port: int) -> list[str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", "/api/entities?limit=50")
    entities = json.loads(connection.getresponse().read())["entities"]
    connection.close()
    paths = [f"/api/search?q={quote(q)}&limit=10" for q in SEARCHES]
    paths += ["/api/entities?limit=20", "/api/entities?kind=recommendation&limit=20"]
    paths += [f"/api/entities/{quote(e['id'], safe=':')}" for e in entities[:10]]
    documents = {e["document"]["id"] for e in entities if e.get("document")}
    paths += [f"/api/documents/{d}" for d in sorted(documents)[:3]]
    return paths


def drive(port: int, paths: Sequence[str], level: Level, requests: int, seconds: float) -> None:
    """``level.connections`` threads share a budget of ``requests`` and ``seconds``."""
    budget = iter(range(requests))
    budget_lock = threading.Lock()
    deadline = time.monotonic() + seconds
    lock = threading.Lock()

    def client(seed: int) -> None:
        chooser = random.Random(seed)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        latencies: list[float] = []
        errors = 0
        try:
            while time.monotonic() < deadline:
                with budget_lock:
                    if next(budget, None) is None:
                        break
                path = chooser.choice(paths)
                started = time.perf_counter()
                try:
                    connection.request("GET", path)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except (OSError, http.client.HTTPException):
                    ok = False
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                latencies.append(time.perf_counter() - started)
                errors += not ok
        finally:
            connection.close()
            with lock:
                level.latencies.extend(latencies)
                level.errors += errors

    threads = [threading.Thread(target=client, args=(i,)) for i in range(level.connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    level.elapsed = time.perf_counter() - started


#: wrk's script: each thread walks the request paths in turn and, at the end, prints
#: one line with the totals and the percentiles (in microseconds).
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
end
"""


@dataclass
class WrkLevel:
    connections: int
    requests: int = 0
    seconds: float = 0.0
    p50_ms: float = float("nan")
    p95_ms: float = float("nan")
    p99_ms: float = float("nan")
    errors: int = 0

    def line(self) -> str:
        rate = self.requests / self.seconds if self.seconds else 0.0
        return (
            f"{self.connections:>3} conn  {self.requests:>6} req  {rate:8.1f} req/s  "
            f"p50 {self.p50_ms:7.1f} ms  p95 {self.p95_ms:7.1f} ms  p99 {self.p99_ms:7.1f} ms  "
            f"errors {self.errors}"
        )


def drive_wrk(port: int, paths: Sequence[str], level: WrkLevel, seconds: float) -> None:
    """Run wrk against 127.0.0.1:``port`` for ``seconds`` (rounded up to whole seconds)."""
    quoted = ", ".join(json.dumps(path) for path in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % quoted)
    try:
        found = subprocess.run(
            [
                "wrk", "-t", str(min(level.connections, 2)), "-c", str(level.connections),
                "-d", f"{max(1, round(seconds))}s", "--timeout", "60s", "-s", script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True, text=True, timeout=seconds + 120, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", found)
    if match is None:
        raise SystemExit(f"wrk printed no result:\n{found}")
    requests, micros, p50, p95, p99, errors = (int(x) for x in match.groups())
    level.requests, level.seconds, level.errors = requests, micros / 1e6, errors
    level.p50_ms, level.p95_ms, level.p99_ms = p50 / 1000, p95 / 1000, p99 / 1000


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="Existing store (default: samples, built).")
    parser.add_argument("--embedder", default="hashing", choices=("hashing", "minilm"))
    parser.add_argument("--threads", type=int, default=None, help="Server threads (default auto).")
    parser.add_argument(
        "--workers", type=int, default=None, help="Server processes (default auto)."
    )
    parser.add_argument("--connections", default="1,8,32", help="Comma-separated levels.")
    parser.add_argument("--requests", type=int, default=2000, help="Most requests per level.")
    parser.add_argument("--seconds", type=float, default=30, help="Most seconds per level.")
    parser.add_argument("--soak-seconds", type=float, default=30)
    parser.add_argument("--soak-connections", type=int, default=8)
    parser.add_argument(
        "--client",
        default="auto",
        choices=("auto", "wrk", "python"),
        help="wrk (when installed, by default) or the Python client.",
    )
    args = parser.parse_args(argv)
    use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
    if args.client == "wrk" and not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    levels = [int(n) for n in args.connections.split(",")]
    if not all(1 <= n <= MAX_CONNECTIONS for n in levels) or args.soak_connections > 64:
        raise SystemExit(f"connections must be between 1 and {MAX_CONNECTIONS}")
    requests = min(args.requests, MAX_REQUESTS)
    seconds = min(args.seconds, MAX_SECONDS)
    soak = min(args.soak_seconds, MAX_SECONDS)

    with tempfile.TemporaryDirectory(prefix="scrutiny-load-") as tmp:
        store = args.store or build_store(Path(tmp), args.embedder)
        server, port = start_server(store, args.embedder, args.threads, args.workers)
        try:
            paths = request_paths(port)
            client = "wrk" if use_wrk else "python"
            print(
                f"{len(paths)} distinct requests; cores {os.cpu_count()}; client {client}",
                flush=True,
            )
            # Warm-up on several connections, so that every server process (each
            # accepts its own) has loaded its caches before anything is timed.
            drive(port, paths, Level(8), min(400, requests), seconds)
            for connections in levels:
                if use_wrk:
                    measured: Level | WrkLevel = WrkLevel(connections)
                    drive_wrk(port, paths, measured, seconds)
                else:
                    measured = Level(connections)
                    drive(port, paths, measured, requests, seconds)
                print(measured.line(), flush=True)
            if soak > 0:
                samples = [rss_kib(server.pid)]
                level: Level | WrkLevel
                if use_wrk:
                    level = WrkLevel(args.soak_connections)
                    worker = threading.Thread(target=drive_wrk, args=(port, paths, level, soak))
                else:
                    level = Level(args.soak_connections)
                    worker = threading.Thread(
                        target=drive, args=(port, paths, level, MAX_REQUESTS * 10, soak)
                    )
                worker.start()
                while worker.is_alive():
                    worker.join(5)
                    samples.append(rss_kib(server.pid))
                mib = [s / 1024 for s in samples]
                print(f"soak {soak:g} s: {level.line()}")
                print(
                    f"server RSS MiB: start {mib[0]:.1f}, after 1st sample {mib[1]:.1f}, "
                    f"peak {max(mib):.1f}, end {mib[-1]:.1f}, "
                    f"median {statistics.median(mib):.1f} ({len(mib)} samples)"
                )
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    main()
