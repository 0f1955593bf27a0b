"""How answers say things, in one place: numbers as the report writes them, lists of names, the reading
line and its defaults, one-click alternative questions, the words for a value a report does not give and
for how a cell was read. Every operation (qa/op_*.py) builds its sentences from these; every derived number
comes from qa.arith with its arithmetic."""

from __future__ import annotations

import re
from functools import lru_cache

from qa import arith
from qa.answer import Alternative, Derived, Reading
from qa.facts import FLAG_BITS, MISSING, NO_NUMBER, NOT_IN_TEMPLATE, Row
from qa.lexicon import Measure, items, measure
from qa.output import format_value
from qa.relyears import is_relative_note
from qa.understand import RE_OF_PERCENT, RE_SAME, Plan

NAMES_IN_TEXT = 5  # names a sentence lists before "等"
SUM_TERMS_IN_TEXT = 12  # a sum of this many terms or fewer writes them out in the sentence
RANK_IN_TEXT = 10  # a ranking's sentence lists more (the table holds them all)
STATUS_WORDS = {MISSING: "未提供（报告中没有这一项）", NO_NUMBER: "未提供（表中为文字，没有数字）",
                NOT_IN_TEMPLATE: "未提供（该年模板没有这一栏）"}
COLUMN_PHRASES = {"items": "项目数量", "amount": "金额"}  # for composed questions: 采购 + 金额
EXAMPLES = ["哪个单位行政处罚最多", "济南市城管局收到多少政府信息公开申请", "鹤岗城管存在哪些主要问题",
            "哪些单位的数据有勾稽问题"]
RULE_NAMES = {1: "申请收支平衡", 2: "办理结果合计", 3: "申请人合计", 4: "复议诉讼合计"}


def num(v: float | None, unit: str = "") -> str:
    """A value in an answer's sentence, as the report states it in its unit (7,249.4746万元; no padding zeros).
    Computed values are rounded where they are computed (qa.arith)."""
    return "—" if v is None else f"{format_value(v)}{unit}"


# A cell the report leaves blank (or fills with / or 无) is read as 0 and flagged (the spec): a sentence that
# states it says so, never a bare 为0件 (济南: 「办理结果总计 · 总计」空白（按0计）, not 为0件).
COUNTED_AS_ZERO = {"blank": "空白", "placeholder": "填“/”或“无”"}


def how_left_blank(v: float | None, flags: int) -> str | None:
    """How the report left a value the answer counts as 0 (空白 …), None when it states the value."""
    if v != 0:
        return None
    return next((words for flag, words in COUNTED_AS_ZERO.items() if flags & FLAG_BITS[flag]), None)


def _counted(zero: str) -> str:
    return f"{zero}（按0计）"


def zero_words(flag_names) -> str | None:
    """「空白（按0计）」 for a cell read with one of these flags (by name, as the index's tables keep them),
    None when the report states its value."""
    names = set(flag_names if flag_names is not None else ())
    return next((_counted(words) for flag, words in COUNTED_AS_ZERO.items() if flag in names), None)


def stated_words(v: float | None, unit: str, flags: int) -> str:
    """A cell's value as a consistency sentence states it: 「…」为20件 / 「…」空白（按0计）."""
    zero = how_left_blank(v, flags)
    return _counted(zero) if zero else f"为{num(v, unit)}"


def value_words(v: float | None, unit: str, flags: int) -> str:
    """A cell's value beside its label in a list: 20件 / 空白（按0计）."""
    zero = how_left_blank(v, flags)
    return _counted(zero) if zero else num(v, unit)


def zeros_words(zeros: list[tuple[str, int]]) -> str:
    """The parts of a breakdown that are 0, (label, flags) each, after its other parts: 「其余5项为0」, and
    which of them the report left blank: 「其余5项空白（按0计）」 / 「其余5项为0，其中「商业企业」空白（按0计）」."""
    how: dict[str | None, list[str]] = {}
    for label, flags in zeros:
        how.setdefault(how_left_blank(0, flags), []).append(label)
    if len(how) == 1 and None not in how:
        return f"其余{len(zeros)}项{_counted(next(iter(how)))}"
    blanks = "，".join("".join(f"「{x}」" for x in labels) + _counted(zero)
                       for zero, labels in how.items() if zero)
    return f"其余{len(zeros)}项为0" + (f"，其中{blanks}" if blanks else "")


def term_words(shown: str, v: float | None, flags: int) -> str:
    """A cell's value (written `shown`) as a term of a sum in a sentence: 20 / 0（空白，按0计）."""
    zero = how_left_blank(v, flags)
    return f"{shown}（{zero}，按0计）" if zero else shown


def blank_cells_words(labels: str) -> str:
    """The cells of a finding's sum the report left blank, counted as 0: 「上年结转…、总计空白，按0计」."""
    return f"{labels}{COUNTED_AS_ZERO['blank']}，按0计"


def cell_value(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(float(v), 6)


def names(rows, with_values: bool = False, unit: str = "", years: bool = False,
          limit: int = 0) -> str:
    parts = []
    limit = limit or NAMES_IN_TEXT
    for r in rows[:limit]:
        s = r.report.name + (f"（{r.report.year}年）" if years and r.report.year else "")
        if with_values:
            s += f" {num(r.value, unit)}"
        parts.append(s)
    more = f"等{len(rows)}个" if len(rows) > limit else ""
    return "、".join(parts) + more


def years_text(years) -> str:
    """Years as a reader scans them: 2021年至2025年 for three or more consecutive years, else 2021年、2023年
    (each year followed by 年: a year is a label, never mistaken for a value)."""
    ys = sorted(set(years))
    if len(ys) >= 3 and ys[-1] - ys[0] == len(ys) - 1:
        return f"{ys[0]}年至{ys[-1]}年"
    return "、".join(f"{y}年" for y in ys)


def ratio_words(a_name: str, a: float, b_name: str, b: float, percent: bool) -> tuple[str, Derived] | None:
    """A ÷ B as asked: a percentage when the question says 几成 / 百分之几 / 百分比, else a multiple (几倍);
    with its arithmetic. None when B is 0 (no ratio to nothing)."""
    got = arith.share(a, b) if percent else arith.times(a, b)
    if got is None:
        return None
    d = got[1]
    return f"{a_name}是{b_name}的{d.value}{'' if percent else '倍'}（{d.how}）", d


def more_words(name: str, a: float, b: float, unit: str) -> tuple[str, Derived]:
    """「A多N件（a − b = N）」: how much the larger (a) exceeds the other, with its arithmetic."""
    d, dd = arith.difference(a, b)
    return f"{name}多{num(d, unit)}（{dd.how}）", dd


# ---------------------------------------------------------------- one agency's value (qa.op_value)
def value_sentence(name: str, year: int | None, label: str, shown: str) -> str:
    """「平潭综合实验区2024年「行政处罚 · 处理决定数量」为1,100件」."""
    return f"{name}{f'{year}年' if year else ''}「{label}」为{shown}"


def left_blank_sentence(name: str, year: int | None, label: str, v: float | None, flags: int) -> str | None:
    """「济南市城市管理局2020年「办理结果总计 · 总计」报告中空白，未填数字（核对时按0计）」: a cell the report left
    blank (or filled with / or 无) gives no value, so a value answer never says 为0件; None when it states one."""
    how = how_left_blank(v, flags)
    return None if how is None else f"{name}{f'{year}年' if year else ''}「{label}」报告中{how}，未填数字（核对时按0计）"


def converted_words(raw: str) -> str:
    return f"，原文为{raw}，未注明单位，按元换算为万元"


def same_row_words(bits: list[str]) -> str:
    """The other columns of the row, stated beside the one asked (同一行：上一年项目数量56项，本年增/减+2项)."""
    return ("同一行：" + "，".join(bits)) if bits else ""


def series_words(agency: str, label: str, values: list[tuple[int | None, str]]) -> str:
    """「平潭综合实验区「行政复议 · 总计」：2023年2件，2024年7件。」: one agency's value in each year."""
    return f"{agency}「{label}」：" + "，".join(f"{y}年{v}" for y, v in values) + "。"


def no_report_words(agency: str, years: list[int], have: list[int], then: str = "") -> str:
    """「索引中没有平潭综合实验区2018年的报告（该单位有：2019年、2020年）」, and what follows from it."""
    return f"索引中没有{agency}{years_text(years)}的报告（该单位有：{'、'.join(f'{y}年' for y in have)}）{then}。"


def latest_instead_words(year: int) -> str:
    return f"，下面给出其最新一份（{year}年）报告的数值"


def latest_read_words(year: int | None) -> str:
    return f"未指明年份：该单位有多份报告，取最新一份，即{year}年的报告"


FOLLOWED_VALUE_NOTE = "上一问核对的数是另一单位的，这里直接给出本单位的数值"


# ---------------------------------------------------------------- agencies compared (qa.op_compare)
def compare_head(label: str, defaults: str, values: list[tuple[str, str]]) -> str:
    """「按「行政处罚 · 处理决定数量」（…）：伊川县城市管理局 313件，济南市城市管理局 135件」."""
    return f"按「{label}」{defaults}：" + "，".join(f"{name} {v}" for name, v in values)


SAME_WORDS = "，两者相同。"


def lead_over_words(name: str, value: float, others: list[tuple[str, float]], unit: str) -> tuple[str, list[Derived]]:
    """「济南市城市管理局比沙河…多123件（135 − 12 = 123），比鹤岗…多125件（135 − 10 = 125）」: the first of several
    compared against each of the others, with the arithmetic."""
    parts, ds = [], []
    for other, v in others:
        d, dd = arith.difference(value, v)
        parts.append(f"比{other}多{num(d, unit)}（{dd.how}）" if d else f"与{other}持平")
        ds.append(dd)
    return name + "，".join(parts), ds


def most_words(name: str | None) -> str:
    """Of three or more compared: the one with most, or a tie said as such (name None)."""
    return f"；{name}最多。" if name else "；最多的有并列。"


# ---------------------------------------------------------------- one agency's two years (qa.op_change)
def pair_head(agency: str, label: str, a_year: int | None, old: str, b_year: int | None, new: str) -> str:
    return f"{agency}「{label}」{a_year}年{old}，{b_year}年{new}，"


def difference_clause(d: float, shown: str, how: str) -> str:
    """「增加1,900件（4529 − 2629 = 1900）」 / 「减少456件（…）」 / 「持平」."""
    return f"{'增加' if d > 0 else '减少'}{shown}（{how}）" if d else "持平"


RE_TENTHS = re.compile(r"几成|多少成|百分之几十")


def in_tenths(question: str, p: float, derived: list[Derived]) -> str:
    """占几成 / 多了几成: a percentage said in 成 as well, with its derivation (34.40% ÷ 10% = 3.44成, 约3.4成)."""
    if not RE_TENTHS.search(question):
        return ""
    said, d = arith.tenths(p)
    derived.append(d)
    return f"，{said}（{d.how}）"


def growth_clause(rising: bool, pct: str, how: str) -> str:
    return f"，{'增长' if rising else '下降'}{pct}（{how}）"


def times_clause(b_year: int | None, a_year: int | None, value: str, how: str) -> str:
    return f"；{b_year}年是{a_year}年的{value}倍（{how}）"


def times_growth_clause(value: str) -> str:
    return f"，增长了{value}倍"


def cannot_compare_words(a_year: int | None, b_year: int | None) -> str:
    return f"无法比较{a_year}年与{b_year}年："


def own_change_words(agency: str, year: int | None, item_label: str, shown: str) -> str:
    """One report only: the template's own 本年增/减 column, said as such."""
    return f"索引中{agency}没有上一年的报告，按其{year}年报告表中「本年增/减」列：{item_label}本年增/减为{shown}"


OWN_CHANGE_NOTE = "。注意：这一列是事项（项目）数量的增减，不是处理决定数量的变化。"


def no_change_words(agency: str, years: list[int], template: str | None) -> str:
    """No report of the year before; template: the report's template lacks 本年增/减 too (None: it has the
    column, and why it gives no number follows)."""
    return (f"索引中{agency}只有{'、'.join(f'{y}年' for y in years)}的报告，" +
            (f"{template}版模板也没有「本年增/减」一栏，无法与上一年比较。" if template else "无法与上一年的报告比较；"))


def than_words(a_name: str, a: float, b_name: str, b: float, unit: str,
               asked: str | None) -> tuple[str, Derived | None]:
    """「鹤岗比伊川少303件（313 − 10 = 303）」: A against B in the question's own order (A比B少多少), the number
    exact either way; when it goes the other way than asked (比…少, but more), said so."""
    if a == b:
        return f"{a_name}与{b_name}持平，都是{num(a, unit)}", None
    word = "多" if a > b else "少"
    d, dd = arith.difference(a, b) if a > b else arith.difference(b, a)
    out = f"{a_name}比{b_name}{word}{num(d, unit)}（{dd.how}）"
    if asked and asked != word:
        out += f"，不是{asked}"
    return out, dd


def than_percent_words(a_name: str, a: float, b_name: str, b: float) -> tuple[str, Derived] | None:
    """「平潭比洪泽少72.31%（(54 − 195) ÷ 195 = -72.31%）」: A against B as a share of B; None when B is 0."""
    got = arith.growth(a, b)
    if got is None:
        return None
    g, d = got
    return f"{a_name}比{b_name}{'多' if g > 0 else '少' if g < 0 else '持平，差'}{d.value}（{d.how}）", d


def ratio_as_asked(plan: Plan, a_name: str, a: float, b_name: str, b: float, than: bool) -> tuple[str, Derived] | None:
    """A against B as the question asks: A比B多百分之几 / 多几成 (A named before 比, a percentage asked, not 是B的
    百分之几) is (A − B) ÷ B, also in 成 when 几成 is asked; otherwise A ÷ B (ratio_words)."""
    if not (plan.percent and than and not RE_OF_PERCENT.search(plan.text)):
        return ratio_words(a_name, a, b_name, b, plan.percent)
    got = than_percent_words(a_name, a, b_name, b)
    if got is None or not RE_TENTHS.search(plan.text):
        return got
    said, d = got
    g = arith.growth(a, b)[0]
    t, dt = arith.tenths(abs(g))
    return f"{said}，{t}（{dt.how}）", Derived(value=d.value, how=f"{d.how}；{dt.how}")


def than_verdict(asked: str | None, a: float, b: float) -> str:
    """是不是比2023年多: 「是的：」 when A is more (or fewer, as asked) than B, else 「不是：」; 一样多吗 (asked None):
    whether they are equal."""
    return "是的：" if (a == b if asked is None else a > b if asked == "多" else a < b) else "不是："


def pair_verdict(plan: Plan, a: float, b: float) -> str:
    """The yes or no a comparison of two values opens with, when the question asks one (是不是比…多, 一样多吗)."""
    if not plan.yesno:
        return ""
    if plan.than_word:
        return than_verdict(plan.than_word, a, b)
    return than_verdict(None, a, b) if RE_SAME.search(plan.text) else ""


def total_words(values: list[float], unit: str) -> tuple[str, Derived]:
    """「两项合计N件（a + b = N）」: a total of several measures, with its arithmetic."""
    t, d = arith.total(values)
    n = "两" if len(values) == 2 else str(len(values))
    return f"{n}项合计{num(t, unit)}（{d.how}）", d


def units_differ(units: list[str]) -> str | None:
    """Why values cannot be added or divided (like with like only), or None when they share one unit."""
    units = list(dict.fromkeys(units))
    return None if len(units) == 1 else f"单位不同（{'、'.join(units)}），不能直接相加或相比"


def change_words(year: int | None, before: int | None, d: Derived, growth: Derived | None, diff: float,
                 rate: float | None, unit: str) -> str:
    """「2022年比2021年增加831件（2113 − 1282 = 831），增长64.82%（…）」: one year against the report before it."""
    word = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
    out = f"{year}年比{before}年{word}{num(abs(diff), unit) if diff else ''}（{d.how}）"
    if growth is not None and rate is not None:
        out += f"，{'增长' if rate >= 0 else '下降'}{arith.pct_text(abs(rate))}（{growth.how}）"
    return out


def years_of_sign_words(agency: str, label: str, word: str, years: list[int | None], parts: list[str]) -> str:
    """「平潭综合实验区「行政强制」比上一份报告增加的有4年：2020年、…（2020年比2019年增加4件（…）；…）。」; the word
    is 增加 / 减少 or a bound on the rate (增长超过50%)."""
    if not years:
        return f"{agency}「{label}」没有哪一年比上一份报告{word}。"
    return (f"{agency}「{label}」比上一份报告{word}的有{len(years)}年：" + "、".join(f"{y}年" for y in years)
            + "（" + "；".join(parts) + "）。")


def measures_words(ms: list[Measure]) -> str:
    return "、".join(f"「{m.label}」" for m in ms)


def value_column(m: Measure) -> str:
    return f"{m.label}（{m.unit}）"


def column_phrase(m: Measure) -> str:
    return COLUMN_PHRASES.get(m.column) or m.label.rsplit(" · ", 1)[1]  # the column: the last part of the label


def compose(op: str, m: Measure, agency: str = "", n: int | None = None, years: list[int] | None = None) -> str:
    """A question that reads back as (op, m): for one-click alternatives."""
    item = items()[m.item]
    what = (item.words[0] if item.words else item.label) + column_phrase(m)
    y = "".join(f"{y}年" for y in (years or [])[:1])
    return {"value": f"{agency}{y}{what}是多少", "max": f"{y}哪个单位{what}最多", "min": f"{y}哪个单位{what}最少",
            "top": f"{y}{what}前{n or 3}名", "bottom": f"{y}{what}后{n or 3}名", "rank": f"{y}各单位{what}排名",
            "sum": f"{y}各单位{what}合计", "avg": f"{y}各单位{what}平均是多少",
            "compare": f"{y}{agency}的{what}比较"}.get(op, f"{y}各单位{what}排名")


def column_alternatives(plan: Plan, m: Measure, op: str, agency: str = "",
                        formats: set[str] | None = None,
                        years_of: dict[str, set[int]] | None = None) -> list[Alternative]:
    """Other columns of the same item (按上一年项目数量排序 …), of the templates the reports in scope use.
    years_of (template → the answered reports' years): a value's suggestion names a year whose report's
    template has the column, so that it is answered and not 「模板中没有这一栏」 for the latest report."""
    item = items()[m.item]
    formats = set(years_of) if years_of else formats
    out = []
    for col in item.columns:
        if col == m.column:
            continue
        other = measure(m.item, col)
        holding = [f for f in (formats or ()) if other is not None and other.keys(f)]
        if other is None or (formats and not holding):
            continue
        years = plan.years
        if years_of and not years and len(holding) < len(formats):
            years = sorted(y for f in holding for y in years_of[f])[-1:]  # the latest report that has the column
        verb = "看" if op == "value" else "按"
        out.append(Alternative(label=f"{verb}「{other.label.rsplit(' · ', 1)[1]}」",
                               question=compose(op, other, agency, plan.n, years)))
    return out[:4]


def reading(plan: Plan, m: Measure | None, summary: str, filters: list[str] | None = None,
            operation: str | None = None, agencies: list[str] | None = None) -> Reading:
    op = operation or plan.operation
    # Findings and corpus answers use no measure: defaults about a measure's column would only confuse.
    defaults = [] if op in ("findings", "corpus") else list(dict.fromkeys(plan.defaults))
    return Reading(operation=op, measure=m.id if m else None,
                   measure_label=m.label if m else None, agencies=agencies if agencies is not None else plan.agencies,
                   years=plan.years, filters=filters or [], n=plan.n, defaults=defaults, summary=summary)


def defaults_phrase(plan: Plan, extra: tuple[str, ...] = ()) -> str:
    """The reading's defaults, briefly, for the answer text (the full wording is in Reading.defaults), and any
    the operation took itself (extra)."""
    d = []
    for x in dict.fromkeys([*plan.defaults, *extra]):
        if x.startswith("未指明单位"):
            continue
        if x.startswith("未指明") and "，按" in x:
            x = x.split("，按")[0] + "，取默认"
        d.append(x)
    return f"（{'；'.join(d)}）" if d else ""


# the relation a value fails, as the answer says it (30件 asked, 36 found: 不等于30件)
NOT_RELATION = {">": "不大于", ">=": "少于", "<": "不少于", "<=": "大于", "==": "不等于"}


def yes_no_words(plan: Plan, ok: bool, v: float, unit: str) -> str:
    """「是的：1,100件，大于1000件。」/「不是：36件，不等于30件。」/「没有：0件。」: the verdict first, then the value
    and the relation asked about (是 for 是…吗 and thresholds, 有 / 没有 for 有没有…)."""
    c = plan.comparison
    exists = c is not None and c.op == "!=" and c.value == 0 and c.text == "有"
    asks_have = exists or c is not None and c.have
    verdict = ("有" if exists else "是的") if ok else ("没有" if asks_have else "不是")
    if c is None or exists or ok and c.op == "==":  # 是313件吗 → 是的：313件 (not 「313件，等于313件」)
        relation = ""
    elif ok:
        relation = "，" + c.words(unit)
    elif c.op == "between":
        relation = f"，不{c.words(unit)}"
    else:
        relation = f"，{NOT_RELATION[c.op]}{_plain(c.value)}{unit}" if c.op in NOT_RELATION else "，为0"
    return f"{verdict}：{num(v, unit)}{relation}。"


def cannot_judge_words() -> str:
    return "无法回答是或不是："


def _plain(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def unresolved_words(parts: list[str], found: list[str], found_answer: str | None) -> str:
    """A name the index does not hold, said, never dropped; with what the agencies that were found give, marked
    as theirs only (a total or a comparison that would need the missing one is not made up)."""
    said = f"问题中的{'、'.join(parts)}在索引中找不到对应的单位"
    if found_answer:
        return f"{said}，无法按原问题作答；下面只按已识别的{'、'.join(found)}回答：{found_answer}"
    known = f"（已识别：{'、'.join(found)}）" if found else ""
    return f"{said}{known}。为免答非所问，没有忽略它作答；请换用索引中的单位名称。"


def years_read(plan: Plan) -> str:
    """How relative years (去年, 近三年) were read, for an answer whose text shows no other defaults."""
    said = [d for d in plan.defaults if is_relative_note(d, plan.relative)]
    return f"（{'；'.join(said)}）" if said else ""


def findings_scope(agencies: list[str], years: list[int], n_docs: int) -> str:
    """Whose findings: the agencies named (and the years, 平潭2024年的报告), else the number of reports."""
    if not agencies:
        return f"{n_docs}份报告"
    return "、".join(agencies) + (f"{years_text(years)}报告" if years else "")


def no_findings_words(who: str) -> str:
    return f"{who}的勾稽关系核对没有发现不一致。"


@lru_cache(maxsize=1024)
def flag_words(flags: int) -> str:
    from qa.facts import FLAG_BITS

    words = []
    if flags & (FLAG_BITS["blank"] | FLAG_BITS["placeholder"]):
        words.append("空白按0")
    if flags & FLAG_BITS["uncertain_placement"]:
        words.append("位置推定")
    if flags & FLAG_BITS["unit_assumed"]:
        words.append("单位推定")
    if flags & FLAG_BITS["unit_converted"]:
        words.append("元换算为万元")
    if flags & FLAG_BITS["split_run"]:
        words.append("数字串拆分")
    return "、".join(words)


# ---------------------------------------------------------------- filters and counts (qa.op_filter)
def filter_condition(m: Measure, c) -> str:
    """The condition as the reading line lists it: 「处理决定数量 > 100」, 「100 ≤ 处理决定数量 ≤ 1000」."""
    if c.op == "between":
        return f"{_plain(c.value)} ≤ {column_phrase(m)} ≤ {_plain(c.high or 0)}"
    return f"{column_phrase(m)} {c.op} {_plain(c.value)}"


def lacking_words(scope_n: str, label: str, rows, per: str, years: bool) -> str:
    """「7个单位中有1个单位未提供「行政处罚」：张店区综合行政执法局。」 / 「…都提供了…」 (rows: list or qa.ops.Rows)."""
    if not len(rows):
        return f"{scope_n}都提供了「{label}」。"
    return f"{scope_n}中有{len(rows)}{per}未提供「{label}」：{names(rows, years=years)}。"


def text_in_cell_words(name: str, raw: str) -> str:
    return f"{name}的这一栏填的是文字：「{raw}」。"


def matched_words(lead: str, cond: str, scope_n: str, per: str, rows, unit: str, years: bool) -> str:
    """「按「行政处罚」，大于100件的报告有5份：…。」 / 「…，7个单位中没有大于100件的单位。」 / 「7份报告中没有…的报告」
    (rows: list or qa.ops.Rows)."""
    if not len(rows):
        return f"{lead}，{scope_n}中没有{cond}的{per[1:]}。"
    return f"{lead}，{cond}的{per[1:]}有{len(rows)}{per[0]}：{names(rows, True, unit, years=years)}。"


def every_report_words(lead: str, cond: str, rows) -> str:
    """「按「重复申请」，每份报告都等于0件的单位有5个：A（2020年）、…。」 (哪些单位从来没有…; rows: every report of
    those agencies that gives the value)."""
    by: dict[str, list[str]] = {}
    for r in rows:
        by.setdefault(r.report.name, []).append(f"{r.report.year}年")
    if not by:
        return f"{lead}，没有哪个单位的每份报告都{cond}。"
    listed = "、".join(f"{n}（{'、'.join(ys)}）" for n, ys in sorted(by.items()))
    return f"{lead}，每份报告都{cond}的单位有{len(by)}个：{listed}。"


ALL_ZERO_WORDS = "提供数据的单位全部为0。"

# 有没有哪年超过 / 有超过30件的吗: one is enough; 都超过50件吗 (or no such word): every report must
RE_ANY_OF = re.compile(r"有没有(?:哪|一)|有哪|哪(?:一|几)?(?:年|份|家|个)|任何一|是否有|有无|有.{0,12}的吗")


def series_verdict(plan: Plan, matched, failed, n_lacking: int, unit: str, years: bool, per: str) -> str:
    """A yes or no over several reports (近三年都超过50件吗): 「是的：3份报告都大于50件。」 / 「不是：平潭综合实验区
    （2023年） 2件，不大于5件。」 / 「有：…」 / 「没有：…」; with a report lacking the value and none failing, no verdict
    can be given and that is said."""
    c = plan.comparison
    if c is None:
        return ""
    cond = c.words(unit)
    if RE_ANY_OF.search(plan.text):
        return f"有：{names(matched, True, unit, years=years)}，{cond}。" if matched else \
            f"没有：提供数据的报告都不{cond}。" if not n_lacking else cannot_judge_words()
    if failed:
        bad = "不" + cond if c.op == "between" else NOT_RELATION.get(c.op, "不") + _plain(c.value) + unit
        return f"不是：{names(failed, True, unit, years=years)}，{bad}。"
    if n_lacking:
        return cannot_judge_words()
    return f"是的：{len(matched)}{per}都{cond}。" if len(matched) > 1 else f"是的：{cond}。"


# ---------------------------------------------------------------- rankings (qa.op_rank)
def year_tag(row: Row, multi_year: bool) -> str:
    """「（2022年）」 after a name when the rows span several years."""
    return f"（{row.report.year}年）" if multi_year and row.report.year else ""


def direction_words(asc: bool) -> str:
    return "从少到多" if asc else "从多到少"


def all_zero_words(lead: str, scope_n: str, n: int, per: str, word: str) -> str:
    return f"{lead}，{scope_n}中提供数据的{n}{per}均为0，没有哪个单位{word}。"


def tied_best_words(lead: str, scope_n: str, who: str, word: str, shown: str) -> str:
    return f"{lead}，{scope_n}中{who}并列{word}，均为{shown}。"


def best_words(lead: str, scope_n: str, row: Row, word: str, shown: str, multi_year: bool) -> str:
    """「…，7份报告中平潭综合实验区最多：2,113件（2022年）。」."""
    return f"{lead}，{scope_n}中{row.report.name}{word}：{shown}{year_tag(row, multi_year)}。"


def runner_up_words(who: str, shown: str, tied: bool) -> str:
    """「其次是平潭综合实验区（2023年），1,330件。」 / 「其次是A、B，均为5件。」."""
    return f"其次是{who}，{'均为' if tied else ''}{shown}。"


def other_end_words(word: str, who: str, shown: str) -> str:
    """「最少的是鹤岗市城市管理综合执法局：10件。」: the other end of a ranking, when both are asked."""
    return f"{word}的是{who}：{shown}。"


def spread_words(top: Row, low: Row, shown: str, how: str, multi_year: bool) -> str:
    """「最多的平潭综合实验区（2022年）比最少的平潭综合实验区（2019年）多1,683件（2113 − 430 = 1683）。」."""
    return (f"最多的{top.report.name}{year_tag(top, multi_year)}比最少的{low.report.name}{year_tag(low, multi_year)}"
            f"多{shown}（{how}）。")


def spread_times_words(top: Row, low: Row, value: str, how: str, multi_year: bool) -> str:
    """「最多的平潭综合实验区（2022年）是最少的平潭综合实验区（2019年）的59.06倍（10690 ÷ 181 = 59.06）。」."""
    return (f"最多的{top.report.name}{year_tag(top, multi_year)}是最少的{low.report.name}{year_tag(low, multi_year)}"
            f"的{value}倍（{how}）。")


def top_words(label: str, asc: bool, head: str, n: int, listed: str, after: str) -> str:
    """「按「行政处罚」从多到少的前3名：A 10件；B 12件（13个单位）。」."""
    return f"按「{label}」{direction_words(asc)}的{head}{n}名：{listed}（{after}）。"


def top_list(rows: list[Row], unit: str, multi_year: bool) -> str:
    """「平潭综合实验区（2024年） 218件；平潭综合实验区（2025年） 154件」."""
    return "；".join(f"{r.report.name}{year_tag(r, multi_year)} {num(r.value, unit)}" for r in rows)


def top_ties_words(n: int, shown: int) -> str:
    return f"第{n}名有并列，共列出{shown}个。"


def versus_words(label: str, rows: list[tuple[str, int | None, str]]) -> str:
    """「同一报告的「规范性文件 · 本年制发件数」：平潭综合实验区2023年77件。」 beside the reports that beat it."""
    return f"同一报告的「{label}」：" + "、".join(f"{n}{y or ''}年{v}" for n, y, v in rows) + "。"


def first_time_words(name: str, year: int | None, value: str, before: tuple[int, str] | None) -> str:
    """「平潭综合实验区2024年（218件），前一份报告2023年81件」."""
    return f"{name}{year}年（{value}）" + (f"，前一份报告{before[0]}年{before[1]}" if before else "，此前没有更早的报告")


def sum_shares_words(total: str, how: str, shares: list[str]) -> str:
    """「合计102件（81 + 21 = 102）；其中平潭综合实验区占81 ÷ 102 = 79.41%。」."""
    return f"合计{total}（{how}）" + ("；其中" + "，".join(shares) if shares else "") + "。"


def share_of_sum_words(name: str, how: str) -> str:
    return f"{name}占{how}"


def share_filter_words(bound: str, names: list[str]) -> str:
    """「比例大于10%的有3份：…。」 before the shares themselves."""
    if not names:
        return f"没有比例{bound}的报告。"
    return f"比例{bound}的有{len(names)}份：" + "、".join(names) + "。"


def top_sum_words(head: str, shown: int, total: str, how: str) -> str:
    """前三名加起来: the listed ones summed, with the arithmetic."""
    return f"{head}{shown}名合计{total}（{how}）。"


def too_few_words(n: int, per: str) -> str:
    return f"只有{n}{per}提供了数据。"


TOP_ALL_ZERO = "这些单位均为0。"
RANK_ALL_ZERO = "提供数据的单位均为0。"


def ranking_words(label: str, asc: bool, listed: str, after: str) -> str:
    """The list first, then its scope: the years bounding it never precede its order."""
    return f"按「{label}」{direction_words(asc)}：{listed}（{after}）。"


def place_words(row: Row, place: int, of: int, per: str, shown: str, multi_year: bool) -> str:
    """「平潭综合实验区（2020年）排第1名（提供数据的5个单位中）：538件。」."""
    return f"{row.report.name}{year_tag(row, multi_year)}排第{place}名（提供数据的{of}{per}中）：{shown}。"


def nth_words(n: int, who: str, shown: str, from_bottom: bool = False) -> str:
    return f"排{'倒数' if from_bottom else ''}第{n}名的是{who}：{shown}。"


def no_nth_words(n: int) -> str:
    return f"没有排第{n}名的（提供数据的不足{n}个，或前面有并列）。"


# ---------------------------------------------------------------- sums and averages (qa.op_sum)
def sum_words(lead: str, scope_n: str, n: int, per: str, shown_total: str, arithmetic: str) -> str:
    """「…，7份报告中提供数据的7份报告合计50件（36 + 7 + … = 50）。」 (the arithmetic when short enough)."""
    return f"{lead}，{scope_n}中提供数据的{n}{per}合计{shown_total}" + (f"（{arithmetic}）" if arithmetic else "") + "。"


def avg_words(lead: str, scope_n: str, n: int, per: str, shown_avg: str, unit: str, arithmetic: str,
              shown_total: str, total: str, avg: str) -> str:
    """「…平均1,090.75件（430 + 538 + … = 4363，4363 ÷ 4 = 1090.75）。」 (shown_*: as the answer writes values;
    total, avg: plain, as the arithmetic writes them)."""
    first = f"{arithmetic}，" if arithmetic else f"合计{shown_total}，"
    return f"{lead}，{scope_n}中提供数据的{n}{per}平均{shown_avg}{unit}（{first}{total} ÷ {n} = {avg}）。"


def month_avg_words(lead: str, scope_n: str, n: int, per: str, shown_avg: str, unit: str, arithmetic: str,
                    shown_total: str, total: str, months: int, avg: str) -> str:
    """「…平均每月6.75件（81，81 ÷ 12个月 = 6.75；每份报告统计一年，即12个月）。」"""
    first = f"{arithmetic}，" if arithmetic else f"合计{shown_total}，"
    return (f"{lead}，{scope_n}中提供数据的{n}{per}平均每月{shown_avg}{unit}（{first}{total} ÷ {months}个月 = {avg}；"
            f"每份报告统计一年，即12个月）。")


def year_total_words(year: int, n: int, word: str, shown: str) -> str:
    return f"{year}年{n}份报告{word}{shown}"


def by_year_words(lead: str, parts: list[str], n_lacking: int) -> str:
    text = f"{lead}，按年份：" + "；".join(parts) + "。"
    return text + (f"另有{n_lacking}份报告未提供该数据，未计入。" if n_lacking else "")


def names_said(reports) -> str:
    """Files that call their agency by a name with fewer or other places stated than the one answers use (qa.facts:
    fuller_names), said beside an answer that used them."""
    by_name: dict[tuple[str, str], list[str]] = {}
    for r in reports:
        by_name.setdefault((r.stated, r.name), []).append(r.doc)
    said = "；".join(f"{'、'.join(docs[:3])}{'等' if len(docs) > 3 else ''}写作「{stated}」，按{name}计"
                    for (stated, name), docs in by_name.items())
    return f"（同一单位的不同写法：{said}）" if said else ""


def copies_said(groups, reports) -> str:
    """The files that hold one report, said beside an answer that used the report (qa.copies)."""
    by_agency: dict[str, list[str]] = {}
    for g in groups[:6]:
        p = reports[g.primary]
        others = "、".join(reports[o].doc for o in g.others)
        agree = "" if not g.differ else f"，共有的{g.shared}个单元格中{g.differ}个不同"
        by_agency.setdefault(p.name, []).append(f"{p.year}年取{p.doc}（另有{others}{agree}）")
    shown = "；".join(name + "、".join(each) for name, each in by_agency.items())
    more = f"等{len(groups)}份报告" if len(groups) > 6 else ""
    same = "，其余数值一致" if any(g.differ for g in groups) else "，数值一致"
    return f"（同一份报告有多个文件的只计一次：{shown}{more}{same}）"


# 多少元 / 换算成元 of an amount the template keeps in 万元 (not 万元 itself, not 单元)
RE_IN_YUAN = re.compile(r"(?<![万亿单公])元")


def in_yuan(question: str, value: float | None, unit: str) -> tuple[str, list[Derived]] | None:
    """An amount asked in 元: the 万元 value times 10000, with its arithmetic; None when not asked so."""
    if unit == "万元" and value is not None and "亿" in question:  # 多少亿元: the 万元 value ÷ 10000
        yi = round(value / 10000, 6)
        d = Derived(value=format_value(yi), how=f"{format_value(value)}万元 ÷ 10000 = {format_value(yi)}亿元")
        return f"折合{format_value(yi)}亿元（{d.how}）。", [d, Derived(value="10000", how="1亿元 = 10000万元")]
    if unit != "万元" or value is None or not RE_IN_YUAN.search(question):
        return None
    yuan = round(value * 10000, 2)
    d = Derived(value=format_value(yuan), how=f"{format_value(value)}万元 × 10000 = {format_value(yuan)}元")
    return f"折合{format_value(yuan)}元（{d.how}）。", [d, Derived(value="10000", how="1万元 = 10000元")]
