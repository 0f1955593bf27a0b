"""The six parts of a report (一 总体情况 … 六 其他需要报告的事项) and the template format. The report's own
metadata (agency, statistics year, date) is decided in index/metadata.py."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

from index.hanzi import to_simplified
from index.model import Line, PartSpan
from index.template import FORMAT_MARKERS, PART_NUMERALS, PARTS

_HEADING = re.compile(r"^[#\s]*([一二三四五六])\s*[、.．,，]\s*(.{2,40}?)\s*$")
_OPENING = re.compile(r"[#\s]*[一二三四五六]\s*[、.．,，]")  # _HEADING's start; tabs are spaces to it
# Other ways of numbering the six parts: （一）总体情况, 第一部分　总体情况, 一　总体情况 (a space, no 、),
# 1、总体情况. Tried only when 「一、」 headings do not name every table part: （一）… and 1.… also number
# the sub-items inside parts of reports that head their parts 一、….
_OTHER_HEADINGS = tuple(re.compile(p) for p in (
    r"^[#\s]*[（(]\s*([一二三四五六])\s*[）)]\s*(.{2,40}?)\s*$",
    r"^[#\s]*第\s*([一二三四五六])\s*部分\s*[、.．,，:：]?\s*(.{2,40}?)\s*$",
    r"^[#\s]*([一二三四五六])[\s\u3000]+(.{2,40}?)\s*$",
    r"^[#\s]*([1-6])\s*[、.．]\s*(.{2,40}?)\s*$",
))
_TABLE_PARTS = {"二", "三", "四"}


@lru_cache(maxsize=16384)  # part headings are worded alike across the reports of one template
def _heading_of(written: str, pattern: re.Pattern = _HEADING) -> tuple[str, str] | None:
    if "\t" in written:
        # A table row such as '四、结转下年度继续办理\t0\t0…' is no heading, even if its label looks like one.
        if any(c.strip() for c in written.split("\t")[1:]):
            return None
        written = written.replace("\t", "")
    if not pattern.match(written):  # numerals and separators are the same in 繁體: a cheap test first
        return None
    text = to_simplified(written)  # 繁體 headings name their parts too; the title is kept as written
    m = pattern.match(text)
    if not m:
        return None
    numeral, title = m.group(1), m.group(2)
    if numeral.isdigit():
        numeral = PART_NUMERALS[int(numeral) - 1]
    part = PARTS[PART_NUMERALS.index(numeral)]
    if any(k in title for k in part.keywords) or _close_to(title, part.title):
        return numeral, written[m.start(2):m.end(2)] if len(written) == len(text) else title
    return None


def _close_to(title: str, template_title: str) -> bool:
    """A heading with a typo still names its part (「政府信息公开行政法复议情况」)."""
    return SequenceMatcher(None, title, template_title).ratio() >= 0.75


def find_parts(lines: list[Line]) -> list[PartSpan]:
    """Part headings in order; a part lost from the file is simply missing (张店 has no heading 三)."""
    return [span for _, span in find_part_indices(lines)]


def find_part_indices(lines: list[Line]) -> list[tuple[int, PartSpan]]:
    """The parts with the index into `lines` of each heading (a re-lined dump gives many lines one line
    number, so the number alone does not find the heading)."""
    found = _headings_by(lines, _HEADING, _OPENING)
    if len({n for _, n, _ in found} & _TABLE_PARTS) < len(_TABLE_PARTS):
        for pattern in _OTHER_HEADINGS:  # the report numbers its parts another way: the way that finds most
            other = _headings_by(lines, pattern, pattern)
            if len(other) > len(found) and len({n for _, n, _ in other} & _TABLE_PARTS) > \
                    len({n for _, n, _ in found} & _TABLE_PARTS):
                found = other
    spans = []
    for j, (i, numeral, title) in enumerate(found):
        end = found[j + 1][0] - 1 if j + 1 < len(found) else len(lines) - 1
        spans.append((i, PartSpan(numeral=numeral, title=f"{numeral}、{title}", start=lines[i].number,
                                  end=lines[end].number)))
    return spans


def _headings_by(lines: list[Line], pattern: re.Pattern, opening: re.Pattern) -> list[tuple[int, str, str]]:
    """(index into lines, numeral, title) of the part headings numbered as `pattern` numbers them, in
    order; `opening` is a cheap first test (most lines are no heading)."""
    found: list[tuple[int, str, str]] = []
    last = -1
    test = opening.match
    for i, line in enumerate(lines):
        if not test(line.text):
            continue
        h = _heading_of(line.text.strip(), pattern)
        if h and PART_NUMERALS.index(h[0]) > last:
            found.append((i, h[0], h[1]))
            last = PART_NUMERALS.index(h[0])
    return found


def detect_format(lines: list[Line], year: int | None) -> tuple[str, str]:
    """The template version from the table headers; the statistics year only when the headers are lost."""
    text = "".join("\n".join(ln.text for ln in lines).split())  # without spaces and line ends (str.split: \s)
    hits = {fmt: sum(text.count(m) for m in markers) for fmt, markers in FORMAT_MARKERS.items()}
    if not any(hits.values()):  # 繁體 headers: converted only when the simplified markers are not there
        text = to_simplified(text)
        hits = {fmt: sum(text.count(m) for m in markers) for fmt, markers in FORMAT_MARKERS.items()}
    if hits["2021"] > hits["2019"]:
        return "2021", "表头（2021版）"
    if hits["2019"] > hits["2021"]:
        return "2019", "表头（2019版）"
    if year is not None and year >= 2021:
        return "2021", f"统计年度{year}"
    return "2019", f"统计年度{year}" if year else "默认（无表头、无年度）"
