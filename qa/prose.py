"""Answers read from the reports' text: retrieval filtered to the agency, year and part a question names,
then the sentence that answers, not one near it: every sentence of the retrieved passages is scored by
the question's words (weighed by rarity), by the number and measure asked (多少条 wants a count in 条,
满意率多少 a percentage), and in part 五 by which half it is in (问题 vs 改进措施/下一步); the best
sentences come first, one per passage.

A question is out of the reports' scope when its content words (not the agency's name, not question
words) are mostly missing from the best passage, weighed by how rare each word is: an honest "not in
these reports" with the closest passages beats a confident wrong sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.keyword import PART_TITLES, normalize
from index.model import Passage
from qa.cite import passage as passage_citation, sentence as sentence_citations  # noqa: F401 - citations are built in qa.cite
from qa.retrieve import Retriever

GENERIC = frozenset({"报告", "年报", "年度", "单位", "情况", "工作", "政府", "信息", "政务", "本年", "全年", "开展",
                     "一下", "介绍", "说说", "主要", "有关", "相关", "方面", "具体", "什么样", "怎么样", "如何",
                     # how a question asks, not what about (下一年准备采取哪些改进措施, 工作上还有哪些不足)
                     "还有", "准备", "一年", "下一年", "承认", "采取", "哪些", "一共", "总共"})
_SENT = re.compile(r"(?<=[。！？!?])|\n")  # not at ；: a list of problems stays one sentence
_HEADING = re.compile(r"^[#\s]*[一二三四五六七八九十]+、")
MAX_SENTENCE = 150
MAX_LIST = 400  # a list the question asks for (一是…二是…三是…) runs on over sentences up to this length
ITEM_TITLE = 20  # a list item this short (三是继续加强业务指导培训。) is a title; its sentence follows
_LIST_GOES_ON = re.compile(r"^(?:其?[二三四五六七八九十]是|（[二三四五六七八九十]）|\([二三四五六七八九十]\)|[2-9][、.．]|"
                           r"第[二三四五六七八九十]|此外|另外|同时)")
COVERAGE = 0.5  # share of the question's content weight the best passage must hold
FETCH_PASSAGES = 8  # passages whose sentences are reranked for one report

# What a number is counted in: 多少条 → 条. Longest first (人次 before 次). A rate or share wants a percentage.
COUNTERS = ("人次", "万元", "余人", "条", "件", "项", "期", "次", "篇", "个", "人", "家", "场", "份", "批", "名", "部",
            "户", "天", "元", "起", "封", "场次", "个工作日")
# 哪几个方面 asks which, not how many
_ASK_COUNTER = re.compile(r"(?:多少|(?<!哪)几)\s*(" + "|".join(sorted(COUNTERS, key=len, reverse=True)) + ")")
_ASK_RATE = re.compile(r"(?:率|比例|比重|占比|百分之|百分比)")
_ASK_NUMBER = re.compile(r"多少|(?<!哪)几[个条件项期次篇人家场份批名部户天封]|数量|次数|人次|比例|百分|率是|率多")
_YEAR = re.compile(r"(?:19|20)\d\d\s*年")


def asks_number(question: str) -> bool:
    """多少条 / 几个 / 比例: the question wants a number (which a table row may state), not which or how."""
    return bool(_ASK_NUMBER.search(question))

# Part 五 has two halves: the problems, then the measures. A question asks for one of them.
_ASKS_MEASURES = re.compile(r"改进|措施|下一步|下步|下一年|今后|打算|计划|怎么改|如何改|整改|努力方向|准备")
_ASKS_PROBLEMS = re.compile(r"问题|不足|薄弱|短板|差距|不够|欠缺|缺点|承认|困难")
# the sentence where a report turns from its problems to its measures: a heading (（二）改进措施), 下一步 /
# 今后 / 2024年将 …, or a lead-in to the list of measures (从以下几个方面加以改进：)
_MEASURES_START = re.compile(r"下一步|下步|下一年|今后|改进措施|改进方向|整改措施|努力方向|工作打算|工作措施|工作计划|"
                             r"将从以下|将着力|将进一步|将继续|将采取|将重点|(?:19|20)\d\d年[^。]{0,8}(?:将|计划)|"
                             r"针对上述|针对以上|针对这些|针对存在|针对问题|针对不足|加以改进|进行改进|做好改进|予以改进|"
                             r"以下措施|如下措施")  # not 以下几个方面 alone: 存在的问题主要有以下几个方面
# what a sentence that names problems says (有待提高, 不够规范, 形式单一 …)
_NAMES_PROBLEMS = re.compile(r"有待|不够|不足|欠缺|薄弱|单一|不高|不强|不到位|不及时|不规范|不均衡|仍需|还需|需进一步|"
                             r"仍待|待提高|待加强|较少|偏低|滞后|差距|短板|问题")
_TURN_LEAD = 12  # a turn within this many characters of a sentence's start makes the sentence a measure

@dataclass
class Sentence:
    passage: Passage
    text: str
    score: float
    line: int  # the line the sentence starts on
    next_line: int | None = None  # a lead-in's continuation on the line after the passage
    next_text: str = ""
    figure: str | None = None  # the number the question asks for, with its unit, as the sentence states it
    half: str | None = None  # in part 五: "problems" or "measures"
    scope: str = ""  # the passage's text a list may run over: in part 五 only the half asked for


_HEADING_ONLY = re.compile(r"^[#\s]*[一二三四五六七八九十]+、[^。]{0,38}$")


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in _SENT.split(text) if x and x.strip()]


@dataclass
class Asked:
    """What kind of answer a question wants, read off its words."""

    number: bool = False  # 多少, 几 …: a sentence that states a number
    counter: str | None = None  # 多少条 → 条
    rate: bool = False  # 满意率多少 → a percentage
    half: str | None = None  # part 五: "problems" or "measures"
    listing: bool = False  # 哪些 …: a list, which may run over several sentences

    @classmethod
    def of(cls, query: str) -> Asked:
        m = _ASK_COUNTER.search(query)
        number = asks_number(query)
        rate = number and bool(_ASK_RATE.search(query))
        measures, problems = _ASKS_MEASURES.search(query), _ASKS_PROBLEMS.search(query)
        half = None if measures and problems else "measures" if measures else "problems" if problems else None
        listing = bool(re.search(r"哪些|哪几|有何|什么措施|什么问题", query))
        return cls(number=number, counter=m.group(1) if m else None, rate=rate, half=half, listing=listing)

    def _numbers(self, text: str) -> list[re.Match]:
        return list(re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(%|％|[\u4e00-\u9fff]{1,2})?", _YEAR.sub("", text)))

    def number_bonus(self, text: str) -> float:
        """How well the text states the number asked: the counter asked (808 条) counts most, any other
        number (not a year) a little."""
        if not self.number:
            return 0.0
        best = 0.0
        for m in self._numbers(text):
            unit = m.group(2) or ""
            if self.rate and unit in ("%", "％"):
                return 1.0
            if self.counter and unit.startswith(self.counter):
                return 1.0
            best = max(best, 0.3)
        return best

    def figure(self, text: str) -> str | None:
        """The number asked with its unit (808 条, 96.65%), when the text states it."""
        if not self.number:
            return None
        fallback = None
        for m in self._numbers(text):
            unit = m.group(2) or ""
            if (self.rate and unit in ("%", "％")) or (self.counter and unit.startswith(self.counter)):
                return m.group(1) + (self.counter if self.counter and unit.startswith(self.counter) else unit)
            fallback = fallback or m.group(1)
        return fallback if not self.counter and not self.rate else None


@dataclass
class ProseResult:
    sentences: list[Sentence]
    coverage: float
    terms: list[str]  # the content words of the question
    missing: list[str]  # content words no passage holds


class Prose:
    def __init__(self, retriever: Retriever, lines=None):
        """lines: FactStore.lines, to find the line a sentence starts on (passages skip blank lines)."""
        self.retriever = retriever
        self._lines = lines
        kw = retriever.keyword
        self._agency_terms = set(kw.fields.get("agency", {})) if hasattr(kw, "fields") else set()
        self._weights = kw.term_weights()  # computed once: term_weights() recomputes its tables on each call
        self._top = float(self._weights.max()) if len(self._weights) else 1.0
        self._five: dict[tuple, dict[str, list[str]]] = {}  # (doc, year) → passage id → half of each sentence

    def content_terms(self, query: str) -> list[tuple[str, float]]:
        """The question's words that say what it is about, with a weight (IDF; unknown words weigh most)."""
        kw = self.retriever.keyword
        weights, top = self._weights, self._top
        out = []
        for term, qw in kw.query_terms(query):
            if term in self._agency_terms or term in GENERIC or len(term) < 2 and not term.isdigit():
                continue
            tid = kw.vocab.get(term)
            out.append((term, qw * (float(weights[tid]) if tid is not None else top)))
        return out

    def find(self, query: str, agency: str | None = None, year: int | None = None, part: str | None = None,
             k: int = 3, distinct_agencies: bool = False) -> ProseResult:
        """The k sentences that best answer `query`, best first, one per passage (one per agency with
        distinct_agencies), from the reports the filters name."""
        terms = self.content_terms(query)
        asked = Asked.of(query)
        fetch = max(k * 4, FETCH_PASSAGES) if distinct_agencies else max(k * 2, FETCH_PASSAGES)
        res = self.retriever.search(query, k=fetch, agency=agency, year=year, part=part, kind="prose")
        hits = [(h.passage, h.score) for h in res.hits]
        if agency and asked.half and (part in (None, "五")):
            hits += [(q, 0.0) for q in self._part_passages(hits, "五") if q.id not in {p.id for p, _ in hits}]
        scored: list[Sentence] = []
        for rank, (p, score) in enumerate(hits):
            s = self._best_sentence(p, terms, asked, rank, self._halves(p) if asked.half else None)
            if s:
                scored.append(s)
        if asked.half and any(s.half == asked.half for s in scored):
            # part 五's other half answers another question: 问题 are not 改进措施
            scored = [s for s in scored if s.half in (None, asked.half)]
        scored.sort(key=lambda s: -s.score)
        sentences: list[Sentence] = []
        seen: set[str] = set()
        for s in scored:
            p = s.passage
            if distinct_agencies and (p.agency or p.doc) in seen:
                continue
            seen.add(p.agency or p.doc)
            s.line = self._line_of(p, s.text)
            self._continue(s)
            sentences.append(s)
            if len(sentences) >= k:
                break
        total = sum(w for _, w in terms)
        coverage = 1.0
        missing: list[str] = []
        if terms and sentences and total:
            covs = [sum(w for t, w in terms if t in normalize(s.passage.text)) / total for s in sentences]
            coverage = max(covs)
            if asked.half and sentences[0].half == asked.half:
                coverage = 1.0  # the half of part 五 the question asks for answers it, whatever its words
            missing = [t for t, _ in terms if not any(t in normalize(s.passage.text) for s in sentences)]
        elif terms:
            coverage, missing = 0.0, [t for t, _ in terms]
        return ProseResult(sentences, coverage, [t for t, _ in terms], missing)

    # ------------------------------------------------------------ part 五: problems, then measures
    def _part_passages(self, hits: list[tuple[Passage, float]], part: str) -> list[Passage]:
        """Every prose passage of the part in the reports the hits come from (part 五 is a few passages:
        the half a question asks for may share none of its words)."""
        docs = list(dict.fromkeys(p.doc for p, _ in hits))[:1]
        if not docs:
            return []
        rows = self.retriever.db.execute(
            "select pidx from passages where doc = ? and part = ? and kind = 'prose' order by pidx",
            [docs[0], part]).fetchall()
        found = self.retriever.passages([r[0] for r in rows])
        return [found[r[0]] for r in rows if r[0] in found]

    def _halves(self, p: Passage) -> list[str] | None:
        """For a passage of part 五: "problems" or "measures" for each of its sentences (as _sentences cuts
        them), read in the order of the whole part: the measures start at the first sentence that turns to
        them (下一步, 今后, 改进措施 …) and run to the end."""
        if p.part != "五":
            return None
        key = (p.doc, p.year)
        if key not in self._five:
            rows = self.retriever.db.execute(
                "select id, text from passages where doc = ? and part = '五' and kind = 'prose' order by pidx",
                [p.doc]).fetchall()
            halves = dict(zip([pid for pid, _ in rows], mark_halves([text for _, text in rows])))
            self._five[key] = halves
        return self._five[key].get(p.id)

    def _continue(self, s: Sentence) -> None:
        """A lead-in that ends its passage (…着重从以下三方面做好政务公开工作：): the next line says what."""
        if self._lines is None or not s.text.endswith(("：", ":")) or not s.passage.text.rstrip().endswith(s.text):
            return
        end = s.passage.line_end
        nxt = self._lines([(s.passage.doc, end + 1, end + 3)])
        for ln in range(end + 1, end + 4):
            t = (nxt.get((s.passage.doc, ln)) or "").strip()
            if t and not _HEADING.match(t):
                s.next_line, s.next_text = ln, t[:MAX_SENTENCE]
                return

    def _line_of(self, p: Passage, text: str) -> int:
        if self._lines is None:
            return p.line_start
        lines = self._lines([(p.doc, p.line_start, p.line_end)])
        head = text[:10]
        for ln in range(p.line_start, p.line_end + 1):
            if head in re.sub(r"\s+", "", lines.get((p.doc, ln), "")) or head in lines.get((p.doc, ln), ""):
                return ln
        return p.line_start

    @staticmethod
    def _best_sentence(p: Passage, terms: list[tuple[str, float]], asked: Asked, rank: int,
                       halves: list[str] | None = None) -> Sentence | None:
        parts = _sentences(p.text)
        if not parts:
            return None
        top = max((w for _, w in terms), default=1.0)
        best_i, best = -1, float("-inf")
        for i, sent in enumerate(parts):
            if _HEADING_ONLY.match(sent):
                continue  # a part's title: 五、存在的主要问题及改进情况 says nothing
            norm = normalize(sent)
            score = sum(w for t, w in terms if t in norm)
            score += top * asked.number_bonus(sent)
            if halves is not None and i < len(halves) and asked.half:
                score += top * (1.0 if halves[i] == asked.half else -2.0)
                if asked.half == "problems" == halves[i] and _NAMES_PROBLEMS.search(sent):
                    score += 0.5 * top  # the sentence that names them, not the one that says there are some
            if score > best:
                best_i, best = i, score
        if best_i < 0:
            return None
        text = parts[best_i]
        half = halves[best_i] if halves is not None and best_i < len(halves) else None
        same_half = lambda j: halves is None or not asked.half or j >= len(halves) or halves[j] == asked.half  # noqa: E731
        j = best_i + 1
        while len(text) < 40 and j < len(parts) and same_half(j):  # a lead-in (…存在一些不足和问题。): what follows
            text += parts[j]
            j += 1
        limit = MAX_SENTENCE
        if asked.half or asked.listing:  # 一是…二是…。三是…: a list runs on over its sentences
            text, j = _list_through(text, parts, j, same_half)
            limit = MAX_LIST
        if len(text) > limit:
            text = _window(text, terms, asked, limit)
        if asked.half == "problems" == half:
            text = _before_turn(text)
        scope = _half_of(p.text, parts, halves, asked.half) if halves is not None and asked.half else p.text
        # retrieval order breaks ties and nudges: the sentence decides, the passage's rank only leans
        return Sentence(p, text, best - 0.01 * top * rank, p.line_start, figure=asked.figure(text), half=half,
                        scope=scope)


def mark_halves(texts: list[str]) -> list[list[str]]:
    """"problems" or "measures" for each sentence (as _sentences cuts them) of part 五's passages, in order:
    the measures start at the first sentence that turns to them (a heading such as （二）改进措施, 下一步,
    今后, 2024年将 …) and run to the end; a sentence that names the problems and then turns (…等方面问题，
    从以下几个方面加以改进：) stays with the problems, and what follows it is the measures."""
    out, half = [], "problems"
    for text in texts:
        marks = []
        for sent in _sentences(text):
            marks.append(half)
            if half == "problems" and not _HEADING_ONLY.match(sent):
                turn = _MEASURES_START.search(sent)
                if turn and (turn.start() <= _TURN_LEAD or not _NAMES_PROBLEMS.search(sent[:turn.start()])):
                    marks[-1] = half = "measures"
                elif turn:
                    half = "measures"
        out.append(marks)
    return out


def _turn_at(text: str) -> int | None:
    """Where a text that names the problems turns to the measures (…等方面问题，从以下几个方面加以改进：):
    the clause break before the turn, or None."""
    turn = _MEASURES_START.search(text, _TURN_LEAD)
    if not turn or not _NAMES_PROBLEMS.search(text[:turn.start()]):
        return None
    cut = max(text.rfind(c, 0, turn.start()) for c in "，,；;。")
    return cut if cut > _TURN_LEAD else None


def _before_turn(text: str) -> str:
    cut = _turn_at(text)
    return text if cut is None else text[:cut]


def _half_of(text: str, parts: list[str], halves: list[str], half: str) -> str:
    """The stretch of a passage's text whose sentences are in the half of part 五 asked for (the halves
    follow one another, so it is one stretch); the part's title stays with the problems."""
    start = end = None
    at = 0
    for sent, h in zip(parts, halves):
        i = text.find(sent, at)
        if i < 0:
            continue
        at = i + len(sent)
        if h == half:
            start = i if start is None else start
            cut = _turn_at(sent) if half == "problems" else None
            end = at if cut is None else i + cut  # up to the clause break before the turn
    return text[start:end] if start is not None else ""


def _list_through(text: str, parts: list[str], j: int, same_half) -> tuple[str, int]:
    """A list that goes on after `text`: through its last item (一是…二是…。详述。三是…) in the same half
    of part 五. Within MAX_LIST the sentences are quoted whole; a longer list is quoted by each item's
    first clause, joined by …, so every item is named."""
    last = None
    k = j
    while k < len(parts) and same_half(k) and not _HEADING_ONLY.match(parts[k]):
        if _LIST_GOES_ON.match(parts[k]):
            last = k
        elif k > j + 2 and last is None:
            break  # two sentences and no next item: the list is over
        k += 1
    if last is None:
        return text, j
    # the last item only titled (三是继续加强业务指导培训。): what it means is said in the next sentence
    if (len(parts[last]) <= ITEM_TITLE and last + 1 < len(parts) and same_half(last + 1)
            and not _HEADING_ONLY.match(parts[last + 1]) and not _HEADING.match(parts[last + 1])):
        last += 1
    whole = text + "".join(parts[j:last + 1])
    if len(whole) <= MAX_LIST:
        return whole, last + 1
    heads = [re.split(r"(?<=[，,；;。])", x)[0] for x in parts[j:last + 1] if _LIST_GOES_ON.match(x)]
    return text + "…" + "…".join(heads), last + 1


def _window(text: str, terms: list[tuple[str, float]], asked: Asked | None = None,
            limit: int = MAX_SENTENCE) -> str:
    """The clauses of a long sentence around the one that holds most of the question's words (and the
    number asked, when the question asks for one)."""
    clauses = [c for c in re.split(r"(?<=[，,；;：:])", text) if c]
    top = max((w for _, w in terms), default=1.0)
    scores = [sum(w for t, w in terms if t in normalize(c)) + (top * asked.number_bonus(c) if asked else 0.0)
              for c in clauses]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    lo, hi = best, best + 1
    while True:
        grown = False
        if lo > 0 and len("".join(clauses[lo - 1:hi])) <= limit:
            lo, grown = lo - 1, True
        if hi < len(clauses) and len("".join(clauses[lo:hi + 1])) <= limit:
            hi, grown = hi + 1, True
        if not grown:
            break
    return "".join(clauses[lo:hi])[:limit].rstrip("，,；;：:")


def part_title(part: str | None) -> str:
    return f"{part}、{PART_TITLES[part]}" if part in PART_TITLES else "正文"


def sentence_text(s: Sentence) -> str:
    return s.text + s.next_text


def coverage_ok(result: ProseResult) -> bool:
    return bool(result.sentences) and (not result.terms or result.coverage >= COVERAGE)

