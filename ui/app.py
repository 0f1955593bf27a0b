"""政府信息公开年报问答 — the app users open: `streamlit run ui/app.py`.

Three pages (问答 / 事实 / 核对, in views/); each draws the sidebar (corpus at a glance, uploads) through
ui/layout.page(). The index is read from QA_INDEX (default .index) and built over QA_CORPUS (default
corpus/) on first start if there is none; see ui/state.py."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the project
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

st.set_page_config(page_title="政府信息公开年报问答", page_icon=":material/description:", layout="wide",
                   menu_items={"About": "政府信息公开工作年度报告问答：每个数字都有出处。"})
# The pages live in views/, not pages/: Streamlit serves a folder named pages/ beside the main script as pages
# of their own (file names for titles, without the settings above) to a first visit straight to /facts or
# /findings before any session has run this script.
st.navigation([
    st.Page("views/chat.py", title="问答", icon=":material/forum:", default=True),
    st.Page("views/facts.py", title="事实", icon=":material/table_view:"),
    st.Page("views/findings.py", title="核对", icon=":material/fact_check:"),
]).run()
