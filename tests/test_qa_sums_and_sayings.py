"""Kinds of question the held-out batch 11 found, over dev.json's corpus (real 平潭 reports and the seeds): rows
added (新收加上年结转, 行政处罚加行政强制等于多少), two sums set against each other (A加B等于C加D吗: the ledger
of 表三), and 哪些单位提到了X where X holds a column's word (发布) or no template word at all: a text question,
its counts traceable to the quotes."""

from __future__ import annotations

import pytest

from qa.trace import untraceable
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)


@pytest.mark.parametrize("q, said", [
    ("平潭2025年新收加上年结转一共多少", "154 + 0 = 154"),
    ("平潭2020年行政处罚加行政强制等于多少", "538 + 29 = 567"),
])
def test_rows_added_are_summed(dev_qa, q, said) -> None:
    a, _ = dev_qa.ask(q, None)
    assert a.reading.operation == "sum_measures" and said in a.text, a.text
    assert not untraceable(a)


@pytest.mark.parametrize("q, sides, verdict", [
    ("平潭2024年新收加上年结转，和办理总计加结转下年度相等吗", ["218 + 0 = 218", "218 + 0 = 218"], "相等"),
    ("平潭2021年新收加上年结转等于办理结果总计加结转下年度吗", ["70 + 0 = 70", "69 + 1 = 70"], "相等"),
])
def test_two_sums_are_set_side_by_side(dev_qa, q, sides, verdict) -> None:
    a, _ = dev_qa.ask(q, None)
    assert a.reading.operation == "compare_measures", a.text
    assert all(s in a.text for s in sides) and verdict in a.text and "不相等" not in a.text, a.text
    assert not untraceable(a)


@pytest.mark.parametrize("q, agencies", [
    ("哪些单位提到了新闻发布会", ["平潭综合实验区", "济南市城市管理局"]),
    ("谁的报告写了政务新媒体", ["伊川县城市管理局", "济南市城市管理局"]),
    ("哪些单位提到了听证会", ["平潭综合实验区"]),
])
def test_who_says_a_thing_is_read_off_the_text(dev_qa, q, agencies) -> None:
    a, _ = dev_qa.ask(q, None)
    assert a.reading.operation == "prose" and a.status == "answered", a.text
    assert all(x in a.text.split("。")[0] for x in agencies), a.text
    assert not untraceable(a), untraceable(a)


@pytest.mark.parametrize("q, silent, saying", [
    ("哪些单位没有提到政务新媒体", "鹤岗市城市管理综合执法局", "伊川县城市管理局"),
    ("哪些单位没有提到新闻发布会", "伊川县城市管理局", "济南市城市管理局"),
])
def test_who_is_silent_on_a_thing_is_read_off_the_text(dev_qa, q, silent, saying) -> None:
    a, _ = dev_qa.ask(q, None)
    head, _, rest = a.text.partition("说到的有")
    assert a.reading.operation == "prose" and silent in head and saying in rest, a.text
    assert not untraceable(a), untraceable(a)
