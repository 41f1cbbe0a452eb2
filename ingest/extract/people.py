"""People named in scrutiny documents, with the roles the text gives them.

Recognised forms: a title before a name ("Assistant Director Jennifer Wynter",
"Cllr Soraya Adejare", "Det. Supt. Jo Smith", "Councillors Joseph, Rathbone and Conway"),
a role in brackets or after a comma ("Dominic Clout (Independent Scrutineer)", "Barbara
Peacock, Executive Director", "Nazir Afzal OBE, Chief Crown Prosecutor for the North
West"), a post before a name ("The Cabinet Member for Well Being, Councillor Mark Child",
"Lead Officer: Jo Bloggs", a post on the line before or after a name, a table row or
column), speaker headings of debates and transcripts ("The Secretary of State for
Children, Schools and Families (Ed Balls):", "Mr. Deputy Speaker (Sir Alan Haselhurst)",
"Tim Loughton (East Worthing and Shoreham) (Con):", "[Mr Clive Betts in the Chair]"),
contact blocks (the post written next to the contact's name or address, not the word
"Contact"), appointments and elections, the author or chair of a piece of work ("a review
by Graham Badman"), and names listed under or after an attendance heading.
A person known only by title and surname ("Councillor Sizer", "Miss Dines") joins the
one full name in the document with that surname, or takes the one forename the text
writes before that surname ("Sarah Dines"); otherwise the title stays in the label so
that two different Councillor Conways in two boroughs do not meet on one node. A work
named after a person ("the Badman Report") names nobody unless the text writes the
person's full name.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from scrutiny.ingest.extract.organisations import OrganisationGazetteer, find_organisations, slugify
from scrutiny.ingest.extract.records import Extraction, Link, LinkKind, Mention, Person
from scrutiny.ingest.extract.tables import TableCell, parse_table_rows
from scrutiny.ingest.records import Span

TITLED_CONFIDENCE = 0.9
ROLE_CONFIDENCE = 0.85
LISTED_CONFIDENCE = 0.8
SURNAME_ONLY_CONFIDENCE = 0.6

# Titles that are roles worth keeping, longest first so that "Assistant Director"
# wins over "Director"; the value is the role as recorded.
_ROLE_TITLES: dict[str, str] = {
    "Detective Chief Superintendent": "Detective Chief Superintendent",
    "Detective Superintendent": "Detective Superintendent",
    "Detective Chief Inspector": "Detective Chief Inspector",
    "Detective Inspector": "Detective Inspector",
    "Detective Sergeant": "Detective Sergeant",
    "Chief Superintendent": "Chief Superintendent",
    "Chief Inspector": "Chief Inspector",
    "Superintendent": "Superintendent",
    "Inspector": "Inspector",
    "Sergeant": "Sergeant",
    "Det Chief Supt": "Detective Chief Superintendent",
    "Det Chief Insp": "Detective Chief Inspector",
    "Det Supt": "Detective Superintendent",
    "Det Sup": "Detective Superintendent",
    "Det Insp": "Detective Inspector",
    "Det Sgt": "Detective Sergeant",
    "Det Con": "Detective Constable",
    "Chief Supt": "Chief Superintendent",
    "Ch Supt": "Chief Superintendent",
    "Supt": "Superintendent",
    "Insp": "Inspector",
    "Sgt": "Sergeant",
    "DCS": "Detective Chief Superintendent",
    "DCI": "Detective Chief Inspector",
    "DI": "Detective Inspector",
    "DS": "Detective Sergeant",
    "DC": "Detective Constable",
    "PC": "Police Constable",
    "PCSO": "Police Community Support Officer",
    "Assistant Chief Constable": "Assistant Chief Constable",
    "Deputy Chief Constable": "Deputy Chief Constable",
    "Chief Constable": "Chief Constable",
    "Detective Constable": "Detective Constable",
    "Police Constable": "Police Constable",
    "Borough Commander": "Borough Commander",
    "Commander": "Commander",
    "Assistant Director": "Assistant Director",
    "Group Director": "Group Director",
    "Executive Director": "Executive Director",
    "Strategic Director": "Strategic Director",
    "Corporate Director": "Corporate Director",
    "Service Director": "Service Director",
    "Director": "Director",
    "Deputy Mayor": "Deputy Mayor",
    "Mayor": "Mayor",
    "Councillor": "Councillor",
    "Cllr": "Councillor",
    "Co-opted Member": "Co-opted Member",
    "Headteacher": "Headteacher",
    "Head Teacher": "Headteacher",
    "Judge": "Judge",
    "Baroness": "Baroness",
    "Lord": "Lord",
    "Dame": "Dame",
    "Sir": "Sir",
    "Professor": "Professor",
    "Prof": "Professor",
    "Minister": "Minister",
    "Lord Provost": "Lord Provost",
    "Depute Provost": "Depute Provost",
    "Provost": "Provost",
    "Bailie": "Bailie",
}
# Honorifics introduce a name but are not roles.
_HONORIFICS = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Rt Hon", "Revd", "Rev", "Reverend")


def _title_pattern(title: str) -> str:
    """A title as written, a full stop allowed after each abbreviated word: "Det. Supt."."""
    return r"\.?[ \t]+".join(re.escape(word) for word in title.split())


def _title_role(title: str | None) -> str | None:
    """The role a title records ("Chief Supt." gives "Chief Superintendent"); honorifics
    record none."""
    if not title:
        return None
    return _ROLE_TITLES.get(" ".join(title.replace(".", " ").split()))


_NAME_TOKEN = r"(?:Mc|Mac|O['’])?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*"
_NAME = rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{0,2}}"
_FULL_NAME = rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,2}}"
_TITLE_ALTERNATION = "|".join(
    _title_pattern(title) for title in sorted([*_ROLE_TITLES, *_HONORIFICS], key=len, reverse=True)
)
# "Cllr M Beanland": an initial and a surname, only straight after a title.
_INITIAL_NAME = rf"[A-Z]\.?[ \t]+{_NAME_TOKEN}(?![\w-])"
# "Cllr Mrs Ann Cains", "Chief Inspector Sir Michael Wilshaw": an honorific or a knighthood
# after a title is not part of the name.
_HONORIFIC_AFTER_TITLE = (
    rf"(?:(?:{'|'.join(map(_title_pattern, (*_HONORIFICS, 'Sir', 'Dame', 'Professor', 'Prof')))})"
    r"\.?[ \t]+)?"
)
# A space lost before a title in a converted document is still a word break
# ("In response toCouncillor Bateman").
_TITLED_RE = re.compile(
    rf"(?:\b|(?<=[a-z])(?=Councillor|Cllr))(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+"
    rf"{_HONORIFIC_AFTER_TITLE}"
    rf"(?P<name>{_INITIAL_NAME}|{_NAME})"
)
_LISTED_NAME = rf"(?:{_INITIAL_NAME}|{_NAME})"
_PLURAL_COUNCILLORS_RE = re.compile(
    rf"\b(?P<plural>Councillors|[Cc]o-opted[ \t]+[Mm]embers)[ \t]+"
    rf"(?P<names>{_LISTED_NAME}(?:[ \t]*\([^()\n]{{1,60}}\))?"
    rf"(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_LISTED_NAME}(?:[ \t]*\([^()\n]{{1,60}}\))?)*)"
)
# A speaker's label at the start of a transcript turn: "Tim Loughton (East Worthing and
# Shoreham) (Con):" and "The Minister for Children, Young People and Families (Beverley
# Hughes):"; and the same forms in running text ("the Member for Surrey Heath (Michael Gove)").
# Letters after a name, between it and its post: "Anne Longfield CBE, Children's Commissioner".
_POST_NOMINALS = (
    r"(?:,?[ \t]+(?:MP|MSP|MS|AM|QC|KC|OBE|CBE|MBE|DBE|KBE|CB|BEM|QPM|JP|DL|FRS|PhD|MBA)\b)*"
)
_PARTY = r"(?:Lab|Con|LD|Lib[ \t]Dem|SNP|DUP|PC|Green|Ind|CB|Lab/Co-op|UUP|SDLP|Alliance|Reform)"
_SPEAKER_PARTY_RE = re.compile(
    rf"^[ \t]*(?:\d{{1,3}}\.[ \t]+)?(?:(?:{_TITLE_ALTERNATION})\.?[ \t]+)?"
    rf"(?P<name>{_FULL_NAME})[ \t]*"
    rf"\((?P<seat>[^()\n]{{2,80}}(?:\n[^()\n]{{1,60}})?)\)[ \t]*\((?P<party>{_PARTY})\)",
    re.MULTILINE,
)
# The name in brackets may carry a title ("Mr. Deputy Speaker (Sir Alan Haselhurst)", "the
# Member for Sheffield, Hallam (Mr. Clegg)", "(Lord Hill of Oareford)"), and a post wrapped
# over two lines of a printed debate runs on across the line break.
_ROLE_THEN_NAME_RE = re.compile(
    rf"(?:^|(?<=[\s(]))(?:[Tt]he[ \t]+)?(?P<role>(?:(?:Prime|Economic|Financial|Exchequer|Chief|"
    rf"Second|Lord|Cabinet|[Ss]hadow|First|Deputy)[ \t]+)?(?:Minister|Secretary|Parliamentary|"
    rf"Under-Secretary|Member|Chair|Chairman|Speaker|Deputy|Leader|Solicitor|Attorney|Advocate|"
    rf"Paymaster|Chancellor|Lord|Baroness|Presiding[ \t]+Officer|Llywydd)"
    rf"(?:[^()\n:.\[\]]|\.(?!\s)|\n(?![ \t]*\n)){{0,100}}?)[ \t]*"
    rf"\((?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_NAME_TOKEN}(?:(?:[ \t]+|[ \t]*\n[ \t]*){_NAME_TOKEN}){{0,2}})"
    rf"(?:[ \t]+of[ \t]+{_NAME_TOKEN}(?:[ \t]+(?:upon[ \t]+)?{_NAME_TOKEN})?)?{_POST_NOMINALS}\)",
    re.MULTILINE,
)
# "[Mr Clive Betts in the Chair]": who presides, named in a procedural line.
_IN_THE_CHAIR_RE = re.compile(
    rf"\[(?:[^\[\]()\n]{{0,40}}\()?(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+"
    rf"{_HONORIFIC_AFTER_TITLE})?(?P<name>{_FULL_NAME})\)?[ \t]+in[ \t]+the[ \t]+Chair\]"
)
# A role before a name: "Children's Minister Edward Timpson", "Chief Executive Jo Bloggs".
_ROLE_BEFORE_NAME_RE = re.compile(
    rf"(?P<role>(?:[A-Z][\w’'-]*[ \t]+){{0,3}}(?:Minister|Secretary|Chairman|Chairwoman|"
    rf"Commissioner|Chief[ \t]Executive|Adviser|Advisor|Prosecutor|Leader|Speaker|Officer|"
    rf"Manager))[ \t]+{_HONORIFIC_AFTER_TITLE}(?P<name>{_FULL_NAME})"
)
# "The Cabinet Member for Well Being, Councillor Mark Child,": a post, then the name.
# ... also with a list in its remit ("Her Majesty's Chief Inspector of Education, Children's
# Services and Skills, Amanda Spielman"), and opening a line or an entry when a title comes
# before the name ("Cabinet Member for Children, Cllr Jo Bloggs").
_APPOSITIVE_ROLE_RE = re.compile(
    rf"(?:(?P<the>\b(?:[Tt]he|[Yy]our|[Oo]ur|[Hh]is|[Hh]er|[A-Z][\w&-]*['’]s)[ \t]+)|^[ \t]*|"
    rf"(?<=[:;])[ \t]*)"
    rf"(?P<role>(?:(?!The[ \t])[A-Z][\w’'-]*(?<!['’]s)[ \t]+){{0,3}}(?:Member|"
    rf"Minister|Director|Chair|Chairman|Chairwoman|Leader|Officer|Manager|Commissioner|"
    rf"Secretary|Mayor|Executive|Inspector|Adviser|Advisor|Lead|Head|Speaker|President|"
    rf"Chancellor|Prosecutor|Constable|Superintendent|Coroner|Judge|Scrutineer|Convenor|"
    rf"Headteacher|Principal|Clerk|Holder|Spokesperson|Reviewer|Ombudsman)"
    rf"(?:[ \t]+(?:for|of)[ \t]+[^,\n]{{2,60}}"
    rf"(?:,[ \t]+(?:[A-Z][\w’'&-]*[ \t]+){{1,4}}and[ \t]+[A-Z][\w’'&-]*"
    rf"(?:[ \t]+[A-Z][\w’'&-]*){{0,2}})?)?),[ \t]*\n?[ \t]*"
    rf"(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_FULL_NAME})(?![\w-])",
    re.MULTILINE,
)
# A body's post in lower case: "The Inquiry's chair, Baroness Heather Hallett," is the
# Chair of the Inquiry.
_POSSESSIVE_POST_RE = re.compile(
    rf"\b(?:[Tt]he[ \t]+)?(?P<body>(?:[A-Z][\w&-]*[ \t]+){{0,3}}[A-Z][\w&-]*)['’]s[ \t]*\n?[ \t]*"
    rf"(?P<post>chair|chairman|chairwoman|chief[ \t]+executive|director|president|leader|"
    rf"head|lead[ \t]+reviewer|independent[ \t]+chair|clerk)[ \t]*,[ \t]+"
    rf"(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_FULL_NAME})(?![\w-])"
)
# "Contact: Jo Bloggs", "Lead Officer: Jo Bloggs".
# The end of a post used as a label: "Lead Officer: Jo Bloggs", "| Lead Member | Cllr X |".
_LABEL_ROLE_END = (
    r"(?:Officer|Manager|Director|Chair|Chairman|Chairwoman|Clerk|Lead|Adviser|Advisor|Member|"
    r"Executive|Head|Leader|Commissioner|Holder|Scrutineer|Convenor|Mayor|Inspector|"
    r"Superintendent|Secretary|Minister|Co-?ordinator|Consultant|Headteacher|Principal|"
    r"Spokesperson)"
)
# A contact's label: the post is the one written next to the name, if any.
_CONTACT_LABEL = (
    r"(?:Officer[ \t]+)?Contact(?:[ \t]+(?:[Oo]fficers?|[Pp]oints?|[Dd]etails|[Nn]ame|[Pp]erson|"
    r"for[ \t]+(?:enquiries|further[ \t]+information)))?|(?:Report[ \t]+)?[Aa]uthors?"
)
# "Contact: Jo Bloggs", "Lead Officer: Jo Bloggs", "Report authorised by: Director of Law:
# Jo Bloggs", and the same as the two cells of a table row or with a tab between.
_LABEL_THEN_NAME_RE = re.compile(
    rf"^[ \t|]*(?:[A-Z][^:|\t\n]{{0,40}}:[ \t]*)?(?P<role>{_CONTACT_LABEL}|Clerk|Speaker|"
    rf"(?:[A-Z][\w’'&-]*?(?:[ \t]+|-)){{0,4}}{_LABEL_ROLE_END}"
    rf"(?:[ \t]+(?:of|for|to)[ \t]+[^:|\t\n()]{{2,60}})?)"
    rf"(?:\(s\))?[ \t]*[:|\t][ \t|]*(?P<next_line>\n[ \t|]*)?(?:[Tt]he[ \t]+)?"
    rf"(?:(?:{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    # an initial and a surname only straight after a title ("Headteacher: Mrs A. Khan")
    rf"(?P<name>{_FULL_NAME}|(?<=[a-z.][ \t]){_INITIAL_NAME})(?![\w-])",
    re.MULTILINE,
)
_CONTACT_LABEL_RE = re.compile(_CONTACT_LABEL)
# A contact given by an address of the form forename.surname@...: "Contact Details
# Suzanne.Elwick@walthamforest.gov.uk , Head of Strategic Partnerships".
_CONTACT_EMAIL_RE = re.compile(
    rf"^[ \t|]*(?:{_CONTACT_LABEL})(?:\(s\))?[ \t]*[:|\t][ \t|]*(?:[^@\n]{{0,60}}?[ \t(<])?"
    r"(?P<local>(?P<first>[A-Za-z]{2,})[._](?P<last>[A-Za-z]{2,}(?:-[A-Za-z]{2,})?))"
    r"@[\w.-]+\.[a-z]{2,}[ \t>)]*(?P<after>[^\n]{0,120})",
    re.MULTILINE,
)
# Mailboxes that are no person's: "democratic.services@", "public.correspondence@".
_MAILBOX_WORDS = frozenset(
    [
        "public",
        "correspondence",
        "enquiries",
        "enquiry",
        "info",
        "information",
        "admin",
        "contact",
        "customer",
        "support",
        "press",
        "media",
        "mail",
        "web",
        "foi",
        "complaints",
        "help",
        "democracy",
        "democratic",
        "committee",
        "committees",
        "governance",
        "member",
        "members",
        "clerk",
        "clerks",
        "general",
        "direct",
    ]
)
# The post written next to a contact's name: after a comma, a dash or a bracket, or on
# the next line.
_POST_AFTER_NAME_RE = re.compile(
    rf"{_POST_NOMINALS}[ \t]*(?:,|[–—-]|\(|[ \t]*\n)[ \t]*"
    r"(?P<post>[^,()\n]{3,100}?)"
    r"(?=[,()\n]|\.(?:\s|$)|$|[ \t]+(?:Tel|Telephone|Phone|Email|E-mail)\b)"
)
# A contact block of fields: "Name: Jo Bloggs" and, within a line or two, "Post title: ...".
_NAME_FIELD_RE = re.compile(
    rf"^[ \t|]*(?:Contact[ \t]+|Officer[ \t]+)?[Nn]ame[ \t]*[:|\t][ \t|]*"
    rf"(?:(?:{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_FULL_NAME})[ \t|]*\n"
    r"(?:[^\n]*\n)?[ \t|]*(?:(?:Post|Job)[ \t]+[Tt]itle|Position|Designation|Role|Post|Job)"
    r"[ \t]*[:|\t][ \t|]*(?P<role>[A-Z][^\n|]{2,100})",
    re.MULTILINE,
)
# "Councillor H Smith, Chair of ...": a titled initial and surname also take a post.
_TITLED_INITIAL_NAME = rf"(?:{_TITLE_ALTERNATION})\.?[ \t]+{_INITIAL_NAME}"
# A name with its title, if any, read from the title ("Rt Hon Ed Balls", not "Hon Ed Balls").
_NAME_WITH_TITLE = (
    rf"{_TITLED_INITIAL_NAME}|(?:(?:{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"{_FULL_NAME}"
)
_BRACKETED_ROLE_RE = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WITH_TITLE}){_POST_NOMINALS}[ \t]*"
    rf"\((?P<role>[^()\n]{{2,160}})\)"
)
_COMMA_ROLE_RE = re.compile(
    rf"(?<![\w-])(?P<name>{_NAME_WITH_TITLE}){_POST_NOMINALS},(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?:(?:the|our)[ \t]+)?"
    rf"(?P<role>[^,;.\n|\t]{{3,120}})"
    r"(?P<more>(?:,[ \t]+[A-Z][^,;.\n()]{2,80})*)"
)
# "Tom Green – Democratic Services Officer" as an entry of a list (a line, or after ";"
# or ":"): a name, a spaced dash, a post.
_DASH_ROLE_RE = re.compile(
    rf"(?:^|(?<=[;:,]))[ \t]*(?:[-•·*][ \t]*)?(?P<name>{_NAME_WITH_TITLE})[ \t]+[–—-][ \t]+"
    r"(?:(?:the|our)[ \t]+)?(?P<role>[^,;.\n()|\t]{3,120})",
    re.MULTILINE,
)
# A name and then its post with no punctuation between, the whole line: "Tim Loughton
# Shadow Minister (Children)", "Jane Smith Head of Children's Services".
_ROLE_OPENING = (
    r"(?:Shadow|Minister|Parliamentary|Under-Secretary|Secretary|Chair|Chairman|Chairwoman|"
    r"Vice-Chair|Chief|Director|Head|Leader|Deputy|Assistant|Executive|Cabinet|Lead|"
    r"Interim|Acting|Senior|Principal|Independent|Strategic|Corporate|Service|Portfolio|"
    r"Programme|Team|Service|Safeguarding|Designated|Statutory|Scrutiny|Democratic|"
    r"Policy|Commissioner|Solicitor|Attorney|Permanent|Detective|Superintendent|Inspector|"
    r"Overview)"
)
# A contact's telephone and address after the post, to the end of the line.
_CONTACT_FIELDS = r"(?:[ \t.,]+(?:Tel|Telephone|Phone|Mobile|Email|E-mail)\b[^\n]*)?"
_NAME_THEN_POST_RE = re.compile(
    rf"^[ \t]*(?:[-•·*–][ \t]*)?(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+)?"
    rf"(?P<name>{_NAME_TOKEN}[ \t]+{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})??)[ \t]+"
    rf"(?P<role>{_ROLE_OPENING}\b[^\n:;]{{0,100}}?)[ \t]*:?[ \t]*{_CONTACT_FIELDS}$",
    re.MULTILINE,
)
_ATTENDANCE_HEADING_RE = re.compile(
    r"^[ \t]*(?:Attendees|Attendance(?: Details)?|Present|Also present|In attendance|"
    r"Members present|Officers present|Officers in attendance|Apologies(?: for absence)?)"
    r"[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_LIST_ITEM_RE = re.compile(r"^[ \t]*(?:[-•·*–][ \t]*)?(?P<item>[^\n]+)$")

# Words that are never part of a person's name; a candidate name is cut at the first.
_NOT_NAME_WORDS = frozenset(
    [
        "my",
        "action",
        "by",
        "the",
        "and",
        "of",
        "for",
        "in",
        "on",
        "at",
        "to",
        "a",
        "an",
        "i",
        "we",
        "you",
        "he",
        "she",
        "they",
        "it",
        "this",
        "that",
        "these",
        "those",
        "there",
        "thank",
        "thanks",
        "yes",
        "no",
        "so",
        "okay",
        "ok",
        "can",
        "could",
        "would",
        "should",
        "will",
        "just",
        "also",
        "well",
        "right",
        "but",
        "chair",
        "chairman",
        "vice",
        "mayor",
        "director",
        "council",
        "councils",
        "committee",
        "scrutiny",
        "commission",
        "board",
        "police",
        "service",
        "services",
        "team",
        "panel",
        "partnership",
        "department",
        "directorate",
        "unit",
        "office",
        "children",
        "child",
        "childrens",
        "families",
        "family",
        "learning",
        "education",
        "social",
        "care",
        "health",
        "safeguarding",
        "report",
        "item",
        "minutes",
        "agenda",
        "meeting",
        "members",
        "member",
        "officer",
        "officers",
        "cabinet",
        "executive",
        "strategic",
        "assistant",
        "group",
        "deputy",
        "head",
        "independent",
        "lead",
        "portfolio",
        "borough",
        "london",
        "county",
        "city",
        "district",
        "sub",
        "review",
        "role",
        "report",
        "inquiry",
        "strategy",
        "plan",
        "help",
        "early",
        "years",
        "people",
        "service's",
        "centre",
        "national",
        "unit",
        "hub",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        # posts and bodies that follow a title or close a run of capitals ("Mr Speaker",
        # "UK Health Security Agency", "the Scottish Government")
        "speaker",
        "secretary",
        "minister",
        "president",
        "chancellor",
        "prime",
        "crown",
        "madam",
        "hon",
        "government",
        "association",
        "agency",
        "security",
        "general",
        "generals",
        "authority",
        "trust",
        "foundation",
        "society",
        "institute",
        "college",
        "university",
        "school",
        "academy",
        # honorifics: a second one is no name ("Reverend Dr. Earl Preston")
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "from",
        "pro",
        "acting",
        "interim",
        "directors",
        "managers",
        "commissioners",
        "inspectors",
        # the services a heading or a post names ("Youth Offending", "Quality Assurance")
        "youth",
        "offending",
        "justice",
        "crime",
        "policing",
        "housing",
        "adult",
        "adults",
        "community",
        "communities",
        "public",
        "quality",
        "assurance",
        "performance",
        "finance",
        "financial",
        "corporate",
        "parenting",
        "exploitation",
        "protection",
        "welfare",
        "wellbeing",
        "prevention",
        "inclusion",
        "exclusion",
        "exclusions",
        "attendance",
        "standards",
        "improvement",
        "development",
        "commissioning",
        "schools",
        "pupils",
        "special",
        "mental",
        "emergency",
        "resilience",
        "operations",
        "transformation",
        "governance",
        "legal",
        "democratic",
        "policy",
        "practice",
        "audit",
        "resources",
        "revenues",
        "benefits",
        "digital",
        "planning",
        "regeneration",
        # a report's headings ("Key Findings")
        "findings",
        "summary",
        "introduction",
        "background",
        "conclusion",
        "conclusions",
        "recommendation",
        "recommendations",
        "appendix",
        "contents",
        "purpose",
        "points",
        "details",
        # streets ("Puritas Avenue")
        "avenue",
        "street",
        "road",
        # a letter's closing
        "yours",
        "sincerely",
        "faithfully",
        "regards",
        "dear",
        # a contact line's labels ("Alex Reed Tel: 01234 567890")
        "tel",
        "telephone",
        "phone",
        "mobile",
        "email",
        "e-mail",
        "fax",
        "ext",
        "website",
    ]
)
_ROLE_WORDS = frozenset(
    [
        "director",
        "chair",
        "chairman",
        "chairperson",
        "manager",
        "member",
        "officer",
        "commander",
        "superintendent",
        "inspector",
        "sergeant",
        "constable",
        "councillor",
        "mayor",
        "executive",
        "lead",
        "head",
        "scrutineer",
        "convener",
        "representative",
        "patron",
        "convenor",
        "commissioner",
        "advisor",
        "adviser",
        "coordinator",
        "co-ordinator",
        "consultant",
        "nurse",
        "doctor",
        "headteacher",
        "teacher",
        "governor",
        "principal",
        "clerk",
        "secretary",
        "minister",
        "representative",
        "practitioner",
        "worker",
        "partner",
        "prosecutor",
        "president",
        "holder",
        "spokesperson",
        "speaker",
        "leader",
        "trustee",
        "solicitor",
        "barrister",
        "judge",
        "coroner",
        "magistrate",
        "ombudsman",
        "registrar",
        "auditor",
        "investigator",
        "reviewer",
        "chancellor",
        "attorney",
        "professor",
        "lecturer",
        "researcher",
        "psychologist",
        "psychiatrist",
        "paediatrician",
        "therapist",
        "midwife",
        "chairwoman",
        "vice-chair",
        "convener",
        "scrutineer",
        "supervisor",
        "planner",
    ]
)
_ROLE_ENDS_BEFORE_NEXT_PERSON_RE = re.compile(rf"\s+and\s+(?=(?:{_TITLE_ALTERNATION})\b)")
_LEADING_ROLE_NOISE_RE = re.compile(
    r"^(?:(?:the|our|currently|now|former|formerly|previously|acting\s+as)\s+)*"
    r"(?:council['’]s\s+)?",
    re.IGNORECASE,
)
# Where a sentence goes on after a post: "Sally Nash, Service Manager (Youth Justice)
# introduced the report", "..., Chair of the Committee who presented the findings".
_ROLE_STOP_RE = re.compile(
    r"\s+(?:and\s+|then\s+)?(?:(?:who|which|whose)\b|(?:introduced|presented|explained|confirmed|said|"
    r"says|stated|noted|reported|advised|informed|added|asked|replied|responded|highlighted|"
    r"outlined|gave|provided|spoke|welcomed|thanked|agreed|commented|summarised|answered|"
    r"attended|joined|led|chaired|opened|updated|took|told|felt|believed|expressed|referred|"
    r"suggested|raised|acknowledged|emphasised|stressed|assured|reassured|tabled|was|were|is|"
    r"are|has|had|have|will|would|could|should|may|might|can|does|did)\b|"
    r"(?!(?:looked|designated|based|related|qualified|registered|named|retired|appointed|"
    r"elected|seconded|co-opted)\b)[a-z]{3,}ed\b)"
)


# A table of contents' or a price list's leader dots: "Operator ..........".
_DOT_LEADER_RE = re.compile(r"\.{3,}|(?:\.[ \t]){3,}")
# A post that ends in a name is another person's post: "Council President Kevin J".
_POST_THEN_NAME_RE = re.compile(
    r"\b(?:President|Director|Chair|Chairman|Leader|Mayor|Member|Secretary|Minister|Officer|"
    r"Manager|Executive|Commissioner)[ \t]+(?!(?:of|for|and|to|on|in)\b)"
    r"[A-Z][a-z]+(?:[ \t]+[A-Z](?:[a-z]+|\.)?)?$"
)
# A post that a line may hold alone: a post word last, or before its "of ..." or "(...)":
# "Chief Executive", "Director of Children's Services", not "Executive Branch".
_WHOLE_POST_RE = re.compile(
    rf"\b(?:{'|'.join(sorted(_ROLE_WORDS, key=len, reverse=True))})"
    r"(?:[ \t]*\([^()]*\))?(?:[ \t,]+(?:of|for|to|on|in|at)[ \t]+(?:the[ \t]+)?[A-Z][\w’'&-]*"
    r"(?:[ \t]+(?:and|&|of|for|the|[A-Z][\w’'&-]*))*)?$",
    re.IGNORECASE,
)


def _trim_role(raw: str) -> str:
    """``raw`` up to where the sentence goes on after the post."""
    return _ROLE_STOP_RE.split(raw, maxsplit=1)[0]


@dataclass
class _PersonDraft:
    name: str  # name without title
    title_role: str | None
    confidence: float
    spans: list[tuple[Span, str]] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    role_texts: list[str] = field(default_factory=list)

    @property
    def single_token(self) -> bool:
        return len(self.name.split()) == 1


@dataclass(frozen=True)
class _Sighting:
    span: Span  # the whole mention, title included
    name: str
    title_role: str | None
    role: str | None
    confidence: float
    context: str | None = None  # text next to the name that may name an organisation


@lru_cache(maxsize=1)
def _default_gazetteer() -> OrganisationGazetteer:
    return OrganisationGazetteer.from_csv()


def _clean_name(raw: str, titled: bool = False) -> str:
    """``raw`` up to its first word that is no name's. After a title a lone capital opening
    the name is an initial ("Councillor A Smith"), not the article."""
    kept = []
    for index, token in enumerate(raw.split()):
        initial = titled and index == 0 and re.fullmatch(r"[A-Z]\.?", token) is not None
        if not initial and token.lower().strip("’'") in _NOT_NAME_WORDS:
            break
        kept.append(token)
    return " ".join(kept)


# After a post and a comma, a segment that goes on naming it: the body it serves
# ("Independent Chair, Croydon Safeguarding Children Board") or the rest of a list of
# what it is for ("Cabinet Member for Children, Young People and Learning").
_BODY_SEGMENT = re.compile(
    r"^(?:[A-Z][\w'’&-]*\s+(?:(?:and|of|for|&|the|in)\s+)*){0,8}"
    r"(?:Boards?|Commission|Committee|Council|Partnership|Services?|Team|Trust|Department|"
    r"Directorate|Police|Panel|Group|Forum|Office|Authority|Agency|Unit)$"
)
_LIST_SEGMENT = re.compile(
    r"^(?:[A-Z][\w'’-]*\s+){0,3}(?:and|&)\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?$"
)
_OPEN_PURPOSE = re.compile(r"\b(?:for|of)\s+(?:[A-Z][\w'’-]*\s*){1,3}$")
# A portfolio named after the post without "for": "Lead Member Children's Safeguarding,
# Early Help and Social Care".
_PORTFOLIO_POST = re.compile(
    r"\b(?:(?:Lead|Cabinet|Executive)\s+Member|Portfolio\s+Holder|Spokesperson)\b"
)


def _clean_role(raw: str) -> str | None:
    """The first comma- or dash-separated segment of ``raw`` that names a post, with the
    comma segments after it that go on naming it."""
    parts = re.split(r"(,|\s[-–]\s|/)", raw)
    for index in range(0, len(parts), 2):
        role = _LEADING_ROLE_NOISE_RE.sub("", " ".join(parts[index].split())).strip(" -–")
        role = _trim_role(role)
        if re.fullmatch(r"in\s+the\s+[Cc]hair", role):
            return "Chair"  # "Robert Halfon, in the Chair"
        if role.count("(") != role.count(")"):
            role = role.strip("()")
        role = _ROLE_ENDS_BEFORE_NEXT_PERSON_RE.split(role)[0]
        if not role[:1].isupper() or _is_titled_person(role) or _DOT_LEADER_RE.search(role):
            continue  # "J Hamilton (Councillor Dr Sexton - substitute)": no post
        if _POST_THEN_NAME_RE.search(role):
            continue  # "Council President Kevin J": the next person's post and name
        if role in _ROLE_TITLES:
            return _ROLE_TITLES[role]
        words = {
            part for word in role.split() for part in word.lower().strip("(),").split("-")
        }  # "Vice-Chairman" is a post of the word "chairman"
        if words & _ROLE_WORDS:
            following = index + 2
            while following < len(parts) and parts[following - 1] == ",":
                segment = " ".join(parts[following].split())
                if not (
                    _BODY_SEGMENT.match(segment)
                    or (
                        (_OPEN_PURPOSE.search(role) or _PORTFOLIO_POST.search(role))
                        and _LIST_SEGMENT.match(segment)
                    )
                ):
                    break
                role = f"{role}, {segment}"
                following += 2
            return role
    return None


def _is_titled_person(text: str) -> bool:
    """Whether ``text`` is a title and a name ("Councillor Dr Sexton"), not a post."""
    match = _TITLED_RE.fullmatch(text)
    return match is not None and bool(_titled_name(match["name"]))


def _continues_capitalised_run(text: str, start: int) -> bool:
    return re.search(r"[A-Z][\w’'-]*[ \t]+$", text[max(0, start - 40) : start]) is not None


def _split_title(name: str) -> tuple[str | None, str]:
    """("Cllr", "Soraya Adejare") from "Cllr Soraya Adejare"."""
    match = re.match(
        rf"(?:(?P<title>{_TITLE_ALTERNATION}|Councillors)(?:\.?[ \t]+{_HONORIFIC_AFTER_TITLE}|$))?"
        r"(?P<rest>.*)$",
        name,
    )
    assert match is not None
    return match["title"], match["rest"]


# Surnames that are also words _NOT_NAME_WORDS stops at ("Councillor Mark Child").
_WORD_SURNAMES = frozenset(["child", "young", "hall", "head", "care", "early", "may", "family"])


def _titled_name(raw: str) -> str:
    """The name after a title: cut at the first word that is no name, except a surname
    such as Child or Young straight after a forename."""
    name = _clean_name(raw)
    tokens, kept = raw.split(), name.split()
    if len(kept) == 1 and len(tokens) > 1 and tokens[1].lower() in _WORD_SURNAMES:
        return f"{kept[0]} {tokens[1]}"
    return name


def _titled(text: str) -> Iterator[_Sighting]:
    for match in _TITLED_RE.finditer(text):
        name = _titled_name(match["name"])
        if not name:
            continue
        end = match.start("name") + len(name)
        if " " not in name and re.match(r"[ \t]+[A-Z]\.", text[end : end + 4]):
            continue  # "Rev. Gregory E. Jordan": a forename, not a surname
        if " " not in name and match["title"].startswith("Rev"):
            continue  # "Reverend Ralph" (a forename; the surname is on the next line)
        if " " not in name and match["title"].isupper():
            continue  # "PC Smith" may be a constable, "DI Rentals" is a firm: a full name only
        title = match["title"]
        end = match.start("name") + len(name)
        yield _Sighting(Span(match.start(), end), name, _title_role(title), None, TITLED_CONFIDENCE)


def _plural_councillors(text: str) -> Iterator[_Sighting]:
    for match in _PLURAL_COUNCILLORS_RE.finditer(text):
        offset = match.start("names")
        councillors = match["plural"] == "Councillors"
        for part in re.finditer(
            rf"(?P<name>{_LISTED_NAME})(?:[ \t]*\((?P<role>[^()\n]+)\))?", match["names"]
        ):
            name = _clean_name(part["name"])
            if not name or (not councillors and len(name.split()) < 2):
                continue
            start = offset + part.start("name")
            role = _clean_role(part["role"]) if part["role"] else None
            title_role = "Councillor" if councillors else "Co-opted Member"
            yield _Sighting(
                Span(start, start + len(name)), name, title_role, role, TITLED_CONFIDENCE
            )


_SPACED_DASH = re.compile(r"[ \t][–—-][ \t]")
_DASH_REACH = 80  # characters from a list entry's start to its dash


def _dash_roles(text: str) -> Iterator[re.Match[str]]:
    """_DASH_ROLE_RE's matches, tried only at the start of an entry that has a spaced dash
    (trying the pattern at every position of a long document is slow)."""
    tried: set[int] = set()
    for dash in _SPACED_DASH.finditer(text):
        position = dash.start()
        start = max(text.rfind(mark, max(0, position - _DASH_REACH), position) for mark in "\n;:,")
        if start < 0:
            if position > _DASH_REACH:
                continue
            start = -1
        if start + 1 in tried:
            continue
        tried.add(start + 1)
        match = _DASH_ROLE_RE.match(text, start + 1)
        if match is not None:
            yield match


def _with_roles(text: str) -> Iterator[_Sighting]:
    for pattern in (_BRACKETED_ROLE_RE, _COMMA_ROLE_RE, _DASH_ROLE_RE):
        matches = _dash_roles(text) if pattern is _DASH_ROLE_RE else pattern.finditer(text)
        for match in matches:
            title, untitled = _split_title(match["name"])
            name = _clean_name(untitled)
            if name != untitled or not name or (len(name.split()) < 2 and title is None):
                continue  # a surname alone only after a title: "Mr Smith, the Director"
            if title is None and _continues_capitalised_run(text, match.start("name")):
                continue  # "National County Lines Coordination Centre" is not a person
            if {word.lower() for word in name.split()} & _ROLE_WORDS:
                continue  # "Urban Planner, Professor at ...": a post, not a name
            role_text = match["role"] + (match.groupdict().get("more") or "")
            # "Chanel Paul, Councillor Sizer": a list of people, the next one no post.
            listed = bool(_TITLED_RE.match(_LEADING_ROLE_NOISE_RE.sub("", role_text.strip())))
            role = None if listed else _clean_role(role_text)
            has_organisation = bool(find_organisations(role_text, _default_gazetteer()).entities)
            if listed and len(name.split()) < 2:
                continue
            if (
                role is None
                and not listed
                and not (has_organisation and pattern is _BRACKETED_ROLE_RE)
            ):
                continue  # after a comma only a post makes the pair a person and role
            start = match.start("name") + len(match["name"]) - len(name)
            title_role = _title_role(title) if title != "Councillors" else None
            if title == "Councillors":
                title_role = "Councillor"
            yield _Sighting(
                Span(start, start + len(name)), name, title_role, role, ROLE_CONFIDENCE, role_text
            )


_NAME_COLUMN = re.compile(
    r"^(?:(?:full\s+)?name|member|members|attendee|officer|witness|contact|councillor)s?$", re.I
)
_ROLE_COLUMN = re.compile(
    r"^(?:role|roles|position|post|title|job\s+title|designation|responsibility|portfolio)$",
    re.I,
)
_BODY_COLUMN = re.compile(r"^(?:organisation|organization|agency|service|body|representing)$", re.I)
_TABLE_NAME_RE = re.compile(
    rf"^(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+)?(?P<name>{_FULL_NAME})$"
)


def _table_people(text: str) -> Iterator[_Sighting]:
    """People listed in a table with a name column and a role (or organisation) column."""
    if "|" not in text and "\t" not in text:
        return
    columns: tuple[int, int | None, int | None] | None = None
    previous_end = -1
    for row in parse_table_rows(text):
        if text[previous_end : row.span.start].strip(" \t\n|-:") if previous_end >= 0 else True:
            columns = None  # a new table
        previous_end = row.span.end
        cells = [cell.text.strip(" *") for cell in row.cells]
        names = [i for i, cell in enumerate(cells) if _NAME_COLUMN.match(cell)]
        roles = [i for i, cell in enumerate(cells) if _ROLE_COLUMN.match(cell)]
        bodies = [i for i, cell in enumerate(cells) if _BODY_COLUMN.match(cell)]
        if names and (roles or bodies):
            columns = (names[0], roles[0] if roles else None, bodies[0] if bodies else None)
            continue
        if columns is None:
            yield from _headerless_row(text, row.cells)
            continue
        name_at, role_at, body_at = columns
        if name_at >= len(row.cells):
            continue
        cell = row.cells[name_at]
        named = _TABLE_NAME_RE.match(cell.text.strip())
        if named is None or _clean_name(named["name"]) != named["name"]:
            continue
        role_text = (
            row.cells[role_at].text.strip()
            if role_at is not None and role_at < len(row.cells)
            else ""
        )
        body_text = (
            row.cells[body_at].text.strip()
            if body_at is not None and body_at < len(row.cells)
            else ""
        )
        role = " ".join(role_text.split()) or None
        title_role = _title_role(named["title"])
        start = (
            cell.span.start + cell.text.find(named["name"])
            if named["name"] in cell.text
            else cell.span.start
        )
        if text[start : start + len(named["name"])] != named["name"]:
            start = text.find(named["name"], cell.span.start, cell.span.end + 1)
            if start < 0:
                continue
        context = ", ".join(part for part in (role_text, body_text) if part) or None
        yield _Sighting(
            Span(start, start + len(named["name"])),
            named["name"],
            title_role,
            role,
            LISTED_CONFIDENCE,
            context,
        )


def _headerless_row(text: str, cells: Sequence[TableCell]) -> Iterator[_Sighting]:
    """A row of a table without a header that holds a name and, in the next cell, a post
    alone: "| Cllr Jo Bloggs | Chair |", "| Sam Hill | Head of Early Help |"."""
    for cell, following in itertools.pairwise(cells):
        named = _TABLE_NAME_RE.match(cell.text.strip(" *"))
        post = " ".join(following.text.strip(" *").split())
        if named is None or not post:
            continue
        name, title = named["name"], named["title"]
        start = text.find(name, cell.span.start, cell.span.end + 1)
        if start < 0 or not (title or _plain_name(text, name, start + len(name))):
            continue
        if _clean_name(name) != name:
            continue
        role = _clean_role(post)
        if role != post or not _WHOLE_POST_RE.search(role):
            continue
        span = Span(start, start + len(name))
        yield _Sighting(span, name, _title_role(title), role, LISTED_CONFIDENCE, role)


def _names_then_posts(text: str) -> Iterator[_Sighting]:
    for match in _NAME_THEN_POST_RE.finditer(text):
        name = _clean_name(match["name"])
        if name != match["name"] or _continues_capitalised_run(text, match.start("name")):
            continue
        role = _clean_role(match["role"])
        if role is None or len(match["role"].split()) > 12:
            continue
        start = match.start("name")
        title_role = _title_role(match["title"])
        yield _Sighting(
            Span(start, start + len(name)), name, title_role, role, ROLE_CONFIDENCE, role
        )


# "Tim Loughton: I am grateful ...": a full name opening a turn of speech.
_SPEAKER_NAME_RE = re.compile(
    rf"^[ \t]*(?:Q[ \t]?\d+[ \t]+)?(?:(?:{_TITLE_ALTERNATION})\.?[ \t]+)?(?P<name>{_FULL_NAME}):"
    r"[ \t]+(?P<speech>[^\n]{0,200})",
    re.MULTILINE,
)
# A peer with the party in brackets or a post after a comma: "Baroness Walmsley (LD)",
# "Baroness Morris of Yardley, Chair of the Public Services Committee".
_PEER_RE = re.compile(
    rf"\b(?P<title>Baroness|Lord|Lady|Baron|Viscount|Earl)[ \t]+(?P<name>{_NAME_TOKEN})"
    rf"(?:[ \t]+of[ \t]+{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})?)?"
    rf"(?:[ \t]*\((?P<party>{_PARTY})\)|,[ \t]+(?:the[ \t]+)?(?P<role>[^,;:.\n]{{3,120}}))"
)
# A peer known by a territorial title alone, speaking or with the party: "The Earl of
# Listowel (CB):", "The Lord Bishop of Durham:".
_TERRITORIAL_PEER_RE = re.compile(
    rf"\b(?P<name>(?:Earl|Viscount|Marquess|Duke|Countess|Lord[ \t]+Bishop|Bishop)[ \t]+of[ \t]+"
    rf"{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN})?)(?:[ \t]*\((?P<party>{_PARTY})\))?(?P<colon>:)?"
)
# "Sir Roger Singleton has been appointed to the new role of Chief Adviser on ...".
# ... and "Councillor Adejare was duly elected as Chair of the meeting".
_APPOINTED_RE = re.compile(
    rf"(?:\b(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_FULL_NAME}|{_NAME_TOKEN})[ \t]+"
    r"(?:has[ \t]+been|had[ \t]+been|was|is|is[ \t]+to[ \t]+be|will[ \t]+be)[ \t]+"
    r"(?:duly[ \t]+)?(?:appointed|elected|re-elected)[ \t]+"
    r"(?:to[ \t]+the[ \t]+(?:new[ \t]+)?(?:role|post|position)[ \t]+of[ \t]+|as[ \t]+)?"
    r"(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?P<role>[A-Z][^,.;:\n]{3,100})"
)
# "Chair of the meeting" is the post of Chair.
_ROLE_OCCASION_RE = re.compile(
    r"\s+(?:of|for)\s+(?:the|this)\s+(?:meeting|municipal\s+year|year|session|evening)\b.*$"
)
_MORE_NAMES_RE = re.compile(
    rf"(?:[ \t]*\([^()\n]{{1,40}}\))?[ \t]*(?:/|,|and|&)[ \t]*(?P<name>{_FULL_NAME})"
)


def _speaker_names(text: str) -> Iterator[_Sighting]:
    turns: dict[str, list[re.Match[str]]] = {}
    for match in _SPEAKER_NAME_RE.finditer(text):
        name = _clean_name(match["name"])
        if name == match["name"] and not set(name.lower().split()) & _ROLE_WORDS:
            turns.setdefault(name, []).append(match)
    for name, matches in turns.items():
        first_person = any(re.search(r"\b(?:I|we|my|our)\b", m["speech"]) for m in matches)
        if len(matches) < 2 and not first_person:
            continue  # "Key Findings: ..." is a heading, not a speaker
        for match in matches:
            start = match.start("name")
            yield _Sighting(Span(start, start + len(name)), name, None, None, LISTED_CONFIDENCE)


_APPOINTED_WORD_RE = re.compile(r"\b(?:appointed|elected|re-elected)\b")
_APPOINTED_REACH = 160  # characters from a name's title to "appointed"


def _appointments(text: str) -> Iterator[re.Match[str]]:
    """_APPOINTED_RE's matches, tried only shortly before "appointed" or "elected" (trying
    the pattern at every position of a long document is slow)."""
    resume = 0
    for word in _APPOINTED_WORD_RE.finditer(text):
        position = max(resume, word.start() - _APPOINTED_REACH)
        while match := _APPOINTED_RE.search(text, position, word.end() + 120):
            if match.start() > word.start():
                break
            if match.start("role") > word.start():  # this word's, not an earlier one's
                yield match
                resume = match.end()
                break
            position = match.end()


def _peers_and_appointments(text: str) -> Iterator[_Sighting]:
    for match in _PEER_RE.finditer(text):
        said = re.sub(r"\s+(?:said|says|added|stated|explained)$", "", match["role"] or "")
        role = match["party"] or _clean_role(said)
        end = match.start("name") + len(match["name"])
        yield _Sighting(
            Span(match.start(), end), match["name"], match["title"], role, TITLED_CONFIDENCE
        )
    for match in _TERRITORIAL_PEER_RE.finditer(text):
        if match["party"] or match["colon"]:
            name = " ".join(match["name"].split())
            span = Span(match.start("name"), match.end("name"))
            yield _Sighting(span, name, None, match["party"], TITLED_CONFIDENCE)
    for match in _appointments(text):
        name = _clean_name(match["name"])
        title = match["title"]
        if name != match["name"] or (len(name.split()) < 2 and not title):
            continue
        start = match.start("title") if title else match.start("name")
        role = _ROLE_OCCASION_RE.sub("", _trim_role(" ".join(match["role"].split())))
        span = Span(start, match.start("name") + len(name))
        yield _Sighting(span, name, _title_role(title), role, ROLE_CONFIDENCE)


def _speakers_and_labelled_roles(text: str) -> Iterator[_Sighting]:
    for match in _SPEAKER_PARTY_RE.finditer(text):
        name = _clean_name(match["name"])
        if len(name.split()) >= 2:
            role = f"{' '.join(match['seat'].split())} ({match['party']})"
            start = match.start("name")
            yield _Sighting(Span(start, start + len(name)), name, None, role, ROLE_CONFIDENCE)
    for match in _ROLE_THEN_NAME_RE.finditer(text):
        title = match["title"]
        written = " ".join(match["name"].split())  # a printed debate may wrap the name
        name = _titled_name(written)
        if name != written or (len(name.split()) < 2 and not title):
            continue
        role = " ".join(match["role"].split()).strip(" ,")
        if len(role.split()) > 14:
            continue
        start = match.start("title") if title else match.start("name")
        yield _Sighting(
            Span(start, match.end("name")),
            name,
            _title_role(title),
            role,
            ROLE_CONFIDENCE,
            role,
        )
    for match in _IN_THE_CHAIR_RE.finditer(text):
        name = _clean_name(match["name"])
        if name == match["name"]:
            start = match.start("name")
            span = Span(start, start + len(name))
            yield _Sighting(span, name, _title_role(match["title"]), "Chair", ROLE_CONFIDENCE)
    for match in _POSSESSIVE_POST_RE.finditer(text):
        name = _clean_name(match["name"])
        if name != match["name"] or _split_title(match["body"])[0]:
            continue
        post = " ".join(word.capitalize() for word in match["post"].split())
        role = f"{post} of the {' '.join(match['body'].split())}"
        start = match.start("title") if match["title"] else match.start("name")
        span = Span(start, match.start("name") + len(name))
        yield _Sighting(span, name, _title_role(match["title"]), role, ROLE_CONFIDENCE, role)
    for match in _CONTACT_EMAIL_RE.finditer(text):
        words = [match["first"], *match["last"].split("-")]
        if {w.lower() for w in words} & (_MAILBOX_WORDS | _NOT_NAME_WORDS | _ROLE_WORDS):
            continue
        name = f"{match['first'].capitalize()} {'-'.join(w.capitalize() for w in words[1:])}"
        beside = _POST_AFTER_NAME_RE.match(match["after"])
        role = (_clean_role(beside["post"]) if beside else None) or "Contact"
        span = Span(match.start("local"), match.end("local"))
        yield _Sighting(span, name, None, role, LISTED_CONFIDENCE, match["after"] or None)
    for match in _NAME_FIELD_RE.finditer(text):
        name = _clean_name(match["name"])
        if name == match["name"]:
            start = match.start("name")
            role = " ".join(match["role"].split()).strip(" ,")
            yield _Sighting(Span(start, start + len(name)), name, None, role, ROLE_CONFIDENCE, role)
    for pattern in (
        _ROLE_BEFORE_NAME_RE,
        _LABEL_THEN_NAME_RE,
        _APPOSITIVE_ROLE_RE,
    ):
        for match in pattern.finditer(text):
            role = " ".join(match["role"].split()).strip(" ,")
            if len(role.split()) > 14:
                continue
            if pattern is _APPOSITIVE_ROLE_RE and not (match["the"] or match["title"]):
                continue  # a post opening a line is in apposition only before a title
            if pattern is _LABEL_THEN_NAME_RE and match["next_line"]:
                # "Contact Officer:" with the name on the next line: the name opens the line
                # and ends it or is followed by its post.
                after = text[match.end("name") : match.end("name") + 2]
                if not re.match(r"[ \t]*(?:,|\n|$)", after):
                    continue
            contact = pattern is _LABEL_THEN_NAME_RE and _CONTACT_LABEL_RE.fullmatch(role)
            starts = [match.start("name")]
            if pattern is _LABEL_THEN_NAME_RE:
                # "Contact: Jo Bloggs (01234 567890) / Sam Smith": every name on the line.
                position = match.end("name")
                while more := _MORE_NAMES_RE.match(text, position):
                    starts.append(more.start("name"))
                    position = more.end("name")
            for start in starts:
                raw = re.match(rf"{_FULL_NAME}|{_INITIAL_NAME}", text[start : start + 80])
                name = _titled_name(raw.group()) if raw else ""
                if len(name.split()) < 2 or raw is None:
                    continue
                if name != raw.group() and pattern is not _LABEL_THEN_NAME_RE:
                    continue  # a label's name may run into the next field: "Tel: ..."
                if start != starts[0] and not _plain_name(text, name, start + len(name)):
                    continue  # "Jo Hill, Senior Democratic Services Officer": no second name
                post = (_post_next_to(text, start) or "Contact") if contact else role
                yield _Sighting(
                    Span(start, start + len(name)), name, None, post, ROLE_CONFIDENCE, post
                )


def _post_next_to(text: str, start: int) -> str | None:
    """The post written straight after the name at ``start``, if any."""
    raw = re.match(_FULL_NAME, text[start : start + 80])
    if raw is None:
        return None
    name = _titled_name(raw.group())
    after = _POST_AFTER_NAME_RE.match(text, start + len(name))
    return _clean_role(after["post"]) if after else None


# A person named as the author or chair of a piece of work: "written by Graham Badman",
# "chaired by Sarah Baker", "led by Mike Howard and Wendy Proctor"; and "Graham Badman's
# report". A report named after a person ("the Badman Report") names nobody.
_WORK_BY_RE = re.compile(
    rf"\b(?:written|authored|chaired|led|headed|presented|introduced|conducted|report|review|"
    rf"inquiry|investigation|letter|study)[ \t]+by[ \t]+"
    rf"(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_FULL_NAME})(?![\w-])"
)
_WORK_OF_RE = re.compile(
    rf"(?<![\w-])(?P<name>{_FULL_NAME})['’]s[ \t]+(?:[a-z]+[ \t]+){{0,2}}"
    r"(?:report|review|inquiry|investigation|recommendations|findings)\b"
)
# A name alone on a line and its post alone on the next: a letter's signature, a
# speaker's card.
_LINE_POST_OPENING = (
    rf"(?:{_ROLE_OPENING}|Overview|Committee|Governance|Project|Business|Partnership|Member|"
    r"Councillor|Finance|Children['’]s|Youth|Education|Early|Social|Public|Legal|Housing)"
)
_NAME_LINE_THEN_POST_RE = re.compile(
    rf"^[ \t]*(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,2}}){_POST_NOMINALS}[ \t]*\n"
    rf"[ \t]*(?P<role>{_LINE_POST_OPENING}\b[^\n]{{0,100}}?)[ \t.]*$",
    re.MULTILINE,
)
# ... and the other way round: "Lead Member" on a line, "Councillor Jane Smith" on the next.
_POST_LINE_THEN_NAME_RE = re.compile(
    rf"^[ \t]*(?P<role>{_LINE_POST_OPENING}\b[^\n]{{0,100}}?)[ \t]*\n[ \t]*"
    rf"(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
    rf"(?P<name>{_NAME_TOKEN}(?:[ \t]+{_NAME_TOKEN}){{1,2}}){_POST_NOMINALS}[ \t]*$",
    re.MULTILINE,
)


def _plain_name(text: str, name: str, end: int) -> bool:
    """Whether ``name`` (ending at ``end``) reads as a person's name, not a body or a
    place: no word that is never a name, no post, nothing the gazetteer knows, and no
    capitalised word running on after it."""
    if _clean_name(name) != name or len(name.split()) < 2 or _split_title(name)[0]:
        return False  # a titled name is read by the titled pattern
    words = {word.lower().removesuffix("s") for word in name.split()}
    if words & _ROLE_WORDS or _default_gazetteer().candidates(name):
        return False
    return re.match(r"[ \t]+[A-Z]", text[end : end + 2]) is None


def _named_in_prose(text: str) -> Iterator[_Sighting]:
    for match in _WORK_BY_RE.finditer(text):
        starts = [match.start("name")]
        position = match.end("name")
        while more := _MORE_NAMES_RE.match(text, position):
            starts.append(more.start("name"))
            position = more.end("name")
        for start in starts:
            raw = re.match(_FULL_NAME, text[start : start + 80])
            name = raw.group() if raw else ""
            if raw and _plain_name(text, name, start + len(name)):
                span = Span(start, start + len(name))
                title_role = _title_role(match["title"]) if start == starts[0] else None
                yield _Sighting(span, name, title_role, None, LISTED_CONFIDENCE)
    for match in _WORK_OF_RE.finditer(text):
        name, start = match["name"], match.start("name")
        if _continues_capitalised_run(text, start) or re.search(
            r"\b[Tt]he[ \t]+$", text[max(0, start - 5) : start]
        ):
            continue
        if _plain_name(text, name, match.end("name")):
            yield _Sighting(Span(start, start + len(name)), name, None, None, LISTED_CONFIDENCE)
    for match in (
        *_NAME_LINE_THEN_POST_RE.finditer(text),
        *_POST_LINE_THEN_NAME_RE.finditer(text),
    ):
        name, raw_role = match["name"], match["role"]
        if not _plain_name(text, name, match.end("name")) or _trim_role(raw_role) != raw_role:
            continue
        role = _clean_role(raw_role)
        # "Independent Scrutineer, Northfield Safeguarding Children Partnership": the post
        # is whole before the body it serves
        if (
            role is None
            or len(raw_role.split()) > 12
            or not _WHOLE_POST_RE.search(role.split(",")[0].strip())
        ):
            continue
        start = match.start("title") if match["title"] else match.start("name")
        span = Span(start, match.end("name"))
        yield _Sighting(span, name, _title_role(match["title"]), role, ROLE_CONFIDENCE, role)


# An attendance list on the heading's own line: "Members present: Robert Halfon (Chair);
# Apsana Begum; Tom Hunt", "Present: Councillor Jo Bloggs (Chair), Councillor Sam Hill and
# Amy Wells."
_INLINE_ATTENDANCE_RE = re.compile(
    r"^[ \t]*(?:Members[ \t]+present|Present|Also[ \t]+present|"
    r"(?:Also[ \t]+)?[Ii]n[ \t]+attendance|Attendees|Officers[ \t]+present|"
    r"Apologies(?:[ \t]+for[ \t]+absence)?)[ \t]*:[ \t]*"
    # a list goes on over a line break after a separator, or inside a name ("Flick" /
    # "Drummond; Nick Fletcher")
    r"(?P<list>[^\n]+(?:(?:(?<=[;,])|(?=\n[A-Z][\w'’-]+[;,]))\n[^\n]+)*)$",
    re.MULTILINE,
)
_LISTED_ENTRY_RE = re.compile(r"(?P<entry>[^,()]+?)[ \t]*(?P<role>\([^()]{1,80}\))?[ \t]*\.?$")


def _inline_attendance(text: str) -> Iterator[_Sighting]:
    for match in _INLINE_ATTENDANCE_RE.finditer(text):
        # a list wrapped onto more lines reads as one line (a name may break across them)
        listed, offset = match["list"].replace("\n", " "), match.start("list")
        if ";" in listed:
            for piece in re.finditer(r"[^;]+", listed):
                raw = piece.group()
                lead = len(raw) - len(raw.lstrip())
                entry = raw.strip().rstrip(".")
                yield from _list_entries(entry, offset + piece.start() + lead)
            continue
        for piece in re.finditer(r"[^,]+?(?=,|[ \t]+and[ \t]+|$)", listed):
            raw = re.sub(r"^[ \t]*(?:and[ \t]+)?", "", piece.group())
            listed_entry = _LISTED_ENTRY_RE.match(raw.strip())
            if not raw or listed_entry is None:
                continue
            start = offset + piece.end() - len(raw)
            sighting = _list_entry(listed_entry["entry"], start, rest=listed_entry["role"] or "")
            if sighting is not None:
                yield sighting


def _attendance_lists(text: str) -> Iterator[_Sighting]:
    for heading in _ATTENDANCE_HEADING_RE.finditer(text):
        position = heading.end() + 1
        while position < len(text):
            line_end = text.find("\n", position)
            line_end = len(text) if line_end < 0 else line_end
            line = text[position:line_end]
            if not line.strip():
                if position == heading.end() + 1:
                    position = line_end + 1
                    continue
                break
            item = _LIST_ITEM_RE.match(line)
            entries = _list_entries(item["item"], position + item.start("item")) if item else []
            if not entries:
                break
            yield from entries
            position = line_end + 1


def _list_entries(item: str, offset: int) -> list[_Sighting]:
    """One line of an attendance list: "Name", "Title Name, Role" or "A B, C D and E F"."""
    parts = [
        (part.group(), part.start()) for part in re.finditer(r"[^,]+", item) for part in [part]
    ]
    several = _several_names(item, offset)
    if several:
        return several
    first = (
        _list_entry(parts[0][0], offset + parts[0][1], rest=item[len(parts[0][0]) :])
        if parts
        else None
    )
    return [first] if first else []


def _several_names(item: str, offset: int) -> list[_Sighting]:
    pieces = list(re.finditer(r"[^,]+?(?=,|\s+and\s+|$)", item))
    if len(pieces) < 2:
        return []
    sightings = []
    for piece in pieces:
        raw = re.sub(r"^\s*(?:and\s+)?", "", piece.group())
        if not raw:
            continue
        sighting = _list_entry(raw, offset + piece.end() - len(raw), rest="")
        if sighting is None:
            return []
        sightings.append(sighting)
    return sightings


def _list_entry(item: str, offset: int, rest: str) -> _Sighting | None:
    match = re.fullmatch(
        rf"\s*(?:(?P<title>{_TITLE_ALTERNATION})\.?[ \t]+{_HONORIFIC_AFTER_TITLE})?"
        rf"(?P<name>{_INITIAL_NAME}|{_NAME})\s*",
        item,
    )
    if match is None or (match["title"] is None and re.match(r"[A-Z]\.?[ \t]", match["name"])):
        return None  # an initial and a surname only straight after a title
    name = _clean_name(match["name"], titled=match["title"] is not None)
    if name != match["name"] or (len(name.split()) < 2 and match["title"] is None):
        return None
    rest = rest.strip()
    if rest and not rest.startswith((",", "(", "-", "–")):
        return None
    role = _clean_role(rest.strip(",()-– ")) if rest else None
    title = match["title"]
    start = offset + (match.start("title") if title else match.start("name"))
    end = offset + match.start("name") + len(name)
    title_role = _title_role(title)
    return _Sighting(Span(start, end), name, title_role, role, LISTED_CONFIDENCE, rest or None)


def find_people(text: str, gazetteer: OrganisationGazetteer | None = None) -> Extraction:
    """People in ``text`` with their roles, and MEMBER_OF links to organisations the
    text ties them to (in a bracket or after a comma next to the name)."""
    gazetteer = gazetteer or _default_gazetteer()
    sightings = sorted(
        [
            *_titled(text),
            *_plural_councillors(text),
            *_with_roles(text),
            *_attendance_lists(text),
            *_inline_attendance(text),
            *_speakers_and_labelled_roles(text),
            *_names_then_posts(text),
            *_table_people(text),
            *_speaker_names(text),
            *_peers_and_appointments(text),
            *_named_in_prose(text),
        ],
        key=lambda sighting: (sighting.span.start, -sighting.span.end),
    )
    drafts: dict[str, _PersonDraft] = {}
    for sighting in sightings:
        draft = drafts.setdefault(
            sighting.name, _PersonDraft(sighting.name, sighting.title_role, sighting.confidence)
        )
        draft.spans.append((sighting.span, text[sighting.span.start : sighting.span.end]))
        for role in (sighting.title_role, sighting.role):
            if role and role not in draft.roles:
                draft.roles.append(role)
        if sighting.context:
            draft.role_texts.append(sighting.context)
        draft.confidence = max(draft.confidence, sighting.confidence)

    for draft in _completed_surnames(text, list(drafts.values())):
        drafts[draft.name] = draft
    by_key: dict[str, list[_PersonDraft]] = defaultdict(list)
    for draft in _merge_surnames(list(drafts.values())):
        by_key[_identity(draft)[0]].append(draft)
    entities: list[Person] = []
    links: list[Link] = []
    mentions: list[Mention] = []
    for key, same in by_key.items():
        label = _identity(same[0])[1]
        spans = _deduplicated(
            [span for draft in same for span in draft.spans + _bare_mentions(text, draft)]
        )
        roles = tuple(dict.fromkeys(role for draft in same for role in draft.roles))
        confidence = max(
            SURNAME_ONLY_CONFIDENCE if draft.single_token else draft.confidence for draft in same
        )
        entities.append(Person(key, label, spans[0][0], confidence, roles=roles))
        mentions.extend(Mention(key, span, surface) for span, surface in spans)
        organisation_keys = dict.fromkeys(
            organisation.key
            for draft in same
            for role_text in draft.role_texts
            for organisation in find_organisations(role_text, gazetteer).entities
        )
        links.extend(Link(key, LinkKind.MEMBER_OF, target) for target in organisation_keys)
    entities.sort(key=lambda person: person.span.start)
    mentions.sort(key=lambda mention: mention.span.start)
    return Extraction(entities=tuple(entities), links=tuple(links), mentions=tuple(mentions))


# A work named after a person: "the Badman Report", "the Munro Review".
_NAMED_WORK_RE = re.compile(
    rf"\b[Tt]he[ \t]+(?P<surname>{_NAME_TOKEN})[ \t]+(?:Report|Review|Inquiry|Enquiry)\b"
)
_FORENAME_BEFORE_RE = re.compile(rf"(?<![\w-])(?P<fore>{_NAME_TOKEN})[ \t]+$")
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|this|that|our|their|his|her|its)[ \t]+$", re.I)


def _completed_surnames(text: str, drafts: list[_PersonDraft]) -> list[_PersonDraft]:
    """Full names for people known by title and surname only ("Miss Dines"), or by a work
    named after them ("the Badman Report"), when the text writes one forename before that
    surname somewhere ("Sarah Dines", "Graham Badman")."""
    known = {draft.name.split()[-1] for draft in drafts if not draft.single_token}
    surnames = [
        draft.name
        for draft in drafts
        # a rank or office before one word may be before no surname at all
        if draft.single_token and draft.title_role in (None, "Councillor")
    ]
    surnames += [
        match["surname"]
        for match in _NAMED_WORK_RE.finditer(text)
        if match["surname"].lower() not in _NOT_NAME_WORDS
    ]
    found: list[_PersonDraft] = []
    for surname in dict.fromkeys(surnames):
        if surname in known:
            continue
        forenames: dict[str, list[Span]] = {}
        at = text.find(surname)
        while at >= 0:
            end = at + len(surname)
            before = _FORENAME_BEFORE_RE.search(text, max(0, at - 40), at)
            at = text.find(surname, end)
            if before is None or re.match(r"[\w-]", text[end : end + 1]):
                continue
            fore, start = before["fore"], before.start("fore")
            full = f"{fore} {surname}"
            if (
                _clean_name(full) != full
                or _split_title(fore)[0]
                or fore.lower() in _ROLE_WORDS
                or _continues_capitalised_run(text, start)
                or _DETERMINER_BEFORE_RE.search(text[max(0, start - 6) : start])
                or re.match(r"[ \t]+[A-Z]", text[end : end + 2])
                or _default_gazetteer().candidates(full)
            ):
                continue
            forenames.setdefault(fore, []).append(Span(start, end))
        if len(forenames) == 1:
            (fore, spans), *_ = forenames.items()
            name = f"{fore} {surname}"
            full_draft = _PersonDraft(name, None, LISTED_CONFIDENCE)
            full_draft.spans.extend((span, text[span.start : span.end]) for span in spans)
            found.append(full_draft)
    return found


_FORENAME_TITLES = frozenset(["Sir", "Dame"])


def _merge_surnames(drafts: list[_PersonDraft]) -> list[_PersonDraft]:
    full = [draft for draft in drafts if not draft.single_token]
    merged = list(full)
    for draft in drafts:
        if not draft.single_token:
            continue
        same_surname = [other for other in full if other.name.split()[-1] == draft.name]
        if len(same_surname) > 1 and draft.title_role:
            same_surname = [other for other in same_surname if draft.title_role in other.roles]
        if not same_surname and draft.title_role in _FORENAME_TITLES:
            # "Sir Gary" is Sir Gary Hickinbottom: a knighthood goes with the forename.
            same_surname = [
                other
                for other in full
                if other.name.split()[0] == draft.name and draft.title_role in other.roles
            ]
        if len(same_surname) == 1:
            target = same_surname[0]
            target.spans.extend(draft.spans)
            target.roles.extend(role for role in draft.roles if role not in target.roles)
            target.role_texts.extend(draft.role_texts)
        else:
            merged.append(draft)
    return merged


def _identity(draft: _PersonDraft) -> tuple[str, str]:
    if draft.single_token:
        label = f"{draft.title_role} {draft.name}" if draft.title_role else draft.name
    else:
        label = draft.name
    return f"person:{slugify(label)}", label


def _bare_mentions(text: str, draft: _PersonDraft) -> list[tuple[Span, str]]:
    if draft.single_token:
        return []
    words = draft.name.split()
    pattern = re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])")
    opening = words[0] if words else ""
    return [(Span(m.start(), m.end()), m.group()) for m in _finditer_from(pattern, text, opening)]


def _finditer_from(pattern: re.Pattern[str], text: str, opening: str) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)`` where every match starts with the
    literal ``opening``: the pattern is tried only where ``opening`` occurs, which
    ``str.find`` locates far faster than a pattern opening with a lookbehind."""
    resume = 0
    start = text.find(opening)
    while start >= 0:
        if start >= resume:
            match = pattern.match(text, start)
            if match is not None:
                yield match
                resume = match.end()
        start = text.find(opening, start + 1)


def _deduplicated(spans: Sequence[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Longest first, then drop any span inside one already kept (a titled mention
    contains the bare name)."""
    kept: list[tuple[Span, str]] = []
    for span, surface in sorted(
        spans, key=lambda item: (-(item[0].end - item[0].start), item[0].start)
    ):
        if not any(other.start <= span.start and span.end <= other.end for other, _ in kept):
            kept.append((span, surface))
    return sorted(kept, key=lambda item: item[0].start)
