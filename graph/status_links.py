"""The store's table of status links (``scrutiny.graph.history``): reading documents
and entities for the linker, and writing what it finds.

Links are derived data: whenever a document is stored, the links it gives (as the later
document) and those it may receive (as the earlier one) are rebuilt inside the same
transaction, so a re-ingest replaces them and nothing is ever half-written. A store
whose links were made by another version of the linker rebuilds them all on opening.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from scrutiny.graph.history import (
    COUNCIL_WORDS,
    DEFAULT_THRESHOLD,
    LINKED_KINDS,
    LINKER_VERSION,
    LinkBasis,
    LinkDocument,
    LinkPassage,
    StatusLink,
    TrackedEntity,
    in_scope,
    link_documents,
    title_words,
)
from scrutiny.graph.model import Node
from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import ResponseStatus

SCHEMA = """
-- Status over time (scrutiny.graph.history): a later document's passage reporting on an
-- earlier recommendation or commitment; the evidence is canonical_text[start:end] of the
-- later document.
CREATE TABLE IF NOT EXISTS status_links (
    entity_id TEXT NOT NULL,
    entity_document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    passage_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    confidence REAL NOT NULL,
    status TEXT,
    progress TEXT,
    date TEXT,
    basis TEXT NOT NULL,
    PRIMARY KEY (entity_id, document_id)
);
CREATE INDEX IF NOT EXISTS status_links_document ON status_links(document_id);
CREATE INDEX IF NOT EXISTS status_links_entity_document ON status_links(entity_document_id);
"""

#: The public sees a link when both its documents are public.
PUBLIC_VIEW = """
CREATE TEMP VIEW IF NOT EXISTS status_links AS
    SELECT * FROM main.status_links WHERE
        document_id IN (SELECT id FROM main.documents WHERE visibility = 'public') AND
        entity_document_id IN (SELECT id FROM main.documents WHERE visibility = 'public');
"""

_META_KEY = "status_linker"
_COLUMNS = (
    'entity_id, entity_document_id, document_id, passage_id, start, "end", confidence, '
    "status, progress, date, basis"
)


def _document(db: sqlite3.Connection, document_id: str, with_text: bool) -> LinkDocument | None:
    row = db.execute(
        f"SELECT title, council, meeting_date{', canonical_text' if with_text else ''} "
        "FROM documents WHERE id = ?",
        (document_id,),
    ).fetchone()
    if row is None:
        return None
    passages: tuple[LinkPassage, ...] = ()
    if with_text:
        passages = tuple(
            LinkPassage(str(pid), int(start), int(end))
            for pid, start, end in db.execute(
                'SELECT id, start, "end" FROM passages WHERE document_id = ? ORDER BY ordinal',
                (document_id,),
            )
        )
    return LinkDocument(
        id=document_id,
        title=str(row[0]),
        council=None if row[1] is None else str(row[1]),
        date=None if row[2] is None else str(row[2]),
        text=str(row[3]) if with_text else "",
        passages=passages,
    )


def _tracked(db: sqlite3.Connection) -> dict[str, list[TrackedEntity]]:
    """Recommendations and commitments by document (decisions, which record what a
    meeting resolved rather than a promise, are left out)."""
    kinds = [kind.value for kind in LINKED_KINDS]
    found: dict[str, list[TrackedEntity]] = {}
    for node_id, kind, document_id, label, text, attributes in db.execute(
        "SELECT id, kind, document_id, label, text, attributes FROM nodes "
        f"WHERE document_id IS NOT NULL AND kind IN ({','.join('?' * len(kinds))})",
        kinds,
    ):
        values = Node.parse_attributes(attributes)
        if str(values.get("category") or "").lower() == "decision":
            continue
        number = values.get("number")
        found.setdefault(str(document_id), []).append(
            TrackedEntity(
                id=str(node_id),
                kind=NodeKind(str(kind)),
                document_id=str(document_id),
                number=str(number) if isinstance(number, str | int) else "",
                text=str(text or label),
            )
        )
    return found


def links_from(
    db: sqlite3.Connection, later_id: str, threshold: float = DEFAULT_THRESHOLD
) -> list[StatusLink]:
    """The links a stored document gives at ``threshold``, computed (not stored)."""
    return _links_from(db, later_id, _tracked(db), threshold)


def _links_from(
    db: sqlite3.Connection,
    later_id: str,
    tracked: dict[str, list[TrackedEntity]],
    threshold: float = DEFAULT_THRESHOLD,
) -> list[StatusLink]:
    later = _document(db, later_id, with_text=True)
    if later is None or later.date is None:
        return []
    earlier = [
        LinkDocument(str(i), str(title), council, date, "", ())
        for i, title, council, date in db.execute(
            "SELECT id, title, council, meeting_date FROM documents WHERE id != ? AND "
            "(meeting_date IS NULL OR meeting_date <= ?)",
            (later_id, later.date),
        )
        if i in tracked
    ]
    entities = [e for d in earlier for e in tracked[d.id]]
    return link_documents([later, *earlier], entities, [later_id], threshold)


def _write(db: sqlite3.Connection, links: Iterable[StatusLink], owners: dict[str, str]) -> None:
    db.executemany(
        f"INSERT OR REPLACE INTO status_links({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (link.entity_id, owners[link.entity_id], link.document_id, link.passage_id,
             link.start, link.end, link.confidence,
             None if link.status is None else link.status.value, link.progress, link.date,
             link.basis.value)
            for link in links
        ],
    )  # fmt: skip


def _may_report_on(db: sqlite3.Connection, earlier: LinkDocument) -> list[str]:
    """Dated documents that may be in scope of ``earlier``: those of its council, and
    those of unknown council whose text holds the council's name (a known council) or a
    word of its title (an unknown one); ``in_scope`` decides."""
    council = sorted(title_words(earlier.council or "") - COUNCIL_WORDS, key=len)
    words = sorted(title_words(earlier.title, earlier.council), key=len)
    probe = (council or words or [""])[-1]  # a long word says most
    if earlier.council:
        rows = db.execute(
            "SELECT id FROM documents WHERE meeting_date IS NOT NULL AND id != ? AND "
            "(lower(council) = lower(?) OR (council IS NULL AND ? != '' AND "
            "instr(lower(canonical_text), ?) > 0))",
            (earlier.id, earlier.council, probe, probe),
        )
    elif probe:
        rows = db.execute(
            "SELECT id FROM documents WHERE meeting_date IS NOT NULL AND id != ? AND "
            "instr(lower(canonical_text), ?) > 0",
            (earlier.id, probe),
        )
    else:
        return []
    return [str(row[0]) for row in rows.fetchall()]


def relink(db: sqlite3.Connection, document_id: str) -> None:
    """Rebuild the links a stored document gives and those it may receive (inside the
    caller's transaction)."""
    tracked = _tracked(db)
    owners = {e.id: e.document_id for entities in tracked.values() for e in entities}
    later_ids = {document_id}
    stored = _document(db, document_id, with_text=False)
    if stored is not None and document_id in tracked:
        for other_id in _may_report_on(db, stored):
            other = _document(db, other_id, with_text=False)
            if other is not None and not (stored.council and other.council):
                other = _document(db, other_id, with_text=True)  # named in its text?
            if other is not None and in_scope(stored, other):
                later_ids.add(other.id)
    for later_id in later_ids:
        db.execute("DELETE FROM status_links WHERE document_id = ?", (later_id,))
        _write(db, _links_from(db, later_id, tracked), owners)


def rebuild_all(db: sqlite3.Connection) -> None:
    """Every link again (inside the caller's transaction), and the linker version."""
    db.execute("DELETE FROM status_links")
    tracked = _tracked(db)
    owners = {e.id: e.document_id for entities in tracked.values() for e in entities}
    for (later_id,) in db.execute(
        "SELECT id FROM documents WHERE meeting_date IS NOT NULL"
    ).fetchall():
        _write(db, _links_from(db, str(later_id), tracked), owners)
    _set_version(db)


def _set_version(db: sqlite3.Connection) -> None:
    db.execute(
        "INSERT INTO meta(key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (_META_KEY, LINKER_VERSION),
    )


def is_current(db: sqlite3.Connection) -> bool:
    """Whether the stored links were made by this version of the linker (a store with
    no documents yet is marked current)."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", (_META_KEY,)).fetchone()
    if row is not None and str(row[0]) == LINKER_VERSION:
        return True
    if db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None:
        with db:
            _set_version(db)
        return True
    return False


def links_to(db: sqlite3.Connection, entity_id: str) -> list[StatusLink]:
    """The stored links to an entity, as the connection sees them (public view or all)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM status_links WHERE entity_id = ? ORDER BY date, document_id",
        (entity_id,),
    )
    return [
        StatusLink(
            entity_id=str(row[0]),
            document_id=str(row[2]),
            passage_id=str(row[3]),
            start=int(row[4]),
            end=int(row[5]),
            confidence=float(row[6]),
            status=None if row[7] is None else ResponseStatus(str(row[7])),
            progress=None if row[8] is None else str(row[8]),
            date=None if row[9] is None else str(row[9]),
            basis=LinkBasis(str(row[10])),
        )
        for row in rows
    ]
