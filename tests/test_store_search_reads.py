"""The store's reads for search (which windows hold a passage, which passages a window
holds, what the graph says of a passage) answer as reading the tables afresh does,
after writes too, and for a public-only store only over public documents."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from scrutiny.graph import store as store_module
from scrutiny.graph.model import Edge, GraphBatch, MentionRow, Node
from scrutiny.graph.schema import EdgeKind, NodeKind
from scrutiny.graph.store import RESTRICTED, Store, passage_id
from scrutiny.ingest.records import (
    DocumentMetadata,
    ParsedDocument,
    Passage,
    PassageKind,
    SourceFormat,
    Span,
)
from scrutiny.ingest.windows import MAX_PASSAGES

WORDS = [f"word{i}" for i in range(200)]


def add_document(
    store: Store, name: str, texts: list[str], graph: GraphBatch | None = None
) -> None:
    canonical = "\n\n".join(texts)
    passages, start = [], 0
    for ordinal, text in enumerate(texts):
        passages.append(
            Passage(ordinal, PassageKind.PARAGRAPH, Span(start, start + len(text)), text)
        )
        start += len(text) + 2
    parsed = ParsedDocument(
        source_path=f"/docs/{name}.txt",
        sha256=hashlib.sha256(canonical.encode()).hexdigest(),
        format=SourceFormat.TEXT,
        canonical_text=canonical,
        metadata=DocumentMetadata(title=f"Minutes {name}"),
        passages=tuple(passages),
    )
    vectors = np.zeros((len(texts), 4), np.float32)
    store.replace_document(name, parsed, vectors, graph or GraphBatch())


def texts(rng: random.Random, count: int) -> list[str]:
    """Passages of 1 to 120 words, so windows hold from one passage to many."""
    return [" ".join(rng.choices(WORDS, k=rng.randint(1, 120))) for _ in range(count)]


def joined_windows_of_passages(store: Store) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for passage_row, window_row in store._db.execute(
        "SELECT p.row_id, w.row_id FROM passages p JOIN windows w "
        "ON w.document_id = p.document_id AND w.first_ordinal <= p.ordinal "
        "AND w.first_ordinal >= p.ordinal - ? AND w.last_ordinal >= p.ordinal",
        (MAX_PASSAGES,),
    ):
        found.setdefault(int(passage_row), set()).add(int(window_row))
    return found


def joined_passages_of_windows(store: Store) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    for window_row, passage_row in store._db.execute(
        "SELECT w.row_id, p.row_id FROM windows w JOIN passages p "
        "ON p.document_id = w.document_id AND p.ordinal BETWEEN w.first_ordinal "
        "AND w.last_ordinal ORDER BY w.row_id, p.ordinal"
    ):
        found.setdefault(int(window_row), []).append(int(passage_row))
    return found


def assert_as_joined(store: Store) -> None:
    passage_rows = [int(r[0]) for r in store._db.execute("SELECT row_id FROM passages")]
    window_rows = [int(r[0]) for r in store._db.execute("SELECT row_id FROM windows")]
    assert window_rows, "the fixture makes windows"
    holding = store.windows_of_passages([*passage_rows, 10**9])
    assert {row: set(windows) for row, windows in holding.items()} == (
        joined_windows_of_passages(store)
    )
    assert store.passages_of_windows([*window_rows, 10**9]) == joined_passages_of_windows(store)
    # Any subset, in any order, gives the same answers for its rows.
    some = random.Random(3).sample(passage_rows, len(passage_rows) // 3)
    assert store.windows_of_passages(some) == {r: holding[r] for r in some if r in holding}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    rng = random.Random(11)
    with Store(tmp_path / "kb.sqlite3") as opened:
        for number, count in enumerate([1, 7, 40, 90]):
            add_document(opened, f"d{number}", texts(rng, count))
        yield opened


def test_windows_and_passages_are_looked_up_as_the_tables_join(store: Store) -> None:
    assert_as_joined(store)
    assert_as_joined(store)  # read again, from what the first reads kept


def test_a_replaced_document_is_looked_up_anew(store: Store) -> None:
    assert_as_joined(store)
    add_document(store, "d2", texts(random.Random(5), 55))
    add_document(store, "d9", texts(random.Random(6), 12))
    assert_as_joined(store)
    store.delete_document("d3")
    assert_as_joined(store)


def test_a_public_store_lays_out_public_documents_only(tmp_path: Path) -> None:
    path = tmp_path / "kb.sqlite3"
    rng = random.Random(13)
    with Store(path) as whole:
        for number in range(3):
            add_document(whole, f"d{number}", texts(rng, 30))
        whole.set_visibility("d1", RESTRICTED)
        with Store(path, public_only=True) as public:
            restricted = {
                int(r[0])
                for r in whole._db.execute("SELECT row_id FROM passages WHERE document_id = 'd1'")
            }
            assert_as_joined(public)
            assert not set(public.windows_of_passages(sorted(restricted)))
            whole.set_visibility("d1", "public")
            assert_as_joined(public)
            assert public.windows_of_passages(sorted(restricted))


def told(document: str, extracted: int, mentioning: int, themed: int) -> GraphBatch:
    """A commitment extracted from one passage, an organisation named in another and a
    theme of a third."""
    commitment = f"{document}-commitment"
    return GraphBatch(
        nodes=(
            Node(commitment, NodeKind.COMMITMENT, "Publish a protocol", document),
            Node("organisation:police", NodeKind.ORGANISATION, "Police"),
            Node("theme:housing", NodeKind.THEME, "Housing"),
        ),
        edges=(
            Edge(commitment, EdgeKind.EXTRACTED_FROM, passage_id(document, extracted), document),
            Edge(passage_id(document, themed), EdgeKind.HAS_THEME, "theme:housing", document),
        ),
        mentions=(
            MentionRow("organisation:police", document, passage_id(document, mentioning), 0, 6,
                       "Police"),
        ),
    )  # fmt: skip


def test_what_the_graph_says_of_passages_follows_writes(tmp_path: Path) -> None:
    rng = random.Random(17)
    with Store(tmp_path / "kb.sqlite3") as store:
        add_document(store, "d0", texts(rng, 10), told("d0", 1, 2, 3))
        ids = [passage_id("d0", ordinal) for ordinal in range(10)]
        contexts = store.passage_contexts(ids)
        assert [e.id for e in contexts[ids[1]].entities] == ["d0-commitment"]
        assert contexts[ids[2]].mentioned == {"organisation:police"}
        assert contexts[ids[3]].themes == {"theme:housing"}
        assert all(not contexts[i].entities and not contexts[i].mentioned for i in ids[4:])
        add_document(store, "d0", texts(rng, 10), told("d0", 7, 8, 9))
        contexts = store.passage_contexts(ids)
        assert [e.id for e in contexts[ids[7]].entities] == ["d0-commitment"]
        assert contexts[ids[8]].mentioned == {"organisation:police"}
        assert contexts[ids[9]].themes == {"theme:housing"}
        assert not contexts[ids[1]].entities and not contexts[ids[3]].themes


def test_passages_read_again_are_those_stored_now(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "SEARCH_CACHED_PASSAGES", 5)
    before = sorted(int(r[0]) for r in store._db.execute("SELECT row_id FROM passages"))
    first = store.passages_by_row_ids(before)
    assert sorted(first) == before
    assert store.passages_by_row_ids(before[:3]) == {r: first[r] for r in before[:3]}
    add_document(store, "d1", ["a new first passage", "a new second one"])
    now = store.passages_by_row_ids(before)
    # The replaced document's passages have new row ids; the old ones are gone.
    gone = {row for row, passage in first.items() if passage.document_id == "d1"}
    assert set(now) == set(before) - gone
    assert all(now[row] == first[row] for row in now)
    added = [int(r[0]) for r in store._db.execute("SELECT row_id FROM passages")]
    texts_now = {p.search_text for p in store.passages_by_row_ids(added).values()}
    assert {"a new first passage", "a new second one"} <= texts_now
