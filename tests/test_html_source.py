"""Tables read from a page's source (index.readers.html_source) give exactly the Document of the whole parse:
each page here is read both ways and compared line by line, cell by cell; the pages that must go the whole
way (a table in a comment or a script, hidden rows, a heading in a cell …) are checked to do so."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bench.generate import make_report, render
from index.errors import ReportError
from index.readers import html as reader
from index.readers import read_document

ROW = "<tr><td>{label}</td><td>{a}</td><td>{b}</td></tr>"
LABELS = ["本年新收政府信息公开申请数量", "行政许可", "行政处罚", "其他对外管理服务事项", "行政强制", "行政事业性收费",
          "上年结转政府信息公开申请数量", "予以公开"]  # more than 60 visible characters: a table long enough


def page(table: str, *, before: str = "", after: str = "") -> str:
    """A report page: its part headings, the table under 二, prose around."""
    return ("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>某县民政局2023年政府信息公开工作年度报告</title>\n"
            "</head>\n<body>\n<h1>某县民政局2023年政府信息公开工作年度报告</h1>\n<div class=\"article\">\n"
            "<p>一、总体情况</p>\n<p>2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》。</p>\n"
            f"<p>二、主动公开政府信息情况</p>\n{before}{table}{after}\n"
            "<p>三、收到和处理政府信息公开申请情况</p>\n<p>本年新收申请5件。</p>\n"
            "<p>四、政府信息公开行政复议、行政诉讼情况</p>\n<p>无。</p>\n</div>\n</body>\n</html>\n")


def table(rows: list[str] | None = None, head: str = "<table border=\"1\">") -> str:
    rows = rows or [ROW.format(label=label, a=k, b=2 * k) for k, label in enumerate(LABELS)]
    return head + "\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


FAST = {
    "plain": page(table()),
    "word cells": page(table([f'<tr><td><p style="text-align:center"><span style="font-size:14px">{label}</span></p>'
                              f'</td><td><p>{k}</p></td><td><span>{k + 1}</span></td></tr>'
                              for k, label in enumerate(LABELS)])),
    "spans": page(table(['<tr><td rowspan="2">申请人情况</td><td colspan="2">自然人</td></tr>',
                         "<tr><td>法人</td><td>总计</td></tr>"] + [ROW.format(label=x, a=1, b=2) for x in LABELS])),
    "upper-case spans, single quotes, bare values": page(table(
        ["<tr><td rowSpan='2'>申请人情况</td><td COLSPAN=2>自然人</td></tr>", "<tr><td>法人</td><td>总计</td></tr>"]
        + [ROW.format(label=x, a=1, b=2) for x in LABELS])),
    "entities and spaces": page(table([ROW.format(label=f"{x}&nbsp;&amp;\n 说明", a="1 2", b="&lt;3&gt;")
                                       for x in LABELS])),
    "line breaks between rows and cells": page(table([f"<tr>\n  <td>\n{x}\n</td>\n  <td>1</td><td>2</td>\n</tr>"
                                                      for x in LABELS])),
    "th and thead": page(table(["<thead><tr><th>项目</th><th>数量</th><th>比上年</th></tr></thead>"]
                               + [ROW.format(label=x, a=1, b=2) for x in LABELS])),
    "two tables, text beside": page(table(), after="\n文字紧跟表格\n" + table()),
    "picture title, footer, meta": page(table(), before='<img alt="某县民政局2023年政府信息公开工作年度报告" src="t.png">\n',
                                         after='\n<meta name="author" content="某县民政局">\n<p>主办：某县人民政府</p>'),
}

WHOLE = {  # pages read by the whole parse: the cut is not provably the same
    "table in a comment": page(table(), before="<!-- <table><tr><td>x</td></tr></table> -->\n"),
    "table in a script": page(table(), before='<script>var t = "<table>";</script>\n'),
    "hidden row": page(table([ROW.format(label=x, a=1, b=2) for x in LABELS]
                             + ['<tr style="display:none"><td>隐藏</td><td>9</td><td>9</td></tr>'])),
    "hidden attribute": page(table([ROW.format(label=x, a=1, b=2) for x in LABELS]
                                   + ["<tr hidden><td>隐藏</td><td>9</td><td>9</td></tr>"])),
    "part heading in a cell": page(table([ROW.format(label="三、收到和处理政府信息公开申请情况", a=1, b=2)]
                                         + [ROW.format(label=x, a=1, b=2) for x in LABELS])),
    "small table": page(table([ROW.format(label="合计", a=1, b=2)])),
    "line break in a cell": page(table([ROW.format(label=f"{x}<br>数量", a=1, b=2) for x in LABELS])),
    "nested table": page(table([ROW.format(label=x, a=table(), b=2) for x in LABELS[:1]])),
    "upper-case table": page(table(head="<TABLE>")),
    "character reference": page(table([ROW.format(label=f"{x}&#20013;", a=1, b=2) for x in LABELS])),
    "table in noscript": page(f"<noscript>{table()}</noscript>"),
    "one column": page(table([f"<tr><td>{x}{x}</td></tr>" for x in LABELS])),
    "link in a cell": page(table([ROW.format(label=f'<a href="x">{x}</a>', a=1, b=2) for x in LABELS])),
    "table holding the headings": table([ROW.format(label="一、总体情况", a=1, b=2)]),
    "markup escaped in a script": page(table(), before='<script>var s = "<p>\\u003c/p>";</script>\n'),
    "breadcrumb": page(table(), before="<div>当前位置：首页 » 信息公开</div>\n"),
}


def both(path: Path) -> tuple[object, object, bool]:
    """The Document (or error) read with tables from the source and by the whole parse, and whether the
    source reading was kept."""
    taken = []
    real_cut, real_tree = reader.cut_tables, reader._read_tree

    def tree(*args: object) -> object:
        document = real_tree(*args)
        taken.append(args[-1] is not None)
        return document

    def read() -> object:
        try:
            return read_document(path).model_dump(mode="json")
        except ReportError as exc:
            return str(exc)

    reader._read_tree = tree
    try:
        fast = read()
        reader.cut_tables = lambda *args: None
        whole = read()
    finally:
        reader.cut_tables, reader._read_tree = real_cut, real_tree
    return fast, whole, bool(taken) and taken[0]


@pytest.mark.parametrize("name", sorted(FAST))
def test_plain_tables_read_from_the_source_as_the_parse_reads_them(name: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(FAST[name], encoding="utf-8")
    fast, whole, taken = both(path)
    assert taken, "the page's tables should qualify"
    assert fast == whole


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_unusual_pages_read_whole(name: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(WHOLE[name], encoding="utf-8")
    fast, whole, taken = both(path)
    assert not taken
    assert fast == whole


@pytest.mark.parametrize("seed", range(12))
def test_generated_pages(seed: int, tmp_path: Path) -> None:
    rng = random.Random(seed)
    html, _ = render(make_report(rng, fmt=rng.choice(("2019", "2021"))), "html")
    path = tmp_path / "report.html"
    path.write_text(str(html), encoding="utf-8")
    fast, whole, taken = both(path)
    assert taken
    assert fast == whole
