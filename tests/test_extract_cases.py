from __future__ import annotations

from pathlib import Path

from scrutiny.ingest.extract.cases import REPAIRED_CONFIDENCE, find_cases
from scrutiny.ingest.extract.records import Case

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
SAMPLES = Path(__file__).parents[1] / "data" / "samples"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def test_transcript_mishearings_are_repaired_in_case_context_only() -> None:
    text = read(FIXTURES / "transcript_excerpt.txt")
    extraction = find_cases(text)
    assert [entity.key for entity in extraction.entities] == ["case:child-q"]
    surfaces = [(m.surface, m.repaired_from) for m in extraction.mentions]
    assert surfaces == [
        ("Child Q", None),
        ("child cue", "child cue"),
        ("child queue", "child queue"),
        ("child view", "child view"),
    ]
    # "a child view of the world", "the child view point" and "every child I spoke to"
    # are ordinary English
    assert all("world" not in text[m.span.end : m.span.end + 12] for m in extraction.mentions)
    for mention in extraction.mentions:
        assert text[mention.span.start : mention.span.end] == mention.surface
    case = extraction.entities[0]
    assert isinstance(case, Case)
    assert case.label == "Child Q"
    assert set(case.aliases) == {"child cue", "child queue", "child view"}


def test_no_repair_without_an_explicit_case_name() -> None:
    text = "Looking at the child cue report, and around child queue and the update."
    assert find_cases(text).entities == ()


def test_near_miss_names_stay_separate() -> None:
    extraction = find_cases(read(FIXTURES / "minutes_excerpt.txt"))
    keys = [entity.key for entity in extraction.entities]
    assert sorted(keys) == ["case:child-c", "case:child-q"]
    c_mentions = [m for m in extraction.mentions if m.entity_key == "case:child-c"]
    assert [m.surface for m in c_mentions] == ["Child C", "Child C"]  # "Child C's" counted


def test_seed_documents_gather_child_q() -> None:
    camden = find_cases(read(next(SAMPLES.glob("001_*.txt"))))
    assert {m.surface for m in camden.mentions} == {"Child Q", "child Q"}
    hackney = find_cases(read(next(SAMPLES.glob("003_*.txt"))))
    assert {e.key for e in hackney.entities} == {"case:child-q"}
    repaired = [m for m in hackney.mentions if m.repaired_from is not None]
    assert len(repaired) == 6
    assert {m.surface.lower() for m in repaired} == {"child queue", "child cue", "child view"}
    assert len(hackney.mentions) == 10
    repaired_case = hackney.entities[0]
    assert repaired_case.confidence > REPAIRED_CONFIDENCE  # explicit mentions dominate
    waltham_forest = find_cases(read(next(SAMPLES.glob("002_*.txt"))))
    assert {e.key for e in waltham_forest.entities} == {"case:child-c"}


def test_lowercase_article_after_child_is_not_a_case() -> None:
    text = "Every child I met was safe, and a child A level student spoke. Child Q was discussed."
    extraction = find_cases(text)
    assert [e.key for e in extraction.entities] == ["case:child-q"]
