"""Breakdown: which part of one item is largest in a report (办理结果中哪一种情形最多, 不予公开里哪类理由最多,
哪类申请人最多, 行政复议哪种结果最多). The parts are the template's own: the result rows of 三, a group's
member rows, the applicant columns of a row, the result columns of 四. Each part's value is a cited cell."""

from __future__ import annotations

from qa import arith
from qa.answer import Answer, AnswerTable, ChartHint, Derived
from qa.facts import OK
from qa.lexicon import Measure, items, measure
from qa.ops import Ctx, no_reports, scoped_rows
from qa.arith import plain_number
from qa.phrasing import cell_value, how_left_blank, num, reading, zeros_words
from qa.text_says import applicants_said
from qa.understand import Plan

# the leaf result rows of 三 (其他处理 is one row in the 2019 template and three in 2021)
RESULT_ROWS = ("apply.granted", "apply.partial", *items()["apply.denied"].members, *items()["apply.unable"].members,
               *items()["apply.rejected"].members, "apply.other.no_correction", "apply.other.no_fee",
               "apply.other.misc", "apply.other")
APPLICANT_COLUMNS = ("natural", "business", "research", "nonprofit", "legal", "other_org")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending")


MAX_REPORTS = 8  # parts listed report by report, up to this many reports


def _joined(answers: list[Answer]) -> Answer:
    """Several reports' parts, one after another, in one answer."""
    first = answers[0]
    first.text = "".join(a.text for a in answers)
    first.citations = [c for a in answers for c in a.citations]
    first.derived = [d for a in answers for d in a.derived]
    if all(a.table for a in answers):
        first.table.rows = [row for a in answers for row in a.table.rows]
    first.chart = None
    return first


def parts(plan: Plan) -> list[Measure]:
    """The measures an item breaks down into."""
    item = items()[plan.item]
    column = plan.column or "total"
    if plan.item == "apply.total":
        return [m for i in RESULT_ROWS if (m := measure(i, column))]
    if item.table == "review" and "结果" in plan.text:  # 行政诉讼的结果分布: its result columns, not its two rows
        return [m for c in REVIEW_COLUMNS if (m := measure(plan.item, c))]
    if item.is_group:
        return [m for i in item.members if (m := measure(i, column))]
    if item.table == "apply":
        return [m for c in APPLICANT_COLUMNS if (m := measure(plan.item, c))]
    if item.table == "review":
        return [m for c in REVIEW_COLUMNS if (m := measure(plan.item, c))]
    return []


def answer_breakdown(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    ms = parts(plan)
    if not ms:
        return Answer(question=plan.question, status="not_found", text=f"「{m.label}」没有可以细分的小项。",
                      reading=reading(plan, m, f"「{m.label}」的细分"))
    first = scoped_rows(ctx, plan, ms[0], plan.agencies or None)
    if not first:
        return no_reports(ctx, plan, m, who="、".join(plan.agencies))
    if plan.each and 1 < len(first) <= MAX_REPORTS:  # 2021年和2022年 / 洪泽和平潭的原因分别是什么: each report's
        order = {a: i for i, a in enumerate(plan.agencies)}
        return _joined([answer_breakdown(ctx, plan.model_copy(update={
            "years": [r.report.year], "all_years": False, "agencies": [r.report.agency] if r.report.agency else []}), m)
            for r in sorted(first, key=lambda r: (order.get(r.report.agency, 0), r.report.year or 0))])
    if len({r.report.rid for r in first}) > 1 and not plan.each:  # 所有报告里哪一类最多: the parts summed
        return _pooled(ctx, plan, m, ms, first)
    rep = first[-1].report  # one report: the one named, or the agency's latest
    rows = []
    for mm in ms:
        r = next((x for x in scoped_rows(ctx, plan, mm, [rep.agency] if rep.agency else None)
                  if x.report.rid == rep.rid), None)
        if r is None or r.status != OK:
            continue
        if mm.item == "apply.other" and measure("apply.other.misc", mm.column) and \
                measure("apply.other.misc", mm.column).keys(rep.format):
            continue  # 2021: 其他处理 is its three rows, listed one by one
        rows.append((mm, r))
    if not rows:
        return Answer(question=plan.question, status="absent", reading=reading(plan, m, f"「{m.label}」的细分"),
                      text=f"{rep.name}{rep.year or ''}年报告没有「{m.label}」各小项的数字。")
    asc = plan.operation == "min" or plan.order == "asc"
    rows.sort(key=lambda x: (x[1].value if asc else -x[1].value))
    whole, sum_said = None, []
    best = rows[0][1].value
    winners = [mm for mm, r in rows if r.value == best]
    word = "最少" if asc else "最多"
    label = lambda mm: mm.label.replace(" · 总计", "")  # noqa: E731
    text = (f"{rep.name}{rep.year or ''}年「{items()[plan.item].label}」的各小项中，{word}的是"
            + "、".join(f"「{label(w)}」" for w in winners) + f"：{num(best, m.unit)}"
            + ("（并列）" if len(winners) > 1 else "") + "。")
    if plan.each:  # 分别是什么原因: every part that has a count, then how many parts are 0
        nonzero = [(mm, r) for mm, r in rows if r.value]
        zeros = len(rows) - len(nonzero)
        whole = next((x for x in scoped_rows(ctx, plan, m, [rep.agency] if rep.agency else None)
                      if x.report.rid == rep.rid and x.status == OK), None)  # the row's own total, as stated
        blank_total = whole is not None and how_left_blank(whole.value, whole.flags) is not None
        text = (f"{rep.name}{rep.year or ''}年「{items()[plan.item].label}」"
                + (f"共计一格{how_left_blank(whole.value, whole.flags)}，未填数字；" if blank_total else
                   f"共{num(whole.value, m.unit)}，" if whole is not None else "") + "各小项："
                + "、".join(f"「{label(mm)}」{num(r.value, m.unit)}" for mm, r in nonzero)
                + (f"；{zeros_words([(label(mm), r.flags) for mm, r in rows if not r.value])}。" if zeros else "。"))
        parts_sum, how = arith.total([r.value for _, r in rows], "各小项之和")
        if whole is not None and parts_sum != whole.value:  # 洪泽 2023 行政复议: 总计0, parts 11
            text += (f"各小项之和为{num(parts_sum, m.unit)}" + ("。" if blank_total else
                     f"，与所填的共计{num(whole.value, m.unit)}不一致。"))
            sum_said = [how]
        elif plan.parts_sum:  # 按申请人类型加起来: the sum asked, with its arithmetic, against the stated total
            text += f"各小项相加：{how.how.split('：', 1)[-1]}" + (
                f"，与所填的共计{num(whole.value, m.unit)}一致。" if whole is not None else "；报告没有填这一行的共计。")
            sum_said = [how]
        if plan.parts_sum and whole is not None and parts_sum != whole.value:
            gap = arith.rounded(abs(parts_sum - whole.value))
            text += f"（{how.how.split('：', 1)[-1]}，差{num(gap, m.unit)}）"
            sum_said.append(Derived(value=plain_number(gap), how=f"{plain_number(max(parts_sum, whole.value))} − "
                                    f"{plain_number(min(parts_sum, whole.value))} = {plain_number(gap)}"))
        if zeros:  # 「其余4项为0」: a count the answer states, traced like any other
            sum_said.append(Derived(value=str(zeros), how="为0的小项数"))
        if not nonzero:
            text = f"{rep.name}{rep.year or ''}年「{items()[plan.item].label}」的各小项都是0。"
    elif best == 0 and all(r.value == 0 for _, r in rows):
        text = f"{rep.name}{rep.year or ''}年「{items()[plan.item].label}」的各小项都是0，没有哪一项{word}。"
    citations, derived = [], []
    if plan.each and whole is not None:
        citations, derived = ctx.citer.rows(m, [whole])
    if plan.each and whole is not None and plan.item == "apply.new":  # 报告里说…涉及哪些申请人: the text beside
        said, c, d = applicants_said(ctx, plan, whole)
        text, citations, derived = text + said, citations + c, derived + d
    derived += sum_said
    for mm, r in rows:
        c, d = ctx.citer.rows(mm, [r])
        citations += c
        derived += d
    table = AnswerTable(columns=["名次", "小项", "单位", "年份", f"数值（{m.unit}）"], units={f"数值（{m.unit}）": m.unit},
                        rows=[[i + 1, label(mm), rep.name, rep.year, cell_value(r.value)] for i, (mm, r) in enumerate(rows)])
    return Answer(question=plan.question, text=text, table=table, citations=citations, derived=derived,
                  reading=reading(plan, m, f"{rep.name}{rep.year or ''}年「{items()[plan.item].label}」各小项" +
                                  ("相加，与所填共计核对" if plan.parts_sum else "逐项列出" if plan.each
                                   else f"比较，取{word}"),
                                  operation="breakdown", agencies=[rep.agency] if rep.agency else []),
                  chart=ChartHint(x="小项", y=f"数值（{m.unit}）", title=items()[plan.item].label))


def _pooled(ctx: Ctx, plan: Plan, m: Measure, ms: list[Measure], first: list) -> Answer:
    """Each part summed over the reports in scope (every report, or each agency's latest), then ranked; a
    report that lacks a part's cell is left out of that part's sum and said."""
    label = lambda mm: mm.label.replace(" · 总计", "")  # noqa: E731
    sums, citations, derived = [], [], []
    for mm in ms:
        if mm.item == "apply.other":
            continue  # 其他处理: its rows are summed (a 2019 report's one row is not a part of 2021's three)
        ok = [r for r in scoped_rows(ctx, plan, mm, plan.agencies or None) if r.status == OK]
        if not ok:
            continue
        total, how = arith.total([r.value for r in ok], f"「{label(mm)}」{len(ok)}份报告合计")
        sums.append((mm, total, len(ok)))
        c, d = ctx.citer.rows(mm, ok, limit=None)
        citations += c
        derived += [*d, how]
    if not sums:
        return Answer(question=plan.question, status="absent", reading=reading(plan, m, f"「{m.label}」的细分"),
                      text=f"范围内的报告没有「{m.label}」各小项的数字。")
    asc = plan.operation == "min" or plan.order == "asc"
    sums.sort(key=lambda x: x[1] if asc else -x[1])
    best = sums[0][1]
    winners = [mm for mm, v, _ in sums if v == best]
    word = "最少" if asc else "最多"
    n = len({r.report.rid for r in first})
    scope = f"{n}{'份报告' if plan.all_years else '个单位（各取最新一份报告）'}"
    text = (f"「{items()[plan.item].label}」的各小项按{scope}合计，{word}的是"
            + "、".join(f"「{label(w)}」" for w in winners) + f"：{num(best, m.unit)}" + ("（并列）" if len(winners) > 1 else "")
            + "。" + "其余：" + "、".join(f"「{label(mm)}」{num(v, m.unit)}" for mm, v, _ in sums[len(winners):]) + "。")
    table = AnswerTable(columns=["名次", "小项", "报告数", f"合计（{m.unit}）"], units={f"合计（{m.unit}）": m.unit},
                        rows=[[i + 1, label(mm), k, cell_value(v)] for i, (mm, v, k) in enumerate(sums)])
    return Answer(question=plan.question, text=text, table=table, citations=citations, derived=derived,
                  reading=reading(plan, m, f"「{items()[plan.item].label}」各小项按{scope}合计，取{word}",
                                  operation="breakdown"),
                  chart=ChartHint(x="小项", y=f"合计（{m.unit}）", title=items()[plan.item].label))
