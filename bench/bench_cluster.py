"""Cluster benchmark: the build of N generated reports in one process, with the default process pool, and
as a Ray Data job on a local two-CPU Ray (`qa build --ray`): wall time, CPU-seconds and peak memory of the
whole process tree (Ray's GCS, raylet and workers included), index size, and the machine's load; the
per-report CPU cost of each stage of the per-file work (read, extract, passages, keyword tokens) for text,
HTML, PDF with a text layer (generated reports printed by LibreOffice) and scans (those PDFs as page
images, OCR'd), the embedding's CPU per passage; and the projection to 10^6 reports on M machines.

    python bench/bench_cluster.py                                  # 10,000 reports: single, pool, ray; costs
    python bench/bench_cluster.py --sizes 1000                     # quicker
    python bench/bench_cluster.py --sizes 100000 --corpus /work/corpus_100k --modes ray --no-costs
    python bench/bench_cluster.py --modes '' --pdfs 6 --scans 1    # the costs and projection alone

Builds are keyword index and facts (no embedding: that is costed per passage and projected). Corpora come
from bench/generate.py via bench/bench_index.py (bench/out/index/corpus_N, reused) unless --corpus names
one. Each build runs in its own process. Results accumulate in bench/out/cluster.json (a build replaces
the same size and mode's); prints the builds and the projection (see `projection`).
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
SAMPLE = 200  # generated reports per layout (text, HTML) for the stage costs
PDF_SAMPLE = 6  # generated reports printed to PDF (LibreOffice) for the cost of a PDF with a text layer
SCAN_SAMPLE = 1  # of those, scanned whole (page images, no text layer) for the cost of OCR
EMBED_SAMPLE = 200  # passages embedded for the embedding cost
REAL = ROOT.parent / "shared" / "real" / "reports"
CORES_PER_MACHINE = 16  # assumed for the projection's machines
MACHINES = (1, 10, 50)
# Mixes of file kinds for the projection (shares of the 10^6 reports); "pdf" has a text layer, "scan" is a
# PDF of page images that needs OCR on every page.
MIXES = {"text+html (as generated)": {"text": 5 / 6, "html": 1 / 6},  # bench/generate.py's layouts
         "national (assumed)": {"text": 0.2, "html": 0.2, "pdf": 0.4, "scan": 0.2}}


# ------------------------------------------------------------------ memory and CPU of a process tree
def _tree(root: int) -> tuple[float, dict[int, float]]:
    """Resident MB of ROOT and all its descendants, and each one's CPU seconds so far (user + system of
    its own threads), from /proc (no psutil here)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, float] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                stat = f.read()
            fields = stat[stat.rindex(")") + 2:].split()
            ppid, pages = int(fields[1]), int(fields[21])
            cpu[int(d)] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(d))
        rss[int(d)] = pages * page
    total, todo, seen = 0, [root], {}
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        seen[p] = cpu.get(p, 0.0)
        todo.extend(children.get(p, ()))
    return total / 2**20, seen


class TreeWatch:
    """Samples the tree every 0.2 s in a thread: peak resident memory, and CPU seconds summed over every
    process seen in it (Ray's raylet, GCS and workers included; a process's last 0.2 s may be missed)."""

    def __init__(self, root: int):
        self.root, self.peak_mb, self._stop = root, 0.0, threading.Event()
        self._cpu: dict[int, float] = {}
        self._t = threading.Thread(target=self._watch, daemon=True)
        self._t.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            mb, cpu = _tree(self.root)
            self.peak_mb = max(self.peak_mb, mb)
            for pid, s in cpu.items():
                self._cpu[pid] = max(self._cpu.get(pid, 0.0), s)
            self._stop.wait(0.2)

    def stop(self) -> tuple[int, float, float]:
        """(peak MB, CPU seconds of the tree, of the root process alone)."""
        self._stop.set()
        self._t.join()
        return round(self.peak_mb), round(sum(self._cpu.values()), 1), self._cpu.get(self.root, 0.0)


# ------------------------------------------------------------------ stages (each in its own process)
def stage_build(corpus: str, index: str, mode: str) -> dict:
    """One full build, keyword index and facts (no embedding: its cost is measured per passage by
    stage_embed and projected; 4 million passages are days on two cores): mode single (one process), pool
    (the default worker processes) or ray (local Ray, two CPUs, started here and counted in the time)."""
    from index.build import build_index

    folder = Path(index)
    shutil.rmtree(folder, ignore_errors=True)
    cpu0 = time.process_time()  # this process's CPU before the build (imports): not the build's
    watch = TreeWatch(os.getpid())
    t = time.perf_counter()
    if mode == "ray":
        import ray

        # Ray runs its workers at niceness +15 by default (the raylet stays responsive); here they get the
        # build's own, as the single and pool builds' processes have, so that a shared machine's other
        # load weighs on both alike
        os.environ["RAY_worker_niceness"] = "0"
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level="ERROR")
        t_ray = time.perf_counter() - t
        s = build_index(Path(corpus), folder, embed=False, ray="")
        ray.shutdown()
        from index.cluster import LAST_RUN

        t_job = LAST_RUN.get("ray job", 0.0)
    else:
        t_ray = t_job = 0.0
        s = build_index(Path(corpus), folder, embed=False, workers=1 if mode == "single" else None)
    wall = time.perf_counter() - t
    peak, cpu, cpu_root = watch.stop()
    m = s.manifest
    gen = folder / (folder / "CURRENT").read_text().strip()
    return {"mode": mode, "wall_s": round(wall, 1), "ray_start_s": round(t_ray, 1),
            # the Ray job (extraction on the workers), and the rest: the driver's serial part
            **({"ray_job_s": round(t_job, 1), "driver_s": round(wall - t_ray - t_job, 1)} if mode == "ray" else {}),
            "timings": {k: round(v, 1) for k, v in m.timings.items()}, "counts": m.counts,
            "skipped": len(m.skipped), "peak_tree_mb": peak, "cpu_s": round(cpu - cpu0, 1),
            "driver_cpu_s": round(cpu_root - cpu0, 1),  # the build's own process (with Ray: the driver)
            "index_mb": round(du_mb(gen), 1), "parquet_mb": round(sum(du_mb(p) for p in gen.glob("*.parquet")), 1),
            "cache_mb": round(du_mb(folder / "cache"), 1)}


def _step_costs(paths: list[Path], cfg) -> tuple[dict, list[str]]:
    """CPU ms per file of each step of the per-file work over PATHS (all threads of this process: OCR
    uses several), wall ms beside it, PDF pages per file; and the files' passages (the build embeds every
    passage, prose and table rows)."""
    from index.extract import extract_document
    from index.keyword import body_tokens
    from index.passages import passages_of
    from index.readers import read_document

    t = {"read": 0.0, "extract": 0.0, "passages": 0.0, "tokens": 0.0}
    n = pages = wall = 0.0
    texts: list[str] = []
    for p in paths:
        try:
            w = time.perf_counter()
            a = time.process_time()
            doc = read_document(p)
            b = time.process_time()
            report = extract_document(doc)
            c = time.process_time()
            ps = passages_of(doc, report)
            d = time.process_time()
            for x in ps:
                body_tokens(x.text, x.agency, cfg)
            e = time.process_time()
            wall += time.perf_counter() - w
        except Exception:  # noqa: BLE001 - a file the readers refuse is not a cost sample
            continue
        n += 1
        if p.suffix.lower() == ".pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(str(p))
            pages += len(pdf)
            pdf.close()
        for k, v in zip(t, (b - a, c - b, d - c, e - d)):
            t[k] += v
        texts += [x.text for x in ps]
    if not n:
        return {}, []
    out = {"files": int(n), **{k: round(v / n * 1000, 2) for k, v in t.items()},
           "cpu_ms": round(sum(t.values()) / n * 1000, 2), "wall_ms": round(wall / n * 1000, 2),
           "passage_count": round(len(texts) / n, 1)}
    if pages:
        out["pages"] = round(pages / n, 1)
        out["cpu_ms_per_page"] = round(sum(t.values()) / pages * 1000, 2)
    return out, texts


def stage_costs(corpus: str, sample: str = str(SAMPLE), pdfs: str = str(PDF_SAMPLE),
                scans: str = str(SCAN_SAMPLE)) -> dict:
    """Per-report CPU cost of each step of the per-file work, by kind of file: the generated text and HTML
    layouts (SAMPLE of each from the corpus), PDFs with a text layer (PDF_SAMPLE generated reports printed
    by LibreOffice), scans (SCAN_SAMPLE of those PDFs as page images, every page OCR'd), and the real PDFs
    of ../shared."""
    import tempfile

    from index.keyword import TokenizerConfig, _seg
    from index.readers import SUPPORTED_SUFFIXES

    _seg()
    cfg = TokenizerConfig()
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    kinds = {"text": [p for p in files if p.suffix.lower() != ".html"][:int(sample)],
             "html": [p for p in files if p.suffix.lower() in (".html", ".htm")][:int(sample)]}
    out: dict[str, dict] = {}
    passages: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        from bench.binary_copies import docx_to_pdfs, scan_pages, soffice

        if int(pdfs) and soffice():
            from bench.bench_formats import copies

            made = docx_to_pdfs(copies(Path(tmp), int(pdfs), seed=7)[2], Path(tmp))
            kinds["pdf"] = made
            scanned = []
            for i, pdf in enumerate(made[:int(scans)]):
                import pypdfium2 as pdfium

                doc = pdfium.PdfDocument(str(pdf))
                n_pages = len(doc)
                doc.close()
                scanned.append(scan_pages(pdf, list(range(1, n_pages + 1)), Path(tmp) / f"scan{i}.pdf"))
            if scanned:
                from index.readers.ocr import engine

                engine()  # loading the OCR models once per process is not per-report work
                kinds["scan"] = scanned
        if REAL.is_dir():
            kinds["pdf (real)"] = sorted(REAL.glob("*.pdf"))
        for kind, paths in kinds.items():
            cost, texts = _step_costs(paths, cfg)
            if cost:
                out[kind] = cost
                if kind in ("text", "html"):
                    passages += texts
    return {"per_report": out, "prose_sample": passages[:EMBED_SAMPLE]}


def stage_embed(model: str, texts_json: str) -> dict:
    """CPU and wall ms per passage of the build's embedder (model loaded first, not counted; all threads)."""
    from index.dense import Embedder

    texts = json.loads(Path(texts_json).read_text("utf-8"))
    e = Embedder(model or None, threads=1)  # per core, as on a worker: the projection divides by cores
    e.encode(texts[:8], batch_size=32)
    t, c = time.perf_counter(), time.process_time()
    e.encode(texts, batch_size=32)  # the build's batch (index.embedding.embed_file)
    s, cpu = time.perf_counter() - t, time.process_time() - c
    return {"model": e.name, "passages": len(texts), "cpu_ms_per_passage": round(cpu / len(texts) * 1000, 2),
            "wall_ms_per_passage": round(s / len(texts) * 1000, 2)}


def stage(name: str, *args: str) -> dict:
    r = run([sys.executable, __file__, "--stage", name, *args])
    if r["rc"] != 0:
        return {"stage": name, "error": " | ".join((r["stderr"].strip().splitlines() or ["?"])[-3:])}
    res = json.loads(r["stdout"].strip().splitlines()[-1])
    res["load_avg_1m"] = round(os.getloadavg()[0], 2)  # the machine is shared: say how busy it was
    return res


# ------------------------------------------------------------------ projection
def projection(costs: dict, embeds: list[dict], builds: list[dict]) -> dict:
    """Hours for 10^6 reports on M machines of CORES_PER_MACHINE cores, per mix of file kinds, without and
    with each embedding model:

        10^6 x (stage CPU of its kind + the build's per-file overhead + passages x embedding CPU a passage)
        / (M x cores)  +  10^6 x the driver's serial time a report

    The per-file overhead (the extraction cache, the rows, the Parquet shard, Ray's own processes) and
    the driver's serial part (planning, reading the shards, writing the generation) come from the
    largest Ray build measured; the stage costs from stage_costs, the embedding from stage_embed."""
    per = costs["per_report"]
    ray = max((b for b in builds if b.get("mode") == "ray" and "driver_s" in b), key=lambda b: b["reports"],
              default=None)
    if ray is None:
        return {"error": "no Ray build measured: run with --modes ray"}
    n = ray["counts"]["reports"]
    generated = sum(share * per[k]["cpu_ms"] for k, share in MIXES["text+html (as generated)"].items())
    overhead_ms = max(0.0, 1000 * (ray["cpu_s"] - ray["driver_cpu_s"]) / n - generated)
    driver_ms = 1000 * ray["driver_s"] / n
    out = {"from_build": {"reports": n, "load_avg_1m": ray.get("load_avg_1m")}, "cores_per_machine": CORES_PER_MACHINE,
           "overhead_cpu_ms_per_report": round(overhead_ms, 1), "driver_ms_per_report": round(driver_ms, 2),
           "mixes": MIXES, "hours": {}}
    for emb in [None, *embeds]:
        for mix_name, mix in MIXES.items():
            if any(k not in per for k in mix):
                continue  # a kind not measured here (no LibreOffice): no projection for this mix
            cpu_ms = overhead_ms + sum(share * (per[k]["cpu_ms"] + (0 if emb is None else
                                                                    per[k]["passage_count"] * emb["cpu_ms_per_passage"]))
                                       for k, share in mix.items())
            label = f"{mix_name}, {'no embedding' if emb is None else 'embedding ' + emb['model']}"
            row = {"cpu_ms_per_report": round(cpu_ms, 1), "cpu_core_hours": round(1e6 * cpu_ms / 3.6e6, 1)}
            for m in MACHINES:
                row[f"{m} machines"] = round((1e6 * cpu_ms / (m * CORES_PER_MACHINE) + 1e6 * driver_ms) / 3.6e6, 2)
            out["hours"][label] = row
    return out


def _save(update: dict, build: dict | None = None) -> dict:
    """Merge into bench/out/cluster.json, read afresh (builds and costs accumulate over runs, which may
    overlap: a 100,000-report build is not redone for the costs); a build replaces its size and mode's."""
    saved = OUT / "cluster.json"
    results = json.loads(saved.read_text("utf-8")) if saved.is_file() else {}
    results.setdefault("builds", [])
    results.update(update)
    if build is not None:
        key = (build["reports"], build.get("mode"))
        results["builds"] = [b for b in results["builds"] if (b.get("reports"), b.get("mode")) != key] + [build]
    tmp = saved.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, saved)
    return results


def _table(results: dict) -> None:
    print(f"\n{'reports':>8} {'mode':>6} {'wall s':>8} {'rep/s':>7} {'cpu s':>8} {'ray job s':>9} {'driver s':>8} "
          f"{'peak MB':>8} {'index MB':>9} {'load':>5}")
    for b in results["builds"]:
        if "timings" in b:
            print(f"{b['reports']:>8} {b['mode']:>6} {b['wall_s']:>8} {b['reports'] / b['wall_s']:>7.1f} "
                  f"{b['cpu_s']:>8} {b.get('ray_job_s', '-'):>9} {b.get('driver_s', '-'):>8} {b['peak_tree_mb']:>8} "
                  f"{b['index_mb']:>9} {b['load_avg_1m']:>5}")
        else:
            print(b)
    for label, row in results.get("projection", {}).get("hours", {}).items():
        print(f"{label:60s} {json.dumps(row)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000")
    ap.add_argument("--modes", default="single,pool,ray", help="builds to run ('' = none: costs only)")
    ap.add_argument("--corpus", help="build this corpus folder instead of a generated one of each size")
    ap.add_argument("--no-costs", action="store_true", help="builds only: keep the stage costs measured before")
    ap.add_argument("--sample", type=int, default=SAMPLE, help="generated text and HTML reports for the costs")
    ap.add_argument("--pdfs", type=int, default=PDF_SAMPLE, help="generated reports printed to PDF for the costs")
    ap.add_argument("--scans", type=int, default=SCAN_SAMPLE, help="of those, scanned and OCR'd for the costs")
    ap.add_argument("--models", default="", help="comma-separated embedding models to cost ('' = the default)")
    ap.add_argument("--stage", help=argparse.SUPPRESS)
    ap.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.stage:
        fn = {"build": stage_build, "costs": stage_costs, "embed": stage_embed}[a.stage]
        print(json.dumps(fn(*a.args), ensure_ascii=False))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    results = _save({"machine": {"cpus": os.cpu_count()}})
    sizes = [int(s) for s in a.sizes.split(",")]
    for n in sizes:
        corpus = Path(a.corpus) if a.corpus else ensure_corpus(n)
        for mode in filter(None, a.modes.split(",")):
            print(f"build {n} reports ({corpus}), {mode} ...", flush=True)
            r = stage("build", str(corpus), str(WORK / f"index_{n}_{mode}"), mode)
            r["reports"] = n
            print("  ", json.dumps(r, ensure_ascii=False), flush=True)
            shutil.rmtree(WORK / f"index_{n}_{mode}", ignore_errors=True)
            results = _save({}, build=r)
    if not a.no_costs:
        print("stage costs ...", flush=True)
        costs = stage("costs", a.corpus or str(ensure_corpus(sizes[0])), str(a.sample), str(a.pdfs), str(a.scans))
        texts = WORK / "passage_sample.json"
        texts.write_text(json.dumps(costs.pop("prose_sample", []), ensure_ascii=False), "utf-8")
        results = _save({"stage_costs": costs,
                         "embedding": [stage("embed", m, str(texts)) for m in a.models.split(",")]})
    if "per_report" in results.get("stage_costs", {}):
        results = _save({"projection": projection(
            results["stage_costs"], [e for e in results["embedding"] if "error" not in e], results["builds"])})
    print(json.dumps({k: v for k, v in results.items() if k != "builds"}, ensure_ascii=False, indent=1))
    _table(results)


if __name__ == "__main__":
    main()
