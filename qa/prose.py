"""Answers read from the reports' text: retrieval filtered to the agency, year and part a question names,
then the sentence of the best passage that holds most of the question's words.

A question is out of the reports' scope when its content words (not the agency's name, not question
words) are mostly missing from the best passage, weighed by how rare each word is: an honest "not in
these reports" with the closest passages beats a confident wrong sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.keyword import PART_TITLES, normalize
from index.model import Passage
from qa.answer import Citation
from qa.retrieve import Retriever

GENERIC = frozenset({"报告", "年报", "年度", "单位", "情况", "工作", "政府", "信息", "政务", "本年", "全年", "开展",
                     "一下", "介绍", "说说", "主要", "有关", "相关", "方面", "具体", "什么样", "怎么样", "如何"})
_SENT = re.compile(r"(?<=[。！？!?])|\n")  # not at ；: a list of problems stays one sentence
_HEADING = re.compile(r"^[#\s]*[一二三四五六七八九十]+、")
MAX_SENTENCE = 150
COVERAGE = 0.5  # share of the question's content weight the best passage must hold


@dataclass
class Sentence:
    passage: Passage
    text: str
    score: float
    line: int  # the line the sentence starts on
    next_line: int | None = None  # a lead-in's continuation on the line after the passage
    next_text: str = ""


@dataclass
class ProseResult:
    sentences: list[Sentence]
    coverage: float
    terms: list[str]  # the content words of the question
    missing: list[str]  # content words no passage holds


class Prose:
    def __init__(self, retriever: Retriever, lines=None):
        """lines: FactStore.lines, to find the line a sentence starts on (passages skip blank lines)."""
        self.retriever = retriever
        self._lines = lines
        kw = retriever.keyword
        self._agency_terms = set(kw.fields.get("agency", {})) if hasattr(kw, "fields") else set()
        self._weights = kw.term_weights()  # computed once: term_weights() recomputes its tables on each call
        self._top = float(self._weights.max()) if len(self._weights) else 1.0

    def content_terms(self, query: str) -> list[tuple[str, float]]:
        """The question's words that say what it is about, with a weight (IDF; unknown words weigh most)."""
        kw = self.retriever.keyword
        weights, top = self._weights, self._top
        out = []
        for term, qw in kw.query_terms(query):
            if term in self._agency_terms or term in GENERIC or len(term) < 2 and not term.isdigit():
                continue
            tid = kw.vocab.get(term)
            out.append((term, qw * (float(weights[tid]) if tid is not None else top)))
        return out

    def find(self, query: str, agency: str | None = None, year: int | None = None, part: str | None = None,
             k: int = 3, distinct_agencies: bool = False) -> ProseResult:
        terms = self.content_terms(query)
        res = self.retriever.search(query, k=max(k * 4, 8) if distinct_agencies else k, agency=agency, year=year,
                                    part=part, kind="prose")
        want_number = bool(re.search(r"多少|几|数量|次数|人次|比例|百分", query))
        sentences: list[Sentence] = []
        seen: set[str] = set()
        for hit in res.hits:
            p = hit.passage
            if distinct_agencies and (p.agency or p.doc) in seen:
                continue
            seen.add(p.agency or p.doc)
            s = self._best_sentence(p, terms, want_number, hit.score)
            if s:
                s.line = self._line_of(p, s.text)
                self._continue(s)
                sentences.append(s)
            if len(sentences) >= k:
                break
        total = sum(w for _, w in terms)
        coverage = 1.0
        missing: list[str] = []
        if terms and sentences and total:
            # the passage holding most of the question's words first (ties: retrieval order)
            covs = [sum(w for t, w in terms if t in normalize(s.passage.text)) / total for s in sentences]
            order = sorted(range(len(sentences)), key=lambda i: -covs[i])
            sentences = [sentences[i] for i in order]
            coverage = covs[order[0]]
            missing = [t for t, _ in terms if not any(t in normalize(s.passage.text) for s in sentences)]
        elif terms:
            coverage, missing = 0.0, [t for t, _ in terms]
        return ProseResult(sentences, coverage, [t for t, _ in terms], missing)

    def _continue(self, s: Sentence) -> None:
        """A lead-in that ends its passage (…着重从以下三方面做好政务公开工作：): the next line says what."""
        if self._lines is None or not s.text.endswith(("：", ":")) or not s.passage.text.rstrip().endswith(s.text):
            return
        end = s.passage.line_end
        nxt = self._lines([(s.passage.doc, end + 1, end + 3)])
        for ln in range(end + 1, end + 4):
            t = (nxt.get((s.passage.doc, ln)) or "").strip()
            if t and not _HEADING.match(t):
                s.next_line, s.next_text = ln, t[:MAX_SENTENCE]
                return

    def _line_of(self, p: Passage, text: str) -> int:
        if self._lines is None:
            return p.line_start
        lines = self._lines([(p.doc, p.line_start, p.line_end)])
        head = text[:10]
        for ln in range(p.line_start, p.line_end + 1):
            if head in re.sub(r"\s+", "", lines.get((p.doc, ln), "")) or head in lines.get((p.doc, ln), ""):
                return ln
        return p.line_start

    @staticmethod
    def _best_sentence(p: Passage, terms: list[tuple[str, float]], want_number: bool, base: float) -> Sentence | None:
        parts = [s.strip() for s in _SENT.split(p.text) if s and s.strip()]
        if not parts:
            return None
        best_i, best = 0, -1.0
        for i, s in enumerate(parts):
            if _HEADING.match(s) and len(s) < 40:
                continue  # a part's title: 五、存在的主要问题及改进情况 says nothing
            norm = normalize(s)
            score = sum(w for t, w in terms if t in norm)
            if want_number and re.search(r"\d", s):
                score += 0.5 * (max((w for _, w in terms), default=1.0))
            if score > best:
                best_i, best = i, score
        text = parts[best_i]
        j = best_i + 1
        while len(text) < 40 and j < len(parts):  # a lead-in (…存在一些不足和问题。): the next sentence says what
            text += parts[j]
            j += 1
        if len(text) > MAX_SENTENCE:
            text = _window(text, terms)
        return Sentence(p, text, base + best, p.line_start)


def _window(text: str, terms: list[tuple[str, float]]) -> str:
    """The clauses of a long sentence around the one that holds most of the question's words."""
    clauses = [c for c in re.split(r"(?<=[，,；;：:])", text) if c]
    scores = [sum(w for t, w in terms if t in normalize(c)) for c in clauses]
    best = max(range(len(clauses)), key=lambda i: (scores[i], -i))
    lo, hi = best, best + 1
    while True:
        grown = False
        if lo > 0 and len("".join(clauses[lo - 1:hi])) <= MAX_SENTENCE:
            lo, grown = lo - 1, True
        if hi < len(clauses) and len("".join(clauses[lo:hi + 1])) <= MAX_SENTENCE:
            hi, grown = hi + 1, True
        if not grown:
            break
    return "".join(clauses[lo:hi])[:MAX_SENTENCE].rstrip("，,；;：:")


def part_title(part: str | None) -> str:
    return f"{part}、{PART_TITLES[part]}" if part in PART_TITLES else "正文"


def passage_citation(s: Sentence) -> Citation:
    p = s.passage
    return Citation(doc=p.doc, agency=p.agency, year=p.year, part=p.part, line_start=p.line_start,
                    line_end=p.line_end, quote=p.text, value=s.text, kind="passage")


def sentence_citations(s: Sentence) -> list[Citation]:
    """The passage, and the line that continues a lead-in, when there is one."""
    out = [passage_citation(s)]
    if s.next_line:
        p = s.passage
        out.append(Citation(doc=p.doc, agency=p.agency, year=p.year, part=p.part, line_start=s.next_line,
                            line_end=s.next_line, quote=s.next_text, value=s.next_text, kind="passage"))
    return out


def sentence_text(s: Sentence) -> str:
    return s.text + s.next_text


def coverage_ok(result: ProseResult) -> bool:
    return bool(result.sentences) and (not result.terms or result.coverage >= COVERAGE)

