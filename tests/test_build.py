"""`qa build` as users run it: a real corpus, a real index folder, incremental rebuilds, a build killed
halfway, bad folders, and `qa search` over the result."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.build import build_index, current_generation, read_manifest
from index.errors import ReportError
from index.generation import Generation

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def qa(*args: str | Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout)


def table(index: Path, sql: str) -> list[tuple]:
    con = Generation.current(index).connect()  # base + segments − tombstones, as every reader sees it
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def snapshot(index: Path) -> dict:
    """Everything a build produces that answers depend on, in a comparable form."""
    return {
        "facts": table(index, "select doc, key, value, raw, line, flags from facts order by doc, key"),
        "findings": table(index, "select doc, kind, rule, scope, status, detail from findings order by all"),
        # passage numbers of a grown index differ from a full build's (index/generation.py): not compared
        "passages": table(index, "select id, text, line_start, line_end from passages order by all"),
        "reports": table(index, "select doc, agency, year, format from reports order by doc"),
    }


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def test_build_and_search(tmp_path, corpus):
    index = tmp_path / "index"
    run = qa("build", corpus, "--index", index)
    assert run.returncode == 0, run.stderr
    assert "报告：5 份" in run.stdout and "向量" in run.stdout
    manifest = read_manifest(index)
    assert manifest.counts["reports"] == 5 and len(manifest.files) == 5
    assert {f.sha256 for f in manifest.files} == {r[0] for r in table(index, "select sha256 from reports")}
    assert manifest.versions["duckdb"] and manifest.model["name"]
    assert table(index, "select count(*) from facts")[0][0] == manifest.counts["facts"]
    # every table row is a passage that names its facts and points at its line
    row = table(index, "select text, line_start from passages where kind = 'row' and text like '%伊川%行政处罚%'")
    assert row == [("伊川县城市管理局2020年 主动公开 · 行政处罚：上一年项目数量64，本年增/减0，处理决定数量313", 41)]
    found = json.loads(qa("search", "鹤岗城管存在哪些问题", "--index", index, "--json").stdout)
    top = found["hits"][0]["passage"]
    assert top["agency"] == "鹤岗市城市管理综合执法局" and top["part"] == "五"
    assert found["filters"]["agency"] == "鹤岗市城市管理综合执法局"


def test_incremental_rebuild_equals_a_full_build(tmp_path, corpus):
    index = tmp_path / "index"
    first = build_index(corpus, index)
    assert (first.read, first.reused) == (5, 0)
    again = build_index(corpus, index)
    assert (again.read, again.reused) == (0, 5)

    # change one file, remove one, add one
    jinan = corpus / "004_d68123bc43084456.txt"
    jinan.write_text(jinan.read_text(encoding="utf-8").replace("→126", "→126").replace("\t126\n", "\t127\n"),
                     encoding="utf-8")
    (corpus / "000_bd0b500898aa4917.txt").unlink()
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", corpus / "hegang_2021.txt")
    updated = build_index(corpus, index)
    assert (updated.read, updated.reused) == (2, 3)
    assert table(index, "select value from facts where doc like '004%' and key = 'penalty.prev'") == [(127.0,)]
    assert not table(index, "select * from facts where doc like '000%'")

    fresh = tmp_path / "fresh"
    build_index(corpus, fresh)
    assert snapshot(index) == snapshot(fresh)
    # the cache keeps only what the corpus still has
    assert len(list((index / "cache").glob("*.json.gz"))) == 5


def test_a_killed_build_leaves_the_last_index_usable(tmp_path):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    big = tmp_path / "big"
    write_corpus(big, 150, seed=3)
    index = tmp_path / "index"
    small = tmp_path / "small"
    shutil.copytree(CORPUS, small)
    build_index(small, index)
    before = snapshot(index)
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli", "build", str(big), "--index", str(index)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.0)  # well inside reading 150 reports
    assert proc.poll() is None, "the build finished before it could be killed: make the corpus bigger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert snapshot(index) == before
    assert qa("search", "鹤岗城管存在哪些问题", "--index", index).returncode == 0
    build_index(small, index)  # the next build cleans up after the killed one
    assert snapshot(index) == before
    assert not [p for p in index.iterdir() if p.name.startswith(".gen-")]


def test_bad_files_are_skipped_with_their_reason(tmp_path, corpus):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "notes.txt").write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    run = qa("build", corpus, "--index", tmp_path / "index")
    assert run.returncode == 1  # as the README says: 1 when some file was not read (it was 0)
    assert "跳过 2 份" in run.stdout
    # each file named, with the app's Chinese words for the reader's reason (ui/reasons.py: one table)
    assert "跳过 empty.txt：文件是空的" in run.stdout
    assert "跳过 notes.txt：不像政府信息公开工作年度报告" in run.stdout and "not a government" not in run.stdout


@pytest.mark.parametrize("case", ["missing", "empty", "not_an_index"])
def test_bad_folders_get_a_message_and_nothing_is_overwritten(tmp_path, corpus, case):
    index = tmp_path / "index"
    target = corpus
    if case == "missing":
        target = tmp_path / "nope"
    elif case == "empty":
        target = tmp_path / "empty"
        target.mkdir()
    else:
        index.mkdir()
        (index / "my-notes.txt").write_text("keep me", encoding="utf-8")
    run = qa("build", target, "--index", index)
    assert run.returncode == 2
    assert "Traceback" not in run.stderr and run.stderr.count("\n") == 1
    assert str(target if case != "not_an_index" else index) in run.stderr
    if case == "not_an_index":
        assert sorted(p.name for p in index.iterdir()) == ["my-notes.txt"]
        assert (index / "my-notes.txt").read_text(encoding="utf-8") == "keep me"
    else:
        assert not index.exists()


def test_search_on_a_folder_that_is_no_index(tmp_path):
    run = qa("search", "问题", "--index", tmp_path)
    assert run.returncode == 2 and "not an index folder" in run.stderr


def test_dense_index_refuses_another_model(tmp_path, corpus):
    """A build embeds with the default model and records its name and weights hash; searching
    it with another model is refused in one plain line, before that model is loaded."""
    from index.dense import DEFAULT_MODEL_NAME, resolve_model

    index = tmp_path / "index"
    summary = build_index(corpus, index, embed=True)  # the tests' builds are keyword-only unless asked
    assert "已向量化" in summary.manifest.embedded
    assert summary.manifest.model["name"] == DEFAULT_MODEL_NAME
    assert summary.manifest.model["id"] == resolve_model(None).model_id  # name@sha256 of the weights file
    ok = json.loads(qa("search", "圆桌对话", "--index", index, "--mode", "dense", "--json").stdout)
    assert ok["hits"]
    run = qa("search", "圆桌对话", "--index", index, "--mode", "dense", "--model", "use-multilingual-v3")
    assert run.returncode == 2
    assert "built with model" in run.stderr and DEFAULT_MODEL_NAME in run.stderr
    assert "Traceback" not in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_building_without_vectors_says_why(tmp_path, corpus):
    summary = build_index(corpus, tmp_path / "index", embed=False)
    assert "未向量化" in summary.manifest.embedded and "--no-embed" in summary.manifest.embedded
    assert not (current_generation(tmp_path / "index") / "dense").exists()
    run = qa("search", "圆桌对话", "--index", tmp_path / "index", "--mode", "dense")
    assert run.returncode == 2 and "no vectors" in run.stderr


def test_report_error_names_the_corpus(tmp_path):
    with pytest.raises(ReportError, match="no such corpus folder"):
        build_index(tmp_path / "nope", tmp_path / "index")
