"""Ranking windows: runs of consecutive passages long enough to hold a question's answer.

A paragraph often holds only half of what a question asks (the subject in one, the
answer in the next), while a run of a few passages holds both; search ranks these
windows and cites the best passage inside the one it returns ("small-to-big").

Metadata is not an answer: the ``SOURCE:``/``TITLE:`` header lines, a document's bare
title line and page furniture (a short line repeated on many pages, "Page 3 of 7") are
left out of a window's indexed text and trimmed from its edges, so a window never wins
on a header alone. A window made of nothing else is not made at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from scrutiny.ingest.records import Passage, PassageKind, Span

#: Words a window gathers before it closes: the size of the naive 200-word baseline's
#: window, which beat single passages on every query set (benchmarks/README.md).
WINDOW_WORDS = 200
#: A line repeated this often in one document, and this short, is page furniture.
FURNITURE_REPEATS = 3
FURNITURE_MAX_CHARS = 80
#: Most passages one window spans (tiny passages, such as table cells, can make many).
MAX_PASSAGES = 64

_HEADER_LINE = re.compile(r"(?i)(?:SOURCE|TITLE|URL|LINK|RETRIEVED|ACCESSED)\s*:")
_PAGE_LINE = re.compile(
    r"(?i)(?:page\s+)?\d{1,4}\s*(?:of|/)\s*\d{1,4}|page\s+\d{1,4}|-?\s*\d{1,4}\s*-?"
)
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Window:
    """Passages ``first``..``last`` (ordinals, inclusive) of one document; ``span`` covers
    them without the furniture at their edges; ``text`` is what keyword search indexes."""

    first: int
    last: int
    span: Span
    text: str


def furniture_lines(text: str, title: str | None = None) -> set[str]:
    """Normalised lines of ``text`` that are metadata or page furniture, not content: the
    title, and short lines repeated ``FURNITURE_REPEATS`` times that neither start in lower
    case nor run on into a next line that does (such lines are a wrapped sentence, as the
    shared opening of a list of recommendations broken over lines)."""
    lines = text.splitlines()
    counts: Counter[str] = Counter()
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not 0 < len(stripped) <= FURNITURE_MAX_CHARS or stripped[0].islower():
            continue
        following = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if following[:1].islower():
            continue  # a wrapped sentence goes on: content, however often it repeats
        counts[_norm(line)] += 1
    found = {line for line, n in counts.items() if n >= FURNITURE_REPEATS and line}
    if title:
        found.add(_norm(title))
    return found


def is_furniture(line: str, furniture: set[str]) -> bool:
    stripped = line.strip()
    if not stripped:
        return True
    if _HEADER_LINE.match(stripped) or _PAGE_LINE.fullmatch(stripped):
        return True
    return _norm(stripped) in furniture


def build_windows(
    text: str, passages: Sequence[Passage], title: str | None = None
) -> tuple[Window, ...]:
    """One window starting at each passage that has content, running on through the
    following passages until it holds ``WINDOW_WORDS`` words; a table row is a window
    of its own."""
    furniture = furniture_lines(text, title)
    content: list[tuple[Passage, list[tuple[int, int]], int]] = []
    for passage in passages:
        lines = _content_lines(text, passage.span, furniture)
        words = sum(len(_WORD.findall(text[s:e])) for s, e in lines)
        content.append((passage, lines, words))
    windows: list[Window] = []
    for i, (passage, lines, words) in enumerate(content):
        if not lines:
            continue
        chosen = [(passage, lines)]
        total = words
        j = i + 1
        while (
            total < WINDOW_WORDS
            and j < len(content)
            and content[j][0].ordinal - passage.ordinal < MAX_PASSAGES
            and not _is_record(passage)
            and not _is_record(content[j][0])
        ):
            following, more, count = content[j]
            if more:
                chosen.append((following, more))
                total += count
            j += 1
        pieces = [line for _, spans in chosen for line in spans]
        windows.append(
            Window(
                first=passage.ordinal,
                last=chosen[-1][0].ordinal,
                span=Span(pieces[0][0], pieces[-1][1]),
                text=_SPACE.sub(" ", " ".join(text[s:e] for s, e in pieces)).strip(),
            )
        )
    return tuple(_without_contained(windows))


def _is_record(passage: Passage) -> bool:
    """A table row is a record of its own (one recommendation and its response): its
    window is the row alone, and prose windows stop before a table."""
    return passage.kind is PassageKind.TABLE_ROW


def _content_lines(text: str, span: Span, furniture: set[str]) -> list[tuple[int, int]]:
    """(start, end) of each content line of the passage, stripped of outer spaces."""
    out: list[tuple[int, int]] = []
    position = span.start
    for line in text[span.start : span.end].split("\n"):
        end = position + len(line)
        if not is_furniture(line, furniture):
            lead = len(line) - len(line.lstrip())
            trail = len(line) - len(line.rstrip())
            out.append((position + lead, end - trail))
        position = end + 1
    return out


def _without_contained(windows: list[Window]) -> list[Window]:
    """Drop a window whose passages all lie inside the window before it (the tail of a
    document, where windows run out of passages to add)."""
    kept: list[Window] = []
    for window in windows:
        if kept and kept[-1].last >= window.last:
            continue
        kept.append(window)
    return kept


def _norm(line: str) -> str:
    return _SPACE.sub(" ", line.strip().lower())
