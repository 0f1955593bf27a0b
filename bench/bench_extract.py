"""Extraction benchmark: throughput on one core and exactness against the generator's truth.

    python bench/bench_extract.py [--n 1000] [--dir DIR] [--seed 1] [--regen]

Generates (or reuses) a corpus of generated reports in every layout, extracts each with
index.extract.extract_path in this single process, and compares every value with truth.jsonl.
Prints a table per layout, then the speed against the raw pass (read + decode + find every number) over
the same files in the same run, for TEXT (every layout but HTML) and HTML: reports/s per CPU second of
this process (pinned to one core), the ratio extract/raw and HTML's time over text's (wall-clock rates
in the JSON). Writes bench/out/extract.json.
"""

from __future__ import annotations

import os

# One core: keep numeric libraries from starting thread pools (set before anything imports them).
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS",
             "VECLIB_MAXIMUM_THREADS", "TOKENIZERS_PARALLELISM"):
    os.environ[_var] = "false" if _var == "TOKENIZERS_PARALLELISM" else "1"

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import defaultdict  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.generate import LAYOUTS, read_truth, write_corpus  # noqa: E402
from index.template import keys_for  # noqa: E402

OUT = ROOT / "bench" / "out"
MAX_LISTED = 20  # mismatches and errors listed in the output


def pin_one_core() -> int | None:
    """Run on a single CPU where the OS allows it; returns the CPU or None."""
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):
        return None


def ensure_corpus(directory: Path, n: int, seed: int, regen: bool) -> list[dict]:
    """Reuse the corpus in `directory` if its truth has at least n reports, else generate it."""
    truth_path = directory / "truth.jsonl"
    if not regen and truth_path.exists():
        truth = read_truth(directory)
        if len(truth) >= n:
            return truth[:n]
    print(f"generating {n} reports in {directory} (seed {seed}) ...", flush=True)
    write_corpus(directory, n, seed)
    return read_truth(directory)


def compare(report, truth: dict) -> tuple[list[str], list[str]]:
    """(keys whose value differs from the truth, other differences) for one ExtractedReport."""
    expected = truth["values"]
    wrong = [k for k in keys_for(truth["format"]) if report.value(k) is None or report.value(k) != expected[k]]
    other = []
    if report.meta.format != truth["format"]:
        other.append(f"format {report.meta.format} != {truth['format']}")
    extra = sorted({f.key for f in report.facts} - set(expected))
    if extra:
        other.append(f"keys not in format {truth['format']}: {', '.join(extra[:5])}")
    blank, want_blank = {f.key for f in report.facts if "blank" in f.flags}, set(truth["blank_zero_keys"])
    if blank != want_blank:
        other.append(f"blank flags: {sorted(blank - want_blank)[:3]} extra, {sorted(want_blank - blank)[:3]} missing")
    return wrong, other


def findings_agree(report, truth: dict) -> tuple[bool, bool]:
    """(the failed rules are the truth's broken_rules, a prose finding fails exactly when the prose was
    made to disagree with the tables)."""
    failed = {f.rule for f in report.findings if f.kind == "rule" and f.status == "FAIL"}
    prose_failed = any(f.kind == "prose" and f.status == "FAIL" for f in report.findings)
    prose_defect = any(d["kind"] == "prose" for d in truth["defects"])
    return failed == set(truth["broken_rules"]), prose_failed == prose_defect


def describe(report, truth: dict, wrong: list[str], other: list[str]) -> list[str]:
    return [f"{k}: got {report.value(k)!r}, want {truth['values'][k]!r}" for k in wrong[:8]] + other


@dataclass
class Tally:
    n: int = 0
    exact: int = 0
    errors: int = 0
    seconds: float = 0.0
    wrong_values: int = 0
    values: int = 0
    rules_agree: int = 0
    prose_agree: int = 0

    def add(self, seconds: float, n_values: int, wrong: list[str] | None, other: list[str],
            agree: tuple[bool, bool] = (False, False)) -> None:
        """wrong None: the extraction raised."""
        self.n += 1
        self.rules_agree += agree[0]
        self.prose_agree += agree[1]
        self.seconds += seconds
        self.values += n_values
        self.errors += wrong is None
        self.wrong_values += n_values if wrong is None else len(wrong)
        self.exact += wrong == [] and not other

    def summary(self) -> dict:
        return {"reports": self.n, "exact": self.exact, "exact_share": self.exact / self.n if self.n else 0.0,
                "errors": self.errors, "seconds": round(self.seconds, 4),
                "reports_per_second": round(self.n / self.seconds, 2) if self.seconds else None,
                "value_accuracy": 1 - self.wrong_values / self.values if self.values else 0.0,
                "rule_findings_agree": self.rules_agree / self.n if self.n else 0.0,
                "prose_findings_agree": self.prose_agree / self.n if self.n else 0.0}


def run(directory: Path, truth: list[dict]) -> dict:
    from index.extract import extract_path

    total, by_layout, by_format, by_portion = Tally(), defaultdict(Tally), defaultdict(Tally), defaultdict(Tally)
    listed: list[dict] = []
    disagree: list[dict] = []  # reports whose failed findings differ from the truth's defects
    from index.memory import freeze_long_lived

    try:  # warm-up, untimed: imports and caches the first call builds
        extract_path(directory / truth[0]["file"])
    except Exception:  # noqa: BLE001 - the timed loop records it
        pass
    freeze_long_lived()  # as the build's workers do after their first file
    for rec in truth:
        path = directory / rec["file"]
        start = time.process_time()
        try:
            report = extract_path(path)
            error = None
        except Exception as exc:  # noqa: BLE001 - a benchmark records failures and goes on
            report, error = None, f"{type(exc).__name__}: {exc}"
        seconds = time.process_time() - start
        wrong, other = compare(report, rec) if report is not None else (None, [])
        agree = findings_agree(report, rec) if report is not None else (False, False)
        for tally in (total, by_layout[rec["layout"]], by_format[rec["format"]],
                      by_portion["inconsistent" if rec["inconsistent"] else "consistent"]):
            tally.add(seconds, len(rec["values"]), wrong, other, agree)
        if report is not None and not all(agree) and len(disagree) < MAX_LISTED:
            disagree.append({"file": rec["file"], "broken_rules": rec["broken_rules"], "defects": rec["defects"],
                             "failed": [f"{f.kind} {f.rule or ''} {f.scope}: {f.detail}" for f in report.findings
                                        if f.status == "FAIL"]})
        if (error or wrong or other) and len(listed) < MAX_LISTED:
            listed.append({"file": rec["file"], "layout": rec["layout"], "format": rec["format"],
                           "encoding": rec["encoding"], "error": error,
                           "diffs": describe(report, rec, wrong, other) if report is not None else []})
    return {"dir": str(directory), "total": total.summary(),
            "layouts": {lay: by_layout[lay].summary() for lay in LAYOUTS if lay in by_layout},
            "formats": {f: t.summary() for f, t in sorted(by_format.items())},
            "portions": {p: t.summary() for p, t in sorted(by_portion.items())}, "first_mismatches": listed,
            "findings_disagree": disagree}


NUMBER = re.compile(r"[0-9０-９][0-9０-９,，.]*")


def raw_pass(directory: Path, truth: list[dict]) -> dict:
    """The floor the extractor is measured against, over the same files in the same run, per layout and
    for TEXT (every layout but HTML) and HTML: raw = read the bytes, decode them (the encoding the
    generator used) and find every digit run; reader = the project's reader (encoding detection, HTML
    parsing, lines); extract = the whole extract_path (reader + parts + segmentation + alignment + checks).
    Rates are per CPU second of this process (other work on a shared machine does not count), wall-clock
    rates under "wall"; ratio = extract / raw. The three run file by file, so that a change of load hits
    all three alike."""
    from index.extract import extract_path
    from index.readers import read_document

    def zero() -> dict[str, float]:
        return {"raw": 0.0, "reader": 0.0, "extract": 0.0, "n": 0}

    cpu: dict[str, dict[str, float]] = defaultdict(zero)
    wall: dict[str, dict[str, float]] = defaultdict(zero)
    for rec in truth:
        path = directory / rec["file"]
        marks = [(time.perf_counter(), time.process_time())]
        NUMBER.findall(path.read_bytes().decode(rec["encoding"], "replace"))
        marks.append((time.perf_counter(), time.process_time()))
        try:
            read_document(path)
            marks.append((time.perf_counter(), time.process_time()))
            extract_path(path)
        except Exception:  # noqa: BLE001 - failures are counted by run(); here only the time
            marks.append(marks[-1])
        marks.append((time.perf_counter(), time.process_time()))
        for clock, secs in ((0, wall), (1, cpu)):
            for group in (rec["layout"], "HTML" if rec["layout"] == "html" else "TEXT", "TOTAL"):
                s = secs[group]
                s["raw"] += marks[1][clock] - marks[0][clock]
                s["reader"] += marks[2][clock] - marks[1][clock]
                s["extract"] += marks[3][clock] - marks[2][clock]
                s["n"] += 1
    out: dict = {}
    for name in [k for k in (*LAYOUTS, "TEXT", "HTML", "TOTAL") if k in cpu]:
        c, w = cpu[name], wall[name]
        out[name] = {"reports": int(c["n"]), **{f"{k}_per_s": _rate(c["n"], c[k]) for k in ("raw", "reader", "extract")},
                     "extract_over_raw": round(c["extract"] / c["raw"], 1) if c["raw"] else None,
                     "reader_share_of_extract": round(c["reader"] / c["extract"], 2) if c["extract"] else None,
                     "wall": {f"{k}_per_s": _rate(w["n"], w[k]) for k in ("raw", "reader", "extract")}}
    if "TEXT" in out and "HTML" in out and out["HTML"]["extract_per_s"]:
        out["html_over_text"] = round(out["TEXT"]["extract_per_s"] / out["HTML"]["extract_per_s"], 2)
    return out


def first_pass(result: dict) -> dict[str, float | None]:
    """TEXT and HTML reports per CPU second in run(), the first pass over the files: the raw pass's extract
    runs second, over files whose cell texts and lines the caches (lru_cache) already hold."""
    out: dict[str, float | None] = {}
    for group, pick in (("TEXT", lambda lay: lay != "html"), ("HTML", lambda lay: lay == "html")):
        tallies = [t for lay, t in result["layouts"].items() if pick(lay)]
        out[group] = _rate(sum(t["reports"] for t in tallies), sum(t["seconds"] for t in tallies))
    return out


def _rate(n: float, seconds: float) -> float | None:
    return round(n / seconds, 1) if seconds else None


def print_raw(raw: dict) -> None:
    print(f"\n{'per CPU second':<22}{'raw/s':>10}{'reader/s':>10}{'extract/s':>10}{'extract/raw':>12}"
          f"{'reader share':>13}{'wall extract/s':>16}")
    for name, r in raw.items():
        if isinstance(r, dict):
            print(f"{name:<22}{r['raw_per_s']:>10}{r['reader_per_s']:>10}{r['extract_per_s']:>10}"
                  f"{r['extract_over_raw']:>11}x{r['reader_share_of_extract']:>13.0%}{r['wall']['extract_per_s']:>16}")
    print("raw: read + decode + find every digit run; reader: read_document; extract: extract_path (all of it);"
          " TEXT: every layout but html")
    if "html_over_text" in raw:
        print(f"HTML: {raw['html_over_text']}x the CPU time of text per report")


def print_table(result: dict) -> None:
    head = f"{'':<22}{'reports':>8}{'cpu rep/s':>10}{'exact':>8}{'values':>9}{'rules':>8}{'prose':>8}{'errors':>8}"
    print(head + "\n" + "-" * len(head))
    rows = list(result["layouts"].items()) + [(f"format {k}", v) for k, v in result["formats"].items()] \
        + list(result["portions"].items())
    for name, s in rows + [("TOTAL", result["total"])]:
        rps = f"{s['reports_per_second']:.1f}" if s["reports_per_second"] else "-"
        print(f"{name:<22}{s['reports']:>8}{rps:>10}{s['exact_share']:>8.1%}{s['value_accuracy']:>9.1%}"
              f"{s['rule_findings_agree']:>8.1%}{s['prose_findings_agree']:>8.1%}{s['errors']:>8}")
    print("exact: every value and blank flag right; values: share of values right; rules/prose: the report's"
          " failed findings match the truth's defects")
    for m in result["first_mismatches"][:10]:
        print(f"\n{m['file']} ({m['layout']}, {m['format']}, {m['encoding']})")
        print("  " + (m["error"] or "\n  ".join(m["diffs"])))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="reports to extract (at least this many generated)")
    ap.add_argument("--dir", type=Path, default=OUT / "corpus", help="corpus directory (with truth.jsonl)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--regen", action="store_true", help="regenerate even if the corpus exists")
    args = ap.parse_args(argv)
    cpu = pin_one_core()
    truth = ensure_corpus(args.dir, args.n, args.seed, args.regen)
    result = run(args.dir, truth) | {"cpu": cpu, "python": sys.version.split()[0]}
    result["raw_pass"] = raw_pass(args.dir, truth)
    result["first_pass"] = first_pass(result)
    print_table(result)
    print_raw(result["raw_pass"])
    fp = result["first_pass"]
    print(f"first pass (each report new to the caches; the table above): TEXT {fp['TEXT']}/s, HTML {fp['HTML']}/s"
          " per CPU second")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "extract.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {OUT / 'extract.json'}")
    return 1 if result["total"]["errors"] == result["total"]["reports"] else 0


if __name__ == "__main__":
    sys.exit(main())
