"""Finding the agency a question names, from partial names: 济南, 济南城管, 伊川县, 鹤岗市城管局.

Each agency of the corpus gets its aliases (full name, place name with and without 市/县/区, the short
forms of its kind: 城管, 执法局 …); the longest alias found in the question wins. When an alias fits
several agencies equally well, the answer is the candidates, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from index.hanzi import rhymes
from index.metadata import short_name

# Long forms in agency names and the short forms people use (left to right: applied in this order).
SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("城市管理综合行政执法局", "城管局"),
    ("城市管理综合执法局", "城管局"),
    ("城市管理综合行政执法局", "城管执法局"),  # 城管执法局: both halves of the name, shortened
    ("城市管理综合执法局", "城管执法局"),
    ("城市管理局", "城管局"),
    ("城市管理", "城管"),
    ("综合行政执法局", "执法局"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障局", "人社局"),
    ("生态环境局", "环保局"),
    ("人民政府办公室", "政府办"),
    ("人民政府", "政府"),
)
# Zones named like places whose short name is the place before the zone word: 平潭综合实验区 → 平潭.
ZONE_WORDS = ("综合实验区", "经济技术开发区", "高新技术产业开发区", "经济开发区", "高新区", "开发区", "新区",
              "实验区", "试验区")
MAX_ALIAS = 40  # longer than any agency name
MAX_FUZZY = 8  # names longer than this are not matched with a wrong character
_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=65536)
def _sound(ch: str) -> str:
    """A character's reading without tone (谭 and 潭 both 'tan')."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(ch)[0]


@lru_cache(maxsize=65536)
def _place_len(alias: str) -> int:
    chain, _ = _places(alias)
    return len("".join(chain)) if chain else min(len(alias), 2)


def latin(name: str) -> str:
    """平潭 → pingtan: how the name is written in Latin letters (lower case, no spaces)."""
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(name))
_PLACE = re.compile(r"^(.{2,}?(?:自治州|自治县|地区|省|市|县|区|旗|盟|州))")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _places(name: str) -> tuple[list[str], str]:
    """The chain of places a name starts with (淮安市, 洪泽区) and the rest (人民政府)."""
    chain, rest = [], name
    while (m := _PLACE.match(rest)) and len(chain) < 3:
        chain.append(m.group(1))
        rest = rest[len(m.group(1)):]
    return chain, rest


def _place_names(place: str) -> set[str]:
    """洪泽区 → {洪泽区, 洪泽}; 平潭综合实验区 → {平潭综合实验区, 平潭综合实验, 平潭}."""
    out = {place}
    if len(place) > 2 and place[-1] in "市县区":
        out.add(place[:-1])
    for zone in ZONE_WORDS:
        if place.endswith(zone) and len(place) - len(zone) >= 2:
            out.add(place[:-len(zone)])
            break
    return out


def aliases(agency: str) -> set[str]:
    """Names a question may use for the agency. A place that holds a smaller one (淮安市 in
    淮安市洪泽区人民政府) names no alias alone: 淮安市政府 is another body."""
    name = _squash(agency)
    out = {name}
    short = name
    for long, s in SHORT_FORMS:
        short = short.replace(long, s)
    out.add(short)
    chain, rest = _places(name)
    if chain:
        place = chain[-1]
        if len(chain) > 1:
            out |= {"".join(chain), "".join(chain) + rest}
        places = _place_names(place)
        kinds = {rest}
        for long, s in SHORT_FORMS:
            if long in rest:
                kinds |= {rest.replace(long, s), s, s.rstrip("局")}
        for p in places:
            out.add(p)
            out |= {p + k for k in kinds if k}
    return {a for a in out if len(a) >= 2}


# 济南市政府 after the name of a bureau (济南市城市管理局): the government, another body than the bureau
RE_GOVERNMENT_AFTER = re.compile(r"[市县区]?(?:人民)?政府(?!办|部门|网站|门户|信息|采购|集中|性|专项|债|投资|购买|补贴|预算|决算)")
GOVERNMENT_ENDINGS = ("政府", "管委会", "管理委员会", *ZONE_WORDS)


def names_government(agency: str, after: str) -> bool:
    """The words after a found place name say 政府 while the agency is a bureau: the question names the
    place's government, which is not this agency."""
    return bool(RE_GOVERNMENT_AFTER.match(after)) and not _squash(agency).endswith(GOVERNMENT_ENDINGS)


# 平潭城管局 / 洪泽区公安局 after the name of a government (平潭综合实验区, 淮安市洪泽区人民政府): a department of the
# place, another body than its government (the mirror of 济南市政府 after a bureau). The kinds of department a
# county or city has, each before the endings its names take.
_DEPARTMENTS = ("城市管理|综合行政执法|综合执法|行政执法|执法|教育(?:体育)?|公安|财政|民政|司法|人力资源和社会保障|人社|"
                "自然资源(?:和规划)?|生态环境|住房和城乡建设|住建|交通运输|交通|水利|水务|农业农村|农业|商务|文化和旅游|"
                "文化广电和旅游|文广旅|文旅|卫生健康|卫健|应急管理|应急|市场监督管理|市场监管|统计|审计|医疗保障|医保|林业|体育|"
                "退役军人事务|发展和改革|发改|工业和信息化|工信|科学技术|科技|税务|信访|档案|气象|粮食和物资储备|粮食|规划")
RE_DEPARTMENT_AFTER = re.compile(r"的?(?:城管(?:执法)?(?:局|大队|支队)?|(?:" + _DEPARTMENTS + r")"
                                 r"(?:综合)?(?:行政)?(?:执法)?(?:管理)?(?:局|委员会|委|大队|支队))")


def names_department(agency: str, after: str) -> re.Match | None:
    """The words after a found government's name name one of the place's departments (平潭 + 城管局): the
    question names that department, which is not this agency."""
    if not _squash(agency).endswith(GOVERNMENT_ENDINGS):
        return None
    return RE_DEPARTMENT_AFTER.match(after)


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
        self.finder = AgencyFinder.cached(self.agencies)

    def find(self, question: str) -> AgencyMatch | None:
        """The agency (or candidates) named in the question, or None."""
        from qa.latin import read_latin  # (qa.latin reads names with this module's rules)

        named = read_latin(question, self.finder)  # Píngtán, Hongze District: as questions read them
        raw = _squash(named.text if named.said else question)
        short = raw
        for long, s in SHORT_FORMS:
            short = short.replace(long, s)
        spans = self.finder.spans(raw) + self.finder.spans(short)
        if not spans:
            return None
        best = max(spans, key=lambda sp: len(sp.mention))
        # a name read from Latin letters: the words as the query writes them (for cutting it out of the query)
        mention = next((w for w, c in named.names if best.mention in c or c in best.mention), best.mention)
        return AgencyMatch(best.agencies, mention, ambiguous=len(best.agencies) > 1)


# ---------------------------------------------------------------- every agency a question names, with spans
def kinds(agency: str) -> set[str]:
    """The kind part of an agency's name and its short forms (城市管理局, 城管局, 城管), no place."""
    chain, rest = _places(_squash(agency))
    out = {rest}
    zone = next((z for z in ZONE_WORDS if chain and chain[-1].endswith(z) and len(chain[-1]) > len(z)), None)
    if zone:  # 实验区 / 综合实验区 alone: the kind of a zone named like a place (平潭综合实验区)
        out |= {z for z in ZONE_WORDS if zone.endswith(z)}
    for long, s in SHORT_FORMS:
        if long in rest:
            out |= {rest.replace(long, s), s, s.rstrip("局")}
    return {k for k in out if len(k) >= 2 and k not in NOT_KINDS}


# Kind words too common in questions to narrow anything: 政府 is in 政府信息公开 and 政府集中采购.
NOT_KINDS = frozenset({"政府"})


@dataclass
class AgencySpan:
    start: int
    end: int
    mention: str
    agencies: list[str]  # one: found; several: the mention fits each (ambiguous, or a kind of agency)
    meant: str | None = None  # a name read with one character wrong: the alias it was read as


def _leftmost_longest(found: list[AgencySpan]) -> list[AgencySpan]:
    """The longest spans first, each kept unless it overlaps one kept already; in the order of the text."""
    found = sorted(found, key=lambda s: (-(s.end - s.start), s.start))
    taken: list[AgencySpan] = []
    for s in found:
        if all(s.end <= t.start or s.start >= t.end for t in taken):
            taken.append(s)
    return sorted(taken, key=lambda s: s.start)


class AgencyFinder:
    """Finds every agency a question names (济南和伊川哪个多), with where it stands, so the rest of the
    question can be read without the name (行政审批服务局 must not read as 行政许可). Kind words with no
    place (城管局, 执法局) are found apart: they narrow a ranking to that kind of agency, or are ambiguous."""


    def __init__(self, agencies: list[str]):
        self.agencies = list(agencies)
        self.alias_map: dict[str, set[str]] = {}
        self.kind_map: dict[str, set[str]] = {}
        self.places: set[str] = set()  # the place names given Latin-letter aliases (see _add)
        self._masked: dict[str, list[tuple[str, int]]] = {}
        self._add(self.agencies, grown=False)

    def _add(self, new: list[str], grown: bool) -> bool:
        """Adds these agencies' names to the tables (the tables' sets and lists are copied before they are
        changed: a finder grown from another shares the rest with it). grown: the tables hold other agencies'
        names already; False when one of those names turns out a kind word (then only a new finder is right)."""
        copied: dict[int, set] = {}

        def put(table: dict, key: str, values, kind=set) -> None:
            done = copied.setdefault(id(table), set())
            if key not in done:
                table[key] = kind(table.get(key, ()))
                done.add(key)
            table[key].update(values) if kind is set else table[key].extend(values)

        fresh: set[str] = set()  # aliases the tables did not have
        new_kinds: set[str] = set()
        for a in new:
            for alias in aliases(a) | {short_name(a)}:  # the reader's short name (index.metadata) too
                if alias not in self.alias_map:
                    fresh.add(alias)
                put(self.alias_map, alias, (a,))
            for k in kinds(a):
                put(self.kind_map, k, (a,))
                new_kinds.add(k)
        # a kind word is no name: 城管局 alone names no agency
        for k in (new_kinds | copied.get(id(self.alias_map), set())) & self.kind_map.keys():
            if k in self.alias_map:
                if k not in fresh:
                    return False  # (its Latin letters and masks were made as a name's)
                del self.alias_map[k]
                fresh.discard(k)
        # Latin-letter names (Pingtan, Hongze): the pinyin of each place name
        places = self._place_aliases(new)
        self.places = self.places | places if grown else places
        targets = {a for a in copied.get(id(self.alias_map), set()) if a in self.places} | {
            p for p in places if p in self.alias_map}
        for alias in sorted(targets):
            if alias in self.alias_map:
                put(self.alias_map, latin(alias), self.alias_map[alias])
        # one character wrong (平谭, 张点, 洪择): each alias with one position masked
        for alias in fresh:
            if _CJK_ONLY.fullmatch(alias) and len(alias) <= MAX_FUZZY:
                for j in range(len(alias)):
                    put(self._masked, alias[:j] + "?" + alias[j + 1:], [(alias, j)], list)
        return True

    @classmethod
    def grown(cls, older: AgencyFinder, agencies: list[str]) -> AgencyFinder | None:
        """The finder of these agencies made from one of some of them (an engine reopened after an add: only
        the new agencies' names are made); None when `older` names an agency these do not, or lacks what
        growing needs."""
        new = set(agencies).difference(older.agencies)
        if len(new) + len(older.agencies) != len(agencies) or not hasattr(older, "places"):
            return None
        finder = cls.__new__(cls)
        finder.agencies = list(agencies)
        finder.alias_map, finder.kind_map = dict(older.alias_map), dict(older.kind_map)
        finder.places, finder._masked = older.places, dict(older._masked)
        return finder if finder._add(sorted(new), grown=True) else None

    @classmethod
    def cached(cls, agencies: list[str]) -> AgencyFinder:
        """The finder of these agencies, made once: kept for the process (the reader and the search filter,
        and an engine reopened after an add, share it) and, for a large index, in this user's cache folder
        (at 34,000 agencies making it took ~10 s of a new `qa ask`; reading it back, a fraction of that).
        Keyed by the names and by the code that makes it, so a changed rule makes it anew."""
        import hashlib

        from index.memory import paused_gc

        key = hashlib.sha256("\n".join(agencies).encode() + _RULES).hexdigest()[:32]
        finder = _FINDERS.get(key)
        if finder is None:
            with paused_gc():
                # an engine reopened after an add: the finder of the agencies before it, grown by the new ones
                finder = next(filter(None, (cls.grown(f, agencies) for f in reversed(_FINDERS.values()))), None)
                if finder is None:
                    finder = (_from_disk(key, agencies) if len(agencies) >= DISK_CACHE_MIN else cls(agencies))
            while len(_FINDERS) >= KEPT_FINDERS:
                del _FINDERS[next(iter(_FINDERS))]  # the oldest: an engine still using it holds its own
            _FINDERS[key] = finder
        return finder

    @staticmethod
    def _place_aliases(agencies: list[str]) -> set[str]:
        out = set()
        for a in agencies:
            chain, _ = _places(_squash(a))
            if chain:
                out |= {p for p in _place_names(chain[-1]) if p[-1] not in "市县区"}
        return out

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
        return _leftmost_longest(found)

    def spans(self, text: str) -> list[AgencySpan]:
        """Agencies named by name, place or short form, leftmost-longest."""
        return self._longest(text, self.alias_map, MAX_ALIAS)

    def fuzzy_spans(self, text: str) -> list[AgencySpan]:
        """Names with one character wrong: a homophone (平谭 → 平潭, 张点 → 张店, 鹤港 → 鹤岗), or any one
        character of a name of four or more. `mention` is the question's words, `meant` the alias read."""
        found: list[AgencySpan] = []
        n = len(text)
        for i in range(n):
            for length in range(min(MAX_FUZZY, n - i), 1, -1):
                window = text[i:i + length]
                if not _CJK_ONLY.fullmatch(window) or window in self.alias_map:
                    continue
                hits: dict[str, set[str]] = {}
                for j in range(length):
                    for alias, pos in self._masked.get(window[:j] + "?" + window[j + 1:], ()):
                        # a place must be written right or by its sound (伊州 is another place than 伊川); in a
                        # name of four or more whose other characters are right, a rhyme will do (张占执法局)
                        if _sound(window[pos]) == _sound(alias[pos]) or length >= 4 and (
                                pos >= _place_len(alias) or rhymes(window[pos], alias[pos])):
                            hits.setdefault(alias, set()).update(self.alias_map[alias])
                if hits:
                    owners = sorted(set().union(*hits.values()))
                    found.append(AgencySpan(i, i + length, window, owners, meant=sorted(hits)[0]))
                    break
        return _leftmost_longest(found)

    def nearest(self, name: str, k: int = 5) -> list[str]:
        """The agencies whose names share most characters with a name the index does not hold."""
        chars = set(name)
        scored = sorted(self.agencies, key=lambda a: (-len(chars & set(a)), a))
        return [a for a in scored[:k] if chars & set(a)]

    def kind_spans(self, text: str) -> list[AgencySpan]:
        """Kind words (城管局, 执法局) standing without a place."""
        return self._longest(text, self.kind_map, 12)


DISK_CACHE_MIN = 2000  # agencies: a smaller finder is made in well under a second
KEPT_FINDERS = 4  # finders kept for the process (an app's engine and the ones it was reopened from)
_FINDERS: dict[str, AgencyFinder] = {}


def _rules() -> bytes:
    """What the finder is made by: this module, the short names' rules, and the Python whose marshal format
    stores it."""
    import sys
    from pathlib import Path

    import index.metadata

    return Path(__file__).read_bytes() + Path(index.metadata.__file__).read_bytes() + sys.version.encode()


_RULES = _rules()


def _from_disk(key: str, agencies: list[str]) -> AgencyFinder:
    """The finder's tables as marshal data (plain dicts, sets, lists and strings: read ~3 times faster than
    a pickle, and nothing in it is code)."""
    import marshal
    import os

    from index.cachedir import user_cache_dir

    folder = user_cache_dir("agencies")
    path = folder / f"{key}.marshal"
    try:
        tables = marshal.loads(path.read_bytes())
        if isinstance(tables, dict) and tables.get("agencies") == agencies:
            finder = AgencyFinder.__new__(AgencyFinder)
            finder.__dict__.update(tables)
            return finder
    except (OSError, EOFError, ValueError, TypeError):
        pass
    finder = AgencyFinder(agencies)
    try:
        for old in sorted(folder.glob("*.marshal"), key=lambda p: p.stat().st_mtime)[:-4]:
            old.unlink(missing_ok=True)  # a few indexes' finders are kept, not every one ever made
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_bytes(marshal.dumps(vars(finder)))
        os.replace(tmp, path)
    except OSError:
        pass
    return finder
