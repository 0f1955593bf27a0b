"""核对: the consistency results (勾稽关系) of every report, with the numbers behind each."""

from __future__ import annotations

import json
import math

import pandas as pd
import streamlit as st

from index.checks import rule_terms, scope_label
from index.template import RULES
from qa.phrasing import zero_words
from ui import exports, layout, numbers, render, state, wrap

KINDS = {"rule": "表内勾稽", "prose": "正文与表格", "cross_year": "跨年度"}
STATUS = {"FAIL": "不一致", "NOT_ASSESSABLE": "无法核对", "PASS": "通过"}
# Column widths (px) that fit the page's main area beside the sidebar in a 1400 px window (~940 px), so that
# no column hides behind a horizontal scroll and 文件 (left to take the rest, ~200 px) shows a stored name
# whole; 说明 wraps and its rows are as tall as the longest needs.
WIDTHS = {"机关": 110, "年度": 56, "结果": 64, "类型": 88, "规则": 48, "说明": 320, "行": 56}
EXPLAIN_UNITS = wrap.UNITS_PER_LINE * WIDTHS["说明"] // wrap.COLUMN_PX  # display units on a line, as measured at 380 px

p, gen, t, uploaded = layout.table_page(
    "核对", "年报表格自身的勾稽关系（规则1 申请收支平衡、规则2 办理结果合计、规则3 申请人合计、规则4 复议诉讼合计），"
            "正文与表格的数字是否一致，以及同一机关前后年度的衔接。不一致的报告并不被排除：这些正是值得关注的地方。")

copies, with_copies = layout.copies_note(p, gen, "核对结果", "findings-copies")
counted = state.without_copies(t.findings, copies)  # a copy's findings are its report's again: counted once
counts = counted["status"].value_counts()
m1, m2, m3 = st.columns(3)
m1.metric("不一致", f"{int(counts.get('FAIL', 0)):,}")
m2.metric("无法核对", f"{int(counts.get('NOT_ASSESSABLE', 0)):,}", help="缺少参与核对的数字")
m3.metric("通过", f"{int(counts.get('PASS', 0)):,}")
findings = t.findings if with_copies else counted

c1, c2 = st.columns([2, 3])
chosen = c1.segmented_control("结果", list(STATUS), default=["FAIL"], selection_mode="multi",
                              format_func=STATUS.get, key="findings-status")
agencies = c2.multiselect("机关", sorted(findings["agency"].dropna().unique()), placeholder="全部机关", select_all=False)
mask = findings["status"].isin(chosen or list(STATUS))
if agencies:
    mask &= findings["agency"].isin(agencies)
shown = findings[mask]


def numbers_text(raw: str) -> str:
    try:
        terms = json.loads(raw or "{}")
    except ValueError:
        return ""
    return "；".join(f"{k}={'—' if v is None else numbers.shown(v)}" for k, v in terms.items())


view = pd.DataFrame({
    "机关": shown["agency"],
    "年度": shown["year"].astype("Int64"),
    "结果": shown["status"].map(STATUS),
    "类型": shown["kind"].map(KINDS),
    "规则": shown["rule"].astype("Int64"),
    "说明": shown["detail"],
    "行": shown["line"].astype("Int64"),
    "数字": shown["numbers"].map(numbers_text),
    "文件": shown["doc"].map(lambda d: layout.file_label(d, uploaded, copies)),
})
st.markdown(f"**{len(view):,}** 项")
if view.empty:  # an empty grid says nothing: say what was looked for
    which = "、".join(STATUS[c] for c in (chosen or list(STATUS)))
    st.info(f"{render.escape_md('、'.join(agencies)) + '的报告' if agencies else '这些报告'}中没有「{which}」的核对结果。",
            icon=":material/check_circle:")
    st.stop()
shown_view = view.drop(columns=["数字"]).assign(说明=view["说明"].map(lambda v: wrap.wrapped(v, EXPLAIN_UNITS)))
row_px = wrap.row_height(shown_view["说明"].tolist())
st.dataframe(shown_view, hide_index=True, key="findings-table", placeholder="",
             height=min(640, 38 + row_px * max(len(view), 1)), row_height=row_px,
             column_config={"机关": st.column_config.TextColumn(width=WIDTHS["机关"]),
                            "年度": st.column_config.NumberColumn(format="%d", width=WIDTHS["年度"]),
                            "结果": st.column_config.TextColumn(width=WIDTHS["结果"]),
                            "类型": st.column_config.TextColumn(width=WIDTHS["类型"]),
                            "规则": st.column_config.NumberColumn(format="%d", width=WIDTHS["规则"]),
                            "说明": st.column_config.TextColumn(width=WIDTHS["说明"]),
                            "行": st.column_config.NumberColumn(format="%d", width=WIDTHS["行"])})
row = st.container(horizontal=True, gap="small")
# the download is named by what it holds: 核对结果.csv (every finding), 核对结果_不一致_济南市城市管理局.csv …
stem = exports.file_stem("_".join(["核对结果", *(STATUS[c] for c in chosen if len(chosen) < len(STATUS)),
                                   *(agencies if len(agencies) <= 2 else [f"{len(agencies)}个机关"])]))
row.download_button("CSV", data=exports.csv_bytes(view), file_name=f"{stem}.csv", mime="text/csv",
                    key="findings-csv", on_click="ignore", icon=":material/download:")
row.download_button("XLSX", data=lambda: exports.xlsx_bytes(view, sheet="核对结果"), file_name=f"{stem}.xlsx",
                    key="findings-xlsx", on_click="ignore", icon=":material/download:",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def check_name(f: pd.Series) -> str:
    """Which check a finding is, told apart from the report's others: 规则2（办理结果合计） · 总计列."""
    rule = int(f["rule"]) if pd.notna(f["rule"]) else None
    kind = f"规则{rule}（{RULES[rule - 1].name}）" if f["kind"] == "rule" and rule else KINDS.get(f["kind"], f["kind"])
    scope = scope_label(f["kind"], rule, f["scope"] or "")
    return f"{kind} · {scope}" if scope else kind


def read_as(f: pd.Series, cells: pd.DataFrame, formats: dict[str, str]) -> dict[str, str]:
    """How each number of a rule finding was read, where the report left it blank (空白（按0计）): the
    finding's labels → the words (qa.phrasing, as answers say it). cells: the facts of the finding's file."""
    if f["kind"] != "rule" or pd.isna(f["rule"]) or f["doc"] not in formats:
        return {}
    flags = dict(zip(cells["key"], cells["flags"]))
    terms = rule_terms(formats[f["doc"]], int(f["rule"]), f["scope"] or "", flags)
    return {label: words for label, key in terms.items() if (words := zero_words(flags.get(key)))}


fails = shown[shown["status"] == "FAIL"]
if len(fails):
    st.markdown("#### 不一致项的数字")
    listed = fails.head(100)
    cells_of = dict(tuple(t.facts[t.facts["doc"].isin(set(listed["doc"]))][["doc", "key", "flags"]].groupby("doc")))
    formats = dict(zip(t.reports["doc"], t.reports["format"]))
    for i, f in listed.iterrows():
        year = f"{int(f['year'])}年" if pd.notna(f["year"]) else ""
        where = f" · 第{int(f['line'])}行" if pd.notna(f["line"]) else ""
        who = render.escape_md(f["agency"]) if isinstance(f["agency"], str) else "（机关名称未识别）"
        with st.expander(f"{who} {year} · {render.escape_md(check_name(f))}{where}"):
            st.markdown(render.escape_md(f["detail"]))
            st.caption(f"文件：{render.escape_md(layout.file_label(f['doc'], uploaded, copies))}")
            terms = json.loads(f["numbers"] or "{}")
            if terms:
                said = read_as(f, cells_of.get(f["doc"], t.facts.iloc[:0]), formats)
                frame = pd.DataFrame({"项目": list(terms), "数值": pd.array(list(terms.values()), dtype="Float64"),
                                      "说明": [said.get(k, "") for k in terms]})
                data, config = numbers.exact(frame, {"数值": st.column_config.NumberColumn(alignment="right")})
                st.dataframe(data, hide_index=True, key=f"finding-{i}", column_config=config)
    if len(fails) > 100:
        st.caption(f"只展开了前 100 项；全部 {len(fails):,} 项见上表与导出文件。")
