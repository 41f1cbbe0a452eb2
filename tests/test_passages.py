from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scrutiny.ingest.passages import MAX_CHARS, clean, split_passages
from scrutiny.ingest.records import PassageKind

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"

PAGE_BROKEN_TABLE = """\
| Recommendation | Accept or Reject | Organisation | Comments |
|---|---|---|---|
| Recommendation 1: Simplify the payment process | Accepted | Corporate Parenting | Done. |
| Care Leavers | | | |
| Recommendation 2: A leaving care coach is simplified | Accept | Parenting Team/ | We survey |

| | | | |
|---|---|---|---|
| and well signposted, including face to face. | | Voice and Influence | |
| Recommendation 3: <p>Standardise careers training</p> | Amend | Families | Ongoing |
"""


def test_a_table_row_broken_across_a_page_is_one_passage() -> None:
    passages = split_passages(PAGE_BROKEN_TABLE)
    rows = [p for p in passages if p.kind is PassageKind.TABLE_ROW]
    assert len(rows) == 3
    for number, row in enumerate(rows, start=1):
        assert f"Recommendation {number}:" in row.search_text
    second = rows[1]
    cited = second.span.slice(PAGE_BROKEN_TABLE)
    assert cited.startswith("| Recommendation 2")
    assert "and well signposted" in cited and "Voice and Influence" in cited
    assert "Recommendation 3" not in cited
    assert second.section == "Care Leavers"
    assert "Care Leavers:" in second.search_text


def test_markup_inside_cells_is_removed_from_search_text_only() -> None:
    row = next(p for p in split_passages(PAGE_BROKEN_TABLE) if "Recommendation 3" in p.search_text)
    assert "<p>" not in row.search_text
    assert "<p>" in row.span.slice(PAGE_BROKEN_TABLE)


def test_tab_separated_rows_are_passages() -> None:
    text = (
        "Findings\n\nNumber\tSubject\tLead\nFinding 1\tElective home education\tDept of Education\n"
    )
    rows = [p for p in split_passages(text) if p.kind is PassageKind.TABLE_ROW]
    assert any("Finding 1" in r.search_text and "Dept of Education" in r.search_text for r in rows)


def test_headings_open_passages_and_label_their_section() -> None:
    text = (
        "5.4 Changes in the pipeline\n\n"
        "- 5.4.1 A video is being developed by young people.\n"
        "- 5.4.2 We are developing a pathway from the hospital into the MASH.\n\n"
        "6. Equalities\n\nAll actions are part of the action plan.\n"
    )
    passages = split_passages(text)
    first = passages[0]
    assert first.span.slice(text).startswith("5.4 Changes in the pipeline")
    assert "5.4.2 We are developing" in first.span.slice(text)
    assert passages[-1].section == "6. Equalities"
    assert passages[-1].span.slice(text).startswith("6. Equalities")


def test_a_transcript_becomes_overlapping_sentence_windows() -> None:
    sentences = [f"Speaker {i} said that the plan number {i} was agreed." for i in range(200)]
    text = "Transcript\n" + " ".join(sentences) + "\n"
    windows = [p for p in split_passages(text) if p.kind is PassageKind.TRANSCRIPT]
    assert len(windows) > 10
    assert all(p.span.end - p.span.start <= MAX_CHARS + 200 for p in windows)
    for before, after in pairwise(windows):
        assert after.span.start < before.span.end, "windows overlap by a sentence"
    covered = "".join(p.span.slice(text) for p in windows)
    assert "Speaker 199 said" in covered


def test_every_sample_passage_cites_its_text() -> None:
    for path in sorted(SAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        passages = split_passages(text)
        assert passages, path
        for passage in passages:
            cited = clean(passage.span.slice(text))
            assert cited, (path, passage)
            first_words = " ".join(cited.split()[:3])
            assert first_words in passage.search_text or passage.kind is PassageKind.TABLE_ROW


def test_recommendation_7_of_the_sample_response_table_is_whole() -> None:
    text = (SAMPLES / "000_d36982314f02b529.txt").read_text(encoding="utf-8")
    matches = [p for p in split_passages(text) if "Recommendation 7:" in p.search_text]
    assert len(matches) == 1
    cited = matches[0].span.slice(text)
    assert "criteria for access to a leaving care coach" in cited
    assert "entitled to support until the age of 25" in cited
    assert "Recommendation 8" not in cited


lines = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
    st.builds(
        lambda cells: "| " + " | ".join(cells) + " |", st.lists(st.text(max_size=40), max_size=5)
    ),
    st.sampled_from(
        ["", "|---|---|", "| | | |", "- bullet item.", "1.2 Numbered paragraph.", "# Heading"]
    ),
    st.builds(lambda n: "Sentence here. " * n, st.integers(min_value=50, max_value=300)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(lines, max_size=30), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_passage_spans_always_slice_the_text(parts: list[str], separator: str) -> None:
    text = separator.join(parts)
    passages = split_passages(text)
    previous_start = -1
    for ordinal, passage in enumerate(passages):
        assert passage.ordinal == ordinal
        assert 0 <= passage.span.start <= passage.span.end <= len(text)
        assert passage.span.start >= previous_start, "passages follow the text's order"
        previous_start = passage.span.start
        assert passage.search_text == passage.search_text.strip() != ""
