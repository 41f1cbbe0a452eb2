"""Organisation resolution: a curated gazetteer of public bodies plus patterns for
bodies it does not list ("Youth Justice Service", "Exploitation and Risk Panel").

Gazetteer aliases are matched on word tokens rather than with one large regular
expression, so the cost stays linear in the length of the text (long transcripts)
whatever the size of the gazetteer.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from scrutiny.ingest.extract.records import Extraction, Mention, Organisation
from scrutiny.ingest.records import Span

DEFAULT_GAZETTEER_PATH = (
    Path(__file__).resolve().parents[2] / "data" / "gazetteer" / "organisations.csv"
)
_GAZETTEER_HEADER = ("key", "label", "type")


def gazetteer_files(path: str | Path) -> tuple[Path, ...]:
    """The register files read with ``path``: the file itself, then every other CSV
    beside it with the same leading columns (councils.csv, police.csv, health.csv,
    national.csv: the register is split by kind of body, read as one)."""
    path = Path(path)
    files = [path] if path.exists() else []
    for sibling in sorted(path.parent.glob("*.csv")):
        if sibling == path:
            continue
        with sibling.open(encoding="utf-8", newline="") as handle:
            header = tuple(next(csv.reader(handle), ()))[:3]
        if header == _GAZETTEER_HEADER:
            files.append(sibling)
    return tuple(files)


def read_gazetteer_rows(path: str | Path) -> list[dict[str, str]]:
    """Every row of the register files read with ``path``."""
    rows: list[dict[str, str]] = []
    for file in gazetteer_files(path):
        with file.open(encoding="utf-8", newline="") as handle:
            rows.extend(csv.DictReader(handle))
    return rows


GAZETTEER_CONFIDENCE = 0.95
CONTEXT_DISAMBIGUATED_CONFIDENCE = 0.8
WORD_DISAMBIGUATED_CONFIDENCE = 0.7
PATTERN_RESOLVED_CONFIDENCE = 0.85
UNLISTED_BODY_CONFIDENCE = 0.6


class OrganisationType(StrEnum):
    GOVERNMENT_DEPARTMENT = "government department"
    POLICE = "police"
    COUNCIL = "council"
    HEALTH = "health"
    INSPECTORATE = "inspectorate"
    PARTNERSHIP = "partnership"
    VOLUNTARY = "voluntary"
    PARLIAMENT = "parliament"
    INQUIRY = "inquiry"
    OTHER = "other"


@dataclass(frozen=True)
class GazetteerEntry:
    key: str
    label: str
    type: OrganisationType
    aliases: tuple[str, ...] = ()
    identifier: str | None = None
    short_name: str | None = None

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


class _Token(NamedTuple):
    text: str  # verbatim, possessive suffix removed
    norm: str
    start: int
    end: int


@dataclass(frozen=True)
class _AliasForm:
    entry_key: str
    alias: str
    tokens: tuple[str, ...]  # verbatim alias tokens
    case_sensitive: tuple[bool, ...]  # per token


class _AliasNode:
    """A node of the alias trie: the aliases whose normalised tokens spell the path
    to it, and the tokens that extend that path to a longer alias."""

    __slots__ = ("children", "forms")

    def __init__(self) -> None:
        self.children: dict[str, _AliasNode] = {}
        self.forms: list[_AliasForm] = []

    def add(self, norms: Sequence[str], form: _AliasForm) -> None:
        node = self
        for norm in norms:
            node = node.children.setdefault(norm, _AliasNode())
        node.forms.append(form)


@dataclass(frozen=True)
class _Match:
    span: Span
    surface: str
    candidates: tuple[str, ...]  # entry keys; more than one when the alias is ambiguous


_TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|&")
_POSSESSIVE_RE = re.compile(r"['’]s$|(?<=s)['’]$", re.IGNORECASE)
# Characters allowed between two tokens of one name: a name never runs across a
# table cell, a bracket or a blank line.
_GAP_RE = re.compile(r"[ \t.,\-–‐]*\n?[ \t.,\-–‐]*")
_FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "to", "a", "an", "&"})


def _norm_token(token: str) -> str:
    if token == "&":
        return "and"
    token = _POSSESSIVE_RE.sub("", token)
    return token.replace("'", "").replace("’", "").lower()


@lru_cache(maxsize=100_000)
def _token_forms(raw: str) -> tuple[str, str]:
    """A token as written without its possessive suffix, and its normalised form."""
    return _POSSESSIVE_RE.sub("", raw), _norm_token(raw)


def _tokens(text: str) -> list[_Token]:
    result = []
    for match in _TOKEN_RE.finditer(text):
        stripped, norm = _token_forms(match.group())
        start = match.start()
        result.append(_Token(stripped, norm, start, start + len(stripped)))
    return result


def normalise_name(name: str) -> str:
    """Case, punctuation, a leading "the" and possessives do not distinguish bodies."""
    norms = [_norm_token(token.group()) for token in _TOKEN_RE.finditer(name)]
    if norms and norms[0] == "the":
        norms = norms[1:]
    return " ".join(norms)


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text)).strip("-")


def _is_acronym_like(token: str) -> bool:
    uppercase = sum(1 for char in token if char.isupper())
    return uppercase >= 2 or (len(token) <= 3 and token[:1].isupper())


def _alias_form(entry_key: str, alias: str) -> _AliasForm | None:
    raw_tokens = [_POSSESSIVE_RE.sub("", t.group()) for t in _TOKEN_RE.finditer(alias)]
    if not raw_tokens:
        return None
    content = [t for t in raw_tokens if t.lower() not in _FUNCTION_WORDS]
    single_word = len(content) <= 1
    # A one-word alias ("Ofsted", "Treasury", "MPS") or an acronym-like token inside a
    # longer alias ("the Met", "NCL ICB") must match in its own case: "MPs", "met" and
    # "treasury" are ordinary words.
    case_sensitive = tuple(
        token.lower() not in _FUNCTION_WORDS and (single_word or _is_acronym_like(token))
        for token in raw_tokens
    )
    return _AliasForm(entry_key, alias, tuple(raw_tokens), case_sensitive)


class OrganisationGazetteer:
    """Curated bodies with their aliases; built once and shared."""

    def __init__(self, entries: Iterable[GazetteerEntry]) -> None:
        self._entries: dict[str, GazetteerEntry] = {}
        self._by_name: dict[str, set[str]] = defaultdict(set)
        self._aliases = _AliasNode()
        self._places: frozenset[str] | None = None
        for entry in entries:
            if entry.key in self._entries:
                raise ValueError(f"duplicate gazetteer key {entry.key}")
            self._entries[entry.key] = entry
            names = list(entry.names())
            if entry.short_name:
                names.append(entry.short_name)
            for name in names:
                self._by_name[normalise_name(name)].add(entry.key)
            # A council's bare short name ("Hackney") names a place far more often
            # than the council, so it resolves by lookup but is not searched in text.
            for name in entry.names():
                form = _alias_form(entry.key, name)
                if form is not None:
                    self._aliases.add([_norm_token(t) for t in form.tokens], form)

    @classmethod
    def from_csv(cls, path: str | Path = DEFAULT_GAZETTEER_PATH) -> OrganisationGazetteer:
        rows = read_gazetteer_rows(path)
        return cls(
            GazetteerEntry(
                key=row["key"].strip(),
                label=row["label"].strip(),
                type=OrganisationType(row["type"].strip()),
                aliases=tuple(
                    a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()
                ),
                identifier=(row.get("identifier") or "").strip() or None,
                short_name=(row.get("short_name") or "").strip() or None,
            )
            for row in rows
        )

    @property
    def entries(self) -> tuple[GazetteerEntry, ...]:
        return tuple(self._entries.values())

    def get(self, key: str) -> GazetteerEntry | None:
        return self._entries.get(key)

    def candidates(self, name: str) -> tuple[GazetteerEntry, ...]:
        keys = sorted(self._by_name.get(normalise_name(name), ()))
        return tuple(self._entries[key] for key in keys)

    def lookup(self, name: str) -> GazetteerEntry | None:
        """The one entry a name denotes; ``None`` when unknown or ambiguous."""
        found = self.candidates(name)
        return found[0] if len(found) == 1 else None

    def resolve(self, name: str) -> Organisation | None:
        """Resolve a name as written (e.g. a table's "Organisation" cell); the span
        covers ``name`` itself."""
        entry = self.lookup(name)
        if entry is None:
            return None
        exact = normalise_name(name) == normalise_name(entry.label)
        return Organisation(
            key=entry.key,
            label=entry.label,
            span=Span(0, len(name)),
            confidence=1.0 if exact else GAZETTEER_CONFIDENCE,
            aliases=() if name.strip() == entry.label else (name.strip(),),
            identifier=entry.identifier,
        )

    def find(self, text: str) -> list[tuple[Span, str, tuple[str, ...]]]:
        """Every alias named in ``text``: its span, the words as written and the keys it
        may denote (more than one when the alias is ambiguous)."""
        return [(m.span, m.surface, m.candidates) for m in self._matches(text, _tokens(text))]

    def _matches(self, text: str, tokens: Sequence[_Token]) -> list[_Match]:
        """Gazetteer aliases in ``text``, which ``tokens`` are the tokens of."""
        candidates = [
            found
            for position in range(len(tokens))
            if (found := self._longest_match_at(text, tokens, position)) is not None
        ]
        # Where matches overlap the one with more content words wins ("the Met Police"
        # is "Met Police", not "the Met").
        candidates.sort(key=lambda item: (-item[1], item[0].span.start))
        chosen: list[_Match] = []
        for candidate, _ in candidates:
            if not any(_overlaps(candidate.span, other.span) for other in chosen):
                chosen.append(candidate)
        return sorted(chosen, key=lambda chosen_match: chosen_match.span.start)

    def _longest_match_at(
        self, text: str, tokens: Sequence[_Token], position: int
    ) -> tuple[_Match, int] | None:
        """The longest alias starting at token ``position`` whose tokens run on without
        a break and agree in case, with the number of its content words."""
        node = self._aliases
        longest: tuple[Sequence[_Token], list[str]] | None = None
        for index in range(position, len(tokens)):
            child = node.children.get(tokens[index].norm)
            if child is None or (
                index > position and not _joined(text, tokens[index - 1], tokens[index])
            ):
                break
            node = child
            if node.forms:
                window = tokens[position : index + 1]
                keys = sorted({form.entry_key for form in node.forms if _case_agrees(form, window)})
                if keys:
                    longest = window, keys
        if longest is None:
            return None
        window, keys = longest
        start, end = window[0].start, window[-1].end
        content_words = sum(1 for token in window if token.norm != "the")
        return _Match(Span(start, end), text[start:end], tuple(keys)), content_words

    def place_names(self) -> frozenset[str]:
        """The places councils are named after ("Hackney", "Cheshire East")."""
        if self._places is None:
            self._places = frozenset(
                e.short_name
                for e in self._entries.values()
                if e.short_name and e.type is OrganisationType.COUNCIL
            )
        return self._places

    def distinctive_words(self, keys: Sequence[str]) -> dict[str, frozenset[str]]:
        """For each of several entries, the label words no other of them shares."""
        words = {key: frozenset(normalise_name(self._entries[key].label).split()) for key in keys}
        return {
            key: own - _FUNCTION_WORDS - frozenset().union(*(words[k] for k in keys if k != key))
            for key, own in words.items()
        }


def _overlaps(first: Span, second: Span) -> bool:
    return bool(first.start < second.end and second.start < first.end)


def _joined(text: str, previous: _Token, current: _Token) -> bool:
    """Whether two neighbouring tokens can belong to one name."""
    return _GAP_RE.fullmatch(text, previous.end, current.start) is not None or text[
        previous.end : current.start
    ].lower() in {"'s ", "’s "}


def _case_agrees(form: _AliasForm, window: Sequence[_Token]) -> bool:
    """Whether ``window`` writes the alias in its case. A name of several words set all
    in capitals ("RHONDDA CYNON TAF COUNTY BOROUGH COUNCIL", a letterhead) agrees too:
    capitals say nothing about a short word's case there."""
    shouting = len(window) >= 3 and all(t.text.isupper() or not t.text.isalpha() for t in window)
    return all(
        not sensitive
        or token.text == alias_token
        or (shouting and token.text == alias_token.upper())
        for alias_token, sensitive, token in zip(
            form.tokens, form.case_sensitive, window, strict=True
        )
    )


# Unlisted bodies: a run of capitalised words ending in a head noun.
_BODY_HEADS = frozenset(
    {"service", "team", "board", "directorate", "partnership", "panel", "commission", "unit", "hub"}
)
_CAPITALISED_RUN_RE = re.compile(
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:(?:and|of|for|in|&)[ \t]+)?[A-Z][\w’'\-]*)*"
)
_LEADING_NOISE = frozenset(
    {
        "the", "a", "an", "this", "that", "these", "those", "our", "their", "its", "his", "her",
        "in", "within", "for", "from", "with", "by", "at", "on", "to", "of", "and", "as", "since",
        "under", "through", "via", "all", "each", "every", "any", "also", "then", "it", "we", "i",
        "if", "when", "where", "while", "both", "but", "so", "yes", "no", "thank", "thanks",
        "chair", "councillor", "cllr", "mr", "mrs", "ms", "dr", "&",
    }
)  # fmt: skip
_CONNECTORS = frozenset({"and", "of", "for", "in", "&"})
_ROLE_WORDS = frozenset(
    {
        "head",
        "director",
        "manager",
        "chair",
        "chairman",
        "officer",
        "member",
        "lead",
        "commissioner",
    }
)


def _unlisted_bodies(text: str) -> Iterator[tuple[Span, str]]:
    for run in _CAPITALISED_RUN_RE.finditer(text):
        words = list(re.finditer(r"\S+", run.group()))
        # The head noun must end the run: in "Holocaust Partnership Group" or "Youth
        # Justice Service Manager" the name goes on past it.
        head_index = len(words) - 1
        if _norm_token(words[head_index].group()) not in _BODY_HEADS:
            continue
        first = 0
        while first < head_index and words[first].group().lower().strip("’'") in _LEADING_NOISE:
            first += 1
        if words[first].group().lower() in _ROLE_WORDS:
            continue  # "Head of Strategic Partnerships" is a post, not a body
        modifiers = [
            w.group() for w in words[first:head_index] if w.group().lower() not in _CONNECTORS
        ]
        if not modifiers:
            continue
        start = run.start() + words[first].start()
        end = run.start() + words[head_index].end()
        yield Span(start, end), text[start:end]


# A safeguarding partnership named by its area and an acronym ("Haringey LSCB"): the
# same body as its name in full ("Haringey Local Safeguarding Children Board").
_PARTNERSHIP_ACRONYMS = {
    "LSCB": "Local Safeguarding Children Board",
    "SCB": "Safeguarding Children Board",
    "LSCP": "Local Safeguarding Children Partnership",
    "SCP": "Safeguarding Children Partnership",
    "SAB": "Safeguarding Adults Board",
}
_AREA_PARTNERSHIP_RE = re.compile(
    r"\b(?P<area>[A-Z][\w'’-]+(?:[ \t]+(?:and[ \t]+|&[ \t]+)?[A-Z][\w'’-]+){0,3})[ \t]+"
    r"(?P<acronym>LSCB|SCB|LSCP|SCP|SAB)s?\b"
)


def _area_partnerships(
    text: str, gazetteer: OrganisationGazetteer
) -> Iterator[tuple[Span, str, str]]:
    places = gazetteer.place_names()
    for match in _AREA_PARTNERSHIP_RE.finditer(text):
        words = match.group("area").split()
        while words and words[0].lower().strip("’'") in _LEADING_NOISE:
            words = words[1:]
        area = " ".join(words)
        if not area or not any(area == p or area.endswith(" " + p) for p in places):
            continue
        start = match.start("area") + match.group("area").rindex(area)
        label = f"{area} {_PARTNERSHIP_ACRONYMS[match.group('acronym')]}"
        yield Span(start, match.end()), text[start : match.end()], label


@dataclass(frozen=True)
class _Resolved:
    key: str
    label: str
    identifier: str | None
    confidence: float


def find_organisations(text: str, gazetteer: OrganisationGazetteer) -> Extraction:
    """Organisations named in ``text``: gazetteer aliases first, then unlisted bodies
    recognised by their head noun. One entity per key, one mention per occurrence."""
    tokens = _tokens(text)
    partnerships = list(_area_partnerships(text, gazetteer))
    # "Haringey LSCB" is Haringey's board, not the body "LSCB" alone would name
    gazetteer_matches = [
        m
        for m in gazetteer._matches(text, tokens)
        if not any(_overlaps(m.span, span) for span, _, _ in partnerships)
    ]
    unambiguous = {m.candidates[0] for m in gazetteer_matches if len(m.candidates) == 1}
    word_counts: Counter[str] = Counter(token.norm for token in tokens)

    found: list[tuple[Span, str, _Resolved]] = []
    for match in gazetteer_matches:
        chosen = _disambiguate(match.candidates, unambiguous, word_counts, gazetteer)
        if chosen is None:
            continue
        key, confidence = chosen
        entry = gazetteer.get(key)
        assert entry is not None
        found.append(
            (
                match.span,
                match.surface,
                _Resolved(entry.key, entry.label, entry.identifier, confidence),
            )
        )

    taken = [span for span, _, _ in found]
    for span, surface, label in partnerships:
        entry = gazetteer.lookup(label)
        if entry is not None:
            resolved = _Resolved(
                entry.key, entry.label, entry.identifier, PATTERN_RESOLVED_CONFIDENCE
            )
        else:
            key = f"organisation:{slugify(label)}"
            resolved = _Resolved(key, label, None, PATTERN_RESOLVED_CONFIDENCE)
        found.append((span, surface, resolved))
        taken.append(span)
    for span, surface in _unlisted_bodies(text):
        if any(_overlaps(span, other) for other in taken):
            continue
        entry = gazetteer.lookup(surface)
        if entry is not None:
            resolved = _Resolved(
                entry.key, entry.label, entry.identifier, PATTERN_RESOLVED_CONFIDENCE
            )
        else:
            label = " ".join(surface.split())
            resolved = _Resolved(
                f"organisation:{slugify(label)}", label, None, UNLISTED_BODY_CONFIDENCE
            )
        found.append((span, surface, resolved))
        taken.append(span)

    found.sort(key=lambda item: item[0].start)
    return _extraction(found)


def _disambiguate(
    candidates: Sequence[str],
    unambiguous: set[str],
    word_counts: Counter[str],
    gazetteer: OrganisationGazetteer,
) -> tuple[str, float] | None:
    """An ambiguous alias ("CSCP") counts only when the document supports exactly one
    of its candidates: named unambiguously elsewhere, or else the only candidate whose
    distinctive label words ("Camden" vs "Croydon") occur in the text."""
    if len(candidates) == 1:
        return candidates[0], GAZETTEER_CONFIDENCE
    named = [key for key in candidates if key in unambiguous]
    if len(named) == 1:
        return named[0], CONTEXT_DISAMBIGUATED_CONFIDENCE
    if named:
        return None
    distinctive = gazetteer.distinctive_words(candidates)
    support = {key: sum(word_counts[word] for word in words) for key, words in distinctive.items()}
    supported = [key for key, count in support.items() if count > 0]
    if len(supported) == 1:
        return supported[0], WORD_DISAMBIGUATED_CONFIDENCE
    return None


def _extraction(found: Sequence[tuple[Span, str, _Resolved]]) -> Extraction:
    first: dict[str, tuple[Span, _Resolved]] = {}
    surfaces: dict[str, list[str]] = defaultdict(list)
    mentions = []
    for span, surface, resolved in found:
        first.setdefault(resolved.key, (span, resolved))
        previous = first[resolved.key][1]
        if resolved.confidence > previous.confidence:
            first[resolved.key] = (first[resolved.key][0], resolved)
        verbatim = " ".join(surface.split())
        if verbatim != resolved.label and verbatim not in surfaces[resolved.key]:
            surfaces[resolved.key].append(verbatim)
        mentions.append(Mention(resolved.key, span, surface))
    entities = tuple(
        Organisation(
            key=key,
            label=resolved.label,
            span=span,
            confidence=resolved.confidence,
            aliases=tuple(surfaces[key]),
            identifier=resolved.identifier,
        )
        for key, (span, resolved) in first.items()
    )
    return Extraction(entities=entities, mentions=tuple(mentions))
