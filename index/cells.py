"""Reading one table cell's text as a value: blanks, placeholders, signed words, thousands separators,
units, and sentences where a number belongs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from index.hanzi import to_simplified

# Full-width digits and signs as pasted from Word/PDF.
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
PLACEHOLDERS = {"/", "／", "-", "—", "－", "–", "无", "\\", "——"}
_NUMBER = re.compile(
    r"^(?P<sign>增加|减少|增|减|[+-])?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万元|亿元|元|件|项|个|条|次)?$"
)


@dataclass(frozen=True)
class CellValue:
    value: int | float | None
    raw: str
    flags: tuple[str, ...] = ()
    unit: str | None = None  # a unit written in the cell itself

    @property
    def is_text(self) -> bool:
        return "text" in self.flags


_NUMBERING_ONLY = re.compile(r"[（(]?[一二三四五六七八九十\d]+[)）.、．]")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=65536)  # cell texts repeat endlessly across a corpus ('0', '', labels)
def normalise(text: str) -> str:
    """Cell text without stray spaces, with half-width digits, in simplified characters ('減1043', '萬元')."""
    return _SPACE.sub("", to_simplified(text.translate(_FULLWIDTH)))


@lru_cache(maxsize=65536)
def is_number_like(text: str) -> bool:
    """A cell that holds a value (or a blank/placeholder standing for one)."""
    t = normalise(text)
    return t == "" or t in PLACEHOLDERS or bool(_NUMBER.match(t))


@lru_cache(maxsize=65536)  # the checks write the same small values in every report (1 and 1.0 write alike)
def plain_number(v: int | float) -> str:
    """A value as plain text, exact to the 6 decimals amounts carry: 313, 2580.444799 (never 2580.44)."""
    return str(int(v)) if float(v).is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")


_VALUE_RUN = re.compile(r"(?:增加|减少|[增减+\-])?\d(?:[\d,.+\-]|增加|减少|增|减)*(?:万元|亿元|元)?")


@lru_cache(maxsize=65536)
def is_value_run(text: str) -> bool:
    """Values run together or with stray spaces ('640020470', '230 000023', '35-15'): digits and the signs,
    points and unit values carry, nothing else."""
    return bool(_VALUE_RUN.fullmatch(normalise(text)))


@lru_cache(maxsize=65536)
def is_numbering(text: str) -> bool:
    """'1.' or '(六)' alone: the numbering of a label split into its own cell, never a value."""
    t = normalise(text)
    return bool(_NUMBERING_ONLY.fullmatch(t))


@lru_cache(maxsize=65536)  # frozen results: the same cell texts recur in every report
def parse_cell(text: str) -> CellValue:
    raw = text.strip()
    t = normalise(text)
    if t == "":
        return CellValue(0, raw, ("blank",))
    if t in PLACEHOLDERS:
        return CellValue(0, raw, ("placeholder",))
    m = _NUMBER.match(t)
    if not m:
        return CellValue(None, raw, ("text",))
    flags: list[str] = []
    num = m.group("num")
    if "," in num:
        flags.append("thousands")
        num = num.replace(",", "")
    dec = Decimal(num)
    sign = m.group("sign")
    if sign:
        flags.append("signed")
        if sign in ("减", "减少", "-"):
            dec = -dec
    value: int | float = int(dec) if dec == dec.to_integral_value() and "." not in num else float(dec)
    return CellValue(value, raw, tuple(flags), m.group("unit"))


# ---------------------------------------------------------------- amounts in 万元
YUAN_RULE = "未注明单位：不小于100000、或带两位小数且不小于10000的金额按元计，换算为万元"
WAN_RULE = "未注明单位：按模板单位万元计"


def to_wan_yuan(cell: CellValue, header_unit: str | None) -> tuple[int | float | None, list[str], str | None]:
    """An amount cell in 万元, with the flags and the rule used. The unit written in the cell wins, then the
    unit in the column header; a bare figure is judged by its look (25804447.99 is evidently 元)."""
    if cell.value is None:
        return None, [], None
    unit = cell.unit or header_unit
    if cell.value == 0:
        return cell.value, [], None
    dec = Decimal(str(cell.value))
    if unit == "万元":
        return cell.value, [], None
    if unit == "元":
        return _num(dec / 10000), ["unit_converted"], None
    if unit == "亿元":
        return _num(dec * 10000), ["unit_converted"], None
    two_decimals = re.search(r"\.\d{2}$", normalise(cell.raw)) is not None
    if abs(dec) >= 100000 or (two_decimals and abs(dec) >= 10000):
        return _num(dec / 10000), ["unit_assumed", "unit_converted"], YUAN_RULE
    return cell.value, ["unit_assumed"], WAN_RULE


def _num(dec: Decimal) -> int | float:
    dec = dec.normalize()
    return int(dec) if dec == dec.to_integral_value() else float(dec)


def header_unit(text: str) -> str | None:
    """The unit a column header states: 采购总金额（单位：万元，保留4位小数）."""
    for unit in ("万元", "亿元", "元"):
        if unit in text:
            return unit
    return None
