"""A question that sets a report's plan against the next year's work, as an auditor asks it: 平潭2023年报说2024年要
加大检查力度，2024年实际做了哪些检查; 去年说要丰富发布形式，2024年用了哪些形式; 2024年说要加快数字化转型，2025年报里提到
AI了吗. The clause before the comma is a premise, not the question: it is checked against the earlier report's part 五
(its measures, quoted, or said not found there), and the clause after it is answered from the later report alone,
as if asked on its own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from qa.answer import Answer
from qa.cite import sentence as sentence_citations
from qa.prose import _ITEM_MARK, sentence_text
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

# the premise: a verb of saying or promising, then what was to be done (说要…, 提出将…, 承诺…, 计划…), up to the
# first comma; what follows is the question
_PREMISE = re.compile(r"^(?P<said>[^,，。？?；;]*?(?:说|提出|提到|写|讲|承诺|表示|计划|打算)[^,，。？?；;]{0,8}?"
                      r"(?:要|将|会|打算|计划|准备|把)[^,，。？?；;]{2,40})[,，](?P<rest>[^,，]{3,}.*)$")
_FIRST_COMMA = re.compile(r"[,，]")
# 做到了吗, 落实了没有: whether the premise was done; the question names no topic of its own
_DID_IT = re.compile(r"做到|落实|兑现|完成|实现|办到|执行|做了|搞了|干了|做没做|有没有做")
# the saying and intending words of the premise (说要, 承诺将): not what was to be done
_INTENT = re.compile(r"报告?|说|提出|提到|写|讲|承诺|表示|计划|打算|要|将|会|准备")


def premise(plan: Plan) -> tuple[str, str, str, int, int] | None:
    """(premise words, the question's text, its words for the search, the earlier year, the later year) when the
    question opens with what one report said it would do and asks about a later year; else None."""
    m = _PREMISE.match(plan.text)
    if not m or len(plan.agencies) != 1 or len(set(plan.years)) != 2 or "," not in plan.prose_text.replace("，", ","):
        return None
    earlier, later = min(plan.years), max(plan.years)
    after = [y for y, at in plan.year_at if at >= m.start("rest")]
    if after and max(after) != later:  # the question asks about the earlier year: no plan set against later work
        return None
    said, asked = (x.strip(" ,，") for x in _FIRST_COMMA.split(plan.prose_text.replace("，", ","), maxsplit=1))
    return said, m.group("rest").strip(), asked, earlier, later


def answer_premise(qa: QA, plan: Plan, answer: Callable[[Plan], Answer]) -> Answer | None:
    """The later report's answer to the question, led by the earlier report's sentence that made the plan
    (its part 五's measures) or by saying that report does not say it."""
    found = premise(plan)
    if found is None:
        return None
    said, rest_text, rest_words, earlier, later = found
    agency = plan.agencies[0]
    if not qa.ctx.prose.content_terms(_DID_IT.sub(" ", rest_words)):  # 那2024年做到了吗: the premise is the topic
        rest_words = f"{_INTENT.sub(' ', said)} {_DID_IT.sub(' ', rest_words)}"
    rest = plan.model_copy(update={"text": rest_text, "prose_text": rest_words, "years": [later], "all_years": False,
                                   "year_at": []}, deep=True)
    out = answer(rest).model_copy(deep=True)
    plans = qa.ctx.prose.find(f"{said} 改进措施", agency=agency, year=earlier, part="五", k=1)
    first = plans.sentences[0] if plans.sentences else None
    if first is not None and qa.ctx.prose.planned(first) and qa.ctx.prose.names_topic(sentence_text(first), said):
        quoted = _item_saying(qa, sentence_text(first), said)
        head = (f"{earlier}年报告的改进措施（五、存在的主要问题及改进情况，第{first.line}行）写道：「{quoted}」"
                f"\n{later}年报告：")
        out.citations = sentence_citations(first) + out.citations
    else:
        head = f"{agency}{earlier}年报告的改进措施里没有找到「{said}」这句打算。\n{later}年报告："
    out.text = head + out.text
    out.question = plan.question
    if out.reading:
        out.reading.years = [earlier, later]
        out.reading.defaults = list(out.reading.defaults) + [
            f"逗号前是{earlier}年报告的打算，按其改进措施核对；逗号后的问题按{later}年报告回答"]
    return out


def _item_saying(qa: QA, text: str, said: str) -> str:
    """Of a list of measures (一是…二是…三是…), the item that says the premise: the one plan asked about."""
    starts = [m.start() for m in _ITEM_MARK.finditer(text)]
    items = [text[a:b].strip() for a, b in zip([0] + starts, starts + [len(text)]) if text[a:b].strip()]
    saying = [i for i in items if qa.ctx.prose.names_topic(i, said)]
    return saying[0] if saying else text
