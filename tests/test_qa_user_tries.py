"""Kinds found trying the product as a user over dev.json's corpus (session 23), each asked in more than one
wording: a passive verb of having happened (被提起行政诉讼, 被申请过行政复议) picks the agencies whose count is not 0;
结果如何 / 答复情况 / 来自哪类申请人 list a row's parts (the result rows of 三 for the requests asked about by how
they were answered, the applicant columns, the result columns of 四), with a blank 总计 said blank, never 共0件; a
column the two templates name differently is counted under both names and the reading says so; 哪些单位收了X asks
the text, not the list of agencies. Session 24: 没答复完转到下一年 is 结转下年度; 报告有什么不对的地方 is the consistency
check; 几件…没提供 counts a row; 是不是0 is a yes or no; 申请人分类 against 总计 is rule 3; two measures listed over
every agency are both ranked; agencies ranked on a count only their texts state; 表三 names its part; a report
with two files gives its part's table; 有没有说到 a thing a report does not say says so."""

from __future__ import annotations

import pytest

from test_dev_questions import ask_turns, dev_corpus, dev_qa  # noqa: F401 (fixtures)


def _answer(dev_qa, question: str):
    return ask_turns(dev_qa, question)[-1]


@pytest.mark.parametrize("question, item", [
    # 行政诉讼 over each agency's latest report: only 平潭2025 (6 + 3 = 9) is not 0; 行政复议: 平潭2025 36
    ("哪几个单位被提起行政诉讼", "行政诉讼"),
    ("被提起行政诉讼的单位有哪些", "行政诉讼"),
    ("哪些单位被申请过行政复议", "行政复议"),
])
def test_a_passive_of_having_happened_picks_the_agencies_not_at_zero(dev_qa, question, item) -> None:
    a = _answer(dev_qa, question)
    assert "不等于0件的单位有1个" in a.text and "平潭综合实验区" in a.text, a.text
    assert "伊川" not in a.text and item in (a.reading.summary + "；".join(a.reading.defaults)), a.text


def test_a_passive_before_a_superlative_stays_a_ranking(dev_qa) -> None:
    a = _answer(dev_qa, "哪个单位被复议最多")
    assert "取最多" in (a.reading.summary + "；".join(a.reading.defaults)) and "平潭综合实验区" in a.text, (a.reading.summary + "；".join(a.reading.defaults))


@pytest.mark.parametrize("question, says", [
    # 洪泽2023 表四 行政复议: 维持10 纠正1 其他0 尚未审结0, 总计 0 (the report's own break)
    ("洪泽区2023年被申请行政复议几次，结果如何", ["「行政复议 · 结果维持」10件", "「行政复议 · 结果纠正」1件", "与所填的共计0件不一致"]),
    # 平潭2024 行政诉讼 (direct + after review): 维持13 其他4 纠正2
    ("平潭2024年的行政诉讼结果如何", ["结果维持」13件", "结果纠正」2件"]),
    # 平潭2024 三: 办理结果 218; 无法提供·不掌握 75, 予以公开 71
    ("平潭2024年收到的申请办理结果怎么样", ["「办理结果总计」共218件", "「予以公开」71件", "不掌握相关政府信息」75件"]),
    # 平潭2024 一、本年新收: 自然人217 商业企业1
    ("平潭2024年的申请都是哪类申请人提出的", ["· 自然人」217件", "· 商业企业」1件"]),
    ("平潭2024年申请人都是什么人", ["· 自然人」217件"]),
])
def test_how_it_came_out_lists_the_parts(dev_qa, question, says) -> None:
    a = _answer(dev_qa, question)
    assert all(s in a.text for s in says), a.text
    assert "逐项列出" in (a.reading.summary + "；".join(a.reading.defaults)), (a.reading.summary + "；".join(a.reading.defaults))


def test_answers_asked_of_requests_are_the_results_with_a_blank_total_said_blank(dev_qa) -> None:
    # 济南2020 三: （七）总计 left blank; 予以公开4, 不掌握14, 重复申请4, 其他处理2, 行政查询1 (sum 25)
    a = _answer(dev_qa, "济南城管2020年依申请公开的答复情况")
    assert "「办理结果总计」共计一格空白，未填数字" in a.text and "「予以公开」4件" in a.text, a.text
    assert "共0件" not in a.text and "共20件" not in a.text, a.text


def test_a_state_asked_of_an_item_without_parts_stays_its_value(dev_qa) -> None:
    a = _answer(dev_qa, "平潭2023年行政处罚情况如何")  # 15_pingtan_2023.html: 1330
    assert "为1,330件" in a.text, a.text


def test_a_column_the_templates_name_differently_is_counted_under_both(dev_qa) -> None:
    # 规范性文件: 2019's 本年新制作数量 is 2021's 本年制发件数; the seeds (2019) are ranked beside 平潭2025 (58)
    a = _answer(dev_qa, "各单位主动公开规范性文件数量")
    assert "按同一列计入" in (a.reading.summary + "；".join(a.reading.defaults)) and "未计入" not in (a.reading.summary + "；".join(a.reading.defaults)), (a.reading.summary + "；".join(a.reading.defaults))
    assert "济南市城市管理局（2020年） 3件" in a.text, a.text


@pytest.mark.parametrize("question", ["哪些单位收了信息处理费", "哪些单位收取过信息处理费"])
def test_which_agencies_did_a_thing_asks_the_text(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert "索引中有" not in a.text and "信息处理费" in a.text, a.text


@pytest.mark.parametrize("question", ["张店的报告缺了哪些数据", "张店哪些数据没有提供", "张店为什么很多数据是空的"])
def test_what_a_report_leaves_out_is_its_missing_rows(dev_qa, question) -> None:
    # 001 (张店2020): 二 lacks 行政处罚 … 政府集中采购 (4 rows), 三 its upper 12 rows (lost at a page break)
    a = _answer(dev_qa, question)
    assert a.reading.operation == "gaps", a.reading
    assert "表格缺少16行" in a.text and "第二部分4行（行政处罚、行政强制、行政事业性收费、政府集中采购）" in a.text, a.text
    assert any(c.kind == "finding" and "缺少4行" in c.quote + (c.note or "") and c.line_start > 0 for c in a.citations), \
        a.citations


def test_a_row_given_in_the_other_templates_shape_is_no_gap(dev_qa) -> None:
    # 洪泽2023 (2021 form) gives 三's （六）其他处理 as the 2019 form's one row, not its three
    a = _answer(dev_qa, "洪泽2023年报告缺了哪些数据")
    assert "表格齐全" in a.text and "「其他处理」按另一版模板填成一行" in a.text, a.text


def test_which_reports_are_incomplete_over_the_corpus(dev_qa) -> None:
    a = _answer(dev_qa, "哪些报告的表格不完整")
    assert a.text.startswith("13份报告中，1份表格缺行（张店区综合行政执法局2020年缺16行）"), a.text
    assert "济南市城市管理局2020年" in a.text and "11份表格齐全" in a.text, a.text  # 济南 left cells blank
    assert len(a.table.rows) == 13


def test_a_measure_not_given_stays_that_measures_question(dev_qa) -> None:
    a = _answer(dev_qa, "哪些单位没有提供行政处罚数据")
    assert a.reading.operation != "gaps" and "张店区综合行政执法局" in a.text, a.text


@pytest.mark.parametrize("question", ["哪个单位的报告最规范", "哪些报告的数据最准确"])
def test_a_report_judged_is_read_as_its_completeness_and_sums(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert "按可核对的两点回答" in a.reading.summary, a.reading
    # 张店2020 lacks 16 rows; 济南2020, 平潭2020 (2), 平潭2023 (1), 洪泽2023 (2) break checks: 8 of 13 whole and agreeing
    assert "8份表格齐全且数字对得上" in a.text and "张店区综合行政执法局2020年缺16行" in a.text, a.text
    assert "平潭综合实验区2020年2项不一致" in a.text and "淮安市洪泽区人民政府2023年2项不一致" in a.text, a.text


# ---- session 24: kinds found asking as a user again ----------------------------------------------------------

@pytest.mark.parametrize("question", [
    # 平潭2024 三 四、结转下年度继续办理 总计 0 (16 html); 218 is 新收, not what was asked
    "平潭2024年的申请有多少没有答复完转到下一年",
    "平潭2024年有多少申请留到明年办",
    "平潭2024年跨年办理的申请有几件",
])
def test_requests_moved_on_to_next_year_are_the_carried_out_row(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert "结转下年度继续办理" in a.text and "218" not in a.text, a.text


@pytest.mark.parametrize("question", ["济南城管的报告有什么不对的地方", "济南城管2020年报表哪里写错了"])
def test_what_is_wrong_with_a_report_is_its_consistency(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert "勾稽关系核对" in a.reading.summary and "不一致" in a.text, (a.reading.summary, a.text)


@pytest.mark.parametrize("question", [
    # 平潭2023 三 （四）无法提供 1.本机关不掌握相关政府信息 总计 31 (15 html)
    "平潭2023年有几件申请是因为信息不存在没提供的",
    "平潭2023年多少件申请因为不掌握相关信息没有提供",
])
def test_cases_not_provided_are_a_row_not_missing_data(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert "31件" in a.text and "未提供的单位" not in a.reading.summary, a.text


@pytest.mark.parametrize("question, says", [
    # 鹤岗2020 一、本年新收 总计 0 (003 line 47); 平潭2024 218 (16 html)
    ("鹤岗城管2020年收到多少件申请，是不是0", "是的：0件"),
    ("鹤岗城管2020年收到的申请是不是0件", "是的：0件"),
    ("平潭2024年收了多少申请，超过200件了吗", "是的：218件"),
    ("平潭2024年收了多少申请，有没有超过300", "没有：218件，不大于300件"),
])
def test_is_it_zero_is_a_yes_or_no_of_one_reports_value(dev_qa, question, says) -> None:
    a = _answer(dev_qa, question)
    assert a.text.startswith(says.split("：")[0]) and says in a.text, a.text


@pytest.mark.parametrize("question", ["哪些单位的报告里申请人分类加起来不等于总计", "申请人类别之和不等于总计的报告有哪些"])
def test_applicant_columns_against_the_total_is_rule_3_alone(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    # 济南2020 三: 新收 自然人18 against 总计20 is the one rule-3 break of the corpus
    assert "规则3（申请人合计）" in a.text and "济南市城市管理局" in a.text and "规则1" not in a.text, a.text


def test_legal_persons_written_with_huozhe_are_the_column_group(dev_qa) -> None:
    # 平潭2021 一、本年新收: 商业企业0 科研0 社会公益2 法律服务0 其他4 = 法人或其他组织 6 (13 html)
    a = _answer(dev_qa, "平潭2021年法人或者其他组织申请了几件")
    assert "法人或其他组织」为6件" in a.text and "· 其他」为4件" not in a.text, a.text


def test_that_year_after_a_ranking_of_years_says_whose_report(dev_qa) -> None:
    a = ask_turns(dev_qa, "平潭哪一年收到的申请最多", "那一年予以公开了多少")[-1]
    notes = "；".join(a.reading.defaults)
    assert "71件" in a.text and "列出全部单位" not in notes and "读作上一问找到的平潭综合实验区2024年" in notes, notes


def test_a_text_dump_cell_is_quoted_at_its_row(dev_qa) -> None:
    # 05_pingtan_2022.txt is one long line: the quote must hold the 四 row (… 0 1 1 0 2 …), not the intro's 〔2021〕
    a = _answer(dev_qa, "平潭2022年行政复议多少件")
    quotes = [c.quote for c in a.citations if c.doc == "05_pingtan_2022.txt"]
    assert quotes and all("0 1 1 0 2" in q and "〔2021〕" not in q for q in quotes), quotes


@pytest.mark.parametrize("question", ["列出所有单位2020年的行政许可和行政处罚数量", "2020年各单位行政许可和行政处罚分别是多少"])
def test_two_measures_listed_for_every_agency_are_both_ranked(dev_qa, question) -> None:
    # 2020 二: 行政许可 鹤岗798 平潭278 …; 行政处罚 平潭538 伊川313 济南135 … — neither measure dropped
    a = _answer(dev_qa, question)
    rows = {(r[0], r[2]): r[4] for r in a.table.rows}
    assert a.table.columns[0] == "项目", a.table.columns
    assert rows[("行政许可 · 处理决定数量", "鹤岗市城市管理综合执法局")] == 798, rows
    assert rows[("行政处罚 · 处理决定数量", "平潭综合实验区")] == 538, rows
    assert "只按第一项" not in "；".join(a.reading.defaults), a.reading.defaults


@pytest.mark.parametrize("question, first", [
    # 2020 texts: 济南 第11行 公开信息1373条 (its website), 平潭 主动公开政府信息1053条, 鹤岗 808, 张店 465, 伊川 152余条;
    # 沙河's text states no such count
    ("哪个单位2020年主动公开政府信息最多", "济南市城市管理局"),
    ("2020年各单位主动公开政府信息的数量排名", "济南市城市管理局"),
])
def test_agencies_ranked_on_a_count_only_their_texts_state(dev_qa, question, first) -> None:
    a = _answer(dev_qa, question)
    rows = {r[1]: r for r in a.table.rows}
    assert a.table.rows[0][1] == first and rows["张店区综合行政执法局"][3] == 465, a.table.rows
    assert rows["沙河市城市管理综合行政执法局"][3] is None and "不计为零" in a.text, a.text
    assert "不是表格数字" in "；".join(a.reading.defaults) and a.citations, a.reading.defaults


@pytest.mark.parametrize("question, part", [
    # 平潭2024 has two files (16 html, 07 txt): one report, read from the file that stands for it
    ("平潭2024年报告的第三部分", "三、收到和处理政府信息公开申请情况是表格"),
    ("给我平潭2024年的表三", "三、收到和处理政府信息公开申请情况是表格"),
    ("平潭2024年表四的内容", "四、政府信息公开行政复议、行政诉讼情况是表格"),
])
def test_a_table_part_asked_by_number_is_read_even_when_the_report_has_two_files(dev_qa, question, part) -> None:
    a = _answer(dev_qa, question)
    assert part in a.text and a.status == "answered", a.text


def test_a_follow_up_switching_the_measure_after_a_ranking_says_no_stale_reading(dev_qa) -> None:
    a = ask_turns(dev_qa, "Which agency had the most administrative penalties in 2020?", "what about licenses?")[-1]
    notes = "；".join(a.reading.defaults)
    assert "鹤岗市城市管理综合执法局最多：798件" in a.text and "列出全部单位" not in notes, (a.text, notes)


@pytest.mark.parametrize("question", ["平潭2022年的报告有没有说到12345热线", "平潭2022年报告提到12345热线了吗"])
def test_whether_a_report_mentions_a_thing_it_does_not_says_it_does_not(dev_qa, question) -> None:
    # 05_pingtan_2022.txt has neither 12345 nor 热线 (grep)
    a = _answer(dev_qa, question)
    assert "的报告没有说到「" in a.text and "12345" in a.text, a.text


@pytest.mark.parametrize("question, value", [
    # 平潭2021 四 行政诉讼 复议后起诉 总计 0 (13 html: 直接起诉 12); 平潭2024 复议后起诉 19 (16 html)
    ("平潭2021年报告中，行政复议后又起诉的有几件", "复议后起诉 · 总计」为0件"),
    ("平潭2024年经过行政复议后再起诉的案件有多少", "复议后起诉 · 总计」为19件"),
])
def test_sued_after_review_in_everyday_words_is_that_row(dev_qa, question, value) -> None:
    a = _answer(dev_qa, question)
    assert value in a.text and "「行政复议 · 总计」" not in a.text, a.text


def test_shares_asked_each_are_each_shares_not_their_sum(dev_qa) -> None:
    # 平潭2025 三: 予以公开 33, 部分公开 38, （七）总计 148 (17 html)
    a = _answer(dev_qa, "2025年平潭依申请公开中，决定予以公开和部分公开的比例各是多少")
    hows = [d.how for d in a.derived]
    assert "33 ÷ 148 = 22.30%" in hows and "38 ÷ 148 = 25.68%" in hows and "71" not in a.text, (hows, a.text)
    a = _answer(dev_qa, "2025年平潭予以公开和部分公开合计占比")
    assert "71件 ÷ 148件 = 47.97%" in a.text, a.text


def test_the_grouped_read_of_whole_tables_never_calls_a_report_with_gaps_whole(dev_qa) -> None:
    """op_gaps reads each report's keys only where FactStore.whole_tables does not find its table whole: every
    report it calls whole has no gaps by the key-by-key reading, and the reports with gaps (张店, 济南) are not."""
    from index.template import keys_for
    from qa import op_gaps
    ctx, store = dev_qa.ctx, dev_qa.store
    reports = list(store.reports)
    whole = store.whole_tables(None, {f: keys_for(f) for f in {r.format for r in reports}}, sorted(op_gaps.GAP_FLAGS))
    by_key = {r.doc for r in reports if not op_gaps.gaps_of(ctx, r).any}
    assert whole and whole <= by_key, (whole, by_key)
    assert not any(d.startswith(("001_", "004_")) for d in whole), whole
    some = [r.doc for r in reports[:4]]
    assert store.whole_tables(some, {f: keys_for(f) for f in {r.format for r in reports}},
                              sorted(op_gaps.GAP_FLAGS)) == whole & set(some)


@pytest.mark.parametrize("question, says", [
    # 伊川2020: 新收 总计 0 (002 line 56), 行政复议 总计 0; 平潭2024: 新收 218, 行政复议 7 (16 html)
    ("伊川县2020年收到了多少政府信息公开申请？有没有被复议？", ["「本年新收政府信息公开申请数量 · 总计」为0件", "没有：0件", "「行政复议 · 总计」为0件"]),
    ("平潭2024年收到多少申请？行政复议多少件？", ["为218件", "「行政复议 · 总计」为7件"]),
    # 平潭 政府集中采购 采购项目数量: 2019 135, 2020 395
    ("平潭2019年政府集中采购项目多少个？2020年呢？", ["2019年「政府集中采购 · 采购项目数量」为135项", "2020年「政府集中采购 · 采购项目数量」为395项"]),
])
def test_several_questions_typed_as_one_are_each_answered(dev_qa, question, says) -> None:
    a = _answer(dev_qa, question)
    assert all(s in a.text for s in says), a.text
    assert a.reading.summary.startswith("问1："), a.reading.summary


@pytest.mark.parametrize("question", ["平潭2024年和2025年，行政复议哪年多？多几件", "平潭哪一年打官司最多？直接起诉和复议后起诉都算上"])
def test_a_question_mark_inside_one_question_keeps_it_one(dev_qa, question) -> None:
    a = _answer(dev_qa, question)
    assert not a.reading.summary.startswith("问1："), a.reading.summary


@pytest.mark.parametrize("question, says", [
    # 洪泽2023 三 （四）无法提供: 不掌握 10, 没有现成信息 3, 不明确 0 (22 pdf)
    ("洪泽区2023年依申请公开办理结果中无法提供的有多少件，都是什么原因", ["共13件", "本机关不掌握相关政府信息」10件"]),
    # 平潭2024 一、本年新收: 自然人217 商业企业1
    ("平潭2024年收到的申请，按申请人分类各多少", ["共218件", "· 自然人」217件", "· 商业企业」1件"]),
])
def test_a_count_and_its_reasons_or_kinds_are_the_rows_parts(dev_qa, question, says) -> None:
    a = _answer(dev_qa, question)
    assert all(s in a.text for s in says) and a.status == "answered", a.text


@pytest.mark.parametrize("question", ["平潭2024年不予公开的申请分别是什么原因", "平潭2024年不予公开的都是什么原因"])
def test_the_reasons_of_a_row_with_parts_are_its_parts_not_the_text(dev_qa, question) -> None:
    # prose16 reads 为什么/什么原因 in the text; a row whose parts are its reasons (不予公开's eight) stays a breakdown
    a = _answer(dev_qa, question)
    assert a.reading.operation == "breakdown" and "三类内部事务信息」32件" in a.text, a.text


def test_a_ranking_of_a_thing_of_its_own_after_a_value_is_not_that_value_ranked(dev_qa) -> None:
    # 哪个单位…主动公开政府信息最多 names what it ranks (a count only the texts state); 第二多的是谁 names nothing
    a = ask_turns(dev_qa, "平潭2024年行政复议多少件", "哪个单位2020年主动公开政府信息最多")[-1]
    assert "正文中写明的数字" in a.text and "行政复议" not in a.text, a.text
    a = ask_turns(dev_qa, "平潭2024年行政复议多少件", "2020年哪个单位最多")[-1]
    assert "「行政复议 · 总计」" in a.text, a.text
