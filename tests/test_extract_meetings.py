"""Meeting records: committee, date, council, attendees, agenda items and decisions."""

from __future__ import annotations

from pathlib import Path

from scrutiny.ingest.extract.meetings import extract_meeting
from scrutiny.ingest.extract.records import Meeting

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def canonical(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def meeting(text: str, title: str | None = None) -> Meeting:
    extraction = extract_meeting(text, title)
    assert len(extraction.entities) == 1
    found = extraction.entities[0]
    assert isinstance(found, Meeting)
    assert found.key == "meeting"
    assert found.span.slice(text)
    assert 0.0 <= found.confidence <= 1.0
    return found


def test_moderngov_minutes() -> None:
    found = meeting(canonical(FIXTURES / "minutes_moderngov.txt"))
    assert found.council == "Example Borough Council"
    assert found.committee == "Children's Services Scrutiny Sub-Committee"
    assert found.date == "2025-03-04"
    assert found.items == ("Apologies for Absence", "Youth Offer Review", "Work Programme")
    assert found.decisions == (
        "THAT the report be noted.",
        "That the work programme be agreed.",
        "That the grounds for review be: Lack of consultation; New important evidence",
        "That officers provide a written response on exclusions data.",
    )


def test_title_argument_wins_over_text() -> None:
    text = canonical(FIXTURES / "minutes_moderngov.txt")
    found = meeting(text, title="Other Council - Cabinet, Monday 2 June 2025: minutes")
    assert found.council == "Other Council"
    assert (found.committee, found.date) == ("Cabinet", "2025-06-02")


def test_attendance_block() -> None:
    found = meeting(canonical(FIXTURES / "minutes_attendance.txt"))
    assert found.attendees == (
        "Ann Example",
        "Ben Sample",
        "Cara Model",
        "Dev Pattern",
        "Ed Instance",
        "Fay Case",
        "N Surname",
        "P. Initial",
        "L. King",
        "D. Bond",
        "N. Hart",
    )
    assert "Gil Absent" not in found.attendees
    assert found.decisions == (
        "the minutes of the meeting held on 13 September 2016 be signed as a correct record.",
    )
    assert found.date is None  # the only date is another meeting's


def test_transcript_summary() -> None:
    found = meeting(canonical(FIXTURES / "transcript_summary.txt"))
    assert found.committee == "Children and Young People Scrutiny Commission"
    assert found.date == "2024-09-11"
    assert found.items == ("Safer Schools Partnership", "Housing Support for Care Leavers")
    assert found.attendees == ("Anya Example", "Caroline Sample", "Susan Fajana Thomas")
    assert len(found.decisions) == 2
    assert any("agreed to send" in d and "written response" in d for d in found.decisions)
    assert not any(d.startswith("Good evening") for d in found.decisions)


def test_seed_hackney_transcript() -> None:
    found = meeting(canonical(SAMPLES / "003_1ba45f4be686293e.txt"))
    assert found.date == "2024-09-11"
    assert found.committee == "Children and Young People Scrutiny Commission"
    assert len(found.attendees) == 28
    assert found.items == ("Safer Schools Partnership", "Housing Support for Care Leavers")
    assert any("agreed to send" in d for d in found.decisions)


def test_seed_camden_minutes() -> None:
    found = meeting(canonical(SAMPLES / "001_e6f87c9fb8f3a54e.txt"))
    # "At Camden Council specifically, …" is in the body: not the meeting's host
    assert found.council is None
    assert found.decisions == ("THAT the report be noted.",)
    assert found.committee is None and found.date is None


def test_non_meeting_documents_give_nothing() -> None:
    assert extract_meeting(canonical(FIXTURES / "report_not_minutes.txt")).entities == ()
    for name in (
        "000_d36982314f02b529.txt",
        "002_30d3b176eebd27ec.txt",
        "004_fae1e0df7bdcf8f7.txt",
    ):
        assert extract_meeting(canonical(SAMPLES / name)).entities == ()


def test_numeric_date_and_decision_record() -> None:
    text = (
        "Issue - meetings\n\nContextual Safeguarding\n"
        "Meeting: 29/02/2024 - Social & Health Care Overview & Scrutiny Committee (Item 51)\n"
        "Decision:\nThat members support the co-ordinated approach.\nMinutes:\nText.\n"
    )
    found = meeting(text)
    assert found.date == "2024-02-29"
    assert found.committee == "Social & Health Care Overview & Scrutiny Committee"
    assert found.items == ("Contextual Safeguarding",)
    assert found.decisions == ("That members support the co-ordinated approach.",)


def test_decisions_stop_at_the_next_item_and_include_it_was_agreed() -> None:
    text = "\n".join(
        [
            "Northshire County Council",
            "Children and Young People Scrutiny Panel",
            "Minutes of the meeting held on 4 March 2025",
            "",
            "1. Minutes",
            "RESOLVED that the minutes of the meeting held on 14 January 2025 be confirmed "
            "as a correct record.",
            "",
            "2. Youth Justice Plan",
            "The Head of Youth Justice presented the plan.",
            "RESOLVED:",
            "(a) That the Youth Justice Plan 2025-26 be endorsed.",
            "(b) That a progress report be brought to the Panel in six months.",
            "",
            "3. Sufficiency Strategy",
            "It was agreed that a task and finish group be established to review SEND transport.",
            "Members noted the report.",
        ]
    )
    meeting = next(e for e in extract_meeting(text).entities if isinstance(e, Meeting))
    assert meeting.decisions == (
        "the minutes of the meeting held on 14 January 2025 be confirmed as a correct record.",
        "That the Youth Justice Plan 2025-26 be endorsed.",
        "That a progress report be brought to the Panel in six months.",
        "It was agreed that a task and finish group be established to review SEND transport.",
    )


def test_a_named_committee_agreeing_is_a_decision() -> None:
    text = "\n".join(
        [
            "Westshire Council",
            "Corporate Parenting Board",
            "Minutes of the meeting held on 9 June 2024",
            "",
            "4. Care Leavers Offer",
            "The Corporate Parenting Board AGREED to champion the care leaver covenant with "
            "local employers.",
            "The Children and Families Overview and Scrutiny Committee noted the report.",
        ]
    )
    meeting = next(
        e
        for e in extract_meeting(text, "Corporate Parenting Board, 9 June 2024: minutes").entities
        if isinstance(e, Meeting)
    )
    assert meeting.decisions == (
        "The Corporate Parenting Board AGREED to champion the care leaver covenant with "
        "local employers.",
        "The Children and Families Overview and Scrutiny Committee noted the report.",
    )
