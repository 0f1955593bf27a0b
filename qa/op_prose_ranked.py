"""Agencies ranked by a count only their texts state (哪个单位主动公开政府信息最多, 哪家发布的政策解读最多): each
report's own sentence giving the count is found and quoted, the reports are ranked on it, and the reports whose
text states no such count are named as such, never counted as 0. The numbers are marked as read from the text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, AnswerTable, Reading
from qa.cite import sentence as sentence_citations
from qa.op_prose_common import continued_text
from qa.prose import Sentence
from qa.understand import RE_MAX, RE_MIN, RE_RANK, Plan

if TYPE_CHECKING:
    from qa.engine import QA

# a count the text states after the thing counted: 主动公开政府信息1053条 / 公开政府信息 808 条 / 152余条
RE_STATED_COUNT = r"[^。；：:]{0,16}?(?<![\d.])(\d[\d,]*)\s*(余|多)?\s*(条|件|篇|项|个|期|场|次)"
# the words that ask, not the thing counted: 哪个单位 / 各单位 / 2020年 / 数量
RE_ASKING = re.compile(r"(?:哪|各)[个家些一几]*(?:单位|部门|机关|报告|城管局?)?|(?:19|20)\d\d\s*年|数量|多少|几")
RE_ORDERED = re.compile(r"排名|排序|排行|从多到少|从少到多|由多到少|由少到多")  # (RE_RANK also holds 哪些单位: a list)
REACH = 24  # characters before the term that still count as the count's own words (主动公开政府信息 … 公开政府信息 808 条)
MAX_REPORTS = 300  # reports searched one by one for their stated count


def asks_ranked_count(plan: Plan) -> bool:
    """哪个单位…最多 / 各单位…排名 asked of a thing no table holds (no measure): a ranking of stated counts."""
    text = plan.text
    return not plan.agencies and not plan.item and bool(RE_MAX.search(text) or RE_MIN.search(text)
                                                        or RE_ORDERED.search(text))


def stated_count(qa: QA, query: str, agency: str, year: int | None) -> tuple[float, str, Sentence] | None:
    """The count one report's text states of the thing asked: the sentence whose words before the number hold
    every one of the question's terms (all but one of three or more), so 提出50条 under 政策解读 is not taken."""
    terms = [t for t, _ in qa.retriever.keyword.query_terms(query) if len(t) >= 2 and not re.search(r"\d", t)]
    if not terms:
        return None
    need = len(terms) if len(terms) <= 2 else len(terms) - 1
    found = qa.ctx.prose.find(query, agency=agency, year=year, k=8)
    for sent in found.sentences:
        text = continued_text(sent)
        for t in terms:
            for m in re.finditer(re.escape(t) + RE_STATED_COUNT, text):
                words = text[max(0, m.start() - REACH):m.start(1)]
                if sum(x in words for x in terms) >= need:
                    return float(m.group(1).replace(",", "")), text[m.start():m.end()], sent
    return None


def _unit(said: str) -> str:
    return re.search(RE_STATED_COUNT, said).group(3)


def _count(said: str) -> str:
    """The count as the text writes it: 1053条, 152余条."""
    m = re.search(RE_STATED_COUNT, said)
    return f"{m.group(1)}{m.group(2) or ''}{m.group(3)}"


def text_ranked(qa: QA, plan: Plan) -> Answer | None:
    """Each report in scope (the year asked, or each agency's latest) ranked on the count its text states."""
    query = plan.prose_text or plan.text
    query = RE_ASKING.sub(" ", RE_MAX.sub(" ", RE_MIN.sub(" ", RE_RANK.sub(" ", query))))
    latest: dict[str, int | None] = {}
    for r in qa.store.reports:
        if plan.years and r.year not in plan.years:
            continue
        if r.agency and (r.agency not in latest or (r.year or 0) > (latest[r.agency] or 0)):
            latest[r.agency] = r.year
    if not 2 <= len(latest) <= MAX_REPORTS:  # (one search per report: past a few hundred, who_says lists them)
        return None
    stated, unstated = [], []
    for agency, year in latest.items():
        got = stated_count(qa, query, agency, year)
        (stated.append((agency, year, got)) if got else unstated.append((agency, year)))
    if not stated:
        return None
    # counts in another unit (160余项 beside 条) count something else: not ranked with them, said as not stated
    units = [_unit(g[1]) for _, _, g in stated]
    unit = max(set(units), key=units.count)
    other_unit = [(a, y, g) for a, y, g in stated if _unit(g[1]) != unit]
    stated = [x for x in stated if _unit(x[2][1]) == unit]
    smallest_first = bool(RE_MIN.search(plan.text)) and not RE_MAX.search(plan.text)
    stated.sort(key=lambda x: (x[2][0] if smallest_first else -x[2][0], x[0]))
    top = stated[0]
    tied = [a for a, _, g in stated if g[0] == top[2][0]]
    words = "最少" if smallest_first else "最多"
    head = (f"{'、'.join(tied)}并列{words}" if len(tied) > 1 else f"{top[0]}{top[1] or ''}年{words}") + \
        f"：正文写「{top[2][1]}」。"
    rows, sources, citations = [], [], []
    for agency, year, (value, said, sent) in stated:
        place = 1 + sum(g[0] < value if smallest_first else g[0] > value for _, _, g in stated)  # ties share a place
        rows.append([place, agency, year, int(value) if value == int(value) else value, f"正文第{sent.line}行：「{said}」"])
        sources.append([sent.passage.doc, sent.line, None])
        citations += sentence_citations(sent)
    for agency, year, (_, said, sent) in other_unit:
        rows.append(["—", agency, year, None, f"正文第{sent.line}行：「{said}」，以{_unit(said)}计，未一起排序"])
        sources.append([sent.passage.doc, sent.line, None])
        citations += sentence_citations(sent)
    for agency, year in unstated:
        rows.append(["—", agency, year, None, "正文没有写明这个数"])
        sources.append(None)
    others = f"另有{len(unstated)}个单位的报告正文没有写明这个数（{'、'.join(a for a, _ in unstated)}），不计为零。" \
        if unstated else ""
    others += "".join(f"{a}{y or ''}年正文写的是{_count(g[1])}，单位不同，未一起排序。" for a, y, g in other_unit)
    scope = f"{plan.years[0]}年" if len(plan.years) == 1 else "各单位最新一年" if not plan.years else "所选年份"
    text = (f"按各单位报告正文中写明的数字（表格中没有这一项）比较{scope}{len(latest)}个单位：{head}"
            + "；".join(f"{a}{y or ''}年{_count(g[1])}" for a, y, g in stated) + "。" + others)
    defaults = list(plan.defaults) + ["数字从正文读出，不是表格数字；「余」「多」的约数按所写的数排序"]
    if not plan.years:
        defaults.append("同一单位有多年报告的，取其最新一年")
    return Answer(question=plan.question, text=text, status="answered", from_text=True, citations=citations,
                  table=AnswerTable(columns=["名次", "单位", "年份", f"正文中的数（{unit}）", "说明"], rows=rows,
                                    units={f"正文中的数（{unit}）": unit}, sources=sources),
                  reading=Reading(operation="prose", years=plan.years, defaults=defaults,
                                  summary=f"按各单位报告正文中写明的数排序，取{words}"))
