"""Word reports: DOCX read with python-docx, paragraphs and tables in body order; DOC converted to DOCX by
LibreOffice in headless mode first.

Tables become grids as the HTML reader makes them: a cell merged across columns (gridSpan) or down rows
(vMerge) is repeated into every slot it covers, the slots after its first marked as continuations, so that
the aligner reads the rows as the "grid" layout. Each cell's Source names its table, row and column."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any, Iterator

from index.errors import ReportError
from index.model import Cell, Document, Line, Source
from index.readers.layout import tidy

DOC_TIMEOUT_S = 180  # LibreOffice on a large .doc; it hangs on some broken files
INSTALL_HINT = ("DOC files need LibreOffice to be converted: install it with "
                "`apt-get install libreoffice-writer-nogui` (scripts/setup_system.sh does, as root)")
# Word-processor formats read as LibreOffice's DOCX of them: suffix → (the format's name, whose files they are).
CONVERTED = {".doc": ("DOC", "Word"), ".odt": ("ODT", "Writer"), ".rtf": ("RTF", "Rich Text")}
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# A text box (w:txbxContent) holds paragraphs of its own; Word writes each drawing twice, as DrawingML
# (mc:Choice) and as VML for old readers (mc:Fallback): the fallback copy is never read.
_OWN_BLOCKS = frozenset({f"{_W}txbxContent", f"{_MC}Fallback"})


def looks_like_docx(data: bytes) -> bool:
    """A ZIP whose first entries are Word's (a damaged one too: the reader then names the damage)."""
    return data.startswith(b"PK\x03\x04") and b"word/" in data[:8192]


def looks_like_doc(data: bytes) -> bool:
    """An OLE2 compound file holding a WordDocument stream (the name is stored in UTF-16)."""
    return data.startswith(_OLE2) and "WordDocument".encode("utf-16-le") in data


def read_docx(path: Path, data: bytes) -> Document:
    return _document(path, data, data, "docx")


def looks_like_odt(data: bytes) -> bool:
    """An OpenDocument text: a ZIP whose first entry, stored, is its mimetype."""
    return data.startswith(b"PK\x03\x04") and b"mimetypeapplication/vnd.oasis.opendocument.text" in data[:200]


def looks_like_rtf(data: bytes) -> bool:
    return data.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"{\\rtf")


def read_doc(path: Path, data: bytes) -> Document:
    return _document(path, data, convert_doc(path, data), "doc")


def read_odt(path: Path, data: bytes) -> Document:
    return _document(path, data, convert_doc(path, data, ".odt"), "odt")


def read_rtf(path: Path, data: bytes) -> Document:
    return _document(path, data, convert_doc(path, data, ".rtf"), "rtf")


def _document(path: Path, data: bytes, docx_data: bytes, file_format: str) -> Document:
    from index.readers.pdf import report_title, title_fields

    document = _open(path, docx_data)
    lines = _docx_lines(document)
    ocr = any(c.confidence is not None for line in lines for c in line.cells or ())
    if not any(line.text.strip() for line in lines):
        raise ReportError(str(path), "no text in the Word document")
    title = report_title(document.core_properties.title) or _header_title(document)
    return Document(path=str(path), doc=path.name, file_format=file_format, encoding="ocr" if ocr else file_format,
                    sha256=hashlib.sha256(data).hexdigest(), lines=lines,
                    title=title_fields(title, None if title else _margin_fields(document, "header"),
                                       _margin_fields(document, "footer")))


def _margin_fields(document: Any, part: str) -> str | None:
    """The page header's or footer's words apart by _: a department's footer names it in full (栾川县应急管理局
    地址：…) where its title calls it by its office alone (县应急管理局); a header may name it where the title
    does not (「2024年政府信息公开工作年度报告」 under 「扶沟县市场监督管理局」)."""
    words: list[str] = []
    for section in document.sections:
        try:
            words += " ".join(p.text for p in getattr(section, part).paragraphs).split()
        except Exception:  # a damaged or absent header or footer part names nothing
            continue
    return "_".join(dict.fromkeys(w for w in words if "_" not in w)) or None


def _header_title(document: Any) -> str | None:
    """The report's title where it stands in the page header (printed on every page, the body without it):
    the first header that reads like a report's title."""
    from index.readers.pdf import report_title

    for section in document.sections:
        for header in (section.first_page_header, section.header):
            try:
                text = " ".join(p.text for p in header.paragraphs)
            except Exception:  # a damaged or absent header part names nothing
                continue
            if title := report_title(text):
                return title
    return None


# --- DOC → DOCX -----------------------------------------------------------------------------------------


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_doc(path: Path, data: bytes, suffix: str = ".doc") -> bytes:
    """The .doc (or another format of CONVERTED, by `suffix`) converted to DOCX bytes by LibreOffice (its own
    profile folder, so that a LibreOffice the user has open does not block it)."""
    kind, program = CONVERTED[suffix]
    exe = soffice()
    if exe is None:
        raise ReportError(str(path), INSTALL_HINT.replace("DOC files", f"{kind} files"))
    with tempfile.TemporaryDirectory(prefix="qa-doc-") as tmp:
        src = Path(tmp) / f"report{suffix}"
        src.write_bytes(data)
        out = Path(tmp) / "out"
        cmd = [exe, f"-env:UserInstallation=file://{tmp}/profile", "--headless", "--norestore",
               "--convert-to", "docx", "--outdir", str(out), str(src)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=DOC_TIMEOUT_S, check=False,
                           env={**os.environ, "HOME": tmp})
        except subprocess.TimeoutExpired:
            raise ReportError(str(path), f"LibreOffice did not convert the {kind} within {DOC_TIMEOUT_S} s") from None
        result = out / "report.docx"
        if not result.is_file():
            raise ReportError(str(path), f"LibreOffice could not convert the {kind} (damaged or not a {program} file)")
        return result.read_bytes()


# --- DOCX -----------------------------------------------------------------------------------------------


def _open(path: Path, data: bytes) -> Any:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise ReportError(str(path), "damaged Word document (the ZIP container is broken)") from None
    if "word/document.xml" not in names:
        raise ReportError(str(path), "not a Word document: a ZIP archive without word/document.xml")
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise ReportError(str(path), f"damaged Word document ({type(exc).__name__})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and friends
        raise ReportError(str(path), f"damaged Word document ({type(exc).__name__})") from None


def _docx_lines(document: Any) -> list[Line]:
    lines: list[Line] = []
    tables = 0
    # A report with fewer Word tables of numbers than the form's three pasted the others as pictures (one
    # table or all of them): the document's large pictures are read by OCR (seconds each).
    pictures = MAX_PICTURES if _number_tables(document.element.body) < FORM_TABLES else 0
    for kind, element in _body_items(document.element.body):
        if kind == "p" and pictures:
            for blob in _pictures(element, document.part)[:pictures]:
                pictures -= 1
                read = _picture_lines(blob, len(lines), tables)
                tables += len({c.source.table for line in read for c in line.cells or ()})
                lines += read
        if kind == "p":
            for box in _text_boxes(element):  # a letterhead or title in a text box: lines of its own, first
                for piece in box.split("\n"):
                    if tidy(piece):
                        lines.append(Line(number=len(lines) + 1, text=tidy(piece)))
            for piece in _paragraph_text(element).split("\n"):
                text = _tabbed(piece) if "\t" in piece else tidy(piece)
                if text:
                    lines.append(Line(number=len(lines) + 1, text=text))
            continue
        tables += 1
        for r, row in enumerate(_grid(element), start=1):
            if not any(text for text, _ in row):
                continue
            number = len(lines) + 1
            cells = [Cell(text=text, continuation=not first, source=Source(line=number, table=tables, row=r, cell=c))
                     for c, (text, first) in enumerate(row, start=1)]
            lines.append(Line(number=number, text="\t".join(c.text for c in cells if not c.continuation),
                              cells=cells))
    return lines


FORM_TABLES = 3  # 二, 三 and 四: a report with fewer Word tables holding numbers has some as pictures
MAX_PICTURES = 12  # of a document read by OCR: a report's three tables, each perhaps cut in a few pictures
MIN_PICTURE_PIXELS = 200 * 80  # smaller pictures are icons and seals, never a table
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _number_tables(body: Any) -> int:
    """Word tables with a cell that is a number (a layout table holding the report's tables is not one)."""
    return sum(1 for tbl in body.iter(f"{_W}tbl") if tbl.find(f".//{_W}tbl") is None
               and any(_NUMBER_CELL.fullmatch(_cell_text(tc)) for tc in tbl.iter(f"{_W}tc")))


_NUMBER_CELL = re.compile(r"[\d０-９][\d０-９.,，．]*")


def _pictures(p: Any, part: Any) -> list[bytes]:
    """The pictures a paragraph shows (DrawingML; a VML fallback copy is not read twice)."""
    out = []
    for blip in p.iter(_BLIP):
        rel = part.rels.get(blip.get(_EMBED) or "")
        if rel is not None and not rel.is_external and rel.target_part.content_type.startswith("image/"):
            out.append(rel.target_part.blob)
    return out


def _picture_lines(blob: bytes, before: int, tables: int) -> list[Line]:
    """A picture's text by OCR as lines after the `before` lines of the document, its tables numbered after
    the `tables` tables before it (the lines a scanned PDF page gives, numbered on)."""
    from PIL import Image, UnidentifiedImageError

    from index.readers.ocr import blocks_from_boxes, ocr_boxes
    from index.readers.pdf import _join_tables, _lines

    try:
        image = Image.open(io.BytesIO(blob))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError):
        return []  # a picture format PIL does not read (EMF, WMF): no text from it
    if image.width * image.height < MIN_PICTURE_PIXELS:
        return []
    read = _lines(_join_tables(blocks_from_boxes(ocr_boxes(image), 1, float(image.height))))
    return [line.model_copy(update={
        "number": line.number + before, "page": None,
        "cells": [c.model_copy(update={"source": c.source.model_copy(update={
            "line": c.source.line + before, "table": c.source.table + tables, "page": None})}) for c in line.cells]
        if line.cells else None}) for line in read]


def _tabbed(text: str) -> str:
    """A paragraph laid out with tabs (a table typed as text): tabs kept as cell separators."""
    return "\t".join(tidy(p) for p in text.split("\t")).strip("\t")


def _body_items(body: Any) -> Iterator[tuple[str, Any]]:
    """Paragraphs and tables in document order, also those inside content controls (w:sdt)."""
    for child in body.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield "p", child
        elif tag == f"{_W}tbl" and child.find(f"{_W}tr/{_W}tc/{_W}tbl") is not None:
            # A layout table (a page's frame pasted into Word) holding the report's own tables: its cells'
            # paragraphs and tables in reading order, as if they stood in the body.
            for tc in child.iterfind(f"{_W}tr/{_W}tc"):
                yield from _body_items(tc)
        elif tag == f"{_W}tbl":
            yield "tbl", child
        elif tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _body_items(content)


def _paragraph_text(p: Any) -> str:
    """The visible text of a w:p: runs' text, tabs and breaks; deleted revisions, hidden runs and field codes left out,
    and the text boxes anchored in it (read as paragraphs of their own by _text_boxes)."""
    out: list[str] = []
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        tag = el.tag
        if tag == f"{_W}t":
            out.append(el.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag not in _OWN_BLOCKS and tag not in (f"{_W}delText", f"{_W}instrText") and not _hidden(el):
            stack.extend(reversed(el))
    return "".join(out)


def _hidden(el: Any) -> bool:
    """A run formatted as hidden text (w:vanish): Word shows and prints none of it (a draft's old title or
    last year's counts kept under the new ones)."""
    if el.tag != f"{_W}r":
        return False
    vanish = el.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true") not in ("0", "false", "off")


def _up_to(el: Any, top: Any) -> Iterator[Any]:
    """The ancestors of el below top."""
    for a in el.iterancestors():
        if a is top:
            return
        yield a


def _text_boxes(p: Any) -> list[str]:
    """The text of each text box anchored in a paragraph (its DrawingML copy), its paragraphs a line each."""
    boxes = [box for box in p.iter(f"{_W}txbxContent") if not any(a.tag in _OWN_BLOCKS for a in _up_to(box, p))]
    return ["\n".join(_paragraph_text(q) for q in box.iter(f"{_W}p")) for box in boxes] if boxes else []


def _cell_text(tc: Any) -> str:
    """A cell's paragraphs joined as the HTML reader joins them: no break inside Chinese text."""
    pieces = [_paragraph_text(p) for p in tc.iter(f"{_W}p")
              if not any(a.tag == f"{_MC}Fallback" for a in p.iterancestors())]
    return tidy("\n".join(p for p in pieces if p.strip()).replace("\t", " "))


def _grid(tbl: Any) -> list[list[tuple[str, bool]]]:
    """The table's grid of (text, is the cell's first slot), merged cells repeated."""
    grid: list[list[tuple[str, bool]]] = []
    origin_text: dict[tuple[int, int], str] = {}  # slot → text of the cell covering it
    for r, tr in enumerate(_controlled(tbl, f"{_W}tr")):
        row: list[tuple[str, bool]] = []
        before = _int_val(tr.find(f"{_W}trPr/{_W}gridBefore"), 0)
        row += [("", True)] * before
        for tc in _controlled(tr, f"{_W}tc"):
            tcpr = tc.find(f"{_W}tcPr")
            span = max(1, _int_val(tcpr.find(f"{_W}gridSpan") if tcpr is not None else None, 1))
            vmerge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
            c = len(row)
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue" and (r - 1, c) in origin_text:
                text = origin_text[(r - 1, c)]
                row += [(text, False)] * span
            else:
                text = _cell_text(tc)
                row += [(text, True)] + [(text, False)] * (span - 1)
            for k in range(span):
                origin_text[(r, c + k)] = text
        grid.append(row)
    return grid


def _controlled(parent: Any, tag: str) -> list[Any]:
    """The children of `parent` with `tag`, also those inside content controls (w:sdt around rows or cells,
    as a form template's repeating sections leave them) and custom XML elements."""
    out = []
    for child in parent.iterchildren():
        if child.tag == tag:
            out.append(child)
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                out += _controlled(content, tag)
        elif child.tag == f"{_W}customXml":
            out += _controlled(child, tag)
    return out


def _int_val(el: Any, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{_W}val"))
    except (TypeError, ValueError):
        return default
