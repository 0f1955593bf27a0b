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
# A scanned page is rendered larger: its text is a scan's (blurred, grey, turned straight by a resampling), and
# at 150 dpi PP-OCR's detector misses lone '0's of small print in table cells (b16-scan-rot150: a third of them);
# at 190 it finds them (detection costs ~1.6x; recognition, on boxes scaled to one height, the same).
SCAN_DPI = 190
# A value read with a lower score is flagged (the score goes in the fact's note). PP-OCRv4 scores a lone
# digit lower than a word even when it is right ('0' at 0.54-0.7 on the 洪泽 scan), hence not higher.
LOW_CONFIDENCE = 0.5
_COLUMN_GAP = 1.5  # box heights: wider gaps separate cells of a text row
_LABEL_GAP = 0.8  # box heights: label cells of a table row stand closer (a group label beside a row label)
_SPLIT_NUMBERS = re.compile(r"^[\d.,，]+(?:\s+[\d.,，]+)+$")
UNREADABLE = "?"  # a box OCR found but could not read: in a value column it gives no value, never 0
_DIGITISH = re.compile(r"^[\doOlI|口。.,，\s]+$")
_LOOKALIKES = str.maketrans({"o": "0", "O": "0", "口": "0", "l": "1", "I": "1", "|": "1"})


@lru_cache(maxsize=1)
def engine() -> Any:
    """The OCR engine, loaded once per process (about a second)."""
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:  # pragma: no cover - a dependency of the project
        raise RuntimeError("OCR needs the package rapidocr-onnxruntime (pip install rapidocr-onnxruntime)") from exc
    # Every box kept (text_score 0: the default drops boxes under 0.5, i.e. values, silently; they are
    # flagged instead); a lower detection threshold (0.3, default 0.5), else a lone thin '1' in a table
    # cell is not found at 150 dpi; no angle classifier (scanned reports are upright; 5 % of the time).
    return RapidOCR(text_score=0.0, det_box_thresh=0.3, use_cls=False)


def ocr_boxes(image: Any) -> list[Box]:
    """OCR of one page image (PIL image or array): its text boxes with their scores."""
    import numpy as np

    array = np.asarray(image.convert("RGB"))[:, :, ::-1] if hasattr(image, "convert") else image
    result, _ = engine()(array)
    boxes: list[Box] = []
    for points, text, score in result or []:
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        box = Box(_digits(str(text)).strip() or UNREADABLE, min(xs), min(ys), max(xs), max(ys), float(score))
        boxes.extend(_split_numbers(box))
    return boxes


def _digits(text: str) -> str:
    """Letters PP-OCR reads for digits in a box of numbers ('o 0' → '0 0', '0。' → '0', a lone 'o' or 口 → '0'):
    only where the box holds a digit and nothing but digits and their look-alikes."""
    if not _DIGITISH.match(text) or not (any(ch.isdigit() for ch in text) or text.strip() in ("o", "O", "口")):
        return text
    return text.translate(_LOOKALIKES).rstrip("。.，, ")


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


def ocr_page(page: Any, number: int, dpi: int = SCAN_DPI) -> list:
    """Blocks (index.readers.pdf) of one scanned PDF page, turned straight first (a sheet fed a little askew
    puts a row's numbers on a slope, and the row's right end on the next line's height). `dpi`: DPI for a
    page of crisp vector text (fonts without a text map), SCAN_DPI for a scan."""
    image = page.render(scale=dpi / 72).to_pil()
    angle = skew(image)
    if abs(angle) >= _MIN_SKEW:
        image = image.convert("RGB").rotate(-angle, resample=3, fillcolor=(255, 255, 255))  # 3: bicubic
    return blocks_from_boxes(ocr_boxes(image), number, float(image.height))


_MIN_SKEW = 0.15  # degrees: less moves a row's ends by under a pixel a hundred
_MAX_SKEW = 3.0  # degrees: a scan turned more than this is a page fed sideways, not askew


def skew(image: Any) -> float:
    """The angle (degrees, counter-clockwise as PIL turns) the page was turned by: the angle at which the
    dark pixels' rows (text lines, rulings) are most sharply bunched (projection profile), searched in tenths
    of a degree within ±_MAX_SKEW."""
    import numpy as np

    grey = np.asarray(image.convert("L").reduce(2), dtype=np.uint8)
    ys, xs = np.nonzero(grey < 128)
    if len(ys) < 500:
        return 0.0
    if len(ys) > 60000:  # a sample is as good and keeps this at a few milliseconds
        pick = np.random.default_rng(0).choice(len(ys), 60000, replace=False)
        ys, xs = ys[pick], xs[pick]
    best, best_score = 0.0, -1.0
    for angle in np.arange(-_MAX_SKEW, _MAX_SKEW + 0.001, 0.1):
        t = np.radians(angle)
        rows = np.round(ys * np.cos(t) + xs * np.sin(t)).astype(np.int64)
        counts = np.bincount(rows - rows.min())
        score = float(np.dot(counts, counts))
        if score > best_score:
            best, best_score = float(angle), score
    return round(best, 1)


def blocks_from_boxes(boxes: list[Box], page: int, height: float) -> list:
    from index.readers.pdf import _INNER_NUMBERING, Slot, TableBlock, TextBlock

    blocks: list = []
    rows = rows_of_boxes([b for b in boxes if b.text.strip()])
    # An unreadable box is kept only among values, where it holds its column's place.
    rows = [row for row in (r if _has_value(r) else [b for b in r if b.text != UNREADABLE] for r in rows) if row]
    i = 0
    wrapped_to = 0.0  # the bottom of the last line that went on with the labels of the table above
    while i < len(rows):
        table = blocks[-1] if blocks and isinstance(blocks[-1], TableBlock) else None
        targets = _wrapped_labels(rows[i], table, wrapped_to) if table and not _has_value(rows[i]) else None
        if targets is not None:
            last = table.grid[-1]
            for cell, boxes in targets.items():
                last[cell].text += join_boxes(boxes)
            wrapped_to = max(b.bottom for b in rows[i])
            i += 1
            continue
        if not _has_value(rows[i]):
            row = rows[i]
            size = median(b.height for b in row)
            text = "\t".join(join_boxes(c) for c in cells_of_row(row, _COLUMN_GAP * size))
            top = min(b.top for b in row)
            edge = top < 0.08 * height or top > 0.92 * height
            blocks.append(TextBlock(page, top, text, furniture=edge and is_page_furniture(text), at_edge=edge))
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
            # Label cells OCR read as one box across a ruling ('三、本年度办理（一）予以公开'): apart at the
            # next column's numbering, as in a text layer's row.
            label_cells = [piece for c in cells_of_row(labels, _LABEL_GAP * size)
                           for piece in _INNER_NUMBERING.split(join_boxes(c))] if labels else [""]
            slots = [Slot(t, (r, c), page) for c, t in enumerate(label_cells)]
            for k in range(len(anchors)):
                cell = values.get(k, [])
                score = min((b.score for b in cell if b.score is not None), default=None)
                slots.append(Slot(join_boxes(cell), (r, len(slots)), page, score))
            grid.append(slots)
        top = min(b.top for b in run[0])
        bottom = max(b.bottom for b in run[-1])
        blocks.append(TableBlock(page, top, bottom, [], grid, label_boxes=[_split_row(r, anchors)[0] for r in run]))
        i = j
    return blocks


def _wrapped_labels(row: list[Box], table, wrapped_to: float) -> dict[int, list[Box]] | None:
    """A line of text under a table's last row that goes on with the row's labels (labels wrapped in their
    cells, over several lines: 「1、属」「于国」「家秘」「密」): the label cell each of its boxes continues, by
    the cell's column. None when the line is no such continuation: it starts left of the labels, reaches
    past them into the values, or stands apart. A group label beside the rows (（三）不予公开, centred in its
    merged cell) with no label of the last row in its column starts a line of its own."""
    labels = table.label_boxes[-1] if table.label_boxes else []
    if not labels:
        return None
    height = median(b.height for b in labels)
    cells = cells_of_row(labels, _LABEL_GAP * height)
    bottom = max(wrapped_to, max(b.bottom for b in labels))
    if min(b.top for b in row) - bottom > height or any(b.x1 > cells[-1][-1].x1 + height for b in row) \
            or row[0].x0 < cells[0][0].x0 - height:
        return None
    slots = [k for k, slot in enumerate(table.grid[-1]) if slot.text and not _is_value_text(slot.text)]
    if len(slots) != len(cells):
        slots = slots[-len(cells):] if len(slots) > len(cells) else None
    if not slots:
        return None
    out: dict[int, list[Box]] = {}
    for box in row:
        near = min(range(len(cells)), key=lambda n: max(cells[n][0].x0 - box.x0, box.x0 - cells[n][-1].x1, 0.0))
        if max(cells[near][0].x0 - box.x0, box.x0 - cells[near][-1].x1) > height:
            return None  # in a column where the row has no label: a label of its own
        out.setdefault(slots[near], []).append(box)
    return out


def _is_value_text(text: str) -> bool:
    t = normalise(text)
    return bool(t) and is_number_like(t) and any(ch.isdigit() for ch in t)


def _is_value(box: Box) -> bool:
    t = normalise(box.text)
    return bool(t) and is_number_like(t) and any(ch.isdigit() for ch in t)


def _has_value(row: list[Box]) -> bool:
    return len(row) >= 2 and any(_is_value(b) for b in row[1:])


def _value_columns(run: list[list[Box]]) -> list[float]:
    """Centres of the value columns: the numbers' centres clustered left to right."""
    centres = sorted((b.x0 + b.x1) / 2 for row in run for b in row[1:] if _is_value(b) or b.text == UNREADABLE)
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
    unreadable: list[Box] = []
    values: dict[int, list[Box]] = {}
    for box in row:
        centre = (box.x0 + box.x1) / 2
        if centre < first - spacing / 2:
            (labels if box.text != UNREADABLE else unreadable).append(box)
            continue
        k = min(range(len(anchors)), key=lambda n: abs(anchors[n] - centre))
        values.setdefault(k, []).append(box)
    if not labels and unreadable and first - (unreadable[-1].x0 + unreadable[-1].x1) / 2 <= 1.5 * spacing:
        # A row of values only (四) whose first value could not be read: the value columns come from the
        # boxes after each row's first, so that box stands left of them. It keeps its place as the row's
        # first cell (read as no value), or every value after it moves one column left.
        labels = unreadable[-1:]
    return labels, values
