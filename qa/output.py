"""How `qa facts` and `qa check` print: JSON Lines for programs, aligned text for people."""

from __future__ import annotations

import json
import unicodedata
from typing import TextIO

from index.model import ExtractedReport, Fact, Finding

FLAG_WORDS = {
    "blank": "空格按0",
    "placeholder": "“/”按0",
    "signed": "增减",
    "thousands": "千分位",
    "unit_converted": "单位换算",
    "unit_assumed": "单位推定",
    "text": "文字",
    "uncertain_placement": "位置推定",
    "ambiguous": "无法确定",
    "split_run": "数字串拆分",
}


def fact_record(fact: Fact) -> dict:
    """The contract of `qa facts --json`: doc, agency, year, format, key, label, value, unit, raw, line,
    flags, plus the column and note."""
    return fact.model_dump(mode="json", exclude={"source"}) | {"source": fact.source.describe()}


def facts_jsonl(report: ExtractedReport, out: TextIO) -> None:
    for fact in report.facts:
        out.write(json.dumps(fact_record(fact), ensure_ascii=False) + "\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


def format_value(value: int | float | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.6f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def header(report: ExtractedReport) -> str:
    m = report.meta
    return (f"== {m.doc} · {m.agency or '（机关名称未识别）'} · {m.year or '?'}年 · {m.format}版模板"
            f"（{m.format_basis}） · {m.file_format}/{m.encoding}")


def facts_text(report: ExtractedReport, out: TextIO) -> None:
    out.write(header(report) + "\n")
    width = max((_width(f.label) for f in report.facts), default=10) + 2
    for f in report.facts:
        flags = "、".join(FLAG_WORDS.get(x, x) for x in f.flags)
        value = format_value(f.value)
        extra = f"  [{flags}]" if flags else ""
        if f.value is None and f.raw:
            extra += f"  「{f.raw[:40]}」"
        page = f"第{f.source.page}页 " if f.source.page else ""  # PDF: the page a reader can turn to
        out.write(f"  {_pad(f.label, width)}{value:>14} {f.unit:<3} {page}第{f.line}行{extra}\n")
    out.write(f"  共{len(report.facts)}个事实\n\n")


def check_json(report: ExtractedReport, cross: list[Finding], out: TextIO) -> None:
    record = {
        "doc": report.meta.doc,
        "agency": report.meta.agency,
        "year": report.meta.year,
        "format": report.meta.format,
        "warnings": [w.model_dump(mode="json") for w in report.warnings],
        "findings": [f.model_dump(mode="json") for f in report.findings + cross],
    }
    out.write(json.dumps(record, ensure_ascii=False) + "\n")


def check_text(report: ExtractedReport, cross: list[Finding], out: TextIO, show_pass: bool = False) -> None:
    out.write(header(report) + "\n")
    for w in report.warnings:
        out.write(f"  警告  {w.message}\n")
    findings = report.findings + cross
    counts = {s: sum(1 for f in findings if f.status == s) for s in ("PASS", "FAIL", "NOT_ASSESSABLE")}
    out.write(f"  核对：通过{counts['PASS']}项，不一致{counts['FAIL']}项，无法核对{counts['NOT_ASSESSABLE']}项\n")
    for f in findings:
        if f.status == "PASS" and not show_pass:
            continue
        word = {"PASS": "通过", "FAIL": "不一致", "NOT_ASSESSABLE": "无法核对"}[f.status]
        out.write(f"  {word:<5} {f.detail}\n")
    out.write("\n")


def progress_bar(stream: TextIO):
    """A one-line progress bar when the stream is a terminal; silence otherwise (logs, pipes, CI)."""
    if not stream.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        filled = int(30 * done / max(total, 1))
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total} {name[:40]:<40}")
        if done == total:
            stream.write("\n")
        stream.flush()

    return show


def search_text(result, out: TextIO) -> None:
    if result.agency_note:
        out.write(f"（{result.agency_note}）\n")
    if not result.hits:
        out.write("没有找到相关段落。\n")
    for h in result.hits:
        p = h.passage
        where = f"{p.doc} · {p.agency or '?'} · {p.year or '?'}年 · {p.part or '—'} · 第{p.line_start}–{p.line_end}行"
        out.write(f"{h.rank}. [{h.score:.4f} {'+'.join(h.via)}] {where}\n")
        text = p.text.replace("\n", " ")
        out.write(f"   {text[:300]}{'…' if len(text) > 300 else ''}\n")


# ---------------------------------------------------------------- answers (`qa ask`)
STATUS_WORDS = {"answered": "", "not_found": "【未找到】", "ambiguous": "【需要澄清】", "absent": "【报告中没有这个数字】",
                "out_of_scope": "【超出报告范围】", "invalid": "【无法读取的问题】"}
MAX_TABLE_ROWS = 30


def _cell(v, column: str = "") -> str:
    if v is None:
        return "—"
    if isinstance(v, (int, float)) and not isinstance(v, bool) and column not in ("年份", "名次"):
        return format_value(v)
    return str(v)


def table_text(columns: list[str], rows: list[list], numeric: set[str]) -> list[str]:
    """Columns aligned by display width (CJK counts two); numbers right-aligned."""
    cells = [[_cell(v, columns[i] if i < len(columns) else "") for i, v in enumerate(row)] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells if i < len(r)]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        out = []
        for i, v in enumerate(values):
            pad = " " * max(0, widths[i] - _width(v))
            out.append(pad + v if columns[i] in numeric else v + pad)
        return "  ".join(out).rstrip()

    return [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]


def ask_text(answer, out: TextIO) -> None:
    """An answer for a terminal: the text, then the table, then the sources."""
    out.write(STATUS_WORDS.get(answer.status, "") + answer.text + "\n")
    r = answer.reading
    out.write(f"\n理解为：{r.summary}" + (f"（{'；'.join(r.defaults)}）" if r.defaults else "") + "\n")
    if answer.table and answer.table.rows:
        t = answer.table
        numeric = set(t.units) | {c for c in t.columns if c in ("名次", "年份", "数值")}
        out.write("\n")
        for ln in table_text(t.columns, t.rows[:MAX_TABLE_ROWS], numeric):
            out.write("  " + ln + "\n")
        if len(t.rows) > MAX_TABLE_ROWS:
            out.write(f"  …（共{len(t.rows)}行，--json 可看全部）\n")
    sums = [d for d in answer.derived if any(op in d.how for op in ("=", "÷"))]  # counts stay in --json
    if sums:
        out.write("\n计算：\n")
        for d in sums[:10]:
            out.write(f"  {d.how}\n")
    if answer.citations:
        out.write("\n来源：\n")
        groups: dict[tuple, list] = {}  # cells of one table row are listed once, with the row's longest quote
        for c in answer.citations:
            groups.setdefault((c.doc, c.line_start, c.kind), []).append(c)
        for i, ((doc, a, _), cs) in enumerate(list(groups.items())[:12], 1):
            c = max(cs, key=lambda x: (x.line_end, len(x.quote)))
            b, quote = c.line_end, c.quote
            where = "—" if a == 0 else f"第{a}行" if a == b else f"第{a}–{b}行"
            kind = {"fact": "表格", "passage": "正文", "finding": "核对"}[c.kind]
            quote = quote.replace("\n", " ")
            quote = quote[:120] + ("…" if len(quote) > 120 else "")
            notes = "；".join(dict.fromkeys(x.note for x in cs if x.note))
            extra = f" [{notes}]" if notes else ""
            out.write(f"  [{i}] {doc} · {c.agency or '?'} · {where} · {kind}：{quote}{extra}\n")
        if len(groups) > 12:
            out.write(f"  …（共{len(groups)}处来源，--json 可看全部）\n")
    if answer.alternatives:
        out.write("\n也可以问：" + " ｜ ".join(a.question for a in answer.alternatives[:5]) + "\n")
