"""Fact operations over every report in scope — rankings, filters, sums, one agency's value, comparisons,
change against the previous year, consistency findings and the corpus itself — each into an Answer with
its table, citations (one per cell stated), derived numbers and chart hint.

Rules kept here: a report lacking a fact is 未提供, never 0; a cell with text where a number belongs has no
value and says so; ties are reported as ties; all-zero results say so; with several years of one agency,
its latest report counts unless the question names a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from index.cells import plain_number
from index.checks import scope_label
from qa import arith
from qa.answer import Alternative, Answer, AnswerTable, ChartHint, Citation, Derived, Reading
from qa import cite
from qa.cite import FLAG_NOTES, Citer, conversions
from qa.facts import MISSING, NO_NUMBER, NOT_IN_TEMPLATE, OK, FactStore, Report, Row
from qa.lexicon import Measure, items, measure
from qa.output import format_value
from qa.prose import Prose, part_title
from qa.understand import Plan

ROW_CAP = 20  # ties listed at a top-N boundary; every table keeps all its rows (the UI pages them, exports all)
NAMES_IN_TEXT = 5  # names a sentence lists before "等"
SUM_TERMS_IN_TEXT = 12  # a sum of this many terms or fewer writes them out in the sentence
RANK_IN_TEXT = 10  # a ranking's sentence lists more (the table holds them all)
STATUS_WORDS = {MISSING: "未提供（报告中没有这一项）", NO_NUMBER: "未提供（表中为文字，没有数字）",
                NOT_IN_TEMPLATE: "未提供（该年模板没有这一栏）"}
COLUMN_PHRASES = {"items": "项目数量", "amount": "金额"}  # for composed questions: 采购 + 金额


@dataclass
class Ctx:
    store: FactStore
    citer: Citer
    prose: Prose


# ---------------------------------------------------------------- small helpers
def num(v: float | None, unit: str = "") -> str:
    """A value in an answer's sentence, as the report states it in its unit (7,249.4746万元; no padding zeros).
    Computed values are rounded where they are computed (qa.arith)."""
    return "—" if v is None else f"{format_value(v)}{unit}"


def cell_value(v: float | None) -> int | float | None:
    if v is None:
        return None
    return int(v) if float(v).is_integer() else round(float(v), 6)


def names(rows: list[Row], with_values: bool = False, unit: str = "", years: bool = False,
          limit: int = 0) -> str:
    parts = []
    limit = limit or NAMES_IN_TEXT
    for r in rows[:limit]:
        s = r.report.name + (f"（{r.report.year}年）" if years and r.report.year else "")
        if with_values:
            s += f" {num(r.value, unit)}"
        parts.append(s)
    more = f"等{len(rows)}个" if len(rows) > limit else ""
    return "、".join(parts) + more


def value_column(m: Measure) -> str:
    return f"{m.label}（{m.unit}）"


def column_phrase(m: Measure) -> str:
    return COLUMN_PHRASES.get(m.column) or m.label.split(" · ", 1)[1]


def compose(op: str, m: Measure, agency: str = "", n: int | None = None, years: list[int] | None = None) -> str:
    """A question that reads back as (op, m): for one-click alternatives."""
    item = items()[m.item]
    what = (item.words[0] if item.words else item.label) + column_phrase(m)
    y = "".join(f"{y}年" for y in (years or [])[:1])
    return {"value": f"{agency}{y}{what}是多少", "max": f"{y}哪个单位{what}最多", "min": f"{y}哪个单位{what}最少",
            "top": f"{y}{what}前{n or 3}名", "bottom": f"{y}{what}后{n or 3}名", "rank": f"{y}各单位{what}排名",
            "sum": f"{y}各单位{what}合计", "avg": f"{y}各单位{what}平均是多少",
            "compare": f"{agency}的{what}比较"}.get(op, f"{y}各单位{what}排名")


def column_alternatives(plan: Plan, m: Measure, op: str, agency: str = "",
                        formats: set[str] | None = None) -> list[Alternative]:
    """Other columns of the same item (按上一年项目数量排序 …), of the templates the reports in scope use."""
    item = items()[m.item]
    out = []
    for col in item.columns:
        if col == m.column:
            continue
        other = measure(m.item, col)
        if other is None or (formats and not any(other.keys(f) for f in formats)):
            continue
        verb = "看" if op == "value" else "按"
        out.append(Alternative(label=f"{verb}「{other.label.split(' · ', 1)[1]}」",
                               question=compose(op, other, agency, plan.n, plan.years)))
    return out[:4]


def reading(plan: Plan, m: Measure | None, summary: str, filters: list[str] | None = None,
            operation: str | None = None, agencies: list[str] | None = None) -> Reading:
    op = operation or plan.operation
    # Findings and corpus answers use no measure: defaults about a measure's column would only confuse.
    defaults = [] if op in ("findings", "corpus") else list(dict.fromkeys(plan.defaults))
    return Reading(operation=op, measure=m.id if m else None,
                   measure_label=m.label if m else None, agencies=agencies if agencies is not None else plan.agencies,
                   years=plan.years, filters=filters or [], n=plan.n, defaults=defaults, summary=summary)


def defaults_phrase(plan: Plan) -> str:
    """The reading's defaults, briefly, for the answer text (the full wording is in Reading.defaults)."""
    d = []
    for x in dict.fromkeys(plan.defaults):
        if x.startswith("未指明单位"):
            continue
        if x.startswith("未指明") and "，按" in x:
            x = x.split("，按")[0] + "，取默认"
        d.append(x)
    return f"（{'；'.join(d)}）" if d else ""


def cmp_ok(v: np.ndarray, op: str, x: float) -> np.ndarray:
    return {">": v > x, ">=": v >= x, "<": v < x, "<=": v <= x, "==": v == x, "!=": v != x}[op]


@lru_cache(maxsize=1024)
def flag_words(flags: int) -> str:
    from qa.facts import FLAG_BITS

    words = []
    if flags & (FLAG_BITS["blank"] | FLAG_BITS["placeholder"]):
        words.append("空白按0")
    if flags & FLAG_BITS["uncertain_placement"]:
        words.append("位置推定")
    if flags & FLAG_BITS["unit_assumed"]:
        words.append("单位推定")
    if flags & FLAG_BITS["unit_converted"]:
        words.append("元换算为万元")
    if flags & FLAG_BITS["split_run"]:
        words.append("数字串拆分")
    return "、".join(words)


# ---------------------------------------------------------------- scope
class Rows:
    """Reports in scope with a measure's values, as arrays; Row objects are made only for the rows an
    answer shows (a ranking over 10,000 reports lists a few dozen)."""

    def __init__(self, store: FactStore, rids: np.ndarray, value: np.ndarray, status: np.ndarray, flags: np.ndarray):
        self.store, self.rids, self.values, self.status, self.flags = store, rids, value, status, flags

    def __len__(self) -> int:
        return len(self.rids)

    def _row(self, i: int) -> Row:
        v = float(self.values[i])
        return Row(self.store.reports[int(self.rids[i])], None if np.isnan(v) else v, int(self.status[i]),
                   int(self.flags[i]))

    def __getitem__(self, key):
        if isinstance(key, slice):
            return [self._row(i) for i in range(len(self))[key]]
        return self._row(range(len(self))[key])

    def __iter__(self):
        return (self._row(i) for i in range(len(self)))

    def take(self, idx: np.ndarray) -> Rows:
        return Rows(self.store, self.rids[idx], self.values[idx], self.status[idx], self.flags[idx])

    def where(self, mask: np.ndarray) -> Rows:
        return self.take(np.nonzero(mask)[0])

    def formats(self) -> set[str]:
        return set(np.unique(self.store.format_of[self.rids]).tolist()) if len(self) else set()

    def years(self) -> set[int]:
        return set(np.unique(self.store.year_of[self.rids]).tolist()) if len(self) else set()

    def sorted(self, asc: bool = False) -> Rows:
        """By value (descending unless asc), then agency name, then year."""
        s = self.store
        key = self.values if asc else -self.values
        order = np.lexsort((s.year_of[self.rids], s.agency_of[self.rids], key))
        return self.take(order)

    def by_name(self) -> Rows:
        s = self.store
        return self.take(np.lexsort((s.year_of[self.rids], s.agency_of[self.rids])))


def scoped(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> Rows:
    s = ctx.store
    rids = s.scope(agencies if agencies is not None else (plan.kind_agencies or None), plan.years or None,
                   latest=not plan.all_years)
    mv = s.measure_values(m, rids)
    return Rows(s, mv.rids, mv.value, mv.status, mv.flags)


def scoped_rows(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> list[Row]:
    s = ctx.store
    rids = s.scope(agencies if agencies is not None else (plan.kind_agencies or None), plan.years or None,
                   latest=not plan.all_years)
    mv = s.measure_values(m, rids)
    return [Row(s.reports[int(r)], None if np.isnan(v) else float(v), int(st), int(f))
            for r, v, st, f in zip(mv.rids, mv.value, mv.status, mv.flags)]


def scope_words(ctx: Ctx, plan: Plan, rows) -> tuple[str, bool]:
    """('2020年' or '', whether rows span several years) and the default about latest years."""
    years = rows.years() if isinstance(rows, Rows) else {r.report.year for r in rows}
    if plan.years:
        return "、".join(f"{y}年" for y in plan.years), len(years) > 1
    if not plan.all_years and ctx.store.multi_year_agencies(ctx.store.scope(plan.kind_agencies or None,
                                                                            latest=False)):
        plan.defaults.append("同一单位有多年报告的，取其最新一年")
    return "", len(years) > 1


def no_reports(ctx: Ctx, plan: Plan, m: Measure | None, who: str = "") -> Answer:
    have = "、".join(f"{y}年" for y in ctx.store.years) or "无"
    years = "、".join(f"{y}年" for y in plan.years)
    text = f"索引中没有{who}{years}的报告（现有年份：{have}）。"
    return Answer(question=plan.question, text=text, status="not_found",
                  reading=reading(plan, m, f"{who}{years}的「{m.label if m else ''}」"),
                  alternatives=[Alternative(label=f"看{y}年", question=plan.question.replace(years, f"{y}年"))
                                for y in ctx.store.years[-3:]] if years else [])


def table_of(rows: list[Row], m: Measure, ranked: bool, show_years: bool = True,
             store: FactStore | None = None) -> AnswerTable:
    """Every row, each with its source cell (file, line, key) when a store is given."""
    vc = value_column(m)
    cols = (["名次"] if ranked else []) + ["单位", "年份", vc, "说明"]
    out, rank, prev = [], 0, None
    for i, r in enumerate(rows):
        if r.status == OK:
            if r.value != prev:
                rank, prev = i + 1, r.value
            note = flag_words(r.flags)
            cells = [rank] if ranked else []
            out.append(cells + [r.report.name, r.report.year, cell_value(r.value), note])
        else:
            cells = ["—"] if ranked else []
            out.append(cells + [r.report.name, r.report.year, None, STATUS_WORDS[r.status]])
    sources = [store.source_of(m, r.report.rid) for r in rows] if store is not None else []
    return AnswerTable.model_construct(columns=cols, rows=out, units={vc: m.unit}, sources=sources)


# ---------------------------------------------------------------- rankings, filters, sums
def best_default(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> Measure:
    """A column the question did not name: of the item's default columns, the one most reports in scope
    hold (规范性文件 is 本年新制作数量 in the 2019 template and 本年制发件数 in 2021)."""
    from qa.lexicon import default_columns

    options = [mm for c in default_columns(m.item) if (mm := measure(m.item, c))]
    if plan.column_explicit or len(options) < 2:
        return m
    s = ctx.store
    rids = s.scope(agencies or plan.kind_agencies or None, plan.years or None, latest=not plan.all_years)
    counts = [int((s.measure_values(mm, rids).status == OK).sum()) for mm in options]
    best = options[max(range(len(options)), key=lambda i: (counts[i], -i))]
    if best.column != m.column:
        plan.column = best.column
        plan.defaults = [d for d in plan.defaults if not d.startswith("未指明列")] + \
            [f"未指明列，按「{best.label.split(' · ', 1)[1]}」"]
    others = [mm for mm, n in zip(options, counts) if mm is not best and n]
    if others:
        plan.defaults.append(f"部分报告用另一版模板，该列为「{others[0].label.split(' · ', 1)[1]}」，未计入")
    return best


def answer_aggregate(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    op = plan.operation
    m = best_default(ctx, plan, m)
    if plan.extra_items:  # 行政复议和行政诉讼最多的单位: one measure at a time
        others = "、".join(items()[i].label for i in plan.extra_items)
        plan.defaults.append(f"问题提到多项，只按第一项比较；另见「{others}」")
    rows = scoped(ctx, plan, m)
    if not len(rows):
        return no_reports(ctx, plan, m)
    year_text, multi_year = scope_words(ctx, plan, rows)
    unit = m.unit
    asc = op in ("min", "bottom") or (plan.order == "asc" and op in ("rank", "top"))
    ok = rows.where(rows.status == OK).sorted(asc)
    lacking = rows.where(rows.status != OK).by_name()
    label = m.label
    derived: list[Derived] = [Derived(value=str(len(rows)), how="范围内的单位数"),
                              Derived(value=str(len(ok)), how="提供数据的单位数")]
    if lacking:
        derived.append(Derived(value=str(len(lacking)), how="未提供数据的单位数"))
    kind = f"{plan.kind}中" if plan.kind else ""
    lead = f"按「{label}」{defaults_phrase(plan)}"
    per = "份报告" if plan.all_years else "个单位"  # every report, or each agency's latest: said in the text
    scope_n = f"{year_text}{kind}{len(rows)}{per}"
    lack_text = f"另有{len(lacking)}{per}未提供该数据（{names(lacking, years=multi_year)}），不计为零。" if lacking else ""
    alternatives = column_alternatives(plan, m, op if op in ("max", "min", "top", "bottom", "rank", "sum", "avg")
                                       else "rank", formats=rows.formats())
    chart = None
    filters: list[str] = []

    if op in ("max", "min", "top", "bottom", "rank"):
        if not len(ok):
            return _nothing(ctx, plan, m, rows, lead)
        word = "最多" if op in ("max", "top") and not asc or op == "max" else "最少"
        if op in ("max", "min"):
            best = ok[0].value
            winners = ok.where(ok.values == best)
            shown = ok[:]  # the whole ranking: the text names the winners, the table holds every row
            if best == 0 and (ok.values == 0).all():
                text = f"{lead}，{scope_n}中提供数据的{len(ok)}{per}均为0，没有哪个单位{word}。"
            elif len(winners) > 1:
                text = f"{lead}，{scope_n}中{names(winners, years=multi_year)}并列{word}，均为{num(best, unit)}。"
                if len(winners) > NAMES_IN_TEXT:
                    derived.append(Derived(value=str(len(winners)), how=f"并列{word}的单位数"))
            else:
                w = winners[0]
                text = f"{lead}，{scope_n}中{w.report.name}{word}：{num(best, unit)}" + \
                       (f"（{w.report.year}年）" if multi_year else "") + "。"
                if len(ok) > 1 and ok[1].value != best:
                    second = ok.where(ok.values == ok[1].value)
                    if len(second) == 1:
                        text += f"其次是{ok[1].report.name}{f'（{ok[1].report.year}年）' if multi_year else ''}，{num(ok[1].value, unit)}。"
                    else:
                        text += f"其次是{names(second, years=multi_year)}，均为{num(ok[1].value, unit)}。"
                        derived.append(Derived(value=str(len(second)), how="并列第二的单位数"))
            summary = f"按「{label}」比较{scope_n}，取{word}"
            alternatives.insert(0, Alternative(label="看完整排名", question=compose("rank", m, years=plan.years)))
        elif op in ("top", "bottom"):
            n = plan.n or 3
            cut = ok[:n]
            if len(ok) > n:  # ties at the boundary stay in
                tied = np.nonzero(ok.values[n:] == cut[-1].value)[0][:ROW_CAP] + n
                cut += [ok[int(i)] for i in tied]
            shown = cut
            head = "前" if op == "top" and not asc or op == "top" else "后"
            direction = "从少到多" if asc else "从多到少"
            listed = "；".join(f"{r.report.name}{f'（{r.report.year}年）' if multi_year else ''} {num(r.value, unit)}"
                              for r in cut[:10])
            text = f"{lead}，{scope_n}{direction}的{head}{n}名：{listed}。"
            if len(cut) > n:
                text += f"第{n}名有并列，共列出{len(cut)}个。"
                derived.append(Derived(value=str(len(cut)), how="含并列在内列出的单位数"))
            if len(ok) < n:
                text += f"只有{len(ok)}{per}提供了数据。"
            if all(r.value == 0 for r in cut):
                text += "这些单位均为0。"
            summary = f"按「{label}」{direction}取{head}{n}名"
        else:
            shown = ok[:]
            direction = "从少到多" if asc else "从多到少"  # the list first, then how many: 7 reports is no value
            text = f"{lead}，{direction}：{names(ok, True, unit, years=multi_year, limit=RANK_IN_TEXT)}（{scope_n}）。"
            if (ok.values == 0).all():
                text += "提供数据的单位均为0。"
            summary = f"按「{label}」对{scope_n}排序（{direction}）"
        text += lack_text
        table_rows = shown + (lacking[:] if op != "top" and op != "bottom" else [])
        citations, d = ctx.citer.rows(m, table_rows)
        derived += d
        chart = ChartHint(x="单位", y=value_column(m), title=label)
        return Answer(question=plan.question, text=text, status="answered",
                      reading=reading(plan, m, summary), table=table_of(table_rows, m, ranked=True, store=ctx.store),
                      citations=citations, chart=chart, derived=derived, alternatives=alternatives)

    if op in ("sum", "avg") and plan.all_years and len(ok) and re.search(r"按年|各年|每年.{0,4}(?:分别|各)", plan.text):
        return _by_year(ctx, plan, m, ok, lacking, lead, derived)
    if op in ("sum", "avg"):
        if not len(ok):
            return _nothing(ctx, plan, m, rows, lead)
        total = arith.rounded(float(ok.values.sum()))
        terms = " + ".join(plain_number(r.value) for r in ok[:30]) + (f" + …（共{len(ok)}项）" if len(ok) > 30 else "")
        derived.append(Derived(value=format_value(total), how=f"{terms} = {plain_number(total)}"))
        shown_sum = f"{terms} = {plain_number(total)}" if len(ok) <= SUM_TERMS_IN_TEXT else ""  # its arithmetic
        if op == "sum":
            text = f"{lead}，{scope_n}中提供数据的{len(ok)}{per}合计{num(total, unit)}" + \
                (f"（{shown_sum}）" if shown_sum else "") + "。"
            summary = f"「{label}」在{scope_n}中求和"
        else:
            avg = total / len(ok)
            avg_s = format_value(round(avg, 2))
            derived.append(Derived(value=avg_s, how=f"{plain_number(total)} ÷ {len(ok)} = {avg_s}"))
            text = (f"{lead}，{scope_n}中提供数据的{len(ok)}{per}平均{avg_s}{unit}（"
                    + (f"{shown_sum}，" if shown_sum else f"合计{num(total, unit)}，")
                    + f"{plain_number(total)} ÷ {len(ok)} = {plain_number(round(avg, 2))}）。")
            summary = f"「{label}」在{scope_n}中求平均"
        text += lack_text
        table_rows = ok[:] + lacking[:]
        citations, d = ctx.citer.rows(m, table_rows)
        derived += d
        return Answer(question=plan.question, text=text, reading=reading(plan, m, summary),
                      table=table_of(table_rows, m, ranked=False, store=ctx.store), citations=citations, derived=derived,
                      alternatives=alternatives)

    # count / filter
    if plan.absent_only:
        matched = lacking
        cond = "未提供"
        filters.append(f"{label}：未提供")
    elif plan.comparison:
        c = plan.comparison
        matched = ok.where(cmp_ok(ok.values, c.op, c.value)) if len(ok) else ok  # ok is sorted: so is this
        cond = c.words() + unit
        filters.append(f"{column_phrase(m)} {c.op} {plain_number(c.value)}")
    else:  # 几个单位有这项数据
        matched = ok
        cond = "有数据"
        filters.append(f"{label}：有数据")
    derived.append(Derived(value=str(len(matched)), how=f"「{label}」{cond}的单位数"))
    if plan.absent_only:
        text = (f"{scope_n}中有{len(matched)}{per}未提供「{label}」：{names(matched, years=multi_year)}。" if len(matched) else
                f"{scope_n}都提供了「{label}」。")
        for r in matched[:NAMES_IN_TEXT]:  # a sentence where the number belongs: quote it
            if r.status == NO_NUMBER:
                cites = ctx.citer.cells(ctx.store.cells(m, r.report.rid))
                raw = next((c.value or c.quote for c in cites if "text" in c.flags), None)
                if raw:
                    text += f"{r.report.name}的这一栏填的是文字：「{raw}」。"
    elif len(matched):
        text = f"{lead}，{cond}的{per[1:]}有{len(matched)}{per[0]}：{names(matched, True, unit, years=multi_year)}。"
    else:
        text = f"{lead}，{scope_n}中没有{cond}的单位。"
    if not plan.absent_only and plan.comparison and plan.comparison.op == "==" and plan.comparison.value == 0 \
            and len(matched) and len(matched) == len(ok):
        text += "提供数据的单位全部为0。"
    if not plan.absent_only:
        text += lack_text
    summary = f"「{label}」{cond}的单位" + ("（计数）" if op == "count" else "")
    table_rows = matched[:]
    citations, d = ctx.citer.rows(m, table_rows)
    derived += d
    return Answer(question=plan.question, text=text, reading=reading(plan, m, summary, filters),
                  table=table_of(table_rows, m, ranked=False, store=ctx.store) if table_rows else None, citations=citations,
                  derived=derived, alternatives=alternatives)


def _by_year(ctx: Ctx, plan: Plan, m: Measure, ok: Rows, lacking: Rows, lead: str,
             derived: list[Derived]) -> Answer:
    """各年行政处罚合计: one sum (or average) per statistics year."""
    years = ctx.store.year_of[ok.rids]
    table_rows, parts = [], []
    vc = value_column(m)
    for y in sorted(set(years.tolist())):
        sel = ok.where(years == y)
        total = float(sel.values.sum())
        value = total if plan.operation == "sum" else round(total / len(sel), 2)
        terms = " + ".join(plain_number(v) for v in sel.values[:30]) + (" + …" if len(sel) > 30 else "")
        derived.append(Derived(value=format_value(total), how=f"{y}年：{terms} = {plain_number(total)}"))
        derived.append(Derived(value=str(len(sel)), how=f"{y}年提供数据的报告数"))
        if plan.operation == "avg":
            derived.append(Derived(value=format_value(value), how=f"{plain_number(total)} ÷ {len(sel)}"))
        word = "合计" if plan.operation == "sum" else "平均"
        parts.append(f"{y}年{len(sel)}份报告{word}{num(value, m.unit)}")
        table_rows.append([y, len(sel), cell_value(value)])
    text = f"{lead}，按年份：" + "；".join(parts) + "。"
    if len(lacking):
        text += f"另有{len(lacking)}份报告未提供该数据，未计入。"
    citations, d = ctx.citer.rows(m, ok)
    word = "合计" if plan.operation == "sum" else "平均值"
    return Answer(question=plan.question, text=text, reading=reading(plan, m, f"「{m.label}」按年份{word}"),
                  table=AnswerTable(columns=["年份", "报告数", f"{word}（{m.unit}）"], rows=table_rows,
                                    units={f"{word}（{m.unit}）": m.unit}),
                  citations=citations, derived=derived + d, chart=ChartHint(x="年份", y=f"{word}（{m.unit}）",
                                                                           title=f"{m.label}（按年份）"))


def _nothing(ctx: Ctx, plan: Plan, m: Measure, rows, lead: str) -> Answer:
    text = f"{lead}，范围内{len(rows)}个单位都没有提供这项数据（{names(rows)}），无法比较。"
    citations, derived = ctx.citer.rows(m, rows[:])
    derived.append(Derived(value=str(len(rows)), how="范围内的单位数"))
    return Answer(question=plan.question, text=text, status="absent", reading=reading(plan, m, f"「{m.label}」"),
                  table=table_of(rows[:], m, ranked=False, store=ctx.store), citations=citations, derived=derived,
                  alternatives=column_alternatives(plan, m, plan.operation))


# ---------------------------------------------------------------- one agency
def _row_context(ctx: Ctx, m: Measure, rid: int,
                 derived: list[Derived] | None = None) -> tuple[str, list[Citation]]:
    """The other columns of an active-table row (上一年项目数量, 本年增/减), stated beside the asked one."""
    item = items()[m.item]
    if item.table != "active" or item.is_group:
        return "", []
    bits, cites = [], []
    derived = derived if derived is not None else []
    for col in item.columns:
        other = measure(m.item, col)
        if col == m.column or other is None:
            continue
        cs = ctx.store.cells(other, rid)
        if len(cs) == 1 and cs[0].value is not None:
            c = ctx.citer.cells(cs)[0]
            shown = c.value if "signed" in c.flags and c.value else format_value(cs[0].value)
            derived += conversions([c])
            bits.append(f"{other.label.split(' · ', 1)[1]}{shown}{other.unit}")
            cites.append(c)
    return ("同一行：" + "，".join(bits)) if bits else "", cites


def answer_value(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    agency = plan.agencies[0]
    latest = not (plan.all_years or len(plan.years) > 1)
    s = ctx.store
    rids = s.scope([agency], plan.years or None, latest=latest)
    if not len(rids):
        have = "、".join(f"{r.year}年" for r in s.reports if r.agency == agency)
        return no_reports(ctx, plan, m, who=agency) if not have else Answer(
            question=plan.question, status="not_found", text=f"索引中没有{agency}{'、'.join(map(str, plan.years))}年"
            f"的报告（该单位有：{have}）。", reading=reading(plan, m, f"{agency}的「{m.label}」"))
    measures = [m] + [x for i in plan.extra_items if (x := _default_measure(ctx, i))]
    rows_by = [(mm, scoped_rows(ctx, plan, mm, [agency])) for mm in measures]
    citations: list[Citation] = []
    derived: list[Derived] = []
    sentences = []
    table_rows = []
    status = "answered"
    from_text = False
    multi = len(rids) > 1
    for mm, rows in rows_by:
        for r in rows:
            when = f"{r.report.year}年" if r.report.year else ""
            if r.status == OK:
                cs = ctx.store.cells(mm, r.report.rid)
                cites = ctx.citer.cells(cs)
                shown = num(r.value, mm.unit)
                if len(cs) == 1 and "signed" in cs[0].flags and cites[0].value:
                    shown = f"{cites[0].value}{mm.unit}"  # 增13 as the report writes it
                sentence = f"{r.report.name}{when}「{mm.label}」为{shown}"
                notes = [FLAG_NOTES[f] for c in cites for f in c.flags if f in FLAG_NOTES and f not in
                         ("signed", "thousands", "unit_converted", "unit_assumed")]
                if notes:
                    sentence += f"（{notes[0]}）"
                if len(cs) > 1:
                    derived.append(Derived(value=format_value(r.value), how=" + ".join(
                        plain_number(c.value or 0) for c in cs) + f" = {plain_number(r.value)}"))
                for c in cites:
                    if conv := conversions([c]):
                        derived += conv
                        sentence += f"，原文为{c.value}，未注明单位，按元换算为万元"
                ctx_text, ctx_cites = _row_context(ctx, mm, r.report.rid, derived) \
                    if len(measures) == 1 and not multi else ("", [])
                citations += cites + ctx_cites
                if ctx_text:
                    sentence += f"；{ctx_text}"
                sentences.append(sentence)
                table_rows.append([r.report.name, r.report.year, mm.label, cell_value(r.value),
                                   flag_words(r.flags)])
            else:
                absent = _absent(ctx, plan, mm, r)
                sentences.append(absent.text.rstrip("。"))
                citations += absent.citations
                derived += absent.derived
                from_text = from_text or absent.from_text
                said = prose_value(ctx, mm, r.report) if absent.from_text else (None, None)
                if said[1] is not None:  # one source of truth: the text's number, marked so in both
                    table_rows.append([r.report.name, r.report.year, mm.label, cell_value(said[1]),
                                       f"从正文读出（第{said[0].line}行），表格中没有这一行"])
                else:
                    table_rows.append([r.report.name, r.report.year, mm.label, None, STATUS_WORDS[r.status]])
                if len(measures) == 1 and len(rows) == 1:
                    status = "absent"
    text = "；".join(sentences) + "。" + (defaults_phrase(plan) if status == "answered" else "")
    # other columns of the same row, only where the row was read (a lost row has no other columns either)
    alts = column_alternatives(plan, m, "value", agency, {s.reports[int(r)].format for r in rids}) \
        if any(r.status != MISSING for _, rows in rows_by for r in rows) else []
    if multi and len(measures) == 1 and all(r.status == OK for _, rows in rows_by for r in rows):
        text = f"{agency}「{m.label}」：" + "，".join(
            f"{r.report.year}年{num(r.value, m.unit)}" for r in rows_by[0][1]) + "。" + defaults_phrase(plan)
    summary = f"{agency}的「{m.label}」" + ("（各年）" if multi else "")
    vc = "数值"
    table = AnswerTable(columns=["单位", "年份", "项目", vc, "说明"], rows=table_rows,
                        units={vc: m.unit if len(measures) == 1 else ""})
    return Answer(question=plan.question, text=text, status=status, reading=reading(plan, m, summary),
                  table=table, citations=citations, derived=derived, alternatives=alts, from_text=from_text,
                  chart=ChartHint(x="年份", y=vc, title=m.label) if multi and len(measures) == 1 else None)


def _default_measure(ctx: Ctx, item_id: str) -> Measure | None:
    from qa.lexicon import default_columns

    for col in default_columns(item_id):
        mm = measure(item_id, col)
        if mm and any(ctx.store.has_key(k) for k in mm.all_keys):
            return mm
    return None


_NUMBER_NOT_YEAR = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d(?:\s*年|\s*-))\d+(?:\.\d+)?")


def _states_number(sentence: str, words: tuple[str, ...]) -> bool:
    """The sentence names the item and gives a number that is not a year or a date."""
    return any(w in sentence for w in words) and bool(_NUMBER_NOT_YEAR.search(re.sub(r"\d+月\d+日", "", sentence)))


_PROSE_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(?:件|项|个|条|次|万元|元)")


def prose_value(ctx: Ctx, m: Measure, rep: Report):
    """A number the report's text states for a measure its table lacks: the sentence and the first number
    with a unit after the item's word (None when the sentence gives no such number)."""
    item = items()[m.item]
    found = ctx.prose.find(" ".join(item.words), agency=rep.agency, year=rep.year, k=5)
    best = max((s for s in found.sentences if _states_number(s.text, item.words)),
               key=lambda s: max(len(w) for w in item.words if w in s.text), default=None)
    if best is None:
        return None, None
    at = max((best.text.find(w) for w in item.words if w in best.text), default=0)
    hits = list(_PROSE_NUMBER.finditer(best.text))
    hit = min(hits, key=lambda h: abs(h.start() - at), default=None)  # the number nearest the item's word
    return best, float(hit.group(1).replace(",", "")) if hit else None


def _absent(ctx: Ctx, plan: Plan, m: Measure, r: Row) -> Answer:
    """The agency's report has no number for the measure: say why, and offer the prose that states it."""
    rep = r.report
    when = f"{rep.year}年" if rep.year else ""
    citations: list[Citation] = []
    if r.status == NO_NUMBER:
        cs = ctx.store.cells(m, rep.rid)
        cites = ctx.citer.cells(cs)
        citations += cites
        raw = next((c.value or c.quote for c in cites if "text" in c.flags), None) or (cites[0].quote if cites else "")
        unsure = next((c for c in cites if "ambiguous" in c.flags), None)
        if unsure:  # digits the extractor could not place with certainty: no value, never a guess
            text = (f"{rep.name}{when}报告的「{m.label}」无法确定：这一行的数字不能确定地对应到各列"
                    f"（原文「{unsure.quote}」），因此不给出数值。")
        else:
            text = f"{rep.name}{when}报告的「{m.label}」一栏填的是文字：「{raw}」，没有数字。"
        return Answer(question=plan.question, text=text, status="absent", citations=citations,
                      reading=reading(plan, m, f"{rep.name}的「{m.label}」"))
    if r.status == NOT_IN_TEMPLATE:
        text = (f"{rep.name}{when}报告使用{rep.format}版模板，模板中没有「{m.label}」这一栏。")
        return Answer(question=plan.question, text=text, status="absent",
                      reading=reading(plan, m, f"{rep.name}的「{m.label}」"))
    item = items()[m.item]
    derived: list[Derived] = []
    why = next((w for w in ctx.store.warnings(rep.doc) if item.label.split(" · ")[-1] in w or
                any(word in w for word in item.words[:2])), None)
    if why:  # the extraction's own warning says which rows the table lost; cite where the table breaks off
        citations.append(ctx.citer.break_off(rep, m, why))
        derived += [Derived(value=n, how="抽取警告中的数字（缺少的行数）") for n in re.findall(r"缺少(\d+)行", why)]
        why = why[:40] + "…" if len(why) > 40 else why
    text = f"{rep.name}{when}报告的表格中缺少「{m.label}」这一行" + (f"（抽取时发现：{why}）" if why else "") + "。"
    best, value = prose_value(ctx, m, rep)
    from_text = False
    if best:
        stated = f"，即{num(value, m.unit)}" if value is not None else ""
        text += (f"报告正文（{part_title(best.passage.part)}，第{best.line}行）写道：「{best.text}」{stated}"
                 f"——从正文读出，不是表格中的数字。")
        citations.append(cite.passage(best))
        from_text = True
    else:
        text += "报告正文中也没有找到这个数字。"
    return Answer(question=plan.question, text=text, status="absent", citations=citations, from_text=from_text,
                  derived=derived, reading=reading(plan, m, f"{rep.name}的「{m.label}」"))


# ---------------------------------------------------------------- two or more agencies
def answer_compare(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    rows = []
    paired = len(plan.years) == len(plan.agencies) and len(plan.years) > 1  # 平潭2021年和洪泽2023年
    for i, a in enumerate(plan.agencies):
        if paired:
            p = plan.model_copy(update={"years": [plan.years[i]], "all_years": False})
            rows += scoped_rows(ctx, p, m, [a])
        else:
            rows += scoped_rows(ctx, plan, m, [a])
    if not rows:
        return no_reports(ctx, plan, m)
    unit = m.unit
    ok = sorted([r for r in rows if r.status == OK], key=lambda r: (-r.value, r.report.name))
    lacking = [r for r in rows if r.status != OK]
    parts = [f"{r.report.name} {num(r.value, unit)}" for r in sorted(rows, key=lambda r: plan.agencies.index(
        r.report.agency) if r.report.agency in plan.agencies else 0) if r.status == OK]
    text = f"按「{m.label}」{defaults_phrase(plan)}：" + "，".join(parts)
    derived = []
    if len(ok) == 2:
        a, b = ok
        if a.value == b.value:
            text += f"，两者相同。"
        else:
            d = a.value - b.value
            derived.append(Derived(value=format_value(d), how=f"{plain_number(a.value)} − {plain_number(b.value)}"
                                                              f" = {plain_number(d)}"))
            text += f"；{a.report.name}多{num(d, unit)}（{derived[-1].how}）。"
    elif len(ok) > 2:
        text += f"；{ok[0].report.name}最多。" if ok[0].value != ok[1].value else "；最多的有并列。"
    else:
        text += "。" if ok else ""
    if len(ok) == 2 and (plan.times or "倍" in plan.text):  # 洪泽是平潭的几倍: first named ÷ second named
        first, second = sorted(ok, key=lambda r: plan.agencies.index(r.report.agency)
                               if r.report.agency in plan.agencies else 0)
        t = arith.times(first.value, second.value)
        if t:
            derived.append(t[1])
            text = text.rstrip("。") + f"；{first.report.name}是{second.report.name}的{t[1].value}倍（{t[1].how}）。"
    citations, d2 = ctx.citer.rows(m, ok, limit=None)
    for r in lacking:
        absent = _absent(ctx, plan, m, r)
        text += absent.text
        citations += absent.citations
        derived += absent.derived
    return Answer(question=plan.question, text=text, status="answered" if ok else "absent",
                  reading=reading(plan, m, f"比较{'、'.join(plan.agencies)}的「{m.label}」"),
                  table=table_of(ok + lacking, m, ranked=True), citations=citations, derived=derived + d2,
                  chart=ChartHint(x="单位", y=value_column(m), title=m.label),
                  alternatives=column_alternatives(plan, m, "compare", "和".join(plan.agencies)))


# ---------------------------------------------------------------- change against the previous year
def answer_change(ctx: Ctx, plan: Plan, m: Measure) -> Answer:
    agency = plan.agencies[0]
    s = ctx.store
    all_rids = s.scope([agency], latest=False)
    reports = sorted((s.reports[int(r)] for r in all_rids), key=lambda r: (r.year or 0, r.doc))
    if plan.years and len(plan.years) >= 2:
        ends = (plan.years[0], plan.years[-1])  # 从2019年到2025年: the first and the last year named
        pick = [r for r in reports if r.year in ends]
        lost = [y for y in ends if not any(r.year == y for r in pick)]
        later = next((r for r in pick if r.year == ends[1]), None)
        template_change = measure(m.item, "change")
        if lost == [ends[0]] and ends[1] - ends[0] == 1 and later and template_change and \
                template_change.keys(later.format):
            pick = [later]  # 2019 vs 2020 with only the 2020 report: its own 上一年 and 增/减 columns
        elif lost:
            have = "、".join(f"{r.year}年" for r in reports)
            return Answer(question=plan.question, status="not_found",
                          text=f"索引中没有{agency}{'、'.join(f'{y}年' for y in lost)}的报告（该单位有：{have}），"
                               f"无法比较。", reading=reading(plan, m, f"{agency}「{m.label}」{ends[0]}年与{ends[1]}年比较"))
    elif plan.years:
        pick = [r for r in reports if r.year in (plan.years[0] - 1, plan.years[0])]
    else:
        pick = reports[-2:]
    if len(pick) >= 2 and (m.column != "change" or not plan.column_explicit):
        a, b = pick[-2], pick[-1]
        mv = s.measure_values(m, np.array([a.rid, b.rid]))
        rows = [Row(rep, None if np.isnan(v) else float(v), int(st), int(f))
                for rep, v, st, f in zip((a, b), mv.value, mv.status, mv.flags)]
        if all(r.status == OK for r in rows):
            old, new = rows[0].value, rows[1].value
            d, dd = arith.difference(new, old)
            word = "增加" if d > 0 else "减少" if d < 0 else "持平"
            derived = [dd, Derived(value=format_value(abs(d)), how=f"|{plain_number(d)}|")]
            text = (f"{agency}「{m.label}」{a.year}年{num(old, m.unit)}，{b.year}年{num(new, m.unit)}，"
                    + (f"{word}{num(abs(d), m.unit)}（{dd.how}）" if d else "持平"))
            g = arith.growth(new, old)
            if g and d:
                derived.append(g[1])
                text += f"，{'增长' if d > 0 else '下降'}{arith.pct_text(abs(g[0]))}（{g[1].how}）"
            t = arith.times(new, old)
            if t and (plan.times or "倍" in plan.text):
                derived.append(t[1])
                text += f"；{b.year}年是{a.year}年的{t[1].value}倍（{t[1].how}）"
                up = arith.times(d, old)
                if up and d > 0:
                    derived.append(up[1])
                    text += f"，增长了{up[1].value}倍"
            text += "。" + defaults_phrase(plan)
            citations, d2 = ctx.citer.rows(m, rows, limit=None)
            return Answer(question=plan.question, text=text, reading=reading(
                plan, m, f"{agency}「{m.label}」{a.year}年与{b.year}年比较", operation="change"),
                table=table_of(rows, m, ranked=False), citations=citations, derived=derived + d2,
                chart=ChartHint(x="年份", y=value_column(m), title=m.label))
        bad = next(r for r in rows if r.status != OK)
        ans = _absent(ctx, plan, m, bad)
        ans.text = f"无法比较{a.year}年与{b.year}年：" + ans.text
        return ans
    # one report: the template's own 本年增/减 column, where it has one
    change = measure(m.item, "change")
    rep = pick[-1] if pick else (reports[-1] if reports else None)
    if rep is None:
        return no_reports(ctx, plan, m, who=agency)
    if change and change.keys(rep.format):
        cs = s.cells(change, rep.rid)
        if cs and cs[0].value is not None:
            cites = ctx.citer.cells(cs)
            prev = measure(m.item, "prev")
            pcs = s.cells(prev, rep.rid) if prev else []
            pc = ctx.citer.cells(pcs)
            shown = cites[0].value or num(cs[0].value)
            text = (f"索引中{agency}没有上一年的报告，按其{rep.year}年报告表中「本年增/减」列：{items()[m.item].label}"
                    f"本年增/减为{shown}{change.unit}")
            derived: list[Derived] = []
            if pcs and pcs[0].value is not None:
                text += f"（上一年项目数量{num(pcs[0].value, prev.unit)}）"
                g = arith.growth(pcs[0].value + cs[0].value, pcs[0].value)
                if g:
                    now, dn = arith.total([pcs[0].value, cs[0].value], "本年项目数量")
                    derived += [dn, g[1]]
                    text += (f"，本年项目数量{num(now, prev.unit)}（{dn.how.split('：', 1)[1]}），"
                             f"{'增长' if g[0] >= 0 else '下降'}{arith.pct_text(abs(g[0]))}（{g[1].how}）")
            text += "。注意：这一列是事项（项目）数量的增减，不是处理决定数量的变化。"
            return Answer(question=plan.question, text=text, citations=cites + pc, derived=derived,
                          reading=reading(plan, change, f"{agency}「{change.label}」（报告只有一年，读表中增减列）",
                                          operation="change"),
                          table=AnswerTable(columns=["单位", "年份", "项目", "数值"], rows=[
                              [agency, rep.year, change.label, cell_value(cs[0].value)]] + (
                              [[agency, rep.year, prev.label, cell_value(pcs[0].value)]] if pcs and
                              pcs[0].value is not None else []), units={"数值": change.unit}))
    years = "、".join(f"{r.year}年" for r in reports)
    text = f"索引中{agency}只有{years}的报告，{rep.format}版模板也没有「本年增/减」一栏，无法与上一年比较。"
    return Answer(question=plan.question, text=text, status="absent",
                  reading=reading(plan, m, f"{agency}「{m.label}」与上一年比较"),
                  alternatives=[Alternative(label="看本年数值", question=compose("value", m, agency))])


# ---------------------------------------------------------------- findings
RULE_NAMES = {1: "申请收支平衡", 2: "办理结果合计", 3: "申请人合计", 4: "复议诉讼合计"}


def answer_findings(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    agencies = plan.agencies or plan.kind_agencies or None
    rids = s.scope(agencies, plan.years or None, latest=False)
    docs = {s.reports[int(r)].doc for r in rids}
    if not docs:
        return no_reports(ctx, plan, None, who="、".join(plan.agencies))
    found = s.findings_of(docs)
    fails = [f for f in found if f.status == "FAIL"]
    unassessable = [f for f in found if f.status == "NOT_ASSESSABLE"]
    by_doc: dict[str, list] = {}
    for f in fails:
        by_doc.setdefault(f.doc, []).append(f)
    na_docs: dict[str, int] = {}
    for f in unassessable:
        na_docs[f.doc] = na_docs.get(f.doc, 0) + 1
    derived = [Derived(value=str(len(by_doc)), how="有不一致的报告数"),
               Derived(value=str(len(docs)), how="范围内报告数")]
    who = "、".join(plan.agencies) if plan.agencies else f"{len(docs)}份报告"
    parts = []
    for doc, fs in list(by_doc.items())[:NAMES_IN_TEXT]:
        r = s.by_doc[doc]
        derived.append(Derived(value=str(len(fs)), how=f"{r.name}不一致的核对项数"))
        rules = sorted({f.rule for f in fs if f.rule}, key=int)
        kinds = "、".join(f"规则{x}（{RULE_NAMES.get(x, '')}）" for x in rules)
        if any(f.kind == "prose" for f in fs):
            kinds += ("、" if kinds else "") + "正文与表格不符"
        if any(f.kind == "cross_year" for f in fs):
            kinds += ("、" if kinds else "") + "跨年度结转不符"
        parts.append(f"{r.name}{r.year or ''}年报告{len(fs)}项（{kinds}）")
    if by_doc and plan.agencies:
        text = "；".join(p.replace("年报告", "年报告有", 1) for p in parts) + "数字不一致。"
    elif by_doc:
        text = f"{who}中有{len(by_doc)}份报告的数字不一致：" + "；".join(parts) + "。"
    else:
        text = f"{who}的勾稽关系核对没有发现不一致。"
    if na_docs:
        names_na = "、".join(f"{s.by_doc[d].name}（{n}项）" for d, n in list(na_docs.items())[:NAMES_IN_TEXT])
        text += f"因表格缺行无法核对的：{names_na}。"
        for d, n in list(na_docs.items())[:NAMES_IN_TEXT]:
            derived.append(Derived(value=str(n), how=f"{s.by_doc[d].name}无法核对的项数"))
    if plan.agencies and not by_doc:
        passed = s.passed_findings(sorted(docs))
        derived.append(Derived(value=str(passed), how="通过的核对项数"))
        text += f"通过{passed}项核对。"
    shown = fails + unassessable
    citations = [cite.finding(f) for f in shown]
    table = AnswerTable(columns=["单位", "年份", "核对", "范围", "结果", "说明"], rows=[
        [f.agency, f.year, f"规则{f.rule}（{RULE_NAMES.get(f.rule, '')}）" if f.rule else
         ("正文与表格" if f.kind == "prose" else "跨年度"), scope_label(f.kind, f.rule, f.scope),
         {"FAIL": "不一致", "NOT_ASSESSABLE": "无法核对"}[f.status], f.detail] for f in shown]) if shown else None
    return Answer(question=plan.question, text=text, status="answered",
                  reading=reading(plan, None, f"{who}的勾稽关系核对结果", operation="findings"),
                  table=table, citations=citations, derived=derived)


# ---------------------------------------------------------------- the corpus itself
def _corpus_subset(plan: Plan, reports: list[Report], scope: str, total: int) -> Answer:
    listed = "、".join(f"{r.name}（{r.year}年）" for r in reports[:20]) + ("等" if len(reports) > 20 else "")
    text = (f"索引{total}份报告中，{scope}的报告有{len(reports)}份：{listed}。" if reports else
            f"索引{total}份报告中没有{scope}的报告。")
    return Answer(question=plan.question, text=text, status="answered" if reports else "not_found",
                  reading=reading(plan, None, f"索引中{scope}的报告", operation="corpus"),
                  table=AnswerTable(columns=["单位", "年份", "文件", "模板"],
                                    rows=[[r.name, r.year, r.doc, r.format] for r in reports]),
                  derived=[Derived(value=str(len(reports)), how=f"{scope}的报告份数"),
                           Derived(value=str(total), how="索引中的报告份数")])


def answer_corpus(ctx: Ctx, plan: Plan) -> Answer:
    s = ctx.store
    reports = sorted(s.reports, key=lambda r: (r.name, r.year or 0))
    scope = []  # 2023年的报告 / 用2021版模板的报告: the reports the question picks
    if plan.years:
        reports = [r for r in reports if r.year in plan.years]
        scope.append("、".join(f"{y}年" for y in plan.years))
    if plan.template:
        reports = [r for r in reports if r.format == plan.template]
        scope.append(f"使用{plan.template}版模板")
    if scope and plan.corpus_what in ("count", "agencies", None):
        return _corpus_subset(plan, reports, "".join(scope), len(s.reports))
    agencies = sorted({r.name for r in reports})
    years = s.years
    derived = [Derived(value=str(len(reports)), how="报告份数"), Derived(value=str(len(agencies)), how="单位数")]
    year_text = "、".join(f"{y}年" for y in years)
    if plan.corpus_what == "overview":
        fails = {f.doc for f in s.problem_findings if f.status == "FAIL"}
        lacking = {f.doc for f in s.problem_findings if f.status == "NOT_ASSESSABLE"}
        derived += [Derived(value=str(len(fails)), how="有勾稽不一致的报告数"),
                    Derived(value=str(len(lacking)), how="因表格缺行无法全部核对的报告数")]
        text = (f"索引中有{len(agencies)}个单位的{len(reports)}份报告（{year_text}）。勾稽核对：{len(fails)}份报告有不一致，"
                f"{len(lacking)}份报告因表格缺行有些项目无法核对。可以问排名（哪个单位行政处罚最多）、"
                f"某单位的数字、核对结果，或报告正文（某单位存在哪些问题）。")
    elif plan.corpus_what == "years":
        text = f"索引中的报告涵盖{len(years)}个年份：{year_text}（共{len(reports)}份报告）。"
        derived.append(Derived(value=str(len(years)), how="年份数"))
    elif plan.corpus_what == "count":
        text = f"索引中共有{len(reports)}份报告，来自{len(agencies)}个单位，年份：{year_text}。"
    else:
        text = f"索引中有{len(agencies)}个单位的{len(reports)}份报告：{'、'.join(agencies[:20])}" + \
               (f"等" if len(agencies) > 20 else "") + "。"
    table = AnswerTable(columns=["单位", "年份", "文件", "模板"],
                        rows=[[r.name, r.year, r.doc, r.format] for r in reports])
    return Answer(question=plan.question, text=text, reading=reading(plan, None, "索引中的报告", operation="corpus"),
                  table=table, derived=derived)
