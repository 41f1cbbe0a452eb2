"""Turning service text into safe HTML: query highlighting and the cited document text.

Every piece of source text is HTML-escaped before any markup is added to it; the
documents contain raw tags such as ``<p>`` that must show as text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from markupsafe import Markup, escape

from scrutiny.results import PassageView
from scrutiny.text import STOPWORDS

#: An HTML character reference left by escaping (``&lt;``, ``&#39;``): never highlighted inside.
_CHARACTER_REFERENCE = r"&#?\w+;"


def query_terms(query: str) -> list[str]:
    """The query's distinct words worth highlighting, longest first."""
    words = {word.lower() for word in re.findall(r"\w+", query)}
    terms = [word for word in words if word not in STOPWORDS]
    return sorted(terms, key=lambda word: (-len(word), word))


def highlight(text: str, query: str) -> Markup:
    """Escape ``text``, then wrap whole-word matches of the query's words in ``<mark>``.

    A plural ``s`` is allowed after a term. Character references produced by escaping are
    matched first and kept as they are, so a term such as ``lt`` cannot split ``&lt;``.
    """
    escaped = str(escape(text))
    terms = query_terms(query)
    if not terms:
        return Markup(escaped)
    alternatives = "|".join(re.escape(term) for term in terms)
    pattern = re.compile(
        rf"(?P<reference>{_CHARACTER_REFERENCE})|\b(?P<term>(?:{alternatives})s?)\b",
        re.IGNORECASE,
    )

    def replace(match: re.Match[str]) -> str:
        if match.group("reference"):
            return match.group("reference")
        return f"<mark>{match.group('term')}</mark>"

    return Markup(pattern.sub(replace, escaped))


def cited_window(text: str, start: int, focus: tuple[int, int] | None, query: str) -> Markup:
    """A hit's window with the query's words highlighted and the passage it cites (``focus``,
    document offsets) wrapped in ``<strong class="cited-in-window">`` — the small-to-big
    result shows the context it was ranked by and the passage it cites."""
    if focus is None:
        return highlight(text, query)
    lo = max(0, min(len(text), focus[0] - start))
    hi = max(lo, min(len(text), focus[1] - start))
    if lo == 0 and hi == len(text):
        return highlight(text, query)
    cited = highlight(text[lo:hi], query)
    return Markup(
        f'{highlight(text[:lo], query)}<strong class="cited-in-window">{cited}</strong>'
        f"{highlight(text[hi:], query)}"
    )


def _escape_verbatim(text: str) -> str:
    # The HTML parser turns a literal CR into LF; a character reference keeps it, so
    # offsets into the canonical text stay valid in the browser's DOM.
    return str(escape(text)).replace("\r", "&#13;")


def render_document_text(
    text: str, passages: Iterable[PassageView], marked: PassageView | None = None
) -> Markup:
    """The canonical text, escaped, with an empty anchor whose id is the passage id at
    every passage start, and ``marked``'s ``[start, end)`` range wrapped in a mark."""
    # (position, order at that position, markup): a mark closes before anchors at the
    # same offset, and opens after them.
    insertions: list[tuple[int, int, str]] = [
        (passage.start, 1, f'<a class="passage-anchor" id="{escape(passage.id)}"></a>')
        for passage in passages
    ]
    if marked is not None and marked.end > marked.start:
        insertions.append((marked.start, 2, '<mark class="cited-passage">'))
        insertions.append((marked.end, 0, "</mark>"))
    insertions.sort(key=lambda insertion: (insertion[0], insertion[1]))

    parts: list[str] = []
    position = 0
    for offset, _, markup in insertions:
        offset = min(max(offset, position), len(text))
        parts.append(_escape_verbatim(text[position:offset]))
        parts.append(markup)
        position = offset
    parts.append(_escape_verbatim(text[position:]))
    return Markup("".join(parts))


def human_date(iso_date: str | None) -> str:
    """``2024-09-11`` as ``11 September 2024``; other strings unchanged; None as empty."""
    if not iso_date:
        return ""
    try:
        parsed = date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{parsed.day} {parsed:%B %Y}"
