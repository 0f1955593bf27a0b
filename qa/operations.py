"""The table of operations: what a question can ask for, how the reader recognises it, and what runs it.
Adding an operation is one row here and one module (or function) that turns a settled Plan into an Answer.

Settling happens before any operation runs (`settle`): the defaults a plan takes (a value without an agency
is a ranking of all; a change without an agency ranks the template's 本年增/减 column; named agencies bound
an aggregate; the column most reports in scope hold) and the scope it covers, which is stated in the reading
line (all reports, each agency's latest report, or the reports of the years named). The settled plan is
frozen (qa.ops.SettledPlan): an operation reads it and never changes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from qa.answer import Answer
from qa.lexicon import Measure, measure
from qa.op_breakdown import answer_breakdown
from qa.op_change import answer_change, answer_change_by_year
from qa.op_compare import answer_compare
from qa.op_corpus import answer_corpus
from qa.op_filter import answer_filter
from qa.op_findings import answer_findings
from qa.op_gaps import answer_gaps
from qa.op_measures import answer_measures
from qa.op_both import answer_fact_text
from qa.op_prose import answer_mixed, answer_prose
from qa.op_rank import answer_nth, answer_rank
from qa.op_share import answer_share, plan_measures
from qa.op_sum import answer_sum
from qa.op_value import answer_value
from qa.ops import Ctx, SettledPlan, freeze, settle_aggregate, thaw
from qa.phrasing import years_text
from qa.understand import RE_ADDED, RE_COMPARE, RE_SAME, RE_SUM, Plan

if TYPE_CHECKING:
    from qa.engine import QA

Runner = Callable[["QA", Plan, "Measure | None"], Answer]


@dataclass(frozen=True)
class Operation:
    key: str
    trigger: str  # the words the reader (qa.understand) takes for it
    needs_measure: bool
    run: Runner


def on_facts(run: Callable[[Ctx, Plan, Measure], Answer]) -> Runner:
    """An operation over the facts alone (most of them): it needs the engine's context, not the engine."""
    return lambda engine, plan, m: run(engine.ctx, plan, m or plan.measure())


OPERATIONS: dict[str, Operation] = {op.key: op for op in [
    Operation("value", "a measure of named agencies (批了几件许可, 2023年平潭罚了多少)", True, on_facts(answer_value)),
    Operation("max", "最多 最高 第一名", True, on_facts(answer_rank)),
    Operation("min", "最少 最低 垫底", True, on_facts(answer_rank)),
    Operation("top", "前三 top 3 最多的两家", True, on_facts(answer_rank)),
    Operation("bottom", "倒数前三 最少的两家", True, on_facts(answer_rank)),
    Operation("rank", "排名 排序 从多到少 各单位", True, on_facts(answer_rank)),
    Operation("nth", "排第二 第三名", True, on_facts(answer_nth)),
    Operation("filter", "超过 不到 不为0 没有…的数字", True, on_facts(answer_filter)),
    Operation("count", "有几个单位 有几份报告（with a condition）", True, on_facts(answer_filter)),
    Operation("sum", "合计 一共 加起来（named set, 历年, 所有报告）", True, on_facts(answer_sum)),
    Operation("avg", "平均 均值", True, on_facts(answer_sum)),
    Operation("compare", "两家或几家：谁多 多多少 几倍 比一比", True, on_facts(answer_compare)),
    Operation("compare_measures", "一份报告的两项：行政许可和行政强制哪个多 多多少 是…的几倍 几成", True,
              on_facts(answer_measures)),
    Operation("sum_measures", "一份报告的几项相加：行政处罚和行政强制一共 两个加起来", True, on_facts(answer_measures)),
    Operation("change", "两年之间：增长了多少 增长百分之几 是…的几倍 缩水", True, on_facts(answer_change)),
    Operation("change_by_year", "一个单位：哪年增长最多 哪一年减少最多 历年增幅排名", True, on_facts(answer_change_by_year)),
    Operation("share", "占比 比例 比重 公开率 纠正率 占…的百分之几", True, lambda e, p, m: answer_share(e.ctx, p)),
    Operation("breakdown", "哪一种情形 哪类理由 哪类申请人 最多", True, on_facts(answer_breakdown)),
    Operation("mixed", "处罚最多的单位存在哪些问题", True, answer_mixed),
    Operation("fact_text", "济南收了多少申请，存在什么问题", True, answer_fact_text),
    Operation("findings", "对得上吗 一致吗 矛盾 勾稽", False, lambda e, p, m: answer_findings(e.ctx, p)),
    Operation("gaps", "缺了哪些数据 表格不完整 为什么是空的 哪些格没填", False, lambda e, p, m: answer_gaps(e.ctx, p)),
    Operation("corpus", "有哪些单位 几份报告 2023年的报告 用2021版模板的", False, lambda e, p, m: answer_corpus(e.ctx, p)),
    Operation("prose", "存在哪些问题 改进措施 正文里的数字", False, lambda e, p, m: answer_prose(e, p)),
    Operation("out_of_scope", "nothing the tables hold", False, lambda e, p, m: answer_prose(e, p)),
]}
AGGREGATE_KEYS = frozenset({"max", "min", "top", "bottom", "rank", "nth", "filter", "count", "sum", "avg"})


def by_change(plan: Plan) -> Plan:
    """哪个单位行政处罚增加最多: rank by the template's 本年增/减 column where the item has one."""
    p = plan.model_copy(deep=True)
    if measure(p.item, "change") and p.column != "change":
        p.column, p.column_explicit = "change", True
        p.defaults = [d for d in p.defaults if not d.startswith("未指明")] + ["按表中「本年增/减」列（事项数量的增减）"]
    if p.operation == "change":
        p.operation = "rank"
    return p


RE_FALL = re.compile(r"减少|下降|回落|缩水|降幅|降得|跌得|下滑|下跌")
RE_PREVIOUS_YEAR = re.compile(r"上一?年(?!结转|项目)|去年|同比|环比|前一年")  # 比上年多: a change, not two measures compared


def of_measures(p: Plan) -> str | None:
    """Several measures of one agency's report (not several years): compared (哪个多, 多多少, 几倍, 几成) or
    summed (一共, 两个加起来); None for any other plan (各是多少 stays a value per measure)."""
    # (two columns of one row count as two measures: 自然人比商业企业多多少, 现行有效是本年制发的几倍)
    if len(p.agencies) != 1 or not (p.extra_items or p.extra_columns) or len(p.years) > 1 or \
            p.all_years and not p.years or \
            p.operation not in ("value", "change", "compare", "sum"):
        return None
    # A加B等于C加D吗: two sums of the report's rows set side by side
    sums_equal = p.yesno and len(p.extra_items) >= 2 and "等于" in p.text and bool(RE_ADDED.search(p.text))
    compared = bool(RE_COMPARE.search(p.text) or p.times or p.percent or p.yesno and RE_SAME.search(p.text) or sums_equal)
    part = p.text.find("其中")  # 一共收到多少件，其中公开了多少: 一共 is the set's own total, the part is in it
    summed = RE_SUM.search(p.text, part) if part > 0 else RE_SUM.search(p.text)
    summed = summed or RE_ADDED.search(p.text)  # 行政处罚加行政强制等于多少
    if summed and not compared:
        return "sum_measures"
    if compared and not RE_PREVIOUS_YEAR.search(p.text):
        return "compare_measures"
    return None


def settle(plan: Plan, ctx: Ctx) -> SettledPlan:
    """The plan as it will run, frozen: every default taken now (the operation a bare measure means, the
    template's 本年增/减 column for a change without an agency, the scope, the column most reports in scope
    hold …) and listed for the reading line. The plan given is left as it was."""
    p = thaw(plan)
    p.operation = of_measures(p) or p.operation
    if p.operation == "share" and len(p.agencies) >= 2 and not p.share_across and \
            (lambda n, d: not d or n == d)(*plan_measures(p)):
        p.operation, p.percent = "compare", True  # 济南的行政处罚占伊川的百分比: the second agency is the whole
    op = p.operation
    if op == "sum" and len(p.agencies) == 1 and not p.all_years:
        p.operation = op = "value"  # the total of one report is its value
    if op == "change" and not p.agencies and p.item:
        p = by_change(p)  # 各单位行政处罚增减
    elif op == "value" and not p.agencies and p.item:
        p.operation = "rank"  # a measure and no agency: every agency's value, ranked
    if p.change and not p.agencies and p.operation in ("max", "min", "rank", "top", "bottom") and p.item:
        p = by_change(p)
    elif p.change and len(p.agencies) == 1 and p.all_years and p.operation in ("max", "min", "rank") and p.item:
        # 平潭哪年行政处罚增长最多: each year against the one before, ranked (减少最多: the most negative first)
        p.order = "asc" if (p.operation == "min") != bool(RE_FALL.search(p.text)) else "desc"
        p.operation = "change_by_year"
    if p.agencies and p.operation in AGGREGATE_KEYS:
        p.kind_agencies = list(p.agencies)  # the named agencies are the scope (平潭哪一年…最多)
    scope = scope_words(p)
    if scope and p.item and p.operation in AGGREGATE_KEYS | {"share"}:
        p.defaults = [d for d in p.defaults if not d.startswith("范围")] + [scope]
    if p.operation in AGGREGATE_KEYS | {"nth"} and p.measure() is not None and not p.money:
        settle_aggregate(ctx, p)
    return freeze(p)


def scope_words(p: Plan) -> str:
    """All reports, or each agency's latest (said by qa.ops.settle_aggregate when some agency has several), or the years."""
    years = years_text(p.years)
    if p.all_years:
        return f"范围：{years + '的' if years else '所有'}报告，每份都算（不只取各单位最新一份）"
    if p.latest:
        return "范围：每个单位只取最新的一份报告"
    return ""
