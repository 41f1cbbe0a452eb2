"""Find commitments: undertakings by an organisation or person to do something.

The extractor cuts a document into candidate units (sentences, or clauses of
run-on transcript speech, or sentences inside response-table cells), keeps the
units that contain an undertaking cue with an acting subject, and records who made
the undertaking, who must act, any due date and the recommendation it answers. Lists
say who acts for each item: the items under "The Council has agreed to:" are the
Council's, the rows of an action table ("Action | Owner | Due date") their owners', and
the numbered items under "RESOLVED:" are the meeting's decisions (an item directing a
named body's work stays that body's undertaking).

Future tense alone is not enough: descriptive subjects ("this will include",
"it will be important"), hedged or conditional modals, questions, expectations of
others ("we will expect") and meeting procedure ("I'll hand over") are rejected.

Who acts: the subject when it acts, else a passive's agent ("to be approved by the
Cabinet"; the subject of a passive is what is done); "I" and "we" resolve to the speaker
of the turn or the author a line names ("BY: Name, post", "Reply from Councillor …"),
else to the document's author ("we" in the government's response to an inquiry is HM
Government); a body's short name ("the Panel") is spelled out as the document names it
in full when it names one such body.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, replace

from scrutiny.ingest.extract import undertakings
from scrutiny.ingest.extract.records import Commitment, Extraction, Link, LinkKind
from scrutiny.ingest.extract.tables import TableRow, parse_table_rows
from scrutiny.ingest.records import Span


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


# Long unpunctuated transcript runs are cut into clauses no longer than this.
MAX_UNIT_CHARS = 350
LABEL_CHARS = 80

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_NUMBER_WORD = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen)"
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?)"

DUE_PATTERN = re.compile(
    rf"""
    \b(?:
        (?:by|before|until|from)\s+(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?
            (?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}(?:\s+\d{{4}})?
      | (?:by|before|at)\s+the\s+end\s+of\s+(?:the\s+|this\s+|next\s+)?
            (?:financial\s+|academic\s+|calendar\s+|school\s+)?
            (?:year|term|month|quarter|week|spring|summer|autumn|winter)
      | (?:before|by|over)\s+Christmas
      | (?:before|after)\s+the\s+(?:summer|Christmas|Easter|conference)\s+recess
      | from\s+the\s+(?:start|beginning)\s+of\s+the\s+(?:next\s+)?
            (?:spring\s+|summer\s+|autumn\s+|new\s+|school\s+)?(?:term|year)
      | (?:before|by|at|to|for)\s+the\s+(?:\w+\s+){{0,2}}?(?:meeting|Board|Cabinet|Committee)
            \s+on\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:\s+\d{{4}})?
      | (?:to|at|for)\s+the\s+{_MONTH}\s+(?:meeting|Board|Cabinet|Committee|Panel)
      | within\s+(?:the\s+)?(?:next\s+)?{_NUMBER_WORD}\s+{_UNIT}
      | in\s+{_NUMBER_WORD}\s+{_UNIT}['’]?\s+time
      | (?:at|for|to)\s+the\s+next\s+(?:\w+\s+){{0,3}}?meeting
            (?:\s+of\s+the(?:\s+[A-Z][\w&]*)+)?(?:\s+on\s+the\s+\d{{1,2}}\w*\s+of\s+{_MONTH})?
      | (?:in|during|over|within)\s+the\s+(?:coming|next)\s+(?:few\s+)?{_UNIT}
      | (?:in|during|by|over|within)\s+the\s+(?:next|coming|following)\s+{_NUMBER_WORD}\s+{_UNIT}
      | (?:by|before|until|at|from)\s+the\s+(?:end|start|beginning|middle|close)\s+of\s+
            (?:{_MONTH}\s+)?\d{{4}}(?:[/-]\d{{2,4}})?
      | (?:in|by|during|from)\s+(?:early|late|mid)[\s-]+(?:{_MONTH}\s+)?\d{{4}}
      | (?:in|by|during|from)\s+(?:Q[1-4]|the\s+(?:first|second|third|fourth|last)\s+quarter)
            (?:\s+(?:of\s+)?\d{{4}}(?:[/-]\d{{2,4}})?)?
      | (?:in|during)\s+(?:the\s+)?(?:first|second)\s+half\s+of\s+\d{{4}}
      | between\s+{_MONTH}\s+and\s+the\s+\w+(?:\s+next\s+year)?
      | (?:for\s+the\s+entire\s+month\s+of|in|during|by)\s+{_MONTH}(?:\s+\d{{4}})?
      | (?:in|during|by)\s+(?:the\s+)?(?:spring|summer|autumn|winter)(?:\s+(?:term\s+)?\d{{4}})?
      | (?:over|by)\s+\d{{4}}
      | on\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\s+\d{{4}}
      | after\s+the\s+summer\s+recess
      | later\s+in\s+the\s+year
      | (?:this|next)\s+(?:financial\s+|academic\s+)?year
      | at\s+a\s+later\s+date
      | shortly
      | (?<!as\s)soon(?!\s+as\b)
    )\b
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Verbs that report a meeting's business rather than commit to work.
PROCEDURAL_VERBS = _words(
    """
    move hand skip start talk speak say see hear go let give answer expect need want try
    repeat resume adjourn reconvene
    just probably restrict rush stop pause whiz summarise introduce welcome invite thank
    note ask wonder be have get come take look_forward present remain include require
    mean depend reflect allow help enable become feature not never no we i you they he
    she it attend leave
    """
)
# Passive participles that denote work being done ("will be held", "is being developed").
# Participles that, in "is/are being ...", describe work still to come rather than routine.
FORWARD_PARTICIPLES = _words(
    """
    developed planned commissioned designed drafted prepared established formed reviewed
    refreshed procured piloted explored scoped revised updated
    """
)
ACTION_PARTICIPLES = _words(
    """
    held delivered published launched developed revised reviewed presented circulated
    provided produced established introduced implemented updated refreshed rolled
    brought submitted shared sent completed undertaken commissioned designed drafted
    planned prepared arranged hosted extended expanded issued set created formed written
    added strengthened agreed appointed funded procured piloted tested evaluated
    explored
    """
)
PROGRESSIVE_ACTIONS = _words(
    """
    developing drafting exploring scoping reviewing planning preparing refreshing
    designing establishing commissioning piloting procuring evaluating consulting
    """
)
PRONOUN_ACTORS = frozenset({"we", "i", "they", "he", "she"})
DESCRIPTIVE_SUBJECTS = _words(
    """
    it this that there which who what these those whom whose you one everyone nobody
    anybody anyone people children pupils claimants parents families schools students
    """
)
ACTOR_HEADS = _words(
    """
    council government department officer officers service services team teams group
    groups board partnership committee commission director directors manager managers
    authority la unit police cabinet minister ministers panel network staff colleagues
    executive office directorate division trust agency partners partner secretary chair
    mayor member members scrutineer commissioner coordinator co-ordinator lead leads
    provider providers force forces constabulary representative representatives
    """
)

_WORD = r"[A-Za-z][\w'’-]*"
MODAL_FUTURE = re.compile(
    r"\b(?P<modal>will|shall|would|'ll|’ll)\b(?P<adverbs>(?:\s+(?:also|certainly|definitely|"
    r"obviously|further|then|now|soon|again|continue\s+to|still|absolutely|of\s+course|[a-z]+ly))*)"
    rf"\s+(?P<verb>{_WORD})(?:\s+(?P<next>{_WORD}))?",
    re.IGNORECASE,
)
PROGRESSIVE_PASSIVE = re.compile(
    r"\b(?:is|are)\s+(?:now\s+|currently\s+|also\s+)?being\s+(?P<verb>[a-z]+)", re.IGNORECASE
)
PRESENT_PROGRESSIVE = re.compile(
    r"\b(?P<aux>is|are|am|'re|’re)\s+(?:now\s+|currently\s+|also\s+|actively\s+)?(?P<verb>[a-z]+ing)\b",
    re.IGNORECASE,
)
EXPLICIT_CUE = re.compile(
    r"""
    \b(?:
        (?:have|has|had|'ve|’ve)\s+committed\s+(?:to|that)
      | committed\s+that
      | commit(?:s|ted)?\s+to\s+\w+ing
      | committed\s+(?:in|at|during|on|within|through)\s+(?:\S+\s+){1,6}?to\s+
        (?!the\b|this\b|a\b)[a-z]+
      | (?:pledged|vowed|(?:we|I|they)\s+(?:pledge|vow))\s+to\s+
        (?!the\b|this\b|these\b|a\b|an\b)[a-z]+
      | (?:gave|give|gives|given|made|make|makes)\s+(?:a|the|his|her|their|its|our|this)\s+
        (?:\w+\s+)?pledge\s+that\b
      | pledged\s+that\b
      | make\s+a\s+commitment
      | undert(?:ook|akes|ake)\s+to
      | (?<!been\s)(?<!be\s)(?<!was\s)(?<!were\s)
        (?:agreed|agrees|agreeing|agree)\s+to\s+(?!the\b|this\b|these\b|that\b|a\b|an\b)
      | (?:we|I|they|has|have|had)\s+promised?\s+(?:to|that)
      | (?:a|our|this)\s+promise\s+(?:\S+\s+){0,4}?that\s+we\b
      | made\s+(?:a|this|the|that)\s+commitment
      | (?:we|I)(?:['’]re|['’]m|\s+are|\s+am)\s+going\s+to\s+
        (?!have\b|take\b|talk\b|ask\b|hand\b|bring\b|move\b|start\b|come\b|go\b|be\b|try\b|say\b|skip\b)
      | in\s+the\s+process\s+of\s+\w+ing
      | (?:I|we)(?:['’]m|['’]re|\s+am|\s+are|\s+would\s+be)\s+(?:very\s+)?(?:happy|glad|pleased)\s+
        to\s+(?:meet|write|arrange|share|provide|look\s+into|follow\s+up)\b
      | (?:have|has|with)\s+plans?\s+to
      | plans\s+(?:to|include)
      | (?:is|are|am)\s+(?:also\s+)?intending\s+to
      | intends?\s+to
      | it\s+is\s+proposed\s+that
      | would\s+welcome\s+the\s+opportunity\s+to
      | written\s+responses?\s+(?:would|will)\s+be
      | (?:would|will|'ll|’ll)\s+(?:\w+\s+)?provide\s+(?:\w+\s+){0,2}written\s+response
      | happy\s+to\s+provide
      | action\s+we(?:'ll|’ll|\s+will)\s+take
      | (?:have|has)\s+(?:\S+\s+){1,10}?planned\s+for
      | (?:has|have)\s+been\s+(?:secured|allocated|approved)\s+(?:\S+\s+){0,8}?to\s+
        (?:develop|deliver|establish|launch|create|provide|fund|extend|expand)
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
DESIRE_OR_EXPECTATION = re.compile(
    r"\b(?:expect|expects|expected|awaiting|hope|hoped|hopefully|wish|would\s+like|want)\b",
    re.IGNORECASE,
)
HEDGE_BEFORE = re.compile(
    r"\b(?:if|unless|whether|could|might|may|wonder\w*|how|is\s+there|are\s+there|do\s+you|"
    r"can\s+you|could\s+you|would\s+you|will\s+you)\b",
    re.IGNORECASE,
)
# Work done at the meeting itself ("will present this to members this evening").
SAME_MEETING = re.compile(r"\b(?:this\s+evening|tonight|today|in\s+a\s+moment|now)\b", re.I)
QUESTION_OPENING = re.compile(
    r"^(?:what|how|why|when|where|which|whether|can|could|would|will|do|does|did|is|are)\b",
    re.IGNORECASE,
)
REPORTING_VERB = re.compile(
    r"(?P<who>(?:[A-Z][\w'’&-]*\s+(?:(?:of|for|and|the|&)\s+)*){0,6}?"
    r"(?:[A-Z][\w'’&-]*|officers|colleagues|the\s+\w+)),?\s+"
    r"(?:had\s+)?(?:confirmed|advised|explained|stated|undertook|reported|indicated|"
    r"assured|informed\s+\w+|agreed|said)\b",
)
RESOLUTION = re.compile(
    r"^(?:\(?[a-z0-9]{1,3}[.)]\s*)?that\s+(?P<subject>.{3,160}?)\s+be\s+(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
DIRECTIVE = re.compile(
    r"\b(?:ask|asks|asked|instruct|instructs|request|requests|requested)\s+(?:that\s+)?"
    r"(?P<actor>the(?:\s+(?:[A-Z][\w’'&-]*|of|for|and|the))+)(?:,[^,]{0,120},)?\s+to\s+"
    r"(?P<verb>[a-z]+)\b",
)
INFINITIVE_MANDATE = re.compile(
    r"^(?P<actor>(?:[A-Z][\w'’-]*\s+){0,4}?(?:officers?|team|service|council|board|group|"
    r"directorate|partnership|lead|manager|director)s?)\s+to\s+(?P<verb>[a-z]+)\b",
    re.IGNORECASE,
)
# "... would be considered by Cabinet and Council": the agent of a passive undertaking.
PASSIVE_AGENT = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|to)\s+be\s+[a-z]+(?:ed|en|ied)"
    r"(?:\s+(?:off|out|up|back|through|on))?\s+by\s+"
    r"(?P<agent>(?:the\s+)?[A-Z][\w'’&-]*(?:\s+(?:(?:and|of|for|the|&)\s+)*[A-Z][\w'’&-]*){0,6})"
)
TO_BE_DONE_AT = re.compile(
    r"(?:(?:will|would|shall|should|must|is\s+to|are\s+to)\s+)?(?:to\s+)?be\s+[a-z]+(?:ed|en|ied)\b",
    re.IGNORECASE,
)
# A speaker's label opening a transcript turn: "Tim Loughton (East Worthing) (Con):",
# "The Minister for Children (Beverley Hughes):", "Cllr Jane Smith:", "Mr Speaker".
_SPEAKER_TITLE = r"(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Baroness|Cllr|Councillor)\.?"
SPEAKER = re.compile(
    rf"""^[ \t]*(?:
        (?:The[ \t]+)?(?P<role>[A-Z][^()\n:]{{3,100}}?)[ \t]*
            \((?P<named>(?:{_SPEAKER_TITLE}[ \t]+)?[A-Z][\w'’-]+
                (?:[ \t]+[A-Z][\w'’-]+){{1,3}})\)[ \t]*:
      | (?P<name>(?:{_SPEAKER_TITLE}[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){{0,3}})
            (?P<brackets>(?:[ \t]*\([^()\n]{{1,80}}\)){{0,2}})[ \t]*(?::|$)
    )""",
    re.MULTILINE | re.VERBOSE,
)
ACTION_BY = re.compile(r"^\s*Action\s+By\s*[-–—:]\s*(?P<owner>.+?)\s*$", re.IGNORECASE)
# A minuted action line: "ACTION: Head of Youth Justice to share the plan", "Action point 3 -
# Officers will circulate ...". The label is what makes it an undertaking.
ACTION_LABEL = re.compile(
    r"^\s*(?:agreed\s+)?actions?(?:\s+point)?(?:\s+\d+)?\s*[:–—-]\s*(?=\S)", re.IGNORECASE
)
ACTION_ACTOR = re.compile(
    r"(?P<actor>(?:the\s+)?[A-Z][\w'’&.-]*(?:\s+(?:(?:of|for|and|the|&)\s+)*[A-Z][\w'’&.-]*){0,7}"
    r"|[Oo]fficers|[Aa]ll\s+[Mm]embers|[Mm]embers)"
    r"(?:\s*\([^()\n]{1,80}\))?\s+(?:to|will|would)\s+(?P<verb>[a-z]+)\b"
)
FORWARD_HEADING = re.compile(
    r"future\s+plans|next\s+steps|in\s+the\s+pipeline|forward\s+plan|planned\s+(?:work|actions?)|"
    r"actions?\s+(?:to\s+be\s+taken|planned)|going\s+forward|areas?\s+for\s+development",
    re.IGNORECASE,
)
ANSWER_HEADING = re.compile(
    r"^(?:<[^>]+>|\s)*(?P<kind>Recommendation|Rec\.?|Finding)\s*(?P<number>\d+[a-z]?)\b",
    re.IGNORECASE,
)
BULLET = re.compile(r"\s*(?:[-·•●▪*]|\(?[a-z0-9]{1,3}[.)](?=\s)|\d+(?:\.\d+)+\.?(?=\s))\s*")
TAG = re.compile(r"<[^>]+>")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9·•-])")
CLAUSE_BREAK = re.compile(
    r"(?:[;:]\s+|,\s+|\s+(?=(?:so|but|um|uh|okay|because|and\s+then|and\s+so)\s))",
    re.IGNORECASE,
)
SUBJECT_BOUNDARY = re.compile(
    r"(?:[,;:(—–]|\b(?:and|but|that|which|who|what|when|so|then|because|as|since|although|"
    r"while|um|uh|confirmed|"
    r"advised|explained|stated|said|agreed|indicated|assured|reported|informed)\b)",
    re.IGNORECASE,
)
RELATIVE_CLAUSE = re.compile(
    r",\s*(?:who|which|working|together|alongside|in\s+consultation)\b[^,]*,", re.IGNORECASE
)


DECISION = "decision"


@dataclass(frozen=True)
class _Unit:
    """A candidate sentence or clause and the context it was found in."""

    start: int
    end: int
    owners: tuple[str, ...] = ()  # organisation cell of a table row
    answers_key: str | None = None
    forward_section: bool = False
    block_start: int = 0  # start of the paragraph, bullet or table row holding the unit


@dataclass(frozen=True)
class _Cue:
    position: int  # where the undertaking verb phrase begins
    subject: str  # the phrase before the verb, as written ("" when none was found)
    confidence: float
    passive: bool = False  # the subject is what is done, not who does it
    category: str = "commitment"  # or DECISION: what a meeting resolved, agreed or noted


@dataclass(frozen=True)
class _TableColumns:
    recommendation: int | None = None
    identifier: int | None = None
    organisation: int | None = None
    status: int | None = None
    responses: tuple[int, ...] = ()


@dataclass
class _Row:
    """Cells of one table row (mutable only while continuation rows are merged)."""

    answers_key: str | None
    owners: list[str]
    text_spans: list[tuple[int, int]]
    block_start: int


@dataclass(frozen=True)
class Author:
    """Whose document it is, as its metadata states: who "we" are when no speaker is named,
    and what "the Council" or "the Committee" names."""

    council: str | None = None
    body: str | None = None
    committee: str | None = None
    government_response: bool = False  # the title or heading says the government responds

    def we(self) -> str | None:
        """Who "we" denotes in a document without speakers, or None when that is unsure.

        A parliamentary chamber's record has speakers, not one voice; an inquiry's name
        also heads the responses to it, whose "we" is the responding government: the
        government when the document says it is the government's response, else unsure.
        """
        if self.council:
            return self.council
        if self.government_response:
            return "HM Government"
        body = self.body or ""
        if not body or CHAMBER.fullmatch(body):
            return None
        if re.search(r"\b(?:Inquiry|Review)\b", body):
            return None
        return body

    def named(self, subject: str) -> str | None:
        """The document's own council or committee when ``subject`` only points at it."""
        bare = re.sub(r"(?i)^(?:the|this|our)\s+", "", subject.strip())
        lowered = bare.lower()
        if lowered in {"council", "authority", "local authority"} and self.council:
            return self.council
        committee = self.committee or ""
        if lowered in {"committee", "commission", "panel", "board"} and re.search(
            rf"(?i)\b{lowered}\b", committee
        ):
            return committee
        return None


# "Government response to the Module 1 report", "The UK Government's Response", "Response
# of HM Government to …": a document in which the government answers.
GOVERNMENT_RESPONSE = re.compile(
    r"\b(?:(?:UK|HM|His\s+Majesty's|Her\s+Majesty's|the)\s+)?Government(?:['’]s)?\s+"
    r"(?:formal\s+|full\s+|interim\s+)?response\b|"
    r"\bresponse\s+(?:of|from|by)\s+(?:the\s+|HM\s+|UK\s+)*Government\b",
    re.IGNORECASE,
)
CHAMBER = re.compile(
    r"(?:House\s+of\s+(?:Commons|Lords)|Hansard|Westminster\s+Hall|Parliament\b.*|Senedd\b.*)"
)
NO_AUTHOR = Author()


# Sentences that speak of the future yet promise nothing: the meeting's own logistics
# ("The next meeting will be held on …", "… adjourned and will resume at 2pm"), reminders
# ("Members will be aware that …"), a reported question ("asked whether the Commissioner
# would commit to …") and a condition ("if the budget allowed, he would consider …").
_NO_UNDERTAKING = re.compile(
    r"^\W*(?:an?\s+|the\s+)?(?:next|following|further|another|special|reconvened|adjourned)"
    r"(?:\s+(?:public|special|extraordinary))?\s+(?:meeting|session|sitting|hearing)\b"
    r"|\bwill\s+now\s+(?:move|turn|go|proceed)\s+(?:on\s+)?to\b"
    r"|\b(?:date|time)\s+of\s+(?:the\s+)?next\s+meeting\b"
    r"|\bwill\s+(?:resume|reconvene|adjourn)\b"
    r"|\b(?:members|councillors|you|colleagues|the\s+(?:committee|panel|board))\s+will\s+"
    r"(?:be\s+aware|recall|remember|know|have\s+seen)\b"
    r"|\basked\s+(?:whether|if|why|how|when|what)\b[^.;]*\bwould\b"
    r"|\b(?:if|unless|provided)\b[^.;]{0,120}\bwould\b",
    re.IGNORECASE,
)


# A line that introduces what a meeting resolved, the items following it ("RESOLVED:",
# "The Committee resolved:-", "Decision: The Committee agreed to:", "The Panel AGREED to
# recommend to Cabinet that:", "AGREED: that the Board").
_RESOLUTION_INTRO = re.compile(
    r"^[ \t]*(?:\d{1,3}\.?[ \t]+)?(?:(?:Decision|DECISION)[ \t]*[:\-–—]?[ \t]*)?"
    r"(?:(?:It[ \t]+was[ \t]+)?(?:RESOLVED|Resolved|AGREED|Agreed|DECIDED|Decided)|"
    r"(?:The[ \t]+)?(?:Committee|Sub-Committee|Panel|Board|Council|Cabinet|Commission|"
    r"Executive|Forum|Group)[ \t]+(?:RESOLVED|resolved|AGREED|agreed|DECIDED|decided)|"
    r"RECOMMENDED(?:[ \t]+TO[ \t]+[A-Z]+)?|Decision|DECISION)"
    r"[^\n.]{0,90}?(?::-?|[-–—])[ \t]*$",
    re.MULTILINE,
)
# A resolution's items are numbered or lettered; bullets under one list what it refers to.
_ITEM_MARKER = re.compile(r"^[ \t]*\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})[.)][ \t]+\S")
# "It was RESOLVED to accept …", "The Council resolved to make no objection": decided by
# the meeting, whatever verb follows.
_BODY_RESOLVED = re.compile(
    r"^\W*(?:It[ \t]+was[ \t]+(?:RESOLVED|resolved|AGREED|agreed|decided)|"
    r"(?:The[ \t]+)?(?:Committee|Sub-Committee|Panel|Board|Council|Cabinet|Commission)[ \t]+"
    r"(?:RESOLVED|resolved|AGREED|DECIDED|decided))\s+(?:that|to)\b"
)


# The meeting itself as the subject of what it resolved ("It was resolved to accept …").
_MEETING_SUBJECT = re.compile(
    r"^\W*(?:it\b|(?:the\s+)?(?:committee|sub-committee|panel|board|council|cabinet|commission)\b)",
    re.I,
)


def _resolution_items(text: str) -> list[tuple[int, int]]:
    """Spans of the list items under each line introducing what a meeting resolved: the
    items run until a blank line not followed by another item, or an agenda heading; an
    item ends where a sentence ends and the next line opens anew."""
    spans: set[tuple[int, int]] = set()
    for intro in _RESOLUTION_INTRO.finditer(text):
        lines = _lines_from(text, intro.end() + 1)
        current: int | None = None
        previous = ""
        for index, (start, line) in enumerate(lines):
            stripped = line.strip()
            is_item = bool(_ITEM_MARKER.match(line)) and not _AGENDA_HEADING.match(line)
            ends_item = current is not None and (
                not stripped
                or is_item
                or (previous.endswith((".", ";")) and stripped[:1].isupper())
            )
            if ends_item and current is not None:
                spans.add((current, start - 1))
                current = None
            if not stripped:
                following = next((ln for _, ln in lines[index + 1 :] if ln.strip()), "")
                if not (_ITEM_MARKER.match(following) and not _AGENDA_HEADING.match(following)):
                    break
            elif is_item:
                current = start
            elif current is None and not (previous == "" and stripped.endswith((":", ":-"))):
                break  # no list under the introduction (or the list has ended)
            previous = stripped
        if current is not None:
            end = lines[-1][0] + len(lines[-1][1]) if lines else len(text)
            spans.add((current, end))
    return sorted(spans)


# A sentence announcing a list of what someone will do: "The Council has agreed to:",
# "The school will:", "We will:", "In response, the force has committed to:".
_PROMISE_INTRO = re.compile(
    r"^[ \t]*(?:[^\n:]{0,60}?,[ \t]*)?(?P<subject>(?:[Tt]he[ \t]+)?[\w'’&-]+(?:[ \t]+"
    r"[\w'’&-]+){0,6}?)[ \t]+"
    r"(?:will|shall|(?:has|have)[ \t]+(?:agreed|committed|undertaken)[ \t]+to|agreed[ \t]+to|"
    r"(?:is|are)[ \t]+committed[ \t]+to|undertakes?[ \t]+to|commits?[ \t]+to)"
    r"[ \t]*:-?[ \t]*$",
    re.MULTILINE,
)
_LISTED = re.compile(r"^[ \t]*(?:[-•·*–]|\(?(?:\d{1,2}|[a-h]|i{1,3}|iv|vi{0,3})[.)])[ \t]+\S")


def _promised_items(text: str) -> list[tuple[int, int, str]]:
    """(start, end of first line, promiser) of each item under a sentence announcing what
    someone will do."""
    out: list[tuple[int, int, str]] = []
    for intro in _PROMISE_INTRO.finditer(text):
        subject = intro.group("subject").strip()
        institution = re.search(r"\b(?:school|academy|college|headteacher|nursery)$", subject, re.I)
        if subject.lower() in DESCRIPTIVE_SUBJECTS or not (
            institution or _acts(subject, passive=False)
        ):
            continue
        seen = False
        for start, line in _lines_from(text, intro.end() + 1, most=30):
            if _LISTED.match(line):
                out.append((start, start + len(line), subject))
                seen = True
            elif line.strip() and not (seen and line[:1] in " \t"):
                break  # the list has ended (a wrapped item's next line is indented)
    return out


def _first_line_end(text: str, start: int, end: int) -> int:
    """Where the first line of an item (``start``..``end``) ends: its opening sentence is
    the decision; a list under it ("That the grounds for call-in be:" / "· Lack of …")
    details it."""
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def _lines_from(text: str, position: int, most: int = 60) -> list[tuple[int, str]]:
    """Up to ``most`` lines of ``text`` from ``position``, each with its start."""
    out: list[tuple[int, str]] = []
    while position < len(text) and len(out) < most:
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        out.append((position, text[position:end]))
        position = end + 1
    return out


# "4. COUNCIL TAX REDUCTION SCHEME 2026/27": an agenda heading, not a resolution's item.
_AGENDA_HEADING = re.compile(r"^[ \t]*\d{1,3}\.?[ \t]+[A-Z0-9][A-Z0-9 ,'’&()/:–-]{3,}$")


def extract_commitments(text: str, author: Author = NO_AUTHOR) -> Extraction:
    """Extract commitments (and their ANSWERS links) from a document's canonical text."""
    found: list[tuple[_Unit, _Cue]] = []
    action_owners: list[tuple[int, int, str]] = []  # (line start, previous block start, owner)
    resolved = _resolution_items(text)
    promised = _promised_items(text)
    for unit in _units(text, action_owners):
        if _NO_UNDERTAKING.search(text[unit.start : unit.end]):
            continue
        cue = _find_cue(text, unit) or _classified_cue(text, unit)
        listed = any(
            start <= unit.start < _first_line_end(text, start, end) for start, end in resolved
        )
        by_meeting = bool(_BODY_RESOLVED.search(text[unit.start : unit.end]))
        undertaken = cue is not None and cue.category != DECISION and bool(cue.subject)
        if (listed and not undertaken) or (
            by_meeting and (not undertaken or _MEETING_SUBJECT.match(cue.subject if cue else ""))
        ):
            # what a meeting resolved: the items of its resolution ("RESOLVED: (1) That the
            # strategy be approved"), or "It was resolved to accept the quotation"; an item
            # directing someone's work stays their undertaking ("the Cabinet agrees to
            # provide …", "ask the Director to prepare …")
            cue = _Cue(0, "", 0.75, passive=True, category=DECISION)
        promiser = next((who for start, end, who in promised if start <= unit.start < end), None)
        if promiser is not None and (cue is None or not cue.subject):
            cue = _Cue(0, promiser, 0.8)  # an item of "The Council has agreed to:"
        if cue is not None:
            if cue.category == DECISION:
                unit = _with_motion(text, unit)
            found.append((unit, cue))
    commitments = _build_commitments(text, found, action_owners, author)
    commitments = _drop_duplicates(commitments + _action_rows(text, commitments))
    links = tuple(
        Link(commitment.key, LinkKind.ANSWERS, commitment.answers_key)
        for commitment in commitments
        if commitment.answers_key is not None
    )
    return Extraction(entities=tuple(commitments), links=links)


# --- segmentation -------------------------------------------------------------------------


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in re.finditer(r"\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.count("|") >= 2 and (stripped.startswith("|") or " | " in stripped)


def _units(text: str, action_owners: list[tuple[int, int, str]]) -> Iterator[_Unit]:
    lines = _line_spans(text)
    index = 0
    columns: _TableColumns | None = None
    answers_key: str | None = None
    forward = False
    paragraph: list[tuple[int, int]] = []
    last_block_start = 0

    def flush() -> Iterator[_Unit]:
        nonlocal last_block_start
        if paragraph:
            start, end = paragraph[0][0], paragraph[-1][1]
            last_block_start = start
            yield from _sentence_units(text, start, end, answers_key, forward, start)
            paragraph.clear()

    while index < len(lines):
        start, end = lines[index]
        line = text[start:end]
        if _is_table_line(line):
            yield from flush()
            block_end = index
            while block_end < len(lines) and _is_table_line(text[slice(*lines[block_end])]):
                block_end += 1
            columns = yield from _table_units(text, lines[index:block_end], columns)
            index = block_end
            continue
        stripped = line.strip()
        owner_match = ACTION_BY.match(line)
        if owner_match:
            yield from flush()
            action_owners.append((start, last_block_start, owner_match.group("owner")))
        elif not stripped:
            if paragraph and not _continues_after_gap(text, lines, index):
                yield from flush()
        elif paragraph and _joins_previous(text, paragraph[-1], stripped):
            paragraph.append((start, end))
        elif _is_heading(stripped) and not _wraps_on(text, lines, index):
            yield from flush()
            forward = bool(FORWARD_HEADING.search(stripped))
            heading = ANSWER_HEADING.match(stripped)
            if heading and ":" in stripped and "..." not in stripped and "\t" not in stripped:
                answers_key = _answer_key(heading.group("kind"), heading.group("number"))
            elif not heading and not any(ch.isdigit() for ch in stripped[:3]):
                # A new unnumbered top-level heading ends the previous recommendation's section.
                answers_key = None if len(stripped) > 25 or stripped.istitle() else answers_key
        else:
            yield from flush()
            paragraph.append((start, end))
        index += 1
    yield from flush()


def _wraps_on(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """A hard-wrapped line of prose, not a heading: several words, the last in lower case,
    and the next line going on in lower case ("We will look to rationalise ... and" /
    "committees responsible for ...")."""
    words = text[slice(*lines[index])].split()
    if len(words) < 6 or not words[-1].islower() or index + 1 >= len(lines):
        return False
    following = text[slice(*lines[index + 1])].strip()
    return bool(following) and following[0].islower()


def _continues_after_gap(text: str, lines: list[tuple[int, int]], index: int) -> bool:
    """A blank line inside a sentence (page-break debris) when the next text is lowercase."""
    previous = text[lines[index - 1][0] : lines[index - 1][1]].rstrip() if index else ""
    for start, end in lines[index + 1 :]:
        following = text[start:end].strip()
        if following:
            return following[0].islower() and not previous.endswith((".", ":", ";", "?", "!"))
    return False


def _joins_previous(text: str, previous: tuple[int, int], stripped: str) -> bool:
    if BULLET.match(stripped) or ACTION_BY.match(stripped):
        return False
    before = text[previous[0] : previous[1]].rstrip()
    if not before:
        return False
    if before.endswith(".") and _is_abbreviation(before, len(before)):
        return True  # "… I will also meet the hon." / "Member for West Dales …"
    if before.endswith((".", ":", ";", "?", "!", "”", '"')):
        return False
    if stripped[0].islower():
        return True
    if re.match(r"(?:19|20)\d\d\b(?![.)][ \t])", stripped):
        return True  # "… for public consultation in June" / "2025."
    # Hard-wrapped text: the previous line stops mid-phrase.
    last_word = before.split()[-1]
    return len(before) >= 25 and (last_word.islower() or last_word.endswith(","))


def _is_heading(stripped: str) -> bool:
    if len(stripped) > 90 or stripped.endswith((".", ",", ";", "?")) or BULLET.match(stripped):
        return bool(re.match(r"^\d+(?:\.\d+)*\.?\s+[A-Z][^.]{0,160}$", stripped))
    words = stripped.split()
    return bool(words) and (stripped[0].isupper() or stripped[0].isdigit()) and len(words) <= 12


def _sentence_units(
    text: str,
    start: int,
    end: int,
    answers_key: str | None,
    forward: bool,
    block_start: int,
    owners: tuple[str, ...] = (),
) -> Iterator[_Unit]:
    # Cells may carry HTML markup; tags end sentences and never belong to one.
    segment_start = start
    pieces: list[tuple[int, int]] = []
    for tag in TAG.finditer(text, start, end):
        pieces.append((segment_start, tag.start()))
        segment_start = tag.end()
    pieces.append((segment_start, end))
    for piece_start, piece_end in pieces:
        sentence_start = piece_start
        for boundary in SENTENCE_END.finditer(text, piece_start, piece_end):
            if not _is_abbreviation(text, boundary.start()):
                yield from _clauses(
                    text,
                    sentence_start,
                    boundary.start(),
                    answers_key,
                    forward,
                    block_start,
                    owners,
                )
                sentence_start = boundary.end()
        yield from _clauses(
            text, sentence_start, piece_end, answers_key, forward, block_start, owners
        )


ABBREVIATIONS = _words(
    "e.g i.e eg no dept cllr cllrs mr mrs ms dr hon rt st prof supt insp sgt capt col gen rev"
)


def _is_abbreviation(text: str, position: int) -> bool:
    word = re.search(r"(\S+)$", text[max(0, position - 12) : position])
    return word is not None and word.group(1).lower().rstrip(".") in ABBREVIATIONS


def _clauses(
    text: str,
    start: int,
    end: int,
    answers_key: str | None,
    forward: bool,
    block_start: int,
    owners: tuple[str, ...],
) -> Iterator[_Unit]:
    start, end = _trim(text, start, end)
    if end - start < 8:
        return
    if end - start <= MAX_UNIT_CHARS:
        yield _Unit(start, end, owners, answers_key, forward, block_start)
        return
    # Run-on speech: cut at clause breaks, keeping pieces as long as allowed.
    piece_start = start
    last_break = None
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if match.start() - piece_start > MAX_UNIT_CHARS and last_break is not None:
            yield from _clauses(
                text, piece_start, last_break[0], answers_key, forward, block_start, owners
            )
            piece_start = last_break[1]
        last_break = (match.start(), match.end())
    if end - piece_start > MAX_UNIT_CHARS and last_break and last_break[1] > piece_start:
        yield from _clauses(
            text, piece_start, last_break[0], answers_key, forward, block_start, owners
        )
        piece_start = last_break[1]
    piece_start, piece_end = _trim(text, piece_start, end)
    if piece_end - piece_start > MAX_UNIT_CHARS:
        # No usable break at all: fixed windows keep the work bounded.
        for window in range(piece_start, piece_end, MAX_UNIT_CHARS):
            yield _Unit(
                window,
                min(window + MAX_UNIT_CHARS, piece_end),
                owners,
                answers_key,
                forward,
                block_start,
            )
    elif piece_end - piece_start >= 8:
        yield _Unit(piece_start, piece_end, owners, answers_key, forward, block_start)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "|·•●▪-–*"):
        start += 1
    bullet = BULLET.match(text, start, end)  # BULLET has no "^": match() anchors at start
    if bullet and bullet.end() > start:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- tables -------------------------------------------------------------------------------


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    line = text[start:end]
    pipes = [i for i, ch in enumerate(line) if ch == "|"]
    if line.strip().startswith("|"):
        bounds = list(itertools.pairwise(pipes))
    else:
        edges = [-1, *pipes, len(line)]
        bounds = list(itertools.pairwise(edges))
    return [(start + left + 1, start + right) for left, right in bounds]


def _columns_from_header(headers: list[str]) -> _TableColumns | None:
    recommendation = identifier = organisation = status = None
    responses: list[int] = []
    for position, header in enumerate(headers):
        lowered = header.lower()
        if re.search(r"status|accept|reject", lowered):
            status = position
        elif re.search(r"\b(?:rec(?:ommendation)?\s+id|id|no\.?|ref|number)\b", lowered):
            identifier = position
        elif "recommendation" in lowered or "finding" in lowered:
            recommendation = position
        elif re.search(r"organisation|owner|lead|responsib|agency|department", lowered):
            organisation = position
        elif re.search(r"comment|response|action|progress|update", lowered):
            responses.append(position)
    if recommendation is None and identifier is None and not responses:
        return None
    return _TableColumns(recommendation, identifier, organisation, status, tuple(responses))


def _table_units(
    text: str, lines: list[tuple[int, int]], columns: _TableColumns | None
) -> Generator[_Unit, None, _TableColumns | None]:
    """Yield units for response cells; returns the column roles for later tables."""
    rows: list[_Row] = []
    for number, (start, end) in enumerate(lines):
        line = text[start:end]
        if re.fullmatch(r"[\s|:\-]+", line):
            continue
        cells = _cells(text, start, end)
        values = [TAG.sub(" ", text[a:b]).strip() for a, b in cells]
        next_is_rule = number + 1 < len(lines) and re.fullmatch(
            r"[\s|:\-]+", text[slice(*lines[number + 1])]
        )
        header = _columns_from_header(values) if all(len(v) < 80 for v in values) else None
        if header is not None and (next_is_rule or not any(v[:1].isdigit() for v in values)):
            columns = header
            continue
        if next_is_rule and not any(values):
            continue
        if columns is None:
            columns = _TableColumns(recommendation=0, responses=tuple(range(1, len(cells))))
        _add_row(text, rows, cells, values, columns)
    for row in rows:
        owners = tuple(row.owners)
        for cell_start, cell_end in row.text_spans:
            yield from _sentence_units(
                text, cell_start, cell_end, row.answers_key, False, row.block_start, owners
            )
    return columns


def _cell(values: list[str], position: int | None) -> str:
    return values[position] if position is not None and position < len(values) else ""


def _add_row(
    text: str,
    rows: list[_Row],
    cells: list[tuple[int, int]],
    values: list[str],
    columns: _TableColumns,
) -> None:
    identifier = _cell(values, columns.identifier)
    recommendation = _cell(values, columns.recommendation)
    heading = ANSWER_HEADING.match(recommendation)
    key = None
    if re.fullmatch(r"\d+[a-z]?", identifier):
        key = _answer_key("recommendation", identifier)
    elif heading:
        key = _answer_key(heading.group("kind"), heading.group("number"))
    owners = _split_owners(_cell(values, columns.organisation))
    text_spans = [cells[i] for i in columns.responses if i < len(cells) and values[i]]
    if columns.status is not None and columns.status < len(cells):
        status_start, status_end = cells[columns.status]
        status_cell = text[status_start:status_end]
        word = re.search(
            r"(?i)\b(?:accept(?:ed)?|amend(?:ed)?|reject(?:ed)?|partial)\b\W*", status_cell
        )
        rest_start = status_start + word.end() if word else status_start
        if len(TAG.sub(" ", text[rest_start:status_end]).split()) > 3:
            # Text after the status word ("Amend – Officers to provide ...") is an action.
            text_spans.insert(0, (rest_start, status_end))
    if key is None and rows and (recommendation[:1].islower() or not recommendation):
        # Continuation of the previous row across a page break.
        previous = rows[-1]
        previous.owners.extend(owners)
        previous.text_spans.extend(text_spans)
        return
    if key is None and not text_spans:
        return  # a sub-heading row such as "| Education | | | |"
    rows.append(_Row(key, owners, text_spans, cells[0][0] if cells else 0))


def _split_owners(cell: str) -> list[str]:
    return [part.strip() for part in re.split(r"[/,;]", cell) if part.strip()]


def _answer_key(kind: str, number: str) -> str:
    prefix = "finding" if kind.lower().startswith("finding") else "recommendation"
    return f"{prefix}-{number.lower()}"


# --- cues ---------------------------------------------------------------------------------


def _find_cue(text: str, unit: _Unit) -> _Cue | None:
    sentence = text[unit.start : unit.end]
    if sentence.rstrip().endswith("?") or QUESTION_OPENING.match(sentence):
        return None
    action = ACTION_LABEL.match(sentence)
    if action and not ACTION_BY.match(sentence):
        actor = ACTION_ACTOR.match(sentence, action.end())
        if actor:
            return _Cue(actor.start("verb"), actor.group("actor"), 0.8)
        return _Cue(action.end(), "", 0.7, passive=True)
    resolution = RESOLUTION.match(sentence)
    if resolution:
        if resolution.group("verb").lower() in ACTION_PARTICIPLES - {"agreed"}:
            return _Cue(resolution.start("verb"), resolution.group("subject"), 0.75, passive=True)
        return None
    directive = DIRECTIVE.search(sentence)
    if directive and not re.match(r"(?:\W*\w+\W*){0,2}to\s+ask\b", sentence, re.IGNORECASE):
        return _Cue(directive.start("verb"), directive.group("actor"), 0.75)
    mandate = INFINITIVE_MANDATE.match(sentence)
    if mandate and (unit.owners or unit.answers_key):
        return _Cue(mandate.start("verb"), mandate.group("actor"), 0.7)
    explicit = EXPLICIT_CUE.search(sentence)
    embedded_question = explicit and re.search(
        r"\b(?:what|how|whether)\s+$", sentence[: explicit.start()], re.IGNORECASE
    )
    if explicit and not embedded_question and not _hedged(sentence, explicit.start()):
        planned = explicit.group(0).lower().startswith("planned")
        subject = "" if planned else _subject_before(sentence, explicit.start())
        pronoun = re.match(r"(?:I|we|We)\b", explicit.group(0))
        if pronoun and not subject:
            subject = pronoun.group(0)  # "I am happy to meet …": the cue holds its subject
        return _Cue(explicit.start(), subject, 0.85)
    for match in MODAL_FUTURE.finditer(sentence):
        cue = _modal_cue(sentence, match, unit)
        if cue is not None:
            return cue
    for match in PROGRESSIVE_PASSIVE.finditer(sentence):
        subject = _subject_before(sentence, match.start())
        if match.group("verb").lower() in FORWARD_PARTICIPLES and _acts(subject, passive=True):
            return _Cue(match.start(), subject, 0.65, passive=True)
    if unit.owners or unit.answers_key or unit.forward_section:
        for match in PRESENT_PROGRESSIVE.finditer(sentence):
            subject = _subject_before(sentence, match.start())
            verb = match.group("verb").lower()
            working = verb == "working" and re.match(
                r"\s+(?:\w+\s+){0,3}?(?:with|on|to)\b", sentence[match.end() :]
            )
            if (verb in PROGRESSIVE_ACTIONS or working) and _acts(subject, passive=False):
                return _Cue(match.start(), subject, 0.6)
    return None


# The question a House decides: "Question put, That the clause be read a Second time.",
# "Motion made, and Question proposed, That ...", "I beg to move, That ...".
MOTION = re.compile(
    r"(?:Question\s+put|Question\s+proposed|Motion\s+made|beg\s+to\s+move)\b[^\n]{0,40}?"
    r"\bThat\b|^[ \t]*That\b[^\n]{5,300}?\bbe\s+[a-z]+",
    re.MULTILINE,
)
MOTION_REACH = 800  # characters back from "Question agreed to." to the question it decides


def _with_motion(text: str, unit: _Unit) -> _Unit:
    """A bare parliamentary outcome ("Question agreed to.") widened back to its question."""
    sentence = text[unit.start : unit.end]
    if len(sentence) > 80 or not undertakings.PARLIAMENTARY_OUTCOME.match(sentence):
        return unit
    motions = list(MOTION.finditer(text, max(0, unit.start - MOTION_REACH), unit.start))
    if not motions:
        return unit
    start = text.rfind("\n", 0, motions[-1].start()) + 1
    between = text[motions[-1].end() : unit.start]
    decided = any(
        undertakings.PARLIAMENTARY_OUTCOME.match(line.strip()) for line in between.splitlines()
    )
    start, _ = _trim(text, start, unit.end)
    if decided or unit.end - start > NARROW_ABOVE:
        return unit  # that question was decided already, or the debate lies between
    return replace(unit, start=start, block_start=min(unit.block_start, start))


# A motion as moved ("Moved by Lord X" / "That the draft Regulations … be approved."): not
# decided until the House agrees it.
_MOVED = re.compile(
    r"\b(?:[Mm]oved\s+by|beg\s+to\s+move|[Tt]o\s+move)\b[^\n]*\n(?:[ \t]*\n)*[ \t]*$"
)


def _classified_cue(text: str, unit: _Unit) -> _Cue | None:
    """An undertaking or decision the patterns missed, found by the sentence classifier."""
    sentence = text[unit.start : unit.end]
    if sentence.rstrip().endswith("?") or QUESTION_OPENING.match(sentence):
        return None  # a question asks for an undertaking, it does not give one
    values = undertakings.features(sentence)
    probability = undertakings.probability(values)
    if undertakings.is_undertaking(values):
        found = undertakings.find_cue(sentence)
        position = found.position if found else 0
        subject = _subject_before(sentence, position) if found else ""
        # "The plan needed to be approved by Council": the subject is what is done
        passive = bool(found and TO_BE_DONE_AT.match(sentence, position))
        return _Cue(position, subject, round(min(probability, 0.9), 2), passive=passive)
    if undertakings.is_decision(sentence) and not _MOVED.search(
        text, max(0, unit.start - 160), unit.start
    ):
        return _Cue(0, "", 0.7, passive=True, category=DECISION)
    return None


def _modal_cue(sentence: str, match: re.Match[str], unit: _Unit) -> _Cue | None:
    modal = match.group("modal").lower()
    verb = match.group("verb").lower()
    following = (match.group("next") or "").lower()
    subject = _subject_before(sentence, match.start())
    if _hedged(sentence, match.start()) or DESIRE_OR_EXPECTATION.search(match.group(0)):
        return None
    if modal == "would" and not _reported(sentence, match.start()):
        return None
    if verb == "be":
        if following not in ACTION_PARTICIPLES and not following.endswith("ing"):
            return None
        if following.endswith("ing") and following[:-3] in PROCEDURAL_VERBS:
            return None
        passive = following in ACTION_PARTICIPLES
        coordinated = re.search(r"\band\s*$", sentence[: match.start()])
        if passive and ((not subject and coordinated) or unit.forward_section):
            # "... has been established and will be developed"; "it is hoped this will be
            # launched" under a future-plans heading.
            return _Cue(match.start(), subject, 0.7, passive=True)
        if not _acts(subject, passive=passive):
            return None
        return _Cue(match.start(), subject, 0.7 if passive else 0.8, passive=passive)
    if verb in PROCEDURAL_VERBS and not _committing_phrase(verb, sentence[match.end("verb") :]):
        return None
    if SAME_MEETING.search(sentence, match.end(), match.end() + 80):
        return None
    # "It will ..." in a response to a numbered recommendation refers to the responding body.
    responding_it = subject.lower() == "it" and unit.answers_key is not None
    if not responding_it and not _acts(subject, passive=False):
        return None
    confidence = 0.8 if subject.lower() in PRONOUN_ACTORS else 0.75
    if unit.forward_section or unit.owners:
        confidence += 0.05
    return _Cue(match.start(), subject, confidence)


def _committing_phrase(verb: str, rest: str) -> bool:
    """Procedural verbs that still commit in some phrases ("come back with a response")."""
    rest = rest.lower()
    if verb == "come":
        return bool(
            re.match(
                r"\s+back\s+(?:\w+\s+){0,3}?with\b|\s+back\s+to\s+(?:the\s+)?"
                r"(?:committee|commission|members|panel|board|scrutiny)",
                rest,
            )
        )
    if verb == "take":
        return bool(re.match(r"\s+(?:\w+\s+){0,3}?(?:forward|away)\b", rest))
    if verb == "look":
        return bool(re.match(r"\s+(?:into|at|to\s+[a-z]+)\b", rest))
    if verb == "give":
        return bool(re.match(r"\s+(?:\w+\s+){0,2}?(?:an?\s+)?update", rest))
    if verb == "introduce":  # "introduce a call-back facility", not "introduce the report"
        return not re.match(
            r"\s+(?:the\s+|our\s+|my\s+)?(?:next\s+)?(?:item|items|report|speakers?|witness(?:es)?|"
            r"panel|guests?|colleagues?|members?|myself|himself|herself|themselves|him|her|them|"
            r"this|today)\b",
            rest,
        )
    return False


HEDGE_REACH = 60  # characters before a cue in which "if", "could", "how" ... hedge it


def _hedged(sentence: str, position: int) -> bool:
    clause_start = max(
        [m.end() for m in re.finditer(r"[.;:]\s|\bbut\b", sentence[:position])], default=0
    )
    clause_start = max(clause_start, position - HEDGE_REACH)
    return bool(HEDGE_BEFORE.search(sentence[clause_start:position]))


def _reported(sentence: str, position: int) -> bool:
    """'would' commits only in reported undertakings ("Officers confirmed they would...")."""
    return bool(
        re.search(
            r"\b(?:confirmed|advised|agreed|undertook|assured|explained|stated|informed|"
            r"indicated|promised|committed)\b",
            sentence[:position],
            re.IGNORECASE,
        )
    )


def _subject_before(sentence: str, position: int) -> str:
    before = RELATIVE_CLAUSE.sub(" ", sentence[:position]).rstrip()
    boundaries = list(SUBJECT_BOUNDARY.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end() :]
    words = before.split()[-8:]
    while len(words) > 1 and words[0].lower() in {"also", "then", "now"}:
        words = words[1:]
    words = [re.sub(r"(?i)['’](?:ll|re|ve|m|d)$", "", w) for w in words]
    if words and words[-1].lower() in PRONOUN_ACTORS:
        words = words[-1:]
    words = _after_auxiliary(words)
    subject = " ".join(words).strip(" '\"“”‘’")
    return re.sub(r"(?i)['’](?:ll|re|ve|m|d)$", "", subject)


AUXILIARIES = _words("is are was were be been has have had do does did")
ADVERBS = _words("still also now currently already just really")
PREPOSITIONS = _words("under about over into onto from with by")


def _after_auxiliary(words: list[str]) -> list[str]:
    """Cut a clause back to its subject ("the MPS was still" -> "the MPS")."""
    positions = [i for i, w in enumerate(words) if w.lower() in AUXILIARIES]
    if not positions:
        return words
    last = positions[-1]
    if all(w.lower() in ADVERBS for w in words[last + 1 :]):
        return words[:last]
    rest = words[last + 1 :]
    while rest and rest[0].lower() in PREPOSITIONS:
        rest = rest[1:]
    rest = [re.sub(r"['’]s$", "", w) for w in rest]
    return [w for i, w in enumerate(rest) if i == 0 or w.lower() != rest[i - 1].lower()]


def _acts(subject: str, *, passive: bool) -> bool:
    if not subject:
        return False
    words = subject.split()
    # The head of "the Cabinet Member for Children" is "Member", not "Children".
    connector = next((i for i, w in enumerate(words) if i and w in {"of", "for"}), len(words))
    last = words[connector - 1].lower().strip("’'")
    first = words[0].lower()
    if last in DESCRIPTIVE_SUBJECTS or (len(words) == 1 and first in DESCRIPTIVE_SUBJECTS):
        return False
    if passive:
        return True
    if last in PRONOUN_ACTORS:
        return last in {"we", "i", "they"}
    if any(re.sub(r"['’]s?$", "", w.lower()) in ACTOR_HEADS for w in words):
        return True
    # Acronyms and names of organisations ("DBT", "Hackney Education"); a lone capital at
    # the start of a sentence ("Designs will reflect") is not a name.
    return any(re.fullmatch(r"[A-Z]{2,}[a-z]?", w) for w in words) or any(
        re.fullmatch(r"[A-Z][A-Za-z&]*", w) for w in words[1:]
    )


# --- records ------------------------------------------------------------------------------


def _build_commitments(
    text: str,
    found: list[tuple[_Unit, _Cue]],
    action_owners: list[tuple[int, int, str]],
    author: Author = NO_AUTHOR,
) -> list[Commitment]:
    actors_for: dict[int, str] = {}
    fallback_units: list[tuple[_Unit, _Cue]] = []
    for line_start, block_start, owner in action_owners:
        candidates = [i for i, (u, _) in enumerate(found) if block_start <= u.start < line_start]
        if candidates:
            actors_for[candidates[-1]] = owner
        elif line_start > block_start:
            # An "Action By" line with no recognised undertaking: the block's last sentence.
            unit = _Unit(*_last_sentence(text, block_start, line_start), block_start=block_start)
            fallback_units.append((unit, _Cue(unit.start, "", 0.5)))
    for unit, cue in fallback_units:
        found.append((unit, cue))
        actors_for[len(found) - 1] = next(o for s, b, o in action_owners if b == unit.block_start)

    commitments: list[Commitment] = []
    full_names = _FullNames(text)
    ordered = sorted(range(len(found)), key=lambda i: found[i][0].start)
    for index in ordered:
        unit, cue = found[index]
        unit = _narrow(text, unit, cue)
        sentence = _normalise(text[unit.start : unit.end])
        made_by = full_names.expand(_made_by(text, unit, cue, author))
        action_owner = actors_for.get(index)
        actor = (action_owner,) if action_owner else _actor(cue, made_by, author)
        actor = full_names.expand(actor)
        if not made_by and cue.category != DECISION and (we := author.we()):
            made_by = (we,)  # no one named: the document's author undertakes it
        due_match = DUE_PATTERN.search(text, unit.start, unit.end)
        commitment = Commitment(
            key=f"commitment-{len(commitments) + 1}",
            label=_label(sentence),
            span=Span(unit.start, unit.end),
            confidence=round(min(cue.confidence + (0.1 if action_owner else 0.0), 0.95), 2),
            text=sentence,
            made_by=made_by,
            actor=actor,
            due=_normalise(due_match.group(0)) if due_match else None,
            answers_key=unit.answers_key,
            category=cue.category,
        )
        commitments.append(commitment)
    return _drop_duplicates(commitments)


# "The Inquiry Panel will report back": a body's short name, spelled out in full elsewhere
# in the document ("the Services for Looked After Children Scrutiny Inquiry Panel").
SHORT_BODY = re.compile(
    r"^(?:[Tt]he\s+)?(?P<head>(?:[A-Z][\w'’-]*\s+){0,2}(?:Panel|Committee|Sub-Committee|Board|"
    r"Group|Commission|Partnership|Forum|Executive|Cabinet))$"
)
_CAPITALISED_RUN = r"[A-Z][\w'’-]*(?:[ \t]+(?:(?:of|for|and|on|in|the|&)[ \t]+)*[A-Z][\w'’-]*)*"


class _FullNames:
    """A document's bodies named in full, to spell out a short name that points at one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[str, str | None] = {}

    def expand(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.full(name) or name for name in names)

    def full(self, name: str) -> str | None:
        """The one longer name the document gives the body ``name`` points at, if any."""
        short = SHORT_BODY.match(name.strip())
        if short is None:
            return None
        head = short.group("head")
        if head not in self._found:
            counts: dict[str, int] = {}
            pattern = re.compile(rf"\b(?P<run>{_CAPITALISED_RUN})[ \t]+{re.escape(head)}\b")
            for match in pattern.finditer(self.text):
                run = match.group("run").split(" The ")[-1]  # a sentence without its stop
                run = re.sub(r"^(?:(?:The|This|That|Our|A|An)(?:\s+|$))+", "", run)
                run = re.sub(r"^(?:(?:of|for|and|on|in|the|&)(?:\s+|$))+", "", run)
                if run and run[:1].isupper() and len(run.split()) <= 10:
                    full = f"{run} {head}"
                    counts[full] = counts.get(full, 0) + 1
            longest = max(counts, key=len, default="")
            if counts and all(longest.endswith(name) for name in counts):
                self._found[head] = longest  # "Inquiry Panel" inside the full name
            else:
                best = sorted(counts.items(), key=lambda item: (-item[1], -len(item[0])))
                unique = len(best) == 1 or (len(best) > 1 and best[0][1] > best[1][1])
                self._found[head] = best[0][0] if best and unique else None
        return self._found[head]


NARROW_ABOVE = 220


def _narrow(text: str, unit: _Unit, cue: _Cue) -> _Unit:
    """Cut a long run-on unit down to the clause around its cue."""
    if unit.end - unit.start <= NARROW_ABOVE:
        return unit
    cue_at = unit.start + cue.position
    subject_at = cue_at - len(cue.subject) - 1 if cue.subject else cue_at
    breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text, unit.start, unit.end)]
    start = max([b_end for _, b_end in breaks if b_end <= subject_at], default=unit.start)
    end = min([b_start for b_start, _ in breaks if b_start >= cue_at + 40], default=unit.end)
    start, end = _trim(text, start, min(end, start + MAX_UNIT_CHARS))
    return replace(unit, start=start, end=end) if end > start else unit


# An action plan's or action log's table: a column of actions beside who leads each
# ("Action | Owner | Due date", "No. | Action | Lead | Timescale").
_ACTION_HEADER = re.compile(
    r"^(?:agreed\s+|proposed\s+|planned\s+|key\s+)?actions?"
    r"(?:\s+(?:required|to\s+be\s+taken|agreed|description))?$",
    re.I,
)
_OWNER_HEADER = re.compile(
    r"^(?:owner|lead(?:\s+(?:officer|agency|organisation|member))?|responsib\w*(?:\s+\w+)?|"
    r"action(?:ed)?\s+by|by\s+whom|who)$",
    re.I,
)
_DUE_HEADER = re.compile(
    r"^(?:due(?:\s+date)?|timescales?|target(?:\s+date)?|deadline|by\s+when|when|"
    r"completion\s+date|date\s+due)$",
    re.I,
)


def _action_rows(text: str, found: list[Commitment]) -> list[Commitment]:
    """Each row of an action table as an undertaking of its owner, due when the row says
    (rows another pattern already read are left to it)."""
    out: list[Commitment] = []
    columns: tuple[int, int, int | None] | None = None
    for row in parse_table_rows(text):
        header = _action_columns(row)
        if header is not None:
            columns = header
            continue
        if columns is None or row.is_blank:
            continue
        action_at, owner_at, due_at = columns
        cells = row.cells
        if action_at >= len(cells) or len(cells[action_at].text.split()) < 3:
            continue
        action = cells[action_at]
        owner = cells[owner_at].text.strip() if owner_at < len(cells) else ""
        due = cells[due_at].text.strip() if due_at is not None and due_at < len(cells) else ""
        span = action.span
        if any(c.span.start < span.end and span.start < c.span.end for c in found):
            continue
        sentence = _normalise(action.text)
        out.append(
            Commitment(
                key=f"commitment-a{len(out) + 1}",
                label=_label(sentence),
                span=span,
                confidence=0.8,
                text=sentence,
                made_by=(owner,) if owner else (),
                actor=(owner,) if owner else (),
                due=due or None,
            )
        )
    return out


def _action_columns(row: TableRow) -> tuple[int, int, int | None] | None:
    """(action, owner, due) columns if ``row`` heads an action table."""
    labels = [cell.text.strip().strip("*") for cell in row.cells]
    if any(re.search(r"recommendation", label, re.I) for label in labels):
        return None
    action = next((i for i, label in enumerate(labels) if _ACTION_HEADER.match(label)), None)
    owner = next((i for i, label in enumerate(labels) if _OWNER_HEADER.match(label)), None)
    if action is None or owner is None:
        return None
    due = next((i for i, label in enumerate(labels) if _DUE_HEADER.match(label)), None)
    return action, owner, due


def _drop_duplicates(commitments: list[Commitment]) -> list[Commitment]:
    seen: set[tuple[int, int]] = set()
    kept: list[Commitment] = []
    for commitment in commitments:
        span = (commitment.span.start, commitment.span.end)
        if span not in seen:
            seen.add(span)
            kept.append(replace(commitment, key=f"commitment-{len(kept) + 1}"))
    return kept


def _last_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    units = list(_sentence_units(text, start, end, None, False, start))
    return (units[-1].start, units[-1].end) if units else _trim(text, start, end)


# "Mark Davies (Director of Children's Services) undertook to …": a name and its post.
NAMED_POST_BEFORE = re.compile(
    r"(?P<name>[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){1,2})[ \t]*\((?P<post>[^()\n]{3,80})\)"
    r"[ \t]*(?:\w+[ \t]+){0,2}$"
)


def _made_by(text: str, unit: _Unit, cue: _Cue, author: Author = NO_AUTHOR) -> tuple[str, ...]:
    if unit.owners:
        return unit.owners
    sentence = text[unit.start : unit.end]
    named = NAMED_POST_BEFORE.search(sentence[: cue.position]) if not cue.passive else None
    if named and _acts(named.group("post"), passive=False):
        return (named.group("name"), named.group("post").strip())
    subject = "" if cue.passive else _clean_actor(cue.subject)
    own = author.named(subject) if subject else None
    if own:
        return (own,)
    if subject and subject.lower() not in PRONOUN_ACTORS and _acts(subject, passive=False):
        return (subject,)
    if subject and undertakings.names_actor(subject):
        return (subject,)  # "Ofsted will also revise ...": a one-word name opening a sentence
    agent = PASSIVE_AGENT.search(sentence, cue.position)
    if agent:
        return (_clean_actor(agent.group("agent")),)
    if subject.lower() in {"i", "we"}:
        speaker = _speaker(text, unit.start + cue.position)
        if subject.lower() == "we" and any(MINISTERIAL.search(part) for part in speaker):
            return (*speaker, "the Government")  # a minister's "we" is the government's
        if speaker or subject.lower() == "i":
            return speaker
        we = author.we()
        return (we,) if we else ()
    reporter = REPORTING_VERB.search(sentence[: max(0, cue.position - 0)])
    if reporter:
        who = _clean_actor(reporter.group("who"))
        if who and who.lower() not in {"it", "this"} and _acts(who, passive=False):
            return (who,)
    return ()


# Labelled lines of a document's own header or minutes ("TITLE:", "RESOLVED:"), not turns.
DOCUMENT_LABELS = _words(
    """
    title source url date minutes present resolved agenda contact venue note notes action
    decision decisions purpose summary background recommendation recommendations apologies
    attendees subject report author transcript meeting item items published location
    response reply answer question issued by from to ref reference copy cc dear status
    statement embargo press release ends
    """
)
MINISTERIAL = re.compile(r"\b(?:Minister|Secretary\s+of\s+State|Under-Secretary)\b")
SPEAKER_REACH = 6000  # characters back from a first-person undertaking to its speaker


# Who wrote a statement, an answer or a letter, on a line of its own: "BY: Rhian Pryce MS,
# Cabinet Secretary for Transport", "Reply from Councillor Tom Birch, Cabinet Member for …".
AUTHOR_LINE = re.compile(
    rf"^[ \t]*(?:BY|By|(?:Reply|Answer|Response|Statement|Letter)[ \t]+(?:from|by))[ \t]*:?[ \t]+"
    rf"(?P<name>(?:{_SPEAKER_TITLE}[ \t]+)?[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+){{1,3}})"
    r"(?:[ \t]+(?:MS|MP|MSP|MLA|AM))?(?:,[ \t]*(?P<role>[^\n]{3,100}))?[ \t]*$",
    re.MULTILINE,
)


def _speaker(text: str, position: int) -> tuple[str, ...]:
    """Who says "I will ..." or "We will ...": the label of the turn it stands in, or the
    author a line before it names ("BY: Name, post")."""
    window_start = max(0, position - SPEAKER_REACH)
    authors = list(AUTHOR_LINE.finditer(text, window_start, position))
    turn = _speaker_turn(text, window_start, position)
    if authors and (turn is None or authors[-1].start() > turn.start()):
        author = authors[-1]
        role = (author.group("role") or "").strip()
        return (author.group("name"), role) if role else (author.group("name"),)
    if turn is None:
        return ()
    if turn.group("named"):
        return (turn.group("named"), turn.group("role").strip())
    return (turn.group("name").strip(),)


def _speaker_turn(text: str, window_start: int, position: int) -> re.Match[str] | None:
    """The last speaker label between ``window_start`` and ``position``."""
    last = None
    for match in SPEAKER.finditer(text, window_start, position):
        name = match.group("named") or match.group("name") or ""
        bare = match.group("name") is not None and not match.group("brackets")
        if bare and (
            not re.match(_SPEAKER_TITLE, name) and text[match.end() - 1 : match.end()] != ":"
        ):
            continue  # a bare capitalised line is a heading unless titled or followed by ":"
        if len(name.split()) > 5 or name.strip().lower() in DOCUMENT_LABELS:
            continue
        last = match
    return last


def _actor(cue: _Cue, made_by: tuple[str, ...], author: Author = NO_AUTHOR) -> tuple[str, ...]:
    subject = "" if cue.passive else _clean_actor(cue.subject)
    if subject.count(")") > subject.count("("):
        return made_by  # "Name (Post) undertook to": a post cut from its bracket
    own = author.named(subject) if subject else None
    if own:
        return (own,)
    if subject and subject.lower() not in PRONOUN_ACTORS and _acts(subject, passive=False):
        return (subject,)
    return made_by


def _clean_actor(phrase: str) -> str:
    phrase = re.sub(
        r"^(?:that|and|so|then|also|in\s+addition)\s+", "", phrase.strip(), flags=re.IGNORECASE
    )
    phrase = re.sub(r"\s+(?:is|are|was|were|has|have|had)$", "", phrase)
    return phrase.strip(" ,.;:'\"“”")


def _normalise(value: str) -> str:
    return " ".join(TAG.sub(" ", value).split())


def _label(sentence: str) -> str:
    if len(sentence) <= LABEL_CHARS:
        return sentence
    cut = sentence[:LABEL_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"
