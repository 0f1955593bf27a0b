"""Batch 19 of the prose questions (tests/prose_heldout.json ph341–ph380, engineer prose16): the kinds fixed,
each asked in words other than the held-out set's, through QA.ask on the corpus tests/test_prose_answers.py
builds (the five seeds and the real reports ../shared/questions/dev.json lists).

- a plan set against the next year's work (2023年报说2024年要…，2024年做了哪些…; 去年说要…; …做到了吗): the premise
  checked in the earlier report's measures, the question answered from the later report (qa/op_prose_premise);
- 为什么 / 为啥 / 为何: a reason, read from the text even of a thing a table counts, the reason's own sentence quoted
  (and 什么时候: a time, one sentence; neither is a 什么 that asks for a list);
- 质量怎么样 / 效果如何: how good a thing is, which the text judges and a table only counts;
- 自我批评 / 反思: the problems;
- how a thing stands (怎么样, 如何, 高不高): not a plan of part 五 saying it will be better;
- an item's title that ends its passage (三是开展市民开放日活动。): what was done follows in the next passage;
- a mistyped word confirmed by the question's other words beside it in a report (解都 … 政策文件 → 解读);
- a table row asked of in words (信访举报类的申请怎么处理的) when no sentence speaks of it: the row, the text said silent."""

from __future__ import annotations

import pytest

from tests.test_prose_answers import DEV, ask, qa  # noqa: F401 - qa: the engine over the dev corpus (a fixture)

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not DEV.is_file(), reason=f"{DEV} is absent (../shared beside the clone)")]


# ------------------------------------------------------------------ the words, unit-level
@pytest.mark.parametrize("question,how", [
    ("为什么能避免行政复议被纠错", True), ("为啥要建内容监测系统", True), ("为何关停政务新媒体", True),
    ("Why did Pingtan shut down accounts", True),
    ("依申请公开答复质量怎么样", True), ("政策解读效果如何", True),
    ("为什么行政复议有多少件", False),  # a number asked: the table's
])
def test_a_reason_or_a_quality_is_asked_of_the_text(question: str, how: bool) -> None:
    from qa.prose import asks_how

    assert asks_how(question) == how, question


@pytest.mark.parametrize("question,kind", [
    ("年报里做了哪些自我批评", "problems"), ("做了哪些反思", "problems"), ("有哪些自我剖析", "problems"),
])
def test_self_criticism_asks_for_the_problems(question: str, kind: str) -> None:
    from qa.prose import Asked

    assert Asked.of(question).kind == kind, question


@pytest.mark.parametrize("question,premise,asked,years", [
    ("平潭2023年报说2024年要加大检查力度，2024年实际做了哪些检查", True, "实际做了哪些检查", (2023, 2024)),
    ("平潭2022年承诺要丰富意见征集形式，那2023年落实了没有", True, "那 落实了没有", (2022, 2023)),
    ("平潭2023年和2024年的改进措施，有什么不同", False, "", ()),  # no saying, no intending: no premise
])
def test_a_premise_is_told_from_the_question(qa, question: str, premise: bool, asked: str,  # noqa: F811
                                             years: tuple[int, ...]) -> None:
    from qa.context import resolve
    from qa.op_prose_premise import premise as split

    plan = resolve(qa.reader.read(question), None, qa.reader)
    found = split(plan)
    assert bool(found) == premise, (question, plan.prose_text, found)
    if found:
        assert found[2] == asked and found[3:] == years, found


# ------------------------------------------------------------------ through the engine
# (question turns, tokens the last answer must hold, words its own quotes must not hold, the status)
ASKED = [
    # last year's plan against this year's work
    (("平潭2022年年报承诺要丰富政策解读形式，2023年政策解读发了多少篇",), ["2022年报告的改进措施", "117篇"], [], "answered"),
    (("平潭2019年说要完善督查考核机制，2020年有没有把巡查情况列入绩效考核",), ["督查考核机制", "列入绩效考核"], [],
     "answered"),
    (("平潭2021年说要拓宽公开载体和渠道，2022年政务新媒体管得怎么样",), ["拓宽公开载体和渠道", "33个政务新媒体"], [], "answered"),
    # the premise is the topic when the question names none; a plan the next report does not speak of is said so
    (("平潭2022年说要丰富意见征集形式，2023年落实了没有",), ["丰富意见征集形式", "没有说到"], [], "out_of_scope"),
    (("平潭2019年报里说2020年要做好工作培训，2020年培训搞了吗",), ["做好工作培训", "培训"], [], "out_of_scope"),
    # why: the sentence with the reason, not the table's count nor the whole section
    (("伊川城管为什么没有被复议纠错",), ["沟通协调机制"], ["2020年，未收到政府信息公开申请"], "answered"),
    (("平潭2024年为何关停政务新媒体",), ["发挥作用不明显"], [], "answered"),
    (("沙河城管为什么设置意见箱",), ["接受来自社会各界的意见"], [], "answered"),
    (("Why did Pingtan shut down new media accounts in 2024?",), ["发挥作用不明显"], [], "answered"),
    # why a thing is lacking: part 五's problems say it is (a passage on the city's website elsewhere does not)
    (("沙河城管为什么没有自己的网站",), ["还没有自己的门户网站"], ["市长信箱"], "answered"),
    (("Why does Shahe have no website of its own?",), ["还没有自己的门户网站"], ["市长信箱"], "answered"),
    # when: the sentence that says it, not its whole section (什么 inside 什么时候 asks no list)
    (("沙河城管数字城管平台什么时候建成的",), ["建成于2013年"], ["市长热线"], "answered"),
    # 学习经验 is learning from others, no merit of the report's own: part 五 may answer
    (("张店执法局为什么要向先进单位学习经验",), ["向先进单位学习经验"], [], "answered"),
    # each year's count (各是多少): 各是 / 数量 say how the answer runs, not what about
    (("平潭2024和2025年关停政务新媒体的数量各是多少",), ["对5个", "政务新媒体2个"], [], "answered"),
    # how good it is: the text's judgement
    (("平潭2025年依申请公开答复质量如何",), ["答复质量待进一步提升"], [], "answered"),
    (("平潭2025年政策解读效果怎么样",), ["政策解读82篇"], [], "answered"),
    # self-criticism: the problems
    (("洪泽区年报做了哪些自我批评",), ["依申请公开工作规范性还有待提高"], ["扎实推进依申请公开工作"], "answered"),
    (("平潭2023年年报做了哪些反思",), ["信息噪音"], ["加大政务公开检查力度"], "answered"),
    # how it stands, not the plan to better it
    (("鹤岗城管公众参与程度如何",), ["公众参与程度不高"], ["（二）提高公众参与程度"], "answered"),
    # an item's title ending its passage: what was done, from the next
    (("张店执法局开展过市民开放日活动吗",), ["两次市民代表看城市变化活动"], [], "answered"),
    # a typo the question's other words confirm
    (("平潭2024年发布政策文件届读多少篇",), ["96篇"], [], "answered"),
    # a table row asked of in words, no sentence on it
    (("济南城管怎么处理信访投诉类的申请",), ["正文没有说到「信访」", "信访举报投诉类申请", "总计0"], [], "answered"),
]


@pytest.mark.parametrize("turns,expect,must_not,status", ASKED, ids=[" / ".join(a[0]) for a in ASKED])
def test_batch16_kinds_in_other_words(qa, turns: tuple[str, ...], expect: list[str],  # noqa: F811
                                      must_not: list[str], status: str) -> None:
    a = ask(qa, *turns)[-1]
    said = a.text.split("（另见")[0]
    assert a.status == status, (turns, a.status, a.text)
    assert all(t in a.text for t in expect) and not any(w in said for w in must_not), (turns, a.text)


def test_a_premise_is_cited_in_the_earlier_report(qa) -> None:  # noqa: F811
    """The plan quoted is cited at its own report's part 五 line, beside the later report's answer."""
    a = ask(qa, "平潭2023年报说2024年要加大政务公开检查力度，2024年实际做了哪些检查")[0]
    assert {c.year for c in a.citations} >= {2023, 2024}, a.citations
    assert any(c.year == 2023 and c.part == "五" for c in a.citations), a.citations
    assert "季度检查" in a.text and a.reading and "逗号前是2023年报告的打算" in " ".join(a.reading.defaults), a.text
