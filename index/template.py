"""The national report template as data: tables, rows, columns, canonical keys, labels, aliases, units
and consistency rules.

Everything that needs to know the template (extraction, checks, question reading, table headers,
exports) reads it from here, so a new label variant is one line in ALIASES below.
Keys follow ../shared/spec/report-format.md and are a contract: never rename one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

Number = int | float

FORMATS = ("2019", "2021")

# Units of the facts. Counts of items (项) and of documents/cases (件); money in 万元.
COUNT = "件"
ITEMS = "项"
WAN_YUAN = "万元"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    unit: str = COUNT


@dataclass(frozen=True, eq=False)  # identity: rows and tables are singletons, and hash fast as cache keys
class Row:
    key: str  # row part of the fact key, e.g. "penalty" or "denied.state_secret"
    label: str  # the label the template prints (without its numbering)
    columns: tuple[Column, ...]
    group: str | None = None  # the label of the group the row sits in (三（三）不予公开 ...)
    aliases: tuple[str, ...] = ()

    def fact_key(self, column: Column, table: str) -> str:
        return f"apply.{self.key}.{column.key}" if table == "apply" else f"{self.key}.{column.key}"


@dataclass(frozen=True, eq=False)
class Table:
    key: str  # "active" (二), "apply" (三), "review" (四)
    part: str  # the part of the report the table belongs to
    rows: tuple[Row, ...]
    groups: tuple[str, ...] = ()  # labels that head groups of rows and carry no values
    headers: tuple[str, ...] = ()  # column headers and other captions: never values, never rows

    @property
    def width(self) -> int:
        return max(len(r.columns) for r in self.rows)


# ---------------------------------------------------------------- 二、主动公开政府信息情况
_MADE = (Column("made", "本年新制作数量"), Column("published", "本年新公开数量"), Column("total", "对外公开总数量"))
_ITEMS3 = (Column("prev", "上一年项目数量", ITEMS), Column("change", "本年增/减", ITEMS),
           Column("decisions", "处理决定数量"))
_ISSUED = (Column("issued", "本年制发件数"), Column("repealed", "本年废止件数"), Column("in_force", "现行有效件数"))
_DECIDED = (Column("decisions", "本年处理决定数量"),)

ACTIVE_2019 = Table(
    key="active",
    part="二",
    rows=(
        Row("regulation", "规章", _MADE),
        Row("normative", "规范性文件", _MADE, aliases=("行政规范性文件",)),
        Row("license", "行政许可", _ITEMS3),
        Row("other_service", "其他对外管理服务事项", _ITEMS3, aliases=("其他对外管理服务",)),
        Row("penalty", "行政处罚", _ITEMS3),
        Row("coercion", "行政强制", _ITEMS3),
        Row("fee", "行政事业性收费", (Column("prev", "上一年项目数量", ITEMS), Column("change", "本年增/减", ITEMS))),
        Row("procurement", "政府集中采购",
            (Column("items", "采购项目数量", ITEMS), Column("amount", "采购总金额", WAN_YUAN))),
    ),
    headers=("信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "处理决定数量", "采购项目数量", "采购总金额", "第二十条第（一）项", "第二十条第（五）项",
             "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"),
)

ACTIVE_2021 = Table(
    key="active",
    part="二",
    rows=(
        Row("regulation", "规章", _ISSUED),
        Row("normative", "行政规范性文件", _ISSUED, aliases=("规范性文件",)),
        Row("license", "行政许可", _DECIDED),
        Row("penalty", "行政处罚", _DECIDED),
        Row("coercion", "行政强制", _DECIDED),
        Row("fee", "行政事业性收费", (Column("amount", "本年收费金额", WAN_YUAN),)),
    ),
    headers=("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额",
             "第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"),
)

# ---------------------------------------------------------------- 三、收到和处理政府信息公开申请情况
APPLY_COLUMNS = (
    Column("natural", "自然人"),
    Column("business", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织"),
    Column("legal", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
APPLICANT_COLUMNS = APPLY_COLUMNS[:-1]

_DENIED = (
    ("state_secret", "属于国家秘密"),
    ("law", "其他法律行政法规禁止公开"),
    ("safety", "危及“三安全一稳定”"),
    ("third_party", "保护第三方合法权益"),
    ("internal", "属于三类内部事务信息"),
    ("process", "属于四类过程性信息"),
    ("enforcement", "属于行政执法案卷"),
    ("query", "属于行政查询事项"),
)
_UNABLE = (
    ("not_held", "本机关不掌握相关政府信息"),
    ("no_record", "没有现成信息需要另行制作"),
    ("unclear", "补正后申请内容仍不明确"),
)
_REJECTED = (
    ("petition", "信访举报投诉类申请"),
    ("duplicate", "重复申请"),
    ("publication", "要求提供公开出版物"),
    ("repetitive", "无正当理由大量反复申请"),
    ("confirm", "要求行政机关确认或重新出具已获取信息"),
)
_OTHER_2021 = (
    ("no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("no_fee", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("misc", "其他"),
)


def _apply_rows(fmt: str) -> tuple[Row, ...]:
    c = APPLY_COLUMNS
    rows = [
        Row("new", "本年新收政府信息公开申请数量", c),
        Row("carried_in", "上年结转政府信息公开申请数量", c),
        Row("granted", "予以公开", c, group="本年度办理结果"),
        Row("partial", "部分公开", c, group="本年度办理结果",
            aliases=("部分公开（区分处理的，只计这一情形，不计其他情形）",)),
    ]
    rows += [Row(f"denied.{k}", lab, c, group="不予公开") for k, lab in _DENIED]
    rows += [Row(f"unable.{k}", lab, c, group="无法提供") for k, lab in _UNABLE]
    rows += [Row(f"rejected.{k}", lab, c, group="不予处理") for k, lab in _REJECTED]
    if fmt == "2019":
        rows.append(Row("other", "其他处理", c, group="本年度办理结果"))
    else:
        rows += [Row(f"other.{k}", lab, c, group="其他处理") for k, lab in _OTHER_2021]
    rows += [
        Row("total", "总计", c, group="本年度办理结果"),
        Row("carried_out", "结转下年度继续办理", c),
    ]
    return tuple(rows)


_APPLY_HEADERS = ("申请人情况", "自然人", "法人或其他组织", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                  "其他", "总计", "本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和")


def _apply_table(fmt: str) -> Table:
    groups = ("本年度办理结果", "不予公开", "无法提供", "不予处理") + (("其他处理",) if fmt == "2021" else ())
    return Table(key="apply", part="三", rows=_apply_rows(fmt), groups=groups, headers=_APPLY_HEADERS)


APPLY_2019 = _apply_table("2019")
APPLY_2021 = _apply_table("2021")

# ---------------------------------------------------------------- 四、行政复议、行政诉讼
REVIEW_COLUMNS = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
REVIEW_GROUPS = (("review", "行政复议"), ("suit.direct", "行政诉讼 · 未经复议直接起诉"),
                 ("suit.after_review", "行政诉讼 · 复议后起诉"))
REVIEW = Table(
    key="review",
    part="四",
    rows=tuple(Row(k, lab, REVIEW_COLUMNS) for k, lab in REVIEW_GROUPS),
    headers=("行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉") + tuple(c.label for c in REVIEW_COLUMNS),
)


def tables(fmt: str) -> tuple[Table, Table, Table]:
    """The three tables of a report of the given template format."""
    if fmt == "2021":
        return ACTIVE_2021, APPLY_2021, REVIEW
    return ACTIVE_2019, APPLY_2019, REVIEW


# ---------------------------------------------------------------- the six parts
@dataclass(frozen=True)
class Part:
    numeral: str
    title: str
    keywords: tuple[str, ...]  # a heading names its part by one of these


PARTS = (
    Part("一", "总体情况", ("总体情况",)),
    Part("二", "主动公开政府信息情况", ("主动公开政府信息", "主动公开情况")),
    Part("三", "收到和处理政府信息公开申请情况", ("收到和处理政府信息公开申请", "政府信息公开申请情况", "依申请公开")),
    Part("四", "政府信息公开行政复议、行政诉讼情况", ("行政复议", "行政诉讼")),
    Part("五", "存在的主要问题及改进情况", ("存在的主要问题", "主要问题及改进", "问题及改进")),
    Part("六", "其他需要报告的事项", ("其他需要报告",)),
)
PART_NUMERALS = tuple(p.numeral for p in PARTS)

# Header words that tell the template version apart (checked before the statistics year).
FORMAT_MARKERS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购总金额"),
}


# ---------------------------------------------------------------- facts: labels and units
@dataclass(frozen=True)
class FactSpec:
    key: str
    label: str  # what users see: "行政处罚 · 处理决定数量"
    item: str  # the row's label
    column: str  # the column's label
    unit: str
    part: str
    table: str
    formats: frozenset[str] = field(default_factory=frozenset)


def _apply_row_label(row: Row) -> str:
    return f"{row.group} · {row.label}" if row.group and row.group != "本年度办理结果" else row.label


@cache
def fact_specs() -> dict[str, FactSpec]:
    """Every canonical key of both formats with its label, unit and part."""
    specs: dict[str, FactSpec] = {}
    for fmt in FORMATS:
        for table in tables(fmt):
            for row in table.rows:
                item = _apply_row_label(row) if table.key == "apply" else row.label
                for col in row.columns:
                    key = row.fact_key(col, table.key)
                    old = specs.get(key)
                    fmts = frozenset({fmt}) | (old.formats if old else frozenset())
                    specs[key] = FactSpec(key, f"{item} · {col.label}", item, col.label, col.unit,
                                          table.part, table.key, fmts)
    return specs


def keys_for(fmt: str) -> list[str]:
    """Canonical keys of one template format, in template order."""
    return [k for k, s in fact_specs().items() if fmt in s.formats]


# ---------------------------------------------------------------- consistency rules (勾稽关系)
# The form's own arithmetic, as data. Every place that needs it — the findings (index.checks), placing cells
# (index.placement), splitting digit runs and balancing a report's columns (index.align), the corpus
# generator (bench.generate) — asks `rule_checks` for the instances and `RuleCheck.holds` to judge them.
RESULTS = "*results"  # rule 2's right side: every result row of the report's 三 (予以公开 … 其他处理)


@dataclass(frozen=True)
class Rule:
    id: int
    name: str
    description: str
    part: str
    table: str  # "apply" (三) or "review" (四)
    per: Literal["column", "row"]  # "column": holds in every column, the sides name rows; "row": in every row
    left: tuple[str, ...]  # row keys (per column) or column keys (per row)
    right: tuple[str, ...]


RULES = (
    Rule(1, "申请收支平衡", "三 每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理",
         "三", "apply", "column", ("new", "carried_in"), ("total", "carried_out")),
    Rule(2, "办理结果合计", "三 每一列：（七）总计 = 各项办理结果之和（予以公开 … 其他处理）",
         "三", "apply", "column", ("total",), (RESULTS,)),
    Rule(3, "申请人合计", "三 每一行：总计列 = 六类申请人之和",
         "三", "apply", "row", ("total",), tuple(c.key for c in APPLICANT_COLUMNS)),
    Rule(4, "复议诉讼合计", "四：行政复议、直接起诉、复议后起诉的总计 = 其四项结果之和",
         "四", "review", "row", ("total",), tuple(c.key for c in REVIEW_COLUMNS[:-1])),
)

_RESULT_EXCLUDED = ("new", "carried_in", "total", "carried_out")
_OTHER_2019 = ("other",)
_OTHER_2021_KEYS = tuple(f"other.{k}" for k, _ in _OTHER_2021)


def result_rows(fmt: str, given: Collection[str] | None = None) -> list[str]:
    """Row keys of 三 whose sum is （七）总计 (rule 2). With `given` (the fact keys a report has), a report that
    mixes the forms (the 2021 form with the older single （六）其他处理 row, 洪泽) sums the rows it has."""
    rows = [r.key for r in tables(fmt)[1].rows if r.key not in _RESULT_EXCLUDED]
    if given is None:
        return rows
    own, alt = (_OTHER_2019, _OTHER_2021_KEYS) if fmt == "2019" else (_OTHER_2021_KEYS, _OTHER_2019)

    def has(row_keys: tuple[str, ...]) -> bool:
        return any(f"apply.{r}.{c.key}" in given for r in row_keys for c in APPLY_COLUMNS)

    if not has(own) and has(alt):
        at = rows.index(own[0])
        rows = rows[:at] + list(alt) + rows[at + len(own):]
    return rows


@dataclass(frozen=True)
class RuleCheck:
    """One instance of a rule: its scope (the column or row it holds in) and the fact keys on each side."""

    rule: Rule
    scope: str
    left: tuple[str, ...]
    right: tuple[str, ...]

    def holds(self, value: Callable[[str], Number | None]) -> bool | None:
        """True or False where every number is known; None when one is missing (never judged on a guess)."""
        return balance([value(k) for k in self.left], [value(k) for k in self.right])


def balance(left: Sequence[Number | None], right: Sequence[Number | None]) -> bool | None:
    """The one evaluator: both sides' sums agree (None: a number is missing)."""
    if None in left or None in right:  # `in`, not any(): placing cells judges thousands of vectors
        return None
    return abs(sum(left) - sum(right)) < 1e-9  # type: ignore[arg-type]


@cache
def rule_checks_of(fmt: str, results: tuple[str, ...]) -> tuple[RuleCheck, ...]:
    """Every instance of the four rules for `fmt`, with `results` (result_rows) the rows rule 2 sums."""
    out: list[RuleCheck] = []
    by_key = {t.key: t for t in tables(fmt)}
    for rule in RULES:
        table = by_key[rule.table]
        if rule.per == "column":
            for col in table.rows[0].columns:
                def keys(rows: tuple[str, ...], col: Column = col) -> tuple[str, ...]:
                    expanded = [r for name in rows for r in (results if name == RESULTS else (name,))]
                    return tuple(f"{table.key}.{r}.{col.key}" if table.key == "apply" else f"{r}.{col.key}"
                                 for r in expanded)
                out.append(RuleCheck(rule, col.key, keys(rule.left), keys(rule.right)))
        else:
            rows = table.rows
            if table.key == "apply":  # the 其他处理 rows the report has, of either form (洪泽 mixes them)
                alt = tables("2019" if fmt == "2021" else "2021")[1].rows
                others = _OTHER_2019 + _OTHER_2021_KEYS
                rows = tuple(r for r in rows if r.key not in others or r.key in results)
                extra = tuple(r for r in alt if r.key in others and r.key in results)
                at = next(i for i, r in enumerate(rows) if r.key == "total")
                rows = rows[:at] + extra + rows[at:]
            for row in rows:
                out.append(RuleCheck(rule, row.key, tuple(row.fact_key(_col(row, c), table.key) for c in rule.left),
                                     tuple(row.fact_key(_col(row, c), table.key) for c in rule.right)))
    return tuple(out)


def _col(row: Row, key: str) -> Column:
    return next(c for c in row.columns if c.key == key)


def rule_checks(fmt: str, given: Collection[str] | None = None) -> tuple[RuleCheck, ...]:
    """Every instance of the four rules for a report of `fmt` (with `given`, for the 三 rows it has)."""
    return rule_checks_of(fmt, tuple(result_rows(fmt, given)))


def broken_rules(values: Callable[[str], Number | None], fmt: str,
                 given: Collection[str] | None = None) -> list[tuple[int, str]]:
    """(rule id, scope) of every instance that fails where all its numbers are known."""
    return [(c.rule.id, c.scope) for c in rule_checks(fmt, given) if c.holds(values) is False]


def fill_totals(values: dict[str, Number], fmt: str) -> dict[str, Number]:
    """Set each 总计 that a per-row rule defines (rules 3 and 4) from its terms, where the terms are given:
    the generator builds consistent reports with the same rules the checks judge them by."""
    for check in rule_checks(fmt, values.keys()):
        if check.rule.per == "row" and len(check.left) == 1 and all(k in values for k in check.right):
            values[check.left[0]] = sum(values[k] for k in check.right)
    return values


@cache
def vector_rule(keys: tuple[str, ...], fmt: str) -> Callable[[Sequence[Number]], bool] | None:
    """The rules among the slots of one vector of facts (a row of 三: rule 3; the fifteen cells of 四: rule
    4), compiled to positions for placing cells and splitting runs, which try thousands of vectors."""
    at = {k: i for i, k in enumerate(keys)}
    checks: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for c in rule_checks_of(fmt, tuple(dict.fromkeys((*result_rows(fmt), *_OTHER_2019, *_OTHER_2021_KEYS)))):
        if all(k in at for k in c.left + c.right):
            checks.append((tuple(at[k] for k in c.left), tuple(at[k] for k in c.right)))
    if not checks:
        return None

    def holds(values: Sequence[Number]) -> bool:
        for left, right in checks:  # a loop, not all(): called for every candidate vector
            if not balance([values[i] for i in left], [values[i] for i in right]):
                return False
        return True

    holds.checks = checks  # type: ignore[attr-defined]  # placement solves a missing slot from them
    return holds
