"""Fusion and the graph-aware second stage, on hand-made candidate lists."""

from __future__ import annotations

import pytest

from scrutiny.search import ranking
from scrutiny.search.query import Intent, QueryAnalysis
from scrutiny.search.ranking import Candidate, Signals, rescore


def test_a_candidate_explains_each_signal_its_boosts_and_its_final_score() -> None:
    candidate = Candidate(1, ranks={"window_keyword": 2}, fused=0.02)
    candidate.scores = {"window_keyword": 0.5, "dense": 0.4}
    candidate.boosts["case"] = 0.01
    explained = candidate.explain()
    assert explained.to_json() == {
        "retrievers": {
            "window_keyword": {"rank": 2, "score": 0.5},
            "dense": {"rank": None, "score": 0.4},
        },
        "fused": 0.02,
        "boosts": {"case": 0.01},
        "final": 0.03,
    }


def analysis(**fields: object) -> QueryAnalysis:
    return QueryAnalysis(text="q", **fields)  # type: ignore[arg-type]


def test_the_named_case_is_boosted_and_a_look_alike_demoted() -> None:
    asked = analysis(cases=("case:child-q",))
    exact, other, neither = Candidate(1, fused=0.02), Candidate(2, fused=0.03), Candidate(3)
    rescore(exact, Signals(cases=frozenset({"case:child-q"})), asked)
    rescore(other, Signals(cases=frozenset({"case:child-c"})), asked)
    rescore(neither, Signals(), asked)
    assert exact.boosts == {"case": ranking.CASE_MATCH_BOOST}
    assert other.score == pytest.approx(0.03 * ranking.OTHER_CASE_FACTOR)
    assert exact.score > other.score
    assert neither.boosts == {}


@pytest.mark.parametrize(
    ("intent", "signals", "boosted"),
    [
        (Intent.COMMITMENTS, Signals(entity_kinds=frozenset({"commitment"})), True),
        (Intent.COMMITMENTS, Signals(entity_kinds=frozenset({"finding"})), False),
        (Intent.RESPONSES, Signals(entity_kinds=frozenset({"response"})), True),
        (Intent.OWNERS, Signals(has_owner=True), True),
        (Intent.OWNERS, Signals(), False),
        (Intent.GENERAL, Signals(has_owner=True), False),
    ],
)
def test_intent_boost_follows_what_the_passage_carries(
    intent: Intent, signals: Signals, boosted: bool
) -> None:
    candidate = Candidate(1, fused=0.01)
    rescore(candidate, signals, analysis(intent=intent))
    assert ("intent" in candidate.boosts) is boosted


def test_a_passage_using_the_role_asked_about_is_boosted() -> None:
    candidate = Candidate(1, fused=0.01)
    rescore(candidate, Signals(names_role=True), analysis(intent=Intent.OWNERS))
    assert candidate.boosts == {"role": ranking.ROLE_BOOST}


def test_fragments_keep_a_share_of_their_score_by_length() -> None:
    half, whole = Candidate(1, fused=0.02), Candidate(2, fused=0.02)
    rescore(half, Signals(), analysis(), passage_chars=ranking.SHORT_PASSAGE_CHARS // 4)
    rescore(whole, Signals(), analysis(), passage_chars=ranking.SHORT_PASSAGE_CHARS)
    assert half.score == pytest.approx(0.02 * 0.25**ranking.SHORT_PASSAGE_EXPONENT)
    assert whole.score == pytest.approx(0.02) and "short" not in whole.boosts
