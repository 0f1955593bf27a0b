"""An index that grows in place (index/grow.py): one-file add, replace and delete on a large index, the first
answer after each (the app's engine taken forward to the new generation, QA.reopen, and a fresh open for
reference; and a fresh process's open and peak memory), and the merge (`qa build --compact`), against the full (incremental) build of the same
one-file add, in the same process.

    python bench/bench_grow.py                         # 10,000 generated reports
    python bench/bench_grow.py --n 1000                # quicker
    python bench/bench_grow.py --corpus-from DIR       # copy a generated corpus instead of generating one
    python bench/bench_grow.py --rounds 1 --corpus C --index I   # folders used in place (the count is the index's)
    python bench/bench_grow.py --only ...              # each change names its file (qa build --only): no walk

With --corpus and --index the folders are used as they are: the bench adds, edits and deletes files of the
corpus (each restored before it ends) and leaves the index compacted over the restored corpus. Use copies
(`cp -al` for the corpus: an edit writes a new file, never through a hard link).

The corpus is bench/out/grow/corpus_N (generated with bench/generate.py as bench_index.py does, or copied),
the index bench/out/grow/index_N (built once, keyword + facts: vectors for 10^4 reports take hours on
this machine, so QA_EMBED=0). Measured in one process that has the app's modules loaded (jieba too), as
the app's upload box runs a build; and a build and an open each in a cold process, with its peak memory. Prints JSON, writes
bench/out/grow.json."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORK = ROOT / "bench" / "out" / "grow"
NEW_FILE = ROOT / "tests" / "fixtures" / "hegang_2021.txt"  # a real layout, an agency the generator lacks
QUESTIONS = ("哪个单位行政处罚最多", "鹤岗市城市管理综合执法局2021年行政处罚决定多少件", "鹤岗城管存在哪些问题",
             "政务公开工作存在哪些不足")


def corpus_of(n: int, source: Path | None) -> Path:
    corpus = WORK / f"corpus_{n}"
    if corpus.is_dir():
        return corpus
    WORK.mkdir(parents=True, exist_ok=True)
    if source is not None:
        shutil.copytree(source, corpus)
        return corpus
    import bench.bench_index as bi

    bi.WORK = WORK
    return bi.ensure_corpus(n)


def timed(fn, *args, **kw) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t, out


def first_answer(index: Path, app=None) -> tuple[dict, object]:
    """Open the engine over the generation in use and answer: taken forward from the app's engine of the
    previous generation (QA.reopen, as ui/state.py does after a switch), or afresh when app is None.
    Returns the figures and the engine (the caller closes it)."""
    from qa.engine import QA

    t = time.perf_counter()
    qa = app.reopen() if app is not None else QA(index)
    opened = time.perf_counter() - t
    answer, _ = qa.ask(QUESTIONS[0])
    first = time.perf_counter() - t
    lat = []
    for q in QUESTIONS[1:] * 3:
        s = time.perf_counter()
        qa.ask(q)
        lat.append(time.perf_counter() - s)
    return {"open_s": round(opened, 3), "load_avg_1m": round(os.getloadavg()[0], 1), "open_and_first_answer_s": round(first, 3), "status": answer.status,
            "next_answers_median_s": round(statistics.median(lat), 3), "reopened": app is not None}, qa


def answer_after(index: Path, app, label: str, res: dict) -> object:
    """The app's engine taken forward to the new generation (figures under label), and for reference a
    fresh open of it (under label + "_fresh_open"); returns the new app engine."""
    r, new = first_answer(index, app)
    app.close()
    res.setdefault(label, []).append(r)
    fresh, qa = first_answer(index)
    qa.close()
    res.setdefault(label + "_fresh_open", []).append(fresh)
    print(f"{label}: {r}; fresh open: {fresh}", flush=True)
    return new


ONLY = False  # --only: each change names its file (`qa build --only FILE`, the app's upload), no walk


def step(label: str, corpus: Path, index: Path, changed: list[Path] | None = None, **kw) -> dict:
    from index.build import build_index

    if ONLY and changed is not None:
        kw["only"] = changed
    s, summary = timed(build_index, corpus, index, embed=False, workers=2, **kw)
    m = summary.manifest
    out = {"wall_s": round(s, 3), "segments": len(m.parts), "tombstones": len(m.dead), "read": summary.read,
           "load_avg_1m": round(os.getloadavg()[0], 1),
           "timings": {k: round(v, 3) for k, v in m.timings.items()}}
    print(f"{label}: {out}", flush=True)
    return out


# peak memory from VmHWM: ru_maxrss of a child counts the parent's resident memory at the fork (this
# process holds the app's engine), VmHWM is the new program's own
COLD = """import json, re, sys, time
t = time.perf_counter()
{body}
hwm = int(re.search(r"VmHWM:\\s+(\\d+)", open("/proc/self/status").read()).group(1))
print(json.dumps({{**out, "wall_s": round(time.perf_counter() - t, 3), "peak_rss_mb": round(hwm / 1024)}}))"""
COLD_BUILD = """from index.build import build_index
s = build_index(sys.argv[1], sys.argv[2], embed=False, only=sys.argv[3:] or None)
out = {"segments": len(s.manifest.parts), "in_build_index_s": round(s.manifest.timings["total"], 3)}"""
COLD_OPEN = """from qa.engine import QA
qa = QA(sys.argv[1])
out = {"open_s": round(time.perf_counter() - t, 3)}
qa.ask(sys.argv[2])
out["open_and_first_answer_s"] = round(time.perf_counter() - t, 3)"""


def cold(body: str, *args: str) -> dict:
    """body in a fresh Python process (as `qa build`, the app's upload and a new app start each are): its
    figures, wall time and peak resident memory."""
    r = subprocess.run([sys.executable, "-c", COLD.format(body=body), *args], cwd=ROOT, capture_output=True,
                       text=True, env={**os.environ, "QA_EMBED": "0", "PYTHONPATH": str(ROOT)})
    try:
        return json.loads(r.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        return {"rc": r.returncode, "error": r.stderr[-500:]}


def cold_build(corpus: Path, index: Path, changed: list[Path]) -> dict:
    return cold(COLD_BUILD, str(corpus.resolve()), str(index.resolve()),
                *(str(p.resolve()) for p in (changed if ONLY else [])))


def cold_open(index: Path) -> dict:
    out = cold(COLD_OPEN, str(index.resolve()), QUESTIONS[0])
    print("cold open and first answer:", out, flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--corpus-from", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--corpus", type=Path, help="a corpus folder used in place (see the docstring)")
    ap.add_argument("--index", type=Path, help="an index folder used in place (built over --corpus if absent)")
    ap.add_argument("--out", type=Path, default=WORK.parent / "grow.json")
    ap.add_argument("--only", action="store_true",
                    help="each change names its file (build_index only=…, `qa build --only`): no walk of the corpus")
    ap.add_argument("--no-compact", action="store_true",
                    help="no merge: neither the first one, the old path's two full generations nor each round's")
    args = ap.parse_args(argv)
    global ONLY
    ONLY = args.only
    os.environ["QA_EMBED"] = "0"
    corpus = args.corpus or corpus_of(args.n, args.corpus_from)
    # (a --corpus without --index gets its own index folder, not the one of --n's generated corpus)
    index = args.index or WORK / (f"index_{corpus.name}" if args.corpus else f"index_{args.n}")
    res: dict = {"only": args.only, "cores": len(os.sched_getaffinity(0)), "load_avg_1m_start": os.getloadavg()[0]}
    (corpus / NEW_FILE.name).unlink(missing_ok=True)
    from index.build import build_index
    from index.generation import Generation

    if not (index / "CURRENT").is_file():
        s, _ = timed(build_index, corpus, index, embed=False)
        res["full_build_s"] = round(s, 1)
        print(f"full build: {s:.0f} s", flush=True)
    # the index's own count (with --corpus and --index, --n is not what the folders hold)
    res["reports"] = Generation.current(index).manifest.counts["reports"]
    print(f"{res['reports']} reports in {index}", flush=True)
    from index.keyword import _seg

    if not args.no_compact:
        step("compact (start from one base)", corpus, index, compact=True)
    _seg()  # the app has jieba loaded before its first upload
    _, app = first_answer(index)  # the app's engine: imports and caches warm, as in a running app
    if not args.no_compact:
        # the old path first (a full generation, unchanged files' rows copied): it also leaves one base
        shutil.copy(NEW_FILE, corpus / NEW_FILE.name)
        res["full_build_one_file_add"] = step("full build after adding one file (the old path)", corpus, index,
                                              compact=True)
        (corpus / NEW_FILE.name).unlink()
        res["full_build_one_file_delete"] = step("full build after deleting one file (the old path)", corpus,
                                                 index, compact=True)
        res["first_answer_full_generation"], qa = first_answer(index)
        qa.close()
        app.close()
        _, app = first_answer(index)

    files = sorted(p for p in corpus.glob("*.txt") if p.name != NEW_FILE.name)
    for round_ in range(args.rounds):  # the machine is shared: several rounds, medians below
        shutil.copy(NEW_FILE, corpus / NEW_FILE.name)
        res.setdefault("add_one_file", []).append(step("add one file (segment)", corpus, index,
                                                       [corpus / NEW_FILE.name]))
        app = answer_after(index, app, "first_answer_after_add", res)
        res.setdefault("cold_open_after_add", []).append(cold_open(index))
        target = files[len(files) // 2 + round_]
        original = target.read_bytes()
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(original.decode("utf-8", "replace").replace("。", "。本年度另有一条补充说明。", 1).encode("utf-8"))
        os.replace(tmp, target)  # a new inode: a corpus copied with hard links stays intact
        res.setdefault("replace_one_file", []).append(step("replace one file (segment + tombstone)", corpus, index,
                                                           [target]))
        app = answer_after(index, app, "first_answer_after_replace", res)
        target.unlink()
        res.setdefault("delete_one_file", []).append(step("delete one file (tombstone)", corpus, index, [target]))
        app = answer_after(index, app, "first_answer_after_delete", res)
        tmp.write_bytes(original)
        os.replace(tmp, target)
        if round_ == 0:
            res["cold_qa_build_add_back"] = cold_build(corpus, index, [target])
            print("cold build adding a file back:", res["cold_qa_build_add_back"], flush=True)
        (corpus / NEW_FILE.name).unlink()
        if args.no_compact:
            res.setdefault("restore_corpus", []).append(step("restore the corpus (segment + tombstone)", corpus, index,
                                                             [target, corpus / NEW_FILE.name]))
            continue
        res.setdefault("compact", []).append(step("compact (merge segments)", corpus, index, compact=True))
        app = answer_after(index, app, "first_answer_after_compact", res)  # a new base: a full open
    app.close()
    kinds = ("add", "replace", "delete") + (() if args.no_compact else ("compact",))
    res["medians"] = {k: {"wall_s": statistics.median(r["wall_s"] for r in res[k]),
                          "in_build_index_s": statistics.median(r["timings"]["total"] for r in res[k])}
                      for k in ("add_one_file", "replace_one_file", "delete_one_file", "compact")
                      if k in res}
    for k in kinds:
        for how in ("", "_fresh_open"):
            res["medians"][f"first_answer_after_{k}{how}_s"] = statistics.median(
                r["open_and_first_answer_s"] for r in res[f"first_answer_after_{k}{how}"])
    res["load_avg_1m_end"] = os.getloadavg()[0]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, ensure_ascii=False, indent=1), "utf-8")
    print(json.dumps(res, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
