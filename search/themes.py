"""Themes by meaning: passages close to a theme concept's description get that theme."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from scrutiny.search.embedder import Embedder, Vectors


@dataclass(frozen=True)
class ConceptText:
    key: str  # the theme node id, e.g. theme:care-leavers
    text: str  # labels and definition, embedded once


@dataclass(frozen=True)
class ThemeMatch:
    row: int  # index into the vectors matched
    key: str
    similarity: float


class ThemeMatcher:
    """Nearest theme concept for each passage vector, kept when similar enough."""

    def __init__(self, embedder: Embedder, concepts: Sequence[ConceptText]) -> None:
        self.embedder = embedder
        self.concepts = tuple(concepts)

    @cached_property
    def _concept_vectors(self) -> Vectors:
        return self.embedder.embed([concept.text for concept in self.concepts])

    def match(self, vectors: Vectors, floor: float) -> list[ThemeMatch]:
        if not self.concepts or len(vectors) == 0:
            return []
        similarities = np.asarray(vectors @ self._concept_vectors.T)
        best = similarities.argmax(axis=1)
        return [
            ThemeMatch(row, self.concepts[int(column)].key, float(similarities[row, column]))
            for row, column in enumerate(best)
            if similarities[row, column] >= floor
        ]
