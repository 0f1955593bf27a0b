"""Sums and averages over the reports in scope (合计, 一共, 平均), and per statistics year (各年合计): each
with its arithmetic, the reports lacking the value named and never counted as 0. The words are qa.phrasing's."""

from __future__ import annotations

import re

from index.cells import plain_number
from qa import arith
from qa.answer import Answer, AnswerTable, ChartHint, Derived
from qa.facts import OK
from qa.lexicon import Measure, measure
from qa.ops import Ctx, Rows, aggregate, nothing, scoped, table_of
from qa.output import format_value
from qa.phrasing import NAMES_IN_TEXT, SUM_TERMS_IN_TEXT, avg_words, by_year_words, cell_value, month_avg_words, num, reading, \
    share_of_sum_words, sum_words, year_total_words, in_yuan
from qa.understand import RE_EACH_SHARE, RE_SUM, Plan


RE_PER_MONTH = re.compile(r"每月|每个月|月均|平均一个月|一个月平均")


RE_MEDIAN = re.compile(r"中位数|中位值|中值")
RE_TOTAL_TOO = re.compile(r"合计|一共|总共|总计|总和|加起来|累计")
RE_MEAN = re.compile(r"平均(?!每)|均值")  # 平均值和中位数: the mean asked beside the median

# 平均每个项目多少万元: an amount over the count of the same row (采购总金额 ÷ 采购项目数量), not an average of counts
RE_PER_UNIT = re.compile(r"每(?:一)?个?(?:采购)?项目|单个(?:采购)?项目|平均每项|每项(?:采购)?(?:平均|金额|多少钱)")


def answer_sum(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """sum and avg."""
    unit_avg = per_unit(ctx, plan, m) if plan.operation == "avg" else None
    if unit_avg is not None:
        return unit_avg
    a = aggregate(ctx, plan, m)
    if isinstance(a, Answer):
        return a
    op, m, rows, ok, lacking = plan.operation, a.m, a.rows, a.ok, a.lacking
    other_cites: list = []  # the second measure's cells, when two sums are compared
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
        if (at := RE_SUM.search(plan.text)) and RE_EACH_SHARE.search(plan.text, at.start()) and 1 < len(ok) <= NAMES_IN_TEXT:
            shares = []  # 合计多少件，各占多少: each report's share of the sum
            for r in ok:
                if got := arith.share(r.value, total):
                    derived.append(got[1])
                    shares.append(share_of_sum_words(f"{r.report.name}{r.report.year or ''}年", got[1].how))
            text = text.rstrip("。") + "；其中" + "，".join(shares) + "。"
        if plan.compare_sums and (other := other_sum(ctx, plan, m, total)) is not None:
            text, derived, other_cites = text.rstrip("。") + other[0], derived + other[1], other[2]
        yuan = in_yuan(plan.text, total, unit)
        if yuan:  # 一共花了多少元: the 万元 total in 元 too
            text, derived = text + yuan[0], derived + yuan[1]
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
        if RE_MEAN.search(plan.text):  # 平均值和中位数: both asked, both said
            avg_s = format_value(round(total / k, 2))
            derived.append(Derived(value=avg_s, how=f"{plain_number(total)} ÷ {k} = {avg_s}"))
            text += f"平均数是{num(round(total / k, 2), unit)}（{shown_sum or plain_number(total)}，÷ {k} = {avg_s}）。"
            summary = f"「{label}」在{scope_n}中求中位数和平均数"
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
        if RE_TOTAL_TOO.search(plan.text):  # 合计多少，年均多少: the total asked too, said outside the arithmetic
            text = text[:-1] + f"；合计{num(total, unit)}。"
        summary = f"「{label}」在{scope_n}中求平均"
    text += lack_text
    table_rows = ok.concat(lacking)
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    citations += other_cites
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


def per_unit(ctx: Ctx, plan: Plan, m: Measure) -> Answer | None:
    """平均每个项目多少万元: the row's amount over its count (summed over the reports in scope), each cell cited;
    None when the row has no amount and count or no report gives both."""
    amount, count = measure(m.item, "amount"), measure(m.item, "items")
    if amount is None or count is None or not RE_PER_UNIT.search(plan.text):
        return None
    a_rows, c_rows = scoped(ctx, plan, amount), scoped(ctx, plan, count)
    counts = {int(r.report.rid): r for r in c_rows if r.status == OK and r.value}
    pairs = [(a, counts[int(a.report.rid)]) for a in a_rows if a.status == OK and int(a.report.rid) in counts]
    if not pairs:
        return None
    total_a = arith.rounded(sum(a.value for a, _ in pairs))
    total_c = arith.rounded(sum(c.value for _, c in pairs))
    avg_s = format_value(round(total_a / total_c, 2))
    how = f"{plain_number(total_a)} ÷ {plain_number(total_c)} = {avg_s}"
    derived = [Derived(value=avg_s, how=how)]
    if len(pairs) > 1:
        derived += [Derived(value=format_value(total_a), how=" + ".join(plain_number(a.value) for a, _ in pairs)),
                    Derived(value=format_value(total_c), how=" + ".join(plain_number(c.value) for _, c in pairs))]
    who = "、".join(dict.fromkeys(f"{a.report.agency}{a.report.year or ''}年" for a, _ in pairs))
    text = (f"{who}「{amount.label}」{num(total_a, amount.unit)}，「{count.label}」{num(total_c, count.unit)}，"
            f"平均每个项目{avg_s}{amount.unit}（{how}）。")
    left = [f"{r.report.agency}{r.report.year or ''}年" for r in a_rows
            if int(r.report.rid) not in {int(a.report.rid) for a, _ in pairs}]
    if left:  # no count to divide by (0 or not given): said, never divided
        text += f"未计入（金额或项目数未提供、项目数为0）：{'、'.join(left)}。"
    cites_a, da = ctx.citer.rows(amount, [a for a, _ in pairs])
    cites_c, dc = ctx.citer.rows(count, [c for _, c in pairs])
    table = AnswerTable(columns=["单位", "年份", f"{amount.label}（{amount.unit}）", f"{count.label}（{count.unit}）"],
                        rows=[[a.report.agency, a.report.year, cell_value(a.value), cell_value(c.value)]
                              for a, c in pairs], units={f"{amount.label}（{amount.unit}）": amount.unit,
                                                         f"{count.label}（{count.unit}）": count.unit})
    return Answer(question=plan.question, text=text, table=table, citations=cites_a + cites_c,
                  derived=derived + da + dc,
                  reading=reading(plan, amount, f"「{amount.label}」÷「{count.label}」（平均每个项目）"))


def other_sum(ctx: Ctx, plan: Plan, m: Measure, total: float) -> tuple[str, list[Derived], list] | None:
    """历年予以公开总数和部分公开总数哪个多: the second measure summed over the same reports, and the two sums
    compared (the difference derived); None when that measure has no value in scope."""
    from qa.lexicon import default_columns

    item = plan.extra_items[0]
    m2 = measure(item, m.column) or next((mm for c in default_columns(item) if (mm := measure(item, c))), None)
    if m2 is None or m2.unit != m.unit:
        return None
    a = aggregate(ctx, plan, m2)
    if isinstance(a, Answer) or not len(a.ok):
        return None
    total2 = arith.rounded(float(a.ok.values.sum()))
    terms = " + ".join(plain_number(r.value) for r in a.ok[:30])
    diff = arith.rounded(total - total2)
    derived = a.derived[1:] + [Derived(value=format_value(total2), how=f"{terms} = {plain_number(total2)}"),
                               Derived(value=format_value(abs(diff)), how=f"{plain_number(total)} − {plain_number(total2)} = {plain_number(diff)}")]
    more, less = (m.label, m2.label) if diff >= 0 else (m2.label, m.label)
    verdict = (f"两者相同" if diff == 0 else
               f"「{more}」比「{less}」多{num(abs(diff), m.unit)}（{plain_number(total)} − {plain_number(total2)} = {plain_number(diff)}）")
    lack = f"（「{m2.label}」另有{len(a.lacking)}{a.per}未提供）" if len(a.lacking) else ""
    cites, d = ctx.citer.rows(m2, a.ok)
    return (f"；同一范围内「{m2.label}」{len(a.ok)}{a.per}合计{num(total2, m.unit)}（{terms} = {plain_number(total2)}）{lack}；"
            f"{verdict}。", derived + d, cites)
