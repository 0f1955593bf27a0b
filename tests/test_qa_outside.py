"""Kinds of outside question first answered wrongly (held-out batch 12, ho581–ho630, 43/50 before the fix), each
asked here in other words over dev.json's corpus: 上一年度结转 (carried in, not 结转下年度), a 项目 count's 本年减了
(the 本年增/减 column), X年是Y年的几倍 with X the earlier year, a 办理结果里 container narrower than 依申请, English
lawsuit routes and change verbs (a bare "drop" stays English), an auditor's 加不平 / don't add up, 罚款总额 (money
the template never gives), one year's share of the agency's own years, 啥时候 (which
years), two shares compared (谁的比例高), a share asked in 倍 and A多还是B多."""

from __future__ import annotations

import pytest

from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _ask(qa, q: str):
    a, _ = qa.ask(q, None)
    return a


@pytest.mark.parametrize("q, said", [
    ("平潭2022年有几件是上一年度结转的申请", "上年结转政府信息公开申请数量 · 总计」为1件"),
    ("鹤岗城管行政强制项目本年减了几项", "本年增/减为-1项"),
    ("平潭2020年的行政处罚是2021年的几倍", "538 ÷ 1282 = 0.42"),
    ("平潭2024年依申请办理结果中不予公开的占多少", "39件 ÷ 218件 = 17.89%"),
    ("By how much did Pingtan's 行政许可 fall from 2022 to 2023?", "2629 − 10690 = -8061"),
    ("How many Pingtan 2024 lawsuits after reconsideration were upheld?", "复议后起诉 · 结果维持」为13件"),
    ("平潭2019年行政强制占七年合计的多少", "25 ÷ 279 = 8.96%"),
    ("平潭啥时候行政许可破万了", "平潭综合实验区（2022年） 10,690件"),
    ("平潭2023年和洪泽比，谁的不予公开比例高", "高8.12个百分点"),
    ("平潭2024年行政许可占行政处罚的多少倍", "即4.12倍（4529 ÷ 1100 = 4.12）"),
    ("平潭2023年行政强制多还是行政复议多", "多52件（54 − 2 = 52）"),
])
def test_outside_wordings_read_as_meant(dev_qa, q, said) -> None:
    a = _ask(dev_qa, q)
    assert said in a.text, a.text


@pytest.mark.parametrize("q", ["哪几份报告的数加不平", "Which reports don't add up?"])
def test_an_auditors_words_ask_the_consistency_check(dev_qa, q) -> None:
    a = _ask(dev_qa, q)
    assert a.reading.operation == "findings" and "数字不一致" in a.text, (a.reading, a.text)


def test_money_the_template_never_gives_is_not_the_count(dev_qa) -> None:
    a = _ask(dev_qa, "平潭2024年行政处罚罚款总额多少")
    assert "1,100" not in a.text and "1100" not in a.text and "金额" in a.text, a.text


def test_a_bare_drop_is_no_change_asked(dev_qa) -> None:
    a = _ask(dev_qa, "济南城管行政处罚'; drop table facts;")
    assert "135" in a.text and "下降" not in a.text, a.text


@pytest.mark.parametrize("q, said", [
    ("平潭2024年申请人撤回了多少件申请", "撤回"),
    ("How many requests were withdrawn in Pingtan in 2024?", "撤回"),
    ("洪泽2023年当场答复的申请有多少", "当场答复"),
])
def test_a_handling_the_template_does_not_count_is_absent_not_the_total(dev_qa, q, said) -> None:
    """申请人撤回了多少件申请 was answered with 新收's total (218): the qualifier no row holds was dropped."""
    a = _ask(dev_qa, q)
    assert a.status == "absent" and f"「{said}」" in a.text and "218" not in a.text and "21件" not in a.text, a.text


@pytest.mark.parametrize("q, named", [
    ("平潭城管局2024年行政处罚多少", "平潭城管局"),
    ("洪泽区公安局2023年收到多少申请", "洪泽区公安局"),
    ("Pingtan urban management bureau 2024 penalties", "城管局"),
])
def test_a_department_of_a_place_whose_government_we_hold_is_said_missing(dev_qa, q, named) -> None:
    """平潭城管局 was answered with 平潭综合实验区's own numbers (1,100): a department of the place is another body
    than its government, as 济南市政府 is another body than 济南市城市管理局."""
    a = _ask(dev_qa, q)
    assert named in a.text and "1,100" not in a.text and "21件" not in a.text and a.status != "answered", a.text


def test_the_government_itself_is_still_answered(dev_qa) -> None:
    a = _ask(dev_qa, "洪泽区人民政府2023年行政许可多少")
    assert "550" in a.text, a.text


@pytest.mark.parametrize("q, said, not_said", [
    ("哪些单位只有一份报告", "只有1份报告的单位有6个", "平潭综合实验区（7份"),
    ("哪些单位的报告不止一份", "报告不止1份的单位有1个：平潭综合实验区（7份", "伊川县城市管理局"),
])
def test_agencies_picked_by_their_count_of_reports(dev_qa, q, said, not_said) -> None:
    """哪些单位只有一份报告 listed every agency: the condition on the count was dropped."""
    a = _ask(dev_qa, q)
    assert said in a.text and not_said not in a.text, a.text


@pytest.mark.parametrize("q, named", [
    ("福清2023年行政处罚多少", "福清"),  # jieba tags 福清 a person's name
    ("石狮2024年收到多少申请", "石狮"),
    ("张家港2023年被复议了几次", "张家港"),
    ("福清存在哪些问题", "福清"),  # a text question opened by the place
    ("厦门的改进措施有哪些", "厦门"),
])
def test_a_bare_place_the_index_lacks_is_said(dev_qa, q, named) -> None:
    """福清2023年行政处罚多少 was answered with a ranking of every agency's 2023 penalties: the bare county name
    was dropped. qa/places.tsv knows China's counties and cities by their bare names."""
    a = _ask(dev_qa, q)
    assert a.status == "not_found" and f"「{named}」" in a.text, a.text


@pytest.mark.parametrize("q", ["北京冬奥会的筹办情况", "哪些报告提到台湾"])
def test_a_place_naming_a_topic_is_no_agency(dev_qa, q) -> None:
    a = _ask(dev_qa, q)
    assert "索引中没有" not in a.text, a.text
