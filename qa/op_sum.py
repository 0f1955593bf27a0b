"""Sums and averages over the reports in scope (合计, 一共, 平均), and per statistics year (各年合计): each
with its arithmetic, the reports lacking the value named and never counted as 0. The words are qa.phrasing's."""

from __future__ import annotations

import re

from index.cells import plain_number
from qa import arith
from qa.answer import Answer, AnswerTable, ChartHint, Derived
from qa.lexicon import Measure
from qa.ops import Ctx, Rows, aggregate, nothing, table_of
from qa.output import format_value
from qa.phrasing import SUM_TERMS_IN_TEXT, avg_words, by_year_words, cell_value, month_avg_words, num, reading, \
    sum_words, year_total_words
from qa.understand import Plan


RE_PER_MONTH = re.compile(r"每月|每个月|月均|平均一个月|一个月平均")


RE_MEDIAN = re.compile(r"中位数|中位值|中值")


def answer_sum(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """sum and avg."""
    a = aggregate(ctx, plan, m)
    if isinstance(a, Answer):
        return a
    op, m, rows, ok, lacking = plan.operation, a.m, a.rows, a.ok, a.lacking
    lead, per, scope_n, lack_text = a.lead, a.per, a.scope_n, a.lack_text
    derived, alternatives, unit, label = a.derived, a.alternatives, m.unit, m.label
    if plan.all_years and len(ok) and len(plan.agencies) != 1 and \
            re.search(r"按年|各年|每年.{0,4}(?:分别|各)", plan.text):  # one agency's 各年: one report a year
        return by_year(ctx, plan, m, ok, lacking, lead, derived)
    if not len(ok):
        return nothing(ctx, plan, m, rows, lead)
    total = arith.rounded(float(ok.values.sum()))
    terms = " + ".join(plain_number(r.value) for r in ok[:30]) + (f" + …（共{len(ok)}项）" if len(ok) > 30 else "")
    derived.append(Derived(value=format_value(total), how=f"{terms} = {plain_number(total)}"))
    shown_sum = f"{terms} = {plain_number(total)}" if len(ok) <= SUM_TERMS_IN_TEXT else ""  # its arithmetic
    if op == "sum":
        text = sum_words(lead, scope_n, len(ok), per, num(total, unit), shown_sum)
        summary = f"「{label}」在{scope_n}中求和"
    elif RE_MEDIAN.search(plan.text):  # 中位数: the middle value once sorted (mean of the two middle ones)
        values = sorted(float(v) for v in ok.values)
        k = len(values)
        mid = values[k // 2] if k % 2 else arith.rounded((values[k // 2 - 1] + values[k // 2]) / 2)
        order = "、".join(plain_number(v) for v in values[:30])
        how = (f"从小到大：{order}；共{k}个，取正中间第{k // 2 + 1}个" if k % 2 else
               f"从小到大：{order}；共{k}个，取正中间两个的平均（{plain_number(values[k // 2 - 1])} + "
               f"{plain_number(values[k // 2])}）÷ 2 = {plain_number(mid)}")
        derived.append(Derived(value=format_value(mid), how=how))
        derived.append(Derived(value=str(k), how=f"提供数据的{k}{per}"))
        derived.append(Derived(value=str(k // 2 + 1), how="正中间的位置") if k % 2 else
                       Derived(value="2", how="正中间的两个数"))
        text = f"{lead}，{scope_n}中提供数据的{k}{per}的中位数是{num(mid, unit)}（{how}）。"
        summary = f"「{label}」在{scope_n}中求中位数"
    elif RE_PER_MONTH.search(plan.text):  # 平均每月: a report counts one year, i.e. 12 months
        months = 12 * len(ok)
        avg_s = format_value(round(total / months, 2))
        derived.append(Derived(value=avg_s, how=f"{plain_number(total)} ÷ {months}个月 = {avg_s}"))
        derived.append(Derived(value=f"{len(ok)} × 12个月 = {months}个月", how=f"{len(ok)}份报告 × 12个月"))
        text = month_avg_words(lead, scope_n, len(ok), per, avg_s, unit, shown_sum, num(total, unit),
                               plain_number(total), months, plain_number(round(total / months, 2)))
        summary = f"「{label}」在{scope_n}中按月求平均"
    else:
        avg = total / len(ok)
        avg_s = format_value(round(avg, 2))
        derived.append(Derived(value=avg_s, how=f"{plain_number(total)} ÷ {len(ok)} = {avg_s}"))
        text = avg_words(lead, scope_n, len(ok), per, avg_s, unit, shown_sum, num(total, unit), plain_number(total),
                         plain_number(round(avg, 2)))
        summary = f"「{label}」在{scope_n}中求平均"
    text += lack_text
    table_rows = ok.concat(lacking)
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    return Answer(question=plan.question, text=text, reading=reading(plan, m, summary),
                  table=table_of(table_rows, m, ranked=False, store=ctx.store), citations=citations, derived=derived,
                  alternatives=alternatives)


def by_year(ctx: Ctx, plan: Plan, m: Measure, ok: Rows, lacking: Rows, lead: str,
             derived: list[Derived]) -> Answer:
    """各年行政处罚合计: one sum (or average) per statistics year."""
    years = ctx.store.year_of[ok.rids]
    table_rows, parts = [], []
    for y in sorted(set(years.tolist())):
        sel = ok.where(years == y)
        total = float(sel.values.sum())
        value = total if plan.operation == "sum" else round(total / len(sel), 2)
        terms = " + ".join(plain_number(v) for v in sel.values[:30]) + (" + …" if len(sel) > 30 else "")
        derived.append(Derived(value=format_value(total), how=f"{y}年：{terms} = {plain_number(total)}"))
        derived.append(Derived(value=str(len(sel)), how=f"{y}年提供数据的报告数"))
        if plan.operation == "avg":
            derived.append(Derived(value=format_value(value), how=f"{plain_number(total)} ÷ {len(sel)} = {plain_number(value)}"))
        word = "合计" if plan.operation == "sum" else "平均"
        parts.append(year_total_words(y, len(sel), word, num(value, m.unit)))
        table_rows.append([y, len(sel), cell_value(value)])
    text = by_year_words(lead, parts, len(lacking))
    citations, d = ctx.citer.rows(m, ok)
    word = "合计" if plan.operation == "sum" else "平均值"
    return Answer(question=plan.question, text=text, reading=reading(plan, m, f"「{m.label}」按年份{word}"),
                  table=AnswerTable(columns=["年份", "报告数", f"{word}（{m.unit}）"], rows=table_rows,
                                    units={f"{word}（{m.unit}）": m.unit}),
                  citations=citations, derived=derived + d, chart=ChartHint(x="年份", y=f"{word}（{m.unit}）",
                                                                           title=f"{m.label}（按年份）"))
