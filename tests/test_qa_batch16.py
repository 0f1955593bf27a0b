"""The kinds held-out batch 16 (ho840–ho869) found answered wrongly, each asked here in other words over dev.json's
corpus: a group named beside every one of its parts (行政诉讼，包括直接起诉和复议后起诉: the whole, not its first
part; 各 still asks each), a total and a yearly average asked together (合计多少，年均多少: both said; 年均 is an
average word) one year's share of the sum over a range of years named after 占 (占2021至2023年合计的) and a negation before a passive
verb (没被提起过行政诉讼 / 没有被申请过行政复议: none, never read as having some) and 哪些单位从来没有 (every report of
an agency meets the condition, not only its latest) and 平潭2021年…在2021至2025年中排第几 (that report placed among the
agency's own reports of the range, not every agency's) and a rate's 同比 / 比上年 (the year before's rate too, the two
compared in percentage points)."""

from __future__ import annotations

import pytest

from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _says(answer, *parts: str) -> None:
    assert all(p in answer.text for p in parts), answer.text


# 四 行政诉讼 直接起诉 总计: 2021 12, 2022 1, 2023 5, 2024 0, 2025 6; 复议后起诉 总计: 2023 2, 2024 19, 2025 3
@pytest.mark.parametrize("question, says", [
    ("平潭2024到2025年行政诉讼一共几件，含直接起诉和复议后起诉", ["合计28件"]),
    ("平潭2023年直接起诉加复议后起诉的行政诉讼总数", ["7件"]),
])
def test_a_group_named_with_all_its_parts_is_the_whole(dev_qa, question, says) -> None:
    _says(dev_qa.ask(question)[0], *says)


def test_each_part_asked_stays_each(dev_qa) -> None:
    a = dev_qa.ask("平潭2025年行政诉讼里直接起诉和复议后起诉分别多少件")[0]
    _says(a, "未经复议直接起诉 · 总计」为6件", "复议后起诉 · 总计」为3件")


# 二 行政处罚: 2019 430, 2020 538, 2021 1282, 2022 2113, 2023 1330, 2024 1100, 2025 644
@pytest.mark.parametrize("question, says", [
    ("平潭2019到2022年行政处罚总共多少件，年均呢", ["平均1,090.75件", "合计4,363件"]),
    ("平潭2023至2025年行政处罚年均多少", ["平均1,024.67件"]),
])
def test_a_total_and_a_yearly_average(dev_qa, question, says) -> None:
    _says(dev_qa.ask(question)[0], *says)


@pytest.mark.parametrize("question, says", [
    # 行政许可 2021 2293, 2022 10690, 2023 2629: 15612
    ("平潭2022年行政许可占2021到2023年合计的百分之多少", ["2021年至2023年3份报告合计15,612件的68.47%"]),
    # 行政复议 总计 2021 3, 2022 2, 2023 2, 2024 7, 2025 36: 50
    ("平潭2025年的行政复议在2021至2025年总数里占多大比重", ["合计50件的72.00%"]),
])
def test_a_years_share_of_a_named_range(dev_qa, question, says) -> None:
    _says(dev_qa.ask(question)[0], *says)


# 四 行政诉讼 总计 (直接 + 复议后): 平潭 2019 0, 2020 0, 2021 12, 2022 1, 2023 7, 2024 19, 2025 9; the five 2020 seeds 0
@pytest.mark.parametrize("question, says", [
    ("平潭哪些年份没被人提起过行政诉讼", ["等于0件的报告有2份", "2019年", "2020年"]),
    ("哪几家单位没有被申请过行政复议", ["等于0件的单位"]),
])
def test_a_negation_before_a_passive_verb(dev_qa, question, says) -> None:
    a = dev_qa.ask(question)[0]
    _says(a, *says)
    assert "不等于0" not in a.text


# 不予处理 重复申请 总计: 济南 2020 4; 平潭 2019 3, 2020 3, 2023 1, 2024 1, others 0; the other five agencies 0
@pytest.mark.parametrize("question", ["哪几家单位历年都没有重复申请的", "哪些单位一直都没遇到过重复申请"])
def test_never_is_every_report_of_an_agency(dev_qa, question) -> None:
    a = dev_qa.ask(question)[0]
    _says(a, "每份报告都等于0件的单位有5个", "洪泽")
    assert "平潭" not in a.text and "济南" not in a.text


@pytest.mark.parametrize("question, says", [
    # 行政许可 平潭: 2022 10690, 2024 4529, 2023 2629, 2025 2418, 2021 2293, 2020 278, 2019 181
    ("平潭2024年行政许可在2019到2025年当中排第几", "平潭综合实验区（2024年）排第2名（提供数据的7份报告中）"),
    # 行政处罚 平潭 2021–2023: 2022 2113, 2023 1330, 2021 1282 (洪泽 2023's 4119 is another agency's)
    ("平潭2023年行政处罚在2021至2023年里排名第几", "平潭综合实验区（2023年）排第2名（提供数据的3份报告中）"),
])
def test_a_years_place_within_a_named_range(dev_qa, question, says) -> None:
    a = dev_qa.ask(question)[0]
    _says(a, says)
    assert "洪泽" not in a.text


@pytest.mark.parametrize("question, says", [
    # 四 行政复议 结果纠正 / 总计: 2023 1/2 = 50%, 2024 1/7 = 14.29%
    ("平潭2024年行政复议纠错率跟上一年比变了几个百分点", "2024年比平潭综合实验区2023年低35.71个百分点"),
    # 三 予以公开 / （七）总计: 2024 71/218 = 32.57%, 2025 33/148 = 22.30%
    ("平潭2025年予以公开的比例同比下降了多少", "2025年比平潭综合实验区2024年低10.27个百分点"),
])
def test_a_rates_year_on_year_change(dev_qa, question, says) -> None:
    _says(dev_qa.ask(question)[0], says)
