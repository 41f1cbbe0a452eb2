"""The service layer: composes ingest, graph and search behind one small API.

It raises only ``ScrutinyError`` subclasses; the CLI and the web app translate them.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from scrutiny.errors import (
    IndexMismatchError,
    IngestError,
    InvalidQueryError,
    NotFoundError,
    StoreError,
)
from scrutiny.graph.builder import build_document_graph
from scrutiny.graph.concepts import load_concept_scheme
from scrutiny.graph.model import (
    Edge,
    GraphBatch,
    Node,
    NodeFilter,
    StoredDocument,
)
from scrutiny.graph.rdf import export as export_graph
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.sparql import SparqlResult
from scrutiny.graph.sparql_worker import SparqlWorkers
from scrutiny.graph.store import Store, passage_id
from scrutiny.graph.view import GraphView, PathStep
from scrutiny.ingest.extract.organisations import OrganisationGazetteer
from scrutiny.ingest.extract.pipeline import DocumentExtractor
from scrutiny.ingest.extract.themes import PhraseCount, unmatched_phrases
from scrutiny.ingest.fingerprint import pipeline_fingerprint
from scrutiny.ingest.metadata import CouncilDirectory
from scrutiny.ingest.pipeline import content_hash, discover_files, parse_document, read_file
from scrutiny.ingest.readers import ReaderWarning
from scrutiny.ingest.records import ParsedDocument
from scrutiny.results import (
    DocumentRef,
    DocumentView,
    EntityDetail,
    EntityPage,
    EntityQuery,
    EntityRef,
    EntityView,
    IngestFailure,
    IngestReport,
    MentionView,
    Neighbour,
    PassageView,
    SearchFilters,
    SearchHit,
    SearchResponse,
)
from scrutiny.search.embedder import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from scrutiny.search.engine import Lookups, RankedWindow, SearchEngine
from scrutiny.search.query import Intent, Lexicon, LexiconEntry, QueryAnalysis, analyse
from scrutiny.search.themes import ConceptText, ThemeMatcher
from scrutiny.search.vector_index import VectorIndex, index_type_for, read_manifest
from scrutiny.settings import Settings
from scrutiny.storelock import StoreLock
from scrutiny.tracker import TrackerPage, TrackerQuery, tracker_page

#: Curated data shipped in the repository's data/ folder.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_QUERY_CHARS = 1000
MAX_MENTIONS_SHOWN = 200
#: Passages embedded in one call during ingest (across documents).
EMBED_BATCH_PASSAGES = 512

ProgressCallback = Callable[[Path], None]


_ENTITY_PREFERENCE = {
    Intent.COMMITMENTS: ("commitment", "recommendation", "response", "finding"),
    Intent.OWNERS: ("recommendation", "finding", "commitment", "response"),
    Intent.RESPONSES: ("recommendation", "response", "commitment", "finding"),
    Intent.GENERAL: ("recommendation", "finding", "commitment", "response"),
}


def _main_entity(entities: Sequence[Node], analysis: QueryAnalysis) -> Node | None:
    """The entity a hit belongs to, preferring what the query's intent asks for."""
    order = _ENTITY_PREFERENCE[analysis.intent]
    ranked = [n for n in entities if n.kind.value in order]
    if not ranked:
        return None
    return min(ranked, key=lambda n: (order.index(n.kind.value), n.start or 0))


@dataclass(frozen=True)
class _PendingDocument:
    """A parsed document waiting for its passages to be embedded."""

    path: Path
    document_id: str
    parsed: ParsedDocument
    existed: bool


def make_embedder(name: str, cache: Path | None = None) -> Embedder:
    """The embedder named in settings; ``cache`` enables the fast ONNX query path."""
    if name == "minilm":
        return SentenceTransformerEmbedder(query_cache=cache / "models" if cache else None)
    if name == "hashing":
        return HashingEmbedder()
    raise StoreError(f"unknown embedder '{name}'; choose 'minilm' or 'hashing'")


def _unexpected(path: Path, step: str, exc: BaseException) -> str:
    """A failure no reader anticipated, as one line naming the file and the reason."""
    reason = " ".join(str(exc).split())[:300] or "no message"
    return f"{path}: could not be {step} ({type(exc).__name__}: {reason})"


def document_id_for(source_path: str) -> str:
    return "d" + hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:12]


class KnowledgeBase:
    """One knowledge base: the SQLite store plus its vector index."""

    def __init__(
        self, settings: Settings, embedder: Embedder | None = None, reindexing: bool = False
    ) -> None:
        """Open (creating if needed) the knowledge base in ``settings.store``.

        ``reindexing`` skips the embedding-model check, for ``reindex`` to repair it.
        """
        self.settings = settings
        self.embedder = embedder or make_embedder(settings.embedder, settings.cache)
        settings.store.mkdir(parents=True, exist_ok=True)
        self.store = Store(settings.database_path)
        gazetteer_path = DATA_DIR / "gazetteer" / "organisations.csv"
        themes_path = DATA_DIR / "themes.ttl"
        self.councils = CouncilDirectory.from_gazetteer(gazetteer_path)
        self.concepts = load_concept_scheme(themes_path)
        self.pipeline = pipeline_fingerprint(gazetteer_path, themes_path)
        self.extractor = DocumentExtractor(
            OrganisationGazetteer.from_csv(gazetteer_path), self.concepts.concepts
        )
        if reindexing:
            self.index = VectorIndex(self.embedder.model_name, self.embedder.dimension)
        else:
            self._check_embedding_model()
            self.index = self._open_index()
        # One writer at a time (ingest, delete, reindex); told when it waits for another.
        self._writer = StoreLock(settings.store)
        self.on_lock_wait: Callable[[str], None] | None = None
        self._index_generation = self.store.generation
        # SPARQL queries run in worker processes, started on the first query.
        self.sparql_workers = SparqlWorkers(
            settings.database_path,
            max_workers=settings.sparql_workers,
            memory_mb=settings.sparql_memory_mb,
        )
        self._text_cache = lru_cache(maxsize=64)(self.store.canonical_text)
        self._document_cache: dict[str, StoredDocument] = {}
        self._lexicon_cache: tuple[int, Lexicon] | None = None
        self._engine_cache: SearchEngine | None = None
        self._view_cache: tuple[int, GraphView] | None = None

    def close(self) -> None:
        if hasattr(self, "sparql_workers"):
            self.sparql_workers.close()
        self.store.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # vector index --------------------------------------------------------------------

    def _check_embedding_model(self) -> None:
        stored = self.store.get_meta("embedding_model")
        if stored is None:
            self.store.set_meta("embedding_model", self.embedder.model_name)
        elif stored != self.embedder.model_name and self.store.passage_count():
            raise IndexMismatchError(
                f"the knowledge base in {self.settings.store} was embedded with '{stored}' "
                f"but the configured embedder is '{self.embedder.model_name}'; run "
                f"`scrutiny reindex --store {self.settings.store}` to re-embed it"
            )

    def _open_index(self) -> VectorIndex:
        manifest = read_manifest(self.settings.store)
        if manifest is not None:
            index, manifest = VectorIndex.load(
                self.settings.store, self.embedder.model_name, self.embedder.dimension
            )
            if manifest.generation == self.store.generation and not index.needs_rebuild():
                return index
        # Missing or stale (an interrupted run): rebuild from the embeddings in SQLite.
        return self._rebuild_index()

    def _rebuild_index(self) -> VectorIndex:
        index_type = index_type_for(self.store.passage_count())
        index = VectorIndex(self.embedder.model_name, self.embedder.dimension, index_type)
        for ids, vectors in self.store.iter_embeddings():
            index.add(ids, vectors)
        index.save(self.settings.store, self.store.generation)
        return index

    @contextmanager
    def _writing(self, refresh_index: bool = True) -> Iterator[None]:
        """Hold the store's writer lock (waiting up to ``lock_timeout`` for another
        process); an index that another writer has moved on from is reloaded first."""
        timeout = self.settings.lock_timeout
        self._writer.acquire(None if timeout < 0 else timeout, self.on_lock_wait)
        try:
            if refresh_index and self.store.generation != self._index_generation:
                self.index = self._open_index()
                self._text_cache.cache_clear()
                self._document_cache.clear()
            yield
        finally:
            self._index_generation = self.store.generation
            self._writer.release()

    def reindex(self, progress: Callable[[int], None] | None = None) -> int:
        """Re-embed every passage with the configured embedder; returns the passage count."""
        with self._writing(refresh_index=False):
            return self._reindex(progress)

    def _reindex(self, progress: Callable[[int], None] | None) -> int:
        rows = self.store.passages_without_embedding_model()
        batch = 256
        for i in range(0, len(rows), batch):
            chunk = rows[i : i + batch]
            vectors = self.embedder.embed([text for _, text in chunk])
            self.store.set_embeddings(zip([rid for rid, _ in chunk], vectors, strict=True))
            if progress:
                progress(len(chunk))
        self.store.set_meta("embedding_model", self.embedder.model_name)
        self.index = self._rebuild_index()
        return len(rows)

    # ingest --------------------------------------------------------------------------

    def ingest(
        self, paths: Iterable[Path], progress: ProgressCallback | None = None
    ) -> IngestReport:
        """Ingest files and directories; failures are reported, the rest still ingest.

        Passages of several documents are embedded together (up to
        ``EMBED_BATCH_PASSAGES``), which keeps the encoder's batches full; each
        document is then stored in its own transaction. Another process writing the
        same store is waited for (``Settings.lock_timeout``).
        """
        with self._writing():
            return self._ingest(paths, progress)

    def _ingest(self, paths: Iterable[Path], progress: ProgressCallback | None) -> IngestReport:
        report = IngestReport()
        pending: list[_PendingDocument] = []
        try:
            for path in discover_files(paths):
                prepared = self._prepare_isolated(path, report)
                if prepared is None:
                    if progress:
                        progress(path)
                    continue
                pending.append(prepared)
                if sum(len(p.parsed.passages) for p in pending) >= EMBED_BATCH_PASSAGES:
                    self._store_pending(pending, report, progress)
            self._store_pending(pending, report, progress)
        finally:
            if self.index.needs_rebuild():
                self.index = self._rebuild_index()
            else:
                self.index.save(self.settings.store, self.store.generation)
        return report

    def _prepare_isolated(self, path: Path, report: IngestReport) -> _PendingDocument | None:
        """``_prepare``, with any failure reported against the file (never raised), and
        what the readers worked around reported as warnings."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ReaderWarning)
            try:
                return self._prepare(path, report)
            except IngestError as exc:
                report.failed.append(IngestFailure(str(exc.path), str(exc)))
            except Exception as exc:  # a bug or resource failure on one file
                report.failed.append(IngestFailure(str(path), _unexpected(path, "read", exc)))
            finally:
                report.warnings.extend(
                    IngestFailure(str(path), str(w.message))
                    for w in caught
                    if issubclass(w.category, ReaderWarning)
                )
        return None

    def _prepare(self, path: Path, report: IngestReport) -> _PendingDocument | None:
        """Read and parse a file; None when it is unchanged since it was last ingested."""
        data = read_file(path)
        source_path = str(path.resolve())
        document_id = document_id_for(source_path)
        stored = self.store.document_state(document_id)
        if stored == (content_hash(data), self.pipeline):
            report.unchanged.append(source_path)
            return None
        parsed = parse_document(path.resolve(), data, self.councils, self.settings.max_file_bytes)
        return _PendingDocument(path, document_id, parsed, existed=stored is not None)

    def _store_pending(
        self,
        pending: list[_PendingDocument],
        report: IngestReport,
        progress: ProgressCallback | None,
    ) -> None:
        texts = [p.search_text for item in pending for p in item.parsed.passages]
        try:
            vectors = self._embed_passages(texts, [i.document_id for i in pending if i.existed])
        except Exception as exc:  # the encoder failed on the batch: no file of it is stored
            for item in pending:
                report.failed.append(
                    IngestFailure(str(item.path), _unexpected(item.path, "embedded", exc))
                )
                if progress:
                    progress(item.path)
            pending.clear()
            return
        offset = 0
        for item in pending:
            count = len(item.parsed.passages)
            try:
                self._store(item, vectors[offset : offset + count], report)
            except Exception as exc:  # extraction or storage failed on this file alone
                report.failed.append(
                    IngestFailure(str(item.path), _unexpected(item.path, "stored", exc))
                )
            offset += count
            if progress:
                progress(item.path)
        pending.clear()

    def _embed_passages(
        self, texts: list[str], stored_documents: list[str]
    ) -> npt.NDArray[np.float32]:
        """Vectors for passage texts: each distinct text embedded once, and texts that a
        stored version of the same document already has keep their stored vectors (a
        re-processed document only embeds what changed)."""
        known: dict[str, npt.NDArray[np.float32]] = {}
        for document_id in stored_documents:
            known.update(self.store.embeddings_by_text(document_id))
        new_texts = [text for text in dict.fromkeys(texts) if text not in known]
        if new_texts:
            known.update(zip(new_texts, self.embedder.embed(new_texts), strict=True))
        if not texts:
            return np.zeros((0, self.embedder.dimension), dtype=np.float32)
        return np.stack([known[text] for text in texts]).astype(np.float32, copy=False)

    def _store(
        self, item: _PendingDocument, vectors: npt.NDArray[np.float32], report: IngestReport
    ) -> None:
        parsed, document_id = item.parsed, item.document_id
        extraction = self.extractor.extract(parsed.canonical_text, parsed.metadata.title)
        batch = self._with_themes_by_meaning(
            build_document_graph(document_id, parsed, extraction), document_id, parsed, vectors
        )
        removed, added = self.store.replace_document(
            document_id, parsed, vectors, batch, self.pipeline
        )
        self.index.remove(removed)
        self.index.add(np.array(added, dtype=np.int64), vectors)
        self._text_cache.cache_clear()
        self._document_cache.clear()
        (report.updated if item.existed else report.added).append(parsed.source_path)
        report.passages += len(parsed.passages)

    def _with_themes_by_meaning(
        self,
        batch: GraphBatch,
        document_id: str,
        parsed: ParsedDocument,
        vectors: npt.NDArray[np.float32],
    ) -> GraphBatch:
        """Add has_theme edges (scored) from passages whose meaning is close to a theme."""
        matches = self.theme_matcher.match(vectors, self.settings.theme_similarity)
        if not matches:
            return batch
        labels = {concept.key: concept for concept in self.concepts.concepts}
        nodes = [
            Node(match.key, NodeKind.THEME, labels[match.key].pref_label,
                 attributes={"concept": labels[match.key].uri})
            for match in matches
        ]  # fmt: skip
        edges = [
            Edge(passage_id(document_id, parsed.passages[match.row].ordinal), EdgeKind.HAS_THEME,
                 match.key, document_id, round(match.similarity, 4))
            for match in matches
        ]  # fmt: skip
        return replace(batch, nodes=(*batch.nodes, *nodes), edges=(*batch.edges, *edges))

    @cached_property
    def theme_matcher(self) -> ThemeMatcher:
        return ThemeMatcher(
            self.embedder,
            [
                ConceptText(
                    c.key, f"{c.pref_label}. {', '.join(c.alt_labels)}. {c.definition or ''}"
                )
                for c in self.concepts.concepts
            ],
            cache_dir=self.settings.cache / "themes",
        )

    def delete(self, document_id: str) -> None:
        with self._writing():
            self._delete(document_id)

    def _delete(self, document_id: str) -> None:
        if self.store.document(document_id) is None:
            raise NotFoundError(f"no document with id '{document_id}'")
        removed = self.store.delete_document(document_id)
        self.index.remove(removed)
        if self.index.needs_rebuild():
            self.index = self._rebuild_index()
        else:
            self.index.save(self.settings.store, self.store.generation)
        self._text_cache.cache_clear()
        self._document_cache.clear()

    # search --------------------------------------------------------------------------

    def search(
        self,
        query: str,
        limit: int | None = None,
        filters: SearchFilters | None = None,
        explain: bool = False,
    ) -> SearchResponse:
        """Hybrid search over passages, re-ranked with what the graph knows about them."""
        query = query.strip()
        if not query:
            raise InvalidQueryError("the query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidQueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
        limit = self._limit(limit)
        analysis = analyse(query, self._lexicon())
        # The same pool with or without filters, so a filter never grows the total.
        pool = max(self.settings.candidate_pool, limit)
        query_vector = self.embedder.embed_query(analysis.text)
        ranking = self._engine().rank(analysis, query_vector, limit, pool, filters)
        hits = [
            self._hit(rank, result, analysis, explain)
            for rank, result in enumerate(ranking.results, start=1)
        ]
        return SearchResponse(
            query=query,
            results=tuple(hits),
            total=ranking.total,
            facets=ranking.facets,
            interpretation=analysis.describe(),
        )

    def _engine(self) -> SearchEngine:
        """The search engine over this store and the current vector index (kept while
        the index object is, so its per-generation keyword caches last)."""
        if self._engine_cache is not None and self._engine_cache.vectors is self.index:
            return self._engine_cache
        lookups = Lookups(
            document=self._stored_document,
            theme_ids=self._theme_ids,
            organisation_ids=lambda name: self.store.find_node_ids(NodeKind.ORGANISATION, name),
            linked_ids=lambda node_id: {e.target for e in self.store.edges_touching(node_id)},
            theme_labels={c.key: c.pref_label for c in self.concepts.concepts},
        )
        self._engine_cache = SearchEngine(
            self.store, self.index, lookups, self.embedder.relevance_floor
        )
        return self._engine_cache

    def _lexicon(self) -> Lexicon:
        generation = self.store.generation
        if self._lexicon_cache is None or self._lexicon_cache[0] != generation:
            entries = [
                LexiconEntry(name, concept.key, "theme", tuple(set(concept.labels) - {name}))
                for concept in self.concepts.concepts
                for name in concept.labels
            ]
            for node in self.store.named_nodes():
                raw = node.attributes.get("aliases")
                aliases = [str(a) for a in raw] if isinstance(raw, list | tuple) else []
                names = {node.label, *aliases}
                for name in names:
                    entries.append(
                        LexiconEntry(name, node.id, node.kind.value, tuple(names - {name}))
                    )
            self._lexicon_cache = (generation, Lexicon(entries))
        return self._lexicon_cache[1]

    def _stored_document(self, document_id: str) -> StoredDocument:
        document = self._document_cache.get(document_id)
        if document is None:
            document = self.store.document(document_id)
            if document is None:
                raise NotFoundError(f"no document with id '{document_id}'")
            self._document_cache[document_id] = document
        return document

    def _limit(self, limit: int | None) -> int:
        if limit is None:
            return self.settings.default_limit
        if not 1 <= limit <= self.settings.max_limit:
            raise InvalidQueryError(f"limit must be between 1 and {self.settings.max_limit}")
        return limit

    def _hit(
        self, rank: int, result: RankedWindow, analysis: QueryAnalysis, explain: bool
    ) -> SearchHit:
        window, passage = result.window, result.passage
        text = self._text_cache(window.document_id) or ""
        entity = _main_entity(result.entities, analysis)
        return SearchHit(
            rank=rank,
            score=result.candidate.score,
            kind="passage",
            id=passage.id,
            text=text[window.start : window.end],
            start=window.start,
            end=window.end,
            document=self._document_ref(window.document_id),
            section=passage.section,
            entity=None
            if entity is None
            else EntityRef(
                entity.id,
                entity.kind.value,
                entity.label,
                entity.attributes,
                entity.start,
                entity.end,
            ),
            explanation=result.candidate.explain() if explain else None,
            passage_start=passage.start,
            passage_end=passage.end,
        )

    def _document_ref(self, document_id: str) -> DocumentRef:
        document = self._stored_document(document_id)
        return DocumentRef(document.id, document.title, document.council, document.meeting_date)

    # entities ------------------------------------------------------------------------

    def entities(self, query: EntityQuery) -> EntityPage:
        """Graph entities matching every filter, with facet counts over the matches."""
        if not 1 <= query.limit <= self.settings.max_limit:
            raise InvalidQueryError(f"limit must be between 1 and {self.settings.max_limit}")
        if query.offset < 0:
            raise InvalidQueryError("offset must not be negative")
        kind = None
        if query.kind:
            try:
                kind = NodeKind(query.kind)
            except ValueError:
                kinds = ", ".join(k.value for k in NodeKind)
                raise InvalidQueryError(f"unknown kind '{query.kind}'; one of: {kinds}") from None
        if kind is NodeKind.PASSAGE:
            raise InvalidQueryError("passages are listed by /api/search, not as entities")
        wanted = NodeFilter(
            kind=kind,
            council=query.council,
            theme_ids=self._theme_ids(query.theme) if query.theme else None,
            organisation_ids=(
                self.store.find_node_ids(NodeKind.ORGANISATION, query.organisation)
                if query.organisation
                else None
            ),
            status=query.status,
            text=query.q,
            limit=query.limit,
            offset=query.offset,
        )
        page = self.store.query_nodes(wanted)
        views = tuple(self._entity_view(r.node, r.document) for r in page.records)
        return EntityPage(page.total, page.facets, views)

    def _theme_ids(self, theme: str) -> tuple[str, ...]:
        """A theme given by id, key or any of its concept's labels."""
        wanted = theme.strip().lower()
        for concept in self.concepts:
            labels = (label.lower() for label in concept.labels)
            names = {concept.key.lower(), concept.uri.lower(), *labels}
            if wanted in names or f"theme:{wanted}" in names:
                return (concept.key,)
        return self.store.find_node_ids(NodeKind.THEME, theme)

    def entity(self, entity_id: str) -> EntityDetail:
        node = self.store.node(entity_id)
        if node is None:
            raise NotFoundError(f"no entity with id '{entity_id}'")
        document = self.store.document(node.document_id) if node.document_id else None
        neighbours = []
        for edge in self.store.edges_touching(entity_id):
            outgoing = edge.source == entity_id
            other = edge.target if outgoing else edge.source
            neighbours.append(self._neighbour(edge.kind.value, "out" if outgoing else "in", other))
        mentions = []
        for row in self.store.mentions_of(entity_id)[:MAX_MENTIONS_SHOWN]:
            text = self._text_cache(row.document_id) or ""
            mentions.append(
                MentionView(
                    document=self._document_ref(row.document_id),
                    passage_id=row.passage_id,
                    start=row.start,
                    end=row.end,
                    text=text[row.start : row.end],
                    repaired_from=row.repaired_from,
                )
            )
        return EntityDetail(
            self._entity_view(node, document), tuple(dict.fromkeys(neighbours)), tuple(mentions)
        )

    def _neighbour(self, edge: str, direction: str, other_id: str) -> Neighbour:
        other = self.store.node(other_id)
        if other is not None:
            return Neighbour(edge, direction, other.id, other.kind.value, other.label)
        passage = self.store.passage(other_id)
        label = passage.search_text[:120] if passage else other_id
        return Neighbour(edge, direction, other_id, NodeKind.PASSAGE.value, label)

    def _entity_view(self, node: Node, document: StoredDocument | None) -> EntityView:
        ref = None
        if document is not None:
            ref = DocumentRef(document.id, document.title, document.council, document.meeting_date)
        return EntityView(
            id=node.id,
            kind=node.kind.value,
            label=node.label,
            text=node.text,
            attributes=node.attributes,
            document=ref,
            start=node.start,
            end=node.end,
            confidence=node.confidence,
        )

    def tracker(self, query: TrackerQuery, today: date | None = None) -> TrackerPage:
        """Recommendations and commitments with owner, due date, response status and
        progress, filtered, sorted and paged (``scrutiny.tracker``); overdue is judged
        on ``query.as_at``, else ``today``, else the current date."""
        return tracker_page(self.store, query, self._theme_ids, today)

    def unmatched_theme_phrases(self, top: int = 40) -> tuple[PhraseCount, ...]:
        """Frequent phrases across the knowledge base that no theme concept covers."""
        texts = [self._text_cache(d.id) or "" for d in self.store.documents()]
        return unmatched_phrases(texts, self.concepts.concepts, top=top)

    def connection(self, source_id: str, target_id: str) -> list[PathStep]:
        """The shortest chain of edges between two entities (or documents, passages)."""
        for node_id in (source_id, target_id):
            if self.store.node(node_id) is None and self.store.passage(node_id) is None:
                raise NotFoundError(f"no entity with id '{node_id}'")
        return self._graph_view().path(source_id, target_id)

    def _graph_view(self) -> GraphView:
        generation = self.store.generation
        if self._view_cache is None or self._view_cache[0] != generation:
            self._view_cache = (generation, GraphView.from_store(self.store))
        return self._view_cache[1]

    # linked data ---------------------------------------------------------------------

    def sparql(self, query: str) -> SparqlResult:
        """Run a read-only SPARQL 1.1 query over the graph (updates are refused) in a
        worker process, killed at ``sparql_timeout``; ``ServiceBusyError`` when
        ``sparql_workers`` queries are running already."""
        result: SparqlResult = self.sparql_workers.run(
            query, timeout_s=self.settings.sparql_timeout, max_rows=self.settings.sparql_max_rows
        )
        return result

    def export(self, fmt: str) -> str | bytes:
        """The whole graph as Turtle, JSON-LD, or a ZIP of nodes and edges CSV files."""
        return export_graph(self.store, fmt)

    # documents -----------------------------------------------------------------------

    def document(self, document_id: str) -> DocumentView:
        stored = self.store.document(document_id)
        text = self.store.canonical_text(document_id)
        if stored is None or text is None:
            raise NotFoundError(f"no document with id '{document_id}'")
        passages = tuple(
            PassageView(p.id, p.ordinal, p.kind, p.start, p.end, p.section)
            for p in self.store.passages_of(document_id)
        )
        return DocumentView(
            ref=self._document_ref(document_id),
            source_path=stored.source_path,
            committee=stored.committee,
            source_url=stored.source_url,
            format=stored.format,
            canonical_text=text,
            passages=passages,
        )

    def documents(self) -> list[DocumentRef]:
        return [
            DocumentRef(d.id, d.title, d.council, d.meeting_date) for d in self.store.documents()
        ]
