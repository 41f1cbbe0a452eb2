"""The service layer: composes ingest, graph and search behind one small API.

It raises only ``ScrutinyError`` subclasses; the CLI and the web app translate them.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property, lru_cache, partial
from pathlib import Path
from typing import IO

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
from scrutiny.graph.fields import aliases_of, fields_of
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
from scrutiny.graph.store import (
    ADMIN,
    OFFICER,
    PUBLIC,
    RESTRICTED,
    VISIBILITIES,
    Store,
    passage_id,
)
from scrutiny.graph.view import GraphView, PathStep
from scrutiny.history import EntityHistory, entity_history
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
    Officer,
    PassageView,
    SearchFilters,
    SearchHit,
    SearchResponse,
    TokenInfo,
)
from scrutiny.search.embedder import Embedder, HashingEmbedder, SentenceTransformerEmbedder
from scrutiny.search.engine import Lookups, RankedWindow, SearchEngine
from scrutiny.search.query import Intent, Lexicon, LexiconEntry, QueryAnalysis, analyse
from scrutiny.search.themes import ConceptText, ThemeMatcher
from scrutiny.search.vector_index import (
    MANIFEST_FILE,
    VectorIndex,
    index_type_for,
    read_manifest,
)
from scrutiny.settings import Settings
from scrutiny.storelock import StoreLock
from scrutiny.themes import ThemeAtlas, ThemeOverview, ThemeSummary
from scrutiny.tracker import TrackerPage, TrackerQuery, TrackerRow, tracker_page, tracker_rows
from scrutiny.uploads import safe_name, save_upload

#: Curated data shipped in the repository's data/ folder.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
MAX_QUERY_CHARS = 1000
MAX_MENTIONS_SHOWN = 200
#: How many times the asked number of vectors a public reader's dense search may fetch
#: to find enough visible passages.
VISIBLE_OVERFETCH = 8
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
    visibility: str = PUBLIC


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


#: An officer's API token: ``TOKEN_PREFIX`` + token id + "_" + secret.
TOKEN_PREFIX = "sgt_"


def _token_digest(salt: bytes, secret: str) -> bytes:
    # The secret is 256 random bits, so one salted SHA-256 is as strong as a slow hash.
    return hashlib.sha256(salt + secret.encode("utf-8")).digest()


class _VisibleVectors:
    """The vector index as a public reader searches it: restricted passages' vectors are
    passed over, so the dense list is filled with visible passages (over-fetching up to
    ``VISIBLE_OVERFETCH`` times)."""

    def __init__(self, index: VectorIndex, store: Store) -> None:
        self.index = index
        self.store = store

    def search(self, vector: npt.NDArray[np.float32], limit: int) -> list[tuple[int, float]]:
        wanted = limit
        while True:
            found = self.index.search(vector, wanted)
            visible = self.store.visible_passage_rows([row for row, _ in found])
            kept = [(row, score) for row, score in found if row in visible]
            if len(kept) >= limit or len(found) < wanted or wanted >= VISIBLE_OVERFETCH * limit:
                return kept[:limit]
            wanted = min(wanted * 2, VISIBLE_OVERFETCH * limit)


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
        # What anonymous readers may see: public documents and what derives from them.
        self.public_store = Store(settings.database_path, public_only=True)
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
        # Reads notice another process's changes (``refresh``); per-thread read state.
        self._read_generation = self._index_generation
        self._refresh_lock = threading.Lock()
        self._restricted_at: tuple[int, bool] | None = None
        self._manifest_seen: tuple[int, int, int] | None = None
        self._local = threading.local()
        # SPARQL queries run in worker processes, started on the first query.
        self.sparql_workers = SparqlWorkers(
            settings.database_path,
            max_workers=settings.sparql_workers,
            memory_mb=settings.sparql_memory_mb,
        )
        # Caches are keyed by (store generation, audience), so a reader never mixes two
        # versions of a document, whichever snapshot its thread reads.
        self._text_cache = lru_cache(maxsize=64)(self._load_text)
        self._document_cache: dict[tuple[int, bool, str], StoredDocument] = {}
        self._lexicon_cache: dict[bool, tuple[int, Lexicon]] = {}
        self._engine_cache: dict[bool, SearchEngine] = {}
        self._view_cache: dict[bool, tuple[int, GraphView]] = {}

    def close(self) -> None:
        if hasattr(self, "sparql_workers"):
            self.sparql_workers.close()
        if hasattr(self, "public_store"):
            self.public_store.close()
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
        # An index saved for another generation is stale and not even loaded: a run
        # killed while saving may have replaced the index file but not its manifest.
        if manifest is not None and manifest.generation == self.store.generation:
            index, manifest = VectorIndex.load(
                self.settings.store, self.embedder.model_name, self.embedder.dimension
            )
            if not index.needs_rebuild():
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

    # fresh reads ---------------------------------------------------------------------

    def refresh(self) -> int:
        """Notice changes another process committed (an ingest, a delete): when the
        store's generation has moved on, the vector index it saved is loaded and the
        caches start again. One meta read when nothing changed; returns the generation."""
        generation = self.store.generation
        self._refresh(generation)
        return generation

    def _refresh(self, generation: int) -> None:
        if generation <= self._read_generation and generation <= self._index_generation:
            return
        with self._refresh_lock:
            if generation > self._read_generation:
                self._document_cache.clear()
                self._text_cache.cache_clear()
                self._read_generation = generation
            if generation > self._index_generation:
                index = self._saved_index(generation)
                if index is not None:
                    self.index, self._index_generation = index, generation

    def _saved_index(self, generation: int) -> VectorIndex | None:
        """The vector index a writer saved for ``generation``, or None while it is still
        writing (its passages are then found by keyword only, until it saves; until
        then each read only looks at the manifest file's size and time)."""
        try:
            stat = (self.settings.store / MANIFEST_FILE).stat()
        except OSError:
            return None
        seen = (stat.st_mtime_ns, stat.st_size, generation)
        if seen == self._manifest_seen:
            return None
        self._manifest_seen = seen
        manifest = read_manifest(self.settings.store)
        if manifest is None or manifest.generation != generation:
            return None
        try:
            index, manifest = VectorIndex.load(
                self.settings.store, self.embedder.model_name, self.embedder.dimension
            )
        except StoreError:  # replaced while being read: the next request tries again
            self._manifest_seen = None
            return None
        return index if manifest.generation == generation else None

    @contextmanager
    def _reading(self, include_restricted: bool) -> Iterator[Store]:
        """Run a read over one committed state of the store, as seen by its audience
        (``include_restricted``: a signed-in officer; else public documents only),
        after ``refresh``. Nested reads join the outer one."""
        outer: Store | None = getattr(self._local, "store", None)
        if outer is not None:
            yield outer
            return
        with ExitStack() as snapshot:
            snapshot.enter_context(self.store.snapshot())
            store, generation = self.store, self.store.generation
            if not include_restricted and self._has_restricted(generation):
                # The public view costs joins: taken only while something is restricted
                # (in this snapshot; a later one with none is still read through it).
                snapshot.close()
                store = self.public_store
                snapshot.enter_context(store.snapshot())
                generation = store.generation
            self._refresh(generation)
            self._local.store, self._local.generation = store, generation
            try:
                yield store
            finally:
                self._local.store = None

    def _has_restricted(self, generation: int) -> bool:
        """Whether the store holds a restricted document (at ``generation``, read in the
        calling thread's snapshot of the whole store)."""
        cached = self._restricted_at
        if cached is None or cached[0] != generation:
            cached = (generation, self.store.has_restricted_documents())
            self._restricted_at = cached
        return cached[1]

    def _reader(self) -> tuple[Store, int, bool]:
        """The store, generation and audience of the calling thread's read (the whole
        store, outside one)."""
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            return self.store, self.store.generation, True
        return store, int(self._local.generation), not store.public_only

    def _load_text(self, generation: int, restricted: bool, document_id: str) -> str | None:
        return self._reader()[0].canonical_text(document_id)

    def _text(self, document_id: str) -> str | None:
        _, generation, restricted = self._reader()
        return self._text_cache(generation, restricted, document_id)

    def visibility_for(self, path: Path, visibility: str | None = None) -> str | None:
        """A file's visibility: ``visibility`` when given, restricted under a folder of
        ``restricted_paths``, else None (a stored document keeps its own; new: public)."""
        if visibility is not None:
            if visibility not in VISIBILITIES:
                raise InvalidQueryError(
                    f"unknown visibility '{visibility}'; one of: {', '.join(VISIBILITIES)}"
                )
            return visibility
        resolved = path.resolve()
        for folder in filter(None, self.settings.restricted_paths.split(os.pathsep)):
            if resolved.is_relative_to(Path(folder).expanduser().resolve()):
                return RESTRICTED
        return None

    # officers' tokens ----------------------------------------------------------------

    def create_token(self, name: str, admin: bool = False) -> str:
        """A new API token for an officer (``admin``: an administrator, who may also add
        documents over the web), returned once (only a salted hash is kept)."""
        name = name.strip()
        if not name:
            raise InvalidQueryError("a token needs a name")
        token_id, secret, salt = secrets.token_hex(6), secrets.token_urlsafe(32), os.urandom(16)
        role = ADMIN if admin else OFFICER
        self.store.add_token(token_id, name, salt, _token_digest(salt, secret), role)
        if self.session_secret() is None:
            self.store.set_meta("session_secret", secrets.token_hex(32))
        return f"{TOKEN_PREFIX}{token_id}_{secret}"

    def session_secret(self) -> str | None:
        """The key that signs the web UI's session cookies (made with the first token)."""
        return self.store.get_meta("session_secret")

    def verify_token(self, token: str) -> Officer | None:
        """The officer a token belongs to, or None."""
        if not token.startswith(TOKEN_PREFIX):
            return None
        token_id, _, secret = token[len(TOKEN_PREFIX) :].partition("_")
        found = self.store.token(token_id)
        if found is None or not secret:
            return None
        name, salt, digest, role = found
        if not hmac.compare_digest(digest, _token_digest(salt, secret)):
            return None
        return Officer(name, admin=role == ADMIN)

    def officer_of_token_id(self, token_id: str) -> Officer | None:
        """The officer of a signed-in session's token id, None once it is revoked."""
        found = self.store.token(token_id)
        return None if found is None else Officer(found[0], admin=found[3] == ADMIN)

    def tokens(self) -> list[TokenInfo]:
        """Every token's name, creation time and role."""
        return [TokenInfo(*row) for row in self.store.tokens()]

    def revoke_token(self, name: str) -> None:
        if not self.store.delete_token(name):
            raise NotFoundError(f"no token named '{name}'")

    # ingest --------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[Path],
        progress: ProgressCallback | None = None,
        visibility: str | None = None,
    ) -> IngestReport:
        """Ingest files and directories; failures are reported, the rest still ingest.

        Passages of several documents are embedded together (up to
        ``EMBED_BATCH_PASSAGES``), which keeps the encoder's batches full; each
        document is then stored in its own transaction. Another process writing the
        same store is waited for (``Settings.lock_timeout``). ``visibility``
        (public or restricted) applies to every file; without it, see ``visibility_for``.
        """
        if visibility is not None:
            self.visibility_for(Path(), visibility)  # an unknown one fails before any work
        with self._writing():
            return self._ingest(paths, progress, visibility)

    def add_upload(
        self, filename: str, stream: IO[bytes], visibility: str = PUBLIC
    ) -> IngestReport:
        """Check, save and ingest a file an administrator sent over the web (see
        ``scrutiny.uploads``); a file that fails to ingest is not kept."""
        self.visibility_for(Path(), visibility)
        folder = self.settings.upload_folder
        existed = (folder / safe_name(filename)).exists()
        path = save_upload(folder, filename, stream, self.settings.max_file_bytes)
        report = self.ingest([path], visibility=visibility)
        if report.failed and not existed:
            path.unlink(missing_ok=True)
        return report

    def _ingest(
        self, paths: Iterable[Path], progress: ProgressCallback | None, visibility: str | None
    ) -> IngestReport:
        report = IngestReport()
        pending: list[_PendingDocument] = []
        try:
            for path in discover_files(paths):
                prepared = self._prepare_isolated(path, report, visibility)
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

    def _prepare_isolated(
        self, path: Path, report: IngestReport, visibility: str | None = None
    ) -> _PendingDocument | None:
        """``_prepare``, with any failure reported against the file (never raised), and
        what the readers worked around reported as warnings."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ReaderWarning)
            try:
                return self._prepare(path, report, visibility)
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

    def _prepare(
        self, path: Path, report: IngestReport, visibility: str | None = None
    ) -> _PendingDocument | None:
        """Read and parse a file; None when it is unchanged since it was last ingested
        (its visibility is still updated when asked for)."""
        data = read_file(path)
        source_path = str(path.resolve())
        document_id = document_id_for(source_path)
        stored = self.store.document_state(document_id)
        wanted = self.visibility_for(path, visibility)
        document = self.store.document(document_id) if stored is not None else None
        current = document.visibility if document is not None else PUBLIC
        if stored == (content_hash(data), self.pipeline):
            if wanted is not None and wanted != current:
                self.store.set_visibility(document_id, wanted)
                self._document_cache.clear()
                report.updated.append(source_path)
            else:
                report.unchanged.append(source_path)
            return None
        parsed = parse_document(path.resolve(), data, self.councils, self.settings.max_file_bytes)
        return _PendingDocument(
            path, document_id, parsed, existed=stored is not None, visibility=wanted or current
        )

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
            document_id, parsed, vectors, batch, self.pipeline, item.visibility
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
        include_restricted: bool = False,
    ) -> SearchResponse:
        """Hybrid search over passages, re-ranked with what the graph knows about them
        (restricted documents only when ``include_restricted``: a signed-in officer)."""
        with self._reading(include_restricted):
            return self._search(query, limit, filters, explain)

    def _search(
        self, query: str, limit: int | None, filters: SearchFilters | None, explain: bool
    ) -> SearchResponse:
        query = query.strip()
        if not query:
            raise InvalidQueryError("the query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise InvalidQueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
        limit = self._limit(limit)
        analysis = analyse(query, self._lexicon())
        # The same pool with or without filters, so a filter never grows the total.
        pool = max(self.settings.candidate_pool, limit)
        # Embedded in another thread while keyword search runs (``SearchEngine.rank``).
        query_vector = partial(self.embedder.embed_query, analysis.text)
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
        """The search engine over the reader's store (whole, or public only) and the
        current vector index (kept while the index object is, so its per-generation
        keyword caches last). Dense hits of restricted passages never reach a public
        reader: candidates are joined to the public store's passages and windows."""
        store, _, restricted = self._reader()
        cached = self._engine_cache.get(restricted)
        if cached is not None and getattr(cached.vectors, "index", cached.vectors) is self.index:
            return cached
        lookups = Lookups(
            document=self._stored_document,
            theme_ids=self._theme_ids,
            organisation_ids=lambda name: self._reader()[0].find_node_ids(
                NodeKind.ORGANISATION, name
            ),
            linked_ids=lambda node_id: {
                e.target for e in self._reader()[0].edges_touching(node_id)
            },
            theme_labels={c.key: c.pref_label for c in self.concepts.concepts},
        )
        vectors = self.index if restricted else _VisibleVectors(self.index, store)
        engine = SearchEngine(store, vectors, lookups, self.embedder.relevance_floor)
        self._engine_cache[restricted] = engine
        return engine

    def _lexicon(self) -> Lexicon:
        store, generation, restricted = self._reader()
        cached = self._lexicon_cache.get(restricted)
        if cached is None or cached[0] != generation:
            entries = [
                LexiconEntry(name, concept.key, "theme", tuple(set(concept.labels) - {name}))
                for concept in self.concepts.concepts
                for name in concept.labels
            ]
            for node in store.named_nodes():
                names = {node.label, *aliases_of(fields_of(node))}
                for name in names:
                    entries.append(
                        LexiconEntry(name, node.id, node.kind.value, tuple(names - {name}))
                    )
            cached = (generation, Lexicon(entries))
            self._lexicon_cache[restricted] = cached
        return cached[1]

    def _stored_document(self, document_id: str) -> StoredDocument:
        store, generation, restricted = self._reader()
        key = (generation, restricted, document_id)
        document = self._document_cache.get(key)
        if document is None:
            document = store.document(document_id)
            if document is None:
                raise NotFoundError(f"no document with id '{document_id}'")
            self._document_cache[key] = document
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
        text = self._text(window.document_id) or ""
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

    def entities(self, query: EntityQuery, include_restricted: bool = False) -> EntityPage:
        """Graph entities matching every filter, with facet counts over the matches."""
        with self._reading(include_restricted) as store:
            return self._entities(store, query)

    def _entities(self, store: Store, query: EntityQuery) -> EntityPage:
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
                store.find_node_ids(NodeKind.ORGANISATION, query.organisation)
                if query.organisation
                else None
            ),
            status=query.status,
            text=query.q,
            limit=query.limit,
            offset=query.offset,
        )
        page = store.query_nodes(wanted)
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
        return self._reader()[0].find_node_ids(NodeKind.THEME, theme)

    def entity(self, entity_id: str, include_restricted: bool = False) -> EntityDetail:
        with self._reading(include_restricted) as store:
            return self._entity(store, entity_id)

    def _entity(self, store: Store, entity_id: str) -> EntityDetail:
        node = store.node(entity_id)
        if node is None:
            raise NotFoundError(f"no entity with id '{entity_id}'")
        document = store.document(node.document_id) if node.document_id else None
        neighbours = []
        for edge in store.edges_touching(entity_id):
            outgoing = edge.source == entity_id
            other = edge.target if outgoing else edge.source
            neighbour = self._neighbour(store, edge.kind.value, "out" if outgoing else "in", other)
            if neighbour is not None:
                neighbours.append(neighbour)
        mentions = []
        for row in store.mentions_of(entity_id)[:MAX_MENTIONS_SHOWN]:
            text = self._text(row.document_id) or ""
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

    def _neighbour(
        self, store: Store, edge: str, direction: str, other_id: str
    ) -> Neighbour | None:
        other = store.node(other_id)
        if other is not None:
            return Neighbour(edge, direction, other.id, other.kind.value, other.label)
        passage = store.passage(other_id)
        if passage is None and store.public_only:
            return None  # not visible to this reader
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

    def history(
        self, entity_id: str, as_at: date | None = None, include_restricted: bool = False
    ) -> EntityHistory:
        """An entity's dated history and its position ``as_at`` (``scrutiny.history``)."""
        with self._reading(include_restricted) as store:
            return entity_history(store, entity_id, as_at)

    def tracker(
        self, query: TrackerQuery, today: date | None = None, include_restricted: bool = False
    ) -> TrackerPage:
        """Recommendations and commitments with owner, due date, response status and
        progress, filtered, sorted and paged (``scrutiny.tracker``); overdue is judged
        on ``query.as_at``, else ``today``, else the current date."""
        with self._reading(include_restricted) as store:
            return tracker_page(store, query, self._theme_ids, today)

    def answer_rows(
        self, response: SearchResponse, today: date | None = None, include_restricted: bool = False
    ) -> tuple[TrackerRow, ...]:
        """The recommendations and commitments a search's results are about, as tracker
        rows (who, what, when, status, source), in the order of the results."""
        ids = [hit.entity.id for hit in response.results if hit.entity is not None]
        if not ids:
            return ()
        with self._reading(include_restricted) as store:
            return tracker_rows(store, ids, today)

    @cached_property
    def theme_atlas(self) -> ThemeAtlas:
        """Theme overviews (``scrutiny.themes``), cached per store generation."""
        return ThemeAtlas(self.concepts, self.embedder.embed, self.settings.recurring_similarity)

    def theme_summaries(
        self, today: date | None = None, include_restricted: bool = False
    ) -> tuple[ThemeSummary, ...]:
        """Every theme with its documents, recommendations, findings and commitments."""
        with self._reading(include_restricted) as store:
            _, generation, restricted = self._reader()
            state = (generation, restricted)
            return self.theme_atlas.summaries(store, state, today or date.today())

    def theme_overview(
        self, key: str, today: date | None = None, include_restricted: bool = False
    ) -> ThemeOverview:
        """One theme across councils and years (``NotFoundError`` for an unknown theme)."""
        with self._reading(include_restricted) as store:
            _, generation, restricted = self._reader()
            state = (generation, restricted)
            return self.theme_atlas.overview(store, key, state, today or date.today())

    def unmatched_theme_phrases(
        self, top: int = 40, include_restricted: bool = False
    ) -> tuple[PhraseCount, ...]:
        """Frequent phrases across the knowledge base that no theme concept covers."""
        with self._reading(include_restricted) as store:
            texts = [self._text(d.id) or "" for d in store.documents()]
        return unmatched_phrases(texts, self.concepts.concepts, top=top)

    def connection(
        self, source_id: str, target_id: str, include_restricted: bool = False
    ) -> list[PathStep]:
        """The shortest chain of edges between two entities (or documents, passages)."""
        with self._reading(include_restricted) as store:
            for node_id in (source_id, target_id):
                if store.node(node_id) is None and store.passage(node_id) is None:
                    raise NotFoundError(f"no entity with id '{node_id}'")
            return self._graph_view().path(source_id, target_id)

    def _graph_view(self) -> GraphView:
        store, generation, restricted = self._reader()
        cached = self._view_cache.get(restricted)
        if cached is None or cached[0] != generation:
            cached = (generation, GraphView.from_store(store))
            self._view_cache[restricted] = cached
        return cached[1]

    # linked data ---------------------------------------------------------------------

    def sparql(self, query: str, include_restricted: bool = False) -> SparqlResult:
        """Run a read-only SPARQL 1.1 query over the graph (updates are refused) in a
        worker process, killed at ``sparql_timeout``; ``ServiceBusyError`` when
        ``sparql_workers`` queries are running already. Without ``include_restricted``
        the worker sees the graph of public documents only."""
        result: SparqlResult = self.sparql_workers.run(
            query,
            timeout_s=self.settings.sparql_timeout,
            max_rows=self.settings.sparql_max_rows,
            public_only=not include_restricted,
        )
        return result

    def export(self, fmt: str, include_restricted: bool = False) -> str | bytes:
        """The whole graph as Turtle, JSON-LD, or a ZIP of nodes and edges CSV files."""
        with self._reading(include_restricted) as store:
            return export_graph(store, fmt)

    # documents -----------------------------------------------------------------------

    def document(self, document_id: str, include_restricted: bool = False) -> DocumentView:
        with self._reading(include_restricted) as store:
            return self._document(store, document_id)

    def _document(self, store: Store, document_id: str) -> DocumentView:
        stored = store.document(document_id)
        text = store.canonical_text(document_id)
        if stored is None or text is None:
            raise NotFoundError(f"no document with id '{document_id}'")
        passages = tuple(
            PassageView(p.id, p.ordinal, p.kind, p.start, p.end, p.section)
            for p in store.passages_of(document_id)
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

    def documents(self, include_restricted: bool = False) -> list[DocumentRef]:
        with self._reading(include_restricted) as store:
            return [
                DocumentRef(d.id, d.title, d.council, d.meeting_date) for d in store.documents()
            ]

    def stored_documents(self, include_restricted: bool = False) -> list[StoredDocument]:
        """The documents' stored records (with their visibility)."""
        with self._reading(include_restricted) as store:
            return store.documents()
