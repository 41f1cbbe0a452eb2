"""Recommendation/response extraction from response tables and prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.ingest.extract.records import (
    Extraction,
    LinkKind,
    Recommendation,
    Response,
    ResponseStatus,
)
from scrutiny.ingest.extract.tables import (
    extract_recommendations,
    normalise_status,
    parse_table_rows,
    split_organisations,
    strip_markup,
)

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def canonical(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def recommendations(extraction: Extraction) -> dict[str, Recommendation]:
    return {e.number: e for e in extraction.entities if isinstance(e, Recommendation)}


def responses(extraction: Extraction) -> dict[str, Response]:
    by_recommendation = {
        e.recommendation_key: e for e in extraction.entities if isinstance(e, Response)
    }
    return {key.removeprefix("recommendation-"): r for key, r in by_recommendation.items()}


def assert_spans_slice_source(text: str, extraction: Extraction) -> None:
    for entity in extraction.entities:
        assert entity.span.slice(text).strip(), entity.key
        assert 0.0 <= entity.confidence <= 1.0
    keys = [entity.key for entity in extraction.entities]
    assert len(keys) == len(set(keys))


# --- helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Accept", ResponseStatus.ACCEPTED),
        ("Accepted", ResponseStatus.ACCEPTED),
        ("<p>Amend – Officers to provide Governor training</p>", ResponseStatus.PARTIALLY_ACCEPTED),
        ("Amend", ResponseStatus.PARTIALLY_ACCEPTED),
        ("Partial", ResponseStatus.PARTIALLY_ACCEPTED),
        ("Reject – outside the council's remit", ResponseStatus.REJECTED),
        ("Noted", ResponseStatus.NOTED),
        ("Ongoing", None),
        ("✓", ResponseStatus.ACCEPTED),
        ("Y", ResponseStatus.ACCEPTED),
        ("X", ResponseStatus.REJECTED),
        ("✗", ResponseStatus.REJECTED),
        ("N", ResponseStatus.REJECTED),
        ("Next year", None),
        ("Already being implemented", ResponseStatus.ALREADY_IN_PLACE),
    ],
)
def test_status_normalisation(cell: str, expected: ResponseStatus | None) -> None:
    assert normalise_status(cell) is expected


@pytest.mark.parametrize(
    ("cell", "owners"),
    [
        (
            "LBWF, MOPAC, Dept of Ed and Ministry of Justice",
            ("LBWF", "MOPAC", "Dept of Ed", "Ministry of Justice"),
        ),
        (
            "Corporate Parenting Board/ Democratic services",
            ("Corporate Parenting Board", "Democratic services"),
        ),
        ("Voice and Influence", ("Voice and Influence",)),
        ("Youth and Family Resilience Service", ("Youth and Family Resilience Service",)),
        ("Housing; Children's Social Care", ("Housing", "Children's Social Care")),
        ("LBWF and Dept of Ed", ("LBWF", "Dept of Ed")),
    ],
)
def test_split_organisations(cell: str, owners: tuple[str, ...]) -> None:
    assert split_organisations(cell) == owners


def test_strip_markup_removes_tags_and_entities() -> None:
    assert strip_markup("<p>Families&nbsp;Directorate</p> <ol style='x'>") == "Families Directorate"


def test_parse_rows_with_and_without_leading_pipes_and_tabs() -> None:
    text = "| a | b |\n|---|---|\n1 | x | y\nFinding 1\tSubject\tLead\nplain prose line\n"
    rows = parse_table_rows(text)
    assert [[cell.text for cell in row.cells] for row in rows] == [
        ["a", "b"],
        ["1", "x", "y"],
        ["Finding 1", "Subject", "Lead"],
    ]
    for row in rows:
        for cell in row.cells:
            assert cell.span.slice(text) == cell.text


# --- response table with page breaks -------------------------------------------------


def test_page_break_continuations_rejoin_text_and_owners() -> None:
    text = canonical(FIXTURES / "response_table_page_breaks.md")
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert sorted(recs, key=int) == [str(n) for n in range(4, 13)]
    seven = recs["7"]
    assert "simplified and well signposted" in seven.text
    assert "entitled to support until the age of 25" in seven.text
    assert "entitled to support until the age of 25" in seven.span.slice(text)
    assert responses(extraction)["7"].owners == ("Corporate Parenting Team", "Voice and Influence")
    assert recs["9"].text.endswith(
        "provided by Waltham Forest council and its partners/stakeholders."
    )
    assert_spans_slice_source(text, extraction)


def test_section_rows_label_following_recommendations() -> None:
    text = canonical(FIXTURES / "response_table_page_breaks.md")
    recs = recommendations(extract_recommendations(text))
    assert recs["4"].section is None
    assert {recs[n].section for n in ("5", "6", "7", "8", "9", "10")} == {"Care Leavers"}
    assert recs["11"].section == "Education"
    assert recs["12"].section == "Education"


def test_html_stripped_but_span_verbatim() -> None:
    text = canonical(FIXTURES / "response_table_page_breaks.md")
    extraction = extract_recommendations(text)
    twelve = recommendations(extraction)["12"]
    response = responses(extraction)["12"]
    assert twelve.text == (
        "Officers seek to find ways to standardise careers training across schools"
    )
    assert twelve.span.slice(text).startswith("<p>Recommendation 12")
    assert "<" not in response.comment and "<" not in response.status_text
    assert response.status is ResponseStatus.PARTIALLY_ACCEPTED
    assert response.status_text.startswith("Amend – Officers to provide Governor training")
    assert response.owners == ("Families Directorate",)


def test_responses_link_to_their_recommendations() -> None:
    extraction = extract_recommendations(canonical(FIXTURES / "response_table_page_breaks.md"))
    response_keys = {e.key for e in extraction.entities if isinstance(e, Response)}
    assert {(link.source_key, link.kind, link.target_key) for link in extraction.links} == {
        (key, LinkKind.RESPONDS_TO, key.replace("response-", "recommendation-"))
        for key in response_keys
    }


def test_seed_response_table_acceptance() -> None:
    text = canonical(SAMPLES / "000_d36982314f02b529.txt")
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert len(recs) == 12
    statuses = {number: r.status for number, r in responses(extraction).items()}
    assert len(statuses) == 12
    partial = {n for n, s in statuses.items() if s is ResponseStatus.PARTIALLY_ACCEPTED}
    assert partial == {"5", "10", "12"}
    assert sum(s is ResponseStatus.ACCEPTED for s in statuses.values()) == 9
    assert recs["2"].section == "Youth Justice System"
    assert recs["1"].section is None
    assert responses(extraction)["10"].owners == ("Workforce Development", "People's Directorate")
    assert_spans_slice_source(text, extraction)


# --- inquiry tables (no leading pipe, id column) ---------------------------------------


def test_inquiry_table_rows_with_ids_and_statuses() -> None:
    text = canonical(FIXTURES / "inquiry_response_table.txt")
    extraction = extract_recommendations(text)
    statuses = {number: r.status for number, r in responses(extraction).items()}
    assert statuses == {
        "1": ResponseStatus.ACCEPTED,
        "2a": ResponseStatus.ACCEPTED,
        "2b": ResponseStatus.ACCEPTED,
        "4a(i)": ResponseStatus.ACCEPTED,
        "4a(iv)": ResponseStatus.PARTIALLY_ACCEPTED,
        "13": ResponseStatus.REJECTED,
    }
    recs = recommendations(extraction)
    assert recs["1"].text == "The compensation scheme should be set up now."
    assert responses(extraction)["1"].comment.startswith("This recommendation is accepted in full.")
    assert recs["4a(i)"].key == "recommendation-4a(i)"
    assert_spans_slice_source(text, extraction)


def test_status_inferred_from_response_when_column_missing() -> None:
    text = (
        "Rec ID | Recommendation | Response\n"
        "1 | Publish the plan. | The department rejects this recommendation.\n"
        "2 | Fund advocacy. | Progress update to follow.\n"
    )
    extraction = extract_recommendations(text)
    assert set(recommendations(extraction)) == {"1", "2"}
    found = responses(extraction)
    assert set(found) == {"1"}
    assert found["1"].status is ResponseStatus.REJECTED
    assert found["1"].confidence < 0.9


# --- prose --------------------------------------------------------------------------


def test_prose_recommendations_skip_contents_and_references() -> None:
    text = canonical(FIXTURES / "prose_recommendations.txt")
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert set(recs) == {"1", "2"}
    assert recs["1"].text == (
        "A simplified structure for whole-system civil emergency preparedness and resilience"
    )
    assert recs["2"].text == "Regular use of red teams"
    # both come from the body, not the table of contents
    assert all(r.span.start > text.index("\n9\n") for r in recs.values())
    assert not any(isinstance(e, Response) for e in extraction.entities)
    assert_spans_slice_source(text, extraction)


def test_mentions_without_label_colon_are_not_recommendations() -> None:
    text = canonical(FIXTURES / "report_not_minutes.txt")
    assert extract_recommendations(text).entities == ()


def test_numbered_list_introduced_as_recommendations() -> None:
    text = (
        "The Society made the following recommendations as follows:-\n\n"
        "1.    Make sure that care leavers face a less severe sanction regime.\n\n"
        "2.    Exempt all care leavers under 25 from council tax.\n\n"
        "Members acknowledged the report.\n"
        "RESOLVED:\n1. That the report be noted.\n"
    )
    recs = recommendations(extract_recommendations(text))
    assert set(recs) == {"1", "2"}
    assert recs["2"].text == "Exempt all care leavers under 25 from council tax."
    assert recs["2"].span.slice(text) == recs["2"].text
    assert recs["1"].confidence < 0.75


def test_repeated_header_after_page_break_keeps_section() -> None:
    text = (
        "| Recommendation | Status | Lead |\n|---|---|---|\n| Care Leavers | | |\n"
        "| Recommendation 1: Review housing. | Agreed | Housing Service |\n\n"
        "| Recommendation | Status | Lead |\n|---|---|---|\n"
        "| Recommendation 2: Publish the offer. | Not agreed | Children's Services |\n"
    )
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert recs["2"].section == "Care Leavers"
    assert responses(extraction)["2"].status is ResponseStatus.REJECTED
    assert responses(extraction)["1"].owners == ("Housing Service",)


def test_repeated_header_row_lets_a_cut_row_go_on() -> None:
    text = (
        "| No | Recommendation | Response | Lead |\n|---|---|---|---|\n"
        "| 1 | Open a family hub in the north of the borough, | Agreed | Housing |\n\n"
        "Page 2 of 5\n\n"
        "| No | Recommendation | Response | Lead |\n|---|---|---|---|\n"
        "| | using empty council buildings. | | |\n"
        "| 2 | Publish the waiting list. | Declined | Housing |\n"
    )
    recs = recommendations(extract_recommendations(text))
    assert recs["1"].text.endswith("borough, using empty council buildings.")
    assert recs["2"].text == "Publish the waiting list."


def test_tick_columns_headed_by_any_status() -> None:
    text = (
        "| Ref | Recommendation | Fully accept | Accept in part | Not accepted | Lead |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Publish the data. | ✔ | | | Data Team |\n"
        "| 2 | Fund two posts. | | ✔ | | Finance |\n"
        "| 3 | Close the office. | | | ✔ | Estates |\n"
    )
    statuses = {n: r.status for n, r in responses(extract_recommendations(text)).items()}
    assert statuses == {
        "1": ResponseStatus.ACCEPTED,
        "2": ResponseStatus.PARTIALLY_ACCEPTED,
        "3": ResponseStatus.REJECTED,
    }


def test_letters_and_roman_numerals_number_rows() -> None:
    text = (
        "No\tRecommendation\tStatus\n"
        "(i)\tReview the policy.\tAgreed\n"
        "ii.\tTrain the staff.\tNot agreed\n\n"
        "| Ref | Recommendation | Decision |\n|---|---|---|\n"
        "| 3 | Improve the website: | Agreed |\n"
        "| (a) | publish the minutes online; | Agreed |\n"
        "| (b) | stream every meeting. | Deferred |\n"
    )
    extraction = extract_recommendations(text)
    assert set(recommendations(extraction)) >= {"i", "ii", "3", "3a", "3b"}
    assert responses(extraction)["3b"].status is ResponseStatus.DEFERRED


def test_page_number_and_running_header_inside_a_laid_out_table_are_dropped() -> None:
    text = (
        "No   Recommendation                      Status        Lead officer\n"
        "1    Offer every tenant a home visit     Agreed        Head of Housing\n"
        "                     Page 4 of 9\n"
        "Housing Committee                                     1 May 2025\n"
        "No   Recommendation                      Status        Lead officer\n"
        "     before the tenancy starts.\n"
        "2    Review the allocations scheme.      Deferred      Head of Lettings\n"
    )
    rows = parse_table_rows(text)
    assert not any("Page" in cell.text or "May" in cell.text for row in rows for cell in row.cells)
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert recs["1"].text == "Offer every tenant a home visit before the tenancy starts."
    assert responses(extraction)["1"].owners == ("Head of Housing",)
    assert responses(extraction)["2"].status is ResponseStatus.DEFERRED


def test_bold_labels_in_a_cell_are_not_part_of_the_text() -> None:
    text = (
        "| Recommendation | Decision | Lead |\n|---|---|---|\n"
        "| **R1** Publish a housing strategy. | Agreed | Head of Housing |\n"
        "| **Rec 2:** Freeze rents for a year. | Not agreed | Director of Finance |\n"
    )
    recs = recommendations(extract_recommendations(text))
    assert recs["1"].text == "Publish a housing strategy."
    assert recs["2"].text == "Freeze rents for a year."


def test_recommendation_n_dash_status_lines_are_responses() -> None:
    text = (
        "RESOLVED that the responses to the recommendations be agreed as follows:\n"
        "1. Recommendation 1 – agreed.\n"
        "2. Recommendation 2: not agreed, as the budget is committed.\n"
        "3. Recommendations 3 and 4 – deferred.\n"
    )
    extraction = extract_recommendations(text)
    statuses = {n: r.status for n, r in responses(extraction).items()}
    assert statuses == {
        "1": ResponseStatus.ACCEPTED,
        "2": ResponseStatus.REJECTED,
        "3": ResponseStatus.DEFERRED,
        "4": ResponseStatus.DEFERRED,
    }


def test_a_paragraph_answering_the_recommendation_above_is_its_response() -> None:
    text = (
        "Recommendation 1: The council should publish a housing strategy.\n"
        "The Executive accepts this recommendation. A strategy will follow.\n\n"
        "Recommendation 2: Rents should be frozen for a year.\n"
        "Not accepted – rents are set nationally.\n"
        "Lead officer: Director of Finance\n\n"
        "Recommendation 3: A tenants' forum should be set up.\n"
        "Support for tenants is reviewed every year.\n"
    )
    extraction = extract_recommendations(text)
    found = responses(extraction)
    assert found["1"].status is ResponseStatus.ACCEPTED
    assert found["2"].status is ResponseStatus.REJECTED
    assert found["2"].owners == ("Director of Finance",)
    assert "3" not in found


def test_a_row_of_sentences_is_data_not_a_header() -> None:
    # the response cell mentions "recommendation" and the text cell "services": still a row
    text = (
        "| No. | Recommendation | Response | Lead officer | Timescale |\n"
        "| 1 | Review the charging policy for day services. | The Cabinet welcomes this "
        "recommendation. Agreed. | Head of Adult Social Care | March 2026 |\n"
        "| 2 | Publish the waiting list monthly. | We will not do this. Not agreed. | "
        "Performance Lead | |\n"
    )
    extraction = extract_recommendations(text)
    assert set(recommendations(extraction)) == {"1", "2"}
    found = responses(extraction)
    assert found["1"].status is ResponseStatus.ACCEPTED
    assert found["2"].status is ResponseStatus.REJECTED


def test_html_cells_spanning_rows_and_columns_keep_later_cells_in_their_columns() -> None:
    from scrutiny.ingest.readers import read_canonical_text

    markup = b"""<table>
<tr><th rowspan="2">Ref</th><th rowspan="2">Recommendation</th>
<th colspan="2">Cabinet response</th><th rowspan="2">Lead member</th><th rowspan="2">Due</th></tr>
<tr><th>Accepted?</th><th>Comments</th></tr>
<tr><td>1</td><td>Review the charging policy.</td><td>Yes</td><td>From May.</td>
<td rowspan="2">Cllr Patel</td><td>June 2026</td></tr>
<tr><td>2</td><td>Close the day centre.</td><td>No</td><td>It is needed.</td><td></td></tr>
</table>"""
    text = read_canonical_text(Path("response.html"), markup, max_bytes=1_000_000)[1]
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    found = responses(extraction)
    assert found["1"].status is ResponseStatus.ACCEPTED
    assert found["2"].status is ResponseStatus.REJECTED
    assert found["2"].owners == ("Cllr Patel",)
    assert recs["1"].due == "June 2026" and not recs["2"].due


def test_a_tab_separated_cell_wrapping_onto_the_next_line_continues_the_row() -> None:
    text = (
        "Rec\tRecommendation\tResponse\tOwner\tDue\n"
        "R1\tReview the charging policy\tAgreed\tHead of Adult Social Care\tMarch 2026\n"
        "\tfor day services.\t\t\t\n"
        "R2\tClose the day centre.\tNot agreed\tHead of Adult Social Care\t\n"
    )
    recs = recommendations(extract_recommendations(text))
    assert recs["1"].text == "Review the charging policy for day services."
    assert recs["2"].text == "Close the day centre."


def test_flattened_pdf_table_with_a_wrapped_header_a_rag_column_and_a_wrapped_status() -> None:
    # what a PDF reader gives for a table read in content order: cells joined by spaces
    text = (
        "No Recommendation Executive Responsible Target date RAG\n"
        "response officer\n"
        "1 Review the charging policy for Partially Head of Adult March 2026 Amber\n"
        "day services. agreed Social Care\n"
        "2 Publish the waiting list monthly. Agreed Performance Lead April 2026 Green\n"
    )
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    found = responses(extraction)
    assert recs["1"].text == "Review the charging policy for day services."
    assert found["1"].status is ResponseStatus.PARTIALLY_ACCEPTED
    assert recs["1"].owners == ("Head of Adult Social Care",)
    assert (recs["1"].due, recs["1"].progress) == ("March 2026", "Amber")
    assert (recs["2"].due, recs["2"].progress) == ("April 2026", "Green")
    assert found["2"].status is ResponseStatus.ACCEPTED


def test_a_laid_out_header_wrapping_onto_a_second_line() -> None:
    text = (
        "Ref  Recommendation                        Cabinet      Lead              Target\n"
        "                                           response     officer           date\n"
        "1    Extend the crossing patrol service    Agreed       Head of Highways  May 2026\n"
        "     to all primary schools.\n"
        "2    Introduce 20mph zones near schools.   Not agreed   Head of Highways\n"
    )
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert recs["1"].text == "Extend the crossing patrol service to all primary schools."
    assert recs["1"].due == "May 2026"
    assert responses(extraction)["2"].status is ResponseStatus.REJECTED
    assert responses(extraction)["2"].owners == ("Head of Highways",)


def test_recommendation_detail_is_the_recommendation_column() -> None:
    text = (
        "| Recommendation number | Recommendation detail | Agreed / not agreed | Lead |\n"
        "|---|---|---|---|\n"
        "| Recommendation 1 | Extend the crossing patrol service. | Agreed | Head of Highways |\n"
        "| Recommendation 2 | Introduce 20mph zones. | Not agreed | Head of Highways |\n"
    )
    extraction = extract_recommendations(text)
    assert recommendations(extraction)["2"].text == "Introduce 20mph zones."
    assert responses(extraction)["2"].status is ResponseStatus.REJECTED


def test_a_numbered_paragraph_answered_by_a_response_line_is_a_recommendation() -> None:
    text = (
        "Scrutiny review of road safety\n\n"
        "1. Extend the crossing patrol service to all primary schools.\n"
        "Response: Accepted. Funding has been found.\n\n"
        "2. Introduce 20mph zones around schools.\n\n"
        "Response: Rejected.\n\n"
        "3. The meeting closed at 8pm.\n"
    )
    extraction = extract_recommendations(text)
    assert set(recommendations(extraction)) == {"1", "2"}
    assert responses(extraction)["1"].status is ResponseStatus.ACCEPTED
    assert responses(extraction)["2"].status is ResponseStatus.REJECTED


def test_flattened_pdf_table_broken_across_pages() -> None:
    text = (
        "Rec Recommendation Response Owner Target date\n"
        "R1 Fund evening bus services on Accepted Head of Transport April 2026\n"
        "routes 4 and 7.\n"
        "R2 Extend concessionary fares to Accepted in part Head of Transport June 2026\n"
        "companions of disabled\n"
        "Page 1 of 2\n\n"
        "Rec Recommendation Response Owner Target date\n"
        "passengers.\n"
        "R3 Set up a bus users' forum. Rejected Passenger Transport\n"
        "Manager\n"
        "Page 2 of 2\n"
    )
    extraction = extract_recommendations(text)
    recs = recommendations(extraction)
    assert recs["2"].text == "Extend concessionary fares to companions of disabled passengers."
    assert recs["3"].text == "Set up a bus users' forum."
    assert responses(extraction)["3"].status is ResponseStatus.REJECTED
    assert recs["3"].owners == ("Passenger Transport Manager",)


def test_responses_stated_in_sentences_take_the_whole_status_phrase() -> None:
    text = (
        "Cabinet response\n\n"
        "Recommendation 1 remains under consideration pending the budget.\n"
        "Recommendation 2 has been partially agreed.\n"
        "Recommendation 3 is agreed in principle.\n"
        "Recommendation 4 was declined by Cabinet.\n"
    )
    statuses = {n: r.status for n, r in responses(extract_recommendations(text)).items()}
    assert statuses == {
        "1": ResponseStatus.UNDER_CONSIDERATION,
        "2": ResponseStatus.PARTIALLY_ACCEPTED,
        "3": ResponseStatus.PARTIALLY_ACCEPTED,
        "4": ResponseStatus.REJECTED,
    }


def test_numbers_word_and_html_lists_show_are_read_with_the_items() -> None:
    import io

    import docx

    from scrutiny.ingest.readers import read_canonical_text

    document = docx.Document()
    document.add_paragraph("A bulleted note on the meeting arrangements.", style="List Bullet")
    document.add_paragraph("The Panel recommends that the Executive:")
    document.add_paragraph("creates one hundred new allotment plots;", style="List Number")
    document.add_paragraph("freezes allotment rents for two years.", style="List Number")
    document.add_paragraph("The meeting closed at eight o'clock in the evening.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_canonical_text(Path("r.docx"), buffer.getvalue(), max_bytes=10_000_000)[1]
    assert "1. creates one hundred" in text and "2. freezes" in text
    assert text.startswith("• A bulleted note")  # a bullet shows as Word shows it
    recs = recommendations(extract_recommendations(text))
    assert recs["2"].text == "freezes allotment rents for two years."
    assert recs["2"].owners == ("the Executive",)

    markup = (
        b"<h2>Recommendations</h2><ol type='a' start='2'><li>That the council creates new "
        b"allotment plots.</li><li>That allotment rents are frozen for two years.</li></ol>"
        b"<p>Recommendation b is accepted. Recommendation c is rejected.</p>"
    )
    text = read_canonical_text(Path("r.html"), markup, max_bytes=1_000_000)[1]
    assert "b. That the council" in text and "c. That allotment" in text
    recs = recommendations(extract_recommendations(text))
    assert "allotment rents" in recs["c"].text


def test_a_title_ending_in_lowercase_does_not_hide_the_recommendation_under_it() -> None:
    text = (
        "Response to the review of allotments\n"
        "Recommendation 1\n"
        "That the council creates one hundred new allotment plots.\n"
        "Response: Agreed.\n"
        "The report refers to the evidence set out in\n"
        "Recommendation 2\n"
        "of the earlier review.\n"
    )
    extraction = extract_recommendations(text)
    assert set(recommendations(extraction)) == {"1"}
    assert responses(extraction)["1"].status is ResponseStatus.ACCEPTED
