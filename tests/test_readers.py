"""Readers: real seeds in every encoding they arrive in, bad files, markdown and HTML tables."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.errors import ReportError
from index.model import Document
from index.readers import SUPPORTED_SUFFIXES, read_document

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "corpus").glob("*.txt"))
YICHUAN = ROOT / "tests" / "fixtures" / "yichuan.html"


def expected_line_count(data: bytes) -> int:
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def texts(doc: Document) -> list[str]:
    return [line.text for line in doc.lines]


def grid(doc: Document, table: int) -> dict[int, list[tuple[str, bool]]]:
    """row → [(text, continuation)] of one table."""
    return {
        line.cells[0].source.row: [(c.text, c.continuation) for c in line.cells]
        for line in doc.lines
        if line.cells and line.cells[0].source.table == table
    }


# --- text and encodings ----------------------------------------------------------------------------------


def test_there_are_seeds() -> None:
    assert len(SEEDS) >= 5


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_reads_as_utf8(seed: Path) -> None:
    data = seed.read_bytes()
    doc = read_document(seed)
    assert doc.encoding == "utf-8"
    assert doc.file_format == "text"
    assert doc.doc == seed.name
    assert len(doc.lines) == expected_line_count(data)
    assert [line.number for line in doc.lines] == list(range(1, len(doc.lines) + 1))
    assert all(line.cells is None for line in doc.lines)  # plain text: the extractor splits at tabs
    assert texts(doc) == data.decode("utf-8").split("\n")[: len(doc.lines)]  # tabs and spaces kept


def test_seed_keeps_tabs_and_leading_whitespace() -> None:
    doc = read_document(ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt")
    assert doc.lines[30].text == "第二十条第（一）项\t\t\t"
    doc = read_document(ROOT / "corpus" / "000_bd0b500898aa4917.txt")
    assert doc.lines[14].text == "\t第二十条第（一）项"


def _encodings(text: str) -> dict[str, tuple[bytes, str]]:
    """name → (bytes, encoding the reader must report)."""
    out = {
        "gb18030": (text.encode("gb18030"), "gb18030"),
        "utf-16-le-bom": (b"\xff\xfe" + text.encode("utf-16-le"), "utf-16-le"),
        "utf-16-be-bom": (b"\xfe\xff" + text.encode("utf-16-be"), "utf-16-be"),
        "utf-16-le": (text.encode("utf-16-le"), "utf-16-le"),
        "utf-16-be": (text.encode("utf-16-be"), "utf-16-be"),
        "utf-8-sig": (text.encode("utf-8-sig"), "utf-8-sig"),
        "gb18030-crlf": (text.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    }
    try:
        out["gbk"] = (text.encode("gbk"), "gb18030")  # 004 holds a no-break space GBK cannot encode
    except UnicodeEncodeError:
        pass
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_seed_in_other_encodings_reads_back_identically(seed: Path, tmp_path: Path) -> None:
    reference = texts(read_document(seed))
    for name, (data, encoding) in _encodings(seed.read_text("utf-8")).items():
        copy = tmp_path / f"{seed.stem}.{name}.txt"
        copy.write_bytes(data)
        doc = read_document(copy)
        assert doc.encoding == encoding, name
        assert texts(doc) == reference, name


def test_old_mac_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "cr.txt"
    path.write_bytes("一、总体情况\r规章\t0\t0\t0\r".encode("gb18030"))
    assert texts(read_document(path)) == ["一、总体情况", "规章\t0\t0\t0"]


def test_stray_nul_and_bom_are_dropped(tmp_path: Path) -> None:
    seed = ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt"
    text = seed.read_text("utf-8").replace("规章\t", "规章\x00\t").replace("二、主动", "\ufeff二、主动")
    path = tmp_path / "nul.txt"
    path.write_bytes(text.encode("gb18030"))
    assert texts(read_document(path)) == texts(read_document(seed))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("bom_only.txt", b"\xef\xbb\xbf", "empty file"),
        ("blank.txt", b" \n\r\n\t\n", "empty file"),
        ("random.txt", random.Random(7).randbytes(4096), "binary file, not text"),
        ("picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file, not text"),
        ("noext", random.Random(8).randbytes(512), "binary file, not text"),
        ("latin1.txt", ("Ça été très réussi à côté du château. Größe über Straße. " * 30).encode("latin-1"),
         "unreadable encoding (not UTF-8, UTF-16, GB18030 or Big5)"),
        ("high.txt", bytes(range(0xA0, 0x100)) * 20, "unreadable encoding (not UTF-8, UTF-16, GB18030 or Big5)"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "damaged PDF"),
        ("report.txt", b"%PDF-1.4\n" + bytes(200), "damaged PDF"),  # a PDF by any name
        ("report.docx", b"PK\x03\x04" + bytes(26) + b"[Content_Types].xmlword/document.xml",
         "damaged Word document"),
        ("bundle.zip", b"PK\x03\x04" + bytes(26) + b"report.txt", "unsupported file format (ZIP)"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200),
         "not a Word (DOC) document: an Office file (OLE2) without a Word document in it"),
        ("sheet.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(200), "unsupported file format (DOC/XLS/WPS (OLE2))"),
    ],
)
def test_bad_files_are_one_line_report_errors(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportError) as caught:
        read_document(path)
    error = caught.value
    assert message in str(error)
    assert name in str(error)
    assert "\n" not in str(error)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="file not found"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(ReportError, match="folder"):
        read_document(tmp_path)


def test_gb18030_is_not_guessed_for_latin1_with_ascii_majority(tmp_path: Path) -> None:
    # GB18030 decodes "é" + following ASCII letter without error; the reader must still refuse it.
    path = tmp_path / "cafe.txt"
    path.write_bytes("The café résumé was naïve. ".encode("latin-1") * 5)
    with pytest.raises(ReportError, match="unreadable encoding"):
        read_document(path)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".md", ".html", "", ".dat"]))
def test_any_bytes_give_a_document_or_a_report_error(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"x{suffix}"
    path.write_bytes(data)
    try:
        doc = read_document(path)
    except ReportError as error:
        assert "\n" not in str(error)
    else:
        assert doc.lines


def test_supported_suffixes() -> None:
    assert {".txt", ".text", ".md", ".markdown", ".html", ".htm"} <= SUPPORTED_SUFFIXES


# --- markdown ----------------------------------------------------------------------------------------------

MARKDOWN = """# 某局2020年政府信息公开工作年度报告

## 二、主动公开政府信息情况

| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |
| --- | :---: | --- | --- |
| 规章 | 0 | 0 | 0 |
|规范性文件|2||2|

行政复议 | 总计
--- | ---
0 | 1
"""


def test_markdown_pipe_table_cells_and_sources(tmp_path: Path) -> None:
    path = tmp_path / "report.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    assert doc.file_format == "markdown"
    by_number = {line.number: line for line in doc.lines}
    assert 6 not in by_number  # the delimiter row carries no content
    assert by_number[1].cells is None and by_number[3].cells is None

    header = by_number[5]
    assert header.text == "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |"
    assert [c.text for c in header.cells] == ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"]
    first = header.cells[1].source
    assert (first.line, first.column, first.table, first.row, first.cell) == (5, 10, 1, 1, 2)
    assert header.text[first.column - 1 :].startswith("本年新制作数量")

    row = by_number[8]
    assert [c.text for c in row.cells] == ["规范性文件", "2", "", "2"]
    assert [(c.source.row, c.source.cell, c.source.column) for c in row.cells] == [
        (3, 1, 2), (3, 2, 8), (3, 3, 10), (3, 4, 11)
    ]
    second = by_number[12]  # a table without outer pipes
    assert [c.text for c in second.cells] == ["0", "1"]
    assert (second.cells[1].source.table, second.cells[1].source.row, second.cells[1].source.column) == (2, 2, 5)


def test_pipe_table_in_text_file_still_gets_cells(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    assert doc.file_format == "text"
    line = next(line for line in doc.lines if line.number == 7)
    assert [c.text for c in line.cells] == ["规章", "0", "0", "0"]


# --- HTML --------------------------------------------------------------------------------------------------


def test_yichuan_page_prose_and_tables() -> None:
    doc = read_document(YICHUAN)
    assert (doc.file_format, doc.encoding, doc.doc) == ("html", "utf-8", "yichuan.html")
    numbers = [line.number for line in doc.lines]
    assert numbers == sorted(set(numbers))
    prose = [line.text for line in doc.lines if line.cells is None]
    assert prose[:2] == ["伊川县城市管理局2020年政府信息公开工作年度报告", "一、总体情况"]
    assert prose[-2:] == ["六、其他需要报告的事项", "无。"]
    assert not any("_hmt" in text or "border-collapse" in text for text in prose)  # script, style, title
    seed = (ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt").read_text("utf-8").split("\n")
    assert seed[6] in prose and seed[88] in prose  # paragraphs kept whole
    assert {line.cells[0].source.table for line in doc.lines if line.cells} == {1, 2, 3}


def test_yichuan_part_two_grid() -> None:
    doc = read_document(YICHUAN)
    g = grid(doc, 1)
    assert g[1] == [("第二十条第（一）项", False)] + [("第二十条第（一）项", True)] * 3
    assert g[3] == [("规章", False), ("0", False), ("0", False), ("0", False)]
    assert g[7] == [("行政许可", False), ("15", False), ("2", False), ("19", False)]
    assert g[18] == [("政府集中采购", False), ("1", False), ("232.4586", False), ("232.4586", True)]
    line = next(line for line in doc.lines if line.cells and line.cells[0].text == "政府集中采购")
    assert line.text == "政府集中采购\t1\t232.4586"
    assert line.number == 44 and all(c.source.line == 44 for c in line.cells)


def test_yichuan_part_three_grid() -> None:
    doc = read_document(YICHUAN)
    g = grid(doc, 2)
    assert len(g) == 26 and all(len(row) == 10 for row in g.values())
    note = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)"
    assert g[1] == [(note, False), (note, True), (note, True), ("申请人情况", False)] + [("申请人情况", True)] * 6
    assert g[2] == [(note, True)] * 3 + [("自然人", False), ("法人或其他组织", False)] + [
        ("法人或其他组织", True)
    ] * 4 + [("总计", False)]
    assert g[3] == [(note, True)] * 3 + [("自然人", True)] + [
        (t, False) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    ] + [("总计", True)]
    zeros = [("0", False)] * 7
    new = "一、本年新收政府信息公开申请数量"
    assert g[4] == [(new, False), (new, True), (new, True)] + zeros
    result = "三、本年度办理结果"
    assert g[6] == [(result, False), ("(一) 予以公开", False), ("(一) 予以公开", True)] + zeros
    assert g[8] == [(result, True), ("(三) 不予公开", False), ("1.属于国家秘密", False)] + zeros
    assert g[15] == [(result, True), ("(三) 不予公开", True), ("8.属于行政查询事项", False)] + zeros
    assert g[18] == [(result, True), ("(四) 无法提供", True), ("3.补正后申请内容仍不明确", False)] + zeros
    assert g[23] == [(result, True), ("(五) 不予处理", True), ("5.要求行政机关确认或重新出具已获取信息", False)] + zeros
    assert g[25] == [(result, True), ("(七) 总计", False), ("(七) 总计", True)] + zeros
    assert g[26][:3] == [("四、结转下年度继续办理", False)] + [("四、结转下年度继续办理", True)] * 2
    row = next(line for line in doc.lines if line.cells and line.cells[0].source.table == 2 and line.cells[0].source.row == 8)
    assert row.text == "(三) 不予公开\t1.属于国家秘密" + "\t0" * 7
    assert [(c.source.row, c.source.cell) for c in row.cells] == [(8, k) for k in range(1, 11)]


def test_yichuan_part_four_grid() -> None:
    doc = read_document(YICHUAN)
    g = grid(doc, 3)
    assert len(g) == 4 and all(len(row) == 15 for row in g.values())
    assert g[1][0] == ("行政复议", False) and g[1][4] == ("行政复议", True) and g[1][5] == ("行政诉讼", False)
    assert g[2][:5] == [(t, False) for t in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    assert g[3][:5] == [(t, True) for t in ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]]
    assert g[3][5] == ("结果维持", False) and g[3][14] == ("总计", False)
    assert g[4] == [("0", False)] * 15


def _html(tmp_path: Path, body: str, name: str = "page.html", encoding: str = "utf-8") -> Document:
    path = tmp_path / name
    path.write_bytes(body.encode(encoding))
    return read_document(path)


def test_html_cell_text_joins_broken_labels(tmp_path: Path) -> None:
    doc = _html(
        tmp_path,
        "<table><tr><td>本年新<br>公开数量</td><td><p>对外公开</p><p>总数量</p></td><td>本年\n  新制作</td>"
        "<td>1<br/>2</td><td> &nbsp;尚 未 审 结 </td></tr></table>",
    )
    assert [c.text for c in doc.lines[0].cells] == ["本年新公开数量", "对外公开总数量", "本年新制作", "1 2", "尚 未 审 结"]


def test_html_meta_charset_gbk_and_sniffing(tmp_path: Path) -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>' \
           "<body><p>一、总体情况</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>"
    doc = _html(tmp_path, page, name="page", encoding="gbk")  # no suffix: sniffed as HTML
    assert (doc.file_format, doc.encoding) == ("html", "gb18030")
    assert texts(doc) == ["一、总体情况", "规章\t3"]


def test_html_utf16_page(tmp_path: Path) -> None:
    page = "<html><body><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>0</td></tr></table></body></html>"
    doc = _html(tmp_path, page, name="page.htm", encoding="utf-16")
    assert doc.encoding == "utf-16-le"
    assert texts(doc) == ["二、主动公开政府信息情况", "规章\t0"]


def test_html_unclosed_tags_are_repaired(tmp_path: Path) -> None:
    doc = _html(tmp_path, "<p>一、总体情况<p>正文<table><tr><td>规章<td>1<td>2<tr><td>规范性文件<td>3<td>4</table>")
    assert texts(doc) == ["一、总体情况", "正文", "规章\t1\t2", "规范性文件\t3\t4"]
    assert doc.lines[3].cells[2].source.row == 2


def test_html_minified_page_numbers_in_reading_order(tmp_path: Path) -> None:
    doc = _html(tmp_path, "<html><body><h1>标题</h1><p>甲<br>乙</p><table><tr><td>a</td><td>b</td></tr></table></body></html>")
    assert [(line.number, line.text) for line in doc.lines] == [(1, "标题"), (2, "甲"), (3, "乙"), (4, "a\tb")]
    assert doc.lines[3].cells[0].source.line == 4


def test_html_layout_table_is_flattened(tmp_path: Path) -> None:
    page = """<html><body>
<table width="100%"><tr><td>
<p>一、总体情况</p>
<table border="1">
<tr><td>规章</td><td>0</td></tr>
</table>
<p>六、其他需要报告的事项</p>
</td></tr></table>
<table><tr><td>版权所有</td></tr><tr><td>联系我们</td></tr></table>
</body></html>"""
    doc = _html(tmp_path, page)
    # The report is the cell that holds its part headings; the footer table around it is not read.
    assert [(line.number, line.text) for line in doc.lines] == [
        (3, "一、总体情况"), (5, "规章\t0"), (7, "六、其他需要报告的事项")
    ]
    assert doc.lines[1].cells[0].source.table == 1  # layout tables are not counted


def test_html_holes_and_clipped_spans(tmp_path: Path) -> None:
    # Row 2 has no cell of its own in column 2: the hole keeps column 3 in place. rowspan=9 is clipped.
    page = "<table><tr><td rowspan=2>A</td><td>B</td><td rowspan=9>C</td></tr><tr></tr>" \
           "<tr><td colspan=0>D</td><td>E</td></tr></table>"
    doc = _html(tmp_path, page)
    g = grid(doc, 1)
    assert g[1] == [("A", False), ("B", False), ("C", False)]
    assert g[2] == [("A", True), ("", False), ("C", True)]
    assert g[3] == [("D", False), ("E", False), ("C", True)]


def test_html_hidden_and_script_text_skipped(tmp_path: Path) -> None:
    doc = _html(tmp_path, '<body><p>可见</p><div style="display: none">隐藏</div><script>x=1</script><p hidden>也隐藏</p>尾</body>')
    assert texts(doc) == ["可见", "尾"]


def test_html_without_text(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no visible text"):
        _html(tmp_path, "<html><head><title>空</title></head><body> </body></html>")


def test_reader_bug_becomes_report_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.readers as readers

    def broken(path: Path, data: bytes) -> Document:
        raise KeyError("boom")

    monkeypatch.setitem(readers.READERS, ".txt", broken)
    path = tmp_path / "a.txt"
    path.write_text("一、总体情况", encoding="utf-8")
    with pytest.raises(ReportError, match="could not read file"):
        read_document(path)


def test_register_plugs_in_a_sniffed_binary_reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import index.readers as readers

    def fake_pdf(path: Path, data: bytes) -> Document:
        return Document(path=str(path), doc=path.name, file_format="text", encoding="pdf", sha256="0", lines=[])

    monkeypatch.setattr(readers, "READERS", dict(readers.READERS))
    monkeypatch.setattr(readers, "SNIFFERS", list(readers.SNIFFERS))
    monkeypatch.setattr(readers, "SUPPORTED_SUFFIXES", set(readers.SUPPORTED_SUFFIXES))
    readers.register(fake_pdf, [".pdf"], sniff=lambda data: data.startswith(b"%PDF-"))
    path = tmp_path / "report.bin"
    path.write_bytes(b"%PDF-1.4\n" + os.urandom(64))
    assert readers.read_document(path).encoding == "pdf"
    assert ".pdf" in readers.SUPPORTED_SUFFIXES


def test_html_two_column_page_frame_is_flattened(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>（{n}）第{n}段</p>" for n in "一二三四五")
    doc = _html(tmp_path, f"<table><tr><td>首页</td><td><h2>一、总体情况</h2>{paragraphs}</td></tr></table>")
    assert texts(doc) == ["首页", "一、总体情况"] + [f"（{n}）第{n}段" for n in "一二三四五"]
    assert all(line.cells is None for line in doc.lines)


def test_html_gb2312_meta_on_a_utf8_page(tmp_path: Path) -> None:
    page = '<meta charset="gb2312"><p>一、总体情况</p><table><tr><td>规章</td><td>0</td></tr></table>'
    doc = _html(tmp_path, page)  # written as UTF-8: the stale declaration must not win
    assert doc.encoding == "utf-8"
    assert texts(doc)[0] == "一、总体情况"


def test_html_pre_keeps_its_lines(tmp_path: Path) -> None:
    doc = _html(tmp_path, "<body>\n<pre>\n一、总体情况\n\n二、主动公开</pre>\n</body>")
    assert [(line.number, line.text) for line in doc.lines] == [(3, "一、总体情况"), (5, "二、主动公开")]


# --- batch-5 kinds: a report inside an <iframe srcdoc>, a PDF viewer's copy with its running header ------------

def test_report_in_an_iframe_srcdoc_is_read_as_the_page(tmp_path) -> None:
    """A CMS's content viewer: the article is the <iframe>'s own document (srcdoc), tables and all."""
    import html as html_lib

    from index.extract import extract_document

    inner = YICHUAN.read_text(encoding="utf-8")
    page = ('<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><div class="nav">首页</div>'
            f'<iframe class="content-frame" srcdoc="{html_lib.escape(inner)}"></iframe></body></html>')
    framed = tmp_path / "framed.html"
    framed.write_text(page, encoding="utf-8")
    got = {f.key: f.value for f in extract_document(read_document(framed)).facts}
    want = {f.key: f.value for f in extract_document(read_document(YICHUAN)).facts}
    assert len(want) > 100 and got == want


def test_a_pdf_viewer_copy_drops_the_running_header_beside_its_page_numbers(tmp_path) -> None:
    """Every cell on its own line, 第X页 共Y页 and the site's running header between the cells of a row at
    each page break: neither is a cell."""
    from bench.generate import make_report, render
    from index.extract import extract_document

    report = make_report(random.Random(11), fmt="2021")
    clean = tmp_path / "clean.txt"
    clean.write_text(str(render(report, "cell_per_line")[0]), encoding="utf-8")
    lines = [ln.strip() for ln in clean.read_text(encoding="utf-8").splitlines() if ln.strip()]
    paged = []
    for k in range(0, len(lines), 37):  # page breaks inside rows
        paged += lines[k:k + 37] + [f"第{k // 37 + 1}页 共{len(lines) // 37 + 1}页", "某某市人民政府门户网站"]
    copy = tmp_path / "copy.txt"
    copy.write_text("\n".join(paged) + "\n", encoding="utf-8")
    want = {f.key: f.value for f in extract_document(read_document(clean)).facts}
    assert len(want) > 100
    assert {f.key: f.value for f in extract_document(read_document(copy)).facts} == want


@pytest.mark.parametrize("repeat", [False, True], ids=["cut", "header-repeated"])
def test_a_page_with_the_apply_table_cut_in_two_gives_the_facts_of_the_whole(repeat, tmp_path) -> None:
    """三 cut into two tables by a CMS editor, the second repeating the header rows (总计 among them) or not:
    the facts of the page with one table."""
    from bench.generate import make_report
    from index.extract import extract_document
    from tests.variants import report_body, split_html_table

    title, body = report_body(make_report(random.Random(7), fmt="2021"))
    pages = {}
    for name, inner in (("whole", body), ("cut", split_html_table(body, repeat_head=repeat))):
        pages[name] = tmp_path / f"{name}.html"
        pages[name].write_text(f'<html><head><meta charset="utf-8"></head><body><h1>{title}</h1>{inner}</body></html>',
                               encoding="utf-8")
    want = {f.key: f.value for f in extract_document(read_document(pages["whole"])).facts}
    assert len(want) > 150
    assert {f.key: f.value for f in extract_document(read_document(pages["cut"])).facts} == want


def test_a_chrome_mhtml_whose_article_is_a_frame_part_is_read_in_place(tmp_path) -> None:
    """Chrome saves an <iframe>'s document as a part of its own (cid:frame-…@mhtml.blink): read where it
    stands in the page."""
    from tests.variants import chrome_mhtml_framed

    outer = ('<html><head><title>某县2023年度政府信息公开工作年度报告</title></head><body><div>首页</div>'
             "<!--frame--><div>版权所有</div></body></html>")
    frame = '<html><head><meta charset="utf-8"></head><body><p>一、总体情况</p><p>本年度共收到申请5件。</p></body></html>'
    path = tmp_path / "saved.mhtml"
    path.write_bytes(chrome_mhtml_framed(outer, frame))
    texts = [line.text for line in read_document(path).lines]
    assert "一、总体情况" in texts and "本年度共收到申请5件。" in texts


# --- batch-10 kinds: a WeChat article saved before its script showed it -----------------------------------

def test_a_report_hidden_until_its_script_runs_is_read_and_a_hidden_copy_beside_a_shown_one_is_not(tmp_path) -> None:
    """mp.weixin.qq.com's #js_content is style="visibility: hidden" until its script runs: a page saved
    before then shows no report, so the element hiding every part heading is read. A page that shows its
    report keeps a hidden copy (a tab not chosen) out."""
    import re

    from index.extract import extract_document

    inner = re.search(r"<body[^>]*>(.*)</body>", YICHUAN.read_text(encoding="utf-8"), flags=re.S).group(1)
    want = {f.key: f.value for f in extract_document(read_document(YICHUAN)).facts}
    hidden = tmp_path / "wechat.html"
    hidden.write_text('<html><head><meta charset="utf-8"></head><body><h1 class="rich_media_title">年报</h1>'
                      f'<div id="js_content" style="visibility: hidden;">{inner}</div></body></html>', encoding="utf-8")
    assert {f.key: f.value for f in extract_document(read_document(hidden)).facts} == want
    both = tmp_path / "tabs.html"
    both.write_text('<html><head><meta charset="utf-8"></head><body>'
                    f'<div class="tab">{inner}</div><div class="tab" style="display:none">{inner.replace("313", "999")}'
                    '</div></body></html>', encoding="utf-8")
    text = "\n".join(line.text for line in read_document(both).lines)
    assert "999" not in text and "313" in text


def test_a_dump_hard_wrapped_at_a_panes_width_is_read_as_its_lines_and_a_seeds_text_is_left_alone(tmp_path) -> None:
    """A text copied out of a fixed-width pane (every line cut at 19 characters, inside labels and numbers)
    reads as the lines it was cut from; the seeds' own lines, of many lengths, are not joined."""
    from index.readers.text import split_lines, unwrapped
    from tests.variants import hard_wrapped

    for seed in SEEDS:
        raw = split_lines(seed.read_text(encoding="utf-8"))
        assert unwrapped(raw) == raw
        lines = [" ".join(ln.split()) for ln in raw]
        cut = tmp_path / seed.name
        cut.write_text(hard_wrapped("\n".join(lines), 19), encoding="utf-8")
        joined = [t for t in texts(read_document(cut)) if t.strip()]
        whole = [ln for ln in lines if ln.strip()]
        # a line as long as a multiple of the width runs into the next unless that opens a part or a row
        assert len(whole) >= len(joined) >= 0.8 * len(whole), seed.name
        assert "".join(joined) == "".join(whole)


def test_a_pdf_page_turned_sideways_is_read_upright(tmp_path) -> None:
    """A PDF whose one page holds a table turned a quarter (a landscape section on a portrait page): its
    rows read left to right as on an upright page."""
    import shutil

    from tests.variants import _third_table_page, chrome_print, chromium, dept_report
    from bench.generate import render

    if not chromium():
        pytest.skip("Chromium is not installed")
    report, _ = dept_report("睢县市场监督管理局", "睢县", 2024, 1113)
    page = tmp_path / "sideways.html"
    page.write_text(_third_table_page(str(render(report, "html")[0]),
                                      "page-break-before:always;page-break-after:always;transform:rotate(-90deg) "
                                      "translate(-100%,0);transform-origin:top left;width:900px;height:640px"),
                    encoding="utf-8")
    doc = read_document(chrome_print(page, tmp_path / "sideways.pdf", headed=False))
    rows = [t for t in texts(doc) if "本年新收政府信息公开申请数量" in t]
    assert rows and rows[0].split("\t")[-1] == str(report.values["apply.new.total"])
    shutil.rmtree(tmp_path / "chrome-profile", ignore_errors=True)
