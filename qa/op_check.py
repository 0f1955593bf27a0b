"""Consistency questions that bring their own numbers (正文说收到75件，表格里只有74件，矛盾吗; 共公布2599条，
括号里各类加起来对得上吗): checked here against the report, beside the stored findings (qa.op_findings).

- a total the text states and the parts it lists right after it, in brackets or in the clauses that follow it
  (其中：…142条，…270条，…53条): summed and compared;
- a measure the question names: its cells, and for 新收 also 上年结转 and their sum (the template's own rule:
  what an agency handles in a year is what it received plus what it carried over), compared with the numbers
  the question gives.
Each sum states its arithmetic; each number is a cited cell or a quoted sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.cells import plain_number
from qa import arith
from qa.answer import Citation, Derived
from qa.facts import OK
from qa.lexicon import items, measure
from qa.ops import Ctx, scoped_rows
from qa.phrasing import num, stated_words, term_words
from qa.cite import passage as passage_citation
from qa.understand import Plan

_NUMBER = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)(?![\d.])")
_BRACKETS = re.compile(r"[（(]([^（）()]{4,400})[）)]")
_COUNT_UNIT = r"(?:件|条|项|个|篇|次|起|人次)"
# 共主动公开465条，其中：门户网站142条，媒体270条，公众号53条。: the parts listed after the total, to the clause end
_AFTER_TOTAL = re.compile(rf"\s*({_COUNT_UNIT})([^。；;]*)")
_PART = re.compile(rf"(?<![\d.])(\d[\d,]*)\s*({_COUNT_UNIT})(?!\s*[%％])")


# the sentence so far opens with 其中 (…20件。其中，予以公开3件，…): what follows lists parts of a total said before
_IS_PART = re.compile(r"(?:^|[。；;])\s*其中[^。；;]*$")


def listed_parts(text: str, end: int) -> list[float]:
    """The parts a sentence lists right after a total that ends at `end` (its unit next), one number in each
    clause and in the total's unit; [] when a clause says something else first (办结69件) or a part is rounded
    (30余条) or a share (占51.85%)."""
    m = _AFTER_TOTAL.match(text, end)
    if not m:
        return []
    unit, parts = m.group(1), []
    for clause in re.split(r"[，,、：:]", m.group(2)):
        clause = re.sub(r"^\s*(?:其中|分别是|分别为|包括|含)\s*", "", clause)
        if not clause.strip():
            continue
        found = _PART.findall(clause)
        if not found and re.search(r"[%％]", clause):
            continue  # 人大建议16件，占总数25%，政协提案47件: a share said of the part before it
        if len(found) != 1 or found[0][1] != unit or re.search(r"余|多|约|近|[%％]", clause):
            break
        parts.append(float(found[0][0].replace(",", "")))
    return parts if len(parts) >= 2 else []


@dataclass
class Check:
    text: str = ""
    citations: list[Citation] = field(default_factory=list)
    derived: list[Derived] = field(default_factory=list)


def asked_numbers(plan: Plan) -> list[float]:
    """The numbers the question states (not its years)."""
    text = re.sub(r"(?:19|20)\d\d\s*年", "", plan.text)
    return [float(n.replace(",", "")) for n in _NUMBER.findall(text)]


def stated_total(ctx: Ctx, plan: Plan, agency: str, year: int | None) -> Check | None:
    """共公布政府信息2599条（其中…25条，…68条，…）: the bracketed parts summed against the total."""
    for n in asked_numbers(plan):
        found = ctx.prose.find(f"{plain_number(n)} {plan.prose_text or plan.text}", agency=agency, year=year, k=6)
        for s in found.sentences:
            text = s.passage.text
            for m in _NUMBER.finditer(text):
                if float(m.group(1).replace(",", "")) != n:
                    continue
                inside = _BRACKETS.search(text, m.end())
                if inside and inside.start() - m.end() <= 6:
                    parts, where = [float(x.replace(",", "")) for x in _NUMBER.findall(inside.group(1))], "括号里所列"
                elif _IS_PART.search(text[:m.start()]):  # 其中，予以公开3件，重复申请4件: a part itself, no total
                    continue
                else:
                    parts, where = listed_parts(text, m.end()), "其后所列"
                if len(parts) < 2:
                    continue
                total, how = arith.total(parts)
                verdict = "一致，对得上" if total == n else f"不一致，相差{plain_number(abs(n - total))}"
                derived = [how]
                if total != n:
                    derived.append(Derived(value=plain_number(abs(n - total)),
                                           how=f"|{plain_number(n)} − {plain_number(total)}| = {plain_number(abs(n - total))}"))
                return Check(text=f"正文写的总数是{plain_number(n)}，{where}各项相加：{how.how}，与{plain_number(n)}"
                                  f"{verdict}。", citations=[passage_citation(s)], derived=derived)
    return None


def measure_values(ctx: Ctx, plan: Plan) -> Check | None:
    """The measure the question names, in the reports in scope; for 新收 also 上年结转 and their sum."""
    m = plan.measure()
    if m is None or not plan.agencies:
        return None
    rows = [r for r in scoped_rows(ctx, plan, m, plan.agencies) if r.status == OK]
    if not rows:
        return None
    out = Check()
    asked = asked_numbers(plan)
    for r in rows:
        when = f"{r.report.name}{r.report.year or ''}年"
        bits = [f"{when}表格中「{m.label}」{stated_words(r.value, m.unit, r.flags)}"]
        c, d = ctx.citer.rows(m, [r])
        out.citations += c
        out.derived += d
        carried = measure("apply.carried_in", m.column) if m.item == "apply.new" else None
        if carried is not None:
            cr = next((x for x in scoped_rows(ctx, plan, carried, [r.report.agency]) if x.report.rid == r.report.rid
                       and x.status == OK), None)
            if cr is not None:
                total, how = arith.total([r.value, cr.value])
                c2, d2 = ctx.citer.rows(carried, [cr])
                out.citations += c2
                out.derived += [*d2, how]
                bits.append(f"上年结转{term_words(num(cr.value, m.unit), cr.value, cr.flags)}，"
                            f"新收加结转共{num(total, m.unit)}（{how.how}）")
                if total in asked and r.value not in asked or total in asked and r.value != total:
                    bits.append(f"正文的{plain_number(total)}是新收与上年结转之和，与表格相符，并不矛盾")
        if asked and r.value in asked and carried is None:
            bits.append("与问题中的数字相同")
        named = {plan.item, plan.container, *plan.extra_items} & set(BALANCE_ITEMS)  # 上年结转加新收等于…吗
        if m.item in BALANCE_ITEMS and (len(asked) >= 2 or len(named) >= 3) and \
                (said := _balance(ctx, plan, r.report, out)):
            bits.append(said)  # 新收154，办结148，差的6件: the row the difference stands in
        out.text += "，".join(bits) + "。"
    return out


def columns_summed(ctx: Ctx, plan: Plan) -> Check | None:
    """维持、纠正、其他结果、尚未审结加起来等于总计吗: the row's columns the question names, summed in each report
    in scope and set against the row's total column (a question that names one column is measure_values')."""
    named = [c for c in dict.fromkeys([plan.column or "", *plan.extra_columns]) if c and c != "total"]
    whole = measure(plan.item, "total") if plan.item else None
    if len(named) < 2 or whole is None or not plan.agencies:
        return None
    parts = [m for m in (measure(plan.item, c) for c in named) if m is not None]
    out = Check()
    for total_row in (r for r in scoped_rows(ctx, plan, whole, plan.agencies) if r.status == OK):
        rows = [next((x for x in scoped_rows(ctx, plan, m, [total_row.report.agency])
                      if x.report.rid == total_row.report.rid and x.status == OK), None) for m in parts]
        if any(r is None for r in rows):
            continue
        got, how = arith.total([r.value for r in rows])
        for m, r in [*zip(parts, rows), (whole, total_row)]:
            c, d = ctx.citer.rows(m, [r])
            out.citations += c
            out.derived += d
        out.derived.append(how)
        said = " + ".join(f"{m.label.split(' · ')[-1]}{plain_number(r.value)}" for m, r in zip(parts, rows))
        verdict = "两边相等，对得上" if got == total_row.value else \
            f"两边不相等，对不上（相差{plain_number(abs(got - total_row.value))}）"
        out.text += (f"{total_row.report.name}{total_row.report.year or ''}年「{whole.label}」为"
                     f"{plain_number(total_row.value)}；所问各栏相加：{said} = {plain_number(got)}，{verdict}。")
    return out if out.text else None


def items_run_on(ctx: Ctx, plan: Plan) -> Check | None:
    """上一年项目数量 of one year against the year before's 上一年项目数量 + 本年增/减 (the 2019 template's item counts
    run on from report to report), for each two years in a row the question's agency has."""
    prev_m, change_m = (measure(plan.item, c) if plan.item else None for c in ("prev", "change"))
    if prev_m is None or change_m is None or plan.column not in ("prev", "change") or len(plan.agencies) != 1:
        return None
    whole = plan.model_copy(update={"years": [], "all_years": True})
    got = {c: {r.report.year: r for r in scoped_rows(ctx, whole, m, plan.agencies) if r.status == OK and r.report.year}
           for c, m in (("prev", prev_m), ("change", change_m))}
    asked = set(plan.years)
    out = Check()
    for year in sorted(got["prev"]):
        a, c, b = got["prev"].get(year), got["change"].get(year), got["prev"].get(year + 1)
        if a is None or c is None or b is None or asked and not {year, year + 1} & asked:
            continue
        run, how = arith.total([a.value, c.value])
        for m, r in ((prev_m, a), (change_m, c), (prev_m, b)):
            cc, d = ctx.citer.rows(m, [r])
            out.citations += cc
            out.derived += d
        out.derived.append(how)
        verdict = _run_on_verdict(run, b.value, out)
        out.text += (f"{a.report.name}{year}年「{prev_m.label}」{plain_number(a.value)} + 「本年增/减」"
                     f"{plain_number(c.value)} = {plain_number(run)}，{year + 1}年报告的「{prev_m.label}」为"
                     f"{plain_number(b.value)}，{verdict}。")
    return out if out.text else None


def _run_on_verdict(run: float, stated: float, out: Check) -> str:
    """A count run on from the year before against the one the next report states: equal, or by how much not."""
    if run == stated:
        return "两边相等，对得上"
    gap = arith.rounded(abs(run - stated))
    out.derived.append(Derived(value=plain_number(gap), how=f"|{plain_number(run)} − {plain_number(stated)}| = "
                                                              f"{plain_number(gap)}"))
    return f"对不上（相差{plain_number(gap)}）"


RE_RUN_ON = re.compile(r"制发|废止|加上|减去|减掉|加减|前后|接得上|接不上|衔接")  # the question runs the count on itself (not 正文 vs 表)


def in_force_run_on(ctx: Ctx, plan: Plan) -> Check | None:
    """现行有效件数 of one year against the year before's + 本年制发 − 本年废止 (the 2021 template's documents in
    force, as an auditor runs them on), for each two years in a row asked. Not a rule of the template (a document
    may also lapse), so only asked, never among the stored findings."""
    ms = {c: measure(plan.item, c) if plan.item else None for c in ("in_force", "issued", "repealed")}
    # (2021年到2022年现行有效数对得上吗: two years in a row of the count in force asked to agree is the run-on too)
    in_a_row = len(set(plan.years)) == 2 and max(plan.years) - min(plan.years) == 1 and plan.column == "in_force"
    if None in ms.values() or plan.column not in ms or len(plan.agencies) != 1 or \
            not (RE_RUN_ON.search(plan.text) or in_a_row):
        return None
    whole = plan.model_copy(update={"years": [], "all_years": True})
    got = {c: {r.report.year: r for r in scoped_rows(ctx, whole, m, plan.agencies) if r.status == OK and r.report.year}
           for c, m in ms.items()}
    asked = set(plan.years)
    out = Check()
    for year in sorted(got["in_force"]):
        a, i, r, b = (got["in_force"].get(year - 1), got["issued"].get(year), got["repealed"].get(year),
                      got["in_force"].get(year))
        if None in (a, i, r, b) or asked and not (year in asked and (len(asked) == 1 or year - 1 in asked)):
            continue
        run = arith.rounded(a.value + i.value - r.value)
        how = f"{plain_number(a.value)} + {plain_number(i.value)} − {plain_number(r.value)} = {plain_number(run)}"
        for m, x in ((ms["in_force"], a), (ms["issued"], i), (ms["repealed"], r), (ms["in_force"], b)):
            cc, d = ctx.citer.rows(m, [x])
            out.citations += cc
            out.derived += d
        out.derived.append(Derived(value=plain_number(run), how=how))
        verdict = _run_on_verdict(run, b.value, out)
        out.text += (f"{a.report.name}{year - 1}年「{ms['in_force'].label}」{plain_number(a.value)} + {year}年「本年制发」"
                     f"{plain_number(i.value)} − 「本年废止」{plain_number(r.value)} = {plain_number(run)}，{year}年报告的"
                     f"「现行有效件数」为{plain_number(b.value)}，{verdict}。")
    return out if out.text else None


# 三's own rule: 新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理
BALANCE_ITEMS = ("apply.new", "apply.carried_in", "apply.total", "apply.carried_out")


def _balance(ctx: Ctx, plan: Plan, report, out: Check) -> str | None:
    """The four totals of 三 in one report and whether they balance (a gap between 新收 and 办结 is 结转下年度)."""
    got = {}
    for item in BALANCE_ITEMS:
        mm = measure(item, "total")
        row = next((x for x in scoped_rows(ctx, plan, mm, [report.agency]) if x.report.rid == report.rid
                    and x.status == OK), None) if mm else None
        if row is None:
            return None
        got[item] = (mm, row)
    (_, new), (_, cin), (_, tot), (_, cout) = (got[i] for i in BALANCE_ITEMS)
    left, lhow = arith.total([new.value, cin.value])
    right, rhow = arith.total([tot.value, cout.value])
    for mm, row in got.values():
        c, d = ctx.citer.rows(mm, [row])
        out.citations += c
        out.derived += d
    out.derived += [lhow, rhow]
    verdict = "两边相等，对得上" if left == right else "两边不相等，对不上"
    new_, cin_, tot_, cout_ = (term_words(plain_number(r.value), r.value, r.flags) for r in (new, cin, tot, cout))
    return (f"按表三的勾稽关系，新收{new_} + 上年结转{cin_} = {plain_number(left)}，"
            f"办理结果总计{tot_} + 结转下年度继续办理{cout_} = {plain_number(right)}，{verdict}")


_PART_PCT = re.compile(r"(\d[\d,]*)\s*(?:件|条|项|个|人次)?[，,、]?\s*占(?:比)?\s*(\d+(?:\.\d+)?)\s*[%％]")
_WHOLE = re.compile(r"(\d[\d,]*)\s*(?:件|条|项|个)")


def stated_percentages(ctx: Ctx, plan: Plan, agency: str, year: int | None) -> Check | None:
    """办结81件，其中予以公开及部分公开42件，占51.85%；…: each stated percentage recomputed from the sentence's
    own numbers (part ÷ the whole stated first), and the whole compared with the table's 办理结果总计 / 新收."""
    found = ctx.prose.find(f"占 % 百分比 {plan.prose_text or plan.text}", agency=agency, year=year, k=8)
    for s in found.sentences:
        text = s.passage.text
        claims = list(_PART_PCT.finditer(text))
        if len(claims) < 2:
            continue
        head = text[:claims[0].start()]
        whole_m = _WHOLE.search(re.sub(r"(?:19|20)\d\d\s*年", "", head))
        if not whole_m:
            continue
        whole = float(whole_m.group(1).replace(",", ""))
        lines, derived, ok, cells, against = [], [], True, [], []
        for i, c in enumerate(claims):
            part, stated = float(c.group(1).replace(",", "")), float(c.group(2))
            got = arith.share(part, whole)
            if got is None:
                continue
            derived.append(got[1])
            same = abs(round(got[0], 2) - stated) < 0.01 + (0.05 if len(c.group(2).split(".")[-1]) == 1 else 0)
            ok &= same
            lines.append(f"{got[1].how}（正文写{c.group(2)}%，{'一致' if same else '不一致'}）")
            named = text[claims[i - 1].end():c.start()] if i else re.split(r"[：:，,；;。]", head)[-1]
            if (cell := _parts_in_table(ctx, plan, agency, named, part)) is not None:
                against.append(cell[0])
                cells += cell[1]
                derived += cell[2]
        if not lines:
            continue
        table = []
        for item in ("apply.total", "apply.new"):
            m = measure(item, "total")
            r = next((x for x in scoped_rows(ctx, plan, m, [agency]) if x.status == OK), None) if m else None
            if r is not None and r.value == whole:
                c2, d2 = ctx.citer.rows(m, [r])
                table.append((m.label, c2, d2))
                break
        verdict = "正文给的百分比都一致" if ok else "正文给的百分比有不一致的"
        text_out = f"正文（第{s.line}行）以{plain_number(whole)}为总数：" + "；".join(lines) + f"。{verdict}。"
        if against:  # 予以公开及部分公开42件: the count itself against 表三 (22 + 20 = 42)
            text_out += "各项件数与表三：" + "；".join(against) + "。"
        out = Check(text=text_out, citations=[passage_citation(s), *cells], derived=derived)
        if table:
            label, c2, d2 = table[0]
            out.text += f"总数{plain_number(whole)}与表格「{label}」相同。"
            out.citations += c2
            out.derived += d2
        return out
    return None


# the result rows of 表三 a sentence names by their template words (予以公开及部分公开42件)
_RESULT_ROWS = ("apply.granted", "apply.partial", "apply.denied", "apply.unable", "apply.rejected", "apply.other")


def _parts_in_table(ctx: Ctx, plan: Plan, agency: str, named: str, part: float
                    ) -> tuple[str, list[Citation], list[Derived]] | None:
    """The 表三 rows a stated count names (予以公开及部分公开42件: 予以公开 and 部分公开), their cells summed with the
    arithmetic said and set against the count; None when the words name no row or a row has no value."""
    rows = sorted(((named.find(w), item) for item in _RESULT_ROWS
                   if (w := items()[item].label.split("（")[0]) in named), key=lambda x: x[0])
    got = []
    for _, item in rows:
        m = measure(item, "total")
        r = next((x for x in scoped_rows(ctx, plan, m, [agency]) if x.status == OK), None) if m else None
        if r is None:
            return None
        got.append((m, r))
    if not got:
        return None
    cells, derived = [], []
    for m, r in got:
        c, d = ctx.citer.rows(m, [r])
        cells, derived = cells + c, derived + d
    names = "、".join(m.label.split(" · ")[0].split("（")[0] for m, _ in got)  # (one row: its name)
    if len(got) > 1:
        t, how = arith.total([r.value for _, r in got])
        derived.append(how)
        said = " + ".join(f"{m.label.split(' · ')[0].split('（')[0]}{plain_number(r.value)}" for m, r in got) + \
            f" = {plain_number(t)}"
    else:
        t, said = got[0][1].value, f"{names}{plain_number(got[0][1].value)}"
    return f"{said}，正文写{plain_number(part)}，{'一致' if t == part else '不一致'}", cells, derived


def text_agrees(ctx: Ctx, plan: Plan) -> Check | None:
    """这两个数和正文说的对得上吗 after 行政复议几件 / 诉讼呢: each measure just asked, its table value against the
    number the report's text gives it (行政复议案件2件), with the sentence cited."""
    agency = plan.agencies[0] if len(plan.agencies) == 1 else None
    year = plan.years[0] if len(plan.years) == 1 else None
    out, bits = Check(), []
    for item in dict.fromkeys([plan.item, *plan.extra_items]):
        m = measure(item, "total") if item else None
        row = next((r for r in scoped_rows(ctx, plan, m, plan.agencies) if r.status == OK), None) if m else None
        if row is None:
            continue
        word = re.sub(r"[（(].*?[）)]", "", m.label.split(" · ")[0]).strip()
        said = re.compile(rf"{re.escape(word)}[^，。；;,\d]{{0,8}}?(\d+)\s*(?:件|起|项|次)")
        hit = next(((s, x) for s in ctx.prose.find(word, agency=agency, year=year, k=6).sentences
                     if (x := said.search(s.passage.text))), None)
        if hit is None:
            continue
        s, x = hit
        n = float(x.group(1))
        bits.append(f"正文写「{x.group(0)}」，表格「{m.label}」{stated_words(row.value, m.unit, row.flags)}，"
                    + ("一致，对得上" if n == row.value else f"不一致，相差{plain_number(abs(n - row.value))}"))
        c, d = ctx.citer.rows(m, [row])
        out.citations += [passage_citation(s), *c]
        out.derived += d
    if not bits:
        return None
    out.text = "；".join(bits) + "。"
    return out

