"""Embedding many passages: the slow stage of a build (~100 ms of CPU a passage with e5 on one core).

A new file is embedded where it is extracted (embed_file): in the build's worker processes when there are
many new files (one model per process, one thread each: two single-threaded processes do not spin-wait
on each other as two OpenMP threads of one process do on a busy machine), else in the build's process.
The vectors go to the vector cache, one file per report, so a rebuild embeds only new or changed files.
with_eta adds the estimated time left to the build's progress bar; Encoder embeds what is still missing
in chunks, each reported to an EmbedProgress."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

Progress = Callable[[int, int, str], None]  # (done, total, what): the build's progress callback


def _eta_words(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds >= 3600:
        return f"{seconds // 3600}小时{seconds % 3600 // 60:02d}分"
    if seconds >= 60:
        return f"{seconds // 60}分{seconds % 60:02d}秒"
    return f"{seconds}秒"


class EmbedProgress:
    """Counts embedded passages and estimates the time left from the rate so far."""

    def __init__(self, total: int, progress: Progress | None, clock: Callable[[], float] = time.perf_counter):
        self.total, self.done = total, 0
        self.progress, self.clock = progress, clock
        self.started = clock()

    def rate(self) -> float:
        """Passages a second so far."""
        elapsed = self.clock() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        r = self.rate()
        return (self.total - self.done) / r if r > 0 else None

    def label(self) -> str:
        eta = self.eta()
        return "向量化" + (f"，约剩{_eta_words(eta)}" if eta is not None and self.done < self.total else "")

    def add(self, n: int) -> None:
        self.done += n
        if self.progress:
            self.progress(self.done, self.total, self.label())


def with_eta(progress: Progress, clock: Callable[[], float] = time.perf_counter) -> Progress:
    """The build's per-file progress, its label led by the estimated time left (from the rate so far):
    while embedding, a file takes seconds."""
    started = clock()

    def show(done: int, total: int, name: str) -> None:
        elapsed = clock() - started
        left = elapsed / done * (total - done) if done > 1 and elapsed > 1 else None
        # the time left first: a progress bar may cut a long file name
        progress(done, total, (f"约剩{_eta_words(left)} · " if left is not None and done < total else "") + name)

    return show


# ---------------------------------------------------------------- one file's vectors
@dataclass(frozen=True)
class EmbedJob:
    """What a file's worker needs to embed its passages: plain data, so a forked worker can take it."""

    model: str | None
    tag: str  # names the vectors: model id and what is embedded (index.build._vector_tag)
    folder: str  # the vector cache


def vector_path(job: EmbedJob, key: str) -> Path:
    return Path(job.folder) / f"{key}.{job.tag}.npy"


_WORKER_EMBEDDERS: dict = {}
WORKER_MAX_PASSAGES = 400  # ~40 s on one idle core; the build's per-file time limit in a worker is 300 s


def embed_file(job: EmbedJob, key: str, texts: list[str]) -> int:
    """Embed one file's passages into the vector cache unless they are there; the number embedded. A
    failure leaves the file without vectors (the build embeds it again, in the main process, and says
    why if it fails there too). In a forked worker the model loads on its first file, on one thread."""
    path = vector_path(job, key)
    if path.is_file():
        return 0
    from index.dense import _LOADED, Embedder

    worker = os.getpid() != _MAIN_PID
    if worker and len(texts) > WORKER_MAX_PASSAGES:
        return 0  # a worker has a time limit per file (index.build FILE_TIMEOUT): a long report is embedded after
    me = (os.getpid(), job.model)
    if me not in _WORKER_EMBEDDERS:
        if worker and _LOADED:
            return 0  # a model the parent had loaded: its OpenMP threads do not survive a fork; the parent embeds
        _WORKER_EMBEDDERS[me] = Embedder(job.model, threads=1 if worker else None)
    try:
        v = _WORKER_EMBEDDERS[me].encode(texts, batch_size=32)
    except Exception:  # noqa: BLE001 - see the docstring
        return 0
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.npy")
    np.save(tmp, v)
    os.replace(tmp, path)
    return len(texts)


_MAIN_PID = os.getpid()


class Encoder:
    """Passages → vectors, in order, in chunks that each report to an EmbedProgress."""

    def __init__(self, embedder):
        self.embedder = embedder

    def encode(self, texts: list[str], chunk: int, meter: EmbedProgress | None = None) -> np.ndarray:
        parts = []
        for i in range(0, len(texts), chunk):
            parts.append(self.embedder.encode(texts[i:i + chunk], batch_size=chunk))
            if meter is not None:
                meter.add(len(parts[-1]))
        return np.vstack(parts) if parts else np.zeros((0, self.embedder.dim), np.float32)
