"""A fingerprint of the ingest pipeline: its code and the reference data it reads.

Stored with each document, it tells a later ingest that an unchanged file was processed
by different splitting or extraction rules and must be processed again, so upgrading
the project never leaves old passages and entities beside new ones.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def pipeline_fingerprint(*data_files: Path) -> str:
    """Hash of every module of the ingest package (extractors included) and of
    ``data_files`` (gazetteer, theme scheme), in a stable order."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(path.read_bytes())
    files: list[Path] = []
    for path in data_files:
        files.append(path)
        if path.suffix == ".csv":  # the register is split into files read together
            files.extend(sorted(p for p in path.parent.glob("*.csv") if p != path))
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
