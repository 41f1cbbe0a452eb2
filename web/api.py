"""The JSON API: the service's own contracts, unchanged."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, request

from scrutiny.errors import InvalidQueryError
from scrutiny.tracker import parse_as_at
from scrutiny.web.knowledge import (
    current_knowledge_base,
    parse_entity_query,
    parse_flag,
    parse_limit,
    parse_search_filters,
)

api = Blueprint("api", __name__, url_prefix="/api")


@api.get("/search")
def search() -> dict[str, Any]:
    """``KnowledgeBase.search(q, limit, filters, explain).to_json()``.

    Filters: kind, council, committee, theme, organisation, status, year; ``explain=1``
    adds each result's keyword, dense and re-rank scores.
    """
    knowledge_base = current_knowledge_base()
    query = request.args.get("q")
    if query is None:
        raise InvalidQueryError("the q parameter is required")
    limit = parse_limit(request.args.get("limit"), knowledge_base.max_limit)
    response = knowledge_base.search(
        query,
        limit,
        filters=parse_search_filters(request.args),
        explain=parse_flag(request.args.get("explain")),
    )
    contract: dict[str, Any] = response.to_json()
    return contract


@api.get("/documents/<document_id>")
def document(document_id: str) -> dict[str, Any]:
    """``DocumentView.to_json()``: metadata, canonical text and passage offsets."""
    view: dict[str, Any] = current_knowledge_base().document(document_id).to_json()
    return view


@api.get("/entities")
def entities() -> dict[str, Any]:
    """``KnowledgeBase.entities(EntityQuery(...)).to_json()``: matches, facets, a page."""
    knowledge_base = current_knowledge_base()
    query = parse_entity_query(request.args, knowledge_base.max_limit)
    page: dict[str, Any] = knowledge_base.entities(query).to_json()
    return page


@api.get("/entities/<path:entity_id>/history")
def entity_history(entity_id: str) -> dict[str, Any]:
    """``EntityHistory.to_json()``: the entity's dated history (its own record, then
    later documents reporting on it) and, with ``as_at=YYYY-MM-DD``, its position then."""
    as_at = parse_as_at(request.args.get("as_at"))
    history: dict[str, Any] = current_knowledge_base().history(entity_id, as_at).to_json()
    return history


@api.get("/entities/<path:entity_id>")
def entity(entity_id: str) -> dict[str, Any]:
    """``EntityDetail.to_json()``: the entity, its neighbours and its mentions."""
    detail: dict[str, Any] = current_knowledge_base().entity(entity_id).to_json()
    return detail
