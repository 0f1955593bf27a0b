"""Reading many report files: walking folders, extracting each file, and the findings that need more than
one report (the same agency in consecutive years). Bad files are reported, never fatal."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from index.checks import cross_year_findings
from index.errors import ReportError
from index.extract import extract_path
from index.metadata import CORRECTIONS_FILE, Correction, read_corrections
from index.model import ExtractedReport, Finding
from index.neighbours import fill_from_neighbours


def report_files(paths: Iterable[Path]) -> Iterator[Path | ReportError]:
    """The files named, and every file under the folders named (hidden files and folders skipped), sorted.
    A path that does not exist comes back as an error."""
    from index.readers import SUPPORTED_SUFFIXES

    for path in paths:
        path = Path(path)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                rel = f.relative_to(path)
                if f.is_file() and not any(p.startswith(".") for p in rel.parts) \
                        and f.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield f
        elif path.is_file():
            yield path
        else:
            yield ReportError(str(path), "no such file or folder")


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


def extract_many(paths: Iterable[Path]) -> CorpusResult:
    result = CorpusResult()
    for item, fix in _with_corrections(paths):
        if isinstance(item, ReportError):
            result.errors.append(item)
            continue
        try:
            result.reports.append(extract_path(item, fix))
        except ReportError as err:
            result.errors.append(err)
        except Exception as err:  # noqa: BLE001 - one odd file must not stop a corpus; say which and why
            result.errors.append(ReportError(str(item), f"could not be extracted ({type(err).__name__}: {err})"))
    fill_from_neighbours(result.reports)  # values one year's dump leaves ambiguous that the next decides
    result.cross_year = cross_year_findings(result.reports)
    return result
