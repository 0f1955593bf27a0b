"""`qa facts` and `qa check` as a user runs them: real files, a real process, its output and exit status."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
REQUIRED = {"doc", "agency", "year", "format", "key", "label", "value", "unit", "raw", "line", "flags"}


def qa(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_facts_json_lines_over_the_corpus():
    run = qa("facts", CORPUS, "--json")
    assert run.returncode == 0, run.stderr
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert all(REQUIRED <= set(r) for r in records)
    assert {r["doc"] for r in records} == {p.name for p in CORPUS.glob("*.txt")}
    granted = next(r for r in records if r["doc"].startswith("004") and r["key"] == "apply.granted.total")
    assert (granted["value"], granted["line"], granted["agency"], granted["year"], granted["format"]) == \
        (4, 151, "济南市城市管理局", 2020, "2019")
    text = next(r for r in records if r["doc"].startswith("004") and r["key"] == "license.prev")
    assert text["value"] is None and text["flags"] == ["text"]


def test_facts_text_is_readable():
    run = qa("facts", CORPUS / "003_4e4bafc32cf8cb39.txt")
    assert run.returncode == 0
    assert "鹤岗市城市管理综合执法局" in run.stdout
    assert "政府集中采购 · 采购总金额" in run.stdout and "2,580.444799" in run.stdout and "单位推定" in run.stdout


def test_check_reports_findings():
    run = qa("check", CORPUS)
    assert run.returncode == 0
    jinan = run.stdout.split("== 004")[1]
    assert "不一致" in jinan and "予以公开 3件" in jinan
    as_json = [json.loads(x) for x in qa("check", CORPUS, "--json").stdout.splitlines()]
    jinan_json = next(r for r in as_json if r["doc"].startswith("004"))
    failed = {(f["rule"], f["scope"]) for f in jinan_json["findings"] if f["status"] == "FAIL"}
    assert (1, "total") in failed and (2, "total") in failed


def test_bad_files_get_one_line_each_and_the_good_ones_still_go_through(tmp_path):
    shutil.copy(CORPUS / "002_f3bbfa1004ed2dd6.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "notes.txt").write_text("会议纪要\n今天讨论了食堂菜单。\n", encoding="utf-8")
    (tmp_path / "latin.txt").write_bytes("Ærøskøbing façade naïve €".encode("cp1252") * 20)
    run = qa("facts", tmp_path, "--json")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    errors = run.stderr.strip().splitlines()
    assert len(errors) == 4
    for name in ("empty.txt", "binary.txt", "notes.txt", "latin.txt"):
        assert sum(name in line for line in errors) == 1
    docs = {json.loads(x)["doc"] for x in run.stdout.splitlines()}
    assert docs == {"good.txt"}


def test_missing_path_is_a_message_not_a_traceback(tmp_path):
    run = qa("check", tmp_path / "nope")
    assert run.returncode == 1
    assert "nope" in run.stderr and "Traceback" not in run.stderr


def test_cross_year_carry_over(tmp_path):
    seed = (CORPUS / "003_4e4bafc32cf8cb39.txt").read_text(encoding="utf-8")
    (tmp_path / "2020.txt").write_text(seed, encoding="utf-8")
    nxt = seed.replace("2020 年政府信息公开", "2021 年政府信息公开").replace(
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0", "二、上年结转政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2")
    (tmp_path / "2021.txt").write_text(nxt, encoding="utf-8")
    records = [json.loads(x) for x in qa("check", tmp_path, "--json").stdout.splitlines()]
    cross = [f for r in records for f in r["findings"] if f["kind"] == "cross_year"]
    assert len(cross) == 1 and cross[0]["status"] == "FAIL"
    assert cross[0]["numbers"] == {"2020年结转下年度": 0, "2021年上年结转": 2}
