"""What the prose answers share (qa/op_prose and its op_prose_* modules): the words that ask for a number or a
list, how far a quote runs on, where a sentence is and what it says, whether it says the question's thing whole,
and the reports a search read."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from qa.answer import Alternative, Answer, Reading
from qa.phrasing import EXAMPLES
from index.keyword import normalize
from qa.prose import (_ASKS_WHY, _JOINS, COVERAGE, Asked, Sentence, _sentences, coverage_ok, holds, part_title,
                      sentence_text)
from qa.understand import Plan

if TYPE_CHECKING:
    from qa.engine import QA

RE_QUANTITY = re.compile(r"多少|(?<!哪)几")  # 哪几个方面 asks which, not how many
RE_LISTING = re.compile(r"哪些|什么|哪几|有何|啥")
# 什么时候建成的, 啥时候开始: a time asked, one sentence (什么 inside it asks no list)
_ASKS_WHEN = re.compile(r"(?:什么|啥)(?:时候|时间|年份?)")
LIST_CHARS = 320  # how far a list question's quote runs on in the passage
PLANNED = "（这是下一步的改进措施，打算做的，不是已做的）"  # a quote from part 五's measures
LIST_SENTENCES = 3  # a 哪些 question about one report: its three best sentences (problems come in lists)
# 跟2023年比有什么变化: one agency's text compared over its years
RE_CHANGE = re.compile(r"变化|不同|不一样|区别|差别|差异|相比|比较|对比|变了")
# whether a report says a thing (有没有提到新闻发布会): its sentence must hold the thing's name whole
RE_MENTION = re.compile(r"提到|提及|说到|讲到|写到|谈到|涉及|说过|写过")
FUNCTION_WORDS = frozenset({"但是", "可是", "因为", "所以", "如果", "这个", "那个", "什么", "怎么", "为什么", "我们", "你们",
                            "他们", "一个", "没有", "可以", "还是", "或者", "而且", "以及", "然后", "就是", "还有"})


def one_report(qa: QA, agency: str, year: int | None) -> str | None:
    """The one report of the agency (of the year, when given), or None when there are none or several (a copy of
    a report brought twice, qa.copies, is the one file that stands for it)."""
    hidden = qa.retriever.hidden_docs
    docs = [rep.doc for rep in qa.store.reports
            if rep.agency == agency and (year is None or rep.year == year) and rep.doc not in hidden]
    return docs[0] if len(docs) == 1 else None


def quote_of(s, listing: bool) -> tuple[str, str]:
    """Where a sentence is (the report, its part, its line) and what it says, run on over its list when asked."""
    p = s.passage
    return (f"{p.agency or p.doc}{p.year or ''}年报告（{part_title(p.part)}，第{s.line}行）",
            continued_text(s) if listing else sentence_text(s))


def answering_sentences(qa: QA, query: str, part: str | None, share: float = COVERAGE, **where) -> list:
    """The sentences of the reports `where` names that say `share` of what the query is about (the part hint
    first)."""
    found = qa.ctx.prose.find(query, part=part, **where)
    if part and not found.sentences:
        found = qa.ctx.prose.find(query, **where)
    in_part = bool(part and found.sentences and found.sentences[0].passage.part == part)
    if not (coverage_ok(found) or in_part):
        return []
    return [s for s in found.sentences if qa.ctx.prose.names_topic(s.text + s.next_text, query, share)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def made_of_generic(phrase: str) -> bool:
    """政务公开, 政府信息公开: the words every report is about, no thing of its own."""
    return not re.sub("|".join(sorted(_JOINS, key=len, reverse=True)), "", phrase)


def says(s, phrases: list[str]) -> bool:
    """The sentence (with its continuation) holds each phrase whole, spaces aside."""
    return all(ph in squash(s.text + s.next_text) for ph in phrases)


def topic(qa: QA, query: str) -> list[str]:
    """What the question asks about, as it names it: its phrases (新闻发布会), or else its content words less
    those inside a longer one (意见箱, not 意见 and 意见箱)."""
    terms = [w for t, _ in qa.ctx.prose.content_terms(query) for w in t.split("|")[:1]]
    return qa.ctx.prose.topic_phrases(query) or outermost(terms)


def outermost(terms: list[str]) -> list[str]:
    """The words less those inside a longer one (门户网站, not 门户 and 门户网站): how the question names it."""
    return [t for t in terms if not any(t != u and t in u for u in terms)]


def named_words(qa: QA, query: str, missing: list[str]) -> list[str]:
    """The words found missing, each said as the question runs it into a name (媒体 → 政务新媒体)."""
    phrases = qa.ctx.prose.topic_phrases(query)
    return list(dict.fromkeys(next((ph for ph in phrases if t in ph), t) for t in missing))


def searched(qa: QA) -> str:
    """Which reports a search over all of them read: how many, from which agencies."""
    agencies = sorted({r.agency for r in qa.store.reports if r.agency})
    return f"报告：{'、'.join(agencies)}"  # named, not counted: an answer states no number it cannot cite


def k_sentences(plan: Plan) -> int:
    """Sentences to retrieve from one report: more for lists and numbers, which the best one may lack."""
    return LIST_SENTENCES + 1 if asks_list(plan) or RE_QUANTITY.search(plan.text) else 2


def asks_list(plan: Plan) -> bool:
    """哪些 …, and a question for the problems, the measures or the work done (整改怎么搞, 亮点做法): each is
    a list in the reports (一是…二是…), quoted as it runs on."""
    text = _ASKS_WHEN.sub(" ", _ASKS_WHY.sub(" ", plan.text))  # 为什么, 什么时候: a reason or a time, not a list
    return bool(RE_LISTING.search(text)) or Asked.of(plan.prose_text or plan.text).kind is not None


def has_content(qa: QA, query: str) -> bool:
    """A question with at least one word of two characters or more (not only 但, 使, 得 …): random strings
    and lone function words get "not found", never an unrelated passage."""
    return any(len(t) >= 2 and t not in FUNCTION_WORDS for t, _ in qa.retriever.keyword.query_terms(query))


def nothing_asked(plan: Plan) -> Answer:
    return Answer(question=plan.question, status="not_found",
                  text="没有找到与这个问题相关的内容：问题中没有能在报告里检索的词。可以这样问：" + "；".join(EXAMPLES) + "。",
                  alternatives=[Alternative(label=q, question=q) for q in EXAMPLES],
                  reading=Reading(operation="prose", summary="问题中没有可检索的词"))


def number_after(text: str, terms: list[str]) -> bool:
    return any(re.search(re.escape(t) + r"[^。；，,]{0,12}?\d", text) for t in terms)


# a section of an account's passage ((三)依申请公开, 2、推进…): where a run quoted for a sentence in it starts
_SECTION_HEAD = re.compile(r"(?:^|(?<=[。；\s]))(?:[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[、.．](?!\d))")


def continued_text(s) -> str:
    """A sentence and what follows it in its passage, to a sentence end within LIST_CHARS: lists in reports run
    over several sentences (一是…；二是…；三是…)."""
    text = s.scope or s.passage.text  # in part 五 the half asked for: the problems do not run on into the measures
    at = next((i for i in (text.find(s.text[:n]) for n in (20, 8)) if i >= 0), -1) if s.text else -1  # 8: a lead-in joined over a line break
    if at < 0:
        return sentence_text(s)
    body = re.sub(r"^[一二三四五六七八九十]+、[^\n]{0,30}\n", "", text)  # without the part's heading line
    if len(body) <= LIST_CHARS:
        run = body  # a short passage: all of it (the list may come before the sentence that matched)
        if s.passage.part != "五":  # from the heading of the section it is in ((三)依申请公开), not the one before
            at_body = next((i for i in (body.find(s.text[:n]) for n in (20, 8)) if i >= 0), 0)
            heads = [m.start() for m in _SECTION_HEAD.finditer(body) if m.start() <= at_body]
            run = body[heads[-1]:] if heads else run
    else:
        run = text[at:at + LIST_CHARS]
        end = max(run.rfind("。"), run.rfind("；"))
        run = run[:end + 1] if end > len(s.text) // 2 else run
    run = re.sub(r"(?<=[\u4e00-\u9fff，、；])\s+(?=[\u4e00-\u9fff])", "", run)  # lines broken inside a sentence
    return re.sub(r"\s+", " ", run).strip() if len(run) > len(sentence_text(s)) else sentence_text(s)


def half_topic(qa: QA, query: str) -> tuple[list[str], list[str]]:
    """What a question about one half of part 五 asks about, without the words that name the half (改进措施里提到
    培训 → 培训): its phrases as it runs them together, and its content words."""
    asked = Asked.of(query)
    words = asked.asking_words(query) if asked.kind else query
    return qa.ctx.prose.topic_phrases(words), [t for t, _ in qa.ctx.prose.content_terms(words)]


_CLAUSE = re.compile(r"[，,；;。：:]")


def said_in_half(qa: QA, doc: str, half: str, query: str, one_clause: bool = False) -> Sentence | None:
    """The first sentence of a report's problems or measures (part 五's half) that says what the question asks
    about: its phrases whole, or, with none, each of its words. one_clause: a problem the user names in words
    of their own (政务新媒体管理不规范) is owned only by a clause holding each of its words (政务新媒体的管理还不够规范,
    not 少数政务新媒体“政务”属性不够突出 beside 规范化 in the next clause)."""
    phrases, terms = half_topic(qa, query)
    if not terms and not phrases:
        return None
    passages, said = qa.ctx.prose.half_of_five(doc, half)
    for sent in _sentences(said):
        flat = squash(sent)
        if one_clause:
            hit = any(all(holds(t, normalize(c)) for t in terms) for c in _CLAUSE.split(flat))
        else:
            hit = all(ph in flat for ph in phrases) if phrases else all(holds(t, normalize(flat)) for t in terms)
        p = next((q for q in passages if squash(sent)[:12] in squash(q.text)), None)
        if hit and p is not None:
            s = Sentence(p, sent, 0.0, qa.ctx.prose.line_of(p, sent), half=half, scope=said)
            return s
    return None
