"""Access to the one KnowledgeBase an app owns, and request-argument parsing.

Reads run concurrently: the store gives each server thread its own SQLite connection
(WAL lets readers proceed side by side), the faiss index and the query encoder are
safe to search from several threads, and the service's caches are filled atomically.
SPARQL queries run in worker processes of their own (``KnowledgeBase.sparql``).

Every read says who asks: restricted documents are included only for a signed-in
officer (``scrutiny.web.auth``); the service picks the public view otherwise. Each read
starts by noticing another process's changes (``KnowledgeBase.refresh``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

from flask import current_app, g, has_request_context

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.sparql import SparqlResult
from scrutiny.history import EntityHistory
from scrutiny.results import (
    DocumentRef,
    DocumentView,
    EntityDetail,
    EntityPage,
    EntityQuery,
    SearchFilters,
    SearchResponse,
)
from scrutiny.service import KnowledgeBase
from scrutiny.tracker import TrackerPage, TrackerQuery, TrackerRow

EXTENSION_KEY = "scrutiny.knowledge_base"


class SharedKnowledgeBase:
    """The app's KnowledgeBase, called from every server thread without a lock."""

    def __init__(self, knowledge_base: KnowledgeBase) -> None:
        self.knowledge_base = knowledge_base

    @staticmethod
    def include_restricted() -> bool:
        """True for a signed-in officer's request (outside a request: False)."""
        return has_request_context() and g.get("officer") is not None

    @property
    def max_limit(self) -> int:
        max_limit: int = self.knowledge_base.settings.max_limit
        return max_limit

    def search(
        self,
        query: str,
        limit: int | None,
        filters: SearchFilters | None = None,
        explain: bool = False,
    ) -> SearchResponse:
        return self.knowledge_base.search(
            query,
            limit,
            filters=filters,
            explain=explain,
            include_restricted=self.include_restricted(),
        )

    def answer_rows(self, response: SearchResponse) -> tuple[TrackerRow, ...]:
        return self.knowledge_base.answer_rows(
            response, include_restricted=self.include_restricted()
        )

    def document(self, document_id: str) -> DocumentView:
        return self.knowledge_base.document(document_id, self.include_restricted())

    def documents(self) -> list[DocumentRef]:
        return self.knowledge_base.documents(self.include_restricted())

    def entities(self, query: EntityQuery) -> EntityPage:
        return self.knowledge_base.entities(query, self.include_restricted())

    def entity(self, entity_id: str) -> EntityDetail:
        return self.knowledge_base.entity(entity_id, self.include_restricted())

    def history(self, entity_id: str, as_at: date | None = None) -> EntityHistory:
        return self.knowledge_base.history(entity_id, as_at, self.include_restricted())

    def tracker(self, query: TrackerQuery) -> TrackerPage:
        return self.knowledge_base.tracker(query, include_restricted=self.include_restricted())

    def export(self, fmt: str) -> str | bytes:
        return self.knowledge_base.export(fmt, self.include_restricted())

    def sparql(self, query: str) -> SparqlResult:
        return self.knowledge_base.sparql(query, self.include_restricted())

    def close(self) -> None:
        self.knowledge_base.close()


def current_knowledge_base() -> SharedKnowledgeBase:
    shared = current_app.extensions[EXTENSION_KEY]
    assert isinstance(shared, SharedKnowledgeBase)
    return shared


#: The largest offset an entity listing accepts (SQLite integers stop at 2**63 - 1).
MAX_OFFSET = 1_000_000_000
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


def parse_limit(raw: str | None, max_limit: int) -> int | None:
    """The ``limit`` argument as an int, or None when absent; the service checks the range."""
    return parse_int(raw, f"limit must be a whole number between 1 and {max_limit}")


def parse_int(
    raw: str | None, message: str, minimum: int | None = None, maximum: int | None = None
) -> int | None:
    """A whole-number request argument (ASCII digits, at most 12), or None when absent
    or blank; anything else, or a value outside ``minimum``..``maximum``, is an
    ``InvalidQueryError`` saying ``message``."""
    if raw is None or not raw.strip():
        return None
    if not _WHOLE_NUMBER.fullmatch(raw.strip()):
        raise InvalidQueryError(message)
    value = int(raw.strip())
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise InvalidQueryError(message)
    return value


#: The filters of an entity listing, as request arguments and ``EntityQuery`` fields.
ENTITY_FILTERS = ("kind", "council", "theme", "organisation", "status", "q")


def text_argument(args: Mapping[str, str], name: str) -> str | None:
    """A text request argument, or None when absent or blank (no constraint)."""
    return (args.get(name) or "").strip() or None


def parse_entity_query(args: Mapping[str, str], max_limit: int) -> EntityQuery:
    """An ``EntityQuery`` from request arguments; blank filters mean no constraint.

    The service checks the ranges; a limit or offset that is not a whole number is an
    ``InvalidQueryError`` here.
    """

    limit = parse_limit(args.get("limit"), max_limit)
    offset = parse_int(
        args.get("offset"),
        f"offset must be a whole number from 0 to {MAX_OFFSET:,}",
        minimum=0,
        maximum=MAX_OFFSET,
    )
    defaults = EntityQuery()
    return EntityQuery(
        kind=text_argument(args, "kind"),
        council=text_argument(args, "council"),
        theme=text_argument(args, "theme"),
        organisation=text_argument(args, "organisation"),
        status=text_argument(args, "status"),
        q=text_argument(args, "q"),
        limit=defaults.limit if limit is None else limit,
        offset=defaults.offset if offset is None else offset,
    )


#: Search filters, as request arguments and ``SearchFilters`` fields.
SEARCH_FILTERS = ("kind", "council", "committee", "theme", "organisation", "status", "year")


def parse_search_filters(args: Mapping[str, str]) -> SearchFilters:
    """``SearchFilters`` from request arguments; blank filters mean no constraint."""

    return SearchFilters(
        kind=text_argument(args, "kind"),
        council=text_argument(args, "council"),
        committee=text_argument(args, "committee"),
        theme=text_argument(args, "theme"),
        organisation=text_argument(args, "organisation"),
        status=text_argument(args, "status"),
        year=parse_int(
            args.get("year"), "year must be a whole number, e.g. 2024", minimum=1, maximum=9999
        ),
    )


def parse_flag(raw: str | None) -> bool:
    """A true/false request argument: 1, true, yes or on is true."""
    return (raw or "").strip().lower() in {"1", "true", "yes", "on"}
