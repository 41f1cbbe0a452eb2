"""The commitment tracker: ``/tracker`` (a page), ``/api/tracker`` (JSON) and
``/api/tracker.csv`` (or ``/api/tracker?format=csv``): one row per recommendation and
commitment, filtered, sorted and paged by the same request arguments everywhere.

The JSON is ``TrackerPage.to_json()``; the CSV holds exactly the rows the JSON would for
the same arguments, all of them unless ``limit``/``offset`` are given (``limit=all``
asks the JSON for every row as well). Invalid arguments raise ``InvalidQueryError``,
which the app's one error handler turns into a 400 in the pinned JSON shape.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, render_template, request, url_for

from scrutiny.errors import InvalidQueryError
from scrutiny.tracker import (
    DEFAULT_LIMIT,
    DEFAULT_SORT,
    MAX_LIMIT,
    SORT_KEYS,
    STATUSES,
    TRACKED_KINDS,
    TrackerPage,
    TrackerQuery,
    parse_as_at,
)
from scrutiny.web.knowledge import MAX_OFFSET, current_knowledge_base, parse_int, text_argument

tracker = Blueprint("tracker", __name__)

#: Request arguments that filter or order the rows (kept by every link the page builds).
TRACKER_ARGUMENTS = (
    "council", "body", "theme", "status", "owner", "kind", "overdue", "year", "as_at", "sort",
)  # fmt: skip
FORMATS = ("json", "csv")
ALL = "all"
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}

#: Column headings of the page's table, by sort key (None: not sortable).
COLUMNS: tuple[tuple[str, str | None], ...] = (
    ("Council or body", "council"),
    ("Document", "date"),
    ("No.", "number"),
    ("Recommendation or commitment", None),
    ("Owner", "owner"),
    ("Due", "due"),
    ("Response status", "status"),
    ("Latest progress", None),
    ("Source", None),
)
SORT_LABELS = {
    "-date": "Newest document first",
    "date": "Oldest document first",
    "due": "Due soonest first",
    "-due": "Due latest first",
    "council": "Council A–Z",
    "body": "Body A–Z",
    "document": "Document title A–Z",
    "number": "Number",
    "status": "Response status",
    "owner": "Owner A–Z",
    "kind": "Kind",
}


def parse_overdue(raw: str | None) -> bool | None:
    """``overdue``: 1/true/yes/on for overdue rows only, 0/false/no/off for the others."""
    if raw is None or not raw.strip():
        return None
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise InvalidQueryError("overdue must be 1 (only overdue rows) or 0 (only the others)")


def parse_tracker_query(args: Mapping[str, str], default_limit: int | None) -> TrackerQuery:
    """A ``TrackerQuery`` from request arguments; blank filters mean no constraint;
    ``limit=all`` (or no limit when ``default_limit`` is None) asks for every row."""
    raw_limit = (args.get("limit") or "").strip()
    limit: int | None
    if raw_limit.lower() == ALL:
        limit = None
    else:
        parsed = parse_int(
            raw_limit,
            f"limit must be a whole number between 1 and {MAX_LIMIT}, or 'all'",
            minimum=1,
            maximum=MAX_LIMIT,
        )
        limit = default_limit if parsed is None else parsed
    offset = parse_int(
        args.get("offset"),
        f"offset must be a whole number from 0 to {MAX_OFFSET:,}",
        minimum=0,
        maximum=MAX_OFFSET,
    )
    status = text_argument(args, "status")
    query = TrackerQuery(
        council=text_argument(args, "council"),
        body=text_argument(args, "body"),
        theme=text_argument(args, "theme"),
        status=status.lower() if status else None,
        owner=text_argument(args, "owner"),
        kind=text_argument(args, "kind"),
        overdue=parse_overdue(args.get("overdue")),
        year=parse_int(
            args.get("year"), "year must be a whole number, e.g. 2024", minimum=1, maximum=9999
        ),
        as_at=parse_as_at(args.get("as_at")),
        sort=text_argument(args, "sort") or DEFAULT_SORT,
        limit=limit,
        offset=offset or 0,
    )
    query.check()
    return query


def _page(default_limit: int | None) -> TrackerPage:
    query = parse_tracker_query(request.args, default_limit)
    page: TrackerPage = current_knowledge_base().tracker(query)
    return page


def csv_response(page: TrackerPage) -> Response:
    return Response(
        page.to_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": 'attachment; filename="tracker.csv"'},
    )


@tracker.get("/api/tracker")
def api_tracker() -> Response | dict[str, Any]:
    """``TrackerPage.to_json()`` (50 rows a page by default), or with ``format=csv`` the
    CSV export (every matching row unless ``limit``/``offset`` are given)."""
    fmt = (request.args.get("format") or "json").strip().lower()
    if fmt not in FORMATS:
        raise InvalidQueryError(f"unknown format '{fmt[:40]}'; one of: {', '.join(FORMATS)}")
    if fmt == "csv":
        return csv_response(_page(default_limit=None))
    payload: dict[str, Any] = _page(DEFAULT_LIMIT).to_json()
    return payload


@tracker.get("/api/tracker.csv")
def api_tracker_csv() -> Response:
    """The CSV export of the matching rows (all unless ``limit``/``offset`` are given)."""
    return csv_response(_page(default_limit=None))


# --- the page -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SortableColumn:
    heading: str
    href: str | None  # sorts by this column (toggling the direction when it is current)
    aria_sort: str | None  # "ascending" / "descending" on the current sort column


def active_arguments(args: Mapping[str, str]) -> dict[str, str]:
    """The filter and sort arguments that are set, by name."""
    return {name: value for name in TRACKER_ARGUMENTS if (value := (args.get(name) or "").strip())}


def tracker_link(endpoint: str, arguments: dict[str, str]) -> Callable[..., str]:
    """A URL builder keeping the current arguments, with some changed (None removes one)."""

    def link(**changes: str | int | None) -> str:
        merged: dict[str, Any] = {**arguments, **changes}
        return url_for(endpoint, **{k: v for k, v in merged.items() if v not in (None, "", 0)})

    return link


def sortable_columns(sort: str, link: Callable[..., str]) -> list[SortableColumn]:
    columns = []
    key, descending = sort.removeprefix("-"), sort.startswith("-")
    for heading, column in COLUMNS:
        if column is None:
            columns.append(SortableColumn(heading, None, None))
            continue
        current = column == key
        # The first click sorts newest first for dates, A–Z otherwise; a second reverses.
        first = f"-{column}" if column == "date" else column
        target = (column if descending else f"-{column}") if current else first
        aria = ("descending" if descending else "ascending") if current else None
        columns.append(SortableColumn(heading, link(sort=target, offset=None), aria))
    return columns


@tracker.get("/tracker")
def page() -> str:
    tracker_page = _page(DEFAULT_LIMIT)
    query = tracker_page.query
    arguments = active_arguments(request.args)
    if query.limit not in (None, DEFAULT_LIMIT):
        arguments["limit"] = str(query.limit)
    link = tracker_link("tracker.page", arguments)
    export: dict[str, Any] = {k: v for k, v in arguments.items() if k != "limit"}
    limit = query.limit or tracker_page.total or 1
    following = query.offset + limit
    return render_template(
        "tracker.html",
        page=tracker_page,
        query=query,
        arguments=arguments,
        link=link,
        columns=sortable_columns(query.sort, link),
        sort_labels=SORT_LABELS,
        sort_keys=SORT_KEYS,
        statuses=STATUSES,
        kinds=TRACKED_KINDS,
        first_shown=query.offset + 1 if tracker_page.rows else 0,
        last_shown=query.offset + len(tracker_page.rows),
        previous_offset=max(query.offset - limit, 0) if query.offset > 0 else None,
        next_offset=following if following < tracker_page.total else None,
        csv_link=url_for("tracker.api_tracker_csv", **export),
        json_link=url_for("tracker.api_tracker", limit=ALL, **export),
    )
