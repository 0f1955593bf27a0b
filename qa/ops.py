"""What every fact operation (qa/op_*.py, registered in qa.operations) works with: the engine's context,
the reports in scope with a measure's values as arrays, the answer table of such rows (each with its source
cell), the settled plan (frozen; settle_aggregate takes an aggregate's defaults: the column most reports in
scope hold, each agency's latest report) and the start every aggregate shares.

Rules kept here: a report lacking a fact is 未提供, never 0; a cell with text where a number belongs has no
value and says so; with several years of one agency, its latest report counts unless the question names a
year or all reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import ConfigDict

from qa.answer import Alternative, Answer, AnswerTable, Derived
from qa.arith import plain_number
from qa.cite import Citer
from qa.facts import OK, FactStore, Row
from qa.lexicon import Measure, items, measure
from qa.phrasing import STATUS_WORDS, cell_value, column_alternatives, defaults_phrase, flag_words, names, reading, \
    value_column, years_text
from qa.prose import Prose
from qa.understand import RE_OF_WINNER, Comparison, Plan

ROW_CAP = 20  # ties listed at a top-N boundary; every table keeps all its rows (the UI pages them, exports all)
AGGREGATES = ("max", "min", "top", "bottom", "rank", "sum", "avg")


@dataclass
class Ctx:
    store: FactStore
    citer: Citer
    prose: Prose


def cmp_ok(v: np.ndarray, c: Comparison) -> np.ndarray:
    """The values meeting the question's condition (a range includes both bounds)."""
    x = c.value
    if c.op == "between":
        return (v >= x) & (v <= (c.high if c.high is not None else x))
    return {">": v > x, ">=": v >= x, "<": v < x, "<=": v <= x, "==": v == x, "!=": v != x}[c.op]


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

    def concat(self, other: Rows) -> Rows:
        return Rows(self.store, *(np.concatenate([a, b]) for a, b in zip(
            (self.rids, self.values, self.status, self.flags), (other.rids, other.values, other.status, other.flags))))

    def by_name(self) -> Rows:
        s = self.store
        return self.take(np.lexsort((s.year_of[self.rids], s.agency_of[self.rids])))


def in_scope(ctx: Ctx, plan: Plan, agencies: list[str] | None = None) -> np.ndarray:
    """The reports a plan is about: the named (or kind's) agencies and years, less the agencies the question
    left out (除了平潭)."""
    s = ctx.store
    rids = s.scope(agencies if agencies is not None else (plan.kind_agencies or None), plan.years or None,
                   latest=not plan.all_years)
    if plan.excluded:
        out = [s.agency_names.index(a) for a in plan.excluded if a in s.agency_names]
        rids = rids[~np.isin(s.agency_of[rids], out)]
    return rids


def scoped(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> Rows:
    s = ctx.store
    rids = in_scope(ctx, plan, agencies)
    mv = s.measure_values(m, rids)
    return Rows(s, mv.rids, mv.value, mv.status, mv.flags)


def scoped_rows(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> list[Row]:
    s = ctx.store
    rids = in_scope(ctx, plan, agencies)
    mv = s.measure_values(m, rids)
    return [Row(s.reports[int(r)], None if np.isnan(v) else float(v), int(st), int(f))
            for r, v, st, f in zip(mv.rids, mv.value, mv.status, mv.flags)]


def scope_words(plan: Plan, rows) -> tuple[str, bool]:
    """('2020年' or '', whether rows span several years)."""
    years = rows.years() if isinstance(rows, Rows) else {r.report.year for r in rows}
    return years_text(plan.years), len(years) > 1


def no_reports(ctx: Ctx, plan: Plan, m: Measure | None, who: str = "") -> Answer:
    # the years the agencies asked about have (济南 has 2020 only), not every year of the index
    named = plan.agencies or plan.kind_agencies or None
    own = sorted({r.year for r in ctx.store.reports if named is None or r.agency in named}) if named \
        else list(ctx.store.years)
    have = "、".join(f"{y}年" for y in own) or "无"
    years = "、".join(f"{y}年" for y in plan.years)
    whose = f"{who or '、'.join(plan.agencies)}的" if plan.agencies else ""
    text = f"索引中没有{who}{years}的报告（{whose}现有年份：{have}）。"
    what = f"的「{m.label}」" if m else "的报告"
    return Answer(question=plan.question, text=text, status="not_found",
                  reading=reading(plan, m, f"{who}{years}{what}"),
                  alternatives=[Alternative(label=f"看{y}年", question=plan.question.replace(years, f"{y}年"))
                                for y in own[-3:]] if years else [])


def table_of(rows: list[Row] | Rows, m: Measure, ranked: bool, show_years: bool = True,
             store: FactStore | None = None) -> AnswerTable:
    """Every row, each with its source cell (file, line, key) when a store is given. A whole ranking comes as
    Rows (arrays): its thousands of rows are read from them, not made into Row objects first."""
    vc = value_column(m)
    cols = (["名次"] if ranked else []) + ["单位", "年份", vc, "说明"]
    if isinstance(rows, Rows):  # (names and years from the store's arrays: no Report object a row)
        years = [y if y >= 0 else None for y in rows.store.year_of[rows.rids].tolist()]
        data = zip(rows.store.table.names_of(rows.rids), years, rows.values.tolist(), rows.status.tolist(),
                   rows.flags.tolist())
        rids = rows.rids
    else:
        data = ((r.report.name, r.report.year, r.value, r.status, r.flags) for r in rows)
        rids = np.array([r.report.rid for r in rows], np.int64)
    out, rank, prev = [], 0, None
    for i, (name, year, value, status, flags) in enumerate(data):
        if status == OK:
            if value != prev:
                rank, prev = i + 1, value
            cells = [rank] if ranked else []
            out.append(cells + [name, year, cell_value(value), flag_words(flags)])
        else:
            cells = ["—"] if ranked else []
            out.append(cells + [name, year, None, STATUS_WORDS[status]])
    sources = store.sources(m, rids) if store is not None else []
    return AnswerTable.model_construct(columns=cols, rows=out, units={vc: m.unit}, sources=sources)


# ---------------------------------------------------------------- settling: the plan frozen before it runs
class SettledPlan(Plan):
    """A plan as it runs: settled (every default taken, listed in `defaults` for the reading line), then
    frozen, so that no operation changes what the reading line says. Changed only by model_copy(update=…)."""

    model_config = ConfigDict(frozen=True)
    defaults: tuple[str, ...] = ()


def freeze(plan: Plan) -> SettledPlan:
    return SettledPlan.model_validate({**dict(plan), "defaults": tuple(plan.defaults)})


def thaw(plan: Plan) -> Plan:
    """A mutable copy (for the conversation, whose follow-ups are read from it, and for sub-plans)."""
    return Plan.model_validate({**dict(plan), "defaults": list(plan.defaults)}) if isinstance(plan, SettledPlan) \
        else plan.model_copy(deep=True)


def of_winner(plan: Plan) -> bool:
    """行政许可最多的那年，行政处罚是多少: a ranking's winner, then another measure of that report."""
    return bool(plan.extra_items and (plan.operation in ("max", "min") and RE_OF_WINNER.search(plan.text)
                                      or plan.operation == "nth" and plan.of_nth))


ONE_MEASURE_NOTE = "问题提到多项，只按第一项比较"  # (not said when each measure is answered: qa.engine)


def settle_aggregate(ctx: Ctx, plan: Plan) -> Plan:
    """What an aggregate over the reports in scope takes by default, in place: the column most of them hold,
    the first of several measures named, and each agency's latest report when some have several."""
    m = plan.measure()
    if m is not None:
        best_default(ctx, plan, m)
    if m is not None and plan.within and plan.comparison:
        plan.defaults.append(f"只在上一问筛出的单位中（{plan.comparison.words(m.unit)}）")
    if plan.extra_items and not of_winner(plan) and not plan.compare_sums:  # 行政复议和行政诉讼最多的单位: one measure at a time
        others = "、".join(items()[i].label for i in plan.extra_items)
        plan.defaults.append(f"{ONE_MEASURE_NOTE}；另见「{others}」")
    s = ctx.store
    if not plan.years and not plan.all_years and s.multi_year_agencies(s.scope(plan.kind_agencies or None,
                                                                               latest=False)):
        plan.defaults.append("同一单位有多年报告的，取其最新一年")
    return plan


def best_default(ctx: Ctx, plan: Plan, m: Measure, agencies: list[str] | None = None) -> Measure:
    """A column the question did not name: of the item's default columns, the one most reports in scope
    hold (规范性文件 is 本年新制作数量 in the 2019 template and 本年制发件数 in 2021). Sets the plan's column
    and says so in its defaults (settling: the plan is still mutable here)."""
    from qa.lexicon import default_columns

    options = [mm for c in default_columns(m.item) if (mm := measure(m.item, c))]
    if plan.column_explicit or len(options) < 2:
        return m
    s = ctx.store
    rids = in_scope(ctx, plan, agencies or None)
    counts = [int((s.measure_values(mm, rids).status == OK).sum()) for mm in options]
    best = options[max(range(len(options)), key=lambda i: (counts[i], -i))]
    if best.column != m.column:
        plan.column = best.column
        plan.defaults = [d for d in plan.defaults if not d.startswith("未指明列")] + \
            [f"未指明列，按「{best.label.split(' · ', 1)[1]}」"]
    others = [mm for mm, n in zip(options, counts) if mm is not best and n]
    # A column the other template names differently (本年制发件数 / 本年新制作数量) is read in both: its reports
    # are counted, under the other name. Only a column of other cells is left out.
    renamed = [mm for mm in others if set(mm.all_keys) == set(best.all_keys)]
    left_out = [mm for mm in others if mm not in renamed]
    if renamed:
        plan.defaults.append(f"另一版模板中该列名为「{renamed[0].label.split(' · ', 1)[1]}」，按同一列计入")
    if left_out:
        plan.defaults.append(f"部分报告用另一版模板，该列为「{left_out[0].label.split(' · ', 1)[1]}」，未计入")
    return best


def default_measure(ctx: Ctx, item_id: str) -> Measure | None:
    """An item named beside the settled one (行政处罚和行政许可): its first default column the reports hold."""
    from qa.lexicon import default_columns

    for col in default_columns(item_id):
        mm = measure(item_id, col)
        if mm and any(ctx.store.has_key(k) for k in mm.all_keys):
            return mm
    return None


@dataclass
class Aggregate:
    """The start every aggregate shares: the measure (its default column settled), the rows in scope, those
    with a value (sorted, ascending when asc) and those without (by name), and the words for the scope."""

    m: Measure
    rows: Rows
    ok: Rows
    lacking: Rows
    asc: bool
    multi_year: bool  # the rows span several years: names carry their year
    lead: str  # 按「行政处罚 · 处理决定数量」（defaults）
    after: str  # the scope and defaults after a list that comes first (a ranking): 5份报告；范围：2021年至2025年…
    per: str  # 个单位 (each agency's latest) or 份报告 (every report)
    scope_n: str  # 2020年5个单位
    lack_text: str  # 另有1个单位未提供该数据（…），不计为零。
    derived: list[Derived]
    alternatives: list[Alternative]


def aggregate(ctx: Ctx, plan: Plan, m: Measure) -> Aggregate | Answer:
    """The rows an aggregate runs over (the plan settled by settle_aggregate), or the answer that there are
    none."""
    op = plan.operation
    rows = scoped(ctx, plan, m)
    if not len(rows):
        return no_reports(ctx, plan, m)
    year_text, multi_year = scope_words(plan, rows)
    asc = op in ("min", "bottom") or (plan.order == "asc" and op in ("rank", "top"))
    ok = rows.where(rows.status == OK).sorted(asc)
    lacking = rows.where(rows.status != OK).by_name()
    if plan.within and plan.comparison:  # 其中最少的: only the reports the last filter listed (none lacks it)
        ok, lacking = ok.where(cmp_ok(ok.values, plan.comparison)), lacking.take(np.zeros(0, np.int64))
        rows = ok
    label = m.label
    derived: list[Derived] = [Derived(value=str(len(rows)), how="范围内的单位数"),
                              Derived(value=str(len(ok)), how="提供数据的单位数")]
    if lacking:
        derived.append(Derived(value=str(len(lacking)), how="未提供数据的单位数"))
    if plan.within and plan.comparison:
        derived.append(Derived(value=plain_number(plan.comparison.value), how="上一问的筛选条件"))
    kind = f"{plan.kind}中" if plan.kind else ""
    lead = f"按「{label}」{defaults_phrase(plan)}"
    per = "份报告" if plan.all_years else "个单位"  # every report, or each agency's latest: said in the text
    scope_n = f"{year_text}{kind}{len(rows)}{per}"
    after = f"{scope_n}；{defaults_phrase(plan)[1:-1]}" if defaults_phrase(plan) else scope_n
    lack_text = f"另有{len(lacking)}{per}未提供该数据（{names(lacking, years=multi_year)}），不计为零。" if lacking else ""
    alternatives = column_alternatives(plan, m, op if op in AGGREGATES
                                       else "rank", formats=rows.formats())
    return Aggregate(m, rows, ok, lacking, asc, multi_year, lead, after, per, scope_n, lack_text, derived, alternatives)


def nothing(ctx: Ctx, plan: Plan, m: Measure, rows, lead: str) -> Answer:
    text = f"{lead}，范围内{len(rows)}个单位都没有提供这项数据（{names(rows)}），无法比较。"
    citations, derived = ctx.citer.rows(m, rows)
    derived.append(Derived(value=str(len(rows)), how="范围内的单位数"))
    return Answer(question=plan.question, text=text, status="absent", reading=reading(plan, m, f"「{m.label}」"),
                  table=table_of(rows, m, ranked=False, store=ctx.store), citations=citations, derived=derived,
                  alternatives=column_alternatives(plan, m, plan.operation))
