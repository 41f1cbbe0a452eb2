"""The project's exception tree.

Every error the service layer raises is a ``ScrutinyError``; the CLI and the web
layer translate them in one place each.
"""

from __future__ import annotations

from pathlib import Path


class ScrutinyError(Exception):
    """Base class of every error the project raises on purpose."""

    #: Short machine-readable code used in the JSON error shape.
    code = "error"
    #: HTTP status the web layer answers with.
    http_status = 500


class NotFoundError(ScrutinyError):
    code = "not_found"
    http_status = 404


class InvalidQueryError(ScrutinyError):
    code = "invalid_query"
    http_status = 400


class StoreError(ScrutinyError):
    """The knowledge base on disk cannot be used as it is."""

    code = "store_error"
    http_status = 500


class IndexMismatchError(StoreError):
    """The vector index was built with another model, dimension or content."""

    code = "index_mismatch"


class QueryTimeoutError(ScrutinyError):
    """A query ran past its time limit."""

    code = "query_timeout"
    http_status = 503


class ModelUnavailableError(ScrutinyError):
    code = "model_unavailable"
    http_status = 503


class IngestError(ScrutinyError):
    """A file could not be turned into a document; names the file and the problem."""

    code = "ingest_error"
    http_status = 422
    problem = "could not be ingested"

    def __init__(self, path: Path | str, detail: str | None = None) -> None:
        self.path = Path(path)
        self.detail = detail
        message = f"{self.path}: {self.problem}"
        if detail:
            message = f"{message} ({detail})"
        super().__init__(message)


class UnsupportedFormatError(IngestError):
    code = "unsupported_format"
    problem = "unsupported file type"


class EmptyDocumentError(IngestError):
    code = "empty_document"
    problem = "file is empty or has no text"


class BinaryFileError(IngestError):
    code = "binary_file"
    problem = "file is binary, not text"


class DecodingError(IngestError):
    code = "decoding_error"
    problem = "text is not UTF-8, UTF-16 with a byte-order mark, or Windows-1252"


class CorruptDocumentError(IngestError):
    code = "corrupt_document"
    problem = "file is corrupt or cannot be parsed"


class FileTooLargeError(IngestError):
    code = "file_too_large"
    problem = "file is larger than the configured limit"


class EncryptedDocumentError(IngestError):
    code = "encrypted_document"
    problem = "file is encrypted and does not open without a password"


class SafetyLimitError(IngestError):
    """A file would exceed a limit that protects the ingest (a zip bomb, a huge PDF)."""

    code = "safety_limit"
    problem = "file exceeds a safety limit"


class StoreBusyError(ScrutinyError):
    """Another process is writing the knowledge base and did not finish in time."""

    code = "store_busy"
    http_status = 503


class QueryMemoryError(ScrutinyError):
    """A query needed more memory than its worker is allowed."""

    code = "query_memory_limit"
    http_status = 503


class ServiceBusyError(ScrutinyError):
    """Too many requests of a kind are running; ``retry_after`` says when to try again."""

    code = "busy"
    http_status = 503

    def __init__(self, message: str, retry_after: int = 1) -> None:
        super().__init__(message)
        self.retry_after = retry_after
