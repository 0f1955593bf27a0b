"""Consistency questions (对得上吗, 一致吗, 勾稽): the stored findings of the reports in scope, after the
checks the question's own numbers ask for (qa.op_check): a stated total against its listed parts, stated
percentages recomputed, a measure against the numbers the question gives."""

from __future__ import annotations

import re

from index.checks import scope_label
from qa import arith, cite
from qa.answer import Alternative, Answer, AnswerTable, Derived
from qa.op_check import (asked_numbers, columns_summed, in_force_run_on, items_run_on, measure_values,
                         stated_percentages, stated_total, text_agrees)
from qa.lexicon import items, measure
from qa.ops import Ctx, no_reports
from qa.output import format_value
from qa.phrasing import NAMES_IN_TEXT, RULE_NAMES, blank_cells_words, findings_scope, no_findings_words, reading
from qa.understand import Plan

RE_PERCENT_WORDS = re.compile(r"百分比|百分之|%|占比|比例")


# 表三 / 依申请 … 对得上吗: only that table's sums (rules 1–3: 三's balance, results and applicants; rule 4: 四)
TABLE_RULES: tuple[tuple[str, re.Pattern[str], frozenset[int]], ...] = (
    ("表三", re.compile(r"表三|表格?3|第三部分|第三张表|依申请|办理结果|申请(?:数据|情况|那张表)"), frozenset({1, 2, 3})),
    ("表四", re.compile(r"表四|表格?4|第四部分|第四张表|复议|诉讼"), frozenset({4})),
)


TABLE_KEYS = {"表三": ("apply.",), "表四": ("review.", "suit.")}  # the fact keys of each table's cells


def _of_table(f, table: str) -> bool:
    """A text or cross-year finding about a cell of this table (a cross-year check is of 三's 结转)."""
    key = f.scope if f.kind == "prose" else "apply." if f.kind == "cross_year" else ""
    return key.startswith(TABLE_KEYS.get(table, ()))


def table_asked(text: str) -> tuple[str, frozenset[int]] | None:
    """The one table a consistency question names (its rules), or None when it names none or both."""
    named = [(name, rules) for name, rx, rules in TABLE_RULES if rx.search(text)]
    return named[0] if len(named) == 1 else None


# 办理结果加起来 / 每一行的总计等于各申请人之和 / 新收加结转等于… / 结转数前后两年对得上吗: the one rule asked (or
# the cross-year check), its own findings only; (rules, kind) as passed_findings takes them
RULES_ASKED: tuple[tuple[frozenset[int] | None, str | None, re.Pattern[str]], ...] = (
    # (办理结果加起来等于收到的申请数吗 sets them against 新收: not rule 2 alone)
    (frozenset({2}), None, re.compile(r"办理结果.{0,10}(?:加起来|之和|相加).{0,8}(?:总计|合计)")),
    (frozenset({3}), None, re.compile(r"每一?行|各行|按申请人|申请人(?:类型|分类|类别|构成)|各类申请人|自然人加|"
                                      r"申请人.{0,2}各[栏列]|各申请人|[这那]一?行.{0,6}各[栏列]")),
    (frozenset({1}), None, re.compile(r"新收.{0,8}(?:加|\+).{0,10}结转.{0,20}(?:等于|=|与|和|跟)")),
    (None, "cross_year", re.compile(r"结转.{0,24}(?:前一年|后一年|下一年|次年).{0,24}结转|历年.{0,8}结转|"
                                    r"(?:前后|跨)年度?.{0,6}结转|结转.{0,6}(?:前后|跨年)|"
                                    r"结转下年度.{0,30}上年结转|上年结转.{0,30}结转下年度")),
)
SHOWN_PASSED = 4  # passed checks quoted beside a clean answer to one rule
RE_WHY = re.compile(r"为什么|为啥|为何|怎么回事|咋回事|什么原因|原因|哪里不对|错在哪")  # 为什么 after the checks
RE_NONZERO = re.compile(r"(?<![\d.])[1-9]\d*(?![\d年项])")  # a count other than 0 (not a year, not 其余6项)


def rule_asked(text: str) -> tuple[frozenset[int] | None, str | None] | None:
    return next(((rules, kind) for rules, kind, rx in RULES_ASKED if rx.search(text)), None)


RE_TEXT_VS_TABLE = re.compile(r"(?:正文|文字|文中|报告里写的|文字部分).{0,12}(?:表格|表里|表中|表)|(?:表格|表里|表中).{0,12}(?:正文|文字|文中)")
# 哪些报告没有不一致的地方 / 哪几年都对得上: the reports that pass, asked for themselves
RE_CLEAN_ASKED = re.compile(r"(?:没有|没|无|不存在)(?:任何)?(?:不一致|矛盾|对不上|错误|问题)|(?<!不)(?:对得上|一致|自洽|没问题|无误)的"
                            r"|(?:都|全部|完全|均)(?:对得上|一致|自洽|没问题|无误)")
RE_HOW_FAR = re.compile(r"差(?:了|额|距)?(?:多少|几)|相差|差值|差多少")
RE_SUMS = re.compile(r"= (-?[\d.]+) ≠ .*? = (-?[\d.]+)(?![\d.])")
RE_BLANKS = re.compile(r"（其中空格按0计：([^）]+)）")  # index/checks.py: the terms a broken sum read as blank


def _gap(fs: list, question: str, derived: list[Derived]) -> str:
    """差了多少: by how much the report's first broken sum misses (its two sides from the check's own words)."""
    if not RE_HOW_FAR.search(question):
        return ""
    for f in sorted(fs, key=lambda f: "总计列" not in (f.detail or "")):  # the all-applicants sum first
        m = RE_SUMS.search(f.detail or "")
        if m:
            left, right = float(m.group(1)), float(m.group(2))
            gap = arith.rounded(abs(left - right))
            how = f"|{m.group(1)} − {m.group(2)}| = {format_value(gap)}"
            derived.append(Derived(value=format_value(gap), how=how))
            blanks = RE_BLANKS.search(f.detail)
            said = f"；{blank_cells_words(blanks.group(1))}" if blanks else ""
            return f"，其中{f.detail.split('：', 1)[0]}两边差{format_value(gap)}（{how}{said}）"
    return ""


def _of_row_asked(detail: str, plan: Plan) -> bool:
    """部分公开那一行…加起来等于总计吗 / 复议后起诉那几栏…: a check of the row the question names (shown first)."""
    if not plan.item:
        return False
    label = items()[plan.item].label.split("（")[0]
    return f"「{label}」行" in detail or f"）{label}：" in detail


def stored_findings(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    agencies = plan.agencies or plan.kind_agencies or None
    rids = s.scope(agencies, plan.years or None, latest=False)
    docs = {s.reports[int(r)].doc for r in rids if s.reports[int(r)].agency not in plan.excluded}  # 除了平潭
    if not docs:
        return no_reports(ctx, plan, None, who="、".join(plan.agencies))
    found = s.findings_of(docs)
    # 在2026年报告里能对上吗: a year named that the agency has no report of checks nothing (said, never passed)
    held = {s.by_doc[d].year for d in docs}
    lacking = [y for y in plan.years if y not in held] if len(plan.agencies) == 1 else []
    if lacking:
        plan = plan.model_copy(update={"years": [y for y in plan.years if y in held]})
    table = table_asked(plan.text)
    if table:  # the other table's sums are not what was asked, nor text checks of another table's cells
        found = [f for f in found if (int(f.rule) in table[1] if f.rule else _of_table(f, table[0]))]
    asked = rule_asked(plan.text)
    if asked:  # 每一行的总计…: that rule's findings (the other sums are not what was asked)
        found = [f for f in found if f.rule and asked[0] and int(f.rule) in asked[0] or f.kind == asked[1]]
    # 哪些报告正文和表格不一致: only the reports whose text disagrees with their table (one report named: all of
    # its findings, its table's own breaks beside the text's)
    text_only = bool(RE_TEXT_VS_TABLE.search(plan.text)) and not plan.agencies
    if text_only:
        found = [f for f in found if f.kind == "prose"]
    fails = [f for f in found if f.status == "FAIL"]
    unassessable = [f for f in found if f.status == "NOT_ASSESSABLE"]
    by_doc: dict[str, list] = {}
    for f in fails:
        by_doc.setdefault(f.doc, []).append(f)
    na_docs: dict[str, int] = {}
    for f in unassessable:
        na_docs[f.doc] = na_docs.get(f.doc, 0) + 1
    derived = [Derived(value=str(len(by_doc)), how="有不一致的报告数"),
               Derived(value=str(len(docs)), how="范围内报告数")]
    who = findings_scope(plan.agencies, plan.years, len(docs)) + (f"（{table[0]}）" if table else "") + \
        ("（正文与表格）" if text_only else "") + \
        (f"（除{'、'.join(plan.excluded)}外）" if plan.excluded and not plan.agencies else "")
    parts = []
    for doc, fs in list(by_doc.items())[:NAMES_IN_TEXT]:
        r = s.by_doc[doc]
        derived.append(Derived(value=str(len(fs)), how=f"{r.name}不一致的核对项数"))
        rules = sorted({f.rule for f in fs if f.rule}, key=int)
        kinds = "、".join(f"规则{x}（{RULE_NAMES.get(x, '')}）" for x in rules)
        if any(f.kind == "prose" for f in fs):
            kinds += ("、" if kinds else "") + "正文与表格不符"
        if any(f.kind == "cross_year" for f in fs):
            kinds += ("、" if kinds else "") + "跨年度结转不符"
        parts.append(f"{r.name}{r.year or ''}年报告{len(fs)}项（{kinds}）" + _gap(fs, plan.text, derived))
    if by_doc and plan.agencies:
        text = "；".join(p.replace("年报告", "年报告有", 1) for p in parts) + "数字不一致。"
        if asked and len(fails) <= SHOWN_PASSED or RE_WHY.search(plan.text):
            # the one rule asked of one report, or 为什么 after its checks: how each check breaks
            text += "".join(f"{f.detail}。" for f in fails[:SHOWN_PASSED]) + \
                (f"另有{len(fails) - SHOWN_PASSED}项见表。" if len(fails) > SHOWN_PASSED else "")
    elif by_doc:
        text = f"{who}中有{len(by_doc)}份报告的数字不一致：" + "；".join(parts) + "。"
    else:  # (cells lost: what could be checked holds, the rest is said below, never all called consistent)
        text = no_findings_words(who).replace("的勾稽关系核对", "能核对的部分", 1) if na_docs else no_findings_words(who)
    if na_docs:
        names_na = "、".join(f"{s.by_doc[d].name}（{n}项）" for d, n in list(na_docs.items())[:NAMES_IN_TEXT])
        text += f"因表格缺行无法核对的：{names_na}。"
        for d, n in list(na_docs.items())[:NAMES_IN_TEXT]:
            derived.append(Derived(value=str(n), how=f"{s.by_doc[d].name}无法核对的项数"))
    if RE_CLEAN_ASKED.search(plan.text) and not (len(plan.agencies) == 1 and len(docs) == 1):
        clean = sorted((s.by_doc[d] for d in docs if d not in by_doc), key=lambda r: (r.name, r.year or 0))
        derived.append(Derived(value=str(len(clean)), how="没有不一致的报告数"))
        listed = "、".join(f"{r.name}（{r.year}年）" + (f"（{na_docs[r.doc]}项无法核对）" if r.doc in na_docs else "")
                           for r in clean[:NAMES_IN_TEXT]) + ("等" if len(clean) > NAMES_IN_TEXT else "")
        text = (f"{who}中没有不一致的报告有{len(clean)}份：{listed}。" if clean else
                f"{who}中每份报告都有不一致之处。") + "另：" + text
    shown_rules, passed_shown = asked or ((table[1], None) if table else None), []
    if plan.agencies and not by_doc and shown_rules:  # the rule (table) asked holds: said, with checks that show it
        # (the rows with numbers first: 总计218 = 自然人217 + 商业企业1 shows more than a row of zeros)
        shown_ok = sorted(s.passed_details(sorted(docs), *shown_rules),
                          key=lambda f: (not _of_row_asked(f.detail, plan),
                                         not RE_NONZERO.search(f.detail.split("：", 1)[-1])))
        derived.append(Derived(value=str(len(shown_ok)), how="通过的核对项数"))
        what = "、".join(f"规则{x}（{RULE_NAMES.get(x, '')}）" for x in sorted(shown_rules[0])) if shown_rules[0] \
            else "跨年度结转"
        passed_shown = shown_ok[:SHOWN_PASSED]
        text += f"{what}的{len(shown_ok)}项核对都对得上：" + "；".join(
            f.detail for f in passed_shown) + ("等" if len(shown_ok) > SHOWN_PASSED else "") + "。"
    elif plan.agencies and not by_doc:
        passed = s.passed_findings(sorted(docs), table[1] if table else None, "prose" if text_only else None)
        derived.append(Derived(value=str(passed), how="通过的核对项数"))
        text += f"通过{passed}项核对。"
    if lacking:
        text = (f"索引中没有{plan.agencies[0]}{'、'.join(f'{y}年' for y in lacking)}的报告，涉及该年的核对"
                f"（如跨年度结转）无法进行。" + text.replace("全部核对结果：", "", 1))
    shown = fails + unassessable
    citations = [cite.finding(f) for f in shown + passed_shown]
    table = AnswerTable(columns=["单位", "年份", "核对", "范围", "结果", "说明"], rows=[
        [f.agency, f.year, f"规则{f.rule}（{RULE_NAMES.get(f.rule, '')}）" if f.rule else
         ("正文与表格" if f.kind == "prose" else "跨年度"), scope_label(f.kind, f.rule, f.scope),
         {"FAIL": "不一致", "NOT_ASSESSABLE": "无法核对"}[f.status], f.detail] for f in shown]) if shown else None
    return Answer(question=plan.question, text=text, status="answered",
                  reading=reading(plan, None, f"{who}的勾稽关系核对结果", operation="findings"),
                  table=table, citations=citations, derived=derived)





RE_TEXT_ASKED = re.compile(r"正文|文字|报告里?说|文中")  # 和正文里说的对得上吗: the text's numbers asked


def answer_findings(ctx: Ctx, plan: Plan) -> Answer:
    """The stored findings of the reports in scope, after the checks the question's own numbers ask for."""
    answer = stored_findings(ctx, plan)
    agency = plan.agencies[0] if len(plan.agencies) == 1 else None
    year = plan.years[0] if len(plan.years) == 1 else None
    percent = agency and RE_PERCENT_WORDS.search(plan.text)
    measured = plan
    if not plan.item and agency and asked_numbers(plan) and (table_asked(plan.text) or ("",))[0] == "表三":
        # 表三各项加起来等于21吗: the number stated is 三's total, checked against the table's 总计
        measured = plan.model_copy(update={"item": "apply.total", "column": "total"})
    # 正文说行政复议36起、行政诉讼9起: each measure named against the table, not only the first
    others = [measured.model_copy(update={"item": x, "extra_items": [], "column": "total", "column_explicit": False})
              for x in measured.extra_items if measure(x, "total") is not None] if asked_numbers(plan) else []
    # 这两个数和正文说的对得上吗 after two values: those measures against the text's numbers
    said = text_agrees(ctx, plan) if plan.followup and plan.item and RE_TEXT_ASKED.search(plan.text) else None
    measures = bool(measured.item) and not percent and said is None
    run = (columns_summed(ctx, measured) or items_run_on(ctx, measured) or in_force_run_on(ctx, measured)) \
        if measures else None
    own = [c for c in (said, stated_total(ctx, plan, agency, year) if agency and asked_numbers(plan) else None,
                       stated_percentages(ctx, plan, agency, year) if percent else None, run) if c]
    checks = own + [c for c in (measure_values(ctx, measured) if measures and run is None else None,
                                *(measure_values(ctx, o) for o in others if not percent)) if c]
    if own and not rule_asked(plan.text):
        # 括号里各栏目加起来对得上吗 / 占38.27%算得对吗: the checks asked are the answer; the report's other
        # findings are not what was asked (offered instead)
        whole = f"{agency or ''}{f'{year}年' if year else ''}的报告数据都对得上吗"
        return Answer(question=plan.question, text="".join(c.text for c in checks), status="answered",
                      reading=answer.reading, citations=[x for c in checks for x in c.citations],
                      derived=[x for c in checks for x in c.derived],
                      alternatives=[Alternative(label="看这份报告的全部核对", question=whole)] if agency else [])
    if checks:
        answer.text = "".join(c.text for c in checks) + "全部核对结果：" + answer.text
        answer.citations = [x for c in checks for x in c.citations] + answer.citations
        answer.derived = [x for c in checks for x in c.derived] + answer.derived
    return answer
