"""Everything extraction gives for a set of files, to check that a speed-up changed nothing.

    python bench/extract_snapshot.py OUT.jsonl PATH...           # dump: one JSON line per file (folders recursively)
    python bench/extract_snapshot.py --compare BEFORE.jsonl AFTER.jsonl

A line holds the whole ExtractedReport (meta, facts, findings, warnings, candidates, claims) or the
ReportError's message. Dump before and after a change over the seeds, ../shared/real/reports and a
generated corpus (bench/generate.py) and compare: identical files mean identical behaviour."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_NOT_REPORTS = {"README.md", "truth.jsonl", "gold.json", "reports.csv"}


def files_of(paths: list[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        found = sorted(p.rglob("*")) if p.is_dir() else [p]  # a generated corpus keeps some reports in subfolders
        out += [f for f in found if f.is_file() and f.name not in _NOT_REPORTS]
    return out


def dump(out: Path, paths: list[Path]) -> int:
    from index.errors import ReportError
    from index.extract import extract_path

    n = 0
    with out.open("w", encoding="utf-8") as fh:
        for f in files_of(paths):
            try:
                record = {"file": str(f), "report": extract_path(f).model_dump(mode="json")}
            except ReportError as exc:
                record = {"file": str(f), "error": str(exc)}
            fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    print(f"wrote {n} reports to {out}")
    return 0


def compare(before: Path, after: Path) -> int:
    a = [json.loads(x) for x in before.read_text("utf-8").splitlines()]
    b = [json.loads(x) for x in after.read_text("utf-8").splitlines()]
    differ = [x["file"] for x, y in zip(a, b) if x != y]
    if len(a) != len(b):
        print(f"{len(a)} files before, {len(b)} after")
    for name in differ[:20]:
        print(f"differs: {name}")
    print(f"{len(a) - len(differ)} of {len(a)} identical")
    return 1 if differ or len(a) != len(b) else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--compare", action="store_true", help="compare two dumps instead of writing one")
    ap.add_argument("out", type=Path)
    ap.add_argument("paths", type=Path, nargs="+")
    args = ap.parse_args(argv)
    return compare(args.out, args.paths[0]) if args.compare else dump(args.out, args.paths)


if __name__ == "__main__":
    sys.exit(main())
