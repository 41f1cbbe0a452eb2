"""Split canonical text into passages along the document's own structure.

Headings open a new passage; paragraphs and list items are packed up to a target
size; each table row is one passage, with rows that a page break split in two
rejoined (which lines are rows, and their cells, is decided by ``extract.tables``, the
reader the extractors use); very long paragraphs (transcripts) become overlapping
sentence windows.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from scrutiny.ingest.extract.tables import is_table_line, split_cells
from scrutiny.ingest.records import Passage, PassageKind, Span

TARGET_CHARS = 700
MAX_CHARS = 1200
WINDOW_SENTENCES = 6
OVERLAP_SENTENCES = 1
TRANSCRIPT_LINE_CHARS = 5000

_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_SPACE = re.compile(r"\s+")
_TABLE_SEPARATOR = re.compile(r"\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*\|?\s*")
_BULLET = re.compile(r"\s*(?:[-*•·▪◦‣–]|\(?[a-z]\)|\(?[ivx]+\))\s+")
_NUMBERED = re.compile(r"\s*(?:[-*•·]\s+)?\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+\S")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


class LineKind(StrEnum):
    BLANK = "blank"
    HEADING = "heading"
    TABLE_ROW = "table_row"
    TABLE_SEPARATOR = "table_separator"
    LIST_ITEM = "list_item"
    PROSE = "prose"


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # excludes the line break
    content: str
    kind: LineKind


def clean(text: str) -> str:
    """Plain searchable text: markup removed, entities unescaped, whitespace collapsed."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


def _classify(content: str) -> LineKind:
    stripped = content.strip()
    if not stripped:
        return LineKind.BLANK
    if "|" in stripped and _TABLE_SEPARATOR.fullmatch(stripped):
        return LineKind.TABLE_SEPARATOR
    if is_table_line(content):
        return LineKind.TABLE_ROW
    if stripped.startswith("#"):
        return LineKind.HEADING
    if _BULLET.match(content):
        return LineKind.LIST_ITEM
    if _NUMBERED.match(content):
        return LineKind.HEADING if _looks_like_heading(stripped) else LineKind.LIST_ITEM
    if _looks_like_heading(stripped):
        return LineKind.HEADING
    return LineKind.PROSE


def _looks_like_heading(stripped: str) -> bool:
    words = stripped.split()
    if len(stripped) > 90 or len(words) > 12 or stripped[-1] in '.,;:!?"”':
        return False
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w[0].isdigit())
    return capitalised >= max(1, len(words) // 2) or stripped.isupper()


def scan_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    offset = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n")
        lines.append(Line(offset, offset + len(content), content, _classify(content)))
        offset += len(raw)
    return lines


@dataclass
class _Draft:
    kind: PassageKind
    start: int
    end: int
    parts: list[str]
    section: str | None

    def size(self) -> int:
        return self.end - self.start


@dataclass
class _Row:
    start: int
    end: int
    cells: list[str]


def split_passages(text: str) -> tuple[Passage, ...]:
    drafts = list(_drafts(scan_lines(text)))
    passages: list[Passage] = []
    for draft in drafts:
        search_text = clean(" ".join(draft.parts))
        if not search_text:
            continue
        passages.append(
            Passage(
                ordinal=len(passages),
                kind=draft.kind,
                span=Span(draft.start, draft.end),
                search_text=search_text,
                section=draft.section,
            )
        )
    return tuple(passages)


def _drafts(lines: list[Line]) -> Iterator[_Draft]:
    section: str | None = None
    pending_heading: Line | None = None
    prose: _Draft | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.kind is LineKind.TABLE_ROW:
            if prose:
                yield prose
                prose = None
            if pending_heading:
                yield _heading_draft(pending_heading, section)
                pending_heading = None
            index, rows = _take_table(lines, index, section)
            yield from rows
            continue
        index += 1
        if line.kind in (LineKind.BLANK, LineKind.TABLE_SEPARATOR):
            continue
        if line.kind is LineKind.HEADING:
            if prose:
                yield prose
                prose = None
            if pending_heading:
                yield _heading_draft(pending_heading, section)
            section = clean(line.content.lstrip("#"))[:120]
            pending_heading = line
            continue
        kind = PassageKind.LIST if line.kind is LineKind.LIST_ITEM else PassageKind.PARAGRAPH
        if line.end - line.start > MAX_CHARS:
            if prose:
                yield prose
                prose = None
            yield from _sentence_windows(line, pending_heading, section)
            pending_heading = None
            continue
        if prose and (prose.size() + (line.end - line.start) > TARGET_CHARS or prose.kind != kind):
            yield prose
            prose = None
        if prose is None:
            start = pending_heading.start if pending_heading else line.start
            parts = [pending_heading.content] if pending_heading else []
            prose = _Draft(kind, start, line.end, parts, section)
            pending_heading = None
        prose.parts.append(line.content)
        prose.end = line.end
    if prose:
        yield prose
    if pending_heading:
        yield _heading_draft(pending_heading, section)


def _heading_draft(line: Line, section: str | None) -> _Draft:
    return _Draft(PassageKind.HEADING, line.start, line.end, [line.content], section)


def _sentence_windows(line: Line, heading: Line | None, section: str | None) -> Iterator[_Draft]:
    """Overlapping windows of whole sentences over one very long line."""
    kind = (
        PassageKind.TRANSCRIPT
        if line.end - line.start > TRANSCRIPT_LINE_CHARS
        else PassageKind.PARAGRAPH
    )
    bounds = _sentence_bounds(line.content)
    first = True
    i = 0
    while i < len(bounds):
        j = i
        size = 0
        while j < len(bounds) and ((j - i < WINDOW_SENTENCES and size < TARGET_CHARS) or j == i):
            size += bounds[j][1] - bounds[j][0]
            j += 1
        start, end = line.start + bounds[i][0], line.start + bounds[j - 1][1]
        parts = [line.content[bounds[i][0] : bounds[j - 1][1]]]
        if first and heading:
            start, parts = heading.start, [heading.content, *parts]
        first = False
        yield _Draft(kind, start, end, parts, section)
        if j >= len(bounds):
            break
        i = max(i + 1, j - OVERLAP_SENTENCES)


def _sentence_bounds(content: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence; over-long sentences are cut at word boundaries."""
    bounds: list[tuple[int, int]] = []
    start = len(content) - len(content.lstrip())
    for match in _SENTENCE_END.finditer(content):
        bounds.extend(_cut_long(content, start, match.start()))
        start = match.end()
    end = len(content.rstrip())
    if start < end:
        bounds.extend(_cut_long(content, start, end))
    return bounds


def _cut_long(content: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_CHARS:
        cut = content.rfind(" ", start, start + TARGET_CHARS)
        cut = cut if cut > start else start + TARGET_CHARS
        pieces.append((start, cut))
        start = cut + 1
    pieces.append((start, end))
    return pieces


def _take_table(lines: list[Line], index: int, section: str | None) -> tuple[int, list[_Draft]]:
    """Consume one table (which may resume after a page break) and return its row passages."""
    rows: list[_Row] = []
    header_seen = False
    table_section = section
    drafts: list[_Draft] = []
    while index < len(lines):
        line = lines[index]
        if line.kind is LineKind.TABLE_SEPARATOR:
            if rows and not header_seen and len(rows) == 1:
                rows.clear()  # the row above a separator is the header
            header_seen = True
            index += 1
            continue
        if line.kind is LineKind.BLANK:
            resumes = _next_table_line(lines, index)
            if resumes is None:
                break
            index = resumes
            continue
        if line.kind is not LineKind.TABLE_ROW:
            break
        index += 1
        cells = split_cells(line.content)
        texts = [clean(cell) for cell in cells]
        if not any(texts):
            continue  # blank header row repeated at a page break
        if _is_section_row(texts):
            _flush_rows(rows, drafts, table_section)
            table_section = texts[0][:120]
            continue
        if rows and _continues_previous(texts):
            previous = rows[-1]
            previous.end = line.end
            for position, cell in enumerate(cells):
                if position < len(previous.cells):
                    previous.cells[position] = f"{previous.cells[position]} {cell}".strip()
                else:
                    previous.cells.append(cell)
            continue
        _flush_rows(rows, drafts, table_section)
        rows.append(_Row(line.start, line.end, cells))
    _flush_rows(rows, drafts, table_section)
    return index, drafts


def _next_table_line(lines: list[Line], index: int) -> int | None:
    """Index of the next table line if the table resumes after blank lines, else None."""
    probe = index
    while probe < len(lines) and lines[probe].kind is LineKind.BLANK:
        probe += 1
    if probe < len(lines) and lines[probe].kind in (LineKind.TABLE_ROW, LineKind.TABLE_SEPARATOR):
        return probe
    return None


def _is_section_row(texts: list[str]) -> bool:
    """A row naming a section: one short label in the first cell, every other cell empty."""
    return (
        len(texts) >= 3
        and bool(texts[0])
        and not any(texts[1:])
        and len(texts[0]) <= 60
        and texts[0][0].isupper()
        and not texts[0].rstrip().endswith((".", ":"))
    )


def _continues_previous(texts: list[str]) -> bool:
    first = texts[0]
    if not first:
        return any(texts[1:])
    return first[0].islower() or first[0] in ",;)]-–"


def _flush_rows(rows: list[_Row], drafts: list[_Draft], section: str | None) -> None:
    for row in rows:
        cells = [cell for cell in row.cells if clean(cell)]
        parts = [f"{section}:"] if section else []
        parts.append(" | ".join(cells))
        drafts.append(_Draft(PassageKind.TABLE_ROW, row.start, row.end, parts, section))
    rows.clear()
