"""Every 「也可以问」 suggestion is a question the engine answers (issue 9): each one offered on the dev.json and
held-out answers is asked afresh; it must be answered, and a suggestion that names another column
(看「自然人」 / 按「上一年项目数量」) must read back as that column, not as a garbled label."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from test_dev_questions import DEV, result
from test_dev_questions import dev_corpus, dev_qa  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(not DEV.exists(), reason=f"{DEV.parent} not found (../shared is not beside the repo)")

_SETS = [DEV, Path(__file__).with_name("heldout_questions.json")]
ITEMS = [x for p in _SETS for x in json.loads(p.read_text("utf-8")) if x.get("kind") not in ("corpus", "refuse")]


@pytest.mark.parametrize("item", ITEMS, ids=[x["id"] for x in ITEMS])
def test_every_suggestion_is_answered(item, dev_qa) -> None:
    answers, _ = result(dev_qa, item)
    for answer in answers:
        for alt in answer.alternatives[:5]:
            if answer.status != "answered":
                continue  # not-found answers offer candidates to choose from (tests/test_qa_reading.py)
            again, _ = dev_qa.ask(alt.question)
            assert again.status == "answered", f"{item['id']}: 「{alt.question}」 → {again.status}: {again.text[:120]}"
            column = re.fullmatch(r"[看按]「(.+)」", alt.label)
            if column and again.reading and again.reading.measure_label:
                assert again.reading.measure_label.endswith(column.group(1)), \
                    f"{item['id']}: 「{alt.question}」 offered as {alt.label}, read as {again.reading.measure_label}"
