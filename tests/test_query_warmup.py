"""The first search is fast: `scrutiny serve` and `scrutiny ingest` export and load the
ONNX query encoder when they start, not on the first query.

The fast tests replace the export and ONNX Runtime with spies (the real export takes
seconds); the `model` test runs the real one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner

from scrutiny.cli import main
from scrutiny.results import IngestReport
from scrutiny.search import onnx_query
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings

EXPORT_NAME = f"all-MiniLM-L6-v2-fp32-v{onnx_query.EXPORT_VERSION}.onnx"


class FakeSession:
    """ONNX Runtime's session, answering every query with zeros."""

    def __init__(self, path: str, *args: Any, **kwargs: Any) -> None:
        self.path = path

    def run(self, outputs: Any, feeds: dict[str, Any]) -> list[Any]:
        tokens = feeds["input_ids"].shape[1]
        return [np.ones((1, tokens, 384), dtype=np.float32)]


class FakeServer:
    effective_port = 5999

    def __init__(self, events: list[str]) -> None:
        self.events = events

    def run(self) -> None:
        self.events.append("listen")

    def close(self) -> None:
        pass


@pytest.fixture
def events(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[str]:
    """A minilm store with an empty cache; the export and ONNX Runtime are spies."""
    import onnxruntime

    recorded: list[str] = []
    monkeypatch.setenv("SCRUTINY_EMBEDDER", "minilm")
    monkeypatch.setenv("SCRUTINY_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("SCRUTINY_CACHE", str(tmp_path / "cache"))

    def export(model_dir: Path, target: Path) -> None:
        assert target == tmp_path / "cache" / "models" / EXPORT_NAME
        recorded.append("export")

    monkeypatch.setattr(onnx_query, "export", export)
    monkeypatch.setattr(onnxruntime, "InferenceSession", FakeSession)
    return recorded


def test_serve_exports_the_query_encoder_before_it_listens(
    events: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import waitress

    monkeypatch.setattr(waitress, "create_server", lambda app, **options: FakeServer(events))
    result = CliRunner().invoke(main, ["serve", "--port", "0", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert events == ["export", "listen"]


def test_ingest_exports_the_query_encoder_before_it_ingests(
    events: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def ingest(
        self: KnowledgeBase, paths: Any, progress: Any = None, visibility: Any = None
    ) -> IngestReport:
        events.append("ingest")
        return IngestReport()

    monkeypatch.setattr(KnowledgeBase, "ingest", ingest)
    (tmp_path / "in").mkdir()
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert events == ["export", "ingest"]


def test_ingest_still_runs_when_the_encoder_cannot_be_prepared(
    events: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(model_dir: Path, target: Path) -> None:
        raise RuntimeError("no space left on device")

    monkeypatch.setattr(onnx_query, "export", broken)
    folder = tmp_path / "in"
    folder.mkdir()
    result = CliRunner().invoke(main, ["ingest", str(folder), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "warning: the query encoder is not prepared (no space left on device)" in result.stderr
    assert "0 files" in result.stdout


@pytest.mark.model
def test_real_export_happens_at_ingest_and_the_first_search_reuses_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("SCRUTINY_EMBEDDER", "minilm")
    monkeypatch.setenv("SCRUTINY_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("SCRUTINY_CACHE", str(cache))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "minutes.md").write_text(
        "# Cabinet\n\nThe council will publish the care leavers housing protocol by March 2025.\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["ingest", str(folder), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert (cache / "models" / EXPORT_NAME).is_file()

    def no_export(model_dir: Path, target: Path) -> None:
        raise AssertionError("the first search exported the query encoder again")

    monkeypatch.setattr(onnx_query, "export", no_export)
    settings = Settings.from_env()
    with KnowledgeBase(settings) as kb:
        response = kb.search("care leavers housing protocol", limit=1)
    assert response.results
