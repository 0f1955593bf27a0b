"""A corpus-wide gaps answer (哪些报告的表格不完整) at scale: the grouped reads (FactStore.whole_tables, then keys_of for the rest)
against reading every report's keys one query at a time (op_gaps.gaps_of for each), in the same process on the
same open index, alternated. CPU seconds.

    python bench/generate.py -n 3000 --seed 5 /tmp/gapsbench/corpus
    qa build /tmp/gapsbench/corpus --index /tmp/gapsbench/idx --no-embed
    python bench/bench_gaps.py /tmp/gapsbench/idx --rounds 3
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.template import keys_for  # noqa: E402
from qa import op_gaps  # noqa: E402
from qa.engine import QA  # noqa: E402

QUESTION = "哪些报告的表格不完整"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("index")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    qa = QA(args.index)
    ctx, store = qa.ctx, qa.store
    reports = [r for r in store.reports if store.copies.is_primary[r.rid]]
    wanted = {f: keys_for(f) for f in sorted({r.format for r in reports if r.format})}
    qa.ask(QUESTION, None)  # warm: imports, the first read of the facts table
    for i in range(args.rounds):
        t = time.process_time()
        slow = [op_gaps.gaps_of(ctx, r) for r in reports]
        one_by_one = time.process_time() - t
        t = time.process_time()
        whole = store.whole_tables(None, wanted, sorted(op_gaps.GAP_FLAGS))
        held = store.keys_of([r.doc for r in reports if r.doc not in whole])
        fast = [op_gaps.Gaps(r) if r.doc in whole else op_gaps.gaps_of(ctx, r, held[r.doc]) for r in reports]
        grouped = time.process_time() - t
        t = time.process_time()
        answer, _ = qa.ask(QUESTION, None)
        asked = time.process_time() - t
        same = [(g.n_rows, g.blank, g.worded, g.unplaced) for g in slow] == \
            [(g.n_rows, g.blank, g.worded, g.unplaced) for g in fast]
        print(f"round {i + 1}: {len(reports)} reports, {len(whole)} whole; every report's keys one query at a time "
              f"{one_by_one:.2f} s, grouped {grouped:.2f} s ({one_by_one / max(grouped, 1e-9):.1f}×), the whole "
              f"answer {asked:.2f} s; same gaps: {same}; {answer.text[:60]}…")
    qa.close()


if __name__ == "__main__":
    main()
