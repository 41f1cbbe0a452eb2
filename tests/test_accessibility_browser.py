"""Every web page in headless Debian Chromium: no WCAG 2.2 A/AA violations found by
axe-core (nor breaches of its best practices: one h1, heading order, unique landmarks),
usable from the keyboard (a skip link first, visible focus, the search form
submits with Enter), and readable at 320 px wide without sideways scrolling.

``PAGES`` lists the pages visited; ``test_every_html_page_is_visited`` fails when a GET
route that serves HTML has no entry there, so a new page is checked as soon as its URL is
added to that list. axe-core comes from node_modules (``./scripts/setup``); the tests
fail, not skip, when it is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
from accessibility import AXE_CONTEXT_OPTIONS, WCAG_TAGS, axe_violations, format_violations
from flask import Flask
from werkzeug.exceptions import MethodNotAllowed, NotFound

from scrutiny.graph.schema import NodeKind
from scrutiny.results import EntityQuery
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

DESKTOP = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 720}
#: Every kind of graph node with a page of its own (passages are shown in documents).
ENTITY_KINDS = tuple(kind.value for kind in NodeKind if kind is not NodeKind.PASSAGE)
SELECT = (
    "SELECT ?status (COUNT(?r) AS ?n) WHERE { ?r a sg:Recommendation ; sg:status ?status } "
    "GROUP BY ?status ORDER BY ?status"
)
CONSTRUCT = (
    "CONSTRUCT { ?r sg:status ?status } WHERE { ?r a sg:Recommendation ; sg:status ?status }"
)
#: Paths under these prefixes serve JSON, CSV, Atom or files, not HTML pages.
NOT_PAGES = ("/api/", "/feeds/", "/static/")
#: axe rules asserted: WCAG 2.0-2.2 A and AA, and axe's best practices.
AXE_TAGS = (*WCAG_TAGS, "best-practice")
#: Tab stops checked for a visible focus indicator on each page.
TAB_STOPS = 25


@dataclass(frozen=True)
class Visit:
    """A page to check: ``path`` may name sample identifiers in braces, filled in from
    the knowledge base: ``{document}``, ``{passage}`` (a passage of that document),
    ``{theme_key}`` (the theme found in most documents) and one per entity kind
    (``{recommendation}``, ``{person}``, ...)."""

    name: str
    path: str


#: Every HTML page, in the states worth checking. Add a new page's URL here.
PAGES: tuple[Visit, ...] = (
    Visit("home", "/"),
    Visit("search-form", "/search"),
    Visit("search-results", "/search?q=recommendation"),
    Visit(
        "search-filtered-explained", "/search?q=recommendation&status=partially+accepted&explain=1"
    ),
    Visit("search-question", "/search?q=" + quote("who is responsible for care leavers housing")),
    Visit("search-no-results", "/search?q=" + quote('"zebra quasar lantern"')),
    Visit("search-no-results-filtered", "/search?q=recommendation&council=Nowhere"),
    Visit("document", "/documents/{document}"),
    Visit("document-cited-passage", "/documents/{document}?passage={passage}"),
    Visit("entities", "/entities"),
    Visit("entities-filtered", "/entities?kind=recommendation&status=partially+accepted"),
    Visit("entities-none", "/entities?q=zebra+quasar+lantern"),
    *(Visit(f"entity-{kind}", f"/entities/{{{kind}}}") for kind in ENTITY_KINDS),
    Visit("themes", "/themes"),
    Visit("theme", "/themes/{theme_key}"),
    Visit("theme-by-commitments", "/themes/{theme_key}?measure=commitments"),
    Visit("tracker", "/tracker"),
    Visit("tracker-filtered", "/tracker?kind=recommendation&sort=status&limit=5"),
    Visit("tracker-none", "/tracker?council=Nowhere"),
    Visit("sparql", "/sparql"),
    Visit("sparql-select", "/sparql?query=" + quote(SELECT)),
    Visit("sparql-ask", "/sparql?query=" + quote("ASK { ?r a sg:Recommendation }")),
    Visit("sparql-construct", "/sparql?query=" + quote(CONSTRUCT)),
    Visit("sparql-error", "/sparql?query=" + quote("SELECT ?x WHERE { ?x a nope:T }")),
    Visit("sign-in", "/sign-in"),
    Visit("upload", "/upload"),  # administrators only: others are sent to sign in
    Visit("not-found", "/no-such-page"),
    Visit("document-not-found", "/documents/no-such-document"),
    Visit("bad-request", "/search?q=recommendation&limit=none"),
)


@pytest.fixture(scope="module")
def sample_ids(knowledge_base: KnowledgeBase) -> dict[str, str]:
    """Identifiers that fill the braces in ``PAGES``: one entity of every kind."""
    ids: dict[str, str] = {}
    for kind in ENTITY_KINDS:
        listing = knowledge_base.entities(EntityQuery(kind=kind, limit=1))
        assert listing.entities, f"the sample corpus has no {kind} to show"
        ids[kind] = listing.entities[0].id
    view = knowledge_base.document(ids["document"])
    ids["passage"] = view.passages[len(view.passages) // 2].id
    ids["theme_key"] = knowledge_base.theme_summaries()[0].slug
    return ids


@pytest.fixture(scope="module")
def app(knowledge_base: KnowledgeBase) -> Flask:
    flask_app: Flask = create_app({"TESTING": True}, knowledge_base=knowledge_base)
    return flask_app


@pytest.fixture(scope="module")
def base_url(
    app: Flask, live_server: Callable[[Flask], AbstractContextManager[str]]
) -> Iterator[str]:
    with live_server(app) as url:
        yield url


def _page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, **AXE_CONTEXT_OPTIONS)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture()
def page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, DESKTOP)


@pytest.fixture()
def narrow_page(browser: Browser) -> Iterator[Page]:
    yield from _page(browser, NARROW)


def _url(base_url: str, visit: Visit, sample_ids: dict[str, str]) -> str:
    return base_url + visit.path.format(**{key: quote(value) for key, value in sample_ids.items()})


def _open(page: Page, base_url: str, visit: Visit, sample_ids: dict[str, str]) -> None:
    response = page.goto(_url(base_url, visit, sample_ids))
    assert response is not None
    assert response.headers["content-type"].startswith("text/html"), visit


def _assert_accessible(page: Page, visit: Visit, width: int) -> None:
    violations = axe_violations(page, AXE_TAGS)
    assert not violations, format_violations(violations, f"{visit.name} at {width} px")


def _ids(visit: Visit) -> str:
    return visit.name


def test_every_html_page_is_visited(app: Flask, sample_ids: dict[str, str]) -> None:
    adapter = app.url_map.bind("localhost")
    visited: set[str] = set()
    for visit in PAGES:
        path = urlsplit(visit.path.format(**sample_ids)).path
        try:
            endpoint, _ = adapter.match(path, method="GET")
        except (NotFound, MethodNotAllowed):
            continue
        visited.add(str(endpoint))
    pages = {
        f"{rule.endpoint} ({rule.rule})": str(rule.endpoint)
        for rule in app.url_map.iter_rules()
        if "GET" in (rule.methods or set()) and not rule.rule.startswith(NOT_PAGES)
    }
    missing = sorted(label for label, endpoint in pages.items() if endpoint not in visited)
    assert not missing, (
        f"pages without an accessibility check: {missing}; add their URLs to PAGES in "
        f"{Path(__file__).name}"
    )


@pytest.mark.parametrize("visit", PAGES, ids=_ids)
def test_page_has_no_axe_violations(
    page: Page, base_url: str, sample_ids: dict[str, str], visit: Visit
) -> None:
    _open(page, base_url, visit, sample_ids)
    _assert_accessible(page, visit, DESKTOP["width"])


@pytest.mark.parametrize("visit", PAGES, ids=_ids)
def test_page_reads_at_320_px_without_sideways_scrolling(
    narrow_page: Page, base_url: str, sample_ids: dict[str, str], visit: Visit
) -> None:
    _open(narrow_page, base_url, visit, sample_ids)
    width = narrow_page.evaluate("document.documentElement.scrollWidth")
    wide = narrow_page.evaluate(_WIDER_THAN_VIEWPORT)
    assert width <= NARROW["width"], f"{visit.name}: {width} px wide at 320 px; too wide: {wide}"
    _assert_accessible(narrow_page, visit, NARROW["width"])


#: Elements reaching past the right edge of the viewport, outside scrolling containers.
_WIDER_THAN_VIEWPORT = """() => {
  const scrolls = (el) => {
    for (let up = el.parentElement; up; up = up.parentElement) {
      const overflow = getComputedStyle(up).overflowX;
      if (overflow === "auto" || overflow === "scroll" || overflow === "hidden") return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll("*")]
    .filter((el) => el.getBoundingClientRect().right > innerWidth + 0.5 && !scrolls(el))
    .slice(0, 8)
    .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "") +
      " " + Math.round(el.getBoundingClientRect().right) + "px");
}"""

#: What the focused element is and how its focus shows: ``contrast`` is the best
#: contrast ratio of its outline or box-shadow colours against the background behind it.
_FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const rgba = (text) => (text.match(/rgba?\\([^)]*\\)/g) || []).map((c) => {
    const [r, g, b, a = 1] = c.slice(c.indexOf("(") + 1, -1).split(",").map(Number);
    return {r, g, b, a};
  });
  const luminance = ({r, g, b}) => {
    const [R, G, B] = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * R + 0.7152 * G + 0.0722 * B;
  };
  let behind = {r: 255, g: 255, b: 255, a: 1};
  for (let up = el.parentElement; up; up = up.parentElement) {
    const colour = rgba(getComputedStyle(up).backgroundColor)[0];
    if (colour && colour.a > 0) { behind = colour; break; }
  }
  const colours = [
    ...(style.outlineStyle !== "none" ? rgba(style.outlineColor) : []),
    ...(style.boxShadow !== "none" ? rgba(style.boxShadow) : []),
  ].filter((c) => c.a > 0);
  const ratio = (c) => {
    const [hi, lo] = [luminance(c), luminance(behind)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  return {
    tag: el.tagName.toLowerCase(),
    classes: el.className || "",
    id: el.id || "",
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 60),
    contrast: Math.round(Math.max(0, ...colours.map(ratio)) * 100) / 100,
    visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 &&
      box.left < innerWidth,
  };
}"""


def _from_page_start(page: Page) -> None:
    """Put the keyboard at the start of the page, as on arrival before any autofocus: the
    next Tab goes to the first focusable element."""
    page.evaluate(
        "(() => { const body = document.body; body.setAttribute('tabindex', '-1');"
        " body.focus(); body.removeAttribute('tabindex'); })()"
    )


def _tab(page: Page) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    focused: dict[str, Any] | None = page.evaluate(_FOCUSED)
    return focused


@pytest.mark.parametrize("visit", PAGES, ids=_ids)
def test_first_tab_reaches_the_skip_link_and_focus_is_always_visible(
    page: Page, base_url: str, sample_ids: dict[str, str], visit: Visit
) -> None:
    _open(page, base_url, visit, sample_ids)
    _from_page_start(page)
    first = _tab(page)
    assert first is not None and "skip-link" in first["classes"], f"{visit.name}: {first}"
    assert first["text"] == "Skip to content" and first["visible"], first
    stops = [first]
    for _ in range(TAB_STOPS - 1):
        focused = _tab(page)
        if focused is None:
            break
        stops.append(focused)
    # WCAG 1.4.11: a focus indicator contrasts 3:1 with what surrounds it
    hidden = [stop for stop in stops if not stop["visible"] or stop["contrast"] < 3]
    assert not hidden, f"{visit.name}: focus not visible on {hidden}"


def test_the_skip_link_moves_focus_to_the_main_content(page: Page, base_url: str) -> None:
    page.goto(base_url + "/entities", wait_until="load")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities#main")  # following the link is not instant on a busy machine
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    # the next stop is inside the main content, not back in the site header
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_the_search_box_is_reached_by_tab_and_submits_with_enter(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=recommendation")
    _from_page_start(page)
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "q":
            break
    else:
        pytest.fail("the search box was not reached in 15 tab stops")
    search_box = page.get_by_label("Search the scrutiny documents")
    expect(search_box).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("care leavers")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=care+leavers*")
    expect(page.locator("li.result").first).to_be_visible()


def test_the_home_page_starts_in_the_search_box(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    search_box = page.get_by_label("Search the scrutiny documents")
    expect(search_box).to_be_focused()
    page.keyboard.type("recommendation")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=recommendation*")
    expect(page.locator("li.result").first).to_be_visible()


def test_focus_outline_is_styled_for_keyboard_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "/search?q=recommendation")
    _from_page_start(page)
    page.keyboard.press("Tab")
    outline = page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, s.outlineWidth]; })()"
    )
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 3, outline


def test_signed_in_pages_and_a_refused_token(
    page: Page, base_url: str, knowledge_base: KnowledgeBase
) -> None:
    page.goto(base_url + "/sign-in")
    page.get_by_label("Token").fill("sgt_not_a_token")
    page.get_by_label("Token").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    _assert_accessible(page, Visit("sign-in-refused", "/sign-in"), DESKTOP["width"])

    token = knowledge_base.create_token("Accessibility Officer", admin=True)
    page.get_by_label("Token").fill(token)
    page.get_by_label("Token").press("Enter")
    page.wait_for_url(base_url + "/")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    _assert_accessible(page, Visit("home-signed-in", "/"), DESKTOP["width"])
    for visit in (Visit("sign-in-signed-in", "/sign-in"), Visit("upload-form", "/upload")):
        page.set_viewport_size(DESKTOP)
        page.goto(base_url + visit.path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        _assert_accessible(page, visit, DESKTOP["width"])
        page.set_viewport_size(NARROW)
        assert page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"], visit
        _assert_accessible(page, visit, NARROW["width"])
