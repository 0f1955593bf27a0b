"""One agency whose files give its name with more or fewer places (洪泽区人民政府, 淮安市洪泽区人民政府, 江苏省洪泽区
人民政府) is one agency in answers, under the name that states most places, and answers say which file wrote it
otherwise (index.metadata.fuller_names, used by qa.facts and qa.retrieve). An agency named in other words is
left apart."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "corpus" / "002_f3bbfa1004ed2dd6.txt"  # 伊川县城市管理局 2020


def test_fuller_names_takes_the_name_with_most_places():
    from index.metadata import fuller_names

    got = fuller_names(["江苏省洪泽区人民政府", "淮安市洪泽区人民政府", "洪泽区人民政府", "北京市朝阳区人民政府",
                        "长春市朝阳区人民政府", "朝阳区人民政府", "七台河市城市管理局", "七台河市城市管理综合行政执法局"])
    # a city before a province; 朝阳区 fits two agencies; other words after the places are not the same name
    assert got == {"江苏省洪泽区人民政府": "淮安市洪泽区人民政府", "洪泽区人民政府": "淮安市洪泽区人民政府"}
    assert fuller_names(["伊川县城市管理局"]) == {}


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """The seed of 伊川 2020, and the same text as 洛阳市伊川县城市管理局's report of 2021."""
    from index.build import build_index
    from qa.engine import QA

    base = tmp_path_factory.mktemp("names")
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    text = SEED.read_text("utf-8").replace("伊川县城市管理局", "洛阳市伊川县城市管理局").replace("2020", "2021")
    (corpus / "luoyang_2021.txt").write_text(text, "utf-8")
    build_index(corpus, base / "index")
    qa = QA(base / "index")
    yield qa
    qa.close()


def test_one_agency_under_its_fuller_name(renamed):
    assert {r.name for r in renamed.store.reports} == {"洛阳市伊川县城市管理局"}
    answer, _ = renamed.ask("伊川城管2020年和2021年行政处罚分别是多少")
    assert "需要澄清" not in answer.text and "2020年313件" in answer.text and "2021年313件" in answer.text
    assert f"{SEED.name}写作「伊川县城市管理局」，按洛阳市伊川县城市管理局计" in answer.text
    answer, _ = renamed.ask("伊川县城市管理局有几份报告")
    assert "报告有2份" in answer.text


def test_search_by_the_fuller_name_finds_both_files(renamed):
    hits = renamed.retriever.search("伊川城管存在哪些问题", k=10).hits
    assert {h.passage.doc for h in hits} == {SEED.name, "luoyang_2021.txt"}
