"""PDF reports: the text layer read with pdfplumber (ruled tables as grids of cells), pages without a text
layer read by OCR (index.readers.ocr), pypdfium2 to open, count and render pages.

Why these libraries (bench/bench_formats.py on ../shared/real/reports/22_hongze_2023.pdf, 5 pages, this
2-core machine under load): pdfplumber finds every ruled table with every cell right ('1.属于国家秘密',
'7730.28') in 1.6 s; PyMuPDF's find_tables took 12-19 s and broke cells ('1属于国家秘密\\n.', '773028\\n.'),
and is AGPL; pypdfium2 reads the characters in 0.01 s but finds no tables. So pypdfium2 opens the file
(passwords, page count, which pages are scans) and renders scans for OCR, and pdfplumber reads text pages.

What comes out is the one report model: text lines in reading order, and every table row as a Line of
grid cells (merged cells repeated and marked as continuations, as the HTML reader does), each cell's
Source naming its page. A table that goes on over a page break is one table: the page number between
the parts is dropped, a repeated header row is dropped, a merged label cut by the break ('（四）无' /
'法提供') is joined, and a row cut in two (label above the break, numbers below) is one row again. Large
lines at the top of the first page (the title, often broken over two lines) become one line, where the
metadata looks for the agency and year."""

from __future__ import annotations

import hashlib
import io
import os
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from statistics import median
from typing import Any

from index.cells import is_number_like
from index.errors import ReportError
from index.model import Cell, Document, Line, Source
from index.readers.layout import Box, cells_of_row, is_page_furniture, join_boxes, rows_of_boxes, tidy
from index.readers.progress import report_page

MAX_PAGES_DEFAULT = 300  # an annual report has 3-40 pages; more is a compilation or a wrong file
MIN_TEXT_CHARS = 20  # a page with fewer characters in its text layer and
MIN_IMAGE_SHARE = 0.3  # images over this share of its area is a scan: OCR reads it
_EDGE_MARGIN = 0.1  # share of the page height at top and bottom where page numbers stand
_COLUMN_GAP = 2.0  # a gap wider than this many character heights separates two cells of a line


def max_pages() -> int:
    """The page limit: QA_MAX_PAGES, else MAX_PAGES_DEFAULT."""
    try:
        return max(1, int(os.environ.get("QA_MAX_PAGES", MAX_PAGES_DEFAULT)))
    except ValueError:
        return MAX_PAGES_DEFAULT


def looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]  # the header may follow a few junk bytes, as readers accept


def read_pdf(path: Path, data: bytes) -> Document:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ReportError(str(path), "encrypted PDF: it needs a password to open") from None
        raise ReportError(str(path), f"damaged PDF, cannot be opened ({exc})") from None
    try:
        pages = len(pdf)
        if pages == 0:
            raise ReportError(str(path), "PDF without pages")
        if pages > max_pages():
            raise ReportError(str(path), f"PDF of {pages} pages, more than the limit of {max_pages()} "
                                         "for one report (set QA_MAX_PAGES to raise it)")
        title = report_title(pdf.get_metadata_dict().get("Title"))
        has_text = [_text_chars(pdf[i]) >= MIN_TEXT_CHARS for i in range(pages)]
        scanned = [not has_text[i] and _image_share(pdf[i]) >= MIN_IMAGE_SHARE for i in range(pages)]
        blocks: list[Block] = []
        ocr = any(scanned)  # some page (or picture on a page) was read by OCR: its values may carry low_confidence
        seen: set[tuple[int, ...]] = set()  # where pictures read by OCR stood
        plumber = _open_plumber(path, data) if not all(scanned) else None
        unmapped: list[bool] = []
        if plumber is not None:
            # A text layer whose fonts map no characters (no ToUnicode, no cmap: 「(cid:1234)」) is junk: the
            # page is read by OCR as a scan is.
            unmapped = [has_text[i] and _unmapped_share(plumber.pages[i]) >= MAX_UNMAPPED for i in range(pages)]
            scanned = [s or u for s, u in zip(scanned, unmapped)]
            ocr = ocr or any(unmapped)
            plumber = _turned_upright(plumber, pdf, path, has_text)
        try:
            for i in range(pages):
                if scanned[i]:
                    from index.readers.ocr import DPI, SCAN_DPI, ocr_page

                    blocks += ocr_page(pdf[i], i + 1, DPI if unmapped and unmapped[i] else SCAN_DPI)
                elif plumber is not None:  # a page with little text (the end of a table) is still text
                    pictures = [b for b in _pictures(pdf[i]) if _place(b) not in seen]
                    seen.update(_place(b) for b in pictures)  # a banner on every page is read once
                    blocks += _text_page(plumber.pages[i], i + 1) if not pictures else sorted(
                        _text_page(plumber.pages[i], i + 1) + _pictures_read(pdf[i], i + 1, pictures),
                        key=lambda b: b.top)
                    ocr = ocr or bool(pictures)
                report_page(i + 1, pages)
        finally:
            if plumber is not None:
                plumber.close()
    finally:
        pdf.close()
    lines = _lines(_join_tables(blocks))
    if not any(line.text for line in lines):
        if any(unmapped):
            raise ReportError(str(path), "no readable text in the PDF (its fonts map no characters to text, and "
                                         "OCR of its pages read nothing)")
        raise ReportError(str(path), "no text in the PDF (no text layer, and no page image OCR could read)")
    return Document(path=str(path), doc=path.name, file_format="pdf_ocr" if ocr else "pdf",
                    encoding="ocr" if ocr else "pdf", sha256=hashlib.sha256(data).hexdigest(), lines=lines,
                    title=title_fields(title, *running_texts(blocks)))


MAX_UNMAPPED = 0.1  # share of a page's characters without a Unicode value over which its text layer is junk


def _unmapped_share(page: Any) -> float:
    """The share of the page's characters whose font gives no Unicode value (pdfminer writes '(cid:N)')."""
    chars = page.chars
    return sum(1 for c in chars if c["text"].startswith("(cid:")) / len(chars) if chars else 0.0


def report_title(value: object) -> str | None:
    """A document property 'Title' as metadata evidence, where it reads like a report's title (it is
    as often 'Microsoft Word - 新建文档.doc' or empty)."""
    text = " ".join(str(value or "").split())
    return text if re.search(r"报告|年报", text) and len(text) <= 120 else None


def _text_chars(page: Any) -> int:
    textpage = page.get_textpage()
    try:
        return len("".join(textpage.get_text_range().split()))
    finally:
        textpage.close()


def _image_share(page: Any) -> float:
    """The share of the page's area that its images cover (a scan is one image the size of the page)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    area = 0.0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        area += max(0.0, right - left) * max(0.0, top - bottom)
    return area / (width * height) if width and height else 0.0


MIN_PICTURE_SHARE = 0.02  # of the page's area: a picture this large without text over it (a table, a letterhead)
_MIN_PICTURE_WIDTH = 0.3  # of the page's width: a logo or a seal is narrower


def _pictures(page: Any) -> list[tuple[float, float, float, float]]:
    """The pictures on a page with a text layer that may hold text of the report (a table pasted as a
    screenshot): wide and large, with no text of the layer over them. PDF bounds: (left, bottom, right, top)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    if not width or not height:
        return []
    textpage = page.get_textpage()
    try:
        found = []
        for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, bottom, right, top = obj.get_bounds()
            if (right - left) * (top - bottom) >= MIN_PICTURE_SHARE * width * height \
                    and right - left >= _MIN_PICTURE_WIDTH * width \
                    and not textpage.get_text_bounded(left, bottom, right, top).strip():
                found.append((left, bottom, right, top))
        return found
    finally:
        textpage.close()


def _place(bounds: tuple[float, float, float, float]) -> tuple[int, ...]:
    return tuple(round(x) for x in bounds)


def _pictures_read(page: Any, number: int, pictures: list[tuple[float, float, float, float]]) -> list[Block]:
    """The pictures' text by OCR, as blocks placed where the pictures stand on the page (in points from the
    page's top, as the text layer's blocks)."""
    from index.readers.ocr import DPI, blocks_from_boxes, ocr_boxes

    scale = DPI / 72
    height = page.get_size()[1]
    image = page.render(scale=scale).to_pil()
    blocks: list[Block] = []
    for left, bottom, right, top in pictures:
        crop = image.crop((int(left * scale), int((height - top) * scale), int(right * scale),
                           int((height - bottom) * scale)))
        boxes = [Box(b.text, left + b.x0 / scale, height - top + b.top / scale, left + b.x1 / scale,
                     height - top + b.bottom / scale, b.score) for b in ocr_boxes(crop)]
        blocks += blocks_from_boxes(boxes, number, height)
    return blocks


def _open_plumber(path: Path, data: bytes) -> Any:
    import logging

    import pdfplumber

    # pdfminer warns on stderr about font descriptors it cannot parse (Chromium's PDFs: 「Could not get
    # FontBBox」, once a character); the text is read all the same, and a user is told nothing by it.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer's errors are many and untyped
        raise ReportError(str(path), f"damaged PDF, text layer unreadable ({type(exc).__name__})") from None


_SIDEWAYS_SHARE = 0.6  # of a page's characters set sideways: the page was turned (a table printed across it)


def _sideways(page: Any) -> int:
    """The quarter turn (90 or 270, clockwise) that sets a page's text upright when most of it runs up or
    down the page (WPS's landscape section kept on a portrait page, a table turned to fit), else 0."""
    chars = page.chars
    turned = [c["matrix"][1] for c in chars if not c["upright"]]
    if len(turned) < max(MIN_TEXT_CHARS, _SIDEWAYS_SHARE * len(chars)):
        return 0
    return 90 if median(turned) > 0 else 270


def _turned_upright(plumber: Any, pdf: Any, path: Path, has_text: list[bool]) -> Any:
    """The PDF's text layer with its sideways pages turned upright (their /Rotate set, which pdfminer applies):
    a turned table is read row by row as on an upright page. The same reader when no page is sideways."""
    turns = {i: t for i in range(len(has_text)) if has_text[i] and (t := _sideways(plumber.pages[i]))}
    if not turns:
        return plumber
    for i, turn in turns.items():
        pdf[i].set_rotation((pdf[i].get_rotation() + turn) % 360)
    out = io.BytesIO()
    pdf.save(out)
    plumber.close()
    return _open_plumber(path, out.getvalue())


# --- blocks: what a page holds, top to bottom ------------------------------------------------------------


@dataclass
class Slot:
    """One place of a table's grid: the text of the cell covering it, whether the cell started here."""

    text: str
    origin: tuple[int, int]  # (row, column) where the covering cell starts, in its table's grid
    page: int
    score: float | None = None  # OCR confidence of the text

    def starts_at(self, row: int, col: int) -> bool:
        return self.origin == (row, col)


@dataclass
class TableBlock:
    page: int
    top: float
    bottom: float
    columns: list[float]  # x of the column boundaries, to tell a continued table from another one
    grid: list[list[Slot]]
    label_boxes: list | None = None  # OCR: each row's label boxes, to join a label wrapped onto a line below

    @property
    def width(self) -> int:
        return len(self.grid[0]) if self.grid else 0


@dataclass
class TextBlock:
    page: int
    top: float
    text: str  # cells separated by tabs where the line has column gaps
    furniture: bool = False  # a page number: dropped, and no obstacle to joining tables
    size: float = 0.0  # font size (PDF text layer), to find the title
    at_edge: bool = False  # in the top or bottom margin: a running header there is furniture too
    x1: float = 0.0  # right end of the line: a line that runs to the margin wraps into the next


Block = TableBlock | TextBlock


def _visible_ruling(obj: dict) -> bool:
    """Rectangles and lines that draw table borders. Word processors also paint white or pale filled
    boxes behind text lines and header cells; their edges are no rulings (pdfplumber would make every
    paragraph a one-column table of them)."""
    if obj.get("object_type") not in ("rect", "line", "curve"):
        return True
    if obj.get("stroke") and not _pale(obj.get("stroking_color")):
        return True
    if not obj.get("fill"):
        return False
    # A hairline box is a drawn border: Chromium paints <table border="1">'s cell edges as thin filled boxes of
    # grey (154,154,154); only near-white ones are no rulings. A broad box is a cell's or a line's shading.
    thin = min(float(obj.get("width") or 0), float(obj.get("height") or 0)) <= _HAIRLINE
    return not _pale(obj.get("non_stroking_color"), _NEAR_WHITE if thin else _PALE)


def _slanted(obj: dict) -> bool:
    """A character set at a slant (neither upright nor turned a quarter): a watermark's diagonal words
    (「某市人民政府办公室 2025-02-10」 across each page), whose digits and names would run into cells and titles."""
    if obj.get("object_type") != "char" or not obj.get("matrix"):
        return False
    a, b = abs(obj["matrix"][0]), abs(obj["matrix"][1])
    return min(a, b) > _SLANT * max(a, b)


_SLANT = 0.15  # a character's turn (the smaller of its matrix's a, b over the larger; tan 8.5°) that is a slant


_HAIRLINE = 2.0  # points: a filled box this thin is a line
_PALE = 0.6  # grey level above which a shading is no ruling
_NEAR_WHITE = 0.8  # grey level above which even a line is none (the light half of a 3-D border)


def _pale(color: Any, level: float = _PALE) -> bool:
    if color is None:
        return False  # default colour: black
    if isinstance(color, (int, float)):
        color = (color,)
    if not isinstance(color, (tuple, list)) or not all(isinstance(c, (int, float)) for c in color):
        return False  # a pattern: treat as drawn
    if len(color) == 1:
        return color[0] > level
    if len(color) == 3:
        return min(color) > level
    if len(color) == 4:  # CMYK
        return max(color) < 1 - level
    return False


def _text_page(page: Any, number: int) -> list[Block]:
    page = page.filter(lambda obj: _visible_ruling(obj) and not _slanted(obj))
    gutter = _gutter(page) or _sheet_fold(page)
    if gutter is None:
        return _page_blocks(page, number)
    height = float(page.height)
    left = _page_blocks(page.crop((0, 0, gutter, height)), number)
    right = _page_blocks(page.crop((gutter, 0, float(page.width), height)), number)
    for block in right:  # the right column is read after the left one
        block.top += height
        if isinstance(block, TableBlock):
            block.bottom += height
    return left + right


_MIN_COLUMN_LINES = 8  # lines of running text each column of a two-column page holds at least


def _gutter(page: Any) -> float | None:
    """The x of the gutter of a page set in two columns (a newsletter-style print): a band in the page's
    middle that no word crosses, with lines of running text ending at it on the left and starting at it on
    the right. A one-column page's prose runs across the middle; a table's column gaps have no prose beside them."""
    words = page.extract_words()
    width = float(page.width)
    spans = sorted((w["x0"], w["x1"]) for w in words if w["x1"] > 0.3 * width and w["x0"] < 0.7 * width)
    gaps, reach = [], 0.3 * width
    for x0, x1 in spans:
        if x0 > reach:
            gaps.append((reach, min(x0, 0.7 * width)))
        reach = max(reach, x1)
    if reach < 0.7 * width:
        gaps.append((reach, 0.7 * width))
    if not gaps:
        return None
    a, b = max(gaps, key=lambda g: g[1] - g[0])
    if b - a < 6:
        return None
    prose = lambda w: len(w["text"]) >= 10  # noqa: E731  a line of running text (Chinese has no spaces)
    ends = sum(1 for w in words if prose(w) and a - 0.06 * width <= w["x1"] <= a)
    starts = sum(1 for w in words if prose(w) and b <= w["x0"] <= b + 0.03 * width)
    return (a + b) / 2 if min(ends, starts) >= _MIN_COLUMN_LINES else None


_SHEET_BAND = (0.4, 0.6)  # of a landscape sheet's width: where the fold between two printed pages lies
_MIN_FOLD = 12.0  # points of blank a fold is wide at least
_MIN_HALF_WORDS = 5  # words each printed page of a sheet holds at least


def _sheet_fold(page: Any) -> float | None:
    """The x of the fold of a landscape sheet holding two portrait pages side by side (打印 → 每版打印2页):
    a band near the sheet's middle that no word and no ruling crosses, with words on both sides. A page
    printed landscape has its table or its prose across the middle."""
    width, height = float(page.width), float(page.height)
    if width < 1.2 * height:
        return None
    lo, hi = _SHEET_BAND[0] * width, _SHEET_BAND[1] * width
    spans = sorted([(w["x0"], w["x1"]) for w in page.extract_words()]
                   + [(float(o["x0"]), float(o["x1"])) for o in page.lines + page.rects + page.curves])
    gaps, reach = [], lo
    for x0, x1 in spans:
        if x1 <= lo:
            continue
        if x0 > reach:
            gaps.append((reach, min(x0, hi)))
        reach = max(reach, x1)
        if reach >= hi:
            break
    if reach < hi:
        gaps.append((reach, hi))
    gaps = [g for g in gaps if g[1] - g[0] >= _MIN_FOLD]
    if not gaps:
        return None
    a, b = max(gaps, key=lambda g: g[1] - g[0])
    fold = (a + b) / 2
    words = page.extract_words()
    left = sum(1 for w in words if w["x1"] <= fold)
    return fold if left >= _MIN_HALF_WORDS and len(words) - left >= _MIN_HALF_WORDS else None


def _page_blocks(page: Any, number: int) -> list[Block]:
    blocks: list[Block] = []
    settings = {"explicit_horizontal_lines": _closing_lines(page)}
    tables = [t for t in page.find_tables(table_settings=settings) if _is_data_table(t)]
    for table in tables:
        blocks.append(_table_block(table, number))
    words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
    boxes = [Box(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], score=w["size"])
             for w in words if not any(_inside(w, t.bbox) for t in tables)]
    height = float(page.height)
    for row in rows_of_boxes(boxes):
        size = median(b.score or b.height for b in row)
        text = "\t".join(_unglued([join_boxes(cell) for cell in cells_of_row(row, _COLUMN_GAP * size)]))
        top = min(b.top for b in row)
        at_edge = top < _EDGE_MARGIN * height or top > (1 - _EDGE_MARGIN) * height
        blocks.append(TextBlock(number, top, text, furniture=at_edge and _page_number(text, number), size=size,
                                at_edge=at_edge, x1=max(b.x1 for b in row)))
    blocks.sort(key=lambda b: b.top)
    _values_are_no_page_numbers(blocks, height)
    return _label_apart(_paragraphs(blocks, max((w["x1"] for w in words), default=0.0)))


def _label_apart(blocks: list[Block]) -> list[Block]:
    """One cell a line (a table printed as text): a label that runs into its first value on its line
    ('（二）部分公开（…情形）0', the other values a line each below) is two lines, the label and the value."""
    out: list[Block] = []
    for k, block in enumerate(blocks):
        after = blocks[k + 1] if k + 1 < len(blocks) else None
        m = _GLUED.match(block.text) if isinstance(block, TextBlock) and "\t" not in block.text else None
        if m and " " not in m.group(2) and isinstance(after, TextBlock) and "\t" not in after.text and _NUMBER.match(after.text):
            out += [replace(block, text=m.group(1)), replace(block, text=m.group(2))]
            continue
        out.append(block)
    return out


_FRONT_MATTER = 10  # pages: how far a printed page number may run ahead of or behind the page's index


def _page_number(text: str, page: int) -> bool:
    """Page furniture: a page number line ('- 3 -', '第3页 共5页'); a bare number only near the page's own
    index (a table's value alone at the foot of a page, 「135」 on page 2, is no page number)."""
    if not is_page_furniture(text):
        return False
    bare = text.strip()
    return not bare.isdigit() or abs(int(bare) - page) <= _FRONT_MATTER


def _values_are_no_page_numbers(blocks: list[Block], height: float) -> None:
    """A page has one page number in a margin: several bare numbers in the same margin are a table's values
    that a page break left there, one a line (「2」「2」「2」 at the top of page 2)."""
    for top in (True, False):
        found = [b for b in blocks if isinstance(b, TextBlock) and b.furniture and (b.top < height / 2) == top]
        if len(found) > 1:
            for b in found:
                b.furniture = False


# A label with a value run into it, or several a narrow gap apart ('2.其他法律行政法规禁止公开0 0', then the
# row's other values; a label may start with its item number); a signed value ('增13', '减少5') is one
# value, not a label and a value.
_GLUED = re.compile(r"^(?!(?:增加|减少|增|减)?[+\-]?\d[\d,]*(?:\.\d+)?(?:\s|$))(.*?[\u4e00-\u9fff）)])"
                    r"((?:增加|减少|增|减)?[+\-]?\d[\d,]*(?:\.\d+)?(?:\s+[+\-]?\d[\d,]*(?:\.\d+)?)*)$")
_NUMBER = re.compile(r"^[+\-]?\d[\d,]*(?:\.\d+)?$")


def _unglued(cells: list[str]) -> list[str]:
    """A table row of a text printed with tab stops: a label whose tab to the first value was narrow runs
    into it ('申请数量0', then '0', '0' …). In a row of values (two or more, or a label and values only), a
    cell that is a label with a number at its end is two cells."""
    numbers = sum(1 for c in cells if _numbers(c))
    if numbers < 2 and not (len(cells) >= 2 and numbers == len(cells) - 1):
        return cells  # prose ('共收到70件') or a header: never cut
    out = []
    for cell in cells:
        m = _GLUED.match(cell)
        if m:
            out += [*_INNER_NUMBERING.split(m.group(1)), *m.group(2).split()]
        elif _numbers(cell):
            out += cell.split()  # '+30 61': two values a narrow gap apart
        else:
            out += _INNER_NUMBERING.split(cell)
    return out


# Inside a label cell of a row of values, the numbering of the next label column ('三、本年度办理结果（一）予以公开',
# '（三）不予公开1.属于国家秘密'): two label cells run together.
_INNER_NUMBERING = re.compile(r"(?<=[\u4e00-\u9fff）)])(?=[（(][一二三四五六七八九十]{1,2}[)）]|\d{1,2}[.．、][\u4e00-\u9fff])")


_STARTS_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")


def _paragraphs(blocks: list[Block], right: float) -> list[Block]:
    """Lines of prose wrapped by the page joined into their paragraph: a line that runs to the right
    margin goes on in the next line, unless that one starts a heading or an item ('二、', '（三）')."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (isinstance(block, TextBlock) and isinstance(prev, TextBlock) and prev.x1 >= right - 1.5 * prev.size
                and not block.at_edge and not prev.at_edge and "\t" not in block.text and "\t" not in prev.text
                and prev.size and block.top - prev.top < 2.5 * prev.size and not _STARTS_ITEM.match(block.text)):
            prev.text = tidy(prev.text + block.text)
            prev.x1, prev.top = block.x1, block.top
            continue
        if (isinstance(block, TextBlock) and isinstance(prev, TextBlock) and prev.size
                and prev.x1 >= right - 1.5 * prev.size and not block.at_edge and not prev.at_edge
                and block.top - prev.top < 2.5 * prev.size and _all_numbers(block.text)
                and _NUMBER.match(prev.text.split("\t")[-1])):
            prev.text += "\t" + block.text  # a row of values that ran past the right margin goes on below
            prev.x1, prev.top = block.x1, block.top
            continue
        out.append(block)
    return out


def _numbers(cell: str) -> bool:
    """A cell of one value, or of values a space apart."""
    return bool(cell.split()) and all(_NUMBER.match(n) for n in cell.split())


def _all_numbers(text: str) -> bool:
    return all(_NUMBER.match(c) for c in text.split("\t"))


def _closing_lines(page: Any) -> list[float]:
    """Horizontal rules where a table's vertical rules end without one: a table cut by a page break has no
    border at the cut, and pdfplumber finds no cell without four sides (the merged labels beside the last
    rows, and the last row itself, would be lost)."""
    edges = page.edges
    across = [e["top"] for e in edges if e["orientation"] == "h"]
    ends = {round(y, 1) for e in edges if e["orientation"] == "v" for y in (e["top"], e["bottom"])}
    return sorted(y for y in ends if not any(abs(y - h) <= 2 for h in across))


def _inside(word: dict, bbox: tuple[float, float, float, float]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = (word["top"] + word["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _is_data_table(table: Any) -> bool:
    """A grid of at least two columns with text in two of them somewhere (a framed paragraph is none)."""
    rows = table.extract()
    return any(sum(1 for c in row if c and c.strip()) >= 2 for row in rows)


def _table_block(table: Any, page: int) -> TableBlock:
    """The table's grid: each slot holds the text of the cell covering it. pdfplumber gives each row the
    cells that start in it and None where a merged cell from the left or above covers the slot; the
    covering cell is found by the slot's centre (row and column bounds from the cells' own edges, since
    pdfplumber's row and column boxes stretch over merged cells)."""
    texts = table.extract()
    starts = [(bbox, (r, c)) for r, row in enumerate(table.rows) for c, bbox in enumerate(row.cells) if bbox]
    tops = sorted({min(b[1] for b in row.cells if b) for row in table.rows}) + [table.bbox[3]]
    lefts = sorted({round(b[0], 1) for b, _ in starts}) + [table.bbox[2]]
    grid: list[list[Slot]] = []
    for r, row in enumerate(table.rows):
        y = (tops[r] + tops[r + 1]) / 2 if r + 1 < len(tops) else tops[r]
        out: list[Slot] = []
        for c, bbox in enumerate(row.cells):
            if bbox is not None:
                out.append(Slot(tidy(texts[r][c] or ""), (r, c), page))
                continue
            x = (lefts[c] + lefts[c + 1]) / 2 if c + 1 < len(lefts) else lefts[c]
            cover = next((o for b, o in starts if b[0] <= x <= b[2] and b[1] <= y <= b[3]), None)
            text = tidy(texts[cover[0]][cover[1]] or "") if cover else ""
            out.append(Slot(text, cover or (r, c), page))  # no cover: a hole, kept as an empty cell
        grid.append(out)
    return TableBlock(page, table.bbox[1], table.bbox[3], lefts[:-1], grid)


# --- tables over page breaks -----------------------------------------------------------------------------

_LIST_MARK = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[.、．])")


def running_texts(blocks: list[Block]) -> list[str]:
    """Running headers and footers: the same text in the margin of several pages (in order of first
    appearance). Dropped from the lines; a header naming the agency is evidence for the metadata."""
    pages_of: dict[str, set[int]] = {}
    for block in blocks:
        if isinstance(block, TextBlock) and block.at_edge and not block.furniture and not _numbers(block.text):
            pages_of.setdefault(block.text, set()).add(block.page)  # a bare number is a value or a page number
    return [text for text, pages in pages_of.items() if len(pages) >= 2]


def title_fields(*fields: str | None) -> str | None:
    """Title evidence as a page's <title> gives it: fields apart by _ (index.metadata reads each on its own)."""
    return "_".join(f for f in fields if f) or None


def _join_tables(blocks: list[Block]) -> list[Block]:
    """Page furniture dropped (page numbers, and running headers or footers: the same text in the margin
    of several pages), and each table that goes on over a page break joined to its first part."""
    running = set(running_texts(blocks))
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, TextBlock) and (block.furniture or (block.at_edge and block.text in running)):
            continue
        prev = out[-1] if out else None
        if isinstance(block, TableBlock) and isinstance(prev, TableBlock) and _continues(prev, block):
            _append(prev, block)
            continue
        out.append(block)
    return out


def _continues(a: TableBlock, b: TableBlock) -> bool:
    """b goes on with a: on the next page, nothing between them, the same columns. A column boundary that
    only one part has (no cell of the other part starts there: 洪泽's sub-labels start a column that the
    rows above the break, all merged across it, do not show) is added to the other part."""
    if not a.grid or not b.grid or b.page != a.grid[-1][0].page + 1:
        return False
    if not a.columns or not b.columns:  # OCR tables: no rulings to compare
        return a.width == b.width
    if abs(a.columns[0] - b.columns[0]) > 3:
        return False
    union = sorted(a.columns + [x for x in b.columns if all(abs(x - y) > 3 for y in a.columns)])
    if len(union) - max(len(a.columns), len(b.columns)) > 2:
        return False
    for table in (a, b):
        for x in union:
            if all(abs(x - y) > 3 for y in table.columns):
                _insert_column(table, x)
    return a.width == b.width


def _insert_column(table: TableBlock, x: float) -> None:
    """Split the column that covers x in two: the cells there now cover both (continuations)."""
    i = sum(1 for y in table.columns if y < x)
    for row in table.grid:
        for slot in row:
            if slot.origin[1] >= i:
                slot.origin = (slot.origin[0], slot.origin[1] + 1)
        left = row[i - 1]
        row.insert(i, Slot(left.text, left.origin, left.page, left.score))
    table.columns.insert(i, x)


def _append(a: TableBlock, b: TableBlock) -> None:
    rows = b.grid
    offset = len(a.grid)
    # A header row repeated on the new page.
    k = 0
    while k < len(rows) and k < len(a.grid) and _texts(rows[k]) == _texts(a.grid[k]) and not _has_number(rows[k]):
        k += 1
    rows = rows[k:]
    if not rows:
        return
    last, first = a.grid[-1], rows[0]
    # A merged label cut by the page break: the piece below the break is the rest of the cell above it.
    last_r = len(a.grid) - 1
    for c, (above, below) in enumerate(zip(last, first)):
        spans = above.origin[0] < last_r or _spans_down(rows, below.origin)
        label = not above.text or not is_number_like(above.text)
        fragment = not below.text or not (is_number_like(below.text) or _starts_row(below.text))
        if spans and label and fragment and below.starts_at(k, c):
            _extend_cell(a, above.origin, below.text)
            cut = below.origin
            for slot in [s for row in rows for s in row if s.origin == cut]:
                slot.origin = (-1, -1)  # marks "belongs to the cell above"
    if (not _has_number(last) or not _has_number(first)) and _merge_rows(last, first):
        rows = rows[1:]
    # Renumber the rest below a's rows; slots that belong to a's cells point there.
    remap: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(rows):
        for c, slot in enumerate(row):
            if slot.origin == (-1, -1):
                above = a.grid[-1][c]
                slot.origin, slot.text = above.origin, above.text
                continue
            new = remap.setdefault(slot.origin, (offset + r, c))
            slot.origin = new
    a.grid.extend(rows)


def _merge_rows(last: list[Slot], first: list[Slot]) -> bool:
    """A row cut by the page break: its label above and its numbers below, or its numbers above and the
    end of its label below. Only where every text below goes on with a text above in its column and every
    number below fills an empty cell above; a header row, a caption or a new row is never merged."""
    joined = False
    for above, below in zip(last, first):
        if below.origin == (-1, -1) or not below.text:
            continue
        if is_number_like(below.text):
            if above.text:
                return False
        elif not above.text or is_number_like(above.text) or (_starts_row(below.text)
                                                               and not _completes(above.text, below.text)):
            return False
        else:
            joined = True
    if not joined and not any(s.text and is_number_like(s.text) for s in first):
        return False
    for above, below in zip(last, first):
        if below.origin != (-1, -1) and below.text:
            above.text = tidy(above.text + below.text) if above.text else below.text
    return True


def _completes(above: str, below: str) -> bool:
    """`below` is the rest of the label `above` begins, though it reads like a label by itself: the rest of
    「2.申请人」 is 「逾期未按收费通知要求缴纳费用…」, which alone matches its row's label too."""
    return not _LIST_MARK.match(below) and not _is_template_label(above) and _is_template_label(above + below)


def _starts_row(text: str) -> bool:
    """Text that begins a row or a caption of its own: numbered, or a template label by itself."""
    return bool(_LIST_MARK.match(text)) or _is_template_label(text)


@lru_cache(maxsize=4096)
def _is_template_label(text: str) -> bool:
    from index.labels import match_label
    from index.template import tables

    return any((m := match_label(text, t)) is not None and m.score >= 0.9
               for fmt in ("2019", "2021") for t in tables(fmt))


def _spans_down(rows: list[list[Slot]], origin: tuple[int, int]) -> bool:
    return sum(1 for row in rows if any(s.origin == origin for s in row)) > 1


def _extend_cell(a: TableBlock, origin: tuple[int, int], more: str) -> None:
    for row in a.grid:
        for slot in row:
            if slot.origin == origin:
                slot.text = tidy(slot.text + more)


def _texts(row: list[Slot]) -> list[str]:
    return [s.text for s in row]


def _has_number(row: list[Slot]) -> bool:
    return any(s.text and is_number_like(s.text) for s in row)


# --- lines -----------------------------------------------------------------------------------------------


def _lines(blocks: list[Block]) -> list[Line]:
    lines: list[Line] = []
    tables = 0
    blocks = _title_first(blocks)
    for block in blocks:
        if isinstance(block, TextBlock):
            if block.text:
                lines.append(Line(number=len(lines) + 1, text=block.text, page=block.page))
            continue
        tables += 1
        for r, row in enumerate(block.grid):
            if not any(s.text for s in row):
                continue
            number = len(lines) + 1
            cells = [Cell(text=s.text, continuation=not s.starts_at(r, c), confidence=s.score,
                          source=Source(line=number, table=tables, row=r + 1, cell=c + 1, page=s.page))
                     for c, s in enumerate(row)]
            text = "\t".join(c.text for c in cells if not c.continuation)
            lines.append(Line(number=number, text=text, cells=cells, page=row[0].page))
    return lines


def _title_first(blocks: list[Block]) -> list[Block]:
    """The first page's leading lines in a larger type than the body are the title: one line."""
    sizes = [b.size for b in blocks if isinstance(b, TextBlock) and b.page == 1 and b.size]
    if not sizes:
        return blocks
    body = median(sizes)
    k = 0
    while k < len(blocks) and isinstance(blocks[k], TextBlock) and blocks[k].page == 1 \
            and blocks[k].size > 1.15 * body:
        k += 1
    if k < 2:
        return blocks
    title = TextBlock(1, blocks[0].top, tidy("".join(b.text.replace("\t", "") for b in blocks[:k])))
    return [title, *blocks[k:]]
