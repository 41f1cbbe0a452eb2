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


def _labels(text: str) -> dict[str, tuple[str, ...]]:
    return {
        entity.label: entity.aliases
        for entity in find_cases(text).entities
        if isinstance(entity, Case)
    }


def test_adult_and_family_reviews_and_two_letter_names_are_cases() -> None:
    text = (
        "The Safeguarding Adults Board published its review into the care of Adult B.\n"
        "Family A had been known to services for several years.\n"
        "The Child LH review was presented to the Partnership.\n"
        "Adult Social Care attended. Family Hubs open in May. Every child I met agreed.\n"
    )
    assert set(_labels(text)) == {"Adult B", "Family A", "Child LH"}


def test_children_named_by_what_happened_to_them_are_cases() -> None:
    text = (
        "Following the murders of Tom Aldridge and Lily-Mae Foster, the Panel reviewed how "
        "referrals were handled. Tom Aldridge had been seen by a health visitor twice.\n"
        "Ella Marsh's death led to a second practice review.\n"
    )
    labels = _labels(text)
    assert set(labels) == {"Tom Aldridge", "Lily-Mae Foster", "Ella Marsh"}
    extraction = find_cases(text)
    assert sum(m.entity_key == "case:tom-aldridge" for m in extraction.mentions) == 2


def test_conditions_and_bodies_after_case_of_are_not_cases() -> None:
    text = (
        "In the case of Looked After Children the duty applies. In the\n"
        "case of Refunding Bonds to be sold, the Director shall certify. The Council "
        "considered the case of Children's Services funding and the death of Parliament "
        "Street's last shop.\n"
    )
    assert _labels(text) == {}


def test_known_cases_join_their_aliases() -> None:
    text = (
        "Lessons from the death of Victoria Climbie were recalled, and the case of Baby P "
        "was discussed. Baby Peter had been seen by sixty professionals.\n"
    )
    labels = _labels(text)
    assert set(labels) == {"Victoria Climbié", "Peter Connelly"}
    assert {"Baby P", "Baby Peter"} <= set(labels["Peter Connelly"])
    assert "Victoria Climbie" in labels["Victoria Climbié"]
