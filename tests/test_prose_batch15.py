"""Batch 18 of the prose questions (tests/prose_heldout.json ph301–ph340, engineer prose15): the kinds fixed,
each asked in words other than the held-out set's, through QA.ask on the corpus tests/test_prose_answers.py
builds (the five seeds and the real reports ../shared/questions/dev.json lists).

- how a thing is done asked by its noun (办理流程是怎样的, 办理程序) or as what was done (做了什么, 采取了哪些措施:
  the 了 says done, not part 五's plans), of a thing the tables count too: read from the text;
- 收到申请以后怎么处理: 以后 there times a step, it plans nothing; the reports tell the steps in their own words;
- 怎么补齐短板: a verb of mending the shortfalls asks for the measures, not for both halves;
- 怎么保证信息不出错: the checks before publishing, not an audit of the report's numbers;
- a user's word for the reports' (人工智能 → AI / 智能问答, 热线电话 → 热线);
- a word no report holds one character away from one they hold beside its neighbour (政务新媒休, 公众参于);
- 具体说说 / 还有呢 after a text answer: more than was quoted, or said that there is no more;
- plan to do in 2024: the plans for 2024, in the report of 2023."""

from __future__ import annotations

import pytest

from tests.test_prose_answers import DEV, ask, qa  # noqa: F401 - qa: the engine over the dev corpus (a fixture)

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not DEV.is_file(), reason=f"{DEV} is absent (../shared beside the clone)")]


# ------------------------------------------------------------------ the words, unit-level
@pytest.mark.parametrize("question,kind", [
    ("在政策解读上采取了哪些措施", "done"),  # 采取了: what was done
    ("下一步采取哪些措施", "measures"),
    ("打算怎么补齐短板", "measures"),  # mending the shortfalls: the measures
    ("如何解决这些问题", "measures"),
    ("收到申请以后怎么处理", None),  # 以后 times a step
    ("以后打算怎么做", "measures"),
    ("存在哪些短板", "problems"),
])
def test_the_kind_asked(question: str, kind: str | None) -> None:
    from qa.prose import Asked

    assert Asked.of(question).kind == kind, (question, Asked.of(question))


@pytest.mark.parametrize("question,how", [
    ("依申请公开的办理流程是怎样的", True), ("依申请公开的办理程序", True), ("依申请公开的流程", True),
    ("怎么保证信息不出错", True),
    ("依申请公开办理了多少件", False), ("依申请公开做了多少件", False),
])
def test_how_it_is_done_asked(question: str, how: bool) -> None:
    from qa.prose import asks_how

    assert asks_how(question) == how, question


@pytest.mark.parametrize("question,did", [
    ("依申请公开做了什么", True), ("回应关切采取了哪些措施", True), ("下一步采取哪些措施", False),
    ("做了多少件", False),
])
def test_what_was_done_asked(question: str, did: bool) -> None:
    """Read from the text even of a thing a table counts (qa.understand), without running on like a how."""
    from qa.prose import RE_DID

    assert bool(RE_DID.search(question)) == did, question


@pytest.mark.parametrize("question,five", [
    ("推进了几轮督促整改", False), ("责令整改了几次", False), ("整改措施有几条", True), ("问题和措施", True),
    ("有哪些不尽如人意的地方", True), ("还有哪些提升空间", True),
])
def test_part_five_is_asked(question: str, five: bool) -> None:
    from qa.prose import Asked

    assert Asked.names_five(question) == five, question


def test_times_are_not_people_times() -> None:
    from qa.prose import Asked

    asked = Asked.of("培训了几次")
    assert asked.other_count("全年累计培训50余人次，切实提升") == "50余人次"
    assert asked.other_count("开展了两次培训，参与50人次") is None  # the times are stated
    assert Asked.of("培训了多少人次").other_count("全年累计培训50余人次") is None


def test_how_errors_are_kept_out_is_no_audit() -> None:
    from qa.prose import RE_ENSURES
    from qa.understand import RE_FINDINGS

    assert RE_ENSURES.search("怎么保证发布的信息不出错") and RE_FINDINGS.search("怎么保证发布的信息不出错")
    assert not RE_ENSURES.search("表三的数据有没有出错")


@pytest.mark.parametrize("question,word", [
    ("依申请公开的办理流程", "受理"), ("收到申请以后怎么处理", "答复"),
    ("怎么保证发布的信息不出错", "审核"), ("哪些单位提到了热线电话", "热线"), ("提到人工智能了吗", "智能"),
])
def test_users_words_for_the_reports(question: str, word: str) -> None:
    from qa.prose import users_terms

    assert any(word in words for words in users_terms(question)[1]), (question, users_terms(question))


def test_a_process_word_outside_applications_is_left_alone() -> None:
    from qa.prose import users_terms

    assert users_terms("公文办理流程")[1] == []  # 流程 stands for the steps of an application only


# ------------------------------------------------------------------ through the engine
# (question turns, tokens the last answer must hold, words its own quotes must not hold, the status)
ASKED = [
    # the process of an application, asked by its noun (no interrogative) and in other words
    (("平潭2025年依申请公开的办理程序",), ["登记、审核、办理、答复、归档"], [], "answered"),
    (("平潭2024年收到申请之后是怎么处理的",), ["登记、审查、办理、答复、归档"], ["来源："], "answered"),
    (("张店执法局依申请公开做了什么",), ["给予答复"], [], "answered"),
    # done, not planned: part 一's account, not part 五's measures
    (("平潭2021年在政策解读上采取了哪些措施",), ["谁起草谁解读"], ["丰富政策解读形式"], "answered"),
    # mending the shortfalls: every measure, not one passage
    (("张店执法局怎么补齐短板",), ["加强学习宣传", "完善各项工作制度"], [], "answered"),
    # keeping errors out: the checks, not the report's arithmetic
    (("平潭2023年怎么确保信息发布不出错",), ["分级审核"], ["数字不一致"], "answered"),
    # a user's word for the reports'
    (("哪些单位提到了服务热线",), ["沙河", "济南", "平潭"], [], "answered"),
    (("平潭2025年有没有提到人工智能",), ["AI"], [], "answered"),
    (("哪些单位提到了人大代表建议",), ["沙河", "张店", "济南"], [], "answered"),  # 人大建议 too
    (("哪几家提过网上问政",), ["张店", "济南", "平潭"], [], "answered"),  # 哪几家: every report read
    (("洪泽区依申请公开的流程",), ["规范依申请公开流程"], [], "answered"),  # the noun alone asks how
    (("What is Hongze's process for handling information requests?",), ["规范依申请公开流程"], [], "answered"),
    # one character off a word the reports hold beside its neighbour
    (("济南城管的圆桌队话开了多少次",), ["186次"], [], "answered"),
    (("平潭2022年的智能问达",), ["智能问答"], [], "answered"),
    (("洪泽区的报告里有提到区块链吗",), ["区块"], [], "out_of_scope"),  # no such word: not read as another
    # short of what it should be, in the asker's words
    (("伊川城管有哪些不尽如人意的地方",), ["规范化管理需进一步完善"], ["全面规范主动公开行为"], "answered"),
    (("济南城管在哪些方面还有提升空间",), ["意识有待加强"], [], "answered"),
    # a count of the year's deeds: 督促整改 done is no plan of part 五; 人次 is no number of times
    (("平潭2022年推进了几轮督促整改",), ["3轮"], ["意见征集形式"], "answered"),
    (("伊川城管培训了几次",), ["没有写明次数", "50余人次"], [], "answered"),
    # the year the plans are for
    (("What does Pingtan plan to do in 2025?",), ["优化主动公开目录"], [], "answered"),
    # told more: what was not quoted (the rest of a sentence cut short), or that there is no more
    (("济南城管的圆桌对话是怎么回事", "具体说说"), ["96.65%", "没有引用的部分"], [], "answered"),
    (("鹤岗城管存在哪些问题", "具体说说"), ["力量薄弱", "没有更多内容"], ["城管网评"], "answered"),
    (("济南城管的圆桌对话是怎么回事", "具体说说", "还有呢"), ["没有更多内容"], [], "answered"),
    (("济南城管在政策解读方面做了什么", "详细讲讲"), ["没有引用的部分"], ["共解读政策文件41件"], "answered"),
]


@pytest.mark.parametrize("turns,expect,must_not,status", ASKED, ids=[" / ".join(a[0]) for a in ASKED])
def test_batch15_kinds_in_other_words(qa, turns: tuple[str, ...], expect: list[str],  # noqa: F811
                                      must_not: list[str], status: str) -> None:
    a = ask(qa, *turns)[-1]
    said = a.text.split("（另见")[0]
    assert a.status == status, (turns, a.status, a.text)
    assert all(t in a.text for t in expect) and not any(w in said for w in must_not), (turns, a.text)


def test_a_section_is_quoted_from_its_own_heading(qa) -> None:  # noqa: F811
    """伊川's passage holds (二)主动公开 and (三)依申请公开: a question on the second is quoted from its heading, and
    cited at the line it starts on."""
    a = ask(qa, "伊川城管依申请公开做了什么")[0]
    assert "「（三）依申请公开" in a.text and "152余条" not in a.text and "第17行" in a.text, a.text


def test_told_more_twice_moves_on(qa) -> None:  # noqa: F811
    """还有呢 after 具体说说 is not the same more again."""
    first, more, again = ask(qa, "济南城管在政策解读方面做了什么", "具体说说", "还有呢")
    assert more.text != first.text and again.text != more.text, (first.text, more.text, again.text)


def test_a_mistyped_word_is_said_in_the_reading(qa) -> None:  # noqa: F811
    a = ask(qa, "伊川城管政务新媒休公开了多少条信息")[0]
    assert "41" in a.text and "「新媒休」读作「新媒体」" in a.reading.defaults, (a.text, a.reading)
