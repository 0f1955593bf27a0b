"""One report brought as several files (qa/copies.py): the text copied out of a page and the saved page, or
the same file twice. Answers count it once and say which files hold it; two files of one agency and year
that disagree are two reports.

The outside questions (../shared/questions/dev.json) are asked again over their corpus plus the six text
dumps of real/ that are copies of its saved pages, the corpus the set's README warns "would count those
years twice": every question must pass as it does without them.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from test_dev_questions import CORPUS, QUESTIONS, ask_item, question_corpus, score

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "real" / "reports"
DUMPS = {"02_pingtan_2019.txt": 2019, "03_pingtan_2020.txt": 2020, "04_pingtan_2021.txt": 2021,
         "06_pingtan_2023.txt": 2023, "07_pingtan_2024.txt": 2024, "08_pingtan_2025.txt": 2025}


@pytest.fixture(scope="module")
def with_copies(tmp_path_factory):
    from qa.engine import QA

    corpus = {"corpus": CORPUS.get("corpus", []) + [
        f"../shared/real/reports/{name} (平潭综合实验区 {year})" for name, year in DUMPS.items()]}
    built = question_corpus(tmp_path_factory, corpus)
    qa = QA(built.index)
    yield qa
    qa.close()


def test_copies_are_grouped_with_the_cleaner_file_standing(with_copies):
    store = with_copies.store
    groups = {store.reports[g.primary].doc: sorted(store.reports[o].doc for o in g.others)
              for g in store.copies.groups.values()}
    # the saved page is read cell by cell; the dump's run-together digits are split by arithmetic
    assert groups == {_page_of(name): [name] for name in DUMPS}
    assert all(g.differ == 0 and g.shared > 150 for g in store.copies.groups.values())


def _page_of(dump: str) -> str:
    """The saved page that holds the same report as a text dump of real/ (README: 02–08 ↔ 11–17)."""
    year = DUMPS[dump]
    return next(p.name for p in REAL.glob(f"1*_pingtan_{year}.html"))


def test_counting_questions_count_each_report_once(with_copies):
    answer, _ = with_copies.ask("一共有几份报告")
    assert "13份报告" in answer.text and "只计一次" in answer.text
    answer, _ = with_copies.ask("平潭每年收到多少申请")
    assert [row[1] for row in answer.table.rows] == [2019, 2020, 2021, 2022, 2023, 2024, 2025]
    answer, _ = with_copies.ask("平潭2023年存在哪些问题")
    assert len({c.doc for c in answer.citations if c.kind == "passage"}) == 1


@pytest.mark.parametrize("item", [pytest.param(x, id=x["id"]) for x in QUESTIONS])
def test_dev_question_unchanged_by_copies(item, with_copies):
    assert score(item, ask_item(with_copies, item)) == []


def test_files_that_disagree_stay_two_reports(tmp_path):
    """A file of the same agency and year whose numbers differ (a corrected edition) is another report; an
    identical file under another name is a copy."""
    from index.build import build_index
    from qa.engine import QA

    seeds = ROOT / "corpus"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = sorted(seeds.glob("*.txt"))[:2]
    shutil.copy(first, corpus / first.name)
    shutil.copy(first, corpus / ("copy_" + first.name))
    shutil.copy(second, corpus / second.name)
    text = second.read_text("utf-8")
    head, table = text[:len(text) // 3], text[len(text) // 3:]
    bumped = re.sub(r"(?<![\d.年])(\d{1,4})(?![\d.年])", lambda m: str(int(m.group(1)) + 1), table)
    (corpus / ("corrected_" + second.name)).write_text(head + bumped, "utf-8")
    build_index(corpus, tmp_path / "index")
    qa = QA(tmp_path / "index")
    try:
        store = qa.store
        groups = [(store.reports[g.primary].doc, [store.reports[o].doc for o in g.others])
                  for g in store.copies.groups.values()]
        assert len(groups) == 1 and sorted([groups[0][0], *groups[0][1]]) == [first.name, "copy_" + first.name]
        assert int(store.copies.is_primary.sum()) == 3
    finally:
        qa.close()
