"""Damaged files made from the seeds and ../shared/real/ (byte flips, cuts, inserted garbage, huge lines,
runs of NULs and tabs, line ends changed, re-encoded): `qa facts` and `qa build` over them print no
traceback, drop no file without naming it, and stay within bounded memory (the peak RSS of the process)
and CPU time. Bounded: 60 files, seconds per run; a fixed seed, so a failure names a file that can be made again.

CPU time is compared with the same command over the undamaged sources, run in the same test module: a shared
machine's load slows both alike (an absolute bound of 60 s was once exceeded on a loaded machine), and
the failures this test exists for (minutes and gigabytes for one damaged file) are far outside the ratio."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
FILES = 60
MAX_RSS_MB = 1024  # the damaged files are at most a few MB; 200 MB or 5 GB was the failure
# The damaged run's CPU time at most this many times the clean run's, scaled to the damaged run's file count
# (the clean run reads each source once). Measured (2 cores, load 12): facts 0.7x, build 0.9x of that.
MAX_CPU_RATIO = 4
# A hard stop for a runaway child (CPU seconds, whatever the load), so a regression fails instead of hanging CI.
CPU_LIMIT_SECONDS = 900


def _sources() -> list[Path]:
    seeds = sorted((ROOT / "corpus").glob("*.txt"))
    real = sorted(p for p in REAL.glob("*") if p.suffix in (".txt", ".html")) if REAL.is_dir() else []
    return seeds + real


def _flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 3, 20, 200))):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def _cut(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) // 5, len(data))]


def _garbage(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.choice((16, 300, 5000))) + data[at:]


def _huge_line(rng: random.Random, data: bytes) -> bytes:
    at = data.find(b"\n", rng.randrange(len(data))) + 1
    line = rng.choice((b"9" * 2_000_000, "公开".encode() * 300_000, b"1\t" * 5000, b"| 1 " * 50_000))
    return data[:at] + line + b"\n" + data[at:]


def _nuls(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + b"\x00" * rng.choice((3, 4000)) + data[at:]


def _line_ends(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"\n", rng.choice((b"\r", b"\r\n", b"\n\n\n", b"\x0b")))


def _reencoded(rng: random.Random, data: bytes) -> bytes:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _flip(rng, data)
    encoded = text.encode(rng.choice(("gb18030", "utf-16", "utf-16-le")), "replace")
    return _flip(rng, encoded) if rng.random() < 0.5 else _cut(rng, encoded)


MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "flip": _flip, "cut": _cut, "garbage": _garbage, "huge": _huge_line, "nul": _nuls, "ends": _line_ends,
    "reenc": _reencoded}


@pytest.fixture(scope="module")
def damaged(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "corpus"
    folder.mkdir()
    rng = random.Random(13)
    sources = _sources()
    names = list(MUTATIONS)
    for i in range(FILES):
        source = sources[i % len(sources)]
        kind = names[i % len(names)]
        (folder / f"{i:03d}_{kind}_{source.stem}{source.suffix}").write_bytes(MUTATIONS[kind](rng, source.read_bytes()))
    (folder / "000_empty.txt").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    """Each source once, undamaged: the baseline of the CPU bounds."""
    folder = tmp_path_factory.mktemp("fuzz-clean") / "corpus"
    folder.mkdir()
    for source in _sources():
        (folder / source.name).write_bytes(source.read_bytes())
    return folder


def cpu_bound(clean_cpu: float) -> float:
    """The CPU seconds a damaged run may take: the clean run's, per file, times the damaged files, times the ratio."""
    return MAX_CPU_RATIO * clean_cpu * FILES / len(_sources())


# The peak RSS of a process is measured by a small parent of its own: a child forked from the test session
# (hundreds of MB after the model tests) would count the session's pages as its own peak.
_MEASURE = ("import os, resource, subprocess, sys; "
            f"resource.setrlimit(resource.RLIMIT_CPU, ({CPU_LIMIT_SECONDS}, {CPU_LIMIT_SECONDS})); "
            "p = subprocess.Popen(sys.argv[2:]); _, status, usage = os.wait4(p.pid, 0); "
            "open(sys.argv[1], 'w').write(f'{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss} '"
            "f'{usage.ru_utime + usage.ru_stime}')")


def run_measured(args: list[str], out: Path) -> tuple[int, str, str, float, float]:
    """(exit status, stdout, stderr, peak RSS in MB, CPU seconds) of `qa ARGS`, with its worker processes."""
    with open(out / "stdout", "wb") as so, open(out / "stderr", "wb") as se:
        subprocess.run([sys.executable, "-c", _MEASURE, str(out / "usage"), sys.executable, "-m", "qa.cli", *args],
                       cwd=ROOT, stdout=so, stderr=se, timeout=3600, check=True)  # a hang, not a slow machine
    status, maxrss, cpu = (out / "usage").read_text().split()
    return (int(status), (out / "stdout").read_text("utf-8", "replace"),
            (out / "stderr").read_text("utf-8", "replace"), int(maxrss) / 1024, float(cpu))


def test_facts_over_damaged_files(damaged, clean, tmp_path):
    status, out, err, rss, cpu = run_measured(["facts", str(damaged), "--json"], tmp_path)
    assert status in (0, 1) and "Traceback" not in err, err[-2000:]
    read = {json.loads(line)["doc"] for line in out.splitlines()}
    named: dict[str, str] = {}
    for line in err.splitlines():
        assert line.startswith(f"qa: {damaged}/"), line
        name, problem = line.removeprefix(f"qa: {damaged}/").split(": ", 1)
        assert name not in named, f"{name} named twice"
        named[name] = problem
    files = {p.name for p in damaged.iterdir()}
    assert read | set(named) == files, f"dropped without a word: {files - read - set(named)}"
    assert not read & set(named)
    assert any(n.split("_")[1] == "flip" for n in read)  # damaged, yet read
    (tmp_path / "clean").mkdir()
    *_, clean_cpu = run_measured(["facts", str(clean), "--json"], tmp_path / "clean")
    assert rss < MAX_RSS_MB and cpu < cpu_bound(clean_cpu), (rss, cpu, clean_cpu)


def test_build_over_damaged_files(damaged, clean, tmp_path):
    from index.build import read_manifest

    status, out, err, rss, cpu = run_measured(["build", str(damaged), "--index", str(tmp_path / "index")],
                                                  tmp_path)
    assert status in (0, 1) and "Traceback" not in err, err[-2000:]
    manifest = read_manifest(tmp_path / "index")
    indexed, skipped = {f.path for f in manifest.files}, set(manifest.skipped)
    assert indexed | skipped == {p.name for p in damaged.iterdir()} and not indexed & skipped
    assert all(f.facts > 0 for f in manifest.files)  # no "report" without template content
    assert status == (1 if skipped else 0)
    (tmp_path / "clean").mkdir()
    *_, clean_cpu = run_measured(["build", str(clean), "--index", str(tmp_path / "clean" / "index")],
                                 tmp_path / "clean")
    assert rss < MAX_RSS_MB and cpu < cpu_bound(clean_cpu), (rss, cpu, clean_cpu)
