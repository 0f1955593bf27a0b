"""The first answer after a one-file add, step by step: the app's engine (QA) is open over INDEX, one file is
added as a segment (`qa build --only`, index/grow.py), the engine is taken forward (QA.reopen, as the app does
after an upload) and asked; then the file is deleted again (a tombstone) and the engine taken forward again.
Prints, per round, the add's wall time, the reopen, the first answer, and the reopen's slowest steps
(cProfile, cumulative, in the engine's own modules), with the 1-minute load average.

    python bench/bench_grow_reopen.py CORPUS INDEX [--rounds 3] [--profile]

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
0.4-0.6 s against grown by one agency 4-8 ms at 2,807 agencies, 5.0-5.8 s against 54-112 ms at 34,000."""

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
OWN = ("qa/", "index/", "marshal")  # the profile's lines worth naming


def reopen_and_ask(app, profile: bool) -> tuple[dict, object]:
    prof = cProfile.Profile() if profile else None
    t = time.perf_counter()
    if prof:
        prof.enable()
    qa = app.reopen()
    opened = time.perf_counter() - t
    answer, _ = qa.ask(QUESTION)
    if prof:
        prof.disable()
    out = {"reopen_s": round(opened, 3), "reopen_and_first_answer_s": round(time.perf_counter() - t, 3),
           "status": answer.status, "load_avg_1m": round(os.getloadavg()[0], 1)}
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
    args = ap.parse_args(argv)
    os.environ["QA_EMBED"] = "0"
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="bench-grow-reopen-")
    from index.build import build_index
    from qa.engine import QA

    added = args.corpus / NEW_FILE.name
    added.unlink(missing_ok=True)
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
            r, new = reopen_and_ask(app, args.profile)
            app.close()
            app = new
            r = {"change": change, "build_s": round(built, 3), **r}
            res.append(r)
            print(json.dumps(r, ensure_ascii=False), flush=True)
    app.close()
    added.unlink(missing_ok=True)
    med = {c: sorted(r["reopen_and_first_answer_s"] for r in res if r["change"] == c) for c in ("add", "delete")}
    print(json.dumps({"tree": str(TREE), "median_reopen_and_first_answer_s":
                      {c: v[len(v) // 2] for c, v in med.items()}}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
