"""The kinds held-out batch 22 (ho1100–ho1149: conversations, consistency asks and refusals in a journalist's, an
auditor's, a law student's and a citizen's words) found answered wrongly, each asked here in other words over
dev.json's corpus (first scores before the fixes: 47/50 by the scorer, 43/50 by hand).

Follow-ups: 前者 / 后者 after a turn naming two rows of one report (予以公开和部分公开各多少 → 后者占总计的比例) are the
row meant, in that report; 后者是多少 after two years is that year's value of the measure talked about; 前者的维持了几件
after a row of 表四 is that row's column.
Consistency: 那几栏加起来等于19吗 names one row's parts against a number (a check, not a filter), and the row
asked is the check shown first (部分公开那一行…各类申请人 / 那一行各栏相加); a year named that the agency has no
report of is said to be uncheckable, never passed; 报告里说…涉及哪些申请人 quotes the text's count beside 表三's
columns and says when the text counts 新收 with 上年结转 (ho1069).
Refusals: a verdict asked (你评价一下 / 你觉得 / 打个分 / 谁做得更规范) is refused as such, never read as a name;
百分比 and A和B比， are no comparison whose other side is a name; 表四's outcomes the template does not count
(调解 / 和解 / 撤诉) are absent, never the total; 推算 asks a forecast.
Probes in other words found more, fixed too: applicant kinds 表三 has no column for (个体工商户, 事业单位, 学生) are
absent; 表三有问题吗 / 数据没问题吧 ask for the checks; 正文说…件，对不对 checks the text's numbers; 现行有效 of two years
in a row runs on; 收了多少罚款 is money the table lacks; 它占总计的比例 after 哪种办理结果最多 is the part found over
the whole; 那下一年呢 / 下一年的… count on from the year talked about."""

from __future__ import annotations

import pytest

from test_dev_questions import ask_turns, dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _says(answer, *parts: str) -> None:
    assert all(p in answer.text for p in parts), answer.text


def _last(dev_qa, *turns: str):
    return ask_turns(dev_qa, *turns)[-1]


@pytest.mark.parametrize("turns, says", [
    # 16 html 三: 予以公开 71, 部分公开 29, （七）总计 218
    (["平潭2024年的予以公开和部分公开各多少", "后者占总计的比例"], ["29件 ÷ 218件 = 13.30%", "「后者」读作上一问的「部分公开」"]),
    # 22 pdf 三: 不予公开 1 + 1 + 1 = 3 of 总计 21
    (["洪泽2023年不予公开和无法提供分别是多少", "前者呢，占比多少"], ["3件 ÷ 21件 = 14.29%", "「前者」读作上一问的「不予公开」"]),
    # 05 txt 二 行政处罚 2113, 行政许可 10690
    (["平潭2022年行政许可和行政处罚各是多少件", "后者是多少"], ["「行政处罚 · 处理决定数量」为2,113件"]),
])
def test_one_of_two_rows_of_one_report(dev_qa, turns, says) -> None:
    _says(_last(dev_qa, *turns), *says)


@pytest.mark.parametrize("turns, says", [
    # 二 行政处罚: 2022 2113 (05 txt), 2023 1330 (15 html)
    (["平潭2022年和2023年行政处罚", "后者是多少"], ["平潭综合实验区2023年「行政处罚 · 处理决定数量」为1,330件"]),
    # 13 html 四 行政诉讼 直接起诉 维持 12 + 复议后起诉 维持 0
    (["平潭2021年和2022年行政诉讼各多少", "前者的维持了几件"], ["2021年「行政诉讼（直接起诉与复议后起诉合计） · 结果维持」为12件"]),
])
def test_one_of_two_years_keeps_the_measure_talked_about(dev_qa, turns, says) -> None:
    _says(_last(dev_qa, *turns), *says)


@pytest.mark.parametrize("q, first", [
    # 16 html 四 复议后起诉 13 + 2 + 4 + 0 = 19
    ("平潭2024年复议后起诉那几栏加起来等于19吗", "行政诉讼 · 复议后起诉：总计19 = 19 = 结果维持13 + 结果纠正2 + 其他结果4"),
    # 17 html 四 行政复议 25 + 3 + 8 + 0 = 36
    ("平潭2025年行政复议那几项加起来是36吗", "行政复议：总计36 = 36 = 结果维持25 + 结果纠正3 + 其他结果8"),
    # 15 html 三 部分公开 19 + 1 = 20
    ("平潭2023年部分公开那一行，各类申请人加起来等于总计吗", "「部分公开」行：总计20 = 20 = 自然人19 + 商业企业1"),
    # 22 pdf 三 部分公开 4
    ("洪泽2023年部分公开那一行各栏相加等于4吗", "「部分公开」行：总计4 = 4 = 自然人4"),
])
def test_a_rows_parts_against_a_number_is_that_rows_check_first(dev_qa, q, first) -> None:
    a = _last(dev_qa, q)
    assert "单位有" not in a.text  # (not a filter: 等于19件的单位)
    checks = a.text.split("都对得上：", 1)[-1]
    assert checks.startswith(f"规则") and first in checks.split("；")[0], a.text


@pytest.mark.parametrize("q, lacking", [
    ("平潭2025年结转到下年的6件，在2026年报告里能对上吗", "索引中没有平潭综合实验区2026年的报告"),
    ("平潭2018年和2019年的结转数据接得上吗", "索引中没有平潭综合实验区2018年的报告"),
])
def test_a_check_of_a_year_not_held_is_said_uncheckable(dev_qa, q, lacking) -> None:
    a = _last(dev_qa, q)
    _says(a, lacking, "无法进行")
    assert "2026年报告的勾稽" not in a.text and "2018年、" not in a.text, a.text


@pytest.mark.parametrize("q", [
    "洪泽区和平潭比，谁的信息公开工作做得更规范？你评价一下",
    "平潭和洪泽比一比，哪个工作做得更好",
    "请对洪泽2023年的信息公开工作评一评",
    "给平潭2024年的报告打几分",
    "沙河和张店比起来，谁做得更到位",
])
def test_a_verdict_asked_is_refused_as_such(dev_qa, q) -> None:
    a = _last(dev_qa, q)
    _says(a, "问的是评价", "不作评价")
    assert "找不到对应的单位" not in a.text and a.status == "out_of_scope"


def test_best_of_a_named_measure_is_still_ranked(dev_qa) -> None:
    # ho401's reading: a measure named, ranked on its count with the reading said
    _says(_last(dev_qa, "哪个单位的主动公开做得最好"), "没有统一的评价标准")


@pytest.mark.parametrize("q", [
    "平潭2023年报告里说无法提供占38.27%，这个百分比算得对吗",
    "平潭2023年报告里不予公开占6.17%，这个百分比对不对",
])
def test_a_percentage_word_is_no_name(dev_qa, q) -> None:
    a = _last(dev_qa, q)
    _says(a, "÷ 81 =")
    assert "找不到对应的单位" not in a.text


@pytest.mark.parametrize("q, word", [
    ("平潭2025年行政诉讼里调解结案的有几件", "调解"),
    ("洪泽2023年行政复议和解的有多少", "和解"),
    ("平潭2024年行政诉讼撤诉几件", "撤诉"),
])
def test_an_outcome_table_four_does_not_count_is_absent(dev_qa, q, word) -> None:
    a = _last(dev_qa, q)
    _says(a, f"问的是「{word}」的案件", "表四没有单独统计")
    assert a.status == "absent" and not a.table


def test_a_projection_is_a_forecast(dev_qa) -> None:
    _says(_last(dev_qa, "根据历年数据推算平潭行政许可以后会有多少件"), "不做预测")


@pytest.mark.parametrize("turns, says", [
    # 05 txt 一（二）: 收到…申请75件，涉及自然人72件、商业企业3件; 表三 新收 74 (自然人 71) + 上年结转 1 (自然人 1)
    (["平潭2022年报告里说收到的申请涉及哪些申请人"], ["涉及自然人72件、商业企业3件", "（74 + 1 = 75）", "（71 + 1 = 72）"]),
    # 15 html 一: 申请共计81件，涉及自然人80件、商业企业1件 = 表三 新收 81
    (["平潭2023年正文里说收到的申请都是哪些人提的"], ["涉及自然人80件、商业企业1件", "与表三「本年新收」的81件一致"]),
])
def test_the_texts_applicants_beside_the_table(dev_qa, turns, says) -> None:
    _says(_last(dev_qa, *turns), *says)


@pytest.mark.parametrize("q, word", [
    ("平潭2023年表三里申请人为个体工商户的有几件", "个体工商户"),
    ("洪泽2023年事业单位申请公开的有几件", "事业单位"),
    ("平潭2024年申请人是学生的有多少", "学生"),
])
def test_an_applicant_kind_table_three_has_no_column_for_is_absent(dev_qa, q, word) -> None:
    # 表三's applicant columns: 自然人; 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 (never the row's total)
    a = _last(dev_qa, q)
    _says(a, f"问的是「{word}」的申请人", "表三没有这一类申请人的栏目")
    assert a.status == "absent" and not a.table


def test_a_named_applicant_column_is_still_its_cell(dev_qa) -> None:
    # 15 html 三 本年新收 商业企业 1
    _says(_last(dev_qa, "平潭2023年商业企业申请几件"), "「本年新收政府信息公开申请数量 · 商业企业」为1件")


@pytest.mark.parametrize("q, says", [
    ("平潭2020年的表三有问题吗", "规则2（办理结果合计）"),  # 12 html 三: results 27 against （七）总计 21
    ("洪泽2023年表四数据没问题吧", "规则4（复议诉讼合计）"),  # 22 pdf 四: 复议 11 against 总计 0
])
def test_a_table_with_problems_asked_is_its_checks(dev_qa, q, says) -> None:
    a = _last(dev_qa, q)
    _says(a, says, "不一致")
    assert "写道" not in a.text


def test_the_work_with_problems_asked_is_still_the_text(dev_qa) -> None:
    _says(_last(dev_qa, "平潭2020年政府信息公开工作有问题吗"), "写道")


@pytest.mark.parametrize("q, says", [
    # 17 html: 正文 收到154件，共办结148件，结转至2026年6件; 表三 新收 154, （七）总计 148, 结转下年度 6
    ("平潭2025年正文说收到154件、办结148件、结转6件，对不对", ["新收154 + 上年结转0 = 154", "对得上"]),
])
def test_the_texts_numbers_asked_if_right_are_checked(dev_qa, q, says) -> None:
    _says(_last(dev_qa, q), *says)


@pytest.mark.parametrize("q, says", [
    # 13 html 现行有效 665; 05 txt 制发 88, 废止 55, 现行有效 698
    ("平潭2021年到2022年规范性文件现行有效数对得上吗", ["665 + 2022年「本年制发」88 − 「本年废止」55 = 698", "对得上"]),
    # 15 html 现行有效 470; 16 html 制发 62, 废止 33, 现行有效 440
    ("平潭2023年和2024年的现行有效规范性文件前后接得上吗", ["470 + 2024年「本年制发」62 − 「本年废止」33 = 499", "对不上"]),
])
def test_documents_in_force_of_two_years_in_a_row_run_on(dev_qa, q, says) -> None:
    _says(_last(dev_qa, q), *says)


def test_fines_collected_are_money_the_table_lacks(dev_qa) -> None:
    a = _last(dev_qa, "平潭2024年行政处罚收了多少罚款")
    _says(a, "没有「行政处罚」的金额")
    assert "1,100" not in a.text and "1100" not in a.text


@pytest.mark.parametrize("turns, says", [
    # 05 txt 三: 无法提供 · 不掌握 37 of （七）总计 75
    (["平潭2022年哪种办理结果最多", "它占总计的比例"], ["37件 ÷ 75件 = 49.33%", "读作上一问找到的「无法提供 · 本机关不掌握相关政府信息」"]),
    # 17 html 三: 不掌握 50 of 148
    (["平潭2025年办理结果中哪一种情形最多", "占比呢"], ["50件 ÷ 148件 = 33.78%"]),
    # 16 html 三: 不掌握 75 of 218
    (["平潭2024年哪种办理结果最多", "它占办理结果的百分之几"], ["75件 ÷ 218件 = 34.40%"]),
])
def test_a_share_of_the_part_a_breakdown_found(dev_qa, turns, says) -> None:
    _says(_last(dev_qa, *turns), *says)


def test_a_tied_first_part_is_no_one_part(dev_qa) -> None:
    # 22 pdf 三 不予公开: 国家秘密 1, 过程性 1, 执法案卷 1 (tied): 这一项 names none of them alone
    a = _last(dev_qa, "洪泽2023年不予公开里哪类理由最多", "这一项占多少")
    assert "读作上一问找到的" not in a.text, a.text


@pytest.mark.parametrize("turns, says", [
    # 05 txt 三 二、上年结转 总计 1 (13 html 结转下年度 1)
    (["平潭2021年依申请公开收到几件", "结转了几件", "下一年的报告里上年结转是几件"],
     ["平潭综合实验区 1件", "「下一年」按上一问的2021年往后推一年，读作2022年"]),
    # 16 html 二 行政处罚 1100
    (["平潭2023年行政处罚多少", "那下一年呢"], ["2024年「行政处罚 · 处理决定数量」为1,100件", "往后推一年"]),
])
def test_the_next_year_counts_on_from_the_year_talked_about(dev_qa, turns, says) -> None:
    _says(_last(dev_qa, *turns), *says)


def test_next_year_in_the_template_row_is_no_year(dev_qa) -> None:
    # 16 html 四、结转下年度继续办理 总计 0: 结转下一年 is the row, not 2025
    a = _last(dev_qa, "平潭2024年结转下一年的有几件")
    _says(a, "2024年「结转下年度继续办理 · 总计」为0件")
    assert "往后推" not in a.text
