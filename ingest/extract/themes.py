"""Theme assignment by label matching against the SKOS theme scheme.

Every prefLabel and altLabel is matched on word boundaries, with the last word of
a label allowed in singular or plural ("care leaver" / "care leavers", "policy" /
"policies") and hyphens and spaces interchangeable. Acronyms ("CCE", "AP", "PRU")
match only in capitals. Semantic similarity is added later by the service layer.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from scrutiny.ingest.extract.records import Extraction, Mention, Theme
from scrutiny.ingest.records import Span

PREF_LABEL_WEIGHT = 1.0
ALT_LABEL_WEIGHT = 0.8
ACRONYM_WEIGHT = 0.6
# score = 1 - exp(-weighted hits / (SATURATION * length units)): in a short document
# one preferred-label hit scores 0.39 and three score 0.78; a long transcript needs
# proportionally more hits, so that every theme it touches does not score 1.
SATURATION = 2.0
WORDS_PER_LENGTH_UNIT = 1000


class LabelledConcept(Protocol):
    """What theme matching needs of a concept (``scrutiny.graph.concepts.Concept``)."""

    @property
    def uri(self) -> str: ...
    @property
    def key(self) -> str: ...
    @property
    def pref_label(self) -> str: ...
    @property
    def alt_labels(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class LabelHit:
    span: Span
    surface: str
    label: str


@dataclass(frozen=True)
class ThemeHit:
    concept_key: str
    concept_uri: str
    label: str  # the concept's preferred label
    score: float
    hits: tuple[LabelHit, ...]

    @property
    def count(self) -> int:
        return len(self.hits)


@dataclass(frozen=True)
class PhraseCount:
    phrase: str
    count: int
    documents: int


def _is_acronym(label: str) -> bool:
    letters = [char for char in label if char.isalpha()]
    return bool(letters) and " " not in label and sum(c.isupper() for c in letters) >= 2


def _is_proper_single_word(label: str) -> bool:
    return " " not in label and label[:1].isupper()


def _number_ending(word: str) -> tuple[int, str]:
    """How a label's last word varies between singular and plural: the number of its
    final letters the variation replaces, and the pattern of the endings that may
    follow ("policy" -> (1, "(?:y|ies)"): "polic" then "y" or "ies")."""
    lower = word.lower()
    if lower.endswith("ies"):
        return 3, "(?:y|ies)"
    if lower.endswith("y") and lower[-2:-1] not in "aeiou":
        return 1, "(?:y|ies)"
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        return 1, "(?:s|es)?"
    return 0, "(?:s|es)?"


def _varies_in_number(word: str, last: bool) -> bool:
    return last and word[-1:].isalpha()


def _word_pattern(word: str, last: bool) -> str:
    escaped = re.escape(word).replace("'", "['’]").replace("’", "['’]")
    if not _varies_in_number(word, last):
        return escaped
    replaced, endings = _number_ending(word)
    if replaced:
        return f"{re.escape(word[:-replaced])}{endings}"
    return f"{escaped}{endings}"


def _label_words(label: str) -> list[str]:
    return re.split(r"[\s\-]+", label.strip())


def label_pattern(label: str) -> re.Pattern[str]:
    """Word-bounded pattern for a label; plural-tolerant on its last word."""
    words = _label_words(label)
    body = r"[\s\-]+".join(_word_pattern(word, i == len(words) - 1) for i, word in enumerate(words))
    flags = 0 if _is_acronym(label) or _is_proper_single_word(label) else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)


# Matching runs on the text as written; to find where a label may start, its opening
# characters are looked up in a folded copy of the text (same length, so positions
# agree). Folding maps every character a label pattern can match onto one form: ASCII
# letters to lower case, the four non-ASCII letters that re.IGNORECASE matches to ASCII
# ones (documented under re.IGNORECASE), and both apostrophes to "'". Only ASCII
# openings are looked up, so no other character needs folding.
_FOLD_FOR_LOOKUP = str.maketrans(
    {
        **{upper: upper.lower() for upper in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
        "İ": "i",
        "ı": "i",
        "ſ": "s",
        "K": "k",  # KELVIN SIGN
        "’": "'",
    }
)


def _fold_for_lookup(text: str) -> str:
    return text.translate(_FOLD_FOR_LOOKUP)


def _opening(label: str) -> str | None:
    """Folded text every match of ``label`` starts with (its first word, or a one-word
    label's letters before its plural ending), or None when it has no ASCII opening
    to look up and must be searched for."""
    words = _label_words(label)
    first = words[0]
    if _varies_in_number(first, last=len(words) == 1):
        replaced, _ = _number_ending(first)
        first = first[: len(first) - replaced]
    opening = _fold_for_lookup(first)
    return opening if opening and opening.isascii() else None


@dataclass(frozen=True)
class _CompiledLabel:
    concept_key: str
    concept_uri: str
    concept_pref_label: str
    label: str
    pattern: re.Pattern[str]
    opening: str | None
    weight: float


# What of a concept theme matching depends on: key, URI, preferred label, alt labels.
_ConceptLabels = tuple[str, str, str, tuple[str, ...]]


@functools.lru_cache(maxsize=16)
def _compile(concepts: tuple[_ConceptLabels, ...]) -> tuple[_CompiledLabel, ...]:
    """Every label of a concept set, compiled once per set, longest label first."""
    compiled = []
    for key, uri, pref_label, alt_labels in concepts:
        for label in dict.fromkeys((pref_label, *alt_labels)):
            if _is_acronym(label):
                weight = ACRONYM_WEIGHT
            elif label == pref_label:
                weight = PREF_LABEL_WEIGHT
            else:
                weight = ALT_LABEL_WEIGHT
            compiled.append(
                _CompiledLabel(
                    key, uri, pref_label, label, label_pattern(label), _opening(label), weight
                )
            )
    # Longer labels first so that "youth justice service" claims its words before
    # "youth justice" or "service" can.
    compiled.sort(key=lambda item: -len(item.label))
    return tuple(compiled)


def _concept_labels(concepts: Iterable[LabelledConcept]) -> tuple[_ConceptLabels, ...]:
    return tuple(
        (concept.key, concept.uri, concept.pref_label, tuple(concept.alt_labels))
        for concept in concepts
    )


class _LabelFinder:
    """Finds the matches of one label after another in a text, trying each label's
    pattern only where the text has the label's opening."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = _fold_for_lookup(text)
        self._openings: dict[str, list[int]] = {}

    def finditer(self, label: _CompiledLabel) -> Iterator[re.Match[str]]:
        """The matches ``label.pattern.finditer(text)`` yields, found faster."""
        if label.opening is None:
            yield from label.pattern.finditer(self.text)
            return
        resume = 0
        for start in self._starts_of(label.opening):
            if start < resume:
                continue  # finditer resumes after the previous match
            match = label.pattern.match(self.text, start)
            if match is not None:
                yield match
                resume = match.end()

    def _starts_of(self, opening: str) -> list[int]:
        """Every position, overlapping ones included, where ``opening`` occurs."""
        starts = self._openings.get(opening)
        if starts is None:
            starts = []
            position = self.folded.find(opening)
            while position >= 0:
                starts.append(position)
                position = self.folded.find(opening, position + 1)
            self._openings[opening] = starts
        return starts


def assign_themes(
    text: str, scheme_concepts: Iterable[LabelledConcept], min_score: float = 0.0
) -> tuple[ThemeHit, ...]:
    """Concepts whose labels occur in ``text``, best first. Overlapping label matches
    count once, for the longest label."""
    finder = _LabelFinder(text)
    taken = bytearray(len(text))  # 1 where a counted match covers the character
    hits: dict[str, list[tuple[LabelHit, float]]] = {}
    concepts: dict[str, _CompiledLabel] = {}
    for compiled in _compile(_concept_labels(scheme_concepts)):
        for match in finder.finditer(compiled):
            start, end = match.span()
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            key = compiled.concept_key
            concepts[key] = compiled
            hits.setdefault(key, []).append(
                (LabelHit(Span(start, end), match.group(), compiled.label), compiled.weight)
            )

    length_units = max(1.0, len(text.split()) / WORDS_PER_LENGTH_UNIT)
    result = []
    for key, concept_hits in hits.items():
        weight = sum(weight for _, weight in concept_hits)
        score = round(1.0 - math.exp(-weight / (SATURATION * length_units)), 4)
        if score < min_score:
            continue
        concept = concepts[key]
        ordered = tuple(sorted((hit for hit, _ in concept_hits), key=lambda h: h.span.start))
        result.append(
            ThemeHit(key, concept.concept_uri, concept.concept_pref_label, score, ordered)
        )
    result.sort(key=lambda hit: (-hit.score, hit.concept_key))
    return tuple(result)


def theme_extraction(hits: Sequence[ThemeHit]) -> Extraction:
    """Theme entities (anchored at their first hit) and a mention per label hit."""
    entities = tuple(
        Theme(hit.concept_key, hit.label, hit.hits[0].span, hit.score, hit.concept_uri, hit.score)
        for hit in hits
        if hit.hits
    )
    mentions = tuple(
        Mention(hit.concept_key, label_hit.span, label_hit.surface)
        for hit in hits
        for label_hit in hit.hits
    )
    return Extraction(entities=entities, mentions=mentions)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _words(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too
    under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves yes okay ok well really think know going
    get got like want said says say thank thanks one two three four five six seven eight
    nine ten also may might must shall us lot lots way things thing something actually
    make made see look looking bit kind sort mean need needs still around across within
    per via etc eg ie new many much every however therefore whether
    """
)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[A-Za-z]")


def _normalise_for_phrases(text: str) -> list[list[str]]:
    """Lower-cased words, split into runs at punctuation so that no phrase spans a
    sentence or table-cell boundary."""
    runs = []
    for chunk in re.split(r"[.,;:!?()\[\]|\n\"“”]+", text):
        words = [word.lower().replace("’", "'") for word in _WORD_RE.findall(chunk)]
        if words:
            runs.append(words)
    return runs


def unmatched_phrases(
    texts: Iterable[str], concepts: Iterable[LabelledConcept], top: int = 50
) -> tuple[PhraseCount, ...]:
    """Frequent bigrams and trigrams of content words that no concept label covers,
    most frequent first: candidates for new concepts or altLabels."""
    label_words = [
        {word.lower() for word in re.split(r"[\s\-]+", label) if word}
        for concept in concepts
        for label in (concept.pref_label, *concept.alt_labels)
    ]
    label_phrases = {" ".join(sorted(words)) for words in label_words}
    counts: Counter[str] = Counter()
    document_counts: Counter[str] = Counter()
    for text in texts:
        seen: set[str] = set()
        for run in _normalise_for_phrases(text):
            for size in (2, 3):
                for start in range(len(run) - size + 1):
                    gram = run[start : start + size]
                    if any(word in STOPWORDS or len(word) < 3 for word in gram):
                        continue
                    phrase = " ".join(gram)
                    counts[phrase] += 1
                    seen.add(phrase)
        document_counts.update(seen)

    def covered(phrase: str) -> bool:
        words = set(phrase.split())
        singular = {word.removesuffix("s") for word in words}
        return " ".join(sorted(words)) in label_phrases or any(
            words <= label or singular <= label or (len(label) >= 2 and label <= words)
            for label in label_words
        )

    ranked = [
        PhraseCount(phrase, count, document_counts[phrase])
        for phrase, count in counts.most_common()
        if count >= 2 and not covered(phrase)
    ]
    return tuple(ranked[:top])
