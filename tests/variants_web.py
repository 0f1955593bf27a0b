"""Batch 15 of the unseen-style variants (tests/variants.py): pages and text of kinds batches 5–14 did not
make, drawn from how real Chinese government sites and their users produce files, each with its gold.

- 政府网站集约化平台 pages (浙江's shared CMS): the 信息公开 table (信息索引号 / 发文机关 / 主题分类 / 体裁分类 /
  成文日期), the title bare with the agency only in 发文机关, only in <meta name="ContentSource">, only in
  <meta name="ArticleTitle"> (the heading a picture), the 发文机关 the county's 办公室 over a titled report; a
  renamed real page on it; the table copied as text;
- 'zwgk' templates saved 'complete' whose article (its <h1> title) is an <iframe src> of the _files folder
  (titled; bare with a 发布机构 line inside the frame; a real page);
- the agency only in the 来源： line (page and its copy), only in the footer's 主办单位 (a department's own
  site), only in a 落款 with its date at the end (page and text);
- text copied from WeChat 公众号 articles (点击上方蓝字关注, the byline 原创/account/date/province, 阅读原文,
  预览时标签不可点, 来源/编辑/审核 lines; the agency only in the byline; a county's account posting a
  department's report), and a saved article page with those blocks;
- copies out of a PDF viewer: each table cell on its own line, 「— 3 —」 page numbers and 「第 2 页，共 5 页」
  footers interleaved (drawn, a 2019-form report, a renamed real page);
- text copied from Word: 全角 spaces indenting paragraphs and padding cells and labels (自　然　人), tabs;
- public bodies: a 镇, a 街道办事处 (WeChat), a school, a county hospital (its page on the 卫健局's site, 县人民医院
  read as itself, not as the county's 人民政府), a state-owned company, two 开发区管理委员会 (one signed only);
- years: only as 二〇二三年度 (text and page), only in the file name, a 2023 report published in 2024 whose
  text talks of 2024 more than of 2023, a yearless title over its 2024年1月 date;
- templates: the 2019 form for 2019 (a 集约化 page) and for 2020 (a WeChat copy, a PDF viewer's copy).

First score (before any fix), `nice .venv/bin/python tests/variants_web.py`: 7445/7482 fields right,
agency+short+year+format right for 37/43 files, 36 files fully right. Five more were added after probing title
forms (the year's zero typed as 0 or ０ in 二0二三年度, the year before 年度报告 at the title's end, a bare title with
the agency on the line under it, text and page): on the code before any fix all five lost the agency (48 files:
8445/8482 fields, 37/48 metadata, 36 fully right). The year was right in all 48; the agency was missed in eleven:
those five, and the 集约化 table's 发文机关 in a cell of its own (page: the county's government from the site;
its text copies, tab row and a cell a line: none; the 镇's page: the county), the ContentSource meta (the county),
the WeChat byline (none). One file short of cells: the 2019-form PDF viewer copy (161/198), its footers
「第 N 页，共 M 页」 with a comma not known as page numbers, so the running title beside them stood between cells.

After the fixes (index/metadata.py: publisher fields in a cell of their own, the WeChat byline, the page's
ContentSource, 二0二三 read as a year, the disclosure words before a title's year, the agency alone on the line
under a bare title; index/readers/html.py: the ContentSource meta and a label in its own cell kept as page fields;
index/segment.py: 「第 N 页，共 M 页」 a page number): 8482/8482 fields, 48/48 files fully right."""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import Agency, make_report  # noqa: E402
from tests.variants import (Site, Truth, Variant, _block_lines, _footer, _menu, dept_report, han_years,  # noqa: E402
                            print_scores, render, renamed_reals, report_body, score, site_for, unplaced)

ZJ = site_for("龙游县", "浙")  # the county whose sites most of the batch stands on


def names() -> list[str]:
    """The batch's variant names (tests/test_variants.py states every name before they are made)."""
    return ["b15-jiyue-fawen.html", "b15-jiyue-contentsource.html", "b15-jiyue-articletitle.html",
            "b15-jiyue-office-publisher.html", "b15-real13-jiyue.html", "b15-jiyue-copy.txt",
            "b15-zwgk-iframe.html", "b15-zwgk-iframe-bare.html", "b15-real15-zwgk-iframe.html",
            "b15-source-only.html", "b15-source-only.txt", "b15-footer-zhuban.html", "b15-luokuan.html",
            "b15-luokuan.txt", "b15-wechat-street.txt", "b15-wechat-byline.txt", "b15-wechat-county-account.txt",
            "b15-wechat-mp-guanzhu.html", "b15-pdfviewer-dashes.txt", "b15-real15-pdfviewer-dashes.txt",
            "b15-pdfviewer-form2019.txt", "b15-word-fullwidth.txt", "b15-real13-word-fullwidth.txt",
            "b15-town.html", "b15-school.txt", "b15-hospital.html", "b15-soe.txt", "b15-kaifaqu.html",
            "b15-kaifaqu-signed.txt", "b15-hanyear-niandu.txt", "b15-hanyear-niandu.html",
            "龙游县统计局2023年政府信息公开工作年度报告.txt", "b15-nextyear-talk.html", "b15-yearless-dated.txt",
            "b15-form2019-jiyue.html", "b15-form2019-wechat.txt", "b15-real11-contentsource.html",
            "b15-real11-luokuan.txt", "b15-hospital-copy.txt", "b15-town-fawen.html", "b15-jiyue-copy-cells.txt",
            "b15-hanyear-2019.txt", "b15-pdfviewer-agencyheader.txt", "b15-hanzero-year.txt", "b15-hanzero-wide.html",
            "b15-year-before-report.txt", "b15-agency-below-title.txt", "b15-agency-below-title.html"]


# --- the pieces ------------------------------------------------------------------------------------------

def drawn(name: str, year: int, seed: int, *, me: str = "我局", fmt: str = "2021", place: str = "龙游县"
          ) -> tuple[object, Truth, str, str]:
    """A drawn report of `name` (unsigned): the report, its truth, its title and its article body."""
    if fmt == "2021":
        report, truth = dept_report(name, place, year, seed, me=me)
    else:
        from index.metadata import short_name

        report = make_report(random.Random(seed), agency=Agency(name, place, "", me, 1.5), year=year, fmt=fmt)
        report.style.amount_unit = "header"
        report.style.signature = False
        truth = Truth(name, short_name(name), year, fmt, dict(report.values))
    title, body = report_body(report)
    return report, truth, title, body.replace(title, "")


def signed(body: str, agency: str, day: str) -> str:
    """The body closed by its 落款: the agency and the date right-aligned under the last part."""
    return body + f'<p style="text-align:right">{agency}</p><p style="text-align:right">{day}</p>'


def page_jiyue(site: Site, title: str, *, heading: str, index: str, organ: str | None, written: str,
               published: str, body: str, source: str | None, topic: str = "综合政务/政务公开") -> str:
    """A 政府网站集约化平台 page (浙江): <title> the site's, the CMS's meta tags (ArticleTitle, ContentSource when
    given), the 信息公开 table (信息索引号 / 公开方式 / 发文机关 / 成文日期 / 主题分类 / 体裁分类) when `organ` is
    given, the heading (`heading` may be a picture), 打印/关闭, the site's footer."""
    site_name = site.name
    meta = f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{published}">' \
        + (f'<meta name="ContentSource" content="{source}">' if source else "") \
        + f'<meta name="SiteName" content="{site_name}"><meta name="ColumnName" content="政府信息公开年报">'
    table = "" if organ is None else f"""<table class="xxgk_table" width="100%" border="0">
<tr><td class="tit">信息索引号</td><td>{index}</td><td class="tit">公开方式</td><td>主动公开</td></tr>
<tr><td class="tit">发文机关</td><td>{organ}</td><td class="tit">成文日期</td><td>{written}</td></tr>
<tr><td class="tit">主题分类</td><td>{topic}</td><td class="tit">体裁分类</td><td>公开年报</td></tr>
<tr><td class="tit">发布日期</td><td>{published[:10]}</td><td class="tit">有效性</td><td></td></tr></table>"""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{site_name}</title>{meta}
<link rel="stylesheet" href="/module/jslib/jquery/css/jquery.css"></head><body>
<div class="jyh-top"><img src="/picture/0/logo.png" alt="{site_name}"><div class="jyh-links"><a>无障碍</a> <a>长者版</a> <a>English</a></div></div>
<div class="jyh-nav">{_menu(site)}</div>
<div class="jyh-pos">您当前的位置：<a href="/">首页</a> &gt; <a href="/col/col1229/">政府信息公开</a> &gt; <a href="/col/col1230/">政府信息公开年报</a></div>
<div class="jyh-main">{table}
<div class="jyh-title">{heading}</div>
<div class="jyh-info">发布日期：{published}　浏览次数：<script>document.write(316)</script>　【字号：大 中 小】</div>
<div id="zoom" class="jyh-content">{body}</div>
<div class="jyh-tools"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div></div>
{_footer(site, 6)}</body></html>"""


def zwgk_outer(site_name: str, src: str) -> str:
    """The 'zwgk' template's outer page as saved 'complete': the article an <iframe> of the _files folder."""
    return f"""<html><head><meta charset="utf-8"><title>政务公开-{site_name}</title></head><body>
<div class="banner"><h1>{site_name}</h1></div><div class="nav">{_menu(ZJ)}</div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 法定主动公开内容 &gt; 年度报告</div>
<iframe id="zwgkFrame" name="zwgkFrame" src="{src}" width="100%" height="4000" frameborder="0" scrolling="no"></iframe>
{_footer(ZJ, 7)}</body></html>"""


def zwgk_inner(title: str, info: str, body: str) -> str:
    return f"""<html><head><meta charset="utf-8"><link rel="stylesheet" href="zwgk.css"></head><body>
<div class="zwgk-article"><h1>{title}</h1><div class="info">{info}</div><div class="zwgk-text">{body}</div></div>
</body></html>"""


def plain_page(site_name: str, title: str, info: str, body: str, *, head_title: str, top: str = "",
               footer: str = "") -> str:
    """A small site's article page: no CMS meta tags, the heading an <h2>, one info line."""
    return f"""<html><head><meta charset="utf-8"><title>{head_title}</title></head><body>
<div class="top">{top}</div><div class="nav">{_menu(ZJ)}</div>
<div class="wz">当前位置：首页 &gt; 信息公开 &gt; 年度报告</div>
<div class="art"><h2>{title}</h2><div class="art-info">{info}</div><div class="art-con">{body}</div></div>
{footer or _footer(ZJ, 8)}</body></html>"""


def text_of(title: str | None, body: str, *, sep: str = "\t") -> list[str]:
    return ([title] if title else []) + _block_lines(body, sep)


_WX_HEAD = ("点击上方蓝字关注我们", "")
_WX_TAIL = ("", "阅读原文", "预览时标签不可点", "微信扫一扫", "关注该公众号", "继续滑动看下一个", "轻触阅读原文", "",
            "分享　收藏　点赞　在看")


def wechat_text(title: str, byline: str, lines: list[str], tail: list[str] = ()) -> str:
    """The text a user copies from a 公众号 article in the browser: 点击上方蓝字关注, the title, the byline (原创,
    the account's name and nickname, the date and province), the article, its 来源/编辑 lines, then the page's
    own words (阅读原文, 预览时标签不可点 …)."""
    return "\n".join([*_WX_HEAD, title, byline, "", *lines, "", *tail, *_WX_TAIL]) + "\n"


def viewer_lines(lines: list[str], *, per_page: int, footer: str, header: str = "") -> str:
    """A PDF viewer's copy: every table cell on a line of its own (blank cells dropped), the page's footer
    (「— N —」 or 「第 N 页，共 M 页」) and its running header interleaved every `per_page` lines."""
    cells: list[str] = []
    for line in lines:
        cells += [c.strip() for c in line.split("\t") if c.strip()] if "\t" in line else [line]
    pages = [cells[k:k + per_page] for k in range(0, len(cells), per_page)]
    out: list[str] = []
    for n, chunk in enumerate(pages, 1):
        out += ([header] if header and n > 1 else []) + chunk + ["", footer.format(n=n, m=len(pages)), ""]
    return "\n".join(out) + "\n"


def word_text(lines: list[str]) -> str:
    """Text copied out of Word: paragraphs indented by two 全角 spaces, table cells padded by them, labels of
    a few characters spread (自　然　人), a tab between cells."""
    out = []
    for line in lines:
        if "\t" in line:
            cells = []
            for c in line.split("\t"):
                if re.fullmatch(r"[\u4e00-\u9fff]{3}", c):
                    c = "　".join(c)
                cells.append(f"　{c}　" if re.fullmatch(r"\d+(\.\d+)?", c) else c)
            out.append("\t".join(cells))
        else:
            out.append("　　" + line + ("　" if re.match(r"[一二三四五六]、", line) else ""))
    return "\r\n".join(out) + "\r\n"


# --- the batch -------------------------------------------------------------------------------------------

def batch15(out: Path, put, *, office: bool = False) -> list[Variant]:
    """The batch-15 kinds, all pages and text: written with `put` (office copies are not made here)."""
    made: list[Variant] = []
    site = ZJ.name
    # 集约化平台: the agency only in 发文机关; only in ContentSource; only in ArticleTitle (heading a picture);
    # 发文机关 the county's office over a titled report.
    _, edu_t, title, body = drawn("龙游县教育局", 2023, 1501)
    bare = "2023年政府信息公开工作年度报告"
    anon = unplaced(body, "龙游县教育局", "我局", "龙游县")
    put("b15-jiyue-fawen.html", page_jiyue(ZJ, bare, heading=bare, index="002615123/2024-51234", organ="龙游县教育局",
                                           written="2024-01-18", published="2024-01-19 15:32:10", body=anon,
                                           source=None), edu_t, "drawn")
    put("b15-jiyue-copy.txt", "\n".join([site, "您当前的位置：首页 > 政府信息公开 > 政府信息公开年报",
                                         "信息索引号\t002615123/2024-51234\t公开方式\t主动公开",
                                         "发文机关\t龙游县教育局\t成文日期\t2024-01-18",
                                         "主题分类\t综合政务/政务公开\t体裁分类\t公开年报", bare,
                                         "发布日期：2024-01-19 15:32:10　浏览次数：316　【字号：大 中 小】",
                                         *text_of(None, anon), "【打印本页】 【关闭窗口】",
                                         f"主办单位：{site}办公室　浙ICP备05006123号-1"]) + "\n", edu_t, "drawn")
    put("b15-jiyue-copy-cells.txt", "\n".join([site, "信息索引号", "002615123/2024-51234", "公开方式", "主动公开", "发文机关",
                                               "龙游县教育局", "成文日期", "2024-01-18", "主题分类", "综合政务/政务公开",
                                               "体裁分类", "公开年报", bare, *text_of(None, anon)]) + "\n", edu_t, "drawn")
    _, civ_t, title, body = drawn("龙游县民政局", 2023, 1502)
    put("b15-jiyue-contentsource.html", page_jiyue(ZJ, bare, heading=bare, index="", organ=None, written="",
                                                   published="2024-01-22 09:10:00",
                                                   body=unplaced(body, "龙游县民政局", "我局", "龙游县"),
                                                   source="龙游县民政局"), civ_t, "drawn")
    _, hr_t, title, body = drawn("龙游县人力资源和社会保障局", 2023, 1503)
    put("b15-jiyue-articletitle.html", page_jiyue(ZJ, title, heading='<img src="/picture/0/title.png">', index="",
                                                  organ=None, written="", published="2024-01-24 10:00:00",
                                                  body=unplaced(body, "龙游县人力资源和社会保障局", "我局", "龙游县"),
                                                  source=None), hr_t, "drawn")
    _, trn_t, title, body = drawn("龙游县交通运输局", 2023, 1504)
    put("b15-jiyue-office-publisher.html", page_jiyue(ZJ, title, heading=title, index="002615123/2024-51240",
                                                      organ=f"{site}办公室", written="2024-01-25",
                                                      published="2024-01-26 08:00:00", body=body,
                                                      source=f"{site}办公室"), trn_t, "drawn")
    r15, r13, r11 = renamed_reals()
    put(f"b15-{r13.tag}-jiyue.html", page_jiyue(r13.site, r13.title, heading=r13.title,
                                                index="003591234/2022-00031", organ=r13.source, written="2022-01-28",
                                                published=r13.published, body=r13.body, source=r13.source),
        r13.truth, r13.name)
    # 'zwgk' saved complete: the article (its <h1>) in an iframe of the _files folder.
    _, agr_t, title, body = drawn("龙游县农业农村局", 2023, 1505)
    for name, (h1, info, text) in (("b15-zwgk-iframe", (title, "发布时间：2024-01-17　来源：龙游县农业农村局", body)),
                                   ("b15-zwgk-iframe-bare", (bare, "发布机构：龙游县农业农村局　发布时间：2024-01-17",
                                                             unplaced(body, "龙游县农业农村局", "我局", "龙游县")))):
        folder = out / f"{name}_files"
        folder.mkdir(exist_ok=True)
        (folder / "zwgk_content.html").write_text(zwgk_inner(h1, info, text), encoding="utf-8")
        put(f"{name}.html", zwgk_outer(site, f"{name}_files/zwgk_content.html"), agr_t, "drawn")
    folder = out / f"b15-{r15.tag}-zwgk-iframe_files"
    folder.mkdir(exist_ok=True)
    (folder / "zwgk_content.html").write_text(zwgk_inner(r15.title, f"发布时间：{r15.published}　来源：{r15.source}",
                                                         r15.body), encoding="utf-8")
    put(f"b15-{r15.tag}-zwgk-iframe.html", zwgk_outer(r15.site.name, f"{folder.name}/zwgk_content.html"), r15.truth,
        r15.name)
    # The agency only in the 来源： line (page and its copy).
    _, hou_t, title, body = drawn("龙游县住房和城乡建设局", 2023, 1506)
    anon = unplaced(body, "龙游县住房和城乡建设局", "我局", "龙游县")
    info = "来源：龙游县住房和城乡建设局　发布时间：2024-01-22　点击数：128"
    put("b15-source-only.html", plain_page(site, bare, info, anon, head_title=f"{bare}-{site}"), hou_t, "drawn")
    put("b15-source-only.txt", "\n".join([site, "当前位置：首页 > 信息公开 > 年度报告", bare, info,
                                          *text_of(None, anon)]) + "\n", hou_t, "drawn")
    # A department's own site: the agency only in the footer's 主办单位.
    _, mkt_t, title, body = drawn("龙游县市场监督管理局", 2023, 1507)
    footer = ('<div class="foot"><p>主办单位：龙游县市场监督管理局　地址：龙游县荣昌大道228号　联系电话：0570-7012345</p>'
              '<p>技术支持：龙游县大数据发展中心　浙ICP备05009876号</p></div>')
    put("b15-footer-zhuban.html", plain_page(site, bare, "发布时间：2024-01-23　点击数：87",
                                             unplaced(body, "龙游县市场监督管理局", "我局", "龙游县"),
                                             head_title="政务公开", top='<img src="/images/logo.png" alt="">',
                                             footer=footer), mkt_t, "drawn")
    # The agency only in the 落款 with its date (page and text).
    _, wat_t, title, body = drawn("龙游县水利局", 2023, 1508)
    closed = signed(unplaced(body, "龙游县水利局", "我局", "龙游县"), "龙游县水利局", "2024年1月16日")
    put("b15-luokuan.html", plain_page(site, bare, "来源：本站　发布时间：2024-01-16", closed,
                                       head_title=f"{bare}-{site}"), wat_t, "drawn")
    put("b15-luokuan.txt", "\n".join([bare, *text_of(None, closed)]) + "\n", wat_t, "drawn")
    # WeChat copies: a 街道's article (named), the agency only in the byline, a county's account posting a
    # department's report (来源 line under it), and a saved article page with 点击上方蓝字关注.
    _, st_t, title, body = drawn("衢州市柯城区府山街道办事处", 2023, 1509, me="我街道", place="衢州市柯城区")
    put("b15-wechat-street.txt", wechat_text(title, "原创 府山街道 柯城府山 2024-01-25 17:30 浙江",
                                             text_of(None, body), ["编辑：王丽", "审核：张伟"]), st_t, "drawn")
    _, hl_t, title, body = drawn("龙游县卫生健康局", 2023, 1510)
    put("b15-wechat-byline.txt", wechat_text(bare, "龙游县卫生健康局 健康龙游 2024年01月19日 18:00 浙江",
                                             text_of(None, unplaced(body, "龙游县卫生健康局", "我局", "龙游县"))),
        hl_t, "drawn")
    _, em_t, title, body = drawn("龙游县应急管理局", 2023, 1511)
    put("b15-wechat-county-account.txt", wechat_text(title, "龙游发布 2024-01-26 08:30 浙江", text_of(None, body),
                                                     ["来源：龙游县应急管理局", "编辑：李娜　审核：周强",
                                                      "龙游县融媒体中心出品"]), em_t, "drawn")
    _, cul_t, title, body = drawn("龙游县文化广电旅游体育局", 2023, 1512)
    put("b15-wechat-mp-guanzhu.html", f"""<!DOCTYPE html><html><head><meta charset="utf-8"><meta property="og:title" content="{title}">
<title>{title}</title></head><body><div id="js_article"><h1 class="rich_media_title">{title}</h1>
<div id="meta_content"><span>原创</span> <a id="js_name">龙游文旅</a> <em id="publish_time">2024-01-20 17:00</em> <em>浙江</em></div>
<div id="js_content"><section><span style="color:#1e6fff">点击上方蓝字关注我们</span></section>{body}
<section>来源：龙游县文化广电旅游体育局</section><section>编辑：陈晨　审核：吴刚</section></div>
<div class="rich_media_tool"><a id="js_view_source">阅读原文</a><span>阅读 1,024</span><span>在看 8</span></div>
<div>预览时标签不可点</div></div></body></html>""", cul_t, "drawn")
    # PDF viewer copies: 「— N —」 page numbers (drawn, the real page), 「第 N 页，共 M 页」 (a 2019-form report).
    _, jus_t, title, body = drawn("龙游县司法局", 2023, 1513)
    put("b15-pdfviewer-dashes.txt", viewer_lines(text_of(title, body), per_page=37, footer="— {n} —"), jus_t, "drawn")
    put(f"b15-{r15.tag}-pdfviewer-dashes.txt", viewer_lines(text_of(r15.title, r15.body), per_page=41,
                                                             footer="— {n} —"), r15.truth, r15.name)
    _, old_t, title, body = drawn("龙游县自然资源和规划局", 2020, 1514, fmt="2019")
    put("b15-pdfviewer-form2019.txt", viewer_lines(text_of(title, body), per_page=33, footer="第 {n} 页，共 {m} 页",
                                                   header=title), old_t, "drawn")
    _, arc_t, title, body = drawn("龙游县档案馆", 2023, 1529, me="我馆")
    put("b15-pdfviewer-agencyheader.txt", viewer_lines(["龙游县档案馆", *text_of(bare, unplaced(body, "龙游县档案馆", "我馆",
                                                                                           "龙游县"))],
                                                       per_page=35, footer="- {n} -", header="龙游县档案馆"), arc_t, "drawn")
    # Word copies: 全角 spaces and tabs.
    _, fin_t, title, body = drawn("龙游县财政局", 2023, 1515)
    put("b15-word-fullwidth.txt", word_text(text_of(title, body)), fin_t, "drawn")
    put(f"b15-{r13.tag}-word-fullwidth.txt", word_text(text_of(r13.title, r13.body)), r13.truth, r13.name)
    # Public bodies: a 镇 (named; bare with the 镇 only in 发文机关), a school, a county hospital on the 卫健局's
    # site, a state-owned company, two 开发区管理委员会.
    _, town_t, title, body = drawn("龙游县湖镇镇人民政府", 2023, 1516, me="我镇")
    put("b15-town.html", plain_page(site, title, "来源：湖镇镇　发布时间：2024-01-18", body,
                                    head_title=f"{title}-{site}"), town_t, "drawn")
    _, town2_t, title, body = drawn("龙游县溪口镇人民政府", 2023, 1517, me="我镇")
    put("b15-town-fawen.html", page_jiyue(ZJ, bare, heading=bare, index="002615188/2024-00003",
                                          organ="龙游县溪口镇人民政府", written="2024-01-12",
                                          published="2024-01-15 16:00:00",
                                          body=unplaced(body, "龙游县溪口镇人民政府", "我镇", "龙游县"), source=None),
        town2_t, "drawn")
    _, sch_t, title, body = drawn("龙游县第二高级中学", 2023, 1518, me="我校")
    put("b15-school.txt", "\n".join(text_of(title, signed(body, "龙游县第二高级中学", "2024年1月12日"))) + "\n", sch_t,
        "drawn")
    _, hos_t, title, body = drawn("龙游县人民医院", 2023, 1519, me="我院")
    hos_page = plain_page("龙游县卫生健康局", title, "来源：龙游县卫生健康局　发布时间：2024-01-29", body,
                          head_title=f"{title}-龙游县卫生健康局")
    put("b15-hospital.html", hos_page, hos_t, "drawn")
    put("b15-hospital-copy.txt", "\n".join(["龙游县卫生健康局", title, "来源：龙游县卫生健康局　发布时间：2024-01-29",
                                            *text_of(None, body)]) + "\n", hos_t, "drawn")
    _, soe_t, title, body = drawn("龙游县城市建设投资集团有限公司", 2023, 1520, me="我公司")
    put("b15-soe.txt", "\n".join(text_of(title, body)) + "\n", soe_t, "drawn")
    _, kfq_t, title, body = drawn("浙江龙游经济开发区管理委员会", 2023, 1521, me="我委")
    put("b15-kaifaqu.html", page_jiyue(ZJ, title, heading=title, index="002615200/2024-00011",
                                       organ="浙江龙游经济开发区管理委员会", written="2024-01-20",
                                       published="2024-01-22 10:20:00", body=body, source="龙游经济开发区"),
        kfq_t, "drawn")
    _, kfq2_t, title, body = drawn("衢州经济技术开发区管理委员会", 2023, 1522, me="我委", place="衢州市")
    closed = signed(unplaced(body, "衢州经济技术开发区管理委员会", "我委", "衢州市"), "衢州经济技术开发区管理委员会",
                    "2024年1月30日")
    put("b15-kaifaqu-signed.txt", "\n".join([bare, *text_of(None, closed)]) + "\n", kfq2_t, "drawn")
    # Years: 二〇二三年度 only (text and page); only in the file name; a report talking of the year after; a yearless
    # title over its 2024年1月 date.
    _, pol_t, title, body = drawn("龙游县公安局", 2023, 1523)
    han_title = han_years(title, 2023).replace("年政府", "年度政府")
    han_body = han_years(body, 2023)
    put("b15-hanyear-niandu.txt", "\n".join(text_of(han_title, han_body)) + "\n", pol_t, "drawn")
    put("b15-hanyear-niandu.html", plain_page(site, han_title, "来源：龙游县公安局　发布时间：二〇二四年一月二十日", han_body,
                                              head_title=f"{site}"), pol_t, "drawn")
    # The year's zero typed as a digit (二0二三年度, and full-width 二０二三 on a page), the year before 年度报告 at the
    # title's end (…政府信息公开工作2023年度报告).
    _, zero_t, title, body = drawn("龙游县发展和改革局", 2023, 1531)
    put("b15-hanzero-year.txt", "\n".join(text_of(title.replace("2023年", "二0二三年度"), body.replace("2023年", "二0二三年")))
        + "\n", zero_t, "drawn")
    _, wide_t, title, body = drawn("龙游县科学技术局", 2023, 1532)
    put("b15-hanzero-wide.html", plain_page(site, title.replace("2023年", "二０二三年"), "来源：本站　发布时间：2024-01-21",
                                            body.replace("2023年", "二０二三年"), head_title=site), wide_t, "drawn")
    _, late_t, title, body = drawn("龙游县生态环境分局", 2023, 1533)
    put("b15-year-before-report.txt", "\n".join(text_of("龙游县生态环境分局政府信息公开工作2023年度报告", body)) + "\n",
        late_t, "drawn")
    # A bare title with the agency on the line under it (a Word layout: the title, the office centred below).
    _, below_t, title, body = drawn("龙游县医疗保障局", 2023, 1534)
    anon = unplaced(body, "龙游县医疗保障局", "我局", "龙游县")
    put("b15-agency-below-title.txt", "\n".join([bare, "龙游县医疗保障局", *text_of(None, anon)]) + "\n", below_t, "drawn")
    put("b15-agency-below-title.html", plain_page(site, bare, "来源：本站　发布时间：2024-01-25",
                                                  '<p style="text-align:center">龙游县医疗保障局</p>' + anon,
                                                  head_title=f"{bare}-{site}"), below_t, "drawn")
    _, h19_t, title, body = drawn("龙游县商务局", 2019, 1530, fmt="2019")
    put("b15-hanyear-2019.txt", "\n".join(text_of(han_years(title, 2019).replace("年政府", "年度政府"),
                                                   han_years(body, 2019))) + "\n", h19_t, "drawn")
    _, sta_t, title, body = drawn("龙游县统计局", 2023, 1524)
    yearless = body.replace("2023年", "本年度")
    put("龙游县统计局2023年政府信息公开工作年度报告.txt",
        "\n".join(text_of("龙游县统计局政府信息公开工作年度报告", signed(yearless, "龙游县统计局", "2024年1月20日")))
        + "\n", sta_t, "drawn")
    _, eco_t, title, body = drawn("龙游县经济和信息化局", 2023, 1525)
    plans = ("<p>2024年，我局将继续深化政务公开。2024年重点做好以下工作：一是2024年完善主动公开目录；二是2024年加强"
             "政策解读；三是2024年提升依申请公开答复质量。</p>")
    put("b15-nextyear-talk.html", page_jiyue(ZJ, title, heading=title, index="002615211/2024-00021",
                                             organ="龙游县经济和信息化局", written="2024-01-31",
                                             published="2024-01-31 17:00:00", body=plans + body,
                                             source="龙游县经济和信息化局", topic="2024年/政务公开"), eco_t, "drawn")
    _, for_t, title, body = drawn("龙游县林业水利局", 2023, 1526)
    put("b15-yearless-dated.txt", "\n".join(["龙游县林业水利局政府信息公开工作年度报告", "（2024年1月）",
                                             *text_of(None, body)]) + "\n", for_t, "drawn")
    # The 2019 form: 2019 on a 集约化 page, 2020 as a WeChat copy.
    _, o19_t, title, body = drawn("龙游县审计局", 2019, 1527, fmt="2019")
    put("b15-form2019-jiyue.html", page_jiyue(ZJ, title, heading=title, index="002615222/2020-00002",
                                              organ="龙游县审计局", written="2020-01-15", published="2020-01-16 09:00:00",
                                              body=body, source="龙游县审计局"), o19_t, "drawn")
    _, o20_t, title, body = drawn("龙游县退役军人事务局", 2020, 1528, fmt="2019")
    put("b15-form2019-wechat.txt", wechat_text(title, "原创 龙游县退役军人事务局 龙游退役军人 2021-01-22 16:00 浙江",
                                               text_of(None, body)), o20_t, "drawn")
    # A renamed real page: the agency only in the ContentSource meta (heading bare); its text signed only.
    gov, bare_r, anon_r = r11.anonymous()
    put(f"b15-{r11.tag}-contentsource.html", page_jiyue(r11.site, bare_r, heading=bare_r, index="", organ=None,
                                                        written="", published=r11.published, body=anon_r,
                                                        source=gov),
        Truth(gov, r11.full, r11.truth.year, r11.truth.fmt, r11.truth.facts), r11.name)
    put(f"b15-{r11.tag}-luokuan.txt", "\n".join([bare_r, *text_of(None, signed(anon_r, r11.full, "2020年1月20日"))])
        + "\n", r11.truth, r11.name)
    return made


def main(argv: list[str]) -> int:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        made: list[Variant] = []

        def put(name: str, data: str | bytes, truth: Truth, source: str, encoding: str = "utf-8") -> Path:
            path = Path(tmp) / name
            path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding, "xmlcharrefreplace"))
            made.append(Variant(name, path, truth, source))
            return path

        batch15(Path(tmp), put)
        assert sorted(v.name for v in made) == sorted(names()), set(names()) ^ {v.name for v in made}
        scores = [score(v) for v in made]
    print_scores(scores, "batch15")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
