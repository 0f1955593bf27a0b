"""Relative years, yes/no questions, 「A比B少多少」 and a name the index lacks beside found ones: the reading
(no index: the seed agencies as a list, with the years of a longer corpus) and the answers over the seed index
(every seed is a 2020 report, so 去年 is a year the index does not hold, and says so)."""

from __future__ import annotations

import pytest

from qa.relyears import find, resolve
from qa.understand import Reader
from test_qa_reading import ask  # each answer asserted traceable

SH, ZD, YC, HG, JN = "沙河市城市管理综合行政执法局", "张店区综合行政执法局", "伊川县城市管理局", "鹤岗市城市管理综合执法局", \
    "济南市城市管理局"


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader([SH, ZD, YC, HG, JN], lambda k: True, list(range(2019, 2026)))


@pytest.mark.parametrize("q, years", [
    ("伊川去年行政处罚多少件", [2024]), ("伊川前年的行政许可", [2023]), ("伊川今年的行政强制", [2025]),
    ("伊川上一年度收费金额", [2024]), ("伊川近三年行政处罚合计", [2023, 2024, 2025]),
    ("过去5年伊川行政复议", [2021, 2022, 2023, 2024, 2025]), ("伊川去年比前年行政处罚多多少", [2023, 2024]),
    ("伊川2023年比去年行政处罚多多少", [2022, 2023]),  # the question's own year is the base
    ("伊川前年和大前年行政处罚一共多少", [2022, 2023]),  # 大前年: three years back, not 前年 with a 大 left over
])
def test_relative_years_are_read_and_said(reader: Reader, q: str, years: list[int]) -> None:
    plan = reader.read(q)
    assert plan.years == years
    assert any("读作" in d for d in plan.defaults)


@pytest.mark.parametrize("q, column", [
    ("沙河行政处罚上一年项目数量", "prev"), ("沙河执法局行政处罚项目上年是多少项", "prev"), ("伊川去年结转的申请", None),
])
def test_template_words_with_year_words_stay_columns(reader: Reader, q: str, column: str | None) -> None:
    plan = reader.read(q)
    assert not plan.relative and (column is None or plan.column == column)


def test_relative_year_words() -> None:
    assert [r.word for r, _ in find("近三年和去年")] == ["近三年", "去年"]
    assert not find("最近一年")  # the latest report of each agency: a scope word, not a count of years
    years, said = resolve([r for r, _ in find("近两年")], 2025, "索引中最新的")
    assert years == [2024, 2025] and said == ["「近两年」按索引中最新的2025年往前数两年（含该年），读作2024年至2025年"]


@pytest.mark.parametrize("q", [
    "伊川2020年行政处罚是313件吗", "伊川行政处罚是不是300件", "济南城管行政处罚有没有超过100件", "鹤岗城管行政处罚有没有超过100件",
    "伊川行政处罚不到400件吧", "伊川行政处罚处理了313件吗", "伊川有没有行政处罚",
])
def test_yes_no_reading(reader: Reader, q: str) -> None:
    plan = reader.read(q)
    assert plan.yesno and plan.operation == "value" and plan.comparison is not None


@pytest.mark.parametrize("q, first, word", [
    ("鹤岗比伊川的行政处罚少多少件", HG, "少"), ("伊川城管的行政处罚比济南城管少多少", YC, "少"),
    ("伊川2024年的行政许可是不是比2023年多", "2024", "多"), ("伊川行政强制比行政许可少多少", "coercion", "少"),
])
def test_than_reading(reader: Reader, q: str, first: str, word: str) -> None:
    plan = reader.read(q)
    assert (plan.than_first, plan.than_word) == (first, word)


def test_two_measures_of_one_report_as_asked(seed_qa):
    a = ask(seed_qa, "伊川行政许可比行政处罚多吗")
    assert a.text.startswith("不是：") and "「行政许可 · 处理决定数量」比「行政处罚 · 处理决定数量」少294件（313 − 19 = 294）" in a.text


def test_yes_no_answers_say_yes_or_no_with_the_value(seed_qa):
    yes, no, none = (ask(seed_qa, q).text for q in ("伊川城管行政处罚是313件吗", "伊川城管行政处罚是不是300件",
                                                      "沙河城管有没有收到信息公开申请"))
    assert yes.startswith("是的：313件") and no.startswith("不是：313件，不等于300件") and none.startswith("没有：0件")


def test_a_than_b_is_worded_as_asked(seed_qa):
    fewer, other_way = (ask(seed_qa, q).text for q in ("鹤岗比伊川的行政处罚少多少件", "伊川的行政处罚比济南少多少"))
    assert f"{HG}比{YC}少303件（313 − 10 = 303）" in fewer
    assert f"{YC}比{JN}多178件（313 − 135 = 178），不是少" in other_way


def test_relative_year_the_index_lacks_is_said(seed_qa):
    a = ask(seed_qa, "伊川去年行政处罚多少件")
    assert "2019年" in a.text and "「去年」按索引中最新的2020年往前推一年" in a.text and "313" not in a.text


def test_relative_year_in_a_conversation_counts_from_its_year(seed_qa):
    a = ask(seed_qa, "伊川2020年行政处罚多少件", "那前一年呢")[-1]
    assert "「前一年」按上一问的2020年往前推一年，读作2019年" in a.text


def test_now_words_in_a_follow_up_count_from_the_year_talked_about(reader: Reader) -> None:
    from qa.context import Conversation, resolve

    first = reader.read("伊川2021年行政处罚多少件")
    talk = Conversation().add("伊川2021年行政处罚多少件", first, [YC], [2021])
    assert resolve(reader.read("去年呢"), talk, reader).years == [2020]  # 去年呢: the year before the one talked about
    assert resolve(reader.read("那前年呢"), talk, reader).years == [2019]
    assert resolve(reader.read("上一年度呢"), talk, reader).years == [2020]  # 上一年度: before the year talked about
    assert resolve(reader.read("近三年呢"), talk, reader).years == [2023, 2024, 2025]  # a span counts from now
    # 伊川2021年… → 那前年呢 (2019) → 换成行政许可呢 → 那前年呢: two years before 2019, the year talked about now
    second = resolve(reader.read("那前年呢"), talk, reader)
    talk = talk.add("那前年呢", second, [YC], [2019])
    third = resolve(reader.read("换成行政许可呢"), talk, reader)
    talk = talk.add("换成行政许可呢", third, [YC], [2019])
    assert resolve(reader.read("那前年呢"), talk, reader).years == [2017]


def test_now_words_after_a_year_counted_from_now_count_from_now(reader: Reader) -> None:
    from qa.context import Conversation, resolve

    first = reader.read("伊川去年行政处罚多少件")  # 2024, from the latest 2025: 那前年呢 is 2023, in the same frame
    talk = Conversation().add("伊川去年行政处罚多少件", first, [YC], [2024])
    assert resolve(reader.read("那前年呢"), talk, reader).years == [2023]


def test_unknown_name_beside_found_ones_is_said_and_the_found_answered(seed_qa):
    a = ask(seed_qa, "沙河、伊川、石家庄三家城管的行政处罚合计")
    assert a.status == "not_found" and "「石家庄」" in a.text and "合计325件" in a.text


def test_a_zone_word_alone_names_the_one_zone() -> None:
    zone, seat = "平潭综合实验区", "淮安市洪泽区人民政府"
    plan = Reader([YC, zone, seat], lambda k: True, [2023, 2024]).read("实验区2024年行政许可多少")
    assert plan.agencies == [zone] and any("「实验区」按平潭综合实验区理解" in d for d in plan.defaults)


@pytest.mark.parametrize("q, name", [
    ("上海城管和济南城管的行政处罚谁多", "上海城管"), ("福清的行政许可比伊川多吗", "福清"), ("伊川比福清的行政许可多吗", "福清"),
])
def test_a_name_beside_a_found_one_is_never_dropped(reader: Reader, q: str, name: str) -> None:
    assert name in reader.read(q).unresolved


def test_a_thing_of_the_found_agency_is_no_name(reader: Reader) -> None:
    assert not reader.read("沙河城管的数字城管平台是哪年建成的").unresolved


def test_a_reports_own_comparison_of_years_is_no_year_to_count(reader: Reader) -> None:
    own = reader.read("伊川城管今年比去年多发布了多少信息")
    assert own.operation == "prose" and own.years == [] and not own.relative
    asked = reader.read("伊川去年存在哪些问题")  # 去年 alone says which report
    assert asked.operation == "prose" and asked.years == [2024]


def test_every_answer_says_how_a_relative_year_was_read(seed_qa):
    for q in ("伊川去年存在哪些问题", "伊川去年的数据对得上吗", "伊川近两年行政处罚合计"):
        assert "按索引中最新的2020年" in ask(seed_qa, q).text, q


@pytest.mark.parametrize("q, years, value", [
    ("伊川2023年的行政许可超过2000件了吗", [2023], 2000), ("伊川哪几年行政许可在2000到2500件之间", [], 2000),
    ("伊川行政处罚是2020件吗", [], 2020),
])
def test_a_count_that_looks_like_a_year_is_a_count(reader: Reader, q: str, years: list[int], value: float) -> None:
    plan = reader.read(q)
    assert plan.years == years and plan.comparison is not None and plan.comparison.value == value


def test_a_rate_asked_yes_or_no(seed_qa):
    a = ask(seed_qa, "济南城管不予公开的申请占新收申请的比例超过10%吗")
    assert a.reading.operation == "share" and a.text.startswith("不是：5%，不大于10%。")


def test_last_year_that_is_the_year_talked_about_still_follows(reader: Reader) -> None:
    from qa.context import Conversation, resolve

    # 伊川2024年… → 那去年呢 (the year before 2024, the year talked about): the same measure and agency, 2023
    first = reader.read("伊川2024年行政处罚多少件")
    talk = Conversation().add("伊川2024年行政处罚多少件", first, [YC], [2024])
    plan = resolve(reader.read("那去年呢"), talk, reader)
    assert plan.operation == "value" and plan.item == first.item and plan.agencies == [YC] and plan.years == [2023]
