from __future__ import annotations

import re
from pathlib import Path

import pytest

from scrutiny.errors import (
    BinaryFileError,
    CorruptDocumentError,
    DecodingError,
    EmptyDocumentError,
    FileTooLargeError,
    IngestError,
    UnsupportedFormatError,
)
from scrutiny.ingest.readers import read_canonical_text
from scrutiny.ingest.records import SourceFormat

FILES = Path(__file__).resolve().parent / "fixtures" / "files"
LIMIT = 10_000_000


def read(path: Path) -> tuple[SourceFormat, str]:
    return read_canonical_text(path, path.read_bytes(), LIMIT)


def test_pdf_text_is_extracted() -> None:
    fmt, text = read(FILES / "minutes.pdf")
    assert fmt is SourceFormat.PDF
    assert "care leavers would be exempt from council tax" in text


def test_a_pdf_page_holding_a_table_keeps_its_columns_apart(tmp_path: Path) -> None:
    from response_documents import pdf_bytes

    placed = [(40, 560, "Action plan"), (40, 540, "Alone on its page, a line of prose.")]
    for row, y in zip(
        [
            ("No.", "Recommendation", "Lead", "Due"),
            ("1", "Audit the flags", "ICB", "June"),
            ("2", "Brief all staff", "Police", "July"),
            ("3", "Refresh the toolkit", "LA", "May"),
        ],
        range(500, 400, -20),
        strict=False,
    ):
        placed += [(x, y, cell) for x, cell in zip((40, 80, 400, 600), row, strict=True)]
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf_bytes(placed))
    _, text = read_canonical_text(path, path.read_bytes(), max_bytes=10_000_000)
    row = next(line for line in text.splitlines() if "Audit the flags" in line)
    assert re.split(r" {3,}", row.strip()) == ["1", "Audit the flags", "ICB", "June"]
    # a page of prose is read in reading order, with no layout spacing
    _, prose = read(FILES / "minutes.pdf")
    assert "   " not in prose


def test_bullets_of_html_and_word_lists_are_shown(tmp_path: Path) -> None:
    import docx

    page = tmp_path / "found.html"
    page.write_text("<h2>What we found</h2><ul><li>Staff know the children.</li></ul>")
    assert "• Staff know the children." in read(page)[1]
    document = docx.Document()
    document.add_paragraph("Key findings")
    document.add_paragraph("Few people knew the other roles.", style="List Bullet")
    path = tmp_path / "found.docx"
    document.save(str(path))
    assert "• Few people knew the other roles." in read(path)[1]


def test_docx_paragraphs_and_tables_become_pipe_rows() -> None:
    fmt, text = read(FILES / "plan.docx")
    assert fmt is SourceFormat.DOCX
    assert "The youth offending service will report progress" in text
    assert (
        "| Recommendation 1: Expand the mentoring scheme | Accepted | Youth Justice Service |"
        in text
    )


def test_html_is_reduced_to_text_with_table_cells_separated(tmp_path: Path) -> None:
    page = tmp_path / "minutes.html"
    page.write_text(
        "<html><head><style>p{}</style><script>alert(1)</script></head><body>"
        "<h1>Cabinet</h1><p>Members agreed the plan.</p>"
        "<table><tr><td>Rec 1</td><td>Accepted</td></tr></table></body></html>",
        encoding="utf-8",
    )
    fmt, text = read(page)
    assert fmt is SourceFormat.HTML
    assert "alert" not in text and "p{}" not in text
    assert "Cabinet\n\nMembers agreed the plan." in text
    assert "| Rec 1 | Accepted |" in text


def test_crlf_becomes_lf_and_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one\r\nLine two\r\n")
    assert read(path)[1] == "Line one\nLine two\n"


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Child Q review".encode("utf-16"))
    assert read(path)[1] == "Child Q review"


@pytest.mark.parametrize(
    ("name", "content", "error", "words"),
    [
        ("empty.txt", b"", EmptyDocumentError, "empty"),
        ("blank.md", b"  \n\n\t ", EmptyDocumentError, "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", BinaryFileError, "binary"),
        ("undefined.txt", b"Caf\x81 minutes", DecodingError, "UTF-8"),
        ("table.xlsx", b"PK\x03\x04", UnsupportedFormatError, "unsupported"),
    ],
)
def test_bad_input_names_the_file_and_the_problem(
    tmp_path: Path, name: str, content: bytes, error: type[IngestError], words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert words in message


@pytest.mark.parametrize("name", ["corrupt.pdf", "corrupt.docx"])
def test_corrupt_documents_are_reported(name: str) -> None:
    with pytest.raises(CorruptDocumentError, match=name):
        read(FILES / name)


def test_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(FileTooLargeError, match="limit is 100"):
        read_canonical_text(path, path.read_bytes(), max_bytes=100)
