"""Plain text and markdown: one Line per line of the file, text kept exactly (tabs separate table cells
and leading tabs mark one-cell-per-line layouts: the extractor needs both). Only markdown pipe tables (and
tables drawn in box characters) get cells, since their pipes are markup; plain lines are split at tabs by
the extractor itself. Two kinds of text without tabs have them put in: a PDF's layout-kept copy (column
gaps of spaces) and tables written as sentences (index.readers.sentences)."""

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
    raw = split_lines(text)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    if "  " in text and "\t" not in text and not markdown and space_aligned(raw):
        raw = [column_gaps(line) for line in raw]
    if "\t" not in text:
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


def split_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: \\r\\n and lone \\r end a line, a final line end adds no line.
    BOMs (also mid-file, from concatenated files) and NULs (from PDF copies) are dropped."""
    text = text.replace("\ufeff", "").replace("\x00", "")
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
