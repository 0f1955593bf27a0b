"""Kinds of question a stranger using the app found answered wrongly (held-out batch 10, ho548–ho555), each
asked here in other words over dev.json's corpus: a named agency with no report in the year asked (said, never
dropped), the years an agency does have, 没有收到任何… as a filter = 0, a row's parts added up against its
stated total, one report's share of all reports' sum, an off-topic question after a text answer (refused over
every report, not searched in the last one), 被人告过吗 from table 四, and 其中最少的 within the set just filtered."""

from __future__ import annotations

import pytest

from test_dev_questions import ask_turns as _ask
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)


@pytest.mark.parametrize("q, missing, own_years, kept", [
    ("2022年伊川和平潭的行政许可哪个多", "伊川县城市管理局2022年的报告", "2020年", "2,113"),
    ("2024年平潭和洪泽的行政处罚比一比", "淮安市洪泽区人民政府2024年的报告", "2023年", "1,100"),
])
def test_a_named_agency_without_the_years_report_is_said(dev_qa, q, missing, own_years, kept) -> None:
    (a,) = _ask(dev_qa, q)
    assert f"索引中没有{missing}" in a.text and own_years in a.text, a.text


@pytest.mark.parametrize("q, own", [
    ("伊川2024年的报告对得上吗", "伊川县城市管理局的现有年份：2020年"),
    ("鹤岗城管2022年行政处罚多少件", "2020年"),
])
def test_a_missing_year_offers_the_agencys_own_years(dev_qa, q, own) -> None:
    (a,) = _ask(dev_qa, q)
    assert own in a.text and "2019" not in a.text and "「」" not in a.reading.summary, (a.text, a.reading.summary)


@pytest.mark.parametrize("q", ["哪些单位一件政府信息公开申请都没收到", "哪些单位没有收到过任何申请"])
def test_none_received_is_a_filter_at_zero(dev_qa, q) -> None:
    (a,) = _ask(dev_qa, q)
    assert a.reading.operation == "filter" and any("== 0" in f for f in a.reading.filters), (a.reading, a.text)
    for name in ("伊川", "沙河", "鹤岗"):
        assert name in a.text, a.text
    assert "张店" in a.text and "不计为零" in a.text, a.text  # its rows are lost: absent, said, not 0


@pytest.mark.parametrize("q, said", [
    ("平潭2025年新收申请按申请人类别加起来是多少", "= 154，与所填的共计154件一致"),
    ("济南城管2020年新收申请各栏相加等于多少", "18 + 0 + 0 + 0 + 0 + 0 = 18，差2件"),
])
def test_a_rows_parts_added_up_against_its_total(dev_qa, q, said) -> None:
    (a,) = _ask(dev_qa, q)
    assert said in a.text, a.text


def test_one_reports_share_of_every_reports_sum(dev_qa) -> None:
    (a,) = _ask(dev_qa, "平潭2023年的行政许可占所有单位行政许可的百分之几")
    assert "2629 ÷ 3179 = 82.70%" in a.text and "合计覆盖：" in a.text and "淮安市洪泽区人民政府" in a.text, a.text


@pytest.mark.parametrize("turns", [("沙河城管存在什么问题", "今天股市怎么样"), ("鹤岗城管下一步怎么改进", "帮我订一张机票")])
def test_an_off_topic_question_is_not_carried_over(dev_qa, turns) -> None:
    last = _ask(dev_qa, *turns)[-1]
    carried = turns[0][:2]  # refused (nothing found, or no such name), never searched in that report alone
    assert last.status in ("out_of_scope", "not_found") and carried not in last.reading.summary, \
        (last.text, last.reading.summary)


@pytest.mark.parametrize("q, verdict", [("鹤岗城管有没有被起诉过", "没有：0件"), ("平潭2023年被人告过吗", "有：7件")])
def test_sued_yes_or_no_from_table_four(dev_qa, q, verdict) -> None:
    (a,) = _ask(dev_qa, q)
    assert a.text.startswith(verdict) and "行政诉讼" in a.reading.measure_label, a.text


def test_the_least_within_the_filtered_set(dev_qa) -> None:
    last = _ask(dev_qa, "行政许可超过50件的有哪些单位", "这些单位里哪个最少")[-1]
    assert "张店区综合行政执法局最少：61件" in last.text and "上一问筛出" in last.text, last.text
