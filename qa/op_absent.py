"""A report that gives no number for a measure: why (the row is missing from its table, the cell holds text,
the template of its year has no such row), where its table breaks off, and the number its prose states
instead, marked as read from the text."""

from __future__ import annotations

import re

from qa import cite
from qa.answer import Answer, Citation, Derived
from qa.facts import NO_NUMBER, NOT_IN_TEMPLATE, Report, Row
from qa.lexicon import Measure, items
from qa.ops import Ctx
from qa.phrasing import num, reading
from qa.prose import part_title
from qa.understand import Plan


_NUMBER_NOT_YEAR = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?:\s*年|\s*-))\d+(?:\.\d+)?")


def _states_number(sentence: str, words: tuple[str, ...]) -> bool:
    """The sentence names the item and gives a number that is not a year or a date."""
    return any(w in sentence for w in words) and bool(_NUMBER_NOT_YEAR.search(re.sub(r"\d+月\d+日", "", sentence)))


_PROSE_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(?:件|项|个|条|次|万元|元)")


def prose_value(ctx: Ctx, m: Measure, rep: Report):
    """A number the report's text states for a measure its table lacks: the sentence and the first number
    with a unit after the item's word (None when the sentence gives no such number)."""
    item = items()[m.item]
    found = ctx.prose.find(" ".join(item.words), agency=rep.agency, year=rep.year, k=5)
    best = max((s for s in found.sentences if _states_number(s.text, item.words)),
               key=lambda s: max(len(w) for w in item.words if w in s.text), default=None)
    if best is None:
        return None, None
    at = max((best.text.find(w) for w in item.words if w in best.text), default=0)
    hits = list(_PROSE_NUMBER.finditer(best.text))
    hit = min(hits, key=lambda h: abs(h.start() - at), default=None)  # the number nearest the item's word
    return best, float(hit.group(1).replace(",", "")) if hit else None


def absent(ctx: Ctx, plan: Plan, m: Measure, r: Row) -> Answer:
    """The agency's report has no number for the measure: say why, and offer the prose that states it."""
    rep = r.report
    when = f"{rep.year}年" if rep.year else ""
    citations: list[Citation] = []
    if r.status == NO_NUMBER:
        cs = ctx.store.cells(m, rep.rid)
        cites = ctx.citer.cells(cs)
        citations += cites
        raw = next((c.value or c.quote for c in cites if "text" in c.flags), None) or (cites[0].quote if cites else "")
        unsure = next((c for c in cites if "ambiguous" in c.flags), None)
        if unsure:  # digits the extractor could not place with certainty: no value, never a guess
            text = (f"{rep.name}{when}报告的「{m.label}」无法确定：这一行的数字不能确定地对应到各列"
                    f"（原文「{unsure.quote}」），因此不给出数值。")
        else:
            text = f"{rep.name}{when}报告的「{m.label}」一栏填的是文字：「{raw}」，没有数字。"
        return Answer(question=plan.question, text=text, status="absent", citations=citations,
                      reading=reading(plan, m, f"{rep.name}的「{m.label}」"))
    if r.status == NOT_IN_TEMPLATE:
        text = (f"{rep.name}{when}报告使用{rep.format}版模板，模板中没有「{m.label}」这一栏。")
        return Answer(question=plan.question, text=text, status="absent",
                      reading=reading(plan, m, f"{rep.name}的「{m.label}」"))
    item = items()[m.item]
    derived: list[Derived] = []
    why = next((w for w in ctx.store.warnings(rep.doc) if item.label.split(" · ")[-1] in w or
                any(word in w for word in item.words[:2])), None)
    if why:  # the extraction's own warning says which rows the table lost; cite where the table breaks off
        citations.append(ctx.citer.break_off(rep, m, why))
        derived += [Derived(value=n, how="抽取警告中的数字（缺少的行数）") for n in re.findall(r"缺少(\d+)行", why)]
        why = why[:40] + "…" if len(why) > 40 else why
    text = f"{rep.name}{when}报告的表格中缺少「{m.label}」这一行" + (f"（抽取时发现：{why}）" if why else "") + "。"
    best, value = prose_value(ctx, m, rep)
    from_text = False
    if best:
        stated = f"，即{num(value, m.unit)}" if value is not None else ""
        text += (f"报告正文（{part_title(best.passage.part)}，第{best.line}行）写道：「{best.text}」{stated}"
                 f"——从正文读出，不是表格中的数字。")
        citations.append(cite.passage(best))
        from_text = True
    else:
        text += "报告正文中也没有找到这个数字。"
    return Answer(question=plan.question, text=text, status="absent", citations=citations, from_text=from_text,
                  derived=derived, reading=reading(plan, m, f"{rep.name}的「{m.label}」"))
