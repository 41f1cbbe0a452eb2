"""Findings of reviews, inspections and audits: "Finding N" table rows and paragraphs (also
"Key finding N", "Learning point N", numbers in words, a label alone on its line over its
paragraph), the findings column of a table ("| Finding | Risk | Priority |"), and the
findings ``recommendations.prose_findings`` reads from lists and sentences.

A findings table lists each finding's subject and the agencies leading the response;
a lead cell such as "No rec as system amended" means the finding carries no
recommendation (the system was already changed).
"""

from __future__ import annotations

import re

from scrutiny.ingest.extract.recommendations import prose_findings
from scrutiny.ingest.extract.records import Entity, Extraction, Finding
from scrutiny.ingest.extract.tables import (
    TableCell,
    TableRow,
    normalise_number,
    parse_table_rows,
    split_organisations,
    strip_markup,
)
from scrutiny.ingest.records import Span

_FINDING_NUMBER = r"\d{1,3}[a-z]?"
_FINDING_LABEL = re.compile(rf"^\W*Finding\s+(?P<number>{_FINDING_NUMBER})\b\s*[:.\-–—]?\s*", re.I)
_NO_RECOMMENDATION = re.compile(
    r"\bno\s+(?:rec(?:ommendation)?s?\b|further\s+action\b)|\bnot\s+required\b", re.I
)
_LEAD_HEADER = re.compile(r"lead|responsib|agenc|owner|organisation", re.I)
_SUBJECT_HEADERS = (
    re.compile(r"subject|issue|description|area|theme|summary", re.I),
    re.compile(r"finding", re.I),
)
_LABEL_NUMBER = rf"{_FINDING_NUMBER}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
# "Finding 3: …", "### Finding One: <title>", "Key finding 2 – …", "Learning point 1: …"
_PROSE_FINDING = re.compile(
    r"^[ \t]*(?:[-*•·#]+[ \t]*)*(?:\*\*)?(?:key[ \t]+)?(?:finding|learning[ \t]+point)[ \t]+"
    rf"(?P<number>{_LABEL_NUMBER})\b"
    r"[ \t]*(?:\*\*)?[ \t]*(?::|[–—]|-(?=\s))(?:\*\*)?[ \t]*(?P<text>\S[^\n]*)$",
    re.I | re.M,
)
# The same label alone on its line, its finding the paragraph under it.
_FINDING_LABEL_LINE = re.compile(
    r"^[ \t]*(?:[-*•·#]+[ \t]*)*(?:\*\*)?(?:key[ \t]+)?(?:finding|learning[ \t]+point)[ \t]+"
    rf"(?P<number>{_LABEL_NUMBER})[ \t]*(?:\*\*)?[ \t]*[:.]?[ \t]*(?:\*\*)?[ \t]*\n"
    r"(?:[ \t]*\n)?(?P<text>[ \t]*\S[^\n]*)",
    re.I | re.M,
)


def _column_roles(row: TableRow) -> tuple[int, int] | None:
    """(subject, lead) column indexes if ``row`` heads a findings table."""
    lead = next((i for i, c in enumerate(row.cells) if _LEAD_HEADER.search(c.text)), None)
    # Column 0 holds "Finding N"; the subject is another column, named most specifically.
    subject = next(
        (
            i
            for pattern in _SUBJECT_HEADERS
            for i, c in enumerate(row.cells)
            if 0 < i != lead and pattern.search(c.text)
        ),
        None,
    )
    if lead is None or subject is None or _FINDING_LABEL.match(row.cells[0].text):
        return None
    return subject, lead


def _cell_at(row: TableRow, index: int | None) -> TableCell | None:
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def _finding_from_row(row: TableRow, roles: tuple[int, int] | None) -> Finding | None:
    first = row.cells[0]
    label = _FINDING_LABEL.match(first.text)
    if label is None:
        return None
    number = label.group("number").lower()
    subject_in_label = first.text[label.end() :].strip()
    if roles is not None:
        subject_cell, lead_cell = _cell_at(row, roles[0]), _cell_at(row, roles[1])
    else:
        rest = [cell for cell in row.cells[1:] if not cell.is_empty]
        if subject_in_label:
            subject_cell, lead_cell = None, rest[0] if rest else None
        else:
            subject_cell = rest[0] if rest else None
            lead_cell = rest[-1] if len(rest) >= 2 else None
    subject = subject_cell.text if subject_cell is not None else subject_in_label
    if not subject:
        return None
    lead_text = lead_cell.text if lead_cell is not None else ""
    no_recommendation = bool(_NO_RECOMMENDATION.search(lead_text))
    filled = row.filled
    return Finding(
        key=f"finding-{number}",
        label=f"Finding {number}",
        span=Span(filled[0].span.start, filled[-1].span.end),
        confidence=0.95 if roles is not None else 0.85,
        number=number,
        subject=subject,
        leads=() if no_recommendation or not lead_text else split_organisations(lead_text),
        no_recommendation=no_recommendation,
    )


def _table_findings(text: str) -> list[Finding]:
    findings: list[Finding] = []
    roles: tuple[int, int] | None = None
    for row in parse_table_rows(text):
        if row.is_blank:
            continue
        header = _column_roles(row)
        if header is not None:
            roles = header
            continue
        finding = _finding_from_row(row, roles)
        if finding is not None:
            findings.append(finding)
    return findings


# A table of findings named by its header ("| Finding | Risk | Priority |"): each row's
# cell under it is a finding.
_FINDING_COLUMN = re.compile(
    r"^(?:key\s+|audit\s+)?(?:findings?|observations?|issues?(?:\s+(?:found|identified))?|"
    r"weakness(?:es)?|what\s+we\s+found)$",
    re.I,
)
_ID_COLUMN = re.compile(r"^(?:no\.?|ref(?:erence)?\.?|#|number|item)$", re.I)


def _column_findings(text: str, taken: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    column: int | None = None
    number_at: int | None = None
    for row in parse_table_rows(text):
        labels = [strip_markup(cell.text).strip(" *") for cell in row.cells]
        named = [i for i, label in enumerate(labels) if _FINDING_COLUMN.match(label)]
        if named:
            recommending = any(re.search(r"recommend", label, re.I) for label in labels)
            column = None if recommending else named[0]
            number_at = next((i for i, label in enumerate(labels) if _ID_COLUMN.match(label)), None)
            continue
        if column is None or column >= len(row.cells) or row.is_blank:
            continue
        cell = row.cells[column]
        subject = strip_markup(cell.text).strip()
        if len(subject.split()) < 5 or _FINDING_LABEL.match(subject):
            continue
        number = ""
        if number_at is not None and number_at < len(row.cells):
            number = normalise_number(row.cells[number_at].text.strip(" .()"))
            if number in taken or not re.fullmatch(r"[\w.()]{1,8}", number):
                number = ""
        if number:
            taken.add(number)
        findings.append(
            Finding(
                key=f"finding-{number}" if number else f"finding-c{len(findings) + 1}",
                label=f"Finding {number}" if number else f"Finding: {subject[:60]}",
                span=cell.span,
                confidence=0.8,
                number=number,
                subject=subject,
                leads=(),
                no_recommendation=False,
            )
        )
    return findings


def _prose_findings(text: str, taken: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    matches = sorted(
        [*_PROSE_FINDING.finditer(text), *_FINDING_LABEL_LINE.finditer(text)],
        key=lambda m: m.start(),
    )
    for match in matches:
        line = match.group(0).split("\n", 1)[0]
        number = normalise_number(match.group("number"))
        if "|" in line or "\t" in line.strip() or number in taken:
            continue
        start, end = match.start("text"), match.end("text")
        if match.re is _FINDING_LABEL_LINE:
            end = _paragraph_end(text, end)
        subject = strip_markup(text[start:end]).strip("* ")
        if "learning" in line.lower() and _ADVICE.search(subject):
            continue  # "Learning point 3: Practitioners should …" advises; it finds nothing
        taken.add(number)
        findings.append(
            Finding(
                key=f"finding-{number}",
                label=f"Finding {number}",
                span=Span(start, end),
                confidence=0.7,
                number=number,
                subject=subject,
                leads=(),
                no_recommendation=False,
            )
        )
    return findings


_ADVICE = re.compile(r"^[^.]{0,80}\b(?:should|must|need to|needs to|ought to)\b", re.I)
_LABEL_OR_HEADING = re.compile(
    r"^\W*(?:(?:key\s+)?finding|learning\s+point|recommendations?)\b|^[^.!?;:]{0,60}$", re.I
)


def _paragraph_end(text: str, end: int) -> int:
    """The end of the paragraph whose first line ends at ``end``: its next lines up to a
    blank line, another label, a recommendation or a heading (a short line that does not
    end a sentence)."""
    while end < len(text) and text[end] == "\n":
        next_end = text.find("\n", end + 1)
        next_end = len(text) if next_end < 0 else next_end
        line = text[end + 1 : next_end]
        if not line.strip() or _LABEL_OR_HEADING.match(line.strip()):
            break
        end = next_end
    return end


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def extract_findings(text: str) -> Extraction:
    """Findings with their lead agencies, from findings tables, "Finding N:" lines (also
    "Key finding N", "Learning point N", numbers in words) and such a label alone on its
    line over the finding's paragraph."""
    findings: list[Finding] = []
    taken: set[str] = set()
    for finding in _table_findings(text):
        if finding.number not in taken:
            taken.add(finding.number)
            findings.append(finding)
    findings.extend(_prose_findings(text, taken))
    findings.extend(
        f
        for f in _column_findings(text, taken)
        if not any(_overlaps(f.span, other.span) for other in findings)
    )
    for finding in prose_findings(text):
        if finding.number and finding.number in taken:
            continue
        if any(_overlaps(finding.span, other.span) for other in findings):
            continue
        findings.append(finding)
    entities: tuple[Entity, ...] = tuple(findings)
    return Extraction(entities=entities)
