"""Taking uploaded reports out again: a report uploaded by mistake (the wrong year, a draft) leaves the corpus
and the index, and answers stop counting it.

Only files uploaded in the app (corpus/uploads/) can be removed here; the reports the corpus folder was
started with are the server's. The files are moved aside (hidden names, which the corpus walk skips) and the
index is built for them alone (`only`: a named file that is gone is a removal); when the build fails they are
put back, so corpus and index keep agreeing, and the previous generation stays the index."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from index.errors import ReportError
from ui import render, state
from ui.reasons import chinese
from ui.uploads import BUILD_LOCK, UPLOADS, _save_names, build_isolated, load_names


def uploaded(corpus: Path) -> dict[str, str]:
    """The uploaded files still in the corpus: stored path (relative to the corpus folder) → the name it was
    uploaded under, in the order they were uploaded."""
    folder = Path(corpus) / UPLOADS
    return {f"{UPLOADS}/{stored}": shown for stored, shown in load_names(corpus).items()
            if (folder / stored).is_file()}


def remove_uploads(stored: Sequence[str], corpus: Path, index: Path) -> list[str]:
    """Take these uploaded files (paths as uploaded() gives them) out of the corpus and the index; returns the
    names they were uploaded under. Raises ReportError when the index could not be rebuilt (nothing removed)."""
    corpus, index = Path(corpus), Path(index)
    known = uploaded(corpus)
    chosen = [rel for rel in dict.fromkeys(stored) if rel in known]  # never a path the page did not list
    if not chosen:
        return []
    with BUILD_LOCK:
        aside = {rel: corpus / UPLOADS / f".{Path(rel).name}.removing" for rel in chosen}
        for rel, hidden in aside.items():
            os.replace(corpus / rel, hidden)
        try:
            build_isolated(corpus, index, only=[corpus / rel for rel in chosen])
        except BaseException:
            for rel, hidden in aside.items():  # the index still lists them: so must the corpus
                os.replace(hidden, corpus / rel)
            raise
        for hidden in aside.values():
            hidden.unlink(missing_ok=True)
        names = load_names(corpus)
        for rel in chosen:
            names.pop(Path(rel).name, None)
        _save_names(corpus, names)
    return [known[rel] for rel in chosen]


@dataclass(frozen=True)
class Removed:
    """Files this session took out of the index: the names they were uploaded under, and stored name → that
    name (the index's list of names no longer has them)."""
    shown: tuple[str, ...]
    names: dict[str, str]


REMOVED = "removed_since_drawn"


def take_removed() -> Removed | None:
    """The files removed since the chat was last drawn (its answers are asked again: ui/replay.py), once."""
    return st.session_state.pop(REMOVED, None)


def _note_removed(known: dict[str, str], chosen: list[str]) -> None:
    before = st.session_state.get(REMOVED) or Removed((), {})
    st.session_state[REMOVED] = Removed(before.shown + tuple(known[rel] for rel in chosen),
                                        {**before.names, **{Path(rel).name: known[rel] for rel in chosen}})


def remove_box(p: state.Paths) -> None:
    """The sidebar's list of uploaded files, any of which can be taken out of the index."""
    files = uploaded(p.corpus)
    done = st.session_state.pop("removal_said", None)
    if done:
        (st.error if done[0] == "error" else st.success)(done[1])
    if not files:
        return
    n = st.session_state.setdefault("remove_n", 0)
    with st.expander(f"已上传的文件（{len(files)}）"):
        chosen = st.multiselect("选择要移除的文件", list(files), format_func=lambda rel: files[rel],
                                key=f"remove-files-{n}", placeholder="选择文件", select_all=False,  # its "Select all" is English
                                help="移除后，问答、事实与核对都不再计入这些文件；原文件不受影响，需要时可重新上传")
        if st.button("从索引中移除", key="remove-go", disabled=not chosen, icon=":material/delete:"):
            with st.spinner(f"正在从索引中移除 {len(chosen)} 个文件…"):
                try:
                    gone = remove_uploads(chosen, p.corpus, p.index)
                    _note_removed(files, chosen)
                    said = ("ok", f"已移除：{render.escape_md('、'.join(gone))}（问答与统计不再计入）")
                except ReportError as err:
                    said = ("error", f"未能移除：{render.escape_md(chinese(err.problem))}。原有索引保持不变。")
            st.session_state["removal_said"] = said
            st.session_state["remove_n"] = n + 1  # a fresh, empty choice
            st.session_state.pop("upload_results", None)  # the uploads said "已加入" of what is gone now
            st.rerun()
