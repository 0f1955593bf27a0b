"""Rates asked in 成 and averages asked per month, over dev.json's corpus: 占几成 / 多了几成 / 只有…的几成 answer
in 成 with the derivation; 平均每月 divides by the months the reports cover. Every number stays traceable."""

from __future__ import annotations

import pytest

from qa.trace import untraceable
from test_dev_questions import DEV
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV.parent} not found (../shared is not beside the repo)")


@pytest.mark.parametrize("q,said", [
    ("平潭2024年新收申请里不掌握信息的占几成", "约3.4成"),  # 75 ÷ 218 = 34.40%
    ("平潭2020年的行政许可比2019年多了几成", "约5.4成"),  # (278 − 181) ÷ 181 = 53.59%
    ("平潭2025年行政处罚只有2024年的几成", "约5.9成"),  # 644 ÷ 1100 = 58.55%, not the fall (41.45%)
    ("平潭2023年平均每月新收多少件申请", "平均每月6.75件"),  # 81 ÷ 12
    ("平潭2019年到2021年平均每月行政处罚多少件", "平均每月62.5件"),  # 2250 ÷ 36
])
def test_tenths_and_months(dev_qa, q: str, said: str) -> None:
    answer, _ = dev_qa.ask(q, None)
    assert said in answer.text, answer.text
    assert not untraceable(answer)


def test_a_share_not_asked_in_tenths_stays_a_percentage(dev_qa) -> None:
    answer, _ = dev_qa.ask("平潭2024年新收申请里不掌握信息的占比", None)
    assert "34.40%" in answer.text and "成" not in answer.text.replace("构成", "")
