"""Recognising template labels in cell text, whatever the typos, spaces, numbering and line breaks.

Labels are matched against the template (index.template), never against a list of spellings seen so far:
`本机关不张我相关政府信息` is 本机关不掌握相关政府信息 by similarity, `2. 其他法律行政` is the start of
其他法律行政法规禁止公开."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import Literal

from index.hanzi import to_simplified
from index.template import Row, Table

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．,，]|[（(][一二三四五六七八九十\d]+[)）][、.．]?|\d+[.、．,，)）]|第[一二三四五六七八九十]+[、.．])"
)
_NOISE = str.maketrans("", "", " \t\u3000“”\"'‘’《》:：")
# A footnote marker after a label ('总计²' printed or pasted as '总计2', '维持①', '规章*'): one or two digits or a
# mark right after the label's last word. A count glued to its label has its own reading (index.align).
_MARKER = re.compile(r"(?<=[\u4e00-\u9fff)])(?:\d{1,2}|[①-⑩*＊※])$")
MIN_SCORE = 0.72
MAX_LABEL_CHARS = 60  # a longer cell is prose, not a label


@lru_cache(maxsize=65536)  # label texts recur in every report of a corpus
def normalise_label(text: str) -> str:
    """Label text without spaces, quotes, leading numbering and a trailing footnote marker: '（一） 予以公开' →
    '予以公开', '总计2' → '总计'."""
    t = to_simplified(text).translate(_NOISE).replace("（", "(").replace("）", ")")  # 繁體 labels too
    prev = None
    while prev != t:
        prev = t
        t = _NUMBERING.sub("", t)
    return strip_marker(t)


def strip_marker(text: str) -> str:
    """The text without a trailing footnote marker: '总计2' → '总计', '维持①' → '维持'."""
    return _MARKER.sub("", text)


_NOTE = re.compile(r"\([^()]*\)?$")


def strip_note(label: str) -> str:
    """Drop a trailing parenthesised note: '部分公开(区分处理的，只计这一情形，不计其他情形)' → '部分公开'."""
    return _NOTE.sub("", label) or label  # also a note cut off by a line break: '部分公开(区分…不'


def similarity(token: str, label: str) -> float:
    """How well a cell's text names a label: edit similarity, with credit for a label cut short by a
    line break (the token is the label's beginning)."""
    if not token or not label:
        return 0.0
    if token == label:
        return 1.0
    score = SequenceMatcher(None, token, label).ratio()
    if len(token) >= 4 and label.startswith(token):
        score = max(score, _prefix_credit(token, label))
    return score


def _prefix_credit(token: str, label: str) -> float:
    return 0.75 + 0.25 * len(token) / len(label)


def _similarity_bound(token: str, counts: Counter[str], label: str, label_counts: Counter[str]) -> float:
    """An upper bound of similarity(token, label) that costs no alignment: SequenceMatcher's ratio is at
    most 2·(characters in common, with multiplicity) / (both lengths), and the prefix credit is exact."""
    if not token or not label:
        return 0.0
    total = len(token) + len(label)
    common = 0
    if 2 * min(len(token), len(label)) >= MIN_SCORE * total:
        get = label_counts.get
        for ch, n in counts.items():  # the size of (counts & label_counts), without making that Counter
            m = get(ch)
            if m:
                common += n if n < m else m
    bound = 2.0 * common / total
    if len(token) >= 4 and label.startswith(token):
        bound = max(bound, _prefix_credit(token, label))
    return bound


Kind = Literal["row", "group", "header"]


@dataclass(frozen=True)
class LabelMatch:
    kind: Kind
    table: str
    row: Row | None
    score: float
    text: str  # the label as the template prints it


@cache
def _candidates(table: Table) -> tuple[tuple[str, Kind, Row | None, str, Counter[str]], ...]:
    out: list[tuple[str, Kind, Row | None, str]] = []
    for row in table.rows:
        for name in (row.label, *row.aliases):
            out.append((strip_note(normalise_label(name)), "row", row, row.label))
    for g in table.groups:
        out.append((normalise_label(g), "group", None, g))
    for h in table.headers:
        out.append((strip_note(normalise_label(h)), "header", None, h))
    return tuple((name, kind, row, printed, Counter(name)) for name, kind, row, printed in out)


@lru_cache(maxsize=32768)  # the same cell texts at the same places in every report of a template
def match_label(text: str, table: Table, rows_from: int = 0) -> LabelMatch | None:
    """The best label of `table` that `text` names, or None. Rows before index `rows_from` are not
    candidates: rows come in template order, so a label never names a row already passed."""
    if len(text) > MAX_LABEL_CHARS or text.rstrip().endswith("。"):
        return None
    token = strip_note(normalise_label(text))
    if not token:
        return None
    return _best_match(token, table, rows_from)


@lru_cache(maxsize=100_000)
def _best_match(token: str, table: Table, rows_from: int) -> LabelMatch | None:
    """The first candidate of the highest score, a row winning a tie with a header or group. Cached: the
    same few hundred label spellings recur in every report of a corpus."""
    allowed = {id(r) for r in table.rows[rows_from:]}
    best: LabelMatch | None = None
    for score, kind, row, printed in _scored(token, table):
        if kind == "row" and id(row) not in allowed:
            continue
        if best is None or score > best.score or (score == best.score and kind == "row" and best.kind != "row"):
            best = LabelMatch(kind, table.key, row, score, printed)
    return best


@lru_cache(maxsize=100_000)
def _scored(token: str, table: Table) -> tuple[tuple[float, Kind, Row | None, str], ...]:
    """The candidates `token` names with at least MIN_SCORE, in template order, whatever rows are still
    allowed (so that one alignment serves every position in the table). Candidates whose bound is under
    MIN_SCORE are never aligned: the matching itself (difflib) is the expensive part."""
    counts = Counter(token)
    out = []
    for name, kind, row, printed, name_counts in _candidates(table):
        if _similarity_bound(token, counts, name, name_counts) < MIN_SCORE:
            continue
        score = similarity(token, name)
        if score >= MIN_SCORE:
            out.append((score, kind, row, printed))
    return tuple(out)


def is_fragment_of(text: str, label: str) -> bool:
    """A piece of a label broken across cells or lines (鹤岗: '2. 其他法律行政' … '法规禁止公开')."""
    token = normalise_label(text)
    return len(token) >= 2 and (token in normalise_label(label) or token.startswith("(") or token.startswith("（"))
