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
from typing import TYPE_CHECKING, Any

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
    for listing in soup.find_all("ol"):
        # the numbers a browser shows before ordered list items ("1.", "b.", "iv.")
        style = str(listing.get("type") or "1")
        number = _int(str(listing.get("start") or "1"), 1)
        for item in listing.find_all("li", recursive=False):
            number = _int(str(item.get("value") or number), number)
            item.insert(0, f"{_list_number(number, style)}. ")
            number += 1
    for listing in soup.find_all("ul"):
        for item in listing.find_all("li", recursive=False):
            item.insert(0, "• ")  # the bullet a browser shows
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
        rowspan = _html_span(cell.get("rowspan"), _MAX_ROWSPAN)
        for _ in range(_html_span(cell.get("colspan"), _MAX_COLSPAN)):
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
            pages.append(_page_text(page))
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


#: A line of three or more runs of words set apart by wide gaps: a table row as laid out.
_LAID_OUT_ROW = re.compile(r"^\s*\S+(?: \S+)*(?: {3,}\S+(?: \S+)*){2,}\s*$")
#: Rows that make a page a table page.
_TABLE_PAGE_ROWS = 3


def _page_text(page: Any) -> str:
    """A PDF page's text. A page holding a table keeps its layout (columns set apart by
    spaces, as the table reader expects); any other page is read in reading order, which
    also keeps the columns of a two-column page apart."""
    layout: str = page.extract_text(extraction_mode="layout") or ""
    rows = sum(1 for line in layout.splitlines() if _LAID_OUT_ROW.match(line))
    if rows >= _TABLE_PAGE_ROWS:
        lines = [line.rstrip() for line in layout.splitlines()]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    plain: str = page.extract_text() or ""
    return plain


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
        numbering = _WordNumbering(document)
        in_list = False
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                text = block.text.strip()
                label = numbering.label(block) if text else None
                if in_list and label is None and text:
                    blocks.append("")  # a list ends: the paragraph after it is not its item
                in_list = label is not None
                blocks.append(f"{label} {text}" if label else text)
            elif isinstance(block, Table):
                in_list = False
                rows = (
                    "| " + " | ".join(c.text.strip() for c in row.cells) + " |"
                    for row in block.rows
                )
                blocks.extend(rows)
                blocks.append("")
    except Exception as exc:  # lxml, zipfile, python-docx errors
        raise CorruptDocumentError(path, f"Word document: {_reason(exc)}") from None
    return _join_blocks(blocks)


def _list_number(value: int, style: str) -> str:
    """A list counter in a numbering style (Word's numFmt or HTML's ``type``)."""
    if not 0 < value < 4000:  # beyond what letters or numerals are written for
        return str(value)
    if style in ("lowerLetter", "upperLetter", "a", "A"):
        letters = ""
        while value > 0:
            value, rest = divmod(value - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if style in ("upperLetter", "A") else letters
    if style in ("lowerRoman", "upperRoman", "i", "I"):
        roman = ""
        for amount, numeral in _ROMAN_NUMERALS:
            while value >= amount:
                roman, value = roman + numeral, value - amount
        return roman.upper() if style in ("upperRoman", "I") else roman
    return str(value)


_ROMAN_NUMERALS = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


class _WordNumbering:
    """The numbers Word shows before numbered paragraphs ("1.", "(a)", "ii."), which the
    paragraph text leaves out: counted per list and level from the document's numbering
    definitions (on the paragraph or its style); a bullet shows as "•", an unnumbered list
    item as nothing."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> def
        self._counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(_w("abstractNumId")): a for a in root.findall(_w("abstractNum"))}
        for num in root.findall(_w("num")):
            ref = num.find(_w("abstractNumId"))
            definition = abstract.get(ref.get(_w("val")) if ref is not None else None)
            if definition is None:
                continue
            levels: dict[int, tuple[str, str, int]] = {}
            for level in definition.findall(_w("lvl")):
                fmt, text, start = (
                    level.find(_w("numFmt")),
                    level.find(_w("lvlText")),
                    level.find(_w("start")),
                )
                levels[_int(level.get(_w("ilvl")))] = (
                    fmt.get(_w("val")) if fmt is not None else "decimal",
                    text.get(_w("val")) if text is not None else "",
                    _int(start.get(_w("val")) if start is not None else "1", 1),
                )
            self._levels[num.get(_w("numId"))] = levels

    def label(self, paragraph: Any) -> str | None:
        """The paragraph's number as shown; "•" for a bullet; ``None`` outside a list."""
        if not self._levels:
            return None
        num_id, level = self._numbering_of(paragraph)
        levels = self._levels.get(num_id or "")
        if num_id is None or not levels or level not in levels:
            return None
        counters = self._counters.setdefault(num_id, [0] * 9)
        if level >= len(counters):
            return None
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = 0
        fmt, text, _ = levels[level]
        if fmt == "bullet":
            return "•"
        if fmt == "none" or not text:
            return ""

        def shown(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            at_fmt, _, start = levels.get(at, ("decimal", "", 1))
            return _list_number(max(counters[at], 1) + start - 1, at_fmt)

        return re.sub(r"%([1-9])", shown, text).strip()

    def _numbering_of(self, paragraph: Any) -> tuple[str | None, int]:
        """(numId, level) set on the paragraph, else on its style or the styles it is based on."""
        element, style = paragraph._p, paragraph.style
        for _ in range(10):
            num_pr = element.find(f"{_w('pPr')}/{_w('numPr')}") if element is not None else None
            if num_pr is not None:
                num_id, level = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
                return (
                    num_id.get(_w("val")) if num_id is not None else None,
                    _int(level.get(_w("val")) if level is not None else "0"),
                )
            if style is None:
                break
            element, style = style.element, style.base_style
        return None, 0


def _w(tag: str) -> str:
    return f"{{http://schemas.openxmlformats.org/wordprocessingml/2006/main}}{tag}"


def _int(value: str | None, default: int = 0) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


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
