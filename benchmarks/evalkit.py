"""Shared pieces of the retrieval benchmarks: the matching rule, query sets and metrics.

The matching rule is the one in /work/shared/eval/README.md: both sides are normalised
(HTML entities unescaped, tags removed, curly quotes and dashes made plain, lower-cased,
runs of whitespace and ``|`` collapsed to one space); a result is a hit when its text
contains a normalised gold string, or when its character span overlaps the span of a
gold string in the source document. Gold spans are found in the normalised canonical
text through an offset map back to canonical-text positions.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path("/work/shared")
EVAL_QUERIES = SHARED / "eval" / "queries.dev.jsonl"
OWN_QUERIES = Path(__file__).resolve().parent / "queries.jsonl"

_PLAIN = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\ufe58": "-", "\ufe63": "-", "\uff0d": "-",
    }
)  # fmt: skip
#: A result longer than this never counts as a hit (shared matching rule).
MAX_RESULT_CHARS = 4000
_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def normalise(text: str) -> str:
    """The normalised form of ``text`` (no offset map)."""
    return normalise_with_map(text)[0]


def normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the source offset it came from.

    Tags become a single space (so that ``a</p><p>b`` does not glue words together);
    entities are unescaped; every output character maps to the start of what produced it.
    """
    pieces: list[tuple[str, int]] = []  # (normalised chars, source offset)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "<":
            match = _TAG.match(text, i)
            if match:
                pieces.append((" ", i))
                i = match.end()
                continue
        elif ch == "&":
            match = _ENTITY.match(text, i)
            if match:
                unescaped = html.unescape(match.group(0))
                if unescaped != match.group(0):
                    pieces.append((unescaped.translate(_PLAIN).lower(), i))
                    i = match.end()
                    continue
        pieces.append((ch.translate(_PLAIN).lower(), i))
        i += 1
    out: list[str] = []
    offsets: list[int] = []
    in_space = False
    for chars, offset in pieces:
        for c in chars:
            if c.isspace() or c == "|":
                if not in_space:
                    out.append(" ")
                    offsets.append(offset)
                    in_space = True
            else:
                out.append(c)
                offsets.append(offset)
                in_space = False
    return "".join(out), offsets


def find_spans(text: str, needles: Iterable[str]) -> list[tuple[int, int]]:
    """Canonical-text spans of every occurrence of each normalised needle in ``text``."""
    normal, offsets = normalise_with_map(text)
    spans: list[tuple[int, int]] = []
    for needle in needles:
        if not needle:
            continue
        start = normal.find(needle)
        while start != -1:
            end = start + len(needle)
            spans.append((offsets[start], offsets[end - 1] + 1))
            start = normal.find(needle, start + 1)
    return spans


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    gold: tuple[str, ...]  # normalised
    doc: str | None = None  # expected file name, when the set gives one
    kind: str | None = None  # query type (paraphrase, name, promise, owner, status)
    source: str = ""  # which query set
    docs: tuple[str, ...] = ()  # every file the answer may come from (gold_docs)
    avoid: tuple[str, ...] = ()  # normalised strings of a look-alike that must not rank 1


def load_queries(path: Path, source: str) -> list[Query]:
    queries: list[Query] = []
    for line_number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        gold = tuple(g for g in (normalise(str(x)).strip() for x in row["gold"]) if g)
        if not gold:
            raise ValueError(f"{path}:{line_number}: query {row.get('id')} has no gold")
        docs = tuple(row.get("gold_docs") or ([row["doc"]] if row.get("doc") else []))
        avoid = row.get("avoid") or []
        queries.append(
            Query(
                id=str(row["id"]),
                text=str(row["query"]),
                gold=gold,
                doc=docs[0] if docs else None,
                kind=row.get("kind") or row.get("type"),
                source=source,
                docs=docs,
                avoid=tuple(
                    normalise(str(a)) for a in ([avoid] if isinstance(avoid, str) else avoid)
                ),
            )
        )
    return queries


@dataclass(frozen=True)
class Result:
    """One ranked result, reduced to what the matching rule needs."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass
class Judge:
    """Decides whether a result is a hit for a query, per the shared matching rule."""

    # query id -> document id -> gold spans in that document's canonical text
    spans: dict[str, dict[str, list[tuple[int, int]]]] = field(default_factory=dict)
    # query id -> number of passages in the store that are relevant (for ideal DCG)
    relevant_counts: dict[str, int] = field(default_factory=dict)

    # document id -> file name, to hold results to a query's gold_docs
    names: dict[str, str] = field(default_factory=dict)

    def is_hit(self, query: Query, result: Result) -> bool:
        """The shared rule: a result of at most 4,000 characters from one of the query's
        gold documents (where it names them) that contains a gold string, or whose span
        overlaps at least half of a gold string's span."""
        if len(result.text) > MAX_RESULT_CHARS:
            return False
        if query.docs and self.names.get(result.document_id) not in query.docs:
            return False
        normal = normalise(result.text)
        if any(g in normal for g in query.gold):
            return True
        for start, end in self.spans.get(query.id, {}).get(result.document_id, ()):
            overlap = min(end, result.end) - max(start, result.start)
            if overlap > 0 and 2 * overlap >= end - start:
                return True
        return False


@dataclass
class Scores:
    hit1: float
    hit5: float
    mrr10: float
    ndcg10: float
    count: int
    doc1: float = 0.0  # rank-1 result comes from a document holding the gold (diagnostic)

    def as_dict(self) -> dict[str, float | int]:
        return {
            "hit@1": round(self.hit1, 4),
            "hit@5": round(self.hit5, 4),
            "MRR@10": round(self.mrr10, 4),
            "nDCG@10": round(self.ndcg10, 4),
            "doc@1": round(self.doc1, 4),
            "queries": self.count,
        }


def first_hit_rank(flags: Sequence[bool], depth: int = 10) -> int | None:
    for rank, flag in enumerate(flags[:depth], start=1):
        if flag:
            return rank
    return None


def ndcg(flags: Sequence[bool], relevant: int, depth: int = 10) -> float:
    """Binary-relevance nDCG@depth; the ideal list holds ``relevant`` hits (at least 1)."""
    dcg = sum(1.0 / math.log2(rank + 1) for rank, f in enumerate(flags[:depth], 1) if f)
    ideal_count = min(max(relevant, 1, sum(flags[:depth])), depth)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, ideal_count + 1))
    return dcg / ideal


def score(per_query: Sequence[tuple[Sequence[bool], int, bool]]) -> Scores:
    """Aggregate (hit flags of the ranked list, relevant count, top result in a gold
    document) over queries."""
    if not per_query:
        return Scores(0.0, 0.0, 0.0, 0.0, 0)
    hit1 = hit5 = mrr = total_ndcg = doc1 = 0.0
    for flags, relevant, doc_top in per_query:
        doc1 += doc_top
        rank = first_hit_rank(flags)
        hit1 += rank == 1
        hit5 += rank is not None and rank <= 5
        mrr += 1.0 / rank if rank else 0.0
        total_ndcg += ndcg(flags, relevant)
    n = len(per_query)
    return Scores(hit1 / n, hit5 / n, mrr / n, total_ndcg / n, n, doc1 / n)
