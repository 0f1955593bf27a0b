"""Citations, built here and nowhere else: a fact's cell, a row of an answer table (with the sum of its cells
and any unit conversion as derived numbers), a prose passage and sentence, a consistency finding, and the
place where a table breaks off when a row is missing.

A fact's citation quotes the `lines` row of its (doc, line); where the layout puts one cell per line, the
quote runs back to the row's label, so that 「行政处罚 126 增13 135」 reads as a row. A long line (a text
dump holds a whole report on one line of 16,000 characters) is quoted as a window around the cited value.
The cited value is the cell's raw text as it stands in the quote (for highlighting); a blank cell read as 0
and a value placed by arithmetic say so in `note`.

Long tables are cited lazily: the first QUOTED rows of an answer table are quoted at once (the sentences
name a few of them); every row keeps its compact source in AnswerTable.sources (file, line, key), and
`Citer.every_row` quotes the rest when a table is exported whole. Reading thousands of source lines for
every ranking cost ~300 ms at 10,000 reports; a table nobody exports needs none of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.cells import plain_number
from qa.answer import Answer, Citation, Derived
from qa.facts import NO_NUMBER, OK, Cell, FactStore, Report, Row
from qa.lexicon import Measure, items, measure_by_id
from qa.output import format_value

if TYPE_CHECKING:
    from qa.facts import StoredFinding
    from qa.prose import Sentence

BACK = 8  # lines looked back for a row's label in one-cell-per-line layouts
QUOTED = 30  # rows of an answer table quoted at once (a sentence names at most 10, a top-N with ties ~20, a
#              sum writes 30 terms); the others are quoted on export (Citer.every_row)
BULK = 60  # more cells than this (a whole table's export): their lines read in one query
LONG = 300  # a line longer than this is quoted as a window around the cited value
BEFORE, AFTER = 60, 30  # the window: characters before the value (the row's label) and after it
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,}")
_VALUE_ONLY = re.compile(r"\s*[增减+\-－]?\s*[\d,，.]*\s*(?:万元|元|件|项|个)?\s*")

FLAG_NOTES = {
    "blank": "空白单元格，按0计",
    "placeholder": "单元格为“/”或“无”，按0计",
    "signed": "带增减符号",
    "thousands": "含千分位",
    "unit_converted": "单位已换算为万元",
    "unit_assumed": "未注明单位，按规则推定",
    "text": "此处为文字，不是数字",
    "uncertain_placement": "单元格数与列数不符，位置按模板算术推定",
    "ambiguous": "无法确定数字的位置",
    "split_run": "连在一起的数字按模板算术拆分",
}


def _is_label(text: str) -> bool:
    return bool(_LABEL.search(text)) and not _VALUE_ONLY.fullmatch(text)


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def window(line: str, at: int | None, value: str = "") -> str:
    """A long line cut to the characters around position `at` (0-based; None: where `value` first stands),
    marked with … where cut. Short lines are returned whole."""
    if len(line) <= LONG:
        return line
    if at is None or not (0 <= at < len(line)) or (value and line.find(value, at, at + len(value) + 4) < 0):
        # `at` may be where the cell's row starts (a text dump's row of cells): the value after it, then anywhere
        inside = at is not None and 0 <= at < len(line)
        found = line.find(value, at) if value and inside else -1
        if found < 0:
            found = line.find(value) if value else -1
        at = found if found >= 0 else at if inside else 0
    start, end = max(0, at - BEFORE), min(len(line), at + len(value) + AFTER)
    return ("…" if start else "") + line[start:end].strip() + ("…" if end < len(line) else "")


def conversions(citations: list[Citation]) -> list[Derived]:
    """A value stored in 万元 from a cell in 元: the conversion is arithmetic, said as such."""
    return [Derived(value=format_value(c.number), how=f"{c.value or c.quote} 元 ÷ 10000 = {plain_number(c.number)} 万元")
            for c in citations if "unit_converted" in c.flags and c.number is not None]


class Citer:
    def __init__(self, store: FactStore):
        self.store = store

    # ------------------------------------------------------------ cells of the tables
    def cells(self, cells: list[Cell]) -> list[Citation]:
        """One citation per cell, in the order given; two database reads for all of them."""
        if not cells:
            return []
        reports = self.store.reports
        details = self.store.details([c.rowid for c in cells])
        spans = [(reports[c.rid].doc, max(1, c.line - BACK), c.line) for c in cells]
        lines = self.store.lines(spans) if len(cells) <= BULK else self.store.lines_bulk(spans)
        return [self._cell(c, reports[c.rid], lines, details.get(c.rowid)) for c in cells]

    def _cell(self, c: Cell, r: Report, lines: dict[tuple[str, int], str], d) -> Citation:
        raw = d.raw.strip() if d else ""
        own = lines.get((r.doc, c.line), "")
        start = c.line
        if len(own) > LONG:  # a text dump's long line: the window around the value holds its label
            quote = _one_line(window(own, c.col - 1 if c.col else None, raw or plain_number(c.value or 0)))
        else:
            if not _is_label(own):  # a lone cell: run back to the row's label
                for ln in range(c.line - 1, max(0, c.line - BACK) - 1, -1):
                    t = lines.get((r.doc, ln))
                    if t is None or len(t) > LONG:
                        break
                    start = ln
                    if _is_label(t):
                        break
            quote = " ".join(_one_line(lines.get((r.doc, ln), "")) for ln in range(start, c.line + 1)).strip()
        value = raw if raw and raw in quote else None
        if value is None and c.value is not None and plain_number(c.value) in quote:
            value = plain_number(c.value)
        notes = [FLAG_NOTES[f] for f in c.flags if f in FLAG_NOTES]
        if d and d.note:
            notes.append(d.note)
        return Citation(doc=r.doc, agency=r.agency, year=r.year, part=_part(c.key), line_start=start,
                        line_end=c.line, quote=quote or raw, value=value, key=c.key, kind="fact",
                        flags=list(c.flags), number=c.value, note="；".join(notes) or None)

    def rows(self, m: Measure, rows: list[Row], limit: int | None = QUOTED) -> tuple[list[Citation], list[Derived]]:
        """A citation per cell behind each of the first `limit` rows (None: all); a row that sums several
        cells, and a cell converted from 元, also as derived numbers. The rows past `limit` keep their source
        in the table (AnswerTable.sources) and are quoted by every_row."""
        cells, derived = [], []
        for r in rows[:limit]:
            if r.status not in (OK, NO_NUMBER):
                continue
            cs = self.store.cells(m, r.report.rid)
            cells += cs
            if r.status == OK and len(cs) > 1:
                derived.append(Derived(value=format_value(r.value),
                                       how=f"{r.report.name}：" + " + ".join(plain_number(c.value or 0) for c in cs)
                                       + f" = {plain_number(r.value)}"))
        citations = self.cells(cells)
        return citations, derived + conversions(citations)

    def every_row(self, answer: Answer) -> Answer:
        """The answer with every row of its table quoted (for an export of the whole table): the rows whose
        source cell the answer does not cite yet, read in one query. The answer itself is left as it was."""
        t = answer.table
        if t is None or not t.sources:
            return answer
        cited = {(c.doc, c.key) for c in answer.citations if c.kind == "fact"}
        m = measure_by_id(answer.reading.measure) if answer.reading.measure else None
        rows, single = [], []
        for src in t.sources:
            if not src or (src[0], src[2]) in cited or src[0] not in self.store.by_doc:
                continue
            rep = self.store.by_doc[src[0]]
            if m is not None and src[2] in m.keys(rep.format):
                mv = self.store.measure_values(m, [rep.rid])
                v = float(mv.value[0])
                rows.append(Row(rep, None if v != v else v, int(mv.status[0]), int(mv.flags[0])))
            elif cell := self.store.cell(rep.rid, str(src[2])):
                single.append(cell)
        if not rows and not single:
            return answer
        citations, derived = self.rows(m, rows, limit=None) if rows else ([], [])
        citations += self.cells(single)
        return answer.model_copy(update={"citations": answer.citations + citations,
                                         "derived": answer.derived + derived})

    # ------------------------------------------------------------ text, findings, a table that breaks off
    def break_off(self, rep: Report, m: Measure, why: str) -> Citation:
        """Where a table breaks off (no line 0): the first row read when the missing row comes before the rows
        read in the template's order (lost at the top, at a page break), else the last row read."""
        rows = self.store.part_rows(rep.doc, m.part)
        if not rows:
            return Citation(doc=rep.doc, agency=rep.agency, year=rep.year, part=m.part, line_start=1, line_end=1,
                            quote=why, kind="finding", note=f"抽取警告：第{m.part}部分的表格一行也没有读到")
        order = {iid: i for i, iid in enumerate(items())}
        first_read = min((order.get(k.rsplit(".", 1)[0], len(order)) for k, _ in rows), default=0)
        before = order.get(m.item, 0) < first_read
        line = rows[0][1] if before else rows[-1][1]
        text = self.store.lines([(rep.doc, line, line)]).get((rep.doc, line), "")
        where = f"表格从第{line}行才开始，缺少的行在它之前" if before else f"表格读到第{line}行为止，缺少的行在它之后"
        return Citation(doc=rep.doc, agency=rep.agency, year=rep.year, part=m.part, line_start=line, line_end=line,
                        quote=_one_line(window(text, None if before else len(text) - 1)) or why, kind="finding",
                        note=f"抽取警告：{why}。{where}，报告中没有")


def warning(rep: Report, part: str | None, message: str, line: int | None) -> Citation:
    """An extraction warning about a report (表格缺少4行 …), at the line it names (0: none)."""
    return Citation(doc=rep.doc, agency=rep.agency, year=rep.year, part=part, line_start=line or 0,
                    line_end=line or 0, quote=message, kind="finding", note="抽取警告")


def finding(f: StoredFinding) -> Citation:
    """A consistency finding: its detail, at the line it names."""
    part = "三" if f.rule in (1, 2, 3) else "四" if f.rule == 4 else None
    return Citation(doc=f.doc, agency=f.agency, year=f.year, part=part, line_start=f.line or 0,
                    line_end=f.line or 0, quote=f.detail, kind="finding")


def passage(s: Sentence) -> Citation:
    """The passage a sentence stands in (passages are at most a few hundred characters), the sentence marked."""
    p = s.passage
    return Citation(doc=p.doc, agency=p.agency, year=p.year, part=p.part, line_start=p.line_start,
                    line_end=p.line_end, quote=p.text, value=s.text, kind="passage")


def sentence(s: Sentence) -> list[Citation]:
    """The passage, and the line that continues a lead-in (its first MAX_SENTENCE characters), when there is one."""
    out = [passage(s)]
    if s.next_line:
        p = s.passage
        out.append(Citation(doc=p.doc, agency=p.agency, year=p.year, part=p.part, line_start=s.next_line,
                            line_end=s.next_line, quote=s.next_text, value=s.next_text, kind="passage"))
    return out


def _part(key: str) -> str | None:
    from index.template import fact_specs

    spec = fact_specs().get(key)
    return spec.part if spec else None
