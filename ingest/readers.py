"""Read a file into one canonical text, or fail with an error naming the file and the problem."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from scrutiny.errors import (
    BinaryFileError,
    CorruptDocumentError,
    DecodingError,
    EmptyDocumentError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from scrutiny.ingest.records import SourceFormat

FORMATS_BY_SUFFIX: dict[str, SourceFormat] = {
    ".txt": SourceFormat.TEXT,
    ".text": SourceFormat.TEXT,
    ".md": SourceFormat.MARKDOWN,
    ".markdown": SourceFormat.MARKDOWN,
    ".html": SourceFormat.HTML,
    ".htm": SourceFormat.HTML,
    ".pdf": SourceFormat.PDF,
    ".docx": SourceFormat.DOCX,
}

SUPPORTED_SUFFIXES = tuple(sorted(FORMATS_BY_SUFFIX))

_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "li", "tr", "table",
    "h1", "h2", "h3", "h4", "h5", "h6", "br", "blockquote", "pre", "dt", "dd",
)  # fmt: skip


def source_format(path: Path) -> SourceFormat:
    try:
        return FORMATS_BY_SUFFIX[path.suffix.lower()]
    except KeyError:
        raise UnsupportedFormatError(
            path, f"'{path.suffix or path.name}'; supported: {', '.join(SUPPORTED_SUFFIXES)}"
        ) from None


def read_canonical_text(path: Path, data: bytes, max_bytes: int) -> tuple[SourceFormat, str]:
    """Return the document's format and canonical text (LF line endings, no trailing junk)."""
    fmt = source_format(path)
    if len(data) > max_bytes:
        raise FileTooLargeError(path, f"{len(data):,} bytes; limit is {max_bytes:,}")
    if not data.strip():
        raise EmptyDocumentError(path)
    match fmt:
        case SourceFormat.TEXT | SourceFormat.MARKDOWN:
            text = _decode_text(path, data)
        case SourceFormat.HTML:
            text = _html_text(_decode_text(path, data))
        case SourceFormat.PDF:
            text = _pdf_text(path, data)
        case SourceFormat.DOCX:
            text = _docx_text(path, data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise EmptyDocumentError(path, "no extractable text")
    return fmt, text


def _decode_text(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodingError(path, f"invalid UTF-16 at byte {exc.start}") from None
    if b"\x00" in data[:8192]:
        raise BinaryFileError(path, "contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodingError(
            path, f"invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from None
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 100):
        raise BinaryFileError(path, "mostly control characters")
    return text


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for row in soup.find_all("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        row.replace_with("\n| " + " | ".join(cells) + " |\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in soup.get_text().split("\n"))
    return _join_blocks(lines)


def _pdf_text(path: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    # pypdf logs recoverable damage as warnings; a failure is raised below instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and reader.decrypt("") == 0:
            raise CorruptDocumentError(path, "PDF is encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except CorruptDocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, AssertionError) as exc:
        raise CorruptDocumentError(path, f"PDF: {exc}") from None
    return "\n\n".join(page.strip("\n") for page in pages)


def _docx_text(path: Path, data: bytes) -> str:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError(path, f"Word document: {exc}") from None
    blocks: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text.strip())
        elif isinstance(block, Table):
            rows = (
                "| " + " | ".join(c.text.strip() for c in row.cells) + " |" for row in block.rows
            )
            blocks.extend(rows)
            blocks.append("")
    return _join_blocks(blocks)


def _join_blocks(lines: Iterable[str]) -> str:
    """Join lines, collapsing runs of blank lines to one."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"
