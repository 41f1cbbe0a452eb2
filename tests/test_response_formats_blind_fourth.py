"""A fourth set of response documents, written as councils, cabinets, scrutiny committees,
safeguarding partnerships and government departments publish them, without reference to
the extractor.

The shapes differ from the earlier suites: council minutes approving "the recommendations
of the Task Group" subject to one recommendation's amendment; a cabinet decision notice
agreeing and rejecting recommendations named only by number; a recommendation tracker whose
"Implementation status" column is progress, not acceptance; two-level numbering ("3a",
"1(i)"); a multi-agency table whose merged recommendation cells span one row per agency;
"Accepted in full", "Supported in part", "Declined", "Already actioned" and "No further
action" statuses; "Recommendation to Cabinet:" blocks answered in a later "Executive
Response" section; an HTML list of recommendations answered in a table keyed by number; a
PDF government response with a "Government response" heading under each recommendation; a
letter accepting recommendations by number in one sentence; and a markdown table ticking
one of "Accepted", "Partially" and "Rejected".

Each case lists what a careful reader of the document records for each recommendation:
the number (lower case, without an "R", "Rec" or "Recommendation" prefix), words the
recommendation's text contains (empty when the document names the recommendation only by
its number), and the status, owner, due date and progress the document states. A status,
due date or progress of None means the document states none, so none may be extracted; an
owner of None is not checked. A recommendation the document does not set out or name by
number must not be extracted.
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io
import re

import docx
import pytest
from response_documents import Case, Expected, pdf_bytes, read, recommendations_of

from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import Response

ACCEPTED = "accepted"
PARTLY = "partially accepted"
REJECTED = "rejected"
NOTED = "noted"
ALREADY = "already in place"


def _docx_text(name: str, title: str, intro: str, header: list[str], rows: list[list[str]]) -> str:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(intro)
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for column, heading in enumerate(header):
        table.cell(0, column).text = heading
    for row_index, row in enumerate(rows, 1):
        for column, value in enumerate(row):
            table.cell(row_index, column).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return read(name, buffer.getvalue())


# 1. Cabinet minutes approving a task group's recommendations, one of them as amended. The
# minute sets out only recommendation 4 (by number and gist); the other six are neither set
# out nor numbered here, so a reader records recommendation 4 alone. Approval of an amended
# recommendation is approval of part of what was recommended: partially accepted.
MINUTES_AMENDED = Case(
    name="minutes_task_group_amended",
    text="""CABINET

Minutes of the meeting held on Wednesday, 22 January 2025 at 10.00 am in Committee Room 1, Civic Centre

Present: Councillor A. Morgan (Leader, in the Chair); Councillors K. Hughes, D. Patel, S. Roberts and E. Walsh

Also present: Councillor L. Bell (Chair of the Empty Homes Task Group)

87. DECLARATIONS OF INTEREST
No declarations of interest were made.

88. FINAL REPORT OF THE EMPTY HOMES TASK GROUP
Councillor Bell presented the final report of the Overview and Scrutiny Committee's Empty Homes Task Group. The Task Group had met on six occasions between June and November 2024 and had heard evidence from the Private Sector Housing Team, two registered providers and the Council Tax service. Its report made seven recommendations aimed at bringing long-term empty properties back into use.

The Cabinet Member for Housing welcomed the report. In discussion, Members questioned whether recommendation 4, which proposed a dedicated empty homes loan fund of £500,000, was affordable in the current financial climate. The Head of Housing advised that a smaller fund could be met from within the existing housing capital programme.

RESOLVED – (1) That the recommendations of the Task Group, as set out in the report, be approved subject to recommendation 4 being amended to read 'That the Cabinet considers establishing an empty homes loan fund, sized within the existing housing capital programme, as part of the next budget round'; (2) That the Cabinet Member for Housing reports progress on implementation to the Overview and Scrutiny Committee in six months' time; and (3) That the thanks of the Cabinet be recorded to the members of the Task Group and to the officers who supported it.

Reason for decision: To respond to the recommendations of the Overview and Scrutiny Committee.

89. REVENUE BUDGET MONITORING 2024/25 – QUARTER 3
RESOLVED – That the forecast outturn position be noted.

The meeting closed at 11.20 am.
""",
    expected={"4": Expected("empty homes loan fund", PARTLY)},
)

# 2. A modern.gov decision notice agreeing, rejecting and noting recommendations it names
# only by number.
DECISION_NOTICE = Case(
    name="html_decision_notice_by_number",
    text=read(
        "decision.html",
        b"""<html><body>
<h1>Decision details</h1>
<h2>Response to the Scrutiny Review of Home to School Transport</h2>
<p>Decision Maker: Cabinet</p>
<p>Decision status: Recommendations Approved</p>
<p>Is Key decision?: No</p>
<p>Is subject to call in?: Yes</p>
<h3>Purpose:</h3>
<p>To agree the Cabinet's response to the recommendations of the Children and Young People Scrutiny Panel following its review of home to school transport.</p>
<h3>Decision:</h3>
<p>RESOLVED that Cabinet:</p>
<p>(a) agrees recommendations 1 to 3 of the Scrutiny Panel, as set out at Appendix A to the report;</p>
<p>(b) rejects recommendation 4, for the reasons set out in paragraph 5.3 of the report;</p>
<p>(c) notes recommendation 5, which falls to the Integrated Care Board rather than the Council; and</p>
<p>(d) asks the Director of Children's Services to report on implementation to the Scrutiny Panel.</p>
<h3>Reasons for the decision:</h3>
<p>To respond to the Scrutiny Panel within two months of receiving its report, as the Council's Constitution requires.</p>
<h3>Alternative options considered:</h3>
<p>None.</p>
<p>Report author: Helen Marsh</p>
<p>Publication date: 12/03/2025</p>
<p>Date of decision: 11/03/2025</p>
<p>Decided at meeting: 11/03/2025 - Cabinet</p>
</body></html>""",
    ),
    expected={
        "1": Expected("", ACCEPTED),
        "2": Expected("", ACCEPTED),
        "3": Expected("", ACCEPTED),
        "4": Expected("", REJECTED),
        "5": Expected("", NOTED),
    },
)

# 3. A recommendation tracker: the Cabinet response is the status, the implementation
# status is progress, and the date agreed is not a due date.
TRACKER = Case(
    name="docx_tracker_implementation_status",
    text=_docx_text(
        "tracker.docx",
        "Place Scrutiny Committee – Scrutiny Recommendations Tracker (update to July 2025)",
        "The tracker lists each recommendation agreed by the Committee, the Cabinet's response and its implementation status (Implemented, Partially implemented, Not implemented or On track).",
        ["Ref", "Recommendation", "Date agreed", "Cabinet response", "Implementation status"],
        [
            [
                "R1",
                "That the Council installs real-time passenger information displays at the ten busiest bus stops in the borough.",
                "12 March 2024",
                "Accepted. Displays will be funded from the Bus Service Improvement Plan grant.",
                "Implemented",
            ],
            [
                "R2",
                "That the Council reviews the cleansing schedule for all town centre car parks.",
                "12 March 2024",
                "Accepted in part. Schedules will be reviewed for the six multi-storey car parks only.",
                "Partially implemented",
            ],
            [
                "R3",
                "That free parking be offered in all council car parks on Saturdays in December.",
                "9 July 2024",
                "Rejected. The loss of income cannot be met within the parking budget.",
                "Not implemented",
            ],
            [
                "R4",
                "That a cycle route audit be carried out across the three market towns.",
                "9 July 2024",
                "Accepted.",
                "On track",
            ],
        ],
    ),
    expected={
        "1": Expected("real-time passenger information displays", ACCEPTED, progress="Implemented"),
        "2": Expected("cleansing schedule", PARTLY, progress="Partially implemented"),
        "3": Expected("free parking", REJECTED, progress="Not implemented"),
        "4": Expected("cycle route audit", ACCEPTED, progress="On track"),
    },
)

# 4. An executive response with two-level numbering and one-word statuses. "No further
# action" explained as a refusal is a rejection.
TWO_LEVEL = Case(
    name="text_two_level_numbering_agree_disagree",
    text="""Adult Social Care Scrutiny Sub-Committee
Review of Hospital Discharge – Executive Response

The Sub-Committee's report was considered by the Cabinet Member for Adult Social Care on 3 June 2025. The responses to each recommendation are set out below.

Recommendation 1
That the Council and the Integrated Care Board agree a single discharge-to-assess pathway for the borough.
Response: Agree. A joint pathway has been drafted with the Integrated Care Board and will go to the Health and Wellbeing Board for sign-off.
Lead: Director of Adult Social Care

Recommendation 2
That the Council funds a seven-day social work presence at the acute hospital.
Response: Disagree. Weekend discharges remain low and the cost of a seven-day rota is not justified.

Recommendation 3a
That the Council publishes monthly figures on delayed discharges attributable to social care.
Response: Partially. Figures will be published quarterly rather than monthly, to allow validation.
Lead: Head of Performance and Intelligence

Recommendation 3b
That the figures are reported to the Health and Wellbeing Board.
Response: Already actioned. Delayed discharge figures have formed part of the Board's performance report since April 2025.

Recommendation 4
That the Council commissions a separate home-from-hospital befriending service.
Response: No further action. The Council does not propose to commission a separate service, as demand does not justify one.
""",
    expected={
        "1": Expected(
            "single discharge-to-assess pathway", ACCEPTED, owner="Director of Adult Social Care"
        ),
        "2": Expected("seven-day social work presence", REJECTED),
        "3a": Expected(
            "monthly figures on delayed discharges", PARTLY, owner="Head of Performance"
        ),
        "3b": Expected("reported to the Health and Wellbeing Board", ALREADY),
        "4": Expected("befriending service", REJECTED),
    },
)


def _merged_agency_table() -> str:
    """A safeguarding adults review action plan whose recommendation cells are merged down
    the rows of the agencies answering them."""
    document = docx.Document()
    document.add_heading("Safeguarding Adults Review 'Adult D' – Partnership Response", level=1)
    document.add_paragraph(
        "The Safeguarding Adults Board accepted the review's three recommendations on 14 May 2025. Each partner agency has set out its response below."
    )
    rows = [
        (
            "1",
            "All partner agencies should review their escalation policies so that concerns about self-neglect are escalated to a multi-agency risk meeting.",
            "Police",
            "Agreed. The force's vulnerability policy will be revised to include self-neglect.",
        ),
        (
            "1",
            "",
            "Integrated Care Board",
            "Agreed. Primary care escalation guidance will be updated.",
        ),
        (
            "1",
            "",
            "Council (Adult Social Care)",
            "Agreed. The self-neglect procedure will be revised.",
        ),
        (
            "2",
            "The Council should appoint a dedicated self-neglect practice lead.",
            "Council (Adult Social Care)",
            "Not supported. Practice leadership for self-neglect sits with the existing Principal Social Worker.",
        ),
        (
            "3",
            "Agencies should deliver joint training on mental capacity assessment for people who decline support.",
            "Council (Adult Social Care)",
            "Supported in part. Joint training will be delivered to social workers and housing officers; a wider programme is not affordable this year.",
        ),
        (
            "3",
            "",
            "Integrated Care Board",
            "Supported in part. GP practices will be offered places on the Council's training.",
        ),
    ]
    table = document.add_table(rows=1 + len(rows), cols=4)
    table.style = "Table Grid"
    for column, heading in enumerate(["No.", "Recommendation", "Agency", "Response"]):
        table.cell(0, column).text = heading
    for index, (number, text, agency, response) in enumerate(rows, 1):
        table.cell(index, 2).text = agency
        table.cell(index, 3).text = response
        if text:
            table.cell(index, 0).text = number
            table.cell(index, 1).text = text
    for first, last in ((1, 3), (5, 6)):
        table.cell(first, 0).merge(table.cell(last, 0))
        table.cell(first, 1).merge(table.cell(last, 1))
    buffer = io.BytesIO()
    document.save(buffer)
    return read("sar.docx", buffer.getvalue())


# 5. Merged recommendation cells spanning one response row per agency. A reader records one
# recommendation per merged cell, with each answering agency as an owner; the agencies'
# statuses agree, so the recommendation takes that status. The first agency is checked.
MERGED_AGENCIES = Case(
    name="docx_merged_cells_agency_rows",
    text=_merged_agency_table(),
    expected={
        "1": Expected("escalation policies", ACCEPTED, owner="Police"),
        "2": Expected("self-neglect practice lead", REJECTED, owner="Council"),
        "3": Expected("joint training on mental capacity", PARTLY, owner="Council"),
    },
)

# 6. A government response to an independent review: status phrases in bold under each
# recommendation heading. "Accepted in principle" is recorded as partially accepted, as the
# project records it everywhere (the aim is accepted, the means are not yet): see also the
# Welsh Government case of the third blind suite.
GOVERNMENT_REVIEW = Case(
    name="html_government_response_in_full_in_principle",
    text=read(
        "review.html",
        b"""<html><body>
<h1>Government response to the Independent Review of Leisure Centre Safety</h1>
<p>The Government welcomes the independent review and thanks the chair and panel for their work. This document responds to each of the review's five recommendations.</p>
<h2>Recommendation 1</h2>
<p>Every public swimming pool operator should carry out an annual independent safety audit.</p>
<p><strong>Accepted in full.</strong> The Department will publish statutory guidance setting out the scope of the audit.</p>
<h2>Recommendation 2</h2>
<p>A national register of pool lifeguard qualifications should be established.</p>
<p><strong>Accepted in principle.</strong> The Department will work with the sector bodies on how a register could be funded and maintained.</p>
<h2>Recommendation 3</h2>
<p>Local authorities should be given a new power to close unsafe leisure facilities without notice.</p>
<p><strong>Not supported.</strong> Existing health and safety enforcement powers are sufficient.</p>
<h2>Recommendation 4</h2>
<p>Operators should publish incident data for each site quarterly.</p>
<p><strong>Supported in part.</strong> Operators will be asked to publish incident data annually, aggregated across their sites.</p>
<h2>Recommendation 5</h2>
<p>The Government should fund a capital programme to replace pool plant older than 30 years.</p>
<p><strong>Declined.</strong> Capital funding for leisure facilities remains a matter for local authorities.</p>
</body></html>""",
    ),
    expected={
        "1": Expected("annual independent safety audit", ACCEPTED),
        "2": Expected("national register of pool lifeguard qualifications", PARTLY),
        "3": Expected("close unsafe leisure facilities", REJECTED),
        "4": Expected("incident data", PARTLY),
        "5": Expected("replace pool plant", REJECTED),
    },
)

# 7. "Recommendation to Cabinet:" blocks through a scrutiny report, unnumbered where they
# stand, answered in order by number in a later "Executive Response" section.
CABINET_BLOCKS = Case(
    name="text_recommendation_to_cabinet_blocks",
    text="""Communities Scrutiny Committee
Review of Community Safety Partnership Funding – Final Report

1. Introduction
1.1 The Committee agreed in June 2024 to review how the Council allocates funding to community safety projects. Members held four evidence sessions and visited two projects.

2. Allocation of grants
2.1 The Committee found that grants are allocated annually, which prevents projects from planning beyond one year. Several voluntary groups told Members that they had lost staff while awaiting decisions.

Recommendation to Cabinet:
That Cabinet moves community safety grants to a three-year funding cycle from April 2026.

3. Monitoring outcomes
3.1 Projects report activity but not outcomes. Members were unable to establish whether funded projects had reduced antisocial behaviour.

Recommendation to Cabinet:
That Cabinet requires each funded project to report against an agreed set of outcome measures.

4. Visibility
4.1 Residents who responded to the Committee's survey were largely unaware of the Partnership's work.

Recommendation to Cabinet:
That Cabinet funds a dedicated communications officer for the Community Safety Partnership.

5. Executive Response
The Cabinet Member for Communities considered the Committee's recommendations on 18 February 2025 and responds as follows.

Recommendation 1 – Agreed. A three-year cycle will be introduced for the 2026/27 grant round. Lead: Head of Community Safety. Timescale: April 2026.

Recommendation 2 – Agreed in part. Outcome measures will be required of projects receiving more than £10,000; smaller projects will continue to report activity only. Lead: Head of Community Safety.

Recommendation 3 – Not agreed. The Partnership's communications will continue to be delivered by the corporate Communications Team within existing resources.
""",
    expected={
        "1": Expected(
            "three-year funding cycle", ACCEPTED, owner="Head of Community Safety", due="April 2026"
        ),
        "2": Expected("outcome measures", PARTLY, owner="Head of Community Safety"),
        "3": Expected("communications officer", REJECTED),
    },
)

# 8. An HTML list of recommendations followed by a table of responses keyed by number.
LIST_AND_TABLE = Case(
    name="html_ol_then_response_table",
    text=read(
        "libraries.html",
        b"""<html><body>
<h1>Scrutiny Review of the Library Service: Cabinet Response</h1>
<h2>Recommendations</h2>
<p>The Scrutiny Panel recommends:</p>
<ol>
<li>That opening hours at the four community libraries are extended to include one evening a week.</li>
<li>That the Council pilots self-service access outside staffed hours at Northgate Library.</li>
<li>That the mobile library service is reinstated for rural villages.</li>
<li>That volunteers are recruited to run a homework club at each library.</li>
</ol>
<h2>Cabinet response</h2>
<table>
<tr><th>No.</th><th>Response</th><th>Lead</th><th>Timescale</th></tr>
<tr><td>1</td><td>Agree. Late opening on Thursdays will start in the autumn.</td><td>Libraries Manager</td><td>September 2025</td></tr>
<tr><td>2</td><td>Agree. A pilot will run for twelve months and be evaluated.</td><td>Libraries Manager</td><td>January 2026</td></tr>
<tr><td>3</td><td>Disagree. The cost of a replacement vehicle cannot be met; the home library service continues to serve housebound residents.</td><td>Head of Culture</td><td>N/A</td></tr>
<tr><td>4</td><td>Partially agree. Homework clubs will run at the two largest libraries, where volunteers are available.</td><td>Libraries Manager</td><td>March 2026</td></tr>
</table>
</body></html>""",
    ),
    expected={
        "1": Expected("opening hours", ACCEPTED, owner="Libraries Manager", due="September 2025"),
        "2": Expected(
            "self-service access", ACCEPTED, owner="Libraries Manager", due="January 2026"
        ),
        "3": Expected("mobile library service", REJECTED, owner="Head of Culture"),
        "4": Expected("homework club", PARTLY, owner="Libraries Manager", due="March 2026"),
    },
)


def _government_response_pdf() -> str:
    lines = [
        "Government Response to the Transport Committee Report on Rural Bus Services",
        "Presented to Parliament by the Secretary of State for Transport",
        "Introduction",
        "The Government welcomes the Committee's report and responds below to each of its recommendations.",
        "Recommendation 1",
        "The Department should confirm multi-year funding for local authority bus service improvement plans",
        "so that authorities can let contracts of at least three years.",
        "Government response",
        "The Government accepts this recommendation. Funding allocations for the next three financial years",
        "will be confirmed to local transport authorities.",
        "Target implementation date: March 2026",
        "Recommendation 2",
        "The Department should publish annual statistics on the number of rural bus routes withdrawn.",
        "Government response",
        "The Government partially accepts this recommendation. Route withdrawals will be included in the",
        "existing annual bus statistics, although they will not be broken down by rural and urban area.",
        "Recommendation 3",
        "The Government should restore the Rural Bus Subsidy Grant as a ring-fenced grant.",
        "Government response",
        "The Government does not accept this recommendation. Funding for rural services is provided through",
        "the un-ringfenced local transport settlement, which gives authorities flexibility to meet local need.",
    ]
    placed = [(50, 560 - 14 * index, line) for index, line in enumerate(lines)]
    return read("response.pdf", pdf_bytes(placed))


# 9. A government response published as PDF: each recommendation followed by a
# "Government response" heading and its paragraphs.
GOVERNMENT_PDF = Case(
    name="pdf_government_response_headings",
    text=_government_response_pdf(),
    expected={
        "1": Expected("multi-year funding", ACCEPTED, due="March 2026"),
        "2": Expected("rural bus routes withdrawn", PARTLY),
        "3": Expected("Rural Bus Subsidy Grant", REJECTED),
    },
)

# 10. A letter from a cabinet member answering every recommendation in one sentence by
# number.
LETTER = Case(
    name="text_letter_accepts_by_number",
    text="""From: Councillor Ruth Okafor, Cabinet Member for Environment
To: Councillor Mark Ellis, Chair, Environment Scrutiny Committee
Date: 7 April 2025
Subject: Response to the Committee's review of fly-tipping

Dear Mark,

Thank you for the Committee's report on fly-tipping, which I discussed with officers at my portfolio meeting last week. The report made five recommendations:

1. That the Council introduces a free bulky waste collection for households in receipt of Council Tax Support.
2. That deployable CCTV cameras are installed at the ten worst-affected hotspots.
3. That fixed penalty notices for fly-tipping are increased to the statutory maximum.
4. That the Council employs two additional enforcement officers.
5. That the Council publishes a quarterly map of fly-tipping incidents and enforcement action.

We accept recommendations 1, 2 and 5. Recommendation 3 is accepted in part; we do not accept recommendation 4. The fixed penalty for small-scale fly-tipping will rise to the maximum, but the penalty for first offences involving household waste will stay at its present level. The enforcement team's capacity will be reviewed next year once the effect of the cameras is known.

I would be happy to attend a future meeting of the Committee to report on progress.

Yours sincerely,

Councillor Ruth Okafor
Cabinet Member for Environment
""",
    expected={
        "1": Expected("free bulky waste collection", ACCEPTED),
        "2": Expected("deployable CCTV cameras", ACCEPTED),
        "3": Expected("fixed penalty notices", PARTLY),
        "4": Expected("two additional enforcement officers", REJECTED),
        "5": Expected("quarterly map of fly-tipping", ACCEPTED),
    },
)

# 11. A markdown table ticking one of three status columns.
TICK_COLUMNS = Case(
    name="markdown_tick_status_columns",
    text="""# Health Scrutiny Committee: Response to the Review of GP Access

The Integrated Care Board's response to each of the Committee's recommendations is shown below.

| No. | Recommendation | Accepted | Partially | Rejected | Comment |
|-----|----------------|----------|-----------|----------|---------|
| 1 | Every practice should offer online booking for routine appointments. | ✓ | | | All practices in the area now meet the national online access requirements. |
| 2 | Practices should publish their average wait for a routine appointment. | | ✓ | | Wait times will be published at primary care network level rather than by practice. |
| 3 | The ICB should open an additional walk-in centre in the east of the borough. | | | ✓ | Urgent treatment capacity is being expanded at the existing centre instead. |
| 4 | Reception staff should receive care navigation training. | ✓ | | | Training is funded for all practices. |
""",
    expected={
        "1": Expected("online booking", ACCEPTED),
        "2": Expected("average wait", PARTLY),
        "3": Expected("walk-in centre", REJECTED),
        "4": Expected("care navigation training", ACCEPTED),
    },
)

# 12. A DOCX response table numbered "1(i)", "1(ii)", with lead officers and dates.
ROMAN_SUBNUMBERS = Case(
    name="docx_roman_subnumbers_lead_and_date",
    text=_docx_text(
        "hwb.docx",
        "Health and Wellbeing Board – Response to the Scrutiny Review of Childhood Obesity",
        "The Board considered the Scrutiny Committee's recommendations at its meeting on 2 July 2025 and agreed the responses below.",
        ["Rec.", "Recommendation", "Response", "Lead officer", "By when"],
        [
            [
                "1(i)",
                "That the Council restricts new hot food takeaways within 400 metres of secondary schools.",
                "Accepted. The policy will be included in the Local Plan review.",
                "Head of Planning Policy",
                "December 2026",
            ],
            [
                "1(ii)",
                "That advertising of foods high in fat, sugar and salt is prohibited on council-owned sites.",
                "Partially accepted. The restriction will apply to new advertising contracts when current contracts expire.",
                "Head of Commercial Services",
                "April 2026",
            ],
            [
                "2",
                "That every primary school is offered the Daily Mile programme.",
                "Accepted. The offer has been made to all primary schools.",
                "Director of Public Health",
                "September 2025",
            ],
            [
                "3",
                "That free swimming is offered to all children under 16 during school holidays.",
                "Not accepted. The cost cannot be met from the public health grant.",
                "Director of Public Health",
                "N/A",
            ],
        ],
    ),
    expected={
        "1(i)": Expected(
            "hot food takeaways", ACCEPTED, owner="Head of Planning Policy", due="December 2026"
        ),
        "1(ii)": Expected(
            "advertising of foods high in fat",
            PARTLY,
            owner="Head of Commercial Services",
            due="April 2026",
        ),
        "2": Expected(
            "Daily Mile", ACCEPTED, owner="Director of Public Health", due="September 2025"
        ),
        "3": Expected("free swimming", REJECTED, owner="Director of Public Health"),
    },
)

CASES = [
    MINUTES_AMENDED,
    DECISION_NOTICE,
    TRACKER,
    TWO_LEVEL,
    MERGED_AGENCIES,
    GOVERNMENT_REVIEW,
    CABINET_BLOCKS,
    LIST_AND_TABLE,
    GOVERNMENT_PDF,
    LETTER,
    TICK_COLUMNS,
    ROMAN_SUBNUMBERS,
]

# What the extractor gets wrong today, by case name (strict: a fix must remove the entry).
# Nine of the ten gaps found when the suite was written are closed; unnumbered blocks
# answered by number in a later section are not matched by their order.
KNOWN_GAPS: dict[str, str] = {
    "text_recommendation_to_cabinet_blocks": "text: each recommendation's text is its executive response ('Agreed. A three-year cycle …', 'Not agreed. …'), not the 'Recommendation to Cabinet:' block; owner 'Lead: Head of Community Safety' (1, 2) and due 'Timescale: April 2026' (1) not extracted",
}


def _norm(text: str | None) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def _param(case: Case) -> object:
    reason = KNOWN_GAPS.get(case.name)
    if reason is None:
        return pytest.param(case, id=case.name)
    return pytest.param(case, id=case.name, marks=pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_response_document_reads_as_its_reader_would(case: Case) -> None:
    extraction = extract_recommendations(case.text)
    found = recommendations_of(extraction)
    responses = [e for e in extraction.entities if isinstance(e, Response)]
    assert sorted(found) == sorted(case.expected), "recommendation numbers"
    for number, expected in case.expected.items():
        recommendation = found[number]
        answers = [r for r in responses if r.recommendation_key == recommendation.key]
        assert _norm(expected.text) in _norm(recommendation.text), f"{number}: text"
        if expected.status is None:
            assert not answers, f"{number}: no response stated"
        else:
            assert answers, f"{number}: response missing"
            assert {str(r.status) for r in answers} == {expected.status}, f"{number}: status"
        if expected.owner is not None:
            owners = [*recommendation.owners, *(o for r in answers for o in r.owners)]
            assert any(_norm(expected.owner) in _norm(o) for o in owners), (
                f"{number}: owner {owners}"
            )
        if expected.due is None:
            assert recommendation.due is None, f"{number}: due {recommendation.due!r}"
        else:
            assert _norm(expected.due) in _norm(recommendation.due), f"{number}: due"
        if expected.progress is None:
            assert recommendation.progress is None, (
                f"{number}: progress {recommendation.progress!r}"
            )
        else:
            assert _norm(expected.progress) in _norm(recommendation.progress), f"{number}: progress"
