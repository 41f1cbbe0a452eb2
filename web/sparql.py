"""The read-only SPARQL 1.1 protocol endpoint, ``/sparql``, and its HTML form.

Queries arrive as ``GET ?query=``, as a form-encoded ``POST`` (``query=``) or as a
``POST`` of ``application/sparql-query``; SPARQL Update (an ``update=`` parameter or
an ``application/sparql-update`` body) is refused, as are the dataset parameters
(queries run over the knowledge graph only). SELECT and ASK answer in SPARQL 1.1
JSON results, CONSTRUCT and DESCRIBE in Turtle; a client that prefers ``text/html``
(a browser) gets a page with a query form and the results as a table instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import UnsupportedMediaType

from scrutiny.errors import InvalidQueryError
from scrutiny.graph.rdf import PREFIXES
from scrutiny.graph.sparql import QueryType, RdfTerm, SparqlResult
from scrutiny.web.knowledge import current_knowledge_base

sparql = Blueprint("sparql", __name__)

SPARQL_PATH = "/sparql"
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
#: What a protocol client may ask for; a browser's Accept prefers ``text/html`` to them.
RESULT_TYPES = ("application/sparql-results+json", "text/turtle", "application/json")
DATASET_PARAMETERS = ("default-graph-uri", "named-graph-uri")
TRUNCATED_HEADER = "X-Scrutiny-Truncated"
UPDATE_REFUSED = (
    "SPARQL Update is not allowed: the knowledge graph is read-only "
    "(use SELECT, ASK, CONSTRUCT or DESCRIBE)"
)
EXAMPLE_QUERY = """\
# Recommendations by status
SELECT ?status (COUNT(?r) AS ?n) WHERE {
  ?r a sg:Recommendation ; sg:status ?status
} GROUP BY ?status"""


def wants_html() -> bool:
    """Whether the client prefers an HTML page to a SPARQL result format."""
    best = request.accept_mimetypes.best_match([*RESULT_TYPES, "text/html"])
    return best == "text/html"


def _single(values: MultiDict[str, str], name: str) -> str | None:
    found = values.getlist(name)
    if len(found) > 1:
        raise InvalidQueryError(f"give exactly one {name} parameter, not {len(found)}")
    return found[0] if found else None


def _refuse_updates_and_datasets(values: MultiDict[str, str]) -> None:
    if "update" in values:
        raise InvalidQueryError(UPDATE_REFUSED)
    for name in DATASET_PARAMETERS:
        if name in values:
            raise InvalidQueryError(
                f"{name} is not supported: queries run over the knowledge graph only"
            )


def requested_query() -> str | None:
    """The query text of this protocol request, None when none was sent.

    Updates, dataset parameters and repeated ``query`` parameters are an
    ``InvalidQueryError``; a POST body of another type is a 415.
    """
    _refuse_updates_and_datasets(request.args)
    if request.method == "GET":
        return _single(request.args, "query")
    if request.mimetype == SPARQL_UPDATE:
        raise InvalidQueryError(UPDATE_REFUSED)
    if request.mimetype == FORM:
        _refuse_updates_and_datasets(request.form)
        return _single(request.form, "query")
    if request.mimetype == SPARQL_QUERY:
        return request.get_data(as_text=True)
    raise UnsupportedMediaType(
        f"send the query as {FORM} (query=...) or as {SPARQL_QUERY}, "
        f"not {request.mimetype or 'an untyped body'}"
    )


def submitted_text() -> str:
    """The query text as sent, for showing back in the form; never raises."""
    if request.method == "POST" and request.mimetype == SPARQL_QUERY:
        return request.get_data(as_text=True)
    return request.values.get("query", "")


@sparql.route(SPARQL_PATH, methods=["GET", "POST"])
def endpoint() -> Response | str:
    query = requested_query()
    if query is None:
        if wants_html():
            return form_page(EXAMPLE_QUERY)
        raise InvalidQueryError("the query parameter is required")
    result = current_knowledge_base().sparql(query)
    if wants_html():
        return form_page(query, result)
    answer = result.to_json()
    if isinstance(answer, str):
        response = Response(answer, content_type=result.media_type)
    else:
        body = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        response = Response(body, content_type=result.media_type)
    if result.truncated:
        response.headers[TRUNCATED_HEADER] = "true"
    response.vary.add("Accept")
    return response


# --- the HTML form ----------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One term of a SELECT row as the page shows it: compact text, full form as title."""

    text: str
    title: str
    kind: str


def compact(uri: str) -> str:
    """``uri`` with the longest predeclared namespace replaced by its prefix."""
    matches = [(prefix, ns) for prefix, ns in PREFIXES.items() if uri.startswith(ns)]
    if not matches:
        return uri
    prefix, namespace = max(matches, key=lambda match: len(match[1]))
    rest = uri[len(namespace) :]
    return f"{prefix}:{rest}" if rest else uri


def cell(term: RdfTerm) -> Cell:
    if term.type == "uri":
        return Cell(compact(term.value), term.value, "uri")
    if term.type == "bnode":
        return Cell(f"_:{term.value}", "blank node", "bnode")
    if term.language is not None:
        return Cell(term.value, f"language {term.language}", "literal")
    return Cell(term.value, compact(term.datatype) if term.datatype else "string", "literal")


def form_page(query: str, result: SparqlResult | None = None) -> str:
    rows: list[list[Cell | None]] = []
    if result is not None and result.query_type is QueryType.SELECT:
        rows = [
            [cell(row[name]) if name in row else None for name in result.variables]
            for row in result.rows
        ]
    return render_template(
        "sparql.html",
        query=query,
        result=result,
        rows=rows,
        prefixes=PREFIXES,
        error=None,
    )


def error_page(message: str) -> str:
    """The form again, with the query as sent and what was wrong with it."""
    return render_template(
        "sparql.html",
        query=submitted_text(),
        result=None,
        rows=[],
        prefixes=PREFIXES,
        error=message,
    )
