"""What every page shares: the index made ready, and the sidebar with the corpus at a glance and uploads.

Each page calls page() first. (The main script, ui/app.py, only sets up the navigation: AppTest reruns
only the page's script, so anything the pages need has to come from the page itself.)"""

from __future__ import annotations

import json
import logging

import streamlit as st

from index.errors import ReportError
from index.readers import SUPPORTED_SUFFIXES
from ui import render, state
from ui.reasons import chinese
from ui.uploads import MAX_MB, add_uploads
from ui.removal import remove_box

log = logging.getLogger("ui.layout")
FILE_FORMATS = {"text": "文本", "markdown": "Markdown", "html": "网页", "pdf": "PDF", "pdf_ocr": "PDF（扫描件）",
                "docx": "Word", "doc": "Word（DOC）", "odt": "ODT", "rtf": "RTF"}


def corpus_glance(p: state.Paths, gen: str) -> None:
    t = state.tables(p, gen)
    files = t.reports
    copies = state.copies_of(p, gen)
    r = state.without_copies(files, copies)  # a report brought as several files counts once, as in answers
    findings = state.without_copies(t.findings, copies)
    agencies = sorted(a for a in r["agency"].dropna().unique())
    years = sorted(int(y) for y in r["year"].dropna().unique())
    fails = int((findings["status"] == "FAIL").sum())
    unassessable = int((findings["status"] == "NOT_ASSESSABLE").sum())
    st.markdown("#### 语料一览")
    c1, c2 = st.columns(2)
    c1.metric("报告", f"{len(r):,}",
              help=f"共 {len(files):,} 个文件；其中 {len(copies):,} 个是另一文件所载报告的副本（同一机关同一年度、"
                   "表格数字一致），答案只计一次" if copies else None)
    c2.metric("机关", f"{len(agencies):,}")
    c1.metric("事实", f"{int(r['facts'].sum()):,}",
              help="副本文件的事实不重复计入" if copies else None)
    c2.metric("核对不一致", f"{fails:,}", help=f"另有 {unassessable} 项因缺少数字无法核对；详见「核对」页")
    years_text = "、".join(map(str, years)) if len(years) <= 6 else f"{years[0]}–{years[-1]}（{len(years)} 个年度）"
    templates = "、".join(f"{k}版 {v} 份" for k, v in r["format"].value_counts().sort_index().items())
    formats = "、".join(f"{FILE_FORMATS.get(k, k)} {v} 个" for k, v in files["file_format"].value_counts().items())
    st.caption(f"年度：{years_text or '—'}  \n模板：{templates or '—'}  \n文件格式：{formats or '—'}")
    with st.expander(f"机关（{len(agencies)}）"):
        counts = r.groupby("agency")["year"].apply(lambda ys: "、".join(str(int(y)) for y in sorted(ys.dropna())))
        st.caption("  \n".join(f"{render.escape_md(a)}（{counts.get(a, '')}）" for a in agencies) or "—")
    skipped = {k: v for k, v in t.skipped.items() if (p.corpus / k).exists()}
    if skipped:
        with st.expander(f"未能读取的文件（{len(skipped)}）"):
            for name, why in skipped.items():
                st.caption(f"{render.escape_md(name)}：{render.escape_md(chinese(why))}")


def copies_note(p: state.Paths, gen: str, what: str, key: str) -> tuple[dict[str, str], bool]:
    """On a page of every file's rows (facts, findings): which files are copies of another file's report, said
    once, and whether the reader asked to see the copies' rows too (they are left out, as answers leave them)."""
    copies = state.copies_of(p, gen)
    if not copies:
        return copies, False
    names = state.names(p)
    groups: dict[str, list[str]] = {}
    for copy, primary in copies.items():
        groups.setdefault(primary, []).append(copy)
    said = "；".join(f"{'、'.join(names.get(c, c) for c in cs)} 是 {names.get(primary, primary)} 的副本"
                    for primary, cs in list(groups.items())[:10]) + (f"等 {len(groups)} 组" if len(groups) > 10 else "")
    st.info(f"同一份报告有多个文件的只计一次（同一机关同一年度、表格数字一致），与问答的计数相同：{render.escape_md(said)}。"
            f"副本的{what}不重复计入，也不列在下表中。", icon=":material/content_copy:")
    return copies, st.toggle(f"也列出副本文件的{what}", key=key)


def file_label(doc: str, names: dict[str, str], copies: dict[str, str]) -> str:
    """A file as a page's 文件 column shows it: the name it was uploaded under, marked when it is a copy."""
    return names.get(doc, doc) + ("（副本）" if doc in copies else "")


# Streamlit draws the uploader's own button and hint in English ("Upload", "20MB per file • …") and offers
# no setting for them: the page hides those words and draws Chinese in their place.
UPLOADER_CSS = """
<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {font-size: 0;}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {
  content: "选择文件"; font-size: 0.875rem;}
[data-testid="stFileUploaderDropzoneInstructions"] span {font-size: 0;}
[data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "或把文件拖到这里"; font-size: 0.8rem;}
</style>
"""


# The picker offers only the formats the readers take, and a file of another kind still reaches the server,
# which names it and says why in Chinese. Streamlit's `type=` does both in one: the picker's filter and a
# refusal in the browser, in English and without the file's name; so the uploader has no `type=`, and this
# script gives its file input the `accept` list that only the operating system's picker reads (the
# uploader's own check of a dropped or picked file takes no notice of it). An observer sets it again on the
# fresh input each upload brings (the uploader's key changes).
ACCEPT_JS = """<script>
(() => {
  const accept = %s;
  const mark = () => document.querySelectorAll('[data-testid="stFileUploaderDropzone"] input[type=file]')
    .forEach(input => { if (input.getAttribute("accept") !== accept) input.setAttribute("accept", accept); });
  mark();
  if (!window.qaAcceptObserver) {
    window.qaAcceptObserver = new MutationObserver(mark);
    window.qaAcceptObserver.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""


def accept_list() -> str:
    """The picker's filter: every suffix the readers take."""
    return ",".join(sorted(SUPPORTED_SUFFIXES))


def uploader(p: state.Paths, gen: str | None) -> None:
    st.markdown("#### 上传报告")
    st.markdown(UPLOADER_CSS, unsafe_allow_html=True)
    st.html(ACCEPT_JS % json.dumps(accept_list()), unsafe_allow_javascript=True)
    n = st.session_state.setdefault("uploader_n", 0)
    above = st.container()  # the progress, where it is seen: below it the uploader lists every file chosen
    files = st.file_uploader(
        f"可一次选多个文件（{' '.join(sorted(SUPPORTED_SUFFIXES))}，每个不超过 {MAX_MB} MB）",
        accept_multiple_files=True,  # no type=: ACCEPT_JS filters the picker, the server says why it refuses
        key=f"uploader-{n}", max_upload_size=MAX_MB)
    if files:
        bar = above.progress(0.0, text="正在加入索引…")
        st.toast(f"正在把 {len(files)} 个文件加入索引（每个几秒到一分钟），进度见左侧「上传报告」",
                 icon=":material/upload_file:", duration="long")

        def progress(done: int, total: int, name: str) -> None:
            bar.progress(done / max(total, 1), text=f"正在读取报告 {done}/{total}")

        try:
            results, _ = add_uploads([(f.name, f.getvalue()) for f in files], p.corpus, p.index, progress)
        except ReportError as err:
            results = None
            st.session_state["upload_error"] = f"未能更新索引：{chinese(err.problem)}。原有索引保持不变。"
        except Exception:  # noqa: BLE001 - the index stays whole (generations); say so, keep the trace in the log
            log.exception("upload failed")
            results = None
            st.session_state["upload_error"] = "未能更新索引（内部错误，已记录）。原有索引保持不变。"
        bar.empty()
        st.session_state["upload_results"] = results
        st.session_state["uploader_n"] = n + 1  # a fresh, empty uploader
        st.rerun()
    error = st.session_state.get("upload_error")
    if error:
        st.error(error)
        st.session_state.pop("upload_error")
    for r in st.session_state.get("upload_results") or []:
        name, reason = render.escape_md(r.name), render.escape_md(r.reason)
        if r.status == "added":
            who = " ".join(x for x in (r.agency, f"{r.year}年" if r.year else None) if x) or "机关名称未识别"
            st.success(f"已加入：{name}（{render.escape_md(who)}，{r.facts} 个事实）", icon=":material/check_circle:")
            twin = _twin(p, gen, r.stored)
            if twin:  # the same report as a file already indexed: answers count it once (qa/copies.py)
                st.info(f"{name} 与 {render.escape_md(twin)} 是同一份报告（同一机关同一年度、表格数字一致），"
                        "问答与统计只计一次", icon=":material/content_copy:")
            elif r.reason:
                st.warning(reason, icon=":material/warning:")
        elif r.status == "duplicate":
            st.info(f"未重复加入：{name}：{reason}", icon=":material/content_copy:")
        else:
            st.error(f"未加入：{name}：{reason}", icon=":material/error:")


def _twin(p: state.Paths, gen: str | None, stored: str | None) -> str | None:
    """The name of the file that holds the same report as an uploaded one, when the index took them as copies."""
    if not gen or not stored:
        return None
    doc = stored.rsplit("/", 1)[-1]
    copies = state.copies_of(p, gen)
    twin = copies.get(doc) or next((c for c, o in copies.items() if o == doc), None)
    return state.names(p).get(twin, twin) if twin else None


def table_page(title: str, caption: str) -> tuple[state.Paths, str, state.Tables, dict[str, str]]:
    """A page of the index's rows (事实, 核对): page(), its title and what it shows, and what it reads — the
    generation's tables and the names files were uploaded under."""
    p, gen = page()
    st.title(title)
    st.caption(caption)
    return p, gen, state.tables(p, gen), state.names(p)


def page() -> tuple[state.Paths, str]:
    """The paths and the index generation to show, with the sidebar drawn. Without an index (an empty or
    missing corpus folder) the page says so and stops; the sidebar still takes uploads, which build one."""
    p = state.paths()
    try:
        gen: str | None = state.ensure_index(p)
        problem = None
    except ReportError as err:
        gen, problem = None, err
    with st.sidebar:
        if gen:
            corpus_glance(p, gen)
            st.caption(f"索引 {gen} · {state.tables(p, gen).built_at[:16].replace('T', ' ')}")
        uploader(p, gen)
        remove_box(p)
    if gen is None:
        st.title("政府信息公开年报问答")
        st.warning(f"还没有可用的索引：{render.escape_md(chinese(problem.problem))}（{render.escape_md(str(problem.path))}）。\n\n"
                   "请在左侧上传年报文件，或把报告放进语料文件夹后重新启动。")
        st.stop()
    return p, gen
