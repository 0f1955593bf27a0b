"""Plain text and markdown: one Line per line of the file, text kept exactly (tabs separate table cells
and leading tabs mark one-cell-per-line layouts: the extractor needs both). Only markdown pipe tables (and
tables drawn in box characters) get cells, since their pipes are markup; plain lines are split at tabs by
the extractor itself. Three kinds of text without tabs have them put in: a PDF's layout-kept copy (column
gaps of spaces), rows typed with bare pipes between cells, and tables written as sentences
(index.readers.sentences). Text whose tables are HTML (a PDF-to-markdown tool's) is read as a page."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from index.memory import paused_gc
from index.model import Cell, Document, Line, Source
from index.readers.encoding import decode
from index.readers.sentences import rows_from_sentences

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

_DELIMITER_CELL = re.compile(r":?-+:?")
_PIPE = re.compile(r"(?<!\\)\|")  # an unescaped pipe


def read_text(path: Path, data: bytes) -> Document:
    text, encoding = decode(data, path)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    if ("<table" in text or "<TABLE" in text) and _HTML_TABLE.search(text):
        return _with_html_tables(path, data, text, encoding, markdown)
    raw = unwrapped(split_lines(text))
    if "|" in text:
        raw = bare_pipe_rows(raw)
    tabs = "\t" in text or any("\t" in ln for ln in raw)
    if tabs:
        raw = unfilled(raw)
    if "  " in text and not tabs and not markdown and space_aligned(raw):
        raw = [column_gaps(line) for line in raw]
    if not tabs:
        raw = rows_from_sentences(raw)
    boxed = _BOX_CHARS.search(text) is not None
    with paused_gc():  # a Line a line (and a Cell a cell): no cycles for the collector to look for
        # No pipe, no table: the common plain text file is its lines.
        lines = _with_pipe_tables(raw, boxed) if "|" in text or boxed else \
            [Line(i, ln) for i, ln in enumerate(raw, start=1)]
    file_format = "markdown" if markdown else "text"
    return Document(
        path=str(path),
        doc=path.name,
        file_format=file_format,
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=lines,
    )


_MIN_WRAPPED = 10  # lines cut at the pane's width, at least: a text's own lines are not of one length so often
_WRAPPED_SHARE = 0.1  # … and at least this share of its lines with text (a text of short cells has few long lines)


def unwrapped(raw: list[str]) -> list[str]:
    """A text copied out of a fixed-width pane breaks every line at the pane's width, inside labels and
    numbers (「1.属于国家秘密 0 0 」「0 0 0 0 0」): no line is longer than the width and many are exactly as long.
    Such lines are joined to the line after them as they were written (the cut is no separator)."""
    lengths = [len(ln) for ln in raw if ln.strip()]
    if len(lengths) < _MIN_WRAPPED:
        return raw
    width = max(lengths)
    # A line padded out to the width (a layout-kept copy pads every line with spaces) is no cut line.
    cut = lambda line: len(line) == width and not line.endswith("  ")  # noqa: E731
    if width < 8 or sum(map(cut, raw)) < max(_MIN_WRAPPED, _WRAPPED_SHARE * len(lengths)):
        return raw
    out: list[str] = []
    carry = ""
    for line in raw:
        if carry and _HEADING_START.match(line):  # a line as long as the pane that ended where a part begins
            out.append(carry)
            carry = ""
        if cut(line):
            carry += line
            continue
        out.append(carry + line)
        carry = ""
    return out + ([carry] if carry else [])


# Where a part, a group or a numbered row begins (三、 （五） 2. 重复申请): a cut of the pane falls there only
# as often as anywhere else, the template's own lines begin there every time.
_HEADING_START = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[)）]|"
                            r"\d{1,2}\s*[.、．]\s*[\u4e00-\u9fff])")


_LABEL = re.compile(r"[\u4e00-\u9fff（(][^\d０-９]*")


def unfilled(raw: list[str]) -> list[str]:
    """Tab rows of a table pasted out of a spreadsheet after unmerge-and-fill: a merged label's text stands in
    each of its slots (「一、本年新收…」 three times side by side, 「三、本年度办理结果」 on every row of its
    group). A text with a label repeated beside itself is such a copy: there every label that repeats the
    cell left of it or above it is dropped, as a page's merged cell is read once (index.readers.html). Only
    labels: equal numbers side by side are values of their own."""
    if not any(_left_repeat(line) for line in raw if "\t" in line):
        return raw
    out, above = [], []
    for line in raw:
        if "\t" not in line:
            out.append(line)
            above = []
            continue
        cells = line.split("\t")
        kept = [cell for c, cell in enumerate(cells)
                if not (_LABEL.fullmatch(cell.strip()) and (c and cell.strip() == cells[c - 1].strip()
                                                             or c < len(above) and cell.strip() == above[c]))]
        above = [cell.strip() for cell in cells]
        out.append("\t".join(kept))
    return out


def _left_repeat(line: str) -> bool:
    """A label in a tab row that repeats the cell left of it (the cells compared first: a regex per cell of
    every tab row was ~5% of a text report's extraction)."""
    if line[0] == "\t" and line.count("\t") == 1:
        return False  # 「\t0」 (one cell a line): one cell after an empty one, nothing of a label to repeat
    cells = [c.strip() for c in line.split("\t")]
    for a, b in zip(cells, cells[1:]):
        if a == b and _LABEL.fullmatch(b):
            return True
    return False


# Markdown or text with its tables as HTML (a PDF-to-markdown tool writes merged cells so: <table> with
# rowspan/colspan amid # headings and paragraphs): read as a page, each line of text a paragraph, so that
# the tables keep their grid.
_HTML_TABLE = re.compile(r"<table\b[^>]*>.*?<t[dh]\b.*?</table>", re.I | re.S)
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")


def _with_html_tables(path: Path, data: bytes, text: str, encoding: str, markdown: bool) -> Document:
    import html

    from index.readers.html import read_html

    pieces, at = [], 0
    for m in _HTML_TABLE.finditer(text):
        pieces += [f"<p>{html.escape(_MD_HEADING.sub('', ln).strip())}</p>" for ln in split_lines(text[at:m.start()])
                   if ln.strip()]
        pieces.append(m.group())
        at = m.end()
    pieces += [f"<p>{html.escape(_MD_HEADING.sub('', ln).strip())}</p>" for ln in split_lines(text[at:]) if ln.strip()]
    page = '<html><head><meta charset="utf-8"></head><body>' + "\n".join(pieces) + "</body></html>"
    document = read_html(path, page.encode("utf-8"))
    return document.model_copy(update={"file_format": "markdown" if markdown else "text", "encoding": encoding,
                                       "sha256": hashlib.sha256(data).hexdigest()})


# Table rows typed with pipes between cells and none at the ends, without a delimiter row ('规章 | 0 | 0 | 3'):
# a run of lines with pipes, most of them not bounded by pipes (a row whose first and last cells are empty
# looks bounded), one with a number cell, has its pipes read as the tabs they stand for. A lone line with
# pipes (「网站地图 | 联系我们」) is no table, nor a markdown table (bounded rows, or a delimiter row).
_MIN_PIPE_RUN = 3
_NUMBER_CELL = re.compile(r"^\s*[+\-]?\d[\d,，.]*\s*$")


def bare_pipe_rows(raw: list[str]) -> list[str]:
    out, i = list(raw), 0
    while i < len(raw):
        j = i
        while j < len(raw) and "|" in raw[j] and not _is_delimiter(raw[j]):
            j += 1
        run = raw[i:j]
        if len(run) >= _MIN_PIPE_RUN and not (i and _is_delimiter(raw[i - 1])) \
                and 2 * sum(1 for ln in run if not _pipe_bounded(ln)) > len(run) \
                and any(_NUMBER_CELL.match(c) for ln in run for c in ln.split("|")):
            out[i:j] = ["\t".join(c.strip() for c in ln.split("|")) for ln in run]
        i = max(j, i + 1)
    return out


# A PDF's text copied with its layout kept (pdftotext -layout, a viewer's 'keep layout'): a table's columns
# stand apart by runs of spaces, and a single space inside a run of digits is a stray one (a dump's
# 「230 000023」), so two spaces or more are the column gap. Told by its lines: many with such a gap
# between words, no tab anywhere; lines with a pipe are left alone (a markdown table pads its cells).
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_MIN_ALIGNED_LINES = 10
_MIN_ALIGNED_SHARE = 0.2


def space_aligned(raw: list[str]) -> bool:
    lines = [ln for ln in raw if ln.strip() and "|" not in ln]
    aligned = sum(1 for ln in lines if _GAP.search(ln.strip()))
    return aligned >= _MIN_ALIGNED_LINES and aligned >= _MIN_ALIGNED_SHARE * len(lines)


def column_gaps(line: str) -> str:
    """A layout-kept line with its column gaps as tabs (a line with a pipe, a markdown table's, as it is)."""
    return _GAP.sub("\t", line.strip()) if "|" not in line else line


# Space entities a copy out of a page's source leaves in the text (&nbsp; indents, &#12288; between cells):
# the characters they stand for, since plain text has no markup that could mean them literally.
_SPACE_ENTITY = re.compile(r"&(nbsp|ensp|emsp|#160|#xa0|#12288|#x3000);?", re.I)
_SPACES = {"nbsp": "\u00a0", "#160": "\u00a0", "#xa0": "\u00a0", "ensp": "\u2002", "emsp": "\u2003",
           "#12288": "\u3000", "#x3000": "\u3000"}


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: \\r\\n and lone \\r end a line, a final line end adds no line.
    BOMs (also mid-file, from concatenated files) and NULs (from PDF copies) are dropped, space entities
    (&nbsp;) read as their characters."""
    text = text.replace("\ufeff", "").replace("\x00", "")
    if "&" in text:
        text = _SPACE_ENTITY.sub(lambda m: _SPACES[m.group(1).lower()], text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


# Tables drawn with box characters (a text browser's dump, w3m -dump): bars read as pipes, borders as
# delimiter rows, one character for one so that cells keep their columns.
_BOX = str.maketrans({**{c: "|" for c in "│┃║┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋╔╗╚╝╠╣╦╩╬"}, **{c: "-" for c in "─━═"}})
_BOX_CHARS = re.compile("[│┃║]")


def _with_pipe_tables(raw: list[str], boxed: bool = False) -> list[Line]:
    """Lines numbered from 1; rows of pipe tables get cells, delimiter rows are left out (no content)."""
    if boxed:
        return [Line(number=ln.number, text=raw[ln.number - 1], cells=ln.cells)
                for ln in _with_pipe_tables([r.translate(_BOX) for r in raw])]
    out: list[Line] = []
    tables = 0
    i = 0
    while i < len(raw):
        end = _table_end(raw, i) if "|" in raw[i] else None  # (a table's first line has a pipe)
        if end is None:
            out.append(Line(i + 1, raw[i]))
            i += 1
            continue
        tables += 1
        row = 0
        for j in range(i, end):
            if _is_delimiter(raw[j]):
                continue
            row += 1
            out.append(Line(j + 1, raw[j], _pipe_cells(raw[j], j + 1, tables, row)))
        i = end
    return out


def _table_end(raw: list[str], i: int) -> int | None:
    """End (exclusive) of the pipe table starting at line i, or None. A table is a header line with '|'
    followed by a GFM delimiter row and the '|' lines after it, or a run of lines that start and end with
    '|' (converters do not always write the delimiter row)."""
    if "|" in raw[i] and not _is_delimiter(raw[i]) and i + 1 < len(raw) and _is_delimiter(raw[i + 1]):
        end = i + 2
        while end < len(raw) and "|" in raw[end] and raw[end].strip():
            end += 1
        return end
    if _pipe_bounded(raw[i]):
        end = i + 1
        while end < len(raw) and _pipe_bounded(raw[end]):
            end += 1
        return end
    return None


def _is_delimiter(line: str) -> bool:
    """A GFM delimiter row: |---|:---:| or --- | --- (split, not one regex: no backtracking on long lines)."""
    s = line.strip()
    if "|" not in s or "-" not in s:
        return False
    s = s.removeprefix("|").removesuffix("|")
    return all(_DELIMITER_CELL.fullmatch(part.strip()) for part in s.split("|"))


def _pipe_bounded(line: str) -> bool:
    s = line.strip()
    return len(s) >= 2 and s.startswith("|") and s.endswith("|")


def _pipe_cells(line: str, number: int, table: int, row: int) -> list[Cell]:
    """Split at unescaped pipes; the outer pipes are optional. Column = 1-based column of the cell's text
    in the line (of the position after the pipe for an empty cell)."""
    escaped = "\\|" in line
    if escaped:
        bounds = [m.start() for m in _PIPE.finditer(line)]
        pieces = [line[left + 1 : right] for left, right in zip([-1, *bounds], [*bounds, len(line)])]
    else:  # no escaped pipe: every pipe is a bound (split, not the look-behind)
        pieces = line.split("|")
    first = 1 if line.lstrip().startswith("|") else 0  # nothing before the leading pipe
    end = len(pieces)
    if line.rstrip().endswith("|") and not line.rstrip().endswith("\\|"):
        end -= 1  # nothing after the trailing pipe
    at = len(pieces[0]) + 1 if first else 0  # where the piece starts in the line
    cells: list[Cell] = []
    for k, piece in enumerate(pieces[first:end], start=1):
        stripped = piece.strip()
        column = at + 1 + (len(piece) - len(piece.lstrip()) if stripped else 0)
        text = stripped.replace("\\|", "|") if escaped else stripped
        cells.append(Cell(text, Source(number, column, table, row, k)))
        at += len(piece) + 1
    return cells
