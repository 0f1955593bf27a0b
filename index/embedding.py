"""Embedding many passages: the slow stage of a build (~100 ms of CPU a passage with e5 on one core).

Encoder encodes in chunks, in this process or in worker processes (one model per process, one thread
each: on 2 cores two single-threaded processes beat one process with two OpenMP threads, which spin on a
busy machine), and reports each chunk to an EmbedProgress, which turns it into the build's progress bar
with an estimated time left."""

from __future__ import annotations

import os
import time
from collections.abc import Callable

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


# ---------------------------------------------------------------- worker processes
_WORKER_EMBEDDER = None


def _worker_init(model: str | None, parent: int) -> None:
    """Load the model once per worker, on one thread; leave when the build that started it is gone."""
    import threading

    global _WORKER_EMBEDDER
    from index.dense import Embedder

    _WORKER_EMBEDDER = Embedder(model, threads=1)
    _WORKER_EMBEDDER.dim  # load now, not on the first chunk

    def watch() -> None:
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _worker_encode(texts: list[str]) -> np.ndarray:
    return _WORKER_EMBEDDER.encode(texts, batch_size=len(texts) or 1)


class Encoder:
    """Passages → vectors, in order, in `workers` processes (spawned: the parent may already run OpenMP
    or DuckDB threads that a fork would copy half-way) or in this process when workers is 1."""

    def __init__(self, embedder, workers: int = 1):
        self.embedder = embedder
        self.pool = None
        if workers > 1:
            import multiprocessing as mp

            spec = str(embedder._spec) if embedder._spec is not None else os.environ.get("QA_MODEL") or None
            self.pool = mp.get_context("spawn").Pool(workers, initializer=_worker_init, initargs=(spec, os.getpid()))

    def encode(self, texts: list[str], chunk: int, meter: EmbedProgress | None = None) -> np.ndarray:
        chunks = [texts[i:i + chunk] for i in range(0, len(texts), chunk)]
        parts = []
        results = self.pool.imap(_worker_encode, chunks) if self.pool is not None else \
            (self.embedder.encode(c, batch_size=chunk) for c in chunks)
        for c, v in zip(chunks, results):
            parts.append(v)
            if meter is not None:
                meter.add(len(c))
        return np.vstack(parts) if parts else np.zeros((0, self.embedder.dim), np.float32)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
