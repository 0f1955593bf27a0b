"""A report's parts and sections asked for: which of the template's six parts it has (缺了哪一部分), a part that is a
table read as its rows (第三部分说了什么), a section quoted as it runs on (依申请公开那部分), and the report's gist
(概括一下) from its own sentences."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.keyword import PART_TITLES
from index.passages import row_values
from qa.answer import Answer, Derived, Reading
from qa.cite import sentence as sentence_citations
from qa.op_prose_common import continued_text, one_report
from qa.prose import ITEM_TITLE, Sentence, _sentences, part_named, part_title
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

# an auditor's 缺了哪一部分 / 六个部分齐不齐 / 六个部分都有吗 / 结构完整吗: which of the template's parts the report has
RE_PARTS_PRESENT = re.compile(r"(?:缺|少|漏)(?:了|掉)?(?:哪|什么|啥)(?:一|几)?(?:个)?部分|哪(?:一|几)?(?:个)?部分(?:没有?写|缺)|"
                              r"(?:六个|各个?|几个)部分[^，,。？?]{0,4}(?:齐|全|完整|都有|都在|都写了|缺不缺|少不少|有没有缺)|"
                              r"(?:结构|格式|部分)[^，,。？?]{0,2}(?:完整|齐全)")
PART_ROWS = 12  # a part that is a table, asked for by its number: at most this many rows quoted
SECTION_ITEMS = 4  # a section asked for (那部分写了什么): at most this many passages after the first, each by its first
SECTION_ITEM_CHARS = 80  # sentence, cut at this length
_SECTION_HEAD = re.compile(r"^\s*(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")  # the next section's
# 概括一下平潭2024年的报告, 用三句话说说鹤岗的情况, summarize: the report's gist, nothing else asked
RE_GIST = re.compile(r"概括|概述|总结一下|归纳|简要|简单(?:介绍|说|讲|聊)|[一二两三四五几]句话|大概(?:说|讲|介绍)|"
                     r"(?:说说|讲讲|介绍一?下|聊聊)[^，,。？?]{0,12}?(?:情况|报告|年报)|(?i:summari[sz]e|summary|overview|gist)")
_GIST_WORDS = re.compile(r"概括|概述|总结|归纳|简要|简单|[一二两三四五几]句话|大概|说说|讲讲|介绍|一下|聊聊|用|"
                         r"(?i:summari[sz]e|summary|overview|gist)")
# what a gist is made of, asked of the report in turn: what it published, what it was asked, what it owns to
GIST_ASKS = ("主动公开了多少条政府信息", "依申请公开情况", "存在哪些问题")


def parts_present(qa: QA, plan: Plan, agency: str, year: int | None, lead: str, defaults: list[str]) -> Answer | None:
    """An auditor's 缺了哪一部分: the template's parts (一 … 六) the report has passages in, and those it lacks."""
    doc = one_report(qa, agency, year)
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


def names_part(plan: Plan, query: str) -> bool:
    """The question names the part it asks about: by its number (第六部分) or by its title (其他需要报告的事项)."""
    title = PART_TITLES.get(plan.part or "", "")
    return bool(plan.part and (part_named(query) or (len(title) >= 6 and title[:6] in query)))


def asks_gist(qa: QA, query: str) -> bool:
    """A summary asked, of nothing narrower: no content word beside the summary's own words."""
    return bool(RE_GIST.search(query)) and not qa.ctx.prose.content_terms(_GIST_WORDS.sub(" ", query))


def gist(qa: QA, plan: Plan, agency: str, year: int | None, defaults: list[str]) -> Answer:
    """概括一下平潭2024年的报告: the report's own sentences on what it published, the applications it had and
    the problems it owns to (GIST_ASKS), each answered as if asked, quoted with its line; none made up."""
    from qa.op_prose import answer_prose  # the entry point, which imports this module

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


def part_rows(qa: QA, question: str, agency: str, year: int | None, part: str, lead: str) -> Answer | None:
    """A part the question names by its number that holds a table and no text (第三部分说了什么): its rows,
    in the table's order; rows of zeros are counted, not listed, when the table is long."""
    doc = one_report(qa, agency, year)
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


def section_text(qa: QA, s) -> str:
    """A section of the account asked for (社会评价和监督那块写了什么): the sentence run on, then the first
    sentence of each item the section goes on with in the passages after it (二是…, 三是…), up to the next
    heading of its level (（七）, 二、)."""
    said, p = continued_text(s), s.passage
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
