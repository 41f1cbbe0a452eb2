"""Entity resolution accuracy against hand-checked gold.

Usage: .venv/bin/python benchmarks/accuracy_entities.py [--gold PATH] [--shared DIR]

Prints precision, recall and F1 per kind: organisations, people and cases are
scored as sets of resolved keys per document; case mentions by exact span.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from scrutiny.ingest.extract.cases import find_cases
from scrutiny.ingest.extract.organisations import OrganisationGazetteer, find_organisations
from scrutiny.ingest.extract.people import find_people

GOLD_PATH = Path(__file__).parent / "gold" / "entities.json"
SHARED = Path("/work/shared")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    def add(self, predicted: set[object], gold: set[object]) -> None:
        self.true_positives += len(predicted & gold)
        self.false_positives += len(predicted - gold)
        self.false_negatives += len(gold - predicted)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", type=Path, default=GOLD_PATH)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--verbose", action="store_true", help="list errors per document")
    args = parser.parse_args()
    if not args.shared.is_dir():
        print(f"skipped: {args.shared} is not available")
        return 0

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    gazetteer = OrganisationGazetteer.from_csv()
    scores = {kind: Score() for kind in ("organisations", "people", "cases", "case mentions")}
    started = time.perf_counter()
    characters = 0
    for document in gold["documents"]:
        path = args.shared / document["document"]
        text = path.read_text(encoding="utf-8").replace("\r\n", "\n")
        characters += len(text)
        cases = find_cases(text)
        predicted: dict[str, set[object]] = {
            "organisations": {e.key for e in find_organisations(text, gazetteer).entities},
            "people": {e.key for e in find_people(text, gazetteer).entities},
            "cases": {e.key for e in cases.entities},
            "case mentions": {(m.entity_key, m.span.start, m.span.end) for m in cases.mentions},
        }
        expected: dict[str, set[object]] = {
            "organisations": set(document["organisations"]),
            "people": set(document["people"]),
            "cases": {case["key"] for case in document["cases"]},
            "case mentions": {
                (case["key"], start, end)
                for case in document["cases"]
                for start, end, _surface in case["mentions"]
            },
        }
        for kind, score in scores.items():
            score.add(predicted[kind], expected[kind])
            if args.verbose and predicted[kind] != expected[kind]:
                print(f"{document['document']} [{kind}]")
                print(f"  spurious: {sorted(map(str, predicted[kind] - expected[kind]))}")
                print(f"  missed:   {sorted(map(str, expected[kind] - predicted[kind]))}")
    elapsed = time.perf_counter() - started

    print(f"{len(gold['documents'])} documents, {characters:,} characters, {elapsed:.1f}s")
    print(f"{'kind':<16}{'precision':>10}{'recall':>10}{'F1':>8}{'TP':>6}{'FP':>6}{'FN':>6}")
    for kind, score in scores.items():
        print(
            f"{kind:<16}{score.precision:>10.3f}{score.recall:>10.3f}{score.f1:>8.3f}"
            f"{score.true_positives:>6}{score.false_positives:>6}{score.false_negatives:>6}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
