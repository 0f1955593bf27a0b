"""Unseen-style copies of the seed reports and the real files, each with its gold: what the hidden set of
real files looks like (other agencies, other government sites, other archives), made at run time.

Sources and their gold:
- the five seeds (../shared/seeds), gold from tests/gold (hand-read): as the seed's own text with its line
  breaks lost or its tab rows cut to one cell per line, and as a report rebuilt from the gold values and the
  seed's own prose (bench.generate renders its tables: HTML with rowspan/colspan), framed in the chrome of
  other government CMSs, printed to PDF, saved as DOCX and DOC;
- a 2021-form report of a seed's agency drawn by bench.generate (gold: its values);
- the real 平潭 pages' report body (../shared/real, gold.json) renamed to another agency and framed in
  another site's chrome;
- more_variants: a seed as a page's text dump with the menus one item a line and a dated list of other
  reports above the title, saved as markdown (an icon image before the title, links), titled without its
  agency (signed only), its title broken over short lines, its digits full-width; the renamed real pages
  as a copy with one cell a line and the empty cells dropped, with thousands separators, with a heading
  broken by <br>, printed by Chromium, saved as DOCX by LibreOffice; a rebuilt seed printed by Chromium
  with its tables pasted as pictures (read by OCR).
- batch5: the renamed real pages copied out of a PDF viewer (a cell a line, blanks written —, / or 无,
  thousands separators, the running header and 第X页 共Y页 between cells), in GBK under a UTF-8 <meta>, in
  GB18030 text, printed by Chromium with its header and footer; the seeds titled without their agency,
  named only in the first sentence (「本报告由…编制」, also in a one-line dump), as WeChat articles, in an
  <iframe srcdoc>, on a mobile page titled only in og:title, paged by the CMS into two files, with 三 cut
  into two tables (HTML, DOCX and its print; the header rows repeated or not), as DOCX inside a layout
  table, printed by LibreOffice with a running header and 第X页 共Y页; the real page's Word copy as DOC and
  PDF, and as a WeChat article; drawn reports
  of agencies whose short names collide (北京市/长春市朝阳区, 南京市/福州市鼓楼区), titled without the city.
- batch6: the real pages as they are, in GB18030 without a charset, saved 'complete' with the article in a
  <frame> or <iframe src> of the _files folder, with the year before's report below, printed by Chromium
  (header and footer on) and by LibreOffice; a real dump followed by the next year's; the renamed real pages
  with their merged cells cut back to single cells (text filled into each, or left blank), copied out of
  WeChat (emoji, zero-width characters, full-width digits, 1,234 and 1，234), dumped by a text browser
  (tables in box characters), as pipe tables, the agency only in <title> or in the 当前位置 line; the seeds
  in GBK without a charset, as Word's .mht, as a WeChat copy, their tables written as sentences, their text
  saved by Word 97, as DOCX with the tables in text boxes or as pictures, printed with big cells (ruled or not); drawn
  reports on the template of the other years (2019 form for 2021, 2021 form for 2020); a county agency that
  never names its city (洪泽区人民政府) or names its province instead (江苏省洪泽区人民政府); the real PDF
  and the browser's prints of the real pages copied as text with their layout kept (pdftotext -layout), and
  that text pasted into a page's <pre>.
- batch7: the seeds and drawn reports with their parts numbered （一）, 第一部分, 一␣ or 1、; their three tables
  as one table; 四 turned on its side (a row per cell) or cut into a 行政复议 and a 行政诉讼 table; tables with
  empty columns and rows; counts written with 件; zeros as -, — or /; tables drawn with <div>s; the article
  escaped in a hidden <textarea> or in a script's JSON; text saved with CRLF and form feeds, in UTF-16 (with
  and without BOM), in 繁體 with full-width digits; a city government's office; towns and street offices named
  with their county, or the county only in the page's 来源; DOCX with tracked changes, or zeros as /; a DOC named .wps; a
  two-column print.
- batch8: table rows typed with bare pipes, or only 二 as markdown pipe tables, or cells apart by ideographic
  spaces; tables pasted out of Excel
  (quoted cells with line breaks); the year in Chinese numerals (二〇二三年度); last year's report quoted and
  appended; a 备注 column (drawn and real pages); 三's and 四's header rows merged otherwise; 二 turned; a
  Hanweb page; a text browser's dump with wrapped labels; the agency only in the 落款 (page and DOCX); a real
  page in Big5 繁體; markdown with HTML tables (a PDF-to-markdown tool's); a 信息公开平台 page whose report is
  an attachment, with a summary table; the real PDF and a printed report copied by PDFium (a PDF viewer); a
  pdf2htmlEX page; DOCX titled in its page header, or with 总计 as formula fields; the real dump and a real
  page in a layout table saved as DOCX by LibreOffice (and printed); one scanned page (OCR); a 信息公开平台
  page printed by Chromium with its header and footer.
- batch9: agency and year traps: county departments titled 县教育局 (the county only in the site's name, its
  footer's 版权所有, a DOCX's page footer, the 落款 of a DOC), a town or street whose 来源 is its county's office,
  a 2023 report published in 2024 under a 2024年 column with its other years listed around it, a file named by
  a number, an agency renamed by the 机构改革 (both names), a yearless title over a 2024 report comparing with
  2023 all through, the year before the agency, the 发布机构 field naming another office, English site chrome,
  Chrome's MHTML with the report in a frame part; PDFs with a cover page, a two-line title in a large font,
  printed landscape, a cover title as a picture (OCR).
- batch10: WeChat 公众号 pages as mp.weixin.qq.com saves them (#js_content hidden until its script runs, the
  heading padded or a picture, the title in og:title and msg_title), the agency only in a 来源/发布机构 row
  under a bare title (page, dump, DOCX), titles cut by their 发布时间 line, the year only in the statistics
  period (2024年度), a 乡 and a 街道办事处 on a 区's site, offices whose names hold another place's (故县, 洪泽湖,
  驻洛阳) or 市/区 inside a department's name (城市管理局, 产业集聚区), the agency in a heading block above a
  title that starts with its year or bracketed after it, 发布机构 printed after the report, a GBK dump without BOM, past years'
  links above the report, DOCX titled in a text box, Word 97;
  PDFs with one scanned page among text pages (the first, or 二's), tables whose row labels wrap.
- batch11: a gov.cn 信息公开目录 page (meta block a table, the title bare), titles that are pictures with the
  agency only in <meta name="author"> or og:site_name, dumps hard-wrapped every 17 or 23 characters (labels
  and numbers split), the year only in the title in Chinese numerals over a 2025年1月 date, a 市's combined
  report titled with the city alone; a WPS/Word document (agency as running header, 「— N —」, 三 over a page
  break with its header rows repeated, the 印发 line of another office) as DOCX, with reviewers' comments, as
  PDF and as a PDF viewer's copy; 三 over pages with <thead> repeated, cells in full-width digits with
  thousands separators, 三 on a landscape page or turned sideways, printed by Chromium.
- batch12: county portals whose <title> is the site's name, the report's title in a <div class="title"> between
  当前位置 lines (the agency only as the breadcrumb's column, printed too), column pages listing several reports
  (refused), titles with the agency after 关于 (…工作情况的报告, …的公告), the year only in a 统计期限 day range,
  a county's 局 saying 本局/本县 throughout, years in full-width digits or with ○/零, pages and a dump in 繁體
  by a portal's button, tables as pictures typed out below (附：表格文字版), DOCX with the tables as tab lines,
  a narrow-column print copied by a PDF viewer.
- batch13: a province's 政府信息公开平台 page whose meta table (索引号/发布机构/成文日期/生成日期) names the 区
  government that put its 局's report online (titled; bare and signed 本机关; the city left out; copied as text a
  cell a line, 发布机构 on the line after its label, the platform's 主办 line under the closing date); reports
  paged by the CMS (第k页 共3页: each page a file, page 2 titled （2）, a real page 1 alone); print views
  (打印本页/关闭窗口); 2000s layout tables (<font>, lines apart by <br>); Firefox's and Edge's/IE's saves (a
  second charset meta, a BOM over a gb2312 meta, IE's UTF-16 'Unicode'); browser copies with menus, breadcrumbs
  (one without its 当前位置 mark, the only naming of the agency), 字号/浏览次数/分享到 and other years' 年报 above;
  tables flattened a cell a line, or tab rows with merged cells' text repeated in each slot (Excel's unmerge and
  fill); two reports in one file (two agencies, two years); titles …工作年报 / …工作报告 / …年度报告（2023年）; the
  agency only in a 以下简称 clause under 来源：本站; pages that are only the link to the attached report (refused,
  the file named); UTF-16 BE, GBK, Big5 繁體, &nbsp; and trailing spaces; public bodies named …联合社 (signed
  beside its date), …第一中学 (published by the 教育局), …气象台; the portal's banner (the county's government)
  right above a bare title, the department only in 发布机构 and its 我局 (page and text).
  First score (tests/variants.py before any fix, the batch's first 31 files): 61756/62177 fields, metadata right
  for 382/385 files; batch13 26/31 files fully right, metadata 28/31. All 43 on the code before the fixes:
  31/43 fully right, metadata 33/43 (agencies 本站 twice, 「主办：广东省人民政府办公厅」, the school's 教育局, the
  county's government under the banner twice, none twice, &nbsp; inside the name, Big5 unreadable), 6788/7087
  fields.
- batch15 (tests/variants_web.py): 政府网站集约化平台 pages (发文机关 in a cell of its own, ContentSource/ArticleTitle
  metas), 'zwgk' iframes saved complete, the agency only in 来源/主办单位/落款, WeChat and PDF-viewer and Word copies,
  a 镇, a 街道, a school, a hospital, a state-owned company, 开发区管委会, years only in 二〇二三年度 or the file name.
- batch17 (tests/variants_web.py): browsers' saves (Chrome complete and .mhtml, SingleFile, IE/Edge .mht, IE's DOM,
  Safari .webarchive, Firefox text, .shtml/.htm, charsets declared wrong, missing or late), chrome naming other
  agencies (side lists, 上一篇/下一篇, 相关链接, 部门导航, 来源 of another office), two years in the title area, reader
  apps' copies (cells joined by spaces, a cell a line), full-width text, 繁體, part headings lost or 表一 captions.

`make_variants(out)` writes them under `out` and returns one Variant per file; `score(variant)` reads and
extracts it and compares. Binary copies need LibreOffice (soffice) and Chromium: without them those variants are left out.
Run as a script to print the scores: `python tests/variants.py [--no-office]`."""

from __future__ import annotations

import html as html_lib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402

from bench.generate import Agency, Report, Style, make_report, render  # noqa: E402

SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
REAL = SHARED / "real" / "reports"
GOLD_DIR = ROOT / "tests" / "gold"

Value = int | float | None


@dataclass
class Truth:
    agency: str
    short: str  # what a user calls it
    year: int
    fmt: str
    facts: dict[str, Value]  # key → value; None: no value may be given (a sentence, a lost row, no table)
    undecidable: set[str] = field(default_factory=set)  # keys where giving no value is right too
    refused: bool = False  # not a report (a column page listing several): refusing it is the right answer


@dataclass
class Variant:
    name: str  # file name, which says what it is: <source>-<kind>-<style>.<suffix>
    path: Path
    truth: Truth
    source: str  # the seed or real file it was made from


@dataclass
class Score:
    variant: Variant
    agency: str | None
    short: str | None
    year: int | None
    fmt: str | None
    right: int
    total: int
    misses: list[str] = field(default_factory=list)

    @property
    def meta_ok(self) -> bool:
        t = self.variant.truth
        return (_nospace(self.agency) == _nospace(t.agency) and self.short == t.short and self.year == t.year
                and self.fmt == t.fmt)


def _nospace(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


# --- the seeds and their gold --------------------------------------------------------------------------

# Seed stem → (place the site belongs to, the short name people use, province's ICP prefix).
_SEED_SITES = {
    "000_bd0b500898aa4917": ("沙河市", "沙河市城管局", "冀"),
    "001_67ecb69380710fc9": ("淄博市张店区", "张店区执法局", "鲁"),
    "002_f3bbfa1004ed2dd6": ("伊川县", "伊川县城管局", "豫"),
    "003_4e4bafc32cf8cb39": ("鹤岗市", "鹤岗市城管局", "黑"),
    "004_d68123bc43084456": ("济南市", "济南市城管局", "鲁"),
}
SEED_STEMS = tuple(_SEED_SITES)


def seed_gold(stem: str) -> dict:
    return json.loads((GOLD_DIR / f"{stem}.json").read_text(encoding="utf-8"))


def seed_truth(stem: str) -> Truth:
    """The seed's hand-read gold as it stands: rows the seed lost are absent, sentences give no value."""
    from tests.test_gold import gold_values  # one reading of the gold files

    from index.template import keys_for

    gold = seed_gold(stem)
    stated = gold_values(gold)
    values = {k: stated.get(k) for k in keys_for(gold["format"])}  # rows the seed lost: absent
    return Truth(gold["agency"], _SEED_SITES[stem][1], gold["year"], gold["format"], values)


_PART_LINE = re.compile(r"^[#\s]*([一二三四五六])\s*[、.．]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def seed_prose(text: str) -> dict[str, list[str]]:
    """The seed's paragraphs by part ("intro" before 一): lines of running text, not table cells."""
    prose: dict[str, list[str]] = {"intro": []}
    part = "intro"
    started = False
    for raw in text.splitlines():
        line = raw.strip().lstrip("#").strip()
        if raw.startswith("\t") or re.match(r"[（(]", line):
            continue  # a table cell (one cell a line) or a row label, not prose
        if m := _PART_LINE.match(line):
            part, started = m.group(1), True
            prose.setdefault(part, [])
            continue
        if not started and "年度报告" in line or "工作情况的报告" in line:
            continue  # the title: the rebuilt report writes its own
        if len(_HAN.findall(line)) >= 20 and re.search(r"[，。；]", line) and "\t" not in line:
            prose.setdefault(part, []).append(line)
    return prose


def seed_report(stem: str) -> tuple[Report, Truth]:
    """The seed rebuilt as a generator report: its agency, year, closing date and prose, its gold values
    (what the seed leaves out or writes as a sentence is 0 in the rebuilt tables, and so in its gold)."""
    gold = seed_gold(stem)
    truth = seed_truth(stem)
    values = {k: (0 if v is None else v) for k, v in truth.facts.items()}
    place = _SEED_SITES[stem][0]
    agency = Agency(gold["agency"], place, "", "我局", 1.0)
    closing = date.fromisoformat(gold["date"]) if gold.get("date") else date(gold["year"] + 1, 1, 20)
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    report = Report(agency, gold["year"], gold["format"], values, closing, Style(title=1), prose=seed_prose(text))
    return report, Truth(truth.agency, truth.short, truth.year, truth.fmt, dict(values))


def drawn_report(stem: str, seed: int, year: int = 2022) -> tuple[Report, Truth]:
    """A 2021-form report of the seed's agency for `year`, drawn (values, prose) by bench.generate."""
    gold = seed_gold(stem)
    agency = Agency(gold["agency"], _SEED_SITES[stem][0], "", "我局", 1.0)
    report = make_report(random.Random(seed), fmt="2021", agency=agency, year=year)
    report.style.amount_unit = "header"
    return report, Truth(gold["agency"], _SEED_SITES[stem][1], year, "2021", dict(report.values))


# --- other sites' chrome ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    name: str  # 沙河市人民政府
    place: str  # 沙河市
    icp: str  # 冀


def site_for(place: str, icp: str) -> Site:
    return Site(f"{place}人民政府", place, icp)


def _other_reports(site: Site, year: int) -> list[str]:
    """Titles of other reports a page lists around its own: other offices, other years."""
    return [f"{site.place}财政局{year - 1}年政府信息公开工作年度报告",
            f"{site.place}教育局{year}年政府信息公开工作年度报告",
            f"{site.place}人民政府办公室{year}年度政府信息公开工作年度报告"]


def _links(titles: list[str]) -> str:
    return "".join(f'<li><a href="/art/{k}.html" title="{t}">{t}</a><span>{2020 + k}-01-2{k}</span></li>'
                   for k, t in enumerate(titles))


_MENU = ("首页", "政务公开", "政务服务", "互动交流", "走进" , "专题专栏")


def _menu(site: Site) -> str:
    items = "".join(f'<li><a href="/col/{k}/">{m}{site.place if m == "走进" else ""}</a></li>'
                    for k, m in enumerate(_MENU))
    return f'<ul class="nav-list">{items}</ul>'


def _footer(site: Site, k: int) -> str:
    return (f'<div class="footer"><p><a href="/">网站地图</a> | <a href="/">联系我们</a> | <a href="/">隐私声明</a></p>'
            f"<p>主办单位：{site.name}办公室　承办单位：{site.place}大数据中心</p>"
            f"<p>{site.icp}ICP备0500{k}123号-1　{site.icp}公网安备 1301000200{k}号　网站标识码：13058200{k}0</p>"
            f"<p>版权所有：{site.name}　建议使用1920×1080分辨率</p></div>")


def page_trs(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A TRS-style portal page: the <title> is the report's, cut by the column and site; 发布时间/来源 line;
    上一篇/下一篇 name other offices' reports."""
    others = _other_reports(site, year)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title}_政府信息公开年报_{site.name}</title>
<meta name="SiteName" content="{site.name}"><meta name="ColumnName" content="政府信息公开年报">
<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{published}">
<meta name="ContentSource" content="{source}"></head><body>
<div class="top"><div class="logo">{site.name}</div><div class="tools"><a href="/">无障碍</a><a href="/">长者模式</a><a href="/">登录</a></div></div>
<div class="nav">{_menu(site)}</div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/nb/">政府信息公开年报</a></div>
<div class="main"><div class="article">
<h1 class="art-title">{title}</h1>
<div class="art-info">发布时间：{published}　来源：{source}　浏览次数：<span id="hits">316</span>　【字体：<a>大</a> <a>中</a> <a>小</a>】</div>
<div class="TRS_Editor">{body}</div>
<div class="prev-next"><p>上一篇：<a href="/art/1.html">{others[0]}</a></p><p>下一篇：<a href="/art/2.html">{others[1]}</a></p></div>
</div></div>
{_footer(site, 1)}</body></html>"""


def page_xxgk(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A 政府信息公开平台 page: <title> is the site only; a metadata table (索引号, 发布机构, 名称, 发文日期)
    above the article; a side column lists other reports before the article."""
    others = _other_reports(site, year)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{site.name}信息公开平台</title></head><body>
<div class="header"><img src="/images/logo.png" alt="{site.name}"><span>{site.name}信息公开平台</span></div>
<div class="menu">{_menu(site)}</div>
<div class="left"><h3>热点年报</h3><ul>{_links(others)}</ul></div>
<div class="right">
<div class="crumb">您的位置：<a href="/">首页</a> » <a href="/xxgk/">信息公开</a> » <a href="/xxgk/nb/">年度报告</a></div>
<table class="xxgk-meta"><tr><td>索引号：</td><td>11130582MB0123456X/{year + 1}-00012</td><td>发布机构：</td><td>{source}</td></tr>
<tr><td>名　　称：</td><td colspan="3">{title}</td></tr>
<tr><td>发文日期：</td><td>{published[:10]}</td><td>主题分类：</td><td>其他</td></tr></table>
<div class="xxgk-content" id="zoom">{body}</div>
<div class="related"><h4>相关文章</h4><ul>{_links(others[1:])}</ul></div>
</div>
{_footer(site, 2)}</body></html>"""


def page_plain(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """An old table-layout page: no <h1>, the title in a bold table cell; 发文日期 and 信息来源 in a cell;
    the report inside an iframe-like scrolling div; the site name in <title> before the report's."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{site.name} - {title}</title></head><body>
<table width="1000" align="center"><tr><td class="banner">{site.name}门户网站　{site.place}政府网欢迎您</td></tr>
<tr><td class="nav"><a href="/">网站首页</a> | <a href="/">信息公开</a> | <a href="/">网上办事</a> | <a href="/">公众参与</a></td></tr>
<tr><td>您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/">信息公开</a> &gt;&gt; 年度报告</td></tr></table>
<table width="1000" align="center"><tr><td align="center"><b><font size="4">{title}</font></b></td></tr>
<tr><td align="center">发文日期：{published[:10]}　　信息来源：{source}　　点击数：88</td></tr>
<tr><td><div class="ifr-content" style="overflow:auto;height:800px">{body}</div></td></tr>
<tr><td align="right"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></td></tr></table>
<table width="1000" align="center"><tr><td>{_footer(site, 3)}</td></tr></table></body></html>"""


def page_modern(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A recent responsive page: the report's title only in a 文章标题 meta and a <div class="title">, the
    <title> carrying the column and the site; nav/header/footer landmarks."""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>政府信息公开工作年度报告 - {site.name}</title><meta name="文章标题" content="{title}"></head><body>
<header><div class="site-name">{site.name}</div><form><input placeholder="请输入关键词"><button>搜索</button></form></header>
<nav>{_menu(site)}</nav>
<main><div class="breadcrumb"><a href="/">首页</a>/<a href="/zwgk/">政务公开</a>/<a href="/zwgk/ndbg/">政府信息公开工作年度报告</a></div>
<article><div class="title">{title}</div>
<div class="meta"><span>来源：{source}</span><span>发布时间：{published}</span><span>字号：<a>大</a><a>中</a><a>小</a></span></div>
<div class="content">{body}</div></article></main>
<footer>{_footer(site, 4)}</footer></body></html>"""


PAGES = {"trs": page_trs, "xxgk": page_xxgk, "plain": page_plain, "modern": page_modern}


def report_body(report: Report, *, images: bool = False) -> tuple[str, str]:
    """The rebuilt report's title and its article body as bench.generate renders it (tables with rowspan and
    colspan); `images`: the tables are pictures that were not saved (only <img> left)."""
    page = lxml.html.document_fromstring(str(render(report, "html")[0]))
    title = page.findtext(".//h1")
    body = page.find_class("article-content")[0]
    if images:
        for k, table in enumerate(body.findall(".//table")):
            img = lxml.html.fragment_fromstring(f'<p><img src="/images/table{k + 1}.png" alt=""></p>')
            table.getparent().replace(table, img)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    return title, inner


def mhtml(page: str, charset: str) -> bytes:
    """A page as a browser saves it as a single file: a MIME archive, the page quoted-printable in its
    charset (its <meta> charset removed, as the archive's part header states it), and a picture."""
    import base64
    import quopri

    page = re.sub(r"<meta[^>]*charset[^>]*>", "", page)
    body = quopri.encodestring(page.encode(charset)).decode("ascii")
    picture = base64.b64encode(b"\x89PNG\r\n\x1a\n" + bytes(32)).decode("ascii")
    return (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/1.html\r\n"
            f"Subject: report\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
            f'\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc"\r\n\r\n'
            f"------MultipartBoundary--abc\r\nContent-Type: text/html; charset={charset}\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/art/1.html"
            f"\r\n\r\n{body}\r\n------MultipartBoundary--abc\r\nContent-Type: image/png\r\n"
            f"Content-Transfer-Encoding: base64\r\nContent-Location: http://www.example.gov.cn/logo.png\r\n\r\n"
            f"{picture}\r\n------MultipartBoundary--abc--\r\n").encode("ascii")


# --- the real pages, renamed -----------------------------------------------------------------------------

# Real pages whose report body is reframed, and the agency they are renamed to (the place reports as itself).
_REAL_RENAMED = {"15_pingtan_2023.html": ("永泰县", "永泰"), "13_pingtan_2021.html": ("闽清县", "闽清"),
                 "11_pingtan_2019.html": ("罗源县", "罗源")}


def real_body(name: str) -> tuple[str, str, dict]:
    """The real page's article body renamed, its renamed title, and its gold renamed."""
    full, short = _REAL_RENAMED[name]
    gold = json.loads((SHARED / "real" / "gold.json").read_text(encoding="utf-8"))[name]
    page = lxml.html.document_fromstring((REAL / name).read_bytes())
    body = page.find_class("article_content")[0]
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in body)
    inner = inner.replace("平潭综合实验区", full).replace("平潭", short)
    title = f"{full}{gold['year']}年度政府信息公开工作年度报告"
    return title, inner, gold


@dataclass(frozen=True)
class Renamed:
    """One real page's report renamed (real_body), with what every generator frames it with: its truth,
    its place's site and the date it was published on."""
    k: int  # its place in _REAL_RENAMED (generators pick kinds by it)
    name: str  # the real file
    full: str  # the agency it is renamed to
    short: str
    title: str
    body: str
    gold: dict
    truth: Truth
    site: Site
    published: str

    @property
    def tag(self) -> str:
        return f"real{self.name[:2]}"

    @property
    def source(self) -> str:
        return f"{self.full}人民政府办公室"

    def anonymous(self) -> tuple[str, str, str]:
        """(its government's name, its title without the agency, its body saying 全县 for the agency): a page
        that names the agency only outside the article."""
        year = self.gold["year"]
        anon = self.body.replace(f"{self.full}{year}", str(year)).replace(self.full, "全县")
        return f"{self.full}人民政府", f"{year}年度政府信息公开工作年度报告", anon


def renamed_reals() -> list[Renamed]:
    """The real pages of _REAL_RENAMED, renamed."""
    out = []
    for k, (name, (full, short)) in enumerate(_REAL_RENAMED.items()):
        title, body, gold = real_body(name)
        out.append(Renamed(k, name, full, short, title, body, gold, _renamed_truth(gold, full, full),
                           site_for(full, "闽"), f"{gold['year'] + 1}-02-0{k + 1} 16:00"))
    return out


# --- text dumps ------------------------------------------------------------------------------------------

def lost_breaks(text: str) -> str:
    """A page's text copied with its line breaks lost: every line joined with one space (tabs too)."""
    return " ".join(part.strip() for part in re.split(r"[\r\n\t]+", text) if part.strip()) + "\n"


def cell_per_line(text: str, *, keep_empty: bool) -> str:
    """Tab rows cut to one cell per line. `keep_empty`: empty cells as empty lines and a blank line after
    each row (a Word table saved as text); else only the cells with text, rows run on (a copy out of a PDF)."""
    out = []
    for line in text.splitlines():
        if "\t" in line.strip("\t"):
            cells = [c.strip() for c in line.split("\t")]
            out += cells + [""] if keep_empty else [c for c in cells if c]
        elif keep_empty or line.strip():
            out.append(line.strip("\t"))
    return "\n".join(out) + "\n"


_HAN_NUMERALS = "〇一二三四五六七八九"


def _han_year(year: str) -> str:
    return "".join(_HAN_NUMERALS[int(d)] for d in year)


def _han_day(n: int) -> str:
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _HAN_NUMERALS[tens] + "十")) + (_HAN_NUMERALS[ones] if ones else "")


def retitled(text: str, style: str) -> str:
    """The seed with its title's year written another way — in Chinese numerals (二〇二〇年政府信息公开…) or
    after the title in brackets (…工作年度报告（2020年度）) — and its closing date in Chinese numerals."""
    lines = text.split("\n")
    for k, line in enumerate(lines[:8]):
        m = re.search(r"(20\d\d)\s*年度?", line)
        if m and "报告" in line:
            if style == "han":
                lines[k] = line[:m.start()] + _han_year(m.group(1)) + "年" + line[m.end():]
            else:
                lines[k] = (line[:m.start()] + line[m.end():]).replace("关于", "").rstrip() + f"（{m.group(1)}年度）"
            break
    for k in range(len(lines) - 1, -1, -1):
        m = re.fullmatch(r"\s*(20\d\d)年(\d{1,2})月(\d{1,2})日\s*", lines[k])
        if m:
            lines[k] = f"{_han_year(m.group(1))}年{_han_day(int(m.group(2)))}月{_han_day(int(m.group(3)))}日"
            break
    return "\n".join(lines)


def _tab_rows(text: str) -> bool:
    """The seed writes its tables as tab rows (several cells a line), not one cell a line."""
    lines = text.splitlines()
    rows = sum(1 for ln in lines if len([c for c in ln.split("\t") if c.strip()]) >= 2)
    cells = sum(1 for ln in lines if ln.startswith("\t") and len([c for c in ln.split("\t") if c.strip()]) == 1)
    return rows > cells


def archive_header(title: str, published: str, source: str, url: str) -> str:
    """Another archive's header block above a dumped page."""
    return (f"文章标题：{title}\n发文日期：{published}\n来源：{source}\n网址：{url}\n"
            "------------------------------------------------------------\n")


# --- more kinds: the page's chrome in text and markdown dumps, titles broken or without the agency, digits
# written otherwise, the real pages in Word and PDF, a PDF whose tables are pictures -----------------------

# A portal's menus with their sub-menus: a text dump gives each its own line, more lines than the title's
# usual place near the top.
_PORTAL_MENU = ("首页", "要闻动态", "政务要闻", "部门动态", "乡镇动态", "通知公告", "政务公开", "政府信息公开指南",
                "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "政策文件", "政策解读", "人事信息",
                "财政资金", "政务服务", "办事指南", "便民服务", "互动交流", "领导信箱", "在线访谈", "征集调查",
                "专题专栏", "优化营商环境", "乡村振兴", "走进", "概况", "历史沿革", "自然资源", "旅游资源")


def chrome_dump(site: Site, text: str, published: str, year: int) -> str:
    """A page's text as an archive or a copy extracts it, every block on its own line: the site's name, its
    menus one item a line, the breadcrumb, the side column's list of other reports with their dates, a 来源
    line naming the office that put the page online, the report, 上一篇/下一篇 naming other reports, the
    footer."""
    others = _other_reports(site, year)
    menu = [m + (site.place if m == "走进" else "") for m in _PORTAL_MENU] * 2  # header menu and a site map
    side = [line for k, t in enumerate(others) for line in (t, f"{year + 1}-01-2{k}")]
    return "\n".join([site.name, "无障碍 | 长者模式 | 登录", *menu, "首页 > 政务公开 > 政府信息公开年报", "热点年报", *side,
                      f"来源：{site.name}办公室 发布时间：{published} 浏览次数：316", text.strip("\n"),
                      f"上一篇：{others[0]}", f"下一篇：{others[1]}", "网站地图 | 联系我们",
                      f"主办单位：{site.name}办公室 承办单位：{site.place}大数据中心", f"{site.icp}ICP备05001123号-1"]) + "\n"


def undated(dump: str) -> str:
    """A chrome_dump without the dates of its side list (a list of titles only)."""
    return re.sub(r"\n20\d\d-01-2\d(?=\n)", "", dump)


def markdown_dump(site: Site, text: str, published: str, year: int) -> str:
    """The page saved as markdown (a browser's save-as-markdown, a reader service): the logo a linked
    image, the menu and the breadcrumb links, the side list of other reports a list of links, the report's
    first line (its title or the agency above it) a heading with an icon image before it."""
    others = _other_reports(site, year)
    lines = text.strip("\n").split("\n")
    first = next(k for k, ln in enumerate(lines) if ln.strip())
    lines[first] = f"# ![](/images/title_icon.png) {lines[first].strip().lstrip('# ')}"
    menu = " ".join(f"[{m}](/col/{k}/)" for k, m in enumerate(_MENU))
    side = [f"- [{t}](/art/{k}.html) {year + 1}-01-2{k}" for k, t in enumerate(others)]
    return "\n\n".join([f"[![{site.name}](/images/logo.png)](/)", menu,
                        "[首页](/) > [政务公开](/zwgk/) > [政府信息公开年报](/zwgk/nb/)", "\n".join(side),
                        *lines[:first], "\n".join(lines[first:]), f"来源：{site.name}办公室　发布时间：{published}",
                        f"上一篇：[{others[0]}](/art/1.html)",
                        f"主办单位：{site.name}办公室　{site.icp}ICP备05001123号-1"]) + "\n"


def _title_span(lines: list[str]) -> tuple[int, int] | None:
    """Where the seed's title stands: (first, end) line indices, the agency's own line above it included."""
    for k, line in enumerate(lines[:8]):
        if re.search(r"20\d\d\s*年", line) and "报告" in line:
            above = next((j for j in range(k - 1, -1, -1) if lines[j].strip()), None)
            start = above if above is not None and not re.search(r"\d", lines[above]) else k
            return start, k + 1
    return None


def unnamed_title(text: str, agency: str, year: int, numeric: bool = False) -> str:
    """The report titled without its agency (「2020年政府信息公开工作年度报告」), the agency named only in its
    signature above the closing date (added where the seed signs with the date alone, or not at all);
    `numeric`: the date written 2021-01-25."""
    lines = text.split("\n")
    start, end = _title_span(lines)
    lines[start:end] = [f"{year}年政府信息公开工作年度报告"]
    last = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), 0)
    if re.fullmatch(r"\s*20\d\d年\d{1,2}月\d{1,2}日\s*", lines[last]):
        above = next((j for j in range(last - 1, -1, -1) if lines[j].strip()), 0)
        if agency not in lines[above]:
            lines.insert(last, agency)
    else:
        lines += [agency, f"{year + 1}年1月20日"]
    if numeric:
        last = next(k for k in range(len(lines) - 1, -1, -1) if lines[k].strip())
        lines[last] = re.sub(r"(20\d\d)年(\d{1,2})月(\d{1,2})日",
                             lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", lines[last])
    return "\n".join(lines)


def wrapped_title(text: str, width: int) -> str:
    """The title (the agency's line above it joined in) broken every `width` characters, never inside a
    number: a centred title in a narrow column or a PDF, copied line by line."""
    lines = text.split("\n")
    start, end = _title_span(lines)
    title = "".join(ln.strip().lstrip("# ") for ln in lines[start:end])
    pieces, at = [], 0
    while at < len(title):
        cut = min(at + width, len(title))
        while 0 < cut < len(title) and title[cut - 1].isdigit() and title[cut].isdigit():
            cut -= 1
        pieces.append(title[at:cut])
        at = cut
    lines[start:end] = pieces
    return "\n".join(lines)


_WIDE = str.maketrans("0123456789", "０１２３４５６７８９")


def wide_digits(text: str) -> str:
    """Every digit full-width (０１２３, a text typed with a full-width input method)."""
    return text.translate(_WIDE)


def thousands(body: str) -> str:
    """Table cells holding a number of four digits or more written with thousands separators (2,293;
    75,394,432.52元), as spreadsheets and some editors print them."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for el in root.iter():
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and any(a.tag in ("td", "th") for a in [el, *el.iterancestors()]):
                setattr(el, attr, re.sub(r"(?<![\d.])\d{4,}", lambda m: f"{int(m.group()):,}", value))
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def broken_heading(page: str, title: str, agency: str, year: int) -> str:
    """A TRS page (page_trs) whose heading breaks the title with <br>, inside the agency's name too
    (「永泰<br>县2023年度<br>政府信息公开工作年度报告」), and whose <title> names only the column and the site."""
    heading = f'<h1 class="art-title">{agency[:2]}<br>{agency[2:]}{year}年度<br>政府信息公开工作年度报告</h1>'
    return re.sub(r'<h1 class="art-title">.*?</h1>', heading, page).replace(f"<title>{title}_", "<title>")


def cells_copied(page: str) -> str:
    """A page's report as a text copy that puts every block and every table cell on its own line and drops
    the empty cells (an extension's or a script's get-text), without the page's chrome."""
    root = lxml.html.document_fromstring(page)
    out: list[str] = []
    for el in root.iter("p", "div", "td", "th", "h1", "h2", "h3", "li"):
        if el.tag in ("td", "th") or not any(isinstance(c.tag, str) and c.tag in ("p", "div", "table", "td", "li")
                                             for c in el.iter() if c is not el):
            if el.tag not in ("td", "th") and any(a.tag in ("td", "th") for a in el.iterancestors()):
                continue  # a paragraph inside a cell: the cell says it
            text = re.sub(r"\s+", "", el.text_content())
            if text:
                out.append(text)
    return "\n".join(out) + "\n"


def _rows_with_blanks(truth: Truth, gold: dict) -> Truth:
    """A copy that drops empty cells cannot place the values of a row that had one: giving no value for
    that row's keys is right too."""
    rows = {k.rsplit(".", 1)[0] for k in gold.get("absent_or_blank", [])}
    undecidable = {k for k in truth.facts if k.rsplit(".", 1)[0] in rows}
    return Truth(truth.agency, truth.short, truth.year, truth.fmt, truth.facts, undecidable)


def chromium() -> str | None:
    import shutil

    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chrome_pdf(html_path: Path, pdf_path: Path) -> Path:
    """A page printed to PDF by a headless browser (what a user's 打印 → 另存为 PDF gives)."""
    import subprocess

    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                    f"--user-data-dir={html_path.parent / 'chrome-profile'}", f"--print-to-pdf={pdf_path}",
                    html_path.as_uri()], capture_output=True, timeout=120, check=True)
    return pdf_path


def picture_of(fragment: str, png: Path, style: str = "") -> str:
    """An <img> of the HTML fragment as the browser prints it (rendered at 144 dpi, cut to its ink, shown at
    its printed size): what an editor pastes as a screenshot."""
    import pypdfium2 as pdfium
    from PIL import ImageOps

    page = png.with_suffix(".html")
    page.write_text(f'<html><head><meta charset="utf-8"><style>{style}</style></head><body>{fragment}</body></html>',
                    encoding="utf-8")
    pdf = pdfium.PdfDocument(chrome_pdf(page, png.with_suffix(".pdf")))
    image = pdf[0].render(scale=2).to_pil().convert("RGB")
    image = image.crop(ImageOps.invert(image).getbbox())
    image.save(png)
    return f'<p><img src="{png.as_uri()}" style="width:{image.width // 2}px"></p>'


def tables_as_pictures(body: str, work: Path) -> str:
    """The body with each table replaced by a picture of it: an editor that pasted its tables as
    screenshots."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for k, table in enumerate(root.findall(".//table")):
        img = picture_of(lxml.html.tostring(table, encoding="unicode"), work / f"table{k}.png",
                         "td,th{border:1px solid #000;padding:2px 4px;font-size:14px}table{border-collapse:collapse}")
        table.getparent().replace(table, lxml.html.fragment_fromstring(img))
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def letterhead(text: str, agency: str, year: int) -> str:
    """The report as an official document (红头文件): the agency only in the letterhead 「…文件」 above the
    document number, the title without it."""
    lines = text.split("\n")
    start, end = _title_span(lines)
    lines[start:end] = [f"{agency}文件", f"{agency[:2]}政〔{year + 1}〕3号", f"{year}年政府信息公开工作年度报告"]
    return "\n".join(lines)


_TEXT_BOX = ('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
             'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
             'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
             'xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
             '<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>'
             '</wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
             '<w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
             '</mc:AlternateContent></w:r>')


def textbox_docx(report: Report, agency: str, out: Path) -> Path:
    """The rebuilt report as a Word official document: the letterhead 「…文件」 in a text box anchored in the
    title's paragraph (as Word writes it: a DrawingML copy and a VML fallback copy), the title without the
    agency, no 来源 line and no signature."""
    import docx
    from lxml import etree

    from bench.binary_copies import html_to_docx

    report.style.signature = False
    page = str(render(report, "html")[0])
    page = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>{report.year}年政府信息公开工作年度报告</h1>", page, flags=re.S)
    page = re.sub(r'<div class="info">.*?</div>', "", page, flags=re.S)
    document = docx.Document(html_to_docx(page, out))
    document.paragraphs[0]._p.insert(0, etree.fromstring(_TEXT_BOX.format(text=f"{agency}文件")))
    document.save(out)
    report.style.signature = True
    return out


def more_variants(out: Path, put, *, office: bool) -> list[Variant]:
    """The kinds above, made with `put` (text) or returned (binary copies)."""
    import subprocess

    from bench.binary_copies import soffice

    made: list[Variant] = []
    for k, stem in enumerate(SEED_STEMS):
        place, short, icp = _SEED_SITES[stem]
        site, tag, gold, truth = site_for(place, icp), stem[:3], seed_gold(stem), seed_truth(stem)
        seed_text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        published = f"{gold['date'] or '2021-01-20'} 09:3{k}"
        put(f"{tag}-dump-chrome.txt", chrome_dump(site, seed_text, published, gold["year"]), truth, stem)
        if k % 2 == 0:  # the same with its line breaks lost: the page's lists and the title on one line
            put(f"{tag}-dump-chrome-onelines.txt", lost_breaks(chrome_dump(site, seed_text, published, gold["year"])),
                _blank_rows_undecidable(truth, gold), stem)
        else:  # titled without its agency, signed; the side list undated: other offices' titles line after line
            put(f"{tag}-dump-chrome-unnamed.txt", undated(chrome_dump(
                site, unnamed_title(seed_text, gold["agency"], gold["year"]), published, gold["year"])), truth, stem)
        put(f"{tag}-saved.md", markdown_dump(site, seed_text, published, gold["year"]), truth, stem)
        put(f"{tag}-signedonly.txt", unnamed_title(seed_text, gold["agency"], gold["year"], numeric=k % 2 == 1),
            truth, stem)
        put(f"{tag}-titlewrap.txt", wrapped_title(seed_text, 10 + k % 3), truth, stem)
        if k % 2 == 0:
            put(f"{tag}-widedigits.txt", wide_digits(seed_text), truth, stem)
        if k in (0, 2):  # seeds signed with the date alone: the letterhead is all that names the agency
            put(f"{tag}-letterhead.txt", letterhead(seed_text, gold["agency"], gold["year"]), truth, stem)
            report, rebuilt = seed_report(stem)
            path = textbox_docx(report, gold["agency"], out / f"{tag}-word-textbox.docx")
            made.append(Variant(path.name, path, rebuilt, stem))
    for r in renamed_reals():
        page = page_trs(r.site, r.title, r.source, r.published, r.body, r.gold["year"])
        put(f"{r.tag}-dump-cellsdropped.txt", cells_copied(page), _rows_with_blanks(r.truth, r.gold), r.name)
        put(f"{r.tag}-page-thousands.html",
            page_modern(r.site, r.title, r.source, r.published, thousands(r.body), r.gold["year"]), r.truth, r.name)
        put(f"{r.tag}-page-brtitle.html", broken_heading(page, r.title, r.full, r.gold["year"]), r.truth, r.name)
        if office and chromium():
            html = out / f"{r.tag}-printable.html"
            html.write_text(page, encoding="utf-8")
            pdf = chrome_pdf(html, out / f"{r.tag}-chrome-page.pdf")
            made.append(Variant(pdf.name, pdf, r.truth, r.name))
        if office and soffice() and r.k == 1:
            html = out / f"{r.tag}-forword.html"
            html.write_text(page, encoding="utf-8")
            subprocess.run([soffice(), f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore",
                            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out / "lodocx"), str(html)],
                           capture_output=True, timeout=240, check=True)
            docx = out / f"{r.tag}-saved-page.docx"
            (out / "lodocx" / f"{html.stem}.docx").replace(docx)
            made.append(Variant(docx.name, docx, r.truth, r.name))
    if office and chromium():
        stem = SEED_STEMS[2]
        place, _, icp = _SEED_SITES[stem]
        site, gold = site_for(place, icp), seed_gold(stem)
        report, rebuilt = seed_report(stem)
        title, body = report_body(report)
        work = out / "pictures"
        work.mkdir(exist_ok=True)
        html = work / "page.html"
        html.write_text(page_trs(site, title, gold["agency"], "2021-01-20 09:30", tables_as_pictures(body, work),
                                 2020), encoding="utf-8")
        pdf = chrome_pdf(html, out / f"{stem[:3]}-print-tablepictures.pdf")
        made.append(Variant(pdf.name, pdf, rebuilt, stem))
        # An official document printed: its letterhead a picture (red, large), the title without the
        # agency, no signature: the agency is only in the picture.
        stem = SEED_STEMS[0]
        report, rebuilt = seed_report(stem)
        report.style.signature = False
        _, body = report_body(report)
        agency = seed_gold(stem)["agency"]
        head = picture_of(f"<div>{agency}文件</div>", work / "letterhead.png",
                          "div{color:#d00;font-size:44px;font-weight:bold;white-space:nowrap}")
        html = work / "official.html"
        html.write_text(f'<html><head><meta charset="utf-8"></head><body>{head}<p style="text-align:center">'
                        f'{agency[:2]}政〔{report.year + 1}〕3号</p><h2 style="text-align:center">{report.year}年政府'
                        f"信息公开工作年度报告</h2>{body}</body></html>", encoding="utf-8")
        pdf = chrome_pdf(html, out / f"{stem[:3]}-print-letterhead.pdf")
        made.append(Variant(pdf.name, pdf, rebuilt, stem))
    return made


# --- batch 5: Word documents with nested or split tables, PDFs with running headers and footers, text
# copied out of a PDF viewer, other CMSs' and WeChat's pages, wrong charsets, the agency named only in
# the report's first sentence, agencies whose short names collide ---------------------------------------

# Agencies drawn for the collisions: (full name, place, short name, template year). Two 朝阳区 and two
# 鼓楼区 of different cities: the short name alone does not tell them apart.
_TWINS = (("北京市朝阳区人民政府", "北京市朝阳区", "朝阳区", 2020), ("长春市朝阳区人民政府", "长春市朝阳区", "朝阳区", 2022),
          ("南京市鼓楼区人民政府", "南京市鼓楼区", "鼓楼区", 2022), ("福州市鼓楼区人民政府", "福州市鼓楼区", "鼓楼区", 2019))


def compiled_by(agency: str, year: int, k: int) -> str:
    """The report's first sentence naming who compiled it (the only place some reports name the agency)."""
    law = "《中华人民共和国政府信息公开条例》（以下简称《条例》）"
    period = f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
    if k % 2:
        return f"本年度报告根据{law}要求，由{agency}编制。{period}"
    return f"本报告由{agency}根据{law}和上级有关要求编制，全文包括总体情况、主动公开政府信息情况等部分。{period}"


def body_named(report: Report, agency: str, k: int) -> tuple[str, str]:
    """The rebuilt report titled without its agency, unsigned, its first paragraph naming who compiled it:
    (bare title, article body)."""
    report.style.signature = False
    report.prose["intro"] = [compiled_by(agency, report.year, k)] + list(report.prose.get("intro", []))
    _, body = report_body(report)
    return f"{report.year}年政府信息公开工作年度报告", body


def twin_report(k: int) -> tuple[Report, Truth, str]:
    """A drawn report of one of _TWINS, titled with the short form of its name (区人民政府 without the city),
    the city only in its first sentence: (report, truth, title)."""
    full, place, short, year = _TWINS[k]
    agency = Agency(full[len(place) - len(short):], place, "", "我区", 2.0)
    report = make_report(random.Random(500 + k), agency=agency, year=year)
    report.style.amount_unit = "header"
    report.style.signature = False
    report.prose["intro"] = [compiled_by(full + "办公室", year, k)] + list(report.prose.get("intro", []))
    title = f"{agency.name}{year}年政府信息公开工作年度报告"
    return report, Truth(full, short, year, report.fmt, dict(report.values)), title


def twin_site(k: int) -> Site:
    return site_for(_TWINS[k][1], "京苏闽吉"[[0, 3, 1, 2][k]])


def twin_page(k: int) -> tuple[str, Truth]:
    """The drawn report of _TWINS[k] on its city's TRS page, published by 区政府办公室, and its truth."""
    report, truth, title = twin_report(k)
    page = page_trs(twin_site(k), title, "区政府办公室", f"{report.date.isoformat()} 10:00", report_body(report)[1],
                    report.year)
    return page, truth


def page_wechat(title: str, account: str, published: str, body: str) -> str:
    """A WeChat 公众号 article as saved from the browser: <title> empty (script fills it), the title in
    og:title and the rich_media_title heading, the account's name (not the agency's), every paragraph a
    <section> with inline styles, tables inside scrolling sections, numbers typed digit by digit in spans."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for p in list(root.iter("p")):
        p.tag = "section"
        p.set("style", "margin:0 8px 24px;line-height:1.75em;letter-spacing:0.5px")
        inner = lxml.html.fragment_fromstring(f'<span style="font-size:15px;color:rgb(62,62,62)"></span>')
        inner.text, p.text = p.text, None
        for child in list(p):
            inner.append(child)
        p.append(inner)
    for td in root.iter("td", "th"):
        td.set("style", "word-break:break-all;border:1px solid #dfdfdf;padding:5px 10px")
        text = td.text_content().strip()
        if re.fullmatch(r"\d{2,}", text):  # typed digit by digit: one span each
            for child in list(td):
                td.remove(child)
            td.text = None
            for d in text:
                span = lxml.html.fragment_fromstring(f'<span style="font-size:14px">{d}</span>')
                td.append(span)
    for table in list(root.iter("table")):
        wrap = lxml.html.fragment_fromstring('<section style="overflow-x:auto;max-width:100%"></section>')
        table.addprevious(wrap)
        wrap.append(table)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<meta property="og:title" content="{title}"><meta property="og:site_name" content="微信公众平台">
<meta property="og:description" content="{title}"><title></title></head>
<body id="activity-detail" class="zh_CN"><div id="js_article" class="rich_media"><div class="rich_media_inner">
<h1 class="rich_media_title" id="activity-name">{title}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_text">原创</span>
<span class="rich_media_meta rich_media_meta_nickname" id="profileBt"><a id="js_name">{account}</a></span>
<em id="publish_time" class="rich_media_meta rich_media_meta_text">{published}</em></div>
<div class="rich_media_content js_underline_content" id="js_content" style="visibility:visible">{inner}</div>
<div class="rich_media_tool"><span>阅读 2,317</span><span>在看 12</span></div>
<div id="js_pc_qr_code"><p>微信扫一扫<br>关注该公众号</p></div></div></div>
<script>var msg_title = "{title}";</script></body></html>"""


def page_mobile(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A mobile site's page: the title only in og:title (the heading is a picture), tables in scrolling
    wrappers, a tab bar at the bottom."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for table in list(root.iter("table")):
        wrap = lxml.html.fragment_fromstring('<div class="table-wrap" style="overflow-x:scroll"></div>')
        table.addprevious(wrap)
        wrap.append(table)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1,user-scalable=no">
<meta property="og:title" content="{title}"><meta property="og:type" content="article">
<title>{site.name}手机版</title></head><body class="m">
<div class="m-header"><a class="back" href="javascript:history.back()">返回</a><span>{site.name}</span><a class="search">搜索</a></div>
<div class="m-article"><div class="m-title"><img src="/m/title/{year}.png" alt=""></div>
<p class="m-info"><span>{published[:10]}</span> <span>{source}</span></p>
<div class="m-content">{inner}</div></div>
<div class="m-tabbar"><a>首页</a><a>政务</a><a>服务</a><a>互动</a><a>我的</a></div></body></html>"""


def page_iframe(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A page whose article is an <iframe> with the report in its srcdoc (the CMS's content viewer)."""
    inner = f'<html><head><meta charset="utf-8"></head><body>{body}</body></html>'
    page = page_modern(site, title, source, published, "", year)
    frame = f'<iframe class="content-frame" width="100%" height="3000" frameborder="0" srcdoc="{html_lib.escape(inner)}"></iframe>'
    return page.replace('<div class="content"></div>', f'<div class="content">{frame}</div>')


_APPLY_KEYS = frozenset({"apply", "review", "suit"})  # the keys of parts 三 and 四


def split_html_table(body: str, *, repeat_head: bool) -> str:
    """The body with its biggest table (三) cut in two in the middle of its rows (a CMS editor's two tables);
    `repeat_head`: the second starts with the first's three header rows again."""
    import copy

    root = lxml.html.fragment_fromstring(body, create_parent="div")
    table = max(root.iter("table"), key=lambda t: len(t.findall(".//tr")))
    rows = table.findall(".//tr")
    second = lxml.html.fragment_fromstring('<table border="1" cellspacing="0" cellpadding="0"><tbody></tbody></table>')
    for tr in (copy.deepcopy(tr) for tr in rows[:3]) if repeat_head else ():
        second[0].append(tr)
    for tr in rows[len(rows) // 2:]:
        second[0].append(tr)
    table.addnext(second)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def paged(body: str) -> list[tuple[str, frozenset[str]]]:
    """The body cut before part 三 into two pages, each with the pager a CMS prints under it, and the key
    families each page holds."""
    cut = body.index("<p><strong>三、")
    pager = ('<div class="pager"><a href="index.html">上一页</a> {0} <a href="index_1.html">下一页</a>'
             '<span>共2页</span></div>')
    return [(body[:cut] + pager.format("<b>1</b> <a>2</a>"), frozenset({"regulation", "normative", "license",
                                                                          "other_service", "penalty", "coercion",
                                                                          "fee", "procurement"})),
            (body[cut:] + pager.format("<a>1</a> <b>2</b>"), _APPLY_KEYS)]


def pdf_viewer_copy(page: str, blank: str, page_lines: int, site: Site) -> str:
    """The report copied out of a PDF viewer: every cell on its own line, an empty cell written as `blank`
    (— / 无), four-digit numbers with thousands separators, and the printed page's running header (the
    site's name) and footer (第X页 共Y页) between lines every `page_lines` lines, inside tables too."""
    root = lxml.html.document_fromstring(page)
    lines: list[str] = []
    for el in root.iter("p", "div", "td", "th", "h1", "h2", "h3", "li"):
        if el.tag not in ("td", "th") and (any(a.tag in ("td", "th") for a in el.iterancestors())
                                           or any(isinstance(c.tag, str) and c.tag in ("p", "div", "table", "li")
                                                  for c in el.iter() if c is not el)):
            continue
        if el.tag not in ("td", "th") and any(a.get("class") in ("top", "nav", "position", "footer", "prev-next",
                                                                  "art-info") for a in [el, *el.iterancestors()]):
            continue
        text = re.sub(r"\s+", "", el.text_content())
        if el.tag in ("td", "th"):
            text = re.sub(r"(?<![\d.])\d{4,}", lambda m: f"{int(m.group()):,}", text) or blank
        if text:
            lines.append(text)
    pages = [lines[k:k + page_lines] for k in range(0, len(lines), page_lines)]
    out = []
    for n, chunk in enumerate(pages, 1):
        out += [f"{site.name}门户网站"] if n > 1 else []
        out += chunk + [f"第{n}页 共{len(pages)}页"]
    return "\n".join(out) + "\n"


def _docx_tables(document) -> list:
    return [t for t in document.element.body.iter(f"{_WNS}tbl")]


_WNS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _head_rows(tbl) -> int:
    """The rows above a table's first data row (the 三 table's three header rows)."""
    rows = tbl.findall(f"{_WNS}tr")
    for k, tr in enumerate(rows):
        text = "".join(t.text or "" for t in tr.iter(f"{_WNS}t"))
        if re.search(r"本年新收|规章|行政复议|^\s*一、", text):
            return k
    return 0


def split_table_docx(src: Path, out: Path, *, repeat_head: bool) -> Path:
    """The DOCX with its biggest table (三) cut in two in the middle of its rows, a paragraph between the two
    halves (what Word's 拆分表格 does): a cell merged down across the cut starts again, empty, in the
    second half; `repeat_head`: the second half repeats the header rows (as a user copies them)."""
    import copy

    import docx

    document = docx.Document(src)
    tbl = max(_docx_tables(document), key=lambda t: len(t.findall(f"{_WNS}tr")))
    rows = tbl.findall(f"{_WNS}tr")
    cut = len(rows) // 2
    second = copy.deepcopy(tbl)
    for tr in second.findall(f"{_WNS}tr"):
        second.remove(tr)
    if repeat_head:
        for tr in rows[:_head_rows(tbl)]:
            second.append(copy.deepcopy(tr))
    for tr in rows[cut:]:
        tbl.remove(tr)
        second.append(tr)
    first_moved = rows[cut]
    for vmerge in first_moved.iter(f"{_WNS}vMerge"):
        if vmerge.get(f"{_WNS}val") in (None, "continue"):
            vmerge.set(f"{_WNS}val", "restart")
    gap = copy.deepcopy(document.paragraphs[-1]._p)
    for child in list(gap):
        if child.tag == f"{_WNS}r":
            gap.remove(child)
    tbl.addnext(gap)
    gap.addnext(second)
    document.save(out)
    return out


def nested_docx(src: Path, out: Path) -> Path:
    """The DOCX with its whole body inside a one-cell layout table (a page's layout table pasted into Word):
    the report's tables are tables in a table."""
    import docx

    document = docx.Document(src)
    body = document.element.body
    blocks = [el for el in body if el.tag in (f"{_WNS}p", f"{_WNS}tbl")]
    outer = document.add_table(rows=1, cols=1)
    cell = outer.cell(0, 0)._tc
    for p in cell.findall(f"{_WNS}p"):
        cell.remove(p)
    for el in blocks:
        cell.append(el)
    cell.append(lxml.etree.fromstring(f'<w:p xmlns:w="{_WNS[1:-1]}"/>'))
    document.save(out)
    return out


def headed_docx(html: str, out: Path, site: Site) -> Path:
    """The report as Word prints it to PDF: 三 pushed to break over a page, its header rows marked to repeat
    on every page, the site's name in the page header and 第X页 共Y页 in the footer."""
    import docx
    from lxml import etree

    from bench.binary_copies import html_to_docx

    html_to_docx(html, out, push_table="三、", filler_lines=14, running_header=f"{site.name}门户网站")
    document = docx.Document(out)
    _repeat_head_rows(document)
    footer = document.sections[0].footer.paragraphs[0]._p
    w = _WNS[1:-1]
    for piece in ("第", ("PAGE", "1"), "页 共", ("NUMPAGES", "9"), "页"):
        if isinstance(piece, str):
            footer.append(etree.fromstring(f'<w:r xmlns:w="{w}"><w:t xml:space="preserve">{piece}</w:t></w:r>'))
        else:
            footer.append(etree.fromstring(f'<w:fldSimple xmlns:w="{w}" w:instr="{piece[0]}"><w:r><w:t>{piece[1]}'
                                           f'</w:t></w:r></w:fldSimple>'))
    document.save(out)
    return out


def _repeat_head_rows(document) -> None:
    """The longest table's header rows marked to repeat on every page it runs onto (Word's 标题行重复)."""
    from lxml import etree

    tbl = max(_docx_tables(document), key=lambda t: len(t.findall(f"{_WNS}tr")))
    for tr in tbl.findall(f"{_WNS}tr")[:_head_rows(tbl)]:
        trpr = tr.find(f"{_WNS}trPr")
        if trpr is None:
            trpr = etree.SubElement(tr, f"{_WNS}trPr")
            tr.remove(trpr)
            tr.insert(0 if tr.find(f"{_WNS}tblPrEx") is None else 1, trpr)
        etree.SubElement(trpr, f"{_WNS}tblHeader")


def chrome_pdf_headed(html_path: Path, pdf_path: Path) -> Path:
    """The page printed with the browser's own header and footer on (date, page title, address, 1/3)."""
    import subprocess

    subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                    f"--user-data-dir={html_path.parent / 'chrome-profile'}", f"--print-to-pdf={pdf_path}",
                    html_path.as_uri()], capture_output=True, timeout=120, check=True)
    return pdf_path


def batch5(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-5 kinds, text made with `put`, binary copies returned."""
    import subprocess

    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    conversions: list[tuple[Path, str, str, Truth, str]] = []  # (input, target suffix, name, truth, source)
    blanks = ("—", "/", "无")
    for r in renamed_reals():
        page = page_trs(r.site, r.title, r.source, r.published, r.body, r.gold["year"])
        put(f"{r.tag}-dump-pdfviewer.txt", pdf_viewer_copy(page, blanks[r.k], 45 + 10 * r.k, r.site), r.truth, r.name)
        if r.k == 2:  # a GBK page whose <meta> says UTF-8
            put(f"{r.tag}-page-gbkmeta.html",
                page_modern(r.site, r.title, r.source, r.published, r.body, r.gold["year"]), r.truth, r.name, "gbk")
        if r.k == 0:  # a text dump saved in GB18030
            put(f"{r.tag}-dump-gb18030.txt", cells_copied(page), _rows_with_blanks(r.truth, r.gold), r.name,
                "gb18030")
            if office and chromium():
                html = out / f"{r.tag}-headed.html"
                html.write_text(page, encoding="utf-8")
                pdf = chrome_pdf_headed(html, out / f"{r.tag}-chrome-headed.pdf")
                made.append(Variant(pdf.name, pdf, r.truth, r.name))
        if r.k == 1:  # the Word-exported page (a span per value) pasted into a WeChat article
            put(f"{r.tag}-wechat.html", page_wechat(r.title, f"{r.short}发布", r.published, r.body), r.truth, r.name)
        if r.k == 1 and office and soffice() and (out / f"{r.tag}-saved-page.docx").exists():
            conversions.append((out / f"{r.tag}-saved-page.docx", ".doc", f"{r.tag}-saved-page.doc",
                                r.truth, r.name))
            conversions.append((out / f"{r.tag}-saved-page.docx", ".pdf", f"{r.tag}-print-savedpage.pdf",
                                r.truth, r.name))
    for k, stem in enumerate(SEED_STEMS):
        place, short, icp = _SEED_SITES[stem]
        site, tag, gold, truth = site_for(place, icp), stem[:3], seed_gold(stem), seed_truth(stem)
        seed_text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        published = f"{gold['date'] or '2021-01-20'} 09:3{k}"
        if k in (1, 3):  # cells one a line out of a PDF, full-width digits
            put(f"{tag}-dump-widecells.txt", wide_digits(cell_per_line(seed_text, keep_empty=False)), truth, stem)
        # The agency only in the first sentence: bare title, 来源 本网, the site's name everywhere around.
        report, rebuilt = seed_report(stem)
        bare, body = body_named(report, gold["agency"], k)
        style = ("trs", "xxgk", "plain", "modern", "trs")[k]
        page = PAGES[style](site, bare, "本网", published, body, gold["year"])
        put(f"{tag}-page-bodyagency.html", page, rebuilt, stem, "gbk" if style == "plain" else "utf-8")
        text = str(render(report, "tab_rows")[0])
        text = re.sub(r"^.*年度报告.*$", bare, text, count=1, flags=re.M)
        if k in (0, 2):  # the same in a page's text dump with its line breaks lost
            put(f"{tag}-dump-onelines-bodyagency.txt", lost_breaks(chrome_dump(site, text, published, gold["year"])),
                rebuilt, stem)
        if k in (1, 3):
            dump = "\n".join([site.name, "当前位置：首页 > 政务公开 > 政府信息公开年报 > 正文", bare,
                              f"发布时间：{published}　来源：本站　浏览次数：316　【字号：大 中 小】【打印】【关闭】",
                              text.split(bare, 1)[1].strip("\n"), f"上一篇：{_other_reports(site, gold['year'])[0]}",
                              f"主办单位：{site.name}办公室　{site.icp}ICP备05001123号-1"]) + "\n"
            put(f"{tag}-dump-bodyagency.txt", dump, rebuilt, stem)
        report, rebuilt = seed_report(stem)
        title, body = report_body(report)
        if k in (0, 4):
            put(f"{tag}-wechat.html", page_wechat(title, f"{place[:2]}城管发布", published, body), rebuilt, stem)
        if k == 2:
            put(f"{tag}-page-iframe.html", page_iframe(site, title, gold["agency"], published, body, 2020), rebuilt,
                stem)
            put(f"{tag}-page-gbkmeta.html", page_trs(site, title, gold["agency"], published, body, 2020), rebuilt,
                stem, "gbk")
        if k == 3:
            put(f"{tag}-page-mobile.html", page_mobile(site, title, gold["agency"], published, body, 2020), rebuilt,
                stem)
        if k in (0, 1):  # 三 cut into two tables by the CMS's editor, its header rows repeated or not
            put(f"{tag}-page-split{'-repeated' if k else ''}.html",
                page_trs(site, title, gold["agency"], published, split_html_table(body, repeat_head=k == 1), 2020),
                rebuilt, stem)
        if k == 4:  # the report paged by the CMS (上一页 1 2 下一页), each page saved as a file of its own
            for n, (half, keys) in enumerate(paged(body), 1):
                facts = {key: (v if key.split(".")[0] in keys else None) for key, v in rebuilt.facts.items()}
                put(f"{tag}-page-paged{n}.html", page_trs(site, title, gold["agency"], published, half, 2020),
                    Truth(rebuilt.agency, rebuilt.short, rebuilt.year, rebuilt.fmt, facts), stem)
        if k == 1:
            put(f"{tag}-dump-gb18030.txt", chrome_dump(site, seed_text, published, gold["year"]), truth, stem,
                "gb18030")
        if office and soffice():
            html = str(render(report, "html")[0])
            if k == 3:
                docx = html_to_docx(html, out / f"{tag}-b5.docx")
                made.append(Variant(f"{tag}-nested.docx", nested_docx(docx, out / f"{tag}-nested.docx"), rebuilt, stem))
                headed = headed_docx(html, out / f"{tag}-headed.docx", site)
                conversions.append((headed, ".pdf", f"{tag}-print-headed.pdf", rebuilt, stem))
            if k in (1, 4):
                docx = html_to_docx(html, out / f"{tag}-b5.docx")
                split = split_table_docx(docx, out / f"{tag}-splittable{'-repeated' if k == 4 else ''}.docx",
                                         repeat_head=k == 4)
                made.append(Variant(split.name, split, rebuilt, stem))
                if k == 4:  # and printed: the second table's repeated header rows on the page after
                    conversions.append((split, ".pdf", f"{tag}-print-splitrepeated.pdf", rebuilt, stem))
    # Agencies whose short names collide, each titled with the short form, the city in the first sentence.
    for k in range(len(_TWINS)):
        report, truth, title = twin_report(k)
        site, published, body = twin_site(k), f"{report.date.isoformat()} 10:00", report_body(report)[1]
        tag = f"twin{k}"
        if k == 0:
            put(f"{tag}-page-mobile.html", page_mobile(site, title, "区政府办公室", published, body, report.year),
                truth, tag)
        put(f"{tag}-page-trs.html", twin_page(k)[0], truth, tag)
        if office and soffice():
            html = str(render(report, "html")[0])
            html = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>{title}</h1>", html, flags=re.S)
            if k == 1:
                docx = html_to_docx(html, out / f"{tag}-b5.docx")
                made.append(Variant(f"{tag}-nested.docx", nested_docx(docx, out / f"{tag}-nested.docx"), truth, tag))
            if k == 2:
                headed = headed_docx(html, out / f"{tag}-headed.docx", site)
                conversions.append((headed, ".pdf", f"{tag}-print-headed.pdf", truth, tag))
            if k == 3:
                conversions.append((html_to_docx(html, out / f"{tag}-b5.docx"), ".doc", f"{tag}-saved.doc", truth, tag))
    made += _converted(out, conversions)
    return made


_LO_FILTERS = {".docx": "docx:MS Word 2007 XML"}  # a web page opens in Writer/Web: name Word's filter


def _converted(out: Path, jobs: list[tuple[Path, str, str, Truth, str]]) -> list[Variant]:
    """LibreOffice's copies of the jobs' files, one LibreOffice run per target format."""
    import shutil
    import subprocess

    from bench.binary_copies import soffice

    made = []
    for suffix in sorted({j[1] for j in jobs}):
        batch = [j for j in jobs if j[1] == suffix]
        work = out / f"b5{suffix[1:]}"
        work.mkdir(exist_ok=True)
        inputs = []
        for k, (path, *_rest) in enumerate(batch):
            copy = work / f"in{k}{path.suffix}"
            shutil.copyfile(path, copy)
            inputs.append(copy)
        subprocess.run([soffice(), f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore",
                        "--convert-to", _LO_FILTERS.get(suffix, suffix[1:]), "--outdir", str(work), *map(str, inputs)],
                       capture_output=True, timeout=180 + 30 * len(inputs), check=True)
        for (path, _, name, truth, source), copy in zip(batch, inputs):
            target = out / name
            (work / f"{copy.stem}{suffix}").replace(target)
            made.append(Variant(name, target, truth, source))
    return made


# --- batch 6: the real pages as they are, printed and saved by browsers (frames, 'complete' folders, no
# charset), Word 97, DOCX whose tables sit in text boxes or are pictures, WeChat copies (emoji, zero-width
# characters, full-width digits and commas), tables written as sentences or as box drawings, merged cells
# filled or left blank, two years on one page, templates out of their years, the agency only in <title> or
# the breadcrumb, a county that never names its city ---------------------------------------------------

_PINGTAN = ("平潭综合实验区", "平潭")


def real_truth(name: str, agency: tuple[str, str] = _PINGTAN) -> tuple[Truth, dict]:
    gold = json.loads((SHARED / "real" / "gold.json").read_text(encoding="utf-8"))[name]
    return _renamed_truth(gold, *agency), gold


def offline(page: str) -> str:
    """A saved page without its scripts and outside style sheets (what a printed copy needs, no network)."""
    page = re.sub(r"<script\b.*?</script>", "", page, flags=re.S | re.I)
    return re.sub(r"<link\b[^>]*>", "", page, flags=re.I)


def no_charset(page: str) -> str:
    """The page with every charset declaration gone (a server that sent it in the HTTP header only)."""
    page = re.sub(r"<meta[^>]*http-equiv=[\"']?content-type[^>]*>", "", page, flags=re.I)
    return re.sub(r"(<meta[^>]*?)\s*charset=[\"']?[\w-]+[\"']?", r"\1", page, flags=re.I)


def framed(title: str, content_file: str, nav_file: str) -> str:
    """A page saved 'complete' whose article is a frame: the frameset names the files in its _files folder."""
    return (f'<html><head><meta charset="utf-8"><title>{title}</title></head>'
            f'<frameset rows="120,*" border="0"><frame name="top" src="{nav_file}" scrolling="no">'
            f'<frame name="main" src="{content_file}"></frameset></html>')


def with_iframe(page_html: str, src: str) -> str:
    """A page saved 'complete' whose article is an <iframe src> into its _files folder."""
    return re.sub(r'<div class="content">.*?</div></article>',
                  f'<div class="content"><iframe src="{src}" width="100%" height="3000" frameborder="0"></iframe>'
                  f'</div></article>', page_html, flags=re.S)


def _grid_cells(table) -> list[list[tuple[object, bool]]]:
    """The table's grid: per row, (cell element, is the cell's own first slot) for every slot."""
    grid: dict[tuple[int, int], tuple[object, bool]] = {}
    rows = [tr for tr in table.iter("tr")]
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rs, cs = int(td.get("rowspan", 1) or 1), int(td.get("colspan", 1) or 1)
            for dr in range(rs):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = (td, dr == 0 and dc == 0)
            c += cs
    width = max((c for _, c in grid), default=-1) + 1
    return [[grid.get((r, c), (None, False)) for c in range(width)] for r in range(len(rows))]


def unmerged(body: str, *, fill: bool) -> str:
    """Every merged cell cut back to single cells (a table pasted out of a spreadsheet): `fill` repeats the
    merged cell's text in each slot (Excel's unmerge-and-fill), else the other slots are empty cells."""
    import copy

    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for table in list(root.iter("table")):
        grid = _grid_cells(table)
        tbody = lxml.html.fragment_fromstring("<tbody></tbody>")
        for row in grid:
            tr = lxml.etree.SubElement(tbody, "tr")
            for td, first in row:
                cell = copy.deepcopy(td) if td is not None and (first or fill) else lxml.etree.Element("td")
                cell.attrib.pop("rowspan", None)
                cell.attrib.pop("colspan", None)
                cell.tail = None
                tr.append(cell)
        for child in list(table):
            table.remove(child)
        table.append(tbody)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def _block_lines(body: str, cell_sep: str, row_fmt=None) -> list[str]:
    """The body's paragraphs one a line and its tables a row a line (cells joined by `cell_sep`, merged
    cells only in their first slot), as a copy out of a browser gives them."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    lines: list[str] = []
    for el in root.iter("p", "div", "table", "h1", "h2", "h3", "section"):
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        if el.tag == "table":
            for row in _grid_cells(el):
                cells = [normal_cell(td) if td is not None and first else "" for td, first in row]
                lines.append(row_fmt(cells) if row_fmt else cell_sep.join(cells))
        elif not any(isinstance(c.tag, str) and c.tag in ("p", "div", "table", "section") for c in el.iter()
                     if c is not el):
            text = re.sub(r"\s+", "", el.text_content())
            if text:
                lines.append(text)
    return lines


def normal_cell(td) -> str:
    return re.sub(r"\s+", "", td.text_content())


_ZW = ("\u200b", "\ufeff", "\u200d")
_EMOJI = ("📢", "👉", "✅", "📊", "🔹")


def wechat_copy(title: str, body: str) -> str:
    """The text a user copies out of a WeChat article: emoji before headings, zero-width characters at the
    starts of paragraphs and inside labels, digits full-width, numbers of four digits with thousands
    separators (1,234 and the full-width 1，234), a table row a line with tabs between cells."""
    out = [f"{_EMOJI[0]}{title}", "原创 政务公开 2024-02-01 10:00 发表于福建", ""]
    for k, line in enumerate(_block_lines(body, "\t")):
        if "\t" in line:
            cells = line.split("\t")
            for j, cell in enumerate(cells):
                if re.fullmatch(r"\d{4,}", cell):
                    cell = f"{int(cell):,}".replace(",", ",，"[(k + j) % 2])
                if re.search(r"[\u4e00-\u9fff]{4}", cell) and j == 0:
                    cell = cell[:2] + _ZW[k % 3] + cell[2:]
                cells[j] = cell
            out.append("\t".join(cells).translate(_WIDE))
        else:
            lead = _EMOJI[k % len(_EMOJI)] if re.match(r"[一二三四五六]、", line) else _ZW[k % 3]
            out.append(lead + line.translate(_WIDE) if k % 3 else lead + line)
    return "\n".join(out) + "\n"


def box_dump(title: str, body: str) -> str:
    """A text browser's dump (w3m -dump): tables drawn with box characters, a cell between │ bars."""
    def row(cells: list[str]) -> str:
        return "│" + "│".join(f" {c} " for c in cells) + "│"

    lines = _block_lines(body, "", row_fmt=row)
    out = [title, ""]
    for k, line in enumerate(lines):
        if line.startswith("│") and (k == 0 or not lines[k - 1].startswith("│")):
            out.append("┌" + "─" * 40 + "┐")
        out.append(line)
        if line.startswith("│"):
            out.append(("├" if k + 1 < len(lines) and lines[k + 1].startswith("│") else "└") + "─" * 40
                       + ("┤" if k + 1 < len(lines) and lines[k + 1].startswith("│") else "┘"))
    return "\n".join(out) + "\n"


def pipe_tables(title: str, body: str) -> str:
    """The body as markdown: paragraphs, tables as pipe tables (merged cells in their first slot)."""
    out = [f"# {title}", ""]
    first = True
    for line in _block_lines(body, "\x00"):
        if "\x00" in line:
            cells = line.split("\x00")
            out.append("| " + " | ".join(cells) + " |")
            if first:
                out.append("|" + "---|" * len(cells))
            first = False
        else:
            first = True
            out += ["", line, ""]
    return "\n".join(out) + "\n"


_SENTENCE_ROWS_2021 = (("regulation", "规章"), ("normative", "行政规范性文件"))


def table_sentences(report: Report) -> str:
    """The rebuilt report's tables written as sentences, a row a sentence with its columns named (a report
    typed without tables, 「自然人3件，商业企业0件……总计3件」)."""
    from index.template import tables

    active, apply, review = tables(report.fmt)
    v = report.values
    text = str(render(report, "tab_rows")[0])
    out: list[str] = []
    table = None
    for line in text.split("\n") + ["六、"]:
        if re.match(r"[一二三四五六]、", line) and "\t" not in line:  # a part's heading: the last table written
            group, n = None, 0
            for row in table.rows if table else ():
                said = [f"{col.label}{v[key]}{col.unit}" for col in row.columns
                        if (key := row.fact_key(col, table.key)) in v and v[key] is not None]
                if row.group not in (None, "本年度办理结果") and row.group != group:
                    group, n = row.group, 0
                    out.append(f"{row.group}的申请：")  # 不予公开的申请：, then its rows numbered
                n += 1
                label = row.label if row.group in (None, "本年度办理结果") else f"{n}.{row.label}"
                label = label.replace(" · ", "（") + "）" if " · " in label else label  # 行政诉讼（复议后起诉）
                if said:
                    out.append(f"{label}：{'，'.join(said)}。")
            table = {"二": active, "三": apply, "四": review}.get(line[0])
            out.append(line)
        elif table is None or ("\t" not in line and len(_HAN.findall(line)) >= 20):
            out.append(line)  # prose; the table's rows and headers are written out as sentences
    return "\n".join(out[:-1]) + "\n"


def tables_in_boxes(src: Path, out: Path) -> Path:
    """The DOCX with each table moved into a text box anchored in a paragraph of its own (a layout made in
    WPS or Word with floating tables), written twice as Word does: DrawingML and its VML fallback."""
    import copy

    import docx
    from lxml import etree

    document = docx.Document(src)
    w = _WNS[1:-1]
    for tbl in _docx_tables(document):
        if any(a.tag == f"{_WNS}tbl" for a in tbl.iterancestors()):
            continue
        holder = etree.fromstring(_TEXT_BOX.format(text="").replace(
            "<w:p><w:r><w:t></w:t></w:r></w:p>", "<w:p/>"))
        boxes = [b for b in holder.iter(f"{_WNS}txbxContent")]
        p = etree.Element(f"{_WNS}p")
        tbl.addprevious(p)
        for n, box in enumerate(boxes):
            box.insert(0, copy.deepcopy(tbl) if n else tbl)
        p.append(holder)
    document.save(out)
    return out


def tables_as_word_pictures(src: Path, html_body: str, work: Path, out: Path) -> Path:
    """The DOCX with each table replaced by a picture of it (tables pasted as screenshots)."""
    import docx
    from docx.shared import Cm

    document = docx.Document(src)
    root = lxml.html.fragment_fromstring(html_body, create_parent="div")
    for k, (tbl, table) in enumerate(zip(_docx_tables(document), root.findall(".//table"))):
        img = picture_of(lxml.html.tostring(table, encoding="unicode"), work / f"wtable{k}.png",
                         "td,th{border:1px solid #000;padding:2px 4px;font-size:14px}table{border-collapse:collapse}")
        png = Path(re.search(r'src="file://([^"]+)"', img).group(1))
        para = document.add_paragraph()
        para.add_run().add_picture(str(png), width=Cm(16))
        tbl.addprevious(para._p)
        tbl.getparent().remove(tbl)
    document.save(out)
    return out


def layout_copy(pdf_path: Path) -> str:
    """A PDF's text copied with its layout kept (pdftotext -layout; here pdfplumber's layout mode): columns
    apart by runs of spaces, lines indented, blank lines between."""
    import logging

    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    with pdfplumber.open(pdf_path) as pdf:
        return "\n".join(page.extract_text(layout=True) for page in pdf.pages) + "\n"


def chrome_print(html_path: Path, pdf_path: Path, *, headed: bool) -> Path:
    return (chrome_pdf_headed if headed else chrome_pdf)(html_path, pdf_path)


def word_mht(page: str) -> bytes:
    """A page as Word's 'single file web page' (.mht): MIME, the page base64 in GB2312, no <meta> charset."""
    import base64

    page = re.sub(r"<meta[^>]*charset[^>]*>", "", page)
    body = base64.encodebytes(page.encode("gb18030")).decode("ascii").replace("\n", "\r\n")
    return ("MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; "
            'boundary="----=_NextPart_01D9A.5C1E"\r\n\r\nThis document is a Single File Web Page, also known as a '
            "Web Archive file.\r\n\r\n------=_NextPart_01D9A.5C1E\r\nContent-Location: file:///C:/report.htm\r\n"
            "Content-Transfer-Encoding: base64\r\nContent-Type: text/html; charset=\"gb2312\"\r\n\r\n"
            f"{body}\r\n------=_NextPart_01D9A.5C1E--\r\n").encode("ascii")


def off_year_report(fmt: str, year: int, seed: int, stem: str) -> tuple[Report, Truth]:
    """A drawn report of the seed's agency on the template of the other years (a 2019 form kept for 2021,
    a 2021 form adopted early for 2020): the form decides the keys, the title the year."""
    from bench.generate import random_style, random_values, write_prose

    gold = seed_gold(stem)
    rng = random.Random(seed)
    agency = Agency(gold["agency"], _SEED_SITES[stem][0], "", "我局", 1.0)
    report = Report(agency, year, fmt, random_values(rng, fmt), date(year + 1, 1, 15), random_style(rng))
    write_prose(rng, report)
    report.style.amount_unit = "header"
    return report, Truth(gold["agency"], _SEED_SITES[stem][1], year, fmt, dict(report.values))


def county_report(name: str, place: str, year: int, seed: int, title_agency: str) -> tuple[Report, Truth, str]:
    """A drawn report of a county agency `name` of `place` (the county alone, or with its province and not
    its city), titled `title_agency`: the city named nowhere in it."""
    agency = Agency(name, place, "", "我区", 2.0)
    report = make_report(random.Random(seed), agency=agency, year=year, fmt="2021")
    report.style.amount_unit = "header"
    report.style.signature = False
    title = f"{title_agency}{year}年政府信息公开工作年度报告"
    return report, Truth(title_agency, "洪泽区", year, report.fmt, dict(report.values)), title


def batch6(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-6 kinds, text made with `put`, binary copies returned."""
    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    conversions: list[tuple[Path, str, str, Truth, str]] = []
    work = out / "b6"
    work.mkdir(exist_ok=True)
    # The real pages as they are: no charset, saved 'complete' with frames, printed by the browser.
    truth17, _ = real_truth("17_pingtan_2025.html")
    page17 = (REAL / "17_pingtan_2025.html").read_text(encoding="utf-8")
    put("real17-page-gb18030-nometa.html", no_charset(page17), truth17, "17_pingtan_2025.html", "gb18030")
    truth12, _ = real_truth("12_pingtan_2020.html")
    page12 = lxml.html.document_fromstring((REAL / "12_pingtan_2020.html").read_bytes())
    title12 = page12.findtext(".//title")
    article12 = lxml.html.tostring(page12.find_class("article_content")[0], encoding="unicode")
    files = out / "real12-saved-frames_files"
    files.mkdir(exist_ok=True)
    (files / "content.html").write_text(f'<html><head><meta charset="utf-8"></head><body>{article12}</body></html>',
                                        encoding="utf-8")
    (files / "top.html").write_text('<html><head><meta charset="utf-8"></head><body><div>平潭综合实验区党工委管委会'
                                    '</div><a href="/">首页</a> <a href="/zwgk/">政务公开</a></body></html>',
                                    encoding="utf-8")
    put("real12-saved-frames.html", framed(title12, f"{files.name}/content.html", f"{files.name}/top.html"),
        truth12, "12_pingtan_2020.html")
    truth16, _ = real_truth("16_pingtan_2024.html")
    page16 = (REAL / "16_pingtan_2024.html").read_text(encoding="utf-8")
    article16 = lxml.html.tostring(lxml.html.document_fromstring(page16).find_class("article_content")[0],
                                   encoding="unicode")
    files = out / "real16-saved-iframe_files"
    files.mkdir(exist_ok=True)
    (files / "article.html").write_text(f'<html><head><meta charset="utf-8"></head><body>{article16}</body></html>',
                                        encoding="utf-8")
    site_pt = Site("平潭综合实验区党工委管委会", "平潭综合实验区", "闽")
    put("real16-saved-iframe.html", with_iframe(page_modern(site_pt, "平潭综合实验区2024年度政府信息公开工作年度报告",
                                                            "管委会办公室", "2025-03-10 15:35", "", 2024),
                                                f"{files.name}/article.html"), truth16, "16_pingtan_2024.html")
    # Two years on one page: the 2024 report and, below it, the 2023 report the page also carries.
    page15 = lxml.html.document_fromstring((REAL / "15_pingtan_2023.html").read_bytes())
    article15 = lxml.html.tostring(page15.find_class("article_content")[0], encoding="unicode")
    put("real16-page-twoyears.html", page16.replace(article16, article16 + "<p><strong>平潭综合实验区2023年度政府信息"
                                                    "公开工作年度报告</strong></p>" + article15, 1),
        truth16, "16_pingtan_2024.html")
    dump05 = (REAL / "05_pingtan_2022.txt").read_text(encoding="utf-8")
    dump06 = (REAL / "06_pingtan_2023.txt").read_text(encoding="utf-8")
    truth05, _ = real_truth("05_pingtan_2022.txt")
    put("real05-dump-twoyears.txt", dump05.rstrip("\n") + "\n\n" + dump06, truth05, "05_pingtan_2022.txt")
    # The renamed real bodies: merged cells filled or blank, WeChat copy, box drawings, pipe tables, the
    # agency only in <title> or in the breadcrumb.
    for r in renamed_reals():
        tag = r.tag
        put(f"{tag}-page-mergefilled.html", page_trs(r.site, r.title, r.source, r.published,
                                                      unmerged(r.body, fill=True), r.gold["year"]), r.truth, r.name)
        put(f"{tag}-page-mergeblank.html", page_xxgk(r.site, r.title, r.source, r.published,
                                                      unmerged(r.body, fill=False), r.gold["year"]), r.truth, r.name)
        if r.k == 0:
            put(f"{tag}-wechat-copy.txt", wechat_copy(r.title, r.body), r.truth, r.name)
            put(f"{tag}-dump-boxes.txt", box_dump(r.title, r.body), r.truth, r.name)
        if r.k == 1:
            put(f"{tag}-tables.md", pipe_tables(r.title, r.body), r.truth, r.name)
            # The agency only in the page's <title>: the heading bare, the body saying 全县, no 来源.
            gov, bare, anon = r.anonymous()
            page = page_modern(Site("政务公开平台", "", "闽"), bare, "本网", r.published, anon, r.gold["year"])
            page = re.sub(r"<title>.*?</title>", f"<title>{gov}{bare}</title>", page).replace(
                f'<meta name="文章标题" content="{bare}">', "")
            put(f"{tag}-page-titleonly.html", page, Truth(gov, r.full, r.truth.year, r.truth.fmt, r.truth.facts),
                r.name)
        if r.k == 2:
            gov, bare, anon = r.anonymous()
            page = page_xxgk(Site("政务公开平台", "", "闽"), bare, "本网", r.published, anon, r.gold["year"])
            page = page.replace('<a href="/xxgk/">信息公开</a>', f'<a href="/{r.k}/">{gov}</a> » <a href="/xxgk/">信息公开</a>')
            put(f"{tag}-page-crumbonly.html", page, Truth(gov, r.full, r.truth.year, r.truth.fmt, r.truth.facts),
                r.name)
    # The seeds rebuilt: GBK without a charset, Word's .mht, a WeChat copy, the tables as sentences.
    for k, stem in enumerate(SEED_STEMS):
        place, short, icp = _SEED_SITES[stem]
        site, tag, gold = site_for(place, icp), stem[:3], seed_gold(stem)
        published = f"{gold['date'] or '2021-01-20'} 09:3{k}"
        report, rebuilt = seed_report(stem)
        title, body = report_body(report)
        if k == 0:
            put(f"{tag}-page-gbk-nometa.html", no_charset(page_trs(site, title, gold["agency"], published, body, 2020)),
                rebuilt, stem, "gbk")
        if k == 1:
            put(f"{tag}-word.mht", word_mht(str(render(report, "html")[0])), rebuilt, stem)
        if k == 2:
            put(f"{tag}-wechat-copy.txt", wechat_copy(title, body), rebuilt, stem)
        if k in (3, 4):
            put(f"{tag}-sentences.txt", table_sentences(report), rebuilt, stem)
        if k == 1:  # and a 2021-form report of the agency
            drawn, drawn_truth = drawn_report(stem, seed=200 + k)
            put(f"{tag}-drawn2021-sentences.txt", table_sentences(drawn), drawn_truth, stem)
        if office and soffice() and k == 1:  # the seed's own text saved by Word 97
            conversions.append((SEEDS / f"{stem}.txt", ".doc", f"{tag}-seedtext.doc", seed_truth(stem), stem))
        if office and soffice() and k == 2:
            docx = html_to_docx(str(render(report, "html")[0]), work / f"{tag}.docx")
            boxed = tables_in_boxes(docx, out / f"{tag}-tablebox.docx")  # (its boxes have no size: LibreOffice
            made.append(Variant(boxed.name, boxed, rebuilt, stem))          # drops them, no DOC or PDF of it)
            if chromium():
                pics = tables_as_word_pictures(docx, body, work, out / f"{tag}-tablepictures.docx")
                made.append(Variant(pics.name, pics, rebuilt, stem))
        if office and chromium() and k == 4:  # printed with big cells: page breaks cut table rows; ruled or not
            for name, border in (("rowsplit", "border:1px solid #000;"), ("borderless", "")):
                html = work / f"{tag}-{name}.html"
                html.write_text(page_trs(site, title, gold["agency"], published, body, 2020).replace(
                    "</head>", f"<style>table{{border-collapse:collapse}}td,th{{{border}font-size:22px;"
                               "padding:14px 6px}tr{break-inside:auto}</style></head>"), encoding="utf-8")
                pdf = chrome_print(html, out / f"{tag}-print-{name}.pdf", headed=True)
                made.append(Variant(pdf.name, pdf, rebuilt, stem))
    # Templates out of their years.
    for fmt, year, stem in (("2019", 2021, SEED_STEMS[1]), ("2021", 2020, SEED_STEMS[3])):
        report, truth = off_year_report(fmt, year, 600 + year, stem)
        place, _, icp = _SEED_SITES[stem]
        title, body = report_body(report)
        put(f"{stem[:3]}-form{fmt}-year{year}.html", page_trs(site_for(place, icp), title, truth.agency,
                                                              f"{year + 1}-01-15 10:00", body, year), truth, stem)
    # A county agency that never names its city, and one that names its province instead.
    for k, (place, year) in enumerate((("洪泽区", 2022), ("江苏省洪泽区", 2024))):
        report, truth, title = county_report("洪泽区人民政府", place, year, 700 + k, f"{place}人民政府")
        title_agency = truth.agency
        body = report_body(report)[1]
        put(f"hongze{k}-page-nocity.html", page_trs(Site(title_agency, "洪泽区", "苏"), title, "区政府办公室",
                                                     f"{year + 1}-01-20 10:00", body, year), truth, "hongze")
    # The real PDF's text copied with its layout kept (columns apart by spaces).
    hongze = real_truth("22_hongze_2023.pdf", ("淮安市洪泽区人民政府", "洪泽区"))[0]
    layout = layout_copy(REAL / "22_hongze_2023.pdf")
    put("real22-dump-layout.txt", layout, hongze, "22_hongze_2023.pdf")
    put("real22-page-pre.html", f'<html><head><meta charset="utf-8"><title>淮安市洪泽区人民政府</title></head><body>'
                                f"<pre>{html_lib.escape(layout)}</pre></body></html>", hongze, "22_hongze_2023.pdf")
    # The real pages printed by the browser, header and footer on, and their text copied with its layout;
    # a real page printed by LibreOffice.
    if office and chromium():
        for name in ("16_pingtan_2024.html", "12_pingtan_2020.html"):
            html = work / f"real{name[:2]}-offline.html"
            html.write_text(offline((REAL / name).read_text(encoding="utf-8")), encoding="utf-8")
            pdf = chrome_print(html, out / f"real{name[:2]}-print-chrome.pdf", headed=True)
            made.append(Variant(pdf.name, pdf, real_truth(name)[0], name))
            put(f"real{name[:2]}-dump-layout.txt", layout_copy(pdf), real_truth(name)[0], name)
    if office and soffice():
        html = work / "real15-lo.html"
        html.write_text(offline((REAL / "15_pingtan_2023.html").read_text(encoding="utf-8")), encoding="utf-8")
        conversions.append((html, ".pdf", "real15-print-lo.pdf", real_truth("15_pingtan_2023.html")[0],
                            "15_pingtan_2023.html"))
    if conversions:
        made += _converted(out, conversions)
    return made


# --- batch 7: parts under other headings, tables joined, split, turned or padded, cells with units and dashes,
# tables drawn with <div>s, the report in a <textarea> or a script's JSON, text in CRLF with form feeds and
# in UTF-16, 繁體 with full-width digits, a city government's own office, towns and street offices, Word's
# tracked changes, a WPS-named Word file, a two-column print.

_PART_NUMERALS = "一二三四五六"


def restyled_headings(text: str, style: str) -> str:
    """The six part headings (一、总体情况 …) written another way: （一）总体情况, 第一部分　总体情况,
    一　总体情况 (no 、), 1、总体情况; table rows that also start with 一、 are left alone."""
    from bench.generate import _PART_TITLES

    for n, heading in _PART_TITLES.items():
        words = heading.split("、", 1)[1]
        new = {"paren": f"（{n}）{words}", "part": f"第{n}部分　{words}", "bare": f"{n}　{words}",
               "arabic": f"{_PART_NUMERALS.index(n) + 1}、{words}"}[style]
        text = re.sub(rf"(^|>){re.escape(heading)}(?=$|<)", lambda m: m.group(1) + new, text, count=1, flags=re.M)
    return text


def one_big_table(body: str) -> str:
    """The tables of 二, 三 and 四 as one table, the headings and paragraphs between them rows of their own."""
    start, end = body.find("<table"), body.rfind("</table>") + len("</table>")
    inner = re.sub(r"<table[^>]*>\s*<tbody>|</tbody>\s*</table>", "", body[start:end])
    inner = re.sub(r"<p[^>]*>(.*?)</p>", r'<tr><td colspan="10">\1</td></tr>', inner, flags=re.S)
    return body[:start] + '<table border="1"><tbody>' + inner + "</tbody></table>" + body[end:]


def _review_table_span(body: str) -> tuple[int, int]:
    start = body.rfind("<table")
    return start, body.index("</table>", start) + len("</table>")


def review_turned(body: str, report: Report) -> str:
    """四 turned on its side: one row per cell of the form (类别 | 项目 | 数量), the groups merged down."""
    from bench.generate import REVIEW_COLUMNS, REVIEW_GROUPS, cell_text

    rows = ["<tr><td>类别</td><td>项目</td><td>数量（件）</td></tr>"]
    names = {"review": "行政复议", "suit.direct": "行政诉讼（未经复议直接起诉）", "suit.after_review": "行政诉讼（复议后起诉）"}
    for group, _ in REVIEW_GROUPS:
        for k, col in enumerate(REVIEW_COLUMNS):
            head = f'<td rowspan="{len(REVIEW_COLUMNS)}">{names[group]}</td>' if k == 0 else ""
            value = cell_text(f"{group}.{col.key}", report.values[f"{group}.{col.key}"], report.style)
            rows.append(f"<tr>{head}<td>{('结果维持', '结果纠正', '其他结果', '尚未审结', '总计')[k]}</td><td>{value}</td></tr>")
    start, end = _review_table_span(body)
    return body[:start] + '<table border="1"><tbody>' + "".join(rows) + "</tbody></table>" + body[end:]


def review_split(body: str, report: Report) -> str:
    """四 as two tables: 行政复议 (5 columns) and, under a heading of its own, 行政诉讼 (10 columns)."""
    from bench.generate import cell_text

    heads = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    vals = lambda group: "".join(f"<td>{cell_text(f'{group}.{c}', report.values[f'{group}.{c}'], report.style)}</td>"  # noqa: E731
                                 for c in ("upheld", "corrected", "other", "pending", "total"))
    first = ('<p>（一）行政复议情况</p><table border="1"><tbody><tr>' + "".join(f"<td>{h}</td>" for h in heads)
             + f"</tr><tr>{vals('review')}</tr></tbody></table>")
    second = ('<p>（二）行政诉讼情况</p><table border="1"><tbody><tr><td colspan="5">未经复议直接起诉</td>'
              '<td colspan="5">复议后起诉</td></tr><tr>' + "".join(f"<td>{h}</td>" for h in heads * 2)
              + f"</tr><tr>{vals('suit.direct')}{vals('suit.after_review')}</tr></tbody></table>")
    start, end = _review_table_span(body)
    return body[:start] + first + second + body[end:]


def padded_tables(body: str) -> str:
    """Every table with an empty column at its end and an empty row after every third row (editors' leftovers)."""
    body = body.replace("</tr>", "<td></td></tr>")
    count = iter(range(10 ** 6))
    return re.sub(r"</tr>", lambda m: "</tr><tr><td></td><td></td></tr>" if next(count) % 3 == 2 else "</tr>", body)


def _value_cells(body: str, change) -> str:
    """`change` applied to every table cell that holds a bare number."""
    return re.sub(r"<td([^>]*)>(\d+(?:\.\d+)?)</td>", lambda m: f"<td{m.group(1)}>{change(m.group(2))}</td>", body)


def with_units(body: str) -> str:
    """Counts written with their unit (5件), zeros too (0件); amounts kept as the report writes them."""
    return _value_cells(body, lambda v: v if "." in v else f"{v}件")


def dashed_zeros(body: str, dash: str) -> str:
    """Zero cells written as a dash or slash (the spec reads them as 0, flagged)."""
    return _value_cells(body, lambda v: dash if float(v) == 0 else v)


def div_grid(body: str) -> str:
    """The tables drawn with <div>s (a CMS's responsive grid): a div per row, a span per cell, merged cells
    cut back to single cells with their text in the first."""
    body = unmerged(body, fill=False)
    body = re.sub(r"<table[^>]*>|<tbody>|</tbody>", "", body)
    body = body.replace("</table>", "").replace("<tr>", '<div class="row" style="display:flex">') \
        .replace("</tr>", "</div>")
    body = re.sub(r"<td[^>]*>", '<div class="cell" style="flex:1;border:1px solid #ccc">', body)
    return body.replace("</td>", "</div>")


def page_textarea(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A CMS page that keeps the article's HTML escaped in a hidden <textarea> and fills the page by script."""
    page = page_trs(site, title, source, published, "", year)
    return page.replace('<div class="TRS_Editor"></div>', '<div class="TRS_Editor" id="content"></div>'
                        f'<textarea id="artContent" style="display:none">{html_lib.escape(body)}</textarea>'
                        "<script>document.getElementById('content').innerHTML="
                        "document.getElementById('artContent').value;</script>")


def page_script_json(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A single-page-app page: the article arrives in a script's JSON (window.__INITIAL_STATE__), the DOM
    holds only the chrome and an empty mount point."""
    state = json.dumps({"article": {"title": title, "source": source, "publishTime": published, "content": body}},
                       ensure_ascii=False).replace("</", "<\\/")
    page = page_modern(site, title, source, published, "", year)
    return page.replace('<div class="content"></div>', '<div class="content" id="app"></div>').replace(
        "</body>", f"<script>window.__INITIAL_STATE__={state};</script></body>")


def crlf_feeds(text: str, every: int = 40) -> str:
    """A text saved on Windows out of a paged viewer: CRLF line ends and a form feed every `every` lines."""
    lines = text.splitlines()
    return "".join(line + ("\r\n\f" if k % every == every - 1 else "\r\n") for k, line in enumerate(lines))


# Simplified → traditional for the characters of the template's labels and headings (enough for a 繁體 copy).
_TRAD = dict(zip("总体况开动规章范围数现发废许处罚强制费条过内务门户网政务务微厅报复议诉讼纠结审计维变层团织业对应为见书间时实进较这个关们单区县级区员书经长会并让从广众网络专题栏术决统录识热线邮件类别项状态",
                 "總體況開動規章範圍數現發廢許處罰強製費條過內務門戶網政務務微廳報復議訴訟糾結審計維變層團織業對應為見書間時實進較這個關們單區縣級區員書經長會並讓從廣眾網絡專題欄術決統錄識熱線郵件類別項狀態"))
_TRAD.update({"门": "門", "请": "請", "况": "況", "处": "處", "理": "理", "闻": "聞", "专": "專", "机": "機",
              "构": "構", "认": "認", "确": "確", "补": "補", "属": "屬", "国": "國", "家": "家", "秘": "秘",
              "密": "密", "律": "律", "险": "險", "护": "護", "损": "損", "实": "實", "录": "錄", "询": "詢",
              "话": "話", "办": "辦", "负": "負", "责": "責", "问": "問", "题": "題", "严": "嚴", "进": "進",
              "编": "編", "纸": "紙", "据": "據", "际": "際", "识": "識", "质": "質", "场": "場", "户": "戶",
              "维": "維", "诉": "訴", "讼": "訟", "审": "審", "结": "結", "复": "復", "议": "議", "纠": "糾",
              "个": "個", "标": "標", "准": "準", "义": "義", "务": "務", "设": "設", "还": "還", "达": "達",
              "产": "產", "权": "權", "销": "銷", "检": "檢", "应": "應", "满": "滿", "尽": "盡", "节": "節",
              "于": "於", "与": "與", "仅": "僅", "两": "兩", "体": "體", "传": "傳", "统": "統", "综": "綜",
              "织": "織", "组": "組", "经": "經", "营": "營", "业": "業", "团": "團", "会": "會", "层": "層",
              "项": "項", "类": "類", "别": "別", "时": "時", "间": "間", "总": "總", "计": "計", "额": "額",
              "费": "費", "万": "萬", "元": "元", "数": "數", "量": "量", "收": "收", "发": "發", "废": "廢",
              "现": "現", "规": "規", "范": "範", "开": "開", "报": "報", "告": "告", "年": "年", "度": "度",
              "区": "區", "县": "縣", "市": "市", "局": "局", "执": "執", "法": "法", "乡": "鄉", "镇": "鎮",
              "过": "過", "内": "內", "对": "對", "为": "為", "见": "見", "书": "書", "这": "這", "们": "們",
              "单": "單", "级": "級", "员": "員", "长": "長", "从": "從", "广": "廣", "众": "眾", "络": "絡",
              "栏": "欄", "术": "術", "决": "決", "热": "熱", "线": "線", "邮": "郵", "态": "態", "许": "許",
              "罚": "罰", "强": "強", "制": "製", "条": "條", "厅": "廳", "变": "變", "并": "並", "让": "讓",
              "联": "聯", "运": "運", "简": "簡", "称": "稱", "头": "頭", "将": "將", "当": "當", "无": "無",
              "余": "餘", "虽": "雖", "钱": "錢", "获": "獲", "取": "取", "资": "資", "讯": "訊", "网": "網",
              "闭": "閉", "总": "總", "齐": "齊", "强": "強", "张": "張", "乐": "樂", "东": "東", "鹤": "鶴",
              "岗": "崗", "济": "濟", "伊": "伊", "宁": "寧", "沙": "沙", "淄": "淄", "博": "博", "店": "店"})


def traditional(text: str) -> str:
    """The text in 繁體 (the characters of _TRAD), its digits full-width."""
    return wide_digits("".join(_TRAD.get(ch, ch) for ch in text))


def tracked_docx(src: Path, out: Path) -> Path:
    """A DOCX with Word's tracked changes left in: in every table cell that holds a number, the number an
    earlier draft had deleted (<w:del>) and the final one inserted (<w:ins>)."""
    import zipfile

    with zipfile.ZipFile(src) as zin:
        parts = {name: zin.read(name) for name in zin.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    stamp = 'w:id="{}" w:author="审核人" w:date="2024-01-10T09:00:00Z"'
    ids = iter(range(100, 10 ** 6))

    def track(m: re.Match) -> str:
        run, value = m.group(0), m.group(2)
        old = str(int(float(value)) + 7)
        return (f'<w:del {stamp.format(next(ids))}><w:r><w:delText>{old}</w:delText></w:r></w:del>'
                f'<w:ins {stamp.format(next(ids))}>{run}</w:ins>')

    xml = re.sub(r"<w:r>(<w:rPr>(?:(?!</w:r>).)*?</w:rPr>)?<w:t(?: [^>]*)?>(\d+(?:\.\d+)?)</w:t></w:r>", track, xml)
    parts["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    return out


def town_report(name: str, place: str, year: int, seed: int, short: str) -> tuple[Report, Truth]:
    """A drawn 2021-form report of a town or street office `name` (its county or city in it or not)."""
    agency = Agency(name, place, "", "我镇", 2.0)
    report = make_report(random.Random(seed), agency=agency, year=year, fmt="2021")
    report.style.amount_unit = "header"
    return report, Truth(name, short, year, report.fmt, dict(report.values))


def batch7(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-7 kinds, text made with `put`, binary copies returned."""
    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    work = out / "b7"
    work.mkdir(exist_ok=True)
    for k, stem in enumerate(SEED_STEMS):
        place, short, icp = _SEED_SITES[stem]
        site, tag, gold = site_for(place, icp), stem[:3], seed_gold(stem)
        published = f"{gold['date'] or '2021-01-20'} 10:1{k}"
        report, rebuilt = seed_report(stem)
        drawn, drawn_truth = drawn_report(stem, seed=700 + k)
        src, truth = (report, rebuilt) if k % 2 == 0 else (drawn, drawn_truth)
        title, body = report_body(src)
        text = str(render(src, "tab_rows")[0])
        style = ("paren", "part", "bare", "arabic", "paren")[k]
        if k in (0, 2, 4):
            put(f"{tag}-heading-{style}.html", page_trs(site, title, gold["agency"], published,
                                                         restyled_headings(body, style), src.year), truth, stem)
        else:
            put(f"{tag}-heading-{style}.txt", restyled_headings(text, style), truth, stem)
        if k == 0:
            put(f"{tag}-page-onetable.html", page_xxgk(site, title, gold["agency"], published, one_big_table(body),
                                                        src.year), truth, stem)
            put(f"{tag}-page-divgrid.html", page_modern(site, title, gold["agency"], published, div_grid(body),
                                                         src.year), truth, stem)
        if k == 1:
            put(f"{tag}-page-reviewturned.html", page_trs(site, title, gold["agency"], published,
                                                           review_turned(body, src), src.year), truth, stem)
            put(f"{tag}-page-textarea.html", page_textarea(site, title, gold["agency"], published, body, src.year),
                truth, stem)
            put(f"{tag}-dump-crlf-ff.txt", crlf_feeds(text), truth, stem)
        if k == 2:
            put(f"{tag}-page-reviewsplit.html", page_xxgk(site, title, gold["agency"], published,
                                                           review_split(body, src), src.year), truth, stem)
            put(f"{tag}-page-scriptjson.html", page_script_json(site, title, gold["agency"], published, body,
                                                                 src.year), truth, stem)
            put(f"{tag}-dump-utf16.txt", text, truth, stem, "utf-16")
        if k == 3:
            put(f"{tag}-page-padded.html", page_modern(site, title, gold["agency"], published, padded_tables(body),
                                                        src.year), truth, stem)
            put(f"{tag}-page-units.html", page_trs(site, title, gold["agency"], published, with_units(body),
                                                    src.year), truth, stem)
            put(f"{tag}-dump-utf16le-nobom.txt", text, truth, stem, "utf-16-le")
        if k == 4:
            put(f"{tag}-page-dashes.html", page_xxgk(site, title, gold["agency"], published, dashed_zeros(body, "-"),
                                                      src.year), truth, stem)
            protected = text.split(gold["agency"])
            put(f"{tag}-traditional.txt", gold["agency"].join(traditional(part) for part in protected), truth, stem)
        if office and soffice() and k in (1, 3):
            html = str(render(src, "html")[0])
            docx = html_to_docx(html if k == 1 else html.replace("<td>0</td>", "<td>/</td>"), work / f"{tag}.docx")
            if k == 1:
                tracked = tracked_docx(docx, out / f"{tag}-tracked.docx")
                made.append(Variant(tracked.name, tracked, truth, stem))
            else:
                slashes = docx.replace(out / f"{tag}-slashes.docx")
                made.append(Variant(slashes.name, slashes, truth, stem))
        if office and chromium() and k == 2:  # printed in two columns, tables and all
            page = work / f"{tag}-twocol.html"
            page.write_text(render(src, "html")[0].replace(
                "</head>", "<style>body{column-count:2;column-gap:24px;font-size:12px}table{border-collapse:collapse;"
                           "width:100%}td{border:1px solid #000;font-size:9px}</style></head>"), encoding="utf-8")
            pdf = chrome_print(page, out / f"{tag}-print-twocol.pdf", headed=False)
            made.append(Variant(pdf.name, pdf, truth, stem))
    # The real dumps saved on Windows (CRLF, form feeds) and in UTF-16.
    truth06, _ = real_truth("06_pingtan_2023.txt")
    put("real06-dump-crlf-ff.txt", crlf_feeds((REAL / "06_pingtan_2023.txt").read_text(encoding="utf-8"), 3),
        truth06, "06_pingtan_2023.txt")
    truth07, _ = real_truth("07_pingtan_2024.txt")
    put("real07-dump-utf16.txt", (REAL / "07_pingtan_2024.txt").read_text(encoding="utf-8"), truth07,
        "07_pingtan_2024.txt", "utf-16")
    # A renamed real page with zeros as —, and its 四 joined into one table with 三.
    r15 = renamed_reals()[0]
    put("real15-page-emdash.html", page_trs(r15.site, r15.title, r15.source, "2024-01-20 10:00",
                                            dashed_zeros(r15.body, "—"), 2023), r15.truth, r15.name)
    # A city government's own office, its page listing the city's departments' reports around it.
    city, city_truth = town_report("济南市人民政府办公厅", "济南市", 2023, 710, "济南市政府办公厅")
    title, body = report_body(city)
    put("city-office-page.html", page_xxgk(site_for("济南市", "鲁"), title, "济南市人民政府办公厅", "2024-01-18 09:00",
                                           body, 2023), city_truth, "drawn")
    # Towns and street offices: named with their county, or the county only in the page's 来源.
    town, town_truth = town_report("淮安市洪泽区岔河镇人民政府", "洪泽区", 2023, 711, "岔河镇")
    title, body = report_body(town)
    put("town-full-page.html", page_trs(Site("淮安市洪泽区人民政府", "洪泽区", "苏"), title, "岔河镇人民政府",
                                        "2024-01-22 09:00", body, 2023), town_truth, "drawn")
    street, street_truth = town_report("洪泽区高良涧街道办事处", "洪泽区", 2022, 712, "高良涧街道")
    put("street-dump.txt", str(render(street, "tab_rows")[0]), street_truth, "drawn")
    town2, town2_truth = town_report("洪泽区黄集街道办事处", "洪泽区", 2024, 713, "黄集街道")
    town2.style.signature = False
    title, body = report_body(town2)
    bare = title.replace("洪泽区", "")
    put("street-source-page.html", page_trs(Site("淮安市洪泽区人民政府", "洪泽区", "苏"), bare, "洪泽区黄集街道办事处",
                                            "2025-01-15 09:00", body.replace(title, bare), 2024), town2_truth, "drawn")
    # WPS Office saves Word files as .wps: batch 6's DOC of the seed's text under that name.
    doc = out / "001-seedtext.doc"
    if doc.exists():
        wps = out / "001-seedtext.wps"
        wps.write_bytes(doc.read_bytes())
        made.append(Variant(wps.name, wps, seed_truth(SEED_STEMS[1]), SEED_STEMS[1]))
    return made


# --- batch 8: pipe rows without bounds, a copy out of Excel (quoted cells with line breaks), the year in
# Chinese numerals, an extra 备注 column, header rows merged otherwise, a pdf2htmlEX page (positioned lines,
# gaps as empty spans), markdown with HTML tables (a PDF-to-markdown tool), a 信息公开平台 page with the
# report as an attachment and a summary table, the agency only in the 落款, last year's report quoted after
# this year's, Big5 繁體, the real dump and a nested real page saved by LibreOffice, DOCX with the title in
# the page header or 总计 as formula fields, a scan (OCR), the real PDF copied by PDFium, 二 turned, a
# Hanweb page, a text browser's dump with wrapped labels, an 信息公开平台 page printed with its header.

def _tab_parts(text: str) -> list[tuple[str, list[str]]]:
    """A tab_rows text cut into runs: ("text", lines) and ("table", tab rows)."""
    runs: list[tuple[str, list[str]]] = []
    for line in text.split("\n"):
        kind = "table" if "\t" in line else "text"
        if runs and runs[-1][0] == kind:
            runs[-1][1].append(line)
        else:
            runs.append((kind, [line]))
    return runs


def pipe_rows(text: str, *, bounded_active: bool) -> str:
    """The tab rows written as pipe rows: `bounded_active`, 二's tables as markdown pipe tables (| 项目 |
    本年制发件数 | … | and a --- line under their header), the other tables left as tab rows; else every
    table's rows as `a | b | c` without outer pipes or a delimiter line (typed by hand)."""
    out, part = [], ""
    for kind, lines in _tab_parts(text):
        if kind == "text":
            out += lines
            part = next((ln[0] for ln in lines if re.match(r"[一二三四五六]、", ln)), part)
            continue
        if bounded_active and part == "二":
            for k, line in enumerate(lines):
                cells = [c.strip() for c in line.split("\t")]
                if cells and cells[0] == "信息内容":
                    cells[0] = "项目"
                out.append("| " + " | ".join(cells) + " |")
                if cells[0] == "项目":
                    out.append("|" + "---|" * len(cells))
        elif bounded_active:
            out += lines
        else:
            out += [" | ".join(c.strip() for c in line.split("\t")) for line in lines]
    return "\n".join(out)


def excel_copy(report: Report) -> str:
    """The tables pasted out of Excel: a cell whose label has a line break is quoted and spans lines
    ("（二）部分公开\n（区分处理的，…）"), others as they are; an empty cell an empty field."""
    text = str(render(report, "tab_rows")[0])
    breaks = {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）":
              "（本列数据的勾稽关系为：\n第一项加第二项之和，\n等于第三项加第四项之和）",
              "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": "（二）部分公开\n（区分处理的，只计这一情形，不计其他情形）",
              "5、要求行政机关确认或重新出具已获取信息": "5、要求行政机关确认或\n重新出具已获取信息",
              "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请":
              "1、申请人无正当理由逾期不补正、\n行政机关不再处理其政府信息公开申请",
              "2、申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请":
              "2、申请人逾期未按收费通知要求缴纳费用、\n行政机关不再处理其政府信息公开申请"}
    out = []
    for line in text.split("\n"):
        if "\t" in line:
            line = "\t".join(f'"{breaks[c]}"' if c in breaks else c for c in line.split("\t"))
        out.append(line)
    return "\n".join(out)


def han_years(text: str, year: int) -> str:
    """Every 20xx年 of the statistics year and the next written in Chinese numerals (二〇二三年度, 二〇二四年1月)."""
    for y in (year, year + 1):
        text = text.replace(f"{y}年", f"{_han_year(str(y))}年")
    return text


def remark_column(body: str) -> str:
    """Every table with a 备注 column at its right: 备注 in the first row, a short note or nothing below (a
    cell appended to each row lands right of the slots merged down into it)."""
    notes = ("", "同比持平", "", "含线上申请", "—", "", "较上年增加", "")
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for table in root.iter("table"):
        for r, tr in enumerate(table.iter("tr")):
            lxml.etree.SubElement(tr, "td").text = "备注" if r == 0 else notes[r % len(notes)]
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


def header_merged_otherwise(body: str) -> str:
    """三's three header rows as two (自然人 and 总计 merged down two rows, 申请人情况 gone) and 四's three as
    two (行政复议, 未经复议直接起诉, 复议后起诉 side by side over their five columns)."""
    from bench.generate import _CHECK_NOTE, _REVIEW_HEAD, _SUB_APPLICANTS

    apply_head = (f'<tr><td rowspan="2" colspan="3">{_CHECK_NOTE}</td><td rowspan="2">自然人</td>'
                  f'<td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>'
                  "<tr>" + "".join(f"<td>{s}</td>" for s in _SUB_APPLICANTS) + "</tr>")
    review_head = ('<tr><td colspan="5">行政复议</td><td colspan="5">行政诉讼（未经复议直接起诉）</td>'
                   '<td colspan="5">行政诉讼（复议后起诉）</td></tr>' + "<tr>" + "".join(
                       f"<td>{h}</td>" for h in _REVIEW_HEAD * 3) + "</tr>")
    tables = list(re.finditer(r"<table.*?</table>", body, flags=re.S))
    for m, head in ((tables[-1], review_head), (tables[-2], apply_head)):  # from the end: offsets hold
        rows = re.findall(r"<tr>.*?</tr>", m.group(0), flags=re.S)
        new = m.group(0).replace("".join(rows[:3]), head) if "".join(rows[:3]) in m.group(0) else \
            re.sub(r"<tbody>\s*" + r"\s*".join(re.escape(r) for r in rows[:3]), "<tbody>" + head, m.group(0))
        body = body[:m.start()] + new + body[m.end():]
    return body


def active_turned(body: str, report: Report) -> str:
    """二's 第二十条第（一）项 table turned: a row per column (本年制发件数 …), a column per kind (规章,
    行政规范性文件)."""
    from bench.generate import cell_text

    v = lambda key: cell_text(key, report.values[key], report.style)  # noqa: E731
    rows = ["<tr><td>项目</td><td>规章</td><td>行政规范性文件</td></tr>"] + [
        f"<tr><td>{label}</td><td>{v('regulation.' + key)}</td><td>{v('normative.' + key)}</td></tr>"
        for label, key in (("本年制发件数", "issued"), ("本年废止件数", "repealed"), ("现行有效件数", "in_force"))]
    first = body.index("<table")
    end = body.index("</table>", first) + len("</table>")
    active = body[first:end]
    rest = re.sub(r"<tr><td[^>]*>(?:<p[^>]*><span[^>]*>)?第二十条第（一）项.*?(?=<tr><td[^>]*>(?:<p[^>]*><span[^>]*>)?第二十条第（五）项)",
                  "", active, flags=re.S)
    return body[:first] + '<table border="1"><tbody><tr><td colspan="3">第二十条第（一）项</td></tr>' + "".join(rows) \
        + "</tbody></table>" + rest + body[end:]


def pdf2html(pdf_path: Path, title: str) -> str:
    """The PDF as pdf2htmlEX converts it: each text line an absolutely placed <div> (its place in CSS
    classes), the gaps between a line's words empty inline-block <span>s with a CSS width (no space
    characters), the table rulings a background picture."""
    import pdfplumber

    css, pages = [".pf{position:relative}.t{position:absolute;white-space:pre}._{display:inline-block}"], []
    xs: dict[float, int] = {}
    ys: dict[float, int] = {}
    gaps: dict[float, int] = {}

    def cls(table: dict[float, int], value: float, prefix: str, prop: str) -> str:
        value = round(value, 1)
        if value not in table:
            table[value] = len(table)
            css.append(f".{prefix}{table[value]}{{{prop}:{value}px}}")
        return f"{prefix}{table[value]}"

    with pdfplumber.open(pdf_path) as pdf:
        for n, page in enumerate(pdf.pages, 1):
            words = page.extract_words(x_tolerance=1.5, y_tolerance=2)
            lines: list[list[dict]] = []
            for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
                if lines and abs(lines[-1][0]["top"] - w["top"]) < 2:
                    lines[-1].append(w)
                else:
                    lines.append([w])
            divs = []
            for line in lines:
                line.sort(key=lambda w: w["x0"])
                parts = [html_lib.escape(line[0]["text"])]
                for a, b in zip(line, line[1:]):
                    gap = b["x0"] - a["x1"]
                    if gap > 1:
                        parts.append(f'<span class="_ {cls(gaps, gap, "_", "width")}"></span>')
                    parts.append(html_lib.escape(b["text"]))
                divs.append(f'<div class="t {cls(xs, line[0]["x0"], "x", "left")} '
                            f'{cls(ys, page.height - line[0]["bottom"], "y", "bottom")} ff1 fs2">{"".join(parts)}</div>')
            pages.append(f'<div id="pf{n:x}" class="pf w0 h0" data-page-no="{n:x}"><div class="pc pc{n:x} w0 h0">'
                         f'<img class="bi x0 y0 w1 h1" alt="" src="bg{n:x}.png">{"".join(divs)}</div></div>')
    return (f'<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8">'
            f'<meta name="generator" content="pdf2htmlEX"><title>{html_lib.escape(title)}</title>'
            f'<style type="text/css">{"".join(css)}</style></head><body><div id="sidebar"><div id="outline"></div>'
            f'</div><div id="page-container">{"".join(pages)}</div><div class="loading-indicator"></div></body></html>')


def markdown_html_tables(report: Report) -> str:
    """The report as a PDF-to-markdown tool writes it: # headings, paragraphs, the tables as raw HTML
    (<table> with rowspan/colspan, one line each), an image link for the seal."""
    page = lxml.html.document_fromstring(str(render(report, "html")[0]))
    out = [f"# {page.findtext('.//h1')}", ""]
    for el in page.find_class("article-content")[0]:
        if el.tag == "table":
            out += [re.sub(r"\s*\n\s*", "", lxml.html.tostring(el, encoding="unicode")), ""]
        else:
            text = normal_cell(el)
            if re.match(r"[一二三四五六]、", text):
                out += [f"## {text}", ""]
            elif text:
                out += [text, ""]
    out.insert(-4, "![](images/3f2a9c1e0b.jpg)")
    return "\n".join(out) + "\n"


def attachment_page(site: Site, report: Report, agency: str) -> tuple[str, dict[str, Value]]:
    """A 政府信息公开平台 page whose report is an attachment (a PDF link), the page giving a short summary
    table (指标 | 数量) of a few figures: the page and the figures it states, by key."""
    v = report.values
    stated = {"apply.new.total": v["apply.new.total"], "apply.granted.total": v["apply.granted.total"],
              "review.total": v["review.total"], "suit.direct.total": v["suit.direct.total"]}
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in (
        ("本年新收政府信息公开申请", stated["apply.new.total"]), ("其中：予以公开", stated["apply.granted.total"]),
        ("因政府信息公开被申请行政复议", stated["review.total"]),
        ("因政府信息公开被提起行政诉讼（未经复议直接起诉）", stated["suit.direct.total"])))
    title = f"{agency}{report.year}年政府信息公开工作年度报告"
    body = (f"<p>根据《中华人民共和国政府信息公开条例》规定，现将{agency}{report.year}年政府信息公开工作年度报告予以公布，"
            f"全文详见附件。</p><p>主要数据如下：</p><table border=\"1\"><tr><td>指标</td><td>数量（件）</td></tr>{rows}"
            f'</table><p class="attach">附件：<a href="/xxgk/P0202{report.year + 1}0120.pdf">{title}.pdf</a></p>')
    return page_xxgk(site, title, agency, f"{report.year + 1}-01-20 09:00", body, report.year), stated


def header_title_docx(html: str, title: str, out: Path) -> Path:
    """The report as a Word document whose title stands only in the page header (every page), the body
    starting at its first paragraph."""
    import docx

    from bench.binary_copies import html_to_docx

    html = re.sub(r"<h1[^>]*>.*?</h1>", "", html, flags=re.S)
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    document = docx.Document(html_to_docx(html, out))
    document.sections[0].header.paragraphs[0].text = title
    document.save(out)
    return out


def formula_docx(src: Path, out: Path) -> Path:
    """A DOCX whose 总计 column cells are Word formula fields ({ =SUM(LEFT) }) showing their cached result."""
    import docx
    from lxml import etree

    document = docx.Document(src)
    w = _WNS[1:-1]
    for tbl in _docx_tables(document):
        rows = tbl.findall(f"{_WNS}tr")
        if len(rows) < 20:
            continue  # 三's table only
        for tr in rows[3:]:
            tc = tr.findall(f"{_WNS}tc")[-1]
            p = tc.find(f"{_WNS}p")
            value = "".join(t.text or "" for t in p.iter(f"{_WNS}t"))
            if not re.fullmatch(r"\d+", value):
                continue
            for r in p.findall(f"{_WNS}r"):
                p.remove(r)
            for piece in (f'<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="begin"/></w:r>',
                          f'<w:r xmlns:w="{w}"><w:instrText xml:space="preserve"> =SUM(LEFT) </w:instrText></w:r>',
                          f'<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="separate"/></w:r>',
                          f'<w:r xmlns:w="{w}"><w:t>{value}</w:t></w:r>',
                          f'<w:r xmlns:w="{w}"><w:fldChar w:fldCharType="end"/></w:r>'):
                p.append(etree.fromstring(piece))
    document.save(out)
    return out


def pdfium_copy(pdf_path: Path) -> str:
    """A PDF's text as a PDFium viewer (Chrome's, Edge's) copies it with select-all: the text in its content
    order, page by page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    pdf.close()
    return text.replace("\r\n", "\n") + "\n"


def page_hanweb(site: Site, title: str, source: str, published: str, body: str, year: int) -> str:
    """A Hanweb (大汉) CMS page: the layout in tables, the title in a <td class="title">, the article between
    <!--<$[信息内容]>begin--> comments in a <div id="zoom">, 相关附件 and share buttons under it."""
    others = _other_reports(site, year)
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{site.name}</title><script language="javascript" src="/script/jquery.js"></script></head><body>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr><td><div id="barrierfree_container">
<table width="100%"><tr><td class="bt_link">{_menu(site)}</td></tr></table>
<table width="100%"><tr><td class="bt_position">当前位置：<a href="/">首页</a> &gt; <a href="/">政务公开</a> &gt; 年报</td></tr></table>
<table width="100%" class="xxgk_table"><tr><td width="15%">信息索引号：</td><td>000{year}-{year + 1}-00031</td>
<td width="15%">生成日期：</td><td>{published[:10]}</td></tr><tr><td>发布机构：</td><td>{source}</td><td>信息分类：</td>
<td>年度报告</td></tr></table>
<table width="100%"><tr><td class="title" align="center">{title}</td></tr>
<tr><td align="center" class="bt_info">来源：{source}　时间：{published}　【<a href="javascript:doZoom(16)">大</a>
<a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】</td></tr>
<tr><td><div id="zoom"><!--<$[信息内容]>begin-->{body}<!--<$[信息内容]>end--></div></td></tr>
<tr><td class="bt_attach">相关附件：无</td></tr>
<tr><td class="bt_share">分享到：<a>微信</a> <a>微博</a>　【<a href="javascript:window.print()">打印本页</a>】
【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table>
<table width="100%"><tr><td>相关链接：<a href="/art/1.html">{others[0]}</a></td></tr></table>
</div></td></tr></table>{_footer(site, 5)}
<script>var _hmt=_hmt||[];function doZoom(size){{document.getElementById('zoom').style.fontSize=size+'px';}}</script>
</body></html>"""


def wrapped_dump(title: str, body: str, width: int = 10) -> str:
    """A text browser's dump with its tables laid out in columns of fixed width: a cell's text longer than
    its column wraps onto the lines below, the row's other cells on its first line only."""
    def row_lines(cells: list[str]) -> list[str]:
        widths = [max(width, 6) if k < 3 else 6 for k in range(len(cells))]
        pieces = [[c[i:i + w] for i in range(0, len(c), w)] or [""] for c, w in zip(cells, widths)]
        depth = max(len(p) for p in pieces)
        return ["  ".join((p[d] if d < len(p) else "").ljust(w) for p, w in zip(pieces, widths)).rstrip()
                for d in range(depth)]

    out = [title, ""]
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for el in root.iter("p", "table", "h2", "h3"):
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        if el.tag == "table":
            for row in _grid_cells(el):
                cells = [normal_cell(td) if td is not None and first else "" for td, first in row]
                out += row_lines(cells)
            out.append("")
        else:
            text = normal_cell(el)
            if text:
                out.append(text)
    return "\n".join(out) + "\n"


def quoted_last_year(report: Report, previous: Report) -> str:
    """This year's report as text, its first paragraph quoting last year's report by title and figure, and
    last year's whole report appended below it (附：…)."""
    this = str(render(report, "tab_rows")[0])
    last = str(render(previous, "tab_rows")[0])
    lines = this.split("\n")
    at = next(k for k, ln in enumerate(lines) if ln.startswith("一、"))
    quote = (f"对照《{previous.agency.name}{previous.year}年政府信息公开工作年度报告》（上年新收政府信息公开申请"
             f"{previous.values['apply.new.total']}件），本年度工作情况报告如下。")
    lines.insert(at, quote)
    return "\n".join(lines).rstrip("\n") + f"\n\n附：{previous.year}年度报告全文\n\n" + last


_ACTIVE_KEYS = frozenset({"regulation", "normative", "license", "penalty", "coercion", "fee"})  # 二's (2021 form)


def batch8(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-8 kinds, text made with `put`, binary copies returned."""
    import subprocess

    from bench.binary_copies import html_to_docx, scan_pages, soffice

    made: list[Variant] = []
    work = out / "b8"
    work.mkdir(exist_ok=True)
    conversions: list[tuple[Path, str, str, Truth, str]] = []
    s0, s1, s2, s3, s4 = SEED_STEMS
    site = {stem: site_for(*_SEED_SITES[stem][::2]) for stem in SEED_STEMS}
    # Text: pipe rows, an Excel copy, the year in Chinese numerals, last year quoted and appended.
    report, truth = drawn_report(s0, 803)
    put("b8-000-pipes-active.txt", pipe_rows(str(render(report, "tab_rows")[0]), bounded_active=True), truth, s0)
    report, truth = drawn_report(s1, 807, 2023)
    put("b8-001-pipes-bare.txt", pipe_rows(str(render(report, "tab_rows")[0]), bounded_active=False), truth, s1)
    report, truth = drawn_report(s2, 808)
    put("b8-002-excel-copy.txt", excel_copy(report), truth, s2)
    report, truth = drawn_report(s3, 810, 2023)
    put("b8-003-hanyear.txt", han_years(str(render(report, "tab_rows")[0]), 2023), truth, s3)
    title, body = report_body(report)
    put("b8-003-hanyear.html", han_years(page_modern(site[s3], title, truth.agency, "2024-01-18 10:00", body, 2023),
                                         2023), truth, s3)
    report, truth = drawn_report(s4, 810, 2023)  # cells apart by ideographic spaces (typed in Word)
    put("b8-004-ideographic.txt", str(render(report, "tab_rows")[0]).replace("\t", "\u3000"), truth, s4)
    report, truth = drawn_report(s4, 811, 2023)
    previous, _ = drawn_report(s4, 805, 2022)
    put("b8-004-quoted-lastyear.txt", quoted_last_year(report, previous), truth, s4)
    # Pages: a 备注 column, header rows merged otherwise, 二 turned, a Hanweb page, the agency in the 落款 only.
    report, truth = drawn_report(s1, 810)
    title, body = report_body(report)
    put("b8-001-page-remarks.html", page_trs(site[s1], title, truth.agency, "2023-01-20 10:00", remark_column(body),
                                             2022), truth, s1)
    put("b8-001-page-headmerged.html", page_xxgk(site[s1], title, truth.agency, "2023-01-20 10:00",
                                                 header_merged_otherwise(body), 2022), truth, s1)
    put("b8-001-page-activeturned.html", page_modern(site[s1], title, truth.agency, "2023-01-20 10:00",
                                                     active_turned(body, report), 2022), truth, s1)
    report, truth = drawn_report(s2, 804, 2023)
    title, body = report_body(report)
    put("b8-002-page-hanweb.html", page_hanweb(site[s2], title, truth.agency, "2024-01-22 15:00", body, 2023), truth,
        s2)
    put("b8-002-dump-wrapped.txt", wrapped_dump(title, body), truth, s2)
    report, truth = drawn_report(s3, 807)
    report.style.signature = True
    bare = f"{report.year}年政府信息公开工作年度报告"
    _, body = report_body(report)
    page = page_modern(site[s3], bare, "本网", "2023-01-16 11:00", body, 2022)
    put("b8-003-page-signedonly.html", page, truth, s3)
    # Pages of a renamed real report: the tables with a 备注 column, in Big5 繁體 (the agency too).
    reals = renamed_reals()
    r = reals[1]
    put(f"b8-{r.tag}-page-remarks.html", page_trs(r.site, r.title, r.source, r.published, remark_column(r.body),
                                                  r.gold["year"]), r.truth, r.name)
    r = reals[0]
    trad = "".join(_TRAD.get(ch, ch) for ch in page_xxgk(r.site, r.title, r.source, r.published, r.body,
                                                           r.gold["year"]))
    agency = "".join(_TRAD.get(ch, ch) for ch in r.full)  # named as written (index.model.ReportMeta)
    put(f"b8-{r.tag}-page-big5.html", trad.replace('charset=utf-8', 'charset=big5'),
        Truth(agency, r.full, r.truth.year, r.truth.fmt, r.truth.facts), r.name, "big5")
    # Markdown with HTML tables (a PDF-to-markdown tool's output).
    report, truth = drawn_report(s4, 808, 2023)
    put("b8-004-mineru.md", markdown_html_tables(report), truth, s4)
    report, truth = drawn_report(s0, 810, 2024)
    put("b8-000-mineru.md", markdown_html_tables(report), truth, s0)
    # A 信息公开平台 page: the report is an attachment, the page a summary table of four figures.
    report, truth = drawn_report(s0, 808)
    page, stated = attachment_page(site[s0], report, truth.agency)
    facts = {key: stated.get(key) for key in truth.facts}
    put("b8-000-page-attachment.html", page, Truth(truth.agency, truth.short, truth.year, truth.fmt, facts,
                                                   set(stated)), s0)
    # The real PDF copied by PDFium (Chrome's viewer).
    hongze = real_truth("22_hongze_2023.pdf", ("淮安市洪泽区人民政府", "洪泽区"))[0]
    put("b8-real22-dump-pdfium.txt", pdfium_copy(REAL / "22_hongze_2023.pdf"), hongze, "22_hongze_2023.pdf")
    if not office or not soffice():
        return made
    # Word: the title in the page header; 总计 as formula fields; the agency only in the 落款.
    report, truth = drawn_report(s2, 803)
    html = str(render(report, "html")[0])
    title = f"{truth.agency}{report.year}年政府信息公开工作年度报告"
    docx = header_title_docx(html, title, out / "b8-002-headertitle.docx")
    made.append(Variant(docx.name, docx, truth, s2))
    report, truth = drawn_report(s3, 811)
    docx = html_to_docx(str(render(report, "html")[0]), work / "formula-src.docx")
    docx = formula_docx(docx, out / "b8-003-formulas.docx")
    made.append(Variant(docx.name, docx, truth, s3))
    report, truth = drawn_report(s4, 807)
    report.style.signature = True
    html = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>{report.year}年度政府信息公开工作年度报告</h1>",
                  str(render(report, "html")[0]), flags=re.S)
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    docx = html_to_docx(html, out / "b8-004-signedonly.docx")
    made.append(Variant(docx.name, docx, truth, s4))
    # LibreOffice: a real dump saved as DOCX (given as a page of paragraphs: LibreOffice's text import guesses
    # no charset; printed to PDF, its first paragraph, the title, came out as a blank page: not made); a
    # renamed real page inside a layout table saved as DOCX (tables in a table) and printed (三 over a page
    # break).
    name = "03_pingtan_2020.txt"
    dump = work / "real03.html"
    dump.write_text('<html><head><meta charset="utf-8"></head><body>' + "".join(
        f"<p>{html_lib.escape(line)}</p>" for line in (REAL / name).read_text(encoding="utf-8").splitlines())
        + "</body></html>", encoding="utf-8")
    conversions.append((dump, ".docx", "b8-real03-lo.docx", real_truth(name)[0], name))
    r = reals[0]
    nested = work / "real15-nested.html"
    nested.write_text(f'<html><head><meta charset="utf-8"><title>{r.title}</title></head><body><table width="100%">'
                      f'<tr><td><h1>{r.title}</h1></td></tr><tr><td>{r.body}</td></tr></table></body></html>',
                      encoding="utf-8")
    conversions.append((nested, ".docx", f"b8-{r.tag}-nested-lo.docx", r.truth, r.name))
    conversions.append((nested, ".pdf", f"b8-{r.tag}-nested-lo.pdf", r.truth, r.name))
    made += _converted(out, conversions)
    # A scan of the first page of a drawn report printed by LibreOffice (title, 一 and 二's table; read by
    # OCR, seconds a page: one page only): the values of 二, none of the rest.
    report, truth = drawn_report(s1, 811)
    docx = html_to_docx(str(render(report, "html")[0]), work / "scan-src.docx")
    subprocess.run([soffice(), f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work), str(docx)], capture_output=True, timeout=180,
                   check=True)
    scan = scan_pages(work / "scan-src.pdf", [1], out / "b8-001-scan-page1.pdf", dpi=150)
    facts = {key: (v if key.split(".")[0] in _ACTIVE_KEYS else None) for key, v in truth.facts.items()}
    made.append(Variant(scan.name, scan, Truth(truth.agency, truth.short, truth.year, truth.fmt, facts), s1))
    # pdf2htmlEX's page of a printed report; an 信息公开平台 page printed by the browser with its header.
    report, truth = drawn_report(s2, 810)
    docx = html_to_docx(str(render(report, "html")[0]), work / "p2h-src.docx")
    subprocess.run([soffice(), f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(work), str(docx)], capture_output=True, timeout=180,
                   check=True)
    title = f"{truth.agency}{report.year}年政府信息公开工作年度报告"
    put("b8-002-pdf2htmlex.html", pdf2html(work / "p2h-src.pdf", title), truth, s2)
    put("b8-002-dump-pdfium.txt", pdfium_copy(work / "p2h-src.pdf"), truth, s2)
    if chromium():
        report, truth = drawn_report(s3, 803, 2023)
        title, body = report_body(report)
        html = work / "xxgk-print.html"
        html.write_text(page_xxgk(site[s3], title, truth.agency, "2024-01-19 09:00", body, 2023), encoding="utf-8")
        pdf = chrome_print(html, out / "b8-003-print-xxgk-headed.pdf", headed=True)
        made.append(Variant(pdf.name, pdf, truth, s3))
    return made


# --- batch 9: agency and year traps of real users' files: a county department titled without its county (the
# county in the site name, footer, 版权所有/主办单位 only), a 2023 report published in 2024 under a column named
# 2024年, a sidebar of the same agency's other years, towns whose 来源 is a county office, files named by a
# number, an agency renamed by the 机构改革 (both names in the text), a 2024 report comparing with 2023 all
# through, the 发布机构 field naming another office than the title, English site chrome, Chrome's MHTML with
# the report in a frame part; Word 97 of the department's report; PDFs with a cover page, the title over two
# lines in a large font, printed landscape, or with the cover's title as a picture (OCR).

def dept_report(name: str, place: str, year: int, seed: int, *, me: str = "我局") -> tuple[Report, Truth]:
    """A drawn 2021-form report of a county department or town `name` of `place`, unsigned."""
    from index.metadata import short_name

    report = make_report(random.Random(seed), agency=Agency(name, place, "", me, 1.5), year=year, fmt="2021")
    report.style.amount_unit = "header"
    report.style.signature = False
    return report, Truth(name, short_name(name), year, report.fmt, dict(report.values))


def unplaced(body: str, full: str, bare: str, place: str) -> str:
    """The body with the agency written without its county (县教育局) and the county itself as 全县."""
    return body.replace(full, bare).replace(place, "全县")


def page_sidebar_years(site: Site, title: str, source: str, published: str, body: str, agency: str,
                       years: list[int]) -> str:
    """A department's column page: a sidebar of its own reports of other years before the article, and the
    column named by the year the report was published."""
    links = "".join(f'<li><a href="/nb/{y}.html">{agency}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{k}</span>'
                    f"</li>" for k, y in enumerate(years))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site.name}</title></head><body>
<div class="head">{site.name}</div><div class="nav">{_menu(site)}</div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告 &gt; {int(published[:4])}年</div>
<div class="side"><h3>年度报告</h3><ul>{links}</ul></div>
<div class="article"><h2>{title}</h2><p class="info">发布日期：{published}　来源：{source}</p>
<div id="content">{body}</div></div>
<div class="side"><h3>最新发布</h3><ul>{links}</ul></div>
{_footer(site, 5)}</body></html>"""


def page_english(site: Site, en_place: str, title: str, published: str, body: str) -> str:
    """A page whose site chrome is in English (a bilingual portal's template), the report in Chinese."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Annual Report on Government Information Disclosure - {en_place} People's Government</title></head><body>
<header><a href="/en/">Home</a> | <a href="/en/news/">News</a> | <a href="/en/gov/">Government</a> |
<a href="/en/services/">Services</a> | <a href="/en/about/">About {en_place}</a> | <a href="/">中文</a>
<form><input placeholder="Search"><button>Search</button></form></header>
<div class="crumb">Home &gt; Government &gt; Information Disclosure &gt; Annual Reports</div>
<main><h1>{title}</h1><p class="meta">Published: {published}　Source: General Office　Views: 1,204　Print | Close</p>
<div class="content">{body}</div>
<p>Previous: <a href="/en/1.html">Annual Report {int(published[:4]) - 2}</a>　Next: <a href="/en/2.html">Annual Report
{int(published[:4])}</a></p></main>
<footer><p>Sponsored by: General Office of {en_place} People's Government　Copyright © {published[:4]} {site.name}
</p><p>{site.icp}ICP备0500{9}123号</p></footer></body></html>"""


def chrome_mhtml_framed(outer: str, frame: str) -> bytes:
    """A page saved by Chrome as one file whose article is an <iframe>: the outer page and the frame each a
    text/html part (quoted-printable, UTF-8), the iframe pointing at the frame's Content-ID."""
    import quopri

    def part(html: str, extra: str) -> str:
        body = quopri.encodestring(html.encode("utf-8")).decode("ascii")
        return (f"------MultipartBoundary--b9\r\nContent-Type: text/html\r\n{extra}"
                f"Content-Transfer-Encoding: quoted-printable\r\n\r\n{body}\r\n")

    outer = outer.replace("<!--frame-->", '<iframe src="cid:frame-5F1C@mhtml.blink" width="100%"></iframe>')
    return ("From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/9.html\r\n"
            "Subject: =?utf-8?Q?report?=\r\nDate: Tue, 6 Feb 2024 09:12:00 +0800\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--b9"'
            "\r\n\r\n" + part(outer, "Content-ID: <frame-0A1B@mhtml.blink>\r\nContent-Location: "
                                     "http://www.example.gov.cn/art/9.html\r\n")
            + part(frame, "Content-ID: <frame-5F1C@mhtml.blink>\r\n")
            + "------MultipartBoundary--b9--\r\n").encode("ascii")


def compared_all_through(text: str, year: int) -> str:
    """A report comparing with the year before in every paragraph (较2023年…), its title without the year."""
    lines = text.splitlines()
    out = []
    for k, line in enumerate(lines):
        if k < 3 and f"{year}年" in line and "年度报告" in line:
            line = line.replace(f"{year}年", "")
        elif len(_HAN.findall(line)) >= 30 and line.endswith("。"):
            line += f"与{year - 1}年相比，工作力度进一步加大，较{year - 1}年有所提升，{year - 1}年度存在的问题已整改到位。"
        out.append(line)
    out.insert(2, f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止，并与{year - 1}年度数据对照。")
    return "\n".join(out)


def batch9(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-9 kinds, text made with `put`, binary copies returned."""
    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    work = out / "b9"
    work.mkdir(exist_ok=True)
    luanchuan = site_for("栾川县", "豫")
    # A county department titled 县教育局 (page and its Word 97 copy): the county only in the site's name,
    # footer and 版权所有 line.
    edu, edu_truth = dept_report("栾川县教育局", "栾川县", 2023, 901)
    title, body = report_body(edu)
    bare_title, bare_body = title.replace("栾川县", "县"), unplaced(body, "栾川县教育局", "县教育局", "栾川县")
    put("b9-dept-county-sitename.html", page_trs(luanchuan, bare_title, "县教育局", "2024-01-25 10:00",
                                                 bare_body.replace(title, bare_title), 2023), edu_truth, "drawn")
    song = Site("嵩县人民政府", "嵩县", "豫")
    health, health_truth = dept_report("嵩县卫生健康委员会", "嵩县", 2023, 902, me="我委")
    title, body = report_body(health)
    bare_title = title.replace("嵩县", "县")
    page = page_modern(song, bare_title, "县卫生健康委员会", "2024-01-19 16:30",
                       unplaced(body, "嵩县卫生健康委员会", "县卫生健康委员会", "嵩县").replace(title, bare_title), 2023)
    page = page.replace(f"<title>政府信息公开工作年度报告 - {song.name}</title>", "<title>政府信息公开工作年度报告</title>")
    page = page.replace(f'<div class="site-name">{song.name}</div>', '<div class="site-name"><img src="/logo.png"></div>')
    put("b9-dept-county-copyright.html", page, health_truth, "drawn")
    # A 2023 report published in 2024, under a column named 2024年, with its own other years in a sidebar.
    xinan = site_for("新安县", "豫")
    fin, fin_truth = dept_report("新安县财政局", "新安县", 2023, 903)
    title, body = report_body(fin)
    put("b9-sidebar-years.html", page_sidebar_years(xinan, title, "新安县财政局", "2024-03-05 09:00", body,
                                                    "新安县财政局", [2024, 2022, 2021, 2020]), fin_truth, "drawn")
    text = str(render(fin, "tab_rows")[0])
    put("b9-published-nextyear.txt", archive_header(title, "2024-03-05 09:00", "新安县人民政府",
                                                    "http://www.xinan.gov.cn/2024/0305/9011.html")
        + "首页 > 政务公开 > 2024年 > 年度报告\n" + text + "\n2024年工作打算：2024年，我局将继续深化政务公开。\n",
        fin_truth, "drawn")
    # Towns: the 来源 a county office, the title the town alone; a street's dump whose 来源 line is the county's.
    yichuan = site_for("伊川县", "豫")
    town, _ = dept_report("伊川县鸣皋镇人民政府", "伊川县", 2023, 904, me="我镇")
    title, body = report_body(town)
    bare = title.replace("伊川县", "")
    put("b9-town-countysource.html", page_xxgk(yichuan, bare, "伊川县人民政府办公室", "2024-01-30 11:00",
                                               body.replace("伊川县鸣皋镇", "鸣皋镇"), 2023),
        Truth("伊川县鸣皋镇人民政府", "鸣皋镇", 2023, "2021", dict(town.values)), "drawn")
    street, _ = dept_report("洪泽区黄集街道办事处", "洪泽区", 2023, 905, me="我街道")
    text = str(render(street, "tab_rows")[0]).replace("洪泽区黄集街道", "黄集街道")
    put("b9-street-countysource.txt", archive_header(f"黄集街道办事处2023年政府信息公开工作年度报告", "2024-01-16 10:20",
                                                     "洪泽区人民政府办公室", "http://www.hongze.gov.cn/art/2024/1/16/"
                                                     "art_1_905.html") + text,
        Truth("洪泽区黄集街道办事处", "黄集街道", 2023, "2021", dict(street.values)), "drawn")
    # A file named only by a number (that reads like a 2024 date).
    agri, agri_truth = dept_report("洛阳市孟津区农业农村局", "洛阳市孟津区", 2023, 906)
    put("20240119093512.txt", str(render(agri, "tab_rows")[0]), agri_truth, "drawn")
    # Renamed by the 机构改革 in the year: the title's new name, the old one in the opening and in the 来源.
    new, old = "洛阳市偃师区文化和旅游局", "洛阳市偃师区文化广电和旅游局"
    culture, culture_truth = dept_report(new, "洛阳市偃师区", 2023, 907)
    title, body = report_body(culture)
    body = (f"<p>2023年3月，根据机构改革方案，原{old}更名为{new}，原{old}的政府信息公开工作由{new}承接，本报告含更名前"
            f"{old}的政府信息公开情况。</p>" + body)
    put("b9-renamed-midyear.html", page_trs(site_for("洛阳市偃师区", "豫"), title, old, "2024-01-28 15:00", body, 2023),
        culture_truth, "drawn")
    # A 2024 report comparing with 2023 all through, its title without the year.
    market, market_truth = dept_report("洛宁县市场监督管理局", "洛宁县", 2024, 908)
    put("b9-compare-lastyear.txt", compared_all_through(str(render(market, "tab_rows")[0]), 2024), market_truth,
        "drawn")
    # The 发布机构 field names the county government's office, the title the department; the title bare and
    # the department only in the 发布机构 field and the 落款.
    fin2, fin2_truth = dept_report("栾川县财政局", "栾川县", 2023, 909)
    title, body = report_body(fin2)
    put("b9-publisher-differs.html", page_xxgk(luanchuan, title, "栾川县人民政府办公室", "2024-01-22 09:00", body, 2023),
        fin2_truth, "drawn")
    justice, justice_truth = dept_report("宜阳县司法局", "宜阳县", 2023, 910)
    justice.style.signature = True
    title, body = report_body(justice)
    bare = "2023年政府信息公开工作年度报告"
    put("b9-publisher-only.html", page_xxgk(site_for("宜阳县", "豫"), bare, "宜阳县司法局", "2024-01-22 09:00",
                                            body.replace(title, bare).replace("宜阳县司法局2023", "2023"), 2023),
        justice_truth, "drawn")
    # The year before the agency in the title (2023年度栾川县交通运输局…), in a dump whose header has no title.
    road, road_truth = dept_report("栾川县交通运输局", "栾川县", 2023, 914)
    text = str(render(road, "tab_rows")[0]).replace("栾川县交通运输局2023年", "2023年度栾川县交通运输局")
    put("b9-yearfirst-title.txt", "发布时间：2024-02-02\n来源：栾川县交通运输局\n" + text, road_truth, "drawn")
    # English site chrome around a renamed real report; Chrome's MHTML with the report in a frame part.
    reals = renamed_reals()
    r = reals[1]
    put(f"b9-{r.tag}-page-english.html", page_english(r.site, "Minqing County", r.title, r.published, r.body),
        r.truth, r.name)
    r = reals[2]
    outer = page_trs(r.site, r.title, r.source, r.published, "<!--frame-->", r.gold["year"])
    frame = f'<html><head><meta charset="utf-8"></head><body>{r.body}</body></html>'
    put(f"b9-{r.tag}-chrome-framed.mhtml", chrome_mhtml_framed(outer, frame), r.truth, r.name)
    if not office or not soffice():
        return made
    conversions: list[tuple[Path, str, str, Truth, str]] = []
    # Word 97 of the department's report titled 县教育局, signed with the county's name.
    edu.style.signature = True
    html = str(render(edu, "html")[0])
    title = f"栾川县教育局{edu.year}年政府信息公开工作年度报告"
    html = html.replace(f"<h1>{title}", f"<h1>县教育局{edu.year}年政府信息公开工作年度报告")
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    docx = html_to_docx(html, work / "edu.docx")
    conversions.append((docx, ".doc", "b9-dept-county.doc", edu_truth, "drawn"))
    # DOCX of a department titled 县应急管理局, the county only in the page footer.
    import docx as python_docx

    safety, safety_truth = dept_report("栾川县应急管理局", "栾川县", 2023, 915)
    html = str(render(safety, "html")[0])
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    html = html.replace("栾川县应急管理局", "县应急管理局").replace("栾川县", "全县")
    footed = html_to_docx(html, out / "b9-dept-county-footer.docx")
    document = python_docx.Document(str(footed))
    document.sections[0].footer.paragraphs[0].text = "栾川县应急管理局　地址：栾川县城关镇　电话：0379-6682xxxx"
    document.save(str(footed))
    made.append(Variant(footed.name, footed, safety_truth, "drawn"))
    # LibreOffice prints: a renamed real report with a cover page (title, publisher, date; tables from page
    # 2); a drawn report whose title runs over two lines in a large font.
    r = reals[0]
    cover = work / "cover.html"
    cover.write_text(f'<html><head><meta charset="utf-8"></head><body><p style="font-size:26pt;text-align:center">'
                     f'{r.title}</p><p style="text-align:center">{r.full}人民政府办公室</p><p style="text-align:center">'
                     f'{r.published[:10]}</p><p style="page-break-before:always"></p>{r.body}</body></html>',
                     encoding="utf-8")
    conversions.append((cover, ".pdf", f"b9-{r.tag}-cover-lo.pdf", r.truth, r.name))
    s0, s1, s2, s3, s4 = SEED_STEMS
    report, truth = drawn_report(s3, 911, 2023)
    html = str(render(report, "html")[0])
    two = (f'<p style="font-size:24pt;text-align:center"><b>{truth.agency}</b></p><p style="font-size:24pt;'
           f'text-align:center"><b>{report.year}年政府信息公开工作年度报告</b></p>')
    html = re.sub(r"<h1[^>]*>.*?</h1>", two, html, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    split = work / "twoline.html"
    split.write_text(html, encoding="utf-8")
    conversions.append((split, ".pdf", "b9-003-titletwolines-lo.pdf", truth, s3))
    made += _converted(out, conversions)
    if chromium():
        # Printed landscape; a cover whose title is a picture (one small page read by OCR), the report after.
        report, truth = drawn_report(s4, 912, 2024)
        page = work / "landscape.html"
        page.write_text(str(render(report, "html")[0]).replace(
            "</head>", "<style>@page{size:A4 landscape}table{border-collapse:collapse;width:100%}"
                       "td{border:1px solid #000}</style></head>"), encoding="utf-8")
        made.append(Variant("b9-004-landscape.pdf", chrome_print(page, out / "b9-004-landscape.pdf", headed=False),
                            truth, s4))
        report, truth = drawn_report(s0, 913, 2023)
        html = str(render(report, "html")[0])
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S)
        img = picture_of(f'<div style="font-size:28px;font-weight:bold;padding:8px">{h1.group(1)}</div>',
                         work / "cover-title.png")
        html = html.replace(h1.group(0), img + '<p style="page-break-after:always">（封面）</p>')
        html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
        html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
        page = work / "imagecover.html"
        page.write_text(html, encoding="utf-8")
        made.append(Variant("b9-000-imagecover.pdf", chrome_print(page, out / "b9-000-imagecover.pdf", headed=False),
                            truth, s0))
    return made


# --- batch 10: a WeChat 公众号 page as mp.weixin.qq.com saves it (title filled by script, the body hidden until
# its script runs, the account's profile naming another office), the agency only in a 来源/发布机构 row under
# a bare title (page, dump and DOCX), a dump whose title is cut by its 发布时间 line, the year only in the
# statistics-period sentence (2024年度), a 乡 and a 街道办事处 on a 区's site (page and DOC), 委员会/办公室 whose
# long names hold another place's name (故县, 洪泽湖), a GBK dump without a BOM, a page listing the agency's
# past years' reports above its own; a PDF with one scanned page among text pages (OCR), printed tables whose
# row labels wrap over two or three lines.

def page_wechat_mp(title: str, account: str, profile: str, created: int, body: str, *, heading: bool) -> str:
    """A 公众号 article saved from mp.weixin.qq.com: the heading padded with white space (or empty: a picture
    heads the article), the date left for a script (create_time), #js_content hidden until its script runs,
    paragraphs as <section><span leaf>, the account's profile card naming the office that runs it."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for p in list(root.iter("p")):
        p.tag = "section"
        inner = lxml.html.fragment_fromstring('<span leaf=""></span>')
        inner.text, p.text = p.text, None
        for child in list(p):
            inner.append(child)
        p.append(inner)
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    shown = f"\n            {title}\n          " if heading else "\n          "
    cover = "" if heading else '<section><img data-src="https://mmbiz.qpic.cn/cover.png" class="rich_pages"></section>'
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<meta property="og:title" content="{title}"><meta property="og:url" content="http://mp.weixin.qq.com/s?__biz=MzA5&amp;mid=2650">
<meta property="og:site_name" content="微信公众平台"><meta property="twitter:title" content="{title}"><title></title></head>
<body id="activity-detail" class="zh_CN wx_wap_page"><div class="rich_media_area_primary"><div class="rich_media_area_primary_inner">
<h1 class="rich_media_title " id="activity-name">{shown}</h1>
<div id="meta_content" class="rich_media_meta_list"><span class="rich_media_meta rich_media_meta_nickname" id="profileBt">
<a href="javascript:void(0);" id="js_name">{account}</a></span><em id="publish_time" class="rich_media_meta rich_media_meta_text"></em></div>
<div class="rich_media_content js_underline_content autoTypeSetting24psection" id="js_content" style="visibility: hidden;">{cover}{inner}</div>
<div id="js_profile_card"><strong class="profile_nickname">{account}</strong><p class="profile_meta">{profile}官方公众号</p>
<p>微信扫一扫<br>关注该公众号</p></div><div class="rich_media_tool"><a id="js_view_source">阅读原文</a><span>阅读 1,862</span></div>
</div></div>
<script>var ct = "{created}"; var nickname = htmlDecode("{account}"); var msg_title = '{title}'.html(false);
var create_time = "{created}" * 1;</script></body></html>"""


def period_only(text: str, year: int) -> str:
    """The report with every year taken out but the statistics-period sentence (统计期限为2024年度): the title
    without the year, 本年 for the year in the prose, and a 发布日期 of the year after above it."""
    lines = text.splitlines()
    head = [ln for ln in lines[:3] if "年度报告" in ln]
    text = text.replace(f"{year}年度", "本年度").replace(f"{year}年", "本年")
    text = text.replace("本年政府信息公开", "政府信息公开").replace("本年度政府信息公开", "政府信息公开")
    lines = text.splitlines()
    at = next((k for k, ln in enumerate(lines) if ln.strip() and not ("年度报告" in ln)), 1) if head else 1
    lines.insert(at, f"本报告所列数据的统计期限为{year}年度。")
    return f"发布日期：{year + 1}-01-18\n" + "\n".join(lines)


def past_years_above(site: Site, title: str, source: str, published: str, body: str, agency: str,
                     year: int) -> str:
    """A page whose article opens with links to the agency's reports of past years (历年年报), its own after."""
    links = "".join(f'<p><a href="/nb/{y}.html">{agency}{y}年政府信息公开工作年度报告</a></p>'
                    for y in range(year - 1, year - 5, -1))
    return page_trs(site, title, source, published, f'<div class="lnnb"><p><b>历年年报：</b></p>{links}</div>'
                                                    f'<h2 style="text-align:center">{title}</h2>{body}', year)


def without_title_line(text: str, title: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if ln.strip() != title)


def narrow_labels(html: str) -> str:
    """A printable page whose tables are narrow and ruled: the row labels wrap over two or three lines."""
    return html.replace("</head>", "<style>table{border-collapse:collapse;width:460px}"
                                   "td,th{border:1px solid #000;font-size:13px;padding:2px}</style></head>")


def scanned_page(html: str, work: Path) -> str:
    """The page with its 二 part (heading and table) on a page of its own as a picture: a report put
    together from a scan of one page and the text of the others."""
    root = lxml.html.document_fromstring(html)
    tables = root.findall(".//table")
    table = tables[0]
    img = picture_of(lxml.html.tostring(table, encoding="unicode"), work / "scanned.png",
                     "td,th{border:1px solid #000;padding:3px 5px;font-size:15px}table{border-collapse:collapse}")
    holder = lxml.html.fragment_fromstring(f'<div style="page-break-before:always;page-break-after:always">{img}</div>')
    table.getparent().replace(table, holder)
    return lxml.html.tostring(root, encoding="unicode")


def batch10(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-10 kinds, text made with `put`, binary copies returned."""
    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    work = out / "b10"
    work.mkdir(exist_ok=True)
    # WeChat 公众号 articles as mp.weixin.qq.com saves them: a town on a 区's account, the heading in place;
    # a department whose heading is a picture (the title only in og:title and the script).
    town, town_truth = dept_report("洛阳市偃师区府店镇人民政府", "洛阳市偃师区", 2023, 1001, me="我镇")
    title, body = report_body(town)
    put("b10-wechat-mp.html", page_wechat_mp(title, "偃师发布", "洛阳市偃师区委宣传部", 1706168400, body, heading=True),
        town_truth, "drawn")
    water, water_truth = dept_report("嵩县水利局", "嵩县", 2024, 1002)
    title, body = report_body(water)
    put("b10-wechat-mp-picturetitle.html", page_wechat_mp(title, "嵩县融媒", "嵩县融媒体中心", 1737680400,
                                                          body.replace(title, ""), heading=False),
        water_truth, "drawn")
    # The agency only in the 来源 row under a bare title (the site and its footer are the county's), in the
    # 发布机构 line of a dump, and in a 发布机构 paragraph of a DOCX.
    yiyang = site_for("宜阳县", "豫")
    build, build_truth = dept_report("宜阳县住房和城乡建设局", "宜阳县", 2023, 1003)
    title, body = report_body(build)
    bare = "2023年政府信息公开工作年度报告"
    put("b10-source-row-only.html", page_modern(yiyang, bare, "宜阳县住房和城乡建设局", "2024-01-20 10:00",
                                                unplaced(body.replace(title, bare), "宜阳县住房和城乡建设局", "我局",
                                                         "宜阳县"), 2023), build_truth, "drawn")
    trans, trans_truth = dept_report("新安县交通运输局", "新安县", 2023, 1004)
    text = str(render(trans, "tab_rows")[0])
    title = text.splitlines()[0].strip()
    put("b10-publisher-row.txt", f"{bare}\n发布机构：新安县交通运输局　　发布日期：2024-01-26\n"
        + unplaced(without_title_line(text, title), "新安县交通运输局", "我局", "新安县"), trans_truth, "drawn")
    # Titles cut by the 发布时间 line: the agency above it and the year and 年度报告 below, or cut inside.
    civil, civil_truth = dept_report("洛宁县民政局", "洛宁县", 2023, 1005)
    text = str(render(civil, "tab_rows")[0])
    title = text.splitlines()[0].strip()
    put("b10-title-split-dated.txt", "洛宁县民政局\n发布时间：2024-01-22 09:10　来源：本站\n2023年政府信息公开工作年度报告\n"
        + without_title_line(text, title), civil_truth, "drawn")
    audit, audit_truth = dept_report("汝阳县审计局", "汝阳县", 2024, 1006)
    text = str(render(audit, "tab_rows")[0])
    title = text.splitlines()[0].strip()
    put("b10-title-cut-dated.txt", "汝阳县审计局2024年政府信息公开\n发布时间：2025-01-16　浏览次数：87\n工作年度报告\n"
        + without_title_line(text, title), audit_truth, "drawn")
    # The year only in the statistics-period sentence (dump and page), published the year after.
    stats, stats_truth = dept_report("孟津区统计局", "孟津区", 2024, 1007)
    put("b10-period-only.txt", period_only(str(render(stats, "tab_rows")[0]), 2024), stats_truth, "drawn")
    env, env_truth = dept_report("伊川县生态环境分局", "伊川县", 2024, 1008)
    title, body = report_body(env)
    page_text = period_only(f"{title}\n{body}", 2024)
    p_title, p_body = page_text.splitlines()[1], "\n".join(page_text.splitlines()[2:])
    put("b10-period-only.html", page_trs(site_for("伊川县", "豫"), p_title, "伊川县生态环境分局", "2025-01-20 09:00",
                                         p_body, 2024), env_truth, "drawn")
    # A 乡 on its 区's site, titled with the 乡 alone; a 街道办事处 on a 区's site, saved as DOC below.
    xiang, xiang_truth = dept_report("洛阳市偃师区山化乡人民政府", "洛阳市偃师区", 2023, 1009, me="我乡")
    title, body = report_body(xiang)
    short_title = title.replace("洛阳市偃师区", "")
    put("b10-xiang-on-qu.html", page_xxgk(Site("洛阳市偃师区人民政府", "偃师区", "豫"), short_title, "山化乡人民政府",
                                          "2024-01-25 11:00", body.replace(title, short_title)
                                          .replace("洛阳市偃师区山化乡", "山化乡"), 2023), xiang_truth, "drawn")
    # Offices with long names holding another place's name: 故县 (a town's name) inside a county's office,
    # 洪泽湖 (the lake named like the 洪泽区) inside a city's.
    gu, gu_truth = dept_report("洛宁县故县水库移民安置工作委员会办公室", "洛宁县", 2023, 1010, me="我办")
    title, body = report_body(gu)
    put("b10-office-townname.html", page_xxgk(site_for("洛宁县", "豫"), title, "洛宁县故县水库移民安置工作委员会办公室",
                                              "2024-01-29 15:00", body, 2023), gu_truth, "drawn")
    lake, lake_truth = dept_report("淮安市洪泽湖管理委员会办公室", "淮安市", 2023, 1011, me="我办")
    text = str(render(lake, "tab_rows")[0])
    put("b10-office-lakename.txt", archive_header(text.splitlines()[0].strip(), "2024-01-30 10:00", "淮安市人民政府",
                                                  "http://www.huaian.gov.cn/art/2024/1/30/art_1011.html") + text,
        lake_truth, "drawn")
    # An office of a county in another city (驻洛阳办事处): the city's name inside the agency's.
    liaison, liaison_truth = dept_report("嵩县人民政府驻洛阳办事处", "嵩县", 2023, 1017, me="我办")
    text = str(render(liaison, "tab_rows")[0])
    put("b10-office-cityname.txt", archive_header(text.splitlines()[0].strip(), "2024-01-31 16:00", "嵩县人民政府",
                                                  "http://www.hnsongxian.gov.cn/2024/0131/1017.html") + text,
        liaison_truth, "drawn")
    # Names holding 市 or 区 inside (城市管理局, 产业集聚区管理委员会): no city or district of their own.
    urban, urban_truth = dept_report("栾川县城市管理局", "栾川县", 2023, 1020)
    title, body = report_body(urban)
    put("b10-name-holds-shi.html", page_trs(site_for("栾川县", "豫"), title, "栾川县城市管理局", "2024-01-24 10:00", body, 2023),
        urban_truth, "drawn")
    zone, zone_truth = dept_report("栾川县产业集聚区管理委员会", "栾川县", 2024, 1021, me="我委")
    text = str(render(zone, "tab_rows")[0])
    put("b10-name-holds-qu.txt", archive_header(text.splitlines()[0].strip(), "2025-01-24 10:00", "栾川县人民政府",
                                                "http://www.luanchuan.gov.cn/2025/0124/1021.html") + text,
        zone_truth, "drawn")
    # The title's agency and its year apart, the 发布时间 line between them (a page's two heading blocks); the
    # 发布机构 line after the report, its title bare.
    safety, safety_truth = dept_report("宜阳县应急管理局", "宜阳县", 2023, 1022)
    title, body = report_body(safety)
    page = page_modern(yiyang, "2023年政府信息公开工作年度报告", "本网", "2024-01-23 09:00", body.replace(title, ""), 2023)
    page = page.replace('<article><div class="title">', '<article><div class="subtitle">宜阳县应急管理局</div><div class="title">')
    put("b10-title-blocks-apart.html", page, safety_truth, "drawn")
    grain, grain_truth = dept_report("新安县发展和改革委员会", "新安县", 2023, 1023, me="我委")
    text = str(render(grain, "tab_rows")[0])
    title = text.splitlines()[0].strip()
    put("b10-publisher-after.txt", f"{bare}\n" + unplaced(without_title_line(text, title), "新安县发展和改革委员会", "我委",
                                                        "新安县")
        + "\n发布机构：新安县发展和改革委员会\n发布日期：2024-01-26\n", grain_truth, "drawn")
    # The agency bracketed after a title that starts with its year.
    office, office_truth = dept_report("栾川县人民政府办公室", "栾川县", 2023, 1024, me="我办")
    text = str(render(office, "tab_rows")[0])
    put("b10-agency-bracketed-after.txt", "2023年政府信息公开工作年度报告（栾川县人民政府办公室）\n"
        + without_title_line(text, text.splitlines()[0].strip()), office_truth, "drawn")
    # A GBK dump without a BOM or a charset anywhere.
    tour, tour_truth = dept_report("栾川县文化广电和旅游局", "栾川县", 2023, 1012)
    put("b10-dump-gbk.txt", "来源：栾川县人民政府\n" + str(render(tour, "tab_rows")[0]), tour_truth, "drawn", "gbk")
    # The agency's reports of past years listed above this year's in the article.
    health, health_truth = dept_report("新安县卫生健康委员会", "新安县", 2024, 1013, me="我委")
    title, body = report_body(health)
    put("b10-past-years-above.html", past_years_above(site_for("新安县", "豫"), title, "新安县卫生健康委员会",
                                                      "2025-01-21 09:00", body.replace(title, ""),
                                                      "新安县卫生健康委员会", 2024), health_truth, "drawn")
    if not office or not soffice():
        return made
    conversions: list[tuple[Path, str, str, Truth, str]] = []
    # Word 97 of a 街道办事处 titled without its 区, signed with its full name; of the 故县 office.
    street, street_truth = dept_report("洛阳市西工区王城路街道办事处", "洛阳市西工区", 2023, 1014, me="我街道")
    street.style.signature = True
    html = str(render(street, "html")[0]).replace("洛阳市西工区王城路街道办事处2023", "王城路街道办事处2023")
    docx = html_to_docx(html, work / "street.docx")
    conversions.append((docx, ".doc", "b10-street-on-qu.doc", street_truth, "drawn"))
    docx = html_to_docx(str(render(gu, "html")[0]), work / "gu.docx")
    conversions.append((docx, ".doc", "b10-office-townname.doc", gu_truth, "drawn"))
    # DOCX: a bare title, the agency only in the 发布机构 paragraph under it.
    html = str(render(build, "html")[0])
    html = re.sub(r"<h1[^>]*>.*?</h1>", f"<h1>{bare}</h1><p>发布机构：宜阳县住房和城乡建设局</p>", html, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    html = unplaced(html.replace("发布机构：宜阳县住房和城乡建设局", "发布机构：@@"), "宜阳县住房和城乡建设局", "我局",
                    "宜阳县").replace("@@", "宜阳县住房和城乡建设局")
    fab = html_to_docx(html, out / "b10-publisher-paragraph.docx")
    made.append(Variant(fab.name, fab, build_truth, "drawn"))
    # DOCX whose title (agency and year) stands only in a text box above the report.
    import docx as python_docx
    from lxml import etree

    boxed, boxed_truth = dept_report("汝阳县林业局", "汝阳县", 2023, 1018)
    html = str(render(boxed, "html")[0])
    title = re.search(r"<h1[^>]*>(.*?)</h1>", html, flags=re.S).group(1)
    html = re.sub(r"<h1[^>]*>.*?</h1>", "<p></p>", html, count=1, flags=re.S)
    html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
    html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
    path = html_to_docx(html, out / "b10-title-textbox.docx")
    document = python_docx.Document(str(path))
    document.paragraphs[0]._p.insert(0, etree.fromstring(_TEXT_BOX.format(text=title)))
    document.save(str(path))
    made.append(Variant(path.name, path, boxed_truth, "drawn"))
    made += _converted(out, conversions)
    if chromium():
        # The first page a scan (title and 一 as one picture), the rest text.
        first, first_truth = dept_report("伊川县农业农村局", "伊川县", 2024, 1019)
        html = str(render(first, "html")[0])
        html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
        html = re.sub(r'<div class="info">.*?</div>', "", html, flags=re.S)
        root = lxml.html.document_fromstring(html)
        content = root.find_class("article-content")[0]
        head = root.find(".//h1")
        start = list(content).index(content.find(".//table")) if content.find(".//table") is not None else 0
        opening = [head] + [el for el in list(content)[:start] if el.tag != "table"][:6]
        img = picture_of("".join(lxml.html.tostring(el, encoding="unicode") for el in opening), work / "page1.png",
                         "body{width:640px;font-size:16px}h1{font-size:24px;text-align:center}")
        for el in opening:
            el.getparent().remove(el)
        content.insert(0, lxml.html.fragment_fromstring(
            f'<div style="page-break-after:always">{img}</div>'))
        page = work / "firstscan.html"
        page.write_text(lxml.html.tostring(root, encoding="unicode"), encoding="utf-8")
        made.append(Variant("b10-scan-firstpage.pdf", chrome_print(page, out / "b10-scan-firstpage.pdf",
                                                                  headed=False), first_truth, "drawn"))
        # One scanned page (二's table as a picture on a page of its own) among text pages.
        mixed, mixed_truth = dept_report("偃师区市场监督管理局", "偃师区", 2023, 1015)
        page = work / "mixed.html"
        page.write_text(scanned_page(str(render(mixed, "html")[0]), work), encoding="utf-8")
        made.append(Variant("b10-mixed-scan.pdf", chrome_print(page, out / "b10-mixed-scan.pdf", headed=False),
                            mixed_truth, "drawn"))
        # Printed with narrow ruled tables: row labels wrap over two or three lines (a drawn report and a
        # renamed real one).
        narrow, narrow_truth = dept_report("嵩县自然资源局", "嵩县", 2023, 1016)
        page = work / "narrow.html"
        page.write_text(narrow_labels(str(render(narrow, "html")[0])), encoding="utf-8")
        made.append(Variant("b10-wrapped-labels.pdf", chrome_print(page, out / "b10-wrapped-labels.pdf",
                                                                   headed=False), narrow_truth, "drawn"))
        r = renamed_reals()[0]
        page = work / "narrow-real.html"
        page.write_text(narrow_labels(f'<html><head><meta charset="utf-8"></head><body><h1>{r.title}</h1>{r.body}'
                                      f'</body></html>'), encoding="utf-8")
        made.append(Variant(f"b10-{r.tag}-wrapped-labels.pdf", chrome_print(page, out / f"b10-{r.tag}-wrapped-labels.pdf",
                                                                           headed=False), r.truth, r.name))
        # The period-only report printed.
        page = work / "period.html"
        html = str(render(stats, "html")[0])
        html = html.replace("2024年度", "本年度").replace("2024年", "本年").replace("本年政府信息公开", "政府信息公开")
        html = re.sub(r"(<h1[^>]*>.*?</h1>)", r"\1<p>本报告所列数据的统计期限为2024年度。</p>", html, count=1, flags=re.S)
        html = re.sub(r"<title>.*?</title>", "", html, flags=re.S)
        page.write_text(html, encoding="utf-8")
        made.append(Variant("b10-period-only.pdf", chrome_print(page, out / "b10-period-only.pdf", headed=False),
                            stats_truth, "drawn"))
    return made


# --- batch 11: what government sites publish as it is: a WPS/Word PDF with the agency as a running header,
# 「— 3 —」 page numbers and a 「…办公室 2025年1月20日印发」 line (and its text copied by a PDF viewer), 三 carried
# over a page break with its header rows repeated (Word and the browser), cells in full-width digits and
# thousands separators printed, 三 on a landscape page or turned sideways, a DOCX with reviewers' comments,
# a gov.cn 信息公开目录 page whose meta block is a table, a title that is a picture (alt text) with the agency
# only in <meta name="author"> or og:site_name, a dump hard-wrapped every few characters (labels and numbers
# split), the year only in Chinese numerals in the title over a 2025年1月 date, a 市's combined report naming
# its departments.

def wps_docx(html: str, out: Path, *, header: str, issued: str) -> Path:
    """The report as WPS/Word lays out an official document: `header` as the running header, 「— N —」 in
    the footer, 三 pushed over a page break with its header rows repeating, and the 印发 line at the end."""
    import docx
    from lxml import etree

    from bench.binary_copies import html_to_docx

    html = html.replace("</body>", f"<p>抄送：县委办公室，县人大常委会办公室，县政协办公室。</p><p>{issued}</p></body>")
    html_to_docx(html, out, push_table="三、", filler_lines=14, running_header=header)
    document = docx.Document(out)
    _repeat_head_rows(document)
    footer = document.sections[0].footer.paragraphs[0]._p
    w = _WNS[1:-1]
    footer.append(etree.fromstring(f'<w:r xmlns:w="{w}"><w:t xml:space="preserve">— </w:t></w:r>'))
    footer.append(etree.fromstring(f'<w:fldSimple xmlns:w="{w}" w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer.append(etree.fromstring(f'<w:r xmlns:w="{w}"><w:t xml:space="preserve"> —</w:t></w:r>'))
    document.save(out)
    return out


def _thead(html: str) -> str:
    """Every table's header rows (those before the first row whose cells hold numbers) in a <thead>, so that
    a browser's print repeats them on each page the table runs onto."""
    root = lxml.html.document_fromstring(html)
    for table in root.iter("table"):
        body = table.find("tbody")
        rows = list(body if body is not None else table)
        head = []
        for tr in rows:
            if any(re.fullmatch(r"[\d.,]+", (td.text_content() or "").strip()) for td in tr):
                break
            head.append(tr)
        if head and len(head) < len(rows):
            thead = lxml.html.Element("thead")
            for tr in head:
                thead.append(tr)
            table.insert(0, thead)
    return lxml.html.tostring(root, encoding="unicode")


def _third_table_page(html: str, style: str) -> str:
    """三's table on a page of its own styled with `style` (a landscape named page, or turned sideways)."""
    root = lxml.html.document_fromstring(html)
    table = root.findall(".//table")[1]
    holder = lxml.html.fragment_fromstring(f'<div class="three" style="{style}"></div>')
    table.getparent().replace(table, holder)
    holder.append(table)
    return lxml.html.tostring(root, encoding="unicode")


def commented_docx(src: Path, out: Path) -> Path:
    """A DOCX with a reviewer's comments left on table cells and on the title (what 审阅 leaves in a WPS
    file sent for sign-off): each comment names a number and another office."""
    import docx

    document = docx.Document(str(src))
    document.add_comment(document.paragraphs[0].runs, text="标题请核对：县政府办公室意见", author="县政府办", initials="ZFB")
    k = 0
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                runs = [r for p in cell.paragraphs for r in p.runs]
                if runs and re.fullmatch(r"\d+", cell.text.strip()) and k < 12:
                    document.add_comment(runs, text=f"此数与上年{int(cell.text) + 3}件不一致，请核实", author="审核人")
                    k += 1
    document.save(str(out))
    return out


def page_govcn(title: str, agency: str, index: str, written: str, published: str, body: str) -> str:
    """A gov.cn 信息公开目录 page: the meta block a bordered table (索引号 / 主题分类 / 发布机构 / 成文日期 /
    标题 / 发文字号 / 发布日期) above the report, the heading only there, the portal's own name in <title>."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>信息公开目录_中国政府网</title></head><body>
<div class="header"><a href="/">中国政府网</a> <a href="/zhengce/">政策</a> <a href="/xxgk/">信息公开</a></div>
<div class="policyLibraryOverview_header"><table class="bd1" border="0" cellpadding="0" cellspacing="1" width="100%">
<tbody><tr><td width="90"><b>索 引 号：</b></td><td width="270">{index}</td><td width="90"><b>主题分类：</b></td><td>综合政务\\政务公开</td></tr>
<tr><td><b>发文机关：</b></td><td>{agency}</td><td><b>成文日期：</b></td><td>{written}</td></tr>
<tr><td><b>标　　题：</b></td><td colspan="3">{title}</td></tr>
<tr><td><b>发文字号：</b></td><td></td><td><b>发布日期：</b></td><td>{published}</td></tr></tbody></table></div>
<div class="pages_content" id="UCAP-CONTENT">{body}</div>
<div class="footer">主办单位：国务院办公厅　运行维护单位：中国政府网运行中心　版权所有：中国政府网</div></body></html>"""


def page_img_title(alt: str, head_meta: str, site_title: str, body: str, published: str) -> str:
    """A page whose visible title is a picture (its alt text the bare title); who published it only in the
    <head>'s metadata; the <title> the column's."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{head_meta}<title>{site_title}</title></head><body>
<div class="top"><img src="/images/banner.png" alt="网站首页"></div><div class="nav"><a href="/">首页</a> <a href="/zwgk/">政务公开</a></div>
<div class="detail"><div class="tit"><img src="/uploadfiles/title2025.png" alt="{alt}"></div>
<div class="info">发布时间：{published}　阅读次数：213</div><div class="con">{body}</div></div>
<div class="foot">技术支持：某某信息技术有限公司</div></body></html>"""


def hard_wrapped(text: str, width: int) -> str:
    """A dump copied out of a PDF viewer that breaks every line after `width` characters (a fixed-width text
    pane): labels and numbers are split across lines; a table row's cells apart by a space."""
    out: list[str] = []
    for line in text.splitlines():
        line = re.sub(r"[ \t]+", " ", line).strip()
        out += [line[i:i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(out) + "\n"


def han_title_only(text: str, year: int, written: str) -> str:
    """The year only in the title in Chinese numerals (二〇二四年度…), 本年度 in the prose, dated `written`
    (2025年1月…) in Arabic numerals at the end."""
    lines = text.splitlines()
    title = lines[0].replace(f"{year}年", f"{_han_year(str(year))}年")
    rest = "\n".join(lines[1:]).replace(f"{year}年度", "本年度").replace(f"{year}年", "本年")
    rest = re.sub(r"\n[^\n]*20\d\d年\d+月\d+日\s*$", "", rest.rstrip())
    return f"{title}\n{rest}\n{written}\n"


def combined_city(text: str, city: str) -> str:
    """A 市's combined report: titled with the city alone (「某市2024年政府信息公开工作年度报告」), its opening
    naming the departments and counties whose reports it gathers."""
    depts = "、".join(f"{city}{d}" for d in ("发展和改革委员会", "教育局", "公安局", "财政局", "自然资源和规划局",
                                              "住房和城乡建设局", "卫生健康委员会", "市场监督管理局"))
    lines = text.splitlines()
    lines[0] = lines[0].replace(f"{city}人民政府", city)
    lines.insert(1, f"本报告由{city}人民政府办公室根据{depts}等市政府各部门和各县（市、区）人民政府的年度报告汇总编制，"
                    f"包括总体情况、主动公开政府信息情况等六部分。")
    return "\n".join(lines) + "\n"


def batch11(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-11 kinds, text made with `put`, binary copies returned."""
    from bench.binary_copies import html_to_docx, soffice

    made: list[Variant] = []
    work = out / "b11"
    work.mkdir(exist_ok=True)
    # The gov.cn 信息公开目录 page: the title without the agency, the agency in the meta table's 发文机关.
    forest, forest_truth = dept_report("永城市林业局", "永城市", 2024, 1101)
    title, body = report_body(forest)
    bare = "2024年政府信息公开工作年度报告"
    put("b11-govcn-meta.html", page_govcn(bare, "永城市林业局", "11411481MB1C12345P/2025-00031", "2025年01月16日",
                                         "2025-01-20", unplaced(body.replace(title, ""), "永城市林业局", "我局", "永城市")),
        forest_truth, "drawn")
    # The title a picture: its alt text bare, the agency only in <meta name="author">; a county government's
    # own report whose agency is only in og:site_name.
    water, water_truth = dept_report("夏邑县水利局", "夏邑县", 2024, 1102)
    title, body = report_body(water)
    put("b11-imgtitle-author.html", page_img_title(bare, '<meta name="author" content="夏邑县水利局">',
                                                    "政府信息公开年报", unplaced(body.replace(title, ""), "夏邑县水利局",
                                                                         "我局", "夏邑县"), "2025-01-22 10:12"),
        water_truth, "drawn")
    county, county_truth = dept_report("虞城县人民政府", "虞城县", 2024, 1103, me="我县")
    title, body = report_body(county)
    put("b11-imgtitle-ogsite.html", page_img_title(bare, '<meta property="og:site_name" content="虞城县人民政府">'
                                                         '<meta property="og:type" content="article">',
                                                    "年度报告", body.replace(title, "").replace("虞城县人民政府", "我县"),
                                                    "2025-01-24 09:00"), county_truth, "drawn")
    # Hard-wrapped dumps (a fixed-width pane): every 17 and every 23 characters.
    wrap1, wrap1_truth = dept_report("柘城县民政局", "柘城县", 2024, 1104)
    put("b11-hardwrap17.txt", hard_wrapped(str(render(wrap1, "tab_rows")[0]), 17), wrap1_truth, "drawn")
    wrap2, wrap2_truth = dept_report("睢县教育体育局", "睢县", 2023, 1105)
    put("b11-hardwrap23.txt", hard_wrapped(str(render(wrap2, "tab_rows")[0]), 23), wrap2_truth, "drawn")
    # The year only in the title in Chinese numerals, dated 2025年1月 (dump and page).
    han, han_truth = dept_report("民权县审计局", "民权县", 2024, 1106)
    han_text = han_title_only(str(render(han, "tab_rows")[0]), 2024, "2025年1月17日")
    put("b11-hantitle.txt", f"发布时间：2025-01-17\n{han_text}", han_truth, "drawn")
    han2, han2_truth = dept_report("宁陵县财政局", "宁陵县", 2024, 1107)
    title, body = report_body(han2)
    h_text = han_title_only(f"{title}\n{body}", 2024, "<p>2025年1月21日</p>")
    put("b11-hantitle.html", page_trs(site_for("宁陵县", "豫"), h_text.splitlines()[0], "宁陵县财政局",
                                      "2025-01-21 15:30", "\n".join(h_text.splitlines()[1:]), 2024), han2_truth, "drawn")
    # A 市's combined report, titled with the city alone (dump and page).
    city, city_truth = dept_report("商丘市人民政府", "商丘市", 2024, 1108, me="我市")
    put("b11-city-combined.txt", archive_header(f"商丘市2024年政府信息公开工作年度报告", "2025-01-26 10:00",
                                                "商丘市人民政府办公室", "http://www.shangqiu.gov.cn/2025/0126/1108.html")
        + combined_city(str(render(city, "tab_rows")[0]), "商丘市"), city_truth, "drawn")
    city2, city2_truth = dept_report("周口市人民政府", "周口市", 2023, 1109, me="我市")
    title, body = report_body(city2)
    c_text = combined_city(f"{title}\n{body}", "周口市")
    put("b11-city-combined.html", page_modern(site_for("周口市", "豫"), c_text.splitlines()[0], "周口市人民政府办公室",
                                              "2024-01-29 10:00", "<p>" + c_text.splitlines()[1] + "</p>"
                                              + "\n".join(c_text.splitlines()[2:]), 2023), city2_truth, "drawn")
    if not office or not soffice():
        return made
    # A WPS/Word document: the agency as the running header, 「— N —」, 三 over a page break with its header
    # rows repeated, the 印发 line of the county government's office (dated the year after); as DOCX, as its
    # PDF, and that PDF copied by a PDF viewer. The same for a renamed real page.
    wps, wps_truth = dept_report("永城市交通运输局", "永城市", 2024, 1110)
    docx_path = wps_docx(str(render(wps, "html")[0]), out / "b11-wps-headed.docx", header="永城市交通运输局",
                         issued="永城市人民政府办公室　　　　　　2025年1月20日印发")
    made.append(Variant(docx_path.name, docx_path, wps_truth, "drawn"))
    r = renamed_reals()[0]
    real_docx = wps_docx(f'<html><body><h1>{r.title}</h1>{r.body}</body></html>', work / "real-wps.docx",
                         header=r.full, issued=f"{r.full}人民政府办公室　　　　{r.gold['year'] + 1}年2月1日印发")
    from bench.binary_copies import docx_to_pdfs

    commented = commented_docx(docx_path, out / "b11-comments.docx")
    made.append(Variant(commented.name, commented, wps_truth, "drawn"))
    pdfs = docx_to_pdfs([docx_path, real_docx], work)
    pdf = pdfs[0].replace(out / "b11-wps-headed.pdf")
    made.append(Variant(pdf.name, pdf, wps_truth, "drawn"))
    real_pdf = pdfs[1].replace(out / f"b11-{r.tag}-wps-headed.pdf")
    made.append(Variant(real_pdf.name, real_pdf, r.truth, r.name))
    put("b11-wps-headed-copy.txt", pdfium_copy(pdf), wps_truth, "drawn")
    put(f"b11-{r.tag}-wps-headed-copy.txt", pdfium_copy(real_pdf), r.truth, r.name)
    if chromium():
        # 三 running over pages with its header rows repeated (<thead>), in big type.
        tall, tall_truth = dept_report("夏邑县自然资源局", "夏邑县", 2024, 1111)
        page = work / "thead.html"
        page.write_text(_thead(str(render(tall, "html")[0])).replace(
            "</head>", "<style>td,th{font-size:22px;padding:8px;border:1px solid #000}table{border-collapse:collapse}"
                       "</style></head>"), encoding="utf-8")
        made.append(Variant("b11-thead-repeat.pdf", chrome_print(page, out / "b11-thead-repeat.pdf", headed=False),
                            tall_truth, "drawn"))
        # Cells in full-width digits and with thousands separators, printed (a renamed real page).
        r2 = renamed_reals()[1]
        page = work / "wide.html"
        page.write_text(f'<html><head><meta charset="utf-8"></head><body><h1>{r2.title}</h1>'
                        f'{_wide_cells(thousands(r2.body))}</body></html>', encoding="utf-8")
        made.append(Variant(f"b11-{r2.tag}-widecells.pdf", chrome_print(page, out / f"b11-{r2.tag}-widecells.pdf",
                                                                        headed=False), r2.truth, r2.name))
        # 三 on a landscape page among portrait ones, and 三 turned sideways on a portrait page.
        land, land_truth = dept_report("柘城县卫生健康委员会", "柘城县", 2024, 1112, me="我委")
        page = work / "landscape.html"
        page.write_text(_third_table_page(str(render(land, "html")[0]), "page:wide;page-break-before:always").replace(
            "</head>", "<style>@page wide{size:A4 landscape}div.three{page:wide}</style></head>"), encoding="utf-8")
        made.append(Variant("b11-landscape-three.pdf", chrome_print(page, out / "b11-landscape-three.pdf",
                                                                   headed=False), land_truth, "drawn"))
        turned, turned_truth = dept_report("睢县市场监督管理局", "睢县", 2024, 1113)
        page = work / "sideways.html"
        page.write_text(_third_table_page(str(render(turned, "html")[0]),
                                          "page-break-before:always;page-break-after:always;transform:rotate(-90deg) "
                                          "translate(-100%,0);transform-origin:top left;width:900px;height:640px"),
                        encoding="utf-8")
        made.append(Variant("b11-sideways-three.pdf", chrome_print(page, out / "b11-sideways-three.pdf",
                                                                  headed=False), turned_truth, "drawn"))
    return made


def _wide_cells(body: str) -> str:
    """Table cells' digits full-width (１２３, １，２３４): typed with a full-width input method."""
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for el in root.iter():
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value and any(a.tag in ("td", "th") for a in [el, *el.iterancestors()]):
                setattr(el, attr, wide_digits(value).replace(",", "，"))
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in root)


# --- batch 12: government portals whose <title> is the site's name and whose report title stands in a
# <div class="title"> among breadcrumbs and 当前位置 lines (the agency only in the breadcrumb's column), a
# column page listing several reports saved by mistake (refused), the year only in the 统计期限 sentence
# (2024年1月1日至2024年12月31日), titles with the agency after 关于, a county's 局 saying 本局 throughout, the
# year in full-width digits or with 〇/○/零, pages switched to 繁體 by the site's own button, tables typed
# as tab-separated lines in a DOCX, tables as pictures with a text transcription below, a printed page with
# narrow label columns copied by a PDF viewer.

_DEPTS = ("财政局", "教育体育局", "公安局", "民政局", "人力资源和社会保障局", "自然资源局", "住房和城乡建设局", "交通运输局",
          "水利局", "农业农村局", "卫生健康委员会", "市场监督管理局")


def page_portal(site: Site, div_title: str, crumbs: list[str], body: str, published: str, *,
                side: bool = True) -> str:
    """A county portal's article page: <title> the site's name, a 当前位置 breadcrumb (and a 您所在的位置
    line repeating it above the article), a side list of the county's departments, the report's title only
    in a <div class="title">, a 发布时间 line without a 来源."""
    crumb = " &gt; ".join(f'<a href="/c{k}/">{c}</a>' for k, c in enumerate(crumbs))
    depts = "".join(f'<li><a href="/bm/{k}/">{site.place}{d}</a></li>' for k, d in enumerate(_DEPTS))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site.name}</title>
<meta name="keywords" content="{site.name},政务公开,政府信息公开"></head><body>
<div class="top"><span>{site.name}</span><a href="/fanti/">繁體</a><a href="/wza/">无障碍浏览</a></div>
<div class="nav">{_menu(site)}</div>
<div class="location">当前位置：{crumb}</div>
<div class="wrap">{f'<div class="side"><h3>部门信息公开</h3><ul>{depts}</ul></div>' if side else ''}
<div class="detail"><div class="pos">您所在的位置：{" » ".join(crumbs)}</div>
<div class="title">{div_title}</div>
<div class="sub">发布时间：{published}　　浏览次数：<span>126</span>　　【<a>打印</a>】【<a>关闭</a>】</div>
<div class="article">{body}</div></div></div>
{_footer(site, 5)}</body></html>"""


def column_page(site: Site, titles: list[tuple[str, str]]) -> str:
    """A column page of the portal (政府信息公开年报): a list of several reports with their dates, one
    report's opening as a teaser, no report of its own — what a user saves when they meant the article."""
    items = "".join(f'<li><a href="/art/{k}.html">{t}</a><span class="date">{d}</span></li>'
                    for k, (t, d) in enumerate(titles))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府信息公开年报_{site.name}</title></head><body>
<div class="top">{site.name}</div><div class="nav">{_menu(site)}</div>
<div class="location">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>
<div class="list"><h2>政府信息公开年报</h2><ul>{items}</ul>
<div class="teaser"><p>{titles[0][0]}</p><p>本报告根据《中华人民共和国政府信息公开条例》要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项六个部分……</p></div>
<div class="pages">共{len(titles)}条　首页 上一页 <b>1</b> 2 3 下一页 尾页</div></div>
{_footer(site, 6)}</body></html>"""


def column_titles(place: str, years: range) -> list[tuple[str, str]]:
    return [(f"{place}{d}{y}年政府信息公开工作年度报告", f"{y + 1}-01-{10 + k:02d}")
            for y in years for k, d in enumerate(_DEPTS[:4])]


def period_range(text: str, year: int) -> str:
    """Every year taken out but the statistics-period sentence, written as a day range
    (统计期限为2024年1月1日至2024年12月31日), the title yearless, published the year after."""
    text = text.replace(f"{year}年度", "本年度").replace(f"{year}年", "本年")
    text = text.replace("本年政府信息公开", "政府信息公开").replace("本年度政府信息公开", "政府信息公开")
    lines = text.splitlines()
    at = next((k for k, ln in enumerate(lines) if ln.strip() and "年度报告" not in ln), 1)
    lines.insert(at, f"本报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。")
    return "\n".join(lines) + "\n"


def benju(text: str, full: str, place: str) -> str:
    """A department's report saying 本局 for itself and 本县 for its county all through; its full name kept
    in the title and the 落款."""
    lines = text.splitlines()
    head, rest = lines[0], "\n".join(lines[1:])
    rest = rest.replace(full, "本局").replace("我局", "本局").replace(place, "本县")
    return f"{head}\n{rest}\n{full}\n"


def han_digits_year(year: int, zero: str) -> str:
    """The year in Chinese numerals with `zero` for 0: 二〇二四, 二○二四 (a circle typed for 〇), 二零二四."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year)).replace("〇", zero)


def trad_html(html: str) -> str:
    """The page as a portal's 繁體 button gives it: every text node converted, digits and markup as they are."""
    root = lxml.html.document_fromstring(html)
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if value:
                setattr(el, attr, "".join(_TRAD.get(ch, ch) for ch in value))
    for meta in root.iter("meta"):
        if meta.get("content"):
            meta.set("content", "".join(_TRAD.get(ch, ch) for ch in meta.get("content")))
    return lxml.html.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def as_written(truth: Truth) -> Truth:
    """The truth of a 繁體 copy: the agency named as the copy writes it (index.model.ReportMeta), its short name
    simplified."""
    return Truth("".join(_TRAD.get(ch, ch) for ch in truth.agency), truth.short, truth.year, truth.fmt, truth.facts)


def transcribed(body: str) -> str:
    """The body's tables as pictures that did not come along, and below the report the tables typed out
    (附：表格文字版), a row a paragraph, its cells apart by two spaces — what sites add for screen readers."""
    lines = []
    root = lxml.html.fragment_fromstring(body, create_parent="div")
    for k, table in enumerate(root.findall(".//table")):
        lines.append(f"<p>表{k + 1}</p>")
        for row in _grid_cells(table):
            cells = [normal_cell(td) if td is not None and first else "" for td, first in row]
            lines.append("<p>" + "  ".join(c for c in cells if c) + "</p>")
        table.getparent().replace(table, lxml.html.fragment_fromstring(
            f'<p><img src="/uploadfiles/nb/table{k + 1}.jpg" alt="表{k + 1}"></p>'))
    inner = "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return inner + '<div class="wzb"><p>附：表格文字版</p>' + "".join(lines) + "</div>"


def label_column_wrapped(text: str, width: int) -> str:
    """A tab-row report as a PDF viewer copies it from a print whose label column is `width` characters wide:
    each label over lines of `width` characters, the row's numbers apart by spaces after its last piece."""
    out = []
    for line in text.splitlines():
        if "\t" not in line:
            out.append(line)
            continue
        cells = [c.strip() for c in line.split("\t") if c.strip()]
        labels = [c for c in cells if not re.fullmatch(r"[\d.,]+", c)]
        values = [c for c in cells if re.fullmatch(r"[\d.,]+", c)]
        pieces = [piece for label in labels for piece in (label[i:i + width] for i in range(0, len(label), width))]
        if pieces and values:
            pieces[-1] += " " + " ".join(values)
        out += pieces or [" ".join(values)]
    return "\n".join(out) + "\n"


def tabs_docx(text: str, out: Path) -> Path:
    """A DOCX typed as plain paragraphs: each table row a paragraph, its cells apart by tabs (a Word user
    who lined the tables up with tab stops)."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.rstrip())
    document.save(str(out))
    return out


def batch12(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-12 kinds, text made with `put`, binary copies returned."""
    made: list[Variant] = []
    work = out / "b12"
    work.mkdir(exist_ok=True)
    pds = site_for("平顶山市", "豫")
    # A portal page titled with the site's name, the title in a <div class="title"> between 当前位置 lines.
    stat, stat_truth = dept_report("汝州市统计局", "汝州市", 2024, 1202)
    title, body = report_body(stat)
    put("b12-portal-divtitle.html", page_portal(site_for("汝州市", "豫"), title, ["首页", "政务公开", "部门信息公开",
                                                                               "政府信息公开年报"],
                                               body.replace(title, ""), "2025-01-21 16:20"), stat_truth, "drawn")
    # The same with a bare title: the agency only as the breadcrumb's column (the side lists every department).
    fin, fin_truth = dept_report("郏县财政局", "郏县", 2024, 1203)
    title, body = report_body(fin)
    bare = "2024年度政府信息公开工作年度报告"
    put("b12-portal-crumbagency.html", page_portal(site_for("郏县", "豫"), bare, ["首页", "信息公开", "部门信息公开目录",
                                                                               "郏县财政局", "政府信息公开年报"],
                                                  unplaced(body.replace(title, ""), "郏县财政局", "我局", "郏县"),
                                                  "2025-01-18 09:00"), fin_truth, "drawn")
    # The agency after 关于: a page's title and a dump's.
    land, land_truth = dept_report("宝丰县自然资源局", "宝丰县", 2024, 1204)
    text = str(render(land, "tab_rows")[0])
    guanyu = "关于宝丰县自然资源局2024年度政府信息公开工作情况的报告"
    put("b12-guanyu-title.txt", f"{guanyu}\n发布时间：2025-01-15\n" + without_title_line(text, text.splitlines()[0].strip()),
        land_truth, "drawn")
    water, water_truth = dept_report("叶县水利局", "叶县", 2024, 1206)
    title, body = report_body(water)
    put("b12-guanyu-portal.html", page_portal(site_for("叶县", "豫"), "关于叶县水利局2024年政府信息公开工作年度报告的公告",
                                             ["首页", "政务公开", "政府信息公开年报"],
                                             "<p>现将叶县水利局2024年政府信息公开工作年度报告予以公布。</p>"
                                             + body.replace(title, ""), "2025-01-24 10:00"), water_truth, "drawn")
    # The year only in the statistics period written as a day range (dump and page), published the year after.
    road, road_truth = dept_report("鲁山县交通运输局", "鲁山县", 2024, 1208)
    put("b12-period-range.txt", "发布日期：2025-01-20\n" + period_range(str(render(road, "tab_rows")[0]), 2024),
        road_truth, "drawn")
    farm, farm_truth = dept_report("舞钢市农业农村局", "舞钢市", 2023, 1209)
    title, body = report_body(farm)
    p_text = period_range(f"{title}\n{body}", 2023)
    put("b12-period-range.html", page_portal(site_for("舞钢市", "豫"), p_text.splitlines()[0],
                                            ["首页", "政务公开", "政府信息公开年报"], "\n".join(p_text.splitlines()[1:]),
                                            "2024-01-19 15:00"), farm_truth, "drawn")
    # A county's 局 saying 本局 and 本县 all through (dump; page whose title drops the county).
    civil, civil_truth = dept_report("郏县民政局", "郏县", 2023, 1210)
    put("b12-benju.txt", benju(str(render(civil, "tab_rows")[0]), "郏县民政局", "郏县"), civil_truth, "drawn")
    # … titled bare, signed under its closing date (the agency the file's last line).
    house, house_truth = dept_report("舞钢市住房和城乡建设局", "舞钢市", 2024, 1230)
    b_text = benju(str(render(house, "tab_rows")[0]), "舞钢市住房和城乡建设局", "舞钢市").splitlines()
    put("b12-benju-signedunder.txt", "2024年政府信息公开工作年度报告\n" + "\n".join(b_text[1:]) + "\n", house_truth,
        "drawn")
    market, market_truth = dept_report("宝丰县市场监督管理局", "宝丰县", 2024, 1212)
    title, body = report_body(market)
    short_title = title.replace("宝丰县", "县")
    b_text = benju(f"{short_title}\n{body.replace(title, '')}", "宝丰县市场监督管理局", "宝丰县")
    put("b12-benju-countyless.html", page_trs(site_for("宝丰县", "豫"), short_title, "本局", "2025-01-22 11:00",
                                              "\n".join(b_text.splitlines()[1:]), 2024), market_truth, "drawn")
    # Column pages listing several reports, saved instead of the report: refused (page and its text dump).
    refused = Truth("", "", 0, "", {}, refused=True)
    put("b12-column-list.html", column_page(pds, column_titles("平顶山市", range(2024, 2021, -1))), refused, "drawn")
    put("b12-column-list.txt", "政府信息公开年报\n当前位置：首页 > 政务公开 > 政府信息公开年报\n"
        + "\n".join(f"{t}\t{d}" for t, d in column_titles("叶县", range(2024, 2020, -1))) + "\n共16条 1 2 下一页\n",
        refused, "drawn")
    # The report published inside a notice: 关于印发《…年度报告》的通知, addressed to the bureau's offices.
    urban, urban_truth = dept_report("平顶山市城市管理局", "平顶山市", 2024, 1221)
    text = str(render(urban, "tab_rows")[0])
    title = text.splitlines()[0].strip()
    put("b12-guanyu-notice.txt", f"关于印发《{title}》的通知\n各科室、局属各单位：\n现将《{title}》印发给你们，请认真贯彻落实。\n"
        + text, urban_truth, "drawn")
    # The year in full-width digits (title and prose), with 〇/○/零 in the 落款 or the title.
    health, health_truth = dept_report("汝州市卫生健康委员会", "汝州市", 2024, 1213, me="我委")
    text = str(render(health, "tab_rows")[0])
    put("b12-wideyear.txt", text.replace("2024年", "２０２４年").replace("2025年", "２０２５年"), health_truth, "drawn")
    gas, gas_truth = dept_report("郏县发展和改革委员会", "郏县", 2024, 1222, me="我委")
    title, body = report_body(gas)
    put("b12-wideyear-portal.html", page_portal(site_for("郏县", "豫"), title.replace("2024年", "２０２４年"),
                                               ["首页", "政务公开", "政府信息公开年报"], body.replace(title, ""),
                                               "2025-01-17 09:40"), gas_truth, "drawn")
    edu, edu_truth = dept_report("鲁山县教育体育局", "鲁山县", 2023, 1214)
    text = str(render(edu, "tab_rows")[0])
    lines = text.splitlines()
    at = next(k for k, ln in enumerate(lines) if "年度报告" in ln)  # the title, on one line or under its agency
    lines[at] = lines[at].replace("2023年", f"{han_digits_year(2023, '○')}年")  # a circle typed for 〇
    rest = "\n".join(lines[at + 1:]).replace("2023年度", "本年度").replace("2023年", "本年")
    put("b12-circleyear.txt", "\n".join(lines[:at + 1]) + "\n" + rest.replace("2024年1月", "二○二四年一月"),
        edu_truth, "drawn")
    sport, sport_truth = dept_report("舞钢市文化广电和旅游局", "舞钢市", 2024, 1215)
    title, body = report_body(sport)
    z_title = title.replace("2024年", f"{han_digits_year(2024, '零')}年")
    put("b12-lingyear.html", page_portal(site_for("舞钢市", "豫"), z_title, ["首页", "政务公开", "政府信息公开年报"],
                                        body.replace(title, "").replace("2024年度", "本年度").replace("2024年", "本年"),
                                        "2025-01-23 08:30"), sport_truth, "drawn")
    # Pages switched to 繁體 by the portal's button (the chrome too, digits as they are), and a 繁體 dump.
    police, police_truth = dept_report("叶县公安局", "叶县", 2024, 1216)
    title, body = report_body(police)
    put("b12-fanti-portal.html", trad_html(page_portal(site_for("叶县", "豫"), title, ["首页", "政务公开", "政府信息公开年报"],
                                                       body.replace(title, ""), "2025-01-16 10:00")),
        as_written(police_truth), "drawn")
    r = renamed_reals()[2]
    put(f"b12-{r.tag}-fanti.html", trad_html(page_trs(r.site, r.title, r.source, r.published, r.body, r.gold["year"])),
        as_written(r.truth), r.name)
    hr, hr_truth = dept_report("郏县人力资源和社会保障局", "郏县", 2023, 1217)
    put("b12-fanti.txt", "".join(_TRAD.get(ch, ch) for ch in str(render(hr, "tab_rows")[0])), as_written(hr_truth),
        "drawn")
    # The label column wrapped three characters a line, the row's numbers after its last piece.
    lab, lab_truth = dept_report("舞钢市人力资源和社会保障局", "舞钢市", 2024, 1223)
    put("b12-labels-wrapped3.txt", label_column_wrapped(str(render(lab, "tab_rows")[0]), 3), lab_truth, "drawn")
    # Tables as pictures that did not come along, typed out below the report (a drawn report and a real one).
    house, house_truth = dept_report("汝州市住房和城乡建设局", "汝州市", 2024, 1218)
    title, body = report_body(house)
    put("b12-imgtables-transcribed.html", page_portal(site_for("汝州市", "豫"), title, ["首页", "政务公开", "年报"],
                                                      transcribed(body.replace(title, "")), "2025-01-25 09:00"),
        house_truth, "drawn")
    r0 = renamed_reals()[0]
    put(f"b12-{r0.tag}-transcribed.html", page_xxgk(r0.site, r0.title, r0.source, r0.published, transcribed(r0.body),
                                                   r0.gold["year"]), r0.truth, r0.name)
    if not office:
        return made
    # DOCX typed with tabs: the tables as tab-separated paragraphs (a drawn report and the real dump's rows).
    trans, trans_truth = dept_report("鲁山县交通运输局", "鲁山县", 2023, 1219)
    path = tabs_docx(str(render(trans, "tab_rows")[0]), out / "b12-tabs.docx")
    made.append(Variant(path.name, path, trans_truth, "drawn"))
    r1 = renamed_reals()[1]
    lines = [r1.title] + _block_lines(r1.body, "\t")
    path = tabs_docx("\n".join(lines), out / f"b12-{r1.tag}-tabs.docx")
    made.append(Variant(path.name, path, r1.truth, r1.name))
    if chromium():
        # A portal page printed by the browser, its breadcrumbs and side list on the page.
        page = work / "portal.html"
        page.write_text((out / "b12-portal-crumbagency.html").read_text(encoding="utf-8"), encoding="utf-8")
        made.append(Variant("b12-portal-crumbagency.pdf", chrome_print(page, out / "b12-portal-crumbagency.pdf",
                                                                      headed=True), fin_truth, "drawn"))
        # Narrow label columns printed, the PDF copied by a PDF viewer: labels wrapped 2–4 characters a line.
        narrow, narrow_truth = dept_report("宝丰县卫生健康委员会", "宝丰县", 2024, 1220, me="我委")
        page = work / "narrow.html"
        page.write_text(narrow_labels(str(render(narrow, "html")[0])).replace(
            "</style>", "td:first-child{width:60px}</style>"), encoding="utf-8")
        pdf = chrome_print(page, work / "narrow.pdf", headed=False)
        put("b12-narrow-pdfviewer.txt", pdfium_copy(pdf), narrow_truth, "drawn")
        r2 = renamed_reals()[1]
        page = work / "narrow-real.html"
        page.write_text(narrow_labels(f'<html><head><meta charset="utf-8"></head><body><h1>{r2.title}</h1>{r2.body}'
                                      f'</body></html>').replace("</style>", "td:first-child{width:60px}</style>"),
                        encoding="utf-8")
        pdf = chrome_print(page, work / "narrow-real.pdf", headed=False)
        put(f"b12-{r2.tag}-narrow-pdfviewer.txt", pdfium_copy(pdf), r2.truth, r2.name)
    return made


# --- batch 13: provincial 政府信息公开平台 pages whose meta table (索引号/发布机构/成文日期/生成日期) names the
# 区 that published its 局's report, reports paged by the CMS (第1页 共3页 下一页: each page a file, or page 1 alone),
# print views (打印本页/关闭窗口), the article in a 2000s layout table, Firefox's and Edge's saves (a second
# charset, a BOM over a gb2312 meta, the saved-from comment), text copied from a browser with its menus,
# breadcrumbs, 字号 and 分享到 around it, tables flattened a cell a line or tab-separated with merged header
# cells repeated, two reports in one dump, titles written 工作年报 / 工作报告 / 年度报告（2023年）, the agency only in
# the 落款 or in a first sentence's 以下简称, a page that is only a link to the attached report (refused, the
# file named), UTF-16 BE, GBK with chrome, Big5 繁體 text, trailing spaces and &nbsp; left in a copy.

_FAMILY_PARTS = (("二、主动公开", frozenset({"regulation", "normative", "license", "other_service", "penalty",
                                          "coercion", "fee", "procurement"})),
                 ("三、收到和处理", frozenset({"apply"})), ("四、政府信息公开行政复议", frozenset({"review", "suit"})))


def _block_start(body: str, marker: str) -> int:
    """Where the block (<p>, <h2>, <div>) holding `marker` opens."""
    at = body.index(marker)
    return max(body.rfind(tag, 0, at) for tag in ("<p", "<h2", "<h3", "<div"))


def cms_pages(body: str) -> list[tuple[str, frozenset[str]]]:
    """The body cut by the CMS into three pages (一 and 二 / 三 / 四 to 六), each with the pager it prints under it
    (第k页 共3页 上一页 下一页), and the key families each page holds."""
    cuts = [_block_start(body, "三、收到和处理"), _block_start(body, "四、政府信息公开行政复议")]
    pieces = [body[:cuts[0]], body[cuts[0]:cuts[1]], body[cuts[1]:]]
    families = [_FAMILY_PARTS[0][1], _FAMILY_PARTS[1][1], _FAMILY_PARTS[2][1]]
    out = []
    for k, piece in enumerate(pieces, 1):
        links = " ".join(f"<b>{n}</b>" if n == k else f'<a href="index_{n - 1}.html">{n}</a>' for n in (1, 2, 3))
        out.append((piece + f'<div class="page">第{k}页　共3页　<a href="index.html">首页</a> <a>上一页</a> {links} '
                            f'<a href="index_{min(k, 2)}.html">下一页</a> <a>尾页</a></div>', families[k - 1]))
    return out


def only_families(truth: Truth, families: frozenset[str]) -> Truth:
    """The truth of a file that holds only some parts: the other keys give no value."""
    facts = {key: (v if key.split(".")[0] in families else None) for key, v in truth.facts.items()}
    return Truth(truth.agency, truth.short, truth.year, truth.fmt, facts)


def page_province(portal: str, title: str, publisher: str, index: str, written: str, made: str, published: str,
                  body: str) -> str:
    """A province's 政府信息公开平台 page of a county's or district's item: <title> the platform's, a meta table
    (索引号 / 分类 / 发布机构 / 成文日期 / 生成日期 / 发布日期 / 名称 / 文号 / 主题词) whose 发布机构 is the
    government that put the item online, the report's own title only in 名称 and the heading."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{portal}政府信息公开平台</title></head><body>
<div class="head"><span>{portal}政府信息公开平台</span> <a href="/">首页</a> <a href="/gkzn/">公开指南</a> <a href="/gkzd/">公开制度</a>
<a href="/gkml/">公开目录</a> <a href="/ysqgk/">依申请公开</a> <a href="/gknb/">公开年报</a></div>
<div class="pos">当前位置：<a href="/">首页</a> &gt; <a href="/gkml/">公开目录</a> &gt; <a href="/gknb/">政府信息公开年报</a></div>
<table class="meta" border="1"><tr><th>索引号：</th><td>{index}</td><th>分类：</th><td>政府信息公开年报</td></tr>
<tr><th>发布机构：</th><td>{publisher}</td><th>成文日期：</th><td>{written}</td></tr>
<tr><th>生成日期：</th><td>{made}</td><th>发布日期：</th><td>{published}</td></tr>
<tr><th>名　　称：</th><td colspan="3">{title}</td></tr>
<tr><th>文　　号：</th><td></td><th>主 题 词：</th><td>年报</td></tr></table>
<div class="content"><h1>{title}</h1>{body}</div>
<div class="foot">主办：{portal}人民政府办公厅　技术支持：{portal}数字政府建设运营中心</div></body></html>"""


def print_view(title: str, source: str, published: str, body: str, charset: str = "utf-8") -> str:
    """A CMS's print view (打印本页 opens it): no chrome but the title, one info line and the buttons."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"><title>打印页面</title>
<script>function doPrint(){{window.print();}}</script></head><body onload="doPrint()">
<div align="right"><a href="javascript:doPrint()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div align="center"><h3>{title}</h3></div><div align="center">信息来源：{source}　　发布日期：{published}</div><hr>
<div id="printContent">{body}</div><hr>
<div align="right"><a href="javascript:doPrint()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div></body></html>"""


def page_layout2000(site: Site, title: str, source: str, published: str, body: str) -> str:
    """A page of the 2000s: nested layout tables, <font> tags, spacer images, the title in a cell of the
    article's own table, 文章来源/更新时间/点击数 in another."""
    return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>{site.name}</title>
<link href="/css/css.css" rel="stylesheet" type="text/css"></head><body leftmargin="0" topmargin="0">
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0"><tr><td><img src="/images/top.jpg" width="778" height="120"></td></tr>
<tr><td background="/images/nav_bg.gif"><font color="#FFFFFF"><a href="/">网站首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/bsfw/">办事服务</a> | <a href="/hdjl/">互动交流</a></font></td></tr></table>
<table width="778" border="0" align="center" cellpadding="0" cellspacing="0"><tr>
<td width="180" valign="top"><table width="100%"><tr><td><font color="#990000"><b>信息公开</b></font></td></tr>
<tr><td><a href="/gkzn/">公开指南</a></td></tr><tr><td><a href="/gkml/">公开目录</a></td></tr><tr><td><a href="/gknb/">公开年报</a></td></tr></table></td>
<td width="10"><img src="/images/spacer.gif" width="10" height="1"></td>
<td valign="top"><table width="100%" border="0" cellspacing="0" cellpadding="4">
<tr><td height="30">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/gknb/">公开年报</a></td></tr>
<tr><td align="center" height="40"><font size="4" color="#CC0000"><b>{title}</b></font></td></tr>
<tr><td align="center"><font color="#666666">文章来源：{source}　更新时间：{published}　点击数：<script>document.write(1024)</script></font></td></tr>
<tr><td class="content"><font size="3">{body}</font></td></tr>
<tr><td align="right">【<a href="javascript:window.print()">打印此页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr></table></td></tr></table>
<table width="778" align="center"><tr><td align="center">{site.name}版权所有　{site.icp}ICP备05003123号</td></tr></table></body></html>"""


def firefox_complete(page: str, folder: str) -> str:
    """A page as Firefox saves it ('Web page, complete'): the DOM as it stood (the hit counter filled in), its
    scripts and styles pointed at the _files folder, a UTF-8 meta it writes first while the page's own gb2312
    meta stays further down."""
    page = re.sub(r'(src|href)="/([^"]*?)([^/"]+\.(?:js|css|png|jpg|gif))"', rf'\1="./{folder}/\3"', page)
    page = page.replace("<head>", '<head><meta http-equiv="content-type" content="text/html; charset=UTF-8">', 1)
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    return page.replace('<span id="hits">316</span>', '<span id="hits">317</span>')


def edge_saved(page: str, url: str) -> bytes:
    """A page saved by an old Edge/IE ('Web page, complete'): the saved-from comment before the doctype, the
    text written in UTF-8 with a BOM while the page's meta still says gb2312."""
    page = page.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">')
    return b"\xef\xbb\xbf" + f"<!-- saved from url=({len(url):04d}){url} -->\r\n{page}".encode("utf-8")


def browser_copy(site: Site, title: str, source: str, published: str, lines: list[str], *, year: int) -> str:
    """The text a user selects and copies from a portal's article page (Ctrl+A): the menus, the breadcrumb, the
    title, the info line with 字号 and 浏览次数, the report (a table row a line, cells apart by tabs), 分享到
    and the print buttons, related links, the footer."""
    others = _other_reports(site, year)
    return "\n".join([f"{site.name}", "首页\t政务公开\t政务服务\t互动交流\t走进" + site.place, "请输入关键词\t搜索",
                      "首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年度报告", "", title,
                      f"发布时间：{published}　来源：{source}　浏览次数：2,316　字号：大 中 小", "", *lines, "",
                      "分享到：", "微信　微博　QQ空间", "【打印本页】　【关闭窗口】", "相关链接",
                      *others[:2], "网站地图 | 联系我们 | 网站声明",
                      f"主办单位：{site.name}办公室　{site.icp}ICP备05001123号-1　网站标识码4413020001"]) + "\n"


def flattened(text: str) -> str:
    """A tab-row report with every table cell on a line of its own, blank cells dropped (a copy out of a
    reader that flattens tables): each number a line."""
    out = []
    for line in text.splitlines():
        out += [c.strip() for c in line.split("\t") if c.strip()] if "\t" in line else [line]
    return "\n".join(out) + "\n"


def nbsp_trailing(text: str) -> str:
    """A copy out of a page's source: &nbsp; entities left in, non-breaking spaces, trailing spaces and tabs."""
    out = []
    for k, line in enumerate(text.splitlines()):
        if "\t" in line:
            line = line.replace("\t", "\t\u00a0" if k % 2 else "&nbsp;\t")
        elif line.strip():
            line = "&nbsp;&nbsp;&nbsp;&nbsp;" + line if k % 3 == 0 else "\u00a0\u00a0" + line
        out.append(line + " " * (k % 4) + ("\t" if k % 5 == 0 else ""))
    return "\r\n".join(out) + "\r\n"


def attachment_only(site: Site, title: str, file_name: str, published: str) -> str:
    """An article page whose only content is the link to the report as an attached file (PDF or DOC)."""
    return page_trs(site, title, f"{site.name}办公室", published,
                    f'<p>附件：<a href="/uploadfiles/{published[:4]}/{file_name}">{file_name}</a></p>'
                    f'<p><img src="/images/pdf.gif"> 附件下载</p>', int(published[:4]) - 1)


def batch13(out: Path, put, *, office: bool) -> list[Variant]:
    """The batch-13 kinds, all text and pages: written with `put`."""
    made: list[Variant] = []
    cz = site_for("潮州市湘桥区", "粤")
    # A province's platform: 发布机构 the 区's government, the report its 局's (title named; title bare and the
    # agency only in the 落款).
    edu, edu_truth = dept_report("潮州市湘桥区教育局", "潮州市湘桥区", 2023, 1301)
    title, body = report_body(edu)
    put("b13-province-publisher.html", page_province("广东省", title, "潮州市湘桥区人民政府", "007256124/2024-00031",
                                                     "2024-01-08", "2024-01-15", "2024-01-15", body.replace(title, "")),
        edu_truth, "drawn")
    health, health_truth = dept_report("潮州市湘桥区卫生健康局", "潮州市湘桥区", 2023, 1302)
    title, body = report_body(health)
    bare = "2023年政府信息公开工作年度报告"
    signed = unplaced(body.replace(title, ""), "潮州市湘桥区卫生健康局", "本机关", "潮州市湘桥区") \
        + "<p style=\"text-align:right\">潮州市湘桥区卫生健康局</p><p style=\"text-align:right\">2024年1月10日</p>"
    put("b13-province-signed.html", page_province("广东省", bare, "潮州市湘桥区人民政府办公室", "007256124/2024-00040",
                                                  "2024-01-10", "2024-01-19", "2024-01-19", signed), health_truth, "drawn")
    r15 = renamed_reals()[0]
    put(f"b13-{r15.tag}-province.html", page_province("福建省", r15.title, f"{r15.full}人民政府办公室",
                                                      "003591234/2024-00007", "2024-01-30", "2024-02-01",
                                                      r15.published[:10], r15.body), r15.truth, r15.name)
    # Paged by the CMS into three pages: each saved as a file, and page 1 alone of the real report.
    civil, civil_truth = dept_report("潮州市湘桥区民政局", "潮州市湘桥区", 2023, 1303)
    title, body = report_body(civil)
    for n, (piece, families) in enumerate(cms_pages(body.replace(title, "")), 1):
        put(f"b13-paged{n}of3.html", page_trs(cz, title, "潮州市湘桥区民政局", "2024-01-22 10:00", piece, 2023),
            only_families(civil_truth, families), "drawn")
    piece, families = cms_pages(r15.body)[0]
    put(f"b13-{r15.tag}-page1of3.html", page_xxgk(r15.site, r15.title, r15.source, r15.published, piece, 2023),
        only_families(r15.truth, families), r15.name)
    # Print views: the CMS's 打印本页 page (UTF-8; GBK with the real body).
    road, road_truth = dept_report("潮州市湘桥区交通运输局", "潮州市湘桥区", 2023, 1304)
    title, body = report_body(road)
    put("b13-printview.html", print_view(title, "潮州市湘桥区交通运输局", "2024-01-12", body.replace(title, "")),
        road_truth, "drawn")
    r13 = renamed_reals()[1]
    put(f"b13-{r13.tag}-printview-gbk.html", print_view(r13.title, r13.source, r13.published[:10], r13.body, "gb2312"),
        r13.truth, r13.name, "gbk")
    # The 2000s: the article in nested layout tables with <font> (drawn and real), GBK.
    water, water_truth = dept_report("饶平县水务局", "饶平县", 2022, 1305)
    title, body = report_body(water)
    rp = site_for("饶平县", "粤")
    put("b13-layout2000.html", page_layout2000(rp, title, "饶平县水务局", "2023-01-16", body.replace(title, "")),
        water_truth, "drawn", "gbk")
    put(f"b13-{r13.tag}-layout2000.html", page_layout2000(r13.site, r13.title, r13.source, r13.published[:10],
                                                          r13.body), r13.truth, r13.name, "gbk")
    # Firefox's and Edge's saves of a TRS page.
    market, market_truth = dept_report("饶平县市场监督管理局", "饶平县", 2023, 1306)
    title, body = report_body(market)
    trs = page_trs(rp, title, "饶平县市场监督管理局", "2024-01-25 09:00", body.replace(title, ""), 2023)
    put("b13-firefox-complete.html", firefox_complete(trs, "b13-firefox-complete_files"), market_truth, "drawn")
    put("b13-edge-saved.html", edge_saved(trs, "http://www.raoping.gov.cn/zwgk/nb/content/post_1234.html"),
        market_truth, "drawn")
    # Text copied from the browser: menus, breadcrumb, 字号/浏览次数/分享到 around the report (drawn and real).
    farm, farm_truth = dept_report("饶平县农业农村局", "饶平县", 2023, 1307)
    title, body = report_body(farm)
    put("b13-browser-copy.txt", browser_copy(rp, title, "饶平县农业农村局", "2024-01-18 16:30",
                                             _block_lines(body.replace(title, ""), "\t"), year=2023), farm_truth, "drawn")
    r11 = renamed_reals()[2]
    put(f"b13-{r11.tag}-browser-copy.txt", browser_copy(r11.site, r11.title, r11.source, r11.published,
                                                        _block_lines(r11.body, "\t"), year=2019), r11.truth, r11.name)
    # Tables flattened a cell a line; tab-separated with merged cells' text repeated in every slot.
    land, land_truth = dept_report("潮州市湘桥区自然资源局", "潮州市湘桥区", 2023, 1308)
    put("b13-flat-cells.txt", flattened(str(render(land, "tab_rows")[0])), land_truth, "drawn")
    house, house_truth = dept_report("饶平县住房和城乡建设局", "饶平县", 2022, 1309)
    title, body = report_body(house)
    put("b13-tsv-repeated.txt", "\n".join([title] + _block_lines(unmerged(body.replace(title, ""), fill=True), "\t"))
        + "\n", house_truth, "drawn")
    put(f"b13-{r15.tag}-tsv-repeated.txt", "\n".join([r15.title] + _block_lines(unmerged(r15.body, fill=True), "\t"))
        + "\n", r15.truth, r15.name)
    # Two reports in one dump: two agencies (the first is the file's), two years of one agency (page).
    fin, fin_truth = dept_report("饶平县财政局", "饶平县", 2023, 1310)
    sport, _ = dept_report("饶平县文化广电旅游体育局", "饶平县", 2023, 1311)
    put("b13-two-agencies.txt", str(render(fin, "tab_rows")[0]).rstrip("\n") + "\n\n"
        + str(render(sport, "tab_rows")[0]), fin_truth, "drawn")
    stat, stat_truth = dept_report("潮州市湘桥区统计局", "潮州市湘桥区", 2023, 1312)
    stat_prev, _ = dept_report("潮州市湘桥区统计局", "潮州市湘桥区", 2022, 1313)
    title, body = report_body(stat)
    p_title, p_body = report_body(stat_prev)
    put("b13-two-years.html", page_modern(cz, title, "潮州市湘桥区统计局", "2024-01-20 10:00",
                                          body.replace(title, "") + f"<h1>{p_title}</h1>" + p_body.replace(p_title, ""),
                                          2023), stat_truth, "drawn")
    # Titles written otherwise: 2023年度…工作年报, …工作报告, …年度报告（2023年）.
    for k, (name, fmt_title) in enumerate((("饶平县司法局", "{y}年度{a}政府信息公开工作年报"),
                                           ("饶平县应急管理局", "{a}{y}年政府信息公开工作报告"),
                                           ("饶平县林业局", "{a}政府信息公开工作年度报告（{y}年）"))):
        rep, rep_truth = dept_report(name, "饶平县", 2023, 1314 + k)
        text = str(render(rep, "tab_rows")[0]).splitlines()
        at = next(j for j, ln in enumerate(text) if "年度报告" in ln)
        new_title = fmt_title.format(y=2023, a=name)
        rest = [ln for ln in text[at + 1:]]
        put(f"b13-title-{('nianbao', 'baogao', 'bracket')[k]}.txt", "\n".join([new_title, *rest]) + "\n", rep_truth,
            "drawn")
    # The agency only in the 落款 (本机关 all through) and only in the first sentence's 以下简称.
    aud, aud_truth = dept_report("潮州市湘桥区审计局", "潮州市湘桥区", 2023, 1317)
    text = str(render(aud, "tab_rows")[0]).splitlines()
    at = next(j for j, ln in enumerate(text) if "年度报告" in ln)
    rest = "\n".join(text[at + 1:]).replace("潮州市湘桥区审计局", "本机关").replace("我局", "本机关")
    put("b13-signed-benjiguan.txt", f"2023年政府信息公开工作年度报告\n{rest}\n\n潮州市湘桥区审计局\n2024年1月15日\n",
        aud_truth, "drawn")
    env, env_truth = dept_report("饶平县生态环境局", "饶平县", 2023, 1318)
    title, body = report_body(env)
    body = body.replace(title, "")
    body = body.replace("饶平县生态环境局", "我局").replace("本报告由我局根据", "本报告根据")
    body = body.replace("我局", "饶平县生态环境局（以下简称“我局”）", 1)  # named once, where it first speaks of itself
    put("b13-firstsentence-jiancheng.html", page_modern(rp, "2023年政府信息公开工作年度报告", "本站", "2024-01-26 11:00",
                                                        body, 2023), env_truth, "drawn")
    # A page that is only the link to the report attached (PDF; DOC in a text dump): refused.
    refused = Truth("", "", 0, "", {}, refused=True)
    put("b13-attachment-only.html", attachment_only(rp, "饶平县教育局2023年政府信息公开工作年度报告",
                                                    "饶平县教育局2023年政府信息公开工作年度报告.pdf", "2024-01-19 09:00"),
        refused, "drawn")
    put("b13-attachment-only.txt", "饶平县人民政府\n首页 > 政务公开 > 政府信息公开年报\n潮州市湘桥区人力资源和社会保障局2023年"
        "政府信息公开工作年度报告\n发布时间：2024-01-23　来源：区人社局　字号：大 中 小\n附件：湘桥区人社局2023年政府信息公开"
        "工作年度报告.doc\n分享到：\n【打印本页】【关闭窗口】\n", refused, "drawn")
    # Encodings: UTF-16 BE with a BOM, GBK with the browser's chrome, Big5 繁體, &nbsp; and trailing spaces.
    sci, sci_truth = dept_report("潮州市湘桥区科学技术局", "潮州市湘桥区", 2023, 1319)
    put("b13-utf16be.txt", "\ufeff" + str(render(sci, "tab_rows")[0]), sci_truth, "drawn", "utf-16-be")
    vet, vet_truth = dept_report("饶平县退役军人事务局", "饶平县", 2023, 1320)
    title, body = report_body(vet)
    put("b13-browser-copy-gbk.txt", browser_copy(rp, title, "饶平县退役军人事务局", "2024-01-17 15:00",
                                                 _block_lines(body.replace(title, ""), "\t"), year=2023), vet_truth,
        "drawn", "gbk")
    trade, trade_truth = dept_report("潮州市湘桥区商务局", "潮州市湘桥区", 2023, 1321)
    big5 = str.maketrans(dict(zip("举习协参够学宽导彻断桥没点监稳纳绕继绩续缴职训访读贯转阵领",
                                  "舉習協參夠學寬導徹斷橋沒點監穩納繞繼績續繳職訓訪讀貫轉陣領")))
    text = traditional(str(render(trade, "tab_rows")[0]).translate(big5))
    put("b13-fanti-big5.txt", text, as_written(Truth(trade_truth.agency.translate(big5), trade_truth.short,
                                                     trade_truth.year, trade_truth.fmt, trade_truth.facts)),
        "drawn", "big5")
    cul, cul_truth = dept_report("饶平县文化馆", "饶平县", 2023, 1322, me="我馆")
    put("b13-nbsp-trailing.txt", nbsp_trailing(str(render(cul, "tab_rows")[0])), cul_truth, "drawn")
    # The district's 局 titled without its city, the city only in the platform's 发布机构: the agency as the
    # report names itself (as the generated corpus's 区 departments on their city's site).
    ag, ag_truth = dept_report("湘桥区农业农村水务局", "潮州市湘桥区", 2023, 1323)
    title, body = report_body(ag)
    put("b13-province-nocity.html", page_province("广东省", title.replace("潮州市", ""), "潮州市湘桥区人民政府",
                                                  "007256124/2024-00052", "2024-01-12", "2024-01-16", "2024-01-16",
                                                  body.replace(title, "").replace("潮州市湘桥区", "湘桥区")),
        ag_truth, "drawn")
    # A CMS's second page titled with its page number (…年度报告（2）).
    piece, families = cms_pages(report_body(civil)[1].replace(report_body(civil)[0], ""))[1]
    numbered = f"{report_body(civil)[0]}（2）"
    put("b13-paged2-numbered.html", page_trs(cz, numbered, "潮州市湘桥区民政局", "2024-01-22 10:00", piece, 2023),
        only_families(civil_truth, families), "drawn")
    # A browser copy whose side menu lists the agency's reports of other years (工作年报) above the title.
    forest, forest_truth = dept_report("饶平县林业局", "饶平县", 2023, 1324)
    title, body = report_body(forest)
    menu = [f"{y}年度饶平县林业局政府信息公开工作年报" for y in (2022, 2021, 2020)]
    put("b13-browser-copy-years.txt", browser_copy(rp, "2023年度饶平县林业局政府信息公开工作年报", "饶平县林业局",
                                                   "2024-01-29 09:00", _block_lines(body.replace(title, ""), "\t"),
                                                   year=2023).replace("首页 > 政务公开", "\n".join(menu) + "\n首页 > 政务公开"),
        forest_truth, "drawn")
    # A browser copy whose only naming of the agency is the breadcrumb copied without its 当前位置 mark.
    port, port_truth = dept_report("饶平县港口管理局", "饶平县", 2023, 1325)
    title, body = report_body(port)
    copied = browser_copy(rp, "政府信息公开工作年度报告（2023年）", "本站", "2024-01-30 10:00",
                          _block_lines(unplaced(body.replace(title, ""), "饶平县港口管理局", "我局", "饶平县"), "\t"),
                          year=2023)
    put("b13-browser-copy-crumbonly.txt", copied.replace("首页 > 政务公开 > 法定主动公开内容 > 政府信息公开年度报告",
                                                         "首页 > 部门信息公开 > 饶平县港口管理局 > 政府信息公开年报"),
        port_truth, "drawn")
    # The 2000s page whose article is lines apart by <br> in one cell, tables inside.
    tax, tax_truth = dept_report("饶平县医疗保障局", "饶平县", 2022, 1326)
    title, body = report_body(tax)
    br_body = re.sub(r"<(?:p|h2)[^>]*>(.*?)</(?:p|h2)>", r"\1<br>", body.replace(title, ""), flags=re.S)
    put("b13-layout2000-br.html", page_layout2000(rp, title, "县医保局", "2023-01-18", br_body), tax_truth, "drawn",
        "gbk")
    # A page saved by IE as 'Unicode': UTF-16 LE with a BOM, its meta still gb2312.
    law, law_truth = dept_report("潮州市湘桥区司法局", "潮州市湘桥区", 2023, 1327)
    title, body = report_body(law)
    ie = page_plain(cz, title, "潮州市湘桥区司法局", "2024-01-11 08:00", body.replace(title, ""), 2023)
    put("b13-ie-unicode.html", "\ufeff" + ie, law_truth, "drawn", "utf-16-le")
    # A province page copied as text: its meta table a cell a line (发布机构： then the agency on the next
    # line), the title bare, 我局 throughout, the platform's 主办 line under the closing date.
    urb, urb_truth = dept_report("潮州市湘桥区城市管理和综合执法局", "潮州市湘桥区", 2023, 1328)
    title, body = report_body(urb)
    body = unplaced(body.replace(title, ""), "潮州市湘桥区城市管理和综合执法局", "我局", "潮州市湘桥区")
    meta = ["索引号：", "007256124/2024-00061", "分类：", "政府信息公开年报", "发布机构：", "潮州市湘桥区城市管理和综合执法局",
            "成文日期：", "2024-01-09", "生成日期：", "2024-01-17", "发布日期：", "2024-01-17", "名　　称：",
            "2023年政府信息公开工作年度报告", "文　　号：", "", "主 题 词：", "年报"]
    put("b13-province-copied.txt", "\n".join(["广东省政府信息公开平台", "首页\t公开指南\t公开制度\t公开目录\t依申请公开\t公开年报",
                                              "当前位置：首页 > 公开目录 > 政府信息公开年报", *meta,
                                              "2023年政府信息公开工作年度报告", *_block_lines(body, "\t"),
                                              "主办：广东省人民政府办公厅"]) + "\n", urb_truth, "drawn")
    # Public bodies whose names end otherwise than 局/委/办: a 供销合作社联合社 (dump, signed beside its date on
    # one line), a school (page), a 气象台 (dump).
    coop, coop_truth = dept_report("饶平县供销合作社联合社", "饶平县", 2023, 1333, me="我社")
    lines = str(render(coop, "tab_rows")[0]).splitlines()
    at = next(j for j, ln in enumerate(lines) if "年度报告" in ln)
    rest = [ln for ln in lines[at + 1:] if not re.fullmatch(r"\s*20\d\d年\d{1,2}月\d{1,2}日\s*", ln)]
    put("b13-coop-signed-sameline.txt", "2023年政府信息公开工作年度报告\n" + "\n".join(rest).replace(
        "饶平县供销合作社联合社", "我社") + "\n饶平县供销合作社联合社　　　　2024年1月16日\n", coop_truth, "drawn")
    school, school_truth = dept_report("饶平县第一中学", "饶平县", 2023, 1334, me="我校")
    title, body = report_body(school)
    put("b13-school-page.html", page_trs(rp, title, "饶平县教育局", "2024-01-26 15:00", body.replace(title, ""), 2023),
        school_truth, "drawn")
    met, met_truth = dept_report("饶平县气象台", "饶平县", 2023, 1335, me="我台")
    put("b13-weather.txt", str(render(met, "tab_rows")[0]), met_truth, "drawn")
    # The portal's banner (the county government's name) standing right above a bare title, the department
    # only in the 发布机构 field and in its 我局 (page and its text copy).
    res, res_truth = dept_report("饶平县自然资源局", "饶平县", 2023, 1341)
    title, body = report_body(res)
    body = unplaced(body.replace(title, ""), "饶平县自然资源局", "我局", "饶平县")
    put("b13-banner-above-title.html", f"""<html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告-饶平县人民政府</title>
</head><body><h1 class="banner">饶平县人民政府</h1><div class="nav">{_menu(rp)}</div><h2>2023年政府信息公开工作年度报告</h2>
<table class="meta"><tr><td>发布机构：</td><td>饶平县自然资源局</td><td>发布日期：</td><td>2024-01-18</td></tr></table>
<div class="content">{body}</div>{_footer(rp, 7)}</body></html>""", res_truth, "drawn")
    put("b13-banner-above-title.txt", "\n".join(["饶平县人民政府", "2023年政府信息公开工作年度报告",
                                                 "发布机构：饶平县自然资源局　发布日期：2024-01-18",
                                                 *_block_lines(body, "\t")]) + "\n", res_truth, "drawn")
    return made


# --- making them all -------------------------------------------------------------------------------------

def _blank_rows_undecidable(truth: Truth, gold: dict) -> Truth:
    """With the line breaks lost, a row's empty cells are gone: its values cannot be placed and giving no
    value is right too (the row's keys are listed as undecidable)."""
    rows = {k.rsplit(".", 1)[0] for k, flags in gold.get("flags", {}).items() if "blank" in flags}
    undecidable = {k for k in truth.facts if k.rsplit(".", 1)[0] in rows}
    return Truth(truth.agency, truth.short, truth.year, truth.fmt, truth.facts, undecidable)


def _renamed_truth(gold: dict, agency: str, short: str) -> Truth:
    facts: dict[str, Value] = {k: v for k, v in gold["facts"].items() if not k.startswith("sum of ")}
    for k in gold.get("not_decidable_from_this_file", []):
        facts.pop(k, None)  # the renamed page has no neighbouring year to decide it
    return Truth(agency, short, gold["year"], gold["format"], facts)


def make_variants(out: Path, *, office: bool = True) -> list[Variant]:
    """Every variant under `out` (made fresh). `office`: also the PDF, DOCX and DOC copies (LibreOffice)."""
    from bench.binary_copies import html_to_docx, soffice

    out.mkdir(parents=True, exist_ok=True)
    made: list[Variant] = []
    to_print: list[tuple[Path, str, Truth, str]] = []  # (file for LibreOffice, target suffix, truth, source)

    def put(name: str, data: str | bytes, truth: Truth, source: str, encoding: str = "utf-8") -> Path:
        path = out / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding, "xmlcharrefreplace"))
        made.append(Variant(name, path, truth, source))
        return path

    styles = list(PAGES)
    for k, stem in enumerate(SEED_STEMS):
        place, short, icp = _SEED_SITES[stem]
        site = site_for(place, icp)
        seed_text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
        truth = seed_truth(stem)
        gold = seed_gold(stem)
        tag = stem[:3]
        published = f"{gold['date'] or '2021-01-20'} 09:3{k}"
        # Text dumps of the seed itself: line breaks lost (with and without another archive's header),
        # tab rows cut to one cell a line.
        joined = _blank_rows_undecidable(truth, gold)
        put(f"{tag}-dump-onelines.txt", lost_breaks(seed_text), joined, stem)
        title = next((ln.strip().lstrip("# ") for ln in seed_text.splitlines() if "年度报告" in ln
                      and re.search(r"20\d\d", ln) and len(ln.strip()) < 60), "")
        put(f"{tag}-dump-header.txt", archive_header(title or f"{gold['agency']}2020年政府信息公开工作年度报告",
                                                     published, site.name, f"http://www.example.gov.cn/{tag}.html")
            + lost_breaks(seed_text), joined, stem)
        put(f"{tag}-retitled.txt", retitled(seed_text, "han" if k % 2 == 0 else "after"), truth, stem)
        if _tab_rows(seed_text):  # a seed with one cell per line already has nothing to cut
            put(f"{tag}-dump-cells.txt", cell_per_line(seed_text, keep_empty=True), truth, stem)
            put(f"{tag}-dump-pdfcopy.txt", cell_per_line(seed_text, keep_empty=False), truth, stem)
        # The seed rebuilt (2019 form) in other sites' pages, in two encodings.
        report, rebuilt = seed_report(stem)
        title, body = report_body(report)
        style = styles[k % len(styles)]
        encoding = "gbk" if style == "plain" else "utf-8"
        page = PAGES[style](site, title, site.name + "办公室" if k % 2 else gold["agency"], published, body, 2020)
        put(f"{tag}-page-{style}.html", page, rebuilt, stem, encoding)
        style2 = styles[(k + 1) % len(styles)]
        page2 = PAGES[style2](site, title, gold["agency"], published, body, 2020)
        put(f"{tag}-page-{style2}-bom.html", b"\xef\xbb\xbf" + page2.replace("charset=gb2312", "charset=utf-8")
            .encode("utf-8"), rebuilt, stem)
        # The report on the agency's own site: its title without the agency, no signature, the office that
        # published it in the 来源/发布机构 field; the site's footer names the city's government.
        report.style.signature = False
        _, unsigned = report_body(report)
        bare_title = f"{report.year}年政府信息公开工作年度报告"
        style4 = styles[(k + 3) % len(styles)]
        put(f"{tag}-page-{style4}-owntitle.html",
            PAGES[style4](site, bare_title, gold["agency"], published, unsigned, 2020), rebuilt, stem)
        # The same on a page whose visible title is an image: the title only in the CMS's ArticleTitle meta.
        style5 = "xxgk" if k % 2 else "trs"
        page5 = PAGES[style5](site, title, site.name + "办公室", published, unsigned, 2020)
        page5 = re.sub(r'<h1 class="art-title">.*?</h1>', '<h1 class="art-title"><img src="/title.png"></h1>', page5)
        page5 = re.sub(r"<title>.*?</title>", f"<title>{site.name}</title>", page5)
        page5 = re.sub(r"<tr><td>名　　称：</td>.*?</tr>", "", page5).replace(
            "<head>", f'<head><meta name="ArticleTitle" content="{title}">')
        put(f"{tag}-page-{style5}-metatitle.html", page5, rebuilt, stem)
        report.style.signature = True
        # The same page saved by the browser as one file (MHTML: quoted-printable, its own charset).
        if k in (0, 3):
            put(f"{tag}-page-{style2}.mhtml", mhtml(page2, "gb18030" if k else "utf-8"), rebuilt, stem)
        # Tables saved as images that did not come along: agency and year still, no table values.
        _, bare = report_body(report, images=True)
        put(f"{tag}-page-imgtables.html", PAGES[style2](site, title, gold["agency"], published, bare, 2020),
            Truth(rebuilt.agency, rebuilt.short, rebuilt.year, rebuilt.fmt, {key: None for key in rebuilt.facts}),
            stem)
        # A drawn 2021-form report of the same agency.
        drawn, drawn_truth = drawn_report(stem, seed=100 + k)
        d_title, d_body = report_body(drawn)
        style3 = styles[(k + 2) % len(styles)]
        put(f"{tag}-drawn2021-{style3}.html",
                         PAGES[style3](site, d_title, gold["agency"], f"{drawn.date.isoformat()} 10:00", d_body, 2022),
                         drawn_truth, stem, "gbk" if style3 == "plain" else "utf-8")
        if office and soffice():
            docx = html_to_docx(str(render(report, "html")[0]), out / f"{tag}-word.docx")
            made.append(Variant(docx.name, docx, rebuilt, stem))
            to_print.append((docx, ".pdf", rebuilt, stem))
            if k == 0:
                to_print.append((docx, ".doc", rebuilt, stem))
            # The seed's own text printed: tab rows or one cell a line, no ruled tables; its blank cells gone.
            to_print.append((SEEDS / f"{stem}.txt", ".pdf", joined, stem))
            if k in (2, 4):  # a saved page printed from the browser, chrome and all
                printable = out / f"{tag}-printable.html"  # a flowing page: a fixed-width layout table clips
                printable.write_text(page_trs(site, d_title, gold["agency"], f"{drawn.date.isoformat()} 10:00",
                                              d_body, 2022), encoding="utf-8")
                to_print.append((printable, ".pdf", drawn_truth, stem))
    # The real pages' report bodies, renamed and reframed.
    for r in renamed_reals():
        style = styles[(r.k + 1) % len(styles)]
        put(f"{r.tag}-page-{style}.html", PAGES[style](r.site, r.title, r.source, r.published, r.body, r.gold["year"]),
            r.truth, r.name, "gbk" if style == "plain" else "utf-8")
    made += more_variants(out, put, office=office)
    made += batch5(out, put, office=office)
    made += batch6(out, put, office=office)
    made += batch7(out, put, office=office)
    made += batch8(out, put, office=office)
    made += batch9(out, put, office=office)
    made += batch10(out, put, office=office)
    made += batch11(out, put, office=office)
    made += batch12(out, put, office=office)
    made += batch13(out, put, office=office)
    from tests.variants_office import batch14, batch16, batch18  # Word, PDF, ODT, spreadsheet kinds (own module)
    made += batch14(out, put, office=office)
    from tests.variants_web import batch15, batch17  # CMS families, WeChat/PDF-viewer/Word copies, browsers' saves
    made += batch15(out, put, office=office)
    made += batch16(out, put, office=office)
    made += batch17(out, put, office=office)
    made += batch18(out, put, office=office)
    if to_print:
        made += _printed(out, to_print)
    return made


def _printed(out: Path, jobs: list[tuple[Path, str, Truth, str]]) -> list[Variant]:
    """LibreOffice's copies (PDF, DOC) of the jobs' files, one LibreOffice run per target format."""
    import shutil
    import subprocess

    from bench.binary_copies import soffice

    made = []
    for suffix in sorted({s for _, s, _, _ in jobs}):
        batch = [(k, j) for k, j in enumerate(jobs) if j[1] == suffix]
        work = out / f"lo{suffix[1:]}"
        work.mkdir(exist_ok=True)
        inputs = []
        for k, (path, _, _, source) in batch:
            copy = work / f"in{k}{path.suffix}"  # distinct stems: LibreOffice names its output by the stem
            shutil.copyfile(path, copy)
            inputs.append(copy)
        subprocess.run([soffice(), f"-env:UserInstallation=file://{out}/lo-profile", "--headless", "--norestore",
                        "--convert-to", suffix[1:], "--outdir", str(work), *map(str, inputs)],
                       capture_output=True, timeout=180 + 30 * len(inputs), check=True)
        for (k, (path, _, truth, source)), copy in zip(batch, inputs):
            made_from = {".docx": "word", ".txt": "seedtext", ".html": "page"}[path.suffix]
            target = out / f"{source[:3]}-{'print' if suffix == '.pdf' else 'saved'}-{made_from}{suffix}"
            (work / f"{copy.stem}{suffix}").replace(target)
            made.append(Variant(target.name, target, truth, source))
    return made


# --- scoring ---------------------------------------------------------------------------------------------

def score(variant: Variant) -> Score:
    from index.extract import extract_document
    from index.readers import read_document

    from index.errors import ReportError

    try:
        report = extract_document(read_document(variant.path))
    except ReportError as err:
        # A report without a number in its tables (its tables were pictures) is refused, and said so: right
        # when the gold gives no value either.
        t = variant.truth
        if t.refused or (all(v is None for v in t.facts.values()) and "0 facts" in str(err)):
            return Score(variant, t.agency, t.short, t.year, t.fmt, len(t.facts), len(t.facts))
        return Score(variant, None, None, None, None, 0, len(t.facts), [str(err)])
    if variant.truth.refused:  # read as a report: which one it would be is wrong whatever it is
        return Score(variant, None, None, None, None, 0, 0, [f"read as {report.meta.agency} {report.meta.year}"])
    facts = {f.key: f.value for f in report.facts}
    right, misses = 0, []
    for key, want in variant.truth.facts.items():
        have = facts.get(key)
        if (want is None and have is None) or (have is None and key in variant.truth.undecidable) \
                or (want is not None and have is not None
                                               and abs(float(have) - float(want)) <= 1e-6 * max(1.0, abs(want))):
            right += 1
        else:
            misses.append(f"{key}={have}≠{want}")
    m = report.meta
    return Score(variant, m.agency, m.agency_short, m.year, m.format, right, len(variant.truth.facts), misses)


def main(argv: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        variants = make_variants(Path(tmp), office="--no-office" not in argv)
        scores = [score(v) for v in variants]
    print_scores(scores, "variants")
    return 0


def print_scores(scores: list[Score], label: str) -> None:
    """One line a file (its fields right, its metadata, its first misses), then the totals."""
    for s in scores:
        t = s.variant.truth
        meta = "ok" if s.meta_ok else f"got ({s.agency}, {s.short}, {s.year}, {s.fmt}) want ({t.agency}, {t.short}, {t.year}, {t.fmt})"
        print(f"{s.variant.name:34} {s.right:4}/{s.total:<4} meta {meta}" + (
            f"  {'; '.join(s.misses[:4])}" if s.misses else ""))
    right, total = sum(s.right for s in scores), sum(s.total for s in scores)
    full = sum(s.meta_ok and s.right == s.total for s in scores)
    print(f"{label}: {right}/{total} fields right, agency+short+year+format right for "
          f"{sum(s.meta_ok for s in scores)}/{len(scores)} files, {full} files fully right")


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
