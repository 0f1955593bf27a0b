"""End to end in a real browser: `streamlit run ui/app.py` on a free localhost port over a temporary index of
the seeds, driven by Debian's headless Chromium through Playwright's Python package (no browser download).
Types a question, waits for the answer, checks the rendered text and saves screenshots to tests/artifacts/.

Skips only when Chromium is not installed (scripts/setup_system.sh installs it)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium; "
                                                "scripts/setup_system.sh does it when run as root)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(corpus: Path, index: Path, log_path: Path):
    """The app served by a real `streamlit run` over a corpus and its index; yields its URL."""
    port = free_port()
    env = {**os.environ, "QA_INDEX": str(index), "QA_CORPUS": str(corpus),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = log_path.open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "ui" / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                if urllib.request.urlopen(url + "/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                log.flush()
                pytest.fail("streamlit did not start:\n" + log_path.read_text()[-3000:])
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory):
    """The app over a private copy of the seed index."""
    mine = seed_index.copy(tmp_path_factory.mktemp("browser"))
    with serve(mine.corpus, mine.index, tmp_path_factory.getbasetemp() / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def test_a_first_visit_straight_to_the_findings_page(server, page):
    """The first page the server serves is /findings (a bookmark): it is the app's 核对 page, in its navigation
    and wide layout, not a page Streamlit makes of a pages/ folder (named by file, without the app's settings).
    First in this module on purpose: no session has run the main script yet."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/findings")
    page.get_by_test_id("stMain").get_by_test_id("stDataFrame").first.wait_for(timeout=90_000)
    nav = page.get_by_test_id("stSidebarNav").inner_text()
    assert "核对" in nav and "问答" in nav and "findings" not in nav and "app" not in nav.split()
    assert "核对" in page.get_by_test_id("stMain").inner_text()
    assert page.get_by_test_id("stMain").get_by_test_id("stMetric").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "ui_findings.png"))


def test_a_question_in_the_browser(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server)
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=90_000)
    page.get_by_text("试试这些问题").wait_for(timeout=90_000)
    page.screenshot(path=str(ARTIFACTS / "ui_start.png"))

    box.fill("哪个单位的行政处罚决定数量最多？")
    box.press("Enter")
    messages = page.get_by_test_id("stChatMessage")
    messages.nth(1).get_by_test_id("stTable").wait_for(timeout=90_000)  # a short table: the browser's own
    answer = messages.nth(1)
    text = answer.inner_text()
    assert "伊川县城市管理局" in text and "313" in text
    assert "理解为" in text
    answer.get_by_test_id("stVegaLiteChart").wait_for(timeout=30_000)
    assert answer.get_by_test_id("stDownloadButton").count() == 2
    # a source opens to the quoted line with the cited value marked
    answer.get_by_test_id("stExpander").first.locator("summary").click()
    mark = answer.locator("mark").first
    mark.wait_for(timeout=10_000)
    assert mark.inner_text().strip() == "313"
    page.wait_for_timeout(800)  # let the chart finish drawing
    page.screenshot(path=str(ARTIFACTS / "ui_answer.png"), full_page=True)

    # a follow-up in the same conversation
    box.fill("济南呢？")
    box.press("Enter")
    page.get_by_test_id("stChatMessage").nth(3).get_by_test_id("stTable").wait_for(timeout=90_000)
    follow_up = page.get_by_test_id("stChatMessage").nth(3).inner_text()
    assert "济南市城市管理局" in follow_up and "135" in follow_up
    assert not page.get_by_test_id("stException").count()
    page.screenshot(path=str(ARTIFACTS / "ui_follow_up.png"), full_page=True)


def test_facts_page_in_the_browser(server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(server + "/facts")
    page.get_by_test_id("stDataFrame").first.wait_for(timeout=90_000)
    body = page.get_by_test_id("stMain").inner_text()
    assert "个事实（全部）" in body
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "ui_facts.png"))


def test_the_uploader_speaks_chinese(server, page):
    page.goto(server)
    zone = page.get_by_test_id("stFileUploaderDropzone")
    zone.wait_for(timeout=90_000)
    button = zone.locator("button [data-testid=stMarkdownContainer] p")
    hint = page.get_by_test_id("stFileUploaderDropzoneInstructions").locator("span").first
    for element, english, chinese in ((button, "Upload", "选择文件"), (hint, "per file", "拖到这里")):
        assert english in element.inner_text()  # Streamlit's own words are still in the page …
        style = element.evaluate("e => [getComputedStyle(e).fontSize, getComputedStyle(e, '::after').content]")
        assert style[0] == "0px" and chinese in style[1]  # … but drawn at size 0, Chinese in their place


TRAP = free_port()  # nothing listens here: a request to it is a markdown link or image the page obeyed
TITLE_MARKDOWN = f"![x](http://127.0.0.1:{TRAP}/x.png)"  # put before a report's title line
TITLE_TAIL = f" http://127.0.0.1:{TRAP}/title www.example.com"  # and after it


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    """The seeds with markdown in their agency names (an image, a link, a bare URL), indexed and served.
    The names come from a reports.csv (a user's corrections, taken as written), so the test does not hang on
    what the extractor makes of a title line; and one report's own title line holds an image, a bare URL and
    a www. name, which its quoted passages and the answers that cite them show."""
    import csv

    from index.build import build_index

    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    names = {"000_bd0b500898aa4917.txt": f"![](http://127.0.0.1:{TRAP})沙河市城市管理综合行政执法局",
             "003_4e4bafc32cf8cb39.txt": f"[a](http://127.0.0.1:{TRAP})鹤岗市城市管理综合执法局",
             "002_f3bbfa1004ed2dd6.txt": f"http://127.0.0.1:{TRAP}/bare伊川县城市管理局"}
    titled = corpus / "004_d68123bc43084456.txt"  # 济南: its first line is its agency's name
    titled.write_text(TITLE_MARKDOWN + titled.read_text("utf-8").replace("\n", TITLE_TAIL + "\n", 1), "utf-8")
    with (corpus / "reports.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["file", "agency", "year"])
        w.writerows([name, agency, 2020] for name, agency in names.items())
    build_index(corpus, base / "index", embed=False)
    import duckdb

    from index.build import current_generation

    con = duckdb.connect(str(current_generation(base / "index") / "facts.duckdb"), read_only=True)
    agencies = [a for (a,) in con.execute("select agency from reports").fetchall()]
    con.close()
    assert sum(1 for a in agencies if a and str(TRAP) in a) == 3, agencies  # the names as reports.csv gives them
    with serve(corpus, base / "index", base / "streamlit.log") as url:
        yield url


def test_report_and_user_text_is_never_read_as_markdown(hostile_server, page):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(hostile_server)
    box = page.get_by_test_id("stChatInputTextArea")
    box.wait_for(timeout=90_000)
    page.get_by_text("试试这些问题").wait_for(timeout=90_000)
    page.get_by_test_id("stSidebar").get_by_text("机关（").click()  # the agency list
    for question in ("哪个单位的行政处罚决定数量最多？", f"![q](http://127.0.0.1:{TRAP}/q.png) www.example.com 济南呢？",
                     "济南市城市管理局关于2020年度政府信息公开工作情况的报告说了什么"):  # quotes the title line
        n = page.get_by_test_id("stChatMessage").count()
        box.fill(question)
        box.press("Enter")
        page.get_by_test_id("stChatMessage").nth(n + 1).wait_for(timeout=90_000)
        page.get_by_test_id("stChatMessage").nth(n + 1).get_by_test_id("stMarkdownContainer").first.wait_for()
    for summary in page.get_by_test_id("stExpander").locator("summary").all():  # every source opened
        summary.click()
    page.wait_for_timeout(1500)
    text = page.locator("body").inner_text().replace("\u2060", "")  # the word joiner that keeps URLs text
    assert f"![](http://127.0.0.1:{TRAP})沙河市城市管理综合行政执法局" in text  # the names as the reports give them
    assert f"{TITLE_MARKDOWN}济南市城市管理局{TITLE_TAIL}" in text.replace("\n", " ")  # the title line, quoted
    assert f"[a](http://127.0.0.1:{TRAP})鹤岗市城市管理综合执法局" in text
    main_links = page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    links = main_links
    for where in ("/findings", "/facts"):  # their tables, and the agency filter's options opened
        page.goto(hostile_server + where)
        page.get_by_test_id("stDataFrame").first.wait_for(timeout=90_000)
        page.get_by_test_id("stMultiSelect").first.click()
        options = page.get_by_role("option")
        options.first.wait_for(timeout=30_000)
        assert any(str(TRAP) in o for o in options.all_inner_texts())  # the names shown, not obeyed
        page.wait_for_timeout(1000)
        links = links + page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
        page.keyboard.press("Escape")
    assert not [u for u in requests if str(TRAP) in u], "the page fetched what a report or a question wrote"
    assert not [u for u in links if str(TRAP) in u or "example.com" in u]
    assert not page.locator("img[src*='127.0.0.1']").count()


def test_an_upload_is_built_by_the_real_server(server, page, tmp_path):
    """The upload's build runs in a process the server starts afresh (ui/uploads.py build_isolated): under
    `streamlit run` too, and the report goes into the index."""
    report = tmp_path / "鹤岗 2021 年报.txt"
    report.write_bytes((ROOT / "tests" / "fixtures" / "hegang_2021.txt").read_bytes())
    page.goto(server)
    page.get_by_test_id("stFileUploaderDropzone").wait_for(timeout=90_000)
    page.get_by_test_id("stSidebar").locator("input[type=file]").set_input_files(str(report))
    page.get_by_text("已加入：鹤岗 2021 年报.txt").wait_for(timeout=180_000)
    assert "鹤岗市城市管理综合执法局" in page.get_by_test_id("stSidebar").inner_text()


def _png() -> bytes:
    """A real 1×1 PNG image (what a stranger drops in by mistake: a screenshot)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff")) + chunk(b"IEND", b""))


def test_an_image_upload_is_refused_in_words(server, page, tmp_path):
    """A file of a format the readers do not take reaches the server, which names it and says why in Chinese
    (the browser's own type filter only marked it red, with no word on the page)."""
    image = tmp_path / "截图.png"
    image.write_bytes(_png())
    page.goto(server)
    page.get_by_test_id("stFileUploaderDropzone").wait_for(timeout=90_000)
    page.get_by_test_id("stSidebar").locator("input[type=file]").set_input_files(str(image))
    refused = page.get_by_test_id("stSidebar").get_by_text("未加入：截图.png：不支持的文件格式")
    refused.wait_for(timeout=90_000)
    assert ".pdf" in refused.inner_text() and ".txt" in refused.inner_text()  # what to upload instead


@contextmanager
def answered_at(browser, server: str, width: int, question: str):
    """A fresh session in a window `width` px wide (a phone's below 600) that asked `question`: yields the
    answer's chat message once its table is drawn."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", is_mobile=width < 600)
    page = context.new_page()
    try:
        page.goto(server)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(timeout=90_000)
        box.fill(question)
        box.press("Enter")
        answer = page.get_by_test_id("stChatMessage").nth(1)
        answer.get_by_test_id("stTable").first.wait_for(timeout=90_000)
        page.wait_for_timeout(1000)
        yield answer
    finally:
        context.close()


@pytest.mark.parametrize("width", [1400, 420])  # a clerk's laptop, a journalist's phone
def test_a_findings_answer_fits_the_chat_without_a_sideways_scroll(server, browser, width):
    """The 核对 answer's table (six columns, long 说明) in the chat: nothing in it scrolls sideways or runs past
    its cell, at 1400 px beside the sidebar and at 420 px; every 说明 is on the page whole."""
    with answered_at(browser, server, width, "哪些报告的数字前后不一致？") as answer:
        table = answer.get_by_test_id("stTable").first
        overflowing = table.evaluate("""e => [e, ...e.querySelectorAll('*')]
            .filter(x => x.clientWidth > 0 && x.scrollWidth > x.clientWidth + 1)
            .map(x => [x.tagName, x.scrollWidth, x.clientWidth])""")
        assert overflowing == []
        assert table.bounding_box()["width"] <= answer.bounding_box()["width"]
        details = table.locator("tbody tr").evaluate_all("rows => rows.map(r => r.lastElementChild.innerText)")
        assert len(details) > 12 and all("规则" in d or "正文" in d or "表格" in d for d in details)
        table.screenshot(path=str(ARTIFACTS / f"ui_findings_answer_{width}.png"))


def test_the_file_picker_offers_only_report_formats(server, page, tmp_path):
    """The operating system's picker lists only the formats the readers take (the input's accept list), while
    a file of another kind that is dropped in still reaches the server and is refused in words (the test
    above); the fresh input each upload brings gets the list too."""
    from index.readers import SUPPORTED_SUFFIXES

    page.goto(server)
    field = page.get_by_test_id("stSidebar").locator("[data-testid=stFileUploaderDropzone] input[type=file]")
    field.wait_for(state="attached", timeout=90_000)
    page.wait_for_function("() => document.querySelector('[data-testid=stFileUploaderDropzone] input[type=file]')"
                           ".getAttribute('accept')", timeout=30_000)
    assert set(field.get_attribute("accept").split(",")) == set(SUPPORTED_SUFFIXES)
    image = tmp_path / "截图.png"
    image.write_bytes(_png())
    field.set_input_files(str(image))
    page.get_by_test_id("stSidebar").get_by_text("未加入：截图.png").wait_for(timeout=90_000)
    again = page.get_by_test_id("stSidebar").locator("[data-testid=stFileUploaderDropzone] input[type=file]")
    page.wait_for_timeout(1000)
    assert set(again.get_attribute("accept").split(",")) == set(SUPPORTED_SUFFIXES)


def test_a_short_answer_shows_its_numbers_on_a_phone(server, browser):
    """A ranking of the seeds' five agencies on a 420 px phone: every cell of the table, numbers included, is
    within the screen (in a grid the right-aligned number column sat past the edge, its cells seemingly blank)."""
    with answered_at(browser, server, 420, "哪个单位的行政处罚决定数量最多？") as answer:
        table = answer.get_by_test_id("stTable").first
        right = table.get_by_text("313", exact=True).evaluate("e => e.getBoundingClientRect().right")
        assert 0 < right <= 420
        table.screenshot(path=str(ARTIFACTS / "ui_ranking_420.png"))
