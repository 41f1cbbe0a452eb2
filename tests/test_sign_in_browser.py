"""An officer signs in through the form in headless Debian Chromium, at phone width,
sees a restricted document's results, and signs out."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
WORD = "Quorvath"

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} is missing (apt-get install -y chromium)", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("sign-in")
    shutil.copy(SAMPLES / "001_e6f87c9fb8f3a54e.txt", root / "public.txt")
    (root / "restricted.txt").write_text(
        f"Part II minutes\n\nThe {WORD} placement review was discussed in private.\n",
        encoding="utf-8",
    )
    settings = Settings(store=root / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest([root / "public.txt"]).ok
        assert kb.ingest([root / "restricted.txt"], visibility="restricted").ok
        token = kb.create_token("Browser Officer")
        app: Flask = create_app({"TESTING": True}, knowledge_base=kb)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", token
        finally:
            server.shutdown()
            thread.join(timeout=10)
            server.server_close()


def test_an_officer_signs_in_and_out_at_phone_width(served: tuple[str, str]) -> None:
    base_url, token = served
    search = f"{base_url}/search?q={WORD.lower()}"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_context(viewport={"width": 320, "height": 700}).new_page()
            page.set_default_timeout(10_000)
            page.goto(search)
            expect(page.locator("li.result")).to_have_count(0)
            page.get_by_role("link", name="Sign in").click()
            page.get_by_label("Token").fill(token)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(search)  # back where the officer was
            expect(page.locator("li.result").first).to_contain_text(WORD)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            page.get_by_role("button", name="Sign out").click()
            page.wait_for_url(base_url + "/")
            page.goto(search)
            expect(page.locator("li.result")).to_have_count(0)
        finally:
            browser.close()
