"""Every file fails alone: a corpus of hostile files, generated here, in one batch."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import signal
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader, PdfWriter

from scrutiny.cli import main, safe
from scrutiny.errors import (
    CorruptDocumentError,
    DecodingError,
    EncryptedDocumentError,
    SafetyLimitError,
)
from scrutiny.ingest import readers
from scrutiny.ingest.readers import ReaderWarning, read_canonical_text
from scrutiny.service import KnowledgeBase

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOOD_TEXT = "# Cabinet minutes\n\nThe council agreed to review the care leavers housing plan.\n"


def _make_files_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_files", FIXTURES / "make_files.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def minimal_pdf(lines: list[str]) -> bytes:
    data: bytes = _make_files_module().minimal_pdf(lines)
    return data


def encrypted_pdf(user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(minimal_pdf(["Encrypted minutes"]))))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_with(document_xml: bytes, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A Word package from the real fixture with its main part replaced."""
    source = zipfile.ZipFile(FIXTURES / "files" / "plan.docx")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            data = document_xml if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item.filename, data)
    return out.getvalue()


def read(path: Path) -> str:
    return read_canonical_text(path, path.read_bytes(), max_bytes=50_000_000)[1]


# the readers, one hostile file at a time ---------------------------------------------


def test_malformed_docx_xml_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(docx_with(b"<w:document><w:body><w:p>unclosed"))
    with pytest.raises(CorruptDocumentError, match=r"broken\.docx.*Word document"):
        read(path)


def test_zip_bomb_docx_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_with(b" " * 4_000_000))
    assert path.stat().st_size < 100_000
    with pytest.raises(SafetyLimitError, match=r"bomb.docx.*decompresses .* times"):
        read(path)


def test_docx_over_the_total_decompressed_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "DOCX_MAX_UNCOMPRESSED", 10_000)
    path = tmp_path / "large.docx"
    path.write_bytes((FIXTURES / "files" / "plan.docx").read_bytes())
    with pytest.raises(SafetyLimitError, match="decompresses to"):
        read(path)


def test_pdf_over_the_page_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "PDF_MAX_PAGES", 0)
    path = tmp_path / "many.pdf"
    path.write_bytes(minimal_pdf(["One page"]))
    with pytest.raises(SafetyLimitError, match="1 pages; limit is 0"):
        read(path)


def test_pdf_text_over_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readers, "MAX_TEXT_CHARS", 5)
    path = tmp_path / "wordy.pdf"
    path.write_bytes(minimal_pdf(["Far more than five characters"]))
    with pytest.raises(SafetyLimitError, match="characters"):
        read(path)


def test_a_file_that_takes_too_long_to_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crawl(path: Path, data: bytes) -> str:
        # A parser's blanket ``except Exception`` must not swallow the limit.
        with contextlib.suppress(Exception):
            time.sleep(30)
        return "never"

    monkeypatch.setattr(readers, "MAX_READ_SECONDS", 0.2)
    monkeypatch.setattr(readers, "_pdf_text", crawl)
    path = tmp_path / "slow.pdf"
    path.write_bytes(minimal_pdf(["Slow"]))
    started = time.monotonic()
    with pytest.raises(SafetyLimitError, match=r"slow\.pdf.*longer than 0\.2 s"):
        read(path)
    assert time.monotonic() - started < 5
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_pdf_encrypted_with_an_empty_password_is_opened(tmp_path: Path) -> None:
    path = tmp_path / "open.pdf"
    path.write_bytes(encrypted_pdf(user_password=""))
    assert "Encrypted minutes" in read(path)


def test_pdf_needing_a_password_is_reported_as_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypted_pdf(user_password="secret"))
    with pytest.raises(EncryptedDocumentError, match=r"locked\.pdf.*encrypted"):
        read(path)


def test_cp1252_text_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "windows.txt"
    path.write_bytes("Café minutes – “quoted” £5".encode("cp1252"))
    with pytest.warns(ReaderWarning, match="windows.txt.*Windows-1252"):
        assert read(path) == "Café minutes – “quoted” £5"


def test_bytes_undefined_in_cp1252_are_a_decoding_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"Minutes \x81\x8d of the meeting")
    with pytest.raises(DecodingError, match=r"garbage\.txt.*not Windows-1252"):
        read(path)


def test_nul_and_control_characters_leave_the_canonical_text(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"Agenda\x00 item\x07 one\x1b[0m\x0cnext\tpage\x7f\n")
    assert read(path) == "Agenda item one[0m\nnext\tpage\n"


def test_utf16_with_bom_still_decodes(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Minutes of the meeting".encode("utf-16"))
    assert read(path) == "Minutes of the meeting"


# one batch: the rest is stored ---------------------------------------------------------


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.md").write_text(GOOD_TEXT, "utf-8")
    (folder / "broken.docx").write_bytes(docx_with(b"<w:document><w:body>"))
    (folder / "bomb.docx").write_bytes(docx_with(b" " * 4_000_000))
    (folder / "locked.pdf").write_bytes(encrypted_pdf(user_password="secret"))
    (folder / "open.pdf").write_bytes(encrypted_pdf(user_password=""))
    (folder / "windows.txt").write_bytes("Café minutes – the plan".encode("cp1252"))
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "z-last.md").write_text(GOOD_TEXT.replace("Cabinet", "Scrutiny"), "utf-8")
    return folder


def test_a_batch_of_hostile_files_stores_the_rest(kb: KnowledgeBase, hostile_folder: Path) -> None:
    report = kb.ingest([hostile_folder])
    stored = {Path(p).name for p in report.added}
    assert stored == {"good.md", "open.pdf", "windows.txt", "z-last.md"}
    failed = {Path(f.path).name: f.message for f in report.failed}
    assert set(failed) == {"broken.docx", "bomb.docx", "locked.pdf", "loop.txt"}
    for name, message in failed.items():
        assert message.startswith(str(hostile_folder / name)), message
    assert "symbolic link loop" in failed["loop.txt"]
    assert "encrypted" in failed["locked.pdf"]
    assert "safety limit" in failed["bomb.docx"]
    assert [Path(w.path).name for w in report.warnings] == ["windows.txt"]


def test_an_unexpected_error_in_one_file_is_reported_and_the_rest_stored(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.md", "b.md", "c.md"):
        (folder / name).write_text(GOOD_TEXT.replace("Cabinet", name), "utf-8")
    extract = kb.extractor.extract

    def flaky(text: str, title: str | None = None):  # type: ignore[no-untyped-def]
        if "b.md" in text:
            raise IndexError("list index out of range")
        return extract(text, title)

    monkeypatch.setattr(kb.extractor, "extract", flaky)
    report = kb.ingest([folder])
    assert sorted(Path(p).name for p in report.added) == ["a.md", "c.md"]
    assert len(report.failed) == 1
    assert report.failed[0].message == (
        f"{folder / 'b.md'}: could not be stored (IndexError: list index out of range)"
    )


def test_an_unexpected_error_while_reading_is_reported(
    kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text(GOOD_TEXT, "utf-8")
    (folder / "b.md").write_text(GOOD_TEXT, "utf-8")
    original = readers._decode_text

    def explode(path: Path, data: bytes) -> str:
        if path.name == "a.md":
            raise RecursionError("maximum recursion depth exceeded")
        return original(path, data)

    monkeypatch.setattr(readers, "_decode_text", explode)
    report = kb.ingest([folder])
    assert [Path(p).name for p in report.added] == ["b.md"]
    assert "a.md: could not be read (RecursionError" in report.failed[0].message


# file names shown safely --------------------------------------------------------------


def test_safe_shows_control_characters_as_escapes() -> None:
    assert safe("a\nb\x1b[31m\u2028c é") == "a\\nb\\x1b[31m\\u2028c é"


@pytest.mark.skipif(os.name != "posix", reason="newlines in file names need POSIX")
def test_a_newline_in_a_file_name_does_not_break_the_listings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRUTINY_EMBEDDER", "hashing")
    monkeypatch.setenv("SCRUTINY_STORE", str(tmp_path / "store"))
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "evil\nname.txt").write_text("the plan was agreed by the cabinet", "utf-8")
    (folder / "empty\nfile.txt").write_text("", "utf-8")
    (folder / "good.md").write_text(GOOD_TEXT, "utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(folder)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    empty = safe(folder / "empty\nfile.txt")
    assert errors == [f"error: {empty}: file is empty or has no text"]
    assert len(result.stderr.splitlines()) == 1
    result = runner.invoke(main, ["documents"])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 2
    assert all(line.startswith("d") for line in result.output.splitlines())
