"""jieba's dictionary read by the words a text looks up, for a process that cuts a few files: a segment add
in a new process (`qa build --only`, the app's upload box). jieba.initialize() unmarshals its whole
dictionary (~580,000 words and prefixes: 0.5 s on a quiet machine, 2 s at load 16 on this one) although one
report looks up a few thousand of them.

The dictionary is kept beside jieba's cache as buckets by a word's first two characters (its first alone
for one-character words). Every lookup jieba makes while cutting (get_DAG, calc, the HMM fallback) and
keyword.py's sub-word tests are of substrings of the text being cut, so a word missing from the loaded
buckets is read with its bucket on the first lookup: the cuts are exactly those of the whole dictionary,
for any text (tests/test_build_grow.py). Outside the scope the process is left as if jieba had never been
initialised, so a long-lived process (the app, a full build) loads the whole dictionary as before."""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUCKETS = 1 << 16
_MAGIC = b"QAJB1\n"


def _bucket(word: str) -> int:
    return ((ord(word[0]) * 40009) ^ (ord(word[1]) if len(word) > 1 else 0)) & (BUCKETS - 1)


def _import_jieba():
    """jieba, imported without pkg_resources (0.5 s of imports; jieba's own fallback opens its files by
    path), its log quiet as index.keyword sets it."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    absent = "pkg_resources" not in sys.modules
    if absent:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  (import raises ImportError)
    try:
        import jieba
    finally:
        if absent and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.WARNING)
    return jieba


def bucket_file() -> Path:
    """The bucket file of the installed jieba's dictionary (named by its version, size and time)."""
    from index.cachedir import user_cache_dir

    jieba = _import_jieba()
    source = Path(jieba.__file__).with_name("dict.txt")
    st = source.stat()
    tag = hashlib.sha256(f"{jieba.__version__}|{source}|{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:12]
    return user_cache_dir("jieba") / f"dict-buckets-{tag}.bin"


def write_buckets(freq: dict, total: float, path: Path) -> None:
    """freq (jieba's FREQ) as BUCKETS marshalled dicts after a header of (total, offsets); written to a
    temporary name and renamed, so a reader never sees half a file."""
    groups: list[dict] = [{} for _ in range(BUCKETS)]
    for w, f in freq.items():
        if w:
            groups[_bucket(w)][w] = f
    blobs = [marshal.dumps(g) for g in groups]
    offsets = [0]
    for b in blobs:
        offsets.append(offsets[-1] + len(b))
    header = marshal.dumps((float(total), offsets))
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as out:
            out.write(_MAGIC + len(header).to_bytes(8, "little") + header)
            out.writelines(blobs)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class LazyFreq:
    """jieba's FREQ (word or prefix → count) read bucket by bucket on a word's first lookup. jieba uses
    `in`, [] and get on it."""

    def __init__(self, path: Path):
        data = path.read_bytes()
        if not data.startswith(_MAGIC):
            raise ValueError(f"{path}: not a dictionary bucket file")
        n = int.from_bytes(data[len(_MAGIC):len(_MAGIC) + 8], "little")
        start = len(_MAGIC) + 8
        self.total, self._offsets = marshal.loads(data[start:start + n])
        if len(self._offsets) != BUCKETS + 1:
            raise ValueError(f"{path}: not a dictionary bucket file")
        self._data = memoryview(data)[start + n:]
        self._words: dict[str, int] = {}
        self._loaded: set[int] = set()

    def _has(self, word: str) -> bool:
        if word in self._words:
            return True
        if not word:
            return False
        b = _bucket(word)
        if b in self._loaded:
            return False
        self._loaded.add(b)
        self._words.update(marshal.loads(self._data[self._offsets[b]:self._offsets[b + 1]]))
        return word in self._words

    def __contains__(self, word: str) -> bool:
        return self._has(word)

    def __getitem__(self, word: str) -> int:
        if self._has(word):
            return self._words[word]
        raise KeyError(word)

    def get(self, word: str, default=None):
        return self._words[word] if self._has(word) else default


@contextmanager
def lazy_dictionary() -> Iterator[None]:
    """Within the scope, index.keyword's jieba reads its dictionary by bucket (see the module docstring):
    only when jieba's dictionary is not loaded in this process yet. The first time (no bucket file) the
    whole dictionary is loaded as before and the bucket file written. Only in a process of one thread."""
    import threading

    import index.keyword as kw

    if kw._jieba is not None or threading.active_count() > 1:  # (another thread could cut as the scope ends)
        yield
        return
    path = bucket_file()
    try:
        freq = LazyFreq(path)
    except (OSError, ValueError):
        jieba = kw._seg()
        try:
            write_buckets(jieba.dt.FREQ, jieba.dt.total, path)
        except OSError:
            pass
        yield
        return
    jieba = _import_jieba()
    dt = jieba.dt
    dt.FREQ, dt.total, dt.initialized = freq, freq.total, True
    kw._jieba = jieba
    try:
        yield
    finally:
        if dt.FREQ is freq:  # as if never initialised: a later use loads the whole dictionary
            dt.FREQ, dt.total, dt.initialized = {}, 0, False
            if kw._jieba is jieba:
                kw._jieba = None
