"""Recurring findings: which cosine similarity makes two findings of different reviews
"the same finding" on a theme page (``Settings.recurring_similarity``).

Gold: ``benchmarks/gold/recurring_findings.json``, finding statements quoted from
/work/shared/seeds and /work/shared/corpus/dev, each labelled with the underlying
finding it states. Every pair of statements from different documents is judged: the
same finding when the labels agree; pairs on the same topic with different labels are
the hard negatives. For each threshold the script prints pairwise precision and
recall; the threshold is chosen to maximise F0.5 (a wrong grouping costs more than a
missed one), and checked by cross-validation over folds of documents (a threshold
chosen on pairs of the other folds' documents, scored on pairs touching the held-out
fold). Complete-linkage groups (``scrutiny.themes.recurring_groups``) at the chosen
threshold are scored too.

``--timeline`` instead builds a knowledge base in a temporary folder from the seeds
(data/samples: the same files with their publishers stated in sources.csv) and
/work/shared/corpus/dev, and prints the timeline of some themes.

    .venv/bin/python benchmarks/recurring_findings.py
    .venv/bin/python benchmarks/recurring_findings.py --timeline care-leavers exclusions
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from scrutiny.search.embedder import SentenceTransformerEmbedder, Vectors
from scrutiny.themes import FindingRef, recurring_groups

REPO = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).resolve().parent / "gold" / "recurring_findings.json"
SHARED = Path("/work/shared")
THRESHOLDS = tuple(round(0.40 + 0.025 * i, 3) for i in range(23))  # 0.40 .. 0.95
FOLDS = 4
BETA = 0.5


@dataclass(frozen=True)
class Item:
    id: str
    source: str
    topic: str
    finding: str
    text: str


@dataclass(frozen=True)
class Pair:
    a: int
    b: int
    same: bool
    hard: bool  # same topic, different finding
    similarity: float


def load_items(path: Path = GOLD) -> list[Item]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [Item(**item) for item in data["items"]]


def judged_pairs(items: Sequence[Item], vectors: Vectors) -> list[Pair]:
    similarity = vectors @ vectors.T
    return [
        Pair(i, j, a.finding == b.finding, a.topic == b.topic and a.finding != b.finding,
             float(similarity[i, j]))
        for (i, a), (j, b) in combinations(enumerate(items), 2)
        if a.source != b.source
    ]  # fmt: skip


def scores(pairs: Sequence[Pair], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F0.5 of "same finding when cosine >= threshold"."""
    predicted = [p for p in pairs if p.similarity >= threshold]
    correct = sum(p.same for p in predicted)
    positives = sum(p.same for p in pairs)
    precision = correct / len(predicted) if predicted else 1.0
    recall = correct / positives if positives else 1.0
    denominator = BETA**2 * precision + recall
    f = (1 + BETA**2) * precision * recall / denominator if denominator else 0.0
    return precision, recall, f


def best_threshold(pairs: Sequence[Pair]) -> float:
    """The threshold of highest F0.5 (the higher one on ties: fewer false groupings)."""
    return max(THRESHOLDS, key=lambda t: (round(scores(pairs, t)[2], 6), t))


def cross_validate(items: Sequence[Item], pairs: Sequence[Pair]) -> list[tuple[float, int, int]]:
    """Per fold of documents: (chosen threshold, true and false positives held out)."""
    documents = sorted({item.source for item in items})
    results = []
    for fold in range(FOLDS):
        held = {d for k, d in enumerate(documents) if k % FOLDS == fold}
        touches = [items[p.a].source in held or items[p.b].source in held for p in pairs]
        train = [p for p, t in zip(pairs, touches, strict=True) if not t]
        test = [p for p, t in zip(pairs, touches, strict=True) if t]
        threshold = best_threshold(train)
        predicted = [p for p in test if p.similarity >= threshold]
        results.append(
            (threshold, sum(p.same for p in predicted), sum(not p.same for p in predicted))
        )
    return results


def group_scores(items: Sequence[Item], vectors: Vectors, threshold: float) -> tuple[int, int, int]:
    """Complete-linkage groups at ``threshold``: (groups, pairs in them that are the same
    finding, pairs in them that are not), over pairs from different documents."""
    refs = [
        FindingRef(item.id, item.text, item.source, item.source, "", None, None) for item in items
    ]
    by_id = {item.id: item for item in items}
    groups = recurring_groups(refs, vectors, threshold)
    right = wrong = 0
    for group in groups:
        for a, b in combinations(group.findings, 2):
            if a.document_id != b.document_id:
                same = by_id[a.id].finding == by_id[b.id].finding
                right, wrong = right + same, wrong + (not same)
    return len(groups), right, wrong


def benchmark() -> None:
    items = load_items()
    embedder = SentenceTransformerEmbedder()
    vectors = embedder.embed([item.text for item in items])
    pairs = judged_pairs(items, vectors)
    positives = sum(p.same for p in pairs)
    hard = sum(p.hard for p in pairs)
    print(f"{len(items)} statements from {len({i.source for i in items})} documents; "
          f"{len(pairs)} cross-document pairs: {positives} same finding, {hard} hard "
          f"negatives (same topic), {len(pairs) - positives - hard} other negatives")  # fmt: skip
    print(f"model {embedder.model_name}")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'F0.5':>6} {'predicted':>9} "
          f"{'hard neg. above':>15}")  # fmt: skip
    for threshold in THRESHOLDS:
        precision, recall, f = scores(pairs, threshold)
        predicted = sum(p.similarity >= threshold for p in pairs)
        hard_above = sum(p.hard and p.similarity >= threshold for p in pairs)
        print(f"{threshold:9.3f} {precision:9.3f} {recall:7.3f} {f:6.3f} {predicted:9d} "
              f"{hard_above:15d}")  # fmt: skip
    chosen = best_threshold(pairs)
    precision, recall, f = scores(pairs, chosen)
    print(
        f"chosen threshold (highest F0.5 on all pairs): {chosen} -> precision "
        f"{precision:.3f}, recall {recall:.3f}"
    )
    folds = cross_validate(items, pairs)
    right = sum(r for _, r, _ in folds)
    wrong = sum(w for _, _, w in folds)
    held_precision = right / (right + wrong) if right + wrong else 1.0
    print(f"{FOLDS}-fold by document: thresholds {[t for t, _, _ in folds]}, held-out "
          f"precision {held_precision:.3f} ({right} right, {wrong} wrong), recall "
          f"{right / positives:.3f}")  # fmt: skip
    groups, right, wrong = group_scores(items, vectors, chosen)
    grouped = right + wrong
    print(f"complete-linkage groups at {chosen}: {groups} groups, pair precision "
          f"{right / grouped if grouped else 1.0:.3f} ({right}/{grouped}), pair recall "
          f"{right / positives:.3f}")  # fmt: skip
    missed = sorted(
        (p for p in pairs if p.same and p.similarity < chosen), key=lambda p: p.similarity
    )
    for p in missed:
        print(f"  missed {p.similarity:.3f}: {items[p.a].id} ~ {items[p.b].id}")
    for p in sorted(pairs, key=lambda p: -p.similarity):
        if not p.same and p.similarity >= chosen - 0.1:
            print(f"  nearest negative {p.similarity:.3f}: {items[p.a].id} ~ {items[p.b].id}")


def timeline(keys: Sequence[str], extra: Sequence[Path]) -> None:
    from scrutiny.service import KnowledgeBase
    from scrutiny.settings import Settings

    folders = [REPO / "data" / "samples", SHARED / "corpus" / "dev", *extra]
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(store=Path(folder) / "store", cache=Path(folder) / "cache")
        with KnowledgeBase(settings) as kb:
            report = kb.ingest(folders)
            print(f"{len(report.added)} documents from {', '.join(map(str, folders))}")
            for key in keys:
                overview = kb.theme_overview(key)
                print(f"\n{overview.label}: {overview.counts.documents} documents, "
                      f"{overview.counts.recommendations} recommendations, "
                      f"{overview.counts.findings} findings, "
                      f"{overview.counts.commitments} commitments; "
                      f"{len(overview.councils)} councils, years "
                      f"{[y or 'undated' for y in overview.years]}")  # fmt: skip
                for cell in overview.timeline:
                    counts = cell.counts
                    print(f"  {cell.year or 'undated':>8}  {cell.publisher:<45} "
                          f"docs {counts.documents} recs {counts.recommendations} "
                          f"findings {counts.findings} "
                          f"commitments {counts.commitments}")  # fmt: skip
                for group in overview.recurring:
                    print(f"  recurring: {group.label}: {group.findings[0].text[:80]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeline", nargs="*", metavar="THEME",
                        help="print these themes' timelines over seeds + dev instead")  # fmt: skip
    parser.add_argument("--also", nargs="*", type=Path, default=[],
                        help="more folders to ingest with --timeline")  # fmt: skip
    arguments = parser.parse_args()
    if arguments.timeline is not None:
        timeline(arguments.timeline or ["care-leavers", "exclusions"], arguments.also)
    else:
        benchmark()


if __name__ == "__main__":
    np.set_printoptions(precision=3)
    main()
