"""The register of UK public bodies (data/gazetteer/*.csv): complete per nation, codes
well formed, successors resolvable, and no two bodies answering to one full name."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pytest

from scrutiny.ingest.extract.organisations import (
    DEFAULT_GAZETTEER_PATH,
    OrganisationGazetteer,
    OrganisationType,
    gazetteer_files,
    normalise_name,
    read_gazetteer_rows,
)

ROWS = read_gazetteer_rows(DEFAULT_GAZETTEER_PATH)
BY_KEY = {row["key"]: row for row in ROWS}
COUNCILS = [row for row in ROWS if row["type"] == "council"]
CURRENT = [row for row in COUNCILS if row["status"] == "current"]
GAZETTEER = OrganisationGazetteer.from_csv()

# Principal councils in 2025 (after the 2023 unitarisations of Cumbria, North Yorkshire
# and Somerset): 317 in England, 22 in Wales, 32 in Scotland, 11 in Northern Ireland.
EXPECTED_CURRENT = {
    ("England", "county"): 21,
    ("England", "district"): 164,
    ("England", "unitary"): 62,
    ("England", "metropolitan borough"): 36,
    ("England", "london borough"): 32,
    ("England", "sui generis"): 2,  # City of London, Isles of Scilly
    ("Wales", "principal area"): 22,
    ("Scotland", "council area"): 32,
    ("Northern Ireland", "ni district"): 11,
}
GSS_PREFIX = {
    "county": "E10",
    "district": "E07",
    "unitary": "E06",
    "metropolitan borough": "E08",
    "london borough": "E09",
    "principal area": "W06",
    "council area": "S12",
    "ni district": "N09",
}


def test_the_register_is_read_from_every_file() -> None:
    names = {path.name for path in gazetteer_files(DEFAULT_GAZETTEER_PATH)}
    assert {"organisations.csv", "councils.csv", "police.csv", "health.csv"} <= names
    assert "national.csv" in names
    assert len(BY_KEY) == len(ROWS), "a key appears twice"


def test_current_councils_per_nation_and_kind() -> None:
    counted = Counter((row["nation"], row["kind"]) for row in CURRENT)
    assert counted == EXPECTED_CURRENT
    per_nation = Counter(row["nation"] for row in CURRENT)
    assert per_nation == {"England": 317, "Wales": 22, "Scotland": 32, "Northern Ireland": 11}


def test_gss_codes_are_well_formed_and_unique() -> None:
    codes = [row["identifier"] for row in COUNCILS if row["identifier"]]
    assert len(codes) == len(set(codes))
    for row in COUNCILS:
        code = row["identifier"]
        if not code:
            assert row["status"] == "abolished", row["label"]  # pre-2011 bodies
            continue
        assert re.fullmatch(r"[EWSN]\d{8}", code), code
        if row["kind"] in GSS_PREFIX:
            assert code.startswith(GSS_PREFIX[row["kind"]]), (row["label"], code)
    assert all(row["identifier"] for row in CURRENT)


@pytest.mark.parametrize(
    ("abolished", "successors"),
    [
        ("Borough of Poole", {"Bournemouth, Christchurch and Poole Council"}),
        ("Christchurch Borough Council", {"Bournemouth, Christchurch and Poole Council"}),
        (
            "Northamptonshire County Council",
            {"North Northamptonshire Council", "West Northamptonshire Council"},
        ),
        ("Cumbria County Council", {"Cumberland Council", "Westmorland and Furness Council"}),
        ("Harrogate Borough Council", {"North Yorkshire Council"}),
        ("Mendip District Council", {"Somerset Council"}),
        ("Taunton Deane Borough Council", {"Somerset West and Taunton Council"}),
        ("Aylesbury Vale District Council", {"Buckinghamshire Council"}),
        ("Congleton Borough Council", {"Cheshire East Council"}),
        ("Cheshire County Council", {"Cheshire East Council", "Cheshire West and Chester Council"}),
        ("Caradon District Council", {"Cornwall Council"}),
        ("Larne Borough Council", {"Mid and East Antrim Borough Council"}),
    ],
)
def test_abolished_councils_name_their_successors(abolished: str, successors: set[str]) -> None:
    row = next(r for r in COUNCILS if r["label"] == abolished)
    assert row["status"] == "abolished" and row["abolished"]
    assert {BY_KEY[key]["label"] for key in row["successors"].split("|")} == successors


def test_every_abolished_council_leads_to_a_current_one() -> None:
    for row in COUNCILS:
        seen = 0
        while row["status"] == "abolished":
            assert row["successors"], row["label"]
            row = BY_KEY[row["successors"].split("|")[0]]
            seen += 1
            assert seen < 5
        assert row["status"] == "current"


def test_no_full_name_belongs_to_two_bodies() -> None:
    """An acronym may be shared (the text around it decides); a full name may not."""
    owners: dict[str, set[str]] = defaultdict(set)
    for row in ROWS:
        for name in [row["label"], *row["aliases"].split("|")]:
            if name.strip():
                owners[normalise_name(name)].add(row["key"])
    shared = {
        name: keys
        for name, keys in owners.items()
        if len(keys) > 1 and not re.fullmatch(r"[a-z]{2,6}", name.replace(" ", ""))
    }
    assert shared == {}
    # nor an acronym two current councils answer to without a word of difference
    places = Counter(row["short_name"] for row in CURRENT)
    assert [p for p, n in places.items() if n > 1] == []
    assert all(row["short_name"] for row in CURRENT)


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Slough Borough Council", "Slough Borough Council"),
        ("Slough Council", "Slough Borough Council"),
        ("London Borough of Hackney", "London Borough of Hackney"),
        ("Hackney Council", "London Borough of Hackney"),
        ("Royal Borough of Kensington and Chelsea", "Royal Borough of Kensington and Chelsea"),
        ("Kensington and Chelsea Council", "Royal Borough of Kensington and Chelsea"),
        ("BCP Council", "Bournemouth, Christchurch and Poole Council"),
        ("Poole Borough Council", "Borough of Poole"),
        ("Hull City Council", "Hull City Council"),
        ("Newcastle City Council", "Newcastle City Council"),
        ("Newcastle-under-Lyme Borough Council", "Newcastle-under-Lyme Borough Council"),
        ("Cyngor Sir y Fflint", "Flintshire County Council"),
        ("Comhairle nan Eilean Siar", "Comhairle nan Eilean Siar"),
        ("Hampshire Constabulary", "Hampshire and Isle of Wight Constabulary"),
        ("Police Scotland", "Police Scotland"),
        ("PSNI", "Police Service of Northern Ireland"),
        ("NCL ICB", "North Central London Integrated Care Board"),
        ("NHS Greater Glasgow and Clyde", "NHS Greater Glasgow and Clyde"),
        ("Hywel Dda University Health Board", "Hywel Dda University Health Board"),
        ("HMICFRS", "HM Inspectorate of Constabulary and Fire & Rescue Services"),
        ("HMI Probation", "HM Inspectorate of Probation"),
        ("Estyn", "Estyn"),
        ("CIW", "Care Inspectorate Wales"),
        ("DCSF", "Department for Children, Schools and Families"),
        ("Home Affairs Select Committee", "House of Commons Home Affairs Committee"),
        ("Lords Public Services Committee", "House of Lords Public Services Committee"),
        ("Westminster Hall", "Westminster Hall"),
        ("Hansard", "Hansard"),
        ("Youth Justice Board", "Youth Justice Board for England and Wales"),
        ("Child Safeguarding Practice Review Panel", "Child Safeguarding Practice Review Panel"),
        ("Children's Commissioner", "Children's Commissioner for England"),
        ("IICSA", "Independent Inquiry into Child Sexual Abuse"),
    ],
)
def test_common_name_forms_resolve(name: str, label: str) -> None:
    entry = GAZETTEER.lookup(name)
    assert entry is not None and entry.label == label


def test_register_covers_each_kind_of_body() -> None:
    kinds = Counter((row["type"], row.get("kind") or "") for row in ROWS)
    assert kinds[("police", "territorial police force")] == 45  # 43 + Scotland + PSNI
    assert kinds[("health", "integrated care board")] == 42
    assert kinds[("health", "local health board")] == 7
    assert kinds[("health", "territorial health board")] == 14
    types = {OrganisationType(row["type"]) for row in ROWS}
    assert {OrganisationType.PARLIAMENT, OrganisationType.INQUIRY} <= types
