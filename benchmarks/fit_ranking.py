"""Fit the window fusion weights on dev and own queries, folds split by document.

Usage:
  .venv/bin/python benchmarks/fit_ranking.py [--store DIR] [--folds 5] [--bulk-limit N]

Builds (or reuses) a knowledge base of /work/shared/seeds and /work/shared/corpus/dev
(plus, with --bulk-limit N, the first N bulk files as distractors), never the validation
corpus or its queries. For every dev and own query it takes the engine's candidate windows
with their calibrated signals (window BM25, best passage cosine, best passage BM25, exact
phrase, expanded names) and whether each window is a hit by the shared matching rule.

Weights are chosen from a grid by MRR@10 (hit@1 breaking ties). Queries are grouped by the
document their answer comes from and the groups dealt into folds, so no document's queries
are both fitted and scored: the out-of-fold figures are what a new document would see. The
weights fitted on all folds are printed for ``scrutiny.search.ranking.WINDOW_WEIGHTS``.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import EVAL_QUERIES, OWN_QUERIES, SHARED, Query, Result, load_queries
from search_quality import Bench, build, corpus_files, make_judge

from scrutiny.search.ranking import CONVEX_SCALE, WINDOW_WEIGHTS

SIGNALS = ("window_keyword", "dense", "passage_keyword", "phrase", "expanded")
GRID = {
    "window_keyword": (1.0,),
    "dense": (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0),
    "passage_keyword": (0.0, 0.15, 0.3, 0.6),
    "phrase": (0.0, 0.25, 0.5, 1.0),
    "expanded": (0.0, 0.25),
}


@dataclass
class QueryData:
    query: Query
    group: str
    signals: np.ndarray  # candidates x SIGNALS
    hits: np.ndarray  # candidates (bool)
    spans: list[tuple[str, int, int]]  # candidates' (document, first, last passage)


def top_ten(item: QueryData, order: np.ndarray) -> list[int]:
    """The first ten candidates in ``order`` that share no passage with a better one, as
    the engine shows them."""
    kept: list[int] = []
    for index in order:
        document, first, last = item.spans[index]
        if any(
            item.spans[k][0] == document and item.spans[k][1] <= last and first <= item.spans[k][2]
            for k in kept
        ):
            continue
        kept.append(int(index))
        if len(kept) == 10:
            break
    return kept


def metrics(data: Sequence[QueryData], weights: np.ndarray) -> tuple[float, float, float]:
    """(hit@1, hit@5, MRR@10) of the fused ranking under ``weights``."""
    hit1 = hit5 = mrr = 0.0
    for item in data:
        if not len(item.hits):
            continue
        order = top_ten(item, np.argsort(-(item.signals @ weights), kind="stable"))
        ranks = np.nonzero(item.hits[order])[0]
        if len(ranks):
            rank = int(ranks[0]) + 1
            hit1 += rank == 1
            hit5 += rank <= 5
            mrr += 1 / rank
    n = max(len(data), 1)
    return hit1 / n, hit5 / n, mrr / n


def rrf_metrics(data: Sequence[QueryData], k: int = 60) -> tuple[float, float, float]:
    """(hit@1, hit@5, MRR@10) of reciprocal rank fusion of window BM25 and dense."""
    hit1 = hit5 = mrr = 0.0
    for item in data:
        if not len(item.hits):
            continue
        fused = np.zeros(len(item.hits))
        for column in (0, 1):
            order = np.argsort(-item.signals[:, column], kind="stable")
            ranks = np.empty(len(order))
            ranks[order] = np.arange(1, len(order) + 1)
            fused += np.where(item.signals[:, column] > 0, 1 / (k + ranks), 0.0)
        order = top_ten(item, np.argsort(-fused, kind="stable"))
        found = np.nonzero(item.hits[order])[0]
        if len(found):
            rank = int(found[0]) + 1
            hit1 += rank == 1
            hit5 += rank <= 5
            mrr += 1 / rank
    n = max(len(data), 1)
    return hit1 / n, hit5 / n, mrr / n


def best_weights(data: Sequence[QueryData]) -> np.ndarray:
    best: tuple[float, float] = (-1.0, -1.0)
    chosen = np.ones(len(SIGNALS))
    for combo in itertools.product(*(GRID[name] for name in SIGNALS)):
        weights = np.array(combo)
        hit1, _, mrr = metrics(data, weights)
        if (mrr, hit1) > best:
            best, chosen = (mrr, hit1), weights
    return chosen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--store", type=Path, help="knowledge base directory (kept; reused)")
    parser.add_argument("--bulk-limit", type=int, default=None, help="first N bulk files")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--pool", type=int, default=200)
    args = parser.parse_args(argv)
    if not (args.shared / "corpus" / "dev").is_dir():
        print(f"skipped: {args.shared} is not available")
        return 0

    from scrutiny.search.query import analyse
    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    queries = load_queries(args.shared / "eval" / EVAL_QUERIES.name, "dev") + load_queries(
        OWN_QUERIES, "own"
    )
    evaluation, distractors = corpus_files(args.shared, args.bulk_limit, validation=False)
    temporary = None
    if args.store is None:
        temporary = tempfile.TemporaryDirectory(prefix="scrutiny-fit-")
        store = Path(temporary.name)
    else:
        store = args.store
    with KnowledgeBase(Settings(store=store, embedder="minilm")) as kb:
        build(kb, evaluation + distractors)
        bench = Bench(kb)
        judge = make_judge(bench, queries, evaluation)
        engine = kb._engine()
        data: list[QueryData] = []
        for query in queries:
            analysis = analyse(query.text, kb._lexicon())
            vector = kb.embedder.embed_query(analysis.text)
            windows = engine._candidates(analysis, vector, args.pool)
            signals = np.array(
                [[w.candidate.scores.get(name, 0.0) for name in SIGNALS] for w in windows]
            ).reshape(-1, len(SIGNALS))
            hits = np.array(
                [
                    judge.is_hit(
                        query,
                        Result(
                            w.window.document_id,
                            w.window.start,
                            w.window.end,
                            bench.text_of(w.window.document_id)[w.window.start : w.window.end],
                        ),
                    )
                    for w in windows
                ],
                dtype=bool,
            )
            gold_documents = sorted(judge.spans.get(query.id, {}))
            group = query.doc or (gold_documents[0] if gold_documents else query.id)
            spans = [
                (w.window.document_id, w.window.first_ordinal, w.window.last_ordinal)
                for w in windows
            ]
            data.append(QueryData(query, group, signals, hits, spans))
    if temporary is not None:
        temporary.cleanup()

    groups = sorted({d.group for d in data})
    fold_of = {group: i % args.folds for i, group in enumerate(groups)}
    out_of_fold: list[tuple[QueryData, np.ndarray]] = []
    for fold in range(args.folds):
        train = [d for d in data if fold_of[d.group] != fold]
        test = [d for d in data if fold_of[d.group] == fold]
        weights = best_weights(train)
        print(
            f"fold {fold}: {len(test)} queries, weights {dict(zip(SIGNALS, weights, strict=True))}"
        )
        out_of_fold.extend((d, weights) for d in test)
    hit1 = hit5 = mrr = 0.0
    for item, weights in out_of_fold:
        h1, h5, m = metrics([item], weights)
        hit1, hit5, mrr = hit1 + h1, hit5 + h5, mrr + m
    n = len(out_of_fold)
    print(f"\nout of fold ({n} dev+own queries, {len(groups)} documents, {args.folds} folds):")
    print(f"  fitted   hit@1 {hit1 / n:.3f}  hit@5 {hit5 / n:.3f}  MRR@10 {mrr / n:.3f}")
    for name in SIGNALS[:2]:
        alone = np.array([1.0 if s == name else 0.0 for s in SIGNALS])
        h1, h5, m = metrics(data, alone)
        print(f"  {name:<8} alone  hit@1 {h1:.3f}  hit@5 {h5:.3f}  MRR@10 {m:.3f}")
    current = np.array([WINDOW_WEIGHTS.get(name, 0.0) / CONVEX_SCALE for name in SIGNALS])
    h1, h5, m = metrics(data, current)
    print(f"  shipped weights  hit@1 {h1:.3f}  hit@5 {h5:.3f}  MRR@10 {m:.3f}  (not fitted)")
    h1, h5, m = rrf_metrics(data)
    print(f"  rrf(window bm25, dense)  hit@1 {h1:.3f}  hit@5 {h5:.3f}  MRR@10 {m:.3f}")
    final = best_weights(data)
    h1, h5, m = metrics(data, final)
    print(f"\nfitted on all ({h1:.3f} / {h5:.3f} / {m:.3f} in sample):")
    print(
        "  " + ", ".join(f"{name}={weight:g}" for name, weight in zip(SIGNALS, final, strict=True))
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
