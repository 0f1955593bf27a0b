"""CPU time per stage of extract_path over a generated corpus's text files (or its HTML files with --html):
one pass in a fresh process, the collector frozen after a warm-up file as bench_extract does.

    python bench/extract_stages.py bench/out/corpus [--html]

Wraps the names index.extract calls (and the aligner's methods) with timers: they add a few per cent, so
compare stages within a run, not with bench_extract's rates."""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import index.extract as ex  # noqa: E402
import index.readers as rd  # noqa: E402
from index.align import Aligner  # noqa: E402
from index.memory import freeze_long_lived  # noqa: E402

_STAGES = ("reline", "find_part_indices", "find_metadata", "detect_format", "rows_of", "prose_claims", "rule_findings",
           "prose_findings", "ExtractedReport", "ReportMeta", "_flag_low_confidence", "_missing_tables",
           "_damaged_lines")
_ALIGNER = ("feed", "finish", "candidates", "enter_part", "__init__")


def _timed(owner: Any, name: str, label: str, spent: dict[str, float]) -> None:
    """Replace owner.name by the same callable that adds its CPU time to spent[label]."""
    inner = getattr(owner, name)

    @functools.wraps(inner)
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] += time.process_time() - start

    setattr(owner, name, timed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path, help="a folder written by bench/generate.py (with truth.jsonl)")
    ap.add_argument("--html", action="store_true", help="the HTML files instead of the text ones")
    args = ap.parse_args(argv)
    truth = [json.loads(x) for x in (args.corpus / "truth.jsonl").read_text("utf-8").splitlines()]
    files = [args.corpus / t["file"] for t in truth if (t["layout"] == "html") == args.html]
    spent: dict[str, float] = defaultdict(float)
    for name in _STAGES:
        _timed(ex, name, name, spent)
    _timed(rd, "read_document", "read_document", spent)
    for name in _ALIGNER:
        _timed(Aligner, name, f"Aligner.{name}", spent)
    ex.extract_document(rd.read_document(files[0]))  # warm-up: imports and the caches the first call builds
    freeze_long_lived()
    spent.clear()
    start = time.process_time()
    for path in files:
        ex.extract_document(rd.read_document(path))
    total = time.process_time() - start
    print(f"{len(files)} files, {len(files) / total:.1f}/s with the timers on")
    for label, secs in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{label:28}{secs * 1e6 / len(files):9.0f} us a file {secs / total:7.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
