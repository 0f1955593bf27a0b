"""Traditional → simplified Chinese, in one place: reports (some sites serve 繁體) and questions are matched
against the template in simplified characters, while what is shown keeps the text as written."""

from __future__ import annotations

from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """The text in simplified characters; simplified text comes back unchanged. Same length is not
    guaranteed by OpenCC in general, but t2s maps character for character on the template's vocabulary."""
    return _T2S.convert(text)


_MEDIALS = ("i", "u", "v")


@lru_cache(maxsize=65536)
def rhyme(ch: str) -> str:
    """A character's final without tone and medial (店 dian → an, 占 zhan → an, 川 chuan → an, 州 zhou → ou):
    characters that share a phonetic component mostly share it (占 in 店 点 站 沾), so a name typed with one
    of them for another (张占 for 张店) still rhymes with the name. '' for no reading (not a Chinese character)."""
    from pypinyin import Style, lazy_pinyin

    final = lazy_pinyin(ch, style=Style.FINALS, strict=True, errors=lambda _: [""])[0]
    while len(final) > 1 and final[0] in _MEDIALS and final[1] in "aeo":
        final = final[1:]
    return final


def rhymes(a: str, b: str) -> bool:
    """Two characters whose finals agree once the medial is dropped (占 and 店)."""
    ra = rhyme(a)
    return bool(ra) and ra == rhyme(b)
