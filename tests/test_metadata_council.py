"""Which council a document is about: full names count at once, a place name alone only
where it is not part of a longer name and recurs in proportion to the text's length."""

from __future__ import annotations

import pytest

from scrutiny.ingest.metadata import CouncilDirectory, CouncilName

COUNCILS = CouncilDirectory(
    (
        CouncilName(
            "London Borough of Sutton",
            ("London Borough of Sutton", "Sutton", "Sutton Council"),
            "Sutton",
        ),
        CouncilName(
            "London Borough of Hackney",
            ("Hackney", "Hackney Council", "London Borough of Hackney"),
            "Hackney",
        ),
    )
)
FILLER = "The committee considered the report and noted its contents. " * 40


@pytest.mark.parametrize(
    ("text", "council"),
    [
        ("Minutes of Sutton Council's People Committee.", "London Borough of Sutton"),
        ("Young people in Hackney told us about housing.", "London Borough of Hackney"),
        ("Opportunities provided by | Accept | Sutton |", "London Borough of Sutton"),
        # a surname, a street, a company: not the council
        ("Present: Joan Washington, Keith Sutton.", None),
        ("Resolution for 19211 Nottingham Road and Sutton Road (Ward 10).", None),
        ("Land conveyed to Hackney & Western Railway Co. by deed.", None),
        ("In Hackney, the Council agreed.", "London Borough of Hackney"),
    ],
)
def test_council_named_by_the_text(text: str, council: str | None) -> None:
    assert COUNCILS.most_mentioned(text) == council


def test_a_lone_place_name_in_a_long_text_is_not_enough() -> None:
    long_text = FILLER * 50 + " a parcel of land belonging to Sutton. " + FILLER * 50
    assert len(long_text) > 200_000
    assert COUNCILS.most_mentioned(long_text) is None
    # named in full, once, it still counts
    assert COUNCILS.most_mentioned(long_text + " Sutton Council") == "London Borough of Sutton"
    # and a place name that recurs with the length of the text counts too
    recurring = (FILLER * 20 + " in Hackney. ") * 10
    assert COUNCILS.most_mentioned(recurring) == "London Borough of Hackney"
