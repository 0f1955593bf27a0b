"""The Streamlit app driven by streamlit.testing.v1.AppTest over the seeds, with the real engine: a ranking
question (text, table, chart, downloads, sources), a follow-up, an alternative reading, bad questions,
uploads of good and bad files, and the facts and findings pages."""

from __future__ import annotations

import io
import math
import re
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from conftest import BuiltIndex
from ui.evidence import SOURCE_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
APP = str(ROOT / "ui" / "app.py")
RANKING = "哪个单位的行政处罚决定数量最多？"


@pytest.fixture(scope="module", autouse=True)
def release_shared_resources():
    """The app's engines and database connections live in st.cache_resource: close them after this module."""
    yield
    import streamlit as st

    st.cache_resource.clear()


@pytest.fixture
def app(seed_index, open_app):
    return open_app(seed_index)


@pytest.fixture
def downloads(monkeypatch):
    """The bytes behind every download button the app draws: file name → data."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage

    seen: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def record(self, path_or_data, mimetype, kind, filename=None):
        if filename and isinstance(path_or_data, bytes):
            seen[filename] = path_or_data
        return original(self, path_or_data, mimetype, kind, filename)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", record)
    return seen


def plain(text: str) -> str:
    """Markdown as shown: the escapes the app adds to user and report text removed."""
    return text.replace("\\", "")


def cells(rows) -> list[list]:
    """Table values compared across CSV, XLSX and the page: missing and empty text as None, 313.0 as 313."""
    def one(v):
        if v is None or v is pd.NA or v == "" or (isinstance(v, float) and math.isnan(v)):
            return None
        v = v.item() if hasattr(v, "item") else v
        return int(v) if isinstance(v, float) and v.is_integer() else v
    return [[one(v) for v in row] for row in rows]


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return plain("\n".join(parts))


def chat_texts(at: AppTest) -> list[str]:
    """The text of each chat message: what was asked, and each answer's text, reading line and sources."""
    return [plain(" ".join([m.value for m in msg.markdown] + [i.value for i in msg.info] +
                           [c.value for c in msg.caption])) for msg in at.chat_message]


def ask(at: AppTest, question: str) -> AppTest:
    at.chat_input[0].set_value(question).run()
    assert not at.exception, at.exception
    return at


def test_empty_chat_offers_examples_and_the_corpus_at_a_glance(app):
    assert not app.exception
    assert [t.value for t in app.title] == ["政府信息公开年报问答"]
    examples = [b for b in app.button if b.key and b.key.startswith("example-")]
    assert len(examples) >= 3
    metrics = {m.label: m.value for m in app.sidebar.get("metric")}
    assert metrics["报告"] == "5" and metrics["机关"] == "5" and metrics["事实"] != "0"
    assert int(metrics["核对不一致"]) > 0
    assert "2020" in texts(app) and "2019版 5 份" in texts(app)
    # an example is a question the engine answers
    examples[0].click().run()
    assert not app.exception
    assert len(app.chat_message) == 2


def test_first_start_builds_the_index_once_and_later_starts_reuse_it(tmp_path, monkeypatch):
    from index.build import current_generation

    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    monkeypatch.setenv("QA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("QA_CORPUS", str(tmp_path / "corpus"))
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception
    built = current_generation(tmp_path / "index")
    assert {m.label: m.value for m in at.sidebar.get("metric")}["报告"] == "5"
    again = AppTest.from_file(APP, default_timeout=180).run()  # a new session: no rebuild
    ask(again, RANKING)
    assert current_generation(tmp_path / "index") == built
    assert "伊川县城市管理局" in chat_texts(again)[1]


def test_an_empty_corpus_says_what_to_do(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    monkeypatch.setenv("QA_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("QA_CORPUS", str(tmp_path / "corpus"))
    at = AppTest.from_file(APP, default_timeout=180).run()
    assert not at.exception
    assert "上传" in at.warning[0].value
    assert "还没有可用的索引：文件夹里没有报告文件" in plain(at.warning[0].value)  # the build's reason, in Chinese
    assert at.get("file_uploader")


def test_ranking_question_shows_text_table_chart_downloads_and_sources(app, downloads):
    ask(app, RANKING)
    user, answer = chat_texts(app)
    assert plain(RANKING) in user
    assert "伊川县城市管理局" in answer and "313" in answer
    frame = app.chat_message[-1].table[0].value  # a short table: the browser's own, which fits a phone too
    assert "伊川县城市管理局" in frame.astype(str).to_string()
    assert 313 in pd.to_numeric(frame.stack(), errors="coerce").tolist()
    assert len(app.get("vega_lite_chart")) == 1
    labels = [b.label for b in app.get("download_button")]
    assert labels == ["CSV", "XLSX"]
    assert any("第" in e.label and "行" in e.label for e in app.expander)  # sources name their line
    assert any("<mark>313</mark>" in m.value for m in app.markdown)  # the cited value highlighted
    # the bytes behind the buttons read back to the table on the page, each row with its sources
    csv = next(v for k, v in downloads.items() if k.endswith(".csv"))
    xlsx = next(v for k, v in downloads.items() if k.endswith(".xlsx"))
    assert csv.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    width = len(frame.columns)
    assert list(back.columns) == list(frame.columns) + SOURCE_COLUMNS
    assert cells(back.iloc[:, :width].values.tolist()) == cells(frame.values.tolist())
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(frame.columns) + SOURCE_COLUMNS
    assert cells([r[:width] for r in rows[1:]]) == cells(frame.values.tolist())


def test_exports_carry_every_rows_source_and_the_reading(app, downloads):
    ask(app, RANKING)
    answer = app.session_state["messages"][-1]["answer"]
    value_col = next(c for c in answer.table.columns if c in answer.table.units)
    csv = next(v for k, v in downloads.items() if k.endswith(".csv"))
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig", dtype={"来源位置": str})
    wb = openpyxl.load_workbook(io.BytesIO(next(v for k, v in downloads.items() if k.endswith(".xlsx"))))
    assert wb.sheetnames == ["答案", "说明", "来源"]
    sheet = [list(r) for r in wb["答案"].iter_rows(values_only=True)]
    header, xrows = sheet[0], sheet[1:]
    assert len(back) == len(xrows) == len(answer.table.rows)
    by_agency = {c.agency: c for c in answer.citations}
    for i, row in enumerate(answer.table.rows):
        record = dict(zip(answer.table.columns, row))
        agency, value = record["单位"], record[value_col]
        exported = dict(zip(header, xrows[i]))
        if value is None:  # a value the report does not give: the row says why and names the report's file
            assert "未提供" in back["说明"][i] and back["来源位置"][i] == exported["来源位置"] == "报告中没有这一项"
            docs = {c.doc for c in answer.citations}
            assert back["来源文件"][i] == exported["来源文件"] and back["来源文件"][i].endswith(".txt")
            assert back["来源文件"][i] not in docs and pd.isna(back["来源原文"][i])  # its own report, no quote
            assert exported["名次"] is None
            continue
        cite = by_agency[agency]
        # file, part, line and the quoted text, in the CSV and the XLSX alike
        assert back["来源文件"][i] == exported["来源文件"] == cite.doc
        assert back["来源部分"][i] == exported["来源部分"] and back["来源部分"][i].startswith(f"{cite.part}、")
        line = int(re.match(r"第(\d+)", back["来源位置"][i]).group(1))  # the cell's line, or the quote's first
        assert cite.line_start <= line <= cite.line_end and back["来源位置"][i] == exported["来源位置"]
        assert str(value) in back["来源原文"][i].split() and back["来源原文"][i] == exported["来源原文"]
        assert isinstance(exported["名次"], int)  # 名次 is a number
    # 说明 keeps the question, the reading and the derivations; 来源 lists every citation
    notes = {}
    for label, text in wb["说明"].iter_rows(values_only=True):
        notes.setdefault(label, []).append(text)
    assert notes["问题"] == [RANKING] and notes["理解为"] == [answer.reading.summary]
    assert len(notes["计算"]) == len(answer.derived) > 0
    listed = list(wb["来源"].iter_rows(values_only=True))
    assert len(listed) - 1 == len(answer.citations) and "来源原文" in listed[0]


def test_findings_answer_exports_each_finding_with_its_line(app, downloads):
    ask(app, "哪些报告的数字前后不一致？")
    answer = app.session_state["messages"][-1]["answer"]
    back = pd.read_csv(io.BytesIO(next(v for k, v in downloads.items() if k.endswith(".csv"))),
                       encoding="utf-8-sig")
    assert len(back) == len(answer.table.rows) > 0
    sourced = back[back["来源原文"].notna()]
    assert len(sourced) == len(back)  # every finding row traced to its line
    assert all(q == d for q, d in zip(sourced["来源原文"], sourced["说明"]))
    from ui.evidence import NO_LINE  # a finding about a row the table lacks stands at no line

    assert all(str(w).startswith("第") or w == NO_LINE for w in sourced["来源位置"])
    assert "第0行" not in set(sourced["来源位置"])


def test_a_blank_cell_is_said_blank_in_consistency_sentences(app):
    """济南's 办理结果总计 and 上年结转 cells are blank: the spec reads them as 0 with a flag, and the sentences
    that check its sums say so (空白（按0计）), never a bare 为0件."""
    from ui import render

    ask(app, "济南城管报告正文里写的依申请办理结果，和表格里的数一致吗")
    first = chat_texts(app)[1]
    assert "「办理结果总计 · 总计」空白（按0计）" in first and "为0件" not in first
    ask(app, "济南城管的申请数字对得上吗，差了多少")
    second = chat_texts(app)[3]
    assert "上年结转0件（空白，按0计）" in second
    assert "两边差20（|20 − 0| = 20；上年结转政府信息公开申请数量、总计空白，按0计）" in second
    # its source shows the cell: the quoted row has no text to mark, so the mark says the cell is blank
    ask(app, "济南城管2020年办结了多少件申请")
    sources = app.chat_message[-1].expander
    assert any(e.label.endswith("第351–358行 · 空白") for e in sources)
    quotes = [m.value for m in app.chat_message[-1].markdown if "qa-quote" in m.value]
    assert any("（七）总计" in q and q.endswith(f" <mark>{render.BLANK_CELL}</mark></div>") for q in quotes)


def shown_cells(grid) -> pd.DataFrame:
    """What the browser's grid writes in each cell of a column without a format of its own: the display text
    the page sends beside the numbers (a pandas Styler's), as the page sends it."""
    from streamlit import dataframe_util

    return dataframe_util.convert_arrow_bytes_to_pandas_df(grid.proto.arrow_data.styler.display_values)


def test_amounts_show_the_decimals_each_report_gives(app):
    """An amount column of 7249.4746, 2580.444799 and 232.4586 (万元): each cell as its report gives it, never
    padded to the longest value's decimals (232.458600) nor rounded; the cells stay numbers, the page's
    text beside them (a grid gets the same: tests/test_ui_render.py)."""
    ask(app, "哪个单位的政府集中采购金额最多")
    grid = app.chat_message[-1].table[0]
    column = next(c for c in grid.value.columns if "万元" in c)
    values = dict(zip(grid.value["单位"], grid.value[column]))
    shown = dict(zip(grid.value["单位"], shown_cells(grid)[column]))
    assert values["伊川县城市管理局"] == 232.4586 and shown["伊川县城市管理局"] == "232.4586"
    assert values["鹤岗市城市管理综合执法局"] == 2580.444799 and shown["鹤岗市城市管理综合执法局"] == "2,580.444799"
    assert shown["沙河市城市管理综合行政执法局"] == "7,249.4746" and shown["济南市城市管理局"] == "0"
    assert shown["张店区综合行政执法局"] == "—"  # no value: the grid's placeholder, not 0
    assert pd.api.types.is_float_dtype(grid.value[column])
    assert set(shown_cells(grid)["年份"]) == {"2020"}  # a year as a year, not 2,020


def test_the_facts_page_shows_amounts_whole_and_unrounded(app):
    """The facts page's 数值: 2580.444799 in full (the grid's "localized" format rounded it to 2,580.445), in a
    column wide enough for its widest value (sized by its first rows, it cut the digits on the left)."""
    import json

    from ui import numbers

    app.switch_page("views/facts.py").run()
    app.text_input[0].set_value("采购总金额").run()
    assert not app.exception
    grid = app.dataframe[0]
    shown = shown_cells(grid)["数值"].tolist()
    assert sorted(shown) == sorted(numbers.shown(v) for v in grid.value["数值"]) and "2,580.444799" in shown
    width = json.loads(grid.proto.columns)["数值"]["width"]
    assert width >= max(len(v) for v in shown) * numbers.PX_PER_UNIT + numbers.CELL_PAD


def test_follow_up_question_uses_the_conversation(app):
    ask(app, RANKING)
    ask(app, "济南呢？")
    answers = chat_texts(app)[1::2]
    assert len(answers) == 2
    # the follow-up names only the agency: the measure comes from the first question
    assert "济南市城市管理局" in answers[1] and "135" in answers[1] and "行政处罚" in answers[1]


def test_alternative_reading_is_one_click(app):
    ask(app, RANKING)
    alternatives = [b for b in app.button if b.key and "-alt-" in b.key]
    if not alternatives:
        pytest.skip("the engine offered no alternative reading for this question")
    alternatives[0].click().run()
    assert not app.exception
    assert len(app.chat_message) == 4
    assert plain(chat_texts(app)[2]) == plain(alternatives[0].help.removeprefix("改问："))


@pytest.mark.parametrize("question", [
    "   ",
    "行政处罚" * 400,
    "Which agency had the most penalties?",
    "<script>alert(1)</script> *** [x](javascript:x) $$ \x00\u202e😀",
    "？？？",
])
def test_bad_questions_get_a_polite_answer(app, question):
    ask(app, question)
    assert len(app.chat_message) == 2
    answer = chat_texts(app)[1]
    assert answer.strip()
    assert "Traceback" not in answer and "Error" not in answer
    assert not any("<script>" in m.value for m in app.markdown)


def test_long_questions_are_capped(app):
    from ui.ask import MAX_QUESTION, ask_safely

    ask(app, "济南市城管局" + "的" * 1000 + "行政处罚决定数量")
    assert len(app.chat_message) == 2
    assert len(plain(app.chat_message[0].markdown[0].value)) <= MAX_QUESTION  # the chat input stops there
    # text that reaches the engine another way is cut too, and the answer says so
    seen = []

    class Engine:
        def ask(self, question, context):
            seen.append(question)
            return ask_safely(None, "")[0].model_copy(update={"text": "好", "status": "answered"}), context

    answer, _ = ask_safely(Engine(), "行政处罚" * 500)
    assert len(seen[0]) == MAX_QUESTION and "只读取了前" in answer.text


def test_upload_of_a_good_and_a_bad_file(seed_index, tmp_path, open_app):
    mine = seed_index.copy(tmp_path)
    at = open_app(mine)
    at.get("file_uploader")[0].set_value([
        ("鹤岗 2021.txt", (FIXTURES / "hegang_2021.txt").read_bytes(), "text/plain"),
        ("../坏文件.txt", bytes(range(256)) * 16, "text/plain"),
        ("junk.docx", "只是一段文字".encode(), "application/octet-stream"),
    ]).run()
    assert not at.exception
    ok = [plain(s.value) for s in at.sidebar.get("success")]
    bad = [plain(e.value) for e in at.sidebar.get("error")]
    assert len(ok) == 1 and "鹤岗 2021.txt" in ok[0] and "2021" in ok[0]
    assert len(bad) == 2 and "坏文件.txt" in bad[0] and "../" not in bad[0]
    # each file named with its problem, in Chinese (the readers' reasons are English: ui/reasons.py)
    assert bad[0] == "未加入：坏文件.txt：不是文本文件，读不出报告的文字"
    assert bad[1] == "未加入：junk.docx：不是真正的 Word 文档（DOCX），文件里是纯文字或无法识别的内容"
    metrics = {m.label: m.value for m in at.sidebar.get("metric")}
    assert metrics["报告"] == "6"
    assert not (mine.corpus.parent / "坏文件.txt").exists()
    assert [p.name for p in (mine.corpus / "uploads").iterdir() if not p.name.startswith(".")] != []
    assert all("鹤岗" not in p.name for p in mine.corpus.rglob("*"))
    # the new report answers questions at once
    ask(at, "鹤岗市城管局2021年行政处罚决定数量是多少？")
    answer = chat_texts(at)[1]
    assert "鹤岗市城市管理综合执法局2021年" in answer and "10件" in answer


def test_one_report_uploaded_as_two_files_is_said_once_by_its_own_names(seed_index, tmp_path, open_app):
    """The saved page and the text copied out of it, uploaded together: each upload says the other holds the
    same report, and answers name the files by the names they were uploaded under, never the stored ones."""
    at = open_app(seed_index.copy(tmp_path))
    real = _real_reports()
    at.get("file_uploader")[0].set_value([
        (name, (real / name).read_bytes(), "text/plain") for name in ("12_pingtan_2020.html", "03_pingtan_2020.txt")
    ]).run()
    assert not at.exception
    said = [plain(i.value) for i in at.sidebar.get("info") if "同一份报告" in i.value]
    assert said == ["12_pingtan_2020.html 与 03_pingtan_2020.txt 是同一份报告（同一机关同一年度、表格数字一致），问答与统计只计一次",
                    "03_pingtan_2020.txt 与 12_pingtan_2020.html 是同一份报告（同一机关同一年度、表格数字一致），问答与统计只计一次"]
    ask(at, "平潭2020年收到多少件政府信息公开申请")
    answer = chat_texts(at)[1]
    assert "同一份报告有多个文件的只计一次" in answer and "12_pingtan_2020.html" in answer and "03_pingtan_2020.txt" in answer
    assert not re.search(r"[0-9a-f]{20}\.", answer)  # no stored name


def _real_reports() -> Path:
    real = ROOT.parent / "shared" / "real" / "reports"
    return real if real.is_dir() else Path("/work/shared/real/reports")


def test_facts_page_lists_every_fact_and_exports_it(app, seed_index, downloads):
    import duckdb

    from index.build import current_generation

    con = duckdb.connect(str(current_generation(seed_index.index) / "facts.duckdb"), read_only=True)
    total = con.execute("select count(*) from facts").fetchone()[0]
    con.close()
    app.switch_page("views/facts.py").run()
    assert not app.exception
    frame = app.dataframe[0].value
    assert len(frame) == total
    assert {"机关", "年度", "事项", "栏目", "数值", "计量单位", "原文", "位置"} <= set(frame.columns)
    csv = downloads["事实_全部.csv"]
    back = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    assert len(back) == total and list(back.columns) == list(frame.columns)
    assert [b.label for b in app.get("download_button")][0].startswith("CSV")
    agency = app.multiselect[0]
    agency.set_value(["济南市城市管理局"]).run()
    shown = app.dataframe[0].value
    assert 0 < len(shown) < total and set(shown["机关"]) == {"济南市城市管理局"}


def test_findings_page_lists_failures_with_their_numbers(app):
    app.switch_page("views/findings.py").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert len(table) > 0 and set(table["结果"]) == {"不一致"}
    assert any("济南市城市管理局" in e.label for e in app.expander)
    numbers = app.dataframe[1].value
    assert {"项目", "数值", "说明"} == set(numbers.columns)
    # 济南's blank cells are said blank, in the answers' words (qa.phrasing), never a bare 0
    total = next(e for e in app.expander if "济南市城市管理局" in e.label and "规则2（办理结果合计） · 总计列" in e.label)
    said = dict(zip(*(total.dataframe[0].value[c] for c in ("项目", "说明"))))
    assert said["总计"] == "空白（按0计）" and said["部分公开"] == "空白（按0计）"
    assert said["予以公开"] == "" and said["其他处理"] == ""  # cells the report fills say nothing more


def test_findings_page_says_when_a_choice_finds_nothing_and_names_its_downloads(app, downloads):
    app.switch_page("views/findings.py").run()
    app.multiselect[0].set_value(["济南市城市管理局"]).run()
    assert "核对结果_不一致_济南市城市管理局.csv" in downloads  # named by what it holds
    app.multiselect[0].set_value(["伊川县城市管理局"]).run()  # its report's sums all hold
    assert not app.exception and not app.dataframe
    assert plain(app.info[-1].value) == "伊川县城市管理局的报告中没有「不一致」的核对结果。"


@pytest.fixture(scope="module")
def ranking_300(tmp_path_factory):
    """300 agencies, one 2020 report each, drawn by bench/generate.py and indexed."""
    import random
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import LAYOUTS, agency_pool, encode, make_report, render

    from index.build import build_index

    base = tmp_path_factory.mktemp("ranking-300")
    corpus = base / "corpus"
    corpus.mkdir()
    rng = random.Random(300)
    pool = agency_pool()
    rng.shuffle(pool)
    for i, agency in enumerate(pool[:300]):
        content, suffix = render(make_report(rng, agency=agency, year=2020), LAYOUTS[i % len(LAYOUTS)])
        (corpus / f"{i:03d}{suffix}").write_bytes(encode(content, "utf-8"))
    build_index(corpus, base / "index", embed=False)  # a ranking needs facts, not vectors
    return BuiltIndex(corpus, base / "index")


@pytest.mark.slow
def test_a_300_agency_ranking_is_exported_whole(ranking_300, open_app, downloads):
    at = ask(open_app(ranking_300), RANKING)
    answer = at.session_state["messages"][-1]["answer"]
    table = answer.table
    csv = pd.read_csv(io.BytesIO(next(v for k, v in downloads.items() if k.endswith(".csv"))),
                      encoding="utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(next(v for k, v in downloads.items() if k.endswith(".xlsx"))))["答案"]
    # the download holds every row of the answer's table, each with its source
    assert len(csv) == sheet.max_row - 1 == len(table.rows)
    assert csv["单位"].tolist() == [dict(zip(table.columns, r))["单位"] for r in table.rows]
    valued = csv[csv.iloc[:, 3].notna()]
    assert valued["来源原文"].notna().all() and valued["来源文件"].notna().all()
    # the page shows the whole table too, scrolling inside a fixed height
    assert len(at.dataframe[0].value) == len(table.rows)
    # and the table is the whole ranking: every one of the 300 agencies
    assert len(table.rows) == 300 and csv["单位"].nunique() == 300


def test_an_english_question_says_why_once(app):
    ask(app, "What is the weather like today?")  # no word of the term table (English about penalties is answered)
    answer = chat_texts(app)[1]
    assert "没有汉字" in answer and answer.count("请用中文") == 1 and "（请用中文提问（" not in answer


def test_findings_details_wrap_whole(app, downloads):
    """The data grid wraps only at spaces and only in rows taller than 64 px: the page breaks each 说明 into
    lines that fit its column, rows as tall as the most lines, and columns that fit the page's main area
    (~820 px in a 1400 px window), so no detail is cut; the export keeps each detail as it is."""
    import json

    from ui.exports import text_width

    app.switch_page("views/findings.py").run()
    grid = app.dataframe[0]
    shown = grid.value["说明"].tolist()
    exported = pd.read_csv(io.BytesIO(downloads["核对结果_不一致.csv"]), encoding="utf-8-sig")["说明"].tolist()
    assert [d.replace("\n", "").replace("\u00a0", " ") for d in shown] == exported  # only line breaks added
    assert max(d.count("\n") for d in shown) >= 2  # the seeds' details need several lines
    widths = {name: c["width"] for name, c in json.loads(grid.proto.columns).items() if "width" in c}
    assert all(text_width(line) * 7 + 16 <= widths["说明"] for d in shown for line in d.split("\n"))
    assert grid.proto.row_height > 64 and grid.proto.row_height >= 21 * max(d.count("\n") + 1 for d in shown)
    assert sum(widths.values()) <= 820


def test_long_text_in_an_answer_table_wraps_whole(app, downloads):
    """A findings answer's table (单位, 年份, 核对, 范围, 结果, 说明) is wider than the chat: it is drawn as the
    browser's own table, which breaks its texts into lines as a page does (the data grid put a run of
    Chinese it measured short past the column's edge), its cells the exported texts whole, its numbers as
    the grid would show them; tests/test_ui_browser.py measures it in a 1400 px and a 420 px window."""
    from ui import render

    ask(app, "哪些报告的数字前后不一致？")
    answer = app.chat_message[-1]
    assert not answer.dataframe and len(answer.table) == 1
    table = answer.table[0]
    exported = pd.read_csv(io.BytesIO(next(v for k, v in downloads.items() if k.endswith(".csv"))),
                           encoding="utf-8-sig")
    assert len(table.value) == len(exported) > render.TABLE_ROWS_SHOWN and table.proto.hide_index
    for column in ("说明", "范围", "单位"):
        assert table.value[column].fillna("").tolist() == exported[column].fillna("").tolist()
    shown = shown_cells(table)
    assert set(shown["年份"]) <= {"2020", "2023"}  # a year as a year, not 2,020
    assert max(len(d) for d in table.value["说明"]) > 60  # the seeds' details need several lines


def test_a_fitted_grid_breaks_long_text_into_its_columns(app):
    """An answer table too long for the browser's table (more than HTML_ROWS rows) stays a grid, fitted to
    the chat: columns as wide as their text, the widest broken into lines of their column's width (only
    line breaks added, spaces made no-break: the grid breaks a line where it has one), rows tall enough."""
    from ui import render, wrap
    from ui.exports import text_width

    ask(app, "哪些报告的数字前后不一致？")
    table = app.session_state["messages"][-1]["answer"].table
    frame, config = render.table_view(table)
    shown, fitted, row_px = render.fit_columns(frame, config)
    widths = {c: fitted[c]["width"] for c in frame.columns}
    assert sum(widths.values()) <= render.CHAT_PX
    for column in ("说明", "范围"):
        lines = [d.split("\n") for d in shown[column]]
        assert ["".join(d).replace("\u00a0", " ") for d in lines] == frame[column].fillna("").tolist()
        assert all(text_width(line) * 7 + 16 <= widths[column] for d in lines for line in d)
    assert row_px > 64 and row_px >= wrap.LINE_PX * max(d.count("\n") + 1 for d in shown["说明"])


@pytest.fixture(scope="module")
def with_copy(seed_index, tmp_path_factory):
    """The seeds and one real report brought as two files, the saved page and the text copied out of it (平潭
    2020, whose result rows do not add up to its 总计: each file has the same two findings)."""
    from index.build import build_index

    base = tmp_path_factory.mktemp("with-copy")
    corpus = base / "corpus"
    shutil.copytree(seed_index.corpus, corpus)
    for name in ("12_pingtan_2020.html", "03_pingtan_2020.txt"):  # the page and its text dump
        shutil.copy(_real_reports() / name, corpus / name)
    build_index(corpus, base / "index", embed=False)
    return BuiltIndex(corpus, base / "index")


def test_the_sidebar_counts_a_report_brought_as_two_files_once(with_copy, open_app):
    """A report's text copied out of its page next to the saved page is one report, as every answer counts
    it: the sidebar says 报告 6 for six reports in seven files, its help names the copy, and its count of
    findings is the chat's (a copy's findings are its report's again)."""
    import duckdb

    from index.build import current_generation

    at = open_app(with_copy)
    metrics = {m.label: m for m in at.sidebar.get("metric")}
    assert metrics["报告"].value == "6"
    assert "共 7 个文件" in metrics["报告"].proto.help and "1 个是另一文件所载报告的副本" in metrics["报告"].proto.help
    con = duckdb.connect(str(current_generation(with_copy.index) / "facts.duckdb"), read_only=True)
    per_file = dict(con.execute("select doc, count(*) from findings where status = 'FAIL' group by doc").fetchall())
    facts = con.execute("select sum(facts) from reports where doc <> '03_pingtan_2020.txt'").fetchone()[0]
    con.close()
    assert per_file["12_pingtan_2020.html"] == per_file["03_pingtan_2020.txt"] == 2
    ask(at, "哪些报告的数字对不上")
    answer = chat_texts(at)[1]
    said = sum(int(n) for n in re.findall(r"年报告(\d+)项（", answer))
    assert said == sum(per_file.values()) - 2  # the chat counts the report once …
    assert metrics["核对不一致"].value == str(said)  # … and so does the sidebar
    assert metrics["事实"].value == f"{facts:,}"  # the copy's facts are the report's again


def test_the_findings_page_counts_a_copy_once_and_names_it(with_copy, open_app):
    at = open_app(with_copy)
    sidebar = {m.label: m.value for m in at.sidebar.get("metric")}
    at.switch_page("views/findings.py").run()
    assert not at.exception
    page = {m.label: m.value for m in at.main.get("metric")}
    assert page["不一致"] == sidebar["核对不一致"]
    note = plain(at.info[0].value)
    assert "03_pingtan_2020.txt 是 12_pingtan_2020.html 的副本" in note and "只计一次" in note
    files = at.dataframe[0].value["文件"].tolist()
    assert len(files) == int(page["不一致"]) and "03_pingtan_2020.txt" not in " ".join(files)
    titles = [e.label for e in at.expander if "平潭" in e.label]
    assert len(titles) == 2 and len(set(titles)) == 2  # one expander per check of the report, each told apart
    at.toggle(key="findings-copies").set_value(True).run()  # asked for: the copy's own findings, marked
    files = at.dataframe[0].value["文件"].tolist()
    assert files.count("03_pingtan_2020.txt（副本）") == 2 and len(files) == int(page["不一致"]) + 2
    at.switch_page("views/facts.py").run()  # the facts page lists the report once too, and names the copy
    assert not at.exception
    assert "03_pingtan_2020.txt 是 12_pingtan_2020.html 的副本" in plain(at.info[0].value)
    assert len(at.dataframe[0].value) == int(sidebar["事实"].replace(",", ""))
    assert not any("03_pingtan_2020.txt" in f for f in at.dataframe[0].value["文件"])
