"""Reading many report files: walking folders, extracting each file, and the findings that need more than
one report (the same agency in consecutive years). Bad files are reported, never fatal, and never dropped
without a word: every file under a folder is either read or named with its reason."""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.checks import cross_year_findings
from index.errors import ReportError, printable
from index.extract import extract_document
from index.metadata import CORRECTIONS_FILE, Correction, read_corrections
from index.model import ExtractedReport, Finding
from index.neighbours import fill_from_neighbours

# ---------------------------------------------------------------- limits
# A report is tens of kilobytes (a long PDF export a few megabytes) and its lines are short. A 200 MB text
# took 7 minutes and 8.2 GB; a 6 MB markdown row of 3M cells 5.1 GB: such files are refused before
# reading, with the limit in the reason. All are configurable. Real text dumps put a whole report on one
# line (17 KB, no separators), so the line limit is generous; what costs memory is cells (a Cell per pipe
# or tab), hence a limit on separators per line (a template row has fewer than 30 cells).
MAX_FILE_MB_ENV, MAX_LINE_KB_ENV = "QA_MAX_FILE_MB", "QA_MAX_LINE_KB"
MAX_CELLS_ENV, MAX_FILE_CELLS_ENV = "QA_MAX_CELLS_PER_LINE", "QA_MAX_CELLS"
MAX_FILE_MB = 20.0
MAX_LINE_KB = 1024.0
MAX_CELLS_PER_LINE = 2000
MAX_FILE_CELLS = 200_000  # a report has about a thousand
# Lines: a report has hundreds (one cell per line: a few thousand). Each line that is no template row costs
# the label matcher about 2-7 ms, so 560,000 short lines (19 MB) ran for over ten minutes.
MAX_LINES_ENV = "QA_MAX_LINES"
MAX_LINES = 10_000
_LINE_END = re.compile(rb"[\r\n]")


def positive_env(env: str, default: float) -> float:
    """A positive number from the environment, or the default (unset, not a number, or not above 0)."""
    try:
        value = float(os.environ.get(env, "").strip() or default)
    except ValueError:
        return default
    return value if value > 0 else default


def max_file_bytes() -> int:
    return int(positive_env(MAX_FILE_MB_ENV, MAX_FILE_MB) * 1024 * 1024)


def max_line_bytes() -> int:
    return int(positive_env(MAX_LINE_KB_ENV, MAX_LINE_KB) * 1024)


def check_size(path: Path, size: int) -> None:
    limit = max_file_bytes()
    if size > limit:
        raise ReportError(str(path), f"file too large ({size / 1024 / 1024:.1f} MB; the limit is "
                                     f"{limit / 1024 / 1024:g} MB, set {MAX_FILE_MB_ENV} to change it)")


def max_cells_per_line() -> int:
    return int(positive_env(MAX_CELLS_ENV, MAX_CELLS_PER_LINE))


def check_lines(path: Path, data: bytes) -> None:
    """Refuse a text file with a line longer than the limit, or with more cell separators (| or tab) in
    one line or in the file than the limits, or with more lines than the limit (HTML and binary documents
    have no lines to check)."""
    from index.readers.encoding import binary_kind
    from index.readers.html import looks_like_html

    limit, cells = max_line_bytes(), max_cells_per_line()
    if binary_kind(data) or path.suffix.lower() in (".html", ".htm") or looks_like_html(data[:4096]):
        return
    lines, most_lines = data.count(b"\n") or data.count(b"\r"), int(positive_env(MAX_LINES_ENV, MAX_LINES))
    if lines > most_lines:
        raise ReportError(str(path), f"{lines} lines (the limit is {most_lines}, set {MAX_LINES_ENV} to change "
                                     "it): too long for a report")
    separators = data.count(b"|") + data.count(b"\t")
    long_possible = len(data) > limit
    cells_possible = separators > cells
    if not (long_possible or cells_possible):
        return
    most = int(positive_env(MAX_FILE_CELLS_ENV, MAX_FILE_CELLS))
    if separators > most:
        raise ReportError(str(path), f"{separators} cell separators (| or tab; the limit is {most}, set "
                                     f"{MAX_FILE_CELLS_ENV} to change it): not a report's tables")
    at, number = 0, 1
    for end in [*(m.start() for m in _LINE_END.finditer(data)), len(data)]:  # the file may be all one line
        if long_possible and end - at > limit:
            raise ReportError(str(path), f"line {number} is {(end - at) / 1024:.0f} KB long (the limit is "
                                         f"{limit / 1024:g} KB, set {MAX_LINE_KB_ENV} to change it): "
                                         "not a report's layout")
        if cells_possible:
            n = data.count(b"|", at, end) + data.count(b"\t", at, end)
            if n > cells:
                raise ReportError(str(path), f"line {number} has {n} cell separators (the limit is {cells}, "
                                             f"set {MAX_CELLS_ENV} to change it): not a report's table")
        at, number = end + 1, number + 1


def read_report_bytes(path: Path, lines: bool = True) -> bytes:
    """The bytes of a report file, after the checks that must come before reading: a regular file (a FIFO
    or a device would block or never end), within the size limit and (`lines`) the line limits. Raises
    ReportError."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as err:
        raise ReportError(str(path), _stat_problem(path, err)) from None
    kind = _special(st.st_mode)
    if kind:
        raise ReportError(str(path), f"not a regular file ({kind})")
    check_size(path, st.st_size)
    try:
        with open(path, "rb") as fh:
            data = fh.read(st.st_size + 1)  # (asking for the limit would allocate it for every file)
            if len(data) > st.st_size:  # the file grew since stat: read on, up to the limit
                data += fh.read(max_file_bytes() + 1 - len(data))
    except OSError as err:
        raise ReportError(str(path), f"cannot be read ({err.strerror or err})") from None
    check_size(path, len(data))
    if lines:
        check_lines(path, data)
    return data


def _special(mode: int) -> str | None:
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "a special file"


def _stat_problem(path: Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symbolic link loop"
    if err.errno == errno.ENOENT:
        return "broken symbolic link (its target does not exist)" if path.is_symlink() else "no such file or folder"
    if err.errno == errno.EACCES:
        return "permission denied"
    return f"cannot be read ({err.strerror or err})"


# ---------------------------------------------------------------- the walk
def report_files(paths: Iterable[Path]) -> Iterator[Path | ReportError]:
    """The files named, and every report file under the folders named, sorted. Hidden files and folders
    are left out, and so are files of other formats; everything else that cannot be read — a symlink loop,
    a broken link, a FIFO or device, a folder without read permission, a folder with no report file — comes
    back as a ReportError naming it."""
    from index.readers import SUPPORTED_SUFFIXES

    for path in paths:
        path = Path(path)
        try:
            st = path.stat()
        except OSError as err:
            yield ReportError(str(path), _stat_problem(path, err))
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield path  # a file named explicitly is read whatever its suffix (read_report_bytes checks it)
            continue
        found = sorted(_walk(path, {(st.st_dev, st.st_ino)}, set(), frozenset(SUPPORTED_SUFFIXES)),  # Path order,
                       key=lambda item: (Path(item.path) if isinstance(item, ReportError) else item).parts)  # faster
        if not any(isinstance(item, Path) for item in found):
            found.append(ReportError(str(path), "no report files in this folder ("
                                     + " ".join(sorted(SUPPORTED_SUFFIXES)) + ")"))
        yield from found


def _walk(folder: Path, above: set[tuple[int, int]], seen: set[tuple[int, int]],
          suffixes: frozenset[str]) -> Iterator[Path | ReportError]:
    """Depth first, following links to folders; `above` holds the folders on the way here (a link to one of
    them is a loop), `seen` every folder walked (a second link to one is named, not read twice)."""
    try:
        entries = list(os.scandir(folder))
    except OSError as err:
        yield ReportError(str(folder), f"folder cannot be read ({err.strerror or err}): its files are not read")
        return
    names = {e.name.lower() for e in entries}
    for entry in entries:
        if entry.name.startswith(".") or _saved_parts(entry.name, names):
            continue
        path = Path(entry.path)
        try:
            st = os.stat(entry.path)
        except OSError as err:
            yield ReportError(str(path), _stat_problem(path, err))
            continue
        if stat.S_ISDIR(st.st_mode):
            ident = (st.st_dev, st.st_ino)
            if ident in above:
                yield ReportError(str(path), "symbolic link loop (links to a folder that contains it): not followed")
            elif ident in seen:
                yield ReportError(str(path), "links to a folder already read: not read twice")
            else:
                seen.add(ident)
                yield from _walk(path, above | {ident}, seen, suffixes)
        elif stat.S_ISREG(st.st_mode):
            if path.suffix.lower() in suffixes:
                yield path
        else:
            yield ReportError(str(path), f"not a regular file ({_special(st.st_mode)})")


def _saved_parts(name: str, names: set[str]) -> bool:
    """A page saved 'complete' keeps its pictures, scripts and frames in a folder beside it (甲.html and
    甲_files, or 甲.files): the page is the report, and its frames are read with it (index.readers.html)."""
    stem = re.sub(r"(?:_files|\.files)$", "", name, flags=re.I)
    return stem != name and any(f"{stem.lower()}{suffix}" in names for suffix in (".html", ".htm", ".mht"))


# ---------------------------------------------------------------- extraction of many files
def _with_corrections(paths: Iterable[Path]) -> Iterator[tuple[Path | ReportError, Correction | None]]:
    """Each report file with its correction from the reports.csv of the folder it was found under."""
    for path in paths:
        if not Path(path).is_dir():
            yield from ((item, None) for item in report_files([path]))
            continue
        corrections = read_corrections(Path(path))
        for problem in corrections.problems:
            yield ReportError(str(Path(path) / CORRECTIONS_FILE), problem.split(": ", 1)[-1]), None
        for item in report_files([path]):
            yield item, corrections.get(item.relative_to(path).as_posix()) if isinstance(item, Path) else None


@dataclass
class CorpusResult:
    reports: list[ExtractedReport] = field(default_factory=list)
    errors: list[ReportError] = field(default_factory=list)
    cross_year: list[Finding] = field(default_factory=list)


def extract_file(path: Path, fix: Correction | None = None) -> ExtractedReport:
    """Read (within the limits) and extract one report file. Raises ReportError."""
    from index.readers import read_document

    read_report_bytes(path)
    return extract_document(readable_names(read_document(Path(path))), fix)


def readable_names(doc):
    """The document with its path and name printable (see index.errors.printable)."""
    path, name = printable(doc.path), printable(doc.doc)
    if (path, name) == (doc.path, doc.doc):
        return doc
    return doc.model_copy(update={"path": path, "doc": name})


def extract_many(paths: Iterable[Path]) -> CorpusResult:
    result = CorpusResult()
    for item, fix in _with_corrections(paths):
        if isinstance(item, ReportError):
            result.errors.append(item)
            continue
        try:
            result.reports.append(extract_file(item, fix))
        except ReportError as err:
            result.errors.append(err)
        except MemoryError:
            result.errors.append(ReportError(str(item), "out of memory while extracting"))
        except Exception as err:  # noqa: BLE001 - one odd file must not stop a corpus; say which and why
            result.errors.append(ReportError(str(item), f"could not be extracted ({type(err).__name__}: {err})"))
    fill_from_neighbours(result.reports)  # values one year's dump leaves ambiguous that the next decides
    result.cross_year = cross_year_findings(result.reports)
    return result
