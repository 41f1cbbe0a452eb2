"""Whose document it is and when: from the title, the first lines (letterhead, heading)
and the address it was published at, never from a place or a date in its body."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.ingest.extract.organisations import DEFAULT_GAZETTEER_PATH
from scrutiny.ingest.metadata import (
    CouncilDirectory,
    CouncilName,
    StatedSource,
    infer_metadata,
    stated_date,
    stated_source,
)

DIRECTORY = CouncilDirectory.from_gazetteer(DEFAULT_GAZETTEER_PATH)
FILLER = "The committee considered the report and noted its contents. " * 40


def corpus(title: str, body: str, source: str = "https://example.org/x") -> str:
    return f"SOURCE: {source}\nTITLE: {title}\n\n{body}"


@pytest.mark.parametrize(
    ("title", "council"),
    [
        ("Slough Borough Council - Cabinet minutes", "Slough Borough Council"),
        ("Slough Council - report on children's services", "Slough Borough Council"),
        ("London Borough of Hackney - Scrutiny Commission", "London Borough of Hackney"),
        ("Hackney Council - Agenda item 11 (minutes)", "London Borough of Hackney"),
        (
            "Royal Borough of Kensington and Chelsea: Family and Children's Services Committee",
            "Royal Borough of Kensington and Chelsea",
        ),
        ("Minutes of the Cabinet of Rochdale Borough Council", "Rochdale Borough Council"),
        ("Poole Borough Council - Cabinet, 2018", "Borough of Poole"),
        ("Northamptonshire County Council - Cabinet report", "Northamptonshire County Council"),
        ("Cyngor Gwynedd - Pwyllgor Craffu", "Gwynedd Council"),
        ("The City of Edinburgh Council - Education Committee", "City of Edinburgh Council"),
    ],
)
def test_council_from_the_title(title: str, council: str) -> None:
    text = corpus(title, "Present: Councillors A and B.\n" + FILLER)
    assert infer_metadata(text, "x.txt", DIRECTORY).council == council


@pytest.mark.parametrize(
    ("title", "body"),
    [
        (
            "House of Commons Home Affairs Committee - Child sexual exploitation and the "
            "response to localised grooming",
            "Rochdale Borough Council",
        ),
        ("Hansard, House of Commons, 3 March 2009 - Child protection", "Haringey Council"),
        ("Westminster Hall debate: children's social care", "Birmingham City Council"),
        ("Ofsted press release: inspection of services for missing children", "Rochdale"),
        (
            "Department for Children, Schools and Families - The Protection of Children in "
            "England: action plan",
            "Haringey Council",
        ),
        ("Lords Public Services Committee - children's social care", "Slough Council"),
        ("Independent Inquiry into Child Sexual Abuse - Rochdale investigation", "Rochdale"),
        ("Haringey Local Safeguarding Children Board - statement by the chair", "Haringey"),
        ("Public Accounts Committee: children's social care (Slough)", "Slough Borough Council"),
        ("Children's social care reform: written statement HCWS512", "Hackney Council"),
        ("Strip search of children - Urgent Question", "Hackney Council"),
        ("Greater Manchester Police - response to the review", "Rochdale Borough Council"),
        ("NHS Kent and Medway ICB - board papers", "Medway Council"),
        ("NSPCC: learning from case reviews", "Slough Borough Council"),
    ],
)
def test_a_body_s_document_gets_no_council(title: str, body: str) -> None:
    text = corpus(title, f"Evidence from {body} was considered.\n" + FILLER)
    assert infer_metadata(text, "x.txt", DIRECTORY).council is None
    assert DIRECTORY.publisher(text, title).body is not None


def test_a_partnership_gets_its_council_only_where_its_opening_names_it() -> None:
    title = "Croydon Safeguarding Children Partnership annual report"
    alone = DIRECTORY.publisher(corpus(title, FILLER), title)
    assert alone.council is None and alone.body == "Croydon Safeguarding Children Partnership"
    named = corpus(title, "Published by the London Borough of Croydon\n" + FILLER)
    assert DIRECTORY.publisher(named, title).council == "London Borough of Croydon"


def test_annual_report_of_a_partnership() -> None:
    title = "Annual report of the Slough Safeguarding Partnership 2022-23"
    found = DIRECTORY.publisher(corpus(title, FILLER), title)
    assert (found.council, found.body) == (None, "Slough Safeguarding Partnership")


def test_a_council_scrutiny_inquiry_is_not_a_public_inquiry() -> None:
    for title in (
        "Services for Looked After Children Scrutiny Inquiry Panel - final report",
        "Youth Violence Scrutiny Inquiry - recommendations",
    ):
        text = corpus(title, FILLER, source="https://democracy.slough.gov.uk/x")
        found = DIRECTORY.publisher(text, title, "https://democracy.slough.gov.uk/x")
        assert (found.council, found.body) == ("Slough Borough Council", None)
    title = "Independent Inquiry into Child Sexual Abuse - report"
    assert DIRECTORY.publisher("", title).body == "Independent Inquiry into Child Sexual Abuse"


def test_a_council_department_is_not_a_government_department() -> None:
    title = "Report of the Department for Children and Families - Slough Borough Council"
    assert DIRECTORY.publisher(corpus(title, FILLER), title).council == "Slough Borough Council"
    title = "Department for Business, Innovation and Skills - consultation"
    assert DIRECTORY.publisher("", title).body == "Department for Business, Innovation and Skills"


def test_a_place_in_the_body_is_not_the_publisher() -> None:
    text = corpus("Minutes of the scrutiny panel", FILLER + " Sutton Council and Hackney. " * 9)
    assert infer_metadata(text, "x.txt", DIRECTORY).council is None


def test_letterhead_without_corpus_lines() -> None:
    text = "SLOUGH BOROUGH COUNCIL\n\nREPORT TO: Cabinet\nDATE: 5 March 2019\n\n" + FILLER
    meta = infer_metadata(text, "report.txt", DIRECTORY)
    assert meta.council == "Slough Borough Council"
    assert meta.meeting_date == "2019-03-05"
    text = "Report of the Director\n\nLondon Borough of Hackney\nChildren's services\n" + FILLER
    assert infer_metadata(text, "report.txt", DIRECTORY).council == "London Borough of Hackney"


@pytest.mark.parametrize(
    ("url", "council", "body"),
    [
        ("https://democracy.slough.gov.uk/mgAi.aspx?ID=1", "Slough Borough Council", None),
        ("https://hackney.moderngov.co.uk/ieListDocuments.aspx", "London Borough of Hackney", None),
        ("https://democratic.bracknell-forest.gov.uk/x", "Bracknell Forest Council", None),
        ("https://moderngov.lbhf.gov.uk/x", "London Borough of Hammersmith and Fulham", None),
        (
            "https://committees.parliament.uk/publications/1/",
            None,
            "Parliament of the United Kingdom",
        ),
        ("https://www.gov.uk/government/publications/x", None, "HM Government"),
        ("https://www.example.org/slough", None, None),
        (
            "http://webarchive.nationalarchives.gov.uk/20100101/http:/www.dcsf.gov.uk/x",
            None,
            "Department for Children, Schools and Families",
        ),
        (
            "https://webarchive.nationalarchives.gov.uk/2012/https://www.poole.gov.uk/",
            "Borough of Poole",
            None,
        ),
    ],
)
def test_publisher_from_the_address(url: str, council: str | None, body: str | None) -> None:
    text = corpus("Agenda item: children's services", FILLER, source=url)
    found = DIRECTORY.publisher(text, "Agenda item: children's services", url)
    assert (found.council, found.body) == (council, body)


def test_a_leading_title_outranks_the_address() -> None:
    title = "House of Commons - Urgent Question"
    found = DIRECTORY.publisher("", title, "https://democracy.slough.gov.uk/x")
    assert found.council is None and found.body == "House of Commons"


def test_directory_built_from_names() -> None:
    councils = CouncilDirectory(
        (
            CouncilName(
                "London Borough of Sutton",
                ("London Borough of Sutton", "Sutton", "Sutton Council"),
                "Sutton",
            ),
        )
    )
    assert councils.publisher("Sutton Council\n\nMinutes").council == "London Borough of Sutton"
    assert councils.publisher("Minutes\n\nKeith Sutton spoke.").council is None


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        ("", "Cabinet, Thursday 28 October 2010: minutes", "2010-10-28"),
        ("", "Overview and Scrutiny Commission 27/01/2011 (Item 49)", "2011-01-27"),
        ("", "Urgent Question on the Child Q report (March 2022)", "2022-03"),
        ("", "Ofsted: children missing from care (2013)", "2013"),
        ("", "Youth Justice Plan 2018-2019 (minutes)", None),
        ("", "Inspectorate (news story, 2014) - children in care", "2014"),
        ("", "Summary of the review's response to the inquiry, 2011; web archive", "2011"),
        ("", "Changes to the panel after the May 2016 inspection (minutes)", None),
        ("", "Governance review following the 12 May 2016 inspection", None),
        ("", "Cabinet report - June 2021", "2021-06"),
        ("", "Annual Report 2011/12", None),
        ("", "Guidance under the Children Act 2004", None),
        ("", "Fifth Report of Session 2017-19", None),
        ("Committee - Monday 14 October 2024 7.00 pm\n", "Scrutiny Commission", "2024-10-14"),
        ("Minutes\nOctober 14, 2024\nTranscript\n", None, "2024-10-14"),
        ("Report to Cabinet\nDate: 5 March 2019\n", None, "2019-03-05"),
        ("Press release\nPublished: March 2013\n", None, "2013-03"),
        ("People Scrutiny Committee 17 March 2025\n", None, "2025-03-17"),
        ("Minutes\nDate of next meeting: Monday 5 May 2024\n", None, None),
        ("Response\n| Rec 1 | Accepted | 31 March 2020 |\n", None, None),
        ("Action plan\n1. Review the policy 31 March 2020\n", None, None),
        ("Action plan\nTarget date: 31 March 2020\n", None, None),
        ("Minutes\nTo approve the minutes of the meeting held on 22 November 2016\n", None, None),
        (
            "Minutes\nThe report considered at the meeting held on 13 September 2022 "
            "was followed by a long discussion of the matters raised by members, "
            "which went on for some time and covered many subjects in turn.\n",
            None,
            None,
        ),
        ("Minutes\n", "Cabinet (March 2022)", "2022-03"),
        ("Minutes\nTuesday 22 March 2022\n", "Cabinet (March 2022)", "2022-03-22"),
    ],
)
def test_stated_date(text: str, title: str | None, expected: str | None) -> None:
    found = stated_date(text, title)
    assert (found[0] if found else None) == expected


def test_contact_address_in_the_heading() -> None:
    text = (
        "Agenda and minutes\n\nCorporate Parenting Committee - Monday 3 March 2025\n\n"
        "Contact: A Officer  Email: democratic.services@slough.gov.uk\n\n" + FILLER
    )
    assert infer_metadata(text, "x.txt", DIRECTORY).council == "Slough Borough Council"
    text = "Minutes\n\n" + "A paragraph.\n" * 30 + "\nContact: someone@slough.gov.uk\n"
    assert infer_metadata(text, "x.txt", DIRECTORY).council is None  # not in the heading


def test_an_agenda_item_naming_a_body_does_not_hide_the_contact_address() -> None:
    text = (
        "Agenda and minutes\n\nOfsted inspection of children's services - update\n\n"
        "Contact: Clerk  Email: committees@slough.gov.uk\n\n" + FILLER
    )
    assert infer_metadata(text, "x.txt", DIRECTORY).council == "Slough Borough Council"
    text = "Agenda and minutes\n\nOfsted inspection of children's services\n\n" + FILLER
    assert infer_metadata(text, "x.txt", DIRECTORY).council is None


def test_the_council_s_own_building_in_the_venue_line() -> None:
    text = (
        "Agenda and minutes\n\nCabinet - Monday 3 March 2025\n\n"
        "Venue: Committee Room 1, Slough Town Hall, Bath Road\n\n" + FILLER
    )
    assert infer_metadata(text, "x.txt", DIRECTORY).council == "Slough Borough Council"
    # "Worcester" alone would name the city council; the register of seats knows whose
    # County Hall stands there.
    text = "Agenda and minutes\n\nVenue: County Hall, Worcester\n\n" + FILLER
    assert infer_metadata(text, "x.txt", DIRECTORY).council == "Worcestershire County Council"


def test_file_name_date_is_the_last_resort() -> None:
    meta = infer_metadata("Minutes\n\n" + FILLER, "cyp_2016-10-11_minutes.txt", DIRECTORY)
    assert meta.meeting_date == "2016-10-11"
    meta = infer_metadata("Minutes\n\n" + FILLER, "report_2013.txt", DIRECTORY)
    assert meta.meeting_date is None


def test_publisher_stated_beside_the_file(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        "file,source,publisher\n"
        "a.txt,,Slough Council\n"
        "b.txt,https://democracy.brent.gov.uk/mgAi.aspx?ID=1,\n"
        "c.txt,,Ofsted\n",
        encoding="utf-8",
    )
    text = "Minutes\n\n" + FILLER
    found = {
        name: infer_metadata(text, name, DIRECTORY, stated_source(tmp_path / name))
        for name in ("a.txt", "b.txt", "c.txt", "d.txt")
    }
    assert found["a.txt"].council == "Slough Borough Council"
    assert found["b.txt"].council == "London Borough of Brent"
    assert found["b.txt"].source_url and "brent" in found["b.txt"].source_url
    assert (found["c.txt"].council, found["c.txt"].body) == (None, "Ofsted")
    assert found["d.txt"].council is None
    assert stated_source(tmp_path / "d.txt") is None
    assert stated_source(tmp_path / "nowhere" / "x.txt") is None
    assert infer_metadata(text, "x", DIRECTORY, StatedSource(None, "Testshire Council")).council


def test_the_samples_state_their_publishers() -> None:
    samples = Path(__file__).resolve().parent.parent / "data" / "samples"
    for path in sorted(samples.glob("*.txt")):
        source = stated_source(path)
        assert source is not None and source.publisher, path.name
        assert DIRECTORY.named_publisher(source.publisher).council, path.name


@pytest.mark.parametrize(
    ("venue", "council"),
    [
        ("Venue: County Hall, Worcester", "Worcestershire County Council"),
        (
            "Venue: Council Chamber, County Hall, Spetchley Road, Worcester WR5 2NP",
            "Worcestershire County Council",
        ),
        ("Venue: Town Hall, Moorgate Street, Rotherham", "Rotherham Metropolitan Borough Council"),
        ("Venue: Committee Room 1, Civic Centre, Newport", "Newport City Council"),
        ("Venue: County Hall, Newport, Isle of Wight", "Isle of Wight Council"),
        ("Location: Room 5, County Hall, Matlock", "Derbyshire County Council"),
    ],
)
def test_a_council_building_and_its_town_in_the_venue_line_name_the_council(
    venue: str, council: str
) -> None:
    text = f"Agenda and minutes\n\n{venue}\n\nContact: Democratic Services\n\n{FILLER}"
    assert DIRECTORY.publisher(text).council == council


@pytest.mark.parametrize(
    "venue",
    ["Venue: Village Hall, Worcester", "Venue: County Hall, Springfield", "Venue: Online"],
)
def test_a_venue_that_is_not_a_known_council_building_names_no_council(venue: str) -> None:
    text = f"Agenda and minutes\n\n{venue}\n\n{FILLER}"
    assert DIRECTORY.publisher(text).council is None


def test_every_council_seat_names_a_council_of_the_register() -> None:
    from scrutiny.ingest.metadata import SEATS_FILE, read_seats

    labels = {council.label for council in DIRECTORY.councils}
    seats = read_seats(DEFAULT_GAZETTEER_PATH.parent / SEATS_FILE)
    assert len(seats) > 50
    assert {seat.council for seat in seats} <= labels
    # one council per building and town
    assert len({(s.building.lower(), s.town.lower()) for s in seats}) == len(seats)
