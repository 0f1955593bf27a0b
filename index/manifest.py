"""A generation's manifest: what it was built from (files, model, counts, parts and tombstones).

Two files in the generation folder: `manifest.json`, small (everything but the file list), and `files.json`,
the file list as columns (one JSON list per field). Why not one JSON document of entries, as before: at
100,000 reports it was 42 MB whose parsing into 100,000 pydantic objects took 8 s on a busy machine (and its
writing 4 s), paid by every reader that opened the index and twice by every one-file add. Columns parse in a
fraction of that into plain tuples (FileRow), and a reader that never needs the list (the engine over a
generation without segments) never reads it. A manifest of the older single-file layout is read as before,
and the next build writes the new layout.

An index that grows in place (index/grow.py) does not write the list again: `files.json` is the base's list
(hard-linked from the previous generation, never written in place), and each segment folder holds
`file_changes.json`, the rows it added or changed (with their places in the new list) and the paths it
removed; `file_changes` in manifest.json names the segments whose changes apply, in order. Opening applies
them; a full build (compaction) writes one list again. Why: rewriting 100,000 rows on every add cost ~0.3-0.5
s and grows with the corpus (seconds at 10^6); a segment's changes cost what it holds. A generation whose
`file_changes` is empty (every one written before this layout) has its whole list in files.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field, PrivateAttr, model_serializer, model_validator

INDEX_FORMAT = 3  # 2: typed facts tables, keyword term frequencies kept for updates; 3: reports.agency_short
MANIFEST = "manifest.json"
FILES = "files.json"
FILE_CHANGES = "file_changes.json"  # in a segment folder: what it changed in the file list (see above)
MAX_CHANGED_ROWS = 4096  # a grow that changes more rows than this writes the whole list again


class FileEntry(BaseModel):
    path: str  # relative to the corpus folder
    sha256: str
    doc: str
    agency: str | None
    year: int | None
    facts: int
    passages: int
    key: str | None = None  # cache key (path, content, CACHE_VERSION): unchanged → reused by the next build
    part: str = ""  # where its rows are: "" the base, else the segment folder (index/grow.py)
    pidx: int | None = None  # the number of its first passage in the generation
    size: int | None = None  # the file's size and mtime when its key was made: a file whose stat is the
    mtime_ns: int | None = None  # same is not read again to be hashed (as git's index does)
    # values a neighbouring year decides or could decide (ambiguous, or filled by index.neighbours): a
    # change next to it in agency and year is no segment (index/grow.py); None: not recorded
    neighbours: bool | None = None


class FileRow(NamedTuple):
    """A FileEntry as a plain tuple, as the manifest holds its files: ~50 times cheaper to make than the
    pydantic model, with the two methods of it the code uses."""

    path: str
    sha256: str
    doc: str
    agency: str | None
    year: int | None
    facts: int
    passages: int
    key: str | None = None
    part: str = ""
    pidx: int | None = None
    size: int | None = None
    mtime_ns: int | None = None
    neighbours: bool | None = None

    def model_dump(self) -> dict[str, Any]:
        return self._asdict()

    def model_copy(self, update: dict[str, Any] | None = None) -> FileRow:
        return self._replace(**(update or {}))

    @classmethod
    def of(cls, entry: FileEntry | FileRow | dict) -> FileRow:
        if isinstance(entry, FileRow):
            return entry
        if isinstance(entry, dict):  # a manifest or build summary of ours, as JSON (older ones lack fields)
            return cls(**{k: v for k, v in entry.items() if k in cls._fields})
        return cls(*(getattr(entry, f) for f in cls._fields))


assert FileRow._fields == tuple(FileEntry.model_fields)  # one list of fields


class Tombstone(BaseModel):
    """A report of an older part that a later segment replaced, or whose file left the corpus."""

    part: str
    doc: str
    pidx: int
    passages: int


class Manifest(BaseModel):
    format: int = INDEX_FORMAT
    built_at: str
    corpus: str
    generation: str
    versions: dict[str, str]
    model: dict[str, str | int | float | None] = Field(default_factory=dict)  # name, id, dim, weight
    embedded: str  # what was embedded and why
    skipped: dict[str, str]  # file → reason
    counts: dict[str, int]
    timings: dict[str, float]
    parts: list[str] = Field(default_factory=list)  # segment folders, oldest first (index/grow.py)
    dead: list[Tombstone] = Field(default_factory=list)
    pidx_end: int | None = None  # passages numbered so far, tombstoned ones included
    file_changes: list[str] = Field(default_factory=list)  # segments whose FILE_CHANGES apply over files.json
    corrections: str | None = None  # sha256 of the corpus's reports.csv built with ("" none; None: not recorded)
    # segment → the reports whose cross-year findings in the parts before it are replaced by its own (it holds
    # those of the agencies it changed: index/grow.py); a segment not named holds the whole set (grown before)
    cross_year: dict[str, list[str]] = Field(default_factory=dict)
    # the files in corpus order (FileRow); read from files.json on first use when loaded from a folder
    _files: list[FileRow] | None = PrivateAttr(default=None)
    _files_at: Path | None = PrivateAttr(default=None)
    _changes: FileChanges | None = PrivateAttr(default=None)  # set by a grow (with_changes): save writes only it

    @model_validator(mode="wrap")
    @classmethod
    def _take_files(cls, data: Any, handler):
        """`files` (entries, rows or dicts: Manifest(files=…), or an older manifest.json) is kept apart from
        the validated fields, as rows."""
        files = None
        if isinstance(data, dict) and "files" in data:
            data = dict(data)
            files = data.pop("files")
        m = handler(data)
        if files is not None:
            m._files = [FileRow.of(f) for f in files]
        return m

    @model_serializer(mode="wrap")
    def _with_files(self, handler, info) -> dict[str, Any]:
        """model_dump and model_dump_json (a build summary's --json) show the files as entries, as before;
        not with context={"files": False} (save: 100,000 dicts made for nothing)."""
        out = handler(self)
        if (info.context or {}).get("files", True):
            out["files"] = [f._asdict() for f in self.files]
        return out

    @property
    def files(self) -> list[FileRow]:
        if self._files is None:
            if self._files_at is None:
                self._files = []
            else:
                files = read_files(self._files_at)
                for seg in self.file_changes:
                    files = read_changes(self._files_at.parent / seg / FILE_CHANGES).apply(files)
                self._files = files
        return self._files

    def with_changes(self, previous: Manifest, seg: str, touched: set[str]) -> Manifest:
        """This manifest (a grow's, its files set) to be saved as `previous`'s file list and the changes of
        segment `seg`: the rows of the paths in `touched` (no other row may differ). save then writes the
        changes alone, unless they are many or `previous` has no files.json to keep (the older single-file
        layout)."""
        changes = FileChanges.between(previous.files, self.files, touched)
        base = previous._files_at
        if len(changes.rows) + len(changes.removed) <= MAX_CHANGED_ROWS and base is not None and base.is_file():
            self.file_changes = [*previous.file_changes, seg]
            self._changes = changes
        else:
            self.file_changes = []
            self._changes = None
        return self

    def save(self, folder: Path) -> None:
        """manifest.json, and files.json or the new segment's FILE_CHANGES, into a generation folder being
        made (not yet switched to). With changes (with_changes), folder/files.json is the previous
        generation's, hard-linked (index/grow.py), and stays as it is."""
        if self._changes is not None:
            if not (folder / FILES).is_file():
                raise ValueError(f"{folder}: a grown generation without the previous files.json")
            self._changes.write(folder / self.file_changes[-1] / FILE_CHANGES)
        else:
            write_files(folder / FILES, self.files)
        small = self.model_dump(mode="json", context={"files": False})
        (folder / MANIFEST).write_text(json.dumps(small, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest of a generation folder; its files are read when first asked for. Raises OSError or
        ValueError."""
        m = cls.model_validate_json((folder / MANIFEST).read_text("utf-8"))
        if m._files is None:  # the new layout: files.json beside it
            m._files_at = folder / FILES
        return m


class FileChanges(NamedTuple):
    """What one segment changed in the file list: rows added or changed, each with its place in the list
    after the change (`at`, ascending), and the paths that left it."""

    at: list[int]
    rows: list[FileRow]
    removed: list[str]

    def apply(self, files: list[FileRow]) -> list[FileRow]:
        """The list after the change: the rows of `files` that stay keep their order (corpus order), and
        each changed row goes to its place."""
        drop = set(self.removed) | {r.path for r in self.rows}
        out = [f for f in files if f.path not in drop] if drop else list(files)
        for at, row in zip(self.at, self.rows):  # ascending: each insert lands where the final list has it
            out.insert(at, row)
        return out

    def write(self, path: Path) -> None:
        data = _columns(self.rows)
        data.update(at=self.at, removed=self.removed)
        _write_new(path, json.dumps(data, ensure_ascii=False))

    @classmethod
    def between(cls, before: list[FileRow], after: list[FileRow], touched: set[str]) -> FileChanges:
        """The changes from `before` to `after`, two lists in corpus order that differ only in rows whose
        path is in `touched` (the files a grow added, changed, removed or stat'ed anew)."""
        old = {f.path: f for f in before if f.path in touched}
        at, rows, now = [], [], set()
        for i, f in enumerate(after):
            if f.path in touched:
                now.add(f.path)
                if old.get(f.path) != f:
                    at.append(i)
                    rows.append(f)
        return cls(at, rows, sorted(set(old) - now))


def read_changes(path: Path) -> FileChanges:
    data = json.loads(path.read_text("utf-8"))
    return FileChanges(list(data["at"]), _rows(data["fields"], data["columns"]), list(data["removed"]))


def _columns(files: list[FileRow]) -> dict[str, Any]:
    cols = list(zip(*files)) if files else [[] for _ in FileRow._fields]
    return {"fields": list(FileRow._fields), "columns": [list(c) for c in cols]}


def _rows(fields: list[str], cols: list[list]) -> list[FileRow]:
    if fields == list(FileRow._fields):
        return list(map(FileRow._make, zip(*cols)))
    named = dict(zip(fields, cols))  # fields added or dropped since: by name, defaults for the missing
    return [FileRow(**dict(zip(named, row))) for row in zip(*named.values())]


def _write_new(path: Path, text: str) -> None:
    """Written to a temp name and renamed: `path` may be a hard link to the previous generation's file,
    which must never be written through (index/grow.py)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, "utf-8")
    tmp.replace(path)


def write_files(path: Path, files: list[FileRow]) -> None:
    _write_new(path, json.dumps(_columns(files), ensure_ascii=False))


def read_files(path: Path) -> list[FileRow]:
    from index.memory import paused_gc

    with paused_gc():  # (100,000 rows at once)
        data = json.loads(path.read_text("utf-8"))
        return _rows(data["fields"], data["columns"])
