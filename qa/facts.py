"""Exact lookups over the facts database (read-only, parameterised SQL only: `?` placeholders).

Why values are held in memory, and read per key: a ranking reads one key of every report, and a
`where key = ?` query plus the window that picks each agency's latest year costs 50–100 ms in DuckDB at 10,000
reports. So the first question that needs a key reads that key once as numpy columns over every report (value,
flags as bits, line, column, rowid) and every later one answers from them. Nothing is read for all facts at
open: at 100,000 reports the facts are 20M rows, which took 20–90 s to load and ~0.6 GB to hold, for a few
dozen keys that questions actually ask. Likewise a document's line places and the findings are read when an
answer first cites them. Only the few cells an answer cites go back to the database, by rowid, for their
source lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, get_args

import numpy as np

from index.model import Flag
from index.template import fact_specs
from qa.copies import changed_docs, find_copies
from qa.lexicon import Measure
from qa.report_table import DocIndex, ReportList, report_table, unnamed

if TYPE_CHECKING:
    from index.generation import Generation

FLAGS: tuple[str, ...] = get_args(Flag)
FLAG_BITS = {f: 1 << i for i, f in enumerate(FLAGS)}
NO_VALUE = FLAG_BITS["text"] | FLAG_BITS["ambiguous"]

LINE_CACHE = 100_000  # source lines kept in memory (a few MB)
SPANS_APART = 20  # more uncached spans than this are read in one query (lines_bulk, ~15 ms), not one each (~0.6 ms)
FINDINGS_BY_DOC = 1000  # the findings of fewer reports are read by doc, not all of them first
_GAP = "\x00"  # a line number the document does not have (HTML documents skip some)

# status of a measure in one report
OK, MISSING, NO_NUMBER, NOT_IN_TEMPLATE = 0, 1, 2, 3


def _key_sources(gen: Generation | None) -> str:
    """SQL for one key's facts over the generation (a `?` for the key in each part), with the columns
    index.store.key_columns_sql gives: from the base's facts sorted by key when it has them (read by row
    group statistics), the segments' few rows from their tables; else from the facts table (a scan)."""
    from index.store import FACTS_BY_KEY, key_columns_sql

    by_key = gen.parts()[0][1] / FACTS_BY_KEY if gen is not None else None
    if by_key is None or not by_key.is_file():
        return key_columns_sql("facts") + " where key = ?"
    dead = [t.doc for t in gen.manifest.dead if t.part == ""]
    base = f"select * from read_parquet('{_sql_str(str(by_key))}') where key = ?"
    if dead:
        base += " and doc not in (" + ", ".join(f"'{_sql_str(d)}'" for d in dead) + ")"
    parts = [base] + [key_columns_sql(f"({gen.part_select('facts', i)})") + " where key = ?"
                      for i in range(1, len(gen.parts()))]
    return " union all ".join(f"({p})" for p in parts)


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


@dataclass(frozen=True)
class Report:
    rid: int
    doc: str
    agency: str | None
    year: int | None
    format: str
    stated: str | None = None  # the name the file gives when answers use a fuller one of the same agency

    @property
    def name(self) -> str:
        return self.agency or unnamed(self.doc)


@dataclass(frozen=True)
class Cell:
    """One fact of one report, as the answer cites it."""

    rid: int
    key: str
    value: float | None
    flags: tuple[str, ...]
    line: int
    rowid: int
    col: int | None = None  # 1-based character column in the line (None: an HTML table cell, or unknown)


@dataclass
class Row:
    """A measure in one report, as an answer's table row shows it."""

    report: Report
    value: float | None
    status: int
    flags: int


@dataclass
class CellDetail:
    raw: str
    note: str | None
    col: int | None


@dataclass(frozen=True)
class StoredFinding:
    doc: str
    agency: str | None
    year: int | None
    kind: str
    rule: int | None
    scope: str
    status: str
    detail: str
    line: int | None


@dataclass
class _KeyColumn:
    """One key over every report (dense by report id): present, value, flag bits, line, rowid."""

    present: np.ndarray
    value: np.ndarray
    flags: np.ndarray
    line: np.ndarray
    rowid: np.ndarray
    col: np.ndarray  # 0: unknown


def _bits_to_flags(bits: int) -> tuple[str, ...]:
    return tuple(f for f in FLAGS if bits & FLAG_BITS[f])


@dataclass
class MeasureValues:
    """A measure over a set of reports: value (nan when none), status, and flag bits of its cells."""

    rids: np.ndarray
    value: np.ndarray
    status: np.ndarray
    flags: np.ndarray

    def ok(self) -> np.ndarray:
        return self.status == OK


class FactStore:
    def __init__(self, con, gen: Generation | None = None, previous: FactStore | None = None):
        """con: a read-only DuckDB connection to the generation's facts (shared with the retriever; callers
        serialise); gen: that generation (its base's facts sorted by key are read, when it has them);
        previous: the store of an older generation of the index (an engine reopened after an add).
        Opening reads the reports alone; a key's values, a document's line places and the findings are read
        when a question first needs them (see the module docstring)."""
        self.con = con
        self._key_sql = _key_sources(gen)
        self._gen = gen
        self._base_lines: dict[str, tuple] | None = None  # the base's line places by doc (lines_by_doc)
        # the reports as arrays (qa.report_table; grown from the previous store's after an add), a Report made
        # when an answer asks for one
        self.table = table = report_table(con, gen, previous._gen if previous is not None else None)
        # one agency's reports under one name, when some state fewer places (洪泽区人民政府, 淮安市洪泽区人民政府)
        self.fuller = table.fuller
        self.reports = ReportList(table)
        self.by_doc = DocIndex(table, self.reports)
        self._docs = table.docs  # sorted as DuckDB sorts (code points)
        self._n = len(table)
        self.agency_names = table.agency_names
        self.agency_of = table.agency_of
        self.year_of = table.year
        self.years = table.years
        self.format_of = table.format
        # one report brought as two files counts once (after an add: the places of the changed files judged)
        self.copies = find_copies(con, self.reports, *changed_docs(gen, previous), places=table.places())
        self._keys = frozenset(fact_specs())  # the template's keys: others are never answered from
        self._columns: dict[str, _KeyColumn] = {}
        self._special: dict[int, CellDetail] = {}
        self._line_cache: dict[tuple[str, int], str] = {}
        self._line_base: dict[str, tuple[int, int]] = {}  # doc → (first rowid, first line): no gaps
        self._line_numbers: dict[str, tuple[int, np.ndarray]] = {}  # doc → (first rowid, its line numbers)
        self._line_scattered: set[str] = set()  # docs whose lines are not contiguous: read by doc and line
        self._findings: list[StoredFinding] | None = None
        self._older: tuple | None = None  # what the previous store had read, until the first key is needed
        growth = gen.grown_from(previous._gen) if gen is not None and previous is not None \
            and gen.grown_rows(previous._gen) is not None else None
        if growth is not None:
            self._keep_read(previous, growth)

    def _keep_read(self, previous: FactStore, growth) -> None:
        """After an add (this store's generation grew from the previous store's: index/generation.py Growth),
        what the previous store read stays true of the reports kept: their key columns (grown on first need,
        see _grown_columns), cells' details by rowid (a part's rowids do not change), lines and line places by
        doc. Reading them again cost the first answer after every add ~0.2 CPU s at 100,000 reports."""
        dead = growth.dead_docs
        self._older = (dict(previous._columns), previous._docs, growth)
        self._special = dict(previous._special)
        self._line_cache = {k: t for k, t in previous._line_cache.items() if k[0] not in dead}
        self._line_base = {d: v for d, v in previous._line_base.items() if d not in dead}
        self._line_numbers = {d: v for d, v in previous._line_numbers.items() if d not in dead}
        self._line_scattered = previous._line_scattered - dead
        if previous._base_lines is not None:  # (read only once made: shared when no document left)
            self._base_lines = {d: v for d, v in previous._base_lines.items() if d not in dead} if dead \
                else previous._base_lines

    # ------------------------------------------------------------ loading, per key and per document
    def _column(self, key: str) -> _KeyColumn:
        """One key over every report, read on first need: one `where key = ?` scan (DuckDB reads the key
        column's dictionary, then the few columns of the matching rows), kept for the process."""
        col = self._columns.get(key)
        if col is not None:
            return col
        if self._older is not None:
            self._grown_columns()
            col = self._columns.get(key)
            if col is not None:
                return col
        col = self._empty_column()
        if key in self._keys:
            self._fill(col, self.con.execute(f"select * from ({self._key_sql}) order by rowid",
                                             [key] * self._key_sql.count("?")).fetchnumpy())
        self._columns[key] = col
        return col

    def _empty_column(self) -> _KeyColumn:
        n = self._n
        return _KeyColumn(np.zeros(n, bool), np.full(n, np.nan), np.zeros(n, np.int32), np.zeros(n, np.int32),
                          np.full(n, -1, np.int64), np.zeros(n, np.int32))

    def _fill(self, col: _KeyColumn, data: dict) -> None:
        """One key's facts (key_columns_sql's columns, rowid order) into its column."""
        if not len(data["doc"]):
            return
        rid = np.searchsorted(self._docs, np.asarray(data["doc"], str))  # reports are in doc order
        value = data["value"]
        col.present[rid] = True
        col.value[rid] = np.asarray(value.filled(np.nan) if hasattr(value, "filled") else value, np.float64)
        col.flags[rid] = np.asarray(data["bits"], np.int32)
        col.line[rid] = np.asarray(data["line"], np.int32)
        col.rowid[rid] = np.asarray(data["rowid"], np.int64)
        col.col[rid] = np.asarray(data["col"], np.int32)
        # raw text and notes of the cells read in some special way (signed, units, thousands, text …): few,
        # and the only ones whose raw text is not simply their number; a blank cell's raw text is ''
        note = data["note"].tolist()  # (a masked array's tolist gives None for NULL)
        raw = data["raw"].tolist()
        rowids = data["rowid"].tolist()
        for i in np.flatnonzero(np.ma.filled(data["special"], False)).tolist():
            self._special[int(rowids[i])] = CellDetail(raw[i], note[i], None)

    def _grown_columns(self) -> None:
        """The previous store's key columns over this store's reports: the kept reports' cells moved to their
        new ids, the new parts' cells (a few files) read in one query for all those keys."""
        columns, old_docs, growth = self._older
        self._older = None
        if not columns:
            return
        keep = ~np.isin(old_docs, np.asarray(sorted(growth.dead_docs), str)) if growth.dead_docs \
            else np.ones(len(old_docs), bool)
        to = np.searchsorted(self._docs, old_docs[keep])  # (the kept docs are all here, in the same order)
        from index.store import key_columns_sql

        keys = sorted(k for k in columns if k in self._keys)  # (other keys are never read: empty columns)
        parts = [key_columns_sql("(" + self._gen.part_select("facts", i) + ")") + " where key in (select unnest(?))"
                 for i in growth.new_parts]
        new_sql = " union all ".join(f"({p})" for p in parts)
        data = self.con.execute(f"select * from ({new_sql}) order by rowid",
                                [keys] * len(growth.new_parts)).fetchnumpy() if new_sql else None
        by_key = np.asarray(data["key"], str) if data is not None else None
        for key, old in columns.items():
            col = self._empty_column()
            for name in ("present", "value", "flags", "line", "rowid", "col"):
                getattr(col, name)[to] = getattr(old, name)[keep]
            if by_key is not None:
                at = by_key == key
                if at.any():
                    self._fill(col, {c: v[at] for c, v in data.items()})
            self._columns[key] = col

    def _locate_lines(self, docs: set[str]) -> None:
        """Where the lines of these documents sit in the lines table (one grouped read for all of them). They
        are written per document in order, so a document's rowids are contiguous: a line's rowid is its first
        rowid plus the line's place among the document's line numbers (arithmetic when those have no gaps;
        HTML documents skip some)."""
        todo = sorted(d for d in docs if d not in self._line_base and d not in self._line_numbers
                      and d not in self._line_scattered)
        if not todo:
            return
        base = self._lines_of_base()
        rows = [(d, *base[d]) for d in todo if d in base]
        rest = [d for d in todo if d not in base]  # a segment's documents, or no lines_by_doc: grouped here
        if rest:
            rows += self.con.execute(f"select doc, min(rowid), max(rowid), min(line), max(line), count(*) from "
                                     f"{self._lines_beyond(base)} where doc in (select unnest(?)) group by doc",
                                     [rest]).fetchall()
        self._line_scattered.update(todo)  # until found below (a document without lines stays here)
        for d, r0, r1, l0, l1, c in rows:
            if r1 - r0 + 1 != c:
                continue  # not contiguous: looked up by doc and line
            self._line_scattered.discard(d)
            if l1 - l0 + 1 == c:
                self._line_base[d] = (int(r0), int(l0))
            else:  # line numbers with gaps: read them, by the document's rowid range
                line = self.con.execute("select line from lines where rowid between ? and ? order by rowid",
                                        [int(r0), int(r1)]).fetchnumpy()["line"]
                self._line_numbers[d] = (int(r0), np.asarray(line, np.int32))

    def _lines_beyond(self, base: dict) -> str:
        """The lines a document outside lines_by_doc may be in: the segments' when the base has that file,
        else the whole lines table."""
        gen = self._gen
        if not base or gen is None or len(gen.parts()) < 2:
            return "lines"
        return "(" + " union all ".join(gen.part_select("lines", i) for i in range(1, len(gen.parts()))) + ")"

    def _lines_of_base(self) -> dict[str, tuple]:
        """doc → (first rowid, last rowid, first line, last line, count) of the base's live documents, from
        its lines_by_doc.parquet (index.store.write_lines_by_doc; read whole once: ~100,000 rows); empty
        without one."""
        if self._base_lines is None:
            from index.store import LINES_BY_DOC

            self._base_lines = {}
            path = self._gen.parts()[0][1] / LINES_BY_DOC if self._gen is not None else None
            if path is not None and path.is_file():
                dead = {t.doc for t in self._gen.manifest.dead if t.part == ""}
                for d, *place in self.con.execute(f"select doc, r0, r1, l0, l1, n from read_parquet("
                                                  f"'{_sql_str(str(path))}')").fetchall():
                    if d not in dead:
                        self._base_lines[d] = tuple(place)
        return self._base_lines

    @property
    def problem_findings(self) -> list[StoredFinding]:
        """Every finding that is not a pass (read once, on first need)."""
        if self._findings is None:
            self._findings = self._read_findings("", [])
        return self._findings

    def _read_findings(self, where: str, params: list) -> list[StoredFinding]:
        return self._findings_where(f"status <> ? {where} order by doc, rule, scope", ["PASS", *params])

    def _findings_where(self, where: str, params: list) -> list[StoredFinding]:
        rows = self.con.execute("select doc, agency, year, kind, rule, scope, status, detail, line from findings "
                                f"where {where}", params).fetchall()
        return [StoredFinding(d, a, y, k, int(r) if r is not None else None, s, st, det,
                              int(ln) if ln is not None else None) for d, a, y, k, r, s, st, det, ln in rows]

    # ------------------------------------------------------------ keys, in memory once read
    def has_key(self, key: str) -> bool:
        return self._column(key).present.any()

    def measure_values(self, measure: Measure, rids: np.ndarray) -> MeasureValues:
        """The measure in each report: the fact, or the sum of its facts (all must be there)."""
        rids = np.asarray(rids, np.int64)
        value = np.full(len(rids), np.nan)
        status = np.full(len(rids), NOT_IN_TEMPLATE, np.int8)
        flags = np.zeros(len(rids), np.int32)
        fmts = self.format_of[rids] if len(rids) else np.array([], str)
        for fmt, keys in measure.keys_by_format.items():
            sel = np.nonzero(fmts == fmt)[0]
            if not len(sel):
                continue
            r = rids[sel]
            present = np.ones(len(sel), bool)
            total = np.zeros(len(sel))
            bits = np.zeros(len(sel), np.int32)
            for key in keys:
                c = self._column(key)
                present &= c.present[r]
                total += np.where(c.present[r], c.value[r], 0.0)
                bits |= np.where(c.present[r], c.flags[r], 0)
            no_number = present & ((bits & NO_VALUE) != 0)
            status[sel] = np.where(~present, MISSING, np.where(no_number, NO_NUMBER, OK))
            value[sel] = np.where(status[sel] == OK, total, np.nan)
            flags[sel] = bits
        return MeasureValues(rids, value, status, flags)

    def cells(self, measure: Measure, rid: int) -> list[Cell]:
        """The facts behind the measure in one report (those present)."""
        return [c for key in measure.keys(self.reports[rid].format) if (c := self.cell(rid, key))]

    def cell(self, rid: int, key: str) -> Cell | None:
        """One fact of one report, or None when the report lacks it."""
        c = self._column(key)
        if not c.present[rid]:
            return None
        v = float(c.value[rid])
        return Cell(rid, key, None if np.isnan(v) else v, _bits_to_flags(int(c.flags[rid])), int(c.line[rid]),
                    int(c.rowid[rid]), int(c.col[rid]) or None)

    def sources(self, measure: Measure, rids: np.ndarray) -> list[list[str | int | None] | None]:
        """[file, line, key] of the measure's first cell in each report (the rows' sources in an answer
        table), None where the report has none; by arrays, for a table of thousands of rows."""
        rids = np.asarray(rids, np.int64)
        kid = np.full(len(rids), -1)
        line = np.zeros(len(rids), np.int64)
        fmts = self.format_of[rids] if len(rids) else np.array([], str)
        keys: list[str] = []
        for fmt, fmt_keys in measure.keys_by_format.items():
            sel = np.nonzero(fmts == fmt)[0]
            for key in fmt_keys if len(sel) else ():
                c = self._column(key)
                here = sel[(kid[sel] < 0) & c.present[rids[sel]]]
                kid[here], line[here] = len(keys), c.line[rids[here]]
                keys.append(key)
        docs = self.table.columns()[0]
        return [[docs[r], ln, keys[k]] if k >= 0 else None for r, k, ln in zip(rids.tolist(), kid.tolist(), line.tolist())]

    # ------------------------------------------------------------ scope: which reports a question is about
    def scope(self, agencies: list[str] | None = None, years: list[int] | None = None,
              latest: bool = True) -> np.ndarray:
        """Report ids in scope: the named agencies (all when None), the named years (all when None), and
        with latest=True only each agency's latest report among those. A report brought as several files is
        in scope once, as its cleanest copy (qa.copies)."""
        mask = self.copies.is_primary.copy()
        if agencies:
            ids = [self.agency_names.index(a) for a in agencies if a in self.agency_names]
            mask &= np.isin(self.agency_of, ids)
        if years:
            mask &= np.isin(self.year_of, years)
        rids = np.nonzero(mask)[0]
        if latest and len(rids):
            # latest year first within each agency; ties (two reports of one year) by doc order
            order = np.lexsort((rids, -self.year_of[rids], self.agency_of[rids]))
            rids = rids[order]
            first = np.ones(len(rids), bool)
            first[1:] = self.agency_of[rids][1:] != self.agency_of[rids][:-1]
            rids = np.sort(rids[first])
        return rids

    def multi_year_agencies(self, rids: np.ndarray | None = None) -> int:
        """How many agencies have more than one report (among rids, or in the whole index)."""
        a = self.agency_of[self.copies.is_primary] if rids is None else self.agency_of[rids]
        if not len(a):
            return 0
        _, counts = np.unique(a, return_counts=True)
        return int((counts > 1).sum())

    # ------------------------------------------------------------ the database, for what answers cite
    def details(self, rowids: list[int]) -> dict[int, CellDetail]:
        """Raw text and note of the cells read in a special way; other cells' raw text is their number."""
        return {r: self._special[r] for r in rowids if r in self._special}

    def lines(self, spans: list[tuple[str, int, int]]) -> dict[tuple[str, int], str]:
        """Text of the lines of each (doc, first, last) span. One `rowid between` read per merged span: DuckDB
        skips to it by the row groups' rowid ranges (~0.6 ms at 10,000 reports), where `rowid in (…)` or a
        join scans the whole table (~15 ms)."""
        merged: dict[str, list[list[int]]] = {}
        for doc, a, b in sorted(spans):
            runs = merged.setdefault(doc, [])
            if runs and a <= runs[-1][1] + 1:
                runs[-1][1] = max(runs[-1][1], b)
            else:
                runs.append([a, b])
        out: dict[tuple[str, int], str] = {}
        todo = []
        for doc, runs in merged.items():
            for a, b in runs:
                cached = [self._line_cache.get((doc, ln)) for ln in range(a, b + 1)]
                if all(t is not None for t in cached):  # rankings cite the same top rows again and again
                    out.update({(doc, ln): t for ln, t in zip(range(a, b + 1), cached) if t is not _GAP})
                else:
                    todo.append((doc, a, b))
        if len(todo) > SPANS_APART:  # many spans not in the cache: one query beats one read each
            got = self.lines_bulk(todo)
            out.update(got)
            for doc, a, b in todo:
                self._remember(doc, a, b, got)
            return out
        self._locate_lines({doc for doc, _, _ in todo})
        for doc, a, b in todo:
            if doc in self._line_base:
                r0, l0 = self._line_base[doc]
                lo, hi = r0 + max(a, l0) - l0, r0 + b - l0
            elif doc in self._line_numbers:
                r0, numbers = self._line_numbers[doc]
                i, j = np.searchsorted(numbers, [a, b + 1])
                lo, hi = r0 + int(i), r0 + int(j) - 1
            else:  # a document whose lines are not stored contiguously
                for d, ln, t in self.con.execute("select doc, line, text from lines where doc = ? and line "
                                                 "between ? and ?", [doc, a, b]).fetchall():
                    out[(d, int(ln))] = t
                continue
            if hi < lo:
                continue
            got = {}
            for d, ln, t in self.con.execute("select doc, line, text from lines where rowid between ? and ?",
                                             [lo, hi]).fetchall():
                got[(d, int(ln))] = t
            out.update(got)
            self._remember(doc, a, b, got)
        return out

    def lines_bulk(self, spans: list[tuple[str, int, int]]) -> dict[tuple[str, int], str]:
        """The same as lines() for many spans at once (a whole ranking's table): one range join, where one
        read per span would cost ~0.6 ms each."""
        if not spans:
            return {}
        docs, lo, hi = zip(*spans)
        rows = self.con.execute(
            "select l.doc, l.line, l.text from lines l join (select unnest(?) as doc, unnest(?) as lo, "
            "unnest(?) as hi) q on l.doc = q.doc and l.line between q.lo and q.hi",
            [list(docs), list(lo), list(hi)]).fetchall()
        return {(d, int(ln)): t for d, ln, t in rows}

    def clear_cache(self) -> None:
        self._line_cache.clear()

    def _remember(self, doc: str, a: int, b: int, got: dict[tuple[str, int], str]) -> None:
        if len(self._line_cache) > LINE_CACHE:
            self._line_cache.clear()  # bounded; refilled by the next questions
        for ln in range(a, b + 1):
            self._line_cache[(doc, ln)] = got.get((doc, ln), _GAP)

    def warnings(self, doc: str) -> list[str]:
        return [m for (m,) in self.con.execute("select message from warnings where doc = ?", [doc]).fetchall()]

    def whole_tables(self, docs: list[str] | None, wanted: dict[str, list[str]], flagged: list[str]) -> set[str]:
        """The docs (None: every report) whose tables hold every key their format wants and no cell read with
        one of `flagged` (blank, words, unplaced): one grouped read, so a corpus-wide question about gaps reads
        each report's keys only where it has some."""
        pairs = [(fmt, k) for fmt, keys in wanted.items() for k in keys]
        within = "and f.doc in (select unnest(?))" if docs is not None else ""
        args = [[f for f, _ in pairs], [k for _, k in pairs]] + ([docs] if docs is not None else []) + [flagged]
        return {d for (d,) in self.con.execute(f"""
            with want as (select unnest(?) as format, unnest(?) as key),
                 need as (select format, count(*) as n from want group by format)
            select f.doc from facts f left join want w on f.format = w.format and f.key = w.key
            join need on f.format = need.format
            where true {within}
            group by f.doc, need.n
            having count(distinct w.key) = need.n and not bool_or(len(list_intersect(f.flags, ?)) > 0)""",
                                                    args).fetchall()}

    def keys_of(self, docs: list[str]) -> dict[str, dict[str, tuple[str, ...]]]:
        """report_keys of several reports in one read."""
        out: dict[str, dict[str, tuple[str, ...]]] = {d: {} for d in docs}
        for d, k, f in self.con.execute("select doc, key, flags from facts where doc in (select unnest(?))",
                                        [docs]).fetchall():
            out[d][k] = tuple(f or ())
        return out

    def report_keys(self, doc: str) -> dict[str, tuple[str, ...]]:
        """Every fact key a report holds, with the flags it was read with (its table as read, for its gaps)."""
        return {k: tuple(f or ()) for k, f in self.con.execute("select key, flags from facts where doc = ?", [doc]).fetchall()}

    def part_rows(self, doc: str, part: str) -> list[tuple[str, int]]:
        """(fact key, line) of a report's facts in one part, in line order (where its table starts and ends)."""
        return [(k, int(ln)) for k, ln in self.con.execute(
            "select key, line from facts where doc = ? and part = ? and line > 0 order by line", [doc, part]).fetchall()]

    def findings_of(self, docs: set[str]) -> list[StoredFinding]:
        if self._findings is None and len(docs) < FINDINGS_BY_DOC:
            return self._read_findings("and doc in (select unnest(?))", [sorted(docs)])
        return [f for f in self.problem_findings if f.doc in docs]

    def passed_details(self, docs: list[str], rules: frozenset[int] | None, kind: str | None) -> list[StoredFinding]:
        """The checks that passed in these reports, of these rules or of this kind (what a clean answer shows)."""
        return self._findings_where("status = ? and doc in (select unnest(?)) and (rule in (select unnest(?)) "
                                    "or kind = ?) order by year, doc, rule, scope",
                                    ["PASS", docs, sorted(rules or []), kind or ""])

    def passed_findings(self, docs: list[str], rules: frozenset[int] | None = None, kind: str | None = None) -> int:
        """How many checks passed in these reports (of these rules only, or of this kind only, when given)."""
        (n,) = self.con.execute("select count(*) from findings where status = ? and doc in (select unnest(?))"
                                " and (? or rule in (select unnest(?))) and (? or kind = ?)",
                                ["PASS", docs, rules is None, sorted(rules or []), kind is None, kind or ""]).fetchone()
        return int(n)
