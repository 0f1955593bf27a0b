"""Tables written as sentences: a report typed without tables gives each row as a sentence that names its
columns (「本年新收政府信息公开申请数量：自然人18件，商业企业0件……总计20件。」). Such a line is read as the
table row it says: its label, then its numbers in the order written, a tab between (what the aligner reads
from a tab row). Only lines whose every item names a column of the template are taken, and only in a
text that has several of them: a sentence of prose (「其中人大建议16件，政协提案47件」) is never a row."""

from __future__ import annotations

import re
from functools import lru_cache

MIN_ROWS = 5  # lines of this shape before a text is taken to write its tables as sentences

MAX_ROW_CHARS = 400  # a row's sentence names at most seven columns: longer lines are prose (or a dump's one line)
_LABEL_END = re.compile(r"[：:]")
_ITEM = re.compile(r"^\s*(\D+?)\s*(-?\d+(?:\.\d+)?)\s*(?:件|项|个|条|万元|元)?\s*$")
_SEPARATORS = re.compile(r"[，,、；;]")


@lru_cache(maxsize=1)
def _column_labels() -> frozenset[str]:
    from index.template import FORMATS, tables

    return frozenset(col.label for fmt in FORMATS for table in tables(fmt) for row in table.rows
                     for col in row.columns)


def _row(line: str) -> str | None:
    """The line as a tab row, or None when it is not a row written as a sentence."""
    if "\t" in line or len(line) > MAX_ROW_CHARS or "：" not in line and ":" not in line:
        return None
    label, items = _LABEL_END.split(line, maxsplit=1)
    label, items = label.strip(), items.strip().rstrip("。.；;").strip()
    if not 2 <= len(label) <= 60 or not items:
        return None
    values = []
    for item in _SEPARATORS.split(items):
        found = _ITEM.match(item)
        if not found or found.group(1).strip() not in _column_labels():
            return None
        values.append(found.group(2))
    return label + "\t" + "\t".join(values)


def rows_from_sentences(lines: list[str]) -> list[str]:
    """The lines with the rows written as sentences turned into tab rows, when there are MIN_ROWS of them;
    else the lines as they are."""
    if not any("：" in ln or ":" in ln for ln in lines):
        return lines
    rows = [_row(ln) for ln in lines]
    if sum(r is not None for r in rows) < MIN_ROWS:
        return lines
    _review_row(rows)
    return [r if r is not None else ln for r, ln in zip(rows, lines)]


def _review_row(rows: list[str | None]) -> None:
    """Part 四 as three sentences (行政复议：…；行政诉讼（未经复议直接起诉）：…；（复议后起诉）：…) joined into the
    one row of 15 numbers the form has, in place: the sentences after the first become empty lines."""
    for k, row in enumerate(rows):
        if row is None or "行政复议" not in row.split("\t", 1)[0] or "起诉" in row.split("\t", 1)[0]:
            continue
        suits = [j for j in range(k + 1, min(k + 3, len(rows)) + 1)
                 if j < len(rows) and rows[j] is not None and "起诉" in rows[j].split("\t", 1)[0]]
        if len(suits) == 2 and suits == [k + 1, k + 2]:
            rows[k] = "\t".join([row] + [rows[j].split("\t", 1)[1] for j in suits])
            for j in suits:
                rows[j] = ""
        return
