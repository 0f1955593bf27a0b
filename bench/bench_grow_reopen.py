"""The first answer after a one-file add, step by step: the app's engine (QA) is open over INDEX, one file is
added as a segment (`qa build --only`, index/grow.py), the engine is taken forward (QA.reopen, as the app does
after an upload) and asked; then the file is deleted again (a tombstone) and the engine taken forward again.
Prints, per round, the add's wall time, the reopen, the first answer, and the reopen's slowest steps
(cProfile, cumulative, in the engine's own modules), with the 1-minute load average.

    python bench/bench_grow_reopen.py CORPUS INDEX [--rounds 3] [--profile] [--steps] [--walk]

--steps times the reopen's steps (STEPS: wall seconds, inclusive); --walk also times a `qa build` without
--only that finds nothing changed (the walk, a stat of every file, the previous generation's list). Each round
also gives the CPU seconds of the process (stable on a shared machine where wall seconds follow the load),
the same question asked again (what the answer itself costs at this size) and a prose question after it (the
first search, which makes the keyword index's tables over every passage).

CORPUS is a corpus folder the index was built over (bench/out/grow/corpus_N, or a `cp -al` copy); the added
file is tests/fixtures/hegang_2021.txt (a real layout), its agency moved to another place each round (an
agency the index has not seen, as a user's next upload is), removed at the end. The process gets an empty
cache folder (XDG_CACHE_HOME): no agency finder of an earlier run is read from disk.
To compare two checkouts alternate them in the same conditions, e.g.
    for i in 1 2; do for t in /work/main /work/wt-x; do BENCH_TREE=$t python bench/bench_grow_reopen.py C I; done; done

Measured (2 shared cores, 1-minute load 5.7-8.8, 10,000 generated reports, 2,807 agencies, keyword + facts;
before = the engine without a grown agency finder and report rows, after = with them; 2 processes of 3 rounds
each, alternated): the reopen after an add, median 0.73 s before, 0.30 s after (2.5x); reopen and first
answer 0.94 s before, 0.50 s after (1.9x); after a delete (the agencies of before, a finder in memory) the
same within the noise, 0.3-0.6 s. Again with the keyword parts' base share kept too, load 3.5-5.5: reopen after
an add 0.31 -> 0.15 s (2.0x), reopen and first answer 0.43 -> 0.23 s (1.9x), a delete 0.21 -> 0.22 s. bench_grow_reopen_steps.py, the steps alone: the agency finder made anew
0.4-0.6 s against grown by one agency 4-8 ms at 2,807 agencies, 5.0-5.8 s against 54-112 ms at 34,000.

At 100,001 reports (34,342 agencies, 4.2M passages, 20M facts; the index /work/idx100k_single taken to
this layout by one add over a `cp -al` copy whose manifest names the copied corpus, 295 s once, then
snapshotted and copied afresh for each run; 2 rounds of add + delete a run, --steps, --walk in the first
pair), before = the tree at 2d5c282, after = scale11's; runs alternated before, after, before, after;
1-minute load 20-29 (the machine shared by 8). CPU seconds of the process, 8 rounds each (median):
  reopen                              1.26-1.71 (1.37) before   0.62-1.07 (0.73) after   1.9x
  reopen and first answer (facts)     1.65-2.23 (1.86) before   1.04-1.55 (1.20) after   1.55x
  the same answer asked again         0.54-0.77 before          0.51-0.70 after          (the answer itself)
  then a prose answer                 0.31-0.57 before          0.56-0.78 after          (tables made here now)
  reopen, fact answer, prose answer   1.98-2.70 (2.2)  before   1.61-2.33 (1.83) after   1.2x
  walk, nothing changed               5.75, 6.03 before         4.18, 4.60 after         1.35x
Wall seconds followed the load, 10-15x the CPU seconds at load 20-29 (reopen 17.6-25.1 s before, 5.6-16.3
s after; walk 52-53 s before, 39-54 s after; at load 16-18 the reopen took 4.1-6.3 s before, 1.9-2.9 s
after, the walk 34.7-41.9 s before, 13.8-15.3 s after). Where the reopen went before (wall, load 16-19): the
keyword parts 0.8-3.6 s (a rank, a length normalisation and counts over 4.2M passages), the retriever's three
queries over every report ~1 s, the fact store 1.1-2.8 s (its report rows 0.05-0.25, copies 0.14-0.39), the
question reader 0.01-0.6 s. After: the keyword parts keep the base's share of the counts and make the rank
and normalisation when a query first searches (a fact question needs none; the first prose answer pays them,
~0.2-0.4 CPU s), no retriever queries (the rows are the store's, grown), copies judged again only where files
changed; what remains is mostly the fact store's objects and arrays per report (qa/facts.py: 1.1-3.3 s wall
of 1.9-6.7 s, load 16-25) and the arrays over every passage the first search makes. The first answer to the fact question (哪个单位行政处罚最多: a
ranking of 34,342 agencies) costs what the same answer asked again does: it is the answer at this size.

Then (scale12), the same index (/work/scale11/idx_snap, a fresh `cp -al` copy each run), 2 rounds of add + delete
a run, --steps, before = the tree at 53039a4, after = scale12's; runs alternated before, after, before, after;
1-minute load 8-10. CPU seconds of the process, 8 rounds each (min-max, median):
  reopen                              0.67-0.94 (0.79) before   0.24-0.43 (0.29) after   2.7x
  reopen and first answer (facts)     1.05-1.47 (1.26) before   0.38-0.63 (0.45) after   2.8x
  the same answer asked again         0.55-0.81 (0.63) before   0.12-0.15 (0.13) after   (full collections gone)
  then a prose answer                 0.51-0.78 (0.67) before   0.38-0.87 (0.59) after   (metadata joined here now)
  reopen, fact answer, prose answer   1.56-2.20 (1.89) before   0.76-1.34 (1.06) after   1.8x
Wall seconds (load 8-10): reopen and first answer 3.7-8.8 s before, 1.6-3.3 s after. What went: (1) the
ranking itself costs 0.13 CPU s; the rest of "the answer at this size" was the cyclic collector walking the
engine's ~900,000 tracked objects (report objects, the agency finder's lists and sets, pypinyin's tables):
0.3-0.5 s a full collection, one every answer or two. An engine's objects are now frozen out of the
collector once made (index/memory.py; an engine holds no reference cycles, so a dropped one is still freed);
(2) the reports are arrays (qa/report_table.py), one table per generation shared by the retriever and the
fact store, grown after an add by the files that came and went, with a Report made when an answer asks for
one; the fuller names kept when no name that came or went shares its place-less body with another; (3) the
fact store keeps the previous store's key columns (moved to the new report ids, the new parts' cells read in
one query), cell details and line places: the first answer read ~35 key columns again; (4) the keyword
parts' metadata over 4.2M passages is joined when a search first needs it (the prose answer's share above);
(5) a generation no longer holds the one it grew from (each reopen kept every older generation's rows alive)."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TREE = Path(os.environ.get("BENCH_TREE", ROOT))  # the checkout whose engine is measured
sys.path.insert(0, str(TREE))

NEW_FILE = ROOT / "tests" / "fixtures" / "hegang_2021.txt"
PLACES = ("鹤岗", "虎林", "宁安", "同江", "抚远", "嫩江")  # each round's file names an agency new to the index
QUESTION = "哪个单位行政处罚最多"
PROSE = "政务公开培训情况"  # a question answered by search (the fact question reads no keyword index)
OWN = ("qa/", "index/", "marshal")  # the profile's lines worth naming


# The reopen's steps, timed by wrapping them (inclusive wall seconds; a step that calls another holds it):
# (module, attribute, label). Far less overhead than cProfile, so the total stays what a user waits.
STEPS = (
    ("qa.retrieve", "Retriever.__init__", "retriever"),
    ("index.generation", "Generation.keyword", "retriever: keyword parts"),
    ("qa.retrieve", "report_table", "retriever: report table"),  # (made here, the fact store shares it)
    ("qa.report_table", "ReportTable.grown", "report table grown"),
    ("qa.facts", "FactStore.__init__", "fact store"),
    ("qa.facts", "find_copies", "fact store: copies"),
    ("qa.engine", "Reader.__init__", "question reader"),
    ("qa.engine", "QA.ask", "first answer"),
)


def time_steps() -> dict[str, float]:
    """Wrap STEPS in place (once per process); returns the dict their seconds accumulate in."""
    import functools
    import importlib

    spent: dict[str, float] = {}
    for module, attr, label in STEPS:
        owner = importlib.import_module(module)
        *outer, name = attr.split(".")
        for o in outer:
            owner = getattr(owner, o)
        fn = getattr(owner, name, None)
        if fn is None:  # (a checkout without this step)
            continue

        def timed(*a, __fn=fn, __label=label, **k):
            t = time.perf_counter()
            try:
                return __fn(*a, **k)
            finally:
                spent[__label] = spent.get(__label, 0.0) + time.perf_counter() - t

        setattr(owner, name, functools.wraps(fn)(timed))
    return spent


def reopen_and_ask(app, profile: bool, spent: dict[str, float] | None = None) -> tuple[dict, object]:
    prof = cProfile.Profile() if profile else None
    if spent is not None:
        spent.clear()
    t, cpu = time.perf_counter(), time.process_time()  # CPU seconds: what a shared machine's load changes least
    if prof:
        prof.enable()
    qa = app.reopen()
    opened, opened_cpu = time.perf_counter() - t, time.process_time() - cpu
    answer, _ = qa.ask(QUESTION)
    if prof:
        prof.disable()
    out = {"reopen_s": round(opened, 3), "reopen_and_first_answer_s": round(time.perf_counter() - t, 3),
           "reopen_cpu_s": round(opened_cpu, 3),
           "reopen_and_first_answer_cpu_s": round(time.process_time() - cpu, 3),
           "status": answer.status, "load_avg_1m": round(os.getloadavg()[0], 1)}
    if spent:
        out["steps_s"] = {k: round(v, 3) for k, v in spent.items()}
    t, cpu = time.perf_counter(), time.process_time()
    qa.ask(QUESTION)  # again: what the answer itself costs at this size, read nothing anew
    out["same_answer_again_s"] = round(time.perf_counter() - t, 3)
    out["same_answer_again_cpu_s"] = round(time.process_time() - cpu, 3)
    t, cpu = time.perf_counter(), time.process_time()
    qa.ask(PROSE)  # the first search after the reopen: the keyword index's tables over every passage are made now
    out["then_prose_answer_s"] = round(time.perf_counter() - t, 3)
    out["then_prose_answer_cpu_s"] = round(time.process_time() - cpu, 3)
    if prof:
        s = io.StringIO()
        pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(40)
        out["profile"] = [ln.strip() for ln in s.getvalue().splitlines()
                          if any(k in ln for k in OWN) and "{built-in" not in ln][:25]
    return out, qa


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", type=Path)
    ap.add_argument("index", type=Path)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--steps", action="store_true", help="time the reopen's steps (STEPS)")
    ap.add_argument("--walk", action="store_true", help="also time a build without --only (a walk), nothing changed")
    args = ap.parse_args(argv)
    os.environ["QA_EMBED"] = "0"
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="bench-grow-reopen-")
    from index.build import build_index
    from qa.engine import QA

    added = args.corpus / NEW_FILE.name
    added.unlink(missing_ok=True)
    spent = time_steps() if args.steps else None
    app = QA(args.index)
    app.ask(QUESTION)  # the app's engine, warm
    res = []
    text = NEW_FILE.read_text("utf-8")
    for round_ in range(args.rounds):
        for change in ("add", "delete"):
            if change == "add":
                place = PLACES[round_ % len(PLACES)]
                added.write_text(text.replace("鹤岗市城市管理综合执法局", f"{place}市城市管理综合执法局"), "utf-8")
            else:
                added.unlink()
            t = time.perf_counter()
            build_index(args.corpus, args.index, embed=False, only=[added])
            built = time.perf_counter() - t
            r, new = reopen_and_ask(app, args.profile, spent)
            app.close()
            app = new
            r = {"change": change, "build_s": round(built, 3), **r}
            res.append(r)
            print(json.dumps(r, ensure_ascii=False), flush=True)
    app.close()
    added.unlink(missing_ok=True)
    if args.walk:  # the corpus as the index holds it (the added file removed): a walk that finds nothing new
        for _ in range(2):
            t, cpu = time.perf_counter(), time.process_time()
            build_index(args.corpus, args.index, embed=False)
            print(json.dumps({"change": "none (walk)", "build_s": round(time.perf_counter() - t, 3),
                              "build_cpu_s": round(time.process_time() - cpu, 3),
                              "load_avg_1m": round(os.getloadavg()[0], 1)}), flush=True)
    med = {c: sorted(r["reopen_and_first_answer_s"] for r in res if r["change"] == c) for c in ("add", "delete")}
    print(json.dumps({"tree": str(TREE), "median_reopen_and_first_answer_s":
                      {c: v[len(v) // 2] for c, v in med.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
