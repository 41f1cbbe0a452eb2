# ruff: noqa: E501  (a document's table rows are kept whole, as published)
"""Second blind commitments suite: fourteen documents of kinds the first suite does not hold,
written as UK public bodies publish them (a council leader's budget speech, a cabinet
member's written answer to a councillor, a council press release, a safeguarding
partnership's priorities, an NHS trust's letter to Healthwatch, a children's services
improvement plan after Ofsted with an owner table, select committee oral evidence, a Lords
oral question, scrutiny minutes with undertakings and 'ACTION:' lines, a Welsh Government
written statement, a police force's response to HMICFRS, a school's letter after an
exclusion is reconsidered, an Ombudsman decision's agreed remedy and the notes of a public
meeting on flooding), each read by the commitments extractor as plain text.

For each document the expected commitments say what was promised (words the commitment's
text contains, all of them), by whom (words one of which the commitment's ``made_by`` or
``actor`` names, given only where the document says who) and by when (words one of which
its ``due`` contains, given only where the document states a time). Each expected
commitment must be matched by a commitment of its own (two promises merged into one record
count as one found and one missed). No commitment may contain any of the document's
must-not texts: past work, other bodies' duties ('Schools must …', 'Councils have a duty
…'), recommendations made to the body ('The force should …'), hopes, conditionals and
offers on condition, questions, meeting logistics, and 'will' describing what a system or
service can do ('The new portal will allow residents to …'): that is a capability, not a
promise, unless the sentence itself undertakes to deliver it (where these documents
promise to deliver a service, they do so in a sentence of its own). A document
yields at most two commitments more than it expects. Decisions (records whose category is
'decision') are not commitments and are left out. Matching is case-insensitive, with
curly apostrophes made straight and line breaks read as spaces. A document the extractor
does not yet read as its reader would is a strict expected failure whose reason says what
came out instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from blind_matching import distinct_matches, plain

from scrutiny.ingest.extract.commitments import Author, extract_commitments
from scrutiny.ingest.extract.records import Commitment

EXTRA_ALLOWED = 2


@dataclass(frozen=True)
class Promise:
    """One expected commitment."""

    words: tuple[str, ...]  # words the commitment's text contains, all of them
    actor: tuple[str, ...] = ()  # any one of these names the maker or actor; () = unchecked
    due: tuple[str, ...] = ()  # any one of these is in the due; () = unchecked


@dataclass(frozen=True)
class CommitmentCase:
    name: str
    text: str
    author: Author
    expected: tuple[Promise, ...]
    forbidden: tuple[str, ...]  # texts no commitment may contain


def _fits(promise: Promise, found: Commitment) -> bool:
    """Whether one extracted commitment holds the promise's words, actor and due."""
    text = plain(found.text)
    if not all(plain(w) in text for w in promise.words):
        return False
    if promise.actor:
        who = plain(" | ".join(found.made_by + found.actor))
        if not any(plain(a) in who for a in promise.actor):
            return False
    if promise.due:
        due = plain(found.due or "")
        if not any(plain(d) in due for d in promise.due):
            return False
    return True


def _matched(expected: tuple[Promise, ...], found: list[Commitment]) -> list[int | None]:
    """For each expected promise, the index of a distinct found commitment fitting it (a
    maximum matching, so one record covering two promises counts once)."""
    holds = [[i for i, c in enumerate(found) if _fits(p, c)] for p in expected]
    return distinct_matches(holds)


def commitments_of(case: CommitmentCase) -> list[Commitment]:
    """The commitments (not decisions) extracted from the case's document."""
    extraction = extract_commitments(case.text, case.author)
    return [
        e for e in extraction.entities if isinstance(e, Commitment) and e.category != "decision"
    ]


def _describe(found: list[Commitment]) -> list[str]:
    return [f"{c.text[:80]!r} by={c.made_by}/{c.actor} due={c.due!r}" for c in found]


# --- Council: leader, cabinet member, press office -----------------------------------------

BUDGET_SPEECH = CommitmentCase(
    name="council-leader-budget-speech",
    author=Author(council="Northmoor County Council"),
    text="""NORTHMOOR COUNTY COUNCIL - BUDGET COUNCIL, 20 FEBRUARY 2025

Budget speech by the Leader of the Council, Councillor Angela Morrow

Thank you, Chairman.

Last year we balanced the budget without touching our reserves, and we opened new family
hubs in Ashby and Carlow. That did not happen by accident.

This has not been an easy budget to set. Demand for adult social care has risen by nine
per cent in a year, and the cost of home to school transport has doubled since 2021.

But I am proud of what this budget does. Tonight I can announce that we will freeze the
general element of council tax for 2025/26, so that the only increase residents see on
their bills is the two per cent adult social care precept.

We will invest £12 million over the next three years in resurfacing our rural roads,
starting with the routes our residents have told us are the worst.

I can also announce that all 23 of our libraries will stay open throughout 2025/26. Not
one branch will close on my watch.

We will recruit 40 additional children's social workers by September 2025, so that no
social worker in this county carries more than 18 cases.

We hope to bring forward a new leisure centre for Carlow, but that depends on the outcome
of our bid to the Government.

If the Government confirms a multi-year settlement, we would look again at our capital
programme. The Government must now fix a funding formula that is broken.

Our new customer portal, launched in January, will allow residents to report potholes and
missed bins online at any time of the day or night.

Chairman, I move the budget.
""",
    expected=(
        Promise(("freeze", "council tax"), ("Morrow", "Leader", "council"), ("2025/26",)),
        Promise(("£12 million", "rural roads"), ("Morrow", "Leader", "council")),
        Promise(("23", "libraries", "stay open"), (), ("2025/26",)),
        Promise(("40 additional children's social workers",), (), ("September 2025",)),
    ),
    forbidden=(
        "balanced the budget",
        "Demand for adult social care has risen",
        "We hope to bring forward",
        "If the Government confirms",
        "The Government must now fix",
        "will allow residents to report",
        "I move the budget",
    ),
)

WRITTEN_ANSWER = CommitmentCase(
    name="cabinet-member-written-answer",
    author=Author(council="Westford City Council"),
    text="""WESTFORD CITY COUNCIL
COUNCIL MEETING - 5 MARCH 2025
WRITTEN QUESTIONS FROM MEMBERS OF THE COUNCIL (Council Procedure Rule 12)

Question 4 from Councillor Priya Shah to the Cabinet Member for Environment and Transport

Will the Cabinet Member tell me how many fly-tipping incidents were reported in Hallam
ward in 2024, and what is being done to reduce them?

Reply from Councillor Tom Birch, Cabinet Member for Environment and Transport

In 2024 there were 412 reported incidents of fly-tipping in Hallam ward, down from 468 in
2023. The council's enforcement team issued 57 fixed penalty notices in the ward over the
same period and secured two prosecutions.

I will ask officers to install two additional CCTV cameras at the Mill Lane hotspot by the
end of April.

The council will also run a bulky waste amnesty in Hallam ward in June, with free
collections of up to three items for every household.

I will provide Councillor Shah with a breakdown of the fixed penalty notices by street
before the next meeting of Council.

Landowners are responsible for clearing waste dumped on private land, and residents who
see fly-tipping can report it online through the council's website.
""",
    expected=(
        Promise(("CCTV", "Mill Lane"), ("Birch", "Cabinet Member"), ("end of April",)),
        Promise(("bulky waste amnesty",), ("council", "Birch", "Cabinet Member"), ("June",)),
        Promise(("breakdown of the fixed penalty notices",), ("Birch", "Cabinet Member")),
    ),
    forbidden=(
        "Will the Cabinet Member tell me",
        "412 reported incidents",
        "secured two prosecutions",
        "Landowners are responsible",
        "can report it online",
    ),
)

PRESS_RELEASE = CommitmentCase(
    name="council-press-release",
    author=Author(council="Eastholme Borough Council"),
    text="""NEWS RELEASE - Eastholme Borough Council
Issued: 3 March 2025

Weekly food waste collections coming to every home in Eastholme

Eastholme Borough Council will introduce weekly food waste collections for all 54,000
households in the borough from 1 October 2025.

Every household will be sent a free kitchen caddy, an outdoor bin and a roll of liners in
September, ahead of the first collections.

The new service will help cut the amount of rubbish sent for incineration by up to a
quarter, and the food waste collected will be turned into electricity at an anaerobic
digestion plant near Selby.

Councillor Helen Marsh, Cabinet Member for Climate and Environment, said:

"Residents have told us loud and clear that they want to recycle more. We will make sure
that every flat and house in multiple occupation has somewhere to put its caddy, and we
will publish our recycling rates on the council's website every month so people can see
the difference they are making."

The changes follow the Environment Act 2021, which requires councils in England to collect
food waste separately from other rubbish.

Last year the council collected 21,000 tonnes of garden waste.

Residents can find out more at eastholme.gov.uk/foodwaste.

ENDS

Notes to editors: For media enquiries please contact the press office on 01234 567890.
""",
    expected=(
        Promise(("weekly food waste collections", "54,000"), ("council",), ("1 October 2025",)),
        Promise(("free kitchen caddy",), (), ("September",)),
        Promise(("every flat",), ("Marsh", "Cabinet Member", "council")),
        Promise(("publish our recycling rates",), ("Marsh", "Cabinet Member", "council")),
    ),
    forbidden=(
        "will help cut the amount",
        "requires councils in England",
        "collected 21,000 tonnes",
        "can find out more",
        "For media enquiries",
    ),
)

# --- Partnerships, health, children's services ----------------------------------------------

SAFEGUARDING_PRIORITIES = CommitmentCase(
    name="safeguarding-partnership-priorities",
    author=Author(body="Calderbrook Safeguarding Children Partnership"),
    text="""Calderbrook Safeguarding Children Partnership
Annual Report 2024-25

6. Our priorities for 2025-26

In 2024-25 we delivered multi-agency training to 1,950 practitioners and completed two
rapid reviews, both of which were shared with the Child Safeguarding Practice Review Panel.

Working Together to Safeguard Children 2023 requires the three safeguarding partners to
publish a report on their arrangements every year.

Priority 1: Neglect
Neglect remains the most common reason for a child protection plan in Calderbrook.
We will launch a refreshed neglect strategy and practitioner toolkit by June 2025.
We will audit 40 cases of children on plans for neglect by December 2025 and report what
we find to the Partnership Executive.

Priority 2: Child exploitation
We will set up a single multi-agency exploitation panel to replace the three separate
panels that meet today.

Priority 3: The voice of the child
We hope to involve young people from the Youth Council in reviewing our training.
Designated safeguarding leads in schools must complete refresher training every two years.

The new case audit tool, introduced in March, will enable auditors from every agency to
record their findings in one place.

The Partnership Executive next meets on 9 May 2025.
""",
    expected=(
        Promise(("neglect strategy",), ("Partnership",), ("June 2025",)),
        Promise(("audit 40 cases",), ("Partnership",), ("December 2025",)),
        Promise(("exploitation panel",), ("Partnership",)),
    ),
    forbidden=(
        "delivered multi-agency training",
        "requires the three safeguarding partners",
        "We hope to involve young people",
        "must complete refresher training",
        "will enable auditors",
        "next meets on 9 May",
    ),
)

TRUST_TO_HEALTHWATCH = CommitmentCase(
    name="nhs-trust-letter-to-healthwatch",
    author=Author(body="Ferrybridge Teaching Hospitals NHS Foundation Trust"),
    text="""Ferrybridge Teaching Hospitals NHS Foundation Trust
Chief Executive's Office

14 March 2025

Ms Grace Okonjo
Manager, Healthwatch Ferrybridge

Dear Ms Okonjo

Healthwatch Ferrybridge report: Waiting in A&E - the patient experience

Thank you for sharing your report and for the work of your volunteers in speaking to more
than 200 patients in our emergency department last autumn. We have set out our response to
each of your recommendations below.

Recommendation 1: Tell patients how long they are likely to wait
Response: We accept this recommendation. We will install real-time waiting time screens in
the emergency department waiting area by the end of May 2025.

Recommendation 2: Make sure patients can get food and drink
Response: Volunteers already provide a refreshment trolley between 10am and 8pm. We will
extend this to a 24-hour service from April 2025.

Recommendation 3: Make the triage leaflet easier to read
Response: The Lead Nurse for Urgent Care will rewrite the triage leaflet with your
volunteers, and the new leaflet will be in use by July 2025.

Healthwatch has a statutory right to enter and view services, and we welcome your team back
at any time. Our new electronic patient record will allow clinicians to see a patient's
waiting time at a glance.

I will write to you again in six months with an update on progress against each action.

Yours sincerely

Dr Martin Hale
Chief Executive
""",
    expected=(
        Promise(("waiting time screens",), ("Trust", "Hale"), ("May 2025",)),
        Promise(("24-hour service",), ("Trust", "Hale"), ("April 2025",)),
        Promise(("rewrite the triage leaflet",), ("Lead Nurse",)),
        Promise(("write to you again",), ("Hale", "Chief Executive"), ("six months",)),
    ),
    forbidden=(
        "Volunteers already provide",
        "statutory right to enter",
        "will allow clinicians",
        "speaking to more than 200 patients",
    ),
)

OFSTED_IMPROVEMENT_PLAN = CommitmentCase(
    name="ofsted-improvement-plan-owner-table",
    author=Author(council="Kestlebury Council"),
    text="""KESTLEBURY COUNCIL - CHILDREN'S SERVICES
Improvement Plan 2025-26
Following the Ofsted inspection of local authority children's services (ILACS),
January 2025 - overall effectiveness: requires improvement to be good

Inspectors found that too many assessments for children in need took longer than they
should, and that management oversight was not consistently recorded on children's files.

Area for improvement 1: The timeliness and quality of assessments
By March 2026 we will make sure that at least 90% of assessments are completed within 45
working days.

Area for improvement 2: Management oversight and supervision
By September 2025 we will introduce a revised supervision policy that sets out how often
practice supervisors must record their oversight.

Social workers must see children alone at every statutory visit.

Actions

| Action | Owner | Deadline | RAG |
|---|---|---|---|
| Recruit permanent team managers to both assessment teams | Head of Service, Assessment | July 2025 | Amber |
| Deliver reflective supervision training to all practice supervisors | Principal Social Worker | October 2025 | Green |
| Report progress against this plan to the Improvement Board | Director of Children's Services | Quarterly | Green |

The Improvement Board is chaired by the Chief Executive and meets every six weeks.
""",
    expected=(
        Promise(("90% of assessments",), (), ("March 2026",)),
        Promise(("revised supervision policy",), (), ("September 2025",)),
        Promise(("permanent team managers",), ("Head of Service",), ("July 2025",)),
        Promise(("reflective supervision training",), ("Principal Social Worker",), ("October",)),
        Promise(("Report progress",), ("Director of Children's Services",)),
    ),
    forbidden=(
        "Inspectors found",
        "must see children alone",
        "meets every six weeks",
    ),
)

# --- Parliament and government ----------------------------------------------------------------

ORAL_EVIDENCE = CommitmentCase(
    name="select-committee-oral-evidence-write-to-committee",
    author=Author(committee="Public Accounts Committee"),
    text="""Public Accounts Committee
Oral evidence: Increasing the capacity of the prison estate, HC 512
Monday 10 March 2025

Members present: Sir Alan Penrose (Chair); Mr Daniel Lewis; Ms Ruth Adair; Mr Sam Kiely.

Witnesses: Helen Carver, Chief Executive, HM Prison and Probation Service; Richard Onyango,
Director General, Prisons, Ministry of Justice.

Q42 Chair: How many prison places are out of use today because of the maintenance backlog?

Helen Carver: I do not have the exact figure with me. I will write to the committee with the
figures, broken down by prison, by the end of the month.

Q43 Chair: Thank you. And how many new places have you delivered?

Helen Carver: We have already completed 1,200 places under the rapid deployment cells
programme. We will deliver a further 6,500 places by the end of 2026.

Q44 Mr Lewis: Will those places really be ready in time?

Helen Carver: That depends on planning consents. If planning is granted on the two sites
in Leicestershire, we would expect building work to start in the autumn.

Q45 Ms Adair: Can you share the condition survey of the estate with us?

Richard Onyango: Yes. We will share the results of the condition survey with the committee
once they have been validated, which should be in the summer.

Chair: Thank you both. We will now move to our second panel of witnesses.
""",
    expected=(
        Promise(("write to the committee",), ("Carver",), ("end of the month",)),
        Promise(("6,500 places",), ("Carver", "Prison and Probation"), ("2026",)),
        Promise(("condition survey",), ("Onyango", "Ministry of Justice"), ("summer",)),
    ),
    forbidden=(
        "How many prison places",
        "already completed 1,200",
        "Will those places really be ready",
        "If planning is granted",
        "move to our second panel",
    ),
)

LORDS_QUESTION = CommitmentCase(
    name="lords-oral-question-minister-undertakings",
    author=Author(body="House of Lords"),
    text="""Unpaid Carers: Respite Breaks
Volume 843: debated on Thursday 6 February 2025

Question

3.15 pm

Baroness Pinnock
To ask His Majesty's Government what steps they are taking to increase the availability of
respite breaks for unpaid carers.

Lord Fairlie (Lab)
The Parliamentary Under-Secretary of State, Department of Health and Social Care
My Lords, the Government recognise the vital contribution of unpaid carers. In 2024 we
raised the earnings limit for carer's allowance to £196 a week, the largest increase since
it was introduced. I will ensure that the noble Baroness's point about respite breaks is
put to the independent commission on adult social care.

Baroness Pinnock (LD)
My Lords, I thank the Minister for that reply. Will he meet me and representatives of
carers' organisations to hear directly what they are facing?

Lord Fairlie (Lab)
I am happy to meet the noble Baroness and carers' organisations. We will publish the
refreshed carers' strategy before the Summer Recess.

Lord Shipley (LD)
My Lords, local authorities have a duty under the Care Act 2014 to assess carers' needs,
yet thousands are waiting. How many assessments were completed last year?

Lord Fairlie (Lab)
The noble Lord is right that local authorities must assess carers who appear to need
support. I do not have that figure to hand; I will write to the noble Lord with the number
of assessments completed last year. We hope to bring forward further measures when
parliamentary time allows.
""",
    expected=(
        Promise(("respite breaks", "commission"), ("Fairlie", "Minister", "Under-Secretary")),
        Promise(("happy to meet the noble Baroness",), ("Fairlie", "Minister", "Under-Secretary")),
        Promise(("carers' strategy",), ("Fairlie", "Government", "Minister"), ("Summer Recess",)),
        Promise(("write to the noble Lord",), ("Fairlie", "Minister", "Under-Secretary")),
    ),
    forbidden=(
        "To ask His Majesty's Government",
        "raised the earnings limit",
        "Will he meet me",
        "have a duty under the Care Act",
        "How many assessments were completed",
        "must assess carers",
        "We hope to bring forward",
    ),
)

SCRUTINY_ACTIONS = CommitmentCase(
    name="scrutiny-minutes-undertook-and-action-lines",
    author=Author(
        council="Brackenfield District Council",
        committee="Corporate Overview and Scrutiny Committee",
    ),
    text="""BRACKENFIELD DISTRICT COUNCIL
CORPORATE OVERVIEW AND SCRUTINY COMMITTEE
Minutes of the meeting held on Wednesday 15 January 2025 at 6.30 pm

Present: Councillor L. Fenwick (Chair); Councillors A. Barnes, C. Iqbal, D. Moore, P. Shaw
Also present: Councillor K. Doyle, Cabinet Member for Resources

23. APOLOGIES
Apologies were received from Councillor J. Ross.

24. WORKFORCE STRATEGY - ANNUAL UPDATE
The Head of HR presented the report. Sickness absence had fallen to 9.8 days per full-time
employee in 2023/24, and staff turnover was 11 per cent.

Members raised concerns about the council's spending on agency staff. The Cabinet Member
for Resources undertook to circulate a breakdown of agency spend by directorate before the
next meeting.

Officers agreed to include exit interview data in the next quarterly workforce report.

A Member asked whether the council would consider piloting a four-day week. The Cabinet
Member said that there were no plans to do so. Managers must record all sickness absence
on the HR system within two working days.

ACTION: update the flexible working policy to reflect the new legislation (Head of HR)
ACTION: arrange an all-member briefing on apprenticeships (Democratic Services Manager) -
by 28 February 2025

RESOLVED - That the report be noted.

25. DATE OF NEXT MEETING
The next meeting will be held on Wednesday 12 March 2025 at 6.30 pm.
""",
    expected=(
        Promise(("breakdown of agency spend",), ("Cabinet Member", "Doyle"), ("next meeting",)),
        Promise(("exit interview data",), ("Officers",)),
        Promise(("flexible working policy",), ("Head of HR",)),
        Promise(("all-member briefing",), ("Democratic Services Manager",), ("28 February",)),
    ),
    forbidden=(
        "had fallen to 9.8 days",
        "whether the council would consider",
        "no plans to do so",
        "Managers must record",
        "next meeting will be held",
    ),
)

WELSH_WRITTEN_STATEMENT = CommitmentCase(
    name="welsh-government-written-statement",
    author=Author(body="Welsh Government"),
    text="""WRITTEN STATEMENT
BY
THE WELSH GOVERNMENT

TITLE: Bus reform - next steps for the south west region
DATE: 12 March 2025
BY: Rhian Pryce MS, Cabinet Secretary for Transport

Last year the Welsh Government provided £46 million of transition funding to keep bus
services running across Wales, and passenger numbers have now returned to 85 per cent of
their level before the pandemic.

Today I am setting out the next steps in our plans for a franchised bus network.

I will publish the draft network plan for south west Wales for public consultation in June
2025.

Transport for Wales will let the first franchise contracts in the south west region in 2027.

I will also establish a bus reform advisory panel, including passengers, operators and
trade unions, by the summer.

Local authorities will continue to be responsible for school transport and for
concessionary travel passes.

The new integrated ticketing system will allow passengers to use a single ticket across
bus and rail services.

I hope Members across the Senedd will support these reforms.

This statement is being issued during recess in order to keep Members informed. Should
Members wish me to make a further statement or to answer questions on this when the
Senedd returns, I would be happy to do so.
""",
    expected=(
        Promise(("draft network plan",), ("Pryce", "Cabinet Secretary"), ("June 2025",)),
        Promise(("first franchise contracts",), ("Transport for Wales",), ("2027",)),
        Promise(("advisory panel",), ("Pryce", "Cabinet Secretary"), ("summer",)),
    ),
    forbidden=(
        "provided £46 million",
        "will continue to be responsible",
        "will allow passengers",
        "I hope Members",
        "Should Members wish me",
        "being issued during recess",
    ),
)

# --- Police, schools, Ombudsman, public meetings ----------------------------------------------

POLICE_HMICFRS = CommitmentCase(
    name="police-response-to-hmicfrs",
    author=Author(body="Westmarsh Police"),
    text="""WESTMARSH POLICE
Response to the HMICFRS PEEL inspection report 2023-25

Area for improvement 1
The force should improve how quickly it answers non-emergency 101 calls.

Response
The force accepts this area for improvement. The force will introduce a call-back
facility for 101 callers by June 2025, and will recruit 25 additional call handlers by the
end of the financial year.

Since the inspection the force has already trained 600 officers and staff in the new
call-handling procedures.

Cause of concern
The force does not always record crimes reported to it as required.

Recommendation
Within six months, the force should make sure that crimes are recorded within 24 hours.

Response
The Deputy Chief Constable will chair a crime data integrity board, which will meet
monthly from April 2025. An independent audit of crime recording will be completed by
December 2025.

Police and crime commissioners must publish a response to every HMICFRS report within 56
days.

The force's new records management system will allow officers to record a crime from
their mobile devices at the scene.
""",
    expected=(
        Promise(("call-back facility",), ("force",), ("June 2025",)),
        Promise(("25 additional call handlers",), ("force",), ("financial year",)),
        Promise(("crime data integrity board",), ("Deputy Chief Constable",), ("April 2025",)),
        Promise(("independent audit",), (), ("December 2025",)),
    ),
    forbidden=(
        "should improve how quickly",
        "force should make sure",
        "already trained 600",
        "does not always record crimes",
        "must publish a response",
        "will allow officers",
    ),
)

SCHOOL_EXCLUSION_FOLLOW_UP = CommitmentCase(
    name="school-exclusion-reconsideration-letter",
    author=Author(body="St Aidan's Church of England Academy"),
    text="""St Aidan's Church of England Academy
Mill Road, Hartcliffe

31 January 2025

Dear Mr and Mrs Adeyemi

Reconsideration of Jordan's permanent exclusion

Following the independent review panel's direction of 14 January, the pupil discipline
committee of the governing board met on 24 January to reconsider its decision, and
decided to offer to reinstate Jordan. He will return to school on Monday 3 February.

To support Jordan's return, the school will:
- put in place a pastoral support plan, reviewed every four weeks by the SENCo;
- arrange for Jordan to be assessed by the educational psychologist before the end of the
  spring term;
- give Jordan a named key worker, Ms Dhillon, whom he can go to at any time.

The headteacher will review the behaviour policy with governors by the end of the summer
term, taking account of the panel's comments on reasonable adjustments.

All pupils must follow the behaviour policy at all times, including on the way to and from
school.

We hope that Jordan's return will be a positive fresh start for him.

If you have any questions, please contact the school office.

Yours sincerely

Mrs R. Clarke
Chair of the Pupil Discipline Committee
""",
    expected=(
        Promise(("pastoral support plan",), ("school", "Academy", "SENCo")),
        Promise(("educational psychologist",), ("school", "Academy"), ("spring term",)),
        Promise(("named key worker",), ("school", "Academy")),
        Promise(("review the behaviour policy",), ("headteacher",), ("summer term",)),
    ),
    forbidden=(
        "met on 24 January",
        "must follow the behaviour policy",
        "We hope that Jordan",
        "If you have any questions",
    ),
)

OMBUDSMAN_REMEDY = CommitmentCase(
    name="ombudsman-decision-agreed-remedy",
    author=Author(body="Local Government and Social Care Ombudsman"),
    text="""Local Government and Social Care Ombudsman
Final decision - Complaint reference 24 004 117 against Sandleigh County Council

Summary: Mrs X complained the Council delayed carrying out an education, health and care
needs assessment for her son. We found fault causing injustice. The Council has agreed to
apologise, make a payment and improve its procedures.

What I found
The law says councils must issue a final education, health and care plan within 20 weeks
of the request for an assessment. The Council took 41 weeks. This was fault.

Agreed action
Within one month of my final decision, the Council has agreed to:
- apologise to Mrs X in writing for the delay;
- pay Mrs X £900 to recognise the distress and the lost provision for her son.

Within three months of my final decision, the Council will:
- review its staffing in the special educational needs team and tell us what it will do
  to meet the 20-week timescale.

The Council should provide us with evidence it has complied with the above actions.

Decision
I have completed my investigation. There was fault by the Council, which caused injustice.
""",
    expected=(
        Promise(("apologise to Mrs X",), ("Council",), ("one month",)),
        Promise(("£900",), ("Council",), ("one month",)),
        Promise(("review its staffing",), ("Council",), ("three months",)),
    ),
    forbidden=(
        "councils must issue",
        "The Council took 41 weeks",
        "should provide us with evidence",
        "I have completed my investigation",
    ),
)

FLOOD_PUBLIC_MEETING = CommitmentCase(
    name="flooding-public-meeting-notes",
    author=Author(council="Fenbury District Council"),
    text="""NOTES OF A PUBLIC MEETING ON FLOODING IN LOWER FENBURY
Held at Lower Fenbury Village Hall, Thursday 21 November 2024, 7.00 pm

Present: Councillor Sarah Quinn (Fenbury District Council, ward member, chairing);
representatives of the Environment Agency, Anglian Water and Fenshire County Council
(Highways and Flood Risk); about 60 residents.

1. What happened on 26 September
The Environment Agency explained that 48mm of rain fell in three hours and that the Fen
Brook overtopped at two points. Eleven homes were flooded internally.

2. Questions from residents
Residents asked why the culvert under Station Road had not been cleared since 2022, and
whether sandbags would be provided before the winter.

The Environment Agency will clear the culvert under Station Road by the end of December.
Anglian Water agreed to survey the foul sewer in Church Lane and share the results with
the parish council.
Fenshire County Council, as lead local flood authority, has a duty to investigate
flooding incidents and will publish its Section 19 report in the spring.
Councillor Quinn said she would chase the county council about the blocked gullies on the
High Street and report back to residents.

The Environment Agency hopes to secure funding for a flood storage area upstream, but no
bid has yet been made.

3. Next meeting
A further public meeting will be held in the village hall in March 2025.
""",
    expected=(
        Promise(("culvert under Station Road",), ("Environment Agency",), ("December",)),
        Promise(("survey the foul sewer",), ("Anglian Water",)),
        Promise(("Section 19 report",), ("Fenshire County Council", "county council"), ("spring",)),
        Promise(("blocked gullies",), ("Quinn",)),
    ),
    forbidden=(
        "48mm of rain",
        "Residents asked why",
        "hopes to secure funding",
        "further public meeting will be held",
    ),
)

CASES = (
    BUDGET_SPEECH,
    WRITTEN_ANSWER,
    PRESS_RELEASE,
    SAFEGUARDING_PRIORITIES,
    TRUST_TO_HEALTHWATCH,
    OFSTED_IMPROVEMENT_PLAN,
    ORAL_EVIDENCE,
    LORDS_QUESTION,
    SCRUTINY_ACTIONS,
    WELSH_WRITTEN_STATEMENT,
    POLICE_HMICFRS,
    SCHOOL_EXCLUSION_FOLLOW_UP,
    OMBUDSMAN_REMEDY,
    FLOOD_PUBLIC_MEETING,
)

# What the extractor gives for each document it does not yet read as a reader would.
#: Documents not yet read as their reader would, with what comes out (refreshed as gaps
#: close). Closed since the suite was written: a chair moving to the next panel, a letter's
#: "Response" label taken as its speaker, "introduce a call-back facility", the items under
#: "The Council has agreed to:" / "the school will:".
XFAIL: dict[str, str] = {
    "council-leader-budget-speech": (
        "[\"('freeze', 'council tax') found but wants ('Morrow', 'Leader', 'council') "
        "('2025/26',): by=('Northmoor County Council',)/('Northmoor County Council',) "
        "due=None\", \"('23', 'libraries', 'stay open') found but wants () ('2025/26',): "
        "by=('Northmoor County Council',)/() due=None\"]"
    ),
    "council-press-release": (
        "[\"missed ('weekly food waste collections', '54,000')\", \"missed ('publish our "
        "recycling rates',)\"]"
    ),
    "nhs-trust-letter-to-healthwatch": (
        "[\"('waiting time screens',) found but wants ('Trust', 'Hale') ('May 2025',): "
        "by=('Ms Grace Okonjo',)/('Ms Grace Okonjo',) due='by the end of May 2025'\", "
        "\"('24-hour service',) found but wants ('Trust', 'Hale') ('April 2025',): by=('Ms"
        " Grace Okonjo',)/('Ms Grace Okonjo',) due='from April 2025'\", \"('write to you "
        "again',) found but wants ('Hale', 'Chief Executive') ('six months',):"
    ),
    "ofsted-improvement-plan-owner-table": (
        "[\"('permanent team managers',) found but wants ('Head of Service',) ('July "
        "2025',): by=('Head of Service', 'Assessment', 'Principal Social "
        "Worker')/('Recruit permanent team managers',) due=None\"]"
    ),
    "scrutiny-minutes-undertook-and-action-lines": (
        "[\"('breakdown of agency spend',) found but wants ('Cabinet Member', 'Doyle') "
        "('next meeting',): by=('The Cabinet Member for Resources',)/('The Cabinet Member"
        " for Resources',) due=None\", \"('flexible working policy',) found but wants "
        "('Head of HR',) (): by=('Brackenfield District Council',)/() due=None\", \"missed "
        "('all-member briefing',)\", \"not commitments, came out: ['no plans to"
    ),
    "welsh-government-written-statement": (
        "[\"('draft network plan',) found but wants ('Pryce', 'Cabinet Secretary') ('June "
        "2025',): by=('Welsh Government',)/() due='in June'\", \"('first franchise "
        "contracts',) found but wants ('Transport for Wales',) ('2027',): by=('Transport "
        "for Wales',)/('Transport for Wales',) due=None\", \"('advisory panel',) found but "
        "wants ('Pryce', 'Cabinet Secretary') ('summer',): by=('Welsh Governm"
    ),
    "police-response-to-hmicfrs": (
        "[\"('25 additional call handlers',) found but wants ('force',) ('financial "
        "year',): by=('The force',)/('The force',) due='by June 2025'\"]"
    ),
    "school-exclusion-reconsideration-letter": (
        "['(\\'educational psychologist\\',) found but wants (\\'school\\', \\'Academy\\') "
        "(\\'spring term\\',): by=(\"St Aidan\\'s Church of England Academy\",)/() "
        "due=\\'before the end of the spring\\'', '(\\'review the behaviour policy\\',) found"
        " but wants (\\'headteacher\\',) (\\'summer term\\',): by=(\"St Aidan\\'s Church of "
        "England Academy\",)/() due=\\'by the end of the summer\\'']"
    ),
    "ombudsman-decision-agreed-remedy": (
        "[\"('apologise to Mrs X',) found but wants ('Council',) ('one month',): by=('the "
        "Council',)/('the Council',) due=None\", \"('£900',) found but wants ('Council',) "
        "('one month',): by=('the Council',)/('the Council',) due=None\", \"('review its "
        "staffing',) found but wants ('Council',) ('three months',): by=('Local "
        "Government and Social Care Ombudsman',)/() due=None\"]"
    ),
    "flooding-public-meeting-notes": (
        "[\"('Section 19 report',) found but wants ('Fenshire County Council', 'county "
        "council') ('spring',): by=('Fenbury District Council',)/() due='in the spring'\"]"
    ),
}


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        reason = XFAIL.get(case.name)
        marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_case_is_consistent(case: CommitmentCase) -> None:
    """Every expected word, actor, due and forbidden text is in the document itself, and
    no forbidden text holds an expected commitment's words."""
    document = plain(case.text)
    for promise in case.expected:
        for word in promise.words + promise.actor + promise.due:
            assert plain(word) in document, word
    for text in case.forbidden:
        assert plain(text) in document, text
        for promise in case.expected:
            assert not all(plain(w) in plain(text) for w in promise.words), text


def problems_of(case: CommitmentCase) -> list[str]:
    """What in the case's extraction differs from a reader's: missed commitments (with the
    nearest record's maker and due), forbidden texts taken as commitments, and too many."""
    found = commitments_of(case)
    matches = _matched(case.expected, found)
    problems: list[str] = []
    for promise, index in zip(case.expected, matches, strict=True):
        if index is not None:
            continue
        near = [c for c in found if all(plain(w) in plain(c.text) for w in promise.words)]
        if near:
            got = "; ".join(f"by={c.made_by}/{c.actor} due={c.due!r}" for c in near)
            problems.append(f"{promise.words} found but wants {promise.actor} {promise.due}: {got}")
        else:
            problems.append(f"missed {promise.words}")
    forbidden = [
        text for text in case.forbidden if any(plain(text) in plain(c.text) for c in found)
    ]
    if forbidden:
        problems.append(f"not commitments, came out: {forbidden}")
    if len(found) > len(case.expected) + EXTRA_ALLOWED:
        problems.append(f"too many: {len(found)} for {len(case.expected)}")
    return problems


@pytest.mark.parametrize("case", _params())
def test_commitments_read_as_a_reader_would(case: CommitmentCase) -> None:
    problems = problems_of(case)
    assert not problems, f"{problems}; found: {_describe(commitments_of(case))}"
