"""Change of one agency's measure between two years (从2019年到2025年增加了多少, 比上年增长百分之几, 是上年的几倍):
the two reports' cells, the difference, growth and multiple with their arithmetic; with one report only, the
template's own 本年增/减 column."""

from __future__ import annotations

import re

import numpy as np

from index.cells import plain_number
from qa import arith
from qa.answer import Alternative, Answer, AnswerTable, ChartHint, Derived
from qa.facts import OK, Row
from qa.lexicon import Measure, items, measure
from qa.op_absent import absent
from qa.ops import Ctx, cmp_ok, no_reports, table_of
from qa.output import format_value
from qa.phrasing import OWN_CHANGE_NOTE, cannot_compare_words, cell_value, change_words, compose, defaults_phrase, \
    difference_clause, growth_clause, in_tenths, no_change_words, no_report_words, num, own_change_words, pair_head, \
    pair_verdict, ratio_words, reading, series_words, than_words, years_of_sign_words, times_clause, \
    times_growth_clause, value_column
from qa.understand import Plan

RE_TREND = re.compile(r"趋势|走势|变化情况|怎么变|如何变化|逐年")  # the series asked, not only its two ends
RE_TIMES_OF = re.compile(r"是.{0,12}的(?:几|多少)倍")  # X年是Y年的几倍: X over Y, whichever is earlier
RE_RATIO_OF = re.compile(r"的(?:百分之|几成|多少成|百分比)")  # 是上年的百分之几: a ratio, not a growth rate


# a yearly rate over several years, not the change end to end
# 平均每年增长多少 / 年均增加几件 / 每年平均减少多少: the change spread over the years between, in the item's unit
RE_PER_YEAR = re.compile(r"(?:平均每年|年均|每年平均|平均一年)(?:增长|增加|减少|下降|变化|多|少|涨|降)了?(?:多少|几)")
RE_COMPOUND = re.compile(r"复合|年均增|年均(?:增长|下降|减少)|平均每年(?:增长|下降|减少)(?:百分之|率|了?多少%)")


def answer_change(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    if len(plan.agencies) < 2:
        return _change_of_one(ctx, plan, m)
    # 平潭和洪泽的同比增长率: each agency against its own year before, one after the other
    parts = [_change_of_one(ctx, plan.model_copy(update={"agencies": [a], "agency_mentions": []}), m)
             for a in plan.agencies]
    first = next((p for p in parts if p.status not in ("not_found", "absent")), parts[0])
    return first.model_copy(update={
        "text": "\n".join(p.text for p in parts), "status": first.status,
        "citations": [c for p in parts for c in p.citations], "derived": [d for p in parts for d in p.derived],
        "alternatives": [x for p in parts for x in p.alternatives]})


def _change_of_one(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    agency = plan.agencies[0]
    s = ctx.store
    all_rids = s.scope([agency], latest=False)
    reports = sorted((s.reports[int(r)] for r in all_rids), key=lambda r: (r.year or 0, r.doc))
    if plan.years and len(plan.years) >= 2:
        ends = (plan.years[0], plan.years[-1])  # 从2019年到2025年: the first and the last year named
        pick = [r for r in reports if r.year in ends]
        lost = [y for y in ends if not any(r.year == y for r in pick)]
        later = next((r for r in pick if r.year == ends[1]), None)
        template_change = measure(m.item, "change")
        if lost == [ends[0]] and ends[1] - ends[0] == 1 and later and template_change and \
                template_change.keys(later.format):
            pick = [later]  # 2019 vs 2020 with only the 2020 report: its own 上一年 and 增/减 columns
        elif lost:
            have = [r.year for r in reports if r.year]
            return Answer(question=plan.question, status="not_found",
                          text=no_report_words(agency, lost, have, "，无法比较"), reading=reading(plan, m, f"{agency}「{m.label}」{ends[0]}年与{ends[1]}年比较"))
    elif plan.years:
        pick = [r for r in reports if r.year in (plan.years[0] - 1, plan.years[0])]
    elif plan.all_years and len(reports) > 2:
        pick = [reports[0], reports[-1]]  # 这几年涨了多少倍 / 历年增长了多少: from the first report to the latest
    else:
        pick = reports[-2:]
    if len(pick) >= 2 and (m.column != "change" or not plan.column_explicit):
        a, b = pick[-2], pick[-1]
        mv = s.measure_values(m, np.array([a.rid, b.rid]))
        rows = [Row(rep, None if np.isnan(v) else float(v), int(st), int(f))
                for rep, v, st, f in zip((a, b), mv.value, mv.status, mv.flags)]
        if all(r.status == OK for r in rows):
            old, new = rows[0].value, rows[1].value
            d, dd = arith.difference(new, old)
            text = pair_head(agency, m.label, a.year, num(old, m.unit), b.year, num(new, m.unit))
            verdict = pair_verdict(plan, new, old)
            if plan.than_word and plan.than_first in (str(a.year), str(b.year)):  # 2025年比2024年少多少: as asked
                x, y = ((b, new), (a, old)) if plan.than_first == str(b.year) else ((a, old), (b, new))
                said, step = than_words(f"{x[0].year}年", x[1], f"{y[0].year}年", y[1], m.unit, plan.than_word)
                derived = [step] if step else []
                text += said
                verdict = pair_verdict(plan, x[1], y[1])
            else:
                derived = [dd]
                if d < 0:  # 减少137 states the size of a negative difference: its own step
                    derived.append(Derived(value=format_value(abs(d)),
                                           how=f"|{plain_number(d)}| = {plain_number(abs(d))}"))
                text += difference_clause(d, num(abs(d), m.unit), dd.how)
            g = arith.growth(new, old)
            if g and d:
                derived.append(g[1])
                text += growth_clause(d > 0, arith.pct_text(abs(g[0])), g[1].how)
            c = arith.compound_growth(new, old, b.year - a.year) if RE_COMPOUND.search(plan.text) and \
                a.year and b.year and b.year - a.year > 1 else None
            if c:  # 年均复合增长率: the yearly rate over the years between
                span = b.year - a.year
                derived += [c[1], Derived(value=str(span), how=f"{b.year} − {a.year} = {span}年")]
                text += f"，年均复合{'增长' if c[0] >= 0 else '下降'}{arith.pct_text(abs(c[0]))}（{c[1].how}）"
            if RE_PER_YEAR.search(plan.text) and a.year and b.year and b.year - a.year > 1:
                span = b.year - a.year  # 平均每年增长多少: the change over the years between, per year
                per = format_value(round(d / span, 2))
                derived += [Derived(value=str(span), how=f"{b.year} − {a.year} = {span}年"),
                            Derived(value=per.lstrip("-"), how=f"{plain_number(d)} ÷ {span} = {per}")]
                text += f"，平均每年{'增加' if d >= 0 else '减少'}{num(abs(round(d / span, 2)), m.unit)}（{plain_number(d)} ÷ {span} = {per}）"
            ratio_of = plan.percent and RE_RATIO_OF.search(plan.text)
            if g and d and not ratio_of:  # 多了几成: the growth in 成 too
                text += in_tenths(plan.text, abs(g[0]), derived)
            said = ratio_words(f"{b.year}年", new, f"{a.year}年", old, percent=True) if ratio_of else None
            if said:  # 是2022年的百分之几 / 只有上年的几成: the ratio as a percentage, not only the growth
                derived.append(said[1])
                text += f"；{said[0]}" + (in_tenths(plan.text, new / old * 100, derived) if old else "")
            t = arith.times(new, old)
            first = min(plan.year_at, key=lambda y: y[1])[0] if plan.year_at else None
            if first == a.year and RE_TIMES_OF.search(plan.text):  # 2024年是2025年的几倍: the earlier over the later
                t = arith.times(old, new)
                if t:
                    derived.append(t[1])
                    text += times_clause(a.year, b.year, t[1].value, t[1].how)
            elif t and (plan.times or "倍" in plan.text):
                derived.append(t[1])
                text += times_clause(b.year, a.year, t[1].value, t[1].how)
                up = arith.times(d, old)
                if up and d > 0:
                    derived.append(up[1])
                    text += times_growth_clause(up[1].value)
            if not old and d and (plan.percent or plan.times or re.search(r"倍|率|幅|百分|几成", plan.text)):
                text += f"；{a.year}年为0，增长的百分比和倍数无从计算"  # a rate over nothing is no number
            text = verdict + text + "。" + defaults_phrase(plan)
            if RE_TREND.search(plan.text):  # 2019到2025年的变化趋势: every year between, then the two ends
                between = [r for r in reports if r.year and a.year < r.year < b.year]
                mv = s.measure_values(m, np.array([r.rid for r in between], dtype=np.int64))
                rows = sorted(rows + [Row(rep, None if np.isnan(v) else float(v), int(st), int(f)) for rep, v, st, f in
                                      zip(between, mv.value, mv.status, mv.flags)], key=lambda r: r.report.year or 0)
                if len(rows) > 2:
                    text = series_words(agency, m.label, [(r.report.year, num(r.value, m.unit) if r.status == OK
                                                           else "未提供") for r in rows]) + text
            citations, d2 = ctx.citer.rows(m, rows, limit=None)
            return Answer(question=plan.question, text=text, reading=reading(
                plan, m, f"{agency}「{m.label}」{a.year}年与{b.year}年比较", operation="change"),
                table=table_of(rows, m, ranked=False), citations=citations, derived=derived + d2,
                chart=ChartHint(x="年份", y=value_column(m), title=m.label))
        bad = next(r for r in rows if r.status != OK)
        ans = absent(ctx, plan, m, bad)
        ans.text = cannot_compare_words(a.year, b.year) + ans.text
        return ans
    # one report: the template's own 本年增/减 column, where it has one
    change = measure(m.item, "change")
    rep = pick[-1] if pick else (reports[-1] if reports else None)
    if rep is None:
        return no_reports(ctx, plan, m, who=agency)
    if change and change.keys(rep.format):
        cs = s.cells(change, rep.rid)
        if cs and cs[0].value is not None:
            cites = ctx.citer.cells(cs)
            prev = measure(m.item, "prev")
            pcs = s.cells(prev, rep.rid) if prev else []
            pc = ctx.citer.cells(pcs)
            shown = cites[0].value or num(cs[0].value)
            text = own_change_words(agency, rep.year, items()[m.item].label, f"{shown}{change.unit}")
            derived: list[Derived] = []
            if pcs and pcs[0].value is not None:
                text += f"（上一年项目数量{num(pcs[0].value, prev.unit)}）"
                g = arith.growth(pcs[0].value + cs[0].value, pcs[0].value)
                if g:
                    now, dn = arith.total([pcs[0].value, cs[0].value], "本年项目数量")
                    derived += [dn, g[1]]
                    text += (f"，本年项目数量{num(now, prev.unit)}（{dn.how.split('：', 1)[1]}），"
                             f"{'增长' if g[0] >= 0 else '下降'}{arith.pct_text(abs(g[0]))}（{g[1].how}）")
            text += OWN_CHANGE_NOTE
            return Answer(question=plan.question, text=text, citations=cites + pc, derived=derived,
                          reading=reading(plan, change, f"{agency}「{change.label}」（报告只有一年，读表中增减列）",
                                          operation="change"),
                          table=AnswerTable(columns=["单位", "年份", "项目", "数值"], rows=[
                              [agency, rep.year, change.label, cell_value(cs[0].value)]] + (
                              [[agency, rep.year, prev.label, cell_value(pcs[0].value)]] if pcs and
                              pcs[0].value is not None else []), units={"数值": change.unit}))
    have = [r.year for r in reports if r.year]
    if change and change.keys(rep.format):  # the template has the column, the report gives no number in it
        mv = s.measure_values(change, np.array([rep.rid]))
        ans = absent(ctx, plan, change, Row(rep, None, int(mv.status[0]), int(mv.flags[0])))
        ans.text = no_change_words(agency, have, None) + ans.text
        return ans
    text = no_change_words(agency, have, rep.format)
    return Answer(question=plan.question, text=text, status="absent",
                  reading=reading(plan, m, f"{agency}「{m.label}」与上一年比较"),
                  alternatives=[Alternative(label="看本年数值", question=compose("value", m, agency))])


def answer_change_by_year(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    """平潭哪年行政处罚增长最多: each report against the agency's report before it, the changes ranked (by the
    growth rate when 百分之几 / 增幅 is asked), each with its arithmetic; a year without a value breaks the pair."""
    agency = plan.agencies[0]
    s = ctx.store
    years = sorted({plan.years[0] - 1, *plan.years}) if plan.yoy and plan.years else plan.years  # 2024年同比: 2023 too
    rids = s.scope([agency], years or None, latest=False)
    mv = s.measure_values(m, rids)
    rows = sorted((Row(s.reports[int(r)], None if np.isnan(v) else float(v), int(st), int(f))
                   for r, v, st, f in zip(mv.rids, mv.value, mv.status, mv.flags)), key=lambda r: r.report.year or 0)
    pairs, derived = [], []
    for old, new in zip(rows, rows[1:]):
        if old.status == OK and new.status == OK:
            d, dd = arith.difference(new.value, old.value)
            g = arith.growth(new.value, old.value)
            pairs.append((old, new, d, dd, g))
    if not pairs:
        return Answer(question=plan.question, status="absent", text=f"{agency}没有相邻两年都提供「{m.label}」的报告，"
                      f"无法逐年比较。", reading=reading(plan, m, f"{agency}「{m.label}」逐年变化"))
    if plan.yoy:
        return _each_year_on_year(ctx, plan, m, agency, rows, pairs)
    if plan.comparison is not None:  # 哪几年是增加的: the years whose change has the sign asked, in year order
        return _years_of_sign(ctx, plan, m, agency, rows, pairs)
    if plan.trend:
        return _trend(ctx, plan, m, agency, rows, pairs)
    desc = plan.order != "asc"  # settled: 增长最多 descending, 减少最多 / 增长最少 ascending
    by_rate = plan.percent and all(g for *_, g in pairs)

    def key(x):
        v = x[4][0] if by_rate else x[2]
        return -v if desc else v
    pairs.sort(key=key)
    parts = []
    for old, new, d, dd, g in pairs:
        derived.append(dd)
        derived += [g[1]] if g else []
        parts.append(change_words(new.report.year, old.report.year, dd, g[1] if g else None, d, g[0] if g else None,
                                  m.unit))
    first = pairs[0]
    grew = first[2] > 0
    word = ("增幅最大" if by_rate else "增加最多") if desc and grew else ("降幅最大" if by_rate else "减少最多") \
        if not desc and not grew else ("增幅最小" if by_rate else "增加最少") if grew else ("降幅最小" if by_rate else "减少最少")
    text = (f"{agency}「{m.label}」逐年比较，{word}的是{first[1].report.year}年；按{'变化率' if by_rate else '变化'}"
            f"{'从大到小' if desc else '从小到大'}：" + "；".join(parts) + "。" + defaults_phrase(plan))
    citations, d2 = ctx.citer.rows(m, [r for r in rows if r.status == OK], limit=None)
    table = AnswerTable(columns=["年份", "比较的报告", "本年", "上一份", "变化", "变化率（%）"], rows=[
        [new.report.year, f"{old.report.year}年", cell_value(new.value), cell_value(old.value), cell_value(d),
         round(g[0], 2) if g else None] for old, new, d, _, g in pairs], units={"本年": m.unit, "上一份": m.unit,
                                                                            "变化": m.unit, "变化率（%）": "%"})
    return Answer(question=plan.question, text=text, citations=citations, derived=derived + d2, table=table,
                  reading=reading(plan, m, f"{agency}「{m.label}」逐年变化，按{'变化率' if by_rate else '变化量'}排序",
                                  operation="change_by_year"))


def _each_year_on_year(ctx: Ctx, plan: Plan, m: Measure, agency: str, rows: list[Row], pairs: list) -> Answer:
    """2024年、2025年同比各增减多少: each year named against the agency's report of the year just before it, in
    year order; a year with no such pair is said, never skipped in silence."""
    derived, parts = [], []
    for year in plan.years:
        pair = next((p for p in pairs if p[1].report.year == year and p[0].report.year == year - 1), None)
        if pair is None:
            held = {r.report.year for r in rows}
            why = next((f"索引中没有{y}年的报告" for y in (year - 1, year) if y not in held), "缺少该数据")
            parts.append(f"{year}年无法同比（{why}）")
            continue
        old, new, d, dd, g = pair
        derived += [dd] + ([g[1]] if g else [])
        parts.append(change_words(year, year - 1, dd, g[1] if g else None, d, g[0] if g else None, m.unit))
    text = f"{agency}「{m.label}」同比：" + "；".join(parts) + "。" + defaults_phrase(plan)
    used = [r for r in rows if r.status == OK]
    citations, d2 = ctx.citer.rows(m, used, limit=None)
    table = AnswerTable(columns=["年份", "数值"], rows=[[r.report.year, cell_value(r.value)] for r in used],
                        units={"数值": m.unit})
    return Answer(question=plan.question, text=text, citations=citations, derived=derived + d2, table=table,
                  reading=reading(plan, m, f"{agency}「{m.label}」各年同比（与上一年比较）", operation="change_by_year"))


def _trend(ctx: Ctx, plan: Plan, m: Measure, agency: str, rows: list[Row], pairs: list) -> Answer:
    """这几年什么趋势: the highest and lowest year, then each year against the one before, in year order."""
    ok = [r for r in rows if r.status == OK]
    top, low = max(r.value for r in ok), min(r.value for r in ok)
    at = lambda v: "、".join(f"{r.report.year}年" for r in ok if r.value == v)  # noqa: E731 (ties: every year)
    rises, falls = sum(1 for p in pairs if p[2] > 0), sum(1 for p in pairs if p[2] < 0)
    derived = [Derived(value=str(len(pairs)), how="相邻两份报告比较的次数"),
               Derived(value=str(rises), how="比上一份报告增加的次数"),
               Derived(value=str(falls), how="比上一份报告减少的次数")]
    parts = []
    for old, new, d, dd, g in pairs:
        derived += [dd] + ([g[1]] if g else [])
        parts.append(change_words(new.report.year, old.report.year, dd, g[1] if g else None, d, g[0] if g else None,
                                  m.unit))
    series = "，".join(f"{r.report.year}年{num(r.value, m.unit)}" for r in ok)  # the series first, in year order
    text = (f"{agency}「{m.label}」逐年：{series}。最高{at(top)}，最低{at(low)}；{len(pairs)}次相邻比较中"
            f"增加{rises}次、减少{falls}次：" + "；".join(parts) + "。"
            + defaults_phrase(plan))
    citations, d2 = ctx.citer.rows(m, ok, limit=None)
    table = AnswerTable(columns=["年份", "数值", "比上一份"], rows=[
        [r.report.year, cell_value(r.value), next((cell_value(p[2]) for p in pairs if p[1] is r), None)] for r in ok],
        units={"数值": m.unit, "比上一份": m.unit})
    return Answer(question=plan.question, text=text, citations=citations, derived=derived + d2, table=table,
                  reading=reading(plan, m, f"{agency}「{m.label}」逐年变化（按年份）", operation="change_by_year"))


def _longest_run(pairs: list, rising: bool) -> list:
    """The longest run of adjacent pairs (each report against the one before it) that all rose (fell); the
    latest such run when two are as long. A pair whose reports are not adjacent (a value missing) breaks it."""
    best: list = []
    run: list = []
    for p in pairs:
        joined = run and run[-1][1] is p[0]
        if (p[2] > 0 if rising else p[2] < 0):
            run = run + [p] if joined else [p]
            if len(run) >= len(best):
                best = run
        else:
            run = []
    return best


def _streak_words(agency: str, label: str, rising: bool, run: list, rows: list[Row]) -> str:
    """「平潭综合实验区「…」连续增加4年（2021年至2024年，从21件到218件）。」."""
    word = "增加" if rising else "减少"
    if not run:
        return f"{agency}「{label}」没有连续{word}的年份。"
    start, end = run[0][0], run[-1][1]
    return (f"{agency}「{label}」最长连续{word}{len(run)}年（{run[0][1].report.year}年至{end.report.year}年，"
            f"从{start.report.year}年的{cell_value(start.value)}到{end.report.year}年的{cell_value(end.value)}）。")


def _years_of_sign(ctx: Ctx, plan: Plan, m: Measure, agency: str, rows: list[Row], pairs: list) -> Answer:
    c = plan.comparison
    rising = c is not None and (c.op == ">" if not c.rate else c.value >= 0)
    if c is not None and c.rate:  # 比上一年增长超过50%: the growth rate of each pair against the bound asked
        kept = [p for p in pairs if p[4] and cmp_ok(np.array([round(p[4][0], 2)]), c)[0]]
    else:
        kept = [p for p in pairs if (p[2] > 0 if rising else p[2] < 0)]
    said = c.words() if c is not None and c.rate else ("增加" if rising else "减少")
    derived = [Derived(value=str(len(kept)), how=f"比上一份报告{said}的年份数")]
    if c is not None and c.rate and not re.search(r"\d", c.text):  # 翻番: the bound the word stands for
        derived.append(Derived(value=plain_number(abs(c.value)), how=f"「{c.text}」即变化{c.words()}"))
    parts = []
    for old, new, d, dd, g in kept:
        derived += [dd] + ([g[1]] if g else [])
        parts.append(change_words(new.report.year, old.report.year, dd, g[1] if g else None, d, g[0] if g else None,
                                  m.unit))
    text = years_of_sign_words(agency, m.label, said, [p[1].report.year for p in kept], parts) + defaults_phrase(plan)
    if plan.streak:
        run = _longest_run(pairs, rising)
        derived.append(Derived(value=str(len(run)), how=f"连续{'增加' if rising else '减少'}的年数（每年都比上一份报告"
                                                        f"{'多' if rising else '少'}）"))
        text = _streak_words(agency, m.label, rising, run, rows) + text
    citations, d2 = ctx.citer.rows(m, [r for r in rows if r.status == OK], limit=None)
    return Answer(question=plan.question, text=text, citations=citations, derived=derived + d2,
                  reading=reading(plan, m, f"{agency}「{m.label}」逐年变化，取{'增加' if rising else '减少'}的年份",
                                  operation="change_by_year"))
