"""Why a file was not read or the index not updated, in the app's language. The readers, the extractor and the
build state their reasons in English, the language of the `qa` command's messages; the app shows every such
reason through this one table of reason kinds, each an English pattern and its Chinese text (the pattern's
named parts filled in, format names put into Chinese by FORMATS). A reason no kind matches still reaches the
user, framed in Chinese with its own words, never as a traceback."""

from __future__ import annotations

import re

# Format and content names that reasons use (index/readers: _CONTAINER_SUFFIXES, encoding's magic numbers).
FORMATS = {
    "Word (DOCX) document": "Word 文档（DOCX）", "Word (DOC) document": "Word 文档（DOC）", "PDF": "PDF 文件",
    "DOCX": "Word 文档（DOCX）", "XLSX": "Excel 表格（XLSX）", "spreadsheet (XLSX)": "Excel 表格（XLSX）",
    "Writer (ODT) document": "Writer 文档（ODT）", "Rich Text (RTF) document": "RTF 文件", "PPTX": "PowerPoint 演示文稿（PPTX）",
    "OFD": "OFD 版式文件", "ODF": "OpenDocument 文件", "ZIP": "ZIP 压缩包", "RTF": "RTF 文件",
    "DOC/XLS/WPS (OLE2)": "旧版 Office 文件（DOC/XLS/WPS）", "gzip archive": "gzip 压缩包",
    "7z archive": "7z 压缩包", "RAR archive": "RAR 压缩包", "executable": "可执行程序",
    "a ZIP archive that is no Word document": "文件是一个不含 Word 正文的 ZIP 压缩包",
    "an Office file (OLE2) without a Word document in it": "文件是一个不含 Word 文档的旧版 Office 文件",
    "the file holds text or unknown bytes": "文件里是纯文字或无法识别的内容",
}
_IMAGE = re.compile(r"(\w+) image")


def format_name(name: str) -> str:
    name = name.strip()
    if name in FORMATS:
        return FORMATS[name]
    if m := _IMAGE.fullmatch(name):
        return f"{m.group(1)} 图片"
    if name.startswith("the file is a "):
        return "文件其实是 " + format_name(name.removeprefix("the file is a "))
    return name


# (kind, English pattern, Chinese text). Patterns are matched in order against the whole reason; {name} in the
# text is the pattern's group of that name (those named `fmt` go through format_name first).
KINDS: tuple[tuple[str, str, str], ...] = (
    ("empty", r"empty file", "文件是空的"),
    ("binary", r"binary file, not text(?: \((?P<fmt>.+)\))?", "不是文本文件{fmt_paren}，读不出报告的文字"),
    ("encoding", r"unreadable encoding.*", "无法识别文字编码（不是 UTF-8、UTF-16、GB18030 或 Big5），读不出文字"),
    ("wrong_format", r"not a (?P<fmt>PDF|Word \(DOCX\) document|Word \(DOC\) document|Writer \(ODT\) document|"
                     r"Rich Text \(RTF\) document|spreadsheet \(XLSX\)): (?P<fmt2>.+)",
     "不是真正的 {fmt}，{fmt2}"),
    ("unsupported", r"unsupported file format \((?P<fmt>.+)\)", "不支持的文件格式（{fmt}）"),
    ("listing", r"not a report but a page listing (?P<n>\d+) reports \((?P<titles>.+?)…?\): .*",
     "这是列出 {n} 份报告的栏目页（{titles}…），不是报告本身：请打开或保存报告自己的页面"),
    ("attachment", r"not the report but a page linking to it as an attachment \((?P<name>.+)\): .*",
     "这是以附件链接报告的页面，报告在附件「{name}」里：请打开或保存那个文件"),
    ("paged", r"page (?P<k>\d+) of (?P<m>\d+) of an article its site cut into pages.*",
     "这是网站把一篇文章分成 {m} 页后的第 {k} 页，没有报告的表格：报告的其余部分在其他分页上，请保存每一页或文章的打印页面"),
    ("not_report", r"not a government information disclosure annual report.*",
     "不像政府信息公开工作年度报告（没有找到年报模板的表格或其中的数字）"),
    ("docx_damaged", r"damaged Word document.*", "Word 文档已损坏，无法打开"),
    ("sheet_bare", r"a spreadsheet of tables only \(附表\), without the report's title.*",
     "只有表格的 Excel 文件（附表），没有报告的标题：无法知道是哪个机关哪一年的报告，请上传报告本身"),
    ("sheet_data", r"a spreadsheet with a data sheet \((?P<sheet>.+): (?P<rows>\d+) rows\), not a report's tables",
     "Excel 文件里的「{sheet}」是 {rows} 行的数据表，不是年报的表格"),
    ("sheet_damaged", r"damaged (?:or unreadable )?spreadsheet.*", "Excel 文件已损坏，无法打开"),
    ("sheet_old", r"an old-format spreadsheet \((?P<fmt>WPS \.et|Excel \.xls)\) is not read.*",
     "旧格式表格（{fmt}）读不了：请另存为 .xlsx（Excel 工作簿）后再上传"),
    ("docx_not_word", r"not a Word document: .*", "不是 Word 文档（压缩包里没有 Word 正文）"),
    ("docx_no_text", r"no text in the Word document", "Word 文档里没有文字"),
    ("doc_libreoffice", r"DOC files need LibreOffice.*",
     "DOC 文件需要 LibreOffice 转换，本机未安装（可先另存为 DOCX 或 PDF 再上传）"),
    ("doc_timeout", r"LibreOffice did not convert the DOC within (?P<n>\S+) s",
     "DOC 文件转换超时（{n} 秒内未完成），可先另存为 DOCX 或 PDF 再上传"),
    ("doc_failed", r"LibreOffice could not convert the DOC.*", "DOC 文件无法转换（已损坏或不是 Word 文件）"),
    ("pdf_encrypted", r"encrypted PDF.*", "PDF 已加密，需要密码才能打开"),
    ("pdf_damaged", r"damaged PDF.*", "PDF 文件已损坏，无法打开"),
    ("pdf_empty", r"PDF without pages", "PDF 里没有页面"),
    ("pdf_pages", r"PDF of (?P<n>\d+) pages, more than the limit of (?P<limit>\d+).*",
     "PDF 共 {n} 页，超过一份报告 {limit} 页的上限"),
    ("pdf_no_text", r"no text in the PDF.*", "PDF 里没有文字（既没有文字层，扫描页面也未能识别出文字）"),
    ("pdf_unmapped", r"no readable text in the PDF.*", "PDF 的字体没有把字形对应到文字，页面也未能用 OCR 识别出文字"),
    ("mhtml_no_page", r"a saved web page archive \(MHTML\) without an HTML page.*", "网页存档（MHTML）里没有网页"),
    ("html_no_text", r"no visible text in the HTML page", "网页里没有可见的文字"),
    ("html_too_large", r"HTML tables? .*too large to read.*", "网页中的表格过大（合并单元格展开后格数超过上限），无法读取"),
    ("too_large", r"file too large \((?P<size>[\d.]+) MB; the limit is (?P<limit>[\d.]+) MB.*",
     "文件过大（{size} MB），上限 {limit} MB"),
    ("too_many_lines", r"(?P<n>\d+) lines \(the limit is (?P<limit>\d+).*", "共 {n} 行，超过 {limit} 行的上限，不像一份年报"),
    ("too_many_cells", r"(?P<n>\d+) cell separators \(.*", "分隔符（| 或制表符）多达 {n} 个，不像年报的表格"),
    ("line_too_long", r"line (?P<line>\d+) is (?P<kb>\d+) KB long.*", "第 {line} 行长达 {kb} KB，不像年报的排版"),
    ("line_too_many_cells", r"line (?P<line>\d+) has (?P<n>\d+) cell separators.*",
     "第 {line} 行有 {n} 个分隔符，不像年报的表格"),
    ("not_found", r"file not found", "文件不存在"),
    ("permission", r"permission denied", "没有读取权限"),
    ("folder", r"is a folder, not a file", "这是一个文件夹，不是文件"),
    ("special", r"not a regular file.*", "不是普通文件"),
    ("unreadable", r"(?:cannot read file|cannot be read) \((?P<why>.+)\)", "无法读取文件（{why}）"),
    ("memory_file", r"out of memory while extracting", "读取时内存不足"),
    ("timeout", r"took longer than (?P<n>\S+) s.*", "读取超过 {n} 秒仍未完成，已跳过"),
    ("worker_died", r"the worker process reading it (?:was killed|died).*", "读取它的进程意外退出（可能内存不足），已跳过"),
    ("read_error", r"could not (?:read file|be extracted) \((?P<why>.+)\)", "读取时出错（{why}）"),
    # the build as a whole (an upload's index update)
    ("build_stopped", r"the index build stopped \((?P<how>[^)]*)\); it may have needed more than (?P<mb>\d+) MB.*",
     "建立索引的进程中途停止（可能是所需内存超过 {mb} MB 的上限；可设置 QA_UPLOAD_MEMORY_MB 放宽）"),
    ("build_memory", r"out of memory: the build needed more than (?P<mb>\d+) MB.*",
     "建立索引所需内存超过 {mb} MB 的上限，已停止（可设置 QA_UPLOAD_MEMORY_MB 放宽）"),
    ("no_reports", r"no report files in this folder.*", "文件夹里没有报告文件"),
    ("no_corpus", r"no such corpus folder", "语料文件夹不存在"),
    ("generation_gone", r"index generation \S+ is gone or incomplete.*", "索引刚刚更新过，请刷新页面"),
    ("build_busy", r"another build is running on this index.*", "另一个索引更新正在进行，请稍后再试"),
    ("disk_full", r"disk full.*", "磁盘已满，索引未更新"),
    ("build_failed", r"the index build failed \((?P<why>.+)\)", "建立索引时出错（{why}）"),
)
_SETTING = re.compile(r"set (QA_[A-Z_]+) to (?:change it|allow more|raise it)")
_COMPILED = tuple((kind, re.compile(pattern, re.S), text) for kind, pattern, text in KINDS)


def kind_of(reason: str) -> str | None:
    """The kind of a reason (KINDS), None when no pattern matches."""
    reason = reason.strip()
    return next((kind for kind, pattern, _ in _COMPILED if pattern.fullmatch(reason)), None)


def chinese(reason: str) -> str:
    """The reason in Chinese: its kind's text, or the reason's own words framed in Chinese. Reasons written in
    Chinese already (the upload's own checks) are kept as they are."""
    reason = (reason or "").strip()
    if not reason or not re.search(r"[A-Za-z]{3}", reason) or re.match(r"[\u4e00-\u9fff]", reason):
        return reason or "无法读取（原因未知）"
    for _, pattern, text in _COMPILED:
        m = pattern.fullmatch(reason)
        if m:
            parts = {k: (format_name(v) if k.startswith("fmt") else v) for k, v in m.groupdict().items() if v}
            parts["fmt_paren"] = f"（是 {parts['fmt']}）" if "fmt" in parts else ""
            said = text.format_map(_Blank(parts))
            setting = _SETTING.search(reason)  # a limit the user may change: its setting is kept in the words
            return said + (f"（可设置 {setting.group(1)} 调整）" if setting and setting.group(1) not in said else "")
    return f"无法读取（{reason}）"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return ""
