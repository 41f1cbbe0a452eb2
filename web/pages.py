"""The HTML pages: search box, results, the cited document, and the graph's entities."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from flask import Blueprint, render_template, request, url_for

from scrutiny.errors import NotFoundError
from scrutiny.graph.fields import (
    CommitmentFields,
    NodeFields,
    RecommendationFields,
    ResponseFields,
    aliases_of,
    fields_for,
    status_text,
)
from scrutiny.results import (
    EntityDetail,
    EntityQuery,
    EntityRef,
    MentionView,
    PassageView,
    SearchFilters,
    SearchHit,
)
from scrutiny.web.knowledge import (
    ENTITY_FILTERS,
    SEARCH_FILTERS,
    SharedKnowledgeBase,
    current_knowledge_base,
    parse_entity_query,
    parse_flag,
    parse_limit,
    parse_search_filters,
)
from scrutiny.web.neighbourhood import neighbourhood_svg, spokes_of
from scrutiny.web.rendering import render_document_text

pages = Blueprint("pages", __name__)


@pages.get("/")
def index() -> str:
    documents = current_knowledge_base().documents()
    councils = {document.council for document in documents if document.council}
    return render_template("index.html", document_count=len(documents), council_count=len(councils))


@pages.get("/search")
def search() -> str:
    knowledge_base = current_knowledge_base()
    query = request.args.get("q", "")
    limit = parse_limit(request.args.get("limit"), knowledge_base.max_limit)
    filters = parse_search_filters(request.args)
    explain = parse_flag(request.args.get("explain"))
    active = search_filters(filters)
    link = search_link(query, active, limit, explain)
    context: dict[str, Any] = {
        "query": query,
        "limit": limit,
        "filters": active,
        "filter_labels": SEARCH_FILTER_LABELS,
        "explain": explain,
        "link": link,
        "clear_filters_link": link(**dict.fromkeys(active)),
    }
    if not query.strip():
        return render_template("search.html", response=None, **context)
    response = knowledge_base.search(query, limit, filters=filters, explain=explain)
    return render_template(
        "search.html",
        response=response,
        answers=knowledge_base.answer_rows(response)[:MAX_ANSWER_ROWS],
        groups=document_groups(response.results),
        facets=search_facets(response.facets, active),
        interpretation=read_interpretation(
            response.interpretation.to_json(), query, knowledge_base
        ),
        cards={hit.id: entity_card(hit.entity) for hit in response.results if hit.entity},
        explanations={
            hit.id: explanation_view(hit.explanation.to_json())
            for hit in response.results
            if hit.explanation is not None
        },
        more_limit=(
            knowledge_base.max_limit
            if len(response.results) < min(response.total, knowledge_base.max_limit)
            else None
        ),
        **context,
    )


# --- search results -----------------------------------------------------------------------

#: Most recommendations and commitments listed above the passages of a results page.
MAX_ANSWER_ROWS = 10


def document_groups(hits: Sequence[SearchHit]) -> list[list[SearchHit]]:
    """Results grouped by document: each document's hits together, in rank order, the
    documents in the order of their best hit."""
    groups: dict[str, list[SearchHit]] = {}
    for hit in hits:
        groups.setdefault(hit.document.id, []).append(hit)
    return list(groups.values())


#: Facets offered beside search results, in this order, with their headings.
SEARCH_FACETS = {
    "kind": "Kind",
    "status": "Response status",
    "theme": "Theme",
    "council": "Council",
    "committee": "Committee",
    "year": "Year",
}
SEARCH_FILTER_LABELS = {
    "kind": "kind",
    "council": "council",
    "committee": "committee",
    "theme": "theme",
    "organisation": "organisation",
    "status": "response status",
    "year": "year",
}
#: Facet values that are not filters: ``kind=passage`` means "no entity", which the
#: service does not filter on.
UNFILTERABLE = {"kind": {"passage"}}
#: Facet values listed before the rest are folded away.
FACET_VALUES_SHOWN = 8
INTENT_LINES = {
    "commitments": "Read as a question about commitments: what was promised or agreed.",
    "owners": "Read as a question about who is responsible.",
    "responses": "Read as a question about responses to recommendations.",
}
#: Response statuses with a badge colour of their own; others get a neutral badge.
STATUS_CLASSES = {
    "accepted": "status-accepted",
    "partially accepted": "status-partial",
    "rejected": "status-rejected",
    "noted": "status-noted",
}
COMMENT_CHARS = 320
RETRIEVER_LABELS = {
    "keyword": "Keywords (BM25)",
    "dense": "Meaning (embeddings)",
    "phrase": "Exact wording",
    "expanded": "Other names",
}


def search_filters(filters: SearchFilters) -> dict[str, str]:
    """The filters that are set, by request-argument name, as text."""
    return {
        name: str(value) for name in SEARCH_FILTERS if (value := getattr(filters, name)) is not None
    }


def search_link(
    query: str, filters: dict[str, str], limit: int | None, explain: bool
) -> Callable[..., str]:
    """A URL builder for the results page: the current query, filters, limit and
    explain flag, with some changed (a None or empty value removes one)."""

    def link(**changes: str | int | bool | None) -> str:
        current: dict[str, Any] = {"q": query, **filters, "limit": limit, "explain": explain}
        current.update(changes)
        arguments: dict[str, Any] = {
            name: ("1" if value is True else value)
            for name, value in current.items()
            if value is not None and value is not False and value != ""
        }
        return url_for("pages.search", **arguments)

    return link


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    active: bool
    filterable: bool


@dataclass(frozen=True)
class Facet:
    name: str
    heading: str
    values: tuple[FacetValue, ...]

    @property
    def shown(self) -> tuple[FacetValue, ...]:
        return self.values[:FACET_VALUES_SHOWN]

    @property
    def folded(self) -> tuple[FacetValue, ...]:
        return self.values[FACET_VALUES_SHOWN:]


def search_facets(facets: dict[str, dict[str, int]], active: dict[str, str]) -> list[Facet]:
    """The response's facets in display order; a facet narrowed to one value that is
    already the active filter adds nothing and is left out."""
    shown = []
    for name, heading in SEARCH_FACETS.items():
        counts = facets.get(name) or {}
        values = tuple(
            FacetValue(
                value,
                count,
                active.get(name) == value,
                value not in UNFILTERABLE.get(name, set()),
            )
            for value, count in counts.items()
        )
        if any(v.filterable for v in values):
            shown.append(Facet(name, heading, values))
    return shown


@dataclass(frozen=True)
class NamedEntity:
    """Something the query named: its label, where to read about it, and the other
    name the query used for it (``MPS`` for the Metropolitan Police Service)."""

    label: str
    href: str | None
    typed_as: str | None = None


@dataclass(frozen=True)
class Interpretation:
    intent_line: str | None
    phrases: tuple[str, ...]
    cases: tuple[NamedEntity, ...]
    organisations: tuple[NamedEntity, ...]
    themes: tuple[NamedEntity, ...]
    expanded_with: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(
            self.intent_line
            or self.phrases
            or self.cases
            or self.organisations
            or self.themes
            or self.expanded_with
        )


def _strings(value: object) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item)
    return ()


def _name_in(name: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) is not None


def _named_entity(entity_id: str, query: str, knowledge_base: SharedKnowledgeBase) -> NamedEntity:
    try:
        view = knowledge_base.entity(entity_id).entity
    except NotFoundError:
        return NamedEntity(entity_id, None)
    href = url_for("pages.entity", entity_id=view.id)
    if _name_in(view.label, query):
        return NamedEntity(view.label, href)
    named = aliases_of(fields_for(view.kind, view.attributes))
    aliases = sorted((alias for alias in named if alias), key=len, reverse=True)
    typed = next((alias for alias in aliases if _name_in(alias, query)), None)
    if typed is not None and typed.lower() == view.label.lower():
        typed = None
    return NamedEntity(view.label, href, typed)


def read_interpretation(
    raw: dict[str, Any], query: str, knowledge_base: SharedKnowledgeBase
) -> Interpretation:
    """How the service read the query, with entity ids turned into their labels."""

    def named(key: str) -> tuple[NamedEntity, ...]:
        return tuple(_named_entity(i, query, knowledge_base) for i in _strings(raw.get(key)))

    return Interpretation(
        intent_line=INTENT_LINES.get(str(raw.get("intent") or "general")),
        phrases=_strings(raw.get("phrases")),
        cases=named("cases"),
        organisations=named("organisations"),
        themes=named("themes"),
        expanded_with=_strings(raw.get("expanded_with")),
    )


@dataclass(frozen=True)
class EntityCard:
    id: str
    kind: str
    label: str
    status: str | None
    status_class: str
    rows: tuple[tuple[str, str | None], ...]  # (label, text); None: not recorded


def _card_text(value: str | tuple[str, ...] | None) -> str | None:
    """A field as a card shows it: a list joined by commas; None when empty."""
    if isinstance(value, tuple):
        items = [item for item in value if item]
        return ", ".join(items) if items else None
    return value or None


def _shortened(comment: str | None) -> str | None:
    """A response's comment cut at a word to about ``COMMENT_CHARS`` characters."""
    text = _card_text(comment)
    if text and len(text) > COMMENT_CHARS:
        return text[:COMMENT_CHARS].rsplit(" ", 1)[0] + " …"
    return text


def _card_fields(fields: NodeFields) -> list[tuple[str, str | None, bool]]:
    """The rows a card shows for an entity's typed fields, in order, as (label, text,
    expected): owners and response for a recommendation or a response, who made a
    commitment, who is to act (when others) and when it is due. An expected row is shown
    as not recorded when empty; another only when set."""
    if isinstance(fields, RecommendationFields):
        return [
            ("Owners", _card_text(fields.owners), True),
            ("Due", _card_text(fields.due), False),
            ("Response", _shortened(fields.comment), True),
        ]
    if isinstance(fields, ResponseFields):
        return [
            ("Owners", _card_text(fields.owners), True),
            ("Response", _shortened(fields.comment), True),
        ]
    if isinstance(fields, CommitmentFields):
        made_by, actor = _card_text(fields.made_by), _card_text(fields.actor)
        return [
            ("Made by", made_by, True),
            ("To act", None if actor == made_by else actor, False),  # the same: "Made by" says it
            ("Due", _card_text(fields.due), True),
        ]
    return []


def entity_card(entity: EntityRef) -> EntityCard:
    """What a result's entity shows: its response status and the attributes a reader
    needs to trust the answer (owners and response, or who promised what by when)."""
    fields = fields_for(entity.kind, entity.attributes)
    status = status_text(fields)
    rows = [(label, text) for label, text, expected in _card_fields(fields) if text or expected]
    return EntityCard(
        id=entity.id,
        kind=entity.kind,
        label=entity.label,
        status=status,
        status_class=STATUS_CLASSES.get((status or "").lower(), "status-other"),
        rows=tuple(rows),
    )


@dataclass(frozen=True)
class ExplanationView:
    retrievers: tuple[tuple[str, str, int | None, float | None], ...]  # name, label, rank, score
    fused: float | None
    boosts: tuple[tuple[str, float], ...]
    final: float | None


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def explanation_view(explanation: dict[str, Any]) -> ExplanationView:
    retrievers = explanation.get("retrievers") or {}
    boosts = explanation.get("boosts") or {}
    return ExplanationView(
        retrievers=tuple(
            (
                name,
                RETRIEVER_LABELS.get(name, name),
                int(rank) if isinstance(rank := (found or {}).get("rank"), int) else None,
                _number((found or {}).get("score")),
            )
            for name, found in retrievers.items()
        ),
        fused=_number(explanation.get("fused")),
        boosts=tuple(
            (str(name), value)
            for name, raw in boosts.items()
            if (value := _number(raw)) is not None
        ),
        final=_number(explanation.get("final")),
    )


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
    history = current_knowledge_base().history(entity_id)
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
        neighbourhood=neighbourhood_svg(
            detail.entity.label,
            detail.entity.kind,
            spokes_of([(n.edge, n.direction, n.kind, n.label) for n in detail.neighbours]),
        ),
        mention_groups=mention_groups(detail),
        mention_count=len(detail.mentions),
        history=history,
    )
