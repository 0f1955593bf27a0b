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

from index.checks import ClaimCheck, cross_year_findings, rule_findings
from index.metadata import agency_keys
from index.model import ExtractedReport
from index.placement import resolve
from index.template import APPLY_COLUMNS, rule_checks

NOTE = "拆分：按勾稽关系与相邻年度报告（{source}）唯一确定"


def fill_from_neighbours(reports: Sequence[ExtractedReport]) -> int:
    """Fill, in place, the values the neighbouring years decide; the number of values filled. The rule
    findings of a changed report are judged again with its new values."""
    keys = agency_keys(r.meta.agency for r in reports if r.meta.agency)
    by_year: dict[tuple[str, int], list[ExtractedReport]] = {}
    for r in reports:
        if r.meta.agency and r.meta.year:
            by_year.setdefault((keys[r.meta.agency], r.meta.year), []).append(r)
    filled = 0
    for report in reports:
        agency, year = report.meta.agency, report.meta.year
        if not report.candidates or not agency or not year:
            continue
        agency = keys[agency]
        claims = _carry(by_year.get((agency, year - 1), []), "carried_out", "carried_in") + \
            _carry(by_year.get((agency, year + 1), []), "carried_in", "carried_out")
        if claims:
            filled += _decide(report, claims)
    return filled


def _carry(others: Sequence, other_row: str, row: str) -> list[tuple[ClaimCheck, str]]:
    """This report's `row` equals the neighbours' `other_row`, per column, where they state it and agree
    (the same year may be in the corpus twice: a page and its dump). `others`: reports, or what an index
    holds of them (.meta.doc, .meta.year, .value(key))."""
    out = []
    what = "结转下年度继续办理" if other_row == "carried_out" else "上年结转"
    for col in APPLY_COLUMNS:
        stated = {o.meta.doc: o.value(f"apply.{other_row}.{col.key}") for o in others}
        known = {v for v in stated.values() if v is not None}
        if len(known) == 1:
            docs = "、".join(d for d, v in stated.items() if v is not None)
            out.append((ClaimCheck(((f"apply.{row}.{col.key}",),), known.pop()),
                        f"{docs}：{others[0].meta.year}年{what}"))
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
    docs = sorted(neighbour_docs(con))
    if not docs:
        return 0
    summaries: dict[str, SimpleNamespace] = {}
    by_year: dict[tuple[str, int], list[SimpleNamespace]] = {}
    rows = con.execute("select doc, agency, year from reports where agency is not null and year is not null").fetchall()
    keys = agency_keys(a for _, a, _ in rows)
    for d, a, y in rows:
        values: dict[str, float | int] = {}
        summaries[d] = SimpleNamespace(meta=SimpleNamespace(doc=d, agency=a, year=y), value=values.get,
                                       values=values)
        by_year.setdefault((keys[a], y), []).append(summaries[d])
    for d, key, value in con.execute("select doc, key, value from facts where key like 'apply.carried_%' "
                                     "and value is not null").fetchall():
        if d in summaries:
            summaries[d].values[key] = int(value) if float(value).is_integer() else value
    filled = 0
    where = {d: (a, y) for d, a, y in con.execute("select doc, agency, year from reports").fetchall()}
    for doc in docs:
        report = cached_report(doc)
        agency, year = where.get(doc, (None, None))  # as the index holds them (a reports.csv may correct them)
        if report is None or not agency or not year:
            continue
        claims = _carry(by_year.get((keys[agency], year - 1), []), "carried_out", "carried_in") + \
            _carry(by_year.get((keys[agency], year + 1), []), "carried_in", "carried_out")
        n = _decide(report, claims) if claims else 0
        filled += n
        last = {f.key: f for f in report.facts}  # the per-file values, with what the neighbours decide now
        con.execute("update facts set value = u.value, flags = u.flags, note = u.note from (select "
                    "unnest(?::VARCHAR[]) as key, unnest(?::DOUBLE[]) as value, unnest(?::VARCHAR[][]) as flags, "
                    "unnest(?::VARCHAR[]) as note) u where facts.doc = ? and facts.key = u.key",
                    [list(last), [None if f.value is None else float(f.value) for f in last.values()],
                     [list(f.flags) for f in last.values()], [f.note for f in last.values()], doc])
        for f in report.facts:  # one statement per report: one per fact took ~15 s for 18 reports
            if doc in summaries and f.key.startswith("apply.carried_") and f.value is not None:
                summaries[doc].values[f.key] = f.value
        _replace_findings(con, doc, "rule", [x.model_copy(update={"agency": agency, "year": year})
                                             for x in report.findings if x.kind == "rule"])
    if filled:  # carry-over between the years, judged again with the values filled
        cross = cross_year_findings(list(summaries.values()))
        con.execute("delete from findings where kind = 'cross_year'")
        _insert_findings(con, cross)
    return filled


def _replace_findings(con, doc: str, kind: str, findings: list) -> None:
    con.execute("delete from findings where doc = ? and kind = ?", [doc, kind])
    _insert_findings(con, findings)


def _insert_findings(con, findings: list) -> None:
    from index.store import SCHEMA, finding_row

    if not findings:
        return
    rows = [finding_row(x) for x in findings]
    cols = SCHEMA["findings"]  # one statement: one per row took ~0.5 s a report
    con.execute(f"insert into findings ({', '.join(c for c, _ in cols)}) select "
                + ", ".join(f"unnest(?::{ty}[])" for _, ty in cols), [[r[c] for r in rows] for c, _ in cols])


def neighbour_docs(con) -> set[str]:
    """The reports of a facts database with values a neighbouring year decides or could decide."""
    return {d for (d,) in con.execute("select distinct doc from facts where list_contains(flags, 'ambiguous') "
                                      "or note like ?", [NOTE.split("{")[0] + "%"]).fetchall()}


def neighbour_sensitive(facts: dict[str, list]) -> bool:
    """The same for one file's fact rows (index.store.file_rows)."""
    prefix = NOTE.split("{")[0]
    return any("ambiguous" in f for f in facts["flags"]) or any((n or "").startswith(prefix) for n in facts["note"])


def fill_build_from_neighbours(con, cache: Path, entries: Sequence) -> int:
    """The build's hook: `entries` name each file's doc and its cached extraction (index.build)."""
    from index.build import read_cached

    key_of = {e.doc: e.key for e in entries}

    def cached_report(doc: str) -> ExtractedReport | None:
        entry = read_cached(cache, key_of.get(doc))
        return None if entry is None else entry.report

    return fill_index_from_neighbours(con, cached_report)
