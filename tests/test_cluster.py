"""`qa build --ray`: the build as a Ray Data job on a local two-worker Ray gives exactly the facts, the
findings, the passages, the keyword index and the answers of the single-process build, over the seeds and
a few real reports (text and HTML, two consecutive years of one agency for the cross-year check) plus a
file that cannot be read. Ray starts once per session (two CPUs, no dashboard)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from index.build import build_index, current_generation
from index.generation import Generation
from index.parquet import PARQUET_TABLES, parquet_path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
REAL_FILES = ["02_pingtan_2019.txt", "11_pingtan_2019.html", "12_pingtan_2020.html", "13_pingtan_2021.html"]
QUESTIONS = [q for q in json.loads((ROOT / "tests" / "qa_questions.json").read_text("utf-8")) if q["index"] == "seeds"]


@pytest.fixture(scope="session")
def local_ray():
    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install '.[cluster]'")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
    yield ray
    ray.shutdown()


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, local_ray):
    """One corpus, built once in this process (no Ray) and once as a Ray job."""
    if not REAL.is_dir():
        pytest.skip(f"{REAL} is absent (the shared dev set sits beside the repo)")
    base = tmp_path_factory.mktemp("cluster")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    for name in REAL_FILES:
        shutil.copy(REAL / name, corpus / name)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\xff\xfe" * 200)  # no text in it: skipped with a reason
    single = build_index(corpus, base / "single", workers=1)
    cluster = build_index(corpus, base / "ray", ray="")
    return single, cluster


def _table(index: Path, sql: str) -> list[tuple]:
    con = Generation.current(index).connect()
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_same_files_and_skips(two_builds):
    single, cluster = two_builds
    assert [f.model_dump() for f in single.manifest.files] == [f.model_dump() for f in cluster.manifest.files]
    assert single.manifest.skipped == cluster.manifest.skipped and "broken.txt" in cluster.manifest.skipped
    assert single.manifest.counts == cluster.manifest.counts
    read = {f.path for f in cluster.manifest.files}
    assert read | set(cluster.manifest.skipped) == {p.name for p in Path(cluster.manifest.corpus).iterdir()}
    assert {"11_pingtan_2019.html", "12_pingtan_2020.html", "13_pingtan_2021.html"} <= read


@pytest.mark.parametrize("table", ["reports", "facts", "findings", "warnings", "passages", "lines"])
def test_same_rows_in_the_same_order(two_builds, table):
    single, cluster = two_builds
    a, b = _table(Path(single.index), f"select * from {table}"), _table(Path(cluster.index), f"select * from {table}")
    assert a and a == b


def test_cross_year_finding_across_workers(two_builds):
    _, cluster = two_builds
    rows = _table(Path(cluster.index), "select doc from findings where kind = 'cross_year'")
    assert rows, "consecutive pingtan years make a cross-year check"


def test_same_parquet_and_keyword_index(two_builds):
    single, cluster = two_builds
    ga, gb = current_generation(Path(single.index)), current_generation(Path(cluster.index))
    for table in PARQUET_TABLES:
        assert parquet_path(ga, table).read_bytes() == parquet_path(gb, table).read_bytes(), table
    for f in sorted((ga / "keyword").iterdir()):
        assert f.read_bytes() == (gb / "keyword" / f.name).read_bytes(), f.name
    assert not (gb / "shards").exists(), "the shards are removed once the generation is written"


@pytest.fixture(scope="module")
def engines(two_builds):
    from qa.engine import QA

    single, cluster = two_builds
    qas = QA(Path(single.index)), QA(Path(cluster.index))
    yield qas
    for qa in qas:
        qa.close()


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_same_answer(engines, item):
    answers = []
    for qa in engines:
        conversation = None
        for prev in item.get("context", []):
            _, conversation = qa.ask(prev, conversation)
        answer, _ = qa.ask(item["q"], conversation)
        answers.append(answer.model_dump(mode="json"))
    assert answers[0] == answers[1]


def test_incremental_ray_build_takes_unchanged_files_from_the_previous_generation(tmp_path, two_builds):
    _, cluster = two_builds
    index = tmp_path / "index"
    shutil.copytree(cluster.index, index)
    corpus = Path(Generation.current(index).manifest.corpus)
    rebuilt = build_index(corpus, index, ray="")
    assert rebuilt.read == 0  # nothing changed: the current generation stands


def test_ray_build_over_a_previous_generation_numbers_the_changed_file_among_the_kept_ones(tmp_path, two_builds):
    """One file changed amid unchanged ones: the Ray job reads it alone, its rows go from the shard into
    DuckDB under the file number the build gives it between files taken from the previous generation,
    and the index is the one a fresh single-process build of the changed corpus makes."""
    _, cluster = two_builds
    corpus = tmp_path / "corpus"
    shutil.copytree(cluster.manifest.corpus, corpus)
    middle = sorted(p for p in corpus.iterdir() if p.suffix == ".txt" and p.name != "broken.txt")[1]
    middle.write_text(middle.read_text("utf-8") + "\n本年度另有一条补充说明。\n", "utf-8")
    index = tmp_path / "index"
    shutil.copytree(cluster.index, index)
    rebuilt = build_index(corpus, index, ray="")
    assert rebuilt.read == 1 and rebuilt.reused == len(rebuilt.manifest.files) - 1
    fresh = build_index(corpus, tmp_path / "fresh", workers=1)
    for table in ("reports", "facts", "findings", "warnings", "passages", "lines"):
        assert _table(index, f"select * from {table}") == _table(Path(fresh.index), f"select * from {table}"), table


def test_without_ray_nothing_imports_ray(tmp_path):
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    code = ("import sys; from index.build import build_index; from qa.cli import main; "
            f"build_index({str(tmp_path / 'corpus')!r}, {str(tmp_path / 'index')!r}, workers=1); "
            "assert 'ray' not in sys.modules, 'ray imported'")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


@pytest.mark.model
def test_embedding_on_the_actor_pool_gives_the_same_vectors(tmp_path, local_ray, monkeypatch):
    """--embed with --ray: the actors' vectors make the same dense index as the single-process build's."""
    monkeypatch.delenv("QA_VECTOR_CACHE", raising=False)  # each index its own vectors: the actors must embed
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((ROOT / "corpus").glob("*.txt"))[:2]:
        shutil.copy(seed, corpus / seed.name)
    single = build_index(corpus, tmp_path / "single", embed=True, workers=1)
    cluster = build_index(corpus, tmp_path / "ray", embed=True, ray="")
    assert single.manifest.counts == cluster.manifest.counts
    assert cluster.manifest.timings["embed with extraction (summed over workers)"] > 0  # the actors embedded
    da, db = current_generation(Path(single.index)) / "dense", current_generation(Path(cluster.index)) / "dense"
    assert sorted(f.name for f in da.iterdir()) == sorted(f.name for f in db.iterdir())
    import faiss
    import numpy as np

    for f in da.iterdir():
        if f.suffix == ".faiss":  # same vectors, to float rounding (batches are cut differently)
            a, b = faiss.read_index(str(f)), faiss.read_index(str(db / f.name))
            assert a.ntotal == b.ntotal > 0
            assert np.allclose(a.reconstruct_n(0, a.ntotal), b.reconstruct_n(0, b.ntotal), atol=1e-5)
        elif f.suffix == ".npy":
            assert np.array_equal(np.load(f), np.load(db / f.name)), f.name
        else:
            assert f.read_bytes() == (db / f.name).read_bytes(), f.name
