"""Word and PDF copies of generated reports, for the tests (which make their fixtures with it) and
bench/bench_formats.py: a DOCX with real merged cells
(python-docx, from the generator's HTML with its rowspan/colspan), a PDF of that DOCX (LibreOffice, with
the 三 table pushed down so that it breaks over two pages), and a scan of a PDF page (pypdfium2 renders
it, Pillow wraps the image in a PDF without a text layer)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import lxml.html

from index.readers.html import _BLOCKS, cell_text, expand_grid, normalise, own_rows

_FILLER = ("本部分为测试用填充段落，用于把下一张表格推到页面中部，使其跨页。" * 3)


def html_to_docx(html: str, out: Path, *, push_table: str | None = None, filler_lines: int = 0,
                 running_header: str | None = None) -> Path:
    """A DOCX with the page's headings and paragraphs as paragraphs and its tables as Word tables, merged
    cells merged. `push_table`: the heading (e.g. '三、') before which a page break and `filler_lines`
    paragraphs go, so that the table after it starts low on a page. `running_header`: a page header
    printed on every page (it stands between the parts of a table cut by a page break)."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    if running_header:
        document.sections[0].header.paragraphs[0].text = running_header
    root = lxml.html.document_fromstring(html)
    body = root.find("body")
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            _table(document, el)
        elif tag in _BLOCKS and tag not in ("table", "tbody", "tr", "td", "th", "body", "html") \
                and el.getparent() is not None and not _in_table(el) and not _has_block_child(el):
            text = normalise(el.text_content())
            if not text:
                continue
            if push_table and text.startswith(push_table):
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
                for _ in range(filler_lines):
                    document.add_paragraph(_FILLER)
            document.add_paragraph(text)
    document.save(out)
    return out


def _in_table(el) -> bool:
    return any(a.tag == "table" for a in el.iterancestors())


def _has_block_child(el) -> bool:
    return any(isinstance(c.tag, str) and c.tag in _BLOCKS for c in el)


def _table(document, table) -> None:
    rows = own_rows(table)
    grid = expand_grid(rows)
    width = max(len(r) for r in grid)
    out = document.add_table(rows=len(grid), cols=width)
    out.style = "Table Grid"
    spans: dict[int, tuple[object, int, int, int, int]] = {}
    for r, slots in enumerate(grid):
        for c, slot in enumerate(slots):
            if slot is None:
                continue
            td, _ = slot
            r0, c0, r1, c1 = spans.get(id(td), (td, r, c, r, c))[1:]
            spans[id(td)] = (td, min(r0, r), min(c0, c), max(r1, r), max(c1, c))
    for td, r0, c0, r1, c1 in spans.values():
        cell = out.cell(r0, c0)
        if (r1, c1) != (r0, c0):
            cell = cell.merge(out.cell(r1, c1))
        cell.text = cell_text(td)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_path: Path, out_dir: Path) -> Path:
    return docx_to_pdfs([docx_path], out_dir)[0]


def docx_to_pdfs(docx_paths: list[Path], out_dir: Path) -> list[Path]:
    """PDFs of DOCX files, printed by LibreOffice in one run (its start-up is most of the time)."""
    exe = soffice()
    assert exe, "LibreOffice is needed"
    subprocess.run([exe, f"-env:UserInstallation=file://{out_dir}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, docx_paths)],
                   capture_output=True, timeout=180 + 30 * len(docx_paths), check=True)
    return [out_dir / (p.stem + ".pdf") for p in docx_paths]


def docx_to_doc(docx_path: Path, out_dir: Path) -> Path:
    exe = soffice()
    assert exe, "LibreOffice is needed"
    subprocess.run([exe, f"-env:UserInstallation=file://{out_dir}/lo-profile", "--headless", "--norestore",
                    "--convert-to", "doc", "--outdir", str(out_dir), str(docx_path)],
                   capture_output=True, timeout=180, check=True)
    return out_dir / (docx_path.stem + ".doc")


def scan_pages(pdf_path: Path, pages: list[int], out: Path, dpi: int = 150) -> Path:
    """A PDF of page images (1-based page numbers), no text layer: what a scanner gives."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    images = [pdf[p - 1].render(scale=dpi / 72).to_pil().convert("RGB") for p in pages]
    pdf.close()
    images[0].save(out, save_all=True, append_images=images[1:], resolution=dpi)
    return out
