"""The product on files it has not seen: the seeds and the real pages as other agencies' and other sites'
pages, text dumps, Word and PDF copies (tests/variants.py makes them at run time, with their gold).

One test per variant: agency (full and short name), statistics year, template version, and every fact
against the gold. The Word/PDF/DOC copies need LibreOffice and are made in one batch (about a minute); the
pages printed by a browser need Chromium, and the PDF whose tables are pictures is read by OCR (seconds a
page)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.binary_copies import soffice
from tests.variants import Variant, chromium, make_variants, score
from tests.variants_office import names as office_names
from tests.variants_web import names as web_names
from tests.variants_web import names17 as web_names17

# Variants the product does not read fully yet, with what is missing and why (measured, not hoped for):
# at least this many facts right out of the gold's (a floor: LibreOffice's layout may differ a little from
# version to version), the rest left for later work.
KNOWN_SHORT: dict[str, tuple[int, str]] = {
    # Tables pasted as pictures, read by OCR: 168 of 198 measured; the rest are cells OCR reads with too low a
    # score or labels wrapped in merged cells that do not match their rows (no value, never a wrong one).
    "002-print-tablepictures.pdf": (160, "OCR of the pictured tables leaves some cells without a value"),
    # A value cell merged over two columns and filled into both (35 | 0 | 0 where the form has two columns):
    # equal numbers side by side are read as values of their own, so the row does not fit and is left out.
    "real11-page-mergefilled.html": (14, "a merged value cell filled into each column"),
    # Printed with large cells and no rulings: read as text lines, the group label's column (（三）不予公开)
    # runs into the row label's text (「（三）不1.属于国家秘」 「予公开密」), four rows of zeros are not placed.
    "004-print-borderless.pdf": (170, "group labels run into row labels in an unruled table's text"),
    # DOCX whose tables are pictures, read by OCR: 181 of 198 measured (cells OCR does not place).
    "002-tablepictures.docx": (175, "OCR of the pictured tables leaves some cells without a value"),
    # Printed in two narrow columns: the procurement row's count sits inside its label's cell in the PDF's
    # table ('政府集中采购1' | '' | '232.4586'), so the empty cell is read as 0 (197 of 198).
    "002-print-twocol.pdf": (197, "a value inside its label's cell in a narrow printed table"),
    # A pdf2htmlEX page of a printed report whose label columns are two characters wide: the group's column and
    # the row's stand side by side on a line ('度办 （二）部分公'), the first piece of a label carries its row's
    # numbers; the pieces are joined (index.align: wrapped labels), 165 of 200 measured: （二）部分公开 and a few
    # rows whose pieces start beside the group's are still missed.
    "b8-002-pdf2htmlex.html": (160, "labels wrapped two characters a line beside the group's column"),
    # A WPS document's PDF copied by a PDF viewer: 三's labels wrap two to four characters a line and over page
    # breaks with the header repeated; joined, 193 of 200 measured: the row whose label's first pieces stand
    # before the page break without its numbers (「2、申请人逾期未按」 … the header … 「缴纳费用…」) is missed.
    "b11-wps-headed-copy.txt": (190, "a wrapped label cut by a page break and the repeated header"),
    # The real 2020 dump saved as DOCX: the real file's own miss (03 normative.made, gold disputed).
    "b8-real03-lo.docx": (11, "the real dump's normative.made, as in the real file"),
    # Batch 14 (tests/variants_office.py). A whole report scanned (grey, skewed 0.4-0.6°), turned straight and
    # read by OCR at 190 dpi: 189 of 200 measured; a few rows whose labels wrap over two lines are not placed.
    "b14-scan-whole.pdf": (182, "OCR of a skewed scan: wrapped labels' rows not placed"),
    # Batch 16 (tests/variants_office.py). Fonts without a ToUnicode map for every other Chinese glyph: the
    # text layer (holes, (cid:N)) is set aside and the pages read by OCR, 189 of 200 measured at 150 dpi.
    "b16-partunicode.pdf": (183, "OCR of pages with unmapped glyphs leaves some cells without a value"),
    # A scan turned 1.2° and -1.5°, turned straight before OCR: 191 of 200 measured (a wrapped label's row).
    "b16-scan-rot150.pdf": (184, "OCR of a turned scan: a wrapped label's row not placed"),
    # Batch 18 (tests/variants_office.py). A JPEG scan at 110 dpi, turned 0.7°: OCR reads some zeros as 'a' (left
    # without a value, never guessed) and cuts 四's header; 182 of 200 measured.
    "b18-scan-lowres.pdf": (175, "OCR of a low-resolution JPEG scan reads zeros as letters"),
}


@pytest.fixture(scope="module")
def variants(tmp_path_factory) -> dict[str, Variant]:
    out = tmp_path_factory.mktemp("variants")
    return {v.name: v for v in make_variants(out, office=bool(soffice()))}


def _names(office: bool) -> list[str]:
    """The variant names, known before they are made: made once into a scratch folder at collection would
    cost the batch twice, so the list is stated by kind and checked against what was made."""
    out = []
    stems = ("000", "001", "002", "003", "004")
    styles = ("trs", "xxgk", "plain", "modern")
    for k, tag in enumerate(stems):
        out += [f"{tag}-dump-onelines.txt", f"{tag}-dump-header.txt", f"{tag}-retitled.txt"]
        if tag in ("001", "002", "003"):
            out += [f"{tag}-dump-cells.txt", f"{tag}-dump-pdfcopy.txt"]
        out += [f"{tag}-page-{styles[k % 4]}.html", f"{tag}-page-{styles[(k + 1) % 4]}-bom.html",
                f"{tag}-page-{styles[(k + 3) % 4]}-owntitle.html", f"{tag}-page-{('trs', 'xxgk')[k % 2]}-metatitle.html",
                f"{tag}-page-imgtables.html", *([f"{tag}-page-{styles[(k + 1) % 4]}.mhtml"] if k in (0, 3) else []),
                f"{tag}-drawn2021-{styles[(k + 2) % 4]}.html"]
        if office:
            out.append(f"{tag}-word.docx")
    out += ["real15-page-xxgk.html", "real13-page-plain.html", "real11-page-modern.html"]
    if office:
        out += ["000-saved-word.doc"] + [f"{t}-print-word.pdf" for t in stems] \
            + [f"{t}-print-seedtext.pdf" for t in stems] + ["002-print-page.pdf", "004-print-page.pdf"]
    # more_variants: the page's chrome in text and markdown, titles unnamed or broken, other digits.
    for k, tag in enumerate(stems):
        out += [f"{tag}-dump-chrome.txt", f"{tag}-saved.md", f"{tag}-signedonly.txt", f"{tag}-titlewrap.txt"]
        out += [f"{tag}-widedigits.txt", f"{tag}-dump-chrome-onelines.txt"] if k % 2 == 0 \
            else [f"{tag}-dump-chrome-unnamed.txt"]
        out += [f"{tag}-letterhead.txt", f"{tag}-word-textbox.docx"] if k in (0, 2) else []
    for real in ("15", "13", "11"):
        out += [f"real{real}-dump-cellsdropped.txt", f"real{real}-page-thousands.html", f"real{real}-page-brtitle.html"]
        out += [f"real{real}-chrome-page.pdf"] if office and chromium() else []
    if office:
        out += ["real13-saved-page.docx"] + (["002-print-tablepictures.pdf", "000-print-letterhead.pdf"]
                                             if chromium() else [])
    # batch5: copies out of a PDF viewer, other charsets and CMSs, WeChat, the agency in the first sentence,
    # agencies whose short names collide, Word tables nested or split, headed and footed prints, DOC.
    out += [f"real{r}-dump-pdfviewer.txt" for r in ("15", "13", "11")] + ["real11-page-gbkmeta.html",
                                                                       "real15-dump-gb18030.txt"]
    out += [f"{t}-page-bodyagency.html" for t in stems] + ["001-dump-bodyagency.txt", "003-dump-bodyagency.txt",
                                                           "001-dump-widecells.txt", "003-dump-widecells.txt",
                                                           "000-wechat.html", "004-wechat.html", "002-page-iframe.html",
                                                           "002-page-gbkmeta.html", "003-page-mobile.html",
                                                           "001-dump-gb18030.txt", "twin0-page-mobile.html",
                                                           "real13-wechat.html", "004-page-paged1.html",
                                                           "004-page-paged2.html", "000-page-split.html",
                                                           "001-page-split-repeated.html",
                                                           "000-dump-onelines-bodyagency.txt",
                                                           "002-dump-onelines-bodyagency.txt"]
    out += [f"twin{k}-page-trs.html" for k in range(4)]
    if office:
        out += ["003-nested.docx", "003-print-headed.pdf", "001-splittable.docx", "004-splittable-repeated.docx",
                "twin1-nested.docx", "twin2-print-headed.pdf", "twin3-saved.doc", "real13-saved-page.doc", "004-print-splitrepeated.pdf",
                "real13-print-savedpage.pdf"]
        out += ["real15-chrome-headed.pdf"] if chromium() else []
    # batch6: the real pages as saved (no charset, frames, two years), merged cells filled or blank, WeChat
    # and text-browser copies, tables as sentences, templates out of their years, a county without its city.
    out += ["real17-page-gb18030-nometa.html", "real12-saved-frames.html", "real16-saved-iframe.html",
            "real16-page-twoyears.html", "real05-dump-twoyears.txt", "real15-wechat-copy.txt", "real15-dump-boxes.txt",
            "real13-tables.md", "real13-page-titleonly.html", "real11-page-crumbonly.html", "000-page-gbk-nometa.html",
            "001-word.mht", "002-wechat-copy.txt", "003-sentences.txt", "004-sentences.txt",
            "001-drawn2021-sentences.txt",
            "001-form2019-year2021.html", "003-form2021-year2020.html", "hongze0-page-nocity.html",
            "hongze1-page-nocity.html", "real22-dump-layout.txt", "real22-page-pre.html"]
    out += [f"real{r}-page-merge{k}.html" for r in ("15", "13", "11") for k in ("filled", "blank")]
    if office:
        out += ["001-seedtext.doc", "002-tablebox.docx", "real15-print-lo.pdf"]
        out += ["002-tablepictures.docx", "004-print-rowsplit.pdf", "004-print-borderless.pdf", "real16-print-chrome.pdf",
                "real12-print-chrome.pdf", "real16-dump-layout.txt", "real12-dump-layout.txt"] if chromium() else []
    # batch7: parts under other headings, tables joined, turned, split or padded, cells with units and dashes,
    # <div> grids, the article in a <textarea> or JSON, CRLF and UTF-16 text, 繁體, towns and street offices.
    out += ["000-heading-paren.html", "001-heading-part.txt", "002-heading-bare.html", "003-heading-arabic.txt",
            "004-heading-paren.html", "000-page-onetable.html", "000-page-divgrid.html", "001-page-reviewturned.html",
            "001-page-textarea.html", "001-dump-crlf-ff.txt", "002-page-reviewsplit.html", "002-page-scriptjson.html",
            "002-dump-utf16.txt", "003-page-padded.html", "003-page-units.html", "003-dump-utf16le-nobom.txt",
            "004-page-dashes.html", "004-traditional.txt", "real06-dump-crlf-ff.txt", "real07-dump-utf16.txt",
            "real15-page-emdash.html", "city-office-page.html", "town-full-page.html", "street-dump.txt",
            "street-source-page.html"]
    if office:
        out += ["001-tracked.docx", "003-slashes.docx", "001-seedtext.wps"] + (["002-print-twocol.pdf"] if chromium() else [])
    # batch8: pipe rows, an Excel copy, years in Chinese numerals, a 备注 column, header rows merged otherwise,
    # markdown with HTML tables, an attachment page, the agency in the 落款, Big5 繁體, PDFium copies, Word
    # titled in its header or with formula fields, LibreOffice's copies of the real texts, a scanned page.
    out += ["b8-000-pipes-active.txt", "b8-001-pipes-bare.txt", "b8-002-excel-copy.txt", "b8-003-hanyear.txt",
            "b8-003-hanyear.html", "b8-004-ideographic.txt", "b8-004-quoted-lastyear.txt",
            "b8-001-page-remarks.html", "b8-001-page-headmerged.html", "b8-001-page-activeturned.html",
            "b8-002-page-hanweb.html", "b8-002-dump-wrapped.txt", "b8-003-page-signedonly.html",
            "b8-real13-page-remarks.html", "b8-real15-page-big5.html", "b8-004-mineru.md", "b8-000-mineru.md",
            "b8-000-page-attachment.html", "b8-real22-dump-pdfium.txt"]
    if office:
        out += ["b8-002-headertitle.docx", "b8-003-formulas.docx", "b8-004-signedonly.docx", "b8-real03-lo.docx",
                "b8-real15-nested-lo.docx", "b8-real15-nested-lo.pdf", "b8-001-scan-page1.pdf",
                "b8-002-pdf2htmlex.html", "b8-002-dump-pdfium.txt"]
        out += ["b8-003-print-xxgk-headed.pdf"] if chromium() else []
    # batch9: agency and year traps: a county's department or town named without its county, a report
    # published the year after, other years listed around it, a number for a file name, a renamed agency,
    # a yearless title, the 发布机构 field, English chrome, Chrome's MHTML with a frame part; Word 97, a DOCX
    # footer, PDFs with a cover, a two-line title, landscape, a cover title as a picture (OCR).
    out += ["b9-dept-county-sitename.html", "b9-dept-county-copyright.html", "b9-sidebar-years.html",
            "b9-published-nextyear.txt", "b9-town-countysource.html", "b9-street-countysource.txt",
            "20240119093512.txt", "b9-renamed-midyear.html", "b9-compare-lastyear.txt", "b9-publisher-differs.html",
            "b9-publisher-only.html", "b9-yearfirst-title.txt", "b9-real13-page-english.html",
            "b9-real11-chrome-framed.mhtml"]
    if office:
        out += ["b9-dept-county-footer.docx", "b9-dept-county.doc", "b9-real15-cover-lo.pdf",
                "b9-003-titletwolines-lo.pdf"]
        out += ["b9-004-landscape.pdf", "b9-000-imagecover.pdf"] if chromium() else []
    # batch10: WeChat 公众号 pages as mp.weixin.qq.com saves them, the agency only in a 来源/发布机构 row, titles cut
    # by their 发布时间 line, the year only in the statistics period, a 乡 and a 街道 on a 区's site, offices named
    # with another place's name, a GBK dump, past years listed above; Word 97, DOCX titled in a text box, PDFs
    # with a scanned page among text pages, row labels wrapped over two or three lines.
    out += ["b10-wechat-mp.html", "b10-wechat-mp-picturetitle.html", "b10-source-row-only.html",
            "b10-publisher-row.txt", "b10-title-split-dated.txt", "b10-title-cut-dated.txt", "b10-period-only.txt",
            "b10-period-only.html", "b10-xiang-on-qu.html", "b10-office-townname.html", "b10-office-lakename.txt",
            "b10-office-cityname.txt", "b10-name-holds-shi.html", "b10-name-holds-qu.txt", "b10-title-blocks-apart.html",
            "b10-publisher-after.txt", "b10-agency-bracketed-after.txt", "b10-dump-gbk.txt", "b10-past-years-above.html"]
    if office:
        out += ["b10-publisher-paragraph.docx", "b10-title-textbox.docx", "b10-street-on-qu.doc",
                "b10-office-townname.doc"]
        out += ["b10-scan-firstpage.pdf", "b10-mixed-scan.pdf", "b10-wrapped-labels.pdf",
                "b10-real15-wrapped-labels.pdf", "b10-period-only.pdf"] if chromium() else []
    # batch11: a gov.cn 信息公开目录 page, titles that are pictures (agency in <meta name=author>/og:site_name),
    # hard-wrapped dumps, the year in Chinese numerals in the title only, a 市's combined report; a WPS/Word
    # document with a running header, 「— N —」 and the 印发 line (DOCX, commented DOCX, PDF, its viewer copy),
    # 三 over pages with its header repeated, full-width cells, 三 on a landscape page or turned sideways.
    out += ["b11-govcn-meta.html", "b11-imgtitle-author.html", "b11-imgtitle-ogsite.html", "b11-hardwrap17.txt",
            "b11-hardwrap23.txt", "b11-hantitle.txt", "b11-hantitle.html", "b11-city-combined.txt",
            "b11-city-combined.html"]
    if office:
        out += ["b11-wps-headed.docx", "b11-comments.docx", "b11-wps-headed.pdf", "b11-real15-wps-headed.pdf",
                "b11-wps-headed-copy.txt", "b11-real15-wps-headed-copy.txt"]
        out += ["b11-thead-repeat.pdf", "b11-real13-widecells.pdf", "b11-landscape-three.pdf",
                "b11-sideways-three.pdf"] if chromium() else []
    # batch12: portals titled with the site's name (the title in a <div>, the agency in the breadcrumb), column
    # pages listing reports (refused), 关于 titles, the 统计期限 day range, 本局 throughout, years in full-width
    # digits or with ○/零, 繁體 by a portal's button, tables typed out under their pictures, DOCX typed with tabs,
    # a narrow-column print copied by a PDF viewer.
    out += ["b12-portal-divtitle.html", "b12-portal-crumbagency.html", "b12-guanyu-title.txt",
            "b12-guanyu-portal.html", "b12-period-range.txt", "b12-period-range.html", "b12-benju.txt", "b12-benju-signedunder.txt",
            "b12-benju-countyless.html", "b12-column-list.html", "b12-column-list.txt", "b12-guanyu-notice.txt",
            "b12-wideyear.txt", "b12-wideyear-portal.html", "b12-circleyear.txt", "b12-lingyear.html",
            "b12-fanti-portal.html", "b12-real11-fanti.html", "b12-fanti.txt", "b12-labels-wrapped3.txt",
            "b12-imgtables-transcribed.html",
            "b12-real15-transcribed.html"]
    if office:
        out += ["b12-tabs.docx", "b12-real13-tabs.docx"]
        out += ["b12-portal-crumbagency.pdf", "b12-narrow-pdfviewer.txt",
                "b12-real13-narrow-pdfviewer.txt"] if chromium() else []
    # batch13: a province's platform (发布机构 the 区's), CMS pages (第k页 共3页), print views, 2000s layout tables,
    # Firefox's and Edge's saves, browser copies with their chrome, flattened and repeated-header tables, two
    # reports in one file, titles 工作年报/工作报告/（2023年）, the agency in the 落款 or a 以下简称, attachment-only
    # pages (refused), UTF-16 BE, GBK, Big5 繁體, &nbsp; and trailing spaces.
    out += ["b13-province-publisher.html", "b13-province-signed.html", "b13-real15-province.html",
            "b13-paged1of3.html", "b13-paged2of3.html", "b13-paged3of3.html", "b13-real15-page1of3.html",
            "b13-printview.html", "b13-real13-printview-gbk.html", "b13-layout2000.html", "b13-real13-layout2000.html",
            "b13-firefox-complete.html", "b13-edge-saved.html", "b13-browser-copy.txt", "b13-real11-browser-copy.txt",
            "b13-flat-cells.txt", "b13-tsv-repeated.txt", "b13-real15-tsv-repeated.txt", "b13-two-agencies.txt",
            "b13-two-years.html", "b13-title-nianbao.txt", "b13-title-baogao.txt", "b13-title-bracket.txt",
            "b13-signed-benjiguan.txt", "b13-firstsentence-jiancheng.html", "b13-attachment-only.html",
            "b13-attachment-only.txt", "b13-utf16be.txt", "b13-browser-copy-gbk.txt", "b13-fanti-big5.txt",
            "b13-nbsp-trailing.txt", "b13-province-nocity.html", "b13-paged2-numbered.html",
            "b13-browser-copy-years.txt", "b13-browser-copy-crumbonly.txt", "b13-layout2000-br.html",
            "b13-ie-unicode.html", "b13-province-copied.txt", "b13-coop-signed-sameline.txt", "b13-school-page.html",
            "b13-weather.txt", "b13-banner-above-title.html", "b13-banner-above-title.txt"]
    out += office_names(office)  # batches 14, 16 and 18 (tests/variants_office.py)
    out += web_names() + web_names17()  # batches 15 and 17 (tests/variants_web.py)
    return out


NAMES = _names(office=bool(soffice()))


def test_the_stated_names_are_what_is_made(variants) -> None:
    assert sorted(variants) == sorted(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_variant(variants, name: str) -> None:
    s = score(variants[name])
    t = s.variant.truth
    assert (s.agency, s.short, s.year, s.fmt) == (t.agency, t.short, t.year, t.fmt)
    want, why = KNOWN_SHORT.get(name, (s.total, ""))
    assert s.right >= want, f"{s.right}/{s.total} facts right (expected {want}{': ' + why if why else ''}); " \
                            f"first misses: {s.misses[:6]}"


def test_a_short_name_two_agencies_share_is_asked_about_never_picked(tmp_path) -> None:
    """The drawn 朝阳区 reports of 北京市 and 长春市 (titled 朝阳区人民政府, the city in their first sentence): each
    read as its city's agency, and a question naming 朝阳区 asks which, with both named."""
    from index.build import build_index
    from qa.engine import QA
    from tests.variants import twin_page

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for k in (0, 1):
        (corpus / f"twin{k}.html").write_text(twin_page(k)[0], encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    engine = QA(tmp_path / "index")
    try:
        answer, _ = engine.ask("朝阳区2022年新收了多少件政府信息公开申请")
        named, _ = engine.ask("长春市朝阳区2022年新收了多少件政府信息公开申请")
    finally:
        engine.close()
    assert answer.status == "ambiguous"
    assert "北京市朝阳区人民政府" in answer.text and "长春市朝阳区人民政府" in answer.text
    assert named.status == "answered" and "长春市朝阳区人民政府" in named.text


def test_a_frameset_page_whose_frames_were_not_saved_is_refused_in_one_line(tmp_path) -> None:
    """Frames on the web or missing beside the page: nothing to read, said with the file's name."""
    from index.errors import ReportError
    from index.readers import read_document
    from tests.variants import framed

    page = tmp_path / "saved.html"
    page.write_text(framed("某县2022年度政府信息公开工作年度报告", "saved_files/content.html", "../outside.html"),
                    encoding="utf-8")
    (tmp_path / "outside.html").write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    with pytest.raises(ReportError) as err:
        read_document(page)
    assert str(page) in str(err.value) and "\n" not in str(err.value)


def test_a_sentence_is_a_table_row_only_when_it_names_the_forms_columns() -> None:
    """Rows written as sentences become tab rows; prose with counts (建议提案) and a lone row stay as written."""
    from index.readers.sentences import rows_from_sentences

    rows = [f"{label}：自然人{n}件，商业企业0件，科研机构0件，社会公益组织0件，法律服务机构0件，其他0件，总计{n}件。"
            for label, n in (("本年新收政府信息公开申请数量", 5), ("上年结转政府信息公开申请数量", 0), ("予以公开", 3),
                             ("部分公开", 1), ("总计", 5))]
    prose = "承办建议提案：人大建议16件，政协提案47件。"
    assert rows_from_sentences(rows + [prose]) == [
        "本年新收政府信息公开申请数量\t5\t0\t0\t0\t0\t0\t5", "上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "予以公开\t3\t0\t0\t0\t0\t0\t3", "部分公开\t1\t0\t0\t0\t0\t0\t1", "总计\t5\t0\t0\t0\t0\t0\t5", prose]
    assert rows_from_sentences(rows[:2] + [prose]) == rows[:2] + [prose]


def test_a_page_saved_complete_is_one_report_in_a_folder(tmp_path) -> None:
    """The _files folder beside a saved page holds its frames and pictures: a folder walk reads the page
    (which reads its frames), not the frames again as reports of their own."""
    from index.corpus import report_files
    from tests.variants import framed

    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "content.html").write_text("<html><body><p>一、总体情况</p></body></html>",
                                                          encoding="utf-8")
    (tmp_path / "page.html").write_text(framed("某县2022年度政府信息公开工作年度报告", "page_files/content.html",
                                               "page_files/top.html"), encoding="utf-8")
    (tmp_path / "other_files").mkdir()  # a folder named so without its page is walked as any folder
    (tmp_path / "other_files" / "report.txt").write_text("某县2022年度政府信息公开工作年度报告\n", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in report_files([tmp_path])] == ["other_files/report.txt",
                                                                                     "page.html"]


def test_a_column_page_saved_instead_of_a_report_is_refused_naming_what_it_lists(tmp_path) -> None:
    """A 政府信息公开年报 column page (a list of reports, no report of its own), as a page and as its text: one
    line saying it lists reports, naming some, never read as one of them."""
    from index.errors import ReportError
    from index.extract import extract_path
    from tests.variants import column_page, column_titles, site_for

    page = tmp_path / "list.html"
    page.write_text(column_page(site_for("叶县", "豫"), column_titles("叶县", range(2024, 2021, -1))), encoding="utf-8")
    text = tmp_path / "list.txt"
    text.write_text("\n".join(f"{t}\t{d}" for t, d in column_titles("鲁山县", range(2024, 2022, -1))), encoding="utf-8")
    for path, first in ((page, "叶县财政局2024年"), (text, "鲁山县财政局2024年")):
        with pytest.raises(ReportError) as err:
            extract_path(path)
        message = str(err.value)
        assert "listing" in message and first in message and str(path) in message and "\n" not in message


@pytest.mark.parametrize("width", [2, 3, 4])
def test_a_label_column_wrapped_a_few_characters_a_line_is_read_whole(tmp_path, width: int) -> None:
    """A PDF viewer's copy of a print whose label column is narrow: every label over lines of `width`
    characters, the row's numbers after its last piece. The pieces are joined to name the row."""
    from index.extract import extract_path
    from tests.variants import dept_report, label_column_wrapped, render

    report, truth = dept_report("舞钢市人力资源和社会保障局", "舞钢市", 2024, 1223)
    path = tmp_path / "wrapped.txt"
    path.write_text(label_column_wrapped(str(render(report, "tab_rows")[0]), width), encoding="utf-8")
    got = {f.key: f.value for f in extract_path(path).facts}
    wrong = {k: (got.get(k), v) for k, v in truth.facts.items() if got.get(k) != v}
    assert not wrong, f"{len(wrong)} facts wrong, e.g. {list(wrong.items())[:5]}"


def test_a_page_that_is_only_a_link_to_its_attached_report_is_refused_naming_the_file(tmp_path) -> None:
    """An article page whose content is the link to the report as an attached PDF: one line saying the report
    is in that file, naming it, never read as a report."""
    from index.errors import ReportError
    from index.extract import extract_path
    from tests.variants import attachment_only, site_for

    page = tmp_path / "article.html"
    name = "饶平县教育局2023年政府信息公开工作年度报告.pdf"
    page.write_text(attachment_only(site_for("饶平县", "粤"), name.removesuffix(".pdf"), name, "2024-01-19 09:00"),
                    encoding="utf-8")
    with pytest.raises(ReportError) as err:
        extract_path(page)
    message = str(err.value)
    assert "attachment" in message and name in message and str(page) in message and "\n" not in message


def test_a_second_report_in_one_file_is_said_and_kept_out_of_the_first(tmp_path) -> None:
    """Two reports one after another in a dump: the first is read (its own closing date), the second named
    in a warning, its numbers in no fact of the first."""
    from index.extract import extract_path
    from tests.variants import dept_report, render

    first, truth = dept_report("饶平县财政局", "饶平县", 2023, 1310)
    second, _ = dept_report("饶平县文化广电旅游体育局", "饶平县", 2023, 1311)
    path = tmp_path / "two.txt"
    path.write_text(str(render(first, "tab_rows")[0]) + "\n" + str(render(second, "tab_rows")[0]), encoding="utf-8")
    report = extract_path(path)
    assert (report.meta.agency, report.meta.year, report.meta.date) == ("饶平县财政局", 2023, first.date.isoformat())
    assert {f.key: f.value for f in report.facts} == truth.facts
    assert any("另一份报告" in w.message and "饶平县文化广电旅游体育局2023年" in w.message for w in report.warnings)


def test_one_page_of_an_article_its_site_paged_says_so(tmp_path) -> None:
    """An article the CMS cut into three pages, each saved as a file: each page is read for what it holds and
    its warnings say 第k页，共3页 (the rest of the report is on the other pages), not only which tables are
    missing; a page holding none of the tables is refused, one line naming the file and the paging. A PDF
    copy's page footers (第1页 共6页 on every page) are no pager."""
    from index.errors import ReportError
    from index.extract import extract_path
    from tests.variants import cms_pages, dept_report, page_trs, report_body, site_for

    report, _ = dept_report("潮州市湘桥区民政局", "潮州市湘桥区", 2023, 1303)
    title, body = report_body(report)
    site = site_for("潮州市湘桥区", "粤")
    for k, (piece, _) in enumerate(cms_pages(body.replace(title, "")), 1):
        path = tmp_path / f"p{k}.html"
        path.write_text(page_trs(site, title, "潮州市湘桥区民政局", "2024-01-22 10:00", piece, 2023), encoding="utf-8")
        said = [w.message for w in extract_path(path).warnings]
        assert any(m.startswith(f"第{k}页，共3页：报告的其余部分") for m in said), said
    last = tmp_path / "p4.html"
    tail = body[body.index("<p><strong>五、"):]
    last.write_text(page_trs(site, title, "潮州市湘桥区民政局", "2024-01-22 10:00", tail + '<div class="page">第4页　共4页　'
                             '<a href="index.html">首页</a> <a href="index_2.html">上一页</a> <a>下一页</a> <a>尾页</a></div>',
                             2023), encoding="utf-8")
    with pytest.raises(ReportError) as err:
        extract_path(last)
    message = str(err.value)
    assert "page 4 of 4" in message and str(last) in message and "\n" not in message
