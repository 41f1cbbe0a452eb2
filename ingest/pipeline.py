"""From a file on disk to a ParsedDocument: read, infer metadata, split passages."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from scrutiny.errors import IngestError
from scrutiny.ingest.metadata import CouncilDirectory, infer_metadata
from scrutiny.ingest.passages import split_passages
from scrutiny.ingest.readers import SUPPORTED_SUFFIXES, read_canonical_text
from scrutiny.ingest.records import ParsedDocument


def discover_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named directly, and supported files found by walking named directories."""
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if (
                    found.is_file()
                    and found.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in found.relative_to(path).parts)
                ):
                    yield found
        else:
            yield path


def read_file(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(path, "no such file") from None
    except IsADirectoryError:
        raise IngestError(path, "is a directory") from None
    except OSError as exc:
        raise IngestError(path, exc.strerror or str(exc)) from None


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
        metadata=infer_metadata(text, path.name, councils),
        passages=split_passages(text),
    )
