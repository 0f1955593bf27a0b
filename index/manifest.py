"""A generation's manifest: what it was built from (files, model, counts, parts and tombstones).

Two files in the generation folder: `manifest.json`, small (everything but the file list), and `files.json`,
the file list as columns (one JSON list per field). Why not one JSON document of entries, as before: at
100,000 reports it was 42 MB whose parsing into 100,000 pydantic objects took 8 s on a busy machine (and its
writing 4 s), paid by every reader that opened the index and twice by every one-file add. Columns parse in a
fraction of that into plain tuples (FileRow), and a reader that never needs the list (the engine over a
generation without segments) never reads it. A manifest of the older single-file layout is read as before,
and the next build writes the new layout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import BaseModel, Field, PrivateAttr, model_serializer, model_validator

INDEX_FORMAT = 3  # 2: typed facts tables, keyword term frequencies kept for updates; 3: reports.agency_short
MANIFEST = "manifest.json"
FILES = "files.json"


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
    # the files in corpus order (FileRow); read from files.json on first use when loaded from a folder
    _files: list[FileRow] | None = PrivateAttr(default=None)
    _files_at: Path | None = PrivateAttr(default=None)

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
            self._files = read_files(self._files_at) if self._files_at is not None else []
        return self._files

    def save(self, folder: Path) -> None:
        """manifest.json and files.json into a generation folder being made (not yet switched to)."""
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


def write_files(path: Path, files: list[FileRow]) -> None:
    cols = list(zip(*files)) if files else [[] for _ in FileRow._fields]
    path.write_text(json.dumps({"fields": list(FileRow._fields), "columns": [list(c) for c in cols]},
                               ensure_ascii=False), "utf-8")


def read_files(path: Path) -> list[FileRow]:
    from index.memory import paused_gc

    with paused_gc():  # (100,000 rows at once)
        data = json.loads(path.read_text("utf-8"))
        fields, cols = data["fields"], data["columns"]
        if fields == list(FileRow._fields):
            return list(map(FileRow._make, zip(*cols)))
        named = dict(zip(fields, cols))  # fields added or dropped since: by name, defaults for the missing
        return [FileRow(**dict(zip(named, row))) for row in zip(*named.values())]
