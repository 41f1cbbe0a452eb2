"""Themes by meaning: nearest concept above a floor; concept vectors cached per machine."""

from __future__ import annotations

from pathlib import Path

from scrutiny.search.embedder import HashingEmbedder, Vectors
from scrutiny.search.themes import ConceptText, ThemeMatcher

CONCEPTS = [
    ConceptText("theme:housing", "housing accommodation tenancy homelessness"),
    ConceptText("theme:education", "school education exclusion attendance"),
]


class CountingEmbedder(HashingEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.calls = 0

    def embed(self, texts: list[str]) -> Vectors:
        self.calls += 1
        return super().embed(texts)


def test_each_passage_gets_its_nearest_concept_above_the_floor(tmp_path: Path) -> None:
    embedder = HashingEmbedder()
    matcher = ThemeMatcher(embedder, CONCEPTS, cache_dir=tmp_path)
    passages = embedder.embed(
        ["homelessness and tenancy support", "school exclusion and attendance", "parking fines"]
    )
    matches = matcher.match(passages, floor=0.3)
    assert [(m.row, m.key) for m in matches] == [(0, "theme:housing"), (1, "theme:education")]
    assert all(0.3 <= m.similarity <= 1.0 for m in matches)


def test_concept_vectors_are_embedded_once_and_reused_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "themes"
    first = CountingEmbedder()
    vectors = first.embed(["housing"])
    ThemeMatcher(first, CONCEPTS, cache_dir=cache).match(vectors, 0.1)
    assert first.calls == 2  # the passage above, then the concepts
    assert len(list(cache.glob("themes-*.npy"))) == 1
    assert not list(cache.glob("*.tmp.npy"))

    second = CountingEmbedder()
    again = ThemeMatcher(second, CONCEPTS, cache_dir=cache).match(vectors, 0.1)
    assert second.calls == 0
    # one shared word of the concept's four: cosine 1/sqrt(4)
    assert [(m.key, round(m.similarity, 6)) for m in again] == [("theme:housing", 0.5)]


def test_changed_concept_texts_are_embedded_again(tmp_path: Path) -> None:
    embedder = CountingEmbedder()
    vector = embedder.embed(["school"])
    ThemeMatcher(embedder, CONCEPTS, cache_dir=tmp_path).match(vector, 0.1)
    changed = [CONCEPTS[0], ConceptText("theme:education", "schools and colleges")]
    ThemeMatcher(embedder, changed, cache_dir=tmp_path).match(vector, 0.1)
    assert embedder.calls == 3
    assert len(list(tmp_path.glob("themes-*.npy"))) == 2
