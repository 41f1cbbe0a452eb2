"""The tracker page in headless Debian Chromium: readable at 320 px (no sideways
scrolling), usable from the keyboard (filter, sort, follow a row to its passage)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest
from flask import Flask

from scrutiny.service import KnowledgeBase
from scrutiny.web import create_app

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, Page, expect  # noqa: E402


@pytest.fixture(scope="module")
def base_url(
    knowledge_base: KnowledgeBase, live_server: Callable[[Flask], AbstractContextManager[str]]
) -> Iterator[str]:
    with live_server(create_app({"TESTING": True}, knowledge_base=knowledge_base)) as url:
        yield url


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


def test_tracker_at_320_px_filters_and_follows_a_row_by_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + "/tracker")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    council = page.get_by_label("Council", exact=True)
    council.focus()
    council.select_option("London Borough of Waltham Forest")
    page.get_by_label("Kind").select_option("recommendation")
    page.get_by_label("Sort by").select_option("number")
    page.get_by_label("Owner").press("Enter")  # Enter in a text field submits the form
    page.wait_for_url("**/tracker?*council=London*")
    expect(page.locator("caption")).to_contain_text("of 12")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    cell = page.locator("tbody tr").first.locator("td[data-label='No.']")
    expect(cell).to_have_text("1")
    link = page.locator("tbody tr").first.get_by_role("link", name="Passage")
    link.focus()
    expect(link).to_be_focused()
    link.press("Enter")
    page.wait_for_url("**/documents/*?passage=*")
    expect(page.locator("#cited-status")).to_contain_text("Cited passage")
    expect(page.locator("mark.cited-passage").first).to_be_visible()
