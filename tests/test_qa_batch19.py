"""The kinds held-out batch 19 (ho970–ho999) found answered wrongly, each asked here in other words over dev.json's
corpus. Follow-ups: 前者 / 后者 after a turn about two years or two agencies (the one meant, named in its place),
它比2019年多多少 after 哪一年最多 (the year found against the year named), 占所有报告…合计的比例 after 在所有报告里排第几
(the whole is every report of every year), 那一栏 / 那一格 (the cell of the report talked about), and a consistency
ask after a question about one report (that report's checks, not every report's). Comparison: a compared total
that its own parts do not add up to is said beside it (洪泽2023 行政复议 总计0 against 11); two columns asked in
turn, summed against the row's 总计; 和表格算出来的相同吗 is a consistency ask; a number listed after 其中 is a part,
never a total with the numbers after it as its parts; 这两个数和正文对得上吗 sets the measures just asked against the
numbers the text gives them."""

from __future__ import annotations

import pytest

from test_dev_questions import ask_turns, dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _says(answer, *parts: str) -> None:
    assert all(p in answer.text for p in parts), answer.text


@pytest.mark.parametrize("turns, says", [
    # 平潭2025 行政处罚 644 (17 html); 沙河2020 行政强制 处理决定 0 (000)
    (["平潭2019年和2025年行政强制各多少", "后者的行政处罚是多少"],
     ["平潭综合实验区2025年「行政处罚 · 处理决定数量」为644件", "「后者」读作"]),
    (["2020年沙河和鹤岗的行政处罚各几件", "前者的行政强制呢"],
     ["沙河市城市管理综合行政执法局2020年「行政强制 · 处理决定数量」为0件", "「前者」读作"]),
])
def test_the_former_or_the_latter_of_two(dev_qa, turns, says) -> None:
    _says(ask_turns(dev_qa, *turns)[-1], *says)


@pytest.mark.parametrize("turns, says", [
    # 平潭 行政许可: most in 2022 (10690), 2019 181: 10690 − 181 = 10509; 新收 fewest in 2020 (21), 2024 218
    (["平潭哪一年行政许可最多", "它比2019年多多少"], ["(10690 − 181 = 10509)".replace("(", "（").replace(")", "）")]),
    (["平潭哪一年新收申请最少", "它比2024年少几件"], ["218 − 21 = 197"]),
])
def test_it_against_a_named_year_after_a_ranking_of_years(dev_qa, turns, says) -> None:
    _says(ask_turns(dev_qa, *turns)[-1], *says)


def test_a_share_of_every_report_after_a_place_among_every_report(dev_qa) -> None:
    # 行政许可 处理决定 over every report (济南's cell is a sentence: not provided): sum 24446; 平潭2022 10690
    a = ask_turns(dev_qa, "平潭2022年行政许可多少件", "在所有报告里排第几", "占所有报告行政许可合计的比例呢")[-1]
    _says(a, "合计24,446件", "10690 ÷ 24446 = 43.73%")


def test_that_cell_is_the_report_talked_about(dev_qa) -> None:
    # 000 政府集中采购 采购总金额 7249.4746万元
    a = ask_turns(dev_qa, "沙河城管2020年行政处罚多少件", "政府集中采购金额那一栏是多少")[-1]
    _says(a, "沙河市城市管理综合行政执法局2020年「政府集中采购 · 采购总金额」为7,249.4746万元")


@pytest.mark.parametrize("turns, whose, not_whose", [
    # 洪泽2023: 表四 总计 0 against its results (rule 4); 伊川2020: every check passes
    (["洪泽2023年行政复议多少件", "这个数对得上吗"], "淮安市洪泽区人民政府2023年", "济南"),
    (["伊川城管2020年行政许可多少件", "数据都对得上吗"], "伊川县城市管理局2020年", "济南"),
    # two agencies talked about side by side: both their reports, not every report (济南's breaks not listed)
    (["伊川城管2020年行政处罚有多少件", "跟张店比呢", "这两个数对得上正文吗"],
     "伊川县城市管理局、张店区综合行政执法局2020年", "济南"),
])
def test_a_consistency_ask_after_one_report_checks_that_report(dev_qa, turns, whose, not_whose) -> None:
    a = ask_turns(dev_qa, *turns)[-1]
    assert whose in a.text and not_whose not in a.text, a.text


def test_a_compared_total_that_its_parts_break_is_said(dev_qa) -> None:
    # 22 pdf 四 行政复议: 总计 0, 维持 10 + 纠正 1 = 11; 平潭2023 总计 2 (15 html)
    a = ask_turns(dev_qa, "平潭和洪泽2023年的行政复议案件比一比")[-1]
    _says(a, "淮安市洪泽区人民政府2023年的这一格与同一行（列）的分项对不上", "= 11")


def test_two_columns_asked_in_turn_summed_against_the_rows_total(dev_qa) -> None:
    # 22 pdf 三 （二）部分公开: 自然人 4, 商业企业 0, 总计 4
    a = ask_turns(dev_qa, "洪泽2023年部分公开的自然人有几件", "商业企业的呢", "两个加起来和总计对得上吗")[-1]
    _says(a, "自然人4 + 商业企业0 = 4，两边相等，对得上")


def test_a_number_stated_against_what_the_table_gives(dev_qa) -> None:
    # 15 html 正文: 予以公开及部分公开42件，占51.85% over 81 (表三 予以公开 22 + 部分公开 20; 新收 81)
    a = ask_turns(dev_qa, "平潭2023年年报写的42件占51.85%，和表格算出来的相同吗")[-1]
    _says(a, "42 ÷ 81 = 51.85%")


@pytest.mark.parametrize("question", [
    # 004 line 14: …申请人送达1件。其中，予以公开 3件，重复申请4件，不属于本行政机关公开13件: parts of the 20, no total
    "济南城管2020年正文说重复申请4件，和表里对得上吗",
    "济南市城管局2020年报告正文里予以公开3件这个数跟表格一致吗",
])
def test_a_part_listed_after_qizhong_is_no_total(dev_qa, question) -> None:
    a = ask_turns(dev_qa, question)[-1]
    assert "正文写的总数是" not in a.text and "济南市城市管理局2020年" in a.text, a.text


def test_the_numbers_just_given_against_the_text(dev_qa) -> None:
    # 17 html 正文: 全年办理因政府信息公开申请引发的行政复议 36 起，行政诉讼 9 起; 四: 复议 36, 诉讼 6 + 3 = 9
    a = ask_turns(dev_qa, "平潭2025年行政复议多少起", "行政诉讼呢", "这两个数字跟报告正文对得上吗")[-1]
    _says(a, "表格「行政复议 · 总计」为36件，一致", "为9件，一致")


@pytest.mark.parametrize("turns, says", [
    # 平潭2023 三 办理结果总计 81: 予以公开 22 (27.16%), 部分公开 20 (24.69%) (15 html)
    (["平潭2023年予以公开占办理结果的比例", "部分公开呢"], ["「部分公开 · 总计」占「办理结果总计 · 总计」", "20件 ÷ 81件 = 24.69%"]),
    (["平潭2023年予以公开的占比是多少", "那部分公开呢"], ["20件 ÷ 81件 = 24.69%"]),
])
def test_a_share_follow_up_naming_another_row_is_that_rows_share(dev_qa, turns, says) -> None:
    """予以公开占多少 → 部分公开呢: the new row's share of the same whole, not the first row's share again."""
    _says(ask_turns(dev_qa, *turns)[-1], *says)
