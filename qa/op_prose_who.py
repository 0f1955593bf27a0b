"""Which agencies or reports say a thing (哪些单位提到了政务新媒体) or never do (哪些单位没有提到…): every report read,
each one saying it quoted, the silent ones named."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, Derived, Reading
from qa.cite import sentence as sentence_citations
from qa.op_prose_common import (PLANNED, answering_sentences, half_topic, outermost, quote_of, said_in_half, says,
                                searched, sentence_text, topic)
from qa.op_prose_years import RE_SINCE, RE_YEARS_NAMED_FIRST
from qa.prose import RE_ONLY_PLANNED, Asked, part_title, report_key
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

WHO_REPORTS = 12  # 哪些单位提到了…: at most this many reports quoted, one sentence each
# 哪些单位没有提到政策解读, 一个字都没提疫情: the agencies none of whose reports say it
# 哪个单位承认了政务新媒体管理不规范的问题: a problem owned is one part 五's problems name, in one clause
RE_OWNS = re.compile(r"承认|认账|检讨|自认")
# 组织过, 开展了, 搞过: that it was done, which the reports say in many verbs (组织召开, 制定了…计划); the thing done
# is what is asked about
RE_DOING = re.compile(r"(?:组织|开展|举办|进行|搞|做|办)(?:了|过)")
# 哪些单位收了信息处理费: every report that speaks of it says it did not happen (无收取…情况, 收取…0元)
RE_WHO_DID = re.compile(r"哪些|哪个|哪几|谁")
RE_DENIES = re.compile(r"(?:无|未|没有|没|不曾|并未|从未)(?:收取|收|发生|出现)|(?<![\d.])0\s*(?:元|件|次|起)(?![\d.])")
RE_NOT_SAID = re.compile(r"(?:没有?|未|不曾|从没|从来没有?)(?:提|说|讲|写|谈|涉及)|(?i:never mention|(?:do|does|did)(?: not|n't) mention)")


def who_says(qa: QA, plan: Plan) -> Answer:
    """哪些单位提到了政务新媒体, 谁的报告提到疫情: every report whose own sentence says it, each quoted (one
    per report), grouped by agency; no report saying it is said so, never the nearest passage passed off."""
    query = plan.prose_text or plan.text
    year = plan.years[0] if len(plan.years) == 1 else None
    reports = len(qa.store.reports)
    # each of its words (新闻发布会, not 新闻 and 发布 apart): a report listed as saying it must say it
    negated = bool(RE_NOT_SAID.search(plan.text))
    query = RE_NOT_SAID.sub(" ", query) if negated else query  # 没提疫情: the topic is 疫情
    if not qa.ctx.prose.content_terms(query):  # Which reports mention the weather: no word the reports hold
        return Answer(question=plan.question, status="out_of_scope", from_text=True,
                      reading=Reading(operation="prose", summary="问题中没有报告里有的词"),
                      text=f"这些报告中没有找到说到这一点的内容（已检索全部{searched(qa)}），无法回答。")
    query = qa.ctx.prose.said_by_heads(RE_DOING.sub(" ", query))  # 组织过业务培训: who trained, in any words
    if not negated and RE_ONLY_PLANNED.search(query):  # 只是打算开新闻发布会，没真开
        return who_only_planned(qa, plan, RE_ONLY_PLANNED.sub(" ", query), year)
    # 哪个单位承认了…问题, 哪些单位在改进措施里提到了…: read in each report's problems or measures
    half = Asked.of(query).half or ("problems" if RE_OWNS.search(query) else None)
    if half and not negated and any(half_topic(qa, query)):
        return who_in_half(qa, plan, query, half, year)
    k = reports if negated else min(max(reports, 3), WHO_REPORTS)  # none left out: silence is read off all of them
    found = answering_sentences(qa, query, plan.part, 1.0, year=year, k=k, distinct_reports=True)
    phrases = qa.ctx.prose.topic_phrases(query)
    said = [ph for ph in phrases if any(says(s, [ph]) for s in found)]
    found = [s for s in found if says(s, said)]
    # the reports whose mention ranked below the search's candidates: every report's sentence holding the
    # question's phrases whole (谁的报告说到了信息发布: all six of 平潭's, not the best-ranked one)
    if negated or len(found) < k:  # the list is not full yet: a whole-report pass can add to it
        reports_found = {report_key(s.passage) for s in found}
        found += [s for s in qa.ctx.prose.mentions(phrases, year=year, part=plan.part, reports=None if negated else k)
                  if report_key(s.passage) not in reports_found]
        found = found if negated else found[:k]
    if found and not said:  # every report saying it came from the whole-report pass
        said = phrases
    r = Reading(operation="prose", years=plan.years, defaults=list(plan.defaults),
                summary="在全部报告中逐份检索" + (f"（{part_title(plan.part)}）" if plan.part else ""))
    if negated:
        return who_is_silent(qa, plan, query, found, said, year, r)
    if not found:
        what = "、".join(topic(qa, query))
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"这些报告中没有找到说到{f'「{what}」' if what else '这一点'}的内容（已检索全部{searched(qa)}），无法回答。")
    found.sort(key=lambda s: (s.passage.agency or s.passage.doc, s.passage.year or 0))
    agencies = list(dict.fromkeys(s.passage.agency or s.passage.doc for s in found))
    quoted = [f"{where}写道「{said}」" + (PLANNED if qa.ctx.prose.planned(s) else "")
              for s, (where, said) in ((s, quote_of(s, False)) for s in found)]
    text = (f"说到这一点的有{len(agencies)}个单位（{len(found)}份报告）：{'、'.join(agencies)}。" + "；".join(quoted) + "。")
    if RE_WHO_DID.search(plan.text) and all(RE_DENIES.search(sentence_text(s)) for s in found):
        what = "、".join(said or topic(qa, query)) or "这一点"
        text = (f"没有单位写明有过「{what}」：说到它的{len(found)}份报告写的都是没有（或为零），"
                f"其余报告没有提到。" + "；".join(quoted) + "。")
    years = sorted({s.passage.year for s in found if s.passage.year})
    if years and RE_YEARS_NAMED_FIRST.search(query):  # 哪几年的报告提到了疫情 / 哪一年最早: the years named first
        head = f"最早在{years[0]}年；" if RE_SINCE.search(query) or "最早" in query else ""
        text = f"{head}说到它的报告在{'、'.join(str(y) for y in years)}年。" + text
    if len(found) >= WHO_REPORTS:
        text += f"（最多列出{WHO_REPORTS}份报告。）"
    # the counts stated are counts of the quotes below, so traceable to them
    counted = [Derived(value=str(len(agencies)), how="引文所属的单位数"),
               Derived(value=str(len(found)), how="引文所属的报告数"),
               Derived(value=str(WHO_REPORTS), how="列出的报告数上限")]
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in found for c in sentence_citations(s)], derived=counted)


def who_is_silent(qa: QA, plan: Plan, query: str, found: list, said: list[str], year: int | None, r: Reading) -> Answer:
    """哪些单位没有提到政策解读: the agencies none of whose reports (of the year asked) say it, then those that
    do, each with the report that says it cited."""
    reports = [rep for rep in qa.store.reports if rep.agency and (year is None or rep.year == year)]
    saying = sorted({s.passage.agency for s in found if s.passage.agency})
    silent = sorted({rep.agency for rep in reports} - set(saying))
    what = "、".join(said or topic(qa, query)) or "这一点"
    r.summary = "在全部报告中逐份检索，列出没有说到的单位"
    if not silent:
        text = f"每个单位的报告都说到了「{what}」：{'、'.join(saying)}。"
    else:
        text = (f"报告中没有说到「{what}」的有{len(silent)}个单位：{'、'.join(silent)}（已检索其全部报告）。"
                + (f"说到的有：{'、'.join(saying)}。" if saying else ""))
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in found for c in sentence_citations(s)],
                  derived=[Derived(value=str(len(silent)), how="检索过的单位中没有一份报告说到的单位数")])


def who_in_half(qa: QA, plan: Plan, query: str, half: str, year: int | None) -> Answer:
    """哪些单位承认了政策解读做得不好 / 哪些单位在改进措施里提到了政务新媒体: every report whose problems (or
    measures) say it, each quoted with its line; a problem owned must be named within one clause."""
    owns = half == "problems" and bool(RE_OWNS.search(query))
    found = [s for rep in qa.store.reports if year is None or rep.year == year
             if (s := said_in_half(qa, rep.doc, half, query, one_clause=owns))]
    found.sort(key=lambda s: (s.passage.agency or s.passage.doc, s.passage.year or 0))
    phrases, terms = half_topic(qa, query)
    what = "、".join(phrases or outermost(terms))
    where_half = "存在的问题" if half == "problems" else "改进措施"
    r = Reading(operation="prose", years=plan.years, defaults=list(plan.defaults),
                summary=f"在全部报告第五部分的{where_half}中逐份检索")
    if not found:
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"这些报告第五部分的{where_half}中没有说到「{what}」的（已检索全部{searched(qa)}）。")
    agencies = list(dict.fromkeys(s.passage.agency or s.passage.doc for s in found))
    quoted = [f"{where}写道「{said}」" for where, said in (quote_of(s, False) for s in found)]
    text = (f"在第五部分的{where_half}里{'承认' if owns else '说到'}「{what}」的有{len(agencies)}个单位（{len(found)}份报告）："
            f"{'、'.join(agencies)}。" + "；".join(quoted) + "。")
    counted = [Derived(value=str(len(agencies)), how="引文所属的单位数"),
               Derived(value=str(len(found)), how="引文所属的报告数")]
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in found for c in sentence_citations(s)], derived=counted)


def who_only_planned(qa: QA, plan: Plan, query: str, year: int | None) -> Answer:
    """哪些单位只是打算开新闻发布会，没真开: the agencies whose every report saying it says it among part 五's
    measures (a plan), each quoted; those with a report saying it was done are named apart, with that quote."""
    phrases = qa.ctx.prose.topic_phrases(query) or outermost([t for t, _ in qa.ctx.prose.content_terms(query)])
    what = "、".join(phrases) or "这一点"
    found = qa.ctx.prose.mentions(phrases, year=year) if phrases else []
    found.sort(key=lambda s: (s.passage.agency or s.passage.doc, s.passage.year or 0))
    r = Reading(operation="prose", years=plan.years, defaults=list(plan.defaults),
                summary="在全部报告中逐份检索，分开打算做的和已经做的")
    if not found:
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"这些报告中没有找到说到「{what}」的内容（已检索全部{searched(qa)}），无法回答。")
    done = [s for s in found if not qa.ctx.prose.planned(s)]
    did = list(dict.fromkeys(s.passage.agency or s.passage.doc for s in done))
    only = [s for s in found if (s.passage.agency or s.passage.doc) not in did]
    agencies = list(dict.fromkeys(s.passage.agency or s.passage.doc for s in only))
    quoted = lambda ss: "；".join(f"{where}写道「{said}」" for where, said in (quote_of(s, False) for s in ss))  # noqa: E731
    text = (f"只在第五部分的改进措施里打算做「{what}」、没有一份报告写已经做过的有{len(agencies)}个单位："
            f"{'、'.join(agencies)}。{quoted(only)}。" if agencies else
            f"没有只是打算做「{what}」的单位：说到它的单位都有报告写了已经做过。")
    if did:
        text += f"写了已经做过的有：{'、'.join(did)}（{quoted(done)}）。"
    counted = [Derived(value=str(len(agencies)), how="所有说到它的报告都只在改进措施里说到的单位数")]
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in found for c in sentence_citations(s)], derived=counted)
