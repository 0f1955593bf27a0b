"""Placing a row's cells into the template's slots when the count is wrong, and splitting runs of digits
that lost their separators, with the template's own arithmetic as the only judge.

Every placement (or split) that fits the arithmetic is kept; a slot gets a value only when all of them
agree on it, otherwise it stays empty with the flag `ambiguous`. Nothing is shifted into a slot by
position alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations, product
from math import comb, prod
from typing import Callable, Iterator, Protocol, Sequence

Number = int | float
# Checks a complete vector of slot values against the template's sums (index.template.vector_rule); None when
# the row has none.
Arithmetic = Callable[[Sequence[Number]], bool]
MAX_CANDIDATES = 50_000


def _solve_missing(values: list[Number | None], rule: Arithmetic) -> list[Number] | None:
    """Fill the one missing slot so that the template's sums hold: from the rule instance (index.template.
    vector_rule) that has the slot on one side, the slot is the other side's sum less its own side's rest."""
    i = values.index(None)
    for left, right in getattr(rule, "checks", ()):
        if i not in left and i not in right:
            continue
        own, other = (left, right) if i in left else (right, left)
        if any(values[j] is None for j in (*own, *other) if j != i):
            return None
        filled = sum(values[j] for j in other) - sum(values[j] for j in own if j != i)  # type: ignore[misc]
        if filled < 0:
            return None
        out = list(values)
        out[i] = filled
        return out  # type: ignore[return-value]
    return None


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
    # The rule's sums whose last slot is k, judged as soon as the first k + 1 numbers are cut: a cut that
    # breaks one is never walked further (四's run: three sums of five slots). Every candidate still
    # passes the whole rule below, so the candidates and their order are those of the full walk.
    closing: list[list[tuple[tuple[int, ...], tuple[int, ...]]]] = [[] for _ in range(width)]
    for left, right in getattr(rule, "checks", ()):
        closing[max(left + right)].append((left, right))

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
            cut = parts + [int(piece)]
            if any(sum(cut[i] for i in left) != sum(cut[i] for i in right) for left, right in closing[len(parts)]):
                continue
            walk(end, cut)

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


# ---------------------------------------------------------------- runs of values
_TOKEN = re.compile(r"[+\-]?(?:0|[1-9]\d*)(?:\.\d+)?$")
_UNIT = re.compile(r"(万元|亿元|元)$")


def split_values(run: str, width: int, rule: Arithmetic | None) -> list[list[Number]] | None:
    """Every way to read a run of values that lost some or all separators ('230 000023', '35-15',
    '13575394432.52元') as `width` numbers that fit the sums. Spaces are kept as separators when they give
    exactly `width` numbers that fit; otherwise they are stray and only the digits count. A sign always
    opens a number, a decimal point binds its digits to the number before it. None: too many ways."""
    run = _UNIT.sub("", run.strip()).replace(",", "")
    run = re.sub(r"(增加|增)", " +", re.sub(r"(减少|减)", " -", run))  # signed words open a number
    tokens = run.split()
    if len(tokens) >= width and all(_TOKEN.match(t) for t in tokens):
        values = [_number(t) for t in tokens]
        if len(tokens) > width:  # spacer columns (伊川's 13 cells where 7 belong): place as cells
            return placements(values, width, rule)
        if rule is None or rule(values):
            return [values]
    text = "".join(tokens)
    missing_one: list[list[Number]] = []
    if len(tokens) == width - 1 and all(_TOKEN.match(t) for t in tokens):  # a blank cell lost with its spaces
        missing_one = placements([_number(t) for t in tokens], width, rule) or []
    if re.fullmatch(r"\d+", text):
        glued = split_run(text, width, rule)
        if glued is None:
            return missing_one or None
        return missing_one + [c for c in glued if c not in missing_one]
    # Signs and decimal points: cut the run at each sign; each piece splits on its own, and only the
    # last number of a piece may carry the decimals.
    pieces = re.findall(r"[+\-]?[\d.]+", text)
    if "".join(pieces) != text:
        return []
    return _split_pieces(pieces, width, rule)


def _split_pieces(pieces: list[str], width: int, rule: Arithmetic | None) -> list[list[Number]] | None:
    per_piece: list[list[list[Number]]] = []
    for piece in pieces:
        sign = -1 if piece[0] == "-" else 1
        body = piece.lstrip("+-")
        whole, _, frac = body.partition(".")
        options: list[list[Number]] = []
        for n in range(1, min(width, len(whole)) + 1):
            for cand in split_run(whole, n, None, max_len=12 if frac else 7) or []:
                if frac:
                    cand = cand[:-1] + [float(f"{cand[-1]}.{frac}")]
                cand[0] = sign * cand[0]
                options.append(cand)
        per_piece.append(options)
    out: list[list[Number]] = []

    def walk(k: int, acc: list[Number]) -> None:
        if len(out) > MAX_CANDIDATES:
            return
        if k == len(per_piece):
            if len(acc) == width and (rule is None or rule(acc)):
                out.append(acc)
            return
        for opt in per_piece[k]:
            if len(acc) + len(opt) <= width:
                walk(k + 1, acc + opt)

    walk(0, [])
    return out if len(out) <= MAX_CANDIDATES else None


def _number(token: str) -> Number:
    return float(token) if "." in token else int(token)


# ---------------------------------------------------------------- deciding ambiguous rows together
MAX_COMBINATIONS = 20_000
Lookup = Callable[[str], "Number | None"]


class Check(Protocol):
    """A rule instance (index.template.RuleCheck) or a stated number (a claim): True, False, or None
    when a number it needs is unknown."""

    def holds(self, value: Lookup) -> bool | None: ...


@dataclass
class Decided:
    value: Number
    basis: str  # "rules", or the source of the claim that decided it


def resolve(groups: dict[tuple[str, ...], list[list[Number]]], fixed: dict[str, Number],
            rules: Sequence[Check], claims: Sequence[tuple[Check, str]] = ()) -> dict[str, Decided]:
    """Rows whose cells split or place several ways, decided together: keep the combinations of candidates
    under which every rule holds (a rule that fails under every combination says nothing about the
    choice and is set aside: the report is inconsistent there, which is a finding, not a clue), then
    narrow by the claims in turn (a claim that no combination fits is ignored). A key gets a value only
    when every remaining combination agrees on it."""
    out: dict[str, Decided] = {}
    for cluster in _clusters(groups, rules, claims):
        keys = list(cluster)
        if prod(len(groups[k]) for k in keys) > MAX_COMBINATIONS:
            continue
        combos = [{key: v for g, vec in zip(keys, combo) for key, v in zip(g, vec)}
                  for combo in product(*(groups[k] for k in keys))]
        involved = {k for g in keys for k in g}

        def lookup(combo: dict[str, Number]) -> Lookup:
            return lambda k: combo[k] if k in combo else fixed.get(k)

        relevant = [r for r in rules if any(_mentions(r, involved))]
        used = [r for r in relevant if any(r.holds(lookup(c)) is not False for c in combos)]
        fitting = [c for c in combos if all(r.holds(lookup(c)) is not False for r in used)]
        if not fitting:
            continue
        agreed = _agreed(fitting, involved)
        out.update({k: Decided(v, "rules") for k, v in agreed.items()})
        for claim, source in claims:
            narrowed = [c for c in fitting if claim.holds(lookup(c)) is not False]
            if narrowed and len(narrowed) < len(fitting):
                fitting = narrowed
                for k, v in _agreed(fitting, involved).items():
                    out.setdefault(k, Decided(v, source))
    return out


def _mentions(check: Check, keys: set[str]) -> Iterator[bool]:
    for attr in ("left", "right", "keys"):
        yield any(k in keys for k in getattr(check, attr, ()))


def _agreed(combos: list[dict[str, Number]], keys: set[str]) -> dict[str, Number]:
    out = {}
    for k in keys:
        seen = {c[k] for c in combos}
        if len(seen) == 1:
            out[k] = seen.pop()
    return out


def _clusters(groups: dict[tuple[str, ...], list[list[Number]]], rules: Sequence[Check],
              claims: Sequence[tuple[Check, str]]) -> list[list[tuple[str, ...]]]:
    """Groups that share a rule or a claim are decided together; the others each alone."""
    parent = {g: g for g in groups}

    def find(g: tuple[str, ...]) -> tuple[str, ...]:
        while parent[g] != g:
            g = parent[g]
        return g

    owner = {k: g for g in groups for k in g}
    for check in [*rules, *(c for c, _ in claims)]:
        keys = [k for attr in ("left", "right", "keys") for k in getattr(check, attr, ())]
        touched = {find(owner[k]) for k in keys if k in owner}
        first, *rest = list(touched) or [None]
        for g in rest:
            parent[g] = first
    clusters: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for g in groups:
        clusters.setdefault(find(g), []).append(g)
    return list(clusters.values())
