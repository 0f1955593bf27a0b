"""From a file to the report model: pick the reader for the file's format and run it.

Readers are registered by suffix, and may also register a sniffer that recognises their format from the
bytes (for files with an unknown or missing suffix, and for binary containers whatever their suffix: a
PDF named .txt is still a PDF). A later PDF or DOCX reader plugs in with one call:

    register(read_pdf, [".pdf"], sniff=lambda data: data.startswith(b"%PDF-"))

Every failure reaches the caller as ReportError with a one-line message, never as a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from index.errors import ReportError
from index.model import Document
from index.readers.encoding import EMPTY, binary_kind, document_kind
from index.readers.html import holds_html, looks_like_html, read_html
from index.readers.text import read_text

Reader = Callable[[Path, bytes], Document]
Sniffer = Callable[[bytes], bool]

READERS: dict[str, Reader] = {}  # lower-case suffix with its dot → reader
SNIFFERS: list[tuple[Sniffer, Reader]] = []  # tried in order on the file's bytes
SUPPORTED_SUFFIXES: set[str] = set()  # what a folder walk picks up; kept in step by register()


def register(reader: Reader, suffixes: Iterable[str], sniff: Sniffer | None = None) -> None:
    for suffix in suffixes:
        suffix = suffix.lower() if suffix.startswith(".") else "." + suffix.lower()
        READERS[suffix] = reader
        SUPPORTED_SUFFIXES.add(suffix)
    if sniff is not None:
        SNIFFERS.append((sniff, reader))


register(read_text, [".txt", ".text", ".md", ".markdown"])
register(read_html, [".html", ".htm"], sniff=looks_like_html)


def read_document(path: Path) -> Document:
    """Read one report file into a Document. Raises ReportError for anything that is not a readable
    report file: missing, empty, binary, an unsupported format, an undecodable encoding."""
    path = Path(path)
    data = _read_bytes(path)
    reader = _choose(path, data)
    try:
        return reader(path, data)
    except ReportError:
        raise
    except Exception as exc:  # a reader bug or a parser's surprise must not reach the user as a traceback
        raise ReportError(str(path), f"could not read file ({type(exc).__name__}: {_one_line(exc)})") from exc


def _read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ReportError(str(path), "is a folder, not a file")
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
    if container or binary_kind(data):
        for sniff, reader in SNIFFERS:
            if _safe_sniff(sniff, data):
                return reader
        if container:
            raise ReportError(str(path), f"unsupported file format ({container})")
        return read_text  # images and archives: the decoder names them as binary
    reader = READERS.get(path.suffix.lower())
    if reader is read_text and holds_html(data):
        return read_html  # a saved web page named .txt: read by its content
    if reader is not None:
        return reader
    for sniff, reader in SNIFFERS:
        if _safe_sniff(sniff, data):
            return reader
    return read_text


def _safe_sniff(sniff: Sniffer, data: bytes) -> bool:
    try:
        return bool(sniff(data))
    except Exception:  # a faulty sniffer only loses its claim
        return False


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200]


__all__ = ["READERS", "SNIFFERS", "SUPPORTED_SUFFIXES", "Reader", "read_document", "register"]
