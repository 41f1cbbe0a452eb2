"""Shared fixtures: real SQLite stores in temporary directories, the deterministic
hashing embedder, the sample corpus shipped in data/samples, and for the browser tests
a live server and Debian's headless Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web import create_app

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "data" / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CHROMIUM = Path("/usr/bin/chromium")
#: No background networking: this machine's network is closed, and a browser is never
#: downloaded.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def _live(app: Flask) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="app-under-test", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


@pytest.fixture(scope="session")
def live_server() -> Callable[[Flask], AbstractContextManager[str]]:
    """``with live_server(app) as base_url:`` serves ``app`` on a free loopback port."""
    return _live


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (tests using it skip when it is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Derived model files (ONNX export, theme vectors) go to a session folder, not ~/.cache."""
    cache_home = tmp_path_factory.mktemp("cache-home")
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(cache_home)
    yield cache_home
    if saved is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = saved


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


@pytest.fixture(scope="session")
def sample_store_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample corpus ingested once per test session: (samples folder, store folder)."""
    root = tmp_path_factory.mktemp("sample-template")
    samples = root / "samples"
    shutil.copytree(SAMPLES, samples)
    settings = Settings(store=root / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as knowledge_base:
        report = knowledge_base.ingest([samples])
        assert report.ok and len(report.added) == 5
    return samples, root / "store"


@pytest.fixture
def sample_kb(
    settings: Settings, sample_store_template: tuple[Path, Path]
) -> Iterator[KnowledgeBase]:
    """A private copy of the ingested sample corpus (its source files are shared: tests
    that change sources use ``samples`` and ``kb`` instead)."""
    shutil.copytree(sample_store_template[1], settings.store)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as knowledge_base:
        yield knowledge_base


@pytest.fixture
def fresh_sample_kb(kb: KnowledgeBase, samples: Path) -> KnowledgeBase:
    """The sample corpus ingested from ``samples``, a private copy that tests may change."""
    report = kb.ingest([samples])
    assert report.ok and len(report.added) == 5
    return kb


@pytest.fixture(scope="module")
def knowledge_base(
    sample_store_template: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KnowledgeBase]:
    """A test module's own copy of the ingested sample corpus."""
    store = tmp_path_factory.mktemp("module-store") / "store"
    shutil.copytree(sample_store_template[1], store)
    settings = Settings(store=store, embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as knowledge_base:
        yield knowledge_base


@pytest.fixture(scope="module")
def app(knowledge_base: KnowledgeBase) -> Flask:
    flask_app: Flask = create_app({"TESTING": True}, knowledge_base=knowledge_base)
    return flask_app


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
