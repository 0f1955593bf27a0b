"""A generation's file list, stored so that a one-file add and an open read only what they need.

The base's list (what a full build wrote) is `files.sqlite`, one table keyed by position in corpus order,
with indexes on the path (as its sort key), the document, the agency and the cache key, and
`file_spans.npy`, each file's first passage number and passage count in corpus order. A grown generation
hard-links both (index/grow.py: never written in place) and its newest segment's `file_changes.json` holds
the overlay: every row changed or added since the base (with the base position it comes after) and the
base positions no longer live. The overlay is cumulative, so an open reads the base's spans and one small
file; an add looks up the files it names (and their agencies' and documents' rows) through the indexes.

Why: the list as JSON (files.json, and before it inside manifest.json) was parsed whole by every open of a
grown generation and twice by every add: ~2.9 s at 100,000 reports under load, tens of seconds at 10^6.
An older generation (files.json or manifest.json with the files) opens as before (ListTable) and its next
build writes this layout.

Corpus order is the walk's (index.corpus.report_files: by the path's parts); `sort_key` spells it as one
string so SQLite's index can find where a new path goes."""

from __future__ import annotations

import bisect
import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import numpy as np

from index.manifest import FileRow

BASE_DB = "files.sqlite"
SPANS = "file_spans.npy"
OVERLAY_FORMAT = 2  # file_changes.json: 1 (no "format") listed one segment's changes by place, read with the whole list
_COLS = ", ".join(FileRow._fields)


def sort_key(path: str) -> str:
    """The corpus order of relative paths as a string order: by parts, as tuples compare ("a/b" before "a-b")."""
    return path.replace("/", "\x00")


_NEIGHBOURS = {None: None, 0: False, 1: True}  # (SQLite keeps a bool as 0/1)
assert FileRow._fields[-1] == "neighbours"  # (_row maps the last field)


def _row(values: tuple) -> FileRow:
    """A row of the files table as a FileRow (neighbours is the last field: its bool mapped, not made by
    _replace, which cost ~0.5 s of the 1.5-2.2 s a whole list of 100,000 rows took under load)."""
    return FileRow._make((*values[:-1], _NEIGHBOURS[values[-1]]))


def write_base(folder: Path, rows: list[FileRow]) -> None:
    """files.sqlite and file_spans.npy of a generation being made: written under temporary names and
    renamed (a hard link to an older generation's file is replaced, never written through)."""
    rows = ListTable(rows).list  # (first passage numbers filled in: a tombstone needs them)
    tmp = folder / f".{BASE_DB}.tmp"
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.execute("pragma journal_mode = off")
        con.execute("pragma synchronous = off")
        con.execute(f"create table files (pos integer primary key, sortkey text not null, {_COLS})")
        con.executemany(f"insert into files values ({', '.join('?' * (len(FileRow._fields) + 2))})",
                        ((i, sort_key(r.path), *r) for i, r in enumerate(rows)))
        for col in ("sortkey", "doc", "agency", "key"):
            con.execute(f"create index files_{col} on files ({col})")
        con.commit()
    finally:
        con.close()
    spans = np.asarray([(r.pidx, r.passages) for r in rows], np.int64).reshape(-1, 2)
    with open(folder / f".{SPANS}.tmp", "wb") as f:
        np.save(f, spans)
    os.replace(tmp, folder / BASE_DB)
    os.replace(folder / f".{SPANS}.tmp", folder / SPANS)


class Overlay(NamedTuple):
    """What the segments changed in the base's list, all of them together: the live rows changed or added
    (ordered as the list has them), the base position each comes after (-1: before the first), and the
    base positions whose rows are no longer live as the base has them."""

    rows: list[FileRow]
    after: list[int]
    dropped: list[int]

    def write(self, path: Path) -> None:
        cols = list(zip(*self.rows)) if self.rows else [[] for _ in FileRow._fields]
        data = {"format": OVERLAY_FORMAT, "fields": list(FileRow._fields), "columns": [list(c) for c in cols],
                "after": self.after, "dropped": self.dropped}
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        tmp.replace(path)

    @classmethod
    def read(cls, path: Path) -> Overlay | None:
        """None for a file of the older format (changes by place: the whole list must be read)."""
        data = json.loads(path.read_text("utf-8"))
        if data.get("format") != OVERLAY_FORMAT:
            return None
        named = dict(zip(data["fields"], data["columns"]))
        rows = [FileRow(**dict(zip(named, values))) for values in zip(*named.values())] if named else []
        return cls(rows, list(data["after"]), list(data["dropped"]))


EMPTY = Overlay([], [], [])


class FileTable:
    """The file list of a generation in the layout above: the base through SQLite, the overlay in memory."""

    def __init__(self, folder: Path, overlay: Overlay = EMPTY):
        self.folder = Path(folder)
        self.overlay = overlay
        self._by_path = {r.path: r for r in overlay.rows}
        self._dropped = set(overlay.dropped)
        self._con: sqlite3.Connection | None = None
        self._n_base: int | None = None

    # the base, by SQLite (read only, immutable: the file is never written once its generation exists)
    def _db(self) -> sqlite3.Connection:
        if self._con is None:
            uri = Path(self.folder / BASE_DB).resolve().as_uri() + "?mode=ro&immutable=1"
            self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _base(self, where: str, args: Iterable) -> list[tuple[int, FileRow]]:
        cur = self._db().execute(f"select pos, {_COLS} from files where {where}", list(args))
        return [(p, _row(rest)) for p, *rest in cur.fetchall()]

    def _base_in(self, col: str, values: Iterable) -> list[tuple[int, FileRow]]:
        values = sorted(set(values))
        out = []
        for i in range(0, len(values), 500):  # (SQLite's bound on parameters)
            chunk = values[i:i + 500]
            out += self._base(f"{col} in ({', '.join('?' * len(chunk))})", chunk)
        return out

    def n_base(self) -> int:
        if self._n_base is None:
            self._n_base = int(self._db().execute("select count(*) from files").fetchone()[0])
        return self._n_base

    def __len__(self) -> int:
        return self.n_base() - len(self._dropped) + len(self.overlay.rows)

    # lookups: the live rows, in corpus order
    def _live(self, base: list[tuple[int, FileRow]], mine: Iterable[FileRow]) -> list[FileRow]:
        at = dict(zip((r.path for r in self.overlay.rows), zip(self.overlay.after, range(len(self.overlay.rows)))))
        keyed = [((p, 0, 0), r) for p, r in base if p not in self._dropped and r.path not in self._by_path]
        keyed += [((at[r.path][0], 1, at[r.path][1]), r) for r in mine]
        return [r for _, r in sorted(keyed, key=lambda kr: kr[0])]

    def get(self, path: str) -> FileRow | None:
        if path in self._by_path:
            return self._by_path[path]
        found = self._live(self._base("sortkey = ?", [sort_key(path)]), [])
        return found[0] if found else None

    def of_docs(self, docs: Iterable[str]) -> list[FileRow]:
        docs = set(docs)
        return self._live(self._base_in("doc", docs), [r for r in self.overlay.rows if r.doc in docs])

    def of_agencies(self, agencies: Iterable[str]) -> list[FileRow]:
        agencies = set(agencies)
        return self._live(self._base_in("agency", agencies), [r for r in self.overlay.rows if r.agency in agencies])

    def has_key(self, key: str) -> bool:
        return bool(self._live(self._base("key = ?", [key]), [r for r in self.overlay.rows if r.key == key]))

    def rows(self) -> list[FileRow]:
        """The whole list (a full build, compaction, a --json summary)."""
        from index.memory import paused_gc

        with paused_gc():
            base = list(map(_row, self._db().execute(f"select {_COLS} from files order by pos")))
            if not self.overlay.rows and not self._dropped:
                return base
            extra: dict[int, list[FileRow]] = {}
            for a, r in zip(self.overlay.after, self.overlay.rows):  # (in list order already)
                extra.setdefault(a, []).append(r)
            out = list(extra.get(-1, ()))
            for p, r in enumerate(base):  # (a merge, not a sort of 10^5 keyed rows: seconds at 100,000)
                if p not in self._dropped:
                    out.append(r)
                if p in extra:
                    out += extra[p]
            return out

    def spans(self) -> tuple[np.ndarray, np.ndarray]:
        """Each live file's first passage number and passage count, in corpus order."""
        base = np.load(self.folder / SPANS)
        o = self.overlay
        keep = np.ones(len(base), bool)
        keep[o.dropped] = False
        kept = np.flatnonzero(keep)
        mine = np.asarray([(r.pidx, r.passages) for r in o.rows], np.int64).reshape(-1, 2)
        where = np.searchsorted(kept, np.asarray(o.after, np.int64), side="right")
        out = np.insert(base[kept], where, mine, axis=0) if len(mine) else base[kept]
        return out[:, 0], out[:, 1]

    # a segment's change
    def changed(self, rows: list[FileRow], removed: Iterable[str]) -> Overlay:
        """The overlay after a segment that adds or changes `rows` and removes the paths `removed`."""
        rows = [FileRow.of(r) for r in rows]
        gone = set(removed) | {r.path for r in rows}
        dropped = set(self._dropped)
        for p, r in self._base_in("sortkey", [sort_key(g) for g in gone]):
            dropped.add(p)
        kept = [(a, r) for a, r in zip(self.overlay.after, self.overlay.rows) if r.path not in gone]
        for r in rows:
            found = self._db().execute("select pos from files where sortkey < ? order by sortkey desc limit 1",
                                       [sort_key(r.path)]).fetchone()
            kept.append((-1 if found is None else int(found[0]), r))
        kept.sort(key=lambda ar: (ar[0], sort_key(ar[1].path)))
        return Overlay([r for _, r in kept], [a for a, _ in kept], sorted(dropped))


class ListTable:
    """The same lookups over a list held whole (an older generation's files.json or manifest.json, or a
    manifest made in memory): its first passage numbers filled in."""

    def __init__(self, rows: list[FileRow]):
        out, at = [], 0
        for r in rows:
            out.append(r if r.pidx is not None else r._replace(pidx=at))
            at += r.passages
        self.list = out
        self._by_path = {r.path: r for r in out}

    def __len__(self) -> int:
        return len(self.list)

    def get(self, path: str) -> FileRow | None:
        return self._by_path.get(path)

    def of_docs(self, docs: Iterable[str]) -> list[FileRow]:
        docs = set(docs)
        return [r for r in self.list if r.doc in docs]

    def of_agencies(self, agencies: Iterable[str]) -> list[FileRow]:
        agencies = set(agencies)
        return [r for r in self.list if r.agency in agencies]

    def has_key(self, key: str) -> bool:
        return any(r.key == key for r in self.list)

    def rows(self) -> list[FileRow]:
        return self.list

    def spans(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.asarray([r.pidx for r in self.list], np.int64), np.asarray([r.passages for r in self.list], np.int64))

    def close(self) -> None:
        pass

    def changed(self, rows: list[FileRow], removed: Iterable[str]) -> list[FileRow]:
        """The whole list after the change (a grow over an older layout writes the list anew)."""
        rows = [FileRow.of(r) for r in rows]
        gone = set(removed) | {r.path for r in rows}
        out = [r for r in self.list if r.path not in gone]
        keys = [sort_key(r.path) for r in out]
        for r in sorted(rows, key=lambda r: sort_key(r.path)):
            i = bisect.bisect_right(keys, sort_key(r.path))
            out.insert(i, r)
            keys.insert(i, sort_key(r.path))
        return out
