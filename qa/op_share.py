"""Share / rate: a numerator measure (or the sum of several, 予以公开加部分公开) over a denominator measure
(another item, 占新收; or the item's own total column, 结果维持占复议后起诉总计), per report in scope, or
pooled over the reports when the question says so (合起来的纠正率). Each ratio states its arithmetic."""

from __future__ import annotations

import re

import numpy as np

from qa import arith
from qa.answer import Answer, AnswerTable, Derived
from qa.facts import OK, Row
from qa.lexicon import Measure, default_columns, measure
from qa.ops import Ctx, cmp_ok, no_reports, scoped_rows
from qa.output import format_value
from qa.phrasing import STATUS_WORDS, cell_value, in_tenths, num, reading, share_filter_words, value_words, yes_no_words
from qa.understand import RE_AVG, RE_MAX, RE_MIN, RE_ORDER, Plan

RE_POOLED = re.compile(r"合起来|合计|总体|整体|加起来|累计|总的|一共|总共")  # 七年来一共…占多少: the sums divided


def _measures(item_ids: list[str], column: str | None) -> list[Measure]:
    out = []
    for i in item_ids:
        m = measure(i, column) if column else None
        if m is None:
            m = next((mm for c in default_columns(i) if (mm := measure(i, c))), None)
        if m is not None:
            out.append(m)
    return out


def plan_measures(plan: Plan) -> tuple[list[Measure], list[Measure]]:
    """(numerator measures, denominator measures) of a share question."""
    numer = _measures(plan.share_items or [plan.item], plan.column)
    if plan.share_of:
        denom = _measures(plan.share_of, plan.column if plan.column in ("total",) or not plan.column_explicit
                          else "total")
        if plan.column_explicit and plan.column not in ("total", None) and plan.share_of != [plan.item]:
            denom = _measures(plan.share_of, plan.column) or denom  # 自然人 of 新收 over 自然人 of 办理结果
            # (法人 of 新收 over 新收: the column over its own row's total, kept above)
    elif len(plan.share_items) >= 2 and plan.column_explicit and plan.column != "total":
        # 直接起诉和复议后起诉合起来的维持比例: the column of both rows over both rows' totals
        denom = _measures(plan.share_items, "total")
    else:
        denom = _measures([plan.item], "total")
    return numer, denom


def _label(ms: list[Measure]) -> str:
    return " + ".join(f"「{m.label}」" for m in ms)


def _share_across(ctx: Ctx, plan: Plan) -> Answer:
    """伊川的行政处罚占全部处罚的比例: the agency's value (its report of the year named, or its latest) over the
    sum of that year's reports of every agency; 平潭2022年的占历年总和 (share_years): the year's value over the
    sum of the agency's own years. Either says which reports the sum covers and which lack the value."""
    m = _measures([plan.item], plan.column)[0]
    own = [r for r in scoped_rows(ctx, plan, m, plan.agencies) if r.status == OK]
    if not own:
        return no_reports(ctx, plan, m, who="、".join(plan.agencies))
    mine = own[-1]
    year = mine.report.year
    # 这两个加起来占所有报告的比例: the agencies' values of that year, summed (their sum said)
    theirs = [r for r in own if r.report.year == year] if len(plan.agencies) > 1 and not plan.share_years else [mine]
    part, how_part = arith.total([r.value for r in theirs]) if len(theirs) > 1 else (mine.value, None)
    if plan.share_years:
        every = sorted(scoped_rows(ctx, plan.model_copy(update={"years": plan.share_over, "all_years": True}), m,
                                   plan.agencies), key=lambda r: r.report.year or 0)
        span = plan.share_over
        whose = f"{mine.report.name}{f'{span[0]}年至{span[-1]}年' if span else '历年'}"
        named = lambda r: f"{r.report.year}年"  # noqa: E731 (the sum's parts are the agency's years)
    else:
        every = scoped_rows(ctx, plan.model_copy(update={"years": [] if plan.share_every or not year else [year],
                                                         "all_years": plan.share_every}), m, None)
        whose = "所有年份" if plan.share_every else f"{year}年"
        named = lambda r: f"{r.report.name}{r.report.year}年" if plan.share_every else r.report.name  # noqa: E731
    ok = [r for r in every if r.status == OK]
    lacking = [r for r in every if r.status != OK]
    whole, how_sum = arith.total([r.value for r in ok], f"{whose}{len(ok)}份报告合计")
    got = arith.share(part, whole)
    name = f"{'、'.join(r.report.name for r in theirs)}{year}年"
    covered = "、".join(named(r) for r in ok)
    if got is None:
        return Answer(question=plan.question, status="absent", reading=reading(plan, m, f"「{m.label}」占全部报告之和"),
                      text=f"{whose}各报告的「{m.label}」合计为0，没有比例可言。")
    pct, how = got
    tenths = in_tenths(plan.text, pct, derived := [])  # 占几成: also in 成
    said = f"合计{num(part, m.unit)}（{how_part.how}）" if how_part else f"为{num(part, m.unit)}"
    text = (f"{name}「{m.label}」{said}，占{whose}{len(ok)}份报告合计{num(whole, m.unit)}的"
            f"{how.value}（{how.how}）{tenths}。合计覆盖：{covered}。")
    if lacking:
        text += f"另有{len(lacking)}份报告未提供该数据（{'、'.join(named(r) for r in lacking)}），未计入，不计为零。"
    citations, cells = ctx.citer.rows(m, ok)
    derived = cells + [how_sum, how, *derived, Derived(value=str(len(ok)), how="合计覆盖的报告数")] + \
        ([how_part] if how_part else [])
    if lacking:
        derived.append(Derived(value=str(len(lacking)), how="未提供该数据的报告数"))
    table = AnswerTable(columns=["单位", "年份", f"{m.label}（{m.unit}）"], units={f"{m.label}（{m.unit}）": m.unit},
                        rows=[[r.report.name, r.report.year, cell_value(r.value)] for r in ok])
    return Answer(question=plan.question, text=text, table=table, citations=citations, derived=derived,
                  reading=reading(plan, m, f"{name}「{m.label}」占{whose}全部报告之和的比例"))


def _share_ranked(ctx: Ctx, plan: Plan) -> Answer:
    """哪个单位的行政处罚占当年所有单位合计的比例最高: each report in scope over the sum of them all, the highest
    (lowest) named with its division, every other share listed; reports lacking the value left out and named."""
    m = _measures([plan.item], plan.column)[0]
    rows = scoped_rows(ctx, plan, m, plan.agencies or None)
    ok = [r for r in rows if r.status == OK]
    lacking = [r for r in rows if r.status != OK]
    if not ok:
        return no_reports(ctx, plan, m)
    whole, how_sum = arith.total([r.value for r in ok], f"{len(ok)}份报告合计")
    shares = [(r, got) for r in ok if (got := arith.share(r.value, whole))]
    if not shares:
        return Answer(question=plan.question, status="absent", reading=reading(plan, m, f"「{m.label}」占合计的比例"),
                      text=f"范围内各报告的「{m.label}」合计为0，没有比例可言。")
    shares.sort(key=lambda x: x[1][0], reverse=plan.share_rank == "max")
    best = [x for x in shares if round(x[1][0], 2) == round(shares[0][1][0], 2)]
    name = lambda r: f"{r.report.name}{r.report.year or ''}年"  # noqa: E731
    word = "最高" if plan.share_rank == "max" else "最低"
    text = (f"「{m.label}」占{len(ok)}份报告合计{num(whole, m.unit)}（{how_sum.how.split('：', 1)[-1]}）的比例{word}的是"
            + "、".join(f"{name(r)}：{num(r.value, m.unit)}，{how.how}" for r, (_, how) in best) + "。"
            + ("其余：" + "；".join(f"{name(r)} {how.how}" for r, (_, how) in shares[len(best):]) + "。"
               if len(shares) > len(best) else ""))
    if lacking:
        text += f"另有{len(lacking)}份报告未提供该数据（{'、'.join(name(r) for r in lacking)}），未计入，不计为零。"
    citations, cells = ctx.citer.rows(m, ok)
    derived = cells + [how_sum] + [how for _, (_, how) in shares] + [Derived(value=str(len(ok)), how="合计覆盖的报告数")]
    if lacking:
        derived.append(Derived(value=str(len(lacking)), how="未提供该数据的报告数"))
    table = AnswerTable(columns=["单位", "年份", f"{m.label}（{m.unit}）", "占合计（%）"],
                        units={f"{m.label}（{m.unit}）": m.unit},
                        rows=[[r.report.name, r.report.year, cell_value(r.value), round(p, 2)] for r, (p, _) in shares])
    return Answer(question=plan.question, text=text, table=table, citations=citations, derived=derived,
                  reading=reading(plan, m, f"各报告「{m.label}」占范围内合计的比例，取{word}"))


def answer_share(ctx: Ctx, plan: Plan) -> Answer:
    if plan.share_rank:
        return _share_ranked(ctx, plan)
    if plan.share_across or plan.share_years:
        return _share_across(ctx, plan)
    numer, denom = plan_measures(plan)
    if not numer or not denom or numer == denom:
        return Answer(question=plan.question, status="not_found", text="没能读出这个比例的分子和分母，请写明"
                      "「A占B的比例」。", reading=reading(plan, numer[0] if numer else None, "比例：分子或分母不明"))
    agencies = plan.agencies or None
    rows_n = [scoped_rows(ctx, plan, m, agencies) for m in numer]
    rows_d = [scoped_rows(ctx, plan, m, agencies) for m in denom]
    if not rows_n[0]:
        return no_reports(ctx, plan, numer[0], who="、".join(plan.agencies))
    derived: list[Derived] = []
    citations = []
    table_rows = []
    per_report: list[tuple[Row, float, float]] = []
    lacking: list[str] = []
    zero_denoms: dict[int, str] = {}  # id(row) → the denominator's cells as stated, when they sum to 0
    for i, r in enumerate(rows_n[0]):
        cells = [rs[i] for rs in rows_n] + [rs[i] for rs in rows_d]
        bad = next((c for c in cells if c.status != OK), None)
        name = f"{r.report.name}{r.report.year or ''}年"
        if bad:
            lacking.append(f"{name}{STATUS_WORDS[bad.status]}")
            table_rows.append([r.report.name, r.report.year, None, None, None, STATUS_WORDS[bad.status]])
            continue
        n_val = arith.rounded(sum(rs[i].value for rs in rows_n))
        d_val = arith.rounded(sum(rs[i].value for rs in rows_d))
        if len(numer) > 1:
            derived.append(arith.total([rs[i].value for rs in rows_n], f"{name}分子")[1])
        if len(denom) > 1:
            derived.append(arith.total([rs[i].value for rs in rows_d], f"{name}分母")[1])
        per_report.append((r, n_val, d_val))
        if d_val == 0:  # a blank denominator said blank (济南's 办理结果总计), not a bare 分母为0
            zero_denoms[id(r)] = "，".join(f"「{m.label}」{value_words(rs[i].value, m.unit, rs[i].flags)}"
                                          for m, rs in zip(denom, rows_d))
    for ms, rs in ((numer, rows_n), (denom, rows_d)):
        for m, rows in zip(ms, rs):
            c, d = ctx.citer.rows(m, [x for x in rows if x.status == OK], limit=200)
            citations += c
            derived += d
    unit = numer[0].unit
    what = f"{_label(numer)}占{_label(denom)}的比例"
    parts = []
    pooled = len(per_report) > 1 and bool(RE_POOLED.search(plan.text))
    if pooled:
        n_tot, dn = arith.total([x[1] for x in per_report], "分子合计")
        d_tot, dd = arith.total([x[2] for x in per_report], "分母合计")
        derived += [dn, dd]
        got = arith.share(n_tot, d_tot)
        scope = "、".join(f"{r.report.year}年" for r, _, _ in per_report)
        if got:
            p, dp = got
            derived.append(dp)
            parts.append(f"{per_report[0][0].report.name}{scope}合计：{num(n_tot, unit)} ÷ {num(d_tot, unit)} = "
                         f"{arith.pct_text(p)}" + in_tenths(plan.text, p, derived))
        else:
            parts.append(f"{scope}分母合计为0，比例无从计算")
    order = share_order(plan) if not pooled and len(per_report) > 1 else None
    if order:  # 哪个单位纠正率最高 / 公开率排名: the shares ranked, those without one (分母为0) last
        per_report, head = _ranked(per_report, order)
        what += f"，{head}"
    for r, n_val, d_val in per_report:
        got = arith.share(n_val, d_val)
        if got:
            p, dp = got
            derived.append(dp)
            if not pooled:
                parts.append(f"{r.report.name}{r.report.year or ''}年 {num(n_val, unit)} ÷ {num(d_val, unit)} = "
                             f"{arith.pct_text(p)}" + in_tenths(plan.text, p, derived) + _times(plan, n_val, d_val, derived))
            table_rows.append([r.report.name, r.report.year, arith.rounded(n_val), arith.rounded(d_val),
                               round(p, 2), ""])
        else:
            if not pooled:
                parts.append(f"{r.report.name}{r.report.year or ''}年分母{zero_denoms.get(id(r), '为0')}，比例无从计算")
            table_rows.append([r.report.name, r.report.year, arith.rounded(n_val), arith.rounded(d_val), None,
                               f"分母{zero_denoms.get(id(r), '为0')}"])
    text = f"{what}：" + "；".join(parts[:12]) + ("；……" if len(parts) > 12 else "") + "。"
    wanted = plan.comparison if plan.comparison and not plan.yesno and not pooled and len(per_report) > 1 else None
    if wanted:  # 哪些年份纠错率超过10%: the reports whose share meets the bound, before every share
        kept = [r for r, n_val, d_val in per_report
                if (got := arith.share(n_val, d_val)) and cmp_ok(np.array([round(got[0], 2)]), wanted)[0]]
        derived.append(Derived(value=str(len(kept)), how=f"比例{wanted.words('%')}的报告数"))
        kept.sort(key=lambda r: (r.report.name, r.report.year or 0))
        text = share_filter_words(wanted.words("%"), [f"{r.report.name}（{r.report.year}年）" for r in kept]) + text
    if not pooled and not order:
        text += _across(plan, per_report, derived)
    if lacking:
        text += "未计入：" + "、".join(lacking[:5]) + ("等" if len(lacking) > 5 else "") + "。"
    if plan.defaults:
        text += "（" + "；".join(dict.fromkeys(d for d in plan.defaults if not d.startswith("未指明单位"))) + "）"
    summary = f"比例：{_label(numer)} ÷ {_label(denom)}" + ("（各报告合计后相除）" if pooled else "")
    filters = [wanted.words("%")] if wanted else []
    one = [arith.share(n_val, d_val) for _, n_val, d_val in per_report] if len(per_report) == 1 and not pooled else []
    if plan.yesno and plan.comparison and one and one[0]:  # 纠正率是不是50%: the verdict on the rate, then the rate
        rate = round(one[0][0], 2)
        text = yes_no_words(plan, bool(cmp_ok(np.array([rate]), plan.comparison)[0]), rate, "%") + text
        filters = [plan.comparison.words("%")]
    return Answer(question=plan.question, text=text, status="answered" if per_report else "absent",
                  reading=reading(plan, numer[0], summary, filters=filters, operation="share"),
                  table=AnswerTable(columns=["单位", "年份", "分子", "分母", "比例（%）", "说明"], rows=table_rows,
                                    units={"分子": unit, "分母": denom[0].unit, "比例（%）": "%"}),
                  citations=citations, derived=derived)


def _times(plan: Plan, n_val: float, d_val: float, derived: list[Derived]) -> str:
    """占行政处罚的多少倍: the share said as a multiple too."""
    t = arith.times(n_val, d_val) if plan.times else None
    if not t:
        return ""
    derived.append(t[1])
    return f"，即{t[1].value}倍（{t[1].how}）"


# 高了多少个百分点, and a comparison of two shares (谁的比例高 / 比2023年高还是低): the difference in points
RE_POINTS = re.compile(r"百分点|个点|高了|低了|提高|降低|上升|下降|变化|差了?多少|相差|高还是低|低还是高|"
                       r"(?:谁|哪(?:个|家|年|一年))的?.{0,12}(?:高|低|大|小)|比较|对比|相比")


def _across(plan: Plan, per_report: list[tuple[Row, float, float]], derived: list[Derived]) -> str:
    """What a question asks of several reports' shares: 高了多少个百分点 (two reports: the second's share minus the
    first's, in percentage points, reports by year) or 平均 (the plain mean of the shares, said as such)."""
    shares = [(r, round(n / d * 100, 2)) for r, n, d in per_report if d]
    if len(shares) == 2 and RE_POINTS.search(plan.text):
        (a, pa), (b, pb) = sorted(shares, key=lambda x: (x[0].report.year or 0, x[0].report.name))
        diff = round(pb - pa, 2)
        how = f"{arith.pct_text(pb)} − {arith.pct_text(pa)} = {format_value(diff)}个百分点"
        derived.append(Derived(value=format_value(abs(diff)), how=how))
        who = lambda r: f"{r.report.name}{r.report.year or ''}年"  # noqa: E731
        word = "高" if diff > 0 else "低" if diff < 0 else "持平"
        return f"{who(b)}比{who(a)}{word}{format_value(abs(diff))}个百分点（{how}）。" if diff else \
            f"{who(b)}与{who(a)}的比例相同。"
    if len(shares) >= 2 and RE_AVG.search(plan.text):
        mean = round(sum(p for _, p in shares) / len(shares), 2)
        how = "（" + " + ".join(arith.pct_text(p) for _, p in shares) + f"）÷ {len(shares)} = {arith.pct_text(mean)}"
        derived.append(Derived(value=format_value(mean), how=how))
        return f"{len(shares)}份报告的比例的简单平均为{arith.pct_text(mean)}（{how}；不是合计后相除）。"
    return ""


def share_order(plan: Plan) -> str | None:
    """'desc' / 'asc' when a share question asks for an order (最高, 最低, 排名, 从高到低), else None."""
    rest = plan.text
    is_max, is_min = RE_MAX.search(rest), RE_MIN.search(rest)
    if is_min and not (is_max and is_max.start() < is_min.start()):
        return "asc"
    return "desc" if is_max or RE_ORDER.search(rest) else None


def _ranked(per_report: list[tuple[Row, float, float]], order: str) -> tuple[list[tuple[Row, float, float]], str]:
    """The reports by their share (ties by name), those with no share (分母为0) last; and the sentence naming
    the highest (or lowest) with its arithmetic."""
    sign = -1 if order == "desc" else 1
    with_share = sorted((x for x in per_report if x[2]), key=lambda x: (sign * x[1] / x[2], x[0].report.name))
    rest = [x for x in per_report if not x[2]]
    if not with_share:
        return rest, "没有一份报告的分母不为0，无从排序"
    word = "最高" if order == "desc" else "最低"
    best = with_share[0][1] / with_share[0][2]
    top = [x for x in with_share if x[1] / x[2] == best]
    who = "、".join(f"{r.report.name}（{r.report.year}年）" for r, _, _ in top)
    r, n_val, d_val = top[0]
    return with_share + rest, f"{word}的是{who}{'（并列）' if len(top) > 1 else ''}：{num(n_val)} ÷ {num(d_val)} = " \
                              f"{arith.pct_text(best * 100)}；按比例{'从高到低' if order == 'desc' else '从低到高'}"


# ---------------------------------------------------------------- a share of two numbers the text states
_TEXT_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(?:条|件|个|项|人次|次|篇|期|家|份)?")
_WHOLE_CUE = re.compile(r"(?:共|总|合计|累计|全年|总计)")


def _numbers(text: str) -> set[float]:
    return {float(m.group(1).replace(",", "")) for m in _TEXT_NUMBER.finditer(text)}


def text_share(sentence: str, terms: list[str], asked: list[float], context: str = "") -> tuple[float, float] | None:
    """(part, whole) from one sentence of prose: the whole is the number the question gives, or the number
    right after 共/总/合计; the part is the number nearest after a word of the question that the sentence
    uses after the whole (媒体公开 270 条 in 「共公开465条，其中…媒体公开270条」)."""
    numbers = [(m.start(), float(m.group(1).replace(",", ""))) for m in _TEXT_NUMBER.finditer(sentence)]
    numbers = [(p, v) for p, v in numbers if not re.match(r"(?:19|20)\d\d\s*年", sentence[p:p + 6])]
    if len(numbers) < 2 and not asked:
        return None
    whole = next(((p, v) for p, v in numbers if v in asked), None)
    if whole is None and asked and context and any(v in _numbers(context) for v in asked):
        whole = (-1, next(v for v in asked if v in _numbers(context)))  # stated before the sentence
    if whole is None:
        whole = next(((p, v) for p, v in numbers if _WHOLE_CUE.search(sentence[max(0, p - 12):p])), None)
    if whole is None:
        return None
    best = None
    for t in sorted(set(terms), key=len, reverse=True):
        at = sentence.find(t, whole[0] + 1)
        if len(t) < 2 or at < 0 or whole[0] >= 0 and t in sentence[:whole[0]]:
            continue
        after = [(p, v) for p, v in numbers if p > at and p - at <= 40 and (p, v) != whole]
        if after:  # the longest word of the question that the sentence uses decides (国土资源 over 信息)
            best = (after[0][0] - at, after[0][1])
            break
    return (best[1], whole[1]) if best else None
