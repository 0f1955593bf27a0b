"""The facts database: one DuckDB file in the index folder with the reports, their facts, findings,
warnings, passages and source lines, for exact lookups and for power users' SQL.

    duckdb .index/current/facts.duckdb "select agency, value from facts where key = 'penalty.decisions'"

Written by FactsWriter: each file's rows are staged as it is read (plain column lists, so the work can
run in other processes), and `finish` assembles the tables in corpus order — from the staged rows, plus,
on a rebuild, the unchanged files' rows copied from the previous generation's database inside DuckDB
(no Python objects for them). Column types are fixed here, not guessed from the data."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import get_args

from index.model import Document, ExtractedReport, Finding, Flag, Passage

FACTS_DB = "facts.duckdb"

_V, _I, _D = "VARCHAR", "BIGINT", "DOUBLE"
SCHEMA: dict[str, list[tuple[str, str]]] = {
    "reports": [("doc", _V), ("path", _V), ("sha256", _V), ("agency", _V), ("agency_short", _V), ("year", _I),
                ("format", _V),
                ("format_basis", _V), ("date", _V), ("file_format", _V), ("encoding", _V), ("facts", _I),
                ("warnings", _I), ("parts", _V)],
    "facts": [("doc", _V), ("agency", _V), ("year", _I), ("format", _V), ("key", _V), ("label", _V), ("item", _V),
              ("column_label", _V), ("part", _V), ("value", _D), ("unit", _V), ("raw", _V), ("line", _I),
              ("col", _I), ("flags", "VARCHAR[]"), ("note", _V), ("source", _V)],
    "findings": [("doc", _V), ("agency", _V), ("year", _I), ("kind", _V), ("rule", _I), ("scope", _V),
                 ("status", _V), ("detail", _V), ("numbers", _V), ("line", _I)],
    "warnings": [("doc", _V), ("agency", _V), ("year", _I), ("message", _V), ("line", _I)],
    "passages": [("pidx", _I), ("id", _V), ("doc", _V), ("agency", _V), ("year", _I), ("part", _V), ("kind", _V),
                 ("text", _V), ("line_start", _I), ("line_end", _I), ("fact_keys", "VARCHAR[]")],
    "lines": [("doc", _V), ("line", _I), ("text", _V)],
}
FLUSH_ROWS = 50_000  # staged rows kept in memory before they go to DuckDB
SMALL_INSERT = 5_000  # fewer rows than this go in as query parameters, more through Arrow
# DuckDB's own default is 80% of the machine's memory; a build sorts and copies within this and spills to
# disk beyond it ($QA_DB_MEMORY overrides).
DB_MEMORY = "1GB"

Rows = dict[str, dict[str, list]]  # table → column → values


def _empty() -> Rows:
    return {t: {c: [] for c, _ in cols} for t, cols in SCHEMA.items()}


def file_rows(report: ExtractedReport, passages: Sequence[Passage], lines: Sequence[tuple[int, str]]) -> Rows:
    """One report's rows of every table, as column lists. passages.pidx holds the passage's place in its
    own file; FactsWriter.finish makes it the place in the corpus."""
    from index.template import fact_specs

    specs = fact_specs()
    out = _empty()
    m = report.meta
    _append(out["reports"], doc=m.doc, path=m.path, sha256=m.sha256, agency=m.agency, agency_short=m.agency_short,
            year=m.year, format=m.format,
            format_basis=m.format_basis, date=m.date, file_format=m.file_format, encoding=m.encoding,
            facts=len(report.facts), warnings=len(report.warnings),
            parts=json.dumps([p.model_dump() for p in m.parts], ensure_ascii=False))
    facts = out["facts"]
    for f in report.facts:
        spec = specs[f.key]
        _append(facts, doc=f.doc, agency=f.agency, year=f.year, format=f.format, key=f.key, label=f.label,
                item=spec.item, column_label=spec.column, part=spec.part,
                value=None if f.value is None else float(f.value), unit=f.unit, raw=f.raw, line=f.line,
                col=f.column, flags=list(f.flags), note=f.note, source=f.source.describe())
    for w in report.warnings:
        _append(out["warnings"], doc=w.doc, agency=m.agency, year=m.year, message=w.message, line=w.line)
    for x in report.findings:
        _append(out["findings"], **finding_row(x))
    for i, p in enumerate(passages):
        _append(out["passages"], pidx=i, **p.model_dump())
    lt = out["lines"]
    lt["doc"].extend([m.doc] * len(lines))
    lt["line"].extend(n for n, _ in lines)
    lt["text"].extend(t for _, t in lines)
    return out


def _append(table: dict[str, list], **row) -> None:
    for c, v in row.items():
        table[c].append(v)


def finding_row(x: Finding) -> dict:
    return {"doc": x.doc, "agency": x.agency, "year": x.year, "kind": x.kind, "rule": x.rule, "scope": x.scope,
            "status": x.status, "detail": x.detail, "numbers": json.dumps(x.numbers, ensure_ascii=False),
            "line": x.line}


@dataclass
class _Summary:
    """A report as far as the cross-year check reads it."""

    meta: SimpleNamespace
    values: dict[str, float | int | None]

    def value(self, key: str) -> float | int | None:
        return self.values.get(key)


@dataclass
class FileSlot:
    """One file of the corpus in the new generation, in corpus order."""

    fileno: int
    doc: str
    path: str  # as the reports table shows it
    passages: int
    prev_offset: int | None  # where its passages start in the previous generation, if taken from there


def insert_columns(con, table: str, cols: dict[str, list], types: list[tuple[str, str]], arrow: bool = True) -> None:
    """Column lists into a table: as query parameters when few (no pyarrow import: a one-file rebuild
    is mostly start-up), through an Arrow table of the declared types when many (far faster per row)."""
    n = len(next(iter(cols.values())))
    if n < SMALL_INSERT or not arrow:
        con.execute(f"insert into {table} select " + ", ".join(f"unnest(?::{ty}[])" for _, ty in types),
                    [cols[c] for c, _ in types])
        return
    con.register("frame", _arrow_table(cols, types))
    con.execute(f"insert into {table} select * from frame")
    con.unregister("frame")


class TablesReader:
    """Reads of the passages table a build makes after writing it (index.build embeds from them)."""

    def __init__(self, con):
        self.con = con

    def passage_columns(self, prose_only: bool = False) -> dict[str, list]:
        """Columns of the passages table in pidx order."""
        where = "where kind = 'prose' " if prose_only else ""
        cur = self.con.execute(f"select pidx, id, doc, agency, year, part, kind from passages {where}order by pidx")
        names = [d[0] for d in cur.description]
        cols = {n: [] for n in names}
        for row in cur.fetchall():
            for n, v in zip(names, row):
                cols[n].append(v)
        return cols

    def texts(self, start: int, stop: int, prose_only: bool = True) -> list[str]:
        where = " and kind = 'prose'" if prose_only else ""
        return [t for (t,) in self.con.execute(
            f"select text from passages where pidx >= ? and pidx < ?{where} order by pidx", [start, stop]).fetchall()]


def open_segment_db(path: Path):
    """A new segment's facts database, opened for writing (index/grow.py also reads the previous parts
    through this connection before write_segment_db fills it: one connection for the add)."""
    import duckdb

    return duckdb.connect(str(path), config={"memory_limit": os.environ.get("QA_DB_MEMORY", DB_MEMORY)})


def write_segment_db(con, files: Sequence[tuple[str, Rows]], pidx_start: int,
                     findings: dict[str, list]) -> TablesReader:
    """A segment's facts database (index/grow.py; con: open_segment_db's): the tables of a few files
    written as they are, in file order, without FactsWriter's staging (each statement costs ~10 ms on a
    busy machine, and an add must stay well under a second); passages numbered from `pidx_start`;
    `findings` (columns: the generation's cross-year set) appended. files: (path as the reports table
    shows it, the file's rows). Returns the open database (close its .con)."""
    out = _empty()
    at = pidx_start
    for shown, rows in files:
        for t, cols in rows.items():
            for c, values in cols.items():
                if t == "passages" and c == "pidx":
                    values = [at + i for i in values]
                elif t == "reports" and c == "path":
                    values = [shown] * len(values)  # where the file is now (a cached extraction may name an old place)
                out[t][c].extend(values)
        at += len(rows["passages"]["pidx"])
    for c, values in findings.items():
        out["findings"][c].extend(values)
    for t, cols in SCHEMA.items():
        con.execute(f"create table main.{t} (" + ", ".join(f'"{c}" {ty}' for c, ty in cols) + ")")
        if out[t][cols[0][0]]:
            insert_columns(con, f"main.{t}", out[t], cols, arrow=False)  # no pyarrow import for a few files
    return TablesReader(con)


class FactsWriter(TablesReader):
    """Stage rows per file, then `finish` the tables in corpus order (see the module docstring)."""

    def __init__(self, path: Path, prev=None):
        """prev: the previous generation (index.generation.Generation), whose rows `finish` takes for the
        files it names; read as `prev.<table>` (views over its parts when it has segments)."""
        import duckdb

        self.con = duckdb.connect(str(path), config={"memory_limit": os.environ.get("QA_DB_MEMORY", DB_MEMORY)})
        self.prev = prev is not None
        if prev is not None:
            if prev.segmented:
                prev.attach(self.con, "prev")
            else:
                self.con.execute(f"attach '{_sql_str(str(prev.path / FACTS_DB))}' as prev (read_only)")
        for t, cols in SCHEMA.items():
            self.con.execute(f"create temp table stage_{t} (_file BIGINT, "
                             + ", ".join(f'"{c}" {ty}' for c, ty in cols) + ")")
        self._rows = _empty()
        self._files: dict[str, list[int]] = {t: [] for t in SCHEMA}
        self._pending = 0

    def add(self, fileno: int, rows: Rows) -> None:
        for t, cols in rows.items():
            n = len(next(iter(cols.values())))
            self._files[t].extend([fileno] * n)
            self._pending += n
            for c, values in cols.items():
                self._rows[t][c].extend(values)
        if self._pending >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        for t, cols in self._rows.items():
            if self._files[t]:
                self._insert(f"stage_{t}", {"_file": self._files[t], **cols}, [("_file", _I)] + SCHEMA[t])
        self._rows = _empty()
        self._files = {t: [] for t in SCHEMA}
        self._pending = 0

    def _insert(self, table: str, cols: dict[str, list], types: list[tuple[str, str]]) -> None:
        insert_columns(self.con, table, cols, types)

    def finish(self, slots: Sequence[FileSlot], cross_year: Callable[[list], list[Finding]], pidx_start: int = 0) -> None:
        """Write the final tables: rows of files taken from the previous generation and staged rows, in
        corpus order; passages numbered across the corpus (from `pidx_start`: a segment's passages come
        after those of the parts before it); cross-year findings recomputed."""
        self.flush()
        con = self.con
        offsets, at = [], pidx_start
        for s in slots:
            offsets.append(at)
            at += s.passages
        order_types = [("fileno", _I), ("doc", _V), ("path", _V), ("new_off", _I), ("prev_off", _I)]
        con.execute("create temp table file_order (" + ", ".join(f"{c} {ty}" for c, ty in order_types) + ")")
        if slots:
            self._insert("file_order", {"fileno": [s.fileno for s in slots], "doc": [s.doc for s in slots],
                                        "path": [s.path for s in slots], "new_off": offsets,
                                        "prev_off": [s.prev_offset for s in slots]}, order_types)
        findings = cross_year(self._reports_for_cross_year())
        for t, cols in SCHEMA.items():
            names = [c for c, _ in cols]
            staged = ", ".join(f's."{c}"' for c in names)
            if t == "passages":
                staged = staged.replace('s."pidx"', "o.new_off + s.pidx as pidx")
            if t == "reports":  # where the file is now (a cached extraction may name an old place)
                staged = staged.replace('s."path"', "o.path as path")
            parts = [f"select {staged}, s._file as _f, s.rowid as _r from stage_{t} s "
                     f"join file_order o on o.fileno = s._file"]
            if self.prev:
                kept = ", ".join(f'p."{c}"' for c in names)
                if t == "passages":
                    kept = kept.replace('p."pidx"', "o.new_off + (p.pidx - o.prev_off) as pidx")
                if t == "reports":
                    kept = kept.replace('p."path"', "o.path as path")
                where = " and p.kind <> 'cross_year'" if t == "findings" else ""
                parts.append(f"select {kept}, o.fileno as _f, p.rowid as _r from prev.{t} p "
                             f"join file_order o on o.doc = p.doc where o.prev_off is not null{where}")
            con.execute(f"create table {t} as select * exclude (_f, _r) from ("
                        + " union all ".join(parts) + ") order by _f, _r")
        if findings:
            rows = _empty()["findings"]
            for x in findings:
                _append(rows, **finding_row(x))
            self._insert("findings", rows, SCHEMA["findings"])
        con.execute("create index facts_key on facts (key)")
        con.execute("create index passages_pidx on passages (pidx)")

    def _reports_for_cross_year(self) -> list[_Summary]:
        """The reports in corpus order, each with the two facts the cross-year check reads (from the staged
        rows and the previous generation's, by file: two files may share a name)."""
        keys = "('apply.carried_out.total', 'apply.carried_in.total')"
        prev_r = prev_v = ""
        if self.prev:
            prev_r = ("union all select o.fileno, p.doc, p.agency, p.year from prev.reports p "
                      "join file_order o on o.doc = p.doc where o.prev_off is not null")
            prev_v = ("union all select o.fileno, p.key, p.value from prev.facts p join file_order o on o.doc = p.doc "
                      f"where o.prev_off is not null and p.key in {keys}")
        rows = self.con.execute(
            f"with r as (select _file as f, doc, agency, year from stage_reports {prev_r}), "
            f"v as (select _file as f, key, value from stage_facts where key in {keys} {prev_v}) "
            "select r.f, r.doc, r.agency, r.year, v.key, v.value from r left join v on v.f = r.f "
            "order by r.f").fetchall()
        out: dict[int, _Summary] = {}
        for f, doc, agency, year, key, value in rows:
            r = out.get(f)
            if r is None:
                r = out[f] = _Summary(SimpleNamespace(doc=doc, agency=agency, year=year), {})
            if key is not None:
                if isinstance(value, float) and value.is_integer():
                    value = int(value)  # counts are ints in the report model; the column holds doubles
                r.values.setdefault(key, value)
        return list(out.values())  # what cross_year_findings reads of a report: .meta and .value(key)

    def passage_meta(self, prose_only: bool = False):
        """(MetaColumns, passage ids) of the passages in pidx order, computed inside DuckDB: the same as
        MetaColumns.from_passages over them (agency and report ids in order of first appearance)."""
        import numpy as np

        from index.keyword import KIND_CODES, PART_CODES, MetaColumns

        where = "where kind = 'prose'" if prose_only else ""
        part = "case part " + " ".join(f"when '{k}' then {v}" for k, v in PART_CODES.items() if k) + " else 0 end"
        kind = "case kind " + " ".join(f"when '{k}' then {v}" for k, v in KIND_CODES.items()) + " end"
        con = self.con
        con.execute(f"create or replace temp table meta_p as select pidx, id, doc, agency, year, part, kind "
                    f"from passages {where}")
        con.execute("create or replace temp table meta_a as select agency, row_number() over (order by min(pidx)) - 1 "
                    "as aid from meta_p where agency is not null and agency <> '' group by agency")
        con.execute("create or replace temp table meta_d as select doc, row_number() over (order by min(pidx)) - 1 "
                    "as did from meta_p group by doc")
        cols = con.execute(
            f"select p.id, coalesce(a.aid, -1) as agency_id, d.did as doc_id, coalesce(p.year, -1) as year, "
            f"{part} as part, {kind} as kind from meta_p p left join meta_a a on a.agency = p.agency "
            "join meta_d d on d.doc = p.doc order by p.pidx").fetchnumpy()
        agencies = [a for (a,) in con.execute("select agency from meta_a order by aid").fetchall()]
        docs = [d for (d,) in con.execute("select doc from meta_d order by did").fetchall()]
        dtypes = {"agency_id": np.int32, "doc_id": np.int32, "year": np.int16, "part": np.int8, "kind": np.int8}
        meta = MetaColumns(agencies, docs, {c: np.asarray(cols[c], dt) for c, dt in dtypes.items()})
        return meta, list(cols["id"])

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.con.execute(sql).fetchone()[0])  # noqa: E731
        return {"reports": one("select count(*) from reports"), "facts": one("select count(*) from facts"),
                "passages": one("select count(*) from passages"),
                "fail": one("select count(*) from findings where status = 'FAIL'"),
                "not_assessable": one("select count(*) from findings where status = 'NOT_ASSESSABLE' "
                                      "and kind <> 'cross_year'")}

    def close(self) -> None:
        self.con.close()


# Arrow types of the schema's DuckDB types. Rows go in through Arrow with these declared types, never
# through a DataFrame whose object columns DuckDB would type from a sample (a sample of empty lists made
# flags and fact_keys NULL[], and the first non-empty list then failed to cast).
_ARROW_TYPES = {_V: "string", _I: "int64", _D: "float64", "VARCHAR[]": "list<string>"}


def _arrow_table(cols: dict[str, list], types: list[tuple[str, str]]):
    import pyarrow as pa

    kinds = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(),
             "list<string>": pa.list_(pa.string())}
    return pa.table({c: pa.array(cols[c], type=kinds[_ARROW_TYPES[ty]]) for c, ty in types})


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def write_facts_db(path: Path, reports: Sequence[ExtractedReport], cross_year: Sequence[Finding],
                   passages: Sequence[Passage], lines: dict[str, list[tuple[int, str]]]) -> None:
    """The whole database in one go from objects in memory (the build streams through FactsWriter)."""
    by_doc: dict[str, list[Passage]] = {}
    for p in passages:
        by_doc.setdefault(p.doc, []).append(p)
    w = FactsWriter(path)
    try:
        slots = []
        for i, r in enumerate(reports):
            ps = by_doc.get(r.meta.doc, [])
            w.add(i, file_rows(r, ps, lines.get(r.meta.doc, [])))
            slots.append(FileSlot(i, r.meta.doc, r.meta.path, len(ps), None))
        w.finish(slots, lambda _reports: list(cross_year))
    finally:
        w.close()


def document_lines(doc: Document) -> list[tuple[int, str]]:
    return [(ln.number, ln.text) for ln in doc.lines]


# ---------------------------------------------------------------- the facts by key, for readers
FACTS_BY_KEY = "facts_by_key.parquet"
_FLAG_NAMES = get_args(Flag)


def flag_bits_sql(column: str = "flags") -> str:
    """SQL for a fact's flags as bits (bit i: the i-th flag of index.model.Flag), as qa.facts holds them."""
    return " + ".join(f"(case when list_contains({column}, '{f}') then {1 << i} else 0 end)"
                      for i, f in enumerate(_FLAG_NAMES))


def key_columns_sql(source: str) -> str:
    """The columns a reader takes of one key's facts (see write_facts_by_key) from a facts table or select."""
    return (f"select key, doc, rowid, value, line, ({flag_bits_sql()})::INTEGER as bits, "
            "coalesce(col, 0)::INTEGER as col, len(flags) > 0 and flags <> ['blank'] as special, "
            f"case when special then coalesce(raw, '') end as raw, case when special then note end as note "
            f"from {source}")


def write_facts_by_key(con, folder: Path, source: str = "facts") -> Path:
    """FOLDER/facts_by_key.parquet: a base's facts sorted by key, with what a reader takes of each (rowid,
    value, line, flags as bits, column; raw text and note of the cells read in a special way). Why: a question
    reads one key over every report, and in the facts table, in corpus order, that is a scan of every fact
    (~1.4 s a key at 100,000 reports, 20M facts, the flags lists being the slow part); sorted by key, row
    groups' statistics lead to the key's own rows (milliseconds). Written to a temp name and renamed."""
    path = folder / FACTS_BY_KEY
    tmp = path.with_name(f".{path.name}.tmp")
    con.execute(f"copy ({key_columns_sql(source)} order by key, rowid) to '{_sql_str(str(tmp))}' "
                "(format parquet, compression zstd, row_group_size 65536)")
    tmp.replace(path)
    return path


LINES_BY_DOC = "lines_by_doc.parquet"


def write_lines_by_doc(con, folder: Path, source: str = "lines") -> Path:
    """FOLDER/lines_by_doc.parquet: where each document's lines sit in a base's lines table (first and last
    rowid and line number, count), for readers that cite a line by rowid: a grouped read of the lines table
    (20M rows at 100,000 reports) for each answer's documents is what this saves."""
    path = folder / LINES_BY_DOC
    tmp = path.with_name(f".{path.name}.tmp")
    con.execute(f"copy (select doc, min(rowid) as r0, max(rowid) as r1, min(line) as l0, max(line) as l1, "
                f"count(*) as n from {source} group by doc order by doc) to '{_sql_str(str(tmp))}' "
                "(format parquet, compression zstd)")
    tmp.replace(path)
    return path
