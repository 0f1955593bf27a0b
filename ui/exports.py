"""Answer tables and fact tables as downloadable files: CSV in UTF-8 with a BOM (so that Excel opens the
Chinese right) and XLSX. Pure functions from data to bytes; the app only puts them under buttons.

Numbers stay numbers (integers where every value is whole; a "—" placeholder in a column of numbers, such as
名次 for an agency without the value, is an empty cell), units go into the column headers
("处理决定数量（件）"), and text that a spreadsheet would run as a formula ("=…", "@…") is kept as text.
An answer's export carries every row of its table with each row's sources (ui/evidence.py), and the XLSX
adds the sheets 说明 (question, reading, derivations) and 来源 (every citation)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd

from qa.answer import Answer, AnswerTable
from ui import evidence

XLSX_MAX_ROWS = 1_048_576  # Excel's limit, the header row included
_FORMULA_START = ("=", "@", "+", "-", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?[\d,]*\.?\d*%?$")
_PLACEHOLDERS = ("—", "-", "–", "")  # stand for "no value" in a column of numbers


def with_unit(column: str, unit: str | None) -> str:
    """The header a column is exported (and shown) under: its name with its unit, once."""
    if not unit or column.endswith(f"（{unit}）") or column.endswith(f"({unit})"):
        return column
    return f"{column}（{unit}）"


def numeric(values: pd.Series) -> pd.Series:
    """A column of numbers as numbers: Int64 when every value is whole, else float; None stays missing."""
    nums = pd.to_numeric(values, errors="coerce").astype("Float64")
    present = nums.dropna()
    if len(present) and ((present % 1) == 0).all() and (present.abs() < 2**53).all():
        return nums.astype("Int64")
    return nums


def _is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def table_frame(table: AnswerTable, units_in_headers: bool = True) -> pd.DataFrame:
    """The answer table as a DataFrame: columns with a unit, and columns holding only numbers and "—"
    placeholders (名次, 年份), typed as numbers, the placeholders missing; any other column as text."""
    width = len(table.columns)
    frame = pd.DataFrame([list(r)[:width] + [None] * (width - len(r)) for r in table.rows],
                         columns=table.columns, dtype=object)
    for col in table.columns:
        values = [v for v in frame[col] if v is not None and not (isinstance(v, str) and v.strip() in _PLACEHOLDERS)]
        if col in table.units or (values and all(_is_number(v) for v in values)):
            frame[col] = numeric(frame[col])
        else:
            frame[col] = frame[col].map(lambda v: None if v is None else str(v)).astype(object)
    if units_in_headers:
        frame = frame.rename(columns={c: with_unit(c, u) for c, u in table.units.items()})
    return frame


def _csv_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers and plain signed
    numbers such as "-1" stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        return "'" + value
    return value


def _csv_number(value: object) -> str | None:
    """A float as the report wrote it: whole ones without ".0", others with the digits they have."""
    if value is None or pd.isna(value):
        return None
    v = float(value)
    return f"{v:.0f}" if v.is_integer() and abs(v) < 1e15 else format(v, ".15g")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with BOM, comma-separated, CRLF line ends, no index column."""
    safe = frame.copy()
    for col in safe.columns:
        if safe[col].dtype == object:
            safe[col] = safe[col].map(_csv_cell)
        elif pd.api.types.is_float_dtype(safe[col]):  # a count among amounts (事实's 数值): 2, not 2.0
            safe[col] = safe[col].map(_csv_number).astype(object)
    buf = io.StringIO()
    safe.to_csv(buf, index=False, lineterminator="\r\n")
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def text_width(text: str) -> int:
    """Display width: a wide (Chinese) character counts 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def value_decimals(value: float) -> int:
    """How many decimals a value has (at most 6, as the answers write it)."""
    text = f"{float(value):.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def decimals(series: pd.Series) -> int:
    """How many decimals the values of a float column need (at most 6)."""
    if not pd.api.types.is_float_dtype(series):
        return 0
    return max((value_decimals(v) for v in series.dropna()), default=0)


PER_VALUE = "per value"  # a column whose cells each take the format of their own decimals


def number_format(series: pd.Series) -> str | None:
    """The Excel number format of a column: thousands separators; a column with fractions formats each value
    with its own decimals (cell_format), so 18,651.06 is not padded to the longest value's 18,651.060000."""
    if pd.api.types.is_integer_dtype(series):
        return "#,##0"
    if pd.api.types.is_float_dtype(series):
        return PER_VALUE
    return None


def cell_format(value: float) -> str:
    d = value_decimals(value)
    return "#,##0" + ("." + "0" * d if d else "")


def answer_frame(answer: Answer, names: Mapping[str, str] | None = None,
                 where: evidence.Where | None = None, files_of: evidence.FilesOf | None = None) -> pd.DataFrame:
    """Every row of the answer's table (as table_frame) with its sources: 来源文件, 来源部分, 来源位置, 来源原文."""
    if answer.table is None:
        return pd.DataFrame()
    frame = table_frame(answer.table)
    sources = evidence.source_columns(answer, names, where, files_of)
    sources.index = frame.index
    return pd.concat([frame, sources.rename(columns=lambda c: c if c not in frame.columns else f"{c}（来源）")],
                     axis=1)


def answer_xlsx(answer: Answer, names: Mapping[str, str] | None = None,
                where: evidence.Where | None = None, files_of: evidence.FilesOf | None = None) -> bytes:
    """The answer as a workbook: 答案 (every row with its sources), 说明, 来源."""
    return xlsx_bytes(answer_frame(answer, names, where, files_of), sheet="答案", notes=evidence.notes(answer, names),
                      more={"来源": evidence.citations_frame(answer, names, where)})


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "表",
               notes: Mapping[str, str] | Sequence[tuple[str, str]] | None = None,
               more: Mapping[str, pd.DataFrame] | None = None) -> bytes:
    """An XLSX workbook with the frame on one sheet: bold frozen header, numbers with thousands separators,
    columns wide enough for their Chinese text. `notes` (label → text, or pairs) go to a sheet 说明, and
    `more` (sheet name → frame) to sheets of their own after it."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    _table_sheet(wb, sheet, frame)
    if notes:
        info = wb.create_sheet("说明")
        info.column_dimensions["A"].width = 10
        info.column_dimensions["B"].width = 100
        for label, text in (notes.items() if isinstance(notes, Mapping) else notes):
            info.append([_xlsx_cell(info, label, None), _xlsx_cell(info, text, None)])
    for name, extra in (more or {}).items():
        _table_sheet(wb, name, extra)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _table_sheet(wb, sheet: str, frame: pd.DataFrame) -> None:
    from openpyxl.styles import Font

    ws = wb.create_sheet(_sheet_title(sheet))
    formats = {col: number_format(frame[col]) for col in frame.columns}
    for i, col in enumerate(frame.columns):  # wide enough for the header and the first rows (Chinese: 2)
        sample = [str(col)] + [str(v) for v in frame[col].head(200).tolist()]
        ws.column_dimensions[_letter(i)].width = min(60, max(8, max(text_width(t) for t in sample) + 2))
    ws.freeze_panes = "A2"
    header = [_xlsx_cell(ws, str(col), None) for col in frame.columns]
    for cell in header:
        cell.font = Font(bold=True)
    ws.append(header)
    columns = list(frame.columns)
    for row in frame.itertuples(index=False, name=None):
        ws.append([_xlsx_cell(ws, value, formats[col]) for col, value in zip(columns, row)])


def _xlsx_cell(ws, value: object, fmt: str | None):
    from openpyxl.cell import WriteOnlyCell

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, (list, tuple, set)):
        value = "、".join(map(str, value))
    if isinstance(value, str):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"  # never a formula, whatever it starts with
        return cell
    cell = WriteOnlyCell(ws, value=value)
    if fmt and isinstance(value, (int, float)):
        cell.number_format = cell_format(value) if fmt == PER_VALUE else fmt
    return cell


def _letter(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i + 1)


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "", name).strip() or "表"
    return cleaned[:31]


def file_stem(text: str, fallback: str = "回答") -> str:
    """A download file name made from a question: its Chinese and latin letters and digits, short."""
    stem = "".join(ch if ch.isalnum() else "_" for ch in text)
    stem = re.sub(r"_+", "_", stem).strip("_")[:40]
    return stem or fallback
