"""One agency over its years: each year's report answered on its own (这几年的问题有没有变化, 每年都说要加强培训吗),
the years that say it and the first one (哪一年开始提到), those that do not named."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, Reading
from qa.cite import sentence as sentence_citations
from qa.op_prose_common import (PLANNED, RE_CHANGE, RE_MENTION, answering_sentences, asks_list, half_topic,
                                one_report, outermost, quote_of, said_in_half, says, topic)
from qa.op_prose_counts import RE_HALF_COUNT, halves_listed
from qa.prose import Asked, part_title
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

# 哪几年的报告提到了疫情: the years named before the quotes
RE_YEARS_NAMED_FIRST = re.compile(r"哪几年|哪些年|哪一?年|(?i:which years?|what years?)")  # (understand.RE_WHICH_YEARS reads a table question)
# whether an agency ever did a thing (开过新闻发布会吗, Has Pingtan ever held…): asked of all its years, not the latest
RE_EVER = re.compile(r"过[^，,。？?\d]{0,10}?(?:吗|么|没有?)[？?]?$|(?i:(?<![a-z])ever(?![a-z])|^(?:did|has|have)(?![a-z]))")
# since when (哪一年开始提到, 从哪年起, 最早哪年): asks each year's report, the first one said
RE_SINCE = re.compile(r"(?:从|自)?(?:哪一?年|什么时候|啥时候|何时)(?:开始|起|首次|第一次|最早)|最早(?:是|在|从)?哪一?年|"
                      r"(?i:since when|(?:in )?which year (?:did|does) [^?]{0,40}?first|first (?:year|mention))")


def each_year(qa: QA, plan: Plan, agency: str, years: list[int]) -> Answer:
    """One agency over several years (这几年的问题有没有变化, 每年都说要加强培训吗, 2021年和2022年有什么不同):
    each year's report answered on its own, in order, and the years whose report does not say it named."""
    query = plan.prose_text or plan.text
    if RE_HALF_COUNT.search(query):  # 平潭每年的改进措施都是几条: each year's list counted
        listed = halves_listed(qa, plan, agency, years, query, "", list(plan.defaults))
        if listed:
            return listed
    since = RE_SINCE.search(query)  # 哪一年开始提到智能问答: the years that say it, the first named
    query = RE_SINCE.sub(" 提到 ", query) if since else query
    listing = asks_list(plan)
    # 政策解读跟2023年比有什么变化: what each year did (part 一), unless the problems or plans are what is compared
    part = plan.part or ("一" if RE_CHANGE.search(query) and Asked.of(query).half is None else None)
    # 哪几年提到了智能问答: a year's report says it only in a sentence holding it whole (not 政策问答手册)
    phrases = qa.ctx.prose.topic_phrases(query) if RE_MENTION.search(query) or RE_EVER.search(query) else []
    # 每年的改进措施都提到政策解读吗: each year's measures (or problems) read for it, not the report's other parts
    half = Asked.of(query).half
    named = half_topic(qa, query) if half else ([], [])
    in_half = bool(named[0] or named[1])
    what = "、".join((named[0] or outermost(named[1])) if in_half else phrases or topic(qa, query))
    what = f"「{what}」" if what else "这一点"  # the silent years are silent about something: said by name
    quoted, silent, citations = [], [], []
    for y in years:
        if in_half:
            doc = one_report(qa, agency, y)
            found = [x for x in [said_in_half(qa, doc, half, query) if doc else None] if x]
        else:
            found = [s for s in answering_sentences(qa, query, part, agency=agency, year=y, k=1) if says(s, phrases)]
        if not found and phrases and not in_half:  # said below the search's candidates: read off the report's passages
            found = qa.ctx.prose.mentions(phrases, year=y, part=part, reports=1, agency=agency)
        if not found:
            silent.append(y)
            continue
        where, said = quote_of(found[0], listing)
        quoted.append(f"{y}年：{where}写道「{said}」" + (PLANNED if qa.ctx.prose.planned(found[0]) else ""))
        citations += sentence_citations(found[0])
    r = Reading(operation="prose", agencies=[agency], years=years, defaults=list(plan.defaults),
                summary=f"在{agency}各年的报告中分别检索" + (f"（{part_title(plan.part)}）" if plan.part else ""))
    if not quoted:
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"{agency}{years[0]}–{years[-1]}年的报告中都没有找到说到{what}的内容"
                           f"（已逐年检索{agency}{years[0]}–{years[-1]}年的报告）。")
    first = next(y for y in years if y not in silent)
    text = (f"{agency}的报告最早在{first}年说到{what}。" if since else "") + f"{agency}逐年来看：" + "；".join(quoted) + "。"
    if silent:
        text += f"{'、'.join(str(y) for y in silent)}年的报告没有说到{what}。"
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=citations)
