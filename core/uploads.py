"""Documents that administrators add over the web: the file's name and first bytes are
checked (a supported type whose content looks like that type), then it is saved in the
store's upload folder (``Settings.upload_folder``) and ingested like any other file.

A file is written to a temporary name and renamed into place, so a failed or
interrupted upload never leaves a half-written file; uploading a file of the same name
again replaces it (the document is processed again, like an edited file).
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import IO

from scrutiny.errors import (
    BinaryFileError,
    EmptyDocumentError,
    FileTooLargeError,
    UnsupportedFormatError,
)
from scrutiny.ingest.readers import FORMATS_BY_SUFFIX, SUPPORTED_SUFFIXES
from scrutiny.ingest.records import SourceFormat

#: What a file's first bytes must be for its type (text types: no NUL byte instead).
SIGNATURES = {SourceFormat.PDF: b"%PDF-", SourceFormat.DOCX: b"PK\x03\x04"}
#: Longest name kept for a saved upload (the suffix included).
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_CHUNK = 1024 * 1024


def safe_name(filename: str) -> str:
    """The name an upload is saved under: the base name of what the browser sent,
    reduced to ASCII letters, digits, '.', '_' and '-' (never a path, never hidden)."""
    base = re.split(r"[/\\]", filename)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    name = _UNSAFE.sub("_", ascii_name).strip("._")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 1] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def check_upload(filename: str, head: bytes) -> SourceFormat:
    """The upload's format, from its name, once its first bytes agree with it."""
    suffix = Path(safe_name(filename)).suffix.lower()
    found = FORMATS_BY_SUFFIX.get(suffix)
    if found is None:
        raise UnsupportedFormatError(
            filename or "(no name)", f"upload one of: {', '.join(SUPPORTED_SUFFIXES)}"
        )
    signature = SIGNATURES.get(found)
    if signature is not None and not head.startswith(signature):
        raise UnsupportedFormatError(filename, f"the content is not a {found.value.upper()} file")
    if signature is None and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise BinaryFileError(filename)
    return found


def save_upload(folder: Path, filename: str, stream: IO[bytes], max_bytes: int) -> Path:
    """Check and save an upload in ``folder``; returns its path. Nothing is left behind
    when the check fails or the file is over ``max_bytes``."""
    name = safe_name(filename)
    head = stream.read(_CHUNK)
    check_upload(filename, head)
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".part")
    try:
        size = 0
        with os.fdopen(handle, "wb") as out:
            chunk = head
            while chunk:
                size += len(chunk)
                if size > max_bytes:
                    raise FileTooLargeError(filename, f"over {max_bytes:,} bytes")
                out.write(chunk)
                chunk = stream.read(_CHUNK)
        if size == 0:
            raise EmptyDocumentError(filename)
        target = folder / name
        os.replace(temporary, target)
        return target
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
