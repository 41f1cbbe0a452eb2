"""Speed: ingest throughput against the bare encoder, search latency, peak memory.

Usage:
  .venv/bin/python benchmarks/speed.py [--samples DIR] [--bulk-files N] [--large-store DIR]
      [--embedder minilm|hashing] [--onnx] [--json PATH]

Measures, in one process:

1. model load time (first encode of the configured embedder);
2. ingest of data/samples end to end (parse, extract, embed, write SQLite and faiss)
   into a fresh store: seconds and passages/s, with the model already loaded; then
   extraction alone over the same documents, as its share of that ingest time;
3. the bare encoder on the same passage texts, fp32 and bf16 autocast, in passages/s,
   so the gap to (2) is the cost of everything that is not the encoder; with --onnx
   also the model's ONNX export as a batch encoder, float32 and int8 (dynamic
   quantisation), with their cosine to PyTorch float32;
4. search latency (KnowledgeBase.search, query embedding included) p50/p95 over the
   dev and own benchmark queries, with a per-stage breakdown, on the sample store and
   on a larger store: seeds + corpus/dev + the first N files of corpus/bulk, built in a
   temporary directory (or an existing knowledge base given with --large-store);
5. peak resident memory (getrusage ru_maxrss) after each phase.

The default run (3 bulk files) takes about three minutes on two otherwise idle cores.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import EVAL_QUERIES, OWN_QUERIES, SHARED

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
DEPTH = 10


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(function: Callable[..., Any], *args: Any) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def load_query_texts(shared: Path) -> list[str]:
    texts: list[str] = []
    for path in (shared / "eval" / EVAL_QUERIES.name, OWN_QUERIES):
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    texts.append(str(json.loads(line)["query"]))
    if not texts:
        texts = [
            "what was promised about care leavers",
            "who is responsible for the Child C recommendations",
            "which recommendations were rejected",
        ]
    return texts


def latency(kb: Any, queries: list[str]) -> dict[str, Any]:
    """Per-query wall time of KnowledgeBase.search and of each public stage.

    A first (cold) pass over the queries is timed separately: the first encodes of new
    input shapes are slow (kernel selection), so the steady-state figures come from a
    second pass.
    """
    cold = [timed(kb.search, query, DEPTH) for query in queries]
    pool = max(int(kb.settings.candidate_pool), DEPTH)
    totals: list[float] = []
    stages: dict[str, list[float]] = {"embed": [], "bm25": [], "dense": [], "phrase": []}
    for query in queries:
        totals.append(timed(kb.search, query, DEPTH))
        started = time.perf_counter()
        vector = kb.embedder.embed_query(query)
        stages["embed"].append(time.perf_counter() - started)
        stages["bm25"].append(timed(kb._engine().keywords.search, "windows", query, pool))
        stages["dense"].append(timed(kb.index.search, vector, pool))
        stages["phrase"].append(timed(kb.store.phrase_search, query, pool))
    ms = 1000.0
    return {
        "queries": len(queries),
        "search_p50_ms": round(statistics.median(totals) * ms, 1),
        "search_p95_ms": round(percentile(totals, 0.95) * ms, 1),
        "search_mean_ms": round(statistics.fmean(totals) * ms, 1),
        "cold_p50_ms": round(statistics.median(cold) * ms, 1),
        "cold_p95_ms": round(percentile(cold, 0.95) * ms, 1),
        "stage_p50_ms": {k: round(statistics.median(v) * ms, 2) for k, v in stages.items()},
        "stage_p95_ms": {k: round(percentile(v, 0.95) * ms, 2) for k, v in stages.items()},
    }


def ingest(kb: Any, paths: list[Path]) -> dict[str, Any]:
    started = time.perf_counter()
    report = kb.ingest(paths)
    seconds = time.perf_counter() - started
    size = sum(p.stat().st_size for p in paths if p.is_file())
    return {
        "files": len(report.added) + len(report.updated) + len(report.unchanged),
        "failed": len(report.failed),
        "bytes": size,
        "passages": report.passages,
        "seconds": round(seconds, 2),
        "passages_per_s": round(report.passages / seconds, 1) if seconds else None,
    }


def encoder_rate(embedder: Any, texts: list[str], warm_up: bool = True) -> dict[str, Any]:
    """Passages/s of one ``embed`` call over all texts, after an untimed warm-up pass."""
    if warm_up:
        embedder.embed(texts)
    seconds = timed(embedder.embed, texts)
    return {
        "passages": len(texts),
        "seconds": round(seconds, 2),
        "passages_per_s": round(len(texts) / seconds, 1),
    }


class OnnxBatchEncoder:
    """The ONNX export (float32, or int8 by dynamic quantisation) used for whole batches:
    the alternative bare encoder to PyTorch bf16."""

    def __init__(self, model_path: Path) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        from scrutiny.search.embedder import SentenceTransformerEmbedder

        model_dir = SentenceTransformerEmbedder().model_dir
        self._tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=256)
        self._tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = min(2, os.cpu_count() or 1)
        self._session = onnxruntime.InferenceSession(
            str(model_path), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: list[str], batch_size: int = 64) -> Any:
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            encodings = self._tokenizer.encode_batch([texts[i] for i in rows])
            feeds = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            hidden = self._session.run(None, feeds)[0]
            mask = feeds["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            out[rows] = pooled / np.linalg.norm(pooled, axis=1, keepdims=True)
        return out


def onnx_rates(texts: list[str], reference: Any, directory: Path) -> dict[str, Any]:
    """Batch throughput and cosine to PyTorch float32 of the ONNX export, fp32 and int8."""
    import numpy as np
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from scrutiny.search.embedder import SentenceTransformerEmbedder
    from scrutiny.search.onnx_query import export

    fp32 = directory / "model-fp32.onnx"
    export(SentenceTransformerEmbedder().model_dir, fp32)
    int8 = directory / "model-int8.onnx"
    # Per-channel weights on the matrix multiplications only: quantising the embedding
    # tables as well dropped the mean cosine to PyTorch to ~0.95 (measured).
    quantize_dynamic(
        fp32, int8, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"]
    )
    rows: dict[str, Any] = {}
    for name, path in (("onnx_fp32", fp32), ("onnx_int8", int8)):
        encoder = OnnxBatchEncoder(path)
        row = encoder_rate(encoder, texts)
        cosines = np.sum(encoder.embed(texts) * reference, axis=1)
        row["cosine_to_torch_fp32_mean"] = round(float(cosines.mean()), 4)
        row["cosine_to_torch_fp32_min"] = round(float(cosines.min()), 4)
        rows[name] = row
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=Path, default=SAMPLES, help="files to ingest")
    parser.add_argument("--shared", type=Path, default=SHARED, help="shared data folder")
    parser.add_argument("--bulk-files", type=int, default=3, help="bulk files in larger store")
    parser.add_argument("--large-store", type=Path, help="existing knowledge base to time")
    parser.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--pairs", type=int, default=5,
        help="ingest runs alternated with runs of the same encoder on the same texts",
    )  # fmt: skip
    parser.add_argument(
        "--onnx", action="store_true",
        help="also time the ONNX export (float32 and int8) as a batch encoder",
    )  # fmt: skip
    args = parser.parse_args(argv)

    from scrutiny.ingest.pipeline import discover_files
    from scrutiny.search.embedder import SentenceTransformerEmbedder, cpu_supports_bf16
    from scrutiny.service import KnowledgeBase, make_embedder
    from scrutiny.settings import Settings

    figures: dict[str, Any] = {
        "benchmark": "speed",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "embedder": args.embedder,
        "cpus": os.cpu_count(),
        "cpu_native_bf16": cpu_supports_bf16(),
        # Other processes share the CPUs: record the load so noisy runs can be spotted.
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }
    queries = load_query_texts(args.shared)

    # 1. model load ------------------------------------------------------------------
    embedder = make_embedder(args.embedder, Settings.from_env().cache)
    figures["model_load_s"] = round(timed(embedder.embed, ["warm up the model"]), 2)
    figures["bf16_in_use"] = bool(getattr(embedder, "bf16", False))
    figures["rss_after_model_mb"] = round(peak_rss_mb(), 1)
    print(f"model load: {figures['model_load_s']}s (bf16 autocast: {figures['bf16_in_use']})")

    with tempfile.TemporaryDirectory(prefix="scrutiny-speed-") as tmp:
        # 2. ingest the samples end to end: a cold run (first encodes since the model
        #    loaded), then the same files into a fresh store with everything warm.
        sample_files = list(discover_files([args.samples]))
        cold_settings = Settings(store=Path(tmp) / "samples-cold", embedder=args.embedder)
        with KnowledgeBase(cold_settings, embedder=embedder) as kb:
            figures["ingest_samples_cold"] = ingest(kb, sample_files)
        settings = Settings(store=Path(tmp) / "samples", embedder=args.embedder)
        with KnowledgeBase(settings, embedder=embedder) as kb:
            figures["ingest_samples"] = ingest(kb, sample_files)
            figures["rss_after_ingest_mb"] = round(peak_rss_mb(), 1)
            texts = [text for _, text in kb.store.passages_without_embedding_model()]
            for key in ("ingest_samples_cold", "ingest_samples"):
                i = figures[key]
                print(
                    f"{key}: {i['files']} files, {i['passages']} passages in "
                    f"{i['seconds']}s = {i['passages_per_s']} passages/s"
                )

            # 2b. extraction alone on the same documents, as ingest calls it -----------
            started = time.perf_counter()
            for document in kb.store.documents():
                text = kb.store.canonical_text(document.id) or ""
                kb.extractor.extract(text, document.title)
            extraction_s = time.perf_counter() - started
            share = extraction_s / max(figures["ingest_samples"]["seconds"], 1e-9)
            figures["extraction"] = {"seconds": round(extraction_s, 2), "share": round(share, 3)}
            print(f"extraction alone: {extraction_s:.2f}s = {share:.1%} of warm ingest")

            # 3. the bare encoder on the same texts, one call, warm -------------------
            bare: dict[str, Any] = {}
            if args.embedder == "minilm":
                torch_fp32 = SentenceTransformerEmbedder(use_bf16=False)
                bare["fp32"] = encoder_rate(torch_fp32, texts)
                bare["bf16"] = encoder_rate(SentenceTransformerEmbedder(use_bf16=True), texts)
                if args.onnx:
                    bare.update(onnx_rates(texts, torch_fp32.embed(texts), Path(tmp)))
            else:
                bare[args.embedder] = encoder_rate(embedder, texts)
            figures["bare_encoder"] = bare
            for name, row in bare.items():
                cosine = row.get("cosine_to_torch_fp32_mean")
                note = f" (cosine to fp32: mean {cosine})" if cosine else ""
                print(f"bare encoder {name}: {row['passages_per_s']} passages/s{note}")
            figures["rss_after_encoders_mb"] = round(peak_rss_mb(), 1)

            # 3b. ingest and the same encoder, alternated ---------------------------
            # Other processes on two cores move single figures by 10-20%; pairs taken
            # back to back and their median ratio are steadier.
            pairs = []
            for pair in range(args.pairs):
                pair_settings = Settings(store=Path(tmp) / f"pair-{pair}", embedder=args.embedder)
                with KnowledgeBase(pair_settings, embedder=embedder) as pair_kb:
                    ingested = ingest(pair_kb, sample_files)
                encoded = encoder_rate(embedder, texts, warm_up=False)
                pairs.append(
                    {
                        "ingest_passages_per_s": ingested["passages_per_s"],
                        "encoder_passages_per_s": encoded["passages_per_s"],
                        "ratio": round(ingested["passages_per_s"] / encoded["passages_per_s"], 3),
                    }
                )
            if pairs:
                ratios = [p["ratio"] for p in pairs]
                figures["ingest_vs_encoder"] = {
                    "pairs": pairs,
                    "median_ratio": round(statistics.median(ratios), 3),
                }

            # 4a. search latency on the sample store --------------------------------
            figures["search_samples"] = latency(kb, queries)
            figures["search_samples"]["passages"] = kb.store.passage_count()

        # 4b. a larger store -------------------------------------------------------
        large = larger_store(args, Path(tmp) / "large", embedder, queries)
        if large is not None:
            figures["search_large"] = large
        figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
        figures["load_average_end"] = [round(x, 2) for x in os.getloadavg()]

    report(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


def larger_store(
    args: argparse.Namespace, directory: Path, embedder: Any, queries: list[str]
) -> dict[str, Any] | None:
    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    if args.large_store is not None:
        settings = Settings(store=args.large_store, embedder=args.embedder)
        with KnowledgeBase(settings, embedder=embedder) as kb:
            result = latency(kb, queries)
            result.update({"store": str(args.large_store), "passages": kb.store.passage_count()})
            return result
    shared: Path = args.shared
    if not (shared / "corpus" / "dev").is_dir():
        print(f"larger store skipped: {shared} is not available")
        return None
    files = sorted(
        p for folder in (shared / "seeds", shared / "corpus" / "dev") for p in folder.iterdir()
    )
    bulk_dir = shared / "corpus" / "bulk"
    if bulk_dir.is_dir() and args.bulk_files > 0:
        files += sorted(bulk_dir.iterdir())[: args.bulk_files]
    settings = Settings(store=directory, embedder=args.embedder)
    with KnowledgeBase(settings, embedder=embedder) as kb:
        built = ingest(kb, files)
        print(
            f"larger store: {built['files']} files, {built['passages']} passages in "
            f"{built['seconds']}s = {built['passages_per_s']} passages/s"
        )
        result = latency(kb, queries)
        result.update(
            {
                "store": f"seeds+dev+{args.bulk_files} bulk files",
                "passages": kb.store.passage_count(),
                "ingest": built,
            }
        )
        return result


def report(figures: dict[str, Any]) -> None:
    print(f"\nspeed — {figures['date']}, {figures['cpus']} CPUs, embedder {figures['embedder']}")
    print(
        f"  load average (1/5/15 min) at start {figures['load_average_start']}, "
        f"at end {figures['load_average_end']}"
    )
    bf16 = "bf16" if figures["bf16_in_use"] else "fp32"
    print(f"  model load                            {figures['model_load_s']:>8} s")
    for key, label in (("ingest_samples_cold", "cold"), ("ingest_samples", "warm")):
        i = figures[key]
        print(
            f"  ingest samples end to end ({label}, {bf16}) {i['passages_per_s']:>8} passages/s "
            f"({i['passages']} passages, {i['seconds']} s)"
        )
    for name, row in figures["bare_encoder"].items():
        print(f"  bare encoder, same texts ({name:<5})     {row['passages_per_s']:>8} passages/s")
    if "extraction" in figures:
        extraction = figures["extraction"]
        print(
            f"  extraction alone, same documents      {extraction['seconds']:>8} s "
            f"({extraction['share']:.1%} of warm ingest)"
        )
    if "ingest_vs_encoder" in figures:
        compared = figures["ingest_vs_encoder"]
        rows = ", ".join(
            f"{p['ingest_passages_per_s']}/{p['encoder_passages_per_s']}" for p in compared["pairs"]
        )
        print(
            f"  ingest / same encoder, alternated pairs: {rows} passages/s; "
            f"median ratio {compared['median_ratio']}"
        )
    print("\n  search latency (ms)   passages   p50    p95   mean  cold p50 cold p95"
          "   embed   bm25  dense phrase (stage p50)")  # fmt: skip
    for key, label in (("search_samples", "sample store"), ("search_large", "larger store")):
        row = figures.get(key)
        if row is None:
            continue
        s = row["stage_p50_ms"]
        print(
            f"  {label:<20}{row['passages']:>9}{row['search_p50_ms']:>6}"
            f"{row['search_p95_ms']:>7}{row['search_mean_ms']:>7}"
            f"{row['cold_p50_ms']:>10}{row['cold_p95_ms']:>9}"
            f"{s['embed']:>8}{s['bm25']:>7}{s['dense']:>7}{s['phrase']:>7}"
        )
    print(
        f"\n  peak RSS: {figures['rss_after_model_mb']} MB after model load, "
        f"{figures['rss_after_ingest_mb']} MB after sample ingest, "
        f"{figures['rss_after_encoders_mb']} MB with the fp32/bf16 encoders, "
        f"{figures['peak_rss_mb']} MB at the end"
    )


if __name__ == "__main__":
    sys.exit(main())
