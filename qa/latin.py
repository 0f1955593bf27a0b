"""Agency names written in Latin letters, read as the Chinese names the agency finder knows.

A name in pinyin — with or without tone marks, spaces, hyphens or apostrophes (Pingtan, Ping Tan, Píngtán,
Huai'an) — is matched against the pinyin of the place names of the index's own agencies (never a list of
names), and the English words after it for the level of the place (county, district, city) and the kind of
agency (urban management bureau, law enforcement bureau, people's government) become their Chinese words:
"Jinan Municipal Urban Management Bureau" → 济南市城管局, "People's Government of Hongze District" →
洪泽区人民政府. The Chinese name then goes through the same finder as a Chinese question (so 济南市人民政府 is
still another body than 济南市城市管理局), and the reading is said: 「Pingtan County」读作平潭县.
A Latin word the index has no place for, followed by such a word (Fuqing City), is a name left unresolved.
A spelling two places of the index share in different characters (Qinghe: 清河, 青河) is said ambiguous, both
named, never rewritten as one of them; a name one letter off a place's pinyin (Pintan, Hongzhe, Zhangdain) is
read as that place, and the reading says so.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from qa.agencies import AgencyFinder, _place_names, _places, _squash, latin

# The level of a place, in English and in pinyin (Hongze Qu), as the character that ends its name.
LEVELS: dict[str, str] = {
    "autonomous county": "自治县", "autonomous prefecture": "自治州", "city": "市", "municipal": "市",
    "municipality": "市", "county": "县", "district": "区", "province": "省", "prefecture": "州",
    "shi": "市", "xian": "县", "qu": "区",
}
# The kind of agency, in English (and the pinyin people use for 城管), as the Chinese words of its name or
# of their short forms (qa.agencies.SHORT_FORMS), which the finder knows. Longest first when matched.
KINDS: dict[str, str] = {
    "urban management comprehensive administrative law enforcement bureau": "城市管理综合行政执法局",
    "urban management and comprehensive administrative law enforcement bureau": "城市管理综合行政执法局",
    "urban management comprehensive law enforcement bureau": "城市管理综合执法局",
    "urban management and comprehensive law enforcement bureau": "城市管理综合执法局",
    "urban management law enforcement bureau": "城管执法局", "urban management and law enforcement bureau": "城管执法局",
    "city management law enforcement bureau": "城管执法局", "urban administration law enforcement bureau": "城管执法局",
    "urban management bureau": "城管局", "city management bureau": "城管局", "urban administration bureau": "城管局",
    "bureau of urban management": "城管局", "urban management": "城管", "city management": "城管",
    "urban administration": "城管", "chengguan": "城管", "chengguanju": "城管局",
    "comprehensive administrative law enforcement bureau": "综合行政执法局",
    "administrative law enforcement bureau": "执法局", "comprehensive law enforcement bureau": "执法局",
    "law enforcement bureau": "执法局", "law enforcement": "执法", "zhifaju": "执法局",
    "people's government": "人民政府", "peoples government": "人民政府", "people government": "人民政府",
    "municipal government": "人民政府", "government": "人民政府",
    "general office of the people's government": "人民政府办公室", "government office": "人民政府办公室",
    "government general office": "人民政府办公室", "general office": "人民政府办公室",
    "administrative committee": "管委会", "management committee": "管委会",
    "comprehensive experimental zone": "综合实验区", "comprehensive experiment zone": "综合实验区",
    "comprehensive pilot zone": "综合实验区", "experimental zone": "实验区", "pilot zone": "实验区",
    "economic and technological development zone": "经济技术开发区", "economic development zone": "经济开发区",
    "high-tech zone": "高新区", "high tech zone": "高新区", "development zone": "开发区", "new area": "新区",
    "market supervision administration": "市场监管局", "market supervision bureau": "市场监管局",
    "market regulation bureau": "市场监管局", "human resources and social security bureau": "人社局",
    "ecology and environment bureau": "生态环境局", "ecological environment bureau": "生态环境局",
    "environmental protection bureau": "生态环境局", "public security bureau": "公安局", "education bureau": "教育局",
    "finance bureau": "财政局", "civil affairs bureau": "民政局", "natural resources bureau": "自然资源局",
    "housing and urban-rural development bureau": "住房和城乡建设局", "transport bureau": "交通运输局",
    "emergency management bureau": "应急管理局", "justice bureau": "司法局", "audit bureau": "审计局",
    "health commission": "卫生健康委员会", "development and reform commission": "发展和改革委员会",
    "administrative approval bureau": "行政审批服务局", "bureau": "局", "commission": "委员会",
}
_WORD = r"[A-Za-zÀ-ɏ]+(?:['’][A-Za-zÀ-ɏ]+)*"
_TOKEN = re.compile(_WORD)
_SEP = re.compile(r"[ \t\-]{1,2}$")
_POSSESSIVE = re.compile(r"['’]s$", re.I)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_OWNS = re.compile(r"['’]s(?![A-Za-z])", re.I)


# a thing of the place's government, not the government: Pingtan's government website (as 政府网站 in Chinese)
_THING = r"(?![\s\-]+(?:website|portal|web|information|procurement|affairs|services?|new\s+media|app|platform))"


def _alternation(words) -> str:
    """The phrases as one regex alternation, longest first, a space matching spaces or a hyphen."""
    return "|".join(re.escape(w).replace(r"\ ", r"[\s\-]+") for w in sorted(words, key=len, reverse=True))


def _phrases(table: dict[str, str]) -> re.Pattern[str]:
    return re.compile(r"\s*(?:the\s+)?(" + _alternation(table) + r")(?![A-Za-z])" + _THING, re.I)


_LEVEL_AFTER = _phrases(LEVELS)
_KIND_AFTER = _phrases(KINDS)
# the kind before the place: "the urban management bureau of Jinan", "People's Government of Hongze District"
_KIND_OF = re.compile(r"(?:the\s+)?(" + _alternation(KINDS) + r")\s+of\s+(?:the\s+)?$", re.I)
# words before a level or a kind that are no name (which county, each district, the city)
NOT_NAMES = frozenset({"the", "which", "what", "each", "every", "a", "an", "any", "this", "that", "these", "those",
                       "our", "its", "their", "other", "same", "all", "some", "one", "two", "three", "per", "by", "of",
                       "in", "for", "and", "or", "to", "from", "with", "did", "does", "do", "how", "many", "much",
                       "is", "was", "are", "were", "has", "had", "have", "most", "least", "more", "fewer", "less",
                       "main", "local", "central", "national", "provincial", "municipal", "county", "city", "district",
                       "administrative", "comprehensive", "government", "people's", "urban", "management",
                       # the first words of an English ask (Show urban management penalties)
                       "show", "list", "give", "tell", "find", "get", "name", "count", "please", "about",
                       "between", "among", "both", "either", "neither", "only", "also", "then", "than", "whose"})


def fold(word: str) -> str:
    """Píngtán → pingtan, Huai'an → huaian, Lǚ → lv: the letters of pinyin without tones or separators."""
    word = re.sub("[üǖǘǚǜÜǕǗǙǛ]", "v", word)
    word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    return re.sub(r"['’\-\s]", "", word).lower()


@dataclass
class LatinReading:
    text: str  # the question with each name read as Chinese
    said: list[str] = field(default_factory=list)  # 「Pingtan County」读作平潭县
    unknown: list[str] = field(default_factory=list)  # names in Latin letters the index has no place for
    names: list[tuple[str, str]] = field(default_factory=list)  # (the words as written, the Chinese read)
    # (the words as written, the agencies of every place the spelling fits): Qinghe for 清河县… and 青河县…
    ambiguous: list[tuple[str, list[str]]] = field(default_factory=list)


@dataclass
class Sounds:
    """The places of an index's agencies by their pinyin, and the agencies of each place."""
    places: dict[str, set[str]]  # pingtan → {平潭综合实验区}, qinghe → {清河县, 青河县}
    owners: dict[str, set[str]]  # 清河县 → the agencies whose names start with it

    def near(self, word: str) -> set[str]:
        """The spellings one letter off the word (left out, added, changed or two swapped), of five letters or
        more and with the word's first letter: a typo's candidates (each variant looked up: no index to make)."""
        return {k for k in _one_letter_off(word) if k in self.places and len(k) >= NEAR_MIN and k[0] == word[0]}


NEAR_MIN = 5  # letters: a shorter spelling one letter off is as likely another name (Jian, Jiang)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_SOUNDS: dict[int, tuple[AgencyFinder, Sounds]] = {}


def _one_letter_off(word: str) -> set[str]:
    """Every spelling one letter left out, added or changed, or two neighbours swapped (Zhangdain: zhangdian)."""
    cuts = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in cuts if b} | {a + b[1] + b[0] + b[2:] for a, b in cuts if len(b) > 1}
    out |= {a + c + b[1:] for a, b in cuts if b for c in _LETTERS} | {a + c + b for a, b in cuts for c in _LETTERS}
    out.discard(word)
    return out


def _places_by_sound(finder: AgencyFinder) -> Sounds:
    """pinyin → the places of the index's agencies that sound so (pingtan → 平潭综合实验区, huaian → 淮安市), made
    once per finder (the finder itself is made once per set of agencies: qa.agencies.AgencyFinder.cached)."""
    kept = _SOUNDS.get(id(finder))
    if kept and kept[0] is finder:
        return kept[1]
    out: dict[str, set[str]] = {}
    owners: dict[str, set[str]] = {}
    for a in finder.agencies:
        for place in _places(_squash(a))[0]:
            owners.setdefault(place, set()).add(a)
    for place in owners:  # many agencies, fewer places
        syllables = _syllables_of(place)
        for form in _place_names(place):  # 平潭综合实验区, 平潭综合实验, 平潭: each begins the place's name
            if len(form) >= 2:
                key = "".join(syllables[:len(form)]) if form == place[:len(form)] else pinyin_of(form)
                out.setdefault(key, set()).add(place)
    _SOUNDS.clear()  # one index at a time in a process, mostly: the last finder's table is enough
    _SOUNDS[id(finder)] = (finder, Sounds(out, owners))
    return _SOUNDS[id(finder)][1]


@lru_cache(maxsize=65536)
def _first_reading(char: str) -> str | None:
    """The reading pypinyin gives the character alone (its dictionary's first), without tone: 潭 → tan."""
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(char))
    return fold(readings.split(",")[0]) if readings else None


def _in_a_phrase(name: str) -> bool:
    """Whether some two to six characters of the name are a phrase of pypinyin's, read as a whole (厦门 xiamen,
    where 厦 alone is sha): only then is its reading not each character's own."""
    from pypinyin.phrases_dict import phrases_dict

    return any(name[i:j] in phrases_dict for i in range(len(name)) for j in range(i + 2, min(len(name), i + 6) + 1))


def _syllables_of(place: str) -> list[str]:
    """朝阳区 → [chao, yang, qu], as pypinyin's lazy_pinyin reads the whole name (and qa.agencies.latin), but
    character by character where no phrase of pypinyin's is in it (most place names: its segmentation costs
    ~0.5 ms a name, 10 s at 20,000 places)."""
    syllables = [_first_reading(c) for c in place]
    if None not in syllables and not _in_a_phrase(place):
        return syllables  # type: ignore[return-value]
    from pypinyin import lazy_pinyin

    read = lazy_pinyin(place)
    return read if len(read) == len(place) else [latin(c) for c in place]


def pinyin_of(name: str) -> str:
    """平潭 → pingtan, as qa.agencies.latin writes it."""
    return "".join(_syllables_of(name))


def _core(place: str) -> str:
    """洪泽区 → 洪泽, 平潭综合实验区 → 平潭: the place without the level or zone a level word will say."""
    return min(_place_names(place), key=len)


def read_latin(question: str, finder: AgencyFinder) -> LatinReading:
    """The question with its Latin-letter agency names as Chinese, what was read, and what was not."""
    text = unicodedata.normalize("NFKC", question).replace("’", "'")
    if not re.search("[A-Za-z]", text):
        return LatinReading(text)
    sounds = _places_by_sound(finder)
    tokens = list(_TOKEN.finditer(text))
    out, said, names, ambiguous, at, i = [], [], [], [], 0, 0
    while i < len(tokens):
        hit = _name_at(text, tokens, i, sounds)
        if hit is None:
            i += 1
            continue
        group, key, typo = hit
        start, end = group[0].start(), group[-1].end()
        if _POSSESSIVE.search(group[-1].group()):
            end -= 2
        owns = _OWNS.match(text, end)  # Jinan's urban management bureau: the kind after the possessive
        level = None if owns else _LEVEL_AFTER.match(text, end)
        kind = _KIND_AFTER.match(text, owns.end() if owns else level.end() if level else end)
        bare = _KIND_AFTER.match(text, end) if level else None  # Shahe city management bureau: city is the kind's
        if bare and (not kind or bare.end() >= kind.end()):
            level, kind = None, bare
        after = kind.end() if kind else level.end() if level else end
        before = _KIND_OF.search(text[at:start])
        places = _fitting(sounds.places[key], LEVELS[_key(level.group(1))] if level else None)
        cores = {_core(p) for p in places}
        if len(places) == 1:
            place, = places
            chinese = (_core(place) + LEVELS[_key(level.group(1))]) if level else place
        else:  # 朝阳市 and 朝阳区: the same characters, which the finder reads (and finds ambiguous itself)
            chinese = next(iter(cores)) + (LEVELS[_key(level.group(1))] if level else "")
        said_kind = kind.group(1) if kind else before.group(1) if before else None
        if said_kind and not chinese.endswith(KINDS[_key(said_kind)]):  # Pingtan Comprehensive Experimental Zone
            chinese += KINDS[_key(said_kind)]
        if before and not kind:
            start = at + before.start()
        stop = after if (level or kind) else owns.end() if owns else end  # Pingtan's: the name, no 's left
        out.append(text[at:start])
        written = _POSSESSIVE.sub("", text[start:stop].strip())
        if len(cores) > 1:  # Qinghe: 清河 or 青河, said with both, never one of them guessed
            out.append(" ")
            ambiguous.append((written, sorted({a for p in places for a in sounds.owners[p]})))
            said.append(f"「{written}」可指{'、'.join(sorted(places))}，拼写相同，未作猜测")
        else:
            out.append(chinese)
            said.append(f"「{written}」" + (f"（拼写相近：{key}）" if typo else "") + f"读作{chinese}")
            names.append((written, chinese))
        at, i = stop, i + len(group)
        while i < len(tokens) and tokens[i].start() < at:
            i += 1
    out.append(text[at:])
    rest, words, left = read_pinyin_words("".join(out))
    if words:  # pingtan 2024 nian xingzheng chufa: the words, after the names, as Chinese
        said.append("拼音读作：" + "，".join(f"{w}→{c}" for w, c in words))
    return LatinReading(rest, said, list(dict.fromkeys(_unknown(rest) + left)), names, ambiguous)


# The Chinese words a question written in pinyin uses besides the template's (qa.lexicon's words are added).
QUESTION_WORDS = ("多少", "几", "件", "年", "哪个", "哪个单位", "哪家", "哪些", "哪些单位", "哪一年", "哪年", "单位", "是", "的", "有", "吗", "呢", "和", "比",
                  "多", "少", "收到", "了", "共", "什么", "怎么样", "报告", "年报", "前三", "前三名", "第二", "那", "其中",
                  "公开", "申请", "政府信息公开", "信息公开", "多少件", "几件", "存在", "情况", "各", "每年", "分别",
                  "没有", "有没有", "以上", "以下", "请问", "一下", "告诉", "我", "想", "知道", "查询", "数据", "统计",
                  "总共", "请", "年度", "今年", "去年", "前年", "哪里", "怎么", "为什么", "主要", "工作", "政府")


@lru_cache(maxsize=1)
def _template_words() -> frozenset[str]:
    """Every plain word of two characters or more of qa.lexicon's items, columns, operations, parts and
    comparisons (行政处罚, 最多, 问题, 超过)."""
    from qa.lexicon import COLUMN_WORDS, COMPARISON_WORDS, ITEM_WORDS, OPERATION_WORDS, PART_WORDS

    words = [w for ws in ITEM_WORDS.values() for w in ws] + [w for c in COLUMN_WORDS.values() for ws in c.values()
                                                               for w in ws]
    words += [w for ws in OPERATION_WORDS.values() for w in ws] + [w for ws in PART_WORDS.values() for w in ws]
    words += [w for w, _ in COMPARISON_WORDS]
    return frozenset(w for w in words if _CJK_WORD.fullmatch(w) and len(w) >= 2)  # (有, 是, 过: any question's)


@lru_cache(maxsize=1)
def _pinyin_words() -> dict[str, str]:
    """pinyin → the Chinese word (xingzhengchufa → 行政处罚, duoshao → 多少), as pypinyin reads the word and as
    its characters read alone (哪个: neige, nage); the first word of a spelling kept."""
    out: dict[str, str] = {}
    for w in (*sorted(_template_words()), *QUESTION_WORDS):
        out.setdefault(pinyin_of(w), w)
        out.setdefault("".join(_first_reading(c) or "" for c in w), w)
    return out


_CJK_WORD = re.compile(r"[\u4e00-\u9fff]+")
MAX_WORD_TOKENS = 6  # xing zheng chu fa jue ding: a word written a syllable at a time


def read_pinyin_words(text: str) -> tuple[str, list[tuple[str, str]], list[str]]:
    """A question written in pinyin without tones (pingtan 2024 nian xingzheng chufa duoshao jian), or with
    a word of it in pinyin in Chinese (平潭2024年chufa多少): its words as Chinese, when every Latin word of it
    is pinyin (an English question always has words that are not: how, many, did, the). Returns the text,
    the (pinyin, Chinese) read, and the words left that spell no word but a name of two syllables or more
    (fuqing 2023 nian xingzheng chufa: a name the index lacks, said)."""
    tokens = list(_TOKEN.finditer(text))
    if not tokens or not all(is_pinyin(t.group(), 1) for t in tokens) or len(tokens) < 2 and not _CJK.search(text):
        return text, [], []
    vocab = _pinyin_words()
    out, read, left, at, i = [], [], [], 0, 0
    template: set[str] = set()
    while i < len(tokens):
        for n in range(min(MAX_WORD_TOKENS, len(tokens) - i), 0, -1):
            group = tokens[i:i + n]
            if any(not _SEP.fullmatch(text[a.end():b.start()]) for a, b in zip(group, group[1:])):
                continue
            spelt = _spelt(fold("".join(t.group() for t in group)), vocab)
            if spelt:
                break
        if not spelt:
            word = tokens[i].group()  # fuqing 2023 nian …: a word first or before a year, no word of ours, a name
            first = i == 0 or not text[tokens[i - 1].end():tokens[i].start()].strip(" -")
            if len(fold(word)) >= 4 and is_pinyin(word) and not _no_name(word) and (
                    first or re.match(r"\s*(?:19|20)\d\d", text[tokens[i].end():])):
                left.append(word)
            i += 1
            continue
        out += [text[at:group[0].start()], "".join(spelt)]
        read.append((text[group[0].start():group[-1].end()], "".join(spelt)))
        template |= set(spelt) & _template_words()
        at, i = group[-1].end(), i + n
    if not template:  # only words of a question (na ge, you): no word of the template, no question in pinyin;
        return text, [], left  # but fuqing 2023年行政处罚: the name is still a name, said
    out.append(text[at:])
    return "".join(out), read, left


def _spelt(key: str, vocab: dict[str, str]) -> list[str] | None:
    """The key as one word, or as words one after another (xingzhengchufaduoshao), or None."""
    if key in vocab:
        return [vocab[key]]
    best: list[list[str] | None] = [[]] + [None] * len(key)  # the fewest words spelling key[:i]
    for i in range(1, len(key) + 1):
        for j in range(max(0, i - 24), i):
            if best[j] is not None and key[j:i] in vocab and (best[i] is None or len(best[j]) + 1 < len(best[i])):
                best[i] = best[j] + [vocab[key[j:i]]]
    return best[-1] if best[-1] and len(best[-1]) > 1 else None


def _name_at(text: str, tokens: list[re.Match[str]], i: int, sounds: Sounds
             ) -> tuple[list[re.Match[str]], str, bool] | None:
    """The written syllables at token i that spell a place (Ping Tan, Huai-an: up to four), the place's
    spelling, and whether it was a typo's (Pintan: one letter off, and written as a name)."""
    for typo in (False, True):
        for n in range(min(4 if not typo else 2, len(tokens) - i), 0, -1):
            group = tokens[i:i + n]
            if any(not _SEP.fullmatch(text[a.end():b.start()]) for a, b in zip(group, group[1:])):
                continue
            words = [_POSSESSIVE.sub("", t.group()) if k == n - 1 else t.group() for k, t in enumerate(group)]
            key = fold("".join(words))
            if not typo and key in sounds.places and _names(words):
                return group, key, False
            if typo and len(key) >= NEAR_MIN and _typo_name(text, group, words):
                near = sounds.near(key)
                if len(near) == 1:
                    return group, near.pop(), True
    return None


def _typo_name(text: str, group: list[re.Match[str]], words: list[str]) -> bool:
    """Words that may be a name misspelt: capitalised, before a level or a kind of agency, or in a Chinese
    question, and no English word the term table or this module knows (Change is no Changge)."""
    if any(_no_name(w) for w in words):
        return False
    end = group[-1].end()
    return all(w[:1].isupper() for w in words) or bool(_LEVEL_AFTER.match(text, end) or _KIND_AFTER.match(text, end)) \
        or bool(_CJK.search(text))  # pintan 2024年行政处罚: a Latin word in a Chinese question is a name


def _no_name(word: str) -> bool:
    """A word of the question, a level, a kind of agency, a word of the term table or a platform: no name."""
    from qa.normalize import ENGLISH

    low = word.lower()
    return low in NOT_NAMES or low in NOT_PLACES or low in KINDS or low in LEVELS or low in ENGLISH


def _fitting(places: set[str], level: str | None) -> set[str]:
    """The places a level said after the name fits (Shahe City: 沙河市, not 沙河区), or all when none does."""
    fit = {p for p in places if level and p.endswith(level)}
    return fit or places


def _key(phrase: str) -> str:
    return re.sub(r"[\s\-]+", " ", phrase.lower()).replace("high tech", "high-tech")


def _names(words: list[str]) -> bool:
    """Words that may be a name: a lone English word of the question (an, he) is no place unless capitalised."""
    if len(words) == 1:
        w = words[0]
        return w[:1].isupper() or w.lower() not in NOT_NAMES
    return all(w[:1].isupper() for w in words) or all(w.lower() not in NOT_NAMES for w in words)


@lru_cache(maxsize=1)
def _syllables() -> frozenset[str]:
    """Every pinyin syllable without its tone (pypinyin's own table: ~420)."""
    from pypinyin.pinyin_dict import pinyin_dict

    return frozenset(map(fold, {p for v in pinyin_dict.values() for p in v.split(",")}))  # ~1,500 written forms


@lru_cache(maxsize=4096)
def is_pinyin(word: str, least: int = 2) -> bool:
    """Whether the word is written as at least `least` pinyin syllables (Fuqing, Xiamen; not People, Bureau)."""
    word, syl = fold(word), _syllables()
    best = [0] + [-1] * len(word)  # the most syllables a split of word[:i] has, -1 for none
    for i in range(1, len(word) + 1):
        for j in range(max(0, i - 6), i):
            if best[j] >= 0 and word[j:i] in syl:
                best[i] = max(best[i], best[j] + 1)
    return best[-1] >= least


# English words and names of platforms that read as pinyin
NOT_PLACES = frozenset({"china", "chinese", "weibo", "douyin", "kuaishou", "toutiao", "taobao", "alibaba", "xinhua",
                        "renminbi", "yuan", "hukou"})
_LEVEL_OR_KIND = re.compile(r"[ \-]+(?:" + _alternation(w for w in {**LEVELS, **KINDS} if w not in ("shi", "xian", "qu"))
                            + r")(?![A-Za-z])" + _THING, re.I)
# joined to a name read already: 平潭 and Fuqing, Fuqing vs 平潭, compared with Fuqing
_JOINED_AFTER = re.compile(r"[\u4e00-\u9fff](?:['’]s)?[^\u4e00-\u9fffA-Za-z]*(?:and|or|vs\.?|versus|than|with|,|、)\s*$", re.I)
_JOINED_BEFORE = re.compile(r"^(?:['’]s)?\s*(?:and|or|vs\.?|versus|,|、)\s*[\u4e00-\u9fff]", re.I)


def _unknown(text: str) -> list[str]:
    """Fuqing City, Xiamen urban management bureau, 平潭 and Fuqing: a word in pinyin before a level or a kind
    of agency, or joined to a name read already, that no place of the index sounds like — a name, said, never
    dropped. (The index's own names were read as Chinese already.)"""
    out = []
    for m in _TOKEN.finditer(text):
        word = _POSSESSIVE.sub("", m.group())
        if _no_name(word):
            continue
        before_kind = _LEVEL_OR_KIND.match(text, m.end())
        if is_pinyin(word) and (before_kind or _JOINED_AFTER.search(text[:m.start()])
                                or _JOINED_BEFORE.match(text[m.end():])):
            out.append(word)
        elif before_kind and len(word) >= 4 and word[:1].isupper():  # Tsinan, Amoy: a name in an older spelling
            out.append(word)
    return list(dict.fromkeys(out))
