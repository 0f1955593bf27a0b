"""Consistency findings: the template's four rules (勾稽关系), numbers in the prose that contradict the
tables, and carry-over between consecutive years of the same agency.

A rule is applied only where every number it needs is in the report: a lost row makes the rule
NOT_ASSESSABLE, never a PASS or FAIL computed from invented zeros."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from index.cells import plain_number
from index.hanzi import to_simplified
from index.model import ExtractedReport, Fact, Finding, Line, ReportMeta
from index.template import (APPLY_COLUMNS, REVIEW_COLUMNS, REVIEW_GROUPS, RULES, RuleCheck, balance, fact_specs,
                            keys_for, result_rows, rule_checks_of)

Number = int | float


def _fmt(v: Number | None) -> str:
    return "缺" if v is None else plain_number(v)


def _finding(meta: ReportMeta, facts: dict[str, Fact], value_of: Callable[[str], Number | None], plan: _Plan
             ) -> Finding:
    """One rule applied, with the terms' labels and fact keys its plan gives. `value_of`: a fact's value by
    key (None when the report does not give it), looked up in C for all the plan's terms (~40 findings of up
    to 20 terms a report)."""
    values: list[Number | None] = list(map(value_of, plan.keys))
    line = None  # the first term's line
    for key in plan.keys:
        if key in facts:
            line = facts[key].line
            break
    numbers = dict(zip(plan.names, values))  # as {**left, **right}: a label on both sides once, the right's value
    if None in numbers.values():
        missing = [k for k, v in numbers.items() if v is None]
        status = "NOT_ASSESSABLE"
        detail = f"{plan.where}：缺少 {'、'.join(missing)}，无法核对"
    else:
        status, detail = _judged(plan, tuple(values))
        blanks = [name for name, key in plan.terms if key in facts and "blank" in facts[key].flags
                  ] if status == "FAIL" else []
        if blanks:
            detail += f"（其中空格按0计：{'、'.join(blanks[:4])}{'等' if len(blanks) > 4 else ''}）"
    return Finding(doc=meta.doc, agency=meta.agency, year=meta.year, kind="rule", rule=plan.rule, scope=plan.scope,
                   status=status, detail=f"{plan.title}{detail}", numbers=numbers, line=line)


@lru_cache(maxsize=8192)  # rows of zeros and small counts recur across reports (~0.5 KB an entry)
def _judged(plan: _Plan, values: tuple[Number, ...]) -> tuple[str, str]:
    """(status, the sums in words) of a check whose numbers are all known. Equal numbers write alike
    (1 and 1.0 are '1'), so a value of either type may answer for the other."""
    lvals = dict(zip(plan.left_names, values[:plan.n_left]))
    rvals = dict(zip(plan.right_names, values[plan.n_left:]))
    lsum, rsum = sum(values[:plan.n_left]), sum(values[plan.n_left:])
    status = "PASS" if abs(lsum - rsum) < 1e-9 else "FAIL"
    sign = "=" if status == "PASS" else "≠"
    return status, f"{plan.where}：{_terms(lvals)} = {_fmt(lsum)} {sign} {_terms(rvals)} = {_fmt(rsum)}"


def _terms(side: dict[str, Number | None]) -> str:
    """'予以公开4 + 其他处理2 + 其余18项为0': long sums name only their non-zero terms."""
    if len(side) <= 4:
        return " + ".join(f"{k}{_fmt(v)}" for k, v in side.items())
    shown = [f"{k}{_fmt(v)}" for k, v in side.items() if v != 0]
    zeros = len(side) - len(shown)
    return " + ".join(shown + ([f"其余{zeros}项为0"] if zeros else [])) or "各项均为0"


def rule_findings(meta: ReportMeta, facts: dict[str, Fact]) -> list[Finding]:
    """Every instance of the template's rules (index.template.rule_checks), judged by its one evaluator."""
    fmt = meta.format
    value_of = {k: f.value for k, f in facts.items()}.get
    return [_finding(meta, facts, value_of, plan) for plan in _plans(fmt, tuple(result_rows(fmt, facts.keys())))]


def rule_terms(fmt: str, rule: int, scope: str, keys: Iterable[str]) -> dict[str, str]:
    """A rule finding's numbers (as its `numbers` name them) → the fact key each is, for a report of `fmt` with
    these fact keys: what a page needs to say how each cell was read (空白，按0计)."""
    plan = next((p for p in _plans(fmt, tuple(result_rows(fmt, set(keys)))) if p.rule == rule and p.scope == scope),
                None)
    return dict(plan.terms) if plan else {}


@dataclass(frozen=True, slots=True, eq=False)  # one per check (cached): hashed by identity
class _Plan:
    """How one check is judged and worded: its rule, scope and title, and each side's term labels and fact
    keys (a label once a side)."""

    rule: int
    scope: str
    title: str  # 规则1（申请收支平衡）
    where: str  # the scope in words
    left_names: tuple[str, ...]
    right_names: tuple[str, ...]
    names: tuple[str, ...]  # both sides' labels
    n_left: int
    keys: tuple[str, ...]  # the left side's, then the right side's
    terms: tuple[tuple[str, str], ...]  # (label, key) of both sides as {**left, **right}


@cache  # the same few hundred checks in every report
def _plans(fmt: str, results: tuple[str, ...]) -> tuple[_Plan, ...]:
    out = []
    for check in rule_checks_of(fmt, results):
        where, left, right = _wording(check)
        out.append(_Plan(check.rule.id, check.scope, f"规则{check.rule.id}（{RULES[check.rule.id - 1].name}）", where,
                         tuple(left), tuple(right), (*left, *right), len(left), (*left.values(), *right.values()),
                         tuple({**left, **right}.items())))
    return tuple(out)


def _wording(check: RuleCheck) -> tuple[str, dict[str, str], dict[str, str]]:
    """How a check's finding names its scope and terms: (scope in words, {term label: fact key} of each side)."""
    specs = fact_specs()
    columns = _column_labels()
    if check.rule.per == "column":
        def name(k: str) -> str:
            return specs[k].item
        where = f"{columns[check.scope]}列"
    else:
        def name(k: str) -> str:
            return columns[k.rsplit(".", 1)[1]]
        first = check.left[0] if check.left else check.right[0]
        where = (_REVIEW_GROUP_LABELS[check.scope] if check.rule.table == "review"
                 else f"「{specs[first].item}」行")
    return where, {name(k): k for k in check.left}, {name(k): k for k in check.right}


@cache
def _column_labels() -> dict[str, str]:
    return {c.key: c.label for c in (*APPLY_COLUMNS, *REVIEW_COLUMNS)}


_REVIEW_GROUP_LABELS = dict(REVIEW_GROUPS)


def scope_label(kind: str, rule: int | None, scope: str) -> str:
    """A finding's scope in words: 'natural' → 自然人列, 'denied.law' → 「…」行, 'suit.direct' → 行政诉讼 …"""
    specs = fact_specs()
    if kind == "prose":
        return specs[scope].label if scope in specs else scope
    if rule in (1, 2):
        return next((f"{c.label}列" for c in APPLY_COLUMNS if c.key == scope), scope)
    if rule == 3:
        key = f"apply.{scope}.total"
        return f"{specs[key].item}行" if key in specs else scope
    if rule == 4:
        return dict(REVIEW_GROUPS).get(scope, scope)
    return scope  # cross-year: "2020-2021"


# ---------------------------------------------------------------- prose against tables
_DENIED_SUM = "*denied"  # the 不予公开 rows added up
_UNABLE_SUM = "*unable"  # the 无法提供 rows added up
_REJECTED_SUM = "*rejected"  # the 不予处理 rows added up
_GROUP_SUMS = {_DENIED_SUM: "apply.denied.", _UNABLE_SUM: "apply.unable.", _REJECTED_SUM: "apply.rejected."}
_NOT_HELD = ("apply.unable.not_held.total",)
_SUITS = ("suit.direct.total", "suit.after_review.total")
# Phrases in the prose that state a table's figure: a word every match contains (a substring test skips most
# patterns on most lines), the pattern, and what it states: one or more readings, each a sum of fact keys. Applications are counted in 件, never in 条 (「依申请公开信息数142条」 counts documents).
PROSE_CLAIMS: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...] = (
    ("申请", r"(?:收到|受理|接收)(?:了)?(?:依申请公开政府信息事项|政府信息公开申请|依申请公开(?!信息)(?:申请|件)?|信息公开申请)"
     r"[^\d。；]{0,6}?(\d+)\s*[件个]", (("apply.new.total",), ("apply.new.total", "apply.carried_in.total"))),
    ("收到", r"共?收到\s*(\d+)\s*件(?:政府信息公开|依申请公开)?申请",
     (("apply.new.total",), ("apply.new.total", "apply.carried_in.total"))),
    ("未", r"未(?:收到|受理)(?:任何)?(?:政府信息公开|依申请公开|信息公开)申请()", (("apply.new.total",),)),
    ("上年结转", r"上年结转(?:政府信息公开申请)?\s*(\d+)\s*件", (("apply.carried_in.total",),)),
    ("办结", r"办结(?:依申请公开|政府信息公开申请)?\s*(\d+)\s*件", (("apply.total.total",),)),
    ("予以公开", r"(?<![及和与、])予以公开\s*(\d+)\s*件", (("apply.granted.total",),)),
    ("部分公开", r"(?<![及和与、])部分公开\s*(\d+)\s*件", (("apply.partial.total",),)),
    ("部分公开", r"(?:予以公开|全部公开)[及和与、]部分公开\s*(\d+)\s*件", (("apply.granted.total", "apply.partial.total"),)),
    ("不予公开", r"(?<![予以及和与、])不予公开\s*(\d+)\s*件", ((_DENIED_SUM,),)),
    ("重复申请", r"重复申请\s*(\d+)\s*件", (("apply.rejected.duplicate.total",),)),
    ("结转", r"结转下年度(?:继续办理)?\s*(\d+)\s*件", (("apply.carried_out.total",),)),
    ("结转", r"(\d+)\s*件结转(?:至)?下(?:一)?年度", (("apply.carried_out.total",),)),
    ("结转至", r"结转至20\d{2}年(?:继续办理)?\s*(\d+)\s*件", (("apply.carried_out.total",),)),
    # 三's result rows under the prose's own words (济南: 「不属于本行政机关公开13件」 is the 本机关不掌握 row; a looser
    # wording may also mean its whole group, so agreeing with the group's sum is enough)
    ("无法提供", r"(?<![予以及和与、])无法提供(?:政府信息)?\s*(\d+)\s*件", ((_UNABLE_SUM,),)),
    ("不予处理", r"(?<![予以及和与、])不予处理\s*(\d+)\s*件", ((_REJECTED_SUM,),)),
    ("掌握", r"(?:本(?:行政)?机关)?(?:不掌握|未掌握|没有掌握)(?:相关|该)?(?:政府)?信息\s*(\d+)\s*件",
     (_NOT_HELD, (_UNABLE_SUM,))),
    ("不属于本", r"不属于本(?:行政)?(?:机关|单位|部门)(?:公开|掌握|职责|职权)?(?:范围)?(?:的)?(?:政府)?(?:信息)?\s*(\d+)\s*件",
     (_NOT_HELD, (_UNABLE_SUM,))),
    ("信息不存在", r"(?:政府)?信息不存在\s*(\d+)\s*件", (_NOT_HELD, (_UNABLE_SUM,))),
    ("另行制作", r"(?:没有现成信息)?需(?:要)?另行制作(?:的)?\s*(\d+)\s*件",
     (("apply.unable.no_record.total",), (_UNABLE_SUM,))),
    ("不明确", r"(?:申请)?内容(?:仍)?不明确(?:的)?\s*(\d+)\s*件", (("apply.unable.unclear.total",), (_UNABLE_SUM,))),
    ("信访", r"信访举报投诉类?(?:申请)?\s*(\d+)\s*件", (("apply.rejected.petition.total",), (_REJECTED_SUM,))),
    ("出版物", r"要求提供公开出版物(?:的)?\s*(\d+)\s*件", (("apply.rejected.publication.total",), (_REJECTED_SUM,))),
    ("反复申请", r"(?:无正当理由)?大量反复申请\s*(\d+)\s*件", (("apply.rejected.repetitive.total",), (_REJECTED_SUM,))),
    ("国家秘密", r"属于国家秘密(?:的)?\s*(\d+)\s*件", (("apply.denied.state_secret.total",), (_DENIED_SUM,))),
    ("第三方", r"(?:保护|涉及)第三方合法权益(?:的)?\s*(\d+)\s*件", (("apply.denied.third_party.total",), (_DENIED_SUM,))),
    ("过程性信息", r"(?:属于)?(?:四类)?过程性信息\s*(\d+)\s*件", (("apply.denied.process.total",), (_DENIED_SUM,))),
    ("内部事务", r"(?:属于)?(?:三类)?内部事务信息\s*(\d+)\s*件", (("apply.denied.internal.total",), (_DENIED_SUM,))),
    ("行政执法案卷", r"属于行政执法案卷\s*(\d+)\s*件", (("apply.denied.enforcement.total",), (_DENIED_SUM,))),
    ("行政查询", r"属于行政查询事项\s*(\d+)\s*件", (("apply.denied.query.total",), (_DENIED_SUM,))),
    ("行政处罚决定", r"行政处罚决定\s*(\d+)\s*件", (("penalty.decisions",),)),
    ("行政许可处理决定", r"行政许可处理决定\s*(\d+)\s*件", (("license.decisions",),)),
    ("现行有效", r"现行有效(?:的)?(?:行政)?规范性文件\s*(\d+)\s*件", (("normative.in_force",),)),
    ("制发", r"(?:本年度?|今年)?制发(?:的)?(?:行政)?规范性文件\s*(\d+)\s*件", (("normative.issued",),)),
    ("行政复议", r"(?:政府信息公开)?行政复议(?:案件)?\s*(\d+)\s*件", (("review.total",),)),
    ("行政诉讼", r"(?:政府信息公开)?行政诉讼(?:案件)?\s*(\d+)\s*件", (_SUITS,)),
)


_CLAIMS = [(re.compile(p), readings, need) for need, p, readings in PROSE_CLAIMS]


@dataclass(frozen=True)
class ClaimCheck:
    """A stated number as a check: some reading of it (a sum of facts) equals it."""

    readings: tuple[tuple[str, ...], ...]
    value: Number

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for r in self.readings for k in r)

    def holds(self, value: Callable[[str], Number | None]) -> bool | None:
        results = [balance([value(k) for k in r], [self.value]) for r in self.readings]
        if any(r is True for r in results):
            return True
        return None if any(r is None for r in results) else False


@dataclass(frozen=True)
class ProseClaim:
    check: ClaimCheck
    said: str  # the words that state it
    quote: str  # with some context
    line: int


_MAY_CLAIM = re.compile(r"\d\s*件|未(?:收到|受理)")  # every claim states a count in 件 (or none received)
_CLAIM_WORDS = re.compile("收到|受理|接收|结转|办结|公开|重复申请|处罚决定|许可处理决定|规范性文件|复议|诉讼|无法提供|不予处理|"
                          "掌握|不属于本|不存在|另行制作|不明确|信访|出版物|反复申请|国家秘密|第三方|过程性|内部事务|行政执法案卷|行政查询")
_TRADITIONAL = re.compile("[請開處復議訟結轉發範規許罰辦與現製]")


@cache
def _claim_patterns(fmt: str) -> tuple[tuple[re.Pattern[str], tuple[tuple[str, ...], ...], str], ...]:
    """The claims a report of `fmt` may make, with their readings in its keys: every key a reading names is
    one of either form's (reports mix them), a group's sum (*denied …) stands for the form's rows of that group."""
    keys = frozenset(keys_for(fmt)) | frozenset(keys_for("2019" if fmt == "2021" else "2021"))
    groups = {name: tuple(k for k in keys_for(fmt) if k.startswith(prefix) and k.endswith(".total"))
              for name, prefix in _GROUP_SUMS.items()}
    out = []
    for pattern, readings, need in _CLAIMS:
        expanded = tuple(tuple(k for key in r for k in groups.get(key, (key,))) for r in readings)
        if all(k in keys for r in expanded for k in r):
            out.append((pattern, expanded, need))
    return tuple(out)


def prose_claims(lines: Iterable[Line], fmt: str) -> list[ProseClaim]:
    """Every number the prose states for a table's figure, read with the report's own keys."""
    patterns = _claim_patterns(fmt)
    out: list[ProseClaim] = []
    for line in lines:
        text = line.text
        if "\t" in text or line.cells or ("件" not in text and "未" not in text) or not _MAY_CLAIM.search(text) \
                or not (_CLAIM_WORDS.search(text) or _TRADITIONAL.search(text)):
            continue  # (件 or 未 first: every claim says one, and the test is cheaper than the pattern)
        if _TRADITIONAL.search(text):  # 繁體 prose states its numbers too (converted only where it may be)
            simple = to_simplified(text)
            text = simple if len(simple) == len(text) else text
        for pattern, expanded, need in patterns:
            if need not in text:
                continue
            for m in pattern.finditer(text):
                out.append(ProseClaim(ClaimCheck(expanded, int(m.group(1) or 0)), _squash(m.group(0)),
                                      _squash(line.text[max(0, m.start() - 10): m.end() + 4]), line.number))
    return out


def prose_findings(meta: ReportMeta, facts: dict[str, Fact], lines: Iterable[Line],
                   claims: list[ProseClaim] | None = None) -> list[Finding]:
    """Numbers the prose states that the tables contradict (济南: 予以公开 3件, table 4)."""
    out: list[Finding] = []
    specs = fact_specs()

    def value(k: str) -> Number | None:
        f = facts.get(k)
        return f.value if f else None

    for claim in prose_claims(lines, meta.format) if claims is None else claims:
        if claim.check.holds(value) is not False:
            continue  # agrees with some reading, or a number it needs is not in the tables
        reading = claim.check.readings[0]
        table_value = sum(value(k) for k in reading)  # type: ignore[misc]
        first = facts[reading[0]]
        label = specs[reading[0]].label if len(reading) == 1 else "＋".join(specs[k].item for k in reading[:3]) + (
            "等" if len(reading) > 3 else "")
        out.append(Finding(
            doc=meta.doc, agency=meta.agency, year=meta.year, kind="prose", scope=reading[0], status="FAIL",
            detail=f"正文第{claim.line}行写「{claim.said}」，表格{label}为{_fmt(table_value)}"
                   f"（第{first.line}行）：「…{claim.quote}…」",
            numbers={"prose": claim.check.value, "table": table_value}, line=claim.line))
    return out


def _squash(text: str) -> str:
    return " ".join(text.split())  # no-break spaces from web pages read as plain spaces


# ---------------------------------------------------------------- consecutive years
@lru_cache(maxsize=65536)
def same_agency(agency: str) -> str:
    """The bucket of names that may be one agency in another year (index.metadata.agency_bucket): by what
    people call it, so that 「平潭综合实验区」 and 「平潭综合实验区管委会」, 「某某管理委员会」 and 「某某管委会」, or a
    traditional-character copy, fall together. Which names of a corpus are one agency: agency_keys (places
    that disagree, 北京市朝阳区 and 长春市朝阳区, are two)."""
    from index.metadata import agency_bucket

    return agency_bucket(agency)


def cross_year_findings(reports: list[ExtractedReport]) -> list[Finding]:
    """结转下年度继续办理 of year Y against 上年结转 of year Y+1, for each agency the corpus holds twice (the
    same agency by same_agency: its name may differ between the years)."""
    from index.metadata import agency_keys

    keys = agency_keys(r.meta.agency for r in reports if r.meta.agency)
    by_agency: dict[str, dict[int, ExtractedReport]] = {}
    for r in reports:
        if r.meta.agency and r.meta.year:
            by_agency.setdefault(keys[r.meta.agency], {})[r.meta.year] = r
    out: list[Finding] = []
    for _, years in sorted(by_agency.items()):
        for year in sorted(years):
            nxt = years.get(year + 1)
            if nxt is None:
                continue
            agency = nxt.meta.agency  # the finding stands in the later report, under its name
            out_v = years[year].value("apply.carried_out.total")
            in_v = nxt.value("apply.carried_in.total")
            numbers = {f"{year}年结转下年度": out_v, f"{year + 1}年上年结转": in_v}
            if out_v is None or in_v is None:
                status, detail = "NOT_ASSESSABLE", "缺少其中一年的数字，无法核对"
            else:
                status = "PASS" if out_v == in_v else "FAIL"
                detail = f"{year}年结转下年度{_fmt(out_v)} {'=' if status == 'PASS' else '≠'} {year + 1}年上年结转{_fmt(in_v)}"
            out.append(Finding(doc=nxt.meta.doc, agency=agency, year=year + 1, kind="cross_year",
                               scope=f"{year}-{year + 1}", status=status,
                               detail=f"跨年度结转（{years[year].meta.doc} → {nxt.meta.doc}）：{detail}",
                               numbers=numbers))
    return out
