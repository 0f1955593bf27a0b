"""Questions as people ask them, over the seed index: one mechanism per test, with the question kinds of the
outside development set but none of its strings — traditional characters, a wrong character in a name,
English words, two-digit and Chinese-numeral years, colloquial words, negation, thresholds in 亿元, shares,
growth and multiples with their arithmetic, scope words, unresolved names, elliptical follow-ups, missing
rows cited where the table breaks off, numbers read from the text marked in text and table alike, and
random strings answered with "not found"."""

from __future__ import annotations

import random

import pytest

from qa.normalize import normalize
from qa.trace import untraceable

SH, ZD, YC, HG, JN = "沙河市城市管理综合行政执法局", "张店区综合行政执法局", "伊川县城市管理局", "鹤岗市城市管理综合执法局", \
    "济南市城市管理局"


@pytest.fixture(scope="module")
def qa(seed_qa):
    return seed_qa


def ask(qa, *questions):
    conversation, answers = None, []
    for q in questions:
        a, conversation = qa.ask(q, conversation)
        assert not untraceable(a), (q, untraceable(a), a.text)
        answers.append(a)
    return answers[-1] if len(answers) == 1 else answers


@pytest.mark.parametrize("raw, normal", [
    ("二〇二〇年伊川", "2020年伊川"), ("20年济南", "2020年济南"), ("19到21年", "2019到2021年"),
    ("濟南市行政處罰", "济南市行政处罚"), ("Jinan 2020 penalty", "jinan2020行政处罚"), ("１２３件", "123件"),
    ("近10年", "近10年"),
    # comparison signs before a number are the filter's words; elsewhere they stay
    ("行政许可≥1000件", "行政许可大于等于1000件"), ("复议>=2", "复议大于等于2"), ("处罚＜ 10件", "处罚小于10件"),
    ("复议≠0", "复议不等于0"), ("a->b", "a->b"),
])
def test_normalise(raw, normal):
    assert normalize(raw) == normal


@pytest.mark.parametrize("q, agency, number", [
    ("伊州2020年行政处罚多少件", YC, "313"),  # 州 for 川: a homophone? no — a wrong character in a 2-char name
    ("濟南城管行政處罰多少件", JN, "135"),
    ("Yichuan 行政处罚 decisions", YC, "313"),
    ("张点执法局行政许可多少件", ZD, "61"),
    ("鹤港城管罚了多少件", HG, "10"),
    ("Yichuan 2020 penalty decisions", YC, "313"),  # all English, naming an agency: read, not refused
    ("Shahe procurement amount", SH, "7,249.4746"),
])
def test_names_as_written(qa, q, agency, number):
    a = ask(qa, q)
    if q.startswith("伊州"):  # 州 is not a homophone of 川: no guess, the name is said not to be found
        assert a.status == "not_found" and "伊州" in a.text
        return
    assert a.reading.agencies == [agency], a.text
    assert number in a.text


def test_a_wrong_character_is_said(qa):
    a = ask(qa, "鹤港城管罚了多少件")
    assert "鹤港" in " ".join(a.reading.defaults) + a.text


def test_colloquial_words(qa):
    assert ask(qa, "济南批了几件许可").reading.measure == "license.decisions"
    assert ask(qa, "沙河集采了多少个项目").reading.measure == "procurement.items"


def test_money_where_the_template_counts(qa):
    a = ask(qa, "伊川行政处罚罚了多少钱")
    assert a.status == "absent" and "313" not in a.text and "金额" in a.text


def test_negated_filter(qa):
    a = ask(qa, "行政处罚不为0的单位有哪些")
    names = {r[0] for r in a.table.rows}
    assert YC in names and not any(r[2] == 0 for r in a.table.rows)


def test_threshold_in_yi_yuan(qa):
    a = ask(qa, "政府集中采购金额超过0.1亿元的单位")
    assert a.reading.filters and all(r[2] > 1000 for r in a.table.rows)


def test_share_states_its_arithmetic(qa):
    a = ask(qa, "济南新收的申请里，自然人占多少比例")
    assert a.reading.operation == "share" and "÷" in a.text and "%" in a.text


def test_growth_from_the_template_columns(qa):
    a = ask(qa, "伊川行政处罚项目数2020年比2019年增长了百分之几")
    assert "%" in a.text and "÷" in a.text


def test_multiple_between_agencies(qa):
    a = ask(qa, "伊川的行政处罚是济南的几倍")
    assert "313 ÷ 135 = 2.32" in a.text


def test_sum_over_a_named_set(qa):
    a = ask(qa, "沙河、伊川、济南三家的行政处罚合计")
    assert a.reading.operation == "sum" and "460" in a.text


def test_unresolved_name_is_said(qa):
    a = ask(qa, "2020年伊川和福清行政处罚相差多少件")
    assert a.status == "not_found" and "福清" in a.text


def test_nth_place(qa):
    a = ask(qa, "行政处罚排第二的是哪个单位")
    assert a.text.startswith(f"排第2名的是{JN}")


def test_elliptical_follow_ups(qa):
    a = ask(qa, "伊川行政处罚多少件", "济南呢", "两个加起来")
    assert "448" in a[-1].text
    b = ask(qa, "济南不予公开的申请有几件", "其中属于行政执法案卷的呢")
    assert b[-1].reading.measure.startswith("apply.denied.enforcement")


def test_a_complete_question_starts_fresh(qa):
    a = ask(qa, "伊州县城市管理局行政处罚多少件", "哪个单位行政处罚最多")
    assert a[0].status == "not_found" and a[1].status == "answered" and YC in a[1].text


def test_missing_row_cites_where_the_table_breaks_off(qa):
    a = ask(qa, "张店行政处罚多少件")
    finding = [c for c in a.citations if c.kind == "finding"]
    assert finding and all(c.line_start > 0 for c in finding)
    assert not a.alternatives  # no other column of a row that is not there


def test_number_from_text_marked_in_both(qa):
    a = ask(qa, "张店收到多少申请")
    assert a.from_text and "从正文读出" in a.text
    row = a.table.rows[0]
    assert row[3] == 1 and "正文" in row[4]


@pytest.mark.parametrize("seed", range(6))
def test_random_strings_get_not_found(qa, seed):
    rng = random.Random(seed)
    q = "".join(rng.choice("的一是在不了有和人这中为上个我以要他时来用们到作地于出就分对成会可") for _ in range(rng.randint(2, 6)))
    a = ask(qa, q)
    assert a.status != "answered", (q, a.text)


@pytest.mark.parametrize("q", ["北京市人民政府办公厅2019年行政处罚多少件", "城管局行政许可是多少", "潭州城管行政处罚",
                               "伊川和福清行政处罚相差多少", "上海市城管局存在哪些问题"])
def test_every_suggestion_is_answered(qa, q):
    a = ask(qa, q)
    assert a.status in ("not_found", "ambiguous") and a.alternatives, a.text
    for alt in a.alternatives:
        got = ask(qa, alt.question)
        assert got.status in ("answered", "absent"), (alt.question, got.status, got.text)


def test_a_pasted_paragraph_reads_its_question(qa):
    para = "据报道，" + "各地政府信息公开工作持续推进，公开内容不断丰富。" * 12 + "请问伊川城管行政处罚多少件？"
    a = ask(qa, para)
    assert a.status == "answered" and "313" in a.text and "只读了其中的问句" in a.text


def test_a_question_of_its_own_kind_does_not_inherit(qa):
    a = ask(qa, "鹤岗城管的数据有勾稽问题吗", "鹤岗城管存在哪些问题")
    assert a[1].reading.operation == "prose" and "核对" not in a[1].text


def test_follow_ups_of_a_text_answer_keep_the_report(qa):
    a = ask(qa, "鹤岗城管存在哪些问题", "那改进措施呢")
    assert a[1].reading.agencies == [HG]


def test_that_year_is_the_winners_year(qa):
    a = ask(qa, "哪个单位行政处罚最多", "那年的行政许可呢")
    assert a[1].reading.agencies == [YC] and a[1].reading.operation == "value"


def test_fines_are_said_to_be_counts(qa):
    a = ask(qa, "谁的罚款最多")
    assert "罚款" in " ".join(a.reading.defaults) and "313" in a.text


def test_breakdown_within_one_report(qa):
    a = ask(qa, "济南依申请的办理结果中哪一种情形最多")
    assert a.reading.operation == "breakdown" and "本机关不掌握" in a.text and "14" in a.text


def test_share_of_two_numbers_the_text_states(qa):
    a = ask(qa, "张店执法局主动公开的信息里，通过微信公众号公开的占多少")
    assert a.from_text and "53 ÷ 465 = 11.40%" in a.text


def test_a_sum_states_its_terms(qa):
    a = ask(qa, "沙河和济南的行政处罚一共多少件")
    assert "12 + 135 = 147" in a.text.replace("135 + 12", "12 + 135")


@pytest.mark.parametrize("raw, normal", [
    ("平潭一九年的行政许可", "平潭2019年的行政许可"), ("二〇二〇至二〇二二年", "2020至2022年"), ("二三年洪泽", "2023年洪泽"),
    ("一二三年", "一二三年"), ("近十年", "近十年"), ("过千件", "超过1000件"), ("过亿元", "超过1亿元"),
])
def test_normalise_years_and_round_numbers(raw, normal):
    assert normalize(raw) == normal


@pytest.mark.parametrize("question, labels", [
    # the row asked for before its column is named: the row's total, then the column
    ("2020年济南城管行政复议多少件，被纠错的有几件", ["行政复议 · 总计", "行政复议 · 结果纠正"]),
    ("鹤岗城管行政诉讼一共多少？其中维持的几件？", ["行政诉讼（直接起诉与复议后起诉合计） · 总计",
                                             "行政诉讼（直接起诉与复议后起诉合计） · 结果维持"]),
    # the column alone, or two columns of the table whose row is implied
    ("济南城管行政复议纠正了几件", ["行政复议 · 结果纠正"]),
    ("伊川城管自然人和法人各多少", ["本年新收政府信息公开申请数量 · 自然人", "本年新收政府信息公开申请数量 · 法人或其他组织"]),
])
def test_each_value_asked_in_one_question_is_answered(qa, question, labels):
    a = ask(qa, question)
    assert [row[2] for row in a.table.rows] == labels, a.text
    assert all(label.split(" · ")[1] in a.text for label in labels)


def test_an_amount_per_project_divides_the_amount_by_the_count(seed_qa):
    # 沙河 2020 政府集中采购 7249.4746万元 over 5 项: 1449.89万元 a project, not the average of the counts
    a = ask(seed_qa, "沙河2020年政府集中采购平均每个项目多少万元")
    assert "平均每个项目1,449.89万元（7249.4746 ÷ 5 = 1,449.89）" in a.text


def test_two_counts_asked_in_one_sentence_are_each_answered(seed_qa):
    # …发布了多少，…解读了多少: each part retrieved; one passage answering both is quoted once
    a = ask(seed_qa, "济南城管2020年收到多少政府信息公开申请，予以公开了多少")
    assert a.text.count("写道") <= 2


def test_an_amount_asked_in_yuan_is_also_given_in_yuan(seed_qa):
    a = ask(seed_qa, "沙河2020年政府集中采购金额是多少元")
    assert "7,249.4746万元" in a.text and "折合72,494,746元" in a.text
    assert "折合" not in ask(seed_qa, "沙河2020年政府集中采购金额是多少万元").text


def test_how_far_a_broken_sum_misses_is_said(seed_qa):
    # 差了多少: the first broken sum of each report, both sides and the gap (济南 2020: 新收 20 vs 总计 blank)
    a = ask(seed_qa, "哪份报告的表三加起来不对，差了多少")
    assert "济南市城市管理局" in a.text and "两边差" in a.text
    assert "两边差" not in ask(seed_qa, "哪份报告的表三加起来不对").text
