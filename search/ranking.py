"""Ranking: fuse the retrievers' lists, then re-score the top candidates with graph signals.

First stage: weighted reciprocal rank fusion of keyword (BM25), dense, exact-phrase,
expanded-name and named-case lists. Second stage: additive boosts in the same units
(one RRF step at rank 1 is 1/61 ≈ 0.016) from what the graph knows about each
candidate passage — the case it names, the commitments or responses extracted from it,
its themes and organisations.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from scrutiny.search.query import Intent, QueryAnalysis

RRF_K = 60

#: Weight of each retriever's list in the fusion.
RETRIEVER_WEIGHTS: Mapping[str, float] = {
    "keyword": 1.0,
    "dense": 0.5,
    "phrase": 2.0,
    "expanded": 0.5,
}

#: "convex" (calibrated scores) beat reciprocal rank fusion on every metric of the
#: quality benchmark: all-MiniLM-L6-v2 is weaker than BM25 on this material, and
#: RRF gives its rank 1 as much credit as BM25's.
FUSION_METHOD = "convex"
#: Puts calibrated scores on the RRF scale, so the boosts below mean the same in both.
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

#: Second-stage boosts, in fused-score units.
CASE_MATCH_BOOST = 0.012
OTHER_CASE_FACTOR = 0.25  # a passage naming only a look-alike case keeps this share
INTENT_BOOST = 0.012
ROLE_BOOST = 0.008
#: Fragments such as "School registration of children." or "Brancatelli (CHAIR)," match
#: a few query words closely (BM25 favours short texts, and so does cosine) yet answer
#: nothing: a passage of n < 60 characters keeps (n / 60) ** 0.5 of its score. Measured
#: with the bulk corpus as distractors: combined hit@1 0.611 -> 0.642, no metric lower.
SHORT_PASSAGE_CHARS = 60
SHORT_PASSAGE_EXPONENT = 0.5
THEME_BOOST = 0.0  # measured: theme matches did not help ranking; kept for explain
ORGANISATION_BOOST = 0.004


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]],
    weights: Sequence[float] | None = None,
    k: int = RRF_K,
) -> list[tuple[int, float]]:
    """Combine rankings of ids: score(id) = sum of weight / (k + rank), rank from 1."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))


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

    def explain(self) -> dict[str, object]:
        return {
            # rank None: scored by that retriever afterwards, outside its own list
            "retrievers": {
                name: {"rank": self.ranks.get(name), "score": round(score, 6)}
                for name, score in self.scores.items()
            },
            "fused": round(self.fused, 6),
            "boosts": {name: round(value, 6) for name, value in self.boosts.items()},
            "final": round(self.score, 6),
        }


def fuse(
    lists: Mapping[str, Sequence[tuple[int, float]]],
    weights: Mapping[str, float] | None = None,
    k: int = RRF_K,
    method: str | None = None,
) -> dict[int, Candidate]:
    """Fuse ranked (id, raw score) lists by reciprocal rank or by calibrated scores.

    ``convex``: each list's raw scores are divided by that list's best score (so 1.0 is
    the best a retriever found), then weighted and summed; missing scores count 0.
    """
    weights = RETRIEVER_WEIGHTS if weights is None else weights
    method = method or FUSION_METHOD
    candidates: dict[int, Candidate] = {}
    for name, ranking in lists.items():
        weight = weights.get(name, 1.0)
        best = max((raw for _, raw in ranking), default=0.0)
        for rank, (row_id, raw) in enumerate(ranking, start=1):
            candidate = candidates.setdefault(row_id, Candidate(row_id))
            candidate.ranks[name] = rank
            candidate.scores[name] = raw
            if method == "rrf":
                candidate.fused += weight / (k + rank)
            elif best > 0:
                candidate.fused += weight * CONVEX_SCALE * max(raw, 0.0) / best
    return candidates


def fill_scores(
    candidates: Mapping[int, Candidate],
    name: str,
    raw_scores: Mapping[int, float],
    best: float,
    weight: float | None = None,
) -> None:
    """Give candidates outside one retriever's list that retriever's score for them.

    A passage that BM25 ranks first but that is not among the dense list's few hundred
    nearest vectors would otherwise count as dense similarity 0, below every distractor
    that merely sits near the query. Only for calibrated ("convex") fusion: a rank
    outside the list has no reciprocal-rank value.
    """
    if FUSION_METHOD != "convex" or best <= 0:
        return
    weight = RETRIEVER_WEIGHTS.get(name, 1.0) if weight is None else weight
    for row_id, raw in raw_scores.items():
        candidate = candidates.get(row_id)
        if candidate is None or name in candidate.scores:
            continue
        candidate.scores[name] = raw
        candidate.fused += weight * CONVEX_SCALE * max(raw, 0.0) / best


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
