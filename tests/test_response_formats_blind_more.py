"""Further response documents, written as councils, safeguarding partnerships, NHS bodies,
police forces and government departments publish them, without reference to the extractor.

Each case is one published document as ingest reads it: DOCX and HTML go through the real
readers, two PDFs are small generated files read through the real PDF reader, and the rest
are plain text or markdown. Each case lists the recommendations a careful reader of the
document would record: the number (lower case, without an "R", "Rec" or "Recommendation"
prefix; "One" as "1", "(a)" as "a"), words the recommendation's text contains, and the
status, owner, due date and progress the document states. A status, due date or progress
of None means the document states none, so none may be extracted; an owner of None is not
checked, since a recommendation's own words may name who is to act. A recommendation the
document does not make must not be extracted either.

The cases were written before the extractor read them: seven of the twelve failed at
first (statuses stated as "disagrees" and "will consider", a "N/A" due date, a possessive
heading, responses to lettered and roman-numbered recommendations, a decision heading over
a resolution, "note …" items of an announced list, PDF tables, an owner with a comma).
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io
import re

import pytest
from response_documents import Case, Expected, pdf_bytes, read, recommendations_of, responses_of

from scrutiny.ingest.extract.recommendations import extract_recommendations

ACCEPTED = "accepted"
PARTLY = "partially accepted"
REJECTED = "rejected"
NOTED = "noted"
DEFERRED = "deferred"
CONSIDERING = "under consideration"
IN_PLACE = "already in place"


def docx_table(
    title: str, intro: str, header: tuple[str, ...], rows: list[tuple[str, ...]]
) -> bytes:
    """A DOCX with a heading, an introductory paragraph and one table."""
    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    document.add_paragraph(intro)
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_paragraphs(title: str, paragraphs: list[tuple[str, str]]) -> bytes:
    """A DOCX of paragraphs, each given with its kind: "heading", "bold" or "body"."""
    import docx

    document = docx.Document()
    document.add_heading(title, 1)
    for kind, text in paragraphs:
        if kind == "heading":
            document.add_heading(text, 2)
        elif kind == "bold":
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# 1. DOCX table: cabinet response to a scrutiny review, plain numbers, "Lead Officer" and
# "Timescale" columns, the response in its own column with comments beside it.
CABINET_TABLE = Case(
    "docx-cabinet-response-table",
    read(
        "cabinet-response-home-to-school-transport.docx",
        docx_table(
            "Cabinet Response to the Children and Young People Scrutiny Panel: Review of Home to School Transport",
            "The Panel's final report was considered by Cabinet on 14 January 2025. Recommendations "
            "are listed below with the Cabinet's response, the lead officer and the timescale for "
            "implementation.",
            ("No.", "Recommendation", "Cabinet Response", "Comments", "Lead Officer", "Timescale"),
            [
                (
                    "1",
                    "That the Council publishes its home to school transport eligibility criteria in a single, plain-English guide for parents and carers.",
                    "Accepted",
                    "The guide will be published ahead of the September admissions round.",
                    "Head of Admissions and Transport",
                    "July 2025",
                ),
                (
                    "2",
                    "That the Council reviews the independent travel training offer with a view to doubling the number of places available.",
                    "Partially accepted",
                    "The offer will be reviewed; any expansion depends on the outcome of the 2025/26 budget.",
                    "Head of SEND Services",
                    "December 2025",
                ),
                (
                    "3",
                    "That free transport is extended to all post-16 students living more than two miles from their place of learning.",
                    "Not accepted",
                    "The cost of the proposal, estimated at £1.2m a year, cannot be met within the Medium Term Financial Strategy.",
                    "Director of Children's Services",
                    "N/A",
                ),
                (
                    "4",
                    "That the Panel receives an annual update on home to school transport spending.",
                    "Noted",
                    "Updates will be provided through the regular budget monitoring reports.",
                    "Chief Finance Officer",
                    "Annually",
                ),
            ],
        ),
    ),
    {
        "1": Expected(
            "plain-English guide for parents", ACCEPTED, "Head of Admissions", "July 2025"
        ),
        "2": Expected(
            "independent travel training offer", PARTLY, "Head of SEND Services", "December 2025"
        ),
        "3": Expected(
            "free transport is extended to all post-16", REJECTED, "Director of Children's Services"
        ),
        "4": Expected(
            "annual update on home to school transport", NOTED, "Chief Finance Officer", "Annually"
        ),
    },
)

# 2. DOCX paragraphs: a government response to a select committee, "The Committee
# recommends" paragraphs numbered 1., each followed by a "Government response" heading.
GOVERNMENT_PARAGRAPHS = Case(
    "docx-government-response-paragraphs",
    read(
        "government-response-local-authority-finance.docx",
        docx_paragraphs(
            "Government Response to the Committee's Report on Local Authority Financial Sustainability",
            [
                (
                    "body",
                    "The Government welcomes the Committee's report and is grateful to all those who gave evidence. "
                    "The Committee's conclusions and recommendations are set out below, followed by the Government's response.",
                ),
                ("heading", "Conclusions and recommendations"),
                (
                    "body",
                    "1. The Committee recommends that the Department publishes a multi-year funding settlement for local authorities. (Paragraph 27)",
                ),
                ("bold", "Government response"),
                (
                    "body",
                    "The Government agrees with this recommendation. The Department will set out a multi-year settlement alongside the Spending Review.",
                ),
                (
                    "body",
                    "2. The Committee recommends that the Department reviews the statutory override for high-needs deficits before it expires. (Paragraph 34)",
                ),
                ("bold", "Government response"),
                (
                    "body",
                    "The Government partially agrees with this recommendation. The override has been extended to March 2028, and a wider review of SEND funding will follow the schools white paper.",
                ),
                (
                    "body",
                    "3. The Committee recommends that the business rates retention system is reset in full in 2025-26. (Paragraph 41)",
                ),
                ("bold", "Government response"),
                (
                    "body",
                    "The Government disagrees with this recommendation. A full reset in a single year would cause significant disruption to authorities' budgets.",
                ),
                (
                    "body",
                    "4. The Committee recommends that the Department establishes an independent body to assess local authority spending needs. (Paragraph 48)",
                ),
                ("bold", "Government response"),
                (
                    "body",
                    "The Government will consider this recommendation as part of its wider work on the funding formula and will update the Committee in due course.",
                ),
            ],
        ),
    ),
    {
        "1": Expected("multi-year funding settlement", ACCEPTED),
        "2": Expected("statutory override for high-needs deficits", PARTLY),
        "3": Expected("business rates retention system is reset", REJECTED),
        "4": Expected("independent body to assess local authority spending needs", CONSIDERING),
    },
)

# 3. HTML table with tick columns: an executive response, R1 numbering, "Responsible
# officer" and "Target date".
TICK_TABLE = Case(
    "html-executive-response-tick-columns",
    read(
        "executive-response-fly-tipping.html",
        """<html><head><title>Executive Response: Fly-tipping Enforcement Review</title></head><body>
<h1>Executive Response to the Overview and Scrutiny Committee</h1>
<h2>Task and Finish Group Review of Fly-tipping Enforcement</h2>
<p>The Executive considered the Task and Finish Group's recommendations on 5 February 2025. A tick shows whether each recommendation is accepted or rejected.</p>
<table border="1">
<thead><tr><th>Ref</th><th>Recommendation</th><th>Accept</th><th>Reject</th><th>Executive comments</th><th>Responsible officer</th><th>Target date</th></tr></thead>
<tbody>
<tr><td>R1</td><td>Install mobile CCTV cameras at the ten most frequently used fly-tipping hotspots.</td><td>&#10003;</td><td></td><td>Funding has been identified from the enforcement reserve.</td><td>Environmental Services Manager</td><td>31 March 2025</td></tr>
<tr><td>R2</td><td>Introduce free bulky waste collections for households in receipt of council tax support.</td><td></td><td>&#10003;</td><td>The service is already subsidised and a free collection cannot be funded in the current financial year.</td><td>Head of Waste Services</td><td></td></tr>
<tr><td>R3</td><td>Publicise successful fly-tipping prosecutions on the council's website and social media.</td><td>&#10003;</td><td></td><td>A quarterly round-up will be published.</td><td>Head of Communications</td><td>June 2025</td></tr>
<tr><td>R4</td><td>Increase the fixed penalty for small-scale fly-tipping to the statutory maximum of £1,000.</td><td></td><td>&#10003;</td><td>The current level of £400 achieves a high payment rate; the level will be kept under review.</td><td>Environmental Services Manager</td><td></td></tr>
</tbody></table>
</body></html>""".encode(),
    ),
    {
        "1": Expected(
            "mobile CCTV cameras", ACCEPTED, "Environmental Services Manager", "31 March 2025"
        ),
        "2": Expected("free bulky waste collections", REJECTED, "Head of Waste Services"),
        "3": Expected(
            "successful fly-tipping prosecutions", ACCEPTED, "Head of Communications", "June 2025"
        ),
        "4": Expected(
            "fixed penalty for small-scale fly-tipping", REJECTED, "Environmental Services Manager"
        ),
    },
)

# 4. HTML decision notice: "Cabinet is recommended to" with an (a)-(d) list, then the
# decision "RESOLVED that" recommendations (a), (c) and (d) be approved and (b) deferred.
DECISION_NOTICE = Case(
    "html-decision-notice-lettered",
    read(
        "decision-library-strategy.html",
        b"""<html><body>
<h1>Decision details: Library Service Strategy 2025-2030</h1>
<p>Decision maker: Cabinet. Decision status: Recommendations approved.</p>
<h2>Purpose</h2>
<p>To consider the Library Service Strategy following public consultation.</p>
<h2>Recommendations</h2>
<p>Cabinet is recommended to:</p>
<ol type="a">
<li>approve the Library Service Strategy 2025-2030 set out at Appendix A;</li>
<li>agree the extension of opening hours at the four town-centre libraries from April 2025;</li>
<li>delegate authority to the Director of Communities to award the contract for the mobile library service;</li>
<li>note the outcome of the public consultation summarised at Appendix B.</li>
</ol>
<h2>Decision</h2>
<p>RESOLVED that recommendations (a), (c) and (d) be approved, and that recommendation (b) be deferred to the meeting of Cabinet on 10 March 2025 pending a further report on staffing costs.</p>
<h2>Reasons for the decision</h2>
<p>The strategy sets the direction of the service for the next five years.</p>
</body></html>""",
    ),
    {
        "a": Expected("approve the Library Service Strategy", ACCEPTED),
        "b": Expected("extension of opening hours", DEFERRED),
        "c": Expected("award the contract for the mobile library service", ACCEPTED),
        "d": Expected("outcome of the public consultation", ACCEPTED),
    },
)

# 5. HTML definition list: an NHS trust's response to a health scrutiny committee,
# "Response: Accepted." lines with "Lead" and "Due" entries.
NHS_DEFINITION_LIST = Case(
    "html-nhs-trust-definition-list",
    read(
        "trust-response-discharge.html",
        b"""<html><body>
<h1>Trust response to the Health Scrutiny Committee review of hospital discharge</h1>
<p>The Trust Board approved this response on 27 March 2025.</p>
<h2>The Committee's recommendations and the Trust's response</h2>
<dl>
<dt>Recommendation 1</dt>
<dd>The Trust should publish monthly figures, by ward, for patients who no longer meet the criteria to reside.</dd>
<dd>Response: Accepted. The figures will be added to the public board papers from the May meeting.</dd>
<dd>Lead: Chief Operating Officer</dd>
<dd>Due: May 2025</dd>
<dt>Recommendation 2</dt>
<dd>The Trust should give every patient a written discharge plan within 48 hours of admission.</dd>
<dd>Response: Accepted in part. Written plans will be given on the medical wards first; surgical wards will follow once the electronic record is upgraded.</dd>
<dd>Lead: Chief Nurse</dd>
<dd>Due: September 2025</dd>
<dt>Recommendation 3</dt>
<dd>The Trust should open the discharge lounge at weekends.</dd>
<dd>Response: Already in place. The discharge lounge has opened seven days a week since November 2024.</dd>
<dd>Lead: Deputy Chief Operating Officer</dd>
<dt>Recommendation 4</dt>
<dd>The Trust should fund a dedicated social worker on each ward.</dd>
<dd>Response: Not agreed. Social work is commissioned by the local authority, and the Trust will instead continue to fund the integrated discharge hub.</dd>
<dd>Lead: Director of Strategy</dd>
</dl>
</body></html>""",
    ),
    {
        "1": Expected("criteria to reside", ACCEPTED, "Chief Operating Officer", "May 2025"),
        "2": Expected(
            "written discharge plan within 48 hours", PARTLY, "Chief Nurse", "September 2025"
        ),
        "3": Expected("discharge lounge at weekends", IN_PLACE, "Deputy Chief Operating Officer"),
        "4": Expected("dedicated social worker on each ward", REJECTED, "Director of Strategy"),
    },
)


def _rows(
    columns: tuple[int, ...], top: int, rows: list[tuple[str | list[str], ...]]
) -> list[tuple[int, int, str]]:
    """Table cells placed at the column positions, each row below the one before; a cell
    given as a list of lines wraps onto the lines below."""
    placed: list[tuple[int, int, str]] = []
    y = top
    for row in rows:
        depth = 1
        for x, cell in zip(columns, row, strict=True):
            lines = [cell] if isinstance(cell, str) else cell
            depth = max(depth, len(lines))
            placed.extend((x, y - 11 * i, line) for i, line in enumerate(lines) if line)
        y -= 11 * depth + 8
    return placed


_SPR_COLUMNS = (40, 70, 320, 560, 690, 770)

# 6. PDF table: a child safeguarding practice review action plan with "Lead", "Target
# date" and a RAG column. The plan records progress; it states no acceptance.
SAFEGUARDING_PLAN = Case(
    "pdf-safeguarding-action-plan-rag",
    read(
        "cspr-child-t-action-plan.pdf",
        pdf_bytes(
            [
                (40, 560, "Child Safeguarding Practice Review: Child T - Multi-agency Action Plan"),
                (
                    40,
                    545,
                    "Progress is reported to the Partnership Executive each quarter. RAG: Red, Amber, Green, Complete.",
                ),
                *_rows(
                    _SPR_COLUMNS,
                    520,
                    [
                        ("No.", "Recommendation", "Action", "Lead", "Target date", "RAG"),
                        (
                            "1",
                            [
                                "The Partnership should seek assurance that",
                                "agencies use the neglect toolkit when a family",
                                "is referred more than twice in twelve months.",
                            ],
                            [
                                "Refresh the neglect toolkit and deliver",
                                "briefings to all partner agencies.",
                            ],
                            "Partnership Business Manager",
                            "31/03/2025",
                            "Green",
                        ),
                        (
                            "2",
                            [
                                "Health partners should ensure that GP records",
                                "flag children subject to a child protection plan.",
                            ],
                            ["Audit of GP record flags across", "all practices in the area."],
                            "Designated Nurse, ICB",
                            "30/06/2025",
                            "Amber",
                        ),
                        (
                            "3",
                            [
                                "Children's social care should ensure that fathers",
                                "are contacted and assessed in every single",
                                "assessment.",
                            ],
                            ["Practice guidance issued and", "included in audit programme."],
                            "Head of Children's Social Care",
                            "31/12/2024",
                            "Complete",
                        ),
                    ],
                ),
            ]
        ),
    ),
    {
        "1": Expected(
            "neglect toolkit", None, "Partnership Business Manager", "31/03/2025", "Green"
        ),
        "2": Expected("GP records", None, "Designated Nurse", "30/06/2025", "Amber"),
        "3": Expected("fathers", None, "Head of Children's Social Care", "31/12/2024", "Complete"),
    },
)

_POLICE_COLUMNS = (40, 80, 330, 580, 700)

# 7. PDF table: a police force's response to a police and crime panel, "Rec 1" numbering,
# "Owner" and "By when" columns, the response opening with its status word.
POLICE_RESPONSE = Case(
    "pdf-police-response-rec-numbers",
    read(
        "force-response-rural-crime.pdf",
        pdf_bytes(
            [
                (
                    40,
                    560,
                    "Response of the Chief Constable to the Police and Crime Panel: Rural Crime Review",
                ),
                *_rows(
                    _POLICE_COLUMNS,
                    530,
                    [
                        ("Rec", "Panel recommendation", "Force response", "Owner", "By when"),
                        (
                            "Rec 1",
                            [
                                "The Force should increase the number of",
                                "dedicated rural crime officers in each district.",
                            ],
                            [
                                "Agreed. Two additional officers will",
                                "join the Rural Crime Team in April.",
                            ],
                            "Chief Inspector, Rural Crime",
                            "April 2025",
                        ),
                        (
                            "Rec 2",
                            [
                                "The Force should publish rural crime figures",
                                "for each parish every month.",
                            ],
                            [
                                "Partially agreed. Figures will be published",
                                "by district, not parish, every quarter.",
                            ],
                            "Head of Analysis",
                            "July 2025",
                        ),
                        (
                            "Rec 3",
                            [
                                "The Force should open a rural police station",
                                "in each market town.",
                            ],
                            [
                                "Not agreed. Resources are better used",
                                "on patrol than on buildings.",
                            ],
                            "Assistant Chief Constable",
                            "",
                        ),
                    ],
                ),
            ]
        ),
    ),
    {
        "1": Expected(
            "dedicated rural crime officers", ACCEPTED, "Chief Inspector, Rural Crime", "April 2025"
        ),
        "2": Expected("rural crime figures", PARTLY, "Head of Analysis", "July 2025"),
        "3": Expected("rural police station", REJECTED, "Assistant Chief Constable"),
    },
)

# 8. Plain text letter: "The Panel's recommendations" numbered i-iv, each answered in a
# sentence of prose ("Recommendation ii is accepted in part").
PROSE_LETTER = Case(
    "text-cabinet-member-letter-roman",
    """Councillor A. Patel
Chair, Communities Scrutiny Panel

12 March 2025

Dear Councillor Patel

Review of Council Tax Support

Thank you for the Panel's report, which Cabinet considered on 4 March. I set out below the Panel's recommendations and Cabinet's response to each.

The Panel's recommendations

i. The Council should adopt a banded council tax support scheme from April 2026.
ii. The Council should increase the hardship fund to £500,000.
iii. The Council should remove the minimum contribution for working-age households.
iv. The Council should write to the Government asking for council tax support to be fully funded.

Cabinet's response

Recommendation i is accepted. Consultation on a banded scheme will begin in the summer, led by the Head of Revenues and Benefits.

Recommendation ii is accepted in part: the hardship fund will rise to £350,000, which is what the budget allows.

Recommendation iii is not accepted. Removing the minimum contribution would cost £2.4m a year.

Recommendation iv is noted. The Leader has already raised the matter with the Minister.

Yours sincerely

Councillor J. Morgan
Cabinet Member for Finance
""",
    {
        "i": Expected("banded council tax support scheme", ACCEPTED),
        "ii": Expected("hardship fund", PARTLY),
        "iii": Expected("minimum contribution for working-age households", REJECTED),
        "iv": Expected("fully funded", NOTED),
    },
)

# 9. Markdown pipe tables: 1.1 numbering grouped under themes, "Agreed / Partially agreed /
# Not agreed", "Action by", "Due" and a progress column.
MARKDOWN_THEMES = Case(
    "markdown-response-1.1-numbering",
    """# Executive Response and Action Plan: Scrutiny Review of Housing Repairs

The Executive agreed the response below on 20 November 2024. Progress is updated each quarter.

## Recommendations

### 1. Communication with tenants

| Ref | Recommendation | Response | Action by | Due | Progress |
|-----|----------------|----------|-----------|-----|----------|
| 1.1 | Confirm every repair appointment by text message the day before the visit. | Agreed | Repairs Service Manager | April 2025 | Complete |
| 1.2 | Give tenants a named officer for any repair that is open for more than 28 days. | Partially agreed - a named team rather than a named officer. | Head of Housing Management | June 2025 | In progress |

### 2. Damp and mould

| Ref | Recommendation | Response | Action by | Due | Progress |
|-----|----------------|----------|-----------|-----|----------|
| 2.1 | Inspect every reported case of damp and mould within ten working days. | Agreed | Head of Asset Management | January 2025 | Complete |
| 2.2 | Fit humidity sensors in all council homes. | Not agreed - sensors will be fitted in homes with a history of damp only. | Head of Asset Management | | Not started |
""",
    {
        "1.1": Expected(
            "text message the day before",
            ACCEPTED,
            "Repairs Service Manager",
            "April 2025",
            "Complete",
        ),
        "1.2": Expected(
            "named officer for any repair",
            PARTLY,
            "Head of Housing Management",
            "June 2025",
            "In progress",
        ),
        "2.1": Expected(
            "damp and mould within ten working days",
            ACCEPTED,
            "Head of Asset Management",
            "January 2025",
            "Complete",
        ),
        "2.2": Expected(
            "humidity sensors", REJECTED, "Head of Asset Management", None, "Not started"
        ),
    },
)

# 10. Plain text: an integrated care board's response, "Recommendation One:" headings
# with "Response:", "Responsible officer:" and "Target date:" lines.
ICB_WORDS = Case(
    "text-icb-response-word-numbers",
    """NHS Integrated Care Board
Response to the Healthwatch report "Getting a GP appointment"

Recommendation One: The ICB should require every practice to offer online booking for routine appointments.
Response: Supported. Online booking is part of the access improvement plan for 2025/26.
Responsible officer: Director of Primary Care
Target date: October 2025

Recommendation Two: The ICB should publish each practice's average waiting time for a routine appointment.
Response: Under consideration. The data are not yet reliable enough to publish; the ICB will review this in the autumn.
Responsible officer: Director of Performance

Recommendation Three: The ICB should make sure that patients can ask for an interpreter when they book.
Response: Already in place. All practices can book interpreters through the ICB's contract.
Responsible officer: Head of Patient Experience

Recommendation Four: The ICB should fund extended opening until 9pm on weekdays.
Response: Declined. Enhanced access is already funded until 8pm and demand after 8pm is low.
Responsible officer: Director of Primary Care
""",
    {
        "1": Expected(
            "online booking for routine appointments",
            ACCEPTED,
            "Director of Primary Care",
            "October 2025",
        ),
        "2": Expected("average waiting time", CONSIDERING, "Director of Performance"),
        "3": Expected("interpreter", IN_PLACE, "Head of Patient Experience"),
        "4": Expected("extended opening until 9pm", REJECTED, "Director of Primary Care"),
    },
)

# 11. DOCX table: an executive decision on a safeguarding adults board's recommendations,
# "Rec 1" numbering, "Executive decision" (Approved / Declined / Deferred), "For the
# attention of", "Target date" and a progress column.
EXECUTIVE_DECISION = Case(
    "docx-executive-decision-for-attention",
    read(
        "sab-recommendations-executive-decision.docx",
        docx_table(
            "Safeguarding Adults Review: Mr B - Recommendations and Executive Decision",
            "The Safeguarding Adults Board referred the following recommendations to the Council's Executive. "
            "The Executive's decision on each is recorded below with the progress reported to the Board.",
            (
                "Rec",
                "Recommendation",
                "Executive decision",
                "For the attention of",
                "Target date",
                "Progress update",
            ),
            [
                (
                    "Rec 1",
                    "Adult social care should introduce a multi-agency risk management meeting for adults who self-neglect.",
                    "Approved",
                    "Principal Social Worker",
                    "30 September 2025",
                    "Terms of reference drafted",
                ),
                (
                    "Rec 2",
                    "Commissioners should require care providers to report missed home care visits within 24 hours.",
                    "Approved",
                    "Head of Commissioning",
                    "31 December 2025",
                    "Not started",
                ),
                (
                    "Rec 3",
                    "The Council should appoint a dedicated hoarding coordinator.",
                    "Declined",
                    "Director of Adult Social Services",
                    "",
                    "",
                ),
                (
                    "Rec 4",
                    "The Council should review its adult safeguarding training for housing staff.",
                    "Deferred",
                    "Head of Housing",
                    "",
                    "To be considered with the workforce plan",
                ),
            ],
        ),
    ),
    {
        "1": Expected(
            "multi-agency risk management meeting",
            ACCEPTED,
            "Principal Social Worker",
            "30 September 2025",
            "Terms of reference drafted",
        ),
        "2": Expected(
            "missed home care visits",
            ACCEPTED,
            "Head of Commissioning",
            "31 December 2025",
            "Not started",
        ),
        "3": Expected(
            "dedicated hoarding coordinator", REJECTED, "Director of Adult Social Services"
        ),
        "4": Expected(
            "safeguarding training for housing staff",
            DEFERRED,
            "Head of Housing",
            None,
            "To be considered with the workforce plan",
        ),
    },
)

# 12. Markdown headings: a department's response, "Recommendation 4:" headings with
# "**Response:**", "**Owner:**" and "**Due:**" lines.
MARKDOWN_HEADINGS = Case(
    "markdown-department-recommendation-headings",
    """# Department for Transport: Response to the Independent Review of Bus Franchising

The review made four recommendations. The Department's response to each is set out below.

## Recommendation 1: The Department should publish revised franchising guidance for mayoral combined authorities within six months.

**Response:** Accepted. Revised guidance will be published in the spring.

**Owner:** Director, Local Transport

**Due:** March 2026

## Recommendation 2: The Department should allow non-mayoral authorities to franchise without the Secretary of State's consent.

**Response:** Rejected. The Department will keep the consent requirement while the first schemes are evaluated.

**Owner:** Director, Local Transport

## Recommendation 3: The Department should create a national bus data standard for fares.

**Response:** Deferred. This will be considered once the Bus Open Data Service contract is renewed.

**Owner:** Head of Bus Data

## Recommendation 4: The Department should report annually to Parliament on franchising outcomes.

**Response:** Noted. Outcomes are already reported in the annual bus statistics.

**Owner:** Head of Bus Statistics
""",
    {
        "1": Expected(
            "revised franchising guidance", ACCEPTED, "Director, Local Transport", "March 2026"
        ),
        "2": Expected(
            "non-mayoral authorities to franchise", REJECTED, "Director, Local Transport"
        ),
        "3": Expected("national bus data standard", DEFERRED, "Head of Bus Data"),
        "4": Expected("report annually to Parliament", NOTED, "Head of Bus Statistics"),
    },
)


CASES: list[Case] = [
    CABINET_TABLE,
    GOVERNMENT_PARAGRAPHS,
    TICK_TABLE,
    DECISION_NOTICE,
    NHS_DEFINITION_LIST,
    SAFEGUARDING_PLAN,
    POLICE_RESPONSE,
    PROSE_LETTER,
    MARKDOWN_THEMES,
    ICB_WORDS,
    EXECUTIVE_DECISION,
    MARKDOWN_HEADINGS,
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip().lower()


def _agrees(expected: str | None, found: str | None) -> bool:
    """Whether a found value holds the expected words, or is absent when none is expected."""
    if expected is None:
        return found is None
    return found is not None and _squash(expected) in _squash(found)


def _problems(case: Case) -> list[str]:
    """Every way the extraction differs from what a reader of the document records."""
    extraction = extract_recommendations(case.text)
    recommendations = recommendations_of(extraction)
    responses = responses_of(extraction)
    problems = [f"extra recommendation {n!r}" for n in recommendations if n not in case.expected]
    for number, expected in case.expected.items():
        recommendation = recommendations.get(number)
        if recommendation is None:
            problems.append(f"{number}: missing (found {sorted(recommendations)})")
            continue
        if _squash(expected.text) not in _squash(recommendation.text):
            problems.append(f"{number}: text {recommendation.text[:80]!r}")
        response = responses.get(recommendation.key)
        status = None if response is None else response.status.value
        if status != expected.status:
            problems.append(f"{number}: status {status!r}, expected {expected.status!r}")
        owners = recommendation.owners + (() if response is None else response.owners)
        if expected.owner is not None and not any(
            _squash(expected.owner) in _squash(owner) for owner in owners
        ):
            problems.append(f"{number}: owners {owners!r}, expected {expected.owner!r}")
        if not _agrees(expected.due, recommendation.due):
            problems.append(f"{number}: due {recommendation.due!r}, expected {expected.due!r}")
        if not _agrees(expected.progress, recommendation.progress):
            problems.append(
                f"{number}: progress {recommendation.progress!r}, expected {expected.progress!r}"
            )
    return problems


@pytest.mark.parametrize("case", CASES, ids=lambda case: getattr(case, "name", None))
def test_response_document(case: Case) -> None:
    assert _problems(case) == []
