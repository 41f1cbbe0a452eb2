"""The JSON API described: an OpenAPI 3.1 document, served at ``/api/openapi.json``.

Its schemas are JSON Schema (draft 2020-12, OpenAPI 3.1's own dialect) written to mirror
the ``to_json`` methods of ``scrutiny.results``, ``scrutiny.tracker`` and
``scrutiny.graph.sparql`` field for field: the contracts' objects allow no other
properties, so a field added to a ``to_json`` without its schema fails
``tests/test_openapi.py``, which validates real responses of every ``/api/*`` route (and
``/sparql``, ``/feeds/*``) against this document. Parameters are built from the same
constants the request parsers use.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from flask import Blueprint

from scrutiny.graph.history import LinkBasis
from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import ResponseStatus
from scrutiny.themes import MEASURES
from scrutiny.tracker import (
    CSV_COLUMNS,
    DEFAULT_LIMIT,
    MAX_LIMIT,
    SORT_KEYS,
    STATUSES,
    TRACKED_KINDS,
)
from scrutiny.web.feeds import SEARCH_FEED_LIMIT, STATUS_FEED_LIMIT, STATUS_FEED_MAX
from scrutiny.web.knowledge import MAX_OFFSET, current_knowledge_base

openapi = Blueprint("openapi", __name__)

OPENAPI_PATH = "/api/openapi.json"
OPENAPI_VERSION = "3.1.0"
JSON = "application/json"
CSV = "text/csv"
HTML = "text/html"
TURTLE = "text/turtle"
ATOM = "application/atom+xml"
SPARQL_RESULTS = "application/sparql-results+json"
SPARQL_QUERY = "application/sparql-query"
FORM = "application/x-www-form-urlencoded"

Schema = dict[str, Any]


def ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: Schema) -> Schema:
    """``schema`` or null (a ``None`` in ``to_json``)."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return {**schema, "type": [schema["type"], "null"]}


def closed(properties: dict[str, Schema], optional: tuple[str, ...] = (), **extra: Any) -> Schema:
    """An object with exactly these properties, all required but ``optional``."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
        **extra,
    }


STRING: Schema = {"type": "string"}
TEXT: Schema = {"type": "string", "minLength": 1}
OFFSET: Schema = {"type": "integer", "minimum": 0}
COUNT: Schema = {"type": "integer", "minimum": 0}
DATE: Schema = {"type": "string", "format": "date"}
STRINGS: Schema = {"type": "array", "items": STRING}
#: A graph attribute: what ``AttributeValue`` allows.
ATTRIBUTE_VALUE: Schema = {
    "type": ["string", "number", "boolean", "null", "array"],
    "items": STRING,
}


def document_ref_properties() -> dict[str, Schema]:
    """``DocumentRef.to_json``."""
    return {
        "id": TEXT,
        "title": STRING,
        "council": nullable(STRING),
        "date": nullable({**DATE, "description": "The meeting or publication date."}),
    }


def entity_view_properties() -> dict[str, Schema]:
    """``EntityView.to_json``."""
    return {
        "id": TEXT,
        "kind": ref("EntityKind"),
        "label": STRING,
        "text": STRING,
        "attributes": ref("Attributes"),
        "document": nullable(ref("DocumentRef")),
        "start": nullable(OFFSET),
        "end": nullable(OFFSET),
        "confidence": {"type": "number", "minimum": 0, "maximum": 1},
    }


def schemas() -> dict[str, Schema]:
    """Every component schema, by name."""
    facets = {
        "type": "object",
        "description": "Counts of the matches by facet (kind, council, status, theme, ...) "
        "and value.",
        "additionalProperties": {"type": "object", "additionalProperties": COUNT},
    }
    return {
        "Error": closed(
            {
                "error": closed(
                    {
                        "code": {"type": "string", "pattern": "^[a-z0-9_]+$"},
                        "message": TEXT,
                        "status": {"type": "integer", "minimum": 400, "maximum": 599},
                    }
                )
            },
            description="Every API error: a stable code, a message for people, the HTTP status.",
            examples=[{"error": {"code": "invalid_query", "message": "...", "status": 400}}],
        ),
        "EntityKind": {"type": "string", "enum": [kind.value for kind in NodeKind]},
        "Attributes": {
            "type": "object",
            "description": "The entity's attributes as extracted (number, owners, status, "
            "due, comment, ...); which appear depends on the kind.",
            "additionalProperties": ATTRIBUTE_VALUE,
        },
        "Facets": facets,
        "DocumentRef": closed(document_ref_properties()),
        "EntityRef": closed(
            {
                "id": TEXT,
                "kind": ref("EntityKind"),
                "label": STRING,
                "attributes": ref("Attributes"),
                "start": nullable(OFFSET),
                "end": nullable(OFFSET),
            },
            description="The graph entity a search hit belongs to.",
        ),
        "Explanation": {
            "type": "object",
            "description": "How a hit was scored (explain=1): each retriever's rank and "
            "score, the fused score, the graph boosts and the final score.",
            "properties": {
                "retrievers": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "object",
                        "properties": {
                            "rank": nullable({"type": "integer", "minimum": 1}),
                            "score": {"type": "number"},
                        },
                    },
                },
                "fused": {"type": "number"},
                "boosts": {"type": "object", "additionalProperties": {"type": "number"}},
                "final": {"type": "number"},
            },
        },
        "SearchHit": closed(
            {
                "rank": {"type": "integer", "minimum": 1},
                "score": {"type": "number"},
                "kind": {**STRING, "description": "passage, or the kind of its entity"},
                "id": {**TEXT, "description": "The best passage inside the window."},
                "text": {**STRING, "description": "Always canonical_text[start:end]."},
                "start": OFFSET,
                "end": OFFSET,
                "passage": closed({"id": TEXT, "start": OFFSET, "end": OFFSET}),
                "document": ref("DocumentRef"),
                "entity": nullable(ref("EntityRef")),
                "explain": ref("Explanation"),
            },
            optional=("explain",),
        ),
        "Interpretation": {
            "type": "object",
            "description": "How the query was read; entity ids of the cases, organisations "
            "and themes it named.",
            "properties": {
                "intent": STRING,
                "phrases": STRINGS,
                "cases": STRINGS,
                "organisations": STRINGS,
                "themes": STRINGS,
                "expanded_with": STRINGS,
            },
        },
        "SearchResponse": closed(
            {
                "query": STRING,
                "results": {"type": "array", "items": ref("SearchHit")},
                "total": {**COUNT, "description": "Matches above the relevance floor."},
                "facets": ref("Facets"),
                "interpretation": ref("Interpretation"),
            }
        ),
        "DocumentView": closed(
            {
                **document_ref_properties(),
                "committee": nullable(STRING),
                "source_path": STRING,
                "source_url": nullable(STRING),
                "format": STRING,
                "text": {**STRING, "description": "The canonical text citations index."},
                "passages": {
                    "type": "array",
                    "items": closed(
                        {
                            "id": TEXT,
                            "kind": STRING,
                            "start": OFFSET,
                            "end": OFFSET,
                            "section": nullable(STRING),
                        }
                    ),
                },
            }
        ),
        "EntityView": closed(entity_view_properties()),
        "EntityPage": closed(
            {
                "total": COUNT,
                "facets": ref("Facets"),
                "entities": {"type": "array", "items": ref("EntityView")},
            }
        ),
        "Neighbour": closed(
            {
                "edge": STRING,
                "direction": {"type": "string", "enum": ["out", "in"]},
                "id": TEXT,
                "kind": ref("EntityKind"),
                "label": STRING,
            }
        ),
        "Mention": closed(
            {
                "document": ref("DocumentRef"),
                "passage": nullable(STRING),
                "start": OFFSET,
                "end": OFFSET,
                "text": STRING,
                "repaired_from": nullable(STRING),
            }
        ),
        "EntityDetail": closed(
            {
                **entity_view_properties(),
                "neighbours": {"type": "array", "items": ref("Neighbour")},
                "mentions": {"type": "array", "items": ref("Mention")},
            }
        ),
        "HistoryEntry": closed(
            {
                "date": nullable({**DATE, "description": "The date of the document."}),
                "document": closed({"id": TEXT, "title": STRING, "link": TEXT}),
                "status": nullable(
                    {
                        "type": "string",
                        "enum": [*(s.value for s in ResponseStatus), None],
                        "description": "The response status the document states.",
                    }
                ),
                "progress": nullable(
                    {**STRING, "description": "The progress it states (complete, in progress, …)."}
                ),
                "evidence": nullable(
                    closed(
                        {
                            "id": TEXT,
                            "start": nullable(OFFSET),
                            "end": nullable(OFFSET),
                            "link": TEXT,
                        },
                        description="The passage that says so; start..end cite the "
                        "evidence in the document's canonical text.",
                    )
                ),
                "confidence": {"type": "number", "minimum": 0, "maximum": 1},
                "basis": {
                    "type": "string",
                    "enum": ["recorded", *(b.value for b in LinkBasis)],
                    "description": "recorded: the entity's own document; reference: a later "
                    "document names it; text: a later passage matches its words.",
                },
            }
        ),
        "EntityHistory": closed(
            {
                "entity": TEXT,
                "kind": ref("EntityKind"),
                "as_at": nullable(DATE),
                "position": nullable(ref("HistoryEntry")),
                "entries": {"type": "array", "items": ref("HistoryEntry")},
            }
        ),
        "TrackerRow": closed(
            {
                "id": TEXT,
                "kind": {"type": "string", "enum": list(TRACKED_KINDS)},
                "council": nullable(STRING),
                "body": nullable(STRING),
                "document": nullable(
                    closed(
                        {
                            "id": TEXT,
                            "title": nullable(STRING),
                            "date": nullable(DATE),
                            "link": STRING,
                        }
                    )
                ),
                "date": nullable(DATE),
                "number": STRING,
                "text": STRING,
                "owners": STRINGS,
                "due": nullable({**STRING, "description": "As written."}),
                "due_date": nullable({**DATE, "description": "The last day `due` allows."}),
                "status": nullable({**STRING, "description": "The response status."}),
                "progress": nullable(STRING),
                "response": nullable(STRING),
                "complete": {"type": "boolean"},
                "overdue": {"type": "boolean"},
                "source": closed(
                    {
                        "passage": nullable(STRING),
                        "start": nullable(OFFSET),
                        "end": nullable(OFFSET),
                        "link": nullable(STRING),
                    }
                ),
            }
        ),
        "TrackerPage": closed(
            {
                "total": COUNT,
                "as_at": DATE,
                "offset": OFFSET,
                "limit": nullable({"type": "integer", "minimum": 1, "maximum": MAX_LIMIT}),
                "sort": STRING,
                "rows": {"type": "array", "items": ref("TrackerRow")},
            }
        ),
        "RdfTerm": closed(
            {
                "type": {"type": "string", "enum": ["uri", "literal", "bnode"]},
                "value": STRING,
                "xml:lang": STRING,
                "datatype": STRING,
            },
            optional=("xml:lang", "datatype"),
        ),
        "SparqlSelectResults": closed(
            {
                "head": closed({"vars": STRINGS}),
                "results": closed(
                    {
                        "bindings": {
                            "type": "array",
                            "items": {"type": "object", "additionalProperties": ref("RdfTerm")},
                        }
                    }
                ),
            },
            description="W3C SPARQL 1.1 Query Results JSON of a SELECT.",
        ),
        "SparqlAskResults": closed(
            {"head": closed({}), "boolean": {"type": "boolean"}},
            description="W3C SPARQL 1.1 Query Results JSON of an ASK.",
        ),
        **theme_schemas(),
        "OpenApiDocument": {
            "type": "object",
            "required": ["openapi", "info", "paths"],
            "properties": {"openapi": {"type": "string", "pattern": r"^3\.1\.\d+$"}},
        },
    }


def theme_schemas() -> dict[str, Schema]:
    """``ThemeSummary.to_json`` and ``ThemeOverview.to_json`` (``scrutiny.themes``)."""
    counts = {measure: COUNT for measure in MEASURES}
    year = nullable({"type": "integer", "description": "null: undated documents."})
    theme_ref = closed({"key": TEXT, "label": STRING})
    finding = closed(
        {
            "id": TEXT,
            "text": STRING,
            "document": closed(
                {"id": TEXT, "title": STRING, "date": nullable(DATE), "link": STRING}
            ),
            "publisher": STRING,
            "source": closed({"passage": nullable(STRING), "link": STRING}),
        }
    )
    return {
        "ThemeSummary": closed(
            {
                "key": TEXT,
                "slug": TEXT,
                "label": STRING,
                "broader": STRINGS,
                **counts,
                "publishers": {**COUNT, "description": "Councils and bodies (recorded)."},
            }
        ),
        "ThemeList": closed({"themes": {"type": "array", "items": ref("ThemeSummary")}}),
        "ThemeOverview": closed(
            {
                "key": TEXT,
                "slug": TEXT,
                "label": STRING,
                "definition": nullable(STRING),
                "alt_labels": STRINGS,
                "broader": {"type": "array", "items": theme_ref},
                "narrower": {"type": "array", "items": theme_ref},
                **counts,
                "years": {"type": "array", "items": year},
                "timeline": {
                    "type": "array",
                    "items": closed({"year": year, "publisher": STRING, **counts}),
                },
                "publishers": {
                    "type": "array",
                    "items": closed(
                        {
                            "name": STRING,
                            "kind": {"type": "string", "enum": ["council", "body", "unknown"]},
                            **counts,
                        }
                    ),
                },
                "recurring_findings": closed(
                    {
                        "threshold": {"type": "number"},
                        "groups": {
                            "type": "array",
                            "items": closed(
                                {
                                    "label": STRING,
                                    "reviews": {"type": "integer", "minimum": 2},
                                    "since": nullable({"type": "integer"}),
                                    "similarity": {"type": "number"},
                                    "findings": {"type": "array", "items": finding},
                                }
                            ),
                        },
                    }
                ),
                "responses": {
                    "type": "array",
                    "items": closed(
                        {
                            "publisher": STRING,
                            "total": COUNT,
                            "statuses": {
                                "type": "array",
                                "items": closed({"status": STRING, "count": COUNT}),
                            },
                            "examples": {"type": "array", "items": ref("TrackerRow")},
                        }
                    ),
                },
                "links": closed({"search": STRING, "tracker": STRING}),
            },
            description="One theme (with its narrower themes) across councils and years.",
        ),
    }


def theme_paths() -> dict[str, Schema]:
    return {
        "/api/themes": {
            "get": {
                "operationId": "themes",
                "summary": "Every theme with its documents, recommendations, findings and "
                "commitments",
                "tags": ["themes"],
                "responses": {
                    "200": json_response("The themes, most documents first.", ref("ThemeList")),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/themes/{key}": {
            "get": {
                "operationId": "theme",
                "summary": "One theme: timeline per year and council, councils, recurring "
                "findings, responses to its recommendations",
                "tags": ["themes"],
                "parameters": [
                    path_parameter("key", "A theme key (`care-leavers`, `theme:care-leavers`) "
                                   "or label.")
                ],
                "responses": {
                    "200": json_response("The theme.", ref("ThemeOverview")),
                    "404": error("NotFound"),
                    **COMMON_ERRORS,
                },
            }
        },
    }  # fmt: skip


# --- parameters and responses -------------------------------------------------------------


def query(name: str, schema: Schema, description: str, required: bool = False) -> Schema:
    parameter: Schema = {"name": name, "in": "query", "schema": schema}
    parameter["description"] = description
    if required:
        parameter["required"] = True
    return parameter


def path_parameter(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": TEXT,
        "description": description,
    }


def json_response(description: str, schema: Schema, media_type: str = JSON) -> Schema:
    return {"description": description, "content": {media_type: {"schema": schema}}}


def error(name: str) -> Schema:
    return {"$ref": f"#/components/responses/{name}"}


#: The error responses every API operation may give.
COMMON_ERRORS = {"4XX": error("ClientError"), "5XX": error("ServerError")}


def error_responses() -> dict[str, Schema]:
    body = {JSON: {"schema": ref("Error")}}
    return {
        "InvalidQuery": {
            "description": "A parameter is missing or invalid (code `invalid_query`).",
            "content": body,
        },
        "NotFound": {"description": "No such item (code `not_found`).", "content": body},
        "ClientError": {
            "description": "Another client error: 405, 413 (body over max_request_bytes), "
            "414 (URL over max_url_chars), ...",
            "content": body,
        },
        "ServerError": {
            "description": "A server error (500 `internal_error`, 503 `busy`, "
            "`query_timeout`, `store_busy`, ...); a 503 may carry Retry-After.",
            "headers": {
                "Retry-After": {
                    "description": "Seconds to wait before trying again (503).",
                    "schema": {"type": "integer", "minimum": 0},
                }
            },
            "content": body,
        },
    }


def text_filter(name: str, what: str) -> Schema:
    return query(name, STRING, f"{what} (blank: no constraint).")


def limit_parameter(max_limit: int, default: str) -> Schema:
    schema = {"type": "integer", "minimum": 1, "maximum": max_limit}
    return query("limit", schema, f"Results wanted ({default}).")


def offset_parameter() -> Schema:
    return query(
        "offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}, "Skip this many."
    )


def year_parameter() -> Schema:
    return query("year", {"type": "integer", "minimum": 1, "maximum": 9999}, "The document's year.")


FLAG: Schema = {"type": "string", "enum": ["1", "true", "yes", "on", "0", "false", "no", "off"]}


def search_parameters(max_limit: int) -> list[Schema]:
    return [
        query("q", STRING, 'The query; "quoted phrases" must appear verbatim.', required=True),
        limit_parameter(max_limit, "default 10"),
        text_filter("kind", "Entity kind of the hit (recommendation, commitment, ...)"),
        text_filter("council", "Council name"),
        text_filter("committee", "Committee name"),
        text_filter("theme", "Theme key or label"),
        text_filter("organisation", "Organisation named"),
        text_filter("status", "Response status"),
        year_parameter(),
    ]


def tracker_filters() -> list[Schema]:
    return [
        text_filter("council", "Part of the council's name, any case"),
        text_filter("body", "Part of the body's name, any case"),
        text_filter("theme", "Theme key or label"),
        query("status", {"type": "string", "enum": list(STATUSES)}, "Response status; "
              "`none`: no response recorded."),
        text_filter("owner", "Part of an owner's name"),
        query("kind", {"type": "string", "enum": list(TRACKED_KINDS)}, "Row kind."),
        query("overdue", FLAG, "1: only overdue rows; 0: only the others."),
        year_parameter(),
        query("as_at", DATE, "The date overdue is judged on (default today)."),
    ]  # fmt: skip


def tracker_parameters() -> list[Schema]:
    sorts = [*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)]
    return [
        *tracker_filters(),
        query("sort", {"type": "string", "enum": sorts}, "Sort key; `-` first: descending "
              "(default `-date`)."),
        query("limit", {"anyOf": [{"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                                  {"const": "all"}]},
              f"Rows a page (default {DEFAULT_LIMIT} for JSON, all for CSV); `all`: every row."),
        offset_parameter(),
    ]  # fmt: skip


def csv_content() -> Schema:
    header = ",".join(CSV_COLUMNS)
    return {
        CSV: {
            "schema": {"type": "string", "pattern": f"^{header}\r\n"},
            "example": f"{header}\r\n",
        }
    }


def feed_paths(max_limit: int) -> dict[str, Schema]:
    """The Atom feeds (their errors are pages, not JSON: they are not under /api/)."""
    page = {HTML: {"schema": STRING}}
    responses = {
        "200": {
            "description": "An Atom 1.0 feed.",
            "headers": {
                "ETag": {"description": "Of this answer.", "schema": STRING},
                "Last-Modified": {"description": "The feed's updated time.", "schema": STRING},
            },
            "content": {ATOM: {"schema": STRING}},
        },
        "304": {"description": "Not modified since If-None-Match / If-Modified-Since."},
        "400": {"description": "An invalid parameter, as an error page.", "content": page},
        "4XX": {"description": "Another client error, as an error page.", "content": page},
        "5XX": {"description": "A server error, as an error page.", "content": page},
    }
    return {
        "/feeds/search.atom": {
            "get": {
                "operationId": "searchFeed",
                "summary": "A saved search: its latest results, newest document first",
                "tags": ["feeds"],
                "parameters": [
                    *search_parameters(max_limit)[:1],
                    query("limit", {"type": "integer", "minimum": 1, "maximum": max_limit},
                          f"Entries (default {SEARCH_FEED_LIMIT})."),
                    *search_parameters(max_limit)[2:],
                ],
                "responses": responses,
            }
        },
        "/feeds/status.atom": {
            "get": {
                "operationId": "statusFeed",
                "summary": "Recommendations and commitments with their response status and "
                "progress, newest documents first",
                "tags": ["feeds"],
                "parameters": [
                    *tracker_filters(),
                    query("limit", {"type": "integer", "minimum": 1, "maximum": STATUS_FEED_MAX},
                          f"Entries (default {STATUS_FEED_LIMIT})."),
                ],
                "responses": responses,
            }
        },
    }  # fmt: skip


def paths(max_limit: int) -> dict[str, Schema]:
    entity_id = path_parameter(
        "entity_id", "An entity id (`case:child-q`, `d3f…-recommendation-2`); may hold `/`."
    )
    sparql_errors = {
        "400": {
            "description": "No query, an update, a dataset parameter or a syntax error.",
            "content": {JSON: {"schema": ref("Error")}, HTML: {"schema": STRING}},
        },
        "415": {
            "description": "A POST body of another type.",
            "content": {JSON: {"schema": ref("Error")}, HTML: {"schema": STRING}},
        },
        "4XX": error("ClientError"),
        "5XX": error("ServerError"),
    }
    sparql_ok = {
        "description": "SELECT and ASK: SPARQL 1.1 JSON results; CONSTRUCT and DESCRIBE: "
        "Turtle; a client preferring text/html: the query form with the results. "
        "`X-Scrutiny-Truncated: true` when rows beyond sparql_max_rows were dropped.",
        "content": {
            SPARQL_RESULTS: {
                "schema": {"oneOf": [ref("SparqlSelectResults"), ref("SparqlAskResults")]}
            },
            TURTLE: {"schema": STRING},
            HTML: {"schema": STRING},
        },
    }
    return {
        "/api/search": {
            "get": {
                "operationId": "search",
                "summary": "Hybrid search with citations to the character",
                "tags": ["search"],
                "parameters": [
                    *search_parameters(max_limit),
                    query("explain", FLAG, "1: add each hit's keyword, dense and re-rank scores."),
                ],
                "responses": {
                    "200": json_response("The search contract.", ref("SearchResponse")),
                    "400": error("InvalidQuery"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/documents/{document_id}": {
            "get": {
                "operationId": "document",
                "summary": "A document's metadata, canonical text and passage spans",
                "tags": ["documents"],
                "parameters": [path_parameter("document_id", "The document id.")],
                "responses": {
                    "200": json_response("The document.", ref("DocumentView")),
                    "404": error("NotFound"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/entities": {
            "get": {
                "operationId": "entities",
                "summary": "Graph entities with facet counts",
                "tags": ["entities"],
                "parameters": [
                    query("kind", ref("EntityKind"), "Entity kind (not passage)."),
                    text_filter("council", "Council name"),
                    text_filter("theme", "Theme key or label"),
                    text_filter("organisation", "Organisation named"),
                    text_filter("status", "Response status"),
                    text_filter("q", "Words in the label or text"),
                    limit_parameter(max_limit, "default 20"),
                    offset_parameter(),
                ],
                "responses": {
                    "200": json_response("One page of matches.", ref("EntityPage")),
                    "400": error("InvalidQuery"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/entities/{entity_id}": {
            "get": {
                "operationId": "entity",
                "summary": "One entity with its neighbours and mentions",
                "tags": ["entities"],
                "parameters": [entity_id],
                "responses": {
                    "200": json_response("The entity.", ref("EntityDetail")),
                    "404": error("NotFound"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/entities/{entity_id}/history": {
            "get": {
                "operationId": "entityHistory",
                "summary": "An entity's dated history and its position as at a date",
                "tags": ["entities"],
                "parameters": [
                    entity_id,
                    query("as_at", DATE, "The date whose position is wanted (YYYY-MM-DD)."),
                ],
                "responses": {
                    "200": json_response("The history.", ref("EntityHistory")),
                    "400": error("InvalidQuery"),
                    "404": error("NotFound"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/tracker": {
            "get": {
                "operationId": "tracker",
                "summary": "The commitment tracker: recommendations and commitments",
                "tags": ["tracker"],
                "parameters": [
                    *tracker_parameters(),
                    query(
                        "format",
                        {"type": "string", "enum": ["json", "csv"]},
                        "json (default) or csv (the same rows as /api/tracker.csv).",
                    ),
                ],
                "responses": {
                    "200": {
                        "description": "One page of rows, or with format=csv the CSV export.",
                        "content": {JSON: {"schema": ref("TrackerPage")}, **csv_content()},
                    },
                    "400": error("InvalidQuery"),
                    **COMMON_ERRORS,
                },
            }
        },
        "/api/tracker.csv": {
            "get": {
                "operationId": "trackerCsv",
                "summary": "The tracker rows as CSV (a header line, owners joined by `; `)",
                "tags": ["tracker"],
                "parameters": tracker_parameters(),
                "responses": {
                    "200": {
                        "description": "Every matching row unless limit/offset are given.",
                        "content": csv_content(),
                    },
                    "400": error("InvalidQuery"),
                    **COMMON_ERRORS,
                },
            }
        },
        **theme_paths(),
        OPENAPI_PATH: {
            "get": {
                "operationId": "openapi",
                "summary": "This document",
                "tags": ["meta"],
                "responses": {
                    "200": json_response("The OpenAPI 3.1 document.", ref("OpenApiDocument")),
                    **COMMON_ERRORS,
                },
            }
        },
        "/sparql": {
            "get": {
                "operationId": "sparqlGet",
                "summary": "Read-only SPARQL 1.1 query (protocol GET)",
                "tags": ["linked data"],
                "parameters": [
                    query(
                        "query",
                        STRING,
                        "A SELECT, ASK, CONSTRUCT or DESCRIBE "
                        "query; prefixes sg:, org:, prov:, skos:, dct:, schema: "
                        "are predeclared.",
                        required=True,
                    )
                ],
                "responses": {"200": sparql_ok, **sparql_errors},
            },
            "post": {
                "operationId": "sparqlPost",
                "summary": "Read-only SPARQL 1.1 query (protocol POST); updates are refused",
                "tags": ["linked data"],
                "requestBody": {
                    "required": True,
                    "content": {
                        FORM: {"schema": closed({"query": STRING})},
                        SPARQL_QUERY: {"schema": STRING},
                    },
                },
                "responses": {"200": sparql_ok, **sparql_errors},
            },
        },
    }


def upload_paths() -> dict[str, Schema]:
    """Adding documents (``scrutiny.web.upload``): administrators only."""
    failures = {
        "type": "array",
        "items": closed({"path": STRING, "message": STRING}),
    }
    report = closed(
        {
            "added": STRINGS,
            "unchanged": STRINGS,
            "failed": failures,
            "warnings": failures,
            "passages": {"type": "integer", "minimum": 0},
            "visibility": {"enum": ["public", "restricted"]},
        }
    )
    return {
        "/api/documents": {
            "post": {
                "operationId": "addDocument",
                "summary": "Add a document (administrators only): a PDF, DOCX, HTML, "
                "Markdown or text file up to max_file_bytes",
                "tags": ["documents"],
                "security": [{"officerToken": []}],
                "requestBody": {
                    "required": True,
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "type": "object",
                                "required": ["file"],
                                "properties": {
                                    "file": {
                                        "type": "string",
                                        "contentMediaType": "application/octet-stream",
                                    },
                                    "visibility": {"enum": ["public", "restricted"]},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "201": json_response("The file was ingested; the ingest report.", report),
                    "401": error("ClientError"),
                    "403": error("ClientError"),
                    "422": json_response(
                        "The file was refused (`unsupported_format`, `binary_file`, "
                        "`empty_document`: the error shape) or failed to ingest (the report, "
                        "its failure naming the file).",
                        {"oneOf": [ref("Error"), report]},
                    ),
                    **COMMON_ERRORS,
                },
            }
        }
    }


def package_version() -> str:
    try:
        return version("scrutiny-graph")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


@lru_cache(maxsize=8)
def _document(max_limit: int) -> dict[str, Any]:
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": "scrutiny-graph",
            "version": package_version(),
            "summary": "What councils and safeguarding partnerships promised about "
            "children's services, cited to the character.",
            "description": "Every error, under /api/ and for SPARQL protocol clients, is "
            '`{"error": {"code", "message", "status"}}`.',
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "paths": {**paths(max_limit), **feed_paths(max_limit), **upload_paths()},
        "components": {
            "schemas": schemas(),
            "responses": error_responses(),
            "securitySchemes": {
                "officerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "An officer's API token (`scrutiny token create NAME`): "
                    "answers include restricted documents. Without it, public documents "
                    "only; a token that is not valid is a 401.",
                }
            },
        },
        # Optional: anonymous (public documents) or an officer's token.
        "security": [{}, {"officerToken": []}],
    }


def openapi_document(max_limit: int) -> dict[str, Any]:
    """The OpenAPI 3.1 document of this app (``max_limit``: the search limit setting).
    The same object for the same setting: do not change it."""
    return _document(max_limit)


@openapi.get(OPENAPI_PATH)
def document() -> dict[str, Any]:
    return openapi_document(current_knowledge_base().max_limit)
