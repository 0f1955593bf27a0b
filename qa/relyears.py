"""Relative years (去年, 前年, 大前年, 今年, 上一年度, 前一年, 近三年, 过去两年): years counted back from a base year and said
in the reading, never guessed in silence. The base is the one year the question names itself (2023年比去年),
else, for the words that point back to a year already talked about (前一年, 上一年度), the conversation's year
(那前一年呢, by qa.context), else the latest year in the index: the reports are yearly and the newest one stands
for "this year" (去年 = the year before it). An elliptical follow-up (那前年呢, 去年的呢) after a question that named
its year counts from that year too (qa.context): it asks about the years around the one talked about."""

from __future__ import annotations

import re

from pydantic import BaseModel

from qa.cnnum import cn_to_int

# 去年结转 / 上年度项目数量 are rows and columns of the template, not years
_NOT_A_YEAR = r"(?!结转|转入|项目|事项|的项目|的事项)"
RE_RELATIVE = re.compile(
    r"(?:(?P<span>(?:最近|近|过去)(?P<k>[两二三四五六七八九十]|\d{1,2})个?年度?(?:以来|来)?)"
    r"|(?P<one>去年度?|大前年度?|前年度?|今年度?|(?<=[和与跟比较同、])(?:最近|最新)一年度?|(?:最近|最新)一年度?(?=[和与跟比较同、])|上一?个?年度|前一年度?|上一?年(?=呢|的呢|$|[？?])|(?<![转到至入])下一年(?=呢|的|$|[？?])))" + _NOT_A_YEAR)
# (结转到下一年 is the template's carry-over and 下一年准备采取 the text's plans: only 那下一年呢 / 下一年的… count on)
# 最近一年 beside another year (最近一年和前一年): the latest year, one side of the pair (alone, 最新一年 / 最近一年
# is each agency's latest report: qa.lexicon's "latest" words)
BACK = {"去年": 1, "前年": 2, "大前年": 3, "今年": 0, "上年度": 1, "上一年度": 1, "上个年度": 1, "上一个年度": 1, "前一年": 1,
        "上年": 1, "上一年": 1, "最近一年": 0, "最新一年": 0, "下一年": -1}


# counted from the year being talked about (那前一年呢, 上一年度呢), where 去年 / 今年 / 近三年 count from now
ANAPHORIC = {"前一年", "上年", "上一年", "上年度", "上一年度", "上个年度", "上一个年度", "下一年"}


class RelativeYear(BaseModel):
    word: str  # as written: 近三年
    back: int  # the earliest year: base - back
    span: int = 1  # how many years up to it (近三年: 3, ending at the base year)
    anaphoric: bool = False  # counted from the conversation's year when there is one
    compared: bool = False  # 今年比去年 / 较上年度: one side of a comparison (in a report's text, its own years)

    def years(self, base: int) -> list[int]:
        first = base - self.back
        return list(range(first, first + self.span))


def find(text: str) -> list[tuple[RelativeYear, tuple[int, int]]]:
    """The relative years of a normalised question, each with where it stands."""
    out = []
    for m in RE_RELATIVE.finditer(text):
        compared = bool(re.match(r"比|较|与|同|跟", text[m.end():m.end() + 1]) or
                        re.search(r"(?:比|较|与|同|跟)$", text[:m.start()]))
        if m.group("span"):
            k = m.group("k")
            n = int(k) if k.isdigit() else cn_to_int(k)
            if not n or n < 2:
                continue
            out.append((RelativeYear(word=m.group(0), back=n - 1, span=n, compared=compared), m.span()))
        else:
            word = m.group("one")
            key = word if word in BACK else word.removesuffix("度")
            out.append((RelativeYear(word=word, back=BACK[key], anaphoric=key in ANAPHORIC or word in ANAPHORIC,
                                     compared=compared), m.span()))
    return out


def resolve(relative: list[RelativeYear], base: int, source: str) -> tuple[list[int], list[str]]:
    """The years meant, and how each word was read (for the reading line and the answer)."""
    years: list[int] = []
    said = []
    for r in relative:
        ys = r.years(base)
        years += ys
        got = f"{ys[0]}年至{ys[-1]}年" if len(ys) > 1 else f"{ys[0]}年"
        # counts of years in words (往前推一年): a year label, never a value an answer would have to cite
        how = f"往后推{_cn(-r.back)}年" if r.span == 1 and r.back < 0 else \
            f"往前推{_cn(r.back)}年" if r.span == 1 and r.back else f"往前数{_cn(r.span)}年（含该年）" if r.span > 1 \
            else ""
        said.append(f"「{r.word}」按{source}{base}年{how}，读作{got}")
    return sorted(set(years)), said


def _cn(n: int) -> str:
    return "零一两三四五六七八九十"[n] if 0 <= n <= 10 else str(n)


def is_relative_note(note: str, relative: list[RelativeYear]) -> bool:
    return any(note.startswith(f"「{r.word}」按") for r in relative)
