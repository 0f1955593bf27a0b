"""From a file to the report model: pick the reader for the file's format and run it.

Readers are registered by suffix, and may also register a sniffer that recognises their format from the
bytes (for files with an unknown or missing suffix, and for binary containers whatever their suffix: a
PDF named .txt is still a PDF). Each format plugs in with one call:

    register(read_pdf, [".pdf"], sniff=lambda data: data.startswith(b"%PDF-"))

Every failure reaches the caller as ReportError with a one-line message, never as a traceback."""

from __future__ import annotations

from pathlib import Path
from stat import S_ISDIR
from typing import Callable, Iterable

from index.errors import ReportError
from index.model import Document
from index.readers.encoding import EMPTY, binary_kind, document_kind
from index.readers.docx import (looks_like_doc, looks_like_docx, looks_like_odt, looks_like_rtf, read_doc, read_docx,
                                read_odt, read_rtf)
from index.readers.html import holds_html, looks_like_html, read_html
from index.readers.mhtml import looks_like_mhtml, read_mhtml
from index.readers.pdf import looks_like_pdf, read_pdf
from index.readers.sheet import looks_like_xlsx, read_xlsx
from index.readers.progress import PageProgress, page_progress
from index.readers.text import read_text

Reader = Callable[[Path, bytes], Document]
Sniffer = Callable[[bytes], bool]

READERS: dict[str, Reader] = {}  # lower-case suffix with its dot → reader
SNIFFERS: list[tuple[Sniffer, Reader]] = []  # tried in order on the file's bytes, the latest registered first
SUPPORTED_SUFFIXES: set[str] = set()  # what a folder walk picks up; kept in step by register()


def register(reader: Reader, suffixes: Iterable[str], sniff: Sniffer | None = None) -> None:
    for suffix in suffixes:
        suffix = suffix.lower() if suffix.startswith(".") else "." + suffix.lower()
        READERS[suffix] = reader
        SUPPORTED_SUFFIXES.add(suffix)
    if sniff is not None:
        SNIFFERS.insert(0, (sniff, reader))  # a later registration overrides an earlier one


register(read_text, [".txt", ".text", ".md", ".markdown"])
register(read_html, [".html", ".htm"], sniff=looks_like_html)
register(read_pdf, [".pdf"], sniff=looks_like_pdf)
register(read_docx, [".docx"], sniff=looks_like_docx)
register(read_doc, [".doc"], sniff=looks_like_doc)
register(read_odt, [".odt"], sniff=looks_like_odt)  # LibreOffice's DOCX of it, as for .doc
register(read_rtf, [".rtf"], sniff=looks_like_rtf)
register(read_mhtml, [".mht", ".mhtml"], sniff=looks_like_mhtml)
register(read_xlsx, [".xlsx"], sniff=looks_like_xlsx)  # a report's tables attached alone (附表)
SUPPORTED_SUFFIXES.update((".et", ".xls"))  # old workbooks: a folder walk picks them up to say why they are not read

# Formats whose files are containers: a file with one of these suffixes and other bytes is named for what
# it is ("not a PDF: the file is a PNG image"), not decoded as text.
_CONTAINER_SUFFIXES = {".pdf": "PDF", ".docx": "Word (DOCX) document", ".doc": "Word (DOC) document",
                       ".odt": "Writer (ODT) document", ".rtf": "Rich Text (RTF) document",
                       ".xlsx": "spreadsheet (XLSX)"}

def read_document(path: Path, progress: PageProgress | None = None) -> Document:
    """Read one report file into a Document. Raises ReportError for anything that is not a readable
    report file: missing, empty, too large, binary, an unsupported format, an undecodable encoding, an
    encrypted or damaged PDF or Word file. `progress` is told (pages done, pages in all) after each page
    of a paged format (a scanned PDF takes seconds a page)."""
    path = Path(path)
    data = _read_bytes(path)
    reader = _choose(path, data)
    try:
        with page_progress(progress):
            return reader(path, data)
    except ReportError:
        raise
    except Exception as exc:  # a reader bug or a parser's surprise must not reach the user as a traceback
        raise ReportError(str(path), f"could not read file ({type(exc).__name__}: {_one_line(exc)})") from exc


def _read_bytes(path: Path) -> bytes:
    try:
        status = path.stat()  # one stat for both questions (is_dir() was a second)
        if S_ISDIR(status.st_mode):
            raise ReportError(str(path), "is a folder, not a file")
        from index.corpus import check_size  # the one size limit (QA_MAX_FILE_MB), also for a file read alone

        check_size(path, status.st_size)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportError(str(path), "file not found") from None
    except PermissionError:
        raise ReportError(str(path), "permission denied") from None
    except OSError as exc:
        raise ReportError(str(path), f"cannot read file ({_one_line(exc.strerror or exc)})") from None
    if not data:
        raise ReportError(str(path), EMPTY)
    return data


def _choose(path: Path, data: bytes) -> Reader:
    """Binary containers go by content only; text files by suffix, else by content, else as plain text
    (the decoder then rejects binaries and unknown encodings with its own message)."""
    container = document_kind(data)
    kind = binary_kind(data)
    if old_sheet := _old_spreadsheet(path, data):
        raise ReportError(str(path), f"an old-format spreadsheet ({old_sheet}) is not read: save it as .xlsx "
                                     "(Excel workbook) and add that file")
    if container or kind:
        for sniff, reader in SNIFFERS:
            if _safe_sniff(sniff, data):
                return reader
        expected = _CONTAINER_SUFFIXES.get(path.suffix.lower())
        if expected:
            zip_kind = "that is no Word document" if "Word" in expected else "of another kind"
            what = {"ZIP": f"a ZIP archive {zip_kind}",
                    "DOC/XLS/WPS (OLE2)": "an Office file (OLE2) without a Word document in it"
                    }.get(kind or "", f"the file is a {kind}")
            raise ReportError(str(path), f"not a {expected}: {what}")
        if container:
            raise ReportError(str(path), f"unsupported file format ({container})")
        return read_text  # images and archives: the decoder names them as binary
    reader = READERS.get(path.suffix.lower())
    if path.suffix.lower() in _CONTAINER_SUFFIXES and not any(
            _safe_sniff(sniff, data) for sniff, r in SNIFFERS if r is reader):
        raise ReportError(str(path), f"not a {_CONTAINER_SUFFIXES[path.suffix.lower()]}: the file holds text "
                                     "or unknown bytes")
    if reader is read_text and holds_html(data):
        return read_html  # a saved web page named .txt: read by its content
    if reader is not None:
        return reader
    for sniff, reader in SNIFFERS:
        if _safe_sniff(sniff, data):
            return reader
    return read_text


def _old_spreadsheet(path: Path, data: bytes) -> str | None:
    """'WPS .et' or 'Excel .xls' for an OLE2 workbook (no Word document in it): no reader here takes these
    BIFF-style files offline (LibreOffice Calc is not installed with Writer; xlrd is no dependency), so they
    are refused with what to do instead of as an unknown binary."""
    if not data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or looks_like_doc(data):
        return None
    suffix = path.suffix.lower()
    if suffix in (".et", ".ett") or b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data or b"B\x00o\x00o\x00k\x00" in data:
        return "WPS .et" if suffix in (".et", ".ett") else "Excel .xls"
    return None


def _safe_sniff(sniff: Sniffer, data: bytes) -> bool:
    try:
        return bool(sniff(data))
    except Exception:  # a faulty sniffer only loses its claim
        return False


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]


__all__ = ["READERS", "SNIFFERS", "SUPPORTED_SUFFIXES", "PageProgress", "Reader", "read_document", "register"]
