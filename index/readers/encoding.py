"""Bytes to text, or a one-line reason why the bytes are not a text we can read.

Order matters: a byte-order mark is certain; UTF-16 without a mark shows itself by NUL bytes in every other
position; strict UTF-8 almost never succeeds by accident, so it is tried before GB18030, which decodes a
lot of non-Chinese bytes without error and is only accepted when the result looks like Chinese text."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from index.errors import ReportError

EMPTY = "empty file"
BINARY = "binary file, not text"
UNREADABLE = "unreadable encoding (not UTF-8, UTF-16, GB18030 or Big5)"

_BOMS: list[tuple[bytes, str, str]] = [  # mark, name reported, codec for the bytes after the mark
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
]

# Magic numbers of formats that are certainly not text. Document containers get a name so that the
# dispatcher can say "unsupported file format (PDF)"; the others are just binary.
_DOCUMENT_MAGIC: list[tuple[bytes, str]] = [
    (b"%PDF-", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "DOC/XLS/WPS (OLE2)"),
    (b"{\\rtf", "RTF"),
]
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OTHER_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"BM", "BMP image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable"),
    (b"MZ", "executable"),
]

# C0 controls other than tab, LF, VT, FF, CR, plus DEL: no UTF-8 or GB18030 multi-byte sequence contains
# these bytes, so their share in the raw bytes tells binary from text in an unknown encoding.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_MAX_CONTROL_SHARE = 0.01  # stray NULs from a PDF paste are tolerated; random bytes have ~11 %


def document_kind(data: bytes) -> str | None:
    """The name of a binary document container (PDF, DOCX, ...) the bytes start with, else None."""
    for magic, name in _DOCUMENT_MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(_ZIP_MAGIC):
        head = data[:4096]  # the first local file names tell OOXML, OFD and plain ZIP apart
        if b"word/" in head:
            return "DOCX"
        if b"xl/" in head:
            return "XLSX"
        if b"ppt/" in head:
            return "PPTX"
        if b"OFD.xml" in head:
            return "OFD"
        if b"mimetypeapplication/vnd.oasis" in head:
            return "ODF"
        return "ZIP"
    return None


def binary_kind(data: bytes) -> str | None:
    """The name of any known binary format the bytes start with (documents, images, archives), else None."""
    kind = document_kind(data)
    if kind:
        return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WebP image"
    for magic, name in _OTHER_MAGIC:
        if data.startswith(magic):
            return name
    return None


def decode(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode a text file's bytes. Returns (text without BOM, encoding name); raises ReportError."""
    if not data:
        raise ReportError(str(path), EMPTY)
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            text = _strict(data[len(bom) :], codec)
            if text is None:
                fixed = _repair(data[len(bom) :], codec)
                if fixed is None:
                    raise ReportError(str(path), UNREADABLE)
                text, name = fixed[0], name + REPAIRED
            return _checked(text, name, path)
    kind = binary_kind(data)
    if kind:
        raise ReportError(str(path), f"{BINARY} ({kind})")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(utf16[0], utf16[1], path)
    if _NUL_BLOCK in data:  # robust: a zeroed block (a damaged disk or download) is a damaged line
        text, encoding = decode(_NUL_RUN.sub(_NUL_MARK, data), path)
        return text.replace(chr(_NUL_MARK[0]), "\ufffd"), encoding.removesuffix(REPAIRED) + REPAIRED
    if _control_share(data) > _MAX_CONTROL_SHARE:
        raise ReportError(str(path), BINARY)
    text = _strict(data, "utf-8")
    if text is not None:
        return _checked(text, "utf-8", path)
    text = _strict(data, "gb18030")
    if text is not None and looks_chinese(text):
        return _checked(text, "gb18030", path)
    text = _strict(data, "cp950")  # 繁體 text saved in Big5 (a 繁體 portal's copy, a Taiwan or Hong Kong editor)
    if text is not None and looks_chinese(text, _common_big5):
        return _checked(text, "big5", path)
    fixed = min(filter(None, (_repair(data, "utf-8"), _repair(data, "gb18030"))), key=lambda f: f[1], default=None)
    if fixed is not None:
        return _checked(fixed[0], fixed[2] + REPAIRED, path)
    raise ReportError(str(path), UNREADABLE)


# ---------------------------------------------------------------- robust: decoding with repair
# A flipped or cut byte must not cost the whole report: when no encoding decodes the bytes strictly, the
# one that needs fewest replacements (U+FFFD) is taken if they are few, and the encoding name says so
# (index.extract names the damaged lines in the report's warnings). Latin-1 or random bytes need far more.
REPAIRED = "+repaired"
_MAX_REPAIRS = 16  # bad sequences always accepted in a file ...
_MAX_REPAIR_SHARE = 0.02  # ... and beyond that up to this share of its characters ...
_CJK_PER_REPAIR = 5  # ... or when the file holds this many Chinese characters per bad sequence
_CJK = re.compile("[\u4e00-\u9fff]")
_NUL_RUN = re.compile(rb"\x00{8,}")  # NULs in a row, not UTF-16 (decided before): a zeroed block
_NUL_BLOCK = b"\x00" * 8  # the shortest such run: looked for by `in` (~100x faster than the regex's search)
_NUL_MARK = b"\x1a"  # one ASCII control byte stands for the run while decoding, then becomes U+FFFD


def _repair(data: bytes, encoding: str) -> tuple[str, int, str] | None:
    """(text, replacements, encoding) when `data` decodes in `encoding` with few replacements, else None."""
    cut = encoding.startswith("utf-16") and len(data) % 2 == 1  # a cut last code unit
    try:
        text = data[: len(data) - cut].decode(encoding, "replace") + "\ufffd" * cut
    except LookupError:
        return None
    bad = text.count("\ufffd") - _strict_count(data, encoding)
    if bad <= 0 or (bad > max(_MAX_REPAIRS, _MAX_REPAIR_SHARE * len(text))
                    and len(_CJK.findall(text)) < _CJK_PER_REPAIR * bad):
        return None
    if encoding == "gb18030" and not looks_chinese(text.replace("\ufffd", "")):
        return None
    return text, bad, encoding


def _strict_count(data: bytes, encoding: str) -> int:
    """Replacement characters the bytes hold as text (written in the file, not made by decoding)."""
    mark = "\ufffd".encode(encoding) if not encoding.startswith("utf-16") else None
    return data.count(mark) if mark else 0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _checked(text: str, encoding: str, path: Path | str) -> tuple[str, str]:
    """Reject what decoded but is not text: nothing left, or control characters everywhere."""
    if not text.replace("\ufeff", "").strip(" \t\r\n\x00\u3000"):
        raise ReportError(str(path), EMPTY)
    if not looks_textual(text):
        raise ReportError(str(path), BINARY)
    return text, encoding


def _control_share(data: bytes) -> float:
    return (len(data) - len(data.translate(None, _CONTROL_BYTES))) / len(data)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a mark: ASCII characters (digits, tabs, line ends) leave a NUL in the high byte,
    so NULs cluster in odd positions (LE) or even positions (BE). Chinese characters of the form U+xx00
    put a few NULs on the other side, hence a ratio and not a strict rule."""
    if len(data) < 2 or b"\x00" not in data:
        return None
    sample = data[: 1 << 16]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    units = len(sample) // 2
    if odd >= 4 * max(even, 1) and odd >= 0.02 * units:
        encoding = "utf-16-le"
    elif even >= 4 * max(odd, 1) and even >= 0.02 * units:
        encoding = "utf-16-be"
    else:
        return None
    if len(data) % 2:  # robust: a cut last byte is repaired, not a reason to call the file binary
        fixed = _repair(data, encoding)
        text, encoding = (fixed[0], encoding + REPAIRED) if fixed else (None, encoding)
    else:
        text = _strict(data, encoding)
    if text is None or not looks_textual(text) or len(_PRIVATE_USE.findall(text)) > 0.05 * len(text):
        return None  # bytes that merely decode as UTF-16 land in private use and controls
    return text, encoding


def looks_textual(text: str) -> bool:
    """Few control characters: text may hold a stray NUL or form feed, binary data holds many."""
    return len(_CONTROL_CHARS.findall(text)) <= _MAX_CONTROL_SHARE * len(text)


# Characters a Chinese report is made of besides ASCII: punctuation and symbols of GB2312.
_PUNCTUATION = set("·×÷°±§¨―‖…‰′″※℃№←↑→↓∶■□▲△◆◇○◎●★☆、。〃々〈〉《》「」『』【】〔〕〖〗" "‘’“”—–")


def looks_chinese(text: str, common=None) -> bool:
    """Whether a GB18030 decoding is plausible. Judged on the non-ASCII characters only, since a Latin-1
    text is mostly ASCII: in real GBK text nearly all of them are common (GB2312) characters, CJK
    punctuation or full-width forms; Latin-1 or random high bytes decode to rare GBK-extension characters,
    private-use code points and four-byte GB18030 sequences. `common`: the test of a character (GB2312's by
    default; Big5's common characters for a Big5 decoding)."""
    common = common or _common_chinese
    wide = good = 0
    for ch, n in Counter(text).items():  # each distinct character judged once: a report has a few thousand
        if ord(ch) > 0x7F and not ch.isspace():
            wide += n
            good += n if common(ch) else 0
    if not wide:
        return True  # pure ASCII never reaches here (it is UTF-8), but it would be fine
    return good >= 0.9 * wide


@lru_cache(maxsize=1 << 16)
def _common_chinese(ch: str) -> bool:
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or ch in _PUNCTUATION:
        return True
    if 0x2460 <= code <= 0x249B or 0x2160 <= code <= 0x216B or 0x3220 <= code <= 0x3229:
        return True  # ① ⑴ ⒈ Ⅰ ㈠: enumerators reports use
    if 0x4E00 <= code <= 0x9FFF:
        try:
            ch.encode("gb2312")
            return True
        except UnicodeEncodeError:
            return False
    return False


@lru_cache(maxsize=1 << 16)
def _common_big5(ch: str) -> bool:
    """Punctuation, or an ideograph of Big5's level 1 (its 5,401 frequent characters, lead bytes A4–C6): GBK
    bytes that happen to decode as Big5 land in level 2 and the symbol rows as often."""
    code = ord(ch)
    if 0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or ch in _PUNCTUATION:
        return True
    if 0x4E00 <= code <= 0x9FFF:
        try:
            return 0xA4 <= ch.encode("cp950")[0] <= 0xC6
        except UnicodeEncodeError:
            return False
    return False
