"""Rankings: the largest or smallest value (最多, 最少), the first or last N (前三名, 倒数前三), a whole ranking
(排名, 从多到少), and the Nth place (排第二的是哪个). Ties are said as ties; all-zero results say so; the
table holds every row, each with its source cell."""

from __future__ import annotations

import numpy as np

from qa.answer import Alternative, Answer, ChartHint, Derived
from qa.lexicon import Measure
from qa.ops import ROW_CAP, Ctx, aggregate, nothing, table_of
from qa.output import format_value
from qa.phrasing import NAMES_IN_TEXT, RANK_IN_TEXT, compose, names, num, reading, value_column
from qa.understand import Plan


def answer_rank(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """max, min, top, bottom and rank."""
    a = aggregate(ctx, plan, m)
    if isinstance(a, Answer):
        return a
    op, m, rows, ok, lacking, asc = plan.operation, a.m, a.rows, a.ok, a.lacking, a.asc
    multi_year, lead, per, scope_n, lack_text = a.multi_year, a.lead, a.per, a.scope_n, a.lack_text
    derived, alternatives, unit, label = a.derived, a.alternatives, m.unit, m.label
    if not len(ok):
        return nothing(ctx, plan, m, rows, lead)
    word = "最多" if op in ("max", "top") and not asc or op == "max" else "最少"
    if op in ("max", "min"):
        best = ok[0].value
        winners = ok.where(ok.values == best)
        shown = ok  # the whole ranking: the text names the winners, the table holds every row
        if best == 0 and (ok.values == 0).all():
            text = f"{lead}，{scope_n}中提供数据的{len(ok)}{per}均为0，没有哪个单位{word}。"
        elif len(winners) > 1:
            text = f"{lead}，{scope_n}中{names(winners, years=multi_year)}并列{word}，均为{num(best, unit)}。"
            if len(winners) > NAMES_IN_TEXT:
                derived.append(Derived(value=str(len(winners)), how=f"并列{word}的单位数"))
        else:
            w = winners[0]
            text = f"{lead}，{scope_n}中{w.report.name}{word}：{num(best, unit)}" + \
                   (f"（{w.report.year}年）" if multi_year else "") + "。"
            if len(ok) > 1 and ok[1].value != best:
                second = ok.where(ok.values == ok[1].value)
                if len(second) == 1:
                    text += f"其次是{ok[1].report.name}{f'（{ok[1].report.year}年）' if multi_year else ''}，{num(ok[1].value, unit)}。"
                else:
                    text += f"其次是{names(second, years=multi_year)}，均为{num(ok[1].value, unit)}。"
                    derived.append(Derived(value=str(len(second)), how="并列第二的单位数"))
        summary = f"按「{label}」比较{scope_n}，取{word}"
        alternatives.insert(0, Alternative(label="看完整排名", question=compose("rank", m, years=plan.years)))
    elif op in ("top", "bottom"):
        n = plan.n or 3
        cut = ok[:n]
        if len(ok) > n:  # ties at the boundary stay in
            tied = np.nonzero(ok.values[n:] == cut[-1].value)[0][:ROW_CAP] + n
            cut += [ok[int(i)] for i in tied]
        shown = cut
        head = "前" if op == "top" and not asc or op == "top" else "后"
        direction = "从少到多" if asc else "从多到少"
        listed = "；".join(f"{r.report.name}{f'（{r.report.year}年）' if multi_year else ''} {num(r.value, unit)}"
                          for r in cut[:10])
        text = f"按「{label}」{direction}的{head}{n}名：{listed}（{a.after}）。"
        if len(cut) > n:
            text += f"第{n}名有并列，共列出{len(cut)}个。"
            derived.append(Derived(value=str(len(cut)), how="含并列在内列出的单位数"))
        if len(ok) < n:
            text += f"只有{len(ok)}{per}提供了数据。"
        if all(r.value == 0 for r in cut):
            text += "这些单位均为0。"
        summary = f"按「{label}」{direction}取{head}{n}名"
    else:
        shown = ok
        direction = "从少到多" if asc else "从多到少"  # the list first, then how many: 7 reports is no value
        # the ranking first, then its scope: the years bounding it never precede its order
        text = f"按「{label}」{direction}：{names(ok, True, unit, years=multi_year, limit=RANK_IN_TEXT)}（{a.after}）。"
        if (ok.values == 0).all():
            text += "提供数据的单位均为0。"
        summary = f"按「{label}」对{scope_n}排序（{direction}）"
    text += lack_text
    table_rows = shown.concat(lacking) if op not in ("top", "bottom") else shown
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    chart = ChartHint(x="单位", y=value_column(m), title=label)
    return Answer(question=plan.question, text=text, status="answered",
                  reading=reading(plan, m, summary), table=table_of(table_rows, m, ranked=True, store=ctx.store),
                  citations=citations, chart=chart, derived=derived, alternatives=alternatives)


def answer_nth(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """排第二的是哪份报告: the ranking, and the row at that place named first."""
    ranked = answer_rank(ctx, plan.model_copy(update={"operation": "rank"}, deep=True), m)
    n = plan.nth or 2
    rows = [r for r in (ranked.table.rows if ranked.table else []) if r[0] == n]
    if not rows:
        ranked.text = f"没有排第{n}名的（提供数据的不足{n}个，或前面有并列）。" + ranked.text
        return ranked
    who = "、".join(f"{r[1]}（{r[2]}年）" if r[2] else str(r[1]) for r in rows)
    value = rows[0][3]
    ranked.text = f"排第{n}名的是{who}：{format_value(value)}{m.unit}。" + ranked.text
    ranked.reading.summary = f"按「{m.label}」排序，取第{n}名"
    return ranked
