"""Positioned text to report lines, for the readers of page formats (PDF text layers, OCR boxes).

Two jobs shared by the PDF and OCR readers: words on one baseline become one line, with a tab where the gap
between two words is a column gap (so an unruled table row reads as cells); and page furniture (page
numbers, running headers) is recognised so that a table continuing over a page break is not cut by it.
Also the whitespace rule for text laid out in boxes: a space or line break next to a Chinese character is
layout (justified lines, wrapped cells), not text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from statistics import median

_WIDE_SPACE = re.compile(r"\s*\n\s*|(?<=[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef])[ \t\u3000\u00a0]+"
                         r"|[ \t\u3000\u00a0]+(?=[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef])")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_PAGE_NUMBER = re.compile(
    r"^[-—–_\s]*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–]\s*\d+\s*[-—–]|\d+|"
    r"page\s*\d+(?:\s*of\s*\d+)?)[-—–_\s]*$",
    re.I,
)


def tidy(text: str) -> str:
    """Text of a line or cell as laid out on a page, made plain: line breaks and spaces beside a Chinese
    character removed ('情 形，不\\n计' → '情形，不计'), other line breaks and runs of spaces one space
    ('hzzwgk@\\n126.com' keeps no space only where a Chinese character stands beside it)."""
    def join(match: re.Match[str]) -> str:
        s = match.group()
        if "\n" not in s:
            return ""
        start, end = match.span()
        before = match.string[start - 1] if start else ""
        after = match.string[end] if end < len(match.string) else ""
        return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""

    return _SPACES.sub(" ", _WIDE_SPACE.sub(join, text)).strip()


def is_page_furniture(text: str) -> bool:
    """A page number line ('- 3 -', '第3页 共5页', '3/5', '3')."""
    return bool(_PAGE_NUMBER.match(text.strip()))


@dataclass
class Box:
    """A piece of text on a page: a word of a PDF text layer, or a box OCR read. Coordinates in points
    (PDF) or pixels (OCR), y growing downwards."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float | None = None  # OCR confidence, 0-1

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def rows_of_boxes(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into rows: a box joins the row whose vertical middle band it overlaps, rows in
    top-down order and boxes left to right."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.middle, b.x0)):
        if rows:
            row = rows[-1]
            top = min(b.top for b in row)
            bottom = max(b.bottom for b in row)
            middle = (top + bottom) / 2
            tolerance = 0.5 * min(box.height, bottom - top)
            if abs(box.middle - middle) <= tolerance:
                row.append(box)
                continue
        rows.append([box])
    # Second pass: a box between two rows (a label centred in a merged cell, a taller box) joins the row
    # whose typical middle is nearest, not the one the greedy pass happened to be building.
    if not rows:
        return rows
    height = median(b.height for row in rows for b in row)
    merged: list[list[Box]] = []
    for row in rows:  # two greedy rows whose middles nearly agree are one line
        if merged and abs(median(b.middle for b in row) - median(b.middle for b in merged[-1])) < 0.4 * height:
            merged[-1].extend(row)
        else:
            merged.append(row)
    rows = merged
    middles = [median(b.middle for b in row) for row in rows]
    settled: list[list[Box]] = [[] for _ in rows]
    for k, row in enumerate(rows):
        for box in row:
            best = min(range(len(rows)), key=lambda n: abs(middles[n] - box.middle))
            settled[best if abs(middles[best] - box.middle) < abs(middles[k] - box.middle) else k].append(box)
    return [sorted(row, key=lambda b: b.x0) for row in settled if row]


def cells_of_row(row: list[Box], gap: float) -> list[list[Box]]:
    """A row cut into cells where the horizontal gap between two boxes exceeds `gap`."""
    cells: list[list[Box]] = []
    for box in row:
        if cells and box.x0 - cells[-1][-1].x1 <= gap:
            cells[-1].append(box)
        else:
            cells.append([box])
    return cells


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")


def letter_spaced(boxes: list[Box]) -> bool:
    """Text set 宽松 (letter-spaced, 「闽 清 县 2 0 2 1 年」): the words of a line are single characters, most of
    them Chinese."""
    texts = [b.text.strip() for b in boxes if b.text.strip()]
    single = [t for t in texts if len(t) == 1]
    return len(texts) >= 6 and len(single) >= 0.8 * len(texts) and \
        sum(1 for t in single if _HAN_CHAR.match(t)) >= 0.5 * len(texts)


def _spaced_numbers(texts: list[str]) -> set[int]:
    """In a letter-spaced line, the digits that go on with the digit before them: a run of digits followed by a
    Chinese character is one number set apart by the layout (「2 0 2 1 年」, 「7 0 件」); digits at the end of
    the line are values of a table row (「缴 0 0」: two values), never joined."""
    joined: set[int] = set()
    k = 0
    while k < len(texts):
        end = k
        while end < len(texts) and texts[end].isdigit():
            end += 1
        if end > k + 1 and end < len(texts) and _HAN_CHAR.match(texts[end]):
            joined.update(range(k + 1, end))
        k = max(end, k + 1)
    return joined


def join_boxes(boxes: list[Box]) -> str:
    """The text of boxes that stand side by side in one cell."""
    out = ""
    texts = [box.text.strip() for box in boxes]
    glued = _spaced_numbers(texts) if letter_spaced(boxes) else set()
    for k, text in enumerate(texts):
        if out and text and out[-1].isascii() and out[-1].isalnum() and text[0].isascii() and text[0].isalnum() \
                and k not in glued:
            out += " "
        out += text
    return tidy(out)


# A page converted from a PDF by pdf2htmlEX: each text line an absolutely placed <div>, the gaps between its
# words empty inline-block spans sized in the page's CSS (._3{width:64px}, ._0{margin-left:-1.02px}). Read
# as text, a table row's words run together ('规章007'); a gap wider than a kerning nudge is a space.
_GAP_RULE = re.compile(r"\._([0-9a-z]+)\s*\{\s*(?:width|margin-left)\s*:\s*(-?[\d.]+)px", re.I)
_GAP_SPAN = re.compile(r'<span class="_ _([0-9a-z]+)"[^>]*>\s*</span>', re.I)
_MIN_GAP_PX = 1.5


def positioned_gaps(page: str) -> str:
    """A pdf2htmlEX page's source with its gap spans as spaces where they are wider than _MIN_GAP_PX."""
    widths = {name: float(px) for name, px in _GAP_RULE.findall(page)}
    return _GAP_SPAN.sub(lambda m: " " if widths.get(m.group(1), 0.0) >= _MIN_GAP_PX else "", page)
