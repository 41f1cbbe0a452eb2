"""The meeting a document records: minutes, decision records and transcripts.

Committee, date and council come from the document title when there is one (the
title of a published minutes page names them), otherwise from the heading lines.
Attendees come from attendance blocks ("Attendance Details", "Present:", "Also
present:", "Attendees"), agenda items from item headings, and decisions from
"RESOLVED" blocks, decision records, "That … be noted" resolutions and summary
sentences such as "The Commission agreed to …".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from scrutiny.ingest.extract.records import Extraction, Meeting
from scrutiny.ingest.extract.tables import strip_markup
from scrutiny.ingest.metadata import stated_date
from scrutiny.ingest.records import Span

# Lines longer than this are running transcript, not headings or resolutions.
_LONGEST_STRUCTURED_LINE = 3000
_HEADER_LINES = 25
_LONGEST_HEADING = 150


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.start + len(self.text))

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append(_Line(offset, raw))
        offset += len(raw) + 1
    return lines


_METADATA_LINE = re.compile(r"^(?:SOURCE|TITLE|URL)\s*:", re.I)


def _title_from_text(lines: list[_Line]) -> tuple[str, Span] | None:
    for line in lines[:10]:
        match = re.match(r"^TITLE\s*:\s*(.+)$", line.stripped, re.I)
        if match:
            return match.group(1), line.span
    return None


def _header(lines: list[_Line]) -> list[_Line]:
    header: list[_Line] = []
    for line in lines:
        if len(header) >= _HEADER_LINES:
            break
        if line.stripped and not _METADATA_LINE.match(line.stripped):
            header.append(line)
    return header


# --- is this a meeting record? ------------------------------------------------------

_RECORD_MARKER = re.compile(
    r"^(?:minutes\s*:?|agenda and (?:draft )?minutes|transcript|attendance details|attendees"
    r"|present\s*:.*|members present.*|resolved\b.*|decision\s*:.*|.*\bdecision record\b.*"
    r"|apologies for absence\b.*|meeting\s*:.*|issue - (?:meetings|decisions))$",
    re.I,
)
_RECORD_TITLE = re.compile(r"\b(?:minutes|transcript|decisions?)\b", re.I)


def _is_meeting_record(lines: list[_Line], title: str | None) -> bool:
    if title and _RECORD_TITLE.search(title):
        return True
    return any(len(line.text) < 200 and _RECORD_MARKER.match(line.stripped) for line in lines)


# --- committee ----------------------------------------------------------------------

_COMMITTEE_HEAD = re.compile(
    r"\b(?:Sub-Committee|Committee|Commission|Board|Panel|Cabinet|Forum)\b"
)
_TOKEN = re.compile(r"[\w'’&-]+|[^\w\s]")
_CONNECTORS = frozenset({"and", "of", "for", "the", "in", "on", "&"})
_LEADING_NOISE = frozenset({"The", "A", "An", "This", "Extraordinary", "Special", "Joint"})


def _committee_before(text: str, head_start: int, head_end: int) -> tuple[int, str] | None:
    """Walk back from a head noun over capitalised words and connectors."""
    tokens = list(_TOKEN.finditer(text[:head_start]))
    start = head_start
    kept: list[re.Match[str]] = []
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        gap = text[token.end() : start]
        if gap.strip():
            break
        word = token.group()
        if word == ",":
            left = tokens[index - 1].group() if index else ""
            if not (kept and kept[-1].group()[:1].isupper() and left[:1].isupper()):
                break
        elif not (word[:1].isupper() or word in _CONNECTORS):
            break
        kept.append(token)
        start = token.start()
    kept.reverse()
    while kept and (kept[0].group() in _CONNECTORS or kept[0].group() in {",", *_LEADING_NOISE}):
        kept.pop(0)
    head = text[head_start:head_end]
    if not kept and head != "Cabinet":
        return None
    begin = kept[0].start() if kept else head_start
    return begin, text[begin:head_end]


def _committee_in(text: str) -> tuple[int, int, str] | None:
    """The first committee name in ``text``, preferring the longest at one start."""
    best: tuple[int, int, str] | None = None
    for head in _COMMITTEE_HEAD.finditer(text):
        found = _committee_before(text, head.start(), head.end())
        if found is None:
            continue
        begin, name = found
        if best is None or begin < best[0] or (begin == best[0] and len(name) > len(best[2])):
            best = (begin, head.end(), name)
    return best


def _find_committee(title: str | None, header: list[_Line]) -> tuple[str | None, Span | None]:
    if title:
        found = _committee_in(title)
        if found is not None:
            return found[2], None
    for line in header:
        if len(line.stripped) > _LONGEST_HEADING:
            continue  # a committee named inside a paragraph is rarely the meeting's own
        found = _committee_in(line.text)
        if found is not None:
            return found[2], Span(line.start + found[0], line.start + found[1])
    return None, None


# --- date ---------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY_MONTH_YEAR = (
    rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?:of\s+)?"
    rf"(?P<month>{_MONTH})\.?,?\s+(?P<year>\d{{4}})"
)
_MONTH_DAY_YEAR = (
    rf"(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,\s+(?P<year2>\d{{4}})"
)
_NUMERIC = r"(?P<nday>\d{1,2})/(?P<nmonth>\d{1,2})/(?P<nyear>\d{4})"
_ANY_DATE = re.compile(rf"\b(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC})\b", re.I)
_WEEKDAY_DATE = re.compile(rf"\b{_WEEKDAY},?\s+(?:the\s+)?{_DAY_MONTH_YEAR}\b", re.I)
_MEETING_LINE_DATE = re.compile(rf"^\s*Meeting\s*:\s*{_NUMERIC}")
_DATE_ONLY_LINE = re.compile(
    rf"^\s*(?:{_WEEKDAY},?\s+)?(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC})\s*$", re.I
)


def _iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    try:
        if groups.get("day"):
            parsed = date(int(groups["year"]), _MONTHS[groups["month"].lower()], int(groups["day"]))
        elif groups.get("day2"):
            parsed = date(
                int(groups["year2"]), _MONTHS[groups["month2"].lower()], int(groups["day2"])
            )
        else:
            parsed = date(int(groups["nyear"]), int(groups["nmonth"]), int(groups["nday"]))
    except (KeyError, ValueError):
        return None
    return parsed.isoformat()


def _find_date(text: str, title: str | None) -> tuple[str | None, Span | None]:
    # Only the title and the heading lines state the meeting's own date: dates in
    # running text ("the meeting held on 13 September") are usually other events.
    stated = stated_date(text, title)
    if stated is None:
        return None, None
    return stated


# --- council ------------------------------------------------------------------------

_COUNCIL = re.compile(
    r"\b(?:(?:London|Royal) Borough of [A-Z][\w'-]+(?: (?:and )?[A-Z][\w'-]+)*"
    r"|(?:[A-Z][\w'’.-]+ )+Council)\b"
)
_NOT_A_PLACE = frozenset(
    {
        "The",
        "This",
        "That",
        "So",
        "And",
        "Our",
        "Each",
        "Every",
        "Full",
        "Care",
        "Youth",
        "Local",
        "County",
        "City",
        "District",
        "Borough",
        "Town",
        "Parish",
        "School",
        "Schools",
        "Student",
        "Children's",
        "Young",
        "Active",
        "Security",
        "National",
    }
)


_LEADING_FUNCTION_WORDS = frozenset(
    {"The", "A", "At", "In", "By", "Of", "For", "With", "From", "To", "And", "On"}
)


def _council_in(text: str) -> tuple[int, int, str] | None:
    for match in _COUNCIL.finditer(text):
        words = match.group().split()
        start = match.start()
        while words and words[0] in _LEADING_FUNCTION_WORDS:
            start = text.index(words[1], start + len(words[0])) if len(words) > 1 else start
            words.pop(0)
        possessive = any(word.endswith(("'s", "’s")) for word in words)
        if len(words) >= 2 and words[0] not in _NOT_A_PLACE and not possessive:
            return start, match.end(), " ".join(words)
    return None


def _find_council(title: str | None, lines: list[_Line]) -> tuple[str | None, Span | None]:
    if title:
        found = _council_in(title)
        if found is not None:
            return found[2], None
    for line in lines:  # the heading lines: a council named further on is not the host
        if len(line.text) > _LONGEST_HEADING:
            continue
        found = _council_in(line.text)
        if found is not None:
            return found[2], Span(line.start + found[0], line.start + found[1])
    return None, None


# --- attendees ----------------------------------------------------------------------

_ATTENDANCE_HEADING = re.compile(
    r"^(?:attendees|attendance(?: details)?|present|members present|councillors present"
    r"|also present|also in attendance|in attendance|officers present|officers in attendance)"
    r"\s*(?::-?|[-–])?\s*(?P<rest>.*)$",
    re.I,
)
_ATTENDANCE_SUBHEADING = re.compile(
    r"^[A-Z][\w'’ -]*(?:Representatives?|Members?|Councillors|Officers|Governors?|Co-optees)"
    r"\s*:?$"
)
_ATTENDANCE_END = re.compile(
    r"^(?:apologies|absent|item|minutes|documents|declarations|supporting documents|agenda"
    r"|substitut)",
    re.I,
)
_HONORIFIC = re.compile(
    r"^(?:Councillors?|Cllrs?\.?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?|Deputy Mayor|Mayor|Dame|Sir"
    r"|Lord|Lady|Baroness|Professor|Prof\.?|Revd?\.?|Reverend)\s+"
)
_NAME_TOKEN = re.compile(r"^[A-Z][A-Za-z'’-]*\.?$")
_PARTICLES = frozenset({"de", "van", "von", "da", "di", "le", "la", "bin", "al"})
_ROLE_WORDS = frozenset(
    {
        "Member",
        "Members",
        "Director",
        "Officer",
        "Officers",
        "Manager",
        "Chair",
        "Chairman",
        "Head",
        "Cabinet",
        "Council",
        "Service",
        "Services",
        "Team",
        "Board",
        "Committee",
        "Commission",
        "Representative",
        "Representatives",
        "Governor",
        "Governors",
        "Department",
        "Executive",
        "Commissioner",
        "Lead",
        "Police",
        "Partnership",
    }
)
_NAME_SEPARATORS = re.compile(r"\s*(?:;|,|\band\b|&)\s*")
_BULLET = re.compile(r"^[\s\-*•·–]+")


def _person_name(fragment: str, surname_allowed: bool) -> str | None:
    name = fragment.strip(" .:")
    stripped_title = False
    while (honorific := _HONORIFIC.match(name)) is not None:
        name, stripped_title = name[honorific.end() :], True
    tokens = name.split()
    if not tokens or any(token in _ROLE_WORDS for token in tokens):
        return None
    if not all(_NAME_TOKEN.match(token) or token in _PARTICLES for token in tokens):
        return None
    if any(len(token.rstrip(".")) > 2 and token.isupper() for token in tokens):
        return None  # an acronym, not a name
    if len(tokens) == 1 and not (stripped_title or surname_allowed):
        return None
    if len(tokens) > 5 or len(tokens[-1].rstrip(".")) == 1:
        return None
    return " ".join(tokens)


def _names_in_line(line: str) -> list[str]:
    content = re.sub(r"\([^)]*\)", " ", _BULLET.sub("", line))
    surnames_follow = bool(re.match(r"^\s*(?:Councillors|Cllrs)\b", content))
    names: list[str] = []
    for fragment in _NAME_SEPARATORS.split(content):
        if not fragment.strip():
            continue
        name = _person_name(fragment, surnames_follow)
        if name is None:
            break  # the rest of the line describes a role ("Cabinet Member for …")
        names.append(name)
    return names


def _find_attendees(lines: list[_Line]) -> tuple[tuple[str, ...], list[Span]]:
    names: list[str] = []
    spans: list[Span] = []
    index = 0
    while index < len(lines):
        heading = _ATTENDANCE_HEADING.match(lines[index].stripped)
        if heading is None or len(lines[index].text) > 200:
            index += 1
            continue
        spans.append(lines[index].span)
        names.extend(_names_in_line(heading.group("rest")))
        index += 1
        while index < len(lines):
            line = lines[index]
            text = line.stripped
            if not text or _ATTENDANCE_SUBHEADING.match(text):
                index += 1
                continue
            if _ATTENDANCE_HEADING.match(text) or _ATTENDANCE_END.match(text):
                break
            found = _names_in_line(text)
            if not found:
                break
            names.extend(found)
            spans.append(line.span)
            index += 1
    unique = tuple(dict.fromkeys(names))
    return unique, spans


# --- agenda items -------------------------------------------------------------------

_ITEM_NUMBER_LINE = re.compile(r"^\d{1,3}\.?$")
_ITEM_INTRO_LINE = re.compile(r"^(?:agenda item|issue - (?:meetings|decisions))$", re.I)
_NOT_AN_ITEM = re.compile(
    r"^(?:minutes|decision|additional documents|supporting documents)\b", re.I
)
_SUMMARY_START = re.compile(r"^summary$", re.I)
_SUMMARY_END = re.compile(r"^(?:attendees|documents|transcript|attendance)\b", re.I)
_SMALL_WORDS = frozenset({"and", "of", "for", "the", "in", "on", "to", "with", "a", "an", "&"})


def _next_nonblank(lines: list[_Line], index: int) -> _Line | None:
    for line in lines[index + 1 : index + 6]:
        if line.stripped:
            return line
    return None


def _looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 10
        and not text.endswith((".", ",", ";", ":", "?"))
        and all(word[:1].isupper() or word in _SMALL_WORDS or word[:1].isdigit() for word in words)
    )


def _find_items(lines: list[_Line]) -> tuple[tuple[str, ...], list[Span]]:
    items: list[str] = []
    spans: list[Span] = []

    def add(line: _Line) -> None:
        title = strip_markup(line.stripped)
        if title and title not in items and not _NOT_AN_ITEM.match(title):
            items.append(title)
            spans.append(line.span)

    in_summary = False
    for index, line in enumerate(lines):
        text = line.stripped
        if _ITEM_NUMBER_LINE.match(text) or _ITEM_INTRO_LINE.match(text):
            following = _next_nonblank(lines, index)
            if following is not None and len(following.stripped) <= 150:
                add(following)
        elif _SUMMARY_START.match(text):
            in_summary = True
        elif in_summary and _SUMMARY_END.match(text):
            in_summary = False
        elif in_summary and _looks_like_heading(text):
            add(line)
    return tuple(items), spans


# --- decisions ----------------------------------------------------------------------

_RESOLUTION = re.compile(
    r"^(?:RESOLVED|Resolved|DECISION|Decision|AGREED)\b(?:\s+(?:THAT|that)\b)?\s*[:\-–—]*\s*"
    r"(?P<rest>.*)$"
)
_DECISION_RECORD = re.compile(r"^(?:[A-Z]\w* )*Decision Record\b.*$")
_LIST_ITEM = re.compile(r"^(?:\(?(?:\d{1,2}|[a-z]|[ivx]{1,4})[.)])\s+(?P<text>\S.*)$")
_BULLET_ITEM = re.compile(r"^[·•\-*]\s+")
_STANDALONE_RESOLUTION = re.compile(
    r"^That\b.{5,400}?\bbe\s+(?:noted|agreed|approved|accepted|adopted|endorsed|received"
    r"|deferred|supported|confirmed)\b",
)
_BODY_DECISION = re.compile(
    r"(?:^|(?<=[.!?]\s))(?:The (?:[A-Z][\w'’&-]*\s+(?:(?:and|of|for|&)\s+)?){0,6}?"
    r"(?:Commission|Committee|Sub-Committee|Board|Panel|Cabinet|Council|Forum|Executive)"
    r"(?: also)?(?: unanimously)?(?: \w+ and)? (?:agreed|resolved|decided|approved|endorsed|"
    r"AGREED|RESOLVED|DECIDED|APPROVED|ENDORSED|(?:noted|NOTED) the (?:report|update|minutes))\b"
    r"|It was (?:also )?(?:unanimously )?(?:agreed|resolved|decided) (?:that|to)\b"
    r"|Members (?:also )?(?:unanimously )?(?:agreed|resolved|decided) (?:that|to)\b)[^.]*\."
)
# A numbered agenda heading ("3. Sufficiency Strategy"): not a decision of the item above.
_ITEM_HEADING = re.compile(r"^(?:\d{1,2}[.)]|\(?\d{1,2}\))\s+[^.;:]{2,80}$")


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ";", ":", ":-", "!"))


def _decision_block(
    lines: list[_Line], index: int, opening: str
) -> tuple[list[tuple[str, Span]], int]:
    """Decisions after a resolution marker at ``lines[index]``; returns them and the index
    of the first line not consumed."""
    decisions: list[tuple[str, Span]] = []
    marker = lines[index]
    intro = opening.strip()
    if intro and not intro.endswith((":", ":-")):
        decisions.append((intro, marker.span))
    cursor = index + 1
    current_open = bool(decisions)
    while cursor < len(lines):
        line = lines[cursor]
        text = line.stripped
        if not text:
            current_open = False
            cursor += 1
            continue
        if _RESOLUTION.match(text) or _DECISION_RECORD.match(text):
            break
        listed = _LIST_ITEM.match(text)
        if listed and not current_open and decisions and _ITEM_HEADING.match(text):
            break  # the next agenda item's heading after a blank line
        if listed:
            decisions.append((listed.group("text").strip(), line.span))
            current_open = True
        elif _BULLET_ITEM.match(text) and decisions:
            # Sub-points of the decision above ("That the grounds for call-in be: · …").
            joined, span = decisions[-1]
            point = _BULLET_ITEM.sub("", text)
            separator = " " if joined.endswith(":") else "; "
            decisions[-1] = (f"{joined}{separator}{point}", Span(span.start, line.span.end))
        elif (
            decisions
            and current_open
            and (text[:1].islower() or not _ends_sentence(decisions[-1][0]))
        ):
            joined, span = decisions[-1]
            decisions[-1] = (f"{joined} {text}", Span(span.start, line.span.end))
        elif not decisions and not intro:
            decisions.append((text, line.span))
            current_open = True
        else:
            break
        cursor += 1
    if not decisions and intro:
        decisions.append((intro, marker.span))
    return decisions, cursor


def _find_decisions(lines: list[_Line]) -> tuple[tuple[str, ...], list[Span]]:
    found: list[tuple[str, Span]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        text = line.stripped
        if len(line.text) > _LONGEST_STRUCTURED_LINE:
            index += 1
            continue
        resolution = _RESOLUTION.match(text)
        if resolution or _DECISION_RECORD.match(text):
            opening = resolution.group("rest") if resolution else ""
            block, index = _decision_block(lines, index, opening)
            found.extend(block)
            continue
        if _STANDALONE_RESOLUTION.match(text):
            found.append((text, line.span))
        else:
            for match in _BODY_DECISION.finditer(line.text):
                found.append(
                    (match.group(), Span(line.start + match.start(), line.start + match.end()))
                )
        index += 1
    texts: list[str] = []
    spans: list[Span] = []
    for text, span in found:
        cleaned = strip_markup(text).strip(" -–")
        if cleaned and cleaned not in texts:
            texts.append(cleaned)
            spans.append(span)
    return tuple(texts), spans


# --- assembly -----------------------------------------------------------------------


def extract_meeting(text: str, title: str | None = None) -> Extraction:
    """One Meeting entity when ``text`` records a meeting; an empty Extraction otherwise."""
    lines = _split_lines(text)
    evidence: list[Span] = []
    if title is None and (titled := _title_from_text(lines)) is not None:
        title, title_span = titled
        evidence.append(title_span)
    if not _is_meeting_record(lines, title):
        return Extraction()
    header = _header(lines)
    committee, committee_span = _find_committee(title, header)
    meeting_date, date_span = _find_date(text, title)
    council, council_span = _find_council(title, header)
    attendees, attendee_spans = _find_attendees(lines)
    items, item_spans = _find_items(lines)
    decisions, decision_spans = _find_decisions(lines)
    evidence.extend(span for span in (committee_span, date_span, council_span) if span)
    evidence.extend([*attendee_spans, *item_spans, *decision_spans])
    if not evidence:
        evidence.append(Span(0, len(text)))
    confidence = 0.5
    confidence += 0.15 if committee else 0.0
    confidence += 0.15 if meeting_date else 0.0
    confidence += 0.1 if (attendees or items or decisions) else 0.0
    label = " ".join(part for part in (committee or "Meeting", meeting_date) if part)
    meeting = Meeting(
        key="meeting",
        label=label,
        span=Span(min(s.start for s in evidence), max(s.end for s in evidence)),
        confidence=round(min(confidence, 0.95), 2),
        council=council,
        committee=committee,
        date=meeting_date,
        attendees=attendees,
        items=items,
        decisions=decisions,
    )
    return Extraction(entities=(meeting,))
