"""A sentence classifier for undertakings: does a sentence state future action by someone?

Cheap lexical features (modal and future verbs, commitment nouns and verbs, who the
subject is, hedges, questions, dates, past tense, the sentence's context) feed a
logistic model whose weights were fitted on labelled sentences from the development
documents (``benchmarks/train_undertakings.py``, leave-one-document-out) and are kept
in ``undertaking_weights.py``. No model is loaded and nothing is embedded: scoring a
sentence is a few regular expressions and a dot product.

Decisions (what a meeting or House resolved, agreed or noted) are found by patterns,
which are precise for that formal language.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from scrutiny.ingest.extract.undertaking_weights import BIAS, THRESHOLD, WEIGHTS


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


_REPORTING = (
    r"(?:informed|advised|confirmed|said|stated|reported|assured|agreed|promised|pledged|"
    r"undertook|indicated|explained|told|announced|noted|added|replied|responded|"
    r"acknowledged|suggested|committed)"
)
MODAL = re.compile(
    r"\b(?P<modal>will|shall|would|'ll|’ll)\b(?P<neg>\s+not|n['’]t)?"
    r"(?:\s+(?:also|certainly|definitely|further|then|now|soon|again|still|"
    r"absolutely|of\s+course|[a-z]+ly))*\s+(?P<verb>[A-Za-z][\w'’-]*)"
    r"(?:\s+(?P<next>[A-Za-z][\w'’-]*))?",
    re.IGNORECASE,
)
WONT = re.compile(r"\b(?:won['’]t|shan['’]t)\s+(?P<verb>[a-z]+)", re.IGNORECASE)
COMMIT_WORDS = re.compile(
    r"\b(?:committed\s+(?:to|that|itself)|commitments?\s+(?:to|that)|commit(?:s)?\s+to|"
    r"pledged?\s+(?:to|that)|promised?\s+(?:to|that)|undert(?:ook|akes?|aking)\s+to|"
    r"determined\s+to|resolved\s+to|vowed\s+to|guarantee[sd]?\s+(?:to|that))\b",
    re.IGNORECASE,
)
PLAN_WORDS = re.compile(
    r"\b(?:plans?\s+to|planning\s+to|aims?\s+to|aiming\s+to|intends?\s+to|intending\s+to|"
    r"seeking\s+to|seeks?\s+to|proposes?\s+to|propose[sd]?\s+that|expects?\s+to|"
    r"(?:am|is|are|'re|’re|'m|’m)\s+going\s+to|working\s+towards?|"
    r"in\s+the\s+process\s+of|next\s+steps?)\b",
    re.IGNORECASE,
)
IS_TO = re.compile(r"\b(?:is|are)\s+to\s+(?!be\b)[a-z]+", re.IGNORECASE)
TO_BE_DONE = re.compile(r"\bto\s+be\s+[a-z]+(?:ed|en|ied)\b", re.IGNORECASE)
AGREED_TO = re.compile(r"\b(?:agreed|agrees|agree)\s+to\s+[a-z]+", re.IGNORECASE)
REPORTED_WOULD = re.compile(
    rf"\b{_REPORTING}\b(?:\s+\w+){{0,3}}?\s+(?:that\s+)?[^.;]{{0,120}}?\bwould\b", re.IGNORECASE
)
HEDGE = re.compile(
    r"\b(?:if|unless|whether|could|might|may|perhaps|possibly|hope[sd]?|hopefully|wish|"
    r"would\s+like|wonder\w*|should)\b",
    re.IGNORECASE,
)
QUESTION_OPENING = re.compile(
    r"^(?:what|how|why|when|where|which|whether|can|could|would|will|do|does|did|is|are|"
    r"has|have)\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:has|have|had)\s+(?:now\s+|already\s+|also\s+|recently\s+)?(?:been\s+)?[a-z]+(?:ed|en|t)\b"
    r"|\b(?:was|were)\s+(?:\w+\s+)?[a-z]+ed\b",
    re.IGNORECASE,
)
DECISION_WORDS = re.compile(
    r"\b(?:RESOLVED|resolved\s+that|be\s+(?:noted|approved|agreed|endorsed|adopted|accepted|"
    r"received)|(?:was|were)\s+(?:agreed|approved|noted|endorsed|accepted)|agreed\s+to\b|"
    r"correct\s+record)\b"
)
DUE = re.compile(
    r"\b(?:by|before|until|within|during|in|from|over)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December|spring|summer|autumn|winter|\d{4}|next|coming)\b"
    r"|\b(?:this|next)\s+(?:year|month|week|term)\b|\bshortly\b|\bsoon\b",
    re.IGNORECASE,
)
FILLER = re.compile(r"\b(?:um|uh|erm|okay|yeah)\b", re.IGNORECASE)
PROCEDURE = re.compile(
    r"\b(?:hand\s+over|move\s+on|agenda|item|this\s+evening|tonight|today|now\s+repeat|"
    r"in\s+a\s+moment|welcome|introduce|take\s+questions|next\s+speaker|give\s+way|"
    r"late\s+items|the\s+chair)\b",
    re.IGNORECASE,
)
WH_MODAL = re.compile(
    r"\b(?:what|how|when|why|whether)\s+(?:\w+\s+){0,3}?(?:will|would|shall)\b", re.I
)
OPINION = re.compile(
    r"\b(?:i\s+think|i\s+believe|i\s+suppose|i\s+guess|i\s+mean|i['’]m\s+hoping|"
    r"i\s+hope|probably|maybe|perhaps|you\s+know|wondering)\b",
    re.IGNORECASE,
)
INVERTED_MODAL = re.compile(
    r"\b(?:will|would|shall|can|could)\s+(?:you|i|we|they|he|she|it)\b(?!['’])", re.IGNORECASE
)
NORMATIVE = re.compile(r"\b(?:must|should|need\s+to|needs\s+to|ought\s+to)\b", re.IGNORECASE)
SUBJECT_BOUNDARY = re.compile(
    r"(?:[,;:(—–]|\b(?:and|but|that|which|who|when|so|then|because|as|while|although)\b)",
    re.IGNORECASE,
)
DESCRIPTIVE = _words(
    "it this that there which these those what who you one everyone anyone people children "
    "young pupils parents families schools this"
)
ACTOR_HEADS = _words(
    """
    council government department officer officers service services team teams group board
    partnership committee commission director directors manager managers authority unit
    police cabinet minister ministers panel staff executive office directorate trust agency
    partners secretary chair mayor member members commissioner lead leads provider
    providers nhs ofsted dfe dhsc dbt lscb lsp hmg administration scrutiny inspectorate
    """
)
DETERMINERS = _words(
    "the a an this these those our their its his her all any each every some some many most "
    "in on at for of by with from to as also"
)
PROCEDURAL_VERBS = _words(
    """
    move hand skip start talk speak say see hear go let give answer just probably stop pause
    summarise introduce welcome invite thank ask wonder be have get come take look present
    remain include require mean depend reflect allow help enable become feature attend leave
    repeat turn refer need want like expect try
    """
)


@dataclass(frozen=True)
class Cue:
    """Where the undertaking's verb phrase begins and the phrase before it."""

    position: int
    subject: str


def _subject(sentence: str, position: int) -> str:
    before = sentence[:position].rstrip()
    boundaries = list(SUBJECT_BOUNDARY.finditer(before))
    if boundaries:
        before = before[boundaries[-1].end() :]
    words = [re.sub(r"(?i)['’](?:ll|re|ve|m|d|s)$", "", w) for w in before.split()[-6:]]
    return " ".join(words).strip(" '\"“”‘’")


def _subject_kind(subject: str) -> str:
    words = subject.split()
    if not words:
        return "none"
    last = words[-1].lower().strip(".,")
    if last == "we" or last == "us":
        return "we"
    if last == "i":
        return "i"
    if last in {"they", "he", "she"}:
        return "they"
    if last in DESCRIPTIVE or words[0].lower() in {"it", "this", "there", "that"}:
        return "descriptive"
    lowered = {w.lower().strip(".,’'s") for w in words}
    if lowered & ACTOR_HEADS:
        return "actor"
    content = [w for w in words if w.lower() not in DETERMINERS]
    head = re.sub(r"[^a-z]", "", content[0].lower()) if content else ""
    if re.search(r"(?:tion|sion|ment|ness|ity|ance|ence|ing|ism)s?$", head) or "of" in {
        w.lower() for w in words[1:]
    }:
        return "abstract"  # "the implementation of ...": what is done, not who does it
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    if any(re.fullmatch(r"[A-Z][A-Za-z&’'-]*", w) for w in words):
        return "named"
    return "other"


def names_actor(subject: str) -> bool:
    """A subject that names who acts: a body, a post or a proper name (not "it", "this")."""
    return _subject_kind(subject) in {"actor", "named"}


def find_cue(sentence: str) -> Cue | None:
    """The first undertaking trigger in the sentence (modal, commitment or plan word)."""
    positions = []
    for pattern in (COMMIT_WORDS, PLAN_WORDS, IS_TO, AGREED_TO, TO_BE_DONE):
        match = pattern.search(sentence)
        if match:
            positions.append(match.start())
    for match in MODAL.finditer(sentence):
        positions.append(match.start())
        break
    wont = WONT.search(sentence)
    if wont:
        positions.append(wont.start())
    if not positions:
        return None
    position = min(positions)
    return Cue(position, _subject(sentence, position))


def features(sentence: str, *, rule: float = 0.0) -> dict[str, float]:
    """The feature vector of one candidate sentence (names -> values).

    Only the sentence itself: where it stands (a response table, a future-plans section)
    made the model fit the development documents' layouts and generalise worse.
    """
    found: dict[str, float] = {}
    words = sentence.split()
    stripped = sentence.strip()
    if rule:
        found["rule"] = 1.0
    modal = MODAL.search(sentence)
    cue = find_cue(sentence)
    if modal is not None:
        kind = modal.group("modal").lower().replace("’", "'")
        verb = modal.group("verb").lower()
        following = (modal.group("next") or "").lower()
        if kind == "would":
            found["would"] = 1.0
            if REPORTED_WOULD.search(sentence):
                found["would_reported"] = 1.0
        else:
            found["will"] = 1.0
        if modal.group("neg") or WONT.search(sentence):
            found["negated"] = 1.0
        if verb == "be":
            if re.fullmatch(r"[a-z]+(?:ed|en|ied)|held|set|made|built|run|sent|met", following):
                found["will_be_done"] = 1.0
            elif following.endswith("ing"):
                found["will_be_doing"] = 1.0
            else:
                found["will_be_state"] = 1.0
        elif verb == "continue":
            found["will_continue"] = 1.0
        elif verb in PROCEDURAL_VERBS:
            found["procedural_verb"] = 1.0
        elif verb == "have" and following == "been":
            found["will_have_been"] = 1.0
        else:
            found["will_act"] = 1.0
    if WONT.search(sentence):
        found["negated"] = 1.0
    if COMMIT_WORDS.search(sentence):
        found["commit_word"] = 1.0
    if PLAN_WORDS.search(sentence):
        found["plan_word"] = 1.0
    if IS_TO.search(sentence):
        found["is_to"] = 1.0
    if TO_BE_DONE.search(sentence):
        found["to_be_done"] = 1.0
    if AGREED_TO.search(sentence):
        found["agreed_to"] = 1.0
    if cue is not None:
        found[f"subject_{_subject_kind(cue.subject)}"] = 1.0
        before = sentence[max(0, cue.position - 60) : cue.position]
        if HEDGE.search(before):
            found["hedged"] = 1.0
    else:
        found["no_cue"] = 1.0
    if stripped.endswith("?") or QUESTION_OPENING.match(stripped):
        found["question"] = 1.0
    if PAST.search(sentence):
        found["past"] = 1.0
    if DECISION_WORDS.search(sentence):
        found["decision_words"] = 1.0
    if DUE.search(sentence):
        found["due"] = 1.0
    if FILLER.search(sentence):
        found["filler"] = 1.0
    if PROCEDURE.search(sentence):
        found["procedure"] = 1.0
    if NORMATIVE.search(sentence):
        found["normative"] = 1.0
    if len(words) < 7:
        found["short"] = 1.0
    elif len(words) > 45:
        found["long"] = 1.0
    if WH_MODAL.search(sentence):
        found["wh_question"] = 1.0
    if OPINION.search(sentence):
        found["opinion"] = 1.0
    if INVERTED_MODAL.search(sentence):
        found["inverted_modal"] = 1.0
    return found


def probability(values: dict[str, float]) -> float:
    score = BIAS + sum(WEIGHTS.get(name, 0.0) * value for name, value in values.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


def is_undertaking(values: dict[str, float]) -> bool:
    return probability(values) >= THRESHOLD


# --- decisions ----------------------------------------------------------------------------

# What a parliamentary record states the House decided: "Question put and agreed to.",
# "Question accordingly negatived.", "Motion, by leave, withdrawn.", "Amendment agreed to."
PARLIAMENTARY_OUTCOME = re.compile(
    r"""^(?:(?:The\s+)?(?:Main\s+)?Question|Motion|(?:Lords\s+)?Amendments?|(?:New\s+)?Clauses?|
        Schedules?|Bill|Resolution)\b[^.;]{0,60}?\b(?:agreed\s+to|disagreed\s+to|negatived|
        withdrawn|carried|approved|accordingly\s+\w+|agreed)\b""",
    re.VERBOSE,
)
DECISION = re.compile(
    r"""
    ^(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:RESOLVED|Resolved|AGREED|DECISION|Decision|
        RECOMMENDED(?:\s+TO\s+[A-Z]+)?)\b
  | ^(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:that|That|THAT)\s+.{3,300}?\s+be\s+
        (?:noted|approved|agreed|endorsed|adopted|accepted|received|confirmed|signed|
         referred|deferred|recommended|delegated|granted|refused|authorised|authorized|
         rejected|reported|sent|circulated|published|established|made|asked|requested|
         instructed|dispensed)\b
  | \b(?:was|were)\s+(?:\w+\s+)?(?:agreed|approved|confirmed|accepted|endorsed|adopted)\s+
        as\s+a\s+(?:correct|true|accurate)\s+record
  | \b(?:was|were)\s+(?:duly\s+|unanimously\s+)?(?:re-?)?(?:elected|appointed)\s+(?:as\s+)?
        (?:the\s+)?(?:Chair|Chairman|Chairwoman|Chairperson|Vice[-\s]Chair\w*|
         Deputy\s+Chair\w*)\b
  | \bminutes\b[^.;]{0,120}?\b(?:was|were)\s+(?:\w+\s+and\s+)?signed\s+by\s+the\s+Chair
  | \bit\s+was\s+(?:RESOLVED|resolved|agreed|AGREED|decided)\s+(?:that|to)\b
  | \b(?:amendment|motion)\b[^.;]{0,60}?\b(?:was|were)\s+(?:put\s+to\s+the\s+vote\s+and\s+)?
        (?:LOST|lost|CARRIED|carried|defeated|withdrawn|negatived)\b
  | \b(?:is|are|was|were)\s+accepted\s+in\s+(?:full|principle|part)\b
  | \brecommendations?\b[^.;]{0,80}?(?<!whether\s)(?<!if\s)\b(?:was|were)\s+(?:\w+\s+)?
        (?:accepted|agreed|approved|endorsed|adopted)\b
  | \b(?:accepted|agreed|approved|endorsed|adopted)\s+(?:all\s+(?:of\s+)?)?
        (?:the|its|their|these|both|each\s+of\s+the)\s+(?:\w+\s+){0,2}recommendations\b
  | \b(?:Committee|Panel|Board|Commission|Cabinet|Council|Members|Executive)\s+
        (?:RESOLVED|resolved|agreed|approved|endorsed|decided)\s+(?:that|to)\b
  | ^(?:Resolved|Ordered|RESOLVED|ORDERED),?\s+(?:That|THAT)\b
  | """
    + PARLIAMENTARY_OUTCOME.pattern
    + """
    """,
    re.VERBOSE,
)


def is_decision(sentence: str) -> bool:
    return DECISION.search(sentence.strip()) is not None
