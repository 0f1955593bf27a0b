"""Answers that say two things at once, over dev.json's corpus: a value whose cell is a total its own parts do
not add up to says the consistency finding with it (洪泽 2023 行政复议 总计 0 beside 维持 10 + 纠正 1, 济南 2020
新收 总计 20 beside 自然人 18; a consistent total says nothing more), and 行政许可最多的那年，行政处罚是多少 gives
the winner and then the other measure of the winner's report."""

from __future__ import annotations

import pytest

from test_dev_questions import DEV
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV.parent} not found (../shared is not beside the repo)")


@pytest.mark.parametrize("q,value,parts", [
    ("洪泽2023年行政复议有几件", "为0件", "= 11"),
    ("济南城管新收申请多少", "为20件", "自然人18"),
])
def test_a_total_its_parts_do_not_add_up_to_is_said(dev_qa, q: str, value: str, parts: str) -> None:
    answer, _ = dev_qa.ask(q, None)
    assert value in answer.text and "对不上" in answer.text and parts in answer.text
    assert any(d.how == "勾稽核对" for d in answer.derived)


def test_a_consistent_total_says_nothing_more(dev_qa) -> None:
    answer, _ = dev_qa.ask("平潭2023年行政复议有几件", None)
    assert "为2件" in answer.text and "对不上" not in answer.text


def test_the_winner_then_another_measure_of_its_report(dev_qa) -> None:
    """行政许可最多的那年，行政处罚是多少: 平潭 2022 (10690), then that report's 行政处罚 (2113), both cited."""
    answer, _ = dev_qa.ask("平潭行政许可最多的那年，行政处罚是多少", None)
    assert "10,690件（2022年）" in answer.text and "2022年「行政处罚 · 处理决定数量」为2,113件" in answer.text
    assert {c.key for c in answer.citations} >= {"license.decisions", "penalty.decisions"}
