"""Damaged files made from the seeds and ../shared/real/ (byte flips, cuts, inserted garbage, huge lines,
runs of NULs and tabs, line ends changed, re-encoded): `qa facts` and `qa build` over them print no
traceback, drop no file without naming it, and stay within bounded memory (the peak RSS of the process)
and time. Bounded: 60 files, seconds per run; a fixed seed, so a failure names a file that can be made again."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
FILES = 60
MAX_RSS_MB = 1024  # the damaged files are at most a few MB; 200 MB or 5 GB was the failure
MAX_SECONDS = 60


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


# The peak RSS of a process is measured by a small parent of its own: a child forked from the test session
# (hundreds of MB after the model tests) would count the session's pages as its own peak.
_MEASURE = ("import os, subprocess, sys; p = subprocess.Popen(sys.argv[2:]); _, status, usage = os.wait4(p.pid, 0); "
            "open(sys.argv[1], 'w').write(f'{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss}')")


def run_measured(args: list[str], out: Path) -> tuple[int, str, str, float, float]:
    """(exit status, stdout, stderr, peak RSS in MB with its worker processes, seconds) of `qa ARGS`."""
    started = time.monotonic()
    with open(out / "stdout", "wb") as so, open(out / "stderr", "wb") as se:
        subprocess.run([sys.executable, "-c", _MEASURE, str(out / "usage"), sys.executable, "-m", "qa.cli", *args],
                       cwd=ROOT, stdout=so, stderr=se, timeout=600, check=True)
    seconds = time.monotonic() - started
    status, maxrss = map(int, (out / "usage").read_text().split())
    return (status, (out / "stdout").read_text("utf-8", "replace"), (out / "stderr").read_text("utf-8", "replace"),
            maxrss / 1024, seconds)


def test_facts_over_damaged_files(damaged, tmp_path):
    status, out, err, rss, seconds = run_measured(["facts", str(damaged), "--json"], tmp_path)
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
    assert rss < MAX_RSS_MB and seconds < MAX_SECONDS, (rss, seconds)


def test_build_over_damaged_files(damaged, tmp_path):
    from index.build import read_manifest

    status, out, err, rss, seconds = run_measured(["build", str(damaged), "--index", str(tmp_path / "index")],
                                                  tmp_path)
    assert status in (0, 1) and "Traceback" not in err, err[-2000:]
    manifest = read_manifest(tmp_path / "index")
    indexed, skipped = {f.path for f in manifest.files}, set(manifest.skipped)
    assert indexed | skipped == {p.name for p in damaged.iterdir()} and not indexed & skipped
    assert all(f.facts > 0 for f in manifest.files)  # no "report" without template content
    assert status == (1 if skipped else 0)
    assert rss < MAX_RSS_MB and seconds < MAX_SECONDS, (rss, seconds)
