"""From a file to its facts, findings and warnings: reader → report model → template aligner → checks."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from index.align import Aligner, ReportContext
from index.checks import prose_claims, prose_findings, rule_findings
from index.errors import ReportError
from index.memory import paused_gc
from index.metadata import (attached_report, attachment_refusal, cms_page, cms_page_refusal, cms_page_said,
                            find_metadata, listed_reports, listing_refusal, override)
from index.model import Claim, Document, ExtractedReport, PartSpan, ReportMeta, Warning_
from index.parts import detect_format, find_part_indices
from index.readers.progress import PageProgress
from index.reline import reline
from index.segment import rows_of
from index.template import Row, Table, tables

_TABLE_PARTS = ("二", "三", "四")


def extract_document(doc: Document, corrected: tuple[str | None, int | None] | None = None) -> ExtractedReport:
    """corrected: the user's (agency, year) for this file from reports.csv, which wins over what was read."""
    # The collector paused: the few thousand small objects of one extraction hold no cycles, and the
    # collections they set off walked them again and again.
    with paused_gc():
        return _extract(doc, corrected)


def _extract(doc: Document, corrected: tuple[str | None, int | None] | None) -> ExtractedReport:
    lines = reline(doc.lines)  # a text dump's report on a few very long lines: cut at parts and rows
    indexed_parts = find_part_indices(lines)
    parts = [span for _, span in indexed_parts]
    meta_found = find_metadata(lines, parts, html_title=doc.title, file_name=doc.doc)
    if corrected:
        meta_found = override(meta_found, *corrected)
    fmt, basis = detect_format(lines, meta_found.year)
    # The report ends at its closing date: chart data pasted after it (济南) is no part of the template.
    following = meta_found.next_report
    end = meta_found.date_index + 1 if meta_found.date_index is not None else following[0] if following else len(lines)
    if parts and meta_found.date_index is not None:
        parts[-1].end = min(parts[-1].end, lines[meta_found.date_index].number)
    meta = ReportMeta(doc=doc.doc, path=doc.path, agency=meta_found.agency, year=meta_found.year,
                      agency_short=meta_found.agency_short, agency_source=meta_found.agency_source,
                      year_source=meta_found.year_source, format=fmt, format_basis=basis, date=meta_found.date,
                      file_format=doc.file_format, encoding=doc.encoding, sha256=doc.sha256, parts=parts)
    warnings = [Warning_(doc=doc.doc, message=problem) for problem in meta_found.problems()]
    if following:  # a second report in the file: said, with its title, never mixed into this one's facts
        parts[-1].end = min(parts[-1].end, lines[following[0]].number - 1)
        warnings.append(Warning_(doc=doc.doc, line=lines[following[0]].number,
                                 message=f"第{lines[following[0]].number}行起是另一份报告「{following[1]}」，未读取："
                                         f"一个文件只读第一份报告，另一份请另存为单独的文件"))
    elif end < len(lines) and any(ln.text.strip() and not cms_page([ln]) for ln in lines[end:]):  # a pager: said below
        warnings.append(Warning_(doc=doc.doc, line=lines[end].number,
                                 message=f"第{lines[end].number}行起在报告落款日期之后的内容（图表数据？）不计入事实"))

    heading_at = {i: p.numeral for i, p in indexed_parts}
    start, stop = _table_region(indexed_parts, end)
    ctx = ReportContext(doc=doc.doc, agency=meta.agency, year=meta.year, format=fmt)
    rows, layout = rows_of(lines, start, stop, set(heading_at))
    aligner = Aligner(tables(fmt), ctx, layout)
    for row in rows:
        numeral = heading_at.get(row.line_index)
        if numeral is not None:
            aligner.enter_part(numeral)
        else:
            aligner.feed(row)
    if not aligner.facts and stop < len(lines) and (typed := _typed_out(lines, stop, fmt, ctx)):
        aligner = typed
        warnings = [w for w in warnings if w.line != (lines[end].number if end < len(lines) else None)]
        warnings.append(Warning_(doc=doc.doc, line=lines[stop].number,
                                 message=f"表格各部分没有数字（表格是图片？），数字取自第{lines[stop].number}行起报告后附的表格文字"))
    claims = prose_claims(lines[:end], fmt)
    aligner.finish([(c.check, f"正文第{c.line}行「{c.said}」") for c in claims])
    facts = aligner.facts
    warnings += aligner.warnings
    _flag_low_confidence(lines, facts)

    if not facts:  # a "report" with no template content is not a report: it would count in answers as one
        if not parts and (listed := listed_reports(lines)):
            raise ReportError(doc.path, listing_refusal(listed))
        if not parts and (attached := attached_report(lines)):
            raise ReportError(doc.path, attachment_refusal(attached))
        if paged := cms_page(lines):
            raise ReportError(doc.path, cms_page_refusal(paged))
        raise ReportError(doc.path, "not a government information disclosure annual report " + (
            "(its table parts hold none of the template's numbers: 0 facts)"
            if any(p.numeral in _TABLE_PARTS for p in parts) else "(no template parts or tables found)"))
    warnings += _damaged_lines(doc)
    missing = _missing_tables(doc.doc, facts, fmt)
    if missing and (paged := cms_page(lines)):  # one page of a paged article: the tables are on the others
        missing.insert(0, Warning_(doc=doc.doc, message=cms_page_said(paged)))
    warnings += missing
    findings = rule_findings(meta, facts) + prose_findings(meta, facts, lines[:end], claims)
    return ExtractedReport(meta=meta, facts=list(facts.values()), findings=findings, warnings=warnings,
                           candidates=aligner.candidates(),
                           claims=[Claim(readings=[list(r) for r in c.check.readings], value=c.check.value,
                                         source=f"正文第{c.line}行「{c.said}」") for c in claims])


def _typed_out(lines: list, start: int, fmt: str, ctx: ReportContext) -> Aligner | None:
    """The tables typed out after the report (附：表格文字版, under its 落款) when its table parts hold none: the
    tables were pictures that did not come along, and the page gives their text below for screen readers.
    Each table is known by its rows' labels, as in a report whose headings were lost."""
    rows, layout = rows_of(lines, start, len(lines), set())
    aligner = Aligner(tables(fmt), ctx, layout)
    for row in rows:
        head = _TYPED_HEADS.match("".join(c.text for c in row.cells).replace(" ", ""))
        if head:  # a table's first header row: no part heading stands above a typed-out table
            aligner.enter_part(next(numeral for numeral, word in zip("二三四", head.groups()) if word))
        aligner.feed(row)
    return aligner if aligner.facts else None


# The first header row of 二's, 三's and 四's tables (the typed-out tables' only mark of which is which).
_TYPED_HEADS = re.compile(r"(第二十条)|(申请人情况|（本列数据|\(本列数据)|(行政复议)")


def _flag_low_confidence(lines: list, facts: dict) -> None:
    """Facts read from an OCR'd cell whose score is under the OCR's threshold: flagged, score in note."""
    from index.readers.ocr import LOW_CONFIDENCE

    scores = {(c.source.line, c.source.cell): c.confidence for ln in lines if ln.cells
              and not getattr(ln.cells, "pending", False)  # an HTML row not made into Cells: no OCR score
              for c in ln.cells if c.confidence is not None}
    if not scores:
        return
    for fact in facts.values():
        score = scores.get((fact.source.line, fact.source.cell))
        if score is not None and score < LOW_CONFIDENCE and "low_confidence" not in fact.flags:
            fact.flags.append("low_confidence")
            note = f"OCR置信度{score:.2f}"
            fact.note = f"{fact.note}；{note}" if fact.note else note


def _damaged_lines(doc: Document) -> list[Warning_]:
    """A file decoded with repair (index.readers.encoding): the lines where bytes were replaced by U+FFFD."""
    from index.readers.encoding import REPAIRED

    if not doc.encoding.endswith(REPAIRED):
        return []
    damaged = [ln.number for ln in doc.lines if "\ufffd" in ln.text]
    if not damaged:  # a web page damaged only in its markup
        return [Warning_(doc=doc.doc, message="文件有损坏的字节（已替换为\ufffd），都在网页标记中，不在正文里")]
    shown = "、".join(map(str, damaged[:20])) + ("等" if len(damaged) > 20 else "")
    return [Warning_(doc=doc.doc, line=damaged[0],
                     message=f"文件有损坏的字节（已替换为\ufffd）：第{shown}行，共{len(damaged)}行，这些行的内容可能不可靠")]


def _table_region(parts: list[tuple[int, PartSpan]], end: int) -> tuple[int, int]:
    """Lines from the first table part (二, 三 or 四) to part 五; the whole report when headings are lost."""
    table_parts = [i for i, p in parts if p.numeral in _TABLE_PARTS]
    after = [i for i, p in parts if p.numeral in ("五", "六")]
    start = table_parts[0] if table_parts else 0
    stop = after[0] if after else end
    return start, min(stop, end)


def _missing_tables(doc: str, facts: dict, fmt: str) -> list[Warning_]:
    out = []
    rows_given = set(map(_row_of, facts))
    if "apply.other" in rows_given or any(k.startswith("apply.other.") for k in rows_given):
        rows_given |= {"apply.other", *(f"apply.other.{k}" for k in ("no_correction", "no_fee", "misc"))}
    for table, row_keys in _row_keys(fmt):
        given = [r for r, key in row_keys if key in rows_given]
        if not given:
            out.append(Warning_(doc=doc, message=f"未找到{table.part}部分的表格数据"))
        elif len(given) < len(table.rows) and table.key != "review":
            lost = [r.label for r in table.rows if r not in given]
            out.append(Warning_(doc=doc, message=f"{table.part}部分表格缺少{len(lost)}行：{'、'.join(lost)}"))
    return out


@lru_cache(maxsize=4096)  # the template's fact keys, ~200 a report
def _row_of(key: str) -> str:
    return key.rsplit(".", 1)[0]


@cache
def _row_keys(fmt: str) -> tuple[tuple[Table, tuple[tuple[Row, str], ...]], ...]:
    """Each table of the form with its rows and the key each row's facts start with."""
    return tuple((t, tuple((r, f"apply.{r.key}" if t.key == "apply" else r.key) for r in t.rows)) for t in tables(fmt))


def extract_path(path: Path, corrected: tuple[str | None, int | None] | None = None,
                 progress: PageProgress | None = None) -> ExtractedReport:
    """Read and extract one report file. Raises ReportError (one-line message) for bad input. `progress`
    is told (pages done, pages in all) after each page of a PDF (a scan takes seconds a page)."""
    from index.readers import read_document

    return extract_document(read_document(Path(path), progress=progress), corrected)
