"""Reading a query: quoted phrases, named cases, organisations, themes and intent."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

_PHRASE = re.compile(r"\"([^\"]+)\"|“([^”]+)”")
_CASE = re.compile(r"\bchild\s+([a-z])\b(?!['’]\w)", re.IGNORECASE)
_WORD = re.compile(r"[\w'’&-]+")

_COMMITMENT_INTENT = re.compile(
    r"\b(?:promis\w*|commit\w*|pledg\w*|undert(?:ook|ake|aking)\w*|agreed|agree to|"
    r"actions?\b|will (?:do|deliver|provide)|follow[- ]up|what was (?:said|decided))",
    re.IGNORECASE,
)
_OWNER_INTENT = re.compile(
    r"\b(?:who(?:'s| is| was| are| were)? (?:responsible|accountable|in charge|leading|"
    r"lead(?:s)?|owns?|monitors?|oversees?|overseeing|chairs?)|which (?:team|service|"
    r"organisation|organization|body|department|agency|directorate)|owner|lead agency|"
    r"responsible for)",
    re.IGNORECASE,
)
_STATUS_INTENT = re.compile(
    r"\b(?:rejected|accepted|amended|partially accepted|not accepted|noted)\b", re.IGNORECASE
)
#: "Response" meaning a body's reply to findings, not a service ("rapid response team"):
#: as the query's last word, after the replying body, or before what it answers.
_REPLY_INTENT = re.compile(
    r"\b(?:responses?|replies|reply)\s*[?.!]*$"
    r"|\b(?:government|council|cabinet|ministerial|official|formal|management|partnership|"
    r"department(?:al)?|executive)\s+(?:responses?|repl(?:y|ies))\b"
    r"|\b(?:respon(?:se|ses|ded|d)|repl(?:y|ies|ied))\s+to\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:recommendations?|review|report|inquiry|findings?|scrutiny)\b",
    re.IGNORECASE,
)


#: What an owner question asks someone to do, as word stems an answer would share
#: ("who monitors …" → "… set up to monitor the progress …").
_ROLE_STEMS = {
    "monitor": "monitor",
    "oversee": "overs",
    "oversight": "overs",
    "chair": "chair",
    "lead": "lead",
    "leading": "lead",
    "responsible": "responsib",
    "accountable": "accountab",
}


class Intent(StrEnum):
    GENERAL = "general"
    COMMITMENTS = "commitments"  # what was promised, committed, agreed
    OWNERS = "owners"  # who is responsible
    RESPONSES = "responses"  # which recommendations were accepted/rejected


@dataclass(frozen=True)
class LexiconEntry:
    """A name the graph knows: an organisation alias, a case, a theme label."""

    name: str
    node_id: str
    kind: str  # organisation | case | theme
    expansion: tuple[str, ...] = ()  # other names worth searching for


@dataclass(frozen=True)
class QueryAnalysis:
    text: str  # the query without quotes
    phrases: tuple[str, ...] = ()  # quoted phrases that must appear verbatim
    cases: tuple[str, ...] = ()  # case node ids named, e.g. case:child-q
    organisations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    expansions: tuple[str, ...] = ()  # aliases and alternative labels to search too
    intent: Intent = Intent.GENERAL
    matched_names: tuple[str, ...] = field(default_factory=tuple)
    role_stems: tuple[str, ...] = ()  # for owner questions: the role asked about

    def describe(self) -> Interpretation:
        return Interpretation(
            intent=self.intent.value,
            phrases=self.phrases,
            cases=self.cases,
            organisations=self.organisations,
            themes=self.themes,
            expanded_with=self.expansions,
        )


@dataclass(frozen=True)
class Interpretation:
    """How a query was read, as the API reports it."""

    intent: str
    phrases: tuple[str, ...] = ()
    cases: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    expanded_with: tuple[str, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "intent": self.intent,
            "phrases": list(self.phrases),
            "cases": list(self.cases),
            "organisations": list(self.organisations),
            "themes": list(self.themes),
            "expanded_with": list(self.expanded_with),
        }


class Lexicon:
    """Names to recognise in queries; longest match wins, short acronyms match by case."""

    def __init__(self, entries: Iterable[LexiconEntry]) -> None:
        self._by_words: dict[tuple[str, ...], list[LexiconEntry]] = {}
        self._longest = 1
        for entry in entries:
            words = tuple(_words(entry.name, keep_case=_is_acronym(entry.name)))
            if not words:
                continue
            self._by_words.setdefault(words, []).append(entry)
            self._longest = max(self._longest, len(words))

    def find(self, text: str) -> list[LexiconEntry]:
        lowered = _words(text, keep_case=False)
        original = _words(text, keep_case=True)
        found: list[LexiconEntry] = []
        i = 0
        while i < len(lowered):
            for size in range(min(self._longest, len(lowered) - i), 0, -1):
                for candidate in (tuple(lowered[i : i + size]), tuple(original[i : i + size])):
                    entries = self._by_words.get(candidate)
                    if entries:
                        found.extend(entries)
                        i += size - 1
                        break
                else:
                    continue
                break
            i += 1
        return found


def analyse(query: str, lexicon: Lexicon) -> QueryAnalysis:
    phrases = tuple(a or b for a, b in _PHRASE.findall(query))
    text = " ".join(_PHRASE.sub(lambda m: m.group(1) or m.group(2), query).split())
    cases = tuple(dict.fromkeys(f"case:child-{m.lower()}" for m in _CASE.findall(text)))
    entries = [e for e in lexicon.find(text) if e.kind != "case"]
    organisations = tuple(dict.fromkeys(e.node_id for e in entries if e.kind == "organisation"))
    themes = tuple(dict.fromkeys(e.node_id for e in entries if e.kind == "theme"))
    expansions: list[str] = []
    lowered = text.lower()
    for entry in entries:
        # Organisation aliases are exact synonyms (MPS = Metropolitan Police Service);
        # a theme's alternative labels are looser and measured to hurt precision.
        if entry.kind == "organisation":
            expansions.extend(x for x in entry.expansion if x.lower() not in lowered)
    if _STATUS_INTENT.search(text) and re.search(r"recommendation", text, re.IGNORECASE):
        intent = Intent.RESPONSES
    elif _OWNER_INTENT.search(text):
        intent = Intent.OWNERS
    elif _COMMITMENT_INTENT.search(text):
        intent = Intent.COMMITMENTS
    elif _REPLY_INTENT.search(text):
        intent = Intent.RESPONSES
    else:
        intent = Intent.GENERAL
    role_stems: tuple[str, ...] = ()
    if intent is Intent.OWNERS:
        role_stems = tuple(
            dict.fromkeys(
                stem
                for word in _words(text, keep_case=False)
                if (stem := _ROLE_STEMS.get(word) or _ROLE_STEMS.get(word.removesuffix("s")))
            )
        )
    return QueryAnalysis(
        text=text,
        role_stems=role_stems,
        phrases=phrases,
        cases=cases,
        organisations=organisations,
        themes=themes,
        expansions=tuple(dict.fromkeys(expansions))[:12],
        intent=intent,
        matched_names=tuple(e.name for e in entries),
    )


def _words(text: str, keep_case: bool) -> list[str]:
    words = [w.strip("'’") for w in _WORD.findall(text)]
    return [w if keep_case else w.lower() for w in words if w]


def _is_acronym(name: str) -> bool:
    return len(name) <= 5 and name.replace(" ", "").isupper()
