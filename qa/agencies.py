"""Finding the agency a question names, from partial names: 济南, 济南城管, 伊川县, 鹤岗市城管局.

Each agency of the corpus gets its aliases (full name, place name with and without 市/县/区, the short
forms of its kind: 城管, 执法局 …); the longest alias found in the question wins. When an alias fits
several agencies equally well, the answer is the candidates, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
MAX_ALIAS = 40  # longer than any agency name
_PLACE = re.compile(r"^(.{2,}?(?:自治州|自治县|地区|省|市|县|区|旗|盟|州))")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def aliases(agency: str) -> set[str]:
    from index.metadata import short_name

    name = _squash(agency)
    out = {name, short_name(agency)}  # what users call it: 淮安市洪泽区人民政府 → 洪泽区
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


class AgencyIndex:
    """The one agency a search query names (for `qa search`'s filter), on top of AgencyFinder: the longest
    mention wins, in the query as written or with its long forms shortened (城市管理 → 城管)."""

    def __init__(self, agencies: list[str]):
        self.agencies = list(agencies)
        self.finder = AgencyFinder(self.agencies)

    def find(self, question: str) -> AgencyMatch | None:
        """The agency (or candidates) named in the question, or None."""
        raw = _squash(question)
        short = raw
        for long, s in SHORT_FORMS:
            short = short.replace(long, s)
        spans = self.finder.spans(raw) + self.finder.spans(short)
        if not spans:
            return None
        best = max(spans, key=lambda sp: len(sp.mention))
        return AgencyMatch(best.agencies, best.mention, ambiguous=len(best.agencies) > 1)


# ---------------------------------------------------------------- every agency a question names, with spans
def kinds(agency: str) -> set[str]:
    """The kind part of an agency's name and its short forms (城市管理局, 城管局, 城管), no place."""
    name = _squash(agency)
    m = _PLACE.match(name)
    rest = name[len(m.group(1)):] if m else name
    out = {rest}
    for long, s in SHORT_FORMS:
        if long in rest:
            out |= {rest.replace(long, s), s, s.rstrip("局")}
    return {k for k in out if len(k) >= 2}


@dataclass
class AgencySpan:
    start: int
    end: int
    mention: str
    agencies: list[str]  # one: found; several: the mention fits each (ambiguous, or a kind of agency)


class AgencyFinder:
    """Finds every agency a question names (济南和伊川哪个多), with where it stands, so the rest of the
    question can be read without the name (行政审批服务局 must not read as 行政许可). Kind words with no
    place (城管局, 执法局) are found apart: they narrow a ranking to that kind of agency, or are ambiguous."""


    def __init__(self, agencies: list[str]):
        self.agencies = list(agencies)
        self.alias_map: dict[str, set[str]] = {}
        self.kind_map: dict[str, set[str]] = {}
        for a in self.agencies:
            for alias in aliases(a):
                self.alias_map.setdefault(alias, set()).add(a)
            for k in kinds(a):
                self.kind_map.setdefault(k, set()).add(a)
        for k in list(self.kind_map):  # a kind word is no name: 城管局 alone names no agency
            self.alias_map.pop(k, None)

    @staticmethod
    def _longest(text: str, table: dict[str, set[str]], limit: int) -> list[AgencySpan]:
        found = []
        n = len(text)
        for i in range(n):
            for j in range(min(n, i + limit), i + 1, -1):
                hit = table.get(text[i:j])
                if hit:
                    found.append(AgencySpan(i, j, text[i:j], sorted(hit)))
                    break
        found.sort(key=lambda s: (-(s.end - s.start), s.start))
        taken: list[AgencySpan] = []
        for s in found:
            if all(s.end <= t.start or s.start >= t.end for t in taken):
                taken.append(s)
        return sorted(taken, key=lambda s: s.start)

    def spans(self, text: str) -> list[AgencySpan]:
        """Agencies named by name, place or short form, leftmost-longest."""
        return self._longest(text, self.alias_map, MAX_ALIAS)

    def kind_spans(self, text: str) -> list[AgencySpan]:
        """Kind words (城管局, 执法局) standing without a place."""
        return self._longest(text, self.kind_map, 12)
