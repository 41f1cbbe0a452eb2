"""The commitment tracker: one row per recommendation and commitment, with who must act,
by when, what was answered and how far it has got, filtered, sorted and paged.

Rows are read from the graph's typed node fields (``scrutiny.graph.fields``;
recommendation: number, owners, due, status, progress, comment; commitment: actor,
made_by, due, category, status, progress), which read defensively: an attribute that is
missing or of another type is simply not recorded.
Decisions (a commitment node whose ``category`` is ``decision``) record what a meeting
resolved, not a promise, and are left out.
When later documents report on an entity (``scrutiny.history``), the latest status and
progress they state on or before the reference date take the place of its own.

A due date is written free text ("by March 2025", "Q2 2024", "2025-03-31"); what can
be read as a date becomes the last day it allows (``due_date``), the rest is unknown
and never overdue. A row is overdue when its due date is before the reference date
(today, or ``as_at``) and it is neither complete (its progress or status says so) nor
rejected (nothing was promised).
"""

from __future__ import annotations

import calendar
import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import quote

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.fields import (
    CommitmentFields,
    DocumentFields,
    RecommendationFields,
    fields_of,
    status_text,
)
from scrutiny.graph.model import Node, StoredDocument
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import Store
from scrutiny.history import latest_position
from scrutiny.ingest.extract.records import ResponseStatus

#: Entity kinds the tracker lists.
TRACKED_KINDS = (NodeKind.RECOMMENDATION.value, NodeKind.COMMITMENT.value)
#: ``status`` filter value for rows with no response status recorded.
NO_STATUS = "none"
STATUSES = (*(status.value for status in ResponseStatus), NO_STATUS)
#: Sort keys; a leading ``-`` sorts descending. Unknown values always sort last.
SORT_KEYS = ("date", "due", "council", "body", "document", "number", "status", "owner", "kind")
DEFAULT_SORT = "-date"
DEFAULT_LIMIT = 50
MAX_LIMIT = 1000
#: Columns of the CSV export, in order (the JSON rows have the same fields).
CSV_COLUMNS = (
    "id", "kind", "council", "body", "document_id", "document_title", "document_link",
    "date", "number", "text", "owners", "due", "due_date", "status", "progress",
    "response", "complete", "overdue", "passage_id", "start", "end", "source_link",
)  # fmt: skip

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_SEASON_END = {"spring": (5, 31), "summer": (8, 31), "autumn": (11, 30)}

_COMPLETE = re.compile(
    r"^\W*(?:complete[d]?|closed|implemented|achieved|delivered|done|finished|blue|"
    r"already in place)\b",
    re.I,
)
_NOT_COMPLETE = re.compile(r"\b(?:not|partially|partly|incomplete|yet)\b", re.I)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _iso(match: re.Match[str]) -> date | None:
    return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


def _numeric_uk(match: re.Match[str]) -> date | None:
    return _safe_date(int(match["year"]), int(match["month"]), int(match["day"]))


def _day_month_year(match: re.Match[str]) -> date | None:
    return _safe_date(int(match["year"]), _MONTHS[match["month"].lower()], int(match["day"]))


def _month_year(match: re.Match[str]) -> date | None:
    return _last_day(int(match["year"]), _MONTHS[match["month"].lower()])


def _quarter(match: re.Match[str]) -> date | None:
    return _last_day(int(match["year"]), int(match["quarter"]) * 3)


def _financial_year(match: re.Match[str]) -> date | None:
    first = int(match["year"])
    second = int(match["second"])
    if second < 100:
        second += first // 100 * 100
    if second != first + 1:
        return None
    return date(second, 3, 31)  # a UK financial year ends on 31 March


def _season(match: re.Match[str]) -> date | None:
    month, day = _SEASON_END[match["season"].lower()]
    return date(int(match["year"]), month, day)


def _year(match: re.Match[str]) -> date | None:
    return date(int(match["year"]), 12, 31)


#: Due-date forms, most specific first; each gives the last day the text allows.
_DUE_FORMS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], date | None]], ...] = (
    (re.compile(r"\b(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)\b"), _iso),
    (re.compile(r"\b(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})\b"), _numeric_uk),
    (re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I), _day_month_year),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I), _day_month_year),
    (re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I), _month_year),
    (re.compile(rf"\bQ(?P<quarter>[1-4])\s*[-/]?\s*{_YEAR}\b", re.I), _quarter),
    (re.compile(rf"\b{_YEAR}\s*[-/]?\s*Q(?P<quarter>[1-4])\b", re.I), _quarter),
    (re.compile(rf"\b{_YEAR}\s*[/-]\s*(?P<second>\d{{2}}|\d{{4}})\b"), _financial_year),
    (re.compile(rf"\b(?P<season>spring|summer|autumn)\s+(?:term\s+)?{_YEAR}\b", re.I), _season),
    (re.compile(rf"^\W*(?:by\s+|in\s+|during\s+|(?:by\s+)?(?:the\s+)?end\s+of\s+)?{_YEAR}\W*$",
                re.I), _year),
)  # fmt: skip


def parse_due(text: str | None) -> date | None:
    """The last day a written due date allows, or None when it names no calendar date
    ("in the next quarter", "shortly"): ``2025-03-31``, ``31/03/2025``, ``31 March
    2025``, ``by March 2025`` (end of month), ``Q2 2024`` (end of quarter), ``2024/25``
    (end of the financial year), ``summer 2024``, ``by 2026`` (end of year)."""
    if not text:
        return None
    for pattern, reader in _DUE_FORMS:
        match = pattern.search(text)
        if match is not None:
            found = reader(match)
            if found is not None:
                return found
    return None


def is_complete(*texts: str | None) -> bool:
    """Whether a progress note or status says the work is done ("Complete", "Blue",
    "Implemented"), and not only partly ("Partially implemented", "Not complete")."""
    return any(text and _COMPLETE.match(text) and not _NOT_COMPLETE.search(text) for text in texts)


def parse_as_at(raw: str | None) -> date | None:
    """An ``as_at`` date (YYYY-MM-DD), or None when absent or blank."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    raise InvalidQueryError(f"as_at must be a date written YYYY-MM-DD, not '{text[:40]}'")


@dataclass(frozen=True)
class TrackerQuery:
    """Which rows the tracker lists; ``None`` means no constraint.

    ``council``, ``body``, ``owner``: part of the name, any case; ``theme``: a theme
    key or label; ``status``: a response status, or ``none`` for rows without one;
    ``overdue``: only overdue rows (True) or only the others (False); ``year``: the
    document's year; ``as_at``: the date overdue is judged on (default today);
    ``sort``: one of ``SORT_KEYS``, ``-`` first for descending; ``limit`` None: all.
    """

    council: str | None = None
    body: str | None = None
    theme: str | None = None
    status: str | None = None
    owner: str | None = None
    kind: str | None = None
    overdue: bool | None = None
    year: int | None = None
    as_at: date | None = None
    sort: str = DEFAULT_SORT
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0

    def check(self) -> None:
        """Raise ``InvalidQueryError`` naming the first parameter out of range."""
        if self.limit is not None and not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidQueryError(f"limit must be between 1 and {MAX_LIMIT}")
        if self.offset < 0:
            raise InvalidQueryError("offset must not be negative")
        if self.kind is not None and self.kind not in TRACKED_KINDS:
            raise InvalidQueryError(
                f"unknown kind '{self.kind}'; one of: {', '.join(TRACKED_KINDS)}"
            )
        if self.status is not None and self.status.lower() not in STATUSES:
            raise InvalidQueryError(
                f"unknown status '{self.status}'; one of: {', '.join(STATUSES)}"
            )
        if self.sort.removeprefix("-") not in SORT_KEYS:
            raise InvalidQueryError(
                f"unknown sort '{self.sort}'; one of: {', '.join(SORT_KEYS)} "
                "(a leading '-' sorts descending)"
            )
        if self.year is not None and not 1 <= self.year <= 9999:
            raise InvalidQueryError("year must be a whole number, e.g. 2024")


@dataclass(frozen=True)
class TrackerRow:
    """A recommendation or commitment, where it was made and what became of it."""

    id: str
    kind: str
    council: str | None
    body: str | None
    document_id: str | None
    document_title: str | None
    date: str | None  # the document's date, ISO 8601
    number: str
    text: str
    owners: tuple[str, ...]
    due: str | None  # as written
    due_date: str | None  # ISO 8601, when the written due date names one
    status: str | None  # the response status
    progress: str | None  # the latest progress note or RAG rating
    response: str | None  # the response's comment
    complete: bool
    overdue: bool
    passage_id: str | None  # the passage the entity was extracted from
    start: int | None
    end: int | None

    @property
    def document_link(self) -> str | None:
        if self.document_id is None:
            return None
        return f"/documents/{quote(self.document_id, safe='')}"

    @property
    def source_link(self) -> str | None:
        """The source passage marked in its document, else the document."""
        link = self.document_link
        if link is None or self.passage_id is None:
            return link
        passage = quote(self.passage_id, safe="")
        return f"{link}?passage={passage}#{passage}"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "council": self.council,
            "body": self.body,
            "document": None
            if self.document_id is None
            else {"id": self.document_id, "title": self.document_title, "date": self.date,
                  "link": self.document_link},
            "date": self.date,
            "number": self.number,
            "text": self.text,
            "owners": list(self.owners),
            "due": self.due,
            "due_date": self.due_date,
            "status": self.status,
            "progress": self.progress,
            "response": self.response,
            "complete": self.complete,
            "overdue": self.overdue,
            "source": {"passage": self.passage_id, "start": self.start, "end": self.end,
                       "link": self.source_link},
        }  # fmt: skip

    def csv_values(self) -> list[str]:
        values: dict[str, object] = {
            **{name: getattr(self, name) for name in CSV_COLUMNS if hasattr(self, name)},
            "owners": "; ".join(self.owners),
            "complete": "yes" if self.complete else "no",
            "overdue": "yes" if self.overdue else "no",
        }
        return ["" if values[name] is None else str(values[name]) for name in CSV_COLUMNS]


@dataclass(frozen=True)
class TrackerPage:
    """One page of matching rows; ``total`` counts every match, ``options`` lists the
    values each choice filter can take over the whole tracker (for forms)."""

    total: int
    rows: tuple[TrackerRow, ...]
    as_at: str
    query: TrackerQuery
    options: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "as_at": self.as_at,
            "offset": self.query.offset,
            "limit": self.query.limit,
            "sort": self.query.sort,
            "rows": [row.to_json() for row in self.rows],
        }

    def to_csv(self) -> str:
        """The rows as CSV with a header line (``CSV_COLUMNS``)."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(row.csv_values() for row in self.rows)
        return buffer.getvalue()


# --- reading rows from the store ----------------------------------------------------------


def _text(value: str | None) -> str | None:
    """A text field without its surrounding space; None when it is blank."""
    return value.strip() if value and value.strip() else None


def _names(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """The names of ``groups`` in order, each once, blank ones left out."""
    return tuple(dict.fromkeys(text for names in groups for name in names if (text := _text(name))))


def _body(document_node: Node | None) -> str | None:
    """The publishing body a document node records (when it is not a council)."""
    fields = fields_of(document_node) if document_node is not None else None
    return _text(fields.body) if isinstance(fields, DocumentFields) else None


def _row(
    node: Node,
    document: StoredDocument | None,
    body: str | None,
    as_at: date,
    later: tuple[ResponseStatus | None, str | None] | None = None,
) -> TrackerRow | None:
    """A tracker row; ``later``: the latest status and progress later documents stated
    (``scrutiny.history``), which take the place of what the entity's own records."""
    fields = fields_of(node)
    number = ""
    response: str | None = None  # a commitment has neither a number nor a response
    if isinstance(fields, CommitmentFields):
        if fields.is_decision:
            return None
        owners = _names(fields.actor, fields.made_by)
    elif isinstance(fields, RecommendationFields):
        owners = _names(fields.owners)
        number = _text(fields.number) or ""
        response = _text(fields.comment)
    else:
        return None
    status = _text(status_text(fields))
    progress = _text(fields.progress)
    if later is not None:
        status = later[0].value if later[0] is not None else status
        progress = later[1] or progress
    due = _text(fields.due)
    due_date = parse_due(due)
    complete = is_complete(progress, status)
    rejected = (status or "").lower() == ResponseStatus.REJECTED.value
    return TrackerRow(
        id=node.id,
        kind=node.kind.value,
        council=document.council if document else None,
        body=body,
        document_id=document.id if document else node.document_id,
        document_title=document.title if document else None,
        date=document.meeting_date if document else None,
        number=number,
        text=node.text or node.label,
        owners=owners,
        due=due,
        due_date=due_date.isoformat() if due_date else None,
        status=status,
        progress=progress,
        response=response,
        complete=complete,
        overdue=due_date is not None and due_date < as_at and not complete and not rejected,
        passage_id=None,
        start=node.start,
        end=node.end,
    )


def _contains(value: str | None, wanted: str) -> bool:
    return value is not None and wanted.casefold() in value.casefold()


def _matches(row: TrackerRow, query: TrackerQuery, themed: set[str] | None) -> bool:
    if query.kind is not None and row.kind != query.kind:
        return False
    if query.council and not _contains(row.council, query.council):
        return False
    if query.body and not _contains(row.body, query.body):
        return False
    if query.owner and not any(_contains(owner, query.owner) for owner in row.owners):
        return False
    if query.status:
        wanted = query.status.lower()
        if (row.status or NO_STATUS).lower() != wanted:
            return False
    if query.overdue is not None and row.overdue != query.overdue:
        return False
    if query.year is not None and not (row.date or "").startswith(f"{query.year:04d}"):
        return False
    return themed is None or row.id in themed


def _number_key(number: str) -> tuple[int, str]:
    digits = re.match(r"\d+", number)
    return (int(digits.group()) if digits else 10**9, number.casefold())


_SORT_VALUES: dict[str, Callable[[TrackerRow], Any]] = {
    "date": lambda row: row.date,
    "due": lambda row: row.due_date,
    "council": lambda row: row.council.casefold() if row.council else None,
    "body": lambda row: row.body.casefold() if row.body else None,
    "document": lambda row: row.document_title.casefold() if row.document_title else None,
    "number": lambda row: _number_key(row.number) if row.number else None,
    "status": lambda row: row.status,
    "owner": lambda row: row.owners[0].casefold() if row.owners else None,
    "kind": lambda row: row.kind,
}


def sort_rows(rows: Iterable[TrackerRow], sort: str) -> list[TrackerRow]:
    """Rows by one key (``-`` first: descending), unknown values last; ties keep
    document order (newest document first, then position in the document)."""
    ordered = sorted(rows, key=lambda row: (row.document_id or "", row.start or 0, row.id))
    ordered.sort(key=lambda row: row.date or "", reverse=True)
    ordered.sort(key=lambda row: row.date is None)
    value = _SORT_VALUES[sort.removeprefix("-")]
    known = [row for row in ordered if value(row) is not None]
    unknown = [row for row in ordered if value(row) is None]
    known.sort(key=value, reverse=sort.startswith("-"))
    return known + unknown


def _options(rows: Sequence[TrackerRow]) -> dict[str, tuple[str, ...]]:
    def distinct(values: Iterable[str | None]) -> tuple[str, ...]:
        return tuple(sorted({v for v in values if v}, key=str.casefold))

    return {
        "council": distinct(row.council for row in rows),
        "body": distinct(row.body for row in rows),
        "status": distinct(row.status for row in rows),
        "year": tuple(sorted({row.date[:4] for row in rows if row.date}, reverse=True)),
    }


def tracker_page(
    store: Store,
    query: TrackerQuery,
    theme_ids: Callable[[str], tuple[str, ...]],
    today: date | None = None,
) -> TrackerPage:
    """The tracker rows matching ``query``, sorted and paged.

    ``theme_ids`` resolves a theme key or label to theme node ids.
    """
    query.check()
    as_at = query.as_at or today or date.today()
    documents = {document.id: document for document in store.documents()}
    bodies = {node.id: _body(node) for node in store.nodes(NodeKind.DOCUMENT)}
    rows: list[TrackerRow] = []
    for kind in TRACKED_KINDS:
        for node in store.nodes(NodeKind(kind)):
            document = documents.get(node.document_id) if node.document_id else None
            later = latest_position(store, node.id, as_at)
            row = _row(node, document, bodies.get(node.document_id or ""), as_at, later)
            if row is not None:
                rows.append(row)
    themed = None
    if query.theme:
        themed = {
            edge.source
            for theme in theme_ids(query.theme)
            for edge in store.edges_touching(theme)
            if edge.kind is EdgeKind.HAS_THEME and edge.target == theme
        }
    matching = sort_rows((row for row in rows if _matches(row, query, themed)), query.sort)
    end = None if query.limit is None else query.offset + query.limit
    page = [_with_source(store, row) for row in matching[query.offset : end]]
    return TrackerPage(len(matching), tuple(page), as_at.isoformat(), query, _options(rows))


def tracker_rows(
    store: Store, node_ids: Iterable[str], today: date | None = None
) -> tuple[TrackerRow, ...]:
    """The tracker rows of the recommendations and commitments among ``node_ids`` (a
    response stands for the recommendation it answers), in the order given, each once."""
    as_at = today or date.today()
    tracked: dict[str, Node] = {}
    for node_id in node_ids:
        node = store.node(node_id)
        if node is not None and node.kind is NodeKind.RESPONSE:
            answered = [
                store.node(edge.target)
                for edge in store.edges_touching(node_id)
                if edge.kind is EdgeKind.RESPONDS_TO and edge.source == node_id
            ]
        else:
            answered = [node]
        for each in answered:
            if each is not None and each.kind.value in TRACKED_KINDS:
                tracked.setdefault(each.id, each)
    rows: list[TrackerRow] = []
    for node in tracked.values():
        document = store.document(node.document_id) if node.document_id else None
        document_node = store.node(node.document_id) if node.document_id else None
        body = _body(document_node)
        row = _row(node, document, body, as_at, latest_position(store, node.id, as_at))
        if row is not None:
            rows.append(_with_source(store, row))
    return tuple(rows)


def _with_source(store: Store, row: TrackerRow) -> TrackerRow:
    return replace(row, passage_id=store.source_passage(row.id))
