"""The bytes of the CSV and XLSX downloads read back to the answer table: Chinese intact (BOM for Excel),
numbers as numbers with their units in the headers, formulas never run."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from qa.answer import AnswerTable
from ui import exports

TABLE = AnswerTable(
    columns=["排名", "单位", "年度", "处理决定数量", "采购总金额"],
    rows=[[1, "伊川县城市管理局", 2020, 313.0, 2580.444799],
          [2, "济南市城市管理局", 2020, 1113, None],
          [3, "=HYPERLINK(\"http://x\")", 2020, 12, 0.5],
          [4, "@某机关", 2020, None, 7249.4746]],
    units={"处理决定数量": "件", "采购总金额": "万元"},
)


def read_xlsx(data: bytes, sheet: str | None = None) -> tuple[list[str], list[list], openpyxl.Workbook]:
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    return rows[0], rows[1:], wb


def test_units_go_into_headers_and_numbers_are_typed():
    frame = exports.table_frame(TABLE)
    assert list(frame.columns) == ["排名", "单位", "年度", "处理决定数量（件）", "采购总金额（万元）"]
    assert str(frame["处理决定数量（件）"].dtype) == "Int64"  # 313.0 and 1113: whole numbers
    assert str(frame["采购总金额（万元）"].dtype) == "Float64"
    assert frame["处理决定数量（件）"].tolist()[:2] == [313, 1113]
    assert exports.with_unit("金额（万元）", "万元") == "金额（万元）"


def test_csv_has_a_bom_and_reads_back_to_the_table():
    frame = exports.table_frame(TABLE)
    data = exports.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    assert "伊川县城市管理局".encode("utf-8") in data
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(back.columns) == list(frame.columns)
    assert back["单位"].tolist()[:2] == ["伊川县城市管理局", "济南市城市管理局"]
    assert back["处理决定数量（件）"].tolist()[:3] == [313, 1113, 12] and pd.isna(back["处理决定数量（件）"][3])
    assert back["采购总金额（万元）"].tolist()[0] == pytest.approx(2580.444799)
    assert pd.isna(back["采购总金额（万元）"][1])
    # text a spreadsheet would run as a formula is kept as text
    assert back["单位"][2] == "'=HYPERLINK(\"http://x\")" and back["单位"][3] == "'@某机关"


def test_csv_keeps_signed_numbers_in_text_columns():
    frame = pd.DataFrame({"原文": ["-1", "+30", "-", "增13"]})
    back = pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["原文"].tolist() == ["-1", "+30", "-", "增13"]


def test_xlsx_reads_back_to_the_table():
    frame = exports.table_frame(TABLE)
    header, rows, wb = read_xlsx(exports.xlsx_bytes(frame, sheet="答案", notes={"问题": "哪个单位的行政处罚最多？"}))
    assert header == list(frame.columns)
    assert rows[0] == [1, "伊川县城市管理局", 2020, 313, pytest.approx(2580.444799)]
    assert rows[1][3] == 1113 and rows[1][4] is None
    assert rows[3][3] is None
    assert wb.sheetnames == ["答案", "说明"]
    assert wb["说明"]["B1"].value == "哪个单位的行政处罚最多？"


def test_xlsx_never_writes_a_formula_and_formats_numbers():
    frame = exports.table_frame(TABLE)
    wb = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(frame)))
    ws = wb.worksheets[0]
    cell = ws["B4"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert ws["D3"].number_format == "#,##0"
    assert ws["E2"].number_format == "#,##0.000000"  # 2580.444799
    assert ws["E3"].value is None  # no value: no cell


def test_each_xlsx_number_keeps_its_own_decimals():
    """An amount column of 18651.06 and 24252.311082: each cell shows the decimals its value has, not the
    column's longest (18,651.060000 is not what the report says)."""
    table = AnswerTable(columns=["单位", "金额"], rows=[["甲", 24252.311082], ["乙", 18651.06], ["丙", 7730.0]],
                        units={"金额": "万元"})
    ws = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(exports.table_frame(table)))).worksheets[0]
    assert [(c.value, c.number_format) for (c,) in ws.iter_rows(min_row=2, min_col=2, max_col=2)] == [
        (24252.311082, "#,##0.000000"), (18651.06, "#,##0.00"), (7730, "#,##0")]
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"


def test_empty_and_odd_tables():
    empty = AnswerTable(columns=["单位", "数量"], rows=[], units={"数量": "件"})
    frame = exports.table_frame(empty)
    assert list(pd.read_csv(io.BytesIO(exports.csv_bytes(frame)), encoding="utf-8-sig").columns) == ["单位", "数量（件）"]
    assert read_xlsx(exports.xlsx_bytes(frame))[0] == ["单位", "数量（件）"]
    short = AnswerTable(columns=["a", "b"], rows=[["x"]])  # a ragged row is padded, never an error
    assert exports.table_frame(short).shape == (1, 2)
    assert exports._sheet_title("a/b:c*d?[e]" * 5) == ("abcde" * 5)[:31]


def test_file_stem_is_safe():
    assert exports.file_stem("哪个单位的行政处罚最多？") == "哪个单位的行政处罚最多"
    assert exports.file_stem("../../etc/passwd") == "etc_passwd"
    assert exports.file_stem("？？？") == "回答"


def test_rank_placeholders_are_empty_cells_of_a_number_column():
    ranked = AnswerTable(columns=["名次", "单位", "数量"], rows=[[1, "甲", 5], [2, "乙", 3], ["—", "丙", None]],
                         units={"数量": "件"})
    frame = exports.table_frame(ranked)
    assert str(frame["名次"].dtype) == "Int64" and frame["名次"].tolist()[:2] == [1, 2] and pd.isna(frame["名次"][2])
    header, rows, _ = read_xlsx(exports.xlsx_bytes(frame))
    assert [r[0] for r in rows] == [1, 2, None]


def test_rows_get_the_sources_that_are_theirs_or_none():
    from qa.answer import Answer, Citation, Reading

    def cite(agency, year, number, line):
        return Citation(doc=f"{agency}.txt", agency=agency, year=year, part="二", line_start=line, line_end=line,
                        quote=f"行政处罚 {number}", value=str(number), key="penalty.decisions", number=number)

    table = AnswerTable(columns=["单位", "年份", "项目", "数值"],
                        rows=[["甲", 2020, "行政处罚", 5], ["甲", 2020, "行政许可", 7], ["乙", 2021, "行政处罚", 3],
                              ["丙", 2020, "行政处罚", None]])
    answer = Answer(question="q", text="t", reading=Reading(operation="value", summary="s"), table=table,
                    citations=[cite("甲", 2020, 5, 10), cite("甲", 2020, 9, 11), cite("乙", 2021, 4, 12)])
    sources = exports.evidence.source_columns(answer, names={"甲.txt": "甲的年报.txt"})
    assert sources["来源文件"].tolist() == ["甲的年报.txt", None, "乙.txt", None]
    # 甲's second row matches no cited number and is not 甲's only row: no source rather than a wrong one;
    # 乙's one row takes 乙's citation even though the numbers differ (a converted unit, a derived value)
    assert sources["来源位置"].tolist() == ["第10行", None, "第12行", None]
    assert sources["来源原文"][0] == "行政处罚 5" and sources["来源部分"][0] == "二、主动公开政府信息情况"


def _asked(seed_qa, question: str):
    answer, _ = seed_qa.ask(question, None)
    return seed_qa.every_row(answer)


def test_a_rows_number_takes_its_own_cell_not_an_equal_one_beside_it(seed_qa):
    """济南's 上一年项目数量 0 is cited with the 本年增/减 0 of the same line: the row's one 0 is its own cell."""
    answer = _asked(seed_qa, "济南城管上一年行政事业性收费项目数是多少")
    assert [c.key for c in answer.citations] == ["fee.prev", "fee.change"]
    sources = exports.evidence.source_columns(answer)
    assert sources["来源位置"].tolist() == ["第90–91行"] and sources["来源原文"][0] == "行政事业性收费 0"


def test_a_derived_numerator_brings_the_cells_it_was_added_from(seed_qa):
    """A share's numerator 14 = 14 + 0 + 0 (无法提供's three rows): the export's row names those cells, not
    only the denominator's, so every number of the row can be traced."""
    answer = _asked(seed_qa, "济南城管依申请公开的申请里，无法提供的占多少比例")
    assert answer.table.rows[0][2:5] == [14.0, 20.0, 70.0]
    places = exports.answer_frame(answer)["来源位置"][0].split("\n")
    assert len(places) == 4 and places[-1] == "第125–132行"  # 三 rows of 无法提供 and 新收's 总计


def test_a_derivation_states_its_value_once(seed_qa):
    answer = _asked(seed_qa, "所有报告的行政事业性收费上一年项目数量加起来是多少")
    said = [exports.evidence.derivation_text(d) for d in answer.derived]
    assert "6095 + 5 + 1 + 0 = 6101" in said  # not "… = 6101 6,101"
    assert "范围内的单位数 5" in said
    notes = dict(exports.evidence.notes(answer))
    assert notes["计算"].count("6101") == 1 and "6,101" not in notes["计算"]


def test_a_finding_about_a_missing_row_names_no_line_0(seed_qa):
    """张店's table lacks rows, so some checks cannot be made: their findings stand at no line of the report;
    the sources say so rather than 第0行, and a finding the template's parts do not place names no part."""
    from ui import render

    answer = _asked(seed_qa, "哪些报告的数字前后不一致？")
    missing = [c for c in answer.citations if c.line_start <= 0]
    assert missing and all(c.kind == "finding" for c in missing)
    titles = [render.citation_title(c, n) for n, c in enumerate(answer.citations, 1)]
    assert not [t for t in titles if "第0行" in t]
    assert any("报告中没有对应的行" in t for t in titles)
    places = exports.evidence.citations_frame(answer)["来源位置"].tolist()
    assert "第0行" not in places and "报告中没有对应的行" in places
    unplaced = [c for c in answer.citations if c.kind == "finding" and not c.part]
    assert all(exports.evidence.part_text(c) == "" for c in unplaced)


def test_csv_writes_whole_numbers_of_a_mixed_column_without_a_point(seed_index):
    """事实's 数值 holds counts and amounts in one float column: a count is written 2, not 2.0; an amount keeps
    its digits; a value the report does not give stays empty."""
    from index.generation import Generation

    con = Generation.current(seed_index.index).connect()
    try:
        values = [v for (v,) in con.execute("select value from facts where value is not null order by doc, line, col").fetchall()]
    finally:
        con.close()
    frame = pd.DataFrame({"数值": pd.array(values + [None], dtype="Float64"), "键": "k"})
    back = [line.split(",")[0] for line in exports.csv_bytes(frame).decode("utf-8-sig").split("\r\n")[1:-1]]
    assert not [b for b in back if b.endswith(".0")]
    assert back[-1] == ""
    assert [float(b) for b in back[:-1]] == [float(v) for v in values]
    assert any("." in b for b in back)  # the amounts (万元) keep their decimals
