"""The HTML pages: search box, results, the cited document, and the graph's entities."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from flask import Blueprint, render_template, request, url_for

from scrutiny.results import EntityDetail, EntityQuery, MentionView, PassageView
from scrutiny.web.knowledge import (
    ENTITY_FILTERS,
    current_knowledge_base,
    parse_entity_query,
    parse_limit,
)
from scrutiny.web.rendering import render_document_text

pages = Blueprint("pages", __name__)


@pages.get("/")
def index() -> str:
    documents = current_knowledge_base().documents()
    councils = {document.council for document in documents if document.council}
    return render_template(
        "index.html", document_count=len(documents), council_count=len(councils)
    )


@pages.get("/search")
def search() -> str:
    knowledge_base = current_knowledge_base()
    query = request.args.get("q", "")
    limit = parse_limit(request.args.get("limit"), knowledge_base.max_limit)
    if not query.strip():
        return render_template("search.html", query="", response=None, limit=limit)
    response = knowledge_base.search(query, limit)
    return render_template("search.html", query=query, response=response, limit=limit)


def safe_link(url: str | None) -> str | None:
    """``url`` if it is an http(s) address, else None: a document's metadata never
    becomes a ``javascript:`` link."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None


@pages.get("/documents/<document_id>")
def document(document_id: str) -> str:
    view = current_knowledge_base().document(document_id)
    requested = request.args.get("passage")
    marked: PassageView | None = next(
        (passage for passage in view.passages if passage.id == requested), None
    )
    offsets = {passage.id: [passage.start, passage.end] for passage in view.passages}
    return render_template(
        "document.html",
        document=view,
        source_name=PurePath(view.source_path).name,
        source_link=safe_link(view.source_url),
        marked=marked,
        rendered_text=render_document_text(view.canonical_text, view.passages, marked),
        passage_offsets=offsets,
    )


# --- entities -----------------------------------------------------------------------------

#: Facets offered as filters on the entity list, in this order, with their headings.
FACETS = {"kind": "Kind", "council": "Council", "status": "Status", "theme": "Theme"}
#: Attributes shown first on an entity page, in this order; the others follow.
LEADING_ATTRIBUTES = ("number", "status", "owners", "section", "comment")
ATTRIBUTE_LABELS = {
    "comment": "Response comment",
    "status_text": "Status as written",
    "no_recommendation": "No recommendation made",
    "identifier": "Identifier",
}
PASSAGE = "passage"
SOURCE_EDGE = "extracted_from"


def entity_filters(query: EntityQuery) -> dict[str, str]:
    """The filters of ``query`` that are set, by request-argument name."""
    filters = {name: value for name in ENTITY_FILTERS if (value := getattr(query, name))}
    if query.limit != EntityQuery().limit:
        filters["limit"] = str(query.limit)
    return filters


def entities_link(filters: dict[str, str]) -> Callable[..., str]:
    """A URL builder for the entity list: the current filters with some changed (a None
    value removes one); a changed filter starts again from the first page."""

    def link(offset: int = 0, **changes: str | None) -> str:
        arguments: dict[str, Any] = {
            name: value for name, value in {**filters, **changes}.items() if value
        }
        if offset:
            arguments["offset"] = offset
        return url_for("pages.entities", **arguments)

    return link


@pages.get("/entities")
def entities() -> str:
    knowledge_base = current_knowledge_base()
    query = parse_entity_query(request.args, knowledge_base.max_limit)
    page = knowledge_base.entities(query)
    filters = entity_filters(query)
    facets = [
        (name, heading, counts)
        for name, heading in FACETS.items()
        if (counts := page.facets.get(name))
    ]
    shown_to = min(query.offset + len(page.entities), page.total)
    following = query.offset + query.limit
    return render_template(
        "entities.html",
        page=page,
        query=query,
        filters={name: filters[name] for name in ENTITY_FILTERS if name in filters},
        facets=facets,
        link=entities_link(filters),
        first_shown=query.offset + 1 if page.entities else 0,
        last_shown=shown_to,
        previous_offset=max(query.offset - query.limit, 0) if query.offset > 0 else None,
        next_offset=following if following < page.total else None,
    )


@dataclass(frozen=True)
class NeighbourLink:
    id: str
    kind: str
    label: str
    href: str | None


@dataclass(frozen=True)
class MentionGroup:
    document_id: str
    title: str
    council: str | None
    date: str | None
    mentions: tuple[MentionView, ...]


def passage_link(document_id: str, passage_id: str) -> str:
    return f"{url_for('pages.document', document_id=document_id)}#{passage_id}"


def passage_documents(detail: EntityDetail) -> dict[str, str]:
    """The document of each passage the page can link to: the passages of the mentions,
    and the entity's own source passage (which lies in the entity's document)."""
    documents = {m.passage_id: m.document.id for m in detail.mentions if m.passage_id}
    if detail.entity.document is not None:
        for neighbour in detail.neighbours:
            if neighbour.edge == SOURCE_EDGE and neighbour.kind == PASSAGE:
                documents[neighbour.id] = detail.entity.document.id
    return documents


def neighbour_groups(
    detail: EntityDetail, documents: dict[str, str]
) -> list[tuple[str, str, list[NeighbourLink]]]:
    """Neighbours grouped by (edge kind, direction), in first-seen order; passages link
    to their place in the document, other entities to their own page."""
    groups: dict[tuple[str, str], list[NeighbourLink]] = {}
    for neighbour in detail.neighbours:
        if neighbour.kind == PASSAGE:
            document_id = documents.get(neighbour.id)
            href = passage_link(document_id, neighbour.id) if document_id else None
        else:
            href = url_for("pages.entity", entity_id=neighbour.id)
        groups.setdefault((neighbour.edge, neighbour.direction), []).append(
            NeighbourLink(neighbour.id, neighbour.kind, neighbour.label, href)
        )
    return [(edge, direction, links) for (edge, direction), links in groups.items()]


def mention_groups(detail: EntityDetail) -> list[MentionGroup]:
    grouped: dict[str, list[MentionView]] = {}
    for mention in detail.mentions:
        grouped.setdefault(mention.document.id, []).append(mention)
    return [
        MentionGroup(
            document_id,
            mentions[0].document.title,
            mentions[0].document.council,
            mentions[0].document.date,
            tuple(mentions),
        )
        for document_id, mentions in grouped.items()
    ]


def attribute_rows(attributes: dict[str, object]) -> list[tuple[str, object]]:
    leading = [name for name in LEADING_ATTRIBUTES if name in attributes]
    rest = [name for name in attributes if name not in LEADING_ATTRIBUTES]
    return [
        (ATTRIBUTE_LABELS.get(name, name.replace("_", " ").capitalize()), attributes[name])
        for name in leading + rest
    ]


@pages.get("/entities/<path:entity_id>")
def entity(entity_id: str) -> str:
    detail = current_knowledge_base().entity(entity_id)
    documents = passage_documents(detail)
    source = next(
        (
            n.id
            for n in detail.neighbours
            if n.edge == SOURCE_EDGE and n.kind == PASSAGE and n.id in documents
        ),
        None,
    )
    source_document = detail.entity.document
    source_link = None
    if source_document is not None:
        source_link = (
            passage_link(source_document.id, source)
            if source
            else url_for("pages.document", document_id=source_document.id)
        )
    return render_template(
        "entity.html",
        entity=detail.entity,
        attributes=attribute_rows(detail.entity.attributes),
        source_passage=source,
        source_link=source_link,
        neighbour_groups=neighbour_groups(detail, documents),
        mention_groups=mention_groups(detail),
        mention_count=len(detail.mentions),
    )
