"""Fusion and the graph-aware second stage, on hand-made candidate lists."""

from __future__ import annotations

import pytest

from scrutiny.search import ranking
from scrutiny.search.query import Intent, QueryAnalysis
from scrutiny.search.ranking import (
    CONVEX_SCALE,
    Candidate,
    Signals,
    fill_scores,
    fuse,
    reciprocal_rank_fusion,
    rescore,
)


def test_convex_fusion_calibrates_each_list_by_its_best_score() -> None:
    candidates = fuse(
        {"keyword": [(1, 20.0), (2, 10.0)], "dense": [(2, 0.8), (3, 0.4)]},
        weights={"keyword": 1.0, "dense": 0.5},
        method="convex",
    )
    assert candidates[1].fused == pytest.approx(CONVEX_SCALE * 1.0)
    assert candidates[2].fused == pytest.approx(CONVEX_SCALE * (0.5 + 0.5 * 1.0))
    assert candidates[3].fused == pytest.approx(CONVEX_SCALE * 0.5 * 0.5)
    assert candidates[2].ranks == {"keyword": 2, "dense": 1}


def test_reciprocal_rank_fusion_orders_by_summed_reciprocal_ranks() -> None:
    fused = dict(reciprocal_rank_fusion([[1, 2, 3], [3, 2]], k=60))
    assert fused == pytest.approx({1: 1 / 61, 2: 2 / 62, 3: 1 / 63 + 1 / 61})
    assert list(fused) == [3, 2, 1]


def test_missing_scores_are_filled_from_outside_the_list() -> None:
    candidates = fuse({"keyword": [(1, 10.0)], "dense": [(2, 0.6)]}, method="convex")
    before = candidates[1].fused
    fill_scores(candidates, "dense", {1: 0.3, 2: 0.9, 99: 0.9}, best=0.6)
    weight = ranking.RETRIEVER_WEIGHTS["dense"]
    assert candidates[1].fused == pytest.approx(before + weight * CONVEX_SCALE * 0.5)
    assert candidates[1].scores["dense"] == 0.3 and "dense" not in candidates[1].ranks
    assert candidates[2].scores["dense"] == 0.6  # its own list's score is kept
    assert 99 not in candidates  # only candidates already found are scored
    explained = candidates[1].explain()["retrievers"]
    assert explained == {
        "keyword": {"rank": 1, "score": 10.0},
        "dense": {"rank": None, "score": 0.3},
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
