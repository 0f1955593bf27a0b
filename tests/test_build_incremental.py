"""A full rebuild (`compact`: a few changes otherwise grow the index by a segment, tests/test_build_grow.py)
takes unchanged files from the previous generation (rows copied inside DuckDB, keyword postings
renumbered) and stages only new or changed ones. Its result must be the full build's, to the
byte for the keyword arrays and row for row (in order) for every table of the facts database."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import duckdb
import numpy as np
import pytest

from index.build import build_index, current_generation, read_manifest
from index.keyword import KeywordIndex

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("reports", "facts", "findings", "warnings", "passages", "lines")


def rows(index: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(current_generation(index) / "facts.duckdb"), read_only=True)
    try:
        return {t: con.execute(f"select * from {t}").fetchall() for t in TABLES}  # physical order, on purpose
    finally:
        con.close()


def keyword_files(index: Path) -> dict[str, str]:
    folder = current_generation(index) / "keyword"
    return {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(folder.iterdir())}


def assert_same_index(a: Path, b: Path) -> None:
    ra, rb = rows(a), rows(b)
    for t in TABLES:
        assert len(ra[t]) == len(rb[t]), t
        assert ra[t] == rb[t], f"table {t} differs"
    assert keyword_files(a) == keyword_files(b)
    ka, kb = KeywordIndex.load(current_generation(a) / "keyword"), KeywordIndex.load(current_generation(b) / "keyword")
    for q in ("存在的主要问题", "行政处罚 处理决定数量", "政务公开培训", "依申请公开"):
        assert ka.search(q, 20) == kb.search(q, 20)


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    folder = tmp_path_factory.mktemp("gen") / "corpus"
    write_corpus(folder, 60, seed=4)
    (folder / "truth.jsonl").unlink()
    return folder


def _edit(corpus: Path) -> None:
    """Change one report's prose and one of its numbers, remove one report, add one (a seed)."""
    truth_files = sorted(p for p in corpus.glob("*.txt"))
    target = next(p for p in truth_files if "tab_rows" in p.name)
    text = target.read_bytes().decode("utf-8-sig")
    assert "。" in text
    target.write_text(text.replace("。", "。本年度另有一条补充说明。", 1), encoding="utf-8")
    truth_files[0].unlink()
    shutil.copy(ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt", corpus / "zz_seed.txt")


def test_rebuild_after_edits_equals_a_full_build(tmp_path: Path, generated: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(generated, corpus)
    index = tmp_path / "index"
    first = build_index(corpus, index, embed=False, workers=1)
    assert first.read == 60
    _edit(corpus)
    again = build_index(corpus, index, embed=False, workers=1, compact=True)
    assert (again.read, again.reused) == (2, 59 - 1)  # the changed and the added file; 58 unchanged
    fresh = tmp_path / "fresh"
    full = build_index(corpus, fresh, embed=False, workers=2)  # 60 files: worker processes
    assert full.read == 60
    assert_same_index(index, fresh)
    assert read_manifest(index).counts == read_manifest(fresh).counts
    assert [f.model_dump() for f in read_manifest(index).files] == [f.model_dump() for f in read_manifest(fresh).files]


def test_nothing_changed_reads_nothing(tmp_path: Path, generated: Path) -> None:
    index = tmp_path / "index"
    build_index(generated, index, embed=False, workers=1)
    before = rows(index), keyword_files(index)
    generation = current_generation(index)
    again = build_index(generated, index, embed=False, workers=1)
    assert (again.read, again.reused) == (0, 60)
    assert current_generation(index) == generation  # nothing to do: the index in use stays
    assert (rows(index), keyword_files(index)) == before


def test_an_index_without_term_frequencies_is_rebuilt_from_the_cache(tmp_path: Path, generated: Path) -> None:
    """An index saved before updates existed (no tf.npy): the rebuild cannot update it and reads every
    file's cached work instead; the result is the same."""
    index = tmp_path / "index"
    build_index(generated, index, embed=False, workers=1)
    before = rows(index), keyword_files(index)
    (current_generation(index) / "keyword" / "tf.npy").unlink()
    again = build_index(generated, index, embed=False, workers=1)
    assert (again.read, again.reused) == (0, 60)
    assert (rows(index), keyword_files(index)) == before


def test_duplicate_file_names_in_subfolders(tmp_path: Path) -> None:
    """Rows are matched by file name when a generation is reused: with two files of one name the build
    takes the slower path, and stays right."""
    corpus = tmp_path / "corpus"
    for sub, seed in (("a", "002_f3bbfa1004ed2dd6.txt"), ("b", "003_4e4bafc32cf8cb39.txt")):
        (corpus / sub).mkdir(parents=True)
        shutil.copy(ROOT / "corpus" / seed, corpus / sub / "report.txt")
    index = tmp_path / "index"
    build_index(corpus, index)
    b = corpus / "b" / "report.txt"
    b.write_text(b.read_text("utf-8").replace("808", "809"), encoding="utf-8")
    build_index(corpus, index)
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh)
    assert_same_index(index, fresh)
    agencies = [a for (a,) in duckdb.connect(str(current_generation(index) / "facts.duckdb"), read_only=True)
                .execute("select agency from reports order by path").fetchall()]
    assert agencies == ["伊川县城市管理局", "鹤岗市城市管理综合执法局"]


@pytest.mark.model
def test_vectors_of_unchanged_files_come_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_VECTOR_CACHE", str(tmp_path / "vectors"))  # not the session's: count what is computed
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("003_4e4bafc32cf8cb39.txt", "004_d68123bc43084456.txt"):
        shutil.copy(ROOT / "corpus" / name, corpus / name)
    index = tmp_path / "index"
    first = build_index(corpus, index, embed=True)
    total = first.manifest.counts["passages"]
    assert f"本次新算 {total} 个" in first.manifest.embedded  # prose and table rows
    jinan = corpus / "004_d68123bc43084456.txt"
    jinan.write_text(jinan.read_text("utf-8").replace("圆桌对话", "圆桌会谈", 1), encoding="utf-8")
    again = build_index(corpus, index, embed=True, compact=True)
    computed = int(again.manifest.embedded.split("本次新算 ")[1].split(" ")[0].rstrip("个，"))
    assert 0 < computed < total  # only Jinan's passages
    fresh = tmp_path / "fresh"
    build_index(corpus, fresh, embed=True)
    import faiss

    da, db = current_generation(index) / "dense", current_generation(fresh) / "dense"
    assert np.array_equal(np.load(da / "global_ids.npy"), np.load(db / "global_ids.npy"))
    va, vb = faiss.read_index(str(da / "dense.faiss")), faiss.read_index(str(db / "dense.faiss"))
    assert va.ntotal == vb.ntotal
    assert np.allclose(va.reconstruct_n(0, va.ntotal), vb.reconstruct_n(0, vb.ntotal), atol=1e-5)
    assert json.loads((da / "dense.json").read_text())["fingerprint"] == json.loads((db / "dense.json").read_text())["fingerprint"]
