"""Extraction output over the sample corpus is pinned by a snapshot, and its cost is
guarded, so that speed work on the extractors cannot silently change what they find.

Regenerate the snapshot only for a deliberate change of output:

    .venv/bin/python tests/test_extraction_snapshot.py
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from scrutiny.graph.concepts import load_concept_scheme
from scrutiny.ingest.extract.organisations import DEFAULT_GAZETTEER_PATH, OrganisationGazetteer
from scrutiny.ingest.extract.pipeline import DocumentExtractor
from scrutiny.ingest.extract.records import Extraction
from scrutiny.ingest.metadata import CouncilDirectory, infer_metadata
from scrutiny.ingest.readers import read_canonical_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
SNAPSHOT = Path(__file__).resolve().parent / "fixtures" / "extraction_snapshot.json"
TRANSCRIPT = SAMPLES / "003_1ba45f4be686293e.txt"
# Embedding the transcript's passages takes 3-6 s; extraction must stay well under that
# even on a loaded machine. A guard against regressions, not a benchmark.
TRANSCRIPT_EXTRACTION_BUDGET_SECONDS = 1.5


def build_extractor() -> DocumentExtractor:
    """As the service builds it."""
    return DocumentExtractor(OrganisationGazetteer.from_csv(), load_concept_scheme().concepts)


def read_sample(path: Path) -> tuple[str, str | None]:
    """The canonical text and inferred title, as ingest passes them to the extractor."""
    _, text = read_canonical_text(path, path.read_bytes(), max_bytes=10_000_000)
    councils = CouncilDirectory.from_gazetteer(DEFAULT_GAZETTEER_PATH)
    return text, infer_metadata(text, path.name, councils).title


def canonical_form(extraction: Extraction) -> dict[str, Any]:
    """A sorted, JSON-ready record of everything extracted."""
    entities = sorted(
        [
            entity.kind.value,
            entity.key,
            [entity.span.start, entity.span.end],
            entity.label,
            entity.confidence,
            json.loads(json.dumps(entity.attributes())),
        ]
        for entity in extraction.entities
    )
    links = sorted([link.source_key, link.kind.value, link.target_key] for link in extraction.links)
    mentions = sorted(
        [
            mention.entity_key,
            [mention.span.start, mention.span.end],
            mention.surface,
            mention.repaired_from,
        ]
        for mention in extraction.mentions
    )
    return {"entities": entities, "links": links, "mentions": mentions}


def extract_samples(extractor: DocumentExtractor) -> dict[str, dict[str, Any]]:
    result = {}
    for path in sorted(SAMPLES.glob("*.txt")):
        text, title = read_sample(path)
        result[path.name] = canonical_form(extractor.extract(text, title))
    return result


@pytest.fixture(scope="module")
def extractor() -> DocumentExtractor:
    return build_extractor()


def test_sample_extraction_matches_snapshot(extractor: DocumentExtractor) -> None:
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    actual = extract_samples(extractor)
    assert sorted(actual) == sorted(expected)
    for name, document in expected.items():
        for part, records in document.items():
            # Compared part by part so that a failure names the document and the part.
            assert actual[name][part] == records, f"{name}: {part} differ from the snapshot"


def test_transcript_extraction_is_well_within_the_embedding_budget(
    extractor: DocumentExtractor,
) -> None:
    text, title = read_sample(TRANSCRIPT)
    extractor.extract(text[:20_000], title)  # first-use costs (compiled patterns) are not measured
    started = time.perf_counter()
    extractor.extract(text, title)
    elapsed = time.perf_counter() - started
    assert elapsed < TRANSCRIPT_EXTRACTION_BUDGET_SECONDS, f"extraction took {elapsed:.2f} s"


if __name__ == "__main__":
    snapshot = extract_samples(build_extractor())
    SNAPSHOT.write_text(json.dumps(snapshot, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
