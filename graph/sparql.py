"""Read-only SPARQL 1.1 over the knowledge graph, with a time limit and a row limit.

The RDF graph is built from the store by ``scrutiny.graph.rdf.build_rdf_graph`` and
cached per store until ``store.generation`` changes. SELECT, ASK, CONSTRUCT and
DESCRIBE are answered; SPARQL Update, ``SERVICE`` (federated queries would fetch
from the network) and ``FROM``/``FROM NAMED`` (rdflib would load those graphs from
the web) are refused with ``InvalidQueryError``.

The prefixes of ``scrutiny.graph.rdf.PREFIXES`` (``sg:``, ``id:``, ``theme:``,
``org:``, ``prov:``, ``skos:``, ``dcterms:``, ``schema:``, ``foaf:``, ``rdf:``,
``rdfs:``, ``xsd:``) are predeclared. Recommendations by status, for example::

    SELECT ?status (COUNT(?recommendation) AS ?count) WHERE {
        ?recommendation a sg:Recommendation ; sg:status ?status .
    } GROUP BY ?status ORDER BY ?status

Results cross the module boundary as plain dataclasses (``SparqlResult``,
``RdfTerm``), never as rdflib objects.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pyparsing import ParseBaseException
from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RdfLiteral
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query
from rdflib.query import Result, ResultRow
from rdflib.term import Node as RdfNode

from scrutiny.errors import InvalidQueryError, QueryTimeoutError, ScrutinyError
from scrutiny.graph.rdf import PREFIXES, build_rdf_graph
from scrutiny.graph.store import Store


class QueryType(StrEnum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


SPARQL_RESULTS_JSON = "application/sparql-results+json"
TURTLE = "text/turtle; charset=utf-8"

TermType = Literal["uri", "literal", "bnode"]


@dataclass(frozen=True)
class RdfTerm:
    """One RDF term of a solution, as the SPARQL 1.1 JSON results format spells it."""

    type: TermType
    value: str
    datatype: str | None = None
    language: str | None = None

    def to_json(self) -> dict[str, str]:
        encoded = {"type": self.type, "value": self.value}
        if self.language is not None:
            encoded["xml:lang"] = self.language
        elif self.datatype is not None:
            encoded["datatype"] = self.datatype
        return encoded


@dataclass(frozen=True)
class SparqlResult:
    """The answer to one query.

    SELECT fills ``variables`` and ``rows`` (unbound variables are absent from a
    row); ASK fills ``boolean``; CONSTRUCT and DESCRIBE fill ``turtle`` and
    ``triple_count``. ``truncated`` says rows or triples beyond ``max_rows`` were
    dropped.
    """

    query_type: QueryType
    variables: tuple[str, ...] = ()
    rows: tuple[Mapping[str, RdfTerm], ...] = ()
    boolean: bool | None = None
    turtle: str | None = None
    triple_count: int = 0
    truncated: bool = False
    elapsed_s: float = field(default=0.0, compare=False)

    @property
    def media_type(self) -> str:
        if self.query_type in (QueryType.SELECT, QueryType.ASK):
            return SPARQL_RESULTS_JSON
        return TURTLE

    def to_json(self) -> dict[str, Any] | str:
        """W3C SPARQL 1.1 Query Results JSON for SELECT and ASK; Turtle for a graph."""
        if self.query_type is QueryType.SELECT:
            return {
                "head": {"vars": list(self.variables)},
                "results": {
                    "bindings": [
                        {name: term.to_json() for name, term in row.items()} for row in self.rows
                    ]
                },
            }
        if self.query_type is QueryType.ASK:
            return {"head": {}, "boolean": bool(self.boolean)}
        return self.turtle or ""


# --- parsing and checking --------------------------------------------------------------

_QUERY_TYPES = {
    "SelectQuery": QueryType.SELECT,
    "AskQuery": QueryType.ASK,
    "ConstructQuery": QueryType.CONSTRUCT,
    "DescribeQuery": QueryType.DESCRIBE,
}


def _is_update(text: str) -> bool:
    try:
        parsed = parseUpdate(text)
    except ParseBaseException:
        return False
    except Exception:  # rdflib raises bare Exceptions from its parse actions
        return False
    return bool(parsed.get("request"))


def _walk(node: object) -> Iterable[CompValue]:
    if isinstance(node, CompValue):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _walk(item)


def _prepare_query(text: str) -> tuple[QueryType, Query]:
    """Parse and check a query; ``InvalidQueryError`` says what is wrong with it."""
    if not text.strip():
        raise InvalidQueryError("the SPARQL query is empty")
    try:
        parsed = parseQuery(text)
    except ParseBaseException as exc:
        if _is_update(text):
            raise InvalidQueryError(
                "SPARQL Update is not allowed: the knowledge graph is read-only "
                "(use SELECT, ASK, CONSTRUCT or DESCRIBE)"
            ) from None
        raise InvalidQueryError(f"malformed SPARQL query: {exc}") from None
    except Exception as exc:  # rdflib raises bare Exceptions from its parse actions
        raise InvalidQueryError(f"malformed SPARQL query: {exc}") from None
    try:
        query = translateQuery(parsed, initNs=PREFIXES)
    except Exception as exc:  # e.g. "Unknown namespace prefix : foo"
        raise InvalidQueryError(f"malformed SPARQL query: {exc}") from None
    for part in _walk(query.algebra):
        if part.name == "ServiceGraphPattern":
            raise InvalidQueryError("SERVICE (federated query) is not allowed")
    if query.algebra.get("datasetClause"):
        raise InvalidQueryError(
            "FROM and FROM NAMED are not allowed: queries run over the knowledge graph only"
        )
    query_type = _QUERY_TYPES.get(query.algebra.name)
    if query_type is None:  # pragma: no cover - the grammar has only these four forms
        raise InvalidQueryError(f"unsupported SPARQL query form {query.algebra.name}")
    return query_type, query


# --- the cached graph ------------------------------------------------------------------

_graphs: weakref.WeakKeyDictionary[Store, tuple[int, Graph]] = weakref.WeakKeyDictionary()
_graphs_lock = threading.Lock()


def _graph_for(store: Store) -> Graph:
    """The store's RDF graph, rebuilt only when the store's generation has moved on."""
    generation = store.generation
    with _graphs_lock:
        cached = _graphs.get(store)
        if cached is not None and cached[0] == generation:
            return cached[1]
        graph: Graph = build_rdf_graph(store)
        _graphs[store] = (generation, graph)
        return graph


# --- evaluation ------------------------------------------------------------------------


def _term(node: RdfNode) -> RdfTerm:
    if isinstance(node, URIRef):
        return RdfTerm("uri", str(node))
    if isinstance(node, BNode):
        return RdfTerm("bnode", str(node))
    if isinstance(node, RdfLiteral):
        if node.language:
            return RdfTerm("literal", str(node), language=node.language)
        datatype = None if node.datatype is None else str(node.datatype)
        return RdfTerm("literal", str(node), datatype=datatype)
    return RdfTerm("literal", str(node))  # pragma: no cover - variables are never bound so


def _materialise(
    query_type: QueryType, result: Result, max_rows: int, started: float
) -> SparqlResult:
    if query_type is QueryType.ASK:
        return SparqlResult(query_type, boolean=bool(result.askAnswer),
                            elapsed_s=time.monotonic() - started)  # fmt: skip
    if query_type is QueryType.SELECT:
        variables = tuple(str(v) for v in result.vars or ())
        rows: list[Mapping[str, RdfTerm]] = []
        truncated = False
        for solution in _solutions(result):
            if len(rows) == max_rows:
                truncated = True
                break
            rows.append(
                {
                    name: _term(value)
                    for name in variables
                    if (value := solution.get(name)) is not None
                }
            )
        return SparqlResult(query_type, variables=variables, rows=tuple(rows),
                            truncated=truncated, elapsed_s=time.monotonic() - started)  # fmt: skip
    assert result.graph is not None
    triples = sorted(result.graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
    truncated = len(triples) > max_rows
    answer = Graph()
    for prefix, namespace in PREFIXES.items():
        answer.bind(prefix, namespace, override=True, replace=True)
    for triple in triples[:max_rows]:
        answer.add(triple)
    return SparqlResult(
        query_type,
        turtle=answer.serialize(format="turtle"),
        triple_count=len(answer),
        truncated=truncated,
        elapsed_s=time.monotonic() - started,
    )


def _solutions(result: Result) -> Iterable[dict[str, RdfNode]]:
    """A SELECT result's solutions, lazily, keyed by variable name."""
    for row in result:
        if isinstance(row, ResultRow):
            yield {str(name): value for name, value in row.asdict().items()}


def run_query(store: Store, query: str, *, timeout_s: float, max_rows: int) -> SparqlResult:
    """Answer a read-only SPARQL 1.1 query over the store's knowledge graph.

    Raises ``InvalidQueryError`` for an update, a malformed query or a refused
    feature (SERVICE, FROM), and ``QueryTimeoutError`` when evaluation takes longer
    than ``timeout_s`` seconds. At most ``max_rows`` rows (or triples, for CONSTRUCT
    and DESCRIBE) are returned; ``truncated`` says when more were found.

    rdflib cannot interrupt a running query, so a query past its limit finishes in
    a daemon thread whose answer is discarded.
    """
    if timeout_s <= 0:
        raise InvalidQueryError("the SPARQL time limit must be a positive number of seconds")
    if max_rows < 0:
        raise InvalidQueryError("the SPARQL row limit must not be negative")
    query_type, prepared = _prepare_query(query)
    started = time.monotonic()
    graph = _graph_for(store)
    answers: list[SparqlResult] = []
    failures: list[BaseException] = []

    def evaluate() -> None:
        try:
            result = graph.query(prepared)
            answers.append(_materialise(query_type, result, max_rows, started))
        except BaseException as exc:  # handed to the caller's thread below
            failures.append(exc)

    worker = threading.Thread(target=evaluate, name="sparql-query", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        raise QueryTimeoutError(f"query exceeded the time limit of {timeout_s:g} s")
    if failures:
        failure = failures[0]
        if isinstance(failure, ScrutinyError):
            raise failure
        raise InvalidQueryError(f"SPARQL query failed: {failure}") from failure
    return answers[0]


__all__ = [
    "QueryTimeoutError",
    "QueryType",
    "RdfTerm",
    "SparqlResult",
    "run_query",
]
