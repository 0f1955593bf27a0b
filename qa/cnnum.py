"""Chinese and Arabic numbers in questions: 前三, 前五名, 十, 两个, 一百二十, 1,113, 3.5万."""

from __future__ import annotations

import re

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER = "[零〇一二两三四五六七八九十百千万]+"
NUMBER = rf"(?:\d[\d,]*(?:\.\d+)?万?|{CN_NUMBER})"


def cn_to_int(text: str) -> int | None:
    """一百二十 → 120, 十五 → 15, 两 → 2, 三万 → 30000; None if not a Chinese numeral."""
    if not text or any(ch not in DIGITS and ch not in UNITS and ch != "万" for ch in text):
        return None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch] if digit is None else digit * 10 + DIGITS[ch]  # 一二 read as digits
        elif ch in UNITS:
            section += (1 if digit is None else digit) * UNITS[ch]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(text: str) -> float | None:
    """'1,113' → 1113, '3.5万' → 35000, '一百' → 100."""
    text = text.strip()
    scale = 1
    if text.endswith("万") and re.match(r"^\d", text):
        scale, text = 10000, text[:-1]
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", text):
        return float(text.replace(",", "")) * scale
    n = cn_to_int(text)
    return float(n) if n is not None else None
