"""Document metadata stated by the text itself: title, council, committee, meeting date."""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from scrutiny.ingest.records import DocumentMetadata

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
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_DAY}[ -]{_MONTH}[ ,-]+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
    re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b"),
)
_COMMITTEE = re.compile(
    r"(?:[A-Z][\w'’&-]*,? (?:(?:and|of|for|&|the) )*){1,8}"
    r"(?:Scrutiny |Overview and Scrutiny |O&S )?"
    r"(?:Sub-Committee|Committee|Commission|Panel|Cabinet|Board)\b"
)
_NOT_COMMITTEE_START = re.compile(r"^(?:The|A|An|This|That|Our|Their|At|In|On|To|From|Chair)\s")
_HEAD_CHARS = 2500
#: One mention is enough: a response table may name its council once, in a comment.
MIN_COUNCIL_SCORE = 1


@dataclass(frozen=True)
class CouncilName:
    label: str
    names: tuple[str, ...]  # every way the text may name it: short name, label, aliases
    short_name: str | None = None


class CouncilDirectory:
    """Councils to recognise in text, usually loaded from the organisations gazetteer."""

    def __init__(self, councils: tuple[CouncilName, ...]) -> None:
        self.councils = councils
        self._labels_by_name: dict[str, list[str]] = {}
        for council in councils:
            for name in council.names:
                self._labels_by_name.setdefault(name, []).append(council.label)
        # A place name alone ("Sutton") is also a surname, a street, a company: it only
        # counts as the council where it is not part of a longer capitalised name.
        self._bare_names = {c.short_name for c in councils if c.short_name}
        names = sorted(self._labels_by_name, key=len, reverse=True)
        self._pattern = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, names)) + r")\b") if names else None
        )

    @classmethod
    def from_gazetteer(cls, path: Path) -> CouncilDirectory:
        if not path.exists():
            return cls(())
        councils = []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if (row.get("type") or "").strip() != "council":
                    continue
                short_name = (row.get("short_name") or "").strip() or None
                names = {row["label"].strip(), short_name or ""}
                names.update(a.strip() for a in (row.get("aliases") or "").split("|"))
                councils.append(
                    CouncilName(
                        row["label"].strip(), tuple(sorted(n for n in names if n)), short_name
                    )
                )
        return cls(tuple(councils))

    def most_mentioned(self, text: str) -> str | None:
        """The council the text names most, counting mentions near the top three times."""
        if self._pattern is None:
            return None
        scores: Counter[str] = Counter()
        named_in_full: set[str] = set()  # by label, alias or web domain, not place alone
        for match in self._pattern.finditer(text):
            bare = match.group(0) in self._bare_names
            if bare and _inside_longer_name(text, match):
                continue  # "Keith Sutton", "Norfolk Southern Railway", "Nottingham Road"
            weight = 3 if match.start() < _HEAD_CHARS else 1
            for label in self._labels_by_name[match.group(0)]:
                scores[label] += weight
                if not bare:
                    named_in_full.add(label)
        head = text[:_HEAD_CHARS].lower()
        if ".gov.uk" in head:
            for council in self.councils:
                domain = (council.short_name or council.label).lower().replace(" ", "")
                found = head.count(f"{domain}.gov.uk")
                if found:
                    scores[council.label] += 2 * found
                    named_in_full.add(council.label)
        best = scores.most_common(1)
        if not best:
            return None
        label, score = best[0]
        # A place name alone must recur in proportion to the text's length: one "Brent"
        # in 300,000 characters of another country's records is not a council.
        needed = MIN_COUNCIL_SCORE + (0 if label in named_in_full else len(text) // 100_000)
        return label if score >= needed else None


_NEXT_WORD = re.compile(r"[ \t]+(?:&[ \t]+)?([A-Z][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Z][\w'’-]*)[ \t]+$")
#: Capitalised words that may stand next to a council's name without being part of it.
_NAME_NEIGHBOURS = frozenset(
    [
        "The",
        "In",
        "At",
        "For",
        "And",
        "Of",
        "To",
        "By",
        "From",
        "With",
        "On",
        "Across",
        "Within",
        "Council",
        "Councils",
        "Borough",
        "County",
        "City",
        "District",
        "Metropolitan",
        "Royal",
        "London",
        "LB",
    ]
)


def _inside_longer_name(text: str, match: re.Match[str]) -> bool:
    """Whether a capitalised word other than a council word runs into the match."""
    after = _NEXT_WORD.match(text, match.end())
    before = _PREVIOUS_WORD.search(text, max(0, match.start() - 40), match.start())
    return any(
        found is not None and found.group(1) not in _NAME_NEIGHBOURS for found in (after, before)
    )


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every date in ``text`` as (offset, ISO string), in order of appearance."""
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso_date(match)
            if iso:
                found.append((match.start(), iso))
    return sorted(found)


def _iso_date(match: re.Match[str]) -> str | None:
    month_text = match.group("month").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text]
    try:
        return date(int(match.group("year")), month, int(match.group("day"))).isoformat()
    except ValueError:
        return None


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


def infer_committee(text: str) -> str | None:
    for match in _COMMITTEE.finditer(text[:_HEAD_CHARS]):
        name = match.group(0).strip()
        name = _NOT_COMMITTEE_START.sub("", name)
        name = re.sub(r"^.*\bCouncil,? ", "", name)
        if name.endswith("Board") and not re.search(r"Scrutiny|Parenting|Wellbeing", name):
            continue
        if "Scrutiny" in name or name.endswith("Cabinet") or len(name.split()) >= 3:
            return name
    return None


def infer_metadata(text: str, file_name: str, councils: CouncilDirectory) -> DocumentMetadata:
    head = text[:_HEAD_CHARS]
    date_line = _labelled_line(text, r"(?:Committee/)?Date")
    dates = (
        find_dates(date_line or "") or find_dates(head) or find_dates(file_name.replace("_", " "))
    )
    return DocumentMetadata(
        title=infer_title(text, fallback=Path(file_name).stem),
        council=councils.most_mentioned(text),
        committee=infer_committee(text),
        meeting_date=dates[0][1] if dates else None,
        source_url=_labelled_line(text, "SOURCE"),
    )
