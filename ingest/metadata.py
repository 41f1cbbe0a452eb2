"""Document metadata stated by the text itself: title, council, committee, meeting date.

Whose document it is comes from where a document names its publisher: the title, the
first lines (letterhead, heading) and the address it was published at, never from a
place its body mentions. A council's document gets the council; a parliament's,
department's, inspectorate's, inquiry's or partnership's document gets that body and
no council (a partnership's gets its council too where its title or opening names
one). The date likewise comes only from the title or the heading lines; an unknown
council or date is left unknown rather than guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scrutiny.ingest.extract.organisations import (
    GazetteerEntry,
    OrganisationGazetteer,
    OrganisationType,
    read_gazetteer_rows,
    slugify,
)
from scrutiny.ingest.records import DocumentMetadata, Span

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")"
_WEEKDAY = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)"
)
_DATE_PATTERNS = (
    # 9 September 2020, 9th of Sept. 2020, 09-Sep-2020
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?,?[ -]+(?:of[ ]+)?(?P<month>{_MONTH})\.?,?[ -]+"
        r"(?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    # September 9, 2020
    re.compile(
        rf"\b(?P<month>{_MONTH})\.? (?P<day>[0-3]?\d)(?:st|nd|rd|th)?,? (?P<year>(?:19|20)\d\d)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
)
_MONTH_YEAR = re.compile(
    rf"(?<![\w/-])(?P<month>{_MONTH})\.?,?\s+(?P<year>(?:19|20)\d\d)\b(?![/-]\d)", re.IGNORECASE
)
_WEEKDAY_DATE = re.compile(rf"\b{_WEEKDAY}\b,?\s+(?:the\s+)?\d", re.IGNORECASE)
#: A year standing alone in a title: "(2013)", "…, 2013", "… - 2013".
#: A year or month-year standing alone as an item of a title: "(2013)", "(press release,
#: 2013)", "… - March 2022", "…, 2009;" — not "the March 2015 inspection", "2018-2019".
_TITLE_ITEM_BEFORE = re.compile(r"(?:^|[(\[,;:–—-]|\s[-–—])\s*$")
_TITLE_ITEM_AFTER = re.compile(r"^\s*(?:$|[)\],;:(–—]|-\s)")
_TITLE_YEAR = re.compile(r"(?<![\d/-])(?P<year>(?:19|20)\d\d)(?![\d/-])")
_EVENT_BEFORE = re.compile(
    r"\b(?:following|since|after|prior to|before|until|ahead of)\s+(?:the\s+)?$", re.IGNORECASE
)
_NOT_A_DATE_BEFORE = re.compile(
    r"\b(?:Act|Acts|Regulations|Order|Bill|Rules|Measure|Plan|Strategy|Session|Year|Years)\s*$",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^\s*(?:date(?:\s+of\s+(?:the\s+)?(?:meeting|publication|issue|report|decision))?"
    r"|meeting\s+date|(?:date\s+)?published(?:\s+on)?|publication\s+date|issued(?:\s+on)?"
    r"|report\s+date|decision\s+date|committee(?:/|\s+)date|meeting)\s*[:\-–]?\s+(?P<rest>.+)$",
    re.IGNORECASE,
)
_OTHER_MEETING = re.compile(
    r"\b(?:next|previous|last|earlier|future|subsequent|following|adjourned)\s+meeting"
    r"|\bto\s+(?:approve|confirm|agree|sign|receive)\b.*\bminutes\b"
    r"|\bdeadline\b|\bby\s+\d|\buntil\b|\bdue\b|\btarget\b|\btimescale|\bcomplet"
    r"|\bexpected\b|\bbetween\b|\bfrom\s+\d",
    re.IGNORECASE,
)
_COMMITTEE = re.compile(
    r"(?:[A-Z][\w'’&-]*,? (?:(?:and|of|for|&|the|in|on) )*){1,8}"
    r"(?:Scrutiny |Overview and Scrutiny |O&S )?"
    r"(?:Sub-Committee|Committee|Commission|Panel|Cabinet|Board)\b"
)
_NOT_COMMITTEE_START = re.compile(r"^(?:The|A|An|This|That|Our|Their|At|In|On|To|From|Chair)\s")
_HEAD_CHARS = 2500
_HEADER_LINES = 25
_LONGEST_HEADING = 150
_METADATA_LINE = re.compile(r"^\s*(?:SOURCE|TITLE|URL)\s*:", re.IGNORECASE)


# --- dates --------------------------------------------------------------------------


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every full date in ``text`` as (offset, ISO string), in order of appearance."""
    return [(start, iso) for start, _, iso in _full_dates(text)]


def _full_dates(text: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso_date(match)
            if iso and not any(s <= match.start() < e for s, e, _ in found):
                found.append((match.start(), match.end(), iso))
    return sorted(found)


def _month_years(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in _MONTH_YEAR.finditer(text):
        before = text[max(0, match.start() - 6) : match.start()]
        if re.search(r"\d(?:st|nd|rd|th)?,?\s*(?:of\s*)?$", before):
            continue  # part of a full date
        month = _MONTHS[match.group("month").lower()]
        found.append((match.start(), match.end(), f"{match.group('year')}-{month:02d}"))
    return found


def _iso_date(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


@dataclass(frozen=True)
class _Line:
    start: int
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()


def header_lines(text: str, limit: int = _HEADER_LINES) -> list[_Line]:
    """The first ``limit`` non-blank lines, without the corpus's SOURCE/TITLE lines."""
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        if len(lines) >= limit:
            break
        if raw.strip() and not _METADATA_LINE.match(raw):
            lines.append(_Line(offset, raw))
        offset += len(raw) + 1
    return lines


def _title_date(title: str) -> str | None:
    for start, _end, iso in _full_dates(title):
        if not _EVENT_BEFORE.search(title[:start]):
            return iso
    for start, end, iso in _month_years(title):
        if _standalone(title, start, end):
            return iso
    for match in _TITLE_YEAR.finditer(title):
        if _standalone(title, match.start(), match.end()) and not _NOT_A_DATE_BEFORE.search(
            title[: match.start()]
        ):
            return match.group("year")
    return None


def _standalone(title: str, start: int, end: int) -> bool:
    """Whether a title's date is an item of its own, not a word of a phrase."""
    return bool(_TITLE_ITEM_BEFORE.search(title[:start]) and _TITLE_ITEM_AFTER.match(title[end:]))


def _heading_like(line: str) -> bool:
    text = line.strip()
    return len(text) <= 100 and len(text.split()) <= 16 and not text.endswith((".", ";", ","))


def _header_date(lines: list[_Line]) -> tuple[str, Span] | None:
    """The document's own date among its heading lines, by strength of the evidence."""

    def first(rule: int) -> tuple[str, Span] | None:
        for line in lines:
            text = line.text
            if len(text.strip()) > _LONGEST_HEADING or _OTHER_MEETING.search(text):
                continue
            found = _date_by_rule(text, rule)
            if found is not None:
                start, end, iso = found
                return iso, Span(line.start + start, line.start + end)
        return None

    for rule in range(4):
        result = first(rule)
        if result is not None:
            return result
    return None


def _date_by_rule(text: str, rule: int) -> tuple[int, int, str] | None:
    full = _full_dates(text)
    if rule == 0:  # "Date: 9 September 2020", "Published: March 2013"
        label = _DATE_LABEL.match(text)
        if label is None:
            return None
        offset = label.start("rest")
        dates = _full_dates(label.group("rest")) or _month_years(label.group("rest"))
        if dates and dates[0][0] <= 12:
            start, end, iso = dates[0]
            return offset + start, offset + end, iso
        return None
    if rule == 1:  # a weekday date: "Monday 14 October 2024"
        for start, end, iso in full:
            if _WEEKDAY_DATE.search(text[max(0, start - 14) : end]):
                return start, end, iso
        return None
    if rule == 2:  # a line that is only a date ("October 14, 2024", "March 2013")
        dates = full or _month_years(text)
        if dates:
            start, end, iso = dates[0]
            rest = (text[:start] + text[end:]).strip(" \t,-–|")
            rest = re.sub(
                rf"^{_WEEKDAY}\b,?|\b\d{{1,2}}[.:]\d\d\s*[ap]\.?m\.?\b", "", rest, flags=re.I
            )
            if not rest.strip(" \t,-–|"):
                return start, end, iso
        return None
    # a heading line holding a full date: "People Scrutiny Committee 17 March 2025"
    if full and _heading_like(text) and not re.search(r"[|\t]|^\s*(?:\d+[.)]|[-•*·])\s", text):
        return full[0]  # not a table row or a list item (a due date, a milestone)
    return None


def stated_date(text: str, title: str | None) -> tuple[str, Span | None] | None:
    """The date a document states as its own: from its title, else its heading lines
    (a labelled date, a weekday date, a line that is only a date, a heading with a
    date). A month-year gives "YYYY-MM", a year alone in the title "YYYY"."""
    lines = header_lines(text)
    in_header = _header_date(lines)
    if title:
        from_title = _title_date(title)
        if from_title:
            # a fuller date in the heading that agrees with the title's month or year
            if len(from_title) < 10 and in_header and in_header[0].startswith(from_title):
                return in_header
            return from_title, None
    return in_header


# --- publisher ----------------------------------------------------------------------


@dataclass(frozen=True)
class CouncilName:
    label: str
    names: tuple[str, ...]  # every way the text may name it: short name, label, aliases
    short_name: str | None = None
    domains: tuple[str, ...] = ()  # web domain labels ("brent" for democracy.brent.gov.uk)
    current: bool = True


@dataclass(frozen=True)
class CouncilSeat:
    """A building a council meets in and the town it stands in (``council_seats.csv``)."""

    council: str
    building: str
    town: str


def read_seats(path: Path) -> tuple[CouncilSeat, ...]:
    """The register of council seats; empty when the file is absent."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            CouncilSeat(row["council"].strip(), row["building"].strip(), row["town"].strip())
            for row in csv.DictReader(handle)
            if row.get("council") and row.get("building") and row.get("town")
        )


@dataclass(frozen=True)
class Publisher:
    """Whose document it is: a council, a body, both (a partnership of a named council)
    or neither; ``basis`` says where that was read ("title", "heading", "address")."""

    council: str | None = None
    body: str | None = None
    basis: str | None = None


@dataclass(frozen=True)
class _Named:
    start: int
    end: int
    label: str
    is_council: bool
    kind: str  # organisation type, or the pattern that recognised it


_BODY_PATTERNS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\bHouse of Commons\b"), "House of Commons", "parliament"),
    (re.compile(r"\bHouse of Lords\b"), "House of Lords", "parliament"),
    (re.compile(r"\bHansard\b"), "Hansard", "parliament"),
    (re.compile(r"\bWestminster Hall\b"), "Westminster Hall", "parliament"),
    (
        re.compile(r"\b(?:Commons|Lords)(?: [A-Z][\w,'’]*| and| &)* (?:Select )?Committee\b"),
        "Parliament of the United Kingdom",
        "parliament",
    ),
    (re.compile(r"\bSelect Committee\b"), "Parliament of the United Kingdom", "parliament"),
    (
        re.compile(r"\b(?:UK |Westminster )?Parliament(?! Street)\b"),
        "Parliament of the United Kingdom",
        "parliament",
    ),
    (re.compile(r"\bSenedd\b"), "Senedd Cymru", "parliament"),
    (re.compile(r"\bH[CL] Deb\b"), "Hansard", "parliament"),
    (re.compile(r"\bCommons Chamber\b"), "House of Commons", "parliament"),
    (re.compile(r"\bLords Chamber\b"), "House of Lords", "parliament"),
    (re.compile(r"\b[Uu]rgent [Qq]uestion\b"), "House of Commons", "parliament"),
    (
        re.compile(r"\b[Ww]ritten (?:[Mm]inisterial )?[Ss]tatement\b|\bHC?WS\d+\b"),
        "HM Government",
        "government department",
    ),
    (
        re.compile(r"\b(?:HM|UK|British|Her Majesty's|His Majesty's) Government\b"),
        "HM Government",
        "government department",
    ),
    (
        re.compile(r"^Government (?:[Rr]esponse|[Aa]ction [Pp]lan)\b"),
        "HM Government",
        "government department",
    ),
    (re.compile(r"\bSecretary of State\b"), "HM Government", "government department"),
    (re.compile(r"\bMinister (?:of|for) [A-Z]"), "HM Government", "government department"),
    (
        re.compile(r"\bMinistry of [A-Z][\w'’]*(?:,? (?:and |& )?[A-Z][\w'’]*)*"),
        "",
        "government department",
    ),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’.-]*(?:,? (?:and|&|of|into|the|on) )*(?:[A-Z][\w'’.-]*|\d+) )+"
            r"(?:Public |Independent )?Inquiry\b"
        ),
        "",
        "inquiry",
    ),
    (
        re.compile(
            r"\b(?:Independent|Public) Inquiry (?:into|on) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)*"
        ),
        "",
        "inquiry",
    ),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’.-]*(?:,? (?:and|&) | ))+(?:Local )?Safeguarding "
            r"(?:Children |Adults |Children and Adults )?(?:Partnership|Board)\b"
        ),
        "",
        "partnership",
    ),
    (re.compile(r"\b(?:[A-Z][\w'’.-]* )+L?SC[BP]\b"), "", "partnership"),
    (
        re.compile(
            r"\b(?:[A-Z][\w'’.-]*(?:,? (?:and|&) | ))+Police,? (?:Fire and )?(?:and )?Crime Panel\b"
        ),
        "",
        "panel",
    ),
    (re.compile(r"\bSafeguarding (?:Children )?(?:Partnership|Board)\b"), "", "partnership"),
)
_COUNCIL_INQUIRY_AFTER = re.compile(r"\s(?:Panel|Group|Committee|Board|Team|Day)\b")
_PUBLISHER_PREFIX = re.compile(
    r"^(?:\W|minutes|of|the|a|an|annual|report|reports|to|by|from|for|agenda|meeting|press|release"
    r"|news|statement|letter|response|published|\s)*$",
    re.IGNORECASE,
)
_NOT_A_PUBLISHER = frozenset({"Parliament of the United Kingdom"})  # "Act of Parliament"

# Address → body: (host suffix, path fragment or "", body label, body type)
_ADDRESS_BODIES: tuple[tuple[str, str, str, str], ...] = (
    ("parliament.uk", "", "Parliament of the United Kingdom", "parliament"),
    ("parliamentlive.tv", "", "Parliament of the United Kingdom", "parliament"),
    ("parallelparliament.co.uk", "", "Parliament of the United Kingdom", "parliament"),
    ("parliamenttoday.com", "", "Parliament of the United Kingdom", "parliament"),
    ("theyworkforyou.com", "", "Parliament of the United Kingdom", "parliament"),
    ("senedd.wales", "", "Senedd Cymru", "parliament"),
    ("parliament.scot", "", "Scottish Parliament", "parliament"),
    ("niassembly.gov.uk", "", "Northern Ireland Assembly", "parliament"),
    ("ofsted.gov.uk", "", "Ofsted", "inspectorate"),
    ("cqc.org.uk", "", "Care Quality Commission", "inspectorate"),
    (
        "justiceinspectorates.gov.uk",
        "/hmicfrs",
        "HM Inspectorate of Constabulary and Fire & Rescue Services",
        "inspectorate",
    ),
    (
        "justiceinspectorates.gov.uk",
        "/hmiprobation",
        "HM Inspectorate of Probation",
        "inspectorate",
    ),
    ("justiceinspectorates.gov.uk", "/hmiprisons", "HM Inspectorate of Prisons", "inspectorate"),
    ("estyn.gov.wales", "", "Estyn", "inspectorate"),
    ("careinspectorate.wales", "", "Care Inspectorate Wales", "inspectorate"),
    ("careinspectorate.com", "", "Care Inspectorate", "inspectorate"),
    ("childrenscommissioner.gov.uk", "", "Children's Commissioner for England", "other"),
    ("iicsa.org.uk", "", "Independent Inquiry into Child Sexual Abuse", "inquiry"),
    ("covid19.public-inquiry.uk", "", "UK Covid-19 Inquiry", "inquiry"),
    ("infectedbloodinquiry.org.uk", "", "Infected Blood Inquiry", "inquiry"),
    ("postofficehorizoninquiry.org.uk", "", "Post Office Horizon IT Inquiry", "inquiry"),
    ("dcsf.gov.uk", "", "Department for Children, Schools and Families", "government department"),
    ("dfes.gov.uk", "", "Department for Education", "government department"),
    ("education.gov.uk", "", "Department for Education", "government department"),
    ("gov.wales", "", "Welsh Government", "government department"),
    ("gov.scot", "", "Scottish Government", "government department"),
    ("www.gov.uk", "", "HM Government", "government department"),
    ("assets.publishing.service.gov.uk", "", "HM Government", "government department"),
)
_ADDRESS = re.compile(r"(?:@|https?://|\bwww\.)([a-z0-9-]+(?:\.[a-z0-9-]+)+)", re.IGNORECASE)
_VENUE = re.compile(
    r"^\s*(?:Venue|Location|Place)\s*:.*?(?<![\w'’-])"
    r"(?P<place>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?) "
    r"(?:Civic Centre|Civic Offices|Town Hall|Council House|Guildhall|City Hall)\b"
)
# "Venue: Council Chamber, County Hall, Spetchley Road, Worcester": a council building,
# then the town it stands in, each between commas.
_VENUE_LINE = re.compile(r"^\s*(?:Venue|Location|Place|Address)\s*:\s*(?P<rest>.+)$", re.I)
_COUNCIL_BUILDING = re.compile(
    r"^(?:The\s+)?(?:New\s+)?(?:County Hall|Shire ?Hall|County Offices|County Buildings|"
    r"Civic Centre|Civic Offices|Civic Hall|Town Hall|Council House|Guildhall|City Hall|"
    r"Council Offices|Municipal Buildings|Borough Hall|Council Headquarters)$",
    re.I,
)
_POSTCODE = re.compile(r"\s*\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b\s*$")
SEATS_FILE = "council_seats.csv"
_COUNCIL_HOST = re.compile(
    r"\.(?:gov\.uk|gov\.wales|llyw\.cymru|gov\.scot|scot)$|moderngov\.co\.uk$"
)


class CouncilDirectory:
    """The register of councils and other public bodies, read to tell whose a document
    is; usually loaded from the organisations gazetteer."""

    def __init__(
        self,
        councils: tuple[CouncilName, ...],
        gazetteer: OrganisationGazetteer | None = None,
        seats: tuple[CouncilSeat, ...] = (),
    ) -> None:
        self.councils = councils
        self._seats = {(seat.building.lower(), seat.town.lower()): seat.council for seat in seats}
        self._seat_buildings = {seat.building.lower() for seat in seats}
        if gazetteer is None:
            gazetteer = OrganisationGazetteer(
                GazetteerEntry(
                    key=f"organisation:{slugify(council.label)}",
                    label=council.label,
                    type=OrganisationType.COUNCIL,
                    aliases=tuple(n for n in council.names if n != council.short_name),
                    short_name=council.short_name,
                )
                for council in councils
            )
        self.gazetteer = gazetteer
        self._council_labels = {c.label for c in councils}
        self._council_by_place = {
            c.short_name: c.label for c in councils if c.short_name and c.current
        }
        self._domains: dict[str, str] = {}
        for council in councils:  # domains the register states come first
            for domain in council.domains:
                self._domains.setdefault(domain, council.label)
        current: dict[str, set[str]] = {}
        abolished: dict[str, set[str]] = {}
        for council in councils:
            for domain in _default_domains(council):
                (current if council.current else abolished).setdefault(domain, set()).add(
                    council.label
                )
        for domain in {*current, *abolished} - set(self._domains):
            labels = current.get(domain) or abolished.get(domain, set())
            if len(labels) == 1:
                self._domains[domain] = next(iter(labels))

    @classmethod
    def from_gazetteer(cls, path: Path) -> CouncilDirectory:
        if not path.exists():
            return cls(())
        rows = read_gazetteer_rows(path)
        councils = []
        for row in rows:
            if (row.get("type") or "").strip() != "council":
                continue
            short_name = (row.get("short_name") or "").strip() or None
            names = {row["label"].strip(), short_name or ""}
            names.update(a.strip() for a in (row.get("aliases") or "").split("|"))
            domains = tuple(d.strip() for d in (row.get("domains") or "").split("|") if d.strip())
            councils.append(
                CouncilName(
                    row["label"].strip(),
                    tuple(sorted(n for n in names if n)),
                    short_name,
                    domains,
                    (row.get("status") or "current").strip() != "abolished",
                )
            )
        return cls(
            tuple(councils),
            OrganisationGazetteer.from_csv(path),
            read_seats(path.parent / SEATS_FILE),
        )

    # names in a title or heading line ------------------------------------------------

    def _named(self, text: str) -> list[_Named]:
        """Councils and bodies named in full in ``text`` (not a place name alone)."""
        found: list[_Named] = []
        for span, _surface, keys in self.gazetteer.find(text):
            entries = [e for e in (self.gazetteer.get(k) for k in keys) if e is not None]
            if len(entries) != 1:
                continue  # an ambiguous acronym
            entry = entries[0]
            is_council = entry.type is OrganisationType.COUNCIL
            label = entry.label
            if is_council and label not in self._council_labels:
                continue
            found.append(_Named(span.start, span.end, label, is_council, str(entry.type)))
        for pattern, label, kind in _BODY_PATTERNS:
            for match in pattern.finditer(text):
                name = label or " ".join(match.group(0).split())
                if kind == "inquiry" and (
                    "Scrutiny" in match.group(0) or _COUNCIL_INQUIRY_AFTER.match(text, match.end())
                ):
                    continue  # a council's scrutiny inquiry, not a public inquiry
                if any(n.start <= match.start() < n.end for n in found if n.is_council):
                    continue
                found.append(_Named(match.start(), match.end(), name, False, kind))
        # at one position the longer name wins ("House of Commons Education Committee")
        found.sort(key=lambda n: (n.start, -(n.end - n.start)))
        chosen: list[_Named] = []
        for named in found:
            if not any(other.start <= named.start < other.end for other in chosen):
                chosen.append(named)
        return chosen

    def _leading(self, text: str) -> _Named | None:
        """The body a title or heading opens with ("Slough Borough Council - …",
        "Minutes of the House of Commons …")."""
        for named in self._named(text):
            if _PUBLISHER_PREFIX.match(text[: named.start]):
                return named
            return None
        return None

    def from_address(self, url: str) -> Publisher | None:
        """The council or body whose web address ``url`` is."""
        url = url.strip().split()[0] if url.strip() else ""
        embedded = re.search(r"https?:/+(?!.*https?:/)(.+)", url[8:]) if url else None
        if embedded and "webarchive" in url:
            url = "http://" + embedded.group(1)  # an archived page: the archived address
        parts = urlsplit(url if "://" in url else f"http://{url}")
        host = (parts.hostname or "").lower()
        path = unquote(parts.path).lower()
        if not host:
            return None
        for suffix, fragment, label, _kind in _ADDRESS_BODIES:
            if (host == suffix or host.endswith("." + suffix)) and fragment in path:
                return Publisher(None, label, "address")
        if _COUNCIL_HOST.search(host):
            for part in host.split("."):
                council = self._domains.get(part)
                if council:
                    return Publisher(council, None, "address")
        return None

    def council_at_venue(self, line: str) -> str | None:
        """The council whose building a "Venue:" line names, followed by its town: "County
        Hall, Worcester" by the register of council seats, "Town Hall, Moorgate Street,
        Rotherham" by the council named after the town. None when the line names neither."""
        venue = _VENUE_LINE.match(line)
        if venue is None:
            return None
        parts = [_POSTCODE.sub("", part).strip(" .") for part in venue.group("rest").split(",")]
        for index, part in enumerate(parts):
            building = part.lower()
            if not (_COUNCIL_BUILDING.match(part) or building in self._seat_buildings):
                continue
            for town in parts[index + 1 : index + 4]:
                seated = self._seats.get((building, town.lower()))
                if seated:
                    return seated
                if _COUNCIL_BUILDING.match(part) and (by_place := self._council_by_place.get(town)):
                    return by_place
            return None
        return None

    def publisher(
        self, text: str, title: str | None = None, source_url: str | None = None
    ) -> Publisher:
        """Whose document ``text`` is (see the module's docstring)."""
        lines = [line.stripped for line in header_lines(text, 15)]
        if title is None:
            title = lines[0] if lines else None
        if title and lines and lines[0] == title:
            lines = lines[1:]
        opening = [title or "", *lines]

        def council_named_in_opening() -> str | None:
            """The council that publishes a partnership's document: a letterhead line
            opening with its name, or "Published by …" — not a council a sentence lists
            among the partners."""
            for line in opening:
                if len(line) > 300:
                    continue
                found = [named for named in self._named(line) if named.is_council]
                if len(found) != 1:
                    continue  # none, or the partners listed
                named = found[0]
                letterhead = named.start == 0 and len(line) <= 100
                if letterhead or _PUBLISHED_BY.search(line[: named.start]):
                    return named.label
            return None

        def result(named: _Named, basis: str) -> Publisher:
            if named.is_council:
                return Publisher(named.label, None, basis)
            if named.label in ("House of Commons", "House of Lords"):
                # "House of Commons" over "Housing, Communities and Local Government
                # Committee": the committee's report
                committee = next((c for c in opening[:4] if _COMMITTEE_LINE.match(c)), None)
                if committee is not None:
                    return Publisher(None, f"{named.label} {committee}", basis)
            council = council_named_in_opening() if named.kind == "partnership" else None
            return Publisher(council, named.label, basis)

        if title:
            leading = self._leading(title)
            if leading is not None and leading.label not in _NOT_A_PUBLISHER:
                return result(leading, "title")
        if source_url:
            by_address = self.from_address(source_url)
            if by_address is not None:
                return by_address
        # A line opening with a council's name is its letterhead; one opening with
        # another body's may be an agenda item ("Ofsted inspection of …"), so the
        # contact or web address in the heading outranks it.
        heading_body: _Named | None = None
        for line in lines:
            if len(line) > 300:
                continue
            leading = self._leading(line)
            if leading is None or leading.label in _NOT_A_PUBLISHER:
                continue
            if leading.is_council:
                return result(leading, "heading")
            heading_body = heading_body or leading
        for line in lines:
            for host in _ADDRESS.findall(line):
                by_address = self.from_address(host)
                if by_address is not None:
                    return Publisher(by_address.council, by_address.body, "heading address")
        for line in lines:  # "Venue: Harrow Civic Centre, …": the council's own building
            venue = _VENUE.search(line)
            if venue and (council := self._council_by_place.get(venue.group("place"))):
                return Publisher(council, None, "heading venue")
            if council := self.council_at_venue(line):
                return Publisher(council, None, "heading venue")
        if heading_body is not None:
            return result(heading_body, "heading")
        if title:
            for named in self._named(title):
                if named.label not in _NOT_A_PUBLISHER:
                    return result(named, "title")
        for line in lines:
            if len(line) > 120:
                continue
            for named in self._named(line):
                if named.is_council or named.kind in {"parliament", "inquiry", "inspectorate"}:
                    return result(named, "heading")
        return Publisher()

    def named_publisher(self, name: str) -> Publisher:
        """The council or body a stated publisher's name denotes."""
        entry = self.gazetteer.lookup(name)
        if entry is not None and entry.type is OrganisationType.COUNCIL:
            return Publisher(entry.label, None, "stated")
        if entry is not None:
            return Publisher(None, entry.label, "stated")
        if re.search(r"\bCouncil\b|\bBorough of\b", name):
            return Publisher(name, None, "stated")
        return Publisher(None, name, "stated")

    def names_a_body(self, name: str) -> bool:
        """Whether ``name`` is, whole, a listed body that is not a council or a part of a
        parliament (an inspectorate, a national panel, a partnership)."""
        named = self._named(name)
        return bool(
            named
            and named[0].start == 0
            and named[0].end >= len(name.rstrip())
            and not named[0].is_council
            and named[0].kind != "parliament"
        )


_COMMITTEE_LINE = re.compile(r"^[A-Z][\w ,'’&-]{2,90} (?:Select )?Committee$")
_PUBLISHED_BY = re.compile(
    r"\b(?:published|produced|prepared|issued|hosted)\s+by\s+(?:the\s+)?$|"
    r"\bon\s+behalf\s+of\s+(?:the\s+)?$",
    re.I,
)


def _default_domains(council: CouncilName) -> tuple[str, ...]:
    place = (council.short_name or "").lower().replace("&", "and").replace("'", "")
    if not place:
        return ()
    words = re.findall(r"[a-z0-9]+", place.replace(".", ""))
    joined = "".join(words)
    return tuple(dict.fromkeys([joined, "-".join(words), joined + "council"]))


# --- title and committee ------------------------------------------------------------


def _labelled_line(text: str, label: str) -> str | None:
    match = re.search(rf"^\s*{label}\s*[:\t]\s*(.+)$", text[:_HEAD_CHARS], re.IGNORECASE | re.M)
    return match.group(1).strip() if match else None


def infer_title(text: str, fallback: str) -> str:
    for label in ("TITLE", "Report Title", "Title", "Subject"):
        value = _labelled_line(text, label)
        if value:
            return value[:300]
    for line in text.splitlines():
        line = line.strip().lstrip("#").strip()
        if line and not re.fullmatch(r"[-|:\s]+", line):
            return line[:300]
    return fallback


_ROLE_OF = re.compile(
    r"^.*\b(?:Chair|Chairman|Chairwoman|Vice-Chair|Member|Members|Clerk)s? of (?:the )?"
)


def infer_committee(
    text: str, title: str | None = None, directory: CouncilDirectory | None = None
) -> str | None:
    """The committee a document is for: from its title, else its opening (2,500
    characters); a body that is not a committee ("Care Quality Commission") is skipped."""
    head = "\n".join(
        line for line in text[:_HEAD_CHARS].split("\n") if not _METADATA_LINE.match(line)
    )
    for source in (title or "", head):
        found = _committee_in(source, directory)
        if found is not None:
            return found[1]
    return None


def _committee_in(text: str, directory: CouncilDirectory | None) -> tuple[int, str] | None:
    for match in _COMMITTEE.finditer(text):
        name = match.group(0).strip()
        name = _ROLE_OF.sub("", name)
        name = _NOT_COMMITTEE_START.sub("", name)
        name = re.sub(r"^.*\bCouncil,? ", "", name)
        if name.endswith("Board") and not re.search(r"Scrutiny|Parenting|Wellbeing", name):
            continue
        if directory is not None and directory.names_a_body(name):
            continue
        if "Scrutiny" in name or name.endswith("Cabinet") or len(name.split()) >= 3:
            return match.start(), name
    return None


#: A table beside documents stating where each was published: columns ``file``,
#: ``source`` (its web address) and ``publisher`` (a council's or body's name).
SOURCES_FILE = "sources.csv"


@dataclass(frozen=True)
class StatedSource:
    """Where a document was published, as stated beside it (not in its text)."""

    address: str | None = None
    publisher: str | None = None


def stated_source(path: Path) -> StatedSource | None:
    """What a ``sources.csv`` in the file's folder states about it."""
    table = path.parent / SOURCES_FILE
    try:
        stamp = table.stat().st_mtime_ns
    except OSError:
        return None
    return _sources_table(table, stamp).get(path.name)


@lru_cache(maxsize=32)
def _sources_table(table: Path, _stamp: int) -> dict[str, StatedSource]:
    with table.open(encoding="utf-8", newline="") as handle:
        return {
            (row.get("file") or "").strip(): StatedSource(
                (row.get("source") or "").strip() or None,
                (row.get("publisher") or "").strip() or None,
            )
            for row in csv.DictReader(handle)
            if (row.get("file") or "").strip()
        }


def document_publisher(
    text: str, councils: CouncilDirectory, source: StatedSource | None = None
) -> Publisher:
    """Whose document ``text`` is, read as ``infer_metadata`` reads it."""
    if source is not None and source.publisher:
        return councils.named_publisher(source.publisher)
    source_url = _labelled_line(text, "SOURCE") or (source.address if source else None)
    return councils.publisher(text, _labelled_line(text, "TITLE"), source_url)


def infer_metadata(
    text: str,
    file_name: str,
    councils: CouncilDirectory,
    source: StatedSource | None = None,
) -> DocumentMetadata:
    title = infer_title(text, fallback=Path(file_name).stem)
    stated_title = _labelled_line(text, "TITLE")
    source_url = _labelled_line(text, "SOURCE") or (source.address if source else None)
    stated = stated_date(text, stated_title or title)
    if stated is None:
        in_name = _full_dates(file_name.replace("_", " "))
        stated = (in_name[0][2], None) if in_name else None
    publisher = document_publisher(text, councils, source)
    return DocumentMetadata(
        title=title,
        council=publisher.council,
        committee=infer_committee(text, stated_title or title, councils),
        meeting_date=stated[0] if stated else None,
        source_url=source_url,
        body=publisher.body,
    )
