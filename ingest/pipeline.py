"""From a file on disk to a ParsedDocument: read, infer metadata, split passages."""

from __future__ import annotations

import errno
import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from scrutiny.errors import IngestError
from scrutiny.ingest.metadata import CouncilDirectory, infer_metadata, stated_source
from scrutiny.ingest.passages import split_passages
from scrutiny.ingest.readers import SUPPORTED_SUFFIXES, read_canonical_text
from scrutiny.ingest.records import ParsedDocument


def discover_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and supported files found by walking named directories.

    Symbolic links to directories are not followed; a link that leads nowhere (a loop,
    or a missing target) is yielded so that reading it reports the problem.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                supported = found.suffix.lower() in SUPPORTED_SUFFIXES
                if (found.is_file() and supported) or _broken_link(found, supported):
                    yield found
        else:
            yield path


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file" + _link_note(path)) from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop; skipped") from None
        raise IngestError(path, exc.strerror or str(exc)) from None


def _broken_link(path: Path, supported: bool) -> bool:
    """A symbolic link in a loop, or one with a supported name whose target is missing."""
    if not path.is_symlink():
        return False
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP or (supported and exc.errno == errno.ENOENT)
    return False


def _link_note(path: Path) -> str:
    return " (a symbolic link to a missing target)" if path.is_symlink() else ""


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_document(
    path: Path, data: bytes, councils: CouncilDirectory, max_bytes: int
) -> ParsedDocument:
    fmt, text = read_canonical_text(path, data, max_bytes)
    return ParsedDocument(
        source_path=str(path),
        sha256=content_hash(data),
        format=fmt,
        canonical_text=text,
        metadata=infer_metadata(text, path.name, councils, stated_source(path)),
        passages=split_passages(text),
    )
