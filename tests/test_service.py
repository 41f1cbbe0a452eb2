from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrutiny.errors import IndexMismatchError, InvalidQueryError, NotFoundError
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.search.vector_index import MANIFEST_FILE
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings


def table_counts(settings: Settings) -> dict[str, int]:
    with sqlite3.connect(settings.database_path) as db:
        return {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("documents", "passages", "nodes", "edges", "passages_fts")
        }


def test_samples_ingest_with_metadata(sample_kb: KnowledgeBase) -> None:
    documents = {d.title: d for d in sample_kb.documents()}
    hackney = next(d for t, d in documents.items() if t.startswith("Children and Young People"))
    assert hackney.council == "London Borough of Hackney"
    assert hackney.date == "2024-09-11"
    child_c = next(d for t, d in documents.items() if "Child C" in t)
    assert child_c.date == "2020-09-09"
    assert child_c.council == "London Borough of Waltham Forest"


def test_search_results_cite_their_exact_span(sample_kb: KnowledgeBase) -> None:
    response = sample_kb.search("care leavers priority band housing register", limit=10)
    assert response.results
    for hit in response.results:
        text = sample_kb.document(hit.document.id).canonical_text
        assert hit.text == text[hit.start : hit.end]
        assert hit.kind == "passage"
    assert [h.rank for h in response.results] == list(range(1, len(response.results) + 1))
    scores = [h.score for h in response.results]
    assert scores == sorted(scores, reverse=True)


def test_exact_wording_finds_the_whole_table_row(sample_kb: KnowledgeBase) -> None:
    top = sample_kb.search("entitled to support until the age of 25", limit=5).results[0]
    assert "Recommendation 7" in top.text
    assert "criteria for access to a leaving care coach" in top.text


def test_reingesting_unchanged_files_changes_nothing(
    fresh_sample_kb: KnowledgeBase, samples: Path, settings: Settings
) -> None:
    before = table_counts(settings)
    generation = fresh_sample_kb.store.generation
    report = fresh_sample_kb.ingest([samples])
    assert len(report.unchanged) == 5 and not report.added and not report.updated
    assert table_counts(settings) == before
    assert fresh_sample_kb.store.generation == generation


def test_a_changed_file_replaces_its_old_version(
    fresh_sample_kb: KnowledgeBase, samples: Path, settings: Settings
) -> None:
    path = samples / "004_fae1e0df7bdcf8f7.txt"
    old_count = table_counts(settings)["passages"]
    path.write_text("Position statement\n\nThe plan for elective home education is new.\n", "utf-8")
    report = fresh_sample_kb.ingest([path])
    assert len(report.updated) == 1
    assert len(fresh_sample_kb.documents()) == 5
    hits = fresh_sample_kb.search("elective home education plan new", limit=3).results
    # "Position statement" is the document's title line: a field, not a ranking unit.
    assert hits[0].text == "The plan for elective home education is new."
    assert hits[0].document.title == "Position statement"
    assert table_counts(settings)["passages"] < old_count
    assert fresh_sample_kb.index.count == table_counts(settings)["passages"]


def test_bad_files_are_reported_and_the_rest_still_ingest(
    kb: KnowledgeBase, tmp_path: Path, settings: Settings
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text("Cabinet agreed to extend the mentoring scheme.\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (folder / "latin.txt").write_bytes(b"caf\x81")  # neither UTF-8 nor Windows-1252
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    report = kb.ingest([folder, folder / "missing.txt"])
    assert len(report.added) == 1
    problems = {Path(f.path).name: f.message for f in report.failed}
    assert set(problems) == {"empty.txt", "binary.txt", "latin.txt", "broken.pdf", "missing.txt"}
    assert "empty" in problems["empty.txt"]
    assert "binary" in problems["binary.txt"]
    assert "UTF-8" in problems["latin.txt"]
    assert "corrupt" in problems["broken.pdf"]
    assert "no such file" in problems["missing.txt"]
    assert table_counts(settings)["documents"] == 1


def test_a_file_that_turns_bad_keeps_its_stored_version(
    fresh_sample_kb: KnowledgeBase, samples: Path, settings: Settings
) -> None:
    before = table_counts(settings)
    path = samples / "001_e6f87c9fb8f3a54e.txt"
    path.write_bytes(b"\xff\xfe\x00broken")
    report = fresh_sample_kb.ingest([path])
    assert len(report.failed) == 1
    assert table_counts(settings) == before
    assert fresh_sample_kb.search("Action By", limit=1).results


def test_deleting_a_document_removes_its_passages_and_vectors(
    sample_kb: KnowledgeBase, settings: Settings
) -> None:
    document = sample_kb.documents()[0]
    sample_kb.delete(document.id)
    assert document.id not in {d.id for d in sample_kb.documents()}
    assert sample_kb.index.count == table_counts(settings)["passages"]
    with pytest.raises(NotFoundError):
        sample_kb.document(document.id)


def test_index_built_with_another_model_is_refused(
    sample_kb: KnowledgeBase, settings: Settings
) -> None:
    sample_kb.close()
    with pytest.raises(IndexMismatchError, match="scrutiny reindex"):
        KnowledgeBase(settings, embedder=HashingEmbedder(dimension=32))


def test_manifest_records_model_dimension_and_count(
    sample_kb: KnowledgeBase, settings: Settings
) -> None:
    manifest = json.loads((settings.store / MANIFEST_FILE).read_text())
    assert manifest["model"] == "hashing-512"
    assert manifest["dimension"] == 512
    assert manifest["count"] == table_counts(settings)["passages"]


def test_a_stale_vector_index_is_rebuilt_from_the_store(
    sample_kb: KnowledgeBase, settings: Settings
) -> None:
    passages = table_counts(settings)["passages"]
    sample_kb.close()
    manifest_path = settings.store / MANIFEST_FILE
    manifest = json.loads(manifest_path.read_text())
    manifest["generation"] -= 1  # as if the process died before saving the index
    manifest_path.write_text(json.dumps(manifest))
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as reopened:
        assert reopened.index.count == passages
        assert reopened.search("Child C findings", limit=3).results


def test_reindex_switches_the_embedding_model(sample_kb: KnowledgeBase, settings: Settings) -> None:
    sample_kb.close()
    other = HashingEmbedder(dimension=32)
    with KnowledgeBase(settings, embedder=other, reindexing=True) as kb:
        assert kb.reindex() == table_counts(settings)["passages"]
    with KnowledgeBase(settings, embedder=other) as kb:
        assert kb.index.dimension == 32
        assert kb.search("housing register", limit=1).results


@pytest.mark.parametrize("query", ["", "   "])
def test_empty_queries_are_refused(kb: KnowledgeBase, query: str) -> None:
    with pytest.raises(InvalidQueryError):
        kb.search(query)


@pytest.mark.parametrize("limit", [0, -1, 101])
def test_out_of_range_limits_are_refused(kb: KnowledgeBase, limit: int) -> None:
    with pytest.raises(InvalidQueryError, match="limit"):
        kb.search("housing", limit=limit)


def test_queries_with_search_syntax_are_taken_as_words(sample_kb: KnowledgeBase) -> None:
    for query in ['"unbalanced', "NEAR(a b)", "a* OR -b", "child:q", "^housing"]:
        sample_kb.search(query, limit=3)


words = st.sampled_from(
    [
        "care",
        "leavers",
        "housing",
        "register",
        "council",
        "tax",
        "exemption",
        "review",
        "finding",
        "police",
        "school",
    ]
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(words, min_size=3, max_size=40).map(" ".join), min_size=1, max_size=4))
def test_reingest_is_idempotent_for_any_documents(tmp_path: Path, texts: list[str]) -> None:
    folder = tmp_path / f"docs-{abs(hash(tuple(texts)))}"
    folder.mkdir()
    for number, text in enumerate(texts):
        (folder / f"doc{number}.txt").write_text(f"Heading {number}\n\n{text}.\n", "utf-8")
    settings = Settings(store=folder / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([folder])
        first = table_counts(settings)
        report = kb.ingest([folder])
        assert len(report.unchanged) == len(texts)
        assert table_counts(settings) == first
        assert kb.index.count == first["passages"]
        for document in kb.documents():
            view = kb.document(document.id)
            for passage in view.passages:
                assert view.canonical_text[passage.start : passage.end].strip()


def passages_with_a_theme(settings: Settings) -> int:
    with sqlite3.connect(settings.database_path) as db:
        row = db.execute(
            "SELECT count(DISTINCT source) FROM edges WHERE kind = 'has_theme' "
            "AND source IN (SELECT id FROM passages)"
        ).fetchone()
    return int(row[0])


@pytest.mark.parametrize("floor", [0.0, 1.01])
def test_passages_get_themes_by_meaning_above_the_floor(
    tmp_path: Path, samples: Path, floor: float
) -> None:
    settings = Settings(store=tmp_path / "store", embedder="hashing", theme_similarity=floor)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        kb.ingest([samples / "002_30d3b176eebd27ec.txt"])
        passages = kb.store.passage_count()
    themed = passages_with_a_theme(settings)
    if floor == 0.0:
        assert themed == passages, "every passage has a nearest theme"
    else:
        assert 0 < themed < passages, "only passages naming a theme's label"
