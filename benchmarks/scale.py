"""Vector search at scale: build time, query latency (with query embedding), recall of
the approximate index against exact search, and memory, at 10k / 100k / 1M vectors.

Vectors beyond what is practical to embed on 2 cores are synthetic: real passage
vectors from data/samples, each mixed with noise and renormalised, so they keep the
geometry of real text embeddings rather than uniform noise. Query vectors are real
embeddings of the development queries; query latency includes embedding them.

    .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from scrutiny.ingest.passages import split_passages
from scrutiny.search.embedder import SentenceTransformerEmbedder
from scrutiny.search.vector_index import FLAT, HNSW, VectorIndex, index_type_for

REPO = Path(__file__).resolve().parent.parent
QUERIES = [
    "care leavers priority band housing register",
    "what was promised on Child Q learning",
    "who is responsible for elective home education",
    "council tax exemption for care leavers",
    "police officers in schools",
    "exploitation and missing children panel",
    "training for councillors on being care informed",
    "information sharing between police and other agencies",
]


def resident_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthetic(base: np.ndarray, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    picks = base[rng.integers(0, len(base), size=count)]
    noise = rng.normal(scale=0.04, size=picks.shape).astype(np.float32)
    mixed = picks + noise
    return (mixed / np.linalg.norm(mixed, axis=1, keepdims=True)).astype(np.float32)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--queries", type=int, default=200, help="timed queries per size")
    parser.add_argument(
        "--index", choices=["auto", FLAT, HNSW], default="auto",
        help="index type: auto (what the product chooses for the size), or force one",
    )  # fmt: skip
    parser.add_argument(
        "--depths", type=int, nargs="+", default=[96],
        help="HNSW search depths (efSearch) to time and score",
    )  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    embedder = SentenceTransformerEmbedder()
    texts = [
        p.search_text
        for path in sorted((REPO / "data" / "samples").glob("*.txt"))
        for p in split_passages(path.read_text(encoding="utf-8"))
    ]
    base = embedder.embed(texts)
    query_texts = [QUERIES[i % len(QUERIES)] + ("" if i < len(QUERIES) else f" {i}")
                   for i in range(args.queries)]  # fmt: skip
    embedder.embed_query("warm up")
    print(f"base: {len(base)} real passage vectors; {len(query_texts)} queries; "
          f"resident {resident_mb():.0f} MB")  # fmt: skip
    rows = []
    for size in args.sizes:
        vectors = synthetic(base, size, seed=size)
        ids = np.arange(1, size + 1, dtype=np.int64)
        chosen = index_type_for(size) if args.index == "auto" else args.index
        started = time.perf_counter()
        index = VectorIndex("bench", vectors.shape[1], chosen)
        index.add(ids, vectors)
        build_s = time.perf_counter() - started
        exact = VectorIndex("bench", vectors.shape[1], FLAT) if chosen == HNSW else index
        if chosen == HNSW:
            exact.add(ids, vectors)
        truths = {}
        for depth in args.depths if chosen == HNSW else [0]:
            index.set_search_depth(depth)
            latencies, found = [], 0
            for text in query_texts:
                started = time.perf_counter()
                vector = embedder.embed_query(text)
                hits = index.search(vector, 100)
                latencies.append((time.perf_counter() - started) * 1000)
                if text not in truths:
                    truths[text] = {i for i, _ in exact.search(vector, 10)}
                found += len(truths[text] & {i for i, _ in hits[:10]})
            row = {
                "vectors": size,
                "index": chosen,
                "search_depth": depth or None,
                "build_s": round(build_s, 2),
                "p50_ms": round(statistics.median(latencies), 2),
                "p95_ms": round(percentile(latencies, 0.95), 2),
                "recall@10": round(found / (10 * len(query_texts)), 4),
                "peak_resident_mb": round(resident_mb()),
            }
            rows.append(row)
            print(
                f"{size:>9,} {chosen:<5} depth {depth or '-':>4} build {row['build_s']:>7}s  "
                f"p50 {row['p50_ms']:>6} ms  p95 {row['p95_ms']:>6} ms  "
                f"recall@10 {row['recall@10']:.3f}  peak {row['peak_resident_mb']} MB"
            )
        del vectors, index, exact
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
