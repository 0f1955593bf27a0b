"""The corpus-level step after per-file extraction: values one report left ambiguous (cells run together
that split several ways) that the same agency's neighbouring year decides.

The form ties consecutive years in one place: 上年结转政府信息公开申请数量 of year Y is 结转下年度继续办理 of
year Y-1, column by column. A report's ambiguous rows are decided again with that as one more stated
number (besides the template's rules and the report's own prose): only values whose candidates the
neighbour decides are filled, each with a note that says so. Extraction stays per file (and cacheable);
this step reads the reports' facts, candidates and claims and changes nothing else."""

from __future__ import annotations

from collections.abc import Sequence

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


def _carry(other: ExtractedReport, other_row: str, report: ExtractedReport,
           row: str) -> list[tuple[ClaimCheck, str]]:
    """This report's `row` equals the neighbour's `other_row`, per column, where the neighbour states it."""
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

