"""A float32 ONNX copy of the sentence encoder, for embedding single queries fast.

PyTorch spends most of a one-query encode in per-call overhead (~7 ms on two quiet
cores, tens of ms when they are busy); ONNX Runtime runs the same float32 graph in
~2 ms and returns the same vector (cosine 1.0 against PyTorch float32, checked after
every export). The graph is exported once from the weights already installed in
site-packages and kept in a cache directory; nothing is downloaded.
"""

from __future__ import annotations

import os
import warnings
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from scrutiny.errors import ModelUnavailableError

Vectors = npt.NDArray[np.float32]

#: Bumped when the export below changes, so stale exports are not reused.
EXPORT_VERSION = 1
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_PROBE = "Recommendation 7: the criteria for access to a leaving care coach is simplified."
#: An export whose probe vector differs more than this from PyTorch's is refused.
_MIN_PROBE_COSINE = 0.9999


class OnnxQueryEncoder:
    """Mean-pooled, L2-normalised sentence vectors from an ONNX export of a BERT encoder.

    ``model_dir`` is a sentence-transformers model folder (weights, tokenizer.json,
    sentence_bert_config.json); ``cache_dir`` is where the export is written.
    """

    def __init__(self, model_dir: Path, onnx_path: Path) -> None:
        self._model_dir = model_dir
        self._path = onnx_path

    @classmethod
    def cached(cls, model_dir: Path, model_name: str, cache_dir: Path) -> OnnxQueryEncoder:
        """The encoder whose export lives in ``cache_dir`` (exported on first use)."""
        return cls(model_dir, cache_dir / f"{model_name}-fp32-v{EXPORT_VERSION}.onnx")

    @property
    def path(self) -> Path:
        return self._path

    def encode(self, text: str) -> Vectors:
        encoding = self._tokenizer.encode(text)
        feeds = {
            "input_ids": np.asarray([encoding.ids], dtype=np.int64),
            "attention_mask": np.asarray([encoding.attention_mask], dtype=np.int64),
            "token_type_ids": np.asarray([encoding.type_ids], dtype=np.int64),
        }
        hidden = self._session.run(None, feeds)[0][0]
        mask = feeds["attention_mask"][0].astype(np.float32)[:, None]
        pooled = (hidden * mask).sum(axis=0) / max(float(mask.sum()), 1e-9)
        vector: Vectors = (pooled / np.linalg.norm(pooled)).astype(np.float32)
        return vector

    @cached_property
    def _tokenizer(self) -> Any:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self._model_dir / "tokenizer.json"))
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=_max_seq_length(self._model_dir))
        return tokenizer

    @cached_property
    def _session(self) -> Any:
        try:
            import onnxruntime
        except ImportError as exc:
            raise ModelUnavailableError(
                f"onnxruntime is not installed ({exc}); run scripts/setup"
            ) from None
        if not self._path.exists():
            export(self._model_dir, self._path)
        options = onnxruntime.SessionOptions()
        # One thread: 3.8 ms p50 on quiet cores against 2.7 ms with two, but 4.5 ms p95
        # against 13.5 ms when the other core is busy (ingest, another request; measured).
        options.intra_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            return onnxruntime.InferenceSession(
                str(self._path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelUnavailableError(
                f"{self._path}: cannot load the query encoder ({exc}); delete it and it "
                "will be exported again"
            ) from exc


def export(model_dir: Path, target: Path) -> None:
    """Export the encoder to ONNX at ``target`` (atomically) and check it against PyTorch."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    model = AutoModel.from_pretrained(str(model_dir)).eval()
    sample = tokenizer(["a short query", _PROBE], padding=True, return_tensors="pt")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")

    class LastHiddenState(torch.nn.Module):
        """Calls the encoder by keyword: positional export arguments misalign with it."""

        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    with torch.no_grad():
        reference = _mean_pooled(model, tokenizer, _PROBE)
    try:
        with warnings.catch_warnings():  # tracer notes on shape-dependent Python code
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHiddenState().eval(),
                tuple(sample[name] for name in _INPUTS),
                str(partial),
                input_names=list(_INPUTS),
                output_names=["hidden"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "hidden")},
                opset_version=17,
                dynamo=False,
            )
        _check_export(partial, model_dir, reference)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _check_export(path: Path, model_dir: Path, reference: Vectors) -> None:
    cosine = float(np.dot(OnnxQueryEncoder(model_dir, path).encode(_PROBE), reference))
    if cosine < _MIN_PROBE_COSINE:
        raise ModelUnavailableError(
            f"the ONNX export of {model_dir.name} disagrees with PyTorch "
            f"(cosine {cosine:.5f}); query embedding cannot use it"
        )


def _mean_pooled(model: Any, tokenizer: Any, text: str) -> Vectors:
    import torch

    batch = tokenizer([text], return_tensors="pt")
    hidden = model(**batch).last_hidden_state[0]
    mask = batch["attention_mask"][0].unsqueeze(-1).to(hidden.dtype)
    pooled = (hidden * mask).sum(dim=0) / mask.sum()
    vector: Vectors = torch.nn.functional.normalize(pooled, dim=0).numpy().astype(np.float32)
    return vector


def _max_seq_length(model_dir: Path) -> int:
    import json

    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text(encoding="utf-8")).get("max_seq_length", 256))
    return 256
