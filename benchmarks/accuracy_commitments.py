"""Precision, recall and field accuracy of the commitment extractor against hand gold.

Run from the repository root: ``.venv/bin/python benchmarks/accuracy_commitments.py``.
A prediction matches a gold commitment when its span overlaps the gold substring.
Optional gold items are neither required nor counted as false positives. Entities of
category "decision" (what a meeting resolved or noted) are counted apart, not as false
commitments. These documents are the ones the patterns were written on: for figures on
sentences a model has not seen, see ``train_undertakings.py`` (leave-one-document-out).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

from scrutiny.ingest.extract.commitments import extract_commitments
from scrutiny.ingest.extract.records import Commitment

SHARED = Path("/work/shared")
GOLD = Path(__file__).parent / "gold" / "commitments.json"


@dataclass(frozen=True)
class GoldCommitment:
    start: int
    end: int
    optional: bool
    made_by: tuple[str, ...] | None
    due: str | None
    due_stated: bool
    answers: str | None


@dataclass
class Tally:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    decisions: int = 0
    made_by_checked: int = 0
    made_by_correct: int = 0
    due_checked: int = 0
    due_correct: int = 0
    answers_checked: int = 0
    answers_correct: int = 0


def _canonical(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def _gold_items(text: str, items: list[dict[str, object]]) -> list[GoldCommitment]:
    gold = []
    for item in items:
        needle = str(item["text"])
        start = text.find(needle)
        if start < 0:
            raise SystemExit(f"gold text not found: {needle!r}")
        made_by = item.get("made_by")
        gold.append(
            GoldCommitment(
                start=start,
                end=start + len(needle),
                optional=bool(item.get("optional", False)),
                made_by=tuple(str(x) for x in made_by) if isinstance(made_by, list) else None,
                due=str(item["due"]) if item.get("due") else None,
                due_stated="due" in item,
                answers=str(item["answers"]) if item.get("answers") else None,
            )
        )
    return gold


def _overlaps(commitment: Commitment, gold: GoldCommitment) -> bool:
    return bool(commitment.span.start < gold.end and gold.start < commitment.span.end)


def _same_labels(predicted: tuple[str, ...], expected: tuple[str, ...]) -> bool:
    def norm(value: str) -> str:
        return " ".join(value.lower().replace("’", "'").split())

    found = [norm(p) for p in predicted]
    wanted = [norm(e) for e in expected]
    return bool(found) and all(any(w in f or f in w for f in found) for w in wanted)


def _same_due(predicted: str | None, expected: str | None) -> bool:
    if predicted is None or expected is None:
        return predicted == expected
    return bool(expected.lower() in predicted.lower() or predicted.lower() in expected.lower())


def evaluate() -> Tally:
    tally = Tally()
    documents = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]
    for document in documents:
        text = _canonical(SHARED / document["path"])
        gold = _gold_items(text, document["commitments"])
        predicted = extract_commitments(text).entities
        commitments = [
            c for c in predicted if isinstance(c, Commitment) and c.category == "commitment"
        ]
        tally.decisions += sum(
            isinstance(c, Commitment) and c.category == "decision" for c in predicted
        )
        for commitment in commitments:
            hits = [g for g in gold if _overlaps(commitment, g)]
            if not hits:
                tally.false_positives += 1
                print(f"  FP {document['path']}: {commitment.text[:110]}")
        for item in gold:
            if item.optional:
                continue
            matches = [c for c in commitments if _overlaps(c, item)]
            if not matches:
                tally.false_negatives += 1
                print(f"  FN {document['path']}: {text[item.start : item.end][:110]}")
                continue
            tally.true_positives += 1
            best = matches[0]
            if item.made_by is not None:
                tally.made_by_checked += 1
                tally.made_by_correct += _same_labels(best.made_by + best.actor, item.made_by)
            tally.due_checked += 1
            tally.due_correct += _same_due(best.due, item.due)
            if item.answers is not None:
                tally.answers_checked += 1
                tally.answers_correct += best.answers_key == item.answers
    return tally


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is not available")
        return 0
    tally = evaluate()
    precision = _ratio(tally.true_positives, tally.true_positives + tally.false_positives)
    recall = _ratio(tally.true_positives, tally.true_positives + tally.false_negatives)
    f1 = _ratio(int(2 * precision * recall * 1_000_000), int((precision + recall) * 1_000_000))
    print(
        f"true positives {tally.true_positives}, false positives {tally.false_positives}, "
        f"false negatives {tally.false_negatives}"
    )
    print(f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"decisions recorded apart: {tally.decisions}")
    print(
        f"made_by accuracy {_ratio(tally.made_by_correct, tally.made_by_checked):.3f} "
        f"({tally.made_by_correct}/{tally.made_by_checked})"
    )
    print(
        f"due accuracy {_ratio(tally.due_correct, tally.due_checked):.3f} "
        f"({tally.due_correct}/{tally.due_checked})"
    )
    print(
        f"answers_key accuracy {_ratio(tally.answers_correct, tally.answers_checked):.3f} "
        f"({tally.answers_correct}/{tally.answers_checked})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
