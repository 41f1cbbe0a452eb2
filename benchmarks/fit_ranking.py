"""Fit the window fusion weights on dev and own queries, folds split by document.

Usage:
  .venv/bin/python benchmarks/fit_ranking.py [--store DIR] [--folds 5] [--bulk-limit N]
      [--variants] [--contextual] [--check-validation]

Builds (or reuses) a knowledge base of /work/shared/seeds and /work/shared/corpus/dev
(plus, with --bulk-limit N, the first N bulk files as distractors; with
--check-validation the validation corpus too). For every dev and own query it takes the
engine's candidate windows with their calibrated signals (window BM25, best passage
cosine, best passage BM25, exact phrase, expanded names) and whether each window is a hit
by the shared matching rule.

Weights are chosen from a grid by MRR@10 (hit@1 breaking ties). Queries are grouped by the
document their answer comes from and the groups dealt into folds, so no document's queries
are both fitted and scored: the out-of-fold figures are what a new document would see. The
weights fitted on all folds are printed for ``scrutiny.search.ranking.WINDOW_WEIGHTS``.

``--variants`` also fits, the same way, other forms of the dense signal beside window
BM25: the cosine scaled per query (over the best candidate, min-max, z-scores of both
signals), a window's cosine as the mean of its two best passages or of its passages'
centroid, and the cosine to the query moved towards the best three windows (pseudo
relevance feedback); ``--contextual`` adds passages embedded with their section heading,
and with the document title too (slow: the candidates are embedded again).
``--check-validation`` scores every variant, with the weights fitted on all of dev and own,
on the validation queries: a check, never a fit.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    #: other forms of the dense signal, by name (``--variants``): candidates
    dense_forms: dict[str, np.ndarray] = field(default_factory=dict)


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


def collect(
    kb: Any,
    queries: list[Query],
    evaluation: list[Path],
    pool: int,
    variants: bool,
    contextual: bool,
) -> list[QueryData]:
    """Each query's candidate windows, their signals and hits (and other dense forms)."""
    from scrutiny.search.query import analyse

    bench = Bench(kb)
    judge = make_judge(bench, queries, evaluation)
    engine = kb._engine()
    titles = {d.id: d.title or "" for d in kb.store.documents()}
    embedded: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # passage row -> contextual
    data: list[QueryData] = []
    for query in queries:
        analysis = analyse(query.text, kb._lexicon())
        vector = kb.embedder.embed_query(analysis.text)
        windows = engine._candidates(analysis, lambda v=vector: v, pool, DEPTH)
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
            (w.window.document_id, w.window.first_ordinal, w.window.last_ordinal) for w in windows
        ]
        item = QueryData(query, group, signals, hits, spans)
        if variants and windows:
            item.dense_forms = _dense_forms(kb, engine, windows, vector, item)
            if contextual:
                item.dense_forms.update(_contextual_forms(kb, windows, vector, titles, embedded))
        data.append(item)
    return data


#: Candidate depth the engine is asked to fill (its first results).
DEPTH = 10


def _dense_forms(
    kb: Any, engine: Any, windows: Sequence[Any], vector: np.ndarray, item: QueryData
) -> dict[str, np.ndarray]:
    rows = list({p.row_id for w in windows for p in w.passages})
    stored = engine.index.embeddings_by_row_ids(rows)
    per_window = [
        np.stack([stored[p.row_id] for p in w.passages if p.row_id in stored]) for w in windows
    ]
    cosines = [np.sort(vectors @ vector)[::-1] for vectors in per_window]
    centroids = [v.mean(0) / max(float(np.linalg.norm(v.mean(0))), 1e-9) for v in per_window]
    forms = {
        "top-2 mean": np.array([c[:2].mean() for c in cosines]),
        "centroid": np.array([float(c @ vector) for c in centroids]),
    }
    # pseudo relevance feedback: the query moved towards the best passages of the first
    # three windows of the shipped fusion
    first = item.signals[:, 0] + 1.5 * item.signals[:, 1]
    best = top_ten(item, np.argsort(-first, kind="stable"))[:3]
    feedback = np.mean([max(per_window[i], key=lambda v: float(v @ vector)) for i in best], axis=0)
    moved = vector + 0.6 * feedback
    moved = moved / max(float(np.linalg.norm(moved)), 1e-9)
    forms["feedback (3, 0.6)"] = np.array([float((v @ moved).max()) for v in per_window])
    return forms


def _contextual_forms(
    kb: Any,
    windows: Sequence[Any],
    vector: np.ndarray,
    titles: dict[str, str],
    embedded: dict[int, tuple[np.ndarray, np.ndarray]],
) -> dict[str, np.ndarray]:
    fresh = list(
        {p.row_id: p for w in windows for p in w.passages if p.row_id not in embedded}.values()
    )
    if fresh:
        with_section = kb.embedder.embed(
            [f"{p.section}. {p.search_text}" if p.section else p.search_text for p in fresh]
        )
        with_title = kb.embedder.embed(
            [f"{titles.get(p.document_id, '')}. {p.section or ''}. {p.search_text}" for p in fresh]
        )
        for p, a, b in zip(fresh, with_section, with_title, strict=True):
            embedded[p.row_id] = (a, b)
    return {
        "section embedded": np.array(
            [max(float(embedded[p.row_id][0] @ vector) for p in w.passages) for w in windows]
        ),
        "title and section embedded": np.array(
            [max(float(embedded[p.row_id][1] @ vector) for p in w.passages) for w in windows]
        ),
    }


#: Per-query scalings of the shipped signals (``--variants``).
SCALINGS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "dense over best": lambda s: np.stack([s[:, 0], s[:, 1] / max(s[:, 1].max(), 1e-9)], 1),
    "dense min-max": lambda s: np.stack(
        [s[:, 0], (s[:, 1] - s[:, 1].min()) / max(float(np.ptp(s[:, 1])), 1e-9)], 1
    ),
    "z-scores of both": lambda s: np.stack(
        [(c - c.mean()) / max(float(c.std()), 1e-9) for c in (s[:, 0], s[:, 1])], 1
    ),
}
DENSE_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)


def _pair(item: QueryData, form: str) -> np.ndarray:
    """Window BM25 beside one form of the dense signal, candidates x 2."""
    signals = item.signals if len(item.signals) else np.zeros((0, len(SIGNALS)))
    if form == "shipped":
        return signals[:, :2]
    if form in SCALINGS:
        return SCALINGS[form](signals[:, :2]) if len(signals) else signals[:, :2]
    return np.stack([signals[:, 0], item.dense_forms[form]], 1)


def _pair_metrics(data: Sequence[QueryData], form: str, weight: float) -> np.ndarray:
    views = [QueryData(d.query, d.group, _pair(d, form), d.hits, d.spans) for d in data]
    return np.array(metrics(views, np.array([1.0, weight])))


def _fit_pair(data: Sequence[QueryData], form: str) -> float:
    return max(DENSE_GRID, key=lambda w: tuple(_pair_metrics(data, form, w)[[2, 0]]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--store", type=Path, help="knowledge base directory (kept; reused)")
    parser.add_argument("--bulk-limit", type=int, default=None, help="first N bulk files")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--pool", type=int, default=200)
    parser.add_argument("--variants", action="store_true", help="fit other dense signals too")
    parser.add_argument(
        "--contextual", action="store_true", help="with --variants: contextual embeddings (slow)"
    )
    parser.add_argument(
        "--check-validation",
        action="store_true",
        help="score the fitted weights on the validation queries (a check, never a fit)",
    )
    args = parser.parse_args(argv)
    if not (args.shared / "corpus" / "dev").is_dir():
        print(f"skipped: {args.shared} is not available")
        return 0

    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    queries = load_queries(args.shared / "eval" / EVAL_QUERIES.name, "dev") + load_queries(
        OWN_QUERIES, "own"
    )
    checks = (
        load_queries(args.shared / "eval" / "validation_queries.jsonl", "validation")
        if args.check_validation
        else []
    )
    evaluation, distractors = corpus_files(
        args.shared, args.bulk_limit, validation=args.check_validation
    )
    temporary = None
    if args.store is None:
        temporary = tempfile.TemporaryDirectory(prefix="scrutiny-fit-")
        store = Path(temporary.name)
    else:
        store = args.store
    with KnowledgeBase(Settings(store=store, embedder="minilm")) as kb:
        build(kb, evaluation + distractors)
        data = collect(kb, queries, evaluation, args.pool, args.variants, args.contextual)
        checked = collect(kb, checks, evaluation, args.pool, args.variants, args.contextual)
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
    if checked:
        h1, h5, m = metrics(checked, final)
        print(f"  on validation ({len(checked)} queries, a check): {h1:.3f} / {h5:.3f} / {m:.3f}")
        h1, h5, m = metrics(checked, np.array([1.0 if s == SIGNALS[0] else 0.0 for s in SIGNALS]))
        print(f"  window BM25 alone on validation: {h1:.3f} / {h5:.3f} / {m:.3f}")
    if args.variants and data:
        _report_variants(data, checked, fold_of, args.folds)
    return 0


def _report_variants(
    data: list[QueryData], checked: list[QueryData], fold_of: dict[str, int], folds: int
) -> None:
    """Each form of the dense signal beside window BM25, its weight fitted like the
    shipped one: out of fold on dev + own, and (fitted on all) on validation."""
    forms = ["shipped", *SCALINGS, *(data[0].dense_forms if data else {})]
    print("\nforms of the dense signal beside window BM25 (hit@1 / hit@5 / MRR@10):")
    print(f"  {'form':<28} {'out of fold, dev+own':<24} {'weight':<7} validation (check)")
    for form in forms:
        total = np.zeros(3)
        for fold in range(folds):
            train = [d for d in data if fold_of[d.group] != fold]
            test = [d for d in data if fold_of[d.group] == fold]
            if test:
                total += _pair_metrics(test, form, _fit_pair(train, form)) * len(test)
        oof = total / max(len(data), 1)
        weight = _fit_pair(data, form)
        check = _pair_metrics(checked, form, weight) if checked else None
        shown = " / ".join(f"{v:.3f}" for v in check) if check is not None else "-"
        print(f"  {form:<28} {' / '.join(f'{v:.3f}' for v in oof):<24} {weight:<7g} {shown}")


if __name__ == "__main__":
    sys.exit(main())
