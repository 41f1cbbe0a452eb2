"""Fit the undertaking classifier on labelled development sentences, leave-one-document-out.

Run from the repository root: ``.venv/bin/python benchmarks/train_undertakings.py [--write]``.

Labels: every candidate unit of the documents in ``gold/commitments.json`` is positive
when it overlaps a (non-optional) gold commitment, skipped when it overlaps only an
optional one; ``gold/undertakings.jsonl`` labels further sentences by text (c commitment,
d decision, a action already done, n none) and overrides. Other units of the seed and dev
documents are negative. Only the development documents are used.

Prints out-of-fold precision, recall and F1 per threshold (each document scored by a
model fitted on the others) beside the hand-written rules alone; ``--write`` fits on
everything and writes ``ingest/extract/undertaking_weights.py`` with the out-of-fold
best threshold.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scrutiny.ingest.extract import commitments as rules
from scrutiny.ingest.extract.undertakings import features

SHARED = Path("/work/shared")
GOLD = Path(__file__).parent / "gold"
WEIGHTS_FILE = Path(__file__).parent.parent / "ingest" / "extract" / "undertaking_weights.py"
L2 = 1.0
USE_RULE = "--no-rule" not in sys.argv


@dataclass(frozen=True)
class Sample:
    document: str
    text: str
    values: dict[str, float]
    positive: bool
    rule: bool  # the hand-written patterns find an undertaking here


def _norm(text: str) -> str:
    return " ".join(text.split())


def samples() -> list[Sample]:
    gold = {
        d["path"]: d["commitments"]
        for d in json.loads((GOLD / "commitments.json").read_text())["documents"]
    }
    manual: dict[tuple[str, str], str] = {}
    for line in (GOLD / "undertakings.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            manual[(row["doc"], _norm(row["text"]))] = row["label"]
    paths = sorted(SHARED.glob("seeds/*.txt")) + sorted(SHARED.glob("corpus/dev/*.txt"))
    found: list[Sample] = []
    for path in paths:
        document = str(path.relative_to(SHARED))
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        spans = []
        for item in gold.get(document, []):
            start = text.find(item["text"])
            spans.append((start, start + len(item["text"]), bool(item.get("optional"))))
        for unit in rules._units(text, []):
            sentence = text[unit.start : unit.end]
            overlapping = [opt for s, e, opt in spans if s < unit.end and unit.start < e]
            label = manual.get((document, _norm(sentence)))
            if label is None:
                if any(not opt for opt in overlapping):
                    label = "c"
                elif overlapping:
                    continue
                else:
                    label = "n"
            cue = rules._find_cue(text, unit)
            values = features(sentence, rule=cue.confidence if cue and USE_RULE else 0.0)
            found.append(Sample(document, _norm(sentence), values, label == "c", cue is not None))
    return found


def _matrix(rows: list[Sample], names: list[str]) -> np.ndarray:
    index = {name: i for i, name in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, sample in enumerate(rows):
        for name, value in sample.values.items():
            if name in index:
                x[r, index[name]] = value
    return x


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
    """L2-regularised logistic regression by Newton's method (bias unpenalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    penalty = np.full(design.shape[1], L2)
    penalty[0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-design @ w))
        gradient = design.T @ (p - y) + penalty * w
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + np.diag(penalty + 1e-6)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return float(w[0]), w[1:]


def _scores(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    rows = samples()
    dropped = {name for arg in sys.argv if arg.startswith("--drop=") for name in arg[7:].split(",")}
    names = sorted({name for s in rows for name in s.values} - dropped)
    x = _matrix(rows, names)
    y = np.array([s.positive for s in rows], dtype=float)
    documents = sorted({s.document for s in rows})
    print(
        f"{len(rows)} units, {int(y.sum())} positive, {len(documents)} documents, "
        f"{len(names)} features"
    )
    out_of_fold = np.zeros(len(rows))
    for document in documents:
        test = np.array([s.document == document for s in rows])
        bias, w = fit(x[~test], y[~test])
        out_of_fold[test] = 1.0 / (1.0 + np.exp(-(bias + x[test] @ w)))
    best = (0.0, 0.5)
    rule = np.array([s.rule for s in rows])
    union = "--union" in sys.argv
    for threshold in np.arange(0.2, 0.96, 0.05):
        predicted = (out_of_fold >= threshold) | (rule if union else False)
        tp = int((predicted & (y == 1)).sum())
        fp = int((predicted & (y == 0)).sum())
        fn = int((~predicted & (y == 1)).sum())
        p, r, f = _scores(tp, fp, fn)
        print(f"  out-of-fold threshold {threshold:.2f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")
        if f > best[0]:
            best = (f, round(float(threshold), 2))
    if True:
        p, r, f = _scores(
            int((rule & (y == 1)).sum()),
            int((rule & (y == 0)).sum()),
            int((~rule & (y == 1)).sum()),
        )
        print(f"  rules alone (fitted on these documents): P {p:.3f} R {r:.3f} F1 {f:.3f}")
    # Per-document-kind view: out-of-fold F1 without the seed transcript.
    threshold = best[1]
    print(f"best out-of-fold F1 {best[0]:.3f} at threshold {threshold}")
    if "--show" in sys.argv:
        for s, p, truth in zip(rows, out_of_fold, y, strict=True):
            if ((p >= threshold) or (union and s.rule)) != bool(truth):
                print(f"  {'FN' if truth else 'FP'} {p:.2f} {s.document[-30:]}: {s.text[:140]}")
    bias, w = fit(x, y)
    for name, weight in sorted(zip(names, w, strict=True), key=lambda item: -abs(item[1])):
        print(f"  {name:18} {weight:+.2f}")
    if "--write" in sys.argv:
        body = ",\n".join(
            f"    {name!r}: {weight:.4f}" for name, weight in zip(names, w, strict=True)
        )
        WEIGHTS_FILE.write_text(
            '"""Weights of the undertaking classifier, written by '
            'benchmarks/train_undertakings.py."""\n\n'
            f"BIAS = {bias:.4f}\nTHRESHOLD = {threshold}\n"
            f"WEIGHTS: dict[str, float] = {{\n{body},\n}}\n",
            encoding="utf-8",
        )
        print(f"wrote {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
