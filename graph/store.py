"""The knowledge base's SQLite file: documents, passages (with FTS5), nodes and edges.

SQLite is the source of truth, including passage embeddings; the faiss index beside
it is a cache that can always be rebuilt from here.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import chain
from pathlib import Path
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from scrutiny.errors import StoreError
from scrutiny.graph import status_links as links_table
from scrutiny.graph.history import StatusLink
from scrutiny.graph.model import (
    AttributeValue,
    Edge,
    GraphBatch,
    MentionRow,
    Node,
    NodeFilter,
    NodePage,
    NodeRecord,
    PassageContext,
    StoredDocument,
    StoredPassage,
    StoredWindow,
)
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.ingest.records import ParsedDocument, Passage, PassageKind, Span
from scrutiny.ingest.windows import MAX_PASSAGES as MAX_WINDOW_PASSAGES
from scrutiny.ingest.windows import build_windows

SCHEMA_VERSION = "5"
#: Document visibility: public documents are shown to everyone, restricted ones only to
#: signed-in officers.
PUBLIC, RESTRICTED = "public", "restricted"
VISIBILITIES = (PUBLIC, RESTRICTED)
#: Token roles: officers see restricted documents; administrators also add documents
#: over the web.
OFFICER, ADMIN = "officer", "admin"
ROLES = (OFFICER, ADMIN)
#: BM25 weight of a passage's document title, council and committee against its own text.
CONTEXT_WEIGHT = 0.3
#: Bytes of the database file each connection reads through a memory map instead of
#: read calls (search reads ~1,000 scattered passage rows a query). SQLite caps it at its
#: build's limit (2 GiB by default); the rest of a larger file is read as usual.
MMAP_BYTES = 1 << 31
#: Passage records, and contexts of passages the graph says something of, that search
#: keeps between queries (most recently used; ~0.8 and ~1.2 KB each), until a write.
SEARCH_CACHED_PASSAGES = 50_000
SEARCH_CACHED_CONTEXTS = 20_000
#: Keyword-searchable tables and their FTS5 indexes.
_FTS_TABLES = {"passages": "passages_fts", "windows": "windows_fts"}
T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    source_path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    council TEXT,
    committee TEXT,
    meeting_date TEXT,
    source_url TEXT,
    canonical_text TEXT NOT NULL,
    ingested_at TEXT NOT NULL,
    pipeline TEXT NOT NULL DEFAULT '',  -- fingerprint of the ingest code that processed it
    visibility TEXT NOT NULL DEFAULT 'public'  -- 'public' or 'restricted'
);
CREATE TABLE IF NOT EXISTS passages (
    row_id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: vector ids stay unique
    id TEXT NOT NULL UNIQUE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    section TEXT,
    search_text TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT '',
    embedding BLOB
);
CREATE INDEX IF NOT EXISTS passages_document ON passages(document_id, ordinal);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
    search_text, context, content='passages', content_rowid='row_id',
    tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, search_text, context)
    VALUES (new.row_id, new.search_text, new.context);
END;
CREATE TRIGGER IF NOT EXISTS passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, search_text, context)
    VALUES ('delete', old.row_id, old.search_text, old.context);
END;
-- Ranking windows (scrutiny.ingest.windows): runs of consecutive passages, without
-- header lines and page furniture, that keyword search ranks as one text.
CREATE TABLE IF NOT EXISTS windows (
    row_id INTEGER PRIMARY KEY AUTOINCREMENT,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    first_ordinal INTEGER NOT NULL,
    last_ordinal INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    search_text TEXT NOT NULL,
    context TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS windows_document ON windows(document_id, first_ordinal);
CREATE VIRTUAL TABLE IF NOT EXISTS windows_fts USING fts5(
    search_text, context, content='windows', content_rowid='row_id',
    tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS windows_ai AFTER INSERT ON windows BEGIN
    INSERT INTO windows_fts(rowid, search_text, context)
    VALUES (new.row_id, new.search_text, new.context);
END;
CREATE TRIGGER IF NOT EXISTS windows_ad AFTER DELETE ON windows BEGIN
    INSERT INTO windows_fts(windows_fts, rowid, search_text, context)
    VALUES ('delete', old.row_id, old.search_text, old.context);
END;
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    start INTEGER,
    "end" INTEGER,
    confidence REAL NOT NULL DEFAULT 1.0,
    text TEXT NOT NULL DEFAULT '',
    attributes TEXT NOT NULL DEFAULT '{}',
    -- A shared node (no document_id) as the public sees it: label and attributes from
    -- public documents only (see node_sources); NULL on a document's own nodes.
    public_label TEXT,
    public_attributes TEXT
);
CREATE INDEX IF NOT EXISTS nodes_kind ON nodes(kind);
-- What each document said of a shared node (organisation, person, case, theme, ...):
-- the node's label and attributes are merged from these, for officers from all and
-- for the public from public documents only.
CREATE TABLE IF NOT EXISTS node_sources (
    node_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    attributes TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (node_id, document_id)
);
CREATE INDEX IF NOT EXISTS nodes_document ON nodes(document_id);
CREATE TABLE IF NOT EXISTS edges (
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    target TEXT NOT NULL,
    document_id TEXT REFERENCES documents(id) ON DELETE CASCADE,
    confidence REAL NOT NULL DEFAULT 1.0,
    UNIQUE (source, kind, target, document_id)
);
CREATE TABLE IF NOT EXISTS mentions (
    node_id TEXT NOT NULL,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    passage_id TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    surface TEXT NOT NULL,
    repaired_from TEXT
);
CREATE INDEX IF NOT EXISTS mentions_node ON mentions(node_id);
CREATE INDEX IF NOT EXISTS mentions_passage ON mentions(passage_id);
CREATE INDEX IF NOT EXISTS edges_source ON edges(source);
CREATE INDEX IF NOT EXISTS edges_target ON edges(target);
-- Officers' API tokens: only a salted SHA-256 of each secret is kept.
-- role: 'officer' (sees restricted documents) or 'admin' (also adds documents).
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    salt BLOB NOT NULL,
    hash BLOB NOT NULL,
    created_at TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT 'officer'
);
"""

#: A public-only store shadows the tables with TEMP views of the same names (SQLite looks
#: in temp first), so every query it runs sees public documents and what was extracted
#: from them only. Shared nodes (organisations, themes, councils, cases) are kept when a
#: public document links to or mentions them. The FTS5 tables are not shadowed: their
#: row ids are always joined back to passages or windows (never read for text).
_PUBLIC = "(SELECT id FROM main.documents WHERE visibility = 'public')"
_PUBLIC_VIEWS = f"""
CREATE TEMP VIEW IF NOT EXISTS documents AS
    SELECT * FROM main.documents WHERE visibility = 'public';
CREATE TEMP VIEW IF NOT EXISTS passages AS
    SELECT * FROM main.passages WHERE document_id IN {_PUBLIC};
CREATE TEMP VIEW IF NOT EXISTS windows AS
    SELECT * FROM main.windows WHERE document_id IN {_PUBLIC};
CREATE TEMP VIEW IF NOT EXISTS mentions AS
    SELECT * FROM main.mentions WHERE document_id IN {_PUBLIC};
CREATE TEMP VIEW IF NOT EXISTS node_sources AS
    SELECT * FROM main.node_sources WHERE document_id IN {_PUBLIC};
CREATE TEMP VIEW IF NOT EXISTS edges AS
    SELECT * FROM main.edges WHERE document_id IN {_PUBLIC};
CREATE TEMP VIEW IF NOT EXISTS nodes AS
    SELECT id, kind, coalesce(public_label, label) AS label, document_id, start, "end",
        confidence, text,
        CASE WHEN document_id IS NULL THEN coalesce(public_attributes, '{{}}')
             ELSE attributes END AS attributes,
        public_label, public_attributes
    FROM main.nodes n WHERE n.document_id IN {_PUBLIC} OR (n.document_id IS NULL
        AND (EXISTS (SELECT 1 FROM main.edges e WHERE e.source = n.id
                     AND e.document_id IN {_PUBLIC})
             OR EXISTS (SELECT 1 FROM main.edges e WHERE e.target = n.id
                        AND e.document_id IN {_PUBLIC})
             OR EXISTS (SELECT 1 FROM main.mentions m WHERE m.node_id = n.id
                        AND m.document_id IN {_PUBLIC})));
"""

_TOKEN = re.compile(r"\w+")
#: What the graph says of most passages: nothing (one shared record).
_NO_CONTEXT = PassageContext()


def _any_of(words: Sequence[str]) -> str:
    return " OR ".join(f'"{w}"' for w in words)


@dataclass(frozen=True)
class _Layout:
    """Where one document's passages and ranking windows sit, as compact arrays: what
    ``windows_of_passages`` and ``passages_of_windows`` look up instead of joining."""

    ordinals: array[int]  # the passages' ordinals, ascending
    passages: array[int]  # their row ids
    firsts: array[int]  # the windows' first ordinals, ascending
    lasts: array[int]  # their last ordinals
    windows: array[int]  # their row ids


@dataclass
class _SearchCache:
    """What search reads of a store that only a write changes, at one generation."""

    generation: int
    layouts: dict[str, _Layout] = field(default_factory=dict)  # by document id
    told: frozenset[str] | None = None  # ids of passages the graph says something of
    # Most recently used last (``_recall``, ``_remember``).
    passages: dict[int, StoredPassage] = field(default_factory=dict)  # by row id
    contexts: dict[str, PassageContext] = field(default_factory=dict)  # of told passages


K = TypeVar("K")
V = TypeVar("V")


def _recall(cache: dict[K, V], keys: Iterable[K]) -> tuple[dict[K, V], list[K]]:
    """The cached values of ``keys`` (now the most recently used) and the keys missing."""
    found: dict[K, V] = {}
    missing: list[K] = []
    for key in keys:
        value = cache.pop(key, None)
        if value is None:
            missing.append(key)
        else:
            cache[key] = found[key] = value
    return found, missing


def _remember(cache: dict[K, V], values: dict[K, V], most: int) -> None:
    """Keep ``values``, dropping the least recently used beyond ``most`` entries."""
    cache.update(values)
    while len(cache) > most:
        cache.pop(next(iter(cache)), None)


class Store:
    """One knowledge base's SQLite file. Use as a context manager or call ``close``.

    ``public_only``: a read-only view of public documents and what derives from them
    (``_PUBLIC_VIEWS``); it must not be written through.
    """

    def __init__(self, path: Path | str, public_only: bool = False) -> None:
        self.path = Path(path) if str(path) != ":memory:" else None
        self.public_only = public_only
        # The opening thread uses this connection; other threads (a web server's) get
        # their own (``_db``), so reads run concurrently instead of sharing one.
        self._owner = threading.get_ident()
        self._local = threading.local()
        self._others: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._others_lock = threading.Lock()
        self._search_cache_kept = _SearchCache(-1)
        try:
            self._main_db = sqlite3.connect(str(path), check_same_thread=False)
            self._main_db.execute("PRAGMA foreign_keys = ON")
            self._main_db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            if self.path is not None:
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(_SCHEMA)
            self._db.executescript(links_table.SCHEMA)
            self._check_version()
            if public_only:
                self._main_db.executescript(_PUBLIC_VIEWS)
                self._main_db.executescript(links_table.PUBLIC_VIEW)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable knowledge base ({exc})") from None

    @property
    def _db(self) -> sqlite3.Connection:
        """The calling thread's connection (one shared one for an in-memory store)."""
        if self.path is None or threading.get_ident() == self._owner:
            return self._main_db
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = self._connect_thread()
        return db

    def _connect_thread(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), check_same_thread=False)
        db.execute("PRAGMA foreign_keys = ON")
        db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        if self.public_only:
            db.executescript(_PUBLIC_VIEWS)
            db.executescript(links_table.PUBLIC_VIEW)
        with self._others_lock:
            for thread, other in [pair for pair in self._others if not pair[0].is_alive()]:
                other.close()
                self._others.remove((thread, other))
            self._others.append((threading.current_thread(), db))
        self._local.db = db
        return db

    def close(self) -> None:
        with self._others_lock:
            for _, other in self._others:
                other.close()
            self._others.clear()
        self._main_db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_version(self) -> None:
        found = self.get_meta("schema_version")
        if found is None:
            with self._db:
                self._set_meta("schema_version", SCHEMA_VERSION)
        elif found in ("1", "2", "3", "4"):
            # Version 2 records which ingest pipeline processed each document; documents
            # from version 1 have none, so the next ingest processes them again.
            # Version 3 adds ranking windows, built here from the stored passages.
            # Version 4 adds each document's visibility (documents stored before are public).
            # Version 5 records what each document said of a shared node (node_sources),
            # so the public sees only what public documents said; the next ingest
            # processes every stored document again to fill it in (stored vectors are
            # kept), and until then the public sees shared nodes without attributes.
            with self._db:
                if found == "1":
                    self._db.execute(
                        "ALTER TABLE documents ADD COLUMN pipeline TEXT NOT NULL DEFAULT ''"
                    )
                if found in ("1", "2"):
                    for (document_id,) in self._db.execute("SELECT id FROM documents").fetchall():
                        self._write_windows(self._db, str(document_id))
                columns = {r[1] for r in self._db.execute("PRAGMA main.table_info(documents)")}
                if "visibility" not in columns:
                    self._db.execute(
                        "ALTER TABLE documents ADD COLUMN visibility TEXT NOT NULL DEFAULT 'public'"
                    )
                token_columns = {r[1] for r in self._db.execute("PRAGMA main.table_info(tokens)")}
                if "role" not in token_columns:  # tokens made before roles are officers'
                    self._db.execute(
                        "ALTER TABLE tokens ADD COLUMN role TEXT NOT NULL DEFAULT 'officer'"
                    )
                node_columns = {r[1] for r in self._db.execute("PRAGMA main.table_info(nodes)")}
                if "public_label" not in node_columns:
                    self._db.execute("ALTER TABLE nodes ADD COLUMN public_label TEXT")
                    self._db.execute("ALTER TABLE nodes ADD COLUMN public_attributes TEXT")
                    self._db.execute("UPDATE documents SET pipeline = ''")
                self._set_meta("schema_version", SCHEMA_VERSION)
        elif found != SCHEMA_VERSION:
            raise StoreError(
                f"knowledge base schema version {found} is not {SCHEMA_VERSION}; "
                "rebuild it with `scrutiny ingest` into a new --store"
            )

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    def set_meta(self, key: str, value: str) -> None:
        with self._db:
            self._set_meta(key, value)

    @property
    def generation(self) -> int:
        """Counts committed changes, so the vector index can tell that it is stale."""
        return int(self.get_meta("generation") or 0)

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one committed state of the store (a read transaction on the
        calling thread's connection; WAL lets writers go on meanwhile). Nested: no-op."""
        db = self._db
        if db.in_transaction:
            yield
            return
        db.execute("BEGIN")
        try:
            yield
        finally:
            if db.in_transaction:
                db.execute("COMMIT")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._db:
            yield self._db
            self._set_meta("generation", str(self.generation + 1))

    # documents -------------------------------------------------------------------------

    def document_id_for_path(self, source_path: str) -> str | None:
        row = self._db.execute(
            "SELECT id FROM documents WHERE source_path = ?", (source_path,)
        ).fetchone()
        return None if row is None else str(row[0])

    def document_state(self, document_id: str) -> tuple[str, str] | None:
        """(content hash, ingest pipeline fingerprint) of a stored document."""
        row = self._db.execute(
            "SELECT sha256, pipeline FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def embeddings_by_text(self, document_id: str) -> dict[str, npt.NDArray[np.float32]]:
        """A stored document's passage vectors by passage text, for reuse when it is
        processed again."""
        return {
            str(text): np.frombuffer(blob, dtype=np.float32)
            for text, blob in self._db.execute(
                "SELECT search_text, embedding FROM passages "
                "WHERE document_id = ? AND embedding IS NOT NULL",
                (document_id,),
            )
        }

    def replace_document(
        self,
        document_id: str,
        parsed: ParsedDocument,
        embeddings: npt.NDArray[np.float32],
        batch: GraphBatch,
        pipeline: str = "",
        visibility: str = PUBLIC,
    ) -> tuple[list[int], list[int]]:
        """Atomically replace a document, its passages and its graph contribution.

        ``pipeline`` fingerprints the ingest code that processed it. Returns the row ids
        of the removed passages and of the added ones, in order.
        """
        if len(embeddings) != len(parsed.passages):
            raise StoreError("one embedding per passage is required")
        if visibility not in VISIBILITIES:
            raise StoreError(f"unknown visibility '{visibility}'")
        meta = parsed.metadata
        # Keyword search also sees where a passage comes from, weighted low (see
        # CONTEXT_WEIGHT), so "Durham cabinet decision on …" finds Durham's passages.
        context = " ".join(p for p in (meta.title, meta.council, meta.committee) if p)
        with self._transaction() as db:
            removed = self._delete_document(db, document_id)
            db.execute(
                "INSERT INTO documents(id, source_path, sha256, format, title, council, "
                "committee, meeting_date, source_url, canonical_text, ingested_at, pipeline, "
                "visibility) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    document_id, parsed.source_path, parsed.sha256, parsed.format.value,
                    meta.title, meta.council, meta.committee, meta.meeting_date,
                    meta.source_url, parsed.canonical_text,
                    datetime.now(UTC).isoformat(timespec="seconds"), pipeline, visibility,
                ),
            )  # fmt: skip
            added = []
            for passage, vector in zip(parsed.passages, embeddings, strict=True):
                cursor = db.execute(
                    "INSERT INTO passages(id, document_id, ordinal, kind, start, \"end\", "
                    "section, search_text, context, embedding) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        passage_id(document_id, passage.ordinal), document_id, passage.ordinal,
                        passage.kind.value, passage.span.start, passage.span.end,
                        passage.section, passage.search_text, context,
                        np.asarray(vector, dtype=np.float32).tobytes(),
                    ),
                )  # fmt: skip
                assert cursor.lastrowid is not None
                added.append(cursor.lastrowid)
            self._write_windows(db, document_id, parsed)
            self._write_batch(db, document_id, visibility == PUBLIC, batch)
            if links_table.is_current(db):
                links_table.relink(db, document_id)
            else:  # links made by another version of the linker: all of them again
                links_table.rebuild_all(db)
        return removed, added

    def _write_windows(
        self, db: sqlite3.Connection, document_id: str, parsed: ParsedDocument | None = None
    ) -> None:
        """Build and store a document's ranking windows (from ``parsed``, or from what is
        stored of it)."""
        row = db.execute(
            "SELECT canonical_text, title, council, committee FROM documents WHERE id = ?",
            (document_id,),
        ).fetchone()
        text, title, council, committee = row
        if parsed is not None:
            passages = list(parsed.passages)
        else:
            passages = [
                Passage(
                    ordinal=int(ordinal), kind=PassageKind(kind), span=Span(start, end),
                    search_text=search_text, section=section,
                )
                for ordinal, kind, start, end, section, search_text in db.execute(
                    'SELECT ordinal, kind, start, "end", section, search_text FROM passages '
                    "WHERE document_id = ? ORDER BY ordinal",
                    (document_id,),
                )
            ]  # fmt: skip
        context = " ".join(str(p) for p in (title, council, committee) if p)
        db.executemany(
            'INSERT INTO windows(document_id, first_ordinal, last_ordinal, start, "end", '
            "search_text, context) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (document_id, w.first, w.last, w.span.start, w.span.end, w.text, context)
                for w in build_windows(text, passages, title)
            ],
        )

    def _write_batch(
        self, db: sqlite3.Connection, document_id: str, public: bool, batch: GraphBatch
    ) -> None:
        """Store a document's graph contribution. A shared node (no ``document_id``) keeps
        what this document said of it in ``node_sources`` and merges it into its label and
        attributes, and, for a public document, into what the public sees of it."""
        said: dict[str, Node] = {}
        for node in batch.nodes:
            if node.document_id is None:
                before = said.get(node.id)
                if before is not None:
                    node = replace(
                        before, attributes=merge_attributes(before.attributes, node.attributes)
                    )
                said[node.id] = node
            else:
                db.execute(
                    "INSERT OR REPLACE INTO nodes(id, kind, label, document_id, start, "
                    '"end", confidence, text, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
                    (node.id, node.kind.value, node.label, node.document_id, node.start,
                     node.end, node.confidence, node.text, node.attributes_json()),
                )  # fmt: skip
        for node in said.values():
            db.execute(
                "INSERT OR REPLACE INTO node_sources(node_id, document_id, label, attributes) "
                "VALUES (?, ?, ?, ?)",
                (node.id, document_id, node.label, node.attributes_json()),
            )
            found = db.execute(
                "SELECT attributes, public_label, public_attributes FROM main.nodes WHERE id = ?",
                (node.id,),
            ).fetchone()
            if found is None:
                db.execute(
                    "INSERT INTO nodes(id, kind, label, confidence, text, attributes, "
                    "public_label, public_attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (node.id, node.kind.value, node.label, node.confidence, node.text,
                     node.attributes_json(), node.label if public else None,
                     node.attributes_json() if public else None),
                )  # fmt: skip
                continue
            attributes, public_label, public_attributes = found
            merged = merge_attributes(Node.parse_attributes(str(attributes)), node.attributes)
            if public:
                public_label = public_label or node.label
                public_attributes = _attributes_json(
                    merge_attributes(Node.parse_attributes(public_attributes or "{}"),
                                     node.attributes)
                )  # fmt: skip
            db.execute(
                "UPDATE nodes SET attributes = ?, public_label = ?, public_attributes = ? "
                "WHERE id = ?",
                (_attributes_json(merged), public_label, public_attributes, node.id),
            )
        db.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (m.node_id, m.document_id, m.passage_id, m.start, m.end, m.surface, m.repaired_from)
                for m in batch.mentions
            ],
        )
        db.executemany(
            "INSERT OR IGNORE INTO edges VALUES (?, ?, ?, ?, ?)",
            [(e.source, e.kind.value, e.target, e.document_id, e.confidence) for e in batch.edges],
        )

    def _remerge_shared(self, db: sqlite3.Connection, node_ids: Iterable[str]) -> None:
        """Merge shared nodes' labels and attributes again from what the documents still
        stored (and, for the public, still public) said of them."""
        for node_id in node_ids:
            said = db.execute(
                "SELECT s.label, s.attributes, d.visibility FROM main.node_sources s "
                "JOIN main.documents d ON d.id = s.document_id WHERE s.node_id = ? "
                "ORDER BY d.rowid",
                (node_id,),
            ).fetchall()
            if not said:
                continue  # nothing names it any more: the orphan sweep removes it
            merged: dict[str, AttributeValue] = {}
            public: dict[str, AttributeValue] | None = None
            public_label: str | None = None
            for label, attributes, visibility in said:
                parsed = Node.parse_attributes(str(attributes))
                merged = merge_attributes(merged, parsed)
                if visibility == PUBLIC:
                    public = merge_attributes(public or {}, parsed)
                    public_label = public_label or str(label)
            db.execute(
                "UPDATE nodes SET label = ?, attributes = ?, public_label = ?, "
                "public_attributes = ? WHERE id = ?",
                (str(said[0][0]), _attributes_json(merged), public_label,
                 None if public is None else _attributes_json(public), node_id),
            )  # fmt: skip

    def delete_document(self, document_id: str) -> list[int]:
        """Delete a document and everything extracted from it; returns removed passage row ids."""
        with self._transaction() as db:
            return self._delete_document(db, document_id)

    def _delete_document(self, db: sqlite3.Connection, document_id: str) -> list[int]:
        removed = [
            int(r[0])
            for r in db.execute("SELECT row_id FROM passages WHERE document_id = ?", (document_id,))
        ]
        shared = [
            str(r[0])
            for r in db.execute(
                "SELECT node_id FROM main.node_sources WHERE document_id = ?", (document_id,)
            )
        ]
        db.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        self._remerge_shared(db, shared)
        # Shared nodes (organisations, themes, …) that nothing else names go too.
        db.execute(
            "DELETE FROM nodes WHERE document_id IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM edges WHERE edges.source = nodes.id) "
            "AND NOT EXISTS (SELECT 1 FROM edges WHERE edges.target = nodes.id) "
            "AND NOT EXISTS (SELECT 1 FROM mentions WHERE mentions.node_id = nodes.id)"
        )
        return removed

    def documents(self) -> list[StoredDocument]:
        rows = self._db.execute(
            "SELECT d.id, source_path, sha256, format, title, council, committee, meeting_date, "
            "source_url, (SELECT count(*) FROM passages p WHERE p.document_id = d.id), "
            "ingested_at, visibility FROM documents d ORDER BY title"
        )
        return [StoredDocument(*row) for row in rows]

    def document(self, document_id: str) -> StoredDocument | None:
        return next((d for d in self._documents_where("d.id = ?", document_id)), None)

    def _documents_where(self, clause: str, value: str) -> Iterator[StoredDocument]:
        rows = self._db.execute(
            "SELECT d.id, source_path, sha256, format, title, council, committee, meeting_date, "
            "source_url, (SELECT count(*) FROM passages p WHERE p.document_id = d.id), "
            f"ingested_at, visibility FROM documents d WHERE {clause}",
            (value,),
        )
        return (StoredDocument(*row) for row in rows)

    def has_restricted_documents(self) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM main.documents WHERE visibility = ? LIMIT 1", (RESTRICTED,)
        ).fetchone()
        return row is not None

    def set_visibility(self, document_id: str, visibility: str) -> None:
        if visibility not in VISIBILITIES:
            raise StoreError(f"unknown visibility '{visibility}'")
        with self._transaction() as db:
            db.execute(
                "UPDATE documents SET visibility = ? WHERE id = ?", (visibility, document_id)
            )
            self._remerge_shared(
                db,
                [
                    str(r[0])
                    for r in db.execute(
                        "SELECT node_id FROM main.node_sources WHERE document_id = ?",
                        (document_id,),
                    )
                ],
            )

    # officers' tokens ------------------------------------------------------------------

    def add_token(
        self, token_id: str, name: str, salt: bytes, digest: bytes, role: str = OFFICER
    ) -> None:
        if role not in ROLES:
            raise StoreError(f"unknown role '{role}'")
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO tokens(id, name, salt, hash, created_at, role) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (token_id, name, salt, digest,
                     datetime.now(UTC).isoformat(timespec="seconds"), role),
                )  # fmt: skip
        except sqlite3.IntegrityError:
            raise StoreError(f"a token named '{name}' exists already") from None

    def token(self, token_id: str) -> tuple[str, bytes, bytes, str] | None:
        """(name, salt, hash, role) of a token."""
        row = self._db.execute(
            "SELECT name, salt, hash, role FROM tokens WHERE id = ?", (token_id,)
        ).fetchone()
        if row is None:
            return None
        return str(row[0]), bytes(row[1]), bytes(row[2]), str(row[3])

    def tokens(self) -> list[tuple[str, str, str]]:
        """(name, created at, role) of every token."""
        rows = self._db.execute("SELECT name, created_at, role FROM tokens ORDER BY name")
        return [(str(n), str(c), str(r)) for n, c, r in rows]

    def delete_token(self, name: str) -> bool:
        with self._db:
            return self._db.execute("DELETE FROM tokens WHERE name = ?", (name,)).rowcount > 0

    def canonical_text(self, document_id: str) -> str | None:
        row = self._db.execute(
            "SELECT canonical_text FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    # passages --------------------------------------------------------------------------

    _PASSAGE_COLUMNS = 'row_id, id, document_id, ordinal, kind, start, "end", section, search_text'

    def passages_by_row_ids(self, row_ids: Sequence[int]) -> dict[int, StoredPassage]:
        """Passages by row id (those that exist), the most recently asked kept between
        calls until the store changes (``SEARCH_CACHED_PASSAGES``)."""
        cache = self._search_cache().passages
        found, missing = _recall(cache, row_ids)
        read: dict[int, StoredPassage] = {}
        for chunk in _chunks(missing, 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT {self._PASSAGE_COLUMNS} FROM passages WHERE row_id IN ({marks})", chunk
            ):
                read[row[0]] = StoredPassage(*row)
        _remember(cache, read, SEARCH_CACHED_PASSAGES)
        found.update(read)
        return found

    def embeddings_by_row_ids(self, row_ids: Sequence[int]) -> dict[int, npt.NDArray[np.float32]]:
        """Stored passage vectors by row id (passages without one are left out)."""
        found: dict[int, npt.NDArray[np.float32]] = {}
        for chunk in _chunks(list(row_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row_id, blob in self._db.execute(
                f"SELECT row_id, embedding FROM passages WHERE row_id IN ({marks}) "
                "AND embedding IS NOT NULL",
                chunk,
            ):
                found[int(row_id)] = np.frombuffer(blob, dtype=np.float32)
        return found

    def passages_of(self, document_id: str) -> list[StoredPassage]:
        rows = self._db.execute(
            f"SELECT {self._PASSAGE_COLUMNS} FROM passages WHERE document_id = ? ORDER BY ordinal",
            (document_id,),
        )
        return [StoredPassage(*row) for row in rows]

    def passage(self, passage_id: str) -> StoredPassage | None:
        row = self._db.execute(
            f"SELECT {self._PASSAGE_COLUMNS} FROM passages WHERE id = ?", (passage_id,)
        ).fetchone()
        return None if row is None else StoredPassage(*row)

    def visible_passage_rows(self, row_ids: Sequence[int]) -> set[int]:
        """Those of the passage row ids this store shows (all, unless public-only)."""
        found: set[int] = set()
        for chunk in _chunks(list(row_ids), 500):
            marks = ",".join("?" * len(chunk))
            found.update(
                int(r[0])
                for r in self._db.execute(
                    f"SELECT row_id FROM passages WHERE row_id IN ({marks})", chunk
                )
            )
        return found

    def passage_count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM passages").fetchone()[0])

    def iter_embeddings(
        self, batch_size: int = 10_000
    ) -> Iterator[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
        """(row ids, vectors) in batches, for rebuilding the vector index."""
        cursor = self._db.execute(
            "SELECT row_id, embedding FROM passages WHERE embedding IS NOT NULL ORDER BY row_id"
        )
        while rows := cursor.fetchmany(batch_size):
            ids = np.array([r[0] for r in rows], dtype=np.int64)
            vectors = np.stack([np.frombuffer(r[1], dtype=np.float32) for r in rows])
            yield ids, vectors

    def passages_without_embedding_model(self) -> list[tuple[int, str]]:
        return [
            (int(r[0]), str(r[1]))
            for r in self._db.execute("SELECT row_id, search_text FROM passages ORDER BY row_id")
        ]

    def set_embeddings(self, rows: Iterable[tuple[int, npt.NDArray[np.float32]]]) -> None:
        with self._transaction() as db:
            db.executemany(
                "UPDATE passages SET embedding = ? WHERE row_id = ?",
                [(np.asarray(v, dtype=np.float32).tobytes(), rid) for rid, v in rows],
            )

    # full-text tables (the ranking logic is scrutiny.search.keyword) ------------------

    @property
    def concurrent_reads(self) -> bool:
        """Whether another thread may read while this one does: each thread reads
        through a connection of its own (an in-memory store has one, shared)."""
        return self.path is not None

    def fts_row_count(self, table: str) -> int:
        """Rows of a keyword-searchable table: "passages" or "windows"."""
        if table not in _FTS_TABLES:
            raise StoreError(f"no full-text table '{table}'")
        # Every row (main.), as FTS5's own statistics count them.
        (count,) = self._db.execute(f"SELECT count(*) FROM main.{table}").fetchone()
        return int(count)

    def fts_rows_with_word(self, table: str, word: str, cap: int) -> int:
        """Rows of ``table`` holding ``word``, counted up to ``cap``."""
        fts = _FTS_TABLES[table]
        row = self._db.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT ?)",
            (f'"{word}"', cap),
        ).fetchone()
        return int(row[0])

    def fts_bm25(
        self, table: str, words: Sequence[str], limit: int, within: Sequence[str] = ()
    ) -> list[tuple[int, float]]:
        """Rows holding any of ``words`` by FTS5's BM25 (higher is better; a row's
        context weighs ``CONTEXT_WEIGHT``), optionally only those holding a word of
        ``within`` (filtered before scoring: ``+rowid`` keeps SQLite from handing the
        filter to FTS5 as one lookup per row)."""
        fts = _FTS_TABLES[table]
        sql = f"SELECT rowid, -bm25({fts}, 1.0, ?) AS score FROM {fts} WHERE {fts} MATCH ?"
        params: list[object] = [CONTEXT_WEIGHT, _any_of(words)]
        if within:
            sql += f" AND +rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)"
            params.append(_any_of(within))
        sql += self._visible_rows(fts, table)
        rows = self._db.execute(f"{sql} ORDER BY score DESC, rowid LIMIT ?", (*params, limit))
        return [(int(r[0]), float(r[1])) for r in rows]

    def windows_by_row_ids(self, row_ids: Sequence[int]) -> dict[int, StoredWindow]:
        found: dict[int, StoredWindow] = {}
        for chunk in _chunks(list(row_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                'SELECT row_id, document_id, first_ordinal, last_ordinal, start, "end" '
                f"FROM windows WHERE row_id IN ({marks})",
                chunk,
            ):
                found[int(row[0])] = StoredWindow(*row)
        return found

    def windows_of_passages(self, row_ids: Sequence[int]) -> dict[int, list[int]]:
        """For each passage row id, the windows that hold the passage."""
        located: list[tuple[int, str, int]] = []
        for chunk in _chunks(list(row_ids), 500):
            marks = ",".join("?" * len(chunk))
            located.extend(
                self._db.execute(
                    f"SELECT row_id, document_id, ordinal FROM passages WHERE row_id IN ({marks})",
                    chunk,
                )
            )
        layouts = self._layouts(document_id for _, document_id, _ in located)
        found: dict[int, list[int]] = {}
        for passage_row, document_id, ordinal in located:
            layout = layouts[document_id]
            # Windows starting at most MAX_WINDOW_PASSAGES passages before it.
            lo = bisect_left(layout.firsts, ordinal - MAX_WINDOW_PASSAGES)
            hi = bisect_right(layout.firsts, ordinal)
            holding = [
                window
                for window, last in zip(layout.windows[lo:hi], layout.lasts[lo:hi], strict=True)
                if last >= ordinal
            ]
            if holding:
                found[int(passage_row)] = holding
        return found

    def passages_of_windows(self, row_ids: Sequence[int]) -> dict[int, list[int]]:
        """For each window row id, the row ids of its passages in order."""
        spans: list[tuple[int, str, int, int]] = []
        for chunk in _chunks(list(row_ids), 500):
            marks = ",".join("?" * len(chunk))
            spans.extend(
                self._db.execute(
                    "SELECT row_id, document_id, first_ordinal, last_ordinal FROM windows "
                    f"WHERE row_id IN ({marks}) ORDER BY row_id",
                    chunk,
                )
            )
        layouts = self._layouts(document_id for _, document_id, _, _ in spans)
        found: dict[int, list[int]] = {}
        for window_row, document_id, first, last in spans:
            layout = layouts[document_id]
            inside = layout.passages[
                bisect_left(layout.ordinals, first) : bisect_right(layout.ordinals, last)
            ]
            if inside:
                found[int(window_row)] = inside.tolist()
        return found

    def _layouts(self, document_ids: Iterable[str]) -> dict[str, _Layout]:
        """The documents' layouts, read once per generation of the store (as this store
        sees it: a public-only store lays out public documents only)."""
        layouts = self._search_cache().layouts
        wanted = list(dict.fromkeys(document_ids))
        for document_id in wanted:
            if document_id in layouts:
                continue
            passages = array(
                "q",
                chain.from_iterable(
                    self._db.execute(
                        "SELECT ordinal, row_id FROM passages WHERE document_id = ? "
                        "ORDER BY ordinal",
                        (document_id,),
                    )
                ),
            )
            windows = array(
                "q",
                chain.from_iterable(
                    self._db.execute(
                        "SELECT first_ordinal, last_ordinal, row_id FROM windows "
                        "WHERE document_id = ? ORDER BY first_ordinal, row_id",
                        (document_id,),
                    )
                ),
            )
            layouts[document_id] = _Layout(
                ordinals=passages[0::2],
                passages=passages[1::2],
                firsts=windows[0::3],
                lasts=windows[1::3],
                windows=windows[2::3],
            )
        return {document_id: layouts[document_id] for document_id in wanted}

    def _search_cache(self) -> _SearchCache:
        """What search keeps of this store until its generation changes (as the calling
        thread's snapshot sees it: another generation's readers start a cache of their own)."""
        generation = self.generation
        cache = self._search_cache_kept
        if cache.generation != generation:
            cache = _SearchCache(generation)
            self._search_cache_kept = cache
        return cache

    def phrase_search(self, text: str, limit: int, min_words: int = 2) -> list[tuple[int, float]]:
        """Passages containing the query's words as one consecutive phrase; nothing when
        the text has fewer than ``min_words`` words (as a ranking signal, a one-word
        "phrase" would only repeat keyword search)."""
        words = _TOKEN.findall(text.lower())
        if len(words) < max(min_words, 1):
            return []
        rows = self._db.execute(
            "SELECT rowid, -bm25(passages_fts) AS score FROM passages_fts "
            f"WHERE passages_fts MATCH ?{self._visible_rows('passages_fts', 'passages')} "
            "ORDER BY score DESC LIMIT ?",
            ('search_text : "' + " ".join(words) + '"', limit),
        )
        return [(int(r[0]), float(r[1])) for r in rows]

    def _visible_rows(self, fts: str, table: str) -> str:
        """For a public-only store: a condition keeping full-text rows whose passage or
        window it may see, so a ranked list is filled with visible rows only."""
        if not self.public_only:
            return ""
        return f" AND EXISTS (SELECT 1 FROM {table} v WHERE v.row_id = {fts}.rowid)"

    # graph -----------------------------------------------------------------------------

    _NODE_COLUMNS = 'id, kind, label, document_id, start, "end", confidence, text, attributes'

    def _node(self, row: Sequence[object]) -> Node:
        (node_id, kind, label, document_id, start, end, confidence, text, attributes) = row
        return Node(
            id=str(node_id), kind=NodeKind(str(kind)), label=str(label),
            document_id=None if document_id is None else str(document_id),
            start=None if start is None else int(str(start)),
            end=None if end is None else int(str(end)),
            confidence=float(str(confidence)), text=str(text),
            attributes=Node.parse_attributes(str(attributes)),
        )  # fmt: skip

    def node(self, node_id: str) -> Node | None:
        row = self._db.execute(
            f"SELECT {self._NODE_COLUMNS} FROM nodes WHERE id = ?", (node_id,)
        ).fetchone()
        return None if row is None else self._node(row)

    def nodes(self, kind: NodeKind | None = None) -> list[Node]:
        if kind is None:
            rows = self._db.execute(f"SELECT {self._NODE_COLUMNS} FROM nodes ORDER BY id")
        else:
            rows = self._db.execute(
                f"SELECT {self._NODE_COLUMNS} FROM nodes WHERE kind = ? ORDER BY id", (kind,)
            )
        return [self._node(row) for row in rows]

    def edges(self) -> list[Edge]:
        rows = self._db.execute("SELECT source, kind, target, document_id, confidence FROM edges")
        return [Edge(str(s), EdgeKind(str(k)), str(t), d, float(c)) for s, k, t, d, c in rows]

    def query_nodes(self, wanted: NodeFilter) -> NodePage:
        """Nodes matching every constraint, most recent documents first, with facet counts."""
        where, params = self._node_conditions(wanted)
        joins = "FROM nodes n LEFT JOIN documents d ON d.id = n.document_id"
        base = f"{joins} WHERE {where}"
        total = int(self._db.execute(f"SELECT count(*) {base}", params).fetchone()[0])
        columns = ", ".join(f"n.{column}" for column in self._NODE_COLUMN_NAMES)
        rows = self._db.execute(
            f"SELECT {columns} {base} ORDER BY d.meeting_date IS NULL, d.meeting_date DESC, "
            "n.document_id, n.start, n.id LIMIT ? OFFSET ?",
            (*params, wanted.limit, wanted.offset),
        ).fetchall()
        documents: dict[str, StoredDocument | None] = {}
        records = []
        for row in rows:
            node = self._node(row)
            document = None
            if node.document_id is not None:
                if node.document_id not in documents:
                    documents[node.document_id] = self.document(node.document_id)
                document = documents[node.document_id]
            records.append(NodeRecord(node, document))
        status = "json_extract(n.attributes, '$.status')"
        themed = (
            f"{joins} JOIN edges e ON e.source = n.id AND e.kind = 'has_theme' "
            f"JOIN nodes t ON t.id = e.target WHERE {where}"
        )
        facets = {
            "kind": self._facet(f"SELECT n.kind, count(*) {base} GROUP BY 1", params),
            # Like the council filter: a shared node (an organisation, a theme) counts for
            # every council whose documents it is linked from.
            "council": self._facet(
                f"SELECT council, count(DISTINCT id) FROM ("
                f"SELECT n.id AS id, d.council AS council {base} AND d.council IS NOT NULL "
                f"UNION ALL SELECT n.id, ed.council {joins} "
                "JOIN edges e ON e.source = n.id OR e.target = n.id "
                f"JOIN documents ed ON ed.id = e.document_id WHERE {where} "
                "AND n.document_id IS NULL AND ed.council IS NOT NULL) GROUP BY 1",
                [*params, *params],
            ),
            "status": self._facet(
                f"SELECT {status}, count(*) {base} AND {status} IS NOT NULL GROUP BY 1", params
            ),
            "theme": self._facet(
                f"SELECT t.label, count(DISTINCT n.id) {themed} GROUP BY 1 "
                "ORDER BY 2 DESC LIMIT 30",
                params,
            ),
        }
        return NodePage(total, tuple(records), facets)

    _NODE_COLUMN_NAMES = (
        "id", "kind", "label", "document_id", "start", '"end"', "confidence", "text", "attributes",
    )  # fmt: skip

    def _facet(self, sql: str, params: Sequence[object]) -> dict[str, int]:
        return {str(value): int(count) for value, count in self._db.execute(sql, params)}

    @staticmethod
    def _node_conditions(wanted: NodeFilter) -> tuple[str, list[object]]:
        conditions = ["1 = 1"]
        params: list[object] = []
        if wanted.kind is not None:
            conditions.append("n.kind = ?")
            params.append(wanted.kind.value)
        if wanted.council:
            conditions.append(
                "(d.council LIKE ? OR (n.document_id IS NULL AND EXISTS ("
                "SELECT 1 FROM edges e JOIN documents ed ON ed.id = e.document_id "
                "WHERE (e.source = n.id OR e.target = n.id) AND ed.council LIKE ?)))"
            )
            params += [f"%{wanted.council}%"] * 2
        if wanted.theme_ids is not None:
            marks = ",".join("?" * len(wanted.theme_ids)) or "NULL"
            conditions.append(
                "EXISTS (SELECT 1 FROM edges e WHERE e.source = n.id AND e.kind = 'has_theme' "
                f"AND e.target IN ({marks}))"
            )
            params += list(wanted.theme_ids)
        if wanted.organisation_ids is not None:
            marks = ",".join("?" * len(wanted.organisation_ids)) or "NULL"
            conditions.append(
                "EXISTS (SELECT 1 FROM edges e WHERE "
                f"(e.source = n.id AND e.target IN ({marks})) OR "
                f"(e.target = n.id AND e.source IN ({marks})))"
            )
            params += list(wanted.organisation_ids) * 2
        if wanted.status:
            conditions.append("json_extract(n.attributes, '$.status') = ?")
            params.append(wanted.status)
        for word in (wanted.text or "").split():
            conditions.append("(n.label LIKE ? OR n.text LIKE ?)")
            params += [f"%{word}%"] * 2
        return " AND ".join(conditions), params

    def find_node_ids(self, kind: NodeKind, name: str) -> tuple[str, ...]:
        """Ids of nodes of a kind whose id, label or an alias is ``name`` (any case)."""
        rows = self._db.execute(
            "SELECT id FROM nodes WHERE kind = ? AND (id = ? OR lower(label) = lower(?) OR "
            "EXISTS (SELECT 1 FROM json_each(nodes.attributes, '$.aliases') a "
            "WHERE lower(a.value) = lower(?)))",
            (kind.value, name, name, name),
        )
        return tuple(str(r[0]) for r in rows)

    def passage_contexts(self, passage_ids: Sequence[str]) -> dict[str, PassageContext]:
        """Entities extracted from each passage, and the cases, bodies and themes it names
        (looked up only for passages the graph says something of, most say nothing; the
        most recently asked kept until the store changes: ``SEARCH_CACHED_CONTEXTS``)."""
        cache = self._search_cache().contexts
        told = self._told_passages()
        found, missing = _recall(cache, dict.fromkeys(p for p in passage_ids if p in told))
        entities: dict[str, list[Node]] = {}
        mentioned: dict[str, set[str]] = {}
        themes: dict[str, set[str]] = {}
        columns = ", ".join(f"n.{column}" for column in self._NODE_COLUMN_NAMES)
        for chunk in _chunks(missing, 500):
            marks = ",".join("?" * len(chunk))
            for row in self._db.execute(
                f"SELECT e.target, {columns} FROM edges e JOIN nodes n ON n.id = e.source "
                f"WHERE e.kind = 'extracted_from' AND e.target IN ({marks})",
                chunk,
            ):
                entities.setdefault(str(row[0]), []).append(self._node(row[1:]))
            for passage, node in self._db.execute(
                f"SELECT passage_id, node_id FROM mentions WHERE passage_id IN ({marks}) "
                "AND node_id NOT LIKE 'theme:%'",
                chunk,
            ):
                mentioned.setdefault(str(passage), set()).add(str(node))
            for passage, theme in self._db.execute(
                "SELECT source, target FROM edges "
                f"WHERE kind = 'has_theme' AND source IN ({marks})",
                chunk,
            ):
                themes.setdefault(str(passage), set()).add(str(theme))
        read = {
            pid: PassageContext(
                tuple(entities.get(pid, ())),
                frozenset(mentioned.get(pid, ())),
                frozenset(themes.get(pid, ())),
            )
            if pid in entities or pid in mentioned or pid in themes
            else _NO_CONTEXT
            for pid in missing
        }
        _remember(cache, read, SEARCH_CACHED_CONTEXTS)
        found.update(read)
        return {pid: found.get(pid, _NO_CONTEXT) for pid in passage_ids}

    def _told_passages(self) -> frozenset[str]:
        """Ids of the passages with an entity extracted from them, a mention of a node
        other than a theme, or a theme: those ``passage_contexts`` looks up."""
        cache = self._search_cache()
        told = cache.told
        if told is None:
            told = frozenset(
                str(r[0])
                for r in self._db.execute(
                    "SELECT target FROM edges WHERE kind = 'extracted_from' "
                    "UNION ALL SELECT passage_id FROM mentions "
                    "WHERE passage_id IS NOT NULL AND node_id NOT LIKE 'theme:%' "
                    "UNION ALL SELECT source FROM edges WHERE kind = 'has_theme'"
                )
            )
            cache.told = told
        return told

    def passages_mentioning(self, node_ids: Sequence[str], limit: int) -> list[int]:
        """Row ids of passages naming any of the nodes, in document order."""
        if not node_ids:
            return []
        marks = ",".join("?" * len(node_ids))
        rows = self._db.execute(
            f"SELECT DISTINCT p.row_id FROM mentions m JOIN passages p ON p.id = m.passage_id "
            f"WHERE m.node_id IN ({marks}) ORDER BY p.row_id LIMIT ?",
            (*node_ids, limit),
        )
        return [int(r[0]) for r in rows]

    def named_nodes(self) -> list[Node]:
        """Organisations and cases, whose names and aliases queries may use."""
        rows = self._db.execute(
            f"SELECT {self._NODE_COLUMNS} FROM nodes WHERE kind IN ('organisation', 'case')"
        )
        return [self._node(row) for row in rows]

    def mentions_of(self, node_id: str) -> list[MentionRow]:
        rows = self._db.execute(
            'SELECT node_id, document_id, passage_id, start, "end", surface, repaired_from '
            "FROM mentions WHERE node_id = ? ORDER BY document_id, start",
            (node_id,),
        )
        return [MentionRow(*row) for row in rows]

    def status_links(self, entity_id: str) -> list[StatusLink]:
        """Later documents' passages reporting on an entity (``scrutiny.graph.history``)."""
        return links_table.links_to(self._db, entity_id)

    def source_passage(self, node_id: str) -> str | None:
        """The first passage, in document order, an entity was extracted from."""
        sources = [
            edge.target
            for edge in self.edges_touching(node_id)
            if edge.kind is EdgeKind.EXTRACTED_FROM and edge.source == node_id
        ]
        return min(sources, key=passage_order) if sources else None

    def edges_touching(self, node_id: str) -> list[Edge]:
        rows = self._db.execute(
            "SELECT source, kind, target, document_id, confidence FROM edges "
            "WHERE source = ? OR target = ?",
            (node_id, node_id),
        )
        return [Edge(str(s), EdgeKind(str(k)), str(t), d, float(c)) for s, k, t, d, c in rows]


def merge_attributes(
    old: dict[str, AttributeValue], new: dict[str, AttributeValue]
) -> dict[str, AttributeValue]:
    """Attributes of a node named by several documents: lists are united, and a value
    one document states is not erased by another that is silent."""
    merged = dict(old)
    for name, value in new.items():
        previous = merged.get(name)
        if isinstance(value, list | tuple) and isinstance(previous, list | tuple):
            merged[name] = list(dict.fromkeys([*previous, *value]))
        elif value is not None or name not in merged:
            merged[name] = value
    return merged


def passage_id(document_id: str, ordinal: int) -> str:
    return f"{document_id}-p{ordinal}"


def passage_order(passage: str) -> tuple[int, str]:
    """Sort key of passage ids in document order (``passage_id``'s ordinal)."""
    ordinal = passage.rsplit("-p", 1)[-1]
    return (int(ordinal) if ordinal.isdigit() else 10**9, passage)


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _attributes_json(attributes: dict[str, AttributeValue]) -> str:
    """Attributes as stored (the encoding of ``Node.attributes_json``)."""
    return json.dumps(attributes, sort_keys=True, default=list)
