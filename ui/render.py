"""Drawing one Answer (qa/answer.py) in the chat: the text, how the question was read with one-click
alternatives, the answer table (numbers right-aligned, thousands separators, units in the headers), CSV
and XLSX downloads, a bar chart for rankings and comparisons, and the sources with the cited value
highlighted. Rendering only: every decision about the answer was made by the engine."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pandas as pd
import streamlit as st

from index.template import PARTS
from qa.answer import Answer, AnswerTable, Citation
from qa.output import format_value
from ui import evidence, exports, numbers, wrap
from ui.uploads import with_names

PART_TITLES = {p.numeral: p.title for p in PARTS}
STATUS_ICONS = {"not_found": ":material/search_off:", "ambiguous": ":material/help:",
                "absent": ":material/block:", "out_of_scope": ":material/info:", "invalid": ":material/edit_note:"}
SOURCES_SHOWN = 8  # more are behind a toggle
PASSAGE_HEAD = 18  # characters of a quoted passage in its source's title
TABLE_ROWS_SHOWN = 16  # a longer answer table scrolls inside a fixed height (16 rows of one line fill it)
HTML_ROWS = 200  # an answer table is the browser's own table up to this many rows, a grid beyond
CHART_BARS = 30  # a longer ranking's chart shows its first bars
# An answer table's room: a chat message's content in a 1400 px window beside the sidebar is ~880 px wide (less
# the grid's borders). Columns wider together are fitted by breaking their longest texts into lines.
CHAT_PX = 860
MIN_WRAP_PX = 150  # a text column is not broken into lines narrower than this (~9 Chinese characters)
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<$:])")
# What GitHub-flavoured markdown turns into a link even when escaped (it finds them in the text after the
# escapes are read): "http://…", "www.…", "name@host". A word joiner (U+2060, invisible) after the scheme,
# the "www" or the "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(https?|ftp|mailto|www|xmpp)(?=[:.])|(@)")
WORD_JOINER = "\u2060"

CSS = """
<style>
.qa-quote {font-size: 0.92rem; line-height: 1.7; white-space: pre-wrap; word-break: break-all;
           background: rgba(127,127,127,0.06); border-left: 3px solid rgba(127,127,127,0.35);
           padding: 0.5rem 0.8rem; border-radius: 0.25rem; margin-bottom: 0.3rem;}
.qa-quote mark {background: #ffe066; color: inherit; padding: 0 0.15rem; border-radius: 0.15rem;
                font-weight: 600;}
</style>
"""


def escape_md(text: str) -> str:
    """Text shown as it is, not read as markdown. Every string that comes from a report or a user (agency
    names, file names, questions, quotes) goes through here wherever Streamlit renders markdown: labels of
    buttons and expanders, captions, help texts. Escaping `:` and `.` also stops bare URLs, `www.` names and
    e-mail addresses from becoming links, and `:red[…]`/`:material/…:` directives from running."""
    unlinked = _AUTOLINK.sub(lambda m: m.group(0) + WORD_JOINER, text)
    return _MD_SPECIAL.sub(r"\\\1", unlinked).replace("\n", "  \n")


Locate = Callable[[str, str], object]  # (doc, fact key) → state.CellSource | None


# ---------------------------------------------------------------- the table
def table_view(table: AnswerTable) -> tuple[pd.DataFrame, dict]:
    """The answer table as shown: units in the headers, numeric columns right-aligned with thousands
    separators; a column with fractions leaves its format to each cell (numbers.exact, when drawn)."""
    frame = exports.table_frame(table)
    measured = {exports.with_unit(c, u) for c, u in table.units.items()}
    config = {}
    for col in frame.columns:
        series = frame[col]
        whole = not pd.api.types.is_float_dtype(series)
        if col in measured:  # a column with fractions: each cell as the report gives it (ui/numbers.py)
            config[col] = st.column_config.NumberColumn(col, format="%,d" if whole else None, alignment="right")
        elif pd.api.types.is_numeric_dtype(series):  # 名次, 年份: numbers without a unit or separators
            config[col] = st.column_config.NumberColumn(col, format="%d" if whole else None, alignment="right")
        else:
            config[col] = st.column_config.TextColumn(col)
    return frame, config


def fit_columns(frame: pd.DataFrame, config: dict, room: int = CHAT_PX) -> tuple[pd.DataFrame, dict, int]:
    """The table fitted to the chat's width: every column as wide as its longest value or header (the grid sizes
    a column by its first rows: a 说明 empty there cut the 未提供（…） of the last ones); when together they are
    wider than `room`, the widest text columns are broken into lines (on the page only: the exports keep
    the text as it is) in columns that share what the others leave, so no column hides behind a sideways
    scroll and no text is cut at a column's edge. Returns the frame as shown, its config and the row height
    that shows every line."""
    frame, config = frame.copy(), dict(config)
    natural = {c: numbers.width(frame[c], str(c)) for c in frame.columns}
    texts = sorted((c for c in frame.columns if frame[c].dtype == object and natural[c] > MIN_WRAP_PX),
                   key=natural.get, reverse=True)
    wrapped: list[str] = []
    for col in texts:  # the widest first, until the others leave each broken column its least width
        if sum(natural[c] for c in frame.columns if c not in wrapped) + MIN_WRAP_PX * len(wrapped) <= room:
            break
        wrapped.append(col)
    # each broken column gets its least width, and the room left over in proportion to what it lacks
    spare = room - sum(natural[c] for c in frame.columns if c not in wrapped) - MIN_WRAP_PX * len(wrapped)
    lacking = sum(natural[c] - MIN_WRAP_PX for c in wrapped)
    widths = dict(natural)
    for col in wrapped:
        widths[col] = MIN_WRAP_PX + max(0, spare) * (natural[col] - MIN_WRAP_PX) // lacking
        units = (widths[col] - numbers.CELL_PAD) // numbers.PX_PER_UNIT
        frame[col] = frame[col].map(lambda v, u=units: wrap.wrapped(v, u))
    for col in frame.columns:
        config[col] = {**config[col], "width": widths[col]}
    return frame, config, wrap.row_height([v for c in wrapped for v in frame[c]])


def page_table(frame: pd.DataFrame, config: dict, placeholder: str = "—"):
    """The frame styled for st.table, the browser's own table, which reads its cells as markdown and has no
    column config: text escaped (a report's ![](…) in an agency's name is text, never an image fetched),
    numbers as the grid would show them under `config` (a "%d" column, 年份 or 名次, without separators; any
    other number as the report gives it), a missing cell as `placeholder`."""
    styled = frame.style.format(lambda v: escape_md(str(v)), na_rep=placeholder)
    for col in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[col]):
            bare = config.get(col, {}).get("type_config", {}).get("format") == "%d"
            styled = styled.format((lambda v: f"{int(v)}") if bare else numbers.shown, subset=[col], na_rep=placeholder)
    return styled


def _table(frame: pd.DataFrame, config: dict, key: str) -> None:
    """The answer's table. Up to HTML_ROWS rows it is the browser's own table, which wraps text as a page does
    at any width and keeps its header in sight as it scrolls: on a phone its numbers stay on the screen (a
    grid's right-aligned number column sat past a 420 px screen's edge, its cells seemingly blank), and no
    text runs past its cell (the grid breaks lines by its own measure of the text, which put a run of Chinese
    it measured short past the column's edge: the 核对 answer's first 说明). A longer one is a grid fitted to
    the chat (fit_columns), which draws only the rows in sight."""
    long = len(frame) > TABLE_ROWS_SHOWN  # it scrolls inside a fixed height
    if len(frame) <= HTML_ROWS:
        st.table(page_table(frame, config), hide_index=True, height=640 if long else "content")
        return
    shown, fitted, row_px = fit_columns(frame, config)
    data, fitted = numbers.exact(shown, fitted, placeholder="—")
    st.dataframe(data, column_config=fitted, hide_index=True, key=f"{key}-table", placeholder="—",
                 row_height=row_px, height=420 if row_px <= 35 else 640)


def _bar_names(frame: pd.DataFrame, x: str) -> pd.Series:
    """Each bar's name: the category, with its year where one agency's reports of several years are ranked
    (平潭 2024, 2025 …: one bar each, named by the year when they are all one agency's)."""
    names = frame[x].astype(str)
    year = next((c for c in evidence.YEAR_COLUMNS if c in frame.columns and c != x), None)
    if year is None or not names.duplicated().any():
        return names
    years = frame[year].map(lambda y: f"{int(y)}年" if pd.notna(y) else "")
    return years if names.nunique() == 1 else names + years.map(lambda y: f"（{y}）" if y else "")


def _bar_chart(answer: Answer, frame: pd.DataFrame, key: str) -> None:
    import altair as alt

    hint, table = answer.chart, answer.table
    if hint is None or table is None or hint.x not in table.columns or hint.y not in table.columns:
        return
    y_col = exports.with_unit(hint.y, table.units.get(hint.y))
    if y_col not in frame.columns:
        return
    data = frame[[hint.x, y_col]].dropna()
    data = data.rename(columns={hint.x: "category", y_col: "value"})
    data["value"] = data["value"].astype(float)
    data["category"] = _bar_names(frame.loc[data.index], hint.x)
    if len(data) < 2:
        return
    data = data.drop_duplicates("category")
    years = hint.x in evidence.YEAR_COLUMNS  # a series over years reads in year order, a ranking by value
    title = hint.title
    if len(data) > CHART_BARS:  # the table and the downloads hold every row; the chart shows the head
        data = data.head(CHART_BARS)
        title = f"{hint.title}（前 {CHART_BARS} 个）"
    d = exports.decimals(data["value"])
    fmt = f",.{d}~f" if d else ",d"  # d3's ~ drops a value's trailing zeros: 18,651.06 beside 24,252.311082
    base = alt.Chart(data).encode(
        y=alt.Y("category:N", sort="ascending" if years else "-x", title=None, axis=alt.Axis(labelLimit=260)),
        x=alt.X("value:Q", title=y_col, axis=alt.Axis(format=fmt)),
        tooltip=[alt.Tooltip("category:N", title=hint.x), alt.Tooltip("value:Q", title=y_col, format=fmt)])
    bars = base.mark_bar(cornerRadiusEnd=3)
    labels = base.mark_text(align="left", dx=4).encode(text=alt.Text("value:Q", format=fmt))
    chart = (bars + labels).properties(title=title)
    # the height goes to Streamlit, not into the spec: a spec height collapses the bands in Streamlit 1.67
    st.altair_chart(chart, key=f"{key}-chart", width="stretch", height=110 + 32 * len(data))


def _downloads(answer: Answer, names: dict[str, str], locate: Locate | None, key: str,
               files_of: evidence.FilesOf | None = None) -> None:
    """CSV and XLSX of every row of the answer's table, each row with its sources (file, part, line or
    cell, quoted text); the XLSX also has the sheets 说明 and 来源."""
    stem = exports.file_stem(answer.question)
    where = _cell_where(locate)
    frame = exports.answer_frame(answer, names, where, files_of)
    row = st.container(horizontal=True, gap="small")
    row.download_button("CSV", data=exports.csv_bytes(frame), file_name=f"{stem}.csv", mime="text/csv",
                        key=f"{key}-csv", on_click="ignore", icon=":material/download:",
                        help="全部行，每行附来源；UTF-8（带 BOM），Excel 可直接打开中文")
    row.download_button("XLSX", data=exports.answer_xlsx(answer, names, where, files_of), file_name=f"{stem}.xlsx",
                        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        key=f"{key}-xlsx", on_click="ignore", icon=":material/download:",
                        help="全部行，每行附来源；另有「说明」（问题、理解、计算）与「来源」两页")


def _cell_where(locate: Locate | None):
    """A fact citation's cell as the index names it ("第25行第4列", a table cell, a page), for exports."""
    if locate is None:
        return None

    def where(c: Citation) -> str | None:
        cell = locate(c.doc, c.key) if (c.key and c.kind == "fact") else None
        return getattr(cell, "where", None) or None
    return where


# ---------------------------------------------------------------- sources
def _number_spans(text: str, value: str) -> list[tuple[int, int]]:
    """Where `value` stands in `text` as a whole token: a number not inside a longer one (1313, 1,313, 2.13)."""
    if not value:
        return []
    pattern = re.escape(value)
    if value[0].isdigit():
        pattern = r"(?<![\d.,])" + pattern
    if value[-1].isdigit():
        pattern += r"(?!\d|[.,]\d)"
    return [m.span() for m in re.finditer(pattern, text)]


def cited_spans(quote: str, value: str | None, line: str | None = None,
                col: int | None = None) -> list[tuple[int, int]]:
    """Where the cited value stands in the quote. A value found once is that one; found several times
    (a row of zeros), the fact's own line and column pick the occurrence: the quote ends with that line,
    whitespace collapsed, which keeps the order of the numbers in it. Without them: every occurrence."""
    spans = _number_spans(quote, value or "")
    if len(spans) <= 1 or not line or col is None:
        return spans
    own = _number_spans(line, value or "")
    k = next((i for i, (start, _) in enumerate(own) if start == col - 1), None)
    segment = re.sub(r"\s+", " ", line.strip())
    base = quote.rfind(segment) if segment else -1
    if k is None or base < 0:
        return spans
    mine = [s for s in spans if base <= s[0] < base + len(segment)]
    return [mine[k]] if len(mine) == len(own) else spans


def highlight(quote: str, spans: list[tuple[int, int]]) -> str:
    """The quote as HTML with the spans marked, on one source line: the markdown around it ends an HTML block
    at a blank line and would read what follows as markdown (an image, a link), so line ends are written as
    character references, which the quote's pre-wrap style still shows as line breaks."""
    out, pos = [], 0
    for start, end in spans:
        out.append(html.escape(quote[pos:start]))
        out.append(f"<mark>{html.escape(quote[start:end])}</mark>")
        pos = end
    out.append(html.escape(quote[pos:]))
    return "".join(out).replace("\r", "").replace("\n", "&#10;")


BLANK_CELL = "（此格空白）"


def _blank_mark(c: Citation, spans: list) -> str:
    """A blank cell has no text to mark in its quote: the mark says where it stands (the line's end) that it
    is empty, so the reader sees the cell the answer counted as 0."""
    return f" <mark>{BLANK_CELL}</mark>" if not spans and c.kind == "fact" and "blank" in c.flags else ""


def citation_title(c: Citation, n: int) -> str:
    who = escape_md(c.agency) if c.agency else "（机关名称未识别）"
    year = f" {c.year}年" if c.year else ""
    part = f" · {c.part}、{PART_TITLES.get(c.part, '')}" if c.part else ""
    lines = evidence.lines_text(c)
    value = f" · {escape_md(c.value)}" if c.value and c.kind == "fact" else \
        " · 空白" if c.kind == "fact" and "blank" in c.flags else ""
    if c.value and c.number is not None and "split_run" in c.flags:  # 370000037 is 37, 0, 0 … run together
        value = f" · {format_value(c.number)}（拆自连写的 {escape_md(c.value)}）"
    if c.kind == "passage":  # passages of one line (a page's long line) are told apart by how they begin
        head = " ".join(c.quote.split())
        value = f" · 「{escape_md(head[:PASSAGE_HEAD])}{'…' if len(head) > PASSAGE_HEAD else ''}」" if head else ""
    return f"[{n}] {who}{year}{part} · {lines}{value}"


def _sources(answer: Answer, names: dict[str, str], locate: Locate | None, key: str) -> None:
    if not answer.citations:
        return
    st.markdown(f"**来源**（{len(answer.citations)}）")
    shown = answer.citations
    if len(shown) > SOURCES_SHOWN and not st.toggle(f"显示全部 {len(shown)} 个来源", key=f"{key}-all-sources"):
        shown = shown[:SOURCES_SHOWN]
    for n, c in enumerate(shown, 1):
        cell = locate(c.doc, c.key) if (locate and c.key and c.kind == "fact") else None
        spans = cited_spans(c.quote, c.value, getattr(cell, "text", None), getattr(cell, "col", None))
        with st.expander(citation_title(c, n)):
            st.markdown(f'<div class="qa-quote">{highlight(c.quote, spans)}{_blank_mark(c, spans)}</div>',
                        unsafe_allow_html=True)
            doc = names.get(c.doc, c.doc)
            part = f"第{c.part}部分「{PART_TITLES.get(c.part, '')}」" if c.part else evidence.part_text(c)
            lines = evidence.lines_text(c)
            kind = {"fact": "表格单元格", "passage": "正文段落", "finding": "核对结果"}.get(c.kind, c.kind)
            where = getattr(cell, "where", "")
            caption = " · ".join(x for x in (f"报告 {escape_md(doc)}", part, lines, kind) if x) + \
                (f" {escape_md(where)}" if where else "")
            if c.key:
                caption += f" · `{c.key}`"
            st.caption(caption)
            if c.note:
                st.caption(f":material/info: {escape_md(c.note)}")


# ---------------------------------------------------------------- the whole answer
def reading_line(answer: Answer) -> str:
    r = answer.reading
    line = f"理解为：{r.summary}"
    if r.defaults:
        line += "（默认：" + "；".join(r.defaults) + "）"
    return line


def answer(answer: Answer, key: str, names: dict[str, str], ask: Callable[[str], None],
           locate: Locate | None = None, files_of: evidence.FilesOf | None = None) -> None:
    """Draw one answer inside the current chat message. `ask` is called (as a button callback) with the
    question of an alternative reading; `locate` finds a fact's cell for exact highlighting; `files_of` names
    the files of a report whose row has no value, for the exports."""
    icon = STATUS_ICONS.get(answer.status)
    text = escape_md(with_names(answer.text, names))
    if icon:
        st.info(text, icon=icon)
    else:
        st.markdown(text)
    if answer.from_text:
        st.caption("此答案取自报告正文（文字表述），不是表格中的数字。")
    if answer.reading.summary and answer.status not in ("invalid",):
        st.caption(escape_md(reading_line(answer)))
    if answer.alternatives:
        with st.container(horizontal=True, gap="small"):
            for i, alt in enumerate(answer.alternatives):
                st.button(escape_md(alt.label), key=f"{key}-alt-{i}", on_click=ask, args=(alt.question,),
                          help=f"改问：{escape_md(alt.question)}", type="secondary", icon=":material/alt_route:")
    if answer.table is not None and answer.table.rows:
        frame, config = table_view(answer.table)
        _table(frame, config, key)
        if len(frame) > TABLE_ROWS_SHOWN:
            st.caption(f"共 {len(frame):,} 行，表格可滚动；下载的文件包含全部行及每行的来源。")
        _downloads(answer, names, locate, key, files_of)
        _bar_chart(answer, frame, key)
    if answer.derived:
        st.caption("计算：" + "；".join(escape_md(evidence.derivation_text(d)) for d in answer.derived))
    _sources(answer, names, locate, key)
