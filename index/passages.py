"""Cutting a report into passages to retrieve and cite: prose at paragraph and sentence boundaries, and
every table row as one sentence with its labels and values.

Prose passages keep to one part (一…六) and aim at 100–400 characters: a short heading line joins the
paragraph after it, a long paragraph is cut at sentence ends. A sentence broken by a page break (a blank
line, a page number, the report's title repeated at the top of the page) is joined again: the line before
does not end a sentence, so the next text line goes on with it."""

from __future__ import annotations

import re

from index.cells import plain_number
from index.model import Document, ExtractedReport, Line, Passage
from index.parts import find_part_indices
from index.readers.layout import is_page_furniture
from index.reline import reline
from index.template import fact_specs, tables

MIN_CHARS = 100
MAX_CHARS = 400
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
# a line that ends here ends its sentence or announces what follows (…如下：); closing quotes and brackets
# after the mark still end it
_ENDS_SENTENCE = re.compile(r"[。！？；!?;：:…][”’」』）)\]】]*$")
# a line that starts a heading or an item starts afresh, whatever the line before ended with
_STARTS_ITEM = re.compile(r"^(?:#|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|"
                          r"其?[一二三四五六七八九十]是|第[一二三四五六七八九十\d]+[条章节部])")
# a sentence broken off ends on a character, a comma or an opening mark (not a web address, not ====)
_BROKEN_AFTER = re.compile(r"[\u4e00-\u9fff，、,“‘《（(\d]$")
_GOES_ON_WITH = re.compile(r"[\u4e00-\u9fff，、,”’》）)\d]")
_LABEL = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")  # 标题: …, 发布机构: … (a page's header fields)
MIN_BROKEN = 30  # a line this long that stops mid-sentence was broken (a page break), not a heading


def _numbers_text(value: int | float | None) -> str:
    return "—" if value is None else plain_number(value)


def _is_table_line(line: Line, in_table_part: bool) -> bool:
    """Table rows are passages of their own (as sentences); their raw cells are not prose."""
    if line.cells is not None or "\t" in line.text:
        return True
    text = line.text.strip()
    # In one-cell-per-line layouts a broken label or a lone number sits on a line of its own.
    return in_table_part and (len(text) <= 30 and not text.endswith("。"))


def _part_at(report: ExtractedReport) -> dict[int, str]:
    where: dict[int, str] = {}
    for p in report.meta.parts:
        for n in range(p.start, p.end + 1):
            where[n] = p.numeral
    return where


def _part_by_index(lines: list[Line]) -> list[str | None]:
    """The part of each line by its place: a re-lined dump has every part on one line number."""
    out: list[str | None] = [None] * len(lines)
    found = find_part_indices(lines)
    for k, (i, span) in enumerate(found):
        stop = found[k + 1][0] if k + 1 < len(found) else len(lines)
        out[i:stop] = [span.numeral] * (stop - i)
    return out


def prose_passages(doc: Document, report: ExtractedReport) -> list[Passage]:
    lines = reline(doc.lines)  # the pieces extraction read: a dump's parts and table rows apart
    part_of = _part_at(report) if lines is doc.lines else None
    parts_here = _part_by_index(lines) if part_of is None else []
    last_line = report.meta.parts[-1].end if report.meta.parts else doc.lines[-1].number if doc.lines else 0
    out: list[Passage] = []
    pending: list[tuple[int, str, int]] = []  # (first line, text, last line) gathered for the next passage
    pending_part: str | None = None
    furniture = _repeated_titles(lines)
    heading = False  # the last line gathered is a marked heading (# …)

    def flush() -> None:
        nonlocal pending
        if pending:
            out.extend(_cut(report, pending_part, pending, out))
        pending = []

    for i, line in enumerate(lines):
        if line.number > last_line:
            break
        part = part_of.get(line.number) if part_of is not None else parts_here[i]
        text = re.sub(r"\s+", " ", line.text.replace("#", " ")).strip()
        if pending and part == pending_part and (is_page_furniture(text) or text in furniture):
            continue  # a page number or the running title between two halves of a paragraph
        if part is not None and _signature(text, report.meta.agency):
            continue  # the agency's name and the date it signed (not the title above part 一)
        if not text or _is_table_line(line, part in ("二", "三", "四")):
            if part in ("二", "三", "四"):
                flush()
            continue
        if part != pending_part:
            flush()
            pending_part = part
        if pending and _goes_on(pending[-1][1], text, heading):
            first, before, _ = pending.pop()
            pending.append((first, before + text, line.number))
        else:
            pending.append((line.number, text, line.number))
        heading = line.text.lstrip().startswith("#")
        size = sum(len(t) for _, t, _ in pending)
        if size >= MIN_CHARS and not (size < MAX_CHARS and _broken(pending[-1][1], heading)):
            flush()
    flush()
    return out


def _goes_on(before: str, text: str, heading: bool) -> bool:
    """The line `text` continues the sentence `before` stopped in: a long line that is not a heading (nor
    the report's title) cut off after a character or a comma, then a line that starts neither a heading,
    an item nor a "label: value" line."""
    return (_broken(before, heading) and len(before) + len(text) <= 3 * MAX_CHARS
            and bool(_GOES_ON_WITH.match(text)) and not _STARTS_ITEM.match(text) and not _LABEL.match(text))


def _broken(line: str, heading: bool) -> bool:
    """A line that stops mid-sentence: the next text line may go on with it."""
    return not heading and len(line) >= MIN_BROKEN and bool(_BROKEN_AFTER.search(line)) and not line.endswith("报告")


_DATE_LINE = re.compile(r"^(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")


def _signature(text: str, agency: str | None) -> bool:
    """A line of the signature at a report's end: the date alone, or the agency's name alone."""
    return bool(_DATE_LINE.match(text)) or bool(agency) and re.sub(r"\s+", "", text) == agency


def _repeated_titles(lines: list[Line]) -> set[str]:
    """Running titles: a short line without a sentence end that stands three times or more in the file
    (the report's title at the top of each page)."""
    seen: dict[str, int] = {}
    for line in lines:
        t = re.sub(r"\s+", " ", line.text.replace("#", " ")).strip()
        if 4 <= len(t) <= 40 and line.cells is None and "\t" not in line.text and not _ENDS_SENTENCE.search(t):
            seen[t] = seen.get(t, 0) + 1
    return {t for t, n in seen.items() if n >= 3}


def _cut(report: ExtractedReport, part: str | None, lines: list[tuple[int, str, int]],
         before: list[Passage]) -> list[Passage]:
    """Passages of at most MAX_CHARS cut at sentence ends, each with the lines it spans (a line joined over
    a page break spans both). A short tail joins the passage before it."""
    sentences = []
    for first, text, last in lines:
        split = [s for s in _SENTENCE_END.split(text) if s]
        sentences += [(first, s, last if k == len(split) - 1 else first) for k, s in enumerate(split)]
    pieces: list[list[tuple[int, str, int]]] = [[]]
    for n, sentence, last in sentences:
        if pieces[-1] and sum(len(s) for _, s, _ in pieces[-1]) + len(sentence) > MAX_CHARS:
            pieces.append([])
        pieces[-1].append((n, sentence, last))
    meta = report.meta
    out: list[Passage] = []
    for piece in pieces:
        text = _join(piece)
        prev = out[-1] if out else before[-1] if before else None
        if len(text) < MIN_CHARS / 2 and prev is not None and prev.part == part and prev.kind == "prose" \
                and len(prev.text) + len(text) <= MAX_CHARS:
            prev.text = prev.text + "\n" + text
            prev.line_end = piece[-1][2]
            continue
        out.append(Passage(id=f"{meta.sha256[:12]}:prose:{piece[0][0]}:{len(out)}", doc=meta.doc,
                           agency=meta.agency, year=meta.year, part=part, kind="prose", text=text,
                           line_start=piece[0][0], line_end=piece[-1][2]))
    return out


def _join(piece: list[tuple[int, str, int]]) -> str:
    """Sentences of one line run on; a new line starts a new line (headings stay apart from their text)."""
    text, last = "", None
    for n, sentence, _ in piece:
        text += ("\n" if last is not None and n != last else "") + sentence
        last = n
    return text


def row_passages(report: ExtractedReport) -> list[Passage]:
    """'伊川县城市管理局2020年 行政处罚：上一年项目数量64，本年增/减0，处理决定数量313'."""
    meta = report.meta
    facts = {f.key: f for f in report.facts}
    who = f"{meta.agency or meta.doc}{meta.year or ''}年"
    specs = fact_specs()
    out: list[Passage] = []
    for table in tables(meta.format):
        for row in table.rows:
            keys = [row.fact_key(c, table.key) for c in row.columns]
            present = [(c, facts[k]) for c, k in zip(row.columns, keys) if k in facts]
            if not present:
                continue
            texts = [f.raw for _, f in present if f.value is None and "text" in f.flags]
            if texts:
                # name the columns the sentence stands in for, so that a question asking for one of them
                # (行政许可处理决定数量) still meets this row
                values = f"{'、'.join(c.label for c, _ in present)}（表中为文字）{texts[0]}"
            else:
                values = "，".join(f"{c.label}{_numbers_text(f.value)}{'万元' if c.unit == '万元' else ''}"
                                  for c, f in present)
            item = specs[keys[0]].item
            heading = {"active": "主动公开", "apply": "政府信息公开申请", "review": "行政复议、行政诉讼"}[table.key]
            lines = [f.line for _, f in present]
            out.append(Passage(
                id=f"{meta.sha256[:12]}:row:{min(lines)}:{table.key}.{row.key}", doc=meta.doc, agency=meta.agency,
                year=meta.year, part=table.part, kind="row", text=f"{who} {heading} · {item}：{values}",
                line_start=min(lines), line_end=max(lines), fact_keys=[k for k in keys if k in facts]))
    return out


def row_values(text: str) -> str:
    """What a row passage states (上一年项目数量64，本年增/减0，…), without whose row it is: rows of one
    table that state the same values (table 三's rows of zeros) say the same to a search."""
    return text.partition(" · ")[2].partition("：")[2]


def passages_of(doc: Document, report: ExtractedReport) -> list[Passage]:
    return prose_passages(doc, report) + row_passages(report)
