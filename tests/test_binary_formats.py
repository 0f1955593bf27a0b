"""PDF, scanned PDF, DOCX and DOC reports: the same facts as the clean text of the same report, the real
洪泽 PDF against its gold, and one clear line for each kind of bad file.

Fixtures are made here from a generated report (bench.generate): its HTML (merged cells as rowspan and
colspan) becomes a DOCX with merged cells, LibreOffice prints that DOCX to PDF with the 三 table pushed
down so that it breaks over pages, and a page of that PDF rendered to an image and wrapped in a PDF is
the scan."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest

from bench.generate import make_report, render
from index.corpus import extract_many
from index.errors import ReportError
from index.extract import extract_document
from index.readers import SUPPORTED_SUFFIXES, read_document
from bench.binary_copies import docx_to_doc, docx_to_pdf, html_to_docx, scan_pages, soffice

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
HONGZE = SHARED / "real" / "reports" / "22_hongze_2023.pdf"
NO_SOFFICE = "LibreOffice (soffice) is not installed: scripts/setup_system.sh installs libreoffice-writer-nogui"


def _facts(path: Path) -> dict[str, object]:
    return {f.key: f.value for f in extract_document(read_document(path)).facts}


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> dict[str, Path]:
    """One generated 2021-form report as clean text, HTML and DOCX (and PDF where LibreOffice is)."""
    out = tmp_path_factory.mktemp("binary")
    report = make_report(random.Random(5), fmt="2021")
    html, _ = render(report, "html")
    text, _ = render(report, "tab_rows")
    (out / "report.txt").write_text(str(text), encoding="utf-8")
    files = {"text": out / "report.txt",
             "docx": html_to_docx(str(html), out / "report.docx", push_table="三、", filler_lines=8,
                                  running_header="政府信息公开工作年度报告（测试页眉）")}
    if soffice():
        files["pdf"] = docx_to_pdf(files["docx"], out)
    return files


@pytest.fixture(scope="module")
def clean(made) -> dict[str, object]:
    return _facts(made["text"])


def test_formats_are_picked_up_by_the_folder_walk_and_the_uploader():
    from ui.uploads import suffix_of

    assert {".pdf", ".docx", ".doc"} <= SUPPORTED_SUFFIXES
    assert suffix_of("年报.PDF") == ".pdf" and suffix_of("年报.docx") == ".docx"


# --- DOCX and DOC ----------------------------------------------------------------------------------------


def test_docx_with_merged_cells_gives_the_facts_of_its_clean_text(made, clean):
    doc = read_document(made["docx"])
    assert doc.file_format == "docx"
    continued = [c for ln in doc.lines if ln.cells for c in ln.cells if c.continuation]
    assert continued, "merged cells are expanded into the grid and marked"
    got = {f.key: f.value for f in extract_document(doc).facts}
    assert len(clean) > 150
    assert got == clean


def test_docx_cells_are_cited_by_table_and_cell(made):
    report = extract_document(read_document(made["docx"]))
    fact = report.fact("apply.new.total")
    assert fact is not None and fact.source.table and fact.source.row and fact.source.cell
    assert "表" in fact.source.describe() and "格" in fact.source.describe()


@pytest.mark.parametrize("shape", ["nested", "split", "split-repeated"])
def test_docx_tables_nested_in_a_layout_table_or_split_in_two_give_the_facts_of_its_clean_text(made, clean, shape,
                                                                                               tmp_path):
    """The report inside a one-cell layout table (tables in a table), or 三 cut in two by Word's 拆分表格 (a
    merged label cut with it, its header rows repeated by hand or not): the facts of the clean text."""
    from tests.variants import nested_docx, split_table_docx

    out = tmp_path / f"{shape}.docx"
    if shape == "nested":
        nested_docx(made["docx"], out)
    else:
        split_table_docx(made["docx"], out, repeat_head=shape == "split-repeated")
    assert _facts(out) == clean


@pytest.mark.skipif(not soffice(), reason=NO_SOFFICE)
def test_doc_is_converted_by_libreoffice(made, clean, tmp_path):
    doc_file = docx_to_doc(made["docx"], tmp_path)
    doc = read_document(doc_file)
    assert doc.file_format == "doc"
    assert {f.key: f.value for f in extract_document(doc).facts} == clean


def test_doc_without_libreoffice_says_how_to_install_it(made, tmp_path, monkeypatch):
    fake = tmp_path / "report.doc"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le") + b"\0" * 600)
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    with pytest.raises(ReportError) as err:
        read_document(fake)
    message = str(err.value)
    assert "report.doc" in message and "apt-get install libreoffice-writer-nogui" in message
    assert "\n" not in message


# --- PDF with a text layer -------------------------------------------------------------------------------


@pytest.mark.skipif(not soffice(), reason=NO_SOFFICE)
def test_pdf_with_the_apply_table_over_pages_gives_the_facts_of_its_clean_text(made, clean):
    doc = read_document(made["pdf"])
    assert doc.file_format == "pdf"
    report = extract_document(doc)
    pages = {f.source.page for f in report.facts if f.key.startswith("apply.")}
    assert len(pages) >= 2, "the fixture's 三 table must break over a page"
    assert not any("测试页眉" in line.text for line in doc.lines), "the running header is page furniture"
    assert {f.key: f.value for f in report.facts} == clean
    fact = report.fact("apply.total.total")
    assert fact.source.describe().startswith(f"第{fact.source.page}页")


# --- scanned PDF -----------------------------------------------------------------------------------------


@pytest.mark.skipif(not soffice(), reason=NO_SOFFICE)
def test_scanned_pdf_is_read_by_ocr_with_the_facts_of_the_rows_on_its_page(made, clean, tmp_path):
    text_pdf = extract_document(read_document(made["pdf"]))
    first_page = min(f.source.page for f in text_pdf.facts if f.key.startswith("apply."))
    on_page = {f.key for f in text_pdf.facts if f.key.startswith("apply.") and f.source.page == first_page}
    scan = scan_pages(made["pdf"], [first_page], tmp_path / "scan.pdf")
    seen: list[tuple[int, int]] = []
    doc = read_document(scan, progress=lambda done, total: seen.append((done, total)))
    assert doc.file_format == "pdf_ocr"
    assert seen == [(1, 1)]
    got = {f.key: f for f in extract_document(doc).facts}
    assert len(on_page) >= 14
    wrong = {k: (got[k].value if k in got else None, clean[k]) for k in on_page
             if k not in got or got[k].value != clean[k]}
    assert not wrong
    assert all(f.source.page == 1 for f in got.values())


@pytest.mark.parametrize("turned", [1.3, -0.8, 0.0])
def test_a_scan_fed_askew_is_measured_to_a_tenth_of_a_degree(turned):
    """A page of the real 洪泽 PDF as a scanner askew gives it: the angle it was turned by is found (to turn
    it straight before OCR), and an upright page is left as it is."""
    import pypdfium2 as pdfium
    from PIL import Image

    from index.readers.ocr import skew

    pdf = pdfium.PdfDocument(str(HONGZE))
    try:
        image = pdf[1].render(scale=150 / 72).to_pil().convert("L")
    finally:
        pdf.close()
    image = image.rotate(turned, resample=Image.BICUBIC, fillcolor=255)
    assert abs(skew(image) - turned) <= 0.11


def test_low_confidence_ocr_digits_are_flagged_with_their_score():
    from index.model import Cell, Document, Line, Source

    def row(number: int, label: str, values: list[str], score: float) -> Line:
        cells = [Cell(text=label, source=Source(line=number, table=1, row=number, cell=1, page=1))]
        cells += [Cell(text=v, confidence=score, source=Source(line=number, table=1, row=number, cell=k, page=1))
                  for k, v in enumerate(values, start=2)]
        return Line(number=number, text="\t".join([label, *values]), cells=cells, page=1)

    lines = [Line(number=1, text="三、收到和处理政府信息公开申请情况", page=1),
             row(2, "一、本年新收政府信息公开申请数量", ["3", "0", "0", "0", "0", "0", "3"], 0.99),
             row(3, "二、上年结转政府信息公开申请数量", ["1", "0", "0", "0", "0", "0", "1"], 0.31)]
    doc = Document(path="scan.pdf", doc="scan.pdf", file_format="pdf_ocr", encoding="ocr", sha256="0", lines=lines)
    report = extract_document(doc)
    assert "low_confidence" not in report.fact("apply.new.total").flags
    low = report.fact("apply.carried_in.total")
    assert "low_confidence" in low.flags and "0.31" in low.note and low.value == 1


# --- the real 洪泽 PDF against its gold ---------------------------------------------------------------------


def _hongze_gold() -> dict:
    return json.loads((SHARED / "real" / "gold.json").read_text("utf-8"))["22_hongze_2023.pdf"]


@pytest.fixture(scope="module")
def hongze():
    if not HONGZE.exists():
        pytest.skip(f"{HONGZE} is absent (../shared beside the repository)")
    return extract_document(read_document(HONGZE))


def _gold_keys() -> list[str]:
    path = SHARED / "real" / "gold.json"
    return list(_hongze_gold()["facts"]) if path.exists() else []


@pytest.mark.parametrize("key", _gold_keys())
def test_hongze_pdf_fact_matches_gold(hongze, key):
    want = _hongze_gold()["facts"][key]
    values = {f.key: f.value for f in hongze.facts}
    if key.startswith("sum of "):
        got = sum(v for k, v in values.items() if k.startswith("apply.denied.") and k.endswith(".total"))
    else:
        got = values.get(key)
    assert got == want


def test_hongze_pdf_agency_year_format_and_findings(hongze):
    gold = _hongze_gold()
    assert hongze.meta.year == gold["year"] and hongze.meta.format == gold["format"]
    assert hongze.meta.agency == gold["agency"]  # the title's 洪泽区人民政府, its city from the opening
    for key in gold["absent_or_blank"]:
        assert hongze.value(key) is None
    # The stated 总计 is kept (gold's alternates are what the parts add up to); the break is a finding.
    failed = [f.detail for f in hongze.findings if f.status == "FAIL"]
    assert any("行政复议" in d and "11" in d for d in failed)
    assert all(f.source.page for f in hongze.facts)


def test_hongze_pdf_title_is_one_early_line():
    if not HONGZE.exists():
        pytest.skip(f"{HONGZE} is absent")
    doc = read_document(HONGZE)
    assert doc.lines[0].text == "洪泽区人民政府2023年政府信息公开工作年度报告"
    assert doc.lines[0].page == 1


# --- bad input -------------------------------------------------------------------------------------------


def _encrypted_pdf(path: Path) -> Path:
    pypdf = pytest.importorskip("pypdf", reason="pypdf (test extra) makes the encrypted PDF")
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def _pdf_of_pages(path: Path, pages: int) -> Path:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(pages):
        pdf.new_page(200, 200)
    pdf.save(str(path))
    pdf.close()
    return path


def _png(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (20, 20), "white").save(path, format="PNG")
    return path


def _bad_files(folder: Path, good_docx: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, what its one line must say)."""
    data = good_docx.read_bytes()
    corrupt = folder / "corrupt.docx"
    corrupt.write_bytes(data[: len(data) // 2])
    plain_zip = folder / "archive.docx"
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("notes.txt", "not a report")
    (folder / "empty.pdf").write_bytes(b"")
    return {
        "encrypted": (_encrypted_pdf(folder / "locked.pdf"), "encrypted PDF"),
        "corrupt docx": (corrupt, "damaged Word document"),
        "zip renamed": (plain_zip, "not a Word (DOCX) document"),
        "image renamed": (_png(folder / "photo.pdf"), "not a PDF: the file is a PNG image"),
        "500 pages": (_pdf_of_pages(folder / "book.pdf", 500), "PDF of 500 pages, more than the limit"),
        "zero bytes": (folder / "empty.pdf", "empty file"),
    }


def test_each_bad_file_gets_one_line_and_the_rest_of_the_folder_is_read(made, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    good = folder / "good.docx"
    good.write_bytes(made["docx"].read_bytes())
    bad = _bad_files(folder, made["docx"])
    result = extract_many([folder])
    assert [r.meta.doc for r in result.reports] == ["good.docx"]
    messages = {Path(e.path).name: str(e) for e in result.errors}
    for name, (path, reason) in bad.items():
        message = messages.get(path.name)
        assert message is not None, name
        assert str(path) in message and reason in message, (name, message)
        assert "\n" not in message and "Traceback" not in message


def test_page_limit_is_configurable(tmp_path, monkeypatch):
    book = _pdf_of_pages(tmp_path / "book.pdf", 3)
    monkeypatch.setenv("QA_MAX_PAGES", "2")
    with pytest.raises(ReportError, match="PDF of 3 pages, more than the limit of 2"):
        read_document(book)
    monkeypatch.setenv("QA_MAX_PAGES", "5")
    with pytest.raises(ReportError) as err:  # within the limit: blank pages, and OCR finds no text
        read_document(book)
    assert "more than the limit" not in str(err.value)


def test_file_over_the_size_limit(made, tmp_path, monkeypatch):
    big = tmp_path / "big.docx"
    big.write_bytes(made["docx"].read_bytes())
    monkeypatch.setenv("QA_MAX_FILE_MB", "0.001")
    with pytest.raises(ReportError, match=r"big\.docx: file too large .* set QA_MAX_FILE_MB"):
        read_document(big)


def test_text_renamed_pdf_is_named_for_what_it_is(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("一、总体情况\n", encoding="utf-8")
    with pytest.raises(ReportError, match="not a PDF"):
        read_document(fake)


def test_docx_bytes_under_another_name_are_still_read(made, tmp_path):
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(made["docx"].read_bytes())
    assert read_document(renamed).file_format == "docx"  # the sniffer, not the suffix, chose the reader


def test_ocr_labels_wrapped_over_several_lines_go_on_in_their_own_cells():
    """A scanned 三 table: the group label （三）不予公开 and the item label 1、属于国家秘密 stand side by side,
    each wrapped over lines of two characters in its narrow cell; the values sit on the first line. Each
    wrapped piece goes on in its own label cell, so the row reads as its template label (a scan read this way
    lost the first item of every group)."""
    from index.readers.layout import Box
    from index.readers.ocr import blocks_from_boxes
    from index.readers.pdf import TableBlock

    h = 20.0

    def line(y: float, pieces: list[tuple[float, str]]) -> list[Box]:
        return [Box(t, x, y, x + h * len(t), y + h, 0.99) for x, t in pieces]

    values = [(400 + 60 * k, v) for k, v in enumerate("0000000")]
    boxes = line(100, [(10, "二、上年结转政府信息公开申请数量")] + values)
    boxes += line(130, [(10, "(三"), (80, "1、属")] + values)
    boxes += line(155, [(10, "）不"), (80, "于国")]) + line(180, [(10, "予公"), (80, "家秘")])
    boxes += line(205, [(10, "开"), (80, "密")])
    boxes += line(235, [(80, "2、其他法律行")] + values) + line(260, [(80, "政法规禁止公开")])
    boxes += line(330, [(10, "四、政府信息公开行政复议、行政诉讼情况以及其他需要说明的很长的一行文字")])
    blocks = blocks_from_boxes(boxes, 1, 1000.0)
    labels = [[s.text for s in row if s.text and not s.text.isdigit()]
              for b in blocks if isinstance(b, TableBlock) for row in b.grid]
    assert labels == [["二、上年结转政府信息公开申请数量"], ["(三）不予公开", "1、属于国家秘密"],
                      ["2、其他法律行政法规禁止公开"]]
    assert any(not isinstance(b, TableBlock) and b.text.startswith("四、") for b in blocks), "a heading is no wrap"


@pytest.mark.parametrize("unreadable", [(0,), (4,), (0, 7), (14,)])
def test_ocr_unreadable_cells_of_part_four_give_no_value_and_move_nothing(unreadable):
    """四's one row of fifteen values read by OCR with some boxes unreadable ('?'): those cells give no
    value, never 0, and every other value stays in its column (an unreadable first value used to vanish
    and shift the row: 复议 总计 read from another column)."""
    from index.model import Document
    from index.readers.layout import Box
    from index.readers.ocr import blocks_from_boxes
    from index.readers.pdf import _lines

    h = 20.0
    truth = [1, 2, 0, 1, 4, 0, 1, 0, 0, 1, 2, 0, 0, 0, 2]
    boxes = [Box("四、政府信息公开行政复议、行政诉讼情况", 10, 40, 10 + 19 * h, 40 + h, 0.99),
             Box("行政复议", 100, 100, 180, 100 + h, 0.99), Box("行政诉讼", 600, 100, 680, 100 + h, 0.99)]
    boxes += [Box("?" if k in unreadable else str(v), 100 + 60 * k, 160, 100 + 60 * k + 12, 160 + h, 0.99)
              for k, v in enumerate(truth)]
    lines = _lines(blocks_from_boxes(boxes, 1, 1000.0))
    doc = Document(path="scan.pdf", doc="scan.pdf", file_format="pdf_ocr", encoding="ocr", sha256="0", lines=lines)
    report = extract_document(doc)
    keys = [f"{g}.{c}" for g in ("review", "suit.direct", "suit.after_review")
            for c in ("upheld", "corrected", "other", "pending", "total")]
    got = [report.value(k) for k in keys]
    assert got == [None if k in unreadable else v for k, v in enumerate(truth)]


def test_text_printed_with_tab_stops_reads_as_rows_and_values_are_no_page_numbers():
    """A report's text printed to PDF (no ruled tables): a label run into its first value by a narrow tab
    stop, two label columns run together, two values a narrow gap apart are cut into cells; a value alone
    in a page's margin is a page number only near the page's own index. (tests/test_variants.py prints the
    seeds' own texts with LibreOffice and checks every fact.)"""
    from index.readers.pdf import _page_number, _unglued

    assert _unglued(["一、本年新收政府信息公开申请数量0", "0", "3"]) == ["一、本年新收政府信息公开申请数量", "0", "0", "3"]
    assert _unglued(["三、本年度办理结果（一）予以公开", "0", "0"]) == ["三、本年度办理结果", "（一）予以公开", "0", "0"]
    assert _unglued(["行政许可", "31", "+30 61"]) == ["行政许可", "31", "+30", "61"]
    assert _unglued(["2020年共收到申请70件，办结68件"]) == ["2020年共收到申请70件，办结68件"]  # prose: never cut
    assert _unglued(["行政处罚", "126", "增13", "135"]) == ["行政处罚", "126", "增13", "135"]  # a signed value
    # A numbered label with two values run into it (a borderless table printed by a browser: 沙河's 三 table).
    assert _unglued(["2.其他法律行政法规禁止公开0 0", "0", "0", "0", "0", "0"]) == [
        "2.其他法律行政法规禁止公开", "0", "0", "0", "0", "0", "0", "0"]
    assert _unglued(["1.本机关不掌握相关政府信息3", "0", "3"]) == ["1.本机关不掌握相关政府信息", "3", "0", "3"]
    assert _unglued(["3", "0 3"]) == ["3", "0", "3"]  # values only: no label to cut
    assert _page_number("2", 2) and _page_number("- 7 -", 2) and _page_number("第2页 共5页", 2)
    assert not _page_number("135", 2)


def test_docx_text_box_is_read_once_as_a_line_of_its_own(tmp_path):
    """A Word official document with its letterhead in a text box anchored in the title's paragraph: Word
    stores the box twice (DrawingML and a VML fallback). The box is one line before the title, read once,
    and names the agency (沙河's seed rebuilt, its title without the agency, unsigned)."""
    from tests.variants import seed_gold, seed_report, textbox_docx

    stem = "000_bd0b500898aa4917"
    report, _ = seed_report(stem)
    agency = seed_gold(stem)["agency"]
    doc = read_document(textbox_docx(report, agency, tmp_path / "official.docx"))
    assert [line.text for line in doc.lines[:2]] == [f"{agency}文件", "2020年政府信息公开工作年度报告"]
    assert sum(line.text.count(agency) for line in doc.lines) == 1
    assert extract_document(doc).meta.agency == agency
