"""A page's data tables read from its source text, when their markup is so plain that this reading is provably
the parse's: the tables are then cut out of the page before lxml parses it, and lxml builds, and the reader
walks, only the page around them (a report's three tables are ~90% of its page's elements, and each element
costs several lxml calls in Python).

A table qualifies when its markup, from <table> to its </table>, is only: <tbody>/<thead>/<tfoot>, <tr>s,
and cells whose content is text, <span>text</span>, <p>text</p> or <p><span>text</span></p> (Word's cells),
with whitespace between; lower-case tags without a line break, character reference or backslash inside; text
without markup characters, control characters, backslashes or entities other than &amp; &lt; &gt; &quot; &nbsp;;
rowspan/colspan written once each; no cell text that _scan could take for a part heading; no word of a hiding
style or attribute
(display, visibility, hidden); more than _MIN_VISIBLE visible characters. A page is read this way only when
every one of its tables qualifies (index.readers.html checks the parsed rest and falls back to the full parse
when anything else is unusual: see `Unusual`).

Each table is replaced by `<table data-qa-source="k">` holding a placeholder text of as many line breaks as
the table had (so every later source line stays the same) and more than _MIN_VISIBLE visible characters (so
that an element around it is as long as before to _part_heading's length test, which is all that reads an
ancestor's text on the pages read this way)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

SOURCE = "data-qa-source"  # the placeholder's mark (ours; a page that writes data-qa- is not read this way)
_MIN_VISIBLE = 60  # _MAX_HEADING of index.readers.html: an element holding a table is longer than a heading
_PLACEHOLDER_TEXT = "x" * (_MIN_VISIBLE + 1)
_MAX_LINES = 60_000  # libxml2 counts source lines in 16 bits unless told otherwise: tables below, the old way


class Unusual(Exception):
    """The page read with its tables cut out is not provably the page read whole: read it whole."""


class SourceTable(NamedTuple):
    """One table as its source gives it: its cells' texts (whitespace-normalised); by row, its cells as
    indexes into `texts`; the (rowspan, colspan) as written of the cells that have either, by (row, position
    in the row); each row's source line."""

    texts: list[str]
    cells: list[list[int]]
    spanned: dict[tuple[int, int], tuple[str | None, str | None]]
    lines: list[int]


# (No backslash in a table, so that index.readers.html finds the escaped markup of a script, \/ and \u003c, outside them.)
_A = r"(?:[ \t][^<>\n&\\]*+)?"  # a tag's attributes: on its line, no markup character or character reference
_C = "[^<>&\\\\\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]"  # a text's character: no markup, control or non-character
_T = rf"{_C}*+(?:&(?:amp|lt|gt|quot|nbsp);{_C}*+)*+"  # a text (the entities lxml would decode, and no others)
_W = "[ \t\n]*+"  # whitespace between tags (ASCII: the parser's blanks)
# One token of a table's inside: a cell (its tag, attributes and text in one of four groups), a row's start
# or end, a row group's tag, or any other character (an error: the table does not qualify). Possessive
# repeats: nothing a repeat took is given back, so no backtracking.
_TOKEN = re.compile(
    rf"{_W}(?:<(td|th)({_A})>{_W}(?:<p{_A}>{_W}(?:<span{_A}>({_T})</span>|({_T})){_W}</p>|<span{_A}>({_T})</span>|({_T}))"
    rf"{_W}</(td|th)>|(<tr{_A}>)|(</tr>)|</?t(?:body|head|foot){_A}>|([^ \t\n]))", re.S)
_TABLE_START = re.compile(rf"<table{_A}>")
_SPAN = re.compile(r"""(?:^|\s)(rowspan|colspan)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_ENTITIES = (("&nbsp;", "\xa0"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&"))
_MAY_HEAD = re.compile(r"\x01([一二三四五六#\s][^\x01]*)")  # the texts after \x01 (\x01-joined) that start so


def cut_tables(text: str, normalise: Callable[[str], str], may_head: Callable[[str, str], bool],
               may_hide: bool = True) -> tuple[str, list[SourceTable], int] | None:
    """(the page with each table replaced by its placeholder, the tables, the page's grid-cell bound as
    index.readers.html._scan counts it), or None when some table does not qualify. `normalise`: the reader's
    whitespace rule; `may_head(raw, text)`: whether a cell's text could be taken for a part heading;
    `may_hide`: False when the page has no word of a hiding style or attribute (then no table is searched)."""
    if "<table" not in text or "\r" in text or "\x00" in text or "\ufeff" in text or "data-qa-" in text:
        return None
    out: list[str] = []
    tables: list[SourceTable] = []
    at = 0
    line = 1
    while (start := text.find("<table", at)) >= 0:
        end = text.find("</table>", start)
        if end < 0:
            return None
        end += len("</table>")
        head = _TABLE_START.match(text, start)
        if head is None:
            return None
        body = text[head.end():end - len("</table>")]
        line += text.count("\n", at, start)
        if may_hide and _hiding(text[start:end]):
            return None
        table = _read(body, line, normalise, may_head)  # (the <table> tag holds no line break)
        if table is None:
            return None
        tables.append(table)
        breaks = body.count("\n")
        line += breaks
        if line > _MAX_LINES:
            return None
        out += (text[at:start], f'<table {SOURCE}="{len(tables) - 1}">', _PLACEHOLDER_TEXT, "\n" * breaks, "</table>")
        at = end
    out.append(text[at:])
    return "".join(out), tables, _grid_bound(tables)


def _read(body: str, line: int, normalise: Callable[[str], str], may_head: Callable[[str, str], bool]) \
        -> SourceTable | None:
    """The table whose markup between <table …> and </table> is `body`, its first character on source line
    `line`; None when it does not qualify."""
    raws: list[str] = []  # the cells' texts as written
    cells: list[list[int]] = []
    spanned: dict[tuple[int, int], tuple[str | None, str | None]] = {}
    row: list[int] | None = None
    for tag, attrs, a, b, c, d, close, tr, tr_end, error in _TOKEN.findall(body):
        if tag:
            if row is None or tag != close:
                return None
            if attrs and (span := _spans(attrs)) is not None:
                if not span:
                    return None
                spanned[len(cells) - 1, len(row)] = span
            row.append(len(raws))
            raws.append(a or b or c or d)
        elif tr:
            if row is not None:
                return None
            row = []
            cells.append(row)
        elif tr_end:
            if row is None:
                return None
            row = None
        elif error:
            return None
    if row is not None or not cells:
        return None
    # The texts asked together first (no control character in them: \x01 joins them apart): most tables
    # have no entity, no text that needs normalising and none that starts as a part heading may.
    joined = "\x01".join(raws)
    if "&" in joined:
        raws = [_unescaped(raw) for raw in raws]
        joined = "\x01".join(raws)
    texts = raws if normalise(joined) is joined else [normalise(raw) for raw in raws]
    if any(may_head(raw, normalise(raw)) for raw in _MAY_HEAD.findall("\x01" + joined)):
        return None
    visible = "".join(texts)
    if len(visible) - visible.count(" ") <= _MIN_VISIBLE:
        return None
    lines: list[int] = []  # each row's: the source line of its <tr> (a tag holds no line break)
    for k, text_line in enumerate(body.split("\n")):
        if "<tr" in text_line:
            lines += [line + k] * text_line.count("<tr")
    return SourceTable(texts, cells, spanned, lines)


@lru_cache(maxsize=1024)  # a page writes the same few attributes on many cells
def _spans(attrs: str) -> tuple[str | None, str | None] | tuple[()] | None:
    """A cell's (rowspan, colspan) as written, from its attributes: None when it has neither, () when they
    are written so that the parse's reading may not be this one (twice, without a value …)."""
    if "span" not in (low := attrs.lower()):  # the parser lowers attribute names
        return None
    found = _SPAN.findall(low)
    if len(found) != low.count("span") or len({name for name, *_ in found}) != len(found):
        return ()
    values = {name: x or y or z for name, x, y, z in found}
    return values.get("rowspan"), values.get("colspan")


def _unescaped(raw: str) -> str:
    for entity, char in _ENTITIES:
        raw = raw.replace(entity, char)
    return raw


def _hiding(markup: str) -> bool:
    """Whether a word of a hiding style or attribute is in `markup`, in any case (the parser lowers names)."""
    low = markup.lower()
    return "display" in low or "visibility" in low or "hidden" in low


def _grid_bound(tables: list[SourceTable]) -> int:
    """index.readers.html._scan's bound of the page's grid cells: every cell at its rowspan (bounded by the
    page's rows) times its colspan, from the spans as written."""
    from index.readers.html import _spanned_cells

    rows = sum(len(t.cells) for t in tables)
    plain = sum(sum(map(len, t.cells)) - len(t.spanned) for t in tables)
    return plain + _spanned_cells([s for t in tables for s in t.spanned.values()], rows)
