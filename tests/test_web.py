"""Saved web pages: the real pages of ../shared/real against their gold key by key, the report's own content
without the site around it, GBK pages, a .txt holding HTML, traditional characters, and tables whose
rowspan/colspan would expand without bound (issue 13, item 1)."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import textwrap
from functools import cache
from pathlib import Path

import opencc
import pytest

from index.errors import ReportError
from index.extract import extract_path
from index.hanzi import to_simplified
from index.model import ExtractedReport
from index.readers import read_document
from index.readers.html import MAX_TABLE_CELLS

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real"
needs_real = pytest.mark.skipif(not (REAL / "gold.json").is_file(), reason="../shared/real is not beside the repo")
SEED_GOLD = ROOT / "tests" / "gold"
# Seeds whose tab-separated lines are table rows (000 and 004 put one value per line: not a table to wrap).
TABULAR_SEEDS = ["001_67ecb69380710fc9.txt", "002_f3bbfa1004ed2dd6.txt", "003_4e4bafc32cf8cb39.txt"]


def _gold() -> dict:
    return json.loads((REAL / "gold.json").read_text("utf-8")) if (REAL / "gold.json").is_file() else {}


def _real_pages() -> list[str]:
    return sorted(name for name in _gold() if name.endswith(".html"))


@cache
def _extract_real(name: str) -> ExtractedReport:
    return extract_path(REAL / "reports" / name)


def _facts(report: ExtractedReport) -> dict[str, float | int | None]:
    return {f.key: f.value for f in report.facts}


def _gold_value(facts: dict, key: str):
    if key.startswith("sum of "):
        values = [v for k, v in facts.items() if k.startswith("apply.denied.") and k.endswith(".total") and v is not None]
        return sum(values) if values else None
    return facts.get(key)


# --- the real pages, key by key ----------------------------------------------------------------------------


def _real_cases() -> list[tuple[str, str]]:
    return [(name, key) for name in _real_pages() for key in _gold()[name]["facts"]]


@needs_real
@pytest.mark.parametrize("name, key", _real_cases(), ids=lambda x: x[:2] if x.endswith(".html") else x)
def test_real_page_fact(name: str, key: str) -> None:
    gold = _gold()[name]
    have = _gold_value(_facts(_extract_real(name)), key)
    want = gold["facts"][key]
    if have is None and key in gold["not_decidable_from_this_file"]:
        return
    assert have is not None and abs(float(have) - float(want)) <= 1e-6 * max(1.0, abs(float(want)))


@needs_real
@pytest.mark.parametrize("name", _real_pages(), ids=lambda n: n[:2])
def test_real_page_agency_year_format(name: str) -> None:
    gold = _gold()[name]
    meta = _extract_real(name).meta
    assert (meta.agency, meta.year, meta.format) == (gold["agency"], gold["year"], gold["format"])
    assert meta.agency_short == "平潭"
    for key in gold["absent_or_blank"]:
        assert _facts(_extract_real(name)).get(key) in (None, 0)


@needs_real
@pytest.mark.parametrize("name", _real_pages(), ids=lambda n: n[:2])
def test_real_page_is_the_report_without_the_site(name: str) -> None:
    doc = read_document(REAL / "reports" / name)
    text = "\n".join(line.text for line in doc.lines)
    assert doc.title and doc.title.startswith(_gold()[name]["agency"])
    assert doc.lines[0].text == doc.title.split("_")[0]  # the page's heading of the report comes first
    for chrome in ("国务院省政府", "登录", "热门搜索", "当前位置", "首页", "友情链接", "版权所有", "网站标识码", "长者模式",
                   "扫一扫"):
        assert not any(line.text.startswith(chrome) for line in doc.lines), chrome
    assert "一、总体情况" in text.replace(" ", "") and "六、其他需要报告的事项" in text.replace(" ", "")


@needs_real
def test_word_exported_page_cells() -> None:
    """2019's page is Word's export: a value per <span>, labels broken one character per <p>, U+3000 in
    labels, the unit inside an amount cell. Cells read as one text each; the amount converted to 万元."""
    report = _extract_real("11_pingtan_2019.html")
    amount = report.fact("procurement.amount")
    assert amount.raw.replace(" ", "") == "75394432.52元" and amount.value == pytest.approx(7539.443252)
    assert "unit_converted" in amount.flags
    doc = read_document(REAL / "reports" / "11_pingtan_2019.html")
    cells = [c.text for line in doc.lines if line.cells for c in line.cells]
    assert not any("\u3000" in c for c in cells)
    assert "行政复议" in cells or any(c.replace(" ", "").startswith("行政复议") for c in cells)


_WORD_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312"><title>甲县财政局2020年政府信息公开工作年度报告</title>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoNormal align=center><b><span>甲县财政局<span lang=EN-US>2020</span>年政府信息公开工作年度报告<o:p></o:p></span></b></p>
<p class=MsoNormal><![if !supportLists]><span lang=EN-US>一</span><![endif]><span>、总体情况<o:p></o:p></span></p>
<p>正文。</p>
<p class=MsoNormal><span>二、主动公开政府信息情况</span></p>
<table class=MsoNormalTable border=1>
<tr><td rowspan=2><p><span>行</span></p><p><span>政</span></p><p><span>许</span></p><p><span>可</span></p></td>
<td><p><span lang=EN-US>1</span><span lang=EN-US>5</span></p></td><td><p><span>75394432.52</span><span>元</span></p></td></tr>
<tr><td><p><span>本年　处理</span></p></td><td></td></tr>
</table>
<p><span>六、其他需要报告的事项</span></p><p>无。</p>
</div></body></html>"""


def test_word_exported_gbk_page(tmp_path: Path) -> None:
    """Word's HTML, saved in GBK (declared in http-equiv): conditional comments, a value split over <span>s,
    a vertical label one character per <p>, U+3000 inside a label, the unit inside an amount cell."""
    path = tmp_path / "word.htm"
    path.write_bytes(_WORD_PAGE.encode("gb18030"))
    doc = read_document(path)
    assert (doc.encoding, doc.title) == ("gb18030", "甲县财政局2020年政府信息公开工作年度报告")
    assert [line.text for line in doc.lines if line.cells is None] == [
        "甲县财政局2020年政府信息公开工作年度报告", "一、总体情况", "正文。", "二、主动公开政府信息情况", "六、其他需要报告的事项", "无。"]
    rows = [[c.text for c in line.cells] for line in doc.lines if line.cells]
    assert rows == [["行政许可", "15", "75394432.52元"], ["行政许可", "本年 处理", ""]]


# --- a seed wrapped in a site ------------------------------------------------------------------------------

_TOP = """<div class="top"><a href="/">国务院</a><a href="/">省政府</a><a href="/">繁体版</a><a href="/">登录</a></div>
<div class="menu"><ul><li><a href="/">首页</a></li><li><a href="/">政务公开</a></li><li><a href="/">政府信息公开</a></li>
<li><a href="/">领导之窗</a></li><li><a href="/">政府工作报告</a></li><li><a href="/">政策文件库</a></li></ul></div>
<form action="/search"><input name="q"><button>搜索</button></form>
<div>热门搜索：<a href="/">年报</a><a href="/">营商环境</a><a href="/">人才政策</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/">政务公开</a> &gt; <a href="/">政府信息公开年报</a></div>
<div class="side"><h3>相关文章</h3><ul>
<li><a href="/1">某某市人民政府2018年度政府信息公开工作年度报告</a></li>
<li><a href="/2">某某市财政局2019年度政府信息公开工作年度报告</a></li>
<li><a href="/3">某某县教育局2017年度政府信息公开工作年度报告</a></li></ul></div>"""
_BOTTOM = """<div class="links">友情链接 <a href="/">人民网</a> <a href="/">新华网</a> <a href="/">中国新闻网</a></div>
<div class="foot"><a href="/">使用帮助</a> | <a href="/">联系我们</a> | <a href="/">隐私保护</a>
<p>版权所有：某某市人民政府网站 网站标识码：3590000001 闽ICP备09032658号</p><p>主办单位：某某市人民政府办公室</p></div>
<script>document.write("2016年度政府信息公开工作年度报告");</script>"""
_CHROME_WORDS = ("国务院省政府", "登录", "首页", "政策文件库", "热门搜索", "当前位置", "相关文章", "某某", "友情链接", "版权所有",
                 "使用帮助", "document.write")


def _seed_body(lines: list[str]) -> str:
    """Prose lines as <p>, runs of tab-separated lines as one <table>."""
    out: list[str] = []
    rows: list[list[str]] = []
    for line in lines + [""]:
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            out.append("<table border=1>" + "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows) + "</table>")
            rows = []
        if line.strip():
            out.append(f"<p>{html.escape(line.strip().lstrip('#').strip())}</p>")
    return "\n".join(out)


def site_page(seed: str, *, heading: bool = True, charset: str = "utf-8") -> str:
    """The seed as a site would serve it: the report's title in <title> and an <h1> outside the article
    text, the body in a content <div>, menus, breadcrumb, search box, related links, footer and scripts."""
    gold = json.loads((SEED_GOLD / f"{Path(seed).stem}.json").read_text("utf-8"))
    lines = (ROOT / "corpus" / seed).read_text("utf-8").split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip().lstrip("#").strip().startswith("一、"))
    title = f"{gold['agency']}{gold['year']}年度政府信息公开工作年度报告"
    h1 = f"<h1>{title}</h1>" if heading else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}_政府信息公开年报_某某市人民政府'
            f"</title><script>var a = 1;</script><style>td {{border: 1px}}</style></head><body>\n{_TOP}\n"
            f'<div class="article">{h1}<div class="info">来源：办公室 时间：{gold["year"] + 1}-01-20</div>'
            f'<div class="content">{_seed_body(lines[first:])}</div></div>\n{_BOTTOM}</body></html>')


@pytest.mark.parametrize("seed", TABULAR_SEEDS, ids=lambda s: s[:3])
@pytest.mark.parametrize("heading", [True, False], ids=["h1", "title-only"])
def test_seed_in_site_chrome_gives_the_seeds_facts_and_agency(seed: str, heading: bool, tmp_path: Path) -> None:
    gold = json.loads((SEED_GOLD / f"{Path(seed).stem}.json").read_text("utf-8"))
    path = tmp_path / "page.html"
    path.write_text(site_page(seed, heading=heading), "utf-8")
    report = extract_path(path)
    assert _facts(report) == _facts(extract_path(ROOT / "corpus" / seed))
    assert (report.meta.agency, report.meta.year) == (gold["agency"], gold["year"])
    assert report.meta.agency_source == ("title_line" if heading else "html_title")
    texts = [line.text for line in read_document(path).lines]
    for word in _CHROME_WORDS:
        assert not any(word in t for t in texts), word


def test_semantic_page_keeps_its_articles_header(tmp_path: Path) -> None:
    """<header>/<nav>/<footer> of the site go; the <header> of the <article> (its title) stays."""
    seed = TABULAR_SEEDS[1]
    page = site_page(seed)
    page = page.replace('<div class="article"><h1>', '<header><nav><a href="/">首页</a></nav></header><main><article>'
                        '<header><h1>').replace('</h1><div class="info">', '</h1></header><div class="info">')
    page = page.replace(_BOTTOM, f"</article></main><footer>{_BOTTOM}</footer>")
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    report = extract_path(path)
    assert (report.meta.agency, report.meta.agency_source) == ("伊川县城市管理局", "title_line")
    assert _facts(report) == _facts(extract_path(ROOT / "corpus" / seed))
    assert not any("首页" in line.text or "友情链接" in line.text for line in read_document(path).lines)


def test_page_without_numbered_headings_is_found_by_its_tables(tmp_path: Path) -> None:
    """Headings written without their numerals (总体情况 …): the template's tables mark the report."""
    seed = TABULAR_SEEDS[1]
    page = site_page(seed)
    for numeral in "一二三四五六":
        page = page.replace(f"<p>{numeral}、", "<p>")
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    texts = [line.text for line in read_document(path).lines]
    assert "主动公开政府信息情况" in texts and "总体情况" in texts
    for word in _CHROME_WORDS:
        assert not any(word in t for t in texts), word


def test_links_to_other_reports_before_the_article_are_not_its_title(tmp_path: Path) -> None:
    """Two related-report links (too few to be a link-dense block) right before the article: never its
    title line; the page's <title> decides."""
    seed = TABULAR_SEEDS[0]
    page = site_page(seed, heading=False).replace(
        '<div class="article">', '<div class="article"><p><a href="/9">乙市人民政府2017年度政府信息公开工作年度报告</a></p>'
        '<p><a href="/8">丙县人民政府2016年度政府信息公开工作年度报告</a></p>')
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    meta = extract_path(path).meta
    assert (meta.agency, meta.year, meta.agency_source) == ("张店区综合行政执法局", 2020, "html_title")


def test_title_only_in_the_cms_meta_tag_when_title_is_the_site(tmp_path: Path) -> None:
    """<title> names only the site, the visible title is a picture: the CMS's ArticleTitle meta is the
    report's title (and the site's name is kept beside it, the weakest evidence)."""
    seed = TABULAR_SEEDS[0]
    gold = json.loads((SEED_GOLD / f"{Path(seed).stem}.json").read_text("utf-8"))
    page = site_page(seed, heading=False)
    page = re.sub(r"<title>.*?</title>", "<title>某某市人民政府</title>", page, flags=re.S).replace(
        "<head>", f'<head><meta name="ArticleTitle" content="{gold["agency"]}2020年度政府信息公开工作年度报告">')
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    # the footer's site owner and the page's 当前位置 line follow, more fields of evidence (index.readers.html)
    assert read_document(path).title == (f"{gold['agency']}2020年度政府信息公开工作年度报告_某某市人民政府"
                                         "_某某市人民政府网站_当前位置：首页 > 政务公开 > 政府信息公开年报")
    meta = extract_path(path).meta
    assert (meta.agency, meta.year, meta.agency_source) == (gold["agency"], 2020, "html_title")


def test_page_saved_as_one_file_mhtml_is_read_as_its_page(tmp_path: Path) -> None:
    """A page saved by the browser as a single file (MHTML: MIME parts, the page quoted-printable in GB18030,
    its charset in the part header): picked up by the folder walk and read as the page itself."""
    from index.readers import SUPPORTED_SUFFIXES
    from tests.variants import mhtml

    seed = TABULAR_SEEDS[0]
    page = site_page(seed)
    path = tmp_path / "page.mhtml"
    path.write_bytes(mhtml(page, "gb18030"))
    plain = tmp_path / "page.html"
    plain.write_text(page, "utf-8")
    assert {".mht", ".mhtml"} <= SUPPORTED_SUFFIXES
    assert _facts(extract_path(path)) == _facts(extract_path(plain))
    assert extract_path(path).meta.agency == extract_path(plain).meta.agency


def test_page_holding_the_report_twice_is_read_once(tmp_path: Path) -> None:
    """A 全真版 and a 文字版 of the report on one page: the first full copy is the report."""
    seed = TABULAR_SEEDS[0]
    page = site_page(seed)
    article = page[page.index('<div class="content">'):page.index("</div></div>")]
    path = tmp_path / "page.html"
    path.write_text(page.replace("</div></div>", f"</div>{article}</div></div>", 1), "utf-8")
    assert _facts(extract_path(path)) == _facts(extract_path(ROOT / "corpus" / seed))
    assert sum(line.text == "一、总体情况" for line in read_document(path).lines) == 1


def test_page_without_part_headings_loses_its_navigation(tmp_path: Path) -> None:
    """No part headings to find the report by: the page is read less its navigation blocks."""
    path = tmp_path / "page.html"
    path.write_text(f"<html><body>{_TOP}<div><p>甲县统计局2020年政府信息公开工作年度报告</p><p>本年度共收到申请3件。</p>"
                    f"</div>{_BOTTOM}</body></html>", "utf-8")
    texts = [line.text for line in read_document(path).lines]
    assert "甲县统计局2020年政府信息公开工作年度报告" in texts and "本年度共收到申请3件。" in texts
    # (A footer's inline link bar beside its copyright lines is left: only blocks are judged.)
    for word in ("首页", "政策文件库", "当前位置", "相关文章", "友情链接", "document.write"):
        assert not any(word in t for t in texts), word


@pytest.mark.parametrize("codec, declared", [("gbk", "gbk"), ("gb18030", "gb2312")])
def test_gbk_page(codec: str, declared: str, tmp_path: Path) -> None:
    seed = TABULAR_SEEDS[1]
    path = tmp_path / "page.html"
    path.write_bytes(site_page(seed, charset=declared).encode(codec))
    report = extract_path(path)
    assert report.meta.encoding == "gb18030"
    assert _facts(report) == _facts(extract_path(ROOT / "corpus" / seed))
    assert report.meta.agency == "伊川县城市管理局"


@needs_real
def test_real_page_as_gbk_gives_the_same_report(tmp_path: Path) -> None:
    name = "13_pingtan_2021.html"
    text = (REAL / "reports" / name).read_text("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    path = tmp_path / name
    path.write_bytes(text.encode("gb18030"))
    report = extract_path(path)
    assert report.meta.encoding == "gb18030"
    assert _facts(report) == _facts(_extract_real(name))
    assert (report.meta.agency, report.meta.year) == (_extract_real(name).meta.agency, 2021)


@needs_real
def test_damaged_bytes_in_a_declared_charset_page_are_replaced_not_fatal(tmp_path: Path) -> None:
    """A cut download or flipped bytes: the page is read in its declared charset with U+FFFD for them."""
    data = bytearray((REAL / "reports" / "16_pingtan_2024.html").read_bytes())
    for at in range(1000, len(data), len(data) // 40):
        data[at] = 0xFF
    path = tmp_path / "damaged.html"
    path.write_bytes(bytes(data[: len(data) - 7]))  # cut inside the footer, maybe inside a character
    report = extract_path(path)
    assert (report.meta.encoding, report.meta.agency, report.meta.year) == ("utf-8+repaired", "平潭综合实验区", 2024)
    assert len(report.facts) > 100


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "gb18030"])
def test_txt_holding_html_is_read_as_html(encoding: str, tmp_path: Path) -> None:
    seed = TABULAR_SEEDS[2]
    path = tmp_path / "saved_page.txt"
    path.write_bytes(site_page(seed, charset="utf-8" if encoding == "utf-8" else "gb18030").encode(encoding))
    doc = read_document(path)
    assert doc.file_format == "html"
    report = extract_path(path)
    assert _facts(report) == _facts(extract_path(ROOT / "corpus" / seed))
    assert report.meta.agency == "鹤岗市城市管理综合执法局"


def test_plain_text_mentioning_tags_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text("甲县2020年政府信息公开工作年度报告\n网页用 <table> 和 <html> 标记。\n一、总体情况\n", "utf-8")
    assert read_document(path).file_format == "text"


@pytest.mark.parametrize("seed", TABULAR_SEEDS, ids=lambda s: s[:3])
def test_traditional_page_gives_the_same_agency_and_year(seed: str, tmp_path: Path) -> None:
    gold = json.loads((SEED_GOLD / f"{Path(seed).stem}.json").read_text("utf-8"))
    path = tmp_path / "page.html"
    path.write_text(opencc.OpenCC("s2t").convert(site_page(seed)), "utf-8")
    meta = extract_path(path).meta
    assert meta.agency != gold["agency"] and to_simplified(meta.agency) == gold["agency"]  # shown as written
    assert meta.year == gold["year"]


# --- tables that ask for more grid than they hold (issue 13, item 1) ----------------------------------------


def _span_bomb(rows: int) -> str:
    """Every row one cell spanning 1000×1000: ~500·rows² grid slots before the bound (4.6 KB at 100 rows)."""
    return "<html><body><p>一、总体情况</p><table>" + "".join(
        f'<tr><td colspan="1000" rowspan="1000">{k}</td></tr>' for k in range(rows)) + "</table></body></html>"


def test_span_bomb_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "bomb.html"
    path.write_text(_span_bomb(100), "utf-8")
    assert 4000 < path.stat().st_size < 6000
    with pytest.raises(ReportError) as err:
        read_document(path)
    assert str(err.value).startswith(str(path)) and "\n" not in str(err.value)
    assert "too large" in err.value.problem and f"limit {MAX_TABLE_CELLS:,}" in err.value.problem


def test_span_bomb_peak_memory_in_a_subprocess(tmp_path: Path) -> None:
    """qa facts on the 4.6 KB page and a 100 KB one (2,000 rows): one line naming the file, exit 1, and
    the process stays small and fast (unbounded, the first took 5.8 GB and 106 s)."""
    for rows in (100, 2000):
        (tmp_path / f"bomb{rows}.html").write_text(_span_bomb(rows), "utf-8")
    probe = textwrap.dedent("""
        import resource, subprocess, sys
        out = subprocess.run([sys.executable, "-m", "qa.cli", "facts", sys.argv[1]], capture_output=True,
                             text=True, timeout=120)
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(out.returncode, peak_kb)
        sys.stdout.write(out.stderr)
    """)
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                         timeout=180)
    code, peak_kb = out.stdout.split("\n")[0].split()
    errors = [line for line in out.stdout.split("\n")[1:] if line.strip()]
    assert code == "1"
    assert len(errors) == 2 and all("too large" in line and "bomb" in line for line in errors)
    assert int(peak_kb) < 400_000, f"peak RSS {int(peak_kb) // 1024} MB"


def test_honest_spans_still_expand(tmp_path: Path) -> None:
    """A header that spans the table and labels that span rows read as before."""
    page = ("<table><tr><td colspan=3>表头</td></tr><tr><td rowspan=2>甲</td><td>1</td><td>2</td></tr>"
            "<tr><td>3</td><td>4</td></tr></table>")
    path = tmp_path / "t.html"
    path.write_text(page, "utf-8")
    rows = [[c.text for c in line.cells] for line in read_document(path).lines if line.cells]
    assert rows == [["表头"] * 3, ["甲", "1", "2"], ["甲", "3", "4"]]
