"""The index grows in place (index/grow.py): a few new, changed or removed files become a segment with
tombstones, read as base + segments − tombstones (index/generation.py). Built file by file, then edited
and pruned, the index must hold exactly the rows of a build from scratch and answer the same; `--compact`
merges the segments into a base equal to the scratch build."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from index.build import build_index
from index.generation import Generation

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
if not REAL.is_dir():
    REAL = Path("/work/shared/real/reports")
TABLES = ("reports", "facts", "findings", "warnings", "lines")
QUESTIONS = ("哪个单位行政处罚最多", "平潭2021年收到多少政府信息公开申请", "鹤岗城管存在哪些问题",
             "各单位行政复议数量", "济南市城管局2022年主动公开了多少条信息", "政务公开培训情况")


def logical_rows(index: Path) -> dict[str, list]:
    """Every table's rows as a sorted list (the order of rows and passage numbers may differ between a
    grown index and a full build; the rows may not); passages by their id, text and place."""
    gen = Generation.current(index)
    con = gen.connect()
    try:
        out = {t: sorted(map(repr, con.execute(f"select {_columns(t)} from {t}").fetchall())) for t in TABLES}
        out["passages"] = sorted(map(repr, con.execute(
            "select id, doc, agency, year, part, kind, text, line_start, line_end, fact_keys from passages"
        ).fetchall()))
        return out
    finally:
        con.close()


def parquet_facts(index: Path) -> list:
    import duckdb

    gen = Generation.current(index).path
    con = duckdb.connect()
    try:
        return sorted(map(repr, con.execute(
            f"select {_columns('facts')} from read_parquet('{gen}/**/facts.parquet', filename = true) f "
            f"anti join read_parquet('{gen}/tombstones.parquet') t "
            "on t.doc = f.doc and t.dir = regexp_extract(f.filename, '([^/]+)/[^/]+$', 1)").fetchall()))
    finally:
        con.close()


def _columns(table: str) -> str:
    from index.store import SCHEMA

    return ", ".join(f'"{c}"' for c, _ in SCHEMA[table])


def answers(index: Path) -> list[dict]:
    from qa.engine import QA

    qa = QA(index)
    try:
        out = []
        for q in QUESTIONS:
            answer, _ = qa.ask(q)
            out.append(json.loads(answer.model_dump_json()))
        return out
    finally:
        qa.close() if hasattr(qa, "close") else None


def assert_same(a: Path, b: Path) -> None:
    ra, rb = logical_rows(a), logical_rows(b)
    for t in ra:
        assert ra[t] == rb[t], f"table {t} differs"
    ma, mb = Generation.current(a).manifest, Generation.current(b).manifest
    assert ma.counts == mb.counts
    assert [(f.path, f.doc, f.sha256, f.facts, f.passages) for f in ma.files] == \
        [(f.path, f.doc, f.sha256, f.facts, f.passages) for f in mb.files]
    ka, kb = Generation.current(a).keyword(), Generation.current(b).keyword()
    ca, cb = Generation.current(a).connect(), Generation.current(b).connect()
    try:
        for q in ("存在的主要问题", "行政处罚 处理决定数量", "政务公开培训", "依申请公开", "平潭 行政复议"):
            ha, hb = ka.search(q, 20), kb.search(q, 20)
            assert [s for _, s in ha] == [s for _, s in hb], q  # the same scores, to the bit
            ida = [ca.execute("select id from passages where pidx = ?", [p]).fetchone()[0] for p, _ in ha]
            idb = [cb.execute("select id from passages where pidx = ?", [p]).fetchone()[0] for p, _ in hb]
            assert ida == idb, q
    finally:
        ca.close()
        cb.close()
    assert answers(a) == answers(b)


@pytest.fixture(scope="module")
def files() -> list[Path]:
    return sorted(ROOT.glob("corpus/*.txt")) + sorted(p for p in REAL.iterdir() if p.suffix != ".pdf")


def test_grown_file_by_file_equals_a_full_build(tmp_path: Path, files: list[Path], monkeypatch) -> None:
    monkeypatch.setenv("QA_MAX_SEGMENTS", "64")  # every add a segment (where the neighbour step allows)
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(files[0], corpus / files[0].name)
    build_index(corpus, index, embed=False, workers=1)
    grown = 0
    for f in files[1:]:
        shutil.copy(f, corpus / f.name)
        s = build_index(corpus, index, embed=False, workers=1)
        grown += bool(s.manifest.parts)
        assert s.manifest.counts["reports"] == len(list(corpus.iterdir()))
    # the seeds and the first Pingtan year are segments; the other Pingtan years have values a neighbouring
    # year decides (index/neighbours.py): those adds run the full build, which merges the segments
    assert grown >= 5
    # a changed report (a number and a sentence) and a removed one
    edit = corpus / files[2].name
    edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    (corpus / files[1].name).unlink()
    s = build_index(corpus, index, embed=False, workers=1)
    assert s.manifest.parts and any(t.doc == files[1].name for t in s.manifest.dead)
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)
    assert parquet_facts(index) == logical_rows(fresh)["facts"]  # the README's query over the Parquet files

    merged = build_index(corpus, index, embed=False, workers=1, compact=True)
    assert not merged.manifest.parts and not merged.manifest.dead
    assert_same(index, fresh)


def test_too_many_segments_are_merged(tmp_path: Path, files: list[Path], monkeypatch) -> None:
    monkeypatch.setenv("QA_MAX_SEGMENTS", "2")
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for f in files[:3]:
        shutil.copy(f, corpus / f.name)
    build_index(corpus, index, embed=False, workers=1)
    parts = []
    for f in files[3:6]:  # the seeds 003, 004 and the first real report: no neighbouring years
        shutil.copy(f, corpus / f.name)
        parts.append(len(build_index(corpus, index, embed=False, workers=1).manifest.parts))
    assert parts == [1, 2, 0]  # the third add would make a third segment: everything is merged instead
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert logical_rows(index) == logical_rows(fresh)


@pytest.mark.model
def test_a_grown_index_with_vectors_searches_like_a_full_build(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QA_VECTOR_CACHE", str(tmp_path / "vectors"))
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    seeds = sorted(ROOT.glob("corpus/*.txt"))
    for f in seeds[:-1]:
        shutil.copy(f, corpus / f.name)
    build_index(corpus, index, embed=True)
    shutil.copy(seeds[-1], corpus / seeds[-1].name)
    assert build_index(corpus, index, embed=True).manifest.parts
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=True)
    from qa.retrieve import Retriever

    ra, rb = Retriever(index), Retriever(fresh)
    for q in ("依申请公开的办理情况", "政府信息公开工作存在的不足", "行政处罚决定"):
        a, b = ra.search(q, k=8, mode="dense"), rb.search(q, k=8, mode="dense")
        assert [h.passage.id for h in a.hits] == [h.passage.id for h in b.hits], q
        a, b = ra.search(q, k=8), rb.search(q, k=8)
        assert [h.passage.id for h in a.hits] == [h.passage.id for h in b.hits], q


def _same_store(a, b) -> None:
    """Two FactStores over one generation hold the same values, lines and findings (read in full: a store
    reads them per key and per document on first need)."""
    import numpy as np

    from index.template import fact_specs

    assert a.reports == b.reports and a.agency_names == b.agency_names and a.years == b.years
    for s in (a, b):
        s._locate_lines(set(s.by_doc))
    for key in sorted(fact_specs()):  # every key's column over the reports
        ca, cb = a._column(key), b._column(key)
        for f in ("present", "value", "flags", "line", "rowid", "col"):
            assert np.array_equal(getattr(ca, f), getattr(cb, f), equal_nan=f == "value"), (key, f)
    assert a._line_base == b._line_base
    assert a._line_numbers.keys() == b._line_numbers.keys()
    assert all(np.array_equal(a._line_numbers[d][1], b._line_numbers[d][1]) and
               a._line_numbers[d][0] == b._line_numbers[d][0] for d in a._line_numbers)
    assert a.problem_findings == b.problem_findings
    assert {r: a._special[r] for r in b._special} == b._special


def _three_seeds(tmp_path: Path, files: list[Path]) -> tuple[Path, Path, list[Path]]:
    """A corpus of the first three seeds and its index (built): (corpus, index, every seed)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    seeds = [f for f in files if f.parent.name == "corpus"]
    for f in seeds[:3]:
        shutil.copy(f, corpus / f.name)
    build_index(corpus, index, embed=False, workers=1)
    return corpus, index, seeds


def test_a_reopened_engine_answers_like_a_fresh_one(tmp_path: Path, files: list[Path]) -> None:
    """The app's engine after an add, a replace and a delete: taken forward from the previous generation's
    (QA.reopen), it equals an engine opened afresh, rankings over every agency included."""
    from qa.engine import QA

    corpus, index, seeds = _three_seeds(tmp_path, files)
    qa = QA(index)
    edit = corpus / seeds[1].name

    def add() -> None:
        shutil.copy(seeds[3], corpus / seeds[3].name)

    def replace() -> None:
        edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")

    def delete() -> None:
        (corpus / seeds[0].name).unlink()

    for change in (add, replace, delete):
        change()
        assert build_index(corpus, index, embed=False, workers=1).manifest.parts, change.__name__
        old, qa = qa, qa.reopen()
        assert qa.retriever.gen.grown_from(old.retriever.gen), change.__name__  # the incremental path ran
        old.close()
        fresh = QA(index)
        try:
            _same_store(qa.store, fresh.store)
            for q in QUESTIONS:
                a, b = qa.ask(q)[0], fresh.ask(q)[0]
                assert a.model_dump_json() == b.model_dump_json(), (change.__name__, q)
        finally:
            fresh.close()
    qa.close()


def _same_engine_state(a, b) -> None:
    """What a reopened engine grows from its predecessor's (the report rows, the retriever's names and years,
    the copies of one report) equals what a fresh engine reads."""
    import numpy as np

    ra, rb = a.retriever, b.retriever
    ta, tb = ra.table, rb.table
    assert ta is a.store.table and tb is b.store.table  # (one table of the reports an engine)
    for c in ("docs", "stated", "year", "format", "agency_of"):
        assert np.array_equal(getattr(ta, c), getattr(tb, c)), c
    assert (ta.agency_names, ta.fuller, ta.places()) == (tb.agency_names, tb.fuller, tb.places())
    assert (ra._agency_names, ra._names_of, ra.years) == (rb._agency_names, rb._names_of, rb.years)
    assert all(ta.has(n, y) == tb.has(n, y) for n in tb.agency_names for y in [*tb.years, None, 1999])
    ca, cb = a.store.copies, b.store.copies
    assert ca.groups == cb.groups and ca.places == cb.places and np.array_equal(ca.is_primary, cb.is_primary)
    assert ra.hidden_docs == rb.hidden_docs


def test_a_reopened_engine_grows_copies_and_names_like_a_fresh_one(tmp_path: Path, files: list[Path]) -> None:
    """Copies of one report (qa/copies.py) judged again only at the places whose files changed: a copy added
    beside a report, one of two copies edited apart, a copy deleted, a report replaced; each time the reopened
    engine's copies, report rows and names equal a fresh engine's, and an untouched place is not read again."""
    from qa.engine import QA

    corpus, index, seeds = _three_seeds(tmp_path, files)
    shutil.copy(seeds[0], corpus / ("copy_" + seeds[0].name))
    build_index(corpus, index, embed=False, workers=1, compact=True)
    qa = QA(index)
    assert len(qa.store.copies) == 1
    edit = corpus / ("copy_" + seeds[0].name)

    def add_copy() -> None:
        shutil.copy(seeds[1], corpus / ("copy_" + seeds[1].name))

    def edit_apart() -> None:
        text = edit.read_text("utf-8")
        head, table = text[:len(text) // 3], text[len(text) // 3:]
        edit.write_text(head + re.sub(r"(?<![\d.年])(\d{1,4})(?![\d.年])", lambda m: str(int(m.group(1)) + 1),
                                      table), "utf-8")

    def delete_copy() -> None:
        (corpus / ("copy_" + seeds[1].name)).unlink()

    def replace() -> None:
        seed = corpus / seeds[2].name
        seed.write_text(seed.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")

    for change, n_copies in ((add_copy, 2), (replace, 2), (edit_apart, 1), (delete_copy, 0)):
        change()
        assert build_index(corpus, index, embed=False, workers=1).manifest.parts, change.__name__
        old, qa = qa, qa.reopen()
        assert qa.retriever.gen.grown_from(old.retriever.gen), change.__name__  # the incremental path ran
        if change is replace:  # neither place of copies changed: both kept as judged
            assert all(qa.store.copies.places[p] is old.store.copies.places[p] for p in old.store.copies.places)
        old.close()
        fresh = QA(index)
        try:
            assert len(qa.store.copies) == n_copies, change.__name__
            _same_engine_state(qa, fresh)
        finally:
            fresh.close()
    qa.close()


def test_named_files_grow_like_a_walk(tmp_path: Path, files: list[Path]) -> None:
    """build_index(only=…) (qa build --only, the app's upload) stats the named files alone and takes the
    others as the index lists them: an add, a replace and a delete give the index a walk gives."""
    corpus, index, seeds = _three_seeds(tmp_path, files)
    shutil.copy(seeds[3], corpus / seeds[3].name)
    assert build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[3].name]).read == 1
    edit = corpus / seeds[1].name
    edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    (corpus / seeds[0].name).unlink()
    s = build_index(corpus, index, embed=False, workers=1, only=[edit, corpus / seeds[0].name])
    assert s.manifest.parts and any(t.doc == seeds[0].name for t in s.manifest.dead)
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)


def test_an_index_with_the_older_manifest_is_read_and_converted(tmp_path: Path, files: list[Path]) -> None:
    """An index built before files.json, facts_by_key and lines_by_doc (one manifest.json with the files inline)
    opens and answers as it did, and its next build writes the new layout."""
    from index.filelist import BASE_DB, SPANS
    from index.manifest import MANIFEST
    from index.store import FACTS_BY_KEY, LINES_BY_DOC

    corpus, index, seeds = _three_seeds(tmp_path, files)
    gen = Generation.current(index).path
    before = answers(index)
    (gen / MANIFEST).write_text(json.dumps(json.loads(Generation.current(index).manifest.model_dump_json()),
                                           ensure_ascii=False), "utf-8")
    (gen / BASE_DB).unlink()
    (gen / SPANS).unlink()
    (gen / FACTS_BY_KEY).unlink()
    (gen / LINES_BY_DOC).unlink()
    assert len(Generation.current(index).manifest.files) == 3
    assert answers(index) == before
    shutil.copy(seeds[3], corpus / seeds[3].name)
    s = build_index(corpus, index, embed=False, workers=1)
    assert s.manifest.parts
    new = Generation.current(index).path
    assert all((new / name).is_file() for name in (BASE_DB, SPANS, FACTS_BY_KEY, LINES_BY_DOC))
    assert "files" not in json.loads((new / MANIFEST).read_text("utf-8"))
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)


def test_facts_sorted_by_key_read_like_the_facts_table(tmp_path: Path, files: list[Path]) -> None:
    """A key's column read from the base's facts sorted by key, and a document's line places from the base's
    lines_by_doc (and a segment's tables, a tombstone excluded), equal those read from the views."""
    from index.template import fact_specs
    from qa.facts import FactStore

    corpus, index, seeds = _three_seeds(tmp_path, files)
    edit = corpus / seeds[1].name
    edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    assert build_index(corpus, index, embed=False, workers=1).manifest.dead
    gen = Generation.current(index)
    con = gen.connect()
    try:
        by_key, by_table = FactStore(con, gen), FactStore(con)
        assert "read_parquet" in by_key._key_sql and "read_parquet" not in by_table._key_sql
        _same_store(by_key, by_table)
        assert any(by_key._column(k).present.any() for k in fact_specs())
    finally:
        con.close()


def test_the_file_list_grows_by_segment_changes(tmp_path: Path, files: list[Path]) -> None:
    """An add, a replace and a delete each write the segments' overlay of the file list (file_changes.json:
    the rows changed since the base and the base rows no longer live), not the list: files.sqlite stays the
    base's, hard-linked and unchanged (inode and bytes). An add or open with --only reads no whole list;
    opening gives the list a full build gives; compaction writes one list again."""
    from index.filelist import BASE_DB, Overlay
    from index.manifest import FILE_CHANGES

    corpus, index, seeds = _three_seeds(tmp_path, files)
    base = Generation.current(index).path / BASE_DB
    ident, data = base.stat().st_ino, base.read_bytes()
    shutil.copy(seeds[3], corpus / seeds[3].name)
    s = build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[3].name])
    assert s.manifest._files is None and s.manifest.n_files == 4  # (the list was not read whole)
    edit = corpus / seeds[1].name
    edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    build_index(corpus, index, embed=False, workers=1, only=[edit])
    (corpus / seeds[0].name).unlink()
    build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[0].name])
    gen = Generation.current(index)
    m = gen.manifest
    assert len(m.parts) == 3 and m.file_changes == m.parts[-1:]
    assert (gen.path / BASE_DB).stat().st_ino == ident and (gen.path / BASE_DB).read_bytes() == data
    overlays = [Overlay.read(gen.path / p / FILE_CHANGES) for p in m.parts]
    assert [([r.path for r in o.rows], len(o.dropped)) for o in overlays] == [
        ([seeds[3].name], 0), (sorted([seeds[1].name, seeds[3].name]), 1), (sorted([seeds[1].name, seeds[3].name]), 2)]
    gen.keyword()  # an open: the spans, not the rows
    assert gen.manifest._files is None
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert Generation.current(index).manifest.files == [f._replace(part=g.part, pidx=g.pidx) for f, g in zip(
        Generation.current(fresh).manifest.files, Generation.current(index).manifest.files)]
    assert_same(index, fresh)
    s = build_index(corpus, index, embed=False, workers=1, compact=True)
    assert not s.manifest.parts and not s.manifest.file_changes
    gen = Generation.current(index)
    assert (gen.path / BASE_DB).stat().st_ino != ident and not list(gen.path.glob(f"*/{FILE_CHANGES}"))
    assert_same(index, fresh)


def test_a_grown_index_with_its_whole_list_in_files_json_is_read_and_grows(tmp_path: Path, files: list[Path]) -> None:
    """A grown generation of the older layout (files.json, changes by place in file_changes.json, or the
    whole list in files.json) opens as it is; its next add writes the list whole in the current layout."""
    from index.filelist import BASE_DB, SPANS
    from index.manifest import FILE_CHANGES, FILES, MANIFEST, write_files

    corpus, index, seeds = _three_seeds(tmp_path, files)
    shutil.copy(seeds[3], corpus / seeds[3].name)
    build_index(corpus, index, embed=False, workers=1)
    gen = Generation.current(index)
    whole = gen.manifest.files
    small = json.loads((gen.path / MANIFEST).read_text("utf-8"))
    small.pop("file_changes")
    (gen.path / MANIFEST).write_text(json.dumps(small, ensure_ascii=False), "utf-8")
    for name in (BASE_DB, SPANS):
        (gen.path / name).unlink()  # (hard links to the base's)
    write_files(gen.path / FILES, whole)
    for p in gen.manifest.parts:
        (gen.path / p / FILE_CHANGES).unlink()
    assert Generation.current(index).manifest.files == whole
    (corpus / seeds[2].name).unlink()
    m = build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[2].name]).manifest
    gen = Generation.current(index)
    assert len(m.parts) == 2 and m.file_changes == [] and (gen.path / BASE_DB).is_file()
    assert not (gen.path / FILES).exists()
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)


def parquet_findings(index: Path) -> list:
    """The findings by the README's query over the Parquet files (tombstones, and the cross-year findings
    later segments replaced)."""
    import duckdb

    gen = Generation.current(index).path
    con = duckdb.connect()
    try:
        return sorted(map(repr, con.execute(
            f"select {_columns('findings')} from read_parquet('{gen}/**/findings.parquet', filename = true) f "
            f"anti join (select dir, doc, false as cross_only from read_parquet('{gen}/tombstones.parquet') union all "
            f"select dir, doc, true from read_parquet('{gen}/cross_year_replaced.parquet')) t "
            "on t.doc = f.doc and t.dir = regexp_extract(f.filename, '([^/]+)/[^/]+$', 1) "
            "and (not t.cross_only or f.kind = 'cross_year')").fetchall()))
    finally:
        con.close()


def test_a_segment_holds_the_cross_year_findings_of_its_agencies(tmp_path: Path) -> None:
    """A segment recomputes the cross-year findings of the agencies it changes and holds those alone; the
    earlier parts' findings of those reports are left out (Manifest.cross_year): the findings equal a full
    build's, through the views and through the README's Parquet query, and a segment's own table holds no
    finding of another agency."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, 16, seed=5)
    build_index(corpus, index, embed=False, workers=1)
    con = Generation.current(index).connect()
    try:  # an agency with two consecutive years, and the file of its later one
        (doc, agency), = con.execute(
            "select b.doc, b.agency from findings f join reports b on b.doc = f.doc "
            "where f.kind = 'cross_year' order by b.doc limit 1").fetchall()
        (n_cross,) = con.execute("select count(*) from findings where kind = 'cross_year'").fetchone()
    finally:
        con.close()
    assert n_cross >= 2
    later = next(p for p in corpus.rglob("*") if p.is_file() and doc in (p.name, p.stem))
    later.write_text(later.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    s = build_index(corpus, index, embed=False, workers=1, only=[later])
    assert s.manifest.parts, "the edit must be a segment"
    seg = s.manifest.parts[-1]
    assert doc in s.manifest.cross_year[seg]
    gen = Generation.current(index)
    import duckdb

    own = duckdb.connect(str(gen.path / seg / "facts.duckdb"), read_only=True)
    try:
        agencies = {a for (a,) in own.execute("select distinct agency from findings where kind = 'cross_year'").fetchall()}
    finally:
        own.close()
    assert agencies == {agency}
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)
    assert parquet_findings(index) == logical_rows(fresh)["findings"]
    assert Generation.current(index).manifest.counts == Generation.current(fresh).manifest.counts


def test_named_files_after_a_changed_reports_csv_are_read_again(tmp_path: Path, files: list[Path]) -> None:
    """Files taken as the index lists them keep their keys unhashed only while reports.csv is the one the
    index was built with (Manifest.corrections): after it changes, an add naming another file still reads
    the files whose correction changed again, and the index equals a full build."""
    corpus, index, seeds = _three_seeds(tmp_path, files)
    csv = corpus / "reports.csv"
    csv.write_text(f"file,agency,year\n{seeds[0].name},淄博市张店区综合行政执法局,2020\n", "utf-8-sig")
    build_index(corpus, index, embed=False, workers=1)
    assert Generation.current(index).manifest.corrections
    shutil.copy(seeds[3], corpus / seeds[3].name)
    assert build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[3].name]).read == 1
    csv.write_text(f"file,agency,year\n{seeds[1].name},淄博市张店区综合行政执法局,2021\n", "utf-8-sig")
    shutil.copy(seeds[4], corpus / seeds[4].name)
    build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[4].name])
    con = Generation.current(index).connect()
    try:
        agency = dict(con.execute("select path, agency from reports").fetchall())
    finally:
        con.close()
    by_name = {Path(p).name: a for p, a in agency.items()}
    assert by_name[seeds[1].name] == "淄博市张店区综合行政执法局" != by_name[seeds[0].name]
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=False, workers=1)
    assert_same(index, fresh)


def test_a_grown_generation_reads_through_a_cursor(tmp_path: Path, files: list[Path]) -> None:
    """The app reads a generation through a cursor per thread (ui/state.py): a grown generation's tables
    are seen by its cursors too (temporary views were its connection's alone: every page failed after an
    upload)."""
    corpus, index, seeds = _three_seeds(tmp_path, files)
    shutil.copy(seeds[3], corpus / seeds[3].name)
    build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[3].name])
    gen = Generation.current(index)
    assert gen.segmented
    con = gen.connect()
    cur = con.cursor()
    try:
        assert cur.execute("select count(*) from reports").fetchone() == (4,)
        assert cur.execute("select count(*) from facts").fetchone() == con.execute("select count(*) from facts").fetchone()
    finally:
        cur.close()
        con.close()


def test_the_live_rows_an_add_reads_are_the_views_rows(tmp_path: Path, files: list[Path]) -> None:
    """A segment add reads the previous generation in the connection that writes the segment, its parts
    attached and no views made (Generation.attach_parts, live_rows): the same rows as the views, tombstones
    and replaced cross-year findings left out."""
    import duckdb

    from index.store import SCHEMA

    corpus, index, seeds = _three_seeds(tmp_path, files)
    shutil.copy(seeds[3], corpus / seeds[3].name)
    build_index(corpus, index, embed=False, workers=1, only=[corpus / seeds[3].name])
    edit = corpus / seeds[0].name
    edit.write_text(edit.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    (corpus / seeds[1].name).unlink()
    build_index(corpus, index, embed=False, workers=1, only=[edit, corpus / seeds[1].name])
    gen = Generation.current(index)
    assert len(gen.manifest.parts) == 2 and len(gen.manifest.dead) == 2
    views, bare = gen.connect(), duckdb.connect()
    try:
        gen.attach_parts(bare)
        for t in SCHEMA:
            assert sorted(map(repr, bare.execute(f"select * from ({gen.live_rows(t)})").fetchall())) == \
                sorted(map(repr, views.execute(f"select * from {t}").fetchall())), t
    finally:
        views.close()
        bare.close()


def test_the_file_table_answers_as_the_whole_list(tmp_path: Path) -> None:
    """The file list's base (files.sqlite) with the overlays of segment after segment gives, by every lookup
    an add and an open use, what the whole list changed the same way gives: rows in corpus order (paths in
    subfolders and names that sort differently by parts and by string), lookups by path, document, agency
    and key, and the spans an open reads. Generated rows, changes drawn with a fixed seed."""
    import random

    from index.filelist import FileTable, ListTable, write_base
    from index.manifest import FileRow

    rng = random.Random(11)
    names = sorted({rng.choice(["", "a/", "a-b/", "a/b/", "z/"]) + f"{rng.randrange(10**4):04d}.txt" for _ in range(300)},
                   key=lambda p: p.split("/"))
    at = 0

    def row(path: str, part: str = "") -> FileRow:
        nonlocal at
        n = rng.randrange(0, 5)
        at += n
        return FileRow(path=path, sha256=f"{rng.getrandbits(64):x}", doc=path.rsplit("/", 1)[-1],
                       agency=rng.choice(["甲局", "乙局", None]), year=rng.choice([2021, 2022, None]), facts=n * 3,
                       passages=n, key=f"k{rng.getrandbits(48):x}", part=part, pidx=at - n, size=n, mtime_ns=n,
                       neighbours=rng.choice([True, False, None]))

    base = [row(p) for p in names]
    write_base(tmp_path, base)
    table, whole = FileTable(tmp_path), ListTable(base)
    for seg in range(6):
        live = [r.path for r in whole.rows()]
        removed = rng.sample(live, 3)
        changed = [row(p, f"seg{seg}") for p in rng.sample(live, 3) + [f"n{seg}/x.txt", f"a/{seg}.txt"]]
        table = FileTable(tmp_path, table.changed(changed, removed))
        whole = ListTable(whole.changed(changed, removed))
        assert table.rows() == whole.rows() and len(table) == len(whole)
        for got, want in zip(table.spans(), whole.spans()):
            assert got.tolist() == want.tolist()
        for p in rng.sample(names, 20) + [f"n{seg}/x.txt", "nowhere.txt"]:
            assert table.get(p) == whole.get(p)
        docs = {r.doc for r in rng.sample(base, 10)}
        assert table.of_docs(docs) == whole.of_docs(docs)
        assert table.of_agencies(["甲局"]) == whole.of_agencies(["甲局"])
        assert all(table.has_key(k) == whole.has_key(k) for k in [r.key for r in rng.sample(base, 10)])


LAZY_CUTS = """import json, sys
from pathlib import Path
from index import keyword as kw
from index.jiebadict import LazyFreq, lazy_dictionary
texts = [p.read_text("utf-8", "replace") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
names = ["鹤岗市城市管理综合执法局", "平潭综合实验区管委会", "济南市城市管理局"]
with lazy_dictionary():
    lazy = isinstance(kw._seg().dt.FREQ, LazyFreq)
    cut = [kw.words(t) for t in texts] + [sorted(kw.field_terms(n)) for n in names]
left = kw._jieba is None  # the process as if jieba had never been initialised
kw._BLOCK_MEMO.clear()
full = [kw.words(t) for t in texts] + [sorted(kw.field_terms(n)) for n in names]
print(json.dumps({"lazy": lazy, "left": left, "same": cut == full, "tokens": sum(map(len, full))}))"""


def test_a_new_process_cuts_with_the_dictionary_read_by_bucket_as_with_the_whole(tmp_path: Path) -> None:
    """index/jiebadict.py: a segment add in a new process reads jieba's dictionary bucket by bucket; the
    real reports and agency names are cut exactly as with the whole dictionary."""
    import subprocess
    import sys

    run = [sys.executable, "-c", LAZY_CUTS, str(REAL)]
    subprocess.run(run, cwd=ROOT, check=True, capture_output=True)  # (the first writes the bucket file)
    got = json.loads(subprocess.run(run, cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    assert got["lazy"] and got["left"] and got["same"] and got["tokens"] > 10_000, got


def test_the_base_agency_terms_are_kept_beside_it_and_linked_forward(tmp_path: Path, files: list[Path]) -> None:
    """index/agencyterms.py: a full build writes the base's agency field terms beside it (and the first grow
    over a base without them); later grows link that file (same inode) and read it, not the base's name
    tables; a file made from another base's tables is not read."""
    import os

    from index.agencyterms import AGENCY_TERMS, base_tokenizer, known_fields
    from index.keyword import TokenizerConfig

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    for f in files[2:]:
        shutil.copy(f, corpus / f.name)
    build_index(corpus, index, embed=False)
    base = Generation.current(index).path / AGENCY_TERMS
    inodes = [os.stat(base).st_ino]
    base.unlink()  # (a base written before the file: the first grow writes it)
    for n, f in enumerate(files[:2], 1):  # (two seed reports: segments, no neighbouring year)
        shutil.copy(f, corpus / f.name)
        build_index(corpus, index, embed=False, only=[corpus / f.name])
        gen = Generation.current(index).path
        assert len(Generation.current(index).manifest.parts) == n
        inodes.append(os.stat(gen / AGENCY_TERMS).st_ino)
    assert inodes[1] == inodes[2]
    names = json.loads((gen / "keyword" / "meta_tables.json").read_text("utf-8"))["agencies"]
    known = known_fields(gen / AGENCY_TERMS, gen / "keyword", {names[0]})
    assert known.meta.agencies == {0: names[0]} and known.fields["agency"]
    assert all(ids == [0] for ids in known.fields["agency"].values())
    other = tmp_path / "other"
    other.mkdir()
    (other / "meta_tables.json").write_text(json.dumps({"agencies": names, "docs": []}), "utf-8")
    shutil.copy(gen / "keyword" / "keyword.json", other / "keyword.json")
    assert known_fields(gen / AGENCY_TERMS, other, {names[0]}) is None
    assert base_tokenizer(gen / AGENCY_TERMS, gen / "keyword") == TokenizerConfig().model_dump()


def test_reopened_keyword_parts_equal_fresh_ones_and_every_passage_counted(tmp_path: Path) -> None:
    """KeywordParts taken forward from an older generation's (the base's shares of the counts kept on it,
    rank and length normalisation made on first query) hold what a fresh open and the counts over every live
    passage give, after an add (a segment), a replace and a delete (tombstones), on a generated corpus."""
    import sys

    import numpy as np

    from index.keyword import PART_CODES

    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    write_corpus(corpus, 12, seed=11)
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix != ".jsonl")
    held = files[-1].read_bytes()
    files[-1].unlink()
    build_index(corpus, index, embed=False, workers=1)
    kw = Generation.current(index).keyword()
    edited = files[0]

    def add() -> None:
        files[-1].write_bytes(held)

    def replace() -> None:
        edited.write_text(edited.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")

    def delete() -> None:
        files[1].unlink()

    for change in (add, replace, delete):
        change()
        s = build_index(corpus, index, embed=False, workers=1, only=[files[-1], edited, files[1]])
        assert s.manifest.parts, change.__name__
        gen = Generation.current(index)
        kw = gen.keyword(kw)  # grown: loaded parts and the base's shares taken forward
        fresh = gen.keyword()
        assert kw.parts[0] is not fresh.parts[0]
        m, live = kw.meta, kw.live
        per_doc, doc_agency, per_part = kw._live_counts()
        assert np.array_equal(per_doc > 0, np.isin(np.arange(len(m.docs)), m.doc_id[live])), change.__name__
        want_agency = np.full(len(m.docs), -1, np.int64)
        want_agency[m.doc_id] = m.agency_id
        assert np.array_equal(doc_agency, want_agency)
        assert np.array_equal(per_part, np.bincount(m.part[live], minlength=len(PART_CODES)))
        for a, b in ((kw, fresh),):
            assert (a._n_docs, a._n_live) == (b._n_docs, b._n_live)
            for f in ("_df", "report_df", "idf", "_w", "_reports_per_agency", "rank", "_norm", "lens"):
                assert np.array_equal(getattr(a, f), getattr(b, f)), (change.__name__, f)
            assert a.fields == b.fields and a._field_idf["part"] == b._field_idf["part"]
        for q in QUESTIONS:
            assert kw.search(q, 10) == fresh.search(q, 10), (change.__name__, q)
