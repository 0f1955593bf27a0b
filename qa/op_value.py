"""One agency's value of a measure (2023年平潭罚了多少, 批了几件许可): per report in scope, the cell as the
report writes it (增13, a converted amount said so), the other columns of the same row, or why there is no
number."""

from __future__ import annotations

import re

import numpy as np

from index.cells import plain_number
from qa import arith
from qa.answer import Answer, AnswerTable, ChartHint, Citation, Derived
from qa.cite import FLAG_NOTES, conversions
from qa.facts import MISSING, OK
from qa.lexicon import Measure, items, measure
from qa.op_absent import absent, prose_value
from qa.ops import Ctx, cmp_ok, default_measure, no_reports, scoped_rows
from qa.output import format_value
from qa.phrasing import STATUS_WORDS, cell_value, column_alternatives, defaults_phrase, flag_words, num, reading, \
    cannot_judge_words, converted_words, left_blank_sentence, no_report_words, same_row_words, series_words, \
    value_sentence, yes_no_words, latest_instead_words, latest_read_words, in_yuan
from qa.understand import Plan

RE_A_YEAR = re.compile(r"(?:19|20)\d\d")  # a year this turn names itself (a follow-up's text)


def _row_context(ctx: Ctx, m: Measure, rid: int,
                 derived: list[Derived] | None = None) -> tuple[str, list[Citation]]:
    """The other columns of an active-table row (上一年项目数量, 本年增/减), stated beside the asked one."""
    item = items()[m.item]
    if item.table != "active" or item.is_group:
        return "", []
    bits, cites = [], []
    derived = derived if derived is not None else []
    seen = {c.key for c in ctx.store.cells(m, rid)}  # a column of the other template may read the same cell:
    fmt = ctx.store.reports[rid].format  # the report's own template's columns come first, under their own labels
    for col in sorted(item.columns, key=lambda c: not ((o := measure(m.item, c)) is not None and
                                                       f"{m.item}.{c}" in o.keys(fmt))):
        other = measure(m.item, col)
        if col == m.column or other is None:
            continue
        cs = ctx.store.cells(other, rid)
        if len(cs) == 1 and cs[0].key in seen:
            continue
        seen |= {c.key for c in cs}
        if len(cs) == 1 and cs[0].value is not None:
            c = ctx.citer.cells(cs)[0]
            shown = c.value if "signed" in c.flags and c.value else format_value(cs[0].value)
            derived += conversions([c])
            bits.append(f"{other.label.split(' · ', 1)[1]}{shown}{other.unit}")
            cites.append(c)
    return same_row_words(bits), cites


def own_label(m: Measure, fmt: str) -> str:
    """The label a report's own template gives the cell (规范性文件 · 本年新制作数量 in a 2019 report, 本年制发件数 in
    a 2021 one): a column of the other template reading the same cell is named as this report names it."""
    for col in items()[m.item].columns:
        o = measure(m.item, col)
        if o is not None and o.keys(fmt) == m.keys(fmt) and f"{m.item}.{col}" in o.keys(fmt):
            return o.label
    return m.label


def total_conflict(ctx: Ctx, m: Measure, doc: str, derived: list[Derived]) -> str:
    """A stated total that its own parts do not add up to (洪泽 行政复议：总计0, 维持10 + 纠正1 = 11): the cell is
    the value, and the conflict the consistency check found is said with it, never smoothed over."""
    row = m.item.removeprefix("apply.")
    for f in ctx.store.findings_of({doc}):
        if f.status != "FAIL" or f.kind != "rule":
            continue
        # rule 3 (a row's applicants) and 4 (复议诉讼): the row's 总计; rule 2 (办理结果): a column's 总计
        if f.rule in (3, 4) and f.scope == row and m.column == "total" or \
                f.rule == 2 and m.item == "apply.total" and f.scope == m.column:
            derived.append(Derived(value=f.detail, how="勾稽核对"))
            return f"注意：这一格与同一行（列）的分项对不上（{f.detail}），以上按表格所填的数值回答。"
        if f.rule in (3, 4) and f.scope.startswith(row + ".") and m.column == "total":
            # 行政诉讼 (直接起诉 + 复议后起诉): a part's own 总计 that its results do not add up to
            derived.append(Derived(value=f.detail, how="勾稽核对"))
            return f"注意：其中一项的总计与它的分项对不上（{f.detail}），以上按表格所填的数值回答。"
    return ""


# a year-by-year question (各年分别多少): the years, no total
RE_EACH_YEAR = re.compile(r"各年|每年|每一年|分别|逐年|各是|各多少|历年来?的?变化|趋势|比较|对比|比一比|中位|平均")
# columns that count what happened in a year (a total over years means something), not a stock or a
# count of items (现行有效件数, 对外公开总数量, 上一年项目数量)
STOCK_COLUMNS = {"in_force", "prev", "change"}


def adds_up(m: Measure) -> bool:
    return m.column not in STOCK_COLUMNS and not ((it := items().get(m.item)) and it.table == "active" and m.column == "total")


def answer_value(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    agency = plan.agencies[0]
    latest = not (plan.all_years or len(plan.years) > 1)
    s = ctx.store
    rids = s.scope([agency], plan.years or None, latest=latest)
    if not len(rids):
        have = sorted({r.year for r in s.reports if r.agency == agency and r.year})
        if have and plan.followup and plan.years and not RE_A_YEAR.search(plan.text):
            # 伊川呢 after a question about 2024: the year was the last agency's; this one's latest report is
            # answered, and the missing year said first
            got = answer_value(ctx, plan.model_copy(update={"years": have[-1:], "all_years": False}), m)
            got.text = no_report_words(agency, plan.years, have, latest_instead_words(have[-1])) + got.text
            return got
        return no_reports(ctx, plan, m, who=agency) if not have else Answer(
            question=plan.question, status="not_found", text=no_report_words(agency, plan.years, have),
            reading=reading(plan, m, f"{agency}的「{m.label}」"))
    measures = [m] + [x for i in plan.extra_items if (x := default_measure(ctx, i))] + \
        [x for c in plan.extra_columns if (x := measure(m.item, c)) is not None and x != m]
    # a series reads in year order, whatever order the files were indexed in
    rows_by = [(mm, sorted(scoped_rows(ctx, plan, mm, [agency]), key=lambda r: r.report.year or 0)) for mm in measures]
    citations: list[Citation] = []
    derived: list[Derived] = []
    sentences = []
    table_rows = []
    status = "answered"
    from_text = False
    multi = len(rids) > 1
    for mm, rows in rows_by:
        for r in rows:
            if r.status == OK:
                cs = ctx.store.cells(mm, r.report.rid)
                cites = ctx.citer.cells(cs)
                shown = num(r.value, mm.unit)
                if len(cs) == 1 and "signed" in cs[0].flags and cites[0].value:
                    shown = f"{cites[0].value}{mm.unit}"  # 增13 as the report writes it
                label = own_label(mm, r.report.format)
                blank = left_blank_sentence(r.report.name, r.report.year, label, r.value, r.flags)
                sentence = blank or value_sentence(r.report.name, r.report.year, label, shown)
                notes = [FLAG_NOTES[f] for c in cites for f in c.flags if f in FLAG_NOTES and f not in
                         ("signed", "thousands", "unit_converted", "unit_assumed") + (("blank", "placeholder")
                                                                                      if blank else ())]
                if notes:
                    sentence += f"（{notes[0]}）"
                if len(cs) > 1:
                    derived.append(Derived(value=format_value(r.value), how=" + ".join(
                        plain_number(c.value or 0) for c in cs) + f" = {plain_number(r.value)}"))
                for c in cites:
                    if conv := conversions([c]):
                        derived += conv
                        sentence += converted_words(c.value)
                ctx_text, ctx_cites = _row_context(ctx, mm, r.report.rid, derived) \
                    if len(measures) == 1 and not multi else ("", [])
                citations += cites + ctx_cites
                if ctx_text:
                    sentence += f"；{ctx_text}"
                sentences.append(sentence)
                table_rows.append([r.report.name, r.report.year, mm.label, None if blank else cell_value(r.value),
                                   "空白，未填数字" if blank else flag_words(r.flags)])
            else:
                why = absent(ctx, plan, mm, r)
                sentences.append(why.text.rstrip("。"))
                citations += why.citations
                derived += why.derived
                from_text = from_text or why.from_text
                said = prose_value(ctx, mm, r.report) if why.from_text else (None, None)
                if said[1] is not None:  # one source of truth: the text's number, marked so in both
                    table_rows.append([r.report.name, r.report.year, mm.label, cell_value(said[1]),
                                       f"从正文读出（第{said[0].line}行），表格中没有这一行"])
                else:
                    table_rows.append([r.report.name, r.report.year, mm.label, None, STATUS_WORDS[r.status]])
                if len(measures) == 1 and len(rows) == 1:
                    status = "absent"
    # 平潭的行政处罚: which of its reports was read, said
    took = (latest_read_words(s.reports[int(rids[0])].year),) if latest and not plan.years and \
        len({r.year for r in s.reports if r.agency == agency}) > 1 else ()
    text = "；".join(sentences) + "。" + (defaults_phrase(plan, took) if status == "answered" else "")
    # other columns of the same row, only where the row was read (a lost row has no other columns either)
    years_of: dict[str, set[int]] = {}
    for r in rids:
        years_of.setdefault(s.reports[int(r)].format, set()).add(s.reports[int(r)].year)
    alts = column_alternatives(plan, m, "value", agency, years_of=years_of) \
        if any(r.status != MISSING for _, rows in rows_by for r in rows) else []
    if multi and len(measures) == 1 and all(r.status == OK for _, rows in rows_by for r in rows):
        text = series_words(agency, m.label, [(r.report.year, num(r.value, m.unit)) for r in rows_by[0][1]])
        if adds_up(m) and not (RE_EACH_YEAR.search(plan.text) or plan.each):  # 历年被告了多少次: the years' total too
            t, td = arith.total([r.value for r in rows_by[0][1]])
            derived.append(td)
            text = text.rstrip("。") + f"；以上各年合计{num(t, m.unit)}（{td.how}）。"
        text += defaults_phrase(plan)
    one = rows_by[0][1] if len(measures) == 1 and len(rows_by[0][1]) == 1 else []
    if one and one[0].status == OK:
        text += total_conflict(ctx, m, one[0].report.doc, derived)
        yuan = in_yuan(plan.text, one[0].value, m.unit)
        if yuan:  # 多少元: the 万元 cell in 元 too
            text, derived = text + yuan[0], derived + yuan[1]
    filters = []
    if plan.yesno and plan.comparison and one and one[0].status == OK:  # 是195件吗: the verdict, then the value
        ok = bool(cmp_ok(np.array([one[0].value]), plan.comparison)[0])
        text = yes_no_words(plan, ok, one[0].value, m.unit) + text
        filters = [plan.comparison.words(m.unit)]
    elif plan.yesno and plan.comparison and one:  # no value to judge by: said before why
        text = cannot_judge_words() + text
    summary = f"{agency}的「{m.label}」" + ("（各年）" if multi else "")
    vc = "数值"
    table = AnswerTable(columns=["单位", "年份", "项目", vc, "说明"], rows=table_rows,
                        units={vc: m.unit if len(measures) == 1 else ""})
    return Answer(question=plan.question, text=text, status=status, reading=reading(plan, m, summary, filters=filters),
                  table=table, citations=citations, derived=derived, alternatives=alts, from_text=from_text,
                  chart=ChartHint(x="年份", y=vc, title=m.label) if multi and len(measures) == 1 else None)
