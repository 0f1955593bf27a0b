"""Weighted reciprocal rank fusion of several rankings of the same passages.

Why RRF: BM25 scores are unbounded and depend on the query's length and terms; cosine similarities
sit in a narrow, model-specific band. Adding or min-max-normalising them makes one path dominate
unpredictably from one question to the next. RRF uses only each list's ranks —
    fused(d) = Σ_r  w_r / (k + rank_r(d))        (rank 1-based)
— so it needs no calibration or training, a passage found by both paths rises above one found by
only one, and one path's long tail cannot swamp the other's head. k = 60 is the constant from
Cormack, Clarke & Büttcher (SIGIR 2009), which damps the gap between the first few ranks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def fuse(
    rankings: Mapping[str, Sequence[tuple[int, float]]],
    weights: Mapping[str, float] | None = None,
    k: int = 60,
) -> list[tuple[int, float]]:
    """Fuse ranked lists of (passage_idx, score), best first. A list whose weight is 0 (or negative) is
    ignored entirely: its passages are not added. A list without a weight counts with weight 1.
    Ties are broken by the best rank a passage reached in any list, then by passage index."""
    weights = weights or {}
    fused: dict[int, float] = {}
    best: dict[int, int] = {}
    for name, ranking in rankings.items():
        w = weights.get(name, 1.0)
        if w <= 0:
            continue
        seen: set[int] = set()
        rank = 0
        for idx, _score in ranking:
            if idx in seen:  # a list that repeats a passage counts it once, at its best rank
                continue
            seen.add(idx)
            rank += 1
            fused[idx] = fused.get(idx, 0.0) + w / (k + rank)
            best[idx] = min(best.get(idx, rank), rank)
    return sorted(fused.items(), key=lambda kv: (-kv[1], best[kv[0]], kv[0]))


def spread_tables(
    fused: Sequence[tuple[int, float]], table_of: Mapping[int, object], decay: float
) -> list[tuple[int, float]]:
    """Fused (passage_idx, score) re-sorted with the n-th passage of one table (n from 0) counting decay**n
    of its score; passages with no table (prose) keep theirs.

    Why: the rows of one table share their header words (every row of table 三 repeats 政府信息公开申请),
    so a question that uses one of those words finds all thirty rows at nearly one score on both paths,
    and within one report they fill the top 5 ahead of the sentence the question means. One table's best
    row keeps its place; its next rows give way to passages of other kinds. The sort is stable."""
    seen: dict[object, int] = {}
    out: list[tuple[int, float]] = []
    for idx, score in fused:
        table = table_of.get(idx)
        if table is not None:
            n = seen.get(table, 0)
            seen[table] = n + 1
            score *= decay ** n
        out.append((idx, score))
    return sorted(out, key=lambda kv: -kv[1])
