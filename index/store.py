"""The facts database: one DuckDB file in the index folder with the reports, their facts, findings,
warnings, passages and source lines, for exact lookups and for power users' SQL.

    duckdb .index/current/facts.duckdb "select agency, value from facts where key = 'penalty.decisions'"
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from index.model import Document, ExtractedReport, Finding, Passage
from index.template import fact_specs

FACTS_DB = "facts.duckdb"

_SCHEMA = {
    "reports": ["doc", "path", "sha256", "agency", "year", "format", "format_basis", "date", "file_format",
                "encoding", "facts", "warnings", "parts"],
    "facts": ["doc", "agency", "year", "format", "key", "label", "item", "column_label", "part", "value",
              "unit", "raw", "line", "col", "flags", "note", "source"],
    "findings": ["doc", "agency", "year", "kind", "rule", "scope", "status", "detail", "numbers", "line"],
    "warnings": ["doc", "agency", "year", "message", "line"],
    "passages": ["pidx", "id", "doc", "agency", "year", "part", "kind", "text", "line_start", "line_end", "fact_keys"],
    "lines": ["doc", "line", "text"],
}


def _frames(reports: Sequence[ExtractedReport], cross_year: Sequence[Finding], passages: Sequence[Passage],
            lines: dict[str, list[tuple[int, str]]]) -> dict[str, pd.DataFrame]:
    specs = fact_specs()
    rows: dict[str, list[dict]] = {name: [] for name in _SCHEMA}
    for r in reports:
        m = r.meta
        rows["reports"].append({
            "doc": m.doc, "path": m.path, "sha256": m.sha256, "agency": m.agency, "year": m.year,
            "format": m.format, "format_basis": m.format_basis, "date": m.date, "file_format": m.file_format,
            "encoding": m.encoding, "facts": len(r.facts), "warnings": len(r.warnings),
            "parts": json.dumps([p.model_dump() for p in m.parts], ensure_ascii=False)})
        for f in r.facts:
            spec = specs[f.key]
            rows["facts"].append({
                "doc": f.doc, "agency": f.agency, "year": f.year, "format": f.format, "key": f.key,
                "label": f.label, "item": spec.item, "column_label": spec.column, "part": spec.part,
                "value": None if f.value is None else float(f.value), "unit": f.unit, "raw": f.raw,
                "line": f.line, "col": f.column, "flags": list(f.flags), "note": f.note,
                "source": f.source.describe()})
        for w in r.warnings:
            rows["warnings"].append({"doc": w.doc, "agency": m.agency, "year": m.year, "message": w.message,
                                     "line": w.line})
        for x in r.findings:
            rows["findings"].append(_finding_row(x))
    for x in cross_year:
        rows["findings"].append(_finding_row(x))
    for i, p in enumerate(passages):  # pidx: the passage's place in the keyword and dense indexes
        rows["passages"].append({"pidx": i, **p.model_dump()})
    for doc, doc_lines in lines.items():
        rows["lines"].extend({"doc": doc, "line": n, "text": t} for n, t in doc_lines)
    return {name: pd.DataFrame(rows[name], columns=cols) for name, cols in _SCHEMA.items()}


def _finding_row(x: Finding) -> dict:
    return {"doc": x.doc, "agency": x.agency, "year": x.year, "kind": x.kind, "rule": x.rule, "scope": x.scope,
            "status": x.status, "detail": x.detail, "numbers": json.dumps(x.numbers, ensure_ascii=False),
            "line": x.line}


def write_facts_db(path: Path, reports: Sequence[ExtractedReport], cross_year: Sequence[Finding],
                   passages: Sequence[Passage], lines: dict[str, list[tuple[int, str]]]) -> None:
    import duckdb

    frames = _frames(reports, cross_year, passages, lines)
    con = duckdb.connect(str(path))
    try:
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f"create table {name} as select * from frame")  # names are ours, never user text
            con.unregister("frame")
        con.execute("create index facts_key on facts (key)")
        con.execute("create index passages_pidx on passages (pidx)")
    finally:
        con.close()


def document_lines(doc: Document) -> list[tuple[int, str]]:
    return [(ln.number, ln.text) for ln in doc.lines]
