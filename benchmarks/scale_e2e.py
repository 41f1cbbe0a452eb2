"""Full search pipeline at scale: KnowledgeBase.search latency over ~100k and ~1M
passages of real text, query embedding included.

The knowledge base is built through the product's own ingest path (parse, split,
extract entities, SQLite + FTS5, faiss) from the real bulk corpus
(/work/shared/corpus/bulk, 127 files of US city records) plus data/samples, so BM25, the
graph and the facets see real text. Only the passage vectors are synthetic (embedding a
million passages takes hours on two cores): ``SyntheticPassageEmbedder`` wraps the
embedder the product builds from the settings (all-MiniLM-L6-v2), delegating model
name, dimension, relevance floor and ``embed_query`` to it, while its batch ``embed``
(what ingest calls for passages) returns the real vector of a sample passage picked by a
hash of the text, plus small noise, renormalised (as in scale.py). Passages of
data/samples get their real vectors, so the queries have real relevant targets. Theme
concept vectors are embedded with the real model too.

To reach the requested size the bulk files are ingested repeatedly as distinct copies
(copy k > 0 is written to <store>/bulk-copies/copy-k/ with a line "Copy k of <name>"
appended, so hashes, document ids and one passage per file differ). The store is reused
when it already holds the requested number of passages, so reruns only time queries.

    .venv/bin/python benchmarks/scale_e2e.py --store /tmp/scale-e2e/100k --passages 100000 \
        --json /tmp/scale-e2e/100k.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import EVAL_QUERIES, OWN_QUERIES
from scale import QUERIES

from scrutiny.ingest.pipeline import discover_files, parse_document, read_file
from scrutiny.search.embedder import Embedder
from scrutiny.search.themes import ThemeMatcher
from scrutiny.service import KnowledgeBase, make_embedder
from scrutiny.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
BULK = Path("/work/shared/corpus/bulk")
DEPTH = 10
NOISE = 0.04
#: The store counts as built when it holds at least this share of the requested passages.
SIZE_TOLERANCE = 0.98


class SyntheticPassageEmbedder:
    """The product's embedder for queries; fast synthetic vectors for batches of passages.

    A passage of data/samples gets its real vector. Any other text gets the real vector
    of the sample passage picked by a hash of the text, plus Gaussian noise
    (``NOISE`` per dimension) seeded by the hash and by how often this text was seen
    before in this process, so repeated copies of a passage are distinct points rather
    than exact duplicates; the result is renormalised.
    """

    def __init__(self, real: Embedder) -> None:
        self.real = real
        self._base = np.zeros((0, real.dimension), dtype=np.float32)
        self._known: dict[str, int] = {}
        self._seen: dict[bytes, int] = {}

    def set_base(self, texts: list[str], vectors: Any) -> None:
        """The real sample passages (texts as ingest embeds them) and their vectors."""
        self._base = np.asarray(vectors, dtype=np.float32)
        self._known = {text: row for row, text in enumerate(texts)}

    @property
    def model_name(self) -> str:
        return self.real.model_name

    @property
    def dimension(self) -> int:
        return self.real.dimension

    @property
    def relevance_floor(self) -> float:
        return self.real.relevance_floor

    def embed_query(self, text: str) -> Any:
        return self.real.embed_query(text)

    def embed(self, texts: list[str]) -> Any:
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            if not len(self._base):
                raise RuntimeError("set_base() must be called before passages are embedded")
            known = self._known.get(text)
            if known is not None:
                out[row] = self._base[known]
                continue
            digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
            seen = self._seen.get(digest, 0)
            self._seen[digest] = seen + 1
            value = int.from_bytes(digest, "little")
            rng = np.random.default_rng([value, seen])
            mixed = self._base[value % len(self._base)] + rng.normal(
                scale=NOISE, size=self.dimension
            )
            out[row] = mixed / np.linalg.norm(mixed)
        return out


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def load_queries() -> list[str]:
    texts: list[str] = []
    for path in (EVAL_QUERIES, OWN_QUERIES):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(str(json.loads(line)["query"]))
    return list(dict.fromkeys([*texts, *QUERIES]))


# building ------------------------------------------------------------------------------


def passage_counts(kb: KnowledgeBase, files: list[Path]) -> dict[Path, int]:
    """Passages each file will give (parse and split only, as ingest does)."""
    counts = {}
    for path in files:
        parsed = parse_document(path, read_file(path), kb.councils, kb.settings.max_file_bytes)
        counts[path] = len(parsed.passages)
    return counts


def plan(kb: KnowledgeBase, store: Path, bulk: Path, target: int) -> tuple[list[Path], int]:
    """Samples, then bulk files (copy 0 = the originals, then copies) until ``target``."""
    samples = list(discover_files([SAMPLES]))
    originals = sorted(bulk.glob("*.txt"))
    per_file = passage_counts(kb, originals)
    total = sum(passage_counts(kb, samples).values())
    files = list(samples)
    copy = 0
    while total < target:
        for original in originals:
            if total >= target:
                break
            if copy == 0:
                path = original
            else:
                path = store / "bulk-copies" / f"copy-{copy}" / original.name
                if not path.exists():
                    path.parent.mkdir(parents=True, exist_ok=True)
                    text = original.read_text(encoding="utf-8")
                    path.write_text(f"{text}\n\nCopy {copy} of {original.name}\n", "utf-8")
            files.append(path)
            total += per_file[original]
        copy += 1
    return files, total


def base_vectors(real: Embedder, kb: KnowledgeBase) -> tuple[list[str], Any]:
    """Real vectors of the sample passages, with the texts ingest will embed."""
    texts = [
        p.search_text
        for path in discover_files([SAMPLES])
        for p in parse_document(
            path.resolve(), read_file(path), kb.councils, kb.settings.max_file_bytes
        ).passages
    ]
    return texts, real.embed(texts)


def build(kb: KnowledgeBase, real: Embedder, args: argparse.Namespace) -> dict:
    figures: dict[str, Any] = {}
    started = time.perf_counter()
    files, expected = plan(kb, args.store, args.bulk, args.passages)
    figures["plan_s"] = round(time.perf_counter() - started, 1)
    figures["files"] = len(files)
    print(f"plan: {len(files)} files, ~{expected:,} passages ({figures['plan_s']} s)", flush=True)

    texts, vectors = base_vectors(real, kb)
    assert isinstance(kb.embedder, SyntheticPassageEmbedder)
    kb.embedder.set_base(texts, vectors)
    # Theme concept vectors from the real model, cached in the store for the ingest.
    matcher = kb.theme_matcher
    ThemeMatcher(real, matcher.concepts, matcher.cache_dir).match(
        np.zeros((1, real.dimension), dtype=np.float32), 2.0
    )

    rebuilds: list[float] = []
    rebuild = kb._rebuild_index

    def timed_rebuild() -> Any:
        began = time.perf_counter()
        index = rebuild()
        rebuilds.append(time.perf_counter() - began)
        print(f"  index rebuilt: {index.index_type}, {rebuilds[-1]:.1f} s", flush=True)
        return index

    kb._rebuild_index = timed_rebuild  # type: ignore[method-assign]
    done = [0]
    began = time.perf_counter()

    def progress(path: Path) -> None:
        done[0] += 1
        if done[0] % 10 == 0 or done[0] == len(files):
            elapsed = time.perf_counter() - began
            print(
                f"  {done[0]}/{len(files)} files, {kb.store.passage_count():,} passages, "
                f"{elapsed:.0f} s, peak RSS {peak_rss_mb():.0f} MB",
                flush=True,
            )

    report = kb.ingest(files, progress)
    figures["ingest_s"] = round(time.perf_counter() - began, 1)
    figures["ingest_failed"] = len(report.failed)
    figures["ingest_passages"] = report.passages
    figures["ingest_passages_per_s"] = round(report.passages / max(figures["ingest_s"], 1e-9), 1)
    figures["index_build_s"] = round(sum(rebuilds), 1) if rebuilds else None
    figures["build_peak_rss_mb"] = round(peak_rss_mb())
    for failure in report.failed:
        print(f"  failed: {failure}", flush=True)
    return figures


# timing --------------------------------------------------------------------------------


def timed_pass(kb: KnowledgeBase, queries: list[str]) -> list[float]:
    times = []
    for query in queries:
        started = time.perf_counter()
        kb.search(query, DEPTH)
        times.append((time.perf_counter() - started) * 1000)
    return times


def stage_breakdown(kb: KnowledgeBase, queries: list[str]) -> dict[str, dict[str, float | bool]]:
    """Per-query time in each stage, by wrapping the stages' entry points (script only).

    A stage's time is summed over the threads that ran it. A stage run partly or wholly
    in another thread (the query embedding and the passage lists' keyword search run
    while the calling thread reads the window list) is reported with ``beside`` true;
    "other" is the calling thread's time outside the stages it ran itself.
    """
    import scrutiny.service as service
    from scrutiny.search.engine import SearchEngine

    spent: dict[str, float] = {}
    caller = threading.get_ident()
    on_caller: dict[str, float] = {}
    beside: set[str] = set()

    def wrap(owner: Any, name: str, stage: str) -> Callable[[], None]:
        original = getattr(owner, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                took = time.perf_counter() - started
                spent[stage] = spent.get(stage, 0.0) + took
                if threading.get_ident() == caller:
                    on_caller[stage] = on_caller.get(stage, 0.0) + took
                else:
                    beside.add(stage)

        setattr(owner, name, wrapper)
        return lambda: setattr(owner, name, original)

    optional = [(kb.store, "embeddings_by_row_ids", "embeddings")]  # newer pipelines
    undo = [wrap(owner, name, stage) for owner, name, stage in optional if hasattr(owner, name)]
    undo += [
        wrap(service, "analyse", "analyse"),
        wrap(kb, "_lexicon", "lexicon"),
        wrap(kb.embedder, "embed_query", "embed_query"),
        wrap(kb.index, "search", "vector_search"),
        wrap(kb._engine().keywords, "search", "bm25"),
        wrap(kb.store, "phrase_search", "phrase"),
        wrap(kb.store, "windows_of_passages", "windows"),
        wrap(kb.store, "passages_of_windows", "window_passages"),
        wrap(kb.store, "passages_by_row_ids", "passages"),
        wrap(kb.store, "passage_contexts", "contexts"),
        wrap(SearchEngine, "_facets", "facets"),
    ]
    per_stage: dict[str, list[float]] = {}
    totals = []
    try:
        for query in queries:
            spent.clear()
            on_caller.clear()
            started = time.perf_counter()
            kb.search(query, DEPTH)
            total = time.perf_counter() - started
            totals.append(total)
            spent["other"] = total - sum(on_caller.values())
            for stage, seconds in spent.items():
                per_stage.setdefault(stage, []).append(seconds * 1000)
    finally:
        for restore in reversed(undo):
            restore()
    # "other" is everything not wrapped (rescore, filters, building the hits, …).
    return {
        stage: {
            "p50_ms": round(statistics.median(values + [0.0] * (len(queries) - len(values))), 2),
            "p95_ms": round(percentile(values + [0.0] * (len(queries) - len(values)), 0.95), 2),
            "max_ms": round(max(values), 2),
            "beside": stage in beside,
        }
        for stage, values in per_stage.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--store", type=Path, required=True, help="knowledge base directory")
    parser.add_argument("--passages", type=int, default=100_000, help="target passage count")
    parser.add_argument("--bulk", type=Path, default=BULK, help="bulk corpus folder")
    parser.add_argument("--passes", type=int, default=2, help="timed passes over the queries")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not args.bulk.is_dir() or not any(args.bulk.glob("*.txt")):
        print(f"bulk corpus not found at {args.bulk}; nothing to measure")
        return 0

    figures: dict[str, Any] = {
        "benchmark": "scale_e2e",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "target_passages": args.passages,
    }
    settings = Settings(store=args.store)
    # The embedder the product builds from these settings (queries on its ONNX path).
    real = make_embedder(settings.embedder, settings.cache)
    embedder = SyntheticPassageEmbedder(real)
    started = time.perf_counter()
    kb = KnowledgeBase(settings, embedder=embedder)
    figures["open_s"] = round(time.perf_counter() - started, 2)
    existing = kb.store.passage_count()
    if existing >= SIZE_TOLERANCE * args.passages:
        print(f"reusing {args.store}: {existing:,} passages (opened in {figures['open_s']} s)")
        figures["built"] = False
    else:
        print(f"building {args.store}: {existing:,} passages now, target {args.passages:,}")
        figures["built"] = True
        figures.update(build(kb, real, args))

    figures["passages"] = kb.store.passage_count()
    figures["documents"] = len(kb.store.documents())
    figures["index_type"] = kb.index.index_type
    figures["index_vectors"] = kb.index.count
    print(
        f"store: {figures['documents']} documents, {figures['passages']:,} passages; "
        f"index {figures['index_type']} ({figures['index_vectors']:,} vectors)",
        flush=True,
    )

    queries = load_queries()
    started = time.perf_counter()
    real.embed_query("warm up the model")
    # The first pass warms the lexicon, word counts and page caches: timed on its own.
    first = timed_pass(kb, queries)
    figures["first_pass_ms"] = {
        "p50": round(statistics.median(first), 1),
        "p95": round(percentile(first, 0.95), 1),
        "max": round(max(first), 1),
    }
    figures["warmup_s"] = round(time.perf_counter() - started, 1)
    passes = [timed_pass(kb, queries) for _ in range(args.passes)]
    times = [t for one in passes for t in one]
    figures["pass_p50_ms"] = [round(statistics.median(one), 1) for one in passes]
    figures["queries"] = len(queries)
    figures["timed_searches"] = len(times)
    figures["search_ms"] = {
        "p50": round(statistics.median(times), 1),
        "p95": round(percentile(times, 0.95), 1),
        "max": round(max(times), 1),
        "mean": round(statistics.fmean(times), 1),
    }
    slowest = sorted(zip(times, queries * args.passes, strict=True), reverse=True)[:5]
    figures["slowest"] = [{"ms": round(t, 1), "query": q} for t, q in slowest]
    figures["stages"] = stage_breakdown(kb, queries)
    figures["rss_mb"] = round(current_rss_mb())
    figures["peak_rss_mb"] = round(peak_rss_mb())
    figures["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    kb.close()

    s = figures["search_ms"]
    print(
        f"search over {figures['passages']:,} passages, {len(times)} searches "
        f"({len(queries)} queries x {args.passes}): p50 {s['p50']} ms  p95 {s['p95']} ms  "
        f"max {s['max']} ms  mean {s['mean']} ms; p50 of each pass {figures['pass_p50_ms']}"
    )
    for row in figures["slowest"]:
        print(f"  {row['ms']:>8} ms  {row['query']}")
    f = figures["first_pass_ms"]
    print(f"first pass (cold caches): p50 {f['p50']} ms  p95 {f['p95']} ms  max {f['max']} ms")
    print("stages (per query; * partly or wholly in another thread, beside the caller):")
    for stage, row in figures["stages"].items():
        print(f"  {stage + ('*' if row['beside'] else ''):<15} p50 {row['p50_ms']:>8} ms  "
              f"p95 {row['p95_ms']:>8} ms  max {row['max_ms']:>8} ms")  # fmt: skip
    if figures.get("built"):
        print(
            f"ingest {figures['ingest_passages']:,} passages in {figures['ingest_s']} s "
            f"({figures['ingest_passages_per_s']}/s); index build {figures['index_build_s']} s; "
            f"build peak RSS {figures['build_peak_rss_mb']} MB"
        )
    print(f"RSS {figures['rss_mb']} MB, peak {figures['peak_rss_mb']} MB; "
          f"load {figures['load_average_start']} -> {figures['load_average_end']}")  # fmt: skip
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
