"""Tests for the commitment extractor (fixtures in tests/fixtures/commitments/)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from scrutiny.ingest.extract.commitments import Author, extract_commitments
from scrutiny.ingest.extract.records import Commitment, Link, LinkKind

FIXTURES = Path(__file__).parent / "fixtures" / "commitments"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8").replace("\r\n", "\n")


def _commitments(text: str) -> list[Commitment]:
    """Undertakings only; decisions (category "decision") are tested on their own."""
    return [
        e
        for e in extract_commitments(text).entities
        if isinstance(e, Commitment) and e.category == "commitment"
    ]


def _decisions(text: str) -> list[Commitment]:
    return [
        e
        for e in extract_commitments(text).entities
        if isinstance(e, Commitment) and e.category == "decision"
    ]


def _find(commitments: list[Commitment], fragment: str) -> Commitment:
    matches = [c for c in commitments if fragment in c.text]
    assert matches, f"no commitment contains {fragment!r}: {[c.text for c in commitments]}"
    return matches[0]


def _none_contains(commitments: list[Commitment], fragment: str) -> bool:
    return all(fragment not in c.text for c in commitments)


def test_response_table_rows_are_attributed_and_linked() -> None:
    text = _fixture("response_table.md")
    extraction = extract_commitments(text)
    commitments = [
        e for e in extraction.entities if isinstance(e, Commitment) and e.category == "commitment"
    ]

    ether = _find(commitments, "are being commissioned to facilitate a further 2 groups")
    assert ether.made_by == ("Youth Justice Service",)
    assert ether.due == "within the next 12 months"
    assert ether.answers_key == "recommendation-3"
    assert Link(ether.key, LinkKind.ANSWERS, "recommendation-3") in extraction.links

    survey = _find(commitments, "We will undertake a survey")
    # The organisation cell continues on the next row after a page break.
    assert survey.made_by == ("Corporate Parenting Team", "Voice and Influence")
    assert survey.answers_key == "recommendation-7"

    # Present-tense descriptions and generic statements are not undertakings, and the
    # recommendation column ("Services to investigate ...") is never read as one.
    assert _none_contains(commitments, "tests the payment system")
    assert _none_contains(commitments, "will require all future scrutiny")
    assert _none_contains(commitments, "Services to investigate")
    assert len(commitments) == 2


def test_spans_point_into_the_canonical_text() -> None:
    text = _fixture("response_table.md")
    for commitment in _commitments(text):
        sliced = " ".join(commitment.span.slice(text).split())
        assert sliced == commitment.text
        assert 0.0 < commitment.confidence <= 1.0
        assert len(commitment.label) <= 81


def test_keys_are_unique_and_sequential() -> None:
    entities = extract_commitments(_fixture("pipe_response_table.txt")).entities
    assert [c.key for c in entities] == [f"commitment-{i}" for i in range(1, len(entities) + 1)]


def test_action_by_lines_name_the_actor() -> None:
    commitments = _commitments(_fixture("minutes_action_by.txt"))
    assert len(commitments) == 2
    first = _find(commitments, "a written response would be provided to the Committee")
    assert first.actor == ("Director of Children’s Prevention, Family Help and Safeguarding",)
    second = _find(commitments, "Officers confirmed they would provide a written response")
    assert second.made_by == ("Officers",)
    assert second.actor == ("Director of Education Commissioning and Inclusion",)
    # Questions and conditionals are not commitments.
    assert _none_contains(commitments, "whether the Council would publish")


def test_national_context_and_generic_statements_are_not_commitments() -> None:
    commitments = _commitments(_fixture("report_national_response.txt"))
    texts = [c.text for c in commitments]
    assert _none_contains(commitments, "The Home Office is investing")
    assert _none_contains(commitments, "This will include a rescue element")
    assert _none_contains(commitments, "awaiting further details")
    assert _none_contains(commitments, "More children will take up support")
    assert _none_contains(commitments, "It will be important")
    _find(commitments, "We will be reviewing the content of the guidance")
    welcome = _find(commitments, "We would welcome the opportunity to return")
    assert welcome.due == "in six months' time"
    assert len(texts) == 2


def test_future_plans_section_yields_plans_but_not_hoped_outcomes() -> None:
    commitments = _commitments(_fixture("future_plans.txt"))
    assert _find(commitments, "will soon be revised").due == "soon"
    assert _find(commitments, "intending to establish").made_by == ("The Youth Service",)
    assert _find(commitments, "Two conferences").due == "in July"
    assert _none_contains(commitments, "better identified")
    assert _none_contains(commitments, "placement with foster carers")
    assert len(commitments) == 3


def test_transcript_without_line_breaks_skips_procedure_and_questions() -> None:
    commitments = _commitments(_fixture("transcript_run_on.txt"))
    # Known miss of the classifier: a conditional deep in run-on speech ("... and if we
    # could find the money we would extend the scheme") can still be taken as a promise.
    assert 1 <= len(commitments) <= 2
    housing = _find(commitments, "committed")
    assert "i've committed that we will have all of those 200" in housing.text
    assert housing.due == "by the end of september"
    # The span is cut to the clause around the undertaking, not the whole run-on line.
    assert len(housing.text) < 250
    assert all("take us through the slides" not in c.text for c in commitments)


def test_decisions_resolutions_and_directives() -> None:
    commitments = _commitments(_fixture("decisions_hard_wrapped.txt"))
    _find(commitments, "to agree to implement them")
    _find(commitments, "That a formalised timetable be prepared")
    directive = _find(commitments, "to prepare a response for the next meeting")
    assert directive.actor == ("the Director for Children’s Services",)
    assert directive.due == "for the next meeting of the Education Scrutiny Committee"
    assert _none_contains(commitments, "be noted")
    assert len(commitments) == 3


def test_pipe_table_without_organisation_column_uses_rec_id() -> None:
    commitments = _commitments(_fixture("pipe_response_table.txt"))
    events = _find(commitments, "We will work with the Committee to plan")
    assert events.answers_key == "recommendation-2c"
    letter = _find(commitments, "The Post Office will send a reminder letter")
    assert letter.made_by == ("The Post Office",)
    closing = _find(commitments, "It will close the HSS")
    assert closing.due == "on 31 January 2026"
    assert closing.answers_key == "recommendation-15"
    assert _none_contains(commitments, "Claimants will have 3 months")
    # The recommendation column is never read as a commitment.
    assert _none_contains(commitments, "There should be")


def test_empty_text_gives_empty_extraction() -> None:
    extraction = extract_commitments("")
    assert extraction.entities == ()
    assert extraction.links == ()


@pytest.mark.skipif(not SAMPLES.is_dir(), reason="data/samples not present")
def test_seed_samples() -> None:
    camden = _commitments((SAMPLES / "001_e6f87c9fb8f3a54e.txt").read_text(encoding="utf-8"))
    # The two "Action By" lines name the actors of the undertakings above them.
    actors = [c.actor for c in camden if c.confidence >= 0.9]
    assert actors == [
        ("Director of Children’s Prevention, Family Help and Safeguarding",),
        ("Director of Education Commissioning and Inclusion",),
    ]
    hackney = (SAMPLES / "003_1ba45f4be686293e.txt").read_text(encoding="utf-8")
    start = time.perf_counter()
    found = _commitments(hackney)
    assert time.perf_counter() - start < 1.0
    backdating = _find(found, "committed to backdating application start dates")
    assert backdating.made_by == ("housing colleagues",)
    _find(found, "agreed to send a number of outstanding questions to officers")
    nottinghamshire = _commitments(
        (SAMPLES / "004_fae1e0df7bdcf8f7.txt").read_text(encoding="utf-8")
    )
    _find(nottinghamshire, "The LA will host the Anne Frank and You Exhibition")
    _find(nottinghamshire, "Briefing sessions will be delivered in the coming months")


def test_decisions_are_recorded_apart_from_undertakings() -> None:
    decisions = _decisions(_fixture("minutes_action_by.txt"))
    assert [d.text for d in decisions] == ["THAT the report be noted."]
    accepted = _decisions(_fixture("pipe_response_table.txt"))
    assert _find(accepted, "This recommendation is accepted in full").category == "decision"
    text = (
        "RESOLVED: The minutes of the meeting held on 7 December were confirmed as a correct "
        "record.\n\nThe minutes of the meeting held on 3 May were agreed as a correct record.\n"
    )
    assert len(_decisions(text)) == 2
    assert _commitments(text) == []


def test_classifier_finds_undertakings_the_patterns_miss() -> None:
    text = (
        "Healthwatch will also review its guidance for these visits.\n\n"
        "Members were told that the strategy would be considered by the Executive in March.\n\n"
        "The partnership is committed to publishing its audit figures every quarter.\n\n"
        "It will be important to keep listening to young people.\n\n"
        "What will the Minister do about it?\n"
    )
    found = [c.text for c in _commitments(text)]
    assert any(t.startswith("Healthwatch will also review") for t in found)
    assert any(t.startswith("Members were told") for t in found)
    assert any("committed to publishing" in t for t in found)
    assert not any("important" in t or "Minister do" in t for t in found)


def test_first_person_undertakings_resolve_to_the_speaker() -> None:
    text = (
        "The Minister for Children, Schools and Families (Jane Doe):\n"
        "I start by welcoming this. We will publish the guidance by March 2025.\n\n"
        "John Roe (Somewhere North) (Lab): We will press the Government on this.\n\n"
        "Healthwatch will also review its guidance for these visits.\n\n"
        "Members were told that the strategy would be considered by the Executive in March.\n"
    )
    found = _commitments(text)
    assert _find(found, "We will publish the guidance").made_by == (
        "Jane Doe",
        "Minister for Children, Schools and Families",
        "the Government",
    )
    assert _find(found, "We will press").made_by == ("John Roe",)
    assert _find(found, "Healthwatch will").made_by == ("Healthwatch",)
    assert _find(found, "would be considered by").made_by == ("the Executive",)


def test_due_dates_read_years_quarters_and_coming_periods() -> None:
    text = (
        "The Council will revise its guidance by the end of 2026.\n\n"
        "The Board will meet again over the next 12 months to monitor progress.\n\n"
        "The service will launch the new offer in early 2027.\n\n"
        "As soon as we have the figures we will share them with the Committee.\n"
    )
    found = _commitments(text)
    assert _find(found, "revise its guidance").due == "by the end of 2026"
    assert _find(found, "meet again").due == "over the next 12 months"
    assert _find(found, "launch the new offer").due == "in early 2027"
    assert _find(found, "share them").due is None


def test_parliamentary_outcomes_are_decisions_with_their_question() -> None:
    decisions = _decisions(_fixture("parliamentary_outcomes.txt"))
    negatived = _find(decisions, "Question accordingly negatived.")
    assert negatived.text.startswith("Question put, That the clause be read a Second time.")
    assert "Ayes 187, Noes 281" in negatived.text
    _find(decisions, "Motion agreed.")
    _find(decisions, "Question agreed to.")


def _with_author(text: str, author: Author) -> list[Commitment]:
    return [
        e
        for e in extract_commitments(text, author).entities
        if isinstance(e, Commitment) and e.category == "commitment"
    ]


def test_we_without_a_speaker_is_the_document_council_or_body() -> None:
    text = (
        "TITLE: Northshire Council - response to the scrutiny review\n\n"
        "We will publish a revised protocol for schools by March 2026.\n"
    )
    council = _with_author(text, Author(council="Northshire County Council"))
    assert _find(council, "revised protocol").made_by == ("Northshire County Council",)
    committee = _with_author(text, Author(body="House of Commons Home Affairs Committee"))
    assert _find(committee, "revised protocol").made_by == (
        "House of Commons Home Affairs Committee",
    )
    # A chamber's record has many voices, and an inquiry's name heads the replies to it.
    assert _find(_with_author(text, Author(body="House of Lords")), "revised").made_by == ()
    assert _find(_with_author(text, Author(body="Example Inquiry")), "revised").made_by == ()


def test_a_header_label_is_not_a_speaker() -> None:
    text = "TITLE: A response\n\nWe will publish a revised protocol for schools.\n"
    assert _find(_commitments(text), "revised protocol").made_by == ()


def test_the_council_and_the_committee_name_the_documents_own() -> None:
    author = Author(council="Northshire County Council", committee="Children's Scrutiny Panel")
    text = (
        "The Council will consult on a new short breaks offer in the spring.\n\n"
        "The Panel agreed to invite the Director of Education to its next meeting.\n"
    )
    found = _with_author(text, author)
    assert _find(found, "short breaks").made_by == ("Northshire County Council",)
    assert _find(found, "invite the Director").made_by == ("Children's Scrutiny Panel",)


def test_minuted_action_lines_name_who_acts() -> None:
    text = (
        "5. Youth Justice Plan\n"
        "Members discussed the reoffending figures for the last quarter.\n"
        "ACTION: Head of Youth Justice to share the inspection action plan with the Panel.\n"
        "Action: Democratic Services to arrange a site visit to the youth hub.\n"
        "Action point 3 - Officers will circulate the revised terms of reference.\n"
    )
    found = _commitments(text)
    assert _find(found, "inspection action plan").actor == ("Head of Youth Justice",)
    assert _find(found, "site visit").actor == ("Democratic Services",)
    assert _find(found, "terms of reference").actor == ("Officers",)
    assert not [c for c in found if "reoffending figures" in c.text]


def test_a_role_reporting_an_undertaking_makes_it() -> None:
    text = (
        "The Cabinet Member for Children confirmed that she would write to the Secretary "
        "of State about the funding gap.\n"
    )
    assert _find(_commitments(text), "write to the Secretary").made_by == (
        "The Cabinet Member for Children",
    )


def test_a_hard_wrapped_line_of_prose_is_not_a_heading() -> None:
    text = (
        "Senior officials from the partner agencies attend the Resilience Board.\n"
        "We will look to rationalise and streamline subordinate or supporting groups and\n"
        "committees responsible for the partnership's preparedness.\n"
        "The Council will establish four standing advisory groups of practitioners and\n"
        "parents, each led by an independent chair.\n"
    )
    found = _commitments(text)
    assert _find(found, "rationalise and streamline").text.endswith("preparedness.")
    assert _find(found, "four standing advisory groups").text.endswith("independent chair.")


def test_reported_undertakings_name_the_officer_who_gave_them() -> None:
    text = (
        "In response to questions, the Head of Service, Jane Smith, confirmed that she would "
        "circulate the audit findings to Members.\n"
        "Mark Davies (Director of Children's Services) undertook to provide a written "
        "response on placement costs.\n"
        "The Police representative stated that the force would review its use of strip "
        "searches of children.\n"
    )
    found = _commitments(text)
    assert _find(found, "audit findings").made_by == ("Jane Smith",)
    assert _find(found, "placement costs").actor == (
        "Mark Davies",
        "Director of Children's Services",
    )
    assert _find(found, "strip searches").actor == ("the force",)


def test_a_ministers_we_is_also_the_government() -> None:
    text = (
        "The Minister for Children and Families (Jane Doe): We will publish the national "
        "framework by the end of the year. I will update the House in the autumn.\n"
    )
    found = _commitments(text)
    assert _find(found, "national framework").made_by == (
        "Jane Doe",
        "Minister for Children and Families",
        "the Government",
    )
    assert "the Government" not in _find(found, "update the House").made_by


def test_the_subject_of_a_passive_undertaking_is_not_its_actor() -> None:
    text = (
        "Minutes\n\nIt was noted that the Local Offer needed to be approved by the Cabinet "
        "before publication.\n\nThe strategy is to be signed off by the Health and Wellbeing "
        "Board in June.\n"
    )
    actors = [entity.actor for entity in extract_commitments(text).entities]
    assert ("the Cabinet",) in actors
    assert ("the Health and Wellbeing Board",) in actors
    assert not any("Offer" in " ".join(actor) for actor in actors)


def test_pledges_vows_and_commitments_with_a_phrase_between_are_undertakings() -> None:
    text = (
        "Minutes\n\nHe committed in his Oral Statement to publish an ambitious strategy by "
        "the end of the year.\n\nThe Leader gave the pledge that everything would be done to "
        "protect young people.\n\nThe Council pledged to review every placement within six "
        "months.\n\nThe Mayor vowed to end rough sleeping.\n"
    )
    found = {entity.label.split()[1]: entity for entity in extract_commitments(text).entities}
    assert set(found) >= {"committed", "Leader", "Council", "Mayor"}
    assert found["Leader"].actor == ("The Leader",)
    assert found["Council"].actor == ("The Council",)
    assert found["committed"].due == "by the end of the year"


def test_a_body_s_short_name_is_spelled_out_as_the_document_names_it() -> None:
    text = (
        "Report\n\nThe councillors on the Services for Care Leavers Scrutiny Inquiry Panel "
        "made 12 recommendations.\n\nThe Inquiry Panel will report back to the Scrutiny "
        "Programme Committee in six months.\n\nThe Panel will meet again in March.\n\n"
        "The Board will respond within two months.\n"
    )
    actors = [entity.actor for entity in extract_commitments(text).entities]
    full = ("Services for Care Leavers Scrutiny Inquiry Panel",)
    assert actors[:2] == [full, full]
    assert actors[2] == ("The Board",)  # no board is named in full: the name stays


def test_what_will_be_done_is_not_who_does_it() -> None:
    text = (
        "Minutes\n\nThe Annual Statement to Parliament will be maintained and the resilience "
        "review will explore how to deliver it.\n"
    )
    for entity in extract_commitments(text).entities:
        assert "Annual Statement" not in " ".join(entity.actor)


def test_we_in_the_government_s_response_to_an_inquiry_is_the_government() -> None:
    text = (
        "Government response to the Inquiry's first report\n\nRecommendation 1\n\n"
        "We will publish updated guidance for all departments by spring 2026.\n"
    )
    responding = Author(body="Example Public Inquiry", government_response=True)
    unsure = Author(body="Example Public Inquiry")
    assert extract_commitments(text, responding).entities[0].made_by == ("HM Government",)
    assert extract_commitments(text, unsure).entities[0].made_by == ()


def test_recommendations_reported_as_accepted_are_decisions() -> None:
    text = (
        "Minutes\n\nThe Panel presented the recommendations of the review, which were agreed "
        "at Cabinet on 26 June 2023.\n\nThe Executive Member accepted all the recommendations "
        "of the review.\n\nOfficers will report whether these recommendations have been "
        "accepted by partners.\n"
    )
    decisions = [
        entity.text
        for entity in extract_commitments(text).entities
        if entity.category == "decision"
    ]
    assert any("agreed at Cabinet" in text for text in decisions)
    assert any("accepted all the recommendations" in text for text in decisions)
    assert not any("whether" in text for text in decisions)


def test_an_undertaking_naming_no_one_is_made_by_the_document_s_author() -> None:
    text = "Minutes\n\nA report will be brought to the next meeting of the Panel in June.\n"
    made = extract_commitments(text, Author(council="Example Borough Council")).entities[0]
    assert made.made_by == ("Example Borough Council",)
    assert made.actor == ()  # who must act is not written
    unknown = extract_commitments(text, Author(body="House of Commons")).entities[0]
    assert unknown.made_by == ()  # a chamber's record has speakers, not one author


def test_elections_of_a_chair_and_signed_minutes_are_decisions() -> None:
    text = (
        "Councillor Adeyemi was duly elected as Chair of the meeting.\n\n"
        "Councillor Brook was elected Vice-Chair for the municipal year.\n\n"
        "The minutes of the meeting held on 3 May were signed by the Chairman.\n\n"
        "She was elected to the council in 2010 and appointed to the Cabinet in 2014.\n"
    )
    decided = [d.text for d in _decisions(text)]
    assert any("elected as Chair" in t for t in decided)
    assert any("Vice-Chair" in t for t in decided)
    assert any("signed by the Chairman" in t for t in decided)
    assert not any("2010" in t for t in decided)


def test_a_year_wrapped_onto_the_next_line_stays_in_the_due_date() -> None:
    text = (
        "BY: Rhian Pryce MS, Cabinet Secretary for Transport\n\n"
        "I will publish the draft network plan for south west Wales for public consultation in "
        "June\n2025.\n"
    )
    promise = _find(_commitments(text), "draft network plan")
    assert promise.due == "in June 2025"
    assert promise.made_by[0] == "Rhian Pryce MS"
