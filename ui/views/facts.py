"""事实: every extracted fact of the corpus as a filterable table, exportable as CSV or XLSX."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qa.output import FLAG_WORDS
from ui import exports, layout, numbers, state

RAW_PX = 240  # the widest 原文 column: a longer cell (a sentence where a number belongs) is cut there
p, gen, t, uploaded = layout.table_page(
    "事实", "每份报告表格中的每一个数字：机关、年度、事项、栏目、数值与单位，以及它在原文中的位置和读取方式。"
            "报告没有给出的数字不在表中（从不按 0 计）。")


@st.cache_data(show_spinner="正在准备导出文件…", max_entries=16)
def csv_of(_view: pd.DataFrame, key: tuple) -> bytes:
    """The CSV of a view, made once per (index generation, filters): a whole corpus takes a while."""
    return exports.csv_bytes(_view)


def facts_view(facts: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "机关": facts["agency"],
        "年度": facts["year"].astype("Int64"),
        "部分": facts["part"],
        "事项": facts["item"],
        "栏目": facts["column_label"],
        "数值": facts["value"],
        "计量单位": facts["unit"],
        "原文": facts["raw"],
        "读取方式": facts["flags"].map(lambda fl: "、".join(FLAG_WORDS.get(x, x) for x in (fl if fl is not None else []))),
        "说明": facts["note"],
        "位置": facts["source"],
        "文件": facts["doc"].map(lambda d: layout.file_label(d, uploaded, copies)),
        "键": facts["key"],
    })


copies, with_copies = layout.copies_note(p, gen, "事实", "facts-copies")
facts = t.facts if with_copies else state.without_copies(t.facts, copies)  # as answers and the sidebar count
c1, c2, c3, c4 = st.columns([3, 1, 2, 2])
agencies = c1.multiselect("机关", sorted(facts["agency"].dropna().unique()), placeholder="全部机关", select_all=False)
years = c2.multiselect("年度", sorted(int(y) for y in facts["year"].dropna().unique()), placeholder="全部", select_all=False)
items = c3.multiselect("事项", list(dict.fromkeys(facts["item"])), placeholder="全部事项", select_all=False)
columns = c4.multiselect("栏目", list(dict.fromkeys(facts["column_label"])), placeholder="全部栏目", select_all=False)
c5, c6 = st.columns([3, 3])
words = c5.text_input("搜索", placeholder="在事项、栏目、原文或键中查找，例如：行政处罚", max_chars=100)
flagged = c6.checkbox("只看非直接读取的数字（空格按0、单位推定、位置推定等）")

mask = pd.Series(True, index=facts.index)
if agencies:
    mask &= facts["agency"].isin(agencies)
if years:
    mask &= facts["year"].isin(years)
if items:
    mask &= facts["item"].isin(items)
if columns:
    mask &= facts["column_label"].isin(columns)
if words.strip():
    w = words.strip()
    mask &= (facts["item"].str.contains(w, regex=False, na=False) |
             facts["column_label"].str.contains(w, regex=False, na=False) |
             facts["raw"].str.contains(w, regex=False, na=False) |
             facts["key"].str.contains(w, regex=False, na=False))
if flagged:
    mask &= facts["flags"].map(lambda fl: fl is not None and len(fl) > 0)
view = facts_view(facts[mask])

whole = len(view) == len(facts)
st.markdown(f"**{len(view):,}** 个事实" + ("（全部）" if whole else f"（共 {len(facts):,} 个，已筛选）"))
data, config = numbers.exact(view, {  # 数值 as each report gives it, never rounded (ui/numbers.py)
    "年度": st.column_config.NumberColumn(format="%d", width="small"),
    "数值": st.column_config.NumberColumn(alignment="right", width=numbers.width(view["数值"], "数值")),
    "计量单位": st.column_config.TextColumn(width="small"),
    "部分": st.column_config.TextColumn(width="small"),
    "原文": st.column_config.TextColumn(width=min(numbers.width(view["原文"], "原文"), RAW_PX)),
})
st.dataframe(data, hide_index=True, height=min(640, 38 + 35 * max(len(view), 1)), key="facts-table",
             placeholder="", column_config=config)

stem = "事实_全部" if whole else "事实_筛选"
key = (str(p.index), gen, with_copies, tuple(agencies), tuple(years), tuple(items), tuple(columns), words.strip(), flagged)
too_long = len(view) >= exports.XLSX_MAX_ROWS
row = st.container(horizontal=True, gap="small")
row.download_button(f"CSV（{len(view):,} 行）", data=csv_of(view, key), file_name=f"{stem}.csv", mime="text/csv",
                    key="facts-csv", on_click="ignore", icon=":material/download:")
row.download_button(f"XLSX（{len(view):,} 行）", data=lambda: exports.xlsx_bytes(view, sheet="事实"),
                    file_name=f"{stem}.xlsx", key="facts-xlsx", on_click="ignore", icon=":material/download:",
                    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", disabled=too_long,
                    help="超过 Excel 的行数上限，请先筛选或下载 CSV" if too_long else None)
