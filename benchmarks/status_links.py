"""Precision and recall of status links (``scrutiny.graph.history``) on hand-labelled pairs.

Run from the repository root: ``.venv/bin/python benchmarks/status_links.py``.

Builds a knowledge base from the seeds and the dev corpus (hashing embedder: the linker
reads words, not vectors), computes every candidate link at threshold 0, and scores the
labelled pairs of ``gold/status_links.json`` (dev-labelled) at each threshold: a pair is
predicted when the later document gives a link to the earlier entity at or above it.
Also reported: how many predicted links the gold does not label, the stated status of
true links against the gold status, whether the cited evidence lies where the gold says,
and a threshold chosen on folds split by document chain (each chain scored with the
threshold that does best on the others).

``--validation`` also builds the validation corpus and prints the links found there
(it has no labelled pairs: report them apart, never tune on them).
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from scrutiny.graph.history import DEFAULT_THRESHOLD, StatusLink
from scrutiny.graph.status_links import links_from
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

SHARED = Path("/work/shared")
GOLD = Path(__file__).parent / "gold" / "status_links.json"
THRESHOLDS = tuple(round(0.3 + 0.05 * i, 2) for i in range(14))


@dataclass(frozen=True)
class Pair:
    chain: str
    entity_id: str
    later_id: str
    link: bool
    status: str | None
    evidence: str | None
    kind: str


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, gold: bool) -> None:
        if predicted and gold:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def build(paths: list[Path], store: Path) -> KnowledgeBase:
    knowledge_base = KnowledgeBase(Settings(store=store, embedder="hashing"), HashingEmbedder())
    report = knowledge_base.ingest(paths)
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed}")
    return knowledge_base


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def resolve(db: sqlite3.Connection, gold: dict[str, object]) -> list[Pair]:
    documents = {
        Path(p).resolve(): str(i) for i, p in db.execute("SELECT id, source_path FROM documents")
    }
    nodes = list(db.execute("SELECT id, kind, document_id, text, label, attributes FROM nodes"))
    pairs = []
    for item in gold["pairs"]:  # type: ignore[attr-defined]
        earlier = item["earlier"]
        document = documents[(SHARED / earlier["file"]).resolve()]
        later = documents[(SHARED / item["later"]).resolve()]
        found = [
            node_id
            for node_id, kind, document_id, text, label, attributes in nodes
            if document_id == document and kind == earlier["kind"]
            and (
                json.loads(attributes).get("number") == earlier["number"]
                if "number" in earlier
                else _flat(earlier["text"]) in _flat(text or label)
            )
        ]  # fmt: skip
        if len(found) != 1:
            raise SystemExit(f"gold entity {earlier} matches {len(found)} entities")
        pairs.append(
            Pair(item["chain"], found[0], later, bool(item["link"]), item.get("status"),
                 item.get("evidence"), earlier["kind"])
        )  # fmt: skip
    return pairs


def candidate_links(db: sqlite3.Connection) -> dict[tuple[str, str], StatusLink]:
    found = {}
    for (document_id,) in db.execute("SELECT id FROM documents WHERE meeting_date IS NOT NULL"):
        for link in links_from(db, str(document_id), threshold=0.0):
            found[(link.entity_id, link.document_id)] = link
    return found


def score(pairs: list[Pair], links: dict[tuple[str, str], StatusLink], threshold: float) -> Counts:
    counts = Counts()
    for pair in pairs:
        link = links.get((pair.entity_id, pair.later_id))
        counts.add(link is not None and link.confidence >= threshold, pair.link)
    return counts


def evidence_found(db: sqlite3.Connection, pair: Pair, link: StatusLink) -> bool | None:
    """Whether the link cites the place the gold names: the evidence string itself, or
    for a recommendation, anywhere in the section its heading opens."""
    if pair.evidence is None:
        return None
    text = str(db.execute("SELECT canonical_text FROM documents WHERE id = ?",
                          (pair.later_id,)).fetchone()[0])  # fmt: skip
    pattern = r"\s+".join(map(re.escape, pair.evidence.split()))
    matches = list(re.finditer(pattern, text))
    if not matches:
        print(f"  gold evidence not in the later document: {pair.evidence!r}")
        return None
    following = re.compile(r"\n\s*(?:\d+\s+)?Recommendation\s+\d+:")
    for match in matches:  # a heading may also be listed in the contents
        if pair.kind == "recommendation":
            after = following.search(text, match.end())
            if match.start() <= link.start < (after.start() if after else len(text)):
                return True
        elif link.start < match.end() and match.start() < link.end:
            return True
    return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, help="build into this folder (default: temporary)")
    parser.add_argument("--validation", action="store_true", help="also list validation links")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as scratch:
        store = args.store or Path(scratch) / "dev"
        with build([SHARED / "seeds", SHARED / "corpus" / "dev"], store) as kb:
            db = kb.store._db
            pairs = resolve(db, gold)
            links = candidate_links(db)
            report(db, pairs, links)
        if args.validation:
            with build([SHARED / "corpus" / "validation"], Path(scratch) / "validation") as kb:
                print("\nvalidation (no labelled pairs; for reading, never for tuning):")
                db = kb.store._db
                stored = list(db.execute(
                    "SELECT l.entity_id, d.title, l.confidence, l.status, l.progress, "
                    "substr(d.canonical_text, l.start + 1, l.\"end\" - l.start) FROM "
                    "status_links l JOIN documents d ON d.id = l.document_id"))  # fmt: skip
                print(f"  {len(stored)} links at threshold {DEFAULT_THRESHOLD}")
                for row in stored:
                    print(
                        "  ", row[0], "->", row[1][:60], row[2], row[3], row[4], repr(row[5][:100])
                    )


def report(
    db: sqlite3.Connection, pairs: list[Pair], links: dict[tuple[str, str], StatusLink]
) -> None:
    labelled = {(p.entity_id, p.later_id) for p in pairs}
    positives = sum(p.link for p in pairs)
    chains = sorted({p.chain for p in pairs})
    print(f"{len(pairs)} labelled pairs ({positives} links) in {len(chains)} chains; "
          f"{len(links)} candidate links at threshold 0")  # fmt: skip
    print("\nthreshold  precision  recall   F1     TP  FP  FN  unlabelled predicted")
    for threshold in THRESHOLDS:
        counts = score(pairs, links, threshold)
        unlabelled = sum(
            1 for key, link in links.items() if link.confidence >= threshold and key not in labelled
        )
        mark = " <- default" if threshold == DEFAULT_THRESHOLD else ""
        print(
            f"  {threshold:.2f}     {counts.precision:.3f}    {counts.recall:.3f}   "
            f"{counts.f1:.3f}  {counts.tp:3d} {counts.fp:3d} {counts.fn:3d}  {unlabelled}{mark}"
        )
    for kind in ("recommendation", "commitment"):
        counts = score([p for p in pairs if p.kind == kind], links, DEFAULT_THRESHOLD)
        print(
            f"  {kind}s at {DEFAULT_THRESHOLD}: precision {counts.precision:.3f} "
            f"recall {counts.recall:.3f} (TP {counts.tp}, FP {counts.fp}, FN {counts.fn})"
        )

    # Threshold chosen on folds split by chain.
    held = Counts()
    print("\nleave-one-chain-out threshold:")
    for chain in chains:
        train = [p for p in pairs if p.chain != chain]
        best = max(
            THRESHOLDS, key=lambda t: (score(train, links, t).f1, -abs(t - DEFAULT_THRESHOLD))
        )
        test = score([p for p in pairs if p.chain == chain], links, best)
        held.tp, held.fp, held.fn = held.tp + test.tp, held.fp + test.fp, held.fn + test.fn
        print(f"  {chain}: threshold {best:.2f} -> TP {test.tp} FP {test.fp} FN {test.fn}")
    print(f"  pooled held-out: precision {held.precision:.3f} recall {held.recall:.3f}")

    # What true links state and cite, at the default threshold.
    status_checked = status_right = status_missing = evidence_checked = evidence_right = 0
    for pair in pairs:
        link = links.get((pair.entity_id, pair.later_id))
        if not pair.link or link is None or link.confidence < DEFAULT_THRESHOLD:
            continue
        if pair.status is not None:
            if link.status is None:
                status_missing += 1
            else:
                status_checked += 1
                status_right += link.status.value == pair.status
        found = evidence_found(db, pair, link)
        if found is not None:
            evidence_checked += 1
            evidence_right += found
    print(f"\nstatus of true links: {status_right}/{status_checked} stated statuses right, "
          f"{status_missing} true links state none")  # fmt: skip
    print(f"evidence of true links: {evidence_right}/{evidence_checked} cite the labelled place")


if __name__ == "__main__":
    sys.exit(main())
