"""Precision, recall and F1 of the structured extractors against hand-checked gold.

Usage: .venv/bin/python benchmarks/accuracy_structured.py [--corpus /work/shared]

Items are matched per document: recommendations and findings by number, meetings by
"this document records a meeting". Field agreement (status, owners, leads, date,
committee, attendee count) is reported over matched items.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.meetings import extract_meeting
from scrutiny.ingest.extract.records import Finding, Meeting, Recommendation, Response
from scrutiny.ingest.extract.tables import extract_recommendations

GOLD = Path(__file__).parent / "gold" / "structured.json"
DEFAULT_CORPUS = Path("/work/shared")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, doc: str, expected: set[str], predicted: set[str]) -> None:
        self.true_positives += len(expected & predicted)
        self.false_positives += len(predicted - expected)
        self.false_negatives += len(expected - predicted)
        self.misses.extend(f"{doc}: missed {item}" for item in sorted(expected - predicted))
        self.misses.extend(f"{doc}: spurious {item}" for item in sorted(predicted - expected))

    def line(self, name: str) -> str:
        tp, fp, fn = self.true_positives, self.false_positives, self.false_negatives
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return f"{name:<16} P={precision:.3f} R={recall:.3f} F1={f1:.3f}  (tp={tp} fp={fp} fn={fn})"


@dataclass
class Agreement:
    agreed: int = 0
    total: int = 0
    disagreements: list[str] = field(default_factory=list)

    def check(self, doc: str, item: str, expected: object, predicted: object) -> None:
        self.total += 1
        if expected == predicted:
            self.agreed += 1
        else:
            self.disagreements.append(f"{doc} {item}: expected {expected!r}, got {predicted!r}")

    def line(self, name: str) -> str:
        rate = self.agreed / self.total if self.total else 1.0
        return f"  {name:<22} {self.agreed}/{self.total} = {rate:.3f}"


def _canonical(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def _normalise(name: str | None) -> str | None:
    return " ".join(name.casefold().replace("’", "'").split()) if name else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args()
    corpus: Path = args.corpus
    if not corpus.is_dir():
        print(f"skipped: corpus {corpus} is not available")
        return 0
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]

    recommendations, findings, meetings = Score(), Score(), Score()
    status, owners = Agreement(), Agreement()
    leads, no_recommendation = Agreement(), Agreement()
    dates, committees, attendees = Agreement(), Agreement(), Agreement()
    evaluated = 0
    for relative, expected in gold.items():
        path = corpus / relative
        if not path.exists():
            print(f"skipped missing document {relative}")
            continue
        evaluated += 1
        text = _canonical(path)
        name = Path(relative).name

        extraction = extract_recommendations(text)
        predicted_recs = {e.number: e for e in extraction.entities if isinstance(e, Recommendation)}
        predicted_responses = {
            e.recommendation_key: e for e in extraction.entities if isinstance(e, Response)
        }
        gold_recs = {r["number"]: r for r in expected["recommendations"]}
        recommendations.add(name, set(gold_recs), set(predicted_recs))
        for number in set(gold_recs) & set(predicted_recs):
            response = predicted_responses.get(predicted_recs[number].key)
            status.check(
                name,
                f"rec {number} status",
                gold_recs[number]["status"],
                response.status.value if response else None,
            )
            owners.check(
                name,
                f"rec {number} owners",
                tuple(gold_recs[number]["owners"]),
                response.owners if response else (),
            )

        predicted_findings = {
            e.number: e for e in extract_findings(text).entities if isinstance(e, Finding)
        }
        gold_findings = {f["number"]: f for f in expected["findings"]}
        findings.add(name, set(gold_findings), set(predicted_findings))
        for number in set(gold_findings) & set(predicted_findings):
            finding = predicted_findings[number]
            leads.check(
                name,
                f"finding {number} leads",
                tuple(gold_findings[number]["leads"]),
                finding.leads,
            )
            no_recommendation.check(
                name,
                f"finding {number} no_rec",
                gold_findings[number]["no_recommendation"],
                finding.no_recommendation,
            )

        found = [e for e in extract_meeting(text).entities if isinstance(e, Meeting)]
        gold_meeting = expected["meeting"]
        meetings.add(name, {"meeting"} if gold_meeting else set(), {"meeting"} if found else set())
        if gold_meeting and found:
            meeting = found[0]
            dates.check(name, "date", gold_meeting["date"], meeting.date)
            committees.check(
                name,
                "committee",
                _normalise(gold_meeting["committee"]),
                _normalise(meeting.committee),
            )
            attendees.check(name, "attendees", gold_meeting["attendees"], len(meeting.attendees))

    print(f"structured extraction accuracy over {evaluated} documents")
    print(recommendations.line("recommendations"))
    print(status.line("response status"))
    print(owners.line("response owners"))
    print(findings.line("findings"))
    print(leads.line("finding leads"))
    print(no_recommendation.line("no_recommendation"))
    print(meetings.line("meetings"))
    print(dates.line("meeting date"))
    print(committees.line("meeting committee"))
    print(attendees.line("attendee count"))
    problems = [
        *recommendations.misses,
        *findings.misses,
        *meetings.misses,
        *status.disagreements,
        *owners.disagreements,
        *leads.disagreements,
        *no_recommendation.disagreements,
        *dates.disagreements,
        *committees.disagreements,
        *attendees.disagreements,
    ]
    if problems:
        print(f"\n{len(problems)} problems" + ("" if args.verbose else " (first 20; --verbose)"))
        for problem in problems if args.verbose else problems[:20]:
            print("  " + problem)
    return 0


if __name__ == "__main__":
    sys.exit(main())
