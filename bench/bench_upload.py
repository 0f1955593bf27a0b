"""The app's upload path on an index: ui.uploads.add_uploads as the sidebar calls it (a build in its own
memory-limited process, --only the stored file), the first answer after it through the app's engine taken
forward (QA.reopen, as ui/state.py does), then the upload taken out again (an in-process --only delete).

    python bench/bench_upload.py CORPUS INDEX     # folders used in place: the corpus is restored"""
import json
import os
import sys
import time
from pathlib import Path

root = Path(__file__).resolve().parents[1]
if str(root) not in sys.path:
    sys.path.insert(0, str(root))
corpus, index = Path(sys.argv[1]), Path(sys.argv[2])
os.environ["QA_EMBED"] = "0"
from index.keyword import _seg
from qa.engine import QA
from ui.uploads import add_uploads, load_names, _save_names

Q = "哪个单位行政处罚最多"
_seg()
t = time.perf_counter()
app = QA(index)
app.ask(Q)
print(f"app engine opened and answered: {time.perf_counter() - t:.2f} s", flush=True)
data = (root / "tests" / "fixtures" / "hegang_2021.txt").read_bytes()
t = time.perf_counter()
results, summary = add_uploads([("鹤岗2021.txt", data)], corpus, index)
add_s = time.perf_counter() - t
r = results[0]
print(f"upload: {add_s:.2f} s ({r.status} {r.reason}); in build_index {summary.manifest.timings['total']:.2f} s; "
      f"segments {len(summary.manifest.parts)}; load {os.getloadavg()[0]:.1f}", flush=True)
t = time.perf_counter()
new = app.reopen()
app.close()
answer, _ = new.ask(Q)
first = time.perf_counter() - t
t = time.perf_counter()
a2, _ = new.ask("鹤岗市城市管理综合执法局2021年行政处罚决定多少件")
print(f"first answer after the upload (reopen + ask): {first:.2f} s ({answer.status}); the new report asked: "
      f"{time.perf_counter() - t:.2f} s {a2.text[:60]!r}", flush=True)
new.close()
out = {"upload_s": round(add_s, 2), "build_index_s": round(summary.manifest.timings["total"], 2),
       "first_answer_s": round(first, 2), "load_avg_1m": os.getloadavg()[0]}
(corpus / r.stored).unlink()  # the upload out again (a segment with its tombstone)
names = load_names(corpus)
names.pop(Path(r.stored).name, None)
_save_names(corpus, names)
from index.build import build_index
t = time.perf_counter()
build_index(corpus, index, embed=False, only=[corpus / r.stored])
print(f"removed again: {time.perf_counter() - t:.2f} s", flush=True)
print(json.dumps(out))
