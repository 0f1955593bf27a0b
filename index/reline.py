"""Re-lining text dumps: a published page saved as text puts the whole report — prose, part headings and
the three tables — on one or a few very long lines (平潭's page.txt). This step cuts such a line into the
pieces the rest of the pipeline expects: prose, part headings, header captions, and one piece per table
row (its label and the run of values after it).

Every piece keeps the line number of the line it was cut from, and its cells keep their character column
in that line, so a citation still points at the right place in the file. Nothing is re-ordered or
dropped: the pieces of a line, joined, are the line.

Row labels are not looked up here: the aligner reads them as in any other layout (by similarity, in
template order). This step only finds where a label starts — after a run of values, at a numbering mark
(（一） 一、 6.), after a header caption of the template — and where its values start."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from index.hanzi import to_simplified
from index.model import Cell, Line, Source
from index.template import FORMATS, PARTS, tables

LONG_LINE = 400  # a line this long that holds part headings is a dump, not a paragraph
_TABLE_PARTS = ("二", "三", "四")

_PART_MARK = re.compile(r"([一二三四五六])\s*[、.．]")
# A run of values: digits with the spaces, signs, decimal points and thousands commas a page leaves in
# it, and the unit an amount may carry ('75394432.52元').
_SIGN = r"(?:增加|减少|[增减+\-])"
_VALUES = re.compile(rf"{_SIGN}?\d(?:(?:[\d\s,.]|{_SIGN})*\d)?(?:\s*(?:万元|亿元|元))?")
# The numbering that opens a label: （一） 一、 or, after a run of values, a digit and a point ('…0000016.属于').
_NUMBERING = re.compile(r"[（(][一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、．.]")
_DIGIT_NUMBERING = re.compile(r"\d\s*[.．、](?!\d)")
_PROSE_AFTER = "年月日号%％条个"  # '2020年': a number in a sentence, not a cell
_SPACE_CHAR = re.compile(r"\s")


@dataclass
class Piece:
    kind: str  # "prose", "heading", "header", "row", "values"
    start: int  # offset in the line
    text: str
    values_at: int | None = None  # rows: offset of the run of values


def reline(lines: list[Line]) -> list[Line]:
    """The document's lines with every long line that holds the tables cut into pieces."""
    if not any(len(ln.text) >= LONG_LINE and ln.cells is None for ln in lines):
        return lines
    out: list[Line] = []
    for line in lines:
        if len(line.text) < LONG_LINE or line.cells is not None:
            out.append(line)
            continue
        out.extend(_lines_of(line, _pieces(line.text)))
    return out


def _lines_of(line: Line, pieces: list[Piece]) -> list[Line]:
    out: list[Line] = []
    n = line.number

    def cell(text: str, at: int) -> Cell:
        return Cell(text=text, source=Source(line=n, column=at + 1))

    for p in pieces:
        if p.kind in ("prose", "heading"):
            out.append(Line(number=n, text=p.text))
        elif p.kind == "row" and p.values_at is not None:
            cut = p.values_at - p.start
            label, values = p.text[:cut].strip(), p.text[cut:].strip()
            out.append(Line(number=n, text=p.text, cells=[cell(label, p.start), cell(values, p.values_at)]))
        else:  # a header caption, a label without values, a run of values without a label (四)
            out.append(Line(number=n, text=p.text, cells=[cell(p.text.strip(), p.start)]))
    return out


def _pieces(text: str) -> list[Piece]:
    simple = to_simplified(text)
    if len(simple) != len(text):  # offsets must stay true to the file
        simple = text
    headings = _part_headings(simple)
    if not any(numeral in _TABLE_PARTS for numeral, _, _ in headings):
        return [Piece("prose", 0, text)]
    pieces: list[Piece] = []
    at = 0
    for k, (numeral, start, end) in enumerate(headings):
        if start > at:
            pieces.append(Piece("prose", at, text[at:start]))
        pieces.append(Piece("heading", start, text[start:end]))
        stop = headings[k + 1][1] if k + 1 < len(headings) else len(text)
        if numeral in _TABLE_PARTS:
            pieces += _table_pieces(text, simple, end, stop)
        elif stop > end:
            pieces.append(Piece("prose", end, text[end:stop]))
        at = stop
    if at < len(text):
        pieces.append(Piece("prose", at, text[at:]))
    return [p for p in pieces if p.text.strip()]


# ---------------------------------------------------------------- part headings
def _part_headings(simple: str) -> list[tuple[str, int, int]]:
    """(numeral, start, end) of the part headings in a line, in template order; a table row such as
    '四、结转下年度继续办理' or '三、本年度办理结果' names no part and is passed over."""
    found: list[tuple[str, int, int]] = []
    last = -1
    for m in _PART_MARK.finditer(simple):
        order = "一二三四五六".index(m.group(1))
        if order <= last:
            continue
        end = _title_end(simple, m.end(), PARTS[order])
        if end is not None:
            found.append((m.group(1), m.start(), end))
            last = order
    return found


def _title_end(simple: str, at: int, part) -> int | None:
    """Where the part's title ends, when the text after the numbering names the part: one of its keywords
    near the start, or the title itself by similarity (「行政法复议」)."""
    window = simple[at:at + len(part.title) + 6]
    named = any(0 <= window.find(k) <= 8 for k in part.keywords)
    if not named:
        named = SequenceMatcher(None, part.title, window[:len(part.title)]).ratio() >= 0.75
    if not named:
        return None
    ends = [window.find(w) + len(w) for w in ("情况", "事项") if 0 <= window.find(w) <= len(part.title) + 2]
    if ends:
        return at + min(ends)
    k = next(k for k in part.keywords if k in window) if any(k in window for k in part.keywords) else None
    return at + window.find(k) + len(k) if k else at + len(part.title)


# ---------------------------------------------------------------- table rows
@cache
def _captions() -> tuple[str, ...]:
    """Header captions and group labels of every table, longest first, and the row labels that begin
    with a caption's words (so '其他对外管理服务事项' is a row, not the caption '其他' and a rest)."""
    words: set[str] = set()
    for fmt in FORMATS:
        for table in tables(fmt):
            words.update(h for h in table.headers if len(h) >= 2)
            words.update(table.groups)
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _caption_starts() -> frozenset[str]:
    return frozenset(c[0] for c in _captions())


@cache
def _row_labels() -> tuple[str, ...]:
    labels: set[str] = set()
    for fmt in FORMATS:
        for table in tables(fmt):
            for row in table.rows:
                labels.update((row.label, *row.aliases))
    return tuple(sorted(labels, key=len, reverse=True))


_MIN_ROW_LABEL = 4  # characters: a shorter label (其他, 总计) is also a word inside other labels


def _row_label_at(simple: str, at: int) -> bool:
    """A row label of the template begins at `at` (spaces inside it allowed)."""
    squeezed, _ = _squeeze(simple, at, 40)
    return any(squeezed.startswith(label) for label in _row_labels() if len(label) >= _MIN_ROW_LABEL)


def _caption_at(simple: str, at: int) -> int:
    """The end of a header caption starting at `at` (with a parenthesised note after it, such as
    '（单位：万元）'), or `at` when none starts there or a longer row label does ('其他' in 其他处理)."""
    if simple[at] not in _caption_starts():
        return at
    squeezed, offsets = _squeeze(simple, at, 60)
    best = ""
    for cap in _captions():
        if squeezed.startswith(cap):
            best = cap
            break
    if not best:
        return at
    if any(_common_prefix(squeezed, lab) > len(best) for lab in _row_labels()):
        return at  # a row label goes on further than the caption: '其他法律行政…' is a row, not '其他'

    end = offsets[len(best) - 1] + 1
    note = re.match(r"\s*[（(][^（()）]{0,30}[)）]", simple[end:])
    if note and not _NUMBERING.match(note.group(0).strip()):
        end += note.end()
    return end


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _squeeze(simple: str, at: int, n: int) -> tuple[str, list[int]]:
    """Up to n characters from `at` without spaces (pages break labels with stray spaces: '社会公益 组织'),
    with the offset of each."""
    chunk = simple[at:at + n]
    if not _SPACE_CHAR.search(chunk):  # most places: no space to squeeze out, the chunk itself
        return chunk, list(range(at, at + len(chunk)))
    chars, offsets = [], []
    i = at
    while i < len(simple) and len(chars) < n:
        if not simple[i].isspace():
            chars.append(simple[i])
            offsets.append(i)
        i += 1
    return "".join(chars), offsets


def _table_pieces(text: str, simple: str, start: int, stop: int) -> list[Piece]:
    """Header captions, rows (label + values) and bare value runs between `start` and `stop`."""
    pieces: list[Piece] = []
    i = start
    label_at: int | None = None  # where the open label began

    def close_label(end: int, values_at: int | None = None) -> None:
        nonlocal label_at
        if label_at is not None and end > label_at:
            kind = "row" if values_at is not None else "header"
            pieces.append(Piece(kind, label_at, text[label_at:end], values_at))
        label_at = None

    while i < stop:
        ch = simple[i]
        if ch.isspace():
            i += 1
            continue
        values = _VALUES.match(simple, i, stop) if (ch.isdigit() or ch in "+-增减") else None
        numbering = _DIGIT_NUMBERING.match(simple, i)
        if values and numbering and _label_follows(simple, _skip_space(simple, numbering.end())):
            values = None  # '2.其他法律…': the numbering of a label, not a value
        if values and values.end() < len(simple) and simple[values.end()] in _PROSE_AFTER:
            values = None
        if values:
            end = _values_end(simple, i, values.end())
            if end > i:
                if label_at is not None:
                    close_label(end, i)
                else:
                    pieces.append(Piece("values", i, text[i:end]))
                i = end
                continue
        if label_at is not None and simple[i - 1].isspace() and _row_label_at(simple, i) \
                and not _inside_note(simple, label_at, i):
            close_label(i)  # 「行政许可 许可事项已划转… 其他对外管理服务事项 0 0 0」: a sentence in a row's cells
            label_at = i  # ends where the next row's label begins
            i += 1
            continue
        if label_at is None or _NUMBERING.match(simple, i) or _DIGIT_NUMBERING.match(simple, i) \
                or not _inside_note(simple, label_at, i):
            cap_end = _caption_at(simple, i) if not _NUMBERING.match(simple, i) else i
            if cap_end > i:
                close_label(i)
                pieces.append(Piece("header", i, text[i:cap_end]))
                i = cap_end
                continue
            if label_at is not None and (_NUMBERING.match(simple, i) or _DIGIT_NUMBERING.match(simple, i)) \
                    and not _inside_note(simple, label_at, i) and simple[i - 1] != "第":
                close_label(i)
            if label_at is None and ch in "（(" and not _NUMBERING.match(simple, i):
                close = _note_end(simple, i, stop)  # a note to the table ('（本列数据的勾稽关系为：…）')
                pieces.append(Piece("header", i, text[i:close]))
                i = close
                continue
            if label_at is None:
                label_at = i
        i += 1
    close_label(stop)
    return pieces


def _note_end(simple: str, at: int, stop: int) -> int:
    depth = 0
    for j in range(at, stop):
        depth += simple[j] in "（("
        depth -= simple[j] in "）)"
        if depth == 0:
            return j + 1
    return stop


def _values_end(simple: str, start: int, end: int) -> int:
    """Where a run of values ends: a trailing '6.' or '6、' that opens the next label is numbering, and
    trailing spaces and separators belong to no value."""
    while end > start and (simple[end - 1].isspace() or simple[end - 1] in ",.+-"):
        end -= 1
    after = _skip_space(simple, end)
    if after < len(simple) and simple[after] in ".．、" and end - start >= 2 and simple[end - 1].isdigit() \
            and _label_follows(simple, _skip_space(simple, after + 1)):
        end -= 1  # the last digit numbers the next label ('…0000016.属于', '0 0 1 . 属于')
        while end > start and simple[end - 1].isspace():
            end -= 1
    return end


def _skip_space(simple: str, at: int) -> int:
    while at < len(simple) and simple[at].isspace():
        at += 1
    return at


def _label_follows(simple: str, at: int) -> bool:
    return at < len(simple) and not simple[at].isdigit() and not simple[at].isspace()


def _inside_note(simple: str, label_at: int, i: int) -> bool:
    """Inside an open parenthesis of the label ('（区分处理的，只计这一情形，不计其他情形）')."""
    seg = simple[label_at:i]
    return seg.count("（") + seg.count("(") > seg.count("）") + seg.count(")")
