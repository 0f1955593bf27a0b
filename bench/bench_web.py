"""Saved web pages: reading time of the real pages of ../shared/real, of a large link-heavy page made from
one of them, and what a span bomb (issue 13, item 1) costs before it is refused.

    .venv/bin/python bench/bench_web.py
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from index.errors import ReportError  # noqa: E402
from index.readers import read_document  # noqa: E402

REAL = ROOT.parent / "shared" / "real" / "reports"


def _time(path: Path, repeat: int = 3) -> float:
    read_document(path)
    t = time.perf_counter()
    for _ in range(repeat):
        read_document(path)
    return (time.perf_counter() - t) / repeat


def main() -> None:
    pages = sorted(REAL.glob("*.html"))
    if pages:
        per_page = [_time(p) for p in pages]
        print(f"real pages: {len(pages)}, {1000 * sum(per_page) / len(pages):.0f} ms per page "
              f"(max {1000 * max(per_page):.0f} ms)")
    with tempfile.TemporaryDirectory() as tmp:
        if pages:
            src = pages[2].read_text("utf-8")
            menus = ("<div><ul>" + '<li><a href="/">链接项目</a></li>' * 50 + "</ul><p>段落文字。</p></div>") * 2000
            big = Path(tmp) / "big.html"
            big.write_text(src.replace("</body>", menus + "</body>"), "utf-8")
            print(f"link-heavy page {big.stat().st_size / 1e6:.1f} MB: {_time(big, 1):.2f} s")
        for rows in (100, 2000):
            bomb = Path(tmp) / f"bomb{rows}.html"
            bomb.write_text("<html><body><table>" + "".join(
                f'<tr><td colspan="1000" rowspan="1000">{k}</td></tr>' for k in range(rows)) + "</table></body></html>")
            t = time.perf_counter()
            try:
                read_document(bomb)
                outcome = "read"
            except ReportError as err:
                outcome = err.problem
            print(f"span bomb {bomb.stat().st_size / 1e3:.1f} KB: {1000 * (time.perf_counter() - t):.0f} ms, {outcome}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")


if __name__ == "__main__":
    main()
