"""Recommendations written in a report's prose: who each one asks to act, and
recommending paragraphs under a conclusions heading."""

from __future__ import annotations

from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import Finding, Recommendation, Response

REPORT = "\n".join(
    [
        "Northshire County Council",
        "Report of the Children's Services Scrutiny Panel: Review of Elective Home Education",
        "",
        "1. Introduction",
        "The Panel met on five occasions between June and November.",
        "",
        "Recommendations",
        "",
        "The Panel recommends that:",
        "",
        "1. The Council maintains a register of all children known to be electively home "
        "educated and publishes an annual report on its use.",
        "",
        "2. The Director of Children's Services writes to all secondary head teachers "
        "setting out the expectations on off-rolling.",
        "",
        "3. That the Executive Member for Education lobbies the Department for Education "
        "for statutory registration.",
        "",
        "Conclusions",
        "Families told us that the first contact with the service set the tone for "
        "everything that followed.",
        "",
        "We recommend that the Executive establishes a multi-agency forum for home "
        "education by April 2026.",
        "",
        "The Committee recommends that the local authority reviews its transport policy "
        "for children with SEND.",
        "",
    ]
)


def _recommendations(text: str) -> list[Recommendation]:
    return [e for e in extract_recommendations(text).entities if isinstance(e, Recommendation)]


def test_items_completing_recommends_that_are_addressed_to_their_subject() -> None:
    owners = {r.number: r.owners for r in _recommendations(REPORT) if r.number}
    assert owners == {
        "1": ("The Council",),
        "2": ("The Director of Children's Services",),
        "3": ("the Executive Member for Education",),
    }


def test_recommending_paragraphs_under_conclusions_are_recommendations() -> None:
    unnumbered = {r.text: r.owners for r in _recommendations(REPORT) if not r.number}
    assert unnumbered == {
        "We recommend that the Executive establishes a multi-agency forum for home "
        "education by April 2026.": ("the Executive",),
        "The Committee recommends that the local authority reviews its transport policy "
        "for children with SEND.": ("the local authority",),
    }
    findings = [
        REPORT[e.span.start : e.span.end]
        for e in extract_findings(REPORT).entities
        if isinstance(e, Finding)
    ]
    assert any(f.startswith("Families told us") for f in findings)
    assert not any("recommend" in f for f in findings)


def test_a_heading_naming_recommendations_is_not_their_addressee() -> None:
    text = (
        "Recommendations to Cabinet\n"
        "(a) That Cabinet approves the revised Early Help Strategy.\n"
        "(b) That Cabinet notes the findings of the review of short breaks.\n"
    )
    owners = {r.number: r.owners for r in _recommendations(text)}
    assert owners == {"a": ("Cabinet",), "b": ("Cabinet",)}


def test_list_markers_ended_by_a_tab_are_list_items_not_table_rows() -> None:
    text = (
        "Conclusions and recommendations\n\n"
        "1.\tLocal authorities are not consistently meeting their duties to care leavers. "
        "(Paragraph 24)\n\n"
        "2.\tThe Department should publish revised statutory guidance on the local offer by "
        "the end of 2024. (Paragraph 31)\n"
    )
    owners = {r.number: r.owners for r in _recommendations(text)}
    assert owners == {"2": ("The Department",)}
    assert [f.number for f in extract_findings(text).entities if isinstance(f, Finding)] == ["1"]


def test_the_agent_of_a_passive_recommendation_is_its_addressee() -> None:
    from scrutiny.ingest.extract.recommendations import addressee

    assert addressee("Those cases must be monitored by local authorities.") == (
        "local authorities",
    )
    assert addressee("Funding should be provided by the UK government.") == ("the UK government",)
    assert addressee("Carers must be supported by the Department for Education to stay.") == (
        "the Department for Education",
    )
    # the subject of a passive is not who acts, and an agent that is not a body is nobody
    assert addressee("Treatment should be provided by hospital trusts and boards.") == (
        "hospital trusts and boards",
    )
    assert addressee("Reform must be underpinned by investment in key capabilities.") == ()
    assert addressee("The Department should publish guidance.") == ("The Department",)


def test_the_subject_of_a_recommendations_modal_is_its_addressee() -> None:
    from scrutiny.ingest.extract.recommendations import addressee

    assert addressee(
        "The governments of the UK, Scotland, Wales and Northern Ireland should each simplify "
        "the structures."
    ) == ("The governments of the UK, Scotland, Wales and Northern Ireland",)
    assert addressee(
        "The UK government, working with the devolved administrations, should establish mechanisms."
    ) == ("The UK government, working with the devolved administrations",)
    assert addressee("For all exercises, the four health departments must publish a report.") == (
        "the four health departments",
    )
    assert addressee("The Public Administration Committee ('PACAC') should accept the role.") == (
        "The Public Administration Committee ('PACAC')",
    )
    assert addressee("Consideration should be given by the national health boards, to X.") == (
        "the national health boards",
    )
    # what is to be done, and who is affected, do not act
    assert addressee("A peer review of each centre should take place every five years.") == ()
    assert addressee("Those who have fibrosis should receive the same care.") == ()
    assert addressee("Individuals in leadership positions should record concerns.") == ()
    assert addressee("Children should have a named worker.") == ()
    assert addressee("PACAC should accept the role.") == ("PACAC",)
    assert addressee("Schools should publish their policies.") == ("Schools",)
    # a name inside the sentence keeps its capital's meaning
    assert addressee("The Panel recommends that Cafcass review its guidance.") == ("Cafcass",)


def test_a_decision_notice_gives_its_recommendations_their_response() -> None:
    from scrutiny.ingest.extract.records import Response

    text = "\n".join(
        [
            "Issue - decisions",
            "",
            "Youth Services Review (Cabinet, 12/05/2021)",
            "",
            "Recommendations approved subject to the amendments below",
            "",
            "(a) ask the Director of Children's Services to publish a youth offer by March;",
            "",
            "(b) fund two detached youth work teams from the reserve.",
        ]
    )
    entities = extract_recommendations(text).entities
    numbers = [e.number for e in entities if isinstance(e, Recommendation)]
    statuses = [e.status.value for e in entities if isinstance(e, Response)]
    assert numbers == ["a", "b"]
    assert statuses == ["accepted", "accepted"]


def test_a_committee_satisfied_or_concerned_and_a_concessive_finding_are_findings() -> None:
    text = (
        "Conclusion of the Commission\n\n"
        "In all major respects we are very satisfied that the Council and its partners have "
        "done all they reasonably can to safeguard children.\n\n"
        "While we have found that many pupils are excluded when they should not be, some "
        "pupils are excluded for good reason.\n\n"
        "If the review found that staff were unaware of the policy, training would follow.\n"
    )
    findings = [f.subject for f in extract_findings(text).entities if isinstance(f, Finding)]
    assert any("very satisfied that the Council" in t for t in findings)
    assert any("many pupils are excluded" in t for t in findings)
    assert not any("unaware of the policy" in t for t in findings)


def test_a_recommendation_labelled_with_a_bracketed_letter_keeps_its_letter() -> None:
    text = "\n".join(
        [
            "The Chair commented on the recommendations in the report as follows:",
            "",
            "Recommendation (a) the discount applies to all care leavers living in the "
            "borough, whichever authority looked after them.",
            "",
            "Recommendation (b) the scheme is reviewed after its first year.",
        ]
    )
    found = {
        e.number: e.text
        for e in extract_recommendations(text).entities
        if isinstance(e, Recommendation)
    }
    assert set(found) == {"a", "b"}
    assert found["b"].startswith("the scheme is reviewed")


def test_a_response_naming_a_recommendation_after_its_verb_keeps_a_negation() -> None:
    text = "\n".join(
        [
            "Recommendations",
            "",
            "1. The Council should publish its housing register figures every quarter.",
            "",
            "2. The Council should open a second advice centre in the town centre.",
            "",
            "We support recommendation 1. We are unable to support recommendation 2 "
            "because no site is available.",
        ]
    )
    extraction = extract_recommendations(text)
    statuses = {
        e.recommendation_key: e.status.value for e in extraction.entities if isinstance(e, Response)
    }
    assert statuses == {"recommendation-1": "accepted", "recommendation-2": "rejected"}
