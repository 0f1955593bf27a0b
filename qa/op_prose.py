"""Answers read from the reports' text (qa.prose finds the sentences): one report's or every report's
passage that answers, lists quoted as they run on (一是…二是…), a question of several parts answered part
by part, numbers the text states added up or divided (with their arithmetic, marked as read from the text,
not from a table), and mixed questions (行政处罚最多的单位存在哪些问题: the agency from the facts, then its
report's text)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa import arith
from qa.answer import Alternative, Answer, Derived, Reading
from qa.cite import passage as passage_citation, sentence as sentence_citations
from index.keyword import PART_TITLES
from index.passages import row_values
from qa.lexicon import Measure
from qa.op_rank import answer_rank
from qa.ops import freeze, settle_aggregate, thaw
from qa.op_share import text_share
from qa.phrasing import EXAMPLES, no_report_words, reading
from qa.prose import (_JOINS, COVERAGE, ITEM_TITLE, RE_WHICH_REPORTS, Asked, Sentence, _sentences, asks_charged, asks_duration, asks_how,
                      asks_section, coverage_ok, list_items, part_named, part_title, report_key, sentence_text, states_days)
from qa.understand import RE_SHARE, Plan

if TYPE_CHECKING:
    from qa.engine import QA

RE_COUNT_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和|有多少|是多少|多少|条数|件数|数量|个数")
RE_TOTAL_WORDS = re.compile(r"加起来|合计|一共|总共|共计|之和")
RE_QUANTITY = re.compile(r"多少|(?<!哪)几")  # 哪几个方面 asks which, not how many
RE_LISTING = re.compile(r"哪些|什么|哪几|有何|啥")
# how many a half of part 五 lists (改进措施有几条), or whether the report wrote that half at all (有没有写存在的
# 问题, 写得具体吗): every item, counted
_HALF_NAMED = r"(?:存在的?(?:主要)?问题|问题|不足|(?:改进|整改|工作)?措施|改进情况|下一步(?:打算|计划)?)"
RE_HALF_COUNT = re.compile(r"(?<!哪)(?:几|多少)(?:个方面|个|条|项|点|方面|件)|多少\s*[a-z ]{0,30}(?:measures|problems|steps)|"
                           r"多少\s*" + _HALF_NAMED + r"|(?i:and\s*多少)")  # (how many improvement measures → 多少改进措施)
# an auditor's 缺了哪一部分 / 六个部分齐不齐 / 结构完整吗: which of the template's parts the report has
RE_PARTS_PRESENT = re.compile(r"(?:缺|少|漏)(?:了|掉)?(?:哪|什么|啥)(?:一|几)?(?:个)?部分|哪(?:一|几)?(?:个)?部分(?:没有?写|缺)|"
                              r"(?:六个|各个?|几个)部分[^，,。？?]{0,4}(?:齐|全|完整)|(?:结构|格式|部分)[^，,。？?]{0,2}(?:完整|齐全)")
# 哪家单位的改进措施最多: each report's list of part 五 counted, ranked
RE_MOST_LISTED = re.compile(r"(?:改进措施|整改措施|措施|问题|不足)(?:的?条数)?(?:写得|列得)?(?:最多|最少)(?!的?(?:领域|方面|类|种))|"
                            r"(?:最多|最少)(?:的)?(?:改进措施|整改措施|问题|不足)(?:的)?(?:单位|报告)?[？?]?$")
# 问题和措施分别几条: both halves asked, each counted (the words that name them, one replaced by the other's)
RE_ASKS_PROBLEMS_WORD = re.compile(r"问题|不足|短板")
RE_ASKS_MEASURES_WORD = re.compile(r"措施|改进|下一步|整改")
RE_BOTH_HALVES = re.compile(r"(?:存在的?)?(?:问题|不足|短板)[和与跟及、]?(?:改进|整改)?(?:措施|下一步)|"
                            r"(?:改进|整改)?(?:措施|下一步)[和与跟及、]?(?:存在的?)?(?:问题|不足|短板)")
RE_NTH_ITEM = re.compile(r"第\s*([一二三四五六七八九十]|\d+)\s*(?:条|项|点|个)")  # 改进措施第四条是什么
CN_DIGITS = "一二三四五六七八九十"
RE_HALF_LISTED = re.compile(rf"{RE_HALF_COUNT.pattern}|{RE_NTH_ITEM.pattern}|"
                            rf"(?:有没有|是否|有无)(?:写|列|提出)了?{_HALF_NAMED}|{_HALF_NAMED}写没写|"
                            rf"{_HALF_NAMED}[^，,。？?]{{0,4}}具体(?:吗|么|不具体)")
LIST_CHARS = 320  # how far a list question's quote runs on in the passage
PLANNED = "（这是下一步的改进措施，打算做的，不是已做的）"  # a quote from part 五's measures
WHO_REPORTS = 12  # 哪些单位提到了…: at most this many reports quoted, one sentence each
LIST_SENTENCES = 3  # a 哪些 question about one report: its three best sentences (problems come in lists)
PART_ROWS = 12  # a part that is a table, asked for by its number: at most this many rows quoted
SECTION_ITEMS = 4  # a section asked for (那部分写了什么): at most this many passages after the first, each by its first
SECTION_ITEM_CHARS = 80  # sentence, cut at this length
_SECTION_HEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")  # the next section's
# done or only planned (是已经做了还是计划做, 已经开了还是打算开, 是已经做了的吗): the quote's place says which
RE_DONE_OR_PLANNED = re.compile(r"已经[^，,。？?]{0,8}还是[^，,。？?]{0,4}(?:打算|计划|准备|将要|要)|(?:是|都)已经[^，,。？?]{0,10}的?(?:吗|么)|"
                                r"(?i:done or (?:only )?planned|already (?:done|did|held)|or (?:just )?plan)")
# 哪几年的报告提到了疫情: the years named before the quotes
RE_YEARS_NAMED_FIRST = re.compile(r"哪几年|哪些年|哪一?年|(?i:which years?|what years?)")  # (understand.RE_WHICH_YEARS reads a table question)
# whether an agency ever did a thing (开过新闻发布会吗, Has Pingtan ever held…): asked of all its years, not the latest
RE_EVER = re.compile(r"过[^，,。？?\d]{0,10}?(?:吗|么|没有?)[？?]?$|(?i:(?<![a-z])ever(?![a-z])|^(?:did|has|have)(?![a-z]))")
# since when (哪一年开始提到, 从哪年起, 最早哪年): asks each year's report, the first one said
RE_SINCE = re.compile(r"(?:从|自)?(?:哪一?年|什么时候|啥时候|何时)(?:开始|起|首次|第一次|最早)|最早(?:是|在|从)?哪一?年|"
                      r"(?i:since when|(?:in )?which year (?:did|does) [^?]{0,40}?first|first (?:year|mention))")
# whether a report says a thing (有没有提到新闻发布会): its sentence must hold the thing's name whole
RE_CHANGE = re.compile(r"变化|不同|不一样|区别|差别|差异|相比|比较|对比|变了")
# 哪些单位没有提到政策解读, 一个字都没提疫情: the agencies none of whose reports say it
RE_NOT_SAID = re.compile(r"(?:没有?|未|不曾|从没|从来没有?)(?:提|说|讲|写|谈|涉及)|(?i:never mention|(?:do|does|did)(?: not|n't) mention)")
# 有没有承认政策解读不到位: whether the report owns a problem the user names, which it must name too
RE_ADMITS = re.compile(r"(?:有没有|是否|有无|可曾)(?:承认|认账|检讨|自认)|(?:承认|认账)(?:了)?[^，,。？?]*(?:吗|么|没有?)[？?]?$")
# 概括一下平潭2024年的报告, 用三句话说说鹤岗的情况, summarize: the report's gist, nothing else asked
RE_GIST = re.compile(r"概括|概述|总结一下|归纳|简要|简单(?:介绍|说|讲|聊)|[一二两三四五几]句话|大概(?:说|讲|介绍)|"
                     r"(?:说说|讲讲|介绍一?下|聊聊)[^，,。？?]{0,12}?(?:情况|报告|年报)|(?i:summari[sz]e|summary|overview|gist)")
_GIST_WORDS = re.compile(r"概括|概述|总结|归纳|简要|简单|[一二两三四五几]句话|大概|说说|讲讲|介绍|一下|聊聊|用|"
                         r"(?i:summari[sz]e|summary|overview|gist)")
# what a gist is made of, asked of the report in turn: what it published, what it was asked, what it owns to
GIST_ASKS = ("主动公开了多少条政府信息", "依申请公开情况", "存在哪些问题")
# 建议提案哪方面的最多: the sentence lists its fields with a count each (垃圾分类方面的22件…市容治理方面的29件)
RE_WHICH_MOST = re.compile(r"哪(?:个|些|一|类|种)?(?:方面|领域|类|种|块)[^，,。？?]{0,6}?(最多|最少|多|少)")
RE_ITEM_COUNT = re.compile(r"([\u4e00-\u9fff、]{2,12}?)(?:方面|领域|类)(?:的)?\s*(\d+)\s*(件|条|个|项|次|篇)")
# 有没有开新闻发布会, 开过新闻发布会吗: whether the report did a thing it would name
RE_WHETHER = re.compile(r"有没有|是否|有无|可曾|(?:了|过)[^，,。？?\d]{0,10}?(?:吗|么|没有?)[？?]?$|"
                        r"(?i:^(?:did|does|do|has|have|had)(?![a-z]))")  # Did Jinan hold press conferences?
RE_MENTION = re.compile(r"提到|提及|说到|讲到|写到|谈到|涉及|说过|写过")
_NUMBER = re.compile(r"\d")
FUNCTION_WORDS = frozenset({"但是", "可是", "因为", "所以", "如果", "这个", "那个", "什么", "怎么", "为什么", "我们", "你们",
                            "他们", "一个", "没有", "可以", "还是", "或者", "而且", "以及", "然后", "就是", "还有"})


def _text_total(qa: QA, plan: Plan) -> Answer | None:
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
            text = _continued(sent)
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

def answer_prose(qa: QA, plan: Plan, agency: str | None = None, lead: str = "", continued: bool = False) -> Answer:
    if len(plan.agencies) >= 2 and not agency and not lead and RE_TOTAL_WORDS.search(plan.text):
        summed = _text_total(qa, plan)
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
    if not plan.part and part_named(plan.prose_text or plan.text):  # 第六部分写了什么
        plan = plan.model_copy(update={"part": part_named(plan.prose_text or plan.text)})
    if not agency and not plan.agencies and not lead and RE_MOST_LISTED.search(plan.prose_text or plan.text):
        most = _most_listed(qa, plan)  # 哪家单位的改进措施最多: each report's list counted, ranked
        if most:
            return most
    if not agency and not plan.agencies and not lead and RE_WHICH_REPORTS.search(plan.text):
        return _who_says(qa, plan)
    agency = agency or (plan.agencies[0] if plan.agencies else None)
    year = plan.years[0] if len(plan.years) == 1 else None
    defaults = list(plan.defaults)
    have = sorted({r.year for r in qa.store.reports if r.agency == agency and r.year}) if agency else []
    ever = not plan.years and RE_EVER.search(plan.prose_text or plan.text)  # 平潭开过新闻发布会吗: in any year
    if agency and not lead and len(plan.agencies) <= 1 and year is None and (plan.all_years or ever):
        years = [y for y in plan.years if y in have] if len(plan.years) >= 2 else have
        if len(years) >= 2:  # 平潭这几年的问题有没有变化, 每年都说要加强培训吗: each report's own answer
            return _each_year(qa, plan, agency, years)
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
        parts = _parts_present(qa, plan, agency, year, lead, defaults)
        if parts:
            return parts
    if agency and RE_HALF_LISTED.search(query):
        listed = _halves_listed(qa, plan, agency, [year], query, lead, defaults)
        if listed:
            return listed
    if agency and not lead and not continued and _asks_gist(qa, query):
        return _gist(qa, plan, agency, year, defaults)
    if not agency and not plan.part and not _has_content(qa, query):
        return _nothing_asked(plan)
    named_part = _names_part(plan, query)  # 有没有写其他需要报告的事项, 第六部分写了啥: the part is the scope
    if named_part and agency:
        doc = _one_report(qa, agency, year)
        if doc and not qa.retriever.db.execute("select 1 from passages where doc = ? and part = ? limit 1",
                                               [doc, plan.part]).fetchone():
            where = f"{agency}{f'{year}年' if year else ''}的报告"
            return Answer(question=plan.question, status="out_of_scope", from_text=True,
                          text=lead + f"{where}没有「{part_title(plan.part)}」这一部分（已检索{where}各部分）。",
                          reading=Reading(operation="prose", agencies=[agency], years=plan.years, defaults=defaults,
                                          summary=f"在{agency}的报告中找{part_title(plan.part)}"))
    result = qa.ctx.prose.find(query, agency=agency, year=year, part=plan.part, k=3 if many else _k(plan),
                               distinct_agencies=many)
    if plan.part and not result.sentences and agency and part_named(query):
        rows = _part_rows(qa, plan.question, agency, year, plan.part, lead)  # 第三部分: a table, no text
        if rows:
            return rows
    if plan.part and not result.sentences:  # the part hint found nothing: the whole report
        result = qa.ctx.prose.find(query, agency=agency, year=year, k=3 if many else _k(plan),
                                   distinct_agencies=many)
    summary = (f"在{agency}的报告中检索" if agency else "在全部报告中检索") + \
              (f"（{part_title(plan.part)}）" if plan.part else "")
    r = Reading(operation="prose" if not lead else "mixed", agencies=[agency] if agency else [],
                years=plan.years, defaults=defaults, summary=summary)
    if agency and RE_SHARE.search(plan.text):  # 媒体公开的占多少: two numbers the text states
        shared = _text_share(qa, plan, agency, year, query, r)
        if shared:
            return shared
    # a named report's part (鹤岗城管下一步改进措施 → 五) is in scope even when its words differ
    in_part = bool(agency and plan.part and result.sentences and result.sentences[0].passage.part == plan.part)
    if not coverage_ok(result) and not in_part and agency and asks_charged(query):
        row = _fee_row(qa, plan.question, agency, year, lead, r)  # 济南城管收过费吗: no sentence says so, the fee row does
        if row:
            return row
    if not coverage_ok(result) and not in_part:
        missing = "、".join(_named(qa, query, [t for t in result.missing if not re.search(r"\d", t)])[:4]) or "这个问题"
        closest = [passage_citation(s) for s in result.sentences[:3]]
        text = lead + (f"这些报告中没有找到关于「{missing}」的内容" + (f"（已检索{agency}的报告）" if agency else
                                                                  f"（已检索全部{_searched(qa)}）")
                       + "，无法回答；下面是最接近的段落，仅供参考。")
        return Answer(question=plan.question, text=text, status="out_of_scope", reading=r, citations=closest,
                      from_text=True)
    whether = agency and not (RE_MENTION.search(query) or RE_ADMITS.search(query)) and RE_WHETHER.search(query)
    if agency and (RE_MENTION.search(query) or RE_ADMITS.search(query) or whether) and result.sentences and not named_part:
        # 沙河城管有没有提到新闻发布会: a sentence that says 新闻媒体 does not say 新闻发布会 (each of its words whole)
        phrases = qa.ctx.prose.topic_phrases(query)
        if whether:  # 有没有开新闻发布会: only a name the reports use (not the user's own 对外公开发布, nor 政务公开)
            phrases = [ph for ph in phrases if len(ph) >= 4 and not _made_of_generic(ph)
                       and qa.retriever.passages_saying([ph], reports=1)]
        saying = [s for s in result.sentences if _says(s, phrases)]
        if not saying and phrases:  # said below the search's candidates: read off the report's passages
            saying = qa.ctx.prose.mentions(phrases, year=year, reports=1, agency=agency)
        if not saying:
            where = f"{agency}{f'{year}年' if year else ''}的报告"
            text = lead + f"{where}没有说到「{'、'.join(phrases)}」（已检索{where}）；下面是最接近的段落，仅供参考。"
            return Answer(question=plan.question, text=text, status="out_of_scope", reading=r, from_text=True,
                          citations=[passage_citation(s) for s in result.sentences[:3]])
        result.sentences = saying
        named = phrases or _topic(qa, query)
        holding = [s for s in saying if _says(s, named)] or saying[:1]  # the sentences saying the thing itself
        if whether and all(qa.ctx.prose.planned(s) for s in holding):  # 开过新闻发布会吗: a measure is a plan
            lead += (f"{agency}{f'{year}年' if year else ''}的报告只在下一步的改进措施里说到「{'、'.join(named)}」，"
                     "是打算做的，没有说已经做过：")
    sentences = list(result.sentences)
    if agency and RE_WHICH_MOST.search(plan.text):
        most = _most_of_items(sentences, plan.text, lead, r)
        if most:
            return most.model_copy(update={"question": plan.question})
    if RE_QUANTITY.search(plan.text):  # 多少 / 几: a sentence that states a number first
        sentences.sort(key=lambda s: not _NUMBER.search(re.sub(r"(?:19|20)\d\d\s*年", "", s.text)))
    # 怎么办理的: the passage that says how, run on; not the next best ones. 明年打算怎么改进 asks for part 五's
    # measures, a list quoted item by item like any other question for them
    how = asks_how(query) and Asked.of(query).half is None
    section = asks_section(query)  # 平台建设那部分写了啥: that section, run on; not three passages
    best = sentences[:LIST_SENTENCES if _lists(plan) and not how and not section else 1] if agency else sentences
    listing = bool(agency and (continued or _lists(plan) or how or section))
    quoted: list[list[str]] = []  # [where, what] of each quote
    for s in best:
        p = s.passage
        said = _section_text(qa, s) if section else _continued(s) if listing else sentence_text(s)
        if any(said in q for _, q in quoted):
            continue  # already inside the run quoted before
        for q in quoted:  # a quote that ran on into this one (…改进：（一）落实…) stops where this one starts
            at = q[1].find(said[:20])
            q[1] = q[1][:at].rstrip() if at >= 0 else q[1]
        quoted = [q for q in quoted if q[1]]
        quoted.append([f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）写道：", said])
    parts = [f"{where}「{said}」" for where, said in quoted]
    if best and RE_DONE_OR_PLANNED.search(query):  # 是已经做了还是计划做: which of the two the quote is
        lead += ("这是报告第五部分的改进措施，是下一步打算做的，不是已经做的：" if qa.ctx.prose.planned(best[0]) else
                 f"报告把它写在「{part_title(best[0].passage.part)}」里，是已经做的：")
    if asks_duration(query) and not any(states_days(said) for _, said in quoted):
        lead += "报告没有写明需要多少天；"  # 多久能答复: 均在法定期限内答复 says when, not how long
    text = lead + "；".join(parts)
    text += "" if text.endswith(("。」", "！」", "？」")) else "。"
    if agency and len(result.sentences) > 1:
        text += "（另见下列相关段落。）"
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in result.sentences for c in sentence_citations(s)])


def _one_report(qa: QA, agency: str, year: int | None) -> str | None:
    """The one report of the agency (of the year, when given), or None when there are none or several."""
    docs = [rep.doc for rep in qa.store.reports if rep.agency == agency and (year is None or rep.year == year)]
    return docs[0] if len(docs) == 1 else None


def _most_listed(qa: QA, plan: Plan) -> Answer | None:
    """哪家单位的改进措施最多 / 谁的问题最少: every report's half of part 五 counted as it numbers its items, ranked;
    the reports whose list is not numbered or parted are named as not counted."""
    query = plan.prose_text or plan.text
    half = Asked.of(query).half
    if not half:
        return None
    what = "改进措施" if half == "measures" else "存在的问题"
    counted, uncounted = [], []
    for rep in qa.store.reports:
        if plan.years and rep.year not in plan.years:
            continue
        items, _ = list_items(qa.ctx.prose.half_of_five(rep.doc, half)[1])
        (counted.append((len(items), rep)) if items else uncounted.append(rep))
    if not counted:
        return None
    fewest = "最少" in RE_MOST_LISTED.search(query).group(0)
    counted.sort(key=lambda x: (x[0] if fewest else -x[0], x[1].agency or "", x[1].year or 0))
    top = counted[0][0]
    name = lambda rep: f"{rep.agency}{rep.year or ''}年"  # noqa: E731
    text = (f"按各报告第五部分所列{what}的条数（按报告自己的编号或分隔数），{'最少' if fewest else '最多'}的是"
            + "、".join(name(rep) for n, rep in counted if n == top) + f"（{top}条）。各报告："
            + "；".join(f"{name(rep)}{n}条" for n, rep in counted) + "。")
    if uncounted:
        text += "未逐条列出、数不出条数的：" + "、".join(name(rep) for rep in uncounted) + "。"
    return Answer(question=plan.question, text=text, status="answered", from_text=True,
                  derived=[Derived(value=str(n), how=f"{name(rep)}报告第五部分所列{what}的条数") for n, rep in counted],
                  reading=Reading(operation="prose", years=plan.years, defaults=list(plan.defaults),
                                  summary=f"数每份报告第五部分所列的{what}"))


def _parts_present(qa: QA, plan: Plan, agency: str, year: int | None, lead: str, defaults: list[str]) -> Answer | None:
    """An auditor's 缺了哪一部分: the template's parts (一 … 六) the report has passages in, and those it lacks."""
    doc = _one_report(qa, agency, year)
    if not doc:
        return None
    rows = qa.retriever.db.execute("select part, min(line_start) from passages where doc = ? and part is not null "
                                   "group by part", [doc]).fetchall()
    have = {part: line for part, line in rows}
    missing = [p for p in PART_TITLES if p not in have]
    where = f"{agency}{f'{year}年' if year else ''}的报告"
    text = lead + f"{where}有{len(have)}个部分：" + "、".join(
        f"「{part_title(p)}」（第{have[p]}行起）" for p in PART_TITLES if p in have) + "。"
    text += (f"没有「{'」「'.join(part_title(p) for p in missing)}」。" if missing else "年报格式的六个部分都在。")
    return Answer(question=plan.question, text=text, status="answered", from_text=True,
                  derived=[Derived(value=str(len(have)), how="报告中有正文或表格的部分数")],
                  reading=Reading(operation="prose", agencies=[agency], years=[year] if year else [],
                                  defaults=defaults, summary=f"查{agency}报告有哪些部分"))


def _names_part(plan: Plan, query: str) -> bool:
    """The question names the part it asks about: by its number (第六部分) or by its title (其他需要报告的事项)."""
    title = PART_TITLES.get(plan.part or "", "")
    return bool(plan.part and (part_named(query) or (len(title) >= 6 and title[:6] in query)))


def _halves_listed(qa: QA, plan: Plan, agency: str, years: list[int | None], query: str, lead: str,
                   defaults: list[str]) -> Answer | None:
    """_half_listed for each year asked and, when both halves are asked (问题和措施分别几条), for each half:
    the answers joined, in order; None when no report lists one."""
    both = Asked.of(query).half is None and RE_ASKS_PROBLEMS_WORD.search(query) and RE_ASKS_MEASURES_WORD.search(query)
    asks = [RE_BOTH_HALVES.sub(" 存在的问题 ", query), RE_BOTH_HALVES.sub(" 改进措施 ", query)] if both else [query]
    found = [a for y in years for q in asks
             if (a := _half_listed(qa, plan, agency, y, q, f"{y}年：" if len(years) > 1 else "", defaults))]
    if not found:
        return None
    if len(found) == 1:
        return found[0].model_copy(update={"text": lead + found[0].text})
    return found[0].model_copy(update={
        "text": lead + "".join(a.text for a in found), "citations": [c for a in found for c in a.citations],
        "reading": found[0].reading.model_copy(update={"years": sorted({y for a in found for y in a.reading.years})})})


def _half_listed(qa: QA, plan: Plan, agency: str, year: int | None, query: str, lead: str,
                 defaults: list[str]) -> Answer | None:
    """改进措施有几条, 有没有写存在的问题: the half of part 五 asked for, every item named and counted as the
    report numbers them (or as its ；parts them); None when the report's part 五 has no such list."""
    half = Asked.of(query).half
    doc = _one_report(qa, agency, year)
    if not half or not doc:
        return None
    passages, said = qa.ctx.prose.half_of_five(doc, half)
    nth = RE_NTH_ITEM.search(query)
    items, how = list_items(said, whole=bool(nth))
    what = "改进措施" if half == "measures" else "存在的问题"
    if passages and not items and RE_HALF_COUNT.search(query):  # 沙河城管说了几个问题: not numbered, not counted
        lead += f"报告没有把{what}逐条编号或分开列出，数不出条数；原文是："
    if not passages or not items:
        one_year = {"years": [year], "all_years": False} if year else {}  # the year asked, not every year
        return None if not lead else answer_prose(qa, plan.model_copy(update={"prose_text": RE_HALF_COUNT.sub(
            " ", query), **one_year}), agency, lead=lead, continued=True)
    p, end = passages[0], passages[-1].line_end
    lines = f"第{p.line_start}行" if end == p.line_start else f"第{p.line_start}–{end}行"
    where = f"{agency}{p.year or ''}年报告（{part_title('五')}，{lines}）"
    n = int(nth.group(1)) if nth and nth.group(1).isdigit() else CN_DIGITS.find(nth.group(1)) + 1 if nth else 0
    if nth and not 1 <= n <= len(items):
        text = lead + f"{where}列出的{what}只有{len(items)}条（{how}），没有第{nth.group(1)}条。"
    elif nth:
        item = re.sub(r"\s*\n\s*", "", items[n - 1]).rstrip()  # the item whole, its lines joined
        text = lead + f"{where}列出的{what}共{len(items)}条（{how}），第{nth.group(1)}条是：「{item}」"
    else:
        text = lead + f"{where}写了{what}，共{len(items)}条（{how}）：" + "；".join(f"「{x}」" for x in items) + "。"
    cites = [c for q in passages for c in sentence_citations(Sentence(q, q.text, 0.0, q.line_start))]
    return Answer(question=plan.question, text=text, status="answered", from_text=True, citations=cites,
                  reading=Reading(operation="prose", agencies=[agency], years=[p.year] if p.year else [],
                                  defaults=defaults, summary=f"数{agency}报告{part_title('五')}所列的{what}"))


def _quote(s, listing: bool) -> tuple[str, str]:
    """Where a sentence is (the report, its part, its line) and what it says, run on over its list when asked."""
    p = s.passage
    return (f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）",
            _continued(s) if listing else sentence_text(s))


def _answers(qa: QA, query: str, part: str | None, share: float = COVERAGE, **where) -> list:
    """The sentences of the reports `where` names that say `share` of what the query is about (the part hint
    first)."""
    found = qa.ctx.prose.find(query, part=part, **where)
    if part and not found.sentences:
        found = qa.ctx.prose.find(query, **where)
    in_part = bool(part and found.sentences and found.sentences[0].passage.part == part)
    if not (coverage_ok(found) or in_part):
        return []
    return [s for s in found.sentences if qa.ctx.prose.names_topic(s.text + s.next_text, query, share)]


def _each_year(qa: QA, plan: Plan, agency: str, years: list[int]) -> Answer:
    """One agency over several years (这几年的问题有没有变化, 每年都说要加强培训吗, 2021年和2022年有什么不同):
    each year's report answered on its own, in order, and the years whose report does not say it named."""
    query = plan.prose_text or plan.text
    if RE_HALF_COUNT.search(query):  # 平潭每年的改进措施都是几条: each year's list counted
        listed = _halves_listed(qa, plan, agency, years, query, "", list(plan.defaults))
        if listed:
            return listed
    since = RE_SINCE.search(query)  # 哪一年开始提到智能问答: the years that say it, the first named
    query = RE_SINCE.sub(" 提到 ", query) if since else query
    listing = _lists(plan)
    # 政策解读跟2023年比有什么变化: what each year did (part 一), unless the problems or plans are what is compared
    part = plan.part or ("一" if RE_CHANGE.search(query) and Asked.of(query).half is None else None)
    # 哪几年提到了智能问答: a year's report says it only in a sentence holding it whole (not 政策问答手册)
    phrases = qa.ctx.prose.topic_phrases(query) if RE_MENTION.search(query) or RE_EVER.search(query) else []
    what = "、".join(phrases or _topic(qa, query))
    what = f"「{what}」" if what else "这一点"  # the silent years are silent about something: said by name
    quoted, silent, citations = [], [], []
    for y in years:
        found = [s for s in _answers(qa, query, part, agency=agency, year=y, k=1) if _says(s, phrases)]
        if not found and phrases:  # said below the search's candidates: read off the report's passages
            found = qa.ctx.prose.mentions(phrases, year=y, part=part, reports=1, agency=agency)
        if not found:
            silent.append(y)
            continue
        where, said = _quote(found[0], listing)
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


def _most_of_items(sentences: list, question: str, lead: str, r: Reading) -> Answer | None:
    """The field with the most (or fewest) of those one sentence lists with a count each, read off the
    sentence and said as read: the field, its count, the sentence quoted."""
    fewest = RE_WHICH_MOST.search(question).group(1).endswith("少")
    for s in sentences[:3]:
        where, said = _quote(s, True)  # run on: the fields follow the sentence that matched
        text = _squash(said)
        items = [(m.group(1).lstrip("的从在看及和、，,"), int(m.group(2)), m.group(3)) for m in RE_ITEM_COUNT.finditer(text)]
        if len(items) < 2:
            continue
        value = (min if fewest else max)(c for _, c, _ in items)
        picks = [n for n, c, _ in items if c == value]  # a tie is said as one
        listed = "；".join(f"{n}{c}{u}" for n, c, u in items)
        text = (lead + f"{'、'.join(picks)}方面{'最少' if fewest else '最多'}，{'各' if len(picks) > 1 else ''}"
                f"{value}{items[0][2]}（正文所列各方面：{listed}）。"
                f"{where}写道「{said}」")
        r.summary += "，比较正文所列各方面的数量"
        return Answer(question="", text=text, status="answered", reading=r, from_text=True,
                      derived=[Derived(value=str(value), how=f"正文所列各方面中{'最小' if fewest else '最大'}的数量：{listed}")],
                      citations=sentence_citations(s))
    return None


def _asks_gist(qa: QA, query: str) -> bool:
    """A summary asked, of nothing narrower: no content word beside the summary's own words."""
    return bool(RE_GIST.search(query)) and not qa.ctx.prose.content_terms(_GIST_WORDS.sub(" ", query))


def _gist(qa: QA, plan: Plan, agency: str, year: int | None, defaults: list[str]) -> Answer:
    """概括一下平潭2024年的报告: the report's own sentences on what it published, the applications it had and
    the problems it owns to (GIST_ASKS), each answered as if asked, quoted with its line; none made up."""
    said, citations = [], []
    for ask in GIST_ASKS:
        sub = plan.model_copy(update={"text": ask, "prose_text": ask, "part": None, "agencies": [agency],
                                      "years": [year] if year else [], "all_years": False}, deep=True)
        a = answer_prose(qa, sub, agency=agency)
        quote = a.text.replace("（另见下列相关段落。）", "")
        if a.status == "answered" and not any(quote.split("写道")[-1] in x for x in said):  # a sentence once
            said.append(quote)
            citations += a.citations
    r = Reading(operation="prose", agencies=[agency], years=[year] if year else [], defaults=defaults,
                summary=f"概括{agency}{f'{year}年' if year else ''}的报告：主动公开、依申请公开、存在的问题")
    if not said:
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"{agency}的报告中没有找到可以概括的正文（已检索{agency}的报告）。")
    text = f"{agency}{f'{year}年' if year else ''}报告的要点（原文摘录）：" + "\n".join(said)
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=citations)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _made_of_generic(phrase: str) -> bool:
    """政务公开, 政府信息公开: the words every report is about, no thing of its own."""
    return not re.sub("|".join(sorted(_JOINS, key=len, reverse=True)), "", phrase)


def _says(s, phrases: list[str]) -> bool:
    """The sentence (with its continuation) holds each phrase whole, spaces aside."""
    return all(ph in _squash(s.text + s.next_text) for ph in phrases)


def _topic(qa: QA, query: str) -> list[str]:
    """What the question asks about, as it names it: its phrases (新闻发布会), or else its content words less
    those inside a longer one (意见箱, not 意见 and 意见箱)."""
    terms = [w for t, _ in qa.ctx.prose.content_terms(query) for w in t.split("|")[:1]]
    return qa.ctx.prose.topic_phrases(query) or [t for t in terms if not any(t != u and t in u for u in terms)]


def _named(qa: QA, query: str, missing: list[str]) -> list[str]:
    """The words found missing, each said as the question runs it into a name (媒体 → 政务新媒体)."""
    phrases = qa.ctx.prose.topic_phrases(query)
    return list(dict.fromkeys(next((ph for ph in phrases if t in ph), t) for t in missing))


def _who_says(qa: QA, plan: Plan) -> Answer:
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
                      text=f"这些报告中没有找到说到这一点的内容（已检索全部{_searched(qa)}），无法回答。")
    k = reports if negated else min(max(reports, 3), WHO_REPORTS)  # none left out: silence is read off all of them
    found = _answers(qa, query, plan.part, 1.0, year=year, k=k, distinct_reports=True)
    phrases = qa.ctx.prose.topic_phrases(query)
    said = [ph for ph in phrases if any(_says(s, [ph]) for s in found)]
    found = [s for s in found if _says(s, said)]
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
        return _who_is_silent(qa, plan, query, found, said, year, r)
    if not found:
        what = "、".join(_topic(qa, query))
        return Answer(question=plan.question, status="out_of_scope", reading=r, from_text=True,
                      text=f"这些报告中没有找到说到{f'「{what}」' if what else '这一点'}的内容（已检索全部{_searched(qa)}），无法回答。")
    found.sort(key=lambda s: (s.passage.agency or s.passage.doc, s.passage.year or 0))
    agencies = list(dict.fromkeys(s.passage.agency or s.passage.doc for s in found))
    quoted = [f"{where}写道「{said}」" + (PLANNED if qa.ctx.prose.planned(s) else "")
              for s, (where, said) in ((s, _quote(s, False)) for s in found)]
    text = (f"说到这一点的有{len(agencies)}个单位（{len(found)}份报告）：{'、'.join(agencies)}。" + "；".join(quoted) + "。")
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


def _who_is_silent(qa: QA, plan: Plan, query: str, found: list, said: list[str], year: int | None, r: Reading) -> Answer:
    """哪些单位没有提到政策解读: the agencies none of whose reports (of the year asked) say it, then those that
    do, each with the report that says it cited."""
    reports = [rep for rep in qa.store.reports if rep.agency and (year is None or rep.year == year)]
    saying = sorted({s.passage.agency for s in found if s.passage.agency})
    silent = sorted({rep.agency for rep in reports} - set(saying))
    what = "、".join(said or _topic(qa, query)) or "这一点"
    r.summary = "在全部报告中逐份检索，列出没有说到的单位"
    if not silent:
        text = f"每个单位的报告都说到了「{what}」：{'、'.join(saying)}。"
    else:
        text = (f"报告中没有说到「{what}」的有{len(silent)}个单位：{'、'.join(silent)}（已检索其全部报告）。"
                + (f"说到的有：{'、'.join(saying)}。" if saying else ""))
    return Answer(question=plan.question, text=text, status="answered", reading=r, from_text=True,
                  citations=[c for s in found for c in sentence_citations(s)],
                  derived=[Derived(value=str(len(silent)), how="检索过的单位中没有一份报告说到的单位数")])


def _part_rows(qa: QA, question: str, agency: str, year: int | None, part: str, lead: str) -> Answer | None:
    """A part the question names by its number that holds a table and no text (第三部分说了什么): its rows,
    in the table's order; rows of zeros are counted, not listed, when the table is long."""
    doc = _one_report(qa, agency, year)
    if not doc:
        return None
    found = qa.retriever.db.execute("select pidx from passages where doc = ? and part = ? and kind = 'row' "
                                    "order by pidx", [doc, part]).fetchall()
    passages = qa.retriever.passages([i for (i,) in found])
    rows = [passages[i] for (i,) in found if i in passages]
    if not rows:
        return None
    said = [p for p in rows if len(rows) <= PART_ROWS or re.search(r"[1-9]", row_values(p.text))
            or "总计" in p.text.partition(" · ")[2].partition("：")[0]][:PART_ROWS]
    zeros = len(rows) - len(said)
    first = rows[0]
    text = (lead + f"{agency}{first.year or ''}年报告的{part_title(part)}是表格，没有正文。表中"
            + "；".join(f"「{p.text.split(' ', 1)[-1]}」（第{p.line_start}行）" for p in said) + "。"
            + (f"其余{zeros}行的数字均为0或空。" if zeros else ""))
    cites = [c for p in said for c in sentence_citations(Sentence(p, p.text, 0.0, p.line_start))]
    return Answer(question=question, text=text, status="answered", from_text=False, citations=cites,
                  reading=Reading(operation="prose", agencies=[agency], years=[first.year] if first.year else [],
                                  summary=f"读{agency}报告的{part_title(part)}"))


def _searched(qa: QA) -> str:
    """Which reports a search over all of them read: how many, from which agencies."""
    agencies = sorted({r.agency for r in qa.store.reports if r.agency})
    return f"报告：{'、'.join(agencies)}"  # named, not counted: an answer states no number it cannot cite


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


def _fee_row(qa: QA, question: str, agency: str, year: int | None, lead: str, r: Reading) -> Answer | None:
    """Whether a report's agency charged fees, when no sentence of its text says so: the table's fee row
    (行政事业性收费), quoted as the row states it."""
    hits = qa.retriever.search("行政事业性收费", k=3, agency=agency, year=year, kind="row").hits
    hit = next((h for h in hits if "收费" in h.passage.text), None)
    if hit is None:
        return None
    p = hit.passage
    row = Sentence(p, p.text, hit.score, p.line_start)
    text = (lead + f"{agency}{p.year or ''}年报告的正文没有说到收费（如信息处理费）；表格（{part_title(p.part)}，"
            f"第{p.line_start}行）的收费一行为「{p.text.split(' ', 1)[-1]}」。")
    return Answer(question=question, text=text, status="answered", reading=r, from_text=False,
                  citations=sentence_citations(row))


def _k(plan: Plan) -> int:
    """Sentences to retrieve from one report: more for lists and numbers, which the best one may lack."""
    return LIST_SENTENCES + 1 if _lists(plan) or RE_QUANTITY.search(plan.text) else 2


def _lists(plan: Plan) -> bool:
    """哪些 …, and a question for the problems, the measures or the work done (整改怎么搞, 亮点做法): each is
    a list in the reports (一是…二是…), quoted as it runs on."""
    return bool(RE_LISTING.search(plan.text)) or Asked.of(plan.prose_text or plan.text).kind is not None

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
        answers.append(next((a for a in tries if _number_after(a.text, terms)), tries[0]))
    first = answers[0]
    first.text = "".join(dict.fromkeys(a.text for a in answers))  # two parts one passage answers: quoted once
    first.citations = [c for a in answers for c in a.citations]
    first.derived = [d for a in answers for d in a.derived]
    first.status = "answered" if any(a.status == "answered" for a in answers) else first.status
    first.question = plan.question
    return first

def _text_share(qa: QA, plan: Plan, agency: str, year: int | None, query: str, r: Reading) -> Answer | None:
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

def _has_content(qa: QA, query: str) -> bool:
    """A question with at least one word of two characters or more (not only 但, 使, 得 …): random strings
    and lone function words get "not found", never an unrelated passage."""
    return any(len(t) >= 2 and t not in FUNCTION_WORDS for t, _ in qa.retriever.keyword.query_terms(query))

def _nothing_asked(plan: Plan) -> Answer:
    return Answer(question=plan.question, status="not_found",
                  text="没有找到与这个问题相关的内容：问题中没有能在报告里检索的词。可以这样问：" + "；".join(EXAMPLES) + "。",
                  alternatives=[Alternative(label=q, question=q) for q in EXAMPLES],
                  reading=Reading(operation="prose", summary="问题中没有可检索的词"))

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


def _number_after(text: str, terms: list[str]) -> bool:
    return any(re.search(re.escape(t) + r"[^。；，,]{0,12}?\d", text) for t in terms)


def _continued(s) -> str:
    """A sentence and what follows it in its passage, to a sentence end within LIST_CHARS: lists in reports run
    over several sentences (一是…；二是…；三是…)."""
    text = s.scope or s.passage.text  # in part 五 the half asked for: the problems do not run on into the measures
    at = next((i for i in (text.find(s.text[:n]) for n in (20, 8)) if i >= 0), -1) if s.text else -1  # 8: a lead-in joined over a line break
    if at < 0:
        return sentence_text(s)
    body = re.sub(r"^[一二三四五六七八九十]+、[^\n]{0,30}\n", "", text)  # without the part's heading line
    if len(body) <= LIST_CHARS:
        run = body  # a short passage: all of it (the list may come before the sentence that matched)
    else:
        run = text[at:at + LIST_CHARS]
        end = max(run.rfind("。"), run.rfind("；"))
        run = run[:end + 1] if end > len(s.text) // 2 else run
    run = re.sub(r"(?<=[\u4e00-\u9fff，、；])\s+(?=[\u4e00-\u9fff])", "", run)  # lines broken inside a sentence
    return re.sub(r"\s+", " ", run).strip() if len(run) > len(sentence_text(s)) else sentence_text(s)


def _section_text(qa: QA, s) -> str:
    """A section of the account asked for (社会评价和监督那块写了什么): the sentence run on, then the first
    sentence of each item the section goes on with in the passages after it (二是…, 三是…), up to the next
    heading of its level (（七）, 二、)."""
    said, p = _continued(s), s.passage
    rows = qa.retriever.db.execute(
        "select pidx from passages where doc = ? and kind = 'prose' and part is not distinct from ? and line_start > ? "
        "order by line_start limit ?", [p.doc, p.part, p.line_end, SECTION_ITEMS]).fetchall()
    after = qa.retriever.passages([i for (i,) in rows])
    heads = []
    for (i,) in rows:
        q = after.get(i)
        if q is None or _SECTION_HEAD.match(q.text):
            break
        parts = _sentences(q.text)
        first = "".join(parts[:2]) if parts and len(parts[0]) <= ITEM_TITLE else next(iter(parts), "")  # a title: what it means
        heads.append(first if len(first) <= SECTION_ITEM_CHARS else first[:SECTION_ITEM_CHARS] + "…")
    return "…".join([said] + heads)


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
