"""Two or more named agencies compared on one measure (谁多, 多多少, 是几倍, 平潭2021年和洪泽2023年): the
values, the difference and the multiple with their arithmetic, and why a value is missing."""

from __future__ import annotations

from qa import arith
from qa.answer import Answer, ChartHint
from qa.facts import OK
from qa.lexicon import Measure
from qa.op_absent import absent
from qa.ops import Ctx, no_reports, scoped_rows, table_of
from qa.phrasing import SAME_WORDS, column_alternatives, compare_head, defaults_phrase, lead_over_words, more_words, \
    most_words, num, \
    pair_verdict, ratio_as_asked, reading, share_of_sum_words, sum_shares_words, than_words, value_column
from qa.understand import RE_HOW_MUCH_MORE, RE_SUM, Plan
from qa.op_value import total_conflict


def answer_compare(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    rows = []
    paired = len(plan.years) == len(plan.agencies) and len(plan.years) > 1  # 平潭2021年和洪泽2023年
    years = _years_of_agencies(plan) if paired else plan.years
    for i, a in enumerate(plan.agencies):
        if paired:
            p = plan.model_copy(update={"years": [years[i]], "all_years": False})
            rows += scoped_rows(ctx, p, m, [a])
        else:
            rows += scoped_rows(ctx, plan, m, [a])
    if not rows:
        return no_reports(ctx, plan, m)
    unit = m.unit
    ok = sorted([r for r in rows if r.status == OK], key=lambda r: (-r.value, r.report.name))
    lacking = [r for r in rows if r.status != OK]
    parts = [(r.report.name, num(r.value, unit)) for r in sorted(rows, key=lambda r: plan.agencies.index(
        r.report.agency) if r.report.agency in plan.agencies else 0) if r.status == OK]
    text = compare_head(m.label, defaults_phrase(plan), parts)
    derived = []
    first = next((r for r in ok if r.report.agency == plan.than_first), None) if plan.than_first else None
    if len(ok) == 2 and first is not None:  # 鹤岗比伊川少多少: worded as asked, A比B少N件
        second = next(r for r in ok if r is not first)
        said, dd = than_words(first.report.name, first.value, second.report.name, second.value, unit, plan.than_word)
        derived += [dd] if dd else []
        text = pair_verdict(plan, first.value, second.value) + text + f"；{said}。"
    elif len(ok) == 2:
        a, b = ok
        text = pair_verdict(plan, a.value, b.value) + text
        if a.value == b.value:
            text += SAME_WORDS
        else:
            said, dd = more_words(a.report.name, a.value, b.value, unit)
            derived.append(dd)
            text += f"；{said}。"
    elif len(ok) > 2:
        tied = [r.report.name for r in ok if r.value == ok[0].value]  # a tie: every one tied is named
        text += most_words(ok[0].report.name if len(tied) == 1 else "、".join(tied) + "并列")
        if RE_HOW_MUCH_MORE.search(plan.text):  # 三家哪家最多，差多少: the first against each of the others
            said, ds = lead_over_words(ok[0].report.name, ok[0].value, [(r.report.name, r.value) for r in ok[1:]], unit)
            derived += ds
            text = text.rstrip("。") + f"；{said}。"
    else:
        text += "。" if ok else ""
    of_sum = bool(RE_SUM.search(plan.text)) and "占" in plan.text  # 合计…，平潭占多少: a share of the sum, below
    if len(ok) == 2 and (plan.times or plan.percent or "倍" in plan.text) and not of_sum:  # 洪泽是平潭的几倍
        first, second = sorted(ok, key=lambda r: plan.agencies.index(r.report.agency)
                               if r.report.agency in plan.agencies else 0)  # first named ÷ second named
        if plan.than_first:  # A比B少百分之几: A first
            first, second = sorted(ok, key=lambda r: r.report.agency != plan.than_first)
        said = ratio_as_asked(plan, first.report.name, first.value, second.report.name, second.value,
                              bool(plan.than_first))
        if said:
            derived.append(said[1])
            text = text.rstrip("。") + f"；{said[0]}。"
    if len(ok) >= 2 and RE_SUM.search(plan.text):  # 两家合计是多少，平潭占多少: the sum, and each one's share of it
        text = text.rstrip("。") + "；" + _sum_and_shares(plan, ok, unit, derived)
    for r in ok:  # a compared total its own parts do not add up to (洪泽 行政复议 总计0, 维持10 + 纠正1): said with it
        if conflict := total_conflict(ctx, m, r.report.doc, derived):
            text += conflict.replace("这一格", f"{r.report.name}{r.report.year or ''}年的这一格", 1)
    citations, d2 = ctx.citer.rows(m, ok, limit=None)
    for r in lacking:
        why = absent(ctx, plan, m, r)
        text += why.text
        citations += why.citations
        derived += why.derived
    return Answer(question=plan.question, text=text, status="answered" if ok else "absent",
                  reading=reading(plan, m, f"比较{'、'.join(plan.agencies)}的「{m.label}」"),
                  table=table_of(ok + lacking, m, ranked=True), citations=citations, derived=derived + d2,
                  chart=ChartHint(x="单位", y=value_column(m), title=m.label),
                  alternatives=column_alternatives(plan, m, "compare", "和".join(plan.agencies),
                                                 formats={r.report.format for r in ok + lacking}))


def _sum_and_shares(plan: Plan, ok: list, unit: str, derived: list) -> str:
    t, dt = arith.total([r.value for r in ok])
    derived.append(dt)
    shares = []
    if "占" in plan.text[RE_SUM.search(plan.text).start():]:
        for r in ok:
            if got := arith.share(r.value, t):
                derived.append(got[1])
                shares.append(share_of_sum_words(r.report.name, got[1].how))
    return sum_shares_words(num(t, unit), dt.how, shares)


def _years_of_agencies(plan: Plan) -> list[int]:
    """平潭2024年的行政处罚和洪泽2023年比: each agency with the year written next to it (right after its name,
    else right before it: 2024年的平潭), not the years in calendar order; calendar order when the text says no
    such pairing."""
    text = plan.text
    at = [text.find(m) for m in plan.agency_mentions]
    if len(at) != len(plan.agencies) or min(at, default=-1) < 0 or len(plan.year_at) != len(plan.agencies):
        return plan.years
    out = []
    for mention, start in zip(plan.agency_mentions, at):
        end = start + len(mention)
        after = [y for y, pos in plan.year_at if pos >= end and not text[end:pos].strip()]
        before = [y for y, pos in plan.year_at if 0 < start - pos <= 8 and "年" in text[pos:start]
                  and not any(0 <= p2 - pos <= 8 for p2 in at if p2 != start and p2 < start)]
        out.append((after or before or [None])[0])
    return out if None not in out and sorted(out) == sorted(plan.years) else plan.years
