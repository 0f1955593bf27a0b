"""Scale check of the retrieval core on synthetic passages made by recombining the seed reports' sentences.

    python bench/bench_retrieval_core.py                 # keyword 30k + 300k, encode 2k, FAISS 100k
    python bench/bench_retrieval_core.py --sizes 30000   # quicker

Each stage runs in its own process so that its peak memory (getrusage ru_maxrss) is its own.
Prints one table; --json also writes the figures to bench/out/retrieval_core.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.model import Passage  # noqa: E402

PLACES = "沙河 张店 伊川 鹤岗 济南 淄博 洛阳 邢台 青岛 烟台 郑州 开封 哈尔滨 齐齐哈尔 石家庄 保定 唐山 廊坊 太原 大同 " \
    "长沙 株洲 武汉 宜昌 成都 绵阳 昆明 大理 南宁 柳州 福州 厦门 杭州 宁波 苏州 无锡 南京 合肥 芜湖 南昌".split()
LEVELS = ["市", "县", "区"]
KINDS_OF_AGENCY = ["城市管理局", "城市管理综合行政执法局", "综合行政执法局", "市场监督管理局", "人力资源和社会保障局",
                   "住房和城乡建设局", "生态环境局", "交通运输局", "卫生健康委员会", "人民政府办公室"]
PARTS = ["一", "一", "一", "二", "三", "三", "四", "五", "五", "六"]


def seed_sentences() -> tuple[list[str], list[str]]:
    prose, rows = [], []
    for f in sorted((ROOT / "corpus").glob("*.txt")):
        for line in f.read_text("utf-8").splitlines():
            line = line.strip().lstrip("#").strip()
            if not line:
                continue
            if "\t" in line:
                rows.append(re.sub(r"\s+", " ", line))
            else:
                prose += [s + "。" for s in re.split(r"[。；]", line) if len(s) >= 8]
    return prose, rows


def synthetic(n: int, seed: int = 7) -> list[Passage]:
    """n passages, ~30 per report: 2-3 seed sentences each (≈100 characters, the real splitter's size)."""
    rnd = random.Random(seed)
    prose, rows = seed_sentences()
    out = []
    per_report = 30
    for i in range(n):
        r = i // per_report
        r_rnd = random.Random(r)
        agency = r_rnd.choice(PLACES) + r_rnd.choice(LEVELS) + r_rnd.choice(KINDS_OF_AGENCY)
        year = 2019 + r % 5
        if rnd.random() < 0.2:
            kind, text = "row", rnd.choice(rows)
        else:
            kind, text = "prose", "".join(rnd.sample(prose, rnd.choice((2, 2, 3))))
        out.append(Passage.model_construct(
            id=f"r{r:06d}:{kind}:{i}", doc=f"r{r:06d}.txt", agency=agency, year=year, part=rnd.choice(PARTS),
            kind=kind, text=text, line_start=i % per_report + 1, line_end=i % per_report + 1, fact_keys=[],
        ))
    return out


def queries(passages: list[Passage], m: int = 200, seed: int = 11) -> list[tuple[str, dict | None]]:
    rnd = random.Random(seed)
    fixed = ["鹤岗城管存在哪些问题", "济南市城管局圆桌对话开展了多少次", "沙河 政务公开 培训", "主动公开政府信息多少条",
             "政务新媒体的管理还不够规范", "依申请公开收到几件", "行政复议 行政诉讼", "人大代表建议和政协提案"]
    out: list[tuple[str, dict | None]] = [(q, None) for q in fixed]
    while len(out) < m:
        p = rnd.choice(passages)
        start = rnd.randrange(max(1, len(p.text) - 16))
        frag = p.text[start : start + rnd.randint(6, 16)]
        q = (p.agency[:2] + " " + frag) if rnd.random() < 0.5 else frag
        f = {"agency": p.agency[:2]} if rnd.random() < 0.3 else ({"part": "五"} if rnd.random() < 0.2 else None)
        out.append((q, f))
    return out


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def pct(ms: list[float]) -> tuple[float, float]:
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def time_queries(search, qs) -> tuple[float, float]:
    ms = []
    for q, f in qs:
        t = time.perf_counter()
        search(q, 10, f)
        ms.append((time.perf_counter() - t) * 1000)
    return pct(ms)


def du_mb(d: Path) -> float:
    return sum(f.stat().st_size for f in d.rglob("*") if f.is_file()) / 2**20


# --- stages (each in its own process) -------------------------------------------------------------


def stage_keyword(n: int, workers: int) -> dict:
    from index.keyword import KeywordIndex, _seg

    _seg()
    t = time.perf_counter()
    ps = synthetic(n)
    gen_s = time.perf_counter() - t
    kw = KeywordIndex(workers=workers).build(ps)
    build_s = kw.build_seconds
    qs = queries(ps)
    kw.search("预热", 10)
    p50, p95 = time_queries(kw.search, qs)
    p50u, p95u = time_queries(kw.search, [(q, None) for q, _ in qs])
    d = Path(tempfile.mkdtemp(prefix="kwbench"))
    try:
        t = time.perf_counter()
        kw.save(d)
        save_s = time.perf_counter() - t
        size = du_mb(d)
        rss_built = maxrss_mb()
        del kw
        t = time.perf_counter()
        kw2 = KeywordIndex.load(d)
        load_s = time.perf_counter() - t
        lp50, lp95 = time_queries(kw2.search, qs)
    finally:
        shutil.rmtree(d)
    return {
        "stage": f"keyword N={n:,} ({workers} procs)", "build_s": round(build_s, 1),
        "gen_s": round(gen_s, 1), "postings": int(len(kw2.postings)), "vocab": len(kw2.vocab),
        "q_p50_ms": round(p50, 2), "q_p95_ms": round(p95, 2), "q_nofilter_p50_ms": round(p50u, 2),
        "q_nofilter_p95_ms": round(p95u, 2), "save_s": round(save_s, 2), "disk_mb": round(size, 1),
        "load_s": round(load_s, 3), "loaded_q_p50_ms": round(lp50, 2), "loaded_q_p95_ms": round(lp95, 2),
        "maxrss_mb": round(rss_built, 0),
    }


def stage_encode(n: int) -> dict:
    t = time.perf_counter()
    from index.dense import Embedder

    e = Embedder()
    e._load()
    load_s = time.perf_counter() - t
    texts = [p.text for p in synthetic(n)]
    e.encode(texts[:32])  # warm-up
    t = time.perf_counter()
    e.encode(texts, batch_size=64)
    enc_s = time.perf_counter() - t
    ms = []
    for q, _ in queries(synthetic(2000), 50):
        t = time.perf_counter()
        e.encode([q])
        ms.append((time.perf_counter() - t) * 1000)
    p50, p95 = pct(ms)
    per = enc_s / n * 1000
    return {
        "stage": f"encode {n:,} passages ({e.name})", "model_load_s": round(load_s, 1), "build_s": round(enc_s, 1),
        "ms_per_passage": round(per, 2), "est_300k_min": round(per * 300_000 / 60_000, 0),
        "q_p50_ms": round(p50, 1), "q_p95_ms": round(p95, 1), "note": "q = encode one question",
        "maxrss_mb": round(maxrss_mb(), 0),
    }


def stage_faiss(n: int, dim: int = 384) -> dict:
    import faiss

    rng = np.random.default_rng(3)
    x = rng.standard_normal((n, dim), dtype=np.float32)
    faiss.normalize_L2(x)
    t = time.perf_counter()
    ix = faiss.IndexFlatIP(dim)
    ix.add(x)
    build_s = time.perf_counter() - t
    qs = rng.standard_normal((200, dim), dtype=np.float32)
    faiss.normalize_L2(qs)
    ms = []
    for q in qs:
        t = time.perf_counter()
        ix.search(q[None], 10)
        ms.append((time.perf_counter() - t) * 1000)
    p50, p95 = pct(ms)
    mask = rng.random(n) < 0.01  # a filter that keeps 1%
    bitmap = np.packbits(mask, bitorder="little")
    params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap)))
    fms = []
    for q in qs:
        t = time.perf_counter()
        ix.search(q[None], 10, params=params)
        fms.append((time.perf_counter() - t) * 1000)
    f50, f95 = pct(fms)
    return {
        "stage": f"faiss flat IP {n:,}x{dim}", "build_s": round(build_s, 2), "q_p50_ms": round(p50, 2),
        "q_p95_ms": round(p95, 2), "filtered_1pct_p50_ms": round(f50, 2), "filtered_1pct_p95_ms": round(f95, 2),
        "threads": faiss.omp_get_max_threads(), "maxrss_mb": round(maxrss_mb(), 0),
    }


# --- driver ---------------------------------------------------------------------------------------


def run_stage(args: list[str]) -> dict:
    t = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--stage", *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        return {"stage": " ".join(args), "error": out.stderr.strip().splitlines()[-1:]}
    r = json.loads(out.stdout.strip().splitlines()[-1])
    r["load_avg_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: say how busy it was
    r["wall_s"] = round(time.perf_counter() - t, 1)
    return r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[30_000, 300_000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--encode", type=int, default=2000)
    ap.add_argument("--faiss", type=int, default=100_000)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        name, *rest = a.stage
        fn = {"keyword": lambda: stage_keyword(int(rest[0]), int(rest[1])), "encode": lambda: stage_encode(int(rest[0])),
              "faiss": lambda: stage_faiss(int(rest[0]))}[name]
        print(json.dumps(fn(), ensure_ascii=False))
        return

    results = [run_stage(["keyword", str(n), str(a.workers)]) for n in a.sizes]
    if a.encode:
        results.append(run_stage(["encode", str(a.encode)]))
    if a.faiss:
        results.append(run_stage(["faiss", str(a.faiss)]))
    print_table(results)
    if a.json:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        (out / "retrieval_core.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


def print_table(results: list[dict]) -> None:
    main_cols = ["build_s", "q_p50_ms", "q_p95_ms", "maxrss_mb", "wall_s"]
    w = max(len(r["stage"]) for r in results)
    print(f"\n{'stage':{w}s} | {'build s':>8s} | {'q p50 ms':>8s} | {'q p95 ms':>8s} | {'maxrss MB':>9s} | {'wall s':>6s}")
    print("-" * (w + 52))
    for r in results:
        cells = [str(r.get(c, "-")) for c in main_cols]
        print(f"{r['stage']:{w}s} | {cells[0]:>8s} | {cells[1]:>8s} | {cells[2]:>8s} | {cells[3]:>9s} | {cells[4]:>6s}")
    print()
    for r in results:
        rest = {k: v for k, v in r.items() if k not in main_cols and k != "stage"}
        print(f"{r['stage']}: " + ", ".join(f"{k}={v}" for k, v in rest.items()))


if __name__ == "__main__":
    main()
