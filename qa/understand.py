"""Reading a question: question → Plan (operation, measure, agencies, years, comparison, n, defaults).

Deterministic: words from qa.lexicon, agency names from qa.agencies.AgencyFinder, operations from the
regular expressions below. Reading order: cap and normalise the text; take out years, agency names and
measure words (so 行政审批服务局 never reads as 行政许可); what is left says the operation. A follow-up
(那行政许可呢？ 前五名呢 济南呢) is merged into the previous plan by qa.context.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from qa.agencies import AgencyFinder
from qa.cnnum import NUMBER, parse_number
from qa.lexicon import COLUMN_GROUPS, Measure, default_columns, items, measure, mentions

MAX_CHARS = 200

Operation = Literal["value", "max", "min", "top", "bottom", "rank", "sum", "avg", "count", "filter", "compare",
                    "change", "findings", "corpus", "prose", "mixed", "invalid", "out_of_scope"]
AGGREGATES = {"max", "min", "top", "bottom", "rank", "sum", "avg", "count", "filter"}


class Comparison(BaseModel):
    op: Literal[">", ">=", "<", "<=", "==", "!="]
    value: float
    text: str  # as the question put it: 超过100件

    def words(self) -> str:
        return {">": "大于", ">=": "不少于", "<": "少于", "<=": "不超过", "==": "等于", "!=": "不等于"}[self.op] + \
            _fmt(self.value)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


class Plan(BaseModel):
    """How a question was read; the engine executes it."""

    question: str  # as asked (capped)
    text: str = ""  # normalised
    operation: Operation = "out_of_scope"
    item: str | None = None
    column: str | None = None
    column_explicit: bool = False
    item_word: str | None = None  # the words of the question that named the item and the column
    column_word: str | None = None
    extra_items: list[str] = Field(default_factory=list)  # 行政处罚和行政许可: more measures (value/compare)
    column_words: list[str] = Field(default_factory=list)  # column keys named without an item ("table:col")
    agencies: list[str] = Field(default_factory=list)
    agency_mentions: list[str] = Field(default_factory=list)
    candidates: list[str] = Field(default_factory=list)  # an ambiguous name: the agencies it may mean
    ambiguous_mention: str | None = None
    kind: str | None = None  # 城管局: only agencies of this kind
    kind_agencies: list[str] = Field(default_factory=list)
    unknown_agency: str | None = None
    years: list[int] = Field(default_factory=list)
    all_years: bool = False  # 历年 / 各年: every year, not the latest
    comparison: Comparison | None = None
    absent_only: bool = False  # 哪些单位没有提供…: reports lacking the measure
    n: int | None = None
    order: Literal["desc", "asc"] = "desc"
    change: bool = False
    corpus_what: Literal["agencies", "count", "years", "overview"] | None = None
    prose: bool = False  # asks for text (存在哪些问题, 如何开展)
    part: str | None = None  # the report part the prose question points at
    prose_text: str = ""  # the question without agency names, for retrieval
    pronoun: bool = False  # 它 / 该单位: the agency of the previous answer
    followup: bool = False
    beyond: str | None = None  # 全国 / 全省: a scope no set of agency reports covers
    op_explicit: bool = True  # the question said the operation (最多, 前三, 合计 …), not a default
    bare_op: str | None = None  # operation words in a question with no measure (前五名呢, 最少的呢)
    defaults: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)

    def measure(self, item: str | None = None) -> Measure | None:
        item = item or self.item
        return measure(item, self.column) if item and self.column else None


# ---------------------------------------------------------------- words of operations
def _rx(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words))


RE_TOPN = re.compile(rf"(?:排名前|排前|前|top|最多的|最高的|最大的)({NUMBER})(?:名|个|位|家|强|单位)?", re.I)
RE_BOTTOMN = re.compile(rf"(?:倒数前|倒数|后|最少的|最低的|最小的|末)({NUMBER})(?:名|个|位|家|单位)?")
RE_MAX = _rx("最多", "最高", "最大", "第一名", "排第一", "排名第一", "居首", "之最", "最靠前", "最前")
RE_MIN = _rx("最少", "最低", "最小", "倒数第一", "垫底", "末位", "最靠后")
RE_RANK = _rx("排名", "排序", "排行", "名次", "从高到低", "从低到高", "从多到少", "从少到多", "从大到小", "从小到大",
              "依次", "各单位", "各个单位", "每个单位", "每家", "所有单位", "全部单位", "分别", "一览", "列出", "列表",
              "各局", "各部门", "各机关", "哪些单位", "都是多少", "各是多少", "各多少")
RE_ASC = _rx("从低到高", "从少到多", "从小到大", "升序", "由低到高", "由少到多")
RE_SUM = _rx("总共", "合计", "一共", "总和", "加起来", "共计", "累计", "总量", "汇总", "加总", "总计(?:是|为|有)?多少",
             "总数")
RE_AVG = _rx("平均", "均值", "人均")
RE_COUNT = re.compile(r"(?:几|多少)(?:个|家|所)(?:单位|机关|部门|局)?|单位数|多少单位")
RE_COMPARE = _rx("比较", "对比", "相比", "哪个多", "哪个少", "哪个高", "哪个低", "哪家多", "谁多", "谁少", "谁高",
                 "差多少", "相差", "差距", "多多少", "少多少", "差了多少", "比.{0,12}(?:多|少|高|低)")
RE_CHANGE = _rx("比上年", "较上年", "比去年", "较去年", "比上一年", "较上一年", "同比", "上年相比", "与上年", "和上年",
                "增减", "增/减", "增长", "增加", "减少", "下降", "上升", "变化", "变动", "环比", "增幅", "降幅",
                "多了", "少了")
RE_FINDINGS = _rx("勾稽", "不一致", "不平衡", "对不上", "不相符", "不符", "矛盾", "数据有问题", "数据问题",
                  "有问题的数据", "数据.{0,4}错", "核对", "校验", "算错", "出错", "错误", "平衡关系", "是否平衡",
                  "自相矛盾", "前后不一")
RE_CORPUS_AGENCIES = re.compile(r"(?:有哪些|哪些|多少|几)(?:个|家)?(?:单位|机关|部门)|单位(?:列表|清单|名单)|"
                                r"(?:收录|包含|涵盖|覆盖)了?(?:哪些|多少|几个)?(?:单位|机关)?|谁的报告")
RE_CORPUS_COUNT = re.compile(r"(?:几|多少)(?:份|篇|个)?(?:报告|年报)|报告(?:数量|数目|总数)|报告(?:列表|清单|目录)")
RE_CORPUS_OVERVIEW = re.compile(r"总体情况|整体情况|概况|概览|总览|总体上|总的来看|大致情况")
RE_CORPUS_YEARS = re.compile(r"(?:哪些|哪几|几个|什么)年份?|年份|哪几年|哪一年的|覆盖.{0,6}年")
RE_PROSE = _rx("存在(?:哪些|什么|的)?(?:主要)?(?:问题|不足)", "哪些问题", "什么问题", "主要问题", "问题", "不足",
               "改进", "措施", "下一步", "做法", "经验", "如何", "怎么", "怎样", "哪些工作", "举措", "亮点",
               "情况如何", "做了什么", "做了哪些", "原因", "为什么", "怎么回事", "内容", "哪些方面", "工作情况")
PART_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (_rx("问题", "不足", "改进", "下一步", "整改", "薄弱", "短板", "差距"), "五"),
    (_rx("其他需要报告", "其他事项", "其他需报告"), "六"),
    (_rx("总体情况", "整体情况", "概况", "基本情况"), "一"),
)
RE_ALL_YEARS = _rx("历年", "各年", "每年", "按年", "逐年", "每一年", "各年度", "历年来", "分年度", "按年度", "所有年份",
                   "各个年份", "哪一年", "哪年")
RE_BEYOND = _rx("全国", "全省", "全中国", "国家层面", "全社会", "各省", "所有省")
RE_PRONOUN = _rx("它", "该单位", "这个单位", "这家单位", "该局", "这个局", "这家", "其报告", "他们", "该机关")
RE_FOLLOWUP = re.compile(r"呢[？?。！!]*$|^(?:那|那么|再|还有|换成|改成|改为|如果是|要是|看看)")
RE_ABSENT = _rx("没有提供", "未提供", "没提供", "没有数据", "无数据", "没数据", "缺少", "缺失", "没有填", "未填",
                "没填", "没有填报", "未填报", "没有报", "漏报", "空缺")
RE_NEGATION = re.compile(r"(?:没有|没|未|无)(?:收到|发生|作出|做出|办理|受理|任何)?$")
RE_ZERO = _rx("为0", "为零", "是0", "是零", "等于0", "等于零", "零件", "0件", "为空")

_CMP_WORDS = [
    ("大于等于", ">="), ("不少于", ">="), ("不低于", ">="), ("不小于", ">="), ("至少", ">="), ("达到", ">="),
    ("小于等于", "<="), ("不超过", "<="), ("不多于", "<="), ("不大于", "<="), ("至多", "<="), ("最多只有", "<="),
    ("大于", ">"), ("超过", ">"), ("多于", ">"), ("高于", ">"), ("多过", ">"), ("超出", ">"), ("过", ">"),
    ("小于", "<"), ("少于", "<"), ("低于", "<"), ("不到", "<"), ("不足", "<"),
    ("等于", "=="), ("是", "=="), ("为", "=="), ("有", "=="),
]
_UNIT = r"(?:件|项|个|万元|元|次|条|家)?"
RE_CMP = re.compile("(" + "|".join(w for w, _ in _CMP_WORDS) + rf")\s*({NUMBER}){_UNIT}\s*(以上|及以上|或以上|以下|及以下|或以下)?")
RE_CMP_TAIL = re.compile(rf"({NUMBER}){_UNIT}\s*(以上|及以上|或以上|以下|及以下|或以下)")
RE_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:年度|年)?")
RE_YEAR_RANGE = re.compile(r"((?:19|20)\d\d)\s*(?:年度|年)?\s*(?:至|到|-|—|~|－)\s*((?:19|20)\d\d)\s*(?:年度|年)?")
RE_CJK = re.compile(r"[\u3400-\u9fff]")
RE_PLACE = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:省|市|县|区|州|旗|盟))")
NOT_PLACES = {"城市", "都市", "超市", "城区", "市区", "地区", "社区", "小区", "园区", "辖区", "景区", "县区", "区县",
              "省市", "市县", "全市", "全县", "全区", "本市", "本县", "本区", "各区", "各县", "各市", "我市", "我县",
              "我区", "该市", "该县", "该区", "城市区", "校区", "片区", "街区", "新区", "开发区", "自治区", "行政区",
              "政区", "山区", "灾区", "湾区", "营商区", "市州", "全州", "本州"}
NAME_STOP = set("哪个各每全本该这那其某的和与及或是有在比跟同对给从问请看查个")


def normalize(question: str) -> str:
    """NFKC (full-width digits and letters), no spaces, lower-case Latin."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", question)).lower()


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            chars[i] = "＿"
    return "".join(chars)


class Reader:
    """Reads questions against one index: its agencies and which keys it holds (for default columns)."""

    def __init__(self, agencies: list[str], has_key: Callable[[str], bool], years: list[int]):
        self.finder = AgencyFinder(agencies)
        self.has_key = has_key
        self.years = years

    # ------------------------------------------------------------ the whole reading
    def read(self, question: str) -> Plan:
        asked = question.strip()
        plan = Plan(question=asked[:MAX_CHARS])
        if not asked:
            plan.operation = "invalid"
            plan.notes.append("问题是空的")
            return plan
        if len(asked) > MAX_CHARS:
            plan.notes.append(f"问题超过{MAX_CHARS}字，只读了前{MAX_CHARS}字")
        text = normalize(asked[:MAX_CHARS])
        plan.text = text
        if not RE_CJK.search(text):
            plan.operation = "invalid"
            plan.notes.append("问题中没有汉字")  # the answer itself asks for Chinese: say only why
            return plan

        spans: list[tuple[int, int]] = []
        self._years(plan, text, spans)
        self._agencies(plan, text, spans)
        plan.prose_text = re.sub("＿+", " ", _mask(text, spans)).strip() or text  # for retrieval: no names
        rest = _mask(text, spans)
        self._measure(plan, rest, spans)
        rest = _mask(text, spans)
        self._operation(plan, rest)
        m = RE_BEYOND.search(rest)
        if m and plan.item:
            plan.beyond = m.group()
        return plan

    # ------------------------------------------------------------ parts of the reading
    def _years(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        for m in RE_YEAR_RANGE.finditer(text):
            a, b = sorted((int(m.group(1)), int(m.group(2))))
            plan.years += list(range(a, b + 1))
            spans.append(m.span())
        masked = _mask(text, spans)
        for m in RE_YEAR.finditer(masked):
            plan.years.append(int(m.group(1)))
            spans.append(m.span())
        plan.years = sorted(set(plan.years))
        if RE_ALL_YEARS.search(text):
            plan.all_years = True

    def _agencies(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        masked = _mask(text, spans)
        for s in self.finder.spans(masked):
            spans.append((s.start, s.end))
            if len(s.agencies) == 1:
                if s.agencies[0] not in plan.agencies:
                    plan.agencies.append(s.agencies[0])
                    plan.agency_mentions.append(s.mention)
            else:
                plan.candidates = sorted(set(plan.candidates) | set(s.agencies))
                plan.ambiguous_mention = s.mention
        masked = _mask(text, spans)
        for s in self.finder.kind_spans(masked):
            prefix = self._name_prefix(masked, s.start)
            if prefix:  # 北京城管局: a place we do not hold
                plan.unknown_agency = prefix + s.mention
            elif not plan.agencies:
                plan.kind = s.mention
                plan.kind_agencies = s.agencies
            spans.append((s.start, s.end))
        if not plan.agencies and not plan.unknown_agency:
            masked = _mask(text, spans)
            for m in RE_PLACE.finditer(masked):
                place = m.group(1)
                # trim leading question words: 哪个区 is no place
                while place and place[0] in NAME_STOP:
                    place = place[1:]
                if len(place) >= 3 and place not in NOT_PLACES and place[-3:] not in NOT_PLACES and \
                        place[-2:] not in NOT_PLACES:
                    plan.unknown_agency = place
                    spans.append(m.span())
                    break
        if RE_PRONOUN.search(_mask(text, spans)):
            plan.pronoun = True

    @staticmethod
    def _name_prefix(text: str, start: int) -> str:
        """The place-like words right before a kind word (北京 in 北京城管局), or ''."""
        i = start
        while i > 0 and start - i < 6 and RE_CJK.match(text[i - 1]) and text[i - 1] not in NAME_STOP:
            i -= 1
        prefix = text[i:start]
        return prefix if len(prefix) >= 2 else ""

    def _measure(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        found = mentions(text)
        item_hits = [m for m in found if m.kind == "item"]
        item_ids = list(dict.fromkeys(m.target for m in item_hits))
        # "申请" is also the noun of every row of 三: 不予公开的申请 asks for 不予公开, not for 新收
        generic_new = {"申请", "申请数", "申请数量", "申请量", "申请件"}
        if "apply.new" in item_ids and len(item_ids) > 1 and all(
                m.word in generic_new for m in item_hits if m.target == "apply.new"):
            item_ids.remove("apply.new")
        used_items = [m for m in item_hits if m.target in item_ids]
        spans += [(m.start, m.end) for m in used_items]
        if item_ids:
            plan.item = item_ids[0]
            plan.item_word = next(m.word for m in used_items if m.target == plan.item)
            plan.extra_items = item_ids[1:]
        cols = [m for m in found if m.kind == "column"]
        chosen: str | None = None
        if plan.item:
            item = items()[plan.item]
            for m in cols:
                table, col = m.target.split(":")
                if table == item.table and (col in item.columns or col in COLUMN_GROUPS):
                    if measure(plan.item, col) is not None:
                        if chosen is None:
                            chosen, plan.column_word = col, m.word
                        spans.append((m.start, m.end))
        else:
            plan.column_words = list(dict.fromkeys(m.target for m in cols))
        if chosen:
            plan.column, plan.column_explicit = chosen, True
        elif plan.item:
            self.default_column(plan)
        if plan.item and any(m.word in generic_new for m in item_hits if m.target == "apply.new") and \
                plan.item == "apply.new":
            plan.defaults.append("「申请」按本年新收政府信息公开申请数量")

    def default_column(self, plan: Plan) -> None:
        """The column a question that names only the item means: the first default the index holds."""
        options = default_columns(plan.item)
        chosen = next((c for c in options if (m := measure(plan.item, c)) and any(self.has_key(k) for k in m.all_keys)),
                      options[0])
        plan.column, plan.column_explicit = chosen, False
        item = items()[plan.item]
        m = measure(plan.item, chosen)
        if len(item.columns) > 1 and m:
            col_label = m.label.split(" · ", 1)[1]
            what = "申请人类别" if item.table == "apply" else "结果" if item.table == "review" else "列"
            plan.defaults.append(f"未指明{what}，按「{col_label}」")
        if item.is_group:
            plan.defaults.append(f"「{item.words[0] if item.words else item.label}」为各小项之和")

    def _operation(self, plan: Plan, rest: str) -> None:
        has_measure = plan.item is not None
        self._comparison(plan, rest)
        if RE_ASC.search(rest):
            plan.order = "asc"
        plan.change = bool(RE_CHANGE.search(rest)) or (plan.column == "change" and plan.column_explicit)
        prose_cue = bool(RE_PROSE.search(rest))
        for rx, part in PART_HINTS:
            if rx.search(rest):
                plan.part = part
                break
        n_top, n_bottom = RE_TOPN.search(rest), RE_BOTTOMN.search(rest)
        is_max, is_min = bool(RE_MAX.search(rest)), bool(RE_MIN.search(rest))
        if RE_FINDINGS.search(rest) and not (has_measure and plan.comparison):
            plan.operation = "findings"
            return
        if not has_measure:
            if n_top or n_bottom:
                m = n_bottom if n_bottom and (not n_top or n_bottom.start() < n_top.start()) else n_top
                n = parse_number(m.group(1))
                plan.n = int(n) if n else None
                plan.bare_op = "bottom" if m is n_bottom else "top"
            elif is_max or is_min:
                plan.bare_op = "max" if is_max else "min"
            elif RE_AVG.search(rest):
                plan.bare_op = "avg"
            elif RE_SUM.search(rest):
                plan.bare_op = "sum"
            elif RE_RANK.search(rest):
                plan.bare_op = "rank"
            if plan.column_words and (is_max or is_min or n_top or n_bottom or RE_RANK.search(rest) or plan.comparison):
                plan.operation = "rank"  # a column without its item: the engine offers the items
                return
            if not plan.agencies and not plan.candidates:
                if RE_CORPUS_OVERVIEW.search(rest):
                    plan.corpus_what = "overview"
                elif RE_CORPUS_COUNT.search(rest):
                    plan.corpus_what = "count"
                elif RE_CORPUS_YEARS.search(rest) and not prose_cue:
                    plan.corpus_what = "years"
                elif RE_CORPUS_AGENCIES.search(rest) and not prose_cue:
                    plan.corpus_what = "agencies"
                if plan.corpus_what:
                    plan.operation = "corpus"
                    return
            plan.operation = "prose"
            plan.prose, plan.op_explicit = True, False
            return
        if prose_cue and (is_max or is_min or n_top or n_bottom) and not plan.agencies:
            plan.operation = "mixed"
            plan.prose = True
            plan.order = "asc" if is_min and not is_max else "desc"
            return
        if len(plan.agencies) >= 2:
            plan.operation = "compare"
            return
        if len(plan.years) >= 2 and plan.agencies and not plan.all_years:
            plan.operation = "change"
            return
        if plan.change and (plan.agencies or plan.pronoun) and not plan.comparison:
            plan.operation = "change"
            return
        if plan.comparison or plan.absent_only:
            plan.operation = "count" if RE_COUNT.search(rest) else "filter"
            return
        if n_top or n_bottom:
            m = n_bottom if n_bottom and (not n_top or n_bottom.start() < n_top.start()) else n_top
            n = parse_number(m.group(1))
            plan.n = int(n) if n else None
            plan.operation = "bottom" if m is n_bottom else "top"
            return
        if plan.change and not plan.agencies:
            # 哪个单位增加最多: rank by the change
            plan.operation = "min" if (is_min or re.search("减少|下降", rest)) and not is_max else "max" \
                if (is_max or is_min) else "rank"
            return
        if is_max or is_min:
            plan.operation = "max" if is_max and not (is_min and rest.find("最少") < rest.find("最多")) else "min"
            if is_max and is_min:
                plan.operation = "max" if rest.find("最多") >= 0 and (rest.find("最少") < 0 or
                                                                     rest.find("最多") < rest.find("最少")) else "min"
            return
        if RE_AVG.search(rest):
            plan.operation = "avg"
            return
        if RE_SUM.search(rest) and not plan.agencies:
            plan.operation = "sum"
            return
        if RE_COUNT.search(rest) and not plan.agencies:
            plan.operation = "count"
            return
        if plan.agencies or plan.candidates or plan.pronoun or plan.unknown_agency:
            plan.operation = "sum" if plan.all_years and RE_SUM.search(rest) else "value"
            plan.op_explicit = plan.operation == "sum"
            return
        if plan.kind and len(plan.kind_agencies) == 1:
            plan.agencies = list(plan.kind_agencies)
            plan.operation, plan.op_explicit = "value", False
            return
        if plan.kind and not RE_RANK.search(rest):  # 城管局行政处罚多少: which 城管局?
            plan.candidates, plan.ambiguous_mention = list(plan.kind_agencies), plan.kind
            plan.operation, plan.op_explicit = "value", False
            return
        if RE_RANK.search(rest):
            plan.operation = "rank"
            return
        # a measure and nothing else: every agency's value, as a ranking (said in the reading)
        plan.operation, plan.op_explicit = "rank", False
        plan.defaults.append("未指明单位或比较方式，列出全部单位")

    def _comparison(self, plan: Plan, rest: str) -> None:
        if RE_ABSENT.search(rest):
            plan.absent_only = True
            return
        m = RE_CMP.search(rest)
        if m and not re.match(r"前|后", rest[max(0, m.start() - 1):m.start()]):
            word, num, tail = m.group(1), m.group(2), m.group(3)
            op = dict(_CMP_WORDS)[word]
            if tail and op == "==":  # 有100件以上 / 为10件以下
                op = ">=" if "上" in tail else "<="
            elif tail and op in (">", "<"):
                op = ">=" if "上" in tail else "<="
            value = parse_number(num)
            if value is not None and (op != "==" or word in ("等于", "为", "是") or tail):
                plan.comparison = Comparison(op=op, value=value, text=m.group(0))
                return
        m = RE_CMP_TAIL.search(rest)
        if m:
            value = parse_number(m.group(1))
            if value is not None:
                plan.comparison = Comparison(op=">=" if "上" in m.group(2) else "<=", value=value, text=m.group(0))
                return
        if RE_ZERO.search(rest):
            plan.comparison = Comparison(op="==", value=0, text=RE_ZERO.search(rest).group(0))
            return
        # 没有收到申请的单位 / 没有行政处罚的: a negation right before the measure word
        if plan.item and re.search(r"(?:没有|没|未|无)(?:收到|发生|作出|做出|办理|受理|任何|过)?＿", rest) and \
                re.search(r"哪些|哪个|几个|多少个|单位|有没有", rest):
            plan.comparison = Comparison(op="==", value=0, text="没有")



def is_followup(text: str) -> bool:
    return bool(RE_FOLLOWUP.search(text))
