"""Cluster benchmark: the build of N generated reports in one process, with the default process pool, and
as a Ray Data job on a local two-CPU Ray (`qa build --ray`); time, peak memory of the whole process tree
(Ray's raylet and workers included), index size; the per-report cost of each stage of the per-file work
(read, extract, passages, keyword tokens; text and HTML layouts; PDF and OCR when their readers exist;
embedding per model), and the projection to 10^6 reports on M machines.

    python bench/bench_cluster.py                    # 10,000 reports
    python bench/bench_cluster.py --sizes 1000       # quicker
    python bench/bench_cluster.py --sizes 100000 --modes single,ray

Corpora come from bench/generate.py via bench/bench_index.py (bench/out/index/corpus_N, reused). Each build
runs in its own process. Prints a table and writes bench/out/cluster.json.

The projection: the per-file work parallelises over every core of every machine (Ray tasks and actors);
the generation is then written on the driver alone (facts into DuckDB, keyword index, Parquet), so

    T(10^6, M machines of C cores) = 10^6 x cpu_per_report / (M x C) + 10^6 x driver_write_per_report

with cpu_per_report from the stage costs and the mix of file kinds stated in MIXES, and the driver's write
cost per report from the measured builds (its "index write" timing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_index import du_mb, ensure_corpus, run  # noqa: E402

OUT = ROOT / "bench" / "out"
WORK = OUT / "cluster"
SAMPLE = 200  # reports per layout kind for the stage costs
EMBED_SAMPLE = 200  # prose passages embedded for the embedding cost
REAL = ROOT.parent / "shared" / "real" / "reports"
CORES_PER_MACHINE = 16
MACHINES = (1, 4, 16, 64)
# Mixes of file kinds for the projection (shares of the 10^6 reports); "scan" = an image PDF needing OCR.
MIXES = {"text+html (as generated)": {"text": 0.5, "html": 0.5},
         "national (assumed)": {"text": 0.1, "html": 0.5, "pdf": 0.3, "scan": 0.1}}


# ------------------------------------------------------------------ memory of a process tree
def _tree_rss_mb(root: int) -> float:
    """Resident memory of ROOT and all its descendants, from /proc (no psutil here)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            ppid, pages = int(fields[1]), int(fields[21])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * page
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, ()))
    return total / 2**20


class PeakTreeMemory:
    """Samples the tree's resident memory every 0.2 s in a thread; .peak_mb after stop()."""

    def __init__(self, root: int):
        self.root, self.peak_mb, self._stop = root, 0.0, threading.Event()
        self._t = threading.Thread(target=self._watch, daemon=True)
        self._t.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            self.peak_mb = max(self.peak_mb, _tree_rss_mb(self.root))
            self._stop.wait(0.2)

    def stop(self) -> float:
        self._stop.set()
        self._t.join()
        return round(self.peak_mb)


# ------------------------------------------------------------------ stages (each in its own process)
def stage_build(corpus: str, index: str, mode: str) -> dict:
    """One full build: mode single (one process), pool (the default worker processes) or ray (local Ray,
    two CPUs, started here and counted in the time)."""
    from index.build import build_index

    folder = Path(index)
    shutil.rmtree(folder, ignore_errors=True)
    mem = PeakTreeMemory(os.getpid())
    t = time.perf_counter()
    if mode == "ray":
        import ray

        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        t_ray = time.perf_counter() - t
        s = build_index(Path(corpus), folder, ray="")
        ray.shutdown()
    else:
        t_ray = 0.0
        s = build_index(Path(corpus), folder, workers=1 if mode == "single" else None)
    wall = time.perf_counter() - t
    peak = mem.stop()
    m = s.manifest
    gen = folder / (folder / "CURRENT").read_text().strip()
    return {"mode": mode, "wall_s": round(wall, 1), "ray_start_s": round(t_ray, 1),
            "timings": {k: round(v, 1) for k, v in m.timings.items()}, "counts": m.counts,
            "skipped": len(m.skipped), "peak_tree_mb": peak,
            "index_mb": round(du_mb(gen), 1), "parquet_mb": round(sum(du_mb(p) for p in gen.glob("*.parquet")), 1),
            "cache_mb": round(du_mb(folder / "cache"), 1)}


def stage_costs(corpus: str) -> dict:
    """Per-report seconds of each step of the per-file work, one core, by kind of file: the generated text
    and HTML layouts, and the real PDFs of ../shared when a PDF reader is registered."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from index.extract import extract_document
    from index.keyword import TokenizerConfig, _seg, body_tokens
    from index.passages import passages_of
    from index.readers import SUPPORTED_SUFFIXES, read_document

    _seg()
    cfg = TokenizerConfig()
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    kinds = {"text": [p for p in files if p.suffix.lower() != ".html"][:SAMPLE],
             "html": [p for p in files if p.suffix.lower() in (".html", ".htm")][:SAMPLE]}
    if ".pdf" in SUPPORTED_SUFFIXES and REAL.is_dir():
        kinds["pdf (real)"] = sorted(REAL.glob("*.pdf"))
    out: dict[str, dict] = {}
    prose: list[str] = []
    for kind, paths in kinds.items():
        t = {"read": 0.0, "extract": 0.0, "passages": 0.0, "tokens": 0.0}
        n = 0
        for p in paths:
            try:
                a = time.perf_counter()
                doc = read_document(p)
                b = time.perf_counter()
                report = extract_document(doc)
                c = time.perf_counter()
                ps = passages_of(doc, report)
                d = time.perf_counter()
                for x in ps:
                    body_tokens(x.text, x.agency, cfg)
                e = time.perf_counter()
            except Exception:  # noqa: BLE001 - a file the readers refuse is not a cost sample
                continue
            n += 1
            for k, v in zip(t, (b - a, c - b, d - c, e - d)):
                t[k] += v
            prose += [x.text for x in ps]  # the build embeds every passage (prose and table rows)
        if n:
            out[kind] = {"files": n, **{k: round(v / n * 1000, 2) for k, v in t.items()},
                         "total_ms": round(sum(t.values()) / n * 1000, 2)}
    return {"per_report_ms": out, "passages_per_report": round(len(prose) / max(1, sum(v["files"] for v in out.values())), 1),
            "prose_sample": prose[:EMBED_SAMPLE]}


def stage_embed(model: str, texts_json: str) -> dict:
    """Seconds per passage of the build's embedder (model loaded first, not counted)."""
    from index.dense import Embedder

    texts = json.loads(Path(texts_json).read_text("utf-8"))
    e = Embedder(model or None)
    e.encode(texts[:8], batch_size=64)
    t = time.perf_counter()
    e.encode(texts, batch_size=64)
    s = time.perf_counter() - t
    return {"model": e.name, "passages": len(texts), "ms_per_passage": round(s / len(texts) * 1000, 2)}


def stage(name: str, *args: str) -> dict:
    r = run([sys.executable, __file__, "--stage", name, *args])
    if r["rc"] != 0:
        return {"stage": name, "error": " | ".join((r["stderr"].strip().splitlines() or ["?"])[-3:])}
    res = json.loads(r["stdout"].strip().splitlines()[-1])
    res["load_avg_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: say how busy it was
    return res


# ------------------------------------------------------------------ projection
def projection(costs: dict, embeds: list[dict], builds: list[dict]) -> dict:
    per = costs["per_report_ms"]
    ocr_ms_per_page, pages = 3000.0, 8  # assumed until an OCR reader is measured: "a scan is seconds a page"
    kind_ms = {"text": per.get("text", {}).get("total_ms"), "html": per.get("html", {}).get("total_ms"),
               "pdf": per.get("pdf (real)", {}).get("total_ms")}
    kind_ms["pdf"] = kind_ms["pdf"] or kind_ms["text"]  # without a PDF reader: as text (stated in the output)
    kind_ms["scan"] = (kind_ms["text"] or 0) + ocr_ms_per_page * pages
    writes = [b["timings"]["index write"] / b["counts"]["reports"] for b in builds if "timings" in b]
    write_ms = 1000 * min(writes) if writes else float("nan")
    out = {"assumed": {"ocr_ms_per_page": ocr_ms_per_page, "pages_per_scan": pages,
                       "cores_per_machine": CORES_PER_MACHINE},
           "driver_write_ms_per_report": round(write_ms, 2), "hours": {}}
    for emb in [None, *embeds]:
        embed_ms = 0.0 if emb is None else emb["ms_per_passage"] * costs["passages_per_report"]
        for mix_name, mix in MIXES.items():
            cpu_ms = sum(share * (kind_ms[k] or 0) for k, share in mix.items()) + embed_ms
            label = f"{mix_name}, {'no embedding' if emb is None else 'embedding ' + emb['model']}"
            out["hours"][label] = {
                f"{m} machines": round((1e6 * cpu_ms / (m * CORES_PER_MACHINE) + 1e6 * write_ms) / 3.6e6, 2)
                for m in MACHINES}
            out["hours"][label]["cpu_ms_per_report"] = round(cpu_ms, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--modes", default="single,pool,ray")
    ap.add_argument("--models", default="", help="comma-separated embedding models to cost ('' = the default)")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        fn = {"build": stage_build, "costs": stage_costs, "embed": stage_embed}[a.stage]
        print(json.dumps(fn(*a.args), ensure_ascii=False))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    results: dict = {"builds": [], "machine": {"cpus": os.cpu_count()}}
    sizes = [int(s) for s in a.sizes.split(",")]
    for n in sizes:
        corpus = ensure_corpus(n)
        for mode in a.modes.split(","):
            print(f"build {n} reports, {mode} ...", flush=True)
            r = stage("build", str(corpus), str(WORK / f"index_{n}_{mode}"), mode)
            r["reports"] = n
            results["builds"].append(r)
            print("  ", json.dumps(r, ensure_ascii=False), flush=True)
            shutil.rmtree(WORK / f"index_{n}_{mode}", ignore_errors=True)
    print("stage costs ...", flush=True)
    costs = stage("costs", str(ensure_corpus(sizes[0])))
    texts = WORK / "prose_sample.json"
    texts.write_text(json.dumps(costs.pop("prose_sample", []), ensure_ascii=False), "utf-8")
    results["stage_costs"] = costs
    results["embedding"] = [stage("embed", m, str(texts)) for m in a.models.split(",")]
    results["projection"] = projection(costs, [e for e in results["embedding"] if "error" not in e],
                                       results["builds"])
    (OUT / "cluster.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(json.dumps({k: v for k, v in results.items() if k != "builds"}, ensure_ascii=False, indent=1))
    print(f"\n{'reports':>8} {'mode':>6} {'wall s':>8} {'rep/s':>7} {'extract s':>9} {'write s':>8} "
          f"{'peak MB':>8} {'index MB':>9} {'load':>5}")
    for b in results["builds"]:
        if "timings" in b:
            print(f"{b['reports']:>8} {b['mode']:>6} {b['wall_s']:>8} {b['reports'] / b['wall_s']:>7.1f} "
                  f"{b['timings']['read+extract']:>9} {b['timings']['index write']:>8} {b['peak_tree_mb']:>8} "
                  f"{b['index_mb']:>9} {b['load_avg_1m']:>5}")
        else:
            print(b)


if __name__ == "__main__":
    main()
