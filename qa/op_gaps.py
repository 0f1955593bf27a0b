"""Gaps: what a report leaves out of the template (张店缺了哪些数据, 哪些报告的表格不完整, 为什么很多数据是空的):
the rows its tables lack, the cells it left blank (or filled with “/”, 无), the cells holding words where a number
belongs and those whose place could not be settled. A value the report does not give is absent, never 0: this
says which, report by report, from the report's own table as read and the reader's warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.template import fact_specs, keys_for
from qa import cite
from qa.answer import Answer, AnswerTable, Citation, Derived
from qa.facts import Report
from qa.lexicon import measure_by_id
from qa.ops import Ctx
from qa.phrasing import COUNTED_AS_ZERO, reading
from qa.understand import Plan

SHOWN_ROWS = 6  # row names listed per part in a sentence
SHOWN_REPORTS = 10  # reports named in a sentence about many
CITED_CELLS = 6  # blank or worded cells cited per report
CITED_REPORTS = 50  # reports with gaps whose rows and cells are cited (a corpus-wide answer: the first ones)
GAP_FLAGS = frozenset(COUNTED_AS_ZERO) | {"text", "ambiguous"}  # a cell read with one of these is a gap


@dataclass
class Gaps:
    """One report's gaps, by the template of its format."""

    report: Report
    rows_missing: dict[str, list[str]] = field(default_factory=dict)  # part → the row names wholly absent
    first_missing: dict[str, str] = field(default_factory=dict)  # part → a fact key of its first absent row
    cells_missing: int = 0  # cells absent from rows that are otherwise there
    blank: list[str] = field(default_factory=list)  # fact keys left blank or “/”
    worded: list[str] = field(default_factory=list)  # fact keys holding words where a number belongs
    unplaced: list[str] = field(default_factory=list)  # fact keys whose column could not be settled
    other_shape: set[str] = field(default_factory=set)  # rows given as the other template's one row

    @property
    def n_rows(self) -> int:
        return sum(len(v) for v in self.rows_missing.values())

    @property
    def any(self) -> bool:
        return bool(self.n_rows or self.cells_missing or self.blank or self.worded or self.unplaced)


def gaps_of(ctx: Ctx, rep: Report, held: dict[str, tuple[str, ...]] | None = None) -> Gaps:
    """held: the report's keys with their flags, when already read (FactStore.keys_of)."""
    specs = fact_specs()
    held = ctx.store.report_keys(rep.doc) if held is None else held
    g = Gaps(rep)
    rows: dict[tuple[str, str], list[str]] = {}  # (part, row name) → its keys in this format
    for key in keys_for(rep.format):
        rows.setdefault((specs[key].part, specs[key].item), []).append(key)
    # a row the report gives in the other template's shape (洪泽2023: the 2019 form's one （六）其他处理 row where
    # the 2021 form has three) stands for the rows named under it
    other_shape = {specs[k].item for k in held if k in specs and rep.format not in specs[k].formats}
    for (part, name), keys in rows.items():
        absent = [k for k in keys if k not in held]
        if len(absent) == len(keys) and any(name.startswith(f"{o} · ") for o in other_shape):
            g.other_shape.add(next(o for o in other_shape if name.startswith(f"{o} · ")))
        elif len(absent) == len(keys):
            g.rows_missing.setdefault(part, []).append(name)
            g.first_missing.setdefault(part, keys[0])
        else:
            g.cells_missing += len(absent)
    for key, flags in held.items():  # (each flag here is in GAP_FLAGS)
        if any(f in COUNTED_AS_ZERO for f in flags):
            g.blank.append(key)
        elif "text" in flags:
            g.worded.append(key)
        elif "ambiguous" in flags:
            g.unplaced.append(key)
    return g


def _labels(keys: list[str]) -> str:
    specs = fact_specs()
    shown = "、".join(f"「{specs[k].label}」" for k in keys[:SHOWN_ROWS])
    return shown + (f"等{len(keys)}格" if len(keys) > SHOWN_ROWS else "")


def _rows_words(g: Gaps) -> str:
    return "；".join(f"第{part}部分{len(names)}行（{'、'.join(names[:SHOWN_ROWS])}{'等' if len(names) > SHOWN_ROWS else ''}）"
                     for part, names in g.rows_missing.items())


def _one_report_words(g: Gaps) -> str:
    r = g.report
    head = f"{r.name}{r.year or ''}年报告（{r.format}版模板）"
    if not g.any:
        return f"{head}的表格齐全：模板的每一格都读到了数字" + (
            "（" + "、".join(f"「{o}」" for o in sorted(g.other_shape)) + "按另一版模板填成一行）。" if g.other_shape else "。")
    bits = []
    if g.n_rows:
        bits.append(f"表格缺少{g.n_rows}行：{_rows_words(g)}。这些行在报告中没有读到，问到时答「未提供」，不按0计")
    if g.other_shape:
        bits.append("、".join(f"「{o}」" for o in sorted(g.other_shape)) + "按另一版模板填成一行（没有分项）")
    if g.cells_missing:
        bits.append(f"另有{g.cells_missing}格在读到的行中缺失")
    if g.blank:
        bits.append(f"{len(g.blank)}格空白或填“/”（{_labels(g.blank)}），核对时按0计，问到时说明未填数字")
    if g.worded:
        bits.append(f"{len(g.worded)}格填的是文字而不是数字（{_labels(g.worded)}）")
    if g.unplaced:
        bits.append(f"{len(g.unplaced)}格无法确定属于哪一列（{_labels(g.unplaced)}）")
    return f"{head}：" + "；".join(bits) + "。"


def _citations(ctx: Ctx, g: Gaps) -> list[Citation]:
    r = g.report
    # each part's missing rows at the line where its table breaks off (the extractor's warning as the why)
    warned = {m.split("部分", 1)[0]: m for m in ctx.store.warnings(r.doc) if "缺少" in m}
    out = []
    for part, key in g.first_missing.items():
        why = warned.get(part, f"第{part}部分表格缺少{len(g.rows_missing[part])}行")
        m = measure_by_id(key)
        out.append(ctx.citer.break_off(r, m, why) if m else cite.warning(r, part, why, None))
    cells = [c for k in (g.worded + g.blank + g.unplaced)[:CITED_CELLS] if (c := ctx.store.cell(r.rid, k))]
    return out + ctx.citer.cells(cells)


def _row(g: Gaps) -> list:
    r = g.report
    missing = _rows_words(g)
    return [r.name, r.year, r.doc, g.n_rows, len(g.blank), len(g.worded) + len(g.unplaced), missing or "—"]


# 哪个单位的报告最规范 / 报告质量怎么样: no cell rates a report; what can be said is whether its tables are whole
# and its sums agree, and the answer says that this is how it was read
RE_QUALITY = re.compile(r"规范|质量|准确|严谨|合格|靠谱|可靠|好坏|水平")
QUALITY_READING = "报告是否规范没有统一的数字，按可核对的两点回答：表格是否齐全、勾稽关系是否一致"


def _quality(ctx: Ctx, plan: Plan, all_gaps: list[Gaps]) -> Answer:
    """Completeness and consistency side by side, per report; the reports with neither gaps nor breaks named."""
    fails: dict[str, int] = {}
    for f in ctx.store.findings_of({g.report.doc for g in all_gaps}):
        if f.status == "FAIL":
            fails[f.doc] = fails.get(f.doc, 0) + 1
    rows = [[g.report.name, g.report.year, g.report.doc, g.n_rows, len(g.blank), fails.get(g.report.doc, 0)]
            for g in all_gaps]
    rows.sort(key=lambda r: (r[3] + r[5] > 0, r[3], r[5], r[4], r[0], r[1] or 0))
    clean = [g for g in all_gaps if not g.n_rows and not fails.get(g.report.doc)]
    named = "、".join(f"{g.report.name}{g.report.year or ''}年" for g in clean[:SHOWN_REPORTS]) +         ("等" if len(clean) > SHOWN_REPORTS else "")
    text = (f"{QUALITY_READING}。{len(all_gaps)}份报告中，" +
            (f"{len(clean)}份表格齐全且数字对得上：{named}" if clean else "没有一份表格齐全且数字都对得上") +
            ("；其余：" + "，".join(f"{r[0]}{r[1] or ''}年" + "、".join(filter(None, [
                f"缺{r[3]}行" if r[3] else "", f"{r[5]}项不一致" if r[5] else ""])) for r in rows if r[3] or r[5])
             if len(clean) < len(all_gaps) else "") + "。")
    table = AnswerTable(columns=["单位", "年份", "文件", "缺少的行", "空白格", "勾稽不一致（项）"], rows=rows)
    derived = [Derived(value=str(len(clean)), how="表格齐全且勾稽一致的报告数")] + \
        [Derived(value=str(r[5]), how=f"{r[0]}{r[1] or ''}年报告勾稽核对不一致的项数") for r in rows if r[5]] + \
        [Derived(value=str(r[3]), how=f"{r[0]}{r[1] or ''}年报告表格缺少的行数") for r in rows if r[3]]
    return Answer(question=plan.question, text=text, table=table, derived=derived,
                  citations=[c for g in [g for g in all_gaps if g.n_rows][:CITED_REPORTS] for c in _citations(ctx, g)],
                  reading=reading(plan, None, QUALITY_READING, operation="gaps"))


def answer_gaps(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    reports = [r for r in s.reports if s.copies.is_primary[r.rid]  # one report brought as two files is one
               and (not plan.agencies or r.agency in plan.agencies) and (not plan.years or r.year in plan.years)]
    reports.sort(key=lambda r: (r.name, r.year or 0))
    scope = "、".join(plan.agencies) + "、".join(f"{y}年" for y in plan.years)
    if not reports:
        return Answer(question=plan.question, status="not_found", text=f"索引中没有{scope}的报告。",
                      reading=reading(plan, None, f"{scope}报告的表格缺漏", operation="gaps"))
    # one grouped read finds the whole tables; only the others are read key by key
    formats = sorted({r.format for r in reports if r.format})
    whole = s.whole_tables([r.doc for r in reports] if len(reports) < len(s.reports) else None,
                           {f: keys_for(f) for f in formats}, sorted(GAP_FLAGS))
    held = s.keys_of([r.doc for r in reports if r.doc not in whole])
    all_gaps = [Gaps(r) if r.doc in whole else gaps_of(ctx, r, held[r.doc]) for r in reports]
    if RE_QUALITY.search(plan.text):
        return _quality(ctx, plan, all_gaps)
    table = AnswerTable(columns=["单位", "年份", "文件", "缺少的行", "空白格", "文字或无法定位的格", "缺少的行（按部分）"],
                        rows=[_row(g) for g in all_gaps])
    if len(all_gaps) == 1:
        g = all_gaps[0]
        text = _one_report_words(g)
    else:
        lacking = [g for g in all_gaps if g.n_rows]
        blank = [g for g in all_gaps if g.blank]
        worded = [g for g in all_gaps if g.worded or g.unplaced]
        whole = [g for g in all_gaps if not g.any]
        named = lambda gs: "、".join(f"{g.report.name}{g.report.year or ''}年" for g in gs[:SHOWN_REPORTS]) + \
            ("等" if len(gs) > SHOWN_REPORTS else "")  # noqa: E731
        text = f"{len(all_gaps)}份报告中，" + "；".join(filter(None, [
            f"{len(lacking)}份表格缺行（" + "，".join(f"{g.report.name}{g.report.year or ''}年缺{g.n_rows}行"
                                              for g in lacking[:SHOWN_REPORTS]) + "）" if lacking else "没有报告的表格缺行",
            f"{len(blank)}份有空白或填“/”的格（{named(blank)}）" if blank else "",
            f"{len(worded)}份有填文字或无法定位的格（{named(worded)}）" if worded else "",
            f"{len(whole)}份表格齐全" if whole else ""])) + "。缺少或空白的数字不按0计，问到时答「未提供」或「未填数字」。"
    citations = [c for g in [g for g in all_gaps if g.any][:CITED_REPORTS] for c in _citations(ctx, g)]
    derived = [Derived(value=str(g.n_rows), how=f"{g.report.name}{g.report.year or ''}年报告缺少的行数（按{g.report.format}版模板）")
               for g in all_gaps if g.n_rows]
    return Answer(question=plan.question, text=text, table=table, citations=citations, derived=derived,
                  reading=reading(plan, None, f"{scope or '全部'}报告的表格缺漏（按各自模板版本逐格对照）", operation="gaps"))
