"""Numbers in the page's grids as the reports give them: 18,651.06 stays 18,651.06 beside 24,252.311082, and
no value is rounded. Streamlit's grid formats a number column with one format for all its cells (printf pads
each to the longest value's decimals; its "localized" rounds to three), so each cell of a column with
fractions gets its own text (qa.output.format_value, the answers' words) through a pandas Styler; the cells
stay numbers, so the grid still sorts them as numbers. Styling costs ~0.3 ms a cell on every rerun, so a large
grid (the 事实 page) gets the grid's "plain" format instead: each number's shortest exact digits, without
thousands separators.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from qa.output import format_value
from ui.exports import text_width

PX_PER_UNIT = 7  # a digit or latin letter at the grid's 14 px; a Chinese character is 2 units
CELL_PAD = 24
STYLED_CELLS = 20_000  # an answer table of 2,500 rows; pandas refuses more than 262,144 anyway
DECIMALS = 6  # as the answers write a value (format_value): a unit conversion's float tail is not shown


def shown(value: object) -> str:
    """A cell's number as the page shows it: thousands separators and the decimals the value has."""
    return format_value(value.item() if hasattr(value, "item") else value)  # numpy scalars


def fractional(frame: pd.DataFrame) -> list[str]:
    """The columns that need a text of their own per cell: numbers with fractions (whole numbers print
    exactly in one format)."""
    return [c for c in frame.columns if pd.api.types.is_float_dtype(frame[c])]


def width(series: pd.Series, header: str = "") -> int:
    """Pixels for a column: its widest shown value (or its header), so no digit is cut at the left (the grid
    sizes a column by its first rows, which a filter changes under it)."""
    values = [v if isinstance(v, str) else shown(v) for v in series.dropna()]
    units = max([text_width(v) for v in values] + [text_width(header)], default=0)
    return units * PX_PER_UNIT + CELL_PAD


def exact(frame: pd.DataFrame, config: Mapping[str, object], placeholder: str = "") -> tuple[object, dict]:
    """What to give st.dataframe for `frame` and its column config: every number with a fraction shown as the
    report gives it (a missing cell as `placeholder`, as the grid shows it). A fractional column's config must
    leave its format unset: the grid shows the Styler's text only then."""
    columns = fractional(frame)
    config = dict(config)
    if not columns:
        return frame, config
    if frame.size <= STYLED_CELLS:
        return frame.style.format(na_rep=placeholder).format(shown, subset=columns, na_rep=placeholder), config
    plain = frame.copy()
    for col in columns:
        plain[col] = frame[col].round(DECIMALS)
        config[col] = {**config[col], "type_config": {**config[col]["type_config"], "format": "plain"}} \
            if col in config else st.column_config.NumberColumn(col, format="plain", alignment="right")
    return plain, config

