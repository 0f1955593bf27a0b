"""A per-year series of one agency reads in year order, whatever order its files were indexed in (平潭's 2022
report is a text dump beside the other years' saved pages, so it is indexed apart from them)."""

from __future__ import annotations

import re

import pytest

from test_dev_questions import DEV
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV.parent} not found (../shared is not beside the repo)")


@pytest.mark.parametrize("question", ["平潭历年收到的申请数量", "平潭各年行政处罚分别是多少"])
def test_a_series_reads_in_year_order(dev_qa, question: str) -> None:
    answer, _ = dev_qa.ask(question)
    years = [int(y) for y in re.findall(r"(20\d\d)年\d", answer.text)]
    assert len(years) >= 7 and years == sorted(years), answer.text
    table_years = [row[1] for row in answer.table.rows]
    assert table_years == sorted(table_years)
