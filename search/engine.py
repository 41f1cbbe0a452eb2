"""The search engine: retrieve → fuse → re-score → filter → facets, over ranking windows.

The unit of ranking is a window (``scrutiny.ingest.windows``): a run of consecutive
passages of about 200 words with no header lines or page furniture. A question's subject
and its answer often sit in neighbouring paragraphs; a window holds both. The engine
returns each window with the best passage inside it, so a hit is cited by the window's
span and anchored on that passage ("small-to-big").

1. Retrieve: BM25 over windows (FTS5), BM25 and exact-phrase search over passages, and
   the nearest passage vectors (faiss). Passages found map to the windows holding them.
2. Fuse: each window's score is a weighted sum of calibrated signals (see
   ``scrutiny.search.ranking.WINDOW_WEIGHTS``): window BM25 over the best window BM25,
   the best cosine similarity of its passages to the query, the best passage BM25 and
   exact phrase in it, each over its list's best.
3. Re-score with what the graph knows of the window's passages (cases named, roles and
   organisations asked about, fragments too short to answer; see ``rescore``).
4. Filter (quoted phrases, council, committee, year, kind, status, theme, organisation),
   fold each window that overlaps a better one of its document into it (the hit's span
   grows, up to ``MERGED_MAX_CHARS``; past that the lower window is dropped), and keep at
   most ``PER_DOCUMENT`` hits of one document among the first results, so a whole
   question gets several documents.
5. Facets and the total over every window scored exactly (at least ``EXACT_WINDOWS``).

Everything the engine reads comes through ``SearchIndex``, a narrow protocol the store
implements, so the ranking is unit-tested against a fake index.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import repeat
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from scrutiny.search.keyword import FullTextIndex, KeywordSearch
from scrutiny.search.query import Intent, QueryAnalysis
from scrutiny.search.ranking import (
    CASE_MATCH_BOOST,
    INTENT_BOOST,
    MERGED_MAX_CHARS,
    ORGANISATION_BOOST,
    PER_DOCUMENT,
    ROLE_BOOST,
    WINDOW_WEIGHTS,
    Candidate,
    Signals,
    rescore,
)

Vector = npt.NDArray[np.float32]


class WindowRecord(Protocol):
    row_id: int
    document_id: str
    first_ordinal: int
    last_ordinal: int
    start: int
    end: int


class PassageRecord(Protocol):
    row_id: int
    id: str
    document_id: str
    ordinal: int
    start: int
    end: int
    section: str | None
    search_text: str


class NodeRecord(Protocol):
    id: str
    kind: Any  # an enum whose .value is the kind's name
    attributes: Mapping[str, Any]


class ContextRecord(Protocol):
    entities: Sequence[Any]
    mentioned: frozenset[str]
    themes: frozenset[str]


class DocumentRecord(Protocol):
    @property
    def council(self) -> str | None: ...
    @property
    def committee(self) -> str | None: ...
    @property
    def meeting_date(self) -> str | None: ...


class SearchIndex(FullTextIndex, Protocol):
    """What the engine needs from a store."""

    @property
    def concurrent_reads(self) -> bool:
        """Whether another thread may read at the same time (in a ``snapshot`` of its
        own, checked to be at the caller's ``generation``)."""
        ...

    def snapshot(self) -> AbstractContextManager[None]: ...
    def phrase_search(
        self, text: str, limit: int, min_words: int = 2
    ) -> list[tuple[int, float]]: ...
    def windows_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, Any]: ...
    def windows_of_passages(self, row_ids: Sequence[int]) -> Mapping[int, list[int]]: ...
    def passages_of_windows(self, row_ids: Sequence[int]) -> Mapping[int, list[int]]: ...
    def passages_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, Any]: ...
    def embeddings_by_row_ids(self, row_ids: Sequence[int]) -> Mapping[int, Vector]: ...
    def passage_contexts(self, passage_ids: Sequence[str]) -> Mapping[str, Any]: ...


class VectorSearch(Protocol):
    def search(self, vector: Vector, k: int) -> list[tuple[int, float]]: ...


@dataclass(frozen=True)
class Filters:
    """Constraints on results; ``None`` means no constraint."""

    kind: str | None = None  # entity kind a passage of the hit carries
    council: str | None = None  # part of the council's name
    committee: str | None = None  # part of the committee's name
    theme: str | None = None
    organisation: str | None = None
    status: str | None = None  # response status of a recommendation in the hit
    year: int | None = None

    def active(self) -> bool:
        return any(value is not None for value in vars(self).values())


@dataclass(frozen=True)
class Lookups:
    """What filters and facets need beyond the index: document fields and graph names."""

    document: Callable[[str], DocumentRecord]
    theme_ids: Callable[[str], tuple[str, ...]]
    organisation_ids: Callable[[str], tuple[str, ...]]
    linked_ids: Callable[[str], set[str]]  # node ids an entity's edges reach
    theme_labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RankedWindow:
    """One result: a window, the best passage inside it, what the graph knows of it."""

    window: Any  # WindowRecord
    passage: Any  # PassageRecord: the best passage inside the window
    passages: tuple[Any, ...]  # every passage of the window, in order
    context: Any  # ContextRecord of the best passage
    entities: tuple[Any, ...]  # entities of every passage of the window
    candidate: Candidate


@dataclass(frozen=True)
class Ranking:
    results: tuple[RankedWindow, ...]
    total: int  # windows above the relevance floor that pass the filters
    facets: dict[str, dict[str, int]]


@dataclass
class _Window:
    window: Any
    passages: list[Any]
    candidate: Candidate
    best: Any = None
    best_score: float = -1.0
    #: Each passage's own score (those of this window, and of others scored with it).
    passage_scores: Mapping[int, float] = field(default_factory=dict)


@dataclass
class _Reads:
    """One query's retrieval lists, and the passages its exact scoring has read."""

    window_score: Mapping[int, float]  # window BM25 over the best
    window_rank: Mapping[int, int]  # rank in the window BM25 list
    passage_scores: Mapping[str, Mapping[int, float]]  # per passage list, its scores
    cosine: Mapping[int, float]  # cosine of the passages of the dense list
    listed_rows: frozenset[int] = frozenset()  # passages of any passage list
    passages: dict[int, Any] = field(default_factory=dict)  # PassageRecord by row id


class SearchEngine:
    """Ranks windows of a ``SearchIndex`` for an analysed query."""

    def __init__(
        self,
        index: SearchIndex,
        vectors: VectorSearch,
        lookups: Lookups,
        relevance_floor: float = 0.0,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.index = index
        self.keywords = KeywordSearch(index)
        self.vectors = vectors
        self.lookups = lookups
        self.relevance_floor = relevance_floor
        self.weights = dict(WINDOW_WEIGHTS if weights is None else weights)

    def rank(
        self,
        analysis: QueryAnalysis,
        query_vector: Vector | Callable[[], Vector],
        limit: int,
        pool: int,
        filters: Filters | None = None,
    ) -> Ranking:
        """The windows that answer ``analysis``. ``query_vector`` is the query's embedding,
        or a function computing it: that runs in another thread while keyword search
        runs (encoders release the GIL), and the vector is waited for only when the
        dense list needs it. When the index allows it, the passage lists are read in
        another thread too, while this one reads the window list."""
        if callable(query_vector):
            embedding = _WORKERS.submit(query_vector)
            vector: Callable[[], Vector] = embedding.result
        else:
            vector = partial(_given, query_vector)
        filters = filters or Filters()
        required = self._passages_with_phrases(analysis.phrases) if analysis.phrases else None
        windows = self._candidates(analysis, vector, pool, limit, required)
        if required is not None:
            windows = [w for w in windows if any(p.row_id in required for p in w.passages)]
        contexts = self.index.passage_contexts(
            list(dict.fromkeys(p.id for w in windows for p in w.passages))
        )
        # Most passages have no context: leaving them out changes no signal or filter.
        told = {pid: c for pid, c in contexts.items() if c.entities or c.mentioned or c.themes}
        by_entity, filtered = bool(filters.kind or filters.status), filters.active()
        kept: list[RankedWindow] = []
        for w in windows:
            window_contexts = [told[p.id] for p in w.passages if p.id in told]
            entities = tuple(e for c in window_contexts for e in c.entities)
            signals = _signals(window_contexts, entities, analysis, w.passages)
            rescore(w.candidate, signals, analysis, w.window.end - w.window.start)
            if by_entity:
                # The hit is about the entities asked for: cite the best passage that
                # carries one, and show only those.
                entities = tuple(e for e in entities if _entity_passes(e, filters))
                carriers = [
                    p
                    for p in w.passages
                    if p.id in told and any(_entity_passes(e, filters) for e in told[p.id].entities)
                ]
                if carriers:
                    w.best = max(carriers, key=lambda p: w.passage_scores.get(p.row_id, 0.0))
            if filtered and not self._passes(w, window_contexts, entities, filters):
                continue
            kept.append(
                RankedWindow(
                    w.window, w.best, tuple(w.passages), contexts.get(w.best.id), entities,
                    w.candidate,
                )
            )  # fmt: skip
        kept.sort(key=lambda r: (-r.candidate.score, r.window.row_id))
        distinct = _distinct(kept)
        return Ranking(
            results=tuple(_spread(distinct, limit)),
            total=len(distinct),
            facets=self._facets(distinct),
        )

    # 1-2: retrieve and fuse ------------------------------------------------------------

    def _candidates(
        self,
        analysis: QueryAnalysis,
        vector: Callable[[], Vector],
        pool: int,
        limit: int,
        required: set[int] | None = None,
    ) -> list[_Window]:
        """Candidate windows, scored exactly where it can change the first results.

        Every window a list reaches gets an upper bound of its fused score from what the
        lists already say: its window BM25, the passage signals of its listed passages,
        and for dense the best cosine of its listed passages or, when none is listed, the
        cosine of the last passage mapped from the dense list (no passage outside that
        part of the list can beat it). Windows are then scored exactly (their passages'
        stored vectors) in order of that bound, at least ``EXACT_WINDOWS`` of them, until
        the ``3 * limit``-th best exact score, plus the most the second stage could add,
        beats the next bound, and at most ``MAX_EXACT_WINDOWS``. With ``required``
        (passages holding a quoted phrase) only windows holding one of them are
        candidates, whatever the lists found.
        """
        text = analysis.text
        beside = (
            _WORKERS.submit(self._passage_lists_beside, analysis, self.index.generation)
            if self.index.concurrent_reads
            else None
        )
        window_keyword = self.keywords.search("windows", text, pool)
        read = beside.result() if beside is not None else None
        passage_lists = read if read is not None else self._passage_lists(analysis)
        query_vector = vector()  # keyword search first: the vector may still be computing
        dense = self.vectors.search(query_vector, pool)
        mapped_dense = dense[:PASSAGE_POOL]
        found = list(
            dict.fromkeys(
                [row for row, _ in mapped_dense]
                + [row for ranking in passage_lists.values() for row, _ in ranking]
            )
        )
        if required is not None:
            found = list(dict.fromkeys([*found, *sorted(required)[: 4 * pool]]))
        windows_of = self.index.windows_of_passages(found)
        cosine = {row: float(score) for row, score in dense}
        bound = mapped_dense[-1][1] if len(mapped_dense) == PASSAGE_POOL else 0.0
        best_of = {name: max((s for _, s in r), default=0.0) for name, r in passage_lists.items()}
        passage_scores: dict[str, dict[int, float]] = {
            name: {row: s / best_of[name] for row, s in ranking if best_of[name] > 0}
            for name, ranking in passage_lists.items()
        }
        window_best = max((s for _, s in window_keyword), default=0.0)
        window_score = {row: s / window_best for row, s in window_keyword if window_best > 0}
        known: dict[int, dict[str, float]] = {row: {} for row, _ in window_keyword}
        for name, scores in [("dense", dict(mapped_dense)), *passage_scores.items()]:
            for passage_row, score in scores.items():
                value = float(score)
                for window_row in windows_of.get(passage_row, ()):
                    signals = known.setdefault(window_row, {})
                    if value > signals.get(name, 0.0):
                        signals[name] = value
                    elif name not in signals:
                        signals[name] = 0.0
        if required is not None:
            allowed = {w for row in required for w in windows_of.get(row, ())}
            known = {row: known.get(row, {}) for row in allowed}
        weight = self.weights
        keyword_weight, dense_weight = weight.get("window_keyword", 0.0), weight.get("dense", 0.0)
        list_weights = [(n, weight.get(n, 0.0)) for n in passage_scores]
        upper: dict[int, float] = {}
        for row, signals in known.items():
            dense_bound = max(signals.get("dense", 0.0), bound)
            keyword = window_score.get(row, 0.0)
            lexical = (
                required is not None  # it holds the quoted phrase
                or keyword > 0
                or any(signals.get(n) for n in passage_scores)
            )
            if not lexical and dense_bound < self.relevance_floor:
                continue
            upper[row] = (
                keyword_weight * keyword
                + dense_weight * dense_bound
                + sum(w * signals.get(n, 0.0) for n, w in list_weights)
            )
        order = sorted(upper, key=lambda row: (-upper[row], row))
        needed = 3 * limit
        slack = _most_boost(analysis)
        reads = _Reads(
            window_score=window_score,
            window_rank={row: rank for rank, (row, _) in enumerate(window_keyword, start=1)},
            passage_scores=passage_scores,
            cosine=cosine,
            listed_rows=frozenset(row for scores in passage_scores.values() for row in scores),
        )
        scored: list[_Window] = []
        start = 0
        while start < min(len(order), MAX_EXACT_WINDOWS):
            size = EXACT_WINDOWS if start == 0 else max(EXACT_WINDOWS // 2, needed)
            batch = order[start : start + size]
            start += len(batch)
            scored.extend(
                self._score(
                    batch,
                    reads,
                    query_vector,
                    floor=self.relevance_floor if required is None else -1.0,
                )
            )
            if start >= len(order):
                break
            best = sorted((w.candidate.fused for w in scored), reverse=True)
            if len(best) >= needed and best[needed - 1] >= upper[order[start]] + slack:
                break
        return scored

    def _passage_lists_beside(
        self, analysis: QueryAnalysis, generation: int
    ) -> dict[str, list[tuple[int, float]]] | None:
        """``_passage_lists`` read by another thread than the caller's, in a snapshot of
        its own: None when that is not at the caller's ``generation``."""
        with self.index.snapshot():
            if self.index.generation != generation:
                return None
            return self._passage_lists(analysis)

    def _passage_lists(self, analysis: QueryAnalysis) -> dict[str, list[tuple[int, float]]]:
        """The passage lists: BM25, exact phrase, and BM25 of the expanded names."""
        text = analysis.text
        lists = {
            "passage_keyword": self.keywords.search("passages", text, PASSAGE_POOL),
            "phrase": self.index.phrase_search(text, PASSAGE_POOL),
        }
        if analysis.expansions:
            lists["expanded"] = self.keywords.search(
                "passages", " ".join(analysis.expansions), PASSAGE_POOL
            )
        return lists

    def _score(
        self, rows: Sequence[int], reads: _Reads, query_vector: Vector, floor: float
    ) -> list[_Window]:
        """Exact signals of windows: every passage's cosine from its stored vector. A
        window found by meaning alone must reach ``floor``. Passage records read for an
        earlier batch of the same query are not read again (windows overlap)."""
        records = self.index.windows_by_row_ids(rows)
        members = self.index.passages_of_windows(rows)
        all_passages = list(dict.fromkeys(p for w in rows for p in members.get(w, ())))
        passages = reads.passages
        passages.update(
            self.index.passages_by_row_ids([p for p in all_passages if p not in passages])
        )
        cosine = reads.cosine
        exact = dict(cosine)
        vectors = self.index.embeddings_by_row_ids([p for p in all_passages if p not in cosine])
        if vectors:
            ids = list(vectors)
            sims = np.stack([vectors[i] for i in ids]) @ query_vector
            exact.update(zip(ids, (float(x) for x in sims), strict=True))
        # Each passage's own score (cosine plus its listed passage signals), once: windows
        # overlap, so most passages sit in several of them.
        total = {row: exact.get(row, 0.0) for row in all_passages}
        for scores in reads.passage_scores.values():
            for row, value in scores.items():
                if row in total:
                    total[row] += value
        exact_of, total_of = exact.get, total.__getitem__
        listed_rows = reads.listed_rows
        out: list[_Window] = []
        for row in rows:
            record = records.get(row)
            rows_inside = [p for p in members.get(row, ()) if p in passages]
            if record is None or not rows_inside:
                continue
            candidate = Candidate(row)
            signals: dict[str, float] = {"window_keyword": reads.window_score.get(row, 0.0)}
            if row in reads.window_rank:
                candidate.ranks["window_keyword"] = reads.window_rank[row]
            signals["dense"] = max(map(exact_of, rows_inside, repeat(0.0)))
            listed = [r for r in rows_inside if r in listed_rows]
            for name, scores in reads.passage_scores.items():
                signals[name] = max((scores[r] for r in listed if r in scores), default=0.0)
            if signals["dense"] < floor and not any(
                value for name, value in signals.items() if name != "dense"
            ):
                continue  # found by meaning alone, and not near enough
            for name, value in signals.items():
                candidate.scores[name] = value
                candidate.fused += self.weights.get(name, 0.0) * value
            best = max(rows_inside, key=total_of)
            inside = [passages[p] for p in rows_inside]
            out.append(_Window(record, inside, candidate, passages[best], total[best], total))
        return out

    def _passages_with_phrases(self, phrases: tuple[str, ...]) -> set[int]:
        rows: set[int] | None = None
        for phrase in phrases:
            found = {row for row, _ in self.index.phrase_search(phrase, 100_000, min_words=1)}
            rows = found if rows is None else rows & found
        return rows or set()

    # 4-5: filter and facets ------------------------------------------------------------

    def _passes(
        self,
        w: _Window,
        contexts: Sequence[ContextRecord],
        entities: Sequence[Any],
        wanted: Filters,
    ) -> bool:
        document = self.lookups.document(w.window.document_id)
        if wanted.council and not _contains(document.council, wanted.council):
            return False
        if wanted.committee and not _contains(document.committee, wanted.committee):
            return False
        if wanted.year and not (document.meeting_date or "").startswith(str(wanted.year)):
            return False
        kinds = {node.kind.value for node in entities}
        if wanted.kind and wanted.kind != "passage" and wanted.kind not in kinds:
            return False
        if wanted.status and not any(
            node.attributes.get("status") == wanted.status for node in entities
        ):
            return False
        themes = {t for c in contexts for t in c.themes}
        if wanted.theme and not set(self.lookups.theme_ids(wanted.theme)) & themes:
            return False
        if wanted.organisation:
            bodies = set(self.lookups.organisation_ids(wanted.organisation))
            mentioned = {m for c in contexts for m in c.mentioned}
            linked = {target for node in entities for target in self.lookups.linked_ids(node.id)}
            if not bodies & (mentioned | linked):
                return False
        return True

    def _facets(self, kept: Sequence[RankedWindow]) -> dict[str, dict[str, int]]:
        facets: dict[str, Counter[str]] = {
            name: Counter() for name in ("kind", "council", "committee", "year", "status", "theme")
        }
        for document_id, count in Counter(r.window.document_id for r in kept).items():
            document = self.lookups.document(document_id)
            if document.council:
                facets["council"][document.council] += count
            if document.committee:
                facets["committee"][document.committee] += count
            if document.meeting_date:
                facets["year"][document.meeting_date[:4]] += count
        labels = self.lookups.theme_labels
        for result in kept:
            if not result.entities:
                facets["kind"]["passage"] += 1
            else:
                facets["kind"].update({node.kind.value for node in result.entities})
                facets["status"].update(
                    {
                        str(n.attributes["status"])
                        for n in result.entities
                        if n.attributes.get("status")
                    }
                )
            if result.context is not None and result.context.themes:
                facets["theme"].update(labels.get(t, t) for t in result.context.themes)
        return {
            name: dict(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:20])
            for name, counts in facets.items()
            if counts
        }


def _signals(
    contexts: Sequence[ContextRecord],
    entities: Sequence[Any],
    analysis: QueryAnalysis,
    passages: Sequence[Any],
) -> Signals:
    """What the graph says of a window: ``contexts`` of its passages that say something,
    ``entities`` those contexts' entities."""
    mentioned = {m for c in contexts for m in c.mentioned}
    themes = frozenset(t for c in contexts for t in c.themes)
    if not (entities or mentioned or themes or analysis.role_stems):
        return _NO_SIGNALS
    has_owner = any(
        node.attributes.get("owners")
        or node.attributes.get("leads")
        or node.attributes.get("actor")
        for node in entities
    )
    return Signals(
        cases=frozenset(m for m in mentioned if m.startswith("case:")),
        organisations=frozenset(m for m in mentioned if m.startswith("organisation:")),
        themes=themes,
        entity_kinds=frozenset(node.kind.value for node in entities),
        has_owner=bool(has_owner),
        names_role=bool(analysis.role_stems)
        and any(_names_role(p.search_text, analysis) for p in passages),
    )


_NO_SIGNALS = Signals()

#: Threads computing the query embedding and reading the passage lists while the calling
#: thread reads the window BM25 list (``SearchEngine.rank``).
_WORKERS = ThreadPoolExecutor(thread_name_prefix="search")


def _given(vector: Vector) -> Vector:
    return vector


#: Passages of each passage list (and of the dense list) whose windows become candidates;
#: the window BM25 list brings ``pool`` windows of its own.
PASSAGE_POOL = 50
#: Windows scored exactly before the engine may stop: the facets and the total count
#: these (and any scored after them); and the most it scores, whatever the bounds say.
EXACT_WINDOWS = 120
MAX_EXACT_WINDOWS = 240


def _most_boost(analysis: QueryAnalysis) -> float:
    """The most the second stage could add to a window's score for this query."""
    boost = 0.0
    if analysis.cases:
        boost += CASE_MATCH_BOOST
    if analysis.intent is not Intent.GENERAL:
        boost += INTENT_BOOST
    if analysis.role_stems:
        boost += ROLE_BOOST
    if analysis.organisations:
        boost += ORGANISATION_BOOST
    return boost


def _names_role(text: str, analysis: QueryAnalysis) -> bool:
    return _holds_stem(text, tuple(analysis.role_stems))


@lru_cache(maxsize=8192)
def _holds_stem(text: str, stems: tuple[str, ...]) -> bool:
    """Whether a word of ``text`` starts with one of ``stems`` (windows overlap, so the
    same passage is asked about several times a query)."""
    return _stem_pattern(stems).search(text.lower()) is not None


@lru_cache(maxsize=256)
def _stem_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])(?:" + "|".join(map(re.escape, stems)) + ")")


def _entity_passes(node: Any, wanted: Filters) -> bool:
    if wanted.kind and wanted.kind != "passage" and node.kind.value != wanted.kind:
        return False
    return not wanted.status or node.attributes.get("status") == wanted.status


def _contains(value: str | None, wanted: str) -> bool:
    return value is not None and wanted.lower() in value.lower()


@dataclass(frozen=True)
class MergedWindow:
    """The span of a window together with the overlapping windows of its document that
    ranked below it (``_distinct``): the better window's row and a span covering all."""

    row_id: int
    document_id: str
    first_ordinal: int
    last_ordinal: int
    start: int
    end: int


def _merged(better: RankedWindow, worse: RankedWindow) -> RankedWindow | None:
    """``better`` widened to cover ``worse``, or None when the union would be longer
    than ``MERGED_MAX_CHARS``. The cited passage stays ``better``'s."""
    a, b = better.window, worse.window
    start, end = min(a.start, b.start), max(a.end, b.end)
    if end - start > MERGED_MAX_CHARS:
        return None
    window = MergedWindow(
        a.row_id,
        a.document_id,
        min(a.first_ordinal, b.first_ordinal),
        max(a.last_ordinal, b.last_ordinal),
        start,
        end,
    )
    by_ordinal = {p.ordinal: p for p in (*better.passages, *worse.passages)}
    passages = tuple(by_ordinal[o] for o in sorted(by_ordinal))
    seen = {e.id for e in better.entities}
    entities = better.entities + tuple(e for e in worse.entities if e.id not in seen)
    return replace(better, window=window, passages=passages, entities=entities)


def _distinct(ranked: Sequence[RankedWindow]) -> list[RankedWindow]:
    """Each window that shares a passage with a better one is folded into it: the better
    window's span grows to cover both (up to ``MERGED_MAX_CHARS``), so an answer in the
    part of the lower window the better one lacks is still shown; past that length the
    lower window is dropped."""
    out: list[RankedWindow] = []
    by_document: dict[str, list[int]] = {}
    for result in ranked:
        w = result.window
        positions = by_document.setdefault(w.document_id, [])
        overlapping = [
            i
            for i in positions
            if out[i].window.first_ordinal <= w.last_ordinal
            and w.first_ordinal <= out[i].window.last_ordinal
        ]
        if not overlapping:
            positions.append(len(out))
            out.append(result)
            continue
        first = overlapping[0]
        merged = _merged(out[first], result) if len(overlapping) == 1 else None
        if merged is not None:
            out[first] = merged
    return out


def _spread(ranked: Sequence[RankedWindow], limit: int) -> list[RankedWindow]:
    """The first ``limit`` results with at most ``PER_DOCUMENT`` from one document, then
    the others in order if too few documents answer."""
    first: list[RankedWindow] = []
    rest: list[RankedWindow] = []
    per_document: Counter[str] = Counter()
    for result in ranked:
        if len(first) == limit:
            break
        document = result.window.document_id
        if per_document[document] < PER_DOCUMENT:
            per_document[document] += 1
            first.append(result)
        else:
            rest.append(result)
    return (first + rest)[:limit] if len(first) < limit else first
