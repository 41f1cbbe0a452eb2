"""Read a file into one canonical text, or fail with an error naming the file and the problem."""

from __future__ import annotations

import io
import logging
import re
import signal
import threading
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from scrutiny.errors import (
    BinaryFileError,
    CorruptDocumentError,
    DecodingError,
    EmptyDocumentError,
    EncryptedDocumentError,
    FileTooLargeError,
    IngestError,
    SafetyLimitError,
    UnsupportedFormatError,
)
from scrutiny.ingest.records import SourceFormat

if TYPE_CHECKING:
    from bs4.element import Tag

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

#: A Word file may decompress to at most this many bytes in all ...
DOCX_MAX_UNCOMPRESSED = 256 * 1024 * 1024
#: ... no part bigger than ``DOCX_RATIO_FROM`` may decompress to more than this many
#: times its compressed size (Word's XML compresses ~10:1; a zip bomb 1000:1) ...
DOCX_MAX_RATIO = 200
DOCX_RATIO_FROM = 1024 * 1024
#: ... and it may hold at most this many parts.
DOCX_MAX_PARTS = 10_000
#: Pages of a PDF read at most, and characters of canonical text from any file.
PDF_MAX_PAGES = 5_000
MAX_TEXT_CHARS = 50_000_000
#: Control characters removed from canonical text: C0 except tab and line feed (form
#: feed and vertical tab become line feeds), DEL and C1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = re.compile(r"[\x0b\x0c]")


#: Seconds reading one file may take (PDF and Word parsers can be made to crawl).
MAX_READ_SECONDS = 300.0


class _Expired(BaseException):
    """Raised by the timer; a BaseException, so no parser's ``except Exception`` eats it."""


@contextmanager
def _time_limit(path: Path, seconds: float) -> Iterator[None]:
    """A ``SafetyLimitError`` when the block runs past ``seconds`` (main thread only:
    elsewhere, as in a web request, no timer is set)."""
    if threading.current_thread() is not threading.main_thread() or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise SafetyLimitError(path, f"reading took longer than {seconds:g} s") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class ReaderWarning(UserWarning):
    """Something a reader worked around (e.g. text decoded as Windows-1252)."""


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
    with _time_limit(path, MAX_READ_SECONDS):
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
    text = _CONTROL.sub("", _BREAKS.sub("\n", text))
    if len(text) > MAX_TEXT_CHARS:
        raise SafetyLimitError(
            path, f"{len(text):,} characters of text; limit is {MAX_TEXT_CHARS:,}"
        )
    if not text.strip():
        raise EmptyDocumentError(path, "no extractable text")
    return fmt, text


def _decode_text(path: Path, data: bytes) -> str:
    """UTF-8 (a BOM is dropped), UTF-16 with a BOM, else Windows-1252 with a warning."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DecodingError(path, f"invalid UTF-16 at byte {exc.start}") from None
    head = data[:8192]
    if head.count(b"\x00") > max(2, len(head) // 100):
        raise BinaryFileError(path, "contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 byte 0x{data[exc.start]:02x} at offset {exc.start}"
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as cp_exc:
            raise DecodingError(
                path, f"{utf8_error}; byte 0x{data[cp_exc.start]:02x} is not Windows-1252 either"
            ) from None
        warnings.warn(
            f"{path}: not UTF-8 ({utf8_error}); decoded as Windows-1252",
            ReaderWarning,
            stacklevel=2,
        )
    control = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > max(8, len(text[:8192]) // 100):
        raise BinaryFileError(path, "mostly control characters")
    return text


def _html_text(markup: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    carried: dict[int, dict[int, tuple[str, int]]] = {}  # per table: column -> (text, rows)
    for row in soup.find_all("tr"):
        cells = _html_row_cells(row, carried.setdefault(id(row.find_parent("table")), {}))
        row.replace_with("\n| " + " | ".join(cells) + " |\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (re.sub(r"[ \t\xa0]+", " ", line).strip() for line in soup.get_text().split("\n"))
    return _join_blocks(lines)


_MAX_COLSPAN, _MAX_ROWSPAN = 20, 200


def _html_span(value: object, limit: int) -> int:
    try:
        return min(max(int(str(value).strip()), 1), limit)
    except ValueError:
        return 1


def _html_row_cells(row: Tag, carried: dict[int, tuple[str, int]]) -> list[str]:
    """A table row's cells as the grid shows them: a cell spanning columns or rows repeats
    its text in each (as a merged Word cell does), so later cells keep their columns."""
    cells: list[str] = []

    def fill_carried() -> None:
        while len(cells) in carried:
            text, rows = carried.pop(len(cells))
            if rows > 1:
                carried[len(cells)] = (text, rows - 1)
            cells.append(text)

    for cell in row.find_all(["td", "th"]):
        fill_carried()
        text = cell.get_text(" ", strip=True)
        rowspan = _html_span(cell.get("rowspan", 1), _MAX_ROWSPAN)
        for _ in range(_html_span(cell.get("colspan", 1), _MAX_COLSPAN)):
            if rowspan > 1:
                carried[len(cells)] = (text, rowspan - 1)
            cells.append(text)
    fill_carried()
    return cells


def _pdf_text(path: Path, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    # pypdf logs recoverable damage as warnings; a failure is raised below instead.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except DependencyError as exc:
                raise EncryptedDocumentError(path, f"PDF: {exc}") from None
            if opened == 0:
                raise EncryptedDocumentError(path, "PDF needs a password to open")
        count = len(reader.pages)
        if count > PDF_MAX_PAGES:
            raise SafetyLimitError(path, f"PDF has {count:,} pages; limit is {PDF_MAX_PAGES:,}")
        pages: list[str] = []
        chars = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > MAX_TEXT_CHARS:
                raise SafetyLimitError(
                    path, f"PDF text passes {MAX_TEXT_CHARS:,} characters by page {len(pages)}"
                )
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise EncryptedDocumentError(path, f"PDF: {exc}") from None
    except Exception as exc:  # pypdf raises many types on damaged files
        raise CorruptDocumentError(path, f"PDF: {_reason(exc)}") from None
    return "\n\n".join(page.strip("\n") for page in pages)


def _check_zip(path: Path, data: bytes) -> None:
    """Refuse a Word file whose parts would decompress past the limits (a zip bomb).

    zipfile never yields more than a part's declared size (it stops there and checks
    the CRC), so the declared sizes bound what python-docx can inflate.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise CorruptDocumentError(path, f"Word document: {_reason(exc)}") from None
    if len(parts) > DOCX_MAX_PARTS:
        raise SafetyLimitError(
            path, f"Word document has {len(parts):,} parts; limit is {DOCX_MAX_PARTS:,}"
        )
    total = sum(part.file_size for part in parts)
    if total > DOCX_MAX_UNCOMPRESSED:
        raise SafetyLimitError(
            path,
            f"Word document decompresses to {total:,} bytes; limit is {DOCX_MAX_UNCOMPRESSED:,}",
        )
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > DOCX_RATIO_FROM and ratio > DOCX_MAX_RATIO:
            raise SafetyLimitError(
                path,
                f"Word document part {part.filename!r} decompresses {ratio:,.0f} times "
                f"({part.file_size:,} bytes); limit is {DOCX_MAX_RATIO}",
            )


def _docx_text(path: Path, data: bytes) -> str:
    import docx
    from docx.document import Document as DocxDocument
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_zip(path, data)
    try:
        document: DocxDocument = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                blocks.append(block.text.strip())
            elif isinstance(block, Table):
                rows = (
                    "| " + " | ".join(c.text.strip() for c in row.cells) + " |"
                    for row in block.rows
                )
                blocks.extend(rows)
                blocks.append("")
    except Exception as exc:  # lxml, zipfile, python-docx errors
        raise CorruptDocumentError(path, f"Word document: {_reason(exc)}") from None
    return _join_blocks(blocks)


def _reason(exc: BaseException) -> str:
    """An exception as a one-line reason: its message (or type), without control characters."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."


def _join_blocks(lines: Iterable[str]) -> str:
    """Join lines, collapsing runs of blank lines to one."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"
