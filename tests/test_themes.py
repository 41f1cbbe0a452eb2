from __future__ import annotations

import pytest

from scrutiny.graph.concepts import DEFAULT_SCHEME_PATH, Concept, ConceptScheme, load_concept_scheme
from scrutiny.ingest.extract.records import Theme
from scrutiny.ingest.extract.themes import (
    assign_themes,
    label_pattern,
    theme_extraction,
    unmatched_phrases,
)


@pytest.fixture(scope="module")
def scheme() -> ConceptScheme:
    return load_concept_scheme(DEFAULT_SCHEME_PATH)


def test_scheme_loads_into_plain_records(scheme: ConceptScheme) -> None:
    assert len(scheme) >= 30
    assert scheme.uri == "https://w3id.org/scrutiny-graph/themes/"
    care_leavers = scheme.by_key("theme:care-leavers")
    assert isinstance(care_leavers, Concept)
    assert care_leavers.pref_label == "Care leavers"
    assert care_leavers.uri == "https://w3id.org/scrutiny-graph/themes/care-leavers"
    assert "https://w3id.org/scrutiny-graph/themes/children-in-care" in care_leavers.broader
    assert all(type(label) is str for label in care_leavers.alt_labels)
    assert care_leavers.definition
    assert care_leavers in scheme.narrower(
        "https://w3id.org/scrutiny-graph/themes/children-in-care"
    )
    for concept in scheme:
        assert concept.key.startswith("theme:") and concept.pref_label
        assert all(scheme.by_uri(uri) is not None for uri in concept.broader)
    labels = {label for concept in scheme for label in concept.alt_labels}
    assert {"CCE", "EHE", "AP", "PRU", "YOT", "UASC", "county lines"} <= labels


def test_plural_and_hyphen_variants_match() -> None:
    assert label_pattern("care leavers").search("a care-leaver said")
    assert label_pattern("care leaver").search("Care Leavers Update")
    assert label_pattern("strip search").search("strip searches of children")
    assert label_pattern("safeguarding policy").search("safeguarding policies")
    assert not label_pattern("care leaver").search("healthcare leavers")


def test_acronyms_are_case_sensitive() -> None:
    assert label_pattern("AP").search("the AP strategy")
    assert not label_pattern("AP").search("an ap strategy")
    assert label_pattern("PRU").search("two PRUs closed")


def test_assign_themes_scores_and_orders(scheme: ConceptScheme) -> None:
    text = (
        "Care leavers told us about housing. Two care leavers were in temporary accommodation. "
        "County lines and CCE remain a concern, as does elective home education (EHE)."
    )
    hits = assign_themes(text, scheme)
    by_key = {hit.concept_key: hit for hit in hits}
    assert {"theme:care-leavers", "theme:housing", "theme:criminal-exploitation",
            "theme:elective-home-education"} <= set(by_key)  # fmt: skip
    assert by_key["theme:criminal-exploitation"].count == 2
    assert by_key["theme:care-leavers"].score > by_key["theme:housing"].score * 0.99
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert all(0 < hit.score <= 1 for hit in hits)
    for hit in hits:
        for label_hit in hit.hits:
            assert text[label_hit.span.start : label_hit.span.end] == label_hit.surface
    # overlapping labels count once: "elective home education" is not also "home education"
    assert by_key["theme:elective-home-education"].count == 2
    assert assign_themes("The weather was fine.", scheme) == ()


def test_theme_extraction_builds_entities(scheme: ConceptScheme) -> None:
    hits = assign_themes("Strip searching of a child; another strip-search was reported.", scheme)
    extraction = theme_extraction(hits)
    themes = [e for e in extraction.entities if isinstance(e, Theme)]
    assert [t.key for t in themes] == ["theme:strip-searching"]
    assert themes[0].concept_uri.endswith("/strip-searching")
    assert len(extraction.mentions) == 2


def test_unmatched_phrases_report_gaps(scheme: ConceptScheme) -> None:
    texts = [
        "The housing register was reviewed. The housing register is long.",
        "Young carers need support. Young carers and the housing register.",
        "Care leavers and care leavers again.",
    ]
    phrases = {p.phrase: p for p in unmatched_phrases(texts, scheme, top=10)}
    assert phrases["housing register"].count == 3
    assert phrases["housing register"].documents == 2
    assert phrases["young carers"].count == 2
    assert "care leavers" not in phrases  # covered by a concept
