"""Reading a question: question → Plan (operation, measure, agencies, years, comparison, n, defaults).

Deterministic: words from qa.lexicon, agency names from qa.agencies.AgencyFinder, operations from the
regular expressions below. Reading order: cap and normalise the text; take out years, agency names and
measure words (so 行政审批服务局 never reads as 行政许可); what is left says the operation. A follow-up
(那行政许可呢？ 前五名呢 济南呢) is merged into the previous plan by qa.context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from qa.agencies import RE_GOVERNMENT_AFTER, AgencyFinder, names_department, names_government
from qa.cnnum import NUMBER, parse_number
from qa.latin import read_latin
from qa.nicknames import read_nicknames
from qa.normalize import english_terms, normalize
from qa.places import bare_place_names
from qa.relyears import RelativeYear
from qa.relyears import find as find_relative
from qa.relyears import is_relative_note
from qa.relyears import resolve as resolve_relative
from qa.untracked import untracked_asked
from qa.lexicon import (COLUMN_GROUPS, COMPARISON_WORDS, OPERATION_WORDS, PART_WORDS, RE_MONEY, SAYING_WORDS,
                        SHARE_DENOMINATORS, Measure, default_columns, items, measure, mentions, sound_alike)

MAX_CHARS = 200

Operation = Literal["value", "max", "min", "top", "bottom", "rank", "sum", "avg", "count", "filter", "compare",
                    "change", "findings", "corpus", "prose", "mixed", "invalid", "out_of_scope", "share", "nth",
                    "breakdown", "compare_measures", "sum_measures", "change_by_year", "fact_text", "gaps"]
AGGREGATES = {"max", "min", "top", "bottom", "rank", "sum", "avg", "count", "filter"}


# 发布会, 发布厅, 发布栏: the word ends no column, it names a thing (but 商业企业栏 / 总计栏 is the column itself)
_NAME_GOES_ON = re.compile(r"[会厅台]|(?<=发布)栏")

class Comparison(BaseModel):
    op: Literal[">", ">=", "<", "<=", "==", "!=", "between"]
    value: float
    text: str  # as the question put it: 超过100件
    high: float | None = None  # between: the upper bound, both bounds included (在100到1000件之间)
    have: bool = False  # asked as 有没有 / …了没有: answered 有 / 没有 (kept when a follow-up reuses it)
    average: bool = False  # 高于平均值: the value is the scope's own average, computed when the filter runs
    rate: bool = False  # 比上一年增长超过50% / 翻了一倍以上: on the change over the year before, in %

    def words(self, unit: str = "") -> str:
        if self.rate:
            return ("增长" if self.value >= 0 else "下降") + {">": "超过", ">=": "不少于", "<": "超过", "<=": "不少于"}.get(
                self.op, "") + f"{_fmt(abs(self.value))}%"
        if self.average:
            return {">": "高于", ">=": "不低于", "<": "低于", "<=": "不高于"}.get(self.op, "等于") + \
                f"平均值{_fmt(self.value)}{unit}"
        if self.op == "between":
            return f"在{_fmt(self.value)}{unit}到{_fmt(self.high or 0)}{unit}之间"
        return {">": "大于", ">=": "不少于", "<": "少于", "<=": "不超过", "==": "等于", "!=": "不等于"}[self.op] + \
            _fmt(self.value) + unit


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
    item_implied: bool = False  # no item named: read on the row a column word implies (纠正率 → 行政复议)
    column_word: str | None = None
    extra_items: list[str] = Field(default_factory=list)  # 行政处罚和行政许可: more measures (value/compare)
    column_words: list[str] = Field(default_factory=list)  # column keys named without an item ("table:col")
    agencies: list[str] = Field(default_factory=list)
    agency_mentions: list[str] = Field(default_factory=list)
    excluded: list[str] = Field(default_factory=list)  # 除了平潭 / 洪泽除外: agencies left out of an aggregate's scope
    candidates: list[str] = Field(default_factory=list)  # an ambiguous name: the agencies it may mean
    ambiguous_mention: str | None = None
    kind: str | None = None  # 城管局: only agencies of this kind
    kind_agencies: list[str] = Field(default_factory=list)
    unknown_agency: str | None = None
    years: list[int] = Field(default_factory=list)
    all_years: bool = False  # 历年 / 各年: every year, not the latest
    comparison: Comparison | None = None
    trend: bool = False  # 这几年什么趋势: each year's change in year order (change_by_year)
    streak: bool = False  # 连续增长了几年: the longest run of rises (falls) over the years (change_by_year)
    absent_only: bool = False  # 哪些单位没有提供…: reports lacking the measure
    every_report: bool = False  # 哪些单位从来没有…: agencies all of whose reports meet the condition
    compare_sums: bool = False  # 历年予以公开总数和部分公开总数哪个多: two measures, each summed, set side by side
    share_rank: Literal["max", "min"] | None = None  # 哪个单位占当年所有单位合计的比例最高: each one's share, ranked
    within: bool = False  # 其中最少的 after a filter: the aggregate runs over the reports meeting `comparison`
    n: int | None = None
    order: Literal["desc", "asc"] = "desc"
    change: bool = False
    corpus_what: Literal["agencies", "count", "years", "overview", "per_agency"] | None = None
    reports_count: Literal["one", "several"] | None = None  # 只有一份报告 / 不止一份: agencies by their count
    template: str | None = None  # 用2021年新版格式的报告: reports of this template
    prose: bool = False  # asks for text (存在哪些问题, 如何开展)
    part: str | None = None  # the report part the prose question points at
    prose_text: str = ""  # the question without agency names, for retrieval
    pronoun: bool = False  # 它 / 该单位: the agency of the previous answer
    followup: bool = False
    more: int = 0  # 具体说说 after a text answer (还有呢 again: 2 …): more than was quoted (qa/prose_more.py)
    beyond: str | None = None  # 全国 / 全省: a scope no set of agency reports covers
    forecast: str | None = None  # 预测 / 明年: a year no report covers yet
    period: str | None = None  # 上半年 / 第三季度 / 12月: a part of a year no annual table splits out
    untracked: str | None = None  # 撤回 / 当场答复: a handling of requests no table counts apart
    op_explicit: bool = True  # the question said the operation (最多, 前三, 合计 …), not a default
    bare_op: str | None = None  # operation words in a question with no measure (前五名呢, 最少的呢)
    defaults: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    latest: bool = False  # 每个单位只取最新的一份: said in the question
    money: bool = False  # asks for an amount of money the item's row does not have (行政处罚罚了多少钱)
    share_of: list[str] = Field(default_factory=list)  # a share: the denominator's items (empty: the item's total)
    share_items: list[str] = Field(default_factory=list)  # a share: the numerator's items (empty: the item)
    share_across: bool = False  # 伊川的行政处罚占全部处罚的比例: one report's value over that year's reports' sum
    share_every: bool = False  # 占所有报告的合计 after a ranking of every report: the whole is every year's
    share_years: bool = False  # 平潭2022年行政许可占历年总和的比例: one year's value over the agency's years' sum
    share_over: list[int] = Field(default_factory=list)  # …占2019至2025年合计的: share_years' whole, these years only
    container: str | None = None  # 依申请…里 / 新收的申请中: the item the question puts the others in
    times: bool = False  # 几倍
    percent: bool = False  # 百分之几
    versus: str | None = None  # 部分公开多于予以公开的年份: the comparison's other side is this item, not a number
    first_time: bool = False  # 哪一年首次超过100件 / 突破 / 跌破: the earliest year meeting the condition, per agency
    versus_column: str | None = None  # 废止的比制发的多的年份: the other side is this column of the same item
    also: list[tuple[str, Comparison]] = Field(default_factory=list)  # 且行政许可超过3000件: more items' conditions
    each: bool = False  # breakdown: every part listed (分别是什么原因), not only the largest
    parts_sum: bool = False  # breakdown: the parts added up against the row's stated total (按申请人类型加起来)
    nth: int | None = None  # 排第二
    of_nth: bool = False  # 第三名的行政处罚呢 after a ranking: the nth report's other measure (qa.context)
    item_at: list[tuple[str, int]] = Field(default_factory=list)  # each item named and where (for 占 …)
    unresolved: list[str] = Field(default_factory=list)  # names beside a found one that match no agency
    extra_columns: list[str] = Field(default_factory=list)  # 自然人和法人各多少: more columns of the same row (value)
    place_of: list[str] = Field(default_factory=list)  # 平潭的行政处罚排第几: whose place in the ranking is asked
    place_year: int | None = None  # 在所有报告里排第几 after 平潭2024年…: the one report of place_of placed
    relative: list[RelativeYear] = Field(default_factory=list)  # 去年 / 近三年: years counted back from a base
    relative_base_named: bool = False
    relative_years: list[int] = Field(default_factory=list)  # the years only a relative word named
    yesno: bool = False  # 是195件吗 / 有没有超过100件 / 是不是比2023年多: answered 是 or 不是, with the value
    year_at: list[tuple[int, int]] = Field(default_factory=list)  # each year named and where (for A比B)
    than_first: str | None = None  # A比B…: A (an agency, a year as "2024", or an item), so the answer says A比B少N件
    rest_of: bool = False  # 办理结果里除了予以公开以外的: the item (the whole) less extra_items (its parts named)
    yoy: bool = False  # 2024年、2025年同比各增减多少: each year named against its own year before (change_by_year)
    neighbour: int = 0  # 哪一年最多？比前一年多多少: the year found against its year before (-1) or after (+1)
    than_word: Literal["多", "少"] | None = None  # what A比B asks: 多 (more, higher) or 少 (fewer, lower)  # the base is a year the question names itself (2023年比去年)

    def measure(self, item: str | None = None) -> Measure | None:
        item = item or self.item
        return measure(item, self.column) if item and self.column else None


# ---------------------------------------------------------------- words of operations
def _excluded(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is said to be left out (除了平潭 / 平潭除外), so not the one asked about."""
    return bool(RE_EXCLUDE_BEFORE.search(text[max(0, start - 3):start])) or \
        bool(RE_EXCLUDE_AFTER.match(text, end))


def _rx(*words: str) -> re.Pattern[str]:
    return re.compile("|".join(words))


def _words(operation: str) -> re.Pattern[str]:
    """The trigger words of one row of qa.lexicon.OPERATION_WORDS, as one pattern."""
    return _rx(*OPERATION_WORDS[operation])


# one pattern per row of the table of operation words (qa.lexicon.OPERATION_WORDS)
(
    RE_MAX, RE_MIN, RE_RANK, RE_ORDER, RE_ASC, RE_SUM, RE_AVG, RE_COMPARE, RE_CHANGE, RE_FINDINGS, RE_PROSE,
    RE_BREAKDOWN, RE_ALL_YEARS, RE_LATEST, RE_SHARE, RE_TIMES, RE_PERCENT, RE_BEYOND, RE_PRONOUN, RE_ABSENT,
    RE_ZERO
) = (_words(k) for k in (
    "max", "min", "rank", "order", "ascending", "sum", "avg", "compare", "change", "findings", "prose",
    "breakdown", "all_years", "latest", "share", "times", "percent", "beyond", "pronoun", "absent", "zero"
))
# (前一年 / 前两年 are years, never a top-N: 哪几年比前一年翻番; 前3年份 is: top 3 years)
RE_TOPN = re.compile(rf"(?:排名前|排前|前(?![\d零〇一二两三四五六七八九十百]+年(?!份))|top|最多的|最高的|最大的)({NUMBER})"
                     rf"(?:名|个|位|家|强|单位)?", re.I)
RE_BOTTOMN = re.compile(rf"(?:倒数前|倒数|后|最少的|最低的|最小的|末)({NUMBER})(?:名|个|位|家|单位|年|份)?")
RE_OF_PERCENT = re.compile(r"是[^，。？?]{0,16}?的(?:百分之|几成|多少成|几分之)")
RE_WHICH_N = re.compile(rf"哪({NUMBER})(?:份|个|家|年|位|单位|名)")
RE_COUNT = re.compile(r"(?:几|多少)(?:个|家|所|份)(?:单位|机关|部门|局|报告)?|单位数|多少单位|报告数")
RE_CORPUS_AGENCIES = re.compile(r"(?:有哪些|哪些|多少|几)(?:个|家)?(?:单位|机关|部门)|单位(?:列表|清单|名单)|"
                                r"(?:收录|包含|涵盖|覆盖)了?(?:哪些|多少|几个)?(?:单位|机关)?|谁的报告|"
                                r"(?:哪个|哪家|哪些)单位的(?:报告|年报)")
# 报告最多的是哪个单位 / 哪家的年报最少: the agencies ranked by how many reports each has
RE_REPORTS_MOST = re.compile(r"(?:报告|年报)(?:的?(?:数量|份数))?最(?:多|少)|最(?:多|少)的?(?:报告|年报)|"
                             r"(?:报告|年报)(?:数量|份数)?(?:排名|排序|从多到少)")
# 哪些单位只有一份报告 / 报告不止一份的单位: agencies picked by their count of reports (= 1, or more than 1)
RE_REPORTS_ONE = re.compile(r"(?:只|仅)有?(?:一|1)(?:份|篇|年)(?:的)?(?:报告|年报)?|(?:报告|年报)只有(?:一|1)份")
RE_REPORTS_SEVERAL = re.compile(r"不止(?:一|1)(?:份|篇|年)|多于(?:一|1)份|(?:两|2)份(?:及)?以上|有多份(?:报告|年报)|"
                                r"(?:报告|年报)有多份")
RE_CORPUS_COUNT = re.compile(r"(?:几|多少)(?:份|篇|个)?(?:报告|年报)|报告(?:数量|数目|总数)|报告(?:列表|清单|目录)|"
                             r"报告有?(?:哪几份|哪些)|哪几份报告|哪些报告|有几份|有多少份|(?:几|多少)年的(?:报告|年报)")
# 为哪个景区的收费标准开过听证会 / 在什么平台发布: a name or an event the text tells, which no cell holds (a measure
# word in such a question, 收费, is its topic, not a number asked)
RE_TEXT_THING = re.compile(r"(?:哪个|哪些|哪场|哪次|什么|哪一?个)(?:景区|会议?|听证会?|平台|网站|栏目|活动|渠道|媒体|"
                           r"公众号|政策|文件名|名称|主题|领域|方式|形式)|(?:召开|举办|开过|举行)(?:了|过)?.{0,6}(?:会|活动)")
# 有几个人是专门干信息公开的: people who do the work, which only the text counts (no cell counts staff); not
# applicants (几个人申请)
RE_STAFF = re.compile(r"(?:几|多少)(?:个|名|位)?(?:人|工作人员|专职人员|专人)(?:是|在|专门|负责|干|管|做|搞)|"
                      r"(?:专职|专门)(?:干|管|做|搞|负责)[^，,。？?]{0,10}?(?:几|多少)(?:个|名|位)?人")
# whether a report's text says a thing (说到了, 提到): asked of the text, not of the list of reports
# 新收加上年结转 / 行政处罚加行政强制: rows added (not 增加, 参加, 加强)
RE_ADDED = re.compile(r"(?<![增参附追叠更施添])(?:申请)?(?:加上|加(?![强大快紧速])|＋|\+)")
RE_SAYS = _rx(*SAYING_WORDS)
RE_YEAR_ON_YEAR = re.compile(r"同比|环比|(?:比|较|与|和|跟)(?:上一?年|去年|前一年)")  # each against its year before
RE_FORMAT = re.compile(r"((?:19|20)\d\d)\s*年?(?:的)?(?:新版|旧版|版)?(?:格式|模板|版式|样式)|(?:新版|新)(?:格式|模板)|"
                       r"(?:旧版|老版|旧)(?:格式|模板)")
RE_REPORT_YEARS = re.compile(r"(?:哪几年|哪些年份?|哪一年|几年|什么年份?|几个年份)(?:有|的)?(?:报告|年报)|"
                             r"(?:报告|年报)(?:是|有)?(?:哪几年|哪些年份?|哪一?年|什么年份?|几年)")
RE_CORPUS_OVERVIEW = re.compile(r"总体情况|整体情况|概况|概览|总览|总体上|总的来看|大致情况")
RE_CORPUS_YEARS = re.compile(r"(?:哪些|哪几|几个|什么)年份?|年份|哪几年|哪一年的|覆盖.{0,6}年")
PART_HINTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((_rx(*words), part) for part, words in PART_WORDS.items())
RE_CONTAINER = re.compile(r"(?:的)?(?:\d+件)?(?:申请|案件|信息|数据)?(?:(?:那|这)一?(?:块|部分|项|栏))?(?:里面|里|当中|之中|中)(?!心|央|标)")
RE_NTH = re.compile(rf"(?:排|排名|排在)?(倒数)?第({NUMBER})(?!方|季|条|款|类|部分|章|节|批|届)(?:名|位|多|高|大|少|低|小)?")  # 倒数第二: from the bottom
RE_WHICH_PART = re.compile(r"哪一?种|哪一?类|哪一?项|什么情形|具体情形|哪个原因|什么原因|哪种原因|哪类申请人|什么理由|"
                            r"谁(?:申请|提交?|提出|递交)的|"
                           r"哪一?个理由|哪种结果|什么结果")
# 分别是什么原因 / 都有哪些理由 / 各项情形各多少: every part of one item in one report, listed (not its largest)
# 除了平潭，… / 不算洪泽 / 平潭除外: the name just before or after is left out, not asked about
RE_EXCLUDE_BEFORE = re.compile(r"(?:除了|除去|除开|除|不算|不含|不包括|排除|去掉|去除)\s*$")
RE_EXCLUDE_AFTER = re.compile(r"[^，,。？?]{0,8}?除外")
RE_OVER_YEARS = re.compile(r"历年|各年|所有年份|全部年份|这几年|这些年|[几两三四五六七八九\d]+年(?:的)?(?:总和|合计|总数|加起来)")
RE_ALL_REPORTS = re.compile(r"全部|所有|各单位|各家|全体|整个|总的|总数|总量|合计|加起来")  # 占全部处罚: every report's
# 按申请人类型分列加起来 / 各栏相加是多少: a row's parts added up (checked against its stated total)
RE_PARTS_SUMMED = re.compile(r"(?:按|各|分)(?:申请人|＿+人)?(?:类型|类别|类|栏|列|分列|分项|小项|项).{0,6}(?:加起来|加在一起|相加|合计|"
                             r"加总|之和|总和)")
RE_PARTS_ASKED = re.compile(r"(?:什么|哪些|哪几种|哪几类|哪几个|各类|各项|各个|每个|每种|每类|具体)(?:原因|理由|情形|结果|类别|类型)|"
                            r"(?:原因|理由|情形|结果|＿)(?:都)?(?:有|包括)哪些[？?。]?$|"
                            r"(?:原因|理由|情形)(?:分别|各)|分别(?:是|为|有)(?:什么|哪些|哪几)|各是什么|(?:都|分别)是谁|谁(?:申请|提交?|提出|递交)的|(?:都|分别)?是(?:哪些|什么)人|"
                            r"(?:来自|出自)(?:哪些|哪几类|哪类|什么)|(?:哪些|哪几类|哪类|什么)(?:申请人|＿+人|申请主体)|"
                            r"按(?:申请人|＿+人)?(?:分类|类别|类型|种类)[^，,。？?]{0,4}(?:各|分别)|"  # 按申请人分类各多少
                            r"都(?:是|有)(?:什么|哪些)"
                            r"(?:原因|理由|情形|结果|类)?(?![单家个年份])")
# 行政复议结果如何 / 依申请公开的答复情况 / 办理结果怎么样: how the cases came out, i.e. each result listed (only of an
# item that has parts: 行政处罚情况如何 stays its value)
RE_RESULTS_HOW = re.compile(r"(?:结果|＿)(?:如何|怎么样|怎样|咋样|是什么|是啥)|(?:答复|办理|处理|办结)(?:的)?(?:情况|结果)"
                            r"(?:如何|怎么样|怎样|咋样)?[？?。]?$")
# 张店缺了哪些数据 / 哪些报告的表格不完整 / 为什么很多数据是空的 / 哪些格没填: what the reports leave out of the
# template (asked of no measure: 哪些单位没有提供行政处罚数据 is that measure's absent reports)
RE_GAPS = re.compile(r"(?:缺少?|(?<![多至最])少了)了?(?:哪些|什么|几)?(?:数据|数字|内容|行|格|栏|项)|缺失|缺漏|遗漏|漏填|漏报|没填|未填|"
                     r"空白|空着|是空的|为空|(?:没有|没|未)(?:提供|给出|填写?|列出)(?:的)?(?:哪些|什么)?(?:数据|数字|内容)|"
                     r"(?:数据|数字)(?:都)?(?:没有|没|未)(?:提供|给出|填写?|列出)|"
                     r"(?:数据|数字|表格?|报告)(?:不完整|不全|残缺)|(?:不完整|不全|残缺)的(?:报告|表格?)|表格?(?:完整|齐全)")
# 哪个单位的报告最规范 / 平潭的报告质量怎么样: the report itself judged (read as its completeness and its sums)
RE_REPORT_QUALITY = re.compile(r"(?:报告|年报|数据|表格)(?:的)?(?:最|更|比较|是否|不)?(?:规范|质量|准确|严谨|靠谱|可靠)|"
                               r"(?:报告|年报|数据|表格)的?(?:最|更|比较)(?:全|齐全|完整|完备)")  # 哪个单位数据最全
# 依申请公开的答复情况 / 收到的申请办理结果怎么样: the requests by how they were answered (三's result rows)
RE_ANSWERED = re.compile(r"答复|办理结果|处理结果|办理情况|处理情况|办结情况")
RE_SET_ASKED = re.compile(r"哪几年|哪些年份?|哪一?年|哪些报告|哪几份|哪些单位|哪几家|哪几个|有几年|几份|多少份|几家|几年")
RE_ABOVE_BELOW = re.compile(r"多于|大于|超过|高于|少于|低于|小于|不到|不及")
# 比上一年翻了一倍以上 / 同比增长超过50% / 下降30%以上: a condition on the change over the year before, in %
RE_RATE_DOUBLED = re.compile(r"翻了?(?:一|1)?(?:番|倍)(?:以上|多)?")
RE_RATE_CMP = re.compile(rf"(增长|增加|上涨|涨|上升|提高|下降|减少|下滑|降|跌)了?(超过|大于|高于|多于|不少于|至少|达到|达)?"
                         rf"\s*(?:百分之({NUMBER})|({NUMBER})\s*[%％])\s*(以上|及以上|多)?")
# 高于七年平均值 / 超过了平均数 / 低于平均水平: a threshold that is the scope's own average (never the 七 before it)
RE_VS_AVERAGE = re.compile(r"(多于|大于|超过|高于|少于|低于|小于|不到|不及|不足)了?[^，,。？?]{0,8}?的?"
                           r"(?:平均值|平均数|平均水平|平均线|均值|平均)")
RE_MORE_LESS = re.compile(r"[的]?(?:还|更)?(?:多|高|大|少|低|小)")
RE_NONZERO = re.compile(r"(?:不为|不等于|(?<!是)不是|非)(?:0|零)|大于0|大于零|(?<!是)不是零")  # (是不是0: a yes/no of 是0)
# 不对，我是说2024年 / 我问的是部分公开 / 不是2022，是2021年: a correction of the last question (qa.context)
RE_NOT_BUT = re.compile(r"^不是[^，,。]{1,12}?[，,\s]*而?是")  # 不是2022，是2021年: what follows 是 is meant
CORRECTION = r"^(?:(?:不对|不是|错了|搞错了)[，,\s]*我?|我)(?:是说|说的是|问的是|指的是|要的是|想问的?是)|" + RE_NOT_BUT.pattern
RE_CORRECTION = re.compile(CORRECTION)
RE_FOLLOWUP = re.compile(r"呢[？?。！!]*$|^(?:那|那么|再|还有|换成|改成|改为|如果是|要是|看看|其中|它们?的|这两|两个|两年|"
                         r"这几|第一名|第二名|第三名|占|增长|下降|增加|减少|合计|加起来|一共|涨|跌|降了|升了|多了|少了|"
                         r"差了|相差|翻了|变化)"
                         # 表三办理结果总计那一格是多少: the cell of the report talked about
                         r"|(?:那|这)一?(?:格|栏)"
                         # 不对，我是说2024年 / 我问的是部分公开: a correction of the last question, asked again changed
                         r"|" + CORRECTION)
RE_LEADING_LATIN = re.compile(r"^[a-z'\s]+")  # what's the 相差吗: English words the term table left
# a question answered yes or no: no question word asks for a value (是不是30件 / 多于20件吗 / 有没有超过100件)
RE_YESNO = re.compile(r"吗[?？。!！]*$|吧[?？。!！]*$|么[?？。!！]*$|是不是|是否|有没有|对不对|对吗|对吧|是吧|没错吧|"
                      r"(?<![哪谁])(?:件|项|个|次|份|元)(?:了)?(?:没有|没)[?？。!！]*$")  # 超过一千件没有: yes or no
# 纠正了3件吗: a count the question states, checked as equal when no comparison word says otherwise
RE_STATED = re.compile(rf"(?<![\d.第前后])({NUMBER})\s*(件|项|个|次|条|家|份|万元|亿元|元)")
RE_HAVE = re.compile(r"有没有|有无|没有?[?？。!！]*$")  # 有没有超过 / 超过了没: 有 or 没有, not 是 or 不是
RE_ANY_WH = re.compile(r"(?:有没有|是否有|有无)哪")  # 有没有哪家超过500件: still a yes or no (any of them)
RE_WH = re.compile(r"哪|谁|几|多少|什么|怎么|如何|为什么|排名|排序|分别")
RE_EXISTS = re.compile(r"有没有|是否有|有无|(?<![没未无])有.*吗[?？。!！]*$|(?<!超)过吗[?？。!！]*$|被人?＿+吗[?？。!！]*$")  # 被人告过吗
# A比B少多少 / 是不是比2023年多: 比 as "than" (not 比例, 比重, 对比, 相比, 比较), and the word it asks
RE_THAN = re.compile(r"(?<![对相占分评类])比(?![例率重较值])")  # (百分比 / 评比: no comparison)
RE_THAN_WORD = re.compile(r"多多少|多少|多|少|高|低|大|小|增加|减少|增长|下降|一样|相同")
RE_WHICH_PLACE = re.compile(r"(?:排|排名|排在|位居|位列|列|是)?(?:倒数)?第几(?:名|位)?|名次|排(?:在)?哪")
RE_WHICH_YEARS = re.compile(r"哪几年|哪些年|哪一?年|(?<![这近前后])几年|(?:啥|什么|哪个)时候|何时")
# 连续增长了几年 / 连续几年下降: the longest run of years each above (below) the one before
RE_STREAK = re.compile(r"连续(?:[几多少两三四五六七八九\d]+年)?(?:增长|增加|上升|上涨|提高|攀升|下降|减少|下滑|回落|降低|走低)"
                       r"|连续[^，。？?]{0,3}?(?:几|多少)年")
# 这几年是什么趋势 / 逐年变化情况: each year against the one before, in year order
RE_TREND = re.compile(r"趋势|走势|逐年(?:的)?变化|每年(?:的)?变化|历年(?:的)?变化|变化情况|变化曲线|怎么变的|如何变化")
# 减少 / 比上一年少: a fall (哪几年比上一年少 asks for the years below the one before)
RE_FELL = re.compile(r"减少|下降|降了|少了|回落|跌|(?:比|较)(?:上一?年度?|前一年|去年)的?(?:还|更)?(?:少|低|小)")
# 除了2025年以外 / 2024年除外: years left out; 首次超过 / 突破 / 跌破: the first year a bound is crossed;
# 比上一年增长最快: the change itself ranked
RE_YEAR_EXCEPT = re.compile(r"(?:除了|除去|除开|除|不算|不含|不包括|排除|去掉|去除)\s*(?:(?:19|20)\d\d\s*(?:年度|年)?"
                            r"(?:\s*(?:和|与|及|、)\s*)?)+(?:以外|之外|外)?|(?:(?:19|20)\d\d\s*(?:年度|年)?(?:和|与|及|、)?)+除外")
RE_FOUR_DIGITS = re.compile(r"(?:19|20)\d\d")
RE_EACH_SHARE = re.compile(r"(?:各|分别|各自|每[年家个]?)占")  # 合计多少，各占多少: each one's share of the sum
RE_FIRST_TIME = re.compile(r"首次|第一次|头一次|最早|突破|跌破")
RE_CHANGE_MOST = re.compile(r"[^，,。？?]{0,12}?(?:增长|增加|上升|上涨|涨|增|提高|攀升|下降|减少|降|跌|下滑|变化)(?:了|得)?"
                            r"(?:最多|最快|最少|最慢|最大|最小|幅度最大)")
# 哪一年最多，比前一年多多少 / 和后一年差多少: the year found, against the year next to it (not a year counted from now)
RE_NEIGHBOUR = re.compile(r"(?:比|和|与|跟|较|同)(?:它|其|那一?年)?的?(前一年|上一年度?|上年度?|后一年|下一年|次年)")
# 都办完了吗 / 全部办结了吗: whether any request was left for next year
RE_ALL_DONE = re.compile(r"(?:都|全部|全都|是否都|有没有都)(?:办完|办结|处理完|答复完)")
# 公开率 alone (not 予以公开率 / 部分公开率 / 不予公开率, which name their row)
RE_OPEN_RATE = re.compile(r"(?<![予以分不])公开率")
# 除了予以公开以外的 (the item masked): a part taken out of the whole the question names beside it
RE_EXCEPT_ITEM = re.compile(r"除(?:了|去|开)?＿+(?:(?:和|与|及|、|以及)＿+)*(?:以外|之外|外)?")
RE_HOW_MUCH_MORE = re.compile(r"差多少|相差|差距|差了多少|多多少|少多少|多出多少|多几|少几")  # a difference asked
# 做得最好 / 最出色: a rating no table gives; read on the count of the part's own table (said in the answer)
RE_BEST = re.compile(r"最好|最出色|最优秀|最到位|最棒|最差|最不好|最弱|最突出")
RATED_PARTS = {"主动公开": "normative"}  # the part → the item its table counts for every report
RE_RATED_PART = re.compile("|".join(RATED_PARTS))
# 行政许可最多的那年，行政处罚是多少: the winner of the first measure, then its value of the second
RE_OF_WINNER = re.compile(r"(?:最多|最少|最高|最低|最大|最小|第一)的?(?:那|这)(?:一)?(?:年|个|家|份)")
# 处理了多少申请 / 办结了几件申请 / 答复了多少件: the year's results (办理结果总计), not the applications received
RE_HANDLED = re.compile(r"(?:处理|办理|办结|答复|办)(?:了|过|完)?(?:多少|几)(?:件|个)?(?:的)?(?:政府信息公开|信息公开|依申请公开的?)?申请")
RE_ASKS_TOO = re.compile(r"呢[？?。!！]*$")  # 其中国家秘密呢: a part asked for after its whole
RE_HOW_MANY = re.compile(r"多少|几(?=[件个次起项条份家]|$|[？?，,])")  # a count asked for (not 几年, 几倍)
RE_EACH = re.compile(r"分别|各是|各为|各有|各多少|各几")  # 两年分别多少: each value, not their change
RE_SAME = re.compile(r"一样|相同|相等|持平|同样多")
RE_EITHER_WAY = re.compile(r"(?:多|少|高|低|大|小)还是(?:多|少|高|低|大|小)|多不多|少不少|高不高|低不低")
THAN_WORDS = {"多多少": "多", "多": "多", "高": "多", "大": "多", "增加": "多", "增长": "多",
              "少": "少", "低": "少", "小": "少", "减少": "少", "下降": "少"}
# 哪些单位从来没有 / 每年都没有 / 一直没有: of every report of an agency, not only its latest
RE_VERIFY_LEAD = re.compile(r"(?:请|麻烦|帮我|帮忙)?(?:核对|核实|确认|查证)(?:一下)?[:：，,]")
APPLICANT_COLUMNS = frozenset({"business", "research", "nonprofit", "legal", "other_org", "legal_person"})
# 平潭与洪泽…的件数是否一致: two named reports' values the same or not (a check needs its words: 正文, 加起来 …)
RE_SAME_COUNT = re.compile(r"(?:件数|数量|数字|数据|个数|数)(?:是否|是不是)?(?:一致|相同|一样|相等)")
RE_CHECK_WORDS = re.compile(r"正文|表格?|勾稽|对得上|对不上|加起来|之和|相加|合计|总计|报告里|前后")
# 哪个单位的行政处罚占当年所有单位合计的比例最高 / 谁的占两家合计的比重更高: each one's part of their sum, ranked
RE_SHARE_RANKED = re.compile(r"(?:哪|谁)[^，,。？?]{0,14}占[^，,。？?]{0,12}(?:合计|总和|总数|之和|总计|加起来|全部)"
                             r"[^，,。？?]{0,6}?(?:最|更)(高|大|多|低|小|少)")
RE_WHICH_MORE = re.compile(r"哪(?:个|项|一项|样)(?:更|比较)?(?:多|少|大|小|高|低)|谁(?:更)?(?:多|少)|多还是少|少还是多|多多少|少多少|差多少|相差")
RE_EVER = re.compile(r"从来|从未|从没|一直|始终|历年都|每年都|各年都|每一年都|所有年份都|哪年都")
RE_WHICH_AGENCY = re.compile(r"(?:哪些|哪几|哪|几|多少)(?:个|家|所)?(?:单位|机关|部门|城管|局)")
RE_NEGATION = re.compile(r"(?:没有|没|未|无)(?:收到|发生|作出|做出|办理|受理|任何)?$")

_CMP_WORDS = list(COMPARISON_WORDS)
_UNIT = r"(亿元|亿|万元|元|件|项|个|次|条|家|份)?"
# 至少有70件 / 超过了50件: a verb between an inequality word and the number (not after 为: 为了写一个表格)
# 为四类过程性信息: a number before 类/种 is a kind, no count
RE_CMP = re.compile("(?:(" + "|".join(w for w, op in _CMP_WORDS if op != "==") + ")(?:了|有|是|为|达|达到)?|("
                    + "|".join(w for w, op in _CMP_WORDS if op == "==") + rf"))\s*({NUMBER})"
                    rf"(?![类种零〇一二两三四五六七八九十百千万\d.,]){_UNIT}\s*(以上|及以上|或以上|以下|及以下|或以下)?")
# 在100到1000件之间 / 介于10至50项: a range, both bounds included (a unit after 年 is no count: 2021到2025年)
RE_BETWEEN = re.compile(rf"({NUMBER}){_UNIT}\s*(?:到|至|~|～|－|-|—)\s*({NUMBER}){_UNIT}\s*(?:之间|以内|范围内|区间)")
# 介于100到600件 / 介于20和30件: 介于 says a range without a closing 之间 (not a range of years: 2021到2025年)
RE_BETWEEN_OPEN = re.compile(rf"介于\s*({NUMBER}){_UNIT}\s*(?:到|至|~|～|－|-|—|和|与)\s*({NUMBER}){_UNIT}(?!\s*年|[\d.])")
RE_CMP_TAIL = re.compile(rf"({NUMBER}){_UNIT}\s*(以上|及以上|或以上|以下|及以下|或以下)")
# 两千多件 / 四千多万元 / 100多件: a round number and 多 (or 余), i.e. from it up to the next step of its last digit
RE_ABOUT = re.compile(rf"(?<![\d.第前后超过于到])({NUMBER})\s*(?:多|余)\s*(亿元|万元|元|件|项|个|次|条|家|份)")
_COUNTED_UNITS = {"件", "项", "个", "次", "条", "家", "份"}
_YUAN = {"亿元": 1e8, "亿": 1e8, "万元": 1e4, "元": 1.0}
# 超过2000件 / 2000到2500件之间: a number with a unit of count or money is no year (a full stop after it
# ends an English sentence: in 2023.)
_COUNT_UNIT = r"\s*(?:多|余|来)?\s*(?:件|项|个|次|条|家|份|人|万|亿|元|%|％)"
_NOT_YEAR = rf"(?!\d|\.\d|{_COUNT_UNIT}|\s*(?:到|至|~|～|-|－|—)\s*[\d.]+{_COUNT_UNIT})"
RE_YEAR = re.compile(rf"((?:19|20)\d\d){_NOT_YEAR}\s*(?:年度|年)?")
RE_YEAR_RANGE = re.compile(rf"((?:19|20)\d\d)\s*(?:年度|年)?\s*(?:至|到|-|—|~|－)\s*((?:19|20)\d\d){_NOT_YEAR}\s*(?:年度|年)?")
# 2021年以来 / 2022年之后 / 2023年以前: a range open at one end, closed by the index's own years
RE_YEAR_OPEN = re.compile(r"((?:19|20)\d\d)\s*(?:年度|年)?\s*(以来|以后|之后|起(?!诉)|开始|以前|之前)")
RE_YEAR_TARGET = re.compile(r"(?:结转|转)(?:到|至|入)((?:19|20)\d\d\s*(?:年度|年)?)")
RE_CJK = re.compile(r"[\u3400-\u9fff]")
RE_PLACE = re.compile(r"([\u4e00-\u9fff]{2,5}?(?:省|市|县|区|州|旗|盟))")
NOT_PLACES = {"城市", "都市", "超市", "城区", "市区", "地区", "社区", "小区", "园区", "辖区", "景区", "县区", "区县",
              "省市", "市县", "全市", "全县", "全区", "本市", "本县", "本区", "各区", "各县", "各市", "我市", "我县",
              "我区", "该市", "该县", "该区", "城市区", "校区", "片区", "街区", "新区", "开发区", "自治区", "行政区",
              "政区", "山区", "灾区", "湾区", "营商区", "市州", "全州", "本州"}
BEYOND_PLACES = {"中国", "全国", "国内", "海外", "境外", "各地", "基层", "本地", "当地", "外地"}
RE_JOINED_BEFORE = re.compile(r"(?:^|[＿\d，,。？?、\s])([\u4e00-\u9fff]{2,6}?)(?:和|与|跟|及|、|同)＿")
RE_JOINED_AFTER = re.compile(r"＿(?:和|与|跟|及|、|同|还是)([\u4e00-\u9fff]{2,8})")
RE_QUESTION_WORD = re.compile(r"哪|谁|什么|多少|几|怎|如何|是否|有没有|其他|所有|全部|各|每|两|三|这|那|它")
RE_COUNTED = re.compile(r"[两二三四五六七八九十几\d]+(?:家|个|份|所|位|单位)")
RE_OP_WORD = re.compile(r"最|前|后|排|合计|平均|总|所有|全部|历年|今年|去年|明年|本年|上年|上一|下一|近")
PLACE_SUFFIX_CHARS = set("省市县区州旗盟城管局政府人民综合行政执法")
NAME_STOP = set("哪个各每全本该这那其某的和与及或是有在比跟同对给从问请看查个几把将")




def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            chars[i] = "＿"
    return "".join(chars)


class Reader:
    """Reads questions against one index: its agencies and which keys it holds (for default columns)."""

    def __init__(self, agencies: list[str], has_key: Callable[[str], bool], years: list[int]):
        self.finder = AgencyFinder.cached(agencies)
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
        if len(asked) > MAX_CHARS or self._paragraph(asked):  # pasted: read the question in it, say what was cut
            found = question_in(asked)
            if found:
                asked = found
                plan.question = found
                plan.notes.append(f"问题较长，只读了其中的问句：「{found}」")
            else:
                plan.notes.append(f"问题超过{MAX_CHARS}字，只读了前{MAX_CHARS}字")
        named = read_latin(asked[:MAX_CHARS], self.finder)  # Pingtan County → 平潭县, said
        plan.notes += named.said
        text, nicks = read_nicknames(normalize(named.text), self.finder.alias_map)  # 泉城 → 济南, said
        plan.defaults += [f"「{nick}」按「{place}」理解" for nick, place in nicks]
        plan.text = text
        # English words are read inside a Chinese question, or in an English one whose words the term table
        # knows (Which agency had the most penalties?): no known word is no question about these reports
        english = not RE_CJK.search(asked[:MAX_CHARS])
        if english and not RE_CJK.search(text):
            return _not_chinese(plan)

        spans: list[tuple[int, int]] = []
        self._years(plan, text, spans)
        self._agencies(plan, text, spans)
        if named.unknown and plan.agencies:  # Fuqing City: a name in Latin letters the index lacks, said
            plan.unresolved += [w for w in named.unknown if w not in plan.unresolved]
        elif named.unknown and (not plan.unknown_agency or plan.unknown_agency.isascii()):
            plan.unknown_agency = named.unknown[0]  # Xuyi County: the pinyin name, not the capitalised County
        for written, owners in named.ambiguous:  # Qinghe: 清河县 or 青河县, asked back, or said beside a found name
            if plan.unknown_agency and plan.unknown_agency.isascii():
                plan.unknown_agency = None  # (the capitalised word is that name, not one the index lacks)
            if plan.agencies:
                plan.unresolved += [written]
            else:
                plan.candidates, plan.ambiguous_mention = sorted(set(plan.candidates) | set(owners)), written
        if (lead := RE_VERIFY_LEAD.match(text)) and RE_WH.search(text, lead.end()):
            spans.append(lead.span())  # 请核对：…是多少？ an auditor's formula before a value asked, no consistency check
        plan.prose_text = re.sub("＿+", " ", _mask(text, spans)).strip() or text  # for retrieval: no names
        rest = _mask(text, spans)
        self._measure(plan, rest, spans)
        rest = _mask(text, spans)
        self._operation(plan, rest)
        self._container_of_winner(plan, rest)
        if len(plan.agencies) <= 1 and len(plan.extra_items) == 1 and (plan.all_years or len(plan.years) >= 2) and \
                plan.operation in ("value", "sum", "findings", "compare") and RE_WHICH_MORE.search(rest):
            plan.operation, plan.compare_sums = "sum", True  # 历年A总数和B总数哪个多: each summed, then compared
        if plan.operation == "findings" and plan.item and (len(plan.agencies) >= 2 or len(plan.years) >= 2) and \
                RE_SAME_COUNT.search(rest) and not RE_CHECK_WORDS.search(rest):
            plan.operation = "compare"  # 两家的件数是否一致: the two values set side by side, not a consistency check
        if plan.operation == "share" and len(plan.agencies) != 1 and plan.item and (m := RE_SHARE_RANKED.search(rest)):
            plan.share_rank = "min" if re.search(r"低|小|少", m.group(1)) else "max"  # each report's share of their sum
        if plan.operation in ("filter", "count") and plan.comparison and RE_FIRST_TIME.search(rest) and \
                RE_WHICH_YEARS.search(rest) and not plan.yesno:
            plan.first_time, plan.all_years, plan.latest = True, True, False  # 哪一年首次超过100件
        if plan.operation in ("filter", "count") and plan.comparison and not plan.yesno and RE_EVER.search(rest) \
                and RE_WHICH_AGENCY.search(rest):
            plan.every_report, plan.all_years, plan.latest = True, True, False
        if any(r.compared for r in plan.relative) and plan.operation in ("prose", "mixed", "out_of_scope"):
            self._text_keeps_its_years(plan)
        self._than(plan, text, spans)
        m = RE_BEYOND.search(rest)
        if m and plan.item:
            plan.beyond = m.group()
        self._unanswerable(plan, rest)
        if english and not (plan.agencies or plan.item or plan.unknown_agency or plan.candidates or plan.corpus_what
                            or plan.bare_op or is_followup(text) or plan.prose and RE_SAYS.search(text)
                            or plan.years and "多少" in text  # how many in 2022? (a count asked of a year)
                            or RE_COMPARE.search(text)  # which is more? (after two values)
                            or plan.operation == "findings"):  # Which reports don't add up?
            return _not_chinese(plan)  # (Which reports mention COVID-19: asked of the text)
        terms = [f"{en}→{cn}" for en, cn in english_terms(asked) if cn not in ("多少", "件", "吗")] if english else []
        if terms:  # (a question in pinyin reads no English word: its reading is said with the names')
            plan.defaults.append("英文问题按术语表读作中文（" + "，".join(terms[:6]) + "）")
        return plan

    @staticmethod
    def _container_of_winner(plan: Plan, rest: str) -> None:
        """收到申请最多的那一年，予以公开多少件: the whole named before the winner (申请) is what is ranked, the
        item after it is the measure asked of the winner's report (not the item's part of the whole)."""
        win = RE_OF_WINNER.search(rest)
        if not (win and plan.item and not plan.extra_items and plan.operation in ("max", "min")):
            return
        whole = plan.container or ("apply.new" if "申请" in rest[max(0, win.start() - 6):win.start()] and
                                   items()[plan.item].table == "apply" else None)  # 申请最多那年: the new requests
        after = [i for i, pos in plan.item_at if pos >= win.end()]
        if whole and plan.item in after and whole not in after and measure(whole, "total"):
            plan.item, plan.extra_items, plan.container = whole, [plan.item], None
            plan.column = "total"

    @staticmethod
    def _unanswerable(plan: Plan, rest: str) -> None:
        """预测明年 / 要多久能答复: a forecast no annual report makes, a time no table counts (a report's text
        may state one: read as a text question, said when no passage has it)."""
        if (m := RE_FORECAST.search(rest)) and plan.item and not plan.prose:  # a number asked of the future
            plan.forecast = m.group()
        elif (m := RE_PERIOD.search(rest)) and plan.item and not plan.prose:  # 上半年行政处罚多少: no table splits it
            plan.period = m.group()
        elif plan.item and not plan.prose and (word := untracked_asked(plan.text, items()[plan.item].table)):
            plan.untracked = word  # 撤回了多少件 / 调解结案 / 个体工商户申请的: never the total
        elif (m := RE_DURATION.search(rest)) and plan.operation in ("value", "avg", "out_of_scope", "prose"):
            plan.operation, plan.prose = "prose", True
            plan.prose_text = re.sub(RE_DURATION, "答复期限工作日", plan.prose_text)

    def _paragraph(self, asked: str) -> bool:
        """A short pasted paragraph (三句以上) whose question sentence names an agency itself: the other sentences
        (我是研究生…, 福建、江苏…) would only add names and numbers that are not asked about."""
        if len(_sentences(asked)) < 3:
            return False
        found = question_in(asked)
        return bool(found and self.finder.spans(normalize(found)))

    # ------------------------------------------------------------ parts of the reading
    def _years(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        left_out = []  # 除了2025年以外 / 不算2019年 / 2020年除外: every other year (of a range, if one is named)
        for m in RE_YEAR_EXCEPT.finditer(text):
            left_out += [int(y) for y in RE_FOUR_DIGITS.findall(m.group(0))]
            spans.append(m.span())
        for m in RE_YEAR_RANGE.finditer(_mask(text, spans)):
            a, b = sorted((int(m.group(1)), int(m.group(2))))
            plan.years += list(range(a, b + 1))
            spans.append(m.span())
        for m in RE_YEAR_OPEN.finditer(_mask(text, spans)):
            y, word = int(m.group(1)), m.group(2)
            held = sorted(set(self.years))
            if word in ("以前", "之前"):  # before it: the year itself not included
                span = [x for x in held if x < y]
                said = f"「{m.group(0)}」按{y}年之前（不含{y}年）的年份理解"
            else:  # 以来 / 起 / 以后 include the year; 之后 does not
                span = [x for x in held if x > y or x == y and word != "之后"]
                said = f"「{m.group(0)}」按{y}年{'之后（不含' if word == '之后' else '起（含'}{y}年）的年份理解"
            plan.years += span or [y]  # none held: the year as written, so that its absence is said
            plan.defaults.append(said)
            spans.append(m.span())
        for m in RE_YEAR_TARGET.finditer(_mask(text, spans)):  # 结转到2026年: a date in a report, no report's year
            spans.append(m.span(1))
        masked = _mask(text, spans)
        for m in RE_YEAR.finditer(masked):
            plan.years.append(int(m.group(1)))
            plan.year_at.append((int(m.group(1)), m.start()))
            spans.append(m.span())
        plan.years = sorted(set(plan.years))
        if left_out:
            plan.years = [y for y in (plan.years or sorted(set(self.years))) if y not in left_out]
            plan.all_years = True
            plan.defaults.append(f"不含{'、'.join(f'{y}年' for y in sorted(set(left_out)))}")
        self._neighbour(plan, text, spans)
        self._relative_years(plan, _mask(text, spans), spans)
        if RE_ALL_YEARS.search(text) or len(plan.years) >= 2:
            plan.all_years = True
        if RE_LATEST.search(text):
            plan.all_years, plan.latest = False, True

    @staticmethod
    def _neighbour(plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        """哪一年行政许可最多？比前一年多多少: 前一年 is the year before the year found, not one counted from now."""
        m = RE_NEIGHBOUR.search(_mask(text, spans))
        if m and RE_CHANGE_MOST.match(text, m.end()):
            return  # 哪一年比上一年增长最快: the change itself ranked (each year against its own year before)
        if m and RE_WHICH_YEARS.search(text) and (RE_MAX.search(text) or RE_MIN.search(text)):
            plan.neighbour = -1 if m.group(1)[0] in "前上" else 1
            spans.append(m.span())

    @staticmethod
    def _than(plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        """A比B少多少 / 是不是比2023年多: A is the agency or year named last before 比 (the answer then says A比B少N件
        whichever way the numbers go); the word after B says what was asked."""
        m = RE_THAN.search(text)
        if not m:
            return
        word = RE_THAN_WORD.search(text, m.end())
        if word is None or word.group() not in THAN_WORDS:
            return
        if len(plan.agencies) >= 2:  # 洪泽2023年比平潭同年少多少: the agencies are compared, not the years
            named = [(text.find(x), a) for x, a in zip(plan.agency_mentions, plan.agencies) if 0 <= text.find(x) < m.start()]
        elif len(plan.years) >= 2:
            named = [(pos, str(y)) for y, pos in plan.year_at if pos < m.start()]
        else:  # 平潭行政许可比行政处罚多吗: two measures of one report
            named = [(pos, item) for item, pos in plan.item_at if pos < m.start()] if plan.extra_items else []
        # 是不是比2023年少 (a follow-up): A is the conversation's; 多还是少 asks neither way
        plan.than_word = None if RE_EITHER_WAY.search(text) else THAN_WORDS[word.group()]
        # 2025年的行政强制跟2024年比少了几成: B stands between 跟 / 与 / 同 / 和 and 比, A before it
        joined = re.search(r"(?:跟|与|同|和)[^，,。跟与同和]{0,14}$", text[:m.start()])
        if joined and (before := [x for x in named if x[0] < joined.start()]):
            named = before
        if named:
            plan.than_first = max(named)[1]

    @staticmethod
    def _text_keeps_its_years(plan: Plan) -> None:
        """伊川城管今年比去年多发布了多少信息: in a question about the text, 今年比去年 is the report's own comparison
        of its own year, not years to count from the index; the years the question names stay (平潭去年存在哪些问题
        keeps 去年: it says which report)."""
        plan.years = [y for y in plan.years if y not in plan.relative_years]
        plan.all_years = plan.all_years and len(plan.years) >= 2
        plan.defaults = [d for d in plan.defaults if not is_relative_note(d, plan.relative)]
        plan.relative, plan.relative_years = [], []

    def _relative_years(self, plan: Plan, masked: str, spans: list[tuple[int, int]]) -> None:
        """去年 / 近三年: counted back from the one year the question names, else from the latest year in the
        index (qa.context counts again from the conversation's year); the reading says which."""
        found = find_relative(masked)
        if not plan.years and RE_WHICH_YEARS.search(masked):
            # 哪几年比前一年翻番 / 哪一年较上一年度增长最快: each year against its own year before, not one year
            found = [(r, span) for r, span in found if not (r.anaphoric and r.compared)]
        if not found or not (plan.years or self.years):
            return
        plan.relative = [r for r, _ in found]
        spans += [span for _, span in found]
        plan.relative_base_named = len(plan.years) == 1
        base, source = (plan.years[0], "问题中的") if plan.relative_base_named else (max(self.years), "索引中最新的")
        years, said = resolve_relative(plan.relative, base, source)
        plan.year_at += [(r.years(base)[0], span[0]) for r, span in found if r.span == 1]
        plan.relative_years = [y for y in years if y not in plan.years]
        plan.years = sorted(set(plan.years) | set(years))
        plan.defaults += said

    def _agencies(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        masked = _mask(text, spans)
        for s in self.finder.spans(masked):
            spans.append((s.start, s.end))
            if len(s.agencies) == 1 and names_government(s.agencies[0], masked[s.end:]):
                gov = RE_GOVERNMENT_AFTER.match(masked, s.end)
                plan.unknown_agency = s.mention + gov.group()  # 济南市政府: not 济南市城市管理局
                spans[-1] = (s.start, gov.end())
                continue
            if len(s.agencies) == 1 and (dept := names_department(s.agencies[0], masked[s.end:])):
                plan.unknown_agency = s.mention + dept.group()  # 平潭城管局: not 平潭综合实验区's own report
                spans[-1] = (s.start, s.end + dept.end())
                continue
            if len(s.agencies) == 1 and _excluded(masked, s.start, s.end):
                if s.agencies[0] not in plan.excluded:
                    plan.excluded.append(s.agencies[0])
                    plan.defaults.append(f"不含{s.agencies[0]}（问题把「{s.mention}」除外）")
            elif len(s.agencies) == 1:
                if s.agencies[0] not in plan.agencies:
                    plan.agencies.append(s.agencies[0])
                    plan.agency_mentions.append(s.mention)
            else:
                plan.candidates = sorted(set(plan.candidates) | set(s.agencies))
                plan.ambiguous_mention = s.mention
        masked = _mask(text, spans)
        for s in self.finder.fuzzy_spans(masked):  # one character wrong: said, never silent
            spans.append((s.start, s.end))
            if len(s.agencies) == 1:
                if s.agencies[0] not in plan.agencies:
                    plan.agencies.append(s.agencies[0])
                    plan.agency_mentions.append(s.mention)
                plan.defaults.append(f"「{s.mention}」按「{s.meant}」（{s.agencies[0]}）理解")
            else:
                plan.candidates = sorted(set(plan.candidates) | set(s.agencies))
                plan.ambiguous_mention = s.mention
        masked = _mask(text, spans)
        words = [(m.start, m.end) for m in mentions(masked) if m.kind == "item"]
        inside = lambda a, b: any(a < e and b > s0 for s0, e in words)  # noqa: E731
        for s in self.finder.kind_spans(masked):
            if inside(s.start, s.end):
                continue
            prefix = self._name_prefix(masked, s.start)
            # 提到用无人机执法, 哪家单位开展了城管开放日: what a report says or did, no agency's name
            if prefix and (RE_SAYS.search(prefix) or re.search(r"单位|部门|机关|[了过]", prefix)):
                continue
            if prefix:  # 北京城管局: a place we do not hold
                plan.unknown_agency = prefix + s.mention
            elif not plan.agencies:
                plan.kind = s.mention
                plan.kind_agencies = s.agencies
            spans.append((s.start, s.end))
        if not plan.agencies and not plan.unknown_agency:
            lead = RE_SWITCH_WORDS.match(text)  # 换成福州呢: the verb of a follow-up is no part of the name
            masked = _mask(text, spans + ([lead.span()] if lead else []))
            for m in RE_PLACE.finditer(masked):
                place = m.group(1)
                if inside(*m.span()) or RE_SAYS.search(masked[:m.start()]):  # 提到了政务公开专区: what is said
                    continue
                # trim leading question words: 哪个区 is no place
                while place and place[0] in NAME_STOP:
                    place = place[1:]
                # 哪些单位说了市长信箱的事: a name runs on from no 单位 and no verb of saying (市 starts 市长)
                cut = [m.end() for m in re.finditer(r"单位|部门|机关", place)] + [m.end() for m in RE_SAYS.finditer(place)]
                place = place[max(cut):] if cut else place
                if len(place) >= 3 and place not in NOT_PLACES and place[-3:] not in NOT_PLACES and \
                        place[-2:] not in NOT_PLACES:
                    end = m.end()
                    while (more := RE_PLACE.match(masked, end)) and not inside(*more.span()):
                        place, end = place + more.group(1), more.end()  # 上海市浦东新区: the whole chain
                    plan.unknown_agency = place
                    spans.append((m.start(), end))
                    break
        if not plan.agencies and not plan.unknown_agency and not plan.candidates:
            plan.unknown_agency = _latin_name(plan.question, self.finder)
        if not plan.agencies and not plan.unknown_agency and not plan.candidates:
            place = _known_place(_mask(text, spans), alone=bool(RE_NAME_ALONE.fullmatch(text)))
            if place:  # 厦门2023年行政处罚: a place the dictionary knows and the index does not hold
                plan.unknown_agency = place
        if plan.agencies:
            self._unresolved(plan, _mask(text, spans), text)
            # 上海城管和济南城管 / 福清的行政许可比平潭多吗: another place beside a found name is a name too, said
            masked = _mask(text, spans)
            other = plan.unknown_agency or _known_place(masked)
            if other and _joined(other, text) and not any(other in w or w in other for w in plan.unresolved):
                plan.unresolved.append(other)  # (沙河城管的数字城管平台: a thing of the found agency, no name)
        elif not plan.unknown_agency and not plan.candidates:
            self._leading_name(plan, _mask(text, spans))
        if RE_PRONOUN.search(_mask(text, spans)):
            plan.pronoun = True

    @staticmethod
    def _unresolved(plan: Plan, masked: str, text: str) -> None:
        """平潭和洪泽谁多, with 洪泽 not in the index: the word joined to a found name is a name too; said,
        never dropped. Words of the template, question words and years are no names, nor a thing joined to a
        year (平潭2024年的政策解读跟2023年比: the thing compared over the years)."""
        found = []
        for m in RE_JOINED_BEFORE.finditer(masked):  # the words right before 和: from the right, to a stop
            if re.match(r"(?:19|20)\d\d", text[m.end() - 1:]):
                continue
            word = m.group(1)
            i = len(word)
            while i > 0 and word[i - 1] not in NAME_STOP and word[i - 1] not in "年月日":
                i -= 1
            found.append(word[i:])
        for m in RE_JOINED_AFTER.finditer(masked):  # the words right after 和: from the left, to a stop
            word = m.group(1)
            cut = next((i for i, ch in enumerate(word) if ch in NAME_STOP or ch in "年月日"), len(word))
            counted = RE_COUNTED.search(word)  # 石家庄三家城管: the name ends where the count of the set begins
            found.append(word[:min(cut, counted.start() if counted else cut)])
        found += _than_side_names(masked)
        for word in found:
            hits = [mm.start for mm in mentions(word)]
            word = word[:min([len(word), *hits])]
            if len(word) >= 2 and not RE_QUESTION_WORD.search(word) and word not in plan.unresolved:
                plan.unresolved.append(word)

    def _leading_name(self, plan: Plan, masked: str) -> None:
        """伊州2020年行政处罚: a short word opening the question, right before a year or a name, that is no
        word of the template or of a question and shares a character of a place with an agency we hold — a
        name we cannot resolve. Said with candidates, never dropped."""
        m = re.match(r"([\u4e00-\u9fff]{2,4})(?=＿|\d)", masked)
        report = re.match(r"([\u4e00-\u9fff]{2,6}?)(?=那份|这份|的报告|的年报|报告|年报)", masked)  # 上海那份报告
        if not m and not report:
            return
        word = (m or report).group(1)
        if RE_QUESTION_WORD.search(word) or any(ch in NAME_STOP for ch in word) or mentions(word) or \
                RE_OP_WORD.search(word) or word in ("所有", "全部", "这些", "各个"):
            return
        near = [a for a in self.finder.nearest(word, 5) if set(word) & (set(a) - PLACE_SUFFIX_CHARS)]
        if near or report:
            plan.unresolved.append(word)

    @staticmethod
    def _name_prefix(text: str, start: int) -> str:
        """The place-like words right before a kind word (北京 in 北京城管局), or ''."""
        i = start
        while i > 0 and start - i < 6 and RE_CJK.match(text[i - 1]) and text[i - 1] not in NAME_STOP:
            i -= 1
        prefix = RE_COUNTED_KIND.sub("", text[i:start])  # 五家城管 / 几个城管局: a count of the kind, no place
        return prefix if len(prefix) >= 2 else ""

    def _measure(self, plan: Plan, text: str, spans: list[tuple[int, int]]) -> None:
        for start, written, meant in sound_alike(text):  # 行政处发: one character of the same sound, said
            text = text[:start] + meant + text[start + len(written):]
            plan.defaults.append(f"「{written}」按「{meant}」理解")
        # 新闻发布会, 发布厅: a column's word (发布 → 本年制发) that runs into a noun is part of a name the text uses
        found = [m for m in mentions(text) if not (m.kind == "column" and _NAME_GOES_ON.match(text, m.end))]
        item_hits = [m for m in found if m.kind == "item"]
        item_ids = list(dict.fromkeys(m.target for m in item_hits))
        # "申请" is also the noun of every row of 三: 不予公开的申请 asks for 不予公开, not for 新收
        generic_new = {"申请", "申请数", "申请数量", "申请量", "申请件"}
        container_words = generic_new | {"依申请", "依申请公开", "信息公开申请", "政府信息公开申请", "公开申请",
                                         "收到的申请", "收到申请", "新收", "本年新收", "新收申请"}
        # 新收加上年结转: the two inputs of the ledger added, neither inside the other
        summed = any(m.target == "apply.new" and (RE_ADDED.match(text, m.end) or re.search(r"(?:加上|加|＋|\+)$",
                                                                                         text[:m.start]))
                     for m in item_hits)  # (上年结转加新收: 新收 added after the other)
        if "apply.new" in item_ids and len(item_ids) > 1 and not summed and all(
                m.word in container_words for m in item_hits if m.target == "apply.new"):
            item_ids.remove("apply.new")
            if not all(m.word in generic_new for m in item_hits if m.target == "apply.new"):
                plan.container = "apply.new"
        # 行政诉讼里直接起诉的 / 不予公开里属于内部事务的: an item followed by 里/中 and then by another item is
        # the set the other one is in (a share's denominator), not a second measure; it is narrower than the
        # 依申请 that only names the table (依申请办理结果里不掌握的占比: of the results, not of 新收)
        if plan.container in (None, "apply.new"):
            for m in item_hits:
                if m.target in item_ids and RE_CONTAINER.match(text, m.end) and \
                        any(h.start >= m.end and h.target not in (m.target, "apply.new") for h in item_hits):
                    plan.container = m.target
                    item_ids.remove(m.target)
                    break
        # 一共新收了多少件申请，其中予以公开的有多少: the set is asked for in a clause of its own, then a part of
        # it: both are answered (not a share, which 占 / 比例 would ask)
        # (不予公开总共几件，其中国家秘密呢 / 收到多少申请，其中予以公开的呢: the whole before 其中 is asked too, be
        # it a group of the part or the 申请 of 三, and 呢 asks after 其中 as 多少 does)
        qz = text.find("其中")
        whole = plan.container or next((m.target for m in reversed(item_hits) if m.start < qz), None)
        asked_whole = None
        if whole and qz > 0 and RE_HOW_MANY.search(text, 0, qz) and \
                (RE_HOW_MANY.search(text, qz) or RE_ASKS_TOO.search(text, qz)) and not RE_SHARE.search(text) \
                and any(m.target == whole and m.start < qz for m in item_hits) \
                and any(m.target in item_ids and m.target != whole and m.start > qz for m in item_hits):
            asked_whole = whole
            plan.container = None
        all_items = items()
        # 行政诉讼一共多少（直接起诉加复议后起诉）: a group named beside every one of its parts, none asked each
        # (各 / 分别), spells out what the whole is: the whole, not its first part
        whole = next((i for i in item_ids if all_items[i].is_group and len(all_items[i].members) > 1 and
                      all(j in item_ids for j in all_items[i].members)), None)
        if whole and not RE_EACH.search(text):
            item_ids = [whole] + [i for i in item_ids if i != whole and i not in all_items[whole].members]
        # a row and its group both named (无法提供 · 本机关不掌握): the row
        item_ids = [i for i in item_ids if not (all_items[i].is_group and any(  # (其他处理 is a member of itself)
            j != i and j in all_items[i].members for j in item_ids))] or item_ids
        # 行政诉讼 and 复议后起诉 named together: the narrower row
        item_ids = [i for i in item_ids if not any(j != i and j.startswith(i + ".") for j in item_ids)] or item_ids
        if asked_whole:
            item_ids = [asked_whole] + [i for i in item_ids if i != asked_whole]
        used_items = [m for m in item_hits if m.target in item_ids]
        spans += [(m.start, m.end) for m in used_items]
        # 直接起诉的占全部行政诉讼的比重: the wider row after 占 is the share's denominator, not dropped as the
        # narrower row's group
        at = text.find("占")
        over = [m for m in item_hits if at >= 0 and m.start > at and m.target not in item_ids and
                any(m.target == i or items()[m.target].is_group and i in items()[m.target].members or
                    i.startswith(m.target + ".") for i in item_ids)]
        spans += [(m.start, m.end) for m in over]
        plan.item_at = [(m.target, m.start) for m in used_items + over] + \
            [(m.target, m.start) for m in item_hits if m.target == plan.container]
        if item_ids:
            plan.item = item_ids[0]
            plan.item_word = next(m.word for m in used_items if m.target == plan.item)
            plan.extra_items = item_ids[1:]
        # 比上一年: a change, not the 上一年项目数量 column
        # 同比增减: against the year before, not the template's 本年增/减 column (of items, not of decisions)
        cols = [m for m in found if m.kind == "column" and not (
            m.word.startswith("上") and m.start and text[m.start - 1] in "比较与和同跟") and not (
            m.target.endswith(":change") and re.search(r"(?:同比|环比)$", text[:m.start]))]
        chosen: str | None = None
        if plan.item:
            item = items()[plan.item]
            for m in cols:
                table, col = m.target.split(":")
                if table == item.table and (col in item.columns or col in COLUMN_GROUPS):
                    if measure(plan.item, col) is not None:
                        if chosen is None:
                            chosen, plan.column_word = col, m.word
                        elif col != chosen and col not in plan.extra_columns:
                            plan.extra_columns.append(col)  # 自然人和法人: each column's value
                        spans.append((m.start, m.end))
        else:
            # 提到了新闻发布会 / 写了公开发布: a column's word after a verb of saying, with no item, is part of the
            # thing the text is asked to say, not the table's column
            cols = [m for m in cols if not RE_SAYS.search(text[:m.start])]
            plan.column_words = list(dict.fromkeys(m.target for m in cols))
            named = [t for rx, t in TABLE_WORDS if rx.search(text)]
            if len(named) == 1 and any(c.startswith(named[0] + ":") for c in plan.column_words):
                # 表三的总计: the column of the table named (its 总计 row: （七）总计)
                plan.column_words = [c for c in plan.column_words if c.startswith(named[0] + ":")]
                cols = [m for m in cols if m.target in plan.column_words]
            tables = {t.split(":")[0] for t in plan.column_words}
            implied = TABLE_TOTAL.get(named[0]) if len(named) == 1 and plan.column_words == [f"{named[0]}:total"] \
                else None
            implied = implied or (IMPLIED_ITEM.get(next(iter(tables))) if len(tables) == 1 else None)
            word = next((m.word for m in cols if m.word in IMPLIED_BY_WORD), None)
            implied = IMPLIED_BY_WORD[word] if implied and word else implied
            if implied:  # 纠正率 / 自然人有多少: a column of one table only, read on that table's main row
                plan.item, plan.item_word, plan.item_implied = implied, None, True
                m = next(m for m in cols if m.target.split(":")[0] in tables)
                col = m.target.split(":")[1]
                if measure(implied, col) is not None:
                    chosen, plan.column_word = col, m.word
                    spans.append((m.start, m.end))
                    for other in cols:  # 自然人和法人各多少: each column's value
                        more = other.target.split(":")[1]
                        if more != col and more not in plan.extra_columns and measure(implied, more) is not None:
                            plan.extra_columns.append(more)
                            spans.append((other.start, other.end))
                plan.defaults.append(f"「{m.word}」按「{items()[implied].label}」")
        if chosen:
            plan.column, plan.column_explicit = chosen, True
            said = next(m for m in cols if m.target.endswith(":" + chosen))
            item_end = max((m.end for m in used_items if m.target == plan.item), default=-1)
            if (not plan.extra_columns and 0 <= item_end <= said.start and len(RE_HOW_MANY.findall(text)) >= 2
                    and RE_HOW_MANY.search(text, item_end, said.start)):
                # 行政复议多少件，被纠正的有几件: the row is asked for before the column is named: both answered
                defaults = list(plan.defaults)
                self.default_column(plan)
                plan.defaults = defaults
                if plan.column != chosen:
                    plan.extra_columns.append(chosen)
                else:
                    plan.column_explicit = True
        elif plan.item:
            self.default_column(plan)
        # a money word inside the item's own name (…缴纳费用…的申请) asks no amount
        if plan.item and RE_MONEY.search(_mask(text, spans)) and measure(plan.item, "amount") is None:
            plan.money = True
        elif plan.item_word == "罚款":  # the template counts penalty decisions; it never states fines
            plan.defaults.append("「罚款」按行政处罚的处理决定数量（件）理解，报告没有罚款金额")
        if plan.item and any(m.word in generic_new for m in item_hits if m.target == "apply.new") and \
                plan.item == "apply.new":
            handled = RE_HANDLED.search(text)
            if handled and not plan.column_explicit:  # 处理了多少申请: the results of the year, not the new ones
                plan.item = "apply.total"
                plan.defaults = [d for d in plan.defaults if "申请人类别" not in d]
                self.default_column(plan)
                plan.defaults.append(f"「{handled.group(0)}」按办理结果总计（本年作出办理结果的申请）")
            else:
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

    def _template_years(self, plan: Plan) -> None:
        """2021版模板的报告里哪份…最多: the year names the template, and a template is its statistics years (2019, 2020
        for the 2019 one; 2021 on for the 2021 one: docs/report-format), so the scope is every report of those years."""
        fmt = RE_FORMAT.search(plan.text)
        if not fmt:
            return
        plan.template = fmt.group(1) if fmt.group(1) in ("2019", "2021") else ("2021" if "新" in fmt.group(0) else "2019")
        named = [y for y in plan.years if str(y) != fmt.group(1)]
        held = [y for y in sorted(set(self.years)) if (y >= 2021) == (plan.template == "2021")]
        plan.years = named or held
        plan.all_years = len(plan.years) > 1 or plan.all_years
        plan.defaults.append(f"「{fmt.group(0)}」即" + ("2021年及以后" if plan.template == "2021" else "2019、2020年") +
                             "的报告")

    def _operation(self, plan: Plan, rest: str) -> None:
        from qa.op_both import text_clause
        from qa.prose import (RE_ASKS_DOING, RE_DID, RE_ENSURES, RE_ONLY_PLANNED, asks_charged, asks_how,
                              asks_section, asks_shortfalls)

        # 收到的申请都办完了吗: none carried over to next year (结转下年度 = 0); the requests must be named (建议提案都办完了吗
        # asks the text)
        if (done := RE_ALL_DONE.search(plan.text)) and plan.item in ("apply.new", "apply.total") and \
                not plan.extra_items:
            plan.item, plan.item_word, plan.container = "apply.carried_out", None, None
            plan.defaults = [d for d in plan.defaults if not d.startswith("「申请」按")]
            self.default_column(plan)
            plan.comparison = Comparison(op="==", value=0, text=done.group(0))
            plan.defaults.append(f"「{done.group(0)}」按结转下年度继续办理为0件理解")
        if RE_OPEN_RATE.search(rest) and plan.item in (None, "apply.new") and not plan.extra_items:
            # 公开率 (依申请公开的公开率): (予以公开 + 部分公开) ÷ 办理结果总计, the usual formula, said
            plan.item, plan.item_word, plan.item_implied, plan.container = "apply.granted", None, False, None
            plan.defaults = [d for d in plan.defaults if not d.startswith("「申请」按")]
            plan.share_items, plan.share_of = ["apply.granted", "apply.partial"], ["apply.total"]
            if not plan.column_explicit:
                self.default_column(plan)
            plan.defaults.append("「公开率」按（予以公开 + 部分公开）÷ 办理结果总计")
        has_measure = plan.item is not None
        if has_measure and not plan.agencies and RE_SUMS_SET_AGAINST.search(rest):
            # 新收加上年结转不等于办理总计加结转下年度的是哪几份: the reports that break a rule, not a threshold (one
            # report named is its own four cells set side by side: qa.op_measures)
            plan.operation = "findings"
            return
        if has_measure or RE_FINDINGS.search(plan.text):  # (用2021版模板的报告里哪份对不上: those years' reports)
            self._template_years(plan)
        ranked = RE_MAX.search(rest) or RE_MIN.search(rest) or RE_TOPN.search(rest) or RE_BOTTOMN.search(rest)
        # 依申请公开是怎么办理的 / 依申请公开存在什么问题: the text says how and what fell short, the table only how
        # many (行政处罚最多的单位存在哪些问题 ranks first: the mixed plan below)
        # (不予公开的申请分别是什么原因: a row whose parts are its reasons is broken down below, not read in the text)
        parts_asked = has_measure and items()[plan.item].is_group and bool(RE_PARTS_ASKED.search(rest))
        if has_measure and not done and (asks_how(rest) and not parts_asked or RE_DID.search(rest) or (asks_shortfalls(rest) and not ranked) or RE_TEXT_THING.search(rest)
                            or asks_section(rest) or RE_STAFF.search(plan.text) and "申请" not in plan.text or asks_charged(plan.text)
                            # 有没有提到依申请公开(流程): whether the text says it, not whether the count is above 0
                            # (涉及国家秘密 is what a refusal was for: 涉及 there says involving, not the text)
                            or plan.item_word and re.search(rf"(?<!不)[提说讲写谈][到及过了]了?\s*{re.escape(plan.item_word)}", plan.text)):
            plan.defaults = [d for d in plan.defaults if not d.startswith("未指明")]  # no column is read
            plan.operation = "prose"
            plan.prose, plan.op_explicit = True, False
            return
        if has_measure and len(plan.agencies) == 1 and (ex := RE_EXCEPT_ITEM.search(rest)) and not ranked:
            parts = [i for i, pos in plan.item_at if ex.start() <= pos < ex.end()]
            wholes = [i for i, pos in plan.item_at if not ex.start() <= pos < ex.end() and i not in parts]
            if parts and wholes:  # 办理结果里除了予以公开以外的有多少: the whole less the part
                plan.item, plan.extra_items, plan.container, plan.rest_of = wholes[0], parts, None, True
                plan.operation = "compare_measures"
                return
        # (无法提供的有多少件，都是什么原因: the row's parts are its reasons, a breakdown below, not the text)
        if has_measure and len(plan.agencies) == 1 and not ranked and (clause := text_clause(plan.text)) and \
                not (RE_PARTS_ASKED.search(clause) and items()[plan.item].is_group):
            plan.operation, plan.prose_text = "fact_text", clause  # 收了多少申请，存在什么问题: both answered
            return
        self._comparison(plan, rest)
        self._conditions(plan, rest)
        self._versus(plan, rest)
        asking = re.sub(r"[这那近前][几两]年", "", rest)  # 是不是这几年最多的: 几 here asks nothing
        plan.yesno = bool(RE_YESNO.search(rest)) and (not RE_WH.search(asking) or bool(RE_ANY_WH.search(rest))) \
            or bool(done)  # 都处理完了没有: yes or no
        # 收到多少件申请，是不是0: one report's number asked, then checked in a clause of its own (the answer's
        # 是的：0件 gives both)
        last_clause = re.split(r"[，,；;]", rest)[-1]
        if not plan.yesno and len(plan.agencies) == 1 and plan.comparison is not None and \
                RE_YESNO.search(last_clause) and not RE_WH.search(last_clause):
            plan.yesno = True
        if plan.yesno and plan.comparison is not None and RE_HAVE.search(rest):
            plan.comparison.have = True
        if RE_ASC.search(rest):
            plan.order = "asc"
        plan.change = bool(RE_CHANGE.search(rest)) and not plan.neighbour or \
            (plan.column == "change" and plan.column_explicit)  # (最多的那年比上年多了多少: a ranking, then its step)
        prose_cue = bool(RE_PROSE.search(rest) or RE_ONLY_PLANNED.search(rest))  # 只是打算开…: done or planned, in the text
        for rx, part in PART_HINTS:
            if rx.search(rest):
                plan.part = part
                break
        n_top, n_bottom = RE_TOPN.search(rest), RE_BOTTOMN.search(rest)
        is_max, is_min = bool(RE_MAX.search(rest)), bool(RE_MIN.search(rest))
        # 最多的一年 / 最少的一家: the largest (smallest) one, not a list of one
        n_top, n_bottom = (None if x and x.group(0).startswith("最") and parse_number(x.group(1)) == 1 else x
                           for x in (n_top, n_bottom))
        which_n = RE_WHICH_N.search(rest)  # 哪三份…最多: the top three, not the one first
        if which_n and (parse_number(which_n.group(1)) or 0) >= 2 and not n_top and not n_bottom and is_max != is_min:
            n_top, n_bottom = (which_n, None) if is_max else (None, which_n)
        if RE_FINDINGS.search(rest) and not (has_measure and plan.comparison and plan.comparison.op != "==") \
                and not RE_ENSURES.search(rest):  # 怎么保证信息不出错: the work, not the report's numbers
            plan.operation = "findings"
            return
        plan.times, plan.percent = bool(RE_TIMES.search(rest)), bool(RE_PERCENT.search(rest))
        # 办理结果中哪一种情形最多 / 占比最大的是哪类: the item's own parts, in one report
        has_parts = has_measure and (items()[plan.item].table in ("apply", "review") or items()[plan.item].is_group)
        listed = bool(RE_PARTS_ASKED.search(rest) or RE_BREAKDOWN.search(rest) or
                      has_parts and not plan.column_explicit and RE_RESULTS_HOW.search(rest)) and not (is_max or is_min)
        if has_measure and len(plan.agencies) == 1 and len(plan.years) <= 1 and RE_PARTS_SUMMED.search(rest):
            plan.operation, plan.each, plan.parts_sum, plan.comparison = "breakdown", True, True, None
            return
        # 谁申请的最多 (申请 read as the item, masked): the applicants of that row, not the agencies
        who_applied = has_measure and bool(re.search(r"谁＿+的", rest)) and items()[plan.item].table == "apply"
        if has_measure and ((RE_WHICH_PART.search(rest) or who_applied) and (is_max or is_min or RE_ORDER.search(rest)) or
                            RE_BREAKDOWN.search(rest) and len(plan.years) <= 1 and len(plan.agencies) == 1 or
                            listed and plan.agencies):  # 洪泽和平潭2023年的理由分别是什么: each report's parts
            plan.operation, plan.each = "breakdown", listed
            plan.order = "asc" if is_min and not is_max else "desc"
            if plan.item == "apply.new" and RE_ANSWERED.search(plan.text):
                plan.item = "apply.total"
            return
        if has_measure and RE_SHARE.search(rest):
            if not plan.share_of:  # (公开率: read above)
                self._share(plan, rest)
            if plan.operation != "sum":  # (合计多少，各占多少: a sum with shares, qa.op_sum)
                plan.operation = "share"
            return
        # 予以公开的是部分公开的百分之多少: two measures of one report, the first over the second (two years of one
        # measure, 2023年是2022年的百分之几, stay a change)
        if has_measure and plan.extra_items and RE_OF_PERCENT.search(rest):
            self._share(plan, rest)
            return
        nth = RE_NTH.search(rest)
        if has_measure and nth and not n_top and not n_bottom:
            n = parse_number(nth.group(2))
            if n and n >= 2:
                plan.operation, plan.nth, plan.n = "nth", int(n), int(n)
                plan.order = "asc" if nth.group(1) else plan.order
                return
        span = RE_YEAR_RANGE.search(plan.text)
        own_year = {y for y, _ in plan.year_at}  # (a range's years are not in year_at)
        if has_measure and len(plan.agencies) == 1 and RE_WHICH_PLACE.search(rest) and span and len(own_year) == 1:
            # 平潭2021年行政处罚在2021至2025年中排第几: that report placed among the agency's own reports of the range
            low, high = sorted((int(span.group(1)), int(span.group(2))))
            plan.place_of, plan.place_year = list(plan.agencies), own_year.pop()
            plan.years, plan.all_years, plan.operation = list(range(low, high + 1)), True, "rank"
            plan.order = "asc" if RE_MIN.search(rest) or "倒数" in rest else "desc"
            return
        if has_measure and plan.agencies and RE_WHICH_PLACE.search(rest):
            # 平潭2020年的行政处罚排第几: the whole ranking of the year (or of each agency's latest), its place said
            plan.place_of, plan.agencies = list(plan.agencies), []
            plan.operation = "rank"
            plan.order = "asc" if RE_MIN.search(rest) or "倒数" in rest else "desc"
            return
        if has_measure and (RE_SUM.search(rest) or RE_AVG.search(rest)) and len(plan.agencies) >= 2 \
                and not RE_COMPARE.search(rest):
            plan.operation = "avg" if RE_AVG.search(rest) else "sum"  # 沙河、伊川、鹤岗三家合计: a named set
            return
        if not has_measure and (best := RE_BEST.search(rest)) and (part := RE_RATED_PART.search(rest)):
            self._rated(plan, best.group(0), part.group(0))
            return
        if not has_measure:
            nth = RE_NTH.search(rest)
            if RE_SHARE.search(rest):
                plan.bare_op = "share"  # 占比多少: of the measure the conversation is about
            elif nth and (parse_number(nth.group(2)) or 0) >= 2 and not n_top and not n_bottom:  # 第二名呢
                plan.bare_op, plan.nth = "nth", int(parse_number(nth.group(2)))
                plan.n, plan.order = plan.nth, "asc" if nth.group(1) else plan.order
            elif n_top or n_bottom:
                plan.bare_op = _top_or_bottom(plan, n_top, n_bottom)
            elif listed or RE_BREAKDOWN.search(rest):  # 分别是什么原因: the parts of the measure talked about
                plan.bare_op, plan.each = "breakdown", listed
            elif RE_WHICH_PLACE.search(rest):  # 排第几: the place of the report talked about
                plan.bare_op = "place"
                plan.order = "asc" if RE_MIN.search(rest) or "倒数" in rest else "desc"
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
            # (为什么很多数据是空的 is about the tables, though 为什么 otherwise asks the text)
            if RE_GAPS.search(rest) and (not prose_cue or re.search(r"数据|数字|表格", rest)) or \
                    RE_REPORT_QUALITY.search(rest):
                plan.operation = "gaps"
                return
            fmt = RE_FORMAT.search(plan.text)
            if fmt:  # 用2021年新版格式的有几份: the year names the template, not the reports' year
                plan.template = fmt.group(1) if fmt.group(1) in ("2019", "2021") else \
                    ("2021" if "新" in fmt.group(0) else "2019")
                plan.years = [y for y in plan.years if str(y) != fmt.group(1)]
                plan.corpus_what, plan.operation = "count", "corpus"
                return
            if plan.agencies and (RE_CORPUS_COUNT.search(rest) or RE_REPORT_YEARS.search(rest)) and not prose_cue:
                # 平潭有几份报告 / 平潭哪几年有报告
                plan.corpus_what, plan.operation = "count", "corpus"
                return
            if not plan.agencies and not plan.candidates:
                if RE_REPORTS_MOST.search(rest) and not prose_cue:
                    plan.corpus_what = "per_agency"
                    plan.order = "asc" if is_min and not is_max else "desc"
                elif (one := RE_REPORTS_ONE.search(rest)) or RE_REPORTS_SEVERAL.search(rest):
                    plan.corpus_what = "per_agency"  # 只有一份报告的单位: those counts, not every agency
                    plan.reports_count = "one" if one else "several"
                elif RE_CORPUS_OVERVIEW.search(rest):
                    plan.corpus_what = "overview"
                elif RE_CORPUS_COUNT.search(rest) and not (prose_cue and RE_SAYS.search(rest)):
                    plan.corpus_what = "count"  # not 哪几年的报告说到了营商环境: which reports say it
                elif RE_CORPUS_YEARS.search(rest) and not prose_cue:
                    plan.corpus_what = "years"
                elif RE_CORPUS_AGENCIES.search(rest) and not prose_cue and not RE_ASKS_DOING.search(rest):
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
        if len(plan.agencies) >= 2 and plan.yesno and plan.comparison is not None:
            plan.operation = "filter"  # 伊川、鹤岗、沙河都超过5件吗: a verdict over the named ones
            return
        if len(plan.agencies) >= 2 and len(plan.years) <= 1 and RE_YEAR_ON_YEAR.search(rest):
            plan.operation = "change"  # 平潭和洪泽2023年的同比增长率: each agency against its own year before
            return
        if len(plan.agencies) >= 2:
            plan.operation = "compare"
            return
        ordered = bool(is_max or is_min or n_top or n_bottom or RE_ORDER.search(rest))
        if len(plan.agencies) == 1 and ordered and not plan.years and not plan.all_years and not plan.relative:
            # 平潭行政许可最多的那年: one agency ranked against itself is its years, not its one latest report
            plan.all_years = True
            plan.defaults.append(f"只问了一个单位：按{plan.agency_mentions[0] if plan.agency_mentions else '它'}各年的报告比较")
        if plan.yesno and (is_max or is_min) and len(plan.agencies) == 1 and len(plan.years) == 1 and \
                RE_OVER_YEARS.search(rest):  # 2024年是不是历年最多的: that year placed among the agency's years
            plan.place_of, plan.place_year, plan.years, plan.all_years = list(plan.agencies), plan.years[0], [], True
        if plan.agencies and plan.all_years and ordered:  # 平潭哪一年…最多 / 平潭每年…从多到少排序
            if n_top or n_bottom:
                plan.operation = _top_or_bottom(plan, n_top, n_bottom)
            elif is_max or is_min:
                plan.operation = "max" if is_max and not (is_min and rest.find("最少") < rest.find("最多")) else "min"
            else:
                plan.operation = "rank"
            return
        aggregate = ordered or RE_AVG.search(rest) or RE_SUM.search(rest) or plan.comparison
        if len(plan.agencies) == 1 and has_measure and len(plan.years) >= 2 and not aggregate and \
                RE_YEAR_ON_YEAR.search(rest) and (RE_EACH.search(rest) or re.search(r"各自?(?:增|减|涨|降|变)", rest)
                                                  or len(plan.years) > 2 or plan.relative):
            plan.operation, plan.yoy, plan.all_years = "change_by_year", True, True  # 近两年同比各增减多少
            return
        if len(plan.years) == 2 and (plan.agencies or plan.pronoun) and not aggregate and \
                not (RE_EACH.search(rest) and not plan.change and not RE_COMPARE.search(rest)):
            plan.operation = "change"  # 平潭2019年和2020年 / 2024年是2019年的几倍 (两年分别多少: the two values)
            return
        if len(plan.agencies) == 1 and has_measure and not plan.comparison and not ordered and \
                len(plan.years) != 1 and RE_TREND.search(rest):
            plan.operation, plan.trend, plan.all_years = "change_by_year", True, True
            return
        if len(plan.agencies) == 1 and has_measure and not plan.comparison and RE_STREAK.search(rest):
            fell = bool(RE_FELL.search(rest))  # 连续增长了几年 / 连续几年下降
            plan.comparison = Comparison(op="<" if fell else ">", value=0, text="减少" if fell else "增加")
            plan.operation, plan.streak, plan.all_years = "change_by_year", True, True
            return
        if plan.change and len(plan.agencies) == 1 and plan.all_years and not plan.comparison and not ordered and \
                RE_WHICH_YEARS.search(rest):  # 哪几年是增加的: each year against the one before, those that rose
            fell = bool(RE_FELL.search(rest))
            plan.comparison = Comparison(op="<" if fell else ">", value=0, text="减少" if fell else "增加")
            plan.operation = "change_by_year"
            return
        if plan.change and (plan.agencies or plan.pronoun) and not plan.comparison and not ordered:
            plan.operation = "change"
            return
        one_report = has_measure and len(plan.agencies) == 1 and len(plan.years) <= 1 and not plan.all_years
        exists = plan.yesno and RE_EXISTS.search(rest) and (plan.comparison is None or plan.comparison.text in ("没有", "有"))
        if one_report and exists:  # 有没有予以公开的申请 / 行政诉讼有没有: whether it is not 0
            plan.comparison = Comparison(op="!=", value=0, text="有")
        stated = RE_STATED.search(rest) if plan.yesno and one_report and plan.comparison is None else None
        if stated and (value := _in_unit(plan, stated.group(1), stated.group(2))) is not None:
            plan.comparison = Comparison(op="==", value=value, text=stated.group(0))  # 纠正了3件吗
        if plan.comparison and plan.yesno and one_report:  # 洪泽2023年行政强制是195件吗: one report's value, yes or no
            plan.operation = "value"
            return
        if plan.comparison and plan.comparison.rate and len(plan.agencies) == 1:
            plan.operation, plan.all_years = "change_by_year", True  # 哪几年比上一年增长超过50%: each year's own change
            return
        if plan.comparison or plan.absent_only:
            plan.operation = "count" if RE_COUNT.search(rest) else "filter"
            return
        if n_top or n_bottom:
            plan.operation = _top_or_bottom(plan, n_top, n_bottom)
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
        if RE_COUNT.search(rest) and not plan.agencies and not RE_ORDER.search(rest):  # 把几家…排列: a ranking
            plan.operation = "count"
            return
        if plan.agencies or plan.candidates or plan.pronoun or plan.unknown_agency:
            plan.operation = "sum" if plan.all_years and RE_SUM.search(rest) else "value"
            plan.op_explicit = plan.operation == "sum"
            return
        if plan.kind and len(plan.kind_agencies) == 1:
            plan.agencies = list(plan.kind_agencies)
            plan.operation, plan.op_explicit = "value", False
            plan.defaults.append(f"「{plan.kind}」按{plan.agencies[0]}理解（索引中只有这一个）")
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

    def _rated(self, plan: Plan, best: str, part: str) -> None:
        """哪个单位的主动公开做得最好: the reports rate nothing; ranked on the count the part's table gives for
        every report (RATED_PARTS), and the answer says that this is how 'best' was read."""
        plan.item = RATED_PARTS[part]
        self.default_column(plan)
        m = plan.measure()
        plan.operation = "min" if best in ("最差", "最不好", "最弱") else "max"
        plan.defaults.insert(0, f"「{best}」报告没有统一的评价标准，表格也不打分；这里按{part}表中的"
                                f"「{m.label if m else part}」数量来比，只比这一项，不是综合评价")

    def _share(self, plan: Plan, rest: str) -> None:
        """占比 / 比例 / 公开率: numerator items (before 占, joined by 加/和), denominator items (after 占, or
        the container the question puts them in, or the other item named); none: the item's total column."""
        plan.operation = "share"
        if len(plan.years) == 1 and RE_YEAR_ON_YEAR.search(rest):
            # 2022年纠错率同比变化多少个百分点: the rate of the year before too, the two compared in points
            plan.years, plan.all_years = [plan.years[0] - 1, plan.years[0]], True
            plan.defaults.append(f"「{RE_YEAR_ON_YEAR.search(rest).group(0)}」按{plan.years[0]}年的比例比较")
        at = rest.find("占")
        named = sorted(plan.item_at, key=lambda x: x[1])
        after = [i for i, pos in named if at >= 0 and pos > at]
        if at > 0 and not after and RE_SUM.search(rest[:at]) and len(set(i for i, _ in named)) == 1 and \
                RE_EACH_SHARE.search(rest) and \
                (len(plan.agencies) >= 2 or len(plan.agencies) == 1 and len(plan.years) >= 2):
            plan.operation = "sum"  # 2023年和2024年合计多少，各占多少: the sum, then each one's share of it (qa.op_sum)
            return
        before = [i for i, pos in named if at < 0 or pos < at]
        if after:
            plan.share_of = list(dict.fromkeys(after))
        elif plan.container and (plan.container not in before[:1] or
                                 plan.container != "apply.new" and len(set(before)) >= 2):
            plan.share_of = [plan.container]
        elif len(set(before)) >= 2 and not re.search(r"加|与|和|及|\+", rest[:at] if at >= 0 else rest):
            plan.share_of = [i for i in dict.fromkeys(before) if i != plan.item][-1:]
        # 商业企业的新收申请占全部新收申请 / 纠正占全部复议: a column named before 占 only, over its own row's total
        t_at = plan.text.find("占")
        own_row = plan.column_explicit and plan.column not in ("total", None) and bool(plan.column_word) and \
            plan.column_word in plan.text[:t_at] and plan.column_word not in plan.text[t_at:] and \
            not re.search(r"报告|单位|家", plan.text[t_at:])
        if plan.agencies and before and after and set(before) == set(after) and RE_ALL_REPORTS.search(rest[at:]) \
                and not own_row:
            # 占平潭所有报告的: the agency named again after 占 sums its own years, not every agency's
            own = len(plan.agencies) == 1 and len(plan.years) == 1 and \
                any(w and w in plan.text[at:] for w in plan.agency_mentions)
            plan.share_across, plan.share_years = not own, own
            plan.item, plan.share_of, plan.share_items = after[0], [], []
            return  # the same item over every report's: one agency's part of the whole
        span = RE_YEAR_RANGE.search(plan.text) if at >= 0 else None
        own_year = {y for y, _ in plan.year_at}  # (a range's years are not in year_at)
        if len(plan.agencies) == 1 and span and len(own_year) == 1 and set(after) <= {plan.item}:
            # 2024年占2019至2025年合计的 / 2025年在2021至2025年总数里占: one year's part of the range's sum
            low, high = sorted((int(span.group(1)), int(span.group(2))))
            plan.share_years, plan.share_of, plan.share_items = True, [], []
            plan.share_over, plan.years, plan.all_years = list(range(low, high + 1)), sorted(own_year), False
            return
        whole_first = RE_OVER_YEARS.search(rest[:at]) if at >= 0 and not after else None
        if len(plan.agencies) == 1 and len(plan.years) == 1 and at >= 0 and set(after) <= {plan.item} and \
                (RE_OVER_YEARS.search(rest[at:]) or whole_first and any(p > whole_first.end() for _, p in plan.year_at)):
            # 2022年的占历年总和 / 历年总和是多少，2022年占多少: the year's part of the agency's years
            plan.share_years, plan.share_of, plan.share_items = True, [], []
            return
        numer = [i for i in dict.fromkeys(before) if i not in plan.share_of and i != plan.container]
        if numer:
            plan.item = numer[0]
            plan.share_items = numer
            plan.extra_items = []
        if not plan.share_of and not (plan.column_explicit and plan.column not in ("total", None)):
            item = items()[plan.item]
            if plan.item in SHARE_DENOMINATORS:  # 办结率: 办理结果 ÷ (新收 + 上年结转)
                plan.share_of = list(SHARE_DENOMINATORS[plan.item])
            elif item.table == "apply" and plan.item not in ("apply.new", "apply.carried_in"):
                plan.share_of = ["apply.total"]  # a result row's share: of all results (办理结果总计)

    @staticmethod
    def _versus(plan: Plan, rest: str) -> None:
        """哪几年部分公开多于予以公开 / 哪些报告予以公开比部分公开少: the reports where one item is above (below)
        another; the comparison's value is the other item's, read per report (qa.op_filter)."""
        named = sorted(plan.item_at, key=lambda x: x[1])
        if plan.comparison is None and not plan.extra_items and len(plan.extra_columns) == 1 and plan.column and \
                RE_SET_ASKED.search(rest) and (m := RE_ABOVE_BELOW.search(rest) or
                                               re.search(r"比[^，,。？?]{1,12}?的?(?:还|更)?(多|高|大|少|低|小)", rest)):
            # 哪几年废止的比制发的多: two columns of one row, per report (the first named against the other)
            word = m.group(0)
            plan.versus, plan.versus_column, plan.extra_columns = plan.item, plan.extra_columns[0], []
            plan.comparison = Comparison(op="<" if re.search(r"少|低|小|不到|不及", word) else ">", value=0, text=word)
            return
        if plan.comparison is not None or len(plan.extra_items) != 1 or len(named) != 2 or \
                not RE_SET_ASKED.search(rest):
            return
        (a, pa), (b, pb) = named
        between = rest[pa:pb]
        after = rest[pb:pb + 12]
        if (m := RE_ABOVE_BELOW.search(between)) is None and not ("比" in between and
                                                                   (m := RE_MORE_LESS.match(after.lstrip("＿")))):
            return
        word = m.group(0)
        op = "<" if re.search(r"少|低|小|不到|不及", word) else ">"
        plan.item, plan.extra_items, plan.versus = a, [], b
        plan.comparison = Comparison(op=op, value=0, text=word)

    def _conditions(self, plan: Plan, rest: str) -> None:
        """行政处罚超过1000件而且行政许可超过3000件: one condition per item, each on the item named last before
        it; the first is the plan's item and comparison, the others are kept in plan.also (all must hold)."""
        found = [m for m in RE_CMP.finditer(rest) if not re.match(r"前|后", rest[max(0, m.start() - 1):m.start()])]
        named = sorted(plan.item_at, key=lambda x: x[1])
        if plan.comparison is not None and len(found) < 2 and len(plan.extra_items) == 1 and \
                len({i for i, _ in named}) == 2 and RE_SET_ASKED.search(rest) and \
                re.search(r"(?:都|均|同时|全都|也都)(?:不为|不是|没有|超过|大于|高于|少于|低于|不到|有|在|为|是|等于)", rest):
            plan.also = [(plan.extra_items[0], plan.comparison)]  # 行政复议和行政诉讼都不为0: one condition on both
            plan.extra_items = []
            return
        if len(found) < 2 or plan.comparison is None or len(named) < 2:
            return
        conds: list[tuple[str, Comparison]] = []
        for m in found:
            word, num, unit, tail = m.group(1) or m.group(2), m.group(3), m.group(4), m.group(5)
            op = dict(_CMP_WORDS)[word]
            if tail:
                op = ">=" if "上" in tail else "<="
            before = [i for i, pos in named if pos < m.start()]
            value = _in_unit(plan, num, unit)
            if not before or value is None or op == "==" and word not in ("等于", "为", "是"):
                return
            conds.append((before[-1], Comparison(op=op, value=value, text=m.group(0))))
        if len({i for i, _ in conds}) != len(conds):
            return
        (first, comparison), plan.also = conds[0], conds[1:]
        if first != plan.item:
            plan.item = first
            if measure(first, plan.column or "") is None:
                plan.column, plan.column_explicit = next((c for c in default_columns(first) if measure(first, c)),
                                                         None), False
        plan.comparison = comparison
        plan.extra_items = [i for i in plan.extra_items if i not in {i for i, _ in conds}]
        if plan.container in {i for i, _ in conds}:
            plan.container = None

    def _comparison(self, plan: Plan, rest: str) -> None:
        if plan.item and (m := RE_RATE_DOUBLED.search(rest) or RE_RATE_CMP.search(rest)):
            if m.re is RE_RATE_DOUBLED:
                op, value = ">=", 100.0
            else:
                fell = bool(re.match(r"下降|减少|下滑|降|跌", m.group(1)))
                value = parse_number(m.group(3) or m.group(4))
                if value is None:
                    return
                op, value = (("<=" if fell else ">=") if m.group(5) or m.group(2) in ("不少于", "至少", "达到", "达")
                             else ("<" if fell else ">")), -value if fell else value
            plan.comparison = Comparison(op=op, value=value, text=m.group(0), rate=True)
            return
        if (m := RE_VS_AVERAGE.search(rest)) and plan.item:
            op = "<" if re.search(r"少|低|小|不到|不及|不足", m.group(1)) else ">"
            plan.comparison = Comparison(op=op, value=0, text=m.group(0), average=True)
            return
        m = RE_ABSENT.search(rest)
        # 而没提供的有几件 / 有几件申请是因为信息不存在没提供的: cases of a row, not missing data
        if m and not RE_CASES_AFTER.match(rest, m.end()) and not RE_CASES_BEFORE.search(rest, 0, m.start()):
            plan.absent_only = True
            return
        if RE_NONZERO.search(rest):
            plan.comparison = Comparison(op="!=", value=0, text=RE_NONZERO.search(rest).group(0))
            return
        m = RE_BETWEEN.search(rest) or RE_BETWEEN_OPEN.search(rest)
        if m:
            lo, hi = _in_unit(plan, m.group(1), m.group(2) or m.group(4)), _in_unit(plan, m.group(3), m.group(4))
            if lo is not None and hi is not None:
                plan.comparison = Comparison(op="between", value=min(lo, hi), high=max(lo, hi), text=m.group(0))
                return
        if (about := _about(plan, rest)) is not None:
            plan.comparison = about
            return
        m = RE_CMP.search(rest)
        if m and not re.match(r"前|后", rest[max(0, m.start() - 1):m.start()]):
            word, num, unit, tail = m.group(1) or m.group(2), m.group(3), m.group(4), m.group(5)
            op = dict(_CMP_WORDS)[word]
            if tail and op == "==":  # 有100件以上 / 为10件以下
                op = ">=" if "上" in tail else "<="
            elif tail and op in (">", "<"):
                op = ">=" if "上" in tail else "<="
            value = _in_unit(plan, num, unit)
            if value is not None and (op != "==" or word in ("等于", "为", "是") or tail):
                plan.comparison = Comparison(op=op, value=value, text=m.group(0))
                return
        m = RE_CMP_TAIL.search(rest)
        if m:
            value = _in_unit(plan, m.group(1), m.group(2))
            if value is not None:
                plan.comparison = Comparison(op=">=" if "上" in m.group(3) else "<=", value=value, text=m.group(0))
                return
        if RE_ZERO.search(rest):
            plan.comparison = Comparison(op="==", value=0, text=RE_ZERO.search(rest).group(0))
            return
        # 没有收到申请的单位 / 没有行政处罚的 / 没有被申请过行政复议 / 没被提起过行政诉讼: a negation before the
        # measure word, with only verbs of happening between
        if plan.item and re.search(r"(?:没有|没|未|无)(?:被|遭|人|收到|接到|遇到|碰到|出现|发生|作出|做出|办理|受理|提起|申请|起诉|告|过|到|都|任何|"
                                   r"一件|一起|一个|一次)*＿", rest) and re.search(r"哪|几个|几年|几份|多少个|单位|有没有", rest):
            plan.comparison = Comparison(op="==", value=0, text="没有")
            return
        # 有行政复议的报告有哪些 / 哪几年有结转的申请: having the measure at all, i.e. not 0 (只有＿的几成 is a ratio)
        # 哪家城管收到了申请 / 哪几年作出过行政强制: a verb of having happened, likewise
        # 哪些单位有行政复议案件 / 哪几年有商业企业提出申请: having it, the measure (and the verb of its applicant) last
        if plan.item and (re.search(r"(?<![没未无只])(?:有|存在|发生)过?＿+[^＿，,。？?]{0,3}的", rest) or
                          re.search(r"(?<![没未无只])(?:有|存在|发生)过?＿+(?:(?:提出|提交|递交|发起)(?:过|了)?)?"
                                    r"(?:＿|案件|案子|申请|记录|情况)*[？?。！!]*$", rest) or
                          re.search(r"(?<![没未无])(?:收到|受理|作出|做出|办理|发生|提起)(?:了|过)＿", rest) or
                          # 哪些单位的申请来自企业 / 哪些单位有公司来申请: an applicant column had at all
                          plan.column and re.search(r"来自＿|(?<![没未无只])有＿+来", rest) or
                          # 哪些单位被提起行政诉讼 / 被申请过行政复议 / 被复议过: the passive of having happened
                          re.search(r"(?<![没未无不])被人?(?:提起|申请|提出|告|起诉|诉)?(?:了|过)?＿+(?:了|过)?"
                                    r"(?:的|案件|案子|情况|单位|报告|年份|有哪些|是哪些|有几个|有哪几个)*[？?。！!]*$",
                                    rest)) and \
                re.search(r"哪|几|多少个|多少份", rest):
            plan.comparison = Comparison(op="!=", value=0, text="有")
            if not plan.years and RE_WHICH_AGENCY.search(rest) and plan.column in APPLICANT_COLUMNS:
                # 哪些单位收到过公益组织的申请 / 申请来自企业: a rare applicant had in any report, each report listed
                plan.all_years, plan.latest = True, False



# what may stand beside a name on one side of 比 without being one (多吗, 一样, 增加了)
NOT_NAME_CHARS = set("多少高低大小吗呢吧了的件个项几一样同相等增加减长降下上升涨跌倍还更要是否呀啊么翻")  # 比上年翻番


RE_JOIN = "(?:和|与|跟|及|、|同|比|还是|vs)"


def _joined(word: str, text: str) -> bool:
    """The word stands joined to another name (上海城管和＿, ＿比上海): named beside it, not part of its text."""
    w = re.escape(word)
    return bool(re.search(rf"{w}(?:的[^，,。]{{0,8}}?)?{RE_JOIN}|{RE_JOIN}{w}", text))


def _than_side_names(masked: str) -> list[str]:
    """福清的行政许可比平潭多吗: the side of 比 with no name or year found keeps the words that are neither the
    template's nor a comparison's — a name the index does not hold."""
    m = RE_THAN.search(masked)
    if not m or "＿" not in masked:
        return []
    out = []
    # 洪泽和平潭比，谁…: 比 closing its clause compares the names before it; what follows is no other side
    after = "" if re.match(r"\s*(?:[，,。？?！!；;：:]|$|一下|起来|一比)", masked[m.end():]) else masked[m.end():]
    for side in (masked[:m.start()], after):
        if "＿" in side:
            continue
        words = mentions(side)
        rest = _mask(side, [(w.start, w.end) for w in words])
        for run in re.findall(r"[\u4e00-\u9fff]{2,}", rest):
            if not RE_QUESTION_WORD.search(run) and not RE_OP_WORD.search(run):
                name = re.split("[" + "".join(NOT_NAME_CHARS | NAME_STOP) + "]", run)[0]
                if len(name) >= 2:
                    out.append(name)
    return out


def _not_chinese(plan: Plan) -> Plan:
    plan.operation = "invalid"
    plan.notes.append("问题中没有汉字")  # the answer itself asks for Chinese: say only why
    return plan


# Capitalised words of an English question that are no name: its first word, the template's words are others
RE_LATIN_CAPITAL = re.compile(r"(?<=[\s,(])([A-Z][a-z]{2,})(?:'s)?(?![A-Za-z])")


def _latin_name(question: str, finder: AgencyFinder) -> str | None:
    """How many penalties did Shenzhen have: a capitalised word inside an English question that is no English
    word of the term table and no agency we hold — a name the index lacks, said, never dropped."""
    if RE_CJK.search(question):
        return None
    for m in RE_LATIN_CAPITAL.finditer(question):
        word = m.group(1).lower()
        if normalize(word) == word and not finder.spans(word):
            return m.group(1)
    return None


LOCATIVES = set("中里内上下外")  # 报告中 / 表里: a place word's first character that belongs to the word before


RE_SWITCH_WORDS = re.compile(r"(?:换成|改成|换为|改为|如果是|要是)(?=[\u4e00-\u9fff])")
# 换成宁德呢 / 那福州呢: a follow-up that names nothing but a name (the question before gives the rest)
RE_NAME_ALONE = re.compile(r"(?:那|那么|换成|改成|换|如果是|要是)?[\u4e00-\u9fff]{2,6}?(?:的)?呢[？?。]*")


def _known_place(masked: str, alone: bool = False) -> str | None:
    """A place name of jieba's dictionary or of qa/places.tsv (厦门, 盱眙县, 福清) standing, outside every agency
    name and template word, in a question about an item of the template or opening a text question: a name the
    index does not hold, said, never dropped. alone: a follow-up naming only a name (换成宁德呢), where jieba's
    person-name tag (宁德 is read as one) counts too."""
    import jieba.posseg  # loaded by the keyword index already; here only for questions naming no agency

    words = mentions(masked)
    # 哪些报告提到台湾: a text question's place is its topic, unless the place opens it (福清存在哪些问题)
    opening_only = not alone and not any(m.kind == "item" for m in words)
    masked = _mask(masked, [(m.start, m.end) for m in words])  # template words are no places
    for run in re.finditer(r"[\u4e00-\u9fff]{2,}", masked):
        if opening_only and run.start() > 0:
            return None
        at = 0
        cut = jieba.posseg.lcut(run.group())
        if opening_only and len(cut) > 1 and cut[1].flag[0] in "njv" and cut[1].flag != "v":
            return None  # 北京冬奥会 / 上海疫情: the place names a topic; 福清存在 / 厦门的 name the report
        for w in cut:
            if opening_only and at > 0:
                return None
            glued = at > 0 and len(w.word) == 2 and w.word[0] in LOCATIVES  # 报告中加起来: 中 ends the word before
            at += len(w.word)
            named = w.flag == "ns" or alone and w.flag == "nr" or w.word in bare_place_names()  # 福清: tagged nr
            if named and len(w.word) >= 2 and w.word not in NOT_PLACES \
                    and w.word not in BEYOND_PLACES \
                    and not RE_BEYOND.search(w.word) and not mentions(w.word) and not glued:
                return w.word
    return None


def _top_or_bottom(plan: Plan, n_top: re.Match[str] | None, n_bottom: re.Match[str] | None) -> str:
    """前三 / 倒数前五: whichever comes first in the question; sets plan.n and says "top" or "bottom"."""
    m = n_bottom if n_bottom and (not n_top or n_bottom.start() < n_top.start()) else n_top
    n = parse_number(m.group(1))
    plan.n = int(n) if n else None
    return "bottom" if m is n_bottom else "top"


RE_ASKS = re.compile(r"[？?]$|吗$|呢$|多少|几|哪|什么|是否|有没有|怎么|如何|为什么")


def _sentences(text: str) -> list[str]:
    return [x.strip() for x in re.findall(r"[^。！!？?\n]+[。！!？?]?", text) if x.strip()]


def question_in(text: str) -> str | None:
    """The sentence of a long text that asks something (ends with ？, or has 多少/哪/吗 …), if short enough: the
    last one that names an item of the template, else the last one."""
    asking = [x for x in _sentences(text) if RE_ASKS.search(x.rstrip("。！!")) and len(x) <= MAX_CHARS]
    about = [x for x in asking if any(m.kind == "item" for m in mentions(normalize(x)))]
    return (about or asking)[-1] if asking else None


RE_COUNTED_KIND = re.compile(r"(?:这|那|各)?[\d两一二三四五六七八九十几]+[家个所位]$")
# counted cases right after 没提供 (而没提供的有几件): the row's cases, not a report lacking the figure
RE_CASES_AFTER = re.compile(r"的?(?:申请)?(?:有|是|共|一共)?(?:几|多少)[件个]")
RE_CASES_BEFORE = re.compile(r"(?:几|多少)件")
# a forecast (预测明年): the reports state past years only
RE_FORECAST = re.compile(r"预测|预计|推测|推算|预估|明年|后年|未来|将来")
# a part of a year (上半年, 第三季度, 12月份): the tables count a whole year (not 每月 / 平均每月, a rate asked of the year)
RE_PERIOD = re.compile(r"上半年|下半年|前三季度|第?[一二三四1-4]季度|(?<![每\d.])(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])"
                       r"月份?(?![\d日号]|份?平均)|上旬|中旬|下旬|年初|年底|年末")
# a count the template does not split out (撤回, 调解, 个体工商户: qa.untracked) is said to be absent, never answered by
# the row the sentence also names (申请人撤回了多少件申请 is not 新收's total)
# a length of time (要多久能答复): the tables count cases, never days
RE_DURATION = re.compile(r"多久|多长时间|几天|多少天|几个工作日|多少个?工作日")

# a column word with no item, of one table only: the row it is read on (纠正率 → 行政复议, 自然人 → 新收申请)
IMPLIED_ITEM = {"review": "review", "apply": "apply.new"}
# a table named by its number (表三 / 第三部分): the table a column word belongs to; its 总计 is the table's total row
TABLE_WORDS = ((re.compile(r"表三|表格三|第三部分|第三张表"), "apply"), (re.compile(r"表四|表格四|第四部分|第四张表"), "review"))
TABLE_TOTAL = {"apply": "apply.total"}
# column words that belong to one row of their table: 败诉 / 胜诉 are said of lawsuits, not of 行政复议
IMPLIED_BY_WORD = {"败诉": "suit", "胜诉": "suit"}


def _about(plan: Plan, rest: str) -> Comparison | None:
    """两千多件 → 2000 to 2999; 一百二十多件 → 120 to 129; 四千多万元 → 4000 to 4999.99 (the step is the place of the
    number's last non-zero digit: 两千 → 1000, 120 → 10). A number with no zero to step by (5多件) is no range."""
    m = RE_ABOUT.search(rest)
    if not m:
        return None
    raw = parse_number(m.group(1))
    value = _in_unit(plan, m.group(1), m.group(2))
    if not raw or value is None or raw != int(raw):
        return None
    step = 1
    while int(raw) % (step * 10) == 0:
        step *= 10
    if step == 1:
        return None
    scale = value / raw  # 万元 asked in 亿元: the step in the measure's unit too
    high = value + step * scale - (1 if m.group(2) in _COUNTED_UNITS else 0.01)
    return Comparison(op="between", value=value, high=high, text=m.group(0))


def _in_unit(plan: Plan, num: str, unit: str | None) -> float | None:
    """A threshold in the measure's unit: 1亿元 and 10000万元 are 10000 for an amount in 万元."""
    value = parse_number(num)
    if value is None:
        return None
    m = plan.measure()
    if m is not None and m.unit == "万元":
        if unit in _YUAN:
            return value * _YUAN[unit] / 1e4
        return value / 1e4 if num.endswith("万") else value  # 超过1000: already 万元
    return value * 1e8 if unit and unit.startswith("亿") else value


# two measures added set against two others (the measure words masked: ＿＿加＿＿不等于＿＿加＿＿): a rule of the form
RE_SUMS_SET_AGAINST = re.compile(r"＿+(?:加上?|\+|与|和)＿+(?:之和)?(?:不|是否|是不是)?(?:等于|=|≠)＿+(?:加上?|\+|与|和)＿+")


def is_followup(text: str) -> bool:
    """那…呢 / 其中… / 相差多少; in English the words left untranslated before it (what's the 相差) do not hide it."""
    return bool(RE_FOLLOWUP.search(text) or RE_FOLLOWUP.search(RE_LEADING_LATIN.sub("", text)))
