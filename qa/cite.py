"""Citations: every number an answer states points at its source cell, quoted from the report's own line.

A fact's citation quotes the `lines` row of its (doc, line); where the layout puts one cell per line, the
quote runs back to the row's label, so that 「行政处罚 126 增13 135」 reads as a row. The cited value is the
cell's raw text as it stands in the quote (for highlighting); a blank cell read as 0 and a value placed by
arithmetic say so in `note`.
"""

from __future__ import annotations

import re

from index.cells import plain_number
from qa.answer import Citation
from qa.facts import Cell, FactStore

BACK = 8  # lines looked back for a row's label in one-cell-per-line layouts
FULL = 500  # rows of a table whose citations quote their source lines (exports quote them); the rest carry
#            their source cell in AnswerTable.sources (file, line, key), quoted when opened
BULK = 60  # more cells than this (a whole ranking's table): their lines read in one query
_LABEL = re.compile(r"[\u4e00-\u9fff]{2,}")
_VALUE_ONLY = re.compile(r"\s*[增减+\-－]?\s*[\d,，.]*\s*(?:万元|元|件|项|个)?\s*")

FLAG_NOTES = {
    "blank": "空白单元格，按0计",
    "placeholder": "单元格为“/”或“无”，按0计",
    "signed": "带增减符号",
    "thousands": "含千分位",
    "unit_converted": "单位已换算为万元",
    "unit_assumed": "未注明单位，按规则推定",
    "text": "此处为文字，不是数字",
    "uncertain_placement": "单元格数与列数不符，位置按模板算术推定",
    "ambiguous": "无法确定数字的位置",
    "split_run": "连在一起的数字按模板算术拆分",
}


def _is_label(text: str) -> bool:
    return bool(_LABEL.search(text)) and not _VALUE_ONLY.fullmatch(text)


class Citer:
    def __init__(self, store: FactStore):
        self.store = store

    def cells(self, cells: list[Cell]) -> list[Citation]:
        """One citation per cell, in the order given; two database reads for all of them."""
        if not cells:
            return []
        reports = self.store.reports
        details = self.store.details([c.rowid for c in cells])
        spans = [(reports[c.rid].doc, max(1, c.line - BACK), c.line) for c in cells]
        lines = self.store.lines(spans) if len(cells) <= BULK else self.store.lines_bulk(spans)
        out = []
        for c in cells:
            r = reports[c.rid]
            start = c.line
            own = lines.get((r.doc, c.line), "")
            if not _is_label(own):  # a lone cell: run back to the row's label
                for ln in range(c.line - 1, max(0, c.line - BACK) - 1, -1):
                    t = lines.get((r.doc, ln))
                    if t is None:
                        break
                    start = ln
                    if _is_label(t):
                        break
            parts = [lines.get((r.doc, ln), "").strip() for ln in range(start, c.line + 1)]
            quote = " ".join(re.sub(r"\s+", " ", p) for p in parts if p)
            d = details.get(c.rowid)
            raw = d.raw.strip() if d else ""
            value = raw if raw and raw in quote else None
            if value is None and c.value is not None and plain_number(c.value) in quote:
                value = plain_number(c.value)
            notes = [FLAG_NOTES[f] for f in c.flags if f in FLAG_NOTES]
            if d and d.note:
                notes.append(d.note)
            out.append(Citation(doc=r.doc, agency=r.agency, year=r.year, part=_part(c.key), line_start=start,
                                line_end=c.line, quote=quote or raw, value=value, key=c.key, kind="fact",
                                flags=list(c.flags), number=c.value, note="；".join(notes) or None))
        return out


def _part(key: str) -> str:
    from index.template import fact_specs

    spec = fact_specs().get(key)
    return spec.part if spec else None
