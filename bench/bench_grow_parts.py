"""What in a one-file add grows with the corpus, part by part on an index, the way an add did it before and
the way it does now, back to back in one process (best of 3; the index is only read; the file list's
layouts are written to a temporary folder):

    python bench/bench_grow_parts.py INDEX

The old ways are done here as they were (the whole file list written, every kept file's key hashed, the
cache folder globbed, every cross-year finding read and written again, the facts read through views in a
connection of the add's own); the new ones call the code."""
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
index = Path(sys.argv[1])
from index.build import CACHE_VERSION, _key_of
from index.generation import Generation
from index.filelist import FileTable, write_base
from index.manifest import read_files, write_files
from index import grow


def timed(label, fn, reps=3):
    best = min(_once(fn) for _ in range(reps))
    print(f"{label}: {best * 1000:.0f} ms", flush=True)
    return best


def _once(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


gen = Generation.current(index)
files = gen.manifest.files
print(f"{len(files)} files, {len(gen.manifest.parts)} segments, load {os.getloadavg()[0]:.1f}")
tmp = Path(tempfile.mkdtemp())
write_files(tmp / "files.json", files)
timed("files.json read (the whole list, the older layout: each add and open)", lambda: read_files(tmp / "files.json"))
timed("files.json written (the whole list, as every add did before segments kept changes)",
      lambda: write_files(tmp / "files.json", files))
write_base(tmp, files)
table = FileTable(tmp)
one = files[len(files) // 2]
timed("files.sqlite: one path looked up (each named file of an add)", lambda: FileTable(tmp).get(one.path))
timed("files.sqlite: an agency's rows (a segment's checks)", lambda: table.of_agencies([one.agency]))
timed("file_spans.npy + overlay: the spans an open needs", lambda: table.spans())
timed("files.sqlite: a one-row overlay made (a segment's change)", lambda: table.changed([one], []))
timed("files.sqlite: the whole list read (full build, compaction)", lambda: table.rows(), reps=1)
suffix = f"-c{CACHE_VERSION}"
timed("the kept files' keys hashed again (_key_of, every file)", lambda: [f.key == _key_of(f.path, f.sha256) for f in files])
timed("the kept files' keys taken (corrections unchanged)", lambda: [f.key.endswith(suffix) for f in files])
cache = index / "cache"
timed("the cache folder listed for temp files (glob, each switch)", lambda: list(cache.glob(".*.tmp*")), reps=1)
timed("the cache folder listed for one key (glob, each dropped file)", lambda: list(cache.glob("0000abc.*")), reps=1)
con = gen.connect()
try:
    docs = [f.doc for f in files[:3]]  # (the few reports of a changed agency)
    names = "doc, agency, year, kind, rule, scope, status, detail, numbers, line"
    timed("every cross-year finding read and sorted by agency (as each add did)", lambda: [
        r for r in con.execute(f"select {names} from findings where kind = 'cross_year'").fetchall()
        if r[1] is None or grow._same(r[1]) not in {"x"}], reps=2)
    (n,) = con.execute("select count(*) from findings where kind = 'cross_year'").fetchone()
    rows = con.execute(f"select {names} from findings where kind = 'cross_year'").fetchall()
    import duckdb

    def write_all():
        c = duckdb.connect(str(tmp / "f.duckdb"))
        c.execute("create or replace table f as select * from (select unnest(?::VARCHAR[]) as doc, unnest(?::VARCHAR[]) as d)",
                  [[r[0] for r in rows], [r[7] for r in rows]])
        c.close()
    timed(f"the {n} cross-year findings written into a segment (two of their columns)", write_all, reps=1)
    timed("the changed agencies' cross-year FAILs counted (the new way)", lambda: con.execute(
        "select count(*) from findings where status = 'FAIL' and kind = 'cross_year' and doc in (select unnest(?))",
        [docs]).fetchone())
finally:
    con.close()

# what an add reads of the facts: before, a connection of its own with the six views over the parts (its
# reads then, closed, and the segment's database opened); now the segment's connection with the parts
# attached. The same reads (_Live.read) in both: the difference is the connection and the views.
from types import SimpleNamespace

from index.store import SCHEMA, open_segment_db, write_segment_db

row = files[len(files) // 2]
gone, works = [row], [SimpleNamespace(entry=row)]  # (a replace of one file)
no_findings = {c: [] for c, _ in SCHEMA["findings"]}
at = [0]


def _segment_file() -> Path:
    at[0] += 1
    return tmp / f"seg{at[0]}.duckdb"


def views_then_segment():
    con = gen.connect()  # (its parts are attached as the live rows' SQL names them)
    grow._Live.read(con, gen, gone, works)
    con.close()
    write_segment_db(open_segment_db(_segment_file()), [], 0, no_findings).con.close()


def one_connection():
    con = open_segment_db(_segment_file())
    gen.attach_parts(con)
    grow._Live.read(con, gen, gone, works)
    write_segment_db(con, [], 0, no_findings).con.close()


for _ in range(3):  # (alternated: the machine is shared)
    timed("an add's facts read: a connection with the six views, then the segment's", views_then_segment)
    timed("an add's facts read: the segment's connection, parts attached", one_connection)
