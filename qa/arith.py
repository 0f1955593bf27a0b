"""Derived numbers, in one place: every number an answer computes states its arithmetic
(「218 − 81 = 137」, 「71 ÷ 218 = 32.57%」), rounded the same way everywhere (percentages and multiples to
two decimals), so that the text, the table and Answer.derived agree."""

from __future__ import annotations

from index.cells import plain_number
from qa.answer import Derived


def rounded(v: float, places: int = 6) -> float:
    """Float noise off a computed value (7539.443252 − 7380.28959 = 159.153662, not 159.15366199999)."""
    return round(v, places)


def pct_text(v: float) -> str:
    return f"{v:.2f}%"


def times_text(v: float) -> str:
    return f"{v:.2f}"


def difference(new: float, old: float) -> tuple[float, Derived]:
    d = rounded(new - old)
    return d, Derived(value=plain_number(d), how=f"{plain_number(new)} − {plain_number(old)} = {plain_number(d)}")


def total(values: list[float], label: str = "") -> tuple[float, Derived]:
    t = rounded(sum(values))
    terms = " + ".join(plain_number(v) for v in values[:30]) + (f" + …（共{len(values)}项）" if len(values) > 30 else "")
    return t, Derived(value=plain_number(t), how=(f"{label}：" if label else "") + f"{terms} = {plain_number(t)}")


def share(part: float, whole: float) -> tuple[float, Derived] | None:
    """part ÷ whole as a percentage; None when whole is 0 (no share of nothing)."""
    if not whole:
        return None
    p = part / whole * 100
    return p, Derived(value=pct_text(p), how=f"{plain_number(part)} ÷ {plain_number(whole)} = {pct_text(p)}")


def growth(new: float, old: float) -> tuple[float, Derived] | None:
    """(new − old) ÷ old as a percentage; None when old is 0."""
    if not old:
        return None
    g = (new - old) / old * 100
    return g, Derived(value=pct_text(abs(g)), how=f"({plain_number(new)} − {plain_number(old)}) ÷ {plain_number(old)}"
                                                  f" = {pct_text(g)}")


def compound_growth(new: float, old: float, years: int) -> tuple[float, Derived] | None:
    """The yearly rate that turns old into new over `years` years ((new ÷ old)^(1/years) − 1, 年均复合增长率);
    None when old is 0, a sign changes, or no year passes."""
    if not old or years <= 0 or new / old <= 0:
        return None
    g = ((new / old) ** (1 / years) - 1) * 100
    return g, Derived(value=pct_text(abs(g)), how=f"{plain_number(new)} ÷ {plain_number(old)} 开{years}次方后减一"
                                                  f" = {pct_text(g)}")


def times(a: float, b: float) -> tuple[float, Derived] | None:
    """a ÷ b: how many times b a is; None when b is 0."""
    if not b:
        return None
    t = a / b
    return t, Derived(value=times_text(t), how=f"{plain_number(a)} ÷ {plain_number(b)} = {times_text(t)}")


def tenths(p: float) -> tuple[str, Derived]:
    """A percentage in 成 (tenths), as a question that asks 占几成 wants it: 34.40% → 约3.4成."""
    t = round(p / 10, 2)
    said = f"约{round(p / 10, 1):g}成"
    how = f"1成 = 10%，{pct_text(p)} ÷ 10% = {t:g}成"
    return said, Derived(value=f"{how}，{said}", how=how)
