"""HTML web pages: visible text in reading order, and each data table row as one Line of grid cells.

Parsed with lxml's HTML parser (libxml2's, with plain etree elements: lxml.html's element classes cost a
Python lookup for every element touched and add nothing used here): it repairs the unclosed <td>, <tr> and <p> tags of hand-made and CMS pages
the way browsers do (Python's html.parser nests them instead) and still gives each element its source line.

Line numbers: a Line's number is the source line of its text (of its <tr> for a table row), raised where
needed to stay strictly increasing, because later layers cut parts by line ranges. Pretty-printed pages
thus keep their source lines; minified pages (everything on one line) get their reading order, 1, 2, 3 ...
A cell's Source.line is its Line's number."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, islice
from operator import eq, not_
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote

import lxml.etree

from index.errors import ReportError
from index.memory import paused_gc
from index.model import Document, GridCells, Line
from index.readers.encoding import REPAIRED, decode, looks_chinese
from index.readers.html_source import SOURCE, SourceTable, Unusual, cut_tables
from index.readers.layout import positioned_gaps
from index.readers.text import column_gaps, space_aligned

Element = lxml.etree._Element  # lxml.html's HtmlElement is one too (bench/binary_copies.py passes those)

_SKIPPED = frozenset(
    {"head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "select",
     "button", "textarea"}
)
_BLOCKS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol p "
    "pre section summary table tbody td tfoot th thead tr ul".split()
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MAX_COLSPAN = 1000  # the HTML standard's limit; guards against colspan="99999999"


def looks_like_html(data: bytes) -> bool:
    """Sniffer for files without an HTML suffix (NULs removed so that UTF-16 pages are seen too)."""
    head = data[:8192].replace(b"\x00", b"").lower()
    return any(mark in head for mark in (b"<html", b"<table", b"<!doctype html", b"<body"))


def holds_html(data: bytes) -> bool:
    """A text file (.txt) that is really a saved web page, judged by content: it starts with markup (after a
    byte-order mark, NULs of UTF-16 and whitespace) and has a document or table tag near the start."""
    head = data[:8192].replace(b"\x00", b"")
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        head = head.removeprefix(bom)
    head = head.lstrip().lower()
    return head.startswith(b"<") and any(mark in head for mark in (b"<html", b"<!doctype html", b"<body", b"<table"))


def read_html(path: Path, data: bytes) -> Document:
    # The collector paused, as for extraction (index.extract): the tree's element proxies and the rows'
    # thousands of small records hold no cycles, and the collections they set off walked them again.
    with paused_gc():
        return _read_html(path, data)


def _read_html(path: Path, data: bytes) -> Document:
    text, encoding = decode_html(data, path)
    # Decoded strictly as UTF-8, the bytes are the text's own UTF-8: lxml is given them, not a copy.
    utf8 = data if encoding == "utf-8" else data[3:] if encoding == "utf-8-sig" else None
    if "pdf2htmlEX" in text:  # a PDF made a page: its word gaps are CSS widths (index.readers.layout)
        text, utf8 = positioned_gaps(text), None
    # the article is a frame's own document (plain substring tests first: most pages have no frame)
    framed = "srcdoc" in text or (("rame" in text or "RAME" in text) and _LOCAL_FRAME.search(text) is not None)
    page = _Page(text, utf8, text)
    may_hide = None if utf8 is None or framed else _may_hide(utf8)
    # Plain tables read from the source, the rest of the page parsed (index.readers.html_source); the whole
    # page parsed when they do not qualify or the rest is unusual. (位置: breadcrumb reads any text node.)
    cut = None if framed or page.holds("位置") else cut_tables(text, normalise, _may_head,
                                                              may_hide is None or any(may_hide))
    if cut is not None:
        page = page._replace(outside=cut[0])
    held = page.holds("<textarea") or page.holds("<\\/") or page.holds("\\u003c")  # markup kept as text: a CMS's
    if held:
        may_hide = None
    elif cut is not None:
        try:
            return _read_tree(path, data, page, encoding, may_hide, _parse(cut[0], path), framed, held, cut)
        except (Unusual, ReportError):  # a page whose reading stops is read whole: its message is the parse's
            pass
    return _read_tree(path, data, page, encoding, may_hide, _parse(text, path, utf8), framed, held, None)


class _Page(NamedTuple):
    """A page's source for the tests of what it holds: its text, its UTF-8 bytes when they are the file's, and
    its text outside the tables cut out (index.readers.html_source; the text when none is)."""

    text: str
    utf8: bytes | None
    outside: str

    def holds(self, mark: str) -> bool:
        """Whether the page holds `mark`: a mark of _OUTSIDE_MARKS looked for outside the tables cut out, other
        marks in the UTF-8 bytes when known (a search of text of wide characters costs 2-3 times as much, and
        each walks a 30 KB page)."""
        if mark in _OUTSIDE_MARKS:
            return mark in self.outside
        return mark.encode("utf-8") in self.utf8 if self.utf8 is not None else mark in self.text


# Marks never inside a table cut out (which holds only table, row, cell, <p> and <span> tags, and no backslash)
# nor across its ends (they hold no '>', and a table starts with '<', which they hold only first).
_OUTSIDE_MARKS = frozenset({"<textarea", "<\\/", "\\u003c", "<img", "<IMG", "<meta", "<META"})


def _read_tree(path: Path, data: bytes, page: _Page, encoding: str, may_hide: tuple[bool, bool] | None,
               root: Element, framed: bool, held: bool, cut: tuple[str, list[SourceTable], int] | None) -> Document:
    """The page's Document from its parsed tree `root` (`page`: its source; `may_hide`: _may_hide of its UTF-8
    source, if known); `cut`: its tables read from the source and cut out of the page that was parsed
    (raises Unusual when that reading may not be the whole parse's)."""
    text = page.text
    sources = None if cut is None else cut[1]
    if sources is not None:
        _check_placeholders(root, len(sources))
    if framed:
        _inline_frames(root, path)
    if held:
        _inline_held_markup(root, path)
    # Every element's Python object made once and kept for the page's reading: lxml makes one for an element
    # each time it is reached anew (a few thousand instructions), and the walks below reach each several times.
    elements = list(root.iter())
    if page.holds("<img") or page.holds("<IMG"):
        _titles_of_pictures(elements)
    found, cells_at_most = _scan(root, elements)
    if sources is not None:
        cells_at_most = cut[2]
        _check_rest(root, found, cells_at_most)
    check_table_sizes(root, path, cells_at_most)
    _show_scripted(found)
    title = page_title(root)
    meta = page.holds("<meta") or page.holds("<META")
    author = page_author(root) if meta else None
    if author:  # who the page says published it (<meta name="author">, og:site_name): a field like the footer's
        title = f"{title}_{author}" if title else author
    source = page_source(root) if meta else None
    if source:  # the CMS's ContentSource meta: the page's 来源 field, kept as one (index.metadata: publisher)
        title = f"{title}_来源：{source}" if title else f"来源：{source}"
    owner = _SITE_OWNER.search(text) if page.holds("版权所有") or page.holds("主办") else None
    if owner:  # the footer's 主办单位/版权所有: whose site it is, the weakest field (a county's, for its offices)
        title = f"{title}_{owner.group(1)}" if title else owner.group(1)
    crumb = breadcrumb(root) if framed or page.holds("位置") else None  # its mark says 位置
    if crumb:  # the page's 当前位置 line, pruned from the text with the rest of the chrome: one more field (last)
        title = f"{title}_{crumb}" if title else crumb
    if not found:
        _refuse_listing(root, path)
    entries = _content_entries(root, found, may_hide, sources)
    if not entries:
        raise ReportError(str(path), "no visible text in the HTML page")
    return Document(
        path=str(path),
        doc=path.name,
        file_format="html",
        encoding=encoding,
        sha256=hashlib.sha256(data).hexdigest(),
        lines=_number(entries),
        title=title,
    )


def _may_head(raw: str, text: str) -> bool:
    """Whether a table cell's text (`raw`, and `text` normalised) would be taken by _scan for a part heading."""
    return _HEADING_START.match(raw) is not None and _heading_numeral(text) is not None


def _check_placeholders(root: Element, tables: int) -> None:
    """Unusual unless the parsed page's tables are the placeholders of the `tables` cut out, in order, and
    no row or cell stands outside them (a table cut out of a comment or a script's text is no element)."""
    placed = [table.get(SOURCE) for table in root.iter("table")]
    if placed != [str(k) for k in range(tables)] or next(root.iter("tr", "td", "th"), None) is not None:
        raise Unusual


def _check_rest(root: Element, found: list[tuple[str, Element]], cells_at_most: int) -> None:
    """Unusual unless what the page's tables could change is as with the tables parsed: the report is told by
    its part headings (not by _template_tables or _refuse_listing, which read the tables), no heading holds
    a table (its text would be the table's), nothing may be pruned as chrome (link density counts text),
    and no table may be too large (check_table_sizes counts by table)."""
    if len({n for n, _ in _first_report(found)}) < _MIN_PARTS \
            or any(next(heading.iter("table"), None) is not None for _, heading in found) \
            or _may_hold_chrome(root) or cells_at_most > min(MAX_TABLE_CELLS, MAX_PAGE_CELLS):
        raise Unusual


def _refuse_listing(root: Element, path: Path) -> None:
    """A column page (政府信息公开年报) saved instead of a report: no part heading, no template table, and links
    to several reports. Its links are navigation the reader drops, so the page is refused here, naming them."""
    from index.metadata import listed_reports, listing_refusal, titled_reports

    if _template_tables(root) or _prose_chars(root) > _LISTING_PROSE:
        return  # a report's tables or its prose (its part headings written otherwise): not a list of reports
    links = [Line(number=k + 1, text=text) for k, a in enumerate(root.iter("a")) if (text := _text_of(a))]
    listed = listed_reports(links)
    # a report's own title outside the links, and not one of them (a column page's teaser repeats a listed
    # one): a short report with a 相关文章 list, not a column page
    if listed and not set(titled_reports(_own_lines(root))) - set(listed):
        raise ReportError(str(path), listing_refusal(listed))


_LISTING_PROSE = 2000  # characters of text outside links: a column page's chrome and teaser, not a report


def _own_lines(root: Element) -> list[Line]:
    """The page's visible texts outside its links, scripts and styles, one line each, in order."""
    body = root.find("body")
    texts: list[str] = []
    for el in (body if body is not None else root).iter():
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if el.text and el.tag != "a" and el.text.strip():
            texts.append(el.text.strip())
        if el.tail and el.getparent() is not None and el.tail.strip():
            texts.append(el.tail.strip())
    return [Line(number=k + 1, text=t) for k, t in enumerate(texts)]


def _prose_chars(root: Element) -> int:
    """How many visible characters the page has outside its links, scripts and styles."""
    return sum(len(line.text) for line in _own_lines(root))


def page_title(root: Element) -> str | None:
    """The page's <title>, whitespace-normalised: evidence for the report's agency and year. A <title> that
    is only the site's name is preceded by the article's title from the CMS's meta tags (ArticleTitle …)."""
    title = next((t for el in root.iter("title") if (t := normalise(_text_inside(el)))), None)
    if title and _REPORT_WORD.search(title):
        return title
    meta = next((t for el in root.iter("meta") if (el.get("name") or el.get("property") or "").lower()
                 in _TITLE_METAS and (t := normalise(el.get("content") or ""))), None)
    if not (meta and _REPORT_WORD.search(meta)):  # a CMS that writes the article's title only as its description
        meta = next((t for el in root.iter("meta") if (el.get("name") or "").lower() == "description"
                     and len(t := normalise(el.get("content") or "")) <= _TITLE_MAX and _REPORT_WORD.search(t)), meta)
    return "_".join(t for t in (meta, title) if t) or None


_AUTHOR_METAS = frozenset({"author", "og:site_name", "publisher", "dc.publisher", "dc.creator"})


def page_author(root: Element) -> str | None:
    """Who the page's <head> says published it (<meta name="author">, og:site_name): the only place some pages
    name the agency, when the title is a picture and the article says 我局."""
    return next((t for el in root.iter("meta") if (el.get("name") or el.get("property") or "").lower()
                 in _AUTHOR_METAS and (t := normalise(el.get("content") or ""))
                 and re.search("[\u4e00-\u9fff]", t)), None)


_SOURCE_METAS = frozenset({"contentsource", "source", "dc.source", "来源"})


def page_source(root: Element) -> str | None:
    """The page's 来源 as its CMS writes it in <head> (<meta name="ContentSource">): who published the article,
    the only naming of the agency on pages whose title is bare and whose article says 我局."""
    return next((t for el in root.iter("meta") if (el.get("name") or "").lower() in _SOURCE_METAS
                 and (t := normalise(el.get("content") or "")) and re.search("[\u4e00-\u9fff]", t)), None)


_PICTURE_TITLE = re.compile(r"(?:20\d\d|[二〇零○]{4})\s*年.{0,30}(?:报告|年报|報告|年報)")


def _titles_of_pictures(elements: list[Element]) -> None:
    """A heading drawn as a picture (<img alt="2024年政府信息公开工作年度报告">) is read as its alt text: the
    accessibility rules make sites give a picture's words there, and it is the report's only title line."""
    for el in elements:
        if el.tag == "img" and (alt := normalise(el.get("alt") or "")) and _PICTURE_TITLE.search(alt):
            el.tail = f"{alt}{el.tail or ''}"


_CRUMB_MARK = re.compile(r"(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|您当前的位置)\s*[:：]")


def breadcrumb(root: Element) -> str | None:
    """The page's 当前位置 line (「您的位置：首页 » 甲县人民政府 » 信息公开」), whitespace-normalised: where the site
    files the page, which may name the agency when nothing else does."""
    for node in root.xpath("//body//text()[contains(., '位置')]"):
        if not _CRUMB_MARK.search(node):
            continue
        holder = node.getparent() if node.is_text else node.getparent().getparent()
        text = normalise("".join(holder.itertext())) if holder is not None else ""
        at = _CRUMB_MARK.search(text)
        return text[at.start():at.start() + 200] if at and re.search("[\u4e00-\u9fff]", text[at.end():]) else None
    return None


_TITLE_METAS = frozenset({"articletitle", "title", "og:title", "文章标题", "dc.title"})


# --- decoding -------------------------------------------------------------------------------------------

_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# Declared charsets we trust. gb2312-labelled pages routinely hold GBK characters, so the whole family
# is read as GB18030, its superset. Other labels (a Western charset on a Chinese page is a server
# default, not a fact) fall back to detection.
_TRUSTED = {
    "utf-8": "utf-8", "utf8": "utf-8",
    "gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030",
    "x-gbk": "gb18030", "euc-cn": "gb18030", "x-euc-cn": "gb18030", "hz-gb-2312": "hz",
    "big5": "big5hkscs", "big5-hkscs": "big5hkscs",
}


_MAX_DAMAGED_SHARE = 0.01  # replacement characters per character that still count as damage, not a wrong label


def decode_html(data: bytes, path: Path | str) -> tuple[str, str]:
    """A byte-order mark wins, then a trusted <meta charset> that decodes without error, then detection."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or data[:3] == b"\xef\xbb\xbf":
        return decode(data, path)
    match = _META_CHARSET.search(data[:8192])
    codec = _TRUSTED.get(match.group(1).decode("ascii").lower()) if match else None
    if codec:
        name = codec
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            # A few damaged bytes (a cut download, a flipped bit) in a page of the declared charset: read it
            # as a browser does, with U+FFFD for them (named repaired: the damaged lines get a warning).
            # Many: the declaration is wrong, detect instead.
            text, name = data.decode(codec, errors="replace"), codec + REPAIRED
            if text.count("\ufffd") > _MAX_DAMAGED_SHARE * len(text):
                text = None
        # GB18030 decodes much that is not GBK: a page migrated to UTF-8 that kept its gb2312 meta.
        if text is not None and (codec != "gb18030" or looks_chinese(text)):
            return text, name
    return decode(data, path)


def _parse(text: str, path: Path | str, utf8: bytes | None = None) -> Element:
    """`utf8`: the text's UTF-8 bytes, when the caller has them (UTF-8 pages)."""
    # Line ends normalised first so that source lines count as an editor counts them; the text goes to
    # lxml as UTF-8 bytes because lxml refuses str input with an XML encoding declaration. On the bytes the
    # same replacements are exact (UTF-8 never puts these bytes inside another character) and cheaper.
    if utf8 is not None:
        data = utf8.replace(b"\xef\xbb\xbf", b"").replace(b"\x00", b"").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    else:
        data = text.replace("\ufeff", "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
    parser = lxml.etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        root = lxml.etree.fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None:  # "Document is empty"
        raise ReportError(str(path), "no visible text in the HTML page")
    return root


# A frame whose document was saved beside the page (a browser's 'complete' save: page_files/content.html).
_SITE_OWNER = re.compile(r"(?:版权所有|主办单位|主办)\s*[:：]\s*(?:©|&copy;|Copyright)?\s*([\u4e00-\u9fff]{2,30})")
_LOCAL_FRAME = re.compile(r"""<i?frame\b[^>]*?\ssrc\s*=\s*["']?(?![a-z][a-z0-9+.-]*:|/)""", re.I)
_MAX_FRAME_BYTES = 20 * 1024 * 1024


def _inline_frames(root: Element, path: Path | str) -> None:
    """Each <iframe srcdoc="…">, and each <frame>/<iframe> whose document was saved in a file beside the page,
    replaced by the body of that document (the walk skips iframes); a <frameset> page gets a body of its
    frames. Frames of the framed documents are not followed."""
    for frame in [f for f in root.iter("iframe", "frame") if f.get("srcdoc") or f.get("src")]:
        inner = _frame_document(frame, path)
        body = inner.find("body") if inner is not None else None
        if body is None or frame.getparent() is None:
            continue
        body.tag, body.tail = "div", frame.tail
        frame.getparent().replace(frame, body)
    for k, frameset in enumerate(root.iter("frameset")):
        frameset.tag = "body" if k == 0 and root.find("body") is None else "div"


_JSON_STRING = re.compile(r'"((?:[^"\\]|\\.){200,})"')
_REPORT_MARK = "政府信息公开"


def _inline_held_markup(root: Element, path: Path | str) -> None:
    """A page whose article is not in its DOM but kept as text for a script to show: escaped in a hidden
    <textarea>, or a string of a script's JSON (window.__INITIAL_STATE__ = {"content": "<p>…"}). When the
    page shows no report of its own, that markup is read in the element's place."""
    shown = "".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::textarea)]"))
    if "总体情况" in shown or "行政复议" in shown:
        return
    for el in list(root.iter("textarea", "script")):
        held = [el.text or ""] if el.tag == "textarea" else _json_strings(el.text or "")
        for markup in (h for h in held if "<" in h and _REPORT_MARK in h):
            body = _parse(markup, path).find("body")
            if body is not None and el.getparent() is not None:
                body.tag, body.tail = "div", el.tail
                el.getparent().replace(el, body)
                break


def _json_strings(script: str) -> list[str]:
    import json

    out = []
    for m in _JSON_STRING.finditer(script):
        try:
            out.append(json.loads(f'"{m.group(1)}"'))
        except ValueError:
            continue
    return out


def _frame_document(frame: Element, path: Path | str) -> Element | None:
    """The document a frame shows: its srcdoc, or a local file its src names (relative, inside the page's
    folder); None for a frame on the web, a missing file or one that cannot be read."""
    try:
        if frame.get("srcdoc"):
            return _parse(frame.get("srcdoc"), path)
        src = unquote(frame.get("src", "").split("#")[0].split("?")[0]).strip()
        if not src or re.match(r"[a-z][a-z0-9+.-]*:|/", src, re.I) or Path(src).suffix.lower() not in (".html", ".htm"):
            return None
        folder = Path(path).parent.resolve()
        target = (folder / src).resolve()
        if folder not in target.parents or not target.is_file() or target.stat().st_size > _MAX_FRAME_BYTES:
            return None
        data = target.read_bytes()
        return _parse(decode_html(data, target)[0], target)
    except (ReportError, OSError):
        return None


_LABEL = re.compile(r"[\u4e00-\u9fff][^\d０-９]*")


def _filled_merge(text: str, left: str | None, up: str | None) -> bool:
    """A label that repeats the one beside it or above it is one merged cell cut into single cells, its
    text filled into each (a table pasted out of a spreadsheet): read as the merged cell's other slots. Only
    labels: equal numbers side by side are values of their own. (Callers test `text in (left, up)` first:
    this runs for every cell of every table.)"""
    return bool(text) and text in (left, up) and _LABEL.fullmatch(text) is not None


# --- walking the tree -----------------------------------------------------------------------------------


def _tag(el: object) -> str:
    tag = getattr(el, "tag", None)
    return tag.lower() if type(tag) is str else ""


def _visible(el: Element) -> bool:
    return _tag(el) not in _SKIPPED and not _hidden_by_attributes(el.keys(), el)


def _hidden_by_attributes(names: list[str], el: Element, styles_hide: bool = True) -> bool:
    """`el` is hidden by its own attributes (`names`: el.keys()): hidden, the pruning mark, or a style that
    hides it (looked at only when `styles_hide`: when some style of the page may). Asked through the names:
    lxml's get() parses and encodes its key on every call (2-5x the cost of one keys() call, and most
    elements have none of these attributes)."""
    return bool(names) and ("hidden" in names or _PRUNED in names or styles_hide and "style" in names
                            and _hides(el.get("style")))


@lru_cache(maxsize=4096)  # a page repeats a few styles on every cell ('text-align:center')
def _hides(style: str) -> bool:
    return _HIDDEN_STYLE.search(style) is not None


_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]+|[0-9]+)")  # a character reference's number


def _may_hide(utf8: bytes) -> tuple[bool, bool]:
    """(a style may hide, another attribute may: `hidden`) as the page's UTF-8 source tells, which is what the
    tree holds: False when no word of them is in it, in any case (the parser lowers attribute names). Only a
    character reference to a Latin letter (&#100;) or a NUL or BOM the parse drops could make the words:
    then True."""
    if b"\x00" in utf8 or b"\xef\xbb\xbf" in utf8 or b"&#" in utf8 and any(
            65 <= code <= 90 or 97 <= code <= 122 for ref in set(_REFERENCE.findall(utf8))
            for code in [int(ref[1:], 16) if ref[:1] in b"xX" else int(ref)]):
        return True, True
    low = utf8.lower()
    return b"display" in low or b"visibility" in low, b"hidden" in low


class _Row(NamedTuple):
    """A table row's grid cells before its line is numbered: their texts and continuation flags by slot."""

    texts: list[str]
    continued: list[bool]
    table: int
    row: int


@dataclass
class _Entry:
    """A Line before numbering: source line, text, and for table rows the grid cells."""

    line: int
    text: str
    cells: _Row | None = None  # GridCells when the line is numbered (a cell's Source names its line)
    block: int = 0  # id of the block element the text stands in: a heading broken by <br> is one block


@dataclass
class _Flow:
    grids: _Grids  # the page's tables
    entries: list[_Entry] = field(default_factory=list)
    tables: int = 0
    stop_at_content: bool = False  # read only what comes before the element marked as the report's content
    _buf: list[str] = field(default_factory=list)
    _buf_line: int | None = None
    _pre: int = 0
    _open: list[int] = field(default_factory=list)  # ids of the block elements the walk is inside
    _alive: list[Element] = field(default_factory=list)  # those elements, alive while their ids are in use

    def run(self, root: Element) -> list[_Entry]:
        """One walk in document order (lxml's iterwalk: no recursion, pages nest deeper than Python's stack).
        Text carries the line its first visible character stands on; hidden elements are skipped, data tables
        (and, when stop_at_content, the report's content) are read whole, not entered."""
        walker = lxml.etree.iterwalk(root, events=("start", "end"))
        cursor = 1
        skipped = False  # the element just started was skipped: its end event gives only its tail
        alive = self._alive  # the block elements whose ids stand in entries: kept so the ids stay theirs
        styles_hide = self.grids.styles_hide
        # An element's attributes are asked only when one may hide it or mark the content: most pages have no
        # hidden attribute, no pruning mark and no style that hides (_Grids.hides, styles_hide).
        ask = self.grids.hides or styles_hide or self.stop_at_content
        names: list[str] = []
        for event, el in walker:
            if event == "start":
                tag = el.tag
                if type(tag) is not str:  # a comment or processing instruction the parser kept
                    walker.skip_subtree()
                    skipped = True
                    continue
                tag = tag.lower()
                cursor = el.sourceline or cursor
                if ask:
                    names = el.keys()
                if tag in _SKIPPED or names and _hidden_by_attributes(names, el, styles_hide):
                    if self.grids.sources is not None and next(el.iter("table"), None) is not None:
                        raise Unusual  # its line breaks are counted in its text, which a placeholder's is not
                    cursor += _text_inside(el).count("\n")
                    walker.skip_subtree()
                    skipped = True
                    continue
                if self.stop_at_content and _CONTENT in names or tag == "table" and self.grids.is_data(el):
                    walker.skip_subtree()
                    skipped = True
                    if _CONTENT in names and el is not root:
                        break
                    self._flush()
                    self._table(el)
                    continue
                if tag == "br" or tag in _BLOCKS:  # <pre> is a block
                    self._flush()
                    if tag == "pre":
                        self._pre += 1
                    if tag != "br":
                        alive.append(el)
                        self._open.append(id(el))
                text = el.text
                if text:
                    self._text(text, cursor + text[: len(text) - len(text.lstrip())].count("\n"))
                    cursor += text.count("\n")
                continue
            if skipped:
                skipped = False
            else:
                tag = el.tag.lower()
                if tag == "br" or tag in _BLOCKS:
                    self._flush()
                    if tag == "pre":
                        self._pre -= 1
                    if tag != "br":
                        self._open.pop()
            if el is not root:
                text = el.tail
                if text:
                    self._text(text, cursor + text[: len(text) - len(text.lstrip())].count("\n"))
                    cursor += text.count("\n")
        self._flush()
        return self.entries

    def _text(self, text: str, line: int) -> None:
        if self._pre > 0 and "\n" in text:  # preformatted: source line breaks are line breaks
            first = line - text[: len(text) - len(text.lstrip())].count("\n")  # line of the text's start
            pieces = text.split("\n")
            if "  " in text and space_aligned(pieces):  # a PDF's layout-kept text pasted in <pre>: gaps are cells
                self._flush()
                for k, piece in enumerate(pieces):
                    cells = [normalise(c) for c in column_gaps(piece).split("\t")]
                    if any(cells):
                        self.entries.append(_Entry(first + k, "\t".join(cells),
                                                   block=self._open[-1] if self._open else 0))
                return
            for k, piece in enumerate(pieces):
                if k:
                    self._flush()
                self._text(piece, first + k)
            return
        if self._buf_line is None and _shows(text):
            self._buf_line = line
        self._buf.append(text)

    def _flush(self) -> None:
        if not self._buf:  # most flushes: a block starts or ends right after another (nothing to flush)
            return
        # Nothing shown in the buffer (the line breaks between blocks): no line, and nothing to normalise.
        if self._buf_line is not None and (text := normalise("".join(self._buf))):
            self.entries.append(_Entry(self._buf_line, text, block=self._open[-1] if self._open else 0))
        self._buf, self._buf_line = [], None

    def _table(self, table: Element) -> None:
        self.tables += 1
        source = self.grids.source(table)
        if source is not None:  # read from the page's source (index.readers.html_source): its texts by cell
            text_of = [*source.texts, ""].__getitem__  # a hole's number is -1: an empty cell of its own
            self._rows(source.lines, ((list(map(text_of, numbers)), list(continued))
                                      for numbers, continued in self.grids.source_layout(source)))
            return
        for caption in table.findall("caption"):
            text = cell_text(caption)
            if text:
                self.entries.append(_Entry(caption.sourceline or 0, text))
        rows, grid, looks = self.grids.read(table)
        styles_hide = self.grids.styles_hide

        def text_of(td: Element) -> str:
            # The grid's cells are visible (hidden ones never enter it); a look into a cell with children may
            # have been taken already.
            if looks is None:  # a table with a nested one: no looks taken
                return normalise(td.text or "") if not len(td) else _inner_text(td, styles_hide)
            if (look := looks.get(td)) is None:  # looks hold the cells with children: text only
                return normalise(td.text or "")
            return look[3] if look[3] is not None else _inner_text(td, styles_hide, look)

        self._rows([tr.sourceline or 0 for tr in rows], _slot_texts(grid, text_of))

    def _rows(self, lines: list[int], rows: Iterable[tuple[list[str], list[bool]]]) -> None:
        """The table's rows as entries: `lines`, each row's source line; `rows`, each row's texts by slot and
        whether each slot continues a cell (_slot_texts)."""
        table_no = self.tables
        above: list[str] = []  # the row above's texts by slot
        for r, (line, (texts_here, continued)) in enumerate(zip(lines, rows), start=1):
            if not texts_here:
                continue
            _mark_filled_merges(texts_here, continued, above)
            above = texts_here
            shown = compress(texts_here, map(not_, continued))  # the texts of the cells at their first slots
            self.entries.append(_Entry(line, "\t".join(shown), _Row(texts_here, continued, table_no, r)))


def _slot_texts(grid: list[list[Slot]], text_of: Callable[[Element], str]) -> Iterator[tuple[list[str], list[bool]]]:
    """Each grid row's texts by slot and whether each slot continues a cell: a cell's slots beyond its first
    continue it; a hole no cell covers is an empty cell of its own, so the slots right of it keep their column.
    Each cell's text (`text_of`) asked once, at its first slot (which comes before its others in reading order)."""
    texts: dict[Element, str] = {}
    for slots in grid:
        here: list[str] = []
        continued: list[bool] = []
        for slot in slots:
            if slot is None:
                here.append("")
                continued.append(False)
            elif slot[1]:
                here.append(text := text_of(slot[0]))
                texts[slot[0]] = text
                continued.append(False)
            else:
                here.append(texts[slot[0]])
                continued.append(True)
        yield here, continued


def _mark_filled_merges(texts: list[str], continued: list[bool], above: list[str]) -> None:
    """A row's slots (`texts`, `continued`; `above`: the row above's texts) whose text repeats its neighbour's
    left or above and is a merged label's (_filled_merge) are marked continued. Asked only of texts that start
    as a label does (_LABEL: a Chinese character first), as equal numbers side by side are common; and only of
    rows where some text repeats a neighbour's (compared in C first)."""
    if not any(map(eq, texts, above)) and not any(map(eq, islice(texts, 1, None), texts)):
        return
    n_above = len(above)
    left = None  # the text left of the slot
    for c, text in enumerate(texts):
        if not continued[c] and text and (text == left or c < n_above and text == above[c]) \
                and "\u4e00" <= text[0] <= "\u9fff" and _filled_merge(text, left, above[c] if c < n_above else None):
            continued[c] = True
        left = text


def _number(entries: list[_Entry]) -> list[Line]:
    lines: list[Line] = []
    previous = 0
    for entry in entries:
        number = max(entry.line, previous + 1)
        previous = number
        row = entry.cells
        if row is None:
            lines.append(Line(number, entry.text))
            continue
        lines.append(Line(number, entry.text, GridCells(row.texts, row.continued, number, row.table, row.row)))
    return lines


# --- the report's own content ------------------------------------------------------------------------------
# A saved web page holds the site around the report: menus, breadcrumb, search box, footer. The report is the
# smallest element that holds its part headings (一、总体情况 … 六、其他需要报告的事项, as the template names
# them); the page's heading for it (the nearest report title before that element) is kept as its first
# line. Without part headings, the page is read whole less its navigation: <nav>/<header>/<footer>/<form>
# and ARIA landmarks, and link-dense blocks (mostly link text: menus, link lists). Decided by the template's
# evidence and link density, never by a site's class names.

_CONTENT = "data-qa-content"  # marks set on the parsed tree (ours, never saved)
_PRUNED = "data-qa-pruned"
_CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form", "menu"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar"})
_PART_HEADING = re.compile(r"^[#\s]*([一二三四五六])\s*[、.．,，]\s*(.{2,40}?)\s*$")
_HEADING_START = re.compile(r"^[\s\u3000\xa0#]*[一二三四五六]")  # Word may put 一 and 、总体情况 in two spans
_MAX_HEADING = 60  # characters: a heading is short, a paragraph that starts with 一、 is not one
_MIN_PARTS = 2  # distinct part headings needed before a block is taken as the report
_MIN_LINKS, _MAX_LINK_SHARE = 3, 0.5
_MAX_CAPTION = 12  # characters: the heading of a link list (相关文章, 友情链接)
_TITLE_LOOKBACK, _TITLE_MAX = 15, 80
_TITLE_PIECES, _PIECE_MAX = 3, 30  # a heading broken by <br>: its pieces before the one with the report word
_REPORT_WORD = re.compile(r"报告|年报|報告|年報")


def _content_entries(root: Element, found: list[tuple[str, Element]], may_hide: tuple[bool, bool] | None = None,
                     sources: list[SourceTable] | None = None) -> list[_Entry]:
    """`found`: the page's part headings (_scan); `may_hide`: _may_hide of the page's source, if known;
    `sources`: the tables read from the source (their placeholders' numbers index it)."""
    headings = _first_report(found)
    if len({n for n, _ in headings}) < _MIN_PARTS:
        headings += _template_tables(root)  # headings lost or unnumbered: the template's tables tell
    if _prune_chrome(root, headings):
        may_hide = None  # elements marked hidden by us
    block = _lowest_common_ancestor(headings) if len({n for n, _ in headings}) >= _MIN_PARTS else None
    grids = _Grids(root, may_hide, sources)  # after pruning, which hides rows; shared by both walks
    if block is None or block is root:
        return _Flow(grids=grids).run(root)
    if sources is not None and next(block.iter("table"), None) is None:
        raise Unusual  # the report's tables may be typed out beside it: _with_typed_tables reads its siblings
    block = _with_typed_tables(block, root)
    block.set(_CONTENT, "1")
    # The page's heading of the report: the nearest title before the block that is not a link (a link
    # names another page: related reports, 上一篇, a breadcrumb).
    links = [a for a in root.iter("a") if a.get(_PRUNED) is None]
    for a in links:
        a.set(_PRUNED, "1")
    hides, grids.hides = grids.hides, grids.hides or bool(links)  # the tables read by this walk: links hidden
    before = _Flow(stop_at_content=True, grids=grids).run(root)
    grids.hides = hides
    for a in links:
        del a.attrib[_PRUNED]
    near = before[-_TITLE_LOOKBACK:]
    at = next((k for k in range(len(near) - 1, -1, -1) if near[k].cells is None and len(near[k].text) <= _TITLE_MAX
               and _REPORT_WORD.search(near[k].text)), None)
    # A title broken by <br> (「永泰」「县2023年度」「政府信息公开工作年度报告」): its pieces before the one with the
    # report word, in the same heading element.
    start = at
    while at is not None and start > 0 and at - start < _TITLE_PIECES and near[start - 1].cells is None \
            and len(near[start - 1].text) <= _PIECE_MAX and near[start - 1].block == near[at].block:
        start -= 1
    title = near[start:at + 1] if at is not None else []
    if title and start > 0 and _YEAR_FIRST.match(title[0].text) and near[start - 1].cells is None:
        from index.metadata import agency_name  # a block beside a title that starts with its year: the agency

        if agency_name(near[start - 1].text) and _siblings(root, near[start - 1].block, title[0].block):
            title = near[start - 1:start] + title
    if title and at + 1 < len(near) and near[at + 1].block == near[at].block and near[at + 1].cells is None:
        from index.metadata import agency_name  # the heading's own line under a bare title: 「——甲县财政局」

        if agency_name(near[at + 1].text):
            title = title + [near[at + 1]]
    # The page's fields about the report (名称, 发布机构, 来源 …, in a line or a table of them) are evidence
    # of its agency when its title does not name it: kept as plain lines before the report.
    # A label alone in its block (a <div> grid: 「发布机构」 then 「甲县医疗保障局」) keeps the block after it.
    fields = [_Entry(f.line, f.text) for k, e in enumerate(near)
              if all(e is not t for t in title) and len(e.text) <= _TITLE_MAX * 2
              for f in ([e] if _PAGE_FIELD.search(e.text) else
                        near[k:k + 2] if _FIELD_ALONE.fullmatch(e.text) and k + 1 < len(near)
                        and len(near[k + 1].text) <= _TITLE_MAX * 2 else [])]
    return title + fields + _Flow(grids=grids).run(block)


# A row label of 三's or 二's table as typed out in text (本年新收…申请数量, 行政规范性文件): the tables' text.
_TYPED_ROW = re.compile(r"本年新收|行政规范性文件\s*\d")
_TYPED_LEVELS = 2  # how far up the typed tables may stand from the report's block


def _with_typed_tables(block: Element, root: Element) -> Element:
    """The report's block, or the element around it that also holds its tables typed out after it (附：表格文字版)
    when the block's own tables are pictures: a Word copy's wrapper holds the report, the editor added the
    tables' text below it."""
    if any(True for _ in block.iter("table")) or not any(True for _ in block.iter("img")):
        return block
    up = block
    for _ in range(_TYPED_LEVELS):
        parent = up.getparent()
        if parent is None or parent is root or _tag(parent) == "body":
            return block
        if any(_TYPED_ROW.search(to_text) for sib in up.itersiblings() if isinstance(sib.tag, str)
               for to_text in [_text_of(sib)]):
            return parent
        up = parent
    return block


def _siblings(root: Element, a: int, b: int) -> bool:
    """Whether the blocks of ids `a` and `b` stand in the same parent (a heading's two blocks, not the site's
    logo far above the article's title)."""
    found = {id(el): el for el in root.iter() if id(el) in (a, b)}
    return len(found) == 2 and found[a].getparent() is found[b].getparent()


_YEAR_FIRST = re.compile(r"\s*(?:20\d\d|二[〇零○]..)\s*年")
def _label_words() -> str:
    """index.metadata's publisher labels, simplified and as 繁體 pages write them (發布機構, 來源)."""
    from index.metadata import PUBLISHER_LABELS

    trad = str.maketrans("发机构关单来门责属开体", "發機構關單來門責屬開體")
    return "|".join(dict.fromkeys(w for label in PUBLISHER_LABELS for w in (label, label.translate(trad))))


_PAGE_FIELD = re.compile(rf"(?:{_label_words()}|文章标题|文章標題|信息名称|信息名稱|名\s*[称稱])\s*(?:[:：]|\t)")  # 繁體 too;
# a label in its own cell. A label alone in its block (a <div> grid, <dt>): the block after it is its value.
_FIELD_ALONE = re.compile(rf"\s*(?:{_label_words()})\s*")


def _scan(root: Element, elements: Iterable[Element]) -> tuple[list[tuple[str, Element]], int]:
    """One pass over the page's elements (`elements`: root.iter(), or its list) for the part headings:
    (numeral, element) of each (_part_heading); and a bound of the grid cells of all the page's tables
    (_spanned_cells), from the cells and rows lxml's C iterators find."""
    found = []
    for el in elements:
        text = el.text
        # _HEADING_START asked only of texts that start with a numeral, a space or '#' (a character test
        # is a fifth of a regex call, and most texts start with neither)
        if text and ((first := text[0]) in _NUMERALS or (first.isspace() or first == "#")
                     and _HEADING_START.match(text)) and type(tag := el.tag) is str and tag.lower() not in _SKIPPED:
            heading = _part_heading(el)
            if heading is not None:
                found.append(heading)
    total = 0
    spans = []  # (rowspan, colspan) of the spanned cells, counted once the rows are
    for el in root.iter("td", "th"):  # the parser gives lower-case tag names
        names = el.keys()
        if not names or "rowspan" not in names and "colspan" not in names:  # most cells: 1
            total += 1
        else:
            spans.append(_span_attributes(el))
    return found, total + _spanned_cells(spans, sum(1 for _ in root.iter("tr")))


_NUMERALS = frozenset("一二三四五六")


def _show_scripted(found: list[tuple[str, Element]]) -> None:
    """A page whose report is hidden by a style until its script shows it (a WeChat article saved before its
    script ran: #js_content style="visibility: hidden"): when no part heading of the page is visible, the
    element that hides them all is shown. A page that shows a copy of its own keeps its hidden ones hidden."""
    hiders = []
    for _, heading in found:
        hider = next((el for el in heading.iterancestors() if "style" in el.keys() and _hides(el.get("style"))),
                     None)
        if hider is None:
            return  # a visible heading: the page shows its report
        hiders.append(hider)
    for hider in {id(h): h for h in hiders}.values():
        hider.set("style", _HIDDEN_STYLE.sub("", hider.get("style")))


def _part_heading(el: Element) -> tuple[str, Element] | None:
    """(numeral, element) when the element's text starts a part heading: the largest element whose whole
    text is the heading."""
    heading = el
    while (parent := heading.getparent()) is not None and _tag(parent) not in ("td", "th", "tr", "table", "body") \
            and not _longer_than(parent, _MAX_HEADING):
        heading = parent
    numeral = _heading_numeral(_text_of(heading))
    return None if numeral is None else (numeral, heading)


@lru_cache(maxsize=4096)  # a page's table labels start with 一、二、三、 too, and repeat across pages
def _heading_numeral(text: str) -> str | None:
    """The part numeral of a part heading's whitespace-normalised text (一、总体情况), None for other text."""
    from index.hanzi import to_simplified
    from index.template import PART_NUMERALS, PARTS

    m = _PART_HEADING.match(to_simplified(text))
    if m and any(k in m.group(2) for k in PARTS[PART_NUMERALS.index(m.group(1))].keywords):
        return m.group(1)
    return None


def _template_tables(root: Element) -> list[tuple[str, Element]]:
    """(part numeral, table) of each table that carries the template's column headers for its part."""
    from index.hanzi import to_simplified
    from index.template import FORMATS, tables

    headers = {(t.part, h) for fmt in FORMATS for t in tables(fmt) for h in t.headers if len(h) >= 4}
    found = []
    for table in root.iter("table"):
        text = to_simplified(re.sub(r"\s+", "", "".join(table.itertext())))
        hits: dict[str, int] = {}
        for part, header in headers:
            if header in text:
                hits[part] = hits.get(part, 0) + 1
        if hits and max(hits.values()) >= 2:
            found.append((max(hits, key=hits.__getitem__), table))
    return found


def _first_report(headings: list[tuple[str, Element]]) -> list[tuple[str, Element]]:
    """The headings of one copy of the report: a page that holds it twice (a 全真版 and a 文字版 tab, a
    printable copy) restarts the numbering; the run with the most parts is kept, the first on a tie."""
    runs: list[list[tuple[str, Element]]] = []
    for numeral, el in headings:
        if runs and el is runs[-1][-1][1]:
            continue  # the same heading reached from two of its pieces
        if not runs or _ORDER[numeral] <= _ORDER[runs[-1][-1][0]]:
            runs.append([])
        runs[-1].append((numeral, el))
    return max(runs, key=lambda run: len({n for n, _ in run}), default=[])


_ORDER = {n: k for k, n in enumerate("一二三四五六")}


def _text_of(el: Element) -> str:
    if not len(el):
        return normalise(el.text or "")
    return normalise(_text_inside(el))


_INVISIBLE = re.compile("[\\s\u00a0\u3000\u2002-\u200a\u202f\u205f\u200b\u200c\u200d\u2060\ufeff\u00ad]+")


def _shows(text: str) -> bool:
    """normalise(text) != "", without normalising: some character is neither whitespace nor zero-width."""
    return bool(text) and _INVISIBLE.fullmatch(text) is None


def _longer_than(el: Element, limit: int) -> bool:
    """len(_text_of(el)) > limit, without joining a whole report's text: every visible character counts. The
    pieces itertext() gives are counted, in the order of iter() (lxml's itertext walks by iterwalk with comment
    and PI events: several times the instructions)."""
    seen = 0
    for d in el.iter():
        text = d.text if type(d.tag) is str else None  # a comment's or PI's own text is not the page's
        tail = d.tail if d is not el else None
        if text:
            seen += len(_INVISIBLE.sub("", text))
        if tail:
            seen += len(_INVISIBLE.sub("", tail))
        if seen > limit:
            return True
    return len(_text_of(el)) > limit


def _lowest_common_ancestor(elements: list[tuple[str, Element]]) -> Element | None:
    common: list[Element] | None = None
    for _, el in elements:
        chain = [el, *el.iterancestors()][::-1]
        if common is None:
            common = chain
            continue
        k = 0
        while k < min(len(common), len(chain)) and common[k] is chain[k]:
            k += 1
        common = common[:k]
    return common[-1] if common else None


def _prune_chrome(root: Element, headings: list[tuple[str, Element]]) -> bool:
    """Mark navigation as invisible: landmark elements and link-dense blocks, unless they hold a part heading
    or a number cell (a report framed in a <form> or a table of links to figures stays). Judged bottom-up:
    a block is link-dense by what is left of it after its link lists went (a page with menus and a short
    report is not one big menu), or when all it has left besides them is a caption (相关文章). Whether any
    element was marked."""
    if not _may_hold_chrome(root):
        return False  # no landmark, no role and fewer links than a dense block needs: nothing to prune
    elements = list(root.iter(lxml.etree.Element))  # no comments or PIs; kept alive: id() stays unique
    at = {id(el): k for k, el in enumerate(elements)}
    keep = {at[id(el)] for _, h in headings for el in (h, *h.iterancestors()) if id(el) in at}
    n = len(elements)
    tags = [el.tag.lower() for el in elements]
    parent = [at.get(id(el.getparent()), -1) for el in elements]
    roles = {id(el): el.get("role") for el in _WITH_ROLE(root)}  # a few elements; ids of `elements`'s
    # Per element: visible characters, characters inside links and links, of the whole element (w_) and of
    # what is not pruned (l_); and the number cells it holds. Children come after parents in document
    # order, so one pass from the end sees every element after all of its children.
    w_text, w_linked, w_links = [0] * n, [0] * n, [0] * n
    l_text, l_linked, l_links = [0] * n, [0] * n, [0] * n
    marked = False
    for k in range(n - 1, -1, -1):
        el, tag = elements[k], tags[k]
        if tag in _SKIPPED:
            continue
        own = len((el.text or "").strip())
        w_text[k] += own
        l_text[k] += own
        if tag == "a":
            w_linked[k], l_linked[k] = w_text[k], l_text[k]
            w_links[k] += 1
            l_links[k] += 1
        pruned = False
        # Only a block with links enough, a landmark tag or a role can be chrome: most elements are none.
        if (w_links[k] >= _MIN_LINKS or l_links[k] >= _MIN_LINKS or tag in _CHROME_TAGS or id(el) in roles) \
                and k not in keep and tag not in ("html", "body"):
            role = (roles.get(id(el)) or "").lower()
            dense = (l_links[k] >= _MIN_LINKS and l_linked[k] >= _MAX_LINK_SHARE * l_text[k]) or (
                w_links[k] >= _MIN_LINKS and w_linked[k] >= _MAX_LINK_SHARE * w_text[k]
                and l_text[k] - l_linked[k] <= _MAX_CAPTION)
            landmark = tag in _CHROME_TAGS and not (tag in _OWN_PARTS and _in_article(el))
            if (landmark or role in _CHROME_ROLES or dense) and not _holds_number_cell(el) and not _pager(el):
                el.set(_PRUNED, "1")
                pruned = marked = True
        p = parent[k]
        if p < 0:
            continue
        tail = len((el.tail or "").strip())
        w_text[p] += w_text[k] + tail
        w_linked[p] += w_linked[k]
        w_links[p] += w_links[k]
        l_text[p] += tail
        if not pruned:
            l_text[p] += l_text[k]
            l_linked[p] += l_linked[k]
            l_links[p] += l_links[k]
    return marked


_OWN_PARTS = frozenset({"header", "footer"})  # inside an <article> or <main>: the article's own, kept


def _may_hold_chrome(root: Element) -> bool:
    """Whether the page holds anything _prune_chrome could mark: a landmark tag, enough links for a dense
    block or a role (asked in this order: the first two are found by lxml's C iterators in microseconds)."""
    return next(root.iter(*_CHROME_TAGS), None) is not None or sum(1 for _ in islice(root.iter("a"), _MIN_LINKS)) \
        >= _MIN_LINKS or _ANY_ROLE(root)


_ANY_ROLE = lxml.etree.XPath("boolean(//@role)")
_WITH_ROLE = lxml.etree.XPath("//*[@role]")


def _pager(block: Element) -> bool:
    """A CMS's pager under one page of an article it cut into pages (第1页 共3页 … 下一页): kept, as it tells that
    the rest of the report is on other pages (index.metadata.cms_page). Asked only of blocks about to be pruned."""
    from index.metadata import cms_page

    text = normalise(_text_inside(block))
    return len(text) <= _PAGER_CHARS and cms_page([Line(number=1, text=text)]) is not None


_PAGER_CHARS = 120  # a pager's words and page links; a longer block is a list of links, not a pager


def _holds_number_cell(block: Element) -> bool:
    """A <td>/<th> holding a number, in `block` or itself, outside the elements never shown (<script> …).
    Asked only of the few blocks about to be pruned."""
    for el in block.iter("td", "th"):  # the parser gives lower-case tag names
        if _NUMBER_CELL.fullmatch(_text_of(el)) and not any(
                _tag(a) in _SKIPPED for a in _ancestors_up_to(el, block)):
            return True
    return False


def _ancestors_up_to(el: Element, top: Element) -> list[Element]:
    """el and its ancestors up to and including top."""
    chain = [el]
    while el is not top and (el := el.getparent()) is not None:
        chain.append(el)
    return chain


def _in_article(el: Element) -> bool:
    return any(_tag(a) in ("article", "main") for a in el.iterancestors())


_NUMBER_CELL = re.compile(r"[\d.,，]+\s*(元|万元|件|项|条)?")


# --- tables ---------------------------------------------------------------------------------------------


def own_rows(table: Element, styles_hide: bool = True, hides: bool = True, nests: bool | None = None) -> list[Element]:
    """The <tr>s of this table (directly or in thead/tbody/tfoot), not those of tables nested in it.
    `styles_hide`: whether a style may hide (_Grids.styles_hide); `hides`: whether any attribute may;
    `nests`: whether a table stands in this one, if known (_Grids.nests)."""
    if not (_nests(table) if nests is None else nests):  # most tables: no nested table, every <tr> is its own
        if not hides:
            return list(table.iter("tr"))
        return [tr for tr in table.iter("tr") if not _hidden_by_attributes(tr.keys(), tr, styles_hide)]
    rows = []
    for tr in table.iter("tr"):
        parent = tr.getparent()
        while parent is not None and _tag(parent) != "table":
            parent = parent.getparent()
        if parent is table and not _hidden_by_attributes(tr.keys(), tr, styles_hide):
            rows.append(tr)
    return rows


def _nests(table: Element) -> bool:
    """Whether a table stands in this one."""
    return next(table.iterdescendants("table"), None) is not None


def _own_cells(tr: Element, r: int, spanned: _Spanned, styles_hide: bool) -> list[Element]:
    """The visible cells of row `r`; those with rowspan/colspan go into `spanned`. (The parser gives
    lower-case tag names: iterchildren's tag filter finds every <td>/<th> in C.)"""
    cells = []
    for td in tr.iterchildren("td", "th"):
        names = td.keys()
        if names:
            if _hidden_by_attributes(names, td, styles_hide):
                continue
            if "rowspan" in names or "colspan" in names:
                spanned[r, len(cells)] = _span_attributes(td)
        cells.append(td)
    return cells


def _row_cells(rows: list[Element], spanned: _Spanned | None = None, styles_hide: bool = True) -> list[list[Element]]:
    spanned = {} if spanned is None else spanned
    return [_own_cells(tr, r, spanned, styles_hide) for r, tr in enumerate(rows)]


# (row, position in the row) of each cell with rowspan/colspan → (rowspan, colspan) as written: by position, so
# that the grid finds a cell's row without asking lxml for its parent
_Spanned = dict[tuple[int, int], tuple[str | None, str | None]]


class _Grids:
    """Each table's rows and grid, worked out once for a page: the walks ask of every table whether it is
    data, then read it, and the page is walked twice (the report's title, then the report). Made after
    pruning, which can hide rows; links hidden for the title walk hide no rows or cells."""

    def __init__(self, root: Element, may_hide: tuple[bool, bool] | None = None,
                 sources: list[SourceTable] | None = None) -> None:
        self._tables: dict[int, tuple[Element, list[Element], list[list[Slot]], bool, _Looks | None]] = {}
        self.sources = sources  # the tables read from the source, by their placeholders' numbers
        # Whether any style on the page hides its element: most pages have none, and then no element's style
        # needs a look (libxml2 lists the page's styles faster than they are asked for one by one; faster
        # still, the source says so when it has no word of a hiding style: _may_hide).
        self.styles_hide = (may_hide is None or may_hide[0]) and any(map(_hides, set(_STYLES(root))))
        # Whether an attribute other than a style may hide an element (hidden, our pruning mark): when neither
        # may, no row's or cell's attributes need be asked.
        self.hides = may_hide is None or may_hide[1]
        # The tables that hold another table (the elements kept: their ids stay theirs), from one pass over the
        # page's tables: asking each table for a table inside it walked all of its cells, twice.
        self._nesting = {id(up): up for table in root.iter("table") for up in table.iterancestors("table")}

    def nests(self, table: Element) -> bool:
        return id(table) in self._nesting

    def _get(self, table: Element) -> tuple[Element, list[Element], list[list[Slot]], bool, _Looks | None]:
        got = self._tables.get(id(table))
        if got is None:  # the element is kept in the value: its id stays its own
            hides = self.styles_hide or self.hides
            nests = self.nests(table)
            rows = own_rows(table, self.styles_hide, hides, nests)
            spanned: _Spanned = {}
            cells = _row_cells(rows, spanned, self.styles_hide)
            grid = _grid(cells, spanned)
            if not nests:  # most tables: each cell tells of itself
                looks = {td: _look_into(td, self.styles_hide, hides) for row in cells for td in row if len(td)}
                data = bool(rows) and _several_columns(grid) and all(
                    not heading and blocks <= _MAX_CELL_BLOCKS for blocks, heading, _, _ in looks.values())
            else:
                looks = None
                data = bool(rows) and _data_cells(table, cells, grid)
            got = self._tables[id(table)] = (table, rows, grid, data, looks)
        return got

    def is_data(self, table: Element) -> bool:
        source = self.source(table)
        if source is not None:  # its cells hold text and one block at most: data unless one column (page layout)
            if not _several_columns([numbers for numbers, _ in self.source_layout(source)]):
                raise Unusual  # the walk would enter it
            return True
        return self._get(table)[3]

    def source(self, table: Element) -> SourceTable | None:
        """The table as read from the source when `table` is its placeholder, else None."""
        if self.sources is None:
            return None
        k = table.get(SOURCE)
        return None if k is None else self.sources[int(k)]

    @staticmethod
    def source_layout(source: SourceTable) -> list[tuple[list[int], list[bool]]]:
        """A table read from the source, by grid row: its slots' cell numbers in source.texts (-1: a hole) and
        whether each slot continues a cell (_slot_texts)."""
        return _layout(tuple(map(len, source.cells)), tuple(source.spanned.items()))

    def read(self, table: Element) -> tuple[list[Element], list[list[Slot]], _Looks | None]:
        """(rows, grid, _look_into of each cell with children when no table is nested in this one)."""
        _, rows, grid, _, looks = self._get(table)
        return rows, grid, looks


_STYLES = lxml.etree.XPath("//@style", smart_strings=False)


@lru_cache(maxsize=256)  # the template's tables: reports of one form share their layouts (never changed: read only)
def _layout(row_lengths: tuple[int, ...], spanned: tuple[tuple[tuple[int, int], tuple[str | None, str | None]], ...]
            ) -> list[tuple[list[int], list[bool]]]:
    """_Grids.source_layout of a table whose rows hold `row_lengths` cells, numbered in reading order, with the
    spans `spanned` (_Spanned's items)."""
    cells, k = [], 0
    for n in row_lengths:
        cells.append(list(range(k, k + n)))
        k += n
    return [([-1 if slot is None else slot[0] for slot in slots], [slot is not None and not slot[1] for slot in slots])
            for slots in _grid(cells, dict(spanned))]


def _several_columns(grid: list[list[Slot]]) -> bool:
    """More than one column: a single column of cells is page layout."""
    return max((len(slots) for slots in grid), default=0) > 1


_PAGE_BLOCKS = ("p", "div", "li")
_LAYOUT_TAGS = ("table", "h1", "h2", "h3", "h4", "h5", "h6", *_PAGE_BLOCKS)
_MAX_CELL_BLOCKS = 4  # Word puts each line of a broken label in its own <p>; a page column holds many


def _data_cells(table: Element, cells: list[list[Element]], grid: list[list[Slot]]) -> bool:
    """A <table> is read as a table unless it is page layout: a cell holding another table, a heading or
    many paragraphs (pages framed in tables, the report inside one cell), or a single column of cells.
    (Without a nested table, _Grids asks each cell's _look_into instead: the same answer.)"""
    if not _several_columns(grid):
        return False
    # One pass over the table's layout elements, each counted for every cell of this table around it
    # (asking each cell for its own would search every cell twice).
    own = {id(td) for row in cells for td in row}  # the elements stay alive in `cells`: ids stay theirs
    blocks: dict[int, int] = {}
    for el in table.iterdescendants(*_LAYOUT_TAGS):
        heading = el.tag not in _PAGE_BLOCKS
        parent = el.getparent()
        while parent is not None and parent is not table:
            if id(parent) in own:
                if heading:
                    return False
                blocks[id(parent)] = blocks.get(id(parent), 0) + 1
                if blocks[id(parent)] > _MAX_CELL_BLOCKS:
                    return False
            parent = parent.getparent()
    return True


_Look = tuple[int, bool, list[Element] | None, str | None]
_Looks = dict[Element, _Look]


def _look_into(cell: Element, styles_hide: bool = True, hides: bool = True) -> _Look:
    """What one pass over a cell's descendants tells: (its <p>/<div>/<li> descendants, whether it holds a
    heading or table: both for _data_cells; its line breaks (<br> and blocks) when all in it is shown and
    each of them stands directly in it, else None: for _plain_text; the cell's text when the pass has it at
    hand, else None). `styles_hide`: _Grids.styles_hide; `hides`: whether any attribute may hide (own_rows)."""
    if len(cell) == 1:  # Word's cells, <td><p><span>…</span></p></td>: told without the general pass
        child = cell[0]
        n = len(child)
        if n <= 1 and child.tag in _PAGE_BLOCKS and not (hides and _hidden_by_attributes(child.keys(), child,
                                                                                           styles_hide)):
            inner = child[0] if n else None
            if inner is None or not len(inner) and inner.tag not in _KINDS \
                    and not (hides and _hidden_by_attributes(inner.keys(), inner, styles_hide)):
                # the cell's text as _plain_text gives it, unless text stands beside the block (then the walk's)
                if (t := cell.text) and _shows(t) or (t := child.tail) and _shows(t):
                    return 1, False, [child], None
                text = child.text or ""
                if inner is not None:
                    text += (inner.text or "") + (inner.tail or "")
                return 1, False, [child], normalise(text)
    blocks, heading = 0, False
    breaks: list[Element] | None = []
    for el in cell.iterdescendants():
        kind = _KINDS.get(el.tag)  # the parser gives lower-case tag names
        if breaks is not None and (kind is _NOT_SHOWN or hides and (names := el.keys()) and (
                "hidden" in names or _PRUNED in names or styles_hide and "style" in names and _hides(el.get("style")))):
            breaks = None
        if kind is None or kind is _NOT_SHOWN:
            continue
        if kind is _PAGE_BLOCK:
            blocks += 1
        elif kind is _HEADING:
            heading = True
        if breaks is not None:
            if el.getparent() is cell:
                breaks.append(el)
            else:
                breaks = None
    return blocks, heading, breaks, None


_PAGE_BLOCK, _HEADING, _BREAK, _NOT_SHOWN = "page block", "heading", "break", "not shown"
_KINDS: dict[object, str] = {
    **{tag: _BREAK for tag in _BLOCKS | {"br"}},
    **{tag: _HEADING for tag in _LAYOUT_TAGS if tag not in _PAGE_BLOCKS},
    **{tag: _PAGE_BLOCK for tag in _PAGE_BLOCKS},
    **{tag: _NOT_SHOWN for tag in _SKIPPED},
    # comments, PIs and entities (their tag is their factory): never in a cell the fast way
    lxml.etree.Comment: _NOT_SHOWN, lxml.etree.ProcessingInstruction: _NOT_SHOWN, lxml.etree.Entity: _NOT_SHOWN,
}


Slot = tuple[Element, bool] | None  # (cell, is its first slot), or a hole

# A report's tables have a few hundred cells. rowspan/colspan can ask for far more than a table holds
# (colspan=1000 rowspan=1000 in every row of a 4.6 KB page asks for ~500·N² slots): spans are bounded by the
# table's real size (rowspans by the rows left, colspans by the widest row as written), and a table or page
# that still needs more grid cells than these limits is refused before any grid is built.
MAX_TABLE_CELLS = 100_000
MAX_PAGE_CELLS = 1_000_000


def _bounds(cells: list[list[Element]], spanned: _Spanned) -> tuple[int, int]:
    """(width limit, grid cells needed at most) for a table's cells by row: the widest row's colspans plus
    its cell count (cells pushed right by rowspans from above), and the sum of every cell's bounded
    rowspan × colspan."""
    spans, width = _spans(cells, spanned)
    return width, sum(len(tds) - len(row) for tds, row in zip(cells, spans)) + sum(
        rs * min(cs, width) for row in spans for rs, cs in row.values())


def _spans(cells: list[list[Element]], spanned: _Spanned) -> tuple[list[dict[int, tuple[int, int]]], int]:
    """(by row, {position in the row: (rowspan bounded by the rows left, colspan bounded by _MAX_COLSPAN)}
    of its cells whose span is not 1×1; the width limit of _bounds). Only the spanned cells are looked at:
    a row's colspans are its cell count plus what they add."""
    rows = len(cells)
    spans: list[dict[int, tuple[int, int]]] = [{} for _ in cells]
    for (r, k), (rowspan, colspan) in spanned.items():
        left = rows - r
        span = (1 if rowspan is None else _span(rowspan, left, zero_means=left),
                1 if colspan is None else _span(colspan, _MAX_COLSPAN, zero_means=1))
        if span != _NO_SPAN:
            spans[r][k] = span
    width = max((2 * len(tds) + (sum(cs for _, cs in row.values()) - len(row) if row else 0)
                 for tds, row in zip(cells, spans)), default=0)
    return spans, width


_NO_SPAN = (1, 1)


def _span_attributes(td: Element) -> tuple[str | None, str | None]:
    """(rowspan, colspan) as written, None where absent: asked through keys(), since most cells have
    neither and lxml's get() parses its key on every call."""
    names = td.keys()
    if not names:
        return None, None
    return (td.get("rowspan") if "rowspan" in names else None, td.get("colspan") if "colspan" in names else None)


def check_table_sizes(root: Element, path: Path | str, at_most: int | None = None) -> None:
    """Refuse a page whose tables would expand beyond MAX_TABLE_CELLS / MAX_PAGE_CELLS grid cells.
    `at_most`: the page's bound of grid cells (_scan), when taken."""
    if (_scan(root, root.iter())[1] if at_most is None else at_most) <= min(MAX_TABLE_CELLS, MAX_PAGE_CELLS):
        return  # no table, nor the page, can be over: the table-by-table count is not needed
    total = 0
    for k, table in enumerate(root.iter("table"), start=1):
        spanned: _Spanned = {}
        _, cells = _bounds(_row_cells(own_rows(table), spanned), spanned)
        total += cells
        if cells > MAX_TABLE_CELLS:
            raise ReportError(str(path), f"HTML table {k} is too large to read: rowspan/colspan ask for "
                                         f"{cells:,} grid cells (limit {MAX_TABLE_CELLS:,})")
        if total > MAX_PAGE_CELLS:
            raise ReportError(str(path), f"HTML tables too large to read: rowspan/colspan ask for more than "
                                         f"{MAX_PAGE_CELLS:,} grid cells in all")


def _spanned_cells(spans: list[tuple[str | None, str | None]], rows: int) -> int:
    """The grid cells the page's spanned cells ((rowspan, colspan) as written) may ask for at most: for
    _scan's bound of the grid cells of all the page's tables together, without finding their rows: every
    cell of the page (hidden and nested ones too) at its rowspan, bounded by the page's rows, times its
    colspan."""
    return sum((1 if rowspan is None else _span(rowspan, rows, zero_means=rows)) * (
        1 if colspan is None else _span(colspan, _MAX_COLSPAN, zero_means=1)) for rowspan, colspan in spans)


def expand_grid(rows: list[Element]) -> list[list[Slot]]:
    """The table's grid: each cell placed at the first free column of its row and copied into every slot
    its rowspan/colspan covers. Rowspans are clipped at the last row, as browsers do; colspans at the
    table's width (_bounds), so that the work is bounded by what check_table_sizes allowed."""
    spanned: _Spanned = {}
    return _grid(_row_cells(rows, spanned), spanned)


def _grid(cells: list[list[Element]], spanned: _Spanned) -> list[list[Slot]]:
    """expand_grid of the rows' cells; `spanned`: those of them with rowspan/colspan."""
    if not spanned:  # every cell 1×1: the grid is the cells
        return [[(td, True) for td in tds] for tds in cells]
    spans, width = _spans(cells, spanned)
    # by row: its slots, None where free (a hole unless a cell comes to take it); lists, not dicts by column:
    # a slot is asked and set once or twice, and lists do that in fewer steps
    taken: list[list[Slot]] = [[] for _ in cells]
    for r, (tds, row_spans) in enumerate(zip(cells, spans)):
        row, c = taken[r], 0
        if not row_spans:  # no span of its own: each cell takes the next free slot, the holes first
            firsts = [(td, True) for td in tds]
            holes = [c for c, slot in enumerate(row) if slot is None] if None in row else ()
            for c, first in zip(holes, firsts):
                row[c] = first
            row.extend(firsts[len(holes):])
            continue
        for k, td in enumerate(tds):
            while c < len(row) and row[c] is not None:
                c += 1
            span = row_spans.get(k) if row_spans else None
            if span is None:  # most cells
                if c < len(row):
                    row[c] = (td, True)
                else:
                    row.append((td, True))
                c += 1
                continue
            rowspan, colspan = span
            colspan = min(colspan, width)
            for dr in range(rowspan):  # rowspans are bounded by the rows left (_spans)
                below = taken[r + dr]
                if len(below) < c + colspan:
                    below.extend([None] * (c + colspan - len(below)))
                for dc in range(colspan):
                    if below[c + dc] is None:  # a slot already covered keeps its cell
                        below[c + dc] = (td, dr == 0 and dc == 0)
            c += colspan
    for row in taken:  # up to the last slot taken, as the grid ends there
        while row and row[-1] is None:
            row.pop()
    return taken


_SPAN = re.compile(r"\s*(\d+)")


@lru_cache(maxsize=4096)  # a page writes the same few spans ("2", "3") on many cells
def _span(value: str | None, limit: int, zero_means: int) -> int:
    """rowspan/colspan as browsers read them: leading digits, 1 when missing or unreadable."""
    if value is None:
        return 1
    match = _SPAN.match(value)
    if not match:
        return 1
    n = int(match.group(1))
    return max(1, min(zero_means if n == 0 else n, limit))


def cell_text(cell: Element) -> str:
    """A cell's visible text, whitespace-normalised. Pieces separated by <br> or blocks (<p> in Word's
    cells) are joined without a space: table labels are broken across lines ("本年新<br>公开数量"),
    except between two ASCII letters or digits, so that "1<br>2" does not become 12."""
    if not len(cell):  # most cells: text only, no <br> or blocks inside
        return normalise(cell.text or "") if _visible(cell) else ""
    if not _visible(cell):
        return ""
    return _inner_text(cell)


def _inner_text(cell: Element, styles_hide: bool = True, look: _Look | None = None) -> str:
    """cell_text of a visible cell with children (`look`: its _look_into, if taken)."""
    look = look or _look_into(cell, styles_hide)
    if look[3] is not None:
        return look[3]
    text = _plain_text(cell, look[2])
    return text if text is not None else _walked_text(cell)


def _plain_text(cell: Element, breaks: list[Element] | None) -> str | None:
    """The text of a cell whose elements are all visible and either inline (<span>, <font>) or blocks
    side by side directly in it with nothing but spaces between them (Word's <td><p><span>…</span></p>),
    without the general walk: most cells of a page. None for any other cell. `breaks`: as _look_into
    gives them (None: something in the cell is hidden, or a break stands deeper in it)."""
    if breaks is None:
        return None
    if not breaks:
        return normalise(_text_inside(cell))
    if len(breaks) != len(cell) or _shows(cell.text or ""):  # not all side by side directly in the cell
        return None
    if len(breaks) == 1:  # Word's cells: one <p>
        return None if _shows(breaks[0].tail or "") else normalise(_text_inside(breaks[0]))
    if any(_shows(child.tail or "") for child in breaks):
        return None
    return _joined([normalise(_text_inside(child)) for child in breaks])


def _text_inside(el: Element) -> str:
    """"".join(el.itertext()), by libxml2's text serialiser, which skips comments and PIs as itertext does
    (itertext costs ~4x the instructions; by hand still fewer for an element of at most one child element
    without children)."""
    if len(el) <= 1:
        if not len(el):
            return el.text or ""
        inner = el[0]
        if not len(inner) and type(inner.tag) is str:
            return (el.text or "") + (inner.text or "") + (inner.tail or "")
    return lxml.etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _walked_text(cell: Element) -> str:
    """cell_text by the walk of _events without its line numbers: the order of texts and breaks."""
    pieces: list[str] = []
    current: list[str] = []
    stack: list[str | tuple[Element, bool]] = [(cell, False)]  # texts, and (element, its end reached)
    while stack:
        item = stack.pop()
        if type(item) is str:
            current.append(item)
            continue
        el, end = item
        if not end and el is not cell and el.tail:
            stack.append(el.tail)
        tag = _tag(el)
        if not tag or not end and not _visible(el):
            continue
        if tag == "br" or tag in _BLOCKS:
            pieces.append(normalise("".join(current)))
            current = []
        if not end:
            stack.append((el, True))
            stack.extend((child, False) for child in reversed(el))
            if el.text:
                stack.append(el.text)
    pieces.append(normalise("".join(current)))
    return _joined(pieces)


def _joined(pieces: list[str]) -> str:
    out = ""
    for piece in filter(None, pieces):
        if out and out[-1].isascii() and out[-1].isalnum() and piece[0].isascii() and piece[0].isalnum():
            out += " "
        out += piece
    return out


# --- whitespace -----------------------------------------------------------------------------------------

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RUN = re.compile("[\\s\u00a0\u3000\u2002-\u200a\u202f\u205f]+")


def _wide(ch: str) -> bool:
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or code >= 0x20000
    )


def normalise(text: str) -> str:
    """Collapse whitespace as a browser shows it: a run becomes one space, except that a source line
    break between two Chinese characters disappears (editors wrap Chinese lines anywhere)."""
    if text.isalnum():  # letters and digits only (most cells): no space nor zero-width character
        return text
    if _INVISIBLE.search(text) is None:  # most cells: no space or zero-width character, nothing to do
        return text
    text = _ZERO_WIDTH.sub("", text)
    if "\n" not in text:  # the common case: no line break to judge, every run is one space
        return _SPACE_RUN.sub(" ", text).strip()

    def replace(match: re.Match[str]) -> str:
        start, end = match.span()
        if "\n" in match.group() and 0 < start and end < len(text) and _wide(text[start - 1]) and _wide(text[end]):
            return ""
        return " "

    return _SPACE_RUN.sub(replace, text).strip()
