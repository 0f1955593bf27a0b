"""The template aligner: reads the rows of a report's table parts by their labels and turns the cells after
each label into facts under the template's keys.

The template is fixed, the layout is not: a row is found by its label (in template order, so a lost row
is skipped, never replaced by the next one), and its cells are fitted to the row's columns with the
template's arithmetic when their number is off (index.placement)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import product
from math import prod

from index.cells import CellValue, header_unit, is_number_like, is_numbering, normalise, parse_cell, to_wan_yuan
from index.labels import LabelMatch, is_fragment_of, match_label
from index.model import Fact, Source, Warning_
from index.placement import Arithmetic, applicant_sum, consensus, placements, review_sums, split_run
from index.segment import Layout, SegCell, TableRow
from index.template import WAN_YUAN, Row, Table, fact_specs

_GLUED = re.compile(r"^(?P<label>.*?\D)(?P<digits>\d{3,})$")


@dataclass
class OpenRow:
    table: Table
    row: Row
    label: SegCell
    cells: list[SegCell] = field(default_factory=list)
    run: str | None = None  # digits glued to the label: '…申请数量150320020'
    amount_unit: str | None = None


@dataclass
class SlotFact:
    value: int | float | None
    raw: str
    flags: list[str]
    cell: SegCell  # where the value stands (the label's cell for split runs)
    note: str | None = None
    unit: str | None = None


@dataclass
class ReportContext:
    doc: str
    agency: str | None
    year: int | None
    format: str


class Aligner:
    """One pass over the rows of the table parts of one report."""

    def __init__(self, tables: tuple[Table, Table, Table], ctx: ReportContext, layout: Layout):
        self.tables = tables
        self.ctx = ctx
        self.layout = layout
        self.current = 0  # which table the cells belong to: 0 二, 1 三, 2 四
        self.next_row = [0, 0, 0]  # rows come in template order: the next one each table may give
        self.rows_started = [False, False, False]
        self.open: OpenRow | None = None
        self.review_cells: list[SegCell] = []
        self.review_seen = False
        self.amount_unit: str | None = None
        self.facts: dict[str, Fact] = {}
        self.warnings: list[Warning_] = []
        self.run_candidates: dict[str, list[list[int]]] = {}  # 三 rows split from runs with several fits

    # ------------------------------------------------------------ walking the rows
    def enter_part(self, numeral: str) -> None:
        self._close()
        index = {"二": 0, "三": 1, "四": 2}.get(numeral)
        if index is not None:
            self.current = index
            self._flush_review()

    def feed(self, row: TableRow) -> None:
        for cell in row.cells:
            self._cell(cell)
        # A row that has its cells ends here; a label alone waits for its cells on the next line.
        if self.open and (self.open.cells or self.open.run):
            self._close()

    def finish(self) -> None:
        self._close()
        self._flush_review()
        self._resolve_runs()

    def _cell(self, cell: SegCell) -> None:
        text = cell.text
        if is_numbering(text):
            return
        if is_number_like(text):
            if self.open:
                self.open.cells.append(cell)
            elif self.current == 2 and self.review_seen:
                self.review_cells.append(cell)
            return
        label_text, run = text, None
        glued = _GLUED.match(normalise(text))
        if glued and not is_number_like(glued.group("label")):
            label_text, run = glued.group("label"), glued.group("digits")
        match = self._match(label_text)
        if match is None:
            if self.open and not is_fragment_of(text, self.open.row.label) and not self.open.run:
                self.open.cells.append(cell)  # a sentence where the numbers belong
            return
        table_index, m = match
        if m.kind == "row":
            self._close()
            self.current = table_index
            self.rows_started[table_index] = True
            self.next_row[table_index] = self.tables[table_index].rows.index(m.row) + 1
            self.open = OpenRow(self.tables[table_index], m.row, cell, run=run, amount_unit=self.amount_unit)
            return
        # A header or group label: cells after it belong to the next row (or, in 四, come after it).
        if self.open and self.open.cells:
            self._close()
        if table_index != self.current:
            self._flush_review()
            self.current = table_index
        if table_index == 2:
            self.review_seen = True
            self.review_cells = []
        if table_index == 0 and header_unit(text) and ("金额" in text):
            self.amount_unit = header_unit(text)
        elif table_index == 0 and "金额" in text:
            self.amount_unit = None

    def _match(self, text: str) -> tuple[int, LabelMatch] | None:
        """The label a cell names. The current table is asked first; another table takes over only on one
        of its row labels, or on a header no other table has ('行政复议'), never on a shared word ('总计')."""
        here = match_label(text, self.tables[self.current], self.next_row[self.current])
        if here is not None and self.current == 1 and here.kind == "row" and not self.rows_started[1] \
                and normalise(text) in ("总计", "其他"):
            here = LabelMatch("header", "apply", None, here.score, here.text)  # 三's column headers
        if self.current == 2 and here is not None and here.kind == "row":
            here = LabelMatch("header", "review", None, here.score, here.text)  # 四's group names
        best = (self.current, here) if here is not None else None
        if best and best[1].score >= 0.95:
            return best
        for i in range(3):
            if i == self.current:
                continue
            m = match_label(text, self.tables[i], self.next_row[i])
            if m is None or (m.kind != "row" or i == 2) and not _unique_header(m.text, i, self.tables):
                continue
            if best is None or m.score > best[1].score + 0.05:
                best = (i, m)
        return best

    # ------------------------------------------------------------ turning cells into facts
    def _close(self) -> None:
        open_, self.open = self.open, None
        if open_ is None:
            return
        row, table = open_.row, open_.table
        width = len(row.columns)
        rule: Arithmetic | None = applicant_sum if table.key == "apply" else None
        if open_.run is not None:
            slots = self._split(open_.run, width, rule, open_.label)
            if table.key == "apply" and any("ambiguous" in s.flags for s in slots):
                self.run_candidates[row.key] = split_run(open_.run, width, rule) or []
        else:
            cells = _trim(open_.cells, width, self.layout)
            if not cells:
                return  # a label with no cells at all (a caption): the row is not given
            slots = self._fit(cells, width, rule, open_.label.line, f"「{open_.label.text}」")
        for col, slot in zip(row.columns, slots):
            if col.unit == WAN_YUAN and slot.value is not None and "uncertain_placement" not in slot.flags:
                cv = CellValue(slot.value, slot.raw, [], slot.unit)
                value, unit_flags, rule_note = to_wan_yuan(cv, open_.amount_unit)
                slot.value = value
                slot.flags = [f for f in slot.flags if f not in unit_flags] + unit_flags
                slot.note = rule_note or slot.note
            self._add(row.fact_key(col, table.key), slot)

    def _flush_review(self) -> None:
        cells, self.review_cells = _trim(self.review_cells, 15, self.layout), []
        if not cells:
            return
        table = self.tables[2]
        slots = self._fit(cells, 15, review_sums, cells[0].line, "行政复议、行政诉讼表")
        keys = [r.fact_key(c, "review") for r in table.rows for c in r.columns]
        for key, slot in zip(keys, slots):
            self._add(key, slot)
        self.review_seen = False

    def _fit(self, cells: list[SegCell], width: int, rule: Arithmetic | None, line: int,
             name: str) -> list[SlotFact]:
        parsed = [parse_cell(c.text) for c in cells]
        if any(p.is_text for p in parsed) and (len(cells) != width or all(
                p.is_text or "blank" in p.flags for p in parsed)):
            # A sentence stands for the whole row (its blank neighbours are the rest of one merged cell).
            sentence = next(p.raw for p in parsed if p.is_text)
            return [SlotFact(None, sentence, ["text"], cells[0]) for _ in range(width)]
        if len(cells) == width:
            return [SlotFact(p.value, p.raw, list(p.flags), c, unit=p.unit) for p, c in zip(parsed, cells)]
        filled = [(p, c) for p, c in zip(parsed, cells) if "blank" not in p.flags]
        if len(filled) == width:  # extra empty columns between the values (伊川's spacer cells)
            return [SlotFact(p.value, p.raw, list(p.flags), c, unit=p.unit) for p, c in filled]
        values = [p.value for p in parsed]
        cands = placements(values, width, rule) if all(v is not None for v in values) else []
        agreed = consensus(cands, width)
        raw = " | ".join(c.text for c in cells)
        where = f"{len(cells)}格对应{width}列"
        self.warnings.append(Warning_(doc=self.ctx.doc, line=line,
                                      message=f"第{line}行{name}：{where}，按模板算术放置"
                                      f"（{agreed.candidates}种可能）"))
        out = []
        for v, ok in zip(agreed.values, agreed.agreed):
            if ok:
                out.append(SlotFact(v, raw, ["uncertain_placement"], cells[0], note=where))
            else:
                out.append(SlotFact(None, raw, ["ambiguous"], cells[0],
                                    note=f"{where}，无法确定：{agreed.alternatives or '无符合算术的放置'}"))
        return out

    def _split(self, digits: str, width: int, rule: Arithmetic | None, label: SegCell) -> list[SlotFact]:
        cands = split_run(digits, width, rule)
        agreed = consensus(cands, width)
        if agreed.candidates != 1:
            self.warnings.append(Warning_(doc=self.ctx.doc, line=label.line,
                                          message=f"第{label.line}行数字串{digits}丢失分隔："
                                          f"{agreed.candidates}种拆分符合模板算术"))
        out = []
        for v, ok in zip(agreed.values, agreed.agreed):
            flags = ["split_run"] + ([] if ok and agreed.candidates else ["ambiguous"])
            note = None if agreed.candidates == 1 else f"候选拆分：{agreed.alternatives}"
            out.append(SlotFact(v if ok else None, digits, flags, label, note=note))
        return out

    def _resolve_runs(self) -> None:
        """Rows of 三 whose digit runs split several ways: keep the combinations under which every column
        balances (rules 1 and 2), and take the slots all of them agree on."""
        rows = {k: c for k, c in self.run_candidates.items() if c}
        if not rows or prod(len(c) for c in rows.values()) > 20_000:
            return
        apply = self.tables[1]
        cols = [c.key for c in apply.rows[0].columns]
        results = [r.key for r in apply.rows if r.key not in ("new", "carried_in", "total", "carried_out")]
        fixed = {k: f.value for k, f in self.facts.items() if k.startswith("apply.") and f.value is not None}
        keys = list(rows)
        fitting = []
        for combo in product(*(rows[k] for k in keys)):
            values = dict(fixed)
            for key, vec in zip(keys, combo):
                values.update({f"apply.{key}.{c}": v for c, v in zip(cols, vec)})
            if all(_balances(values, col, results) for col in cols):
                fitting.append(combo)
        if not fitting:
            return
        for n, key in enumerate(keys):
            for j, col in enumerate(cols):
                seen = {combo[n][j] for combo in fitting}
                fact = self.facts.get(f"apply.{key}.{col}")
                if fact is not None and len(seen) == 1:
                    fact.value = seen.pop()
                    fact.flags = [f for f in fact.flags if f != "ambiguous"]
                    fact.note = "数字串拆分：按各列勾稽关系（规则1、2）唯一确定"

    def _add(self, key: str, slot: SlotFact) -> None:
        spec = fact_specs()[key]
        if key in self.facts:
            self.warnings.append(Warning_(doc=self.ctx.doc, line=slot.cell.line,
                                          message=f"第{slot.cell.line}行：{spec.label}出现两次，保留第一次"))
            return
        self.facts[key] = Fact(
            doc=self.ctx.doc, agency=self.ctx.agency, year=self.ctx.year, format=self.ctx.format, key=key,
            label=spec.label, value=slot.value, unit=spec.unit, raw=slot.raw, line=slot.cell.line,
            column=slot.cell.column, source=slot.cell.source, flags=_unique(slot.flags), note=slot.note,
        )


def _trim(cells: list[SegCell], width: int, layout: Layout) -> list[SegCell]:
    """The cells of a row that are values. Where cells sit in a grid or on lines of their own, every cell
    after the label is one (济南's rows end in genuinely blank cells) and only a surplus of empty cells
    at the ends is dropped. In tab-separated rows, empty cells at the ends cannot be told from separators
    and label-column fillers, so they are dropped; an all-empty row is a row of blanks."""
    cells = list(cells)

    def is_empty(c: SegCell) -> bool:
        return not c.text.strip()

    if layout != "tab_rows":
        while len(cells) > width and is_empty(cells[-1]):
            cells.pop()
        while len(cells) > width and is_empty(cells[0]):
            cells.pop(0)
        return cells
    core = list(cells)
    while core and is_empty(core[-1]):
        core.pop()
    while core and is_empty(core[0]):
        core.pop(0)
    if not core and len(cells) >= width:
        return cells[:width]
    return core


def _balances(values: dict[str, int | float], col: str, results: list[str]) -> bool:
    """Rules 1 and 2 for one column, where all their numbers are known (unknown ones do not refute)."""
    def v(row: str) -> int | float | None:
        return values.get(f"apply.{row}.{col}")

    r1 = [v("new"), v("carried_in"), v("total"), v("carried_out")]
    if None not in r1 and r1[0] + r1[1] != r1[2] + r1[3]:
        return False
    r2 = [v(r) for r in results]
    total = v("total")
    return total is None or None in r2 or sum(r2) == total  # type: ignore[arg-type]


def _unique_header(label: str, table_index: int, tables: tuple[Table, Table, Table]) -> bool:
    others = [t for i, t in enumerate(tables) if i != table_index]
    return not any(label in t.headers or label in t.groups or any(r.label == label for r in t.rows) for t in others)


def _unique(flags: list[str]) -> list[str]:
    return list(dict.fromkeys(flags))
