"""Pieces of the answer rendering that need no browser: the cited value found in its quote, text shown as
text, the table's number formats, and the questions' clean-up."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from qa.answer import AnswerTable
from ui import numbers, render
from ui.ask import MAX_QUESTION, ask_safely, clean
from ui.examples import candidates, short_name


def test_a_value_found_once_is_marked():
    quote = "行政处罚 64 0 313"
    assert render.cited_spans(quote, "313") == [(10, 13)]
    assert render.highlight(quote, [(10, 13)]) == "行政处罚 64 0 <mark>313</mark>"


def test_numbers_inside_longer_numbers_are_not_the_value():
    assert render.cited_spans("共1313件，其中13件", "13") == [(9, 11)]
    assert render.cited_spans("增13", "13") == [(1, 3)]
    assert render.cited_spans("313件", "313") == [(0, 3)] and render.cited_spans("计313", "313") == [(1, 4)]
    assert render.cited_spans("1,313 与 2.13", "13") == []


def test_the_cells_own_column_picks_one_of_many_equal_values():
    line = "三、本年度办理结果\t(一) 予以公开\t\t0\t0\t0\t0\t0\t0\t0"
    col = line.rindex("0") + 1  # the total column: the last cell
    quote = "（一）予以公开 " + " ".join(line.split())  # the quote ends with the line, whitespace collapsed
    spans = render.cited_spans(quote, "0", line, col)
    assert spans == [(len(quote) - 1, len(quote))]
    first = line.index("\t0") + 2
    assert render.cited_spans(quote, "0", line, first) == [(quote.index(" 0") + 1, quote.index(" 0") + 2)]
    # without the cell's place every occurrence is marked, never a guess
    assert len(render.cited_spans(quote, "0")) == 7


def test_html_is_escaped_in_quotes_and_markdown_in_text():
    assert render.highlight("<b>1</b>", [(3, 4)]) == "&lt;b&gt;<mark>1</mark>&lt;/b&gt;"
    # a blank line would end the quote's HTML block and let markdown read the rest: line ends are references
    quote = render.highlight("标题\n\n![x](http://127.0.0.1:9/x.png)\r\n1", [(36, 37)])
    assert "\n" not in quote and quote == "标题&#10;&#10;![x](http://127.0.0.1:9/x.png)&#10;<mark>1</mark>"
    shown = render.escape_md("**粗** [链接](javascript:x) :red[x] $x$")
    assert "**" not in shown.replace("\\*", "") and "\\[" in shown and "\\$" in shown


def test_table_numbers_are_right_aligned_with_thousands_and_units():
    table = AnswerTable(columns=["单位", "数量", "金额"], rows=[["甲", 1113, 2580.444799], ["乙", None, 1.5]],
                        units={"数量": "件", "金额": "万元"})
    frame, config = render.table_view(table)
    assert list(frame.columns) == ["单位", "数量（件）", "金额（万元）"]
    count, amount = config["数量（件）"], config["金额（万元）"]
    assert count["type_config"]["format"] == "%,d" and count["alignment"] == "right"
    # a column with fractions has no one format: each cell says its value as the report gives it
    assert amount["type_config"].get("format") is None and amount["alignment"] == "right"
    styled, _ = numbers.exact(frame, config, placeholder="—")
    assert styled.to_string().splitlines()[1:] == ["0 甲 1113 2,580.444799", "1 乙 — 1.5"]
    assert pd.isna(frame["数量（件）"][1])


def test_questions_are_cleaned_and_capped():
    assert clean("  行政\x00处罚\u202e\n\t最多？ ") == "行政 处罚 最多？"
    assert clean(None) == ""

    class Boom:
        def ask(self, question, context):
            raise RuntimeError("engine bug")

    answer, conversation = ask_safely(Boom(), "行政处罚最多？", "ctx")
    assert answer.status == "invalid" and "抱歉" in answer.text and conversation == "ctx"
    empty, _ = ask_safely(Boom(), " \n ")
    assert empty.status == "invalid" and "请输入" in empty.text
    odd, _ = ask_safely(Boom(), "？？？！！")
    assert odd.status == "invalid"
    assert MAX_QUESTION >= 100


def test_examples_come_from_the_corpus():
    facts = pd.DataFrame([
        {"agency": a, "year": 2020, "key": "penalty.decisions", "item": "行政处罚", "column_label": "处理决定数量",
         "value": v} for a, v in (("济南市城市管理局", 135), ("伊川县城市管理局", 313))] + [
        {"agency": "济南市城市管理局", "year": 2020, "key": "apply.new.total", "item": "本年新收政府信息公开申请数量",
         "column_label": "总计", "value": 20},
        {"agency": "伊川县城市管理局", "year": 2020, "key": "apply.new.total", "item": "本年新收政府信息公开申请数量",
         "column_label": "总计", "value": 3}])
    findings = pd.DataFrame({"status": ["FAIL", "PASS"]})
    questions = candidates(facts, findings)
    assert questions[0] == "哪个单位的行政处罚决定数量最多？"
    assert any("济南市城管局" in q or "伊川县城管局" in q for q in questions)
    assert "哪些报告的数字前后不一致？" in questions
    assert short_name("鹤岗市城市管理综合执法局") == "鹤岗市城管局"
    assert candidates(facts.iloc[0:0], findings.iloc[0:0]) == ["这些报告总体情况如何？"]


def test_bare_urls_and_addresses_never_become_links():
    # GitHub-flavoured markdown links these even when escaped; the browser test shows the page fetching none
    shown = render.escape_md("见 http://127.0.0.1:9/x.png、www.example.com 与 a@b.io。HTTPS://X.IO")
    for link in ("http:", "HTTPS:", "www.", "www\\.", "@b"):
        assert link not in shown
    assert shown.replace(render.WORD_JOINER, "").replace("\\", "") == \
        "见 http://127.0.0.1:9/x.png、www.example.com 与 a@b.io。HTTPS://X.IO"


def test_citation_titles_and_alternatives_escape_report_text():
    from qa.answer import Citation

    c = Citation(doc="a.txt", agency="![x](http://e.io/x.png)某局", year=2020, part="二", line_start=3,
                 line_end=3, quote="行政处罚 1", value="1", key="penalty.decisions")
    title = render.citation_title(c, 1)
    assert "![" not in title and "](" not in title and "http:" not in title


def test_one_agencys_reports_of_several_years_are_one_bar_each():
    """A ranking of one agency's years (平潭 each year) names each bar by its year, not the agency once."""
    frame = pd.DataFrame({"名次": [1, 2, 3], "单位": ["平潭综合实验区"] * 3, "年份": [2024, 2025, 2022],
                          "件数（件）": [75, 50, 37]})
    assert render._bar_names(frame, "单位").tolist() == ["2024年", "2025年", "2022年"]
    two = frame.assign(单位=["平潭综合实验区", "平潭综合实验区", "淮安市洪泽区人民政府"])
    assert render._bar_names(two, "单位").tolist() == ["平潭综合实验区（2024年）", "平潭综合实验区（2025年）",
                                                      "淮安市洪泽区人民政府（2022年）"]
    one_each = frame.assign(单位=["甲", "乙", "丙"])
    assert render._bar_names(one_each, "单位").tolist() == ["甲", "乙", "丙"]


def test_a_cell_split_from_digits_run_together_is_titled_by_its_value(tmp_path):
    """平潭 2022's text dump runs a row's cells together (370000037 = 37, 0, 0, 0, 0, 0, 37): the source's title
    gives the value read, 37, and the run it was split from, not 370000037 as if it were the number."""
    import shutil

    from index.build import build_index
    from qa.engine import QA

    real = Path(__file__).resolve().parents[2] / "shared" / "real" / "reports"
    real = real if real.is_dir() else Path("/work/shared/real/reports")
    (tmp_path / "corpus").mkdir()
    shutil.copy(real / "05_pingtan_2022.txt", tmp_path / "corpus")
    build_index(tmp_path / "corpus", tmp_path / "index", embed=False)
    qa = QA(tmp_path / "index")
    try:
        answer, _ = qa.ask("平潭2022年因本机关不掌握相关政府信息无法提供的申请有几件")
        prose, _ = qa.ask("平潭2022年政务公开工作做了什么")
    finally:
        qa.close()
    cited = [c for c in answer.citations if "split_run" in c.flags]
    assert cited and cited[0].value == "370000037"
    assert render.citation_title(cited[0], 1).endswith(" · 37（拆自连写的 370000037）")
    # passages (several on one long line of the dump) are titled by how they begin, each told apart
    passages = [c for c in prose.citations if c.kind == "passage"]
    titles = [render.citation_title(c, 1) for c in passages]
    assert len(passages) >= 2 and len(set(titles)) == len(titles)
    head = " ".join(passages[0].quote.split())[:render.PASSAGE_HEAD]
    assert f" · 「{render.escape_md(head)}" in titles[0]


def test_a_text_column_empty_in_its_first_rows_is_as_wide_as_its_text(seed_qa):
    """The grid sizes a column by its first rows: a sum's 说明 is empty for the reports that give the value
    and says 未提供（…） only on the last rows, which a column sized by the first were cut to 未提供（报告中."""
    from ui import exports

    answer, _ = seed_qa.ask("所有报告的行政处罚项目数量加起来是多少", None)
    frame, config, _ = render.fit_columns(*render.table_view(seed_qa.every_row(answer).table))
    notes = [v for v in frame["说明"] if v]
    assert notes == ["未提供（报告中没有这一项）"] and not frame["说明"][0]
    assert config["说明"]["width"] >= exports.text_width(notes[0]) * 7


def test_a_grid_too_large_to_style_shows_each_numbers_exact_digits(seed_index):
    """The 事实 page of a corpus: more cells than are styled on every rerun. Its amounts stay numbers (sorted as
    numbers) in the grid's "plain" format, the shortest digits that are the value, never rounded to three
    decimals; a unit conversion's float tail (7539.443252000001) is cut at the answers' six decimals."""
    import duckdb

    from index.build import current_generation

    con = duckdb.connect(str(current_generation(seed_index.index) / "facts.duckdb"), read_only=True)
    facts = con.execute("select agency, key, raw, value from facts").df()
    con.close()
    big = pd.concat([facts] * (numbers.STYLED_CELLS // facts.size + 1), ignore_index=True)
    big.loc[0, "value"] = 75394432.52 / 10000
    config = {"value": st.column_config.NumberColumn(alignment="right", width=120)}
    data, config = numbers.exact(big, config)
    assert isinstance(data, pd.DataFrame) and pd.api.types.is_float_dtype(data["value"])
    assert config["value"]["type_config"]["format"] == "plain" and config["value"]["width"] == 120
    assert data.loc[0, "value"] == 7539.443252 and 2580.444799 in data["value"].tolist()
    small, _ = numbers.exact(facts.head(50), {})
    assert not isinstance(small, pd.DataFrame)  # a Styler: each cell's own text
