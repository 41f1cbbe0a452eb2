"""Table rows and the recommendation/response extractor.

Scrutiny response tables arrive as pipe tables (with or without leading pipes) or
tab-separated text. Rows that were cut by a page break continue on a later row that
starts with lowercase text, and the page break repeats a blank header row; section
rows (one short label, other cells empty) head the recommendations under them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from scrutiny.ingest.extract.records import (
    Entity,
    Extraction,
    Link,
    LinkKind,
    Recommendation,
    Response,
    ResponseStatus,
)
from scrutiny.ingest.records import Span

_TAG = re.compile(r"<[^>]*>")
_WHITESPACE = re.compile(r"\s+")


def strip_markup(text: str) -> str:
    """Cell text without HTML tags, entities or runs of whitespace."""
    return _WHITESPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()


@dataclass(frozen=True)
class TableCell:
    text: str  # markup stripped
    span: Span  # the verbatim cell content, surrounding spaces excluded

    @property
    def is_empty(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class TableRow:
    cells: tuple[TableCell, ...]
    span: Span

    @property
    def filled(self) -> tuple[TableCell, ...]:
        return tuple(cell for cell in self.cells if not cell.is_empty)

    @property
    def is_blank(self) -> bool:
        return not self.filled


_SEPARATOR_ROW = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def _cell(text: str, line_start: int, start: int, end: int) -> TableCell:
    raw = text[line_start + start : line_start + end]
    content_start = line_start + start + (len(raw) - len(raw.lstrip()))
    content_end = max(line_start + end - (len(raw) - len(raw.rstrip())), content_start)
    return TableCell(strip_markup(raw), Span(content_start, content_end))


def _split_positions(line: str, separator: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, char in enumerate(line):
        if char == separator and not (separator == "|" and index > 0 and line[index - 1] == "\\"):
            bounds.append((start, index))
            start = index + 1
    bounds.append((start, len(line)))
    return bounds


def is_table_line(line: str) -> bool:
    """Whether a line is a table row: the one rule, shared with passage splitting.

    A row opens with "|", or separates three or more cells with " | ", or separates two
    or more filled cells with tabs; a separator row ("|---|---|") is not a row.
    """
    if "|" not in line and "\t" not in line:
        return False
    stripped = line.strip()
    if not stripped or _SEPARATOR_ROW.match(line):
        return False
    if stripped.startswith("|") or stripped.count(" | ") >= 2:
        return True
    return "\t" in stripped and len([c for c in stripped.split("\t") if c.strip()]) >= 2


def cell_bounds(line: str) -> list[tuple[int, int]]:
    """(start, end) of each cell of a table line, outer pipes excluded."""
    stripped = line.strip()
    if stripped.startswith("|"):
        bounds = _split_positions(line, "|")[1:]
        if stripped.endswith("|") and len(bounds) > 1:
            bounds = bounds[:-1]
        return bounds
    if "|" in stripped:
        return _split_positions(line, "|")
    return _split_positions(line, "\t")


def split_cells(line: str) -> list[str]:
    """The cells of a table line, as written (surrounding spaces removed)."""
    return [line[start:end].strip() for start, end in cell_bounds(line)]


def parse_row(text: str, line_start: int, line: str) -> TableRow | None:
    """One table row from a line, or ``None`` if the line is not a table row."""
    if not is_table_line(line):
        return None
    cells = tuple(_cell(text, line_start, start, end) for start, end in cell_bounds(line))
    return TableRow(cells, Span(line_start, line_start + len(line)))


@lru_cache(maxsize=2)  # the recommendation and finding extractors read the same rows
def parse_table_rows(text: str) -> tuple[TableRow, ...]:
    """Every table row of the document, in order (separator rows dropped).

    A row whose cells hold line breaks (a Word table cell of several paragraphs) opens
    with "|" and closes with "|" some lines later; it is read as one row. Columns laid
    out with runs of spaces (PDF text layout) are read once a header row of three or
    more such columns is found, each later line cut where the header's columns start; a
    page number inside such a table is dropped, and with it the page's running header and
    the repeated header row when they follow within a few lines.
    """
    rows: list[TableRow] = []
    lines = list(_lines(text))
    index = 0
    layout: list[int] | None = None
    header_line = ""
    while index < len(lines):
        line_start, line = lines[index]
        joined = _joined_row(text, lines, index)
        if joined is not None:
            row, index = joined
            rows.append(row)
            layout = None
            continue
        index += 1
        single = parse_row(text, line_start, line)
        if single is None and rows and _continues_tab_row(rows[-1], text, line):
            single = TableRow(
                tuple(_cell(text, line_start, s, e) for s, e in _split_positions(line, "\t")),
                Span(line_start, line_start + len(line)),
            )
        if single is not None:
            rows.append(single)
            layout = None
            continue
        if layout is not None and is_page_furniture(line):
            index = _past_page_break(lines, index, header_line)
            continue
        if layout is not None and line.strip():
            laid_out = _layout_row(text, line_start, line, layout)
            if laid_out is None:
                layout = None
            else:
                rows.append(laid_out)
                continue
        columns = _layout_columns(line)
        if columns is not None:
            header = _layout_row(text, line_start, line, columns)
            wrapped = _header_wrap(lines, index, columns) if header is not None else None
            if header is not None and wrapped is not None:
                merged = TableRow(
                    tuple(
                        TableCell(f"{cell.text} {more}".strip(), cell.span)
                        for cell, more in zip(header.cells, wrapped, strict=True)
                    ),
                    header.span,
                )
                if is_header(merged):
                    layout, header_line = columns, f"{line}\n{lines[index][1]}"
                    rows.append(merged)
                    index += 1
                    continue
            if header is not None and is_header(header):
                layout, header_line = columns, line
                rows.append(header)
    return tuple(rows)


_HEADER_WORDS = re.compile(r"^[A-Za-z()/?&'’.-]+(?: [A-Za-z()/?&'’.-]+){0,2}$")


def _header_wrap(lines: list[tuple[int, str]], index: int, columns: list[int]) -> list[str] | None:
    """The words a laid-out header wraps onto its next line ("response", "officer"), by
    column; ``None`` unless that line holds only a few words under the header's columns."""
    if index >= len(lines):
        return None
    line = lines[index][1]
    found = list(_LAYOUT_GAP.finditer(line))
    if not found or len(found) > len(columns):
        return None
    words = [""] * len(columns)
    placed = _aligned([(m.start(), m.end()) for m in found], columns)
    for match, column in zip(found, placed, strict=True):
        # a PDF's layout drifts: a wrapped label sits near, not at, its column's start
        if not _HEADER_WORDS.match(match.group(0)) or abs(columns[column] - match.start()) > 16:
            return None
        words[column] = match.group(0)
    return words


_PAGE_FURNITURE = re.compile(
    # the page number, alone or set apart from a footer's words ("Internal Audit   Page 1 of 2")
    r"^\s*(?:\S[^\n]{0,80}?\s{3,})?"
    r"(?:page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s+of\s+\d{1,4}|[-–]\s*\d{1,4}\s*[-–])\s*$",
    re.I,
)
_PAGE_HEADER_LINES = 6  # lines a page's running header may take before the header repeats


def is_page_furniture(line: str) -> bool:
    """A page number line ("Page 2 of 4", "3 of 12", "- 7 -") that a page break leaves."""
    return bool(_PAGE_FURNITURE.match(line))


def _past_page_break(lines: list[tuple[int, str]], index: int, header_line: str) -> int:
    """The index after a page break inside a laid-out table: past the page's running
    header and the table's repeated header row (with the line its words wrap onto, given
    after a newline in ``header_line``) when they follow within a few lines, else just
    past the page number."""
    header, *wrap = [_WHITESPACE.sub(" ", part).strip() for part in header_line.split("\n")]
    seen = 0
    for ahead in range(index, min(len(lines), index + 3 * _PAGE_HEADER_LINES)):
        line = lines[ahead][1]
        if not line.strip():
            continue
        if _WHITESPACE.sub(" ", line).strip() == header:
            below = ahead + 1
            if (
                wrap
                and below < len(lines)
                and _WHITESPACE.sub(" ", lines[below][1]).strip() == wrap[0]
            ):
                below += 1  # the header's words wrapped onto a second line, repeated too
            return below
        seen += 1
        if seen > _PAGE_HEADER_LINES:
            break
    return index


def _continues_tab_row(previous: TableRow, text: str, line: str) -> bool:
    """A tab-separated line with one filled cell ("\tfor day services.\t\t") right under
    a tab-separated row with as many cells: the row's cells wrapping."""
    if "\t" not in line or "|" in line or not line.strip():
        return False
    if text[previous.span.end : previous.span.end + 1] != "\n":
        return False
    above = text[previous.span.start : previous.span.end]
    if "\t" not in above or above.strip().startswith("|"):
        return False
    below_start = previous.span.end + 1
    if text[below_start : below_start + len(line)] != line:
        return False  # not the line right under the row
    return line.count("\t") == above.count("\t")


def _joined_row(text: str, lines: list[tuple[int, str]], index: int) -> tuple[TableRow, int] | None:
    """A "| … |" row whose cells run over several lines, and the index after it."""
    line_start, line = lines[index]
    stripped = line.strip()
    if not stripped.startswith("|") or stripped.endswith("|") or stripped == "|":
        return None
    for end_index in range(index + 1, min(index + 40, len(lines))):
        following = lines[end_index][1].strip()
        if following.startswith("|"):
            return None
        if following.endswith("|"):
            end_start, end_line = lines[end_index]
            logical = text[line_start : end_start + len(end_line)]
            row = parse_row(text, line_start, logical)
            return (row, end_index + 1) if row is not None else None
    return None


_LAYOUT_GAP = re.compile(r"\S(?: ?\S)*")


def _layout_columns(line: str) -> list[int] | None:
    """Where each column starts in a line of three or more space-separated columns."""
    if "|" in line or "\t" in line or len(line) > 400 or line.count("  ") < 2:
        return None
    starts = [match.start() for match in re.finditer(r"(?:^|(?<=\s{2}))\S", line)]
    if len(starts) < 3:
        return None
    return starts


def _aligned(pieces: list[tuple[int, int]], columns: list[int]) -> list[int]:
    """The column of each piece of a layout line. A PDF's layout text places words where
    a fixed-width font would, so a row drifts a few characters off its header, more the
    further right it is: with no more pieces than columns, pieces keep their order and
    each takes its own column, the assignment nearest the header's starts overall;
    otherwise each piece takes the column whose start is nearest."""
    starts = [start for start, _ in pieces]
    n, m = len(starts), len(columns)
    if n > m:
        return [min(range(m), key=lambda i: (abs(columns[i] - s), i)) for s in starts]
    # cost[i][j]: best total distance placing pieces[:i] in columns[:j], piece i-1 in j-1
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0] = [0.0] * (m + 1)
    for i in range(1, n + 1):
        best_before = inf
        for j in range(1, m + 1):
            best_before = min(best_before, cost[i - 1][j - 1])
            cost[i][j] = best_before + abs(columns[j - 1] - starts[i - 1])
    chosen: list[int] = []
    bound = m
    for i in range(n, 0, -1):
        j = min(range(i, bound + 1), key=lambda k: (cost[i][k], -k))
        chosen.append(j - 1)
        bound = j - 1
    return chosen[::-1]


def _layout_row(text: str, line_start: int, line: str, columns: list[int]) -> TableRow | None:
    """A layout line cut at the header's column starts (a word that straddles a start
    belongs to the column it starts in); ``None`` for prose running across the columns."""
    pieces = [(m.start(), m.end()) for m in _LAYOUT_GAP.finditer(line)]
    if not pieces:
        return None
    if len(pieces) == 1 and pieces[0][0] <= columns[0] + 1 and pieces[0][1] > columns[1] + 8:
        return None
    cells: list[list[tuple[int, int]]] = [[] for _ in columns]
    for (start, end), column in zip(pieces, _aligned(pieces, columns), strict=True):
        cells[column].append((start, end))
    built = []
    for index, spans in enumerate(cells):
        if spans:
            start, end = spans[0][0], spans[-1][1]
        else:
            start = end = min(columns[index], len(line))
        built.append(_cell(text, line_start, start, end))
    return TableRow(tuple(built), Span(line_start, line_start + len(line)))


# --- organisation lists -------------------------------------------------------------

_LIST_SEPARATORS = re.compile(r"\s*(?:/|;|,|\n)\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,}$")


def _looks_like_organisation(name: str) -> bool:
    """An acronym or a multi-word capitalised name: "Voice" alone is not one."""
    words = name.split()
    if not words or not words[0][0].isupper():
        return False
    return len(words) >= 2 or bool(_ACRONYM.match(words[0]))


def _split_on_and(name: str) -> list[str]:
    # "Dept of Ed and Ministry of Justice" names two bodies; "Voice and Influence"
    # and "Youth and Family Resilience Service" name one.
    parts = _AND.split(name)
    if len(parts) > 1 and all(_looks_like_organisation(part) for part in parts):
        return parts
    return [name]


# A post that names no body of its own: "Director, Local Transport" is one owner, the
# post and the service it heads, not two.
_BARE_POST = re.compile(
    r"^(?:(?:interim|acting|deputy|assistant|executive|strategic|corporate|chief|senior|"
    r"service|group|area|divisional|operational)\s+)*(?:director|head|manager|officer|lead|"
    r"inspector|superintendent|commissioner|executive)$",
    re.I,
)


def _joined_posts(pieces: list[str], separators: list[str]) -> list[str]:
    """``pieces`` with a bare post joined to the piece after it across a comma."""
    joined: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        while (
            index + 1 < len(pieces)
            and separators[index].strip() == ","
            and _BARE_POST.match(_AND.split(piece)[-1].strip(" .-–"))
        ):
            index += 1
            piece = f"{piece}, {pieces[index]}"
        joined.append(piece)
        index += 1
    return joined


def split_organisations(text: str) -> tuple[str, ...]:
    """Organisation labels from a responsible-body cell, split where they are joined."""
    names: list[str] = []
    parts = _LIST_SEPARATORS.split(strip_markup(text))
    separators = _LIST_SEPARATORS.findall(strip_markup(text))
    for piece in _joined_posts(parts, separators):
        for name in _split_on_and(piece.strip(" .-–")):
            name = name.strip(" .-–")
            if name and name not in names:
                names.append(name)
    return tuple(names)


# --- statuses -----------------------------------------------------------------------

_ACCEPT_VERB = r"(?:accept|agree|approv|support|endors)\w*"
_STATUS_WORDS: tuple[tuple[re.Pattern[str], ResponseStatus], ...] = (
    (
        re.compile(
            r"^(?:partial|partly|part\b|in part\b|amend|accept(?:ed)? in principle|"
            rf"{_ACCEPT_VERB},? (?:in part|in principle|subject to|"
            r"with (?:amendment|modification)s?)"
            r"|not fully|(?:accept|agree)\w*[ -](?:\(?partially\)?|partly))",
            re.I,
        ),
        ResponseStatus.PARTIALLY_ACCEPTED,
    ),
    (
        re.compile(
            r"^(?:(?:do\s+|does\s+)?not (?:accept|agree|support|approv|endors)\w*|reject|decline|"
            r"refuse|no\b|"
            r"disagree)",
            re.I,
        ),
        ResponseStatus.REJECTED,
    ),
    # a cross or "N" alone answers the column's question with no ("Agreed? | X")
    (re.compile(r"^(?:[✗✘×xX]|n)$", re.I), ResponseStatus.REJECTED),
    (re.compile(r"^(?:deferr?|postpone)", re.I), ResponseStatus.DEFERRED),
    (
        re.compile(
            r"^(?:under (?:consideration|review)|being considered|to be considered|"
            r"(?:further )?consideration|pending|not yet (?:decided|agreed))",
            re.I,
        ),
        ResponseStatus.UNDER_CONSIDERATION,
    ),
    (
        re.compile(
            r"^(?:already (?:in place|implemented|actioned|done|completed?|exists|happening|"
            r"underway|in progress|"
            r"being (?:implemented|done|delivered|provided))|in place\b)",
            re.I,
        ),
        ResponseStatus.ALREADY_IN_PLACE,
    ),
    (re.compile(rf"^(?:{_ACCEPT_VERB}|yes\b|y$|[✓✔√☑])", re.I), ResponseStatus.ACCEPTED),
    (re.compile(r"^(?:noted?\b)", re.I), ResponseStatus.NOTED),
)

# When the status is written in a sentence: "This recommendation is accepted in part."
_IS = r"(?:is|are|was|were|has been|have been|be|being)\s+"
_STATUS_IN_PROSE: tuple[tuple[re.Pattern[str], ResponseStatus], ...] = (
    (
        re.compile(
            rf"\b{_ACCEPT_VERB} in (?:part|principle)\b|\bpartially {_ACCEPT_VERB}|"
            rf"\bbroadly {_ACCEPT_VERB}|\b{_IS}partially\b|\bpart(?:ly|ially)[ -]{_ACCEPT_VERB}|"
            rf"\b{_ACCEPT_VERB} (?:this|the) recommendation in (?:part|principle)\b",
            re.I,
        ),
        ResponseStatus.PARTIALLY_ACCEPTED,
    ),
    (
        re.compile(
            rf"\brejects?\b|\b{_IS}(?:rejected|declined|"
            r"not (?:accepted|agreed|supported|approved))\b|"
            r"\b(?:does|do|did) not (?:accept|agree|support)\b|\bnot (?:accepted|agreed)\b|"
            r"\bdisagrees? with (?:this|the) recommendation",
            re.I,
        ),
        ResponseStatus.REJECTED,
    ),
    (re.compile(rf"\b{_IS}deferred\b|\bdefers?\b", re.I), ResponseStatus.DEFERRED),
    (
        re.compile(
            rf"\b{_IS}(?:under consideration|being considered|under review)\b|"
            r"\b(?:will|is going to) (?:further |carefully |now )?consider (?:this|the) "
            r"recommendation\b|\bis considering (?:this|the) recommendation\b",
            re.I,
        ),
        ResponseStatus.UNDER_CONSIDERATION,
    ),
    (
        re.compile(
            r"\balready (?:in place|implemented|being (?:implemented|done|delivered))\b", re.I
        ),
        ResponseStatus.ALREADY_IN_PLACE,
    ),
    (
        re.compile(
            rf"\b{_IS}(?:accepted|agreed|supported|approved|endorsed)\b|"
            r"\baccepts? (?:this|the) recommendation|\baccepted in full\b|"
            r"\b(?:agrees?|supports?) (?:with )?(?:this|the) recommendation",
            re.I,
        ),
        ResponseStatus.ACCEPTED,
    ),
    (
        re.compile(rf"\b{_IS}noted\b|\bnotes? (?:this|the) recommendation\b", re.I),
        ResponseStatus.NOTED,
    ),
)

# Progress, never acceptance: a RAG rating or a delivery state.
_PROGRESS = re.compile(
    r"^(?:red|amber|green|blue|grey|r|a|g|rag|complete[d]?|on track|off track|ongoing|"
    r"in progress|not started|started|delayed|overdue|closed|open|implemented|achieved|"
    r"partially (?:complete[d]?|implemented|achieved))\b",
    re.I,
)


def normalise_status(text: str) -> ResponseStatus | None:
    """A status cell such as "Accepted", "Amend – Officers to …", "Partial" or "Reject"."""
    cleaned = strip_markup(text).lstrip("*_ -–:").strip()
    cleaned = re.sub(r"^(?:status|response|decision|agreed\?)\s*[:\-–]\s*", "", cleaned, flags=re.I)
    for pattern, status in _STATUS_WORDS:
        if pattern.match(cleaned):
            return status
    return None


def status_from_response(text: str) -> ResponseStatus | None:
    for pattern, status in _STATUS_IN_PROSE:
        if pattern.search(text):
            return status
    return None


_STATUS_ONLY = re.compile(
    r"^(?:(?:not|partially|partly|fully)\s+)?[A-Za-z]+(?:\s+in\s+(?:part|principle|full))?$|"
    r"^(?:already in place|under consideration)$",
    re.I,
)
_SHORT_SENTENCE = re.compile(r"(?:^|(?<=[.;!?])\s+)([^.;!?]{1,40})[.;!?]")


def status_sentence(text: str) -> tuple[ResponseStatus, str] | None:
    """A status written as a sentence of its own among others ("The Cabinet welcomes
    this recommendation. Agreed."), with its words."""
    for match in _SHORT_SENTENCE.finditer(strip_markup(text)):
        words = match.group(1).strip()
        if _STATUS_ONLY.match(words):
            status = normalise_status(words)
            if status is not None:
                return status, words
    return None


# A due cell that states no date: "N/A", "TBC", "None", a dash.
_NO_DUE = re.compile(
    r"^(?:n/?a|not applicable|none|nil|tbc|tba|tbd|to be (?:confirmed|agreed|determined)|"
    r"[-–—]+)\.?$",
    re.I,
)


# A due cell saying the work is done: progress, not a date ("Ongoing" stays a timescale).
_DONE = re.compile(r"^(?:complete[d]?|done|achieved|implemented|closed|delivered)\.?$", re.I)


def due_of(text: str | None) -> str | None:
    """A due cell's or field's text, or None when it states no date."""
    cleaned = strip_markup(text or "").strip(" *_")
    return cleaned if cleaned and not _NO_DUE.match(cleaned) else None


#: A month's name, in full or shortened ("Sept", "Dec"); the recommendation readers share it.
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
# "By 31 December 2024, chief constables should …": a deadline the recommendation opens with.
_OPENING_DUE = re.compile(
    r"^\W*(?:by|before|no later than|within)\s+(?:the\s+)?(?P<due>"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+\d{{4}}|"
    rf"(?:the\s+)?end\s+of\s+(?:{_MONTH}\s+)?\d{{4}}|"
    r"(?:spring|summer|autumn|winter)\s+\d{4}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(?:one|two|three|four|five|six|nine|twelve|eighteen|\d{1,2})\s+(?:months|years)"
    r")\s*,",
    re.I,
)


_RESPONSE_DUE = re.compile(
    r"\b(?:by|before|no later than)\s+(?:the\s+end\s+of\s+)?(?P<due>"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?{_MONTH}\s+\d{{4}}|(?:spring|summer|autumn|winter)\s+\d{{4}})\b",
    re.I,
)


def due_in_text(text: str) -> str | None:
    """The deadline a recommendation's words open with ("By 31 December 2024, …")."""
    match = _OPENING_DUE.match(strip_markup(text))
    return match.group("due") if match else None


def progress_of(text: str) -> str | None:
    """A cell's text when it reads as progress (RAG or delivery state)."""
    cleaned = strip_markup(text).strip(" *_")
    return cleaned if cleaned and _PROGRESS.match(cleaned) else None


# --- column roles -------------------------------------------------------------------


class Column(StrEnum):
    ID = "id"
    RECOMMENDATION = "recommendation"
    STATUS = "status"
    OWNER = "owner"
    RESPONSE = "response"
    DUE = "due"
    PROGRESS = "progress"


_HEADER_ROLES: tuple[tuple[re.Pattern[str], Column], ...] = (
    (
        re.compile(
            r"^(?:rec(?:ommendation)?\.?\s*)?(?:id|no\.?|number|ref(?:erence)?\.?|#)$|^(?:rec\.?|r|item)$|"
            r"^[A-Z]{2,5}\s+(?:rec\.?|ref\.?|no\.?)$",  # "SAR Rec.", "DHR Ref"
            re.I,
        ),
        Column.ID,
    ),
    (
        re.compile(
            r"\brag\b|progress|\bupdate|rating|current position|position statement|"
            r"\bstatus\s+(?:at|as\s+at|as\s+of|in)\b|"
            r"\bimplement(?:ation|ed)\b(?!\s+date)|delivery status",
            re.I,
        ),
        Column.PROGRESS,
    ),
    (
        re.compile(
            r"timescale|time ?frame|target|by when|\bdue\b|deadline|completion date|"
            r"^dates?$|^when\??$|implementation date",
            re.I,
        ),
        Column.DUE,
    ),
    (
        re.compile(r"status|accept|reject|agreed\??$|^agreed(?!\s+actions?)|decision", re.I),
        Column.STATUS,
    ),
    (re.compile(r"\bresponse\b|comment|reply", re.I), Column.RESPONSE),
    (
        re.compile(
            r"organisation|owner|lead|responsib|department|directorate|service|agency|"
            r"action(?:ed)? by|attention|officer|\bby whom|\bwho\b|accountable|portfolio",
            re.I,
        ),
        Column.OWNER,
    ),
    # "Recommendation detail" is the recommendation's own column
    (
        re.compile(
            r"^(?!recommendations?\b).*(?:action|rationale|reason|explanation|detail)", re.I
        ),
        Column.RESPONSE,
    ),
    (re.compile(r"recommendation|proposal", re.I), Column.RECOMMENDATION),
)

# Tick columns: each headed by one status ("Accept", "Reject", "Partially accepted").
_TICK_HEADER = re.compile(
    r"^(?:(?:not|partially|partly|fully)\s+)?"
    r"(?:accept(?:ed)?|reject(?:ed)?|(?:dis)?agreed?|support(?:ed)?|declined?|approved?|"
    r"noted|defer(?:red)?)"
    r"(?:\s+in\s+(?:part|principle|full))?\??$|^(?:partial(?:ly)?|partly|in part)\??$",
    re.I,
)
_TICK = re.compile(r"^(?:[✓✔√☑xX✗✘•*]|yes|y|tick)$", re.I)


def _tick_columns(row: TableRow) -> dict[int, ResponseStatus]:
    ticks: dict[int, ResponseStatus] = {}
    for index, cell in enumerate(row.cells):
        if _TICK_HEADER.match(cell.text):
            text = re.sub(r"^fully\s+", "", cell.text.rstrip("?"), flags=re.I)
            status = normalise_status(text)
            if text.lower().startswith("disagree"):
                status = ResponseStatus.REJECTED
            if status is not None:
                ticks[index] = status
    return ticks if len(ticks) >= 2 else {}


_NUMBERED_CELL = re.compile(r"^\(?(?:R|Rec\.?\s*)?\d{1,3}(?:\.\d{1,2}){0,2}[a-z]?[.):]?$", re.I)
_SENTENCE_CELL = re.compile(r"\S+(?:\s+\S+){3,}[.!?]$")


def header_roles(row: TableRow) -> dict[Column, int] | None:
    """Column roles if ``row`` is a recommendation table's header row: short labels, not
    a numbered row or a row holding sentences."""
    roles = _column_roles(row)
    if (
        roles is not None
        and Column.RECOMMENDATION in roles
        and (len(roles) >= 2 or _tick_columns(row))
    ):
        return roles
    return None


def _column_roles(row: TableRow) -> dict[Column, int] | None:
    """The role of each column ``row`` heads, if it reads as a header row."""
    if row.cells and _NUMBERED_CELL.match(row.cells[0].text):
        return None
    if any(_SENTENCE_CELL.search(cell.text) for cell in row.cells):
        return None
    roles: dict[Column, int] = {}
    ticks = _tick_columns(row)
    for index, cell in enumerate(row.cells):
        if cell.is_empty or len(cell.text) > 80 or index in ticks:
            continue
        for pattern, role in _HEADER_ROLES:
            if pattern.search(cell.text):
                roles.setdefault(role, index)
                break
    if ticks:
        roles.pop(Column.STATUS, None)
    return roles


def is_header(row: TableRow) -> bool:
    return header_roles(row) is not None and not _LABELLED.match(row.cells[0].text)


# --- recommendation rows ------------------------------------------------------------

NUMBER_WORDS = {
    word: str(value)
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER_WORD = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_RECOMMENDATION_ID = (
    r"(?:\d{1,3}(?:\.\d{1,2}){0,2}[a-z]?(?:\s*\((?:[ivxlc]+|[a-z]|\d{1,2})\))*"
    rf"|(?:{_NUMBER_WORD})\b(?:\s*\([a-z]\))?)"
)
_LABELLED = re.compile(
    rf"^\W*(?:Recommendation|Rec\.?|R)\s*(?P<number>{_RECOMMENDATION_ID})(?![\w.]\d)"
    r"(?:\*\*|__)?\s*[:.\-–—)]?\s*(?:\*\*|__)?\s*",
    re.I,
)
_ROMAN_ID = r"(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xvi{0,3}|xix|xx)"
# An id cell of its own may also be a letter or a roman numeral: "(a)", "b)", "iv", "(ii)".
_BARE_ID = re.compile(
    rf"^(?:(?:(?:Recommendation|Rec\.?|R)\s*)?(?P<number>{_RECOMMENDATION_ID})[.):]?|"
    rf"\(?(?P<letter>[a-z]|{_ROMAN_ID})[.)]?)$",
    re.I,
)
_LEADING_ID = re.compile(
    r"^(?:(?P<number>\d{1,3}(?:\.\d{1,2}){0,2}[a-z]?)[.)]?|"
    rf"\((?P<letter>[a-z]|{_ROMAN_ID})\))\s+(?=\S)"
)


def normalise_number(number: str) -> str:
    """ "R1" -> "1", "One (a)" -> "1(a)", "4a (i)" -> "4a(i)", "(b)" -> "b"."""
    cleaned = re.sub(r"\s+", "", number).lower().rstrip(".")
    if re.fullmatch(r"\(\w+\)", cleaned):
        cleaned = cleaned[1:-1]
    word = re.match(rf"^({_NUMBER_WORD})", cleaned)
    if word:
        cleaned = NUMBER_WORDS[word.group(1)] + cleaned[word.end() :]
    return cleaned


_normalise_number = normalise_number


@dataclass
class _Draft:
    """A recommendation row being assembled, possibly across a page break."""

    number: str
    rows: list[TableRow]
    roles: dict[Column, int]
    text_cells: list[TableCell]
    text_offset: int  # where the recommendation's own words start in the first cell
    section: str | None
    from_header: bool
    ticks: dict[int, ResponseStatus] = field(default_factory=dict)
    response_cells: dict[Column, list[TableCell]] = field(default_factory=dict)
    ticked: list[tuple[ResponseStatus, TableCell]] = field(default_factory=list)

    def add_row(self, row: TableRow, first: bool) -> None:
        if not first:
            self.rows.append(row)
            rec_cell = _role_cell(row, self.roles, Column.RECOMMENDATION)
            if rec_cell is not None and not rec_cell.is_empty:
                self.text_cells.append(rec_cell)
        for role in (Column.STATUS, Column.OWNER, Column.RESPONSE, Column.DUE, Column.PROGRESS):
            cell = _role_cell(row, self.roles, role)
            if cell is not None and not cell.is_empty:
                self.response_cells.setdefault(role, []).append(cell)
        for index, status in self.ticks.items():
            if index < len(row.cells) and _TICK.match(row.cells[index].text):
                self.ticked.append((status, row.cells[index]))


def _role_cell(row: TableRow, roles: dict[Column, int], role: Column) -> TableCell | None:
    index = roles.get(role)
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index]


def _positional_roles(row: TableRow) -> dict[Column, int]:
    """Roles for a headerless "Recommendation N: … | status | owner | comment" row."""
    roles = {Column.RECOMMENDATION: 0}
    status_index = next(
        (i for i, cell in enumerate(row.cells[1:], 1) if normalise_status(cell.text)), None
    )
    if status_index is not None:
        roles[Column.STATUS] = status_index
        rest = [i for i in range(status_index + 1, len(row.cells))]
        if len(rest) >= 2:
            roles[Column.OWNER], roles[Column.RESPONSE] = rest[0], rest[-1]
        elif rest:
            roles[Column.RESPONSE] = rest[0]
    return roles


def _is_section_row(row: TableRow) -> bool:
    filled = row.filled
    if not filled or filled[0] is not row.cells[0]:
        return False
    if len(filled) > 1 and (len(filled) != len(row.cells) or len({c.text for c in filled}) > 1):
        return False  # a Word cell merged across the row repeats its text in every column
    label = filled[0].text
    return (
        label[:1].isupper()
        and len(label.split()) <= 8
        and not label.endswith((".", ":", ";", ","))
        and not _LABELLED.match(label)
    )


def _starts_lowercase(row: TableRow) -> bool:
    filled = row.filled
    return bool(filled) and filled[0].text[:1].islower()


@dataclass
class _Table:
    """What the header row said about the columns below it."""

    roles: dict[Column, int]
    ticks: dict[int, ResponseStatus]
    unnumbered: int = 0  # rows without a number seen so far
    last_number: str = ""  # the last row numbered with digits


def _start_draft(row: TableRow, table: _Table | None, section: str | None) -> _Draft | None:
    """A new draft if ``row`` opens a recommendation, by label or by an id column."""
    roles = table.roles if table else None
    ticks = table.ticks if table else {}
    first = row.cells[0] if row.cells else None
    rec_cell = _role_cell(row, roles, Column.RECOMMENDATION) if roles else first
    if rec_cell is not None:
        labelled = _LABELLED.match(rec_cell.text)
        if labelled and rec_cell.text[labelled.end() :].strip():
            return _Draft(
                number=normalise_number(labelled.group("number")),
                rows=[row],
                roles=roles if roles is not None else _positional_roles(row),
                text_cells=[rec_cell],
                text_offset=labelled.end(),
                section=section,
                from_header=roles is not None,
                ticks=ticks,
            )
    if table is None or rec_cell is None or rec_cell.is_empty:
        return None
    assert roles is not None
    id_cell = _role_cell(row, roles, Column.ID)
    if id_cell is not None and not id_cell.is_empty:
        bare = _BARE_ID.match(id_cell.text)
        if bare is None:
            return None
        number, offset = _row_number(bare, table), 0
    elif id_cell is not None:
        return None  # an empty id: the row above continues
    elif leading := _LEADING_ID.match(rec_cell.text):
        number, offset = _row_number(leading, table), leading.end()
    else:
        if _starts_lowercase(row) or not _has_response_side(row, table):
            return None
        table.unnumbered += 1
        number, offset = "", 0
    return _Draft(
        number=number,
        rows=[row],
        roles=roles,
        text_cells=[rec_cell],
        text_offset=offset,
        section=section,
        from_header=True,
        ticks=ticks,
    )


def _row_number(match: re.Match[str], table: _Table) -> str:
    """A row's number; a letter or roman numeral under a numbered row is its part ("3a")."""
    if match.group("number"):
        number = normalise_number(match.group("number"))
        table.last_number = number
        return number
    letter = match.group("letter").lower()
    parent = table.last_number
    return f"{parent}{letter}" if parent[-1:].isdigit() else letter


def _has_response_side(row: TableRow, table: _Table) -> bool:
    """An unnumbered row counts when a column other than the recommendation is filled."""
    rec_index = table.roles.get(Column.RECOMMENDATION)
    return any(not cell.is_empty for i, cell in enumerate(row.cells) if i != rec_index)


def _draft_rows(text: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    table: _Table | None = None
    section: str | None = None
    current: _Draft | None = None
    for row in parse_table_rows(text):
        if row.is_blank:
            continue  # the blank header a page break repeats
        found_roles = header_roles(row)
        if found_roles is not None and not _LABELLED.match(row.cells[0].text):
            if table is None or found_roles != table.roles:
                section = None
                table = _Table(found_roles, _tick_columns(row))
                current = None
            # a header repeated after a page break keeps the section, and the row it cut
            # goes on below it
            continue
        draft = _start_draft(row, table, section)
        if draft is not None:
            draft.add_row(row, first=True)
            drafts.append(draft)
            current = draft
        elif current is not None and _starts_lowercase(row):
            current.add_row(row, first=False)
        elif _is_section_row(row) and (current is not None or table is not None):
            section, current = row.cells[0].text, None
        elif current is not None and row.cells and _continues(row, current):
            current.add_row(row, first=False)  # only the response side continues
        else:
            current = None
    return drafts


def _continues(row: TableRow, current: _Draft) -> bool:
    """A row with an empty id (or first) cell continues the recommendation above."""
    id_index = current.roles.get(Column.ID, 0)
    return id_index < len(row.cells) and row.cells[id_index].is_empty


def _joined(cells: list[TableCell]) -> str:
    return strip_markup(" ".join(cell.text for cell in cells))


def _covering(cells: list[TableCell]) -> Span:
    return Span(min(c.span.start for c in cells), max(c.span.end for c in cells))


def _recommendation_text(draft: _Draft) -> str:
    first = draft.text_cells[0].text[draft.text_offset :]
    return strip_markup(" ".join([first, *(cell.text for cell in draft.text_cells[1:])]))


def _draft_status(draft: _Draft) -> tuple[ResponseStatus | None, str, float, str | None]:
    """(status, status text, confidence, progress) of a drafted row."""
    cells = draft.response_cells
    status_text = _joined(cells.get(Column.STATUS, []))
    comment = _joined(cells.get(Column.RESPONSE, []))
    progress = _joined(cells.get(Column.PROGRESS, [])) or None
    if draft.ticked:
        statuses = {status for status, _ in draft.ticked}
        if len(statuses) == 1:
            ticked = statuses.pop()
            return ticked, ticked.value, 0.9, progress
    if status_text:
        status = normalise_status(status_text)
        if status is not None:
            return status, status_text, 0.95, progress
        if progress is None and progress_of(status_text):
            progress = status_text  # a "Status" column that tracks delivery
        found = status_from_response(status_text)
        if found is not None:
            return found, status_text, 0.8, progress
    if comment:
        status = normalise_status(comment)
        if status is not None:
            return status, comment.split(".")[0][:80], 0.85, progress
        said = status_sentence(comment)
        if said is not None:
            return said[0], said[1], 0.8, progress
        status = status_from_response(comment)
        if status is not None:
            return status, status_text, 0.6, progress
    return None, status_text, 0.0, progress


_LABELLED_CELL = re.compile(r"^\W*(?:recommendation|rec\.?)\s*\d", re.I)


def _actions_under(drafts: list[_Draft]) -> dict[int, _Draft]:
    """Rows that are actions under a recommendation, by ``id``, with that recommendation:
    where rows saying "Recommendation 2: …" are followed by rows numbered 2.1, 2.2 that
    do not, those rows are the actions of an action plan, not recommendations."""
    labelled = {
        d.number: d
        for d in drafts
        if d.number and d.text_cells and _LABELLED_CELL.match(d.text_cells[0].text)
    }
    actions: dict[int, _Draft] = {}
    for draft in drafts:
        parent = labelled.get(draft.number.rsplit(".", 1)[0]) if "." in draft.number else None
        if parent is not None and draft is not parent and draft.number not in labelled:
            actions[id(draft)] = parent
    return actions


def _one_value(drafts: list[_Draft], role: Column) -> str:
    """The value every one of ``drafts`` states in the ``role`` column, if they agree."""
    values = {_joined(d.response_cells.get(role, [])) for d in drafts}
    return values.pop() if len(values) == 1 else ""


def _entities_from_draft(
    draft: _Draft, key: str, actions: list[_Draft] | None = None
) -> tuple[list[Entity], list[Link]]:
    """The recommendation of a row (and its response); a recommendation stating no lead
    or date of its own takes the one all its ``actions`` share."""
    actions = actions or []
    owner_text = " ".join(cell.text for cell in draft.response_cells.get(Column.OWNER, []))
    owner_text = owner_text.strip() or _one_value(actions, Column.OWNER)
    owners = split_organisations(owner_text) if owner_text else ()
    due = (
        due_of(_joined(draft.response_cells.get(Column.DUE, [])))
        or due_in_text(_recommendation_text(draft))
        or due_of(_one_value(actions, Column.DUE))
    )
    if due is None and Column.DUE not in draft.roles:
        # no due column: the date the response promises ("… will publish it by September 2025")
        said = _RESPONSE_DUE.search(_joined(draft.response_cells.get(Column.RESPONSE, [])))
        due = said.group("due") if said else None
    status, status_text, confidence, progress = _draft_status(draft)
    stated_due = _joined(draft.response_cells.get(Column.DUE, []))
    if due and due == due_of(stated_due) and _DONE.match(due):
        due, progress = None, progress or due  # "Complete" under "Timescale" is progress
    recommendation = Recommendation(
        key=key,
        label=f"Recommendation {draft.number}".strip(),
        span=_covering(draft.text_cells),
        confidence=0.95 if draft.from_header or len(draft.rows) == 1 else 0.9,
        number=draft.number,
        text=_recommendation_text(draft),
        section=draft.section,
        due=due,
        owners=owners,
        progress=progress,
    )
    response_side = [cell for cells in draft.response_cells.values() for cell in cells]
    response_side += [cell for _, cell in draft.ticked]
    if status is None or not response_side:
        return [recommendation], []
    response = Response(
        key=key.replace("recommendation-", "response-", 1),
        label=f"Response to Recommendation {draft.number}".strip(),
        span=_covering(response_side),
        confidence=confidence,
        recommendation_key=key,
        status=status,
        status_text=status_text,
        owners=owners,
        comment=_joined(draft.response_cells.get(Column.RESPONSE, [])),
    )
    return [recommendation, response], [Link(response.key, LinkKind.RESPONDS_TO, key)]


# --- recommendations written as prose ------------------------------------------------

# The bullets and markup before "Recommendation" are one flat character class: nested
# repeats ("(?:[-*]+[ \t]*)*") backtrack exponentially on a line of dashes.
_PROSE_RECOMMENDATION = re.compile(
    rf"^[ \t\-*•·#>]*(?:\*\*)?Recommendation[ \t]+(?P<number>{_RECOMMENDATION_ID})"
    r"[ \t]*(?:\*\*)?[ \t]*(?::|[–—]|-(?=\s))(?:\*\*)?[ \t]*(?P<text>\S.*)$",
    re.I | re.M,
)
_CONTENTS_LEADER = re.compile(r"\.{4,}|…{2,}|\s\d{1,3}\s*$")


def _line_at(text: str, position: int) -> str:
    end = text.find("\n", position)
    return text[position : end if end >= 0 else len(text)]


def _is_contents_entry(text: str, line_start: int) -> bool:
    """A table-of-contents line: dot leaders or a page number, here or on the wrapped line."""
    line = _line_at(text, line_start)
    if _CONTENTS_LEADER.search(line):
        return True
    next_start = line_start + len(line) + 1
    return next_start < len(text) and bool(_CONTENTS_LEADER.search(_line_at(text, next_start)))


def _prose_recommendations(text: str, taken: set[str]) -> list[Recommendation]:
    found: list[Recommendation] = []
    for match in _PROSE_RECOMMENDATION.finditer(text):
        line = _line_at(text, match.start())
        if "|" in line or "\t" in line.strip() or _is_contents_entry(text, match.start()):
            continue
        number = _normalise_number(match.group("number"))
        if number in taken:
            continue
        end = match.end("text")
        # A heading wrapped by PDF extraction continues on lowercase lines.
        while end < len(text):
            next_end = text.find("\n", end + 1)
            next_line = text[end + 1 : next_end if next_end >= 0 else len(text)]
            if not next_line[:1].islower():
                break
            end = next_end if next_end >= 0 else len(text)
        body = strip_markup(text[match.start("text") : end]).strip("* ")
        taken.add(number)
        found.append(
            Recommendation(
                key=f"recommendation-{number}",
                label=f"Recommendation {number}",
                span=Span(match.start("text"), end),
                confidence=0.75,
                number=number,
                text=body,
            )
        )
    return found


_LIST_INTRODUCTION = re.compile(r"\brecommendations\b[^\n]*:-?[ \t]*$", re.I)
_NUMBERED_ITEM = re.compile(r"^[ \t]*(?P<number>\d{1,2})[.)][ \t]+(?P<text>\S.*)$")


def _listed_recommendations(text: str, taken: set[str]) -> list[Recommendation]:
    """Numbered items under a line such as "… the following recommendations:"."""
    found: list[Recommendation] = []
    lines = list(_lines(text))
    for index, (_, line) in enumerate(lines):
        if len(line) > 400 or not _LIST_INTRODUCTION.search(line):
            continue
        for start, item_line in lines[index + 1 :]:
            if not item_line.strip():
                continue
            item = _NUMBERED_ITEM.match(item_line)
            if item is None:
                break
            number = item.group("number")
            if number in taken:
                continue
            taken.add(number)
            found.append(
                Recommendation(
                    key=f"recommendation-{number}",
                    label=f"Recommendation {number}",
                    span=Span(start + item.start("text"), start + item.end("text")),
                    confidence=0.6,
                    number=number,
                    text=strip_markup(item.group("text")),
                )
            )
    return found


def table_recommendations(text: str, taken: set[str]) -> tuple[list[Entity], list[Link]]:
    """Recommendations (with their responses) from the rows of response tables."""
    entities: list[Entity] = []
    links: list[Link] = []
    unnumbered = 0
    drafts = _draft_rows(text)
    actions = _actions_under(drafts)
    for draft in drafts:
        if id(draft) in actions:
            continue
        if draft.number:
            if draft.number in taken:
                continue
            taken.add(draft.number)
            key = f"recommendation-{draft.number}"
        else:
            unnumbered += 1
            key = f"recommendation-t{unnumbered}"
        new_entities, new_links = _entities_from_draft(
            draft, key, [a for a in drafts if actions.get(id(a)) is draft]
        )
        entities.extend(new_entities)
        links.extend(new_links)
    return entities, links


@dataclass(frozen=True)
class KeyedResponse:
    """A row of a table answering recommendations set out elsewhere, by their number."""

    number: str
    status: ResponseStatus
    status_text: str
    owners: tuple[str, ...]
    due: str | None
    progress: str | None
    comment: str
    span: Span
    confidence: float


def keyed_responses(text: str) -> list[KeyedResponse]:
    """The rows of tables headed by a number column and a status or response column but
    no recommendation column ("No. | Response | Lead | Timescale" under a list of the
    recommendations), each with the response it states."""
    out: list[KeyedResponse] = []
    roles: dict[Column, int] | None = None
    ticks: dict[int, ResponseStatus] = {}
    for row in parse_table_rows(text):
        if row.is_blank:
            continue
        found = _column_roles(row)
        if found is not None and not _NUMBERED_CELL.match(row.cells[0].text):
            answers = Column.STATUS in found or Column.RESPONSE in found
            keyed = Column.ID in found and Column.RECOMMENDATION not in found
            roles = found if keyed and (answers or _tick_columns(row)) else None
            ticks = _tick_columns(row) if roles is not None else {}
            continue
        id_cell = _role_cell(row, roles, Column.ID) if roles is not None else None
        if roles is None or id_cell is None or not _NUMBERED_CELL.match(id_cell.text):
            continue
        draft = _Draft(_row_id(id_cell.text), [row], roles, [], 0, None, True, ticks)
        draft.add_row(row, first=True)
        status, status_text, confidence, progress = _draft_status(draft)
        if status is None:
            continue
        owner_text = " ".join(c.text for c in draft.response_cells.get(Column.OWNER, []))
        response_side = [c for cells in draft.response_cells.values() for c in cells]
        out.append(
            KeyedResponse(
                number=draft.number,
                status=status,
                status_text=status_text,
                owners=split_organisations(owner_text) if owner_text.strip() else (),
                due=due_of(_joined(draft.response_cells.get(Column.DUE, []))),
                progress=progress,
                comment=_joined(draft.response_cells.get(Column.RESPONSE, [])),
                span=_covering(response_side or list(row.cells)),
                confidence=confidence * 0.9,
            )
        )
    return out


def _row_id(cell: str) -> str:
    """ "R3." -> "3", "(2)" -> "2", "Rec 4" -> "4"."""
    return normalise_number(
        re.sub(r"^\(?(?:R|Rec\.?)\s*", "", cell.strip(), flags=re.I).strip("().:")
    )


def extract_recommendations(text: str) -> Extraction:
    """Recommendations with their responses: see ``recommendations.extract_recommendations``."""
    from scrutiny.ingest.extract.recommendations import extract_recommendations as extract

    return extract(text)
