"""What the first question naming an agency in Latin letters costs: the table of the index's places by their
pinyin (qa.latin), made once per index, at 20,000 places.

    python bench/bench_latin.py              # 20,000 places
    python bench/bench_latin.py --places 5000

The baseline, in the same process, is how the table was made before (pypinyin's lazy_pinyin on every form of
every place); the figure is the ratio. The places are qa/places.tsv's real ones, then made-up two-character
names of their characters (市/县/区), each an agency 「…城市管理局」. Also lists the real places whose spellings
the two ways differ: a form the old way read alone where the whole name reads otherwise (宜都 yidou, 宜都市 yidushi).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import more_places  # noqa: E402

from qa.agencies import _place_names, _places, _squash, latin  # noqa: E402
from qa.latin import _places_by_sound, read_latin  # noqa: E402


def places(n: int) -> list[str]:
    real = [p for _, p, _ in more_places()]
    chars = sorted({c for p in real for c in p[:-1]})
    rng = random.Random(7)
    out = dict.fromkeys(real)
    while len(out) < n:
        out["".join(rng.sample(chars, 2)) + rng.choice("市县区")] = None
    return list(out)[:n]


def baseline(agencies: list[str]) -> dict[str, set[str]]:
    """The table as it was made before: lazy_pinyin on each form."""
    out: dict[str, set[str]] = {}
    for place in {p for a in agencies for p in _places(_squash(a))[0]}:
        for form in _place_names(place):
            if len(form) >= 2:
                out.setdefault(latin(form), set()).add(place)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--places", type=int, default=20000)
    args = ap.parse_args()
    names = places(args.places)
    finder = SimpleNamespace(agencies=[p + "城市管理局" for p in names])  # the table reads only .agencies
    latin("平潭")  # pypinyin's dictionaries loaded before either clock starts
    read_latin("Pingtan", SimpleNamespace(agencies=["平潭综合实验区"]))  # (and this module's one-reading table)

    t = time.perf_counter()
    old = baseline(finder.agencies)
    before = time.perf_counter() - t
    t = time.perf_counter()
    new = _places_by_sound(finder).places
    after = time.perf_counter() - t
    t = time.perf_counter()
    read_latin("How many penalties did Pingtan County issue in 2024?", finder)
    question = time.perf_counter() - t
    t = time.perf_counter()
    read_latin("How many penalties did Pingtan County issue in 2023?", finder)
    again = time.perf_counter() - t

    real = {p for _, p, _ in more_places()}
    old_of: dict[str, set[str]] = {}
    new_of: dict[str, set[str]] = {}
    for table, of in ((old, old_of), (new, new_of)):
        for key, ps in table.items():
            for p in ps & real:
                of.setdefault(p, set()).add(key)
    differ = sorted(p for p in new_of if old_of.get(p) != new_of[p])
    print(f"{len(names)} places ({len(real & set(names))} real), {len(new)} spellings")
    print(f"table before (lazy_pinyin per form): {before:.2f} s")
    print(f"table now (a reading per character, pypinyin for characters of several readings): {after:.2f} s")
    print(f"ratio before/now: {before / after:.1f}x")
    print(f"a Latin question after the table: {question * 1000:.1f} ms (the next: {again * 1000:.1f} ms)")
    print(f"real places read differently: {len(differ)} {differ[:10]}")


if __name__ == "__main__":
    main()
