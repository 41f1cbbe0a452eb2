"""Recommendation lists announced without the word "recommendation"."""

from __future__ import annotations

from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import Recommendation


def _recommendations(text: str) -> list[Recommendation]:
    return [e for e in extract_recommendations(text).entities if isinstance(e, Recommendation)]


def test_a_list_the_report_calls_on_a_body_to_carry_out() -> None:
    text = (
        "Children's social care strategy falls short, says committee\n\n"
        "The report calls on the Government to:\n\n"
        "- publish a workforce plan for children's social workers by the end of 2024;\n"
        "- fund local authorities to recruit foster carers.\n\n"
        "The Chair said the strategy lacked ambition.\n"
    )
    found = _recommendations(text)
    assert [r.text for r in found] == [
        "publish a workforce plan for children's social workers by the end of 2024;",
        "fund local authorities to recruit foster carers.",
    ]


def test_a_numbered_list_a_body_is_asked_to_agree() -> None:
    text = (
        "Cabinet is asked to:\n\n"
        "(a) approve the youth justice plan;\n"
        "(b) refer the plan to full Council for adoption.\n"
    )
    assert [r.number for r in _recommendations(text)] == ["a", "b"]


def test_members_asking_questions_is_no_list_of_recommendations() -> None:
    text = "Members asked the following questions:\n\n- How many children were excluded?\n"
    assert _recommendations(text) == []
