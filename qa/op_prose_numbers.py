"""Numbers the text states, added up over agencies (平潭和洪泽主动公开的条数加起来) or divided within one sentence
(媒体公开的占多少): each with its arithmetic, marked as read from the text, not from a table."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa import arith
from qa.answer import Answer, Reading
from qa.cite import sentence as sentence_citations
from index.keyword import normalize
from qa.op_prose_common import continued_text, outermost
from qa.op_share import text_share
from qa.prose import Sentence, holds, part_title
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

RE_COUNT_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和|有多少|是多少|多少|条数|件数|数量|个数")
RE_TOTAL_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和")
_STATED = re.compile(r"\d|[一二两三四五六七八九十百千万]+(?:个|条|件|次|项|篇|家|名|人)")  # a count, in digits or words
_YEARS = re.compile(r"(?:19|20)\d\d\s*年")


def text_total(qa: QA, plan: Plan) -> Answer | None:
    """平潭和洪泽主动公开的条数加起来: each named agency's number from its text, summed with the arithmetic."""
    query = plan.prose_text or plan.text
    terms = sorted((t for t, _ in qa.retriever.keyword.query_terms(query) if len(t) >= 2 and not re.search(r"\d", t)),
                   key=len, reverse=True)
    values, citations, said = [], [], []
    wanted = RE_COUNT_WORDS.sub("", query) or query  # the thing counted, not the counting
    year = plan.years[0] if len(plan.years) == 1 else None
    for agency in plan.agencies:
        found = qa.ctx.prose.find(wanted, agency=agency, year=year, k=8)
        best = None
        for sent in found.sentences:  # the sentence with most of the question's words and a number after one
            text = continued_text(sent)
            hit = next((m for t in terms for m in [re.search(re.escape(t) + r"[^。；]{0,12}?(\d[\d,]*(?:\.\d+)?)",
                                                             text)] if m), None)
            score = sum(t in text for t in terms)
            if hit and (best is None or score > best[0]):
                best = (score, sent, hit)
        if best is None:
            return None
        _, sent, hit = best
        values.append(float(hit.group(1).replace(",", "")))
        citations += sentence_citations(sent)
        p = sent.passage
        around = hit.string[hit.start():hit.end() + 1]  # the question's word through the number and its unit
        said.append(f"{agency}{p.year or ''}年报告第{sent.line}行「…{around}…」：{hit.group(1)}")
    total, how = arith.total(values)
    text = f"从各单位报告正文读出：{'；'.join(said)}；合计{how.how}（正文中的数字，不是表格数字）。"
    return Answer(question=plan.question, text=text, status="answered", from_text=True, citations=citations,
                  derived=[how], reading=Reading(operation="sum", agencies=plan.agencies, years=plan.years,
                                                 summary="各单位正文中的数字相加"))


def share_in_text(qa: QA, plan: Plan, agency: str, year: int | None, query: str, r: Reading) -> Answer | None:
    """A share of two numbers one sentence of the report states (共公开465条，其中媒体公开270条)."""
    terms = [t for t, _ in qa.retriever.keyword.query_terms(query)]
    asked = [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.]|\s*年)", plan.text)]
    found = qa.ctx.prose.find(query, agency=agency, year=year, k=6)
    for s in found.sentences:
        got = text_share(s.text, terms, asked, s.passage.text)
        if not got:
            continue
        part, whole = got
        share = arith.share(part, whole)
        if share is None:
            continue
        p = s.passage
        text = (f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）写道：「{s.text}」。"
                f"按正文：{share[1].how}（从正文读出的数字计算，不是表格中的数字）。")
        r.operation, r.summary = "share", r.summary + "，用正文中的两个数字算比例"
        return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                      derived=[share[1]], citations=sentence_citations(s))
    return None


def count_unstated(qa: QA, query: str, sentences: list) -> Sentence | None:
    """关停了多少个新媒体账号, where the sentence that says it gives no number (及时关停整合…新媒体账号): that
    sentence, when none holding each of the question's words states a number and the one first for its number
    does not hold them; None otherwise (the number is stated, or no sentence says the thing)."""
    words = outermost([t for t, _ in qa.ctx.prose.content_terms(query)])
    if len(words) < 2 or not sentences:
        return None
    saying = [s for s in sentences if all(holds(w, normalize(s.text + s.next_text)) for w in words)]
    stated = any(_STATED.search(_YEARS.sub("", s.text + s.next_text)) for s in saying)
    if not saying or saying[0] is sentences[0] or stated:
        return None
    return saying[0]
