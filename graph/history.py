"""Status over time: which later documents report on an earlier recommendation or
commitment, with the passage that says so, and the dated history this gives.

A later document reports on an earlier review's recommendation when it refers to it
explicitly ("Recommendation 3", "R3", "recommendation three", "recommendations 2 and
4") or by its words (lexical overlap of the passage with the recommendation's text),
inside the review's scope: the same council (or, where either council is unknown, a
later document that names the review by its title), and a later date. Each link keeps
the evidence (passage id and the character span of the sentence within it), a
confidence from 0 to 1, the response status the evidence states (``ResponseStatus``,
the project's closed vocabulary) and the progress it states (the words of the
progress vocabulary the response tables use: "complete", "in progress", "ongoing", …).

Everything here is a pure function over typed records: the store feeds it and writes
its results (``Store.status_links``), the service turns them into a ``History``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from scrutiny.graph.schema import NodeKind
from scrutiny.ingest.extract.records import ResponseStatus
from scrutiny.ingest.extract.tables import normalise_number, progress_of, status_from_response

#: Links below this confidence are not kept (chosen on the dev chains, see
#: ``benchmarks/status_links.py``).
DEFAULT_THRESHOLD = 0.5
#: Bumped whenever linking changes, so that stored links are rebuilt.
LINKER_VERSION = "4"
#: Kinds of earlier entities that later documents report on.
LINKED_KINDS = (NodeKind.RECOMMENDATION, NodeKind.COMMITMENT)
#: Share of a review title's distinctive words a later document must contain to name it.
TITLE_SHARE = 0.6
#: Fewest distinctive words a title needs to be recognisable at all.
MIN_TITLE_WORDS = 2
#: Fewest distinctive words an entity's text needs for a match by words alone.
MIN_TEXT_WORDS = 4
#: Fewest words an entity and a passage must share for a match by words.
MIN_COMMON = 3
_MAX_LEAD = 40  # a reference this close to a passage's start heads a block about it


class LinkBasis(StrEnum):
    """Why a later passage was linked to an earlier entity."""

    REFERENCE = "reference"  # it names the recommendation's number
    TEXT = "text"  # its words match the entity's text


@dataclass(frozen=True)
class TrackedEntity:
    """An earlier recommendation or commitment, as the linker sees it."""

    id: str
    kind: NodeKind
    document_id: str
    number: str  # "" when the document does not number it
    text: str


@dataclass(frozen=True)
class LinkPassage:
    id: str
    start: int  # offsets in the document's canonical text
    end: int


@dataclass(frozen=True)
class LinkDocument:
    """A document as the linker sees it: metadata, canonical text and passages."""

    id: str
    title: str
    council: str | None
    date: str | None  # ISO 8601
    text: str
    passages: tuple[LinkPassage, ...]


@dataclass(frozen=True)
class StatusLink:
    """A later document's passage reporting on an earlier entity.

    ``start``/``end`` cite the evidence sentence in the later document's canonical text.
    """

    entity_id: str
    document_id: str
    passage_id: str
    start: int
    end: int
    confidence: float
    status: ResponseStatus | None
    progress: str | None
    date: str | None
    basis: LinkBasis


# --- words ---------------------------------------------------------------------------

_WORD = re.compile(r"[a-z0-9]+")


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _listed(words: str) -> frozenset[str]:
    """The words, and their stems (as ``content_words`` gives them)."""
    return frozenset(words.split()) | frozenset(_stem(word) for word in words.split())


_STOP = _listed(
    """a about above after again against all also an and any are as at be been before being
    below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just me more most my no nor not now of off on once only or other our ours out over own
    same she should so some such than that the their theirs them then there these they this
    those through to too under until up upon very was we were what when where which while
    who whom why will with would you your shall must may might within across per via
    ensure ensuring consider considered including include includes made make
    council councils committee committees scrutiny board report reports review reviews
    recommendation recommendations recommend recommended response responses update
    minutes meeting agenda item panel commission cabinet executive group
    service services work working"""
)
#: Words too common in scrutiny titles to say which review a document means.
_GENERIC_TITLE = _listed(
    """child children young people peoples family families community communities social
    care overview sub joint special extraordinary london borough county city district
    metropolitan house commons lords government department directorate director
    education learning position statement proposed final full text table status
    decision decisions issue"""
)
_MONTHS = _listed(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
COUNCIL_WORDS = _listed("council borough county city district metropolitan london town of")
_NUMBER_WORDS = sorted(
    _listed(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty"
    ),
    key=len,
    reverse=True,
)


def content_words(text: str) -> frozenset[str]:
    """Distinctive words of a text: lower-cased, stop words and the vocabulary every
    scrutiny document shares left out, lightly stemmed."""
    return frozenset(
        _stem(word)
        for word in _WORD.findall(text.lower())
        if word not in _STOP and (len(word) > 2 or word.isdigit())
    )


def similarity(entity_words: frozenset[str], passage_words: frozenset[str]) -> float:
    """Words in common over the geometric mean of the two sizes, a passage shorter than
    the entity's text counting as long as it (so a short passage needs most of the
    entity's words); 0 below ``MIN_COMMON`` words in common or when the entity has too
    few words to tell."""
    if len(entity_words) < MIN_TEXT_WORDS:
        return 0.0
    common = len(entity_words & passage_words)
    if common < MIN_COMMON:
        return 0.0
    return common / math.sqrt(len(entity_words) * max(len(passage_words), len(entity_words)))


# --- references ----------------------------------------------------------------------

_NUMBER = rf"(?:\d{{1,3}}[a-z]?|{'|'.join(_NUMBER_WORDS)})\b"
_REFERENCE = re.compile(
    rf"\b(?:recommendations?|recs?\.?|r)\s*(?:no\.?\s*)?(?P<numbers>{_NUMBER}"
    rf"(?:\s*(?:,|and|&|to|-|–)\s*{_NUMBER})*)",
    re.I,
)
_ONE_NUMBER = re.compile(_NUMBER, re.I)
_RANGE = re.compile(r"(\d{1,3})\s*(?:to|-|–)\s*(\d{1,3})")
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?]+|$)")


def referenced_numbers(text: str) -> dict[str, int]:
    """Recommendation numbers a text names, each with where it is first named:
    "Recommendation 3" and "R3" give 3; "recommendations 2 and 4" give 2 and 4;
    "recommendations 1 to 3" give 1, 2 and 3; "recommendation three" gives 3."""
    found: dict[str, int] = {}
    for match in _REFERENCE.finditer(text):
        written = match.group(0)
        if re.match(r"r\s", written, re.I) or (written[:1] in "rR" and written[1:2].isspace()):
            continue  # a lone "r" before a space is a word fragment, not "R3"
        numbers = match["numbers"]
        for low, high in _RANGE.findall(numbers):
            if int(low) < int(high) <= int(low) + 30:
                for value in range(int(low), int(high) + 1):
                    found.setdefault(str(value), match.start())
        for number in _ONE_NUMBER.findall(numbers):
            found.setdefault(normalise_number(number), match.start())
    return found


# --- what the evidence states ----------------------------------------------------------

#: Progress as prose states it, each mapped to the words the response tables' progress
#: column uses (``scrutiny.ingest.extract.tables.progress_of`` reads all of them).
_PROGRESS_IN_PROSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bnot (?:yet )?(?:been )?(?:started|begun)\b", re.I), "not started"),
    (
        re.compile(r"\bpartially (?:complete[d]?|implemented|achieved|delivered)\b", re.I),
        "partially complete",
    ),
    (
        re.compile(
            r"\b(?:is|are|was|were|has been|have been|now)\s+(?:fully\s+)?"
            r"(?:complete[d]?|implemented|achieved|delivered|embedded|closed)\b|"
            r"\b(?:completed|implemented) in full\b|\bstatus:?\s*complete\b",
            re.I,
        ),
        "complete",
    ),
    (re.compile(r"\b(?:delayed|behind schedule|off track|paused)\b", re.I), "delayed"),
    (re.compile(r"\bon track\b", re.I), "on track"),
    (
        re.compile(
            r"\b(?:in progress|under way|underway|being (?:implemented|developed|progressed)|"
            r"work is continuing|progressing)\b",
            re.I,
        ),
        "in progress",
    ),
    (re.compile(r"\bongoing\b", re.I), "ongoing"),
)


def stated_progress(text: str) -> str | None:
    """The progress a sentence states, in the progress vocabulary, or None."""
    for pattern, words in _PROGRESS_IN_PROSE:
        if pattern.search(text):
            return progress_of(words)
    return None


#: A body saying it agrees or accepts, which ``status_from_response`` leaves to tables.
_AGREES: tuple[tuple[re.Pattern[str], ResponseStatus], ...] = (
    (re.compile(r"\b(?:does|do|did) not (?:agree|accept)\b", re.I), ResponseStatus.REJECTED),
    (
        re.compile(r"\b(?:partially|partly) (?:agrees?|accepts?)\b|"
                   r"\b(?:agrees?|accepts?) in (?:part|principle)\b", re.I),
        ResponseStatus.PARTIALLY_ACCEPTED,
    ),
    (
        re.compile(r"\b(?:government|council|cabinet|executive|we|it|partnership|board)\s+"
                   r"(?:fully\s+|broadly\s+)?(?:agrees?|accepts?)\b", re.I),
        ResponseStatus.ACCEPTED,
    ),
)  # fmt: skip


def stated_status(text: str) -> ResponseStatus | None:
    """The response status a sentence states ("is accepted", "agreed in part", "the
    government agrees"), or None."""
    found = status_from_response(text)
    if found is not None:
        return found
    return next((status for pattern, status in _AGREES if pattern.search(text)), None)


# --- scope -----------------------------------------------------------------------------


def _same_council(a: str | None, b: str | None) -> bool | None:
    """True or False when both councils are known, else None."""
    if not a or not b:
        return None
    return a.casefold() == b.casefold()


def title_words(title: str, council: str | None = None) -> frozenset[str]:
    """The words of a title that say which review it is (not the council's name, dates
    and numbers, or the vocabulary every children's services title shares)."""
    generic = _GENERIC_TITLE | _MONTHS | content_words(council or "")
    return frozenset(w for w in content_words(title) if not w.isdigit() and w not in generic)


@dataclass(frozen=True)
class WordPositions:
    """Where each distinctive word of a document's text is (in word order), and the
    words of its title."""

    positions: dict[str, tuple[int, ...]]
    title: frozenset[str]

    @classmethod
    def of(cls, document: LinkDocument) -> WordPositions:
        found: dict[str, list[int]] = {}
        for at, word in enumerate(_WORD.findall(document.text.lower())):
            if word not in _STOP:
                found.setdefault(_stem(word), []).append(at)
        return cls({word: tuple(at) for word, at in found.items()}, content_words(document.title))


def names_review(
    earlier: LinkDocument, later: LinkDocument, words_of: WordPositions | None = None
) -> float:
    """How well ``later`` names ``earlier`` by its title: the largest share of the
    title's distinctive words found in the later title, or together within a short
    stretch of its text (0 when the title has too few such words to be recognised).
    ``words_of``: the later document's ``WordPositions``, when already known."""
    words = title_words(earlier.title, earlier.council)
    if len(words) < MIN_TITLE_WORDS:
        return 0.0
    index = words_of or WordPositions.of(later)
    best = len(words & index.title)
    hits = sorted((at, word) for word in words for at in index.positions.get(word, ()))
    span = 3 * len(words) + 6
    first = 0
    inside: dict[str, int] = {}
    for at, word in hits:
        inside[word] = inside.get(word, 0) + 1
        while hits[first][0] < at - span:
            gone = hits[first][1]
            inside[gone] -= 1
            if not inside[gone]:
                del inside[gone]
            first += 1
        best = max(best, len(inside))
    return best / len(words)


def names_council(council: str, index: WordPositions) -> bool:
    """Whether a text names the council (every distinctive word of its name)."""
    words = title_words(council) - COUNCIL_WORDS
    return bool(words) and all(word in index.positions for word in words)


def same_review(first: LinkDocument, second: LinkDocument) -> bool:
    """Whether two documents are of one review: either's title holds most of the
    other's distinctive title words ("Scrutiny Review of School Exclusions" and
    "Cabinet response to the Scrutiny Review of School Exclusions")."""
    one = title_words(first.title, first.council)
    two = title_words(second.title, second.council)
    if min(len(one), len(two)) < MIN_TITLE_WORDS:
        return False
    common = len(one & two)
    return common / min(len(one), len(two)) >= TITLE_SHARE


def in_scope(
    earlier: LinkDocument, later: LinkDocument, words_of: WordPositions | None = None
) -> bool:
    """Whether ``later`` may report on ``earlier``: another document, dated, not before
    it, and of the same council. Where the later document's council is unknown, its
    text must name the earlier one's council; where the earlier one's is unknown, the
    later document must name it by title."""
    if earlier.id == later.id or later.date is None:
        return False
    if earlier.date is not None and later.date < earlier.date:
        return False
    same = _same_council(earlier.council, later.council)
    if same is not None:
        return same
    index = words_of or WordPositions.of(later)
    if earlier.council:
        return names_council(earlier.council, index)
    return names_review(earlier, later, index) >= TITLE_SHARE


# --- linking ---------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Block:
    """A passage with its sentences and the recommendation numbers it is about."""

    passage: LinkPassage
    sentences: tuple[_Sentence, ...]
    named: frozenset[str]  # numbers named in the passage itself
    heading: str | None  # the number whose block (after a leading reference) it is in
    words: frozenset[str]
    sentence_words: tuple[frozenset[str], ...]

    @cached_property
    def states(self) -> bool:
        """Whether a sentence of it states a status or progress (read only for the
        passages that can link, so not for every passage of a long document)."""
        return any(
            stated_status(s.text) is not None or stated_progress(s.text) is not None
            for s in self.sentences
        )


@dataclass(frozen=True)
class PreparedDocument:
    """A later document read once for linking: its words and its passages' blocks."""

    document: LinkDocument
    words: WordPositions
    blocks: tuple[_Block, ...]

    @classmethod
    def of(cls, document: LinkDocument) -> PreparedDocument:
        return cls(document, WordPositions.of(document), _blocks(document))

    @cached_property
    def _postings(self) -> dict[str, list[int]]:
        """Each word: the blocks holding it, in order."""
        postings: dict[str, list[int]] = {}
        for index, block in enumerate(self.blocks):
            for word in block.words:
                postings.setdefault(word, []).append(index)
        return postings

    @cached_property
    def _numbered(self) -> dict[str, list[int]]:
        """Each recommendation number: the blocks naming it or headed by it."""
        numbered: dict[str, list[int]] = {}
        for index, block in enumerate(self.blocks):
            for number in block.named | ({block.heading} if block.heading else set()):
                numbered.setdefault(number, []).append(index)
        return numbered

    def candidates(self, words: frozenset[str], number: str | None) -> list[_Block]:
        """The blocks that can link to an entity: those sharing at least ``MIN_COMMON``
        of its words (no other passage has a text score) and those naming or headed by
        its number, in document order."""
        found: set[int] = set(self._numbered.get(number, ())) if number else set()
        if len(words) >= MIN_TEXT_WORDS:
            shared: Counter[int] = Counter()
            for word in words:
                shared.update(self._postings.get(word, ()))
            found.update(index for index, count in shared.items() if count >= MIN_COMMON)
        return [self.blocks[index] for index in sorted(found)]


def _sentences(text: str, passage: LinkPassage) -> tuple[_Sentence, ...]:
    body = text[passage.start : passage.end]
    found = []
    for match in _SENTENCE.finditer(body):
        raw = match.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        offset = passage.start + match.start() + (len(raw) - len(raw.lstrip()))
        found.append(_Sentence(offset, offset + len(stripped), stripped))
    return tuple(found) or (_Sentence(passage.start, passage.end, body),)


def _blocks(document: LinkDocument) -> tuple[_Block, ...]:
    blocks = []
    heading: str | None = None
    for passage in document.passages:
        body = document.text[passage.start : passage.end]
        named = referenced_numbers(body)
        lead = body.lstrip(" \t\n0123456789|#*-.")  # page numbers, table and list marks
        leading = {n: at for n, at in referenced_numbers(lead[:_MAX_LEAD]).items() if at <= 2}
        if len(leading) == 1:
            heading = next(iter(leading))
        sentences = _sentences(document.text, passage)
        blocks.append(
            _Block(passage, sentences, frozenset(named), heading, content_words(body),
                   tuple(content_words(s.text) for s in sentences))
        )  # fmt: skip
    return tuple(blocks)


def _evidence(
    block: _Block, number: str | None, entity_words: frozenset[str], by_reference: bool
) -> tuple[_Sentence, ResponseStatus | None, str | None]:
    """The sentence of a passage that best reports on the entity. Linked by reference:
    one stating a status or progress first, then one naming it, then the one sharing
    most of its words; linked by words: the one sharing most, then one stating."""
    best: tuple[tuple[int, int], _Sentence, ResponseStatus | None, str | None] | None = None
    for sentence, words in zip(block.sentences, block.sentence_words, strict=True):
        status, progress = stated_status(sentence.text), stated_progress(sentence.text)
        names = number is not None and number in referenced_numbers(sentence.text)
        states = status is not None or progress is not None
        common = len(entity_words & words)
        rank = (2 * states + names, common) if by_reference else (common, int(states))
        if best is None or rank > best[0]:
            best = (rank, sentence, status, progress)
    assert best is not None
    return best[1], best[2], best[3]


def _confidence(referenced: bool, via_heading: bool, text_score: float, titled: float,
                states: bool) -> float:  # fmt: skip
    """Noisy-or of the evidence: an explicit reference, a block headed by one, the
    words in common, the review named by title, a status stated near a reference."""
    signals = [
        0.6 if referenced else 0.5 if via_heading else 0.0,
        min(1.0, text_score * 1.5),
        0.25 * titled,
        0.15 if states and (referenced or via_heading) else 0.0,
    ]
    doubt = 1.0
    for signal in signals:
        doubt *= 1.0 - signal
    return round(1.0 - doubt, 4)


def link_pair(
    earlier: LinkDocument,
    entities: Sequence[TrackedEntity],
    later: LinkDocument | PreparedDocument,
    threshold: float = DEFAULT_THRESHOLD,
    rival_numbers: frozenset[str] = frozenset(),
) -> list[StatusLink]:
    """Links from ``later``'s passages to ``entities`` (of ``earlier``): for each entity
    the best evidence passage at or above ``threshold``, nothing when out of scope.

    ``rival_numbers``: numbers that another review in scope, named by ``later`` at
    least as well as ``earlier``, also uses; a bare reference to one of them does not
    say which review it means, so only the words can link it.
    """
    prepared = later if isinstance(later, PreparedDocument) else PreparedDocument.of(later)
    document = prepared.document
    if not in_scope(earlier, document, prepared.words):
        return []
    titled = names_review(earlier, document, prepared.words)
    links = []
    for entity in entities:
        if entity.document_id != earlier.id or entity.kind not in LINKED_KINDS:
            continue
        words = content_words(entity.text)
        number = normalise_number(entity.number) if entity.number else None
        usable = number if number is not None and number not in rival_numbers else None
        # A passage naming the entity first, one of those stating a status or progress
        # next, then the most confident.
        best: tuple[tuple[bool, bool, float], _Block, bool] | None = None
        for block in prepared.candidates(words, usable):
            referenced = usable is not None and usable in block.named
            via_heading = usable is not None and block.heading == usable and not referenced
            text_score = max(
                similarity(words, block.words),
                max((similarity(words, w) for w in block.sentence_words), default=0.0),
            )
            if block.heading is not None and block.heading != number and not referenced:
                text_score *= 0.5  # a block about another recommendation
            if not (referenced or via_heading) and text_score == 0.0:
                continue
            confidence = _confidence(referenced, via_heading, text_score, titled, block.states)
            if confidence < threshold:
                continue
            by_reference = referenced or via_heading
            rank = (by_reference, by_reference and block.states, confidence)
            if best is None or rank > best[0]:
                best = (rank, block, by_reference)
        if best is None:
            continue
        (_, _, confidence), block, by_reference = best
        sentence, status, progress = _evidence(block, usable, words, by_reference)
        links.append(
            StatusLink(
                entity_id=entity.id,
                document_id=document.id,
                passage_id=block.passage.id,
                start=sentence.start,
                end=sentence.end,
                confidence=confidence,
                status=status,
                progress=progress,
                date=document.date,
                basis=LinkBasis.REFERENCE if by_reference else LinkBasis.TEXT,
            )
        )
    return links


def link_documents(
    documents: Sequence[LinkDocument],
    entities: Iterable[TrackedEntity],
    later_ids: Iterable[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[StatusLink]:
    """Every link from the documents (only those of ``later_ids``, when given) to the
    earlier entities of the others. A bare reference to a number that two reviews in
    scope both use goes to the one the later document names better by title, or to
    neither when they tie; documents of one review (the review, the response restating
    its recommendations) are not rivals, and each gets the link."""
    by_document: dict[str, list[TrackedEntity]] = {}
    for entity in entities:
        by_document.setdefault(entity.document_id, []).append(entity)
    wanted = None if later_ids is None else set(later_ids)
    links: list[StatusLink] = []
    for later in documents:
        if wanted is not None and later.id not in wanted:
            continue
        if later.date is None:
            continue
        prepared = PreparedDocument.of(later)
        scoped = [
            d for d in documents if d.id in by_document and in_scope(d, later, prepared.words)
        ]
        named = {d.id: names_review(d, later, prepared.words) for d in scoped}
        numbers = {
            d.id: {normalise_number(e.number) for e in by_document[d.id] if e.number}
            for d in scoped
        }
        for earlier in scoped:
            rivals: set[str] = set()
            for other in scoped:
                if (
                    other.id != earlier.id
                    and named[other.id] >= named[earlier.id]
                    and not same_review(earlier, other)
                ):
                    rivals |= numbers[other.id] & numbers[earlier.id]
            links.extend(
                link_pair(earlier, by_document[earlier.id], prepared, threshold, frozenset(rivals))
            )
    return links


# --- history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    """One dated step of an entity's history: what a document said of it."""

    date: str | None
    document_id: str
    document_title: str
    status: ResponseStatus | None
    progress: str | None
    passage_id: str | None
    start: int | None
    end: int | None
    confidence: float
    basis: str  # "recorded" for the entity's own document, else a ``LinkBasis``


RECORDED = "recorded"


def history_entries(
    own: HistoryEntry | None, links: Iterable[HistoryEntry]
) -> tuple[HistoryEntry, ...]:
    """The entity's own record first, then later documents by date (undated last)."""
    later = sorted(links, key=lambda e: (e.date is None, e.date or "", e.document_id))
    return ((own,) if own is not None else ()) + tuple(later)


def position_at(entries: Sequence[HistoryEntry], as_at: str) -> HistoryEntry | None:
    """The latest dated entry on or before ``as_at`` (ISO 8601): the position then.
    An undated record of the entity itself counts as its first position."""
    position = None
    for entry in entries:
        if entry.date is None:
            if entry.basis == RECORDED and position is None:
                position = entry
            continue
        if entry.date[:10] <= as_at and (position is None or position.date is None
                                          or entry.date >= position.date):  # fmt: skip
            position = entry
    return position


def latest_stated(
    entries: Sequence[HistoryEntry], as_at: str | None = None
) -> tuple[ResponseStatus | None, str | None]:
    """The latest status and the latest progress stated on or before ``as_at`` (all
    entries when None), each taken from the last entry that states one."""
    status: ResponseStatus | None = None
    progress: str | None = None
    for entry in entries:
        if as_at is not None and entry.date is not None and entry.date[:10] > as_at:
            continue
        status = entry.status or status
        progress = entry.progress or progress
    return status, progress
