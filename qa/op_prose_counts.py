"""Counts of the items part 五 lists: how many problems or measures (改进措施有几条, 问题和措施分别几条), the nth one
(第四条是什么), whose list is longest (哪家单位的改进措施最多), and the field one sentence counts most of (建议提案哪方面的最多)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Answer, Derived, Reading
from qa.cite import sentence as sentence_citations
from qa.op_prose_common import one_report, quote_of, squash
from qa.prose import Asked, Sentence, list_items, part_title
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

# how many a half of part 五 lists (改进措施有几条), or whether the report wrote that half at all (有没有写存在的
# 问题, 写得具体吗): every item, counted
_HALF_NAMED = r"(?:存在的?(?:主要)?问题|问题|不足|(?:改进|整改|工作)?措施|改进情况|下一步(?:打算|计划)?)"
RE_HALF_COUNT = re.compile(r"(?<!哪)(?:几|多少)(?:个方面|个|条|项|点|方面|件)|多少\s*[a-z ]{0,30}(?:measures|problems|steps)|"
                           r"多少\s*" + _HALF_NAMED + r"|(?i:and\s*多少)")  # (how many improvement measures → 多少改进措施)
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
# 建议提案哪方面的最多: the sentence lists its fields with a count each (垃圾分类方面的22件…市容治理方面的29件)
RE_WHICH_MOST = re.compile(r"哪(?:个|些|一|类|种)?(?:方面|领域|类|种|块)[^，,。？?]{0,6}?(最多|最少|多|少)")
RE_ITEM_COUNT = re.compile(r"([\u4e00-\u9fff、]{2,12}?)(?:方面|领域|类)(?:的)?\s*(\d+)\s*(件|条|个|项|次|篇)")


def most_listed(qa: QA, plan: Plan) -> Answer | None:
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


def halves_listed(qa: QA, plan: Plan, agency: str, years: list[int | None], query: str, lead: str,
                   defaults: list[str]) -> Answer | None:
    """half_listed for each year asked and, when both halves are asked (问题和措施分别几条), for each half:
    the answers joined, in order; None when no report lists one."""
    both = Asked.of(query).half is None and RE_ASKS_PROBLEMS_WORD.search(query) and RE_ASKS_MEASURES_WORD.search(query)
    asks = [RE_BOTH_HALVES.sub(" 存在的问题 ", query), RE_BOTH_HALVES.sub(" 改进措施 ", query)] if both else [query]
    found = [a for y in years for q in asks
             if (a := half_listed(qa, plan, agency, y, q, f"{y}年：" if len(years) > 1 else "", defaults))]
    if not found:
        return None
    if len(found) == 1:
        return found[0].model_copy(update={"text": lead + found[0].text})
    return found[0].model_copy(update={
        "text": lead + "".join(a.text for a in found), "citations": [c for a in found for c in a.citations],
        "reading": found[0].reading.model_copy(update={"years": sorted({y for a in found for y in a.reading.years})})})


def half_listed(qa: QA, plan: Plan, agency: str, year: int | None, query: str, lead: str,
                 defaults: list[str]) -> Answer | None:
    """改进措施有几条, 有没有写存在的问题: the half of part 五 asked for, every item named and counted as the
    report numbers them (or as its ；parts them); None when the report's part 五 has no such list."""
    from qa.op_prose import answer_prose  # the entry point, which imports this module

    half = Asked.of(query).half
    doc = one_report(qa, agency, year)
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


def most_of_items(sentences: list, question: str, lead: str, r: Reading) -> Answer | None:
    """The field with the most (or fewest) of those one sentence lists with a count each, read off the
    sentence and said as read: the field, its count, the sentence quoted."""
    fewest = RE_WHICH_MOST.search(question).group(1).endswith("少")
    for s in sentences[:3]:
        where, said = quote_of(s, True)  # run on: the fields follow the sentence that matched
        text = squash(said)
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
