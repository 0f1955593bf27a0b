"""Index benchmark: build time and its parts, index size, peak memory, `qa search` latency, one-file
rebuild time, and the embedding speed of the build against the model's own encode speed.

    python bench/bench_index.py                      # 1,000 and 10,000 reports
    python bench/bench_index.py --sizes 1000         # quicker
    python bench/bench_index.py --skip-build         # reuse the indexes already under bench/out/index/

Corpora are generated with bench/generate.py into bench/out/index/corpus_N (reused when present). Each
measurement runs in its own process, so its peak memory (maxrss from wait4) is its own:
- build: a full `build_index` into a fresh folder (keyword + facts, as the default model's weight 0
  decides: no vectors); the manifest's timings give the parts per report.
- query: a Retriever opened once, ~100 realistic questions (agencies of the corpus, full or short names),
  p50/p95 of Retriever.search = what `qa search` does after opening; and one cold `qa search` process.
- rebuild: `qa build` as a process after no change, after one file changed, and after it is restored.
- embed: the prose passages of 200 reports embedded by the build (model loaded beforehand) against
  SentenceTransformer.encode on the same texts = the ratio; full embed times are extrapolated from it.
Prints a table and writes bench/out/index.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
WORK = OUT / "index"
SAMPLE = 200  # reports whose prose is embedded for the speed ratio
QUERIES = 100
EDIT_NOTE = "本年度另有一条补充说明。"

PROSE_QUESTIONS = ("{a}存在哪些主要问题", "{a}主动公开了多少条政府信息", "{a}收到几件依申请公开", "{a}政务公开培训了多少人次",
                   "{a}解读政策文件多少件", "{a}下一步改进措施", "{a}政务新媒体建设情况", "{a}怎么做政府信息管理")
ROW_QUESTIONS = ("{a}行政处罚处理决定数量", "{a}行政许可决定多少件", "{a}政府集中采购金额", "{a}行政复议情况",
                 "{a}本年新收政府信息公开申请数量", "{a}不予公开的申请有几件")
OPEN_QUESTIONS = ("政务公开工作存在哪些不足", "政务新媒体管理不够规范", "依申请公开办理情况", "政府信息公开工作人员培训",
                  "行政处罚处理决定数量", "结转下年度继续办理")


# ------------------------------------------------------------------ helpers
def _tree_rss_kb(root: int) -> int:
    """Resident memory of a process and all its descendants (kB, from /proc)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = Path(f"/proc/{d}/stat").read_text()
            statm = Path(f"/proc/{d}/statm").read_text().split()
        except OSError:
            continue
        parent[int(d)] = int(stat.rsplit(")", 1)[1].split()[1])
        rss[int(d)] = int(statm[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    tree, frontier = {root}, [root]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier and p not in tree]
        tree.update(kids)
        frontier = kids
    return sum(rss.get(p, 0) for p in tree)


def run(cmd: list[str], timeout: float | None = None, tree_every: float = 0.0) -> dict:
    """Run a process; its wall time, exit status, output, peak memory (its own and its waited-for
    children's, from wait4), CPU seconds of it and its waited-for descendants (wait4), and, with
    tree_every > 0, the peak resident memory of its whole process tree sampled every tree_every s."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=err)
        deadline = None if timeout is None else t + timeout
        tree_peak, next_sample = 0, t
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if deadline and time.perf_counter() > deadline:
                p.kill()
                pid, status, usage = os.wait4(p.pid, 0)
                break
            if tree_every and time.perf_counter() >= next_sample:
                tree_peak = max(tree_peak, _tree_rss_kb(p.pid))
                next_sample = time.perf_counter() + tree_every
            time.sleep(0.05)
        wall = time.perf_counter() - t
        p.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall_s": wall, "rc": p.returncode, "stdout": out.read().decode("utf-8", "replace"),
                "stderr": err.read().decode("utf-8", "replace"), "maxrss_mb": usage.ru_maxrss / 1024,
                "cpu_s": usage.ru_utime + usage.ru_stime, "tree_peak_rss_mb": tree_peak / 1024}


def stage(name: str, *args: str, timeout: float | None = None, tree_every: float = 0.0) -> dict:
    """Run one stage of this script in its own process; its JSON result plus wall time, CPU seconds and
    peak memory (and the process tree's peak, sampled, with tree_every)."""
    r = run([sys.executable, __file__, "--stage", name, *args], timeout=timeout, tree_every=tree_every)
    if r["rc"] != 0:
        tail = (r["stderr"].strip().splitlines() or ["(no output)"])[-3:]
        return {"stage": name, "error": " | ".join(tail), "wall_s": round(r["wall_s"], 1)}
    res = json.loads(r["stdout"].strip().splitlines()[-1])
    res["process_maxrss_mb"] = round(r["maxrss_mb"])
    res["process_wall_s"] = round(r["wall_s"], 2)
    res["process_tree_cpu_s"] = round(r["cpu_s"], 1)
    if tree_every:
        res["process_tree_peak_rss_mb"] = round(r["tree_peak_rss_mb"])
    res["load_avg_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: say how busy it was
    return res


def du_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 2**20
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20 if path.exists() else 0.0


def pct(xs: list[float], p: float) -> float:
    import numpy as np

    return float(np.percentile(xs, p)) if xs else float("nan")


def ensure_corpus(n: int, seed: int = 1, corpus: Path | None = None) -> Path:
    from bench import generate

    corpus = corpus or WORK / f"corpus_{n}"
    if not ((corpus / "truth.jsonl").is_file() and sum(1 for _ in (corpus / "truth.jsonl").open("rb")) == n):
        t = time.perf_counter()
        print(f"generating {n} reports in {corpus} ...", flush=True)
        generate.write_corpus(corpus, n, seed)
        print(f"  generated in {time.perf_counter() - t:.0f} s", flush=True)
    return corpus


def editable_file(corpus: Path) -> Path:
    """A UTF-8 plain-text report with prose to edit (first in name order)."""
    from bench.generate import read_truth  # noqa: I001

    for rec in read_truth(corpus):
        if rec["encoding"] == "utf-8" and rec["file"].endswith(".txt") and "/" not in rec["file"]:
            path = corpus / rec["file"]
            if "。" in path.read_text("utf-8"):
                return path
    raise SystemExit(f"no UTF-8 text report to edit in {corpus}")


def questions(index: Path, m: int, seed: int = 5) -> list[str]:
    """m questions of the kinds users ask: the agency by its full name or a short form, or none."""
    from index.generation import Generation
    from qa.agencies import aliases

    con = Generation.current(index).connect()
    agencies = [a for (a,) in con.execute("select distinct agency from reports where agency is not null "
                                          "order by agency").fetchall()]
    con.close()
    rnd = random.Random(seed)
    out = []
    for i in range(m):
        if i % 6 == 5:
            out.append(rnd.choice(OPEN_QUESTIONS))
            continue
        a = rnd.choice(agencies)
        names = sorted(x for x in aliases(a) if len(x) >= 4) or [a]
        name = a if rnd.random() < 0.4 else rnd.choice(names)
        out.append(rnd.choice(PROSE_QUESTIONS if i % 2 else ROW_QUESTIONS).format(a=name))
    return out


# ------------------------------------------------------------------ stages (each in its own process)
def stage_build(corpus: str, index: str, embed: str = "auto") -> dict:
    import resource

    from index.build import build_index

    folder = Path(index)
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    s = build_index(Path(corpus), folder, embed={"auto": None, "yes": True, "no": False}[embed])
    wall = time.perf_counter() - t
    m = s.manifest
    return {"wall_s": round(wall, 2), "timings": {k: round(v, 2) for k, v in m.timings.items()},
            "counts": m.counts, "read": s.read, "reused": s.reused, "skipped": len(m.skipped), "embedded": m.embedded,
            "self_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "workers_maxrss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)}


def stage_query(index: str, m: int, modes: str = "hybrid", weight: str = "") -> dict:
    import resource

    from qa.retrieve import Retriever

    t = time.perf_counter()
    r = Retriever(Path(index))
    open_s = time.perf_counter() - t
    if weight:
        r.dense_weight = float(weight)
    qs = questions(Path(index), m)
    out: dict = {"open_s": round(open_s, 3), "queries": len(qs), "examples": qs[:6],
                 "has_vectors": r.has_dense(), "dense_weight": r.dense_weight}
    for mode in modes.split(","):
        t = time.perf_counter()
        r.search(qs[0], k=5, mode=mode)  # warm-up: jieba's dictionary, the model if the index has vectors
        warm = time.perf_counter() - t
        ms, empty, filtered = [], 0, 0
        for q in qs:
            t = time.perf_counter()
            res = r.search(q, k=5, mode=mode)
            ms.append((time.perf_counter() - t) * 1000)
            empty += not res.hits
            filtered += "agency" in res.filters
        out[mode] = {"first_query_s": round(warm, 2), "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1),
                     "max_ms": round(max(ms), 1), "no_hits": empty, "agency_filtered": filtered}
    out["self_maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def stage_embed(corpus: str, work: str, n: int) -> dict:
    """The build's embedding of the prose of n reports against the model's own encode on the same texts."""
    from index.build import build_index
    from index.dense import Embedder
    from index.generation import Generation

    src, base = Path(corpus), Path(work)
    sample = base / f"sample_{n}"
    shutil.rmtree(sample, ignore_errors=True)
    sample.mkdir(parents=True)
    files = sorted(p for p in src.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html"))[:n]
    for f in files:
        shutil.copy(f, sample / f.name)
    index = base / f"index_sample_{n}"
    shutil.rmtree(index, ignore_errors=True)
    t = time.perf_counter()
    e = Embedder()
    e.encode(["预热"])  # model load + first call, outside both timings
    load_s = time.perf_counter() - t
    first = build_index(sample, index, embed=False)  # facts and keyword: not the part measured here
    second = build_index(sample, index, embed=True)  # files unchanged: only the dense part runs
    build_embed_s = second.manifest.timings["embed"]
    con = Generation.current(index).connect()
    texts = [t for (t,) in con.execute("select text from passages order by pidx").fetchall()]  # prose and rows
    con.close()
    model = e._load()  # the model's own encode, no build around it
    t = time.perf_counter()
    model.encode(texts, False, None)
    raw_s = time.perf_counter() - t
    return {"reports": len(files), "passages": len(texts),
            "avg_chars": round(sum(map(len, texts)) / max(len(texts), 1)), "model": e.name,
            "model_load_s": round(load_s, 2), "keyword_build_s": round(first.manifest.timings["total"], 2),
            "build_embed_s": round(build_embed_s, 2), "encode_s": round(raw_s, 2),
            "ratio": round(build_embed_s / raw_s, 3) if raw_s else None,
            "build_ms_per_passage": round(build_embed_s / max(len(texts), 1) * 1000, 2),
            "encode_ms_per_passage": round(raw_s / max(len(texts), 1) * 1000, 2),
            "embedded": second.manifest.embedded, "index": str(index)}


# ------------------------------------------------------------------ the driver
def measure_size(n: int, args: argparse.Namespace) -> dict:
    corpus = ensure_corpus(n, corpus=args.corpus)
    index = args.index or WORK / f"index_{n}"
    res: dict = {"reports": n, "corpus": str(corpus), "index": str(index)}
    from index.build import is_index

    if args.skip_build and is_index(index):
        from index.generation import Generation

        m = Generation.current(index).manifest
        res["build"] = {"reused_index": True, "timings": m.timings, "counts": m.counts}
        print(f"[{n}] reusing the index in {index}", flush=True)
    else:
        print(f"[{n}] full build ... (load average {os.getloadavg()[0]:.2f})", flush=True)
        res["build"] = stage("build", str(corpus), str(index), args.build_embed, timeout=args.build_timeout,
                             tree_every=1.0)
        if "error" in res["build"]:
            print(f"[{n}] build failed or timed out: {res['build']['error']}", flush=True)
            return res
        b = res["build"]
        print(f"[{n}]   {b['wall_s']:.0f} s: " + ", ".join(f"{k} {v:.1f}s" for k, v in b["timings"].items())
              + f"; peak {b['self_maxrss_mb']} MB (+ worker {b['workers_maxrss_mb']} MB; tree "
              f"{b['process_tree_peak_rss_mb']} MB); {b['process_tree_cpu_s']} CPU-s", flush=True)
    gen = _generation(index)
    res["size_mb"] = {"generation": round(du_mb(gen), 1), "facts.duckdb": round(du_mb(gen / "facts.duckdb"), 1),
                      "keyword": round(du_mb(gen / "keyword"), 1), "dense": round(du_mb(gen / "dense"), 1),
                      "cache": round(du_mb(index / "cache"), 1)}
    print(f"[{n}] queries ...", flush=True)
    res["query"] = stage("query", str(index), str(QUERIES))
    q = res["query"]
    if "error" not in q:
        print(f"[{n}]   p50 {q['hybrid']['p50_ms']} ms, p95 {q['hybrid']['p95_ms']} ms", flush=True)
    cold = run([sys.executable, "-m", "qa.cli", "search", "存在哪些主要问题", "--index", str(index), "--json"])
    res["cold_qa_search"] = {"wall_s": round(cold["wall_s"], 2), "rc": cold["rc"], "maxrss_mb": round(cold["maxrss_mb"])}
    if not args.no_rebuild:
        res["rebuild"] = rebuild(corpus, index, n)
    return res


def _generation(index: Path) -> Path:
    from index.build import current_generation

    return current_generation(index)


def rebuild(corpus: Path, index: Path, n: int) -> dict:
    """`qa build` processes: nothing changed; one file changed; the file restored."""
    out = {}
    target = editable_file(corpus)
    original = target.read_bytes()
    try:
        for label in ("no change", "one file changed", "file restored"):
            if label == "one file changed":
                target.write_text(original.decode("utf-8").replace("。", "。" + EDIT_NOTE, 1), encoding="utf-8")
            elif label == "file restored":
                target.write_bytes(original)
            print(f"[{n}] rebuild: {label} ...", flush=True)
            r = run([sys.executable, "-m", "qa.cli", "build", str(corpus), "--index", str(index), "--json"])
            if r["rc"] != 0:
                out[label] = {"error": r["stderr"].strip().splitlines()[-1:]}
                continue
            s = json.loads(r["stdout"])
            out[label] = {"wall_s": round(r["wall_s"], 2), "read": s["read"], "reused": s["reused"],
                          "timings": {k: round(v, 2) for k, v in s["manifest"]["timings"].items()},
                          "maxrss_mb": round(r["maxrss_mb"])}
            print(f"[{n}]   {r['wall_s']:.2f} s (process), read {s['read']}", flush=True)
    finally:
        target.write_bytes(original)
    out["file"] = target.name
    return out


def print_table(result: dict) -> None:
    sizes = result["sizes"]
    cols = [str(s["reports"]) for s in sizes]

    def row(label: str, values: list) -> None:
        print(f"{label:<44}" + "".join(f"{v:>14}" for v in values))

    def get(s: dict, *path, fmt: str = "{}") -> str:
        cur = s
        for p in path:
            if not isinstance(cur, dict) or p not in cur:
                return "-"
            cur = cur[p]
        return fmt.format(cur)

    print()
    row("reports", cols)
    print("-" * (44 + 14 * len(cols)))
    for s in sizes:
        b = s.get("build", {})
        t = b.get("timings", {})
        n = s["reports"]
        s["_per_report_ms"] = {k: round(v / n * 1000, 1) for k, v in t.items()}
    row("full build, total s", [get(s, "build", "timings", "total", fmt="{:.1f}") for s in sizes])
    for part in ("read+extract", "index write", "embed", "total"):
        row(f"  {part}, ms per report", [get(s, "_per_report_ms", part) for s in sizes])
    row("  peak memory MB (build / largest worker)",
        [f"{get(s, 'build', 'self_maxrss_mb')}/{get(s, 'build', 'workers_maxrss_mb')}" for s in sizes])
    row("  peak memory MB, whole process tree", [get(s, "build", "process_tree_peak_rss_mb") for s in sizes])
    row("  CPU seconds, whole process tree", [get(s, "build", "process_tree_cpu_s") for s in sizes])
    row("index on disk MB (generation)", [get(s, "size_mb", "generation") for s in sizes])
    row("  facts.duckdb / keyword MB", [f"{get(s, 'size_mb', 'facts.duckdb')}/{get(s, 'size_mb', 'keyword')}" for s in sizes])
    row("  per-file cache MB", [get(s, "size_mb", "cache") for s in sizes])
    row("search p50 ms (Retriever open once)", [get(s, "query", "hybrid", "p50_ms") for s in sizes])
    row("search p95 ms", [get(s, "query", "hybrid", "p95_ms") for s in sizes])
    row("  open index s / query process MB",
        [f"{get(s, 'query', 'open_s')}/{get(s, 'query', 'process_maxrss_mb')}" for s in sizes])
    row("cold `qa search` process s", [get(s, "cold_qa_search", "wall_s") for s in sizes])
    row("`qa build` nothing changed s", [get(s, "rebuild", "no change", "wall_s") for s in sizes])
    row("`qa build` one file changed s", [get(s, "rebuild", "one file changed", "wall_s") for s in sizes])
    row("  in build_index s", [get(s, "rebuild", "one file changed", "timings", "total") for s in sizes])
    row("  peak memory MB", [get(s, "rebuild", "one file changed", "maxrss_mb") for s in sizes])
    e = result.get("embed")
    if e and "error" not in e:
        print(f"\nembedding ({e['model']}), prose of {e['reports']} reports = {e['prose_passages']} passages, "
              f"{e['avg_chars']} characters on average:")
        print(f"  build {e['build_embed_s']} s ({e['build_ms_per_passage']} ms/passage) vs model.encode "
              f"{e['encode_s']} s ({e['encode_ms_per_passage']} ms/passage): ratio {e['ratio']}; model load "
              f"{e['model_load_s']} s (once per process)")
        for s in sizes:
            x = s.get("embed_estimate")
            if x:
                print(f"  {s['reports']} reports: {x['prose_passages']} prose passages → about {x['minutes']} min "
                      "to embed (extrapolated, not measured)")
        q = result.get("embed_query")
        if q and "error" not in q:
            print(f"  search with vectors ({e['reports']} reports, dense weight {q['dense_weight']}): hybrid p50 "
                  f"{q['hybrid']['p50_ms']} / p95 {q['hybrid']['p95_ms']} ms; dense only p50 {q['dense']['p50_ms']} "
                  f"/ p95 {q['dense']['p95_ms']} ms")
    elif e:
        print(f"\nembedding: {e['error']}")
    print(f"\nmachine: {result['cpus']} CPUs, load average {result['load_avg']} at the start (shared machine)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated")
    ap.add_argument("--skip-build", action="store_true", help="reuse indexes already built under bench/out/index/")
    ap.add_argument("--no-rebuild", action="store_true", help="skip the rebuild timings")
    ap.add_argument("--no-embed", action="store_true", help="skip the embedding measurement")
    ap.add_argument("--build-embed", choices=("auto", "yes", "no"), default="auto",
                    help="the full build's vectors: as the model decides (default), always, never (qa build --no-embed)")
    ap.add_argument("--build-timeout", type=float, default=1800, help="seconds a full build may take")
    ap.add_argument("--corpus", type=Path, help="the corpus folder (one size; generated there if absent)")
    ap.add_argument("--index", type=Path, help="the index folder (one size; default bench/out/index/index_N)")
    ap.add_argument("--out", type=Path, default=OUT / "index.json", help="where the JSON result goes")
    ap.add_argument("--stage", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if (args.corpus or args.index) and "," in args.sizes:
        ap.error("--corpus and --index are for one size")
    if args.stage:
        name, *rest = args.stage
        fn = {"build": stage_build, "query": lambda i, m, *a: stage_query(i, int(m), *a),
              "embed": lambda c, w, n: stage_embed(c, w, int(n))}[name]
        print(json.dumps(fn(*rest), ensure_ascii=False))
        return 0

    WORK.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    result: dict = {"cpus": os.cpu_count(), "load_avg": round(os.getloadavg()[0], 2), "python": sys.version.split()[0],
                    "sizes": []}
    for n in [int(x) for x in args.sizes.split(",") if x.strip()]:
        result["sizes"].append(measure_size(n, args))
    if not args.no_embed:
        smallest = min(int(x) for x in args.sizes.split(",") if x.strip())
        print(f"embedding the prose of {SAMPLE} reports ...", flush=True)
        e = result["embed"] = stage("embed", str(WORK / f"corpus_{smallest}"), str(WORK), str(SAMPLE))
        if "error" not in e:
            for s in result["sizes"]:
                prose = _prose_count(Path(s["index"]))
                if prose is not None:
                    s["embed_estimate"] = {"prose_passages": prose,
                                           "minutes": round(prose * e["build_ms_per_passage"] / 60000, 1)}
            result["embed_query"] = stage("query", e["index"], str(QUERIES), "hybrid,dense", "0.5")
    result["bench_wall_s"] = round(time.perf_counter() - t0, 1)
    print_table(result)
    for s in result["sizes"]:
        s.pop("_per_report_ms", None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    print(f"\nwrote {args.out} ({result['bench_wall_s']:.0f} s)")
    return 0


def _prose_count(index: Path) -> int | None:
    try:
        from index.generation import Generation

        con = Generation.current(index).connect()
    except Exception:  # noqa: BLE001 - no index for this size
        return None
    try:
        return int(con.execute("select count(*) from passages where kind = 'prose'").fetchone()[0])
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
