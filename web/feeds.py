"""Atom 1.0 feeds (RFC 4287) to follow the knowledge base from a feed reader.

``/feeds/search.atom?q=…`` is a saved search: its latest results, newest document first,
with the filters of ``/api/search`` (kind, council, committee, theme, organisation,
status, year) and ``limit`` (default 20). ``/feeds/status.atom?council=…&body=…&theme=…``
follows what became of recommendations and commitments: their response status and
latest progress, newest documents first (the tracker's filters: also status, owner,
kind, overdue, year, as_at; ``limit`` default 50, at most 200).

Both read through the app's shared knowledge base exactly as ``/api/search`` and
``/api/tracker`` do, so whatever those may show a reader is all a feed shows.

Entry ids are ``urn:uuid:`` names derived from what the entry is (a search hit's passage;
a tracker row with its current status and progress, so a status change is a new entry),
the same whichever host serves the feed. An entry's ``updated`` is its document's date
(midnight UTC), or when the document was ingested if it has none.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import urlencode, urljoin
from xml.etree import ElementTree

from flask import Blueprint, Response, request, url_for

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.fields import fields_for, status_text
from scrutiny.results import DocumentRef, SearchHit
from scrutiny.tracker import TrackerRow
from scrutiny.web.knowledge import (
    SEARCH_FILTERS,
    current_knowledge_base,
    parse_int,
    parse_search_filters,
)
from scrutiny.web.tracker import TRACKER_ARGUMENTS, parse_tracker_query

feeds = Blueprint("feeds", __name__, url_prefix="/feeds")

ATOM_NS = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
#: The namespace of the feeds' and entries' ``urn:uuid:`` ids (uuid5 of what they are).
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/scrutiny-graph/feeds")
SEARCH_FEED_LIMIT = 20
STATUS_FEED_LIMIT = 50
STATUS_FEED_MAX = 200
#: Request arguments of each feed (anything else is ignored, and not part of its id).
SEARCH_FEED_ARGUMENTS = ("q", *SEARCH_FILTERS, "limit")
STATUS_FEED_ARGUMENTS = (*(name for name in TRACKER_ARGUMENTS if name != "sort"), "limit")
TITLE_CHARS = 100
GENERATOR = "scrutiny-graph"
#: Characters XML 1.0 cannot hold (C0 controls but tab and newlines, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ElementTree.register_namespace("", ATOM_NS)


def xml_text(text: object) -> str:
    return _NOT_XML.sub("", str(text))


def shorten(text: str, limit: int = TITLE_CHARS) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:.") + "…"


def urn(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, chr(31).join(parts))}"


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_moment(text: str | None) -> datetime | None:
    """A document date (``2024-09-11``) as midnight UTC, or an ISO timestamp; else None."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time(), UTC)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Link:
    href: str
    rel: str = "alternate"
    type: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: datetime
    links: tuple[Link, ...]
    content: str
    author: str | None = None
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    id: str
    title: str
    subtitle: str
    links: tuple[Link, ...]
    entries: tuple[Entry, ...]

    @property
    def updated(self) -> datetime:
        """The newest entry's ``updated``; now when there are none."""
        return max((entry.updated for entry in self.entries), default=datetime.now(UTC))


def _add(parent: ElementTree.Element, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = ElementTree.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attributes)
    if text is not None:
        element.text = xml_text(text)
    return element


def _add_link(parent: ElementTree.Element, link: Link) -> None:
    attributes = {"rel": link.rel, "href": link.href}
    if link.type:
        attributes["type"] = link.type
    if link.title:
        attributes["title"] = xml_text(link.title)
    _add(parent, "link", **attributes)


def render(feed: Feed) -> bytes:
    """The feed as an Atom 1.0 document. The feed has an author, so every entry has one."""
    root = ElementTree.Element(f"{{{ATOM_NS}}}feed")
    _add(root, "id", feed.id)
    _add(root, "title", feed.title, type="text")
    _add(root, "subtitle", feed.subtitle, type="text")
    _add(root, "updated", rfc3339(feed.updated))
    author = _add(root, "author")
    _add(author, "name", GENERATOR)
    _add(root, "generator", GENERATOR)
    for link in feed.links:
        _add_link(root, link)
    for entry in feed.entries:
        element = _add(root, "entry")
        _add(element, "id", entry.id)
        _add(element, "title", entry.title, type="text")
        _add(element, "updated", rfc3339(entry.updated))
        if entry.author:
            _add(_add(element, "author"), "name", entry.author)
        for link in entry.links:
            _add_link(element, link)
        for term in entry.categories:
            _add(element, "category", term=xml_text(term))
        _add(element, "content", entry.content, type="text")
    body: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return body


def atom_response(feed: Feed) -> Response:
    """The feed, with ``Last-Modified`` and an ``ETag``: a reader polling with
    ``If-None-Match`` or ``If-Modified-Since`` gets a 304 while nothing changed."""
    response = Response(render(feed), content_type=f"{ATOM_TYPE}; charset=utf-8")
    response.last_modified = feed.updated
    response.add_etag()
    response.make_conditional(request)  # changes the response itself (a 304)
    return response


def absolute(path: str) -> str:
    return urljoin(request.host_url, path)


def feed_arguments(names: Iterable[str]) -> dict[str, str]:
    """The feed's arguments that are set, in a fixed order (they name the feed)."""
    return {name: value for name in names if (value := (request.args.get(name) or "").strip())}


def feed_id(kind: str, arguments: Mapping[str, str]) -> str:
    return urn("feed", kind, urlencode(sorted(arguments.items())))


def self_link(endpoint: str, arguments: Mapping[str, str]) -> Link:
    return Link(url_for(endpoint, _external=True, **arguments), rel="self", type=ATOM_TYPE)


def describe(arguments: Mapping[str, str], skip: tuple[str, ...] = ()) -> str:
    return ", ".join(f"{name} {value}" for name, value in arguments.items() if name not in skip)


class EntryDates:
    """When each document's entries were last updated: its date, else its ingest time
    (else now)."""

    def __init__(self) -> None:
        self._ingested: dict[str, datetime | None] = {}
        self._now = datetime.now(UTC)

    def of(self, document_id: str | None, document_date: str | None) -> datetime:
        found = parse_moment(document_date)
        if found is not None:
            return found
        if document_id is not None and document_id not in self._ingested:
            # Only documents whose rows the reader was just given are looked up.
            stored = current_knowledge_base().knowledge_base.store.document(document_id)
            self._ingested[document_id] = parse_moment(stored.ingested_at if stored else None)
        return self._ingested.get(document_id or "") or self._now


def newest_documents_first(entries: Iterable[tuple[str | None, Entry]]) -> tuple[Entry, ...]:
    """Entries by their document's date (ISO), newest first, undated documents last;
    otherwise in the order given."""
    ordered = sorted(entries, key=lambda pair: pair[0] or "", reverse=True)
    ordered.sort(key=lambda pair: pair[0] is None)
    return tuple(entry for _, entry in ordered)


# --- the saved search ---------------------------------------------------------------------


def passage_href(document_id: str, passage_id: str) -> str:
    return absolute(url_for("pages.document", document_id=document_id, passage=passage_id)) + (
        f"#{passage_id}"
    )


def document_line(document: DocumentRef) -> str:
    return " · ".join(part for part in (document.title, document.council, document.date) if part)


def search_entry(hit: SearchHit, updated: datetime) -> Entry:
    title = hit.entity.label if hit.entity else hit.text
    links = [Link(passage_href(hit.document.id, hit.id), type="text/html")]
    categories = [hit.kind]
    if hit.entity:
        entity_href = absolute(url_for("pages.entity", entity_id=hit.entity.id))
        links.append(Link(entity_href, rel="related", type="text/html", title=hit.entity.label))
        if status := status_text(fields_for(hit.entity.kind, hit.entity.attributes)):
            categories.append(status)
    return Entry(
        id=urn("passage", hit.id),
        title=shorten(title),
        updated=updated,
        links=tuple(links),
        content=f"{hit.text}\n\n— {document_line(hit.document)}",
        author=hit.document.council,
        categories=tuple(categories),
    )


@feeds.get("/search.atom")
def search() -> Response:
    knowledge_base = current_knowledge_base()
    query = (request.args.get("q") or "").strip()
    if not query:
        raise InvalidQueryError("the q parameter is required: the feed follows one search")
    max_limit = knowledge_base.max_limit
    limit = parse_int(
        request.args.get("limit"),
        f"limit must be a whole number between 1 and {max_limit}",
        minimum=1,
        maximum=max_limit,
    )
    filters = parse_search_filters(request.args)
    response = knowledge_base.search(
        query, limit or min(SEARCH_FEED_LIMIT, max_limit), filters=filters
    )
    dates = EntryDates()
    entries = [
        (hit.document.date, search_entry(hit, dates.of(hit.document.id, hit.document.date)))
        for hit in response.results
    ]
    arguments = feed_arguments(SEARCH_FEED_ARGUMENTS)
    page_arguments = {k: v for k, v in arguments.items() if k != "limit"}
    narrowed = describe(arguments, skip=("q", "limit"))
    return atom_response(
        Feed(
            id=feed_id("search", arguments),
            title=f"“{query}”" + (f" ({narrowed})" if narrowed else "") + " · scrutiny-graph",
            subtitle=f"The latest passages matching the search “{query}”, newest document "
            "first, each cited to the character.",
            links=(
                self_link("feeds.search", arguments),
                Link(url_for("pages.search", _external=True, **page_arguments), type="text/html"),
            ),
            entries=newest_documents_first(entries),
        )
    )


# --- status changes -----------------------------------------------------------------------


def status_line(row: TrackerRow) -> str:
    status = row.status or "no response recorded"
    if row.progress and row.progress.lower() != status.lower():
        status = f"{status}, {row.progress}"
    return status


def status_entry(row: TrackerRow, updated: datetime) -> Entry:
    heading = row.kind.capitalize() + (f" {row.number}" if row.number else "")
    facts = [
        ("Response status", row.status or "not recorded"),
        ("Latest progress", row.progress),
        ("Response", row.response),
        ("Owners", "; ".join(row.owners) or None),
        ("Due", row.due + (" (overdue)" if row.overdue else "") if row.due else None),
        ("Complete", "yes" if row.complete else None),
        ("Council or body", row.body or row.council),
        ("Document", " · ".join(p for p in (row.document_title, row.date) if p) or None),
    ]
    content = "\n".join([row.text, "", *(f"{name}: {value}" for name, value in facts if value)])
    links = [Link(absolute(url_for("pages.entity", entity_id=row.id)), type="text/html")]
    if row.source_link:
        links.append(Link(absolute(row.source_link), rel="via", type="text/html", title="Source"))
    return Entry(
        id=urn("status", row.id, row.status or "", row.progress or ""),
        title=shorten(f"{heading} — {status_line(row)}: {row.text}"),
        updated=updated,
        links=tuple(links),
        content=content,
        author=row.body or row.council,
        categories=tuple(
            c for c in (row.kind, row.status, "overdue" if row.overdue else None) if c
        ),
    )


@feeds.get("/status.atom")
def status() -> Response:
    arguments = feed_arguments(STATUS_FEED_ARGUMENTS)
    limit = parse_int(
        request.args.get("limit"),
        f"limit must be a whole number between 1 and {STATUS_FEED_MAX}",
        minimum=1,
        maximum=STATUS_FEED_MAX,
    )
    filters = {k: v for k, v in arguments.items() if k != "limit"}
    query = replace(
        parse_tracker_query(filters, default_limit=None),
        sort="-date",
        limit=limit or STATUS_FEED_LIMIT,
    )
    page = current_knowledge_base().tracker(query)
    dates = EntryDates()
    entries = [
        (row.date, status_entry(row, dates.of(row.document_id, row.date))) for row in page.rows
    ]
    narrowed = describe(filters)
    return atom_response(
        Feed(
            id=feed_id("status", arguments),
            title="Status of recommendations and commitments"
            + (f" ({narrowed})" if narrowed else "")
            + " · scrutiny-graph",
            subtitle="Recommendations and commitments with their response status and latest "
            "progress, newest documents first.",
            links=(
                self_link("feeds.status", arguments),
                Link(url_for("tracker.page", _external=True, **filters), type="text/html"),
            ),
            entries=newest_documents_first(entries),
        )
    )
