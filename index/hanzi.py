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
