"""A second blind findings suite: twelve documents of kinds the first suite does not hold,
written as UK bodies publish them: an Ofsted inspection of local authority children's
services, a CQC inspection summary, an HMICFRS PEEL report, a Local Government and Social
Care Ombudsman decision, an internal audit report with its key findings in a table, a
serious case review executive summary, a Commons select committee's conclusions, a
council scrutiny review, a Healthwatch engagement report, a peer challenge feedback letter,
a coroner's report to prevent future deaths and a National Audit Office summary. Two are
HTML pages and two Word documents, each read through the real readers.

For each document the expected findings are given as word lists: every word of a list must
be contained (case-insensitive, curly apostrophes made straight, line breaks as spaces) in
the text of one extracted finding or its subject, each list in a finding of its own (two
expected findings merged into one extracted finding count as one found and one missed).
No finding may contain any of the document's must-not texts (recommendations, required
actions, background facts, a complaint as the complainant put it, methodology), and no
finding may be only one of the document's headings (a judgement, a section title). A
document yields at most two findings more than it expects. Findings are collected from
both the findings and the recommendations extractors, one per span.

A coroner's "matters of concern" are findings: each states what the evidence at the inquest
showed to be wrong (a system missing, a practice not followed) as the coroner concluded it,
while the action the coroner asks for is in the separate "action should be taken" section,
which is not a finding. A peer challenge's strengths are findings and its "areas for
consideration", written as what the council should consider doing, are recommendations.
Ofsted's "what needs to improve" list and HMICFRS's "the force should" areas for
improvement are what the inspected body must act on, so recommendations, while the
paragraphs setting out what inspectors found are findings.

A document the extractors do not yet read as its reader would is a strict expected failure
whose reason says what came out instead.
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io
import re
from dataclasses import dataclass

import docx
import pytest
from response_documents import read

from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.recommendations import extract_recommendations
from scrutiny.ingest.extract.records import Finding

EXTRA_ALLOWED = 2


@dataclass(frozen=True)
class FindingCase:
    name: str
    text: str  # canonical text, as the readers give it
    expected: tuple[tuple[str, ...], ...]  # words each expected finding's text contains
    forbidden: tuple[str, ...]  # texts no finding may contain
    headings: tuple[str, ...] = ()  # texts no finding may be on its own


OFSTED_ILACS = """Inspection of Harbourside children's services

Inspection dates: 13 to 24 January 2025
Lead inspector: Rachel Ainsworth, His Majesty's Inspector

Judgement                                                        Grade
The impact of leaders on social work practice with children      Requires improvement to be good
The experiences and progress of children who need help and protection   Requires improvement to be good
The experiences and progress of children in care                 Good
The experiences and progress of care leavers                     Good
Overall effectiveness                                            Requires improvement to be good

Since the last inspection in 2021, leaders have restructured the front door and increased the number of permanent social workers.

What needs to improve?

- The timeliness and quality of strategy discussions when children are at risk of significant harm.
- Management oversight and supervision of child in need plans.
- The response to children who go missing from home, including return home interviews.

The experiences and progress of children who need help and protection: requires improvement to be good

1. Children and families who need early help receive a timely and proportionate response from the multi-agency safeguarding hub, and thresholds are well understood by partner agencies.

2. Strategy discussions are not always held promptly when concerns escalate. In a small number of children's records, police were not involved in the discussion, which limited the sharing of information about risk.

3. Too many child in need plans lack clear, measurable actions, so that it is difficult for parents and professionals to know what needs to change.

4. When children go missing from home, return home interviews are not consistently offered, and the information gathered is not used well to reduce risk.

5. Disabled children receive a sensitive service from a stable team who know them well.

The experiences and progress of children in care: good

6. Children come into care when they need to, and decisions are made in a timely way.
"""

CQC_HTML = """<!DOCTYPE html>
<html lang="en"><head><title>Kingsmead Hospital - Inspection summary</title></head>
<body>
<nav><a href="/">Home</a> <a href="/search">Find a service</a></nav>
<main>
<h1>Kingsmead Hospital</h1>
<p>Kingsmead NHS Foundation Trust. Report published 4 March 2025.</p>
<h2>Overall rating: Requires improvement</h2>
<h2>Our view of the service</h2>
<p>We carried out an unannounced inspection of the urgent and emergency care and medical care services on 8 and 9 October 2024 because of concerns we received about waiting times.</p>
<h3>Urgent and emergency care</h3>
<p>We found:</p>
<ul>
<li>Patients waited too long to be assessed on arrival, and on both days of the inspection the department did not meet the 15-minute standard for initial assessment.</li>
<li>Staff did not always complete sepsis screening tools, and we saw records where antibiotics were given later than national guidance requires.</li>
<li>Staff treated patients with compassion and kindness and respected their privacy and dignity.</li>
</ul>
<h3>Medical care</h3>
<p>We found:</p>
<ul>
<li>The service did not have enough nursing staff on night shifts, and managers relied heavily on agency staff who had not completed an induction.</li>
<li>Medicines were stored safely, and fridge temperatures were checked daily.</li>
</ul>
<h2>Areas for improvement</h2>
<p>The trust must ensure that patients receive an initial assessment within 15 minutes of arrival.</p>
<p>The trust should ensure that all agency nurses complete a local induction before their first shift.</p>
</main>
<footer>Care Quality Commission, Citygate, Newcastle upon Tyne</footer>
</body></html>
"""

PEEL = """PEEL 2023–25: An inspection of Westmoor Police

Police effectiveness, efficiency and legitimacy

Investigating crime: Requires improvement

Area for improvement 1
The force should make sure investigations are allocated to officers with the right skills and experience, and that supervisors review them regularly.

We reviewed 90 investigations and spoke to officers and staff in four districts.

We found that 27 of the 90 investigations had not been allocated to an officer with the appropriate training. Complex fraud and stalking cases were often held by response officers with high workloads.

Supervisory reviews were recorded in most cases, but they seldom set out clear actions, and in 19 cases there was no review for more than a month.

The force is good at obtaining early evidence at the scene. Officers routinely use body-worn video and carry out house-to-house enquiries.

Protecting vulnerable people: Adequate

Area for improvement 2
The force should improve how it records the voice of the child when officers attend domestic abuse incidents.

Officers completed risk assessments in almost all domestic abuse incidents we reviewed. However, the records we examined seldom described how the children present were behaving or what they had said.

Cause of concern
The force doesn't answer non-emergency calls quickly enough.

Recommendations
Within three months, the force should introduce a plan to reduce the time callers wait for 101 calls to be answered.
"""

LGSCO_HTML = """<html><head><title>Northfield County Council (23 012 345)</title></head><body>
<h1>Northfield County Council (23 012 345)</h1>
<p>Category : Adult care services &gt; Assessment and care plan</p>
<p>Decision : Upheld</p>
<p>Decision date : 12 Feb 2025</p>
<h2>The Ombudsman's final decision:</h2>
<p>Summary: Mrs X complained the Council delayed assessing her mother's care needs and failed to tell her about charges. We found fault causing injustice. The Council has agreed to apologise and make a payment.</p>
<h2>The complaint</h2>
<ol>
<li>Mrs X complains the Council took too long to assess her mother, Mrs Y, after she left hospital, and that nobody told the family Mrs Y would have to pay towards her care.</li>
</ol>
<h2>The Ombudsman's role and powers</h2>
<ol start="2">
<li>We investigate complaints about 'maladministration' and 'service failure'. In this statement, I have used the word fault to refer to these.</li>
</ol>
<h2>What happened</h2>
<ol start="3">
<li>Mrs Y was discharged from hospital on 2 May 2023. The Council received a referral for a care needs assessment on 4 May 2023.</li>
<li>A social worker assessed Mrs Y on 14 August 2023.</li>
</ol>
<h2>Analysis</h2>
<ol start="5">
<li>The Council took more than 14 weeks to assess Mrs Y's needs. This was fault. The Council's own guidance says assessments should be completed within 28 days.</li>
<li>The Council did not give Mrs X written information about charging before care started. This was fault, and it meant Mrs X was unable to make an informed choice about her mother's care.</li>
<li>I have not found fault in how the Council calculated Mrs Y's contribution, which followed the charging rules.</li>
</ol>
<h2>Agreed action</h2>
<ol start="8">
<li>Within one month of the final decision, the Council will apologise to Mrs X and pay her £300 to recognise the distress caused.</li>
</ol>
<h2>Final decision</h2>
<p>Finding: fault causing injustice. I have completed my investigation.</p>
</body></html>
"""

SCR = """Rivermouth Safeguarding Children Partnership
Serious Case Review: Child N
Executive summary

1. Introduction

1.1 This review was commissioned by the Rivermouth Safeguarding Children Partnership after Child N, aged 14 months, was admitted to hospital with serious head injuries in March 2023.

1.2 Child N lived with their mother and her partner. The family had moved to Rivermouth from another area six months earlier.

2. Methodology

2.1 The review used a systems approach. Agencies provided chronologies, and practitioners attended two learning events.

3. Family involvement

3.1 Child N's mother contributed to the review and her views are reflected in this report.

5. Findings

5.1 Information about the mother's partner, including a previous conviction for violence, was held by the previous local authority but was not shared when the family moved. Practitioners in Rivermouth did not know about this risk.

5.2 Health visitors saw Child N four times in six weeks but did not ask about the adults living in the household. The practice of "think family" was not embedded in the universal health service.

5.3 Bruising to Child N's ear was seen by a nursery practitioner, but the bruising protocol was not followed because the practitioner thought the explanation was plausible.

5.4 Professionals relied on the mother's account of her partner's role and did not seek to meet him. Fathers and male carers were largely invisible to the services involved with the family.

6. Recommendations

6.1 The Partnership should seek assurance that transfer-in procedures require checks with the previous local authority when a family with a young child moves into the area.

6.2 The Partnership should relaunch the bruising protocol to early years settings.
"""

SCRUTINY_REVIEW = """Eastvale Borough Council
Communities Scrutiny Committee
Task and Finish Group: Access to Disabled Facilities Grants
Final report, November 2024

1. Introduction

1.1 The task and finish group was set up in March 2024 to review how residents access disabled facilities grants.

2. Methodology

2.1 The group held five evidence sessions, heard from officers and two housing associations, and visited the home improvement agency.

3. Evidence and findings

3.1 Waiting times

Officers told the group that 212 applications were awaiting an occupational therapy assessment in June 2024.

The group found that the average wait from first contact to completion of works was 58 weeks, well above the 26 weeks the council aims for, and that most of the delay arose before an application was approved.

3.2 Information for residents

The group found that the council's web pages on grants were out of date and did not explain the means test, and that residents were often unaware they could apply without a referral.

3.3 Working with housing associations

Housing associations described good joint working on major adaptations.

The group found that there was no agreed protocol on who pays for adaptations in housing association homes, which led to disputes and delay.

4. Recommendations

Recommendation 1: That the Cabinet Member for Housing commissions additional occupational therapy capacity to clear the assessment backlog by March 2025.

Recommendation 2: That the council agrees a funding protocol with housing associations.
"""

HEALTHWATCH = """# Healthwatch Lowbridge: Getting a GP appointment

## Why we did this

Residents have contacted us more about GP access than any other topic in the past year.

## What we did

Between June and August 2024 we spoke to 214 people at community events and through an online survey.

## What people told us

### Booking an appointment

More than half of the people we spoke to (118) said they found it difficult to get through on the phone at 8am, and many gave up before reaching the practice.

> "I rang 46 times and by the time I got through all the appointments had gone."

### Online booking

People who used the online booking system mostly found it easy, but older people and those without internet access told us they felt left behind.

### Reception staff

Most people said reception staff were polite and helpful, although some felt they were asked too many questions about their symptoms in front of other patients.

### Deaf people

Deaf people told us they could not book an appointment without asking a hearing person to phone for them, because practices did not offer text or video relay.

## Recommendations

1. Practices should offer a way to book appointments that does not depend on the telephone at 8am.
2. The ICB should make sure every practice offers text or video relay booking.

## Next steps

We will share this report with the Lowbridge Place Partnership.
"""

PEER_REVIEW = """Local Government Association
18 Smith Square, London SW1P 3HZ

Councillor Jane Ormsby
Leader, Ashcombe District Council

12 December 2024

Dear Councillor Ormsby,

Ashcombe District Council Corporate Peer Challenge, 19 to 22 November 2024

On behalf of the peer team, I would like to thank you for inviting us to Ashcombe. This letter sets out our key messages. The team spoke to more than 140 people, including staff, councillors and partners.

Strengths

- The council has a clear and ambitious vision for the district, set out in the Council Plan, which staff and partners understand and support.
- Financial management is strong, with a balanced budget for 2025/26 and healthy reserves.
- Partners describe the council as a trusted and reliable convenor on economic regeneration.

Areas for consideration

- The council should consider developing a workforce strategy to address recruitment difficulties in planning and environmental health.
- The council should consider strengthening the role of overview and scrutiny in shaping policy before decisions are made.

Other observations

The peer team found that decision-making on the town centre programme has been slowed by unclear governance between the council and its development company.

We will return for a progress review in autumn 2025.

Yours sincerely,

Alan Pritchard
Peer Challenge Manager
"""

CORONER = """REGULATION 28: REPORT TO PREVENT FUTURE DEATHS

THIS REPORT IS BEING SENT TO:
1. Chief Executive, Brackenfield Mental Health NHS Trust

1 CORONER
I am Helen Marsh, Area Coroner for the coroner area of West Brackenshire.

2 CORONER'S LEGAL POWERS
I make this report under paragraph 7, Schedule 5, of the Coroners and Justice Act 2009 and regulations 28 and 29 of the Coroners (Investigations) Regulations 2013.

3 INVESTIGATION and INQUEST
On 3 April 2024 I commenced an investigation into the death of Thomas Reid, aged 34. The investigation concluded at the end of the inquest on 9 January 2025. The conclusion of the inquest was suicide, contributed to by neglect.

4 CIRCUMSTANCES OF THE DEATH
Mr Reid was discharged from an acute mental health ward on 22 March 2024. He was found dead at his home on 29 March 2024.

5 CORONER'S CONCERNS
During the course of the inquest the evidence revealed matters giving rise to concern. In my opinion there is a risk that future deaths will occur unless action is taken. In the circumstances it is my statutory duty to report to you.

The MATTERS OF CONCERN are as follows:

(1) The Trust had no system to ensure that a patient discharged from an inpatient ward was followed up within 72 hours. Mr Reid was not contacted by any mental health professional after his discharge.

(2) The discharge care plan was not shared with Mr Reid's GP, and his family were not told he had been discharged.

(3) Ward staff gave evidence that a risk assessment was not updated before discharge, even though Mr Reid had disclosed suicidal thoughts two days earlier.

6 ACTION SHOULD BE TAKEN
In my opinion action should be taken to prevent future deaths and I believe you have the power to take such action.

7 YOUR RESPONSE
You are under a duty to respond to this report within 56 days of the date of this report, namely by 10 March 2025.

8 COPIES and PUBLICATION
I have sent a copy of my report to the Chief Coroner and to the family of Mr Reid.

9 13 January 2025, Helen Marsh, Area Coroner
"""

NAO = """Report by the Comptroller and Auditor General

Department for Education

Capital funding for special educational needs places

Summary

1 This report examines whether the Department for Education (the Department) is achieving value for money from the £2.6 billion it has allocated to councils to create new places for children with special educational needs and disabilities (SEND).

2 We interviewed officials, analysed departmental data and visited six councils.

Key findings

3 The Department does not know how many new places its funding has created. Councils report planned places, but the Department does not collect data on places delivered.

4 Costs per place vary widely between councils, from £18,000 to £96,000, and the Department has not analysed why.

5 Councils told us that uncertainty about future funding made it difficult to plan new special schools, which take up to five years to build.

6 Demand continues to outstrip supply: the number of pupils with an education, health and care plan in state special schools rose by 48% between 2018 and 2024.

Conclusion on value for money

7 The Department cannot demonstrate that its capital funding is achieving value for money, because it does not know what the funding has delivered.

Recommendations

a The Department should collect data from councils on places delivered and their costs.

b The Department should give councils a multi-year funding settlement for SEND capital.
"""


def _docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _internal_audit() -> bytes:
    """An internal audit report: key findings in a table, then the agreed actions."""
    document = docx.Document()
    document.add_heading("Internal Audit Report: Payroll 2024/25", level=1)
    document.add_paragraph(
        "Ashbury Metropolitan Borough Council. Final report issued 21 October 2024."
    )
    document.add_heading("Scope", level=2)
    document.add_paragraph(
        "The audit examined the controls over starters, leavers and changes to pay between April and July 2024. We tested a sample of 40 starters and 40 leavers."
    )
    document.add_heading("Assurance opinion", level=2)
    document.add_paragraph("Limited assurance.")
    document.add_heading("Key findings", level=2)
    rows = [
        ["Finding", "Risk", "Priority"],
        [
            "Leavers were not removed from payroll promptly: 6 of the 40 leavers tested were paid for at least one month after their leaving date.",
            "Overpayments are not recovered.",
            "High",
        ],
        [
            "Changes to bank details were processed without independent verification with the employee.",
            "Payroll fraud.",
            "High",
        ],
        [
            "Starter forms were authorised by managers without the required authority in 3 of the 40 cases tested.",
            "Unauthorised appointments.",
            "Medium",
        ],
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.add_heading("Agreed management actions", level=2)
    document.add_paragraph(
        "Action 1: HR will introduce a monthly reconciliation of leavers notified against payroll, by 31 December 2024. Responsible officer: Head of HR."
    )
    document.add_paragraph(
        "Action 2: Payroll will confirm every change of bank details by telephone with the employee before it is processed."
    )
    return _docx_bytes(document)


def _committee() -> bytes:
    """A Commons committee's conclusions and recommendations, conclusions in bold."""
    document = docx.Document()
    document.add_heading("House of Commons Transport Committee", level=1)
    document.add_heading("Rural bus services: Fourth Report of Session 2024–25", level=2)
    document.add_heading("Summary", level=2)
    document.add_paragraph(
        "Bus services are a lifeline for people in rural areas. We received 230 pieces of written evidence and held four oral evidence sessions."
    )
    document.add_heading("Conclusions and recommendations", level=2)
    items = [
        (
            "The number of supported bus services in rural England has fallen by a quarter since 2015, leaving many villages with no service at all. ",
            "",
        ),
        (
            "The short-term nature of government funding has prevented local transport authorities from planning services with confidence. ",
            "The Department should move to three-year funding settlements for local bus services from 2026–27.",
        ),
        (
            "Demand-responsive transport pilots have had mixed results, and several have closed because their cost per passenger was unsustainable. ",
            "",
        ),
        (
            "",
            "The Department should publish guidance on when demand-responsive transport offers value for money.",
        ),
    ]
    for number, (conclusion, recommendation) in enumerate(items, 1):
        paragraph = document.add_paragraph(f"{number}. ")
        if conclusion:
            paragraph.add_run(conclusion).bold = True
        if recommendation:
            paragraph.add_run(recommendation).italic = True
    return _docx_bytes(document)


CASES: list[FindingCase] = [
    FindingCase(
        "ofsted_ilacs_help_and_protection",
        OFSTED_ILACS,
        expected=(
            ("early help", "timely and proportionate", "thresholds"),
            ("strategy discussions are not always held promptly",),
            ("child in need plans lack clear, measurable actions",),
            ("return home interviews are not consistently offered",),
            ("disabled children receive a sensitive service",),
            ("children come into care when they need to",),
        ),
        forbidden=(
            "the timeliness and quality of strategy discussions",
            "management oversight and supervision of child in need plans",
            "the response to children who go missing from home, including",
            "since the last inspection in 2021",
        ),
        headings=(
            "The experiences and progress of children who need help and protection: requires improvement to be good",
            "The experiences and progress of children in care: good",
            "What needs to improve?",
        ),
    ),
    FindingCase(
        "cqc_inspection_summary_html",
        read("kingsmead-inspection.html", CQC_HTML.encode()),
        expected=(
            ("patients waited too long to be assessed",),
            ("sepsis screening", "antibiotics"),
            ("compassion and kindness",),
            ("enough nursing staff on night shifts", "agency staff"),
            ("medicines were stored safely",),
        ),
        forbidden=(
            "unannounced inspection",
            "the trust must ensure",
            "the trust should ensure",
        ),
        headings=("Overall rating: Requires improvement", "We found:"),
    ),
    FindingCase(
        "hmicfrs_peel_areas_for_improvement",
        PEEL,
        expected=(
            ("27 of the 90 investigations", "appropriate training"),
            ("supervisory reviews", "seldom set out clear actions"),
            ("good at obtaining early evidence",),
            ("risk assessments", "seldom described how the children"),
            ("doesn't answer non-emergency calls quickly enough",),
        ),
        forbidden=(
            "the force should make sure investigations are allocated",
            "the force should improve how it records the voice",
            "we reviewed 90 investigations and spoke",
            "within three months",
        ),
        headings=(
            "Investigating crime: Requires improvement",
            "Protecting vulnerable people: Adequate",
        ),
    ),
    FindingCase(
        "lgsco_decision_html",
        read("23-012-345.html", LGSCO_HTML.encode()),
        expected=(
            ("more than 14 weeks", "this was fault"),
            ("written information about charging", "fault"),
            ("not found fault", "contribution"),
        ),
        forbidden=(
            "mrs x complains the council took too long",
            "we investigate complaints about",
            "discharged from hospital on 2 may 2023",
            "assessed mrs y on 14 august 2023",
            "will apologise to mrs x and pay her",
        ),
        headings=("Finding: fault causing injustice.",),
    ),
    FindingCase(
        "internal_audit_key_findings_docx",
        read("payroll-audit.docx", _internal_audit()),
        expected=(
            ("leavers were not removed from payroll promptly",),
            ("bank details", "without independent verification"),
            ("starter forms", "without the required authority"),
        ),
        forbidden=(
            "the audit examined the controls",
            "hr will introduce a monthly reconciliation",
            "payroll will confirm every change",
        ),
        headings=("Key findings", "Finding"),
    ),
    FindingCase(
        "serious_case_review_findings",
        SCR,
        expected=(
            ("previous conviction for violence", "not shared"),
            ("health visitors", "did not ask about the adults"),
            ("bruising protocol was not followed",),
            ("relied on the mother's account", "invisible"),
        ),
        forbidden=(
            "was admitted to hospital with serious head injuries",
            "moved to rivermouth from another area",
            "systems approach",
            "contributed to the review",
            "transfer-in procedures",
            "relaunch the bruising protocol",
        ),
        headings=("5. Findings",),
    ),
    FindingCase(
        "commons_committee_conclusions_docx",
        read("rural-buses.docx", _committee()),
        expected=(
            ("fallen by a quarter since 2015",),
            ("short-term nature of government funding",),
            ("demand-responsive transport pilots have had mixed results",),
        ),
        forbidden=(
            "three-year funding settlements",
            "publish guidance on when demand-responsive",
            "230 pieces of written evidence",
        ),
        headings=("Conclusions and recommendations",),
    ),
    FindingCase(
        "council_scrutiny_evidence_and_findings",
        SCRUTINY_REVIEW,
        expected=(
            ("average wait", "58 weeks"),
            ("web pages on grants were out of date",),
            ("no agreed protocol on who pays",),
        ),
        forbidden=(
            "was set up in march 2024",
            "held five evidence sessions",
            "commissions additional occupational therapy capacity",
            "agrees a funding protocol with housing associations",
        ),
        headings=("3. Evidence and findings", "3.1 Waiting times"),
    ),
    FindingCase(
        "healthwatch_what_people_told_us",
        HEALTHWATCH,
        expected=(
            ("difficult to get through on the phone at 8am",),
            ("online booking", "felt left behind"),
            ("reception staff were polite and helpful",),
            ("deaf people", "text or video relay"),
        ),
        forbidden=(
            "residents have contacted us more about gp access",
            "we spoke to 214 people",
            "practices should offer a way to book",
            "the icb should make sure",
            "we will share this report",
        ),
        headings=("What people told us", "Booking an appointment"),
    ),
    FindingCase(
        "peer_challenge_letter",
        PEER_REVIEW,
        expected=(
            ("clear and ambitious vision",),
            ("financial management is strong",),
            ("trusted and reliable convenor",),
            ("town centre programme", "unclear governance"),
        ),
        forbidden=(
            "developing a workforce strategy",
            "strengthening the role of overview and scrutiny",
            "thank you for inviting us",
            "spoke to more than 140 people",
            "progress review in autumn 2025",
        ),
        headings=("Strengths", "Areas for consideration"),
    ),
    FindingCase(
        "coroner_regulation_28_matters_of_concern",
        CORONER,
        expected=(
            ("no system", "within 72 hours"),
            ("discharge care plan was not shared",),
            ("risk assessment was not updated before discharge",),
        ),
        forbidden=(
            "i make this report under paragraph 7",
            "was found dead at his home",
            "you are under a duty to respond",
            "i have sent a copy of my report",
        ),
        headings=("The MATTERS OF CONCERN are as follows:", "5 CORONER'S CONCERNS"),
    ),
    FindingCase(
        "nao_key_findings",
        NAO,
        expected=(
            ("does not know how many new places",),
            ("costs per place vary widely",),
            ("uncertainty about future funding",),
            ("demand continues to outstrip supply",),
            ("cannot demonstrate", "value for money"),
        ),
        forbidden=(
            "this report examines whether",
            "we interviewed officials",
            "should collect data from councils",
            "multi-year funding settlement",
        ),
        headings=("Key findings", "Conclusion on value for money"),
    ),
]


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    return re.sub(r"\s+", " ", text).strip()


def _bare(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", _norm(text)).strip()


def _findings(text: str) -> list[Finding]:
    """Findings from both extractors, one per span."""
    by_span: dict[tuple[int, int], Finding] = {}
    for extraction in (extract_findings(text), extract_recommendations(text)):
        for entity in extraction.entities:
            if isinstance(entity, Finding):
                by_span.setdefault((entity.span.start, entity.span.end), entity)
    return [by_span[key] for key in sorted(by_span)]


def _problems(case: FindingCase) -> list[str]:
    findings = _findings(case.text)
    texts = [_norm(case.text[f.span.start : f.span.end] + " " + f.subject) for f in findings]
    problems: list[str] = []
    used: set[int] = set()
    for words in case.expected:
        wanted = [_norm(word) for word in words]
        index = next(
            (
                i
                for i, found in enumerate(texts)
                if i not in used and all(word in found for word in wanted)
            ),
            None,
        )
        if index is None:
            problems.append(f"missed {words!r}")
        else:
            used.add(index)
    for forbidden in case.forbidden:
        for found in texts:
            if _norm(forbidden) in found:
                problems.append(f"forbidden {forbidden!r} in {found[:90]!r}")
    headings = {_bare(heading) for heading in case.headings}
    for finding in findings:
        if _bare(case.text[finding.span.start : finding.span.end]) in headings:
            problems.append(f"heading alone {case.text[finding.span.start : finding.span.end]!r}")
    if len(findings) > len(case.expected) + EXTRA_ALLOWED:
        problems.append(f"{len(findings)} findings for {len(case.expected)} expected")
    return problems


# What the extractors gave when this suite was written, for the documents they do not yet
# read as their reader would.
#: Documents not yet read as their reader would. Six of the nine gaps found when the suite
#: was written are closed (a findings column of a table, "What people told us" and "Matters
#: of concern" lists, "(1)" numbering, strengths, "The group found that", requirements and
#: plans listed among findings). Left: judgement paragraphs that state findings without a
#: finding verb (Ofsted, HMICFRS) and an Ombudsman's "This was fault".
GAPS: dict[str, str] = {
    "ofsted_ilacs_help_and_protection": "no finding at all: the six numbered judgement paragraphs (early help timely, strategy discussions not always held promptly, child in need plans lack actions, return home interviews not offered, disabled children, children come into care) all missed",
    "hmicfrs_peel_areas_for_improvement": "only 'We found that 27 of the 90 investigations …' came out; missed 'Supervisory reviews … seldom set out clear actions', 'The force is good at obtaining early evidence', 'Officers completed risk assessments … seldom described how the children' and the cause of concern 'The force doesn't answer non-emergency calls'",
    "lgsco_decision_html": "no finding at all: the three analysis paragraphs ('took more than 14 weeks … This was fault', 'did not give … written information about charging … fault', 'I have not found fault … contribution') all missed",
}


def _param(case: FindingCase) -> object:
    reason = GAPS.get(case.name)
    if reason is None:
        return pytest.param(case, id=case.name)
    return pytest.param(case, id=case.name, marks=pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_findings_generalise(case: FindingCase) -> None:
    assert _problems(case) == []
