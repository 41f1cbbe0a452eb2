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


def parse_row(text: str, line_start: int, line: str) -> TableRow | None:
    """One table row from a line, or ``None`` if the line is not a table row."""
    stripped = line.strip()
    if not stripped or _SEPARATOR_ROW.match(line):
        return None
    if stripped.startswith("|"):
        bounds = _split_positions(line, "|")[1:]
        if stripped.endswith("|") and len(bounds) > 1:
            bounds = bounds[:-1]
    elif line.count("|") >= 2:
        bounds = _split_positions(line, "|")
    elif "\t" in stripped:
        bounds = _split_positions(line, "\t")
    else:
        return None
    cells = tuple(_cell(text, line_start, start, end) for start, end in bounds)
    return TableRow(cells, Span(line_start, line_start + len(line)))


def parse_table_rows(text: str) -> list[TableRow]:
    """Every table row of the document, in order (separator rows dropped)."""
    rows: list[TableRow] = []
    for line_start, line in _lines(text):
        row = parse_row(text, line_start, line)
        if row is not None:
            rows.append(row)
    return rows


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


def split_organisations(text: str) -> tuple[str, ...]:
    """Organisation labels from a responsible-body cell, split where they are joined."""
    names: list[str] = []
    for piece in _LIST_SEPARATORS.split(strip_markup(text)):
        for name in _split_on_and(piece.strip(" .-–")):
            name = name.strip(" .-–")
            if name and name not in names:
                names.append(name)
    return tuple(names)


# --- statuses -----------------------------------------------------------------------

_STATUS_WORDS: tuple[tuple[re.Pattern[str], ResponseStatus], ...] = (
    (
        re.compile(r"^(?:partial|partly|part\b|amend|accepted? in (?:part|principle))", re.I),
        ResponseStatus.PARTIALLY_ACCEPTED,
    ),
    (
        re.compile(r"^(?:not accepted|not agreed|reject|decline|refuse)", re.I),
        ResponseStatus.REJECTED,
    ),
    (re.compile(r"^(?:accept|agree|approve|support)", re.I), ResponseStatus.ACCEPTED),
    (re.compile(r"^(?:noted?\b)", re.I), ResponseStatus.NOTED),
)

# Fallback when a table has no status column but the response says it plainly.
_STATUS_IN_PROSE: tuple[tuple[re.Pattern[str], ResponseStatus], ...] = (
    (
        re.compile(
            r"\b(?:accepted|accepts?) in principle\b|\bpartially accept|\bbroadly accept", re.I
        ),
        ResponseStatus.PARTIALLY_ACCEPTED,
    ),
    (
        re.compile(r"\brejects?\b|\bis rejected\b|\bdoes not accept\b", re.I),
        ResponseStatus.REJECTED,
    ),
    (
        re.compile(r"\b(?:is accepted|accepts? this recommendation|accepted in full)\b", re.I),
        ResponseStatus.ACCEPTED,
    ),
)


def normalise_status(text: str) -> ResponseStatus | None:
    """A status cell such as "Accepted", "Amend – Officers to …", "Partial" or "Reject"."""
    cleaned = strip_markup(text).lstrip("*_ ")
    for pattern, status in _STATUS_WORDS:
        if pattern.match(cleaned):
            return status
    return None


def status_from_response(text: str) -> ResponseStatus | None:
    for pattern, status in _STATUS_IN_PROSE:
        if pattern.search(text):
            return status
    return None


# --- column roles -------------------------------------------------------------------


class Column(StrEnum):
    ID = "id"
    RECOMMENDATION = "recommendation"
    STATUS = "status"
    OWNER = "owner"
    RESPONSE = "response"


_HEADER_ROLES: tuple[tuple[re.Pattern[str], Column], ...] = (
    (
        re.compile(r"^(?:rec(?:ommendation)?\.?\s*)?(?:id|no\.?|number|ref(?:erence)?|#)$", re.I),
        Column.ID,
    ),
    (re.compile(r"status|accept|reject|agreed|decision", re.I), Column.STATUS),
    (
        re.compile(
            r"organisation|owner|lead|responsib|department|directorate|service|agency", re.I
        ),
        Column.OWNER,
    ),
    (re.compile(r"response|comment|action|update|progress", re.I), Column.RESPONSE),
    (re.compile(r"recommendation", re.I), Column.RECOMMENDATION),
)


def header_roles(row: TableRow) -> dict[Column, int] | None:
    """Column roles if ``row`` is a recommendation table's header row."""
    roles: dict[Column, int] = {}
    for index, cell in enumerate(row.cells):
        if cell.is_empty or len(cell.text) > 80:
            continue
        for pattern, role in _HEADER_ROLES:
            if pattern.search(cell.text):
                roles.setdefault(role, index)
                break
    if Column.RECOMMENDATION in roles and len(roles) >= 2:
        return roles
    return None


# --- recommendation rows ------------------------------------------------------------

_RECOMMENDATION_ID = r"\d{1,3}[a-z]?(?:\s*\((?:[ivxlc]+|[a-z]|\d{1,2})\))*"
_LABELLED = re.compile(
    rf"^\W*Recommendation\s+(?P<number>{_RECOMMENDATION_ID})\s*[:.\-–—)]?\s*", re.I
)
_BARE_ID = re.compile(rf"^(?P<number>{_RECOMMENDATION_ID})\.?$", re.I)


def _normalise_number(number: str) -> str:
    return re.sub(r"\s+", "", number).lower()


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
    response_cells: dict[Column, list[TableCell]] = field(default_factory=dict)

    def add_row(self, row: TableRow, first: bool) -> None:
        if not first:
            self.rows.append(row)
            rec_cell = _role_cell(row, self.roles, Column.RECOMMENDATION)
            if rec_cell is not None and not rec_cell.is_empty:
                self.text_cells.append(rec_cell)
        for role in (Column.STATUS, Column.OWNER, Column.RESPONSE):
            cell = _role_cell(row, self.roles, role)
            if cell is not None and not cell.is_empty:
                self.response_cells.setdefault(role, []).append(cell)


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
    if len(filled) != 1 or filled[0] is not row.cells[0]:
        return False
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


def _start_draft(
    row: TableRow, roles: dict[Column, int] | None, section: str | None
) -> _Draft | None:
    """A new draft if ``row`` opens a recommendation, by label or by an id column."""
    first = row.cells[0] if row.cells else None
    effective = roles
    rec_cell = _role_cell(row, roles, Column.RECOMMENDATION) if roles else first
    if rec_cell is not None:
        labelled = _LABELLED.match(rec_cell.text)
        if labelled and rec_cell.text[labelled.end() :].strip():
            if effective is None:
                effective = _positional_roles(row)
            return _Draft(
                number=_normalise_number(labelled.group("number")),
                rows=[row],
                roles=effective,
                text_cells=[rec_cell],
                text_offset=labelled.end(),
                section=section,
                from_header=roles is not None,
            )
    if roles and Column.ID in roles:
        id_cell = _role_cell(row, roles, Column.ID)
        if (
            id_cell is not None
            and rec_cell is not None
            and not rec_cell.is_empty
            and (bare := _BARE_ID.match(id_cell.text))
        ):
            return _Draft(
                number=_normalise_number(bare.group("number")),
                rows=[row],
                roles=roles,
                text_cells=[rec_cell],
                text_offset=0,
                section=section,
                from_header=True,
            )
    return None


def _draft_rows(text: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    roles: dict[Column, int] | None = None
    section: str | None = None
    current: _Draft | None = None
    for row in parse_table_rows(text):
        if row.is_blank:
            continue  # the blank header a page break repeats
        found_roles = header_roles(row)
        if found_roles is not None and not _LABELLED.match(row.cells[0].text):
            if found_roles != roles:  # a header repeated after a page break keeps the section
                section = None
            roles, current = found_roles, None
            continue
        draft = _start_draft(row, roles, section)
        if draft is not None:
            draft.add_row(row, first=True)
            drafts.append(draft)
            current = draft
        elif current is not None and _starts_lowercase(row):
            current.add_row(row, first=False)
        elif _is_section_row(row) and (current is not None or roles is not None):
            section, current = row.cells[0].text, None
        elif current is not None and row.cells and row.cells[0].is_empty:
            current.add_row(row, first=False)  # only the response side continues
        else:
            current = None
    return drafts


def _joined(cells: list[TableCell]) -> str:
    return strip_markup(" ".join(cell.text for cell in cells))


def _covering(cells: list[TableCell]) -> Span:
    return Span(min(c.span.start for c in cells), max(c.span.end for c in cells))


def _recommendation_text(draft: _Draft) -> str:
    first = draft.text_cells[0].text[draft.text_offset :]
    return strip_markup(" ".join([first, *(cell.text for cell in draft.text_cells[1:])]))


def _entities_from_draft(draft: _Draft) -> tuple[list[Entity], list[Link]]:
    key = f"recommendation-{draft.number}"
    recommendation = Recommendation(
        key=key,
        label=f"Recommendation {draft.number}",
        span=_covering(draft.text_cells),
        confidence=0.95 if draft.from_header or len(draft.rows) == 1 else 0.9,
        number=draft.number,
        text=_recommendation_text(draft),
        section=draft.section,
    )
    response_side = [cell for cells in draft.response_cells.values() for cell in cells]
    if not response_side:
        return [recommendation], []
    status_cells = draft.response_cells.get(Column.STATUS, [])
    status_text = _joined(status_cells)
    comment = _joined(draft.response_cells.get(Column.RESPONSE, []))
    status = normalise_status(status_text) if status_text else None
    confidence = 0.95
    if status is None:
        status, confidence = status_from_response(comment), 0.6
    if status is None:
        return [recommendation], []
    owner_text = " ".join(cell.text for cell in draft.response_cells.get(Column.OWNER, []))
    response = Response(
        key=f"response-{draft.number}",
        label=f"Response to Recommendation {draft.number}",
        span=_covering(response_side),
        confidence=confidence,
        recommendation_key=key,
        status=status,
        status_text=status_text,
        owners=split_organisations(owner_text) if owner_text else (),
        comment=comment,
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


def extract_recommendations(text: str) -> Extraction:
    """Recommendations with their responses: table rows, "Recommendation N:" paragraphs
    and numbered lists introduced as recommendations."""
    entities: list[Entity] = []
    links: list[Link] = []
    taken: set[str] = set()
    for draft in _draft_rows(text):
        if draft.number in taken:
            continue
        taken.add(draft.number)
        new_entities, new_links = _entities_from_draft(draft)
        entities.extend(new_entities)
        links.extend(new_links)
    entities.extend(_prose_recommendations(text, taken))
    entities.extend(_listed_recommendations(text, taken))
    return Extraction(entities=tuple(entities), links=tuple(links))
