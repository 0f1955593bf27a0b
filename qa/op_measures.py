"""Several measures of one report compared or summed (洪泽2023年的行政许可和行政强制哪个多，多了多少;
平潭2024年行政许可是行政处罚的几倍; 两个加起来多少 after two measures): per report in scope, each measure's
cell, then which is more, the difference, the ratio as asked (倍, or a percentage for 几成 / 百分之几), or the
total — like with like only: measures counted in different units are given side by side, never added or
divided. A measure a report lacks is said (why), never 0."""

from __future__ import annotations

import re

from qa import arith
from qa.answer import Answer, AnswerTable, ChartHint, Citation, Derived
from qa.facts import OK, Row
from qa.lexicon import Measure, measure
from qa.op_absent import absent
from qa.ops import Ctx, default_measure, no_reports, scoped_rows
from qa.phrasing import STATUS_WORDS, cell_value, defaults_phrase, flag_words, measures_words, more_words, num, \
    pair_verdict, ratio_as_asked, reading, than_words, total_words, units_differ, value_words
from qa.understand import RE_ADDED, Plan


def plan_measures(ctx: Ctx, plan: Plan, m: Measure) -> list[Measure]:
    """The measures named, in the question's order: the settled one, then each other item (at the column the
    question named, or its default column that the reports hold), then each other column of its row."""
    out = [m]
    for i in plan.extra_items:
        mm = plan.measure(i) if plan.column_explicit else None
        mm = mm or default_measure(ctx, i)
        if mm is not None and mm not in out:
            out.append(mm)
    for c in plan.extra_columns:
        if (mm := measure(m.item, c)) is not None and mm not in out:
            out.append(mm)
    return out


def answer_measures(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """compare_measures and sum_measures."""
    agency = plan.agencies[0]
    measures = plan_measures(ctx, plan, m)
    by_measure = [scoped_rows(ctx, plan, mm, [agency]) for mm in measures]
    if not by_measure[0]:
        return no_reports(ctx, plan, m, who=agency)
    summing = plan.operation == "sum_measures"
    sentences: list[str] = []
    citations: list[Citation] = []
    derived: list[Derived] = []
    table_rows: list[list] = []
    answered = False
    for i, r0 in enumerate(by_measure[0]):
        rows = [rs[i] for rs in by_measure]
        ok = [(mm, r) for mm, r in zip(measures, rows) if r.status == OK]
        for mm, r in zip(measures, rows):
            table_rows.append([r.report.name, r.report.year, mm.label, cell_value(r.value),
                               flag_words(r.flags) if r.status == OK else STATUS_WORDS[r.status]])
            if r.status == OK:
                c, d = ctx.citer.rows(mm, [r], limit=None)
                citations += c
                derived += d
        head = f"{r0.report.name}{r0.report.year or ''}年：" + "，".join(
            f"「{mm.label}」{value_words(r.value, mm.unit, r.flags)}" for mm, r in ok)
        said = _summed(ok) if summing else _rest(ok) if plan.rest_of else _compared(plan, ok)
        if said:
            answered = True
            sentences.append(head + "；" + said[0])
            derived += said[1]
        elif ok:
            sentences.append(head)
        for mm, r in zip(measures, rows):
            if r.status != OK:
                why = absent(ctx, plan, mm, r)
                sentences.append(why.text.rstrip("。"))
                citations += why.citations
                derived += why.derived
    text = "。".join(sentences) + "。" + defaults_phrase(plan)
    values = [r.value for rs in by_measure for r in rs if r.status == OK]
    if len(by_measure[0]) == 1 and len(values) == 2 and not summing:  # 行政许可比行政处罚多吗: yes or no first
        first = next((i for i, mm in enumerate(measures) if mm.item == plan.than_first), 0)
        text = pair_verdict(plan, values[first], values[1 - first]) + text
    what = "合计" if summing else "比较"
    summary = f"{agency}的{measures_words(measures)}{what}（同一份报告的不同项目）"
    vc = "数值"
    units = {mm.unit for mm in measures}
    return Answer(question=plan.question, text=text, status="answered" if answered else "absent",
                  reading=reading(plan, m, summary), citations=citations, derived=derived,
                  table=AnswerTable(columns=["单位", "年份", "项目", vc, "说明"], rows=table_rows,
                                    units={vc: units.pop() if len(units) == 1 else ""}),
                  chart=ChartHint(x="项目", y=vc, title=f"{agency}{what}") if not summing else None)


def _rest(ok: list[tuple[Measure, Row]]) -> tuple[str, list[Derived]] | None:
    """办理结果里除了予以公开以外的: the whole (first) less the parts named, with its arithmetic."""
    if len(ok) < 2:
        return None
    if why := units_differ([mm.unit for mm, _ in ok]):
        return why, []
    (whole, w), parts = ok[0], ok[1:]
    d, dd = arith.difference(w.value, sum(r.value for _, r in parts))
    if len(parts) > 1:
        dd.how = f"{num(w.value)} − " + " − ".join(num(r.value) for _, r in parts) + f" = {num(d)}"
    named = "、".join(f"「{mm.label}」" for mm, _ in parts)
    return f"除{named}以外共{num(d, whole.unit)}（{dd.how}）", [dd]


def _summed(ok: list[tuple[Measure, Row]]) -> tuple[str, list[Derived]] | None:
    if len(ok) < 2:
        return None
    if why := units_differ([mm.unit for mm, _ in ok]):
        return why, []
    said, d = total_words([r.value for _, r in ok], ok[0][0].unit)
    return said, [d]


RE_SIDES = re.compile(r"[，,]?(?:是否|能否)?(?:等于|和|与|跟|同)")  # A加B，和C加D相等吗: where the second side begins


def _two_sums(plan: Plan, ok: list[tuple[Measure, Row]]) -> tuple[str, list[Derived]] | None:
    """新收加上年结转，和办理总计加结转下年度相等吗: the measures before the joining word added, those after it
    added, and the two totals said equal or not (the difference given)."""
    at = {i: a for i, a in plan.item_at}
    if len(at) < len(ok) or not RE_ADDED.search(plan.text):
        return None
    ordered = sorted(ok, key=lambda x: at.get(x[0].item, 0))
    for k in range(1, len(ordered)):
        gap = plan.text[at[ordered[k - 1][0].item]:at[ordered[k][0].item]]
        if RE_SIDES.search(gap) and not RE_ADDED.search(gap):
            left, right = ordered[:k], ordered[k:]
            break
    else:
        return None
    unit = ok[0][0].unit
    (a, da), (b, db) = arith.total([r.value for _, r in left]), arith.total([r.value for _, r in right])
    said = f"前者{num(a, unit)}（{da.how}），后者{num(b, unit)}（{db.how}）"
    if a == b:
        return said + "，两边相等，对得上", [da, db]
    d, dd = arith.difference(a, b)
    return said + f"，不相等，对不上，相差{num(abs(d), unit)}（{dd.how}）", [da, db, dd]


def _compared(plan: Plan, ok: list[tuple[Measure, Row]]) -> tuple[str, list[Derived]] | None:
    """Which is more and by how much; the ratio (first named ÷ second named) when 几倍 / 几成 is asked."""
    if len(ok) < 2:
        return None
    if why := units_differ([mm.unit for mm, _ in ok]):
        return why, []
    unit = ok[0][0].unit
    if len(ok) > 2 and (sides := _two_sums(plan, ok)):
        return sides
    ranked = sorted(ok, key=lambda x: -x[1].value)
    if len(ok) > 2:
        top = [mm.label for mm, r in ranked if r.value == ranked[0][1].value]
        return (f"「{top[0]}」最多" if len(top) == 1 else f"{'、'.join(f'「{t}」' for t in top)}并列最多"), []
    (ma, a), (mb, b) = ranked
    first = next((x for x in ok if x[0].item == plan.than_first), None) if plan.than_word else None
    if first is None and plan.than_word and plan.extra_columns and not plan.extra_items:
        first = ok[0]  # 自然人比商业企业多多少: two columns of one row, the first named before 比
    if first is not None:  # 行政许可比行政处罚少多少: worded as asked, 「A」比「B」少N件
        (m1, r1), (m2, r2) = first, next(x for x in ok if x is not first)
        said, dd = than_words(f"「{m1.label}」", r1.value, f"「{m2.label}」", r2.value, unit, plan.than_word)
        parts, derived = [said], [dd] if dd else []
    elif a.value == b.value:
        parts, derived = ["两项相同"], []
    else:
        said, dd = more_words(f"「{ma.label}」", a.value, b.value, unit)
        parts, derived = [said], [dd]
    if plan.times or plan.percent:
        (m1, r1), (m2, r2) = (first, next(x for x in ok if x is not first)) if first is not None else ok  # A是B的几倍
        said = ratio_as_asked(plan, f"「{m1.label}」", r1.value, f"「{m2.label}」", r2.value, first is not None)
        if said:
            parts.append(said[0])
            derived.append(said[1])
    return "；".join(parts), derived
