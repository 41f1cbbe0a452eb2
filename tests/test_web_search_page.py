"""The HTML results page over a real KnowledgeBase (the sample corpus, hashing embedder):
filters and facets, query interpretation, entity cards, ranking details, escaping."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from flask.testing import FlaskClient

from scrutiny.results import (
    DocumentRef,
    EntityRef,
    Explanation,
    Interpretation,
    SearchFilters,
    SearchHit,
    SearchResponse,
)
from scrutiny.search.ranking import SignalScore
from scrutiny.service import KnowledgeBase
from scrutiny.web import create_app

PARTIAL = "partially accepted"
REC7_QUERY = "entitled to support until the age of 25"


@pytest.fixture()
def client(sample_kb: KnowledgeBase) -> FlaskClient:
    return create_app({"TESTING": True}, knowledge_base=sample_kb).test_client()


def get_page(client: FlaskClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ").split())


def results(page: BeautifulSoup) -> list[Tag]:
    """The results in rank order (the page groups them by document)."""
    return sorted(page.select("li.result"), key=lambda li: int(str(li["id"]).split("-")[-1]))


def card_of(result: Tag) -> Tag | None:
    card = result.select_one(".entity-card")
    return card


def card_rows(card: Tag) -> dict[str, str]:
    return {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in card.select("dt")}


def query_of(href: str) -> dict[str, list[str]]:
    split = urlsplit(href)
    assert split.path == "/search"
    return parse_qs(split.query)


# filters and facets ---------------------------------------------------------------------


def test_total_and_facets_with_counts_match_the_service(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    expected = sample_kb.search("care leavers housing")
    page = get_page(client, "/search?q=care+leavers+housing")
    assert text_of(page.select_one("#results-heading")).startswith(
        f"{expected.total} passages match"
    )
    assert len(results(page)) == len(expected.results) < expected.total
    for name in ("kind", "status", "theme", "council", "committee", "year"):
        section = page.select_one(f"#facet-{name}")
        assert section is not None, f"facet {name} missing"
        shown = {
            text_of(li.select_one(".facet-value")).removesuffix(" (no entity)"): int(
                text_of(li.select_one(".count"))
            )
            for li in section.select("li")
        }
        assert shown == expected.facets[name]


def test_a_facet_link_applies_its_filter(client: FlaskClient, sample_kb: KnowledgeBase) -> None:
    page = get_page(client, "/search?q=care+leavers+housing&limit=5")
    link = next(a for a in page.select("#facet-status a") if text_of(a) == PARTIAL)
    href = str(link["href"])
    assert query_of(href) == {"q": ["care leavers housing"], "status": [PARTIAL], "limit": ["5"]}

    filtered = get_page(client, href)
    expected = sample_kb.search("care leavers housing", 5, filters=SearchFilters(status=PARTIAL))
    assert (
        expected.results
        and expected.total == sample_kb.search("care leavers housing").facets["status"][PARTIAL]
    )
    assert text_of(filtered.select_one("#results-heading")).startswith(f"{expected.total} passage")
    assert [text_of(r.select_one("h2 a")) for r in results(filtered)] == [
        hit.document.title for hit in expected.results
    ]
    active = filtered.select_one(".active-filters")
    assert "response status: partially accepted" in text_of(active)
    # the active value is shown, not linked, in its facet
    current = filtered.select_one("#facet-status [aria-current]")
    assert text_of(current) == PARTIAL
    # the filter is kept when searching again from the box
    hidden = filtered.select_one('form.search-form input[type="hidden"][name="status"]')
    assert hidden is not None and hidden["value"] == PARTIAL


def test_the_remove_link_drops_only_that_filter(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=care+leavers&status=accepted&year=2020&explain=1")
    removers = {str(a["aria-label"]): str(a["href"]) for a in page.select(".active-filter a")}
    assert set(removers) == {
        "Remove the response status filter accepted",
        "Remove the year filter 2020",
    }
    without_status = query_of(removers["Remove the response status filter accepted"])
    assert without_status == {"q": ["care leavers"], "year": ["2020"], "explain": ["1"]}
    without_year = query_of(removers["Remove the year filter 2020"])
    assert without_year == {"q": ["care leavers"], "status": ["accepted"], "explain": ["1"]}
    follow = get_page(client, removers["Remove the year filter 2020"])
    assert [text_of(f) for f in follow.select(".active-filter strong")] == ["accepted"]


def test_status_filter_shows_only_partially_accepted_recommendations(
    client: FlaskClient,
) -> None:
    page = get_page(client, "/search?q=recommendation&status=partially+accepted")
    cards = [card_of(result) for result in results(page)]
    assert cards and all(card is not None for card in cards)
    labels = {text_of(card.select_one(".entity-card-label")) for card in cards if card}
    assert labels == {"Recommendation 5", "Recommendation 10", "Recommendation 12"}
    badges = [text_of(badge) for badge in page.select(".result .badge")]
    assert badges == [PARTIAL] * 3
    assert all("status-partial" in badge["class"] for badge in page.select(".result .badge"))


def test_the_passage_kind_is_counted_but_not_offered_as_a_filter(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=care+leavers+housing")
    kinds = page.select_one("#facet-kind")
    assert kinds is not None
    linked = {text_of(a) for a in kinds.select("a")}
    assert "passage" not in linked and "recommendation" in linked
    assert "passage (no entity)" in text_of(kinds)


def test_an_invalid_year_is_an_html_400(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=children&year=last", 400)
    assert "year must be a whole number" in text_of(page.select_one(".error-message"))


# entity cards ---------------------------------------------------------------------------


def test_entity_card_shows_the_recommendation_owners_status_and_response(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    hit = next(h for h in sample_kb.search(REC7_QUERY).results if h.entity is not None)
    assert hit.entity is not None and hit.entity.label == "Recommendation 7"
    page = get_page(client, "/search?q=" + REC7_QUERY.replace(" ", "+"))
    card = next(
        card
        for result in results(page)
        if (card := card_of(result)) is not None
        and text_of(card.select_one(".entity-card-label")) == "Recommendation 7"
    )
    link = card.select_one(".entity-card-label")
    assert link is not None and link["href"] == f"/entities/{hit.entity.id}"
    assert text_of(card.select_one(".kind")) == "recommendation"
    assert text_of(card.select_one(".badge")) == "accepted"
    assert "status-accepted" in card.select_one(".badge")["class"]  # type: ignore[index]
    rows = card_rows(card)
    assert rows["Owners"] == "Corporate Parenting Team, Voice and Influence"
    assert rows["Response"].startswith("We will undertake a survey by Voices in partnership")


def test_entity_card_of_a_commitment_shows_who_made_it_and_when_due(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    query = "what was promised on care leaver housing"
    expected = sample_kb.search(query).results
    page = get_page(client, "/search?q=" + query.replace(" ", "+"))
    for hit, result in zip(expected, results(page), strict=True):
        card = card_of(result)
        if hit.entity is None:
            assert card is None
            continue
        assert card is not None
        assert text_of(card.select_one(".entity-card-label")) == hit.entity.label
        if hit.entity.kind != "commitment":
            continue
        rows = card_rows(card)
        made_by = hit.entity.attributes.get("made_by") or []
        assert rows["Made by"] == (", ".join(made_by) if made_by else "Not recorded")
        assert rows["Due"] == (hit.entity.attributes.get("due") or "Not recorded")
    assert any(h.entity and h.entity.kind == "commitment" for h in expected)


def test_hits_without_an_entity_have_no_card(client: FlaskClient, sample_kb: KnowledgeBase) -> None:
    expected = sample_kb.search(REC7_QUERY).results
    assert any(hit.entity is None for hit in expected)
    page = get_page(client, "/search?q=" + REC7_QUERY.replace(" ", "+"))
    assert [card_of(r) is not None for r in results(page)] == [
        hit.entity is not None for hit in expected
    ]


# ranking details ------------------------------------------------------------------------


def test_ranking_details_appear_only_with_explain(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    plain = get_page(client, "/search?q=care+leavers+housing&limit=3")
    assert plain.select("details.explain") == []
    toggle = next(a for a in plain.select(".shown-count a") if "ranked" in text_of(a))
    assert query_of(str(toggle["href"]))["explain"] == ["1"]
    checkbox = plain.select_one('form.search-form input[name="explain"]')
    assert checkbox is not None and not checkbox.has_attr("checked")

    expected = sample_kb.search("care leavers housing", 3, explain=True).results
    page = get_page(client, "/search?q=care+leavers+housing&limit=3&explain=1")
    blocks = page.select("li.result details.explain")
    assert len(blocks) == len(expected) == 3
    for block, hit in zip(blocks, expected, strict=True):
        assert hit.explanation is not None
        retrievers = {
            str(row["data-retriever"]): [text_of(td) for td in row.select("td")]
            for row in block.select("tr[data-retriever]")
        }
        assert retrievers == {
            s.name: ["–" if s.rank is None else str(s.rank), f"{s.score:.4f}"]
            for s in hit.explanation.signals
        }
        scores = {text_of(dt): text_of(dt.find_next_sibling("dd")) for dt in block.select("dt")}
        assert scores["Final"] == f"{hit.explanation.final:.4f}"
        assert scores["Fused"] == f"{hit.explanation.fused:.4f}"
    checkbox = page.select_one('form.search-form input[name="explain"]')
    assert checkbox is not None and checkbox.has_attr("checked")


def test_boosts_are_listed_by_name(client: FlaskClient, sample_kb: KnowledgeBase) -> None:
    query = "what was promised on care leaver housing"
    hit = sample_kb.search(query, 1, explain=True).results[0]
    assert hit.explanation is not None and hit.explanation.boosts
    page = get_page(client, "/search?q=" + query.replace(" ", "+") + "&limit=1&explain=1")
    block = page.select_one("details.explain")
    boosts = text_of(block.find("dt", string="Boosts").find_next_sibling("dd"))  # type: ignore[union-attr]
    for name, value in hit.explanation.boosts:
        assert f"{name} {value:+.4f}" in boosts


# interpretation -------------------------------------------------------------------------


def test_interpretation_of_a_commitments_question(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=what+was+promised+on+care+leaver+housing")
    section = page.select_one(".interpretation")
    assert section is not None
    assert text_of(section.select_one(".intent")).startswith("Read as a question about commitments")
    themes = {text_of(a): a["href"] for a in section.select("a")}
    assert themes == {
        "Care leavers": "/entities/theme:care-leavers",
        "Housing": "/entities/theme:housing",
    }


def test_interpretation_names_the_case_and_expands_the_organisation_alias(
    client: FlaskClient,
) -> None:
    page = get_page(client, "/search?q=who+is+responsible+for+MPS+training+Child+Q")
    section = page.select_one(".interpretation")
    assert section is not None
    assert text_of(section.select_one(".intent")) == "Read as a question about who is responsible."
    text = text_of(section)
    assert "Case: Child Q" in text
    assert "Organisation: MPS → Metropolitan Police Service" in text
    assert "Also searched for:" in text and "“Met Police”" in text


def test_a_general_query_has_no_interpretation_line(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=" + REC7_QUERY.replace(" ", "+"))
    assert page.select_one(".interpretation") is None


def test_a_quoted_phrase_is_shown_as_read(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=%22In+My+Shoes%22+training")
    assert "Exact phrase: “In My Shoes”" in text_of(page.select_one(".interpretation"))


def test_the_tip_explains_phrases_and_questions(client: FlaskClient) -> None:
    for url in ("/search", "/search?q=children", "/"):
        tip = text_of(get_page(client, url).select_one("#search-tip"))
        assert "“exact phrases”" in tip
        assert "what was promised on…" in tip and "who is responsible for…" in tip


# escaping and honesty -------------------------------------------------------------------


def test_raw_tags_in_passages_show_as_text(client: FlaskClient) -> None:
    response = client.get("/search?q=In+My+Shoes+training")
    body = response.get_data(as_text=True)
    assert "&lt;p&gt;" in body
    page = BeautifulSoup(body, "html.parser")
    assert page.select(".passage p") == []
    assert any("<p>" in text_of(p) for p in page.select(".passage"))


def test_everything_from_the_service_is_escaped(
    client: FlaskClient, sample_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile = "<script>alert(1)</script>"
    hit = SearchHit(
        rank=1,
        score=0.5,
        kind="passage",
        id="doc-p1",
        text=f"<p>{hostile}</p>",
        start=0,
        end=30,
        document=DocumentRef("doc", f"Title {hostile}", f"Council {hostile}", "2024-01-01"),
        section=hostile,
        entity=EntityRef(
            "entity-1",
            "recommendation",
            f"Label {hostile}",
            {"status": hostile, "owners": [hostile], "comment": hostile},
            0,
            10,
        ),
        explanation=Explanation(
            signals=(SignalScore(hostile, 1, 1.0),),
            fused=0.1,
            boosts=((hostile, 0.01),),
            final=0.11,
        ),
    )
    response = SearchResponse(
        query="anything",
        results=(hit,),
        total=1,
        facets={"theme": {hostile: 1}},
        interpretation=Interpretation("general", phrases=(hostile,), expanded_with=(hostile,)),
    )
    monkeypatch.setattr(sample_kb, "search", lambda *args, **kwargs: response)
    body = client.get("/search?q=anything&explain=1").get_data(as_text=True)
    assert "<script>" not in body
    assert body.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 10
    page = BeautifulSoup(body, "html.parser")
    assert page.select("main script, main p p") == []
    assert "status-other" in page.select_one(".badge")["class"]  # type: ignore[index]


def test_nonsense_query_says_no_results(client: FlaskClient) -> None:
    page = get_page(client, "/search?q=xqzzv+blorfle")
    assert text_of(page.select_one("#results-heading")) == "No results for “xqzzv blorfle”"
    assert results(page) == [] and page.select_one("#refine") is None
    assert "Nothing in the knowledge base matched this query." in text_of(
        page.select_one(".no-results")
    )


def test_no_results_with_filters_offers_to_drop_them(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    assert sample_kb.search("care leavers", filters=SearchFilters(status="rejected")).total == 0
    page = get_page(client, "/search?q=care+leavers&status=rejected")
    assert text_of(page.select_one("#results-heading")) == "No results for “care leavers”"
    message = page.select_one(".no-results")
    assert "with these filters" in text_of(message)
    link = message.select_one("a") if message else None
    assert link is not None and query_of(str(link["href"])) == {"q": ["care leavers"]}


def test_results_that_answer_list_the_promises_above_the_passages(
    client: FlaskClient, sample_kb: KnowledgeBase
) -> None:
    query = "what was promised on care leaver housing"
    response = sample_kb.search(query)
    rows = sample_kb.answer_rows(response)
    assert rows, "the samples hold commitments on care leavers' housing"
    assert {row.kind for row in rows} <= {"recommendation", "commitment"}
    hit_entities = {hit.entity.id for hit in response.results if hit.entity}
    assert all(row.id in hit_entities or row.kind == "recommendation" for row in rows)
    page = get_page(client, "/search?q=" + query.replace(" ", "+"))
    section = page.select_one("section.answers")
    assert section is not None
    assert [th.get_text() for th in section.select("thead th")] == [
        "Who", "What", "When", "Status", "Source",
    ]  # fmt: skip
    table_rows = section.select("tbody tr")
    assert len(table_rows) == min(len(rows), 10)
    for tr, row in zip(table_rows, rows, strict=False):
        links = [a["href"] for a in tr.select("a")]
        assert f"/entities/{row.id}" in links[0]
        assert row.source_link in links
    # The section comes before the passages.
    assert str(page).index('class="answers"') < str(page).index('class="results"')


def test_results_are_grouped_by_document(client: FlaskClient, sample_kb: KnowledgeBase) -> None:
    response = sample_kb.search("care leavers", 20)
    page = get_page(client, "/search?q=care+leavers&limit=20")
    order = [int(str(li["id"]).split("-")[-1]) for li in page.select("li.result")]
    by_rank = {hit.rank: hit.document.id for hit in response.results}
    documents = [by_rank[rank] for rank in order]
    # Each document's results are together, and the documents come by their best result.
    seen: list[str] = []
    for document in documents:
        if not seen or seen[-1] != document:
            assert document not in seen, "a document's results are split"
            seen.append(document)
    firsts = [order[documents.index(document)] for document in seen]
    assert firsts == sorted(firsts)
    for li in page.select("li.result-same-document"):
        assert "Also in this document" in text_of(li)
