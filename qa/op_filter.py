"""Filters and counts: the reports whose value meets a condition (超过100件, 不为0, 等于0), those that lack
the value (没有提供…的单位), or those that have it (几个单位有这项数据); with the condition in the reading
line and the matched rows in the table."""

from __future__ import annotations

from index.cells import plain_number
from qa.answer import Answer, Derived
from qa.facts import NO_NUMBER
from qa.lexicon import Measure
from qa.ops import Ctx, aggregate, cmp_ok, table_of
from qa.phrasing import NAMES_IN_TEXT, column_phrase, names, reading
from qa.understand import Plan


def answer_filter(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """filter and count."""
    a = aggregate(ctx, plan, m)
    if isinstance(a, Answer):
        return a
    op, m, ok, lacking = plan.operation, a.m, a.ok, a.lacking
    multi_year, lead, per, scope_n, lack_text = a.multi_year, a.lead, a.per, a.scope_n, a.lack_text
    derived, alternatives, unit, label = a.derived, a.alternatives, m.unit, m.label
    filters: list[str] = []
    if plan.absent_only:
        matched = lacking
        cond = "未提供"
        filters.append(f"{label}：未提供")
    elif plan.comparison:
        c = plan.comparison
        matched = ok.where(cmp_ok(ok.values, c)) if len(ok) else ok  # ok is sorted: so is this
        cond = c.words(unit)
        filters.append(f"{plain_number(c.value)} ≤ {column_phrase(m)} ≤ {plain_number(c.high or 0)}" if c.op == "between"
                       else f"{column_phrase(m)} {c.op} {plain_number(c.value)}")
    else:  # 几个单位有这项数据
        matched = ok
        cond = "有数据"
        filters.append(f"{label}：有数据")
    derived.append(Derived(value=str(len(matched)), how=f"「{label}」{cond}的单位数"))
    if plan.absent_only:
        text = (f"{scope_n}中有{len(matched)}{per}未提供「{label}」：{names(matched, years=multi_year)}。" if len(matched) else
                f"{scope_n}都提供了「{label}」。")
        for r in matched[:NAMES_IN_TEXT]:  # a sentence where the number belongs: quote it
            if r.status == NO_NUMBER:
                cites = ctx.citer.cells(ctx.store.cells(m, r.report.rid))
                raw = next((c.value or c.quote for c in cites if "text" in c.flags), None)
                if raw:
                    text += f"{r.report.name}的这一栏填的是文字：「{raw}」。"
    elif len(matched):
        text = f"{lead}，{cond}的{per[1:]}有{len(matched)}{per[0]}：{names(matched, True, unit, years=multi_year)}。"
    else:
        text = f"{lead}，{scope_n}中没有{cond}的单位。"
    if not plan.absent_only and plan.comparison and plan.comparison.op == "==" and plan.comparison.value == 0 \
            and len(matched) and len(matched) == len(ok):
        text += "提供数据的单位全部为0。"
    if not plan.absent_only:
        text += lack_text
    summary = f"「{label}」{cond}的单位" + ("（计数）" if op == "count" else "")
    table_rows = matched
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    return Answer(question=plan.question, text=text, reading=reading(plan, m, summary, filters),
                  table=table_of(table_rows, m, ranked=False, store=ctx.store) if table_rows else None, citations=citations,
                  derived=derived, alternatives=alternatives)
