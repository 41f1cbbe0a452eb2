"""Named safeguarding cases ("Child Q", "Child C's murder", "Baby P", "Family A",
"the death of Victoria Climbié").

A case is named in three ways: a prefix and a letter ("Child Q", "Adult B", "Family A",
"Child LH"); a child's name where the text says what happened to them or that they are a
case ("the murders of Arthur Labinjo-Hughes and Star Hobson", "Baby Peter's death", "the
case of Daniel Pelka"); or a name or alias from the register of nationally known cases
(data/gazetteer/cases.csv), which also joins aliases ("Baby P" is Peter Connelly).

Each case letter is its own node: "Child C" and "Child Q" never merge. Automatic
transcripts mis-hear the letter as a word that sounds like it ("child queue",
"child cue"); such a phrase is repaired to the case only when the same document
names that case explicitly and the phrase stands where a case name would (followed
by "report", "review", a clause break...), not where it is an ordinary noun phrase
("a child view of the world").
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

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

CASES_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "cases.csv"
NAMED_CONFIDENCE = 0.8

_PREFIXES = ("Child", "Baby", "Family", "Adult")
# "Child Q", "Child LH", "Adult B", "Family A" (safeguarding adults and family reviews
# name their subjects the same way). Two letters only in capitals after a capital prefix.
_EXPLICIT_RE = re.compile(
    r"(?<![\w-])(?:(?P<prefix>Child|Baby|child|baby|CHILD|BABY)[ \t]+(?P<letter>[A-Z]\d?)"
    r"|(?P<prefix2>Child|Baby|Adult|Family)[ \t]+(?P<letter2>[A-Z]{1,2}\d?))(?![\w-])"
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


def _case_letters(text: str, match: re.Match[str]) -> bool:
    """Whether "Adult B", "Family A" or "Child LH" names a case: the article and pronoun
    letters and any two letters (which may be an abbreviation) only where a name stands."""
    letter = match["letter2"]
    if len(letter.rstrip("0123456789")) == 1 and letter[0] not in _AMBIGUOUS_LETTERS:
        return True
    return _stands_as_name(text, match.start(), match.end("letter2"))


def _explicit_mentions(text: str) -> list[_CaseMention]:
    found = []
    for match in _EXPLICIT_RE.finditer(text):
        prefix = match["prefix"] or match["prefix2"]
        letter = match["letter"] or match["letter2"]
        if match["prefix2"] and not _case_letters(text, match):
            continue
        lowercase = prefix.islower()
        if (
            lowercase
            and letter in _AMBIGUOUS_LETTERS
            and not _stands_as_name(text, match.start(), match.end("letter"))
        ):
            continue
        label = f"{prefix.capitalize()} {letter}"
        end = match.end("letter" if match["letter"] else "letter2")
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


# A child's name: two or three capitalised words ("Arthur Labinjo-Hughes", "Victoria
# Climbié"), or "Baby" and a forename ("Baby Peter").
_NAME_WORD = r"(?:Mc|Mac|O['’])?[A-ZÀ-Þ][a-zß-ÿ]+(?:-[A-ZÀ-Þ][a-zß-ÿ]+)?"
_CHILD_NAME = rf"(?:{_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}}|Baby[ \t]+[A-Z][a-z]+)"
# What happened to a named child, or that they are a case: "the deaths of Arthur
# Labinjo-Hughes and Star Hobson", "the case of Daniel Pelka", "Baby Peter's death".
_OF_NAMED_RE = re.compile(
    r"\b(?P<what>deaths?|murders?|killings?|manslaughter|cases?)[ \t]+of[ \t]+"
    rf"(?P<names>{_CHILD_NAME}(?:(?:,[ \t]*|,?[ \t]+and[ \t]+){_CHILD_NAME})*)"
)
_IN_THE_CASE_RE = re.compile(r"\b(?:in|as)\s+(?:the|each|any|every|either)\s+$", re.IGNORECASE)
# "Baby Peter's death": the words after the name are looked for first, the name then read
# back from them (a pattern starting at every capitalised word would be slow).
_DEATH_AFTER_RE = re.compile(r"['’]s?[ \t]+(?:death|murder|killing|tragic[ \t]+death)\b")
_NAME_BEFORE_RE = re.compile(rf"(?<![\w-])(?P<names>{_CHILD_NAME})$")
_NAME_REACH = 60
_ONE_NAME_RE = re.compile(_CHILD_NAME)
# Capitalised words that begin or make up the name of a body, a place or a post, never
# a child's name.
_NOT_CHILD_NAME = _words(
    """
    the a an this that our their his her its mr mrs ms miss dr sir dame lord lady
    council councils county borough city district london children children's child young
    people social care services service board committee panel government department
    national local public independent serious safeguarding review reviews inquiry school
    schools police health nhs trust authority authorities family families adult adults
    court crown high house office ofsted minister secretary state director head officer
    chair member members cabinet mayor parliament commons lords report act bill
    january february march april may june july august september october november december
    """
)


def _child_names(names: str, offset: int) -> list[tuple[int, int]]:
    """Spans of the names in a matched list that read as a child's name."""
    spans = []
    for match in _ONE_NAME_RE.finditer(names):
        words = match.group().split()
        if any(word.lower().strip("'’") in _NOT_CHILD_NAME for word in words[1:]) or (
            words[0].lower() in _NOT_CHILD_NAME and words[0] != "Baby"
        ):
            continue
        spans.append((offset + match.start(), offset + match.end()))
    return spans


@dataclass(frozen=True)
class KnownCase:
    """A nationally known case: its name and the other names it goes by."""

    name: str
    aliases: tuple[str, ...] = ()


def _fold(name: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
    ).casefold()


@lru_cache(maxsize=4)
def known_cases(path: Path = CASES_PATH) -> tuple[KnownCase, ...]:
    """The register of nationally known cases (``name``, ``aliases`` split on "|")."""
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as handle:
        return tuple(
            KnownCase(
                row["name"].strip(),
                tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()),
            )
            for row in csv.DictReader(handle)
            if (row.get("name") or "").strip()
        )


@lru_cache(maxsize=4)
def _known_index(
    path: Path = CASES_PATH,
) -> tuple[dict[str, KnownCase], tuple[tuple[str, re.Pattern[str]], ...]]:
    """Every name and alias (folded) to its case, and each written form with a pattern
    finding it as whole words (a form is looked for only where its text occurs)."""
    by_name: dict[str, KnownCase] = {}
    forms: set[str] = set()
    for case in known_cases(path):
        for name in (case.name, *case.aliases):
            by_name[_fold(name)] = case
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)
            )
            forms.update({name, plain})
    patterns = tuple(
        (form, re.compile(rf"(?<![\w-]){re.escape(form)}(?![\w-])")) for form in sorted(forms)
    )
    return by_name, patterns


def named_case_key(name: str) -> str:
    return "case:" + re.sub(r"[^a-z0-9]+", "-", _fold(name)).strip("-")


def _named_mentions(text: str) -> list[_CaseMention]:
    """Children named as cases by what the text says of them, or listed as known cases."""
    by_name, known_forms = _known_index()
    spans: list[tuple[int, int]] = []
    if "of " in text or "’s " in text or "'s " in text:
        for match in _OF_NAMED_RE.finditer(text):
            if _IN_THE_CASE_RE.search(text, max(0, match.start() - 20), match.start()):
                continue  # "in the case of Refunding Bonds": a condition, not a case
            spans.extend(_child_names(match["names"], match.start("names")))
        for after in _DEATH_AFTER_RE.finditer(text):
            window = max(0, after.start() - _NAME_REACH)
            before = _NAME_BEFORE_RE.search(text, window, after.start())
            if before is not None:
                spans.extend(_child_names(before["names"], before.start("names")))
    named = {" ".join(text[s:e].split()) for s, e in spans}
    if named:  # every other occurrence of a name found in context
        alternation = "|".join(re.escape(n).replace(r"\ ", r"[ \t]+") for n in named)
        spans.extend(m.span() for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text))
    for form, pattern in known_forms:
        if form in text:
            spans.extend(m.span() for m in pattern.finditer(text))
    found: dict[tuple[int, int], _CaseMention] = {}
    for start, end in sorted(set(spans)):
        surface = text[start:end]
        label = " ".join(surface.split())
        known = by_name.get(_fold(label))
        name = known.name if known else label
        confidence = EXPLICIT_CONFIDENCE if known else NAMED_CONFIDENCE
        found[(start, end)] = _CaseMention(
            named_case_key(name), name, Span(start, end), surface, confidence
        )
    return list(found.values())


def find_cases(text: str) -> Extraction:
    """Named cases with one mention per occurrence, mis-heard forms included."""
    explicit = _explicit_mentions(text)
    # A case counts as named when written with a capital "Child"/"Baby" at least once
    # or in lower case followed by its capital letter, which _explicit_mentions
    # already filtered.
    named = {mention.key for mention in explicit}
    letters = explicit + _lowercase_letter_mentions(text, named) + _repaired_mentions(text, named)
    known_by_name = _known_index()[0]
    for index, mention in enumerate(letters):
        known = known_by_name.get(_fold(mention.label))  # "Baby P" is Peter Connelly
        if known is not None:
            key = named_case_key(known.name)
            letters[index] = replace(mention, key=key, label=known.name)
    taken = [mention.span for mention in letters]
    by_name = [
        mention
        for mention in _named_mentions(text)
        if not any(s.start < mention.span.end and mention.span.start < s.end for s in taken)
    ]
    mentions = sorted(letters + by_name, key=lambda mention: mention.span.start)

    by_key: dict[str, list[_CaseMention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    entities = []
    for key, case_mentions in by_key.items():
        label = case_mentions[0].label
        known = known_by_name.get(_fold(label))
        surfaces = [m.surface for m in case_mentions] + list(known.aliases if known else ())
        aliases = tuple(dict.fromkeys(s for s in surfaces if s != label))
        confidence = max(m.confidence for m in case_mentions)
        entities.append(Case(key, label, case_mentions[0].span, confidence, aliases=aliases))
    return Extraction(
        entities=tuple(entities),
        mentions=tuple(
            Mention(m.key, m.span, m.surface, repaired_from=m.repaired_from) for m in mentions
        ),
    )
