"""The pages in headless Debian Chromium through Playwright: search, click, cited passage.

Needs /usr/bin/chromium (``apt-get install chromium``); Playwright's own browser
downloads are never used.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from flask import Flask

from scrutiny.results import SearchFilters
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
SCREENSHOT = Path("/tmp/scrutiny-browser-document.png")
SEARCH_SCREENSHOT = Path("/tmp/scrutiny-browser-search.png")
#: Matches a table row near the end of a long sample, so the page must scroll to it.
QUERY = "care informed approach training"

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def knowledge_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    root = tmp_path_factory.mktemp("browser")
    shutil.copytree(SAMPLES, root / "samples")
    settings = Settings(store=root / "store", embedder="hashing")
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as kb:
        assert kb.ingest([root / "samples"]).ok
        yield kb


@pytest.fixture(scope="module")
def base_url(
    knowledge_base: KnowledgeBase, live_server: Callable[[Flask], AbstractContextManager[str]]
) -> Iterator[str]:
    with live_server(create_app({"TESTING": True}, knowledge_base=knowledge_base)) as url:
        yield url


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def test_search_then_open_a_result_scrolls_to_and_marks_the_cited_passage(
    page: Page, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    external_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(base_url) else external_requests.append(request.url)
        ),
    )
    page.goto(base_url + "/")
    search_box = page.get_by_label("Search the scrutiny documents")
    expect(search_box).to_be_focused()
    search_box.fill(QUERY)
    search_box.press("Enter")

    page.wait_for_url("**/search?q=*")
    results = page.locator("li.result")
    expect(results.first).to_be_visible()
    expect(results.first.locator("mark").first).to_be_visible()
    expected = knowledge_base.search(QUERY).results
    assert results.count() == len(expected)

    first_link = results.first.locator("h2 a")
    expect(first_link).to_have_text(expected[0].document.title)
    first_link.click()

    hit = expected[0]
    page.wait_for_url(f"**/documents/{hit.document.id}#{hit.id}")
    marks = page.locator("#document-text mark.cited-passage")
    expect(marks.first).to_be_attached()
    marked_text = "".join(marks.all_text_contents())
    assert marked_text == hit.text
    expect(marks.first).to_be_in_viewport()
    assert page.evaluate("window.scrollY") > 0, "the page should have scrolled to the passage"
    expect(page.locator("#cited-status")).to_contain_text(hit.id)
    page.screenshot(path=str(SCREENSHOT))
    assert external_requests == []


def test_changing_the_fragment_moves_the_mark(
    page: Page, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    document_id = knowledge_base.documents()[0].id
    view = knowledge_base.document(document_id)
    first, last = view.passages[1], view.passages[-1]
    page.goto(f"{base_url}/documents/{document_id}#{first.id}")
    marks = page.locator("#document-text mark.cited-passage")
    expect(marks.first).to_be_attached()
    assert "".join(marks.all_text_contents()) == view.canonical_text[first.start : first.end]

    page.evaluate(f"location.hash = {last.id!r}")
    expect(page.locator("#cited-status")).to_contain_text(last.id)
    assert "".join(marks.all_text_contents()) == view.canonical_text[last.start : last.end]
    expect(marks.first).to_be_in_viewport()


def test_raw_tags_in_a_document_show_as_text(
    page: Page, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    hit = knowledge_base.search("In My Shoes", 1).results[0]
    page.goto(f"{base_url}/documents/{hit.document.id}?passage={hit.id}")
    expect(page.locator("#document-text")).to_contain_text("<p>We have the In My Shoes")
    assert page.locator("#document-text p").count() == 0


def test_browse_entities_by_facet_then_open_the_cited_source(
    page: Page, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    page.goto(base_url + "/")
    page.get_by_role("link", name="Browse recommendations").click()
    page.wait_for_url("**/entities")
    page.locator("#facet-kind").get_by_role("link", name="recommendation", exact=True).click()
    page.locator("#facet-status").get_by_role("link", name="partially accepted").click()
    items = page.locator("li.entity-item")
    expect(items).to_have_count(3)
    expect(page.locator("#entity-count")).to_have_text("1–3 of 3 entities")

    page.get_by_role("link", name="Recommendation 10", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 10")
    entity_id = page.url.rsplit("/entities/", 1)[1]
    detail = knowledge_base.entity(entity_id)
    assert detail.entity.document is not None and detail.entity.start is not None
    source = next(n.id for n in detail.neighbours if n.edge == "extracted_from")
    page.locator("p.source a").click()

    page.wait_for_url(f"**/documents/{detail.entity.document.id}#{source}")
    marks = page.locator("#document-text mark.cited-passage")
    expect(marks.first).to_be_in_viewport()
    view = knowledge_base.document(detail.entity.document.id)
    passage = next(p for p in view.passages if p.id == source)
    marked = "".join(marks.all_text_contents())
    assert marked == view.canonical_text[passage.start : passage.end]
    assert passage.start <= detail.entity.start < passage.end


def test_search_results_filter_by_facet_show_entity_cards_and_ranking_details(
    browser: Browser, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    external_requests: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(base_url) else external_requests.append(request.url)
        ),
    )
    try:
        page.goto(base_url + "/search?q=recommendation")
        facets = page.locator("#refine")
        expect(facets).to_be_visible()
        results = page.locator("li.result")
        assert facets.bounding_box()["x"] < results.first.bounding_box()["x"], "facets sit left"
        page.locator("#facet-status").get_by_role("link", name="partially accepted").click()
        page.wait_for_url("**status=partially+accepted*")
        expect(results).to_have_count(3)
        expect(page.locator("li.result .badge")).to_have_text(["partially accepted"] * 3)
        expected = knowledge_base.search(
            "recommendation", filters=SearchFilters(status="partially accepted")
        )
        expect(page.locator("#results-heading")).to_contain_text(f"{expected.total} passages match")
        page.get_by_role("link", name="Show how results were ranked").click()
        page.wait_for_url("**explain=1*")
        details = page.locator("li.result details.explain")
        expect(details).to_have_count(3)
        expect(details.first.locator("table")).to_be_hidden()
        details.first.locator("summary").click()
        expect(details.first.locator("table")).to_be_visible()
        page.screenshot(path=str(SEARCH_SCREENSHOT), full_page=True)

        remove = "Remove the response status filter partially accepted"
        page.locator(".active-filters").get_by_role("link", name=remove).click()
        expect(page.locator(".active-filter")).to_have_count(0)
        assert external_requests == []
    finally:
        context.close()
