"""Kinds of question the held-out batch 9 found, over dev.json's corpus (real 平潭 and 洪泽 reports): a row's
parts listed (分别是什么原因), a column word after another row of its table (它的纠正的呢 after 行政诉讼), two
agencies each with its own year, a column's share of its own row, English year ranges and disclosure words, and
a consistency question about one table only."""

from __future__ import annotations

import pytest

from qa.normalize import normalize
from test_dev_questions import ask_turns as _ask
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)


@pytest.mark.parametrize("turns, parts", [
    (("平潭2024年不予公开的申请分别是什么原因",), ["三类内部事务信息」32", "国家秘密」4", "第三方合法权益」3", "其余5项为0"]),
    (("平潭2025年无法提供多少件", "都有哪些情形"), ["本机关不掌握相关政府信息」50", "另行制作」3"]),
    (("平潭2024年行政复议多少件", "都有哪些结果"), ["其他结果」3", "结果维持」2", "结果纠正」1", "尚未审结」1"]),
])
def test_the_parts_of_a_row_are_listed(dev_qa, turns, parts) -> None:
    last = _ask(dev_qa, *turns)[-1]
    assert last.reading.operation == "breakdown", last.text
    for p in parts:
        assert p in last.text, (p, last.text)


@pytest.mark.parametrize("turns, label, value", [
    (("平潭2024年行政诉讼多少件", "它的纠正的呢"), "行政诉讼", "2件"),
    (("平潭2023年行政诉讼有几件", "其中维持的呢"), "行政诉讼", "5件"),
    (("平潭2023年行政复议多少件", "它的维持的呢"), "行政复议", "1件"),
])
def test_a_column_after_a_row_stays_on_that_row(dev_qa, turns, label, value) -> None:
    last = _ask(dev_qa, *turns)[-1]
    assert f"「{label}" in last.text and value in last.text and "按「行政复议」" not in last.text, last.text


@pytest.mark.parametrize("q, first, second", [
    ("平潭2024年的行政处罚和洪泽2023年比，哪个多", "1,100", "4,119"),
    ("2024年的平潭和2023年的洪泽行政处罚谁多", "1,100", "4,119"),
    ("洪泽2023年和平潭2021年的行政许可哪个多", "550", "2,293"),
])
def test_each_agency_with_the_year_written_beside_it(dev_qa, q, first, second) -> None:
    (a,) = _ask(dev_qa, q)
    assert first in a.text and second in a.text, a.text


@pytest.mark.parametrize("q, said", [
    ("平潭2021年法人或其他组织的申请占新收申请的比重", "6件 ÷ 70件 = 8.57%"),
    ("平潭2025年商业企业的申请占新收申请的比例", "3件 ÷ 154件 = 1.95%"),
])
def test_a_column_over_its_own_rows_total(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text, a.text


@pytest.mark.parametrize("q, words", [
    ("total fee income from 2021 to 2025", "2021到2025年"),
    ("penalties between 2023 and 2025", "2023到2025年"),
    ("compare 2021 and 2025 penalties", "2021and2025"),  # two years, not a range
    ("how many requests were fully disclosed", "予以公开"),
    ("applications carried over to the next year", "结转下年度"),
])
def test_english_ranges_and_disclosure_words(q, words) -> None:
    assert words in normalize(q)


@pytest.mark.parametrize("q, verdict, number", [
    ("洪泽2023年表三各项加起来等于21吗", "没有发现不一致", "21件"),  # 四's break is not what was asked
    ("洪泽2023年表四的数据对得上吗", "不一致", None),
    ("平潭2020年表三各项加起来等于21吗", "不一致", "21件"),
])
def test_a_consistency_question_about_one_table(dev_qa, q, verdict, number) -> None:
    (a,) = _ask(dev_qa, q)
    assert verdict in a.text and (number is None or number in a.text), a.text


def test_parts_that_miss_their_stated_total_are_said(dev_qa) -> None:
    (a,) = _ask(dev_qa, "洪泽2023年行政复议都有哪些结果")
    assert "共0件" in a.text and "结果维持」10件" in a.text and "各小项之和为11件" in a.text, a.text
    assert any(d.value == "11" for d in a.derived)


def test_a_table_named_by_its_number_gives_the_column_its_row(dev_qa) -> None:
    (a,) = _ask(dev_qa, "平潭2022年表三的总计是75吗")
    assert a.status == "answered" and "办理结果总计" in a.text and "75件" in a.text, a.text


@pytest.mark.parametrize("q, said, rows", [
    ("平潭哪些年份行政处罚超过1000件而且行政许可超过3000件", "的报告有2份", {2022, 2024}),
    ("平潭哪些年份新收申请超过70件并且不予公开超过5件", "的报告有2份", {2024, 2025}),
    ("有几份报告行政处罚超过1000件同时行政强制超过50件", "的报告有3份", {2023, 2024}),
])
def test_two_conditions_on_two_items_must_both_hold(dev_qa, q, said, rows) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text and "且「" in a.text, a.text
    assert {r[1] for r in a.table.rows} == rows, a.table.rows


@pytest.mark.parametrize("turns, said", [
    (("平潭2023年行政许可多少", "它前一年呢"), "2022年「行政许可 · 处理决定数量」为10,690件"),
    (("平潭2023年存在哪些问题", "它前一年呢"), "意见征集形式较为单一"),
    (("洪泽2023年行政处罚是多少", "排第几"), "排第1名"),
    (("平潭2024年行政复议多少件", "在所有报告里排第几"), "平潭综合实验区（2024年）排第2名"),
    (("平潭2023年的行政强制是2022年的几倍",), "2022年为0，增长的百分比和倍数无从计算"),
    (("洪泽2023年新收申请的申请人都是谁",), "自然人」21件"),
])
def test_elliptical_follow_ups_and_zero_bases(dev_qa, turns, said) -> None:
    last = _ask(dev_qa, *turns)[-1]
    assert said in last.text, last.text


def test_parts_of_several_years_are_listed_year_by_year(dev_qa) -> None:
    (a,) = _ask(dev_qa, "平潭2021年和2022年的不予公开原因分别是什么")
    assert "2021年「不予公开（各项合计）」共8件" in a.text and "2022年「不予公开（各项合计）」共4件" in a.text, a.text
    assert "行政执法案卷」6件" in a.text and "四类过程性信息」2件" in a.text


def test_an_english_share_asked_with_that_were(dev_qa) -> None:
    (a,) = _ask(dev_qa, "What's the percentage of Pingtan's 2024 applications that were withheld?")
    assert "39件 ÷ 218件 = 17.89%" in a.text, a.text


@pytest.mark.parametrize("q, said", [
    ("不予公开理由里哪一类在所有报告中加起来最多", "属于三类内部事务信息」：37件"),
    ("平潭历年不予公开里哪一类最多", "按7份报告合计"),
])
def test_parts_over_several_reports_are_summed(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert a.status == "answered" and said in a.text, a.text
    assert any(d.value == "37" for d in a.derived)


@pytest.mark.parametrize("q, said", [
    ("平潭2022年上年结转了1件，这1件是谁申请的", "上年结转政府信息公开申请数量 · 自然人」1件"),
    ("平潭2025年结转下年度的6件都是谁提的", "商业企业」2件"),
    ("平潭2024年谁申请的最多", "最多的是「本年新收政府信息公开申请数量 · 自然人」：217件"),
])
def test_who_applied_is_the_applicant_columns(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text, a.text


def test_which_reports_text_disagrees_with_table_lists_only_those(dev_qa) -> None:
    (a,) = _ask(dev_qa, "哪些报告正文和表格不一致")
    assert "有2份报告" in a.text and "济南" in a.text and "平潭综合实验区2023年" in a.text, a.text
    assert "淮安市洪泽区人民政府" not in a.text  # its break is inside its table, not against its text


@pytest.mark.parametrize("q, said", [
    ("沙河、伊川、鹤岗三家谁的政府集中采购项目最多", "沙河市城市管理综合行政执法局、鹤岗市城市管理综合执法局并列最多"),
    ("平潭最近一年和前一年行政处罚相比怎么样", "2024年1,100件，2025年644件"),
    ("各单位最新一年的行政处罚谁最多", "淮安市洪泽区人民政府最多"),  # each agency's latest, not the index's year
])
def test_ties_named_and_the_latest_year_beside_another(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text, a.text


@pytest.mark.parametrize("q, said, derived", [
    ("平潭2024年不予公开占比比2023年高了多少个百分点", "高11.72个百分点", "11.72"),
    ("平潭2024年和2025年的行政复议纠正率相差多少", "低5.96个百分点", "5.96"),
    ("平潭历年予以公开率的平均值", "简单平均为31.04%", "31.04"),
])
def test_shares_of_several_reports_compared_or_averaged(dev_qa, q, said, derived) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text and any(d.value == derived for d in a.derived), a.text


@pytest.mark.parametrize("q, rows", [
    ("平潭哪几年的部分公开多于予以公开", {("平潭综合实验区", 2025)}),
    ("哪些报告的予以公开比部分公开少", {("平潭综合实验区", 2025), ("淮安市洪泽区人民政府", 2023)}),
    ("平潭有几年行政处罚超过行政许可", {("平潭综合实验区", 2019), ("平潭综合实验区", 2020)}),
])
def test_reports_where_one_item_exceeds_another(dev_qa, q, rows) -> None:
    (a,) = _ask(dev_qa, q)
    assert "同一报告的「" in a.text and {(r[0], r[1]) for r in a.table.rows} == rows, (a.text, a.table.rows)


@pytest.mark.parametrize("q, said", [
    ("Pingtan's withheld requests in 2024 by reason", "三类内部事务信息」32件"),
    ("洪泽2023年依申请公开的办理结果有哪些", "本机关不掌握相关政府信息」10件"),
    ("平潭2019年办理结果的构成", "共23件，各小项"),
    ("Which year did Pingtan have the highest correction rate in administrative reconsideration?", "50.00%"),
    ("How many of Hongze's 2023 requests could not be provided because the information did not exist?",
     "本机关不掌握相关政府信息 · 总计」为10件"),
])
def test_parts_and_rates_in_other_words(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text, a.text


@pytest.mark.parametrize("q", ["平潭2024年上半年行政处罚多少件", "平潭2023年12月收到几件申请", "洪泽2023年第三季度行政许可多少"])
def test_a_part_of_a_year_is_not_answered_with_the_whole_year(dev_qa, q) -> None:
    (a,) = _ask(dev_qa, q)
    assert a.status == "out_of_scope" and "无法回答" in a.text and not any(ch.isdigit() for ch in
                                                                        a.text.split("：", 1)[1]), a.text


def test_an_amount_asked_in_yi_yuan(dev_qa) -> None:
    (a,) = _ask(dev_qa, "平潭2021年行政事业性收费是多少亿元")
    assert "2.425231亿元" in a.text and any(d.value == "2.425231" for d in a.derived), a.text


def test_parts_of_two_agencies_are_listed_agency_by_agency(dev_qa) -> None:
    (a,) = _ask(dev_qa, "洪泽和平潭2023年不予公开的理由分别是什么")
    assert a.text.index("淮安市洪泽区人民政府2023年「不予公开（各项合计）」共3件") < a.text.index("平潭综合实验区2023年「不予公开（各项合计）」共5件")
