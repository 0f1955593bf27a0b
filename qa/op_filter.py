"""Filters and counts: the reports whose value meets a condition (超过100件, 不为0, 等于0), those that lack
the value (没有提供…的单位), or those that have it (几个单位有这项数据); with the condition in the reading
line and the matched rows in the table. A yes-or-no question over several reports (近三年都超过50件吗) opens
with its verdict. The words are qa.phrasing's."""

from __future__ import annotations

import numpy as np

from index.cells import plain_number
from qa import arith
from qa.answer import Answer, Derived
from qa.facts import NO_NUMBER, OK
from qa.lexicon import Measure, default_columns, measure
from qa.ops import Ctx, aggregate, cmp_ok, scoped_rows, table_of
from qa.output import format_value
from qa.phrasing import first_time_words, num, versus_words
from qa.phrasing import ALL_ZERO_WORDS, NAMES_IN_TEXT, every_report_words, filter_condition, lacking_words, matched_words, reading, \
    series_verdict, text_in_cell_words
from qa.understand import Comparison, Plan


def versus_measure(plan: Plan) -> Measure | None:
    """The other item of 部分公开多于予以公开, in the same column where it has it (the other column of the same
    item for 废止的比制发的多)."""
    item = plan.versus or ""
    if plan.versus_column:
        return measure(item, plan.versus_column)
    return measure(item, plan.column or "") or next((mm for col in default_columns(item) if (mm := measure(item, col))),
                                                    None)


def also_measures(plan: Plan) -> list[tuple[Measure, Comparison]]:
    """The further conditions' measures (the item's own column where it has it, else its default)."""
    out = []
    for item, c in plan.also:
        m = measure(item, plan.column or "") or next((mm for col in default_columns(item) if (mm := measure(item, col))),
                                                     None)
        if m is not None:
            out.append((m, c))
    return out


def _at_average(values: np.ndarray, c: Comparison, unit: str, derived: list[Derived]) -> tuple[Comparison, str]:
    """高于平均值: the comparison against the mean of the values in scope, its arithmetic kept as derived."""
    total, d_sum = arith.total([float(v) for v in values])
    mean = round(total / len(values), 2)
    derived += [d_sum, Derived(value=format_value(mean), how=f"{plain_number(total)} ÷ {len(values)} = "
                                                            f"{format_value(mean)}")]
    return c.model_copy(update={"value": mean}), f"平均值：{plain_number(total)} ÷ {len(values)} = {format_value(mean)}{unit}"


def _first_time(ctx: Ctx, plan: Plan, m: Measure, lead: str, cond: str, matched) -> str:
    """「首次…的是2024年（218件）；前一份报告2023年81件。」 per agency, in name order."""
    firsts: dict[str, object] = {}
    for r in sorted(matched, key=lambda r: (r.report.name, r.report.year or 0)):
        firsts.setdefault(r.report.name, r)
    before = {(r.report.name, r.report.year): r for r in scoped_rows(ctx, plan, m) if r.status == OK}
    said = []
    for name, r in firsts.items():
        prev = max((y for n, y in before if n == name and y and r.report.year and y < r.report.year), default=None)
        said.append(first_time_words(name, r.report.year, num(r.value, m.unit),
                                     (prev, num(before[(name, prev)].value, m.unit)) if prev else None))
    return f"{lead}，首次{cond}的：" + "；".join(said) + "。"


def answer_filter(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """filter and count."""
    a = aggregate(ctx, plan, m)
    if isinstance(a, Answer):
        return a
    op, m, ok, lacking = plan.operation, a.m, a.ok, a.lacking
    multi_year, lead, per, scope_n = a.multi_year, a.lead, a.per, a.scope_n
    versus_of: dict[int, float] = {}  # 废止比制发多: the other side's value per report, said beside the matched ones
    derived, alternatives, unit, label = a.derived, a.alternatives, m.unit, m.label
    filters: list[str] = []
    also_cited: list = []
    verdict = ""
    if plan.absent_only:
        matched = lacking
        cond = "未提供"
        filters.append(f"{label}：未提供")
    elif plan.comparison:
        c = plan.comparison
        if c.average and len(ok):  # 高于平均值: the scope's own average of the reports giving the value
            c, said = _at_average(ok.values, c, unit, derived)
            filters.append(said)
        meets = cmp_ok(ok.values, c) if len(ok) else None
        cond = c.words(unit)
        filters.append(filter_condition(m, c))
        if plan.versus and (mv := versus_measure(plan)) is not None:  # 部分公开多于予以公开: per report, the other item
            other = ctx.store.measure_values(mv, ok.rids) if len(ok) else None
            if other is not None:
                meets = (other.status == OK) & np.where(np.isnan(other.value), False,
                                                        ok.values > other.value if c.op == ">" else ok.values < other.value)
                c2, _ = ctx.citer.rows(mv, [r for r in scoped_rows(ctx, plan, mv) if r.status == OK])
                also_cited.extend(c2)
                versus_of = {int(r): float(v) for r, v, st in zip(other.rids, other.value, other.status) if st == OK}
            cond = f"{'大于' if c.op == '>' else '少于'}同一报告的「{mv.label}」"
            filters[-1] = f"{label}{cond}"
        for m2, c2 in also_measures(plan):  # 且行政许可超过3000件: each further condition on its own item
            if len(ok):
                mv = ctx.store.measure_values(m2, ok.rids)
                meets = meets & (mv.status == OK) & cmp_ok(np.nan_to_num(mv.value, nan=-np.inf), c2)
                d2, _ = ctx.citer.rows(m2, [r for r in scoped_rows(ctx, plan, m2) if r.status == OK])
                also_cited.extend(d2)
            cond += f"且「{m2.label}」{c2.words(m2.unit)}"
            filters.append(filter_condition(m2, c2))
        matched = ok.where(meets) if len(ok) else ok  # ok is sorted: so is this
        if plan.every_report and len(ok):  # 从来没有: an agency counts when every report of it giving the value meets
            failing = {r.report.name for r, keep in zip(ok, meets) if not keep}
            matched = ok.where(np.array([keep and r.report.name not in failing for r, keep in zip(ok, meets)]))
            derived.append(Derived(value=str(len({r.report.name for r in matched})), how=f"每份报告都{cond}的单位数"))
        if plan.yesno:
            failed = ok.where(~meets) if len(ok) else ok
            verdict = series_verdict(plan, matched, failed, len(lacking), unit, multi_year, per)
    else:  # 几个单位有这项数据
        matched = ok
        cond = "有数据"
        filters.append(f"{label}：有数据")
    derived.append(Derived(value=str(len(matched)), how=f"「{label}」{cond}的单位数"))
    if plan.absent_only:
        text = lacking_words(scope_n, label, matched, per, multi_year)
        for r in matched[:NAMES_IN_TEXT]:  # a sentence where the number belongs: quote it
            if r.status == NO_NUMBER:
                cites = ctx.citer.cells(ctx.store.cells(m, r.report.rid))
                raw = next((c.value or c.quote for c in cites if "text" in c.flags), None)
                if raw:
                    text += text_in_cell_words(r.report.name, raw)
    elif plan.first_time and len(matched):  # 首次超过: each agency's earliest year meeting it, and its year before
        text = verdict + _first_time(ctx, plan, m, lead, cond, matched)
    else:
        text = verdict + (every_report_words(lead, cond, matched) if plan.every_report else
                          matched_words(lead, cond, scope_n, per, matched, unit, multi_year))
    if not plan.absent_only and plan.comparison and plan.comparison.op == "==" and plan.comparison.value == 0 \
            and len(matched) and len(matched) == len(ok):
        text += ALL_ZERO_WORDS
    if versus_of and len(matched) and (mv := versus_measure(plan)) is not None:
        text += versus_words(mv.label, [(r.report.name, r.report.year, num(versus_of[r.report.rid], mv.unit))
                                        for r in matched[:NAMES_IN_TEXT] if r.report.rid in versus_of])
    if not plan.absent_only:
        text += a.lack_text
    summary = f"「{label}」{cond}的单位" + ("（计数）" if op == "count" else "")
    table_rows = ok if verdict else matched  # a verdict over several reports shows every one it judged
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    citations += also_cited
    return Answer(question=plan.question, text=text, reading=reading(plan, m, summary, filters),
                  table=table_of(table_rows, m, ranked=False, store=ctx.store) if table_rows else None, citations=citations,
                  derived=derived, alternatives=alternatives)
