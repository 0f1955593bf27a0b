"""具体说说 / 还有呢 after a text answer: more of the report than was quoted, never the same quote again.

The answer before quoted a sentence or a run of its passage. Told more is the rest of what it cut short and of
that passage (its sentences not yet quoted), then the passage after it in the same part of the same report,
then the other passages the answer pointed to (另见); of part 五's problems or measures, only more of that
half. Asked again (还有呢 after 具体说说), more again, after what was told. When the report holds nothing more,
that is said, with the first answer again."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from index.model import Passage
from qa.answer import Answer, Citation
from qa.cite import passage as passage_citation
from qa.prose import Asked, Sentence, _sentences, part_title

if TYPE_CHECKING:
    from qa.engine import QA
    from qa.understand import Plan

# 具体说说, 详细讲讲, 展开说说; 还有呢, 还有别的吗, 其他的呢, 接着说: the same question, told more
RE_TELL_MORE = re.compile(r"(?:再|请|能)?(?:具体|详细|仔细|展开)(?:一点|点|些)?地?(?:说说|讲讲|谈谈|介绍一下|说一下|讲一下|说|讲)?(?:吗|吧)?|"
                          r"^(?:那)?还有(?:呢|吗|么|没有|别的|其他|其它|什么)|^(?:那)?(?:其他|其它|别)的呢|^(?:接着|继续)(?:说|讲)")
MORE_CHARS = 600  # told more: up to this much new text, whole sentences
_KEY = 16  # a sentence whose first characters are in the answer before was quoted, whole or in part


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _unsaid(sentence: str, said: str) -> str:
    """What of the sentence the answer before did not quote: all of it, none, or the rest of one it cut short."""
    s = _squash(sentence)
    if s in said:
        return ""
    if s[:_KEY] not in said:
        return sentence
    lo, hi = _KEY, len(s)  # the longest start of the sentence that was quoted (a start of a quoted start is quoted)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if s[:mid] in said else (lo, mid - 1)
    rest = s[lo:].lstrip("，,；;、")
    # (a lead-in to a list it did not quote, 从以下几个方面加以改进：, is no more of what was asked)
    return "…" + rest if len(rest) > 4 and not rest.endswith(("：", ":")) else ""


def _passages_after(qa: QA, c: Citation) -> list[Passage]:
    """The cited passage and those after it in the same part of its report."""
    rows = qa.retriever.db.execute(
        "select pidx, part, line_start, line_end from passages where doc = ? and kind = 'prose' order by pidx",
        [c.doc]).fetchall()
    at = next((i for i, r in enumerate(rows) if r[2] <= c.line_start <= r[3]), None)
    if at is None:
        return []
    ids = [r[0] for r in rows[at:] if r[1] == rows[at][1]]
    found = qa.retriever.passages(ids)
    return [found[i] for i in ids if i in found]


def _more(qa: QA, citations: list[Citation], said: str, query: str, half: str | None,
          covered: list[str]) -> list[Sentence]:
    """The sentences beyond `said`, up to MORE_CHARS: for each passage cited, the first passage from it on that
    has any of the half asked (part 五) or, of the rest of a report, any on what is asked (the rest of a sentence
    cut short is, whatever it names). The sentences told are added to `covered`, whole."""
    new: list[Sentence] = []
    size, seen = 0, set()
    for c in (c for c in citations if c.kind == "passage"):
        for p in _passages_after(qa, c):
            if p.id in seen:
                continue
            seen.add(p.id)
            sentences = _sentences(p.text)
            marks = qa.ctx.prose.halves(p) if half and p.part == "五" else None
            if half and p.part == "五":
                sentences = [s for s, m in zip(sentences, marks or []) if m == half]
            run = ""
            for whole in sentences:
                s = _unsaid(whole, said)
                if not s or not (half or s.startswith("…") or qa.ctx.prose.names_topic(s, query)):
                    continue
                if size + len(run) + len(s) > MORE_CHARS and run:
                    break
                run += s
                covered.append(_squash(whole))  # told now: all of it, the part quoted before too
            if run:
                new.append(Sentence(p, run, 0.0, qa.ctx.prose.line_of(p, run.lstrip("…"))))
                size += len(run)
                break  # one passage on from each cited one: what comes next about it, not the rest of the report
        if size >= MORE_CHARS:
            break
    return new


def tell_more(qa: QA, plan: Plan, answer: Callable[[Plan], Answer]) -> Answer:
    """The question the conversation is on, answered beyond what its answer (and each 具体说说 since) quoted."""
    first = answer(plan.model_copy(update={"more": 0}))
    if first.status != "answered":
        return first
    query = plan.prose_text or plan.text
    half = Asked.of(query).half
    said, new = _squash(first.text), []
    for _ in range(plan.more):
        covered: list[str] = []
        new = _more(qa, first.citations, said, query, half, covered)
        said += "\n".join(["", *covered])
    if not new:
        first.text = "报告里关于这一点能引用的就是前面这些，没有更多内容：" + first.text
        return first
    text = "；".join(f"{s.passage.agency or s.passage.doc}{s.passage.year or ''}年报告（{part_title(s.passage.part)}，"
                    f"第{s.line}行）还写道：「{s.text}」" for s in new)
    return first.model_copy(update={"text": text + "（以上是前面的回答没有引用的部分。）",
                                    "citations": [passage_citation(s) for s in new] + first.citations})
