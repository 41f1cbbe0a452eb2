"""The faiss vector index kept beside the SQLite store, with a manifest checked on open.

Small corpora use exact inner-product search. From ``HNSW_THRESHOLD`` vectors on, the
index is an HNSW graph (approximate, sub-linear). HNSW cannot delete, so a removed
passage's vector stays until the next rebuild; its row id no longer exists in the
store, and the service drops such ids (row ids are never reused). ``needs_rebuild``
says when stale vectors have piled up.
"""

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

FLAT = "flat"
HNSW = "hnsw"
#: Corpus size from which the approximate index is used (measured in benchmarks/scale.py).
HNSW_THRESHOLD = 50_000
HNSW_NEIGHBOURS = 32
HNSW_BUILD_DEPTH = 80
HNSW_SEARCH_DEPTH = 256
#: Rebuild once this share of an HNSW index's vectors belong to deleted passages.
STALE_SHARE_LIMIT = 0.2


def index_type_for(count: int) -> str:
    return HNSW if count >= HNSW_THRESHOLD else FLAT


@dataclass(frozen=True)
class Manifest:
    model: str
    dimension: int
    count: int
    generation: int  # the store generation this index reflects
    index_type: str = FLAT
    stale: int = 0  # vectors of deleted passages still in an HNSW index


class VectorIndex:
    """Inner-product search over passage vectors, keyed by passage row id."""

    def __init__(self, model: str, dimension: int, index_type: str = FLAT) -> None:
        self.model = model
        self.dimension = dimension
        self.index_type = index_type
        self.stale = 0
        self._index = _new_index(dimension, index_type)

    @property
    def count(self) -> int:
        return int(self._index.ntotal)

    @property
    def live_count(self) -> int:
        return self.count - self.stale

    def needs_rebuild(self) -> bool:
        """True when the index type no longer suits the size, or too many vectors are stale."""
        wrong_type = self.index_type != index_type_for(self.live_count)
        return wrong_type or self.stale > STALE_SHARE_LIMIT * max(self.count, 1)

    def set_search_depth(self, depth: int) -> None:
        """HNSW only: candidates explored per query (higher: better recall, slower)."""
        if self.index_type == HNSW:
            graph = faiss.downcast_index(self._index.index)
            graph.hnsw.efSearch = depth  # type: ignore[attr-defined]

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
        if not ids:
            return
        if self.index_type == FLAT:
            self._index.remove_ids(np.array(ids, dtype=np.int64))  # type: ignore[arg-type]
        else:
            self.stale += len(ids)

    def search(self, vector: npt.NDArray[np.float32], limit: int) -> list[tuple[int, float]]:
        """(row id, cosine) best first; HNSW over-fetches so stale ids can be dropped."""
        if self.count == 0 or limit <= 0:
            return []
        wanted = limit + (min(self.stale, limit) if self.index_type == HNSW else 0)
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype=np.float32)
        # One query gains nothing from OpenMP threads, and when the cores are busy the
        # threads' hand-offs cost more than the search: 8 ms instead of 1 ms at 1M (HNSW).
        threads = faiss.omp_get_max_threads()
        faiss.omp_set_num_threads(1)
        try:
            scores, ids = self._index.search(query, min(wanted, self.count))
        finally:
            faiss.omp_set_num_threads(threads)
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def save(self, directory: Path, generation: int) -> None:
        """Write the index and its manifest atomically (temporary file, then rename)."""
        directory.mkdir(parents=True, exist_ok=True)
        index_tmp = directory / (INDEX_FILE + ".tmp")
        faiss.write_index(self._index, str(index_tmp))
        os.replace(index_tmp, directory / INDEX_FILE)
        manifest = Manifest(
            self.model, self.dimension, self.count, generation, self.index_type, self.stale
        )
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
        index = cls(model, dimension, manifest.index_type)
        index.stale = manifest.stale
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


def _new_index(dimension: int, index_type: str) -> faiss.IndexIDMap2:
    if index_type == FLAT:
        return faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
    if index_type == HNSW:
        graph = faiss.IndexHNSWFlat(dimension, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = HNSW_BUILD_DEPTH
        graph.hnsw.efSearch = HNSW_SEARCH_DEPTH
        return faiss.IndexIDMap2(graph)
    raise StoreError(f"unknown vector index type '{index_type}'")


def read_manifest(directory: Path) -> Manifest | None:
    path = directory / MANIFEST_FILE
    if not path.exists():
        return None
    try:
        return Manifest(**json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, TypeError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc})") from None
