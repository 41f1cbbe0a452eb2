"""What the response-format suites share: the expected record of a recommendation, a case,
the readers of an extraction, and a one-page PDF written by hand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from scrutiny.ingest.extract.records import Extraction, Recommendation, Response
from scrutiny.ingest.readers import read_canonical_text


@dataclass(frozen=True)
class Expected:
    """What one recommendation should come out as (None: not stated in the document)."""

    text: str  # words the recommendation's text must contain
    status: str | None = None
    owner: str | None = None  # words one owner must contain
    due: str | None = None
    progress: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expected: dict[str, Expected]
    findings: tuple[str, ...] = field(default=())  # words each expected finding contains


def recommendations_of(extraction: Extraction) -> dict[str, Recommendation]:
    return {e.number: e for e in extraction.entities if isinstance(e, Recommendation)}


def responses_of(extraction: Extraction) -> dict[str, Response]:
    return {e.recommendation_key: e for e in extraction.entities if isinstance(e, Response)}


def read(name: str, data: bytes) -> str:
    return read_canonical_text(Path(name), data, max_bytes=10_000_000)[1]


def pdf_bytes(placed: list[tuple[int, int, str]]) -> bytes:
    """A one-page PDF with each text at (x, y) in Helvetica: the smallest file a PDF
    reader accepts, written by hand so that no PDF library is needed."""
    stream = "BT /F1 9 Tf\n"
    stream += "".join(f"1 0 0 1 {x} {y} Tm ({text}) Tj\n" for x, y, text in placed)
    stream += "ET\n"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}endstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = "%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n"
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    return out.encode("latin-1")
