from __future__ import annotations

from pathlib import Path

import pytest

from scrutiny.ingest.extract.organisations import (
    DEFAULT_GAZETTEER_PATH,
    GazetteerEntry,
    OrganisationGazetteer,
    OrganisationType,
    find_organisations,
    normalise_name,
)
from scrutiny.ingest.extract.records import Organisation

FIXTURES = Path(__file__).parent / "fixtures" / "entities"
MET = "organisation:metropolitan-police-service"
DFE = "organisation:department-for-education"


@pytest.fixture(scope="module")
def gazetteer() -> OrganisationGazetteer:
    return OrganisationGazetteer.from_csv(DEFAULT_GAZETTEER_PATH)


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    [
        "Met Police",
        "MPS",
        "Metropolitan Police Service",
        "the Met",
        "London Metropolitan Police Service",
        "metropolitan police",
        "The Metropolitan Police's",
    ],
)
def test_police_names_resolve_to_one_node(gazetteer: OrganisationGazetteer, name: str) -> None:
    organisation = gazetteer.resolve(name)
    assert organisation is not None
    assert organisation.key == MET
    assert organisation.label == "Metropolitan Police Service"


@pytest.mark.parametrize(
    "name",
    [
        "Dept of Education",
        "Dept of Ed",
        "DfE",
        "DFE",
        "Department for Education",
        "Dept. for Education",
    ],
)
def test_education_department_names_resolve_to_one_node(
    gazetteer: OrganisationGazetteer, name: str
) -> None:
    organisation = gazetteer.resolve(name)
    assert organisation is not None and organisation.key == DFE


def test_council_acronym_and_short_name(gazetteer: OrganisationGazetteer) -> None:
    lbwf = gazetteer.resolve("LBWF")
    assert lbwf is not None
    assert lbwf.label == "London Borough of Waltham Forest"
    assert lbwf.identifier == "E09000031"
    assert lbwf.aliases == ("LBWF",)
    entry = gazetteer.lookup("Waltham Forest")
    assert entry is not None and entry.type is OrganisationType.COUNCIL
    assert entry.short_name == "Waltham Forest"
    assert gazetteer.resolve("Nonexistent Borough of Nowhere") is None


def test_ambiguous_alias_does_not_resolve_alone(gazetteer: OrganisationGazetteer) -> None:
    assert len(gazetteer.candidates("CSCP")) == 2
    assert gazetteer.resolve("CSCP") is None


def test_gazetteer_rows_are_well_formed(gazetteer: OrganisationGazetteer) -> None:
    entries = gazetteer.entries
    assert len(entries) > 150
    assert all(entry.key.startswith("organisation:") for entry in entries)
    councils = [entry for entry in entries if entry.type is OrganisationType.COUNCIL]
    london_codes = {
        e.identifier for e in councils if e.identifier and e.identifier.startswith("E09")
    }
    assert len(london_codes) == 33  # every London borough plus the City
    # abolished councils whose place a successor took ("Dorset") have no bare short name
    assert all(entry.short_name for entry in councils if entry.identifier in london_codes)


def test_normalise_name_ignores_case_punctuation_and_possessives() -> None:
    assert normalise_name("The Met's") == normalise_name("met")
    assert normalise_name("Dept. of Ed") == "dept of ed"
    assert normalise_name("City & Hackney") == "city and hackney"


def test_text_mentions_merge_and_keep_aliases(gazetteer: OrganisationGazetteer) -> None:
    text = read("transcript_excerpt.txt")
    extraction = find_organisations(text, gazetteer)
    by_key = {entity.key: entity for entity in extraction.entities}
    met = by_key[MET]
    assert isinstance(met, Organisation)
    assert set(met.aliases) == {"The Met", "Metropolitan Police", "MPS"}
    met_surfaces = [m.surface for m in extraction.mentions if m.entity_key == MET]
    assert met_surfaces == ["The Met", "Metropolitan Police", "MPS"]
    # "MPs" (members of parliament) and "met" (the verb) are not the police
    assert all(text[m.span.start : m.span.end] == m.surface for m in extraction.mentions)
    assert "MPs" not in met_surfaces
    assert by_key[DFE].aliases == ("DfE",)
    assert "organisation:home-office" in by_key


def test_table_cell_aliases_and_unlisted_bodies(gazetteer: OrganisationGazetteer) -> None:
    extraction = find_organisations(read("minutes_excerpt.txt"), gazetteer)
    keys = {entity.key for entity in extraction.entities}
    assert {
        DFE,
        "organisation:ministry-of-justice",
        "organisation:london-borough-of-waltham-forest",
        "organisation:mayors-office-for-policing-and-crime",
        "organisation:north-central-london-integrated-care-board",
        "organisation:london-borough-of-brent",
        MET,
    } <= keys
    dfe = next(e for e in extraction.entities if e.key == DFE)
    assert isinstance(dfe, Organisation)
    assert set(dfe.aliases) == {"Dept of Education", "Dept of Ed"}
    # unlisted bodies found by their head noun, at lower confidence
    unlisted = {e.label: e for e in extraction.entities if e.confidence < 0.7}
    assert {"Exploitation and Risk Panel", "Missing Outreach Team", "Youth Justice Service"} <= set(
        unlisted
    )
    # a post is not a body
    assert not any("Head of" in label for label in unlisted)


def test_ambiguous_alias_resolved_by_document_context(gazetteer: OrganisationGazetteer) -> None:
    extraction = find_organisations(read("minutes_excerpt.txt"), gazetteer)
    keys = {entity.key for entity in extraction.entities}
    assert "organisation:camden-safeguarding-children-partnership" in keys
    assert "organisation:croydon-safeguarding-children-partnership" not in keys
    bare = find_organisations("The CSCP met in June.", gazetteer)
    assert bare.entities == ()


def test_duplicate_keys_are_rejected() -> None:
    entry = GazetteerEntry("organisation:x", "X Body", OrganisationType.OTHER)
    with pytest.raises(ValueError, match="duplicate"):
        OrganisationGazetteer([entry, entry])


def test_long_text_is_fast_enough(gazetteer: OrganisationGazetteer) -> None:
    import time

    text = read("transcript_excerpt.txt") * 250  # about 200k characters
    started = time.perf_counter()
    extraction = find_organisations(text, gazetteer)
    assert time.perf_counter() - started < 5
    assert sum(1 for m in extraction.mentions if m.entity_key == MET) == 750


def test_area_partnership_acronyms(gazetteer: OrganisationGazetteer) -> None:
    text = (
        "The Haringey LSCB published its review. Later the Haringey Local Safeguarding "
        "Children Board met again. The LSCB chair and the Rochdale SAB attended."
    )
    extraction = find_organisations(text, gazetteer)
    labels = {entity.label for entity in extraction.entities}
    assert "Haringey Local Safeguarding Children Board" in labels
    assert "Rochdale Safeguarding Adults Board" in labels
    haringey = [
        m
        for m in extraction.mentions
        if m.entity_key.endswith("haringey-local-safeguarding-children-board")
    ]
    assert [m.surface for m in haringey][:1] == ["Haringey LSCB"] and len(haringey) == 2


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "The Secondary Legislation Scrutiny Committee drew the regulations to the "
            "special attention of the House.",
            "House of Lords Secondary Legislation Scrutiny Committee",
        ),
        ("The Treasury Committee took evidence.", "House of Commons Treasury Committee"),
        (
            "The Competition and Markets Authority found the market was not working.",
            "Competition and Markets Authority",
        ),
        ("Ofqual regulates qualifications.", "Ofqual"),
    ],
)
def test_parliament_s_committees_and_national_regulators_are_in_the_register(
    gazetteer: OrganisationGazetteer, text: str, label: str
) -> None:
    labels = {entity.label for entity in find_organisations(text, gazetteer).entities}
    assert label in labels
