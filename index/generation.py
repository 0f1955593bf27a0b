"""The one owner of an index generation: every reader (qa, the CLI, the app) opens the facts database, the
keyword index, the vectors and the manifest through `Generation`, never by path.

A generation is a base (what a full build wrote: facts.duckdb, keyword/, dense/, Parquet) and, when the
index grew in place (index/grow.py), segments `seg-NNNNNN/` with the same files for the reports added or
replaced since, plus tombstones: (part, doc) of the reports a later segment replaced or a deletion removed.
Readers see base + segments − tombstones:

- facts: an in-memory DuckDB connection that ATTACHes each part's facts.duckdb read only and defines the
  tables (reports, facts, findings, warnings, passages, lines) as views over the parts' live rows, with a
  `rowid` column (the part's rowid plus part << 40: unique, and contiguous per report as in one file);
  cross-year findings come from the newest part only (each segment stores the whole set anew). A
  generation without segments is its facts.duckdb opened read only, as before.
- keyword: `KeywordParts` scores over all parts with the statistics of the live passages (passage and
  report frequencies, average length, the agency and part fields), so a query ranks exactly as the index
  a full build would have made; ties go by corpus order, as there.
- vectors: each part's exact (flat) index searched with the tombstones masked out, merged by score.

Passage numbers (pidx) are global: a segment's passages are numbered after every passage of the parts
before it, so a number names one passage in the generation; only their order differs from a full build's,
which is why ties are broken by corpus order (the manifest's file order) and not by number."""

from __future__ import annotations

import bisect
import os
import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np

from index.build import CURRENT, Manifest, current_generation
from index.errors import ReportError
from index.keyword import PART_CODES, FieldBonus, KeywordIndex, MetaColumns, _idf, normalize_agency, top_k
from index.store import FACTS_DB, SCHEMA

T = TypeVar("T")
DEAD_TERMS = "dead_terms.json"  # in a segment's keyword folder: see Generation.dead_terms, index/grow.py
PART_ROWID_BITS = 40  # a part's rows are numbered from part << 40 in the views: unique, no count needed
MERGE_POSTINGS = 1 << 23  # postings of a part that KeywordParts.merged places at once


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def _file_id(path: Path) -> tuple[int, int, int] | None:
    """(device, inode, mtime) of a file: the same in a generation that hard-linked it."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_dev, st.st_ino, st.st_mtime_ns


def _in_order(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Passage numbers file by file: each file's span (first number, count) in the order given."""
    total = int(counts.sum())
    if not total:
        return np.zeros(0, np.int64)
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(total, dtype=np.int64)


@dataclass(frozen=True)
class Growth:
    """A generation against an older one it grew from: parts first_new.. are new; the older parts' reports
    in dead_docs were replaced or deleted since."""

    first_new: int
    n_parts: int
    dead_docs: set[str]

    @property
    def new_parts(self) -> range:
        return range(self.first_new, self.n_parts)


class Generation:
    """One generation of an index folder, opened for reading (or, during a build, the one being made)."""

    def __init__(self, path: Path, manifest: Manifest):
        self.path = Path(path)
        self.manifest = manifest
        self.name = self.path.name
        self.files = self._file_ids()  # taken now: a build removes the older generations' folders
        self._report_rows: list[tuple] | None = None  # see report_rows
        self._reports = None  # see reports
        # see changed_docs; the older generation by weak reference: a strong one kept every generation an
        # engine was reopened through alive, each with its report rows (100,000 tuples at 100,000 reports)
        self._changed: tuple[weakref.ref, set[str], list[tuple]] | None = None

    def _file_ids(self) -> list[tuple[int, int] | None]:
        """Each part's facts.duckdb as (device, inode): a grown generation hard-links its older parts."""
        out = []
        for _, folder in self.parts():
            try:
                st = os.stat(folder / FACTS_DB)
                out.append((st.st_dev, st.st_ino))
            except OSError:
                out.append(None)
        return out

    @classmethod
    def current(cls, index: Path) -> Generation:
        """The generation in use. Raises ReportError for a folder that is no index."""
        gen = current_generation(Path(index))
        return cls(gen, Manifest.load(gen))

    @classmethod
    def named(cls, index: Path, name: str) -> Generation:
        """A generation by its folder name (the app caches by the name CURRENT gave)."""
        gen = Path(index) / name
        try:
            return cls(gen, Manifest.load(gen))
        except (OSError, ValueError):
            raise ReportError(str(index), f"index generation {name} is gone or incomplete: reload") from None

    @staticmethod
    def current_name(index: Path) -> str | None:
        """The name of the generation in use (one small file read), None when there is no index."""
        try:
            return (Path(index) / CURRENT).read_text("utf-8").strip() or None
        except OSError:
            return None

    # ------------------------------------------------------------ parts and tombstones
    @property
    def segmented(self) -> bool:
        return bool(self.manifest.parts or self.manifest.dead)

    def parts(self) -> list[tuple[str, Path]]:
        """(part name, folder) oldest first: "" is the base, then the segments."""
        return [("", self.path)] + [(p, self.path / p) for p in self.manifest.parts]

    def pidx_end(self) -> int:
        m = self.manifest
        return m.pidx_end if m.pidx_end is not None else m.counts.get("passages", 0)

    def live(self) -> np.ndarray:
        """Boolean over passage numbers: False for the passages of tombstoned reports."""
        live = np.ones(self.pidx_end(), bool)
        for t in self.manifest.dead:
            live[t.pidx:t.pidx + t.passages] = False
        return live

    def corpus_order(self) -> np.ndarray:
        """The live passage numbers in corpus order (file by file as the manifest lists them): from the file
        list's spans (index/filelist.py), not its rows."""
        return _in_order(*self.manifest.table.spans())

    def corpus_order_later(self) -> Callable[[], np.ndarray]:
        """corpus_order, made when called: the file list's spans are read now (a later build may remove this
        generation's folder), the array over every passage when a query first needs it (KeywordParts)."""
        starts, counts = self.manifest.table.spans()
        return lambda: _in_order(starts, counts)

    # ------------------------------------------------------------ facts
    def connect(self):
        """A read-only DuckDB connection whose tables are this generation's (use a cursor per thread)."""
        import duckdb

        if not self.segmented:
            return duckdb.connect(str(self.path / FACTS_DB), read_only=True)
        con = duckdb.connect()
        self.attach(con)
        return con

    def attach(self, con, catalog: str | None = None) -> None:
        """Define the tables as views over the live rows of the parts in `con`: views in its (in-memory)
        main catalog, seen by its cursors too, or views in a new in-memory catalog (index.store.FactsWriter reads a previous generation as `prev`)."""
        self.attach_parts(con)
        if catalog:
            con.execute(f"attach ':memory:' as {catalog}")
        # not temp views: those belong to `con` alone, and the app reads through a cursor per thread
        create = f"create view {catalog}.main." if catalog else "create view "
        for t in SCHEMA:
            con.execute(f"{create}{t} as {self.live_rows(t)}")

    def attach_parts(self, con) -> None:
        """ATTACH each part's facts.duckdb to `con` read only, as _gp0 (the base), _gp1 … (the names
        part_select reads)."""
        for i, (_, folder) in enumerate(self.parts()):
            con.execute(f"attach '{_sql_str(str(folder / FACTS_DB))}' as _gp{i} (read_only)")

    def live_rows(self, table: str) -> str:
        """SQL for the live rows of a table over the parts attach_parts attached (what the view holds), for a
        connection with no views: a segment add reads a few rows in the connection that writes the segment
        (index/grow.py), where a connection of its own and six views cost 0.3-0.8 s under load."""
        return " union all ".join(self.part_select(table, i) for i in range(len(self.parts())))

    def part_select(self, table: str, i: int) -> str:
        """SQL for the live rows of one part's table (part i of parts(), ATTACHed as _gp{i} by attach), with
        the generation's rowid: the views are the union of these; a reader that grows (qa.facts) reads the
        new parts' rows alone with it. Only our names and the manifest's docs, never user text."""
        name = self.parts()[i][0]
        dead = [t.doc for t in self.manifest.dead if t.part == name]
        cols = ", ".join(f'"{c}"' for c, _ in SCHEMA[table])
        where = []
        if dead:
            where.append("doc not in (" + ", ".join(f"'{_sql_str(d)}'" for d in dead) + ")")
        if table == "findings":
            later = self.manifest.parts[i:]  # the segments after part i
            if any(p not in self.manifest.cross_year for p in later):
                where.append("kind <> 'cross_year'")  # a later segment holds the whole set (grown before)
            else:  # the later segments' findings replace those of the reports they name
                replaced = sorted({d for p in later for d in self.manifest.cross_year[p]})
                if replaced:
                    where.append("(kind <> 'cross_year' or doc not in ("
                                 + ", ".join(f"'{_sql_str(d)}'" for d in replaced) + "))")
        return (f"select rowid + {i << PART_ROWID_BITS} as rowid, {cols} from _gp{i}.{table}"
                + (" where " + " and ".join(where) if where else ""))

    def grown_from(self, older: Generation) -> Growth | None:
        """What this generation adds to `older` when it only grew from it (the same base and segments, the
        same files by inode: index/grow.py hard-links them; more segments and tombstones), else None: a
        reader of `older` can then keep what it loaded and read only the new parts' rows."""
        old_parts, parts = older.parts(), self.parts()
        if len(parts) < len(old_parts) or [n for n, _ in parts[:len(old_parts)]] != [n for n, _ in old_parts]:
            return None
        if None in older.files or older.files != self.files[:len(old_parts)]:
            return None
        old_dead = {(t.part, t.doc) for t in older.manifest.dead}
        dead = {(t.part, t.doc) for t in self.manifest.dead}
        if not old_dead <= dead:
            return None
        return Growth(first_new=len(old_parts), n_parts=len(parts),
                      dead_docs={d for p, d in dead - old_dead if p in dict(old_parts)})

    def report_rows(self, con, older: Generation | None = None) -> list[tuple]:
        """(doc, agency, year, format) of every live report, in doc order, read once per generation. older: the
        generation of an engine this one is reopened from: when this one only grew from it (index/grow.py), its
        rows without the replaced and deleted reports and the new parts' rows: reading them all took seconds
        at 100,000 reports, each time."""
        if self._report_rows is not None:
            return self._report_rows
        grown = self._growth_rows(con, older) if older is not None and older._report_rows is not None else None
        if grown is None:
            rows = con.execute("select doc, agency, year, format from reports order by doc").fetchall()
        else:
            dead, new = grown
            rows = [r for r in older._report_rows if r[0] not in dead] if dead else list(older._report_rows)
            for r in sorted(new, key=lambda r: r[0]):  # code points, as DuckDB's order by (the old rows are in order)
                bisect.insort(rows, r, key=lambda r: r[0])
        self._report_rows = rows
        return rows

    def reports(self, con, older: Generation | None, make: Callable[[list[tuple]], T],
                grow: Callable[[T, set[str], list[tuple]], T]) -> T:
        """The live reports as a reader holds them (qa.report_table: arrays), made once per generation and
        shared by the readers of one engine: grow(older's, the docs replaced or removed, the new parts' rows)
        when this generation only grew from `older` (index/grow.py) and older's were made, else make(every row
        in doc order)."""
        if self._reports is None:
            grown = self._growth_rows(con, older) if older is not None and older._reports is not None else None
            self._reports = grow(older._reports, *grown) if grown is not None else make(self.report_rows(con))
        return self._reports

    def _growth_rows(self, con, older: Generation) -> tuple[set[str], list[tuple]] | None:
        """(the docs replaced or removed since `older`, the new parts' report rows) when this generation only
        grew from `older`, else None; remembered for grown_rows."""
        if self._changed is not None and self._changed[0]() is older:
            return self._changed[1], self._changed[2]
        growth = self.grown_from(older)
        if growth is None:
            return None
        new = [r for i in growth.new_parts for r in con.execute(
            f"select doc, agency, year, format from ({self.part_select('reports', i)})").fetchall()]
        self._changed = weakref.ref(older), growth.dead_docs, new
        return growth.dead_docs, new

    def changed_docs(self, older: Generation | None) -> set[str] | None:
        """The docs added, replaced or removed since `older`, when this generation's reports grew from its
        (else None: nothing is known to be unchanged)."""
        grown = self.grown_rows(older)
        return grown[0] | {r[0] for r in grown[1]} if grown is not None else None

    def grown_rows(self, older: Generation | None) -> tuple[set[str], list[tuple]] | None:
        """(the docs replaced or removed since `older`, the new parts' report rows) when this generation's
        reports grew from `older`'s (report_rows, reports), else None."""
        if self._changed is None or older is None or self._changed[0]() is not older:
            return None
        return self._changed[1], self._changed[2]

    # ------------------------------------------------------------ keyword and vectors
    def keyword(self, previous: KeywordIndex | None = None) -> KeywordIndex:
        """The keyword index: the base's own when there are no segments, else all parts scored as one.
        previous: the keyword index of an older generation of this index (an engine reopened after an add):
        its parts whose files are the same (hard links: index/grow.py) are taken as loaded, not read again
        (the base's vocabulary is millions of terms at 100,000 reports)."""
        loaded = {}
        for part in (previous.parts if isinstance(previous, KeywordParts) else [previous] if previous else []):
            if getattr(part, "file_id", None):
                loaded[part.file_id] = part

        def load(folder: Path, prepare: bool) -> KeywordIndex:
            ident = _file_id(folder / "vocab.txt")
            kw = loaded.get(ident) if ident else None
            if kw is None:
                kw = KeywordIndex.load(folder, prepare=prepare)
                kw.file_id = ident
            elif prepare:
                kw._prepare()
            return kw

        if not self.segmented:
            return load(self.path / "keyword", True)
        return KeywordParts([load(f / "keyword", False) for _, f in self.parts()],
                            self.live(), self.corpus_order_later(), self.dead_terms())

    def dead_terms(self) -> dict[str, dict[str, int]] | None:
        """What the tombstoned passages took from the terms' passage and report frequencies ("df", "rdf":
        term → count), from the DEAD_TERMS file each segment wrote for the tombstones it added; None when
        some tombstone has none (KeywordParts then finds them in the postings)."""
        import json

        out: dict[str, dict[str, int]] = {"df": {}, "rdf": {}}
        covered: set[tuple[str, str]] = set()
        for name, folder in self.parts()[1:]:
            try:
                data = json.loads((folder / "keyword" / DEAD_TERMS).read_text("utf-8"))
            except (OSError, ValueError):
                continue
            covered.update((p, d) for p, d in data["tombstones"])
            for c in ("df", "rdf"):
                for t, n in zip(data["terms"], data[c]):
                    out[c][t] = out[c].get(t, 0) + n
        if {(t.part, t.doc) for t in self.manifest.dead} - covered:
            return None
        return out

    def keyword_for_update(self) -> KeywordIndex:
        """What KeywordIndex.updated reads of the previous index (vocabulary, postings by term, term
        frequencies, lengths by passage number, agency field terms): one index over every part."""
        kw = self.keyword()
        return kw.merged() if isinstance(kw, KeywordParts) else kw

    def has_dense(self) -> bool:
        return all((f / "dense" / "dense.json").is_file() for _, f in self.parts())

    def dense(self, embedder) -> DenseParts:
        from index.dense import DenseIndex

        parts = [(DenseIndex.load(f / "dense", embedder), np.load(f / "dense" / "global_ids.npy"))
                 for _, f in self.parts()]
        live = self.live()
        rank = np.full(len(live), len(live), np.int64)
        order = self.corpus_order()
        rank[order] = np.arange(len(order))
        return DenseParts(embedder, parts, live, rank)


class DenseParts:
    """Exact (flat) vector search over every part, tombstoned passages masked out; hits in global numbers."""

    def __init__(self, embedder, parts: list, live: np.ndarray, rank: np.ndarray):
        self.embedder = embedder
        self.parts = parts  # (DenseIndex, global passage number of each vector)
        self.live = live
        self.rank = rank

    def search(self, query: str | Sequence[str], k: int = 10, filters=None) -> list[tuple[int, float]]:
        from index.dense import query_vector

        q = query_vector(self.embedder, query)  # several phrasings: one vector (index.dense.query_vector)
        hits: list[tuple[int, float]] = []
        for index, gids in self.parts:
            allow = self.live[gids] if len(self.parts) > 1 or not self.live.all() else None
            hits += [(int(gids[i]), s) for i, s in index.search_vector(q, k, filters, allow)]
        hits.sort(key=lambda h: (-h[1], self.rank[h[0]]))
        return hits[:k]


class _Terms(Mapping):
    """Term → id over a generation's parts: the base's vocabulary as it is, and the segments' new terms."""

    def __init__(self, base: dict[str, int]):
        self.base, self.extra = base, {}

    def setdefault(self, term: str) -> int:
        i = self.base.get(term)
        if i is None:
            i = self.extra.setdefault(term, len(self.base) + len(self.extra))
        return i

    def __getitem__(self, term: str) -> int:
        i = self.base.get(term)
        return self.extra[term] if i is None else i

    def __len__(self) -> int:
        return len(self.base) + len(self.extra)

    def __iter__(self):
        yield from self.base
        yield from self.extra


class _LiveTerms(Mapping):
    """The terms that some live passage holds (a term of tombstoned passages only is unknown, as in a full
    build), as a view over _Terms and the live passage frequencies rather than a dict of millions."""

    def __init__(self, terms: _Terms, df: np.ndarray):
        self.terms, self.df = terms, df

    def __getitem__(self, term: str) -> int:
        i = self.terms[term]
        if self.df[i] <= 0:
            raise KeyError(term)
        return i

    def __len__(self) -> int:
        return int((self.df > 0).sum())

    def __iter__(self):
        return (t for t in self.terms if self.df[self.terms[t]] > 0)


class _FieldIdf(Mapping):
    """An agency field term's IDF over reports, computed when a query holds the term (there are as many
    terms as agency names have words: a dict of them all took seconds at 100,000 reports)."""

    def __init__(self, fields: dict[str, list[int]], n_docs: int, reports_per_agency: np.ndarray):
        self.fields, self.n_docs, self.per_agency = fields, n_docs, reports_per_agency

    def __getitem__(self, term: str) -> float:
        return float(_idf(self.n_docs, self.per_agency[self.fields[term]].sum()))

    def __len__(self) -> int:
        return len(self.fields)

    def __iter__(self):
        return iter(self.fields)


class KeywordParts(KeywordIndex):
    """BM25 over the base and segments of a generation, minus tombstones, equal to one index over the live
    passages: each query term's postings are gathered from every part, their impacts recomputed from the
    stored term frequencies and lengths with the live passages' average length, and weighted with the
    live passage and report frequencies (see KeywordIndex._assemble and _prepare, which this mirrors)."""

    def __init__(self, parts: list[KeywordIndex], live: np.ndarray, order: np.ndarray | Callable[[], np.ndarray],
                 dead: dict[str, dict[str, int]] | None = None):
        """order: the live passage numbers in corpus order, or what gives them (Generation.corpus_order) when
        first needed; dead: Generation.dead_terms (None: the tombstoned passages' terms are found in the
        postings)."""
        super().__init__(parts[0].params, parts[0].tok)
        self.parts = parts
        self._dead = dead
        self.offsets = np.cumsum([0] + [p.n for p in parts])[:-1]
        n_all = int(sum(p.n for p in parts))
        if n_all != len(live):
            raise ValueError(f"keyword parts hold {n_all} passages, the manifest {len(live)}")
        self.live = live
        self.n = n_all  # scores() spans every number; dead ones score 0
        self._order = order
        self._ranked: tuple[np.ndarray, np.ndarray] | None = None  # (rank, norm): see _scoring
        self._combine_vocab()
        self._combine_meta()
        self.lens = np.concatenate([np.asarray(p.lens, np.int32) for p in parts])
        self._frequencies()
        self.vocab = _LiveTerms(self._all_terms, self._df)
        self.fingerprint = "+".join(p.fingerprint for p in parts)
        self._prepare()

    def _scoring(self) -> tuple[np.ndarray, np.ndarray]:
        """Each passage's place in corpus order (for ties) and its length normalisation (k1 (1 - b + b len /
        avgdl), avgdl over the live passages): made when a query first scores, not when an engine opens (arrays
        over every passage: seconds of a reopen at 100,000 reports under load, and a fact question needs none)."""
        if self._ranked is None:
            order = self._order() if callable(self._order) else self._order
            n_all = self.n
            rank = np.full(n_all, n_all, np.int64)
            rank[order] = np.arange(len(order))
            k1, b = self.params.k1, self.params.b
            live_flens = self.lens[order].astype(np.float32)  # in corpus order: the same mean as a full build's
            avgdl = float(live_flens.mean()) if len(order) else 1.0
            flens = self.lens.astype(np.float32)
            self._ranked = rank, k1 * (1 - b + b * flens / max(avgdl, 1e-9))
        return self._ranked

    @property
    def rank(self) -> np.ndarray:
        return self._scoring()[0]

    @property
    def _norm(self) -> np.ndarray:
        return self._scoring()[1]

    def _combine_vocab(self) -> None:
        """Term ids over the parts: the base's own, then the segments' new terms (the base's vocabulary,
        millions of terms at 100,000 reports, is not copied)."""
        base = self.parts[0]
        terms = _Terms(base.vocab)
        self._maps = [np.arange(len(base.vocab), dtype=np.int64)]
        for p in self.parts[1:]:
            local = sorted(p.vocab, key=p.vocab.__getitem__)
            self._maps.append(np.asarray([terms.setdefault(t) for t in local], np.int64))
        self._all_terms = terms

    def _combine_meta(self) -> None:
        base = self.parts[0]
        own = getattr(base, "combined_meta", None)  # the base's share, kept on it for the next reopen
        if own is None:
            own = base.combined_meta = self._part_meta(base, {}, {})
        agencies, docs = dict(own[0]), dict(own[1])
        shares = [own[2:]] + [self._part_meta(p, agencies, docs)[2:] for p in self.parts[1:]]
        self._agency_maps = [amap for amap, _, _ in shares]
        cols = {"agency_id": [a for _, a, _ in shares], "doc_id": [d for _, _, d in shares]}
        for c in ("year", "part", "kind"):
            cols[c] = [np.asarray(getattr(p.meta, c)) for p in self.parts]
        names = list(agencies)
        base_names = base.meta.agencies
        norms = None
        if names[:len(base_names)] == list(base_names):  # (always: a base's agency table is unique)
            norms = base.meta._agency_norm + [normalize_agency(a) for a in names[len(base_names):]]
        self._cols = cols  # each column by part: concatenated when `meta` is first read (a search)
        self._meta = None
        self._meta_tables = names, list(docs), norms

    @property
    def meta(self) -> MetaColumns:
        """The passages' metadata over every part, made when first read: arrays over every passage (4.2M at
        100,000 reports, ~0.1 CPU s of each reopen); counting (_live_counts) reads the parts' own."""
        if self._meta is None:
            names, docs, norms = self._meta_tables
            self._meta = MetaColumns(names, docs, {c: np.concatenate(v) for c, v in self._cols.items()}, norms)
        return self._meta

    @meta.setter
    def meta(self, value: MetaColumns) -> None:
        self._meta = value

    def _gather(self, column: str, at: np.ndarray) -> np.ndarray:
        """A metadata column at these passage numbers, from the parts' arrays (not meta's concatenation)."""
        out = np.empty(len(at), self._cols[column][0].dtype)
        for off, p, values in zip(self.offsets, self.parts, self._cols[column]):
            sel = (at >= off) & (at < off + p.n)
            out[sel] = values[at[sel] - off]
        return out

    @staticmethod
    def _part_meta(p: KeywordIndex, agencies: dict[str, int], docs: dict[str, int]) -> tuple:
        """One part's agencies and docs numbered in the combined tables (added to them): the tables, its
        agency map, and its passages' combined agency and doc ids."""
        m = p.meta
        amap = np.asarray([agencies.setdefault(a, len(agencies)) for a in m.agencies] + [-1], np.int32)
        dmap = np.asarray([docs.setdefault(d, len(docs)) for d in m.docs] + [-1], np.int32)
        return agencies, docs, amap, amap[m.agency_id], dmap[m.doc_id]  # -1 indexes the trailing -1

    def _frequencies(self) -> None:
        """Live passage and report frequency of every term; the fields of the live agencies."""
        V = len(self._all_terms)
        df, rdf = np.zeros(V, np.int64), np.zeros(V, np.int64)
        dead = self._dead if self._dead is not None and all(t in self._all_terms for t in self._dead["df"]) else None
        if dead is not None:  # what the tombstoned passages held, as the segments recorded it
            for c, out in (("df", df), ("rdf", rdf)):
                if dead[c]:
                    ids = np.fromiter((self._all_terms[t] for t in dead[c]), np.int64, len(dead[c]))
                    np.subtract.at(out, ids, np.fromiter(dead[c].values(), np.int64, len(dead[c])))
        for p, off, tmap in zip(self.parts, self.offsets, self._maps):
            counts = np.diff(np.asarray(p.indptr)).astype(np.int64)
            reports = np.asarray(p.report_df, np.int64).copy()
            local_live = self.live[off:off + p.n]
            if dead is None and not local_live.all():  # the postings of tombstoned passages, read in full
                postings = np.asarray(p.postings)
                at = np.flatnonzero(~local_live[postings])  # postings of tombstoned passages
                tid = np.searchsorted(np.asarray(p.indptr), at, side="right") - 1
                counts -= np.bincount(tid, minlength=len(counts))
                n_docs = max(len(p.meta.docs), 1)
                pairs = np.unique(tid.astype(np.int64) * n_docs + p.meta.doc_id[postings[at]])
                reports -= np.bincount(pairs // n_docs, minlength=len(counts))
            df[tmap] += counts
            rdf[tmap] += reports
        self._df, self.report_df = df, rdf
        per_doc, doc_agency, self._passages_per_part = self._live_counts()
        live_docs = per_doc > 0
        self._n_docs = int(live_docs.sum())
        self._n_live = int(self.live.sum())
        # a report's passages share its agency: reports per agency = live reports by their agency
        keep = live_docs & (doc_agency >= 0)
        self._reports_per_agency = np.bincount(doc_agency[keep], minlength=len(self._meta_tables[0]))
        self.fields = {"agency": self._agency_fields(), "part": self.parts[0].fields["part"]}
        self.idf = _idf(self._n_live, df)

    def _live_counts(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Live passages per doc, each doc's agency (its passages'), live passages per part code: the base's
        share over all its passages counted once and kept on it for the next reopen (as combined_meta; its
        docs and agencies keep their combined ids), the segments' added and the tombstoned passages'
        taken off: what counting over every live passage gives, without arrays over them all."""
        cols, base, n_codes = self._cols, self.parts[0], len(PART_CODES)
        n_docs = len(self._meta_tables[1])
        own = getattr(base, "passage_counts", None)
        if own is None:
            doc_id = cols["doc_id"][0]
            if len(doc_id) and doc_id.min() < 0:  # (a passage of no doc: never made by a build)
                raise ValueError("keyword base: a passage without a document")
            agency = np.full(int(doc_id.max()) + 1 if len(doc_id) else 0, -1, np.int64)
            agency[doc_id] = cols["agency_id"][0]
            own = base.passage_counts = (np.bincount(doc_id), agency, np.bincount(cols["part"][0], minlength=n_codes))
        per_doc = np.zeros(n_docs, np.int64)
        per_doc[:len(own[0])] = own[0]
        doc_agency = np.full(n_docs, -1, np.int64)
        doc_agency[:len(own[1])] = own[1]
        per_part = own[2].astype(np.int64)
        for i in range(1, len(self.parts)):  # in passage order: a doc's latest part names its agency
            ids = cols["doc_id"][i]
            per_doc += np.bincount(ids, minlength=n_docs)
            doc_agency[ids] = cols["agency_id"][i]
            per_part += np.bincount(cols["part"][i], minlength=n_codes)
        dead = np.flatnonzero(~self.live)
        per_doc -= np.bincount(self._gather("doc_id", dead), minlength=n_docs)
        per_part -= np.bincount(self._gather("part", dead), minlength=n_codes)
        return per_doc, doc_agency, per_part

    def _agency_fields(self) -> dict[str, list[int]]:
        """Agency field term → the live agencies (combined ids, ascending) whose names hold it: the base's
        lists as they are (its agencies keep their ids), changed only for the terms of the segments'
        agencies and of the agencies no live report has any more."""
        live = self._reports_per_agency > 0
        base, base_map = self.parts[0].fields["agency"], self._agency_maps[0]
        fields = dict(base)
        if not np.array_equal(base_map[:-1], np.arange(len(base_map) - 1)):  # (never: a base's table is unique)
            fields = {}
            todo = list(zip(self.parts, self._agency_maps))
        else:
            todo = list(zip(self.parts[1:], self._agency_maps[1:]))
            dead = set(np.flatnonzero(~live).tolist())
            if dead:
                for t, ids in base.items():
                    if not dead.isdisjoint(ids):
                        fields[t] = [i for i in ids if i not in dead]
        for p, amap in todo:
            for t, ids in p.fields["agency"].items():
                fields[t] = sorted(set(fields.get(t, ())) | {int(amap[i]) for i in ids if live[amap[i]]})
        return {t: ids for t, ids in fields.items() if ids} if any(not ids for ids in fields.values()) else fields

    def _prepare(self) -> None:
        p = self.params
        w = np.asarray(self.idf, np.float32).copy()
        if self._n_docs >= p.common_min_docs:
            w[np.asarray(self.report_df) > p.common_doc_frac * self._n_docs] *= p.common_damping
        self._w = w
        passages_per_part = self._passages_per_part
        self._field_idf = {
            "agency": _FieldIdf(self.fields["agency"], self._n_docs, self._reports_per_agency),
            "part": {t: float(_idf(self._n_live, passages_per_part[ids].sum())) for t, ids in self.fields["part"].items()},
        }

    def term_weights(self) -> np.ndarray:
        return self._w

    def scores(self, query: str) -> np.ndarray | None:
        k1 = self.params.k1
        norm = self._norm
        scores = np.zeros(self.n, np.float32)
        bonus = FieldBonus(self)
        hit = False
        for term, qw in self.query_terms(query):
            cid = self.vocab.get(term)
            if cid is not None:
                weight = qw * self._w[cid]
                for p, off in zip(self.parts, self.offsets):
                    tid = p.vocab.get(term)
                    if tid is None:
                        continue
                    s, e = p.indptr[tid], p.indptr[tid + 1]
                    pids = np.asarray(p.postings[s:e], np.int64) + off
                    tff = np.asarray(p.tf[s:e]).astype(np.float32)
                    impacts = (tff * (k1 + 1) / (tff + norm[pids])).astype(np.float32)
                    scores[pids] += weight * impacts
                hit = True
            hit = bonus.add(term, qw) or hit
        if not hit:
            return None
        bonus.apply(scores)
        scores[~self.live] = 0
        return scores

    def search(self, query: str, k: int = 10, filters=None) -> list[tuple[int, float]]:
        scores = self.scores(query)
        if scores is None:
            return []
        mask = self.meta.mask(filters)
        if mask is not None:
            scores[~mask] = 0
        return top_k(scores, np.flatnonzero(scores > 0), k, self.rank)

    def merged(self) -> KeywordIndex:
        """The parts as one index in the global passage numbers, tombstoned passages included (a full
        build maps them to nothing): enough for KeywordIndex.updated, which recomputes the rest.
        Each part's postings are already grouped by term: each term's block is copied to its place (the
        parts' blocks of a term one after the other, passages ascending), a chunk of terms at a time, so
        nothing of 8 bytes a posting is made for the whole (a compaction at 10^8 postings held several
        such arrays and an argsort of them)."""
        counts = [np.diff(np.asarray(p.indptr)) for p in self.parts]
        per_term = np.zeros(len(self._all_terms), np.int64)
        for c, tmap in zip(counts, self._maps):
            np.add.at(per_term, tmap, c)
        indptr = np.concatenate([[0], np.cumsum(per_term)]).astype(np.int64)
        postings = np.empty(int(indptr[-1]), np.int32)
        tf = np.empty(int(indptr[-1]), np.uint16)
        fill = indptr[:-1].copy()  # where the next part's block of each term goes
        for p, off, tmap, c in zip(self.parts, self.offsets, self._maps, counts):
            src_ptr = np.asarray(p.indptr)
            lo = 0
            while lo < len(c):  # bounded temporaries: the terms of about MERGE_POSTINGS postings at a time
                hi = max(lo + 1, int(np.searchsorted(src_ptr, src_ptr[lo] + MERGE_POSTINGS, side="right")) - 1)
                hi = min(hi, len(c))
                s, e = int(src_ptr[lo]), int(src_ptr[hi])
                if s < e:
                    # a posting's place in the merged arrays: its term's next free place plus its rank in the block
                    at = np.repeat(fill[tmap[lo:hi]] - src_ptr[lo:hi], c[lo:hi]) + np.arange(s, e, dtype=np.int64)
                    postings[at] = p.postings[s:e] + np.int32(off)
                    tf[at] = p.tf[s:e]
                    del at
                lo = hi
            fill[tmap] += c
        out = KeywordIndex(self.params, self.tok)
        out.vocab = dict(self._all_terms)
        out.indptr = indptr
        out.postings = postings
        out.tf = tf
        out.lens = self.lens
        out.fields, out.meta, out.n = self.fields, self.meta, self.n
        return out

    def save(self, directory) -> None:  # noqa: ARG002 - a view over parts; index/grow.py merges them
        raise TypeError("a generation's keyword parts are merged by a full build (qa build --compact)")
