"""Yes or no about the text: whether a report says a thing (有没有提到…: its name whole), owns a problem the user
names (有没有承认…), did it or only plans it (开过…吗, 是已经做了还是计划做), and whether fees were charged where no
sentence says so (the table's fee row), or a table row asked of in words when no sentence speaks of it (item_row)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, Reading
from qa.cite import passage as passage_citation, sentence as sentence_citations
from index.keyword import normalize
from qa.op_prose_common import RE_MENTION, made_of_generic, outermost, quote_of, says, topic
from qa.prose import Asked, Sentence, holds, part_title
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

# done or only planned (是已经做了还是计划做, 已经开了还是打算开, 是已经做了的吗): the quote's place says which
RE_DONE_OR_PLANNED = re.compile(r"已经[^，,。？?]{0,8}还是[^，,。？?]{0,4}(?:打算|计划|准备|将要|要)|(?:是|都)已经[^，,。？?]{0,10}的?(?:吗|么)|"
                                r"(?i:done or (?:only )?planned|already (?:done|did|held)|or (?:just )?plan)")
# 有没有承认政策解读不到位: whether the report owns a problem the user names, which it must name too
RE_ADMITS = re.compile(r"(?:有没有|是否|有无|可曾)(?:承认|认账|检讨|自认)|(?:承认|认账)(?:了)?[^，,。？?]*(?:吗|么|没有?)[？?]?$")
# 有没有开新闻发布会, 开过新闻发布会吗: whether the report did a thing it would name
RE_WHETHER = re.compile(r"有没有|是否|有无|可曾|(?:了|过)[^，,。？?\d]{0,10}?(?:吗|么|没有?)[？?]?$|"
                        r"(?i:^(?:did|does|do|has|have|had)(?![a-z]))")  # Did Jinan hold press conferences?


def fee_row(qa: QA, question: str, agency: str, year: int | None, lead: str, r: Reading) -> Answer | None:
    """Whether a report's agency charged fees, when no sentence of its text says so: the table's fee row
    (行政事业性收费), quoted as the row states it."""
    hits = qa.retriever.search("行政事业性收费", k=3, agency=agency, year=year, kind="row").hits
    hit = next((h for h in hits if "收费" in h.passage.text), None)
    if hit is None:
        return None
    p = hit.passage
    return _row_quoted(question, hit, r, lead + f"{agency}{p.year or ''}年报告的正文没有说到收费（如信息处理费）；"
                       f"表格（{part_title(p.part)}，第{p.line_start}行）的收费一行为「{p.text.split(' ', 1)[-1]}」。")


def _row_quoted(question: str, hit, r: Reading, text: str) -> Answer:
    """A table row standing in for text the report does not have: the answer, the row cited."""
    p = hit.passage
    return Answer(question=question, text=text, status="answered", reading=r, from_text=False,
                  citations=sentence_citations(Sentence(p, p.text, hit.score, p.line_start)))


def item_row(qa: QA, question: str, item: str, word: str, agency: str, year: int | None, lead: str,
             r: Reading) -> Answer | None:
    """A table row the question names (信访举报类的申请是怎么处理的) when no sentence of the report's text speaks of
    it: the row quoted whole, whose place in the template (不予处理 · 信访举报投诉类申请) is all the report says."""
    hits = qa.retriever.search(word, k=10, agency=agency, year=year, kind="row").hits
    hit = next((h for h in hits if any(k.startswith(item + ".") or k == item for k in h.passage.fact_keys)), None)
    if hit is None:
        return None
    p = hit.passage
    return _row_quoted(question, hit, r, lead + f"{agency}{p.year or ''}年报告的正文没有说到「{word}」；只有表格"
                       f"（{part_title(p.part)}，第{p.line_start}行）的一行：「{p.text.split(' ', 1)[-1]}」。")


def whether_said(qa: QA, plan: Plan, query: str, agency: str, year: int | None, result, lead: str,
                 r: Reading) -> tuple[Answer | None, str]:
    """Whether the agency's report says what the question names (有没有提到新闻发布会, 有没有承认…, 开过…吗): the
    found sentences narrowed to those that say it whole (in `result`), and the lead with the plan said when
    only part 五's measures say it; an out-of-scope answer instead when the report does not say it."""
    whether = not (RE_MENTION.search(query) or RE_ADMITS.search(query)) and RE_WHETHER.search(query)
    if not (RE_MENTION.search(query) or RE_ADMITS.search(query) or whether):
        return None, lead
    # 沙河城管有没有提到新闻发布会: a sentence that says 新闻媒体 does not say 新闻发布会 (each of its words whole)
    phrases = qa.ctx.prose.topic_phrases(query)
    if whether:  # 有没有开新闻发布会: only a name the reports use (not the user's own 对外公开发布, nor 政务公开)
        phrases = [ph for ph in phrases if len(ph) >= 4 and not made_of_generic(ph)
                   and qa.retriever.passages_saying([ph], reports=1)]
    saying = [s for s in result.sentences if says(s, phrases)]
    if not saying and phrases:  # said below the search's candidates: read off the report's passages
        saying = qa.ctx.prose.mentions(phrases, year=year, reports=1, agency=agency)
    if not saying:
        where = f"{agency}{f'{year}年' if year else ''}的报告"
        text = lead + f"{where}没有说到「{'、'.join(phrases)}」（已检索{where}）；下面是最接近的段落，仅供参考。"
        return Answer(question=plan.question, text=text, status="out_of_scope", reading=r, from_text=True,
                      citations=[passage_citation(s) for s in result.sentences[:3]]), lead
    result.sentences = saying
    named = phrases or topic(qa, query)
    holding = [s for s in saying if says(s, named)] or saying[:1]  # the sentences saying the thing itself
    if whether and all(qa.ctx.prose.planned(s) for s in holding):  # 开过新闻发布会吗: a measure is a plan
        lead += (f"{agency}{f'{year}年' if year else ''}的报告只在下一步的改进措施里说到「{'、'.join(named)}」，"
                 "是打算做的，没有说已经做过：")
    return None, lead


def done_or_planned(qa: QA, query: str, best) -> str:
    """是已经做了还是计划做: which of the two the quote is, by its place (part 五's measures: planned); "" when
    not asked."""
    if not RE_DONE_OR_PLANNED.search(query):
        return ""
    return ("这是报告第五部分的改进措施，是下一步打算做的，不是已经做的：" if qa.ctx.prose.planned(best) else
            f"报告把它写在「{part_title(best.passage.part)}」里，是已经做的：")


def done_and_planned(qa: QA, plan: Plan, query: str, agency: str, year: int | None, lead: str,
                     r: Reading) -> Answer | None:
    """培训是已经做了还是打算做, of a report that says both (组织召开培训会议 in part 一, 加强政务公开培训 among part
    五's measures): one sentence of each, said as done and as planned; None when it says only one of them."""
    if not RE_DONE_OR_PLANNED.search(query):
        return None
    asked = RE_DONE_OR_PLANNED.sub(" ", query)
    words = outermost([t for t, _ in qa.ctx.prose.content_terms(asked)])
    if not words or Asked.of(asked).half:  # 改进措施是已经做了还是计划做: the measures are plans
        return None
    found = [s for s in qa.ctx.prose.find(asked, agency=agency, year=year, k=8).sentences
             if all(holds(w, normalize(s.text + s.next_text)) for w in words)]
    done = next((s for s in found if not qa.ctx.prose.planned(s)), None)
    planned = next((s for s in found if qa.ctx.prose.planned(s)), None)
    if done is None or planned is None:
        return None
    said = [quote_of(s, False) for s in (done, planned)]
    text = (lead + f"报告里两样都有。已经做的：{said[0][0]}写道「{said[0][1]}」；打算做的（第五部分的改进措施）："
            f"{said[1][0]}写道「{said[1][1]}」。")
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in (done, planned) for c in sentence_citations(s)])
