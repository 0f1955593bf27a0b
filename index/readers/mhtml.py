"""Web pages saved as one file (.mht by Internet Explorer and Word, .mhtml by Chrome and Edge): a MIME
archive whose first text/html part is the page (its frames parts of their own, by Content-ID). The page is
read by the HTML reader; the archive's other parts (pictures, style sheets) carry no report text."""

from __future__ import annotations

import email
import email.policy
import html as html_lib
import re
from pathlib import Path

from index.errors import ReportError
from index.model import Document
from index.readers.html import looks_like_html, read_html

_HEAD = 4096  # bytes: where an archive states its MIME type
_CID_FRAME = re.compile(r"""(<i?frame\b[^>]*?\s)src\s*=\s*["']?cid:([^"'\s>]+)["']?""", re.I)


def looks_like_mhtml(data: bytes) -> bool:
    head = data[:_HEAD].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def read_mhtml(path: Path, data: bytes) -> Document:
    if not looks_like_mhtml(data) and looks_like_html(data):
        return read_html(path, data)  # a plain web page under an archive's name
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        raise ReportError(str(path), "a saved web page archive (MHTML) without an HTML page in it")
    html = page.get_payload(decode=True) or b""
    charset = page.get_content_charset()
    if b"cid:" in html:
        html, charset = _frames_inlined(message, html, charset), "utf-8"
    if charset and b"charset" not in html[:_HEAD].lower():
        # The archive states the page's encoding in its part header; the HTML reader reads it from a <meta>.
        html = f'<meta charset="{charset}">'.encode("ascii") + html
    return read_html(path, html)


def _text(part, data: bytes | None = None) -> str:
    raw = part.get_payload(decode=True) or b"" if data is None else data
    return raw.decode(part.get_content_charset() or "utf-8", errors="replace")


def _frames_inlined(message, html: bytes, charset: str | None) -> bytes:
    """Chrome saves a frame's document as a part of its own, the <iframe> pointing at it by Content-ID
    (cid:frame-…@mhtml.blink): the frame given as srcdoc, which the HTML reader reads in place."""
    frames = {(part.get("Content-ID") or "").strip("<> "): part for part in message.walk()
              if part.get_content_type() == "text/html" and part.get("Content-ID")}
    page = html.decode(charset or "utf-8", errors="replace")

    def inlined(m: re.Match) -> str:
        part = frames.get(m.group(2))
        return m.group(0) if part is None else f'{m.group(1)}srcdoc="{html_lib.escape(_text(part))}"'

    return _CID_FRAME.sub(inlined, page).encode("utf-8")
