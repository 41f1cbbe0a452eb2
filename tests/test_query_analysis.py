"""Reading a query: intent, quoted phrases, named cases and names the graph knows."""

from __future__ import annotations

import pytest

from scrutiny.search.query import Intent, Lexicon, LexiconEntry, analyse

EMPTY = Lexicon([])


@pytest.mark.parametrize(
    ("query", "intent"),
    [
        ("what was promised on Child Q learning", Intent.COMMITMENTS),
        ("who committed to a written response on elective home education", Intent.COMMITMENTS),
        ("who is responsible for the housing protocol", Intent.OWNERS),
        ("which service monitors progress on care leaver housing", Intent.OWNERS),
        ("which recommendations were rejected", Intent.RESPONSES),
        ("compensation for infected blood victims response", Intent.RESPONSES),
        ("government response on a standing compensation body", Intent.RESPONSES),
        ("how did the council respond to the review", Intent.RESPONSES),
        ("council responded to the recommendations on school exclusions", Intent.RESPONSES),
        # "response" as a service, not a body's reply to findings
        ("rapid two day response for children at risk of exploitation", Intent.GENERAL),
        ("police response to missing children", Intent.GENERAL),
        ("council tax exemption for care leavers", Intent.GENERAL),
    ],
)
def test_intent(query: str, intent: Intent) -> None:
    assert analyse(query, EMPTY).intent is intent


def test_quoted_phrases_are_kept_and_unquoted_in_the_text() -> None:
    analysis = analyse('care leavers "council tax" and “leaving care coach”', EMPTY)
    assert analysis.phrases == ("council tax", "leaving care coach")
    assert analysis.text == "care leavers council tax and leaving care coach"


def test_named_cases_but_not_possessives_of_other_words() -> None:
    assert analyse("learning from Child Q and child c", EMPTY).cases == (
        "case:child-q",
        "case:child-c",
    )
    assert analyse("a child's voice", EMPTY).cases == ()


def test_organisation_aliases_expand_and_acronyms_match_by_case() -> None:
    lexicon = Lexicon(
        [
            LexiconEntry(
                "MPS", "org:met", "organisation", ("Metropolitan Police Service", "the Met")
            ),
            LexiconEntry("Metropolitan Police Service", "org:met", "organisation"),
            LexiconEntry("care leavers", "theme:care-leavers", "theme", ("care experienced",)),
        ]
    )
    analysis = analyse("MPS strip searches of care leavers", lexicon)
    assert analysis.organisations == ("org:met",)
    assert analysis.themes == ("theme:care-leavers",)
    assert analysis.expansions == ("Metropolitan Police Service", "the Met")
    # a lower-case word that spells an acronym is not the acronym
    assert analyse("mps", lexicon).organisations == ()
    assert analysis.describe().expanded_with == ("Metropolitan Police Service", "the Met")


@pytest.mark.parametrize(
    ("query", "stems"),
    [
        ("who monitors progress on care leaver housing", ("monitor",)),
        ("who is responsible for and who chairs the panel", ("responsib", "chair")),
        ("which team leads on elective home education", ("lead",)),
        # only owner questions carry a role
        ("monitoring of care leaver housing", ()),
    ],
)
def test_owner_questions_name_the_role_asked_about(query: str, stems: tuple[str, ...]) -> None:
    assert analyse(query, EMPTY).role_stems == stems
