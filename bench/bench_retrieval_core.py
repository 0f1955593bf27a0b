"""Scale check of the retrieval core on synthetic passages made by recombining the seed reports' sentences.

    python bench/bench_retrieval_core.py                 # keyword 30k + 300k, encode 2k, FAISS 100k
    python bench/bench_retrieval_core.py --sizes 30000   # quicker
    python bench/bench_retrieval_core.py --sizes --encode 0 --faiss 0 --build 100 --project 1000 10000
                                                         # a build with embedding of 100 generated reports,
                                                         # projected to 1,000 and 10,000 from its measured costs

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
    """n passages, 30 per report: 2-4 seed sentences each (~90 characters; 20% are table rows)."""
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
            kind, text = "prose", "".join(rnd.sample(prose, rnd.choice((2, 3, 3, 4))))
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


def stage_keyword(n: int, workers: int, out: str) -> dict:
    """Build over n passages, query, save to out (the next stage opens it in a fresh process)."""
    from index.keyword import KeywordIndex, _seg

    _seg()
    t = time.perf_counter()
    ps = synthetic(n)
    gen_s = time.perf_counter() - t
    rss_passages = maxrss_mb()  # the passages themselves, before the index
    kw = KeywordIndex(workers=workers).build(ps)
    qs = queries(ps)
    kw.search("预热", 10)
    p50, p95 = time_queries(kw.search, qs)
    p50u, p95u = time_queries(kw.search, [(q, None) for q, _ in qs])
    t = time.perf_counter()
    kw.save(out)
    save_s = time.perf_counter() - t
    (Path(out) / "bench_queries.json").write_text(json.dumps(qs, ensure_ascii=False), "utf-8")
    return {
        "stage": f"keyword build N={n:,} ({workers} procs)", "build_s": round(kw.build_seconds, 1),
        "q_p50_ms": round(p50, 2), "q_p95_ms": round(p95, 2), "maxrss_mb": round(maxrss_mb(), 0),
        "rss_passages_only_mb": round(rss_passages, 0), "gen_s": round(gen_s, 1), "postings": int(len(kw.postings)),
        "vocab": len(kw.vocab), "q_nofilter_p50_ms": round(p50u, 2), "q_nofilter_p95_ms": round(p95u, 2),
        "save_s": round(save_s, 2), "disk_mb": round(du_mb(Path(out)), 1),
    }


def stage_kwload(out: str) -> dict:
    """What a question-answering process pays: open the saved index (memory-mapped), answer queries."""
    from index.keyword import KeywordIndex, _seg

    _seg()  # the tokenizer's own ~1 s is not the index's
    rss0 = maxrss_mb()
    t = time.perf_counter()
    kw = KeywordIndex.load(out)
    load_s = time.perf_counter() - t
    qs = [(q, f) for q, f in json.loads((Path(out) / "bench_queries.json").read_text("utf-8"))]
    p50, p95 = time_queries(kw.search, qs)
    return {
        "stage": f"keyword load+query N={kw.n:,}", "load_s": round(load_s, 3), "q_p50_ms": round(p50, 2),
        "q_p95_ms": round(p95, 2), "maxrss_mb": round(maxrss_mb(), 0), "rss_before_load_mb": round(rss0, 0),
    }


def stage_encode(n: int) -> dict:
    """Model load, DenseIndex.build over n passages (= the model's encode speed), end-to-end query."""
    t = time.perf_counter()
    from index.dense import DenseIndex, Embedder

    e = Embedder()
    e._load()
    load_s = time.perf_counter() - t
    ps = synthetic(n)
    e.encode([p.text for p in ps[:32]])  # warm-up
    t = time.perf_counter()
    dense = DenseIndex(e).build(ps, batch_size=64)
    enc_s = time.perf_counter() - t
    qs = queries(ps, 100)
    dense.search("预热", 10)
    p50, p95 = time_queries(dense.search, qs)
    per = enc_s / n * 1000
    return {
        "stage": f"dense build+query {n:,} passages", "model": e.name, "model_load_s": round(load_s, 1),
        "build_s": round(enc_s, 1), "ms_per_passage": round(per, 2), "avg_chars": round(float(np.mean([len(p.text) for p in ps])), 0),
        "est_300k_passages_min": round(per * 300_000 / 60_000, 0),
        "q_p50_ms": round(p50, 1), "q_p95_ms": round(p95, 1), "note": "query = encode the question + flat search",
        "maxrss_mb": round(maxrss_mb(), 0),
    }


def stage_build(n: int, project: list[int]) -> dict:
    """A full build with embedding over n generated reports (nothing cached), the same corpus without
    embedding, and the build's embedding against the model's own encode on the same texts: the build's
    throughput as a ratio of the model's. Larger corpora are projected from the measured per-report costs
    (said as such in the output), since embedding is linear in the passages."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    from index.build import build_index
    from index.dense import Embedder
    from index.generation import Generation
    from qa.retrieve import Retriever

    base = Path(tempfile.mkdtemp(prefix="embbench"))
    try:
        corpus = base / "corpus"
        write_corpus(corpus, n, seed=2)
        (corpus / "truth.jsonl").unlink(missing_ok=True)
        os.environ["QA_VECTOR_CACHE"] = str(base / "vectors")  # nothing from earlier runs
        t = time.perf_counter()
        full = build_index(corpus, base / "with")  # the default: embeds, new files in worker processes
        with_s = time.perf_counter() - t
        t = time.perf_counter()
        build_index(corpus, base / "without", embed=False)
        without_s = time.perf_counter() - t
        con = Generation.current(base / "with").connect()
        texts = [x for (x,) in con.execute("select text from passages order by pidx").fetchall()]
        con.close()
        # the build's own embedding path in this process (vectors dropped: every passage embedded again)
        os.environ["QA_VECTOR_CACHE"] = str(base / "vectors2")
        build_index(corpus, base / "without", embed=True)  # files reused: only the embedding stage runs
        build_embed_s = Generation.current(base / "without").manifest.timings["embed"]
        model = Embedder()._load()
        t = time.perf_counter()
        model.encode(texts, False, None)  # the model alone, same texts, same threads
        raw_s = time.perf_counter() - t
        r = Retriever(base / "with")
        qs = [
            "存在的主要问题", "政务公开培训", "依申请公开办理", "行政处罚决定", "政府信息公开平台建设",
            "下一步改进措施", "群众来信要求公开", "罚款处理了多少起", "网站建设做了什么", "哪些方面做得不够"]
        r.search("预热", k=10)
        ms = []
        for _ in range(5):
            for q in qs:
                t = time.perf_counter()
                r.search(q, k=10)
                ms.append((time.perf_counter() - t) * 1000)
        p50, p95 = pct(ms)
        agency = r.db.execute("select agency from reports where agency is not null order by doc limit 1").fetchone()
        r.close()
        prose_p50, prose_p95, prose_n = prose_questions(base / "with", agency[0] if agency else "")
        per_report_embed = (with_s - without_s) / n
        per_report_plain = without_s / n
        out = {
            "stage": f"build with embedding {n:,} reports", "build_s": round(with_s, 1),
            "build_no_embed_s": round(without_s, 1), "passages": len(texts),
            "passages_per_report": round(len(texts) / n, 1),
            "embedded": full.manifest.embedded[:60],
            "build_embed_stage_s": round(build_embed_s, 1), "model_encode_s": round(raw_s, 1),
            "throughput_ratio": round(raw_s / build_embed_s, 3) if build_embed_s else None,
            "model_ms_per_passage": round(raw_s / len(texts) * 1000, 1),
            "q_p50_ms": round(p50, 1), "q_p95_ms": round(p95, 1),
            "prose_questions": prose_n, "prose_ask_p50_ms": round(prose_p50, 1),
            "prose_ask_p95_ms": round(prose_p95, 1),
            "maxrss_mb": round(maxrss_mb(), 0),
        }
        for m in project:
            out[f"projected_{m}_reports_min"] = round((per_report_embed + per_report_plain) * m / 60, 1)
        return out
    finally:
        shutil.rmtree(base, ignore_errors=True)


PROSE_QUESTIONS = ["存在哪些问题", "下一步有什么改进措施", "政务公开培训了多少人次", "政府网站建设做了什么",
                   "哪些方面做得不够", "政务新媒体怎么管理"]


def prose_questions(index: Path, agency: str, rounds: int = 3) -> tuple[float, float, int]:
    """QA.ask on prose questions (the whole answer: retrieval, sentence choice, citations), asked of the
    corpus and of one named agency; p50 and p95 in ms after one warm-up question."""
    from qa.engine import QA

    qa = QA(index)
    questions = PROSE_QUESTIONS + [agency + q for q in PROSE_QUESTIONS if agency]
    qa.ask("预热")
    ms = []
    for _ in range(rounds):
        for q in questions:
            t = time.perf_counter()
            qa.ask(q)
            ms.append((time.perf_counter() - t) * 1000)
    qa.close()
    p50, p95 = pct(ms)
    return p50, p95, len(questions)


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
    faiss.omp_set_num_threads(1)
    ms1 = []
    for q in qs:
        t = time.perf_counter()
        ix.search(q[None], 10)
        ms1.append((time.perf_counter() - t) * 1000)
    s50, s95 = pct(ms1)
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
        "stage": f"faiss flat IP {n:,}x{dim} (1 thread)", "build_s": round(build_s, 2), "q_p50_ms": round(s50, 2),
        "q_p95_ms": round(s95, 2), "two_threads_p50_ms": round(p50, 2), "two_threads_p95_ms": round(p95, 2),
        "filtered_1pct_p50_ms": round(f50, 2), "filtered_1pct_p95_ms": round(f95, 2),
        "maxrss_mb": round(maxrss_mb(), 0),
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
    ap.add_argument("--build", type=int, default=0, help="reports of a generated corpus built with embedding")
    ap.add_argument("--project", type=int, nargs="*", default=[1000, 10000],
                    help="corpus sizes the build is projected to from its measured per-report cost")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        name, *rest = a.stage
        fn = {
            "keyword": lambda: stage_keyword(int(rest[0]), int(rest[1]), rest[2]),
            "kwload": lambda: stage_kwload(rest[0]),
            "encode": lambda: stage_encode(int(rest[0])),
            "faiss": lambda: stage_faiss(int(rest[0])),
            "build": lambda: stage_build(int(rest[0]), [int(x) for x in rest[1:]]),
        }[name]
        print(json.dumps(fn(), ensure_ascii=False))
        return

    results = []
    for n in a.sizes:
        d = tempfile.mkdtemp(prefix="kwbench")
        try:
            results.append(run_stage(["keyword", str(n), str(a.workers), d]))
            results.append(run_stage(["kwload", d]))
        finally:
            shutil.rmtree(d)
    if a.encode:
        results.append(run_stage(["encode", str(a.encode)]))
    if a.faiss:
        results.append(run_stage(["faiss", str(a.faiss)]))
    if a.build:
        results.append(run_stage(["build", str(a.build), *map(str, a.project)]))
    print_table(results)
    if a.json:
        out = ROOT / "bench" / "out"
        out.mkdir(parents=True, exist_ok=True)
        (out / "retrieval_core.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")


def print_table(results: list[dict]) -> None:
    main_cols = ["build_s", "load_s", "q_p50_ms", "q_p95_ms", "maxrss_mb", "wall_s"]
    w = max(len(r["stage"]) for r in results)
    heads = ["build s", "load s", "q p50 ms", "q p95 ms", "maxrss MB", "wall s"]
    print(f"\n{'stage':{w}s} | " + " | ".join(f"{h:>9s}" for h in heads))
    print("-" * (w + 3 + 12 * len(heads)))
    for r in results:
        print(f"{r['stage']:{w}s} | " + " | ".join(f"{str(r.get(c, '-')):>9s}" for c in main_cols))
    print()
    for r in results:
        rest = {k: v for k, v in r.items() if k not in main_cols and k != "stage"}
        print(f"{r['stage']}: " + ", ".join(f"{k}={v}" for k, v in rest.items()))


if __name__ == "__main__":
    main()
