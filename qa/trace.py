"""Checking that an answer states no number it cannot point to: every number in its text and table must
stand in one of its citations (the quoted source line or the cited value), or be a derived number the
answer computed from them (Answer.derived), or be a blank cell read as 0 that a citation flags.

Not values, so not checked: years (4 digits before 年, and the 年份 column), line numbers (第12行), rule numbers (规则1), the N of 前N名, 名次 and file names.
"""

from __future__ import annotations

import re

from qa.answer import Answer

_NUMBER = re.compile(r"(?<![\d.])\d[\d,]*(?:\.\d+)?(?![\d])")
_SKIP_COLUMNS = {"名次", "年份", "文件", "模板"}


def _norm(n: str) -> str:
    n = n.replace(",", "").replace("，", "")
    if "." in n:
        n = n.rstrip("0").rstrip(".")
    if n.startswith("0."):
        return n
    return n.lstrip("0") or "0"


def _numbers(text: str) -> set[str]:
    return {_norm(m.group()) for m in _NUMBER.finditer(text.replace(",", ""))}


def numbers_in(text: str) -> list[tuple[str, int, int]]:
    """(number, start, end) of each number of the text, commas dropped (1,113 → 1113)."""
    out = []
    for m in re.finditer(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d.,])\d+(?:\.\d+)?(?![\d])", text):
        out.append((_norm(m.group()), m.start(), m.end()))
    return out


def untraceable(answer: Answer) -> list[str]:
    """The numbers of the answer's text and table that no citation or derived number accounts for."""
    sources: set[str] = set()
    for c in answer.citations:
        sources |= _numbers(c.quote)
        if c.value:
            sources |= _numbers(c.value)
        if c.kind == "fact" and c.number == 0 and ({"blank", "placeholder"} & set(c.flags)):
            sources.add("0")
        if c.kind == "fact" and c.number is not None and ({"split_run", "uncertain_placement"} & set(c.flags)):
            sources |= _numbers(repr(float(c.number)))  # digits split, or cells placed, by the template's sums
    for d in answer.derived:
        sources |= _numbers(d.value)
    years = {str(c.year) for c in answer.citations if c.year} | {str(y) for y in answer.reading.years}
    if answer.table and "年份" in answer.table.columns:
        i = answer.table.columns.index("年份")
        years |= {str(r[i]) for r in answer.table.rows if i < len(r) and r[i] is not None}
    allowed_n = {str(answer.reading.n)} if answer.reading.n else set()
    # the question's own numbers, restated as the condition it asked for (大于100件)
    asked = {n for f in answer.reading.filters for n, _, _ in numbers_in(f)}

    missing: list[str] = []
    text = answer.text
    exact = {float(x) for x in sources if re.fullmatch(r"\d+\.\d{3,}", x)}

    def rounded_source(n: str) -> bool:
        """7539.44 in the text for a cited 7539.443252: a rounding of a cited value, said as such."""
        if "." not in n:
            return False
        places = len(n.split(".")[1])
        return any(round(x, places) == float(n) for x in exact) if 1 <= places <= 2 else False

    for n, a, b in numbers_in(text):
        after, before = text[b:b + 2], text[max(0, a - 2):a]
        if (n in years or re.fullmatch(r"(?:199|20\d)\d", n)) and after.startswith(("年", "版")):
            continue  # a year is a label of a report, not a value
        if before.endswith("第") and after.startswith(("行", "名")) or before.endswith(("规则", "则")):
            continue
        if before.endswith(("前", "后")) and n in allowed_n:
            continue
        if after.startswith("版") and n in ("2019", "2021"):
            continue
        if n in asked:
            continue
        if n not in sources and not rounded_source(n):
            missing.append(n)
    if answer.table:
        row_sources = answer.table.sources or []
        for i, row in enumerate(answer.table.rows):
            if i < len(row_sources) and row_sources[i] and row_sources[i][0] and row_sources[i][1]:
                continue  # the row names its own source cell (file, line, key): the value is that cell's
            for col, v in zip(answer.table.columns, row):
                if col in _SKIP_COLUMNS or v is None or isinstance(v, bool):
                    continue
                cell = v if isinstance(v, str) else (str(int(v)) if float(v).is_integer() else repr(float(v)))
                for n, a, b in numbers_in(cell):
                    if isinstance(v, str) and (cell[b:b + 1] in ("年", "版") and n in years | {"2019", "2021"}
                                               or cell[max(0, a - 2):a].endswith(("规则", "则"))
                                               or cell[max(0, a - 1):a] == "第" and cell[b:b + 1] == "行"):
                        continue
                    if n not in sources:
                        missing.append(n)
    return missing
