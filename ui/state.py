"""What the app shares across sessions and loads once per server process: the index (built over the
corpus on first start if there is none), the question-answering engine and the corpus tables, each per
index generation, so that an upload's new generation is picked up by every session at its next rerun.

Paths come from the environment: QA_INDEX (default `.index`) and QA_CORPUS (default `corpus`), relative
to the working directory; when unset, the project's own folders."""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from index.build import build_index, is_index
from index.errors import ReportError
from ui.render import escape_md as _escape_md
from ui.uploads import BUILD_LOCK, load_names

ROOT = Path(__file__).resolve().parents[1]
INDEX_ENV, CORPUS_ENV, MODEL_ENV = "QA_INDEX", "QA_CORPUS", "QA_MODEL"


@dataclass(frozen=True)
class Paths:
    corpus: Path
    index: Path


def paths() -> Paths:
    corpus = os.environ.get(CORPUS_ENV)
    index = os.environ.get(INDEX_ENV)
    return Paths(corpus=Path(corpus).resolve() if corpus else ROOT / "corpus",
                 index=Path(index).resolve() if index else ROOT / ".index")


def generation(index: Path) -> str | None:
    """The name of the generation in use (one small file read per rerun), None when there is no index."""
    from index.generation import Generation

    return Generation.current_name(index)


def ensure_index(p: Paths) -> str:
    """The current generation, building the index over the corpus first if there is none (once per
    process: a second session waits for the first one's build)."""
    gen = generation(p.index)
    if gen:
        return gen
    with st.spinner(f"第一次启动：正在为 {_escape_md(p.corpus.name)}/ 中的报告建立索引…"), BUILD_LOCK:
        if not is_index(p.index):
            build_index(p.corpus, p.index)
    gen = generation(p.index)
    if not gen:
        raise ReportError(str(p.index), "未能建立索引")
    return gen


def _close(resource) -> None:
    try:
        resource.close()
    except Exception:  # noqa: BLE001 - closing an old generation's handle must never disturb a page
        pass


# The newest engine of each (index, model): the next generation's engine is taken forward from it
# (QA.reopen: after an upload added a segment, only its rows are read). It may already be released
# (closed): reopen reads nothing through its connection.
_LATEST: dict[tuple[str, str | None], object] = {}
_LATEST_LOCK = threading.Lock()


# Old generations' engines and connections are closed when a newer one has pushed them out of the cache.
@st.cache_resource(show_spinner="正在加载问答引擎…", max_entries=2, on_release=_close)
def _engine(index: str, gen: str, model: str | None):
    from qa.engine import QA

    with _LATEST_LOCK:
        previous = _LATEST.get((index, model))
        qa = previous.reopen() if previous is not None else QA(Path(index), model=model)
        _LATEST[(index, model)] = qa
    return qa


def engine(p: Paths, gen: str):
    """The question-answering engine of this index generation, shared by all sessions."""
    return _engine(str(p.index), gen, os.environ.get(MODEL_ENV) or None)


@st.cache_resource(show_spinner=False, max_entries=2)
def _generation(index: str, gen: str):
    """The generation named `gen` (index.generation: the one owner of the index folder's files)."""
    from index.generation import Generation

    return Generation.named(Path(index), gen)


@st.cache_resource(show_spinner=False, max_entries=2, on_release=_close)
def _db(index: str, gen: str):
    """The facts database of a generation, read only; use a cursor per call (sessions are threads)."""
    return _generation(index, gen).connect()


@dataclass(frozen=True)
class Tables:
    reports: pd.DataFrame
    facts: pd.DataFrame
    findings: pd.DataFrame
    warnings: pd.DataFrame
    skipped: dict[str, str]
    built_at: str
    generation: str


@st.cache_resource(show_spinner=False, max_entries=2)
def _tables(index: str, gen: str) -> Tables:
    cur = _db(index, gen).cursor()
    try:
        frames = {name: cur.execute(f"select {_columns(name)} from {name}").df()  # our names, never user text
                  for name in ("reports", "facts", "findings", "warnings")}
    finally:
        cur.close()
    manifest = _generation(index, gen).manifest
    return Tables(**frames, skipped=dict(manifest.skipped), built_at=manifest.built_at, generation=gen)


def _columns(table: str) -> str:
    """The table's own columns (a grown generation's views add rowid)."""
    from index.store import SCHEMA

    return ", ".join(f'"{c}"' for c, _ in SCHEMA[table])


def tables(p: Paths, gen: str) -> Tables:
    """The reports, facts, findings and warnings of this generation as DataFrames (shared: read only)."""
    return _tables(str(p.index), gen)


def copies_of(p: Paths, gen: str) -> dict[str, str]:
    """Each file that holds another file's report (qa/copies.py: same agency and year, the same cells) → the
    file that stands for that report. Answers count such a report once; so do the pages."""
    qa = engine(p, gen)
    reports = qa.store.reports
    return {reports[o].doc: reports[g.primary].doc for g in qa.store.copies.groups.values() for o in g.others}


def without_copies(frame: pd.DataFrame, copies: dict[str, str]) -> pd.DataFrame:
    """The rows (reports, facts, findings: anything with a `doc` column) of the files that stand for their
    report: a copy's rows are the same report's again."""
    return frame[~frame["doc"].isin(list(copies))] if copies else frame


def report_files(p: Paths, gen: str, agency: str, year: int | None) -> list[str]:
    """The files (docs) of one agency's report of that year (several: the copies of one report)."""
    r = tables(p, gen).reports
    same = r[(r["agency"] == agency) & ((r["year"] == year) if year is not None else r["year"].isna())]
    return sorted(same["doc"].astype(str))


def names(p: Paths) -> dict[str, str]:
    """Report doc → the name it was uploaded under (only for uploaded reports)."""
    return load_names(p.corpus)


@st.cache_resource(show_spinner=False, max_entries=2)
def _examples(index: str, gen: str, model: str | None) -> list[str]:
    from ui.ask import ask_safely
    from ui.examples import candidates

    t = _tables(index, gen)
    qa = _engine(index, gen, model)
    keep = []
    for question in candidates(t.facts, t.findings):
        answer, _ = ask_safely(qa, question, None)
        if answer.status == "answered":
            keep.append(question)
    return keep[:5]


def examples(p: Paths, gen: str) -> list[str]:
    """Example questions the engine answers over this generation's corpus (asked once per generation)."""
    return _examples(str(p.index), gen, os.environ.get(MODEL_ENV) or None)


@dataclass(frozen=True)
class CellSource:
    line: int
    col: int | None  # 1-based character column in the line (text files), None for table cells of HTML
    where: str  # "第55行（表2 第6行第10格）"
    text: str  # the line as it stands in the report


@st.cache_data(show_spinner=False, max_entries=10_000)
def _cell_source(index: str, gen: str, doc: str, key: str) -> CellSource | None:
    cur = _db(index, gen).cursor()
    try:
        row = cur.execute("select f.line, f.col, f.source, l.text from facts f left join lines l "
                          "on l.doc = f.doc and l.line = f.line where f.doc = ? and f.key = ? limit 1",
                          [doc, key]).fetchone()
    finally:
        cur.close()
    return CellSource(int(row[0]), None if row[1] is None else int(row[1]), row[2] or "", row[3] or "") \
        if row else None


def cell_source(p: Paths, gen: str, doc: str, key: str) -> CellSource | None:
    """Where a fact's cell stands: its line, column and the line's text (for exact highlighting)."""
    return _cell_source(str(p.index), gen, doc, key)
