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
        out.write(f"  {_pad(f.label, width)}{value:>14} {f.unit:<3} 第{f.line}行{extra}\n")
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
