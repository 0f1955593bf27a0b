"""Long text in a data grid, shown whole. Streamlit's grid cuts a cell at its column's edge, wraps only at
spaces and draws line breaks only in rows taller than 4rem (64 px): a long Chinese detail is broken into
lines here (on the page only; the exports keep the text as it is) and its rows are made tall enough."""

from __future__ import annotations

from ui.exports import text_width

UNITS_PER_LINE = 48  # display units (a Chinese character is 2) per line at 14 px in a 380 px column
LINE_PX = 21
COLUMN_PX = 380  # the width of a wrapped column


def wrapped(text: object, units: int = UNITS_PER_LINE) -> object:
    """The text broken into lines of at most `units` display units, at the last space of a line when it
    is near, else between characters."""
    if not isinstance(text, str):
        return text
    lines, line, width = [], "", 0
    for ch in text:
        w = text_width(ch)
        if width + w > units:
            cut = line.rfind(" ")
            if cut > 0 and text_width(line[cut:]) <= 12:
                lines.append(line[:cut])
                line = line[cut + 1:]
            else:
                lines.append(line)
                line = ""
            width = text_width(line)
        line += ch
        width += w
    return "\n".join(lines + [line])


def row_height(texts: list) -> int:
    """Rows tall enough for the text with the most lines (at least 66 px once any has two)."""
    lines = max((t.count("\n") + 1 for t in texts if isinstance(t, str)), default=1)
    return 35 if lines == 1 else max(66, 10 + LINE_PX * lines)


def too_long(texts: list, units: int = UNITS_PER_LINE) -> bool:
    """Whether some text is wider than one line of a wrapped column."""
    return any(isinstance(t, str) and text_width(t) > units for t in texts)
