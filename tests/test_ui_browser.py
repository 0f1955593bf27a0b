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


@pytest.fixture(scope="module")
def server(seed_index, tmp_path_factory):
    """The app served by a real `streamlit run`, against a private copy of the seed index."""
    mine = seed_index.copy(tmp_path_factory.mktemp("browser"))
    port = free_port()
    env = {**os.environ, "QA_INDEX": str(mine.index), "QA_CORPUS": str(mine.corpus),
           "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    log = (tmp_path_factory.getbasetemp() / "streamlit.log").open("w")
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
                pytest.fail("streamlit did not start:\n" + Path(log.name).read_text()[-3000:])
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
    messages.nth(1).get_by_test_id("stDataFrame").wait_for(timeout=90_000)
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
    page.get_by_test_id("stChatMessage").nth(3).get_by_test_id("stDataFrame").wait_for(timeout=90_000)
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
