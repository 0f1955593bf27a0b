"""Spreadsheets (XLSX) attached to a report: its tables alone (附表), a sheet a table.

Such a file is a report only when it says whose and which year: a cell that reads like the report's title
(「…2024年政府信息公开工作年度报告附表」) or the workbook's Title property. Then each sheet's rows become table
rows (merged cells repeated and marked as continuations, as the other readers give them) after that title
line. Without it the file is refused with a message naming what it is: the tables of an unnamed report."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from index.errors import ReportError
from index.model import Cell, Document, Line, Source
from index.readers.layout import tidy

MAX_SHEET_CELLS = 20_000  # a report's three tables hold a few hundred; more is a data sheet, not a 附表
_TITLED = re.compile(r"20\d\d|[〇○零一二三四五六七八九]{4}")


def looks_like_xlsx(data: bytes) -> bool:
    return data.startswith(b"PK\x03\x04") and b"xl/" in data[:4096]


def read_xlsx(path: Path, data: bytes) -> Document:
    from index.readers.pdf import report_title

    book = _open(path, data)
    lines: list[Line] = []
    title = report_title(book.properties.title)
    for t, sheet in enumerate(book.worksheets, start=1):
        if sheet.max_row * sheet.max_column > MAX_SHEET_CELLS:
            raise ReportError(str(path), f"a spreadsheet with a data sheet ({sheet.title}: {sheet.max_row} rows), "
                                         "not a report's tables")
        grid = _grid(sheet)
        heading = _part_heading(grid)  # no part heading stands above a sheet: its header rows say which part
        for r, row in enumerate(grid, start=1):
            texts = [text for text, first in row if first and text]
            if not texts:
                continue
            if len(texts) == 1 and report_title(texts[0]):  # a title row merged over the table's width
                lines.append(Line(number=len(lines) + 1, text=texts[0]))
                continue
            if heading:
                lines.append(Line(number=len(lines) + 1, text=heading))
                heading = None
            number = len(lines) + 1
            cells = [Cell(text=text, continuation=not first, source=Source(line=number, table=t, row=r, cell=c))
                     for c, (text, first) in enumerate(row, start=1)]
            lines.append(Line(number=number, text="\t".join(c.text for c in cells if not c.continuation),
                              cells=cells))
    named = [ln.text for ln in lines if ln.cells is None] + ([title] if title else [])
    if not any(_TITLED.search(text) for text in named):
        raise ReportError(str(path), "a spreadsheet of tables only (附表), without the report's title: whose report "
                                     "and which year it is cannot be known; add the report itself")
    return Document(path=str(path), doc=path.name, file_format="xlsx", encoding="xlsx",
                    sha256=hashlib.sha256(data).hexdigest(), lines=lines, title=title)


# The form's tables known by their header rows' words, with the heading of the part each stands in.
_PART_OF_HEADER = (("第二十条", "二、主动公开政府信息情况"), ("申请人情况", "三、收到和处理政府信息公开申请情况"),
                   ("行政复议", "四、政府信息公开行政复议、行政诉讼情况"))


def _part_heading(grid: list[list[tuple[str, bool]]]) -> str | None:
    head = "".join(text for row in grid[:3] for text, first in row if first)
    return next((heading for word, heading in _PART_OF_HEADER if word in head), None)


def _open(path: Path, data: bytes) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), data_only=True)  # formulas' cached values, as Excel shows them
    except zipfile.BadZipFile:
        raise ReportError(str(path), "damaged spreadsheet (the ZIP container is broken)") from None
    except Exception as exc:  # openpyxl's InvalidFileException, KeyError of a missing part, lxml's errors
        raise ReportError(str(path), f"damaged or unreadable spreadsheet ({type(exc).__name__})") from None


def _grid(sheet: Any) -> list[list[tuple[str, bool]]]:
    """The sheet's rows as (text, is the cell's first slot), a merged range's text in each of its slots."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in sheet.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                merged[(r, c)] = (rng.min_row, rng.min_col)
    values = {(cell.row, cell.column): _text(cell.value) for row in sheet.iter_rows() for cell in row}
    grid = []
    for r in range(1, sheet.max_row + 1):
        row = []
        for c in range(1, sheet.max_column + 1):
            origin = merged.get((r, c), (r, c))
            row.append((values.get(origin, ""), origin == (r, c)))
        grid.append(row)
    return grid


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return tidy(str(value))
