"""The question set (tests/qa_questions.json) over the seeds: exact-match share of QA.ask, the numbers
check (no answer states a number absent from its citations), and a retrieval-only baseline in the same
harness.

Gold answers were written by hand from the seed reports (the numbers of corpus/*.txt and
tests/fixtures/hegang_2021.txt), not from this engine's output. An answer is exact when its status is the
gold one, it is about exactly the gold agencies (the winners of a max/min, the rows of a ranking or a
filter, the agency quoted for a text question, the candidates of an ambiguous name), its text holds every
gold number and phrase, and, where the gold names one, its measure is the gold measure.

Index "seeds" is corpus/ as it is; "years" adds the 2021 report of 鹤岗 (tests/fixtures/hegang_2021.txt)
so that year filters, latest-year defaults and year-on-year change have something to work on.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from qa.answer import Answer, Citation, Reading
from qa.trace import numbers_in, untraceable

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = json.loads((ROOT / "tests" / "qa_questions.json").read_text("utf-8"))
TARGET = 0.95


@pytest.fixture(scope="session")
def years_index(tmp_path_factory) -> Path:
    from index.build import build_index

    base = tmp_path_factory.mktemp("years-index")
    shutil.copytree(ROOT / "corpus", base / "corpus")
    shutil.copy(ROOT / "tests" / "fixtures" / "hegang_2021.txt", base / "corpus" / "005_hegang_2021.txt")
    build_index(base / "corpus", base / "index")
    return base / "index"


@pytest.fixture(scope="session")
def engines(seed_index, years_index):
    from qa.engine import QA

    qas = {"seeds": QA(seed_index.index), "years": QA(years_index)}
    yield qas
    for qa in qas.values():
        qa.close()


def ask(qa, item: dict) -> Answer:
    conversation = None
    for prev in item.get("context", []):
        _, conversation = qa.ask(prev, conversation)
    answer, _ = qa.ask(item["q"], conversation)
    return answer


# ---------------------------------------------------------------- judging
def answer_agencies(answer: Answer) -> set[str]:
    op, table = answer.reading.operation, answer.table
    if answer.status == "ambiguous":
        return {a.label for a in answer.alternatives}
    if op in ("prose", "mixed"):
        if answer.reading.agencies:
            return set(answer.reading.agencies)
        first = next((c for c in answer.citations if c.kind == "passage"), None)
        return {first.agency} if first and first.agency else set()
    if op == "findings":
        return {r[0] for r in table.rows if r[4] == "不一致"} if table else set()
    if table and table.columns and table.columns[0] == "名次" and op in ("max", "min"):
        return {r[1] for r in table.rows if r[0] == 1}
    if table and "单位" in table.columns:
        i = table.columns.index("单位")
        return {r[i] for r in table.rows}
    return set(answer.reading.agencies)


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def problems(item: dict, answer: Answer) -> list[str]:
    out = []
    if answer.status != item["status"]:
        out.append(f"status {answer.status} ≠ {item['status']}")
    if "measure" in item and answer.reading.measure != item["measure"]:
        out.append(f"measure {answer.reading.measure} ≠ {item['measure']}")
    if "agencies" in item and answer_agencies(answer) != set(item["agencies"]):
        out.append(f"agencies {sorted(answer_agencies(answer))} ≠ {item['agencies']}")
    stated = {n for n, _, _ in numbers_in(answer.text)}
    for n in item.get("numbers", []):
        if _num(n) not in stated:
            out.append(f"number {_num(n)} not in the text")
    for phrase in item.get("contains", []):
        if phrase not in answer.text:
            out.append(f"「{phrase}」 not in the text")
    if "from_text" in item and answer.from_text != item["from_text"]:
        out.append(f"from_text {answer.from_text} ≠ {item['from_text']}")
    return out


# ---------------------------------------------------------------- the baseline: top passages only
def baseline_answer(qa, item: dict) -> Answer:
    """What a plain retrieval chatbot does: search, take the top passage, answer with its first number
    (the passage is quoted too, which only helps it on phrases and numbers)."""
    query = " ".join([*item.get("context", []), item["q"]]).strip()
    hits = qa.retriever.search(query, k=3).hits if query else []
    if not hits:
        return Answer(question=item["q"], text="没有找到。", status="out_of_scope",
                      reading=Reading(operation="prose", summary="baseline"))
    p = hits[0].passage
    m = re.search(r"\d[\d,]*(?:\.\d+)?", p.text)
    text = f"{p.agency}：{m.group() if m else '（无数字）'}。{p.text}"
    return Answer(question=item["q"], text=text, status="answered", from_text=p.kind == "prose",
                  reading=Reading(operation="prose", agencies=[p.agency] if p.agency else [], summary="baseline"),
                  citations=[Citation(doc=p.doc, agency=p.agency, year=p.year, part=p.part, line_start=p.line_start,
                                      line_end=p.line_end, quote=p.text, kind="passage")])


@pytest.fixture(scope="session")
def results(engines) -> list[tuple[dict, Answer, list[str]]]:
    out = []
    for item in QUESTIONS:
        answer = ask(engines[item["index"]], item)
        out.append((item, answer, problems(item, answer)))
    return out


def test_question_set_covers_the_brief():
    assert len(QUESTIONS) >= 80
    ops = {q.get("op") for q in QUESTIONS}
    assert {"max", "min", "top", "bottom", "rank", "sum", "avg", "count", "filter", "value", "compare", "change",
            "findings", "corpus", "prose", "mixed"} <= ops
    statuses = {q["status"] for q in QUESTIONS}
    assert {"answered", "ambiguous", "not_found", "absent", "out_of_scope", "invalid"} <= statuses
    assert any(q.get("context") for q in QUESTIONS)
    assert len({q["id"] for q in QUESTIONS}) == len(QUESTIONS)


def test_exact_match_share(results, engines, capsys):
    misses = [(item, answer, p) for item, answer, p in results if p]
    share = 1 - len(misses) / len(results)
    base = [problems(item, baseline_answer(engines[item["index"]], item)) for item, _, _ in results]
    base_share = sum(not p for p in base) / len(base)
    with capsys.disabled():
        print(f"\nQA exact match: {len(results) - len(misses)}/{len(results)} = {share:.1%}"
              f"   baseline (top passage only): {sum(not p for p in base)}/{len(base)} = {base_share:.1%}")
        for batch in sorted({item.get("batch", 1) for item, _, _ in results}):
            part = [p for item, _, p in results if item.get("batch", 1) == batch]
            print(f"  batch {batch}: {sum(not p for p in part)}/{len(part)}")
        for item, answer, p in misses:
            print(f"  MISS {item['id']}: {item['q'][:30]} → {'; '.join(p)}\n       {answer.text[:150]}")
    assert share >= TARGET, f"exact match {share:.1%} < {TARGET:.0%}"
    assert share > base_share


def test_no_answer_states_a_number_absent_from_its_citations(results):
    bad = {item["id"]: untraceable(answer) for item, answer, _ in results}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, bad


def test_answers_serialise(results):
    for _, answer, _ in results:
        assert Answer.model_validate_json(answer.model_dump_json()) == answer
