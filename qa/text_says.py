"""报告里说收到的申请涉及哪些申请人: a question that says the report's text (报告里说 / 正文) is answered with the
text's own statement quoted beside the table's cells, and where the two counts differ, what the difference is
(a report's text often counts the year's new requests together with those carried over from the year before:
平潭2022 says 收到75件，涉及自然人72件 where 表三 has 新收 74 (自然人 71) and 上年结转 1 (自然人 1))."""

from __future__ import annotations

import re

from qa import arith
from qa.answer import Citation, Derived
from qa.cite import passage as passage_citation
from qa.facts import OK, Row
from qa.lexicon import measure
from qa.ops import Ctx, scoped_rows
from qa.phrasing import num
from qa.understand import Plan

RE_TEXT_SAYS = re.compile(r"报告(?:里|中|上)?(?:说|写|讲|提到)|正文|文中|文字(?:里|中|部分)")
# 收到政府信息公开申请75件，涉及自然人72件、商业企业3件: the requests the text counts, and its natural persons
RE_APPLICANTS_SAID = re.compile(r"[^。；，\d]{0,16}申请[^。；，\d]{0,8}?(\d+)\s*件[，,]?\s*(?:涉及|其中)[：:]?\s*自然人\s*(\d+)\s*件"
                                r"(?:[、，,]\s*[\u4e00-\u9fff]{2,8}?\d+\s*件)*")


def _cell(ctx: Ctx, plan: Plan, item: str, column: str, rid: str) -> Row | None:
    m = measure(item, column)
    return next((r for r in scoped_rows(ctx, plan, m, plan.agencies or None)
                 if r.report.rid == rid and r.status == OK), None) if m else None


def applicants_said(ctx: Ctx, plan: Plan, new: Row) -> tuple[str, list[Citation], list[Derived]]:
    """The text's own count of requests and natural persons beside 表三's 新收 row (`new`, its 总计), reconciled
    with 上年结转 when new + carried over is what the text counts; ('', [], []) when the question does not say
    the text or the text states no such count."""
    rep = new.report
    if not RE_TEXT_SAYS.search(plan.text):
        return "", [], []
    hit = next(((s, x) for s in ctx.prose.find("收到 申请 涉及 自然人", agency=rep.agency, year=rep.year, k=6).sentences
                if s.passage.year == rep.year and (x := RE_APPLICANTS_SAID.search(s.passage.text))), None)
    if hit is None:
        return "", [], []
    s, x = hit
    said_total, said_natural = float(x.group(1)), float(x.group(2))
    text = f"报告正文写「{x.group(0).rstrip('，,')}」"
    citations, derived = [passage_citation(s)], []
    if said_total == new.value:
        return text + f"，与表三「本年新收」的{num(new.value, '件')}一致。", citations, derived
    natural = _cell(ctx, plan, "apply.new", "natural", rep.rid)
    carried = _cell(ctx, plan, "apply.carried_in", "total", rep.rid)
    carried_natural = _cell(ctx, plan, "apply.carried_in", "natural", rep.rid)
    if carried is None or carried.value + new.value != said_total:
        return text + f"，与表三「本年新收」的{num(new.value, '件')}不一致。", citations, derived
    total, how = arith.total([new.value, carried.value], "正文的申请数")
    derived.append(how)
    text += (f"：正文的{arith.plain_number(said_total)}件是表三「本年新收」{num(new.value, '件')}加「上年结转」"
             f"{num(carried.value, '件')}（{how.how.split('：', 1)[-1]}）")
    for m_item, row in (("apply.carried_in", carried), ("apply.carried_in", carried_natural)):
        if row is not None:
            c, _ = ctx.citer.rows(measure(m_item, "total" if row is carried else "natural"), [row])
            citations += c
    if natural is not None and carried_natural is not None and natural.value + carried_natural.value == said_natural:
        n_total, n_how = arith.total([natural.value, carried_natural.value], "正文的自然人数")
        derived.append(n_how)
        text += f"，自然人{arith.plain_number(said_natural)}件同样含上年结转（{n_how.how.split('：', 1)[-1]}）"
    return text + "。", citations, derived
