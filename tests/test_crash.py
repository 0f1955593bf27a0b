"""Builds killed (SIGKILL) at random moments — the first build of an empty folder, rebuilds, an upload from
the app — never leave an index that cannot be used or a folder the next build refuses, and the build
that finally finishes equals a full build from scratch. Bounded: four kills, a fixed seed."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from index.build import is_index, read_manifest
from index.generation import Generation

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

UPLOAD = ("import sys; from pathlib import Path; from ui.uploads import add_uploads; "
          "results, _ = add_uploads([(sys.argv[1], Path(sys.argv[2]).read_bytes())], Path(sys.argv[3]), "
          "Path(sys.argv[4])); print(results[0].status, results[0].reason)")


def build(corpus: Path, index: Path, env: dict | None = None, only: list[Path] = ()) -> subprocess.Popen:
    named = ["--only", *map(str, only)] if only else []
    return subprocess.Popen([sys.executable, "-m", "qa.cli", "build", str(corpus), "--index", str(index), *named], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=None if env is None else {**os.environ, **env})


def upload(name: str, path: Path, corpus: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", UPLOAD, name, str(path), str(corpus), str(index)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def killed_after(proc: subprocess.Popen, seconds: float) -> bool:
    """Kill the process after `seconds` unless it finished first; True when it was killed."""
    try:
        proc.communicate(timeout=seconds)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.communicate()
        return True


def snapshot(index: Path) -> dict:
    con = Generation.current(index).connect()  # base + segments − tombstones
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {"facts": q("select doc, key, value, raw, line, flags from facts order by all"),
                "findings": q("select doc, kind, rule, scope, status, detail from findings order by all"),
                "passages": q("select id, text from passages order by all"),  # numbers differ once grown
                "reports": q("select doc, agency, year, path from reports order by doc")}
    finally:
        con.close()


def assert_usable(index: Path) -> None:
    """Either no index yet (a first build died: the folder is ours and the next build takes it), or a whole
    one: its manifest agrees with its database."""
    if not is_index(index):
        assert (index / ".qa-index").is_file() or not index.exists() or not any(index.iterdir())
        return
    manifest = read_manifest(index)
    assert snapshot(index)["reports"].__len__() == manifest.counts["reports"] == len(manifest.files)


def test_builds_and_an_upload_killed_at_random_moments(tmp_path):
    from generate import write_corpus

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    write_corpus(corpus / "more", 45, seed=7)  # 50 files: the build runs worker processes
    reference = tmp_path / "reference"
    started = time.monotonic()
    done = build(corpus, reference)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    whole = time.monotonic() - started

    rng = random.Random(29)
    index = tmp_path / "index"
    moments = []
    for _ in range(3):  # the first build of an empty folder, then rebuilds of whatever the last one left
        moment = rng.uniform(0.05, whole)
        moments.append(round(moment, 2))
        killed_after(build(corpus, index), moment)
        assert_usable(index)

    extra = tmp_path / "upload.txt"
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", extra)
    moment = rng.uniform(0.05, 3.0)
    moments.append(round(moment, 2))
    killed_after(upload("鹤岗2021.txt", extra, corpus, index), moment)
    assert_usable(index)

    finished = upload("鹤岗2021.txt", extra, corpus, index)  # the app's next upload goes through
    out, err = finished.communicate(timeout=600)
    assert finished.returncode == 0 and out.split()[0] in ("added", "duplicate"), (moments, out, err)
    done = build(corpus, index)
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, (moments, err)
    fresh = tmp_path / "fresh"
    done = build(corpus, fresh)
    assert done.communicate(timeout=600) and done.returncode == 0
    assert snapshot(index) == snapshot(fresh), moments
    assert read_manifest(index).counts["reports"] == 51
    assert not [p for p in index.iterdir() if p.name.startswith(".gen-") or p.name.endswith(".tmp")], moments
    assert not [p for p in (index / "cache").iterdir() if p.name.startswith(".")], moments


def test_a_segment_add_killed_at_each_step_leaves_the_last_index(tmp_path):
    """An add that grows the index by a segment (index/grow.py), killed after linking the previous
    generation, after writing the segment's facts, after writing everything but the manifest, and after
    moving the new generation in place but before CURRENT names it: the index in use is the last good one,
    and the next build finishes the add and equals a full build."""
    from index.grow import CRASH_ENV

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    index = tmp_path / "index"
    done = build(corpus, index, {"QA_EMBED": "0"})
    assert done.communicate(timeout=600) and done.returncode == 0
    before = snapshot(index)
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", corpus / "hegang_2021.txt")
    for point in ("linked", "facts", "written", "moved"):
        crashed = build(corpus, index, {"QA_EMBED": "0", CRASH_ENV: point})
        out, err = crashed.communicate(timeout=600)
        assert crashed.returncode == -signal.SIGKILL, (point, out, err)
        assert_usable(index)
        assert snapshot(index) == before, point
    done = build(corpus, index, {"QA_EMBED": "0"})
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    assert Generation.current(index).manifest.parts  # the add was a segment
    fresh = tmp_path / "fresh"
    done = build(corpus, fresh, {"QA_EMBED": "0"})
    assert done.communicate(timeout=600) and done.returncode == 0
    assert snapshot(index) == snapshot(fresh)
    assert sorted(p.name for p in index.iterdir() if p.name.startswith(("gen-", ".gen-"))) == \
        [Generation.current(index).name]


def test_an_add_over_segment_changes_killed_at_each_step_leaves_the_last_list(tmp_path):
    """The file list of a grown index is the base's files.sqlite and the newest segment's overlay
    (index/filelist.py): an add over such an index (named with --only, or found by a walk) killed at each step
    leaves the index in use with the same files (the base's list not written through its hard links), and
    the next build finishes the add and equals a full build."""
    from index.filelist import BASE_DB as FILES
    from index.grow import CRASH_ENV

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    index = tmp_path / "index"
    for step in ("build", "grow"):
        if step == "grow":
            shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", corpus / "hegang_2021.txt")
        done = build(corpus, index, {"QA_EMBED": "0"})
        assert done.communicate(timeout=600) and done.returncode == 0
    gen = Generation.current(index)
    assert gen.manifest.file_changes == gen.manifest.parts != []  # (one segment: its overlay)
    before, listed, base = snapshot(index), gen.manifest.files, (gen.path / FILES).read_bytes()
    seed = sorted(corpus.glob("*.txt"))[0]
    (corpus / seed.name).write_text(seed.read_text("utf-8").replace("。", "。本年度另有一条补充说明。", 1), "utf-8")
    for i, point in enumerate(("linked", "facts", "written", "saved", "moved")):
        crashed = build(corpus, index, {"QA_EMBED": "0", CRASH_ENV: point}, [corpus / seed.name] if i % 2 else [])
        out, err = crashed.communicate(timeout=600)
        assert crashed.returncode == -signal.SIGKILL, (point, out, err)
        assert_usable(index)
        now = Generation.current(index)
        assert snapshot(index) == before and now.manifest.files == listed, point
        assert (now.path / FILES).read_bytes() == base, point
    done = build(corpus, index, {"QA_EMBED": "0"})
    out, err = done.communicate(timeout=600)
    assert done.returncode == 0, err
    m = Generation.current(index).manifest
    assert len(m.parts) == 2 and m.file_changes == m.parts[-1:]
    fresh = tmp_path / "fresh"
    done = build(corpus, fresh, {"QA_EMBED": "0"})
    assert done.communicate(timeout=600) and done.returncode == 0
    assert snapshot(index) == snapshot(fresh)
    assert [(f.path, f.sha256, f.facts) for f in m.files] == \
        [(f.path, f.sha256, f.facts) for f in Generation.current(fresh).manifest.files]
