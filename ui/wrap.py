"""Long text in a data grid, shown whole. Streamlit's grid cuts a cell at its column's edge and draws several
lines only in rows taller than 4rem (64 px); it shows a line break as a space and breaks a line only at a
space, or, in a line without one, where the line meets the column's edge as it measures the text. Text
broken at spaces came out wrong on the page: a run of Chinese between two spaces (结转下年度继续办理0) overran
the column, and short lines were joined again. So on the page only (the exports keep the text as it is) the
text's own spaces become no-break spaces and it is broken into lines of the column's width between
characters, each break a space the grid breaks at; its rows are made tall enough for the lines."""

from __future__ import annotations

from ui.exports import text_width

UNITS_PER_LINE = 48  # display units (a Chinese character is 2) per line at 14 px in a 380 px column
LINE_PX = 21
COLUMN_PX = 380  # the width of a wrapped column
NO_BREAK_SPACE = "\u00a0"


def wrapped(text: object, units: int = UNITS_PER_LINE) -> object:
    """The text broken into lines of at most `units` display units, between any two characters; its own
    spaces kept as no-break spaces, so that the grid breaks it only where this does."""
    if not isinstance(text, str):
        return text
    lines, line, width = [], "", 0
    for ch in text.replace(" ", NO_BREAK_SPACE):
        w = text_width(ch)
        if width + w > units and line:
            lines.append(line)
            line, width = "", 0
        line += ch
        width += w
    return "\n".join(lines + [line])


def row_height(texts: list) -> int:
    """Rows tall enough for the text with the most lines (at least 66 px once any has two)."""
    lines = max((t.count("\n") + 1 for t in texts if isinstance(t, str)), default=1)
    return 35 if lines == 1 else max(66, 10 + LINE_PX * lines)

