"""The corpus-level step after per-file extraction: values one report left ambiguous (cells run together
that split several ways) that the same agency's neighbouring year decides.

The form ties consecutive years in one place: 上年结转政府信息公开申请数量 of year Y is 结转下年度继续办理 of
year Y-1, column by column. A report's ambiguous rows are decided again with that as one more stated
number (besides the template's rules and the report's own prose): only values whose candidates the
neighbour decides are filled, each with a note that says so. Extraction stays per file (and cacheable);
this step reads the reports' facts, candidates and claims and changes nothing else."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import SimpleNamespace

from index.checks import ClaimCheck, rule_findings
from index.model import ExtractedReport
from index.placement import resolve
from index.template import APPLY_COLUMNS, rule_checks

NOTE = "拆分：按勾稽关系与相邻年度报告（{source}）唯一确定"


def fill_from_neighbours(reports: Sequence[ExtractedReport]) -> int:
    """Fill, in place, the values the neighbouring years decide; the number of values filled. The rule
    findings of a changed report are judged again with its new values."""
    by_agency: dict[tuple[str, int], ExtractedReport] = {}
    for r in reports:
        if r.meta.agency and r.meta.year:
            by_agency[(r.meta.agency, r.meta.year)] = r
    filled = 0
    for (agency, year), report in by_agency.items():
        if not report.candidates:
            continue
        claims = []
        prev, nxt = by_agency.get((agency, year - 1)), by_agency.get((agency, year + 1))
        if prev is not None:
            claims += _carry(prev, "carried_out", report, "carried_in")
        if nxt is not None:
            claims += _carry(nxt, "carried_in", report, "carried_out")
        if claims:
            filled += _decide(report, claims)
    return filled


def _carry(other, other_row: str, report: ExtractedReport,
           row: str) -> list[tuple[ClaimCheck, str]]:
    """This report's `row` equals the neighbour's `other_row`, per column, where the neighbour states it
    (`other`: a report, or what an index holds of one: .meta.doc, .meta.year, .value(key))."""
    out = []
    for col in APPLY_COLUMNS:
        value = other.value(f"apply.{other_row}.{col.key}")
        if value is not None:
            out.append((ClaimCheck(((f"apply.{row}.{col.key}",),), value),
                        f"{other.meta.doc}：{other.meta.year}年"
                        f"{'结转下年度继续办理' if other_row == 'carried_out' else '上年结转'}"))
    return out


def _decide(report: ExtractedReport, neighbour: list[tuple[ClaimCheck, str]]) -> int:
    facts = {f.key: f for f in report.facts}
    groups = {tuple(c.keys): c.vectors for c in report.candidates
              if any(k in facts and facts[k].value is None for k in c.keys)}
    if not groups:
        return 0
    fixed = {k: f.value for k, f in facts.items() if f.value is not None}
    own = [(ClaimCheck(tuple(tuple(r) for r in c.readings), c.value), c.source) for c in report.claims]
    decided = resolve(groups, fixed, rule_checks(report.meta.format, facts.keys()), own + neighbour)
    n = 0
    for key, d in decided.items():
        fact = facts.get(key)
        if fact is None or fact.value is not None:
            continue  # what the report decided alone stays as it was
        fact.value = d.value
        fact.flags = [f for f in fact.flags if f != "ambiguous"]
        fact.note = NOTE.format(source=d.basis)
        n += 1
    if n:
        report.candidates = [c for c in report.candidates if any(facts[k].value is None for k in c.keys
                                                                     if k in facts)]
        report.findings = [f for f in report.findings if f.kind != "rule"] + rule_findings(report.meta, facts)
    return n



# ---------------------------------------------------------------- the same step over a built index
def fill_index_from_neighbours(con, cached_report: Callable[[str], ExtractedReport | None]) -> int:
    """The neighbour step over a facts database (index.store): the reports that have ambiguous facts, or
    facts an earlier build filled from a neighbour, are taken again from their per-file extraction
    (`cached_report(doc)`), decided with the neighbouring years the index holds now, and their facts and
    rule findings rewritten. The number of values filled."""
    from index.store import finding_row

    docs = [d for (d,) in con.execute(
        "select distinct doc from facts where list_contains(flags, 'ambiguous') or note like ?",
        [NOTE.split("{")[0] + "%"]).fetchall()]
    if not docs:
        return 0
    summaries = {(a, y): SimpleNamespace(meta=SimpleNamespace(doc=d, year=y), values={})
                 for d, a, y in con.execute("select doc, agency, year from reports where agency is not null "
                                            "and year is not null").fetchall()}
    for d, a, y, key, value in con.execute(
            "select r.doc, r.agency, r.year, f.key, f.value from facts f join reports r on r.doc = f.doc "
            "where f.key like 'apply.carried_%' and f.value is not null").fetchall():
        if (a, y) in summaries:
            summaries[(a, y)].values[key] = int(value) if float(value).is_integer() else value
    for s in summaries.values():
        s.value = s.values.get
    filled = 0
    where = {d: (a, y) for d, a, y in con.execute("select doc, agency, year from reports").fetchall()}
    for doc in docs:
        report = cached_report(doc)
        agency, year = where.get(doc, (None, None))  # as the index holds them (a reports.csv may correct them)
        if report is None or not agency or not year:
            continue
        claims = []
        if (agency, year - 1) in summaries:
            claims += _carry(summaries[(agency, year - 1)], "carried_out", report, "carried_in")
        if (agency, year + 1) in summaries:
            claims += _carry(summaries[(agency, year + 1)], "carried_in", report, "carried_out")
        n = _decide(report, claims) if claims else 0
        filled += n
        for f in report.facts:  # the per-file values, with what the neighbours decide now
            con.execute("update facts set value = ?, flags = ?, note = ? where doc = ? and key = ?",
                        [f.value, list(f.flags), f.note, doc, f.key])
        con.execute("delete from findings where doc = ? and kind = 'rule'", [doc])
        for x in (x for x in report.findings if x.kind == "rule"):
            row = finding_row(x)
            con.execute(f"insert into findings ({', '.join(row)}) values ({', '.join('?' * len(row))})",
                        list(row.values()))
    return filled


def fill_build_from_neighbours(con, cache: Path, entries: Sequence) -> int:
    """The build's hook: `entries` name each file's doc and its cached extraction (index.build)."""
    from index.build import CachedFile

    key_of = {e.doc: e.key for e in entries}

    def cached_report(doc: str) -> ExtractedReport | None:
        path = cache / f"{key_of.get(doc)}.json"
        try:
            return CachedFile.model_validate_json(path.read_bytes()).report
        except (OSError, ValueError):
            return None

    return fill_index_from_neighbours(con, cached_report)
