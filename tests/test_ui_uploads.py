"""Uploads as the app stores them: names we make (never the user's), a size limit, duplicates stored once,
bad files out with their reason, good ones indexed incrementally, and the index never lost."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from index.build import build_index, current_generation, read_manifest
from index.errors import ReportError
from ui import uploads

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture
def small(tmp_path) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "000_bd0b500898aa4917.txt", corpus)
    build_index(corpus, index)
    return corpus, index


def test_display_names_are_sanitised():
    assert uploads.display_name("../../etc/passwd") == "passwd"
    assert uploads.display_name("C:\\Users\\x\\年报.txt") == "年报.txt"
    assert uploads.display_name("a\x00b\u202ec.txt") == "abc.txt"
    assert uploads.display_name("   ") == "未命名文件"
    long = uploads.display_name("长" * 200 + ".html")
    assert len(long) <= 81 and long.endswith(".html")


def test_only_known_suffixes():
    assert uploads.suffix_of("报告.TXT") == ".txt"
    assert uploads.suffix_of("a.html") == ".html"
    assert uploads.suffix_of("a.pdf") == ".pdf" and uploads.suffix_of("a.docx") == ".docx"
    assert uploads.suffix_of("a.xlsx") == ".xlsx"  # a report's tables alone (附表): read when titled
    assert uploads.suffix_of("a.pptx") is None and uploads.suffix_of("noext") is None
    assert uploads.suffix_of("x.txt/../../y") is None


def test_good_and_bad_files(small):
    corpus, index = small
    before = current_generation(index).name
    good = (FIXTURES / "yichuan.html").read_bytes()
    files = [("../../evil/伊川 年报.html", good),
             ("binary.txt", bytes(range(256)) * 8),
             ("notes.txt", "会议纪要\n今天讨论了食堂菜单。\n".encode()),
             ("empty.txt", b""),
             ("scan.pdf", b"%PDF-1.4 ..."),
             ("huge.txt", b"x" * (uploads.MAX_BYTES + 1))]
    seen = []
    results, summary = uploads.add_uploads(files, corpus, index, progress=lambda d, t, n: seen.append((d, t)))
    assert [r.status for r in results] == ["added", "rejected", "rejected", "rejected", "rejected", "rejected"]
    assert results[0].name == "伊川 年报.html" and results[0].agency == "伊川县城市管理局" and results[0].facts > 100
    assert results[0].reason == ""  # no other report of 伊川 2020 in this index
    assert results[1].reason and results[2].reason  # the reader's and the extractor's own words
    assert "空" in results[3].reason and "PDF 文件已损坏" in results[4].reason and "20 MB" in results[5].reason
    assert all(not english_words(r.reason) for r in results[1:])  # the readers' reasons, said in Chinese
    assert seen and seen[-1][0] == seen[-1][1]
    # stored under a name we made; nothing of the user's name is a path; bad files are not kept
    stored = sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())
    assert stored == sorted(["000_bd0b500898aa4917.txt", results[0].stored, "uploads/.names.json"])
    assert results[0].stored.startswith("uploads/") and "伊川" not in results[0].stored
    assert not (corpus.parent / "evil").exists()
    assert uploads.load_names(corpus) == {Path(results[0].stored).name: "伊川 年报.html"}
    # indexed incrementally: the old report reused, the new one read
    assert summary.reused == 1 and summary.read == 1
    assert current_generation(index).name != before
    assert {f.agency for f in read_manifest(index).files} == {"沙河市城市管理综合行政执法局", "伊川县城市管理局"}


def test_only_bad_files_write_no_generation_and_each_is_said_with_its_reason(small):
    """Files that pass the upload's own checks but that no reader can read: refused, each with its reason in
    Chinese, removed again, and the index left as it was (no new generation, nothing in its folder)."""
    corpus, index = small
    before = current_generation(index).name
    folders = sorted(p.name for p in index.iterdir())
    results, summary = uploads.add_uploads([("scan.pdf", b"%PDF-1.4 ..."),
                                            ("notes.txt", "会议纪要\n今天讨论了食堂菜单。\n".encode())], corpus, index)
    assert [(r.name, r.status) for r in results] == [("scan.pdf", "rejected"), ("notes.txt", "rejected")]
    assert "PDF 文件已损坏" in results[0].reason and results[1].reason
    assert all(not english_words(r.reason) for r in results)
    assert current_generation(index).name == before == summary.manifest.generation
    assert sorted(p.name for p in index.iterdir()) == folders
    assert sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()) == [
        "000_bd0b500898aa4917.txt", "uploads/.names.json"]
    assert uploads.load_names(corpus) == {}


def test_same_content_twice_is_stored_once(small):
    corpus, index = small
    seed = (ROOT / "corpus" / "000_bd0b500898aa4917.txt").read_bytes()
    report = (FIXTURES / "hegang_2021.txt").read_bytes()
    results, summary = uploads.add_uploads([("copy.txt", seed), ("a.txt", report), ("b.txt", report)], corpus, index)
    assert [r.status for r in results] == ["duplicate", "added", "duplicate"]
    assert "000_bd0b500898aa4917.txt" in results[0].reason
    assert len(read_manifest(index).files) == 2
    again, summary = uploads.add_uploads([("again.txt", report)], corpus, index)
    assert again[0].status == "duplicate" and summary is None
    assert "a.txt" in again[0].reason  # named by the name it was uploaded under


def test_a_build_over_its_memory_limit_stops_its_own_process_and_leaves_index_and_corpus_as_they_were(
        small, monkeypatch):
    """The upload's build runs in a process of its own with a memory limit: over it, that process stops (not
    this one, which stands for the server), the upload says why, and index and corpus stay as they were."""
    import resource

    corpus, index = small
    before = current_generation(index)
    monkeypatch.setenv(uploads.MEMORY_ENV, "150")  # a build of one report takes about 400 MB of address space
    with pytest.raises(ReportError) as err:
        uploads.add_uploads([("a.html", (FIXTURES / "yichuan.html").read_bytes())], corpus, index)
    assert uploads.MEMORY_ENV in err.value.problem and "150 MB" in err.value.problem
    assert resource.getrlimit(resource.RLIMIT_AS)[0] == resource.RLIM_INFINITY  # this process is not limited
    assert current_generation(index) == before and before.is_dir()
    assert sorted(p.name for p in corpus.glob("*.*")) == ["000_bd0b500898aa4917.txt"]
    assert not list((corpus / "uploads").glob("*.html"))


def test_a_second_report_for_the_same_agency_and_year_is_added_with_a_warning(small):
    corpus, index = small
    shutil.copy(ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt", corpus)  # 伊川 2020 as text
    build_index(corpus, index)
    results, _ = uploads.add_uploads([("伊川.html", (FIXTURES / "yichuan.html").read_bytes())], corpus, index)
    assert results[0].status == "added"
    assert "伊川县城市管理局2020年" in results[0].reason and "002_f3bbfa1004ed2dd6.txt" in results[0].reason


# ---------------------------------------------------------------- reasons in Chinese (ui/reasons.py)
# Names a Chinese sentence keeps as they are: formats, encodings, units, the setting to change, a file's suffix.
KEPT = re.compile(r"PDF|Word|Excel|DOCX|DOC|XLS|WPS|ZIP|PNG|MHTML|UTF|GB18030|Big5|MB|KB|LibreOffice|Office|QA_\w+|\.[a-z]{2,4}\b")


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", KEPT.sub("", text))


def _bad_files(folder: Path) -> dict[str, bytes]:
    """Files a user brings that are no readable report, one of each kind the readers and the extractor name."""
    import io
    import zipfile

    import pypdfium2 as pdfium
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(png, format="PNG")
    corrupt = io.BytesIO()
    with zipfile.ZipFile(corrupt, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document><w:body><w:p>not xml")
    pdf = pdfium.PdfDocument.new()
    for _ in range(3):
        pdf.new_page(200, 200)
    pages = io.BytesIO()
    pdf.save(pages)
    pdf.close()
    return {"junk.docx": "这不是Word文件，只是一段文字。".encode(), "broken.docx": b"PK\x03\x04garbage" * 20,
            "corrupt.docx": corrupt.getvalue(), "photo.pdf": png.getvalue(), "scan.pdf": b"%PDF-1.4 ...",
            "book.pdf": pages.getvalue(), "binary.txt": bytes(range(256)) * 8, "photo.txt": png.getvalue(),
            "notes.txt": "会议纪要\n今天讨论了食堂菜单。\n".encode(), "empty.html": b"",
            "blank.html": b"<html><head><title>x</title></head><body> </body></html>",
            "tables.xlsx": _bare_workbook(), "sheet.et": _ole2_workbook(),
            "attached.html": _page("某县2023年政府信息公开工作年度报告", "<p>发布时间：2024-01-20</p><p>附件："
                                   "<a href='/a.pdf'>某县2023年政府信息公开工作年度报告.pdf</a></p>"),
            "paged.html": _page("某县2023年政府信息公开工作年度报告", "<p>五、存在的主要问题及改进情况</p><p>公开内容不够"
                                "全面。</p><p>六、其他需要报告的事项</p><p>无。</p><div class='pager'>第3页　共3页　<a href='1.html'>"
                                "首页</a> <a href='2.html'>上一页</a> <a href='1.html'>1</a> <a href='2.html'>2</a> <b>3</b> "
                                "<a>下一页</a> <a>尾页</a></div>"),
            "column.html": _page("政府信息公开年报", "<ul>" + "".join(
                f"<li><a href='/{y}.html'>某县{y}年政府信息公开工作年度报告</a> {y + 1}-01-20</li>"
                for y in range(2015, 2025)) + "</ul>")}


def _ole2_workbook() -> bytes:
    """The start of an OLE2 compound file holding a Workbook stream and no Word document (WPS .et, Excel .xls)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2000)


def _bare_workbook() -> bytes:
    """A report's tables saved alone as a workbook (附表): no title says whose report or which year."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in (["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", 0, 0, 0], ["行政规范性文件", 3, 1, 20]):
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _page(title: str, body: str) -> bytes:
    return f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>{body}</body></html>" \
        .encode()


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    """A corpus of one seed and every kind of bad file, built: the manifest's reasons are the readers' own."""
    mp = pytest.MonkeyPatch()
    mp.setenv("QA_MAX_PAGES", "2")  # book.pdf has 3 pages
    base = tmp_path_factory.mktemp("bad-files")
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(ROOT / "corpus" / "000_bd0b500898aa4917.txt", corpus)
    for name, data in _bad_files(corpus).items():
        (corpus / name).write_bytes(data)
    try:
        build_index(corpus, base / "index", embed=False)
    finally:
        mp.undo()
    return read_manifest(base / "index").skipped


@pytest.mark.parametrize("name", sorted(["junk.docx", "broken.docx", "corrupt.docx", "photo.pdf", "scan.pdf", "book.pdf",
                                         "binary.txt", "photo.txt", "notes.txt", "empty.html", "blank.html",
                                         "attached.html", "column.html", "tables.xlsx", "paged.html", "sheet.et"]))
def test_every_reason_a_reader_gives_has_its_chinese_words(bad_build, name):
    """Each reason the readers and the extractor give for a real bad file is a kind of the table, said in
    Chinese: no English sentence reaches the page (a kind the table lacks would be said framed, with its
    English words, and fail here)."""
    from ui.reasons import chinese, kind_of

    reason = bad_build[name]
    assert kind_of(reason), reason
    said = chinese(reason)
    assert said and not english_words(said), (reason, said)


def test_a_reason_no_kind_knows_is_still_said_in_chinese_with_its_words():
    from ui.reasons import chinese

    assert chinese("some new problem") == "无法读取（some new problem）"
    assert chinese("文件过大（21.0 MB），上限 20 MB") == "文件过大（21.0 MB），上限 20 MB"  # the upload's own words
    assert chinese("not a PDF: the file is a PNG image") == "不是真正的 PDF 文件，文件其实是 PNG 图片"
