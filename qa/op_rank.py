"""Rankings: the largest or smallest value (最多, 最少), the first or last N (前三名, 倒数前三), a whole ranking
(排名, 从多到少), and the Nth place (排第二的是哪个). Ties are said as ties; all-zero results say so; the
table holds every row, each with its source cell. The words are qa.phrasing's."""

from __future__ import annotations

import numpy as np

from qa import arith
from qa.answer import Alternative, Answer, ChartHint, Derived
from qa.lexicon import Measure
from qa.facts import OK, Row
from qa.ops import ROW_CAP, Ctx, Rows, aggregate, nothing, table_of
from qa.phrasing import NAMES_IN_TEXT, RANK_IN_TEXT, RANK_ALL_ZERO, TOP_ALL_ZERO, all_zero_words, best_words, compose, \
    direction_words, more_words, names, no_nth_words, nth_words, num, place_words, ranking_words, reading, other_end_words, runner_up_words, spread_times_words, spread_words, than_words, tied_best_words, \
    too_few_words, top_list, top_sum_words, top_ties_words, top_words, value_column, year_tag
from qa.understand import RE_HOW_MUCH_MORE, RE_MAX, RE_MIN, RE_SUM, Plan


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
            text = all_zero_words(lead, scope_n, len(ok), per, word)
        elif len(winners) > 1:
            text = tied_best_words(lead, scope_n, names(winners, years=multi_year), word, num(best, unit))
            if len(winners) > NAMES_IN_TEXT:
                derived.append(Derived(value=str(len(winners)), how=f"并列{word}的单位数"))
        else:
            text = best_words(lead, scope_n, winners[0], word, num(best, unit), multi_year)
            if len(ok) > 1 and ok[1].value != best:
                second = ok.where(ok.values == ok[1].value)
                tied = len(second) > 1
                who = names(second, years=multi_year) if tied else ok[1].report.name + year_tag(ok[1], multi_year)
                text += runner_up_words(who, num(ok[1].value, unit), tied)
                if tied:
                    derived.append(Derived(value=str(len(second)), how="并列第二的单位数"))
        if len(ok) > 1 and RE_MAX.search(plan.text) and RE_MIN.search(plan.text):
            # 哪家最多，哪家最少: the other end too; 最多的比最少的多多少: the spread, with its arithmetic
            top, low = (ok[0], ok[len(ok) - 1]) if not asc else (ok[len(ok) - 1], ok[0])
            other = low if not asc else top
            ends = ok.where(ok.values == other.value)
            text += other_end_words("最少" if not asc else "最多", names(ends, years=multi_year), num(other.value, unit))
            if RE_HOW_MUCH_MORE.search(plan.text):
                d, dd = arith.difference(top.value, low.value)
                derived.append(dd)
                text += spread_words(top, low, num(d, unit), dd.how, multi_year)
            if plan.times and (t := arith.times(top.value, low.value)):  # 最多的是最少的几倍
                derived.append(t[1])
                text += spread_times_words(top, low, t[1].value, t[1].how, multi_year)
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
        text = top_words(label, asc, head, n, top_list(cut[:10], unit, multi_year), a.after)
        if len(cut) > n:
            text += top_ties_words(n, len(cut))
            derived.append(Derived(value=str(len(cut)), how="含并列在内列出的单位数"))
        if RE_SUM.search(plan.text) and len(cut):  # 前三名加起来一共多少: the ones listed, summed
            t, dt = arith.total([r.value for r in cut])
            derived.append(dt)
            text += top_sum_words(head, len(cut), num(t, unit), dt.how)
        if len(ok) < n:
            text += too_few_words(len(ok), per)
        if all(r.value == 0 for r in cut):
            text += TOP_ALL_ZERO
        summary = f"按「{label}」{direction_words(asc)}取{head}{n}名"
    else:
        shown = ok
        text = ranking_words(label, asc, names(ok, True, unit, years=multi_year, limit=RANK_IN_TEXT), a.after)
        if (ok.values == 0).all():
            text += RANK_ALL_ZERO
        summary = f"按「{label}」对{scope_n}排序（{direction_words(asc)}）"
    text = places_text(plan, ok, unit, per, multi_year) + text + _lead_text(plan, op, ok, unit, multi_year, derived)
    if plan.yesno and plan.place_of and op in ("max", "min") and len(ok):  # 2024年是不是历年最多的
        first = ok.where(ok.values == ok[0].value)
        won = any(r.report.agency in plan.place_of and plan.place_year in (None, r.report.year) for r in first)
        text = ("是：" if won else "不是：") + text
    if plan.neighbour and op in ("max", "min") and len(ok) and (ok.values == ok[0].value).sum() == 1:
        text += _neighbour_text(plan, ok[0], rows, unit, derived)
    text += lack_text
    table_rows = shown.concat(lacking) if op not in ("top", "bottom") else shown
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    chart = ChartHint(x="单位", y=value_column(m), title=label)
    return Answer(question=plan.question, text=text, status="answered",
                  reading=reading(plan, m, summary), table=table_of(table_rows, m, ranked=True, store=ctx.store),
                  citations=citations, chart=chart, derived=derived, alternatives=alternatives)


def _lead_text(plan: Plan, op: str, ok: Rows, unit: str, multi_year: bool, derived: list) -> str:
    """哪家多，多多少 (one end asked, not both): how far the first is ahead of the second, with its arithmetic.
    Both ends asked (最多的比最少的多多少) is the spread, said in the max branch; 比前一年多多少 is the year found
    against its neighbour (_neighbour_text)."""
    if op not in ("max", "min", "rank") or len(ok) < 2 or ok[0].value == ok[1].value or plan.neighbour or \
            not RE_HOW_MUCH_MORE.search(plan.text) or (RE_MAX.search(plan.text) and RE_MIN.search(plan.text)):
        return ""
    hi, lo = (ok[0], ok[1]) if ok[0].value > ok[1].value else (ok[1], ok[0])
    said, dd = more_words(f"{hi.report.name}{year_tag(hi, multi_year)}比{lo.report.name}{year_tag(lo, multi_year)}",
                          hi.value, lo.value, unit)
    derived.append(dd)
    return f"{said}。"


def _neighbour_text(plan: Plan, won: Row, rows: Rows, unit: str, derived: list) -> str:
    """哪一年最多？比前一年多多少: the year found against the same agency's report of the year before (after) it,
    from the rows ranked (their cells are cited with the ranking); a year with no report or no value is said."""
    year = (won.report.year or 0) + plan.neighbour
    word = "前一年" if plan.neighbour < 0 else "后一年"
    other = next((r for r in rows if r.report.agency == won.report.agency and r.report.year == year), None)
    if other is None or other.status != OK:
        return f"{word}（{year}年）{'没有报告' if other is None else '的报告没有提供该数据'}，无法比较。"
    said, step = than_words(f"{won.report.year}年", won.value, f"{word}（{year}年，{num(other.value, unit)}）",
                            other.value, unit, None)
    if step:
        derived.append(step)
    return f"{said}。"


def places_text(plan: Plan, ok: Rows, unit: str, per: str, multi_year: bool) -> str:
    """平潭的行政处罚排第几: each asked agency's place (1 + the reports ranked strictly before it: ties share a
    place), said before the ranking."""
    out = []
    for agency in plan.place_of:
        for r in (r for r in ok if r.report.agency == agency and plan.place_year in (None, r.report.year)):
            before = int((ok.values > r.value).sum() if plan.order == "desc" else (ok.values < r.value).sum())
            out.append(place_words(r, before + 1, len(ok), per, num(r.value, unit), multi_year))
    return "".join(out)


def answer_nth(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """排第二的是哪份报告: the ranking, and the row at that place named first."""
    ranked = answer_rank(ctx, plan.model_copy(update={"operation": "rank"}, deep=True), m)
    n = plan.nth or 2
    rows = [r for r in (ranked.table.rows if ranked.table else []) if r[0] == n]
    if not rows:
        ranked.text = no_nth_words(n) + ranked.text
        return ranked
    who = "、".join(f"{r[1]}（{r[2]}年）" if r[2] else str(r[1]) for r in rows)
    ranked.text = nth_words(n, who, num(rows[0][3], m.unit), plan.order == "asc") + ranked.text
    ranked.reading.summary = f"按「{m.label}」排序，取第{n}名"
    return ranked
