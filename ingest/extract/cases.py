"""Named safeguarding cases ("Child Q", "Child C's murder", "Baby P").

Each case letter is its own node: "Child C" and "Child Q" never merge. Automatic
transcripts mis-hear the letter as a word that sounds like it ("child queue",
"child cue"); such a phrase is repaired to the case only when the same document
names that case explicitly and the phrase stands where a case name would (followed
by "report", "review", a clause break...), not where it is an ordinary noun phrase
("a child view of the world").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from scrutiny.ingest.extract.records import Case, Extraction, Mention
from scrutiny.ingest.records import Span

EXPLICIT_CONFIDENCE = 0.95
LOWERCASE_CONFIDENCE = 0.85
REPAIRED_CONFIDENCE = 0.6

# Words a speech recogniser writes for a spoken letter name. Only letters whose name
# is itself a common word are listed; the repair still needs the document to name
# the case with the letter.
LETTER_HOMOPHONES: dict[str, tuple[str, ...]] = {
    "B": ("bee", "be"),
    "C": ("see", "sea", "cee"),
    "G": ("gee",),
    "J": ("jay",),
    "K": ("kay",),
    "O": ("oh", "owe"),
    "P": ("pee", "pea"),
    "Q": ("queue", "cue", "kew", "view"),
    "R": ("are",),
    "T": ("tea", "tee"),
    "U": ("you",),
    "X": ("ex",),
    "Y": ("why",),
}
_WORD_TO_LETTER = {word: letter for letter, words in LETTER_HOMOPHONES.items() for word in words}

_PREFIXES = ("Child", "Baby")
_EXPLICIT_RE = re.compile(
    r"(?<![\w-])(?P<prefix>Child|Baby|child|baby|CHILD|BABY)[ \t]+(?P<letter>[A-Z]\d?)(?![\w-])"
    r"(?P<possessive>['’]s)?"
)
_LOWERCASE_LETTER_RE = re.compile(
    r"(?<![\w-])(?P<prefix>child|baby)[ \t]+(?P<letter>[a-z])(?![\w’'-])"
)
_HOMOPHONE_RE = re.compile(
    r"(?<![\w-])(?P<prefix>child|baby)[ \t]+(?P<word>"
    + "|".join(sorted(_WORD_TO_LETTER, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
# After "child" in lower case, the capitals A and I are usually the article and the
# pronoun ("every child I met"), so they count only if followed by what can follow
# a case name.
_AMBIGUOUS_LETTERS = frozenset({"A", "I"})


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


CASE_CONTEXT_WORDS = _words(
    """
    report reports review reviews incident incidents case cases update updates
    investigation inquiry recommendation recommendations learning response action plan
    serious practice safeguarding strip search
    """
)
# Words that can begin the next clause right after a name; an ordinary noun phrase
# ("child view of the world", "child view point") continues instead.
_CLAUSE_BREAK_WORDS = _words(
    """
    and or but our we that which who was is has had have where when it i they
    as so because since then there this these those with
    """
)
_DETERMINERS = _words(
    """
    a an the this that these those their our his her its your my every each any one
    no some another
    """
)


@dataclass(frozen=True)
class _CaseMention:
    key: str
    label: str
    span: Span
    surface: str
    confidence: float
    repaired_from: str | None = None


def case_key(prefix: str, letter: str) -> str:
    return f"case:{prefix.lower()}-{letter.lower()}"


def _next_word(text: str, end: int) -> str | None:
    """The next word, or ``None`` when punctuation or the end comes first."""
    match = re.match(r"[ \t]*([A-Za-z’']+)", text[end : end + 40])
    return match.group(1).lower() if match else None


def _previous_word(text: str, start: int) -> str | None:
    match = re.search(r"([A-Za-z’']+)[ \t]*$", text[max(0, start - 40) : start])
    return match.group(1).lower() if match else None


def _stands_as_name(text: str, start: int, end: int) -> bool:
    following = _next_word(text, end)
    if following in CASE_CONTEXT_WORDS:
        return True
    if _previous_word(text, start) in _DETERMINERS:
        return False
    return following is None or following in _CLAUSE_BREAK_WORDS


def _explicit_mentions(text: str) -> list[_CaseMention]:
    found = []
    for match in _EXPLICIT_RE.finditer(text):
        prefix, letter = match["prefix"], match["letter"]
        lowercase = prefix.islower()
        if (
            lowercase
            and letter in _AMBIGUOUS_LETTERS
            and not _stands_as_name(text, match.start(), match.end("letter"))
        ):
            continue
        label = f"{prefix.capitalize()} {letter}"
        end = match.end("letter")
        found.append(
            _CaseMention(
                case_key(prefix, letter),
                label,
                Span(match.start(), end),
                text[match.start() : end],
                LOWERCASE_CONFIDENCE if lowercase else EXPLICIT_CONFIDENCE,
            )
        )
    return found


def _lowercase_letter_mentions(text: str, named: set[str]) -> list[_CaseMention]:
    """ "the child q update report": a named case written all in lower case."""
    found = []
    for match in _LOWERCASE_LETTER_RE.finditer(text):
        letter = match["letter"].upper()
        key = case_key(match["prefix"], letter)
        if key in named and _stands_as_name(text, match.start(), match.end()):
            found.append(
                _CaseMention(
                    key,
                    f"{match['prefix'].capitalize()} {letter}",
                    Span(match.start(), match.end()),
                    match.group(),
                    LOWERCASE_CONFIDENCE,
                )
            )
    return found


def _repaired_mentions(text: str, named: set[str]) -> list[_CaseMention]:
    found = []
    for match in _HOMOPHONE_RE.finditer(text):
        letter = _WORD_TO_LETTER[match["word"].lower()]
        key = case_key(match["prefix"], letter)
        if key not in named or not _stands_as_name(text, match.start(), match.end()):
            continue
        surface = match.group()
        found.append(
            _CaseMention(
                key,
                f"{match['prefix'].capitalize()} {letter}",
                Span(match.start(), match.end()),
                surface,
                REPAIRED_CONFIDENCE,
                repaired_from=surface,
            )
        )
    return found


def find_cases(text: str) -> Extraction:
    """Named cases with one mention per occurrence, mis-heard forms included."""
    explicit = _explicit_mentions(text)
    # A case counts as named when written with a capital "Child"/"Baby" at least once
    # or in lower case followed by its capital letter, which _explicit_mentions
    # already filtered.
    named = {mention.key for mention in explicit}
    mentions = sorted(
        explicit + _lowercase_letter_mentions(text, named) + _repaired_mentions(text, named),
        key=lambda mention: mention.span.start,
    )

    by_key: dict[str, list[_CaseMention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    entities = []
    for key, case_mentions in by_key.items():
        label = case_mentions[0].label
        aliases = tuple(dict.fromkeys(m.surface for m in case_mentions if m.surface != label))
        confidence = max(m.confidence for m in case_mentions)
        entities.append(Case(key, label, case_mentions[0].span, confidence, aliases=aliases))
    return Extraction(
        entities=tuple(entities),
        mentions=tuple(
            Mention(m.key, m.span, m.surface, repaired_from=m.repaired_from) for m in mentions
        ),
    )
