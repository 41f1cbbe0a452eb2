"""Findings tables: subjects, lead agencies and the no-recommendation flag."""

from __future__ import annotations

from pathlib import Path

from scrutiny.ingest.extract.findings import extract_findings
from scrutiny.ingest.extract.records import Finding

FIXTURES = Path(__file__).parent / "fixtures" / "structured"
SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def canonical(path: Path) -> str:
    return path.read_bytes().decode("utf-8").replace("\r\n", "\n")


def findings(text: str) -> dict[str, Finding]:
    return {e.number: e for e in extract_findings(text).entities if isinstance(e, Finding)}


def test_tab_separated_findings_table() -> None:
    text = canonical(FIXTURES / "findings_tab_table.txt")
    found = findings(text)
    assert sorted(found) == [str(n) for n in range(1, 9)]
    assert found["1"].subject == "Elected Home Education"
    assert found["1"].leads == ("Dept of Education",)
    assert found["2"].leads == ("LBWF", "MOPAC", "Dept of Ed", "Ministry of Justice")
    assert found["3"].leads == ("LBWF", "Dept of Ed")
    assert {n for n, f in found.items() if f.no_recommendation} == {"4", "5", "7"}
    assert found["4"].leads == ()
    assert found["4"].subject == (
        "Information sharing between Nottinghamshire Police and other agencies"
    )
    for finding in found.values():
        assert finding.span.slice(text).startswith(f"Finding {finding.number}\t")
        assert finding.key == f"finding-{finding.number}"


def test_seed_child_c_report() -> None:
    text = canonical(SAMPLES / "002_30d3b176eebd27ec.txt")
    found = findings(text)
    assert len(found) == 8
    assert {n for n, f in found.items() if f.no_recommendation} == {"4", "5", "7"}
    assert found["8"].leads == ("LBWF",)


def test_pipe_table_with_header_columns() -> None:
    text = (
        "| Finding | Lead agency | Subject |\n|---|---|---|\n"
        "| Finding 1 | Police and Health | Missing episodes |\n"
        "| Finding 2 | No recommendation required | Housing referrals |\n"
    )
    found = findings(text)
    assert found["1"].subject == "Missing episodes"
    assert found["1"].leads == ("Police and Health",)  # single words are not split
    assert found["2"].no_recommendation and found["2"].leads == ()


def test_prose_finding_headings() -> None:
    text = "Finding 1: Professionals did not share information\nBody text.\n"
    found = findings(text)
    assert found["1"].subject == "Professionals did not share information"
    assert found["1"].span.slice(text) == "Professionals did not share information"
    assert found["1"].confidence < 0.9


def test_documents_without_findings() -> None:
    for name in (
        "000_d36982314f02b529.txt",
        "001_e6f87c9fb8f3a54e.txt",
    ):
        assert extract_findings(canonical(SAMPLES / name)).entities == ()
    # The audit's result is a finding of that document, though it has no findings table.
    (audit,) = extract_findings(canonical(SAMPLES / "004_fae1e0df7bdcf8f7.txt")).entities
    assert isinstance(audit, Finding)
    assert audit.subject.startswith("The audit showed that the ethnic and cultural needs")
    # "Finding 3:" in the middle of a line is a reference, not a heading
    assert extract_findings(canonical(FIXTURES / "prose_recommendations.txt")).entities == ()
