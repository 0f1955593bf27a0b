"""The report model every reader produces and every later layer consumes, and the facts and findings
extraction produces from it.

The containers that cross a layer's boundary (Document, ReportMeta, ExtractedReport, Passage) are pydantic
models: they validate what comes from outside (a cache file, JSON) and serialise to JSON. The many small
records inside them (a report has hundreds of lines and cells, ~200 facts, ~40 findings) are plain slots
dataclasses (keyword-only where a required field follows an optional one), made by our own code without
validation: validating ~200 facts cost about 1 ms a report, more than reading the file. Pydantic still
validates and serialises them as fields of the containers, and `Record` gives them the pydantic methods
callers use (model_dump, model_copy …), so that what the store writes and the CLI prints is unchanged."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import KW_ONLY, dataclass, field
from functools import cache
from itertools import repeat
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, Field, TypeAdapter, WrapSerializer


class Record:
    """The pydantic methods of a model, for the plain records below (through a TypeAdapter of the class)."""

    __slots__ = ()

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        return _adapter(type(self)).dump_python(self, **kwargs)

    def model_dump_json(self, **kwargs: Any) -> str:
        return _adapter(type(self)).dump_json(self, **kwargs).decode()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        new = copy.deepcopy(self) if deep else dataclasses.replace(self)
        for name, value in (update or {}).items():
            setattr(new, name, value)
        return new


@cache
def _adapter(cls: type) -> TypeAdapter:
    return TypeAdapter(cls)


@dataclass(slots=True)
class Source(Record):
    """Where a value or passage stands, so that a person can find it: a line (1-based) and a character
    column (1-based) of the document's text, and for structured tables also the table cell."""

    line: int
    column: int | None = None
    table: int | None = None  # 1-based index of the <table> or markdown table in the file
    row: int | None = None  # 1-based row in that table's expanded grid
    cell: int | None = None  # 1-based column in that grid
    page: int | None = None  # 1-based page of a PDF (or of a document converted to one)

    def describe(self) -> str:
        where = f"第{self.page}页 " if self.page else ""
        where += f"第{self.line}行"
        if self.column:
            where += f"第{self.column}列"
        if self.table:
            where += f"（表{self.table} 第{self.row}行第{self.cell}格）"
        return where


@dataclass(slots=True)
class Cell(Record):
    text: str
    source: Source
    # True for the grid slots a rowspan/colspan cell covers beyond its first: the text is repeated so the
    # grid reads right, but the aligner counts the cell once.
    continuation: bool = False
    confidence: float | None = None  # OCR score of the cell's text (0-1); None where the text was not OCR'd


class GridCells(list):  # list[Cell]
    """A table row's grid cells as a structured reader found them (their texts and continuation flags by grid
    slot, the row's line, table and row), made into Cell records only when read. An HTML page has ~400 grid
    slots: a Cell and a Source each were a tenth of its reading, and extraction needs neither
    (index.segment makes its own SegCells from `texts` while `pending`). A list of those Cells to every
    reader: each list method makes them first; len() and truth need not."""

    __slots__ = ("texts", "continued", "line", "table", "row", "pending")

    def __init__(self, texts: list[str], continued: list[bool], line: int, table: int, row: int) -> None:
        self.texts, self.continued, self.line, self.table, self.row = texts, continued, line, table, row
        self.pending = True  # no Cell made yet: the list itself is empty until then

    def made(self) -> GridCells:
        """Self, its Cells made (once): Cell(text, Source(line, table=, row=, cell=k), continuation)."""
        if self.pending:
            self.pending = False
            n = len(self.texts)
            sources = map(Source, repeat(self.line, n), repeat(None, n), repeat(self.table, n), repeat(self.row, n),
                          range(1, n + 1))
            list.extend(self, map(Cell, self.texts, sources, self.continued))
        return self

    def __len__(self) -> int:
        return len(self.texts) if self.pending else list.__len__(self)

    def __reduce_ex__(self, protocol: Any) -> tuple[type, tuple[list[Cell]]]:  # copies and pickles: a plain list
        return list, (list.copy(self.made()),)


def _made_first(method: Any) -> Any:
    def made_first(self: GridCells, *args: Any) -> Any:
        # the other operand of a comparison or concatenation too: list's C code reads its items directly
        return method(self.made(), *(a.made() if type(a) is GridCells else a for a in args))
    made_first.__name__ = method.__name__
    return made_first


for _name in ("__iter__", "__getitem__", "__contains__", "__reversed__", "__repr__", "__eq__", "__ne__", "__lt__",
              "__le__", "__gt__", "__ge__", "__add__", "__mul__", "__rmul__", "__iadd__", "__imul__", "__setitem__",
              "__delitem__", "__sizeof__", "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
              "copy", "index", "count"):
    setattr(GridCells, _name, _made_first(getattr(list, _name)))
GridCells.__radd__ = lambda self, other: other + list(self.made())  # list + GridCells: list's concat reads items


def _made_cells(cells: Any) -> Any:
    """Line.cells with a pending GridCells' Cells made, for pydantic's C code (which reads a list's items)."""
    return cells.made() if type(cells) is GridCells else cells


def _dump_made(cells: Any, handler: Any) -> Any:
    return handler(_made_cells(cells))


@dataclass(slots=True)
class Line(Record):
    """One line of the document. Structured readers (HTML, markdown tables) give the cells of a table row;
    for plain text the cells are found by splitting at tabs."""

    number: int
    text: str
    cells: Annotated[list[Cell] | None, BeforeValidator(_made_cells), WrapSerializer(_dump_made)] = None
    page: int | None = None  # the page it stands on, for paged formats (PDF)


class Document(BaseModel):
    """What a reader makes of a file: its lines, in reading order, whatever the file format."""

    path: str
    doc: str  # the file name, as users cite it
    file_format: Literal["text", "markdown", "html", "pdf", "pdf_ocr", "docx", "doc", "odt", "rtf", "xlsx"]
    encoding: str
    sha256: str
    lines: list[Line]
    # Evidence for the metadata that is not a line of the report: the web page's <title>.
    title: str | None = None


class PartSpan(BaseModel):
    numeral: str  # 一 … 六
    title: str  # as printed in the report
    start: int  # line number of the heading
    end: int  # last line number of the part (inclusive)


class ReportMeta(BaseModel):
    doc: str
    path: str
    agency: str | None  # as written in the report (traditional characters kept)
    year: int | None  # the statistics year
    # Decided in index/metadata.py: the short name users call the agency by, and where agency and year came
    # from (title_line, header_title, html_title, period, signature, file_name, or reports_csv).
    agency_short: str | None = None
    agency_source: str | None = None
    year_source: str | None = None
    format: Literal["2019", "2021"]
    format_basis: str  # how the format was decided: table headers, or the statistics year
    date: str | None  # the report's date, ISO yyyy-mm-dd
    file_format: str
    encoding: str
    sha256: str
    parts: list[PartSpan]


Flag = Literal[
    "blank",  # an empty cell read as 0
    "placeholder",  # '/', '-', '—', '无' read as 0
    "signed",  # 增13 / 减1043 / +30 / -1
    "thousands",  # thousands separators removed
    "unit_converted",  # stated in 元 or 亿元, stored in 万元
    "unit_assumed",  # no unit stated: the unit rule kept in the fact decided it
    "text",  # a sentence where a number belongs: no value
    "uncertain_placement",  # more or fewer cells than the row has: placed by the template's arithmetic
    "ambiguous",  # cells could not be placed or split with certainty: no value
    "split_run",  # digits that had lost their separators, split by the template's arithmetic
    "low_confidence",  # read by OCR with a low score: the score is in note
]


@dataclass(slots=True)
class Fact(Record):
    doc: str
    agency: str | None
    year: int | None
    format: str
    key: str
    label: str
    value: float | int | None
    unit: str
    raw: str
    line: int
    _: KW_ONLY  # the rest by keyword (a required field follows an optional one); the first ten may be
    # positional, which the aligner uses: it makes ~200 facts a report, and keywords cost ~2x
    column: int | None = None
    source: Source
    flags: list[Flag] = field(default_factory=list)
    note: str | None = None  # the rule used (units) or the candidates left (ambiguous)


Status = Literal["PASS", "FAIL", "NOT_ASSESSABLE"]


@dataclass(slots=True, kw_only=True)
class Finding(Record):
    """One consistency result, or one problem found beyond the form's own rules."""

    doc: str
    agency: str | None
    year: int | None
    kind: Literal["rule", "prose", "cross_year"]
    rule: int | None = None  # 1-4 for the template's rules
    scope: str  # the column or row the rule was applied to, e.g. "总计列" or "予以公开行"
    status: Status
    detail: str  # the numbers that decided it, in words
    numbers: dict[str, float | int | None] = field(default_factory=dict)
    line: int | None = None


@dataclass(slots=True)
class Warning_(Record):
    """Something the extractor noticed and a user should know (a table cut off, cells it could not place)."""

    doc: str
    message: str
    line: int | None = None


@dataclass(slots=True)
class Candidates(Record):
    """Cells of one row (or of 四's fifteen) that split or place several ways: the fact keys and every
    vector of values that fits the template's arithmetic. Kept so that a corpus-level step (the
    neighbouring year's report) can still decide them."""

    keys: list[str]
    vectors: list[list[float | int]]


@dataclass(slots=True)
class Claim(Record):
    """A number the report states outside its tables ('本年度全区共收到70件申请'): the facts it states, as
    one or more readings (收到 may count 新收 alone or 新收 + 上年结转), each a sum of fact keys."""

    readings: list[list[str]]
    value: float | int
    source: str  # where, in words: 正文第10行「…」


class ExtractedReport(BaseModel):
    meta: ReportMeta
    facts: list[Fact]
    findings: list[Finding]
    warnings: list[Warning_]
    candidates: list[Candidates] = Field(default_factory=list)  # rows left ambiguous, for the neighbour step
    claims: list[Claim] = Field(default_factory=list)

    def fact(self, key: str) -> Fact | None:
        for f in self.facts:
            if f.key == key:
                return f
        return None

    def value(self, key: str) -> float | int | None:
        f = self.fact(key)
        return f.value if f else None


class Passage(BaseModel):
    """A piece of a report to retrieve and cite: a span of prose, or one table row written as a sentence."""

    id: str  # stable: "<sha256[:12]>:<kind>:<line_start>[:<n>]"
    doc: str
    agency: str | None
    year: int | None
    part: str | None  # 一 … 六, None before the first part
    kind: Literal["prose", "row"]
    text: str  # what is shown and cited
    line_start: int
    line_end: int
    fact_keys: list[str] = Field(default_factory=list)  # for table rows: the facts the row holds
