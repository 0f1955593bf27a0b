"""Which citations stand behind each row of an answer table, and those sources as columns of an export, so
that a number in a downloaded CSV or XLSX can be traced back to its file, part, line (or cell) and quoted
text without the app.

A row is matched to the Answer's citations here (the Answer has no link of its own), by one rule: the
citations of the row's agency and year, narrowed to those whose number is one of the row's numbers (or one
its derivation was computed from: the 10, 3 and 0 of a numerator 13 = 10 + 3 + 0) or whose quote is one of
the row's texts; a number stands for as many citations as the row holds it, the first the answer gives (济南's
上一年项目数量 0 is its own cell, not the 本年增/减 0 of the same line the answer quotes beside it); when
nothing narrows them they belong to the row only if it is the table's one row for that agency and year (a
row that cannot be told apart from its neighbours gets no source rather than a wrong one)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping

import pandas as pd

from index.template import PARTS
from qa.answer import Answer, AnswerTable, Citation, Derived
from ui.uploads import with_names

PART_TITLES = {p.numeral: p.title for p in PARTS}
AGENCY_COLUMNS = ("单位", "机关")
YEAR_COLUMNS = ("年份", "年度")
RANK_COLUMNS = ("名次", "排名")
SOURCE_COLUMNS = ["来源文件", "来源部分", "来源位置", "来源原文"]
KINDS = {"fact": "表格单元格", "passage": "正文段落", "finding": "核对结果"}

# (citation) → where its cell stands, e.g. "第55行（表2 第6行第10格）"; None when unknown
Where = Callable[[Citation], str | None]
# (agency, year) → the files of that report, for a row whose report does not give the value
FilesOf = Callable[[str, int | None], list[str]]
NOT_GIVEN = "报告中没有这一项"
NO_LINE = "报告中没有对应的行"  # a finding's line 0: the row it needs is missing from the table


def _first(row: Mapping[str, object], columns: tuple[str, ...]) -> object:
    return next((row[c] for c in columns if c in row and row[c] not in (None, "")), None)


def _year(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _numbers(row: Mapping[str, object]) -> set[float]:
    return set(_held(row))


def _held(row: Mapping[str, object]) -> Counter[float]:
    """The row's numbers, each with how many of its cells hold it."""
    return Counter(float(v) for c, v in row.items()
                   if c not in RANK_COLUMNS + YEAR_COLUMNS and isinstance(v, (int, float)) and not isinstance(v, bool))


_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?")


def _figures(text: str) -> list[float]:
    return [float(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)]


def derivation_text(d: Derived) -> str:
    """A derivation as a reader sees it: how it was computed, ending with its value once (the value written
    with separators, 62,135.06, is the how's 62135.06); a count named in words takes its value after a space
    (范围内的单位数 7), arithmetic after "="."""
    value = _figures(d.value)
    if d.value in d.how or value and _figures(d.how)[-1:] == value[-1:]:
        return d.how
    return f"{d.how} = {d.value}" if _figures(d.how) else f"{d.how} {d.value}"


def _operands(held: Counter[float], derived: list[Derived]) -> Counter[float]:
    """The row's numbers with those its derived numbers were computed from (a derivation's figures, when its
    value is one of the row's numbers): a numerator 13 brings its 10, 3 and 0."""
    out = Counter(held)
    for d in derived:
        value = _figures(d.value)
        if value and value[-1] in held:
            for n, k in Counter(_figures(d.how)).items():
                out[n] = max(out[n], k)
    return out


def _texts(row: Mapping[str, object]) -> set[str]:
    return {v.strip() for v in row.values() if isinstance(v, str) and len(v.strip()) >= 4}


def _matched(row: Mapping[str, object], citations: list[Citation], alone: bool,
             derived: list[Derived] = ()) -> list[Citation]:
    agency = _first(row, AGENCY_COLUMNS)
    if not isinstance(agency, str):
        return []
    year = _year(_first(row, YEAR_COLUMNS))
    same = [c for c in citations if c.agency == agency and (year is None or c.year == year)]
    wanted, texts = _operands(_held(row), list(derived)), _texts(row)
    narrowed = []
    for c in same:
        if c.quote.strip() in texts:
            narrowed.append(c)
        elif c.number is not None and wanted[c.number] > 0:
            wanted[c.number] -= 1  # the first citations carrying a number, as many as the row holds it
            narrowed.append(c)
    return narrowed or (same if alone else [])


def row_citations(answer: Answer) -> list[list[Citation]]:
    """For each row of the answer's table, the citations behind it (possibly none)."""
    table: AnswerTable | None = answer.table
    if table is None:
        return []
    cited = answer.citations
    rows = [dict(zip(table.columns, r)) for r in table.rows]
    keys = Counter((_first(r, AGENCY_COLUMNS), _year(_first(r, YEAR_COLUMNS))) for r in rows)
    return [_matched(r, cited, keys[(_first(r, AGENCY_COLUMNS), _year(_first(r, YEAR_COLUMNS)))] == 1,
                     answer.derived) for r in rows]


def part_text(c: Citation) -> str:
    return f"{c.part}、{PART_TITLES.get(c.part, '')}" if c.part else "" if c.kind == "finding" else "报告开头"


def place_text(c: Citation, where: Where | None = None) -> str:
    """The line (or the cell, when the index knows it) of a citation, as a reader looks it up."""
    cell = where(c) if where else None
    return cell or lines_text(c)


def lines_text(c: Citation) -> str:
    """The citation's line or lines: 第3行, 第3–5行; none for a finding about a row the table lacks."""
    if c.line_start <= 0:
        return NO_LINE
    return f"第{c.line_start}行" if c.line_start == c.line_end else f"第{c.line_start}–{c.line_end}行"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def source_columns(answer: Answer, names: Mapping[str, str] | None = None,
                   where: Where | None = None, files_of: FilesOf | None = None) -> pd.DataFrame:
    """One row per table row: file, part, place and quoted text of its sources (several sources: one per
    line, in the same order in every column; none: empty). A row of a report that does not give the value
    (no number, no source) names that report's files (`files_of`) and says the item is not there."""
    names = names or {}
    out = []
    rows = [dict(zip(answer.table.columns, r)) for r in answer.table.rows] if answer.table else []
    for row, cites in zip(rows, row_citations(answer)):
        agency = _first(row, AGENCY_COLUMNS)
        if not cites and files_of and isinstance(agency, str) and not _numbers(row):
            files = files_of(agency, _year(_first(row, YEAR_COLUMNS)))
            if files:
                out.append({"来源文件": "\n".join(names.get(d, d) for d in files), "来源部分": None,
                            "来源位置": "\n".join(NOT_GIVEN for _ in files), "来源原文": None})
                continue
        out.append({
            "来源文件": "\n".join(names.get(c.doc, c.doc) for c in cites) or None,
            "来源部分": "\n".join(part_text(c) for c in cites) or None,
            "来源位置": "\n".join(place_text(c, where) for c in cites) or None,
            "来源原文": "\n".join(_one_line(c.quote) for c in cites) or None,
        })
    return pd.DataFrame(out, columns=SOURCE_COLUMNS, dtype=object)


def citations_frame(answer: Answer, names: Mapping[str, str] | None = None,
                    where: Where | None = None) -> pd.DataFrame:
    """Every citation of the answer, one per row (the XLSX sheet 来源)."""
    names = names or {}
    rows = [{"序号": n, "单位": c.agency, "年份": c.year, "来源文件": names.get(c.doc, c.doc),
             "来源部分": part_text(c), "来源位置": place_text(c, where), "类型": KINDS.get(c.kind, c.kind),
             "事实键": c.key, "数值": c.value, "来源原文": _one_line(c.quote), "备注": c.note}
            for n, c in enumerate(answer.citations, 1)]
    frame = pd.DataFrame(rows, columns=["序号", "单位", "年份", "来源文件", "来源部分", "来源位置", "类型",
                                        "事实键", "数值", "来源原文", "备注"])
    frame["年份"] = pd.array(frame["年份"].tolist(), dtype="Int64")
    return frame


def notes(answer: Answer, names: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """The XLSX sheet 说明: the question, how it was read (with its defaults), the answer, the derivations."""
    r = answer.reading
    items = [("问题", answer.question), ("理解为", r.summary)]
    if r.defaults:
        items.append(("默认", "；".join(r.defaults)))
    items.append(("回答", with_names(answer.text, dict(names or {}))))
    if answer.from_text:
        items.append(("取自", "报告正文（文字表述），不是表格中的数字"))
    for d in answer.derived:
        items.append(("计算", derivation_text(d)))
    items.append(("来源", f"{len(answer.citations)} 处，逐条见「来源」表；答案表每行的来源见其来源列"))
    return items
