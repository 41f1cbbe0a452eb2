"""A fifth set of response documents, in the two formats public bodies publish most: PDF
and Word. They are written as councils' executives reply to scrutiny reviews, as
safeguarding boards and partnerships keep review action plans, as internal audit records
management responses, as government departments, NHS trusts and police forces answer
committees, Healthwatch and inspectorates, without reference to the extractor.

The PDFs are laid out as a table is set on a landscape page: three to six columns, cells
wrapping onto two to four lines, header labels wrapping onto two lines, short columns
("Priority", "RAG", "Status", a decision) centred or set flush right, a running header,
a "Page 2 of 3" footer, and a table that carries on after a page footer and a repeated
header. The Word documents have a header row of merged cells, an "Agreed / Not agreed"
column, status cells left empty, recommendations numbered by Word's own list numbering
with a "Response:" paragraph after each, and a table under a heading per theme.

Each case lists what a careful reader of the document records for each recommendation:
the number (lower case, without an "R", "Rec" or "Recommendation" prefix; "One" is "1",
"(a)" is "a"), words the recommendation's text contains, and the status, owner, due date
and progress the document states. A status, due date or progress of None means the
document states none, so none may be extracted; an owner of None is not checked. A
recommendation the document does not make must not be extracted. A recommendation
"accepted in principle" is partially accepted.
"""

# ruff: noqa: E501 - the documents below keep their published line lengths
from __future__ import annotations

import io
import re

import docx
import pytest
from response_documents import Case, Expected, pdf_bytes, read, recommendations_of, responses_of

from scrutiny.ingest.extract.recommendations import extract_recommendations

ACCEPTED = "accepted"
PARTLY = "partially accepted"
REJECTED = "rejected"
NOTED = "noted"
DEFERRED = "deferred"
IN_PLACE = "already in place"

Placed = list[tuple[int, int, str]]
Column = tuple[int, int, str]  # left edge, width, alignment ("left", "right", "centre")

LINE = 11  # the distance between two lines of a cell


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _put(column: Column, y: int, lines: list[str]) -> Placed:
    """The lines of one cell, set from y downwards in the column's alignment."""
    x, width, align = column
    placed: Placed = []
    for i, line in enumerate(lines):
        drawn = int(len(line) * 4.6)  # Helvetica 9pt, an average character
        left = x
        if align == "right":
            left = x + width - drawn
        elif align == "centre":
            left = x + (width - drawn) // 2
        placed.append((left, y - i * LINE, _escaped(line)))
    return placed


def _table(columns: list[Column], rows: list[list[list[str]]], top: int) -> tuple[Placed, int]:
    """Rows of cells set from top downwards; returns what is placed and the next free y."""
    placed: Placed = []
    y = top
    for row in rows:
        for column, lines in zip(columns, row, strict=True):
            placed += _put(column, y, lines)
        y -= max(len(lines) for lines in row) * LINE + 9
    return placed, y


def _page(
    header: Placed,
    columns: list[Column],
    heads: list[list[str]],
    rows: list[list[list[str]]],
    footer: str,
) -> Placed:
    table, _ = _table(columns, [heads, *rows], 515)
    return [*header, *table, (400, 28, _escaped(footer))]


def _docx_table(document: docx.document.Document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value


def _docx_bytes(document: docx.document.Document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- PDF 1: a cabinet's response to a scrutiny panel's review, six columns --------------

HOME_CARE_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 245, "left"),
    (325, 70, "centre"),
    (400, 215, "left"),
    (620, 100, "left"),
    (725, 75, "left"),
]
HOME_CARE = _page(
    [
        (
            40,
            565,
            "Cabinet Response to the Adults and Health Scrutiny Panel Review of Home Care Commissioning",
        ),
        (740, 565, "Appendix A"),
        (
            40,
            540,
            "The Cabinet considered the Panel's recommendations on 14 November 2024 and responded as follows.",
        ),
    ],
    HOME_CARE_COLUMNS,
    [
        ["Rec.", "No."],
        ["Recommendation"],
        ["Cabinet", "response"],
        ["Action to be", "taken"],
        ["Lead", "officer"],
        ["Target", "date"],
    ],
    [
        [
            ["1"],
            [
                "That the Council publish a market position statement for",
                "home care, setting out expected demand and the",
                "workforce needed in each locality.",
            ],
            ["Agreed"],
            [
                "A market position statement will be",
                "published alongside the commissioning",
                "strategy.",
            ],
            ["Head of", "Commissioning"],
            ["September", "2025"],
        ],
        [
            ["2"],
            [
                "That the Cabinet Member for Adult Social Care lobby the",
                "Government for a fair cost of care settlement for rural",
                "home care providers.",
            ],
            ["Agreed"],
            [
                "The Cabinet Member has written to the",
                "Minister and will raise the matter",
                "through the Local Government Association.",
            ],
            ["Cabinet Member for", "Adult Social Care"],
            ["December", "2024"],
        ],
        [
            ["3"],
            [
                "That mileage rates paid to care workers by contracted",
                "providers be raised to HMRC rates.",
            ],
            ["Partially", "agreed"],
            [
                "Rates will rise to 40p per mile from",
                "April 2025; full HMRC rates will be",
                "considered in the 2026/27 budget.",
            ],
            ["Director of Adult", "Social Care"],
            ["April 2025"],
        ],
        [
            ["4"],
            ["That the Council bring home care delivery back in house", "in two pilot localities."],
            ["Not agreed"],
            ["The cost modelling does not support an", "in-house service at this time."],
            ["Director of Adult", "Social Care"],
            [],
        ],
        [
            ["5"],
            [
                "That the Panel receive a report on the implementation",
                "of these recommendations in six months.",
            ],
            ["Agreed"],
            ["A progress report will be brought to", "the Panel's October meeting."],
            ["Scrutiny Officer"],
            ["October", "2025"],
        ],
    ],
    "Page 2 of 3",
)

# --- PDF 2: a safeguarding adults review action plan with a RAG column -------------------

SAR_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 210, "left"),
    (290, 200, "left"),
    (495, 80, "left"),
    (580, 60, "left"),
    (645, 110, "left"),
    (760, 35, "centre"),
]
SAR = _page(
    [
        (40, 565, "Westshire Safeguarding Adults Board"),
        (640, 565, "SAR Adult C - Action Plan"),
        (
            40,
            540,
            "Safeguarding Adults Review: Adult C. Multi-agency action plan, updated 3 March 2025.",
        ),
    ],
    SAR_COLUMNS,
    [
        ["SAR", "Rec."],
        ["Recommendation"],
        ["Agreed actions"],
        ["Lead", "agency"],
        ["Target", "date"],
        ["Progress", "update"],
        ["RAG"],
    ],
    [
        [
            ["1"],
            [
                "The Board should seek assurance that partner",
                "agencies apply the Mental Capacity Act when a",
                "person repeatedly declines care and support.",
            ],
            [
                "Multi-agency audit of capacity",
                "assessments to be completed and",
                "reported to the Quality Assurance",
                "subgroup.",
            ],
            ["Local", "Authority"],
            ["June 2025"],
            ["Audit completed; report", "to QA subgroup in July."],
            ["Green"],
        ],
        [
            ["2"],
            [
                "Adult social care and housing should agree a",
                "joint protocol for responding to self-neglect and",
                "hoarding.",
            ],
            ["Self-neglect and hoarding protocol", "to be refreshed and relaunched."],
            ["Housing", "Services"],
            ["September", "2025"],
            ["Draft protocol out for", "consultation with", "partners."],
            ["Amber"],
        ],
        [
            ["3"],
            [
                "The Board should ensure that practitioners across",
                "agencies can access training on professional",
                "curiosity and escalation.",
            ],
            ["Training to be included in the", "Board's 2025/26 learning", "programme."],
            ["SAB Business", "Unit"],
            ["March 2026"],
            [],
            [],
        ],
    ],
    "Page 1 of 3",
)

# --- PDF 3: an internal audit management action plan -------------------------------------

AUDIT_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 230, "left"),
    (310, 50, "centre"),
    (365, 220, "left"),
    (590, 100, "left"),
    (695, 90, "left"),
]
AUDIT = _page(
    [
        (40, 565, "Eastborough Council - Internal Audit Services"),
        (600, 565, "Payroll 2024/25 - Final Report"),
        (40, 540, "Management Action Plan"),
    ],
    AUDIT_COLUMNS,
    [
        ["Ref"],
        ["Recommendation"],
        ["Priority"],
        ["Management", "response"],
        ["Responsible", "officer"],
        ["Implementation", "date"],
    ],
    [
        [
            ["1"],
            [
                "Starters and leavers forms should be authorised by",
                "the budget holder before changes are processed to",
                "payroll.",
            ],
            ["High"],
            [
                "Agreed. The HR system workflow will be",
                "changed so that forms cannot be",
                "submitted without budget holder approval.",
            ],
            ["Head of HR and", "Payroll"],
            ["31 March 2025"],
        ],
        [
            ["2"],
            [
                "Exception reports of overtime payments above the set",
                "threshold should be reviewed monthly and the review",
                "evidenced.",
            ],
            ["Medium"],
            ["Agreed."],
            ["Payroll Manager"],
            ["30 April 2025"],
        ],
        [
            ["3"],
            ["Payroll should reconcile the establishment list to", "the ledger each quarter."],
            ["Medium"],
            [
                "Partially agreed. A reconciliation will be",
                "carried out twice a year, which is",
                "proportionate to the risk.",
            ],
            ["Finance Business", "Partner"],
            ["30 June 2025"],
        ],
        [
            ["4"],
            [
                "Payroll system access for staff who have left should",
                "be removed within one working day.",
            ],
            ["Low"],
            [
                "Not agreed. Management accepts the risk:",
                "accounts are disabled by IT within five",
                "working days.",
            ],
            ["Head of HR and", "Payroll"],
            [],
        ],
    ],
    "Page 3 of 4",
)

# --- PDF 4: a government response, the table carried on after a page break ---------------

GOVERNMENT_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 300, "left"),
    (380, 330, "left"),
    (720, 80, "right"),
]
GOVERNMENT_HEADS = [["No."], ["Committee recommendation"], ["Government response"], ["Status"]]
GOVERNMENT_RUNNING = "Government Response to the Education Committee Report: Persistent Absence and Support for Disadvantaged Pupils"
_first, _ = _table(
    GOVERNMENT_COLUMNS,
    [
        GOVERNMENT_HEADS,
        [
            ["1"],
            [
                "The Department should publish statutory guidance on",
                "school attendance that sets out the support schools",
                "must offer before fines are considered.",
            ],
            [
                "The Department will publish the guidance, which will",
                "place a duty on schools to agree an attendance",
                "support plan, by September 2025.",
            ],
            ["Accepted"],
        ],
        [
            ["2"],
            [
                "The Department should fund an attendance mentor in",
                "every secondary school in areas of high deprivation.",
            ],
            [
                "The Department agrees that mentoring helps and will",
                "extend the attendance mentor pilot to a further ten",
                "areas, but cannot fund every school.",
            ],
            ["Accepted in", "principle"],
        ],
    ],
    515,
)
_second, _ = _table(
    GOVERNMENT_COLUMNS,
    [
        GOVERNMENT_HEADS,
        [
            ["3"],
            ["The Government should end fixed penalty notices for", "unauthorised absence."],
            [
                "Fines remain an important part of the attendance",
                "framework when support has not worked.",
            ],
            ["Not accepted"],
        ],
        [
            ["4"],
            ["The Department should publish attendance data by", "pupil characteristic each term."],
            [
                "The Department already publishes termly attendance",
                "data broken down by pupil characteristic.",
            ],
            ["Already in", "place"],
        ],
    ],
    250,
)
GOVERNMENT = [
    (40, 565, _escaped(GOVERNMENT_RUNNING)),
    *_first,
    (400, 300, "Page 1 of 2"),
    (40, 280, _escaped(GOVERNMENT_RUNNING)),
    *_second,
    (400, 28, "Page 2 of 2"),
]

# --- PDF 5: an NHS trust's response to Healthwatch, recommendations numbered in words ----

HEALTHWATCH_COLUMNS: list[Column] = [
    (40, 40, "left"),
    (85, 210, "left"),
    (300, 250, "left"),
    (555, 100, "left"),
    (660, 100, "left"),
]
HEALTHWATCH = _page(
    [
        (40, 565, "Healthwatch Northmoor - Enter and View Report: Discharge from Hospital"),
        (40, 540, "Response from Northmoor Hospitals NHS Foundation Trust"),
    ],
    HEALTHWATCH_COLUMNS,
    [
        ["No."],
        ["Healthwatch", "recommendation"],
        ["Response from the Trust"],
        ["Lead"],
        ["Timescale"],
    ],
    [
        [
            ["One"],
            [
                "Discharge letters should be sent to patients as",
                "well as to their GP, written in plain English.",
            ],
            [
                "Accepted. From January 2025 patients will",
                "receive a copy of their discharge summary",
                "through the patient portal.",
            ],
            ["Chief Nursing", "Officer"],
            ["January 2025"],
        ],
        [
            ["Two"],
            [
                "The Trust should review waiting times for",
                "hospital transport in the discharge lounge.",
            ],
            [
                "Accepted in principle. Transport is",
                "commissioned by the ICB; the Trust will",
                "share its waiting time data with",
                "commissioners.",
            ],
            ["Director of", "Operations"],
            ["Quarter 4", "2024/25"],
        ],
        [
            ["Three"],
            ["Ward staff should wear name badges that state", "their role."],
            [
                "Already in place. All staff wear name",
                "badges and compliance is checked in",
                "monthly ward audits.",
            ],
            ["Chief Nursing", "Officer"],
            [],
        ],
        [
            ["Four"],
            ["The Trust should provide a quiet room for", "relatives on every ward."],
            [
                "Not accepted. Ward space does not allow",
                "this; the chaplaincy quiet room is open",
                "to all relatives.",
            ],
            ["Director of", "Estates"],
            [],
        ],
    ],
    "Page 2 of 2",
)

# --- PDF 6: a police force's plan against an inspectorate's recommendations ---------------

POLICE_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 260, "left"),
    (340, 230, "left"),
    (575, 90, "left"),
    (670, 60, "left"),
    (735, 65, "right"),
]
POLICE = _page(
    [
        (400, 570, "OFFICIAL"),
        (
            40,
            552,
            "HMICFRS PEEL Inspection 2023-25: Recommendations Tracker - Report to the Police and Crime Commissioner",
        ),
    ],
    POLICE_COLUMNS,
    [["Ref"], ["Recommendation"], ["Force action"], ["Owner"], ["Due"], ["Status"]],
    [
        [
            ["R1"],
            [
                "The force should improve how it records the ethnicity",
                "of people stopped and searched, and explain any",
                "disparity to the public.",
            ],
            [
                "New recording prompts on mobile",
                "devices; quarterly disparity report",
                "published on the force website.",
            ],
            ["ACC Local", "Policing"],
            ["31/03/2025"],
            ["Complete"],
        ],
        [
            ["R2"],
            [
                "The force should make sure that victims are offered",
                "a needs assessment and kept updated in line with",
                "the Victims' Code.",
            ],
            ["Compliance dashboard introduced;", "monthly audit by the Victim Care", "Unit."],
            ["Head of Crime"],
            ["30/06/2025"],
            ["In progress"],
        ],
        [
            ["R3"],
            [
                "The force should review its demand management to",
                "reduce the number of calls abandoned on the 101",
                "non-emergency line.",
            ],
            ["Review commissioned with the", "contact management team."],
            ["Head of Contact", "Management"],
            ["30/09/2025"],
            ["Not started"],
        ],
    ],
    "Page 1 of 2",
)
POLICE.append((400, 16, "OFFICIAL"))

# --- PDF 7: a task and finish group's recommendations lettered (a) to (d) ----------------

FLY_TIPPING_COLUMNS: list[Column] = [
    (40, 30, "left"),
    (75, 260, "left"),
    (340, 70, "centre"),
    (415, 250, "left"),
    (670, 120, "left"),
]
FLY_TIPPING = _page(
    [
        (40, 565, "Place Overview and Scrutiny Committee - Fly-tipping Task and Finish Group"),
        (
            40,
            540,
            "Executive response to the Group's recommendations, agreed by Cabinet on 9 January 2025",
        ),
    ],
    FLY_TIPPING_COLUMNS,
    [
        ["Ref"],
        ["Recommendation"],
        ["Executive", "decision"],
        ["Reasons and next steps"],
        ["Lead Member"],
    ],
    [
        [
            ["(a)"],
            [
                "Introduce a concession on the bulky waste collection",
                "charge for residents receiving Council Tax",
                "Reduction.",
            ],
            ["Agreed"],
            ["The concession will start with the new", "waste collection contract."],
            ["Cabinet Member for", "Environment"],
        ],
        [
            ["(b)"],
            [
                "Install mobile CCTV at the ten worst fly-tipping",
                "hotspots and publicise every prosecution.",
            ],
            ["Partially", "agreed"],
            [
                "Cameras will be moved between five",
                "hotspots; prosecutions will be publicised",
                "where the courts allow.",
            ],
            ["Cabinet Member for", "Community Safety"],
        ],
        [
            ["(c)"],
            ["Reopen the household waste recycling centre at", "Millbrook on Sundays."],
            ["Deferred"],
            ["To be considered in the 2026/27 budget", "round."],
            ["Cabinet Member for", "Environment"],
        ],
        [
            ["(d)"],
            [
                "Write to the Secretary of State asking for higher",
                "maximum fixed penalties for fly-tipping.",
            ],
            ["Noted"],
            ["The maximum penalty was raised to", "1,000 pounds in 2023."],
            ["Leader of the Council"],
        ],
    ],
    "Page 4 of 4",
)


# --- DOCX 1: a header row of merged cells over six columns --------------------------------


def _merged_header() -> bytes:
    document = docx.Document()
    document.add_heading(
        "Executive Response to the Children and Young People Scrutiny Committee: Review of School Exclusions",
        level=1,
    )
    document.add_paragraph(
        "The Executive considered the Committee's report on 5 February 2025. Its response to each recommendation is set out below."
    )
    table = document.add_table(rows=6, cols=6)
    table.style = "Table Grid"
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Scrutiny recommendation"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "Executive response"
    table.cell(0, 4).merge(table.cell(0, 5)).text = "Implementation"
    rows = [
        ["No.", "Recommendation", "Decision", "Executive comments", "Lead officer", "Target date"],
        [
            "1",
            "That every school receive a named inclusion adviser from the local authority before a permanent exclusion is considered.",
            "Accepted",
            "Inclusion advisers will be allocated to all secondary schools from the autumn term.",
            "Head of Inclusion",
            "September 2025",
        ],
        [
            "2",
            "That the Council fund an alternative provision place for every pupil at risk of exclusion in Year 9.",
            "Accepted in principle",
            "Places will be funded within the high needs block as far as the budget allows.",
            "Director of Education",
            "April 2026",
        ],
        [
            "3",
            "That schools be required to publish their exclusion rates by ethnicity.",
            "Rejected",
            "The Council has no power to require academies to publish this information.",
            "Director of Education",
            "",
        ],
        [
            "4",
            "That the Committee receive an annual report on exclusions and suspensions.",
            "Accepted",
            "The first annual report will come to the Committee in March.",
            "Head of Inclusion",
            "March 2026",
        ],
    ]
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    return _docx_bytes(document)


# --- DOCX 2: number, recommendation, lead, then an "Agreed / Not agreed" column -----------


def _agreed_column() -> bytes:
    document = docx.Document()
    document.add_heading("Health Scrutiny Committee: Access to GP Appointments", level=1)
    document.add_paragraph("Response of Southdale Integrated Care Board, March 2025")
    _docx_table(
        document,
        [
            ["No.", "Recommendation", "Lead", "Agreed / Not agreed", "Comments"],
            [
                "1",
                "Practices should offer online booking for at least a quarter of routine appointments.",
                "ICB Primary Care Team",
                "Agreed",
                "All practices will offer online booking through the NHS App.",
            ],
            [
                "2",
                "The ICB should publish each practice's telephone waiting times.",
                "ICB Digital Team",
                "Not agreed",
                "The data is not yet reliable enough to publish by practice.",
            ],
            [
                "3",
                "Every practice should have a care navigator trained to signpost patients to pharmacies.",
                "Primary Care Networks",
                "Partially agreed",
                "Training will be offered to every network, and practices will decide whether to take it up.",
            ],
            [
                "4",
                "The ICB should report progress to this Committee in six months.",
                "ICB Director of Primary Care",
                "Agreed",
                "A report will be brought to the September meeting.",
            ],
        ],
    )
    return _docx_bytes(document)


# --- DOCX 3: an action plan whose status cell is empty for some rows ---------------------


def _empty_status() -> bytes:
    document = docx.Document()
    document.add_heading("Local Child Safeguarding Practice Review: Child M", level=1)
    document.add_paragraph(
        "Northfield Safeguarding Children Partnership - partner responses and action plan"
    )
    _docx_table(
        document,
        [
            ["Rec No", "Recommendation", "Status", "Owner", "Update"],
            [
                "R1",
                "Partners should agree a single process for escalating concerns when a child is not brought to health appointments.",
                "Agreed",
                "Designated Nurse for Safeguarding",
                "Was Not Brought policy agreed by all partners in January 2025.",
            ],
            [
                "R2",
                "The Partnership should test whether practitioners understand the threshold document through a multi-agency audit.",
                "",
                "Partnership Business Manager",
                "",
            ],
            [
                "R3",
                "Schools should be invited to all strategy discussions about children on their roll.",
                "Not agreed",
                "Children's Social Care",
                "Schools will be consulted but the timescale for strategy discussions does not allow them all to attend.",
            ],
            [
                "R4",
                "Learning from this review should be shared with GP practices through the safeguarding leads forum.",
                "",
                "Named GP",
                "Learning workshop held with GP safeguarding leads in May 2025.",
            ],
        ],
    )
    return _docx_bytes(document)


# --- DOCX 4: Word's own list numbering, a "Response:" paragraph after each item ----------


def _list_numbering() -> bytes:
    document = docx.Document()
    document.add_heading(
        "Executive Response to the Housing Scrutiny Review of Temporary Accommodation", level=1
    )
    document.add_paragraph(
        "The review was carried out between June and October 2024. The Executive Member for Housing thanks the members of the review group for their work."
    )
    document.add_heading("Recommendations", level=2)
    items = [
        (
            "The Council should end the use of bed and breakfast accommodation for families with children, except in emergencies.",
            "Response: Agreed. Families will be moved to self-contained accommodation within six weeks. Lead officer: Head of Housing Needs. Target date: March 2025.",
        ),
        (
            "The Council should buy homes to use as temporary accommodation instead of leasing them from private providers.",
            "Response: Agreed in principle. An acquisition programme of 50 homes is proposed, subject to the capital programme. Lead officer: Director of Housing.",
        ),
        (
            "Households placed outside the borough should be given a named caseworker.",
            "Response: Already in place. Every household placed out of area has a named caseworker from the day it is placed.",
        ),
        (
            "The Council should pay removal costs for all households leaving temporary accommodation.",
            "Response: Not agreed. Removal costs are met through the discretionary fund where a household cannot pay.",
        ),
    ]
    for recommendation, response in items:
        document.add_paragraph(recommendation, style="List Number")
        document.add_paragraph(response)
    return _docx_bytes(document)


# --- DOCX 5: a table under a heading per theme -------------------------------------------


def _themes() -> bytes:
    document = docx.Document()
    document.add_heading(
        "Learning from the Local Child Safeguarding Practice Review of Baby T: Partnership Response",
        level=1,
    )
    document.add_paragraph(
        "The recommendations are grouped by the themes of the review. Each partner agency has agreed its response."
    )
    heads = ["No.", "Recommendation", "Response", "Owner", "Timescale"]
    themes = [
        (
            "Theme 1: Pre-birth assessment",
            [
                [
                    "1",
                    "Midwifery and children's social care should hold a joint pre-birth planning meeting by 28 weeks of pregnancy where concerns are known.",
                    "Accepted. The pre-birth protocol has been revised to require the meeting.",
                    "Head of Midwifery",
                    "April 2025",
                ],
                [
                    "2",
                    "Pre-birth assessments should consider the father and any other adult in the household.",
                    "Accepted. Assessment templates now include all adults in the household.",
                    "Children's Social Care",
                    "Complete",
                ],
            ],
        ),
        (
            "Theme 2: Information sharing",
            [
                [
                    "3",
                    "Health visitors should be able to see children's social care records of the family.",
                    "Partially accepted. Read-only access will be given to the health visiting team leaders.",
                    "Designated Nurse",
                    "December 2025",
                ],
                [
                    "4",
                    "The Partnership should ask the ICB to fund a single shared care record across all agencies.",
                    "Under consideration. The ICB will report on the cost at the July Executive.",
                    "ICB Chief Nurse",
                    "July 2025",
                ],
            ],
        ),
        (
            "Theme 3: Safe sleep",
            [
                [
                    "5",
                    "Safe sleep advice should be given at every contact in the first year, including by housing officers.",
                    "Accepted. Safe sleep training will be extended to housing officers.",
                    "Partnership Business Unit",
                    "September 2025",
                ],
            ],
        ),
    ]
    for heading, rows in themes:
        document.add_heading(heading, level=2)
        _docx_table(document, [heads, *rows])
    return _docx_bytes(document)


CASES = [
    Case(
        "pdf_cabinet_response_six_columns",
        read("home-care-cabinet-response.pdf", pdf_bytes(HOME_CARE)),
        {
            "1": Expected("market position statement", ACCEPTED, "Commissioning", "September 2025"),
            "2": Expected(
                "fair cost of care settlement", ACCEPTED, "Adult Social Care", "December 2024"
            ),
            "3": Expected("raised to HMRC rates", PARTLY, "Adult Social Care", "April 2025"),
            "4": Expected("back in house", REJECTED, "Adult Social Care"),
            "5": Expected(
                "report on the implementation", ACCEPTED, "Scrutiny Officer", "October 2025"
            ),
        },
    ),
    Case(
        "pdf_sar_action_plan_rag_column",
        read("sar-adult-c-action-plan.pdf", pdf_bytes(SAR)),
        {
            "1": Expected(
                "Mental Capacity Act", None, "Local Authority", "June 2025", "Audit completed"
            ),
            "2": Expected("self-neglect", None, "Housing", "September 2025", "Draft protocol"),
            "3": Expected("professional curiosity", None, "SAB Business", "March 2026"),
        },
    ),
    Case(
        "pdf_audit_management_action_plan",
        read("payroll-audit-2024-25.pdf", pdf_bytes(AUDIT)),
        {
            "1": Expected(
                "authorised by the budget holder", ACCEPTED, "Head of HR", "31 March 2025"
            ),
            "2": Expected("overtime payments", ACCEPTED, "Payroll Manager", "30 April 2025"),
            "3": Expected(
                "reconcile the establishment list", PARTLY, "Finance Business", "30 June 2025"
            ),
            "4": Expected("within one working day", REJECTED, "Head of HR"),
        },
    ),
    Case(
        "pdf_government_response_table_over_page_break",
        read("persistent-absence-government-response.pdf", pdf_bytes(GOVERNMENT)),
        {
            "1": Expected(
                "statutory guidance on school attendance", ACCEPTED, None, "September 2025"
            ),
            "2": Expected("attendance mentor", PARTLY),
            "3": Expected("fixed penalty notices", REJECTED),
            "4": Expected("attendance data by pupil characteristic", IN_PLACE),
        },
    ),
    Case(
        "pdf_trust_response_numbers_in_words",
        read("healthwatch-discharge-trust-response.pdf", pdf_bytes(HEALTHWATCH)),
        {
            "1": Expected("Discharge letters", ACCEPTED, "Chief Nursing", "January 2025"),
            "2": Expected("hospital transport", PARTLY, "Operations", "Quarter 4"),
            "3": Expected("name badges", IN_PLACE, "Chief Nursing"),
            "4": Expected("quiet room", REJECTED, "Estates"),
        },
    ),
    Case(
        "pdf_inspection_tracker_status_is_progress",
        read("peel-recommendations-tracker.pdf", pdf_bytes(POLICE)),
        {
            "1": Expected(
                "records the ethnicity", None, "Local Policing", "31/03/2025", "Complete"
            ),
            "2": Expected("needs assessment", None, "Head of Crime", "30/06/2025", "In progress"),
            "3": Expected(
                "demand management", None, "Contact Management", "30/09/2025", "Not started"
            ),
        },
    ),
    Case(
        "pdf_lettered_recommendations_centred_decision",
        read("fly-tipping-executive-response.pdf", pdf_bytes(FLY_TIPPING)),
        {
            "a": Expected("bulky waste collection", ACCEPTED, "Environment"),
            "b": Expected("mobile CCTV", PARTLY, "Community Safety"),
            "c": Expected("Millbrook on Sundays", DEFERRED, "Environment"),
            "d": Expected("maximum fixed penalties", NOTED, "Leader of the Council"),
        },
    ),
    Case(
        "docx_merged_header_cells",
        read("school-exclusions-executive-response.docx", _merged_header()),
        {
            "1": Expected(
                "named inclusion adviser", ACCEPTED, "Head of Inclusion", "September 2025"
            ),
            "2": Expected(
                "alternative provision place", PARTLY, "Director of Education", "April 2026"
            ),
            "3": Expected("exclusion rates by ethnicity", REJECTED, "Director of Education"),
            "4": Expected(
                "annual report on exclusions", ACCEPTED, "Head of Inclusion", "March 2026"
            ),
        },
    ),
    Case(
        "docx_agreed_not_agreed_column",
        read("gp-access-icb-response.docx", _agreed_column()),
        {
            "1": Expected("online booking", ACCEPTED, "Primary Care Team"),
            "2": Expected("telephone waiting times", REJECTED, "Digital Team"),
            "3": Expected("care navigator", PARTLY, "Primary Care Networks"),
            "4": Expected(
                "report progress to this Committee", ACCEPTED, "Director of Primary Care"
            ),
        },
    ),
    Case(
        "docx_empty_status_cells",
        read("lcspr-child-m-action-plan.docx", _empty_status()),
        {
            "1": Expected(
                "not brought to health appointments",
                ACCEPTED,
                "Designated Nurse",
                None,
                "policy agreed by all partners",
            ),
            "2": Expected("threshold document", None, "Partnership Business Manager"),
            "3": Expected(
                "strategy discussions",
                REJECTED,
                "Children's Social Care",
                None,
                "Schools will be consulted",
            ),
            "4": Expected("safeguarding leads forum", None, "Named GP", None, "workshop held"),
        },
    ),
    Case(
        "docx_word_list_numbering_with_response_paragraphs",
        read("temporary-accommodation-executive-response.docx", _list_numbering()),
        {
            "1": Expected(
                "bed and breakfast accommodation", ACCEPTED, "Head of Housing Needs", "March 2025"
            ),
            "2": Expected(
                "buy homes to use as temporary accommodation", PARTLY, "Director of Housing"
            ),
            "3": Expected("named caseworker", IN_PLACE),
            "4": Expected("removal costs", REJECTED),
        },
    ),
    Case(
        "docx_table_under_each_theme_heading",
        read("baby-t-partnership-response.docx", _themes()),
        {
            "1": Expected(
                "joint pre-birth planning meeting", ACCEPTED, "Head of Midwifery", "April 2025"
            ),
            "2": Expected(
                "consider the father", ACCEPTED, "Children's Social Care", None, "Complete"
            ),
            "3": Expected(
                "children's social care records", PARTLY, "Designated Nurse", "December 2025"
            ),
            "4": Expected(
                "single shared care record", "under consideration", "ICB Chief Nurse", "July 2025"
            ),
            "5": Expected(
                "Safe sleep advice", ACCEPTED, "Partnership Business Unit", "September 2025"
            ),
        },
    ),
]

#: Documents not yet read as their reader would. The six gaps found when the suite was
#: written (drifting PDF header labels, "SAR Rec." and "Agreed actions" headers, a date
#: promised in a response cell, fields run together on one line, "Complete" under
#: "Timescale") are closed.
XFAIL: dict[str, str] = {}


def _norm(text: str | None) -> str:
    return (
        re.sub(r"\s+", " ", (text or "").replace("\u2019", "'").replace("\u2018", "'"))
        .strip()
        .lower()
    )


def _problems(case: Case) -> list[str]:
    extraction = extract_recommendations(case.text)
    recommendations = recommendations_of(extraction)
    responses = responses_of(extraction)
    problems: list[str] = []
    if set(recommendations) != set(case.expected):
        problems.append(f"numbers {sorted(recommendations)} != {sorted(case.expected)}")
    for number, expected in case.expected.items():
        recommendation = recommendations.get(number)
        if recommendation is None:
            continue
        if _norm(expected.text) not in _norm(recommendation.text):
            problems.append(f"{number} text {recommendation.text!r}")
        response = responses.get(recommendation.key)
        if expected.status is None:
            if response is not None:
                problems.append(f"{number} status {response.status.value!r} != None")
        elif response is None or response.status.value != expected.status:
            got = None if response is None else response.status.value
            problems.append(f"{number} status {got!r} != {expected.status!r}")
        if expected.owner is not None:
            owners = recommendation.owners + (response.owners if response is not None else ())
            if not any(_norm(expected.owner) in _norm(owner) for owner in owners):
                problems.append(f"{number} owner {owners!r} lacks {expected.owner!r}")
        for field, want, got_value in (
            ("due", expected.due, recommendation.due),
            ("progress", expected.progress, recommendation.progress),
        ):
            if want is None:
                if got_value is not None:
                    problems.append(f"{number} {field} {got_value!r} != None")
            elif _norm(want) not in _norm(got_value):
                problems.append(f"{number} {field} {got_value!r} lacks {want!r}")
    return problems


def _param(case: Case) -> object:
    reason = XFAIL.get(case.name)
    if reason is None:
        return pytest.param(case, id=case.name)
    return pytest.param(case, id=case.name, marks=pytest.mark.xfail(reason=reason, strict=True))


@pytest.mark.parametrize("case", [_param(case) for case in CASES])
def test_response_document(case: Case) -> None:
    problems = _problems(case)
    assert not problems, problems
