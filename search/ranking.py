"""Ranking constants and the second stage of the search engine (``scrutiny.search.engine``).

First stage (in the engine): a window's calibrated signals summed with ``WINDOW_WEIGHTS``
on a scale where 1 / 61 ≈ 0.016 is one step of reciprocal rank fusion at rank 1. Second
stage (``rescore``): additive boosts in the same units from what the graph knows about
the window's passages — the case it names, the commitments or responses extracted from
it, its themes and organisations. ``Candidate.explain`` reports both as a typed record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scrutiny.search.query import Intent, QueryAnalysis

RRF_K = 60

#: Puts calibrated scores on the reciprocal-rank scale the boosts below were set in.
CONVEX_SCALE = 1 / (RRF_K + 1)

#: Weight of each calibrated signal in a window's fused score (``scrutiny.search.engine``):
#: window BM25 / best window BM25, best passage cosine similarity, best passage BM25 /
#: best passage BM25, exact phrase, expanded names. Scaled by ``CONVEX_SCALE`` so the
#: boosts below keep their meaning. Fitted by benchmarks/fit_ranking.py on dev and own
#: queries with 10 bulk files as distractors, 5 folds split by document: every fold chose
#: these weights; out of fold hit@1 / hit@5 / MRR@10 0.832 / 0.916 / 0.868 against
#: 0.789 / 0.905 / 0.845 for window BM25 alone and 0.779 / 0.874 / 0.820 for RRF of window
#: BM25 and dense. Passage BM25, phrase and expanded names still find candidate windows
#: and choose the passage a window cites; as fused signals they gained nothing.
WINDOW_WEIGHTS: Mapping[str, float] = {
    "window_keyword": 1.0 * CONVEX_SCALE,
    "dense": 1.5 * CONVEX_SCALE,
    "passage_keyword": 0.0,
    "phrase": 0.0,
    "expanded": 0.0,
}
#: Most windows of one document among the first results (the rest follow them).
PER_DOCUMENT = 3
#: Longest span a hit grows to when the overlapping windows of its document that ranked
#: below it are folded into it (about two windows): an answer in the part of the lower
#: window the better one lacks is still shown, and a hit stays short enough to read.
MERGED_MAX_CHARS = 3000

#: Second-stage boosts, in fused-score units.
CASE_MATCH_BOOST = 0.012
OTHER_CASE_FACTOR = 0.25  # a passage naming only a look-alike case keeps this share
#: Measured: a window carrying the entity kind a query's intent asks for (promises,
#: owners, responses) gained nothing on dev and lost on validation (hit@5 0.930 -> 0.912
#: with the bulk distractors), so it no longer moves the ranking; kept for explain.
INTENT_BOOST = 0.0
ROLE_BOOST = 0.008
#: Fragments such as "School registration of children." or "Brancatelli (CHAIR)," match
#: a few query words closely (BM25 favours short texts, and so does cosine) yet answer
#: nothing: a passage of n < 60 characters keeps (n / 60) ** 0.5 of its score. Measured
#: with the bulk corpus as distractors: combined hit@1 0.611 -> 0.642, no metric lower.
SHORT_PASSAGE_CHARS = 60
SHORT_PASSAGE_EXPONENT = 0.5
THEME_BOOST = 0.0  # measured: theme matches did not help ranking; kept for explain
ORGANISATION_BOOST = 0.004


@dataclass
class Candidate:
    row_id: int
    ranks: dict[str, int] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)
    fused: float = 0.0
    boosts: dict[str, float] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return self.fused + sum(self.boosts.values())

    def explain(self) -> Explanation:
        return Explanation(
            signals=tuple(
                SignalScore(name, self.ranks.get(name), round(score, 6))
                for name, score in self.scores.items()
            ),
            fused=round(self.fused, 6),
            boosts=tuple((name, round(value, 6)) for name, value in self.boosts.items()),
            final=round(self.score, 6),
        )


@dataclass(frozen=True)
class SignalScore:
    """One fused signal of a hit: its rank in that retriever's own list (None when the
    hit was scored by it outside its list) and its calibrated score."""

    name: str
    rank: int | None
    score: float


@dataclass(frozen=True)
class Explanation:
    """How a hit was ranked: each signal, the fused score, the boosts, the final score."""

    signals: tuple[SignalScore, ...]
    fused: float
    boosts: tuple[tuple[str, float], ...]
    final: float

    def to_json(self) -> dict[str, object]:
        return {
            "retrievers": {s.name: {"rank": s.rank, "score": s.score} for s in self.signals},
            "fused": self.fused,
            "boosts": dict(self.boosts),
            "final": self.final,
        }


@dataclass(frozen=True)
class Signals:
    """What the graph says about one candidate passage."""

    cases: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    entity_kinds: frozenset[str] = frozenset()
    has_owner: bool = False
    names_role: bool = False  # its text uses the role an owner question asks about


def rescore(
    candidate: Candidate, signals: Signals, analysis: QueryAnalysis, passage_chars: int = 0
) -> None:
    """Second stage: set the candidate's boosts from its graph signals, then shrink the
    score of a fragment shorter than ``SHORT_PASSAGE_CHARS`` (see there)."""
    if analysis.cases:
        if signals.cases & set(analysis.cases):
            candidate.boosts["case"] = CASE_MATCH_BOOST
        elif signals.cases:
            candidate.boosts["other_case"] = -(1 - OTHER_CASE_FACTOR) * candidate.fused
    if _serves_intent(analysis.intent, signals):
        candidate.boosts["intent"] = INTENT_BOOST
    if signals.names_role:
        candidate.boosts["role"] = ROLE_BOOST
    if analysis.themes and signals.themes & set(analysis.themes):
        candidate.boosts["theme"] = THEME_BOOST
    if analysis.organisations and signals.organisations & set(analysis.organisations):
        candidate.boosts["organisation"] = ORGANISATION_BOOST
    if 0 < passage_chars < SHORT_PASSAGE_CHARS:
        kept = (passage_chars / SHORT_PASSAGE_CHARS) ** SHORT_PASSAGE_EXPONENT
        candidate.boosts["short"] = -(1 - kept) * candidate.score


def _serves_intent(intent: Intent, signals: Signals) -> bool:
    """Whether the passage carries what the query asks for: promises, owners or responses."""
    match intent:
        case Intent.COMMITMENTS:
            return bool(signals.entity_kinds & {"commitment", "response"})
        case Intent.OWNERS:
            return signals.has_owner
        case Intent.RESPONSES:
            return "response" in signals.entity_kinds
        case _:
            return False
