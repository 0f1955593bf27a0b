"""The corpus itself: which agencies, how many reports, which years, which reports use a template or year
(有哪些单位, 几份报告, 2023年的报告, 用2021版模板的)."""

from __future__ import annotations

import re

from qa.answer import Answer, AnswerTable, Derived
from qa.facts import Report
from qa.ops import Ctx
from qa.phrasing import copies_said, reading
from qa.understand import Plan


def reports_table(reports: list[Report]) -> AnswerTable:
    """One row per report; built without validation (its cells are ours, and an index holds 10,000 reports)."""
    return AnswerTable.model_construct(columns=["单位", "年份", "文件", "模板"],
                                       rows=[[r.name, r.year, r.doc, r.format] for r in reports])


RE_HOW_MANY_YEARS = re.compile(r"(?:几|多少)(?:个)?年|哪几年|哪些年(?:份)?|哪一年|什么年份?|几个年份|多少个年份")


def _corpus_subset(plan: Plan, reports: list[Report], scope: str, total: int) -> Answer:
    listed = "、".join(f"{r.name}（{r.year}年）" for r in reports[:20]) + ("等" if len(reports) > 20 else "")
    derived = [Derived(value=str(len(reports)), how=f"{scope}的报告份数"),
               Derived(value=str(total), how="索引中的报告份数")]
    years = sorted({r.year for r in reports if r.year})
    if reports and plan.agencies and RE_HOW_MANY_YEARS.search(plan.text):  # 平潭有几年的报告: the years, counted
        text = (f"索引{total}份报告中，{scope}有{len(years)}个年份的报告：{'、'.join(f'{y}年' for y in years)}"
                f"（共{len(reports)}份）。")
        derived.append(Derived(value=str(len(years)), how=f"{scope}报告的年份数"))
    else:
        text = (f"索引{total}份报告中，{scope}的报告有{len(reports)}份：{listed}。" if reports else
                f"索引{total}份报告中没有{scope}的报告。")
    return Answer(question=plan.question, text=text, status="answered" if reports else "not_found",
                  reading=reading(plan, None, f"索引中{scope}的报告", operation="corpus"),
                  table=reports_table(reports), derived=derived)


def _per_agency(plan: Plan, reports: list[Report], scope: str) -> Answer:
    """报告最多的是哪个单位: each agency's count of reports, most first (fewest first when 最少 is asked)."""
    counts: dict[str, list[Report]] = {}
    for r in reports:
        counts.setdefault(r.name, []).append(r)
    ranked = sorted(counts.items(), key=lambda kv: (len(kv[1]) if plan.order == "asc" else -len(kv[1]), kv[0]))
    if not ranked:
        return _corpus_subset(plan, reports, scope or "索引", len(reports))
    if plan.reports_count:  # 哪些单位只有一份报告 / 不止一份: the agencies with that count, each with its years
        picked = [(name, rs) for name, rs in ranked if (len(rs) == 1) == (plan.reports_count == "one")]
        what = "只有1份报告" if plan.reports_count == "one" else "报告不止1份"
        text = (f"{scope}{what}的单位有{len(picked)}个：" + "、".join(
            f"{name}（{len(rs)}份：{'、'.join(f'{r.year}年' for r in sorted(rs, key=lambda r: r.year or 0))}）"
            for name, rs in picked[:20]) + ("等" if len(picked) > 20 else "") + "。" if picked
            else f"{scope}没有{what}的单位（共{len(ranked)}个单位）。")
        ranked = picked
    n = len(ranked[0][1]) if ranked else 0
    best = [name for name, rs in ranked if len(rs) == n]
    if not plan.reports_count:
        word = "最少" if plan.order == "asc" else "最多"
        listed = "、".join(f"{name} {len(rs)}份" for name, rs in ranked[:20])
        text = (f"按报告份数，{scope}{word}的是{'、'.join(best)}（{n}份{'，并列' if len(best) > 1 else ''}）。"
                f"各单位：{listed}{'等' if len(ranked) > 20 else ''}。")
    derived = [Derived(value=str(len(rs)), how=f"{name}的报告份数") for name, rs in ranked[:20]]
    table = AnswerTable.model_construct(columns=["单位", "报告份数", "年份"], rows=[
        [name, len(rs), "、".join(str(r.year) for r in sorted(rs, key=lambda r: r.year or 0))] for name, rs in ranked])
    return Answer(question=plan.question, text=text, table=table, derived=derived,
                  reading=reading(plan, None, "各单位的报告份数", operation="corpus"))


def answer_corpus(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    answer = _answer_corpus(ctx, plan)
    groups = s.copies.of(s.by_doc[row[2]].rid for row in answer.table.rows if row[2] in s.by_doc)
    if groups:  # files that are copies of a listed report were not counted: say so
        answer.text += copies_said(groups, s.reports)
    return answer


def _answer_corpus(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    primary = [r for r in s.reports if s.copies.is_primary[r.rid]]  # one report brought as two files is one
    reports = sorted(primary, key=lambda r: (r.name, r.year or 0))
    scope = []  # 2023年的报告 / 用2021版模板的报告: the reports the question picks
    if plan.years:
        reports = [r for r in reports if r.year in plan.years]
        scope.append("、".join(f"{y}年" for y in plan.years))
    if plan.template:
        reports = [r for r in reports if r.format == plan.template]
        scope.append(f"使用{plan.template}版模板")
    if plan.agencies:  # 平潭有几份报告
        reports = [r for r in reports if r.agency in plan.agencies]
        scope.insert(0, "、".join(plan.agencies))
    if plan.excluded:  # 2023年除了平潭还有哪个单位的报告
        reports = [r for r in reports if r.agency not in plan.excluded]
        scope.append(f"（不含{'、'.join(plan.excluded)}）")
    if plan.corpus_what == "per_agency":
        return _per_agency(plan, reports, "".join(scope))
    if scope and plan.corpus_what in ("count", "agencies", None):
        return _corpus_subset(plan, reports, "".join(scope), len(primary))
    agencies = sorted({r.name for r in reports})
    years = s.years
    derived = [Derived(value=str(len(reports)), how="报告份数"), Derived(value=str(len(agencies)), how="单位数")]
    year_text = "、".join(f"{y}年" for y in years)
    if plan.corpus_what == "overview":
        docs = {r.doc for r in primary}
        fails = {f.doc for f in s.problem_findings if f.status == "FAIL" and f.doc in docs}
        lacking = {f.doc for f in s.problem_findings if f.status == "NOT_ASSESSABLE" and f.doc in docs}
        derived += [Derived(value=str(len(fails)), how="有勾稽不一致的报告数"),
                    Derived(value=str(len(lacking)), how="因表格缺行无法全部核对的报告数")]
        text = (f"索引中有{len(agencies)}个单位的{len(reports)}份报告（{year_text}）。勾稽核对：{len(fails)}份报告有不一致，"
                f"{len(lacking)}份报告因表格缺行有些项目无法核对。可以问排名（哪个单位行政处罚最多）、"
                f"某单位的数字、核对结果，或报告正文（某单位存在哪些问题）。")
    elif plan.corpus_what == "years":
        text = f"索引中的报告涵盖{len(years)}个年份：{year_text}（共{len(reports)}份报告）。"
        derived.append(Derived(value=str(len(years)), how="年份数"))
    elif plan.corpus_what == "count":
        text = f"索引中共有{len(reports)}份报告，来自{len(agencies)}个单位，年份：{year_text}。"
    else:
        text = f"索引中有{len(agencies)}个单位的{len(reports)}份报告：{'、'.join(agencies[:20])}" + \
               ("等" if len(agencies) > 20 else "") + "。"
    table = reports_table(reports)
    return Answer(question=plan.question, text=text, reading=reading(plan, None, "索引中的报告", operation="corpus"),
                  table=table, derived=derived)
