"""Keyword search over passages: Okapi BM25 on jieba search-mode tokens, with an inverted index held in
numpy postings arrays (CSR layout), so a query touches only the postings of its own terms.

Why these choices (the figures are MRR@10 on 26 questions over the five seed reports, see the report
of the change that added this module):
- Tokens are jieba `cut_for_search`'s (a word and its dictionary sub-words: 济南市 → 济南, 南市, 济南市),
  plus place-name stems (张店区 → 张店). In a query, a word's tokens share a weight of 1, so one place
  name does not count three times and outweigh the words that matter.
- The agency name is a field of its own, scored once per passage with IDF over *reports* (BM25F-like):
  reports say 我局 where questions name the agency, and a question that names an agency is answered
  from its report (0.80 with the field at weight 2, 0.75 at 1, 0.64 without). The agency's own name is
  cut out of the body text, or a bare signature line would outrank the report's paragraphs.
- The part title (五、存在的主要问题及改进情况) is a weak field too: 存在哪些问题 then prefers part 五
  (0.76 without it).
- A few government abbreviations (城管 = 城市管理, 人社 = 人力资源和社会保障 …) are added as tokens on both
  sides: questions use the short form, report titles the long one.
- Question words and particles (多少, 哪些, 的 …) are stopwords: they say what kind of answer is wanted,
  not where it is. Years and single digits in a question are dropped; other numbers are kept. The unit
  right after a question word (多少件 → 件, 几人次 → 人次) is kept at weight 0.3: jieba split 多少件 into
  多少 + 件, and 件 at full weight pulled any passage that counts something in 件 above the one about
  the question's topic (tests/test_retrieval_eval.py, 78 questions: R@1 0.96 with the unit dropped,
  0.97 at weight 1, 1.00 at 0.3 or 0.5).
- Boilerplate that every report repeats gets a low IDF by itself; with 10 reports or more, terms found
  in more than half of the reports are damped further so the template's own sentences do not crowd out
  a rare answering passage.
- Character bigrams are available (TokenizerConfig.bigrams) but off: 0.75 with them, and twice the
  postings.
- Per-posting BM25 impacts are precomputed at build time (float32), so a query is a few numpy gathers
  and adds; saved as .npy files that load memory-mapped. Term frequencies and passage lengths are saved
  too, so that a rebuild updates the index (`updated`: drop the changed files' postings, renumber the
  rest, add the new ones, recompute impacts and IDF) instead of re-reading every passage's tokens.

`Filters` and `MetaColumns` (columnar passage metadata for filtering) live here and are shared with
dense.py, so both paths filter identically.
"""

from __future__ import annotations

import hashlib
import json
import logging
from array import array
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel

from index.errors import ReportError
from index.model import Passage

FORMAT_VERSION = 1

# --- tokenisation -------------------------------------------------------------------------------

# Words that say what kind of answer is wanted, or glue a sentence together: no signal for *where*.
STOPWORDS: frozenset[str] = frozenset(
    """
    多少 多少次 多少个 多少条 多少件 几 几个 几次 哪些 哪个 哪里 哪 哪儿 哪家 什么 啥 是否 是不是 有没有 有无
    怎么 怎么样 怎样 如何 为何 为什么 情况 请问 请 告诉 一下 吗 呢 吧 啊 呀 么 嘛
    的 地 得 了 着 过 和 与 及 以及 或 或者 并 并且 而 而且 也 都 就 还 又 即 之 其 其中 该 此 这 那 这些 那些
    这个 那个 在 对 对于 把 被 将 等 等等 从 向 于 以 为 是 有 个 我 我们 你 您 他 她 它 他们 哪年
    上 下 中 内 各 每 则 所 由 给 让 能 可 可以 会 要 应 已 已经 没有 无 不
    """.split()
)

# (long form, short form): questions use the short form, report titles the long one.
ALIASES: tuple[tuple[str, str], ...] = (
    ("城市管理", "城管"),
    ("市场监督管理", "市场监管"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("综合行政执法", "综合执法"),
    ("卫生健康", "卫健"),
    ("生态环境", "环保"),
    ("交通运输", "交通"),
)

# The six parts of the national template: a field of each passage, so that a question like 存在哪些问题
# meets the passages of 五、存在的主要问题及改进情况 even when they never say 问题.
PART_TITLES: dict[str, str] = {
    "一": "总体情况",
    "二": "主动公开政府信息情况",
    "三": "收到和处理政府信息公开申请情况",
    "四": "政府信息公开行政复议、行政诉讼情况",
    "五": "存在的主要问题及改进情况",
    "六": "其他需要报告的事项",
}
PART_CODES: dict[str | None, int] = {None: 0, **{p: i + 1 for i, p in enumerate(PART_TITLES)}}
KIND_CODES: dict[str, int] = {"prose": 0, "row": 1}

_WORDISH = re.compile(r"[0-9a-z\u3400-\u9fff]")
_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_YEAR = re.compile(r"(19|20)\d\d")
# 2023年 in a question names the report (a filter), not a word to find: its 年 alone would match every
# row (平潭综合实验区2023年 主动公开 · …) and rank them all as keyword hits
_YEAR_SAID = re.compile(r"(?<!\d)(?:19|20)\d\d\s*年(?:度)?(?!\d)")
# 几件 / 多少条 / 多少人次: the measure word after a question word names the unit of the answer. jieba
# keeps some of these whole (几件, dropped with the question word) and splits others (多少 + 件, where 件
# alone would weigh as much as a content word and pull up any passage that counts anything in 件).
# Read them out before segmenting and weigh the unit at BM25Params.unit_weight.
_QUESTION_UNIT = re.compile(r"(?:几|多少)(人次|件|条|次|个|项|名|篇|期|家|份|场|起|位|人|天|批|处|万元|元)")
_BIGRAM_PREFIX = "\u0001"  # bigram terms share the vocabulary; the prefix keeps them apart from words

_jieba: Any = None


def _seg() -> Any:
    """jieba, imported and initialised on first use (its dictionary load costs ~1 s)."""
    global _jieba
    if _jieba is None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        from index.cachedir import user_cache_dir  # robust: jieba's cache in a per-user folder, not /tmp

        jieba.dt.tmp_dir = str(user_cache_dir("jieba"))
        jieba.initialize()
        _jieba = jieba
    return _jieba


def normalize(text: str) -> str:
    """Full-width to half-width (NFKC) and lower case, so １２ and 12, ＡＢ and ab are one token."""
    return unicodedata.normalize("NFKC", text).lower()


def _keep(t: str) -> bool:
    if t in STOPWORDS or t.isspace() or not _WORDISH.search(t):
        return False
    # 几件 / 几条 / 多少人: jieba sometimes keeps the measure word on the question word
    return not (len(t) <= 3 and t.startswith(("几", "多少")))


_PLACE_SUFFIX = tuple("省市区县州盟旗镇乡")


def word_groups(text: str) -> list[list[str]]:
    """jieba search-mode tokens, grouped by the precise-mode word they come from: 济南市 → [济南, 南市,
    济南市]. This is what jieba's cut_for_search does inside, kept apart so a query can weigh a group as
    one concept (summed, one place name would count three times and outweigh the words that matter).
    Place names also give their stem (张店区 → 张店; questions drop the suffix, jieba does not split it).
    Stopwords, whitespace and punctuation are dropped; numbers are kept."""
    seg = _seg()
    groups: list[list[str]] = []
    for block in seg.re_han_default.split(normalize(text)):
        if block:
            groups.extend(list(g) for g in _block_groups(block))
    return groups


# jieba cuts a text block by block (runs of hanzi, letters and digits, and what lies between them), each
# on its own; reports repeat their blocks (boilerplate, labels, names) across a corpus, so a block's groups
# are remembered: segmenting was 60% of a build's per-file work. Bounded: emptied when full.
_BLOCK_MEMO: dict[str, tuple[tuple[str, ...], ...]] = {}
BLOCK_MEMO_MAX = 200_000


def _block_groups(block: str) -> tuple[tuple[str, ...], ...]:
    got = _BLOCK_MEMO.get(block)
    if got is not None:
        return got
    seg = _seg()
    freq = seg.dt.FREQ
    groups = []
    for w in seg.cut(block):  # the same words as inside the whole text: jieba splits it into these blocks
        g = []
        if len(w) > 2:
            g += [w[i : i + 2] for i in range(len(w) - 1) if freq.get(w[i : i + 2])]
        if len(w) > 3:
            g += [w[i : i + 3] for i in range(len(w) - 2) if freq.get(w[i : i + 3])]
        g.append(w)
        if len(w) >= 3 and w.endswith(_PLACE_SUFFIX) and _CJK_RUN.fullmatch(w):
            g.append(w[:-1])
        g = [t for t in dict.fromkeys(g) if _keep(t)]
        if g:
            groups.append(tuple(g))
    if len(_BLOCK_MEMO) >= BLOCK_MEMO_MAX:
        _BLOCK_MEMO.clear()
    got = _BLOCK_MEMO[block] = tuple(groups)
    return got


def words(text: str) -> list[str]:
    """The index's tokens for a text: word_groups flattened (cut_for_search's tokens plus place stems)."""
    return [t for g in word_groups(text) for t in g]


def bigrams(text: str) -> list[str]:
    """Overlapping character bigrams of each CJK run: a net under jieba's segmentation choices."""
    out: list[str] = []
    for run in _CJK_RUN.findall(normalize(text)):
        out.extend(_BIGRAM_PREFIX + run[i : i + 2] for i in range(len(run) - 1))
    return out


def alias_tokens(text: str) -> list[str]:
    return [short for long, short in ALIASES if long in text or short in text]


def normalize_agency(name: str) -> str:
    """For agency filters: 济南市城管局 and 济南市城市管理局 compare equal."""
    s = normalize(name).replace(" ", "")
    for long, short in ALIASES:
        s = s.replace(long, short)
    return s


class TokenizerConfig(BaseModel):
    bigrams: bool = False  # off: no gain on the seed questions (see the module docstring), 2x postings
    bigram_weight: float = 0.5


def body_tokens(text: str, agency: str | None, cfg: TokenizerConfig) -> list[str]:
    """The passage text's terms. The agency's own name is cut out of the text: it is indexed once per
    passage in the agency field, and counted again here it would make a bare signature line
    (鹤岗市城市管理综合执法局) outrank every real paragraph of that report."""
    t = normalize(text)
    if agency:
        t = t.replace(normalize(agency), " ")
    toks = words(t) + alias_tokens(t)
    if cfg.bigrams:
        toks += bigrams(t)
    return toks


def field_terms(value: str) -> set[str]:
    """Terms of a short field (agency name, part title)."""
    return set(words(value)) | set(alias_tokens(normalize(value)))


def _tokenize_batch(args: tuple[list[tuple[str, str | None]], dict[str, Any]]) -> list[str]:
    """Worker entry point: token lists joined by a space (cheaper to pickle than lists of str)."""
    items, cfg_dict = args
    cfg = TokenizerConfig(**cfg_dict)
    return [" ".join(body_tokens(t, a, cfg)) for t, a in items]


# --- metadata columns and filters ---------------------------------------------------------------


class Filters(BaseModel):
    """Restrict a search. agency matches exactly or as a substring, after normalising abbreviations."""

    agency: str | list[str] | None = None  # several: the names one agency's files give (qa.facts: fuller_names)
    agency_match: Literal["exact", "substring"] = "substring"
    year: int | list[int] | None = None
    part: str | list[str] | None = None  # 一 … 六
    kind: Literal["prose", "row"] | None = None
    doc: str | None = None


FilterArg = Filters | dict[str, Any] | None


def as_filters(f: FilterArg) -> Filters | None:
    if f is None or isinstance(f, Filters):
        return f
    return Filters(**f)


class MetaColumns:
    """Passage metadata as small integer arrays, so a filter is a vectorised mask over all passages."""

    def __init__(self, agencies: list[str], docs: list[str], cols: dict[str, np.ndarray],
                 norms: list[str] | None = None):
        """norms: the agencies' normalize_agency, when known (a combination of parts keeps its base's)."""
        self.agencies = agencies  # table; agency_id indexes it, -1 = unknown
        self.docs = docs
        self.agency_id = cols["agency_id"]
        self.doc_id = cols["doc_id"]
        self.year = cols["year"]  # -1 = unknown
        self.part = cols["part"]  # PART_CODES
        self.kind = cols["kind"]  # KIND_CODES
        self._agency_norm = norms if norms is not None else [normalize_agency(a) for a in agencies]

    @classmethod
    def from_passages(cls, passages: Sequence[Passage]) -> MetaColumns:
        agencies: dict[str, int] = {}
        docs: dict[str, int] = {}
        n = len(passages)
        cols = {
            "agency_id": np.empty(n, np.int32),
            "doc_id": np.empty(n, np.int32),
            "year": np.empty(n, np.int16),
            "part": np.empty(n, np.int8),
            "kind": np.empty(n, np.int8),
        }
        for i, p in enumerate(passages):
            cols["agency_id"][i] = agencies.setdefault(p.agency, len(agencies)) if p.agency else -1
            cols["doc_id"][i] = docs.setdefault(p.doc, len(docs))
            cols["year"][i] = p.year if p.year is not None else -1
            cols["part"][i] = PART_CODES.get(p.part, 0)
            cols["kind"][i] = KIND_CODES[p.kind]
        return cls(list(agencies), list(docs), cols)

    def __len__(self) -> int:
        return len(self.doc_id)

    def mask(self, filters: FilterArg) -> np.ndarray | None:
        """Boolean mask of the passages the filters allow, or None when nothing is filtered."""
        f = as_filters(filters)
        if f is None:
            return None
        m = np.ones(len(self), bool)
        if f.agency is not None:
            wants = [normalize_agency(x) for x in ([f.agency] if isinstance(f.agency, str) else f.agency)]
            ok = [
                any((a == w) if f.agency_match == "exact" else (w in a) for w in wants) for a in self._agency_norm
            ] + [False]  # slot for -1 (unknown agency)
            m &= np.asarray(ok, bool)[self.agency_id]
        if f.doc is not None:
            ok = [d == f.doc for d in self.docs] + [False]
            m &= np.asarray(ok, bool)[self.doc_id]
        if f.year is not None:
            m &= np.isin(self.year, np.atleast_1d(f.year))
        if f.part is not None:
            parts = [f.part] if isinstance(f.part, str) else f.part
            m &= np.isin(self.part, [PART_CODES.get(p, -1) for p in parts])
        if f.kind is not None:
            m &= self.kind == KIND_CODES[f.kind]
        return m

    def save(self, d: Path) -> None:
        (d / "meta_tables.json").write_text(
            json.dumps({"agencies": self.agencies, "docs": self.docs}, ensure_ascii=False), "utf-8"
        )
        for name in ("agency_id", "doc_id", "year", "part", "kind"):
            np.save(d / f"meta_{name}.npy", getattr(self, name))

    @classmethod
    def load(cls, d: Path) -> MetaColumns:
        tables = json.loads((d / "meta_tables.json").read_text("utf-8"))
        cols = {n: np.load(d / f"meta_{n}.npy") for n in ("agency_id", "doc_id", "year", "part", "kind")}
        return cls(tables["agencies"], tables["docs"], cols)


def fingerprint(passages: Iterable[Passage]) -> str:
    """Identifies the passage list an index was built over, so a caller can tell a stale index."""
    h = hashlib.sha256()
    for p in passages:
        h.update(p.id.encode())
        h.update(b"\n")
    return h.hexdigest()[:16]


def top_k(scores: np.ndarray, cand: np.ndarray, k: int, rank: np.ndarray | None = None) -> list[tuple[int, float]]:
    """The k best candidates by score, ties broken by passage index so results are reproducible (or by
    `rank`, a passage's place in corpus order, where numbers are not in that order: index/generation.py)."""
    if len(cand) == 0 or k <= 0:
        return []
    s = scores[cand]
    if len(cand) > k:
        # keep everything tied with the k-th score, then sort exactly
        kth = np.partition(s, len(s) - k)[len(s) - k]
        keep = s >= kth
        cand, s = cand[keep], s[keep]
    order = np.lexsort((cand if rank is None else rank[cand], -s))[:k]
    return [(int(cand[i]), float(s[i])) for i in order]


def fingerprint_ids(ids: Iterable[str]) -> str:
    """fingerprint() from the passage ids alone."""
    ids = list(ids)
    return hashlib.sha256(("\n".join(ids) + "\n").encode() if ids else b"").hexdigest()[:16]


class TermCounts:
    """Term frequencies of passages as they come (index.build adds them file by file): 8 bytes a
    posting in typed arrays, not Python objects."""

    def __init__(self) -> None:
        self._vocab: dict[str, int] = {}
        self._term_ids = array("i")
        self._tfs = array("i")
        self._counts = array("q")  # distinct terms per passage
        self._lens = array("i")  # tokens per passage

    def add(self, joined: Iterable[str]) -> None:
        vocab, term_ids, tfs = self._vocab, self._term_ids, self._tfs
        for s in joined:
            toks = s.split()
            self._lens.append(len(toks))
            c = Counter(toks)
            self._counts.append(len(c))
            for t, f in c.items():
                tid = vocab.get(t)
                if tid is None:
                    tid = vocab[t] = len(vocab)
                term_ids.append(tid)
                tfs.append(f)

    def __len__(self) -> int:
        return len(self._lens)

    def terms(self) -> list[str]:
        return list(self._vocab)  # insertion order = term id

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(term ids, passage numbers 0..len-1, term frequencies). The term ids and frequencies are views of
        the counts' own buffers (no copy: at 10^5 reports they are 10^8 postings; adding to the counts
        while a view lives raises BufferError)."""
        n = len(self._lens)
        pids = np.repeat(np.arange(n, dtype=np.int32), np.frombuffer(self._counts, np.int64) if n else [])
        return (np.frombuffer(self._term_ids, np.int32) if len(self._term_ids) else np.zeros(0, np.int32),
                pids, np.frombuffer(self._tfs, np.int32) if len(self._tfs) else np.zeros(0, np.int32))

    def lengths(self) -> np.ndarray:
        return np.frombuffer(self._lens, np.int32).copy() if len(self._lens) else np.zeros(0, np.int32)


# --- the index ----------------------------------------------------------------------------------


class BM25Params(BaseModel):
    k1: float = 1.5
    b: float = 0.75
    common_doc_frac: float = 0.5  # a term in more than this share of reports is boilerplate …
    common_damping: float = 0.3  # … and its IDF is multiplied by this
    common_min_docs: int = 10  # with fewer reports, "more than half" says nothing
    # Fields scored once per passage with no length normalisation (BM25F-like, tf fixed at 1):
    # 济南 / 沙河 in the question → every passage of that agency's reports. Strong on purpose: a question
    # that names an agency is answered from that agency's report, not by a closer wording elsewhere.
    agency_weight: float = 2.0
    part_weight: float = 0.5  # 存在 / 问题 → a weak prior for part 五's passages
    unit_weight: float = 0.3  # the unit a question asks in (多少件 → 件): a hint, not a topic


class KeywordIndex:
    def __init__(
        self, params: BM25Params | None = None, tokenizer: TokenizerConfig | None = None, workers: int = 1
    ):
        self.params = params or BM25Params()
        self.tok = tokenizer or TokenizerConfig()
        self.workers = workers  # processes for tokenising at build time (jieba is pure Python)
        self.vocab: dict[str, int] = {}
        self.n = 0
        self.fingerprint = ""
        self.build_seconds = 0.0
        self.tf: np.ndarray | None = None  # term frequency of each posting, and tokens per passage: what
        self.lens: np.ndarray | None = None  # updated() needs to rebuild without the passages' text

    # build ---------------------------------------------------------------------------------------

    def _tokenize_all(self, passages: Sequence[Passage]) -> list[str]:
        items = [(p.text, p.agency) for p in passages]
        cfg = self.tok.model_dump()
        if self.workers <= 1 or len(items) < 2000:
            _seg()
            return _tokenize_batch((items, cfg))
        import multiprocessing as mp

        _seg()  # initialise before forking so each worker inherits the loaded dictionary
        step = 2000
        chunks = [(items[i : i + step], cfg) for i in range(0, len(items), step)]
        with mp.get_context("fork").Pool(self.workers) as pool:
            out: list[str] = []
            for part in pool.imap(_tokenize_batch, chunks):
                out.extend(part)
        return out

    def build(self, passages: Sequence[Passage], joined: Sequence[str] | None = None) -> KeywordIndex:
        """`joined`: each passage's tokens, space-joined, when the caller cached them (index.build does, per
        file, so that a rebuild does not run jieba over the whole corpus again)."""
        t0 = time.perf_counter()
        counts = TermCounts()
        counts.add(joined if joined is not None else self._tokenize_all(passages))
        tids, pids, tf = counts.postings()
        self._assemble(tids, pids, tf, counts.lengths(), counts.terms(), MetaColumns.from_passages(passages),
                       fingerprint(passages))
        self.build_seconds = time.perf_counter() - t0
        return self

    def build_from_counts(self, counts: TermCounts, meta: MetaColumns, fp: str,
                          known: KeywordIndex | None = None) -> KeywordIndex:
        """An index over passages whose term counts the caller gathered (index.build, file by file);
        `known`: an index whose agencies' field terms are reused (see _build_fields)."""
        t0 = time.perf_counter()
        self._assemble(*counts.postings(), counts.lengths(), counts.terms(), meta, fp, known=known)
        self.build_seconds = time.perf_counter() - t0
        return self

    def updated(self, old: KeywordIndex, pid_map: np.ndarray, counts: TermCounts, new_pids: np.ndarray,
                meta: MetaColumns, fp: str) -> KeywordIndex:
        """This index built from `old` without re-reading its passages: old passage i becomes passage
        pid_map[i] (-1: gone, its file changed or left the corpus), and the passages of `counts` are added
        as new_pids. Equal to building from all passages' tokens (same postings, term frequencies and
        lengths; impacts and IDF are recomputed over the whole corpus). `old` must have been saved with
        its term frequencies (old.can_update())."""
        t0 = time.perf_counter()
        if not old.can_update():
            raise ValueError("the old keyword index has no term frequencies: build from all passages")
        # 4 bytes a posting where that is enough (passage numbers < 2^31), intermediates dropped as soon as
        # used: at 10^8 postings each array is 0.4-0.8 GB, and a compaction's peak was here (9.7 GB)
        old_tids = np.repeat(np.arange(len(old.vocab), dtype=np.int32), np.diff(np.asarray(old.indptr)))
        moved = np.asarray(pid_map, np.int32)[np.asarray(old.postings)]
        keep = moved >= 0
        old_terms = sorted(old.vocab, key=old.vocab.__getitem__)
        terms = old_terms + [t for t in counts.terms() if t not in old.vocab]
        index_of = {t: i for i, t in enumerate(terms)}
        to_combined = np.asarray([index_of[t] for t in counts.terms()], np.int32)
        new_tids, new_local, new_tf = counts.postings()
        tids = np.concatenate([old_tids[keep], to_combined[new_tids]]) if len(new_tids) else old_tids[keep]
        del old_tids
        pids = np.concatenate([moved[keep], np.asarray(new_pids, np.int32)[new_local]])
        del moved
        tf = np.concatenate([np.asarray(old.tf)[keep], new_tf])
        del keep
        lens = np.zeros(len(meta), np.int32)
        old_at = np.flatnonzero(np.asarray(pid_map) >= 0)
        lens[np.asarray(pid_map)[old_at]] = np.asarray(old.lens)[old_at]
        lens[np.asarray(new_pids, np.int64)] = counts.lengths()
        self._assemble(tids, pids, tf, lens, terms, meta, fp, known=old, inplace=True)
        self.build_seconds = time.perf_counter() - t0
        return self

    def can_update(self) -> bool:
        return getattr(self, "tf", None) is not None and getattr(self, "lens", None) is not None

    def _assemble(self, tids: np.ndarray, pids: np.ndarray, tf: np.ndarray, lens: np.ndarray, terms: list[str],
                  meta: MetaColumns, fp: str, known: KeywordIndex | None = None, inplace: bool = False) -> None:
        """Postings (term id, passage, term frequency) in any order → the CSR arrays, BM25 impacts, IDF
        and fields. Term ids are renumbered in the terms' sorted order, terms without postings dropped, so
        the same passages give the same files however they were gathered. inplace: the three arrays are the
        caller's own (int32 ids), renumbered and sorted where they are rather than copied (the caller's
        references would keep the unsorted copies alive through the sort)."""
        n = len(meta)
        used = np.flatnonzero(np.bincount(tids, minlength=len(terms))) if len(tids) else np.zeros(0, np.int64)
        used_terms = [terms[i] for i in used]
        by_text = sorted(range(len(used)), key=used_terms.__getitem__)
        renumber = np.full(len(terms) + 1, -1, np.int32)
        renumber[used[by_text]] = np.arange(len(used), dtype=np.int32)
        if inplace:
            tids[...] = renumber[tids]
        else:
            tids = renumber[tids]
        vocab_terms = [used_terms[i] for i in by_text]
        order = np.lexsort((pids, tids))  # postings grouped by term, passages ascending within
        if inplace:
            for a in (tids, pids, tf):
                a[...] = a[order]
        else:
            tids, pids, tf = tids[order], pids[order], np.asarray(tf)[order]
        pids = pids.astype(np.int32, copy=False)
        del order  # the largest array here (8 bytes a posting): gone before the impacts are computed
        df = np.bincount(tids, minlength=len(vocab_terms))
        self.indptr = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        self.postings = pids
        self.tf = np.minimum(tf, np.iinfo(np.uint16).max).astype(np.uint16)  # kept for updates
        self.lens = np.asarray(lens, np.int32)

        k1, b = self.params.k1, self.params.b
        flens = self.lens.astype(np.float32)
        avgdl = float(flens.mean()) if n else 1.0
        norm = k1 * (1 - b + b * flens / max(avgdl, 1e-9))
        tff = tf.astype(np.float32)
        impacts = norm[pids].astype(np.float32, copy=False)  # tf (k1 + 1) / (tf + norm), in two arrays
        impacts += tff
        tff *= k1 + 1
        self.impacts = np.divide(tff, impacts, out=impacts)
        del tff
        self.idf = _idf(n, df)

        # number of distinct reports each term occurs in, for the boilerplate damping
        self.meta = meta
        doc_of = meta.doc_id[pids]
        if len(doc_of) and bool(np.all(np.diff(meta.doc_id) >= 0)):
            # a report's passages are contiguous, so within a term its postings' reports ascend: count changes
            first = np.ones(len(tids), bool)
            first[1:] = (tids[1:] != tids[:-1]) | (doc_of[1:] != doc_of[:-1])
            self.report_df = np.bincount(tids[first], minlength=len(vocab_terms)).astype(np.int32)
        else:
            n_docs = max(len(meta.docs), 1)
            uniq = np.unique(tids.astype(np.int64) * n_docs + doc_of)
            self.report_df = np.bincount(uniq // n_docs, minlength=len(vocab_terms)).astype(np.int32)

        self.fields = self._build_fields(known)
        self.vocab = dict(zip(vocab_terms, range(len(vocab_terms))))
        self.n = n
        self.fingerprint = fp
        self._prepare()

    def _build_fields(self, known: KeywordIndex | None = None) -> dict[str, dict[str, list[int]]]:
        """term → agency ids, and term → part codes: the short fields, kept as tiny inverted lists.
        known: an index built with the same tokenizer, whose agencies' terms are reused (segmenting a name
        needs jieba, whose dictionary takes a second or more to load)."""
        terms_of: dict[str, list[str]] = {}
        if known is not None:
            for t, ids in known.fields["agency"].items():
                for aid in ids:
                    terms_of.setdefault(known.meta.agencies[aid], []).append(t)
        agency: dict[str, list[int]] = {}
        for aid, name in enumerate(self.meta.agencies):
            terms = sorted(terms_of[name]) if name in terms_of else sorted(field_terms(name))
            for t in terms:
                agency.setdefault(t, []).append(aid)
        if known is not None:
            part = {t: list(ids) for t, ids in known.fields["part"].items()}
        else:
            part = {}
            for numeral, title in PART_TITLES.items():
                for t in field_terms(title):
                    part.setdefault(t, []).append(PART_CODES[numeral])
        return {"agency": agency, "part": part}

    def _prepare(self) -> None:
        """Query-time tables derived from what is stored (cheap; done after build and load)."""
        p = self.params
        n_docs = len(self.meta.docs)
        w = np.asarray(self.idf, np.float32).copy()
        if n_docs >= p.common_min_docs:
            w[np.asarray(self.report_df) > p.common_doc_frac * n_docs] *= p.common_damping
        self._w = w
        # Agency terms: IDF over reports (a name is rare when few reports carry it, however long they
        # are). Part-title terms: IDF over passages (how much of the corpus the part covers).
        m = self.meta
        reports_per_agency = np.zeros(len(m.agencies), np.int64)
        known = m.agency_id >= 0
        pairs = np.unique(m.doc_id[known].astype(np.int64) * max(len(m.agencies), 1) + m.agency_id[known])
        np.add.at(reports_per_agency, pairs % max(len(m.agencies), 1), 1)  # (1-D: unique by rows sorts slowly)
        passages_per_part = np.bincount(m.part, minlength=len(PART_CODES))
        self._field_idf = {
            "agency": {
                t: float(_idf(len(m.docs), reports_per_agency[ids].sum())) for t, ids in self.fields["agency"].items()
            },
            "part": {t: float(_idf(self.n, passages_per_part[ids].sum())) for t, ids in self.fields["part"].items()},
        }

    # search --------------------------------------------------------------------------------------

    def term_weights(self) -> np.ndarray:
        """Body-term IDF with boilerplate terms damped."""
        self._prepare()
        return self._w

    def query_terms(self, query: str) -> list[tuple[str, float]]:
        """The query's terms with their weights. A precise-mode word's search-mode tokens share a weight
        of 1 (济南市 → 济南, 南市, 济南市 at 1/3 each): a passage holding the word gets about one term's
        worth, one holding only a part of it gets part. Year-like numbers are dropped (a year is a
        filter, and every report repeats its own year); single digits too (tables are full of 0 and 1);
        other numbers are kept, since a question that quotes one (公开了808条) is about it."""
        terms: dict[str, float] = {}
        units = _QUESTION_UNIT.findall(normalize(query))
        query = _YEAR_SAID.sub(" ", _QUESTION_UNIT.sub(" ", normalize(query)))
        for group in word_groups(query):
            # a place's suffix left alone (平潭区2024… once 平潭 is read as the agency): no word of its own
            group = [t for t in group if not (t.isdigit() and (len(t) == 1 or _YEAR.fullmatch(t)))
                     and t not in _PLACE_SUFFIX]
            for t in group:
                terms[t] = max(terms.get(t, 0.0), 1.0 / len(group))
        for t in alias_tokens(normalize(query)):
            terms.setdefault(t, 0.5)  # 城管 from 城管局: the same concept again, at half weight
        for t in units:
            terms.setdefault(t, self.params.unit_weight)
        if self.tok.bigrams:
            # bigrams only inside the kept words, so 存在哪些问题 gives no 在哪 / 些问
            for w in list(terms):
                for bg in bigrams(w):
                    terms.setdefault(bg, self.tok.bigram_weight * terms[w])
        return list(terms.items())

    def scores(self, query: str) -> np.ndarray | None:
        """BM25 score of every passage (body + agency field + part field), or None if no term is known."""
        scores = np.zeros(self.n, np.float32)
        bonus = FieldBonus(self)
        hit = False
        for term, qw in self.query_terms(query):
            tid = self.vocab.get(term)
            if tid is not None:
                s, e = self.indptr[tid], self.indptr[tid + 1]
                # postings within a term are distinct passages, so fancy-index += is a correct scatter-add
                scores[self.postings[s:e]] += (qw * self._w[tid]) * self.impacts[s:e]
                hit = True
            hit = bonus.add(term, qw) or hit
        if not hit:
            return None
        bonus.apply(scores)
        return scores

    def search(self, query: str, k: int = 10, filters: FilterArg = None) -> list[tuple[int, float]]:
        scores = self.scores(query)
        if scores is None:
            return []
        mask = self.meta.mask(filters)
        if mask is not None:
            scores[~mask] = 0
        return top_k(scores, np.flatnonzero(scores > 0), k)

    # persistence ---------------------------------------------------------------------------------

    def save(self, directory: str | Path) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        info = {
            "format": FORMAT_VERSION,
            "kind": "keyword-bm25",
            "n": self.n,
            "fingerprint": self.fingerprint,
            "params": self.params.model_dump(),
            "tokenizer": self.tok.model_dump(),
            "vocab_size": len(self.vocab),
            "fields": self.fields,
        }
        # vocabulary as one newline-joined text (terms never hold whitespace): splits far faster than JSON
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        (d / "vocab.txt").write_text("\n".join(terms), "utf-8")
        for name in ("indptr", "postings", "impacts", "idf", "report_df"):
            np.save(d / f"{name}.npy", getattr(self, name))
        if self.can_update():  # what a later build needs to update this index instead of rebuilding it
            np.save(d / "tf.npy", self.tf)
            np.save(d / "lens.npy", self.lens)
        self.meta.save(d)
        (d / "keyword.json").write_text(json.dumps(info, ensure_ascii=False, sort_keys=True), "utf-8")

    @classmethod
    def load(cls, directory: str | Path, mmap: bool = True, prepare: bool = True) -> KeywordIndex:
        """mmap=True maps the postings instead of reading them: opening is near-instant and the OS pages
        in only the postings that queries touch. prepare=False skips the query-time tables (a part of a
        segmented generation, index/generation.py, is scored with the whole generation's)."""
        d = Path(directory)
        try:
            info = json.loads((d / "keyword.json").read_text("utf-8"))
        except FileNotFoundError:
            raise ReportError(str(d), "no keyword index here (keyword.json missing): build the index first") from None
        if info.get("format") != FORMAT_VERSION:
            raise ReportError(str(d), f"keyword index format {info.get('format')} is not {FORMAT_VERSION}: rebuild it")
        self = cls(BM25Params(**info["params"]), TokenizerConfig(**info["tokenizer"]))
        text = (d / "vocab.txt").read_text("utf-8")
        terms = text.split("\n") if text else []
        self.vocab = dict(zip(terms, range(len(terms))))
        for name in ("indptr", "postings", "impacts", "idf", "report_df"):
            setattr(self, name, np.load(d / f"{name}.npy", mmap_mode="r" if mmap else None))
        for name in ("tf", "lens"):  # absent in indexes saved before updates existed
            f = d / f"{name}.npy"
            setattr(self, name, np.load(f, mmap_mode="r" if mmap else None) if f.is_file() else None)
        self.meta = MetaColumns.load(d)
        self.fields = info["fields"]
        self.n = info["n"]
        self.fingerprint = info["fingerprint"]
        if len(self.vocab) != info["vocab_size"] or len(self.meta) != self.n:
            raise ReportError(str(d), "keyword index files do not agree with each other: rebuild it")
        if prepare:
            self._prepare()
        return self


def _idf(n: int, df: Any) -> Any:
    """Okapi IDF in the always-positive form (Lucene's): a term in most passages weighs little, never < 0."""
    return np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)


class FieldBonus:
    """The agency and part fields' share of a query's scores: one rule for a whole index and for an index
    read across its parts (index/generation.py), so both score alike. `index` has fields, params,
    _field_idf and meta."""

    def __init__(self, index) -> None:
        self.index = index
        self.agency = np.zeros(len(index.meta.agencies) + 1, np.float32)  # last slot: agency unknown (-1)
        self.part = np.zeros(len(PART_CODES), np.float32)

    def add(self, term: str, qw: float) -> bool:
        """Adds a query term's field bonus; True when the term names an agency (a hit on its own)."""
        ix = self.index
        if term in ix.fields["part"]:
            self.part[ix.fields["part"][term]] += qw * ix.params.part_weight * ix._field_idf["part"][term]
        if term in ix.fields["agency"]:
            self.agency[ix.fields["agency"][term]] += qw * ix.params.agency_weight * ix._field_idf["agency"][term]
            return True
        return False

    def apply(self, scores: np.ndarray) -> None:
        if self.agency.any():
            scores += self.agency[self.index.meta.agency_id]
        if self.part.any():
            # the part prior only ranks passages that matched something else: alone it would return a
            # whole part of every report
            touched = scores > 0
            scores[touched] += self.part[self.index.meta.part[touched]]
