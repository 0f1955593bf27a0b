"""Cutting the table parts of a document into rows of cells, whatever the layout.

Two text layouts exist besides structured tables: one row per line with tab-separated cells (伊川, 鹤岗,
张店), and one cell per line with a blank line between rows (沙河, 济南), where a line without a tab
continues the cell above it ('\t本年新' + '公开数量'). The aligner then reads rows by their labels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from index.model import Cell, GridCells, Line, Source

Layout = Literal["cell_per_line", "tab_rows", "grid", "line_cells"]
# 「- 3 -」「— 3 —」「第3页 共6页」「第 3 页，共 6 页」: a printed page's number, copied out of a PDF viewer.
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[，,、]?\s*共\s*\d+\s*页)?)\s*$")
_BARE_NUMBER = re.compile(r"^\s*[+\-]?\d[\d,.]*\s*$")
_MIN_BARE = 10  # lines that are only a number, for a text layer with one cell per line and no tabs
_MAX_CONTINUATION = 30  # a longer line without a tab is prose, not the rest of a cell


@dataclass(slots=True)
class SegCell:
    """A cell as the aligner reads it, with its place in the file; its Source is made only for the cells
    that become facts."""

    text: str
    line: int
    column: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None
    src: Source | None = None  # a structured reader's own, handed on to the facts (never changed by anyone)

    @property
    def source(self) -> Source:
        if self.src is not None:
            return self.src
        return Source(self.line, self.column, self.table, self.row, self.cell, self.page)


@dataclass
class TableRow:
    cells: list[SegCell]
    line_index: int  # index into Document.lines of the row's first line


def split_cells(line: Line, after_first: bool = False) -> list[SegCell]:
    """A line's cells: the reader's for structured tables, else the text cut at tabs (`after_first`: from
    the first tab on, for a line that continues a row after its leading tab)."""
    grid = line.cells
    if grid is not None:
        if type(grid) is GridCells and grid.pending:  # an HTML row: SegCells from its texts, no Cell records made
            number, table, row = grid.line, grid.table, grid.row
            cells = [SegCell(text, number, None, table, row, k) for k, text, cont
                     in zip(range(1, len(grid.texts) + 1), grid.texts, grid.continued) if not cont]
        else:
            cells = [_from_cell(c) for c in grid if not c.continuation]
        return cells[1:] if after_first else cells
    cells, col, number, page = [], 1, line.number, line.page
    pieces = line.text.split("\t")
    if after_first:
        col += len(pieces[0]) + 1
        del pieces[0]
    for piece in pieces:  # thousands of pieces a report: positional fields, one strip
        text = piece.strip()
        lead = piece.find(text[0]) if text else len(piece)  # the first non-space character's offset
        cells.append(SegCell(text, number, col + lead, None, None, None, page))
        col += len(piece) + 1
    return cells


def _from_cell(c: Cell) -> SegCell:
    s = c.source
    return SegCell(c.text, s.line, s.column, s.table, s.row, s.cell, s.page, s)


def detect_layout(lines: list[Line]) -> Layout:
    single = multi = grid = 0
    for line in lines:
        if line.cells is not None:
            grid += 1
            continue
        if "\t" not in line.text:
            continue
        # At most one filled cell: no tab between the first and the last character that is not a space.
        if "\t" not in line.text.strip():
            single += 1
        else:
            multi += 1
    if grid > single + multi:
        return "grid"
    if not (single or multi or grid) and sum(1 for ln in lines if _BARE_NUMBER.match(ln.text)) >= _MIN_BARE:
        return "line_cells"  # a PDF's text layer: every cell on a line of its own, no tabs, no blank lines
    return "cell_per_line" if single > multi else "tab_rows"


def _header_again(cells: list[SegCell], heads: dict[tuple[str, ...], int]) -> bool:
    """A header row (cells of words, no number) that an earlier table of the region had: a table cut in two
    with its header rows repeated (by hand, or printed again after a page break). Read twice, its column
    headers would read as row labels (总计 as （七）总计); `heads` remembers each header row's table."""
    texts = tuple(c.text for c in cells if c.text)
    if len(texts) < 2 or cells[0].table is None or any(_BARE_NUMBER.match(t) for t in texts):
        return False
    return heads.setdefault(texts, cells[0].table) != cells[0].table


def _running_lines(region: list[Line]) -> set[str]:
    """Running headers and footers of a copied PDF: a line (not a number) that stands beside a page number
    line at two page breaks or more (「某某人民政府门户网站」 after 「第1页 共6页」)."""
    beside: dict[str, int] = {}
    texts = [ln.text.strip() for ln in region if ln.text.strip()]
    for k, text in enumerate(texts):
        if _PAGE_NUMBER.match(text):
            for near in {texts[j] for j in (k - 1, k + 1) if 0 <= j < len(texts)}:
                if len(near) >= 4 and not _BARE_NUMBER.match(near) and not _PAGE_NUMBER.match(near):
                    beside[near] = beside.get(near, 0) + 1
    return {t for t, n in beside.items() if n >= 2}


def rows_of(lines: list[Line], start: int, end: int, headings: set[int]) -> tuple[list[TableRow], Layout]:
    """Rows of cells for lines[start:end]; lines at the indices in `headings` are part headings and
    always rows of their own."""
    region = lines[start:end]
    layout = detect_layout(region)
    rows: list[TableRow] = []
    if layout != "cell_per_line":
        running = _running_lines(region) if layout == "line_cells" else set()
        heads: dict[tuple[str, ...], int] = {}
        for i, line in enumerate(region, start):
            if layout == "line_cells" and (_PAGE_NUMBER.match(line.text) or line.text.strip() in running):
                continue  # '- 3 -' between a row's cells, and the running header or footer beside it
            if line.text.strip() or line.cells:
                cells = split_cells(line)
                if layout == "grid" and _header_again(cells, heads):
                    continue
                rows.append(TableRow(cells, i))
        return rows, layout
    block: TableRow | None = None
    for i, line in enumerate(region, start):
        text = line.text
        if not text.strip() and "\t" not in text:
            block = None  # a blank line ends the row
            continue
        if "\t" not in text and line.cells is None:
            stripped = text.strip()
            if block is not None and block.cells and len(stripped) <= _MAX_CONTINUATION and i not in headings:
                last = block.cells[-1]  # the cell above went on over a line break
                last.text += stripped
                continue
            rows.append(TableRow([SegCell(stripped, line.number, 1, page=line.page)], i))
            block = None
            continue
        if block is None:
            block = TableRow([], i)
            rows.append(block)
        block.cells.extend(split_cells(line, after_first=text.startswith("\t")))
    return rows, layout
