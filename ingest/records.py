"""Typed records produced by ingestion.

Every record carries character offsets into its document's canonical text, so any
item can be cited by slicing ``canonical_text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class SourceFormat(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    PDF = "pdf"
    DOCX = "docx"


class PassageKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST = "list"
    TABLE_ROW = "table_row"
    TRANSCRIPT = "transcript"


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span {self.start}:{self.end}")

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(frozen=True)
class DocumentMetadata:
    """What the text itself states about the document; ``None`` where it is silent."""

    title: str
    council: str | None = None
    committee: str | None = None
    meeting_date: str | None = None  # ISO 8601 date ("YYYY-MM" or "YYYY" when only that)
    source_url: str | None = None
    body: str | None = None  # the publisher when not a council (Parliament, Ofsted, …)


@dataclass(frozen=True)
class Passage:
    """A retrievable piece of a document, cut along the document's own structure.

    ``search_text`` is what keyword and dense indexes see (table pipes, page-break
    debris and markup removed); the citation is always the verbatim span.
    """

    ordinal: int
    kind: PassageKind
    span: Span
    search_text: str
    section: str | None = None


@dataclass(frozen=True)
class ParsedDocument:
    source_path: str
    sha256: str
    format: SourceFormat
    canonical_text: str
    metadata: DocumentMetadata
    passages: tuple[Passage, ...] = field(default_factory=tuple)


EXAMPLE_TEXT = (
    "Children and Families Scrutiny Committee\n"
    "\n"
    "Recommendation 7: The criteria for access to a leaving care coach is simplified. | Accept |\n"
)
EXAMPLE_DOCUMENT = ParsedDocument(
    source_path="data/samples/example.txt",
    sha256="0" * 64,
    format=SourceFormat.TEXT,
    canonical_text=EXAMPLE_TEXT,
    metadata=DocumentMetadata(
        title="Children and Families Scrutiny Committee",
        council="London Borough of Waltham Forest",
        committee="Children and Families Scrutiny Committee",
        meeting_date="2023-03-01",
    ),
    passages=(
        Passage(
            ordinal=0,
            kind=PassageKind.TABLE_ROW,
            span=Span(42, len(EXAMPLE_TEXT) - 1),
            search_text=(
                "Recommendation 7: The criteria for access to a leaving care coach is "
                "simplified. Accept"
            ),
            section=None,
        ),
    ),
)
"""An example instance, reused by the documentation and the tests."""
