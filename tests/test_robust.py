"""What must not bring the product down (issue 13), one test per failure, each on real files in real
processes: DuckDB schema inference, a dead worker, a half-made index folder, two builds at once, a full
disk, file names and questions that are not UTF-8, damaged bytes, files a folder walk must name, exit
status, size limits, control characters on the terminal, jieba's cache in a shared /tmp."""

from __future__ import annotations

import fcntl
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from index.build import LOCK, MARKER, build_index, current_generation, read_manifest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SEEDS = sorted(CORPUS.glob("*.txt"))
sys.path.insert(0, str(ROOT / "bench"))


def qa(*args: str | Path, env: dict | None = None, timeout: int = 300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "qa.cli", *map(str, args)], cwd=ROOT, capture_output=True,
                          timeout=timeout, env={**os.environ, **(env or {})}, **kw)


def text(run: subprocess.CompletedProcess) -> tuple[str, str]:
    return (run.stdout.decode("utf-8", "replace") if isinstance(run.stdout, bytes) else run.stdout,
            run.stderr.decode("utf-8", "replace") if isinstance(run.stderr, bytes) else run.stderr)


def facts_of(index: Path) -> list[tuple]:
    con = duckdb.connect(str(current_generation(index) / "facts.duckdb"), read_only=True)
    try:
        return con.execute("select doc, key, value, raw, line from facts order by all").fetchall()
    finally:
        con.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


# ---------------------------------------------------------------- 2. DuckDB schema inference
def test_list_columns_are_typed_not_inferred_thirty_copies_and_a_seed(tmp_path):
    """Thirty copies of one generated report (its facts' flag lists all empty in the first rows) and one
    seed: DuckDB typed flags NULL[] from a DataFrame sample and the seed's flags failed to cast."""
    from generate import write_corpus

    generated = tmp_path / "generated"
    write_corpus(generated, 1, seed=1)
    one = next(p for p in sorted(generated.iterdir()) if p.suffix in (".txt", ".md", ".html"))
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(30):
        shutil.copy(one, corpus / f"copy{i:02d}{one.suffix}")
    shutil.copy(SEEDS[0], corpus)
    summary = build_index(corpus, tmp_path / "index", workers=1)
    assert summary.manifest.counts["reports"] == 31 and not summary.manifest.skipped
    con = duckdb.connect(str(current_generation(tmp_path / "index") / "facts.duckdb"), read_only=True)
    types = dict(con.execute("select column_name, data_type from information_schema.columns "
                             "where table_name in ('facts', 'passages')").fetchall())
    flagged = con.execute("select count(*) from facts where len(flags) > 0").fetchone()[0]
    con.close()
    assert types["flags"] == "VARCHAR[]" and types["fact_keys"] == "VARCHAR[]"
    assert flagged > 0


# ---------------------------------------------------------------- 3. a dead worker
@pytest.mark.parametrize("fate", ["killed", "stuck"])
def test_a_killed_or_stuck_worker_costs_only_its_file(tmp_path, fate):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(8):  # 40 files: the build extracts them in worker processes
        for seed in SEEDS:
            shutil.copy(seed, corpus / f"{i}_{seed.name}")
    victim = f"3_{SEEDS[2].name}"
    pidfile = tmp_path / "worker.pid"
    env = {"QA_BUILD_WORKERS": "2", "QA_TEST_STALL": f"{victim}:{pidfile}"}
    if fate == "stuck":
        env["QA_FILE_TIMEOUT"] = "3"
    proc = subprocess.Popen([sys.executable, "-m", "qa.cli", "build", str(corpus), "--index", str(tmp_path / "index")],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **env})
    try:
        _wait_for(pidfile, proc)
        worker = int(pidfile.read_text())
        assert worker != proc.pid
        if fate == "killed":
            os.kill(worker, signal.SIGKILL)  # as the OOM killer does
        out, err = proc.communicate(timeout=120)  # Pool.imap waited here forever
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == 1, err
    assert "Traceback" not in err
    reason = {"killed": "读取它的进程意外退出（可能内存不足），已跳过",  # the reader's reason in Chinese (ui/reasons.py)
              "stuck": "读取超过 3 秒仍未完成，已跳过（可设置 QA_FILE_TIMEOUT 调整）"}[fate]
    assert f"跳过 {victim}：{reason}" in out
    manifest = read_manifest(tmp_path / "index")
    assert len(manifest.files) == 39 and list(manifest.skipped) == [victim]


# ---------------------------------------------------------------- 4. a first build that died
def _stalled_build(corpus: Path, index: Path, victim: str, pidfile: Path) -> subprocess.Popen:
    """A build that sleeps when it reaches `victim` (read in the build process itself: few files)."""
    return subprocess.Popen([sys.executable, "-m", "qa.cli", "build", str(corpus), "--index", str(index)], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "QA_TEST_STALL": f"{victim}:{pidfile}"})


def _wait_for(pidfile: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not pidfile.exists() or not pidfile.read_text().strip():
        assert proc.poll() is None and time.monotonic() < deadline, "the build never reached the file"
        time.sleep(0.05)


def test_a_first_build_killed_halfway_is_recovered_by_the_next(tmp_path, corpus):
    index = tmp_path / "index"
    proc = _stalled_build(corpus, index, SEEDS[3].name, tmp_path / "pid")
    try:
        _wait_for(tmp_path / "pid", proc)
    finally:
        proc.kill()
        proc.wait()
    left = sorted(p.name for p in index.iterdir())
    assert MARKER in left and "CURRENT" not in left and any(n.startswith(".gen-") for n in left)
    summary = build_index(corpus, index)  # was: "exists, is not empty and is not an index folder"
    assert summary.manifest.counts["reports"] == 5
    assert not [p for p in index.iterdir() if p.name.startswith(".gen-")]


def test_the_apps_first_start_recovers_a_first_build_killed_halfway(tmp_path, corpus):
    from ui.state import Paths, ensure_index

    index = tmp_path / "index"
    proc = _stalled_build(corpus, index, SEEDS[3].name, tmp_path / "pid")
    try:
        _wait_for(tmp_path / "pid", proc)
    finally:
        proc.kill()
        proc.wait()
    assert not (index / "CURRENT").exists()
    assert ensure_index(Paths(corpus=corpus, index=index)) == "gen-000001"
    assert read_manifest(index).counts["reports"] == 5


def test_a_half_made_folder_from_before_markers_is_recovered_but_a_stranger_folder_is_not(tmp_path, corpus):
    index = tmp_path / "index"
    (index / "cache").mkdir(parents=True)
    (index / ".gen-000001.4242.tmp").mkdir()
    assert build_index(corpus, index).manifest.counts["reports"] == 5
    other = tmp_path / "other"
    (other / "cache").mkdir(parents=True)
    (other / "thesis.docx").write_bytes(b"mine")
    run = qa("build", corpus, "--index", other)
    assert run.returncode == 2 and "not an index folder" in text(run)[1]
    assert sorted(p.name for p in other.iterdir()) == ["cache", "thesis.docx"]


# ---------------------------------------------------------------- 5. two builds at once
def test_a_second_build_waits_for_the_first_or_says_so(tmp_path, corpus):
    index = tmp_path / "index"
    build_index(corpus, index)
    with open(index / LOCK, "a+") as held:  # a build in progress, as another process sees it
        fcntl.flock(held, fcntl.LOCK_EX)
        held.seek(0)
        held.truncate()
        held.write("4242")
        held.flush()
        run = qa("build", corpus, "--index", index, env={"QA_BUILD_WAIT": "1"})
    out, err = text(run)
    assert run.returncode == 2 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and "another build is running on this index (process 4242)" in err
    # two real builds at once on a fresh index, the second with new files: both finish, the index is whole
    fresh = tmp_path / "fresh"
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", tmp_path / "hegang_2021.txt")
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", other)
    procs = [subprocess.Popen([sys.executable, "-m", "qa.cli", "build", str(c), "--index", str(fresh)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in (corpus, other)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert read_manifest(fresh).counts["reports"] in (5, 6)
    assert not [p for p in fresh.iterdir() if p.name.startswith(".gen-")]


# ---------------------------------------------------------------- 6. a full disk
def _file_size_limit(limit: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_full_disk_is_one_line_and_the_last_index_stays(tmp_path, corpus):
    from generate import write_corpus

    index = tmp_path / "index"
    build_index(corpus, index)
    before = facts_of(index)
    cache_before = sorted(p.name for p in (index / "cache").iterdir())
    write_corpus(corpus / "more", 12, seed=5)
    run = subprocess.run([sys.executable, "-m", "qa.cli", "build", str(corpus), "--index", str(index)], cwd=ROOT,
                         capture_output=True, text=True, timeout=300, preexec_fn=_file_size_limit(256 * 1024))
    assert run.returncode == 2, run.stdout + run.stderr
    assert "Traceback" not in run.stderr and run.stderr.strip().count("\n") == 0
    assert "disk full" in run.stderr and "the previous index is kept" in run.stderr
    assert facts_of(index) == before
    assert not [p for p in index.iterdir() if p.name.startswith(".gen-") or p.name.endswith(".tmp")]
    assert sorted(p.name for p in (index / "cache").iterdir()) == cache_before  # nothing leaked
    assert build_index(corpus, index).manifest.counts["reports"] == 17  # with room again, it goes on


# ---------------------------------------------------------------- 7. names and questions not in UTF-8
def test_a_file_name_that_is_not_utf8_is_indexed_and_printed(tmp_path, corpus):
    bad = os.fsdecode(b"\xff\xfe report.txt")
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", corpus / bad)
    run = qa("build", corpus, "--index", tmp_path / "index")
    out, err = text(run)
    assert run.returncode == 0 and "Traceback" not in err, err
    manifest = read_manifest(tmp_path / "index")
    assert "\\xff\\xfe report.txt" in {f.path for f in manifest.files}
    facts = qa("facts", corpus, "--json")
    assert facts.returncode == 0 and b"Traceback" not in facts.stderr
    assert b"\\\\xff\\\\xfe report.txt" in facts.stdout  # JSON-escaped backslashes


def test_ask_json_survives_a_line_that_is_not_utf8(seed_index):
    questions = "哪个单位行政处罚最多\n".encode() + b"\xff\xfe\xe5\x93\n" + "那行政许可呢\n".encode()
    run = qa("ask", "--json", "--index", seed_index.index, input=questions)
    out, err = text(run)
    assert run.returncode == 0 and "Traceback" not in err, err
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == 3  # the conversation went on after the bad line


# ---------------------------------------------------------------- 8. damaged bytes
def _damaged_copies(seed: Path, folder: Path) -> dict[str, int]:
    """A byte flipped inside a Chinese character, and a file cut in the middle of one: name → damaged line."""
    data = seed.read_bytes()
    lines = data.split(b"\n")
    target = next(i for i, ln in enumerate(lines) if i > len(lines) // 2 and b"\t" not in ln
                  and not any(48 <= b <= 57 for b in ln) and sum(b >= 0xE0 for b in ln) >= 10)  # a prose line
    at = sum(len(ln) + 1 for ln in lines[:target]) + next(j for j, b in enumerate(lines[target]) if b >= 0xE0)
    flipped = bytearray(data)
    flipped[at + 1] = 0x41  # the continuation byte of a three-byte character
    (folder / "flipped.txt").write_bytes(bytes(flipped))
    last = data.rfind("日".encode())
    (folder / "cut.txt").write_bytes(data[:last + 1])
    return {"flipped.txt": target + 1, "cut.txt": data[:last + 1].count(b"\n") + 1}


def test_a_bad_byte_costs_its_line_not_the_report(tmp_path):
    damaged = _damaged_copies(SEEDS[0], tmp_path)
    run = qa("check", tmp_path, "--json")
    out, err = text(run)
    assert run.returncode == 0 and not err, err
    reports = {r["doc"]: r for r in map(json.loads, out.splitlines())}
    assert set(reports) == set(damaged)
    facts = [json.loads(x) for x in qa("facts", tmp_path, SEEDS[0], "--json").stdout.splitlines()]
    whole = {(f["key"], f["value"]) for f in facts if f["doc"] == SEEDS[0].name}
    for name, line in damaged.items():
        assert {(f["key"], f["value"]) for f in facts if f["doc"] == name} == whole
        warning = next(w for w in reports[name]["warnings"] if "损坏的字节" in w["message"])
        assert warning["line"] == line and f"第{line}行" in warning["message"]


def test_a_bad_byte_in_a_web_page_of_declared_charset_is_named_like_in_a_text_file(tmp_path):
    """A page with <meta charset="utf-8"> is read in that charset with its damaged bytes replaced, and the
    damaged line gets the same warning as in a text file; damage only in the markup is said too."""
    page = (ROOT / "tests" / "fixtures" / "yichuan.html").read_bytes()
    lines = page.split(b"\n")
    line = 17  # a prose paragraph: 2020年我局共主动公开政务信息152余条 …
    at = sum(len(ln) + 1 for ln in lines[:line - 1]) + lines[line - 1].index("我局".encode())
    prose, markup = bytearray(page), bytearray(page)
    prose[at + 1] = 0x41  # the continuation byte of a three-byte character
    markup[page.index("统计代码".encode()) + 1] = 0x41  # inside the page's <script>: no visible text is damaged
    (tmp_path / "prose.html").write_bytes(bytes(prose))
    (tmp_path / "markup.html").write_bytes(bytes(markup))
    run = qa("check", tmp_path, "--json")
    out, err = text(run)
    assert run.returncode == 0 and not err, err
    reports = {r["doc"]: r for r in map(json.loads, out.splitlines())}
    warning = next(w for w in reports["prose.html"]["warnings"] if "损坏的字节" in w["message"])
    assert warning["line"] == line and f"第{line}行" in warning["message"]
    assert any("损坏的字节" in w["message"] and "网页标记" in w["message"] for w in reports["markup.html"]["warnings"])
    assert reports["prose.html"]["agency"] == reports["markup.html"]["agency"] == "伊川县城市管理局"


# ---------------------------------------------------------------- 9. every file read or named
def test_every_file_under_a_folder_is_read_or_named(tmp_path, corpus):
    (corpus / "sub").mkdir()
    shutil.copy(SEEDS[1], corpus / "sub" / "inside.txt")
    (corpus / "sub" / "loop").symlink_to(corpus)  # a symlink loop
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")  # a device: reading it would never end
    os.mkfifo(corpus / "pipe.txt")  # a FIFO: reading it would block forever
    (corpus / "headings.txt").write_text("一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
                                         "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题\n", encoding="utf-8")
    run = qa("facts", corpus, "--json", timeout=60)
    out, err = text(run)
    assert run.returncode == 1 and "Traceback" not in err
    named = {line.removeprefix("qa: ").split(": ", 1)[0]: line for line in err.splitlines()}
    assert set(named) == {str(corpus / n) for n in ("sub/loop", "dangling.txt", "zero.txt", "pipe.txt", "headings.txt")}
    assert "symbolic link loop" in named[str(corpus / "sub/loop")]
    assert "broken symbolic link" in named[str(corpus / "dangling.txt")]
    assert "character device" in named[str(corpus / "zero.txt")] and "FIFO" in named[str(corpus / "pipe.txt")]
    assert "0 facts" in named[str(corpus / "headings.txt")]  # a report with no template content is no report
    assert {json.loads(x)["doc"] for x in out.splitlines()} == {p.name for p in SEEDS} | {"inside.txt"}
    build = qa("build", corpus, "--index", tmp_path / "index", timeout=120)
    assert build.returncode == 1
    assert set(read_manifest(tmp_path / "index").skipped) == {"sub/loop", "dangling.txt", "zero.txt", "pipe.txt",
                                                              "headings.txt"}


def as_nobody(cmd: list[str], env: dict) -> subprocess.CompletedProcess:
    """Run `python ...` as user nobody (the tests run as root, whom permissions do not stop). When this
    virtual environment's Python cannot be run by another user (it lives under /root), the system's Python
    of the same version runs with the environment's packages on its path; else skip."""
    import sysconfig

    def run(argv: list[str], env: dict) -> subprocess.CompletedProcess:
        return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=120, user=65534, group=65534,
                              extra_groups=[], env=env)

    try:
        return run(cmd, env)
    except PermissionError:
        pass
    system = Path(f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}")
    if not system.is_file():
        pytest.skip("no Python that another user can run here")
    path = os.pathsep.join([str(ROOT), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    return run([str(system), *cmd[1:]], {**env, "PYTHONPATH": path})


@pytest.fixture
def open_tmp():
    """A temporary folder another user can reach (pytest's own is private to the user running the tests)."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="qa-robust-", dir="/tmp"))
    os.chmod(folder, 0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def test_a_folder_that_cannot_be_read_is_named(open_tmp):
    tmp_path = open_tmp
    folder = tmp_path / "corpus"
    (folder / "closed").mkdir(parents=True)
    shutil.copy(SEEDS[0], folder / "open.txt")
    shutil.copy(SEEDS[1], folder / "closed" / "hidden.txt")
    code = ("import sys; from index.corpus import report_files; "
            "[print(x) for x in report_files([sys.argv[1]])]")
    if os.geteuid() == 0:  # permissions do not stop root: walk as another user
        os.chmod(folder / "closed", 0o700)
        for p in (tmp_path, folder, folder / "open.txt"):
            os.chmod(p, 0o755 if p.is_dir() else 0o644)
        run = as_nobody([sys.executable, "-c", code, str(folder)], env={**os.environ, "HOME": str(tmp_path)})
    else:
        os.chmod(folder / "closed", 0)
        try:
            run = subprocess.run([sys.executable, "-c", code, str(folder)], cwd=ROOT, capture_output=True, text=True,
                                 timeout=120)
        finally:
            os.chmod(folder / "closed", 0o700)
    assert run.returncode == 0, run.stderr
    assert f"{folder / 'closed'}: folder cannot be read (Permission denied): its files are not read" in run.stdout
    assert str(folder / "open.txt") in run.stdout


def test_an_empty_folder_is_an_error_not_silence(tmp_path):
    (tmp_path / "empty").mkdir()
    run = qa("facts", tmp_path / "empty")
    out, err = text(run)
    assert run.returncode == 1 and not out and "no report files in this folder" in err


# ---------------------------------------------------------------- 11. size limits
def test_files_over_the_limits_are_refused_before_reading(tmp_path):
    shutil.copy(SEEDS[0], tmp_path / "seed.txt")
    small = qa("facts", tmp_path, env={"QA_MAX_FILE_MB": "0.005"})
    assert small.returncode == 1 and "file too large" in text(small)[1] and "QA_MAX_FILE_MB" in text(small)[1]
    row = "| " + " | ".join(["1"] * 150_000) + " |\n"  # 600 KB, 150,000 cells: 5 GB for 3M cells
    (tmp_path / "row.md").write_text(row, encoding="utf-8")
    run = qa("facts", tmp_path, "--json")
    out, err = text(run)
    assert run.returncode == 1
    assert "row.md: line 1 has 150001 cell separators" in err and "QA_MAX_CELLS_PER_LINE" in err
    (tmp_path / "row.md").write_text("长" * 400_000 + "\n", encoding="utf-8")  # 1.2 MB in one line
    long = qa("facts", tmp_path / "row.md")
    assert long.returncode == 1 and "row.md: line 1 is 1172 KB long" in text(long)[1]
    (tmp_path / "row.md").write_text("政府信息公开 1 件\n" * 10_001, encoding="utf-8")  # was 2.6 ms a line
    many = qa("facts", tmp_path / "row.md")
    assert many.returncode == 1 and "row.md: 10001 lines (the limit is 10000" in text(many)[1]
    assert {json.loads(x)["doc"] for x in out.splitlines()} == {"seed.txt"}


# ---------------------------------------------------------------- 13. terminal and jieba's cache
def test_text_answers_carry_no_control_characters(seed_index):
    run = qa("ask", "--index", seed_index.index, input="\x1b[2J\x1b]0;pwned\x07哪个单位行政处罚最多\x9b31m\n".encode())
    out, err = text(run)
    assert run.returncode == 0, err
    assert "问：" in out and "行政处罚" in out
    assert not any(ch in out for ch in "\x1b\x07\x9b")


def test_jieba_cache_goes_to_the_users_cache_folder(tmp_path):
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    code = "from index.keyword import _seg; _seg().lcut('政府信息公开')"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "TMPDIR": str(shared), "XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert run.returncode == 0, run.stderr
    assert not list(shared.glob("jieba*"))
    assert list((tmp_path / "cache").rglob("jieba.cache"))


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run as a second user")
def test_jieba_cache_is_per_user_not_in_the_shared_tmp(open_tmp):
    tmp_path = open_tmp
    shared = tmp_path / "shared-tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    os.chmod(tmp_path, 0o755)
    code = "from index.keyword import _seg; _seg().lcut('政府信息公开')"
    first = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "TMPDIR": str(shared), "HOME": str(tmp_path / "root-home")})
    assert first.returncode == 0, first.stderr
    home = tmp_path / "nobody-home"
    home.mkdir()
    os.chown(home, 65534, 65534)
    second = as_nobody([sys.executable, "-c", code],
                       env={**os.environ, "TMPDIR": str(shared), "HOME": str(home), "XDG_CACHE_HOME": ""})
    assert second.returncode == 0 and "PermissionError" not in second.stderr, second.stderr
    assert not list(shared.glob("jieba*"))
    assert list((home / ".cache").rglob("jieba.cache"))


def test_broken_copies_of_real_files_get_one_line_each_and_the_good_ones_are_read(tmp_path):
    """Bad files of the kinds users bring, made from the real files: a Word copy of a real page cut short and
    one without its document part, the real PDF cut short and locked with a password, a saved page whose
    article is gone, a markdown page of links only, an empty file. `qa facts` names each with its problem on
    one line (no traceback, no library's warnings), reads the good ones (the real PDF locked against copying
    only, a markdown dump of a seed's page) and exits 1."""
    import re
    import zipfile

    import pypdf

    from bench.binary_copies import html_to_docx
    from tests.variants import _SEED_SITES, markdown_dump, seed_gold, site_for

    real = ROOT.parent / "shared" / "real" / "reports"
    folder = tmp_path / "corpus"
    folder.mkdir()
    page = (real / "13_pingtan_2021.html").read_bytes().decode("utf-8")
    docx = html_to_docx(page, tmp_path / "page.docx").read_bytes()
    (folder / "cut.docx").write_bytes(docx[: len(docx) // 3])
    with zipfile.ZipFile(tmp_path / "page.docx") as src, zipfile.ZipFile(folder / "nobody.docx", "w") as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item))
    pdf = (real / "22_hongze_2023.pdf").read_bytes()
    (folder / "cut.pdf").write_bytes(pdf[: len(pdf) // 4])
    for name, user in (("locked.pdf", "secret"), ("copy-protected.pdf", "")):
        writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(real / "22_hongze_2023.pdf"))
        writer.encrypt(user_password=user, owner_password="owner")
        writer.write(folder / name)
    (folder / "gone.html").write_text(re.sub(r"<div class=\"article_content.*?</body>", "</body>", page, flags=re.S),
                                      encoding="utf-8")
    (folder / "links.md").write_text("# ![](/logo.png)\n\n[首页](/) > [政务公开](/zwgk/)\n", encoding="utf-8")
    (folder / "empty.md").write_bytes(b"")
    stem = "000_bd0b500898aa4917"
    place, _, icp = _SEED_SITES[stem]
    (folder / "saved.md").write_text(markdown_dump(site_for(place, icp), (ROOT.parent / "shared" / "seeds" / f"{stem}.txt")
                                                   .read_text("utf-8"), "2021-01-25 09:30", seed_gold(stem)["year"]),
                                     encoding="utf-8")
    run = qa("facts", folder, "--json")
    out, err = text(run)
    assert run.returncode == 1
    bad = {"cut.docx", "nobody.docx", "cut.pdf", "locked.pdf", "gone.html", "links.md", "empty.md"}
    lines = err.strip().splitlines()
    assert sorted(Path(line.split(": ")[1]).name for line in lines) == sorted(bad), err
    assert all(line.startswith("qa: ") and len(line.split(": ")) >= 3 for line in lines), err
    assert "Traceback" not in err and "FontBBox" not in err
    read = {Path(json.loads(line)["doc"]).name for line in out.splitlines() if line.strip()}
    assert read == {"copy-protected.pdf", "saved.md"}
