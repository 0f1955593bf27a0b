"""Building the index folder from a corpus folder: facts database, passages, keyword index and (when the
model earns it) the dense index — incrementally and atomically.

Folder layout:
    INDEX/CURRENT            the name of the generation in use, replaced atomically (os.replace)
    INDEX/gen-000007/        manifest.json, facts.duckdb, keyword/, dense/
    INDEX/cache/             per file: its extraction, passages and keyword tokens (and vectors per model),
                             keyed by path and content hash, written once

A build writes a new generation next to the current one and only then points CURRENT at it, so a build
that fails or is killed leaves the previous index whole. Work per file is cached, so a rebuild reads and
embeds only new or changed files, and its result equals a full build."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from index.checks import cross_year_findings
from index.corpus import report_files
from index.errors import ReportError
from index.model import ExtractedReport, Passage

INDEX_FORMAT = 1
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
Progress = Callable[[int, int, str], None]  # (done, total, file name)


class CachedFile(BaseModel):
    """What one file contributes to the index, cached by path and content."""

    report: ExtractedReport
    passages: list[Passage]
    tokens: list[str]  # keyword tokens of each passage, space-joined (jieba is the slow part of a build)
    lines: list[tuple[int, str]]


class FileEntry(BaseModel):
    path: str  # relative to the corpus folder
    sha256: str
    doc: str
    agency: str | None
    year: int | None
    facts: int
    passages: int


class Manifest(BaseModel):
    format: int = INDEX_FORMAT
    built_at: str
    corpus: str
    generation: str
    versions: dict[str, str]
    model: dict[str, str | int | float | None] = Field(default_factory=dict)  # name, id, dim, weight
    embedded: str  # what was embedded and why
    files: list[FileEntry]
    skipped: dict[str, str]  # file → reason
    counts: dict[str, int]
    timings: dict[str, float]


class BuildSummary(BaseModel):
    index: str
    manifest: Manifest
    reused: int
    read: int

    def lines(self) -> list[str]:
        m = self.manifest
        out = [f"索引：{self.index}（{m.generation}）",
               f"报告：{len(m.files)} 份（新读取 {self.read}，沿用缓存 {self.reused}），跳过 {len(m.skipped)} 份",
               f"事实 {m.counts['facts']} 个，段落 {m.counts['passages']} 个，"
               f"核对不一致 {m.counts['fail']} 项，无法核对 {m.counts['not_assessable']} 项",
               f"向量：{m.embedded}"]
        out += [f"  跳过 {name}：{why}" for name, why in m.skipped.items()]
        t = m.timings
        out.append("用时：" + "，".join(f"{k} {v:.2f}s" for k, v in t.items()))
        return out


# ---------------------------------------------------------------- index folder
def is_index(folder: Path) -> bool:
    return (folder / CURRENT).is_file()


def current_generation(folder: Path) -> Path:
    """The generation in use. Raises ReportError for a folder that is no index."""
    if not folder.exists():
        raise ReportError(str(folder), "no index here: build one with `qa build CORPUS_DIR`")
    if not is_index(folder):
        raise ReportError(str(folder), "not an index folder (no CURRENT file)")
    gen = folder / (folder / CURRENT).read_text("utf-8").strip()
    if not (gen / MANIFEST).is_file():
        raise ReportError(str(folder), f"index generation {gen.name} is incomplete: rebuild the index")
    return gen


def read_manifest(folder: Path) -> Manifest:
    return Manifest.model_validate_json((current_generation(folder) / MANIFEST).read_text("utf-8"))


def _check_index_folder(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ReportError(str(folder), "exists and is not a folder: choose another --index")
    if folder.is_dir() and any(folder.iterdir()) and not is_index(folder):
        raise ReportError(str(folder), "exists, is not empty and is not an index folder: "
                                       "nothing was written; choose another --index")


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _next_generation(folder: Path) -> str:
    numbers = [int(p.name.split("-")[1]) for p in folder.glob("gen-*") if p.name.split("-")[1].isdigit()]
    return f"gen-{max(numbers, default=0) + 1:06d}"


def _switch(folder: Path, generation: str) -> None:
    """Point CURRENT at the new generation (atomic), then remove the older ones and stray temp folders."""
    _write_atomic(folder / CURRENT, generation.encode())
    for old in folder.glob("gen-*"):
        if old.name != generation:
            shutil.rmtree(old, ignore_errors=True)
    for stale in folder.glob(".gen-*.tmp"):  # left by a build that was killed (one build at a time)
        shutil.rmtree(stale, ignore_errors=True)


# ---------------------------------------------------------------- per-file work, cached
def _cache_key(rel: str, data: bytes) -> tuple[str, str]:
    sha = hashlib.sha256(data).hexdigest()
    return sha, f"{hashlib.sha256(rel.encode()).hexdigest()[:12]}-{sha[:24]}"


def _process(path: Path, cache: Path, key: str) -> tuple[CachedFile, bool]:
    """The file's cached contribution, or a fresh one (returned with True). Raises ReportError."""
    from index.extract import extract_document
    from index.keyword import TokenizerConfig, body_tokens
    from index.passages import passages_of
    from index.readers import read_document
    from index.store import document_lines

    cached = cache / f"{key}.json"
    if cached.is_file():
        try:
            return CachedFile.model_validate_json(cached.read_bytes()), False
        except ValueError:
            pass  # a cache file from another version: redo it
    doc = read_document(path)
    report = extract_document(doc)
    passages = passages_of(doc, report)
    cfg = TokenizerConfig()
    tokens = [" ".join(body_tokens(p.text, p.agency, cfg)) for p in passages]
    entry = CachedFile(report=report, passages=passages, tokens=tokens, lines=document_lines(doc))
    _write_atomic(cached, entry.model_dump_json().encode())
    return entry, True


# ---------------------------------------------------------------- the build
def build_index(corpus: Path, index: Path, model: str | None = None, embed: bool | None = None,
                progress: Progress | None = None) -> BuildSummary:
    """Build or update INDEX from every report under CORPUS. Raises ReportError for a missing or empty
    corpus folder or an index folder that is not an index; bad report files are skipped with a reason."""
    from index.models import dense_policy

    t0 = time.perf_counter()
    corpus, index = Path(corpus), Path(index)
    if not corpus.is_dir():
        raise ReportError(str(corpus), "no such corpus folder" if not corpus.exists() else "not a folder")
    _check_index_folder(index)
    files = [f for f in report_files([corpus]) if isinstance(f, Path)]
    if not files:
        raise ReportError(str(corpus), "no report files in this folder (.txt .md .html …)")
    index.mkdir(parents=True, exist_ok=True)
    cache = index / "cache"
    cache.mkdir(exist_ok=True)

    entries: list[tuple[str, str, CachedFile]] = []  # (relative path, key, contribution)
    skipped: dict[str, str] = {}
    read = reused = 0
    for n, path in enumerate(files, 1):
        rel = path.relative_to(corpus).as_posix()
        if progress:
            progress(n, len(files), rel)
        try:
            data = path.read_bytes()
            sha, key = _cache_key(rel, data)
            entry, fresh = _process(path, cache, key)
        except ReportError as err:
            skipped[rel] = err.problem
            continue
        except OSError as err:
            skipped[rel] = f"cannot be read ({err.strerror or err})"
            continue
        except Exception as err:  # noqa: BLE001 - one odd file must not stop the build; say which and why
            skipped[rel] = f"could not be extracted ({type(err).__name__}: {err})"
            continue
        read += fresh
        reused += not fresh
        entries.append((rel, key, entry))
    t_extract = time.perf_counter() - t0

    reports = [e.report for _, _, e in entries]
    passages = [p for _, _, e in entries for p in e.passages]
    tokens = [t for _, _, e in entries for t in e.tokens]
    cross = cross_year_findings(reports)

    generation = _next_generation(index)
    work = index / f".{generation}.{os.getpid()}.tmp"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        t1 = time.perf_counter()
        from index.store import FACTS_DB, write_facts_db

        write_facts_db(work / FACTS_DB, reports, cross, passages, {e.report.meta.doc: e.lines for _, _, e in entries})
        from index.keyword import KeywordIndex

        KeywordIndex().build(passages, joined=tokens).save(work / "keyword")
        t_write = time.perf_counter() - t1
        t2 = time.perf_counter()
        policy = dense_policy(model, embed)
        embedded, model_info = policy.reason, policy.info
        if policy.embed:
            embedded = _build_dense(work / "dense", policy, entries, cache) + "；" + policy.reason
        t_embed = time.perf_counter() - t2
        manifest = Manifest(
            built_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"), corpus=str(corpus.resolve()), generation=generation,
            versions=_versions(), model=model_info, embedded=embedded,
            files=[FileEntry(path=rel, sha256=e.report.meta.sha256, doc=e.report.meta.doc,
                             agency=e.report.meta.agency, year=e.report.meta.year, facts=len(e.report.facts),
                             passages=len(e.passages)) for rel, _, e in entries],
            skipped=skipped,
            counts={"reports": len(reports), "facts": sum(len(r.facts) for r in reports), "passages": len(passages),
                    "fail": sum(f.status == "FAIL" for r in reports for f in r.findings) +
                    sum(f.status == "FAIL" for f in cross),
                    "not_assessable": sum(f.status == "NOT_ASSESSABLE" for r in reports for f in r.findings)},
            timings={"read+extract": t_extract, "index write": t_write, "embed": t_embed,
                     "total": time.perf_counter() - t0},
        )
        (work / MANIFEST).write_text(manifest.model_dump_json(indent=1), "utf-8")
        os.replace(work, index / generation)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _switch(index, generation)
    _prune_cache(cache, {key for _, key, _ in entries})
    return BuildSummary(index=str(index), manifest=manifest, reused=reused, read=read)


def _build_dense(folder: Path, policy, entries: list[tuple[str, str, CachedFile]], cache: Path) -> str:
    """Embed prose passages (table rows are numbers: keyword and facts serve them), reusing each file's
    cached vectors for this model."""
    import numpy as np

    from index.dense import DenseIndex, Embedder

    embedder = Embedder(policy.model)
    tag = hashlib.sha256(embedder.model_id.encode()).hexdigest()[:12]
    global_ids, vectors, prose = [], [], []
    offset = 0
    fresh = 0
    for _, key, entry in entries:
        ids = [i for i, p in enumerate(entry.passages) if p.kind == "prose"]
        path = cache / f"{key}.{tag}.npy"
        if path.is_file():
            vecs = np.load(path)
        else:
            vecs = embedder.encode([entry.passages[i].text for i in ids]) if ids else \
                np.zeros((0, embedder.dim), np.float32)
            tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npy")
            np.save(tmp, vecs)
            os.replace(tmp, path)
            fresh += len(ids)
        global_ids += [offset + i for i in ids]
        vectors.append(vecs)
        prose += [entry.passages[i] for i in ids]
        offset += len(entry.passages)
    dense = DenseIndex(embedder).build_from_vectors(prose, np.vstack(vectors) if vectors else None)
    dense.save(folder)
    np.save(folder / "global_ids.npy", np.asarray(global_ids, np.int64))
    return f"{len(prose)} 个正文段落已向量化（本次新算 {fresh} 个），模型 {embedder.name}"


def _prune_cache(cache: Path, keep: set[str]) -> None:
    """Drop cached work of files no longer in the corpus (removed or changed)."""
    for f in cache.iterdir():
        if f.name.split(".")[0] not in keep:
            f.unlink(missing_ok=True)


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("gov-disclosure-qa", "duckdb", "faiss-cpu", "jieba", "sentence-transformers", "pydantic"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def summary_json(summary: BuildSummary) -> str:
    return json.dumps(summary.model_dump(mode="json"), ensure_ascii=False)
