"""Answers read from the reports' text (qa.prose finds the sentences): one report's or every report's
passage that answers, lists quoted as they run on (一是…二是…), a question of several parts answered part
by part, numbers the text states added up or divided (with their arithmetic, marked as read from the text,
not from a table), and mixed questions (行政处罚最多的单位存在哪些问题: the agency from the facts, then its
report's text).

This module reads the question and hands each kind to its module: op_prose_parts (a report's parts, sections and
gist), op_prose_counts (counts of part 五's items), op_prose_whether (yes or no about the text, done or planned),
op_prose_years (one agency over its years, since when), op_prose_who (which reports say it or never do) and
op_prose_numbers (numbers the text states, added or divided); op_prose_common holds what they share."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, Reading
from qa.cite import passage as passage_citation, sentence as sentence_citations
from qa.lexicon import Measure
from qa.op_rank import answer_rank
from qa.op_prose_common import (LIST_SENTENCES, RE_MENTION, RE_QUANTITY, asks_list, continued_text, has_content,
                                k_sentences, named_words, nothing_asked, number_after, one_report, searched)
from qa.op_prose_counts import RE_HALF_LISTED, RE_MOST_LISTED, RE_WHICH_MOST, halves_listed, most_listed, most_of_items
from qa.op_prose_ranked import asks_ranked_count, text_ranked
from qa.op_prose_numbers import RE_TOTAL_WORDS, count_unstated, share_in_text, text_total
from qa.op_prose_premise import answer_premise
from qa.op_prose_parts import RE_PARTS_PRESENT, asks_gist, gist, names_part, part_rows, parts_present, section_text
from qa.op_prose_whether import done_and_planned, done_or_planned, fee_row, item_row, whether_said
from qa.op_prose_who import who_says
from qa.op_prose_years import RE_EVER, each_year
from qa.ops import freeze, settle_aggregate, thaw
from qa.phrasing import no_report_words, reading
from qa.prose import (RE_JUDGED, RE_PLAN_FOR_YEAR, RE_PLAN_YEAR, RE_WHICH_REPORTS, Asked, asks_charged, asks_duration, asks_how, asks_section, asks_why, coverage_ok,
                      mend_typos, part_named, part_title, sentence_text, states_days, states_number)
from qa.prose_more import tell_more
from qa.understand import RE_SHARE, Plan

if TYPE_CHECKING:
    from qa.engine import QA



def answer_prose(qa: QA, plan: Plan, agency: str | None = None, lead: str = "", continued: bool = False) -> Answer:
    mended, read_as = mend_typos(plan.prose_text or "")
    if not plan.more:  # 政务新媒休: a word no report holds, one character from one they hold beside its neighbour
        mended, near = qa.ctx.prose.mend_unknown(mended)
        read_as += near
    if read_as:  # 存在的问提有哪些: 问题, said in the reading
        plan = plan.model_copy(update={"prose_text": mended, "text": mend_typos(plan.text)[0],
                                       "defaults": list(plan.defaults) + read_as})
    if plan.more and not lead:  # 具体说说: beyond what the answer before quoted
        return tell_more(qa, plan, lambda p: answer_prose(qa, p, agency=agency, continued=continued))
    if not lead and not agency and (checked := answer_premise(qa, plan, lambda p: answer_prose(qa, p, continued=continued))):
        return checked  # 2023年报说2024年要…，2024年做了吗: the plan in the one report, the question in the next
    if not lead and (judged := RE_JUDGED.search(plan.prose_text or plan.text)):
        return _judged(plan, judged.group(0))
    if len(plan.agencies) >= 2 and not agency and not lead and RE_TOTAL_WORDS.search(plan.text):
        summed = text_total(qa, plan)
        if summed:
            return summed
    clauses = [c for c in re.split(r"[？?；;]", plan.prose_text or "") if len(c.strip(" ，,。")) >= 4]
    if len(clauses) == 1:  # 发布了多少条信息，出了多少篇解读: two counts asked in one sentence, each a part
        commas = [c for c in re.split(r"[，,]", clauses[0]) if len(c.strip(" 。")) >= 4]
        if len(commas) >= 2 and all(RE_QUANTITY.search(c) for c in commas):
            clauses = commas
    if len(clauses) >= 2 and not lead:  # 推出了几期？对多少项文件做了解读？ each part answered
        return _prose_clauses(qa, plan, agency, clauses)
    if len(plan.agencies) >= 2 and not agency and not lead:  # 济南和鹤岗各自有什么问题: each agency's own answer
        return _each_agency(qa, plan)
    if plan.part == "五" and not part_named(plan.prose_text or plan.text) and not Asked.names_five(plan.prose_text or plan.text):
        plan = plan.model_copy(update={"part": None})  # 推进了几轮督促整改: a deed of the year, not part 五
    if not plan.part and part_named(plan.prose_text or plan.text):  # 第六部分写了什么
        plan = plan.model_copy(update={"part": part_named(plan.prose_text or plan.text)})
    if not agency and not plan.agencies and not lead and RE_MOST_LISTED.search(plan.prose_text or plan.text):
        most = most_listed(qa, plan)  # 哪家单位的改进措施最多: each report's list counted, ranked
        if most:
            return most
    if not agency and not lead and asks_ranked_count(plan) and (ranked := text_ranked(qa, plan)):
        return ranked  # 哪个单位主动公开政府信息最多: the counts the texts state, ranked
    if not agency and not plan.agencies and not lead and RE_WHICH_REPORTS.search(plan.text):
        return who_says(qa, plan)
    if (len(plan.years) == 2 and plan.years[1] == plan.years[0] + 1 and Asked.of(plan.prose_text or plan.text).half
            and (said := RE_PLAN_YEAR.search(plan.text)) and int(said.group(1)) == plan.years[1]):
        # 2022年报说2023年打算怎么做: the plans for 2023 are in the report of 2022 (its part 五)
        plan = plan.model_copy(update={"years": plan.years[:1], "all_years": False, "defaults": list(plan.defaults) + [
            f"{plan.years[1]}年的打算按{plan.years[0]}年报告里的改进措施理解"]})
    agency = agency or (plan.agencies[0] if plan.agencies else None)
    if (agency and len(plan.years) == 1 and (said := RE_PLAN_FOR_YEAR.search(plan.question))
            and int(said.group(1)) == plan.years[0]
            and any(r.agency == agency and r.year == plan.years[0] - 1 for r in qa.store.reports)):
        # plan to do in 2024: the plans for 2024 are in the report of 2023 (its part 五)
        plan = plan.model_copy(update={"years": [plan.years[0] - 1], "defaults": list(plan.defaults) + [
            f"{plan.years[0]}年的打算按{plan.years[0] - 1}年报告里的改进措施理解"]})
    year = plan.years[0] if len(plan.years) == 1 else None
    defaults = list(plan.defaults)
    have = sorted({r.year for r in qa.store.reports if r.agency == agency and r.year}) if agency else []
    ever = not plan.years and RE_EVER.search(plan.prose_text or plan.text)  # 平潭开过新闻发布会吗: in any year
    if agency and not lead and len(plan.agencies) <= 1 and year is None and (plan.all_years or ever):
        years = [y for y in plan.years if y in have] if len(plan.years) >= 2 else have
        if len(years) >= 2:  # 平潭这几年的问题有没有变化, 每年都说要加强培训吗: each report's own answer
            return each_year(qa, plan, agency, years)
    if agency and year and have and year not in have:  # said as the tables say it, not as "no such text"
        return Answer(question=plan.question, status="not_found", text=lead + no_report_words(agency, [year], have),
                      from_text=True, reading=Reading(operation="prose", agencies=[agency], years=plan.years,
                                                      defaults=defaults, summary=f"在{agency}的报告中检索"))
    if agency and year is None and not plan.all_years:  # like facts: the agency's latest report
        if len(have) > 1:
            year = have[-1]
            defaults.append(f"该单位有多年报告，取最新的{year}年")  # this answer's own (mixed: its agency)
    many = agency is None
    query = plan.prose_text or plan.text
    if agency and RE_PARTS_PRESENT.search(query):  # 缺了哪一部分, 六个部分齐不齐: the parts the report has
        parts = parts_present(qa, plan, agency, year, lead, defaults)
        if parts:
            return parts
    if agency and RE_HALF_LISTED.search(query):
        listed = halves_listed(qa, plan, agency, [year], query, lead, defaults)
        if listed:
            return listed
    if agency and not lead and not continued and asks_gist(qa, query):
        return gist(qa, plan, agency, year, defaults)
    if not agency and not plan.part and not has_content(qa, query):
        return nothing_asked(plan)
    named_part = names_part(plan, query)  # 有没有写其他需要报告的事项, 第六部分写了啥: the part is the scope
    if named_part and agency:
        doc = one_report(qa, agency, year)
        if doc and not qa.retriever.db.execute("select 1 from passages where doc = ? and part = ? limit 1",
                                               [doc, plan.part]).fetchone():
            where = f"{agency}{f'{year}年' if year else ''}的报告"
            return Answer(question=plan.question, status="out_of_scope", from_text=True,
                          text=lead + f"{where}没有「{part_title(plan.part)}」这一部分（已检索{where}各部分）。",
                          reading=Reading(operation="prose", agencies=[agency], years=plan.years, defaults=defaults,
                                          summary=f"在{agency}的报告中找{part_title(plan.part)}"))
    result = qa.ctx.prose.find(query, agency=agency, year=year, part=plan.part, k=3 if many else k_sentences(plan),
                               distinct_agencies=many)
    if plan.part and not result.sentences and agency and part_named(query):
        rows = part_rows(qa, plan.question, agency, year, plan.part, lead)  # 第三部分: a table, no text
        if rows:
            return rows
    if plan.part and not result.sentences:  # the part hint found nothing: the whole report
        result = qa.ctx.prose.find(query, agency=agency, year=year, k=3 if many else k_sentences(plan),
                                   distinct_agencies=many)
    summary = (f"在{agency}的报告中检索" if agency else "在全部报告中检索") + \
              (f"（{part_title(plan.part)}）" if plan.part else "")
    r = Reading(operation="prose" if not lead else "mixed", agencies=[agency] if agency else [],
                years=plan.years, defaults=defaults, summary=summary)
    if agency and RE_SHARE.search(plan.text):  # 媒体公开的占多少: two numbers the text states
        shared = share_in_text(qa, plan, agency, year, query, r)
        if shared:
            return shared
    # a named report's part (鹤岗城管下一步改进措施 → 五) is in scope even when its words differ
    in_part = bool(agency and plan.part and result.sentences and result.sentences[0].passage.part == plan.part)
    if not coverage_ok(result) and not in_part and agency and asks_charged(query):
        row = fee_row(qa, plan.question, agency, year, lead, r)  # 济南城管收过费吗: no sentence says so, the fee row does
        if row:
            return row
    if not coverage_ok(result) and not in_part and agency and plan.item and plan.item_word:
        row = item_row(qa, plan.question, plan.item, plan.item_word, agency, year, lead, r)  # 信访类申请怎么处理的
        if row:
            return row
    if not coverage_ok(result) and not in_part:
        # a number that names a thing (12345, 12319) is said; a year or a count is not what was searched
        missing = "、".join(named_words(qa, query, [t for t in result.missing if not re.search(r"\d", t)
                                                    or re.fullmatch(r"(?!(?:19|20)\d\d$)\d{3,}", t)])[:4]) or "这个问题"
        closest = [passage_citation(s) for s in result.sentences[:3]]
        where = f"{agency}{f'{year}年' if year else ''}的报告"  # the year read (平潭2022年关于培训…: that year's)
        if agency and RE_MENTION.search(query):  # 有没有说到12345热线: the answer is that it does not
            text = lead + f"{where}没有说到「{missing}」（已检索{where}）；下面是最接近的段落，仅供参考。"
        else:
            text = lead + (f"这些报告中没有找到关于「{missing}」的内容" + (f"（已检索{where}）" if agency else
                                                                      f"（已检索全部{searched(qa)}）")
                           + "，无法回答；下面是最接近的段落，仅供参考。")
        return Answer(question=plan.question, text=text, status="out_of_scope", reading=r, citations=closest,
                      from_text=True)
    if agency and not named_part and result.sentences:  # 有没有提到…, 开过…吗: the report must say it whole
        unsaid, lead = whether_said(qa, plan, query, agency, year, result, lead, r)
        if unsaid:
            return unsaid
    if agency and (both := done_and_planned(qa, plan, query, agency, year, lead, r)):
        return both  # 是已经做了还是打算做, and the report says both
    sentences = list(result.sentences)
    if agency and RE_WHICH_MOST.search(plan.text):
        most = most_of_items(sentences, plan.text, lead, r)
        if most:
            return most.model_copy(update={"question": plan.question})
    if RE_QUANTITY.search(plan.text):  # 多少 / 几: a sentence that states a number first
        sentences.sort(key=lambda s: not states_number(s.text))  # in digits or in words (两次)
        if agency and (unstated := count_unstated(qa, query, sentences)):  # 关停了多少个: the sentence gives none
            sentences = [unstated] + [s for s in sentences if s is not unstated]
            lead += "报告没有写明数量；说到这件事的句子是："
        elif agency and sentences and (other := Asked.of(query).other_count(sentences[0].text)):
            lead += f"报告没有写明次数，只写了{other}："  # 培训了几次: 培训50余人次 counts people, not times
    # 怎么办理的: the passage that says how, run on; not the next best ones. 明年打算怎么改进 asks for part 五's
    # measures, a list quoted item by item like any other question for them
    how = asks_how(query) and Asked.of(query).half is None and not asks_why(query)  # why: the reason's sentence
    section = asks_section(query)  # 平台建设那部分写了啥: that section, run on; not three passages
    best = sentences[:LIST_SENTENCES if asks_list(plan) and not how and not section else 1] if agency else sentences
    listing = bool(agency and (continued or asks_list(plan) or how or section))
    quoted: list[list[str]] = []  # [where, what] of each quote
    for s in best:
        p = s.passage
        said = section_text(qa, s) if section else continued_text(s) if listing else sentence_text(s)
        if any(said in q for _, q in quoted):
            continue  # already inside the run quoted before
        for q in quoted:  # a quote that ran on into this one (…改进：（一）落实…) stops where this one starts
            at = q[1].find(said[:20])
            q[1] = q[1][:at].rstrip() if at >= 0 else q[1]
        quoted = [q for q in quoted if q[1]]
        quoted.append([f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）写道：", said])
    parts = [f"{where}「{said}」" for where, said in quoted]
    if best:  # 是已经做了还是计划做: which of the two the quote is
        lead += done_or_planned(qa, query, best[0])
    if asks_duration(query) and not any(states_days(said) for _, said in quoted):
        lead += "报告没有写明需要多少天；"  # 多久能答复: 均在法定期限内答复 says when, not how long
    text = lead + "；".join(parts)
    text += "" if text.endswith(("。」", "！」", "？」")) else "。"
    if agency and len(result.sentences) > 1:
        text += "（另见下列相关段落。）"
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in result.sentences for c in sentence_citations(s)])


def _judged(plan: Plan, said: str) -> Answer:
    """写得最具体, 写得最好: how well a report is written is a reader's judgement, not what any report says; said,
    with what can be asked instead (the items counted, the text itself)."""
    text = (f"「{said}」是对报告写法的评价，报告本身不作这种评价，也没有可据以排名的数字，无法回答。"
            "可以问能数出来或读出来的：如「哪家单位的问题最多」（按各报告列出的条数），或某单位的原文（如「济南城管存在哪些问题」）。")
    return Answer(question=plan.question, status="out_of_scope", text=text, from_text=True,
                  reading=Reading(operation="prose", agencies=list(plan.agencies), years=plan.years,
                                  defaults=list(plan.defaults), summary="对报告写法的评价，不是报告的内容"))


def _each_agency(qa: QA, plan: Plan) -> Answer:
    """Two or more agencies named (济南和鹤岗各自有什么问题, 伊川跟沙河下一步的打算比一比): each one's report
    answered on its own, in the order named, side by side."""
    answers = [answer_prose(qa, plan.model_copy(update={"agencies": [a]}, deep=True), agency=a)
               for a in plan.agencies]
    first = answers[0].model_copy(deep=True)
    first.text = "\n".join(f"{a}：{x.text}" for a, x in zip(plan.agencies, answers))
    first.citations = [c for x in answers for c in x.citations]
    first.status = "answered" if any(x.status == "answered" for x in answers) else first.status
    if first.reading:
        first.reading.agencies = list(plan.agencies)
        first.reading.summary = "在" + "、".join(plan.agencies) + "的报告中分别检索"
    return first


def _prose_clauses(qa: QA, plan: Plan, agency: str | None, clauses: list[str]) -> Answer:
    """A question of several parts (…几期？…多少项？): one retrieval per part, one answer."""
    answers = []
    named = "".join(re.findall(r"[“\"《「][^”\"》」]{2,20}[”\"》」]", plan.prose_text or ""))  # the topic, quoted
    for c in clauses:
        tries = []
        for words in dict.fromkeys([c.strip(" ，,。"), (named + c).strip(" ，,。") if named else ""]):
            if not words:
                continue
            sub = plan.model_copy(update={"prose_text": words, "text": words}, deep=True)
            tries.append(answer_prose(qa, sub, agency, continued=True))
        # the reading whose quote gives a number right after the part's own words (满意率达96.65%)
        terms = [t for t, _ in qa.retriever.keyword.query_terms(c) if len(t) >= 2]
        answers.append(next((a for a in tries if number_after(a.text, terms)), tries[0]))
    first = answers[0]
    first.text = "".join(dict.fromkeys(a.text for a in answers))  # two parts one passage answers: quoted once
    first.citations = [c for a in answers for c in a.citations]
    first.derived = [d for a in answers for d in a.derived]
    first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
    first.question = plan.question
    return first


def answer_mixed(qa: QA, plan: Plan, m: Measure) -> Answer:
    """行政处罚最多的单位存在哪些问题: the agency from the facts, then the text from its report."""
    agg = thaw(plan)
    agg.operation = "min" if plan.order == "asc" else "max"
    agg = freeze(settle_aggregate(qa.ctx, agg))  # the ranking this answer runs first, settled before it runs
    ranked = answer_rank(qa.ctx, agg, agg.measure() or m)
    if ranked.status != "answered" or not ranked.table:
        return ranked
    top = [row for row in ranked.table.rows if row[0] == 1]
    agency = top[0][1] if top else None
    if agency is None:
        return ranked
    lead = ranked.text.split("其次是")[0].rstrip("。") + "。"
    if len(top) > 1:
        lead += f"以下取并列中的{agency}。"
    words = _prose_words(plan)
    prose_plan = plan.model_copy(update={"agencies": [agency], "text": words, "prose_text": words}, deep=True)
    answer = answer_prose(qa, prose_plan, agency=agency, lead=lead)
    answer.citations = ranked.citations + answer.citations  # the ranking's cells too: the table shows them
    answer.derived = ranked.derived
    answer.reading = reading(plan, m, f"先按「{m.label}」取{'最少' if plan.order == 'asc' else '最多'}的单位，"
                                      f"再在其报告中检索", operation="mixed", agencies=[agency])
    answer.table = ranked.table
    answer.chart = ranked.chart
    return answer


def _prose_words(plan: Plan) -> str:
    """The text part of a mixed question: 行政处罚最多的单位存在哪些问题 → 存在哪些问题."""
    from qa.understand import RE_MAX, RE_MIN, RE_TOPN

    text = plan.text
    for w in (plan.item_word, plan.column_word):
        if w:
            text = text.replace(w, " ")
    for rx in (RE_TOPN, RE_MAX, RE_MIN):
        text = rx.sub(" ", text)
    text = re.sub(r"的?(?:单位|机关|部门)|哪个|哪家|是谁", " ", text)
    return text.strip() or plan.text
