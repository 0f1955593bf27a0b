"""Reading speed by file format on this machine: reports per second for text, HTML, DOCX and PDF (read and
extract), OCR pages per second for scanned PDFs, and the PDF libraries compared on the real 洪泽 PDF.

    python bench/bench_formats.py [--n 10] [--ocr-pages 2] [--seed 3]
    python bench/bench_formats.py --only text,html --n 60 --rounds 6   # HTML over text, alternated

The same generated reports are written as text (tab rows), HTML, DOCX (bench/binary_copies.py, merged
cells) and PDF (LibreOffice prints the DOCX); the scans are page images of those PDFs. Every copy must give
the facts of its text: a format that reads fast and wrong is reported as wrong. Writes
bench/out/formats.json.

--rounds R times text against HTML R times more, on one core, file by file in turn (the same report as text,
then as HTML; the other order in every other round), in CPU seconds of this process: the ratio HTML/text
per round with the load average, and its median, so that a change of load on a shared machine hits both.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.bench_extract import pin_one_core  # noqa: E402
from bench.binary_copies import docx_to_pdfs, html_to_docx, scan_pages, soffice  # noqa: E402
from bench.generate import make_report, render  # noqa: E402
from index.extract import extract_document  # noqa: E402
from index.memory import freeze_long_lived  # noqa: E402
from index.readers import read_document  # noqa: E402

OUT = ROOT / "bench" / "out"
HONGZE = ROOT.parent / "shared" / "real" / "reports" / "22_hongze_2023.pdf"


def copies(folder: Path, n: int, seed: int, docx: bool = True) -> tuple[list[Path], list[Path], list[Path]]:
    """N generated reports written to FOLDER as text (tab rows), HTML and DOCX (unless not `docx`):
    (texts, htmls, docxs)."""
    rng = random.Random(seed)
    texts, htmls, docxs = [], [], []
    for i in range(n):
        report = make_report(rng, fmt=rng.choice(("2019", "2021")))
        html, _ = render(report, "html")
        text, _ = render(report, "tab_rows")
        (folder / f"r{i}.txt").write_text(str(text), encoding="utf-8")
        (folder / f"r{i}.html").write_text(str(html), encoding="utf-8")
        texts.append(folder / f"r{i}.txt")
        htmls.append(folder / f"r{i}.html")
        if docx:
            docxs.append(html_to_docx(str(html), folder / f"r{i}.docx"))
    return texts, htmls, docxs


def facts(path: Path) -> dict[str, object]:
    return {f.key: f.value for f in extract_document(read_document(path)).facts}


def timed(paths: list[Path], reference: list[dict[str, object]] | None) -> dict[str, float | int]:
    start = time.perf_counter()
    got = [facts(p) for p in paths]
    seconds = time.perf_counter() - start
    exact = sum(1 for g, r in zip(got, reference or got) if g == r)
    return {"files": len(paths), "seconds": round(seconds, 3), "per_second": round(len(paths) / seconds, 2),
            "same_facts_as_text": exact}


def alternated(texts: list[Path], htmls: list[Path], rounds: int) -> dict[str, object]:
    """Text and HTML copies of the same reports extracted in turn, `rounds` times: per round the reports per
    CPU second of each, HTML's time over text's and the load average; the median ratio."""
    per_round = []
    for k in range(rounds):
        seconds = {"text": 0.0, "html": 0.0}
        for text, html in zip(texts, htmls):
            for name, path in (("text", text), ("html", html)) if k % 2 == 0 else (("html", html), ("text", text)):
                start = time.process_time()
                facts(path)
                seconds[name] += time.process_time() - start
        per_round.append({"text_per_s": round(len(texts) / seconds["text"], 1),
                          "html_per_s": round(len(htmls) / seconds["html"], 1),
                          "html_over_text": round(seconds["html"] / seconds["text"], 3),
                          "load": round(os.getloadavg()[0], 2)})
    ratios = sorted(r["html_over_text"] for r in per_round)
    return {"rounds": per_round, "median_html_over_text": ratios[len(ratios) // 2]}


def compare_pdf_libraries(path: Path) -> dict[str, dict[str, object]]:
    """The candidates on a real PDF: seconds for the whole file, and whether two cells that trip up
    extractors come out right ('1.属于国家秘密' keeps its dot, '7730.28' its decimal point)."""
    out: dict[str, dict[str, object]] = {}
    probes = ("1.属于国家秘密", "7730.28")

    import pdfplumber

    start = time.perf_counter()
    with pdfplumber.open(path) as pdf:
        cells = [c or "" for p in pdf.pages for t in p.find_tables() for row in t.extract() for c in row]
    out["pdfplumber"] = {"seconds": round(time.perf_counter() - start, 3), "tables": True,
                         "probes_right": all(any(p in c for c in cells) for p in probes)}

    import pypdfium2 as pdfium

    start = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    text = "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    pdf.close()
    out["pypdfium2"] = {"seconds": round(time.perf_counter() - start, 3), "tables": False,
                        "probes_right": all(p in text.replace(" ", "") for p in probes)}
    try:
        import pymupdf  # AGPL: measured when installed, never a dependency
    except ImportError:
        out["pymupdf"] = {"skipped": "not installed (pip install pymupdf to compare)"}
        return out
    start = time.perf_counter()
    doc = pymupdf.open(path)
    cells = [c or "" for page in doc for t in page.find_tables().tables for row in t.extract() for c in row]
    out["pymupdf"] = {"seconds": round(time.perf_counter() - start, 3), "tables": True,
                      "probes_right": all(any(p in c for c in cells) for p in probes)}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10, help="reports per format")
    ap.add_argument("--ocr-pages", type=int, default=2, help="scanned pages to OCR")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--only", default="text,html,docx,pdf", help="formats to time (comma-separated)")
    ap.add_argument("--rounds", type=int, default=0, help="alternated text/HTML rounds (0: none)")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))

    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="bench-formats-") as tmp:
        folder = Path(tmp)
        texts, htmls, docxs = copies(folder, args.n, args.seed, docx=bool(only & {"docx", "pdf"}))
        reference = [facts(p) for p in texts]
        facts(htmls[0])  # imports and caches the first HTML page builds are not per-report work
        freeze_long_lived()  # as index.build's workers do after their first file: no full collection walks them
        results["text"] = timed(texts, None)
        if "html" in only:
            results["html"] = timed(htmls, reference)
        if args.rounds:
            results["cpu"] = pin_one_core()
            results["html_over_text_alternated"] = alternated(texts, htmls, args.rounds)
        if "docx" in only:
            results["docx"] = timed(docxs, reference)
        if "pdf" in only and soffice():
            pdfs = docx_to_pdfs(docxs, folder)
            results["pdf"] = timed(pdfs, reference)
            pages = max(1, args.ocr_pages)
            scan = scan_pages(pdfs[0], list(range(1, pages + 1)), folder / "scan.pdf")
            from index.readers.ocr import engine

            engine()  # loading the models once per process is not per-page work
            start = time.perf_counter()
            read_document(scan)
            seconds = time.perf_counter() - start
            results["ocr"] = {"pages": pages, "seconds": round(seconds, 2),
                              "pages_per_second": round(pages / seconds, 3)}
        elif "pdf" in only:
            results["pdf"] = results["ocr"] = {"skipped": "LibreOffice (soffice) is not installed"}
    if HONGZE.exists() and "pdf" in only:
        results["pdf_libraries_on_22_hongze_2023.pdf"] = compare_pdf_libraries(HONGZE)

    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "formats.json").write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    for name, row in results.items():
        print(f"{name:12s} {json.dumps(row, ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
