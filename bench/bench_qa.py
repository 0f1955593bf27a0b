"""Question-answering latency over generated corpora, with the model loaded (one QA object, warm).

    python bench/bench_qa.py                   # 1,000 and 10,000 reports
    python bench/bench_qa.py --sizes 1000      # quicker
    python bench/bench_qa.py --build-only      # only generate and index the corpora

Corpora and their indexes are cached under bench/out/qa/ (corpus_N/, index_N/) and reused; an index built
elsewhere is named with --index (one size), e.g. the 100,000-report one of bench_index.py:

    python bench/bench_qa.py --sizes 100000 --index /work/index_100k

Fact questions (rankings, filters, sums, one agency's value, comparisons, findings) and prose questions
(retrieval filtered to an agency and part) are timed separately: p50/p95 over every question, after a few
warm-up questions; once as in use, and once "cold", with the cache of cited source lines emptied before each
question (every cited cell read from DuckDB). An answer quotes the first rows of its table (qa.cite.QUOTED);
quoting every row, as the app does before it shows and exports a table (QA.every_row), is timed apart
("export", fact questions). Also counts answers whose numbers the checker (qa.trace) cannot trace to a
citation. Writes bench/out/qa/latency.json.

    QA_EMBED=0 python bench/bench_qa.py --sizes 10000   # keyword-only index: builds in minutes, not hours
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out" / "qa"

FACT_QUESTIONS = [
    "哪个单位行政处罚最多", "行政许可最少的单位", "行政处罚前五名", "按申请数量排名", "各单位行政处罚合计多少",
    "行政处罚平均多少", "行政处罚超过1000件的单位有几个", "哪些单位没有收到申请", "{a}行政处罚是多少",
    "{a}收到多少政府信息公开申请", "{a}和{b}哪个行政许可多", "{a}行政处罚比上年增加了多少",
    "{a}的数据有勾稽问题吗", "有哪些单位", "2021年哪个单位行政处罚最多", "予以公开最多的前三个单位",
]
PROSE_QUESTIONS = [
    "{a}存在哪些主要问题", "{a}政务新媒体管理情况", "{a}如何开展政务公开培训", "{a}主动公开了多少条信息",
    "{a}下一步改进措施", "政务公开工作存在哪些不足",
]


def ensure_index(n: int, seed: int = 1) -> Path:
    """The index over n generated reports, built once and cached."""
    from bench.generate import read_truth, write_corpus
    from index.build import build_index, is_index

    corpus, index = OUT / f"corpus_{n}", OUT / f"index_{n}"
    if not ((corpus / "truth.jsonl").exists() and len(read_truth(corpus)) == n):
        t = time.perf_counter()
        print(f"generating {n} reports in {corpus} ...", flush=True)
        write_corpus(corpus, n, seed)
        print(f"  generated in {time.perf_counter() - t:.0f} s", flush=True)
    if not is_index(index):
        t = time.perf_counter()
        print(f"indexing {n} reports into {index} ...", flush=True)
        summary = build_index(corpus, index)
        print(f"  indexed in {time.perf_counter() - t:.0f} s: " +
              ", ".join(f"{k} {v:.0f}s" for k, v in summary.manifest.timings.items()), flush=True)
    return index


def questions(index: Path, m: int, seed: int = 5) -> tuple[list[str], list[str]]:
    """m fact and m prose questions, agencies drawn from the index."""
    from index.generation import Generation

    con = Generation.current(index).connect()
    agencies = [a for (a,) in con.execute("select distinct agency from reports where agency is not null "
                                          "order by agency").fetchall()]
    con.close()
    rnd = random.Random(seed)
    fact = [rnd.choice(FACT_QUESTIONS).format(a=rnd.choice(agencies), b=rnd.choice(agencies)) for _ in range(m)]
    prose = [rnd.choice(PROSE_QUESTIONS).format(a=rnd.choice(agencies)) for _ in range(m)]
    return fact, prose


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs) + 0.5) - 1))]


def time_questions(qa, qs: list[str], cold: bool = False, export: bool = True) -> dict:
    """cold: the store's cache of source lines is emptied before each question, so every cited cell is
    read from the database (the worst case; in use, rankings cite the same top rows again and again)."""
    for q in qs[:10]:  # warm-up: first touches of the keyword postings and the database
        qa.ask(q)
    from qa.trace import untraceable

    times, statuses, untraced, answers, export = [], {}, 0, [], []
    for q in qs:
        if cold:
            qa.store.clear_cache()
        t = time.perf_counter()
        answer, _ = qa.ask(q)
        times.append((time.perf_counter() - t) * 1000)
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
        untraced += bool(untraceable(answer))  # outside the timing
        answers.append(answer)
    for answer in answers if export and hasattr(qa, "every_row") else []:  # after the questions, as in use
        if answer.table and answer.table.sources:
            t = time.perf_counter()
            qa.every_row(answer)  # what the app adds before it shows and exports the whole table
            export.append((time.perf_counter() - t) * 1000)
    out = {"n": len(qs), "p50_ms": round(pct(times, 50), 2), "p95_ms": round(pct(times, 95), 2),
           "max_ms": round(max(times), 2), "mean_ms": round(statistics.fmean(times), 2), "statuses": statuses,
           "answers_with_untraceable_numbers": untraced}
    if export:
        out |= {"export_n": len(export), "export_p50_ms": round(pct(export, 50), 2),
                "export_p95_ms": round(pct(export, 95), 2), "export_max_ms": round(max(export), 2)}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--questions", type=int, default=200, help="questions of each kind per size")
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--index", type=Path, help="an index already built (one size): timed as it is")
    ap.add_argument("--out", type=Path, default=OUT / "latency.json")
    ap.add_argument("--quick", action="store_true", help="no cold-cache pass, no every-row (export) timing")
    args = ap.parse_args()
    if args.index and len(args.sizes) != 1:
        ap.error("--index is for one size")

    results = {}
    for n in args.sizes:
        index = args.index or ensure_index(n)
        if args.build_only:
            continue
        from qa.engine import QA

        t = time.perf_counter()
        qa = QA(index)
        load_ms = (time.perf_counter() - t) * 1000
        fact, prose = questions(index, args.questions)
        results[n] = {"index": str(index), "vectors": qa.retriever.has_dense(), "load_avg_1m": os.getloadavg()[0],
                      "open_ms": round(load_ms, 1), "fact": time_questions(qa, fact, export=not args.quick),
                      "prose": time_questions(qa, prose, export=not args.quick)}
        if not args.quick:
            results[n] |= {"fact_cold": time_questions(qa, fact, cold=True),
                           "prose_cold": time_questions(qa, prose, cold=True)}
        qa.close()
        r = results[n]
        print(f"{n:>6} reports ({'keyword + vectors' if r['vectors'] else 'keyword only, no vectors'}, load "
              f"{r['load_avg_1m']:.1f})  open {r['open_ms']:.0f} ms   "
              f"fact p50 {r['fact']['p50_ms']:.1f} ms p95 {r['fact']['p95_ms']:.1f} ms   "
              f"prose p50 {r['prose']['p50_ms']:.1f} ms p95 {r['prose']['p95_ms']:.1f} ms   "
              + (f"|  cold cache: fact p50 {r['fact_cold']['p50_ms']:.1f} p95 {r['fact_cold']['p95_ms']:.1f}  "
                 f"prose p50 {r['prose_cold']['p50_ms']:.1f} p95 {r['prose_cold']['p95_ms']:.1f}   "
                 if "fact_cold" in r else "")
              + f"untraceable {r['fact']['answers_with_untraceable_numbers'] + r['prose']['answers_with_untraceable_numbers']}"
              + (f"   | every row quoted (app, export): p50 {r['fact']['export_p50_ms']:.1f} p95 "
                 f"{r['fact']['export_p95_ms']:.1f} max {r['fact']['export_max_ms']:.1f} ms"
                 if "export_p50_ms" in r["fact"] else ""), flush=True)
    if results:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
