"""Access to the one KnowledgeBase an app owns, and request-argument parsing.

The KnowledgeBase keeps one SQLite connection (opened with ``check_same_thread=False``)
and an in-memory vector index, neither safe for concurrent use; the threaded server
therefore serialises every service call through one lock.
"""

from __future__ import annotations

import threading

from flask import current_app

from scrutiny.errors import InvalidQueryError
from scrutiny.results import DocumentRef, DocumentView, SearchResponse
from scrutiny.service import KnowledgeBase

EXTENSION_KEY = "scrutiny.knowledge_base"


class SharedKnowledgeBase:
    """A KnowledgeBase whose calls are serialised by a lock, for a threaded server."""

    def __init__(self, knowledge_base: KnowledgeBase) -> None:
        self.knowledge_base = knowledge_base
        self._lock = threading.Lock()

    @property
    def max_limit(self) -> int:
        max_limit: int = self.knowledge_base.settings.max_limit
        return max_limit

    def search(self, query: str, limit: int | None) -> SearchResponse:
        with self._lock:
            response: SearchResponse = self.knowledge_base.search(query, limit)
        return response

    def document(self, document_id: str) -> DocumentView:
        with self._lock:
            view: DocumentView = self.knowledge_base.document(document_id)
        return view

    def documents(self) -> list[DocumentRef]:
        with self._lock:
            documents: list[DocumentRef] = self.knowledge_base.documents()
        return documents

    def close(self) -> None:
        with self._lock:
            self.knowledge_base.close()


def current_knowledge_base() -> SharedKnowledgeBase:
    shared = current_app.extensions[EXTENSION_KEY]
    assert isinstance(shared, SharedKnowledgeBase)
    return shared


def parse_limit(raw: str | None, max_limit: int) -> int | None:
    """The ``limit`` argument as an int, or None when absent; the service checks the range."""
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise InvalidQueryError(
            f"limit must be a whole number between 1 and {max_limit}"
        ) from None
