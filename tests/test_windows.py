"""Ranking windows: runs of passages of about 200 words, without header lines or page
furniture, a table row on its own."""

from __future__ import annotations

from scrutiny.ingest.passages import split_passages
from scrutiny.ingest.windows import WINDOW_WORDS, build_windows, furniture_lines

TEXT = (
    "SOURCE: https://example.org/minutes\n"
    "TITLE: Testshire Children's Scrutiny Committee - 1 May 2024\n"
    "\n"
    "Testshire Children's Scrutiny Committee\n"
    "\n"
    + "\n\n".join(
        f"Page {n} of 4\n\nTestshire County Council OFFICIAL\n\n"
        + f"Paragraph {n} about care leavers and housing support in the county. " * 12
        for n in range(1, 5)
    )
    + "\n\n| Recommendation 1: More homes for care leavers. | Accepted | Housing |\n"
    + "| Recommendation 2: A named worker for each young person. | Rejected | Social care |\n"
)


def windows() -> list[tuple[str, int, int]]:
    passages = split_passages(TEXT)
    title = "Testshire Children's Scrutiny Committee"
    return [(w.text, w.first, w.last) for w in build_windows(TEXT, passages, title)]


def test_header_lines_title_and_page_furniture_are_never_in_a_window() -> None:
    for text, _, _ in windows():
        assert "SOURCE:" not in text and "TITLE:" not in text
        assert "Page 2 of 4" not in text and "OFFICIAL" not in text
        assert not text.startswith("Testshire Children's Scrutiny Committee")


def test_windows_gather_about_two_hundred_words_and_cite_verbatim_spans() -> None:
    passages = split_passages(TEXT)
    built = build_windows(TEXT, passages, "Testshire Children's Scrutiny Committee")
    prose = [w for w in built if "Recommendation" not in w.text]
    assert prose and all(len(w.text.split()) >= WINDOW_WORDS for w in prose[:-1])
    for window in built:
        cited = TEXT[window.span.start : window.span.end]
        assert cited.split()[0] == window.text.split()[0]
        assert cited.split()[-1] == window.text.split()[-1]


def test_a_table_row_is_a_window_of_its_own() -> None:
    rows = [text for text, first, last in windows() if "Recommendation" in text]
    assert len(rows) == 2 and all(text.count("Recommendation") == 1 for text in rows)


def test_a_repeated_wrapped_sentence_opening_is_content_not_furniture() -> None:
    text = "".join(f"The councils of the region should each\nagree plan {n}.\n\n" for n in range(4))
    assert furniture_lines(text) == set()
    assert "running header" in furniture_lines("Running header\n\nbody\n\n" * 3)
