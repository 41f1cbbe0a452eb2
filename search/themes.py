"""Themes by meaning: passages close to a theme concept's description get that theme."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

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
    """Nearest theme concept for each passage vector, kept when similar enough.

    The concepts' vectors are cached in ``cache_dir`` under a name that changes with
    the model and the concept texts, so they are embedded once per machine.
    """

    def __init__(
        self, embedder: Embedder, concepts: Sequence[ConceptText], cache_dir: Path | None = None
    ) -> None:
        self.embedder = embedder
        self.concepts = tuple(concepts)
        self.cache_dir = cache_dir

    @cached_property
    def _concept_vectors(self) -> Vectors:
        texts = [concept.text for concept in self.concepts]
        if self.cache_dir is None:
            return self.embedder.embed(texts)
        digest = hashlib.sha1("\n".join([self.embedder.model_name, *texts]).encode()).hexdigest()
        path = self.cache_dir / f"themes-{digest[:16]}.npy"
        if path.exists():
            cached: Vectors = np.load(path)
            return cached
        vectors = self.embedder.embed(texts)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".{os.getpid()}.tmp.npy")
        np.save(temporary, vectors)
        temporary.replace(path)
        return vectors

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
