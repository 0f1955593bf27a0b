"""The one answer model every question ends in, whatever path produced it; the CLI and the UI only render
it. Serialisable to JSON. Every number in `text` and `table` comes with a citation to its source cell."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Reading(BaseModel):
    """How the question was read, shown to the user in one line, with the defaults it took."""

    operation: str  # value / max / min / top / bottom / rank / sum / avg / count / filter / compare / change /
    #                 findings / corpus / prose / mixed / unknown
    measure: str | None = None  # canonical fact key, e.g. "penalty.decisions"
    measure_label: str | None = None  # "行政处罚 · 处理决定数量"
    agencies: list[str] = Field(default_factory=list)
    years: list[int] = Field(default_factory=list)
    filters: list[str] = Field(default_factory=list)  # in words: "处理决定数量 > 100"
    n: int | None = None  # for top/bottom N
    defaults: list[str] = Field(default_factory=list)  # "未指明列，按处理决定数量" …
    summary: str  # the one line shown: "按「行政处罚 · 处理决定数量」对全部单位排序，取最大值"


class Alternative(BaseModel):
    """A one-click other reading of the same question (the UI shows it as a button)."""

    label: str  # "按上一年项目数量排序"
    question: str  # the question to ask instead


class AnswerTable(BaseModel):
    columns: list[str]
    rows: list[list[str | int | float | None]]
    # which column holds numbers with what unit, for right alignment and exports
    units: dict[str, str] = Field(default_factory=dict)
    # per row, where its value stands: [file, line, fact key] (None: a row without one cell, e.g. a sum). Every
    # row of a long ranking keeps its source here; Answer.citations quote the source lines of the first rows.
    sources: list[list[str | int | None] | None] = Field(default_factory=list)


class Citation(BaseModel):
    doc: str
    agency: str | None
    year: int | None
    part: str | None
    line_start: int
    line_end: int
    quote: str  # the source text, containing the cited value
    value: str | None = None  # the cited value as it stands in the quote (for highlighting)
    key: str | None = None  # the fact key, when the citation is a fact's cell
    kind: Literal["fact", "passage", "finding"] = "fact"
    flags: list[str] = Field(default_factory=list)  # how the cell was read: blank, signed, unit_converted …
    number: float | None = None  # the value as read from the cell (None: text where a number belongs)
    note: str | None = None  # what a reader should know about the cell (空白单元格，按0计 …)


class ChartHint(BaseModel):
    kind: Literal["bar"] = "bar"
    x: str  # column of the table for the categories (agency)
    y: str  # column with the values
    title: str


class Derived(BaseModel):
    """A number the answer computed from cited cells (a sum, an average, a difference, a count, a unit
    conversion): the value as the answer states it and how it was computed from the cited values."""

    value: str
    how: str  # "313 + 135 + 12 + 10 = 470"


class Answer(BaseModel):
    question: str
    text: str  # one or two Chinese sentences stating the result
    reading: Reading
    table: AnswerTable | None = None
    citations: list[Citation] = Field(default_factory=list)
    chart: ChartHint | None = None
    alternatives: list[Alternative] = Field(default_factory=list)
    status: Literal["answered", "not_found", "ambiguous", "absent", "out_of_scope", "invalid"] = "answered"
    from_text: bool = False  # the answer was read from prose, not from a table's cell
    derived: list[Derived] = Field(default_factory=list)  # numbers computed from the cited cells
