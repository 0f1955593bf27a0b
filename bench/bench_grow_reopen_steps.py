"""The steps of an engine's reopen after a one-file add that grow with the index, made anew (as a fresh open
does) and grown from the previous engine's (QA.reopen), alternated in one process (best of 3):

    python bench/bench_grow_reopen_steps.py INDEX [--agencies N]

- the agency finder (qa.agencies): AgencyFinder(all names) against AgencyFinder.grown(finder without one);
  --agencies N adds generated agencies (bench/generate.py's pool) up to N names, as at 100,000 reports;
- fuller_names (index.metadata): every name's places read against the new name's alone (a cleared cache
  against a warm one).
(The report rows, read again or grown, are in the end-to-end figures of bench_grow_reopen.py: an index
keeps no older generation to read them from here.)"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def best(fn, reps: int = 3) -> float:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return min(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("index", type=Path)
    ap.add_argument("--agencies", type=int, default=0)
    args = ap.parse_args(argv)
    from index.generation import Generation
    from index.metadata import _body, _fuller_names
    from qa.agencies import AgencyFinder

    gen = Generation.current(args.index)
    con = gen.connect()
    names = sorted({a for (a,) in con.execute("select distinct agency from reports where agency is not null")
                    .fetchall()})
    if args.agencies > len(names):
        sys.path.insert(0, str(ROOT / "bench"))
        from generate import agency_pool

        names = sorted(set(names) | {a.name for a in agency_pool(args.agencies)})[:args.agencies]
    one = names[len(names) // 2]
    older = AgencyFinder([a for a in names if a != one])
    print(f"{len(names)} agencies, load {os.getloadavg()[0]:.1f}", flush=True)
    for _ in range(2):  # alternated: the machine is shared
        new = best(lambda: AgencyFinder(names), 2)
        grown = best(lambda: AgencyFinder.grown(older, names))
        print(f"agency finder: made anew {new * 1000:.0f} ms, grown by one agency {grown * 1000:.0f} ms "
              f"({new / grown:.0f}x)", flush=True)
        cold = best(lambda: (_body.cache_clear(), _fuller_names.__wrapped__(frozenset(names))))
        grown_names = frozenset(names + [f"{one}办公室"])  # (the cache warm with the older names)
        warm = best(lambda: _fuller_names.__wrapped__(grown_names))
        print(f"fuller_names: every name's places {cold * 1000:.0f} ms, one new name's {warm * 1000:.0f} ms "
              f"({cold / warm:.0f}x)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
