"""Recommendations and their responses in the formats councils publish them.

Each case is one response document written as ingest reads it (DOCX and HTML go through
the real readers; the PDF case is the text layout a PDF reader gives for a table), with
the recommendations, statuses, owners and due dates a reader of that document would
record. The formats are deliberately varied: header wording, numbering, where the status
is written and how a page break cuts a row.
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io

import pytest
from response_documents import Case, Expected, pdf_bytes, read, recommendations_of, responses_of

from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import Finding, Recommendation

# --- documents ------------------------------------------------------------------------


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Cabinet response to the scrutiny review of school exclusions", 1)
    document.add_paragraph("The Cabinet considered the review panel's recommendations.")
    table = document.add_table(rows=1, cols=5)
    header = ("Rec No.", "Recommendation", "Cabinet response", "Lead officer", "Target date")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    rows = (
        (
            "1",
            "Publish termly data on exclusions by school.",
            "Agreed. Data will be published each term.",
            "Head of Inclusion",
            "September 2025",
        ),
        (
            "2",
            "Fund a family support worker in every secondary school.\n"
            "The panel asks that this includes academies.",
            "Partially agreed – funding is available for half of schools.",
            "Director of Education",
            "April 2026",
        ),
        (
            "3",
            "Stop all fixed-term exclusions for children in care.",
            "Not agreed: head teachers keep this power in law.",
            "Virtual School Head",
            "",
        ),
    )
    section = table.add_row().cells
    merged = section[0].merge(section[-1])  # a section heading across the whole row
    merged.text = "Inclusion"
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# A response table as a PDF: columns at x = 40, 80, 330, 430, 560; wrapped cells on the
# next baseline. The reader gives each visual line's cells joined by single spaces.
PDF_TABLE = [
    (40, 550, "No."), (80, 550, "Recommendation"), (330, 550, "Response"),
    (430, 550, "Lead officer"), (560, 550, "Due"),
    (40, 530, "1"), (80, 530, "The partnership should commission"), (330, 530, "Agreed"),
    (430, 530, "Community Safety"), (560, 530, "March 2025"),
    (80, 519, "detached youth work in every ward."), (430, 519, "Manager"),
    (40, 500, "2"), (80, 500, "Schools should be offered knife crime"),
    (330, 500, "Partially agreed"), (430, 500, "Head of Education"), (560, 500, "July 2025"),
    (80, 489, "awareness sessions each year."),
    (40, 470, "3"), (80, 470, "The council should fund a youth club in"),
    (330, 470, "Not agreed"), (430, 470, "Director of Place"),
    (80, 459, "each town centre."),
]  # fmt: skip


HTML = """<html><body>
<h1>Executive response to the Corporate Parenting review</h1>
<p>The Executive has considered each recommendation.</p>
<table>
<tr><th>No</th><th>Recommendation</th><th>Executive Response</th>
<th>Responsible Officer</th><th>Timescale</th></tr>
<tr><td>1</td><td>Care leavers should be exempt from council tax until 25.</td>
<td>Accepted. The exemption starts in April.</td><td>Director of Finance</td>
<td>April 2025</td></tr>
<tr><td>2</td><td>Every care leaver should have a named personal adviser.</td>
<td>Noted – this is already a statutory duty.</td><td>Head of Leaving Care</td>
<td>Ongoing</td></tr>
<tr><td>3</td><td>Introduce a care leavers' bus pass.</td>
<td>Deferred until the transport budget is set.</td><td>Transport Manager</td>
<td>2026/27</td></tr>
</table></body></html>
"""

PDF_LAYOUT = """Overview and Scrutiny Panel review of youth violence: response

No.   Recommendation                              Decision          Action by              By when
1     The partnership should commission           Accepted          Community Safety       March 2025
      detached youth work in every ward.                            Manager
2     Schools should be offered knife crime       Accepted in       Head of Education      July 2025
      awareness sessions each year.               part              Services
3     The council should fund a youth club in     Rejected          Director of Place      n/a
      each town centre.

Page 2 of 4
"""

MARKDOWN = """# Response to the Task and Finish Group on elective home education

| Ref | Recommendation | Agreed? | Owner | Due |
|---|---|---|---|---|
| R1 | Keep a register of children educated at home. | Yes | Education Welfare Service | June 2025 |
| R2 | Visit every home educated child once a year. | No | Education Welfare Service | |
| R3 | Write to families about the support on offer. | Yes | Communications Team | May 2025 |
"""

TABS = (
    "Recommendations of the Children's Scrutiny Committee and the service response\n\n"
    "Ref\tRecommendation\tStatus\tResponsible officer\tDeadline\n"
    "1.1\tReview the threshold document with partners.\tSupported\t"
    "Safeguarding Partnership Manager\tDecember 2024\n"
    "1.2\tTrain school staff on the new thresholds.\tUnder consideration\t"
    "Safeguarding Partnership Manager\tTBC\n"
    "2.1\tReport audit findings to the committee twice a year.\tAlready in place\t"
    "Head of Quality Assurance\tN/A\n"
)

RESPONSE_LINES = """Scrutiny review of the local offer for care leavers: response

Recommendation 1: That the council publishes its local offer in one place online.
Response: Accepted.
Lead officer: Head of Care Leavers Service
Timescale: By 31 March 2025

Recommendation 2: That care leavers are consulted before the offer is revised.
Response: Accepted in part. Consultation will be annual rather than termly.
Lead officer: Participation Officer
Timescale: Annually from 2025

Recommendation 3: That the council guarantees a job interview to every care leaver.
Response: Not accepted. Recruitment law does not allow this.
Lead officer: Head of HR
"""

RESOLVED_MINUTES = """Cabinet – 14 May 2025

7. Scrutiny review of SEND transport

The Cabinet considered the report of the Children and Young People Overview and
Scrutiny Committee, which made the following recommendations:

1. That the council reviews how transport eligibility is explained to parents.
2. That independent travel training is offered to every eligible young person.
3. That transport routes are re-tendered in one exercise.

RESOLVED that:

(a) recommendation 1 is accepted;
(b) recommendation 2 is accepted in part, subject to funding;
(c) recommendation 3 is not accepted.
"""

RECOMMENDATION_ONE = """Review of early help: recommendations and responses

Recommendation One

The council and its partners should agree a single early help assessment form.

Status: Agreed
Owner: Early Help Partnership Board
Target date: September 2025

Recommendation Two

Early help workers should have access to the children's social care case record.

Status: Under consideration
Owner: Assistant Director, Children's Social Care
"""

FIELD_HEADINGS = """Short breaks for disabled children: Cabinet Member response to the scrutiny review

Recommendation 1
That the council reviews its short breaks offer
for disabled children and their families.

Cabinet Member Response
Agreed. A review will start in the autumn.

Lead Officer
Head of Disabled Children's Service

Timescale
December 2025

Recommendation 2
That the short breaks statement is published in easy read.

Cabinet Member Response
Not agreed – the statement is already available in easy read.

Lead Officer
Head of Disabled Children's Service
"""

KEY_VALUE_TABLES = """Executive response to the review of youth services

| Recommendation 1 | That the council keeps every youth centre open until the review is complete. |
|---|---|
| Executive response | Accepted in principle, subject to the budget. |
| Responsible officer | Head of Youth Services |
| Target date | 31 March 2026 |

| Recommendation 2 | That young people sit on the youth services commissioning panel. |
|---|---|
| Executive response | Agreed |
| Responsible officer | Participation Manager |
| Target date | September 2025 |
"""

PAGE_BREAK = """| No. | Recommendation | Response | Lead |
|---|---|---|---|
| 1 | Commission an independent review of the front door so that referrals | Agreed | MASH Manager |

Page 3

| | | | |
|---|---|---|---|
| | are screened within 24 hours. | | |
| 2 | Publish the outcome of every audit. | Agreed in principle | Head of Quality |
"""

TICKS = """Response to the scrutiny review of children's mental health

| No | Recommendation | Accept | Reject | Partial | Lead |
|---|---|---|---|---|---|
| 1 | Put a mental health lead in every school. | ✓ | | | CAMHS Commissioner |
| 2 | Open a walk-in clinic in each locality. | | ✓ | | CAMHS Commissioner |
| 3 | Cut waiting times to four weeks. | | | ✓ | ICB Director of Commissioning |
"""

ACTION_PLAN = """Action plan: implementing the review of youth offending

| Ref | Recommendation | Lead | Due | RAG |
|---|---|---|---|---|
| R1 | Set up a joint panel for out-of-court disposals. | Youth Justice Service | Q1 2025 | Green |
| R2 | Screen every young person for speech and language needs. | Youth Justice Service | Q2 2025 | Amber |
| R3 | Train magistrates on trauma-informed practice. | Courts Service | Q3 2025 | Red |
| R4 | Publish quarterly reoffending data. | Performance Team | Q1 2025 | Complete |
| R5 | Review the victim contact process. | Youth Justice Service | Q2 2025 | Green |
| R6 | Create a parenting support offer. | Early Help Service | Q4 2025 | Amber |
| R7 | Agree an education protocol with schools. | Education Service | Q2 2025 | Green |
| R8 | Report progress to the scrutiny committee. | Head of Youth Justice | Q4 2025 | Not started |
"""

COMMITTEE_RECOMMENDS = """Children's Services Scrutiny Panel: review of school attendance

The Panel recommends that the Executive:

1.1 asks the Director of Education to publish attendance data by ward each term;
1.2 funds two additional attendance officers from April 2025;
1.3 writes to the Secretary of State about the cost of school uniforms.

Cabinet is recommended to:

(i) approve the attendance strategy;
(ii) ask the Director of Education to report progress in six months.
"""

COMMONS = """Conclusions and recommendations

Funding

1.The funding shortfall is a serious contributory factor to the failure to meet the needs of children. (Paragraph 21)

2.We recommend that the Department for Education publishes a plan for funding special educational needs by the end of the year. (Paragraph 24)

3.Nobody benefits when departments avoid accountability. The Department for Education should agree a protocol for joint working with the Department of Health. (Paragraph 25)

Formal minutes
"""


def cases() -> list[Case]:
    return [
        Case(
            "docx",
            read("response.docx", docx_bytes()),
            {
                "1": Expected("termly data", "accepted", "Head of Inclusion", "September 2025"),
                "2": Expected(
                    "family support worker",
                    "partially accepted",
                    "Director of Education",
                    "April 2026",
                ),
                "3": Expected("fixed-term exclusions", "rejected", "Virtual School Head"),
            },
        ),
        Case(
            "html table",
            read("response.html", HTML.encode()),
            {
                "1": Expected("council tax", "accepted", "Director of Finance", "April 2025"),
                "2": Expected("personal adviser", "noted", "Head of Leaving Care", "Ongoing"),
                "3": Expected("bus pass", "deferred", "Transport Manager", "2026/27"),
            },
        ),
        Case(
            "pdf text layout",
            PDF_LAYOUT,
            {
                "1": Expected(
                    "detached youth work in every ward",
                    "accepted",
                    "Community Safety Manager",
                    "March 2025",
                ),
                "2": Expected(
                    "knife crime awareness",
                    "partially accepted",
                    "Head of Education Services",
                    "July 2025",
                ),
                "3": Expected("youth club", "rejected", "Director of Place"),
            },
        ),
        Case(
            "pdf read from a generated file",
            read("response.pdf", pdf_bytes(PDF_TABLE)),
            {
                "1": Expected(
                    "commission detached youth work in every ward",
                    "accepted",
                    "Community Safety Manager",
                    "March 2025",
                ),
                "2": Expected(
                    "knife crime awareness sessions",
                    "partially accepted",
                    "Head of Education",
                    "July 2025",
                ),
                "3": Expected("youth club in each town centre", "rejected", "Director of Place"),
            },
        ),
        Case(
            "markdown with an Agreed? column",
            MARKDOWN,
            {
                "1": Expected("register", "accepted", "Education Welfare Service", "June 2025"),
                "2": Expected("Visit every", "rejected", "Education Welfare Service"),
                "3": Expected("support on offer", "accepted", "Communications Team", "May 2025"),
            },
        ),
        Case(
            "tab-separated",
            TABS,
            {
                "1.1": Expected(
                    "threshold document",
                    "accepted",
                    "Safeguarding Partnership Manager",
                    "December 2024",
                ),
                "1.2": Expected("school staff", "under consideration"),
                "2.1": Expected("audit findings", "already in place", "Head of Quality Assurance"),
            },
        ),
        Case(
            "Response: lines",
            RESPONSE_LINES,
            {
                "1": Expected(
                    "local offer in one place",
                    "accepted",
                    "Head of Care Leavers Service",
                    "By 31 March 2025",
                ),
                "2": Expected(
                    "consulted",
                    "partially accepted",
                    "Participation Officer",
                    "Annually from 2025",
                ),
                "3": Expected("job interview", "rejected", "Head of HR"),
            },
        ),
        Case(
            "RESOLVED (a) recommendation 1 is accepted",
            RESOLVED_MINUTES,
            {
                "1": Expected("transport eligibility", "accepted"),
                "2": Expected("independent travel training", "partially accepted"),
                "3": Expected("re-tendered", "rejected"),
            },
        ),
        Case(
            "Recommendation One with a Status: line",
            RECOMMENDATION_ONE,
            {
                "1": Expected(
                    "single early help assessment",
                    "accepted",
                    "Early Help Partnership Board",
                    "September 2025",
                ),
                "2": Expected("case record", "under consideration", "Children's Social Care"),
            },
        ),
        Case(
            "field names on their own lines",
            FIELD_HEADINGS,
            {
                "1": Expected(
                    "short breaks offer for disabled children and their families",
                    "accepted",
                    "Head of Disabled Children's Service",
                    "December 2025",
                ),
                "2": Expected("easy read", "rejected", "Head of Disabled Children's Service"),
            },
        ),
        Case(
            "one small table per recommendation",
            KEY_VALUE_TABLES,
            {
                "1": Expected(
                    "every youth centre open",
                    "partially accepted",
                    "Head of Youth Services",
                    "31 March 2026",
                ),
                "2": Expected(
                    "commissioning panel", "accepted", "Participation Manager", "September 2025"
                ),
            },
        ),
        Case(
            "row broken across a page",
            PAGE_BREAK,
            {
                "1": Expected("screened within 24 hours", "accepted", "MASH Manager"),
                "2": Expected("outcome of every audit", "partially accepted", "Head of Quality"),
            },
        ),
        Case(
            "tick columns",
            TICKS,
            {
                "1": Expected("mental health lead", "accepted", "CAMHS Commissioner"),
                "2": Expected("walk-in clinic", "rejected", "CAMHS Commissioner"),
                "3": Expected("waiting times", "partially accepted", "ICB Director"),
            },
        ),
        Case(
            "R1-R8 action plan with a RAG column",
            ACTION_PLAN,
            {
                "1": Expected("joint panel", None, "Youth Justice Service", "Q1 2025", "Green"),
                "2": Expected("speech and language", None, "Youth Justice Service", "Q2 2025"),
                "3": Expected("magistrates", None, "Courts Service", "Q3 2025", "Red"),
                "4": Expected("reoffending data", None, "Performance Team", "Q1 2025", "Complete"),
                "5": Expected("victim contact", None, "Youth Justice Service", "Q2 2025"),
                "6": Expected("parenting support", None, "Early Help Service", "Q4 2025"),
                "7": Expected("education protocol", None, "Education Service", "Q2 2025"),
                "8": Expected("Report progress", None, "Head of Youth Justice", "Q4 2025"),
            },
        ),
        Case(
            "The Panel recommends / Cabinet is recommended to",
            COMMITTEE_RECOMMENDS,
            {
                "1.1": Expected("attendance data by ward"),
                "1.2": Expected("two additional attendance officers"),
                "1.3": Expected("school uniforms"),
                "i": Expected("attendance strategy"),
                "ii": Expected("report progress in six months"),
            },
        ),
        Case(
            "Commons conclusions and recommendations",
            COMMONS,
            {
                "2": Expected("publishes a plan", owner="Department for Education"),
                "3": Expected("protocol for joint working", owner="Department for Education"),
            },
            findings=("funding shortfall", "Nobody benefits"),
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
            want.due is None and recommendation.due in (None, "", "n/a", "N/A", "TBC")
        ), (number, recommendation.due)
        if want.progress:
            assert recommendation.progress == want.progress, (number, recommendation.progress)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_spans_and_keys(case: Case) -> None:
    extraction = extract_recommendations(case.text)
    keys = [entity.key for entity in extraction.entities]
    assert len(keys) == len(set(keys))
    for entity in extraction.entities:
        assert 0 <= entity.span.start < entity.span.end <= len(case.text)


def test_docx_merged_section_row_heads_the_rows_below() -> None:
    text = read("response.docx", docx_bytes())
    found = recommendations_of(extract_recommendations(text))
    assert {found[n].section for n in ("1", "2", "3")} == {"Inclusion"}


def test_progress_is_never_read_as_acceptance() -> None:
    extraction = extract_recommendations(ACTION_PLAN)
    assert responses_of(extraction) == {}
    progress = {r.number: r.progress for r in recommendations_of(extraction).values()}
    assert progress["2"] == "Amber" and progress["8"] == "Not started"


def test_conclusions_are_findings() -> None:
    findings = [e for e in extract_findings(COMMONS).entities if isinstance(e, Finding)]
    subjects = [finding.subject for finding in findings]
    assert any("funding shortfall" in s for s in subjects), subjects
    assert any(s.startswith("Nobody benefits") for s in subjects), subjects
    assert not any("We recommend" in s for s in subjects)
    assert all("(Paragraph" not in s for s in subjects)


# --- recommendations and findings in running prose -------------------------------------

PRESS_RELEASE = """Inspection report published

The report found that data held by councils and the police differed in most areas.
Today's report recommends that the government establishes a single register of missing children.

The Committee felt that the Department must publish its workforce plan before the summer.

Waiting lists are growing and no area met the target. This is one of the key findings of the review.

The central proposal of the earlier review is that councils keep a register of children missing education (recommendation 4).
"""


def test_prose_recommendations_and_findings() -> None:
    recommendations = [
        e for e in extract_recommendations(PRESS_RELEASE).entities if isinstance(e, Recommendation)
    ]
    by_text = {r.text: r for r in recommendations}
    register = next(r for t, r in by_text.items() if "single register" in t)
    assert register.number == "" and register.owners == ("the government",)
    workforce = next(r for t, r in by_text.items() if "workforce plan" in t)
    assert workforce.owners == ("the Department",)
    four = next(r for r in recommendations if r.number == "4")
    assert four.text.startswith("The central proposal") and "(recommendation" not in four.text
    subjects = [
        e.subject for e in extract_findings(PRESS_RELEASE).entities if isinstance(e, Finding)
    ]
    assert any(s.startswith("The report found that data held") for s in subjects)
    assert "Waiting lists are growing and no area met the target." in subjects
    assert not any("This is one of" in s for s in subjects)


def test_speech_and_meta_sentences_are_not_findings() -> None:
    text = (
        "But what we found is that remits have become confused over the years, I think.\n"
        "The review identified 8 findings which are set out below at section 4.\n"
        "Officers asked whether the audit found that practice had improved.\n"
    )
    assert extract_findings(text).entities == ()


NUMBERING = """Children's Overview and Scrutiny Committee

RESOLVED that the following recommendations be made to Cabinet:
(a) that a dedicated youth worker be funded for each locality;
(b) that the Cabinet Member reports back on waiting times in six months.

Rec 1: Improve the transition from children's to adults' services.
R2 - Publish the short breaks statement annually.
Recommendation Three: Hold a summit on school places.

The Board recommends that the partnership:
i. agrees a single threshold document;
ii. reviews the front door by March.

RESOLVED: 1. That the report be noted. 2. That the minutes be approved.
"""


def test_numbering_variants_and_the_intro_names_the_owner() -> None:
    found = recommendations_of(extract_recommendations(NUMBERING))
    assert set(found) == {"a", "b", "1", "2", "3", "i", "ii"}
    assert found["3"].text == "Hold a summit on school places."
    assert found["2"].text == "Publish the short breaks statement annually."
    assert found["ii"].owners == ("the partnership",)
    assert "youth worker" in found["a"].text
