"""Scanned PDF pages (no text layer): OCR offline with RapidOCR (the PP-OCRv4 Chinese detection and
recognition models ship inside the rapidocr-onnxruntime wheel; onnxruntime on the CPU, nothing fetched),
then lines and table cells rebuilt from the boxes it finds.

Rebuilding: boxes on one text line form a row (index.readers.layout). Consecutive rows that hold numbers
are a table: the numbers' horizontal centres, clustered over all the table's rows, give its value columns,
so that a blank cell stays an empty slot in its column instead of shifting the values after it; the text
left of the first value column is the row's labels, cut into cells at wide gaps. Rows without numbers
(headings, prose, header rows) are text lines with a tab at each wide gap. Each cell keeps the OCR score
of its box: index.extract flags a fact read from a cell under LOW_CONFIDENCE as low_confidence."""

from __future__ import annotations

import re
from functools import lru_cache
from statistics import median
from typing import Any

from index.cells import is_number_like, normalise
from index.readers.layout import Box, cells_of_row, is_page_furniture, join_boxes, rows_of_boxes

DPI = 150  # render resolution: PP-OCR reads 10.5-pt table digits reliably from 150 dpi; more only costs time
# A value read with a lower score is flagged (the score goes in the fact's note). PP-OCRv4 scores a lone
# digit lower than a word even when it is right ('0' at 0.54-0.7 on the 洪泽 scan), hence not higher.
LOW_CONFIDENCE = 0.5
_COLUMN_GAP = 1.5  # box heights: wider gaps separate cells of a text row
_SPLIT_NUMBERS = re.compile(r"^[\d.,，]+(?:\s+[\d.,，]+)+$")


@lru_cache(maxsize=1)
def engine() -> Any:
    """The OCR engine, loaded once per process (about a second)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise RuntimeError("OCR needs the package rapidocr-onnxruntime (pip install rapidocr-onnxruntime)") from exc
    # Every box kept (text_score 0: the default drops boxes under 0.5, i.e. values, silently; they are
    # flagged instead); no angle classifier (scanned reports are upright; it costs 5 % of the time).
    return RapidOCR(text_score=0.0, use_cls=False)


def ocr_boxes(image: Any) -> list[Box]:
    """OCR of one page image (PIL image or array): its text boxes with their scores."""
    import numpy as np

    array = np.asarray(image.convert("RGB"))[:, :, ::-1] if hasattr(image, "convert") else image
    result, _ = engine()(array)
    boxes: list[Box] = []
    for points, text, score in result or []:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        boxes.extend(_split_numbers(Box(str(text), min(xs), min(ys), max(xs), max(ys), float(score))))
    return boxes


def _split_numbers(box: Box) -> list[Box]:
    """'0 0 3' read as one box: one box per number, placed by character position."""
    text = box.text.strip()
    if not _SPLIT_NUMBERS.match(text):
        return [box]
    width = (box.x1 - box.x0) / max(len(text), 1)
    out = []
    for m in re.finditer(r"\S+", text):
        out.append(Box(m.group(), box.x0 + m.start() * width, box.top, box.x0 + m.end() * width, box.bottom,
                       box.score))
    return out


def ocr_page(page: Any, number: int) -> list:
    """Blocks (index.readers.pdf) of one scanned PDF page."""
    image = page.render(scale=DPI / 72).to_pil()
    return blocks_from_boxes(ocr_boxes(image), number, float(image.height))


def blocks_from_boxes(boxes: list[Box], page: int, height: float) -> list:
    from index.readers.pdf import Slot, TableBlock, TextBlock

    blocks: list = []
    rows = rows_of_boxes([b for b in boxes if b.text.strip()])
    i = 0
    while i < len(rows):
        if not _has_value(rows[i]):
            row = rows[i]
            size = median(b.height for b in row)
            text = "\t".join(join_boxes(c) for c in cells_of_row(row, _COLUMN_GAP * size))
            top = min(b.top for b in row)
            edge = top < 0.08 * height or top > 0.92 * height
            blocks.append(TextBlock(page, top, text, furniture=edge and is_page_furniture(text)))
            i += 1
            continue
        j = i
        while j < len(rows) and _has_value(rows[j]):
            j += 1
        run = rows[i:j]
        anchors = _value_columns(run)
        grid = []
        for r, row in enumerate(run):
            labels, values = _split_row(row, anchors)
            size = median(b.height for b in row)
            label_cells = [join_boxes(c) for c in cells_of_row(labels, _COLUMN_GAP * size)] if labels else [""]
            slots = [Slot(t, (r, c), page) for c, t in enumerate(label_cells)]
            for k in range(len(anchors)):
                cell = values.get(k, [])
                score = min((b.score for b in cell if b.score is not None), default=None)
                slots.append(Slot(join_boxes(cell), (r, len(slots)), page, score))
            grid.append(slots)
        top = min(b.top for b in run[0])
        bottom = max(b.bottom for b in run[-1])
        blocks.append(TableBlock(page, top, bottom, [], grid))
        i = j
    return blocks


def _is_value(box: Box) -> bool:
    t = normalise(box.text)
    return bool(t) and is_number_like(t) and any(ch.isdigit() for ch in t)


def _has_value(row: list[Box]) -> bool:
    return len(row) >= 2 and any(_is_value(b) for b in row[1:])


def _value_columns(run: list[list[Box]]) -> list[float]:
    """Centres of the value columns: the numbers' centres clustered left to right."""
    centres = sorted((b.x0 + b.x1) / 2 for row in run for b in row[1:] if _is_value(b))
    heights = [b.height for row in run for b in row]
    gap = 1.2 * (median(heights) if heights else 10.0)
    clusters: list[list[float]] = []
    for x in centres:
        if clusters and x - clusters[-1][-1] <= gap:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    return [sum(c) / len(c) for c in clusters]


def _split_row(row: list[Box], anchors: list[float]) -> tuple[list[Box], dict[int, list[Box]]]:
    """A table row's label boxes (left of the first value column) and its values by column."""
    first = anchors[0]
    spacing = min((b - a for a, b in zip(anchors, anchors[1:])), default=4 * row[0].height)
    labels: list[Box] = []
    values: dict[int, list[Box]] = {}
    for box in row:
        centre = (box.x0 + box.x1) / 2
        if centre < first - spacing / 2:
            labels.append(box)
            continue
        k = min(range(len(anchors)), key=lambda n: abs(anchors[n] - centre))
        values.setdefault(k, []).append(box)
    return labels, values
