"""Search quality: BM25, dense, fusion stages and the project's ranking, from one run.

Usage:
  .venv/bin/python benchmarks/search_quality.py [--store DIR] [--distractors [--bulk-limit N]]
      [--embedder minilm|hashing] [--json PATH] [--verbose] [--ablate] [--merge-cap N ...]

Ingests /work/shared/seeds and /work/shared/corpus/dev (plus, with --distractors, the
first N files of /work/shared/corpus/bulk in name order) into a knowledge base, then
scores /work/shared/eval/queries.dev.jsonl and benchmarks/queries.jsonl, separately and
combined, with hit@1, hit@5, MRR@10 and nDCG@10 (binary relevance) for:

  bm25          BM25 over passages alone (scrutiny.search.keyword)
  dense         VectorIndex.search on the embedded query alone
  rrf(bm25+dense)
                reciprocal rank fusion (k=60) of the two candidate pools, computed here
  rrf(+phrase x2)
                the same plus Store.phrase_search at weight 2, computed here (what
                KnowledgeBase.search did when this benchmark was written)
  project       KnowledgeBase.search, whatever it does today
  project -X    with --ablate: the project with the second-stage boost X switched off
  project merge<=N
                with --merge-cap N: overlapping windows of a document folded into a hit
                only up to N characters (0: the lower window is dropped)

Only public APIs are used, so the figures follow the ranking as it changes. With
--store the knowledge base is kept in DIR: reruns skip unchanged files, and documents
that are not part of the requested corpus are deleted from it so the figures always
describe exactly the corpus asked for (use one DIR per configuration to keep caches).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from evalkit import (
    EVAL_QUERIES,
    OWN_QUERIES,
    SHARED,
    Judge,
    Query,
    Result,
    Scores,
    find_spans,
    first_hit_rank,
    load_queries,
    normalise,
    score,
)

from scrutiny.search.ranking import WINDOW_WEIGHTS, rescore

# The boosts of the second stage (scrutiny.search.ranking.rescore), each switched off in
# turn with --ablate.
SECOND_STAGE_BOOSTS = ("case", "other_case", "intent", "role", "theme", "organisation", "short")

DEPTH = 10
RRF_K = 60

System = Callable[[Query], list[Result]]


def rrf(rankings: Sequence[Sequence[int]], weights: Sequence[float]) -> list[int]:
    """Reciprocal rank fusion; ties broken by row id, like the project's helper."""
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (RRF_K + rank)
    return [rid for rid, _ in sorted(scores.items(), key=lambda p: (-p[1], p[0]))]


class Bench:
    """The knowledge base under test plus the retrieval systems computed from it."""

    def __init__(self, kb: Any, ablate: bool = False, merge_caps: Sequence[int] = ()) -> None:
        self.kb = kb
        self.ablate = ablate
        self.merge_caps = tuple(merge_caps)
        self.store = kb.store
        self.pool = max(int(kb.settings.candidate_pool), DEPTH)
        self._texts: dict[str, str] = {}
        self._vectors: dict[str, Any] = {}
        self._names: dict[str, str] = {}

    def text_of(self, document_id: str) -> str:
        if document_id not in self._texts:
            self._texts[document_id] = self.store.canonical_text(document_id) or ""
        return self._texts[document_id]

    def name_of(self, document_id: str) -> str:
        if document_id not in self._names:
            stored = self.store.document(document_id)
            self._names[document_id] = Path(stored.source_path).name if stored else document_id
        return self._names[document_id]

    def vector(self, query: Query) -> Any:
        if query.text not in self._vectors:
            self._vectors[query.text] = self.kb.embedder.embed([query.text])[0]
        return self._vectors[query.text]

    def results(self, row_ids: Sequence[int]) -> list[Result]:
        passages = self.store.passages_by_row_ids(list(row_ids))
        out: list[Result] = []
        for rid in row_ids:
            p = passages.get(rid)
            if p is not None:
                text = self.text_of(p.document_id)
                out.append(Result(p.document_id, p.start, p.end, text[p.start : p.end]))
        return out

    def bm25_ids(self, query: Query, limit: int) -> list[int]:
        return [rid for rid, _ in self.kb._engine().keywords.search("passages", query.text, limit)]

    def dense_ids(self, query: Query, limit: int) -> list[int]:
        return [rid for rid, _ in self.kb.index.search(self.vector(query), limit)]

    def phrase_ids(self, query: Query, limit: int) -> list[int]:
        return [rid for rid, _ in self.store.phrase_search(query.text, limit)]

    def systems(self) -> dict[str, System]:
        def bm25(q: Query) -> list[Result]:
            return self.results(self.bm25_ids(q, DEPTH))

        def dense(q: Query) -> list[Result]:
            return self.results(self.dense_ids(q, DEPTH))

        def fused(q: Query) -> list[Result]:
            ranking = rrf([self.bm25_ids(q, self.pool), self.dense_ids(q, self.pool)], [1, 1])
            return self.results(ranking[:DEPTH])

        def fused_phrase(q: Query) -> list[Result]:
            rankings = [
                self.bm25_ids(q, self.pool),
                self.dense_ids(q, self.pool),
                self.phrase_ids(q, self.pool),
            ]
            return self.results(rrf(rankings, [1, 1, 2])[:DEPTH])

        def project(q: Query) -> list[Result]:
            response = self.kb.search(q.text, DEPTH)
            return [
                Result(hit.document.id, hit.start, hit.end, hit.text) for hit in response.results
            ]

        def first_stage(q: Query) -> list[Result]:
            # The project's retrieval and fusion with the second stage (graph, intent,
            # role and fragment re-scoring) switched off, to show what that stage adds.
            with mock.patch("scrutiny.search.engine.rescore", _no_rescoring):
                return project(q)

        def only(*signals: str) -> System:
            weights = {n: w for n, w in WINDOW_WEIGHTS.items() if n in signals}

            def system(q: Query) -> list[Result]:
                engine = self.kb._engine()
                shipped, engine.weights = engine.weights, weights
                try:
                    with mock.patch("scrutiny.search.engine.rescore", _no_rescoring):
                        return project(q)
                finally:
                    engine.weights = shipped

            return system

        systems: dict[str, System] = {
            "bm25": bm25,
            "dense": dense,
            "rrf(bm25+dense)": fused,
            "rrf(+phrase x2)": fused_phrase,
            "proj windows bm25": only("window_keyword"),
            "proj windows dense": only("dense"),
            "project stage 1": first_stage,
            "project": project,
        }
        if self.ablate:
            for boost in SECOND_STAGE_BOOSTS:
                systems[f"project -{boost}"] = self._without(boost, project)
        for cap in self.merge_caps:
            systems[f"project merge<={cap}"] = self._merging(cap, project)
        return systems

    @staticmethod
    def _merging(cap: int, project: System) -> System:
        """The project with overlapping windows of a document folded into a hit only up to
        ``cap`` characters (0: never; a lower window that overlaps is dropped)."""

        def system(q: Query) -> list[Result]:
            with mock.patch("scrutiny.search.engine.MERGED_MAX_CHARS", cap):
                return project(q)

        return system

    @staticmethod
    def _without(boost: str, project: System) -> System:
        """The project with one second-stage boost switched off."""

        def rescore_without(candidate: Any, *args: Any, **kwargs: Any) -> None:
            rescore(candidate, *args, **kwargs)
            candidate.boosts.pop(boost, None)

        def system(q: Query) -> list[Result]:
            with mock.patch("scrutiny.search.engine.rescore", rescore_without):
                return project(q)

        return system


def _no_rescoring(*_: object, **__: object) -> None:
    return None


def corpus_files(
    shared: Path, bulk_limit: int | None, validation: bool = True
) -> tuple[list[Path], list[Path]]:
    """(evaluation corpus files, distractor files), resolved, in name order."""
    folders = [shared / "seeds", shared / "corpus" / "dev"]
    if validation:
        folders.append(shared / "corpus" / "validation")
    evaluation = sorted(p.resolve() for folder in folders for p in folder.iterdir() if p.is_file())
    distractors: list[Path] = []
    if bulk_limit is not None:
        bulk = sorted(p.resolve() for p in (shared / "corpus" / "bulk").iterdir() if p.is_file())
        distractors = bulk[:bulk_limit] if bulk_limit >= 0 else bulk
    return evaluation, distractors


def build(kb: Any, files: list[Path]) -> dict[str, Any]:
    """Bring the knowledge base to exactly ``files``; returns ingest statistics."""
    wanted = {str(p) for p in files}
    removed = 0
    for document in kb.store.documents():
        if document.source_path not in wanted:
            kb.delete(document.id)
            removed += 1
    started = time.perf_counter()
    done = 0

    def progress(path: Path) -> None:
        nonlocal done
        done += 1
        if done % 10 == 0 or done == len(files):
            elapsed = time.perf_counter() - started
            print(f"  ingest {done}/{len(files)} files, {elapsed:.0f}s", file=sys.stderr)

    report = kb.ingest(files, progress)
    seconds = time.perf_counter() - started
    for failure in report.failed:
        print(f"  ingest failed: {failure}", file=sys.stderr)
    return {
        "files": len(files),
        "added": len(report.added),
        "updated": len(report.updated),
        "unchanged": len(report.unchanged),
        "failed": len(report.failed),
        "removed_stale": removed,
        "passages_embedded": report.passages,
        "ingest_seconds": round(seconds, 1),
        "documents": len(kb.store.documents()),
        "passages": kb.store.passage_count(),
    }


def make_judge(bench: Bench, queries: list[Query], evaluation: list[Path]) -> Judge:
    """Gold spans in every evaluation-corpus document, and relevant-passage counts."""
    judge = Judge()
    paths = {str(p) for p in evaluation}
    documents = [d for d in bench.store.documents() if d.source_path in paths]
    judge.names = {d.id: Path(d.source_path).name for d in documents}
    names = set(judge.names.values())
    for query in queries:
        if query.doc and query.doc not in names:
            print(f"warning: {query.id}: expected document {query.doc} not ingested")
        judge.spans[query.id] = {}
    for document in documents:
        text = bench.text_of(document.id)
        passages = None
        for query in queries:
            spans = find_spans(text, query.gold)
            if not spans:
                continue
            judge.spans[query.id][document.id] = spans
            if passages is None:
                passages = bench.store.passages_of(document.id)
            relevant = sum(1 for p in passages if any(p.start < e and s < p.end for s, e in spans))
            judge.relevant_counts[query.id] = judge.relevant_counts.get(query.id, 0) + relevant
    for query in queries:
        if not judge.spans[query.id]:
            print(f"warning: {query.id}: no gold string found in the evaluation corpus")
    return judge


def print_table(title: str, rows: dict[str, Scores]) -> None:
    print(f"\n{title}")
    print(
        f"  {'system':<18}{'hit@1':>8}{'hit@5':>8}{'MRR@10':>8}{'nDCG@10':>9}{'n':>5}{'doc@1':>8}"
    )
    for name, s in rows.items():
        print(
            f"  {name:<18}{s.hit1:>8.3f}{s.hit5:>8.3f}{s.mrr10:>8.3f}{s.ndcg10:>9.3f}{s.count:>5}"
            f"{s.doc1:>8.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=SHARED, help="shared data folder")
    parser.add_argument("--store", type=Path, help="knowledge base directory (kept; reused)")
    parser.add_argument("--distractors", action="store_true", help="add corpus/bulk files")
    parser.add_argument(
        "--bulk-limit", type=int, default=-1, help="with --distractors: first N bulk files"
    )
    parser.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    parser.add_argument("--queries", type=Path, default=OWN_QUERIES, help="own query set")
    parser.add_argument("--no-validation", action="store_true", help="dev and own only")
    parser.add_argument("--no-baselines", action="store_true", help="skip the naive windows")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--verbose", action="store_true", help="per-query misses (project)")
    parser.add_argument(
        "--ablate", action="store_true", help="also the project with each second-stage boost off"
    )
    parser.add_argument(
        "--merge-cap",
        type=int,
        action="append",
        default=[],
        metavar="CHARS",
        help="also the project with hits merged only up to CHARS characters (0: no merging); "
        "repeatable",
    )
    args = parser.parse_args(argv)

    shared: Path = args.shared
    if not (shared / "seeds").is_dir() or not (shared / "corpus" / "dev").is_dir():
        print(f"skipped: {shared} (seeds, corpus/dev, eval) is not available")
        return 0
    eval_path = shared / "eval" / EVAL_QUERIES.name
    query_sets = {"dev": load_queries(eval_path, "dev"), "own": load_queries(args.queries, "own")}
    validation_path = shared / "eval" / "validation_queries.jsonl"
    with_validation = not args.no_validation and validation_path.exists()
    if with_validation:
        query_sets["validation"] = load_queries(validation_path, "validation")
    all_queries = [q for queries in query_sets.values() for q in queries]

    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    evaluation, distractors = corpus_files(
        shared, args.bulk_limit if args.distractors else None, with_validation
    )
    temporary = None
    if args.store is None:
        temporary = tempfile.TemporaryDirectory(prefix="scrutiny-quality-")
        store_dir = Path(temporary.name)
    else:
        store_dir = args.store
    folders = "seeds+dev+validation" if with_validation else "seeds+dev"
    label = f"{folders}+{len(distractors)} bulk files" if distractors else folders
    print(f"corpus: {label}; store: {store_dir}; embedder: {args.embedder}")
    naive = None
    if not args.no_baselines:
        from naive import NaiveBaselines

        started = time.perf_counter()
        naive = NaiveBaselines(shared, evaluation + distractors, store_dir.parent / "naive-cache")
        print(f"naive baselines: {len(naive.chunks)} windows "
              f"({time.perf_counter() - started:.0f}s)")  # fmt: skip
    try:
        with KnowledgeBase(Settings(store=store_dir, embedder=args.embedder)) as kb:
            stats = build(kb, evaluation + distractors)
            print(
                f"store: {stats['documents']} documents, {stats['passages']} passages "
                f"(ingest {stats['ingest_seconds']}s: {stats['added']} added, "
                f"{stats['updated']} updated, {stats['unchanged']} unchanged, "
                f"{stats['failed']} failed)"
            )
            bench = Bench(kb, args.ablate, args.merge_cap)
            judge = make_judge(bench, all_queries, evaluation)
            systems = bench.systems()
            names = [*(NAIVE_SYSTEMS if naive else ()), *systems]
            flags: dict[str, dict[str, list[bool]]] = {name: {} for name in names}
            doc_top: dict[str, dict[str, bool]] = {name: {} for name in names}
            ranked: dict[str, dict[str, list[Result]]] = {name: {} for name in systems}
            started = time.perf_counter()
            for query in all_queries:
                if naive is not None:
                    raw = {"gold": list(query.gold), "gold_docs": list(query.docs)}
                    for name, ranking in naive.rankings(query).items():
                        flags[name][query.id] = naive.hit_flags(query, raw, ranking)
                        top = naive.chunks[ranking[0]][0] if ranking else None
                        doc_top[name][query.id] = top is not None and (
                            top in query.docs
                            if query.docs
                            else any(bench.name_of(d) == top for d in judge.spans[query.id])
                        )
                for name, system in systems.items():
                    results = system(query)
                    ranked[name][query.id] = results
                    flags[name][query.id] = [judge.is_hit(query, r) for r in results]
                    doc_top[name][query.id] = bool(results) and (
                        results[0].document_id in judge.spans[query.id]
                    )
            eval_seconds = time.perf_counter() - started

            def table(queries: list[Query]) -> dict[str, Scores]:
                return {
                    name: score(
                        [
                            (
                                flags[name][q.id],
                                judge.relevant_counts.get(q.id, 1),
                                doc_top[name][q.id],
                            )
                            for q in queries
                        ]
                    )
                    for name in names
                }

            titles = {
                "dev": f"dev ({eval_path.name})",
                "own": f"own ({args.queries.name})",
                "validation": f"validation ({validation_path.name}; check only, never tuned)",
            }
            figures: dict[str, dict[str, Scores]] = {
                titles[key]: table(queries) for key, queries in query_sets.items()
            }
            figures["combined"] = table(all_queries)
            print(f"\nevaluated {len(all_queries)} queries x {len(names)} systems "
                  f"in {eval_seconds:.1f}s")  # fmt: skip
            for title, rows in figures.items():
                print_table(f"{title} — {label}", rows)

            by_kind: dict[str, dict[str, dict[str, Scores]]] = {}
            for key, queries in query_sets.items():
                kinds = sorted({q.kind for q in queries if q.kind})
                by_kind[key] = {
                    kind: table([q for q in queries if q.kind == kind]) for kind in kinds
                }
                if not kinds:
                    continue
                print(f"\n{key} queries by kind — hit@1 / MRR@10 — {label}")
                header = "".join(f"{name[:15]:>16}" for name in names)
                print(f"  {'kind':<12}{'n':>4}{header}")
                for kind, rows in by_kind[key].items():
                    cells = "".join(f"{f'{s.hit1:.2f} / {s.mrr10:.2f}':>16}" for s in rows.values())
                    print(f"  {kind:<12}{next(iter(rows.values())).count:>4}{cells}")

            avoided = avoid_check(all_queries, ranked["project"])
            print(f"\nlook-alike passages: {avoided[0]} queries name one to avoid; the "
                  f"project ranks it first in {len(avoided[1])}")  # fmt: skip
            for violation in avoided[1]:
                print(f"  {violation}")
            lookalikes = lookalike_check(kb, [q.text for q in all_queries])
            print(
                f"look-alike cases: {lookalikes['queries']} queries naming a case "
                f"(the query sets' own plus probes per case in the store); rank 1 names "
                f"only another case in {len(lookalikes['violations'])}"
            )
            for violation in lookalikes["violations"]:
                print(f"  {violation}")

            if args.verbose:
                print_misses(bench, judge, all_queries, flags, ranked)

            if args.json:
                write_json(args, label, stats, figures, by_kind, flags, all_queries)
    finally:
        if temporary is not None:
            temporary.cleanup()
    return 0


NAIVE_SYSTEMS = ("windows-bm25", "windows-dense", "windows-rrf")


def avoid_check(queries: list[Query], ranked: dict[str, list[Result]]) -> tuple[int, list[str]]:
    """Queries whose rank-1 result holds the look-alike string they name under ``avoid``."""
    asked = [q for q in queries if q.avoid]
    violations = []
    for query in asked:
        results = ranked.get(query.id) or []
        if results and any(a in normalise(results[0].text) for a in query.avoid):
            violations.append(f"{query.id} {query.text!r}")
    return len(asked), violations


_CASE_NAME = re.compile(r"\bchild\s+([a-z])\b(?!['’]\w)", re.IGNORECASE)
_CASE_PROBES = (
    "{case}",
    "what was promised on {case} learning",
    "{case} review recommendations",
    "who is responsible for the {case} actions",
    "lessons from {case}",
)


def lookalike_check(kb: Any, query_texts: list[str]) -> dict[str, Any]:
    """Queries naming a case ("Child Q") whose rank-1 passage names another case and not
    the one asked for. Probes are made for every case the graph knows, so a store of
    unseen documents is checked on its own cases."""
    cases = sorted({n.label for n in kb.store.nodes() if n.kind.value == "case"})
    probes = [probe.format(case=case) for case in cases for probe in _CASE_PROBES]
    queries = [t for t in dict.fromkeys([*query_texts, *probes]) if _CASE_NAME.search(t)]
    violations = []
    for text in queries:
        asked = {letter.lower() for letter in _CASE_NAME.findall(text)}
        results = kb.search(text, 1).results
        if not results:
            continue
        named = {letter.lower() for letter in _CASE_NAME.findall(results[0].text)}
        if named and not named & asked:
            violations.append(f"{text!r}: rank 1 names Child {', Child '.join(sorted(named))}")
    return {"cases": cases, "queries": len(queries), "violations": violations}


def print_misses(
    bench: Bench,
    judge: Judge,
    queries: list[Query],
    flags: dict[str, dict[str, list[bool]]],
    ranked: dict[str, dict[str, list[Result]]],
) -> None:
    print("\nproject ranking: queries without a hit at rank 1")
    for query in queries:
        rank = first_hit_rank(flags["project"][query.id])
        if rank == 1:
            continue
        others = ", ".join(
            f"{name}={first_hit_rank(flags[name][query.id]) or '-'}"
            for name in flags
            if name != "project"
        )
        status = "MISS@10" if rank is None else f"rank {rank}"
        print(f"\n  {query.id} [{query.kind or query.source}] {status}: {query.text!r}")
        expected = query.doc or ", ".join(bench.name_of(d) for d in judge.spans[query.id])
        print(f"    expected: {expected or '?'} — {query.gold[0]!r}")
        print(f"    other systems' first hit: {others}")
        for position, result in enumerate(ranked["project"][query.id][:3], start=1):
            snippet = " ".join(result.text.split())[:110]
            print(f"    {position}. {bench.name_of(result.document_id)[:48]}: {snippet}")


def write_json(
    args: argparse.Namespace,
    label: str,
    stats: dict[str, Any],
    figures: dict[str, dict[str, Scores]],
    by_kind: dict[str, dict[str, dict[str, Scores]]],
    flags: dict[str, dict[str, list[bool]]],
    queries: list[Query],
) -> None:
    payload = {
        "benchmark": "search_quality",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": label,
        "embedder": args.embedder,
        "store": stats,
        "figures": {
            title: {name: s.as_dict() for name, s in rows.items()}
            for title, rows in figures.items()
        },
        "by_kind": {
            key: {
                kind: {name: s.as_dict() for name, s in rows.items()}
                for kind, rows in kinds.items()
            }
            for key, kinds in by_kind.items()
        },
        "first_hit_rank": {
            q.id: {name: first_hit_rank(flags[name][q.id]) for name in flags} for q in queries
        },
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")


if __name__ == "__main__":
    sys.exit(main())
