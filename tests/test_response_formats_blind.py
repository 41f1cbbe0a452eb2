"""More response documents, in formats and wordings the extractors were not written against.

Each case is one published response document as ingest reads it: DOCX and HTML go through
the real readers, PDFs are given either as the text layout a PDF reader gives or as a small
generated PDF read through the real reader. Each lists the recommendations a reader of that
document would record, with their status, owner, due date and progress. The documents
spread over numbering (1, 1.1, R1, Rec 1, Recommendation One, (a), ii), headings
("Recommendations", "The Committee recommends", "Cabinet is recommended to", "RESOLVED
that"), tables (DOCX, HTML, PDF layout, markdown pipes, tabs), header wordings for the
status, owner and due columns, tick columns, the whole status vocabulary, responses written
as prose, progress columns, and rows broken across a page.
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io

import pytest
from response_documents import Case, Expected, pdf_bytes, read, recommendations_of, responses_of

from scrutiny.ingest.extract.recommendations import extract_recommendations


def docx_table(
    title: str, intro: str, header: tuple[str, ...], rows: list[tuple[str, ...]]
) -> bytes:
    """A DOCX with a heading, a paragraph and one table; a row of one value is a section
    heading merged across the whole row."""
    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    document.add_paragraph(intro)
    table = document.add_table(rows=1, cols=len(header))
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        cells = table.add_row().cells
        if len(values) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = values[0]
            continue
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- documents ------------------------------------------------------------------------

# DOCX: "Rec 1" numbering, a "Decision" column, "Lead member", "By when"; approved /
# supported / declined / under consideration.
DOCX_DECISION = docx_table(
    "Adult Social Care Scrutiny Commission: hospital discharge review",
    "Executive decision on the Commission's recommendations, taken on 2 October 2025.",
    ("Ref", "Recommendation", "Decision", "Lead member", "By when"),
    [
        (
            "Rec 1",
            "The council should commission enough reablement places to meet winter demand.",
            "Approved. Forty extra places are funded from November.",
            "Cabinet Member for Adult Social Care",
            "November 2025",
        ),
        (
            "Rec 2",
            "Discharge-to-assess beds should be reviewed jointly with the hospital trust.",
            "Supported – a joint review has been scheduled with the trust.",
            "Cabinet Member for Health and Wellbeing",
            "January 2026",
        ),
        (
            "Rec 3",
            "Carers should receive a written discharge plan 48 hours before discharge.",
            "Declined. The hospital trust sets discharge timings, not the council.",
            "Cabinet Member for Adult Social Care",
            "",
        ),
        (
            "Rec 4",
            "Publish monthly delayed discharge figures on the council website.",
            "Under consideration while the data-sharing agreement is finalised.",
            "Leader of the Council",
            "",
        ),
    ],
)

# DOCX: the columns "No | Recommendation | Response | Lead officer | Comments", numbers
# written "1.", a section row merged across the table.
DOCX_RESPONSE_COMMENTS = docx_table(
    "Review of private fostering arrangements – service response",
    "The Children's Services Scrutiny Sub-Committee reported in July. The service's response follows.",
    ("No", "Recommendation", "Response", "Lead officer", "Comments"),
    [
        ("Raising awareness",),
        (
            "1.",
            "Run an annual private fostering awareness campaign aimed at schools and GPs.",
            "Accepted",
            "Private Fostering Co-ordinator",
            "The first campaign will coincide with the start of the school year.",
        ),
        (
            "2.",
            "Add a private fostering question to the school admissions form.",
            "Partially accepted",
            "Admissions Manager",
            "Community schools only; academies set their own forms.",
        ),
        ("Assessment",),
        (
            "3.",
            "Visit every notified arrangement within three working days.",
            "Not accepted",
            "Head of Fieldwork",
            "The statutory seven days remains the standard; resources are not available.",
        ),
        (
            "4.",
            "Report the number of notifications to the committee each year.",
            "Noted",
            "Head of Fieldwork",
            "Figures already appear in the annual safeguarding report.",
        ),
    ],
)

# DOCX: Accept / Partially accept / Reject tick columns marked with X.
DOCX_TICKS = docx_table(
    "Environment Scrutiny Board: review of fly-tipping – Cabinet Member response",
    "The Cabinet Member has indicated a response to each recommendation below.",
    (
        "Ref",
        "Recommendation",
        "Accept",
        "Partially accept",
        "Reject",
        "Lead officer",
        "Target date",
    ),
    [
        (
            "1",
            "Install mobile CCTV at the ten worst fly-tipping hotspots.",
            "X",
            "",
            "",
            "Head of Environmental Enforcement",
            "March 2026",
        ),
        (
            "2",
            "Offer one free bulky waste collection to every household each year.",
            "",
            "",
            "X",
            "Head of Waste Services",
            "",
        ),
        (
            "3",
            "Publish the names of people convicted of fly-tipping.",
            "",
            "X",
            "",
            "Head of Communications",
            "December 2025",
        ),
    ],
)

# HTML: numbered 1.1, section rows, "Cabinet response", "For the attention of",
# "Target date", and a "Status" column that records progress.
HTML_PROGRESS = """<html><head><title>Cabinet response - obesity task group</title></head><body>
<h2>Healthy Weight Task Group: Cabinet response and progress</h2>
<p>This table sets out the Cabinet response to each recommendation and progress to date.</p>
<table border="1">
<thead>
<tr><th>Ref</th><th>Recommendation</th><th>Cabinet response</th><th>For the attention of</th><th>Target date</th><th>Status</th></tr>
</thead>
<tbody>
<tr><td colspan="6"><strong>1. Food environment</strong></td></tr>
<tr><td>1.1</td><td>Restrict new hot food takeaways within 400 metres of a secondary school.</td>
<td>Agreed</td><td>Head of Planning Policy</td><td>30 September 2025</td><td>On track</td></tr>
<tr><td>1.2</td><td>Ban advertising of foods high in fat, salt and sugar on council-owned sites.</td>
<td>Not agreed - the advertising contract runs until 2028.</td><td>Head of Commercial Services</td><td></td><td>Not started</td></tr>
<tr><td colspan="6"><strong>2. Physical activity</strong></td></tr>
<tr><td>2.1</td><td>Offer free swimming to children in the school holidays.</td>
<td>Noted. Funding is being sought from the leisure operator.</td><td>Leisure Contract Manager</td><td>Summer 2026</td><td>Delayed</td></tr>
<tr><td>2.2</td><td>Map safe walking routes to every primary school.</td>
<td>Partially agreed; routes will be mapped for schools in priority wards first.</td><td>Road Safety Team Leader</td><td>July 2025</td><td>Complete</td></tr>
</tbody>
</table>
</body></html>
"""

# HTML: lettered (a)-(c), header cells written as bold <td>, paragraphs and line breaks in
# cells, "Executive response", "Responsible officer", "Due".
HTML_LETTERED = """<!DOCTYPE html>
<html><body>
<h1>Executive response to the Overview and Scrutiny Management Board</h1>
<h2>Scrutiny inquiry into home to school transport</h2>
<table>
<tr><td><strong>Rec</strong></td><td><strong>Recommendation</strong></td>
<td><strong>Executive response</strong></td><td><strong>Responsible officer</strong></td><td><strong>Due</strong></td></tr>
<tr><td>(a)</td><td><p>That the travel assistance policy is rewritten in plain English</p><p>and tested with parents before publication.</p></td>
<td><p>Accepted in part.</p><p>The policy will be rewritten; testing will be with the parent carer forum only.</p></td>
<td>Head of SEND Transport</td><td>February 2026</td></tr>
<tr><td>(b)</td><td>That a pupil escort is provided on every route<br>carrying a child under eight.</td>
<td>Rejected. Escorts are provided according to assessed need.</td>
<td>Head of SEND Transport</td><td></td></tr>
<tr><td>(c)</td><td>That drivers receive training in autism awareness.</td>
<td>Already in place: all contracted drivers complete the course on appointment.</td>
<td>Passenger Transport Manager</td><td></td></tr>
</table>
</body></html>
"""

# PDF text layout: R1-R4, an "Agreed?" column with Yes / No / Partially, "Owner", "Target
# date"; row R2 is broken across a page whose footer and repeated header fall inside it.
PDF_AGREED = """Housing Scrutiny Committee – review of temporary accommodation
Response of the Cabinet Member for Housing

Rec   Recommendation                                     Agreed?     Owner                          Target date
R1    Families with children should not be placed        Yes         Head of Housing Options        December 2025
      in bed and breakfast for more than six weeks.
R2    The council should open a second family hub        Partially   Director of Housing            April 2026
      in the north of the borough, using

                                                                                              Page 2 of 4

Housing Scrutiny Committee                                                                    3 June 2025
Rec   Recommendation                                     Agreed?     Owner                          Target date
      empty council buildings where possible.
R3    Every household in temporary accommodation         No          Head of Housing Options
      should have a named caseworker.
R4    Publish the number of households in temporary      Yes         Housing Performance Manager    Quarterly from July 2025
      accommodation each quarter.
"""

# PDF text layout: a "Status" column with the acceptance, a RAG column with progress,
# "Responsible officer", and a page footer inside row 1.
PDF_STATUS_RAG = """Corporate Parenting Panel                                                           Appendix B
Response to the review of housing for care leavers

No   Recommendation                                Status             Responsible officer      Target date   RAG
1    Ring-fence twenty council tenancies a year    Agreed             Head of Lettings         March 2026    Green

                                         Page 3 of 4

     for care leavers leaving foster care.
2    Offer every care leaver a tenancy             Partially agreed   Leaving Care Manager     June 2026     Amber
     sustainment course before they move in.
3    Waive rent arrears for care leavers           Not agreed         Director of Finance
     under the age of 25.
4    Give care leavers priority banding on         Already in place   Head of Lettings                       Complete
     the housing register.
"""

# A generated PDF read by the real reader: "Rec 1" numbering, "Cabinet response", "Lead
# officer", "Timescale"; wrapped cells on the next baseline.
PDF_GENERATED = [
    (40, 550, "Ref"), (85, 550, "Recommendation"), (330, 550, "Cabinet response"),
    (450, 550, "Lead officer"), (600, 550, "Timescale"),
    (40, 530, "Rec 1"), (85, 530, "Extend the opening hours of the"), (330, 530, "Accepted"),
    (450, 530, "Head of Libraries"), (600, 530, "April 2026"),
    (85, 519, "central library to 8pm on weekdays."),
    (40, 500, "Rec 2"), (85, 500, "Install free sanitary product"), (330, 500, "Noted"),
    (450, 500, "Facilities Manager"), (600, 500, "2026/27"),
    (85, 489, "dispensers in every library."),
    (40, 470, "Rec 3"), (85, 470, "Waive fines for all overdue"), (330, 470, "Declined"),
    (450, 470, "Head of Libraries"),
    (85, 459, "children's books permanently."),
]  # fmt: skip

# Markdown: plain numbers, "Executive response", "Action by", "Due", a "Progress" column.
MARKDOWN_PROGRESS = """## Executive response and progress: review of apprenticeships

| # | Recommendation | Executive response | Action by | Due | Progress |
|:-:|----------------|--------------------|-----------|-----|----------|
| 1 | Ring-fence ten council apprenticeships for care leavers each year. | Agreed | Head of Organisational Development | April 2025 | Complete |
| 2 | Pay apprentices the real living wage from their first day. | Partially agreed: from the second year of the apprenticeship. | Head of Finance | April 2026 | On track |
| 3 | Require every contractor over £1m to employ a local apprentice. | Not agreed | Head of Procurement | | |
| 4 | Hold an apprenticeship fair in each district. | Deferred to 2026/27 | Economic Development Manager | Spring 2027 | Not started |
"""

# Markdown: "Rec 1" in the number column, an "Accepted?" column of ticks and crosses.
MARKDOWN_TICKS = """Scrutiny Commission – review of library services: Cabinet Member response

| Rec | Recommendation | Accepted? | Lead officer | Timescale |
|-----|----------------|-----------|--------------|-----------|
| Rec 1 | Keep every branch library open at least four days a week. | ✓ | Head of Libraries | 2025/26 |
| Rec 2 | Restore the mobile library service to rural villages. | X | Head of Libraries | |
| Rec 3 | Lend laptops and data bundles to digitally excluded residents. | ✓ | Head of Digital Inclusion | Spring 2026 |
"""

# Tabs: roman numbering, "Cabinet response", "Lead", "Timescale".
TABS_ROMAN = (
    "Cabinet response to the Community Safety Scrutiny Panel: anti-social behaviour\n\n"
    "No.\tRecommendation\tCabinet response\tLead\tTimescale\n"
    "i\tRecruit four additional neighbourhood wardens for the town centre.\tApproved\t"
    "Community Safety Manager\tJanuary 2026\n"
    "ii\tClose the underpass at Station Road after 10pm.\tRejected\tHighways Manager\t\n"
    "iii\tRun a public space protection order consultation in the park.\tDeferred\t"
    "Community Safety Manager\tSummer 2026\n"
    "iv\tFund a youth outreach bus on Friday nights.\tUnder consideration\t"
    "Youth Services Manager\t\n"
)

# Pipes without outer bars or a rule line, as a national body's response table.
PIPES_NATIONAL = """Department response to the inspectorate's thematic review of youth remand

No. | Recommendation | Department response | Status
1 | The Department should publish remand data by local authority each quarter. | We will publish the data from the next quarterly release. | Accepted
2 | Youth custody places should be available within 50 miles of every child's home. | We will increase capacity in the north but cannot guarantee the distance. | Accepted in part
3 | Local authorities should receive the full cost of remand placements. | Costs will remain shared between the Department and local authorities. | Not accepted
4 | The Department should review bail support funding. | A review is being scoped with the Youth Justice Board. | Under consideration
"""

# Prose: "R1." paragraphs with "Response: Accepted." and labelled lines.
RESPONSE_PARAGRAPHS = """Cost of living scrutiny review – Cabinet Member response

R1. Improve the signposting of the council's cost of living support so that residents find it in one place.
Response: Accepted. A single web page and leaflet will be launched in October.
Responsible officer: Head of Customer Services
Target date: October 2025

R2. Write off council tax arrears for households receiving universal credit.
Response: Not accepted. The council cannot afford a general write-off.
Responsible officer: Head of Revenues and Benefits

R3. Provide warm spaces in every library during the winter.
Response: Noted. Warm spaces are provided by community groups with council grants.
Responsible officer: Head of Communities
"""

# Prose: a "Recommendations" heading with numbered items, then sentences
# "Recommendation N is accepted / not accepted / accepted in part / already in place".
RESPONSE_SENTENCES = """Report to Cabinet: response to the Place Scrutiny Committee review of flooding

Recommendations

1. That the council maps every culvert and watercourse in the borough.
2. That residents in flood risk areas are offered free flood-resistant doors.
3. That the council lobbies the Environment Agency for a new flood defence scheme on the river.
4. That a volunteer flood warden is recruited for each ward.

Cabinet response

Recommendation 1 is accepted, and the mapping will be carried out by the drainage team.
Recommendation 2 is not accepted, as no grant funding is available for property level protection.
Recommendation 3 is accepted in part: the council will write to the Environment Agency but will not contribute funding.
Recommendation 4 is already in place through the community resilience programme.
"""

# Prose: numbers written as words, labels separated by dashes.
WORD_NUMBERS = """Scrutiny review of support for young carers – recommendations and responses

Recommendation One
Every school should have a named young carers lead.
Executive response – Partially agreed. Secondary schools will be asked first.
Lead member – Cabinet Member for Children and Families
By when – September 2026

Recommendation Two
Young carers should be offered a free leisure pass.
Executive response – Supported.
Lead member – Cabinet Member for Culture and Leisure
By when – April 2026

Recommendation Three
The council should fund respite breaks for every young carer.
Executive response – Declined, because the cost cannot be met within the budget.
Lead member – Cabinet Member for Children and Families
"""

# Minutes: recommendations listed as "Rec N", then "RESOLVED that" with (i)-(iii) decisions.
RESOLVED_DECISIONS = """Minutes of the Executive, 9 July 2025

42. Response to the scrutiny review of bus services

The Executive considered the recommendations of the Economy and Transport Scrutiny Panel:

Rec 1 That the council funds evening services on routes 4 and 7.
Rec 2 That concessionary fares are extended to companions of disabled passengers.
Rec 3 That a bus users' forum is set up for the district.

RESOLVED that
(i) recommendation 1 be approved;
(ii) recommendation 2 be deferred to the budget setting meeting in February;
(iii) recommendation 3 be declined, as a forum already exists.
"""

# A committee report and the cover report to Cabinet: "The Committee recommends that:"
# with (a)-(c), and "Cabinet is recommended to:" with 1-2.
COMMITTEE_AND_CABINET = """Health Scrutiny Committee: report on access to NHS dentistry

Conclusions

Too few practices in the county accept new NHS patients, and children wait longest.

The Committee recommends that:

(a) the integrated care board commissions urgent dental sessions in each market town;
(b) the public health team extends supervised toothbrushing to every primary school;
(c) the Committee receives a progress update in twelve months.

Report to Cabinet, 16 September 2025

Cabinet is recommended to:

1. welcome the Health Scrutiny Committee's report on dentistry;
2. ask the Director of Public Health to prepare a response within two months.
"""


def cases() -> list[Case]:
    return [
        Case(
            "docx Decision / Lead member / By when",
            read("decision.docx", DOCX_DECISION),
            {
                "1": Expected(
                    "reablement places",
                    "accepted",
                    "Cabinet Member for Adult Social Care",
                    "November 2025",
                ),
                "2": Expected(
                    "Discharge-to-assess beds",
                    "accepted",
                    "Cabinet Member for Health and Wellbeing",
                    "January 2026",
                ),
                "3": Expected(
                    "written discharge plan", "rejected", "Cabinet Member for Adult Social Care"
                ),
                "4": Expected(
                    "delayed discharge figures", "under consideration", "Leader of the Council"
                ),
            },
        ),
        Case(
            "docx Response / Lead officer / Comments",
            read("private_fostering.docx", DOCX_RESPONSE_COMMENTS),
            {
                "1": Expected("awareness campaign", "accepted", "Private Fostering Co-ordinator"),
                "2": Expected("admissions form", "partially accepted", "Admissions Manager"),
                "3": Expected("three working days", "rejected", "Head of Fieldwork"),
                "4": Expected("number of notifications", "noted", "Head of Fieldwork"),
            },
        ),
        Case(
            "docx X in Accept / Partially accept / Reject columns",
            read("fly_tipping.docx", DOCX_TICKS),
            {
                "1": Expected(
                    "mobile CCTV", "accepted", "Head of Environmental Enforcement", "March 2026"
                ),
                "2": Expected("bulky waste collection", "rejected", "Head of Waste Services"),
                "3": Expected(
                    "names of people convicted",
                    "partially accepted",
                    "Head of Communications",
                    "December 2025",
                ),
            },
        ),
        Case(
            "html 1.1 with For the attention of and a Status progress column",
            read("healthy_weight.html", HTML_PROGRESS.encode()),
            {
                "1.1": Expected(
                    "hot food takeaways",
                    "accepted",
                    "Head of Planning Policy",
                    "30 September 2025",
                    "On track",
                ),
                "1.2": Expected(
                    "high in fat, salt and sugar",
                    "rejected",
                    "Head of Commercial Services",
                    None,
                    "Not started",
                ),
                "2.1": Expected(
                    "free swimming", "noted", "Leisure Contract Manager", "Summer 2026", "Delayed"
                ),
                "2.2": Expected(
                    "safe walking routes",
                    "partially accepted",
                    "Road Safety Team Leader",
                    "July 2025",
                    "Complete",
                ),
            },
        ),
        Case(
            "html (a)-(c) with bold header cells and paragraphs in cells",
            read("school_transport.html", HTML_LETTERED.encode()),
            {
                "a": Expected(
                    "tested with parents",
                    "partially accepted",
                    "Head of SEND Transport",
                    "February 2026",
                ),
                "b": Expected("child under eight", "rejected", "Head of SEND Transport"),
                "c": Expected(
                    "autism awareness", "already in place", "Passenger Transport Manager"
                ),
            },
        ),
        Case(
            "pdf layout R1 with Agreed? Yes/No and a row broken across a page",
            PDF_AGREED,
            {
                "1": Expected(
                    "more than six weeks", "accepted", "Head of Housing Options", "December 2025"
                ),
                "2": Expected(
                    "empty council buildings",
                    "partially accepted",
                    "Director of Housing",
                    "April 2026",
                ),
                "3": Expected("named caseworker", "rejected", "Head of Housing Options"),
                "4": Expected(
                    "households in temporary accommodation each quarter",
                    "accepted",
                    "Housing Performance Manager",
                    "Quarterly from July 2025",
                ),
            },
        ),
        Case(
            "pdf layout Status and RAG columns with a page footer inside a row",
            PDF_STATUS_RAG,
            {
                "1": Expected(
                    "leaving foster care", "accepted", "Head of Lettings", "March 2026", "Green"
                ),
                "2": Expected(
                    "tenancy sustainment course",
                    "partially accepted",
                    "Leaving Care Manager",
                    "June 2026",
                    "Amber",
                ),
                "3": Expected("rent arrears", "rejected", "Director of Finance"),
                "4": Expected(
                    "priority banding", "already in place", "Head of Lettings", None, "Complete"
                ),
            },
        ),
        Case(
            "pdf read from a generated file with Rec 1 numbering",
            read("libraries.pdf", pdf_bytes(PDF_GENERATED)),
            {
                "1": Expected("8pm on weekdays", "accepted", "Head of Libraries", "April 2026"),
                "2": Expected("sanitary product", "noted", "Facilities Manager", "2026/27"),
                "3": Expected("overdue", "rejected", "Head of Libraries"),
            },
        ),
        Case(
            "markdown Executive response / Action by / Progress",
            MARKDOWN_PROGRESS,
            {
                "1": Expected(
                    "care leavers",
                    "accepted",
                    "Head of Organisational Development",
                    "April 2025",
                    "Complete",
                ),
                "2": Expected(
                    "real living wage",
                    "partially accepted",
                    "Head of Finance",
                    "April 2026",
                    "On track",
                ),
                "3": Expected("local apprentice", "rejected", "Head of Procurement"),
                "4": Expected(
                    "apprenticeship fair",
                    "deferred",
                    "Economic Development Manager",
                    "Spring 2027",
                    "Not started",
                ),
            },
        ),
        Case(
            "markdown Accepted? ticks and crosses",
            MARKDOWN_TICKS,
            {
                "1": Expected("four days a week", "accepted", "Head of Libraries", "2025/26"),
                "2": Expected("mobile library", "rejected", "Head of Libraries"),
                "3": Expected(
                    "laptops and data bundles",
                    "accepted",
                    "Head of Digital Inclusion",
                    "Spring 2026",
                ),
            },
        ),
        Case(
            "tabs with roman numbering",
            TABS_ROMAN,
            {
                "i": Expected(
                    "neighbourhood wardens", "accepted", "Community Safety Manager", "January 2026"
                ),
                "ii": Expected("underpass", "rejected", "Highways Manager"),
                "iii": Expected(
                    "public space protection order",
                    "deferred",
                    "Community Safety Manager",
                    "Summer 2026",
                ),
                "iv": Expected(
                    "youth outreach bus", "under consideration", "Youth Services Manager"
                ),
            },
        ),
        Case(
            "pipes without outer bars, a national response",
            PIPES_NATIONAL,
            {
                "1": Expected("remand data by local authority", "accepted"),
                "2": Expected("within 50 miles", "partially accepted"),
                "3": Expected("full cost of remand placements", "rejected"),
                "4": Expected("bail support funding", "under consideration"),
            },
        ),
        Case(
            "R1. paragraphs with Response: lines",
            RESPONSE_PARAGRAPHS,
            {
                "1": Expected(
                    "signposting", "accepted", "Head of Customer Services", "October 2025"
                ),
                "2": Expected("council tax arrears", "rejected", "Head of Revenues and Benefits"),
                "3": Expected("warm spaces", "noted", "Head of Communities"),
            },
        ),
        Case(
            "Recommendations heading, responses as sentences",
            RESPONSE_SENTENCES,
            {
                "1": Expected("culvert", "accepted"),
                "2": Expected("flood-resistant doors", "rejected"),
                "3": Expected("flood defence scheme", "partially accepted"),
                "4": Expected("flood warden", "already in place"),
            },
        ),
        Case(
            "Recommendation One with dash-separated labels",
            WORD_NUMBERS,
            {
                "1": Expected(
                    "young carers lead",
                    "partially accepted",
                    "Cabinet Member for Children and Families",
                    "September 2026",
                ),
                "2": Expected(
                    "free leisure pass",
                    "accepted",
                    "Cabinet Member for Culture and Leisure",
                    "April 2026",
                ),
                "3": Expected(
                    "respite breaks", "rejected", "Cabinet Member for Children and Families"
                ),
            },
        ),
        Case(
            "Rec N items decided by RESOLVED that (i)-(iii)",
            RESOLVED_DECISIONS,
            {
                "1": Expected("evening services", "accepted"),
                "2": Expected("concessionary fares", "deferred"),
                "3": Expected("bus users' forum", "rejected"),
            },
        ),
        Case(
            "The Committee recommends that / Cabinet is recommended to",
            COMMITTEE_AND_CABINET,
            {
                "a": Expected("urgent dental sessions"),
                "b": Expected("supervised toothbrushing"),
                "c": Expected("progress update in twelve months"),
                "1": Expected("welcome the Health Scrutiny Committee's report"),
                "2": Expected("prepare a response within two months"),
            },
        ),
    ]


CASES = cases()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_recommendations_and_responses(case: Case) -> None:
    extraction = extract_recommendations(case.text)
    found = recommendations_of(extraction)
    responses = responses_of(extraction)
    assert set(case.expected) <= set(found), sorted(found)
    for number, want in case.expected.items():
        recommendation = found[number]
        assert want.text.lower() in recommendation.text.lower(), (number, recommendation.text)
        assert recommendation.span.slice(case.text).strip()
        response = responses.get(recommendation.key)
        got_status = response.status.value if response else None
        assert got_status == want.status, (number, got_status, response)
        owners = response.owners if response and response.owners else recommendation.owners
        if want.owner:
            assert any(want.owner.lower() in owner.lower() for owner in owners), (number, owners)
        assert recommendation.due == want.due or (
            want.due is None and recommendation.due in (None, "")
        ), (number, recommendation.due)
        assert recommendation.progress == want.progress or (
            want.progress is None and recommendation.progress in (None, "")
        ), (number, recommendation.progress)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_spans_and_keys(case: Case) -> None:
    extraction = extract_recommendations(case.text)
    keys = [entity.key for entity in extraction.entities]
    assert len(keys) == len(set(keys))
    for entity in extraction.entities:
        assert 0 <= entity.span.start < entity.span.end <= len(case.text)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_recommendation_text_carries_page_furniture_or_a_status(case: Case) -> None:
    found = recommendations_of(extract_recommendations(case.text))
    for number in case.expected:
        text = found[number].text if number in found else ""
        assert "Page " not in text and "Target date" not in text, (number, text)
