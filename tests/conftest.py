"""Shared fixtures: real SQLite stores in temporary directories, the deterministic
hashing embedder, and the sample corpus shipped in data/samples."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(store=tmp_path / "store", embedder="hashing")


@pytest.fixture
def kb(settings: Settings) -> Iterator[KnowledgeBase]:
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as knowledge_base:
        yield knowledge_base


@pytest.fixture
def samples(tmp_path: Path) -> Path:
    """A private copy of the sample corpus, safe to modify."""
    target = tmp_path / "samples"
    shutil.copytree(SAMPLES, target)
    return target


@pytest.fixture
def sample_kb(kb: KnowledgeBase, samples: Path) -> KnowledgeBase:
    report = kb.ingest([samples])
    assert report.ok and len(report.added) == 5
    return kb
