"""Finding the agency a question names, from partial names: 济南, 济南城管, 伊川县, 鹤岗市城管局.

Each agency of the corpus gets its aliases (full name, place name with and without 市/县/区, the short
forms of its kind: 城管, 执法局 …); the longest alias found in the question wins. When an alias fits
several agencies equally well, the answer is the candidates, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Long forms in agency names and the short forms people use (left to right: applied in this order).
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("城市管理综合行政执法局", "城管局"),
    ("城市管理综合执法局", "城管局"),
    ("城市管理局", "城管局"),
    ("城市管理", "城管"),
    ("综合行政执法局", "执法局"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障局", "人社局"),
    ("生态环境局", "环保局"),
)
_PLACE = re.compile(r"^(.{2,}?(?:自治州|自治县|地区|省|市|县|区|旗|盟|州))")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def aliases(agency: str) -> set[str]:
    name = _squash(agency)
    out = {name}
    short = name
    for long, s in SHORT_FORMS:
        short = short.replace(long, s)
    out.add(short)
    m = _PLACE.match(name)
    if m:
        place = m.group(1)
        rest = name[len(place):]
        places = {place}
        if len(place) > 2 and place[-1] in "市县区":
            places.add(place[:-1])
        kinds = {rest}
        for long, s in SHORT_FORMS:
            if long in rest:
                kinds |= {rest.replace(long, s), s, s.rstrip("局")}
        for p in places:
            out.add(p)
            out |= {p + k for k in kinds if k}
    return {a for a in out if len(a) >= 2}


@dataclass
class AgencyMatch:
    agencies: list[str]  # one: found; several: ambiguous (the candidates)
    mention: str  # the words of the question that named it
    ambiguous: bool = False


@dataclass
class AgencyIndex:
    agencies: list[str]
    _aliases: dict[str, set[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._aliases = {a: aliases(a) for a in self.agencies}

    def find(self, question: str) -> AgencyMatch | None:
        """The agency (or candidates) named in the question, or None."""
        q = _squash(question)
        for long, s in SHORT_FORMS:
            q = q.replace(long, s)
        best_len, best = 0, {}
        for agency, names in self._aliases.items():
            hit = max((n for n in names if n in q or n in _squash(question)), key=len, default=None)
            if hit is None:
                continue
            if len(hit) > best_len:
                best_len, best = len(hit), {agency: hit}
            elif len(hit) == best_len:
                best[agency] = hit
        if not best:
            return None
        names = sorted(best)
        return AgencyMatch(names, next(iter(best.values())), ambiguous=len(names) > 1)
