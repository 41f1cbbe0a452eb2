"""Blind people suite: sixteen short documents written as UK public bodies publish them
(council, parish, police and crime panel, health and wellbeing board and ICB minutes, a
Scottish council's sederunt, council report front sheets, a cabinet decision record,
Commons and Lords Hansard, a Westminster Hall debate, select committee oral evidence, a
child safeguarding practice review, a ministerial letter and an inspection letter), each
read by the people extractor as plain text with the organisation gazetteer.

For each document the expected people give words of the person's name (every one must be a
word of one extracted person's label) and, where the document gives the person a post,
words the person's roles contain (an abbreviated post may also be matched by its
expansion). Names given by initial and surname expect only the
surname. No extracted person's label may contain any of the document's forbidden texts (as whole
words):
bodies, places and buildings, posts named without a person, "the Chair" alone, party tags
and case names such as "Child Q". A document yields at most two people more than it
expects. Matching is case-insensitive, with curly apostrophes made straight, dashes made
hyphens and line breaks read as spaces. A document the extractor does not yet read as its
reader would is a strict expected failure whose reason says what came out instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pytest
from blind_matching import plain

from scrutiny.ingest.extract.organisations import OrganisationGazetteer
from scrutiny.ingest.extract.people import Person, find_people

EXTRA_ALLOWED = 2


@dataclass(frozen=True)
class Expected:
    """One person the document names."""

    name: tuple[str, ...]  # words of the person's name, each a word of the label
    role: tuple[str, ...] = ()  # texts the roles contain ("a|b": either); () = unchecked


@dataclass(frozen=True)
class PeopleCase:
    name: str
    text: str
    expected: tuple[Expected, ...]
    forbidden: tuple[str, ...]  # texts no person's label may contain
    xfail: str = ""  # what comes out instead, when the extractor misreads the document


def _plain(text: str) -> str:
    return plain(text, dashes=True)


def _words(label: str) -> frozenset[str]:
    """The words of a label: letters, apostrophes and hyphens joined, full stops dropped."""
    return frozenset(re.findall(r"[a-z][a-z'\-]*", _plain(label)))


def _fits(expected: Expected, person: Person) -> bool:
    """Whether one extracted person carries the expected name words."""
    words = _words(person.label)
    return all(_plain(w) in words for w in expected.name)


def _has_role(expected: Expected, person: Person) -> bool:
    """Whether the person's roles hold each expected role text (or one of its ``|``
    alternatives, such as an abbreviation and its expansion)."""
    roles = _plain(" ; ".join(person.roles))
    return all(any(_plain(a) in roles for a in r.split("|")) for r in expected.role)


def _contains(label: str, text: str) -> bool:
    """Whether ``text`` stands in ``label`` as whole words."""
    return re.search(rf"(?<![a-z]){re.escape(_plain(text))}(?![a-z])", _plain(label)) is not None


@lru_cache(maxsize=1)
def _gazetteer() -> OrganisationGazetteer:
    return OrganisationGazetteer.from_csv()


def _people(text: str) -> list[Person]:
    extraction = find_people(text, _gazetteer())
    return [e for e in extraction.entities if isinstance(e, Person)]


def _describe(people: list[Person]) -> str:
    return "; ".join(f"{p.label} {list(p.roles)}" for p in people)


CASES: tuple[PeopleCase, ...] = (
    PeopleCase(
        name="district_planning_committee_minutes",
        text="""\
MINUTES of a meeting of the PLANNING COMMITTEE held in the Council Chamber, Town Hall,
Market Street on Tuesday 14 March 2023 at 6.30 pm

Present: Councillor A Smith (Chair), Councillor R Okafor (Vice-Chair),
Councillors B Jones, C Patel, D O'Neill and H Whitworth

Officers in attendance:
Jane Doe – Head of Planning and Building Control
Martin Kell – Principal Planning Officer
Susan Ashdown – Solicitor, Legal Services
Gareth Price – Democratic Services Officer

Apologies: Councillor E Ward

45. DECLARATIONS OF INTEREST
Councillor Patel declared a non-registrable interest in item 6 as a member of the
Friends of Riverside Park and left the room for that item.

46. 22/01873/FUL – LAND WEST OF MILL LANE
The Principal Planning Officer presented the report. The Chair invited the applicant's
agent to address the Committee.
""",
        expected=(
            Expected(("Smith",), ("Chair",)),
            Expected(("Okafor",), ("Vice-Chair",)),
            Expected(("Jones",)),
            Expected(("Patel",)),
            Expected(("O'Neill",)),
            Expected(("Whitworth",)),
            Expected(("Jane", "Doe"), ("Head of Planning",)),
            Expected(("Martin", "Kell"), ("Principal Planning Officer",)),
            Expected(("Susan", "Ashdown"), ("Solicitor",)),
            Expected(("Gareth", "Price"), ("Democratic Services Officer",)),
            # Apologies still name a member of the committee: a person.
            Expected(("Ward",)),
        ),
        forbidden=("Town Hall", "Council Chamber", "Mill Lane", "Riverside Park", "Chair"),
    ),
    PeopleCase(
        name="county_scrutiny_committee_also_present",
        text="""\
CHILDREN AND YOUNG PEOPLE SCRUTINY COMMITTEE
Minutes of the meeting held at County Hall on 7 November 2022

Present:
Councillor Margaret Ellery (Chair)
Councillors Tom Birch, Sunita Rao, Owen Pritchard and Lucy Hemmings
Mr David Lowther (Church of England Diocese representative)

Also present:
Councillor Fiona Caddick, Cabinet Member for Children's Services
Councillor Peter Ames, Leader of the Council

Officers:
Rebecca Stanton – Director of Children's Services
Dr Imran Qureshi – Assistant Director, Education and Inclusion
Claire Moss – Scrutiny Officer

12. SUFFICIENCY OF PLACEMENTS FOR LOOKED AFTER CHILDREN
The Director of Children's Services introduced the report. Children's Services had
opened two new residential homes during the year. Councillor Rao asked how many children
were placed more than twenty miles from home.
""",
        expected=(
            Expected(("Margaret", "Ellery"), ("Chair",)),
            Expected(("Tom", "Birch")),
            Expected(("Sunita", "Rao")),
            Expected(("Owen", "Pritchard")),
            Expected(("Lucy", "Hemmings")),
            # Borderline: "Diocese representative" is his place on the committee.
            Expected(("David", "Lowther")),
            Expected(("Fiona", "Caddick"), ("Cabinet Member for Children's Services",)),
            Expected(("Peter", "Ames"), ("Leader of the Council",)),
            Expected(("Rebecca", "Stanton"), ("Director of Children's Services",)),
            Expected(("Imran", "Qureshi"), ("Assistant Director",)),
            Expected(("Claire", "Moss"), ("Scrutiny Officer",)),
        ),
        forbidden=("Children's Services", "County Hall", "Director of", "Scrutiny Committee"),
    ),
    PeopleCase(
        name="cabinet_report_front_sheet",
        text="""\
Report to: Cabinet
Date of meeting: 19 January 2024
Report of: Director of Adult Social Care
Cabinet Member: Councillor Rachel Lowe, Cabinet Member for Health and Wellbeing
Report author: Priya Sharma, Head of Commissioning
Contact officer: Tom Hughes, Democratic Services Officer
Tel: 01632 960 441   Email: tom.hughes@example.gov.uk
Wards affected: All
Key decision: Yes

HOME CARE RECOMMISSIONING

1. Purpose of the report
1.1 To seek approval to recommission home care services from April 2024.
""",
        expected=(
            Expected(("Rachel", "Lowe"), ("Cabinet Member for Health and Wellbeing",)),
            Expected(("Priya", "Sharma"), ("Head of Commissioning",)),
            Expected(("Tom", "Hughes"), ("Democratic Services Officer",)),
        ),
        forbidden=("Adult Social Care", "Director", "Cabinet", "Home Care", "Wards"),
    ),
    PeopleCase(
        name="commons_oral_questions",
        text="""\
Education
The Secretary of State was asked—

Special Educational Needs: Funding
1. Helen Croft (Bristol North) (Lab): What assessment her Department has made of the
adequacy of high needs funding for local authorities. (900412)

The Parliamentary Under-Secretary of State for Education (David Harker): We are
increasing high needs funding by a further £440 million next year. I recognise the
pressure that councils face, and I am meeting local authority leaders this month.

Helen Croft: Bristol City Council has a deficit of more than £50 million on its
high needs block. Will the Minister meet me and parents from my constituency?

David Harker: I would be happy to meet the hon. Lady.

Mr Speaker: I call the shadow Minister.

Children's Social Care
2. Mr Graham Pollard (Kettering) (Con): What steps she is taking to increase the
number of foster carers.

The Minister for Children and Families (Janet Daby): Fostering is one of the most
generous acts of public service, and our recruitment campaign has reached every region.
""",
        expected=(
            Expected(("Helen", "Croft")),
            Expected(("David", "Harker"), ("Parliamentary Under-Secretary of State",)),
            Expected(("Graham", "Pollard")),
            Expected(("Janet", "Daby"), ("Minister for Children and Families",)),
        ),
        forbidden=(
            "Speaker",
            "Secretary of State",
            "Bristol City Council",
            "Lab",
            "Con",
            "Kettering",
            "Bristol North",
        ),
    ),
    PeopleCase(
        name="lords_hansard_question",
        text="""\
Children: Mental Health Support
Question

3.07 pm
Asked by Baroness Smith of Malvern
To ask His Majesty's Government what plans they have to expand mental health support
teams in schools.

The Parliamentary Under-Secretary of State, Department of Health and Social Care
(Baroness Merron) (Lab): My Lords, mental health support teams now cover over a third of
pupils in England, and we will extend them to every school.

Baroness Smith of Malvern (Lab): My Lords, I thank the Minister for that reply.

Lord Addington (LD): My Lords, what proportion of these teams include speech and
language therapists?

Baroness Merron (Lab): The noble Lord raises an important point.

The Lord Speaker (Lord McFall of Alcluith): My Lords, the time allowed for this
Question has elapsed.
""",
        expected=(
            Expected(("Smith", "Malvern")),
            Expected(("Merron",), ("Parliamentary Under-Secretary of State",)),
            Expected(("Addington",)),
            Expected(("McFall", "Alcluith"), ("Lord Speaker",)),
        ),
        forbidden=(
            "His Majesty's Government",
            "Department of Health",
            "Lab",
            "LD",
            "My Lords",
            "noble Lord",
        ),
        xfail=(
            "'Baroness Smith of Malvern' comes out as 'Baroness Smith' and 'Lord McFall of "
            "Alcluith' as 'Lord McFall' (territorial designation dropped); roles also carry the "
            "party tags 'Lab'/'LD'"
        ),
    ),
    PeopleCase(
        name="select_committee_oral_evidence",
        text="""\
Education Committee
Oral evidence: Children's social care, HC 512
Wednesday 8 May 2024

Members present: Robin Ashcroft (Chair); Apsana Dhillon; Nick Fairhurst; Kim Lomax;
Ian Tennant.

Questions 12-37

Witnesses
I: Professor Hannah Reid, Professor of Social Work, University of Leeds; Mark Devlin,
Chief Executive, Kinship Care Trust; and Dr Amira Hassan, Consultant Paediatrician.

Q12 Chair: Good morning and thank you for coming. Professor Reid, what does the
evidence tell us about the use of unregistered placements?

Professor Reid: The numbers have more than doubled in five years.

Q13 Kim Lomax: Mr Devlin, are kinship carers getting the support they need?

Mark Devlin: In short, no.
""",
        expected=(
            Expected(("Robin", "Ashcroft"), ("Chair",)),
            Expected(("Apsana", "Dhillon")),
            Expected(("Nick", "Fairhurst")),
            Expected(("Kim", "Lomax")),
            Expected(("Ian", "Tennant")),
            Expected(("Hannah", "Reid"), ("Professor of Social Work",)),
            Expected(("Mark", "Devlin"), ("Chief Executive",)),
            Expected(("Amira", "Hassan"), ("Consultant Paediatrician",)),
        ),
        forbidden=(
            "Education Committee",
            "University of Leeds",
            "Kinship Care Trust",
            "Q12",
            "Q13",
            "Witnesses",
        ),
    ),
    PeopleCase(
        name="icb_board_attendance_table",
        text="""\
NHS Northfield Integrated Care Board
Minutes of the Board meeting held in public on 27 September 2023

Members present:
| Name | Role |
| --- | --- |
| Sir Richard Hale | Chair |
| Dr Kate Sumner | Chief Executive |
| Alan Fenwick | Chief Finance Officer |
| Professor Nadia Bashir | Chief Medical Officer |
| Joanne Platt | Non-Executive Member |

In attendance:
| Name | Role |
| --- | --- |
| Lee Cartwright | Board Secretary |
| Cllr Yvonne Dale | Chair, Northfield Health and Wellbeing Board |

Apologies: Michael Storey, Chief People Officer

ICB/23/101 Chair's welcome
The Chair welcomed members and noted that the meeting was quorate.
""",
        expected=(
            Expected(("Richard", "Hale"), ("Chair",)),
            Expected(("Kate", "Sumner"), ("Chief Executive",)),
            Expected(("Alan", "Fenwick"), ("Chief Finance Officer",)),
            Expected(("Nadia", "Bashir"), ("Chief Medical Officer",)),
            Expected(("Joanne", "Platt"), ("Non-Executive Member",)),
            Expected(("Lee", "Cartwright"), ("Board Secretary",)),
            Expected(("Yvonne", "Dale"), ("Chair",)),
            Expected(("Michael", "Storey"), ("Chief People Officer",)),
        ),
        forbidden=("Integrated Care Board", "Health and Wellbeing Board", "Name", "Role"),
    ),
    PeopleCase(
        name="police_and_crime_panel_minutes",
        text="""\
WESTSHIRE POLICE AND CRIME PANEL
Minutes of the meeting held at Force Headquarters, Ridgeway, on 2 February 2024

PRESENT:
Councillor J Marsden (Chair) – Eastbury District Council
Councillor K Fellows – Westshire County Council
Mrs Anita Gould – Independent Co-opted Member

ALSO PRESENT:
Mr Paul Whitcombe – Police and Crime Commissioner
Chief Constable Sarah Ellwood
Supt. Neil Barker – Head of Neighbourhood Policing
DCI Laura Keane – Public Protection Unit
Ms Rita Shah – Chief Executive, Office of the Police and Crime Commissioner

18. PROPOSED POLICE PRECEPT 2024/25
The Commissioner presented his proposal. Chief Constable Ellwood outlined the
recruitment plan. In answer to Councillor Fellows, DCI Keane said that the Youth
Justice Board had funded two additional caseworkers.
""",
        expected=(
            Expected(("Marsden",), ("Chair",)),
            Expected(("Fellows",)),
            Expected(("Anita", "Gould"), ("Independent Co-opted Member",)),
            Expected(("Paul", "Whitcombe"), ("Police and Crime Commissioner",)),
            Expected(("Sarah", "Ellwood"), ("Chief Constable",)),
            Expected(("Neil", "Barker"), ("Head of Neighbourhood Policing",)),
            # Borderline: "Public Protection Unit" is her unit, read here as her post.
            Expected(("Laura", "Keane")),
            Expected(("Rita", "Shah"), ("Chief Executive",)),
        ),
        forbidden=(
            "Police and Crime Panel",
            "Force Headquarters",
            "Youth Justice Board",
            "Eastbury District Council",
            "Commissioner presented",
        ),
    ),
    PeopleCase(
        name="safeguarding_practice_review",
        text="""\
Northfield Safeguarding Children Partnership
Local Child Safeguarding Practice Review: Child Q

Independent reviewer: Dr Fiona MacLeod
Review panel chair: Detective Superintendent Gary Holt, Northfield Police

Foreword
I want to thank Child Q's family for speaking to the reviewer, and the practitioners
from Children's Services, the Youth Justice Board and the school who gave their time.
The partnership accepts every recommendation in this report.

Dame Susan Corby
Independent Scrutineer, Northfield Safeguarding Children Partnership

1. Introduction
1.1 Child Q was 15 when she was strip searched at school. Mother and Child Q were
offered an advocate. The review was commissioned by the safeguarding partners in
June 2022.
""",
        expected=(
            Expected(("Fiona", "MacLeod"), ("Independent reviewer",)),
            Expected(("Gary", "Holt"), ("Review panel chair",)),
            Expected(("Susan", "Corby"), ("Independent Scrutineer",)),
        ),
        forbidden=(
            "Child Q",
            "Children's Services",
            "Youth Justice Board",
            "Mother",
            "Safeguarding Children Partnership",
        ),
        xfail=(
            "'Role: Name' lines with a post in lower case ('Independent reviewer: Dr Fiona "
            "MacLeod', 'Review panel chair: …') give no post"
        ),
    ),
    PeopleCase(
        name="public_health_report_roles_before_names",
        text="""\
HEALTH AND WELLBEING BOARD – 12 OCTOBER 2023

7. ANNUAL REPORT OF THE DIRECTOR OF PUBLIC HEALTH
The Director of Public Health, Dr Sarah Khan, presented her annual report, which this
year focused on the health of young people. The Cabinet Member for Adult Social Care,
Councillor Mike Oduya, welcomed the report and thanked Public Health staff.

The Chair of Healthwatch Southmoor, Bernadette Quinn, asked how young carers had been
involved. The report's author, Senior Public Health Analyst Colin Marsh, explained that
forty young carers had taken part in workshops.

RESOLVED that the annual report be noted and that the Director of Public Health report
back in March.
""",
        expected=(
            Expected(("Sarah", "Khan"), ("Director of Public Health",)),
            Expected(("Mike", "Oduya"), ("Cabinet Member for Adult Social Care",)),
            Expected(("Bernadette", "Quinn"), ("Chair of Healthwatch",)),
            Expected(("Colin", "Marsh"), ("Senior Public Health Analyst",)),
        ),
        forbidden=("Public Health", "Wellbeing Board", "Healthwatch", "RESOLVED"),
        xfail=("'Senior Public Health Analyst Colin Marsh', a post run into the name, is missed"),
    ),
    PeopleCase(
        name="council_letter_signature_blocks",
        text="""\
Ashcombe Borough Council
Civic Offices, Station Road, Ashcombe

Dear Minister,

Re: Funding for temporary accommodation

We write jointly to ask the Government to raise the homelessness prevention grant for
2024/25. Our spending on temporary accommodation has trebled in three years, and we
would welcome a meeting with you or your officials.

Yours sincerely,

Cllr Lisa Brennan
Leader of the Council

John Whitfield
Chief Executive

cc: Kevin Oates MP
""",
        expected=(
            Expected(("Lisa", "Brennan"), ("Leader of the Council",)),
            Expected(("John", "Whitfield"), ("Chief Executive",)),
            # Borderline: "MP" is his office; the role is left unchecked.
            Expected(("Kevin", "Oates")),
        ),
        forbidden=(
            "Civic Offices",
            "Station Road",
            "Ashcombe Borough Council",
            "Yours sincerely",
            "Minister",
        ),
        xfail=("'cc: Kevin Oates MP' yields no person"),
    ),
    PeopleCase(
        name="scottish_council_sederunt_role_colon_name",
        text="""\
ABERLOCH COUNCIL
EDUCATION, CHILDREN AND FAMILIES COMMITTEE
Minute of Meeting held in the Council Chamber, Marischal House, on 5 September 2023

Sederunt:
Councillor Morag Fraser (Convener); and
Councillors Alasdair Bain, Heather Gillies, Ross MacKenzie and Shona Reid.

In attendance:
Chief Executive: Andrew Travers
Executive Director of Education: Catriona Munro
Chief Social Work Officer: Derek Sinclair
Committee Officer: Iona Black

Apologies for absence were intimated on behalf of Councillor Kenneth Lamb.

1. The Convener welcomed everyone to the meeting.
""",
        expected=(
            Expected(("Morag", "Fraser"), ("Convener",)),
            Expected(("Alasdair", "Bain")),
            Expected(("Heather", "Gillies")),
            Expected(("Ross", "MacKenzie")),
            Expected(("Shona", "Reid")),
            Expected(("Andrew", "Travers"), ("Chief Executive",)),
            Expected(("Catriona", "Munro"), ("Executive Director of Education",)),
            Expected(("Derek", "Sinclair"), ("Chief Social Work Officer",)),
            Expected(("Iona", "Black"), ("Committee Officer",)),
            Expected(("Kenneth", "Lamb")),
        ),
        forbidden=("Marischal House", "Council Chamber", "Aberloch Council", "Sederunt"),
    ),
    PeopleCase(
        name="ministerial_letter_rt_hon",
        text="""\
From the Rt Hon Laura Whitby MP
Secretary of State for Education
Sanctuary Buildings, 20 Great Smith Street, London SW1P 3BT

Councillor Tom Kerr
Leader, Eastmoor Metropolitan Borough Council

14 December 2023

Dear Tom,

Thank you for your letter of 20 November about the safety valve agreement. My officials
have met your Director of Children's Services, Ms Joanne Pike, and the Department will
write to her before the end of January with our decision.

Yours sincerely,

The Rt Hon Laura Whitby MP
""",
        expected=(
            Expected(("Laura", "Whitby"), ("Secretary of State for Education",)),
            Expected(("Tom", "Kerr"), ("Leader",)),
            Expected(("Joanne", "Pike"), ("Director of Children's Services",)),
        ),
        forbidden=(
            "Sanctuary Buildings",
            "Great Smith Street",
            "Eastmoor",
            "Children's Services",
            "Department",
        ),
        xfail=("the post on the line under 'From the Rt Hon Laura Whitby MP' is not her role"),
    ),
    PeopleCase(
        name="parish_council_minutes_honorifics",
        text="""\
LITTLE HADHAM PARISH COUNCIL
Minutes of the Parish Council meeting held in the Village Hall on Monday 6 March 2023

Present: Cllr Mrs J Hartley (Chairman), Cllr P Dunn (Vice-Chairman), Cllr Miss K Lowe,
Cllr G Fairbairn
In attendance: Mrs S Bell (Clerk and RFO), PCSO Dan Ridley, County Councillor Mr R Thorne
and 4 members of the public

23/031 Apologies: Cllr T Nash (work commitments)

23/032 Police report
PCSO Ridley reported two thefts from vans in Church Lane. The Chairman thanked him.

23/033 Highways
Mr Thorne said that the resurfacing of the B1004 was scheduled for the summer.
""",
        expected=(
            Expected(("Hartley",), ("Chairman",)),
            Expected(("Dunn",), ("Vice-Chairman",)),
            Expected(("Lowe",)),
            Expected(("Fairbairn",)),
            Expected(("Bell",), ("Clerk",)),
            Expected(("Dan", "Ridley"), ("PCSO|Police Community Support Officer",)),
            Expected(("Thorne",), ("County Councillor",)),
            Expected(("Nash",)),
        ),
        forbidden=("Village Hall", "Church Lane", "members of the public", "Parish Council"),
        xfail=(
            "'Cllr P Dunn (Vice-Chairman)' only ['Councillor']; 'County Councillor Mr R Thorne' "
            "only ['Councillor'], and that text is attached as a role of PCSO Dan Ridley"
        ),
    ),
    PeopleCase(
        name="health_and_wellbeing_board_name_comma_role",
        text="""\
SOUTHMOOR HEALTH AND WELLBEING BOARD
Minutes – 21 June 2023

Present:
Councillor Angela Tate, Cabinet Member for Public Health (Chair)
Dame Joan Fairley, Chair, Healthwatch Southmoor
Prof. Liam Doyle, Director of Public Health
Sir Peter Nolan, Independent Chair, Southmoor Safeguarding Adults Board
Baroness Okoro of Hartwell, Patron, Southmoor Carers Centre
Dr Gwen Ilsley, Clinical Director, Riverside Primary Care Network

1. Welcome and apologies
The Chair welcomed Baroness Okoro to her first meeting. Apologies were received from
Superintendent Clive Barr, Southmoor Police.
""",
        expected=(
            Expected(("Angela", "Tate"), ("Cabinet Member for Public Health",)),
            Expected(("Joan", "Fairley"), ("Chair",)),
            Expected(("Liam", "Doyle"), ("Director of Public Health",)),
            Expected(("Peter", "Nolan"), ("Independent Chair",)),
            Expected(("Okoro",), ("Patron",)),
            Expected(("Gwen", "Ilsley"), ("Clinical Director",)),
            Expected(("Clive", "Barr"), ("Superintendent",)),
        ),
        forbidden=(
            "Healthwatch",
            "Safeguarding Adults Board",
            "Carers Centre",
            "Primary Care Network",
            "Southmoor Police",
        ),
    ),
    PeopleCase(
        name="westminster_hall_debate",
        text="""\
Westminster Hall
Tuesday 16 January 2024
[Sir Roger Gale in the Chair]

Children's Hospices: Funding
9.30 am

Dr Ellen Marsh (Southport) (LD): I beg to move,
That this House has considered funding for children's hospices.
It is a pleasure to serve under your chairmanship, Sir Roger.

Sir Roger Gale (in the Chair): Order. I remind Members that there is a great deal of
interest in this debate.

Tom Galloway (Wigan West) (Lab): Will the hon. Member give way?

Dr Ellen Marsh: I will.

The Minister for Care (Andrew Stephens): I congratulate the hon. Member for Southport
(Dr Marsh) on securing this debate.
""",
        expected=(
            Expected(("Roger", "Gale"), ("Chair",)),
            Expected(("Ellen", "Marsh")),
            Expected(("Tom", "Galloway")),
            Expected(("Andrew", "Stephens"), ("Minister for Care",)),
        ),
        forbidden=("Westminster Hall", "Southport", "Wigan West", "This House", "Order"),
    ),
)


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_case_is_consistent(case: PeopleCase) -> None:
    """Every expected name word appears in the document, and no expected name is forbidden."""
    text = _plain(case.text)
    for expected in case.expected:
        for word in expected.name:
            assert _plain(word) in text, (case.name, word)
        name = " ".join(expected.name).lower()
        assert not any(_plain(f) == name for f in case.forbidden), (case.name, name)


def _params() -> list[object]:
    params: list[object] = []
    for case in CASES:
        marks = [pytest.mark.xfail(reason=case.xfail, strict=True)] if case.xfail else []
        params.append(pytest.param(case, id=case.name, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_people_read_as_a_reader_would(case: PeopleCase) -> None:
    people = _people(case.text)
    found = _describe(people)
    problems: list[str] = []
    for expected in case.expected:
        matches = [p for p in people if _fits(expected, p)]
        if not matches:
            problems.append(f"missed {' '.join(expected.name)}")
        elif expected.role and not any(_has_role(expected, p) for p in matches):
            roles = "; ".join(str(list(p.roles)) for p in matches)
            problems.append(f"{' '.join(expected.name)} role {roles}, want {expected.role}")
    for text in case.forbidden:
        bad = [p.label for p in people if _contains(p.label, text)]
        if bad:
            problems.append(f"forbidden {text!r} in {bad}")
    if len(people) > len(case.expected) + EXTRA_ALLOWED:
        problems.append(f"{len(people)} people for {len(case.expected)} expected")
    assert not problems, f"{problems}; found: {found}"
