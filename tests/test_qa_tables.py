"""Answer tables keep every row (the page scrolls or pages them, the download holds them all), and every
number in a long table is still traced to its cited cell. Over a generated corpus of 300 reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qa.cite import QUOTED
from qa.trace import untraceable

ROOT = Path(__file__).resolve().parents[1]
N_REPORTS = 300


@pytest.fixture(scope="module")
def big_qa(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import write_corpus

    from index.build import build_index
    from qa.engine import QA

    base = tmp_path_factory.mktemp("big")
    write_corpus(base / "corpus", N_REPORTS, seed=11, inconsistent_share=0.0)
    build_index(base / "corpus", base / "index", embed=False)
    qa = QA(base / "index")
    yield qa
    qa.close()


@pytest.mark.parametrize("question", ["各单位行政处罚排名", "哪个单位行政处罚最多", "各单位行政许可合计",
                                      "行政处罚超过10件的单位有哪些", "所有报告的新收申请从多到少排序"])
def test_a_ranking_keeps_every_row(big_qa, question):
    answer, _ = big_qa.ask(question)
    assert answer.status == "answered", answer.text
    rows = answer.table.rows
    expected = len(big_qa.store.scope(latest="所有报告" not in question))
    if "超过" in question:
        assert 20 < len(rows) <= expected
    else:
        assert len(rows) == expected > 20
    assert not untraceable(answer)
    # every row with a value names its source cell; the first rows are cited with their quoted lines
    sources = answer.table.sources
    assert len(sources) == len(rows)
    for r, src in zip(rows, sources):
        if any(isinstance(v, (int, float)) and col not in ("名次", "年份") for col, v in zip(answer.table.columns, r)):
            assert src and src[0] and src[1] > 0, r
    cited = {(c.doc, c.key) for c in answer.citations if c.kind == "fact"}
    assert {(s[0], s[2]) for s in sources[:QUOTED] if s} <= cited
    # an export quotes every row: each source cell then has its citation, with the row's value in its quote
    whole = big_qa.ctx.citer.every_row(answer)
    quoted = {(c.doc, c.key): c for c in whole.citations if c.kind == "fact"}
    assert {(s[0], s[2]) for s in sources if s} <= set(quoted)
    assert whole.citations[:len(answer.citations)] == answer.citations and not untraceable(whole)
    i = answer.table.columns.index(next(c for c in answer.table.columns if c in answer.table.units))
    for r, src in zip(rows, sources):
        if src and isinstance(r[i], (int, float)):
            c = quoted[(src[0], src[2])]
            assert c.line_start <= src[1] <= c.line_end and c.number == r[i], (r, c)
