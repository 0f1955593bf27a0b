"""Topic words typed in pinyin (hongze xinxi chulifei, 平潭2020 zhengfu caigou), read as the index's own words.

A run of Latin words that all split into pinyin syllables is matched against the toneless pinyin of the words
the keyword index holds (never a list of words from elsewhere): the reading covering most of the run with
words of two syllables or more wins, a syllable no word covers (le, ji) is dropped, and of several words with
one spelling (zhengfu: 政府, 正负) the one most passages hold stands. English words do not split into syllables
(service, window) and stay as they are, as do single syllables (a, he), which name nothing alone. Place names
in pinyin are the agency finder's (qa.latin); this is for what is asked about them.

Topic words typed by sound in characters (驾使舱, 美扁, 申清: the input method's wrong pick) are read the same way
against the index's words (read_homophones).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from qa.latin import fold, is_pinyin  # the syllable table and how a word splits: the agency names' reader's

MAX_SYLLABLES = 6  # the longest word looked up, in syllables
_LATIN_RUN = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:[\s'’]+[A-Za-z\u00c0-\u024f]+)*")
_HANZI = re.compile(r"[\u3400-\u9fff]{2,%d}" % MAX_SYLLABLES)


@lru_cache(maxsize=65536)
def _char_key(ch: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(ch, style=Style.NORMAL, errors=lambda _: [""])[0].replace("ü", "v")


def word_keys(vocab: dict[str, int], idf: np.ndarray) -> dict[str, str]:
    """Toneless pinyin → the index's most widely held word of 2–MAX_SYLLABLES characters with that spelling."""
    best: dict[str, tuple[float, str]] = {}
    for term, tid in vocab.items():
        if not _HANZI.fullmatch(term):
            continue
        key = "".join(_char_key(c) for c in term)
        if key.isascii() and key.isalpha():
            w = float(idf[tid])
            if key not in best or w < best[key][0]:
                best[key] = (w, term)
    return {k: t for k, (_, t) in best.items()}


def _read_run(letters: str, keys: dict[str, str]) -> list[str]:
    """The words covering most letters of a run (spaces removed), each a whole number of syllables."""
    n = len(letters)
    best: list[tuple[int, int, list[str]] | None] = [None] * (n + 1)  # (letters covered, -words, words)
    best[0] = (0, 0, [])
    for i in range(n):
        if best[i] is None:
            continue
        cov, neg, got = best[i]
        for j in range(i + 1, min(n, i + 6 * MAX_SYLLABLES) + 1):
            piece = letters[i:j]
            options = []
            if j - i <= 6 and is_pinyin(piece, 1):
                options.append((cov, neg, got))  # a syllable no word takes
            word = keys.get(piece) if j - i >= 3 else None
            if word and is_pinyin(piece, 1):
                options.append((cov + j - i, neg - 1, got + [word]))
            for o in options:
                if best[j] is None or o[:2] > best[j][:2]:
                    best[j] = o
    return best[n][2] if best[n] else []


def read_pinyin(query: str, keys_of) -> tuple[str, list[tuple[str, str]]]:
    """The query with each run of pinyin words replaced by the index's words it spells, and what was read
    as what; the query itself when it has none. keys_of() gives word_keys for the index (built on first need)."""
    readings: list[tuple[str, str]] = []

    def sub(m: re.Match[str]) -> str:
        tokens = [fold(t) for t in re.split(r"[\s'’]+", m.group(0))]
        if not all(is_pinyin(t, 1) for t in tokens) or (len(tokens) == 1 and not is_pinyin(tokens[0], 2)):
            return m.group(0)
        words = _read_run("".join(tokens), keys_of())
        if not words:
            return m.group(0)
        readings.append((m.group(0), "".join(words)))
        return " " + " ".join(words) + " "

    out = _LATIN_RUN.sub(sub, query)
    return (out, readings) if readings else (query, [])


# A topic word typed with one character of the same sound (驾使舱 for 驾驶舱, 跟斑学习 for 跟班学习, 美扁 for 美篇: 扁 is
# also read pian, 申清 for 申请): a stretch of the query that is no word of the segmenter's dictionary, which becomes an
# index word when one of its characters is swapped for another of the same reading (tones aside)
HOMOPHONE_LENGTHS = (4, 3, 2)
_HANZI_RUN = re.compile(r"[\u3400-\u9fff]{2,}")


@lru_cache(maxsize=65536)
def _char_readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of a character (扁: bian, pian)."""
    from pypinyin import Style, pinyin

    return tuple(dict.fromkeys(r.replace("ü", "v") for r in pinyin(ch, style=Style.NORMAL, heteronym=True,
                                                                    errors=lambda _: [""])[0] if r))


@lru_cache(maxsize=1)
def _chars_by_sound() -> dict[str, str]:
    """Toneless reading → the common characters (U+4E00–U+9FFF) read so first, from pypinyin's table (0.1 s, once).
    The character typed may be read any of its ways (扁 as pian); the one meant is read its usual way."""
    import unicodedata

    from pypinyin.pinyin_dict import pinyin_dict

    out: dict[str, list[str]] = {}
    for cp, readings in pinyin_dict.items():
        if 0x4E00 <= cp <= 0x9FFF:
            r = readings.split(",")[0]  # its first reading only: 度 is du, not duo (年多 is no 年度)
            bare = "".join(c for c in unicodedata.normalize("NFD", r.replace("ü", "v")) if not unicodedata.combining(c))
            out.setdefault(bare, []).append(chr(cp))
    return {k: "".join(dict.fromkeys(v)) for k, v in out.items()}


def read_homophones(query: str, held, users_word=lambda stretch: False) -> tuple[str, list[tuple[str, str]]]:
    """The query with each stretch typed by sound read as the index word it becomes, and what was read as what;
    the query itself when it has none. held(word) says how widely the index holds a word (a smaller number,
    more passages: its idf), None for no index word; of several words a stretch may become, the most held.
    A stretch is one or more whole words of the query as the segmenter cuts it, none a word that only glues
    the sentence (的, 是, 有: 我是 is no 我市), and the character read otherwise is a word alone or in a word no
    dictionary knows (美/片, 驾使舱; 问政 and 过问 are words, left alone), unless the stretch is three characters
    or more, long enough to say which word it is (行政复义: 复义 is a word). users_word(stretch): a word users say
    that the tables of their words know though the dictionary does not (官网 is no 管网). Seen read wrongly: a run of
    one-character words that becomes a word (小程序里用吗: 里用 → 利用)."""
    from index.keyword import STOPWORDS, _seg

    freq = _seg().dt.FREQ
    readings: list[tuple[str, str]] = []
    for run in _HANZI_RUN.findall(query):
        cut = list(_seg().cut(run))
        taken: set[int] = set()
        for a, b in _stretches(cut):
            toks, stretch = cut[a:b], "".join(cut[a:b])
            if taken & set(range(a, b)) or any(t in STOPWORDS for t in toks) or freq.get(stretch) or users_word(stretch):
                continue
            found = [(held(w), w) for at, w in _sound_alikes(stretch)
                     if (len(stretch) >= 3 or len(_token_at(toks, at)) == 1 or not freq.get(_token_at(toks, at)))
                     and held(w) is not None]
            if found:
                taken |= set(range(a, b))
                readings.append((stretch, min(found)[1]))
    out = query
    for stretch, word in readings:
        out = out.replace(stretch, word)
    return (out, readings) if readings else (query, [])


def _stretches(cut: list[str]) -> list[tuple[int, int]]:
    """(first token, past the last) of each run of whole tokens HOMOPHONE_LENGTHS characters long, longest first."""
    starts = [0]
    for t in cut:
        starts.append(starts[-1] + len(t))
    return [(a, b) for n in HOMOPHONE_LENGTHS for a in range(len(cut)) for b in range(a + 1, len(cut) + 1)
            if starts[b] - starts[a] == n]


def _sound_alikes(stretch: str):
    """(where, the stretch with that one character swapped for another of one of its readings)."""
    for at, ch in enumerate(stretch):
        for r in _char_readings(ch):
            for other in _chars_by_sound().get(r, ""):
                if other != ch:
                    yield at, stretch[:at] + other + stretch[at + 1:]


def _token_at(toks: list[str], at: int) -> str:
    """The token holding the stretch's character `at`."""
    for t in toks:
        if at < len(t):
            return t
        at -= len(t)
    return toks[-1]
