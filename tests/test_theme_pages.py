"""Theme pages (``/themes``, ``/themes/<key>``, ``/api/themes``): a knowledge base ingested
from documents written here, by four councils over three years, whose findings repeat
one finding in three reviews (phrased a little differently) beside distinct ones."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from flask import Flask
from flask.testing import FlaskClient

from scrutiny.errors import NotFoundError
from scrutiny.search.embedder import HashingEmbedder
from scrutiny.service import KnowledgeBase
from scrutiny.settings import Settings
from scrutiny.themes import FindingRef, recurring_groups
from scrutiny.web import create_app

TODAY = date(2025, 1, 1)
#: The repeated finding, as three reviews phrase it.
REPEATED = (
    "Care leavers are not told about the council tax exemption they are entitled to.",
    "Care leavers are not told about the council tax exemption to which they are entitled.",
    "Many care leavers are not told about the council tax exemption they are entitled to.",
)
DOCUMENTS = {
    "ashfield_scrutiny_2021-03-15.txt": (
        "Ashfield District Council",
        "Ashfield District Council - Scrutiny Panel: support for care leavers (minutes)",
        [REPEATED[0], "Personal advisers change too often, so young people leaving care "
         "retell their story."],
        ("The council exempts care leavers from council tax until the age of 25.", "Accepted",
         "The exemption will start in April."),
    ),
    "dorset_corporate_parenting_2022-06-20.txt": (
        "Dorset Council",
        "Dorset Council - Corporate Parenting Board: care leavers and council tax (minutes)",
        [REPEATED[1]],
        ("Care leavers should be exempt from council tax until they are 25.", "Rejected",
         "The cost could not be met this year."),
    ),
    "hackney_cyp_scrutiny_2023-09-11.txt": (
        "London Borough of Hackney",
        "Hackney Council - Children and Young People Scrutiny Commission: housing for care "
        "leavers",
        [REPEATED[2], "Supported accommodation for care leavers is often far from the borough."],
        ("Care leavers are given the highest priority band on the housing register.",
         "Partially accepted", "Priority applies up to the age of 21."),
    ),
    "stockport_cyp_scrutiny_2022-02-01.txt": (
        "Stockport Metropolitan Borough Council",
        "Stockport Council - Children and Young People Scrutiny Committee: school exclusions",
        ["Pupils with special educational needs are permanently excluded more often than "
         "their peers."],
        ("Schools report every permanent exclusion to the committee each term.", "Accepted",
         "Reports start in September."),
    ),
}  # fmt: skip


def write_documents(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sources = ["file,source,publisher"]
    for name, (council, title, findings, recommendation) in DOCUMENTS.items():
        text, status, comment = recommendation
        lines = [f"TITLE: {title}", "", "Review findings", ""]
        for number, finding in enumerate(findings, start=1):
            lines += [f"Finding {number}: {finding}", ""]
        lines += [
            "| Recommendation | Accept, Amend or Reject the recommendation | Organisation "
            "| Comments |",
            "|---|---|---|---|",
            f"| Recommendation 1: {text} | {status} | Children's Services | {comment} |",
        ]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        sources.append(f"{name},,{council}")
    (folder / "sources.csv").write_text("\n".join(sources) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def theme_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    root = tmp_path_factory.mktemp("themes")
    write_documents(root / "documents")
    # Bag-of-words vectors: the three phrasings share nearly every word.
    settings = Settings(store=root / "store", embedder="hashing", recurring_similarity=0.7)
    with KnowledgeBase(settings, embedder=HashingEmbedder()) as knowledge_base:
        report = knowledge_base.ingest([root / "documents"])
        assert report.ok and len(report.added) == len(DOCUMENTS)
        yield knowledge_base


@pytest.fixture(scope="module")
def theme_app(theme_kb: KnowledgeBase) -> Flask:
    app: Flask = create_app({"TESTING": True}, knowledge_base=theme_kb)
    return app


@pytest.fixture
def theme_client(theme_app: Flask) -> FlaskClient:
    return theme_app.test_client()


def test_the_timeline_counts_each_year_by_council(theme_kb: KnowledgeBase) -> None:
    overview = theme_kb.theme_overview("care leavers", today=TODAY)
    assert overview.key == "theme:care-leavers"
    assert overview.years == (2021, 2022, 2023)
    cells = {(c.year, c.publisher): c.counts for c in overview.timeline}
    assert set(cells) == {
        (2021, "Ashfield District Council"),
        (2022, "Dorset Council"),
        (2023, "London Borough of Hackney"),
    }
    ashfield = cells[2021, "Ashfield District Council"]
    assert (ashfield.documents, ashfield.recommendations, ashfield.findings) == (1, 1, 2)
    hackney = cells[2023, "London Borough of Hackney"]
    assert (hackney.documents, hackney.recommendations, hackney.findings) == (1, 1, 2)
    assert overview.counts.documents == 3 and overview.counts.findings == 5
    assert {p.name for p in overview.councils} == {
        "Ashfield District Council",
        "Dorset Council",
        "London Borough of Hackney",
    }
    # The exclusions review is on another theme.
    exclusions = theme_kb.theme_overview("exclusions", today=TODAY)
    assert [p.name for p in exclusions.councils] == ["Stockport Metropolitan Borough Council"]
    assert exclusions.years == (2022,)


def test_a_broader_theme_counts_its_narrower_themes_in(theme_kb: KnowledgeBase) -> None:
    children_in_care = theme_kb.theme_overview("theme:children-in-care", today=TODAY)
    assert ("theme:care-leavers", "Care leavers") in children_in_care.narrower
    assert children_in_care.counts.documents >= 3


def test_recurring_findings_group_the_repeated_finding_only(theme_kb: KnowledgeBase) -> None:
    overview = theme_kb.theme_overview("care-leavers", today=TODAY)
    assert len(overview.recurring) == 1
    group = overview.recurring[0]
    assert [finding.text for finding in group.findings] == list(REPEATED)
    assert group.reviews == 3 and group.since == 2021
    assert group.label == "appears in 3 reviews since 2021"
    assert group.similarity >= 0.7
    assert all(f.passage_id and f.source_link.endswith(f"#{f.passage_id}") for f in group.findings)


def _finding(identifier: str, document: str) -> FindingRef:
    return FindingRef(identifier, identifier, document, document, "Council", None, None)


def test_grouping_is_complete_linkage_across_documents() -> None:
    """A chain a~b~c with a and c apart is not one group; findings of one document
    alone never make a group."""
    a, b, c = np.eye(3, dtype=np.float32)
    vectors = np.stack([a, (a + b) / np.sqrt(2), b, c, c]).astype(np.float32)
    findings = [
        _finding("a", "d1"),
        _finding("ab", "d2"),
        _finding("b", "d3"),
        _finding("c1", "d4"),
        _finding("c2", "d4"),
    ]
    groups = recurring_groups(findings, vectors, threshold=0.7)
    assert [[f.id for f in g.findings] for g in groups] == [["a", "ab"]]
    assert groups[0].label == "appears in 2 reviews"


def test_councils_responses_side_by_side(theme_kb: KnowledgeBase) -> None:
    overview = theme_kb.theme_overview("care-leavers", today=TODAY)
    responses = {council.publisher: council for council in overview.responses}
    assert set(responses) == {p.name for p in overview.councils}
    assert responses["Dorset Council"].statuses == (("rejected", 1),)
    assert responses["London Borough of Hackney"].statuses == (("partially accepted", 1),)
    example = responses["Ashfield District Council"].examples[0]
    assert example.status == "accepted" and example.response == "The exemption will start in April."
    assert example.source_link and "?passage=" in example.source_link


def test_unknown_themes_are_not_found(theme_kb: KnowledgeBase) -> None:
    with pytest.raises(NotFoundError):
        theme_kb.theme_overview("weather", today=TODAY)


def test_theme_list_api_and_page(theme_client: FlaskClient) -> None:
    body = theme_client.get("/api/themes").get_json()
    by_key = {theme["key"]: theme for theme in body["themes"]}
    assert by_key["theme:care-leavers"]["documents"] == 3
    assert by_key["theme:care-leavers"]["publishers"] == 3
    assert by_key["theme:exclusions"]["recommendations"] == 1
    page = theme_client.get("/themes")
    assert page.status_code == 200
    assert 'href="/themes/care-leavers"' in page.get_data(as_text=True)


def test_theme_api(theme_client: FlaskClient) -> None:
    response = theme_client.get("/api/themes/care-leavers")
    assert response.status_code == 200
    body: dict[str, Any] = response.get_json()
    assert body["years"] == [2021, 2022, 2023]
    assert {"year": 2022, "publisher": "Dorset Council", "documents": 1, "recommendations": 1,
            "findings": 1, "commitments": 0} in body["timeline"]  # fmt: skip
    group = body["recurring_findings"]["groups"][0]
    assert group["label"] == "appears in 3 reviews since 2021"
    assert body["links"] == {
        "search": "/search?q=Care+leavers&theme=care-leavers",
        "tracker": "/tracker?theme=care-leavers",
    }
    missing = theme_client.get("/api/themes/weather")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "not_found"


def test_theme_page_draws_the_timeline_with_a_text_alternative(
    theme_client: FlaskClient,
) -> None:
    response = theme_client.get("/themes/care-leavers")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    svg = re.search(r"<svg class=\"timeline-chart\".*?</svg>", html, re.S)
    assert svg is not None
    assert 'role="img"' in svg.group(0) and 'aria-labelledby="chart-title chart-desc"' in svg.group(
        0
    )
    assert "2021: 1; 2022: 1; 2023: 1" in svg.group(0)  # the description names every total
    assert svg.group(0).count("<rect") == 3  # one segment a year
    assert '<caption id="timeline-caption">' in html  # the table of every figure
    assert "appears in 3 reviews since 2021" in html
    assert 'href="/search?q=Care+leavers&amp;theme=care-leavers"' in html
    assert 'href="/tracker?theme=care-leavers"' in html
    for council in ("Ashfield District Council", "Dorset Council", "London Borough of Hackney"):
        assert council in html
    recommendations = theme_client.get("/themes/care-leavers?measure=recommendations")
    assert recommendations.status_code == 200
    assert 'aria-current="true">Recommendations' in recommendations.get_data(as_text=True)
    assert theme_client.get("/themes/care-leavers?measure=weather").status_code == 400
    assert theme_client.get("/themes/weather").status_code == 404


@pytest.mark.browser
def test_theme_page_in_a_browser(
    browser: Any,
    live_server: Callable[[Flask], AbstractContextManager[str]],
    theme_app: Flask,
) -> None:
    with live_server(theme_app) as base_url:
        page = browser.new_page()
        try:
            page.goto(f"{base_url}/themes")
            page.get_by_role("link", name="Care leavers", exact=True).click()
            page.wait_for_url(f"{base_url}/themes/care-leavers")
            chart = page.get_by_role("img", name=re.compile("Documents on Care leavers"))
            assert chart.is_visible()
            assert chart.locator("rect").count() == 3
            table = page.get_by_role("table", name=re.compile("per year and council"))
            assert table.get_by_role("row").count() == 4  # a heading row and three years
            assert page.get_by_text("appears in 3 reviews since 2021").is_visible()
            page.get_by_role("link", name="Recommendations", exact=True).click()
            page.wait_for_url(re.compile(r"measure=recommendations"))
            assert page.get_by_role("img", name=re.compile("Recommendations on")).is_visible()
            source = page.get_by_role(
                "link", name=re.compile("Source passage of recommendation 1, Dorset")
            )
            source.click()
            page.wait_for_url(re.compile(r"/documents/.*passage="))
        finally:
            page.close()
