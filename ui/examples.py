"""Example questions for an empty chat, made from what the loaded corpus holds: a ranking over a measure
most agencies report, one agency's number, a comparison of two agencies, the consistency findings, and
a question on the reports' prose. The app keeps only those the engine answers (state.examples)."""

from __future__ import annotations

import pandas as pd

from qa.agencies import SHORT_FORMS

# Measures people ask about first, in order of preference (keys of the national template), as people say them.
PREFERRED = {
    "penalty.decisions": "行政处罚决定数量",
    "apply.new.total": "新收政府信息公开申请数量",
    "apply.granted.total": "予以公开的申请数量",
    "coercion.decisions": "行政强制决定数量",
    "license.decisions": "行政许可决定数量",
    "review.total": "行政复议数量",
    "normative.published": "新公开的规范性文件数量",
    "normative.issued": "制发的规范性文件数量",
    "fee.amount": "行政事业性收费金额",
}


def short_name(agency: str) -> str:
    for long, short in SHORT_FORMS:
        agency = agency.replace(long, short)
    return agency


def _measure_words(row: pd.Series) -> str:
    if row["key"] in PREFERRED:
        return PREFERRED[row["key"]]
    item, column = str(row["item"]), str(row["column_label"]).removeprefix("本年")
    return item if column in item else f"{item}{column}"


def candidates(facts: pd.DataFrame, findings: pd.DataFrame) -> list[str]:
    """Questions this corpus can answer, best first (at most 8)."""
    out: list[str] = []
    known = facts[facts["value"].notna() & facts["agency"].notna()]
    if known.empty:
        return ["这些报告总体情况如何？"]
    spread = known[known["value"] > 0].groupby("key")["agency"].nunique()
    ranked = [k for k in PREFERRED if spread.get(k, 0) >= 2] + \
        [k for k in spread.sort_values(ascending=False).index if k not in PREFERRED and spread[k] >= 2]
    agencies = known.groupby("agency")["key"].count().sort_values(ascending=False).index.tolist()
    if ranked:
        first = known[known["key"] == ranked[0]].iloc[0]
        words = _measure_words(first)
        out.append(f"哪个单位的{words}最多？")
        if len(agencies) >= 2:
            out.append(f"比较{short_name(agencies[0])}和{short_name(agencies[1])}的{words}")
    if len(ranked) > 1 and agencies:
        row = known[(known["key"] == ranked[1]) & (known["agency"] == agencies[0])]
        if not row.empty:
            r = row.iloc[0]
            year = f"{int(r['year'])}年" if pd.notna(r["year"]) else ""
            out.append(f"{short_name(r['agency'])}{year}{_measure_words(r)}是多少？")
    if (findings["status"] == "FAIL").any():
        out.append("哪些报告的数字前后不一致？")
    if agencies:
        out.append(f"{short_name(agencies[-1])}在政府信息公开工作中存在哪些主要问题？")
    return out[:8]
