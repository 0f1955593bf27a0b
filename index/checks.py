"""Consistency findings: the template's four rules (勾稽关系), numbers in the prose that contradict the
tables, and carry-over between consecutive years of the same agency.

A rule is applied only where every number it needs is in the report: a lost row makes the rule
NOT_ASSESSABLE, never a PASS or FAIL computed from invented zeros."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.cells import plain_number
from index.model import ExtractedReport, Fact, Finding, Line, ReportMeta
from index.template import APPLY_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, RULES, fact_specs, result_rows, tables

Number = int | float


def _value(facts: dict[str, Fact], key: str) -> Number | None:
    f = facts.get(key)
    return f.value if f else None


def _fmt(v: Number | None) -> str:
    return "缺" if v is None else plain_number(v)


def _finding(meta: ReportMeta, facts: dict[str, Fact], rule: int, scope: str, scope_label: str,
             left: dict[str, str], right: dict[str, str]) -> Finding:
    """One rule applied: `left` and `right` map the terms' labels to their fact keys."""
    lvals = {name: _value(facts, key) for name, key in left.items()}
    rvals = {name: _value(facts, key) for name, key in right.items()}
    numbers = {**lvals, **rvals}
    missing = [k for k, v in numbers.items() if v is None]
    lsum = sum(v for v in lvals.values() if v is not None)
    rsum = sum(v for v in rvals.values() if v is not None)
    if missing:
        status = "NOT_ASSESSABLE"
        detail = f"{scope_label}：缺少 {'、'.join(missing)}，无法核对"
    else:
        status = "PASS" if abs(lsum - rsum) < 1e-9 else "FAIL"
        sign = "=" if status == "PASS" else "≠"
        detail = f"{scope_label}：{_terms(lvals)} = {_fmt(lsum)} {sign} {_terms(rvals)} = {_fmt(rsum)}"
        blanks = [name for name, key in {**left, **right}.items() if key in facts and "blank" in facts[key].flags]
        if status == "FAIL" and blanks:
            detail += f"（其中空格按0计：{'、'.join(blanks[:4])}{'等' if len(blanks) > 4 else ''}）"
    keys = [*left.values(), *right.values()]
    line = next((facts[k].line for k in keys if k in facts), None)
    return Finding(doc=meta.doc, agency=meta.agency, year=meta.year, kind="rule", rule=rule, scope=scope,
                   status=status, detail=f"规则{rule}（{RULES[rule - 1].name}）{detail}", numbers=numbers,
                   line=line)


def _terms(side: dict[str, Number | None]) -> str:
    """'予以公开4 + 其他处理2 + 其余18项为0': long sums name only their non-zero terms."""
    if len(side) <= 4:
        return " + ".join(f"{k}{_fmt(v)}" for k, v in side.items())
    shown = [f"{k}{_fmt(v)}" for k, v in side.items() if v != 0]
    zeros = len(side) - len(shown)
    return " + ".join(shown + ([f"其余{zeros}项为0"] if zeros else [])) or "各项均为0"


def rule_findings(meta: ReportMeta, facts: dict[str, Fact]) -> list[Finding]:
    specs = fact_specs()
    out: list[Finding] = []

    def terms(keys: list[str]) -> dict[str, str]:
        return {specs[k].item: k for k in keys}

    for col in APPLY_COLUMNS:
        k = f"apply.{{}}.{col.key}".format
        out.append(_finding(meta, facts, 1, col.key, f"{col.label}列", terms([k("new"), k("carried_in")]),
                            terms([k("total"), k("carried_out")])))
    for col in APPLY_COLUMNS:
        k = f"apply.{{}}.{col.key}".format
        out.append(_finding(meta, facts, 2, col.key, f"{col.label}列", {"总计": k("total")},
                            terms([k(r) for r in result_rows(meta.format)])))
    for row in tables(meta.format)[1].rows:
        keys = [f"apply.{row.key}.{c.key}" for c in APPLY_COLUMNS]
        out.append(_finding(meta, facts, 3, row.key, f"「{specs[keys[0]].item}」行", {"总计": keys[-1]},
                            {c.label: key for c, key in zip(APPLY_COLUMNS[:-1], keys[:-1])}))
    for group, group_label in REVIEW_GROUPS:
        keys = [f"{group}.{c.key}" for c in REVIEW_COLUMNS]
        out.append(_finding(meta, facts, 4, group, group_label, {"总计": keys[-1]},
                            {c.label: key for c, key in zip(REVIEW_COLUMNS[:-1], keys[:-1])}))
    return out


def scope_label(kind: str, rule: int | None, scope: str) -> str:
    """A finding's scope in words: 'natural' → 自然人列, 'denied.law' → 「…」行, 'suit.direct' → 行政诉讼 …"""
    specs = fact_specs()
    if kind == "prose":
        return specs[scope].label if scope in specs else scope
    if rule in (1, 2):
        return next((f"{c.label}列" for c in APPLY_COLUMNS if c.key == scope), scope)
    if rule == 3:
        key = f"apply.{scope}.total"
        return f"{specs[key].item}行" if key in specs else scope
    if rule == 4:
        return dict(REVIEW_GROUPS).get(scope, scope)
    return scope  # cross-year: "2020-2021"


# ---------------------------------------------------------------- prose against tables
# Phrases in the prose that state a table's figure, with the fact they state (总计 column).
PROSE_CLAIMS: tuple[tuple[str, str], ...] = (
    (r"(?:收到|受理|接收)(?:了)?(?:依申请公开政府信息事项|政府信息公开申请|依申请公开(?:申请|件)?|信息公开申请)\D{0,6}?(\d+)\s*[件条个]",
     "apply.new.total"),
    (r"共收到\s*(\d+)\s*件依申请公开", "apply.new.total"),
    (r"未(?:收到|受理)(?:任何)?(?:政府信息公开|依申请公开|信息公开)申请()", "apply.new.total"),
    (r"上年结转(?:政府信息公开申请)?\s*(\d+)\s*件", "apply.carried_in.total"),
    (r"已办结\s*(\d+)\s*件", "apply.total.total"),
    (r"予以公开\s*(\d+)\s*件", "apply.granted.total"),
    (r"部分公开\s*(\d+)\s*件", "apply.partial.total"),
    (r"重复申请\s*(\d+)\s*件", "apply.rejected.duplicate.total"),
    (r"结转下年度(?:继续办理)?\s*(\d+)\s*件", "apply.carried_out.total"),
    (r"行政处罚决定\s*(\d+)\s*件", "penalty.decisions"),
    (r"行政许可处理决定\s*(\d+)\s*件", "license.decisions"),
    (r"(?:政府信息公开)?行政复议\s*(\d+)\s*件", "review.total"),
)


_CLAIMS = [(re.compile(p), key) for p, key in PROSE_CLAIMS]


def prose_findings(meta: ReportMeta, facts: dict[str, Fact], lines: Iterable[Line]) -> list[Finding]:
    """Numbers the prose states that the tables contradict (济南: 予以公开 3件, table 4)."""
    out: list[Finding] = []
    for line in lines:
        if "\t" in line.text or line.cells or not ("件" in line.text or "未" in line.text):
            continue
        for pattern, key in _CLAIMS:
            for m in pattern.finditer(line.text):
                fact = facts.get(key)
                if fact is None or fact.value is None:
                    continue
                stated = int(m.group(1) or 0)  # '未收到…申请' states 0
                said = _squash(m.group(0))
                if stated == fact.value:
                    continue
                label = fact_specs()[key].label
                quote = _squash(line.text[max(0, m.start() - 10): m.end() + 4])
                out.append(Finding(
                    doc=meta.doc, agency=meta.agency, year=meta.year, kind="prose", scope=key, status="FAIL",
                    detail=f"正文第{line.number}行写「{said}」，表格{label}为{_fmt(fact.value)}"
                           f"（第{fact.line}行）：「…{quote}…」",
                    numbers={"prose": stated, "table": fact.value}, line=line.number))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()  # no-break spaces from web pages read as plain spaces


# ---------------------------------------------------------------- consecutive years
def cross_year_findings(reports: list[ExtractedReport]) -> list[Finding]:
    """结转下年度继续办理 of year Y against 上年结转 of year Y+1, for each agency the corpus holds twice."""
    by_agency: dict[str, dict[int, ExtractedReport]] = {}
    for r in reports:
        if r.meta.agency and r.meta.year:
            by_agency.setdefault(r.meta.agency, {})[r.meta.year] = r
    out: list[Finding] = []
    for agency, years in sorted(by_agency.items()):
        for year in sorted(years):
            nxt = years.get(year + 1)
            if nxt is None:
                continue
            out_v = years[year].value("apply.carried_out.total")
            in_v = nxt.value("apply.carried_in.total")
            numbers = {f"{year}年结转下年度": out_v, f"{year + 1}年上年结转": in_v}
            if out_v is None or in_v is None:
                status, detail = "NOT_ASSESSABLE", "缺少其中一年的数字，无法核对"
            else:
                status = "PASS" if out_v == in_v else "FAIL"
                detail = f"{year}年结转下年度{_fmt(out_v)} {'=' if status == 'PASS' else '≠'} {year + 1}年上年结转{_fmt(in_v)}"
            out.append(Finding(doc=nxt.meta.doc, agency=agency, year=year + 1, kind="cross_year",
                               scope=f"{year}-{year + 1}", status=status,
                               detail=f"跨年度结转（{years[year].meta.doc} → {nxt.meta.doc}）：{detail}",
                               numbers=numbers))
    return out
