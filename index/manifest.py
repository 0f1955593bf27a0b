"""A generation's manifest: what it was built from (files, model, counts, parts and tombstones).

`manifest.json` in the generation folder is small (everything but the file list); the file list is kept
apart, in the layout of index/filelist.py (files.sqlite and file_spans.npy for the base, the newest
segment's file_changes.json for what the segments changed), read by the paths, documents and agencies an
add names and by the spans an open needs, and whole only when asked for (`Manifest.files`).

Older layouts still open: `files.json` (the list as JSON columns, with per-segment changes by place) and,
before it, manifest.json with the files inline. Their list is read whole, as before, and the next build
(a full one, or the first segment added) writes the current layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field, PrivateAttr, model_serializer, model_validator

INDEX_FORMAT = 3  # 2: typed facts tables, keyword term frequencies kept for updates; 3: reports.agency_short
MANIFEST = "manifest.json"
FILES = "files.json"
FILE_CHANGES = "file_changes.json"  # in a segment folder: what the segments changed in the list (index/filelist.py)
MAX_CHANGED_ROWS = 4096  # a grow whose overlay holds more rows than this writes the whole list again


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
    # the files in corpus order (FileRow), when held whole; else read through `table` (index/filelist.py)
    _files: list[FileRow] | None = PrivateAttr(default=None)
    _folder: Path | None = PrivateAttr(default=None)  # the generation folder it was loaded from
    _table: Any = PrivateAttr(default=None)  # FileTable or ListTable, made on first use
    _overlay: Any = PrivateAttr(default=None)  # set by a grow (with_overlay): save writes only it

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
        """The whole list in corpus order (read whole: a full build, compaction, --json)."""
        if self._files is None:
            self._files = self.table.rows()
        return self._files

    @property
    def table(self):
        """The file list for lookups (index/filelist.py: FileTable, or ListTable over a list held whole)."""
        from index.filelist import BASE_DB, FileTable, ListTable, Overlay

        if self._table is None:
            if self._files is not None or self._folder is None:
                self._table = ListTable(self._files or [])
            elif (self._folder / BASE_DB).is_file():
                overlay = None
                if self.file_changes:
                    overlay = Overlay.read(self._folder / self.file_changes[-1] / FILE_CHANGES)
                    if overlay is None:
                        raise ValueError(f"{self._folder}: {self.file_changes[-1]}/{FILE_CHANGES} is of an older "
                                         "format than files.sqlite: rebuild the index (qa build --compact)")
                self._table = FileTable(self._folder, overlay) if overlay else FileTable(self._folder)
            else:  # files.json: the older layout, read whole
                files = read_files(self._folder / FILES)
                for seg in self.file_changes:
                    files = read_changes(self._folder / seg / FILE_CHANGES).apply(files)
                self._table = ListTable(files)
        return self._table

    @property
    def n_files(self) -> int:
        return len(self._files) if self._files is not None else len(self.table)

    def with_overlay(self, seg: str, change, base: Path, folder: Path) -> Manifest:
        """This manifest (a grow's) with the file list of the previous generation changed by segment `seg`:
        `change` is FileTable.changed's overlay (saved as seg's FILE_CHANGES over the hard-linked base) or
        ListTable.changed's whole list (saved whole: an older layout, or an overlay grown past
        MAX_CHANGED_ROWS). base: the previous generation's folder; folder: where this one will be (its table
        reads the hard-linked base there)."""
        from index.filelist import FileTable, Overlay

        if isinstance(change, Overlay) and len(change.rows) + len(change.dropped) <= MAX_CHANGED_ROWS:
            self.file_changes = [seg]
            self._overlay = change
            self._table = FileTable(folder, change)
            return self
        self.file_changes = []
        self._files = FileTable(base, change).rows() if isinstance(change, Overlay) else change
        return self

    def save(self, folder: Path) -> None:
        """manifest.json, and the file list or the new segment's FILE_CHANGES, into a generation folder being
        made (not yet switched to). With an overlay (with_overlay), the base (files.sqlite) is the previous
        generation's, hard-linked (index/grow.py), and stays as it is."""
        from index.filelist import BASE_DB, write_base

        if self._overlay is not None:
            if not (folder / BASE_DB).is_file():
                raise ValueError(f"{folder}: a grown generation without the previous {BASE_DB}")
            self._overlay.write(folder / self.file_changes[-1] / FILE_CHANGES)
        else:
            self.file_changes = []
            write_base(folder, self.files)
            (folder / FILES).unlink(missing_ok=True)  # an older layout's list, hard-linked from the previous one
        small = self.model_dump(mode="json", context={"files": False})
        (folder / MANIFEST).write_text(json.dumps(small, ensure_ascii=False, indent=1), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest of a generation folder; its files are read when first asked for. Raises OSError or
        ValueError."""
        m = cls.model_validate_json((folder / MANIFEST).read_text("utf-8"))
        m._folder = Path(folder)
        return m


class FileChanges(NamedTuple):
    """What one segment changed in the file list, in the older layout (files.json): rows added or changed,
    each with its place in the list after the change (`at`, ascending), and the paths that left it."""

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
