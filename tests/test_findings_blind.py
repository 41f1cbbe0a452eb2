"""Blind findings suite: twelve review, inspection and committee documents written as UK
bodies publish them (safeguarding practice reviews, a domestic homicide review, a joint
targeted area inspection letter, Commons committee conclusions, council scrutiny reviews and
minutes) in plain text, markdown, DOCX and HTML, each read through the real readers.

For each document the expected findings are given as word lists: every list must be contained
(case-insensitive, curly apostrophes made straight, line breaks as spaces) in the text of one
extracted finding, each in a finding of its own (two expected findings merged into one
extracted finding count as one found and one missed).
No finding may contain any of the document's must-not texts (recommendations, background
facts, terms of reference, methodology, a meeting's noting of a report). A document yields at
most two findings more than it expects. Findings are collected from both the findings and the
recommendations extractors, one per span. A document the extractor does not yet read as its
reader would is a strict expected failure whose reason says what came out instead.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from blind_matching import distinct_matches, plain
from docx import Document
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


def _matched(expected: tuple[tuple[str, ...], ...], found: list[str]) -> list[int | None]:
    """For each expected finding, the index of a distinct found finding holding all its
    words (a maximum matching, so one finding covering two expected ones counts once)."""
    holds = [
        [i for i, covered in enumerate(found) if all(plain(w) in covered for w in words)]
        for words in expected
    ]
    return distinct_matches(holds)


def findings_of(text: str) -> list[tuple[Finding, str]]:
    """Every finding of either extractor, one per span, with the text it covers."""
    seen: dict[tuple[int, int], Finding] = {}
    for extraction in (extract_findings(text), extract_recommendations(text)):
        for entity in extraction.entities:
            if isinstance(entity, Finding):
                seen.setdefault((entity.span.start, entity.span.end), entity)
    out: list[tuple[Finding, str]] = []
    for (start, end), finding in sorted(seen.items()):
        covered = text[start:end]
        if finding.subject and plain(finding.subject) not in plain(covered):
            covered = f"{covered} {finding.subject}"
        out.append((finding, covered))
    return out


def _docx(paragraphs: list[tuple[str, str]]) -> bytes:
    document = Document()
    for style, words in paragraphs:
        if style.startswith("Heading"):
            document.add_heading(words, level=int(style.split()[-1]))
        else:
            document.add_paragraph(words, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# 1. Plain text: a local child safeguarding practice review with 'Finding 1:' headings, each
# over a paragraph of analysis, after background, terms of reference and methodology.
CSPR_FINDING_N = FindingCase(
    name="cspr-finding-colon-headings",
    text=read(
        "cspr-child-m.txt",
        b"""Northmoor Safeguarding Children Partnership
Local Child Safeguarding Practice Review: Child M
Published March 2024

1. Introduction

1.1 Child M was nine months old when he was admitted to hospital with a fractured skull
and rib fractures of differing ages. His parents were later charged with causing or
allowing serious harm to a child.

1.2 The Partnership agreed at its rapid review on 14 June 2023 that the criteria for a
local child safeguarding practice review were met.

2. Terms of reference and methodology

2.1 The review was asked to consider how agencies identified and responded to risks
posed to Child M by parental substance misuse and domestic abuse.

2.2 The review considered records from children's social care, the health visiting
service, the GP practice, Northmoor Police and the hospital trust covering the period
from the mother's booking appointment in January 2022 to June 2023.

2.3 The lead reviewer met with practitioners at a learning event in October 2023.

3. Findings

Finding 1: The father was largely invisible to the professionals working with the family.

Practitioners focused almost entirely on the mother. The father was not seen by the
health visitor on any of the five home visits, and his history of violence in a previous
relationship was not known to the midwifery service. This is a recurring theme in
national reviews.

Finding 2: Bruising to a non-mobile baby was not responded to in line with the
partnership's protocol.

When a small bruise was seen on Child M's ear at the seven-week check, it was accepted
as accidental without a referral to children's social care or a paediatric assessment.

Finding 3: Information about domestic abuse held by the police was not shared with
health agencies.

Two police call-outs to the family home in 2022 did not lead to a notification to the
health visiting service, so the practitioners who saw the baby most often did not know
about them.

4. Recommendations

Recommendation 1: The Partnership should seek assurance that all agencies record and
assess the role of fathers and male carers in the household.

Recommendation 2: The Partnership should relaunch the bruising in non-mobile babies
protocol and audit its use within twelve months.
""",
    ),
    expected=(
        ("father", "largely invisible"),
        ("bruising", "non-mobile baby", "not responded to"),
        ("domestic abuse", "police", "not shared"),
    ),
    forbidden=(
        "admitted to hospital with a fractured skull",
        "review considered records from",
        "seek assurance that all agencies record",
        "relaunch the bruising",
        "rapid review on 14 June 2023",
    ),
)

# 2. Markdown: 'Finding One' style headings with a title and paragraphs, followed by a
# question for the partnership, as in the systems-methodology (SCIE Learning Together)
# reports.
SCIE_FINDING_WORDS = FindingCase(
    name="scie-finding-one-markdown",
    text=read(
        "scr-family-b.md",
        b"""# Safeguarding Adults Review: Mr B

## 1. Why this review was carried out

Mr B was a 67-year-old man who lived alone and died of sepsis in a pressure ulcer in
February 2023. The Safeguarding Adults Board commissioned this review under section 44
of the Care Act 2014.

The review used the SCIE Learning Together methodology. The review team read agency
chronologies and held two conversations with practitioners.

## 2. Findings

### Finding One: Self-neglect was treated as a lifestyle choice

Professionals repeatedly recorded that Mr B had capacity and was choosing to live as he
did. No one assessed his executive capacity to carry out the decisions he described, and
the self-neglect procedure was never used.

**Question for the Board:** How can the Board be assured that practitioners understand
executive capacity?

### Finding Two: Agencies held separate pieces of the picture and no one brought them together

The district nurses, the GP and the housing officer each knew part of the story. There
was no multi-agency meeting in the eleven months before Mr B's death, and no agency saw
itself as the lead.

**Question for the Board:** What would help agencies to convene a multi-agency risk
meeting when self-neglect is escalating?

### Finding Three: Carers' concerns were not escalated

Domiciliary care workers noted the deteriorating wound on nine occasions, but their
concerns went to the agency office and stopped there.

## 3. Recommendations

1. The Board should publish a self-neglect practice guide that covers executive
   capacity.
2. The Board should commission a multi-agency risk management protocol.
""",
    ),
    expected=(
        ("self-neglect", "lifestyle choice"),
        ("separate pieces of the picture",),
        ("carers' concerns", "not escalated"),
    ),
    forbidden=(
        "died of sepsis",
        "Learning Together methodology",
        "publish a self-neglect practice guide",
        "commission a multi-agency risk management protocol",
    ),
)

# 3. DOCX: a council scrutiny task and finish group report with 'Key finding 1' headings.
SCRUTINY_KEY_FINDING_DOCX = FindingCase(
    name="scrutiny-key-finding-n-docx",
    text=read(
        "home-to-school-transport.docx",
        _docx(
            [
                ("Heading 1", "Home to School Transport: Task and Finish Group Report"),
                ("Normal", "Children and Young People Overview and Scrutiny Committee"),
                ("Heading 2", "Background"),
                (
                    "Normal",
                    "The council spends about GBP 21 million a year on home to school "
                    "transport, of which two thirds is for children with special "
                    "educational needs.",
                ),
                ("Heading 2", "Scope of the review"),
                (
                    "Normal",
                    "The group was asked to examine why costs have risen by 40 per cent "
                    "since 2021 and how families experience the service.",
                ),
                (
                    "Normal",
                    "Members held six evidence sessions, visited two special schools and "
                    "surveyed 312 parents.",
                ),
                ("Heading 2", "Key findings"),
                ("Heading 3", "Key finding 1"),
                (
                    "Normal",
                    "Route planning is done by hand. The transport team has no routing "
                    "software, so shared routes are missed and many children travel alone "
                    "in taxis.",
                ),
                ("Heading 3", "Key finding 2"),
                (
                    "Normal",
                    "Parents are not told who will drive their child until the first day "
                    "of term, and half of the parents surveyed said that this caused their "
                    "child anxiety.",
                ),
                ("Heading 3", "Key finding 3"),
                (
                    "Normal",
                    "Independent travel training has helped 48 young people to travel on "
                    "their own, but the scheme has only one trainer and a waiting list of "
                    "70.",
                ),
                ("Heading 2", "Recommendations"),
                (
                    "Normal",
                    "Recommendation 1: That the Cabinet Member procures route optimisation "
                    "software by April 2025.",
                ),
                (
                    "Normal",
                    "Recommendation 2: That the service confirms driver details to "
                    "families at least five working days before term starts.",
                ),
            ]
        ),
    ),
    expected=(
        ("route planning", "by hand"),
        ("parents are not told", "who will drive"),
        ("independent travel training", "one trainer"),
    ),
    forbidden=(
        "spends about GBP 21 million",
        "held six evidence sessions",
        "procures route optimisation software",
        "confirms driver details",
    ),
)

# 4. HTML: an inspection summary page whose 'What we found' section is a bulleted list.
INSPECTION_WHAT_WE_FOUND_HTML = FindingCase(
    name="inspection-what-we-found-html",
    text=read(
        "youth-justice-inspection.html",
        b"""<!DOCTYPE html>
<html lang="en"><head><title>Inspection of youth justice services in Eastborough</title></head>
<body>
<main>
<h1>An inspection of youth justice services in Eastborough</h1>
<p>HM Inspectorate of Probation inspected the service in May 2024.</p>
<h2>About the inspection</h2>
<p>We inspected 28 court disposals and 14 out-of-court disposals and interviewed the
case managers responsible for them.</p>
<h2>What we found</h2>
<ul>
<li>The management board does not have a clear understanding of the disproportionate
number of Black children entering the youth justice system.</li>
<li>Case managers know the children well and build trusting relationships with
them.</li>
<li>Work to keep other people safe was insufficient in over half of the cases we
inspected.</li>
<li>Joint work with the local child and adolescent mental health service is strong.</li>
</ul>
<h2>Recommendations</h2>
<p>The Chair of the management board should:</p>
<ol>
<li>analyse the reasons for the over-representation of Black children and agree an
action plan</li>
<li>make sure that risk of harm to others is reviewed whenever circumstances change.</li>
</ol>
<p>The service has six weeks to send us its improvement plan.</p>
</main>
</body></html>
""",
    ),
    expected=(
        ("management board", "disproportionate"),
        ("case managers know the children well",),
        ("keep other people safe", "insufficient"),
        ("mental health service is strong",),
    ),
    forbidden=(
        "inspected 28 court disposals",
        "analyse the reasons for the over-representation",
        "risk of harm to others is reviewed",
        "six weeks to send us",
    ),
)

# 5. Plain text: a Commons select committee 'Conclusions and recommendations' list. Numbered
# paragraphs that conclude are findings; those that recommend are not. A paragraph that does
# both (9) is expected neither way.
COMMONS_CONCLUSIONS = FindingCase(
    name="commons-conclusions-and-recommendations",
    text=read(
        "committee-report.txt",
        b"""Conclusions and recommendations

The state of children's social care

1.\tThe number of children in care in England has risen every year for the past
decade. We heard consistent evidence that the market for children's homes is not
working: providers are concentrated in a few regions and placements are too often made
far from a child's home. (Paragraph 24)

2.\tThe Government should set out, within six months, how it will use its powers to
shape the market, including any limits on the profits of large providers. (Paragraph 31)

3.\tWe are concerned that the use of unregistered placements for children under 16
continued after it was made unlawful in September 2021. (Paragraph 38)

4.\tWe recommend that Ofsted be given powers to register and inspect the head offices of
organisations that run several children's homes. (Paragraph 42)

The workforce

5.\tThe reliance on agency social workers is undermining the stability of relationships
that children in care value most. Some local authorities now pay agency staff twice the
salary of permanent staff. (Paragraph 55)

6.\tThe Department for Education should publish a workforce strategy for children's social
care by the end of this Parliament. (Paragraph 61)

Kinship care

7.\tKinship carers told us that they feel abandoned once an order is made. Support varies
greatly between local authorities and most kinship carers receive no financial allowance.
(Paragraph 70)

8.\tWe welcome the Government's commitment to a national kinship care strategy. (Paragraph
72)

9.\tThe current arrangements for legal aid leave many kinship carers without advice. We
recommend that the Ministry of Justice extends non-means-tested legal aid to them.
(Paragraph 75)
""",
    ),
    expected=(
        ("market for children's homes is not working",),
        ("unregistered placements", "continued"),
        ("agency social workers", "undermining"),
        ("kinship carers", "feel abandoned"),
    ),
    forbidden=(
        "set out, within six months",
        "Ofsted be given powers",
        "should publish a workforce strategy",
    ),
)

# 6. Plain text: a domestic homicide review's executive summary whose conclusions are prose
# sentences ('The review found that ...', 'The panel concluded that ...'); every numbered
# paragraph of its 'Conclusions' section is a finding, including those without such opening.
DHR_PROSE = FindingCase(
    name="dhr-prose-conclusions",
    text=read(
        "dhr-executive-summary.txt",
        b"""Westvale Community Safety Partnership
Domestic Homicide Review into the death of Rose
Executive Summary

1. The review process

1.1 This summary outlines the process undertaken by the Westvale Domestic Homicide Review
panel in reviewing the homicide of Rose, who was 54 when she was killed by her son in
August 2022.

1.2 The review considered records from eleven agencies, including the police, adult
social care, the mental health trust and two GP practices, covering the period from
January 2018 to the date of Rose's death.

1.3 The terms of reference asked the panel to examine whether agencies recognised the
risk that Rose's son posed to her and whether carers' assessments were offered.

2. Conclusions

2.1 The review found that no agency identified Rose as a victim of domestic abuse; her
son's violence was seen as a symptom of his mental illness rather than as abuse of his
mother.

2.2 Rose was offered a carer's assessment in 2019 but it was never completed, and no
agency followed it up.

2.3 The panel concluded that the mental health trust's risk assessments focused on the
risk of self-harm and did not consider the risk to family members living with the patient.

2.4 The panel found that the police attended the home on four occasions and completed a
DASH risk assessment only once.

2.5 The panel noted that Rose's sister had raised concerns with the GP surgery, and these
were recorded but not passed on.

3. Recommendations

3.1 The Community Safety Partnership should raise awareness of adult family violence,
including abuse of parents by adult children.

3.2 The mental health trust should amend its risk assessment tool so that it asks about
the risk to carers and relatives.
""",
    ),
    expected=(
        ("no agency identified rose", "victim of domestic abuse"),
        ("carer's assessment", "never completed"),
        ("mental health trust", "risk assessments", "did not consider"),
        ("police attended", "dash", "only once"),
        ("rose's sister", "not passed on"),
    ),
    forbidden=(
        "review considered records from eleven agencies",
        "terms of reference asked the panel",
        "raise awareness of adult family violence",
        "amend its risk assessment tool",
        "was killed by her son",
    ),
)

# 7. Plain text: a joint targeted area inspection letter; its findings are sentences
# opening 'Inspectors found' and a 'Key strengths' / 'Areas for improvement' pair.
JTAI_LETTER = FindingCase(
    name="jtai-letter-inspectors-found",
    text=read(
        "jtai-letter.txt",
        b"""Joint targeted area inspection of the multi-agency response to children and
families who need help in Southmere

This letter summarises the findings of a joint targeted area inspection (JTAI) of the
multi-agency response to children and families who need help in Southmere.

This inspection was carried out by inspectors from Ofsted, the Care Quality Commission
(CQC) and HM Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) between
8 and 12 April 2024.

Inspectors reviewed the experiences of 41 children and met with frontline staff,
managers and leaders.

Headline findings

Inspectors found that partners in Southmere have a shared commitment to early help, and
the early help strategy is understood by practitioners across agencies.

Inspectors found that too many children are referred to the front door more than once
before they receive help, because early help assessments are not always completed when
needs first emerge.

Inspectors also found that the quality of supervision of early help practitioners in
schools is inconsistent.

What needs to improve?

- The timeliness of early help assessments when needs are first identified.
- The quality and consistency of supervision for early help practitioners.

Next steps

The local authority should prepare a written statement of proposed action responding to
the findings outlined in this letter. This should be submitted to Ofsted by 24 July 2024.
""",
    ),
    expected=(
        ("shared commitment to early help",),
        ("referred to the front door more than once",),
        ("supervision", "inconsistent"),
    ),
    forbidden=(
        "reviewed the experiences of 41 children",
        "carried out by inspectors from Ofsted",
        "should prepare a written statement",
    ),
)

# 8. Markdown: an internal audit style report with a 'Summary of findings' heading over
# lettered items.
AUDIT_SUMMARY_LETTERED = FindingCase(
    name="audit-summary-of-findings-lettered",
    text=read(
        "procurement-review.md",
        b"""# Review of Procurement Waivers

**Report to:** Audit and Governance Committee, 18 September 2024

## Purpose

This report sets out the outcome of the internal audit review of procurement waivers
approved between April 2023 and March 2024.

## Approach

We sampled 35 waivers worth a total of GBP 4.2 million and interviewed officers in
Procurement, Legal Services and three service directorates.

## Summary of findings

(a) Eleven of the 35 waivers sampled were approved after the contract had already
started, contrary to Contract Procedure Rules.

(b) The waiver register is not reconciled with the contracts register, so the council
cannot say how much it spends without competition.

(c) Reasons given for waivers were generic in most cases, citing urgency without
evidence.

(d) The Head of Procurement's challenge of waiver requests is well documented and effective.

## Audit opinion

Limited assurance.

## Management actions

1. Procurement will reconcile the waiver register with the contracts register each
   quarter.
2. Directors will certify that no work has begun before a waiver is approved.
""",
    ),
    expected=(
        ("eleven of the 35 waivers", "after the contract"),
        ("waiver register is not reconciled",),
        ("generic", "urgency without evidence"),
        ("challenge of waiver requests", "effective"),
    ),
    forbidden=(
        "We sampled 35 waivers",
        "reconcile the waiver register with the contracts register each",
        "certify that no work has begun",
    ),
)

# 9. DOCX: a Healthwatch style report with a 'Key findings' heading over bulleted items.
HEALTHWATCH_BULLETS_DOCX = FindingCase(
    name="healthwatch-key-findings-bullets-docx",
    text=read(
        "gp-access-report.docx",
        _docx(
            [
                ("Heading 1", "Getting a GP appointment in Lowdale"),
                (
                    "Normal",
                    "Between January and March 2024 we heard from 640 people about their "
                    "experience of contacting their GP practice.",
                ),
                ("Heading 2", "Key findings"),
                (
                    "List Bullet",
                    "Most people (62%) found it difficult or very difficult to get through "
                    "to their practice by phone at 8am.",
                ),
                (
                    "List Bullet",
                    "People without internet access were often unable to use online "
                    "booking and felt left behind.",
                ),
                (
                    "List Bullet",
                    "Once seen, most people rated the care they received as good or very good.",
                ),
                (
                    "List Bullet",
                    "Few people knew about other roles in the practice, such as clinical "
                    "pharmacists and social prescribers.",
                ),
                ("Heading 2", "Recommendations"),
                (
                    "List Number",
                    "Practices should offer a call-back option so that patients do not "
                    "have to wait in a queue.",
                ),
                (
                    "List Number",
                    "The Integrated Care Board should fund a campaign explaining the "
                    "roles of the wider practice team.",
                ),
                ("Heading 2", "Response from the Integrated Care Board"),
                (
                    "Normal",
                    "The ICB welcomed the report and will share it with all practices.",
                ),
            ]
        ),
    ),
    expected=(
        ("62%", "difficult", "by phone"),
        ("without internet access", "left behind"),
        ("care they received", "good"),
        ("other roles in the practice",),
    ),
    forbidden=(
        "heard from 640 people",
        "offer a call-back option",
        "fund a campaign",
        "welcomed the report",
    ),
)

# 10. Plain text: a child safeguarding practice review's learning section. Each 'Learning
# point' that states what the review learned about practice (what happened and why) is a
# finding: it is the review's judgement about the case. Learning point 3 only tells
# practitioners what to do, with no judgement about what happened, so it reads as advice
# and is not a finding. 'Lessons learned' narrative statements of fact are findings too.
CSPR_LEARNING_POINTS = FindingCase(
    name="cspr-learning-points",
    text=read(
        "cspr-siblings-learning.txt",
        b"""Eastshire Safeguarding Children Partnership
Child Safeguarding Practice Review: Siblings A and B

Summary of the case

Siblings A and B, aged 4 and 6, were found living in a home with no heating and little
food in December 2022. Both children were significantly underweight.

Analysis and learning

Learning point 1
The children's school attendance fell below 60% over two terms, but this was treated as
an attendance matter and not as a sign of neglect. Attendance officers and the designated
safeguarding lead did not share what they each knew.

Learning point 2
Professionals relied on the mother's account that the children were eating well, and no
one saw the children's home beyond the front room. The lived experience of the children
was not understood.

Learning point 3
Practitioners should use the Graded Care Profile 2 whenever neglect is suspected and
should always ask to see children's bedrooms and the kitchen.

Lessons learned

The review learned that the closure of the children's centre in 2021 removed the only
service that had regular contact with the family.

The review learned that the neglect strategy was not known to staff in health and
education settings.

Recommendations

1. The Partnership should refresh its neglect strategy and launch it with schools and
   health staff.
2. The local authority should review how attendance concerns are escalated.
""",
    ),
    expected=(
        ("school attendance", "not as a sign of neglect"),
        ("relied on the mother's account",),
        ("closure of the children's centre",),
        ("neglect strategy was not known",),
    ),
    forbidden=(
        "should use the Graded Care Profile 2",
        "found living in a home with no heating",
        "refresh its neglect strategy",
        "review how attendance concerns are escalated",
    ),
)

# 11. Plain text: minutes of a scrutiny committee receiving a task group's final report.
# The review's finding reported in the minutes is a finding; the committee's noting and its
# resolution are not.
SCRUTINY_MINUTES = FindingCase(
    name="scrutiny-minutes-noted",
    text=read(
        "minutes-health-scrutiny.txt",
        b"""MINUTES of a meeting of the Health Overview and Scrutiny Committee held at County
Hall on Thursday 7 November 2024 at 10.00 am

Present: Councillor J Patel (Chair), Councillors R Evans, S Hughes, M O'Brien and
T Whitfield

23. Apologies for absence

Apologies were received from Councillor D Clarke.

24. Declarations of interest

There were no declarations of interest.

25. Minutes of the previous meeting

RESOLVED that the minutes of the meeting held on 12 September 2024 be confirmed as a
correct record.

26. Dental Access Task Group - Final Report

Councillor Evans, chair of the task group, presented the final report. The task group
held five meetings and heard from the Integrated Care Board, Healthwatch and local
dentists.

The task group found that no NHS dental practice in the county was accepting new adult
patients in October 2024.

Members asked about the children's urgent care pathway. The ICB representative explained
that a new urgent care hub would open in Greystone in January 2025.

The Committee noted the report.

RESOLVED that the recommendations of the task group be endorsed and referred to the
Integrated Care Board for a response within two months.

27. Work programme

The Committee noted the work programme.

The meeting closed at 12.15 pm.
""",
    ),
    expected=(("no nhs dental practice", "accepting new adult patients"),),
    forbidden=(
        "The Committee noted the report",
        "noted the work programme",
        "recommendations of the task group be endorsed",
        "held five meetings",
        "urgent care hub would open",
        "confirmed as a correct record",
    ),
)

# 12. HTML: a council scrutiny review published as a web page with its terms of reference
# and its conclusions as ordered lists, then recommendations.
SCRUTINY_CONCLUSIONS_HTML = FindingCase(
    name="scrutiny-conclusions-ol-html",
    text=read(
        "flooding-review.html",
        b"""<!DOCTYPE html>
<html lang="en"><head><title>Scrutiny review of flood risk management</title></head>
<body>
<article>
<h1>Scrutiny review of flood risk management</h1>
<p>Environment and Communities Scrutiny Panel, report to Cabinet, 3 December 2024</p>
<h2>Terms of reference</h2>
<ol>
<li>To examine how the council works with the Environment Agency and the water company
on surface water flooding.</li>
<li>To assess how residents are warned and supported during a flood.</li>
</ol>
<h2>How we carried out the review</h2>
<p>The panel took evidence from officers, the Environment Agency, Severn Water and
residents of three flooded streets, and visited the Ashbrook culvert.</p>
<h2>Conclusions</h2>
<ol>
<li>Blocked gullies contributed to flooding in all three streets the panel visited;
the cleaning programme is based on a fixed schedule rather than on risk.</li>
<li>Residents did not know which organisation to call, and many were passed between the
council and the water company.</li>
<li>The council's emergency response on the night of the floods was quick and well
coordinated.</li>
</ol>
<h2>Recommendations</h2>
<ol>
<li>That gully cleaning be scheduled according to flood risk from April 2025.</li>
<li>That the council publishes a single flood contact number with its partners.</li>
</ol>
</article>
</body></html>
""",
    ),
    expected=(
        ("blocked gullies", "fixed schedule"),
        ("did not know which organisation to call",),
        ("emergency response", "quick and well coordinated"),
    ),
    forbidden=(
        "To examine how the council works",
        "To assess how residents are warned",
        "took evidence from officers",
        "gully cleaning be scheduled according to flood risk",
        "single flood contact number",
    ),
)

CASES: list[FindingCase] = [
    CSPR_FINDING_N,
    SCIE_FINDING_WORDS,
    SCRUTINY_KEY_FINDING_DOCX,
    INSPECTION_WHAT_WE_FOUND_HTML,
    COMMONS_CONCLUSIONS,
    DHR_PROSE,
    JTAI_LETTER,
    AUDIT_SUMMARY_LETTERED,
    HEALTHWATCH_BULLETS_DOCX,
    CSPR_LEARNING_POINTS,
    SCRUTINY_MINUTES,
    SCRUTINY_CONCLUSIONS_HTML,
]

#: Documents the extractors do not read as their reader would. Eight of the nine gaps found
#: when the suite was written are closed. The Commons conclusions stay: the project cuts a
#: numbered conclusion into its sentences (each concluding sentence a finding, each
#: recommending one a recommendation), as its dev gold labels Commons conclusions, where this
#: suite counts a paragraph as one finding.
XFAIL: dict[str, str] = {
    "commons-conclusions-and-recommendations": (
        "all four conclusions found and no recommendation taken, but 9 findings for 4 "
        "expected (limit 6): paragraphs 1, 5 and 7 split into a finding per sentence "
        "('The number of children in care ...', 'Some local authorities now pay ...', "
        "'Support varies greatly ...'), plus 8 ('We welcome ...') and 9's first sentence"
    ),
}


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        reason = XFAIL.get(case.name)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_findings_read_as_a_reader_would(case: FindingCase) -> None:
    found = [plain(covered) for _, covered in findings_of(case.text)]
    matches = _matched(case.expected, found)
    missed = [words for words, i in zip(case.expected, matches, strict=True) if i is None]
    forbidden = [
        text for text in case.forbidden if any(plain(text) in covered for covered in found)
    ]
    assert not missed, f"expected findings missed: {missed}; found: {found}"
    assert not forbidden, f"texts that are not findings came out as findings: {forbidden}"
    assert len(found) <= len(case.expected) + EXTRA_ALLOWED, f"too many findings: {found}"
