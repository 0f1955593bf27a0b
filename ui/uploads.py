"""Reports uploaded in the browser: checked, saved into the corpus folder under names we make, and added
to the index incrementally.

A user's file name is never a path. A file is stored as `uploads/<sha256 prefix><suffix>` under the corpus
folder, the suffix taken only from the formats the readers know; the original name is kept, sanitised, as
display metadata in `uploads/.names.json` (hidden: the corpus walk skips it). Identical content is stored
once. A file the index build cannot read is removed again and its reason reported; the others go in, and
the build's generations keep the previous index whole whatever happens.

The build runs in a process of its own with a memory limit ($QA_UPLOAD_MEMORY_MB): a file that would take
gigabytes to read stops that process, not the server every user shares, and the upload says why."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import threading
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from index.build import BuildSummary, build_index, is_index
from index.manifest import FileRow
from index.errors import ReportError
from index.readers import SUPPORTED_SUFFIXES
from ui.reasons import chinese

MAX_MB = 20
MAX_BYTES = MAX_MB * 1024 * 1024
MEMORY_ENV = "QA_UPLOAD_MEMORY_MB"
MEMORY_MB = 4096  # address space of an upload's build; the seeds and a PDF with embedding need under 3 GB
UPLOADS = "uploads"
HASH_CHARS = 20  # of the content's sha256 in a stored file's name
NAMES = ".names.json"

# One build at a time in this process (two sessions uploading at once take turns).
BUILD_LOCK = threading.Lock()


@dataclass
class UploadResult:
    name: str  # the sanitised original name, for display only
    status: str  # "added" / "rejected" / "duplicate"
    reason: str = ""  # why it was not added (in Chinese: ui.reasons); for an added file, a warning
    stored: str | None = None  # path relative to the corpus folder
    agency: str | None = None
    year: int | None = None
    facts: int = 0


def display_name(original: str) -> str:
    """The user's file name made safe to show: no folders, no control or format characters, short."""
    name = original.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in unicodedata.normalize("NFC", name)
                   if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", name).strip().lstrip(".") or "未命名文件"
    if len(name) > 80:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[:70] + "…" + dot + suffix) if dot and len(suffix) <= 8 else name[:80] + "…"
    return name


def suffix_of(original: str) -> str | None:
    """The file's format by its name, if the readers know it (lower case, with its dot)."""
    m = re.search(r"(\.[A-Za-z0-9]{1,10})$", original.strip())
    suffix = m.group(1).lower() if m else ""
    return suffix if suffix in SUPPORTED_SUFFIXES else None


def stored_name(data: bytes, suffix: str) -> str:
    return f"{UPLOADS}/{hashlib.sha256(data).hexdigest()[:HASH_CHARS]}{suffix}"


_STORED = re.compile(rf"(?<![0-9A-Za-z])[0-9a-f]{{{HASH_CHARS}}}\.[a-z]{{2,8}}(?![0-9A-Za-z])")  # stored_name's


def with_names(text: str, names: dict[str, str]) -> str:
    """Text that names uploaded reports by their stored file names (an answer saying which file stood for a
    report) with the names they were uploaded under, as every other place shows them."""
    return _STORED.sub(lambda m: names.get(m.group(0), m.group(0)), text) if names else text


def load_names(corpus: Path) -> dict[str, str]:
    """Stored file name (the report's doc) → the name it was uploaded under."""
    path = Path(corpus) / UPLOADS / NAMES
    try:
        names = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in names.items()} if isinstance(names, dict) else {}


def _save_names(corpus: Path, names: dict[str, str]) -> None:
    folder = Path(corpus) / UPLOADS
    tmp = folder / f".{NAMES}.{os.getpid()}.{threading.get_ident()}.tmp"
    tmp.write_text(json.dumps(names, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, folder / NAMES)


def _known_hashes(index: Path, corpus: Path, hashes: list[str]) -> dict[str, str]:
    """Which of these contents the index holds (sha256 → the file, relative to the corpus folder when it is
    under it), asked of its reports table: the manifest's list of every file took seconds to read at
    100,000 reports, on every upload."""
    if not is_index(index) or not hashes:
        return {}
    try:
        import duckdb

        from index.generation import Generation

        con = Generation.current(index).connect()
        try:
            rows = con.execute("select sha256, path from reports where sha256 in (select unnest(?))",
                               [sorted(set(hashes))]).fetchall()
        finally:
            con.close()
    except (ReportError, ValueError, OSError, duckdb.Error):
        return {}
    root = Path(corpus).resolve()
    out = {}
    for sha, path in rows:
        try:
            out[sha] = Path(path).resolve().relative_to(root).as_posix()
        except ValueError:
            out[sha] = Path(path).name
    return out


def add_uploads(files: Sequence[tuple[str, bytes]], corpus: Path, index: Path,
                progress: Callable[[int, int, str], None] | None = None,
                ) -> tuple[list[UploadResult], BuildSummary | None]:
    """Check, store and index uploaded files (original name, bytes). Returns one result per file, in order,
    and the build summary (None when nothing new was stored; its manifest without the file list, which
    Generation.current(index) reads when needed)."""
    corpus, index = Path(corpus), Path(index)
    results: list[UploadResult] = []
    new: dict[str, int] = {}  # stored path → position in results
    with BUILD_LOCK:
        known = _known_hashes(index, corpus, [hashlib.sha256(data).hexdigest() for _, data in files])
        names = load_names(corpus)
        names_before = dict(names)
        for original, data in files:
            shown = display_name(original)
            suffix = suffix_of(original)
            if len(data) > MAX_BYTES:
                results.append(UploadResult(shown, "rejected", f"文件过大（{len(data) / 1024 / 1024:.1f} MB），"
                                                                f"上限 {MAX_MB} MB"))
                continue
            if not data:
                results.append(UploadResult(shown, "rejected", "文件是空的"))
                continue
            if suffix is None:
                results.append(UploadResult(shown, "rejected", "不支持的文件格式：请上传 "
                                            + " ".join(sorted(SUPPORTED_SUFFIXES)) + " 文件"))
                continue
            sha = hashlib.sha256(data).hexdigest()
            rel = stored_name(data, suffix)
            if sha in known or rel in new:
                same = known.get(sha, rel)
                results.append(UploadResult(shown, "duplicate", stored=same,
                                            reason=f"内容相同的报告已在库中（{names.get(_doc(same), _doc(same))}）"))
                continue
            target = corpus / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            names[target.name] = shown
            new[rel] = len(results)
            results.append(UploadResult(shown, "added", stored=rel))
        if not new:
            return results, None
        _save_names(corpus, names)
        try:
            summary, rows = build_isolated(corpus, index, progress, only=[corpus / rel for rel in new])
        except BaseException:
            for rel in new:  # the index is unchanged: take the files out again so that corpus and index agree
                (corpus / rel).unlink(missing_ok=True)
            _save_names(corpus, names_before)
            raise
        entries = {f.path: f for f in rows}
        for rel, i in new.items():
            if rel in summary.manifest.skipped:
                results[i].status = "rejected"
                results[i].reason = chinese(summary.manifest.skipped[rel])  # the reader's words, in Chinese
                results[i].stored = None
                (corpus / rel).unlink(missing_ok=True)  # not in the index: do not keep it in the corpus
                names.pop(Path(rel).name, None)
            elif rel in entries:
                e = entries[rel]
                results[i].agency, results[i].year, results[i].facts = e.agency, e.year, e.facts
                same = [f.path for f in rows
                        if f.path != rel and e.agency and (f.agency, f.year) == (e.agency, e.year)]
                if same:  # two reports for one agency and year: answers would count it twice
                    results[i].reason = (f"索引中已有{e.agency}{e.year or ''}年的另一份报告"
                                         f"（{names.get(_doc(same[0]), _doc(same[0]))}），请确认不是同一份")
        _save_names(corpus, names)
        return results, summary


def _doc(rel: str) -> str:
    return rel.rsplit("/", 1)[-1]


# ---------------------------------------------------------------- the build, in a process of its own
ROOT = Path(__file__).resolve().parents[1]


def memory_limit_mb() -> int:
    value = os.environ.get(MEMORY_ENV, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else MEMORY_MB


def build_isolated(corpus: Path, index: Path, progress: Callable[[int, int, str], None] | None = None,
                   only: list[Path] | None = None) -> tuple[BuildSummary, list[FileRow]]:
    """build_index in a new Python process (`python -m ui.uploads`) limited to memory_limit_mb() of address
    space, its progress passed on. A plain new interpreter, not multiprocessing: under Streamlit the main
    module is the page script, which a spawned child would run again. Returns the summary without its file
    list (passed as JSON it took seconds each way at 100,000 reports) and the rows of the `only` files and
    of the files of their agencies and years. Raises ReportError when the build fails or its process dies
    (the previous generation stays the index)."""
    import subprocess
    import sys

    read_end, write_end = os.pipe()  # the child's messages, one JSON object a line (stdout is the libraries')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    proc = subprocess.Popen([sys.executable, "-m", "ui.uploads", str(corpus), str(index), str(memory_limit_mb()),
                             str(os.getpid()), str(write_end), json.dumps(None if only is None else [str(p) for p in only])],
                            pass_fds=(write_end,), env=env,
                            stdin=subprocess.DEVNULL)
    os.close(write_end)
    outcome = None
    try:
        with os.fdopen(read_end, "r", encoding="utf-8") as messages:
            for line in messages:
                message = json.loads(line)
                if "progress" in message:
                    if progress is not None:
                        progress(*message["progress"])
                else:
                    outcome = message
    finally:
        if outcome is None and proc.poll() is None:
            proc.kill()  # the caller was interrupted: the build must not go on alone
        proc.wait()
    if outcome is None:
        code = proc.returncode
        how = signal.Signals(-code).name if code < 0 else f"exit status {code}"
        raise ReportError(str(index), f"the index build stopped ({how}); it may have needed more than "
                                      f"{memory_limit_mb()} MB (set {MEMORY_ENV} to allow more)")
    if "error" in outcome:
        raise ReportError(*outcome["error"])
    return BuildSummary.model_validate_json(outcome["done"]), [FileRow.of(r) for r in outcome["rows"]]


def _rows_of(summary: BuildSummary, corpus: Path, only: list[str] | None) -> list[dict]:
    """The manifest rows add_uploads reads: the named files', and those of the same agencies and years
    (looked up by path and agency in the file list, index/filelist.py, not read whole)."""
    table = summary.manifest.table
    if only is None:
        return [f._asdict() for f in table.rows()]
    root = Path(corpus).resolve()
    named = {Path(os.path.abspath(p)).relative_to(root).as_posix() for p in only
             if Path(os.path.abspath(p)).is_relative_to(root)}
    rows = [f for f in map(table.get, sorted(named)) if f is not None]
    mine = {(f.agency, f.year) for f in rows if f.agency}
    same = [f for f in table.of_agencies({a for a, _ in mine}) if (f.agency, f.year) in mine and f.path not in named]
    return [f._asdict() for f in rows + same]


def _build_child(corpus: str, index: str, limit_mb: int, parent: int, fd: int, only: list[str] | None = None) -> None:
    import ctypes
    import resource

    try:  # die with the server: a killed server must not leave a build running
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass
    if os.getppid() != parent:  # the server died before that was set
        return
    limit = limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        def say(**message) -> None:
            out.write(json.dumps(message, ensure_ascii=False) + "\n")
            out.flush()

        try:
            summary = build_index(Path(corpus), Path(index), progress=lambda *a: say(progress=a),
                                  only=None if only is None else [Path(p) for p in only])  # the new files alone
        except ReportError as err:
            say(error=[err.path, err.problem])
        except Exception as err:  # noqa: BLE001 - said to the user in one line; the index stays whole
            if isinstance(err, MemoryError) or "OutOfMemory" in type(err).__name__:  # Python's or DuckDB's
                say(error=[index, f"out of memory: the build needed more than {limit_mb} MB "
                                  f"(set {MEMORY_ENV} to allow more)"])
            else:
                first = str(err).strip().splitlines()[0] if str(err).strip() else ""
                say(error=[index, f"the index build failed ({type(err).__name__}: {first})"])
        else:
            say(done=summary.model_dump_json(context={"files": False}), rows=_rows_of(summary, Path(corpus), only))


if __name__ == "__main__":  # build_isolated's child: CORPUS INDEX LIMIT_MB PARENT_PID FD [ONLY as JSON]
    import sys

    _build_child(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]),
                 json.loads(sys.argv[6]) if len(sys.argv) > 6 else None)
