"""Placing a row's cells into the template's slots when the count is wrong, and splitting runs of digits
that lost their separators, with the template's own arithmetic as the only judge.

Every placement (or split) that fits the arithmetic is kept; a slot gets a value only when all of them
agree on it, otherwise it stays empty with the flag `ambiguous`. Nothing is shifted into a slot by
position alone."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations
from math import comb
from typing import Callable, Sequence

Number = int | float
# Checks a complete vector of slot values against the template's sums; None when the row has none.
Arithmetic = Callable[[Sequence[Number]], bool]
MAX_CANDIDATES = 50_000


def applicant_sum(values: Sequence[Number]) -> bool:
    """三: a row's 总计 equals the sum of its six applicant columns (rule 3)."""
    return abs(sum(values[:6]) - values[6]) < 1e-9


def review_sums(values: Sequence[Number]) -> bool:
    """四: each 总计 equals the sum of its four results (rule 4)."""
    return all(abs(sum(values[g:g + 4]) - values[g + 4]) < 1e-9 for g in (0, 5, 10))


def _solve_missing(values: list[Number | None], rule: Arithmetic) -> list[Number] | None:
    """Fill the one missing slot so that the sums hold (only the two sum rules above are solvable)."""
    i = values.index(None)
    if rule is applicant_sum:
        known = [v for v in values if v is not None]
        filled = sum(known[:6]) if i == 6 else values[6] - sum(v for j, v in enumerate(values[:6]) if j != i)
    elif rule is review_sums:
        g = (i // 5) * 5
        group = values[g:g + 5]
        filled = (sum(v for v in group[:4] if v is not None) if i == g + 4
                  else group[4] - sum(v for j, v in enumerate(group[:4]) if g + j != i))
    else:
        return None
    if filled is None or filled < 0:
        return None
    out = list(values)
    out[i] = filled
    return out  # type: ignore[return-value]


def placements(values: Sequence[Number], width: int, rule: Arithmetic | None) -> list[list[Number]] | None:
    """All slot vectors the cells can make. None when there are too many to try."""
    n = len(values)
    if n == width:
        return [list(values)]
    if n > width:
        if comb(n, width) > MAX_CANDIDATES:
            return None
        cands = [[values[i] for i in keep] for keep in combinations(range(n), width)]
    elif width - n == 1 and rule is not None:
        cands = []
        for gap in range(width):
            partial: list[Number | None] = list(values[:gap]) + [None] + list(values[gap:])
            solved = _solve_missing(partial, rule)
            if solved is not None:
                cands.append(solved)
    else:
        return []
    if rule is not None:
        cands = [c for c in cands if rule(c)]
    return cands


def split_run(digits: str, width: int, rule: Arithmetic | None, max_len: int = 7) -> list[list[int]] | None:
    """Every way to cut a run of digits into `width` whole numbers (no leading zeros) that fits the sums.
    None when there are too many ways to try."""
    if len(digits) < width or comb(len(digits) - 1, width - 1) > MAX_CANDIDATES:
        return None
    out: list[list[int]] = []

    def walk(start: int, parts: list[int]) -> None:
        if len(parts) == width - 1:
            rest = digits[start:]
            if 0 < len(rest) <= max_len and (rest == "0" or rest[0] != "0"):
                cand = parts + [int(rest)]
                if rule is None or rule(cand):
                    out.append(cand)
            return
        for end in range(start + 1, min(len(digits), start + max_len) + 1):
            piece = digits[start:end]
            if piece != "0" and piece[0] == "0":
                break
            walk(end, parts + [int(piece)])

    walk(0, [])
    return out


@dataclass
class Consensus:
    values: list[Number | None]
    agreed: list[bool]
    candidates: int
    alternatives: list[list[Number]] = field(default_factory=list)


def consensus(cands: list[list[Number]] | None, width: int) -> Consensus:
    """Per slot, the value every candidate agrees on, or None."""
    if not cands:
        return Consensus([None] * width, [False] * width, 0)
    values: list[Number | None] = []
    agreed: list[bool] = []
    for slot in range(width):
        seen = {c[slot] for c in cands}
        same = len(seen) == 1
        agreed.append(same)
        values.append(cands[0][slot] if same else None)
    return Consensus(values, agreed, len(cands), cands[:5])
