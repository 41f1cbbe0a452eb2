"""Council, body, date and committee against a small gold of our own for the openings of
14 dev documents (tests/fixtures/publisher/gold.json). Optimistic: the gold was written
by whoever wrote the extractor. Run as a script to print the figures:

    .venv/bin/python tests/test_publisher_dev_gold.py
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from scrutiny.ingest.extract.meetings import extract_meeting
from scrutiny.ingest.extract.organisations import DEFAULT_GAZETTEER_PATH
from scrutiny.ingest.metadata import (
    CouncilDirectory,
    _labelled_line,
    infer_metadata,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "publisher"
GOLD = {k: v for k, v in json.loads((FIXTURES / "gold.json").read_text()).items() if k[0] != "_"}
GENERIC = {"committee", "sub", "commission", "panel", "board", "scrutiny", "the", "and", "of"}


def _words(name: str) -> set[str]:
    return set(re.findall(r"[a-z]+", name.lower().replace("&", " and "))) - GENERIC


def score(directory: CouncilDirectory, strip_corpus_lines: bool = False) -> Counter[str]:
    """matched/total counts per field, as 'field' and 'field.total'."""
    figures: Counter[str] = Counter()
    for name, gold in GOLD.items():
        text = (FIXTURES / name).read_text(encoding="utf-8")
        if strip_corpus_lines:
            text = re.sub(r"^(?:SOURCE|TITLE):.*\n", "", text, flags=re.M)
        meta = infer_metadata(text, "document.txt", directory)
        found = directory.publisher(text, _labelled_line(text, "TITLE"), meta.source_url)
        if gold["council"]:
            figures["council.total"] += 1
            figures["council"] += meta.council == gold["council"]
        else:
            figures["no council.total"] += 1
            figures["no council"] += meta.council is None
            figures["body.total"] += 1
            figures["body"] += bool(found.body) and _words(gold["body"]) <= _words(found.body)
        if gold["date"]:
            figures["date.total"] += 1
            figures["date"] += meta.meeting_date == gold["date"]
        else:
            figures["no date.total"] += 1
            figures["no date"] += meta.meeting_date is None
        if gold["committee"]:  # the document's committee or its meeting's, as scored
            figures["committee.total"] += 1
            meetings = extract_meeting(text, _labelled_line(text, "TITLE") or meta.title)
            named = [meta.committee, *(getattr(m, "committee", None) for m in meetings.entities)]
            figures["committee"] += any(c and _words(gold["committee"]) <= _words(c) for c in named)
    return figures


def test_dev_gold_figures() -> None:
    directory = CouncilDirectory.from_gazetteer(DEFAULT_GAZETTEER_PATH)
    figures = score(directory)
    # nothing false: no council on a body's document, no date where none is stated
    assert figures["no council"] == figures["no council.total"]
    assert figures["no date"] == figures["no date.total"]
    assert figures["council"] == figures["council.total"]
    assert figures["date"] == figures["date.total"]
    # without the corpus's SOURCE/TITLE lines: less is known, nothing false
    bare = score(directory, strip_corpus_lines=True)
    assert bare["no council"] == bare["no council.total"]


if __name__ == "__main__":
    directory = CouncilDirectory.from_gazetteer(DEFAULT_GAZETTEER_PATH)
    for label, strip in (("with SOURCE/TITLE lines", False), ("without them", True)):
        figures = score(directory, strip)
        fields = [k for k in figures if not k.endswith(".total")]
        print(label)
        for field in sorted({k.removesuffix(".total") for k in figures}):
            print(f"  {field:12} {figures[field]}/{figures[field + '.total']}")
        del fields
