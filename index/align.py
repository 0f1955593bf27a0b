"""The template aligner: reads the rows of a report's table parts by their labels and turns the cells after
each label into facts under the template's keys.

The template is fixed, the layout is not: a row is found by its label (in template order, so a lost row
is skipped, never replaced by the next one), and its cells are fitted to the row's columns with the
template's arithmetic when their number is off (index.placement)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from index.cells import (CellValue, header_unit, is_number_like, is_numbering, is_value_run, normalise, parse_cell,
                         to_wan_yuan)
from index.hanzi import to_simplified
from index.labels import LabelMatch, is_fragment_of, match_label, normalise_label, strip_marker
from index.model import Candidates, Fact, Source, Warning_
from index.placement import Arithmetic, Check, consensus, placements, resolve, split_values
from index.segment import Layout, SegCell, TableRow
from index.template import APPLY_2019, APPLY_2021, WAN_YUAN, Row, Table, fact_specs, rule_checks, vector_rule

_GLUED = re.compile(r"^(?P<label>.*?\D)(?P<digits>\d{3,})$")
# A label and its values apart by spaces ('行政许可 61', '规章 0 0 7': a PDF viewer's copy of a table row):
# fewer digits than _GLUED asks for, the space says where the label ends.
# A change's sign stands before its number ('行政处罚 56 +2 10').
_SPACED = re.compile(r"^(?P<label>.*?[^\d\s,，.+\-－＋])[ \u3000]+"
                     r"(?P<digits>[+\-－＋]?\d[\d,]*(?:\.\d+)?(?:[ \u3000]+[+\-－＋]?\d[\d,]*(?:\.\d+)?)*)$")
# A full-width point between digits (９．９０４１: a text typed or converted full-width) is the amount's decimal
# point, as a cell's ．is (index.cells).
_WIDE_POINT = re.compile(r"(?<=\d)．(?=\d)")
_GROUP_NUMBERING = re.compile(r"^\s*[（(]\s*[一二三四五六七八九]\s*[)）]")
_LEAD_NUMBERING = re.compile(r"^\s*(?:[（(]\s*[一二三四五六七八九]\s*[)）]|[一二三四五六七八九]\s*[、.．])")
_RESULTS_GROUP = "本年度办理结果"  # 三's outer group: its rows are numbered （一）…（七）
_NOTE_HEADERS = frozenset({"备注", "備註", "备考", "備考", "说明", "說明", "附注", "附註"})
_NOTE_HEADER_CHARS = 8
_SPACE_RUN = re.compile(r"[\s\u3000]+")
_DIGIT = re.compile(r"\s*\d\s*")
_HAN = re.compile(r"[\u4e00-\u9fff（）“”]")  # words, or the brackets and quotes a label wraps at
_WRAPPED_CHARS = 40  # a wrapped label's lines before its last, at most (三's longest label is 31 characters)
_PIECE_CHARS = 12  # a wrapped label's line is short
# A line of two label columns' pieces apart by a space, no number: the group's column, then the row's.
_SIDE_BY_SIDE = re.compile(r"[^\s\d]{1,6}\s+([^\s\d]{1,12})")
_ROW_START = re.compile(r"\s*(?:\d{1,2}\s*[.、．]|[（(][一二三四五六七八九][)）])")  # a row label's numbering
_COLUMN_NAMES = frozenset({"其他", "总计"})  # 三's column headers that are also row labels
_WHOLE_LABEL = 0.9  # a match this good names its row without the lines before it
_JOINED_LABEL = 0.85  # … and a wrapped label's pieces joined name one this well ('2、其他法律行政法' 0.90)


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
        # Rows whose cells split or place several ways: their keys and every vector that fits the row's sums.
        self.ambiguous: dict[tuple[str, ...], list[list[int | float]]] = {}
        # The other form's 三 (洪泽: the 2021 form with the older single （六）其他处理 row): its rows are
        # accepted where they stand.
        self.other_apply = APPLY_2019 if ctx.format == "2021" else APPLY_2021
        self.split_warnings: dict[tuple[str, ...], Warning_] = {}
        self.entered: set[int] = set()  # tables whose part heading has been read
        # Columns of a structured table (table, grid column) headed 备注 or 说明: an extra column some
        # reports add to the template's tables, holding notes.
        self.note_columns: set[tuple[int | None, int | None]] = set()
        # 二's tables turned on their side (a column per row: 规章 | 行政规范性文件, a row per column: 本年制发件数 …):
        # per table, the grid column of each row's values.
        self.turned: dict[int | None, dict[int | None, Row]] = {}
        # A PDF viewer's copy of a narrow label column: a label wrapped two to four characters a line
        # ('1、属于国' '家秘密 0 0 …'). The label lines that named no row yet, since the last row or value.
        self.fragments: list[tuple[str, SegCell]] = []
        # Where the rows stood before a short label line matched a row only weakly ('2、其他法' is like
        # 三's '其他' row far below): the next lines may make it another row, above the weak one.
        self.rewind: list[int] | None = None
        self.lone = False
        self.header_again = False  # 三's header read again after its rows began (a table over a page break)
        self.numbered = False  # the cell before was a group's numbering alone ('(六)' on a line of its own)
        # A label's first piece, the row's numbers on its line, and its cell.
        self.held: tuple[str, str, SegCell] | None = None

    # ------------------------------------------------------------ walking the rows
    def enter_part(self, numeral: str) -> None:
        self._close()
        index = {"二": 0, "三": 1, "四": 2}.get(numeral)
        if index is not None:
            self.current = index
            self.entered.add(index)
            self._flush_review()

    def feed(self, row: TableRow) -> None:
        if self.turned and row.cells and (row.cells[0].table in self.turned) and self._turned_row(row):
            return
        if self.current == 0 and len(row.cells) >= 3 and row.cells[0].table is not None and self._turns(row):
            return
        open_ = self.open
        notes = self.note_columns
        self.lone = len(row.cells) == 1  # a line that is one cell: a wrapped label's piece may stand alone on it
        for cell in row.cells:
            if cell.table is not None:
                if notes and (cell.table, cell.cell) in notes:
                    continue  # a note under a 备注 header ('同比持平', '—'): never a value
                if len(cell.text) <= _NOTE_HEADER_CHARS and _SPACE_RUN.sub("", cell.text) in _NOTE_HEADERS:
                    notes.add((cell.table, cell.cell))
                    continue
            kind, label_text, run = _read_cell(cell.text)
            if kind is _VALUE:  # a value (or a blank, a placeholder, an unreadable cell holding its place)
                self.fragments.clear()
                self.rewind = None
                self.header_again = False
                if open_ is not None:
                    open_.cells.append(cell)  # most cells: a value of the open row
                elif self.current == 2 and (self.review_seen or 2 in self.entered and _tokens(cell.text, 15)):
                    self.review_cells.append(cell)  # (fifteen numbers in 四: its row, its headers unread)
            elif kind is _LABEL:
                self._label(cell, label_text, run)
                open_ = self.open
            self.numbered = kind is _NUMBERING and _GROUP_NUMBERING.match(cell.text) is not None
        # A row that has its cells ends here; a label alone waits for its cells on the next line. With one
        # cell per line (a PDF's text layer) the row ends only at the next label.
        if open_ and (open_.cells or open_.run) and self.layout != "line_cells":
            self._close()

    def finish(self, claims: list[tuple[Check, str]] | None = None) -> None:
        """End of the tables: the last row, then the ambiguous rows decided together by the template's
        rules and by what the report states elsewhere (`claims`, with their sources)."""
        self._close()
        self._flush_review()
        self._resolve(claims or [])
        for keys, warning in self.split_warnings.items():
            if any(k in self.facts and self.facts[k].value is None for k in keys):
                self.warnings.append(warning)

    def candidates(self) -> list[Candidates]:
        """What is still ambiguous, for the corpus-level step (the neighbouring year's report)."""
        return [Candidates(keys=list(keys), vectors=vecs) for keys, vecs in self.ambiguous.items()
                if any(self.facts.get(k) is not None and self.facts[k].value is None for k in keys)]

    def _label(self, cell: SegCell, label_text: str, run: str | None) -> None:
        """A label cell (read by _read_cell: a label's numbering alone is passed over)."""
        text = cell.text
        match = self._match(label_text)
        if match is None and (rest := _after_group(label_text, self.tables[self.current])):
            match = self._match(rest)  # a group's label and its first row's in one cell ('（三）不予公开 1.属于国家秘密')
        if match is not None and match[1].kind == "row" and self.header_again and match[0] == 1 \
                and strip_marker(to_simplified(normalise(label_text))) in _COLUMN_NAMES:
            match = (1, LabelMatch("header", match[1].table, None, match[1].score, match[1].text))  # 三's header
            # repeated on a new page: its 其他 and 总计 columns, no rows
        if match is not None and self.numbered and (row := match[1].row) is not None and row.group \
                and row.group != _RESULTS_GROUP and row.group.startswith(to_simplified(normalise(label_text))):
            match = (match[0], LabelMatch("group", match[1].table, None, match[1].score, row.group))  # '(六)' '其他'
        wrapped = self.layout == "line_cells" or self.lone  # a label's pieces may stand a line each
        if wrapped:
            match, run, cell = self._unwrapped(cell, label_text, match, run)
        other = self._other_form_row(label_text, match)
        if other is not None:
            self._close()
            self.open = OpenRow(self.other_apply, other, cell, run=run)  # a row only if cells follow
            return
        if match is None:
            if self.open and self.layout == "line_cells" and _has_cells(self.open):
                self._close()  # the row has its cells: text after them is no cell of it ('三','、','本' …)
                return
            row = self.open.row if self.open else None
            continued = bool(row) and (any(is_fragment_of(label_text, name) for name in (row.label, *row.aliases))
                                       or _finishes_label(self.open.label.text, label_text, row))
            piece = wrapped and _short(label_text)
            if self.open and run and (continued or piece) and not self.open.cells and not self.open.run:
                self.open.run = run  # the label's last piece carries the row's numbers ('…申请' '数量 11 0 0 1 0 0 12')
            elif self.open and row and not continued \
                    and not any(is_fragment_of(text, name) for name in (row.label, *row.aliases)) \
                    and not self.open.run and not (piece and not self.open.cells and not run):
                self.open.cells.append(cell)  # a sentence where the numbers belong
            return
        table_index, m = match
        self.header_again = m.kind == "header" and table_index == 1 and self.rows_started[1]
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
            if not any(c.text.strip() for c in self.review_cells):
                self.review_cells = []  # a header row's blanks; values read before a header stay (四 cut
                # into a 行政复议 and a 行政诉讼 table, or turned: a label before each value)
        simple = to_simplified(text)  # captions and units in 繁體 read as the template's
        if table_index == 0 and header_unit(simple) and ("金额" in simple):
            self.amount_unit = header_unit(simple)
        elif table_index == 0 and "金额" in simple:
            self.amount_unit = None

    def _unwrapped(self, cell: SegCell, text: str, match: tuple[int, LabelMatch] | None, run: str | None
                   ) -> tuple[tuple[int, LabelMatch] | None, str | None, SegCell]:
        """The label a wrapped label's pieces name together, its numbers and the cell it starts in: the text
        with the label lines before it (up to _WRAPPED_CHARS) that named no row, when they match better than
        the text alone ('1、属于国' + '家秘密'). A first piece that carries the row's numbers ('5、属 0 0 0 0 0 0 0',
        the rest of its label after a page break and the repeated header) is held until its pieces name the row."""
        pieces, self.fragments = self.fragments, []
        rewind, self.rewind = self.rewind, None
        held, self.held = self.held, None
        short = _short(text)
        # A short piece naming a row well but far below the next one ('2、其他' is like 三's '3.其他' row, rows
        # ahead of '2、其他法律行政法规禁止公开'): taken only if the next lines name no row nearer.
        skipping = short and match is not None and match[1].kind == "row" and self._skips(match)
        if skipping and self.open is not None and not self.open.cells and not self.open.run \
                and any(is_fragment_of(text, name) for name in (self.open.row.label, *self.open.row.aliases)):
            match = None  # the open row's label going on ('…不计' '其他' '情形）'), not the row it is like
        if match is not None and match[1].score >= _WHOLE_LABEL and not skipping:
            if match[1].kind != "row":
                self.held = held  # the table's header repeated on the next page: the held row goes on after it
            return match, run, cell
        ahead = self.next_row
        if rewind is not None:
            self.next_row = rewind  # the weak row's place given back while its pieces are joined
        tries = [(pieces[-k:], None) for k in range(1, len(pieces) + 1)]
        if held is not None:
            tries += [([held[::2], *pieces[len(pieces) - k:]], held[1]) for k in range(len(pieces) + 1)]
        # The group's column and the row's side by side ('度办 （二）部分公'): the row's piece is the second, when
        # the line as it stands joins nothing ('政执法案 卷' is one label with a stray space).
        side = _SIDE_BY_SIDE.fullmatch(text.strip()) if run is None else None
        for words in (text, side.group(1)) if side else (text,):
            if words is not text and match is None and len(words) > 1 \
                    and (alone := self._match(words)) is not None and alone[1].score >= _WHOLE_LABEL:
                return alone, run, cell
            for before, its_run in tries:
                joined = self._match("".join(t for t, _ in before) + words)
                if joined is not None and joined[1].score >= _JOINED_LABEL and joined[1].kind in ("row", "group") \
                        and (match is None or skipping or joined[1].score > match[1].score):
                    return joined, run or its_run, before[0][1]  # cited where the label starts
        if side and len(side.group(1)) > 1:
            text = side.group(1)
        self.next_row = ahead
        if short and match is not None and match[1].kind == "row" and match[1].score < _JOINED_LABEL:
            match = None  # a piece only like a row ('其他组' of 法人或其他组织): the next lines may name one
        if short and match is None and run is not None and len(run.split()) > 1 \
                and (self.open is None or (not self.open.cells and not self.open.run and _ROW_START.match(text))):
            self._close()  # (a row whose label ended above without numbers: '2.其' begins the next row)
            self.held = (text, run, cell)  # a piece with the row's numbers: its label goes on further down
        elif short and (match is None or match[1].kind == "row"):
            pieces.append((text, cell))
            while sum(len(t) for t, _ in pieces) > _WRAPPED_CHARS:
                pieces.pop(0)
            self.fragments = pieces
            if match is not None:
                self.rewind = list(self.next_row)
            elif rewind is not None:
                self.rewind = rewind  # the weak row's pieces go on
        if held is not None and self.held is None and (match is None or match[1].kind != "row"):
            self.held = held  # still waiting: the page's header repeated, or the label's first pieces
        return match, run, cell

    def _skips(self, match: tuple[int, LabelMatch]) -> bool:
        """Whether a row match passes over rows of its table that have not come yet (more than one)."""
        table_index, m = match
        return self.rows_started[table_index] and \
            self.tables[table_index].rows.index(m.row) > self.next_row[table_index] + 1

    def _turns(self, row: TableRow) -> bool:
        """A structured row of 二 naming two rows or more of it and holding no value: the head of a turned
        table, each named row's values in its column below."""
        table = self.tables[0]
        named: dict[int | None, Row] = {}
        for cell in row.cells[1:]:
            if not cell.text.strip() or is_number_like(cell.text):
                return False
            m = match_label(cell.text, table)
            if m is None or m.kind != "row" or m.row is None or m.score < 0.9:
                return False
            named[cell.cell] = m.row
        if len(set(map(id, named.values()))) < 2:
            return False
        self._close()
        self.turned[row.cells[0].table] = named
        return True

    def _turned_row(self, row: TableRow) -> bool:
        """A row of a turned table: its first cell one column of the named rows, its cells their values."""
        named = self.turned[row.cells[0].table]
        label = to_simplified(normalise(row.cells[0].text))
        rows = list(named.values())
        column = next((c for c in rows[0].columns if c.label == label), None)
        if column is None or any(column not in r.columns for r in rows):
            return False  # (a caption or another header: read as usual)
        for cell in row.cells[1:]:
            target = named.get(cell.cell)
            if target is not None:
                p = parse_cell(cell.text)
                self._add(target.fact_key(column, "active"), fact_specs()[target.fact_key(column, "active")].label,
                          column.unit, p.value, p.raw, [*p.flags], cell, None)
        return True

    def _other_form_row(self, text: str, match: tuple[int, LabelMatch] | None) -> Row | None:
        """A row of the other form's 三 where this form has none, or only a group label ('（六）其他处理'
        with its own values in the 2019 form)."""
        if not self.rows_started[1] or self.current != 1:
            return None
        if match is not None and not (match[0] == 1 and match[1].kind == "group"):
            return None
        m = match_label(text, self.other_apply)
        own = {r.key for r in self.tables[1].rows}
        if m is None or m.kind != "row" or m.score < 0.9 or m.row is None or m.row.key in own:
            return None
        return m.row

    def _match(self, text: str) -> tuple[int, LabelMatch] | None:
        """The label a cell names. The current table is asked first; another table takes over only on one
        of its row labels, or on a header no other table has ('行政复议'), never on a shared word ('总计')."""
        here = match_label(text, self.tables[self.current], self.next_row[self.current])
        if here is not None and self.current == 1 and here.kind == "row" and not self.rows_started[1] \
                and strip_marker(to_simplified(normalise(text))) in _COLUMN_NAMES:
            here = LabelMatch("header", "apply", None, here.score, here.text)  # 三's column headers
        if self.current == 2 and here is not None and here.kind == "row":
            here = LabelMatch("header", "review", None, here.score, here.text)  # 四's group names
        if here is not None and here.kind == "row" and here.row is not None and here.row.group \
                and here.row.group != _RESULTS_GROUP and (numbered := _GROUP_NUMBERING.match(text)) \
                and here.row.group.startswith(to_simplified(normalise(text[numbered.end():])) or "-"):
            # '（六）其他' cut short over lines is the group （六）其他处理, never its row 3.其他: a sub-row is
            # numbered 1. 2. …, the groups （三） to （六）.
            here = LabelMatch("group", here.table, None, here.score, here.row.group)
        best = (self.current, here) if here is not None else None
        if best and best[1].score >= 0.95:
            return best
        for i in range(3):
            if i == self.current:
                continue
            m = match_label(text, self.tables[i], self.next_row[i])
            if m is None or (m.kind != "row" or i == 2) and not _unique_header(m.text, i, self.tables):
                continue
            if m.kind != "row" and i < self.current and (self.rows_started[self.current] or self.current in self.entered):
                continue  # a caption of a table already passed is a broken header of this one ('其他' 结果)
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
        keys, slots_of = _row_plan(row, table.key)
        if open_.run is not None and open_.cells and self.layout == "line_cells":
            spread = _spread([(open_.run, open_.label), *((c.text, c) for c in open_.cells)])
            if len(spread) == width and all(is_number_like(t) for t, _ in spread):
                # the label's number and the lines after it ('七）总计 12' '1' '0' … '0 13'): the row's cells
                self._add_cells(slots_of, [parse_cell(t) for t, _ in spread], [c for _, c in spread],
                                open_.amount_unit)
                return
        if open_.run is not None:
            tokens = _tokens(open_.run, width)
            if tokens is not None:
                self._add_cells(slots_of, [parse_cell(t) for t in tokens], [open_.label] * width, open_.amount_unit)
                return
            slots = self._split(_SPACE_RUN.sub("", open_.run), width, vector_rule(keys, self.ctx.format),
                                open_.label, keys)
        else:
            cells = _trim(open_.cells, width, self.layout)
            if not cells:
                return  # a label with no cells at all (a caption): the row is not given
            tokens = _tokens(cells[0].text, width) if len(cells) == 1 and width > 1 else None
            if tokens is not None:
                self._add_cells(slots_of, [parse_cell(t) for t in tokens], cells * width, open_.amount_unit)
                return
            if len(cells) == 1 and width > 1 and is_value_run(cells[0].text):
                slots = self._split(cells[0].text, width, vector_rule(keys, self.ctx.format), cells[0],
                                    keys)  # '640020470', '35-15'
            elif self.layout == "line_cells" and _wrapped_digits(cells, width, vector_rule(keys, self.ctx.format)):
                # A value column so narrow that its numbers wrap a digit a line ('6' '4' for 64): one run.
                slots = self._split("".join(c.text for c in cells), width, vector_rule(keys, self.ctx.format),
                                    cells[0], keys)
            else:
                parsed = [parse_cell(c.text) for c in cells]
                if len(cells) == width and not _sentence_row(parsed, width):
                    self._add_cells(slots_of, parsed, cells, open_.amount_unit)  # the common row
                    return
                slots = self._fit(cells, parsed, width, vector_rule(keys, self.ctx.format), open_.label.line,
                                  f"「{open_.label.text}」", keys)
        for (key, label, unit, amount), slot in zip(slots_of, slots):
            value, flags, note = slot.value, slot.flags, slot.note
            if amount and value is not None and "uncertain_placement" not in flags:
                value, flags, note = _in_wan_yuan(CellValue(value, slot.raw, (), slot.unit), flags, note,
                                                  open_.amount_unit)
            self._add(key, label, unit, value, slot.raw, _unique(flags), slot.cell, note)

    def _add_cells(self, slots_of: tuple[Slot, ...], parsed: list[CellValue], cells: list[SegCell],
                   amount_unit: str | None) -> None:
        """The facts of cells that stand one a column (_add inlined: ~200 facts a report)."""
        facts, ctx = self.facts, self.ctx
        doc, agency, year, fmt = ctx.doc, ctx.agency, ctx.year, ctx.format
        for (key, label, unit, amount), p, c in zip(slots_of, parsed, cells):
            if amount and p.value is not None:
                value, flags, note = _in_wan_yuan(p, [*p.flags], None, amount_unit)
            else:
                value, flags, note = p.value, [*p.flags], None  # the fact's own list
            if key in facts:
                self._add(key, label, unit, value, p.raw, flags, c, note)  # the warning
                continue
            src = c.src
            if src is None:
                src = Source(c.line, c.column, c.table, c.row, c.cell, c.page)
            facts[key] = Fact(doc, agency, year, fmt, key, label, value, unit, p.raw, c.line,
                              column=c.column, source=src, flags=flags, note=note)

    def _flush_review(self) -> None:
        cells, self.review_cells = _trim(self.review_cells, 15, self.layout), []
        if not cells:
            return
        table = self.tables[2]
        keys, slots_of = _review_plan(table)
        rule = vector_rule(keys, self.ctx.format)
        tokens = _tokens(cells[0].text, 15) if len(cells) == 1 else None
        if tokens is not None:
            self._add_cells(slots_of, [parse_cell(t) for t in tokens], cells * 15, None)
            self.review_seen = False
            return
        if len(cells) == 1 and is_value_run(cells[0].text):  # '10203120001200000': 四 as one run
            slots = self._split(cells[0].text, 15, rule, cells[0], keys)
        else:
            parsed = [parse_cell(c.text) for c in cells]
            if len(cells) == 15 and not _sentence_row(parsed, 15):
                self._add_cells(slots_of, parsed, cells, None)  # one cell a column, no amounts
                slots = []
            else:
                slots = self._fit(cells, parsed, 15, rule, cells[0].line, "行政复议、行政诉讼表", keys)
        for (key, label, unit, _), slot in zip(slots_of, slots):
            self._add(key, label, unit, slot.value, slot.raw, _unique(slot.flags), slot.cell, slot.note)
        self.review_seen = False

    def _fit(self, cells: list[SegCell], parsed: list[CellValue], width: int, rule: Arithmetic | None, line: int,
             name: str, keys: tuple[str, ...]) -> list[SlotFact]:
        if _sentence_row(parsed, width):
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
        if cands and agreed.candidates > 1:
            self.ambiguous[keys] = cands
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

    def _split(self, digits: str, width: int, rule: Arithmetic | None, label: SegCell,
               keys: tuple[str, ...]) -> list[SlotFact]:
        cands = split_values(digits, width, rule)
        agreed = consensus(cands, width)
        if cands and agreed.candidates > 1:
            self.ambiguous[keys] = cands
        if agreed.candidates != 1:  # said at the end, for the rows the report's other numbers leave open
            self.split_warnings[keys] = Warning_(doc=self.ctx.doc, line=label.line,
                                                 message=f"第{label.line}行数字串{digits}丢失分隔："
                                                 f"{agreed.candidates}种拆分符合模板算术")
        out = []
        for v, ok in zip(agreed.values, agreed.agreed):
            flags = ["split_run"] + ([] if ok and agreed.candidates else ["ambiguous"])
            note = None if agreed.candidates == 1 else f"候选拆分：{agreed.alternatives}"
            out.append(SlotFact(v if ok else None, digits, flags, label, note=note))
        return out

    def _resolve(self, claims: list[tuple[Check, str]]) -> None:
        """Ambiguous rows decided together: the four rules across rows and columns (index.placement.resolve),
        then the numbers the prose states."""
        groups = {keys: vecs for keys, vecs in self.ambiguous.items()
                  if any(k in self.facts and self.facts[k].value is None for k in keys)}
        if not groups:
            return
        fixed = {k: f.value for k, f in self.facts.items() if f.value is not None}
        decided = resolve(groups, fixed, rule_checks(self.ctx.format, self.facts.keys()), claims)
        for key, d in decided.items():
            fact = self.facts.get(key)
            if fact is None or fact.value is not None:
                continue
            fact.value = d.value
            fact.flags = [f for f in fact.flags if f != "ambiguous"]
            fact.note = ("拆分/放置：按勾稽关系（各行各列合计）唯一确定" if d.basis == "rules"
                         else f"拆分/放置：按勾稽关系与{d.basis}唯一确定")
        for keys in list(self.ambiguous):
            if all(k not in self.facts or self.facts[k].value is not None for k in keys):
                del self.ambiguous[keys]

    def _add(self, key: str, label: str, unit: str, value: int | float | None, raw: str, flags: list[str],
             cell: SegCell, note: str | None) -> None:
        """One fact; `flags` is the fact's own list."""
        if key in self.facts:
            self.warnings.append(Warning_(doc=self.ctx.doc, line=cell.line,
                                          message=f"第{cell.line}行：{label}出现两次，保留第一次"))
            return
        ctx = self.ctx
        self.facts[key] = Fact(ctx.doc, ctx.agency, ctx.year, ctx.format, key, label, value, unit, raw, cell.line,
                               column=cell.column, source=cell.source, flags=flags, note=note)


_UNREADABLE = "?"  # index.readers.ocr.UNREADABLE: a box OCR found in a value column and could not read
_NUMBERING, _VALUE, _LABEL = "numbering", "value", "label"


def _spread(pieces: list[tuple[str, SegCell]]) -> list[tuple[str, SegCell]]:
    """Each piece's numbers apart by spaces, with the cell it stands in ('0 13' is two)."""
    return [(token, cell) for text, cell in pieces for token in text.split()]


def _short(text: str) -> bool:
    """A label line short enough to be a piece of a wrapped label, and words ('- 3 -' is a page's number)."""
    return len(normalise(text)) <= _PIECE_CHARS and _HAN.search(text) is not None


def _wrapped_digits(cells: list[SegCell], width: int, rule: Arithmetic | None) -> bool:
    """More cells than columns, each one digit, that no choice of `width` of them places by the template's
    arithmetic: digits of numbers wrapped a digit a line, not spare cells (伊川's 13 cells for 7 columns)."""
    if len(cells) <= width or not all(_DIGIT.fullmatch(c.text) for c in cells):
        return False
    return not any(consensus(placements([int(c.text) for c in cells], width, rule), width).agreed)


def _has_cells(open_: OpenRow) -> bool:
    """Whether a row copied one cell a line has its cells: as many as its columns, or one line of exactly
    that many numbers apart by spaces ('5 0 0 0 0 0 5')."""
    width = len(open_.row.columns)
    cells = open_.cells
    return len(cells) >= width or (len(cells) == 1 and _tokens(cells[0].text, width) is not None)


@lru_cache(maxsize=65536)  # cell texts recur across reports ('0', labels): each read once
def _read_cell(text: str) -> tuple[str, str, str | None]:
    """(kind, label text, digits glued to the label) of a cell: a label's numbering alone ('1.', '(六)'),
    a value (or a blank, a placeholder, an unreadable cell holding its column's place), or a label."""
    if is_numbering(text):
        return _NUMBERING, text, None
    if is_number_like(text) or text == _UNREADABLE:
        return _VALUE, text, None
    spaced = _SPACED.match(_WIDE_POINT.sub(".", text.strip())) if " " in text or "\u3000" in text else None
    if spaced and not is_number_like(spaced.group("label")):
        return _LABEL, spaced.group("label"), spaced.group("digits")  # (its spaces kept: see _tokens)
    glued = _GLUED.match(normalise(text))
    if glued and not is_number_like(glued.group("label")):
        return _LABEL, glued.group("label"), glued.group("digits")
    return _LABEL, text, None


def _finishes_label(opened: str, piece: str, row: Row) -> bool:
    """The open row's label text and the piece after it still read as its label: a label wrapped in its cell
    with its last character or two alone on the next line, beside the numbers ('…已获取信' '息 0 0 0')."""
    joined = normalise_label(opened + piece)
    return len(joined) > len(normalise_label(opened)) and any(
        normalise_label(name).startswith(joined) for name in (row.label, *row.aliases))


def _after_group(text: str, table: Table) -> str | None:
    """The text after a group label it starts with (its numbering too), or None."""
    simple = to_simplified(normalise(text))
    numbered = _LEAD_NUMBERING.match(simple)
    body = simple[numbered.end():] if numbered else simple
    group = next((g for g in table.groups if body.startswith(g) and len(body) > len(g)), None)
    if group:
        return body[len(group):]
    # A piece of a group label wrapped in its own narrow column, on the line of a row's numbered label: its last
    # ('理结果（二）部分公开…': 本年度办理结果 over three lines) or, numbered, its first ('（六）其2.申请人…').
    inner = _INNER_ROW_NUMBERING.search(body, 1 if numbered else 2)
    piece = body[:inner.start()] if inner else ""
    return body[inner.start():] if inner and any(g.endswith(piece) or (numbered and g.startswith(piece))
                                                 for g in table.groups) else None


_INNER_ROW_NUMBERING = re.compile(r"[（(]\s*[一二三四五六七八九]\s*[)）]|\d{1,2}\s*[.．、](?=[\u4e00-\u9fff])")


def _tokens(run: str, width: int) -> list[str] | None:
    """A run's numbers where spaces part exactly the row's width of them ('10 1 0 0 0 …', a PDF viewer's
    copy of a row): each a cell. Otherwise (None) a space is a stray one inside the run ('230 000023')."""
    if " " not in run and "\u3000" not in run:
        return None
    tokens = run.split()
    if len(tokens) > width and all(normalise(t) == "0" for t in tokens):
        return ["0"] * width  # more zeros than columns (a row with padding cells joined by spaces): each one is 0
    return tokens if len(tokens) == width and all(is_number_like(t) for t in tokens) else None


Slot = tuple[str, str, str, bool]  # a column's fact: key, label, unit, whether an amount in 万元


@cache
def _row_plan(row: Row, table: str) -> tuple[tuple[str, ...], tuple[Slot, ...]]:
    """A row's fact keys and, per column, what its fact is made with."""
    keys = tuple(row.fact_key(col, table) for col in row.columns)
    return keys, tuple(_slot(k, col.unit == WAN_YUAN) for k, col in zip(keys, row.columns))


@cache
def _review_plan(table: Table) -> tuple[tuple[str, ...], tuple[Slot, ...]]:
    """四's fifteen cells, read as one vector."""
    keys = tuple(r.fact_key(c, "review") for r in table.rows for c in r.columns)
    return keys, tuple(_slot(k, False) for k in keys)


def _slot(key: str, amount: bool) -> Slot:
    spec = fact_specs()[key]
    return key, spec.label, spec.unit, amount


def _sentence_row(parsed: list[CellValue], width: int) -> bool:
    """A sentence stands for the whole row (its blank neighbours are the rest of one merged cell)."""
    for p in parsed:  # a loop, not any(): nearly every row has no sentence, and this runs for every row
        if "text" in p.flags:  # (CellValue.is_text, without the property's call)
            break
    else:
        return False
    return len(parsed) != width or all(p.is_text or "blank" in p.flags for p in parsed)


def _in_wan_yuan(cell: CellValue, flags: list[str], note: str | None,
                 header: str | None) -> tuple[int | float | None, list[str], str | None]:
    """An amount's value, flags and note in 万元 (index.cells.to_wan_yuan: the unit in the cell, then the
    header's, then the figure's look)."""
    value, unit_flags, rule_note = to_wan_yuan(cell, header)
    return value, [f for f in flags if f not in unit_flags] + unit_flags, rule_note or note


def _trim(cells: list[SegCell], width: int, layout: Layout) -> list[SegCell]:
    """The cells of a row that are values. Where cells sit in a grid or on lines of their own, every cell
    after the label is one (济南's rows end in genuinely blank cells) and only a surplus of empty cells
    at the ends is dropped. In tab-separated rows, empty cells at the ends cannot be told from separators
    and label-column fillers, so they are dropped; an all-empty row is a row of blanks."""
    if layout != "tab_rows" and len(cells) <= width:
        return cells  # nothing to drop (most rows)
    if layout == "tab_rows" and cells and cells[0].text.strip() and cells[-1].text.strip():
        return cells  # filled at both ends: nothing to drop
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


def _unique(flags: list[str]) -> list[str]:
    """The flags once each, in a list of the fact's own."""
    return flags[:] if len(flags) < 2 else list(dict.fromkeys(flags))


def _unique_header(label: str, table_index: int, tables: tuple[Table, Table, Table]) -> bool:
    others = [t for i, t in enumerate(tables) if i != table_index]
    return not any(label in t.headers or label in t.groups or any(r.label == label for r in t.rows) for t in others)

