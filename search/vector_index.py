"""The faiss vector index kept beside the SQLite store, with a manifest checked on open."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

import faiss
import numpy as np
import numpy.typing as npt

from scrutiny.errors import IndexMismatchError, StoreError

INDEX_FILE = "vectors.faiss"
MANIFEST_FILE = "vectors.json"


@dataclass(frozen=True)
class Manifest:
    model: str
    dimension: int
    count: int
    generation: int  # the store generation this index reflects
    index_type: str = "flat"


class VectorIndex:
    """Exact inner-product search over passage vectors, keyed by passage row id."""

    def __init__(self, model: str, dimension: int) -> None:
        self.model = model
        self.dimension = dimension
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))

    @property
    def count(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: npt.NDArray[np.int64], vectors: npt.NDArray[np.float32]) -> None:
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape[1] != self.dimension:
            raise IndexMismatchError(
                f"vectors have dimension {vectors.shape[1]}, the index {self.dimension}"
            )
        self._index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))

    def remove(self, ids: list[int]) -> None:
        if ids:
            self._index.remove_ids(np.array(ids, dtype=np.int64))  # type: ignore[arg-type]

    def search(self, vector: npt.NDArray[np.float32], limit: int) -> list[tuple[int, float]]:
        if self.count == 0 or limit <= 0:
            return []
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        scores, ids = self._index.search(query, min(limit, self.count))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def save(self, directory: Path, generation: int) -> None:
        """Write the index and its manifest atomically (temporary file, then rename)."""
        directory.mkdir(parents=True, exist_ok=True)
        index_tmp = directory / (INDEX_FILE + ".tmp")
        faiss.write_index(self._index, str(index_tmp))
        os.replace(index_tmp, directory / INDEX_FILE)
        manifest = Manifest(self.model, self.dimension, self.count, generation)
        manifest_tmp = directory / (MANIFEST_FILE + ".tmp")
        manifest_tmp.write_text(json.dumps(asdict(manifest), indent=2) + "\n", encoding="utf-8")
        os.replace(manifest_tmp, directory / MANIFEST_FILE)

    @classmethod
    def load(cls, directory: Path, model: str, dimension: int) -> tuple[VectorIndex, Manifest]:
        """Open a saved index, refusing one built with another model or dimension."""
        manifest = read_manifest(directory)
        if manifest is None:
            raise StoreError(f"{directory / MANIFEST_FILE}: missing")
        if manifest.model != model or manifest.dimension != dimension:
            raise IndexMismatchError(
                f"the vector index in {directory} was built with model '{manifest.model}' "
                f"(dimension {manifest.dimension}) but this run uses '{model}' "
                f"(dimension {dimension}); run `scrutiny reindex --store {directory}` "
                "to re-embed every passage with the configured model"
            )
        index = cls(model, dimension)
        try:
            index._index = faiss.read_index(str(directory / INDEX_FILE))  # type: ignore[assignment]
        except RuntimeError as exc:
            raise StoreError(f"{directory / INDEX_FILE}: unreadable ({exc})") from None
        if index.count != manifest.count:
            raise IndexMismatchError(
                f"{directory / INDEX_FILE} holds {index.count} vectors but its manifest "
                f"says {manifest.count}"
            )
        return index, manifest


def read_manifest(directory: Path) -> Manifest | None:
    path = directory / MANIFEST_FILE
    if not path.exists():
        return None
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc})") from None
