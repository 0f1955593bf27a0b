"""Reading questions: many phrasings of each operation, measures and their default columns, agencies from
partial names, years, Chinese numerals, comparisons — no index needed (the seed agencies as a list)."""

from __future__ import annotations

import pytest

from qa.cnnum import cn_to_int, parse_number
from qa.understand import Reader

SH, ZD, YC, HG, JN = "沙河市城市管理综合行政执法局", "张店区综合行政执法局", "伊川县城市管理局", "鹤岗市城市管理综合执法局", \
    "济南市城市管理局"
TWENTY_TWENTY_ONE_KEYS = ("fee.amount", "normative.issued", "regulation.issued", "normative.repealed",
                          "normative.in_force", "regulation.repealed", "regulation.in_force")


@pytest.fixture(scope="module")
def reader() -> Reader:
    # the seeds are all 2019-template reports: the 2021 template's keys are absent
    return Reader([SH, ZD, YC, HG, JN], lambda k: k not in TWENTY_TWENTY_ONE_KEYS, [2020])


@pytest.mark.parametrize("q,op,measure", [
    ("哪个单位行政处罚最多", "max", "penalty.decisions"),
    ("行政处罚最多的是哪个单位？", "max", "penalty.decisions"),
    ("谁的罚款最多", "max", "penalty.decisions"),
    ("处罚数量最高的单位", "max", "penalty.decisions"),
    ("哪个单位行政处罚最少", "min", "penalty.decisions"),
    ("审批最少的是谁", "min", "license.decisions"),
    ("行政处罚前三名", "top", "penalty.decisions"),
    ("排名前5的行政许可", "top", "license.decisions"),
    ("行政处罚后两名", "bottom", "penalty.decisions"),
    ("倒数三名的采购金额", "bottom", "procurement.amount"),
    ("各单位行政处罚排名", "rank", "penalty.decisions"),
    ("按行政许可从高到低排序", "rank", "license.decisions"),
    ("各单位行政处罚合计多少", "sum", "penalty.decisions"),
    ("行政许可总共多少", "sum", "license.decisions"),
    ("行政处罚平均多少", "avg", "penalty.decisions"),
    ("行政处罚超过100件的单位有几个", "count", "penalty.decisions"),
    ("行政处罚大于100的单位", "filter", "penalty.decisions"),
    ("哪些单位没有收到申请", "filter", "apply.new.total"),
    ("济南市城管局行政处罚是多少", "value", "penalty.decisions"),
    ("济南和伊川哪个行政处罚多", "compare", "penalty.decisions"),
    ("济南行政处罚比上年增加了多少", "change", "penalty.decisions"),
    ("哪些单位的数据有勾稽问题", "findings", None),
    ("济南的数据有问题吗", "findings", None),
    ("有哪些单位", "corpus", None),
    ("一共几份报告", "corpus", None),
    ("鹤岗城管存在哪些主要问题", "prose", None),
    ("济南市城管局圆桌对话开展了多少次", "prose", None),
    ("行政处罚最多的单位存在哪些问题", "mixed", "penalty.decisions"),
])
def test_operations(reader: Reader, q: str, op: str, measure: str | None) -> None:
    plan = reader.read(q)
    assert plan.operation == op, q
    m = plan.measure()
    assert (m.id if m else None) == measure, q


@pytest.mark.parametrize("q,measure", [
    ("哪个单位收费最多", "fee.prev"),  # the 2019 template has no 收费金额: the index's own column
    ("采购最多的单位", "procurement.amount"),
    ("政府采购项目数量排名", "procurement.items"),
    ("自然人申请最多的单位", "apply.new.natural"),
    ("法人或其他组织申请最多的单位", "apply.new.legal_person"),
    ("不予公开最多的单位", "apply.denied.total"),
    ("不予公开的申请最多的单位", "apply.denied.total"),  # 申请 is the noun here, not 新收
    ("无法提供最多的单位", "apply.unable.total"),
    ("重复申请最多的单位", "apply.rejected.duplicate.total"),
    ("复议后起诉最多的单位", "suit.after_review.total"),
    ("行政诉讼最多的单位", "suit.total"),
    ("行政复议尚未审结最多的单位", "review.pending"),
    ("上年结转最多的单位", "apply.carried_in.total"),
    ("结转下年度最多的单位", "apply.carried_out.total"),
    ("行政处罚上一年项目数量最多的单位", "penalty.prev"),
    ("行政许可本年增减最多的单位", "license.change"),
    ("规范性文件本年新公开数量最多", "normative.published"),
])
def test_measures_and_columns(reader: Reader, q: str, measure: str) -> None:
    assert reader.read(q).measure().id == measure, q


def test_default_column_is_said(reader: Reader) -> None:
    plan = reader.read("哪个单位行政处罚最多")
    assert not plan.column_explicit and any("处理决定数量" in d for d in plan.defaults)
    assert reader.read("哪个单位行政处罚处理决定数量最多").column_explicit
    plan = reader.read("哪个单位申请最多")
    assert any("本年新收" in d for d in plan.defaults) and any("总计" in d for d in plan.defaults)


@pytest.mark.parametrize("q,agencies", [
    ("济南行政处罚多少", [JN]), ("济南城管行政处罚多少", [JN]), ("伊川县行政处罚", [YC]),
    ("鹤岗市城管局行政许可", [HG]), ("张店区综合行政执法局行政许可", [ZD]), ("沙河市城管局采购金额", [SH]),
    ("济南和伊川哪个多", [JN, YC]), ("比较鹤岗与张店的行政许可", [HG, ZD]),
])
def test_agencies_from_partial_names(reader: Reader, q: str, agencies: list[str]) -> None:
    assert reader.read(q).agencies == agencies


def test_kind_words_are_no_agency(reader: Reader) -> None:
    plan = reader.read("城管局行政处罚多少")
    assert plan.agencies == [] and set(plan.candidates) == {SH, YC, HG, JN}
    plan = reader.read("哪个城管局行政处罚最多")
    assert plan.operation == "max" and plan.kind == "城管局" and ZD not in plan.kind_agencies


def test_unknown_agency(reader: Reader) -> None:
    assert reader.read("北京市城管局行政处罚多少").unknown_agency == "北京市城管局"
    assert reader.read("上海城管局存在哪些问题").unknown_agency == "上海城管局"
    for q in ("哪个区县行政处罚最多", "城市管理局存在哪些问题", "全市行政处罚合计"):
        assert reader.read(q).unknown_agency is None, q


def test_agency_name_does_not_read_as_a_measure() -> None:
    r = Reader(["成都市行政审批局", "成都市城市管理局"], lambda k: True, [2020])
    plan = r.read("成都市行政审批局存在哪些问题")
    assert plan.agencies == ["成都市行政审批局"] and plan.item is None and plan.operation == "prose"


@pytest.mark.parametrize("q,op,value", [
    ("行政处罚超过100件的单位", ">", 100), ("行政处罚大于一百的单位", ">", 100), ("行政处罚不少于12件的单位", ">=", 12),
    ("行政处罚少于50的单位", "<", 50), ("行政处罚100件以上的单位", ">=", 100), ("行政处罚10件以下的单位", "<=", 10),
    ("行政强制为0的单位", "==", 0), ("哪些单位没有行政强制", "==", 0), ("行政处罚不超过两百的单位", "<=", 200),
])
def test_comparisons(reader: Reader, q: str, op: str, value: float) -> None:
    c = reader.read(q).comparison
    assert c is not None and (c.op, c.value) == (op, value), q


def test_absent_filter(reader: Reader) -> None:
    plan = reader.read("哪些单位没有提供行政处罚数据")
    assert plan.absent_only and plan.operation == "filter" and plan.comparison is None


@pytest.mark.parametrize("q,n", [("行政处罚前三", 3), ("前五名的行政许可", 5), ("行政处罚排名前10", 10),
                                 ("行政处罚最多的两个单位", 2), ("行政处罚前十名", 10), ("top 3 行政处罚", 3)])
def test_top_n_numerals(reader: Reader, q: str, n: int) -> None:
    plan = reader.read(q)
    assert plan.operation == "top" and plan.n == n, q


def test_chinese_numbers() -> None:
    assert [cn_to_int(x) for x in ("三", "十", "十五", "二十", "一百二十", "两", "三万", "一二")] == \
        [3, 10, 15, 20, 120, 2, 30000, 12]
    assert parse_number("1,113") == 1113 and parse_number("3.5万") == 35000 and parse_number("一百") == 100


def test_years(reader: Reader) -> None:
    assert reader.read("2021年哪个单位行政处罚最多").years == [2021]
    assert reader.read("鹤岗城管2020年和2021年行政处罚").years == [2020, 2021]
    assert reader.read("鹤岗城管2019至2021年行政处罚").years == [2019, 2020, 2021]
    plan = reader.read("鹤岗城管历年行政处罚")
    assert plan.all_years and plan.years == []
    # a year is no threshold
    assert reader.read("2020年行政处罚超过100的单位").comparison.value == 100


def test_part_hints(reader: Reader) -> None:
    assert reader.read("鹤岗城管存在哪些问题").part == "五"
    assert reader.read("济南市城管局下一步如何改进").part == "五"
    assert reader.read("济南市城管局圆桌对话开展了多少次").part is None


@pytest.mark.parametrize("q", ["", "   ", "what is the weather", "'; drop table facts; --", "12345", "???", "🙂🙂"])
def test_bad_input_is_invalid(reader: Reader, q: str) -> None:
    assert reader.read(q).operation == "invalid"


def test_long_question_is_capped(reader: Reader) -> None:
    plan = reader.read("哪个单位行政处罚最多" + "啊" * 500)
    assert len(plan.question) == 200 and plan.notes and plan.operation == "max"


# ---------------------------------------------------------------- wordings the held-out set found
@pytest.mark.parametrize("q,share_item,share_of", [
    ("伊川行政诉讼里直接起诉的占多大比例", "suit.direct", ["suit"]),  # the container is the denominator
    ("伊川不予公开里属于内部事务信息的占几成", "apply.denied.internal", ["apply.denied"]),
    ("伊川予以公开的占办理结果总数的比率", "apply.granted", ["apply.total"]),
    ("伊川不掌握相关信息的申请占办理总数的百分比", "apply.unable.not_held", ["apply.total"]),
    ("伊川的申请中有百分之几无法提供", "apply.unable", ["apply.total"]),
    # the wider row after 占 is the denominator, not dropped for the narrower one named first
    ("伊川直接起诉的行政诉讼占全部诉讼的比重", "suit.direct", ["suit"]),
    ("伊川复议后起诉的占行政诉讼的百分之几", "suit.after_review", ["suit"]),
])
def test_share_wordings(reader: Reader, q: str, share_item: str, share_of: list[str]) -> None:
    plan = reader.read(q)
    assert plan.operation == "share" and plan.item == share_item and plan.share_of == share_of, plan


@pytest.mark.parametrize("q", ["伊川各项办理结果加起来等于总计吗", "伊川行政复议那一栏，维持、纠正和总计之间有没有问题",
                               "伊川表三的总计列，办理结果之和等于总计吗",
                               # an auditor's wordings
                               "伊川年报数据是否准确", "伊川的复议表有没有错", "济南表三准不准", "鹤岗的数据有无差错",
                               "伊川行政许可数据对不对"])
def test_consistency_wordings(reader: Reader, q: str) -> None:
    assert reader.read(q).operation == "findings"


def test_at_least_with_a_verb_and_zero_inside_a_number(reader: Reader) -> None:
    plan = reader.read("新收申请至少有70件的报告是哪些")
    assert plan.operation == "filter" and plan.comparison.op == ">=" and plan.comparison.value == 70
    assert plan.all_years  # 报告是哪些: every report, not each agency's latest


@pytest.mark.parametrize("q,n,order", [("行政处罚倒数第二的单位是哪个", 2, "asc"), ("行政强制排第二的报告是哪一份", 2, "desc")])
def test_nth_from_either_end(reader: Reader, q: str, n: int, order: str) -> None:
    plan = reader.read(q)
    assert (plan.operation, plan.nth, plan.order) == ("nth", n, order)


def test_a_kind_after_a_question_word_is_no_unknown_name(reader: Reader) -> None:
    plan = reader.read("把几家城管的行政处罚上一年项目数量从高到低排列")
    assert plan.unknown_agency is None and plan.kind and plan.operation == "rank"


def test_reports_of_one_agency_are_counted(reader: Reader) -> None:
    plan = reader.read("语料里一共有几份伊川的报告")
    assert (plan.operation, plan.corpus_what, plan.agencies) == ("corpus", "count", [YC])


def _after(*questions: str):
    """The plan of the last question, read after the others in one conversation."""
    from qa.context import Conversation, resolve

    r = Reader(["平潭综合实验区", "淮安市洪泽区人民政府"], lambda k: True, [2023, 2024, 2025])
    conv = Conversation()
    for q in questions:
        plan = resolve(r.read(q), conv, r)
        conv = conv.add(q, plan, plan.agencies, plan.years)
    return plan


def test_share_as_a_follow_up() -> None:
    plan = _after("平潭2025年行政复议一共多少件", "其中维持的几件", "占比多少")
    assert (plan.operation, plan.item, plan.column, plan.share_of) == ("share", "review", "upheld", [])
    plan = _after("平潭2024年的行政复议", "其中纠正的有几件", "纠正率是多少")
    assert (plan.operation, plan.agencies, plan.years) == ("share", ["平潭综合实验区"], [2024])


def test_elliptical_follow_ups() -> None:
    plan = _after("平潭2023年行政处罚多少件", "2024年呢", "那2025年的呢", "三年加起来")
    assert (plan.operation, plan.years) == ("sum", [2023, 2024, 2025])
    plan = _after("洪泽2023年行政许可多少", "平潭呢", "谁多")
    assert plan.operation == "compare" and len(plan.agencies) == 2
    plan = _after("平潭2024年行政处罚", "比上一年增长多少")
    assert (plan.operation, plan.item, plan.years) == ("change", "penalty", [2024])


@pytest.mark.parametrize("q,op,value", [
    ("行政处罚处理决定不满100件的单位", "<", 100),
    ("哪些单位一件行政复议都没有", "==", 0),
    ("行政许可过千件的是哪几份报告", ">", 1000),
    ("收费金额过亿的报告", ">", 10000),  # 万元
])
def test_colloquial_thresholds(reader: Reader, q: str, op: str, value: float) -> None:
    plan = reader.read(q)
    assert plan.comparison is not None and (plan.comparison.op, plan.comparison.value) == (op, value), plan


def test_parts_and_breakdown_words(reader: Reader) -> None:
    assert reader.read("伊川报告里哪些方面做得不够").part == "五"
    assert reader.read("伊川城管今后的工作打算").part == "五"
    assert reader.read("伊川2020年的依申请办理结果分布").operation == "breakdown"


@pytest.mark.parametrize("q,place", [("厦门2023年行政处罚多少", "厦门"), ("2023年厦门的行政处罚", "厦门"),
                                     ("哪些报告提到了台湾地区标准题录数据库", None), ("统计2020年行政处罚", None)])
def test_a_place_we_do_not_hold_is_said(reader: Reader, q: str, place: str | None) -> None:
    assert reader.read(q).unknown_agency == place


def test_year_of_a_date_inside_a_report_is_no_report_year(reader: Reader) -> None:
    plan = reader.read("伊川2020年有多少申请结转到2021年")
    assert plan.years == [2020] and plan.item == "apply.carried_out"


def test_unsaid_denominator_of_a_rate(reader: Reader) -> None:
    plan = reader.read("伊川2020年的申请办结率")
    assert (plan.operation, plan.item, plan.share_of) == ("share", "apply.total", ["apply.new", "apply.carried_in"])


def test_a_short_pasted_paragraph_is_read_at_its_question(reader: Reader) -> None:
    text = ("我是研究生，收集了福建、江苏、山东等地的年报。有的地方几乎没有申请，有的地方每年上百件。"
            "为了写论文里的一个表格，请问伊川2020年一共收到了多少件政府信息公开申请？非常感谢！")
    plan = reader.read(text)
    assert plan.agencies == [YC] and plan.item == "apply.new" and plan.comparison is None
    assert any("只读了其中的问句" in n for n in plan.notes)  # what was cut is said


@pytest.mark.parametrize("q,item", [("伊川2020年行政处发多少", "penalty"), ("伊川行政许克多少", "license"),
                                    ("伊川2020年不予工开的申请", "apply.denied")])
def test_a_template_word_with_one_character_of_the_same_sound(reader: Reader, q: str, item: str) -> None:
    plan = reader.read(q)
    assert plan.item == item and any("理解" in d for d in plan.defaults)  # said, never silent


def test_more_elliptical_follow_ups() -> None:
    plan = _after("平潭2023年行政许可多少", "2024年的呢", "增长了百分之几", "是2023年的几倍")
    assert (plan.operation, plan.years, plan.times) == ("change", [2023, 2024], True)
    plan = _after("所有报告里哪份的行政处罚最多", "第二名呢")
    assert (plan.operation, plan.nth, plan.item) == ("nth", 2, "penalty")
    plan = _after("所有报告里哪份的行政处罚最多", "倒数第二呢")
    assert (plan.operation, plan.nth, plan.order) == ("nth", 2, "asc")
    plan = _after("平潭历年行政强制", "哪年最多")
    assert (plan.operation, plan.agencies, plan.all_years) == ("max", ["平潭综合实验区"], True)
    plan = _after("平潭2023年存在哪些不足", "那改进措施呢", "2024年的呢")
    assert (plan.operation, plan.years, plan.part) == ("prose", [2024], "五")


@pytest.mark.parametrize("q,op", [("没有被行政复议过的单位有哪些", "=="), ("有行政复议的报告有哪些", "!="),
                                  ("有商业企业申请的报告有几份", "!="), ("哪些单位没有不予公开的申请", "==")])
def test_having_or_not_having_a_measure(reader: Reader, q: str, op: str) -> None:
    plan = reader.read(q)
    assert plan.comparison is not None and (plan.comparison.op, plan.comparison.value) == (op, 0), plan


@pytest.mark.parametrize("q,order", [("各单位行政处罚由高到低排", "desc"), ("行政许可由少到多排列一下", "asc"),
                                     ("行政处罚自多而少排一排", "desc"), ("按行政强制升序排列", "asc")])
def test_direction_words_of_an_ordering(reader: Reader, q: str, order: str) -> None:
    plan = reader.read(q)
    assert (plan.operation, plan.order) == ("rank", order), plan


def test_colloquial_applicants_sums_and_having_verbs(reader: Reader) -> None:
    assert reader.read("伊川律所申请了几件").column == "legal"
    assert reader.read("伊川科研院所申请了几件").column == "research"
    assert reader.read("济南城管的圆桌对话市民满意率多少").operation == "prose"
    assert reader.read("伊川和鹤岗的行政许可加一起").operation == "sum"
    plan = reader.read("有没有哪家城管收到了信息公开申请")  # 收到了 + 哪家: having it at all, not 'which 城管?'
    assert plan.operation == "filter" and (plan.comparison.op, plan.comparison.value) == ("!=", 0), plan
    assert reader.read("哪些单位收到了多少申请").operation == "rank"


@pytest.mark.parametrize("q,op,n", [("哪三份报告行政许可最多", "top", 3), ("哪两个单位行政处罚最少", "bottom", 2)])
def test_which_n_with_most_is_a_top_n(reader: Reader, q: str, op: str, n: int) -> None:
    plan = reader.read(q)
    assert (plan.operation, plan.n) == (op, n), plan


def test_change_said_as_rise_and_fall_and_a_share_between_two_measures(reader: Reader) -> None:
    plan = reader.read("伊川2020年新收申请涨幅")
    assert plan.change and plan.percent, plan
    plan = reader.read("伊川予以公开的是部分公开的百分之多少")  # two measures: the first over the second
    assert (plan.operation, plan.item, plan.share_of) == ("share", "apply.granted", ["apply.partial"]), plan
    assert _after("平潭2023年行政处罚多少", "2024年的呢", "降了多少").operation == "change"


def test_open_year_ranges_and_asking_is_no_negation() -> None:
    r = Reader(["平潭综合实验区"], lambda k: True, [2019, 2020, 2021, 2022, 2023])
    assert r.read("平潭2021年以来行政复议合计").years == [2021, 2022, 2023]
    assert r.read("平潭2021年之后行政复议合计").years == [2022, 2023]
    assert r.read("平潭2021年以前行政复议合计").years == [2019, 2020]
    assert r.read("平潭2021年起诉的有几件").years == [2021]  # 起诉 is no 起
    plan = r.read("有没有报告的行政处罚超过4000件")  # 有没有 asks: no 'not reported' filter
    assert not plan.absent_only and plan.comparison.op == ">" and plan.all_years, plan
    plan = r.read("平潭有哪几年没有行政强制")
    assert plan.operation == "filter" and (plan.comparison.op, plan.comparison.value) == ("==", 0), plan


def test_a_measure_after_a_text_answer_is_its_value() -> None:
    plan = _after("平潭2023年存在哪些问题", "行政处罚多少")
    assert (plan.operation, plan.item, plan.agencies, plan.years) == ("value", "penalty", ["平潭综合实验区"], [2023])
    assert _after("平潭2024年存在哪些问题", "那改进措施呢").operation == "prose"


def test_kind_of_both_halves_of_a_name(reader: Reader) -> None:
    plan = reader.read("城管执法局行政处罚最多的是哪家")  # 城市管理综合(行政)执法局: 沙河 and 鹤岗
    assert plan.operation == "max" and sorted(plan.kind_agencies) == sorted([SH, HG]), plan
    assert reader.read("沙河城管执法局行政处罚").agencies == [SH]


@pytest.mark.parametrize("q,low,high", [
    ("伊川行政处罚有三百多件吗", 300, 399),
    ("鹤岗行政许可是不是七百多件", 700, 799),
    ("伊川行政处罚有300多件吗", 300, 399),
    ("伊川行政处罚是不是三百一十多件", 310, 319),
])
def test_a_round_count_and_duo_is_a_range(reader: Reader, q: str, low: int, high: int) -> None:
    """两千多件 / 300多件: from the number up to the next step of its last non-zero digit, answered yes or no."""
    p = reader.read(q)
    assert p.yesno and p.operation == "value"
    assert p.comparison and p.comparison.op == "between" and (p.comparison.value, p.comparison.high) == (low, high)


def test_either_way_and_each_of_two_years(reader: Reader) -> None:
    """比伊川多还是少 asks neither way (no 「不是多」 in the answer); 两年分别多少 asks the two values, not the change."""
    p = reader.read("济南的行政处罚比伊川多还是少")
    assert p.operation == "compare" and p.than_word is None and p.than_first == JN
    y = Reader([SH, ZD, YC, HG, JN], lambda k: True, [2020, 2021])
    assert y.read("鹤岗2020年和2021年行政处罚分别是多少").operation == "value"
    assert y.read("鹤岗2020年和2021年行政处罚").operation == "change"


@pytest.mark.parametrize("q", ["伊川的行政处罚排第几", "伊川行政处罚在各单位中排名第几", "伊川的行政处罚名次"])
def test_the_place_of_one_agency_is_a_ranking(reader: Reader, q: str) -> None:
    """排第几: the whole ranking, with the asked agency's place (not its value alone)."""
    p = reader.read(q)
    assert p.operation == "rank" and p.place_of == [YC] and not p.agencies


def test_follow_ups_that_switch_or_add_the_agency() -> None:
    """比洪泽多还是少: the last agency against the one named now, neither way asked; 合计 alone after two measures of
    one report: those two summed; 洪泽呢 after 是N件吗: the value (the number checked was the other agency's)."""
    plan = _after("平潭2023年行政处罚多少件", "比洪泽多还是少")
    assert (plan.operation, plan.agencies, plan.than_first, plan.than_word) == \
        ("compare", ["平潭综合实验区", "淮安市洪泽区人民政府"], "平潭综合实验区", None)
    plan = _after("平潭2024年直接起诉的行政诉讼几件", "复议后起诉的呢", "合计")
    assert plan.operation == "sum" and len(plan.extra_items) == 1 and plan.agencies == ["平潭综合实验区"]
    plan = _after("平潭2023年行政处罚是1330件吗", "洪泽呢")
    assert plan.agencies == ["淮安市洪泽区人民政府"] and not plan.yesno and plan.comparison is None
    plan = _after("平潭2023年行政处罚有没有超过1000件", "洪泽呢")
    assert plan.yesno and plan.comparison is not None and plan.comparison.op == ">"


def test_an_english_yes_or_no_question(reader: Reader) -> None:
    """An English question's ? is a yes-or-no (吗) unless a question word is left (how many → 多少)."""
    p = reader.read("Yichuan penalties more than 100?")
    assert p.yesno and p.comparison and p.comparison.op == ">" and p.agencies == [YC]
    assert not reader.read("How many penalties did Yichuan make?").yesno


def test_which_years_rose_is_a_change_by_year_with_its_sign() -> None:
    """哪几年是增加的 / 哪些年下降了: each year against the one before, the years of that sign."""
    plan = _after("平潭哪几年行政处罚是增加的")
    assert plan.operation == "change_by_year" and plan.comparison and plan.comparison.op == ">"
    plan = _after("平潭哪些年行政处罚下降了")
    assert plan.operation == "change_by_year" and plan.comparison and plan.comparison.op == "<"
    assert _after("平潭哪一年行政处罚增长最多").comparison is None


def test_a_year_against_the_last_and_a_share_of_another_year() -> None:
    """比2023年呢 after 2024: the two years compared; 2024年的比例呢 after 2023: the share in 2024."""
    plan = _after("平潭2024年行政许可多少", "比2023年呢")
    assert (plan.operation, plan.years) == ("change", [2023, 2024])
    plan = _after("平潭2023年予以公开多少", "2024年的比例呢")
    assert (plan.operation, plan.years) == ("share", [2024])


def test_two_columns_of_one_row_are_both_asked(reader: Reader) -> None:
    """鹤岗行政处罚上一年项目数量和处理决定数量: the first column read, the other kept for the value's answer."""
    p = reader.read("鹤岗城管行政处罚上一年项目数量和处理决定数量各是多少")
    assert (p.item, p.column, p.extra_columns) == ("penalty", "prev", ["decisions"])


@pytest.mark.parametrize("q,op,measure", [
    ("Which agency had the most administrative reconsideration cases?", "max", "review.total"),
    ("Rank all agencies by administrative penalties", "rank", "penalty.decisions"),
    ("How many administrative licensing decisions were made in total?", "sum", "license.decisions"),
])
def test_an_english_question_naming_no_agency_is_read_by_its_terms(reader: Reader, q: str, op: str,
                                                                     measure: str) -> None:
    """No Chinese and no agency we hold: read by the English term table, not refused; the reading says how."""
    plan = reader.read(q)
    assert (plan.operation, plan.measure().id) == (op, measure), q
    assert any("英文问题按术语表读作中文" in d for d in plan.defaults)


def test_english_words_keep_their_boundaries_and_an_unknown_latin_name_is_said(reader: Reader) -> None:
    """did Yichuan receive stays three words (a Latin name stays a word); Shenzhen, which the index lacks,
    is said as a name, never dropped; English with no known word is still refused."""
    from qa.normalize import normalize

    assert "did yichuan receive" in normalize("How many applications did Yichuan receive in 2020?")
    assert reader.read("Did Yichuan receive any disclosure applications in 2020?").agencies == [YC]
    assert reader.read("How many administrative penalties did Shenzhen have in 2023?").unknown_agency == "Shenzhen"
    assert reader.read("hello world, nice weather").operation == "invalid"
    assert normalize("and in 2024?") == "那2024呢"  # an English follow-up, as the Chinese one


def test_handled_applications_are_the_years_results(reader: Reader) -> None:
    """处理了多少申请 / 办理了几件申请: 办理结果总计, said; 收到多少申请 stays 新收."""
    plan = reader.read("济南城管处理了多少申请")
    assert plan.item == "apply.total" and any("按办理结果总计" in d for d in plan.defaults)
    assert reader.read("济南城管收到多少申请").item == "apply.new"


def test_best_is_read_on_a_stated_count(reader: Reader) -> None:
    """哪个单位的主动公开做得最好: no table rates anything; ranked on 主动公开's own count, and said so."""
    plan = reader.read("哪个单位的主动公开做得最好")
    assert (plan.operation, plan.item) == ("max", "normative")
    assert any("没有统一的评价标准" in d for d in plan.defaults)
    assert reader.read("主动公开哪家做得最差").operation == "min"


def test_a_set_and_its_part_asked_in_two_clauses(reader: Reader) -> None:
    """一共新收到了多少件申请，其中有多少件是予以公开的: both values; 其中…占多少 stays a share."""
    plan = reader.read("济南城管一共新收到了多少件申请，其中有多少件是予以公开的")
    assert (plan.item, plan.extra_items) == ("apply.new", ["apply.granted"])
    from qa.operations import of_measures

    assert of_measures(plan) is None  # 一共 is the set's own total: the two are not added
    assert reader.read("济南城管新收申请多少件，其中予以公开的占多少").operation == "share"


def test_a_share_of_a_named_sum(reader: Reader) -> None:
    """行政处罚占行政处罚、行政许可、行政强制三项合计的百分比: the denominator is the three items' sum."""
    plan = reader.read("济南城管行政处罚占行政处罚、行政许可、行政强制三项合计的百分比")
    assert (plan.operation, plan.item, plan.share_of) == ("share", "penalty", ["penalty", "license", "coercion"])


def test_english_shares_scopes_and_lists(reader: Reader) -> None:
    """what share of X were Y → Y占X的比例; across all reports → 所有报告; List the agencies → the corpus."""
    plan = reader.read("What share of Yichuan's requests were granted?")
    assert (plan.operation, plan.item) == ("share", "apply.granted")
    assert reader.read("What is the total number of administrative penalties across all reports?").all_years
    assert reader.read("List the agencies").corpus_what == "agencies"
    plan = reader.read("Which agencies had zero administrative coercion?")
    assert plan.comparison is not None and plan.comparison.value == 0


def test_one_agency_ranked_is_ranked_over_its_years() -> None:
    """平潭行政许可最多的那年 / 平潭行政处罚前三: one agency against itself is its years, said."""
    plan = _after("平潭行政许可最多的那年")
    assert plan.operation == "max" and plan.all_years and any("各年的报告比较" in d for d in plan.defaults)
    assert _after("平潭2024年行政许可多少").all_years is False


@pytest.mark.parametrize("q", ["平潭有几年的报告", "平潭哪几年有报告", "洪泽的报告是哪一年的",
                               "How many years of reports does Pingtan have?"])
def test_which_years_an_agency_has_reports_for(q: str) -> None:
    """平潭有几年的报告 / 哪几年有报告: the corpus of that agency (its years), not a text search."""
    plan = _after(q)
    assert (plan.operation, plan.corpus_what) == ("corpus", "count") and len(plan.agencies) == 1


def test_more_english_terms(reader: Reader) -> None:
    """per report: every report; received no: a zero filter; which years … had no: the years of one agency."""
    assert reader.read("What was the average number of new applications per report?").all_years
    plan = reader.read("Which agencies received no information disclosure requests?")
    assert plan.operation == "filter" and plan.comparison and plan.comparison.value == 0


# ---------------------------------------------------------------- batch 7 of the held-out questions
@pytest.mark.parametrize("q", ["济南市政府2020年收到多少政府信息公开申请", "济南市人民政府的行政处罚多少"])
def test_a_government_is_not_the_bureau_of_its_place(reader: Reader, q: str) -> None:
    plan = reader.read(q)  # 济南市政府 names the city's government, not 济南市城市管理局
    assert not plan.agencies and plan.unknown_agency and plan.unknown_agency.endswith("政府")


def test_a_place_before_government_procurement_is_still_the_bureau(reader: Reader) -> None:
    plan = reader.read("张店区政府采购金额")  # 政府采购 is a row, not a government
    assert plan.agencies == [ZD] and not plan.unknown_agency


@pytest.mark.parametrize("q", ["预测一下济南明年行政处罚会有多少件", "济南城管未来行政许可会有多少"])
def test_forecasts_are_read_as_such(reader: Reader, q: str) -> None:
    assert reader.read(q).forecast


def test_a_length_of_time_is_a_text_question(reader: Reader) -> None:
    plan = reader.read("我去济南城管申请公开要多久能答复")
    assert plan.operation == "prose" and "工作日" in plan.prose_text


@pytest.mark.parametrize("q,measure", [
    ("济南城管申请人是公司的有几个", "apply.new.business"),
    ("济南城管自然人以外的申请有几件", "apply.new.legal_person"),
    ("济南城管不予公开里第三方权益的有几件", "apply.denied.third_party.total"),
    ("济南城管因为没有现成信息、要另外制作而没提供的有几件", "apply.unable.no_record.total"),
])
def test_applicants_and_rows_in_users_words(reader: Reader, q: str, measure: str) -> None:
    plan = reader.read(q)
    assert plan.operation == "value" and plan.measure().id == measure, q
    assert plan.nth is None and not plan.absent_only


def test_a_lawsuit_lost_is_read_on_the_lawsuits(reader: Reader) -> None:
    plan = reader.read("济南城管行政诉讼败诉了几次")
    assert plan.measure().id.startswith("suit") and plan.column == "corrected"
    alone = reader.read("败诉了几次")  # no row named: 败诉 is said of lawsuits, not of 行政复议
    assert alone.item == "suit" and alone.item_implied


def test_a_count_of_agencies_of_a_kind_is_no_name(reader: Reader) -> None:
    plan = reader.read("2020年五家城管的行政处罚平均多少件")
    assert not plan.unknown_agency and plan.kind and plan.operation == "avg"


def test_the_top_n_reports_are_every_report(reader: Reader) -> None:
    assert reader.read("不予公开的前三名报告").all_years


def test_a_template_named_by_its_year_is_its_reports_years() -> None:
    # 2021版模板的报告里: the 2021 template's reports (2021 on), every one, not the 2021 reports alone
    r = Reader([YC, "平潭综合实验区"], lambda k: True, [2019, 2020, 2021, 2022, 2023])
    plan = r.read("2021版模板的报告里哪份报告的行政规范性文件废止件数最多")
    assert plan.operation == "max" and plan.years == [2021, 2022, 2023] and plan.all_years
    assert r.read("用2019年旧版格式的报告里行政处罚最多的").years == [2019, 2020]


def test_a_name_or_event_the_text_tells_is_a_text_question(reader: Reader) -> None:
    # 收费 is the topic of 为哪个景区的收费标准开过听证会, not the fee asked
    assert reader.read("沙河2020年为哪个景区的收费标准开过听证会").operation == "prose"
    assert reader.read("沙河2020年行政事业性收费上一年项目数量").operation == "value"


def test_two_agencies_year_on_year_is_a_change_of_each() -> None:
    r = Reader([YC, "平潭综合实验区"], lambda k: True, [2019, 2020])
    assert r.read("平潭和伊川2020年行政许可的同比增长率分别是多少").operation == "change"
    assert r.read("平潭和伊川2020年行政许可谁多").operation == "compare"


@pytest.mark.parametrize("q", ["哪些单位提到了新闻发布会", "哪些单位没有提到新闻发布会", "谁的报告写了信息发布流程",
                               "哪几个单位说到了公开发布平台"])
def test_a_column_word_inside_the_thing_said_is_no_column(reader: Reader, q: str) -> None:
    # 发布 is a column's word (本年制发件数), but after 提到 / 写了 / 说到 it is part of what the text says
    plan = reader.read(q)
    assert (plan.operation, plan.column_words, plan.item) == ("prose", [], None), plan


@pytest.mark.parametrize("q", ["济南城管2020年办理结果加起来等于收到的申请数吗", "沙河城管2020年行政复议维持、纠正加起来是不是等于总计",
                               "办理结果总计148件加结转6件，跟新收的154件合得上吗"])
def test_an_auditors_sum_questions_are_consistency(reader: Reader, q: str) -> None:
    assert reader.read(q).operation == "findings"


@pytest.mark.parametrize("q,cols", [
    ("济南城管2020年新收的申请个人和组织各多少件", ["natural", "legal_person"]),
    ("济南城管2020年新收申请组织和个人各几件", ["legal_person", "natural"]),
])
def test_organisations_beside_persons_are_the_other_applicants(reader: Reader, q: str, cols: list[str]) -> None:
    plan = reader.read(q)
    assert plan.item == "apply.new" and [plan.column, *plan.extra_columns] == cols


def test_organisation_in_prose_is_no_applicant_column(reader: Reader) -> None:
    plan = reader.read("济南城管怎样加强组织领导")  # 组织领导 is prose, not 表三's 法人或其他组织
    assert plan.item is None and plan.operation == "prose"


@pytest.mark.parametrize("q", ["what's the difference?", "and the year before?", "那2023呢"])
def test_english_followups_without_a_chinese_marker(reader: Reader, q: str) -> None:
    from qa.understand import is_followup

    assert is_followup(reader.read(q).text)


def test_a_place_called_by_its_nickname_is_read_and_said(reader: Reader) -> None:
    """泉城 is 济南 (qa/nicknames.py): the agency, with the reading said; 鹤城 (齐齐哈尔 as often as not) is not
    in the table, so it is no agency of these reports."""
    plan = reader.read("泉城城管2020年行政处罚多少件")
    assert plan.agencies == [JN]
    assert any("「泉城」按「济南」理解" in d for d in plan.defaults), plan.defaults
    assert reader.read("鹤城城管2020年行政处罚多少件").agencies != [HG]
