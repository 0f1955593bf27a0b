"""A report's own metadata — agency, statistics year, closing date — decided in one place, from the evidence
the readers supply, with the source each value came from.

Evidence, strongest first (EVIDENCE_ORDER is the one statement of that order):

1. ``title_line``   the report's title line near its top (「平潭综合实验区2024年度政府信息公开工作年度报告」, or the
                    agency on the line above 「2020年政府信息公开工作年度报告」, or broken over short lines); of
                    several, the last before the body that is no item of a list of other reports
2. ``header_title`` a header block's 标题 line (text dumps of web pages start with 「标题: …」)
3. ``html_title``   the web page's <title> (Document.title), cut at the site name (「…年度报告_政府信息公开年报_…」)
4. ``period``       the statistics period stated in the text (「统计期限自2020年1月1日起…」, 「统计期限为…」): year only
5. ``signature``    the signature above the closing date, and the closing date itself (year = date's year − 1)
6. ``compiler``     the opening naming who compiled the report (「本报告由甲县人民政府办公室根据《条例》…编制」):
                    agency only; all some reports say of themselves when the title and the signature do not
7. ``publisher``    the page's own 发布机构 / 来源 field above the report (「来源：甲市财政局」): agency only; often the
                    office that put it online (乙市人民政府办公室), so below everything the report says of itself
8. ``breadcrumb``   the page's 当前位置 line (「您的位置：首页 » 甲县人民政府 » 信息公开 » 年度报告」): the deepest
                    piece that is an agency's name; a site's sections, so below what the page says of the report
9. ``file_name``    the file name (weak: a user's or archive's naming)
10. ``site``         the web site's name beside the report's title in <title> (「甲市人民政府 - 2020年…年度报告」):
                    the site is not the agency unless nothing else says

Navigation text is never evidence: a candidate agency that holds a menu word (首页, 当前位置, 信息公开, 年报 …)
is refused and the next source is asked; so is a page or a report speaking of itself (来源：本站, 本机关). A
county government's name above a bare title (the portal's banner) yields to the 发布机构's department when the
report calls itself as that department does (我局: _departmental). Matching is done on simplified characters
(index.hanzi), the agency is kept as written. The statistics year is the title's, never the publication date. A district's
agency titled without its city takes the city where the report's opening writes it (_qualified).

Each agency is also reduced to a short name (short_name) that questions and tables can use, and a user's
reports.csv in the corpus folder (file, agency, year) overrides what was read (read_corrections)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from index.hanzi import to_simplified as _to_simplified
from index.model import Line, PartSpan

Source = str  # one of EVIDENCE_ORDER, or "reports_csv" when a user's reports.csv decided it

EVIDENCE_ORDER: tuple[Source, ...] = ("title_line", "header_title", "html_title", "period", "signature", "compiler",
                                      "publisher", "breadcrumb", "file_name", "site")
WEAK_SOURCES = frozenset({"file_name", "site"})  # `qa check` warns when a value rests on these alone
# Sources that name who signed, published or hosts the report (an office, a site), not the report's title:
# their disagreeing with the title is normal and no problem.
_NOT_TITLE = frozenset({"signature", "compiler", "publisher", "site"})
OVERRIDE = "reports_csv"

MIN_YEAR, MAX_YEAR = 2000, 2099

_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# The words an agency name ends with: an office (局, 委员会 …), a public body that reports too (海关, 气象台,
# 供销合作社联合社, 第一中学, 国有林场, 幼儿园, 支行, 监狱, 水库) or a place that reports as itself (区, 县 …).
_AGENCY_SUFFIX = re.compile(
    r"(局|委员会|委|办公室|办|厅|院|署|政府|中心|站|所|队|处|会|部|公司|集团|馆|校|海关|气象台|电视台|地震台|社|中学|"
    r"小学|大学|林场|农场|幼儿园|公园|产业园|支行|监狱|水库|区|县|市|旗|盟|州|省|镇|乡|街道)$"
)
# A title: a year, then within a few characters a report word (年度报告, 工作情况的报告, 年报).
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年\s*度?(?=[^。；;！!？?]{0,40}?(报告|年报))")
# A title with its year after it: 「甲市财政局政府信息公开工作年度报告（2020年度）」.
_TITLE_YEAR_AFTER = re.compile(r"(?:政府信息公开|政务公开|信息公开)[^。；;（(]{0,16}?(?:报告|年报)\s*[（(【\[]\s*"
                               r"(20\d{2})\s*年?\s*度?\s*[)）】\]]")
_PROSE = re.compile(r"[《》，,。；;！!？?]")  # before a title's year: a sentence, not a title
# After a title's report word, a quotation closed that opened before it: the title is a document a sentence
# names (a paragraph wrapped in a PDF: 「…按照《关于报送」「2020年政府信息公开工作年度报告的通知》要求，…」).
_MENTION = re.compile(r"[^\s《〈“「『]{0,16}?[》〉”」』]")
# After the report word, the sentence goes on (「…现公布甲局」「2020年政府信息公开工作年度报告。本报告…」: a
# paragraph wrapped in a PDF or an OCR'd page): no title.
_SENTENCE_GOES_ON = re.compile(r"[。，,；;]\s*\S")
# After the report word, a short clause that closes a sentence (「现将甲局2024年…年度报告予以公布。」): no title.
_CLAUSE_CLOSED = re.compile(r"[^\s。；;，,]{0,12}[。；;]")
_TITLE_WORD = re.compile(r"政府信息公开|政务公开|信息公开")
# Words of menus, breadcrumbs and page furniture: an agency candidate holding one is navigation text.
_NAV_WORDS = re.compile(
    r"首页|当前位置|您的位置|信息公开|政务公开|年报|栏目|导航|网站|登录|注册|搜索|链接|来源|发布|时间|点击|"
    r"浏览|打印|关闭|下载|附件|标题|主办|承办|版权|技术支持|联系我们|联系电话|地址|邮编|备案|ICP|>|»|→|\||/|\\"
)
_HEADER_FIELD = re.compile(r"^\s*(?:文章标题|信息名称|标\s*题|题\s*目|名\s*称|title)\s*[:：]\s*(.+?)\s*$", re.I)
# Other fields of a header block (archive paths, links, publishers): never the report's title line.
_HEADER_OTHER = re.compile(r"^\s*(本地目录|原文链接|原文地址|链接|网址|url|栏目|发布机构|发文机关|来源|文号|索引号|"
                           r"发布时间|发布日期|成文日期|时间|日期|分类|主题分类)\s*[:：]", re.I)
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间)\s*(?:自|为|是|从|：|:)?\s*(20\d{2})\s*年")
_PUNCT_SPLIT = re.compile(r"[\s:：，,。;；、|/\\>»→()（）《》【】\[\]“”\"'_—–-]+")
_LEADING_WORDS = re.compile(r"^(关于|印发|公布|发布)|关于$")
# A notice that publishes the report: the agency is the one after the verb (「甲市人民政府办公室关于印发甲市2020年…
# 报告的通知」 is 甲市's report; 「关于公布乙局2020年…」 乙局's).
_PUBLISHED = re.compile(r"^.*?(?:关于)?(?:印发|公布|发布|转发)(?=.{2})")
_MAX_AGENCY = 40
_SHORT_LINE = 30  # characters: a line this short may be the first half of a broken title
_HEAD_LINES = 40  # title evidence is looked for among the first lines before part 一
_HEAD_CHARS = 400  # … and in their first characters (text dumps hold the whole report on one line)


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")


# A year in Chinese numerals, its zero often typed as a digit or a letter (二0二三年, 二０二三年, 二O二三年).
_HAN_DIGITS = str.maketrans("〇零○ＯO０一二三四五六七八九", "000000123456789")
_HAN_ZERO = "〇零○ＯO0０"
_HAN_YEAR = re.compile(rf"[二][{_HAN_ZERO}][{_HAN_ZERO}一二三四五六七八九]{{2}}(?=\s*年)")  # 二〇二〇年


@lru_cache(maxsize=65536)  # called on every line, several times; a report's lines repeat the template's
def to_simplified(text: str) -> str:
    """Text as metadata is matched: simplified characters, full-width digits as ASCII (２０２３年), a year
    written in Chinese numerals as digits (二〇二〇年 → 2020年). One character for one, so that a match can be
    cut from the text as written."""
    simple = _to_simplified(text)
    if _FULL_WIDTH_DIGIT.search(simple):  # (translate looks up every character: ~60 ns each, on whole openings)
        simple = simple.translate(_FULL_WIDTH_DIGITS)
    if "二" not in simple:  # what _HAN_YEAR starts with
        return simple
    return _HAN_YEAR.sub(lambda m: m.group().translate(_HAN_DIGITS), simple)


@dataclass
class Evidence:
    source: Source
    agency: str | None = None
    year: int | None = None


@dataclass
class Metadata:
    agency: str | None
    year: int | None
    date: str | None  # the closing date, ISO yyyy-mm-dd
    date_index: int | None  # index into lines of the date line that closes the report
    agency_source: Source | None = None
    year_source: Source | None = None
    agency_short: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    next_report: tuple[int, str] | None = None  # (index into lines, title) of a second report after this one

    def problems(self) -> list[str]:
        """Why a user should look at this report's agency or year: weak evidence, or sources that disagree."""
        out = []
        if self.agency is None:
            out.append("未能确定报告的机关名称")
        elif self.agency_source in WEAK_SOURCES:
            out.append(f"机关名称「{self.agency}」仅来自{_SOURCE_NAMES[self.agency_source]}")
        if self.year is None:
            out.append("未能确定报告的统计年度")
        elif self.year_source in WEAK_SOURCES:
            out.append(f"统计年度{self.year}仅来自文件名")
        if self.agency_source == OVERRIDE or self.year_source == OVERRIDE:
            return out  # the user said so
        agencies = {_key(e.agency): e for e in self.evidence if e.agency and e.source not in _NOT_TITLE}
        if len({short_name(a) for a in agencies}) > 1:
            named = "；".join(f"{_SOURCE_NAMES[e.source]}「{e.agency}」" for e in agencies.values())
            out.append(f"机关名称的来源不一致：{named}")
        years = {e.year: e for e in self.evidence if e.year and e.source in _YEAR_STATED}
        if len(years) > 1:
            named = "；".join(f"{_SOURCE_NAMES[e.source]}{y}" for y, e in years.items())
            out.append(f"统计年度的来源不一致：{named}")
        return out


_SOURCE_NAMES = {"title_line": "标题行", "header_title": "标题字段", "html_title": "网页标题", "period": "统计期限",
                 "signature": "落款", "compiler": "编制说明", "publisher": "发布机构字段", "breadcrumb": "当前位置", "file_name": "文件名", "site": "网站名称",
                 OVERRIDE: "reports.csv"}
_YEAR_STATED = frozenset({"title_line", "header_title", "html_title", "period"})  # not derived from a date


def find_metadata(lines: list[Line], parts: list[PartSpan], *, html_title: str | None = None,
                  file_name: str | None = None) -> Metadata:
    """Agency, statistics year and closing date from the strongest evidence, in EVIDENCE_ORDER."""
    # The closing date comes after the report's parts begin: a date above part 一 is a cover's or a header's.
    first = next((i for i, ln in enumerate(lines) if ln.number >= parts[0].start), len(lines)) if parts else 0
    following = _next_report(lines, parts)
    date, date_index = _closing_date(lines, first, following[0] if following else len(lines))
    head = _head(lines, parts)
    html_ev, site = _from_html_title(html_title)
    header = _header_title(head)
    evidence = [
        # A page's list of other reports is no title when the page's 名称/标题 field names the report.
        _from_title_lines([t for t in head if not _HEADER_FIELD.match(to_simplified(t))
                           and not _HEADER_OTHER.match(to_simplified(t))],
                          "title_line", listed_fallback=header.agency is None),
        header,
        html_ev,
        Evidence("period", year=_period_year(lines)),
        Evidence("signature", agency=_from_signature(lines, date_index),
                 year=int(date[:4]) - 1 if date else None),
        Evidence("compiler", agency=_compiler(lines, parts)),
        Evidence("publisher", agency=_publisher(head) or _publisher(_tail(lines)) or _publisher(_fields(html_title))),
        Evidence("breadcrumb", agency=_breadcrumb(head + ([html_title.rsplit("_", 1)[-1]] if html_title else []))),
        _from_file_name(file_name),
        site if site.agency or html_title else Evidence("site", agency=_copied_site(head)),
    ]
    assert [e.source for e in evidence] == list(EVIDENCE_ORDER)
    agency_ev = next((e for e in evidence if e.agency), None)
    year_ev = next((e for e in evidence if e.year), None)
    agency_ev = _departmental(agency_ev, evidence, lines) if agency_ev else None
    agency = _governed(_qualified(_parented(_placed(agency_ev.agency, evidence), evidence, lines), lines), evidence) \
        if agency_ev else None
    if agency and agency_ev.source not in _TITLE_SOURCES:  # a title's name is what the report calls itself
        agency = _unabbreviated(agency, evidence)
    return Metadata(
        agency=agency, year=year_ev.year if year_ev else None, date=date, date_index=date_index,
        agency_source=agency_ev.source if agency_ev else None, year_source=year_ev.source if year_ev else None,
        agency_short=short_name(agency) if agency else None, evidence=[e for e in evidence if e.agency or e.year],
        next_report=following,
    )


# A second report after the first in one file (a dump of two pages, a page carrying last year's report too):
# after the first report's last part begins, a title line of its own, no sentence and no quoted or attached
# title. The report ends there, and says so (index.extract); a file is read as one report.
_FOLLOWING_TITLE_CHARS = 60


def _next_report(lines: list[Line], parts: list[PartSpan]) -> tuple[int, str] | None:
    last = next((p for p in parts if p.numeral == "六"), parts[-1] if parts else None)
    if last is None or last.numeral not in ("五", "六"):
        return None
    for i, line in enumerate(lines):
        if line.number <= last.start:  # (tested first: cleaning every line of the report cost ~5% of extraction)
            continue
        text = _clean(line.text)
        if len(text) > _FOLLOWING_TITLE_CHARS or _PROSE.search(text) \
                or _ATTACHED.search(text) or not _TITLE_WORD.search(simple := to_simplified(text)):
            continue
        ev = next((ev for ev, listed in _titles([text], "title_line", False) if not listed), None)
        if ev is None or not ev.year or not re.search(r"报告|年报", simple) or not any(
                _BODY_OPENS.match(to_simplified(ln.text)) for ln in lines[i + 1:i + 1 + _FOLLOWING_BODY_LINES]):
            continue  # a link to another report (上一篇, 相关文章) has no body under it
        above = _clean(lines[i - 1].text) if i else ""
        if not ev.agency and _agency_candidate(above):  # the agency on its own line above the title
            return i - 1, above + text
        return i, text
    return None


_BODY_OPENS = re.compile(r"^\s*[一二三]\s*[、.．]\s*(?:总体情况|概述|主动公开|收到和处理)")
_FOLLOWING_BODY_LINES = 60


def override(meta: Metadata, agency: str | None, year: int | None) -> Metadata:
    """A user's correction (reports.csv) wins over what was read; an empty field keeps what was read."""
    if agency:
        meta.agency, meta.agency_source, meta.agency_short = agency, OVERRIDE, short_name(agency)
    if year:
        meta.year, meta.year_source = year, OVERRIDE
    return meta


# --- a user's corrections: reports.csv --------------------------------------------------------------------

CORRECTIONS_FILE = "reports.csv"  # in the corpus folder: columns file, agency, year (a header row first)
Correction = tuple[str | None, int | None]  # (agency, year); None keeps what was read


@dataclass
class Corrections:
    """A corpus folder's reports.csv: (agency, year) by file, and what in it could not be used."""

    by_file: dict[str, Correction] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)  # one line each, for the user

    def get(self, relative: str) -> Correction | None:
        """The correction for a file by its path relative to the corpus folder (a bare file name in
        reports.csv matches that file anywhere below the folder)."""
        found = self.by_file.get(relative) or self.by_file.get(Path(relative).name)
        return found if found and (found[0] or found[1]) else None


def read_corrections(folder: Path) -> Corrections:
    """FOLDER/reports.csv (UTF-8 or Excel's GB18030; a header row naming file, agency, year). No file: no
    corrections; an unreadable file or row: named in problems, the rest used."""
    path = Path(folder) / CORRECTIONS_FILE
    out = Corrections()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return out
    except OSError as err:
        out.problems.append(f"{CORRECTIONS_FILE}: cannot be read ({err.strerror or err})")
        return out
    text = next((t for t in (_decoded(data, c) for c in ("utf-8-sig", "gb18030")) if t is not None), None)
    if text is None or "\x00" in text:
        out.problems.append(f"{CORRECTIONS_FILE}: not a CSV text file (UTF-8 or GB18030)")
        return out
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as err:
        out.problems.append(f"{CORRECTIONS_FILE}: not readable as CSV ({err})")
        return out
    if rows and "file" not in {(k or "").strip().lower() for k in rows[0]}:
        out.problems.append(f"{CORRECTIONS_FILE}: the first row must name the columns file, agency, year")
        return out
    for n, row in enumerate(rows, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items() if isinstance(v, str)}
        name = row.get("file", "").replace("\\", "/").strip("/")
        written = row.get("year", "")
        year = _year(m.group(1)) if (m := re.fullmatch(r"(\d{4})\s*年?度?", written)) else None
        if written and year is None:
            out.problems.append(f"{CORRECTIONS_FILE} line {n}: year 「{written}」 is not a year; that row's year ignored")
        if name:
            out.by_file[name] = (row.get("agency") or None, year)
    return out


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


# --- evidence ---------------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _SPACES.sub("", text.strip().lstrip("#"))


# Spaces, and what copies out of WeChat and apps put among the words: emoji and pictographs (📢 before a
# title), zero-width characters, variation selectors. None is ever part of a name.
_SPACES = re.compile("[\\s\u200b-\u200d\u2060\ufe0f\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]+")


def _head(lines: list[Line], parts: list[PartSpan]) -> list[str]:
    """The lines before part 一 (or the first lines when parts were not found), cut short, markdown markup
    taken out: the first _HEAD_LINES (a header block, the title) and the last _HEAD_LINES before part 一
    (the title under a page's menus, which a text dump gives one item a line)."""
    # Up to part 一's heading, by line number (a re-lined text dump gives several lines the same number).
    first_part = next((i + 1 for i, ln in enumerate(lines) if parts and ln.number == parts[0].start
                       and ln.text.strip().lstrip("#").strip().startswith(parts[0].title)), None)
    if first_part is None:
        first_part = next((i for i, ln in enumerate(lines) if parts and ln.number > parts[0].start), len(lines))
    before = lines[:first_part] if parts else lines[:_HEAD_LINES]
    if len(before) > 2 * _HEAD_LINES:  # counted in lines with text: a PDF's text copy has a blank line between two
        before = [ln for ln in before if ln.text.strip()]
    if len(before) > 2 * _HEAD_LINES:
        before = before[:_HEAD_LINES] + before[-_HEAD_LINES:]
    head = []
    for ln in before:
        text = ln.text.strip().lstrip("#").strip()
        if len(text) > 2 * _HEAD_CHARS:  # a dump's one line: its start, and its end where part 一 follows
            text = text[:_HEAD_CHARS] + " " + text[-_HEAD_CHARS:]
        text = _unmarked(text).lstrip("#").strip()
        if text:
            head.append(text)
    return head


# Markdown a page saved as markdown carries: an image (the logo, an icon before the title) says nothing; a
# link says its text.
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")


def _unmarked(text: str) -> str:
    if "](" not in text:
        return text
    return _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text)).strip()


def _from_title_lines(head: list[str], source: Source, *, lines_above: bool = True,
                      listed_fallback: bool = True) -> Evidence:
    """The report's own title in the head: its year, and the agency before the year (甲市财政局2020年…), after
    it (2020年甲市财政局政府信息公开…) or on a line of its own above (沙河, 济南). A sentence that mentions a
    report (「根据《…关于编制公布2021年政府信息公开工作年度报告有关事项的通知》」) is no title. A page's list of
    other reports (its side column, 上一篇/下一篇: items marked or dated, or other offices' titles line after
    line) stands before the report's title, not between it and the body: of several titles the last one not
    listed is the report's, an earlier one of the same year lending its agency when it names none. When every
    title is listed, the last one is taken only if `listed_fallback`."""
    found = _titles(head, source, lines_above)
    if not found:
        return _yearless_title(head, source)
    if all(listed for _, listed in found):
        # Every dated title a list (a page saved a year on: its side list holds the offices' next reports),
        # the report's own title yearless after them: that one names the agency, the year is the text's.
        last = max(k for k, t in enumerate(head) if _TITLE_YEAR.search(to_simplified(t)))
        if (after := _yearless_title(head[last + 1:], source)).agency:
            return after
    own = [ev for ev, listed in found if not listed] or ([ev for ev, _ in found] if listed_fallback else [])
    if not own:
        return Evidence(source)
    ev = own[-1]
    if ev.agency is None:
        ev.agency = next((e.agency for e in reversed(own) if e.agency and e.year == ev.year), None)
    return ev


# A title without its year (甲市财政局政府信息公开工作年度报告): the year is the statistics period's.
_YEARLESS_TITLE = re.compile(r"(.{0,40}?)(?:关于)?(?:本年度|年度)?(?:政府信息公开|政务公开)工作(?:年度)?(?:报告|年报)")


def _yearless_title(head: list[str], source: Source) -> Evidence:
    """A line that is a title without a year, the last one naming an agency (on it or on the line above)."""
    for k in range(len(head) - 1, -1, -1):
        line = _clean(head[k])
        bare = _BARE_YEAR.fullmatch(line)  # 「2023甲县财政局政府信息公开…报告」, 「…年度报告2023」: the year without 年
        if bare:
            line = bare.group(2) or bare.group(3)
        simple = to_simplified(line)
        m = _YEARLESS_TITLE.fullmatch(simple)
        if not m or len(simple) != len(line):
            continue
        agency = _agency_candidate(line[:m.end(1)]) if m.group(1) else \
            _agency_candidate(head[k - 1]) if k else None
        if agency:
            return Evidence(source, agency=agency, year=_year(bare.group(1) or bare.group(4)) if bare else None)
    return Evidence(source)


_BARE_YEAR = re.compile(r"(20\d{2})\s*(?![年\d\s])(\D.*)|(.*\D)(?<![年\d\s])\s*(20\d{2})")


_WRAPPED_LINES = 4  # lines a title broken by a narrow column may take
_WRAPPED_CHARS = 80
# An item of a list of links: a list mark, or a neighbouring report named as such.
_LIST_ITEM = re.compile(r"^(?:[-*+•·▪►◆●○]\s*|\d{1,2}[.、．)]\s+|(?:上一篇|下一篇|上一条|下一条|相关\S{0,4})\s*[:：])")
_DATE_ONLY = re.compile(r"^[\[【(（]?\s*(?:20\d{2}[-/.]\d{1,2}[-/.]\d{1,2}|20\d{2}年\d{1,2}月\d{1,2}日)\s*[\]】)）]?$")
_DATED = re.compile(r"[\s\[【(（](?:20\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}\s*[\]】)）]?$")


def _titles(head: list[str], source: Source, lines_above: bool) -> list[tuple[Evidence, bool]]:
    """Every title in the head, in order, each with whether it is an item of a list (a mark before it, a
    date after it on its line or on the next)."""
    found: list[tuple[Evidence, bool]] = []
    spans: list[tuple[int, int]] = []
    k = 0
    while k < len(head):
        end = _title_block(head, k) if lines_above else k + 1
        text = "".join(head[k:end])
        ev = _title_in(text, head, k, source, lines_above)
        if ev is None:
            k += 1
            continue
        after = head[end] if end < len(head) else ""
        # A bare title, the agency alone on the line under it; never the addressee (主送机关) a report to its
        # superior names there (「市政府办公厅：」).
        if ev.agency is None and lines_above and not _PROSE.search(after) and not after.rstrip().endswith(("：", ":")) \
                and (below := _agency_candidate(after)):
            ev = Evidence(source, agency=below, year=ev.year)
        listed = bool(_LIST_ITEM.match(head[k]) or _DATED.search(head[end - 1]) or _DATE_ONLY.match(after))
        # Titles of other reports one after the other, each naming its agency: an undated list.
        if found and spans[-1][1] == k and ev.agency and found[-1][0].agency \
                and (_key(ev.agency), ev.year) != (_key(found[-1][0].agency), found[-1][0].year):
            found[-1] = (found[-1][0], True)
            listed = True
        found.append((ev, listed))
        spans.append((k, end))
        k = end  # a broken title's pieces are no titles of their own
    return found


_LISTED_MIN = 3  # titles of different reports on a page without a report: a column page listing them


def listed_reports(lines: list[Line]) -> list[str]:
    """The reports a page without a report of its own lists (a column page of 年报 saved instead of the
    report's page), each as its agency and year; [] when fewer than _LISTED_MIN different ones."""
    named = titled_reports(lines)
    return named if len(named) >= _LISTED_MIN else []


def titled_reports(lines: list[Line]) -> list[str]:
    """The reports whose titles stand among the first lines, each as its agency and year, in order."""
    head = [t for ln in lines[:4 * _HEAD_LINES] if (t := ln.text.strip())]
    return list(dict.fromkeys(f"{ev.agency}{ev.year}年" for ev, _ in _titles(head, "title_line", lines_above=False)
                              if ev.agency and ev.year))


def listing_refusal(listed: list[str]) -> str:
    """Why a page that lists reports is refused, naming the first few (its file's reader or extraction says it)."""
    return f"not a report but a page listing {len(listed)} reports ({'、'.join(listed[:3])}…): save or open the " \
           f"report's own page"


# A file the page links to as the report itself (附件：甲县2023年…年度报告.pdf): a page with no report of its own
# whose text names such an attachment holds the report only there.
_ATTACHED = re.compile(r"([^\s:：，,。；;（）()<>《》“”\"'|]{2,80}?\.(?:pdf|docx?|wps|xlsx?|ofd|zip|rar))(?![A-Za-z])",
                       re.I)


def attached_report(lines: list[Line]) -> str | None:
    """The name of the attached file a page without a report links to, when one is named: the report's title
    with a document suffix, or any document file after 附件."""
    named = [m.group(1) for ln in lines for m in _ATTACHED.finditer(ln.text)]
    return next((n for n in named if _TITLE_WORD.search(to_simplified(n))), None) or \
        next((m.group(1) for ln in lines if "附件" in ln.text for m in _ATTACHED.finditer(ln.text)), None)


def attachment_refusal(name: str) -> str:
    """Why a page whose report is an attachment is refused: the report is in the file it names."""
    return f"not the report but a page linking to it as an attachment ({name}): open or save that file"


# A CMS's pager under one page of an article it cut into pages: 「第1页　共3页　首页 上一页 1 2 3 下一页 尾页」. A
# PDF's page footers (第1页 共6页) are no pager: they come once a page, with no 上一页/下一页 beside them.
_PAGER = re.compile(r"第\s*(\d{1,2})\s*页\s*[，,、/]?\s*共\s*(\d{1,2})\s*页")
_PAGER_LINKS = re.compile(r"上一页|下一页|尾页|末页")


def cms_page(lines: list[Line]) -> tuple[int, int] | None:
    """(k, m) when the file is page k of an article its site paged into m (m ≥ 2): its one pager, with the
    pager's links on its line or the lines beside it."""
    texts = [ln.text for ln in lines]
    found = {(int(m.group(1)), int(m.group(2))): k for k, t in enumerate(texts) if "页" in t
             for m in _PAGER.finditer(t)}
    if len(found) != 1:
        return None
    (page, pages), at = next(iter(found.items()))
    near = " ".join(texts[max(0, at - 1):at + 2])
    return (page, pages) if 1 <= page <= pages and pages >= 2 and _PAGER_LINKS.search(near) else None


def cms_page_said(page: tuple[int, int]) -> str:
    """What a warning says of a file that is one page of a paged article."""
    return f"第{page[0]}页，共{page[1]}页：报告的其余部分在网站的其他分页上，本文件只有这一页"


def cms_page_refusal(page: tuple[int, int]) -> str:
    """Why one page of a paged article with none of the template's numbers is refused."""
    return f"page {page[0]} of {page[1]} of an article its site cut into pages, without the report's tables: " \
           f"the rest of the report is on the other pages; save every page, or the article's print view"


# A title's first line broken before its report word: the year and the disclosure words, nothing after
# (「…2024年度政府信息公开工作情况的报告」 is whole: its report word is on it).
_TITLE_OPEN = re.compile(r"20\d{2}\s*年\s*度?\s*(?:政府信息公开|政务公开|信息公开)(?:(?!报告|年报)[^。，,；;《》]){0,8}$")


def _title_block(head: list[str], k: int) -> int:
    """The end of the title that starts at head[k]: the line alone, or with the short lines after it when
    the title is broken over them (「平潭综合实验区2019年」「政府信息公开工作年度报告」, 「沙河市城市管理综合行」「政执法局
    2020年政」「府信息公开工作年度报告」). A menu line (navigation words, no year) starts no title."""
    simple = to_simplified(head[k])
    if _TITLE_OPEN.search(simple) and k + 1 < len(head) and len(head[k + 1]) <= _SHORT_LINE \
            and _TITLE_YEAR.search(simple + to_simplified(head[k + 1])):
        return k + 2  # 「甲市财政局2020年政府信息公开工作」「年度报告」: a long first line, the year on it
    if _TITLE_YEAR.search(simple) or len(head[k]) > _SHORT_LINE or (
            _NAV_WORDS.search(simple) and not re.search(r"20\d{2}", simple)):
        return k + 1
    end, size = k + 1, len(head[k])
    while end < len(head) and end - k < _WRAPPED_LINES and len(head[end]) <= _SHORT_LINE \
            and size + len(head[end]) <= _WRAPPED_CHARS and not _TITLE_YEAR.search(to_simplified(head[end])):
        size += len(head[end])
        end += 1
        if _TITLE_YEAR.search(to_simplified("".join(head[k:end]))):
            return end
    return k + 1


# The disclosure words before the year, the title's year standing before 年度报告 at its end.
_WORDS_BEFORE = re.compile(r"(?:政府信息公开|政务公开|信息公开)(?:工作)?\s*$")


def _title_in(text: str, head: list[str], k: int, source: Source, lines_above: bool) -> Evidence | None:
    """The title in one line (or a broken title's lines joined): the last one when the line holds several
    (a dump's one line: the page's list of other reports, then the report's title and its body)."""
    simple = to_simplified(text)
    if (quoted := _QUOTED_TITLE.fullmatch(simple)) and (agency := _agency_candidate(
            _written(text, simple, quoted.start(1), quoted.end(1)))):
        return Evidence(source, agency=agency, year=_year(quoted.group(2)))
    found = None
    for m in _TITLE_YEAR.finditer(simple):
        words = _TITLE_WORD.search(simple, m.end(), m.end() + 40)
        lead = _WORDS_BEFORE.search(simple, 0, m.start())  # 「甲县公安局政府信息公开工作2023年度报告」
        if (not words and not lead and "年报" not in simple[m.end():m.end() + 12]) or _PROSE.search(simple[:m.start()]) \
                or _MENTION.match(simple, m.end(2)) or _SENTENCE_GOES_ON.match(simple, m.end(2)) \
                or _CLAUSE_CLOSED.match(simple, m.end(2)):
            continue
        agency = _agency_before(text, simple, lead.start() if lead else m.start())
        if agency is None and words:  # 「2023年度 | 甲县财政局政府信息公开…」: the agency after the year
            agency = _agency_candidate(_written(text, simple, m.end(), words.start()).lstrip(_TITLE_SEPARATORS))
        if agency is None and (after := _AGENCY_AFTER.match(simple, m.end(2))):  # 「…年度报告（甲县财政局）」
            agency = _agency_candidate(_written(text, simple, after.start(1), after.end(1)))
        if agency is None and lines_above:
            for prev in reversed(head[max(0, k - 3):k]):
                agency = _agency_candidate(prev)
                if agency or _NAV_WORDS.search(to_simplified(prev)):
                    break  # a breadcrumb or menu line: what stands above it is the page's, not the title's
        found = Evidence(source, agency=agency, year=_year(m.group(1)))
    if found is not None:
        return found
    m = _TITLE_YEAR_AFTER.search(simple)
    if m and not _PROSE.search(simple[:m.start()]):
        return Evidence(source, agency=_agency_before(text, simple, m.start()), year=_year(m.group(1)))
    return None


_TITLE_SEPARATORS = " \t\u3000|｜:：·•-—_/"
# The agency before its report's title in book-title marks: 「甲县财政局《2023年政府信息公开工作年度报告》」.
_QUOTED_TITLE = re.compile(r"\s*([^《》，,。；;：:\s]{2,40}?)\s*《\s*(20\d{2})\s*年\s*度?[^《》]{0,40}?(?:报告|年报)\s*》\s*")
_AGENCY_AFTER = re.compile(r"\s*[（(【〔]\s*([^（()）【】〔〕\d]{2,40}?)\s*[）)】〕]\s*$")  # the agency bracketed after the title
_CITY_UNITS = ("自治州", "地区", "市", "州", "盟")
_OPENING_CHARS = 3000  # the report's opening, where it names itself in full (「本报告由淮安市洪泽区人民政府办公室…」)


def _placed(agency: str, evidence: list[Evidence]) -> str:
    """An agency named without the places above it (黄集街道办事处, 洪泽区人民政府) takes them from another source
    that names the same agency with them (来源：洪泽区黄集街道办事处): a town's or district's name repeats
    across the country, and the report's own page says whose it is."""
    name = _simple_clean(agency)
    for e in evidence:
        other = _simple_clean(e.agency) if e.agency else ""
        if len(other) > len(name) and other.endswith(name):
            places, rest = _places(other[:len(other) - len(name)])
            if places and not rest:
                return _clean(e.agency)[:len(other) - len(name)] + _clean(agency)
    return agency


_PARENT_SOURCES: tuple[Source, ...] = ("publisher", "breadcrumb", "site", "signature", "compiler", "header_title",
                                       "html_title")
_COUNTY_UNITS = "县区市旗"


def _parented(agency: str, evidence: list[Evidence], lines: list[Line]) -> str:
    """An agency its title names without its county (县教育局: the county's site calls its departments so) or
    a town or street without the county it belongs to (鸣皋镇人民政府) takes its county from the report's own
    text where that writes the name in full (栾川县教育局 in its 落款), else from the government the page
    belongs to: its publisher field, breadcrumb, site name or footer (栾川县人民政府, 伊川县人民政府办公室)."""
    simple = _simple_clean(agency)
    places, _ = _places(simple)
    bare = not places and len(simple) > 2 and simple[0] in _COUNTY_UNITS
    town = bool(places) and _town(places[0])
    if not (bare or town) or len(simple) != len(_clean(agency)):
        return agency
    if bare and (named := _named_in_full(simple, lines)):
        return named + _clean(agency)[1:]
    for e in evidence:
        if e.source not in _PARENT_SOURCES or not e.agency:
            continue
        parents, _ = _places(_simple_clean(e.agency))
        if bare:
            at = max((k for k, p in enumerate(parents) if p[-1] == simple[0] and not _town(p)), default=None)
            if at is not None:
                return "".join(parents[:at + 1]) + _clean(agency)[1:]
        elif parents and not any(_town(p) for p in parents):
            return "".join(parents) + _clean(agency)
    return agency


_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")


def _town(place: str) -> bool:
    return place.endswith(("镇", "乡", "街道"))


def _named_in_full(simple: str, lines: list[Line]) -> str | None:
    """The county before a bare 县教育局 where the text writes it (栾川县教育局): the longest run of place
    names before the unit."""
    rest = simple[1:]
    for line in reversed(lines):  # the 落款 and footer stand last
        text = _simple_clean(line.text)
        at = text.find(rest)
        while at > 0:
            if text[at - 1] == simple[0]:
                for start in range(max(0, at - 10), at - 1):
                    places, left = _places(text[start:at])
                    if places and not left and _HAN_ONLY.fullmatch(text[start:at]) \
                            and not _NAV_WORDS.search(text[start:at]):
                        return text[start:at]
            at = text.find(rest, at + 1)
    return None


def _qualified(agency: str, lines: list[Line]) -> str:
    """A district or county agency named in its title without its city (洪泽区人民政府) takes the city from
    the report's own opening when the report writes it there in full (淮安市洪泽区人民政府办公室): names of
    districts and counties repeat across the country, a city's do not."""
    simple = to_simplified(_clean(agency))
    places, _ = _places(simple)
    if not places or places[0][-1] not in "区县旗" or len(simple) != len(_clean(agency)):
        return agency
    pieces, size = [], 0
    for line in lines:  # the opening first: the name is looked for there
        pieces.append(_simple_clean(line.text))
        size += len(pieces[-1])
        if size >= _OPENING_CHARS:
            break
    opening = "".join(pieces)
    text: str | None = None
    at = opening.find(simple, 0, _OPENING_CHARS)
    while at >= 0:
        if any(opening.endswith(unit, 0, at) for unit in _CITY_UNITS):
            if text is None:  # the whole text, only when a city may stand before the name: its names are counted
                text = opening + "".join(_simple_clean(line.text) for line in lines[len(pieces):])
            city = _city_before(text, at)
            if city:
                return city + _clean(agency)
        at = opening.find(simple, at + 1, _OPENING_CHARS)
    return agency


# How a department's report speaks of itself (我局, 本委, 我办 …) and the name endings each word stands for.
_SELF_UNIT = re.compile(r"[我本](局|委|办|馆|院|中心|站|所|队|社|台|校)")
_UNIT_ENDINGS = {"局": ("局",), "委": ("委", "委员会"), "办": ("办", "办公室"), "馆": ("馆",), "院": ("院",),
                 "中心": ("中心",), "站": ("站",), "所": ("所",), "队": ("队",), "社": ("社",), "台": ("台",),
                 "校": ("校", "学")}
_SELF_MENTIONS = 2


def _departmental(chosen: Evidence, evidence: list[Evidence], lines: list[Line]) -> Evidence:
    """A government's name taken for a department's report: the portal's banner (甲县人民政府) standing above a
    bare title, while the page's 发布机构 names one of the county's departments (甲县自然资源局) and the report
    speaks of itself as that department does (我局 …) — the department's then. A government's own report says
    本机关/我县, and its office that puts it online is no 局."""
    places, rest = _places(_simple_clean(chosen.agency))
    named = next((e for e in evidence if e.source == "publisher" and e.agency), None)
    publisher = _simple_clean(named.agency) if named else ""
    place = "".join(places)
    if not places or rest not in ("人民政府", "政府") or not publisher.startswith(place) \
            or _GOVERNMENT_OF.fullmatch(publisher[len(place):]) or len(publisher) == len(place):
        return chosen
    said = {}
    for line in lines:
        for m in _SELF_UNIT.finditer(line.text):
            said[m.group(1)] = said.get(m.group(1), 0) + 1
    unit = max(said, key=said.get, default=None)
    return named if unit and said[unit] >= _SELF_MENTIONS and publisher.endswith(_UNIT_ENDINGS[unit]) else chosen


_TITLE_SOURCES = frozenset({"title_line", "header_title", "html_title"})


def _unabbreviated(agency: str, evidence: list[Evidence]) -> str:
    """An agency named by its abbreviation (发布机构：县卫健委, read as 甲县卫健委) takes the full name another source
    of the page gives the same place's office (the breadcrumb's 甲县卫生健康委员会): the abbreviation's characters
    stand in the full name in order, the first the same, but not as one run (甲县财政局 is no abbreviation of
    甲县财政局办公室). Only for a name the page gave (发布机构, breadcrumb …): a title naming the office otherwise
    (a renamed office's old name, 文化和旅游局 beside 文化广电和旅游局) is kept as the report writes it."""
    places, rest = _places(_simple_clean(agency))
    if not places or len(rest) < 2:
        return agency
    for e in evidence:
        other_places, other = _places(_simple_clean(e.agency)) if e.agency else ([], "")
        if other_places == places and len(other) > len(rest) and other[0] == rest[0] and rest not in other \
                and _in_order(rest, other):
            return _clean(e.agency)
    return agency


def _in_order(short: str, full: str) -> bool:
    it = iter(full)
    return all(ch in it for ch in short)


_OWN_WORDS: frozenset[Source] = frozenset({"compiler", "signature"})  # what the report says of itself
_GOVERNMENT_OF = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅|办)?")


def _governed(agency: str, evidence: list[Evidence]) -> str:
    """A report titled with its place alone (「商丘市2024年政府信息公开工作年度报告」: a city's combined report of
    its departments) is that place's government's when the report itself says so: compiled by the government
    or its office (「本报告由商丘市人民政府办公室…编制」) or signed by it. The page's 来源 alone is who put it
    online and decides nothing; a zone's report (平潭综合实验区) names no 人民政府."""
    simple = _simple_clean(agency)
    places, rest = _places(simple)
    if not places or rest or len(simple) != len(_clean(agency)):
        return agency
    for e in evidence:
        other = _simple_clean(e.agency) if e.agency and e.source in _OWN_WORDS else ""
        if other.startswith(simple) and _GOVERNMENT_OF.fullmatch(other[len(simple):]):
            return _clean(agency) + "人民政府"
    return agency


@lru_cache(maxsize=65536)  # a report's opening, line by line: its short lines (table cells) recur in every report
def _simple_clean(text: str) -> str:
    return to_simplified(_clean(text))


def _city_before(text: str, end: int) -> str | None:
    """The city name that ends at text[end] (淮安市), or None. Its length is what the document agrees on:
    two characters before the unit, longer only while the longer form is as frequent (石家庄市, not
    由淮安市)."""
    for unit in _CITY_UNITS:
        if not text.endswith(unit, 0, end):
            continue
        stem_end = end - len(unit)
        best = None
        for size in range(2, 6):
            if stem_end - size < 0 or not all("\u4e00" <= ch <= "\u9fff" for ch in text[stem_end - size:stem_end]):
                break
            name = text[stem_end - size:end]
            if best is not None and text.count(name) < text.count(best):
                break
            best = name
            if text.count(name) < 2:
                break  # one mention does not tell a longer name from the word before it
        if best and not _NAV_WORDS.search(best):
            return best
    return None


def _written(text: str, simple: str, start: int, end: int) -> str:
    """simple[start:end] as written in text (traditional characters kept) when the two align."""
    return text[start:end] if len(text) == len(simple) else simple[start:end]


def _agency_before(text: str, simple: str, end: int) -> str | None:
    """The agency name right before a title's year: the last chunk between separators, as written."""
    before = simple[:end]
    chunks = [c for c in _PUNCT_SPLIT.split(before) if c]
    while chunks and not _LEADING_WORDS.sub("", chunks[-1]):
        chunks.pop()  # 「济南市城市管理局 关于2020年度…的报告」 on one line: the agency is before 关于
    if not chunks:
        return None
    last = chunks[-1]
    start = before.rfind(last)
    # 「甲县财政局（甲县国有资产监督管理局）2023年…」: the office's second name (挂牌) in brackets; the first is its name
    if (two := _SECOND_NAME.search(before)) and _agency_candidate(two.group(2)) \
            and (first := _agency_candidate(_written(text, simple, two.start(1), two.end(1)))):
        return first
    return _agency_candidate(_written(text, simple, start, start + len(last)))


_SECOND_NAME = re.compile(r"([^\s（()）:：，,。；;|]{2,40})[（(]([^（()）]{2,40})[)）]\s*$")


# An official document's letterhead (红头) names the agency with 文件 after it: 「甲市财政局文件」.
_LETTERHEAD = re.compile(r"(?<=[局委办厅院府会部室])文件$")


# A notice publishing the agency's own report: the verb ends the text before the title's year (「甲县城市管理局
# 关于公布2023年…报告的公告」, 「甲县审计局发布2023年度…」): the name before it is the agency, none follows the verb.
_OWN_NOTICE = re.compile(r"(?<=.{2})(?:关于)?(?:印发|公布|发布|转发)$")


def _agency_candidate(text: str) -> str | None:
    """An agency name, or None when the text is not one (navigation words, too long, no agency ending)."""
    cleaned = _OWN_NOTICE.sub("", _clean(text))
    name = _LETTERHEAD.sub("", _LEADING_WORDS.sub("", _PUBLISHED.sub("", cleaned)).strip("：:　")).strip("—－-─")  # ——甲局
    simple = to_simplified(name)
    if not (2 <= len(name) <= _MAX_AGENCY) or _NAV_WORDS.search(simple) or _DATE.search(simple) \
            or ":" in simple or "：" in simple:  # a field (发布部门：…) is no name
        return None
    if re.search(r"[0-9]", simple) or not _AGENCY_SUFFIX.search(simple) or _WHOLE_PLACE.fullmatch(simple) \
            or _SELF.fullmatch(simple):
        return None
    site = _SITE_BEFORE.match(simple)
    if site and simple[site.end():].startswith(site.group(1)) and _AGENCY_SUFFIX.search(simple[site.end():]):
        return name[site.end():]  # the site's name run into the title: 「甲县人民政府甲县民政局」 is 甲县民政局's
    return name


# A government's name (a site's) before a department of the same place, run together in a title line.
_SITE_BEFORE = re.compile(r"^(.{2,10}?[省市县区旗])(?:人民政府|政府)")


agency_name = _agency_candidate  # for readers: whether a heading names an agency alone


# 「全县2019年…」「本区…」: the place the report speaks of, no name of an agency.
_WHOLE_PLACE = re.compile(r"[全本我该][省市县区旗镇乡]")
# 「来源：本站」「本机关」「我局」: a page or a report speaking of itself, no name of an agency.
_SELF = re.compile(r"[本我该](?:站|网|网站|机关|单位|部门|局|委|办|院|馆|所|处|厅|会|队|中心|政府)")


def _header_title(head: list[str]) -> Evidence:
    # Matched in simplified characters (名稱：…), cut from the line as written (one character for one).
    titles = [t[m.start(1):m.end(1)] for t in head if (m := _HEADER_FIELD.match(to_simplified(t)))]
    ev = _from_title_lines(titles, "header_title")
    return ev


def _from_html_title(title: str | None) -> tuple[Evidence, Evidence]:
    """<title> is 「report title_column_site」 or 「site - report title」: each piece is tried as a title on its
    own (pieces are fields, not a title broken over lines). The other pieces' agency is the site's name:
    evidence of its own, the weakest."""
    if not title:
        return Evidence("html_title"), Evidence("site")
    pieces = [p for p in re.split(r"\s*(?:_|\||-{1,2}|—+|–)\s*", title) if p.strip()]
    ev = _from_title_lines(pieces, "html_title", lines_above=False)
    site = next((a for p in pieces if not _TITLE_YEAR.search(to_simplified(p)) and (a := _agency_candidate(p))), None)
    return Evidence("html_title", agency=ev.agency, year=ev.year), Evidence("site", agency=site)


# A field of the page above the report naming who published it: 发布机构：甲市财政局, 来源：…, 信息来源：…, up
# to the next field when the page runs its fields together (「来源：甲市财政局发布时间：2021-01-25」).
# A 政府网站集约化平台's 信息公开 table copied as text has its label in a cell of its own (「发文机关\t甲县教育局」).
# The labels of a page's field naming who published or provided the item (the one list: index.readers.html
# keeps such fields as evidence). Longer words first: 信息来源单位 before 信息来源 before 来源.
PUBLISHER_LABELS: tuple[str, ...] = (
    "发布机构", "发布机关", "发布单位", "发布部门", "发布主体", "发布者", "发文机关", "发文机构", "发文单位", "制发机关",
    "信息来源单位", "信息提供单位", "信息来源", "来源单位", "来源", "供稿单位", "公开主体", "公开单位", "公开责任部门",
    "责任部门", "责任单位", "所属机构", "作者")
_LABELS = "|".join(PUBLISHER_LABELS)
_PUBLISHER = re.compile(rf"(?:{_LABELS})(?:\s*[:：]\s*|\t\s*)([^\s:：|｜]{{2,40}}?)"
                        r"(?=[\s:：|｜]|发布|时间|日期|浏览|点击|阅读|字号|作者|编辑|$)")
# A WeChat article's byline copied under its title: 「原创 甲县卫生健康局 健康甲县 2024年01月19日 18:00 浙江」 (原创, the
# account's name, its nickname, the date and time, the province): the account's name is who published it.
_BYLINE = re.compile(r"^(?:原创\s+)?(\S{2,40})\s+(?:\S{2,20}\s+)?20\d{2}(?:[-/.]\d{1,2}[-/.]\d{1,2}|年\d{1,2}月\d{1,2}日)"
                     r"\s+\d{1,2}:\d{2}(?:\s+\S{2,8})?$")


_TAIL_LINES = 8  # a page's fields printed under its article (发布机构/发布日期 after the report) stand here


def _tail(lines: list[Line]) -> list[str]:
    """The last lines with text: where a CMS that prints its fields under the article puts 发布机构."""
    return [t for ln in lines[-3 * _TAIL_LINES:] if (t := ln.text.strip()) and len(t) <= _HEAD_CHARS][-_TAIL_LINES:]


def _copied_site(head: list[str]) -> str | None:
    """A page's text copy that starts with the site's name (an agency's name alone) over its menus or
    breadcrumb: that site's name, as a page's <title> would give it (weak: a department's own site names it)."""
    if len(head) < 2 or not any(_NAV_WORDS.search(to_simplified(t)) for t in head[1:4]):
        return None
    return _agency_candidate(head[0]) if len(head[0]) <= _MAX_AGENCY else None


def _publisher(head: list[str]) -> str | None:
    """The agency a publisher field names, the first one that is an agency's name (its value on the field's
    line, or on the next line when a meta table was copied a cell a line: 「发布机构：」 then 「甲县财政局」)."""
    for k, text in enumerate(head):
        simple = to_simplified(text)
        for m in _PUBLISHER.finditer(simple):
            agency = _agency_candidate(_written(text, simple, m.start(1), m.end(1)))
            if agency:
                return agency
        if k + 1 < len(head) and _LABEL_ALONE.fullmatch(simple) and (agency := _agency_candidate(head[k + 1])):
            return agency
        if (m := _BYLINE.match(simple)) and (agency := _agency_candidate(_written(text, simple, m.start(1), m.end(1)))):
            return agency
    return None


def _fields(html_title: str | None) -> list[str]:
    """The pieces of a page's title line (index.readers.html) that are its fields (「来源：甲县民政局」, from the
    CMS's ContentSource meta)."""
    return [p for p in (html_title or "").split("_") if _PUBLISHER_LABEL.match(to_simplified(p))]


_PUBLISHER_LABEL = re.compile(rf"\s*(?:{_LABELS})\s*[:：]\s*")
# The label alone on its line, its colon or not (a meta table copied a cell a line: 「发文机关」 then 「甲县教育局」).
_LABEL_ALONE = re.compile(rf"\s*(?:{_LABELS})\s*[:：]?\s*")


# A 当前位置 line, or a breadcrumb copied without its mark: 「首页 > 部门信息公开 > 甲县港口管理局 > 年报」.
_CRUMB = re.compile(r"^\s*(?:(?:当前位置|您的位置|你的位置|您现在的位置|所在位置|您当前的位置|位置)\s*[:：]\s*(.+)|"
                    r"((?:网站首页|首页|主页)\s*(?:>+|＞+|»|›|→)\s*.+))$")
_CRUMB_SPLIT = re.compile(r"\s*(?:>+|＞+|»|›|→|/|\\)\s*")


def _breadcrumb(head: list[str]) -> str | None:
    """The deepest piece of a 当前位置 line that is an agency's name."""
    for text in head:
        if m := _CRUMB.match(text):
            for piece in reversed(_CRUMB_SPLIT.split(m.group(1) or m.group(2))):
                if agency := _agency_candidate(piece):
                    return agency
    return None


# The opening's sentence naming who compiled the report: 「本报告由甲县人民政府办公室根据《条例》…编制」,
# 「本年度报告根据《条例》要求，由甲市财政局编制」: the name after 由, up to the word that follows a name there.
_COMPILED = re.compile(r"由([^，,。；;：:、（(《“「\s]{2,40}?)(?=根据|依据|按照|依照|参照|结合|负责|汇总|编制|编写)")
# A sentence starts at the text's start or after a sentence's end (the look-behind: tried at every other
# position, the pattern scanned the rest of the sentence from each, ~100 us an opening).
_COMPILER_SENTENCE = re.compile(r"(?<![^。；;！!？?])[^。；;！!？?]*报告[^。；;！!？?]*编[制写][^。；;！!？?]*")


def _compiler(lines: list[Line], parts: list[PartSpan]) -> str | None:
    """The agency the report's opening (up to part 二's line: a dump's one line holds it all) says compiled
    it, or None."""
    end = next((p.start for p in parts if p.numeral != "一"), None)
    text, size = [], 0
    for line in lines:
        if (end is not None and line.number > end) or size > 2 * _OPENING_CHARS:
            break
        text.append(line.text)
        size += len(line.text)
    opening = "".join(text)[:2 * _OPENING_CHARS]
    simple = to_simplified(opening)
    for sentence in _COMPILER_SENTENCE.finditer(simple):
        for m in _COMPILED.finditer(sentence.group()):
            at = sentence.start() + m.start(1)
            agency = _agency_candidate(_written(opening, simple, at, at + len(m.group(1))))
            if agency and _places(to_simplified(agency))[0]:  # 由我局…, 由区政府办公室…: no name of its own
                return agency
    if "简称" not in simple:  # what _STYLED needs (tried at every position, it cost ~3% of a text report's extraction)
        return None
    for m in _STYLED.finditer(simple):  # 「甲县生态环境局（以下简称“我局”）根据…」: it names itself once
        for at in range(m.start(1), m.end(1) - 1):  # the longest tail of the clause that is an agency's name
            agency = _agency_candidate(_written(opening, simple, at, m.end(1)))
            if agency and _places(to_simplified(agency))[0]:
                return agency
    return None


# The opening naming the agency once and then calling it 我局/本机关 all through: 「甲县生态环境局（以下简称“我局”）」.
_STYLED = re.compile(r"([^，,。；;：:、（(《》“”「」\s]{2,40})[（(]\s*(?:以下)?简称\s*[“\"「『]?\s*" + _SELF.pattern)


def _period_year(lines: list[Line]) -> int | None:
    for line in lines:
        text = line.text
        if not ("统" in text or "統" in text):  # 统计期限 (or 統計期限): few lines say it
            continue
        m = _PERIOD.search(to_simplified(text))
        if m:
            return _year(m.group(1))
    return None


_HAN_DATE = re.compile(rf"([二][{_HAN_ZERO}][{_HAN_ZERO}一二三四五六七八九]{{2}})\s*年\s*([一二三四五六七八九十]{{1,2}})\s*月"
                       r"\s*([一二三四五六七八九十]{1,3})\s*日")


def _han_number(text: str) -> int:
    """一 … 三十一 as a number (月, 日)."""
    if "十" not in text:
        return int(text.translate(_HAN_DIGITS))
    tens, _, ones = text.partition("十")
    return (int(tens.translate(_HAN_DIGITS)) if tens else 1) * 10 + (int(ones.translate(_HAN_DIGITS)) if ones else 0)


def _date_digits(text: str) -> str:
    """A date written in Chinese numerals (二〇二一年一月二十五日, a signature's usual form) in digits."""
    return _HAN_DATE.sub(lambda m: f"{m.group(1).translate(_HAN_DIGITS)}年{_han_number(m.group(2))}月"
                                   f"{_han_number(m.group(3))}日", text)


def _closing_date(lines: list[Line], first: int = 0, stop: int | None = None) -> tuple[str | None, int | None]:
    """The date that closes the report: the last line from lines[first] on (before lines[stop], where another
    report begins) that is only a date (or a signature and a date)."""
    for i in range(min(len(lines), len(lines) if stop is None else stop) - 1, first - 1, -1):
        text = _date_digits(_clean(lines[i].text))
        m = _DATE.fullmatch(text) or (_DATE.search(text) if len(text) <= 60 and text.endswith("日") else None)
        if not m and (n := _NUMERIC_DATE.search(text)) and n.end() == len(text) and len(text) <= 60 \
                and (_agency_candidate(text[:n.start()]) if n.start() else _signed_above(lines, i)):
            m = n  # 「2021-01-25」 closes the report only under its signature: a page lists dates of its own
        if m and (m.start() == 0 or _agency_candidate(text[:m.start()])):
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}", i
    return None, None


_NUMERIC_DATE = re.compile(r"(20\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")


def _signed_above(lines: list[Line], i: int) -> bool:
    """The nearest line with text above lines[i] is an agency's name (a signature)."""
    above = next((_clean(ln.text) for ln in reversed(lines[max(0, i - 3):i]) if _clean(ln.text)), "")
    return _agency_candidate(above) is not None


def _from_signature(lines: list[Line], date_index: int | None) -> str | None:
    """The agency signed above the closing date (or before the date on the same line, or alone under it as
    the file's last line); without a closing date, the agency alone on the file's last line."""
    if date_index is None:  # an undated 落款: the agency alone on the report's last line, after a sentence
        tail = [t for ln in lines[-2:] if (t := _clean(ln.text))]
        return _agency_candidate(tail[-1]) if len(tail) == 2 and tail[0].endswith("。") else None
    same_line = _date_digits(_clean(lines[date_index].text))
    m = _DATE.search(same_line) or _NUMERIC_DATE.search(same_line)
    if m and m.start() > 0:
        return _agency_candidate(same_line[:m.start()])
    above = next((t for i in range(date_index - 1, max(-1, date_index - 4), -1) if (t := _clean(lines[i].text))), "")
    if agency := _agency_candidate(above) if above else None:
        return agency
    after = [t for ln in lines[date_index + 1:] if (t := _clean(ln.text))]
    return _agency_candidate(after[0]) if len(after) == 1 else None  # signed under the date, the last line


def _from_file_name(name: str | None) -> Evidence:
    """A file named like its title (平潭综合实验区2024年度政府信息公开工作年度报告.html), or a year in the name."""
    if not name:
        return Evidence("file_name")
    stem = Path(name).stem
    ev = _from_title_lines([stem.replace("_", " ")], "file_name")
    years = list(re.finditer(r"(?<!\d)(20\d{2})(?!\d)", stem))
    if ev.year is None and len({m.group(1) for m in years}) == 1:
        ev.year = _year(years[0].group(1))
    if ev.agency is None and years:  # 伊川县城市管理局2020.txt: the name before the year
        ev.agency = _agency_before(stem, to_simplified(stem), years[0].start())
    return ev


def _year(text: str) -> int | None:
    year = int(text)
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _key(agency: str) -> str:
    return to_simplified(_clean(agency))


# --- short names ------------------------------------------------------------------------------------------

# Development zones report under the zone's name; people call them by the place (平潭综合实验区 → 平潭).
# 新区 (浦东新区, 滨海新区) is a district's own name and stays.
_ZONES = ("综合实验区", "经济技术开发区", "高新技术产业开发区", "经济开发区", "高新区", "开发区", "实验区")
# One level of place name: 省, 自治区, 市, 自治州, 州, 地区, 盟, 县, 自治县, 区, 旗; a town (镇, 乡) or a street
# (街道) when the name ends with its government.
_PLACE_UNIT = re.compile(r"(.{2,7}?(?:自治区|自治州|自治县|地区|省|市|州|盟|县|区|旗|"
                         r"(?:镇|乡|街道)(?=人民政府$|政府$|办事处$|$)))")  # a town or street reports as itself
# County-level places whose own name is one character before 县/市 (沛县, 芒市), and the districts named so
# inside a city (大同市城区): _PLACE_UNIT wants two, so that 单县城市管理局 is not read as the place 单县城市.
# From the adcodes table of the cpca package (MIT), as qa/places.tsv.
_ONE_CHARACTER_PLACES = frozenset("""
丰县 临县 义县 乾县 云县 代县 任县 佳县 兴县 冠县 凤县 勉县 单县 南县 古县 叶县 吉县 和县 唐县 夏县 威县 宁县 容县 宾县
富县 寿县 岚县 岷县 嵩县 应县 康县 彬县 徽县 忠县 息县 成县 户县 房县 攸县 文县 新县 易县 景县 曹县 朗县 杞县 横县 歙县
沁县 沙县 沛县 沧县 泗县 泸县 泾县 洋县 浚县 涉县 淇县 渠县 温县 滑县 滦县 漳县 澧县 献县 环县 珙县 理县 盂县 盘县 眉县
睢县 磁县 礼县 祁县 索县 绛县 芒市 茂县 范县 荣县 莒县 莘县 萧县 蒲县 蔚县 藤县 蠡县 费县 赣县 赵县 道县 邱县 郏县 郫县
陇县 随县 隰县 雄县 青县 高县 魏县 黟县""".split())
_ONE_CHARACTER_DISTRICTS = frozenset({"城区", "矿区", "郊区", "东区", "西区"})  # only after their city
_GOVERNMENT = ("人民政府", "政府", "办事处")
# Long forms of offices and the short forms people use (left to right: applied in this order).
_SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("城市管理综合行政执法局", "城管局"),
    ("城市管理综合执法局", "城管局"),
    ("城市管理行政执法局", "城管局"),
    ("城市管理局", "城管局"),
    ("综合行政执法局", "执法局"),
    ("市场监督管理局", "市场监管局"),
    ("人力资源和社会保障局", "人社局"),
    ("人民政府办公室", "政府办"),
    ("人民政府办公厅", "政府办公厅"),
    ("管理委员会", "管委会"),
)


def short_name(agency: str) -> str:
    """What a user calls the agency, in simplified characters (questions are matched in simplified): a
    government by its place (淮安市洪泽区人民政府 → 洪泽区), a zone by its place (平潭综合实验区 → 平潭), an office
    by its lowest place and the office's short form (鹤岗市城市管理综合执法局 → 鹤岗市城管局,
    淮安市洪泽区财政局 → 洪泽区财政局)."""
    name = to_simplified(_clean(agency))
    for zone in _ZONES:
        i = name.find(zone)
        if i >= 2:
            rest = name[i + len(zone):]
            if not rest or rest.startswith(("管委会", "管理委员会")) or rest in _GOVERNMENT:
                places, left = _places(name[:i])
                return left if places and left else name[:i]
    places, rest = _places(name)
    if not places:
        return _shorten(name)
    if not rest or rest in _GOVERNMENT:
        return places[-1]
    return places[-1] + _shorten(rest)


def _places(simple: str) -> tuple[list[str], str]:
    """The leading place units of a name (淮安市, 洪泽区) and what follows them."""
    places, pos = [], 0
    while True:
        two = simple[pos:pos + 2]
        if two in _ONE_CHARACTER_PLACES or pos and two in _ONE_CHARACTER_DISTRICTS:
            places.append(two)
            pos += 2
            continue
        m = _PLACE_UNIT.match(simple, pos)
        if not m or any(w in m.group(1) for w in ("政府", "管理", "委员", "办公")):
            break
        places.append(m.group(1))
        pos = m.end()
    return places, simple[pos:]


def _shorten(name: str) -> str:
    for long, short in _SHORT_FORMS:
        if long in name:
            return name.replace(long, short, 1)
    return name


# --- one agency across reports ------------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def agency_bucket(agency: str) -> str:
    """What a user calls the agency (short_name), with the zone kept, which the short name drops: 济南市高新技术
    产业开发区管理委员会 and 济南市人民政府 are both 济南市 there. Names in one bucket may still be two agencies of
    different places (北京市朝阳区 and 长春市朝阳区 are both 朝阳区): agency_keys tells them apart."""
    key = short_name(agency)
    name = to_simplified(agency)
    zone = next((z for z in _ZONES if z in name), None)
    if zone and zone not in key:
        key += "·" + _ZONE_SHORT.get(zone, zone)
    return key


_ZONE_SHORT = {"高新技术产业开发区": "高新区"}  # the long and short forms of one zone's name


@lru_cache(maxsize=65536)
def place_chain(agency: str) -> tuple[str, ...]:
    """The places an agency's name states, largest first (北京市朝阳区人民政府 → 北京市, 朝阳区)."""
    places, _ = _places(to_simplified(_clean(agency)))
    return tuple(places)


def _within(places: tuple[str, ...], wider: tuple[str, ...]) -> bool:
    """Every place of one name stated, in order, by the other (洪泽区 in 淮安市洪泽区; 某某市 in 某某市高新区). A
    province the other leaves out does not count against it (江苏省洪泽区 in 淮安市洪泽区): names skip levels,
    and only a province the other states differently (江苏省, 浙江省) tells two places apart."""
    skip = not any(_province(w) for w in wider)
    rest = iter(wider)
    return all((skip and _province(p)) or p in rest for p in places)


def _province(place: str) -> bool:
    return place.endswith(("省", "自治区"))


def agency_keys(agencies: Iterable[str]) -> dict[str, str]:
    """One key per agency of a corpus: the same key for the names of one agency (the same bucket, and places
    that agree: 淮安市洪泽区人民政府 and 洪泽区人民政府 when no other 洪泽区 is in the corpus), different keys for
    agencies of different places that share a short name (北京市朝阳区人民政府, 长春市朝阳区人民政府). A name whose
    places fit two such agencies (朝阳区人民政府 beside both) is neither: it keeps a key of its own."""
    names = sorted(set(agencies))
    chains = {a: place_chain(a) for a in names}
    buckets: dict[str, list[str]] = {}
    for a in names:
        buckets.setdefault(agency_bucket(a), []).append(a)
    keys: dict[str, str] = {}
    for bucket, members in buckets.items():
        widest = {chains[a] for a in members}
        widest = {c for c in widest if not any(o != c and _within(c, o) and (len(o) > len(c) or not _within(o, c))
                                               for o in widest)}
        for a in members:
            fits = sorted(w for w in widest if _within(chains[a], w))
            keys[a] = bucket + "@" + ("".join(fits[0]) if len(fits) == 1 else "?" + a)
    return keys


def fuller_names(agencies: Iterable[str]) -> dict[str, str]:
    """Each name that is another's with fewer or other places stated (江苏省洪泽区人民政府, 洪泽区人民政府) → the
    one name of that agency answers use: the one stating most places, a city before a province (淮安市洪泽区
    人民政府). Only names that agency_keys makes one agency and that say the same words after their places; an
    agency named in other words (城市管理局 beside 城市管理综合行政执法局: renamed, or two bodies) is left alone."""
    return dict(_fuller_names(frozenset(agencies)))


@lru_cache(maxsize=1 << 18)  # an engine reopened after an add reads only the new names' places
def _body(agency: str) -> tuple[tuple[str, ...], str]:
    places, rest = _places(to_simplified(_clean(agency)))
    return tuple(places), rest


def body_key(agency: str) -> tuple[str, str] | None:
    """What fuller_names groups names by (the last place stated, the words after the places), None for a
    name that states no place: names whose keys no other name shares are never given a fuller one (a reader
    that grows its names by a few checks theirs alone)."""
    places, rest = _body(agency)
    return (places[-1], rest) if places else None


@lru_cache(maxsize=4)  # the engine's fact store and its retriever ask for the same names
def _fuller_names(agencies: frozenset[str]) -> tuple[tuple[str, str], ...]:
    by_body: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
    for a in agencies:
        key = body_key(a)
        if key is not None:
            by_body.setdefault(key, []).append((_body(a)[0], a))
    shared = [m for m in by_body.values() if len(m) > 1]  # the usual corpus: none, and agency_keys is not run
    keys = agency_keys(a for m in shared for _, a in m)
    out: dict[str, str] = {}
    for members in shared:
        for key in {keys[a] for _, a in members}:
            names = [(places, a) for places, a in members if keys[a] == key]
            if len(names) < 2:
                continue
            fullest = max(names, key=lambda pa: (len(pa[0]), sum(not _province(p) for p in pa[0]), pa[1]))[1]
            out.update((a, fullest) for _, a in names if a != fullest)
    return tuple(out.items())
