"""The same report in other file formats and encodings extracts to the same facts."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.extract import extract_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def values(path: Path) -> dict:
    return {f.key: f.value for f in extract_path(path).facts}


def test_html_with_rowspan_colspan_gives_the_seed_facts():
    seed = extract_path(CORPUS / "002_f3bbfa1004ed2dd6.txt")
    page = extract_path(ROOT / "tests" / "fixtures" / "yichuan.html")
    assert {f.key: f.value for f in page.facts} == {f.key: f.value for f in seed.facts}
    assert page.meta.agency == seed.meta.agency and page.meta.file_format == "html"
    # The page has the right number of cells per row: nothing needs placing by arithmetic.
    assert not [f for f in page.facts if f.flags]
    cell = next(f for f in page.facts if f.key == "penalty.decisions")
    assert cell.value == 313 and cell.source.table == 1 and cell.source.cell == 4


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings(tmp_path, encoding):
    seed = CORPUS / "004_d68123bc43084456.txt"
    copy = tmp_path / "jinan.txt"
    copy.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    assert values(copy) == values(seed)


def test_markdown_pipe_tables(tmp_path):
    seed = CORPUS / "003_4e4bafc32cf8cb39.txt"
    lines = []
    for line in seed.read_text(encoding="utf-8").split("\n"):
        lines.append("| " + " | ".join(line.split("\t")) + " |" if "\t" in line else line)
    copy = tmp_path / "hegang.md"
    copy.write_text("\n".join(lines), encoding="utf-8")
    report = extract_path(copy)
    assert report.meta.file_format == "markdown"
    assert {f.key: f.value for f in report.facts} == values(seed)


def test_rows_typed_with_bare_pipes(tmp_path):
    """Table rows with pipes between cells and none at their ends, no delimiter row: the pipes are tabs."""
    seed = CORPUS / "003_4e4bafc32cf8cb39.txt"
    text = "\n".join(" | ".join(line.split("\t")) if "\t" in line else line
                     for line in seed.read_text(encoding="utf-8").split("\n"))
    copy = tmp_path / "hegang.txt"
    copy.write_text(text, encoding="utf-8")
    assert values(copy) == values(seed)


def _yichuan_blocks() -> list:
    import lxml.html

    page = lxml.html.document_fromstring((ROOT / "tests" / "fixtures" / "yichuan.html").read_bytes())
    return [el for el in page.iter("p", "table", "h1", "h2", "h3")
            if not any(a.tag in ("table", "p") for a in el.iterancestors())]


def test_markdown_whose_tables_are_html(tmp_path):
    """A PDF-to-markdown tool's output: # headings and paragraphs, the tables as raw HTML with merged cells."""
    import lxml.html

    lines = []
    for el in _yichuan_blocks():
        if el.tag == "table":
            lines.append(lxml.html.tostring(el, encoding="unicode").replace("\n", ""))
        elif el.text_content().strip():
            lines.append(("# " if el.tag.startswith("h") else "") + " ".join(el.text_content().split()))
    copy = tmp_path / "yichuan.md"
    copy.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    report = extract_path(copy)
    assert report.meta.file_format == "markdown"
    assert values(copy) == values(ROOT / "tests" / "fixtures" / "yichuan.html")


def test_a_remarks_column_holds_no_values(tmp_path):
    """Every table of the report with a 备注 column at its right, notes below it (a dash, words, a number):
    the facts stay the page's."""
    import lxml.html

    fixture = ROOT / "tests" / "fixtures" / "yichuan.html"
    page = lxml.html.document_fromstring(fixture.read_bytes())
    notes = ("—", "同比持平", "", "0")
    for table in page.iter("table"):
        if table.find(".//table") is None and any(ch.isdigit() for ch in table.text_content()):
            for r, tr in enumerate(table.iter("tr")):
                lxml.etree.SubElement(tr, "td").text = "备注" if r == 0 else notes[r % len(notes)]
    copy = tmp_path / "remarks.html"
    copy.write_bytes(lxml.html.tostring(page, encoding="utf-8"))
    assert values(copy) == values(fixture)


def test_pdf2htmlex_page_word_gaps_are_css_widths(tmp_path):
    """A PDF converted by pdf2htmlEX: a placed <div> a line, the gaps between a row's cells empty spans whose
    widths the CSS gives (a kerning nudge inside a word is no gap)."""
    import html

    from bench.generate import render
    from tests.variants import SEED_STEMS, drawn_report

    report, _ = drawn_report(SEED_STEMS[3], 810)  # a drawn report: a PDF's line loses its empty cells
    seed = tmp_path / "drawn.txt"
    seed.write_text(str(render(report, "tab_rows")[0]), encoding="utf-8")
    divs = []
    for k, line in enumerate(seed.read_text(encoding="utf-8").split("\n")):
        cells = [html.escape(c.strip()) for c in line.split("\t") if c.strip()]
        if cells:
            first = cells[0][:2] + '<span class="_ _0"></span>' + cells[0][2:]
            divs.append(f'<div class="t x0 y{k}">' + '<span class="_ _1"></span>'.join([first, *cells[1:]]) + "</div>")
    copy = tmp_path / "drawn.html"
    copy.write_text('<html><head><meta charset="utf-8"><meta name="generator" content="pdf2htmlEX"><style>'
                    "._0{margin-left:-0.48px}._1{width:36.2px}</style></head><body><div id=\"page-container\">"
                    f'<div class="pf"><div class="pc">{"".join(divs)}</div></div></div></body></html>',
                    encoding="utf-8")
    assert values(copy) == values(seed) == {k: v for k, v in report.values.items() if k in values(seed)}


def test_numbers_apart_by_spaces_are_cells_even_where_they_do_not_add_up():
    """The real PDF copied by a PDF viewer (PDFium): 四's fifteen numbers on one line apart by spaces. They are
    its fifteen cells as stated (行政复议 10, 1 with 总计 0: the report's own break), not a run to split."""
    from tests.variants import REAL, pdfium_copy

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "hongze.txt"
        copy.write_text(pdfium_copy(REAL / "22_hongze_2023.pdf"), encoding="utf-8")
        got = values(copy)
    assert (got["review.upheld"], got["review.corrected"], got["review.total"]) == (10, 1, 0)
    assert got["suit.after_review.upheld"] == 5 and got["suit.after_review.total"] == 0


def test_docx_titled_in_its_page_header(tmp_path):
    """A Word report whose title stands only in the page header: agency and year from it."""
    import docx

    from bench.binary_copies import html_to_docx

    page = (ROOT / "tests" / "fixtures" / "yichuan.html").read_text(encoding="utf-8")
    seed = extract_path(ROOT / "tests" / "fixtures" / "yichuan.html")
    title = f"{seed.meta.agency}{seed.meta.year}年政府信息公开工作年度报告"
    body = page.replace(title, "")
    path = html_to_docx(body, tmp_path / "yichuan.docx")
    document = docx.Document(path)
    document.sections[0].header.paragraphs[0].text = title
    document.save(path)
    report = extract_path(path)
    assert (report.meta.agency, report.meta.year) == (seed.meta.agency, seed.meta.year)
    assert {f.key: f.value for f in report.facts} == {f.key: f.value for f in seed.facts}


def test_active_table_turned_on_its_side(tmp_path):
    """二's first table turned (规章 | 行政规范性文件 across, 本年制发件数 … down): each value under its row."""
    from tests.variants import SEED_STEMS, active_turned, drawn_report, page_trs, report_body, site_for

    report, truth = drawn_report(SEED_STEMS[1], 810)
    title, body = report_body(report)
    page = tmp_path / "turned.html"
    page.write_text(page_trs(site_for("淄博市张店区", "鲁"), title, truth.agency, "2023-01-20 10:00",
                             active_turned(body, report), 2022), encoding="utf-8")
    got = values(page)
    assert {k: got.get(k) for k in truth.facts} == truth.facts


@pytest.mark.skipif(not __import__("index.readers.docx", fromlist=["soffice"]).soffice(), reason="needs LibreOffice")
def test_odt_and_rtf_are_read_through_libreoffice(tmp_path, monkeypatch):
    """An OpenDocument text and an RTF of the same report (LibreOffice's saves of its Word copy) give the
    page's facts; without LibreOffice they are refused with a message naming the format and the fix."""
    import subprocess

    from bench.binary_copies import html_to_docx
    from index.errors import ReportError
    from index.readers.docx import soffice

    page = ROOT / "tests" / "fixtures" / "yichuan.html"
    docx = html_to_docx(page.read_text(encoding="utf-8"), tmp_path / "yichuan.docx")
    for suffix in ("odt", "rtf"):
        subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--norestore",
                        "--convert-to", suffix, "--outdir", str(tmp_path), str(docx)], capture_output=True,
                       timeout=180, check=True)
    want = values(page)
    for suffix in ("odt", "rtf"):
        report = extract_path(tmp_path / f"yichuan.{suffix}")
        assert report.meta.file_format == suffix
        assert {f.key: f.value for f in report.facts} == want
    renamed = tmp_path / "report.bin"  # found by its bytes whatever its name
    renamed.write_bytes((tmp_path / "yichuan.odt").read_bytes())
    assert extract_path(renamed).meta.file_format == "odt"
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    with pytest.raises(ReportError, match="RTF files need LibreOffice"):
        extract_path(tmp_path / "yichuan.rtf")
