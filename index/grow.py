"""The index grows in place: a build that finds a few new, changed or removed files writes a segment for
them and tombstones for the reports they replace or remove, instead of a whole new generation.

A full generation at 10,000 reports copies ~2M fact rows into a new DuckDB file and re-sorts millions of
keyword postings: ~12.7 s for one added file. A segment holds only the added files' rows (its own
facts.duckdb), keyword postings, vectors and Parquet files, and costs about what reading those files does.

Layout: the new generation folder holds hard links to every file of the previous one (its base and its
segments: nothing is copied, nothing already written is ever modified), the new `seg-NNNNNN/` folder and a
new manifest listing the parts and the tombstones. It is made under a temporary name and switched to like
any generation (os.replace of the folder, then of CURRENT), so a build killed at any moment leaves the
last good index. Readers see base + segments − tombstones through index/generation.py.

Why one DuckDB file per segment, ATTACHed by readers, and not rows appended to one file: DuckDB lets one
process write a database file only when no other process has it open (an app serving questions holds it
read only), and one process cannot hold the same file read only and read-write; appending in place would
also change the file the current generation's readers use. A segment file is written by the build alone
and only read after. ATTACHing a part costs ~10-30 ms; a view over the parts keeps `rowid` pushdown.

When not: more than SEGMENT_MAX_FILES changed, added or removed files, an index with
MAX_SEGMENTS segments already ($QA_MAX_SEGMENTS), a change of model or embedding, `--ray`, or a change
that touches the neighbouring-year step (a report with values a neighbouring year decides, see
index/neighbours.py, next to a changed one): then the full build runs, which also merges the segments
into a new base (as `qa build --compact` does)."""

from __future__ import annotations

import os
import shutil
import signal
import time
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from index.build import (MANIFEST, BuildSummary, FileEntry, Manifest, Tombstone, _embed_job, _Jobs,
                         _next_generation, _switch, _versions, default_workers, was_read)
from index.errors import ReportError, printable

SEGMENT_MAX_FILES = 32
MAX_SEGMENTS = 8  # the add that would make a ninth segment merges everything instead
MAX_SEGMENTS_ENV = "QA_MAX_SEGMENTS"
CRASH_ENV = "QA_TEST_CRASH"  # tests only: the build kills itself (SIGKILL) at the named point of a segment add


def crash_point(name: str) -> None:
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def max_segments() -> int:
    from index.corpus import positive_env

    return int(positive_env(MAX_SEGMENTS_ENV, MAX_SEGMENTS))


def add_segment(corpus: Path, index: Path, policy, plan: list, skipped: dict[str, str], prev, fixes: dict,
                stats: dict[str, tuple[int, int]], progress, workers: int | None, t0: float,
                corrections: str | None = None) -> BuildSummary | None:
    """Add the plan's new and changed files (a walk of the whole corpus) as a segment of a new generation;
    None when a full build must run instead (see the module docstring). Called under the build lock.
    corrections: the sha256 of the corpus's reports.csv (Manifest.corrections)."""
    m = prev.manifest
    changed = [(rel, key, path) for rel, key, path, old in plan if old is None]
    in_plan = {rel for rel, *_ in plan}
    changed_rels = {rel for rel, *_ in changed}
    gone = [f._replace(pidx=prev.files[f.path][1]) for f in m.files if f.path not in in_plan or f.path in changed_rels]
    restat = []  # kept files whose recorded stat (or first passage number) is new
    for rel, key, path, old in plan:
        if old is not None:
            entry, offset = old
            if (entry.pidx, entry.size, entry.mtime_ns) != (offset, *stats[rel]):  # (copies cost at 10^4)
                restat.append(entry.model_copy(update={"pidx": offset, "size": stats[rel][0], "mtime_ns": stats[rel][1]}))
    return _segment(corpus, index, policy, prev.generation, m, changed, gone, restat, skipped, fixes, stats,
                    progress, workers, t0, corrections)


def add_named(corpus: Path, index: Path, policy, only: list[Path], progress, workers: int | None,
              t0: float) -> BuildSummary | None:
    """`only` (the files added, changed or removed: `qa add`, `qa build --only`, the app's upload) as a
    segment, reading of the current generation's file list only the rows of those files (and, in the
    segment's checks, of their agencies and documents): no walk, no whole list. None when this cannot
    decide alone (no index of the current layout over CORPUS, a reports.csv, a name a walk would spell
    otherwise, a name clash, or a change the segment path refuses): the caller then builds as before.
    Called under the build lock."""
    from index.build import _corrections_sha, _key_by_stat, _remove_stale, _reusable, current_generation, named_paths
    from index.filelist import FileTable
    from index.metadata import read_corrections

    try:
        folder = current_generation(index)
        m = Manifest.load(folder)
    except (ReportError, OSError, ValueError):
        return None
    if m.corpus != str(corpus.resolve()) or not isinstance(m.table, FileTable) or not _reusable(folder, m):
        return None
    corrections = read_corrections(corpus)
    if corrections.by_file or corrections.problems or _corrections_sha(corpus) != (m.corrections or ""):
        return None  # (a file's key is made with its correction, and reports.csv names files anywhere)
    named = named_paths(corpus, only)
    if named is None:
        return None
    table = m.table
    skipped = {r: why for r, why in m.skipped.items() if r not in named}
    changed, gone, restat, stats = [], [], [], {}
    for rel in sorted(named, key=lambda r: r.split("/")):
        path = corpus / rel
        old = table.get(rel)
        if old is not None and old.key is None:
            return None
        if not (path.exists() or path.is_symlink()):
            if old is not None:
                gone.append(old)
            continue
        if path.is_dir() or path.is_symlink():
            return None  # (a walk says what a folder or a link holds)
        try:
            key, stats[rel] = _key_by_stat(path, rel, old)
        except ReportError as err:
            skipped[rel] = err.problem
            if old is not None:
                gone.append(old)
            continue
        if old is not None and old.key == key:
            if (old.size, old.mtime_ns) != stats[rel]:
                restat.append(old._replace(size=stats[rel][0], mtime_ns=stats[rel][1]))
            continue
        if any(f.path != rel for f in table.of_docs([path.name])):
            return None  # another file's report has this name (a full build tells them apart)
        if old is not None:
            gone.append(old)
        changed.append((rel, key, path))
    if not changed and not gone:  # (a restat alone is not written, as after a walk)
        if skipped != m.skipped:
            return None
        _remove_stale(index)  # nothing to do: the current generation stays the one in use
        manifest = m.model_copy(update={"timings": {"read+extract": time.perf_counter() - t0, "index write": 0.0,
                                                    "embed": 0.0, "total": time.perf_counter() - t0}})
        manifest._folder, manifest._table = m._folder, m._table
        return BuildSummary(index=str(index), manifest=manifest, reused=len(table), read=0)
    return _segment(corpus, index, policy, folder, m, changed, gone, restat, skipped, {}, stats, progress,
                    workers, t0, m.corrections)


def _segment(corpus: Path, index: Path, policy, prev_path: Path, m: Manifest, changed: list, gone: list,
             restat: list, skipped: dict[str, str], fixes: dict, stats: dict[str, tuple[int, int]], progress,
             workers: int | None, t0: float, corrections: str | None) -> BuildSummary | None:
    """changed: (rel, key, path) of the files to read; gone: the previous rows they replace or that left
    (first passage numbers set); restat: kept rows whose recorded stat changed."""
    from index.generation import Generation

    gen = Generation(prev_path, m)
    changed_rels = {rel for rel, *_ in changed}
    n_changes = len(changed) + sum(1 for f in gone if f.path not in changed_rels)
    if (not n_changes or n_changes > SEGMENT_MAX_FILES
            or len(m.parts) >= max_segments() or m.corpus != str(corpus.resolve()) or m.model != policy.info
            or gen.has_dense() != bool(policy.embed)):
        return None
    from index.jiebadict import lazy_dictionary

    with lazy_dictionary():  # a new process cutting a few files: jieba's dictionary by the words looked up
        return _read_and_write(corpus, index, policy, gen, m, changed, gone, restat, skipped, fixes, stats,
                               progress, workers, t0, corrections)


def _read_and_write(corpus: Path, index: Path, policy, gen, m: Manifest, changed: list, gone: list,
                    restat: list, skipped: dict[str, str], fixes: dict, stats: dict[str, tuple[int, int]],
                    progress, workers: int | None, t0: float, corrections: str | None) -> BuildSummary | None:
    """_segment's files read, checked against their neighbours and written as the segment."""
    cache = index / "cache"
    embed = _embed_job(policy, cache)
    jobs = [(path, rel, cache, key, fixes.get(rel), embed) for rel, key, path in changed]
    results = _Jobs(jobs, workers or default_workers())
    works = []
    try:
        for n, (rel, key, path) in enumerate(changed, 1):
            if progress:
                progress(n, len(changed), rel)
            done = next(results)
            if not was_read(done, rel, skipped):
                continue
            works.append((rel, key, path, done))
    finally:
        results.close()
    if not works and not gone and not restat:  # every file named was refused: nothing to write, the index stays
        manifest = m.model_copy(update={"skipped": skipped, "timings": {
            "read+extract": time.perf_counter() - t0, "index write": 0.0, "embed": 0.0,
            "total": time.perf_counter() - t0}})
        manifest._folder, manifest._table = m._folder, m._table
        return BuildSummary(index=str(index), manifest=manifest, reused=len(m.table), read=0)
    t_extract = time.perf_counter() - t0
    t1 = time.perf_counter()
    if not _neighbours_untouched(gen, gone, [w for *_, w in works]):
        return None
    draft = _Draft(index)
    try:
        draft.start(gen)
        live = _Live.read(draft.con, gen, gone, [w for *_, w in works])
        return _write(corpus, index, policy, skipped, gen, gone, restat, works, live, fixes, stats, t0,
                      t_extract, time.perf_counter() - t1, corrections, draft)
    except BaseException:
        draft.discard()
        raise


class _Draft:
    """The generation an add makes, until it is switched to: its name, its segment's folder name, the
    temporary folder (hard links to every file of the previous generation, index/grow.py's layout) and the
    segment's facts database, open for writing with the previous generation's parts attached read only.
    One connection serves the add: what it reads of the parts (_Live.read, by Generation.live_rows) and
    what it writes; a connection of its own with the six views over the parts, for three reads, cost
    0.3-0.8 s of each add under load."""

    def __init__(self, index: Path):
        self.generation = _next_generation(index)
        self.seg = "seg-" + self.generation.split("-", 1)[1]
        self.work = index / f".{self.generation}.{os.getpid()}.tmp"
        self.con = None
        shutil.rmtree(self.work, ignore_errors=True)

    def start(self, gen) -> None:
        from index.store import FACTS_DB, open_segment_db

        _link_tree(gen.path, self.work)
        _facts_by_key(gen.path, self.work)
        crash_point("linked")
        (self.work / self.seg).mkdir()
        self.con = open_segment_db(self.work / self.seg / FACTS_DB)
        gen.attach_parts(self.con)

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None

    def discard(self) -> None:
        """Closed and removed (a build that stops; once the folder was switched to, nothing is left to remove)."""
        self.close()
        shutil.rmtree(self.work, ignore_errors=True)


def _neighbours_untouched(gen, gone: list[FileEntry], works: list) -> bool:
    """No report whose values a neighbouring year decides (or could decide) is next to a changed one:
    the neighbouring-year step (index.neighbours) then gives every other report what it gave before.
    gen: the previous generation, of whose file list (index/filelist.py) the rows of the changed agencies
    are read (FileRow.neighbours says it of each; an older manifest that does not is asked through its
    tables)."""
    from index.neighbours import neighbour_docs, neighbour_sensitive

    touched = {(f.agency, f.year) for f in gone} | {(w.entry.agency, w.entry.year) for w in works}
    touched = {(a, y) for a, y in touched if a and y}
    if not touched:
        return True
    files = gen.manifest.table.of_agencies({a for a, _ in touched})
    present = {(f.agency, f.year) for f in files}
    if all(f.neighbours is not None for f in files):
        sensitive = {(f.agency, f.year) for f in files if f.neighbours}
    else:
        con = gen.connect()
        try:
            docs = neighbour_docs(con)
        finally:
            con.close()
        sensitive = {(f.agency, f.year) for f in files if f.doc in docs}
    for w in works:
        present.add((w.entry.agency, w.entry.year))
        if neighbour_sensitive(w.rows["facts"]):
            sensitive.add((w.entry.agency, w.entry.year))
    for a, y in touched:
        if (a, y - 1) in sensitive or (a, y + 1) in sensitive:
            return False
        if (a, y) in sensitive and ((a, y - 1) in present or (a, y + 1) in present):
            return False
    return True


CARRIED = ("apply.carried_out.total", "apply.carried_in.total")  # what the cross-year check reads


@lru_cache(maxsize=None)
def _same(agency: str) -> str:
    """index.checks.same_agency, once per name (an agency has a report for each of several years)."""
    from index.checks import same_agency

    return same_agency(agency)


class _Live:
    """What the new generation's cross-year findings and counts need. Cross-year findings pair one
    agency's consecutive years (index.checks.cross_year_findings), so only the agencies of the changed
    reports are checked again. The segment holds those agencies' findings alone and names the reports whose
    findings in the parts before it they replace (Manifest.cross_year; readers leave those out,
    index/generation.py): an add neither reads nor writes the other agencies' findings (64,000 rows at
    100,000 reports, read into Python and written again into each segment before). A generation grown
    before, whose segments each hold the whole set, grows as it did until it is compacted: its findings
    of the other agencies are `kept` and written again."""

    def __init__(self, agencies: set[str], kept: dict[str, list], values: dict, counts: dict[str, int],
                 replaced: list[str] | None):
        self.agencies, self.kept, self.values, self.counts = agencies, kept, values, counts  # agencies: same_agency keys
        self.replaced = replaced  # docs whose earlier cross-year findings this segment's replace (None: the whole set)
        self.maybe: set[str] = set()

    @classmethod
    def read(cls, con, gen, gone: list[FileEntry], works: list) -> _Live:
        """con: a connection with gen's parts attached (Generation.attach_parts): its tables are read
        through Generation.live_rows, three queries."""
        from index.store import SCHEMA

        def rows_of(table: str) -> str:
            return f"({gen.live_rows(table)})"

        dead = {f.doc for f in gone}
        agencies = {_same(a) for a in [f.agency for f in gone] + [w.entry.agency for w in works] if a}
        # same_agency(a) is short_name(a), plus the zone: only reports whose stored short name is one of
        # these can be of these agencies (same_agency for every report took seconds at 100,000 reports)
        maybe = {d for (d,) in con.execute(
            f"select doc from {rows_of('reports')} where agency_short in (select unnest(?)) or (agency_short is "
            "null and agency is not null)", [sorted({a.split("·")[0] for a in agencies})]).fetchall()}
        maybe |= {w.entry.doc for w in works}
        mine = [f.doc for f in gen.manifest.table.of_docs(maybe) if f.agency and _same(f.agency) in agencies]
        docs = [d for d in mine if d not in dead]
        values: dict[str, dict] = {}
        for d, k, v in con.execute(f"select doc, key, value from {rows_of('facts')} where key in (?, ?) and doc in "
                                   "(select unnest(?))", [*CARRIED, docs]).fetchall():  # (the key's ART index: ms)
            values.setdefault(d, {}).setdefault(k, int(v) if isinstance(v, float) and v.is_integer() else v)
        counts = dict(gen.manifest.counts)
        names = [c for c, _ in SCHEMA["findings"]]
        by_doc = all(p in gen.manifest.cross_year for p in gen.manifest.parts)  # each segment: its agencies' findings
        replaced = sorted(mine) if by_doc else None
        # the problems among the findings of the reports that leave and of those whose cross-year findings
        # are replaced, in one read: (doc, status, is cross-year) → count
        problems = con.execute(
            f"select doc, status, kind = 'cross_year', count(*) from {rows_of('findings')} where status in "
            "('FAIL', 'NOT_ASSESSABLE') and doc in (select unnest(?)) group by all",
            [sorted(dead | set(replaced or ()))]).fetchall() if dead or replaced else []
        if by_doc:
            kept = {c: [] for c in names}
            mine_set = set(mine)
            counts["fail"] -= sum(n for d, st, cy, n in problems if cy and st == "FAIL" and d in mine_set)
        else:  # (grown before: the whole set, kept but for these agencies)
            at = names.index("agency")
            rows = [r for r in con.execute(f"select {', '.join(names)} from {rows_of('findings')} where kind = "
                                           "'cross_year'").fetchall() if r[at] is None or _same(r[at]) not in agencies]
            kept = {c: [r[i] for r in rows] for i, c in enumerate(names)}
            (prev_fail,) = con.execute(f"select count(*) from {rows_of('findings')} where status = 'FAIL' and kind = "
                                       "'cross_year'").fetchone()
            counts["fail"] += kept["status"].count("FAIL") - int(prev_fail)
        for d, st, cy, n in problems:
            if d in dead and cy is False:  # (a finding without a kind is neither, as `kind <> …` had it)
                counts["fail" if st == "FAIL" else "not_assessable"] -= int(n)
        for f in gone:
            counts["reports"] -= 1
            counts["facts"] -= f.facts
            counts["passages"] -= f.passages
        live = cls(agencies, kept, values, counts, replaced)
        live.maybe = maybe  # the reports (by doc) that may be of the changed agencies
        return live

    def add(self, rows: dict) -> None:
        """A new file's carried totals and counts."""
        r, f = rows["reports"], rows["facts"]
        for d, k, v in zip(f["doc"], f["key"], f["value"]):
            if k in CARRIED:
                self.values.setdefault(d, {}).setdefault(k, int(v) if isinstance(v, float) and v.is_integer() else v)
        c = self.counts
        c["reports"] += len(r["doc"])
        c["facts"] += len(f["doc"])
        c["passages"] += len(rows["passages"]["pidx"])
        x = rows["findings"]
        c["fail"] += sum(1 for s in x["status"] if s == "FAIL")
        c["not_assessable"] += sum(1 for s, k in zip(x["status"], x["kind"])
                                   if s == "NOT_ASSESSABLE" and k != "cross_year")

    def cross_year(self, table) -> dict[str, list]:
        """The generation's cross-year findings as findings columns: the kept ones, and those of the
        changed agencies computed over their live reports in corpus order (table: the new file list), as a
        full build does."""
        from index.checks import cross_year_findings
        from index.store import _Summary, _append, finding_row

        found = cross_year_findings([_Summary(SimpleNamespace(doc=f.doc, agency=f.agency, year=f.year),
                                              self.values.get(f.doc, {})) for f in table.of_docs(self.maybe)
                                     if f.agency and _same(f.agency) in self.agencies])
        self.counts["fail"] += sum(1 for x in found if x.status == "FAIL")
        out = {c: list(v) for c, v in self.kept.items()}
        for x in found:
            _append(out, **finding_row(x))
        return out


def _write(corpus: Path, index: Path, policy, skipped: dict[str, str], gen, gone: list[FileEntry], restat: list,
           works: list, live: _Live, fixes: dict, stats: dict, t0: float, t_extract: float,
           t_read: float, corrections: str | None, draft: _Draft) -> BuildSummary:
    """The segment written into the draft (_Draft.start'ed: the previous generation linked), its manifest
    saved, the folder moved into place and switched to. A failure leaves the draft to the caller's discard."""
    from index.build import _build_dense
    from index.filelist import FileTable, ListTable, Overlay
    from index.keyword import KeywordIndex, MetaColumns, TermCounts, fingerprint_ids
    from index.neighbours import neighbour_sensitive
    from index.parquet import write_cross_year_replaced, write_parquet, write_tombstones
    from index.store import FileSlot, write_segment_db

    t1 = time.perf_counter()
    m = gen.manifest
    generation, seg, work = draft.generation, draft.seg, draft.work
    start = at = gen.pidx_end()
    counts = TermCounts()
    slots, keys, new_entries, passages = [], [], {}, []
    for i, (rel, key, path, w) in enumerate(works):
        counts.add(w.tokens)
        slots.append(FileSlot(i, w.entry.doc, printable(str(path)), w.entry.passages, None))
        keys.append(key)
        new_entries[rel] = w.entry.model_copy(update={"part": seg, "pidx": at, "size": stats[rel][0],
                                                      "mtime_ns": stats[rel][1],
                                                      "neighbours": neighbour_sensitive(w.rows["facts"])})
        at += w.entry.passages
        live.add(w.rows)
        p = w.rows["passages"]
        passages += [SimpleNamespace(id=p["id"][j], doc=p["doc"][j], agency=p["agency"][j], year=p["year"][j],
                                     part=p["part"][j], kind=p["kind"][j]) for j in range(len(p["id"]))]
    # the file list after this segment: an overlay over the base's (or, over an older layout, the whole list)
    change = m.table.changed([*new_entries.values(), *restat], [f.path for f in gone])
    table = FileTable(gen.path, change) if isinstance(change, Overlay) else ListTable(change)
    cross = live.cross_year(table)
    db = write_segment_db(draft.con, [(s.path, w.rows) for s, (*_, w) in zip(slots, works)], start, cross)
    crash_point("facts")
    write_parquet(db.con, work / seg)
    KeywordIndex().build_from_counts(counts, MetaColumns.from_passages(passages),
                                     fingerprint_ids(p.id for p in passages),
                                     known=_known_fields(work, {p.agency for p in passages if p.agency})
                                     ).save(work / seg / "keyword")
    _save_dead_terms(work / seg / "keyword", index / "cache", gone)
    t_write = time.perf_counter() - t1 + t_read
    t2 = time.perf_counter()
    embedded = policy.reason
    if policy.embed:
        import numpy as np

        starts = np.cumsum([start] + [s.passages for s in slots])
        embedded = _build_dense(work / seg / "dense", policy, slots, keys, starts, index / "cache", db) \
            + "；" + policy.reason
    t_embed = time.perf_counter() - t2
    dead = m.dead + [Tombstone(part=f.part, doc=f.doc, pidx=f.pidx, passages=f.passages) for f in gone]
    write_tombstones(db.con, work, [(t.part or generation, t.doc) for t in dead])
    cross_year = {**m.cross_year, seg: live.replaced} if live.replaced is not None else {}
    if cross_year:
        parts = ["", *m.parts, seg]
        write_cross_year_replaced(db.con, work, [
            (p or generation, d) for i, p in enumerate(parts)
            for d in sorted({d for q in parts[i + 1:] for d in cross_year[q]})])
    draft.close()
    manifest = Manifest(
        built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), corpus=str(corpus.resolve()), generation=generation,
        versions=_versions(), model=policy.info, embedded=embedded, skipped=skipped,
        counts=live.counts, parts=[*m.parts, seg], dead=dead, pidx_end=at,
        cross_year=cross_year, corrections=corrections,
        timings={"read+extract": t_extract, "index write": t_write, "embed": t_embed,
                 "total": time.perf_counter() - t0}
    ).with_overlay(seg, change, gen.path, index / generation)
    crash_point("written")
    manifest.save(work)
    crash_point("saved")
    os.replace(work, index / generation)
    crash_point("moved")
    _switch(index, generation, cache=None)
    table.close()
    _drop_cached(index / "cache", {f.key for f in gone if f.key and not manifest.table.has_key(f.key)}, policy)
    read = sum(1 for *_, w in works if w.fresh)
    return BuildSummary(index=str(index), manifest=manifest, reused=manifest.n_files - read, read=read,
                        corrected=sum(1 for rel in fixes if manifest.table.get(rel) is not None))


def _facts_by_key(prev: Path, work: Path) -> None:
    """A base written before its facts were also kept sorted by key (index.store.write_facts_by_key) and its
    lines' places by document (write_lines_by_doc) gets them now, once, into the new generation (readers then
    read a key by its row groups and a document's lines by rowid, not by scans)."""
    import duckdb

    from index.store import FACTS_BY_KEY, FACTS_DB, LINES_BY_DOC, write_facts_by_key, write_lines_by_doc

    todo = [(write, table) for name, write, table in ((FACTS_BY_KEY, write_facts_by_key, "facts"),
                                                      (LINES_BY_DOC, write_lines_by_doc, "lines"))
            if not (prev / name).is_file()]
    if not todo:
        return
    con = duckdb.connect()
    try:
        con.execute(f"attach '{str(prev / FACTS_DB).replace(chr(39), chr(39) * 2)}' as b (read_only)")
        for write, table in todo:
            write(con, work, f"b.{table}")
    finally:
        con.close()


def _save_dead_terms(folder: Path, cache: Path, gone: list) -> None:
    """What the reports this segment tombstones took from the terms' passage and report frequencies, from
    their cached keyword tokens (the tokens their postings were made of): readers then subtract these instead
    of scanning every posting of the older parts (index/generation.py Generation.dead_terms). Not written
    when a report's tokens are not in the cache: readers then scan."""
    import json
    from collections import Counter

    from index.build import read_cached
    from index.generation import DEAD_TERMS

    df: Counter[str] = Counter()
    rdf: Counter[str] = Counter()
    for f in gone:
        cached = read_cached(cache, f.key)
        if cached is None or len(cached.tokens) != f.passages:
            return
        terms: set[str] = set()
        for joined in cached.tokens:
            here = set(joined.split())
            df.update(here)
            terms |= here
        rdf.update(terms)
    names = sorted(df)
    (folder / DEAD_TERMS).write_text(json.dumps({
        "tombstones": [[f.part, f.doc] for f in gone], "terms": names, "df": [df[t] for t in names],
        "rdf": [rdf[t] for t in names]}, ensure_ascii=False), "utf-8")


def _known_fields(work: Path, agencies: set[str]) -> SimpleNamespace:
    """What KeywordIndex._build_fields reads of the base's keyword index (its field terms and agency names)
    for the segment's `agencies` alone, from index/agencyterms.py's file (made now if the base has none:
    once): _build_fields goes through every term it is given (~100,000 agency terms at 100,000 reports) for
    the few agencies of a segment, and the base's name tables take seconds to parse on a busy machine.
    work: the new generation's folder (the base's files linked)."""
    from index.agencyterms import AGENCY_TERMS, known_fields, write_agency_terms

    known = known_fields(work / AGENCY_TERMS, work / "keyword", agencies)
    if known is None:
        write_agency_terms(work / "keyword", work / AGENCY_TERMS)
        known = known_fields(work / AGENCY_TERMS, work / "keyword", agencies)
    return known


def _drop_cached(cache: Path, keys: set[str], policy) -> None:
    """The cached work of the files that left, by name (index.build._prune_cache lists the whole cache
    folder, and so did a glob of each key: 100,000 names at 100,000 reports); vectors of other models than
    this build's are left to the next full build's pruning."""
    from index.build import CACHE_SUFFIX, _vector_tag

    tag = _vector_tag(str(policy.info["id"])) if policy.info.get("id") else None
    for key in keys:
        for name in (f"{key}{CACHE_SUFFIX}", f"{key}.json", f"{key}.{tag}.npy" if tag else None):
            if name:
                (cache / name).unlink(missing_ok=True)


def _link_tree(src: Path, dst: Path) -> None:
    """dst: a folder of hard links to every file under src but its manifest (a copy where links fail). The
    base's file list (files.sqlite, index/filelist.py) is linked too: the new segment's overlay changes it,
    and whatever replaces it is written to a new file, never through the link."""
    dst.mkdir()
    for entry in os.scandir(src):
        if entry.name == MANIFEST:
            continue
        target = dst / entry.name
        if entry.is_dir(follow_symlinks=False):
            _link_tree(Path(entry.path), target)
            continue
        try:
            os.link(entry.path, target)
        except OSError:
            shutil.copy2(entry.path, target)
